"""HTML maps: one article's places, control changes and routes, or a corpus's history.

Stage 9 of the pipeline.  ``article_map`` draws one extraction, ``corpus_map`` a corpus, both
on the page of ``page`` (base map, inlined libraries, legend, repeatable ids, the file) with
the colours of ``palette``, the paths of ``geometry`` and the marks of ``marks``.  Text
reaches a page only as a value: ``elements`` holds the elements whose templates are constant
(the JavaScript, CSS and HTML are files in ``assets/``), ``interaction`` the data the page's
script binds, ``fragments`` the escaped quotes and links, ``panel`` the article beside the map.
"""

from .article_map import render_html
from .corpus_map import render_corpus_html
from .page import DEFAULT_TILES, online_tiles, write_map
from .palette import FACTION_COLOURS, MODE_DASHES

__all__ = [
    "DEFAULT_TILES",
    "FACTION_COLOURS",
    "MODE_DASHES",
    "online_tiles",
    "render_corpus_html",
    "render_html",
    "write_map",
]
