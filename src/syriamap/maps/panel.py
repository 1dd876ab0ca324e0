"""The article beside the map, its event sentences and place mentions clickable highlights.

One job: weave highlight tags into the escaped article text.  Events quote whole sentences
and mentions lie inside one, so the two kinds of highlight nest; the weaving keeps them nested
(a mention that would straddle an event's edge is left plain), and every piece of the result
is either escaped text or one of the constant tags below, which is what lets
:class:`~syriamap.maps.elements.ArticlePanel` take it as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..formats import Extraction

__all__ = ["panel_text"]

_EVENT = Markup('<span class="sm-event" data-sm-event="{}">')
_PLACE = Markup('<mark class="sm-place" data-sm-place="{}">')

#: (start, end, kind, opening tag, closing tag): kind 0 an event sentence, 1 a place mention.
_Tag = tuple[int, int, int, Markup, str]


def _tags(
    result: Extraction, place_keys: dict[str, str], event_keys: dict[tuple[int, int], str]
) -> list[_Tag]:
    tags: list[_Tag] = [
        (a, b, 0, _EVENT.format(key), "</span>") for (a, b), key in event_keys.items()
    ]
    tags += [
        (m.start, m.end, 1, _PLACE.format(place_keys[m.place.id]), "</mark>")
        for m in result.places
        if m.place.id in place_keys
    ]
    return tags


def panel_text(
    text: str,
    result: Extraction,
    place_keys: dict[str, str],
    event_keys: dict[tuple[int, int], str],
) -> Markup:
    """``text`` escaped (line breaks as ``<br>``), each sentence of ``event_keys`` (its offsets
    → the page's event key) a highlight, each mention of a place in ``place_keys`` another."""
    pieces: list[str] = []
    cursor = 0
    open_tags: list[tuple[int, int, str]] = []  # (end, kind, closing tag), innermost last

    def emit_until(position: int) -> None:
        nonlocal cursor
        pieces.append(str(escape(text[cursor:position])).replace("\n", "<br>"))
        cursor = position

    tags = _tags(result, place_keys, event_keys)
    for start, end, kind, opening, closing in sorted(tags, key=lambda t: (t[0], t[2])):
        while open_tags and open_tags[-1][0] <= start:
            emit_until(open_tags[-1][0])
            pieces.append(open_tags.pop()[2])
        if start < cursor or (open_tags and (end > open_tags[-1][0] or open_tags[-1][1] >= kind)):
            continue  # it would straddle an open highlight or sit inside a mark: left plain
        emit_until(start)
        pieces.append(str(opening))
        open_tags.append((end, kind, closing))
    while open_tags:
        emit_until(open_tags[-1][0])
        pieces.append(open_tags.pop()[2])
    emit_until(len(text))
    # every piece is escaped text or one of the constant tags above
    return Markup("".join(pieces))
