"""Settling each place's reading with the rest of the document as context.

The scanner gives every name its readings, best first, one name at a time.  Which one the
article means often depends on the others: a name whose best readings tie across countries
takes the country the article talks about most, else the reading nearest its other places
(:class:`DocumentContext`, :func:`settle`); of a name's Syrian places of equal standing, the
one nearest the article's other places (:mod:`.nearby`); local news pulls its names home
("Paris" among Texas towns); governorate phrasing ("Hama province", "rural Idlib") resolves to the
governorate.  (A name followed by its container, "Dublin, Ohio", is :mod:`.containers`'
job.)  All of it reads only the text and the hits, never the scan's internals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..document import Mention
from ..gazetteer import BRIDGE_SCORE, Candidate, haversine_km, region_rank
from .nearby import Anchor, doubtful, far_fetched, nearest
from .scanner import Hit
from .villages import is_village_only
from .words import AREAS

_ADMIN_AFTER = re.compile(r"^\s+(province|governorate|countryside|region)\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(r"\b(rural|countryside\s+of|province\s+of)\s+$", re.IGNORECASE)
#: Two governorates named together: "Idlib and Hama provinces", "the coastal areas of Latakia
#: and Tartus", "the provinces of Daraa and Sweida".
_ADMIN_PAIR_AFTER = re.compile(
    r"(?:\s+and\s+(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)?\s+(?:provinces|governorates)\b",
    re.IGNORECASE,
)
_ADMIN_PAIR_BEFORE = re.compile(
    r"\b(?:provinces|governorates|areas|regions)\s+of\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?\s+and\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the readings not in doubt say about the article: how often it names each country,
    the centre of its places, and its home country if it is local news about one."""

    countries: Mapping[str, int]
    centre: tuple[float, float] | None
    home: str | None
    #: The places named for certain (one reading, or one that outranks the rest), with their
    #: offsets: what :func:`~syriamap.places.nearby.nearest` measures same-named places by.
    anchors: tuple[Anchor, ...] = ()

    @classmethod
    def of(cls, hits: list[Hit]) -> DocumentContext:
        countries: Counter[str] = Counter()
        points: list[tuple[float, float]] = []
        anchors: list[Anchor] = []
        for start, _, candidates in hits:
            best = candidates[0].place
            if not tied(candidates):
                countries[best.country or ""] += 1
                if best.kind != "country":
                    points.append((best.lat, best.lon))
                if (
                    best.kind not in {"country", "continent"}
                    and candidates[0].score > BRIDGE_SCORE  # a bridged spelling is no anchor
                    and not doubtful(candidates)
                ):
                    anchors.append((start, best))
        centre = (
            (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
            if points
            else None
        )
        # A document about one country (local news) pulls its names home: "Paris" in an
        # article full of Texas towns is Paris, Texas.  Syria's own focus is the gazetteer's
        # default.
        named = sum(countries.values())
        dominant, count = countries.most_common(1)[0] if countries else ("", 0)
        home = dominant if dominant and count >= 3 and count >= 0.5 * named else None
        return cls(countries, centre, home, tuple(anchors))


def settle(
    text: str,
    hit: Hit,
    context: DocumentContext,
    lookup: Callable[[str], list[Candidate]],
) -> Mention | None:
    """The mention of ``hit``, with the reading the document settles on; ``lookup`` gives the
    readings of a phrase (the scanner's, so a phrase is read once per document).  None when
    the only reading is a far-fetched spelling (:func:`~syriamap.places.nearby.far_fetched`)."""
    start, end, candidates = hit
    choice = candidates[0]
    home, countries, centre = context.home, context.countries, context.centre
    local = [
        c
        for c in candidates
        if home
        and c.score == choice.score
        and c.place.country == home
        and choice.place.country != home
        and (
            choice.place.kind not in AREAS
            # "Georgia" in an article full of Atlanta suburbs is the state
            or (choice.place.kind == "country" and c.place.kind == "admin1")
        )
    ]
    if local:
        choice = local[0]
    elif tied(candidates):
        choice = min(
            # OCHA's hamlets are no rivals of a town (Nawa in Daraa, Naha in Japan)
            (
                c
                for c in candidates
                if c.score == candidates[0].score and not is_village_only(c.place)
            ),
            key=lambda c: (
                -countries.get(c.place.country or "", 0),
                haversine_km(c.place.lat, c.place.lon, *centre) if centre else 0.0,
            ),
        )
    choice = nearest(candidates, choice, start, context.anchors)
    if far_fetched(choice, start, context.anchors):
        return None
    phrase = admin_form(text, start, end)
    if phrase and choice.place.kind not in {"admin1", "country"}:
        admin = lookup(phrase)
        if admin and admin[0].place.kind == "admin1":
            choice = admin[0]
    confidence = choice.score * (0.8 if tied(candidates) else 1.0)
    return Mention(text[start:end], start, end, choice.place, confidence)


def admin_form(text: str, start: int, end: int) -> str | None:
    """'Hama province' / 'rural Hama' / 'the Aleppo countryside': the phrase to resolve."""
    after = _ADMIN_AFTER.match(text[end : end + 20])
    if after:
        return f"{text[start:end]} {after.group(1)}"
    before = _ADMIN_BEFORE.search(text[max(0, start - 20) : start])
    if before:
        word = before.group(1).lower()
        if word.startswith("province"):
            return f"{text[start:end]} province"  # "the province of Hatay"
        return f"{before.group(1)} {text[start:end]}"
    if _ADMIN_PAIR_AFTER.match(text, end, end + 50) or _ADMIN_PAIR_BEFORE.search(
        text, max(0, start - 50), start
    ):
        return f"{text[start:end]} province"
    return None


def tied(candidates: list[Candidate]) -> bool:
    """Two best readings equally good by name and comparable in size, in different countries,
    one of them in Syria or a neighbour (Tripoli LB/LY), so the document must decide.
    Baghdad against a hamlet is no tie, nor is Geneva CH against Geneva US."""
    first = candidates[0].place
    if first.kind in {"country", "admin1"}:
        return False
    rivals = [
        c.place
        for c in candidates[1:]
        if c.score == candidates[0].score
        and c.place.country != first.country
        and c.place.population >= 0.1 * first.population
    ]
    return bool(rivals) and any(region_rank(p.country) <= 1 for p in (first, *rivals))
