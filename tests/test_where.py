"""Reverse geocoding to the subdistrict: probes whose expected pcodes come from sources other
than our outlines, the border rules, and the same answers through the CLI and the exports.

Each probe's point and subdistrict pcode are a row of a source file: an OCHA community
(``ocha_location.csv``: its point, its row's ``admin3Pcode``) or an Open-Syria transport location
(``transport_locations.json``: an HIU/US DoS point, its ``subdistrictId`` mapped to a pcode by
Open-Syria's ``subdistricts.json``).  ``test_the_probes_are_the_sources_rows`` checks the table
against those files, so it cannot drift into echoing what ``where`` answers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from syriamap import Gazetteer
from syriamap.gazetteer.shapes import BORDER_KM

SOURCES = Path(__file__).resolve().parents[1] / "gazetteer" / "sources"

#: (source row, lat, lon, subdistrict pcode).
PROBES = [
    ("ocha:C1946", 36.889142, 38.352078, "SY020600"),  # Kobani / Ain al-Arab
    ("ocha:C4988", 36.849356, 40.074748, "SY080400"),  # Ras al-Ain
    ("ocha:C5792", 36.690567, 38.947556, "SY110200"),  # Tal Abyad
    ("ocha:C4564", 37.044748, 41.226183, "SY080200"),  # Qamishli
    ("ocha:C5167", 34.454632, 40.911555, "SY090200"),  # Albu Kamal
    ("ocha:C5993", 32.624102, 36.104944, "SY120000"),  # Daraa
    ("ocha:C6268", 33.124215, 35.826407, "SY140000"),  # Quneitra
    ("ocha:C1366", 36.511094, 36.865523, "SY020300"),  # Afrin
    ("ocha:C2227", 36.814478, 38.009919, "SY020800"),  # Jarablus
    ("ocha:C1767", 36.525785, 37.951039, "SY020500"),  # Manbij
    ("ocha:C3871", 35.929008, 36.635276, "SY070000"),  # Idlib
    ("ocha:C4121", 36.186604, 36.723929, "SY070301"),  # Sarmada (Dana subdistrict)
    ("ocha:C2889", 34.565631, 38.287689, "SY040500"),  # Palmyra / Tadmor
    ("ocha:C5086", 35.331885, 40.146071, "SY090100"),  # Deir ez-Zor
    ("ocha:C5710", 35.953075, 39.006062, "SY110100"),  # Raqqa
    ("ocha:C2528", 34.729961, 36.719731, "SY040100"),  # Homs
    ("ocha:C3480", 35.539149, 35.789569, "SY060000"),  # Latakia
    ("ocha:C5221", 34.886614, 35.893349, "SY100000"),  # Tartus
    ("ocha:C6147", 32.706811, 36.567991, "SY130000"),  # Suwayda
    ("ocha:C2338", 33.570572, 36.404592, "SY030200"),  # Douma
    ("ocha:C2450", 33.690051, 36.096288, "SY030703"),  # Madaya
    ("ocha:C5905", 36.383689, 38.862789, "SY110202"),  # Ain Issa
    ("ocha:N0442", 34.89897, 35.877595, "SY100000"),  # Tartus, al-Mina quarter (on the shore)
    ("opensyria:sy-bab-al-salam-border-crossing", 36.646, 37.085, "SY020400"),
    ("opensyria:sy-bab-al-hawa-border-crossing", 36.23, 36.692, "SY070301"),
    ("opensyria:sy-ras-al-ain-border-crossing", 36.843, 40.053, "SY080400"),
    ("opensyria:sy-tell-abiad-border-crossing", 36.703, 38.959, "SY110200"),
    ("opensyria:sy-ain-al-arab-border-crossing", 36.9, 38.35, "SY020600"),
    ("opensyria:sy-jarablus-border-crossing", 36.831, 37.999, "SY020800"),
    ("opensyria:sy-darbasiyah-border-crossing", 37.078, 40.645, "SY080401"),
    ("opensyria:sy-qamishli-border-crossing", 37.061, 41.219, "SY080200"),
    ("opensyria:sy-nasib-border-crossing", 32.543, 36.202, "SY120000"),
    ("opensyria:sy-abu-kamal-border-crossing", 34.398, 40.976, "SY090200"),
    ("opensyria:sy-judaydat-yabus-border-crossing", 33.66, 35.977, "SY030701"),
    ("opensyria:sy-bab-al-kasab-border-crossing", 35.905, 36.009, "SY060005"),
]


def _source_rows() -> dict[str, tuple[float, float, str]]:
    """Source row id -> (lat, lon, subdistrict pcode), read from the source files."""
    out: dict[str, tuple[float, float, str]] = {}
    with (SOURCES / "ocha" / "ocha_location.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            point = (float(row["Latitude_y"]), float(row["Longitude_x"]))
            out[f"ocha:{row['Location_Pcode']}"] = (*point, row["admin3Pcode"])
    opensyria = SOURCES / "opensyria"
    subdistricts = json.loads((opensyria / "subdistricts.json").read_text(encoding="utf-8"))
    pcodes = {s["id"]: s["externalIds"]["ochaPcode"] for s in subdistricts}
    for item in json.loads((opensyria / "transport_locations.json").read_text(encoding="utf-8")):
        sub = (item.get("administrativeLocation") or {}).get("subdistrictId")
        if sub in pcodes:
            c = item["coordinates"]
            out[f"opensyria:{item['id']}"] = (c["latitude"], c["longitude"], pcodes[sub])
    return out


def test_the_probes_are_the_sources_rows() -> None:
    rows = _source_rows()
    assert len(PROBES) >= 20
    for source, lat, lon, pcode in PROBES:
        assert rows[source] == (pytest.approx(lat, abs=1e-6), pytest.approx(lon, abs=1e-6), pcode)


@pytest.mark.parametrize(("source", "lat", "lon", "pcode"), PROBES, ids=[p[0] for p in PROBES])
def test_where_names_the_subdistrict_of_a_probe(
    gazetteer: Gazetteer, source: str, lat: float, lon: float, pcode: str
) -> None:
    w = gazetteer.where(lat, lon)
    assert w.country is not None and w.country.country == "SY"
    assert w.admin3 is not None and w.admin3.pcode == pcode and w.admin3.kind == "admin3"
    # The levels are one chain: the district is the subdistrict's, the governorate the district's.
    assert w.admin2 is not None and w.admin2.pcode == pcode[:6] == w.admin3.admin2_pcode
    assert w.admin1 is not None and w.admin1.pcode == pcode[:4] == w.admin2.admin1_pcode
    assert w.admin3.name_ar and w.admin2.name_ar and w.admin1.name_ar
    assert w.nearest.country == "SY" and w.nearest.kind in {"city", "town", "village"}
    assert w.outside_km <= BORDER_KM


def test_border_points_outside_ochas_outline_resolve_to_the_syrian_side(gazetteer) -> None:
    # Bab al-Salam's and Ras al-Ain's crossing points lie outside OCHA's (simplified) outline
    # of Syria, the first 1.6 km, the second inside Natural Earth's Türkiye too.
    for lat, lon, pcode in ((36.646, 37.085, "SY020400"), (36.843, 40.053, "SY080400")):
        w = gazetteer.where(lat, lon)
        assert 0 < w.outside_km <= BORDER_KM
        assert w.country.country == "SY" and w.admin3.pcode == pcode
    turkey = gazetteer.resolve("Turkey")
    from shapely.geometry import Point, shape

    assert shape(turkey.geometry).contains(Point(40.053, 36.843))


def test_syria_wins_where_natural_earths_turkiye_overlaps_it(gazetteer: Gazetteer) -> None:
    from shapely.geometry import Point, shape

    turkey = gazetteer.resolve("Turkey")
    assert turkey.kind == "country" and shape(turkey.geometry).contains(Point(38.35, 36.89))
    w = gazetteer.where(36.89, 38.35)
    assert (w.country.country, w.admin1.pcode, w.admin2.pcode) == ("SY", "SY02", "SY0206")
    assert w.admin2.name == "Ain Al Arab District" and w.outside_km == 0


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Nusaybin", "TR"),
        ("Akçakale", "TR"),
        ("Ceylanpınar", "TR"),
        ("Kilis", "TR"),
        ("Gaziantep", "TR"),
        ("Mafraq", "JO"),
        ("Baalbek", "LB"),
        ("Mosul", "IQ"),
    ],
)
def test_a_neighbours_town_stays_in_its_country(gazetteer, name: str, country: str) -> None:
    # Nusaybin, Akçakale and Ceylanpınar lie under 1.5 km from OCHA's line: they are the
    # settlement's own points, which the border rule leaves to their country.
    place = gazetteer.resolve(name, country=country)
    w = gazetteer.where(place.lat, place.lon)
    assert w.country is not None and w.country.country == country
    assert w.admin2 is None and w.admin3 is None and w.outside_km == 0
    assert w.nearest.country == country


def test_a_point_further_outside_than_the_buffer_is_not_syrian(gazetteer: Gazetteer) -> None:
    # OCHA's Mazraet Deir Elashayer (C2442) lies 3.6 km inside Lebanon's outline.
    lat, lon, _ = _source_rows()["ocha:C2442"]
    w = gazetteer.where(lat, lon)
    assert w.country.country == "LB" and w.admin3 is None


def test_at_sea_far_from_any_coast_there_is_no_subdivision(gazetteer: Gazetteer) -> None:
    w = gazetteer.where(34.0, 34.0)
    assert w.country is None and w.admin1 is None and w.admin3 is None
    row = w.to_dict()
    assert row["governorate"] is None and row["subdistrict"] is None


def test_to_dict_gives_every_level_with_arabic_names_and_pcodes(gazetteer) -> None:
    row = gazetteer.where(36.646, 37.085).to_dict()
    assert row["subdistrict"] == {
        "id": "ocha:SY020400",
        "name": "A'zaz Subdistrict",
        "name_ar": "مركز اعزاز",
        "pcode": "SY020400",
    }
    assert row["district"]["pcode"] == "SY0204" and row["governorate"]["pcode"] == "SY02"
    assert row["within_country"]["name"] == "Syria" and row["outside_km"] > 0
    # The flat fields: the nearest place's own, with the point's subdivisions.
    assert row["admin3_pcode"] == "SY020400" and row["admin2_pcode"] == "SY0204"
    assert row["admin1"] == "Aleppo" and row["country"] == "SY" and row["pcode"].startswith("C")
    json.dumps(row)


def test_cli_reverse_names_the_subdistrict_in_text_and_json(run_cli) -> None:
    result = run_cli("reverse", "36.89", "38.35")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["level", "name", "name_ar", "pcode", "id", "km"]
    assert lines[2].startswith("subdistrict") and "Ain al Arab Subdistrict" in lines[2]
    assert "SY020600" in lines[2] and "مركز عين العرب" in lines[2]
    assert [line.split()[0] for line in lines[3:]] == ["district", "governorate", "country"]
    row = json.loads(run_cli("reverse", "--json", "36.843", "40.053").stdout)
    assert row["subdistrict"]["pcode"] == "SY080400" and row["governorate"]["name_ar"] == "الحسكة"
    assert "on the border" in run_cli("reverse", "36.843", "40.053").stdout


def test_export_writes_subdistrict_outlines_and_the_admin_codes(run_cli, tmp_path) -> None:
    out = tmp_path / "admin3.geojson"
    result = run_cli("gazetteer", "export", "--country", "SY", "--kind", "admin3", "-o", str(out))
    assert result.returncode == 0, result.stderr
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == 272
    shaped = [f for f in features if f["geometry"]["type"] != "Point"]
    assert len(shaped) == 270
    props = next(f["properties"] for f in features if f["id"] == "ocha:SY020400")
    assert props["pcode"] == "SY020400" and props["admin2_pcode"] == "SY0204"
    assert props["name_ar"] == "مركز اعزاز"
    result = run_cli("gazetteer", "export", "--format", "csv", "--country", "SY", "--kind", "town")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kobani = next(r for r in rows if r["name"] == "Kobani")
    assert (kobani["pcode"], kobani["admin3_pcode"], kobani["admin2"]) == (
        "C1946",
        "SY020600",
        "Ain Al Arab",
    )
    assert kobani["name_ar"] == "عين العرب"
