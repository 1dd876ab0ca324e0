"""Dates written in news text, resolved against the publication date — never invented.

Absolute forms: "Dec. 6, 2024", "December 5", "6 December", "Dec.6, 2024", "2024-12-06".
Relative forms: weekdays ("on Friday", "said Sunday"), "today", "yesterday", "last week",
"three days ago".  A form that needs the publication date (a weekday, a day without a year)
gives None when there is none: a wrong date on a map is worse than no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

__all__ = ["find_date", "find_dates", "reference_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>(?:19|20)\d\d))?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s*(?P<year>(?:19|20)\d\d))?"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_DIGIT = re.compile(r"\d")
#: Where each pattern above can begin.  They start with ``\b``, so the regex engine tries them
#: at every position of a text; these start with a character (set) it can skip to, and match
#: wherever a date does (a month name's first three letters, a day number before one, "19" or
#: "20" before the rest of an ISO date).  See ``_finditer``.
_MONTH_ABBREVIATION = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_MONTH_DAY_START = re.compile(rf"{_MONTH_ABBREVIATION}[a-z]*\.?\s*\d")
_DAY_MONTH_START = re.compile(rf"\d\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_ABBREVIATION}")
_ISO_START = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "a": 1,
    "an": 1,
}
_AGO = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|a|an)\s+(day|week)s?\s+ago\b", re.IGNORECASE
)


def _make(year: int | None, month: int, day: int, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        # "December 30" read in a January article is last year's.
        return (
            candidate if candidate <= published + timedelta(days=7) else date(year - 1, month, day)
        )
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _finditer(
    pattern: re.Pattern[str], start: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` (no empty matches), trying ``pattern`` only where ``start``
    matches: several times faster over a whole article."""
    pos = 0
    while (hit := start.search(text, pos)) is not None:
        found = pattern.match(text, hit.start())
        if found is None:
            pos = hit.start() + 1
        else:
            yield found
            pos = found.end()


def find_dates(
    text: str, published: date | None = None, *, year: int | None = None
) -> list[tuple[int, date]]:
    """Every absolute date in ``text`` with its offset (relative forms are not included).
    A day without a year takes the publication year, else ``year`` (the article's)."""
    found: list[tuple[int, date]] = []
    if not _DIGIT.search(text):
        return found  # every absolute form has a digit; most sentences have none
    for pattern, start in ((_MONTH_DAY, _MONTH_DAY_START), (_DAY_MONTH, _DAY_MONTH_START)):
        for m in _finditer(pattern, start, text):
            stated = int(m.group("year")) if m.group("year") else None
            if stated is None and published is None and year is not None:
                stated = year
            value = _make(
                stated, _MONTHS[m.group("month").lower()[:3]], int(m.group("day")), published
            )
            if value:
                found.append((m.start(), value))
    for m in _finditer(_ISO, _ISO_START, text):
        value = _make(int(m.group("year")), int(m.group("month")), int(m.group("day")), published)
        if value:
            found.append((m.start(), value))
    return sorted(found)


def find_date(
    text: str, published: date | None = None, *, near: int | None = None, year: int | None = None
) -> date | None:
    """The date ``text`` states (the one nearest to offset ``near`` if given), or None.

    >>> find_date("Rebels took Hama on Dec. 5, 2024.")
    datetime.date(2024, 12, 5)
    >>> find_date("on 10 December", date(2024, 12, 20))
    datetime.date(2024, 12, 10)
    >>> find_date("The evacuation began on Friday", date(2024, 12, 7))
    datetime.date(2024, 12, 6)
    >>> find_date("The evacuation began on Friday") is None
    True
    """
    found = find_dates(text, published, year=year)
    if found:
        if near is None:
            return found[0][1]
        return min(found, key=lambda item: abs(item[0] - near))[1]
    if published is None:
        return None
    try:
        return _relative(text, published)
    except OverflowError:  # "three weeks ago" from a date near year 1: no such date
        return None


def _relative(text: str, published: date) -> date | None:
    lowered = text.lower()
    weekday = _WEEKDAY.search(text)
    if weekday:
        target = _WEEKDAYS.index(weekday.group(1).lower())
        return published - timedelta(days=(published.weekday() - target) % 7)
    if re.search(r"\byesterday\b", lowered):
        return published - timedelta(days=1)
    if re.search(r"\b(today|this morning|tonight)\b", lowered):
        return published
    ago = _AGO.search(text)
    if ago:
        count = ago.group(1).lower()
        n = int(count) if count.isdigit() else _NUMBERS[count]
        return published - timedelta(days=n * (7 if ago.group(2).lower() == "week" else 1))
    return None


#: A weekday written before a day and month with no year: "Saturday, December 7",
#: "Sunday 8 December" (a year after it makes a full date, which needs no pinning).
_PINNED = re.compile(
    rf"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?"
    rf"(?:{_MONTH}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month2>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    rf"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)"
    rf"(?!,?\s*(?:19|20)\d\d)\b"
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def reference_date(text: str, today: date | None = None) -> date | None:
    """The date an undated article can be read from, or None: the latest day it pins with a
    weekday ("Reuters reported on Saturday, December 7"), in the most recent year, not after
    ``today`` and not before any year the text writes, in which that day falls on that weekday.

    A weekday and a day of the month recur together only every 5, 6 or 11 years, so for news
    this is the article's own week; without such a pair nothing is guessed.  The year is the
    one thing inferred, and it is inferred from "now", so an old article read years later gets
    a later year: pass ``published`` when it is known.

    >>> reference_date("Reuters reported on Saturday, December 7.", date(2026, 11, 24))
    datetime.date(2024, 12, 7)
    >>> reference_date("Rebels took Hama on December 5.", date(2026, 11, 24)) is None
    True
    """
    pins = list(_finditer(_PINNED, _WEEKDAY, text)) if "day" in text else []
    if not pins:
        return None
    today = today or date.today()
    floor = max((int(y) for y in _ANY_YEAR.findall(text)), default=1990)
    pinned: list[date] = []
    for m in pins:
        month = _MONTHS[(m.group("month") or m.group("month2")).lower()[:3]]
        day = int(m.group("day") or m.group("day2"))
        weekday = _WEEKDAYS.index(m.group("weekday").lower())
        for year in range(today.year, floor - 1, -1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today and candidate.weekday() == weekday:
                pinned.append(candidate)
                break
    return max(pinned) if pinned else None


_YEAR = re.compile(
    r"\b(?:in|of) (?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+)?(19\d\d|20\d\d)\b"
)


def document_year(text: str, published: date | None) -> int | None:
    """The year an undated "December 5" belongs to: the publication year, else the latest
    year of the full dates the article writes ("Dec. 9, 2024")."""
    if published is not None:
        return published.year
    years = [d.year for _, d in find_dates(text) if d.year >= 1990]
    return max(years) if years else None


def historic(sentence: str, published: date | None) -> bool:
    """Whether a sentence tells of an earlier year ("in 2016"), not of the news; "since" years
    ("held since 2016") are news."""
    # every year _YEAR reads starts "19" or "20"
    years = (
        [int(y) for y in _YEAR.findall(sentence)] if "19" in sentence or "20" in sentence else []
    )
    reference = published.year if published else 2024
    return any(y < reference - 1 for y in years) and "since" not in sentence.lower()
