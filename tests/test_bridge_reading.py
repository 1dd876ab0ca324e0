"""The Arabic bridge in the place scanner: news spellings no alias has, and the guards that
keep English words, persons and far-away towns off the map (issue 13).

Expected places are named by OCHA pcode and checked against OCHA's own file, not against
what the gazetteer answers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from syriamap import Gazetteer
from syriamap.gazetteer.bridge import confirms
from syriamap.places.geoparse import find_places

OCHA = Path(__file__).resolve().parents[1] / "gazetteer" / "sources" / "ocha" / "ocha_location.csv"


def _ocha() -> dict[str, dict[str, str]]:
    with OCHA.open(encoding="utf-8", newline="") as handle:
        return {row["Location_Pcode"]: row for row in csv.DictReader(handle)}


OCHA_ROWS = _ocha()
DEIR_EZ_ZOR = (
    "Tribal forces seized SDF positions in Dhiban, Abu Hamam, Hajin and {} in Deir ez-Zor."
)


def _found(text: str) -> dict[str, tuple[str, str, float, float]]:
    return {
        m.surface: (m.place.pcode or "", m.place.country or "", m.place.lat, m.place.lon)
        for m in find_places(text)
        if m.place
    }


@pytest.mark.parametrize(
    ("spelling", "pcode", "arabic"),
    [
        ("Al-Kashkiya", "C8365", "الكشكية"),  # OCHA: Kishkiyeh
        ("Al-Shuhail", "C5119", "الشحيل"),  # OCHA: Shiheil
        ("Granij", "C5173", "غرانيج"),  # OCHA: Gharanij
    ],
)
def test_a_news_spelling_meets_the_ocha_village_through_its_arabic_name(
    spelling: str, pcode: str, arabic: str
) -> None:
    row = OCHA_ROWS[pcode]
    assert row["LocationName_ar"] == arabic  # the fixture names the place OCHA lists
    found = _found(DEIR_EZ_ZOR.format(spelling))
    assert found[spelling][0] == pcode
    assert abs(found[spelling][2] - float(row["Latitude_y"])) < 0.01


def test_the_bridge_needs_a_syrian_document() -> None:
    # the same spelling among Saudi and Gulf places is no Syrian village
    found = _found("Flights from Riyadh and Dubai landed in Jeddah; Al-Kashkiya was quiet.")
    assert "Al-Kashkiya" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting was reported in Manbij and Deir Hafer.",  # Heavy: HF, a hamlet's key
        "Curfews were imposed in Jableh and Baniyas.",
        "Major roads along the coast from Latakia to Tartus were closed.",
        "Quoting local sources in Idlib, the report said Saraqib was shelled.",
    ],
)
def test_an_english_word_opening_a_sentence_is_no_place(text: str) -> None:
    first = text.split()[0]
    assert first not in _found(text)


def test_the_gazetteer_refuses_to_bridge_english_words() -> None:
    gazetteer = Gazetteer.default()
    assert gazetteer.bridged("Heavy") == []
    assert gazetteer.bridged("Peter Kelly") == []
    assert {c.place.country for c in gazetteer.bridged("Jeneineh")} == {"SY"}


def test_a_final_i_is_not_a_ta_marbuta() -> None:
    assert not confirms("al-Jabali", "جبلة")  # Jableh
    assert confirms("Al-Kashkiya", "الكشكية")


def test_a_bridged_reading_outside_the_governorate_the_text_names_is_dropped() -> None:
    text = (
        "Army units entered Tabqa and the villages of Abu Assi and al-Jabali in the Raqqa "
        "countryside."
    )
    found = _found(text)
    assert "al-Jabali" not in found  # not Jableh on the coast (whose Turkish name is Jebelli)
    assert "Tabqa" in found


def test_a_foreign_town_beside_syrian_villages_is_the_syrian_village() -> None:
    text = (
        "Tribal fighters took Abu Hamam, Gharanij and Al-Kishkiyah. Clashes reached Al-Shafa "
        "and Hajin on the Euphrates."
    )
    _, country, lat, lon = _found(text)["Al-Shafa"]
    assert country == "SY"
    assert 34.0 < lat < 35.5 and 40.0 < lon < 41.5  # Deir ez-Zor, not Shafa in Saudi Arabia


def test_kinship_words_open_village_names() -> None:
    text = "The fiercest fighting occurred in Abu Qalqal, and later in Umm Batnah near Quneitra."
    found = _found(text)
    assert found["Abu Qalqal"][1] == "SY"
    assert "Abu Mohammad" not in _found("Abu Mohammad al-Jolani spoke in Idlib.")


def test_al_mayadin_is_the_town_and_al_mayadeen_the_channel() -> None:
    found = _found("Shelling hit Al Mayadin and Hajin, Al Mayadeen reported from Deir ez-Zor.")
    assert "Al Mayadin" in found
    assert "Al Mayadeen" not in found and "Mayadeen" not in found


def test_a_hyphenated_deir_ez_zor_is_one_name() -> None:
    found = _found("Reinforcements went from Hassakeh to Deir-ez-Zor on Tuesday.")
    assert found["Deir-ez-Zor"][1] == "SY"
    assert "Deir" not in found


def test_a_footnote_digit_glued_to_a_name() -> None:
    found = _found("Hospitals in Latakia, Tartus, and Banyas3 reported casualties.")
    assert "Banyas" in found and "Banyas3" not in found


def test_a_person_in_apposition_is_no_place_anywhere_in_the_article() -> None:
    text = (
        "Emad Al-Dulaimi, the mayor of Rutba district, said soldiers crossed from Syria. "
        "According to Al-Dulaimi, they were housed in Rutba."
    )
    found = _found(text)
    assert "Al-Dulaimi" not in found and "Rutba" in found


def test_a_quoted_operation_name_is_no_place() -> None:
    text = "The SNA's operation, “Dawn of Freedom,” took aim at Tal Rifaat and Manbij."
    found = _found(text)
    assert "Freedom" not in found and "Tal Rifaat" in found


def test_qamishli_cities_is_qamishli() -> None:
    found = _found("Access bans were reported in Al-Hasakeh and Qamishli Cities after clashes.")
    assert "Qamishli" in found
