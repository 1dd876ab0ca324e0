"""The event vocabulary: the data files of ``events/lexicon/``, checked and compiled once.

The words the rules look for — trigger verbs and nouns, factuality cues, idioms that are no
events, factions, mode cues, role prepositions, place anaphora — are data, so that a new
phrasing is a line in a ``.toml`` file with an example, not a new regular expression in code.
What stays in code is the grammar that reads them (clause splitting, windows, passives).

A pattern entry is a table::

    [capture]                      # the key the rules use: "control.capture"
    flags = 'i'                    # 'i': any case; '': as written
    before = '\\b('                 # regex text around the alternatives (grammar of the entry)
    alternatives = ['captur(?:e[ds]?|ing)', ...]   # regexes, tried in this order
    phrases = ['poised to', ...]   # optional literal phrases, after the alternatives
    after = ')\\b'
    cues = ['captur', ...]         # optional: a lower-case literal every match contains
    examples = ['Rebels captured Hama']            # optional: text the pattern must match

and a word list is a table with ``words``.  The pattern is ``before + "|".join(alternatives
+ phrases) + after``, so the order of the alternatives is the order they are tried in.

Nothing is read at import: :func:`lexicon` reads, checks and compiles every file the first
time a rule runs, and keeps the result; a malformed file is one :class:`DataError` naming
the file and the key.  :func:`later` gives the rules module-level names for patterns that
do not exist yet (see :class:`_Later`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, cast

from ..errors import DataError

#: The data files, in the order they are read.
FILES = ("control", "factuality", "idioms", "factions", "movement", "roles", "anaphora")
_FLAGS = {"": re.NOFLAG, "i": re.IGNORECASE}


@dataclass(frozen=True, slots=True)
class KindRule:
    """A movement kind: given when the verb starts with one of ``verbs`` and the actor holds
    ``actor_contains`` (lower case) and matches ``actor_matches``, where these are set."""

    kind: str
    verbs: tuple[str, ...]
    actor_contains: str | None
    actor_matches: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every file of the vocabulary, checked and compiled; keys are ``"file.key"``."""

    patterns: Mapping[str, re.Pattern[str]]
    cues: Mapping[str, re.Pattern[str]]
    words: Mapping[str, tuple[str, ...]]
    #: A movement's role for a place after each word (``roles.roles``); other words: destination.
    roles: Mapping[str, str]
    #: What "the city", "the base" ... can refer back to (None: any place but a country).
    kinds_of: Mapping[str, frozenset[str] | None]
    confidence: Mapping[str, float]
    #: Text each pattern must match (for a faction: text it must be the first to match).
    examples: Mapping[str, tuple[str, ...]]
    factions: tuple[tuple[str, re.Pattern[str]], ...]
    modes: tuple[tuple[str, re.Pattern[str]], ...]
    kinds: tuple[KindRule, ...]


def phrase(text: str) -> str:
    """A literal phrase as regex text: escaped, a space standing for any run of spaces."""
    return re.escape(text).replace(r"\ ", r"\s+")


def cue_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Literal cues as one case-sensitive search (the rules search the lowered sentence)."""
    return re.compile("|".join(map(re.escape, words)))


class _Reader:
    """Checks one file's tables, so that every complaint names the file and the key."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name, self.data = name, data

    def fail(self, key: str, problem: str) -> DataError:
        return DataError(f"event lexicon {self.name}.toml: {key}: {problem}")

    def strings(self, table: Mapping[str, Any], key: str, field: str) -> tuple[str, ...]:
        value = table.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"{field} must be a list of strings")
        return tuple(value)

    def text(self, table: Mapping[str, Any], key: str, field: str, default: str = "") -> str:
        value = table.get(field, default)
        if not isinstance(value, str):
            raise self.fail(key, f"{field} must be a string")
        return value

    def compile(self, table: Mapping[str, Any], key: str) -> re.Pattern[str]:
        """The pattern of a pattern entry (see the module docstring)."""
        flags = self.text(table, key, "flags")
        if flags not in _FLAGS:
            raise self.fail(key, f"flags must be one of {sorted(_FLAGS)}, not {flags!r}")
        alternatives = self.strings(table, key, "alternatives")
        phrases = tuple(map(phrase, self.strings(table, key, "phrases")))
        if not alternatives + phrases:
            raise self.fail(key, "a pattern needs alternatives or phrases")
        source = "|".join(alternatives + phrases)
        source = self.text(table, key, "before") + source + self.text(table, key, "after")
        try:
            return re.compile(source, _FLAGS[flags])
        except re.error as err:
            raise self.fail(key, f"not a regular expression ({err})") from None

    def table(self, key: str) -> Mapping[str, Any]:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "missing, or not a table")
        return value

    def named(self, key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """An array of tables (``[[faction]]``), each with a ``name``."""
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "missing, or not an array of tables")
        out: list[tuple[str, Mapping[str, Any]]] = []
        for k, item in enumerate(value):
            where = f"{key}[{k}]"
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise self.fail(where, "each needs a name")
            out.append((item["name"], item))
        return out


