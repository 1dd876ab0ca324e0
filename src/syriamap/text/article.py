"""Reading one news article — a file, standard input or a web page — into text the extractor
can trust.

Everything that can go wrong with input is caught here, once, as a one-line
:class:`~syriamap.errors.InputError` naming the source: empty, oversized, binary or undecodable
input, a missing file, a URL that fails.  The text is normalised (``\\r\\n`` → ``\\n``, stray
control characters dropped) *before* anyone computes offsets, so the character offsets the
extractor reports point into :attr:`Article.text` exactly.  A publication date is taken only
from the caller, the page's metadata or a dateline; it is never guessed, because relative dates
("yesterday") are resolved against it.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .._version import __version__
from ..errors import InputError
from .dates import find_date, find_dates
from .fetch import fetch_url

__all__ = [
    "DATELINE_SPAN",
    "FETCH_TIMEOUT_S",
    "MAX_ARTICLE_BYTES",
    "Article",
    "Dateline",
    "article_from_html",
    "article_from_text",
    "find_dateline",
    "find_wire_dateline",
    "parse_published",
    "read_article",
    "read_url",
]

MAX_ARTICLE_BYTES = 5_000_000
"""Default cap on what :func:`read_article` reads; long enough for any news page."""
FETCH_TIMEOUT_S = 20
"""Seconds a URL may take, per socket operation and for the whole download."""
DATELINE_SPAN = 600
#: Publication dates outside these are refused: news, and room for "three weeks ago".
_EARLIEST_DATE, _LATEST_DATE = date(1900, 1, 1), date(2199, 12, 31)
"""A dateline is looked for only this many characters into the text: later dates are events."""

_USER_AGENT = f"syriamap/{__version__} (article reader; +https://pypi.org/project/syriamap/)"
_MAX_DATELINE_LINE = 160
_MAX_HEADLINE = 120
_MAX_BYLINE = 80
_MAX_WIRE_DATELINE = 200
_MAX_CONTROL_SHARE = 0.10
_CHUNK = 65_536
_SNIFF = 1024

# Bytes below 0x20 other than tab, newline and carriage return, plus DEL.  In UTF-8 and every
# ASCII-compatible charset these bytes only ever stand for control characters themselves.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_DROP_CONTROLS = {
    code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|main|meta|title)[\s>/]", re.IGNORECASE
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_TITLE = re.compile(r"<title[^>]{0,200}>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

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
            if not _EARLIEST_DATE <= value <= _LATEST_DATE:
                raise InputError(
                    f"published date {published.strip()!r} is outside "
                    f"{_EARLIEST_DATE.year}-{_LATEST_DATE.year}"
                )
            return value
    shown = published[:40] if isinstance(published, str) else published
    raise InputError(f"published date {shown!r} is not YYYY-MM-DD")


def _normalise(text: str) -> str:
    """Line endings to ``\\n`` and stray control characters out, before any offset is taken."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP_CONTROLS)


def _clean(text: str, name: str) -> str:
    cleaned = _normalise(text)
    if not cleaned.strip():
        raise InputError(f"{name}: empty (no text)")
    return cleaned


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
            is_heading = leading == 0 and len(stripped) <= _MAX_HEADLINE
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
    return _from_text(text, "text", parse_published(published), url, title)


def _from_text(
    text: str, name: str, published: date | None, url: str | None, title: str | None
) -> Article:
    cleaned = _clean(text, name)
    return Article(cleaned, title or _headline(cleaned), published or find_dateline(cleaned), url)


