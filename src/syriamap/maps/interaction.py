"""What the page's script needs to know: popups, tooltips, highlights, the timeline's layers.

The maps collect it while they draw (folium elements, not names: names are final only after
:func:`~syriamap.maps.page.fix_ids`), then :func:`page_script` turns it into the data of one
:class:`~syriamap.maps.elements.PageScript`, whose constant ``assets/map.js`` binds it.  This
is how text reaches a popup without folium's ``Popup``/``Tooltip``, which re-read their text as
template source.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element
from markupsafe import Markup

from .elements import PageScript

__all__ = ["Bindings", "Timed", "page_script", "timeline_data"]

#: A layer the slider shows or hides: the element, the group it belongs to, its ISO day ("").
Timed = tuple[Any, Any, str]


class Bindings:
    """The popups and tooltips of a page, bound by the page's script from data (folium's
    ``Popup``/``Tooltip`` would re-read their text as template source).  Elements are kept,
    not names: names are final only after :func:`~syriamap.maps.page.fix_ids`."""

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


def timeline_data(timed: list[Timed], dates: list[str]) -> dict[str, Any]:
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
    timed: list[Timed],
    dates: list[str],
    anchors: dict[str, str] | None = None,
    events: dict[str, list[str]] | None = None,
    states: list[Any] | None = None,
) -> PageScript:
    """The page's script and its data (see ``assets/map.js``); call after
    :func:`~syriamap.maps.page.fix_ids`, since the data names folium's elements."""
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
