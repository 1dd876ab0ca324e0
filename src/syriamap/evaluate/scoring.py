"""Scoring extraction against hand-made gold files (``*.gold.json``, see docs/eval.md).

The rules are the ones the held-back articles are scored with, so figures compare:

* places, by distinct surface string per article: a predicted surface matches a gold one if
  equal or if one contains the other on word boundaries; ``optional`` gold entries are neither
  rewarded nor penalised;
* a matched surface is resolved correctly if its point is within 12 km of the gold point
  (governorates and provinces 120 km, regions 100 km, seas 300 km; countries: same ISO2).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..gazetteer import fold, haversine_km
from ..places import Mention

_TOLERANCE_KM = {
    "governorate": 120.0,
    "province": 120.0,
    "admin1": 120.0,
    "region": 100.0,
    "sea": 300.0,
}


@dataclass
class PlaceScore:
    """Counts over one or more articles; misses keep what a reader needs to see why."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    resolved: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: PlaceScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.resolved += other.resolved
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def resolution(self) -> float:
        return self.resolved / self.tp if self.tp else 0.0


@dataclass
class ArticleScore:
    name: str
    places: PlaceScore
    control_changes: EventScore
    movements: EventScore
    #: the older figure: only legs that name a destination (the shared README keeps it beside)
    movements_with_destination: EventScore = field(default_factory=lambda: EventScore())


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


def _article_text(gold_path: Path, gold: dict[str, Any]) -> str:
    candidates = [gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))]
    for name in re.findall(r"[\w.-]+\.txt", str(gold.get("text_source") or "")):
        for folder in (
            gold_path.parent,
            gold_path.parent.parent / "seeds",
            gold_path.parent.parent.parent / "seeds",
        ):
            candidates.append(folder / name)
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise InputError(
        f"{gold_path}: its article text was not found (looked for {candidates[0].name})"
    )


