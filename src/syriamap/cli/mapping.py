"""The ``map`` command: an article, a saved extraction or a batch corpus on one HTML page.

What it is given decides the page: a ``.jsonl`` batch corpus gets the corpus map, a saved
``.json``/``.geojson`` extraction is drawn without extracting again, and anything else is an
article, read and extracted first.  The page is written atomically to ``-o``, or to
``outputs/<slug>.html`` named after the title.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..gazetteer import Gazetteer
from .common import EXIT_OK, MAX_STDIN_BYTES, command, open_gazetteer

if TYPE_CHECKING:
    from .common import Subparsers


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


def _colours(pairs: list[str]) -> dict[str, str]:
    """``--colour sdf=#e6ab02`` options as a palette override (known factions, #RRGGBB)."""
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


def _page(args: argparse.Namespace, gazetteer: Gazetteer) -> tuple[str, str | None, str]:
    """The HTML of the map, the title it was given and a summary of what it shows."""
    from ..corpus import Corpus
    from ..maps import render_corpus_html, render_html
    from ..pipeline import extract_article
    from ..text import read_article

    tiles = None if args.tiles.lower() == "none" else args.tiles
    colours = _colours(args.colour)
    saved = _saved(args.input, gazetteer)
    options: dict[str, Any] = dict(cdn=args.cdn, colours=colours, gazetteer=gazetteer, tiles=tiles)
    if isinstance(saved, Corpus):
        title = args.title or os.path.basename(args.input).rsplit(".", 1)[0]
        page = render_corpus_html(saved, title=title, **options)
        events = sum(
            len(r.extraction.control_changes) + len(r.extraction.movements) for r in saved.reports
        )
        return (
            page,
            title,
            f"{len(saved.reports)} reports, {saved.errors} error rows, {events} events",
        )
    text = None
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
    page = render_html(result, text=text, title=title, **options)
    summary = (
        f"{len(result.control_changes)} control changes, "
        f"{len(result.movements)} movements, {len(result.places)} place mentions"
    )
    return page, title, summary


def cmd_map(args: argparse.Namespace) -> int:
    import webbrowser

    from ..maps import write_map
    from ..output import STDOUT, output_target

    if args.output == STDOUT and args.open:
        raise InputError("--open needs a file to open, not -o - (standard output)")
    if args.output not in (None, STDOUT) and os.path.isdir(os.path.dirname(args.output) or "."):
        output_target(args.output, inputs=[args.input])  # refused before any work
    page, title, summary = _page(args, open_gazetteer(args))
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


def add_map(subparsers: Subparsers) -> None:
    mapping = command(
        subparsers, "map", "draw an article's facts on a self-contained HTML map", fetching=True
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


#: The commands of this group, each with the function that adds its parser.
PARSERS = {"map": add_map}


def add_parsers(subparsers: Subparsers) -> None:
    """Add the ``map`` command to ``subparsers``."""
    for add in PARSERS.values():
        add(subparsers)
