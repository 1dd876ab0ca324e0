"""The date of an event: the nearest stated date of its clause, the lead's attribution, the news.

A sentence's dates are found once (:class:`SentenceDates`) for all the changes it states; a
lead with no date takes the date of the attribution that follows it; an undated change told
as the day's news takes the publication date (:func:`news_dated`), after repeats merge so a
date the text states wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..document import ControlChange, Document, Evidence, Mention
from ..text import sentences
from ..text.dates import document_year
from ..text.sentences import lead_index
from ..text.stage import dated
from .cues import REACH
from .factions import reporting_verbs
from .lexicon import grammar, later, pattern


class SentenceDates:
    """The absolute dates of one sentence (from its :class:`~syriamap.document.Dated`) and
    its clause breaks, found once (when first asked) for all the changes it states."""

    __slots__ = ("_break_starts", "_breaks", "_dates", "_s", "_starts")

    def __init__(self, s: str, dates: Sequence[tuple[int, date]]) -> None:
        self._s, self._dates = s, dates
        self._starts = [start for start, _ in dates]
        self._breaks: list[tuple[int, int]] | None = None
        self._break_starts: list[int] = []

    def near(self, position: int, fallback: date | None) -> date | None:
        """The stated date of the clause that names the place at ``position``: the nearest
        absolute date within ``REACH`` with no clause break ("days after", "while", ";") in
        between; a sentence with no absolute date falls back to its relative one (a weekday)."""
        if not self._dates:
            return fallback
        if self._breaks is None:
            self._breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(self._s)]
            self._break_starts = [start for start, _ in self._breaks]
        nearby = self._dates[
            bisect_left(self._starts, position - REACH) : bisect_right(
                self._starts, position + REACH
            )
        ]
        reachable = [
            (abs(start - position), value)
            for start, value in nearby
            if not self._broken(min(start, position), max(start, position))
        ]
        return min(reachable)[1] if reachable else None

    def _broken(self, lo: int, hi: int) -> bool:
        """Whether a clause break lies wholly inside ``[lo, hi]``: breaks do not overlap, so
        the first one that starts at ``lo`` or later is the one that ends first."""
        breaks = self._breaks or []
        k = bisect_left(self._break_starts, lo)
        return k < len(breaks) and breaks[k][1] <= hi


CLAUSE_BREAK = grammar(
    r"\b(?:days?|weeks?) (?:after|before)\b|\bafter\b|\bbefore\b|"
    r"\bwhile\b|;|\bsince\b|\b(?:leading to|resulting in|prompting|allowing)\b",
    re.IGNORECASE,
)

# "... SOHR reported Saturday, November 30, 2024, that ...": an attribution whose date follows
# its verb at once (the weekday may stand between).
_ATTRIBUTION = later(
    lambda: re.compile(
        rf"\b(?:{reporting_verbs()})(?:\s+on)?[\s,]+"
        r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
        re.IGNORECASE,
    )
)


def when_stated(document: Document, k: int) -> date | None:
    """The date sentence ``k`` states, else (for the lead) the date of the news it reports.

    Wire copy often dates the lead in the next sentence's attribution ("SOHR reported
    Saturday, November 30, 2024, that the rebels' advance ..."); only the lead takes it, and
    only from an attribution followed at once by a date: any other date in the next sentence
    may belong to another event."""
    stated = document.dated[k].date
    if stated is not None or k != document.lead or k + 1 >= len(document.sentences):
        return stated
    following = document.sentences[k + 1].text
    dates = dict(document.dated[k + 1].dates)
    for m in _ATTRIBUTION.finditer(following):
        if m.end() in dates:
            return dates[m.end()]
    return None


def document_of(
    text: str,
    mentions: Sequence[Mention],
    published: date | None,
    parts: Sequence[Evidence] | None,
    year: int | None,
) -> Document:
    """The :class:`~syriamap.document.Document` the rules read, for a caller that has only the
    text and its mentions (``find_control_changes(text, mentions, ...)``): the sentences,
    lead and dates the text stage would give it, relative dates read from ``published``."""
    if parts is None:
        parts, year = list(sentences(text)), document_year(text, published)
    return Document(
        text=text,
        sentences=tuple(parts),
        lead=lead_index(list(parts)),
        anchor=published,
        year=year,
        dated=dated(parts, published, year),
        mentions=tuple(mentions),
    )


def with_dates(document: Document) -> Document:
    """The document with one :class:`~syriamap.document.Dated` per sentence: as it is when the
    text stage made it, else with its sentences dated here."""
    if len(document.dated) == len(document.sentences):
        return document
    return replace(document, dated=dated(document.sentences, document.anchor, document.year))


_NEWS_TENSE = pattern("factuality.news_tense")


def news_dated(
    changes: list[ControlChange], parts: list[Evidence], lead: int | None, published: date | None
) -> list[ControlChange]:
    """Changes no sentence dates, told as the day's news, take the publication date: the
    headline's present tense ("Kurdish forces hand over the Tishrin Dam") and the present
    perfect ("rebels have captured Palmyra", "HTS forces have replaced the SDF in ...").  Done
    after repeats merge, so that a date the text states wins over this one."""
    if published is None:
        return changes
    news = {
        part.start
        for k, part in enumerate(parts)
        if (lead is not None and k < lead) or _NEWS_TENSE.search(part.text)
    }
    return [
        replace(c, date=published)
        if c.date is None and not c.historic and c.evidence.start in news
        else c
        for c in changes
    ]
