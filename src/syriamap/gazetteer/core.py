"""The offline gazetteer: names (any spelling, Latin or Arabic script) to places, and back.

How a name is matched, in order; the first tier that yields a candidate wins:

========  =====  ==================================================================
tier      score  rule
========  =====  ==================================================================
exact     1.00   the name equals an alias, ignoring case
folded    0.95   equal :func:`~syriamap.names.fold` keys (spelling conventions)
variant   ≤0.90  same consonant skeleton, scored ``0.90 × ratio`` (rapidfuzz) of keys
fuzzy     ≤0.85  same first letter, scored ``0.85 × ratio`` (typos)
========  =====  ==================================================================

Approximate candidates below :data:`MIN_SCORE` (0.75) are refused: ``resolve`` raises
:class:`PlaceNotFound` rather than guess.  Generic words around a name ("the city of",
"… town", "… district") are dropped when the whole phrase matches nothing.

Among candidates of the same tier, the order is (see :func:`region_rank`):

1. feature importance: countries, then first-level subdivisions, then capitals, then the rest;
2. the regional focus, unless ``focus=False``: Syria, then its neighbours (Lebanon, Iraq,
   Türkiye, Jordan, Israel, Palestine), then the world — so "Bosra" is the Syrian town and
   not Basra, "Homs" is not Al Khums in Libya;
3. population.

Hints change the order: ``country="LB"`` keeps only that country's places; ``near=(lat, lon)``
and ``context=["Beirut", ...]`` rank by distance to the point (or to the context places,
preferring their countries) right after the country/subdivision rank.

The data is a SQLite file shipped inside the package (``syriamap/data/gazetteer.sqlite``),
opened read-only on first use and queried by primary key, so loading costs milliseconds and
memory grows only with the places actually used.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from rapidfuzz import fuzz, process

from ..errors import DataError, InputError, PlaceNotFound
from .names import FOLD_VERSION, MAX_NAME_LENGTH, fold, skeleton
from .overlay import OverlayEntry, read_overlay
from .place import Candidate, Place, Whereabouts

__all__ = [
    "MIN_SCORE",
    "NEIGHBOURS",
    "Gazetteer",
    "decode_entries",
    "default_order",
    "encode_entries",
    "haversine_km",
    "region_rank",
]

#: Approximate matches scoring below this are refused rather than guessed.
MIN_SCORE = 0.75
EXACT_SCORE, FOLDED_SCORE, VARIANT_WEIGHT, FUZZY_WEIGHT = 1.0, 0.95, 0.90, 0.85
#: Syria's neighbours, second in the regional focus.
NEIGHBOURS = frozenset({"LB", "IQ", "TR", "JO", "IL", "PS"})

_RANK_ADMIN1, _RANK_CURATED = 1, 3
#: Unicode categories no place name holds: controls (a tab, a newline, an escape), format
#: characters (bidi overrides, embeddings and isolates, invisible marks: "\u202eamaH" is
#: shown as "Hama" but is no name), lone surrogates, line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: The zero-width non-joiner and joiner are format characters that spell words in Persian,
#: Kurdish and Indic scripts (they change letter shapes, not the order of the text).
_JOINERS = frozenset("\u200c\u200d")
_QUALIFIED = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|port|governorate|province|region|district|area)"
    r"\s+of\s+)?(?:the\s+)?(?:(?:مدينة|بلدة|قرية|ميناء|منطقة|مخيم)\s+)?(?P<name>.+?)"
    r"(?:\s+(?:city|town|village|district|subdistrict|area|municipality|neighbourhood|"
    r"neighborhood|camp))?$",
    re.IGNORECASE,
)
_ENTRY_SEP, _FIELD_SEP, _ALIAS_SEP = "\x1e", "\x1f", "\x1d"
#: Keys per ``IN (...)`` query of :meth:`Gazetteer.prefetch`: under SQLite's oldest limit on
#: bound parameters (999).
_BATCH = 500
_MAX_CACHED_NAMES = 200_000


#: A city of the region this large outranks a same-named subdivision elsewhere in the world.
HOME_CITY_MIN_POPULATION = 50_000


def region_rank(country: str | None) -> int:
    """0 for Syria, 1 for its neighbours, 2 for the rest of the world (the regional focus)."""
    if country == "SY":
        return 0
    return 1 if country in NEIGHBOURS else 2


def default_order(rank: int, country: str | None, population: int) -> tuple[int, int, int]:
    """The stored order of places sharing a name: importance, regional focus, population."""
    return (rank, region_rank(country), -population)


def encode_entries(entries: Iterable[tuple[int, Sequence[str]]]) -> str:
    """Pack (place index, aliases) pairs for the ``names`` table (see docs/gazetteer.md)."""
    return _ENTRY_SEP.join(
        f"{idx}{_FIELD_SEP}{_ALIAS_SEP.join(aliases)}" for idx, aliases in entries
    )


def decode_entries(text: str) -> list[tuple[int, tuple[str, ...]]]:
    out = []
    for item in text.split(_ENTRY_SEP):
        idx, _, aliases = item.partition(_FIELD_SEP)
        out.append((int(idx), tuple(aliases.split(_ALIAS_SEP))))
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def check_name(name: object) -> str:
    """The name, stripped, or ``InputError`` for what no gazetteer should be asked."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be a string, not {type(name).__name__}")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"place name is {len(name)} characters long (limit {MAX_NAME_LENGTH})")
    refused = _refused_character(name)
    if refused is not None:
        what = unicodedata.name(refused, "a control character")
        raise InputError(
            f"place name {name[:40]!r} contains U+{ord(refused):04X} ({what}): control "
            "characters and format characters such as bidi overrides are refused"
        )
    name = " ".join(name.split())
    if not name:
        raise InputError("place name is empty")
    return name


