"""The place scanner: which capitalised runs of a text name a place, and which gazetteer
readings they have.

:class:`Scanner` holds what one article teaches about itself while it is read — names already
looked up, words the article writes in lower case, single words it uses as a person's name —
so it is made once per text.  A run's sub-runs are judged in two steps: :meth:`Scanner.framed`
by the words around and at the edges (no lookup needed, so most sub-runs cost nothing), then,
for a sub-run the gazetteer knows, :meth:`Scanner.plausible` by the reading it has.  The
gazetteer is read in one batch per document (:meth:`~syriamap.gazetteer.Gazetteer.prefetch`)
before the scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from ..gazetteer import BRIDGE_SCORE, Candidate, Gazetteer, region_rank
from .tokens import (
    ANY_ARTICLE,
    CONTRACTION,
    DATELINE_AFTER,
    MIDDLE_INITIAL,
    SENTENCE_START,
    Token,
    in_arabic_script,
    runs,
    tokens,
    whole_word,
    zones,
)
from .villages import is_village_only, may_bridge
from .words import (
    APPOSITIVE_PERSON,
    ARABIC_FUNCTION_WORDS,
    ARABIC_GENERIC,
    CAPITAL_ARTICLES,
    CONNECTORS,
    FACILITY_AFTER,
    FEATURE_AFTER,
    INSTITUTIONS,
    MAJOR_KINDS,
    MAY_PRECEDE,
    MAY_PRECEDE_NAMES,
    METONYM_POPULATION,
    NAMED_ONLY_AS_PLACES,
    NOT_PLACES,
    OPERATION,
    OPERATION_QUOTED,
    PERSON_WORDS,
    PLACE_WORDS,
    QUALIFIER_WORDS,
    SETTLEMENTS,
    SPEAKS,
    STOPWORDS,
    TITLE_BEFORE,
    VOWEL_VARIANT_SCORE,
)

#: A place found in the text: its start and end offsets and its readings, best first.
Hit = tuple[int, int, list[Candidate]]

#: The most readings of one name kept: enough for the Syrian villages that share one (12 are
#: called Zahraa), among which the article chooses (:mod:`syriamap.places.nearby`).
MAX_READINGS = 20
#: The longest sub-run looked up as one name, in words.
MAX_RUN = 7
_WHOLE: AbstractSet[tuple[int, int]] = frozenset({(0, 1)})  # the one word of a one-word run
_NO_SPANS: AbstractSet[tuple[int, int]] = frozenset()


class Scanner:
    """The place reader of one text over one gazetteer: :meth:`scan` finds the places,
    :meth:`lookup` (cached) gives the readings of any phrase of the text."""

    def __init__(self, gazetteer: Gazetteer, text: str, *, villages: bool = True) -> None:
        self.gazetteer = gazetteer
        self.text = text
        #: Whether village-only readings are kept (:mod:`syriamap.places.villages`).
        self.villages = villages
        self._lowercase: dict[str, bool] = {}
        self.cache: dict[str, list[Candidate]] = {}
        #: Single words seen used as a person's name ("Jacob Zuma", "Mr. Moore", "Moore
        #: said"): one sense per document, so a bare "Zuma" elsewhere is the person too.
        self.persons: set[str] = set()
        #: The runs, their feature words and framed sub-runs: worked out by the first scan.
        self._framing: (
            tuple[
                list[tuple[list[Token], re.Match[str] | None]], list[AbstractSet[tuple[int, int]]]
            ]
            | None
        ) = None

    def without_villages(self) -> Scanner:
        """A scanner of the same text that drops village-only readings, reusing this one's
        runs, lookups (filtering keeps their order), lower-case checks and persons."""
        other = Scanner(self.gazetteer, self.text, villages=False)
        other._lowercase = self._lowercase
        other._framing = self._framing
        other.persons = set(self.persons)
        other.cache = {
            name: [c for c in found if not is_village_only(c.place) and c.score != BRIDGE_SCORE]
            for name, found in self.cache.items()
        }
        return other

    def used_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes ``word`` in lower case (a common word, then): as a
        whole word of a-z letters, what ``\\b[a-z][a-z]+\\b`` finds.  Searched for the few
        words asked about rather than by listing every lower-case word of the article."""
        lowered = word.lower()
        known = self._lowercase.get(lowered)
        if known is None:
            known = self._lowercase[lowered] = whole_word(self.text, lowered)
        return known

    def lookup(self, name: str) -> list[Candidate]:
        found = self.cache.get(name)
        if found is None:
            found = []
            # A name may span a tab or a line break of the text; the gazetteer refuses those.
            query = " ".join(name.split())
            try:
                if self.gazetteer.knows(query) or QUALIFIER_WORDS.search(name):
                    found = self.gazetteer.search(query, limit=MAX_READINGS, approximate=False)
                    if found and all(c.place.country != "SY" for c in found):
                        # "Al-Khubar": Khobar in Saudi Arabia, or a Syrian village spelled
                        # so; the article's other places decide (:mod:`.nearby`)
                        found += self._bridged(name, query)
                elif self.villages and self._bridgeable(name):
                    # "Ofania", "Menbij": no alias folds to it, but a Syrian place's Arabic
                    # name underneath confirms it (:mod:`syriamap.gazetteer.bridge`)
                    found = self.gazetteer.bridged(query, limit=MAX_READINGS)
                elif ARABIC_GENERIC.match(name):
                    found = [
                        c
                        for c in self.gazetteer.search(query, limit=8)
                        if c.score >= VOWEL_VARIANT_SCORE and region_rank(c.place.country) < 2
                    ]
            except ValueError:
                found = []
            if not self.villages:
                found = [c for c in found if not is_village_only(c.place)]
            if found and ANY_ARTICLE.match(name):
                # "Al-Rai" with its Arabic article is al-Ra'i in Syria before Praia (Cape Verde)
                found = sorted(found, key=lambda c: region_rank(c.place.country) == 2)
            self.cache[name] = found
        return found

    def _bridged(self, name: str, query: str) -> list[Candidate]:
        """The Syrian readings of ``name`` through the Arabic bridge, if it may be read so."""
        if not (self.villages and self._bridgeable(name)):
            return []
        return self.gazetteer.bridged(query, limit=MAX_READINGS)

    def _bridgeable(self, name: str) -> bool:
        """Whether an unknown name may be read through the Arabic bridge here: of a romanised
        name's shape (:func:`~syriamap.places.villages.may_bridge`), not a given name or a word
        the article writes in lower case."""
        return may_bridge(name) and not (
            " " not in name
            and (name in PERSON_WORDS or name in self.persons or self.used_in_lower_case(name))
        )

    def framed(self, run: list[Token], i: int, j: int) -> bool:
        """Whether the words around run[i:j] and at its edges let it be a place mention, by
        the rules that do not depend on which place it names.  Checked before the lookup: in
        a run of several words they rule out most sub-runs ("Manbij Military" inside
        "Manbij Military Council"), which then cost no fold and no gazetteer read."""
        first, last = run[i].text, run[j - 1].text
        # a headline in capitals ("FALL OF ASSAD") names no place its title case does not
        if j - i == 1 and (
            first in NOT_PLACES
            or (first.isupper() and first.capitalize() in NOT_PLACES)
            or CONTRACTION.search(first)
            or ("-" in first[:4] and ANY_ARTICLE.sub("", first).capitalize() in NOT_PLACES)
        ):
            return False
        # "Sheikh Hassan", "Abu Mohammad": a run of titles and given names is a person, though
        # OCHA lists villages called so (Al Sheikh Hasan); "Abu Kamal" is still a town
        if j - i >= 2 and all(word.text in PERSON_WORDS for word in run[i:j]):
            return False
        if j == len(run) and len(run) >= 2 and APPOSITIVE_PERSON.match(self.text, run[-1].end):
            self.persons.add(last)  # "Emad Al-Dulaimi, the mayor of Rutba": a person
            return False
        # "Deir ez Zor" may not start at "ez"; "Al Kiswah", "Al Qaim" may start at a capital Al
        if last.lower() in CONNECTORS or (
            first.lower() in CONNECTORS and not (first in CAPITAL_ARTICLES and j - i >= 2)
        ):
            return False
        if (run[0].text in OPERATION and (i > 0 or j - i > 1 or len(run) > 1)) or (
            OPERATION_QUOTED.search(self.text, max(0, run[0].start - 40), run[0].start)
        ):
            return False  # "Operation Dawn of Freedom", "operation, “Dawn of Freedom”"
        if j - i == 2 and (first, last) in INSTITUTIONS:
            return False
        if in_arabic_script(first):
            # Arabic script has no capitals: every word joins the run, so the word-around
            # rules (made for capitalised English names) would refuse "على حماة"
            return not (j - i == 1 and (first in ARABIC_FUNCTION_WORDS or len(first) < 3))
        if j < len(run) and run[j].text not in PLACE_WORDS:
            return False  # "Manbij Military Council", "Israel Katz", "Deir Hafar" (unknown)
        if first in STOPWORDS:
            return False  # "The Tishreen Dam": the mention starts after "The"
        preceding = run[i - 1].text if i > 0 else None
        if preceding is not None and preceding.lower() == "of":
            preceding = None  # "Residents of Homs", "the Governor of Idlib": the place is named
        if preceding is not None and preceding not in MAY_PRECEDE:
            bare = ANY_ARTICLE.sub("", first)  # "Emad Al-Dulaimi": the surname after "Al-"
            if j - i == 1 and j == len(run) and bare[1:].islower() and self._given(run, i):
                self.persons.add(first)  # "Jacob Zuma" in mid-sentence, "President Obama"
            return False  # "Bashar al-Assad", "Hayat Tahrir al-Sham", "OMAR HAJ KADOUR"
        return True

    def _given(self, run: list[Token], i: int) -> bool:
        """Whether the word before run[i] is a title or a given name (so run[i] a surname)."""
        given = run[i - 1]
        if TITLE_BEFORE.search(self.text, max(0, given.start - 30), run[i].start):
            return True
        return (
            len(run) == 2
            and given.text[:1].isupper()
            and given.text[1:].islower()
            and given.text not in PLACE_WORDS
            and not SENTENCE_START.search(self.text, max(0, given.start - 3), given.start)
        )

    def plausible(self, run: list[Token], i: int, j: int, best: Candidate) -> bool:
        """Whether run[i:j], which names a place and is :meth:`framed` as one, is used as a
        place here."""
        words = [t.text for t in run[i:j]]
        if len(words) == 1:
            word = words[0]
            # A common word capitalised at the start of a sentence ("Heavy fighting").
            if word[1:].islower() and len(run) == 1 and self.used_in_lower_case(word):
                return False
            # A common word at the start of a sentence ("Back in 2016", "Hope is fading"),
            # though the article never writes it in lower case, unless a country, region or
            # city of a million names it ("China", "Berlin").
            if (
                word[1:].islower()
                and word.lower() in self.gazetteer.common_words
                and not (
                    word.lower() == best.place.name.lower()
                    and (best.place.kind in MAJOR_KINDS or best.place.population >= 1_000_000)
                )
                and SENTENCE_START.search(self.text, max(0, run[i].start - 3), run[i].start)
            ):
                return False
        shouting = all(w.isupper() for w in words)
        if shouting and len("".join(words)) <= 3 and best.place.kind != "country":
            return False  # acronyms: SNA, HTS, AM
        if (
            shouting
            and len(words) == 1
            and words[0].isalpha()  # not "B.C.", "L.A.": abbreviations have their own rules
            and (best.score < 1.0 or is_village_only(best.place))
            and not self._headline(run)
        ):
            return False  # acronyms that fold to a place (OCHA, NAFTA, NICU) or a hamlet (WASH)
        if is_village_only(best.place) and FACILITY_AFTER.match(self.text, run[j - 1].end):
            return False  # "the Sheikh Akil graveyard"
        if i == 0 and TITLE_BEFORE.search(self.text[max(0, run[i].start - 30) : run[i].start]):
            self._person(words, best)
            return False
        if len(run) == 1 and MIDDLE_INITIAL.search(
            self.text, max(0, run[0].start - 30), run[0].start
        ):
            self.persons.add(words[0])
            return False  # "Jack L. Harmon": a surname, whatever subdistrict it spells
        if (
            len(run) == 1
            and best.place.kind not in MAJOR_KINDS
            and (SPEAKS.match(self.text, run[-1].end))
            # "Moscow said", "Ankara said": a city of this size speaking is its government
            and not (best.place.population >= METONYM_POPULATION and best.matched == words[0])
        ):
            self._person(words, best)
            return False  # "Moore said": a surname that is also a town
        return True

    def _headline(self, run: list[Token]) -> bool:
        """Whether the run stands among words in capitals (a headline, "CLASHES IN TADEF") or
        opens a dateline ("HOLLIDAY, Mo. —", "WINONA -- The body"), not alone in capitals in
        running text (an acronym, "IISS experts")."""
        if DATELINE_AFTER.match(self.text, run[-1].end):
            return True
        before = self.text[max(0, run[0].start - 20) : run[0].start].split()
        after = self.text[run[-1].end : run[-1].end + 20].split()
        neighbours = [w for w in (before[-1:] + after[:1]) if any(ch.isalpha() for ch in w)]
        return bool(neighbours) and all(w.isupper() for w in neighbours)

    def _longer_after(
        self, run: list[Token], i: int, j: int
    ) -> tuple[int, int, int, list[Candidate]] | None:
        """A place that starts one word later than run[i:j] and ends after it, if any."""
        rest = run[i + 1 :]  # framed as if the modifier were not there
        for k in range(min(len(run), i + 1 + MAX_RUN), j, -1):
            if not self.framed(rest, 0, k - i - 1):
                continue
            start, end = run[i + 1].start, run[k - 1].end
            candidates = self.lookup(self.text[start:end])
            if candidates and self.plausible(rest, 0, k - i - 1, candidates[0]):
                return k, start, end, candidates
        return None

    def _person(self, words: list[str], best: Candidate) -> None:
        if len(words) == 1 and best.place.kind in SETTLEMENTS and words[0][1:].islower():
            self.persons.add(words[0])

    def _zone_runs(self) -> Iterator[list[Token]]:
        text = self.text
        for zone in zones(text):
            word = zone.group()
            if word.isalpha():
                # Most zones are one word of letters: it is its own token (no dot, hyphen or
                # apostrophe to split at) and, starting with a capital or an Arabic letter,
                # its own run.
                yield [Token(word, zone.start(), zone.end())]
            else:
                yield from runs(list(tokens(text, zone.start(), zone.end())), text)

    def _framed_spans(self, run: list[Token]) -> AbstractSet[tuple[int, int]]:
        """The (i, j) of every sub-run of up to ``MAX_RUN`` words that is :meth:`framed`:
        worked out once, for both the batch read and the scan."""
        if len(run) == 1:  # most runs: one capitalised word
            return _WHOLE if self.framed(run, 0, 1) else _NO_SPANS
        return {
            (i, j)
            for i in range(len(run))
            for j in range(i + 1, min(len(run), i + MAX_RUN) + 1)
            if self.framed(run, i, j)
        }

    def _surfaces(
        self,
        scanned: list[tuple[list[Token], re.Match[str] | None]],
        spans: list[AbstractSet[tuple[int, int]]],
    ) -> Iterator[str]:
        """Every name ``scan`` may look up: each run's framed sub-runs and the run with its
        lower-case feature word."""
        text = self.text
        for (run, feature), framed in zip(scanned, spans, strict=True):
            if feature:
                yield text[run[0].start : feature.end()]
            for i, j in framed:
                yield text[run[i].start : run[j - 1].end]

    def scan(self) -> list[Hit]:
        """Every place the text names, in order, with its readings; a name also used as a
        person's name in the article is dropped unless it names a country or continent."""
        # "the Masnaa crossing", "Shayrat airbase": a name whose feature word is written in
        # lower case is looked up with it.
        if self._framing is None:
            scanned = [
                (run[:50], FEATURE_AFTER.match(self.text, run[:50][-1].end))
                for run in self._zone_runs()
            ]
            spans = [self._framed_spans(run) for run, _ in scanned]
            # One batch of gazetteer reads for the whole document, not one per name tried.
            self.gazetteer.prefetch(self._surfaces(scanned, spans))
            self._framing = scanned, spans
        scanned, spans = self._framing
        found = []
        for (run, feature), framed in zip(scanned, spans, strict=True):
            if feature:
                start, end = run[0].start, feature.end()
                surface = self.text[start:end]
                candidates = self.lookup(surface)
                if candidates and candidates[0].place.kind not in {"city", "town", "village"}:
                    found.append((start, end, candidates))
                    continue
            i = 0
            while i < len(run):
                for j in range(min(len(run), i + MAX_RUN), i, -1):
                    if (i, j) not in framed:
                        continue
                    start, end = run[i].start, run[j - 1].end
                    surface = self.text[start:end]
                    candidates = self.lookup(surface)
                    if candidates and self.plausible(run, i, j, candidates[0]):
                        if run[i].text in MAY_PRECEDE_NAMES:
                            # "Syrian Golan Heights": "Golan Heights" reaches further than
                            # "Syrian Golan" (an alias) and wins
                            longer = self._longer_after(run, i, j)
                            if longer is not None:
                                j, start, end, candidates = longer
                        found.append((start, end, candidates))
                        i = j
                        break
                else:
                    i += 1
        return [
            hit
            for hit in found
            if self.text[hit[0] : hit[1]] not in self.persons
            or hit[2][0].place.kind in NAMED_ONLY_AS_PLACES
        ]
