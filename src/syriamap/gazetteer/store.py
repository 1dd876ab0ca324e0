"""The SQLite artifact a gazetteer reads: the only module that knows its schema.

The data is ``syriamap/data/gazetteer.sqlite`` (or a file made by ``gazetteer/build.py`` or
``syriamap gazetteer import-geonames``; docs/gazetteer.md describes the tables).  It is opened
read-only and immutable on first use, one connection per thread *and per process* (a forked
worker must not share its parent's), and queried by primary key, so loading costs
milliseconds and memory grows only with the places actually used.  What has been read is kept
in bounded caches: a text scanner asks about the same few thousand names again and again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from .names import FOLD_VERSION
from .place import Place

__all__ = [
    "RANK_ADMIN1",
    "RANK_CAPITAL",
    "RANK_COUNTRY",
    "RANK_CURATED",
    "RANK_PLACE",
    "RANK_VILLAGE",
    "Entry",
    "Row",
    "Store",
    "decode_entries",
    "encode_entries",
]

#: The feature ranks of the ``places.rank`` column: lower is more important when places share
#: a name.  ``gazetteer/build.py`` and the GeoNames import assign them, ranking reads them.
#: ``RANK_VILLAGE`` is a settlement known only from OCHA's list (no population figure): with
#: 17 villages called Ras al-Ain, the town GeoNames counts comes first.
RANK_COUNTRY, RANK_ADMIN1, RANK_CAPITAL, RANK_CURATED, RANK_PLACE, RANK_VILLAGE = 0, 1, 2, 3, 4, 5

_ENTRY_SEP, _FIELD_SEP, _ALIAS_SEP = "\x1e", "\x1f", "\x1d"
#: Keys per ``IN (...)`` query of :meth:`Store.prefetch`: under SQLite's oldest limit on
#: bound parameters (999).
_BATCH = 500
_MAX_CACHED_NAMES = 200_000
_ROW_FIELDS = "idx, id, name, lat, lon, country, kind, admin1, population, rank"
#: The columns of a :class:`Place` beyond the ranking fields (OCHA's names and codes).
_ADMIN_FIELDS = "name_ar, pcode, admin1_pcode, admin2, admin2_pcode, admin3, admin3_pcode"

#: One ``names`` entry: a place index and the aliases of that place sharing the key.
Entry = tuple[int, tuple[str, ...]]


def encode_entries(entries: Iterable[tuple[int, Sequence[str]]]) -> str:
    """Pack (place index, aliases) pairs for the ``names`` table (see docs/gazetteer.md)."""
    return _ENTRY_SEP.join(
        f"{idx}{_FIELD_SEP}{_ALIAS_SEP.join(aliases)}" for idx, aliases in entries
    )


def decode_entries(text: str) -> list[Entry]:
    """The pairs :func:`encode_entries` packed, in their stored (default) order."""
    out = []
    for item in text.split(_ENTRY_SEP):
        idx, _, aliases = item.partition(_FIELD_SEP)
        out.append((int(idx), tuple(aliases.split(_ALIAS_SEP))))
    return out


@dataclass(frozen=True, slots=True)
class Row:
    """The ranking fields of a place, cheap to keep for every place touched."""

    idx: int
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    admin1: str | None
    population: int
    rank: int

    @classmethod
    def of(cls, idx: int, place: Place, rank: int) -> Row:
        return cls(
            idx,
            place.id,
            place.name,
            place.lat,
            place.lon,
            place.country,
            place.kind,
            place.admin1,
            place.population,
            rank,
        )

    def place(
        self,
        aliases: tuple[str, ...],
        geometry: dict[str, Any] | None,
        admin: Sequence[str | None] = (),
    ) -> Place:
        return Place(
            self.id,
            self.name,
            self.lat,
            self.lon,
            self.country,
            self.kind,
            self.admin1,
            self.population,
            aliases,
            geometry,
            *admin,
        )


class Store:
    """Read access to one gazetteer file, with the caches of what was read.

    Raises :class:`~syriamap.errors.DataError` for a missing file, a file that is no
    gazetteer, or one folded with another :data:`~syriamap.gazetteer.names.FOLD_VERSION`
    (its keys would silently miss).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise DataError(f"gazetteer data not found at {path}")
        self._local = threading.local()
        self._rows: dict[int, Row] = {}
        self._places: dict[int, Place] = {}
        self._names: dict[str, list[Entry]] = {}
        meta = dict(self.sql("SELECT key, value FROM meta"))
        if meta.get("fold_version") != str(FOLD_VERSION):
            raise DataError(
                f"{path} was built with fold version {meta.get('fold_version')}, "
                f"this syriamap folds with version {FOLD_VERSION}: rebuild it"
            )
        self.meta: dict[str, str] = meta

    def _connection(self) -> sqlite3.Connection:
        # One read-only connection per thread and per process (a fork must not share one).
        con = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "pid", None) != os.getpid():
            uri = f"file:{self.path.as_posix()}?mode=ro&immutable=1"
            try:
                con = sqlite3.connect(uri, uri=True, check_same_thread=False)
                con.execute("SELECT 1 FROM names LIMIT 1")
            except sqlite3.DatabaseError as err:
                raise DataError(f"{self.path} is not a syriamap gazetteer ({err})") from None
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def sql(self, query: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection().execute(query, args).fetchall()

    # --- names ---------------------------------------------------------------------------

    def entries(self, key: str) -> list[Entry]:
        """The places whose aliases fold to ``key``, in the stored default order."""
        entries = self._names.get(key)
        if entries is None:
            found = self.sql("SELECT entries FROM names WHERE key = ?", (key,))
            entries = decode_entries(found[0][0]) if found else []
            if len(self._names) < _MAX_CACHED_NAMES:
                self._names[key] = entries
        return entries

    def prefetch(self, keys: set[str]) -> None:
        """Read the entries of all these keys in a few ``IN (...)`` queries, within the cache's
        bound (see :meth:`syriamap.gazetteer.Gazetteer.prefetch` for why)."""
        missing = [key for key in keys if key and key not in self._names]
        del missing[max(0, _MAX_CACHED_NAMES - len(self._names)) :]  # the cache's bound
        for first in range(0, len(missing), _BATCH):
            batch = missing[first : first + _BATCH]
            marks = ",".join("?" * len(batch))
            found = dict(self.sql(f"SELECT key, entries FROM names WHERE key IN ({marks})", batch))
            for key in batch:
                self._names[key] = decode_entries(found[key]) if key in found else []

    def skeleton_keys(self, skel: str) -> list[str]:
        """The keys sharing a consonant skeleton (the variant tier's candidates)."""
        return [
            k
            for (keys,) in self.sql("SELECT keys FROM skeletons WHERE skeleton = ?", (skel,))
            for k in keys.split("\t")
        ]

    def bridge_entries(self, key: str) -> list[Entry]:
        """The Syrian places with a name of this :func:`~syriamap.gazetteer.bridge.bridge_key`,
        and those names, in the stored default order (none in a file built without them)."""
        if "bridge_version" not in self.meta:
            return []
        found = self.sql("SELECT entries FROM bridges WHERE key = ?", (key,))
        return decode_entries(found[0][0]) if found else []

    def is_english(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a frequent English word or name, which the bridge
        does not read as a romanised Arabic name (False in a file built without the list)."""
        if "bridge_version" not in self.meta:
            return False
        return bool(self.sql("SELECT 1 FROM english WHERE word = ?", (word,)))

    def keys_like(self, key: str) -> list[str]:
        """The keys with the same first letter and a length within two (the fuzzy tier's)."""
        block = self.sql(
            "SELECT key FROM names WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?",
            (key[0], chr(ord(key[0]) + 1), len(key) - 2, len(key) + 2),
        )
        return [k for (k,) in block]

    # --- places --------------------------------------------------------------------------

    def row(self, idx: int) -> Row:
        row = self._rows.get(idx)
        if row is None:
            found = self.sql(f"SELECT {_ROW_FIELDS} FROM places WHERE idx = ?", (idx,))
            if not found:
                raise DataError(f"{self.path}: place #{idx} is missing")
            row = self._rows[idx] = Row(*found[0])
        return row

    def place(self, idx: int) -> Place:
        place = self._places.get(idx)
        if place is None:
            # One read for the ranking fields, the outline and the aliases: a scanner meets
            # thousands of places per corpus, each once.
            found = self.sql(
                f"SELECT {_ROW_FIELDS}, {_ADMIN_FIELDS}, "
                "geometry, (SELECT group_concat(alias, char(29)) FROM "
                "(SELECT alias FROM aliases WHERE place_idx = ?1 ORDER BY rowid)) "
                "FROM places WHERE idx = ?1",
                (idx,),
            )
            if not found:
                raise DataError(f"{self.path}: place #{idx} is missing")
            *fields, geometry, joined = found[0]
            fields, admin = fields[:10], fields[10:]
            row = self._rows.get(idx)
            if row is None:
                row = self._rows[idx] = Row(*fields)
            aliases = tuple(joined.split(_ALIAS_SEP)) if joined else ()
            place = row.place(aliases, json.loads(geometry) if geometry else None, admin)
            self._places[idx] = place
        return place

    def find_idx(self, place_id: str) -> int | None:
        found = self.sql("SELECT idx FROM places WHERE id = ?", (place_id,))
        return int(found[0][0]) if found else None

    def indexes(self) -> Iterator[int]:
        for (idx,) in self.sql("SELECT idx FROM places ORDER BY idx"):
            yield idx

    def count(self) -> int:
        return int(self.sql("SELECT count(*) FROM places")[0][0])

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Places by kind and by country (``-`` for none), most first."""
        kinds = dict(self.sql("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY 2 DESC"))
        countries = dict(
            self.sql(
                "SELECT coalesce(country, '-'), count(*) FROM places GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        return kinds, countries

    def source_counts(self) -> dict[str, dict[str, int]]:
        """Places by origin (the id's prefix: ``geonames``, ``ocha``, ``curated``,
        ``opensyria``) and kind; Syrian places with OCHA codes count under ``with pcode``."""
        out: dict[str, dict[str, int]] = {}
        for origin, kind, count in self.sql(
            "SELECT substr(id, 1, instr(id, ':') - 1), kind, count(*) FROM places "
            "GROUP BY 1, 2 ORDER BY 1, 3 DESC"
        ):
            out.setdefault(origin, {})[kind] = count
        for kind, count in self.sql(
            "SELECT kind, count(*) FROM places WHERE pcode IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"
        ):
            out.setdefault("with pcode", {})[kind] = count
        return out

    # --- geometry ------------------------------------------------------------------------

    def settlements_between(self, south: float, north: float) -> list[tuple[Any, ...]]:
        """``(idx, lat, lon, country)`` of the cities, towns and villages in a band of latitude."""
        return self.sql(
            "SELECT idx, lat, lon, country FROM places WHERE lat BETWEEN ? AND ? "
            "AND kind IN ('city', 'town', 'village')",
            (south, north),
        )

    def outlines(self) -> list[tuple[Any, ...]]:
        """``(idx, kind, country, GeoJSON text)`` of every country, first-level subdivision,
        district and subdistrict (``admin2``/``admin3``, Syria's) with an outline."""
        return self.sql(
            "SELECT idx, kind, country, geometry FROM places "
            "WHERE kind IN ('country', 'admin1', 'admin2', 'admin3') AND geometry IS NOT NULL "
            "ORDER BY idx"
        )
