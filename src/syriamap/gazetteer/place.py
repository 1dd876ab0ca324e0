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
    """What lies at a point: the nearest populated place, and the subdivision and country
    whose outlines contain the point (None at sea or outside the outlines shipped)."""

    lat: float
    lon: float
    nearest: Place
    distance_km: float
    admin1: Place | None
    country: Place | None

    def to_dict(self) -> dict[str, Any]:
        def brief(place: Place | None) -> dict[str, Any] | None:
            return None if place is None else {"id": place.id, "name": place.name}

        return {
            "query": [self.lat, self.lon],
            **self.nearest.to_dict(),
            "admin1": self.admin1.admin1 if self.admin1 else self.nearest.admin1,
            "distance_km": round(self.distance_km, 2),
            "governorate": brief(self.admin1),
            "within_country": brief(self.country),
        }
