"""Where every ``-o`` goes: one output-path policy for ``extract``, ``map``, ``batch`` and
``gazetteer export`` (README, "Output files").

A file is written to a temporary file beside its target and renamed over it, so a reader
sees the old file or the new one, never half of one.  A rename replaces whatever the name
points at, so the name is checked first:

* ``-`` is standard output (no file at all);
* a symlink is followed to its end and the rename is done beside the file it names, so the
  link stays a link and its target gets the new content (the link may point at a file not
  yet written, in a folder that exists);
* anything that is not a regular file (a directory, a FIFO, a character or block device such
  as ``/dev/full`` or ``/dev/null``, a socket) is refused: a rename would turn it into a
  plain file, which as root means a broken device node;
* a file that is also one of the inputs (the same inode, whatever path or link names it) is
  refused: the run would replace what it reads;
* overwriting keeps the file's permission bits (and, where allowed, its owner); a new file
  gets what a plain ``open()`` would give.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

__all__ = [
    "STDOUT",
    "check_writable",
    "output_target",
    "replace_keeping_mode",
    "stdout_failed",
    "temporary_beside",
    "write_atomic",
    "write_stdout",
]

STDOUT = "-"
"""The output name that means standard output."""

_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "special file")


def _identity(source: str | os.PathLike[str]) -> tuple[int, int] | None:
    """``(device, inode)`` of an input that is a local file (``-``: standard input when it is
    a redirected file); None for a URL, a glob or anything that cannot be stat'ed."""
    try:
        st = os.fstat(sys.stdin.fileno()) if str(source) == STDOUT else os.stat(source)
    except (OSError, ValueError, AttributeError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def output_target(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """The regular file that writing ``path`` replaces (``path``, or where its symlinks
    lead), or :class:`InputError` in one line, before any work, for an output that must not
    be replaced (see the module docstring).  ``inputs`` are the run's input paths.

    >>> output_target("/dev/null")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    syriamap.errors.InputError: /dev/null: is a character device, not a regular file: refused ...
    """
    given = Path(path)
    if not str(path):
        raise InputError("no output file given")
    target = given
    try:
        if given.is_symlink():
            target = Path(os.path.realpath(given))
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as err:  # a symlink loop, a path through a file, a name too long
        raise InputError(f"{given}: cannot write there ({err.strerror or err})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{given}: is a directory, not a file to write")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{given}: is a {_kind(st.st_mode)}, not a regular file: refused "
                "(use -o - for standard output)"
            )
        for source in inputs:
            if _identity(source) == (st.st_dev, st.st_ino):
                shown = "standard input" if str(source) == STDOUT else str(source)
                raise InputError(
                    f"{given}: is also the input ({shown}): refused, the output would "
                    "overwrite the input"
                )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{given}: no such directory {str(folder)!r}")
    return target


def check_writable(target: Path) -> None:
    """Refuse, in one line and before any work, an output that :func:`output_target`
    refuses (the rename at the end would fail, or replace a device, after all the work)."""
    output_target(target)


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temporary_beside(target: Path) -> tuple[int, str]:
    """A temporary file next to ``target`` (same filesystem, so the final rename is atomic)
    with the permissions a plain ``open()`` would give, not mkstemp's private 0600: a map
    or table written for others to read must stay readable after the rename.  When
    ``target`` exists, its permission bits (and owner, where allowed) are kept instead."""
    check_writable(target)
    try:
        handle, tmp = tempfile.mkstemp(
            dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as err:
        raise InputError(f"{target}: cannot write there ({err.strerror or err})") from None
    if not _adopt(handle, target):
        os.fchmod(handle, _file_mode())
    return handle, tmp


def _adopt(file: int | Path, target: Path) -> bool:
    """Give ``file`` (a descriptor or a path) the permission bits of ``target``, and its
    owner where allowed; False when there is no ``target`` yet."""
    try:
        st = os.stat(target)
    except OSError:
        return False
    with contextlib.suppress(OSError):  # only root may give a file to someone else
        os.chown(file, st.st_uid, st.st_gid)
    os.chmod(file, stat.S_IMODE(st.st_mode) & 0o777)
    return True


def replace_keeping_mode(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` (a path from :func:`output_target`), the new file
    keeping the permission bits and owner ``target`` had."""
    _adopt(source, target)
    os.replace(source, target)


def write_atomic(
    path: str | os.PathLike[str], text: str, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and a rename (never half a
    file), following the output policy; returns the file written (a symlink's target)."""
    target = output_target(path, inputs=inputs)
    data = _utf8(text)
    handle, tmp = temporary_beside(target)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate, from a bad escape in some input
        raise InputError(
            f"the output holds a character UTF-8 cannot encode (U+{ord(text[err.start]):04X})"
        ) from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's flush at exit does not fail
    a second time (and print "Exception ignored ...") on output already lost."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def stdout_failed(err: OSError) -> BaseException:
    """What a failed write to standard output becomes: a closed pipe stays
    ``BrokenPipeError`` (the CLI then exits quietly, as ``| head`` expects); anything else
    (a full disk) is a one-line :class:`InputError`."""
    _silence_stdout()
    if isinstance(err, BrokenPipeError):
        return err
    return InputError(f"standard output: cannot write ({err.strerror or err})")


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 whatever the locale says (a map or a
    JSON document is UTF-8 in a file too), flushed, failures as :func:`stdout_failed`."""
    data = _utf8(text)
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as err:
        raise stdout_failed(err) from None
