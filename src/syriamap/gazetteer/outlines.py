"""The outline index: which stored outlines contain a point, and which lie nearest to it.

Countries, first-level subdivisions and Syria's districts and subdistricts (kinds ``country``,
``admin1``, ``admin2``, ``admin3``) go into one STRtree, built on the first query and kept;
shapely is imported then too, so a gazetteer that is never asked ``where`` pays for neither.
Distances are great-circle kilometres from the point to the nearest point of an outline
(shapely measures in degrees, which are not kilometres east-west).  What the answers *mean*
— which country wins where outlines overlap, how far outside a border still counts — is
decided in :mod:`syriamap.gazetteer.shapes`.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .layer import OverlayLayer
from .place import Place

__all__ = ["KM_PER_DEGREE", "Outlines", "haversine_km"]

#: Kilometres per degree of latitude (mean Earth radius 6371.0088 km).
KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Outlines:
    """The outlines of one layer's store, indexed on first use."""

    def __init__(self, layer: OverlayLayer) -> None:
        self._layer = layer
        self._index: Any = None

    def _built(self) -> tuple[Any, list[Any], list[tuple[int, str, str | None]]]:
        if self._index is None:
            from shapely import STRtree
            from shapely.geometry import shape

            rows = self._layer.store.outlines()
            geoms = [shape(json.loads(g)) for *_, g in rows]
            keys = [(int(idx), str(kind), country) for idx, kind, country, _ in rows]
            self._index = (STRtree(geoms), geoms, keys)
        return self._index  # type: ignore[no-any-return]

    def containing(self, lat: float, lon: float) -> list[Place]:
        """The places whose outline contains (or touches) the point, in stored order."""
        from shapely import points

        tree, _, keys = self._built()
        hits = sorted(int(i) for i in tree.query(points(lon, lat), predicate="intersects"))
        return [self._layer.place(keys[i][0]) for i in hits]

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        kind: str,
        country: str,
        within_km: float,
        admin1_pcode: str | None = None,
    ) -> tuple[Place, float] | None:
        """The place of this ``kind`` and ``country`` (and governorate, when ``admin1_pcode``
        is given) whose outline comes nearest the point, with that distance in km; None when
        none comes within ``within_km``."""
        from shapely import points
        from shapely.ops import nearest_points

        tree, geoms, keys = self._built()
        point = points(lon, lat)
        # One degree of longitude is the shorter side: reach that far in degrees, then
        # measure each candidate in kilometres.
        reach = within_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        best: tuple[float, int] | None = None
        for hit in sorted(int(i) for i in tree.query(point, predicate="dwithin", distance=reach)):
            idx, hit_kind, hit_country = keys[hit]
            if hit_kind != kind or hit_country != country:
                continue
            if admin1_pcode and self._layer.place(idx).admin1_pcode != admin1_pcode:
                continue
            on_outline = nearest_points(geoms[hit], point)[0]
            km = (
                0.0
                if geoms[hit].intersects(point)
                else haversine_km(lat, lon, on_outline.y, on_outline.x)
            )
            if km <= within_km and (best is None or km < best[0]):
                best = (km, idx)
        return None if best is None else (self._layer.place(best[1]), best[0])
