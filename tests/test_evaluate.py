"""`syriamap eval` scores places against gold files and gates CI on the figures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from syriamap.evaluate import score_places
from syriamap.places import find_places

GOLD = Path(__file__).resolve().parent / "data" / "gold"


def test_a_perfect_article_scores_one(run_cli) -> None:
    result = run_cli("eval", "--json", str(GOLD))
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)["places"]
    assert places["f1"] == 1.0 and places["resolution"] == 1.0 and places["tp"] == 5


def test_misses_and_spurious_places_are_counted_and_listed() -> None:
    text = "Shelling hit Hama and Aleppo."
    gold = [
        {"surface": "Hama", "lat": 35.13, "lon": 36.75, "kind": "city", "country": "SY"},
        {"surface": "Idlib", "lat": 35.93, "lon": 36.63, "kind": "city", "country": "SY"},
        {"surface": "Aleppo", "lat": 0.0, "lon": 0.0, "kind": "city", "country": "SY"},
    ]
    score = score_places(find_places(text), gold, "t")
    assert (score.tp, score.fp, score.fn, score.resolved) == (2, 0, 1, 1)
    assert any("missed place 'Idlib'" in m for m in score.misses)
    assert any("'Aleppo' resolved to" in m for m in score.misses)


def test_optional_gold_entries_neither_reward_nor_penalise() -> None:
    gold = [
        {
            "surface": "Homs",
            "lat": 34.73,
            "lon": 36.71,
            "kind": "city",
            "country": "SY",
            "optional": True,
        }
    ]
    score = score_places(find_places("Clashes near Homs."), gold, "t")
    assert (score.tp, score.fp, score.fn) == (0, 0, 0)


def test_the_gate_fails_below_the_threshold(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    shutil.copytree(GOLD, folder)
    gold_file = folder / "01-sample.gold.json"
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    gold["places"].append(
        {"surface": "Qamishli", "lat": 37.05, "lon": 41.22, "kind": "city", "country": "SY"}
    )
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    result = run_cli("eval", str(folder), "--min-place-f1", "0.95")
    assert result.returncode == 1 and "places F1" in result.stderr
    assert "missed place 'Qamishli'" in result.stdout


def test_a_folder_without_gold_files_is_bad_input(run_cli, tmp_path: Path) -> None:
    result = run_cli("eval", str(tmp_path))
    assert result.returncode == 2 and "no *.gold.json" in result.stderr


def test_date_accuracy_has_a_gate_too(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    shutil.copytree(GOLD, folder)
    gold_file = folder / "01-sample.gold.json"
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    # the text says "on Tuesday" (2024-12-03 before the gold's publication date); this gold
    # dates the capture a day off, so the one matched change is dated wrong
    gold["control_changes"] = [
        {"place": "Hama", "new_controller": "opposition", "date": "2024-12-04"}
    ]
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    result = run_cli("eval", str(folder), "--min-date-accuracy", "0.5")
    assert result.returncode == 1 and "date accuracy 0.000 < 0.5" in result.stderr
    # no matched movement leg has a mode: that accuracy holds no gate
    assert run_cli("eval", str(GOLD), "--min-mode-accuracy", "0.9").returncode == 0


def test_a_change_the_gold_repeats_counts_once(tmp_path: Path) -> None:
    from syriamap import extract
    from syriamap.evaluate import score_control_changes

    text = "Rebels captured Hama on Thursday. Rebels took Hama after a battle."
    gold = {
        "places": [{"surface": "Hama", "name": "Hama", "lat": 35.13, "lon": 36.75, "kind": "city"}],
        "control_changes": [
            {"place": "Hama", "new_controller": "opposition", "date": None},
            {"place": "Hama", "new_controller": "opposition", "date": "2024-12-05"},
        ],
    }
    score = score_control_changes(
        list(extract(text, published="2024-12-07").control_changes), gold, "t"
    )
    assert (score.tp, score.fp, score.fn, score.dated, score.dated_right) == (1, 0, 0, 1, 1)


def test_a_controller_the_gold_lists_as_alternative_is_accepted() -> None:
    from syriamap import extract
    from syriamap.evaluate import score_control_changes

    changes = list(
        extract("Government forces captured Hama.", published="2024-12-07").control_changes
    )
    gold = {
        "places": [{"surface": "Hama", "name": "Hama", "lat": 35.13, "lon": 36.75, "kind": "city"}],
        "control_changes": [{"place": "Hama", "new_controller": "unknown", "date": None}],
    }
    assert score_control_changes(changes, gold, "t").tp == 0
    gold["control_changes"][0]["new_controller_alt"] = ["government"]
    score = score_control_changes(changes, gold, "t")
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_origin_only_legs_count_in_the_headline_figure_and_not_in_the_older_one() -> None:
    from syriamap import extract
    from syriamap.evaluate import score_movements

    text = "Russian forces withdrew from Qamishli. Refugees fled from Homs to Lebanon."
    movements = list(extract(text, published="2024-12-07").movements)
    gold = {
        "places": [
            {"surface": "Qamishli", "name": "Qamishli", "lat": 37.05, "lon": 41.22, "kind": "city"},
            {"surface": "Homs", "name": "Homs", "lat": 34.73, "lon": 36.71, "kind": "city"},
            {
                "surface": "Lebanon",
                "name": "Lebanon",
                "kind": "country",
                "country": "LB",
                "lat": 33.9,
                "lon": 35.9,
            },
        ],
        "movements": [
            {"who": "Russian forces", "origin": "Qamishli", "destinations": []},
            {"who": "Refugees", "origin": "Homs", "destinations": ["Lebanon"]},
        ],
    }
    every = score_movements(movements, gold, "t")
    with_destination = score_movements(movements, gold, "t", destination_only=True)
    assert (every.tp, every.fp, every.fn) == (2, 0, 0)
    assert (with_destination.tp, with_destination.fp, with_destination.fn) == (1, 0, 0)


def test_an_accuracy_over_no_matched_event_holds_no_gate_and_shows_as_n_a() -> None:
    from syriamap.evaluate import ArticleScore, EventScore, Gates, PlaceScore, below_gates, summary

    total = ArticleScore("ALL", PlaceScore(tp=1, fn=1, resolved=1), EventScore(), EventScore())
    gates = Gates(place_f1=0.9, date_accuracy=0.9, mode_accuracy=0.9)
    assert below_gates(total, gates) == ["places F1 0.667 < 0.9"]
    assert "date accuracy n/a" in summary(total) and "mode accuracy n/a" in summary(total)
