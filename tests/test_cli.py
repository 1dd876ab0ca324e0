"""The console script, run as a real subprocess: output formats, exit codes, bad input."""

from __future__ import annotations

import json

import pytest


def test_geocode_json_lists_one_object_per_name_in_order(run_cli) -> None:
    result = run_cli("geocode", "--json", "Hama", "Dayr az-Zawr", "حلب")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["query"] for r in rows] == ["Hama", "Dayr az-Zawr", "حلب"]
    assert [r["name"] for r in rows] == ["Hama", "Deir ez-Zor", "Aleppo"]
    assert set(rows[0]) == {
        "query",
        "id",
        "name",
        "lat",
        "lon",
        "country",
        "kind",
        "admin1",
        "score",
    }
    assert rows[0]["id"].startswith("geonames:") and rows[0]["country"] == "SY"


def test_geocode_miss_is_reported_in_place_and_exits_1(run_cli) -> None:
    result = run_cli("geocode", "--json", "Hama", "Qwxzv Blorp")
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert rows[0]["name"] == "Hama"
    assert rows[1]["query"] == "Qwxzv Blorp" and "error" in rows[1] and "id" not in rows[1]


def test_geocode_country_option_picks_the_reading(run_cli) -> None:
    lebanon = json.loads(run_cli("geocode", "--json", "--country", "LB", "Tripoli").stdout)
    libya = json.loads(run_cli("geocode", "--json", "--country", "LY", "Tripoli").stdout)
    assert lebanon[0]["country"] == "LB" and libya[0]["country"] == "LY"


def test_geocode_reads_names_from_stdin(run_cli) -> None:
    result = run_cli("geocode", "--json", "-", stdin="Homs\nIdleb\n\nحماة\n".encode())
    assert result.returncode == 0, result.stderr
    assert [r["name"] for r in json.loads(result.stdout)] == ["Homs", "Idlib", "Hama"]


def test_geocode_human_output_is_a_table(run_cli) -> None:
    result = run_cli("geocode", "Hama", "Raqqa")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["query", "name", "country", "kind"]
    assert lines[1].split()[:3] == ["Hama", "Hama", "SY"] and len(lines) == 3


def test_reverse_json_names_the_nearest_place_and_its_governorate(run_cli) -> None:
    result = run_cli("reverse", "--json", "35.13", "36.75")
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["name"] == "Hama" and row["admin1"] == "Hama" and row["country"] == "SY"
    assert row["distance_km"] < 5


def test_reverse_accepts_negative_coordinates(run_cli) -> None:
    result = run_cli("reverse", "--json", "-33.92", "18.42")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["country"] == "ZA"


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("syriamap ")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("geocode", ""), None, "empty"),
        (("geocode", "x" * 5000), None, "characters long"),
        (("geocode", "Ha\x01ma"), None, "control characters"),
        (("geocode", "-"), b"Hama\n\xff\xfe\n", "not UTF-8"),
        (("geocode", "-"), b"\n\n", "no names"),
        (("reverse", "95", "0"), None, "latitude"),
        (("reverse", "0", "200"), None, "longitude"),
        (("reverse", "north", "0"), None, "not a number"),
        (("geocode", "--country", "Syria", "Hama"), None, "ISO 3166-1"),
        (("frobnicate",), None, "invalid choice"),
        (("geocode",), None, "required"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(run_cli, args, stdin, message) -> None:
    result = run_cli(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
