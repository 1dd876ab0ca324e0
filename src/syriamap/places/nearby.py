"""Among the Syrian places of one name, the one nearest the article's other places.

OCHA's list gives many Syrian names several places: 17 are called Ras al-Ain, 12 Zahraa, 7
Tiba.  Most have no population figure, so the gazetteer's order among them is only the order
of their codes.  The article decides instead: of readings of equal standing, the one nearest
the places the article names for certain (its *anchors*) is meant — the anchors near it in the
text (:data:`NEAR_TEXT`, about a paragraph) first, else all of them.  A place inside a
governorate the article names is at distance 0 from it.

Standing still counts first.  A hamlet known only from OCHA's list does not take the name from
a place GeoNames knows ("Afrin" is the town of 49,000, though OCHA has an Afrin 15 km from
Aleppo) unless the text sets it beside a place (within :data:`NEAR_KM` of an anchor near it
in the text) while the better-known reading lies far from every place of the article (beyond
:data:`FAR_KM`): "Ras al-Ain near Saraqib" in a report on Idlib is Idlib's Ras al-Ain, not
the border town 300 km away.  An exact spelling and a folded one (1.0 and 0.95) are the same
name written two ways here; an approximate reading never joins.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..gazetteer import BRIDGE_SCORE, Candidate, Place, haversine_km
from .villages import is_village_only

__all__ = [
    "FAR_KM",
    "HOME_KM",
    "NEAR_KM",
    "NEAR_TEXT",
    "Anchor",
    "doubtful",
    "far_fetched",
    "nearest",
]

#: A place the article names for certain, with its offset in the text.
Anchor = tuple[int, Place]

#: Characters either side of a name within which anchors count as its neighbours in the text.
NEAR_TEXT = 400
#: How close to a neighbour in the text a hamlet must lie to take a name from a better-known place.
NEAR_KM = 25.0
#: How far from every anchor the better-known place must lie for that.
FAR_KM = 150.0
#: How close to a Syrian neighbour in the text a Syrian reading must lie to take a name from
#: a foreign town beyond FAR_KM of every place of the article (a wider net than NEAR_KM: the
#: rival is a country away, not a governorate).
HOME_KM = 75.0
#: Score difference within which two readings are the same name (exact 1.0, folded 0.95).
_SAME_NAME = 0.05
#: Kinds that are never one of many same-named hamlets: settled by importance alone.
_SINGULAR = frozenset({"country", "continent", "admin1", "city", "region"})


def _local(candidate: Candidate, first: Candidate) -> bool:
    place = candidate.place
    return (
        place.country == "SY"
        and place.kind not in _SINGULAR
        and candidate.score >= first.score - _SAME_NAME
    )


def _equal(a: Place, b: Place) -> bool:
    """Of equal standing: both known only from OCHA, or both GeoNames places without a
    population figure (GeoNames places with one are ordered by it)."""
    if is_village_only(a) or is_village_only(b):
        return is_village_only(a) and is_village_only(b)
    return a.population == 0 and b.population == 0


def doubtful(candidates: Sequence[Candidate]) -> bool:
    """Whether the name has several Syrian readings of equal standing, so that only the
    article can choose among them (such a name is no anchor)."""
    first = candidates[0]
    return _local(first, first) and any(
        _local(c, first) and _equal(c.place, first.place) for c in candidates[1:]
    )


def nearest(
    candidates: Sequence[Candidate], choice: Candidate, at: int, anchors: Sequence[Anchor]
) -> Candidate:
    """The reading of the name at offset ``at`` the article's anchors point to, starting from
    ``choice`` (the reading importance and the document's countries settled on)."""
    if not _local(choice, choice):
        return _home(candidates, choice, at, anchors)
    same = [c for c in candidates if _local(c, choice)]
    others = [a for a in anchors if a[0] != at]
    if len(same) < 2 or not others:
        return choice
    beside = [a for a in others if abs(a[0] - at) <= NEAR_TEXT]
    pool = beside or others
    equal = [c for c in same if _equal(c.place, choice.place)]
    best = min(equal, key=lambda c: _distance(c.place, pool)) if len(equal) > 1 else choice
    lesser = [c for c in same if is_village_only(c.place) and not is_village_only(best.place)]
    if lesser and beside and _distance(best.place, others) > FAR_KM:
        close = min(lesser, key=lambda c: _distance(c.place, beside))
        if _distance(close.place, beside) <= NEAR_KM:
            return close
    return best


def _home(
    candidates: Sequence[Candidate], choice: Candidate, at: int, anchors: Sequence[Anchor]
) -> Candidate:
    """A foreign town's name written beside Syrian places: the Syrian place of that name
    (or spelling, through the Arabic bridge) within :data:`HOME_KM` of an anchor near it in
    the text, when the foreign reading lies beyond :data:`FAR_KM` of every anchor ("Al-Khubar"
    among Deir ez-Zor's villages is al-Kubar, not Khobar in Saudi Arabia)."""
    place = choice.place
    if place.country == "SY" or place.kind in _SINGULAR - {"city"} or place.population >= 1e6:
        return choice
    others = [a for a in anchors if a[0] != at]
    beside = [a for a in others if abs(a[0] - at) <= NEAR_TEXT and a[1].country == "SY"]
    syrian = [c for c in candidates if c.place.country == "SY" and c.place.kind not in _SINGULAR]
    if not (beside and syrian) or _distance(choice.place, others) <= FAR_KM:
        return choice
    close = min(syrian, key=lambda c: _distance(c.place, beside))
    return close if _distance(close.place, beside) <= HOME_KM else choice


def far_fetched(choice: Candidate, at: int, anchors: Sequence[Anchor]) -> bool:
    """Whether ``choice`` is a spelling no alias has, read through the Arabic bridge, of a
    place beyond :data:`FAR_KM` of every place the article names for certain: weaker evidence
    than a known spelling, so kept only near the article's places ("al-Jabali" among Raqqa's
    villages is not Jableh on the coast, whose Turkish name Jebelli it meets)."""
    others = [a for a in anchors if a[0] != at]
    return (
        choice.score == BRIDGE_SCORE and bool(others) and _distance(choice.place, others) > FAR_KM
    )


def _distance(place: Place, anchors: Sequence[Anchor]) -> float:
    """Kilometres to the nearest anchor; 0 to a governorate the place lies in."""
    return min(
        0.0
        if anchor.kind == "admin1" and place.lies_in(anchor)
        else haversine_km(place.lat, place.lon, anchor.lat, anchor.lon)
        for _, anchor in anchors
    )
