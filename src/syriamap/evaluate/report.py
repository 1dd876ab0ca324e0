"""What ``syriamap eval`` shows: the figures (its ``--json``), the per-article rows, the
one-line summary, the misses, and the quality gates CI holds the extractor to.

The figures are built here, not in the command, so the CLI only prints them and a script
or notebook gets the same numbers the command prints.  Two rules keep a figure honest:
an F1 over nothing to find and nothing found is shown as ``-`` (there is no F1 to speak
of, not 0.000), and an accuracy over no matched event is ``n/a`` and holds no gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .events import EventScore
from .gold import ArticleScore
from .places import PlaceScore

#: The columns of :func:`article_rows`, in the order the command prints them.
ARTICLE_COLUMNS = ("article", "places F1", "resolution", "control F1", "movement F1")


def figures(articles: list[ArticleScore], total: ArticleScore) -> dict[str, Any]:
    """The figures of a gold folder as one JSON-ready object (``syriamap eval --json``)."""
    p, c, m = total.places, total.control_changes, total.movements
    md = total.movements_with_destination
    return {
        "articles": len(articles),
        "places": {
            "precision": round(p.precision, 4),
            "recall": round(p.recall, 4),
            "f1": round(p.f1, 4),
            "resolution": round(p.resolution, 4),
            "tp": p.tp,
            "fp": p.fp,
            "fn": p.fn,
        },
        "control_changes": {
            "f1": round(c.f1, 4),
            "date_accuracy": round(c.date_accuracy, 4),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
        },
        "movements": {
            "f1": round(m.f1, 4),
            "mode_accuracy": round(m.mode_accuracy, 4),
            "tp": m.tp,
            "fp": m.fp,
            "fn": m.fn,
            "f1_with_destination": round(md.f1, 4),
        },
        "misses": misses(total),
    }


def _shown(score: PlaceScore | EventScore, value: float) -> str:
    return "-" if score.tp + score.fp + score.fn == 0 else f"{value:.3f}"


def article_rows(articles: list[ArticleScore], total: ArticleScore) -> list[dict[str, str]]:
    """One row per article and a last one for the total, keyed by :data:`ARTICLE_COLUMNS`."""
    return [
        {
            "article": a.name,
            "places F1": _shown(a.places, a.places.f1),
            "resolution": f"{a.places.resolution:.3f}" if a.places.tp else "-",
            "control F1": _shown(a.control_changes, a.control_changes.f1),
            "movement F1": _shown(a.movements, a.movements.f1),
        }
        for a in [*articles, total]
    ]


def summary(total: ArticleScore) -> str:
    """Every headline figure of the total on one line."""
    p, c, m = total.places, total.control_changes, total.movements
    md = total.movements_with_destination
    dates = f"{c.date_accuracy:.3f}" if c.dated else "n/a"
    modes = f"{m.mode_accuracy:.3f}" if m.moded else "n/a"
    return (
        f"places: P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}, resolution "
        f"{p.resolution:.3f}; control changes: F1 {c.f1:.3f} (tp {c.tp} fp {c.fp} fn {c.fn}),"
        f" date accuracy {dates}; movements: F1 {m.f1:.3f} (tp {m.tp} "
        f"fp {m.fp} fn {m.fn}), mode accuracy {modes}; movements with a destination: "
        f"F1 {md.f1:.3f} (tp {md.tp} fp {md.fp} fn {md.fn})"
    )


def misses(total: ArticleScore) -> list[str]:
    """Why each figure is below one: places first, then control changes, then movements."""
    return total.places.misses + total.control_changes.misses + total.movements.misses


@dataclass(frozen=True, slots=True)
class Gates:
    """The lowest acceptable figures (each between 0 and 1); None holds no gate."""

    place_f1: float | None = None
    resolution: float | None = None
    control_f1: float | None = None
    movement_f1: float | None = None
    date_accuracy: float | None = None
    mode_accuracy: float | None = None


def below_gates(total: ArticleScore, gates: Gates) -> list[str]:
    """The figures below their gate, as ``"places F1 0.912 < 0.95"``; empty when all pass.

    >>> below_gates(ArticleScore("ALL", PlaceScore(), EventScore(), EventScore()), Gates())
    []
    """
    p, c, m = total.places, total.control_changes, total.movements
    checked = (
        ("places F1", p.f1, gates.place_f1),
        ("resolution", p.resolution, gates.resolution),
        ("control-change F1", c.f1, gates.control_f1),
        ("movement F1", m.f1, gates.movement_f1),
        ("date accuracy", c.date_accuracy if c.dated else None, gates.date_accuracy),
        ("mode accuracy", m.mode_accuracy if m.moded else None, gates.mode_accuracy),
    )
    return [
        f"{name} {value:.3f} < {limit}"
        for name, value, limit in checked
        if limit is not None and value is not None and value < limit
    ]
