"""Every file flashgen reads is checked where its path comes in: a regular file, not too big.

A FIFO or a device (``/dev/zero``) would hang a build or read until memory runs out, and a
huge file would take hours; both are refused in one line before anything is read. The
limit is ``FLASHGEN_MAX_INPUT_MB`` megabytes (default :data:`DEFAULT_LIMIT_MB`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from flashgen.errors import InputError

#: Megabytes of one input file: a long novel is 3 MB; raise the limit with the variable below.
DEFAULT_LIMIT_MB = 32
LIMIT_VARIABLE = "FLASHGEN_MAX_INPUT_MB"


def input_limit() -> int:
    """The most bytes one input file may hold: ``$FLASHGEN_MAX_INPUT_MB`` or the default."""
    raw = os.environ.get(LIMIT_VARIABLE, "")
    try:
        megabytes = float(raw) if raw.strip() else DEFAULT_LIMIT_MB
    except ValueError:
        raise InputError(f"{LIMIT_VARIABLE}={raw!r} is not a number of megabytes") from None
    if not megabytes > 0:
        raise InputError(f"{LIMIT_VARIABLE}={raw!r} must be a positive number of megabytes")
    return int(min(megabytes, 1 << 40) * 1024 * 1024)


def check_name(path: Path, what: str) -> None:
    """Refuse a path that is not UTF-8: its name becomes deck names and tags, which must be."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise InputError(
            f"{what} {shown} has a name that is not UTF-8: rename it (convmv can convert names)"
        ) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_input(path: Path, what: str = "file") -> Path:
    """``path`` if it is a regular file within the size limit, else an InputError.

    Only ``stat`` is called, so a FIFO is refused without opening it (opening would block).
    """
    check_name(path, what)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{what} {path} not found: check the path") from None
    except OSError as error:
        raise InputError(f"{what} {path} cannot be read ({error.strerror}): check it") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} {path} is {_kind(info.st_mode)}: give a regular file")
    limit = input_limit()
    if info.st_size > limit:
        raise InputError(
            f"{what} {path} is {info.st_size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB "
            f"limit: split it, or set {LIMIT_VARIABLE} to a larger number of megabytes"
        )
    return path


def read_input(path: Path, what: str = "file") -> bytes:
    """The bytes of a checked input, read no further than the limit (a file may grow)."""
    check_input(path, what)
    limit = input_limit()
    try:
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise InputError(f"{what} {path} cannot be read ({error.strerror}): check it") from None
    if len(data) > limit:
        raise InputError(f"{what} {path} grew past the limit while being read: try again")
    return data