def _headline(text: str) -> str | None:
    """A plain-text article's title: its first line, when the text has more lines and that
    one is short enough to be a headline rather than a paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or len(lines[0]) > _MAX_HEADLINE:
        return None
    return lines[0]


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
    return _from_html(page, "page", parse_published(published), url)


def _from_html(page: str, name: str, published: date | None, url: str | None) -> Article:
    # Imported here: trafilatura pulls in lxml and friends, which commands that never read a
    # web page should not pay for at start-up.
    import trafilatura
    from trafilatura.settings import Document

    page = _clean(page, name)
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            # a fixed bound, not today: the same page must give the same date in any year
            "max_date": _LATEST_DATE.isoformat(),
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
    text = _without_title(_normalise(document.text or ""), title)
    if not text.strip():
        raise InputError(f"{name}: no article text found in the page")
    if published is None:
        published = _iso_or_none(document.date) or find_dateline(text)
    return Article(text, title, published, url or document.url)


def _iso_or_none(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        found = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return found if _EARLIEST_DATE <= found <= _LATEST_DATE else None


def _check_bytes(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes} bytes")
    if not data.strip():
        raise InputError(f"{name}: empty (no text)")
    nul = data.find(0)
    if nul >= 0:
        raise InputError(f"{name}: binary data, not text (NUL byte at offset {nul})")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise InputError(f"{name}: binary data, not text ({controls} control bytes)")


def _decode(data: bytes, name: str, declared: str | None) -> str:
    """UTF-8 first (any BOM dropped), then the charset the server or the page declares."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    found = _META_CHARSET.search(data[:4096])
    charset = declared or (found.group(1).decode("ascii") if found else None)
    if charset is None or codecs.lookup("utf-8").name == _codec_name(charset):
        raise InputError(
            f"{name}: not UTF-8 text (bad byte at offset {utf8_error.start}) "
            "and no other charset declared"
        )
    try:
        return data.decode(charset)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid {charset} text (bad byte at offset {err.start})"
        ) from None
    except LookupError:
        raise InputError(f"{name}: declared charset {charset[:40]!r} is unknown") from None


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _one_line(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return " ".join(str(text).split())


def _read_file(path: str, name: str, max_bytes: int) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({_one_line(err)})") from None


def _read_stdin(name: str, max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{name}: not available")
    data = stream.read(max_bytes + 1)
    return bytes(data)


def _source_name(source: str) -> str:
    if source == "-":
        return "standard input"
    shown = source if source.isprintable() else repr(source)
    return shown if len(shown) <= 200 else shown[:200] + "…"


def _check_max_bytes(max_bytes: object) -> None:
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise InputError(f"max_bytes must be a positive integer, not {max_bytes!r}")


def read_url(
    url: str,
    *,
    published: str | date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    allow_private: bool = False,
) -> Article:
    """Fetch an article from an http(s) URL, and never from anything else.

    This is the reader for URLs that come from input (a batch line's ``url``): a path or a
    ``file:`` URL is an :class:`~syriamap.errors.InputError`, never read.  The fetch follows
    the policy of :mod:`syriamap.fetch`: loopback, private, link-local and other non-public
    addresses are refused unless ``allow_private`` is true; at most 5 redirects, each checked;
    at most ``max_bytes`` read; :data:`FETCH_TIMEOUT_S` seconds in all.

    >>> try:
    ...     read_url("file:///etc/passwd")
    ... except InputError as err:
    ...     print(err)
    file:///etc/passwd: only http:// and https:// URLs are fetched, not file: URL
    """
    when = parse_published(published)
    _check_max_bytes(max_bytes)
    if not isinstance(url, str) or not url:
        raise InputError("no URL given")
    return _read_url(url, _source_name(url), when, max_bytes, allow_private)


def _read_url(
    url: str, name: str, when: date | None, max_bytes: int, allow_private: bool
) -> Article:
    fetched = fetch_url(
        url,
        name=name,
        max_bytes=max_bytes,
        timeout=FETCH_TIMEOUT_S,
        user_agent=_USER_AGENT,
        allow_private=allow_private,
    )
    return _article_from_bytes(
        fetched.body, name, when, max_bytes, fetched.url, fetched.media_type, fetched.charset
    )


def read_article(
    source: str,
    *,
    published: str | date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    allow_private: bool = False,
) -> Article:
    """Read an article from a file path, ``-`` (standard input) or an http(s) URL.

    Text or HTML is told apart by content (and, for a URL, by its Content-Type), not by the
    file name.  At most ``max_bytes`` are read; the network is used only for a URL, under the
    policy of :func:`read_url` (``allow_private`` lets it reach loopback and private
    addresses).  Every failure is an :class:`~syriamap.errors.InputError` with a one-line
    message naming the source.  ``published`` (``YYYY-MM-DD``) overrides any date the article
    gives.
    """
    when = parse_published(published)
    _check_max_bytes(max_bytes)
    if not isinstance(source, str) or not source:
        raise InputError("no article source given (a path, '-' or an http(s) URL)")
    name = _source_name(source)
    if source.lower().startswith(("http://", "https://")):
        return _read_url(source, name, when, max_bytes, allow_private)
    if _URL_SCHEME.match(source):
        raise InputError(f"{name}: only http:// and https:// URLs can be read")
    data = _read_stdin(name, max_bytes) if source == "-" else _read_file(source, name, max_bytes)
    return _article_from_bytes(data, name, when, max_bytes, None, None, None)


def _article_from_bytes(
    data: bytes,
    name: str,
    when: date | None,
    max_bytes: int,
    url: str | None,
    media_type: str | None,
    charset: str | None,
) -> Article:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows "Unicode" text: UTF-16 with its byte-order mark (its NUL bytes are no sign
        # of binary data)
        with contextlib.suppress(UnicodeDecodeError):  # else: judged as bytes below
            data = data.decode("utf-16").encode("utf-8")
    _check_bytes(data, name, max_bytes)
    text = _decode(data, name, charset)
    is_html = media_type in ("text/html", "application/xhtml+xml") or bool(
        _HTML_START.search(text[:_SNIFF])
    )
    if is_html:
        return _from_html(text, name, when, url)
    return _from_text(text, name, when, url, None)
