"""Value objects of the gazetteer: a place and a scored candidate for a name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Candidate", "Place", "Whereabouts"]


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: what a map needs to draw it and a reader needs to trust it.

    ``id`` is stable across builds (``geonames:<geonameid>`` for GeoNames features,
    ``curated:<slug>`` for the project's own).  ``kind`` is an open vocabulary: ``country``,
    ``admin1``, ``admin2`` (a district), ``admin3`` (a subdistrict), ``city``, ``town``,
    ``village``, ``neighbourhood`` and the curated kinds (``airbase``, ``crossing`` ...).

    Syrian places also carry OCHA's codes (pcodes), which is what humanitarian data is keyed on:
    ``pcode`` is the place's own (``C1234`` a community, ``N0001`` a neighbourhood, ``SY0200`` a
    district), and ``admin1_pcode`` … ``admin3_pcode`` with ``admin2``/``admin3`` name the
    governorate, district and subdistrict it lies in.  ``name_ar`` is its Arabic name (OCHA's).
    Elsewhere they are None.

    >>> Place("geonames:170063", "Hama", 35.13153, 36.75783, "SY", "city")
    Place('Hama', 35.13, 36.76, country='SY')
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    admin1: str | None = None
    population: int = 0
    aliases: tuple[str, ...] = field(default=(), compare=False)
    #: GeoJSON geometry (dict) of areal and linear features — governorates, countries,
    #: highways — for shading and drawing; None for points.
    geometry: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    name_ar: str | None = None
    pcode: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None

    def __repr__(self) -> str:
        return f"Place({self.name!r}, {self.lat:.2f}, {self.lon:.2f}, country={self.country!r})"

    def lies_in(self, area: Place) -> bool:
        """Whether this place is ``area`` or inside it: in the same country when ``area`` is a
        country, in the same first-level subdivision (by name) when it is one."""
        if self.id == area.id:
            return True
        if self.country != area.country:
            return False
        return area.kind == "country" or (area.kind == "admin1" and self.admin1 == area.admin1)

    def summary(self) -> dict[str, Any]:
        """The fields that identify and locate the place: the PLACE object of the JSON formats."""
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "kind": self.kind,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields (aliases left out: they are long and rarely wanted)."""
        return {
            **self.summary(),
            "admin1": self.admin1,
            "population": self.population,
            "name_ar": self.name_ar,
            "pcode": self.pcode,
            "admin1_pcode": self.admin1_pcode,
            "admin2": self.admin2,
            "admin2_pcode": self.admin2_pcode,
            "admin3": self.admin3,
            "admin3_pcode": self.admin3_pcode,
        }

    def to_geojson(self, *, shape: bool = False) -> dict[str, Any]:
        """An RFC 7946 Feature (lon, lat order) with the place's fields as properties: a Point
        at the representative point, or with ``shape=True`` the outline or line if it has one."""
        geometry = (
            self.geometry
            if shape and self.geometry
            else {"type": "Point", "coordinates": [self.lon, self.lat]}
        )
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": geometry,
            "properties": self.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible reading of a name: the place, how well the name matched, through which alias.

    ``score`` is 1.0 for an exact alias, 0.95 for a folded (spelling-convention) match and
    lower for approximate matches; see :mod:`syriamap.gazetteer.matching` for the scale.
    """

    place: Place
    score: float
    matched: str

    def __repr__(self) -> str:
        return f"Candidate({self.place!r}, score={self.score:.2f}, matched={self.matched!r})"


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """What lies at a point: the country, governorate (``admin1``), district (``admin2``) and
    subdistrict (``admin3``) it lies in — None at sea, outside the outlines shipped, or (the
    last two) outside Syria — and the nearest populated place, in the same country when the
    point is in one.  ``outside_km`` is how far outside Syria's outline a point on the border
    lay before it was put on the Syrian side (0 inside; see :mod:`syriamap.gazetteer.shapes`).

    >>> from syriamap import Gazetteer
    >>> w = Gazetteer.default().where(36.89, 38.35)
    >>> w.country.name, w.admin2.pcode, w.admin3.name, w.admin3.name_ar
    ('Syria', 'SY0206', 'Ain al Arab Subdistrict', 'مركز عين العرب')
    """

    lat: float
    lon: float
    nearest: Place
    distance_km: float
    admin1: Place | None
    country: Place | None
    admin2: Place | None = None
    admin3: Place | None = None
    outside_km: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The nearest place's fields (``id``, ``name``, ``pcode`` ... are the place's), with
        the point's own ``admin1`` … ``admin3_pcode`` when it lies in a subdivision, and each
        level as ``{id, name, name_ar, pcode}``: ``governorate``, ``district``,
        ``subdistrict``, ``within_country`` (None where there is none)."""

        def brief(place: Place | None) -> dict[str, Any] | None:
            if place is None:
                return None
            return {
                "id": place.id,
                "name": place.name,
                "name_ar": place.name_ar,
                "pcode": place.pcode,
            }

        row = {"query": [self.lat, self.lon], **self.nearest.to_dict()}
        if self.admin1 is not None:
            row.update(
                admin1=self.admin1.admin1,
                admin1_pcode=self.admin1.admin1_pcode,
                admin2=self.admin2.admin2 if self.admin2 else None,
                admin2_pcode=self.admin2.admin2_pcode if self.admin2 else None,
                admin3=self.admin3.admin3 if self.admin3 else None,
                admin3_pcode=self.admin3.admin3_pcode if self.admin3 else None,
            )
        return {
            **row,
            "distance_km": round(self.distance_km, 2),
            "outside_km": round(self.outside_km, 2),
            "governorate": brief(self.admin1),
            "district": brief(self.admin2),
            "subdistrict": brief(self.admin3),
            "within_country": brief(self.country),
        }
