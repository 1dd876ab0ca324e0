"""Points to places: the nearest settlement, and the country, governorate, district and
subdistrict a point lies in — with the rules for the border.

``reverse`` searches growing boxes of latitude (the ``places`` table is indexed on it) rather
than load every settlement.  ``where`` asks the outline index (:mod:`.outlines`) which units
contain the point, and decides between them here:

* **Syria's outlines win.**  OCHA's governorates (drawn to ~100 m) are Syria's; Natural
  Earth's neighbours are coarser and overlap them (its Türkiye takes in Kobani), so a point
  inside a Syrian governorate is in Syria whatever else contains it.
* **The border is a line, not a wall.**  A point outside every Syrian outline but within
  :data:`BORDER_KM` of one is on the Syrian side: the crossings (Ras al-Ain, Bab al-Salam,
  Bab al-Hawa) sit on the line, and 44 of OCHA's 8,007 community points lie just outside
  OCHA's own simplified outline.  It gets the Syrian governorate and subdistrict whose outlines
  come nearest, and ``outside_km`` says how far outside it was.  The one exception is a point
  that another country's outline contains and that is one of that country's settlements (within
  :data:`OWN_POINT_KM` of its point, nearer than any Syrian one): Nusaybin, Ceylanpınar and
  Akçakale lie 0.4–1.4 km from OCHA's line and stay in Türkiye.  Between such a town's point
  and the line the rule cannot tell the two sides apart and chooses Syria's.
* **Districts follow subdistricts.**  The district is the one OCHA's codes put the
  subdistrict in (districts are unions of subdistricts, so the outlines agree).
* **The nearest place is in the same country** when the point is in one: for a Syrian point,
  the nearest of OCHA's communities, whose list is complete; a border point in Syria is not
  named after the Turkish town across the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import PlaceNotFound
from .checks import check_point
from .layer import OverlayLayer
from .outlines import Outlines, haversine_km
from .place import Place, Whereabouts

__all__ = ["BORDER_KM", "OWN_POINT_KM", "PRECEDENCE", "Shapes", "haversine_km"]

#: The country whose outlines win over any other's that overlap them (see the module doc).
PRECEDENCE = "SY"
#: How far outside Syria's outline, in km, a point may lie and still be on the Syrian side.
#: Of OCHA's 8,007 community points, 45 lie outside OCHA's own outline: 44 within 1.5 km,
#: one 3.6 km inside Lebanon (Mazraet Deir Elashayer), which stays in Lebanon.
BORDER_KM = 3.0
#: How near a foreign settlement's own point, in km, a border point must be to stay in its
#: country (the coordinates were that place's, not a point on the line).
OWN_POINT_KM = 0.25
#: How far from the point, in km, to look for the subdistrict of a governorate that contains
#: it when no subdistrict outline does (a sliver between the simplified outlines).
_SLIVER_KM = 25.0
#: Half-sides, in degrees of latitude, of the boxes ``reverse`` tries in turn.
_RADII = (0.25, 1.0, 4.0, 16.0, 360.0)


@dataclass(frozen=True, slots=True)
class _Units:
    country: Place | None = None
    admin1: Place | None = None
    admin2: Place | None = None
    admin3: Place | None = None
    outside_km: float = 0.0


class Shapes:
    """The point queries of one layer; holds the outline index once it is built."""

    def __init__(self, layer: OverlayLayer) -> None:
        self._layer = layer
        self._outlines = Outlines(layer)

    def reverse(self, lat: float, lon: float) -> Place:
        """The nearest populated place (its ``admin1`` names the subdivision it lies in)."""
        lat, lon = check_point(lat, lon)
        found = self._nearest(lat, lon, None)
        if found is None:
            raise PlaceNotFound(f"{lat},{lon}", f"no place near {lat}, {lon}")
        return found[0]

    def where(self, lat: float, lon: float) -> Whereabouts:
        """The country, governorate, district and subdistrict the point lies in (by the rules
        of the module doc), and the nearest populated place in that country."""
        lat, lon = check_point(lat, lon)
        units = self._units(lat, lon)
        country = units.country.country if units.country else None
        found = self._nearest(lat, lon, country) if country else None
        found = found or self._nearest(lat, lon, None)
        if found is None:
            raise PlaceNotFound(f"{lat},{lon}", f"no place near {lat}, {lon}")
        nearest, km = found
        return Whereabouts(
            lat,
            lon,
            nearest,
            km,
            units.admin1,
            units.country,
            units.admin2,
            units.admin3,
            units.outside_km,
        )

    def _nearest(self, lat: float, lon: float, country: str | None) -> tuple[Place, float] | None:
        """The nearest city, town or village (of ``country`` if given) and its distance."""
        stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
        for radius in _RADII:
            rows = self._layer.store.settlements_between(lat - radius, lat + radius)
            near = [
                (haversine_km(lat, lon, r[1], r[2]), r[0])
                for r in rows
                if (country is None or r[3] == country)
                and (radius >= 360 or abs(r[2] - lon) <= radius * stretch)
            ]
            # Only a hit inside the box's inscribed circle is certainly the nearest.
            if near and (radius >= 360 or min(near)[0] <= radius * 110):
                km, idx = min(near)
                return self._layer.place(idx), km
        return None

    def _units(self, lat: float, lon: float) -> _Units:
        found = self._outlines.containing(lat, lon)
        governorate = _first(found, "admin1", PRECEDENCE)
        if governorate is not None:
            return self._syrian(lat, lon, governorate, found, 0.0)
        near = self._outlines.nearest(
            lat, lon, kind="admin1", country=PRECEDENCE, within_km=BORDER_KM
        )
        if near is not None and self._syrian_side(lat, lon, found):
            return self._syrian(lat, lon, near[0], [], near[1])
        foreign = [p for p in found if p.country != PRECEDENCE]
        country = _first(foreign, "country")
        admin1 = _first(foreign, "admin1", country.country if country else None)
        return _Units(country, admin1 or _first(foreign, "admin1"))

    def _syrian_side(self, lat: float, lon: float, found: list[Place]) -> bool:
        """Whether a point just outside Syria's outline is on the Syrian side: unless another
        country's outline contains it and it is one of that country's settlements."""
        if _first(found, "country") is None:
            return True
        nearest = self._nearest(lat, lon, None)
        return nearest is None or nearest[0].country == PRECEDENCE or nearest[1] > OWN_POINT_KM

    def _syrian(
        self, lat: float, lon: float, governorate: Place, found: list[Place], outside: float
    ) -> _Units:
        code = governorate.admin1_pcode
        admin3 = next(
            (p for p in found if p.kind == "admin3" and p.admin1_pcode == code),
            None,
        )
        if admin3 is None:
            near = self._outlines.nearest(
                lat,
                lon,
                kind="admin3",
                country=PRECEDENCE,
                within_km=_SLIVER_KM,
                admin1_pcode=code,
            )
            admin3 = near[0] if near else None
        admin2 = self._by_pcode(admin3.admin2_pcode if admin3 else None)
        country = _first(found, "country", PRECEDENCE) or self._country_of(governorate)
        return _Units(country, governorate, admin2, admin3, outside)

    def _by_pcode(self, pcode: str | None) -> Place | None:
        idx = self._layer.find_idx(f"ocha:{pcode}") if pcode else None
        return None if idx is None else self._layer.place(idx)

    def _country_of(self, governorate: Place) -> Place | None:
        near = self._outlines.nearest(
            governorate.lat, governorate.lon, kind="country", country=PRECEDENCE, within_km=1.0
        )
        return near[0] if near else None


def _first(places: list[Place], kind: str, country: str | None = None) -> Place | None:
    return next(
        (p for p in places if p.kind == kind and (country is None or p.country == country)),
        None,
    )
