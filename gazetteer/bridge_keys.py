"""Spellings of Syrian places meet through their Arabic names: the build's half of the bridge.

``build.py``'s ``write_artifact`` calls :func:`write` once, before it writes the places.
:func:`write` does two things:

1. It adds the spellings of ``sources/syria_aliases.csv`` (keyed by OCHA pcode) to their
   places: the Kurdish and Turkish names no spelling rule reaches (Kobanî for Ayn al-Arab,
   Resulayn for Ras al-Ain, Şam for Damascus), each row citing where the form is used.
2. It writes the ``bridges`` table: the :func:`~syriamap.gazetteer.bridge.bridge_key` of
   every name of every Syrian place (the Arabic one OCHA gives each, and the Latin ones),
   mapped to the places and the names that have it, in the stored default order.  The
   gazetteer's bridge tier (``syriamap.gazetteer.matching``) reads it and confirms each
   candidate with :func:`~syriamap.gazetteer.bridge.confirms`.

3. It writes the ``english`` table: the words of English at least as frequent as
   :data:`ENGLISH_ZIPF` (``wordfreq``).  A bridge key is short, and "Heavy" (HF) or "Peter"
   (BTR) would meet some hamlet's Arabic name; the matcher bridges no name made only of them.

Only Syrian places get keys: the bridge is a reading of Arabic names, and a consonant key of
an English town's name would only add false meetings.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from rows import Row, encoded_entries

from syriamap.gazetteer.bridge import BRIDGE_VERSION, bridge_key
from syriamap.gazetteer.names import keep_alias
from syriamap.gazetteer.store import RANK_PLACE

SOURCES = Path(__file__).resolve().parent / "sources"
ALIASES = SOURCES / "syria_aliases.csv"
_LANGUAGES = frozenset({"ku", "tr", "ar", "en", "fr"})
_SCHEMA = """
CREATE TABLE IF NOT EXISTS bridges (key TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS english (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""
#: English words and names at least this frequent (``wordfreq`` Zipf, about once in a million
#: words: "heavy", "peter", "qaeda", "tell") are no romanisation the bridge may read alone.
ENGLISH_ZIPF = 3.0


def read_aliases(path: Path = ALIASES) -> dict[str, list[str]]:
    """pcode → extra spellings, from ``syria_aliases.csv`` (``pcode,aliases,language,source``:
    aliases ``|``-separated, the source a page or dataset that uses them).  A row without a
    source, with an unknown language or without aliases stops the build."""
    out: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for number, rec in enumerate(csv.DictReader(handle), 2):
            aliases = [a.strip() for a in rec["aliases"].split("|") if a.strip()]
            if not aliases or not rec["source"].strip() or rec["language"] not in _LANGUAGES:
                raise SystemExit(f"{path.name}:{number}: needs aliases, a language and a source")
            out[rec["pcode"].strip()].extend(aliases)
    return dict(out)


def _names(row: Row) -> list[str]:
    # The same names ``build.py`` indexes for the row.
    names = row.aliases if row.kind == "admin1" else [row.name, *row.aliases]
    out = []
    for alias in dict.fromkeys(re.sub(r"\s+", " ", a).strip() for a in names):
        if alias and (alias == row.name or row.rank != RANK_PLACE or keep_alias(alias)):
            out.append(alias)
    return out


def write(con: sqlite3.Connection, rows: list[Row]) -> None:
    """Add ``syria_aliases.csv``'s spellings to ``rows`` and write the ``bridges`` table for
    the Syrian ones (row *i* is place ``idx`` *i*, as ``write_artifact`` numbers them)."""
    extra = read_aliases()
    by_pcode = {row.pcode: row for row in rows if row.pcode}
    unknown = sorted(set(extra) - set(by_pcode))
    if unknown:
        raise SystemExit(f"{ALIASES.name}: unknown pcodes {unknown[:10]}")
    for pcode, aliases in extra.items():
        by_pcode[pcode].aliases.extend(aliases)
    by_key: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for idx, row in enumerate(rows):
        if row.country != "SY":
            continue
        for alias in _names(row):
            key = bridge_key(alias)
            if len(key) >= 2:
                by_key[key].setdefault(idx, []).append(alias)
    con.executescript(_SCHEMA)
    for key, entries in sorted(by_key.items()):
        con.execute("INSERT INTO bridges VALUES (?,?)", (key, encoded_entries(rows, entries)))
    con.executemany("INSERT INTO english VALUES (?)", ((w,) for w in english_words()))
    con.execute("INSERT INTO meta VALUES ('bridge_version', ?)", (str(BRIDGE_VERSION),))


def english_words() -> list[str]:
    """Lower-case English words (and the names English text uses: Peter, Hassan) of Zipf
    frequency :data:`ENGLISH_ZIPF` or more, in ``wordfreq``'s list for English."""
    from wordfreq import top_n_list, zipf_frequency

    words = top_n_list("en", 200_000)
    return sorted(
        {
            w
            for w in words
            if w.isascii() and w.isalpha() and zipf_frequency(w, "en") >= ENGLISH_ZIPF
        }
    )
