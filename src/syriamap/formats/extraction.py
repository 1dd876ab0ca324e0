"""An article's facts as one value, :class:`Extraction`, in the forms the tools write.

JSON (``docs/schema.md``, validated by ``docs/extraction.schema.json``), GeoJSON and CSV are
three views of the same value; :func:`extraction_from_dict` and
:func:`extraction_from_geojson` read the first two back, so a saved extraction can be mapped,
merged into a corpus or re-scored without running the extractor again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..document import ControlChange, Document, Evidence, Mention, Movement
from ..errors import InputError
from ..gazetteer import Gazetteer, Place

SCHEMA_VERSION = 1
#: Columns of ``--format csv`` (one row per event).
CSV_COLUMNS = (
    "event",
    "place",
    "lat",
    "lon",
    "new_controller",
    "previous_controller",
    "origin",
    "destinations",
    "mode",
    "kind",
    "date",
    "historic",
    "evidence",
)


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return place.summary()


def _evidence(event: ControlChange | Movement) -> dict[str, Any]:
    e = event.evidence
    return {"text": e.text, "start": e.start, "end": e.end}


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article; ``to_json``/``to_geojson`` are the formats."""

    title: str | None
    published: date | None
    url: str | None
    places: tuple[Mention, ...]
    control_changes: tuple[ControlChange, ...]
    movements: tuple[Movement, ...]

    @classmethod
    def of(cls, document: Document) -> Extraction:
        """The facts a :class:`~syriamap.document.Document` holds once every stage has run."""
        return cls(
            title=document.title,
            published=document.published,
            url=document.url,
            places=document.mentions,
            control_changes=document.control_changes,
            movements=document.movements,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {
                "title": self.title,
                "published": self.published.isoformat() if self.published else None,
                "url": self.url,
            },
            "places": [m.to_dict() for m in self.places],
            "control_changes": [
                {
                    "place": _place(c.place),
                    "new_controller": c.new_controller,
                    "previous_controller": c.previous_controller,
                    "actor": c.actor,
                    "date": c.date.isoformat() if c.date else None,
                    "historic": c.historic,
                    "evidence": _evidence(c),
                    "confidence": round(c.confidence, 3),
                }
                for c in self.control_changes
            ],
            "movements": [
                {
                    "actor": m.actor,
                    "faction": m.faction,
                    "kind": m.kind,
                    "mode": m.mode,
                    "origin": _place(m.origin),
                    "destinations": [_place(d) for d in m.destinations],
                    "via": [_place(v) for v in m.via],
                    "date": m.date.isoformat() if m.date else None,
                    "historic": m.historic,
                    "evidence": _evidence(m),
                    "confidence": round(m.confidence, 3),
                }
                for m in self.movements
            ],
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def to_csv(self) -> str:
        """One row per event (control changes, then movements); text cells that a
        spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) are quoted with ``'``."""
        import csv
        import io

        from ..gazetteer.export import spreadsheet_safe

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for c in self.control_changes:
            writer.writerow(
                spreadsheet_safe(
                    [
                        "control_change",
                        c.place.name,
                        c.place.lat,
                        c.place.lon,
                        c.new_controller,
                        c.previous_controller or "",
                        "",
                        "",
                        "",
                        "",
                        c.date or "",
                        c.historic,
                        c.evidence.text,
                    ]
                )
            )
        for m in self.movements:
            writer.writerow(
                spreadsheet_safe(
                    [
                        "movement",
                        "",
                        "",
                        "",
                        "",
                        "",
                        m.origin.name if m.origin else "",
                        "|".join(d.name for d in m.destinations),
                        m.mode,
                        m.kind,
                        m.date or "",
                        m.historic,
                        m.evidence.text,
                    ]
                )
            )
        return buffer.getvalue()

    def to_geojson(self) -> dict[str, Any]:
        """RFC 7946 FeatureCollection: Points for places and control changes, a LineString
        per movement leg (origin → via points → destination), lon/lat order."""
        features: list[dict[str, Any]] = []
        for m in self.places:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [m.place.lon, m.place.lat]},
                    "properties": {"type": "place", **m.to_dict()},
                }
            )
        data = self.to_dict()
        for c, row in zip(self.control_changes, data["control_changes"], strict=True):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [c.place.lon, c.place.lat]},
                    "properties": {"type": "control_change", **row},
                }
            )
        for move, row in zip(self.movements, data["movements"], strict=True):
            if move.origin is None:
                continue
            for destination in move.destinations:
                path = [move.origin, *move.via, destination]
                features.append(
                    {
                        "type": "Feature",
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[p.lon, p.lat] for p in path],
                        },
                        "properties": {
                            "type": "movement_leg",
                            **row,
                            "destination": _place(destination),
                        },
                    }
                )
        return {"type": "FeatureCollection", "features": features}


