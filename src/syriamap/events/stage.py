"""The events stage: control changes and movements of a :class:`~syriamap.document.Document`."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from .control import find_control_changes
from .movement import find_movements


def add_events(document: Document) -> Document:
    """The document with its ``control_changes`` and ``movements``; an event needs a place,
    so a document without mentions is returned as it is."""
    if not document.mentions:
        return document
    mentions, parts = list(document.mentions), list(document.sentences)
    text, anchor, year = document.text, document.anchor, document.year
    return replace(
        document,
        control_changes=tuple(find_control_changes(text, mentions, anchor, parts=parts, year=year)),
        movements=tuple(find_movements(text, mentions, anchor, parts=parts, year=year)),
    )
