"""What every rule shares: the cheap test that skips a sentence, windows, spans and clauses.

Each rule reads a bounded window around its trigger word (:data:`REACH`), finds the places in
it by bisection (:class:`Spans`), and is tried only when one of its literal cues is in the
sentence (:func:`cued`), so the cost is linear in the text whatever it holds.  These are the
structural grammar the vocabulary (``lexicon/*.toml``) plugs into, kept in code as named
patterns; like the vocabulary, they are compiled on first use, not at import.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Generic, TypeVar

from ..document import Evidence, Mention
from .lexicon import grammar, pattern

_T = TypeVar("_T")

#: Letters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not turn
#: into it (İ, dotless ı, long ſ; found by trying every code point against a-z).
_CASE_TWINS = grammar("[\u0130\u0131\u017f]")


def folded(sentence: str) -> str | None:
    """The sentence in lower case for :func:`cued`, or None when it holds a letter that the
    patterns' case folding and ``str.lower`` disagree on."""
    return None if _CASE_TWINS.search(sentence) else sentence.lower()


def cued(lowered: str | None, cues: re.Pattern[str]) -> bool:
    """Whether a case-insensitive pattern whose every match contains one of ``cues`` can match
    the sentence.  A search for a few lower-case literals costs far less than the pattern's
    scan, and most sentences hold no event word at all."""
    return lowered is None or cues.search(lowered) is not None


def cue_matches(
    pattern: re.Pattern[str], cues: re.Pattern[str], s: str, lowered: str | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)``, skipped when none of its cues is in the sentence."""
    return pattern.finditer(s) if cued(lowered, cues) else iter(())


def _in(sentence: Evidence, mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if sentence.start <= m.start < sentence.end]


def per_sentence(parts: list[Evidence], mentions: list[Mention]) -> list[list[Mention]]:
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


AREAL = {"country"}

#: How far (characters) a rule looks before or after its trigger word for the words it needs:
#: longer than any sentence of the dev articles (the longest is ~320), bounded so that a rule
#: costs the same at every verb of a text that never ends its sentence.
REACH = 400

#: The few words just before a trigger that the auxiliary and infinitive patterns read.
WORDS_REACH = 80


class Spans:
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


class Once(Generic[_T]):
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


#: "four Euphrates River towns", "the Idlib villages": a name used as an adjective, which
#: nobody takes, leaves or goes to.
ATTRIBUTIVE = grammar(
    r"\s+(?:[Rr]iver\s+)?(?:towns|villages|cities|areas|regions|positions|fronts|"
    r"neighbourhoods|neighborhoods|districts)\b"
)

NEGATION_STOP = grammar(r"\b(?:after|following|before|while|when|as)\b", re.IGNORECASE)
NEGATION = pattern("factuality.negation")

_CLAUSE_STOP = grammar(
    # "as" ends a clause, "as well as" and "such as" do not
    r";|(?<!such)(?<!well)\s(?:while|as(?!\s+well\b)|after|before|but|and then|days after|"
    r"bringing|dealing|in a)\s|\.\s",
    re.IGNORECASE,
)


def end_of_clause(s: str, start: int) -> int:
    """Where the clause that goes on at ``start`` ends: at its stop, else ``REACH`` further."""
    end = min(len(s), start + REACH)
    m = _CLAUSE_STOP.search(s, start, end)
    return m.start() if m else end


def subject_of(before: str) -> str:
    """The words naming who acted: the last clause before the verb."""
    # a comma inside a number ("2,000 Syrian troops") divides no clause
    parts = re.split(r"(?<!\d),|,(?!\d)|[;:]|\bwith\b|\bafter\b|\bas\b", before)
    return parts[-1] if parts else before


_CLAUSE_SPLIT = grammar(
    r",?\s+while\s+(?=others\b|some\b)|,\s+while\s+|;\s+|,?\s+(?:and\s+)?(?=others\b)",
    re.IGNORECASE,
)


def clause_spans(s: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _CLAUSE_SPLIT.finditer(s):
        yield start, m.start()
        start = m.end()
    yield start, len(s)
