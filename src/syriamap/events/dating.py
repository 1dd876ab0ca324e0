"""The date of an event: the nearest stated date of its clause, the lead's attribution, the news.

A sentence's dates are found once (:class:`SentenceDates`) for all the changes it states; a
lead with no date takes the date of the attribution that follows it; an undated change told
as the day's news takes the publication date (:func:`news_dated`), after repeats merge so a
date the text states wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date

from ..document import ControlChange, Evidence
from ..text import find_dates
from .cues import REACH
from .factions import reporting_verbs
from .lexicon import grammar, later, pattern


class SentenceDates:
    """The absolute dates of one sentence and its clause breaks, each found once (when first
    asked) for all the changes the sentence states."""

    __slots__ = ("_break_starts", "_breaks", "_dates", "_published", "_s", "_starts", "_year")

    def __init__(self, s: str, published: date | None, year: int | None) -> None:
        self._s, self._published, self._year = s, published, year
        self._dates: list[tuple[int, date]] | None = None

    def near(self, position: int, fallback: date | None) -> date | None:
        """The stated date of the clause that names the place at ``position``: the nearest
        absolute date within ``REACH`` with no clause break ("days after", "while", ";") in
        between; a sentence with no absolute date falls back to its relative one (a weekday)."""
        if self._dates is None:
            self._dates = find_dates(self._s, self._published, year=self._year)
            self._starts = [start for start, _ in self._dates]
            self._breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(self._s)]
            self._break_starts = [start for start, _ in self._breaks]
        if not self._dates:
            return fallback
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
        k = bisect_left(self._break_starts, lo)
        return k < len(self._breaks) and self._breaks[k][1] <= hi


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


def lead_date(
    parts: list[Evidence], k: int, lead: int | None, published: date | None, year: int | None
) -> date | None:
    """The date of the news a lead with no date of its own reports.  Wire copy often dates the
    lead in the next sentence's attribution ("SOHR reported Saturday, November 30, 2024, that
    the rebels' advance ..."); only the lead takes it, and only from an attribution followed
    at once by a date: any other date in the next sentence may belong to another event."""
    if k != lead:
        return None
    if k + 1 < len(parts):
        following = parts[k + 1].text
        dates = dict(find_dates(following, published, year=year))
        for m in _ATTRIBUTION.finditer(following):
            if m.end() in dates:
                return dates[m.end()]
    return None


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
