"""The gazetteer resolves names the way an analyst expects, and says so when it cannot."""

from __future__ import annotations

import json
import re
import threading

import pytest

from syriamap import (
    Candidate,
    DataError,
    Gazetteer,
    InputError,
    Place,
    PlaceNotFound,
    SyriamapError,
)
from syriamap.gazetteer import MIN_SCORE, haversine_km


def near(place: Place, lat: float, lon: float, km: float = 15) -> bool:
    return haversine_km(place.lat, place.lon, lat, lon) <= km


# --- the ambiguous cases the issue names ------------------------------------------------


def test_homs_is_the_syrian_city_not_al_khums_in_libya(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Homs")
    assert place.country == "SY" and near(place, 34.73, 36.71)


def test_bosra_is_the_syrian_town_not_basra(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Bosra")
    assert place.country == "SY" and near(place, 32.52, 36.48)
    assert gazetteer.resolve("Basra").country == "IQ"


@pytest.mark.parametrize("name", ["Duma", "Douma"])
def test_duma_is_in_rural_damascus_not_the_west_bank(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.resolve(name)
    assert place.country == "SY" and near(place, 33.57, 36.40)


def test_tripoli_follows_the_country_hint(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Tripoli", country="LB").country == "LB"
    assert gazetteer.resolve("Tripoli", country="ly").country == "LY"


def test_tripoli_follows_the_context_of_the_article(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Tripoli", context=["Beirut", "Baalbek"]).country == "LB"
    assert gazetteer.resolve("Tripoli", context=["Benghazi", "Misrata"]).country == "LY"


def test_near_prefers_the_closest_reading(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Tripoli", near=(34.0, 36.0)).country == "LB"
    assert gazetteer.resolve("Tripoli", near=(32.0, 14.0)).country == "LY"


def test_jordan_is_the_country(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Jordan")
    assert (place.kind, place.country) == ("country", "JO")


def test_focus_can_be_turned_off(gazetteer: Gazetteer) -> None:
    focused = gazetteer.resolve("Nawa")
    worldwide = gazetteer.resolve("Nawa", focus=False)
    assert focused.country == "SY"
    assert worldwide.country == "JP"  # without the focus, the larger Naha (alias Nawa) wins


# --- spellings, scripts and subdivisions ------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Deir ez-Zor", "Dayr az-Zawr", "Deir Ezzor", "Deir al-Zour", "دير الزور"]
)
def test_every_spelling_of_deir_ez_zor_reaches_the_city(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.resolve(name)
    assert place.kind in {"city", "town"} and near(place, 35.34, 40.14)


def test_a_city_name_means_the_city_and_governorate_words_the_governorate(
    gazetteer: Gazetteer,
) -> None:
    assert gazetteer.resolve("Idlib").kind in {"city", "town"}
    for name in ("Idlib Governorate", "Idlib province", "محافظة إدلب"):
        place = gazetteer.resolve(name)
        assert place.kind == "admin1" and place.admin1 == "Idlib", name


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("rural Hama", "Hama"),
        ("Aleppo countryside", "Aleppo"),
        ("Hasakah governorate", "Al-Hasakah"),
        ("Damascus countryside", "Rif Dimashq"),
        ("ريف دمشق", "Rif Dimashq"),
    ],
)
def test_countryside_phrases_resolve_to_the_governorate(
    gazetteer: Gazetteer, name: str, admin1: str
) -> None:
    place = gazetteer.resolve(name)
    assert (place.kind, place.admin1, place.country) == ("admin1", admin1, "SY")


def test_syria_has_fourteen_governorates(gazetteer: Gazetteer) -> None:
    governorates = [p for p in gazetteer if p.kind == "admin1" and p.country == "SY"]
    assert len(governorates) == 14


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Syrian Arab Republic", "SY"),
        ("سوريا", "SY"),
        ("U.S.", "US"),
        ("UK", "GB"),
    ],
)
def test_country_alternate_names(gazetteer: Gazetteer, name: str, iso: str) -> None:
    place = gazetteer.resolve(name)
    assert (place.kind, place.country) == ("country", iso)


def test_qualifiers_around_a_name_are_ignored(gazetteer: Gazetteer) -> None:
    hama = gazetteer.resolve("Hama")
    assert gazetteer.resolve("the city of Hama") == hama
    assert gazetteer.resolve("Hama city") == hama


def test_a_typo_still_resolves_with_a_lower_score(gazetteer: Gazetteer) -> None:
    best = gazetteer.search("Damsacus")[0]
    assert best.place == gazetteer.resolve("Damascus")
    assert MIN_SCORE <= best.score < 0.95


# --- the API contract -------------------------------------------------------------------


def test_search_returns_scored_candidates_best_first(gazetteer: Gazetteer) -> None:
    found = gazetteer.search("Tripoli", limit=5)
    assert all(isinstance(c, Candidate) for c in found)
    assert {c.place.country for c in found} >= {"LB", "LY"}
    assert found[0].score == 1.0 and found[0].matched == "Tripoli"
    assert len(gazetteer.search("Tripoli", limit=1)) == 1


def test_exact_alias_scores_above_a_folded_one(gazetteer: Gazetteer) -> None:
    assert gazetteer.search("Hama")[0].score == 1.0
    assert gazetteer.search("HAMAA")[0].score == 0.95


def test_gibberish_raises_place_not_found_naming_the_query(gazetteer: Gazetteer) -> None:
    with pytest.raises(PlaceNotFound, match="Qwxzv Blorp") as info:
        gazetteer.resolve("Qwxzv Blorp")
    assert isinstance(info.value, LookupError) and isinstance(info.value, SyriamapError)
    assert gazetteer.search("Qwxzv Blorp") == []


@pytest.mark.parametrize("bad", ["", "   ", "x" * 1_000_000, "Ha\x00ma", "Ha\x1bma"])
def test_bad_names_raise_input_error(gazetteer: Gazetteer, bad: str) -> None:
    with pytest.raises(InputError) as info:
        gazetteer.resolve(bad)
    assert isinstance(info.value, ValueError)


def test_bad_hints_raise_input_error(gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError):
        gazetteer.resolve("Hama", country="Syria")
    with pytest.raises(InputError):
        gazetteer.resolve("Hama", near=(95.0, 0.0))
    with pytest.raises(InputError):
        gazetteer.search("Hama", limit=0)


def test_get_returns_the_place_by_id(gazetteer: Gazetteer) -> None:
    hama = gazetteer.resolve("Hama")
    assert gazetteer.get(hama.id) == hama
    with pytest.raises(PlaceNotFound):
        gazetteer.get("geonames:0")


def test_place_is_a_frozen_value_with_a_short_repr(gazetteer: Gazetteer) -> None:
    hama = gazetteer.resolve("Hama")
    assert repr(hama) == "Place('Hama', 35.13, 36.76, country='SY')"
    with pytest.raises(AttributeError):
        hama.lat = 0.0  # type: ignore[misc]
    assert hash(hama) == hash(gazetteer.get(hama.id))
    assert "حماة" in hama.aliases


def test_place_to_geojson_is_an_rfc7946_point_in_lon_lat_order(gazetteer: Gazetteer) -> None:
    feature = gazetteer.resolve("Hama").to_geojson()
    assert feature["geometry"]["coordinates"] == pytest.approx([36.758, 35.132], abs=0.01)
    assert feature["type"] == "Feature" and feature["properties"]["country"] == "SY"
    json.dumps(feature)


def test_reverse_gives_the_nearest_place_and_its_governorate(gazetteer: Gazetteer) -> None:
    place = gazetteer.reverse(35.13, 36.75)
    assert place.name == "Hama" and place.admin1 == "Hama"
    assert gazetteer.reverse(33.51, 36.29).admin1 == "Damascus"


def test_reverse_rejects_impossible_coordinates(gazetteer: Gazetteer) -> None:
    for lat, lon in ((91, 0), (0, 181), (float("nan"), 0)):
        with pytest.raises(InputError):
            gazetteer.reverse(lat, lon)


def test_default_is_loaded_once_and_shared_across_threads() -> None:
    seen: list[Place] = []
    workers = [
        threading.Thread(target=lambda: seen.append(Gazetteer.default().resolve("Raqqa")))
        for _ in range(8)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(seen) == 8 and len(set(seen)) == 1
    assert Gazetteer.default() is Gazetteer.default()


def test_a_missing_or_foreign_data_file_is_a_data_error(tmp_path) -> None:
    with pytest.raises(DataError):
        Gazetteer(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DataError):
        Gazetteer(junk)


def test_a_far_away_province_does_not_outrank_a_regional_city(gazetteer) -> None:
    assert gazetteer.resolve("Gaza").country == "PS"  # not Mozambique's Gaza Province
    assert gazetteer.resolve("Victoria").kind == "admin1"  # no regional city competes


# --- prefetch ------------------------------------------------------------------------------


def test_prefetch_changes_no_answer_and_saves_the_per_name_reads(monkeypatch) -> None:
    names = ["Hama", "Ḥamāh", "Tripoli", "Committee", "the city of Aleppo", "Deir Ezzor", "Xq"]
    plain = Gazetteer(Gazetteer.default_path())
    expected = [
        (plain.knows(n), [(c.place.id, c.score) for c in plain.search(n, approximate=False)])
        for n in names
    ]
    fetched = Gazetteer(Gazetteer.default_path())
    fetched.prefetch([*names, "x" * 500])  # an over-long name is skipped, not an error
    reads: list[str] = []
    store = fetched._store  # the one place that runs SQL (syriamap.gazetteer.store)
    original = store.sql
    monkeypatch.setattr(
        store, "sql", lambda query, args=(): reads.append(query) or original(query, args)
    )
    assert all(fetched.knows(n) == known for n, (known, _) in zip(names, expected, strict=True))
    assert not any("FROM names" in query for query in reads)  # every answer came from the batch
    got = [[(c.place.id, c.score) for c in fetched.search(n, approximate=False)] for n in names]
    assert got == [found for _, found in expected]


def test_a_repeated_search_gives_the_same_candidates_in_a_list_of_its_own() -> None:
    gaz = Gazetteer(Gazetteer.default_path())
    first = gaz.search("Tripoli", limit=3)
    first.clear()  # a caller may change its list: the next answer must not see it
    again, fresh = gaz.search("Tripoli", limit=3), Gazetteer(Gazetteer.default_path())
    assert again == fresh.search("Tripoli", limit=3) and len(again) == 3
    assert gaz.search("Tripoli", limit=1, country="LB")[0].place.country == "LB"
    with pytest.raises(InputError):
        gaz.search("Tripoli", limit=0)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\u202eamaH", "U+202E"),  # RIGHT-TO-LEFT OVERRIDE: looks like "Hama", was Amman
        ("\u202dHama", "U+202D"),
        ("\u202bHama\u202c", "U+202B"),
        ("\u2067Hama\u2069", "U+2067"),
        ("Ha\tma", "U+0009"),
        ("Hama\n", "U+000A"),
        ("Ha\u0085ma", "U+0085"),
        ("Ha\u2028ma", "U+2028"),
        ("\u061cHama", "U+061C"),
        ("Ha\u00adma", "U+00AD"),
        ("Ha\ud800ma", "U+D800"),
    ],
)
def test_names_with_control_or_format_characters_are_refused(gazetteer, name, shown) -> None:
    for ask in (gazetteer.search, gazetteer.resolve):
        with pytest.raises(InputError, match=re.escape(shown)):
            ask(name)


def test_a_name_with_a_zero_width_non_joiner_is_still_looked_up(gazetteer) -> None:
    assert gazetteer.search("Ha\u200cma") is not None  # asked, not refused


def test_an_article_with_tabs_inside_names_still_finds_them() -> None:
    from syriamap import extract

    found = extract("Rebels captured Deir\tez-Zor and then entered Hama.")
    assert [m.place.name for m in found.places if m.place] == ["Deir ez-Zor", "Hama"]
