"""A corpus (many extractions) → one self-contained HTML map of the whole picture.

Where the one-article map draws every event, this one aggregates, so 10,000 reports stay
readable and light in the browser:

* **one marker per place with a control history**, filled with the colour of whoever held it on
  the slider's day and ringed with the previous holder's; the ring is dashed when reports
  disagree for that day; the popup lists the history with sources (latest first);
* **one line per flow** (movement legs with the same route, mode and faction), its width
  growing with the number of reports, arrowhead at the destination;
* **one dot per place mentioned**, sized by the number of reports that name it.

The page shares the single-article map's guarantees (offline, text as data never code,
byte-identical); see :mod:`syriamap.maps.page` and :mod:`syriamap.maps.elements`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import folium
from markupsafe import Markup, escape

from ..corpus import Corpus, Flow, Holding, control_history, flows, holder_on
from ..gazetteer import Gazetteer
from .elements import Stylesheet
from .fragments import quote, web_link
from .geometry import route
from .interaction import Bindings, Timed, page_script
from .marks import arrow, control_marker
from .page import DEFAULT_TILES, base_map, fit, fix_ids, legend, page_text
from .palette import MODE_DASHES, Style

__all__ = ["render_corpus_html"]

#: Rows of history shown in one place's popup (the latest first); the rest are counted.
POPUP_ROWS = 30
#: Quotes shown in one flow's popup.
FLOW_QUOTES = 5


def _source(h: Holding) -> Markup:
    label = h.title or h.report_id
    return web_link(h.url, label) or escape(label)


_HISTORY_ROW = Markup("<tr><td>{}</td><td>{} → {}{}{}</td><td>{}<br>{}</td></tr>")


def _history_popup(history: list[Holding]) -> Markup:
    latest_first = history[::-1]
    rows = Markup("").join(
        _HISTORY_ROW.format(
            h.date.isoformat() if h.date else "undated",
            h.previous_controller or "unknown",
            h.new_controller,
            Markup(" <b>⚠ reports disagree</b>") if h.conflict else "",
            " (historic)" if h.historic else "",
            _source(h),
            quote(h.evidence),
        )
        for h in latest_first[:POPUP_ROWS]
    )
    more = len(history) - POPUP_ROWS
    tail = Markup("<p>… and {} earlier reports</p>").format(more) if more > 0 else ""
    return Markup('<b>{}</b>: {} reported changes<table class="sm-history">{}</table>{}').format(
        history[0].place.name, len(history), rows, tail
    )


def _holdings_layer(
    history: dict[str, list[Holding]],
    style: Style,
    states: list[tuple[Any, Any, list[Any]]],
    bindings: Bindings,
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
            class_name="syriamap-holding",
        )
        bindings.popup(marker, _history_popup(entries), 420)
        bindings.tooltip(marker, Markup("{}: {} reported changes").format(place.name, len(entries)))
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


def _flow_popup(flow: Flow, titles: dict[str, str]) -> Markup:
    quotes = Markup("").join(
        Markup("<li>{}: {}</li>").format(titles.get(report_id) or report_id, quote(text))
        for report_id, text in list(zip(flow.report_ids, flow.evidence, strict=True))[:FLOW_QUOTES]
    )
    stops = " → ".join(p.name for p in (flow.origin, *flow.via, flow.destination))
    first = flow.first_date.isoformat() if flow.first_date else "undated"
    return Markup("<b>{}</b><br>{}, {}; {} report{}, first {}<ul>{}</ul>").format(
        stops, flow.faction, flow.mode, flow.count, "s" if flow.count != 1 else "", first, quotes
    )


def _flows_layer(
    merged: list[Flow],
    style: Style,
    titles: dict[str, str],
    timed: list[Timed],
    bindings: Bindings,
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
            class_name="syriamap-flow",
        )
        bindings.popup(line, _flow_popup(flow, titles), 420)
        line.add_to(layer)
        timed.append((line, layer, when))
        head = arrow(path, colour, scale=1 + width / 12)
        head.add_to(layer)
        timed.append((head, layer, when))
    return layer


def _mentions_layer(corpus: Corpus, bindings: Bindings) -> folium.FeatureGroup:
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
        marker = folium.CircleMarker(
            (place.lat, place.lon),
            radius=round(3 + min(9.0, 1.5 * math.log2(len(reports))), 1),
            color="#444444",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.8,
            class_name="syriamap-place",
        )
        bindings.tooltip(marker, Markup("{}: named in {} reports").format(place.name, len(reports)))
        marker.add_to(layer)
    return layer


def _states(states: list[tuple[Any, Any, list[Any]]]) -> list[Any]:
    """Per marker its history as [day, fill, ring, conflict] (dated in order, then undated),
    for the page script's ``states`` (see ``assets/map.js``)."""
    return [[marker.get_name(), group.get_name(), entries] for marker, group, entries in states]


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
    style = Style.of(colours)
    fmap, root = base_map(cdn=cdn, gazetteer=gazetteer, tiles=tiles)
    # the browser tab's name: branca's Figure template inserts it as a value, unescaped
    root.title = str(escape(title or "syriamap corpus"))
    history = control_history(corpus.reports)
    merged = flows(corpus.reports)
    titles = {r.id: r.extraction.title or r.id for r in corpus.reports}
    states: list[tuple[Any, Any, list[Any]]] = []
    timed: list[Timed] = []
    bindings = Bindings()
    _mentions_layer(corpus, bindings).add_to(fmap)
    _holdings_layer(history, style, states, bindings).add_to(fmap)
    _flows_layer(merged, style, titles, timed, bindings).add_to(fmap)
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
    notes = Markup(
        "<b>Marks</b><div>fill: holder on the day; ring: previous holder</div>"
        "<div>dashed ring: reports disagree</div><div>line width: number of reports</div>"
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
    root.html.add_child(Stylesheet("corpus.css"), name="syriamap_corpus_style")
    root.script.add_child(
        page_script(fmap, bindings, timed=timed, dates=days, states=_states(states)),
        name="syriamap_interaction",
    )
    return page_text(root)
