"""The folium marks both maps draw the same way: a control marker and a route's arrowhead.

Kept in one place so that a control change on an article map and a holding on a corpus map
look alike, and an arrow means the same on both.  Only geometry and our own colours (checked
``#RRGGBB`` by :class:`~syriamap.maps.palette.Style`) reach folium here: no text, since folium
would read it as template source (see :mod:`syriamap.maps.elements`).
"""

from __future__ import annotations

import folium

from ..gazetteer import Place
from .geometry import Point, arrowhead

__all__ = ["arrow", "control_marker"]


def arrow(path: list[Point], colour: str, *, scale: float = 1.0) -> folium.Polygon:
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
