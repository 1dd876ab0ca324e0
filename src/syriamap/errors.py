"""One exception hierarchy for the whole package.

Every error syriamap raises derives from :class:`SyriamapError`, and each leaf also inherits
the builtin a caller would naturally catch (``LookupError`` for a miss, ``ValueError`` for bad
input), the way geopy's errors do.  The CLI turns any of them into a one-line message.
"""

from __future__ import annotations

__all__ = ["DataError", "InputError", "PlaceNotFound", "SyriamapError"]


class SyriamapError(Exception):
    """Root of every error raised by syriamap."""


class InputError(SyriamapError, ValueError):
    """The caller passed something unusable: an empty or oversized name, a bad coordinate."""


class PlaceNotFound(SyriamapError, LookupError):
    """No place matches a name well enough (the message names the query and the best guess)."""

    def __init__(self, query: str, message: str | None = None) -> None:
        self.query = query
        super().__init__(message or f"no place matches {query!r}")


class DataError(SyriamapError, RuntimeError):
    """The gazetteer artifact or an overlay file is missing, malformed or out of date."""


def flat(text: object) -> str:
    """``text`` with every run of whitespace made one space: messages and error rows are one
    line each, whatever an exception's text holds."""
    return " ".join(str(text).split())


def one_line(reason: object) -> str:
    """An error's reason as one line of a message (an OS error's ``strerror``, else its text)."""
    return flat(getattr(reason, "strerror", None) or str(reason) or type(reason).__name__)
