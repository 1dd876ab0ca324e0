"""The ``syriamap`` command: a thin shell over the library.

It parses arguments, calls the library, prints JSON or a table to stdout and turns every
library or input error into one line on stderr with a non-zero exit: 1 when some names did
not resolve, 2 for bad usage or bad input.  argparse (standard library) keeps a cold
``syriamap geocode Hama`` well under half a second.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from .._version import __version__
from ..errors import InputError, PlaceNotFound, SyriamapError
from ..gazetteer import Candidate, Gazetteer, check_name, check_point

EXIT_OK, EXIT_MISS, EXIT_USAGE = 0, 1, 2
MAX_STDIN_BYTES = 10_000_000


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (no usage dump) and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


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


def _row(query: str, candidate: Candidate) -> dict[str, Any]:
    place = candidate.place
    return {"query": query, **place.summary(), "admin1": place.admin1, "score": candidate.score}


def _cell(value: Any) -> str:
    """A table cell on one line: control characters from an article or an id (a newline, an
    ANSI escape) are shown escaped rather than sent to the terminal."""
    text = "" if value is None else str(value)
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    rows = list(rows)
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


OVERLAY_ENV = "SYRIAMAP_GAZETTEER_OVERLAY"
DATA_ENV = "SYRIAMAP_GAZETTEER"


def _gazetteer(args: argparse.Namespace) -> Gazetteer:
    """The shipped gazetteer with the overlays of --gazetteer-overlay, or else of the
    SYRIAMAP_GAZETTEER_OVERLAY variable (paths separated like PATH)."""
    paths = args.gazetteer_overlay or [
        p for p in os.environ.get(OVERLAY_ENV, "").split(os.pathsep) if p
    ]
    data = args.gazetteer or os.environ.get(DATA_ENV)
    gazetteer = Gazetteer(data) if data else Gazetteer.default()
    for path in paths:
        gazetteer = gazetteer.with_overlay(path)
    return gazetteer


def cmd_geocode(args: argparse.Namespace) -> int:
    gazetteer = _gazetteer(args)
    rows: list[dict[str, Any]] = []
    for name in _names(args.names):
        found = gazetteer.search(name, limit=1, country=args.country)
        if found:
            rows.append(_row(name, found[0]))
        else:
            where = f" in {args.country.upper()}" if args.country else ""
            rows.append({"query": name, "error": f"no place{where} matches {name!r}"})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        print(
            _table(
                rows,
                ("query", "name", "country", "kind", "admin1", "lat", "lon", "score", "error")
                if any("error" in r for r in rows)
                else ("query", "name", "country", "kind", "admin1", "lat", "lon", "score"),
            )
        )
    return EXIT_MISS if any("error" in r for r in rows) else EXIT_OK


def cmd_reverse(args: argparse.Namespace) -> int:
    lat, lon = check_point(_number(args.lat, "LAT"), _number(args.lon, "LON"))
    row = _gazetteer(args).where(lat, lon).to_dict()
    if args.json:
        print(json.dumps(row, ensure_ascii=False))
    else:
        row["governorate"] = (row["governorate"] or {}).get("name")
        print(
            _table(
                [row],
                (
                    "name",
                    "country",
                    "kind",
                    "admin1",
                    "governorate",
                    "lat",
                    "lon",
                    "distance_km",
                    "id",
                ),
            )
        )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    gazetteer = _gazetteer(args)
    info = gazetteer.info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return EXIT_OK
    print(f"data: {info['path']} (built {info['built']}, fold version {info['fold_version']})")
    print(f"sources: {info['sources']}")
    print(f"overlays: {', '.join(info['overlays']) or 'none'}")
    print(f"licence: {info['licence']}")
    print(f"places: {info['places']}")
    print(_table(({"kind": k, "places": v} for k, v in info["kinds"].items()), ("kind", "places")))
    print(
        _table(
            ({"country": k, "places": v} for k, v in list(info["countries"].items())[:15]),
            ("country", "places"),
        )
    )
    return EXIT_OK


def fraction(text: str) -> float:
    """A threshold between 0 and 1 (argparse ``type``)."""
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(text)
    return value


def cmd_export(args: argparse.Namespace) -> int:
    from ..gazetteer.export import export

    gazetteer = _gazetteer(args)
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

    data = args.gazetteer or os.environ.get(DATA_ENV)
    base = Gazetteer(data) if data else Gazetteer.default()
    counts = import_geonames(args.dump, args.output, base)
    print(
        f"wrote {args.output}: {counts['added']} places added, {counts['aliases']} spellings "
        f"added, {counts['known']} already known; use it with --gazetteer {args.output}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate_dir

    articles, total = evaluate_dir(args.gold_dir)
    p, c, m = total.places, total.control_changes, total.movements
    md = total.movements_with_destination
    figures = {
        "articles": len(articles),
        "places": {
            "precision": round(p.precision, 4),
            "recall": round(p.recall, 4),
            "f1": round(p.f1, 4),
            "resolution": round(p.resolution, 4),
            "tp": p.tp,
            "fp": p.fp,
            "fn": p.fn,
        },
        "control_changes": {
            "f1": round(c.f1, 4),
            "date_accuracy": round(c.date_accuracy, 4),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
        },
        "movements": {
            "f1": round(m.f1, 4),
            "mode_accuracy": round(m.mode_accuracy, 4),
            "tp": m.tp,
            "fp": m.fp,
            "fn": m.fn,
            "f1_with_destination": round(md.f1, 4),
        },
        "misses": p.misses + c.misses + m.misses,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:

        def shown(score: Any, value: float) -> str:
            # nothing to find and nothing found: no F1 to speak of (not 0.000)
            return "-" if score.tp + score.fp + score.fn == 0 else f"{value:.3f}"

        rows = [
            {
                "article": a.name,
                "places F1": shown(a.places, a.places.f1),
                "resolution": f"{a.places.resolution:.3f}" if a.places.tp else "-",
                "control F1": shown(a.control_changes, a.control_changes.f1),
                "movement F1": shown(a.movements, a.movements.f1),
            }
            for a in [*articles, total]
        ]
        print(_table(rows, ("article", "places F1", "resolution", "control F1", "movement F1")))
        # an accuracy over no matched event is no figure: "n/a", not 0.000
        dates = f"{c.date_accuracy:.3f}" if c.dated else "n/a"
        modes = f"{m.mode_accuracy:.3f}" if m.moded else "n/a"
        print(
            f"places: P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}, resolution "
            f"{p.resolution:.3f}; control changes: F1 {c.f1:.3f} (tp {c.tp} fp {c.fp} fn {c.fn}),"
            f" date accuracy {dates}; movements: F1 {m.f1:.3f} (tp {m.tp} "
            f"fp {m.fp} fn {m.fn}), mode accuracy {modes}; movements with a destination: "
            f"F1 {md.f1:.3f} (tp {md.tp} fp {md.fp} fn {md.fn})"
        )
        for miss in p.misses + c.misses + m.misses:
            print(f"  {miss}")
    gates = (
        ("places F1", p.f1, args.min_place_f1),
        ("resolution", p.resolution, args.min_resolution),
        ("control-change F1", c.f1, args.min_control_f1),
        ("movement F1", m.f1, args.min_movement_f1),
        # an accuracy over no matched event measures nothing, so it holds no gate
        ("date accuracy", c.date_accuracy if c.dated else None, args.min_date_accuracy),
        ("mode accuracy", m.mode_accuracy if m.moded else None, args.min_mode_accuracy),
    )
    below = [
        f"{name} {value:.3f} < {limit}"
        for name, value, limit in gates
        if limit is not None and value is not None and value < limit
    ]
    if below:
        print(f"syriamap: quality below the gate: {'; '.join(below)}", file=sys.stderr)
        return EXIT_MISS
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from ..output import STDOUT, output_target, write_atomic, write_stdout
    from ..pipeline import extract_article
    from ..text import read_article

    if args.output != STDOUT:
        output_target(args.output, inputs=[args.article])  # refused before any work
    article = read_article(
        args.article, published=args.published, allow_private=args.allow_private_urls
    )
    result = extract_article(article, gazetteer=_gazetteer(args))
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


def cmd_batch(args: argparse.Namespace) -> int:
    from ..corpus import GazetteerSpec, run_batch

    overlays = args.gazetteer_overlay or [
        p for p in os.environ.get(OVERLAY_ENV, "").split(os.pathsep) if p
    ]
    spec = GazetteerSpec(args.gazetteer or os.environ.get(DATA_ENV), tuple(overlays))
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


def _saved(source: str, gazetteer: Gazetteer) -> Any:
    """What ``map`` was given when it is not an article: a batch corpus (``.jsonl``) or an
    extraction saved by ``extract`` (``.json``/``.geojson``); None for an article."""
    from ..corpus import read_corpus
    from ..formats import extraction_from_dict, extraction_from_geojson

    lowered = source.lower()
    if source == "-" or not lowered.endswith((".json", ".geojson", ".jsonl")):
        return None
    if lowered.endswith(".jsonl"):
        corpus = read_corpus(source, gazetteer=gazetteer)
        if not corpus.reports:
            raise InputError(f"{source}: no readable extraction ({corpus.errors} error rows)")
        return corpus
    try:
        with open(source, encoding="utf-8") as handle:
            text = handle.read(MAX_STDIN_BYTES + 1)
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{source}: cannot read ({err})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{source}: not JSON (line {err.lineno}: {err.msg})") from None
    try:
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            return extraction_from_geojson(data, gazetteer=gazetteer)
        if not isinstance(data, dict) or "control_changes" not in data:
            raise InputError("not a syriamap extraction (no control_changes)")
        return extraction_from_dict(data, gazetteer=gazetteer)
    except InputError as err:
        raise InputError(f"{source}: {err}") from None


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].rstrip("-")


def cmd_map(args: argparse.Namespace) -> int:
    import webbrowser

    from ..corpus import Corpus
    from ..maps import render_corpus_html, render_html, write_map
    from ..output import STDOUT, output_target
    from ..pipeline import extract_article
    from ..text import read_article

    if args.output == STDOUT and args.open:
        raise InputError("--open needs a file to open, not -o - (standard output)")
    if args.output not in (None, STDOUT) and os.path.isdir(os.path.dirname(args.output) or "."):
        output_target(args.output, inputs=[args.input])  # refused before any work
    gazetteer = _gazetteer(args)
    tiles = None if args.tiles.lower() == "none" else args.tiles
    colours = _colours(args.colour)
    saved = _saved(args.input, gazetteer)
    text = None
    if isinstance(saved, Corpus):
        title = args.title or os.path.basename(args.input).rsplit(".", 1)[0]
        page = render_corpus_html(
            saved, title=title, cdn=args.cdn, colours=colours, gazetteer=gazetteer, tiles=tiles
        )
        events = sum(
            len(r.extraction.control_changes) + len(r.extraction.movements) for r in saved.reports
        )
        summary = f"{len(saved.reports)} reports, {saved.errors} error rows, {events} events"
    else:
        if saved is not None:
            result = saved
            title = args.title or result.title
        else:
            article = read_article(
                args.input, published=args.published, allow_private=args.allow_private_urls
            )
            result = extract_article(article, gazetteer=gazetteer)
            text = article.text
            title = args.title or article.title
        page = render_html(
            result,
            text=text,
            title=title,
            cdn=args.cdn,
            colours=colours,
            gazetteer=gazetteer,
            tiles=tiles,
        )
        summary = (
            f"{len(result.control_changes)} control changes, "
            f"{len(result.movements)} movements, {len(result.places)} place mentions"
        )
    if args.output is not None:
        target = args.output
    else:
        # the title's slug, else the file's (a title in Arabic script has no Latin slug)
        name = os.path.basename(args.input).rsplit(".", 1)[0] if args.input != "-" else ""
        target = os.path.join("outputs", f"{_slug(title or '') or _slug(name) or 'map'}.html")
    path = write_map(page, target, inputs=[args.input])
    where = "standard output" if target == STDOUT else path
    print(f"wrote {where} ({summary})", file=sys.stderr)
    if args.open:
        webbrowser.open(path.resolve().as_uri())
    return EXIT_OK


def _colours(pairs: list[str]) -> dict[str, str]:
    """``--colour sdf=#e6ab02`` options as a palette override (known factions, #RRGGBB)."""
    import re

    from ..maps import FACTION_COLOURS

    colours = {}
    for pair in pairs:
        faction, _, colour = pair.partition("=")
        faction = faction.strip().lower()
        if faction not in FACTION_COLOURS:
            known = ", ".join(FACTION_COLOURS)
            raise InputError(f"--colour {pair!r}: unknown faction (one of {known})")
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour.strip()):
            raise InputError(f"--colour {pair!r}: the colour must look like #RRGGBB")
        colours[faction] = colour.strip().lower()
    return colours


