"""End-to-end extraction speed: article text → places, control changes and movements.

Measures ``syriamap.extract`` (geoparsing, event rules, dates) over the texts of the
four public corpora in ``../shared/eval/external`` and, in the same run, geotext 0.4.0 (which
only regex-matches capitalised words against a city list) on the same texts — the peer the
issue names.  Prints MB/s on one core, cold (fresh gazetteer, empty caches) and warm (second
pass), and the ratio to geotext.  Article text is never printed.

    python benchmarks/extract_speed.py [--corpora DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external"


def load_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def rate(run: Callable[[str], object], texts: list[str]) -> float:
    """MB of text per second for ``run`` over ``texts``."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for text in texts:
        run(text)
    return size / (time.perf_counter() - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts (warm)")
    args = parser.parse_args()

    from geotext import GeoText

    from syriamap import extract
    from syriamap.gazetteer import Gazetteer
    from syriamap.gazetteer.names import clear_caches

    texts = load_texts(args.corpora)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    clear_caches()
    gazetteer = Gazetteer(Gazetteer.default_path())
    cold = rate(lambda t: extract(t, gazetteer=gazetteer), texts)
    warm = max(rate(lambda t: extract(t, gazetteer=gazetteer), texts) for _ in range(args.repeat))
    peer = max(rate(GeoText, texts) for _ in range(max(1, args.repeat)))
    print(f"{len(texts)} articles, {megabytes:.2f} MB (GeoWebNews, LGL, TR-News, GeoVirus)")
    print(f"{'system':28s} {'MB/s':>7s} {'ratio to geotext':>17s}")
    print(f"{'syriamap extract, cold':28s} {cold:7.2f} {'1/' + format(peer / cold, '.1f'):>17s}")
    print(f"{'syriamap extract, warm':28s} {warm:7.2f} {'1/' + format(peer / warm, '.1f'):>17s}")
    print(f"{'geotext 0.4.0 (names only)':28s} {peer:7.2f} {'1':>17s}")
    print("targets: >= 2 MB/s per core end to end; >= 1/15 of geotext's speed")


if __name__ == "__main__":
    main()
