"""``syriamap batch --out FILE.parquet``: the batch rows as one flat GeoParquet event table.

JSONL keeps each article whole; GIS and dataframe users want one row per thing on the map.
So each place mention, control change and movement leg becomes a row with a geometry
(EPSG:4326), the article's id and metadata, and its evidence; an article that failed becomes
one ``kind = "error"`` row without geometry, so nothing is silently lost.  The columns are
documented in docs/scaling.md.  Needs the ``parquet`` extra (GeoPandas and pyarrow).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, SyriamapError
from ..gazetteer.export import temporary_beside

__all__ = ["COLUMNS", "check_parquet_extra", "event_rows", "write_parquet"]

COLUMNS = (
    "id",
    "kind",
    "name",
    "place_id",
    "origin",
    "faction",
    "previous_controller",
    "actor",
    "movement_kind",
    "mode",
    "date",
    "historic",
    "evidence",
    "start",
    "end",
    "confidence",
    "title",
    "published",
    "url",
    "outlet",
)


def check_parquet_extra() -> None:
    """Fail before any work when GeoPandas or pyarrow is missing (one line, exit 2)."""
    try:
        import geopandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise SyriamapError(
            ".parquet output needs the parquet extra: pip install 'syriamap[parquet]'"
        ) from None


def _event_fields(event: dict[str, Any]) -> dict[str, Any]:
    """The columns every event row has: when, whether historic, and the sentence behind it."""
    return {
        "date": _day(event["date"]),
        "historic": event["historic"],
        "evidence": event["evidence"]["text"],
        "start": event["evidence"]["start"],
        "end": event["evidence"]["end"],
        "confidence": event["confidence"],
    }


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _point(place: dict[str, Any] | None) -> tuple[float, float] | None:
    return None if place is None else (float(place["lon"]), float(place["lat"]))


def event_rows(row: dict[str, Any]) -> Iterator[tuple[dict[str, Any], list[tuple[float, float]]]]:
    """The table rows of one batch row, each with its coordinates (lon, lat): one point, a
    line origin → via → destination, or none (an error, a movement without places)."""
    base: dict[str, Any] = dict.fromkeys(COLUMNS)
    base["id"] = row["id"]
    if "error" in row:
        yield {**base, "kind": "error", "evidence": row["error"]}, []
        return
    source = row.get("source") or {}
    base.update(
        title=source.get("title"),
        published=_day(source.get("published")),
        url=source.get("url"),
        outlet=source.get("outlet"),
    )
    for m in row["places"]:
        yield (
            {
                **base,
                "kind": "place",
                "name": m["name"],
                "place_id": m["id"],
                "evidence": m["surface"],
                "start": m["start"],
                "end": m["end"],
                "confidence": m["confidence"],
            },
            [(float(m["lon"]), float(m["lat"]))],
        )
    for c in row["control_changes"]:
        yield (
            {
                **base,
                "kind": "control_change",
                "name": c["place"]["name"],
                "place_id": c["place"]["id"],
                "faction": c["new_controller"],
                "previous_controller": c["previous_controller"],
                "actor": c["actor"],
                **_event_fields(c),
            },
            [(float(c["place"]["lon"]), float(c["place"]["lat"]))],
        )
    for m in row["movements"]:
        event = {
            **base,
            "kind": "movement",
            "origin": m["origin"]["name"] if m["origin"] else None,
            "faction": m["faction"],
            "actor": m["actor"],
            "movement_kind": m["kind"],
            "mode": m["mode"],
            **_event_fields(m),
        }
        origin = _point(m["origin"])
        via = [p for p in (_point(v) for v in m["via"]) if p]
        legs = m["destinations"] or [None]
        for destination in legs:
            end = _point(destination)
            path = [p for p in (origin, *via, end) if p]
            yield (
                {
                    **event,
                    "name": destination["name"] if destination else None,
                    "place_id": destination["id"] if destination else None,
                },
                path,
            )


_TYPES = {
    "start": "int32",
    "end": "int32",
    "confidence": "float64",
    "historic": "bool_",
    "date": "date32",
    "published": "date32",
}


def _typed_columns(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Columns with fixed Arrow types (strings elsewhere), so every file has one schema,
    empty or not, and nulls stay nulls (no NaN in integer columns)."""
    import pandas
    import pyarrow

    return {
        name: pandas.array(
            [r[name] for r in records],
            dtype=pandas.ArrowDtype(getattr(pyarrow, _TYPES.get(name, "string"))()),
        )
        for name in COLUMNS
    }


def write_parquet(jsonl: Path, out: Path) -> int:
    """Convert a batch JSONL file into a GeoParquet table at ``out`` (atomically: temporary
    file and rename); returns the number of table rows.  Builds the table in memory (a few
    hundred bytes per event)."""
    import geopandas
    from shapely import LineString, Point

    records: list[dict[str, Any]] = []
    shapes: list[Any] = []
    with jsonl.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
                pairs = list(event_rows(row))
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(f"{jsonl}: line {number} is not a batch row ({err})") from None
            for record, coords in pairs:
                records.append(record)
                shapes.append(
                    None
                    if not coords
                    else Point(coords[0])
                    if len(coords) == 1
                    else LineString(coords)
                )
    frame = geopandas.GeoDataFrame(_typed_columns(records), geometry=shapes, crs="EPSG:4326")
    handle_fd, tmp = temporary_beside(out)
    os.close(handle_fd)
    try:
        frame.to_parquet(tmp, index=False, schema_version="1.0.0")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(records)
