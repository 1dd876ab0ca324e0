"""The geopy adapter keeps geopy's contract and works through RateLimiter, offline."""

from __future__ import annotations

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from syriamap.geocoder import SyriamapGeocoder


class _Recorder(Geocoder):  # a stand-in for a remote geocoder: records what it is asked
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def geocode(self, query, *, exactly_one=True, timeout=None):
        self.asked.append(query)
        location = Location(f"far away {query}", Point(1.0, 2.0), {"from": "fallback"})
        return location if exactly_one else [location]


def test_it_is_a_geopy_geocoder_returning_locations() -> None:
    geocoder = SyriamapGeocoder()
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Hamaa")
    assert isinstance(location, Location)
    assert round(location.latitude, 1) == 35.1 and round(location.longitude, 1) == 36.8
    assert location.raw["id"].startswith("geonames:") and location.raw["country"] == "SY"
    assert location.raw["score"] == 0.95 and location.raw["matched"]


def test_exactly_one_false_returns_a_list() -> None:
    found = SyriamapGeocoder().geocode("Tripoli", exactly_one=False)
    assert isinstance(found, list) and len(found) >= 2
    assert {loc.raw["country"] for loc in found} >= {"LB", "LY"}


def test_a_miss_returns_none_and_the_country_hint_is_honoured() -> None:
    geocoder = SyriamapGeocoder()
    assert geocoder.geocode("Qwxzv Blorp") is None
    assert geocoder.geocode("") is None
    assert geocoder.geocode("Tripoli", country="LB").raw["country"] == "LB"


def test_reverse_takes_points_tuples_and_strings() -> None:
    geocoder = SyriamapGeocoder()
    for query in (Point(35.13, 36.75), (35.13, 36.75), "35.13, 36.75"):
        location = geocoder.reverse(query)
        assert location.raw["name"] == "Hama", query
    assert isinstance(geocoder.reverse((35.13, 36.75), exactly_one=False), list)
    assert geocoder.reverse("north, south") is None


def test_it_works_through_rate_limiter() -> None:
    geocode = RateLimiter(SyriamapGeocoder().geocode, min_delay_seconds=0)
    reverse = RateLimiter(SyriamapGeocoder().reverse, min_delay_seconds=0)
    assert geocode("Homs").raw["country"] == "SY"
    assert geocode("Tripoli", country="LB").raw["country"] == "LB"
    assert reverse("33.51, 36.29").raw["admin1"] == "Damascus"


def test_the_fallback_is_asked_only_about_misses() -> None:
    fallback = _Recorder()
    geocoder = SyriamapGeocoder(fallback=fallback)
    assert geocoder.geocode("Aleppo").raw["country"] == "SY"
    assert fallback.asked == []
    assert geocoder.geocode("Qwxzv Blorp").raw == {"from": "fallback"}
    assert fallback.asked == ["Qwxzv Blorp"]
