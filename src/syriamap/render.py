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
* **escaped**: every string that comes from an article goes through :func:`html.escape`
  before it reaches HTML or JavaScript, so ``<script>`` in an article renders as text;
* **repeatable**: folium's random element ids are replaced by counters, so the same input
  gives byte-identical output.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure

from .events import ControlChange, Movement
from .extract import Extraction
from .gazetteer import Gazetteer
from .place import Place

__all__ = ["FACTION_COLOURS", "MODE_DASHES", "render_html"]

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
#: Leaflet dash patterns per movement mode (``None`` is a solid line).
MODE_DASHES: dict[str, str | None] = {"air": "10 8", "land": None, "sea": "2 8", "unknown": "4 4"}


def _asset(package: str, name: str) -> str:
    module = {"leaflet": "xstatic.pkg.leaflet", "jquery": "xstatic.pkg.jquery"}[package]
    return resources.files(module).joinpath("data", name).read_text(encoding="utf-8")


def _quote(text: str) -> str:
    return f"<q>{html.escape(text)}</q>"


def _great_circle(a: Place, b: Place) -> list[tuple[float, float]]:
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


def _arrowhead(path: list[tuple[float, float]], size_deg: float) -> list[tuple[float, float]]:
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


@dataclass(frozen=True, slots=True)
class _Style:
    colours: dict[str, str]

    def colour(self, faction: str | None) -> str:
        return self.colours.get(faction or "unknown", self.colours["unknown"])


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
    result: Extraction, text_of: dict[str, list[str]], anchors: dict[str, Any]
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Places mentioned")
    seen: set[str] = set()
    for mention in result.places:
        place = mention.place
        if place.id in seen or place.kind in {"continent"}:
            continue
        seen.add(place.id)
        quotes = "".join(f"<li>{_quote(s)}</li>" for s in text_of.get(place.id, [])[:5])
        popup = f"<b>{html.escape(place.name)}</b><ul>{quotes}</ul>"
        anchors[place.id] = folium.CircleMarker(
            (place.lat, place.lon),
            radius=4,
            color="#444444",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.9,
            popup=folium.Popup(popup, max_width=320),
            tooltip=html.escape(place.name),
            class_name="syriamap-place",
        )
        anchors[place.id].add_to(layer)
    return layer


