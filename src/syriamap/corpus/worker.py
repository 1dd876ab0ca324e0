"""What runs inside a worker process (local or on a Dask machine): one article → one row.

A worker opens the gazetteer once per process (:func:`gazetteer_for`) and turns every job of a
task into a :class:`RowResult`, the finished JSONL line plus its counts, so the parent only
writes and never parses rows again.  :func:`process_job` never raises: whatever goes wrong
with one article is that article's error row, because one bad article must not stop a million
others.  Pickled tasks name :func:`process_chunk` by its module path, so the parent and every
worker must run the same release (docs/scaling.md).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InputError, SyriamapError, flat
from ..gazetteer import Gazetteer
from ..pipeline import extract_article
from ..text import (
    MAX_ARTICLE_BYTES,
    article_from_html,
    article_from_text,
    read_article,
    read_url,
)
from .jobs import ArticleJob, GazetteerSpec

__all__ = ["RowResult", "gazetteer_for", "init_worker", "process_chunk", "process_job"]


@dataclass(frozen=True, slots=True)
class RowResult:
    """A worker's answer for one article: the JSONL line (no newline) and counts for the
    summary, so the parent never parses rows again."""

    line: str
    error: bool = False
    places: int = 0
    control_changes: int = 0
    movements: int = 0


# The one piece of per-process state: each worker opens the gazetteer once (SQLite connection,
# caches) and keeps it for every task; keyed by spec so one process can serve any run.
_GAZETTEERS: dict[GazetteerSpec, Gazetteer] = {}
_GAZETTEERS_LOCK = threading.Lock()


def gazetteer_for(spec: GazetteerSpec) -> Gazetteer:
    """This process's gazetteer for ``spec``, opened on first use and kept (thread-safe: a
    Dask worker may run tasks in several threads)."""
    with _GAZETTEERS_LOCK:
        gazetteer = _GAZETTEERS.get(spec)
        if gazetteer is None:
            gazetteer = _GAZETTEERS[spec] = spec.load()
        return gazetteer


def init_worker(spec: GazetteerSpec, parent: int) -> None:
    """Start-up of a local pool's worker: open the gazetteer before the first task, and
    leave with the parent process ``parent``."""
    # Ctrl-C reaches the whole process group; the parent alone handles it (stops, keeps the
    # rows written), so workers ignore it instead of printing tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    gazetteer_for(spec)


def _exit_with(parent: int) -> None:
    """Exit when the parent is gone.  A SIGKILLed parent cannot stop its pool, and idle
    workers would otherwise wait on their task queue forever; a dead parent's children are
    re-parented at once (even while it is an unreaped zombie), so the parent id changes."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _error_row(key: str, message: str) -> RowResult:
    line = json.dumps({"id": key, "error": flat(message)}, ensure_ascii=False)
    return RowResult(line, error=True)


def process_job(job: ArticleJob, gazetteer: Gazetteer) -> RowResult:
    """One article → its row.  Never raises: any failure is this article's error row."""
    if job.error is not None:
        return _error_row(job.key, job.error)
    try:
        if job.path is not None:
            article = read_article(job.path, published=job.published)
        elif job.text is not None or job.html is not None:
            body = job.text if job.text is not None else job.html
            assert body is not None
            if len(body.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
                raise InputError(f"larger than {MAX_ARTICLE_BYTES} bytes")
            if job.text is not None:
                article = article_from_text(body, published=job.published, url=job.url)
            else:
                article = article_from_html(body, published=job.published, url=job.url)
        else:
            assert job.url is not None
            # read_url, not read_article: a line's url is never a path to a local file
            article = read_url(job.url, published=job.published, allow_private=job.allow_private)
        if job.title is not None:
            article = replace(article, title=job.title)
        result = extract_article(article, gazetteer=gazetteer)
        row: dict[str, Any] = {"id": job.key, **result.to_dict()}
        if job.outlet is not None:
            row["source"]["outlet"] = job.outlet
        line = json.dumps(row, ensure_ascii=False)
    except Exception as err:  # one article must never stop a million others
        kind = "" if isinstance(err, SyriamapError) else f"{type(err).__name__}: "
        return _error_row(job.key, f"{kind}{err}")
    return RowResult(
        line,
        places=len(result.places),
        control_changes=len(result.control_changes),
        movements=len(result.movements),
    )


def process_chunk(spec: GazetteerSpec, jobs: list[ArticleJob]) -> list[RowResult]:
    """A task: a list of articles through the worker's gazetteer (opened once per process)."""
    gazetteer = gazetteer_for(spec)
    return [process_job(job, gazetteer) for job in jobs]
