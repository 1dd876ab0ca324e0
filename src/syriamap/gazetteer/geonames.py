"""Deeper coverage on demand: extend the gazetteer with a GeoNames country dump.

The shipped gazetteer holds GeoNames' *populated places* of 500+ people (308 in Syria).  A user
who needs every village, wadi, hill and school downloads the country dump geonames.org
publishes (``SY.zip`` with ``SY.txt`` inside: all feature classes, 19 tab-separated columns)
and runs ``syriamap gazetteer import-geonames SY.zip -o syria-full.sqlite``.  The result is a
copy of the shipped SQLite file with the dump's features and spellings added, used with
``--gazetteer syria-full.sqlite`` or ``SYRIAMAP_GAZETTEER``.  Nothing is downloaded here.

Features already in the gazetteer (same geonameid) only gain the spellings they lacked.
Names keep their default order (importance, regional focus, population), so an extended
gazetteer ranks exactly as the shipped one does.
"""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .core import Gazetteer
from .export import temporary_beside
from .names import fold, keep_alias, skeleton
from .ranking import default_order
from .store import RANK_PLACE, decode_entries, encode_entries

__all__ = ["FEATURE_KINDS", "import_geonames", "read_dump"]

#: GeoNames feature codes (class.code) that map to syriamap kinds; other codes keep their
#: own lower-case code as kind (e.g. ``s.sch`` for a school) so nothing is lost.
FEATURE_KINDS = {
    "S.AIRB": "airbase",
    "S.AIRP": "airport",
    "S.AIRF": "airport",
    "S.AIRH": "airport",
    "S.PRN": "prison",
    "S.DAM": "dam",
    "H.LK": "lake",
    "H.RSV": "lake",
    "T.MT": "mountain",
    "T.MTS": "mountain",
    "T.PK": "mountain",
    "T.HLL": "hill",
    "L.RGN": "region",
    "T.PLN": "region",
    "T.VAL": "region",
    "H.WAD": "wadi",
    "P.PPLX": "district",
    "A.ADM2": "admin2",
    "A.ADM3": "admin3",
    "L.CMPRF": "camp",
    "S.CMP": "camp",
    "S.PSTB": "crossing",
    "L.PRT": "port",
    "H.HBR": "port",
    "S.MILB": "base",
    "L.MILB": "base",
    "S.INSM": "base",
    "H.STM": "river",
    "S.CSTL": "landmark",
    "S.ANS": "landmark",
    "S.RUIN": "landmark",
}
_COLUMNS = 19
MAX_DUMP_BYTES = 2_000_000_000


def _kind(feature_class: str, code: str, population: int) -> str:
    if feature_class == "P" and code != "PPLX":
        return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"
    return FEATURE_KINDS.get(f"{feature_class}.{code}", f"{feature_class}.{code}".lower())


def _lines(path: Path) -> Iterator[str]:
    """The text lines of ``SY.txt`` or of the country file inside ``SY.zip``."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError(f"{path}: not a zip file") from None
        with archive:
            members = [
                n
                for n in archive.namelist()
                if n.endswith(".txt") and not n.lower().startswith("readme")
            ]
            if len(members) != 1:
                raise InputError(f"{path}: expected one country .txt inside, found {members}")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def read_dump(
    path: str | Path,
) -> Iterator[tuple[int, str, float, float, str, str, str, int, list[str]]]:
    """(geonameid, name, lat, lon, country, kind, admin1 code, population, aliases) per row;
    ``InputError`` names the file and line of the first malformed row."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size > MAX_DUMP_BYTES:
        raise InputError(f"{path}: larger than {MAX_DUMP_BYTES // 1_000_000_000} GB")
    try:
        for number, line in enumerate(_lines(path), 1):
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != _COLUMNS:
                raise InputError(
                    f"{path}:{number}: expected {_COLUMNS} tab-separated columns, "
                    f"found {len(cols)} (is this a GeoNames dump?)"
                )
            try:
                geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError as err:
                raise InputError(f"{path}:{number}: {err}") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(f"{path}:{number}: coordinates {lat}, {lon} out of range")
            name = cols[2] or cols[1]
            aliases = [cols[1], *(a for a in cols[3].split(",") if a)]
            yield (
                geonameid,
                name,
                lat,
                lon,
                cols[8],
                _kind(cols[6], cols[7], population),
                f"{cols[8]}.{cols[10]}",
                population,
                aliases,
            )
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason})") from None


