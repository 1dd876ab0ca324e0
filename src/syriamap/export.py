"""Writing the gazetteer out for GIS and dataframe users (QGIS, GeoPandas, pandas).

Files are written atomically: to a temporary file beside the target, then renamed, so an
interrupted export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .gazetteer import Gazetteer
from .place import Place

__all__ = ["CSV_COLUMNS", "export", "write_atomic"]

CSV_COLUMNS = ("id", "name", "kind", "lat", "lon", "country", "admin1", "population", "aliases")


def _selected(gazetteer: Gazetteer, country: str | None, kind: str | None) -> Iterator[Place]:
    for place in gazetteer:
        if (country is None or place.country == country) and (kind is None or place.kind == kind):
            yield place


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temporary_beside(target: Path) -> tuple[int, str]:
    """A temporary file next to ``target`` (same filesystem, so the final rename is atomic)
    with the permissions a plain ``open()`` would give, not mkstemp's private 0600: a map
    or table written for others to read must stay readable after the rename."""
    check_writable(target)
    try:
        handle, tmp = tempfile.mkstemp(
            dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as err:
        raise InputError(f"{target}: cannot write there ({err.strerror or err})") from None
    os.fchmod(handle, _file_mode())
    return handle, tmp


def spreadsheet_safe(row: list[Any]) -> list[Any]:
    """Text cells that start like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) prefixed with
    ``'``, so a CSV opened in a spreadsheet shows article text instead of running it (OWASP's
    CSV-injection advice).  Numbers are left alone."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in _FORMULA_START else v for v in row]


_FORMULA_START = frozenset("=+-@\t\r")


def check_writable(target: Path) -> None:
    """Refuse, in one line and before any work, an output that is a directory or whose
    folder does not exist (the rename at the end would fail after all the work)."""
    if target.is_dir():
        raise InputError(f"{target}: is a directory, not a file to write")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: no such directory {str(folder)!r}")


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename (never half a file)."""
    target = Path(path)
    handle, tmp = temporary_beside(target)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write ({err.strerror or err})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(
    gazetteer: Gazetteer,
    fmt: str,
    output: str | Path,
    *,
    country: str | None = None,
    kind: str | None = None,
) -> int:
    """Write the selected places as ``geojson`` (RFC 7946 FeatureCollection; outlines and
    lines where the place has one) or ``csv``; ``output`` '-' is stdout.  Returns the count."""
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
                    ]
                )
            )
        text = buffer.getvalue()
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
    return len(places)
