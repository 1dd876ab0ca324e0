"""The overlay layer a gazetteer carries: the places and spellings of its overlay files, over
the store, answering the same questions the store answers.

Matching, ranking and the shapes read places through this layer and never the store
directly, so a user's overlay takes part in every tier and every query.  Overlay places get
negative indexes (the stored ones count up from 0) and rank like curated features.  A layer
is never changed once a gazetteer holds it: :meth:`OverlayLayer.extended` copies it into a
new one, which is how :meth:`syriamap.gazetteer.Gazetteer.with_overlay` leaves the gazetteer
it was called on untouched.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .names import fold, skeleton
from .overlay import OverlayEntry
from .place import Place
from .store import RANK_CURATED, Entry, Row, Store

__all__ = ["OverlayLayer"]


class OverlayLayer:
    """The store plus the entries of zero or more overlay files."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._rows: dict[int, tuple[Row, Place]] = {}
        self._names: dict[str, list[Entry]] = {}
        self._skeletons: dict[str, set[str]] = {}
        self._aliases: dict[int, tuple[str, ...]] = {}
        #: Stored places with the overlay's aliases added, made on first use.
        self._places: dict[int, Place] = {}

    def extended(self, store: Store, path: Path, entries: Iterable[OverlayEntry]) -> OverlayLayer:
        """A new layer over ``store`` with this layer's entries (copied) and then ``entries``
        (read from ``path``, named in errors); this layer is left unchanged."""
        new = OverlayLayer(store)
        new._rows = dict(self._rows)
        new._names = {k: list(v) for k, v in self._names.items()}
        new._skeletons = {k: set(v) for k, v in self._skeletons.items()}
        new._aliases = dict(self._aliases)
        for number, entry in enumerate(entries, 1):
            new._add(entry, path, number)
        return new

    @property
    def adds_names(self) -> bool:
        """Whether some overlay name is indexed (then the stored order is no longer enough)."""
        return bool(self._names)

    # --- what the store answers, with the overlay's entries ------------------------------

    def entries(self, key: str) -> list[Entry]:
        entries = self.store.entries(key)
        extra = self._names.get(key)
        return entries + extra if extra else entries

    def bridge_entries(self, key: str) -> list[Entry]:
        # Overlay names have no bridge keys: an overlay's spellings are the user's own.
        return self.store.bridge_entries(key)

    def is_english(self, word: str) -> bool:
        return self.store.is_english(word)

    def skeleton_keys(self, skel: str) -> list[str]:
        keys = self.store.skeleton_keys(skel)
        keys += self._skeletons.get(skel, ())
        return keys

    def row(self, idx: int) -> Row:
        if idx < 0:
            return self._rows[idx][0]
        return self.store.row(idx)

    def place(self, idx: int) -> Place:
        if idx < 0:
            return self._rows[idx][1]
        extra = self._aliases.get(idx)
        if extra is None:
            return self.store.place(idx)
        place = self._places.get(idx)
        if place is None:
            stored = self.store.place(idx)
            place = dataclasses.replace(stored, aliases=stored.aliases + extra)
            self._places[idx] = place
        return place

    def find_idx(self, place_id: str) -> int | None:
        for idx, (row, _) in self._rows.items():
            if row.id == place_id:
                return idx
        return self.store.find_idx(place_id)

    def added_rows(self) -> Iterator[Row]:
        """The rows of the places overlays added, in the order they were added."""
        for row, _ in self._rows.values():
            yield row

    def added_places(self) -> Iterator[Place]:
        """The places overlays added, as the gazetteer's iteration lists them (last first)."""
        for idx in sorted(self._rows, reverse=True):
            yield self._rows[idx][1]

    def added_count(self) -> int:
        return len(self._rows)

    # --- building ------------------------------------------------------------------------

    def _add(self, entry: OverlayEntry, path: Path, number: int) -> None:
        existing = self.find_idx(entry.id)
        if entry.adds_place:
            if existing is not None:
                raise InputError(f"{path}: entry {number}: id {entry.id!r} already exists")
            idx = -1 - len(self._rows)
            place = _new_place(entry, path, number)
            self._rows[idx] = (Row.of(idx, place, RANK_CURATED), place)
            aliases = place.aliases
        else:
            if existing is None:
                raise InputError(
                    f"{path}: entry {number}: no place has id {entry.id!r} "
                    "(give lat and lon to add a new place)"
                )
            idx, aliases = existing, entry.aliases
            self._aliases[idx] = self._aliases.get(idx, ()) + aliases
            self._places.pop(idx, None)
        for alias in aliases:
            key = fold(alias)
            if key:
                self._names.setdefault(key, []).append((idx, (alias,)))
                self._skeletons.setdefault(skeleton(key), set()).add(key)


def _new_place(entry: OverlayEntry, path: Path, number: int) -> Place:
    if entry.lat is None or entry.lon is None:
        raise InputError(f"{path}: entry {number}: a new place needs lat and lon")
    return Place(
        entry.id,
        entry.name,
        entry.lat,
        entry.lon,
        entry.country,
        entry.kind,
        entry.admin1,
        0,
        (entry.name, *entry.aliases),
        json.loads(entry.geometry) if entry.geometry else None,
    )
