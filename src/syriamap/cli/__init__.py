"""The ``syriamap`` command: thin commands that parse, call the library and print.

One module per command group, each exposing ``add_parsers(subparsers)``: ``gazetteer``
(geocode, reverse, gazetteer info/export/import-geonames), ``extracting`` (extract, eval),
``mapping`` (map) and ``corpus`` (batch, timeline).  What they share (the parser class,
the gazetteer options, tables, exit codes, the one-line error handling) is in ``common``.
argparse (standard library) keeps a cold ``syriamap geocode Hama`` well under half a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from . import corpus, extracting, gazetteer, mapping
from .common import Parser, run

__all__ = ["build_parser", "main"]

#: Every command, in the order ``syriamap --help`` lists them (the order of 0.1).
COMMANDS = ("geocode", "reverse", "extract", "batch", "map", "timeline", "eval", "gazetteer")

_ADD = {
    name: add
    for group in (gazetteer, extracting, mapping, corpus)
    for name, add in group.PARSERS.items()
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``syriamap`` command with every command group's subcommands."""
    parser = Parser(prog="syriamap", description="Turn news about the war in Syria into maps.")
    parser.add_argument("--version", action="version", version=f"syriamap {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMANDS:
        _ADD[name](subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``syriamap`` console script; returns the exit status."""
    args = build_parser().parse_args(list(argv) if argv is not None else sys.argv[1:])
    return run(args)
