"""The :class:`Article` value: one news article's text, title, publication date and URL.

An article is made once, by a reader (:mod:`.sources` for files, standard input and URLs,
:mod:`.webpage` for HTML, :func:`article_from_text` for a string), and is what the text stage
turns into a :class:`~syriamap.document.Document`.  Its text is already normalised, so the
offsets the extractor reports point into :attr:`Article.text` exactly.  A publication date is
taken only from the caller, the page's metadata or a dateline; it is never guessed, because
relative dates ("yesterday") are resolved against it.  The bounds on a date live here because
every reader refuses the same dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..errors import InputError
from .dateline import MAX_HEADLINE, find_dateline
from .decoding import clean

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "Article",
    "article_from_text",
    "parse_published",
    "plain_article",
    "within_dates",
]

EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2199, 12, 31)
"""Publication dates outside these are refused: news, and room for "three weeks ago"."""

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True, repr=False)
class Article:
    """One article ready for the extractor: offsets it reports index into ``text``.

    ``text`` is the main text only (for a web page: no title, navigation or footer);
    ``published`` is None when nothing states it.
    """

    text: str
    title: str | None
    published: date | None
    url: str | None

    def __repr__(self) -> str:
        head = self.text[:40] + ("…" if len(self.text) > 40 else "")
        return (
            f"Article({head!r}, {len(self.text)} chars, title={self.title!r}, "
            f"published={self.published!r}, url={self.url!r})"
        )


def within_dates(day: date) -> bool:
    """Whether ``day`` may be a publication date (see :data:`EARLIEST_DATE`)."""
    return EARLIEST_DATE <= day <= LATEST_DATE


def parse_published(published: str | date | None) -> date | None:
    """A publication date from ``YYYY-MM-DD`` (or a date); ``InputError`` for anything else."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str) and _ISO_DAY.fullmatch(published.strip()):
        try:
            value = date.fromisoformat(published.strip())
        except ValueError:
            pass
        else:
            if not within_dates(value):
                raise InputError(
                    f"published date {published.strip()!r} is outside "
                    f"{EARLIEST_DATE.year}-{LATEST_DATE.year}"
                )
            return value
    shown = published[:40] if isinstance(published, str) else published
    raise InputError(f"published date {shown!r} is not YYYY-MM-DD")


def article_from_text(
    text: str,
    *,
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An :class:`Article` from plain text; the date is ``published`` or else the dateline.

    >>> article = article_from_text("7 December 2024\\r\\nThe bridge reopened.")
    >>> article.text, article.published
    ('7 December 2024\\nThe bridge reopened.', datetime.date(2024, 12, 7))
    """
    return plain_article(text, "text", parse_published(published), url, title)


def plain_article(
    text: str, name: str, published: date | None, url: str | None, title: str | None
) -> Article:
    """An :class:`Article` from plain text read from ``name`` (which errors are named by):
    the title is the caller's or the headline, the date the caller's or the dateline."""
    cleaned = clean(text, name)
    return Article(cleaned, title or _headline(cleaned), published or find_dateline(cleaned), url)


def _headline(text: str) -> str | None:
    """A plain-text article's title: its first line, when the text has more lines and that
    one is short enough to be a headline rather than a paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or len(lines[0]) > MAX_HEADLINE:
        return None
    return lines[0]
