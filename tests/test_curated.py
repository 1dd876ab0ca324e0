"""The curated conflict features: sourced, placed in the right country, and not silently
shadowing (or shadowed by) a more important place."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from syriamap import Gazetteer
from syriamap.gazetteer import fold
from syriamap.gazetteer.overlay import read_overlay_csv

SOURCES = Path(__file__).resolve().parent.parent / "gazetteer" / "sources"
ROWS = read_overlay_csv(SOURCES / "curated.csv")
BORDER_KM = 15  # crossings, dams and summits sit on borders; Natural Earth lines are coarse


def test_there_are_at_least_150_curated_features() -> None:
    assert len(ROWS) >= 150
    kinds = {row.kind for row in ROWS}
    assert {"airbase", "crossing", "prison", "dam", "region", "district", "highway"} <= kinds


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_every_row_cites_a_public_source(row) -> None:
    assert row.source.startswith(("http://", "https://")), row.id


def test_every_point_lies_in_its_country_or_at_its_border(gazetteer: Gazetteer) -> None:
    outlines = {
        p.country: shape(p.geometry) for p in gazetteer if p.kind == "country" and p.geometry
    }
    far = []
    for row in ROWS:
        if row.country is None:
            continue  # seas and rivers between countries
        outline = outlines[row.country]
        distance_deg = outline.distance(Point(row.lon, row.lat))
        if distance_deg * 111 > BORDER_KM:
            far.append(f"{row.id} is {distance_deg * 111:.0f} km outside {row.country}")
    assert not far, far


def test_every_curated_feature_is_in_the_shipped_gazetteer(gazetteer: Gazetteer) -> None:
    for row in ROWS:
        assert gazetteer.get(row.id).name == row.name


def test_no_alias_collides_with_a_more_important_place_without_a_rule(
    gazetteer: Gazetteer,
) -> None:
    with (SOURCES / "collisions.csv").open(encoding="utf-8", newline="") as handle:
        rules = {(r["curated_id"], r["other_id"]) for r in csv.DictReader(handle)}
    unruled = []
    for row in ROWS:
        for alias in (row.name, *row.aliases):
            for candidate in gazetteer.search(alias, limit=20):
                other = candidate.place
                important = other.kind in {"country", "admin1"} or other.population >= 100_000
                same_name = fold(candidate.matched) == fold(alias)
                if (
                    other.id != row.id
                    and important
                    and same_name
                    and (row.id, other.id) not in rules
                ):
                    unruled.append(f"{row.id} alias {alias!r} ~ {other.id} {other.name}")
    assert not unruled, unruled


@pytest.mark.parametrize(
    ("query", "kind", "lat", "lon"),
    [
        ("Khmeimim", "airbase", 35.41, 35.95),
        ("T4 airbase", "airbase", 34.52, 37.63),
        ("Bab al-Hawa crossing", "crossing", 36.23, 36.69),
        ("Sednaya prison", "prison", 33.66, 36.33),
        ("Tishreen Dam", "dam", 36.38, 38.18),
        ("Mount Hermon", "mountain", 33.42, 35.86),
        ("Golan Heights", "region", 33.0, 35.75),
        ("Sheikh Maqsoud", "district", 36.22, 37.16),
    ],
)
def test_news_names_of_conflict_features_resolve(
    gazetteer: Gazetteer, query: str, kind: str, lat: float, lon: float
) -> None:
    from syriamap.gazetteer import haversine_km

    place = gazetteer.resolve(query)
    assert place.kind == kind and haversine_km(place.lat, place.lon, lat, lon) < 10, place


def test_seas_outrank_the_subdivisions_named_after_them(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Red Sea").kind == "sea"
    assert gazetteer.resolve("Red Sea", country="EG").kind == "admin1"
    assert gazetteer.resolve("the Mediterranean").name == "Mediterranean Sea"
