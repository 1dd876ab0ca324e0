"""Many reports read together: control history with conflicts, flows, the corpus map (in a
real headless Chromium) and ``syriamap timeline``.  The corpus is written here from short
texts of our own, extracted by the real extractor, in the JSONL form ``syriamap batch`` writes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from syriamap import extract
from syriamap.corpus import control_history, flows, holder_on, read_corpus
from syriamap.errors import InputError
from syriamap.maps import FACTION_COLOURS, render_corpus_html

REPORTS = [
    (
        "r1",
        "2024-12-06",
        "Opposition fighters captured Hama from government forces on Dec. 5, "
        "2024. Iranian staff flew from Damascus to Tehran.",
    ),
    (
        "r2",
        "2024-12-06",
        "Government forces retook Hama on Dec. 5, 2024, the army said. Iranian "
        "advisers flew from Damascus to Tehran.",
    ),
    (
        "r3",
        "2024-12-09",
        "Government troops recaptured Hama on Dec. 8, 2024. Iranian diplomats "
        "flew from Damascus to Tehran on Dec. 8, 2024.",
    ),
    (
        "r4",
        "2024-12-10",
        "Turkish-backed factions seized Manbij from the SDF on Dec. 9, 2024. "
        "Families fled from Manbij to Raqqa by road.",
    ),
]


def _write_corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for report_id, published, text in REPORTS:
            title = f'Report {report_id} <img src=x onerror="window.__pwned = 1">'
            row = {"id": report_id, **extract(text, published=published, title=title).to_dict()}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "r5", "error": "empty article"}) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def corpus(corpus_path: Path, gazetteer):
    return read_corpus(corpus_path, gazetteer=gazetteer)


def test_read_corpus_keeps_reports_in_order_and_counts_error_rows(corpus) -> None:
    assert [r.id for r in corpus.reports] == ["r1", "r2", "r3", "r4"]
    assert corpus.errors == 1


def test_a_line_that_is_not_an_extraction_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "places": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_corpus(bad)
    bad.write_text('{"id": "a", "control_changes": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not JSON"):
        read_corpus(bad)


@pytest.mark.parametrize("command", ["timeline", "map"])
def test_a_corpus_line_nested_deeper_than_the_parser_goes_is_one_line(
    run_cli, tmp_path: Path, command: str
) -> None:
    bad = tmp_path / "deep.jsonl"
    bad.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    page = tmp_path / "deep.html"
    args = ["--place", "Hama"] if command == "timeline" else ["-o", str(page)]
    result = run_cli(command, str(bad), *args)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "line 1" in result.stderr
    assert not page.exists()


def test_history_orders_by_date_and_flags_reports_that_disagree_on_a_day(corpus) -> None:
    (hama,) = [h for h in control_history(corpus.reports).values() if h[0].place.name == "Hama"]
    assert [(h.report_id, h.date, h.new_controller, h.conflict) for h in hama] == [
        ("r1", date(2024, 12, 5), "opposition", True),
        ("r2", date(2024, 12, 5), "government", True),
        ("r3", date(2024, 12, 8), "government", False),
    ]
    assert holder_on(hama, date(2024, 12, 4)) is None
    assert holder_on(hama, date(2024, 12, 9)).report_id == "r3"


def test_legs_with_the_same_route_mode_and_faction_merge_into_one_counted_flow(corpus) -> None:
    merged = flows(corpus.reports)
    top = merged[0]
    assert (top.origin.name, top.destination.name, top.mode, top.count) == (
        "Damascus",
        "Tehran",
        "air",
        3,
    )
    assert top.first_date == date(2024, 12, 8)
    assert any(f.origin.name == "Manbij" and f.count == 1 for f in merged)


@pytest.fixture(scope="module")
def corpus_page(corpus, gazetteer) -> str:
    return render_corpus_html(corpus, title="Week <script>x</script>", gazetteer=gazetteer)


def test_corpus_map_aggregates_one_marker_per_place_and_one_line_per_flow(corpus_page) -> None:
    assert corpus_page.count('"className": "syriamap-holding"') == 2  # Hama, Manbij
    assert corpus_page.count('"className": "syriamap-flow"') == 2
    options = re.findall(r'\{[^{}]*"className": "syriamap-flow"[^{}]*\}', corpus_page)
    widths = [json.loads(o)["weight"] for o in options]
    assert sorted(widths) == [4.0, pytest.approx(2 + 2 * 3**0.5, abs=0.05)]
    assert "<img src=x" not in corpus_page and "<script>x</script>" not in corpus_page


def test_corpus_map_is_byte_identical_for_the_same_corpus(corpus, corpus_page, gazetteer) -> None:
    again = render_corpus_html(corpus, title="Week <script>x</script>", gazetteer=gazetteer)
    assert again == corpus_page


def test_cli_maps_a_corpus_and_prints_a_place_timeline(run_cli, corpus_path, tmp_path) -> None:
    made = run_cli("map", str(corpus_path), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "4 reports, 1 error rows" in made.stderr
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == ["corpus.html"]
    table = run_cli("timeline", str(corpus_path), "--place", "Hamah")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["date", "from", "to", "flag", "report", "evidence"]
    assert [line.split()[:5] for line in lines[1:]] == [
        ["2024-12-05", "government", "opposition", "CONFLICT", "r1"],
        ["2024-12-05", "unknown", "government", "CONFLICT", "r2"],
        ["2024-12-08", "unknown", "government", "r3", "Government"],
    ]
    rows = json.loads(run_cli("timeline", str(corpus_path), "--json").stdout)
    assert rows[0] == {
        "place": "Hama",
        "changes": 3,
        "holder": "government",
        "since": "2024-12-08",
        "conflicting_days": 1,
    }
    missing = run_cli("timeline", str(corpus_path), "--place", "Aleppo")
    assert missing.returncode == 1 and "no control change at 'Aleppo'" in missing.stderr


# --- in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_loaded(open_page, corpus_page: str):
    return open_page(corpus_page)


def _slide_to(driver, day: str) -> list[tuple[str, str | None]]:
    """Move the slider to ``day``; return (fill, dash) of every holding marker shown."""
    from selenium.webdriver.common.by import By

    driver.execute_script(
        "var s = document.getElementById('sm-slider'); var days = arguments[0];"
        "s.value = days; s.dispatchEvent(new Event('input'))",
        _days(driver).index(day),
    )
    return [
        (p.get_attribute("fill"), p.get_attribute("stroke-dasharray"))
        for p in driver.find_elements(By.CSS_SELECTOR, "path.syriamap-holding")
    ]


def _days(driver) -> list[str]:
    return driver.execute_script(
        "var s = document.getElementById('sm-slider'); var out = [];"
        "for (var i = 0; i <= +s.max; i++) { s.value = i; s.dispatchEvent(new Event('input'));"
        "out.push(document.getElementById('sm-date').textContent.replace('up to ', '')); }"
        "return out;"
    )


def test_browser_corpus_slider_shows_who_held_each_place_on_the_day(corpus_loaded) -> None:
    errors = [e for e in corpus_loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert _days(corpus_loaded) == ["2024-12-05", "2024-12-08", "2024-12-09"]
    on_5th = _slide_to(corpus_loaded, "2024-12-05")
    assert len(on_5th) == 1  # Hama only; Manbij changes hands on the 9th
    assert on_5th[0][1] == "4 3"  # the two reports of the 5th disagree: dashed ring
    on_8th = _slide_to(corpus_loaded, "2024-12-08")
    assert on_8th == [(FACTION_COLOURS["government"], None)]
    on_9th = _slide_to(corpus_loaded, "2024-12-09")
    assert sorted(on_9th) == sorted(
        [(FACTION_COLOURS["government"], None), (FACTION_COLOURS["sna"], None)]
    )
    assert corpus_loaded.execute_script("return window.__pwned === undefined")


def test_a_batch_output_maps_as_a_corpus(run_cli, tmp_path: Path) -> None:
    articles = tmp_path / "in.jsonl"
    with articles.open("w", encoding="utf-8") as handle:
        for report_id, published, text in REPORTS:
            row = {"id": report_id, "text": text, "published": published, "source": "Wire"}
            handle.write(json.dumps(row) + "\n")
        handle.write("not json\n")
    done = run_cli("batch", str(articles), "--out", str(tmp_path / "out.jsonl"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    mapped = run_cli("map", str(tmp_path / "out.jsonl"), "-o", str(tmp_path / "out.html"))
    assert mapped.returncode == 0, mapped.stderr
    assert "4 reports, 1 error rows" in mapped.stderr
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert page.count('"className": "syriamap-holding"') == 2
