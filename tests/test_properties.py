"""Property-based tests: any text, any bytes and any JSON line give a result or one clear error.

Hypothesis writes the inputs: arbitrary Unicode, arbitrary bytes in a file, and arbitrary JSON
values as batch lines, besides "newsy" text built from the words the extractor reacts to (places,
capture and flight verbs, dates, datelines, wire credits), so the generated text reaches the
event rules and the date reader and not only the "no place found" path.  The property is the
project's rule for bad input: a result, or an :class:`~syriamap.errors.InputError` with one
line (a one-line message on stderr and a non-zero exit for the CLI, an error row in a batch) —
never a traceback — within a deadline.  The profile (tests/conftest.py) is derandomized, so
every run tries the same examples; sizes are bounded to keep the suite fast.
"""

from __future__ import annotations

import html
import json
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from syriamap import Extraction, extract, extract_article
from syriamap.corpus import iter_jobs, process_job
from syriamap.errors import InputError, SyriamapError
from syriamap.gazetteer import Gazetteer
from syriamap.text import Article, article_from_text, read_article

RunCli = Callable[..., subprocess.CompletedProcess[str]]

PLACES = "Hama Homs Aleppo Damascus Idlib Daraa Latakia Manbij Kobani Palmyra Quneitra".split()
ABROAD = "Beirut Tehran Moscow Lebanon Turkey Iraq Syria".split()
ACTORS = ["Rebels", "Syrian rebels", "HTS fighters", "The SDF", "Israeli troops", "Families"]
VERBS = ["captured", "seized", "took", "retook", "entered", "withdrew from", "fled", "flew from"]
WHEN = ["on Friday", "on Sunday", "yesterday", "on Dec. 5, 2024", "on 8 December", "in 2016", ""]
DATELINES = [
    "Beirut, December 9, 2024 — ",
    "ALEPPO, Dec 1 (Reuters) - ",
    "DAMASCUS, Syria (AP) — ",
    "Reyhanli, Turkey, January 20, 2025 - ",
    "Updated: Saturday, December 7, 2024 at 10:47\n",
    "Rebels take the city\n\n",
    "",
]
#: Words and marks the extractor reacts to, and some it must survive.
NEWS_WORDS = [
    *PLACES,
    *ABROAD,
    *"regime forces toward into via to and the since ago weeks three".split(),
    "al-",
    "ez-Zor",
    "حماة",
    "دمشق",
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\t",
    "\r\n",
    "\n\n",
    ".",
    ",",
    "—",
    "(",
    ")",
    '"',
    "“",
    "<b>",
    "&amp;",
    "\\",
]
#: Template and script markers: ordinary text for the extractor (they are the renderer's
#: business, issue 11 item 1, and have their own cases below).
TEMPLATE_WORDS = ["{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "<script>alert(1)</script>"]

#: A sentence of the kind the event rules read: "Rebels captured Hama on Friday."
news_sentence = st.builds(
    lambda actor, verb, place, to, when, end: f"{actor} {verb} {place}{to} {when}{end}",
    st.sampled_from(ACTORS),
    st.sampled_from(VERBS),
    st.sampled_from(PLACES + ABROAD),
    st.sampled_from(["", " to Damascus", " toward Lebanon", " and Homs"]),
    st.sampled_from(WHEN),
    st.sampled_from([". ", ", ", " ", "\n", "! "]),
)
news_text = st.builds(
    lambda dateline, parts: dateline + " ".join(parts),
    st.sampled_from(DATELINES),
    st.lists(
        news_sentence | st.sampled_from(NEWS_WORDS) | st.text(max_size=6), min_size=1, max_size=40
    ),
)
text_with_markup = st.lists(
    news_sentence | st.sampled_from(NEWS_WORDS + TEMPLATE_WORDS), min_size=1, max_size=40
).map(" ".join)
any_text = st.text(max_size=2000) | news_text | text_with_markup
#: Maps take any text, template markers ("{%", "{#", "{{") and markup included (issue 11 item 1).
text_for_maps = any_text

#: What a file can hold: raw bytes, text in the encodings people save (with and without a
#: byte-order mark) and a web page around the text.
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1256"]


def file_bytes(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return (
        st.binary(max_size=2000)
        | st.tuples(texts, st.sampled_from(ENCODINGS)).map(
            lambda pair: pair[0].encode(pair[1], errors="replace")
        )
        | texts.map(lambda t: f"<html><body><p>{html.escape(t)}</p></body></html>".encode())
    )


any_bytes = file_bytes(any_text)
bytes_for_maps = file_bytes(text_for_maps)


def assert_one_line(message: str) -> None:
    assert message.strip(), "an error must say something"
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message, message


def assert_consistent(result: Extraction, article: Article) -> None:
    """What any extraction promises: offsets point into the article text, dates are dates,
    and every output format serialises."""
    for mention in result.places:
        assert article.text[mention.start : mention.end] == mention.surface
    for event in (*result.control_changes, *result.movements):
        evidence = event.evidence
        assert article.text[evidence.start : evidence.end] == evidence.text
        assert event.date is None or isinstance(event.date, date)
    assert result.published == article.published
    json.loads(result.to_json())
    json.dumps(result.to_geojson())
    result.to_csv()


# --- the Python API ---------------------------------------------------------------------------


@given(text=any_text)
@example(text="")
@example(text="\x00\x07\u202e")
@example(text="Beirut, December 9, 2024 — Rebels captured Hama on Sunday.")
@example(text="ALEPPO, Feb 29 (Reuters) - Rebels entered the city on Feb. 28, 2023.")
def test_any_text_gives_an_extraction_or_a_one_line_input_error(
    gazetteer: Gazetteer, text: str
) -> None:
    try:
        result = extract(text, gazetteer=gazetteer)
    except InputError as err:
        assert isinstance(err, SyriamapError) and isinstance(err, ValueError)
        assert_one_line(str(err))
        return
    assert_consistent(result, article_from_text(text))


@given(text=any_text)
def test_python_extract_and_the_article_reader_give_the_same_extraction(
    gazetteer: Gazetteer, text: str
) -> None:
    try:
        article = article_from_text(text)
    except InputError:
        with pytest.raises(InputError):
            extract(text, gazetteer=gazetteer)
        return
    assert extract(text, gazetteer=gazetteer) == extract_article(article, gazetteer=gazetteer)


@given(data=any_bytes)
@example(data=b"\xff\xfe")
@example(data=b"\xef\xbb\xbf")
@example(data=b"<html><head><title>T</title></head><body></body></html>")
def test_any_bytes_in_a_file_give_an_article_or_a_one_line_input_error(
    gazetteer: Gazetteer, data: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        try:
            article = read_article(str(path))
        except InputError as err:
            assert_one_line(str(err))
            return
    assert article.text.strip()
    assert_consistent(extract_article(article, gazetteer=gazetteer), article)


# --- the command line -------------------------------------------------------------------------


def assert_result_or_one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode == 0:
        assert "Traceback" not in result.stderr, result.stderr
    else:
        assert_one_line(result.stderr)


@settings(max_examples=8, deadline=timedelta(seconds=60))
@given(data=any_bytes)
@example(data=b"")
@example(data=b"\x00binary")
@example(data="Beirut, December 9, 2024 — Rebels captured Hama on Sunday.".encode("utf-16"))
def test_syriamap_extract_on_any_file_prints_json_or_one_error_line(
    run_cli: RunCli, data: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        result = run_cli("extract", str(path))
    assert_result_or_one_line_error(result)
    if result.returncode == 0:
        assert "places" in json.loads(result.stdout)


def run_map(run_cli: RunCli, data: bytes) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``syriamap map`` on a file holding ``data``; the run and the files it left behind."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        result = run_cli("map", str(path), "-o", str(Path(folder) / "map.html"), cwd=Path(folder))
        left = sorted(p.name for p in Path(folder).iterdir())
    return result, left


@settings(max_examples=3, deadline=timedelta(seconds=60))
@given(data=bytes_for_maps)
@example(data=b"Rebels captured Hama on Dec. 5, 2024.\n")
@example(data=b"\xc3\x28 not UTF-8")
def test_syriamap_map_on_any_file_writes_a_map_or_one_error_line(
    run_cli: RunCli, data: bytes
) -> None:
    result, left = run_map(run_cli, data)
    assert_result_or_one_line_error(result)
    expected = ["article.txt", "map.html"] if result.returncode == 0 else ["article.txt"]
    assert left == expected, "a map, or nothing half-written"


@pytest.mark.parametrize("marker", ["{%", "{#"])
def test_syriamap_map_shows_template_markers_in_an_article_as_text(
    run_cli: RunCli, marker: str
) -> None:
    result, left = run_map(run_cli, f"Rebels captured Hama {marker} on Dec. 5, 2024.\n".encode())
    assert result.returncode == 0, result.stderr
    assert left == ["article.txt", "map.html"]


# --- batch ------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=40)
    | st.sampled_from(NEWS_WORDS),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
#: Objects shaped like articles, each field any JSON value, so lines reach the extractor too.
article_records = st.fixed_dictionaries(
    {"id": st.text(max_size=8) | json_values},
    optional={
        "text": news_text | json_values,
        "html": news_text.map(lambda t: f"<p>{t}</p>") | json_values,
        # no URL that reaches the network or an existing local file (issue 11 item 2)
        "url": st.sampled_from(
            ["", "/nonexistent/article.html", "file:///nonexistent", "ftp://example.invalid/a"]
        )
        | json_values,
        "title": st.text(max_size=20) | json_values,
        "published": st.sampled_from(["2024-12-08", "2024-02-30", "12/08/2024"]) | json_values,
        "source": st.text(max_size=20) | json_values,
    },
)
batch_lines = st.lists(
    json_values.map(lambda v: json.dumps(v, ensure_ascii=False))
    | article_records.map(lambda v: json.dumps(v, ensure_ascii=False))
    | st.text(max_size=30).filter(lambda t: bool(t.strip()) and "\n" not in t and "\r" not in t),
    min_size=1,
    max_size=25,
)


def write_jsonl(folder: str, lines: list[str]) -> Path:
    path = Path(folder) / "in.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def assert_rows(rows: list[dict[str, Any]], lines: list[str]) -> None:
    assert len(rows) == len(lines), "one row per input line, in order"
    for row in rows:
        assert isinstance(row.get("id"), str)
        if "error" in row:
            assert_one_line(row["error"])
            assert not row["error"].startswith(("RecursionError", "TypeError", "KeyError"))
        else:
            assert {"source", "places", "control_changes", "movements"} <= row.keys()


@given(lines=batch_lines)
def test_any_json_lines_give_one_result_or_error_row_each(
    gazetteer: Gazetteer, lines: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        jobs = list(iter_jobs(str(write_jsonl(folder, lines))))
    rows = [json.loads(process_job(job, gazetteer).line) for job in jobs]
    assert_rows(rows, lines)


@settings(max_examples=4, deadline=timedelta(seconds=60))
@given(lines=batch_lines)
def test_syriamap_batch_over_any_json_lines_writes_a_row_for_each(
    run_cli: RunCli, lines: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = write_jsonl(folder, lines)
        out = Path(folder) / "out.jsonl"
        result = run_cli("batch", str(source), "-o", str(out), "--workers", "1")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    assert_rows(rows, lines)


def test_a_line_nested_deeper_than_any_parser_goes_is_an_error_row(run_cli: RunCli) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"id": "a", "text": "Rebels captured Hama on Dec. 5, 2024."})
    with tempfile.TemporaryDirectory() as folder:
        source = write_jsonl(folder, [good, deep])
        out = Path(folder) / "out.jsonl"
        result = run_cli("batch", str(source), "-o", str(out), "--workers", "1")
        assert result.returncode == 0, result.stderr
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    assert [row["id"] for row in rows] == ["a", "line 2"] and "error" in rows[1]
