"""A web page → an :class:`~syriamap.text.article.Article`: its main text, title and date.

trafilatura finds the main text (no navigation, footer or comments), the title and the date in
the page's markup and URL.  It is imported lazily, inside :func:`html_article`: it pulls in lxml
and friends, which commands that never read a web page should not pay for at start-up.  Its
date search is bounded by a fixed date, not today, so the same page gives the same date in any
year; a date is never guessed from the body, only read from a dateline there.
"""

from __future__ import annotations

import html
import re
from datetime import date

from ..errors import InputError
from .article import LATEST_DATE, Article, parse_published, within_dates
from .dateline import find_dateline
from .decoding import clean, normalise

__all__ = ["article_from_html", "html_article", "looks_like_html"]

_SNIFF = 1024
"""How far into a text its HTML tags are looked for."""
_HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")

_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|main|meta|title)[\s>/]", re.IGNORECASE
)
_TITLE = re.compile(r"<title[^>]{0,200}>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str, media_type: str | None) -> bool:
    """Whether ``text`` is a web page: by its media type, else by an HTML tag near its top
    (a file's name says nothing: ``.txt`` pages and ``.html`` notes both exist)."""
    return media_type in _HTML_MEDIA_TYPES or bool(_HTML_START.search(text[:_SNIFF]))


def article_from_html(
    page: str, *, published: str | date | None = None, url: str | None = None
) -> Article:
    """An :class:`Article` from a web page: main text, title and date by trafilatura.

    The date is ``published``, else the page's metadata (markup and URL only — no guessing
    from the body), else a dateline in the main text.

    >>> page = "<html><head><title>Bridge reopens</title></head><body><p>The bridge reopened."
    >>> article_from_html(page + "</p></body></html>").title
    'Bridge reopens'
    """
    return html_article(page, "page", parse_published(published), url)


def html_article(page: str, name: str, published: date | None, url: str | None) -> Article:
    """An :class:`Article` from a page read from ``name`` (which errors are named by)."""
    import trafilatura
    from trafilatura.settings import Document

    page = clean(page, name)
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            # a fixed bound, not today: the same page must give the same date in any year
            "max_date": LATEST_DATE.isoformat(),
        },
    )
    if not isinstance(document, Document):
        # trafilatura gives up on the whole page when its metadata is broken (a timestamp
        # "+25:00"): the text is still worth reading without it
        document = trafilatura.bare_extraction(
            page, url=url, with_metadata=False, include_comments=False
        )
    if not isinstance(document, Document):
        document = Document()
    title = document.title or _html_title(page)
    text = _without_title(normalise(document.text or ""), title)
    if not text.strip():
        raise InputError(f"{name}: no article text found in the page")
    if published is None:
        published = _iso_or_none(document.date) or find_dateline(text)
    return Article(text, title, published, url or document.url)


def _html_title(page: str) -> str | None:
    match = _TITLE.search(page)
    if match is None:
        return None
    title = " ".join(html.unescape(match.group(1)).split())
    return title or None


def _without_title(text: str, title: str | None) -> str:
    """Drop the headline trafilatura repeats as the first line: the title is kept apart."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


def _iso_or_none(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        found = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return found if within_dates(found) else None
