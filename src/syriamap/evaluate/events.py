"""Event scoring: control changes and movement legs of one article against its gold events.

An event matches a gold one by place (same folded name, or within 15 km; countries by ISO2)
and by side (``hts`` and ``opposition`` are one side, and a gold may list alternatives in
``new_controller_alt``).  Movements are scored leg by leg, origin → each destination, so a
report of refugees fleeing to Lebanon and Turkey is two legs.  Events the gold repeats count
once; ``optional`` and ``historic`` gold events are neither rewarded nor penalised.  These are
the shared README's rules (``../shared/eval/README.md``), kept exactly so figures compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..gazetteer import fold, haversine_km
from .counts import Counts


@dataclass
class EventScore(Counts):
    """Counts of matched, spurious and missed events, with date/mode accuracy over matches."""

    dated: int = 0
    dated_right: int = 0
    moded: int = 0
    moded_right: int = 0

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
    """Score predicted control changes against a gold file's ``control_changes``; a matched
    change's date is checked unless the gold took it from outside the text."""
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
