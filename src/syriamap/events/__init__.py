"""Events: who took which place from whom, and who moved from where to where, by what means.

Stage 4 of the pipeline.  The rules read the sentences, dates and place mentions of a
:class:`~syriamap.document.Document`; each event carries the sentence that states it.
``stage`` adds the events to the document.  The rules: ``control`` (the driver of the
control-change ``triggers``) and ``movement``, with what they share — ``cues`` (fast path,
windows, clauses), ``factions`` (who acts), ``targets`` (which places a trigger takes),
``roles`` (a place's role in a movement, its mode and kind) and ``dating``.  Their vocabulary
is data, ``lexicon/*.toml``, read by ``lexicon``.
"""

from ..document import ControlChange, Evidence, Movement
from ..text import document_year, sentences
from .control import find_control_changes
from .factions import faction_of
from .lexicon import lexicon as _lexicon
from .movement import find_movements
from .stage import add_events

__all__ = [
    "FACTIONS",
    "ControlChange",
    "Evidence",
    "Movement",
    "add_events",
    "document_year",
    "faction_of",
    "find_control_changes",
    "find_movements",
    "sentences",
]


def __getattr__(name: str) -> object:
    """``FACTIONS``, the canonical factions and their patterns in the order they are tried, is
    read from the lexicon when first asked for, not at import."""
    if name == "FACTIONS":
        return _lexicon().factions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
