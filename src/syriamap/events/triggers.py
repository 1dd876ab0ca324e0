"""The control-change families: capture, loss, fall, nominal capture, withdrawal.

Each family is one function that reads a :class:`Reading` (one sentence with its places) and
keeps the changes its trigger words state, the first statement of a place and controller
winning (:func:`keep`).  The trigger words, their cues and the confidence each family gives
are data (``lexicon/control.toml``); what is here is how a family finds who took which place
from whom around its trigger: a passive's "by", a fall's "to"/"from", a withdrawal's side.
:data:`FAMILIES` lists them in the order the driver (:mod:`.control`) runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from ..document import Evidence, Mention
from .cues import (
    NEGATION,
    NEGATION_STOP,
    REACH,
    WORDS_REACH,
    Once,
    Spans,
    cue_matches,
    cued,
    end_of_clause,
    folded,
    subject_of,
)
from .factions import ANAPHORIC, HELD, HELD_CUES, actor_faction, faction_of, previous_of
from .lexicon import confidence, cued_pattern, grammar, pattern
from .lexicon import words as word_list
from .roles import TOWARD
from .targets import INCLUDING, OBJECT_GAP, THE_PLACE_AFTER, THEIR, listed

#: Each trigger pattern with its literal cues, lower case: every match of the pattern contains
#: one, so a sentence without any is skipped (see ``cued``).
_CAPTURE, _CAPTURE_CUES = cued_pattern("control.capture")

_PASSIVE = grammar(
    r"(?:\b(?P<subject>\w+)\s+)?\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)

_BY = grammar(r"\s+by\s+(?:the\s+)?([^,.;]{2,60})", re.IGNORECASE)
_FEELING_WORDS = pattern("idioms.feelings")
_NOT_A_PRESENT = pattern("control.not_a_present")
_LOST, _LOST_CUES = cued_pattern("control.lost")
_TO_ACTOR = grammar(r"[^,.;]{0,20}?\bto\s+(?:the\s+)?([^,.;]{2,50})", re.IGNORECASE)
_FALL, _FALL_CUES = cued_pattern("control.fall")

#: "since the fall of Assad", "after the regime's fall": a fall used as a noun is no place
#: falling; only a place that owns it ("Hama's fall") or follows it ("the fall of Hama",
#: read by ``_NOMINAL``) fell.
_FALL_NOUN_BEFORE = grammar(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|since|after|before|following|until|amid|"
    r"upon|with)|(?P<owner>['’]s))\s+$",
    re.IGNORECASE,
)

_FALL_NOUN_AFTER = grammar(r"\s+of\b", re.IGNORECASE)
_NOMINAL, _NOMINAL_CUES = cued_pattern("control.nominal")
_WITHDRAW, _WITHDRAW_CUES = cued_pattern("control.withdrawal")

#: The changes a sentence states, by (place id, new controller), in the order found.
Found = dict[tuple[str, str], tuple[Mention, str, "str | None", "str | None", float]]


def keep(
    found: Found, m: Mention, new: str, previous: str | None, actor: str | None, confidence: float
) -> None:
    """Add a change unless the sentence already stated one for the place and controller: the
    first statement wins, and many verbs over one list of places keep no copy per verb."""
    found.setdefault((m.place.id, new), (m, new, previous, actor, confidence))


class Reading:
    """One sentence as the control families read it: its text, its places (no countries, no
    names used as adjectives) and the sentence-wide readings each family may need, worked out
    once; ``found`` collects the changes in the order the families state them."""

    __slots__ = ("earlier", "faction", "found", "held", "lowered", "offset", "s", "spans")

    def __init__(self, sentence: Evidence, here: list[Mention], before: str) -> None:
        self.s, self.offset = sentence.text, sentence.start
        self.spans = Spans(here, self.offset)
        #: the faction the sentence before names ("... these fighters had seized ...")
        self.earlier = Once(partial(faction_of, before))
        self.faction = Once(partial(faction_of, self.s))
        self.lowered = folded(self.s)
        self.held = HELD.search(self.s) if cued(self.lowered, HELD_CUES) else None
        self.found: Found = {}


def captures(r: Reading) -> None:
    """ "Rebels captured Hama", "Hama was captured by rebels", "ousted the SDF from Manbij"."""
    s = r.s
    for verb in cue_matches(_CAPTURE, _CAPTURE_CUES, s, r.lowered):
        before = s[max(0, verb.start() - REACH) : verb.start()]
        # "advanced toward Damascus after capturing Quneitra": the advance is another clause
        # (a clause word after the verb, "... Hama before nightfall", cuts nothing before it)
        window = NEGATION_STOP.split(before[-40:])[-1]
        if NEGATION.search(window + s[verb.start() : verb.end() + 15]):
            continue
        # the two words before the verb are all these two patterns read
        if verb.group(1).lower() in word_list("control.present_forms") and (
            _NOT_A_PRESENT.search(before[-WORDS_REACH:]) or s.startswith(" of", verb.end())
        ):
            continue  # "their capture of Manbij", "a bid to seize Homs": no taking here
        passive = _PASSIVE.search(before[-WORDS_REACH:])
        if passive:
            _passive_capture(r, verb, passive)
        else:
            _active_capture(r, verb, before)


def _passive_capture(r: Reading, verb: re.Match[str], passive: re.Match[str]) -> None:
    """ "Hama was captured by rebels": the place comes before, the actor after "by"."""
    s = r.s
    by = _BY.match(s, verb.end())
    subject = (passive.group("subject") or "").lower()
    if subject in word_list("idioms.personal_pronouns") or (
        by and _FEELING_WORDS.search(by.group(1))
    ):
        return  # "she was seized by a sense of fear": a person, a feeling
    for m in r.spans.last_ending_by(verb.start()):
        keep(
            r.found,
            m,
            (faction_of(by.group(1)) if by else None) or "unknown",
            previous_of(s, verb.end(), r.held),
            by.group(1).strip() if by else None,
            confidence("control.capture.passive"),
        )


def _active_capture(r: Reading, verb: re.Match[str], before: str) -> None:
    """ "Rebels captured Hama and Homs": the places after the verb, taken by who is before it."""
    s, offset, spans = r.s, r.offset, r.spans
    clause_end = end_of_clause(s, verb.end())
    targets = spans.starting(verb.end(), clause_end)
    gap = s[verb.end() : targets[0].start - offset] if targets else ""
    # "took over army posts in the buffer zone, including the Syrian side of Mount
    # Hermon": what the list includes was taken too
    gap = INCLUDING.split(gap)[-1]
    if targets and not OBJECT_GAP.fullmatch(gap):
        return  # "captured it, near the city of Hama": Hama locates, is not taken
    word = verb.group(1).lower()
    if word.startswith("ousted"):
        targets = spans.starting(verb.end(), verb.end() + 30)
    if not targets and THE_PLACE_AFTER.match(s, verb.end()):
        # "... the city of Qusayr, just as rebel forces took control of the area"
        targets = spans.last_ending_by(verb.start())
    if not targets:
        return  # "fighters captured it": a pronoun, no place taken here
    actor_text = subject_of(before)
    actor = actor_faction(actor_text) or actor_faction(before, near=False) or "unknown"
    if ANAPHORIC.search(actor_text) and r.earlier():
        # "... Turkish-backed fighters launched an offensive. ... days after these
        # fighters had seized Tal Rifaat": the faction named just before
        actor = r.earlier() or actor
    if actor == "unknown" and word.startswith(word_list("control.needs_a_faction")):
        return  # a bare "took" is a capture only when a faction takes
    previous = previous_of(s, verb.end(), r.held)
    if word.startswith("ousted"):
        previous = faction_of(s[verb.start() : verb.end()]) or previous
    elif word == "replaced":
        previous = faction_of(s[verb.end() : verb.end() + 40]) or previous
    for m in listed(targets, s, offset):
        keep(r.found, m, actor, previous, actor_text.strip() or None, confidence("control.capture"))


def losses(r: Reading) -> None:
    """ "The regime lost control of Aleppo to the rebels": who lost it is before the verb."""
    s, offset = r.s, r.offset
    for lost in cue_matches(_LOST, _LOST_CUES, s, r.lowered):
        if NEGATION.search(s[max(0, lost.start() - 30) : lost.start()]):
            continue
        targets = r.spans.starting(lost.end(), lost.end() + 30)
        to = _TO_ACTOR.match(s, targets[0].end - offset) if targets else None
        for m in listed(targets, s, offset):
            keep(
                r.found,
                m,
                (faction_of(to.group(1)) if to else None) or "unknown",
                faction_of(subject_of(s[max(0, lost.start() - REACH) : lost.start()])),
                None,
                confidence("control.lost"),
            )


def falls(r: Reading) -> None:
    """ "Hama fell to the rebels", "Hama's fall", "saw Aleppo fall from Assad's control"."""
    s, offset, spans = r.s, r.offset, r.spans
    for fall in cue_matches(_FALL, _FALL_CUES, s, r.lowered):
        if NEGATION.search(s[max(0, fall.start() - 30) : fall.end()]):
            continue
        if _FALL_NOUN_AFTER.match(s, fall.end()):
            continue  # "the fall of Hama" is the nominal rule's, "the fall of Assad" none
        tail = fall.group("tail") or ""
        noun = _FALL_NOUN_BEFORE.search(s, max(0, fall.start() - 12), fall.start())
        if noun and noun.group("owner"):
            # "Hama's fall to the rebels": the place just before the possessive
            owner = noun.start("owner")
            targets = spans.ending(owner, owner)
        elif noun:
            continue
        else:
            targets = spans.ending(fall.start() - 79, fall.start())
        if not targets:
            continue
        after = tail.lower()
        new = "unknown"
        previous = None
        if after.strip().startswith("to"):
            new = faction_of(tail) or "unknown"
        elif after.strip().startswith("from"):
            previous = faction_of(tail)
            first = targets[0].start - offset
            new = faction_of(s[max(0, first - REACH) : first]) or "opposition"
        for m in listed(targets, s, offset):
            keep(r.found, m, new, previous, tail.strip() or None, confidence("control.fall"))


def nominals(r: Reading) -> None:
    """ "their capture of Manbij", "the fall of Hama": the place right after the noun."""
    s = r.s
    for nominal in cue_matches(_NOMINAL, _NOMINAL_CUES, s, r.lowered):
        targets = r.spans.starting(nominal.end(), nominal.end() + 4)
        if not targets or NEGATION.search(s[max(0, nominal.start() - 30) : nominal.start()]):
            continue
        before = s[max(0, nominal.start() - REACH) : nominal.start()]
        # "Following their capture of Manbij, Turkish-backed forces ...": "their" is the
        # sentence's subject; otherwise who took it is said before the noun, or not at all
        possessive = THEIR.search(before)
        actor = (r.faction() if possessive else actor_faction(before)) or "unknown"
        for m in targets:
            previous = previous_of(s, nominal.end(), r.held)
            keep(r.found, m, actor, previous, None, confidence("control.nominal"))


def withdrawals(r: Reading) -> None:
    """ "The army withdrew from Hama": the place changes hands, to whom the sentence may not say."""
    s, offset, spans = r.s, r.offset, r.spans
    for withdrawal in cue_matches(_WITHDRAW, _WITHDRAW_CUES, s, r.lowered):
        if NEGATION.search(s[max(0, withdrawal.start() - 40) : withdrawal.start()]):
            continue
        targets = [
            m
            for m in spans.starting(withdrawal.end(), withdrawal.end() + 25)
            # "withdrew toward Homs": where they went, not what they lost
            if not TOWARD.search(s, withdrawal.end(), m.start - offset)
        ]
        if not targets and "outside" in withdrawal.group(1).lower():
            targets = spans.last_ending_by(withdrawal.start())
        before = s[max(0, withdrawal.start() - REACH) : withdrawal.start()]
        side = actor_faction(subject_of(before)) or actor_faction(before)
        for m in targets:
            keep(r.found, m, "unknown", side, None, confidence("control.withdrawal"))


#: The families in the order they run: a change two families state keeps the first one's reading.
FAMILIES: tuple[Callable[[Reading], None], ...] = (captures, losses, falls, nominals, withdrawals)
