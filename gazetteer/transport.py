"""Syria's border crossings from Open-Syria's transport register, met with the curated ones.

``sources/opensyria/transport_locations.json`` lists 30 border crossings with coordinates
(HIU/US DoS and HDX references inside).  A crossing the project already curates (within
:data:`MERGE_KM`) keeps its curated row and gains Open-Syria's names; the others — Nasib,
Atmeh, Hacıpaşa, Harem, Meidan Ekbis, Sama al-Sarhan … — become ``opensyria:<id>`` places.
Each name also gets its short forms ("Nasib crossing", "Nasib border crossing"), which is how
news writes them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rows import Row

from syriamap.gazetteer import haversine_km
from syriamap.gazetteer.names import fold
from syriamap.gazetteer.store import RANK_CURATED

TRANSPORT = Path(__file__).resolve().parent / "sources" / "opensyria" / "transport_locations.json"
MERGE_KM = 4.0
SOURCE = "Open-Syria data-transport (HIU/US DoS and HDX border-crossing references)"
_SUFFIX = re.compile(r"\s+(?:border\s+)?crossing$", re.IGNORECASE)


def short_forms(name: str) -> list[str]:
    """'Nasib Border Crossing' -> the name, 'Nasib crossing', 'Nasib border crossing'."""
    base = _SUFFIX.sub("", name).strip()
    if base == name or not base:
        return [name]
    return [name, f"{base} crossing", f"{base} border crossing"]


def crossings(curated: list[Row]) -> list[Row]:
    """New crossing rows; curated crossings near an Open-Syria one gain its names in place."""
    sites = json.loads(TRANSPORT.read_text(encoding="utf-8"))
    known = [r for r in curated if r.kind == "crossing"]
    owner: dict[str, str] = {}
    for row in curated:
        for alias in [row.name, *row.aliases]:
            owner.setdefault(fold(alias), row.id)
    rows = []
    for site in sites:
        if "border_crossing" not in site.get("locationTypes", []):
            continue
        lat, lon = site["coordinates"]["latitude"], site["coordinates"]["longitude"]
        names = [site["name"]["en"], *(a["value"] for a in site.get("aliases", []))]
        if site["name"].get("ar"):
            names.append(site["name"]["ar"])
        forms = list(dict.fromkeys(f for n in names if "(" not in n for f in short_forms(n)))
        near = [(haversine_km(lat, lon, r.lat, r.lon), r.id, r) for r in known]
        close = min(near, default=None, key=lambda n: n[:2])
        if close is not None and close[0] <= MERGE_KM:
            # A name another curated row owns stays its own: "Al Masna" is Jdeidat Yabous'
            # alias here, but "Masnaa crossing" is the Lebanese post beside it.
            row = close[2]
            row.aliases.extend(f for f in forms if fold(f) not in owner)
            continue
        rows.append(
            Row(
                id=f"opensyria:{site['id']}",
                name=site["name"]["en"],
                lat=round(lat, 5),
                lon=round(lon, 5),
                country="SY",
                kind="crossing",
                admin1=None,
                admin1_code=None,
                population=0,
                rank=RANK_CURATED,
                source=SOURCE,
                aliases=list(dict.fromkeys(forms)),
            )
        )
    return rows
