"""The corpus commands: ``batch`` (many articles into JSONL or GeoParquet, optionally on
Dask) and ``timeline`` (a place's control history across a batch corpus, with sources).

``batch`` hands the workers the gazetteer's paths (a :class:`~syriamap.corpus.GazetteerSpec`),
not an opened gazetteer, so it crosses to any process or Dask machine cheaply.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ..errors import PlaceNotFound
from ..gazetteer import Gazetteer, check_name
from .common import (
    EXIT_OK,
    command,
    gazetteer_data,
    gazetteer_overlays,
    open_gazetteer,
    table,
)

if TYPE_CHECKING:
    from ..corpus import Holding
    from .common import Subparsers


def cmd_batch(args: argparse.Namespace) -> int:
    from ..corpus import GazetteerSpec, run_batch

    spec = GazetteerSpec(gazetteer_data(args), tuple(gazetteer_overlays(args)))
    summary = run_batch(
        args.input,
        args.out,
        spec=spec,
        workers=args.workers,
        dask=args.dask,
        resume=args.resume,
        allow_private_urls=args.allow_private_urls,
        dask_timeout=args.dask_timeout,
    )
    where = "standard output" if args.out == "-" else args.out
    print(f"syriamap: batch: wrote {where}: {summary.describe()}", file=sys.stderr)
    return EXIT_OK


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _place_history(
    history: dict[str, list[Holding]], place: str, corpus: str, gazetteer: Gazetteer
) -> list[dict[str, Any]]:
    """Every control change at ``place`` (the gazetteer's readings of it, or the same folded
    name), oldest first, with the report it comes from."""
    from ..gazetteer import fold

    check_name(place)
    wanted = {c.place.id for c in gazetteer.search(place, limit=5)}
    key = fold(place)
    chosen = [
        entries
        for place_id, entries in history.items()
        if place_id in wanted or fold(entries[0].place.name) == key
    ]
    if not chosen:
        raise PlaceNotFound(place, f"no control change at {place!r} in {corpus}")
    return [
        {
            "place": h.place.name,
            "date": h.date.isoformat() if h.date else None,
            "from": h.previous_controller or "unknown",
            "to": h.new_controller,
            "flag": "CONFLICT" if h.conflict else ("historic" if h.historic else ""),
            "report": h.report_id,
            "title": h.title,
            "url": h.url,
            "evidence": h.evidence,
        }
        for entries in chosen
        for h in entries
    ]


def _places_summary(history: dict[str, list[Holding]]) -> list[dict[str, Any]]:
    """One row per place: changes, latest holder, days on which reports disagree; the most
    contested places first."""
    from ..corpus import holder_on

    summary: list[dict[str, Any]] = []
    for entries in history.values():
        latest = holder_on(entries, None)
        summary.append(
            {
                "place": entries[0].place.name,
                "changes": len(entries),
                "holder": latest.new_controller if latest else None,
                "since": latest.date.isoformat() if latest and latest.date else None,
                "conflicting_days": len({h.date for h in entries if h.conflict}),
            }
        )
    summary.sort(key=lambda r: (-r["changes"], r["place"]))
    return summary


def cmd_timeline(args: argparse.Namespace) -> int:
    """A place's control history across a corpus, with sources; without --place, one line
    per place (changes, latest holder, days on which reports disagree)."""
    from ..corpus import control_history, read_corpus

    gazetteer = open_gazetteer(args)
    corpus = read_corpus(args.corpus, gazetteer=gazetteer)
    history = control_history(corpus.reports)
    if args.place is not None:
        rows = _place_history(history, args.place, args.corpus, gazetteer)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            shown = [
                {**r, "date": r["date"] or "undated", "evidence": _clip(r["evidence"] or "")}
                for r in rows
            ]
            print(table(shown, ("date", "from", "to", "flag", "report", "evidence")))
        return EXIT_OK
    summary = _places_summary(history)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(table(summary, ("place", "changes", "holder", "since", "conflicting_days")))
    return EXIT_OK


def add_batch(subparsers: Subparsers) -> None:
    batch = command(
        subparsers,
        "batch",
        "extract many articles (JSONL, directory or glob) into JSONL or GeoParquet",
        fetching=True,
    )
    batch.add_argument(
        "input",
        metavar="INPUT",
        help="JSONL (one article per line: id, text|html|url, title, published, source; "
        "'-' reads it from stdin), a directory of .txt/.html files, or a quoted glob",
    )
    batch.add_argument(
        "-o",
        "--out",
        required=True,
        metavar="FILE",
        help="output: JSONL, one row per article in input order (.parquet: GeoParquet "
        "events; '-': JSONL rows streamed to stdout, no --resume)",
    )
    batch.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes (default: one per core); with --dask, local cluster size",
    )
    batch.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="run on Dask: a local cluster, or the scheduler at ADDRESS (tcp://host:8786)",
    )
    batch.add_argument(
        "--dask-timeout",
        type=float,
        metavar="SECONDS",
        help="give up reaching the --dask scheduler after this long (default 10)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run (FILE.partial), skipping articles already written",
    )
    batch.set_defaults(func=cmd_batch)


def add_timeline(subparsers: Subparsers) -> None:
    timeline = command(subparsers, "timeline", "control history per place across a batch corpus")
    timeline.add_argument("corpus", metavar="CORPUS", help="a JSONL file from 'syriamap batch'")
    timeline.add_argument("--place", metavar="NAME", help="one place's history, with sources")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(func=cmd_timeline)


#: The commands of this group, each with the function that adds its parser.
PARSERS = {"batch": add_batch, "timeline": add_timeline}


def add_parsers(subparsers: Subparsers) -> None:
    """Add the corpus commands to ``subparsers``."""
    for add in PARSERS.values():
        add(subparsers)
