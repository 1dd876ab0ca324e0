"""The gazetteer commands: ``geocode``, ``reverse`` and ``gazetteer info|export|import-geonames``.

Names come from the arguments or, for ``-``, one a line from standard input (capped and
checked like any name, since a pipe is untrusted input); a name that does not resolve is a
row with an ``error`` and exit 1, so a script still gets every other answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..gazetteer import Candidate, check_name, check_point
from .common import (
    EXIT_MISS,
    EXIT_OK,
    MAX_STDIN_BYTES,
    Parser,
    command,
    gazetteer_options,
    open_gazetteer,
    table,
)

if TYPE_CHECKING:
    from .common import Subparsers


def _read_stdin_names() -> list[str]:
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise InputError(f"standard input is larger than {MAX_STDIN_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"standard input is not UTF-8 (byte {err.start})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _names(arguments: Sequence[str]) -> list[str]:
    names: list[str] = []
    for argument in arguments:
        names.extend(_read_stdin_names() if argument == "-" else [argument])
    if not names:
        raise InputError("no names given")
    for name in names:
        check_name(name)
    return names


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{what} {text[:40]!r} is not a number") from None


def _row(query: str, candidate: Candidate) -> dict[str, Any]:
    place = candidate.place
    return {"query": query, **place.summary(), "admin1": place.admin1, "score": candidate.score}


_GEOCODE_COLUMNS = ("query", "name", "country", "kind", "admin1", "lat", "lon", "score")
_REVERSE_COLUMNS = ("level", "name", "name_ar", "pcode", "id", "km")
#: The levels ``reverse`` prints, smallest first, as keys of ``Whereabouts.to_dict()``.
_REVERSE_LEVELS = ("subdistrict", "district", "governorate", "within_country")


def cmd_geocode(args: argparse.Namespace) -> int:
    gazetteer = open_gazetteer(args)
    rows: list[dict[str, Any]] = []
    for name in _names(args.names):
        found = gazetteer.search(name, limit=1, country=args.country)
        if found:
            rows.append(_row(name, found[0]))
        else:
            where = f" in {args.country.upper()}" if args.country else ""
            rows.append({"query": name, "error": f"no place{where} matches {name!r}"})
    missed = any("error" in r for r in rows)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        print(table(rows, (*_GEOCODE_COLUMNS, "error") if missed else _GEOCODE_COLUMNS))
    return EXIT_MISS if missed else EXIT_OK


def cmd_reverse(args: argparse.Namespace) -> int:
    lat, lon = check_point(_number(args.lat, "LAT"), _number(args.lon, "LON"))
    row = open_gazetteer(args).where(lat, lon).to_dict()
    if args.json:
        print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    # One line per level, the nearest place first: the subdistrict is named in plain text.
    rows = [{"level": f"nearest {row['kind']}", **row, "km": row["distance_km"]}]
    rows += [
        {"level": level.replace("within_", ""), **row[level]}
        for level in _REVERSE_LEVELS
        if row[level] is not None
    ]
    print(table(rows, _REVERSE_COLUMNS))
    if row["outside_km"]:
        print(f"(on the border: {row['outside_km']} km outside Syria's outline)")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    info = open_gazetteer(args).info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return EXIT_OK
    print(f"data: {info['path']} (built {info['built']}, fold version {info['fold_version']})")
    print(f"sources: {info['sources']}")
    print(f"overlays: {', '.join(info['overlays']) or 'none'}")
    print(f"licence: {info['licence']}")
    print(f"places: {info['places']}")
    print(table(({"kind": k, "places": v} for k, v in info["kinds"].items()), ("kind", "places")))
    by_source = (
        {"source": source, "kind": kind, "places": count}
        for source, kinds in info["by_source"].items()
        for kind, count in kinds.items()
    )
    print(table(by_source, ("source", "kind", "places")))
    countries = list(info["countries"].items())[:15]
    print(table(({"country": k, "places": v} for k, v in countries), ("country", "places")))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ..gazetteer.export import export

    gazetteer = open_gazetteer(args)
    country = args.country.upper() if args.country else None
    if args.output != "-":
        from ..output import output_target

        output_target(args.output)  # refused before any work
    count = export(gazetteer, args.format, args.output, country=country, kind=args.kind)
    if args.output != "-":
        print(f"wrote {count} places to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_import_geonames(args: argparse.Namespace) -> int:
    from ..gazetteer.geonames import import_geonames

    counts = import_geonames(args.dump, args.output, open_gazetteer(args, overlays=False))
    print(
        f"wrote {args.output}: {counts['added']} places added, {counts['aliases']} spellings "
        f"added, {counts['known']} already known; use it with --gazetteer {args.output}",
        file=sys.stderr,
    )
    return EXIT_OK


def add_geocode(subparsers: Subparsers) -> None:
    geocode = command(subparsers, "geocode", "resolve place names to coordinates")
    geocode.add_argument("names", nargs="+", metavar="NAME", help="place names; '-' reads stdin")
    geocode.add_argument("--json", action="store_true", help="print one JSON list")
    geocode.add_argument("--country", metavar="CC", help="only places in this ISO2 country")
    geocode.set_defaults(func=cmd_geocode)


def add_reverse(subparsers: Subparsers) -> None:
    reverse = command(
        subparsers,
        "reverse",
        "what lies at a point: subdistrict, district, governorate, nearest place",
    )
    reverse.add_argument("lat", metavar="LAT")
    reverse.add_argument("lon", metavar="LON")
    reverse.add_argument("--json", action="store_true", help="print one JSON object")
    reverse.set_defaults(func=cmd_reverse)


def add_gazetteer(subparsers: Subparsers) -> None:
    """``gazetteer info|export|import-geonames``: the data itself, not a lookup."""
    data = subparsers.add_parser("gazetteer", help="inspect or export the gazetteer data")
    actions = data.add_subparsers(dest="action", required=True, parser_class=Parser)
    common = gazetteer_options()
    info = actions.add_parser("info", parents=[common], help="sources, counts, build date")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=cmd_info)
    export = actions.add_parser(
        "export", parents=[common], help="write places as GeoJSON or CSV (QGIS, pandas)"
    )
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    export.add_argument("--country", metavar="CC", help="only this ISO2 country")
    export.add_argument("--kind", help="only this kind (city, airbase, admin1, ...)")
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)"
    )
    export.set_defaults(func=cmd_export)
    imported = actions.add_parser(
        "import-geonames",
        parents=[common],
        help="extend the gazetteer with a GeoNames country dump (SY.zip / SY.txt)",
    )
    imported.add_argument("dump", metavar="FILE", help="a GeoNames dump you downloaded")
    imported.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.sqlite",
        help="where to write the extended gazetteer",
    )
    imported.set_defaults(func=cmd_import_geonames)


#: The commands of this group, each with the function that adds its parser.
PARSERS = {"geocode": add_geocode, "reverse": add_reverse, "gazetteer": add_gazetteer}


def add_parsers(subparsers: Subparsers) -> None:
    """Add the gazetteer commands to ``subparsers``."""
    for add in PARSERS.values():
        add(subparsers)
