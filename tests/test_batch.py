"""``syriamap batch``, run as the real console script on real files, real worker processes and
a real Dask cluster: row format, error rows, input order, workers, interruption and resume.

The articles are short paragraphs written for these tests (no real article text)."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syriamap import extract_article
from syriamap.corpus import partial_path
from syriamap.formats import extraction_from_dict
from syriamap.text import MAX_ARTICLE_BYTES, article_from_text

PARAGRAPHS = (
    "Opposition fighters captured Hama on Dec. 5, 2024, after government forces withdrew "
    "south towards Homs. Residents of Salamiyah said the road to Homs stayed open.",
    "Kurdish-led SDF units took control of Deir ez-Zor on Friday as government troops pulled "
    "out of the city. Aid convoys from Qamishli reached Hasakah the same evening.",
    "Iranian advisers flew from Damascus to Tehran on Saturday, according to two officials. "
    "Others left by road for Beirut through the Masnaa crossing.",
    "Rebels entered Aleppo in late November and seized the airport. Families displaced from "
    "Tal Rifaat moved towards Raqqa and Tabqa.",
    "Turkish-backed factions shelled Manbij while civilians fled east across the Euphrates. "
    "Fighting was also reported near Kobani and Jarabulus.",
    "The army retook Palmyra from the Islamic State in 2017, a commander recalled. This week "
    "the town was quiet, and traders from Homs returned to the market.",
    "Government forces withdrew from Daraa and Suwayda, local monitors said. Druze militias "
    "took over checkpoints around Suwayda city.",
    "Refugees began returning from Lebanon to Qusayr and Homs, the UN said, while others "
    "waited in Tripoli and Arsal for news of their homes.",
)
BIG = 4000  # articles in the corpus that gets interrupted: seconds of work on two workers


def _article(number: int, paragraphs: int = 3) -> str:
    """A deterministic mix of the paragraphs, different from one number to the next."""
    picks = [PARAGRAPHS[(number * 3 + k * 5) % len(PARAGRAPHS)] for k in range(paragraphs)]
    return "\n\n".join(picks)


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _command() -> list[str]:
    script = shutil.which("syriamap", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "syriamap.cli"]


def _batch(
    corpus: Path, out: Path, *options: str, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """``syriamap batch CORPUS --out OUT OPTIONS...`` in a real subprocess."""
    command = [*_command(), "batch", str(corpus), "--out", str(out), *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A corpus of BIG articles and its output from one uninterrupted two-worker run."""
    folder = tmp_path_factory.mktemp("big")
    corpus = _write_jsonl(
        folder / "corpus.jsonl",
        [
            {"id": f"art-{n:05d}", "text": _article(n, 6), "published": "2024-12-07"}
            for n in range(BIG)
        ],
    )
    out = folder / "reference.jsonl"
    done = _batch(corpus, out, "--workers", "2", timeout=120)
    assert done.returncode == 0, done.stderr
    return corpus, out.read_bytes()


