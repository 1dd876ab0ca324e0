"""Sentences of an article, with their offsets in its text.

Splitting is done once per article (:func:`syriamap.text.document_from_article` keeps the
result in the :class:`~syriamap.document.Document`); every later stage reads those sentences.
A break is a full stop, "!" or "?" before a capital, a line break, or a caption glued to the
next sentence ("(AFP)This"); an abbreviation ("Dec.", "U.S.") is not a break.  A run-on text
that never stops comes in chunks of at most ``MAX_SENTENCE`` characters, cut at a clause
boundary, so per-sentence work stays bounded whatever the input.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

from ..document import Sentence

#: A "sentence" longer than this is read in chunks split at a clause boundary: news sentences
#: are far shorter, and the per-sentence work (dates, factions, lists) stays bounded.
MAX_SENTENCE = 1_000
_MAX_SENTENCE = MAX_SENTENCE


_ABBREVIATION = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|No|"
    r"U\.S|U\.N|U\.K|e\.g|i\.e)\.$"
)


_BREAK = re.compile(
    r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n+|(?<=\))(?=[A-Z][a-z])"
    # "Hama.The army ...": pages that drop the space after a full stop
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
)


#: A break begins right after one of ".!?)" or at a line break.
_BREAK_CUE = re.compile(r"[.!?)\n]")


def _breaks(text: str) -> Iterator[re.Match[str]]:
    """``_BREAK.finditer(text)``, trying ``_BREAK`` only where a break can begin.  Its leading
    lookbehind keeps the regex engine from skipping ahead by itself, so it would try every
    position of the article."""
    pos = 0  # where the next break may begin
    for cue in _BREAK_CUE.finditer(text):
        at = cue.start() if cue.group() == "\n" else cue.end()
        if at < pos:
            continue
        found = _BREAK.match(text, at)
        if found is not None:
            yield found
            # The empty break (":)Next") leaves no other break beginning at the same place.
            pos = max(found.end(), at + 1)


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences with offsets; captions glued to the next sentence ("AFP)This") are split, and
    a "sentence" longer than ``_MAX_SENTENCE`` characters comes in chunks cut at clause
    boundaries (see ``_chunks``)."""
    start = 0
    for m in _breaks(text):
        at = m.start()
        if _ABBREVIATION.search(text, max(0, at - 6), at):
            continue
        yield from _chunks(text, start, at + (1 if text[at : at + 1] in '"”’)' else 0))
        start = m.end()
    yield from _chunks(text, start, len(text))


def _chunks(text: str, start: int, end: int) -> Iterator[Sentence]:
    """``text[start:end]`` stripped, as one part or, when longer than ``_MAX_SENTENCE``, as
    parts of at most that length, each cut after the last clause boundary (";", ",", "and"
    ..., else a space) in its second half, else at the limit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE:
        limit = start + _MAX_SENTENCE
        stop = limit
        for boundary in (_CLAUSE_BOUNDARY, _SPACE):
            found = deque(boundary.finditer(text, start + _MAX_SENTENCE // 2, limit), maxlen=1)
            if found:
                last = found[0]
                stop = last.start() + (last.group()[0] in ";,:")  # the stop keeps its mark
                break
        part_end = stop
        while part_end > start and text[part_end - 1].isspace():
            part_end -= 1
        yield Sentence(text[start:part_end], start, part_end)
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Sentence(text[start:end], start, end)


_CLAUSE_BOUNDARY = re.compile(r"[;,:]\s|\s(?:and|or|but|while|as|then)\s", re.IGNORECASE)


_SPACE = re.compile(r"\s")


def lead_index(parts: list[Sentence] | tuple[Sentence, ...]) -> int | None:
    """The lead: the first part that reads as a sentence (headlines and datelines have no
    closing stop) and has at least eight words."""
    for k, part in enumerate(parts):
        if part.text.rstrip('"”’)').endswith((".", "!")) and len(part.text.split()) >= 8:
            return k
    return None
