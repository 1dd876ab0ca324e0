"""Finding the places an article names, with their character offsets.

A scanner, not a tagger: it proposes runs of capitalised words (and Arabic-script words), looks
their longest sub-runs up in the gazetteer with exact and folded matching only (any word is an
*approximate* match of some village somewhere), and keeps a match only when the words around
it do not make it part of another kind of name:

* an organisation or a person that contains a place word — "Quds Force", "New York Times",
  "Manbij Military Council", "Israel Katz", "Israel Defense Forces" — is recognised by the
  capitalised, non-place word that continues the run (a place-feature word such as
  "Airport", "Dam" or "Governorate" continues a place instead);
* a title before the run ("President", "Minister", "leader") marks a person;
* demonyms and common words capitalised at the start of a sentence are not places.

Ambiguous names are settled by the document: a name whose best readings tie across countries
takes the reading in the country the article otherwise talks about most, else the one nearest
to the article's other places.  Governorate phrasing ("Hama province", "rural Idlib",
"the Aleppo countryside") resolves to the governorate while the mention keeps the bare name.

The work is split by step: ``tokens`` (zones, words and runs of the text), ``words`` (the
vocabulary, read from ``words.toml``), ``scanner`` (which runs name places, and their
readings), ``villages`` (what OCHA's hamlets need: a Syrian document), ``context`` (settling
each reading with the document) and ``containers`` ("Tiba, Daraa").  This module only joins
them.
"""

from __future__ import annotations

from ..document import Mention
from ..gazetteer import Gazetteer
from .containers import within_containers
from .context import DocumentContext, settle
from .scanner import Scanner
from .villages import needs_rereading

__all__ = ["Mention", "find_places"]


def find_places(text: str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text``, in order, resolved with the document as context.

    >>> [(m.surface, m.place.country) for m in find_places("Rebels entered Hama, Syria's "
    ...  "fourth city, as Iranian staff flew from Damascus to Tehran.")]
    [('Hama', 'SY'), ('Syria', 'SY'), ('Damascus', 'SY'), ('Tehran', 'IR')]
    """
    # "is None", not "or": a gazetteer's truth is its length, a count(*) query per article.
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
    scanner = Scanner(gazetteer, text)
    hits = scanner.scan()
    if needs_rereading(h[2] for h in hits):
        # places named, none Syrian to vouch for OCHA's hamlets: read again without them
        scanner = scanner.without_villages()
        hits = scanner.scan()
    context = DocumentContext.of(hits)
    settled = [(settle(text, hit, context, scanner.lookup), hit) for hit in hits]
    kept = [(mention, hit) for mention, hit in settled if mention is not None]
    mentions, hits = [m for m, _ in kept], [h for _, h in kept]
    return within_containers(text, mentions, hits, gazetteer, scanner.lookup)
