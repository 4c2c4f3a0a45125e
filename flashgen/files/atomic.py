"""Every file flashgen writes (decks, exports, word lists, caches) is written atomically.

The content goes to a temporary file beside the target and is renamed over it only when
complete, so a failed or interrupted write leaves an existing file exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flashgen.errors import OutputError


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    On any failure the temporary file is removed and an existing file at ``path`` is left
    untouched. OS errors become :class:`OutputError` naming the path and what to do.
    The new file gets the permissions of the file it replaces (or the usual ones for a new
    file), not the private ones of a temporary file.
    """
    path = Path(path)
    advice = (
        "check that the folder exists and is writable and that the path is not a folder, "
        "or choose another output path; any existing file there was left as it was"
    )
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}; {advice}") from error
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error}; {advice}") from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits ``path`` should end up with: its current ones, or 0o666 - umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