def cmd_timeline(args: argparse.Namespace) -> int:
    """A place's control history across a corpus, with sources; without --place, one line
    per place (changes, latest holder, days on which reports disagree)."""
    from ..corpus import control_history, holder_on, read_corpus
    from ..gazetteer import fold

    gazetteer = _gazetteer(args)
    corpus = read_corpus(args.corpus, gazetteer=gazetteer)
    history = control_history(corpus.reports)
    if args.place is not None:
        check_name(args.place)
        wanted = {c.place.id for c in gazetteer.search(args.place, limit=5)}
        key = fold(args.place)
        chosen = [
            entries
            for place_id, entries in history.items()
            if place_id in wanted or fold(entries[0].place.name) == key
        ]
        if not chosen:
            raise PlaceNotFound(args.place, f"no control change at {args.place!r} in {args.corpus}")
        rows = [
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
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            columns = ("date", "from", "to", "flag", "report", "evidence")
            shown = [
                {**r, "date": r["date"] or "undated", "evidence": _clip(r["evidence"] or "")}
                for r in rows
            ]
            print(_table(shown, columns))
        return EXIT_OK
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
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_table(summary, ("place", "changes", "holder", "since", "conflicting_days")))
    return EXIT_OK


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{what} {text[:40]!r} is not a number") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="syriamap", description="Turn news about the war in Syria into maps.")
    parser.add_argument("--version", action="version", version=f"syriamap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    common = _Parser(add_help=False)
    common.add_argument(
        "--gazetteer",
        metavar="PATH",
        help=f"use this gazetteer file (e.g. from import-geonames; default ${DATA_ENV})",
    )
    common.add_argument(
        "--gazetteer-overlay",
        action="append",
        metavar="PATH",
        help=f"add places/aliases from a CSV or GeoJSON file (repeatable; default ${OVERLAY_ENV})",
    )
    fetching = _Parser(add_help=False)
    fetching.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="also fetch URLs on loopback, private and link-local addresses (refused by default)",
    )

    geocode = sub.add_parser("geocode", parents=[common], help="resolve place names to coordinates")
    geocode.add_argument("names", nargs="+", metavar="NAME", help="place names; '-' reads stdin")
    geocode.add_argument("--json", action="store_true", help="print one JSON list")
    geocode.add_argument("--country", metavar="CC", help="only places in this ISO2 country")
    geocode.set_defaults(func=cmd_geocode)

    reverse = sub.add_parser(
        "reverse", parents=[common], help="nearest place to a point, and its governorate"
    )
    reverse.add_argument("lat", metavar="LAT")
    reverse.add_argument("lon", metavar="LON")
    reverse.add_argument("--json", action="store_true", help="print one JSON object")
    reverse.set_defaults(func=cmd_reverse)

    extract = sub.add_parser(
        "extract",
        parents=[common, fetching],
        help="places, control changes and movements of an article",
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

    batch = sub.add_parser(
        "batch",
        parents=[common, fetching],
        help="extract many articles (JSONL, directory or glob) into JSONL or GeoParquet",
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

    mapping = sub.add_parser(
        "map",
        parents=[common, fetching],
        help="draw an article's facts on a self-contained HTML map",
    )
    mapping.add_argument(
        "input",
        metavar="INPUT",
        help="an article (text or HTML file, http(s) URL, '-' for stdin), a saved extraction "
        "(.json, .geojson) or a batch corpus (.jsonl)",
    )
    mapping.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output HTML ('-': stdout; default: outputs/<slug>.html)",
    )
    mapping.add_argument(
        "--colour",
        action="append",
        default=[],
        metavar="FACTION=#RRGGBB",
        help="override a faction's colour (repeatable), e.g. --colour sdf=#e6ab02",
    )
    mapping.add_argument(
        "--tiles",
        default="OpenStreetMap.Mapnik",
        metavar="NAME|none",
        help="online tile layer offered (unticked) beside the offline basemap: an "
        "xyzservices name, or 'none' (default: OpenStreetMap.Mapnik)",
    )
    mapping.add_argument("--open", action="store_true", help="open it in the default browser")
    mapping.add_argument("--title", help="title shown on the map")
    mapping.add_argument("--published", metavar="YYYY-MM-DD", help="publication date")
    mapping.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet from CDNs and add online tiles (smaller file)",
    )
    mapping.set_defaults(func=cmd_map)

    timeline = sub.add_parser(
        "timeline", parents=[common], help="control history per place across a batch corpus"
    )
    timeline.add_argument("corpus", metavar="CORPUS", help="a JSONL file from 'syriamap batch'")
    timeline.add_argument("--place", metavar="NAME", help="one place's history, with sources")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(func=cmd_timeline)

    evaluate = sub.add_parser("eval", help="score extraction against gold files (*.gold.json)")
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument(
        "--min-place-f1",
        type=fraction,
        metavar="X",
        help="exit 1 when places F1 is below X (a CI gate)",
    )
    evaluate.add_argument(
        "--min-resolution",
        type=fraction,
        metavar="X",
        help="exit 1 when resolution accuracy is below X",
    )
    evaluate.add_argument(
        "--min-control-f1",
        type=fraction,
        metavar="X",
        help="exit 1 when control-change F1 is below X",
    )
    evaluate.add_argument(
        "--min-movement-f1", type=fraction, metavar="X", help="exit 1 when movement F1 is below X"
    )
    evaluate.add_argument(
        "--min-date-accuracy",
        type=fraction,
        metavar="X",
        help="exit 1 when the date accuracy of matched control changes is below X",
    )
    evaluate.add_argument(
        "--min-mode-accuracy",
        type=fraction,
        metavar="X",
        help="exit 1 when the mode accuracy of matched movement legs is below X",
    )
    evaluate.set_defaults(func=cmd_eval, gazetteer=None, gazetteer_overlay=None)

    data = sub.add_parser("gazetteer", help="inspect or export the gazetteer data")
    data_sub = data.add_subparsers(dest="action", required=True, parser_class=_Parser)
    info = data_sub.add_parser("info", parents=[common], help="sources, counts, build date")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=cmd_info)
    export = data_sub.add_parser(
        "export", parents=[common], help="write places as GeoJSON or CSV (QGIS, pandas)"
    )
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    export.add_argument("--country", metavar="CC", help="only this ISO2 country")
    export.add_argument("--kind", help="only this kind (city, airbase, admin1, ...)")
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)"
    )
    export.set_defaults(func=cmd_export)
    imported = data_sub.add_parser(
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``syriamap`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else sys.argv[1:])
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
        return 130
    return status
