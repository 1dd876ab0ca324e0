"""``syriamap batch --dask``: the same tasks as the local pool, on a ``dask.distributed`` cluster.

Only the executor changes: this is a :data:`~syriamap.corpus.pool.Runner`, like the local
pool.  The parent still reads the input, submits bounded batches of
:func:`syriamap.corpus.worker.process_chunk` tasks and writes rows in input order as they come
back, so ``--resume`` and byte-identical output work exactly as with ``--workers``.  Each Dask
worker process opens the gazetteer once, through the per-process cache in
:mod:`syriamap.corpus.worker`; a worker process with several threads shares that one
gazetteer.  Tasks are pickled by module path, so every worker must run the same release.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, SyriamapError, flat
from .jobs import ArticleJob, GazetteerSpec
from .pool import Runner, Submit
from .worker import gazetteer_for, process_chunk

__all__ = ["CONNECT_TIMEOUT_S", "LOCAL", "dask_runner", "probe_scheduler"]

LOCAL = "local"
"""The ``--dask`` value meaning: start a local cluster of worker processes for this run."""
CONNECT_TIMEOUT_S = 10.0
"""Seconds to reach a scheduler and get its handshake (``--dask-timeout``)."""
MAX_HANDSHAKE_BYTES = 1 << 20
"""A scheduler's first message (its handshake) is a few hundred bytes; a length header above
this is not Dask talking, and believing it would allocate that much."""
_LENGTH = struct.Struct("Q")  # distributed's TCP framing: a native uint64 byte count first


def _host_port(address: str) -> tuple[str, int] | None:
    """Host and port of a ``tcp://`` (or bare ``host:port``) address; None for other
    transports (tls://, ucx://…), which the probe leaves to distributed."""
    rest = address[len("tcp://") :] if address.startswith("tcp://") else address
    if "://" in rest:
        return None
    host, sep, port = rest.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"--dask {address!r}: not an address like tcp://host:8786")
    return host.strip("[]") or "127.0.0.1", int(port)


def probe_scheduler(address: str, *, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Check, within ``timeout`` seconds, that something at ``address`` talks like a Dask
    scheduler: it accepts, and its first frame announces a handshake of sane size.

    distributed itself waits forever on a port that accepts and says nothing, and trusts the
    length a junk answer announces (3 EiB); this probe turns both into one line first.
    """
    where = _host_port(address)
    if where is None:
        return
    try:
        with socket.create_connection(where, timeout=timeout) as sock:
            header = b""
            while len(header) < _LENGTH.size:
                part = sock.recv(_LENGTH.size - len(header))
                if not part:
                    raise SyriamapError(
                        f"the Dask scheduler at {address} closed the connection: not a scheduler?"
                    )
                header += part
    except TimeoutError:
        raise SyriamapError(
            f"the Dask scheduler at {address} did not answer within {timeout:g} s (--dask-timeout)"
        ) from None
    except OSError as err:
        raise SyriamapError(
            f"cannot reach the Dask scheduler at {address} ({err.strerror or err})"
        ) from None
    (size,) = _LENGTH.unpack(header)
    if not 0 < size <= MAX_HANDSHAKE_BYTES:
        raise SyriamapError(f"{address} answered, but not as a Dask scheduler (junk handshake)")


def _client(distributed: Any, address: str, timeout: float) -> Any:
    """distributed.Client(address), given ``timeout`` seconds in all: its own timeout does not
    cover every stall, so the connection is made in a thread this one stops waiting for."""
    box: dict[str, Any] = {}

    def connect() -> None:
        try:
            box["client"] = distributed.Client(address, timeout=f"{timeout}s")
        except BaseException as err:  # handed to the caller's thread below
            box["error"] = err

    thread = threading.Thread(target=connect, name="syriamap-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 5)
    if thread.is_alive():
        raise SyriamapError(
            f"the Dask scheduler at {address} did not answer within {timeout:g} s (--dask-timeout)"
        )
    error = box.get("error")
    if error is not None:
        if isinstance(error, SyriamapError):
            raise error
        raise SyriamapError(
            f"cannot reach the Dask scheduler at {address} "
            f"({type(error).__name__}: {flat(error)[:200]})"
        ) from None
    return box["client"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise SyriamapError("--dask needs the dask extra: pip install 'syriamap[dask]'") from None
    return distributed


def dask_runner(address: str, *, workers: int, timeout: float | None = None) -> Runner:
    """A runner for :func:`syriamap.corpus.run_batch`: ``address`` is ``"local"`` (a
    LocalCluster of ``workers`` single-threaded processes) or a scheduler (``tcp://host:8786``),
    reached within ``timeout`` seconds (default :data:`CONNECT_TIMEOUT_S`).
    Checks for the extra now, so a missing one fails before any work starts."""
    distributed = _distributed()
    import dask.config

    seconds = CONNECT_TIMEOUT_S if timeout is None else timeout
    if not seconds > 0:
        raise InputError(f"--dask-timeout must be a positive number of seconds, not {timeout}")
    if address != LOCAL:
        _host_port(address)  # a malformed address fails before any work

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
                probe_scheduler(address, timeout=seconds)
                timeouts = dask.config.set({"distributed.comm.timeouts.connect": f"{seconds}s"})
                with timeouts:
                    client = stack.enter_context(_client(distributed, address, seconds))
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
    """Open the gazetteer on a worker; returns nothing, so nothing is sent back."""
    gazetteer_for(spec)
