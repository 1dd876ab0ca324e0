"""The places stage: the place mentions of a :class:`~syriamap.document.Document`."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..gazetteer import Gazetteer
from .geoparse import find_places


def add_places(document: Document, gazetteer: Gazetteer | None = None) -> Document:
    """The document with ``mentions``: every place its text names, resolved in context."""
    return replace(document, mentions=tuple(find_places(document.text, gazetteer=gazetteer)))
