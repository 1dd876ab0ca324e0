"""What every ``syriamap`` command shares: the parser class, the shared options, the
gazetteer they open, tables for the terminal, exit codes and the one-line error handling.

The command modules stay thin (parse, call the library, print) because everything they
would otherwise repeat is here: the ``--gazetteer``/``--gazetteer-overlay`` options and
their environment variables are read in one place, and :func:`run` is the only code that
turns a library error into a message, so every error path is one line on stderr and a
non-zero exit: 1 when some names did not resolve, 2 for bad usage or bad input.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import InputError, PlaceNotFound, SyriamapError
from ..gazetteer import Gazetteer

EXIT_OK, EXIT_MISS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
MAX_STDIN_BYTES = 10_000_000

OVERLAY_ENV = "SYRIAMAP_GAZETTEER_OVERLAY"
DATA_ENV = "SYRIAMAP_GAZETTEER"


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (no usage dump) and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


if TYPE_CHECKING:
    from typing import TypeAlias

    #: What ``add_subparsers()`` returns, where a command group adds its commands (argparse
    #: gives the type no public name).
    Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def gazetteer_options() -> Parser:
    """The ``--gazetteer`` and ``--gazetteer-overlay`` options, as a parent parser."""
    options = Parser(add_help=False)
    options.add_argument(
        "--gazetteer",
        metavar="PATH",
        help=f"use this gazetteer file (e.g. from import-geonames; default ${DATA_ENV})",
    )
    options.add_argument(
        "--gazetteer-overlay",
        action="append",
        metavar="PATH",
        help=f"add places/aliases from a CSV or GeoJSON file (repeatable; default ${OVERLAY_ENV})",
    )
    return options


def fetching_options() -> Parser:
    """The ``--allow-private-urls`` option of the commands that may fetch an article."""
    options = Parser(add_help=False)
    options.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="also fetch URLs on loopback, private and link-local addresses (refused by default)",
    )
    return options


def command(
    subparsers: Subparsers, name: str, help: str, *, fetching: bool = False
) -> argparse.ArgumentParser:
    """A command with the gazetteer options (every command that resolves places) and, with
    ``fetching``, the option of commands that may fetch an article from a URL."""
    parents = [gazetteer_options(), *([fetching_options()] if fetching else [])]
    return subparsers.add_parser(name, parents=parents, help=help)


def gazetteer_data(args: argparse.Namespace) -> str | None:
    """The gazetteer file of --gazetteer, else of $SYRIAMAP_GAZETTEER; None: the shipped one."""
    data: str | None = args.gazetteer or os.environ.get(DATA_ENV)
    return data


def gazetteer_overlays(args: argparse.Namespace) -> list[str]:
    """The overlays of --gazetteer-overlay, else of $SYRIAMAP_GAZETTEER_OVERLAY (paths
    separated like PATH)."""
    paths: list[str] = args.gazetteer_overlay or [
        p for p in os.environ.get(OVERLAY_ENV, "").split(os.pathsep) if p
    ]
    return paths


def open_gazetteer(args: argparse.Namespace, *, overlays: bool = True) -> Gazetteer:
    """The gazetteer the options name, with their overlays unless ``overlays`` is false."""
    data = gazetteer_data(args)
    gazetteer = Gazetteer(data) if data else Gazetteer.default()
    for path in gazetteer_overlays(args) if overlays else ():
        gazetteer = gazetteer.with_overlay(path)
    return gazetteer


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def cell(value: Any) -> str:
    """A table cell on one line: control characters from an article or an id (a newline, an
    ANSI escape) are shown escaped rather than sent to the terminal."""
    text = "" if value is None else str(value)
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """``rows`` as left-aligned columns under a header line, without trailing spaces."""
    rows = list(rows)
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; a library error becomes one line on stderr and an exit code."""
    try:
        status: int = args.func(args)
    except (InputError, PlaceNotFound) as err:
        print(f"syriamap: error: {err}", file=sys.stderr)
        return EXIT_USAGE if isinstance(err, InputError) else EXIT_MISS
    except SyriamapError as err:
        print(f"syriamap: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("syriamap: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status
