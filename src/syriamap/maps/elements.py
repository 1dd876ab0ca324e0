"""Map elements whose template source is ours alone: every string from an article is a value.

Why this module exists: branca turns the *output* of every folium ``MacroElement`` (popups,
tooltips, markers) back into template source (``Element(rendered)``), and a hand-built
``Element(f"...")`` is template source from the start.  An article string that reaches either
is evaluated by Jinja2: ``{{ 7*7 }}`` becomes ``49``, ``{{lipsum.__globals__...}}`` runs code,
and ``{#`` or ``{{cite web|...}}`` crash the render.

The elements here are plain :class:`branca.element.Element` subclasses with constant templates,
added straight to the page's header, body or script (which branca renders once, so values are
never re-read as template source).  Untrusted strings enter only as context variables, escaped
for where they land: HTML text and attributes by the template's autoescape (or
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

__all__ = ["MAP_SCRIPT", "HtmlBlock", "Legend", "PageScript", "script_json"]

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


class HtmlBlock(Element):
    """A fragment of HTML (the inlined assets, the article panel): ``content`` is
    :class:`~markupsafe.Markup` built from our constant formats, anything else is escaped."""

    _template = _HTML.from_string("{{ this.content }}")

    def __init__(self, content: Markup | str) -> None:
        super().__init__()
        self._name = "HtmlBlock"
        self.content = content


class Legend(Element):
    """The title block (title, subtitle, source link) and the key (factions, modes, notes).
    ``link`` is set only for an http(s) address; any other ``url`` is shown as text."""

    _template = _HTML.from_string(
        "<style>.sm-box{position:absolute;z-index:1000;background:#fff;padding:6px 10px;"
        "border:1px solid #999;font:13px sans-serif}.sm-swatch{display:inline-block;width:12px;"
        "height:12px;margin-right:6px;border:1px solid #555}</style>"
        '<div class="sm-box" id="sm-title" style="top:10px;left:50px"><b>{{ this.title }}</b>'
        "<br>{{ this.subtitle }}"
        '{% if this.link %} · <a href="{{ this.link }}" target="_blank" '
        'rel="noopener noreferrer">source</a>{% elif this.url %} · {{ this.url }}{% endif %}'
        "</div>"
        '<div class="sm-box" id="sm-legend" style="top:90px;left:10px"><b>Controllers</b>'
        "{% for name, colour in this.rows %}"
        '<div><span style="background:{{ colour }}" class="sm-swatch"></span>{{ name }}</div>'
        "{% endfor %}<b>Modes</b>{% for mode, dash in this.modes %}"
        '<div><svg width="34" height="8"><line x1="0" y1="4" x2="34" y2="4" stroke="#333" '
        'stroke-width="3" stroke-dasharray="{{ dash }}"/></svg> {{ mode }}</div>'
        "{% endfor %}{{ this.notes }}</div>"
    )

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
        self.title, self.subtitle, self.url, self.link = title, subtitle, url, link
        self.rows, self.modes, self.notes = rows, modes, notes


class PageScript(Element):
    """The page's own script: ``data`` (JSON-escaped) and :data:`MAP_SCRIPT`, which reads it."""

    _template = _SCRIPT.from_string("var smData = {{ this.data|script_json }};\n{{ this.code }}")

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "PageScript"
        self.data = data
        self.code = MAP_SCRIPT


