"""Scoring the extractor against gold files (``../shared/eval/README.md`` is the spec).

Stage 10, beside the pipeline rather than in it: ``gold`` reads a folder of ``*.gold.json``
files, runs the extractor on each article and scores it with ``places`` and ``events``;
``report`` turns the scores into the figures, rows and gates ``syriamap eval`` prints.
"""

from .events import EventScore, score_control_changes, score_movements
from .gold import ArticleScore, evaluate_dir
from .places import PlaceScore, score_places
from .report import ARTICLE_COLUMNS, Gates, article_rows, below_gates, figures, misses, summary

__all__ = [
    "ARTICLE_COLUMNS",
    "ArticleScore",
    "EventScore",
    "Gates",
    "PlaceScore",
    "article_rows",
    "below_gates",
    "evaluate_dir",
    "figures",
    "misses",
    "score_control_changes",
    "score_movements",
    "score_places",
    "summary",
]
