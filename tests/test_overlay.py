"""User overlays add places and local spellings in a new object, and name file and line on error."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from syriamap import Gazetteer, InputError, PlaceNotFound

HEADER = "id,name,kind,aliases,lat,lon,country,admin1,line,source,note\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_overlay_adds_a_place_and_a_spelling_without_touching_the_default(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    hama = gazetteer.resolve("Hama")
    overlay = write(
        tmp_path / "mine.csv",
        HEADER
        + "local:kafr-test,Kafr Testa,village,Kfar Testa|كفر تستا,35.5,36.5,SY,Hama,,,\n"
        + f"{hama.id},,,Hamath of the Bible,,,,,,,\n",
    )
    extended = gazetteer.with_overlay(overlay)
    assert extended is not gazetteer
    place = extended.resolve("Kfar Testa")
    assert (place.id, place.kind, place.country) == ("local:kafr-test", "village", "SY")
    assert extended.resolve("كفر تستا") == place
    assert extended.resolve("Hamath of the Bible") == hama
    assert "Hamath of the Bible" in extended.get(hama.id).aliases
    assert len(extended) == len(gazetteer) + 1
    with pytest.raises(PlaceNotFound):
        gazetteer.resolve("Kfar Testa")
    with pytest.raises(PlaceNotFound):
        Gazetteer.default().resolve("Hamath of the Bible")


def test_a_geojson_overlay_adds_points_and_lines(tmp_path: Path, gazetteer: Gazetteer) -> None:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [36.9, 35.0]},
            "properties": {
                "id": "local:checkpoint-7",
                "name": "Checkpoint Seven",
                "kind": "checkpoint",
                "aliases": ["CP7 checkpoint"],
                "country": "SY",
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[36.7, 35.1], [36.9, 35.3]]},
            "properties": {"id": "local:old-road", "name": "Old Testing Road", "kind": "road"},
        },
    ]
    overlay = write(
        tmp_path / "mine.geojson", json.dumps({"type": "FeatureCollection", "features": features})
    )
    extended = gazetteer.with_overlay(overlay)
    assert extended.resolve("CP7 checkpoint").kind == "checkpoint"
    road = extended.resolve("Old Testing Road")
    assert road.geometry == features[1]["geometry"]


def _mutable_parts(obj: object, depth: int = 2) -> dict[int, str]:
    """The containers an object holds, by id, down to the objects it delegates to."""
    found: dict[int, str] = {}
    for name, value in vars(obj).items():
        if isinstance(value, dict | list | set):
            found[id(value)] = name
        elif depth and hasattr(value, "__dict__") and not isinstance(value, type | Path):
            found.update(_mutable_parts(value, depth - 1))
    return found


def test_an_overlay_of_an_overlay_leaves_the_first_one_as_it_was(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    hama = gazetteer.resolve("Hama")
    first = gazetteer.with_overlay(
        write(tmp_path / "one.csv", HEADER + f"{hama.id},,,Hamath One,,,,,,,\n")
    )
    assert "Hamath One" in first.get(hama.id).aliases  # cached in the first before the second
    second = first.with_overlay(
        write(
            tmp_path / "two.csv",
            HEADER
            + f"{hama.id},,,Hamath Two,,,,,,,\n"
            + "local:kafr-two,Kafr Two,village,,35.5,36.5,SY,Hama,,,\n",
        )
    )
    assert second.resolve("Hamath One") == second.resolve("Hamath Two") == hama
    assert {"Hamath One", "Hamath Two"} <= set(second.get(hama.id).aliases)
    assert "Hamath Two" not in first.get(hama.id).aliases
    for name in ("Hamath Two", "Kafr Two"):
        with pytest.raises(PlaceNotFound):
            first.resolve(name)
    assert len(first) == len(gazetteer) and len(second) == len(gazetteer) + 1
    assert (first.overlays, len(second.overlays)) == ((tmp_path / "one.csv",), 2)
    shared = _mutable_parts(first).keys() & _mutable_parts(second).keys()
    assert not shared, [_mutable_parts(first)[i] for i in shared]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("local:x,Somewhere,village,,95,36,SY,,,,", ":2: lat 95"),
        ("local:x,Somewhere,village,,35,abc,SY,,,,", ":2: lon 'abc' is not a number"),
        ("local:x,Somewhere,Village!,,35,36,SY,,,,", ":2: kind"),
        ("local:x,Somewhere,village,,35,36,Syria,,,,", ":2: country 'Syria'"),
        ("no id here,Somewhere,village,,35,36,SY,,,,", ":2: id"),
        ("geonames:1,,,Alias Only,,,,,,,", "no place has id 'geonames:1'"),
        ("local:x,Road,road,,35,36,SY,,LINESTRING(1 2),,", ":2: a line needs at least two points"),
    ],
)
def test_a_bad_row_names_the_file_and_line(
    tmp_path: Path, gazetteer: Gazetteer, row: str, message: str
) -> None:
    overlay = write(tmp_path / "bad.csv", HEADER + row + "\n")
    with pytest.raises(InputError, match=r"bad\.csv") as info:
        gazetteer.with_overlay(overlay)
    assert message in str(info.value)


def test_an_overlay_id_that_already_exists_is_refused(tmp_path: Path, gazetteer: Gazetteer) -> None:
    hama = gazetteer.resolve("Hama")
    overlay = write(tmp_path / "dup.csv", HEADER + f"{hama.id},Hama again,city,,35,36,SY,,,,\n")
    with pytest.raises(InputError, match="already exists"):
        gazetteer.with_overlay(overlay)


def test_cli_takes_overlays_from_the_option_and_the_environment(
    tmp_path: Path, run_cli, monkeypatch
) -> None:
    overlay = write(
        tmp_path / "mine.csv", HEADER + "local:zzz,Zzyzx Outpost,base,,34.9,38.1,SY,Homs,,,\n"
    )
    result = run_cli("geocode", "--json", "--gazetteer-overlay", str(overlay), "Zzyzx Outpost")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "local:zzz"
    monkeypatch.setenv("SYRIAMAP_GAZETTEER_OVERLAY", str(overlay))
    result = run_cli("geocode", "--json", "Zzyzx Outpost")
    assert json.loads(result.stdout)[0]["kind"] == "base"
    bad = write(tmp_path / "bad.csv", HEADER + "local:q,Q,village,,north,36,SY,,,,\n")
    result = run_cli("geocode", "--gazetteer-overlay", str(bad), "Hama")
    assert result.returncode == 2 and "bad.csv:2:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _not_a_file(kind: str, tmp_path: Path) -> Path:
    if kind == "device":
        return Path("/dev/zero")  # endless: reading it whole would never stop
    path = tmp_path / f"overlay-{kind}.csv"
    if kind == "directory":
        path.mkdir()
    else:
        os.mkfifo(path)  # nobody writes: opening it for reading would wait forever
    return path


@pytest.mark.parametrize("kind", ["device", "directory", "fifo"])
def test_an_overlay_that_is_not_a_regular_file_is_one_line_on_every_command(
    tmp_path: Path, run_cli, kind: str
) -> None:
    overlay = _not_a_file(kind, tmp_path)
    for command in (
        ["geocode", "Hama"],
        ["gazetteer", "info"],
        ["extract", "-"],
        ["batch", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o.jsonl")],
    ):
        start = time.monotonic()
        result = run_cli(*command, "--gazetteer-overlay", str(overlay), stdin=b"Hama fell.")
        assert time.monotonic() - start < 30
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"syriamap: error: {overlay}: overlay is "), result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


def test_an_overlay_is_read_no_further_than_its_size_cap(tmp_path: Path, gazetteer) -> None:
    from syriamap.gazetteer.overlay import MAX_OVERLAY_BYTES

    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.truncate(MAX_OVERLAY_BYTES + 10)  # sparse: no disk used
    with pytest.raises(InputError, match="larger than"):
        gazetteer.with_overlay(big)


def test_a_geojson_overlay_nested_too_deeply_is_an_input_error(tmp_path: Path, gazetteer) -> None:
    deep = write(tmp_path / "deep.geojson", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested too deeply"):
        gazetteer.with_overlay(deep)
