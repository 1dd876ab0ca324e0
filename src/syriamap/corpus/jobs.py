"""What a batch run works on: the input read as :class:`ArticleJob` values, and the
:class:`GazetteerSpec` each worker opens.

The parent process only lists and validates here; it never extracts.  A JSONL line, a file of a
directory or a glob match becomes one job, in input order; whatever makes an article unusable
(invalid JSON, no id, no text, a lone surrogate, an over-long line, a second use of an id)
becomes a job that carries its error, so it turns into an error row and never stops the run.
Jobs and specs are small frozen values of plain strings because they are pickled to worker
processes and Dask machines.
"""

from __future__ import annotations

import contextlib
import glob
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..gazetteer import Gazetteer
from ..text import MAX_ARTICLE_BYTES

__all__ = [
    "MAX_LINE_BYTES",
    "ArticleJob",
    "GazetteerSpec",
    "inputs",
    "iter_jobs",
    "unique",
]

MAX_LINE_BYTES = 4 * MAX_ARTICLE_BYTES + 65_536
"""A JSONL line longer than this is an error row (JSON escaping can swell an article's text)."""
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class GazetteerSpec:
    """How a worker opens the gazetteer: paths, not the object, so it crosses to any process
    (or Dask machine) cheaply; the worker opens it once
    (:func:`syriamap.corpus.worker.gazetteer_for`)."""

    data: str | None = None
    overlays: tuple[str, ...] = ()

    def load(self) -> Gazetteer:
        """The gazetteer these paths name; a bad file or overlay raises here."""
        gazetteer = Gazetteer(self.data) if self.data else Gazetteer.default()
        for path in self.overlays:
            gazetteer = gazetteer.with_overlay(path)
        return gazetteer


@dataclass(frozen=True, slots=True)
class ArticleJob:
    """One input article, or the error that makes it unusable (``error`` set, nothing else
    read).  ``key`` is the output row's id: the input id, else ``"line N"``."""

    key: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    error: str | None = None
    allow_private: bool = False


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string, not {type(value).__name__}")
    _check_unicode(value, key)
    return value


def _check_unicode(value: str, key: str) -> None:
    # JSON can spell a lone surrogate (\ud800), which no UTF-8 row can hold.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(f"{key!r} holds an unpaired surrogate (character {err.start})") from None


def _http_url(url: str | None) -> str | None:
    """A line's ``url`` must be http(s), fetched or not: a path or ``file:`` is never read,
    and a ``javascript:`` one would become a link on the map."""
    if url is not None and not url.lower().startswith(("http://", "https://")):
        shown = url if len(url) <= 60 else url[:60] + "…"
        raise InputError(f"'url' must be an http:// or https:// URL, not {shown!r}")
    return url


def _job_from_record(record: object, number: int) -> ArticleJob:
    where = f"line {number}"
    if not isinstance(record, dict):
        return ArticleJob(where, error=f"{where}: not a JSON object")
    raw_id = record.get("id")
    # An integer id is kept as its decimal string so every row's id has one type.
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        return ArticleJob(where, error=f"{where}: no 'id' (a non-empty string)")
    try:
        _check_unicode(raw_id, "id")
    except InputError as err:
        return ArticleJob(where, error=f"{where}: {err}")
    try:
        text, html, url = (_optional_str(record, k) for k in ("text", "html", "url"))
        title, published = _optional_str(record, "title"), _optional_str(record, "published")
        outlet = _optional_str(record, "source")
        _http_url(url)
    except InputError as err:
        return ArticleJob(raw_id, error=f"{where}: {err}")
    if text is None and html is None and url is None:
        return ArticleJob(raw_id, error=f"{where}: no 'text', 'html' or 'url'")
    return ArticleJob(
        raw_id, text=text, html=html, url=url, title=title, published=published, outlet=outlet
    )


def _jsonl_jobs(path: Path | None) -> Iterator[ArticleJob]:
    """The jobs of a JSONL file, or of standard input when ``path`` is None."""
    opened = path.open("rb") if path is not None else contextlib.nullcontext(sys.stdin.buffer)
    with opened as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_LINE_BYTES + 1), b""), 1):
            if len(raw) > MAX_LINE_BYTES:
                # Skip the rest of the over-long line without holding it in memory.
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(MAX_LINE_BYTES)
                yield ArticleJob(
                    f"line {number}",
                    error=f"line {number}: longer than {MAX_LINE_BYTES} bytes",
                )
                continue
            if not raw.strip():
                continue  # blank lines separate nothing; they are not articles
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                yield ArticleJob(
                    f"line {number}", error=f"line {number}: not UTF-8 (byte {err.start})"
                )
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield ArticleJob(f"line {number}", error=f"line {number}: not JSON ({err.msg})")
                continue
            except RecursionError:
                # [[[[…]]]] 100,000 deep: the parser's recursion, not this run, must give up
                yield ArticleJob(f"line {number}", error=f"line {number}: JSON nested too deeply")
                continue
            except ValueError as err:  # e.g. an integer of more than 4300 digits
                yield ArticleJob(f"line {number}", error=f"line {number}: not usable JSON ({err})")
                continue
            yield _job_from_record(record, number)


def _file_jobs(paths: Iterable[tuple[str, Path]]) -> Iterator[ArticleJob]:
    # The worker reads the file (read_article: size cap, charset, text or HTML), so reading
    # is parallel too; the parent only lists names.
    for key, path in paths:
        yield ArticleJob(key, path=str(path))


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


def inputs(source: str) -> tuple[Iterator[ArticleJob], int | None]:
    """The jobs of ``source`` and their number if cheaply known (for the ETA); ids are not
    checked for reuse yet (:func:`unique`), so a resumed run can count what it skips."""
    if source == "-":
        return _jsonl_jobs(None), None
    path = Path(source)
    if path.is_dir():
        files = sorted(
            (p.relative_to(path).as_posix(), p)
            for p in path.rglob("*")
            if p.suffix.lower() in _ARTICLE_SUFFIXES and p.is_file()
        )
        if not files:
            raise InputError(f"{source}: no .txt or .html files in this directory")
        return _file_jobs(files), len(files)
    if path.is_file():
        return _jsonl_jobs(path), _count_lines(path)
    if glob.has_magic(source):
        matches = sorted(p for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(f"{source}: no files match this pattern")
        return _file_jobs((p, Path(p)) for p in matches), len(matches)
    raise InputError(f"{source}: no such file, directory or pattern")


def iter_jobs(source: str) -> Iterator[ArticleJob]:
    """The articles of ``source`` (JSONL file, directory or glob) in input order, a second
    use of an id turned into an error row (ids name rows; two rows for one article would be
    ambiguous to anyone joining on them)."""
    jobs, _ = inputs(source)
    return unique(jobs)


def unique(jobs: Iterable[ArticleJob]) -> Iterator[ArticleJob]:
    """``jobs`` with the second and later uses of an id turned into error rows."""
    first: dict[str, int] = {}
    for number, job in enumerate(jobs, 1):
        if job.error is None and job.key in first:
            message = f"duplicate id (first used by input article {first[job.key]})"
            yield ArticleJob(job.key, error=message)
            continue
        first.setdefault(job.key, number)
        yield job
