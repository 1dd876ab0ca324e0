"""Bytes → text the extractor can trust: size, binary data, charset, control characters.

Whatever the source (a file, standard input, a web server), its bytes pass through
:func:`decode` once, so an input is refused for the same reasons with the same one-line
:class:`~syriamap.errors.InputError` wherever it came from.  :func:`normalise` turns line
endings into ``\\n`` and drops stray control characters *before* anyone computes an offset, so
the offsets the extractor reports index the text exactly; plain text and web pages share it.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from ..errors import InputError

__all__ = ["clean", "decode", "normalise"]

_MAX_CONTROL_SHARE = 0.10
"""Above this share of control bytes, input is binary data, not text."""
_CHARSET_SNIFF = 4096
"""How far into the bytes a page's ``<meta charset>`` is looked for."""

# Bytes below 0x20 other than tab, newline and carriage return, plus DEL.  In UTF-8 and every
# ASCII-compatible charset these bytes only ever stand for control characters themselves.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_DROP_CONTROLS = {
    code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)


def normalise(text: str) -> str:
    """Line endings to ``\\n`` and stray control characters out, before any offset is taken."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP_CONTROLS)


def clean(text: str, name: str) -> str:
    """``text`` normalised; an :class:`~syriamap.errors.InputError` naming ``name`` if nothing
    but white space is left."""
    cleaned = normalise(text)
    if not cleaned.strip():
        raise InputError(f"{name}: empty (no text)")
    return cleaned


def decode(data: bytes, name: str, *, max_bytes: int, charset: str | None) -> str:
    """The text ``data`` holds, or an :class:`~syriamap.errors.InputError` naming ``name``.

    UTF-16 with a byte-order mark (Windows "Unicode" text) is read as such; then the bytes are
    refused if over ``max_bytes``, empty, or binary (a NUL byte, or over 10% control bytes);
    then read as UTF-8 (any BOM dropped), else in ``charset`` (the server's) or the charset
    the page declares.  The text is not yet normalised.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # its NUL bytes are no sign of binary data
        with contextlib.suppress(UnicodeDecodeError):  # else: judged as bytes below
            data = data.decode("utf-16").encode("utf-8")
    _check_bytes(data, name, max_bytes)
    return _decode(data, name, charset)


def _check_bytes(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes} bytes")
    if not data.strip():
        raise InputError(f"{name}: empty (no text)")
    nul = data.find(0)
    if nul >= 0:
        raise InputError(f"{name}: binary data, not text (NUL byte at offset {nul})")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise InputError(f"{name}: binary data, not text ({controls} control bytes)")


def _decode(data: bytes, name: str, declared: str | None) -> str:
    """UTF-8 first (any BOM dropped), then the charset the server or the page declares."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    found = _META_CHARSET.search(data[:_CHARSET_SNIFF])
    charset = declared or (found.group(1).decode("ascii") if found else None)
    if charset is None or codecs.lookup("utf-8").name == _codec_name(charset):
        raise InputError(
            f"{name}: not UTF-8 text (bad byte at offset {utf8_error.start}) "
            "and no other charset declared"
        )
    try:
        return data.decode(charset)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid {charset} text (bad byte at offset {err.start})"
        ) from None
    except LookupError:
        raise InputError(f"{name}: declared charset {charset[:40]!r} is unknown") from None


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None