#: What the page does once loaded, driven by ``smData`` (element names are folium's global
#: variables; every other value is data):
#:
#: * ``popups`` ``[[name, html, maxWidth]]`` and ``tooltips`` ``[[name, html]]`` are bound;
#: * ``anchors`` ``{key: name}`` and ``events`` ``{key: [names]}``: the panel's highlights
#:   (click a place: fly to it and open its popup; click an event sentence: fit its marks and
#:   open the first shown one's popup);
#: * ``timed`` ``[[name, group, day]]`` and ``dates``: the slider with a play button, layers
#:   dated after the chosen day hidden, undated ones always shown;
#: * ``states`` ``[[name, group, [[day, fill, ring, conflict], ...]]]`` (corpus map): on each
#:   slider move a marker takes the colours of the latest change on or before the day, or
#:   disappears when nothing was reported yet.
MAP_SCRIPT = """window.addEventListener('load', function () {
var d = smData, map = window[d.map];
var get = function (name) { return window[name]; };
d.popups.forEach(function (p) {
  get(p[0]).bindPopup(L.popup({maxWidth: p[2]}).setContent(p[1]));
});
d.tooltips.forEach(function (t) { get(t[0]).bindTooltip(t[1], {sticky: true}); });
var anchors = {}, events = {};
Object.keys(d.anchors).forEach(function (k) { anchors[k] = get(d.anchors[k]); });
Object.keys(d.events).forEach(function (k) { events[k] = d.events[k].map(get); });
document.querySelectorAll('[data-sm-place]').forEach(function (el) {
  el.addEventListener('click', function (e) {
    e.stopPropagation();
    var m = anchors[el.dataset.smPlace];
    if (m) { map.flyTo(m.getLatLng(), 8, {duration: 0.5}); m.openPopup(); }
  });
});
document.querySelectorAll('[data-sm-event]').forEach(function (el) {
  el.addEventListener('click', function () {
    var ms = events[el.dataset.smEvent] || [];
    var b = L.latLngBounds([]);
    ms.forEach(function (m) {
      if (m.getBounds) { b.extend(m.getBounds()); } else { b.extend(m.getLatLng()); }
    });
    if (!b.isValid()) { return; }
    map.flyToBounds(b.pad(0.3), {maxZoom: 8, duration: 0.5});
    var shown = ms.filter(function (m) { return map.hasLayer(m); });
    if (shown.length) { shown[0].openPopup(); }
  });
});
var states = d.states.map(function (s) { return {m: get(s[0]), g: get(s[1]), e: s[2]}; });
var hold = function (limit) {
  states.forEach(function (s) {
    var cur = null;
    s.e.forEach(function (x) { if (x[0] && x[0] <= limit) { cur = x; } });
    if (!cur) { s.e.forEach(function (x) { if (!x[0]) { cur = x; } }); }
    if (cur) {
      if (!s.g.hasLayer(s.m)) { s.g.addLayer(s.m); }
      s.m.setStyle({fillColor: cur[1], color: cur[2], dashArray: cur[3] ? '4 3' : null});
    } else if (s.g.hasLayer(s.m)) { s.g.removeLayer(s.m); }
  });
};
var timed = d.timed.map(function (t) { return {l: get(t[0]), g: get(t[1]), d: t[2]}; });
var dates = d.dates;
if (!dates.length) { return; }
var ctl = L.control({position: 'bottomleft'});
ctl.onAdd = function () {
  var box = L.DomUtil.create('div', 'sm-box sm-timeline');
  box.style.position = 'relative';
  box.innerHTML = '<button id="sm-play" type="button">&#9654;</button> '
    + '<input id="sm-slider" type="range" min="0" step="1"> <span id="sm-date"></span>';
  L.DomEvent.disableClickPropagation(box);
  return box;
};
ctl.addTo(map);
var slider = document.getElementById('sm-slider');
slider.max = dates.length - 1;
slider.value = dates.length - 1;
var show = function (i) {
  var limit = dates[i];
  document.getElementById('sm-date').textContent = 'up to ' + limit;
  timed.forEach(function (t) {
    var on = !t.d || t.d <= limit;
    if (on && !t.g.hasLayer(t.l)) { t.g.addLayer(t.l); }
    if (!on && t.g.hasLayer(t.l)) { t.g.removeLayer(t.l); }
  });
  if (states.length) { hold(limit); }
};
slider.addEventListener('input', function () { show(+slider.value); });
var timer = null;
document.getElementById('sm-play').addEventListener('click', function () {
  if (timer) { clearInterval(timer); timer = null; return; }
  var i = 0;
  show(i);
  slider.value = i;
  timer = setInterval(function () {
    i += 1;
    if (i >= dates.length) { clearInterval(timer); timer = null; return; }
    slider.value = i;
    show(i);
  }, 900);
});
show(dates.length - 1);
});
"""