def _changes_layer(
    changes: Iterable[ControlChange], style: _Style, title: str, timed: list[tuple[Any, Any, str]]
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Control changes")
    for change in changes:
        before = change.previous_controller or "unknown"
        popup = (
            f"<b>{html.escape(change.place.name)}</b><br>from {html.escape(before)} "
            f"to {html.escape(change.new_controller)}"
            f"{'<br>' + change.date.isoformat() if change.date else ''}"
            f"{' (historic)' if change.historic else ''}<br>{_quote(change.evidence.text)}"
            f"<br><small>{html.escape(title)}</small>"
        )
        marker = folium.CircleMarker(
            (change.place.lat, change.place.lon),
            radius=9,
            weight=4,
            color=style.colour(change.previous_controller),
            fill=True,
            fill_color=style.colour(change.new_controller),
            fill_opacity=0.95,
            popup=folium.Popup(popup, max_width=360),
            tooltip=f"{html.escape(change.place.name)}: {html.escape(change.new_controller)}",
            class_name="syriamap-control-change",
        )
        marker.add_to(layer)
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
    movements: Iterable[Movement], style: _Style, timed: list[tuple[Any, Any, str]]
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Movements")
    for move in movements:
        if move.origin is None:
            continue
        colour = style.colour(move.faction)
        for destination in move.destinations:
            stops = [move.origin, *move.via, destination]
            path: list[tuple[float, float]] = []
            for a, b in pairwise(stops):
                leg = (
                    _great_circle(a, b) if move.mode == "air" else [(a.lat, a.lon), (b.lat, b.lon)]
                )
                path.extend(leg if not path else leg[1:])
            popup = (
                f"<b>{html.escape(move.actor or move.faction)}</b><br>{html.escape(move.kind)}, "
                f"{html.escape(move.mode)}: {html.escape(move.origin.name)} → "
                f"{html.escape(destination.name)}"
                f"{'<br>' + move.date.isoformat() if move.date else ''}<br>"
                f"{_quote(move.evidence.text)}"
            )
            when = move.date.isoformat() if move.date else ""
            line = folium.PolyLine(  # type: ignore[no-untyped-call]
                path,
                color=colour,
                weight=3,
                opacity=0.9,
                dash_array=MODE_DASHES.get(move.mode),
                popup=folium.Popup(popup, max_width=360),
                class_name="syriamap-movement",
            )
            line.add_to(layer)
            timed.append((line, layer, when))
            length = max(abs(path[-1][0] - path[0][0]), abs(path[-1][1] - path[0][1]))
            arrow = folium.Polygon(
                _arrowhead(path, max(0.08, min(0.6, length * 0.06))),
                color=colour,
                fill=True,
                fill_color=colour,
                fill_opacity=1.0,
                weight=1,
                class_name="syriamap-arrow",
            )
            arrow.add_to(layer)
            timed.append((arrow, layer, when))
    return layer


def _legend(style: _Style, factions: set[str], title: str, subtitle: str) -> Element:
    rows = "".join(
        f'<div><span style="background:{style.colour(f)}" class="sm-swatch"></span>'
        f"{html.escape(f)}</div>"
        for f in sorted(factions)
    )
    modes = "".join(
        f'<div><svg width="34" height="8"><line x1="0" y1="4" x2="34" y2="4" '
        f'stroke="#333" stroke-width="3" stroke-dasharray="{dash or ""}"/></svg> {mode}</div>'
        for mode, dash in MODE_DASHES.items()
    )
    return Element(
        "<style>.sm-box{position:absolute;z-index:1000;background:#fff;padding:6px 10px;"
        "border:1px solid #999;font:13px sans-serif}.sm-swatch{display:inline-block;width:12px;"
        "height:12px;margin-right:6px;border:1px solid #555}</style>"
        f'<div class="sm-box" id="sm-title" style="top:10px;left:50px"><b>{html.escape(title)}'
        f"</b><br>{html.escape(subtitle)}</div>"
        f'<div class="sm-box" id="sm-legend" style="top:90px;left:10px">'
        f"<b>Controllers</b>{rows}<b>Modes</b>{modes}</div>"
    )


def _sentences_by_place(result: Extraction, text: str | None) -> dict[str, list[str]]:
    from .events import sentences

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


def _panel(text: str, result: Extraction, place_keys: dict[str, str]) -> str:
    """The article beside the map, escaped, with each place mention a clickable highlight."""
    pieces, cursor = [], 0
    for mention in sorted(result.places, key=lambda m: m.start):
        key = place_keys.get(mention.place.id)
        if key is None or mention.start < cursor:
            continue
        pieces.append(html.escape(text[cursor : mention.start]))
        pieces.append(
            f'<mark class="sm-place" data-sm-place="{key}">'
            f"{html.escape(text[mention.start : mention.end])}</mark>"
        )
        cursor = mention.end
    pieces.append(html.escape(text[cursor:]))
    body = "".join(pieces).replace("\n", "<br>")
    return (
        "<style>.folium-map{width:68% !important}#sm-panel{position:absolute;top:0;right:0;"
        "width:32%;height:100%;overflow-y:auto;box-sizing:border-box;padding:12px 16px;"
        "font:14px/1.5 Georgia,serif;background:#fff;border-left:1px solid #999}"
        "mark.sm-place{background:#ffe9a8;cursor:pointer}.sm-timeline input{width:220px}"
        f'</style><div id="sm-panel"><h3>Article</h3><div id="sm-text">{body}</div></div>'
    )


def _interaction_js(
    fmap: folium.Map,
    timed: list[tuple[Any, Any, str]],
    anchors: dict[str, Any],
    place_keys: dict[str, str],
) -> str:
    """Timeline (slider with play: events after the chosen date are hidden, undated ones
    always shown) and the panel's highlights (click: fly to the place, open its popup).
    Only generated variable names and ISO dates reach this code, never article text."""
    entries = ",".join(
        f'{{l:{element.get_name()},g:{group.get_name()},d:"{when}"}}'
        for element, group, when in timed
    )
    places = ",".join(
        f'"{place_keys[place_id]}":{marker.get_name()}' for place_id, marker in anchors.items()
    )
    dates = sorted({when for _, _, when in timed if when})
    return (
        "window.addEventListener('load',function(){"
        f"var map={fmap.get_name()};var timed=[{entries}];var anchors={{{places}}};"
        f"var dates={json.dumps(dates)};"
        "document.querySelectorAll('[data-sm-place]').forEach(function(el){"
        "el.addEventListener('click',function(){var m=anchors[el.dataset.smPlace];"
        "if(m){map.flyTo(m.getLatLng(),8,{duration:0.5});m.openPopup();}});});"
        "if(!dates.length){return;}"
        "var ctl=L.control({position:'bottomleft'});ctl.onAdd=function(){"
        "var d=L.DomUtil.create('div','sm-box sm-timeline');d.style.position='relative';"
        'd.innerHTML=\'<button id="sm-play" type="button">&#9654;</button> '
        '<input id="sm-slider" type="range" min="0" step="1"> '
        '<span id="sm-date"></span>\';L.DomEvent.disableClickPropagation(d);return d;};'
        "ctl.addTo(map);var slider=document.getElementById('sm-slider');"
        "slider.max=dates.length-1;slider.value=dates.length-1;"
        "function show(i){var limit=dates[i];"
        "document.getElementById('sm-date').textContent='up to '+limit;"
        "timed.forEach(function(t){var on=!t.d||t.d<=limit;"
        "if(on&&!t.g.hasLayer(t.l)){t.g.addLayer(t.l);}"
        "if(!on&&t.g.hasLayer(t.l)){t.g.removeLayer(t.l);}});}"
        "slider.addEventListener('input',function(){show(+slider.value);});"
        "var timer=null;document.getElementById('sm-play').addEventListener('click',function(){"
        "if(timer){clearInterval(timer);timer=null;return;}var i=0;show(i);slider.value=i;"
        "timer=setInterval(function(){i+=1;if(i>=dates.length){clearInterval(timer);"
        "timer=null;return;}slider.value=i;show(i);},900);});"
        "show(dates.length-1);});"
    )


def _fix_ids(fmap: folium.Map) -> None:
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


def render_html(
    result: Extraction,
    *,
    text: str | None = None,
    title: str | None = None,
    cdn: bool = False,
    colours: dict[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> str:
    """The map of one extraction as an HTML page (see the module docstring)."""
    style = _Style({**FACTION_COLOURS, **(colours or {})})
    gazetteer = gazetteer or Gazetteer.default()
    points = [(m.place.lat, m.place.lon) for m in result.places if m.place.kind != "continent"]
    points += [
        (p.lat, p.lon)
        for mv in result.movements
        for p in ([mv.origin] if mv.origin else []) + list(mv.destinations)
    ]
    fmap = folium.Map(
        location=(35.0, 38.0), zoom_start=6, tiles=None, control_scale=True, prefer_canvas=False
    )
    root = fmap.get_root()
    if not isinstance(root, Figure):
        raise TypeError("folium map without a Figure root")
    if not cdn:
        fmap.default_js = []
        fmap.default_css = []
        root.header.add_child(
            Element(
                "<style>" + _asset("leaflet", "leaflet.css") + "</style>"
                "<script>" + _asset("jquery", "jquery.min.js") + "</script>"
                "<script>" + _asset("leaflet", "leaflet.js") + "</script>"
            ),
            name="syriamap_assets",
        )
    _basemap(fmap, gazetteer)
    if cdn:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", show=False).add_to(fmap)
    anchors: dict[str, Any] = {}
    timed: list[tuple[Any, Any, str]] = []
    _places_layer(result, _sentences_by_place(result, text), anchors).add_to(fmap)
    _changes_layer(result.control_changes, style, title or result.title or "", timed).add_to(fmap)
    _movements_layer(result.movements, style, timed).add_to(fmap)
    factions = {c.new_controller for c in result.control_changes}
    factions |= {c.previous_controller or "unknown" for c in result.control_changes}
    factions |= {m.faction for m in result.movements}
    subtitle = " · ".join(
        x for x in (result.published.isoformat() if result.published else None, result.url) if x
    )
    root.html.add_child(
        _legend(style, factions or {"unknown"}, title or result.title or "syriamap", subtitle),
        name="syriamap_legend",
    )
    folium.LayerControl(collapsed=False).add_to(fmap)
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        # keep the marks clear of the legend (top left) and the timeline (bottom left)
        fmap.fit_bounds(
            [(min(lats) - 0.5, min(lons) - 0.5), (max(lats) + 0.5, max(lons) + 0.5)],
            padding_top_left=(130, 10),
            padding_bottom_right=(10, 40),
        )
    _fix_ids(fmap)
    place_keys = {place_id: str(i) for i, place_id in enumerate(anchors)}
    if text:
        root.html.add_child(Element(_panel(text, result, place_keys)), name="syriamap_panel")
    root.script.add_child(
        Element(_interaction_js(fmap, timed, anchors, place_keys)), name="syriamap_interaction"
    )
    page: str = root.render()
    # folium's templates indent every line and leave blank ones: a third of a big map.  Line
    # breaks are kept (JavaScript's semicolon insertion depends on them); nothing here holds
    # whitespace-sensitive text (article text reaches the page as single-line HTML).
    return "\n".join(line.strip() for line in page.splitlines() if line.strip()) + "\n"


def write_map(html_text: str, path: str | Path) -> Path:
    """Write the page atomically (temporary file + rename) and return its path."""
    from .export import write_atomic

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, html_text)
    return target
