"""The text stage: an :class:`~syriamap.text.article.Article` becomes a
:class:`~syriamap.document.Document` whose sentences, lead and dates every later stage reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..document import Dated, Document, Sentence
from .article import Article
from .dateline import Dateline, find_wire_dateline
from .dates import document_year, find_date, find_dates, historic, reference_date
from .sentences import lead_index, sentences


def document_from_article(article: Article) -> Document:
    """The article split into sentences (the dateline cut off the first), its lead, and the
    day and year its relative dates are read from.

    Relative dates ("on Friday") are read from the publication date; an undated article that
    pins a day with its weekday ("Saturday, December 7") is read from that day.  The
    document's ``published`` stays what the caller or the page said.
    """
    text = article.text
    parts = without_dateline(list(sentences(text)), find_wire_dateline(text))
    anchor = article.published or reference_date(text)
    year = document_year(text, anchor)
    return Document(
        text=text,
        title=article.title,
        published=article.published,
        url=article.url,
        sentences=tuple(parts),
        lead=lead_index(parts),
        anchor=anchor,
        year=year,
        dated=dated(parts, anchor, year),
    )


def dated(parts: Sequence[Sentence], anchor: date | None, year: int | None) -> tuple[Dated, ...]:
    """The :class:`~syriamap.document.Dated` of each sentence: its dates are found here once,
    not again by each rule that dates an event in it."""
    out = []
    for part in parts:
        dates = tuple(find_dates(part.text, anchor, year=year))
        # find_date is the first absolute date, else a relative one: only the latter is left
        when = dates[0][1] if dates else find_date(part.text, anchor, year=year)
        out.append(Dated(dates, when, historic(part.text, anchor)))
    return tuple(out)


def without_dateline(parts: list[Sentence], dateline: Dateline | None) -> list[Sentence]:
    """The sentences with the dateline cut off the first: "Beirut, December 9, 2024 — Rebels
    took Hama on Sunday" took Hama on Sunday, not on the day the story was filed, and its
    evidence is the sentence the reporter wrote."""
    if dateline is None:
        return parts
    kept: list[Sentence] = []
    for part in parts:
        if part.end <= dateline.end:
            continue
        if part.start < dateline.end:
            rest = part.text[dateline.end - part.start :]
            lead = len(rest) - len(rest.lstrip())
            part = Sentence(rest.strip(), dateline.end + lead, part.end)
        kept.append(part)
    return kept
