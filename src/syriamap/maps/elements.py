"""Map elements whose template source is ours alone: every string from an article is a value.

Why this module exists: branca turns the *output* of every folium ``MacroElement`` (popups,
tooltips, markers) back into template source (``Element(rendered)``), and a hand-built
``Element(f"...")`` is template source from the start.  An article string that reaches either
is evaluated by Jinja2: ``{{ 7*7 }}`` becomes ``49``, ``{{lipsum.__globals__...}}`` runs code,
and ``{#`` or ``{{cite web|...}}`` crash the render.

The elements here are plain :class:`branca.element.Element` subclasses in folium's shape: a
constant ``_template`` (from a file of ``assets/`` when it is more than glue) and the CSS or
JavaScript they need, read from ``assets/`` and inlined by the element itself.  They are added
straight to the page's header, body or script (which branca renders once, so values are never
re-read as template source).  Untrusted strings enter only as context variables, escaped for
where they land: HTML text and attributes by the template's autoescape (or
:class:`markupsafe.Markup` fragments built from our constant formats), JavaScript by
:func:`script_json`.  Popups and tooltips are bound by :data:`MAP_SCRIPT` from that data, never
through folium's ``Popup``/``Tooltip``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
from branca.element import Element
from markupsafe import Markup

from .assets import asset

__all__ = [
    "MAP_SCRIPT",
    "ArticlePanel",
    "HtmlBlock",
    "Legend",
    "PageScript",
    "Stylesheet",
    "script_json",
]

_HTML = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_SCRIPT = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined)

#: Characters a JSON string may hold that end a ``<script>`` block, open an HTML comment or
#: CDATA section inside it, or end a JavaScript line (U+2028/U+2029 before ES2019); lone
#: surrogates are escaped so the page can be written as UTF-8.
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def script_json(value: Any) -> str:
    """``value`` as a JavaScript literal safe inside a ``<script>`` element.

    >>> script_json(["</script>", "a\\u2028b"])
    '["\\\\u003c/script\\\\u003e","a\\\\u2028b"]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SCRIPT.filters["script_json"] = script_json


def _stylesheet(name: str) -> Markup:
    """``assets/<name>``: our own file, so trusted markup (a value, not template source)."""
    return Markup(asset(name))


class HtmlBlock(Element):
    """A fragment of HTML (the inlined Leaflet and jQuery): ``content`` is
    :class:`~markupsafe.Markup` built from our constant formats, anything else is escaped."""

    _template = _HTML.from_string("{{ this.content }}")

    def __init__(self, content: Markup | str) -> None:
        super().__init__()
        self._name = "HtmlBlock"
        self.content = content


class Stylesheet(Element):
    """One of our stylesheets (``assets/<name>``), inlined as a ``<style>`` block."""

    _template = _HTML.from_string("<style>{{ this.css }}</style>")

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = "Stylesheet"
        self.css = _stylesheet(name)


class Legend(Element):
    """The title block (title, subtitle, source link) and the key (factions, modes, notes).
    ``link`` is set only for an http(s) address; any other ``url`` is shown as text.
    Template ``assets/legend.html``, style ``assets/legend.css``."""

    _template = _HTML.from_string(asset("legend.html"))

    def __init__(
        self,
        *,
        title: str,
        subtitle: str,
        url: str | None,
        link: str | None,
        rows: list[tuple[str, str]],
        modes: list[tuple[str, str]],
        notes: Markup,
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.css = _stylesheet("legend.css")
        self.title, self.subtitle, self.url, self.link = title, subtitle, url, link
        self.rows, self.modes, self.notes = rows, modes, notes


class ArticlePanel(Element):
    """The article beside the map: ``text`` is :class:`~markupsafe.Markup` woven from the
    escaped article and our constant highlight tags (:func:`syriamap.maps.panel.panel_text`).
    Template ``assets/panel.html``, style ``assets/panel.css``."""

    _template = _HTML.from_string(asset("panel.html"))

    def __init__(self, text: Markup) -> None:
        super().__init__()
        self._name = "ArticlePanel"
        self.css = _stylesheet("panel.css")
        self.text = text


#: What the page does once loaded, driven by ``smData``: ``assets/map.js`` (its header comment
#: lists the data it reads).
MAP_SCRIPT = asset("map.js")


class PageScript(Element):
    """The page's own script: ``data`` (JSON-escaped) and :data:`MAP_SCRIPT`, which reads it.
    The template is only the glue that binds the data to the script's name for it."""

    _template = _SCRIPT.from_string("var smData = {{ this.data|script_json }};\n{{ this.code }}")

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "PageScript"
        self.data = data
        self.code = MAP_SCRIPT
