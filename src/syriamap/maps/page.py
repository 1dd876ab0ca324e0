"""The page every syriamap map is drawn on: base map, libraries, legend, view, ids, text, file.

Both maps start from :func:`base_map` and end with :func:`fix_ids` and :func:`page_text`, so
the guarantees of the package (offline by default, repeatable bytes, a page that can always be
written) are kept here once:

* Leaflet and jQuery are inlined from the ``xstatic`` registry packages and the basemap is the
  gazetteer's own outlines, so nothing is fetched when the page opens (``cdn=True`` gives
  folium's usual CDN links); the online tile layer is offered unticked;
* folium's random element ids become counters, and the rendered text loses folium's
  indentation and blank lines, so the same input gives the same, smaller, bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure
from markupsafe import Markup

from ..errors import InputError
from ..gazetteer import Gazetteer
from ..output import STDOUT, write_atomic, write_stdout
from .assets import vendor
from .elements import HtmlBlock, Legend
from .fragments import web_url
from .geometry import Point
from .palette import MODE_DASHES, Style

__all__ = [
    "DEFAULT_TILES",
    "base_map",
    "fit",
    "fix_ids",
    "legend",
    "online_tiles",
    "page_text",
    "write_map",
]

#: The online tile layer offered (unticked) beside the offline basemap: an xyzservices name.
DEFAULT_TILES = "OpenStreetMap.Mapnik"


def online_tiles(name: str, *, show: bool = False) -> folium.TileLayer:
    """The xyzservices provider ``name`` ("OpenStreetMap.Mapnik", "CartoDB Positron" …) as an
    overlay in the layer control; shown only when ``show`` (a hidden layer fetches nothing)."""
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise InputError(f"unknown tile layer {name!r} (an xyzservices name)") from None
    if provider.requires_token():
        raise InputError(f"tile layer {name!r} needs an API key; choose another")
    return folium.TileLayer(
        tiles=provider,
        name=f"{provider.name} (online)",
        overlay=True,
        show=show,
        control=True,
    )


def _basemap(fmap: folium.Map, gazetteer: Gazetteer) -> None:
    """Country outlines and governorate lines from the gazetteer: a map with no tiles."""
    features = []
    for place in gazetteer:
        if place.geometry and place.kind in {"country", "admin1"}:
            features.append(
                {"type": "Feature", "geometry": place.geometry, "properties": {"kind": place.kind}}
            )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Outlines",
        style_function=lambda f: {
            "color": "#555555" if f["properties"]["kind"] == "country" else "#aaaaaa",
            "weight": 1.2 if f["properties"]["kind"] == "country" else 0.6,
            "fillColor": "#f4f1ea",
            "fillOpacity": 1.0 if f["properties"]["kind"] == "country" else 0.0,
        },
        control=False,
    ).add_to(fmap)


def _libraries() -> HtmlBlock:
    """Leaflet's CSS, jQuery and Leaflet, inlined (the packaged files are ours to trust, and a
    value, not template source)."""
    return HtmlBlock(
        Markup("<style>{}</style><script>{}</script><script>{}</script>").format(
            Markup(vendor("leaflet", "leaflet.css")),
            Markup(vendor("jquery", "jquery.min.js")),
            Markup(vendor("leaflet", "leaflet.js")),
        )
    )


def base_map(
    *, cdn: bool = False, gazetteer: Gazetteer | None = None, tiles: str | None = DEFAULT_TILES
) -> tuple[folium.Map, Figure]:
    """An empty map with Leaflet inlined (or CDN-linked), the offline basemap and the optional
    online tile layer: what every syriamap page starts from."""
    fmap = folium.Map(
        location=(35.0, 38.0), zoom_start=6, tiles=None, control_scale=True, prefer_canvas=False
    )
    root = fmap.get_root()
    if not isinstance(root, Figure):
        raise TypeError("folium map without a Figure root")
    if not cdn:
        fmap.default_js = []
        fmap.default_css = []
        root.header.add_child(_libraries(), name="syriamap_assets")
    _basemap(fmap, gazetteer or Gazetteer.default())
    if tiles:
        online_tiles(tiles, show=cdn).add_to(fmap)
    return fmap, root


_NO_NOTES = Markup("")


def legend(
    style: Style,
    factions: set[str],
    title: str,
    subtitle: str,
    notes: Markup = _NO_NOTES,
    *,
    url: str | None = None,
) -> Legend:
    """The title block and the key (factions, modes, and ``notes``: trusted HTML lines)."""
    return Legend(
        title=title,
        subtitle=subtitle,
        url=url or None,
        link=web_url(url),
        rows=[(f, style.colour(f)) for f in sorted(factions)],
        modes=[(mode, dash or "") for mode, dash in MODE_DASHES.items()],
        notes=notes,
    )


def fit(fmap: folium.Map, points: list[Point]) -> None:
    """Fit the view to ``points``, kept clear of the legend (top left) and the timeline
    (bottom left)."""
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds(
            [(min(lats) - 0.5, min(lons) - 0.5), (max(lats) + 0.5, max(lons) + 0.5)],
            padding_top_left=(130, 10),
            padding_bottom_right=(10, 40),
        )


def fix_ids(fmap: folium.Map) -> None:
    """Replace folium's random element ids with counters (byte-identical output)."""
    counter = 0
    seen: set[int] = set()

    def walk(element: Any) -> None:
        nonlocal counter
        if id(element) in seen:
            return
        seen.add(id(element))
        counter += 1
        element._id = f"{counter:08x}"
        for part in ("header", "html", "script"):
            inner = getattr(element, part, None)
            if isinstance(inner, Element):
                walk(inner)
        children = list(element._children.values())
        for child in children:
            walk(child)
        element._children = {child.get_name(): child for child in children}

    walk(fmap)


_SURROGATE = re.compile("[\ud800-\udfff]")


def page_text(root: Figure) -> str:
    """The rendered page.  folium's templates indent every line and leave blank ones: a third
    of a big map.  Line breaks are kept (JavaScript's semicolon insertion depends on them);
    nothing here holds whitespace-sensitive text (article text is single-line HTML).  Lines
    are split at ``\\n`` only, and only spaces and tabs trimmed: ``str.splitlines`` would also
    break at U+2028, form feeds and the like inside an article's text and lose them.  A lone
    surrogate (possible in a Python string, never in UTF-8) becomes U+FFFD, as a browser would
    show it, so the page can always be written."""
    page: str = _SURROGATE.sub("\ufffd", root.render())
    lines = (line.strip(" \t\r") for line in page.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def write_map(html_text: str, path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write the page atomically (temporary file + rename) by the output policy of
    :mod:`syriamap.output` (``-`` is standard output; a symlink is written through; a
    device, FIFO or one of ``inputs`` is refused) and return the path written."""
    if str(path) == STDOUT:
        write_stdout(html_text)
        return Path(STDOUT)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{target}: cannot make its folder ({err.strerror or err})") from None
    write_atomic(target, html_text, inputs=inputs)
    return target
