"""Extraction → one self-contained HTML map (folium/Leaflet), offline and repeatable.

What a reader sees: the places an article names (small neutral dots), control changes (a dot
filled with the new controller's colour and ringed with the previous one's, so the flip shows
at a glance), movements (one line per leg, arrowhead at the destination; air legs follow the
great circle and are dashed, land legs solid, sea legs dotted; coloured by the actor's
faction), a legend and a title block, and the article beside the map.  Every popup quotes the
sentence behind the mark.

This module draws the three layers of one extraction and assembles the page; the page's
skeleton and guarantees (offline, repeatable) are :mod:`.page`, the text-as-data elements
:mod:`.elements`, the article panel :mod:`.panel`.  No string from an article (or a saved
extraction, an overlay) is ever template source: folium draws only geometry, and every text
is a value of a constant-template element, escaped for where it lands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import folium
from markupsafe import Markup, escape

from ..events import ControlChange, Movement
from ..formats import Extraction
from ..gazetteer import Gazetteer
from ..text import sentences
from .elements import ArticlePanel
from .fragments import quote
from .geometry import route
from .interaction import Bindings, Timed, page_script
from .marks import arrow, control_marker
from .page import DEFAULT_TILES, base_map, fit, fix_ids, legend, page_text
from .palette import MODE_DASHES, Style
from .panel import panel_text

__all__ = ["render_html"]

#: The marks of each event, by the offsets of the sentence that states it (the panel's keys).
Spans = dict[tuple[int, int], list[Any]]


def _sentences_by_place(result: Extraction, text: str | None) -> dict[str, list[str]]:
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


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What the event layers draw with and record into: the palette, and the page script's
    timed layers, event-sentence marks, popups and tooltips (shared, filled as they draw)."""

    style: Style
    timed: list[Timed]
    spans: Spans
    bindings: Bindings


def _changes_layer(
    changes: Iterable[ControlChange], drawing: _Drawing, title: str
) -> folium.FeatureGroup:
    style, timed, spans, bindings = drawing.style, drawing.timed, drawing.spans, drawing.bindings
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


def _movements_layer(movements: Iterable[Movement], drawing: _Drawing) -> folium.FeatureGroup:
    style, timed, spans, bindings = drawing.style, drawing.timed, drawing.spans, drawing.bindings
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


def _points(result: Extraction) -> list[tuple[float, float]]:
    """What the view fits: every place named (but continents) and every movement's ends."""
    points = [(m.place.lat, m.place.lon) for m in result.places if m.place.kind != "continent"]
    points += [
        (p.lat, p.lon)
        for mv in result.movements
        for p in ([mv.origin] if mv.origin else []) + list(mv.destinations)
    ]
    return points


def _factions(result: Extraction) -> set[str]:
    """The factions the legend lists: every controller, previous controller and mover."""
    factions = {c.new_controller for c in result.control_changes}
    factions |= {c.previous_controller or "unknown" for c in result.control_changes}
    factions |= {m.faction for m in result.movements}
    return factions or {"unknown"}


def _draw(
    fmap: folium.Map, result: Extraction, text: str | None, style: Style, title: str
) -> tuple[dict[str, Any], list[Timed], Spans, Bindings]:
    """The three layers on ``fmap``, and what the page script needs of them: each place's
    marker, the timed layers, each event sentence's marks, the popups and tooltips."""
    anchors: dict[str, Any] = {}
    timed: list[Timed] = []
    spans: Spans = {}
    bindings = Bindings()
    _places_layer(result, _sentences_by_place(result, text), anchors, bindings).add_to(fmap)
    drawing = _Drawing(style, timed, spans, bindings)
    _changes_layer(result.control_changes, drawing, title).add_to(fmap)
    _movements_layer(result.movements, drawing).add_to(fmap)
    for move in result.movements:  # no line to draw (no origin): its places stand in
        stops = [p for p in (move.origin, *move.via, *move.destinations) if p]
        marks = [anchors[p.id] for p in stops if p.id in anchors]
        if marks:
            spans.setdefault((move.evidence.start, move.evidence.end), marks)
    return anchors, timed, spans, bindings


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
    style = Style.of(colours)
    fmap, root = base_map(cdn=cdn, gazetteer=gazetteer, tiles=tiles)
    # the browser tab's name: branca's Figure template inserts it as a value, unescaped
    root.title = str(escape(title or result.title or "syriamap"))
    anchors, timed, spans, bindings = _draw(fmap, result, text, style, title or result.title or "")
    subtitle = result.published.isoformat() if result.published else ""
    root.html.add_child(
        legend(
            style, _factions(result), title or result.title or "syriamap", subtitle, url=result.url
        ),
        name="syriamap_legend",
    )
    folium.LayerControl(collapsed=False).add_to(fmap)
    fit(fmap, _points(result))
    fix_ids(fmap)
    place_keys = {place_id: str(i) for i, place_id in enumerate(anchors)}
    event_keys = {span: str(i) for i, span in enumerate(sorted(spans))} if text else {}
    if text:
        root.html.add_child(
            ArticlePanel(panel_text(text, result, place_keys, event_keys)), name="syriamap_panel"
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
