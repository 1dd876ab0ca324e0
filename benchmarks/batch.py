"""Batch throughput: ``syriamap batch`` with 1 and 2 worker processes and a local Dask cluster.

Builds a JSONL corpus of ``--articles`` articles (the texts of the public corpora in
``../shared/eval/external``, repeated as needed, plus a few paragraphs written for this
benchmark), runs :func:`syriamap.corpus.run_batch` on it in each configuration — every run in a
fresh Python process, so start-up and peak memory are each run's own — and prints articles/s,
MB/s, start-up cost, peak RSS per worker (the largest worker process, from ``getrusage``), the
speed-up from 1 to 2 workers, the Dask overhead against ``--workers 2`` and a projection for
one million articles.  Article text is never printed.  Needs the ``dask`` and ``bench`` extras.

    python benchmarks/batch.py [--corpora DIR] [--articles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external"
CONFIGS = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"]}
CONFIGS["Dask, 2 workers"] = ["--workers", "2", "--dask"]

OWN_TEXTS = (
    "Opposition fighters captured Hama on Dec. 5, 2024, after government forces withdrew south "
    "towards Homs. Residents of Salamiyah said the road to Homs stayed open.",
    "Iranian advisers flew from Damascus to Tehran on Saturday, according to two officials. "
    "Others left by road for Beirut through the Masnaa crossing.",
    "Kurdish-led SDF units took control of Deir ez-Zor as government troops pulled out of the "
    "city. Aid convoys from Qamishli reached Hasakah the same evening.",
)


def build_corpus(corpora: Path, count: int, target: Path) -> int:
    """Write ``count`` articles to ``target``; returns the bytes of article text."""
    texts = list(OWN_TEXTS)
    for path in sorted(corpora.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    size = 0
    with target.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = texts[number % len(texts)]
            size += len(text.encode("utf-8"))
            out.write(json.dumps({"id": f"bench-{number}", "text": text}) + "\n")
    return size


def one_run(corpus: str, out: str, options: list[str]) -> None:
    """In a fresh process: one run_batch, then its figures as JSON on stdout."""
    import io

    from syriamap.corpus import run_batch

    dask = "local" if "--dask" in options else None
    workers = int(options[options.index("--workers") + 1])
    start = time.perf_counter()
    summary = run_batch(corpus, out, workers=workers, dask=dask, progress=io.StringIO())
    wall = time.perf_counter() - start
    # Linux: ru_maxrss in KiB; for children, the largest reaped descendant (a worker).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    parent = resource.getrusage(resource.RUSAGE_SELF)
    worker_kib, parent_kib = children.ru_maxrss, parent.ru_maxrss
    cpu = children.ru_utime + children.ru_stime + parent.ru_utime + parent.ru_stime
    print(
        json.dumps(
            {
                "articles": summary.articles,
                "errors": summary.errors,
                "seconds": wall,
                "worker_mib": worker_kib / 1024,
                "parent_mib": parent_kib / 1024,
                "cpu": cpu,
                "parent_cpu": parent.ru_utime + parent.ru_stime,
            }
        )
    )


def measure(corpus: Path, options: list[str], folder: Path) -> dict[str, float]:
    out = folder / "out.jsonl"
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(corpus), str(out), " ".join(options)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (best)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one[0], args.one[1], args.one[2].split())
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, tiny = folder / "corpus.jsonl", folder / "tiny.jsonl"
        size = build_corpus(args.corpora, args.articles, corpus)
        build_corpus(args.corpora, 1, tiny)
        print(
            f"corpus: {args.articles} articles, {size / 1e6:.1f} MB of text "
            f"({size / args.articles / 1e3:.1f} kB each)"
        )
        results = {}
        for name, options in CONFIGS.items():
            startup = min(measure(tiny, options, folder)["seconds"] for _ in range(args.repeat))
            runs = [measure(corpus, options, folder) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            best["startup"] = startup
            # Steady state: the run without its fixed start-up (pool or cluster, gazetteer).
            best["steady"] = args.articles / max(best["seconds"] - startup, 1e-9)
            results[name] = best
            print(
                f"{name:16} {args.articles / best['seconds']:7.0f} articles/s "
                f"{size / best['seconds'] / 1e6:5.2f} MB/s  (wall {best['seconds']:.2f} s, "
                f"start-up {startup:.2f} s, steady {best['steady']:.0f} articles/s)  "
                f"CPU {best['cpu'] / args.articles * 1e3:.2f} ms/article, "
                f"peak RSS: worker {best['worker_mib']:.0f} MiB, "
                f"parent {best['parent_mib']:.0f} MiB"
            )
        one, two, dask = (results[n] for n in CONFIGS)
        speedup = one["seconds"] / two["seconds"]
        overhead = dask["seconds"] / two["seconds"] - 1
        steady_overhead = two["steady"] / dask["steady"] - 1
        print(
            f"speed-up 1 -> 2 workers: {speedup:.2f}x (steady {two['steady'] / one['steady']:.2f}x)"
        )
        print(
            f"Dask overhead vs --workers 2: {overhead:+.0%} wall, {steady_overhead:+.0%} steady "
            f"(start-up {dask['startup']:.2f} s vs {two['startup']:.2f} s)"
        )
        cpu_overhead = dask["cpu"] / two["cpu"] - 1
        print(f"Dask CPU (all processes, start-up included) vs --workers 2: {cpu_overhead:+.0%}")
        for name, figures in (("--workers", two), ("--dask", dask)):
            per_worker = figures["steady"] / 2
            # The parent (and, with Dask, the scheduler in it) reads, submits and writes every
            # article: its CPU per article caps the rate however many workers there are.
            ceiling = args.articles / figures["parent_cpu"]
            print(
                f"{name}: {per_worker:.0f} articles/s per worker (2-worker steady state); "
                f"parent CPU {figures['parent_cpu'] / args.articles * 1e3:.3f} ms/article, "
                f"so at most {ceiling:.0f} articles/s from one parent"
            )
            for workers in (1, 2, 8, 32, 64):
                rate = min(per_worker * workers, ceiling)
                bound = " (parent-bound)" if rate == ceiling else ""
                minutes = 1_000_000 / rate / 60
                print(f"  1,000,000 articles on {workers:2} workers: {minutes:6.1f} min{bound}")


if __name__ == "__main__":
    main()
