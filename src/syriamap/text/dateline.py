"""Datelines: the date (and place) an article states at its top, never a date from its story.

Two kinds count, and only where they stand at the top of an article: a page's own date line
("Dec 7, 2024 10:47 AM", "Updated: …", "By A. Writer | 7 Dec 2024") and a newswire dateline
opening the first paragraph ("Beirut, December 9, 2024 — …").  A date inside a sentence is an
event, and must not become the publication date that relative dates ("yesterday") are read
from.  The patterns are regular expressions over a bounded head of the text (a guard against
slow matching on hostile input); what a regex cannot judge — whether words read as a place
name — is checked in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .dates import find_date, find_dates

__all__ = [
    "DATELINE_SPAN",
    "MAX_HEADLINE",
    "Dateline",
    "find_dateline",
    "find_wire_dateline",
]

DATELINE_SPAN = 600
"""A dateline is looked for only this many characters into the text: later dates are events."""
MAX_HEADLINE = 120
"""The longest first line read as a headline rather than a paragraph."""

_MAX_DATELINE_LINE = 160
_MAX_BYLINE = 80
_MAX_WIRE_DATELINE = 200
_YEAR = re.compile(r"(?:19|20)\d\d")

_DATE = (
    r"(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)"
)
# A metadata dateline is a date standing where a page puts its own date: alone on a line, after
# a label ("Updated:"), a weekday or a byline separator ("By A. Writer | …"), followed by nothing,
# a time or a separator.  "Rebels took the town on Dec. 5, 2024." is an event, not a dateline,
# and must not become the publication date.
_DATELINE = re.compile(
    r"(?:.*?[|·•—–-]\s*)?"
    r"(?i:(?:(?:first\s+|last\s+)?(?:published|updated|posted|dated?)(?:\s+(?:on|at))?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?)"
    + _DATE
    + r"(?:\s*$|\s*[|·•—–(:-]|,?\s*(?i:at\s+)?\d{1,2}[:.]\d\d|T\d\d|,\s*$)"
)
# A newswire dateline opens the story: a place (a city, then up to two regions or countries),
# an optional wire in brackets, an optional date — with or without its year — and a dash or
# colon before the first sentence, or nothing after it (a flash update's "Damascus, 10 December
# 2024").  The forms of AP, Reuters, AFP, Al Jazeera and UN OCHA:
#   "BEIRUT, Dec 9, 2024 (AP) —", "Beirut, December 9, 2024 — ", "Reyhanli, Turkey, January 20,
#   2025 - ", "Damascus, 9 December 2024 (Reuters) -", "ALEPPO, Dec 1 (Reuters) -",
#   "Idlib, Syria — Dec. 3, 2024:", "DAMASCUS, Syria (AP) — " (no date: nothing to take).
# The place's words are checked in Python (see _is_place): a regex cannot tell "Beirut" from
# "the" in every alphabet.
_WIRE_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WIRE_DATE = (
    rf"(?P<date>{_WIRE_MONTH}\s*\d{{1,2}}(?i:st|nd|rd|th)?(?!\d)(?:,?\s*(?:19|20)\d\d)?"
    rf"|\d{{1,2}}(?i:st|nd|rd|th)?\s+(?:of\s+)?{_WIRE_MONTH}(?:,?\s*(?:19|20)\d\d)?"
    r"|(?:19|20)\d\d-\d\d-\d\d)(?!\d)"
)
_PLACE_WORD = r"[^\W\d_][\w'’.]*(?:-[\w'’.]+)*"
_WIRE_SEPARATOR = r"(?:[—–:|]|-{1,2})"
_WIRE_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:[ \t]{_PLACE_WORD}){{0,3}}"
    rf"(?:,[ \t]*{_PLACE_WORD}(?:[ \t]{_PLACE_WORD}){{0,3}}){{0,2}})"
    r"(?:\s*\([^()\n]{1,40}\))?"
    rf"(?:(?:,|\s*{_WIRE_SEPARATOR})\s*"
    r"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    rf"{_WIRE_DATE})?"
    r"(?:\s*\([^()\n]{1,40}\))?"
    rf"\s*(?:{_WIRE_SEPARATOR}|$)"
)
#: Lowercase words a place name may hold ("Deir ez-Zor", "Ras al Ain", "Isle of Man").
_PLACE_PARTICLES = frozenset(
    "al el ad ar as ash at az ed en er es ez ul um umm of de du la le bin ibn".split()
)
#: A byline ("By Staff, Agencies") may stand between the headline and the first paragraph.
_BYLINE = re.compile(r"(?i:by)\s+\S")
#: First words of a sentence that opens with a date ("On December 5, 2024: …").
_NOT_PLACES = frozenset(
    "on in at by since until till from before after as of last this next early late "
    "today yesterday tonight between during".split()
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A newswire dateline opening an article ("Beirut, December 9, 2024 —"): the place and date
    it gives and its span in the text, which is no part of the first sentence's facts."""

    place: str
    date: date
    start: int
    end: int


