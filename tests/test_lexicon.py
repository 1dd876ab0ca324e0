"""The event vocabulary as data: every example of the lexicon is matched, and a malformed
file is refused with one line naming the file and the key.

A new phrasing is a line in ``src/syriamap/events/lexicon/*.toml`` plus an example there;
these tests check the example against the compiled pattern and its fast-path cues.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from syriamap.errors import DataError
from syriamap.events import faction_of
from syriamap.events.lexicon import FILES, lexicon, load

LEX = lexicon()
WITH_EXAMPLES = sorted(k for k, v in LEX.examples.items() if v and k in LEX.patterns)


def test_every_trigger_family_has_examples() -> None:
    families = {"capture", "lost", "fall", "nominal", "withdrawal"}
    assert {f"control.{f}" for f in families} <= set(WITH_EXAMPLES)
    assert "movement.move" in WITH_EXAMPLES and "factuality.negation" in WITH_EXAMPLES


@pytest.mark.parametrize("key", WITH_EXAMPLES)
def test_each_example_is_matched(key: str) -> None:
    pattern = LEX.patterns[key]
    missed = [e for e in LEX.examples[key] if not pattern.search(e)]
    assert not missed, f"{key} does not match {missed}"


@pytest.mark.parametrize("key", sorted(LEX.cues))
def test_each_example_holds_a_cue(key: str) -> None:
    """The fast path skips a sentence without a cue: an example the pattern matches but no cue
    finds would be a phrasing the rules never read."""
    missed = [e for e in LEX.examples[key] if not LEX.cues[key].search(e.lower())]
    assert not missed, f"{key}: no cue in {missed}"


@pytest.mark.parametrize("name", [name for name, _ in LEX.factions])
def test_each_faction_example_is_that_faction(name: str) -> None:
    examples = LEX.examples[f"factions.faction.{name}"]
    assert examples, f"faction {name} has no example"
    assert [faction_of(e) for e in examples] == [name] * len(examples)


def test_a_phrasing_added_as_data_is_matched(tmp_path: Path) -> None:
    """Adding a trigger is one line of data: "wrested" is no capture until the file says so."""
    root = _copy(tmp_path)
    control = root / "control.toml"
    text = control.read_text(encoding="utf-8")
    assert not load(root).patterns["control.capture"].search("rebels wrested Hama")
    control.write_text(text.replace("    'overran',\n", "    'overran',\n    'wrested',\n"))
    assert load(root).patterns["control.capture"].search("rebels wrested Hama")


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        (
            "control",
            ("    'overran',\n", "    'overr(an',\n"),
            "event lexicon control.toml: capture: not a regular expression",
        ),
        ("roles", ("flags = 'i'", "flags = 'x'"), "event lexicon roles.toml: preposition: flags"),
        ("idioms", ("[fired]", "[fired\n"), "event lexicon idioms.toml: unreadable"),
        ("factions", ("name = 'hts'", "name = 7"), "event lexicon factions.toml: faction[1]"),
        (
            "movement",
            ("verbs = ['return']", "verbs = []"),
            "event lexicon movement.toml: kind refugee_return: verbs",
        ),
    ],
)
def test_a_malformed_file_is_one_data_error_naming_file_and_key(
    tmp_path: Path, file: str, edit: tuple[str, str], message: str
) -> None:
    root = _copy(tmp_path)
    path = root / f"{file}.toml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(root)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_nothing_is_read_or_compiled_at_import() -> None:
    code = "import syriamap, syriamap.events.lexicon as lx;print(lx.lexicon.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def _copy(tmp_path: Path) -> Path:
    source = files("syriamap.events").joinpath("lexicon")
    root = tmp_path / "lexicon"
    root.mkdir()
    for name in FILES:
        shutil.copyfile(str(source.joinpath(f"{name}.toml")), root / f"{name}.toml")
    return root
