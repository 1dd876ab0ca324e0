"""Extraction cost from 1 KB to 5 MB documents: linear in the text, whatever the text.

Two forms of input, neither written by the code under test:

* ``news``: the real dev articles of ``../shared/eval/dev/*.txt`` (outside this repository;
  read at run time) concatenated in name order and repeated until the size is reached;
* ``one sentence``: the adversarial form of issue 11 — one unpunctuated "sentence" of
  "rebels captured Homs and the army retook Hama and ..." over Syrian place names.

Every measurement runs in a fresh interpreter (gazetteer loaded and warmed on a short text
first, so a row is the extraction alone): the median of ``--runs`` runs with min–max, the cost
per KB, the peak memory of the process above its warmed-up size, and, in the same process on
the same text, geotext 0.4.0 (``GeoText(text)``: capitalised words matched against a city
list) as the peer, with the ratio.  Article text is never printed.

    python benchmarks/extract_scaling.py [--dev DIR] [--runs N] [--sizes 1e3,1e4,...]

The default run takes about four minutes on an idle core, most of it the 5 MB one-sentence rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
DEFAULT_SIZES = "1e3,1e4,1e5,1e6,5e6"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from geotext import GeoText
from syriamap import extract

form, size, dev = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
if form == "news":
    source = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(dev).glob("*.txt")))
else:
    places = ["Homs", "Hama", "Aleppo", "Idlib", "Daraa", "Raqqa", "Manbij", "Kobani",
              "Palmyra", "Tartus", "Douma", "Jableh"]
    source = " and ".join(
        f"rebels captured {places[i % 12]} and the army retook {places[(i + 5) % 12]}"
        for i in range(len(places))
    ) + " and "
text = (source * (size // len(source) + 1))[:size]
extract("Rebels captured Homs. Troops withdrew from Hama to Damascus.")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
extract(text)
ours = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
GeoText(text)
peer = time.perf_counter() - start
print(json.dumps({"ours": ours, "peer": peer, "grown_kb": peak - base, "peak_kb": peak}))
"""


def _run(form: str, size: int, dev: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, form, str(size), str(dev)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):8.3f} [{min(values):.3f}–{max(values):.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="characters, comma-separated")
    args = parser.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    forms = ["news", "one sentence"]
    if not any(args.dev.glob("*.txt")):
        print(f"no dev articles in {args.dev}: measuring the one-sentence form only")
        forms = ["one sentence"]
    print(f"{args.runs} fresh processes per row; times in seconds, median [min–max]")
    print(
        f"{'form':13s} {'size':>9s} {'syriamap s':>24s} {'µs/KB':>7s} {'peak MB':>8s} "
        f"{'+MB':>6s} {'geotext s':>24s} {'ratio':>6s}"
    )
    for form in forms:
        for size in sizes:
            runs = [_run(form, size, args.dev) for _ in range(args.runs)]
            ours = [r["ours"] for r in runs]
            peer = [r["peer"] for r in runs]
            per_kb = statistics.median(ours) / (size / 1000) * 1e6
            peak = max(r["peak_kb"] for r in runs) / 1024
            grown = max(r["grown_kb"] for r in runs) / 1024
            ratio = statistics.median(ours) / max(statistics.median(peer), 1e-9)
            print(
                f"{form:13s} {size:>9,d} {_spread(ours):>24s} {per_kb:7.0f} {peak:8.0f} "
                f"{grown:6.0f} {_spread(peer):>24s} {ratio:6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
