"""Control changes: for each sentence with places, run the families, date what they found.

A capture verb followed by places ("captured Homs, Aleppo and Hama"), a fall ("Hama fell to
the rebels"), a nominal capture ("their capture of Manbij"), a loss ("lost control of") and a
withdrawal ("the army withdrew from Hama", a change to ``unknown`` from the withdrawing side)
each state a change (:mod:`.triggers`).  Refused: advances, aims, threats and conditions,
denials, questions, the fall of a person or a regime, a person seized by a feeling.  The
actor is the faction named before the verb (after "to" for a fall); the previous controller
only when stated ("from the SDF", "Kurdish-held", "from Assad's control").

Repeats of one change across the article merge into one (:func:`merge_repeats`), the one a
date is stated for winning; an event in a sentence that names an earlier year is historic.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..document import ControlChange, Document, Evidence, Mention
from .cues import AREAL, ATTRIBUTIVE, per_sentence
from .dating import SentenceDates, document_of, news_dated, when_stated, with_dates
from .triggers import FAMILIES, Reading


def find_control_changes(
    text: str,
    mentions: list[Mention],
    published: date | None = None,
    *,
    parts: list[Evidence] | None = None,
    year: int | None = None,
) -> list[ControlChange]:
    """Control changes stated in ``text`` (see the module docstring for the rules), relative
    dates read from ``published``.  ``parts`` (the sentences) and ``year``
    (:func:`~syriamap.text.document_year`) may be passed together when already computed."""
    return control_changes(document_of(text, mentions, published, parts, year))


def control_changes(document: Document) -> list[ControlChange]:
    """Control changes the document states, read from its sentences, their dates and its
    place mentions.  Each rule reads a window of at most ``REACH`` characters around its
    trigger word and finds the places in it by bisection, so a sentence costs time in
    proportion to its length, whatever it holds."""
    document = with_dates(document)
    text, parts = document.text, list(document.sentences)
    changes: list[ControlChange] = []
    for k, (sentence, in_sentence) in enumerate(
        zip(parts, per_sentence(parts, list(document.mentions)), strict=True)
    ):
        here = [
            m
            for m in in_sentence
            if m.place.kind not in AREAL and not ATTRIBUTIVE.match(text, m.end)
        ]
        if not here or sentence.text.rstrip().endswith("?"):
            continue
        reading = Reading(sentence, here, parts[k - 1].text if k else "")
        for family in FAMILIES:
            family(reading)
        if not reading.found:
            continue
        when, dated = when_stated(document, k), document.dated[k]
        dates = SentenceDates(sentence.text, dated.dates)
        for m, new, previous, actor_words, certainty in reading.found.values():
            near = dates.near(m.start - sentence.start, when)
            changes.append(
                ControlChange(
                    m.place, new, previous, actor_words, near, dated.historic, sentence, certainty
                )
            )
    return news_dated(merge_repeats(changes), parts, document.lead, document.anchor)


def merge_repeats(changes: list[ControlChange]) -> list[ControlChange]:
    """One event per place and new controller: articles restate a capture (headline, lede,
    captions); the statement that dates it is kept, else the first.  A change to an unknown
    controller ("the army withdrew from Hama", "the regime lost Aleppo") of a place the article
    says someone took is that capture told from the losing side: it only names who lost it."""
    taken = {(c.place.id, c.historic) for c in changes if c.new_controller != "unknown"}
    losers: dict[tuple[str, bool], str] = {}
    for change in changes:
        if change.new_controller == "unknown" and change.previous_controller:
            losers.setdefault((change.place.id, change.historic), change.previous_controller)
    changes = [
        replace(c, previous_controller=losers.get((c.place.id, c.historic)))
        if c.previous_controller is None and c.new_controller != "unknown"
        else c
        for c in changes
        if c.new_controller != "unknown" or (c.place.id, c.historic) not in taken
    ]
    chosen: dict[tuple[str, str, bool], ControlChange] = {}
    for change in changes:
        side = "opposition" if change.new_controller == "hts" else change.new_controller
        key = (change.place.id, side, change.historic)
        kept = chosen.get(key)
        if kept is None or (kept.date is None and change.date is not None):
            chosen[key] = change
    return [
        c
        for c in changes
        if chosen.get(
            (
                c.place.id,
                "opposition" if c.new_controller == "hts" else c.new_controller,
                c.historic,
            )
        )
        is c
    ]
