"""What a place is to a movement (origin, destination, via), and the movement's mode and kind.

The prepositions and the role each gives, the mode cues and the kinds are data
(``lexicon/roles.toml``, ``lexicon/movement.toml``); this module reads the few words before
a place to choose among them.
"""

from __future__ import annotations

import re

from .lexicon import grammar, later, lexicon, pattern
from .lexicon import words as word_list


def mode_of(clause: str) -> str:
    """How the clause's movement went (air, sea, land): the first mode whose cue it holds."""
    for mode, cue in lexicon().modes:
        if cue.search(clause):
            return mode
    return "unknown"


def kind_of(verb: str, actor: str) -> str:
    """The kind of a movement: the first rule of ``movement.kind`` its verb and actor fit."""
    v = verb.lower()
    for rule in lexicon().kinds:
        if (
            v.startswith(rule.verbs)
            and (rule.actor_contains is None or rule.actor_contains in actor.lower())
            and (rule.actor_matches is None or rule.actor_matches.search(actor))
        ):
            return rule.kind
    return "other"


def _people() -> str:
    """The words for the people who move from their home, as one regex group."""
    return "(?:" + "|".join(word_list("movement.people")) + ")"


PREPOSITION = pattern("roles.preposition")
_FIRED = pattern("idioms.fired")

#: Conjunctions after which a preposition no longer governs: "for Libya as Moscow ...".
_NEW_CLAUSE = grammar(
    r"\b(?:as|while|but|after|before|when|because|although|though|where|which|who|that)\b",
    re.IGNORECASE,
)

#: Words that make "to" no direction: "close to", "next to", "according to", "due to".
_NOT_TOWARD = pattern("idioms.not_toward")

#: "in" names a destination only after an arrival or deployment ("arrived in Kobani");
#: elsewhere it locates ("the embassy in Damascus", "retribution in Syria").
ARRIVAL = pattern("movement.arrival")

RESIDENTS_OF = later(
    lambda: re.compile(
        rf"\b{_people()}\s+(?:of|in|from)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:town|city|village|area)\s+of\s+)?$",
        re.IGNORECASE,
    )
)

RESIDENTS_AFTER = later(lambda: re.compile(rf"\s+{_people()}\b", re.IGNORECASE))

#: How far before a place ``role_of`` looks for its preposition.
ROLE_REACH = 60

TOWARD = pattern("roles.toward")


def role_of(prefix: str, *, arrival: bool = False) -> str | None:
    """What a place is to a movement, from the nearest preposition before it (within six
    words): from → origin, to/into/toward → destination (also "in" after an arrival),
    via/through/at → via point."""
    tail = prefix[-ROLE_REACH:]
    matches = list(PREPOSITION.finditer(tail))
    last = matches[-1] if matches else None
    if last is None or len(tail[last.end() :].split()) > 6:
        return None
    if _NEW_CLAUSE.search(tail, last.end()):
        return None  # "destined for Libya as Moscow continued ...": Moscow is no destination
    word = last.group(1).lower()
    if word == "at" and arrival:
        return "destination"  # "landed in Libya at the Al-Jufra air base"
    if word == "at" and len(matches) > 1:
        # "left the naval base at Tartus": the place they left ("from Turkey at the
        # Cilvegözü gate" keeps the gate a via point)
        before = matches[-2]
        near = len(tail[before.end() : last.start()].split()) <= 4
        if near and before.group(1).lower() in ("left", "leaving"):
            return "origin"
    if (word == "in" and not arrival) or word in word_list("roles.no_role"):
        return None
    if word == "in" and len(matches) > 1 and matches[-2].group(1).lower() in ("to", "into"):
        return None  # "deployed forces to a key dam in northern Syria": in locates the dam
    if word == "to" and _NOT_TOWARD.search(tail, 0, last.start()):
        return None  # "close to Beit Jinn", "according to Damascus"
    if _FIRED.search(tail, 0, last.start()):
        return None  # "launching attacks into Israel": what is fired moves, not who fires
    return lexicon().roles.get(word, "destination")