def _place_from(data: dict[str, Any] | None, gazetteer: Gazetteer) -> Place | None:
    if data is None:
        return None
    try:
        return gazetteer.get(str(data["id"]))  # with its aliases and outline
    except LookupError:
        lat, lon = data["lat"], data["lon"]
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
            raise ValueError(f"place {data.get('name')!r}: lat/lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"place {data.get('name')!r}: lat/lon out of range") from None
        return Place(
            str(data["id"]),
            str(data["name"]),
            float(lat),
            float(lon),
            data.get("country"),
            str(data.get("kind") or "place"),
        )


def _date_from(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def extraction_from_dict(data: dict[str, Any], *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Rebuild an :class:`Extraction` from its JSON form (``to_dict``/``syriamap extract``),
    so a saved extraction can be mapped again without re-reading the article."""

    gaz = gazetteer or Gazetteer.default()
    try:
        source = data.get("source") or {}

        def evidence(e: dict[str, Any]) -> Evidence:
            return Evidence(str(e["text"]), int(e["start"]), int(e["end"]))

        places = tuple(
            Mention(
                str(m["surface"]),
                int(m["start"]),
                int(m["end"]),
                _place_from(m, gaz) or Place("none:", "", 0, 0, None, "place"),
                float(m.get("confidence", 1.0)),
            )
            for m in data.get("places", [])
        )
        changes = tuple(
            ControlChange(
                _place_from(c["place"], gaz) or Place("none:", "", 0, 0, None, "place"),
                str(c["new_controller"]),
                c.get("previous_controller"),
                c.get("actor"),
                _date_from(c.get("date")),
                bool(c.get("historic")),
                evidence(c["evidence"]),
                float(c.get("confidence", 1.0)),
            )
            for c in data.get("control_changes", [])
        )
        movements = tuple(
            Movement(
                m.get("actor"),
                str(m.get("faction") or "unknown"),
                str(m["kind"]),
                str(m["mode"]),
                _place_from(m.get("origin"), gaz),
                tuple(p for p in (_place_from(d, gaz) for d in m.get("destinations", [])) if p),
                tuple(p for p in (_place_from(v, gaz) for v in m.get("via", [])) if p),
                _date_from(m.get("date")),
                bool(m.get("historic")),
                evidence(m["evidence"]),
                float(m.get("confidence", 1.0)),
            )
            for m in data.get("movements", [])
        )
        return Extraction(
            source.get("title"),
            _date_from(source.get("published")),
            source.get("url"),
            places,
            changes,
            movements,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise InputError(f"not a syriamap extraction ({type(err).__name__}: {err})") from None


def extraction_from_geojson(
    data: dict[str, Any], *, gazetteer: Gazetteer | None = None
) -> Extraction:
    """Rebuild an :class:`Extraction` from its GeoJSON form (``to_geojson``/``--format
    geojson``).  Each movement leg carries its whole movement, so legs of one movement are
    folded back into one; the title, date and URL are not in the GeoJSON and come back empty."""
    features = data.get("features")
    if data.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise InputError("not a GeoJSON FeatureCollection")
    rebuilt: dict[str, list[Any]] = {"places": [], "control_changes": [], "movements": []}
    seen_moves: set[str] = set()
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            raise InputError("not a syriamap extraction (a feature without properties)")
        row = {k: v for k, v in properties.items() if k not in ("type", "destination")}
        kind = properties.get("type")
        if kind == "place":
            rebuilt["places"].append(row)
        elif kind == "control_change":
            rebuilt["control_changes"].append(row)
        elif kind == "movement_leg":
            key = json.dumps(row, sort_keys=True)
            if key not in seen_moves:
                seen_moves.add(key)
                rebuilt["movements"].append(row)
        else:
            raise InputError(f"not a syriamap extraction (feature type {kind!r})")
    return extraction_from_dict(rebuilt, gazetteer=gazetteer)
