"""The events stage: control changes and movements of a :class:`~syriamap.document.Document`."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from .control import control_changes
from .movement import movements_in


def add_events(document: Document) -> Document:
    """The document with its ``control_changes`` and ``movements``; an event needs a place,
    so a document without mentions is returned as it is."""
    if not document.mentions:
        return document
    return replace(
        document,
        control_changes=tuple(control_changes(document)),
        movements=tuple(movements_in(document)),
    )
