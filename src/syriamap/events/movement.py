"""Movements: who moved from where to where, through where, how, and when.

A movement word (evacuate, withdraw, flee, fly, travel, transfer, deploy, return, cross into
…, ``lexicon/movement.toml``); clauses joined by "while others", "others" or ";" are separate
movements.  Origin after "from"/"leaving"/"out of", destinations after "to"/"into"/"toward",
crossings and "via" places as via points (:mod:`.roles`); mode only from a cue (plane/flight
→ air; road/overland/convoy/bus/border gate → land; ship/naval → sea).  A departure that
names no origin takes the one the article last stated (:func:`_carry_origins`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import partial

from ..document import Document, Evidence, Mention, Movement
from ..gazetteer import Place
from .cues import (
    AREAL,
    ATTRIBUTIVE,
    NEGATION,
    REACH,
    Once,
    Spans,
    clause_spans,
    cued,
    folded,
    per_sentence,
    subject_of,
)
from .dating import document_of, when_stated, with_dates
from .factions import actor_faction, faction_outside_place_phrases
from .lexicon import confidence, cued_pattern, grammar, lexicon, pattern
from .lexicon import words as word_list
from .roles import (
    ARRIVAL,
    PREPOSITION,
    RESIDENTS_AFTER,
    RESIDENTS_OF,
    ROLE_REACH,
    kind_of,
    mode_of,
    role_of,
)
from .targets import LIST_GAP, THE_PLACE_AFTER

_MOVE, _MOVE_CUES = cued_pattern("movement.move")

#: "Civilians were (evacuated)", "troops had (crossed)": the auxiliaries are no part of who.
_AUXILIARIES = grammar(
    r"(?:\s+(?:were|was|are|is|had|have|has|been|being|seen|reportedly|also|then|later))+\s*$",
    re.IGNORECASE,
)

#: "Iraqi officials said 2,000 troops crossed": who said it is not who moved.
_REPORTER = grammar(r"^.*\b(?:said|says|reported|announced)\s+(?:that\s+)?", re.IGNORECASE)
_DENIED, _DENIED_CUES = cued_pattern("factuality.denied")
_FLED_THE_COUNTRY = pattern("anaphora.fled_the_country")
_FROM_THE_PLACE = pattern("anaphora.from_the_place")

#: "fled the country", "left the city": the place the article is about.
_THE_PLACE = pattern("anaphora.the_place")


def _left_behind(
    verb: re.Match[str],
    clause: str,
    clause_start: int,
    spans: Spans,
    principal: Place | None,
) -> Place | None:
    """The place a withdrawal or flight that names none leaves: "... had taken Homs as
    government troops withdrew", "... entered Hama and said it was redeploying outside the
    city" (the last town named before the verb), "al-Assad fled the country" (the country
    named last before it, else the article's).  None when the sentence names no such place."""
    word = verb.group(1).lower()
    leaving = word.startswith(("withdr", "redeploy", "pull", "retreat"))
    the_place = _THE_PLACE.match(clause, verb.end())
    if not leaving and not (the_place and word.startswith(("fle", "left", "leav", "depart"))):
        return None
    at = clause_start + verb.start()
    before = spans.ending(at - REACH, at)
    if the_place and the_place.group(1).lower() == "country":
        countries = [m for m in before if m.place.kind == "country"]
        return countries[-1].place if countries else principal
    towns = [m for m in before if m.place.kind not in AREAL]
    return towns[-1].place if towns else None


def _principal_country(mentions: list[Mention]) -> Place | None:
    """The country an article names most often: what "the country" means in it."""
    counts = Counter(m.place.id for m in mentions if m.place.kind == "country")
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(m.place for m in mentions if m.place.id == best)


def find_movements(
    text: str,
    mentions: list[Mention],
    published: date | None = None,
    *,
    parts: list[Evidence] | None = None,
    year: int | None = None,
) -> list[Movement]:
    """Movements stated in ``text`` (see the module docstring for the rules), relative dates
    read from ``published``; ``parts`` and ``year`` as for ``find_control_changes``."""
    return movements_in(document_of(text, mentions, published, parts, year))


