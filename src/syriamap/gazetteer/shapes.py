"""Points to places: distances, the nearest settlement, and the outlines that contain a point.

``reverse`` searches growing boxes of latitude (the ``places`` table is indexed on it) rather
than load every settlement; ``where`` adds the governorate and country whose outlines contain
the point, through an STRtree built on the first call (shapely is imported then too, so a
gazetteer that is never asked ``where`` never pays for either).
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..errors import PlaceNotFound
from .checks import check_point
from .layer import OverlayLayer
from .place import Place, Whereabouts

__all__ = ["Shapes", "haversine_km"]

#: Half-sides, in degrees of latitude, of the boxes ``reverse`` tries in turn.
_RADII = (0.25, 1.0, 4.0, 16.0, 360.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Shapes:
    """The point queries of one layer; holds the outline index once it is built."""

    def __init__(self, layer: OverlayLayer) -> None:
        self._layer = layer
        self._tree: Any = None

    def reverse(self, lat: float, lon: float) -> Place:
        """The nearest populated place (its ``admin1`` names the subdivision it lies in)."""
        lat, lon = check_point(lat, lon)
        stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
        for radius in _RADII:
            rows = self._layer.store.settlements_between(lat - radius, lat + radius)
            near = [
                (haversine_km(lat, lon, r[1], r[2]), r[0])
                for r in rows
                if radius >= 360 or abs(r[2] - lon) <= radius * stretch
            ]
            # Only a hit inside the box's inscribed circle is certainly the nearest.
            if near and (radius >= 360 or min(near)[0] <= radius * 110):
                return self._layer.place(min(near)[1])
        raise PlaceNotFound(f"{lat},{lon}", f"no place near {lat}, {lon}")

    def where(self, lat: float, lon: float) -> Whereabouts:
        """The nearest place, plus the governorate and country whose outlines contain it."""
        lat, lon = check_point(lat, lon)
        nearest = self.reverse(lat, lon)
        admin1, country = self._containing(lat, lon)
        return Whereabouts(
            lat, lon, nearest, haversine_km(lat, lon, nearest.lat, nearest.lon), admin1, country
        )

    def _containing(self, lat: float, lon: float) -> tuple[Place | None, Place | None]:
        from shapely import STRtree, points
        from shapely.geometry import shape

        if self._tree is None:
            rows = self._layer.store.outlines()
            geoms = [shape(json.loads(g)) for _, _, g in rows]
            self._tree = (STRtree(geoms), geoms, [(i, k) for i, k, _ in rows])
        tree, geoms, keys = self._tree
        point = points(lon, lat)
        found: dict[str, Place] = {}
        for hit in tree.query(point, predicate="intersects"):
            idx, kind = keys[int(hit)]
            found.setdefault(kind, self._layer.place(idx))
        return found.get("admin1"), found.get("country")
