"""Which places a trigger takes: the object after the verb, and the list that goes on from it.

"took over army posts ..., including Mount Hermon", "captured Homs, Aleppo and Hama": the
first place after the verb and those joined to it as a list are taken; a place that only
locates ("near the city of Hama", "southeast of Aleppo") is not.
"""

from __future__ import annotations

import re

from ..document import Mention
from .lexicon import grammar, pattern

INCLUDING = grammar(r",?\s+(?:including|among them)\s+", re.IGNORECASE)

#: Words between a capture verb and the place taken: "the central Syrian city of",
#: "the majority of", "large districts of" — but not "it, near" or "positions outside".
OBJECT_GAP = grammar(
    r"(?!.*\b(?:near|outside|around|close to|north|south|east|west|towards?|it|them|outskirts|"
    r"edge|gates|walls|approaches|doorstep|on|via|through|across)\b)"
    r"\s*(?:[\w’'-]+:?\s+){0,9}(?:(?:the|its|their)\s+(?:\w+\s+)?capital,\s+)?",
    re.IGNORECASE,
)

#: "Following their capture of ...": the possessive before a nominal capture.
THEIR = grammar(r"\b(?:their|its)\s+(?:\w+\s+)?$")

#: "took control of the area", "withdrew from the city": a place named before.
THE_PLACE_AFTER = pattern("anaphora.the_place_after")

LIST_GAP = grammar(
    r"\s*(?:,|and|or|&|as well as|along with|together with|plus)\s*"
    r"(?:(?:and|as well as|along with|together with|including|plus)\s+)?(?:the\s+)?"
    r"(?:(?:surrounding|nearby|neighbouring|neighboring|other|key|strategic)\s+)?"
    r"(?:(?:areas|towns|villages|cities|positions|sites|localities)\s+(?:such as|like|"
    r"including)\s+)?"
    r"(?!(?:[\w’'-]+\s+){0,3}(?:on|to|toward|towards|at|near|from|in|into|for|outside)\s)"
    r"(?:[\w’'-]+\s+){0,4}",
    re.IGNORECASE,
)

_LOCATES = grammar(
    r"\s+(?:(?:just|some|about|\d+\s*(?:km|kilometres|kilometers|miles))\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"near|outside|in|in the|of|around)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?",
    re.IGNORECASE,
)


def listed(targets: list[Mention], s: str, offset: int) -> list[Mention]:
    """The first place and those joined to it as a list ("Homs, Aleppo and Hama"); a place
    further on ("in the eastern Aleppo countryside") is context, not a target."""
    if not targets:
        return []
    kept = [targets[0]]
    last_end = targets[0].end
    for m in targets[1:]:
        gap = s[last_end - offset : m.start - offset]
        if LIST_GAP.fullmatch(gap):
            kept.append(m)
        elif not _LOCATES.fullmatch(gap):
            break
        # "Safireh and Khanasser southeast of Aleppo, as well as the Kweires airport": Aleppo
        # locates the towns and is skipped; the list goes on after it
        last_end = m.end
    return kept
