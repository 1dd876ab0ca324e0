"""Fingerprints of what the extractor says, to prove a refactor changed no output.

F1 figures can stay equal while the facts behind them move: a change swapped for another scores
the same.  This script prints a SHA-256 of every article's extraction, in all three output forms
(JSON, GeoJSON, CSV), and of one ``syriamap batch`` run, for the dev articles (read as
``syriamap eval`` reads them) and the four public corpora in ``../shared/eval/external``.  Run it
before and after a change on the same day (relative dates resolve against today when an article
gives no year) and diff the two outputs:

    python benchmarks/golden.py > before.txt   # ... change ...
    python benchmarks/golden.py > after.txt && diff before.txt after.txt

Only hashes are printed, never article text.  ``--per-article`` adds one line per article, so a
difference can be traced to the article that moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _api() -> tuple[object, object]:
    """The article reader and extractor, from wherever this release keeps them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from syriamap import extract_article
            from syriamap.text import article_from_text
        except ImportError:  # 0.1: flat modules
            from syriamap.article import article_from_text  # type: ignore[no-redef]
            from syriamap.extract import extract_article  # type: ignore[no-redef]
    return article_from_text, extract_article


def _dev(folder: Path) -> Iterator[tuple[str, str, dict[str, object]]]:
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if not text_path.is_file():
            source = str(gold.get("text_source") or "")
            found = [p for p in folder.parent.parent.glob("**/*.txt") if p.name in source]
            if not found:
                continue
            text_path = found[0]
        meta = {"published": gold.get("published"), "url": gold.get("url")}
        yield gold_path.name, text_path.read_text(encoding="utf-8"), meta


def _external(path: Path) -> Iterator[tuple[str, str, dict[str, object]]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield str(row["id"]), row["text"], {"title": row.get("title"), "url": row.get("url")}


def _digest(parts: list[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()[:16]


def _batch_digest(articles: list[tuple[str, str, dict[str, object]]]) -> str:
    """One ``syriamap batch`` run over the articles, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "in.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for name, text, meta in articles:
                row = {"id": name, "text": text, **{k: v for k, v in meta.items() if v}}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        result = Path(tmp) / "out.jsonl"
        subprocess.run(
            [sys.executable, "-m", "syriamap.cli", "batch", str(corpus), "-o", str(result)],
            check=True,
            capture_output=True,
        )
        return hashlib.sha256(result.read_bytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared eval folder")
    parser.add_argument("--per-article", action="store_true", help="a line per article")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch runs")
    args = parser.parse_args()
    article_from_text, extract_article = _api()
    sets = {"dev": list(_dev(args.shared / "dev"))}
    for path in sorted((args.shared / "external").glob("*.jsonl")):
        sets[path.stem] = list(_external(path))
    for label, articles in sets.items():
        forms: dict[str, list[bytes]] = {"json": [], "geojson": [], "csv": []}
        for name, text, meta in articles:
            source = article_from_text(text, **meta)  # type: ignore[operator]
            result = extract_article(source)  # type: ignore[operator]
            one = {
                "json": result.to_json().encode(),
                "geojson": json.dumps(result.to_geojson(), sort_keys=True).encode(),
                "csv": result.to_csv().encode(),
            }
            for form, data in one.items():
                forms[form].append(data)
            if args.per_article:
                print(f"  {label}/{name}: {_digest(list(one.values()))}")
        line = "  ".join(f"{form} {_digest(parts)}" for form, parts in forms.items())
        batch = "" if args.no_batch else f"  batch {_batch_digest(articles)}"
        print(f"{label:9} {len(articles):4} articles  {line}{batch}", flush=True)


if __name__ == "__main__":
    main()
