"""Article → facts, the stages in order: text → places → events → :class:`Extraction`.

>>> import syriamap
>>> result = syriamap.extract("Rebels captured Hama on Dec. 5, 2024. Iranian staff flew from "
...                           "Damascus to Tehran.")
>>> [(c.place.name, c.new_controller, str(c.date)) for c in result.control_changes]
[('Hama', 'opposition', '2024-12-05')]
>>> [(m.mode, m.origin.name, [d.name for d in m.destinations]) for m in result.movements]
[('air', 'Damascus', ['Tehran'])]
"""

from __future__ import annotations

from datetime import date

from .document import Document
from .events import add_events
from .formats import Extraction
from .gazetteer import Gazetteer
from .places import add_places
from .text import Article, article_from_text, document_from_article

#: The stages :func:`extract_document` runs, in order; each takes a document and returns it
#: with its findings added (the text stage makes the document from an article).
STAGES = ("text", "places", "events")


def extract_document(article: Article, *, gazetteer: Gazetteer | None = None) -> Document:
    """The article through every stage: its :class:`~syriamap.document.Document` with
    sentences, dates, place mentions, control changes and movements."""
    return add_events(add_places(document_from_article(article), gazetteer))


def extract_article(article: Article, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Places, control changes and movements of an :class:`~syriamap.text.Article`."""
    return Extraction.of(extract_document(article, gazetteer=gazetteer))


def extract(
    text: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Places, control changes and movements of an article's text, read as ``syriamap
    extract`` reads a text file (:func:`~syriamap.text.article_from_text`): line endings
    normalised, the first line the title when it reads as a headline, the date ``published``
    or else the text's dateline.  Offsets index into that normalised text.

    Empty text is an :class:`~syriamap.errors.InputError`, as it is on the command line.

    >>> extract("Beirut, December 9, 2024 - Rebels captured Hama on Sunday.").published
    datetime.date(2024, 12, 9)
    """
    article = article_from_text(text, published=published, url=url, title=title)
    return extract_article(article, gazetteer=gazetteer)