def _refused_character(name: str) -> str | None:
    if name.isprintable():  # the usual case, in one pass in C: no control or format character
        return None
    for ch in name:
        if unicodedata.category(ch) in _REFUSED_CATEGORIES and ch not in _JOINERS:
            return ch
    return None


def check_point(lat: object, lon: object) -> tuple[float, float]:
    """``(lat, lon)`` as floats, or ``InputError`` when not finite or out of range."""
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(lat_f) and -90 <= lat_f <= 90):
        raise InputError(f"latitude {lat!r} is outside [-90, 90]")
    if not (math.isfinite(lon_f) and -180 <= lon_f <= 180):
        raise InputError(f"longitude {lon!r} is outside [-180, 180]")
    return lat_f, lon_f


@dataclass(frozen=True, slots=True)
class _Row:
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
    def of(cls, idx: int, place: Place, rank: int) -> _Row:
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

    def place(self, aliases: tuple[str, ...], geometry: dict[str, Any] | None) -> Place:
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
        )


class Gazetteer:
    """Resolve place names offline.  Immutable once built; safe to share between threads.

    >>> gaz = Gazetteer.default()
    >>> gaz.resolve("Ḥamāh")
    Place('Hama', 35.13, 36.76, country='SY')
    >>> gaz.resolve("Tripoli", country="LB").country
    'LB'
    """

    _default: ClassVar[Gazetteer | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else self.default_path()
        if not self.path.is_file():
            raise DataError(f"gazetteer data not found at {self.path}")
        self._local = threading.local()
        self._rows: dict[int, _Row] = {}
        self._places: dict[int, Place] = {}
        self._names: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        # Overlay layer (see with_overlay): places with negative indexes, extra name entries.
        self._extra_rows: dict[int, tuple[_Row, Place]] = {}
        self._extra_names: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._extra_skeletons: dict[str, set[str]] = {}
        self._extra_aliases: dict[int, tuple[str, ...]] = {}
        self._approximations: dict[str, list[tuple[int, str, float]]] = {}
        self._searches: dict[tuple[str, int, bool, bool], list[Candidate]] = {}
        self.overlays: tuple[Path, ...] = ()
        self._shapes: Any = None
        meta = dict(self._sql("SELECT key, value FROM meta"))
        if meta.get("fold_version") != str(FOLD_VERSION):
            raise DataError(
                f"{self.path} was built with fold version {meta.get('fold_version')}, "
                f"this syriamap folds with version {FOLD_VERSION}: rebuild it"
            )
        self.meta: dict[str, str] = meta
        #: Common English words that fold to some place's name ("Back", "Hope", "Reading"):
        #: a text scanner refuses them as one-word names at the start of a sentence.
        self.common_words: frozenset[str] = frozenset(meta.get("common_words", "").split())

    @staticmethod
    def default_path() -> Path:
        return Path(str(resources.files("syriamap").joinpath("data", "gazetteer.sqlite")))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with the package, opened once per process."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    # --- storage ------------------------------------------------------------------------

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

    def _sql(self, query: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection().execute(query, args).fetchall()

    def _entries(self, key: str) -> list[tuple[int, tuple[str, ...]]]:
        entries = self._names.get(key)
        if entries is None:
            found = self._sql("SELECT entries FROM names WHERE key = ?", (key,))
            entries = decode_entries(found[0][0]) if found else []
            if len(self._names) < _MAX_CACHED_NAMES:
                self._names[key] = entries
        extra = self._extra_names.get(key)
        return entries + extra if extra else entries

    def _row(self, idx: int) -> _Row:
        if idx < 0:
            return self._extra_rows[idx][0]
        row = self._rows.get(idx)
        if row is None:
            found = self._sql(
                "SELECT idx, id, name, lat, lon, country, kind, admin1, population, rank "
                "FROM places WHERE idx = ?",
                (idx,),
            )
            if not found:
                raise DataError(f"{self.path}: place #{idx} is missing")
            row = self._rows[idx] = _Row(*found[0])
        return row

    def _place(self, idx: int) -> Place:
        if idx < 0:
            return self._extra_rows[idx][1]
        place = self._places.get(idx)
        if place is None:
            # One read for the ranking fields, the outline and the aliases: a scanner meets
            # thousands of places per corpus, each once.
            found = self._sql(
                "SELECT idx, id, name, lat, lon, country, kind, admin1, population, rank, "
                "geometry, (SELECT group_concat(alias, char(29)) FROM "
                "(SELECT alias FROM aliases WHERE place_idx = ?1 ORDER BY rowid)) "
                "FROM places WHERE idx = ?1",
                (idx,),
            )
            if not found:
                raise DataError(f"{self.path}: place #{idx} is missing")
            *fields, geometry, joined = found[0]
            row = self._rows.get(idx)
            if row is None:
                row = self._rows[idx] = _Row(*fields)
            aliases = tuple(joined.split(_ALIAS_SEP)) if joined else ()
            aliases += self._extra_aliases.get(idx, ())
            place = row.place(aliases, json.loads(geometry) if geometry else None)
            self._places[idx] = place
        return place

    # --- matching -----------------------------------------------------------------------

    def _folded(self, name: str) -> list[tuple[int, str, float]]:
        """Fold-equal candidates (exact 1.0 or folded 0.95), in the stored default order."""
        key = fold(name)
        if not key:
            return []
        lowered = name.casefold()
        matches = []
        for idx, aliases in self._entries(key):
            exact = next((a for a in aliases if a.casefold() == lowered), None)
            if exact is not None:
                matches.append((idx, exact, EXACT_SCORE))
            else:
                matches.append((idx, aliases[0], FOLDED_SCORE))
        return matches

    def _approximate(self, key: str) -> list[tuple[int, str, float]]:
        cached = self._approximations.get(key)
        if cached is None:
            cached = self._approximations[key] = self._approximate_uncached(key)
            if len(self._approximations) > 50_000:
                self._approximations.clear()
        return cached

    def _approximate_uncached(self, key: str) -> list[tuple[int, str, float]]:
        found: dict[int, tuple[int, str, float]] = {}
        cutoff = 100 * MIN_SCORE / VARIANT_WEIGHT
        skel = skeleton(key)
        others = [
            k
            for (keys,) in self._sql("SELECT keys FROM skeletons WHERE skeleton = ?", (skel,))
            for k in keys.split("\t")
        ]
        others += self._extra_skeletons.get(skel, ())
        if others:
            for other in others:
                ratio = fuzz.ratio(key, other, score_cutoff=cutoff)
                if ratio:
                    self._collect(found, other, round(VARIANT_WEIGHT * ratio / 100, 3))
        if not found and len(key) >= 5:
            block = self._sql(
                "SELECT key FROM names WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?",
                (key[0], chr(ord(key[0]) + 1), len(key) - 2, len(key) + 2),
            )
            cutoff = 100 * MIN_SCORE / FUZZY_WEIGHT
            for other, ratio, _ in process.extract(
                key, [k for (k,) in block], scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            ):
                self._collect(found, other, round(FUZZY_WEIGHT * ratio / 100, 3))
        return list(found.values())

    def _collect(self, found: dict[int, tuple[int, str, float]], key: str, score: float) -> None:
        for idx, aliases in self._entries(key):
            if idx not in found or found[idx][2] < score:
                found[idx] = (idx, aliases[0], score)

    def _candidates(
        self, name: str, *, approximate: bool = True
    ) -> tuple[list[tuple[int, str, float]], bool]:
        """Candidates of the best tier, and whether they are fold-equal (hence already in the
        stored default order).  Generic words ("the city of", "مدينة") are dropped only when
        the whole phrase has no fold-equal match, and before any approximate matching."""
        matches = self._folded(name)
        if matches:
            return matches, True
        qualified = _QUALIFIED.match(name)
        bare = qualified.group("name").strip() if qualified else name
        if bare != name:
            matches = self._folded(bare)
            if matches:
                return matches, True
        best: list[tuple[int, str, float]] = []
        for text in dict.fromkeys((name, bare) if approximate else ()):
            key = fold(text)
            found = [m for m in self._approximate(key) if m[2] >= MIN_SCORE] if key else []
            if found and max(m[2] for m in found) > max((m[2] for m in best), default=0):
                best = found
        return best, False

    def _ranked(
        self,
        matches: list[tuple[int, str, float]],
        *,
        country: str | None,
        near: tuple[float, float] | None,
        context_countries: frozenset[str],
        focus: bool,
    ) -> list[tuple[int, str, float]]:
        if country is not None:
            matches = [m for m in matches if self._row(m[0]).country == country]

        def order(match: tuple[int, str, float]) -> tuple[float, ...]:
            row = self._row(match[0])
            tier = -match[2]
            if near is not None:
                distance = haversine_km(near[0], near[1], row.lat, row.lon)
                in_context = 0 if not context_countries or row.country in context_countries else 1
                return (
                    tier,
                    min(row.rank, _RANK_ADMIN1 + 1),
                    in_context,
                    distance,
                    -row.population,
                )
            regional = region_rank(row.country) if focus else 0
            return (tier, row.rank, regional, -row.population)

        ranked = sorted(matches, key=order)
        if focus and near is None and len(ranked) > 1:
            ranked = self._home_city_first(ranked)
        return ranked

    def _home_city_first(
        self, ranked: list[tuple[int, str, float]]
    ) -> list[tuple[int, str, float]]:
        """A far-away province does not outrank a city of the region by the same name: "Gaza"
        is the city in Palestine, not Mozambique's Gaza Province.  (Importance still ranks
        subdivisions first within the region, and anywhere when no regional city competes.)"""
        top = self._row(ranked[0][0])
        if top.rank != _RANK_ADMIN1 or region_rank(top.country) < 2:
            return ranked
        for i, match in enumerate(ranked[1:], 1):
            row = self._row(match[0])
            if match[2] < ranked[0][2]:
                break
            if (
                row.rank > _RANK_ADMIN1
                and region_rank(row.country) < 2
                and (row.population >= HOME_CITY_MIN_POPULATION)
            ):
                return [match, *ranked[:i], *ranked[i + 1 :]]
        return ranked

    def _context(self, context: Iterable[str]) -> tuple[tuple[float, float] | None, frozenset[str]]:
        """Centre and countries of the context names that resolve (countries count only for
        their country code: their centroid would pull every point toward the middle)."""
        points, countries = [], set()
        for other in context:
            try:
                place = self.resolve(other)
            except (PlaceNotFound, InputError):
                continue
            if place.country:
                countries.add(place.country)
            if place.kind != "country":
                points.append((place.lat, place.lon))
        if not points:
            return None, frozenset(countries)
        return (
            (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)),
            frozenset(countries),
        )

    # --- public API ---------------------------------------------------------------------

    def knows(self, name: str) -> bool:
        """Whether some place has exactly this name after folding — a cheap, cached test that
        lets a text scanner skip the full :meth:`search` for the many words that are no place.

        >>> Gazetteer.default().knows("Dayr az-Zawr"), Gazetteer.default().knows("Committee")
        (True, False)
        """
        key = fold(name) if len(name) <= MAX_NAME_LENGTH else ""
        return bool(key) and bool(self._entries(key))

    def prefetch(self, names: Iterable[str]) -> None:
        """Read the index entries of all these names at once (``WHERE key IN (...)``), into
        the cache that :meth:`knows` and :meth:`search` read.  A text scanner asks about every
        run of capitalised words in a document, most of them no place; one query per batch
        instead of one per run is most of what a cold scan spends in SQLite.  Answers are the
        same with or without it.

        >>> gaz = Gazetteer.default()
        >>> gaz.prefetch(["Hama", "Committee"])
        >>> gaz.knows("Hama"), gaz.knows("Committee")
        (True, False)
        """
        keys = {fold(name) for name in names if len(name) <= MAX_NAME_LENGTH}
        missing = [key for key in keys if key and key not in self._names]
        del missing[max(0, _MAX_CACHED_NAMES - len(self._names)) :]  # the cache's bound
        for first in range(0, len(missing), _BATCH):
            batch = missing[first : first + _BATCH]
            marks = ",".join("?" * len(batch))
            found = dict(self._sql(f"SELECT key, entries FROM names WHERE key IN ({marks})", batch))
            for key in batch:
                self._names[key] = decode_entries(found[key]) if key in found else []

    def search(
        self,
        name: str,
        *,
        limit: int = 10,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[str] = (),
        focus: bool = True,
        approximate: bool = True,
    ) -> list[Candidate]:
        """Scored candidates for ``name``, best first (empty when nothing reaches MIN_SCORE).

        ``approximate=False`` keeps only exact and folded matches: what a text scanner wants,
        since any capitalised word is *some* approximate match of a place somewhere.

        >>> [c.place.country for c in Gazetteer.default().search("Tripoli", limit=2)]
        ['LY', 'LB']
        """
        # Without hints the answer depends on the arguments only: a scanner asks for the same
        # few thousand names across thousands of articles, so it is kept (a copy is returned).
        plain = (
            type(name) is str
            and type(limit) is int
            and country is None
            and near is None
            and isinstance(context, tuple | list)
            and not context
        )
        key = (name, limit, bool(focus), bool(approximate))
        if plain:
            cached = self._searches.get(key)
            if cached is not None:
                return list(cached)
        found = self._search(
            name,
            limit=limit,
            country=country,
            near=near,
            context=context,
            focus=focus,
            approximate=approximate,
        )
        if plain:
            if len(self._searches) >= 50_000:
                self._searches.clear()
            self._searches[key] = list(found)
        return found

    def _search(
        self,
        name: str,
        *,
        limit: int,
        country: str | None,
        near: tuple[float, float] | None,
        context: Iterable[str],
        focus: bool,
        approximate: bool,
    ) -> list[Candidate]:
        name = check_name(name)
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}")
        country = self._check_country(country)
        if near is not None:
            near = check_point(*near)
        context_countries: frozenset[str] = frozenset()
        context = tuple(context)
        if context:
            centre, context_countries = self._context(context)
            near = near or centre
        matches, in_stored_order = self._candidates(name, approximate=approximate)
        if (
            in_stored_order
            and focus
            and country is None
            and near is None
            and not (context_countries or self._extra_names)
        ):
            # The names table is stored in the default order: only the score can reorder.
            ranked = sorted(matches, key=lambda m: -m[2])
            if len(ranked) > 1:
                ranked = self._home_city_first(ranked)
        else:
            ranked = self._ranked(
                matches,
                country=country,
                near=near,
                context_countries=context_countries,
                focus=focus,
            )
        if context_countries and near is None:
            ranked.sort(key=lambda m: self._row(m[0]).country not in context_countries)
        return [Candidate(self._place(idx), score, alias) for idx, alias, score in ranked[:limit]]

    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[str] = (),
        focus: bool = True,
    ) -> Place:
        """The best place for ``name``; raises :class:`PlaceNotFound` when none is good enough.

        >>> Gazetteer.default().resolve("Deir Ezzor").name
        'Deir ez-Zor'
        """
        found = self.search(name, limit=1, country=country, near=near, context=context, focus=focus)
        if not found:
            where = f" in {country}" if country else ""
            raise PlaceNotFound(name, f"no place{where} matches {name!r}")
        return found[0].place

    def get(self, place_id: str) -> Place:
        """The place with this id (``geonames:170063``); ``PlaceNotFound`` if there is none."""
        idx = self._find_idx(str(place_id))
        if idx is None:
            raise PlaceNotFound(str(place_id), f"no place has id {place_id!r}")
        return self._place(idx)

    def reverse(self, lat: float, lon: float) -> Place:
        """The nearest populated place (its ``admin1`` names the subdivision it lies in)."""
        lat, lon = check_point(lat, lon)
        stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
        for radius in (0.25, 1.0, 4.0, 16.0, 360.0):
            rows = self._sql(
                "SELECT idx, lat, lon FROM places WHERE lat BETWEEN ? AND ? "
                "AND kind IN ('city', 'town', 'village')",
                (lat - radius, lat + radius),
            )
            near = [
                (haversine_km(lat, lon, r[1], r[2]), r[0])
                for r in rows
                if radius >= 360 or abs(r[2] - lon) <= radius * stretch
            ]
            # Only a hit inside the box's inscribed circle is certainly the nearest.
            if near and (radius >= 360 or min(near)[0] <= radius * 110):
                return self._place(min(near)[1])
        raise PlaceNotFound(f"{lat},{lon}", f"no place near {lat}, {lon}")

    def where(self, lat: float, lon: float) -> Whereabouts:
        """The nearest place, plus the governorate and country whose outlines contain the point.

        >>> w = Gazetteer.default().where(35.13, 36.75)
        >>> w.nearest.name, w.admin1.name, w.country.name
        ('Hama', 'Hama Governorate', 'Syria')
        """
        lat, lon = check_point(lat, lon)
        nearest = self.reverse(lat, lon)
        admin1, country = self._containing(lat, lon)
        return Whereabouts(
            lat, lon, nearest, haversine_km(lat, lon, nearest.lat, nearest.lon), admin1, country
        )

    def _containing(self, lat: float, lon: float) -> tuple[Place | None, Place | None]:
        from shapely import STRtree, points
        from shapely.geometry import shape

        if self._shapes is None:
            rows = self._sql(
                "SELECT idx, kind, geometry FROM places "
                "WHERE kind IN ('admin1', 'country') AND geometry IS NOT NULL"
            )
            geoms = [shape(json.loads(g)) for _, _, g in rows]
            self._shapes = (STRtree(geoms), geoms, [(i, k) for i, k, _ in rows])
        tree, geoms, keys = self._shapes
        point = points(lon, lat)
        found: dict[str, Place] = {}
        for hit in tree.query(point, predicate="intersects"):
            idx, kind = keys[int(hit)]
            found.setdefault(kind, self._place(idx))
        return found.get("admin1"), found.get("country")

    def with_overlay(self, path: str | Path) -> Gazetteer:
        """A new gazetteer with the places and aliases of an overlay file (CSV or GeoJSON, see
        :mod:`syriamap.overlay`); this one is left unchanged.

        An entry whose id is new adds a place; an entry naming an existing id without
        coordinates adds aliases to it.  Overlay places rank like curated features.
        """
        entries = read_overlay(path)
        new = Gazetteer(self.path)
        new._extra_rows = dict(self._extra_rows)
        new._extra_names = {k: list(v) for k, v in self._extra_names.items()}
        new._extra_skeletons = {k: set(v) for k, v in self._extra_skeletons.items()}
        new._extra_aliases = dict(self._extra_aliases)
        new.overlays = (*self.overlays, Path(path))
        for number, entry in enumerate(entries, 1):
            new._add_entry(entry, Path(path), number)
        return new

    def _find_idx(self, place_id: str) -> int | None:
        for idx, (row, _) in self._extra_rows.items():
            if row.id == place_id:
                return idx
        found = self._sql("SELECT idx FROM places WHERE id = ?", (place_id,))
        return int(found[0][0]) if found else None

    def _add_entry(self, entry: OverlayEntry, path: Path, number: int) -> None:
        existing = self._find_idx(entry.id)
        if entry.adds_place:
            if existing is not None:
                raise InputError(f"{path}: entry {number}: id {entry.id!r} already exists")
            idx = -1 - len(self._extra_rows)
            if entry.lat is None or entry.lon is None:
                raise InputError(f"{path}: entry {number}: a new place needs lat and lon")
            geometry = json.loads(entry.geometry) if entry.geometry else None
            aliases = (entry.name, *entry.aliases)
            place = Place(
                entry.id,
                entry.name,
                entry.lat,
                entry.lon,
                entry.country,
                entry.kind,
                entry.admin1,
                0,
                aliases,
                geometry,
            )
            row = _Row.of(idx, place, _RANK_CURATED)
            self._extra_rows[idx] = (row, place)
        else:
            if existing is None:
                raise InputError(
                    f"{path}: entry {number}: no place has id {entry.id!r} "
                    "(give lat and lon to add a new place)"
                )
            idx, aliases = existing, entry.aliases
            self._extra_aliases[idx] = self._extra_aliases.get(idx, ()) + aliases
            self._places.pop(idx, None)
        for alias in aliases:
            key = fold(alias)
            if key:
                self._extra_names.setdefault(key, []).append((idx, (alias,)))
                self._extra_skeletons.setdefault(skeleton(key), set()).add(key)

    def info(self) -> dict[str, Any]:
        """Provenance and counts: what a user cites and checks before trusting the data."""
        kinds = dict(self._sql("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY 2 DESC"))
        countries = dict(
            self._sql(
                "SELECT coalesce(country, '-'), count(*) FROM places GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        for row, _ in self._extra_rows.values():
            kinds[row.kind] = kinds.get(row.kind, 0) + 1
            countries[row.country or "-"] = countries.get(row.country or "-", 0) + 1
        return {
            "path": str(self.path),
            "built": self.meta.get("built"),
            "fold_version": int(self.meta.get("fold_version", 0)),
            "sources": json.loads(self.meta.get("sources", "{}")),
            "licence": self.meta.get("licence"),
            "overlays": [str(p) for p in self.overlays],
            "places": len(self),
            "kinds": kinds,
            "countries": countries,
        }

    def __iter__(self) -> Iterator[Place]:
        for (idx,) in self._sql("SELECT idx FROM places ORDER BY idx"):
            yield self._place(idx)
        for idx in sorted(self._extra_rows, reverse=True):
            yield self._extra_rows[idx][1]

    def __len__(self) -> int:
        return int(self._sql("SELECT count(*) FROM places")[0][0]) + len(self._extra_rows)

    def __bool__(self) -> bool:
        # Always true: without this, ``gazetteer or Gazetteer.default()`` would count the
        # places table (a full scan) on every call just to learn that it is not empty.
        return True

    @staticmethod
    def _check_country(country: str | None) -> str | None:
        if country is None:
            return None
        if not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{2}", country):
            raise InputError(
                f"country must be an ISO 3166-1 alpha-2 code such as 'SY', got {country!r}"
            )
        return country.upper()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"
