"""What a village known only from OCHA's list needs before the scanner reads it.

OCHA lists 7,700 Syrian communities and neighbourhoods that no other source has (no population,
``ocha:`` ids, the gazetteer's lowest rank).  Their names are short Arabic words that English
news also spells as given names, surnames and acronyms ("Dora", "Maureen" folds to Murin,
"Jackie" to Jakiya, "IISS" to Iss, "Wash." to Wash), so a non-Syrian article would gain a
Syrian hamlet for every name it quotes.  Measured on four non-Syrian news corpora
(``benchmarks/external.py``): every such reading in an article that names no other Syrian place
was a false positive, and every one in the dev set's Syrian articles was right.

So a village-only reading needs a **Syrian document**: one whose other readings (a country,
governorate, district, town or any place not itself village-only) include a Syrian one, or a
text that names no other place at all (then the gazetteer's Syrian focus stands, as for a bare
name).  An article that names other places and no Syrian one is read again without the
village-only readings, so the scan still finds what else a run names ("Sur" is then Tyre, as
before the villages came).  Inside a
Syrian document a village-only reading still needs the shape of a name: not an acronym in
capitals ("OCHA", "WASH"), not the name of a facility written after it in lower case ("the
Sheikh Akil graveyard" is a cemetery, which may lie in any town).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..gazetteer import BRIDGE_SCORE, Candidate, Place

__all__ = ["BRIDGE_MIN_LETTERS", "is_village_only", "may_bridge", "needs_rereading"]

#: The fewest letters of a name read through the Arabic bridge: shorter names have keys of
#: two or three consonants that too many unrelated words share.
BRIDGE_MIN_LETTERS = 5

#: Ids of OCHA's communities (``ocha:C1234``) and neighbourhoods (``ocha:N0001``): a place
#: GeoNames also has keeps its GeoNames id, so these are the ones known from OCHA alone (the
#: gazetteer's RANK_VILLAGE, and the four district namesakes OCHA alone calls towns, "Sur").
_OCHA_ONLY = ("ocha:C", "ocha:N")


def is_village_only(place: Place) -> bool:
    """Whether ``place`` is a Syrian community or neighbourhood known only from OCHA's list."""
    return place.id.startswith(_OCHA_ONLY)


def needs_rereading(readings: Iterable[list[Candidate]]) -> bool:
    """Whether a text's names (their readings, best first) must be read again without the
    village-only readings: some name has one, and the text names other places, none of them
    Syrian (a text naming no other place at all keeps the gazetteer's Syrian focus, as a
    bare name does)."""
    villages = other = syrian = False
    for candidates in readings:
        villages = villages or any(_needs_syria(c) for c in candidates)
        if candidates and not _needs_syria(candidates[0]):
            other = True
            syrian = syrian or candidates[0].place.country == "SY"
    return villages and other and not syrian


def _needs_syria(candidate: Candidate) -> bool:
    """Whether a reading holds only in a Syrian document: a village known from OCHA alone, or
    a meeting through the Arabic bridge (a romanisation no alias has, "Ofania")."""
    return is_village_only(candidate.place) or candidate.score == BRIDGE_SCORE


def may_bridge(name: str) -> bool:
    """Whether a name no alias folds to may be read through the Arabic bridge (then only in a
    Syrian document, like a village-only reading): Latin letters, five or more, not all in
    capitals (an acronym).  The gazetteer itself refuses names made of English words."""
    letters = sum(ch.isalpha() for ch in name)
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)  # Arabic names are indexed
    return letters >= BRIDGE_MIN_LETTERS and not arabic and not name.isupper()
