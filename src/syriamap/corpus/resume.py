"""The partial file ``OUT.partial``: where a run's rows go, how ``--resume`` continues it, and
how it becomes ``OUT``.

A run over a million articles will be interrupted, so rows go to ``OUT.partial`` one flushed
line at a time (fsync'd every few seconds and at the end), and ``OUT`` appears only when the
run is complete, by an atomic rename — ``OUT`` is never half written.  ``--resume`` reads the
ids already in the partial file (dropping a last line a kill cut short) and skips those jobs;
a failed write (a full disk) cuts the file back to its whole rows.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError, SyriamapError, flat
from ..output import output_target, replace_keeping_mode, stdout_failed
from .jobs import ArticleJob

__all__ = ["FSYNC_EVERY_S", "done_before", "partial_path", "publish", "row_writer", "skip_done"]

FSYNC_EVERY_S = 5.0


def _appending(partial: Path) -> IO[bytes]:
    try:
        return partial.open("ab", buffering=0)
    except OSError as err:
        raise InputError(f"{partial}: cannot write ({err.strerror or err})") from None


def partial_path(out: str | Path) -> Path:
    """Where rows go while a run is in progress (``OUT.partial``, JSONL whatever ``OUT`` is)."""
    out = Path(out)
    return out.with_name(out.name + ".partial")


def done_before(partial: Path, target: Path, *, resume: bool, parquet: bool) -> Counter[str]:
    """The ids a run to ``target`` has already written: none for a fresh run; those of an
    unfinished ``partial`` with ``resume`` (refused without it, rather than overwritten); or,
    with ``resume`` and no partial file, those of a finished JSONL ``target``, copied to
    ``partial`` to continue from (the input may have grown since)."""
    # An empty partial (stopped before its first row) holds nothing worth refusing over.
    if partial.exists() and partial.stat().st_size > 0:
        if not resume:
            raise InputError(
                f"{partial} holds an unfinished run: pass --resume to continue it, "
                "or delete it to start over"
            )
        return _done_ids(partial)
    if resume and target.exists() and not parquet:
        shutil.copyfile(target, partial)
        return _done_ids(partial)
    return Counter()


def _done_ids(partial: Path) -> Counter[str]:
    """Ids already in ``partial`` (counted, so a duplicate id's error row is not lost), after
    cutting a last line that a kill left without its newline.  Streams the file and reads only
    each row's leading id, so resuming a run of millions of rows takes seconds."""
    done: Counter[str] = Counter()
    decoder = json.JSONDecoder()
    offset = 0
    with partial.open("r+b") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.endswith(b"\n"):
                handle.truncate(offset)  # half a row: the kill came mid-write
                break
            offset += len(raw)
            line = raw.decode("utf-8", "replace").rstrip("\n")
            try:
                # Rows are written as {"id": <JSON string>, ...}: read just that string.
                if not (line.startswith(_ROW_START) and line.endswith("}")):
                    raise ValueError(line[:20])
                key, _ = decoder.raw_decode(line, len(_ROW_START))
                done[str(key)] += 1
            except ValueError:
                raise InputError(
                    f"{partial}: line {number} is not a batch row; remove the file to start over"
                ) from None
    return done


_ROW_START = '{"id": '


def skip_done(jobs: Iterable[ArticleJob], done: Counter[str]) -> Iterator[ArticleJob]:
    """``jobs`` less those whose rows are already written: an id counted n times in ``done``
    skips its first n jobs (a duplicate id's error row is a row too)."""
    seen: Counter[str] = Counter()
    for job in jobs:
        seen[job.key] += 1
        if seen[job.key] > done[job.key]:
            yield job


@dataclass(slots=True)
class _Writer:
    """Appends rows to the partial file, each line written whole by unbuffered writes (a
    kill loses at most the line being written) and fsync'd every few seconds (a power cut
    loses seconds, not the run).  ``good`` is the size up to the last whole row, where a
    failed write (a full disk) cuts the file back to."""

    handle: IO[bytes]
    good: int = 0
    synced: float = field(default_factory=time.monotonic)
    sync: bool = True  # False for standard output (a pipe cannot be fsync'd)

    def write(self, line: str) -> None:
        """Append ``line`` and its newline; a failure on standard output is
        :func:`~syriamap.output.stdout_failed`'s (a closed pipe, a full disk)."""
        try:
            self._write(line)
        except OSError as err:
            if not self.sync:
                raise stdout_failed(err) from None
            raise

    def _write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8") + b"\n")
        size = len(data)
        while data:
            written = self.handle.write(data)
            data = data[written or 0 :]
        self.handle.flush()  # standard output is buffered: each row leaves whole, at once
        self.good += size
        if self.sync and time.monotonic() - self.synced >= FSYNC_EVERY_S:
            os.fsync(self.handle.fileno())
            self.synced = time.monotonic()


def _write_failed(writer: _Writer, partial: Path, err: OSError) -> SyriamapError:
    """One line for a write that failed (a full disk, a file-size limit), with the partial
    file cut back to its whole rows, or removed if it holds none."""
    reason = err.strerror or flat(err)
    with contextlib.suppress(OSError):
        os.ftruncate(writer.handle.fileno(), writer.good)
    writer.handle.close()
    if writer.good == 0:
        partial.unlink(missing_ok=True)
        return SyriamapError(f"{partial}: cannot write ({reason}); nothing was written")
    return SyriamapError(
        f"{partial}: cannot write ({reason}); its complete rows are kept: "
        "make room and rerun with --resume"
    )


@contextlib.contextmanager
def row_writer(partial: Path, *, to_stdout: bool = False) -> Iterator[_Writer]:
    """The writer of a run's rows, appending to ``partial`` (or writing to standard output),
    synced and closed on leaving; a failed write leaves ``partial`` cut back to whole rows and
    raises one line (:func:`_write_failed`)."""
    handle: IO[bytes]
    if to_stdout:
        handle = sys.stdout.buffer
        writer = _Writer(handle, sync=False)
    else:
        handle = _appending(partial)
        writer = _Writer(handle, good=handle.seek(0, os.SEEK_END))
    try:
        yield writer
        if not to_stdout:
            os.fsync(handle.fileno())
    except OSError as err:
        raise _write_failed(writer, partial, err) from None
    finally:
        if not to_stdout and not handle.closed:
            with contextlib.suppress(OSError):
                os.fsync(handle.fileno())
            handle.close()


def publish(partial: Path, out: Path, *, source: str, parquet: bool) -> None:
    """Turn a complete ``partial`` into ``out`` at once: renamed (JSONL) or converted
    (GeoParquet); a failure keeps the rows in ``partial`` for ``--resume``."""
    try:
        # Checked again: what OUT names may have changed during a long run.
        if parquet:
            from .geoparquet import write_parquet

            write_parquet(partial, output_target(out, inputs=[source]))
            partial.unlink()
        else:
            replace_keeping_mode(partial, output_target(out, inputs=[source]))
    except OSError as err:
        raise SyriamapError(
            f"{out}: cannot write ({err.strerror or flat(err)}); the rows are kept in "
            f"{partial}: make room and rerun with --resume"
        ) from None
