"""HTML maps: one article's places, control changes and routes, or a corpus's history.

``article_map`` draws one extraction, ``corpus_map`` a corpus; ``elements`` holds the map
elements whose templates are constants (no article string is ever template source).
"""

from .article_map import (
    DEFAULT_TILES,
    FACTION_COLOURS,
    MODE_DASHES,
    online_tiles,
    render_html,
    write_map,
)
from .corpus_map import render_corpus_html

__all__ = [
    "DEFAULT_TILES",
    "FACTION_COLOURS",
    "MODE_DASHES",
    "online_tiles",
    "render_corpus_html",
    "render_html",
    "write_map",
]
