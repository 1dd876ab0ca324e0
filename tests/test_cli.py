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
        (("geocode", "\u202eamaH"), None, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        (("geocode", "Ha\tma"), None, "U+0009"),
        (("geocode", "-"), b"Hama\nHo\tms\n", "U+0009"),
        (("geocode", "-"), "\u2066Hama\u2069\n".encode(), "U+2066"),
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


# --- bad outputs and odd inputs (found by a QA pass; each once gave a traceback) -----------

ARTICLE = "Syrian rebels captured Hama from government forces on Dec. 5, 2024.\n"


def _one_line_error(result, fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_outputs_that_cannot_be_written_fail_in_one_line_and_leave_nothing(
    run_cli, tmp_path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for args, fragment in (
        (("extract", str(article), "-o", str(folder)), "is a directory"),
        (("map", str(article), "-o", str(folder)), "is a directory"),
        (("gazetteer", "export", "-o", str(folder)), "is a directory"),
        (("extract", str(article), "-o", str(tmp_path / "none" / "x.json")), "no such directory"),
        (("map", str(article), "-o", str(article / "x.html")), "cannot make its folder"),
        (("batch", str(article), "--out", str(folder)), "is a directory"),
    ):
        _one_line_error(run_cli(*args), fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "folder"]
    assert list(folder.iterdir()) == []


def test_batch_refuses_to_overwrite_its_input(run_cli, tmp_path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    _one_line_error(run_cli("batch", str(corpus), "--out", str(corpus)), "overwrite the input")
    assert json.loads(corpus.read_text(encoding="utf-8"))["text"] == ARTICLE
    done = run_cli("batch", str(corpus), "--out", str(tmp_path / "o.jsonl"), "--workers", "1")
    assert "1 articles (0 errors)" in done.stderr  # a count, not "False errors"


def test_publication_dates_far_from_now_are_refused_not_crashed_on(run_cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels took Hama three weeks ago, officials said.\n", encoding="utf-8")
    for value in ("0001-01-10", "9999-12-31"):
        _one_line_error(run_cli("extract", str(article), "--published", value), "outside")


def test_malformed_gold_files_are_named_in_one_line(run_cli, tmp_path) -> None:
    for number, gold in enumerate(
        ('{"places": "x"}', "[1, 2]", '{"places": [{"surface": "Hama", "lat": "x"}]}')
    ):
        folder = tmp_path / f"g{number}"
        folder.mkdir()
        (folder / "a.gold.json").write_text(gold, encoding="utf-8")
        (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
        _one_line_error(run_cli("eval", str(folder)), "malformed gold")
    _one_line_error(run_cli("eval", str(tmp_path / "missing")), "no such directory")


def test_csv_cells_that_look_like_formulas_are_defused(run_cli) -> None:
    text = '=HYPERLINK("http://x.invalid","y") Rebels captured Hama from government forces.'
    result = run_cli("extract", "-", "--format", "csv", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    row = result.stdout.splitlines()[1]
    assert "'=HYPERLINK" in row and ',"=HYPERLINK' not in row


def test_saved_extractions_with_impossible_coordinates_are_refused(run_cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(run_cli("extract", str(article)).stdout)
    data["places"][0].update(id="custom:x", lat=999)
    saved = tmp_path / "bad.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    _one_line_error(run_cli("map", str(saved), "-o", str(tmp_path / "m.html")), "out of range")


def test_plain_text_headline_is_the_title_in_json_and_map_alike(run_cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels take Hama\n\n" + ARTICLE, encoding="utf-8")
    data = json.loads(run_cli("extract", str(article)).stdout)
    assert data["source"]["title"] == "Rebels take Hama"
    made = run_cli("map", str(article), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    page = (tmp_path / "outputs" / "rebels-take-hama.html").read_text(encoding="utf-8")
    assert "<title>Rebels take Hama</title>" in page
    arabic = tmp_path / "arabic-report.txt"
    arabic.write_text("سيطرة على حماة\n\nسيطر المقاتلون على حماة.\n", encoding="utf-8")
    assert run_cli("map", str(arabic), cwd=tmp_path).returncode == 0
    assert (tmp_path / "outputs" / "arabic-report.html").exists()  # not a shared "map.html"


def test_timeline_shows_control_characters_from_a_corpus_escaped(run_cli, tmp_path) -> None:
    corpus = tmp_path / "c.jsonl"
    row = {"id": "x\nFAKE\x1b[31mRED", "text": ARTICLE}
    corpus.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert run_cli("batch", str(corpus), "--out", str(out), "--workers", "1").returncode == 0
    shown = run_cli("timeline", str(out), "--place", "Hama")
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and len(shown.stdout.strip().splitlines()) == 2


def test_export_of_nothing_and_thresholds_beyond_one_are_refused(run_cli, tmp_path) -> None:
    _one_line_error(
        run_cli("gazetteer", "export", "--kind", "nosuch", "-o", str(tmp_path / "x.csv")),
        "no place of kind 'nosuch'",
    )
    assert not (tmp_path / "x.csv").exists()
    _one_line_error(run_cli("eval", str(tmp_path), "--min-place-f1", "2"), "invalid fraction")


def test_every_command_group_adds_its_commands_and_help_keeps_their_order() -> None:
    from syriamap.cli import COMMANDS, build_parser, corpus, extracting, gazetteer, mapping
    from syriamap.cli.common import Parser

    groups = (gazetteer, extracting, mapping, corpus)
    assert sorted(COMMANDS) == sorted(name for g in groups for name in g.PARSERS)
    assert "{geocode,reverse,extract,batch,map,timeline,eval,gazetteer}" in (
        build_parser().format_usage()
    )
    alone = Parser(prog="t")
    mapping.add_parsers(alone.add_subparsers(dest="command", parser_class=Parser))
    assert alone.parse_args(["map", "x.txt"]).func.__module__ == "syriamap.cli.mapping"
