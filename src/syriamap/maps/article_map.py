"""Extraction → one self-contained HTML map (folium/Leaflet), offline and repeatable.

What a reader sees: the places an article names (small neutral dots), control changes (a dot
filled with the new controller's colour and ringed with the previous one's, so the flip shows
at a glance), movements (one line per leg, arrowhead at the destination; air legs follow the
great circle and are dashed, land legs solid, sea legs dotted; coloured by the actor's
faction), a legend and a title block.  Every popup quotes the sentence behind the mark.

Guarantees:

* **offline and private** by default: Leaflet and jQuery are inlined from the ``xstatic``
  registry packages, the basemap is the gazetteer's own country and governorate outlines;
  nothing is fetched when the page opens (``cdn=True`` gives folium's usual CDN links);
* **data, never code**: no string from an article (or a saved extraction, a corpus, an
  overlay) is ever template source: folium draws only the geometry, and every text is a value
  of one of the constant-template elements of :mod:`syriamap.elements`, escaped for where it
  lands (HTML by autoescape, JavaScript as escaped JSON), so ``<script>`` and ``{{ 7*7 }}``
  in an article are shown as written and run nothing;
* **repeatable**: folium's random element ids are replaced by counters, so the same input
  gives byte-identical output.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure
from markupsafe import Markup, escape

from ..errors import InputError
from ..events import ControlChange, Movement
from ..formats import Extraction
from ..gazetteer import Gazetteer, Place
from .elements import HtmlBlock, Legend, PageScript

__all__ = ["DEFAULT_TILES", "FACTION_COLOURS", "MODE_DASHES", "online_tiles", "render_html"]

#: One palette for the whole project, after the conventions readers know (government red,
#: opposition and HTS greens, SNA a lighter green, SDF yellow, ISIS black, Israel blue ...),
#: chosen so that every pair stays distinct for deuteranopes (CIELAB ΔE ≥ 15 after the
#: Machado et al. 2009 simulation; tests/test_render.py checks it).
#: Override per call with ``render_html(..., colours={...})``.
FACTION_COLOURS: dict[str, str] = {
    "government": "#b2182b",
    "opposition": "#4dac26",
    "hts": "#00441b",
    "sna": "#a6dba0",
    "sdf": "#ffd700",
    "isis": "#1a1a1a",
    "israel": "#2166ac",
    "turkey": "#f1b6da",
    "russia": "#3f007d",
    "iran": "#dfc27d",
    "us": "#67a9cf",
    "unknown": "#9e9e9e",
}
#: The online tile layer offered (unticked) beside the offline basemap: an xyzservices name.
DEFAULT_TILES = "OpenStreetMap.Mapnik"
#: Leaflet dash patterns per movement mode (``None`` is a solid line).
MODE_DASHES: dict[str, str | None] = {"air": "10 8", "land": None, "sea": "2 8", "unknown": "4 4"}


def _asset(package: str, name: str) -> str:
    module = {"leaflet": "xstatic.pkg.leaflet", "jquery": "xstatic.pkg.jquery"}[package]
    return resources.files(module).joinpath("data", name).read_text(encoding="utf-8")


def quote(text: str) -> Markup:
    return Markup("<q>{}</q>").format(text)


class Bindings:
    """The popups and tooltips of a page, bound by the page's script from data (folium's
    ``Popup``/``Tooltip`` would re-read their text as template source).  Elements are kept,
    not names: names are final only after :func:`fix_ids`."""

    def __init__(self) -> None:
        self.popups: list[tuple[Element, Markup, int]] = []
        self.tooltips: list[tuple[Element, Markup]] = []

    def popup(self, element: Element, content: Markup, max_width: int) -> None:
        self.popups.append((element, content, max_width))

    def tooltip(self, element: Element, content: Markup) -> None:
        self.tooltips.append((element, content))

    def data(self) -> dict[str, Any]:
        return {
            "popups": [[e.get_name(), str(c), w] for e, c, w in self.popups],
            "tooltips": [[e.get_name(), str(c)] for e, c in self.tooltips],
        }


def great_circle(a: Place, b: Place) -> list[tuple[float, float]]:
    """Points along the great circle from ``a`` to ``b`` (spherical interpolation), one about
    every 150 km: enough for the curve to show, few enough to keep big maps small."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    p1 = (math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1))
    p2 = (math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2))
    omega = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(p1, p2, strict=True)))))
    if omega < 1e-9:
        return [(a.lat, a.lon), (b.lat, b.lon)]
    steps = max(2, min(48, round(omega * 6371.0 / 150)))
    points = []
    for i in range(steps + 1):
        t = i / steps
        k1, k2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (k1 * u + k2 * v for u, v in zip(p1, p2, strict=True))
        lat = round(math.degrees(math.atan2(z, math.hypot(x, y))), 4)
        points.append((lat, round(math.degrees(math.atan2(y, x)), 4)))
    return points


