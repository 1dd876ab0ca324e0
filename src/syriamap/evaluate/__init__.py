"""Scoring the extractor against gold files (``../shared/eval/README.md`` is the spec)."""

from .scoring import (
    ArticleScore,
    EventScore,
    PlaceScore,
    evaluate_dir,
    score_control_changes,
    score_movements,
    score_places,
)

__all__ = [
    "ArticleScore",
    "EventScore",
    "PlaceScore",
    "evaluate_dir",
    "score_control_changes",
    "score_movements",
    "score_places",
]
