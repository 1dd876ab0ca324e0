"""The shapes of movement lines, in degrees: great-circle arcs, routes and arrowheads.

Pure arithmetic on :class:`~syriamap.gazetteer.Place` coordinates, kept apart from folium so
the two maps share one definition of "the drawn path" and it can be tested without a page.
Coordinates are rounded to 4 decimals (about 10 m): enough for a map, and it keeps pages small
and byte-identical across platforms.
"""

from __future__ import annotations

import math
from itertools import pairwise

from ..gazetteer import Place

__all__ = ["arrowhead", "great_circle", "route"]

Point = tuple[float, float]


def great_circle(a: Place, b: Place) -> list[Point]:
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


def arrowhead(path: list[Point], size_deg: float) -> list[Point]:
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


def route(stops: list[Place], mode: str) -> list[Point]:
    """The drawn path through ``stops``: great-circle arcs by air, straight legs otherwise."""
    path: list[Point] = []
    for a, b in pairwise(stops):
        leg = great_circle(a, b) if mode == "air" else [(a.lat, a.lon), (b.lat, b.lon)]
        path.extend(leg if not path else leg[1:])
    return path