def _read(root: Traversable, name: str) -> _Reader:
    try:
        data = tomllib.loads(root.joinpath(f"{name}.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise DataError(f"event lexicon {name}.toml: unreadable ({err})") from None
    return _Reader(name, data)


def load(root: Traversable) -> Lexicon:
    """Read, check and compile the vocabulary in ``root`` (a folder of :data:`FILES`)."""
    patterns: dict[str, re.Pattern[str]] = {}
    cues: dict[str, re.Pattern[str]] = {}
    words: dict[str, tuple[str, ...]] = {}
    confidence: dict[str, float] = {}
    examples: dict[str, tuple[str, ...]] = {}
    readers = {name: _read(root, name) for name in FILES}
    for name, reader in readers.items():
        for key, value in reader.data.items():
            if not isinstance(value, dict):
                continue  # arrays of tables: read below by name
            full = f"{name}.{key}"
            if "words" in value:
                words[full] = reader.strings(value, key, "words")
            elif "alternatives" in value or "phrases" in value:
                patterns[full] = reader.compile(value, key)
                examples[full] = reader.strings(value, key, "examples")
                if "cues" in value:
                    cues[full] = cue_pattern(reader.strings(value, key, "cues"))
                if "confidence" in value or "passive_confidence" in value:
                    for field in ("confidence", "passive_confidence"):
                        number = value.get(field)
                        if number is not None and not isinstance(number, float):
                            raise reader.fail(key, f"{field} must be a number like 0.7")
                        if number is not None:
                            confidence[full if field == "confidence" else f"{full}.passive"] = (
                                number
                            )
            elif full not in _TABLES:
                raise reader.fail(key, "neither a pattern (alternatives) nor a word list (words)")
    factions = readers["factions"]
    movement = readers["movement"]
    for name, item in factions.named("faction"):
        examples[f"factions.faction.{name}"] = factions.strings(item, f"faction {name}", "examples")
    return Lexicon(
        patterns=patterns,
        cues=cues,
        words=words,
        roles=_roles(readers["roles"]),
        kinds_of=_kinds_of(readers["anaphora"]),
        confidence=confidence,
        examples=examples,
        factions=tuple(
            (name, factions.compile(item, f"faction {name}"))
            for name, item in factions.named("faction")
        ),
        modes=tuple(
            (name, movement.compile(item, f"mode {name}")) for name, item in movement.named("mode")
        ),
        kinds=tuple(_kind_rule(movement, name, item) for name, item in movement.named("kind")),
    )


#: The plain tables of the vocabulary, each read by its own function below.
_TABLES = frozenset({"roles.roles", "anaphora.kinds_of"})


def _roles(reader: _Reader) -> dict[str, str]:
    value = reader.table("roles")
    if not all(isinstance(v, str) for v in value.values()):
        raise reader.fail("roles", "each word must give a role, as a string")
    return dict(value)


def _kinds_of(reader: _Reader) -> dict[str, frozenset[str] | None]:
    value = reader.table("kinds_of")
    return {
        noun: None if kinds == "*" else frozenset(reader.strings(value, "kinds_of", noun))
        for noun, kinds in value.items()
    }


def _kind_rule(reader: _Reader, name: str, item: Mapping[str, Any]) -> KindRule:
    key = f"kind {name}"
    verbs = reader.strings(item, key, "verbs")
    if not verbs:
        raise reader.fail(key, "verbs must name at least one verb")
    contains = reader.text(item, key, "actor_contains") or None
    matches = reader.text(item, key, "actor_matches") or None
    try:
        pattern = re.compile(matches, re.IGNORECASE) if matches else None
    except re.error as err:
        raise reader.fail(key, f"actor_matches is not a regular expression ({err})") from None
    return KindRule(name, verbs, contains, pattern)


@cache
def lexicon() -> Lexicon:
    """The package's vocabulary, read and compiled on first use and kept."""
    return load(files(__package__).joinpath("lexicon"))


def words(key: str) -> tuple[str, ...]:
    """The word list ``key`` ("control.present_forms")."""
    return lexicon().words[key]


def confidence(key: str) -> float:
    """The confidence an event found by the rule ``key`` ("control.capture") is given."""
    return lexicon().confidence[key]


class _Later:
    """A compiled pattern that is made the first time it is used.

    The rules keep their patterns as module-level names (``_CAPTURE.finditer(s)``), but
    nothing may be compiled or read at import.  The first attribute asked for compiles the
    pattern and puts its methods on the instance, so later calls go straight to the compiled
    pattern's methods, at the cost of a plain attribute lookup.
    """

    _NAMES = (
        "search",
        "match",
        "fullmatch",
        "finditer",
        "findall",
        "split",
        "sub",
        "pattern",
        "flags",
    )

    def __init__(self, make: Callable[[], re.Pattern[str]]) -> None:
        self.__dict__["_make"] = make

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__["_make"]()
        for attribute in self._NAMES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)


def later(make: Callable[[], re.Pattern[str]]) -> re.Pattern[str]:
    """A pattern made by ``make`` on first use, for a module-level name (see :class:`_Later`)."""
    return cast(re.Pattern[str], _Later(make))


def pattern(key: str) -> re.Pattern[str]:
    """The lexicon's pattern ``key`` ("control.capture"), compiled on first use."""
    return later(lambda: lexicon().patterns[key])


def cues(key: str) -> re.Pattern[str]:
    """The cues of the lexicon's pattern ``key``, compiled on first use."""
    return later(lambda: lexicon().cues[key])


def cued_pattern(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The lexicon's pattern ``key`` and its cues, each compiled on first use."""
    return pattern(key), cues(key)


def grammar(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern of the rules' own grammar (not vocabulary), compiled on first use."""
    return later(lambda: re.compile(source, flags))
