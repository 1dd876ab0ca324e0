"""A name followed by its container: the place of that name inside it.

"Dublin, Ohio", "Tal Abyad, Raqqa", "Gainesville, Ga.", "Tiba in Daraa", "Tel Al-Samn in the
Al-Raqqah countryside": the text says where the place lies, so among the name's readings the
one inside the container is meant.  A Syrian governorate's seat stands for its governorate
here ("Tiba, Daraa" is the Tiba of Daraa governorate, eight villages share the name), as the
news writes it.  And a reading known only from OCHA's list that the text puts in a container
it does not lie in is dropped rather than mapped: the article says where the village is, and
the only hamlet of that name we know is elsewhere (a wrong point is worse than none).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Mention
from ..gazetteer import BRIDGE_SCORE, Candidate, Gazetteer, Place
from .scanner import Hit
from .villages import is_village_only
from .words import NAMED_ONLY_AS_PLACES, US_STATE_ABBREVIATIONS

__all__ = ["within_containers"]

#: What may follow a name and stand for its container: ", Ohio", ", Ga.", " in northern
#: Syria", " in the Raqqa countryside".
_CONTAINER = re.compile(
    r"(?:,\s{1,3}|\s+in\s+(?:the\s+)?(?:northern\s+|southern\s+|eastern\s+|western\s+)?"
    r"(?=[A-Z]))(?:("
    + "|".join(re.escape(a) for a in sorted(US_STATE_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)|(?=[A-Z]))"
)
_AREAS = frozenset({"admin1", "country"})


def within_containers(
    text: str,
    mentions: list[Mention],
    hits: list[Hit],
    gazetteer: Gazetteer,
    lookup: Callable[[str], list[Candidate]],
) -> list[Mention]:
    """The mentions (one per hit, in the hits' order) with each name followed by a comma or
    "in" and a subdivision or country read as the place of that name inside it, when there is
    one.  US states abbreviated in news style ("Ga.", "W.Va.") count as containers only there.
    ``lookup`` gives the readings of a phrase (the scanner's)."""
    out = list(mentions)
    dropped: set[int] = set()
    by_start = {m.start: k for k, m in enumerate(out)}
    hit_at = {h[0]: h for h in hits}
    for k, (start, end, candidates) in enumerate(hits):
        after = _CONTAINER.match(text, end)
        if not after:
            continue
        containers: list[Place] = []
        seat: Place | None = None
        abbreviation = US_STATE_ABBREVIATIONS.get(after.group(1) or "")
        if abbreviation:
            state = _us_state(gazetteer, abbreviation)
            if state is None:
                continue
            at = after.start(1)
            mention = Mention(text[at : after.end(1)], at, after.end(1), state, 0.9)
            if at in by_start:
                out[by_start[at]] = mention
            else:
                by_start[at] = len(out)
                out.append(mention)
            containers = [state]
        elif after.end() in by_start and after.end() in hit_at:
            chosen = out[by_start[after.end()]].place
            container_hit = hit_at[after.end()]
            containers = [chosen] + [c.place for c in container_hit[2] if c.place != chosen]
            seat = _governorate_of(chosen, text[container_hit[0] : container_hit[1]], lookup)
        areas = [c for c in containers if c.kind in _AREAS]
        if seat is not None:
            areas.insert(0, seat)
        for container in areas:
            if _inside(out[k].place, container):
                break
            if out[k].place.kind in NAMED_ONLY_AS_PLACES and out[k].place.id != container.id:
                continue  # "the US in southern Syria", "Iraq, Iran": no village of another
            inside = [c for c in candidates if _inside(c.place, container)]
            if inside:
                out[k] = Mention(out[k].surface, start, end, inside[0].place, out[k].confidence)
                if not abbreviation and container is not seat:
                    # the container reading that fits is the one meant
                    j = by_start[after.end()]
                    out[j] = Mention(
                        out[j].surface, out[j].start, out[j].end, container, out[j].confidence
                    )
                break
        else:
            bridged = any(c.place == out[k].place and c.score == BRIDGE_SCORE for c in candidates)
            if areas and (is_village_only(out[k].place) or bridged):
                # "Tel Al-Samn in the Al-Raqqah countryside": not Hasakah's; "al-Jabali in
                # the Raqqa countryside": not Jableh, whose Turkish name Jebelli it meets
                dropped.add(k)
    for k, mention in enumerate(out):  # "CHARLESTON, W.Va.": the town itself was not read
        state_name = US_STATE_ABBREVIATIONS.get(text[mention.start : mention.end + 1])
        if state_name and text[max(0, mention.start - 3) : mention.start].lstrip().startswith(","):
            state = _us_state(gazetteer, state_name)
            if state is None:
                continue
            end = mention.end + 1
            out[k] = Mention(text[mention.start : end], mention.start, end, state, 0.9)
    kept: list[Mention] = []
    for mention in sorted(
        (m for k, m in enumerate(out) if k not in dropped), key=lambda m: (m.start, -m.end)
    ):
        if not kept or mention.start >= kept[-1].end:  # "W.Va." read once, not also "Va"
            kept.append(mention)
    return kept


def _governorate_of(
    place: Place, surface: str, lookup: Callable[[str], list[Candidate]]
) -> Place | None:
    """The Syrian governorate a seat's bare name stands for as a container ("Tiba, Daraa"),
    or None: only a city or town of Syria whose "... province" is the governorate it lies in."""
    if place.country != "SY" or place.kind not in {"city", "town"}:
        return None
    found = lookup(f"{surface} province")
    if found and found[0].place.kind == "admin1" and place.lies_in(found[0].place):
        return found[0].place
    return None


def _us_state(gazetteer: Gazetteer, name: str) -> Place | None:
    try:
        return gazetteer.resolve(name, country="US")
    except LookupError:
        return None


def _inside(place: Place, container: Place) -> bool:
    return place.id != container.id and place.lies_in(container)
