"""The offline gazetteer: names (any spelling, Latin or Arabic script) to places, and back.

:class:`Gazetteer` is the façade users hold; the work is done by one module per job, which
is where to read (and change) the rules:

* :mod:`~syriamap.gazetteer.checks` — what a query may hold (names, points, country codes);
* :mod:`~syriamap.gazetteer.store` — the SQLite artifact, its connections and caches;
* :mod:`~syriamap.gazetteer.layer` — the places and spellings overlays add over the store;
* :mod:`~syriamap.gazetteer.matching` — the match tiers (exact, folded, variant, fuzzy) and
  :data:`~syriamap.gazetteer.matching.MIN_SCORE`;
* :mod:`~syriamap.gazetteer.ranking` — the order of candidates: importance, the regional
  focus, population, and the ``country``/``near``/``context`` hints;
* :mod:`~syriamap.gazetteer.shapes` — ``reverse``, ``where`` and the border rules;
* :mod:`~syriamap.gazetteer.outlines` — the outline index ``where`` asks, and distances.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from ..errors import InputError, PlaceNotFound
from .checks import check_country, check_name, check_point
from .layer import OverlayLayer
from .matching import Matcher
from .names import MAX_NAME_LENGTH, fold
from .overlay import read_overlay
from .place import Candidate, Place, Whereabouts
from .ranking import Hints, context_hints, order
from .shapes import Shapes
from .store import Store

__all__ = ["Gazetteer"]

#: Plain searches kept by :meth:`Gazetteer.search` before the cache starts again.
_MAX_CACHED_SEARCHES = 50_000


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
        self._store = Store(self.path)
        self._use(OverlayLayer(self._store))
        self.overlays: tuple[Path, ...] = ()
        self.meta: dict[str, str] = self._store.meta
        #: Common English words that fold to some place's name ("Back", "Hope", "Reading"):
        #: a text scanner refuses them as one-word names at the start of a sentence.
        self.common_words: frozenset[str] = frozenset(self.meta.get("common_words", "").split())

    def _use(self, layer: OverlayLayer) -> None:
        # Everything that reads places reads them through the layer, and caches per layer.
        self._layer = layer
        self._matcher = Matcher(layer)
        self._shapes = Shapes(layer)
        self._searches: dict[tuple[str, int, bool, bool, bool], list[Candidate]] = {}

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

    def knows(self, name: str) -> bool:
        """Whether some place has exactly this name after folding — a cheap, cached test that
        lets a text scanner skip the full :meth:`search` for the many words that are no place.

        >>> Gazetteer.default().knows("Dayr az-Zawr"), Gazetteer.default().knows("Committee")
        (True, False)
        """
        key = fold(name) if len(name) <= MAX_NAME_LENGTH else ""
        return bool(key) and bool(self._layer.entries(key))

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
        self._store.prefetch({fold(name) for name in names if len(name) <= MAX_NAME_LENGTH})

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
        bridge: bool = False,
    ) -> list[Candidate]:
        """Scored candidates for ``name``, best first (empty when nothing reaches MIN_SCORE).

        ``approximate=False`` keeps only exact and folded matches: what a text scanner wants,
        since any capitalised word is *some* approximate match of a place somewhere.  With
        ``bridge=True`` it keeps the confirmed meetings of a Syrian place's Arabic name too
        (:mod:`syriamap.gazetteer.bridge`: "Cisr eş-Şugur" is Jisr al-Shughur).

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
        key = (name, limit, bool(focus), bool(approximate), bool(bridge))
        if plain:
            cached = self._searches.get(key)
            if cached is not None:
                return list(cached)
        found = self._search(name, limit, country, near, context, focus, approximate, bridge)
        if plain:
            if len(self._searches) >= _MAX_CACHED_SEARCHES:
                self._searches.clear()
            self._searches[key] = list(found)
        return found

    def _search(
        self,
        name: str,
        limit: int,
        country: str | None,
        near: tuple[float, float] | None,
        context: Iterable[str],
        focus: bool,
        approximate: bool,
        bridge: bool,
    ) -> list[Candidate]:
        name = check_name(name)
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}")
        country = check_country(country)
        if near is not None:
            near = check_point(*near)
        context_countries: frozenset[str] = frozenset()
        context = tuple(context)
        if context:
            centre, context_countries = context_hints(context, self.resolve)
            near = near or centre
        matches, in_stored_order = self._matcher.candidates(
            name, approximate=approximate, bridge=bridge
        )
        ranked = order(
            matches,
            self._layer.row,
            Hints(country, near, context_countries, focus),
            in_stored_order=in_stored_order and not self._layer.adds_names,
        )
        place = self._layer.place
        return [Candidate(place(idx), score, alias) for idx, alias, score in ranked[:limit]]

    def bridged(self, name: str, *, limit: int = 20) -> list[Candidate]:
        """The Syrian places whose names ``name`` meets through the Arabic bridge only, even
        when it folds to places elsewhere: "Al-Khubar" is Khobar in Saudi Arabia by spelling,
        and al-Kubar (الكبر) in Deir ez-Zor by its Arabic, so a reader of a Syrian article can
        weigh both (:mod:`syriamap.gazetteer.bridge`).

        >>> [c.place.country for c in Gazetteer.default().bridged("Al-Khubar")]
        ['SY']
        """
        name = check_name(name)
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}")
        place = self._layer.place
        matches = self._matcher.bridged(name)[:limit]
        return [Candidate(place(idx), score, alias) for idx, alias, score in matches]

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
        idx = self._layer.find_idx(str(place_id))
        if idx is None:
            raise PlaceNotFound(str(place_id), f"no place has id {place_id!r}")
        return self._layer.place(idx)

    def reverse(self, lat: float, lon: float) -> Place:
        """The nearest populated place (its ``admin1`` names the subdivision it lies in)."""
        return self._shapes.reverse(lat, lon)

    def where(self, lat: float, lon: float) -> Whereabouts:
        """The country, governorate, district and subdistrict the point lies in, and the nearest
        populated place in that country (rules: :mod:`syriamap.gazetteer.shapes`).

        >>> w = Gazetteer.default().where(35.13, 36.75)
        >>> w.nearest.name, w.admin1.name, w.country.name
        ('Hama', 'Hama Governorate', 'Syria')
        >>> w.admin3.name, w.admin3.pcode, w.admin2.name_ar
        ('Hama Subdistrict', 'SY050100', 'مركز حماة')
        """
        return self._shapes.where(lat, lon)

    def with_overlay(self, path: str | Path) -> Gazetteer:
        """A new gazetteer with the places and aliases of an overlay file (CSV or GeoJSON, see
        :mod:`syriamap.gazetteer.overlay`); this one is left unchanged.

        An entry whose id is new adds a place; an entry naming an existing id without
        coordinates adds aliases to it.  Overlay places rank like curated features.  The new
        gazetteer has its own store, connections and caches: it shares nothing mutable.
        """
        entries = read_overlay(path)
        new = Gazetteer(self.path)
        new._use(self._layer.extended(new._store, Path(path), entries))
        new.overlays = (*self.overlays, Path(path))
        return new

    def info(self) -> dict[str, Any]:
        """Provenance and counts: what a user cites and checks before trusting the data."""
        kinds, countries = self._store.counts()
        by_source = self._store.source_counts()
        for row in self._layer.added_rows():
            kinds[row.kind] = kinds.get(row.kind, 0) + 1
            countries[row.country or "-"] = countries.get(row.country or "-", 0) + 1
            overlay = by_source.setdefault("overlay", {})
            overlay[row.kind] = overlay.get(row.kind, 0) + 1
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
            "by_source": by_source,
        }

    def __iter__(self) -> Iterator[Place]:
        for idx in self._store.indexes():
            yield self._layer.place(idx)
        yield from self._layer.added_places()

    def __len__(self) -> int:
        return self._store.count() + self._layer.added_count()

    def __bool__(self) -> bool:
        # Always true: without this, ``gazetteer or Gazetteer.default()`` would count the
        # places table (a full scan) on every call just to learn that it is not empty.
        return True

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"
