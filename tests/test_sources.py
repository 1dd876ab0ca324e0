"""The data the gazetteer is built from, and what of it reaches the shipped artifact.

The expected values come from the source files themselves (OCHA's CSV, the provenance table
in ``gazetteer/sources/README.md``), never from the build: a file changed without its
provenance row, or a build that drops OCHA's points, fails here.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from syriamap import Gazetteer

SOURCES = Path(__file__).resolve().parent.parent / "gazetteer" / "sources"


def _ocha_points() -> list[dict[str, str]]:
    with (SOURCES / "ocha" / "ocha_location.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def artifact() -> sqlite3.Connection:
    path = Gazetteer.default().path
    return sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)


def test_every_shipped_source_file_has_its_sha256_in_the_provenance_table() -> None:
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    sums = set(re.findall(r"\b[0-9a-f]{64}\b", readme))
    for folder in ("ocha", "opensyria"):
        for path in sorted((SOURCES / folder).iterdir()):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest in sums, f"{path.name} changed or has no provenance row"


def test_every_ocha_point_is_a_place_with_its_codes(artifact: sqlite3.Connection) -> None:
    rows = {
        pcode: (admin1, admin2, admin3, name_ar)
        for pcode, admin1, admin2, admin3, name_ar in artifact.execute(
            "SELECT pcode, admin1_pcode, admin2_pcode, admin3_pcode, name_ar FROM places "
            "WHERE country = 'SY'"
        )
    }
    points = _ocha_points()
    assert len(points) == 8007
    for point in points:
        found = rows.get(point["Location_Pcode"])
        assert found is not None, point["Location_Pcode"]
        assert found[:3] == (point["admin1Pcode"], point["admin2Pcode"], point["admin3Pcode"])
        assert found[3] and found[3] in point["LocationName_ar"]


def test_the_gazetteer_holds_8000_syrian_places_and_every_admin_unit(
    artifact: sqlite3.Connection,
) -> None:
    kinds = Counter(
        kind
        for (kind,) in artifact.execute(
            "SELECT kind FROM places WHERE country = 'SY' AND pcode IS NOT NULL"
        )
    )
    settlements = kinds["city"] + kinds["town"] + kinds["village"] + kinds["neighbourhood"]
    assert settlements >= 7900
    assert sum(kinds.values()) >= 8000
    assert (kinds["admin1"], kinds["admin2"], kinds["admin3"]) == (14, 62, 272)


def test_a_geonames_town_meets_its_ocha_community_once() -> None:
    # Hama is GeoNames 170017 and OCHA C2987: one place with both, not two.
    gaz = Gazetteer.default()
    hama = gaz.get("geonames:170017")
    assert hama.pcode and hama.pcode.startswith("C")
    assert hama.pcode == "C2987" and hama.admin1_pcode == "SY05" and hama.name_ar == "حماة"
    assert gaz.resolve("Hama") == hama and gaz.resolve("حماة") == hama
    assert [c.place.id for c in gaz.search("حماة", limit=5)].count("geonames:170017") == 1


def test_ocha_villages_are_found_by_their_english_and_arabic_names() -> None:
    gaz = Gazetteer.default()
    # OCHA romanises them "Ofania" and "Koya"; the news spellings come through the Arabic.
    for english, arabic in [("Ofania", "أوفانيا"), ("Koya", "كويا")]:
        points = [p for p in _ocha_points() if p["LocationName_ar"] == arabic]
        assert points, arabic
        place = gaz.resolve(arabic)
        assert place.pcode in {p["Location_Pcode"] for p in points}
        assert gaz.resolve(english).pcode == place.pcode


def test_info_counts_places_by_source_and_kind() -> None:
    info = Gazetteer.default().info()
    assert info["by_source"]["ocha"]["village"] > 6000
    assert info["by_source"]["ocha"]["admin3"] == 272
    assert info["by_source"]["with pcode"]["admin2"] == 62
    assert "OCHA" in info["licence"] and "Open-Syria" in info["licence"]
