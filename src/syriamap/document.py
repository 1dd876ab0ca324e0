"""The data that flows through the pipeline: one :class:`Document` per article.

Each stage reads the document and returns a new one with its own findings added, instead of
re-deriving what an earlier stage already knew::

    text (text.document_from_article)   text, title, published, url, sentences, lead,
                                         anchor, year, dated
    places (places.add_places)          mentions
    events (events.add_events)          control_changes, movements

Every value here is a frozen dataclass, so a stage can hand its input to the next one (or to
another thread) without copying, and the JSON form of an event (its evidence is a
:class:`Sentence`) round-trips unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .gazetteer import Place


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article with its offsets in the text: the unit the event rules read,
    and the evidence an event carries (the reader checks ``text[start:end]``)."""

    text: str
    start: int
    end: int


#: The exact sentence behind an event (the name the JSON form and the 0.1 API use).
Evidence = Sentence


@dataclass(frozen=True, slots=True)
class Dated:
    """The dates of one sentence, found once by the text stage for every rule that dates an
    event: ``dates``, each absolute date it states with its offset in the sentence, in text
    order; ``date``, the one it states (its first absolute date, else a relative one such as
    "on Friday", read from the document's anchor); ``historic``, whether it tells of an
    earlier year ("in 2016") rather than of the news."""

    dates: tuple[tuple[int, date], ...]
    date: date | None
    historic: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text: the exact surface, its offsets and the place it resolves to."""

    surface: str
    start: int
    end: int
    place: Place
    confidence: float

    def to_dict(self) -> dict[str, object]:
        p = self.place
        return {
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
            "id": p.id,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "kind": p.kind,
            "admin1": p.admin1,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ControlChange:
    """A place that changed hands: who holds it now, who held it, who took it, and when."""

    place: Place
    new_controller: str
    previous_controller: str | None
    actor: str | None
    date: date | None
    historic: bool
    evidence: Sentence
    confidence: float


@dataclass(frozen=True, slots=True)
class Movement:
    """People or forces that moved: from where, to and through where, how, and when."""

    actor: str | None
    faction: str
    kind: str
    mode: str
    origin: Place | None
    destinations: tuple[Place, ...]
    via: tuple[Place, ...]
    date: date | None
    historic: bool
    evidence: Sentence
    confidence: float


@dataclass(frozen=True, slots=True)
class Document:
    """One article on its way through the pipeline.

    ``published`` is the date the caller or the page stated (it is what the output reports);
    ``anchor`` is the day relative dates ("on Friday") are read from: ``published``, else the
    day the text itself pins.  ``year`` is the year an undated "December 5" belongs to.
    ``sentences`` have the dateline cut off the first one, and ``lead`` is the index of the
    first of them that reads as a sentence of the story (None when none does).  ``dated`` has
    one :class:`Dated` per sentence.
    """

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    sentences: tuple[Sentence, ...] = ()
    lead: int | None = None
    anchor: date | None = None
    year: int | None = None
    dated: tuple[Dated, ...] = ()
    mentions: tuple[Mention, ...] = ()
    control_changes: tuple[ControlChange, ...] = ()
    movements: tuple[Movement, ...] = ()
