"""A geopy geocoder backed by the offline gazetteer, for code that already speaks geopy.

It keeps geopy's contract exactly: ``geocode``/``reverse`` return ``None``, one
:class:`geopy.location.Location`, or a list of them (``exactly_one=False``); options after the
query are keyword-only; it works through :class:`geopy.extra.rate_limiter.RateLimiter`.  The
``raw`` dict of each location carries syriamap's fields (id, kind, country, admin1, score,
matched alias).  Nothing touches the network unless the caller passes a ``fallback`` geocoder
(for example geopy's ``Nominatim``), which is asked only about names the gazetteer misses.

A miss is ``None``; a query no geocoder should be asked (empty, longer than
``MAX_NAME_LENGTH``, holding a control character, a tab or a bidi override, not a string; for
``reverse``, no point or an impossible one) raises :class:`QueryError`, which is both geopy's
``GeocoderQueryError`` (what geopy's own geocoders raise for a bad query) and syriamap's
``InputError``, so either ``except`` clause catches it.  A refused query never reaches the
fallback.

>>> from geopy.extra.rate_limiter import RateLimiter
>>> geocode = RateLimiter(SyriamapGeocoder().geocode, min_delay_seconds=0)
>>> geocode("Deir ez-Zor").raw["country"]
'SY'
"""

from __future__ import annotations

from typing import Any

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from ..errors import InputError, PlaceNotFound
from .core import Gazetteer
from .place import Candidate, Place

__all__ = ["QueryError", "SyriamapGeocoder"]


class QueryError(InputError, GeocoderQueryError):  # type: ignore[misc]
    """A query refused before any lookup: geopy's ``GeocoderQueryError`` and our
    ``InputError`` (hence a ``ValueError``) at once."""


def _location(place: Place, score: float = 1.0, matched: str | None = None) -> Location:
    raw: dict[str, Any] = place.to_dict()
    raw.update(score=score, matched=matched or place.name)
    address = ", ".join(p for p in (place.name, place.admin1, place.country) if p)
    return Location(address, Point(place.lat, place.lon), raw)


class SyriamapGeocoder(Geocoder):  # type: ignore[misc]
    """geopy ``Geocoder`` over :class:`~syriamap.gazetteer.Gazetteer` (offline by default)."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        fallback: Geocoder | None = None,
        limit: int = 10,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer.default()
        self.fallback = fallback
        self.limit = limit

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country: str | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Resolve ``query``; ``None`` when neither the gazetteer nor the fallback knows it,
        :class:`QueryError` for a query that is no place name at all.

        >>> SyriamapGeocoder().geocode("\u202eamaH")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        syriamap.gazetteer.geocoder.QueryError: place name '\u202eamaH' contains U+202E ...
        """
        try:
            candidates: list[Candidate] = self.gazetteer.search(
                query, limit=1 if exactly_one else self.limit, country=country
            )
        except InputError as err:
            raise QueryError(str(err)) from err
        if candidates:
            locations = [_location(c.place, c.score, c.matched) for c in candidates]
            return locations[0] if exactly_one else locations
        if self.fallback is not None:
            result: Location | list[Location] | None = self.fallback.geocode(
                query, exactly_one=exactly_one, timeout=timeout
            )
            return result
        return None

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """The nearest place to ``query`` (a ``Point``, ``(lat, lon)`` or ``"lat, lon"``);
        :class:`QueryError` for no point or an impossible one (a latitude beyond the poles;
        a longitude is wrapped into [-180, 180] as geopy's ``Point`` does)."""
        if query is None or (isinstance(query, str) and not query.strip()):
            raise QueryError("no point given (a Point, (lat, lon) or 'lat, lon')")
        try:
            point = Point(query)
        except (ValueError, TypeError) as err:
            raise QueryError(f"not a point: {str(query)[:60]!r} ({err})") from err
        try:
            place = self.gazetteer.reverse(point.latitude, point.longitude)
        except InputError as err:
            raise QueryError(str(err)) from err
        except PlaceNotFound:
            return None
        location = _location(place)
        return location if exactly_one else [location]
