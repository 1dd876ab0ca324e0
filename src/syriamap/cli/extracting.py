"""The extraction commands: ``extract`` (one article to JSON, GeoJSON or CSV) and ``eval``
(the extractor scored against gold files, with the quality gates CI runs).

``eval`` prints what :mod:`syriamap.evaluate` computes and nothing more: the figures, rows
and gates are built there, so a notebook and the command agree to the digit.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from .common import (
    EXIT_MISS,
    EXIT_OK,
    command,
    open_gazetteer,
    table,
)

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_extract(args: argparse.Namespace) -> int:
    from ..output import STDOUT, output_target, write_atomic, write_stdout
    from ..pipeline import extract_article
    from ..text import read_article

    if args.output != STDOUT:
        output_target(args.output, inputs=[args.article])  # refused before any work
    article = read_article(
        args.article, published=args.published, allow_private=args.allow_private_urls
    )
    result = extract_article(article, gazetteer=open_gazetteer(args))
    if args.format == "geojson":
        output = json.dumps(result.to_geojson(), ensure_ascii=False) + "\n"
    elif args.format == "csv":
        output = result.to_csv()
    else:
        output = result.to_json(indent=1) + "\n"
    if args.output == STDOUT:
        write_stdout(output)
    else:
        write_atomic(args.output, output, inputs=[args.article])
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from ..evaluate import (
        ARTICLE_COLUMNS,
        Gates,
        article_rows,
        below_gates,
        evaluate_dir,
        figures,
        misses,
        summary,
    )

    articles, total = evaluate_dir(args.gold_dir)
    if args.json:
        print(json.dumps(figures(articles, total), ensure_ascii=False))
    else:
        print(table(article_rows(articles, total), ARTICLE_COLUMNS))
        print(summary(total))
        for miss in misses(total):
            print(f"  {miss}")
    gates = Gates(**{gate: getattr(args, f"min_{gate}") for gate, _ in _GATES})
    below = below_gates(total, gates)
    if below:
        print(f"syriamap: quality below the gate: {'; '.join(below)}", file=sys.stderr)
        return EXIT_MISS
    return EXIT_OK


def fraction(text: str) -> float:
    """A threshold between 0 and 1 (argparse ``type``; its name is in the error message)."""
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(text)
    return value


#: ``--min-*`` options of ``eval``: a field of :class:`syriamap.evaluate.Gates` and its help.
_GATES = (
    ("place_f1", "exit 1 when places F1 is below X (a CI gate)"),
    ("resolution", "exit 1 when resolution accuracy is below X"),
    ("control_f1", "exit 1 when control-change F1 is below X"),
    ("movement_f1", "exit 1 when movement F1 is below X"),
    ("date_accuracy", "exit 1 when the date accuracy of matched control changes is below X"),
    ("mode_accuracy", "exit 1 when the mode accuracy of matched movement legs is below X"),
)


def add_extract(subparsers: Subparsers) -> None:
    extract = command(
        subparsers, "extract", "places, control changes and movements of an article", fetching=True
    )
    extract.add_argument(
        "article", metavar="ARTICLE", help="a text or HTML file, an http(s) URL, or '-' for stdin"
    )
    extract.add_argument("--format", choices=("json", "geojson", "csv"), default="json")
    extract.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date (resolves 'on Friday', 'December 5')",
    )
    extract.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="output file, written atomically ('-', the default: stdout)",
    )
    extract.set_defaults(func=cmd_extract)


def add_eval(subparsers: Subparsers) -> None:
    evaluate = subparsers.add_parser(
        "eval", help="score extraction against gold files (*.gold.json)"
    )
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    for gate, help_text in _GATES:
        flag = "--min-" + gate.replace("_", "-")
        evaluate.add_argument(flag, type=fraction, metavar="X", help=help_text)
    evaluate.set_defaults(func=cmd_eval, gazetteer=None, gazetteer_overlay=None)


#: The commands of this group, each with the function that adds its parser.
PARSERS = {"extract": add_extract, "eval": add_eval}


def add_parsers(subparsers: Subparsers) -> None:
    """Add the extraction commands to ``subparsers``."""
    for add in PARSERS.values():
        add(subparsers)
