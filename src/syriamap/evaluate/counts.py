"""Matched, spurious and missed items, and the figures made from them.

Places and events are scored the same way (precision, recall, F1 over true positives, false
positives and false negatives); each score adds its own counts (resolution, date and mode
accuracy) on top.  Mutable on purpose: the total over a gold folder is built by :meth:`add`-ing
each article's score to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Self


@dataclass
class Counts:
    """Counts over one or more articles; ``misses`` keep what a reader needs to see why."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Self) -> None:
        """Add ``other``'s counts (every integer field) and misses to these."""
        for item in fields(self):
            if item.name != "misses":
                setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
