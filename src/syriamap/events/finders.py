"""Control changes and movements, each tied to the sentence that states it.

Rules over sentences, not a learned model: every event must be traceable to words a journalist
can check, and a rule that fires can be read.  For each sentence with place mentions:

Control changes
    a capture verb ("captured", "seized", "took control of", "ousted … from", "overran",
    "recaptured") followed by places — each place of a list ("key cities such as Homs, Aleppo")
    is a change; a fall ("Hama fell to the rebels", "saw Aleppo and Hama fall from Assad's
    control"); a nominal capture ("their capture of Manbij"); a withdrawal ("the army withdrew
    from Hama", "redeploying outside the city") is a change to ``unknown`` from the withdrawing
    side.  Refused: advances ("pushing toward Homs"), aims, threats and conditions ("aim to
    seize", "poised to take", "If rebels capture Homs, ..."), denials, questions, the fall of a
    person or a regime ("since the fall of Assad"), a person seized by a feeling ("she was
    seized by a sense of fear").  The actor is the faction named before the verb (after "to"
    for a fall); the previous controller only when stated ("from the SDF", "Kurdish-held",
    "from Assad's control").
Movements
    a movement word (evacuate, withdraw, flee, fly, travel, transfer, deploy, return, cross
    into …); clauses joined by "while others", "others" or ";" are separate movements.  Origin
    after "from"/"leaving"/"out of", destinations after "to"/"into"/"toward", crossings and
    "via" places as via points; mode only from a cue (plane/flight → air; road/overland/land
    route/convoy/bus/border gate → land; ship/naval → sea).

Each rule reads a bounded window around its trigger word (``_REACH``), and a "sentence" of
more than ``_MAX_SENTENCE`` characters is read in chunks cut at clause boundaries, so the cost
is linear in the text whatever it holds.

Dates come from the sentence (:mod:`syriamap.dates`); an event in a sentence that names an
earlier year ("in 2016") is marked ``historic``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import partial
from itertools import pairwise
from typing import Generic, TypeVar

from ..document import ControlChange, Evidence, Mention, Movement
from ..gazetteer import Place
from ..text import find_date, find_dates
from ..text.dates import document_year
from ..text.dates import historic as _historic
from ..text.sentences import lead_index as _lead_index
from ..text.sentences import sentences
from .lexicon import confidence, cues, grammar, later, lexicon, pattern
from .lexicon import words as word_list

_T = TypeVar("_T")

__all__ = [
    "ControlChange",
    "Evidence",
    "Movement",
    "find_control_changes",
    "find_movements",
    "sentences",
]


def _reporting() -> str:
    return "|".join(word_list("factuality.reporting"))


def _people() -> str:
    return "(?:" + "|".join(word_list("movement.people")) + ")"


def __getattr__(name: str) -> object:
    if name == "FACTIONS":
        return lexicon().factions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_CAPTURE = pattern("control.capture")
#: Literal cues, lower case: every match of the pattern above contains one (see ``_cued``).
_CAPTURE_CUES = cues("control.capture")
_PASSIVE = grammar(
    r"(?:\b(?P<subject>\w+)\s+)?\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_BY = grammar(r"\s+by\s+(?:the\s+)?([^,.;]{2,60})", re.IGNORECASE)
_FEELING_WORDS = pattern("idioms.feelings")
_LOST = pattern("control.lost")
_LOST_CUES = cues("control.lost")
_TO_ACTOR = grammar(r"[^,.;]{0,20}?\bto\s+(?:the\s+)?([^,.;]{2,50})", re.IGNORECASE)
_FALL = pattern("control.fall")
_FALL_CUES = cues("control.fall")
#: "since the fall of Assad", "after the regime's fall": a fall used as a noun is no place
#: falling; only a place that owns it ("Hama's fall") or follows it ("the fall of Hama",
#: read by ``_NOMINAL``) fell.
_FALL_NOUN_BEFORE = grammar(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|since|after|before|following|until|amid|"
    r"upon|with)|(?P<owner>['’]s))\s+$",
    re.IGNORECASE,
)
_FALL_NOUN_AFTER = grammar(r"\s+of\b", re.IGNORECASE)
_NOMINAL = pattern("control.nominal")
_NOMINAL_CUES = cues("control.nominal")
_WITHDRAW = pattern("control.withdrawal")
_WITHDRAW_CUES = cues("control.withdrawal")
_NEGATION_STOP = grammar(r"\b(?:after|following|before|while|when|as)\b", re.IGNORECASE)
_NEGATION = pattern("factuality.negation")
#: "Civilians were (evacuated)", "troops had (crossed)": the auxiliaries are no part of who.
_AUXILIARIES = grammar(
    r"(?:\s+(?:were|was|are|is|had|have|has|been|being|seen|reportedly|also|then|later))+\s*$",
    re.IGNORECASE,
)
#: "Iraqi officials said 2,000 troops crossed": who said it is not who moved.
_REPORTER = grammar(r"^.*\b(?:said|says|reported|announced)\s+(?:that\s+)?", re.IGNORECASE)
#: "from Turkey", "into Iraq": a country named where a movement goes is no actor.
_PLACE_PHRASE = grammar(
    r"\b(?:from|to|into|toward|towards|in|via|through|across|for|with|against)\s+"
    r"(?:the\s+)?"
    r"(?-i:[A-Z])[\w’'-]*"
)
_NOT_A_PRESENT = pattern("control.not_a_present")
#: "four Euphrates River towns", "the Idlib villages": a name used as an adjective, which
#: nobody takes, leaves or goes to.
_ATTRIBUTIVE = grammar(
    r"\s+(?:[Rr]iver\s+)?(?:towns|villages|cities|areas|regions|positions|fronts|"
    r"neighbourhoods|neighborhoods|districts)\b"
)
_INCLUDING = grammar(r",?\s+(?:including|among them)\s+", re.IGNORECASE)
#: Words between a capture verb and the place taken: "the central Syrian city of",
#: "the majority of", "large districts of" — but not "it, near" or "positions outside".
_OBJECT_GAP = grammar(
    r"(?!.*\b(?:near|outside|around|close to|north|south|east|west|towards?|it|them|outskirts|"
    r"edge|gates|walls|approaches|doorstep|on|via|through|across)\b)"
    r"\s*(?:[\w’'-]+:?\s+){0,9}(?:(?:the|its|their)\s+(?:\w+\s+)?capital,\s+)?",
    re.IGNORECASE,
)
#: "Following their capture of ...": the possessive before a nominal capture.
_THEIR = grammar(r"\b(?:their|its)\s+(?:\w+\s+)?$")
_HELD = pattern("factions.held")
_HELD_CUES = cues("factions.held")
_FROM_ACTOR = pattern("factions.from_actor")

_MOVE = pattern("movement.move")
_MOVE_CUES = cues("movement.move")
#: Letters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not turn
#: into it (İ, dotless ı, long ſ; found by trying every code point against a-z).
_CASE_TWINS = grammar("[\u0130\u0131\u017f]")
_CLAUSE_SPLIT = grammar(
    r",?\s+while\s+(?=others\b|some\b)|,\s+while\s+|;\s+|,?\s+(?:and\s+)?(?=others\b)",
    re.IGNORECASE,
)


def faction_of(words: str) -> str | None:
    """The canonical faction named in ``words`` (most specific first), or None."""
    for name, named in lexicon().factions:
        if named.search(words):
            return name
    return None


def _in(sentence: Evidence, mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if sentence.start <= m.start < sentence.end]


def _lowered(sentence: str) -> str | None:
    """The sentence in lower case for :func:`_cued`, or None when it holds a letter that the
    patterns' case folding and ``str.lower`` disagree on."""
    return None if _CASE_TWINS.search(sentence) else sentence.lower()


