"""Who acts: the faction named in some words, the actor before a verb, the side that held a place.

The factions and their names are data (``lexicon/factions.toml``, tried in order, most
specific first); the rules here read where in a sentence the actor stands: after the last
reporting verb, outside prepositional phrases, not a bare "its troops".
"""

from __future__ import annotations

import re

from .cues import REACH, WORDS_REACH
from .lexicon import cued_pattern, grammar, later, lexicon, pattern
from .lexicon import words as word_list


def faction_of(words: str) -> str | None:
    """The canonical faction named in ``words`` (most specific first), or None."""
    for name, named in lexicon().factions:
        if named.search(words):
            return name
    return None


def reporting_verbs() -> str:
    """The verbs that attribute a statement, as regex alternatives."""
    return "|".join(word_list("factuality.reporting"))


_REPORTED = later(lambda: re.compile(rf"\b(?:{reporting_verbs()})\b(?:\s+that\b)?", re.IGNORECASE))
_POSSESSED = pattern("factions.possessed")

_PRONOUN_SUBJECT = grammar(
    r"\b(?:they|it|we|he|she)(?:\s+(?:have|had|has|had been|then|also|now|later|reportedly))*"
    r"\s*$",
    re.IGNORECASE,
)

_ENDS_IN_PREPOSITION = grammar(
    r"\b(?:by|after|while|as|when|to|against|with|on|of|for|from)\s*$", re.IGNORECASE
)

_BARE_GENERIC = pattern("factions.bare_generic")

_OBJECT_PHRASE = grammar(
    r"(?<!loyal )(?<!allied )(?<!close )(?<!aligned )\b(?:to|against|on|upon|over|with)\s+[^,;]*",
    re.IGNORECASE,
)


def actor_faction(words: str, *, near: bool = True) -> str | None:
    """The faction of whoever acts in ``words``, the text before the verb.  Named after the
    last reporting verb ("Rebel sources said the Syrian military had ..." is the military); not
    in a prepositional phrase ("a blow to Assad's regime by seizing Aleppo"); not a bare "its
    troops", which are the earlier subject's ("Israel said its troops had ...").  ``near=False``
    skips the first rule, for text that runs past the verb's own clause."""
    # the words just before the verb name who does it ("leading to opposition forces
    # seizing"), unless a preposition ends them ("a blow to the regime by seizing")
    last = words[-WORDS_REACH:]  # what the two end-anchored patterns read
    if near and not _ENDS_IN_PREPOSITION.search(last) and not _PRONOUN_SUBJECT.search(last):
        found = faction_of(" ".join(_POSSESSED.sub(" ", words).split()[-4:]))
        if found:
            return found
    parts = _REPORTED.split(words)
    tail = _OBJECT_PHRASE.sub(" ", _POSSESSED.sub(" ", parts[-1]))
    if len(parts) > 1 and _BARE_GENERIC.fullmatch(tail):
        # "Israel says troops had seized ...": bare troops are the speaker's
        head = faction_of(_OBJECT_PHRASE.sub(" ", " ".join(parts[:-1])))
        if head and head not in word_list("factions.generic_sides"):
            return head
    for text in (tail, _OBJECT_PHRASE.sub(" ", _POSSESSED.sub(" ", words))):
        found = faction_of(text)
        if found:
            return found
    return None


ANAPHORIC = pattern("factions.anaphoric")
HELD, HELD_CUES = cued_pattern("factions.held")
_FROM_ACTOR = pattern("factions.from_actor")


def previous_of(s: str, start: int, held: re.Match[str] | None) -> str | None:
    """Who held the place before, when the sentence says: "from the SDF" after the verb,
    else a "Kurdish-held" anywhere in it."""
    m = _FROM_ACTOR.search(s, start, start + REACH)
    if m:
        return faction_of(m.group(0))
    if held:
        return faction_of(held.group(0))
    return None


#: "from Turkey", "into Iraq": a country named where a movement goes is no actor.
_PLACE_PHRASE = grammar(
    r"\b(?:from|to|into|toward|towards|in|via|through|across|for|with|against)\s+"
    r"(?:the\s+)?"
    r"(?-i:[A-Z])[\w’'-]*"
)


def faction_outside_place_phrases(sentence: str) -> str | None:
    """The faction a sentence names outside "from Turkey", "into Iraq" (no actor there)."""
    return faction_of(_PLACE_PHRASE.sub("", sentence))
