"""The row the build assembles for each place, shared by ``build.py`` and its source readers.

It is mutable on purpose (the build merges sources into it: OCHA's codes and Arabic names land
on GeoNames rows, alias files add spellings); the package reads the finished artifact through
the frozen :class:`syriamap.gazetteer.Place`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from syriamap.gazetteer import default_order, encode_entries


@dataclass
class Row:
    """A place being built; becomes one row of ``places`` and several of ``aliases``."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    admin1: str | None
    admin1_code: str | None
    population: int
    rank: int
    source: str
    aliases: list[str] = field(default_factory=list)
    geometry: str | None = None
    name_ar: str | None = None
    pcode: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None

    def admin_values(self) -> tuple[str | None, ...]:
        """The OCHA columns of ``places``, in their schema order."""
        return (
            self.name_ar,
            self.pcode,
            self.admin1_pcode,
            self.admin2,
            self.admin2_pcode,
            self.admin3,
            self.admin3_pcode,
        )


def encoded_entries(rows: list[Row], entries: dict[int, list[str]]) -> str:
    """One key's index entry (place idx → its names with that key) as the artifact stores it:
    the places in the default order (importance, regional focus, population), so an unhinted
    lookup needs no sorting at run time.  ``rows[i]`` is place ``idx`` *i*."""
    ordered = sorted(
        entries, key=lambda i: default_order(rows[i].rank, rows[i].country, rows[i].population)
    )
    return encode_entries((i, entries[i]) for i in ordered)
