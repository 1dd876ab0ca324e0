"""The place scanner's vocabulary: the word sets and phrase patterns it judges runs with.

The words themselves are data, in ``words.toml`` beside this module, so that teaching the
scanner a new title, demonym or feature word is a line of data and a test, not an edit of the
scanner.  The file is read once, at import, with :mod:`tomllib` through
:mod:`importlib.resources` (so it works from a wheel or a zip); what this module adds is the
shape the scanner needs — frozensets for membership, compiled patterns for the phrases — and
the few numbers and place kinds that are judgements about the gazetteer rather than words.
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from typing import Any

_DATA: dict[str, Any] = tomllib.loads(
    files(__package__).joinpath("words.toml").read_text(encoding="utf-8")
)


def _words(name: str) -> frozenset[str]:
    """A word set of the file: one string of words separated by white space."""
    return frozenset(_DATA["sets"][name].split())


def _alternatives(name: str) -> str:
    """A phrase list of the file as a regular-expression alternation, in the file's order."""
    return "|".join(re.escape(phrase) for phrase in _DATA["phrases"][name])


CONNECTORS = _words("connectors")
PLACE_WORDS = _words("place_words")
DEMONYMS = _words("demonyms")
STOPWORDS = _words("stopwords")
PERSON_WORDS = _words("person_words")
OPERATION = _words("operation")
COMPASS = _words("compass")
CAPITAL_ARTICLES = _words("capital_articles")
ADJECTIVES = _words("adjectives")
ARABIC_FUNCTION_WORDS = _words("arabic_function_words")
#: Capitalised words that are never place mentions on their own.
NOT_PLACES = STOPWORDS | PERSON_WORDS | DEMONYMS | COMPASS
#: Words that may stand before a place inside a capitalised run.
MAY_PRECEDE = ADJECTIVES | STOPWORDS
#: Words that open some aliases ("Syrian Golan") and also stand before longer names.
MAY_PRECEDE_NAMES = ADJECTIVES | DEMONYMS


def _institutions() -> frozenset[tuple[str, str]]:
    table = _DATA["institutions"]
    seats = {tuple(seat.split()) for seat in table["seats"]}
    media = {
        (article, name) for article in table["articles"].split() for name in table["media"].split()
    }
    return frozenset((first, second) for first, second in seats | media)


#: Two-word names of institutions and media that look like places ("White House", "Al Quds").
INSTITUTIONS = _institutions()

#: News-style (AP) abbreviations of US states, with their full stop ("Ga.") → the state.
US_STATE_ABBREVIATIONS: dict[str, str] = dict(_DATA["us_states"])

#: A title before a run: the run is a person ("President Assad", "Dr. Moore").
TITLE_BEFORE = re.compile(rf"\b({_alternatives('titles')})\.?\s+$")
SPEAKS = re.compile(rf"\s+(?:{_alternatives('speech_verbs')})\b")
#: "operation, “Dawn of Freedom”", "offensive dubbed 'Deterrence of Aggression'": the quoted
#: run after it names an operation.
OPERATION_QUOTED = re.compile(
    rf"\b(?:{_alternatives('operation_nouns')})s?,?\s+(?:(?:dubbed|named|called|code-named)\s+)?"
    r"[“\"‘']\s*$",
    re.IGNORECASE,
)
#: ", the mayor of …" after a run: the run is a person.
APPOSITIVE_PERSON = re.compile(rf",\s+(?:the|a)\s+(?:{_alternatives('appositive_roles')})\b")
#: A feature written in lower case after a run ("the Masnaa crossing", "Shayrat airbase").
FEATURE_AFTER = re.compile(rf"\s+(?:{_alternatives('features_after')})\b", re.IGNORECASE)
#: A facility written after a name: "the Sheikh Akil graveyard" is a cemetery, not the village.
FACILITY_AFTER = re.compile(rf"\s+(?:{_alternatives('facilities_after')})\b")
QUALIFIER_WORDS = re.compile(rf"\b(?:{_alternatives('qualifiers')})\b", re.IGNORECASE)
#: "Deir Hafar" for Dayr Hafir, "Maarat al-Nuaman": a name of two or more words opening with an
#: Arabic generic that no spelling rule folds to a known name is looked up approximately,
#: among the places of Syria and its neighbours only, where transliterations differ in their
#: vowels.  Anywhere else a capitalised phrase is too often some approximate match of some
#: place ("Tal Bireh" of Tabira, Brazil).
ARABIC_GENERIC = re.compile(
    rf"(?:(?:al|el|as|ad|ar|at|ash|az)[-‐ ])?(?:{_alternatives('arabic_generics')})\s+\S"
)

#: The lowest score of an approximate reading of an Arabic generic name ("Kfar Nabl" for Kafr
#: Nabl scores 0.787).
VOWEL_VARIANT_SCORE = 0.78
#: A city at least this large is its government when it "said" something: every capital of
#: the region (Doha: 345,000) and the big cities that speak in the news, not "Moore said".
METONYM_POPULATION = 300_000
SETTLEMENTS = frozenset({"city", "town", "village", "place"})
#: Kinds a capitalised common word opening a sentence still names ("China").
MAJOR_KINDS = frozenset({"country", "continent", "admin1"})
#: Kinds a word used as a person's name in the article still names ("Jordan", "Africa");
#: any other place ("Flores", an island and a surname) is the person there.
NAMED_ONLY_AS_PLACES = frozenset({"country", "continent"})
#: Kinds that are areas: the document's home country does not pull them to a namesake.
AREAS = frozenset({"country", "continent", "admin1", "region"})