def _cued(lowered: str | None, cues: re.Pattern[str]) -> bool:
    """Whether a case-insensitive pattern whose every match contains one of ``cues`` can match
    the sentence.  A search for a few lower-case literals costs far less than the pattern's
    scan, and most sentences hold no event word at all."""
    return lowered is None or cues.search(lowered) is not None


def _matches(
    pattern: re.Pattern[str], cues: re.Pattern[str], s: str, lowered: str | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)``, skipped when none of its cues is in the sentence."""
    return pattern.finditer(s) if _cued(lowered, cues) else iter(())


def _per_sentence(parts: list[Evidence], mentions: list[Mention]) -> list[list[Mention]]:
    """``_in`` for every sentence.  Mentions come from ``find_places`` in text order, so each
    sentence's share is found by bisection rather than by a pass over all mentions per
    sentence (quadratic on long articles); any other order falls back to the plain filter."""
    starts = [m.start for m in mentions]
    if any(a > b for a, b in pairwise(starts)):
        return [_in(sentence, mentions) for sentence in parts]
    return [
        mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        for sentence in parts
    ]


_AREAL = {"country"}

#: How far (characters) a rule looks before or after its trigger word for the words it needs:
#: longer than any sentence of the dev articles (the longest is ~320), bounded so that a rule
#: costs the same at every verb of a text that never ends its sentence.
_REACH = 400
#: The few words just before a trigger that the auxiliary and infinitive patterns read.
_WORDS_REACH = 80


class _Spans:
    """The mentions of one sentence with their offsets in it, for lookups by position in
    O(log n): mentions are in text order and do not overlap, so starts and ends both ascend."""

    __slots__ = ("ends", "mentions", "starts")

    def __init__(self, mentions: list[Mention], offset: int) -> None:
        self.mentions = mentions
        self.starts = [m.start - offset for m in mentions]
        self.ends = [m.end - offset for m in mentions]

    def starting(self, lo: int, hi: int) -> list[Mention]:
        """Mentions that start in ``[lo, hi)``."""
        return self.mentions[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[Mention]:
        """Mentions that end in ``[lo, hi]``."""
        return self.mentions[bisect_left(self.ends, lo) : bisect_right(self.ends, hi)]

    def last_ending_by(self, at: int) -> list[Mention]:
        """The last mention that ends at or before ``at`` (a list of one, or empty)."""
        k = bisect_right(self.ends, at)
        return self.mentions[k - 1 : k]


class _Once(Generic[_T]):
    """A value worked out the first time it is asked for: a sentence-wide reading that most
    sentences never need and that no rule may redo for each of its trigger words."""

    __slots__ = ("_done", "_make", "_value")

    def __init__(self, make: Callable[[], _T]) -> None:
        self._make = make
        self._done = False

    def __call__(self) -> _T:
        if not self._done:
            self._value = self._make()
            self._done = True
        return self._value


class _Dated:
    """The absolute dates of one sentence and its clause breaks, each found once (when first
    asked) for all the changes the sentence states."""

    __slots__ = ("_break_starts", "_breaks", "_dates", "_published", "_s", "_starts", "_year")

    def __init__(self, s: str, published: date | None, year: int | None) -> None:
        self._s, self._published, self._year = s, published, year
        self._dates: list[tuple[int, date]] | None = None

    def near(self, position: int, fallback: date | None) -> date | None:
        """The stated date of the clause that names the place at ``position``: the nearest
        absolute date within ``_REACH`` with no clause break ("days after", "while", ";") in
        between; a sentence with no absolute date falls back to its relative one (a weekday)."""
        if self._dates is None:
            self._dates = find_dates(self._s, self._published, year=self._year)
            self._starts = [start for start, _ in self._dates]
            self._breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(self._s)]
            self._break_starts = [start for start, _ in self._breaks]
        if not self._dates:
            return fallback
        nearby = self._dates[
            bisect_left(self._starts, position - _REACH) : bisect_right(
                self._starts, position + _REACH
            )
        ]
        reachable = [
            (abs(start - position), value)
            for start, value in nearby
            if not self._broken(min(start, position), max(start, position))
        ]
        return min(reachable)[1] if reachable else None

    def _broken(self, lo: int, hi: int) -> bool:
        """Whether a clause break lies wholly inside ``[lo, hi]``: breaks do not overlap, so
        the first one that starts at ``lo`` or later is the one that ends first."""
        k = bisect_left(self._break_starts, lo)
        return k < len(self._breaks) and self._breaks[k][1] <= hi


#: The changes a sentence states, by (place id, new controller), in the order found.
_Found = dict[tuple[str, str], tuple[Mention, str, "str | None", "str | None", float]]


def _keep(
    found: _Found, m: Mention, new: str, previous: str | None, actor: str | None, confidence: float
) -> None:
    """Add a change unless the sentence already stated one for the place and controller: the
    first statement wins, and many verbs over one list of places keep no copy per verb."""
    found.setdefault((m.place.id, new), (m, new, previous, actor, confidence))


def find_control_changes(
    text: str,
    mentions: list[Mention],
    published: date | None = None,
    *,
    parts: list[Evidence] | None = None,
    year: int | None = None,
) -> list[ControlChange]:
    """Control changes stated in ``text`` (see the module docstring for the rules).
    ``parts`` (the sentences) and ``year`` (:func:`document_year`) may be passed together
    when already computed.  Each rule reads a window of at most ``_REACH`` characters around
    its trigger word and finds the places in it by bisection, so a sentence costs time in
    proportion to its length, whatever it holds."""
    changes: list[ControlChange] = []
    if parts is None:
        parts, year = list(sentences(text)), document_year(text, published)
    lead = _lead_index(parts)
    for k, (sentence, in_sentence) in enumerate(
        zip(parts, _per_sentence(parts, mentions), strict=True)
    ):
        here = [
            m
            for m in in_sentence
            if m.place.kind not in _AREAL and not _ATTRIBUTIVE.match(text, m.end)
        ]
        if not here or sentence.text.rstrip().endswith("?"):
            continue
        s = sentence.text
        offset = sentence.start
        spans = _Spans(here, offset)
        earlier = _Once(partial(faction_of, parts[k - 1].text if k else ""))
        sentence_faction = _Once(partial(faction_of, s))
        when = find_date(s, published, year=year) or _lead_date(parts, k, lead, published, year)
        historic = _historic(s, published)
        lowered = _lowered(s)
        previous_held = _HELD.search(s) if _cued(lowered, _HELD_CUES) else None
        found: _Found = {}

        for verb in _matches(_CAPTURE, _CAPTURE_CUES, s, lowered):
            before = s[max(0, verb.start() - _REACH) : verb.start()]
            # "advanced toward Damascus after capturing Quneitra": the advance is another clause
            # (a clause word after the verb, "... Hama before nightfall", cuts nothing before it)
            window = _NEGATION_STOP.split(before[-40:])[-1]
            if _NEGATION.search(window + s[verb.start() : verb.end() + 15]):
                continue
            # the two words before the verb are all these two patterns read
            if verb.group(1).lower() in word_list("control.present_forms") and (
                _NOT_A_PRESENT.search(before[-_WORDS_REACH:]) or s.startswith(" of", verb.end())
            ):
                continue  # "their capture of Manbij", "a bid to seize Homs": no taking here
            passive = _PASSIVE.search(before[-_WORDS_REACH:])
            if passive:
                # "Hama was captured by rebels": the place comes before, the actor after "by".
                by = _BY.match(s, verb.end())
                subject = (passive.group("subject") or "").lower()
                if subject in word_list("idioms.personal_pronouns") or (
                    by and _FEELING_WORDS.search(by.group(1))
                ):
                    continue  # "she was seized by a sense of fear": a person, a feeling
                for m in spans.last_ending_by(verb.start()):
                    _keep(
                        found,
                        m,
                        (faction_of(by.group(1)) if by else None) or "unknown",
                        _previous(s, verb.end(), previous_held),
                        by.group(1).strip() if by else None,
                        confidence("control.capture.passive"),
                    )
                continue
            clause_end = _clause_end(s, verb.end())
            targets = spans.starting(verb.end(), clause_end)
            gap = s[verb.end() : targets[0].start - offset] if targets else ""
            # "took over army posts in the buffer zone, including the Syrian side of Mount
            # Hermon": what the list includes was taken too
            gap = _INCLUDING.split(gap)[-1]
            if targets and not _OBJECT_GAP.fullmatch(gap):
                continue  # "captured it, near the city of Hama": Hama locates, is not taken
            if verb.group(1).lower().startswith("ousted"):
                targets = spans.starting(verb.end(), verb.end() + 30)
            if not targets and _THE_PLACE_AFTER.match(s, verb.end()):
                # "... the city of Qusayr, just as rebel forces took control of the area"
                targets = spans.last_ending_by(verb.start())
            if not targets:
                continue  # "fighters captured it": a pronoun, no place taken here
            actor_text = _subject(before)
            actor = _actor_faction(actor_text) or _actor_faction(before, near=False) or "unknown"
            if _ANAPHORIC.search(actor_text) and earlier():
                # "... Turkish-backed fighters launched an offensive. ... days after these
                # fighters had seized Tal Rifaat": the faction named just before
                actor = earlier() or actor
            if actor == "unknown" and verb.group(1).lower().startswith(
                word_list("control.needs_a_faction")
            ):
                continue  # a bare "took" is a capture only when a faction takes
            previous = _previous(s, verb.end(), previous_held)
            if verb.group(1).lower().startswith("ousted"):
                previous = faction_of(s[verb.start() : verb.end()]) or previous
            elif verb.group(1).lower() == "replaced":
                previous = faction_of(s[verb.end() : verb.end() + 40]) or previous
            for m in _listed(targets, s, offset):
                _keep(
                    found,
                    m,
                    actor,
                    previous,
                    actor_text.strip() or None,
                    confidence("control.capture"),
                )

        for lost in _matches(_LOST, _LOST_CUES, s, lowered):
            if _NEGATION.search(s[max(0, lost.start() - 30) : lost.start()]):
                continue
            targets = spans.starting(lost.end(), lost.end() + 30)
            to = _TO_ACTOR.match(s, targets[0].end - offset) if targets else None
            for m in _listed(targets, s, offset):
                _keep(
                    found,
                    m,
                    (faction_of(to.group(1)) if to else None) or "unknown",
                    faction_of(_subject(s[max(0, lost.start() - _REACH) : lost.start()])),
                    None,
                    confidence("control.lost"),
                )

        for fall in _matches(_FALL, _FALL_CUES, s, lowered):
            if _NEGATION.search(s[max(0, fall.start() - 30) : fall.end()]):
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
                new = faction_of(s[max(0, first - _REACH) : first]) or "opposition"
            for m in _listed(targets, s, offset):
                _keep(found, m, new, previous, tail.strip() or None, confidence("control.fall"))

        for nominal in _matches(_NOMINAL, _NOMINAL_CUES, s, lowered):
            targets = spans.starting(nominal.end(), nominal.end() + 4)
            if not targets or _NEGATION.search(s[max(0, nominal.start() - 30) : nominal.start()]):
                continue
            before = s[max(0, nominal.start() - _REACH) : nominal.start()]
            # "Following their capture of Manbij, Turkish-backed forces ...": "their" is the
            # sentence's subject; otherwise who took it is said before the noun, or not at all
            possessive = _THEIR.search(before)
            actor = (sentence_faction() if possessive else _actor_faction(before)) or "unknown"
            for m in targets:
                previous = _previous(s, nominal.end(), previous_held)
                _keep(found, m, actor, previous, None, confidence("control.nominal"))

        for withdrawal in _matches(_WITHDRAW, _WITHDRAW_CUES, s, lowered):
            if _NEGATION.search(s[max(0, withdrawal.start() - 40) : withdrawal.start()]):
                continue
            targets = [
                m
                for m in spans.starting(withdrawal.end(), withdrawal.end() + 25)
                # "withdrew toward Homs": where they went, not what they lost
                if not _TOWARD.search(s, withdrawal.end(), m.start - offset)
            ]
            if not targets and "outside" in withdrawal.group(1).lower():
                targets = spans.last_ending_by(withdrawal.start())
            # "the army withdrew from Hama", "the SDF withdrew from Deir ez-Zor": the place
            # changes hands, to whom the sentence may not say.
            before = s[max(0, withdrawal.start() - _REACH) : withdrawal.start()]
            side = _actor_faction(_subject(before)) or _actor_faction(before)
            for m in targets:
                _keep(found, m, "unknown", side, None, confidence("control.withdrawal"))

        dated = _Dated(s, published, year)
        for m, new, previous, actor_words, certainty in found.values():
            near_date = dated.near(m.start - offset, when)
            changes.append(
                ControlChange(
                    m.place, new, previous, actor_words, near_date, historic, sentence, certainty
                )
            )
    return _news_dated(_merge_repeats(changes), parts, lead, published)


def _news_dated(
    changes: list[ControlChange], parts: list[Evidence], lead: int | None, published: date | None
) -> list[ControlChange]:
    """Changes no sentence dates, told as the day's news, take the publication date: the
    headline's present tense ("Kurdish forces hand over the Tishrin Dam") and the present
    perfect ("rebels have captured Palmyra", "HTS forces have replaced the SDF in ...").  Done
    after repeats merge, so that a date the text states wins over this one."""
    if published is None:
        return changes
    news = {
        part.start
        for k, part in enumerate(parts)
        if (lead is not None and k < lead) or _NEWS_TENSE.search(part.text)
    }
    return [
        replace(c, date=published)
        if c.date is None and not c.historic and c.evidence.start in news
        else c
        for c in changes
    ]


_CLAUSE_BREAK = grammar(
    r"\b(?:days?|weeks?) (?:after|before)\b|\bafter\b|\bbefore\b|"
    r"\bwhile\b|;|\bsince\b|\b(?:leading to|resulting in|prompting|allowing)\b",
    re.IGNORECASE,
)


# "... SOHR reported Saturday, November 30, 2024, that ...": an attribution whose date follows
# its verb at once (the weekday may stand between).
_ATTRIBUTION = later(
    lambda: re.compile(
        rf"\b(?:{_reporting()})(?:\s+on)?[\s,]+"
        r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
        re.IGNORECASE,
    )
)


_NEWS_TENSE = pattern("factuality.news_tense")


def _lead_date(
    parts: list[Evidence], k: int, lead: int | None, published: date | None, year: int | None
) -> date | None:
    """The date of the news a lead with no date of its own reports.  Wire copy often dates the
    lead in the next sentence's attribution ("SOHR reported Saturday, November 30, 2024, that
    the rebels' advance ..."); only the lead takes it, and only from an attribution followed
    at once by a date: any other date in the next sentence may belong to another event."""
    if k != lead:
        return None
    if k + 1 < len(parts):
        following = parts[k + 1].text
        dates = dict(find_dates(following, published, year=year))
        for m in _ATTRIBUTION.finditer(following):
            if m.end() in dates:
                return dates[m.end()]
    return None


def _merge_repeats(changes: list[ControlChange]) -> list[ControlChange]:
    """One event per place and new controller: articles restate a capture (headline, lede,
    captions); the statement that dates it is kept, else the first.  A change to an unknown
    controller ("the army withdrew from Hama", "the regime lost Aleppo") of a place the article
    says someone took is that capture told from the losing side: it only names who lost it."""
    taken = {(c.place.id, c.historic) for c in changes if c.new_controller != "unknown"}
    losers: dict[tuple[str, bool], str] = {}
    for change in changes:
        if change.new_controller == "unknown" and change.previous_controller:
            losers.setdefault((change.place.id, change.historic), change.previous_controller)
    changes = [
        replace(c, previous_controller=losers.get((c.place.id, c.historic)))
        if c.previous_controller is None and c.new_controller != "unknown"
        else c
        for c in changes
        if c.new_controller != "unknown" or (c.place.id, c.historic) not in taken
    ]
    chosen: dict[tuple[str, str, bool], ControlChange] = {}
    for change in changes:
        side = "opposition" if change.new_controller == "hts" else change.new_controller
        key = (change.place.id, side, change.historic)
        kept = chosen.get(key)
        if kept is None or (kept.date is None and change.date is not None):
            chosen[key] = change
    return [
        c
        for c in changes
        if chosen.get(
            (
                c.place.id,
                "opposition" if c.new_controller == "hts" else c.new_controller,
                c.historic,
            )
        )
        is c
    ]


_REPORTED = later(lambda: re.compile(rf"\b(?:{_reporting()})\b(?:\s+that\b)?", re.IGNORECASE))
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


def _actor_faction(words: str, *, near: bool = True) -> str | None:
    """The faction of whoever acts in ``words``, the text before the verb.  Named after the
    last reporting verb ("Rebel sources said the Syrian military had ..." is the military); not
    in a prepositional phrase ("a blow to Assad's regime by seizing Aleppo"); not a bare "its
    troops", which are the earlier subject's ("Israel said its troops had ...").  ``near=False``
    skips the first rule, for text that runs past the verb's own clause."""
    # the words just before the verb name who does it ("leading to opposition forces
    # seizing"), unless a preposition ends them ("a blow to the regime by seizing")
    last = words[-_WORDS_REACH:]  # what the two end-anchored patterns read
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