def movements_in(document: Document) -> list[Movement]:
    """Movements the document states, read from its sentences, their dates and its places."""
    document = with_dates(document)
    text, parts, mentions = document.text, list(document.sentences), list(document.mentions)
    movements: list[Movement] = []
    principal = _principal_country(mentions)
    recent: list[list[Mention]] = []  # the places of the last three sentences
    for k, (sentence, here) in enumerate(zip(parts, per_sentence(parts, mentions), strict=True)):
        earlier_here = [m for named in recent for m in named]
        recent = [*recent[-2:], here]
        s = sentence.text
        lowered = folded(s)
        # A sentence without places yields no movement (but "fled the country" names the
        # article's country): test that before the verb pattern.
        if (
            not (
                here
                or (principal and "the country" in s and _FLED_THE_COUNTRY.search(s))
                or (earlier_here and "from the " in s and _FROM_THE_PLACE.search(s))
            )
            or not cued(lowered, _MOVE_CUES)
            or not _MOVE.search(s)
            or s.rstrip().endswith("?")
        ):
            continue
        sentence_movements = _Sentence(
            text, sentence, Spans(here, sentence.start), earlier_here, principal, lowered
        )
        movements.extend(
            sentence_movements.read(when_stated(document, k), document.dated[k].historic)
        )
    return _carry_origins(movements)


