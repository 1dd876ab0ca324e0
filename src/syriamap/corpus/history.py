"""Many extractions read together: who held each place when, where reports disagree, which
routes recur.

One article says "rebels took Hama on Dec. 5"; a corpus says it thirty times, sometimes with
another date or another victor.  This module turns the rows of ``syriamap batch`` (JSONL, one
extraction per article) into the synthesis an analyst reads:

* :func:`control_history` — per place, every reported change in date order, each with its
  source; two reports naming different new controllers for the same place and day are both
  flagged ``conflict`` rather than one silently winning;
* :func:`flows` — movement legs with the same origin, via points, destination, mode and faction
  merged into one flow counted by reports.

>>> from syriamap import extract
>>> a = Report("a", extract("Rebels captured Hama on Dec. 5, 2024."))
>>> b = Report("b", extract("Government forces retook Hama on Dec. 5, 2024."))
>>> (hama,) = control_history([a, b]).values()
>>> [(h.place.name, h.report_id, h.new_controller, h.conflict) for h in hama]
[('Hama', 'a', 'opposition', True), ('Hama', 'b', 'government', True)]
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..formats import Extraction, extraction_from_dict
from ..gazetteer import Gazetteer, Place

__all__ = [
    "Corpus",
    "Flow",
    "Holding",
    "Report",
    "control_history",
    "flows",
    "holder_on",
    "read_corpus",
]

#: Lines longer than this are refused rather than parsed (one extraction is far smaller).
MAX_LINE_CHARS = 20_000_000


@dataclass(frozen=True, slots=True)
class Report:
    """One article of a corpus: the id it had in the batch input and its extraction."""

    id: str
    extraction: Extraction
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    """The readable reports of a batch output, and how many rows were error rows."""

    reports: tuple[Report, ...]
    errors: int


@dataclass(frozen=True, slots=True)
class Holding:
    """One entry of a place's control history: what one report says changed, and when."""

    place: Place
    date: date | None
    new_controller: str
    previous_controller: str | None
    historic: bool
    report_id: str
    title: str | None
    url: str | None
    evidence: str
    conflict: bool


@dataclass(frozen=True, slots=True)
class Flow:
    """Movement legs that share origin, via points, destination, mode and faction."""

    origin: Place
    via: tuple[Place, ...]
    destination: Place
    mode: str
    faction: str
    dates: tuple[date | None, ...]
    report_ids: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many reports describe this flow (one report counts once)."""
        return len(set(self.report_ids))

    @property
    def first_date(self) -> date | None:
        """The earliest dated report of the flow (None when no report is dated)."""
        dated = [d for d in self.dates if d is not None]
        return min(dated) if dated else None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                if len(line) > MAX_LINE_CHARS:
                    raise InputError(f"{path}: line {number} is too long")
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}: line {number} is not JSON ({err.msg})") from None
                except (RecursionError, ValueError):
                    # nested deeper than the parser goes, or a number too long to convert
                    raise InputError(f"{path}: line {number} is not a syriamap row") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}: line {number} is not a JSON object")
                yield number, row
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None


def read_corpus(path: str | Path, *, gazetteer: Gazetteer | None = None) -> Corpus:
    """The reports of a ``syriamap batch`` JSONL file, in file order.  Error rows (an ``error``
    key: the article could not be read) are counted, not raised: a corpus with a few bad
    articles is still a corpus.  A line that is not an extraction at all is an error."""
    gaz = gazetteer or Gazetteer.default()
    reports: list[Report] = []
    errors = 0
    for number, row in _rows(Path(path)):
        if "error" in row:
            errors += 1
            continue
        if "control_changes" not in row:
            raise InputError(f"{path}: line {number}: not a syriamap extraction")
        try:
            extraction = extraction_from_dict(row, gazetteer=gaz)
        except InputError as err:
            raise InputError(f"{path}: line {number}: {err}") from None
        source = row.get("source")
        outlet = source.get("outlet") if isinstance(source, dict) else None
        reports.append(Report(str(row.get("id", f"line {number}")), extraction, outlet))
    return Corpus(tuple(reports), errors)


def control_history(
    reports: Iterable[Report], *, include_historic: bool = True
) -> dict[str, list[Holding]]:
    """Every reported control change per place id, dated ones in date order, then the
    undated (each group in report order).  Reports that give the same place and day
    different new controllers are all marked ``conflict``."""
    by_place: dict[str, list[Holding]] = defaultdict(list)
    for report in reports:
        result = report.extraction
        for change in result.control_changes:
            if change.historic and not include_historic:
                continue
            by_place[change.place.id].append(
                Holding(
                    change.place,
                    change.date,
                    change.new_controller,
                    change.previous_controller,
                    change.historic,
                    report.id,
                    result.title,
                    result.url,
                    change.evidence.text,
                    False,
                )
            )
    history: dict[str, list[Holding]] = {}
    for entries in by_place.values():
        claims: dict[date, set[str]] = defaultdict(set)
        for h in entries:
            if h.date is not None:
                claims[h.date].add(h.new_controller)
        marked = [
            replace(h, conflict=True) if h.date is not None and len(claims[h.date]) > 1 else h
            for h in entries
        ]
        marked.sort(key=lambda h: (h.date is None, h.date or date.min))
        history[entries[0].place.id] = marked
    return history


def holder_on(history: list[Holding], day: date | None) -> Holding | None:
    """Who held the place on ``day`` according to ``history`` (the latest change dated on or
    before it; an undated change only when nothing dated applies).  ``day=None``: the
    latest of all."""
    dated = [h for h in history if h.date is not None and (day is None or h.date <= day)]
    if dated:
        return dated[-1]
    undated = [h for h in history if h.date is None]
    return undated[-1] if undated else None


def flows(reports: Iterable[Report]) -> list[Flow]:
    """Movement legs merged into flows, most reported first (ties in first-seen order)."""
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for report in reports:
        for move in report.extraction.movements:
            if move.origin is None:
                continue
            for destination in move.destinations:
                key = (
                    move.origin.id,
                    tuple(v.id for v in move.via),
                    destination.id,
                    move.mode,
                    move.faction,
                )
                entry = merged.setdefault(key, [move.origin, move.via, destination, [], [], []])
                entry[3].append(move.date)
                entry[4].append(report.id)
                entry[5].append(move.evidence.text)
    built = [
        Flow(o, tuple(v), d, key[3], key[4], tuple(ds), tuple(ids), tuple(ev))
        for key, (o, v, d, ds, ids, ev) in merged.items()
    ]
    return sorted(built, key=lambda f: -f.count)
