"""Extraction over many articles: ``syriamap batch`` (docs/scaling.md).

One job: read articles from a JSONL file, a directory or a glob, extract each one in worker
processes (or on a Dask cluster, :mod:`syriamap.batch_dask`), and write one JSONL row per article
**in input order**, so the output of any number of workers is byte-identical.

Robustness is the point of this module, because a run over a million articles will meet bad
input and will be interrupted:

* a bad article (invalid JSON line, missing id or text, undecodable, oversized, empty, a URL
  that fails, a duplicate id) becomes an error row ``{"id": ..., "error": "one line"}`` and
  never stops the others;
* rows go to ``OUT.partial``, one flushed line at a time (fsync'd every few seconds and at the
  end), and ``OUT`` appears only when the run is complete, by an atomic rename — so ``OUT`` is
  never half written, and ``--resume`` continues ``OUT.partial`` after Ctrl-C or SIGKILL,
  dropping a truncated last line and skipping the ids already written.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Protocol

from ..errors import InputError, SyriamapError
from ..gazetteer import Gazetteer
from ..output import STDOUT, output_target, replace_keeping_mode, stdout_failed
from ..pipeline import extract_article
from ..text import (
    MAX_ARTICLE_BYTES,
    article_from_html,
    article_from_text,
    read_article,
    read_url,
)

__all__ = [
    "CHUNK_SIZE",
    "DASK_CHUNK_SIZE",
    "MAX_LINE_BYTES",
    "ArticleJob",
    "BatchSummary",
    "GazetteerSpec",
    "RowResult",
    "Submit",
    "iter_jobs",
    "ordered_results",
    "partial_path",
    "process_chunk",
    "process_job",
    "run_batch",
]

CHUNK_SIZE = 32
"""Articles per task: ~30 ms of work, so inter-process (or Dask) overhead stays in the noise."""
DASK_CHUNK_SIZE = 256
"""Articles per Dask task: a Dask task costs about a millisecond of scheduling, several times
a process pool's, so bigger tasks keep it small (still well under a second of work each)."""
WINDOW_PER_WORKER = 4
"""Tasks in flight per worker: enough to keep workers busy, bounded so memory stays flat."""
MAX_LINE_BYTES = 4 * MAX_ARTICLE_BYTES + 65_536
"""A JSONL line longer than this is an error row (JSON escaping can swell an article's text)."""
FSYNC_EVERY_S = 5.0
PROGRESS_EVERY_S = 10.0
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class GazetteerSpec:
    """How a worker opens the gazetteer: paths, not the object, so it crosses to any process
    (or Dask machine) cheaply; the worker opens it once (:func:`_gazetteer_for`)."""

    data: str | None = None
    overlays: tuple[str, ...] = ()

    def load(self) -> Gazetteer:
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


@dataclass(frozen=True, slots=True)
class RowResult:
    """A worker's answer for one article: the JSONL line (no newline) and counts for the
    summary, so the parent never parses rows again."""

    line: str
    error: bool = False
    places: int = 0
    control_changes: int = 0
    movements: int = 0


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


# --- reading the input --------------------------------------------------------------------


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


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


def _inputs(source: str) -> tuple[Iterator[ArticleJob], int | None]:
    """The jobs of ``source`` and their number if cheaply known (for the ETA)."""
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
    jobs, _ = _inputs(source)
    return _unique(jobs)


def _unique(jobs: Iterable[ArticleJob]) -> Iterator[ArticleJob]:
    first: dict[str, int] = {}
    for number, job in enumerate(jobs, 1):
        if job.error is None and job.key in first:
            message = f"duplicate id (first used by input article {first[job.key]})"
            yield ArticleJob(job.key, error=message)
            continue
        first.setdefault(job.key, number)
        yield job


# --- the work, in a worker process ----------------------------------------------------------

# The one piece of per-process state: each worker opens the gazetteer once (SQLite connection,
# caches) and keeps it for every task; keyed by spec so one process can serve any run.
_GAZETTEERS: dict[GazetteerSpec, Gazetteer] = {}
_GAZETTEERS_LOCK = threading.Lock()


def _gazetteer_for(spec: GazetteerSpec) -> Gazetteer:
    with _GAZETTEERS_LOCK:
        gazetteer = _GAZETTEERS.get(spec)
        if gazetteer is None:
            gazetteer = _GAZETTEERS[spec] = spec.load()
        return gazetteer


