"""TEMPORARY (removed once the legacy constants are gone): every pattern the rules use now
is byte-equal, flags included, to the constant it replaced."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from syriamap.events import finders
from syriamap.events.lexicon import lexicon

_spec = importlib.util.spec_from_file_location(
    "_legacy_finders", Path(__file__).with_name("_legacy_finders.py")
)
assert _spec and _spec.loader
legacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(legacy)

NAMES = sorted(n for n, v in vars(legacy).items() if isinstance(v, re.Pattern))


@pytest.mark.parametrize("name", NAMES)
def test_pattern_is_byte_equal_to_the_legacy_constant(name: str) -> None:
    old, new = getattr(legacy, name), getattr(finders, name)
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
    assert finders._kind(verb, actor) == legacy._kind(verb, actor)