def import_geonames(
    dump: str | Path, output: str | Path, base: Gazetteer | None = None
) -> dict[str, int]:
    """Write ``output``: the base gazetteer plus the dump's features; returns counts
    (``added`` places, ``aliases`` added, ``known`` places that were already there)."""
    base = base or Gazetteer.default()
    output = Path(output)
    handle, tmp_name = temporary_beside(output)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        tmp.write_bytes(base.path.read_bytes())
        counts = _extend(tmp, dump)
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return counts


def _extend(path: Path, dump: str | Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        admin1 = dict(
            con.execute("SELECT admin1_code, admin1 FROM places WHERE kind = 'admin1'").fetchall()
        )
        known = {pid: idx for idx, pid in con.execute("SELECT idx, id FROM places")}
        seen_aliases = {
            (idx, alias) for idx, alias in con.execute("SELECT place_idx, alias FROM aliases")
        }
        next_idx = 1 + con.execute("SELECT max(idx) FROM places").fetchone()[0]
        touched: dict[str, dict[int, list[str]]] = {}
        counts = {"added": 0, "aliases": 0, "known": 0}
        for gid, name, lat, lon, country, kind, code, population, aliases in read_dump(dump):
            place_id = f"geonames:{gid}"
            idx = known.get(place_id)
            if idx is None:
                idx = known[place_id] = next_idx
                next_idx += 1
                counts["added"] += 1
                con.execute(
                    "INSERT INTO places (idx, id, name, lat, lon, country, kind, admin1, "
                    "admin1_code, population, rank, source, geometry) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        idx,
                        place_id,
                        name,
                        lat,
                        lon,
                        country,
                        kind,
                        admin1.get(code),
                        code if code in admin1 else None,
                        population,
                        RANK_PLACE,
                        f"GeoNames dump {Path(dump).name}",
                        None,
                    ),
                )
                aliases = [name, *aliases]
            else:
                counts["known"] += 1
            for alias in aliases:
                alias = " ".join(alias.split())
                if (idx, alias) in seen_aliases or not (alias == name or keep_alias(alias)):
                    continue
                key = fold(alias)
                if not key:
                    continue
                seen_aliases.add((idx, alias))
                counts["aliases"] += 1
                con.execute("INSERT INTO aliases VALUES (?,?,?)", (idx, alias, key))
                touched.setdefault(key, {}).setdefault(idx, []).append(alias)
        _reindex(con, touched)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('extended_with', ?)", (Path(dump).name,))
        con.commit()
    finally:
        con.close()
    return counts


def _reindex(con: sqlite3.Connection, touched: dict[str, dict[int, list[str]]]) -> None:
    """Merge new aliases into ``names`` (kept in default order) and ``skeletons``."""
    for key, additions in touched.items():
        row = con.execute("SELECT entries FROM names WHERE key = ?", (key,)).fetchone()
        merged: dict[int, list[str]] = {}
        for idx, stored in decode_entries(row[0]) if row else []:
            merged[idx] = list(stored)
        for idx, added in additions.items():
            merged.setdefault(idx, []).extend(added)
        info = {
            idx: default_order(rank, country, population)
            for idx, rank, country, population in con.execute(
                f"SELECT idx, rank, country, population FROM places WHERE idx IN "
                f"({','.join('?' * len(merged))})",
                list(merged),
            )
        }
        ordered = sorted(merged, key=lambda i: info[i])
        con.execute(
            "INSERT OR REPLACE INTO names VALUES (?,?)",
            (key, encode_entries((i, merged[i]) for i in ordered)),
        )
        if row is None:
            skel = skeleton(key)
            found = con.execute("SELECT keys FROM skeletons WHERE skeleton = ?", (skel,)).fetchone()
            keys = [*found[0].split("\t"), key] if found else [key]
            con.execute("INSERT OR REPLACE INTO skeletons VALUES (?,?)", (skel, "\t".join(keys)))
