"""``syriamap batch --dask``: the same tasks as the local pool, on a ``dask.distributed`` cluster.

Only the executor changes.  The parent still reads the input, submits bounded batches of
:func:`syriamap.batch.process_chunk` tasks and writes rows in input order as they come back,
so ``--resume`` and byte-identical output work exactly as with ``--workers``.  Each Dask
worker process opens the gazetteer once, through the per-process cache in
:mod:`syriamap.batch`; a worker process with several threads shares that one gazetteer.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

from .batch import ArticleJob, GazetteerSpec, Submit, process_chunk
from .errors import SyriamapError

__all__ = ["LOCAL", "dask_runner"]

LOCAL = "local"
"""The ``--dask`` value meaning: start a local cluster of worker processes for this run."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise SyriamapError("--dask needs the dask extra: pip install 'syriamap[dask]'") from None
    return distributed


def dask_runner(
    address: str, *, workers: int
) -> Callable[[GazetteerSpec], contextlib.AbstractContextManager[tuple[Submit, int]]]:
    """A runner for :func:`syriamap.batch.run_batch`: ``address`` is ``"local"`` (a
    LocalCluster of ``workers`` single-threaded processes) or a scheduler (``tcp://host:8786``).
    Checks for the extra now, so a missing one fails before any work starts."""
    distributed = _distributed()
    import dask.config

    @contextlib.contextmanager
    def run(spec: GazetteerSpec) -> Iterator[tuple[Submit, int]]:
        with contextlib.ExitStack() as stack:
            if address == LOCAL:
                # Processes, one thread each: extraction is pure Python, threads would share
                # one GIL.  Quiet logs: the run's progress is ours, not the cluster's.
                # No statistical profiler in the workers: it samples every task thread 100
                # times a second, which costs extraction ~5% CPU for a dashboard nobody opens.
                config = dask.config.set({"distributed.worker.profile.enabled": False})
                with _ctrl_c_ignored(), config:
                    cluster = stack.enter_context(
                        distributed.LocalCluster(
                            n_workers=workers,
                            threads_per_worker=1,
                            processes=True,
                            dashboard_address=None,
                            silence_logs=logging.ERROR,
                        )
                    )
                client = stack.enter_context(distributed.Client(cluster))
            else:
                try:
                    client = stack.enter_context(distributed.Client(address, timeout="20s"))
                except (OSError, TimeoutError, ValueError) as err:
                    raise SyriamapError(
                        f"cannot reach the Dask scheduler at {address} ({err})"
                    ) from None
            slots = sum(client.nthreads().values())
            if slots == 0:
                raise SyriamapError(f"the Dask cluster at {address} has no workers")
            # Open the gazetteer on every worker before the first batch (not counted per task).
            client.run(_warm, spec)

            def submit(jobs: list[ArticleJob]) -> Any:
                # pure=False: two identical chunks are still two tasks (and no hashing of
                # article text to make a key).
                # The articles go straight to a worker, not through the scheduler.
                (data,) = client.scatter([jobs], direct=True, hash=False)
                return client.submit(process_chunk, spec, data, pure=False)

            yield submit, slots

    return run


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Start the cluster's processes with Ctrl-C ignored (inherited through spawn): the
    terminal sends it to the whole process group, and only this process should act on it —
    stop, keep the rows written — not every worker printing a KeyboardInterrupt traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _warm(spec: GazetteerSpec) -> None:
    from .batch import _gazetteer_for

    _gazetteer_for(spec)
