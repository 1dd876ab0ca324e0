"""Reading place overlays: the project's curated CSV and users' own CSV or GeoJSON files.

One format serves both, so a user's file can do anything the curated one does.  CSV columns
(header required, extra columns ignored)::

    id,name,kind,aliases,lat,lon,country,admin1,line,source,note

* a row whose ``id`` is new adds a place: ``name``, ``kind``, ``lat``/``lon`` required;
  ``aliases`` is ``|``-separated; ``line`` is an optional WKT ``LINESTRING(lon lat, ...)``;
* a row whose ``id`` names an existing place and leaves ``lat``/``lon`` empty only adds
  aliases to it (a local spelling for a known place).

GeoJSON overlays are FeatureCollections whose features carry the same fields as properties
and a Point or LineString geometry.  Every problem is reported as ``InputError`` naming the
file and the line (CSV) or feature number (GeoJSON).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["OverlayEntry", "read_overlay", "read_overlay_csv", "read_overlay_geojson"]

_ID = re.compile(r"^[a-z][a-z0-9_-]*:[A-Za-z0-9_.\-]+$")
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LINESTRING = re.compile(r"^\s*LINESTRING\s*\((.*)\)\s*$", re.IGNORECASE)
MAX_OVERLAY_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class OverlayEntry:
    """One validated overlay row: a new place, or aliases for an existing one (``lat`` is None)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    source: str
    geometry: str | None = None

    @property
    def adds_place(self) -> bool:
        return self.lat is not None


def _coordinate(value: str, low: float, high: float, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} {value} is outside [{low}, {high}]")
    return number


def _line_geometry(text: str) -> str:
    match = _LINESTRING.match(text)
    if not match:
        raise ValueError(f"line {text[:40]!r} is not a WKT LINESTRING(lon lat, ...)")
    coords = []
    for pair in match.group(1).split(","):
        parts = pair.split()
        if len(parts) != 2:
            raise ValueError(f"line point {pair.strip()!r} is not 'lon lat'")
        coords.append(
            [_coordinate(parts[0], -180, 180, "lon"), _coordinate(parts[1], -90, 90, "lat")]
        )
    if len(coords) < 2:
        raise ValueError("a line needs at least two points")
    return json.dumps({"type": "LineString", "coordinates": coords}, separators=(",", ":"))


def _entry(fields: dict[str, str], geometry: str | None = None) -> OverlayEntry:
    get = {k: (v or "").strip() for k, v in fields.items() if isinstance(k, str)}
    place_id = get.get("id", "")
    if not _ID.match(place_id):
        raise ValueError(f"id {place_id!r} must look like 'prefix:slug' (e.g. 'local:my-village')")
    aliases = tuple(a.strip() for a in get.get("aliases", "").split("|") if a.strip())
    lat_text, lon_text = get.get("lat", ""), get.get("lon", "")
    if not lat_text and not lon_text and geometry is None:
        if not aliases:
            raise ValueError("a row without coordinates must add aliases to an existing id")
        return OverlayEntry(
            place_id,
            get.get("name", ""),
            "",
            aliases,
            None,
            None,
            None,
            None,
            get.get("source", ""),
        )
    lat = _coordinate(lat_text, -90, 90, "lat")
    lon = _coordinate(lon_text, -180, 180, "lon")
    name, kind = get.get("name", ""), get.get("kind", "")
    if not name:
        raise ValueError("name is empty")
    if not _KIND.match(kind):
        raise ValueError(f"kind {kind!r} must be a lower-case word such as 'village' or 'airbase'")
    country = get.get("country") or None
    if country is not None and not _COUNTRY.match(country):
        raise ValueError(f"country {country!r} must be an ISO 3166-1 alpha-2 code such as 'SY'")
    if get.get("line"):
        geometry = _line_geometry(get["line"])
    return OverlayEntry(
        place_id,
        name,
        kind,
        aliases,
        lat,
        lon,
        country,
        get.get("admin1") or None,
        get.get("source", ""),
        geometry,
    )


def _read_bytes(path: Path) -> bytes:
    """The bytes of an overlay that is a regular file of at most :data:`MAX_OVERLAY_BYTES`.

    Opened without blocking and judged by the open file, so a FIFO (which would wait for a
    writer), a device (``/dev/zero`` never ends) or a directory is refused in one line, and
    no more than the cap + 1 bytes are ever read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such overlay file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: overlay is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read overlay ({err.strerror or err})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: overlay is a directory, not a file")
        raise InputError(f"{path}: overlay is not a regular file (a device or a pipe)")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_OVERLAY_BYTES + 1)
        except OSError as err:
            raise InputError(f"{path}: cannot read overlay ({err.strerror or err})") from None
    if len(data) > MAX_OVERLAY_BYTES:
        raise InputError(f"{path}: overlay is larger than {MAX_OVERLAY_BYTES // 1_000_000} MB")
    return data


def _read_text(path: Path) -> str:
    try:
        return _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None


def read_overlay_csv(path: Path) -> list[OverlayEntry]:
    """Validated entries of a CSV overlay; the first bad row raises ``InputError``."""
    path = Path(path)
    text = _read_text(path)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise InputError(f"{path}:1: header must name the columns, starting with 'id'")
        entries = []
        for row in reader:
            try:
                entries.append(_entry(row))
            except ValueError as err:
                raise InputError(f"{path}:{reader.line_num}: {err}") from None
    except csv.Error as err:
        raise InputError(f"{path}: malformed CSV ({err})") from None
    return entries


def read_overlay_geojson(path: Path) -> list[OverlayEntry]:
    """Validated entries of a GeoJSON FeatureCollection overlay (Point or LineString features)."""
    path = Path(path)
    text = _read_text(path)
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(f"{path}: not a GeoJSON file (nested too deeply)") from None
    except ValueError as err:
        raise InputError(f"{path}: not a GeoJSON file ({err})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: expected a GeoJSON FeatureCollection")
    entries = []
    for number, feature in enumerate(features, 1):
        try:
            props = dict(feature.get("properties") or {})
            if "id" not in props and feature.get("id") is not None:
                props["id"] = feature["id"]
            if isinstance(props.get("aliases"), list):
                props["aliases"] = "|".join(map(str, props["aliases"]))
            geometry = feature.get("geometry") or {}
            coords: Any = geometry.get("coordinates")
            line = None
            if geometry.get("type") == "Point":
                props["lon"], props["lat"] = (str(c) for c in coords[:2])
            elif geometry.get("type") == "LineString":
                line = json.dumps(geometry, separators=(",", ":"))
                mid = coords[len(coords) // 2]
                props["lon"], props["lat"] = str(mid[0]), str(mid[1])
            elif geometry:
                raise ValueError(f"geometry type {geometry.get('type')!r} is not Point/LineString")
            entries.append(_entry({k: str(v) for k, v in props.items() if v is not None}, line))
        except (ValueError, TypeError, AttributeError, IndexError) as err:
            raise InputError(f"{path}: feature {number}: {err}") from None
    return entries


def read_overlay(path: str | Path) -> list[OverlayEntry]:
    """Entries of an overlay file, CSV or GeoJSON by its extension."""
    path = Path(path)
    if path.suffix.lower() in {".geojson", ".json"}:
        return read_overlay_geojson(path)
    return read_overlay_csv(path)
