"""Popup and legend fragments: an article's words as a quote, a source as a link.

Each is :class:`~markupsafe.Markup` built from one of our constant formats with the untrusted
string escaped into it, so the maps can assemble popups from pieces without ever treating a
piece as HTML (or as template source).  A URL becomes a link only when it is http(s): a
``javascript:`` or ``file:`` address from an article is shown as text.
"""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["quote", "web_link", "web_url"]


def quote(text: str) -> Markup:
    """``text`` escaped inside ``<q>``.

    >>> quote("<b>Hama</b> fell")
    Markup('<q>&lt;b&gt;Hama&lt;/b&gt; fell</q>')
    """
    return Markup("<q>{}</q>").format(text)


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: a ``javascript:`` or ``file:`` URL
    from an article never becomes a link."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return url


def web_link(url: str | None, label: str) -> Markup | None:
    """``label`` (escaped here) as a link to ``url`` when it is an http(s) address; None
    otherwise."""
    href = web_url(url)
    if href is None:
        return None
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(
        href, label
    )