_CLAUSE_STOP = grammar(
    # "as" ends a clause, "as well as" and "such as" do not
    r";|(?<!such)(?<!well)\s(?:while|as(?!\s+well\b)|after|before|but|and then|days after|"
    r"bringing|dealing|in a)\s|\.\s",
    re.IGNORECASE,
)


def _clause_end(s: str, start: int) -> int:
    """Where the clause that goes on at ``start`` ends: at its stop, else ``_REACH`` further."""
    end = min(len(s), start + _REACH)
    m = _CLAUSE_STOP.search(s, start, end)
    return m.start() if m else end


_ANAPHORIC = pattern("factions.anaphoric")


def _subject(before: str) -> str:
    """The words naming who acted: the last clause before the verb."""
    # a comma inside a number ("2,000 Syrian troops") divides no clause
    parts = re.split(r"(?<!\d),|,(?!\d)|[;:]|\bwith\b|\bafter\b|\bas\b", before)
    return parts[-1] if parts else before


def _previous(s: str, start: int, held: re.Match[str] | None) -> str | None:
    m = _FROM_ACTOR.search(s, start, start + _REACH)
    if m:
        return faction_of(m.group(0))
    if held:
        return faction_of(held.group(0))
    return None


_LIST_GAP = grammar(
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


def _listed(targets: list[Mention], s: str, offset: int) -> list[Mention]:
    """The first place and those joined to it as a list ("Homs, Aleppo and Hama"); a place
    further on ("in the eastern Aleppo countryside") is context, not a target."""
    if not targets:
        return []
    kept = [targets[0]]
    last_end = targets[0].end
    for m in targets[1:]:
        gap = s[last_end - offset : m.start - offset]
        if _LIST_GAP.fullmatch(gap):
            kept.append(m)
        elif not _LOCATES.fullmatch(gap):
            break
        # "Safireh and Khanasser southeast of Aleppo, as well as the Kweires airport": Aleppo
        # locates the towns and is skipped; the list goes on after it
        last_end = m.end
    return kept


def _mode(clause: str) -> str:
    for mode, cue in lexicon().modes:
        if cue.search(clause):
            return mode
    return "unknown"


def _kind(verb: str, actor: str) -> str:
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


_PREPOSITION = pattern("roles.preposition")
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
_ARRIVAL = pattern("movement.arrival")


_RESIDENTS_OF = later(
    lambda: re.compile(
        rf"\b{_people()}\s+(?:of|in|from)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:town|city|village|area)\s+of\s+)?$",
        re.IGNORECASE,
    )
)
_RESIDENTS_AFTER = later(lambda: re.compile(rf"\s+{_people()}\b", re.IGNORECASE))


def _role(prefix: str, *, arrival: bool = False) -> str | None:
    """What a place is to a movement, from the nearest preposition before it (within six
    words): from → origin, to/into/toward → destination (also "in" after an arrival),
    via/through/at → via point."""
    tail = prefix[-_ROLE_REACH:]
    matches = list(_PREPOSITION.finditer(tail))
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


#: How far before a place ``_role`` looks for its preposition.
_ROLE_REACH = 60
_TOWARD = pattern("roles.toward")
_DENIED = pattern("factuality.denied")
_DENIED_CUES = cues("factuality.denied")
_FLED_THE_COUNTRY = pattern("anaphora.fled_the_country")
_FROM_THE_PLACE = pattern("anaphora.from_the_place")
#: "took control of the area", "withdrew from the city": a place named before.
_THE_PLACE_AFTER = pattern("anaphora.the_place_after")
#: "fled the country", "left the city": the place the article is about.
_THE_PLACE = pattern("anaphora.the_place")


def _left_behind(
    verb: re.Match[str],
    clause: str,
    clause_start: int,
    spans: _Spans,
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
    before = spans.ending(at - _REACH, at)
    if the_place and the_place.group(1).lower() == "country":
        countries = [m for m in before if m.place.kind == "country"]
        return countries[-1].place if countries else principal
    towns = [m for m in before if m.place.kind not in _AREAL]
    return towns[-1].place if towns else None


def _faction_outside_place_phrases(sentence: str) -> str | None:
    """The faction a sentence names outside "from Turkey", "into Iraq" (no actor there)."""
    return faction_of(_PLACE_PHRASE.sub("", sentence))


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
    """Movements stated in ``text`` (see the module docstring for the rules)."""
    movements: list[Movement] = []
    if parts is None:
        parts, year = list(sentences(text)), document_year(text, published)
    lead = _lead_index(parts)
    principal = _principal_country(mentions)
    recent: list[list[Mention]] = []  # the places of the last three sentences
    for k, (sentence, here) in enumerate(zip(parts, _per_sentence(parts, mentions), strict=True)):
        earlier_here = [m for named in recent for m in named]
        recent = [*recent[-2:], here]
        s, offset = sentence.text, sentence.start
        lowered = _lowered(s)
        # A sentence without places yields no movement (but "fled the country" names the
        # article's country): test that before the verb pattern.
        if (
            not (
                here
                or (principal and "the country" in s and _FLED_THE_COUNTRY.search(s))
                or (earlier_here and "from the " in s and _FROM_THE_PLACE.search(s))
            )
            or not _cued(lowered, _MOVE_CUES)
            or not _MOVE.search(s)
            or s.rstrip().endswith("?")
        ):
            continue
        when = find_date(s, published, year=year) or _lead_date(parts, k, lead, published, year)
        historic = _historic(s, published)
        spans = _Spans(here, offset)
        sentence_faction = _Once(partial(_faction_outside_place_phrases, s))
        sentence_origin: Place | None = None
        sentence_kind = "other"
        for clause_start, clause_end in _clauses(s):
            clause = s[clause_start:clause_end]
            verb = _MOVE.search(clause)
            if verb is None or _NEGATION.search(clause[max(0, verb.start() - 30) : verb.start()]):
                continue
            at = clause_start + verb.start()  # the verb, in the sentence
            if _cued(lowered, _DENIED_CUES) and _DENIED.search(s, max(0, at - _REACH), at):
                continue  # "X denied reports that convoys left Deir ez-Zor"
            in_clause = [
                m
                for m in spans.starting(clause_start, clause_end)
                if not _ATTRIBUTIVE.match(text, m.end)
            ]
            origin, destinations, via = None, [], []
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
                    if _role(s[max(0, position - _ROLE_REACH) : position]) == "origin" or (
                        _RESIDENTS_OF.search(s[max(0, position - 40) : position])
                        or _RESIDENTS_AFTER.match(s, m.end - offset)
                    ):
                        origin = m.place
                    continue
                between = s[previous_end:position] if previous_end is not None else None
                # "to Iraq, Lebanon and Latakia" is a list; "into Akkar, crossing the Nahr
                # al-Kabir" is not: a preposition between gives the next place its own role
                listed = (
                    between is not None
                    and _LIST_GAP.fullmatch(between)
                    and not _PREPOSITION.search(between)
                )
                role = (
                    role_of_previous
                    if listed and role_of_previous
                    else _role(
                        s[max(clause_start, position - _ROLE_REACH) : position],
                        arrival=bool(_ARRIVAL.search(verb.group(1))),
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
            origin = origin or sentence_origin
            if origin is None and not destinations:
                origin = _left_behind(verb, clause, clause_start, spans, principal)
                the_place = _THE_PLACE_AFTER.match(clause, verb.end())
                if origin is None and the_place:
                    # "The regime forces withdrew from the city": the town last named in the
                    # three sentences before
                    kinds = lexicon().kinds_of.get(the_place.group("noun").lower())
                    named = [m for m in earlier_here if m.place.kind not in _AREAL]
                    # of the kind the noun names, else (an airport for "the city") the last one
                    towns = [m for m in named if kinds is None or m.place.kind in kinds] or named
                    origin = towns[-1].place if towns else None
            sentence_origin = origin
            if not destinations and origin is None:
                continue
            subject = _REPORTER.sub("", _subject(s[max(0, at - _REACH) : at]))
            actor_words = _AUXILIARIES.sub("", subject).strip(" \t•·*-–—") or None
            # "some leaving by plane …, others travelling overland": the clauses share the
            # sentence's movement (an evacuation), each with its own mode and destinations.
            kind = _kind(verb.group(1), actor_words or s[max(0, at - _REACH) : at + _REACH])
            kind = sentence_kind if kind == "other" else kind
            sentence_kind = kind
            faction = _actor_faction(actor_words or "") or sentence_faction() or "unknown"
            movements.append(
                Movement(
                    actor=actor_words,
                    faction=faction,
                    kind=kind,
                    mode=_mode(clause),
                    origin=origin,
                    destinations=tuple(dict.fromkeys(destinations)),
                    via=tuple(dict.fromkeys(via)),
                    date=when,
                    historic=historic,
                    evidence=sentence,
                    confidence=confidence("movement.move"),
                )
            )
    return _carry_origins(movements)


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


def _clauses(s: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _CLAUSE_SPLIT.finditer(s):
        yield start, m.start()
        start = m.end()
    yield start, len(s)
