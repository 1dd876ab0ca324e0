"""Where an article comes from: a file path, ``-`` (standard input) or an http(s) URL.

Everything that can go wrong with input is caught here or in the modules this one calls,
once, as a one-line :class:`~syriamap.errors.InputError` naming the source: empty, oversized,
binary or undecodable input, a missing file, a URL that fails.  At most ``max_bytes`` are
read from any source; only a URL touches the network, and only through :mod:`.fetch` and its
policy.  Text or HTML is told apart by content (and a server's Content-Type), then the bytes
become an :class:`~syriamap.text.article.Article` the same way whatever their source.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from .._version import __version__
from ..errors import InputError, one_line
from .article import Article, parse_published, plain_article
from .decoding import decode
from .webpage import html_article, looks_like_html

__all__ = ["FETCH_TIMEOUT_S", "MAX_ARTICLE_BYTES", "read_article", "read_url"]

MAX_ARTICLE_BYTES = 5_000_000
"""Default cap on what :func:`read_article` reads; long enough for any news page."""
FETCH_TIMEOUT_S = 20
"""Seconds a URL may take, per socket operation and for the whole download."""

_USER_AGENT = f"syriamap/{__version__} (article reader; +https://pypi.org/project/syriamap/)"
_MAX_SOURCE_NAME = 200
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


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
    the policy of :mod:`syriamap.text.fetch`: loopback, private, link-local and other
    non-public addresses are refused unless ``allow_private`` is true; at most 5 redirects,
    each checked; at most ``max_bytes`` read; :data:`FETCH_TIMEOUT_S` seconds in all.

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


def _read_url(
    url: str, name: str, when: date | None, max_bytes: int, allow_private: bool
) -> Article:
    from .fetch import fetch_url  # http.client and ssl load only when a URL is read

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


def _read_file(path: str, name: str, max_bytes: int) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({one_line(err)})") from None


def _read_stdin(name: str, max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{name}: not available")
    data = stream.read(max_bytes + 1)
    return bytes(data)


def _source_name(source: str) -> str:
    """How messages name a source: printable, and short enough for one line."""
    if source == "-":
        return "standard input"
    shown = source if source.isprintable() else repr(source)
    return shown if len(shown) <= _MAX_SOURCE_NAME else shown[:_MAX_SOURCE_NAME] + "…"


def _check_max_bytes(max_bytes: object) -> None:
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise InputError(f"max_bytes must be a positive integer, not {max_bytes!r}")


def _article_from_bytes(
    data: bytes,
    name: str,
    when: date | None,
    max_bytes: int,
    url: str | None,
    media_type: str | None,
    charset: str | None,
) -> Article:
    text = decode(data, name, max_bytes=max_bytes, charset=charset)
    if looks_like_html(text, media_type):
        return html_article(text, name, when, url)
    return plain_article(text, name, when, url, None)