def find_dateline(text: str) -> date | None:
    """The date a dateline near the top of ``text`` gives, or None (never a guess).

    Two kinds count, and only where they stand at the top of an article: a page's own date line
    in the first :data:`DATELINE_SPAN` characters ("Dec 7, 2024 10:47 AM", "Updated: …",
    "By A. Writer | 7 Dec 2024"), and a newswire dateline opening the first paragraph — the
    text's first line, or the one after a headline and byline ("Beirut, December 9, 2024 — …",
    "DAMASCUS, Dec 9 (Reuters) - …", see :func:`find_wire_dateline`).  Dates inside sentences
    are events, not the publication date.

    >>> find_dateline("By A. Writer | Dec 7, 2024 10:47 AM\\nRebels entered the town.")
    datetime.date(2024, 12, 7)
    >>> find_dateline("Reyhanli, Turkey, January 20, 2025 - Families crossed at dawn.")
    datetime.date(2025, 1, 20)
    >>> find_dateline("Rebels took the town on Dec. 5, 2024.") is None
    True
    """
    for offset, line, opens, whole in _top_lines(text):
        if opens:
            wire = _wire_dateline(line, offset, text, whole=whole)
            if wire is not None:
                return wire.date
        if whole and len(line) <= _MAX_DATELINE_LINE:
            match = _DATELINE.match(line)
            if match:
                found = find_date(_month_case(match.group("date")))
                if found is not None:
                    return found
    return None


def find_wire_dateline(text: str) -> Dateline | None:
    """The dated newswire dateline that opens the article's first paragraph, or None.

    A day without a year ("ALEPPO, Dec 1 (Reuters) -") is put in the year, of the latest full
    date the article writes and the years either side, that brings it nearest that date (a
    January story about December's events is dated in the new year); with no full date in the
    text it gives None.  ``start`` and ``end`` are offsets in ``text``.

    >>> find_wire_dateline("Headline\\nBeirut, December 9, 2024 — Rebels said.")
    Dateline(place='Beirut', date=datetime.date(2024, 12, 9), start=9, end=35)
    """
    for offset, line, opens, whole in _top_lines(text):
        if not opens:
            return None
        wire = _wire_dateline(line, offset, text, whole=whole)
        if wire is not None:
            return wire
    return None


def _top_lines(text: str) -> Iterator[tuple[int, str, bool, bool]]:
    """The non-empty lines starting in the first :data:`DATELINE_SPAN` characters, stripped,
    each with its offset in ``text``, whether it may open the first paragraph (the first line,
    or one after a headline line and the bylines under it) and whether it is whole (the last
    may be cut short: a dateline can open it, but its end is not the line's end)."""
    head = text[: DATELINE_SPAN + _MAX_DATELINE_LINE]
    lines = head.split("\n")
    offset = 0
    leading = 0  # non-empty lines before the first paragraph (a headline, bylines)
    opens = True
    for number, line in enumerate(lines, 1):
        at, offset = offset, offset + len(line) + 1
        if at >= DATELINE_SPAN:
            return
        whole = number < len(lines) or len(text) == len(head)
        stripped = line.strip() if whole else line.lstrip()
        if not stripped:
            continue
        yield at + len(line) - len(line.lstrip()), stripped, opens, whole
        if opens:
            is_heading = leading == 0 and len(stripped) <= MAX_HEADLINE
            opens = is_heading or (leading > 0 and _is_byline(stripped))
            leading += 1


def _wire_dateline(line: str, offset: int, text: str, *, whole: bool) -> Dateline | None:
    probe = line[:_MAX_WIRE_DATELINE]
    if len(probe) < len(line) or not whole:
        probe += "\x00"  # where the line was cut is not its end: no "$" there
    match = _WIRE_DATELINE.match(probe)
    if match is None or match.group("date") is None or not _is_place(match.group("place")):
        return None
    written = _month_case(match.group("date"))
    found = find_date(written) if _YEAR.search(written) else _in_nearest_year(written, text)
    if found is None:
        return None
    return Dateline(match.group("place"), found, offset, offset + match.end())


def _in_nearest_year(written: str, text: str) -> date | None:
    """A day without a year, in the year (of the latest full date ``text`` writes, or one
    either side) that brings it nearest that date."""
    latest = max((day for _, day in find_dates(text)), default=None)
    if latest is None:
        return None
    candidates = [find_date(written, year=latest.year + shift) for shift in (-1, 0, 1)]
    return min(
        (day for day in candidates if day is not None),
        key=lambda day: abs(day - latest),
        default=None,
    )


def _month_case(written: str) -> str:
    """A dateline's date with its month written as the date reader reads months: datelines
    shout ("DAMASCUS, DEC. 9, 2024"), where a sentence's "may" is a verb, not a month."""
    return " ".join(word.capitalize() for word in written.split())


def _is_place(words: str) -> bool:
    """Whether a dateline's place reads as a name: each word capitalised (or a particle of a
    name), and no preposition first ("On December 5, 2024: …" is a sentence)."""
    names = words.replace(",", " ").split()
    if not names or names[0].casefold() in _NOT_PLACES:
        return False
    for name in names:
        if not (name[0].isupper() or name.split("-")[0].casefold() in _PLACE_PARTICLES):
            return False
    return True


def _is_byline(line: str) -> bool:
    return len(line) <= _MAX_BYLINE and _BYLINE.match(line) is not None
