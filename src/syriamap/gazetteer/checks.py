"""What a gazetteer refuses to be asked: the checks on names, points and country codes.

Every public query passes its arguments through here first, so a bad argument is an
:class:`~syriamap.errors.InputError` that names the problem, raised before any SQL runs, and
the policy on control characters is written once for every entry point (the CLI, the geopy
adapter and the text scanner included).
"""

from __future__ import annotations

import math
import re
import unicodedata

from ..errors import InputError
from .names import MAX_NAME_LENGTH

__all__ = ["check_country", "check_name", "check_point"]

#: Unicode categories no place name holds: controls (a tab, a newline, an escape), format
#: characters (bidi overrides, embeddings and isolates, invisible marks: "\u202eamaH" is
#: shown as "Hama" but is no name), lone surrogates, line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: The zero-width non-joiner and joiner are format characters that spell words in Persian,
#: Kurdish and Indic scripts (they change letter shapes, not the order of the text).
_JOINERS = frozenset("\u200c\u200d")
_COUNTRY = re.compile(r"[A-Za-z]{2}")


def check_name(name: object) -> str:
    """The name, stripped, or ``InputError`` for what no gazetteer should be asked."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be a string, not {type(name).__name__}")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"place name is {len(name)} characters long (limit {MAX_NAME_LENGTH})")
    refused = _refused_character(name)
    if refused is not None:
        what = unicodedata.name(refused, "a control character")
        raise InputError(
            f"place name {name[:40]!r} contains U+{ord(refused):04X} ({what}): control "
            "characters and format characters such as bidi overrides are refused"
        )
    name = " ".join(name.split())
    if not name:
        raise InputError("place name is empty")
    return name


def _refused_character(name: str) -> str | None:
    if name.isprintable():  # the usual case, in one pass in C: no control or format character
        return None
    for ch in name:
        if unicodedata.category(ch) in _REFUSED_CATEGORIES and ch not in _JOINERS:
            return ch
    return None


def check_point(lat: object, lon: object) -> tuple[float, float]:
    """``(lat, lon)`` as floats, or ``InputError`` when not finite or out of range."""
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(lat_f) and -90 <= lat_f <= 90):
        raise InputError(f"latitude {lat!r} is outside [-90, 90]")
    if not (math.isfinite(lon_f) and -180 <= lon_f <= 180):
        raise InputError(f"longitude {lon!r} is outside [-180, 180]")
    return lat_f, lon_f


def check_country(country: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code upper-cased (None stays None), or ``InputError``."""
    if country is None:
        return None
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        raise InputError(
            f"country must be an ISO 3166-1 alpha-2 code such as 'SY', got {country!r}"
        )
    return country.upper()
