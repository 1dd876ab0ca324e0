"""Names OCHA's list implies but does not write: "Baqras" for its Upper and Lower Baqras.

The expected pcodes are read from OCHA's file, not from the gazetteer's answers.
"""

from __future__ import annotations

import csv
from pathlib import Path

from syriamap import Gazetteer
from syriamap.places.geoparse import find_places

OCHA = Path(__file__).resolve().parents[1] / "gazetteer" / "sources" / "ocha" / "ocha_location.csv"


def _pcodes(english: str) -> set[str]:
    """OCHA's communities of this English name (its disambiguator in brackets aside)."""
    with OCHA.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {r["Location_Pcode"] for r in rows if r["LocationName_en"].split(" (")[0] == english}


def test_a_pair_of_upper_and_lower_villages_answers_to_its_bare_name() -> None:
    pair = _pcodes("Upper Baqras") | _pcodes("Lower Baqras")
    assert len(pair) == 2 and not _pcodes("Baqras")  # OCHA writes no bare "Baqras"
    found = {c.place.pcode for c in Gazetteer.default().search("Baqras", approximate=False)}
    assert found == pair
    arabic = {c.place.pcode for c in Gazetteer.default().search("بقرص", approximate=False)}
    assert arabic == pair


def test_a_bare_name_that_is_a_village_of_its_own_stays_that_village() -> None:
    own, pair = _pcodes("Hmeimeh"), _pcodes("Big Hmeimeh") | _pcodes("Little Hmeimeh")
    assert own and len(pair) == 2
    found = {c.place.pcode for c in Gazetteer.default().search("Hmeimeh", limit=20)}
    assert own <= found and not pair & found


def test_a_generic_word_left_alone_is_no_name() -> None:
    # OCHA's "Little Kafr" does not make every "Kafr" a village of that pair
    pair = _pcodes("Little Kafr")
    found = {c.place.pcode for c in Gazetteer.default().search("Kafr", limit=20, approximate=False)}
    assert pair and not pair & found


def test_an_oil_field_written_with_its_feature_in_lower_case() -> None:
    text = "SDF reinforcements went from the Al-Omar oil field base to Abu Hamam in Deir ez-Zor."
    names = {m.surface: m.place.name for m in find_places(text) if m.place}
    assert names["Al-Omar oil field"] == "Al-Omar Oil Field"
    assert "Abu Hamam" in names