def _init_worker(spec: GazetteerSpec, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it (stops, keeps the
    # rows written), so workers ignore it instead of printing tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _gazetteer_for(spec)


def _exit_with(parent: int) -> None:
    """Exit when the parent is gone.  A SIGKILLed parent cannot stop its pool, and idle
    workers would otherwise wait on their task queue forever; a dead parent's children are
    re-parented at once (even while it is an unreaped zombie), so the parent id changes."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _error_row(key: str, message: str) -> RowResult:
    line = json.dumps({"id": key, "error": _one_line(message)}, ensure_ascii=False)
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
    gazetteer = _gazetteer_for(spec)
    return [process_job(job, gazetteer) for job in jobs]


# --- running it ------------------------------------------------------------------------------


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
        f"a worker failed ({type(err).__name__}: {_one_line(err)[:200]}); "
        "the rows written so far are kept: rerun with --resume"
    )


def _appending(partial: Path) -> IO[bytes]:
    try:
        return partial.open("ab", buffering=0)
    except OSError as err:
        raise InputError(f"{partial}: cannot write ({err.strerror or err})") from None


def partial_path(out: str | Path) -> Path:
    """Where rows go while a run is in progress (``OUT.partial``, JSONL whatever ``OUT`` is)."""
    out = Path(out)
    return out.with_name(out.name + ".partial")


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


def _skip_done(jobs: Iterable[ArticleJob], done: Counter[str]) -> Iterator[ArticleJob]:
    seen: Counter[str] = Counter()
    for job in jobs:
        seen[job.key] += 1
        if seen[job.key] > done[job.key]:
            yield job


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
    reason = err.strerror or _one_line(err)
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


def _local_submit(executor: ProcessPoolExecutor, spec: GazetteerSpec) -> Submit:
    def submit(jobs: list[ArticleJob]) -> Future[list[RowResult]]:
        return executor.submit(process_chunk, spec, jobs)

    return submit


@contextlib.contextmanager
def _local_pool(spec: GazetteerSpec, workers: int) -> Iterator[tuple[Submit, int]]:
    import multiprocessing

    # spawn: workers are our own children (so _exit_with sees us die) and start clean, with
    # no copy of the parent's threads or open files; a one-off ~0.3 s import per run.
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(spec, os.getpid()),
    )
    try:
        yield _local_submit(executor, spec), workers
    finally:
        # Ctrl-C or a failure: drop queued tasks rather than finishing them for nobody.
        executor.shutdown(wait=True, cancel_futures=True)


Runner = Callable[[GazetteerSpec], contextlib.AbstractContextManager[tuple[Submit, int]]]


def _cores() -> int:
    """Cores this process may use (a container's or taskset's limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


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
    (:func:`syriamap.article.read_url`); ``dask_timeout`` bounds reaching a scheduler.
    """
    spec = spec or GazetteerSpec()
    workers = workers if workers is not None else _cores()
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
    runner: Runner
    if dask is not None:
        from .dask_runner import dask_runner

        runner = dask_runner(dask, workers=workers, timeout=dask_timeout)
    else:

        def runner(s: GazetteerSpec) -> contextlib.AbstractContextManager[tuple[Submit, int]]:
            return _local_pool(s, workers)

    spec.load()  # a bad gazetteer or overlay fails here, once, before any worker starts
    # A symlink output is written through: the partial file and the rename are beside the
    # file it names, so the link stays a link (and --resume finds the partial through it).
    target = out if to_stdout else output_target(out, inputs=[source])
    jobs, total = _inputs(source)
    partial = partial_path(target)
    done: Counter[str] = Counter()
    # An empty partial (stopped before its first row) holds nothing worth refusing over.
    if to_stdout:
        pass
    elif partial.exists() and partial.stat().st_size > 0:
        if not resume:
            raise InputError(
                f"{partial} holds an unfinished run: pass --resume to continue it, "
                "or delete it to start over"
            )
        done = _done_ids(partial)
    elif resume and target.exists() and not parquet:
        # A finished output: continue from it (e.g. the input has grown since).
        shutil.copyfile(target, partial)
        done = _done_ids(partial)
    skipped = sum(done.values())
    if allow_private_urls:
        jobs = (replace(job, allow_private=True) for job in jobs)
    todo = _skip_done(_unique(jobs), done)
    stream = progress if progress is not None else sys.stderr
    counts = Counter[str]()
    start = time.monotonic()
    # The runner first: a cluster that cannot be reached leaves no output file behind.
    with runner(spec) as (submit, slots):
        handle: IO[bytes]
        if to_stdout:
            handle = sys.stdout.buffer
            writer = _Writer(handle, sync=False)
        else:
            handle = _appending(partial)
            writer = _Writer(handle, good=handle.seek(0, os.SEEK_END))
        bar = _Progress(
            None if total is None else max(total - skipped, 0), stream=stream, every=progress_every
        )
        try:
            chunk = chunk_size or (DASK_CHUNK_SIZE if dask is not None else CHUNK_SIZE)
            rows = ordered_results(submit, todo, window=WINDOW_PER_WORKER * slots, chunk_size=chunk)
            for row in rows:
                try:
                    writer.write(row.line)
                except OSError as err:
                    if to_stdout:
                        raise stdout_failed(err) from None
                    raise
                bar.update(row)
                counts.update(
                    articles=1,
                    errors=int(row.error),
                    places=row.places,
                    control_changes=row.control_changes,
                    movements=row.movements,
                )
            if not to_stdout:
                os.fsync(handle.fileno())
        except OSError as err:
            raise _write_failed(writer, partial, err) from None
        finally:
            bar.close()
            if not to_stdout and not handle.closed:
                with contextlib.suppress(OSError):
                    os.fsync(handle.fileno())
                handle.close()
    seconds = time.monotonic() - start
    if not to_stdout:
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
                f"{out}: cannot write ({err.strerror or _one_line(err)}); the rows are kept in "
                f"{partial}: make room and rerun with --resume"
            ) from None
    return BatchSummary(
        articles=counts["articles"],
        errors=counts["errors"],
        places=counts["places"],
        control_changes=counts["control_changes"],
        movements=counts["movements"],
        skipped=skipped,
        seconds=seconds,
    )
