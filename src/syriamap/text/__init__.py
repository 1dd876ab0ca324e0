"""Reading an article: files, URLs, HTML and stdin → trusted text; datelines, dates, sentences.

Stage 2 of the pipeline.  ``sources`` reads a file, standard input or a URL (``fetch`` is the
only code that touches the network), ``decoding`` turns its bytes into trusted text,
``webpage`` reduces a web page to its main text, title and date, and ``article`` holds the
resulting :class:`Article`; ``dateline`` reads the date an article states at its top, ``dates``
finds the dates news text writes, ``sentences`` splits the text, and ``stage`` makes the
:class:`~syriamap.document.Document` every later stage reads.
"""

from .article import Article, article_from_text, parse_published
from .dateline import DATELINE_SPAN, Dateline, find_dateline, find_wire_dateline
from .dates import document_year, find_date, find_dates, reference_date
from .sentences import sentences
from .sources import FETCH_TIMEOUT_S, MAX_ARTICLE_BYTES, read_article, read_url
from .stage import document_from_article
from .webpage import article_from_html

__all__ = [
    "DATELINE_SPAN",
    "FETCH_TIMEOUT_S",
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