def evaluate_dir(gold_dir: str | Path) -> tuple[list[ArticleScore], ArticleScore]:
    """Score every ``*.gold.json`` in ``gold_dir``; returns per-article and total scores."""
    from ..pipeline import extract_article
    from ..text import article_from_text

    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    paths = sorted(folder.glob("*.gold.json"))
    if not paths:
        raise InputError(f"{folder}: no *.gold.json files")
    articles: list[ArticleScore] = []
    total = ArticleScore("ALL", PlaceScore(), EventScore(), EventScore(), EventScore())
    for path in paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(f"{path}: not a gold JSON file ({err})") from None
        _check_gold(path, gold)
        text = _article_text(path, gold)
        label = path.name.removesuffix(".gold.json")
        # As `syriamap extract` reads a text file: the gold's publication date if it has one,
        # else the article's own dateline.
        source = article_from_text(text, published=gold.get("published"), url=gold.get("url"))
        result = extract_article(source)
        try:
            article = ArticleScore(
                label,
                score_places(list(result.places), gold.get("places", []), label),
                score_control_changes(list(result.control_changes), gold, label),
                score_movements(list(result.movements), gold, label),
                score_movements(list(result.movements), gold, label, destination_only=True),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise InputError(f"{path}: malformed gold ({type(err).__name__}: {err})") from None
        articles.append(article)
        total.places.add(article.places)
        total.control_changes.add(article.control_changes)
        total.movements.add(article.movements)
        total.movements_with_destination.add(article.movements_with_destination)
    return articles, total


def _check_gold(path: Path, gold: object) -> None:
    """The shape scoring relies on, checked up front so a bad file is named in one line."""

    def bad(why: str) -> InputError:
        return InputError(f"{path}: malformed gold ({why})")

    if not isinstance(gold, dict):
        raise bad("not a JSON object")
    for key in ("places", "control_changes", "movements"):
        items = gold.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise bad(f"{key!r} is not a list of objects")
    for place in gold.get("places", []):
        if not isinstance(place.get("surface"), str):
            raise bad("a place without a 'surface'")
        lat, lon = place.get("lat"), place.get("lon")
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
            raise bad(f"place {place['surface']!r} has no numeric lat/lon")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise bad(f"place {place['surface']!r} has lat/lon out of range")


@dataclass
class EventScore:
    """Counts of matched, spurious and missed events, with date/mode accuracy over matches."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    dated_right: int = 0
    moded: int = 0
    moded_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: EventScore) -> None:
        for name in ("tp", "fp", "fn", "dated", "dated_right", "moded", "moded_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dated_right / self.dated if self.dated else 0.0

    @property
    def mode_accuracy(self) -> float:
        return self.moded_right / self.moded if self.moded else 0.0


def _gold_point(name: str | None, gold: dict[str, Any]) -> dict[str, Any] | None:
    """Coordinates of a canonical gold name, from the gold file's own places."""
    if name is None:
        return None
    for place in gold.get("places", []):
        if place.get("name") == name or place.get("surface") == name:
            return dict(place)
    return {"name": name}


def _same_place(place: Any, gold_place: dict[str, Any] | None) -> bool:
    if gold_place is None or place is None:
        return False
    if fold(place.name) == fold(str(gold_place.get("name", ""))):
        return True
    if gold_place.get("kind") == "country" or place.kind == "country":
        return (
            gold_place.get("kind") == "country"
            and place.kind == "country"
            and (place.country == gold_place.get("country"))
        )
    if gold_place.get("lat") is None:
        return False
    return haversine_km(place.lat, place.lon, gold_place["lat"], gold_place["lon"]) <= 15


def _same_faction(a: str | None, b: str | None) -> bool:
    rebels = {"hts", "opposition"}
    return a == b or (a in rebels and b in rebels)


def _accepts(predicted: str | None, g: dict[str, Any]) -> bool:
    """The gold's controller, or one of its ``new_controller_alt`` (the shared README's rule)."""
    alternatives = g.get("new_controller_alt") or []
    if isinstance(alternatives, str):
        alternatives = [alternatives]
    return any(_same_faction(predicted, b) for b in [g["new_controller"], *alternatives])


def _key(g: dict[str, Any]) -> tuple[str, str]:
    return (fold(g["place"]), "opposition" if g["new_controller"] == "hts" else g["new_controller"])


def score_control_changes(changes: list[Any], gold: dict[str, Any], label: str) -> EventScore:
    score = EventScore()
    wanted: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for g in gold.get("control_changes", []):
        if g.get("optional") or g.get("historic"):
            continue
        # "Events repeated in the gold count once" (the shared README): one per place and side,
        # the dated statement kept
        key = _key(g)
        if key in seen:
            if g.get("date") and not any(w.get("date") for w in wanted if _key(w) == key):
                wanted = [w for w in wanted if _key(w) != key] + [g]
            continue
        seen.add(key)
        wanted.append(g)
    ignored = [g for g in gold.get("control_changes", []) if g.get("optional") or g.get("historic")]
    matched_pred: set[int] = set()
    for g in wanted:
        point = _gold_point(g["place"], gold)
        hits = [
            i
            for i, c in enumerate(changes)
            if _same_place(c.place, point) and _accepts(c.new_controller, g)
        ]
        if not hits:
            score.fn += 1
            score.misses.append(
                f"{label}: missed control change {g['place']} -> {g['new_controller']}"
            )
            continue
        score.tp += 1
        matched_pred.update(hits)
        if g.get("date_source") != "external":
            score.dated += 1
            got = changes[hits[0]].date
            if (got.isoformat() if got else None) == g.get("date"):
                score.dated_right += 1
            else:
                score.misses.append(f"{label}: {g['place']} dated {got}, gold {g.get('date')}")
    for i, c in enumerate(changes):
        if i in matched_pred or c.historic:
            continue
        if any(_same_place(c.place, _gold_point(g["place"], gold)) for g in ignored):
            continue
        if any(
            _same_place(c.place, _gold_point(g["place"], gold)) and _accepts(c.new_controller, g)
            for g in wanted
        ):
            continue
        score.fp += 1
        score.misses.append(
            f"{label}: spurious control change {c.place.name} -> "
            f"{c.new_controller} ({c.evidence.text[:60]}...)"
        )
    return score


def _legs(origin: Any, destinations: list[Any]) -> list[tuple[Any, Any]]:
    return [(origin, d) for d in destinations] or [(origin, None)]


def score_movements(
    movements: list[Any], gold: dict[str, Any], label: str, *, destination_only: bool = False
) -> EventScore:
    """Movement legs against the gold's; every leg counts ("movement_all"), origin-only ones too.

    ``destination_only`` keeps the older figure beside it: legs without a destination are
    left out on both sides.
    """
    score = EventScore()
    Leg = tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]
    wanted: list[Leg] = []
    ignored: list[Leg] = []
    for g in gold.get("movements", []):
        legs = [
            (g, _gold_point(g.get("origin"), gold), _gold_point(d, gold))
            for d in g.get("destinations") or [None]
        ]
        if destination_only:
            legs = [leg for leg in legs if leg[2] is not None]
        (ignored if g.get("optional") or g.get("historic") else wanted).extend(legs)
    predicted = [
        (m, o, d)
        for m in movements
        if not m.historic
        for o, d in _legs(m.origin, list(m.destinations))
        if d is not None or not destination_only
    ]

    def leg_match(pred: tuple[Any, Any, Any], gold_leg: tuple[Any, Any, Any]) -> bool:
        _, p_origin, p_dest = pred
        _, g_origin, g_dest = gold_leg
        if g_dest is None or p_dest is None:
            if g_dest is not None or p_dest is not None:
                return False
            return _same_place(p_origin, g_origin)
        if not _same_place(p_dest, g_dest):
            return False
        return p_origin is None or g_origin is None or _same_place(p_origin, g_origin)

    used: set[int] = set()
    seen_gold: set[tuple[str, str]] = set()
    for gold_leg in wanted:
        g, g_origin, g_dest = gold_leg
        key = (str((g_origin or {}).get("name")), str((g_dest or {}).get("name")))
        if key in seen_gold:
            continue  # events repeated in the gold count once
        seen_gold.add(key)
        hits = [i for i, p in enumerate(predicted) if leg_match(p, gold_leg)]
        if not hits:
            score.fn += 1
            score.misses.append(f"{label}: missed movement leg {key[0]} -> {key[1]} ({g['who']})")
            continue
        score.tp += 1
        used.update(hits)
        if g.get("mode") and g["mode"] != "unknown":
            score.moded += 1
            if predicted[hits[0]][0].mode == g["mode"]:
                score.moded_right += 1
            else:
                score.misses.append(
                    f"{label}: leg {key} mode {predicted[hits[0]][0].mode}, gold {g['mode']}"
                )
    for i, p in enumerate(predicted):
        if i in used or any(leg_match(p, leg) for leg in ignored + wanted):
            continue
        score.fp += 1
        origin = p[1].name if p[1] else None
        dest = p[2].name if p[2] else None
        score.misses.append(
            f"{label}: spurious movement leg {origin} -> {dest} ({p[0].evidence.text[:60]}...)"
        )
    return score
