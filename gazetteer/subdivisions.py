"""Outlines of Syria's governorates, districts and subdistricts for the gazetteer build.

Governorates are OCHA's COD-AB polygons (``sources/ocha/ocha_syr_admin1.geojson``), simplified
to :data:`TOLERANCE` degrees (about 100 m).  No source here has district or subdistrict
polygons under a licence we can ship (geoBoundaries' simplified ADM3 mislabels two subdistricts
as Türkiye and lacks Ras al-Ain), so they are *derived*: the Voronoi cells of OCHA's communities,
computed per governorate and clipped to its outline, are merged by the subdistrict pcode each
community carries; a district is the union of its subdistricts.  So the national border and the
governorate borders are OCHA's exactly, every community lies in its own subdistrict, and an
internal border runs halfway between the last villages on either side — good to a few km where
villages are dense, coarse in the empty desert (how coarse is measured by
``tests/test_subdivisions.py`` against Open-Syria's independent centroids).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

OCHA = Path(__file__).resolve().parent / "sources" / "ocha"
#: Simplification tolerance, in degrees (0.001° ≈ 100 m), and coordinate rounding.
TOLERANCE = 0.001
DIGITS = 4


def governorates() -> dict[str, object]:
    """OCHA pcode ('SY02') -> simplified shapely polygon of the governorate."""
    from shapely.geometry import shape

    data = json.loads((OCHA / "ocha_syr_admin1.geojson").read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        props = feature["properties"]
        pcode = props.get("ADM1_PCODE") or props.get("admin1Pcode")
        geom = shape(feature["geometry"]).buffer(0)
        out[pcode] = geom.simplify(TOLERANCE, preserve_topology=True)
    return out


def subdistricts(
    points: list[tuple[float, float, str, str]], outlines: dict[str, object]
) -> dict[str, object]:
    """Subdistrict pcode -> polygon: Voronoi cells of ``points`` (lat, lon, admin3, admin1)
    per governorate, clipped to ``outlines`` (admin1 pcode -> polygon), merged by admin3."""
    from shapely import MultiPoint, STRtree, voronoi_polygons
    from shapely import points as make_points
    from shapely.ops import unary_union

    by_governorate: dict[str, dict[tuple[float, float], str]] = defaultdict(dict)
    for lat, lon, admin3, admin1 in points:
        by_governorate[admin1].setdefault((round(lon, 5), round(lat, 5)), admin3)
    cells: dict[str, list[object]] = defaultdict(list)
    for admin1, located in sorted(by_governorate.items()):
        area = outlines[admin1]
        coords = sorted(located)
        if len(coords) == 1:
            cells[located[coords[0]]].append(area)
            continue
        diagram = voronoi_polygons(MultiPoint(coords), extend_to=area.envelope.buffer(1.0))
        polygons = list(diagram.geoms)
        seeds = make_points(coords)
        tree = STRtree(polygons)
        for seed, coord in zip(seeds, coords, strict=True):
            for hit in tree.query(seed, predicate="intersects"):
                cells[located[coord]].append(polygons[int(hit)].intersection(area))
                break
    return {code: unary_union(parts).buffer(0) for code, parts in sorted(cells.items())}


def districts(subs: dict[str, object], parents: dict[str, str]) -> dict[str, object]:
    """District pcode -> union of its subdistricts."""
    from shapely.ops import unary_union

    groups: dict[str, list[object]] = defaultdict(list)
    for code, geom in subs.items():
        groups[parents[code]].append(geom)
    return {code: unary_union(parts).buffer(0) for code, parts in sorted(groups.items())}


def aleppo_neighbourhoods() -> dict[str, str]:
    """Neighbourhood pcode ('N0123') -> GeoJSON outline, for Aleppo's 109 quarters (OCHA's
    city neighbourhoods, ``sources/ocha/ocha_aleppo_neighbourhoods.json``), simplified to ~10 m."""
    from shapely import wkt

    data = json.loads((OCHA / "ocha_aleppo_neighbourhoods.json").read_text(encoding="utf-8"))
    out = {}
    for item in data["items"]:
        geom = wkt.loads(item["boundaryWkt"]).buffer(0).simplify(0.0001, preserve_topology=True)
        out[item["pCode"]] = as_geojson(geom)
    return out


def as_geojson(geom: object) -> str:
    """Compact GeoJSON text of a polygon, rings right-handed (RFC 7946), rounded."""
    from shapely import set_precision
    from shapely.geometry import mapping
    from shapely.geometry.polygon import orient

    geom = set_precision(geom, 10**-DIGITS)
    if geom.geom_type == "Polygon":
        geom = orient(geom)
    elif geom.geom_type == "MultiPolygon":
        from shapely.geometry import MultiPolygon

        geom = MultiPolygon([orient(p) for p in geom.geoms])
    return json.dumps(mapping(geom), separators=(",", ":"))
