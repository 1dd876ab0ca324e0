"""Writing the gazetteer out for GIS and dataframe users (QGIS, GeoPandas, pandas).

Files are written atomically and by the output-path policy of :mod:`syriamap.output`
(``check_writable``, ``temporary_beside`` and ``write_atomic`` are imported from there by
name, as they were first defined here).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..output import STDOUT, check_writable, temporary_beside, write_atomic, write_stdout
from .core import Gazetteer
from .place import Place

__all__ = ["CSV_COLUMNS", "check_writable", "export", "temporary_beside", "write_atomic"]

#: The CSV columns: the first nine as before OCHA's codes came, then Syria's names and codes
#: (empty elsewhere) — a reader that takes columns by position still reads the old ones.
CSV_COLUMNS = (
    *("id", "name", "kind", "lat", "lon", "country", "admin1", "population", "aliases"),
    *("name_ar", "pcode", "admin1_pcode", "admin2", "admin2_pcode", "admin3", "admin3_pcode"),
)


def _selected(gazetteer: Gazetteer, country: str | None, kind: str | None) -> Iterator[Place]:
    for place in gazetteer:
        if (country is None or place.country == country) and (kind is None or place.kind == kind):
            yield place


def spreadsheet_safe(row: list[Any]) -> list[Any]:
    """Text cells that start like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) prefixed with
    ``'``, so a CSV opened in a spreadsheet shows article text instead of running it (OWASP's
    CSV-injection advice).  Numbers are left alone."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in _FORMULA_START else v for v in row]


_FORMULA_START = frozenset("=+-@\t\r")


def export(
    gazetteer: Gazetteer,
    fmt: str,
    output: str | Path,
    *,
    country: str | None = None,
    kind: str | None = None,
) -> int:
    """Write the selected places as ``geojson`` (RFC 7946 FeatureCollection; outlines and
    lines where the place has one — governorates, Syria's districts and subdistricts — and
    every field of :meth:`Place.to_dict` as properties) or ``csv`` (:data:`CSV_COLUMNS`);
    ``output`` '-' is stdout.  Returns the count."""
    places = list(_selected(gazetteer, country, kind))
    if not places:
        # an empty file would look like success: a typo in --kind or --country is an error
        raise InputError(
            f"no place of kind {kind!r} in country {country!r}"
            if kind and country
            else f"no place of kind {kind!r}"
            if kind
            else f"no place in country {country!r}"
        )
    if fmt == "geojson":
        text = (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [p.to_geojson(shape=True) for p in places],
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            + "\n"
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for p in places:
            writer.writerow(
                spreadsheet_safe(
                    [
                        p.id,
                        p.name,
                        p.kind,
                        p.lat,
                        p.lon,
                        p.country or "",
                        p.admin1 or "",
                        p.population,
                        "|".join(p.aliases),
                        *(p.name_ar, p.pcode, p.admin1_pcode, p.admin2, p.admin2_pcode),
                        *(p.admin3, p.admin3_pcode),
                    ]
                )
            )
        text = buffer.getvalue()
    if str(output) == STDOUT:
        write_stdout(text)
    else:
        write_atomic(output, text)
    return len(places)
