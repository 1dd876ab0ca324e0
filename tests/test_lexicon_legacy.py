"""TEMPORARY (removed once the legacy constants are gone): every pattern the rules use now
is byte-equal, flags included, to the constant it replaced."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from syriamap.events import control, cues, dating, factions, movement, roles, targets, triggers
from syriamap.events.lexicon import lexicon

_spec = importlib.util.spec_from_file_location(
    "_legacy_finders", Path(__file__).with_name("_legacy_finders.py")
)
assert _spec and _spec.loader
legacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(legacy)

RENAMED = {
    "_lowered": "folded",
    "_cued": "cued",
    "_matches": "cue_matches",
    "_per_sentence": "per_sentence",
    "_AREAL": "AREAL",
    "_REACH": "REACH",
    "_WORDS_REACH": "WORDS_REACH",
    "_Spans": "Spans",
    "_Once": "Once",
    "_ATTRIBUTIVE": "ATTRIBUTIVE",
    "_NEGATION": "NEGATION",
    "_NEGATION_STOP": "NEGATION_STOP",
    "_clause_end": "end_of_clause",
    "_subject": "subject_of",
    "_clauses": "clause_spans",
    "_actor_faction": "actor_faction",
    "_ANAPHORIC": "ANAPHORIC",
    "_previous": "previous_of",
    "_HELD": "HELD",
    "_HELD_CUES": "HELD_CUES",
    "_faction_outside_place_phrases": "faction_outside_place_phrases",
    "_reporting": "reporting_verbs",
    "_OBJECT_GAP": "OBJECT_GAP",
    "_INCLUDING": "INCLUDING",
    "_THEIR": "THEIR",
    "_THE_PLACE_AFTER": "THE_PLACE_AFTER",
    "_LIST_GAP": "LIST_GAP",
    "_listed": "listed",
    "_Dated": "SentenceDates",
    "_lead_date": "lead_date",
    "_news_dated": "news_dated",
    "_mode": "mode_of",
    "_kind": "kind_of",
    "_role": "role_of",
    "_PREPOSITION": "PREPOSITION",
    "_ARRIVAL": "ARRIVAL",
    "_ROLE_REACH": "ROLE_REACH",
    "_TOWARD": "TOWARD",
    "_RESIDENTS_OF": "RESIDENTS_OF",
    "_RESIDENTS_AFTER": "RESIDENTS_AFTER",
    "_merge_repeats": "merge_repeats",
    "_Found": "Found",
    "_keep": "keep",
    "_CLAUSE_BREAK": "CLAUSE_BREAK",
}
MODULES = (control, cues, dating, factions, movement, roles, targets, triggers)


def _new(name: str) -> object:
    new = RENAMED.get(name, name)
    homes = [getattr(m, new) for m in MODULES if new in vars(m)]
    assert homes, name
    return homes[0]


NAMES = sorted(n for n, v in vars(legacy).items() if isinstance(v, re.Pattern))


@pytest.mark.parametrize("name", NAMES)
def test_pattern_is_byte_equal_to_the_legacy_constant(name: str) -> None:
    old, new = getattr(legacy, name), _new(name)
    assert (new.pattern, new.flags) == (old.pattern, old.flags)


def test_factions_modes_and_words_are_equal() -> None:
    lex = lexicon()
    assert [(n, p.pattern, p.flags) for n, p in lex.factions] == [
        (n, p.pattern, p.flags) for n, p in legacy.FACTIONS
    ]
    assert [(n, p.pattern, p.flags) for n, p in lex.modes] == [
        (n, p.pattern, p.flags) for n, p in legacy._MODE_CUES
    ]
    w = lex.words
    assert set(w["idioms.personal_pronouns"]) == legacy._PERSONAL_PRONOUNS
    assert set(w["control.present_forms"]) == legacy._PRESENT_FORMS
    assert w["control.needs_a_faction"] == legacy._NEEDS_A_FACTION
    assert set(w["factions.generic_sides"]) == legacy._GENERIC_SIDES
    assert set(w["roles.no_role"]) == legacy._NO_ROLE
    assert set(w["movement.departures"]) == legacy._DEPARTURES
    assert dict(lex.roles) == legacy._ROLES
    assert dict(lex.kinds_of) == legacy._KINDS_OF


@pytest.mark.parametrize(
    "verb",
    [
        "evacuated",
        "airlifted",
        "withdrew",
        "pulled",
        "deployed",
        "sent",
        "returned",
        "crossed",
        "fled",
        "escaped",
        "flew",
        "drove",
        "Fled",
    ],
)
@pytest.mark.parametrize("actor", ["refugees", "Civilians", "troops", "", "REFUGEE families"])
def test_kinds_are_the_legacy_kinds(verb: str, actor: str) -> None:
    assert roles.kind_of(verb, actor) == legacy._kind(verb, actor)
