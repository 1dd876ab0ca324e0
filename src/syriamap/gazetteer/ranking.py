"""The order of the places a name can mean: importance, the regional focus, and the hints.

Among candidates of the same tier, the order is:

1. feature importance: countries, then first-level subdivisions, then capitals, then the rest;
2. the regional focus, unless ``focus=False``: Syria, then its neighbours (Lebanon, Iraq,
   Türkiye, Jordan, Israel, Palestine), then the world — so "Bosra" is the Syrian town and
   not Basra, "Homs" is not Al Khums in Libya;
3. population.

A far-away subdivision does not outrank a city of the region of the same name (the home-city
rule).  Hints change the order: ``country="LB"`` keeps only that country's places;
``near=(lat, lon)`` and ``context=["Beirut", ...]`` rank by distance to the point (or to the
context places, preferring their countries) right after the country/subdivision rank.

The ``names`` table is stored in the default order (:func:`default_order`, which the build
and the GeoNames import use too), so a plain query needs no sort beyond the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import InputError, PlaceNotFound
from .matching import Match
from .place import Place
from .shapes import haversine_km
from .store import RANK_ADMIN1, Row

__all__ = [
    "HOME_CITY_MIN_POPULATION",
    "NEIGHBOURS",
    "Hints",
    "context_hints",
    "default_order",
    "order",
    "region_rank",
]

#: Syria's neighbours, second in the regional focus.
NEIGHBOURS = frozenset({"LB", "IQ", "TR", "JO", "IL", "PS"})
#: A city of the region this large outranks a same-named subdivision elsewhere in the world.
HOME_CITY_MIN_POPULATION = 50_000


def region_rank(country: str | None) -> int:
    """0 for Syria, 1 for its neighbours, 2 for the rest of the world (the regional focus)."""
    if country == "SY":
        return 0
    return 1 if country in NEIGHBOURS else 2


def default_order(rank: int, country: str | None, population: int) -> tuple[int, int, int]:
    """The stored order of places sharing a name: importance, regional focus, population."""
    return (rank, region_rank(country), -population)


@dataclass(frozen=True, slots=True)
class Hints:
    """What a query says beyond the name, checked (see :mod:`syriamap.gazetteer.checks`)."""

    country: str | None = None
    near: tuple[float, float] | None = None
    context_countries: frozenset[str] = frozenset()
    focus: bool = True


def context_hints(
    context: Iterable[str], resolve: Callable[[str], Place]
) -> tuple[tuple[float, float] | None, frozenset[str]]:
    """Centre and countries of the context names that resolve (countries count only for
    their country code: their centroid would pull every point toward the middle)."""
    points, countries = [], set()
    for other in context:
        try:
            place = resolve(other)
        except (PlaceNotFound, InputError):
            continue
        if place.country:
            countries.add(place.country)
        if place.kind != "country":
            points.append((place.lat, place.lon))
    if not points:
        return None, frozenset(countries)
    return (
        (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)),
        frozenset(countries),
    )


def order(
    matches: list[Match],
    row: Callable[[int], Row],
    hints: Hints,
    *,
    in_stored_order: bool,
) -> list[Match]:
    """The matches best first.  ``in_stored_order`` says they come in the default order
    (fold-equal matches of the stored names only), so only the score can reorder them."""
    if (
        in_stored_order
        and hints.focus
        and hints.country is None
        and hints.near is None
        and not hints.context_countries
    ):
        ranked = sorted(matches, key=lambda m: -m[2])
        if len(ranked) > 1:
            ranked = _home_city_first(ranked, row)
    else:
        ranked = _ranked(matches, row, hints)
    if hints.context_countries and hints.near is None:
        ranked.sort(key=lambda m: row(m[0]).country not in hints.context_countries)
    return ranked


def _ranked(matches: list[Match], row: Callable[[int], Row], hints: Hints) -> list[Match]:
    near, context_countries = hints.near, hints.context_countries
    if hints.country is not None:
        matches = [m for m in matches if row(m[0]).country == hints.country]

    def key(match: Match) -> tuple[float, ...]:
        place = row(match[0])
        tier = -match[2]
        if near is not None:
            distance = haversine_km(near[0], near[1], place.lat, place.lon)
            in_context = 0 if not context_countries or place.country in context_countries else 1
            return (
                tier,
                min(place.rank, RANK_ADMIN1 + 1),
                in_context,
                distance,
                -place.population,
            )
        regional = region_rank(place.country) if hints.focus else 0
        return (tier, place.rank, regional, -place.population)

    ranked = sorted(matches, key=key)
    if hints.focus and near is None and len(ranked) > 1:
        ranked = _home_city_first(ranked, row)
    return ranked


def _home_city_first(ranked: list[Match], row: Callable[[int], Row]) -> list[Match]:
    """A far-away province does not outrank a city of the region by the same name: "Gaza"
    is the city in Palestine, not Mozambique's Gaza Province.  (Importance still ranks
    subdivisions first within the region, and anywhere when no regional city competes.)"""
    top = row(ranked[0][0])
    if top.rank != RANK_ADMIN1 or region_rank(top.country) < 2:
        return ranked
    for i, match in enumerate(ranked[1:], 1):
        other = row(match[0])
        if match[2] < ranked[0][2]:
            break
        if (
            other.rank > RANK_ADMIN1
            and region_rank(other.country) < 2
            and (other.population >= HOME_CITY_MIN_POPULATION)
        ):
            return [match, *ranked[:i], *ranked[i + 1 :]]
    return ranked
