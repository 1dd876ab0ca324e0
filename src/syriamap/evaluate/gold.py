"""Gold files: reading ``*.gold.json`` and their article texts, and scoring a whole folder.

A gold file is checked for the shape scoring relies on before anything is scored, so a bad
file is named in one line (an :class:`~syriamap.errors.InputError`) rather than failing deep
in a comparison.  Each article is read the way ``syriamap extract`` reads a text file, so the
figures are those of the command users run.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .events import EventScore, score_control_changes, score_movements
from .places import PlaceScore, score_places


@dataclass
class ArticleScore:
    """The scores of one article (or, named ``ALL``, of a whole gold folder)."""

    name: str
    places: PlaceScore
    control_changes: EventScore
    movements: EventScore
    #: the older figure: only legs that name a destination (the shared README keeps it beside)
    movements_with_destination: EventScore = field(default_factory=lambda: EventScore())


def _article_text(gold_path: Path, gold: dict[str, Any]) -> str:
    candidates = [gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))]
    for name in re.findall(r"[\w.-]+\.txt", str(gold.get("text_source") or "")):
        for folder in (
            gold_path.parent,
            gold_path.parent.parent / "seeds",
            gold_path.parent.parent.parent / "seeds",
        ):
            candidates.append(folder / name)
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise InputError(
        f"{gold_path}: its article text was not found (looked for {candidates[0].name})"
    )


def evaluate_dir(gold_dir: str | Path) -> tuple[list[ArticleScore], ArticleScore]:
    """Score every ``*.gold.json`` in ``gold_dir``; returns per-article and total scores."""
    from ..pipeline import extract_article
    from ..text import article_from_text

    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    paths = sorted(folder.glob("*.gold.json"))
    if not paths:
        raise InputError(f"{folder}: no *.gold.json files")
    articles: list[ArticleScore] = []
    total = ArticleScore("ALL", PlaceScore(), EventScore(), EventScore(), EventScore())
    for path in paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(f"{path}: not a gold JSON file ({err})") from None
        _check_gold(path, gold)
        text = _article_text(path, gold)
        label = path.name.removesuffix(".gold.json")
        # As `syriamap extract` reads a text file: the gold's publication date if it has one,
        # else the article's own dateline.
        source = article_from_text(text, published=gold.get("published"), url=gold.get("url"))
        result = extract_article(source)
        try:
            article = ArticleScore(
                label,
                score_places(list(result.places), gold.get("places", []), label),
                score_control_changes(list(result.control_changes), gold, label),
                score_movements(list(result.movements), gold, label),
                score_movements(list(result.movements), gold, label, destination_only=True),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise InputError(f"{path}: malformed gold ({type(err).__name__}: {err})") from None
        articles.append(article)
        total.places.add(article.places)
        total.control_changes.add(article.control_changes)
        total.movements.add(article.movements)
        total.movements_with_destination.add(article.movements_with_destination)
    return articles, total


def _check_gold(path: Path, gold: object) -> None:
    """The shape scoring relies on, checked up front so a bad file is named in one line."""

    def bad(why: str) -> InputError:
        return InputError(f"{path}: malformed gold ({why})")

    if not isinstance(gold, dict):
        raise bad("not a JSON object")
    for key in ("places", "control_changes", "movements"):
        items = gold.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise bad(f"{key!r} is not a list of objects")
    for place in gold.get("places", []):
        if not isinstance(place.get("surface"), str):
            raise bad("a place without a 'surface'")
        lat, lon = place.get("lat"), place.get("lon")
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
            raise bad(f"place {place['surface']!r} has no numeric lat/lon")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise bad(f"place {place['surface']!r} has lat/lon out of range")
