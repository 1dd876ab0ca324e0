"""A corpus (many extractions) → one self-contained HTML map of the whole picture.

Where the one-article map draws every event, this one aggregates, so 10,000 reports stay
readable and light in the browser:

* **one marker per place with a control history**, filled with the colour of whoever held it on
  the slider's day and ringed with the previous holder's; the ring is dashed when reports
  disagree for that day; the popup lists the history with sources (latest first);
* **one line per flow** (movement legs with the same route, mode and faction), its width
  growing with the number of reports, arrowhead at the destination;
* **one dot per place mentioned**, sized by the number of reports that name it.

The page shares the single-article map's guarantees (offline, escaped, byte-identical); see
:mod:`syriamap.render`.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from typing import Any

import folium
from branca.element import Element

from .corpus import Corpus, Flow, Holding, control_history, flows, holder_on
from .gazetteer import Gazetteer
from .render import (
    DEFAULT_TILES,
    FACTION_COLOURS,
    MODE_DASHES,
    Style,
    arrow,
    base_map,
    control_marker,
    esc,
    fit,
    fix_ids,
    legend,
    page_text,
    quote,
    route,
    timeline_js,
    web_link,
)

__all__ = ["render_corpus_html"]

#: Rows of history shown in one place's popup (the latest first); the rest are counted.
POPUP_ROWS = 30
#: Quotes shown in one flow's popup.
FLOW_QUOTES = 5


def _source(h: Holding) -> str:
    label = esc(h.title or h.report_id)
    return web_link(h.url, label) or label


def _history_popup(history: list[Holding]) -> str:
    latest_first = history[::-1]
    rows = "".join(
        f"<tr><td>{h.date.isoformat() if h.date else 'undated'}</td>"
        f"<td>{esc(h.previous_controller or 'unknown')} → {esc(h.new_controller)}"
        f"{' <b>⚠ reports disagree</b>' if h.conflict else ''}"
        f"{' (historic)' if h.historic else ''}</td>"
        f"<td>{_source(h)}<br>{quote(h.evidence)}</td></tr>"
        for h in latest_first[:POPUP_ROWS]
    )
    more = len(history) - POPUP_ROWS
    tail = f"<p>… and {more} earlier reports</p>" if more > 0 else ""
    return (
        f"<b>{esc(history[0].place.name)}</b>: {len(history)} reported changes"
        f'<table class="sm-history">{rows}</table>{tail}'
    )


def _holdings_layer(
    history: dict[str, list[Holding]], style: Style, states: list[tuple[Any, Any, list[Any]]]
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Who holds what")
    for entries in history.values():
        place = entries[0].place
        now = holder_on(entries, None)
        if now is None:
            continue
        marker = control_marker(
            place,
            style.colour(now.new_controller),
            style.colour(now.previous_controller),
            dashed=now.conflict,
            popup=folium.Popup(_history_popup(entries), max_width=420),
            tooltip=f"{esc(place.name)}: {len(entries)} reported changes",
            class_name="syriamap-holding",
        )
        marker.add_to(layer)
        states.append(
            (
                marker,
                layer,
                [
                    [
                        h.date.isoformat() if h.date else "",
                        style.colour(h.new_controller),
                        style.colour(h.previous_controller),
                        int(h.conflict),
                    ]
                    for h in entries
                ],
            )
        )
    return layer


def _flow_popup(flow: Flow, titles: dict[str, str]) -> str:
    quotes = "".join(
        f"<li>{esc(titles.get(report_id) or report_id)}: {quote(text)}</li>"
        for report_id, text in list(zip(flow.report_ids, flow.evidence, strict=True))[:FLOW_QUOTES]
    )
    stops = " → ".join(esc(p.name) for p in (flow.origin, *flow.via, flow.destination))
    first = flow.first_date.isoformat() if flow.first_date else "undated"
    return (
        f"<b>{stops}</b><br>{esc(flow.faction)}, {esc(flow.mode)}; {flow.count} "
        f"report{'s' if flow.count != 1 else ''}, first {first}<ul>{quotes}</ul>"
    )


def _flows_layer(
    merged: list[Flow], style: Style, titles: dict[str, str], timed: list[tuple[Any, Any, str]]
) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Movements (flows)")
    for flow in merged:
        path = route([flow.origin, *flow.via, flow.destination], flow.mode)
        if len(path) < 2 or path[0] == path[-1]:
            continue
        colour = style.colour(flow.faction)
        width = min(18.0, 2 + 2 * math.sqrt(flow.count))
        when = flow.first_date.isoformat() if flow.first_date else ""
        line = folium.PolyLine(  # type: ignore[no-untyped-call]
            path,
            color=colour,
            weight=round(width, 1),
            opacity=0.8,
            dash_array=MODE_DASHES.get(flow.mode),
            popup=folium.Popup(_flow_popup(flow, titles), max_width=420),
            class_name="syriamap-flow",
        )
        line.add_to(layer)
        timed.append((line, layer, when))
        head = arrow(path, colour, scale=1 + width / 12)
        head.add_to(layer)
        timed.append((head, layer, when))
    return layer


def _mentions_layer(corpus: Corpus) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="Places mentioned", show=False)
    naming: dict[str, set[str]] = defaultdict(set)
    places: dict[str, Any] = {}
    for report in corpus.reports:
        for mention in report.extraction.places:
            if mention.place.kind in {"continent", "country"}:
                continue
            naming[mention.place.id].add(report.id)
            places[mention.place.id] = mention.place
    for place_id, reports in sorted(naming.items(), key=lambda kv: -len(kv[1])):
        place = places[place_id]
        folium.CircleMarker(
            (place.lat, place.lon),
            radius=round(3 + min(9.0, 1.5 * math.log2(len(reports))), 1),
            color="#444444",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.8,
            tooltip=f"{esc(place.name)}: named in {len(reports)} reports",
            class_name="syriamap-place",
        ).add_to(layer)
    return layer


def _states_js(states: list[tuple[Any, Any, list[Any]]]) -> str:
    """Per marker its history as [day, fill, ring, conflict] (dated in order, then undated);
    on each slider move the marker takes the colours of the latest change on or before the
    day, or disappears when nothing was reported yet.  Only colours, dates and generated
    names reach this code."""
    data = ",".join(
        f"{{m:{marker.get_name()},g:{group.get_name()},e:{json.dumps(entries)}}}"
        for marker, group, entries in states
    )
    return (
        f"var states=[{data}];"
        "var hold=function(limit){states.forEach(function(s){var cur=null;"
        "s.e.forEach(function(x){if(x[0]&&x[0]<=limit){cur=x;}});"
        "if(!cur){s.e.forEach(function(x){if(!x[0]){cur=x;}});}"
        "if(cur){if(!s.g.hasLayer(s.m)){s.g.addLayer(s.m);}"
        "s.m.setStyle({fillColor:cur[1],color:cur[2],dashArray:cur[3]?'4 3':null});}"
        "else if(s.g.hasLayer(s.m)){s.g.removeLayer(s.m);}});};"
    )


def render_corpus_html(
    corpus: Corpus,
    *,
    title: str | None = None,
    cdn: bool = False,
    colours: dict[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
    tiles: str | None = DEFAULT_TILES,
) -> str:
    """The map of a whole corpus as an HTML page (see the module docstring)."""
    style = Style({**FACTION_COLOURS, **(colours or {})})
    fmap, root = base_map(cdn=cdn, gazetteer=gazetteer, tiles=tiles)
    root.title = esc(title or "syriamap corpus")  # the browser tab's name
    history = control_history(corpus.reports)
    merged = flows(corpus.reports)
    titles = {r.id: r.extraction.title or r.id for r in corpus.reports}
    states: list[tuple[Any, Any, list[Any]]] = []
    timed: list[tuple[Any, Any, str]] = []
    _mentions_layer(corpus).add_to(fmap)
    _holdings_layer(history, style, states).add_to(fmap)
    _flows_layer(merged, style, titles, timed).add_to(fmap)
    factions = {h.new_controller for entries in history.values() for h in entries}
    factions |= {h.previous_controller or "unknown" for e in history.values() for h in e}
    factions |= {f.faction for f in merged}
    days = sorted(
        {h.date.isoformat() for e in history.values() for h in e if h.date}
        | {when for _, _, when in timed if when}
    )
    subtitle = f"{len(corpus.reports)} reports" + (
        f" ({corpus.errors} unreadable)" if corpus.errors else ""
    )
    if days:
        subtitle += f" · {days[0]} to {days[-1]}"
    notes = (
        "<b>Marks</b><div>fill: holder on the day; ring: previous holder</div>"
        "<div>dashed ring: reports disagree</div><div>line width: number of reports</div>",
    )
    root.html.add_child(
        legend(style, factions or {"unknown"}, title or "syriamap corpus", subtitle, notes),
        name="syriamap_legend",
    )
    folium.LayerControl(collapsed=False).add_to(fmap)
    points = [(e[0].place.lat, e[0].place.lon) for e in history.values()]
    points += [(p.lat, p.lon) for f in merged for p in (f.origin, f.destination)]
    fit(fmap, points)
    fix_ids(fmap)
    root.html.add_child(
        Element(
            "<style>.sm-history td{vertical-align:top;padding:2px 4px;"
            "border-top:1px solid #ddd}</style>"
        ),
        name="syriamap_corpus_style",
    )
    root.script.add_child(
        Element(
            "window.addEventListener('load',function(){"
            f"var map={fmap.get_name()};{_states_js(states)}"
            f"{timeline_js(fmap, timed, days, on_show='hold(limit);')}}});"
        ),
        name="syriamap_interaction",
    )
    return page_text(root)
