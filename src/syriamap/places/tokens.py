"""Words, zones and runs: the capitalised stretches of a text the place scanner looks at.

Only a small part of an article can hold a place name — its capitalised words, Arabic-script
words and the connectors between them ("Deir ez Zor") — so the scanner first finds those
*zones* with one pattern (:func:`zones`), splits each into tokens with their offsets
(:func:`tokens`) and groups them into maximal *runs* (:func:`runs`).  Tokens are named tuples,
not dataclasses: one is made per capitalised word of every article, and a tuple is several
times cheaper to build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .words import CONNECTORS

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'ʿʾ‘\-]*\w)?", re.UNICODE)
ARTICLE_PREFIX = re.compile(
    r"^(?:al|el|as|es|ash|esh|ad|ed|ar|er|an|en|at|et|az|ez|ath|adh)[-‐](?=\w)"
)
#: The same article in any case ("Al-Rai", "al-Assad").
ANY_ARTICLE = re.compile(ARTICLE_PREFIX.pattern, re.IGNORECASE)
#: "I've", "They're", "Don't": a capitalised contraction is never a place.
CONTRACTION = re.compile(r"(?:['’](?:ve|re|ll|d|m)|n['’]t)$", re.IGNORECASE)
#: What may stand just before the first word of a sentence.
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n(]\s*)$")
#: What follows the place of a dateline: ", Mo. —", ", Syria (Reuters)", " — The", " (AP)".
DATELINE_AFTER = re.compile(r",\s+[A-Z][\w.]*(?:\s+\(|\s*[—–-])|\s*(?:[—–]|--?\s|\()")
#: A given name and a middle initial just before a word: "Jack L. Harmon", "George W. Bush".
MIDDLE_INITIAL = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]\.\s+$")
_POSSESSIVE_ENDINGS = ("'s", "’s")


_FOOTNOTE = re.compile(r"(?<=[^\W\d_]{3})\d{1,2}$")


class Token(NamedTuple):
    """One word of the text with its offsets (``text[start:end] == text`` of the token)."""

    text: str
    start: int
    end: int


def tokens(text: str, pos: int, endpos: int) -> Iterator[Token]:
    """The words of ``text[pos:endpos]``, with offsets into ``text`` (matched in place, not on
    a slice: ``_TOKEN`` has no anchors, so the bounds act as the ends of the string)."""
    for match in _TOKEN.finditer(text, pos, endpos):
        word, start = match.group(), match.start()
        if word.endswith(_POSSESSIVE_ENDINGS):
            word = word[:-2]
        head, sep, tail = word.partition("-")
        # "US-led", "Iran-backed", "Turkey-affiliated": the place is the head
        if (
            sep
            and tail[:1].islower()
            and not ARTICLE_PREFIX.match(word)
            and not ARTICLE_PREFIX.match(tail)  # "Deir-ez-Zor", "Jisr-ash-Shughur": one name
            and head[:1].isupper()
        ):
            word = head
        # "Banyas3": a footnote mark glued to a name ("M4", "T4" keep their digit)
        word = _FOOTNOTE.sub("", word)
        yield Token(word, start, start + len(word))


_UPPER = "".join(
    ch for ch in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper()
)
_GLUED_ARTICLES = "al|el|as|es|ash|esh|ad|ed|ar|er|an|en|at|et|az|ez|ath|adh"
_WORD = (
    rf"(?:(?:[A-Z]\.){{2,}}|(?:(?:{_GLUED_ARTICLES})[-‐])?"
    rf"[{_UPPER}\u0600-\u06ff][\w’'ʿʾ‘\-]*)"
)
#: Stretches of text that can hold a run: capitalised words, connectors between them.  Only
#: these are tokenised — most of an article is lower-case prose the scanner can skip.
ZONE = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:{'|'.join(sorted(CONNECTORS))})[ \t]+){{0,2}}{_WORD})*")
#: Where a zone can start: a capital (or Arabic) letter, or a glued article before one.
_ZONE_CAPITAL = re.compile(rf"[{_UPPER}\u0600-\u06ff]")
_ZONE_ARTICLE = re.compile(rf"(?:{_GLUED_ARTICLES})[-‐][{_UPPER}\u0600-\u06ff]")


def zones(text: str) -> Iterator[re.Match[str]]:
    """``ZONE.finditer(text)``, found twice as fast.  The engine tries ``ZONE`` at every
    position of the text (its first word may begin with a capital or with "al-", so it has no
    single leading character set to skip to); the two start patterns each have one, and a zone
    can only begin where one of them matches."""
    capital, article = _ZONE_CAPITAL.search(text), _ZONE_ARTICLE.search(text)
    while capital or article:
        if article is None or (capital is not None and capital.start() <= article.start()):
            start = capital.start() if capital else 0
        else:
            start = article.start()
        zone = ZONE.match(text, start)
        if zone is None:  # not reached: every start found begins a zone
            end = start + 1
        else:
            yield zone
            end = zone.end()
        if capital is not None and capital.start() < end:
            capital = _ZONE_CAPITAL.search(text, end)
        if article is not None and article.start() < end:
            article = _ZONE_ARTICLE.search(text, end)


def _word_character(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\\w`` matches


def whole_word(text: str, word: str) -> bool:
    """Whether ``word`` (two or more of a-z) occurs in ``text`` with no word character on
    either side."""
    if len(word) < 2 or not (word.isascii() and word.isalpha() and word.islower()):
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_character(text[at - 1])) and (
            end == len(text) or not _word_character(text[end])
        ):
            return True
        at = text.find(word, at + 1)
    return False


def in_arabic_script(token: str) -> bool:
    """Whether ``token`` is written in Arabic script, which has no capitals to judge."""
    return "\u0600" <= token[:1] <= "\u06ff"


def _capitalised(token: str) -> bool:
    if token[:1].isupper():
        return True
    if ARTICLE_PREFIX.match(token):
        rest = ARTICLE_PREFIX.sub("", token)
        return rest[:1].isupper()
    return in_arabic_script(token)


def runs(words: list[Token], text: str) -> Iterator[list[Token]]:
    """Maximal runs of capitalised tokens (connectors allowed inside) not split by punctuation
    or a line break."""
    run: list[Token] = []
    pending: list[Token] = []
    last_end: int | None = None
    for token in words:
        gap = text[last_end : token.start] if last_end is not None else ""
        if run and gap.strip(" \t-‐"):
            yield run
            run, pending = [], []
        if _capitalised(token.text):
            run += pending
            pending = []
            run.append(token)
        elif run and token.text.lower() in CONNECTORS and len(pending) < 2:
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = [], []
        last_end = token.end
    if run:
        yield run
