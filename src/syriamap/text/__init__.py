"""Reading an article: files, URLs, HTML and stdin → trusted text; datelines, dates, sentences.

Stage 2 of the pipeline.  ``article`` reads and decodes a source into an :class:`Article`
(``fetch`` is the only code that touches the network), ``dates`` finds the dates news text
writes, ``sentences`` splits the text, and ``stage`` makes the
:class:`~syriamap.document.Document` every later stage reads.
"""

from .article import (
    MAX_ARTICLE_BYTES,
    Article,
    Dateline,
    article_from_html,
    article_from_text,
    find_dateline,
    find_wire_dateline,
    parse_published,
    read_article,
    read_url,
)
from .dates import document_year, find_date, find_dates, reference_date
from .sentences import sentences
from .stage import document_from_article

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "Dateline",
    "article_from_html",
    "article_from_text",
    "document_from_article",
    "document_year",
    "find_date",
    "find_dateline",
    "find_dates",
    "find_wire_dateline",
    "parse_published",
    "read_article",
    "read_url",
    "reference_date",
    "sentences",
]
