"""Extraction over many articles: ``syriamap batch`` (docs/scaling.md).

:func:`run_batch` reads articles from a JSONL file, a directory or a glob
(:mod:`~syriamap.corpus.jobs`), extracts each one in worker processes or on a Dask cluster
(:mod:`~syriamap.corpus.worker`, :mod:`~syriamap.corpus.pool`,
:mod:`~syriamap.corpus.dask_runner`), and writes one JSONL row per article **in input
order**, so the output of any number of workers is byte-identical, through ``OUT.partial``
so that ``--resume`` can continue a run stopped by Ctrl-C or SIGKILL
(:mod:`~syriamap.corpus.resume`).  This module only ties those together and reports
progress: a bad article is an error row and never stops the others.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..output import STDOUT, output_target
from .jobs import GazetteerSpec, inputs, unique
from .pool import (
    CHUNK_SIZE,
    DASK_CHUNK_SIZE,
    WINDOW_PER_WORKER,
    Runner,
    cores,
    local_runner,
    ordered_results,
)
from .resume import done_before, partial_path, publish, row_writer, skip_done
from .worker import RowResult

__all__ = ["PROGRESS_EVERY_S", "BatchSummary", "run_batch"]

PROGRESS_EVERY_S = 10.0


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did; ``skipped`` counts rows already in the output before a ``--resume``."""

    articles: int
    errors: int
    places: int
    control_changes: int
    movements: int
    skipped: int
    seconds: float

    @property
    def rate(self) -> float:
        """Articles per second in this run."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        resumed = f", {self.skipped} already done before --resume" if self.skipped else ""
        return (
            f"{self.articles} articles ({self.errors} errors{resumed}), {self.places} places, "
            f"{self.control_changes} control changes, {self.movements} movements "
            f"in {self.seconds:.1f} s ({self.rate:.0f} articles/s)"
        )


class _Progress:
    """A tqdm bar (rate, ETA) on a terminal; otherwise a plain line every few seconds, which
    is what a log file or CI wants."""

    def __init__(self, total: int | None, *, stream: IO[str], every: float) -> None:
        self.stream = stream
        self.every = every
        self.total = total
        self.done = 0
        self.errors = 0
        self.start = self.last = time.monotonic()
        self.bar: Any = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=stream, smoothing=0.1)

    def update(self, row: RowResult) -> None:
        self.done += 1
        self.errors += row.error
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            rate = self.done / (now - self.start)
            of = ""
            if self.total:
                left = max(self.total - self.done, 0)
                of = f"/{self.total} ({self.done / self.total:.0%}), ETA {left / rate:.0f} s"
            print(
                f"syriamap: batch: {self.done}{of}, {self.errors} errors, {rate:.0f} articles/s",
                file=self.stream,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_batch(
    source: str,
    out: str | Path,
    *,
    spec: GazetteerSpec | None = None,
    workers: int | None = None,
    dask: str | None = None,
    resume: bool = False,
    progress: IO[str] | None = None,
    progress_every: float = PROGRESS_EVERY_S,
    chunk_size: int | None = None,
    allow_private_urls: bool = False,
    dask_timeout: float | None = None,
) -> BatchSummary:
    """Extract every article of ``source`` into ``out`` (JSONL, or GeoParquet for ``.parquet``).

    ``workers`` processes (default: one per core), or a Dask cluster when ``dask`` is an
    address (``tcp://host:8786``) or ``"local"`` (a local cluster of ``workers`` processes).
    Without ``resume`` an unfinished ``OUT.partial`` is refused rather than overwritten.
    A line's ``url`` is fetched only from public addresses unless ``allow_private_urls``
    (:func:`syriamap.text.read_url`); ``dask_timeout`` bounds reaching a scheduler.
    """
    spec = spec or GazetteerSpec()
    workers = workers if workers is not None else cores()
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    to_stdout = str(out) == STDOUT
    if to_stdout and resume:
        raise InputError("--resume needs an output file: -o - streams rows to standard output")
    out = Path(out)
    parquet = out.suffix.lower() == ".parquet"
    if parquet:
        from .geoparquet import check_parquet_extra

        check_parquet_extra()
    runner = _runner(dask, workers, dask_timeout)
    spec.load()  # a bad gazetteer or overlay fails here, once, before any worker starts
    # A symlink output is written through: the partial file and the rename are beside the
    # file it names, so the link stays a link (and --resume finds the partial through it).
    target = out if to_stdout else output_target(out, inputs=[source])
    jobs, total = inputs(source)
    partial = partial_path(target)
    done = Counter[str]()
    if not to_stdout:
        done = done_before(partial, target, resume=resume, parquet=parquet)
    skipped = sum(done.values())
    if allow_private_urls:
        jobs = (replace(job, allow_private=True) for job in jobs)
    todo = skip_done(unique(jobs), done)
    stream = progress if progress is not None else sys.stderr
    start = time.monotonic()
    # The runner first: a cluster that cannot be reached leaves no output file behind.
    with runner(spec) as (submit, slots), row_writer(partial, to_stdout=to_stdout) as writer:
        left = None if total is None else max(total - skipped, 0)
        bar = _Progress(left, stream=stream, every=progress_every)
        chunk = chunk_size or (DASK_CHUNK_SIZE if dask is not None else CHUNK_SIZE)
        rows = ordered_results(submit, todo, window=WINDOW_PER_WORKER * slots, chunk_size=chunk)
        counts = _write_all(rows, writer.write, bar)
    seconds = time.monotonic() - start
    if not to_stdout:
        publish(partial, out, source=source, parquet=parquet)
    return BatchSummary(
        articles=counts["articles"],
        errors=counts["errors"],
        places=counts["places"],
        control_changes=counts["control_changes"],
        movements=counts["movements"],
        skipped=skipped,
        seconds=seconds,
    )


def _runner(dask: str | None, workers: int, timeout: float | None) -> Runner:
    if dask is None:
        return local_runner(workers)
    # Loaded only for --dask: a plain run needs none of the cluster code.
    from .dask_runner import dask_runner

    return dask_runner(dask, workers=workers, timeout=timeout)


def _write_all(
    rows: Iterable[RowResult], write: Callable[[str], None], bar: _Progress
) -> Counter[str]:
    """Write every row as it comes, counting what the summary reports."""
    counts = Counter[str]()
    try:
        for row in rows:
            write(row.line)
            bar.update(row)
            counts.update(
                articles=1,
                errors=int(row.error),
                places=row.places,
                control_changes=row.control_changes,
                movements=row.movements,
            )
    finally:
        bar.close()
    return counts
