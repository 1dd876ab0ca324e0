"""The colours and line patterns of every syriamap page, and the checked palette of one page.

One module so that the article map, the corpus map, the legend and the command line's
``--colour`` all read the same table.  Colours reach Leaflet's options and the legend's CSS,
which is why :class:`Style` accepts nothing but ``#RRGGBB``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["FACTION_COLOURS", "MODE_DASHES", "Style"]

#: One palette for the whole project, after the conventions readers know (government red,
#: opposition and HTS greens, SNA a lighter green, SDF yellow, ISIS black, Israel blue ...),
#: chosen so that every pair stays distinct for deuteranopes (CIELAB ΔE ≥ 15 after the
#: Machado et al. 2009 simulation; tests/test_render.py checks it).
#: Override per call with ``render_html(..., colours={...})``.
FACTION_COLOURS: dict[str, str] = {
    "government": "#b2182b",
    "opposition": "#4dac26",
    "hts": "#00441b",
    "sna": "#a6dba0",
    "sdf": "#ffd700",
    "isis": "#1a1a1a",
    "israel": "#2166ac",
    "turkey": "#f1b6da",
    "russia": "#3f007d",
    "iran": "#dfc27d",
    "us": "#67a9cf",
    "unknown": "#9e9e9e",
}
#: Leaflet dash patterns per movement mode (``None`` is a solid line).
MODE_DASHES: dict[str, str | None] = {"air": "10 8", "land": None, "sea": "2 8", "unknown": "4 4"}

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class Style:
    """The palette of one page.  Colours reach Leaflet's options and the legend's CSS, so each
    must be ``#RRGGBB``; anything else is an :class:`InputError`, not page source.

    >>> Style({**FACTION_COLOURS, "sdf": "#e6ab02"}).colour("sdf")
    '#e6ab02'
    >>> Style(FACTION_COLOURS).colour(None)
    '#9e9e9e'
    """

    colours: dict[str, str]

    def __post_init__(self) -> None:
        for faction, colour in self.colours.items():
            if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
                raise InputError(f"colour {colour!r} for {faction!r} must look like #RRGGBB")

    @classmethod
    def of(cls, colours: dict[str, str] | None = None) -> Style:
        """The project palette with ``colours`` (faction → #RRGGBB) laid over it."""
        return cls({**FACTION_COLOURS, **(colours or {})})

    def colour(self, faction: str | None) -> str:
        """The colour of ``faction``; an unknown or missing faction gets ``unknown``'s."""
        return self.colours.get(faction or "unknown", self.colours["unknown"])
