"""Where the tasks run, and the rows coming back in input order.

:class:`Submit` is the executor contract: it schedules ``process_chunk(spec, jobs)`` somewhere
and returns something with ``.result()``.  The local process pool here and the Dask cluster
(:mod:`syriamap.corpus.dask_runner`) are two implementations of it, so the rest of a run —
chunking, the bounded window, input order, what a dead worker means — is written once, in
:func:`ordered_results`, and the output is byte-identical whichever executor ran it.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from ..errors import SyriamapError, flat
from .jobs import ArticleJob, GazetteerSpec
from .worker import RowResult, init_worker, process_chunk

__all__ = [
    "CHUNK_SIZE",
    "DASK_CHUNK_SIZE",
    "WINDOW_PER_WORKER",
    "Runner",
    "Submit",
    "cores",
    "local_runner",
    "ordered_results",
]

CHUNK_SIZE = 32
"""Articles per task: ~30 ms of work, so inter-process (or Dask) overhead stays in the noise."""
DASK_CHUNK_SIZE = 256
"""Articles per Dask task: a Dask task costs about a millisecond of scheduling, several times
a process pool's, so bigger tasks keep it small (still well under a second of work each)."""
WINDOW_PER_WORKER = 4
"""Tasks in flight per worker: enough to keep workers busy, bounded so memory stays flat."""


class Submit(Protocol):
    """Schedules ``process_chunk(spec, jobs)`` somewhere and returns its future."""

    def __call__(self, jobs: list[ArticleJob]) -> Future[list[RowResult]] | Any: ...


def _chunks(jobs: Iterable[ArticleJob], size: int) -> Iterator[list[ArticleJob]]:
    chunk: list[ArticleJob] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_results(
    submit: Submit, jobs: Iterable[ArticleJob], *, window: int, chunk_size: int = CHUNK_SIZE
) -> Iterator[RowResult]:
    """Rows in input order while tasks finish in any order: at most ``window`` tasks are in
    flight (memory stays flat for any input size) and the oldest is always awaited first."""
    pending: deque[Any] = deque()
    for chunk in _chunks(jobs, chunk_size):
        try:
            pending.append(submit(chunk))
        except SyriamapError:
            raise
        except Exception as err:  # a pool broken by a killed worker refuses new tasks too
            raise _worker_failed(err) from None
        if len(pending) >= window:
            yield from _result(pending.popleft())
    while pending:
        yield from _result(pending.popleft())


def _result(future: Any) -> list[RowResult]:
    # Tasks catch every per-article error, so a failure here is the machinery's: a worker
    # killed (out of memory), a lost Dask worker or scheduler.  The rows already written are
    # a valid prefix, so say how to go on rather than print a traceback.
    try:
        rows: list[RowResult] = future.result()
    except Exception as err:
        raise _worker_failed(err) from None
    return rows


def _worker_failed(err: Exception) -> SyriamapError:
    return SyriamapError(
        f"a worker failed ({type(err).__name__}: {flat(err)[:200]}); "
        "the rows written so far are kept: rerun with --resume"
    )


def _local_submit(executor: ProcessPoolExecutor, spec: GazetteerSpec) -> Submit:
    def submit(jobs: list[ArticleJob]) -> Future[list[RowResult]]:
        return executor.submit(process_chunk, spec, jobs)

    return submit


@contextlib.contextmanager
def _local_pool(spec: GazetteerSpec, workers: int) -> Iterator[tuple[Submit, int]]:
    import multiprocessing

    # spawn: workers are our own children (so init_worker's watch sees us die) and start
    # clean, with no copy of the parent's threads or open files; a one-off ~0.3 s import per run.
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(spec, os.getpid()),
    )
    try:
        yield _local_submit(executor, spec), workers
    finally:
        # Ctrl-C or a failure: drop queued tasks rather than finishing them for nobody.
        executor.shutdown(wait=True, cancel_futures=True)


Runner = Callable[[GazetteerSpec], contextlib.AbstractContextManager[tuple[Submit, int]]]
"""Opens an executor for a run's gazetteer: yields its :class:`Submit` and its number of
slots (worker threads), and stops it on leaving, whatever happened."""


def local_runner(workers: int) -> Runner:
    """The runner of ``--workers N``: a pool of ``workers`` spawned processes on this machine."""

    def runner(spec: GazetteerSpec) -> contextlib.AbstractContextManager[tuple[Submit, int]]:
        return _local_pool(spec, workers)

    return runner


def cores() -> int:
    """Cores this process may use (a container's or taskset's limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