def arrowhead(path: list[tuple[float, float]], size_deg: float) -> list[tuple[float, float]]:
    """A small triangle at the end of ``path`` pointing along its last segment."""
    (lat1, lon1), (lat2, lon2) = path[-2], path[-1]
    scale = math.cos(math.radians(lat2)) or 1e-6
    dx, dy = (lon2 - lon1) * scale, lat2 - lat1
    norm = math.hypot(dx, dy) or 1.0
    dx, dy = dx / norm, dy / norm
    back = (lat2 - dy * size_deg, lon2 - dx * size_deg / scale)
    left = (back[0] + dx * size_deg * 0.5, back[1] - dy * size_deg * 0.5 / scale)
    right = (back[0] - dx * size_deg * 0.5, back[1] + dy * size_deg * 0.5 / scale)
    return [(round(lat, 4), round(lon, 4)) for lat, lon in ((lat2, lon2), left, right)]


def route(stops: list[Place], mode: str) -> list[tuple[float, float]]:
    """The drawn path through ``stops``: great-circle arcs by air, straight legs otherwise."""
    path: list[tuple[float, float]] = []
    for a, b in pairwise(stops):
        leg = great_circle(a, b) if mode == "air" else [(a.lat, a.lon), (b.lat, b.lon)]
        path.extend(leg if not path else leg[1:])
    return path


def arrow(path: list[tuple[float, float]], colour: str, *, scale: float = 1.0) -> folium.Polygon:
    """The arrowhead at the end of ``path``, sized to the line's extent (times ``scale``)."""
    length = max(abs(path[-1][0] - path[0][0]), abs(path[-1][1] - path[0][1]))
    return folium.Polygon(
        arrowhead(path, max(0.08, min(0.6, length * 0.06)) * scale),
        color=colour,
        fill=True,
        fill_color=colour,
        fill_opacity=1.0,
        weight=1,
        class_name="syriamap-arrow",
    )


def control_marker(
    place: Place,
    fill: str,
    ring: str,
    *,
    class_name: str,
    dashed: bool = False,
) -> folium.CircleMarker:
    """A place's marker filled with its new controller's colour and ringed with the
    previous one's (the ring dashed when reports disagree)."""
    return folium.CircleMarker(
        (place.lat, place.lon),
        radius=9,
        weight=4,
        color=ring,
        fill=True,
        fill_color=fill,
        fill_opacity=0.95,
        dash_array="4 3" if dashed else None,
        class_name=class_name,
    )


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class Style:
    """The palette of one page.  Colours reach Leaflet's options and the legend's CSS, so each
    must be ``#RRGGBB``; anything else is an :class:`InputError`, not page source."""

    colours: dict[str, str]

    def __post_init__(self) -> None:
        for faction, colour in self.colours.items():
            if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
                raise InputError(f"colour {colour!r} for {faction!r} must look like #RRGGBB")

    def colour(self, faction: str | None) -> str:
        return self.colours.get(faction or "unknown", self.colours["unknown"])


def online_tiles(name: str, *, show: bool = False) -> folium.TileLayer:
    """The xyzservices provider ``name`` ("OpenStreetMap.Mapnik", "CartoDB Positron" …) as an
    overlay in the layer control; shown only when ``show`` (a hidden layer fetches nothing)."""
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise InputError(f"unknown tile layer {name!r} (an xyzservices name)") from None
    if provider.requires_token():
        raise InputError(f"tile layer {name!r} needs an API key; choose another")
    return folium.TileLayer(
        tiles=provider,
        name=f"{provider.name} (online)",
        overlay=True,
        show=show,
        control=True,
    )