@pytest.fixture()
def server() -> Iterator[str]:
    """A local web server (127.0.0.1 only): /article.html is a page, anything else a 404."""
    page = (
        "<html><head><title>Hama falls</title></head><body><article><p>"
        + PARAGRAPHS[0]
        + "</p></article></body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/article.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
            else:
                self.send_error(404, "Not Found")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_jsonl_rows_are_the_extraction_of_each_article_in_input_order(
    run_cli, gazetteer, tmp_path: Path
) -> None:
    records: list[dict[str, object]] = [
        {"id": f"a{n}", "text": _article(n), "published": "2024-12-07"} for n in range(12)
    ]
    records[3].update(title="A title given by the input", source="Example Wire")
    records[5]["url"] = "https://example.org/not-fetched"  # text given: the URL is metadata
    corpus = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(corpus), "--out", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr
    rows = _rows(out)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for record, row in zip(records, rows, strict=True):
        article = article_from_text(
            str(record["text"]),
            published="2024-12-07",
            url=record.get("url"),  # type: ignore[arg-type]
            title=record.get("title"),  # type: ignore[arg-type]
        )
        expected = {"id": record["id"], **extract_article(article, gazetteer=gazetteer).to_dict()}
        if "source" in record:
            expected["source"]["outlet"] = record["source"]
        assert row == expected
        assert list(row) == ["id", "source", "places", "control_changes", "movements"]
        # Each row reads back as an extraction (the outlet is an extra key, ignored there).
        back = extraction_from_dict(row, gazetteer=gazetteer)
        assert len(back.places) == len(row["places"])  # type: ignore[arg-type]
    assert rows[3]["source"] == {
        "title": "A title given by the input",
        "published": "2024-12-07",
        "url": None,
        "outlet": "Example Wire",
    }
    assert rows[5]["source"]["url"] == "https://example.org/not-fetched"  # type: ignore[index]
    assert any(r["control_changes"] for r in rows) and any(r["movements"] for r in rows)
    assert "12 articles (0 errors)" in result.stderr and "articles/s" in result.stderr
    assert not partial_path(out).exists()


def test_bad_articles_become_error_rows_and_the_others_survive(
    run_cli, tmp_path: Path, server: str
) -> None:
    good = json.dumps({"id": "good-1", "text": PARAGRAPHS[0]})
    lines = [
        good.encode(),
        b"{not json",
        json.dumps({"text": PARAGRAPHS[1]}).encode(),  # no id
        json.dumps({"id": "no-text", "title": "nothing else"}).encode(),
        b'{"id": "latin-1", "text": "caf\xe9 in Hama"}',  # not UTF-8
        json.dumps({"id": "empty", "text": "  \n "}).encode(),
        json.dumps({"id": "huge", "text": "x" * (MAX_ARTICLE_BYTES + 1)}).encode(),
        json.dumps({"id": "bad-date", "text": PARAGRAPHS[2], "published": "7/12/2024"}).encode(),
        json.dumps({"id": "good-1", "text": PARAGRAPHS[3]}).encode(),  # duplicate id
        json.dumps(["a", "list"]).encode(),
        json.dumps({"id": "gone", "url": f"{server}/missing"}).encode(),
        json.dumps({"id": "web", "url": f"{server}/article.html", "source": "Local"}).encode(),
        b"",  # a blank line is not an article
        json.dumps({"id": 42, "text": PARAGRAPHS[4]}).encode(),
    ]
    corpus = tmp_path / "bad.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "batch", str(corpus), "--out", str(out), "--workers", "2", "--allow-private-urls"
    )
    assert result.returncode == 0, result.stderr
    rows = _rows(out)
    assert [r["id"] for r in rows] == [
        "good-1",
        "line 2",
        "line 3",
        "no-text",
        "line 5",
        "empty",
        "huge",
        "bad-date",
        "good-1",
        "line 10",
        "gone",
        "web",
        "42",
    ]
    errors = {i: str(r["error"]) for i, r in enumerate(rows) if "error" in r}
    assert set(errors) == {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
    for index, fragment in {
        1: "not JSON",
        2: "no 'id'",
        3: "no 'text', 'html' or 'url'",
        4: "not UTF-8",
        5: "empty",
        6: "larger than",
        7: "not YYYY-MM-DD",
        8: "duplicate id",
        9: "not a JSON object",
        10: "HTTP 404",
    }.items():
        assert fragment in errors[index], errors[index]
    assert all("\n" not in e for e in errors.values())
    for index in (0, 11, 12):
        assert set(rows[index]) == {"id", "source", "places", "control_changes", "movements"}
    assert rows[11]["source"]["title"] == "Hama falls"  # type: ignore[index]
    assert rows[11]["source"]["outlet"] == "Local"  # type: ignore[index]
    assert rows[11]["source"]["url"] == f"{server}/article.html"  # type: ignore[index]
    assert [c["place"]["name"] for c in rows[11]["control_changes"]][:1] == ["Hama"]  # type: ignore[index,union-attr]
    assert "13 articles (10 errors)" in result.stderr


def test_directory_and_glob_inputs(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "b.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (folder / "a.html").write_text(
        f"<html><head><title>Deir ez-Zor</title></head><body><p>{PARAGRAPHS[1]}</p></body></html>",
        encoding="utf-8",
    )
    (folder / "nested" / "c.txt").write_text(PARAGRAPHS[2], encoding="utf-8")
    (folder / "nested" / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "dir.jsonl"
    result = run_cli("batch", str(folder), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    rows = _rows(out)
    assert [r["id"] for r in rows] == ["a.html", "b.txt", "nested/bad.txt", "nested/c.txt"]
    assert rows[0]["source"]["title"] == "Deir ez-Zor"  # type: ignore[index]
    assert "binary" in str(rows[2]["error"])
    assert rows[1]["control_changes"][0]["new_controller"] == "sdf"  # type: ignore[index]

    pattern = str(folder / "**" / "*.txt")
    out_glob = tmp_path / "glob.jsonl"
    result = run_cli("batch", pattern, "--out", str(out_glob), "--workers", "2")
    assert result.returncode == 0, result.stderr
    ids = [r["id"] for r in _rows(out_glob)]
    assert ids == sorted(
        [str(folder / "b.txt"), str(folder / "nested" / "bad.txt"), str(folder / "nested/c.txt")]
    )

    missing = run_cli("batch", str(tmp_path / "none" / "*.txt"), "--out", str(tmp_path / "x"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("syriamap: error: ") and "no files match" in missing.stderr
    assert len(missing.stderr.splitlines()) == 1
    assert not (tmp_path / "x").exists() and not partial_path(tmp_path / "x").exists()


def test_one_and_two_workers_write_identical_bytes(big: tuple[Path, bytes], tmp_path: Path) -> None:
    corpus, reference = big
    out = tmp_path / "one.jsonl"
    done = _batch(corpus, out, "--workers", "1", timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == reference
    assert [r["id"] for r in _rows(out)] == [f"art-{n:05d}" for n in range(BIG)]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_resumes_to_the_uninterrupted_output(
    big: tuple[Path, bytes], tmp_path: Path, how: signal.Signals
) -> None:
    corpus, reference = big
    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    command = [*_command(), "batch", str(corpus), "--out", str(out), "--workers", "2"]
    # Its own session, so SIGINT goes to the whole process group as Ctrl-C in a terminal does.
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not partial.exists() or partial.read_bytes().count(b"\n") < 100:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, how)
    _, stderr = process.communicate(timeout=60)
    if how == signal.SIGINT:
        assert process.returncode == 130
        assert stderr.decode() == "syriamap: interrupted\n"  # no traceback from any worker
    else:
        assert process.returncode == -signal.SIGKILL
    assert not out.exists()  # only the partial file: OUT appears complete or not at all
    written = partial.read_bytes()
    assert 100 <= written.count(b"\n") < BIG
    assert reference.startswith(written[: written.rfind(b"\n") + 1])

    refused = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    assert partial.read_bytes() == written

    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert "already done before --resume" in resumed.stderr
    assert out.read_bytes() == reference
    assert not partial.exists()


def test_resume_drops_a_truncated_last_line(big: tuple[Path, bytes], tmp_path: Path) -> None:
    corpus, reference = big
    lines = reference.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    # What a kill in the middle of a write leaves: 250 whole rows and half of the next one.
    partial_path(out).write_bytes(b"".join(lines[:250]) + lines[250][:40])
    done = _batch(corpus, out, "--workers", "2", "--resume", timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{BIG - 250} articles" in done.stderr
    assert out.read_bytes() == reference

    # A complete line that is not a row is not guessed at.
    partial_path(out).write_bytes(lines[0] + b"not a row\n")
    refused = _batch(corpus, out, "--resume", timeout=60)
    assert refused.returncode == 2
    assert "line 2 is not a batch row" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1


def test_existing_output_is_replaced_whole_and_bad_options_fail_in_one_line(
    run_cli, tmp_path: Path
) -> None:
    corpus = _write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": PARAGRAPHS[5]}])
    out = tmp_path / "out.jsonl"
    out.write_text("old content\n", encoding="utf-8")
    partial_path(out).write_bytes(b"")  # stopped before its first row: nothing to keep
    assert run_cli("batch", str(corpus), "--out", str(out)).returncode == 0
    assert [r["id"] for r in _rows(out)] == ["x"]
    assert not partial_path(out).exists()
    for args, message in (
        (["--workers", "0"], "--workers must be at least 1"),
        (["--gazetteer-overlay", str(tmp_path / "missing.csv")], "missing.csv"),
    ):
        failed = run_cli("batch", str(corpus), "--out", str(tmp_path / "o.jsonl"), *args)
        assert failed.returncode == 2, failed.stderr
        assert len(failed.stderr.splitlines()) == 1 and message in failed.stderr
        assert not (tmp_path / "o.jsonl").exists()
        assert not partial_path(tmp_path / "o.jsonl").exists()


def test_missing_extras_fail_before_any_work_with_one_line(tmp_path: Path) -> None:
    # Shadow the installed packages with modules that fail to import, as on a plain install.
    blocked = tmp_path / "blocked"
    for name in ("distributed", "geopandas"):
        (blocked / name).mkdir(parents=True)
        (blocked / name / "__init__.py").write_text("raise ImportError('not installed')\n")
    corpus = _write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": PARAGRAPHS[0]}])
    env = {**os.environ, "PYTHONPATH": str(blocked)}
    for args, extra in (
        (["--out", str(tmp_path / "o.jsonl"), "--dask"], "syriamap[dask]"),
        (["--out", str(tmp_path / "o.parquet")], "syriamap[parquet]"),
    ):
        failed = subprocess.run(
            [sys.executable, "-m", "syriamap.cli", "batch", str(corpus), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert failed.returncode == 2
        assert failed.stderr.startswith("syriamap: error: ") and extra in failed.stderr
        assert len(failed.stderr.splitlines()) == 1
    assert not list(tmp_path.glob("o.*"))


def test_geoparquet_holds_one_row_per_mention_event_and_error(run_cli, tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")  # installed by the test extra
    records: list[dict[str, object]] = [
        {"id": f"p{n}", "text": _article(n), "published": "2024-12-07", "source": "Wire"}
        for n in range(6)
    ]
    records.append({"id": "broken", "text": ""})
    corpus = _write_jsonl(tmp_path / "in.jsonl", records)
    jsonl, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert run_cli("batch", str(corpus), "--out", str(jsonl), "--workers", "1").returncode == 0
    result = run_cli("batch", str(corpus), "--out", str(parquet), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert not partial_path(parquet).exists()
    frame = geopandas.read_parquet(parquet)
    assert frame.crs.to_epsg() == 4326
    rows = _rows(jsonl)
    places = sum(len(r.get("places", [])) for r in rows)  # type: ignore[arg-type]
    changes = sum(len(r.get("control_changes", [])) for r in rows)  # type: ignore[arg-type]
    counts = frame["kind"].value_counts().to_dict()
    assert counts["place"] == places and counts["control_change"] == changes
    assert counts["error"] == 1 and counts["movement"] >= 1
    assert list(dict.fromkeys(frame["id"])) == [r["id"] for r in rows]
    error = frame[frame["kind"] == "error"].iloc[0]
    assert error["id"] == "broken" and error["geometry"] is None and "empty" in error["evidence"]
    kinds = set(frame[frame["kind"] != "error"].geometry.geom_type)
    assert kinds <= {"Point", "LineString"} and "Point" in kinds
    hama = frame[(frame["kind"] == "control_change") & (frame["name"] == "Hama")].iloc[0]
    assert hama["faction"] == "opposition" and str(hama["date"]) == "2024-12-05"
    assert round(hama.geometry.y, 1) == 35.1 and hama["outlet"] == "Wire"


@pytest.mark.slow
def test_dask_clusters_write_the_same_bytes_as_local_workers(
    big: tuple[Path, bytes], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")  # installed by the test extra
    corpus, reference = big
    out = tmp_path / "local-cluster.jsonl"
    done = _batch(corpus, out, "--dask", "--workers", "2", timeout=180)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == reference

    # An existing scheduler with two worker processes, reached by address.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = tmp_path / "scheduler.jsonl"
        address = cluster.scheduler_address
        done = _batch(corpus, out, "--dask", address, timeout=180)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == reference


def _spawned_workers(pid: int) -> list[int]:
    """The pool's worker processes: children (of any thread) of ``pid`` started by spawn."""
    workers = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in listing.read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue  # gone meanwhile
            if b"spawn_main" in command:
                workers.append(int(child))
    return workers


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds workers through /proc")
def test_a_killed_worker_stops_the_run_in_one_line_and_resume_finishes_it(
    big: tuple[Path, bytes], tmp_path: Path
) -> None:
    corpus, reference = big
    out = tmp_path / "out.jsonl"
    command = [*_command(), "batch", str(corpus), "--out", str(out), "--workers", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not partial_path(out).exists() or partial_path(out).stat().st_size < 100_000:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    workers = _spawned_workers(process.pid)
    assert workers
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, stderr = process.communicate(timeout=60)
    message = stderr.decode()
    assert process.returncode == 2, message
    assert message.startswith("syriamap: error: a worker failed") and "--resume" in message
    assert len(message.splitlines()) == 1, message
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference


def test_progress_is_plain_lines_in_a_log_and_a_bar_on_a_terminal(
    big: tuple[Path, bytes], tmp_path: Path
) -> None:
    import fcntl
    import io
    import pty
    import struct
    import termios

    from syriamap.corpus import run_batch

    corpus, _ = big
    log = io.StringIO()  # not a terminal
    summary = run_batch(
        str(corpus), tmp_path / "log.jsonl", workers=1, progress=log, progress_every=0.0
    )
    lines = log.getvalue().splitlines()
    assert summary.articles == BIG and len(lines) >= BIG // 2
    assert lines[-1].startswith(f"syriamap: batch: {BIG}/{BIG} (100%), ETA 0 s, 0 errors")
    assert "\r" not in log.getvalue()  # no bar redraws in a log file

    leader, follower = pty.openpty()  # a real pseudo-terminal as stderr, 80 columns wide
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        done = subprocess.run(
            [*_command(), "batch", str(corpus), "--out", str(tmp_path / "tty.jsonl")],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=120,
        )
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    text = seen.decode("utf-8", "replace")
    assert "\r" in text and f"{BIG}/{BIG}" in text and "article/s" in text  # tqdm's bar


def test_every_row_validates_against_the_documented_schema(big: tuple[Path, bytes]) -> None:
    import jsonschema

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "docs" / "extraction.schema.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in big[1].decode("utf-8").splitlines()[:200]]
    for row in rows:
        jsonschema.validate({**row, "source": {**row["source"], "outlet": "Wire"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**rows[0], "id": 7}, schema)


# --- hostile lines, URLs and machinery (issue 11, items 2 and 5) -------------------------------


def test_a_url_that_is_not_http_is_an_error_row_and_no_local_file_is_read(
    run_cli, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET first line\nRebels captured Hama.\n", encoding="utf-8")
    urls = [
        "/etc/passwd",
        str(secret),
        secret.as_uri(),  # file:///…
        "ftp://example.org/story.txt",
        "data:text/plain,Rebels captured Hama",
        "javascript:alert(1)",
    ]
    corpus = _write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"u{n}", "url": url} for n, url in enumerate(urls)]
    )
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(corpus), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "TOP-SECRET" not in text and "root:" not in text
    rows = _rows(out)
    assert [r["id"] for r in rows] == [f"u{n}" for n in range(len(urls))]
    for row in rows:
        assert "must be an http:// or https:// URL" in str(row["error"]), row
        assert "source" not in row


def test_a_batch_url_on_loopback_is_refused_unless_allowed(run_cli, tmp_path: Path) -> None:
    requests: list[str] = []
    page = f"<html><head><title>Hama falls</title></head><body><p>{PARAGRAPHS[0]}</p></body>"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/article.html"
        corpus = _write_jsonl(tmp_path / "in.jsonl", [{"id": "web", "url": url}])
        refused = tmp_path / "refused.jsonl"
        result = run_cli("batch", str(corpus), "--out", str(refused), "--workers", "1")
        assert result.returncode == 0, result.stderr
        (row,) = _rows(refused)
        assert "refused" in str(row["error"]) and "loopback" in str(row["error"])
        assert requests == []
        allowed = tmp_path / "allowed.jsonl"
        result = run_cli(
            "batch", str(corpus), "--out", str(allowed), "--workers", "1", "--allow-private-urls"
        )
        assert result.returncode == 0, result.stderr
        (row,) = _rows(allowed)
        assert row["source"]["title"] == "Hama falls"  # type: ignore[index]
        assert requests == ["/article.html"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_deep_and_odd_json_lines_are_error_rows_and_the_batch_goes_on(
    run_cli, tmp_path: Path
) -> None:
    lines = [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        b'{"id": ' + b"9" * 5000 + b', "text": "Hama"}',  # an integer Python will not parse
        b'{"id": "\\ud800", "text": "Rebels captured Hama."}',  # a lone surrogate
        b'{"id": "s", "text": "Rebels captured \\udc00 Hama."}',
        b"42",
        b'"a string"',
        b"null",
        b"true",
        b'{"id": "n", "text": 7}',
        b'{"id": "l", "text": ["Hama"]}',
        b'{"id": "t", "text": "Hama", "title": {"x": 1}}',
        b'{"id": "p", "text": "Hama", "published": 20241207}',
        b'{"id": "u", "url": 5}',
        b'{"id": [1], "text": "Hama"}',
        b'{"id": 1.5, "text": "Hama"}',
        b'{"id": true, "text": "Hama"}',
        b'{"id": "deep-extra", "text": "Rebels captured Hama.", "x": '
        + b"[" * 900
        + b"]" * 900
        + b"}",
        json.dumps({"id": "good", "text": PARAGRAPHS[0]}).encode(),
    ]
    corpus = tmp_path / "odd.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(corpus), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = _rows(out)
    assert len(rows) == len(lines)
    assert "nested too deeply" in str(rows[0]["error"])
    assert "nested too deeply" in str(rows[1]["error"])
    assert "error" in rows[2] and rows[2]["id"] == "line 3"
    assert "surrogate" in str(rows[3]["error"]) and rows[3]["id"] == "line 4"
    assert "surrogate" in str(rows[4]["error"])
    assert all("error" in row for row in rows[:17]), rows
    assert "error" not in rows[17] and "error" not in rows[18]
    assert rows[18]["control_changes"]


def _limited_file_size(limit: int) -> None:
    """In the child: writes past ``limit`` bytes fail with EFBIG, as on a full disk (and
    SIGXFSZ, which would kill the process instead, is ignored)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("resume", [False, True])
def test_a_full_disk_is_one_line_and_leaves_no_half_written_output(
    tmp_path: Path, resume: bool
) -> None:
    corpus = _write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"a{n}", "text": _article(n, 6)} for n in range(60)]
    )
    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    if resume:  # rows of an earlier run, which the failure must not lose
        done = _batch(_write_jsonl(tmp_path / "first.jsonl", [{"id": "a0", "text": "Hama"}]), out)
        assert done.returncode == 0, done.stderr
        out.rename(partial)
        kept = partial.read_bytes()
    command = [*_command(), "batch", str(corpus), "--out", str(out), "--workers", "1"]
    result = subprocess.run(
        [*command, *(["--resume"] if resume else [])],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limited_file_size(len(kept) + 30_000 if resume else 30_000),
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("syriamap: error: ") and "cannot write" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not out.exists()
    if resume:
        data = partial.read_bytes()
        assert data.startswith(kept) and data.endswith(b"\n") and len(data) > len(kept)
        assert all(json.loads(line)["id"] for line in data.splitlines())
        assert "--resume" in result.stderr
        finished = _batch(corpus, out, "--resume")
        assert finished.returncode == 0, finished.stderr
        assert [r["id"] for r in _rows(out)][:2] == ["a0", "a1"]
    else:
        assert "nothing was written" in result.stderr or "--resume" in result.stderr
        if partial.exists():
            data = partial.read_bytes()
            assert data.endswith(b"\n") and all(json.loads(x) for x in data.splitlines())


def _silent_or_junk_server(answer: bytes | None) -> tuple[socket.socket, list[socket.socket]]:
    """A TCP port on 127.0.0.1 that accepts and then says nothing, or sends ``answer``."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                with contextlib.suppress(OSError):
                    conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return listener, held


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (None, "did not answer within 2 s"),
        (struct.pack("Q", 3 << 60) + b"\x00" * 64, "not as a Dask scheduler"),  # "3 EiB follow"
    ],
    ids=["silent", "junk"],
)
def test_a_dask_address_that_is_silent_or_talks_junk_fails_in_one_line(
    tmp_path: Path, answer: bytes | None, message: str
) -> None:
    pytest.importorskip("distributed")
    listener, held = _silent_or_junk_server(answer)
    try:
        corpus = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": PARAGRAPHS[0]}])
        out = tmp_path / "out.jsonl"
        address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        start = time.monotonic()
        result = subprocess.run(
            [
                *_command(),
                "batch",
                str(corpus),
                "--out",
                str(out),
                "--dask",
                address,
                "--dask-timeout",
                "2",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=lambda: _limited_memory(1 << 30),
        )
        assert time.monotonic() - start < 30
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("syriamap: error: ") and message in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert not out.exists() and not partial_path(out).exists()
    finally:
        listener.close()
        for conn in held:
            conn.close()


def _limited_memory(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limit * 4, limit * 4))


_ANY_TEXT = st.text(st.characters(categories=["Cs", "Cc", "L", "N", "P", "Zs"]))
"""Any text, lone surrogates (which JSON can spell) and control characters included."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | _ANY_TEXT
        | st.sampled_from(["Rebels captured Hama.", "/etc/passwd", "file:///etc/passwd"]),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["id", "text", "html", "url", "title", "published", "source", "x"]),
                inner,
                max_size=6,
            )
        ),
        max_leaves=12,
    ).map(json.dumps)
    | st.integers(1, 5000).map(lambda depth: "[" * depth + "]" * depth)
)
def test_any_json_value_as_a_batch_line_gives_one_row_and_never_raises(
    gazetteer, tmp_path_factory: pytest.TempPathFactory, line: str
) -> None:
    """Arbitrary JSON values (keys of any type, any nesting) through the real line reader and
    the real worker function: one row each, JSON that writes as UTF-8, never an exception."""
    from syriamap.corpus import iter_jobs, process_job

    path = tmp_path_factory.mktemp("line") / "in.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    rows = [process_job(job, gazetteer) for job in iter_jobs(str(path))]
    assert len(rows) == 1
    row = json.loads(rows[0].line.encode("utf-8"))
    assert isinstance(row["id"], str) and row["id"]
    assert ("error" in row) == rows[0].error
    if "error" in row:
        assert "\n" not in row["error"] and "Error:" not in row["error"], row["error"]


def test_rows_come_back_in_input_order_with_at_most_a_window_of_tasks_in_flight() -> None:
    """The executor contract alone (no processes): whatever a Submit returns is awaited
    oldest first, and no more than ``window`` tasks are ever waiting for their result."""
    from syriamap.corpus.jobs import ArticleJob
    from syriamap.corpus.pool import ordered_results
    from syriamap.corpus.worker import RowResult

    waiting: list[int] = []
    most = 0

    class Task:
        def __init__(self, jobs: list[ArticleJob]) -> None:
            self.rows = [RowResult(job.key) for job in jobs]

        def result(self) -> list[RowResult]:
            waiting.pop()
            return self.rows

    def submit(jobs: list[ArticleJob]) -> Task:
        nonlocal most
        waiting.append(1)
        most = max(most, len(waiting))
        return Task(jobs)

    jobs = [ArticleJob(f"a{n}", text="x") for n in range(21)]
    rows = ordered_results(submit, iter(jobs), window=3, chunk_size=2)
    assert [row.line for row in rows] == [job.key for job in jobs]
    assert most == 3 and not waiting


def test_a_dask_or_pool_task_names_the_worker_module_of_this_release() -> None:
    """Tasks are pickled by module path: docs/scaling.md tells cluster users that workers must
    run the same release, because the path is syriamap.corpus.worker since 0.2."""
    import pickle

    from syriamap.corpus.worker import process_chunk

    assert b"syriamap.corpus.worker" in pickle.dumps(process_chunk)
    assert pickle.loads(pickle.dumps(process_chunk)) is process_chunk
