"""The geopy adapter keeps geopy's contract and works through RateLimiter, offline."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from syriamap.errors import InputError
from syriamap.gazetteer.geocoder import QueryError, SyriamapGeocoder


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
    assert geocoder.geocode("Tripoli", country="LB").raw["country"] == "LB"


def test_reverse_takes_points_tuples_and_strings() -> None:
    geocoder = SyriamapGeocoder()
    for query in (Point(35.13, 36.75), (35.13, 36.75), "35.13, 36.75"):
        location = geocoder.reverse(query)
        assert location.raw["name"] == "Hama", query
    assert isinstance(geocoder.reverse((35.13, 36.75), exactly_one=False), list)


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


BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "Ha\x01ma",
    "Ha\tma",
    "Ha\nma",
    "\u202eamaH",  # shown as "Hama" by a bidi override; resolved to Amman once
    "Ha\u2066ma\u2069",
    "Ha\u202ama",
    "\ufeffHama",
    "Hama\u200f",
    None,
    42,
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_a_query_that_is_no_place_name_raises_as_geopy_geocoders_do(query) -> None:
    fallback = _Recorder()
    geocoder = SyriamapGeocoder(fallback=fallback)
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode(query)
    with pytest.raises(InputError):
        geocoder.geocode(query, exactly_one=False)
    with pytest.raises(ValueError):
        RateLimiter(geocoder.geocode, min_delay_seconds=0, max_retries=0, swallow_exceptions=False)(
            query
        )
    assert fallback.asked == []  # a refused query is never sent on


def test_query_error_is_both_geopys_and_ours() -> None:
    assert issubclass(QueryError, GeocoderQueryError) and issubclass(QueryError, InputError)
    try:
        SyriamapGeocoder().geocode("\u202eamaH")
    except InputError as err:
        assert "U+202E" in str(err) and "RIGHT-TO-LEFT OVERRIDE" in str(err)


@pytest.mark.parametrize("query", [(100, 0), (-91, 5), (float("nan"), 1), "north, south", "", None])
def test_reverse_of_an_impossible_point_raises_a_query_error(query) -> None:
    with pytest.raises(GeocoderQueryError):
        SyriamapGeocoder().reverse(query)
    with pytest.raises(InputError):
        SyriamapGeocoder().reverse(query)


def test_a_zero_width_joiner_or_non_joiner_is_not_refused() -> None:
    # ZWNJ and ZWJ spell Persian and Kurdish words (letter shapes, not text order): asked,
    # not refused like a bidi override.
    geocoder = SyriamapGeocoder()
    for name in ("Ha\u200cma", "\u0645\u0647\u200c\u0627\u0628\u0627\u062f", "Ha\u200dma"):
        found = geocoder.geocode(name)
        assert found is None or isinstance(found, Location)


def test_through_rate_limiter_a_bad_query_is_retried_and_swallowed_like_any_service_error() -> None:
    # What geopy's RateLimiter does with every GeocoderServiceError (documented in README).
    geocode = RateLimiter(SyriamapGeocoder().geocode, min_delay_seconds=0, error_wait_seconds=0)
    assert geocode("") is None