def _basemap(fmap: folium.Map, gazetteer: Gazetteer) -> None:
    """Country outlines and governorate lines from the gazetteer: a map with no tiles."""
    features = []
    for place in gazetteer:
        if place.geometry and place.kind in {"country", "admin1"}:
            features.append(
                {"type": "Feature", "geometry": place.geometry, "properties": {"kind": place.kind}}
            )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Outlines",
        style_function=lambda f: {
            "color": "#555555" if f["properties"]["kind"] == "country" else "#aaaaaa",
            "weight": 1.2 if f["properties"]["kind"] == "country" else 0.6,
            "fillColor": "#f4f1ea",
            "fillOpacity": 1.0 if f["properties"]["kind"] == "country" else 0.0,
        },
        control=False,
    ).add_to(fmap)


def _places_layer(
    result: Extraction,
    text_of: dict[str, list[str]],
    anchors: dict[str, Any],
    bindings: Bindings,
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Places mentioned")
    seen: set[str] = set()
    for mention in result.places:
        place = mention.place
        if place.id in seen or place.kind in {"continent"}:
            continue
        seen.add(place.id)
        quotes = Markup("").join(
            Markup("<li>{}</li>").format(quote(s)) for s in text_of.get(place.id, [])[:5]
        )
        marker = folium.CircleMarker(
            (place.lat, place.lon),
            radius=4,
            color="#444444",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.9,
            class_name="syriamap-place",
        )
        bindings.popup(marker, Markup("<b>{}</b><ul>{}</ul>").format(place.name, quotes), 320)
        bindings.tooltip(marker, escape(place.name))
        anchors[place.id] = marker
        marker.add_to(layer)
    return layer


def _changes_layer(
    changes: Iterable[ControlChange],
    style: Style,
    title: str,
    timed: list[tuple[Any, Any, str]],
    spans: dict[tuple[int, int], list[Any]],
    bindings: Bindings,
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Control changes")
    for change in changes:
        before = change.previous_controller or "unknown"
        popup = Markup("<b>{}</b><br>from {} to {}{}{}<br>{}<br><small>{}</small>").format(
            change.place.name,
            before,
            change.new_controller,
            Markup("<br>{}").format(change.date.isoformat()) if change.date else "",
            " (historic)" if change.historic else "",
            quote(change.evidence.text),
            title,
        )
        marker = control_marker(
            change.place,
            style.colour(change.new_controller),
            style.colour(change.previous_controller),
            class_name="syriamap-control-change",
        )
        bindings.popup(marker, popup, 360)
        bindings.tooltip(marker, Markup("{}: {}").format(change.place.name, change.new_controller))
        marker.add_to(layer)
        spans.setdefault((change.evidence.start, change.evidence.end), []).append(marker)
        when = change.date.isoformat() if change.date else ""
        timed.append((marker, layer, when))
        if change.place.kind == "admin1" and change.place.geometry:
            # "rebels took Idlib province": shade the governorate itself
            fill = style.colour(change.new_controller)
            shade = folium.GeoJson(
                {"type": "Feature", "geometry": change.place.geometry, "properties": {}},
                style_function=lambda _f, fill=fill: {
                    "color": fill,
                    "weight": 1,
                    "fillColor": fill,
                    "fillOpacity": 0.3,
                    "className": "syriamap-governorate",
                },
            )
            shade.add_to(layer)
            timed.append((shade, layer, when))
    return layer


def _movements_layer(
    movements: Iterable[Movement],
    style: Style,
    timed: list[tuple[Any, Any, str]],
    spans: dict[tuple[int, int], list[Any]],
    bindings: Bindings,
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Movements")
    for move in movements:
        if move.origin is None:
            continue
        colour = style.colour(move.faction)
        for destination in move.destinations:
            path = route([move.origin, *move.via, destination], move.mode)
            popup = Markup("<b>{}</b><br>{}, {}: {} → {}{}<br>{}").format(
                move.actor or move.faction,
                move.kind,
                move.mode,
                move.origin.name,
                destination.name,
                Markup("<br>{}").format(move.date.isoformat()) if move.date else "",
                quote(move.evidence.text),
            )
            when = move.date.isoformat() if move.date else ""
            line = folium.PolyLine(  # type: ignore[no-untyped-call]
                path,
                color=colour,
                weight=3,
                opacity=0.9,
                dash_array=MODE_DASHES.get(move.mode),
                class_name="syriamap-movement",
            )
            bindings.popup(line, popup, 360)
            line.add_to(layer)
            spans.setdefault((move.evidence.start, move.evidence.end), []).append(line)
            timed.append((line, layer, when))
            head = arrow(path, colour)
            head.add_to(layer)
            timed.append((head, layer, when))
    return layer


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


_NO_NOTES = Markup("")


def legend(
    style: Style,
    factions: set[str],
    title: str,
    subtitle: str,
    notes: Markup = _NO_NOTES,
    *,
    url: str | None = None,
) -> Legend:
    """The title block and the key (factions, modes, and ``notes``: trusted HTML lines)."""
    return Legend(
        title=title,
        subtitle=subtitle,
        url=url or None,
        link=web_url(url),
        rows=[(f, style.colour(f)) for f in sorted(factions)],
        modes=[(mode, dash or "") for mode, dash in MODE_DASHES.items()],
        notes=notes,
    )


def _sentences_by_place(result: Extraction, text: str | None) -> dict[str, list[str]]:
    from ..events import sentences

    if not text:
        return {}
    out: dict[str, list[str]] = {}
    parts = list(sentences(text))
    for mention in result.places:
        for part in parts:
            if part.start <= mention.start < part.end:
                out.setdefault(mention.place.id, [])
                if part.text not in out[mention.place.id]:
                    out[mention.place.id].append(part.text)
    return out


_PANEL_STYLE = Markup(
    "<style>.folium-map{width:68% !important}#sm-panel{position:absolute;top:0;right:0;"
    "width:32%;height:100%;overflow-y:auto;box-sizing:border-box;padding:12px 16px;"
    "font:14px/1.5 Georgia,serif;background:#fff;border-left:1px solid #999}"
    "mark.sm-place{background:#ffe9a8;cursor:pointer}"
    ".sm-event{border-bottom:2px solid #7a9cc6;background:#eef3fa;cursor:pointer}"
    ".sm-timeline input{width:220px}</style>"
)


def _panel(
    text: str,
    result: Extraction,
    place_keys: dict[str, str],
    event_keys: dict[tuple[int, int], str],
) -> Markup:
    """The article beside the map, escaped: each sentence behind an event is a clickable
    highlight (flies to the event's marks), each place mention inside it another (flies to
    the place).  Events quote whole sentences and mentions lie inside one, so the two kinds
    of highlight nest; a mention that would straddle an event's edge is left plain."""
    tags = [
        (a, b, 0, Markup('<span class="sm-event" data-sm-event="{}">').format(key), "</span>")
        for (a, b), key in event_keys.items()
    ]
    tags += [
        (
            m.start,
            m.end,
            1,
            Markup('<mark class="sm-place" data-sm-place="{}">').format(place_keys[m.place.id]),
            "</mark>",
        )
        for m in result.places
        if m.place.id in place_keys
    ]
    pieces: list[str] = []
    cursor = 0
    open_tags: list[tuple[int, int, str]] = []  # (end, kind, closing tag), innermost last

    def emit_until(position: int) -> None:
        nonlocal cursor
        pieces.append(str(escape(text[cursor:position])).replace("\n", "<br>"))
        cursor = position

    for start, end, kind, opening, closing in sorted(tags, key=lambda t: (t[0], t[2])):
        while open_tags and open_tags[-1][0] <= start:
            emit_until(open_tags[-1][0])
            pieces.append(open_tags.pop()[2])
        if start < cursor or (open_tags and (end > open_tags[-1][0] or open_tags[-1][1] >= kind)):
            continue  # it would straddle an open highlight or sit inside a mark: left plain
        emit_until(start)
        pieces.append(str(opening))
        open_tags.append((end, kind, closing))
    while open_tags:
        emit_until(open_tags[-1][0])
        pieces.append(open_tags.pop()[2])
    emit_until(len(text))
    # every piece is escaped text or one of the constant tags above
    body = Markup("".join(pieces))
    return Markup('{}<div id="sm-panel"><h3>Article</h3><div id="sm-text">{}</div></div>').format(
        _PANEL_STYLE, body
    )


def timeline_data(timed: list[tuple[Any, Any, str]], dates: list[str]) -> dict[str, Any]:
    """The slider's share of the page data: each timed layer and its group by name, its ISO
    day ("" when undated), and the days the slider steps through."""
    return {
        "timed": [[element.get_name(), group.get_name(), when] for element, group, when in timed],
        "dates": dates,
    }


def page_script(
    fmap: folium.Map,
    bindings: Bindings,
    *,
    timed: list[tuple[Any, Any, str]],
    dates: list[str],
    anchors: dict[str, str] | None = None,
    events: dict[str, list[str]] | None = None,
    states: list[Any] | None = None,
) -> PageScript:
    """The page's script and its data (see :data:`syriamap.elements.MAP_SCRIPT`); call after
    :func:`fix_ids`, since the data names folium's elements."""
    return PageScript(
        {
            "map": fmap.get_name(),
            **bindings.data(),
            "anchors": anchors or {},
            "events": events or {},
            "states": states or [],
            **timeline_data(timed, dates),
        }
    )


def fix_ids(fmap: folium.Map) -> None:
    """Replace folium's random element ids with counters (byte-identical output)."""
    counter = 0
    seen: set[int] = set()

    def walk(element: Any) -> None:
        nonlocal counter
        if id(element) in seen:
            return
        seen.add(id(element))
        counter += 1
        element._id = f"{counter:08x}"
        for part in ("header", "html", "script"):
            inner = getattr(element, part, None)
            if isinstance(inner, Element):
                walk(inner)
        children = list(element._children.values())
        for child in children:
            walk(child)
        element._children = {child.get_name(): child for child in children}

    walk(fmap)


def base_map(
    *, cdn: bool = False, gazetteer: Gazetteer | None = None, tiles: str | None = DEFAULT_TILES
) -> tuple[folium.Map, Figure]:
    """An empty map with Leaflet inlined (or CDN-linked), the offline basemap and the optional
    online tile layer: what every syriamap page starts from."""
    fmap = folium.Map(
        location=(35.0, 38.0), zoom_start=6, tiles=None, control_scale=True, prefer_canvas=False
    )
    root = fmap.get_root()
    if not isinstance(root, Figure):
        raise TypeError("folium map without a Figure root")
    if not cdn:
        fmap.default_js = []
        fmap.default_css = []
        # the packaged files are ours to trust, and a value, not template source
        assets = Markup("<style>{}</style><script>{}</script><script>{}</script>").format(
            Markup(_asset("leaflet", "leaflet.css")),
            Markup(_asset("jquery", "jquery.min.js")),
            Markup(_asset("leaflet", "leaflet.js")),
        )
        root.header.add_child(HtmlBlock(assets), name="syriamap_assets")
    _basemap(fmap, gazetteer or Gazetteer.default())
    if tiles:
        online_tiles(tiles, show=cdn).add_to(fmap)
    return fmap, root


def fit(fmap: folium.Map, points: list[tuple[float, float]]) -> None:
    """Fit the view to ``points``, kept clear of the legend (top left) and the timeline
    (bottom left)."""
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds(
            [(min(lats) - 0.5, min(lons) - 0.5), (max(lats) + 0.5, max(lons) + 0.5)],
            padding_top_left=(130, 10),
            padding_bottom_right=(10, 40),
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def page_text(root: Figure) -> str:
    """The rendered page.  folium's templates indent every line and leave blank ones: a third
    of a big map.  Line breaks are kept (JavaScript's semicolon insertion depends on them);
    nothing here holds whitespace-sensitive text (article text is single-line HTML).  Lines
    are split at ``\\n`` only, and only spaces and tabs trimmed: ``str.splitlines`` would also
    break at U+2028, form feeds and the like inside an article's text and lose them.  A lone
    surrogate (possible in a Python string, never in UTF-8) becomes U+FFFD, as a browser would
    show it, so the page can always be written."""
    page: str = _SURROGATE.sub("\ufffd", root.render())
    lines = (line.strip(" \t\r") for line in page.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def render_html(
    result: Extraction,
    *,
    text: str | None = None,
    title: str | None = None,
    cdn: bool = False,
    colours: dict[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
    tiles: str | None = DEFAULT_TILES,
) -> str:
    """The map of one extraction as an HTML page (see the module docstring).  ``tiles`` names
    an online tile layer (an xyzservices provider) offered in the layer control, off by
    default so the page stays offline until the reader ticks it; ``None`` leaves it out."""
    style = Style({**FACTION_COLOURS, **(colours or {})})
    points = [(m.place.lat, m.place.lon) for m in result.places if m.place.kind != "continent"]
    points += [
        (p.lat, p.lon)
        for mv in result.movements
        for p in ([mv.origin] if mv.origin else []) + list(mv.destinations)
    ]
    fmap, root = base_map(cdn=cdn, gazetteer=gazetteer, tiles=tiles)
    # the browser tab's name: branca's Figure template inserts it as a value, unescaped
    root.title = str(escape(title or result.title or "syriamap"))
    anchors: dict[str, Any] = {}
    timed: list[tuple[Any, Any, str]] = []
    spans: dict[tuple[int, int], list[Any]] = {}
    bindings = Bindings()
    _places_layer(result, _sentences_by_place(result, text), anchors, bindings).add_to(fmap)
    _changes_layer(
        result.control_changes, style, title or result.title or "", timed, spans, bindings
    ).add_to(fmap)
    _movements_layer(result.movements, style, timed, spans, bindings).add_to(fmap)
    for move in result.movements:  # no line to draw (no origin): its places stand in
        stops = [p for p in (move.origin, *move.via, *move.destinations) if p]
        marks = [anchors[p.id] for p in stops if p.id in anchors]
        if marks:
            spans.setdefault((move.evidence.start, move.evidence.end), marks)
    factions = {c.new_controller for c in result.control_changes}
    factions |= {c.previous_controller or "unknown" for c in result.control_changes}
    factions |= {m.faction for m in result.movements}
    subtitle = result.published.isoformat() if result.published else ""
    root.html.add_child(
        legend(
            style,
            factions or {"unknown"},
            title or result.title or "syriamap",
            subtitle,
            url=result.url,
        ),
        name="syriamap_legend",
    )
    folium.LayerControl(collapsed=False).add_to(fmap)
    fit(fmap, points)
    fix_ids(fmap)
    place_keys = {place_id: str(i) for i, place_id in enumerate(anchors)}
    event_keys = {span: str(i) for i, span in enumerate(sorted(spans))} if text else {}
    if text:
        root.html.add_child(
            HtmlBlock(_panel(text, result, place_keys, event_keys)), name="syriamap_panel"
        )
    events = {
        event_keys[span]: [m.get_name() for m in marks]
        for span, marks in spans.items()
        if span in event_keys
    }
    root.script.add_child(
        page_script(
            fmap,
            bindings,
            timed=timed,
            dates=sorted({when for _, _, when in timed if when}),
            anchors={place_keys[pid]: marker.get_name() for pid, marker in anchors.items()},
            events=events,
        ),
        name="syriamap_interaction",
    )
    return page_text(root)


def write_map(html_text: str, path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write the page atomically (temporary file + rename) by the output policy of
    :mod:`syriamap.output` (``-`` is standard output; a symlink is written through; a
    device, FIFO or one of ``inputs`` is refused) and return the path written."""
    from ..errors import InputError
    from ..output import STDOUT, write_atomic, write_stdout

    if str(path) == STDOUT:
        write_stdout(html_text)
        return Path(STDOUT)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{target}: cannot make its folder ({err.strerror or err})") from None
    write_atomic(target, html_text, inputs=inputs)
    return target