class _Sentence:
    """One sentence as the movement rule reads it, clause by clause: a clause that names no
    origin or kind of its own takes the one of the clause before ("some leaving by plane …,
    others travelling overland": the clauses share the sentence's evacuation)."""

    def __init__(
        self,
        text: str,
        sentence: Evidence,
        spans: Spans,
        earlier_here: list[Mention],
        principal: Place | None,
        lowered: str | None,
    ) -> None:
        self.text, self.sentence, self.s, self.offset = (
            text,
            sentence,
            sentence.text,
            sentence.start,
        )
        self.spans, self.earlier_here, self.principal = spans, earlier_here, principal
        self.lowered = lowered
        self.faction = Once(partial(faction_outside_place_phrases, self.s))
        self.origin: Place | None = None
        self.kind = "other"

    def read(self, when: date | None, stated_historic: bool) -> list[Movement]:
        found = []
        for clause_start, clause_end in clause_spans(self.s):
            move = self._clause(clause_start, clause_end, when, stated_historic)
            if move is not None:
                found.append(move)
        return found

    def _clause(
        self, clause_start: int, clause_end: int, when: date | None, stated_historic: bool
    ) -> Movement | None:
        s = self.s
        clause = s[clause_start:clause_end]
        verb = _MOVE.search(clause)
        if verb is None or NEGATION.search(clause[max(0, verb.start() - 30) : verb.start()]):
            return None
        at = clause_start + verb.start()  # the verb, in the sentence
        if cued(self.lowered, _DENIED_CUES) and _DENIED.search(s, max(0, at - REACH), at):
            return None  # "X denied reports that convoys left Deir ez-Zor"
        origin, destinations, via = self._places(verb, clause_start, clause_end, at)
        origin = origin or self.origin
        if origin is None and not destinations:
            origin = self._unstated_origin(verb, clause, clause_start)
        self.origin = origin
        if not destinations and origin is None:
            return None
        subject = _REPORTER.sub("", subject_of(s[max(0, at - REACH) : at]))
        actor_words = _AUXILIARIES.sub("", subject).strip(" \t•·*-–—") or None
        kind = kind_of(verb.group(1), actor_words or s[max(0, at - REACH) : at + REACH])
        kind = self.kind if kind == "other" else kind
        self.kind = kind
        return Movement(
            actor=actor_words,
            faction=actor_faction(actor_words or "") or self.faction() or "unknown",
            kind=kind,
            mode=mode_of(clause),
            origin=origin,
            destinations=tuple(dict.fromkeys(destinations)),
            via=tuple(dict.fromkeys(via)),
            date=when,
            historic=stated_historic,
            evidence=self.sentence,
            confidence=confidence("movement.move"),
        )

    def _places(
        self, verb: re.Match[str], clause_start: int, clause_end: int, at: int
    ) -> tuple[Place | None, list[Place], list[Place]]:
        """The origin, destinations and via points the clause names, each from the nearest
        preposition before it; a list ("to Iraq, Lebanon and Latakia") shares one role."""
        s, offset = self.s, self.offset
        in_clause = [
            m
            for m in self.spans.starting(clause_start, clause_end)
            if not ATTRIBUTIVE.match(self.text, m.end)
        ]
        origin: Place | None = None
        destinations: list[Place] = []
        via: list[Place] = []
        role_of_previous: str | None = None
        previous_end: int | None = None
        for m in in_clause:
            position = m.start - offset
            if s[m.end - offset : m.end - offset + 2] in ("’s", "'s"):
                continue  # "officials from Iran's Quds Force": a possessor, not a place
                # anyone moves from or to
            if position < at:
                # before the verb: only "from X" style origins count, and the home of
                # the people who move ("Residents of Homs fled", "Aleppo families fled")
                if role_of(s[max(0, position - ROLE_REACH) : position]) == "origin" or (
                    RESIDENTS_OF.search(s[max(0, position - 40) : position])
                    or RESIDENTS_AFTER.match(s, m.end - offset)
                ):
                    origin = m.place
                continue
            between = s[previous_end:position] if previous_end is not None else None
            # "to Iraq, Lebanon and Latakia" is a list; "into Akkar, crossing the Nahr
            # al-Kabir" is not: a preposition between gives the next place its own role
            listed = (
                between is not None
                and LIST_GAP.fullmatch(between)
                and not PREPOSITION.search(between)
            )
            role = (
                role_of_previous
                if listed and role_of_previous
                else role_of(
                    s[max(clause_start, position - ROLE_REACH) : position],
                    arrival=bool(ARRIVAL.search(verb.group(1))),
                )
            )
            previous_end = m.end - offset
            if m.place.kind == "crossing" and role != "origin":
                role = "via"
            if role == "origin" and origin is None:
                origin = m.place
            elif role == "destination":
                destinations.append(m.place)
            elif role == "via":
                via.append(m.place)
            role_of_previous = role if role in {"destination", "via"} else role_of_previous
        return origin, destinations, via

    def _unstated_origin(self, verb: re.Match[str], clause: str, clause_start: int) -> Place | None:
        """The place a clause that names none leaves: the one left behind, else "the city"
        of the three sentences before."""
        origin = _left_behind(verb, clause, clause_start, self.spans, self.principal)
        the_place = THE_PLACE_AFTER.match(clause, verb.end())
        if origin is None and the_place:
            # "The regime forces withdrew from the city": the town last named in the
            # three sentences before
            kinds = lexicon().kinds_of.get(the_place.group("noun").lower())
            named = [m for m in self.earlier_here if m.place.kind not in AREAL]
            # of the kind the noun names, else (an airport for "the city") the last one
            towns = [m for m in named if kinds is None or m.place.kind in kinds] or named
            origin = towns[-1].place if towns else None
        return origin


def _carry_origins(movements: list[Movement]) -> list[Movement]:
    """Fill the origin a departure leaves unsaid ("Iran began evacuating its staff from
    Syria … Some are leaving by plane to Tehran") with the one the article last stated for
    a departure, and its party when it names none; marked less certain.  Nothing is carried
    before the first stated origin, from a past (historic) journey, or into the place left."""
    out: list[Movement] = []
    last: Movement | None = None
    for move in movements:
        if move.origin is not None:
            if move.kind in word_list("movement.departures") and not move.historic:
                last = move
            out.append(move)
            continue
        carried = (
            last if move.kind in word_list("movement.departures") and move.destinations else None
        )
        origin = carried.origin if carried is not None else None
        if (
            carried is not None
            and origin is not None
            and not any(origin.lies_in(d) for d in move.destinations)
        ):
            faction = carried.faction if move.faction == "unknown" else move.faction
            move = replace(
                move,
                origin=origin,
                faction=faction,
                confidence=min(move.confidence, 0.45),
            )
        out.append(move)
    return out
