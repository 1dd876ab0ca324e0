"""Place scoring: the geoparser's mentions of one article against its gold places.

Places are scored by distinct surface string, not by occurrence, so an article that names
Hama ten times weighs as much as one that names it once; this is the rule the held-back
articles are scored with (``../shared/eval/README.md``), so figures compare across runs:

* a predicted surface matches a gold one if equal or if one contains the other on word
  boundaries; ``optional`` gold entries are neither rewarded nor penalised;
* a matched surface is resolved correctly if its point is within 12 km of the gold point
  (governorates and provinces 120 km, regions 100 km, seas 300 km; countries: same ISO2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Mention
from ..gazetteer import haversine_km
from .counts import Counts

_TOLERANCE_KM = {
    "governorate": 120.0,
    "province": 120.0,
    "admin1": 120.0,
    "region": 100.0,
    "sea": 300.0,
}


@dataclass
class PlaceScore(Counts):
    """Counts of matched, spurious and missed place mentions, and how many matches resolved to
    the gold's place."""

    resolved: int = 0

    @property
    def resolution(self) -> float:
        return self.resolved / self.tp if self.tp else 0.0


def _contains(a: str, b: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a) is not None


def _surface_match(pred: str, gold: str) -> bool:
    return pred == gold or _contains(pred, gold) or _contains(gold, pred)


def _correct(mention: Mention, gold: dict[str, Any]) -> bool:
    if gold.get("kind") == "country":
        return mention.place.country == gold.get("country")
    if gold.get("lat") is None:
        return False
    limit = _TOLERANCE_KM.get(gold.get("kind", ""), 12.0)
    return haversine_km(mention.place.lat, mention.place.lon, gold["lat"], gold["lon"]) <= limit


def score_places(
    mentions: list[Mention], gold_places: list[dict[str, Any]], label: str = ""
) -> PlaceScore:
    """Score ``mentions`` against ``gold_places`` (a gold file's ``places``); ``label`` names
    the article in each line of :attr:`PlaceScore.misses`."""
    score = PlaceScore()
    by_surface: dict[str, list[Mention]] = {}
    for m in mentions:
        by_surface.setdefault(m.surface, []).append(m)
    required = [g for g in gold_places if not g.get("optional")]
    for surface in sorted({g["surface"] for g in required}):
        golds = [g for g in required if g["surface"] == surface]
        preds = [m for s, ms in by_surface.items() if _surface_match(s, surface) for m in ms]
        if not preds:
            score.fn += 1
            score.misses.append(f"{label}: missed place {surface!r}")
            continue
        score.tp += 1
        if any(_correct(m, g) for m in preds for g in golds):
            score.resolved += 1
        else:
            got = preds[0].place
            score.misses.append(
                f"{label}: {surface!r} resolved to {got.name} ({got.country}, "
                f"{got.lat:.2f},{got.lon:.2f}), gold {golds[0].get('name')}"
            )
    for surface in sorted(by_surface):
        if any(_surface_match(surface, g["surface"]) for g in gold_places):
            continue
        score.fp += 1
        score.misses.append(
            f"{label}: spurious place {surface!r} -> {by_surface[surface][0].place!r}"
        )
    return score
