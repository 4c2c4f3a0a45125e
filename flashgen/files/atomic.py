"""Every file flashgen writes (decks, exports, word lists, caches) is written atomically.

The content goes to a temporary file beside the target and is renamed over it only when
complete, so a failed or interrupted write leaves an existing file exactly as it was.
Temporary names are short (so any legal output name works) and carry the writer's process
id, so a later run can tell a stale one (its writer was killed) and remove it.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flashgen.errors import InputError, OutputError

#: Every temporary file or folder flashgen makes starts so: ``flashgen-<pid>-<random>``.
TEMP_PREFIX = "flashgen-"

_ADVICE = (
    "check that the folder exists and is writable and that the path is not a folder, "
    "or choose another output path; any existing file there was left as it was"
)


def temp_prefix() -> str:
    """The start of this process's temporary names (``flashgen-<pid>-``)."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def remove_stale(folder: Path) -> None:
    """Remove temporaries of flashgen's naming in ``folder`` whose process has ended."""
    import shutil

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name.removeprefix(".")
        if not name.startswith(TEMP_PREFIX):
            continue
        pid = name[len(TEMP_PREFIX):].partition("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        elif name.endswith(".part"):
            Path(entry.path).unlink(missing_ok=True)


def check_output(path: Path) -> None:
    """Refuse, before any work, an output that cannot be written: a folder, a missing or
    read-only folder, or a name longer than the file system allows."""
    from flashgen.files.inputs import check_name

    path = Path(path)
    check_name(path, "output")
    folder = path.parent
    try:
        longest = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        longest = 255
    if len(os.fsencode(path.name)) > longest:
        raise InputError(
            f"output name {path.name[:40]}... is longer than the {longest} bytes a file name "
            "may have here: choose a shorter name"
        )
    if path.is_dir():
        raise InputError(f"output {path} is a folder: give a file name inside it")
    if not folder.is_dir():
        raise InputError(f"output folder {folder} does not exist: create it or choose another")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"output folder {folder} is not writable: choose another output path")


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    On any failure (a signal turned into an exception included) the temporary file is
    removed and an existing file at ``path`` is left untouched. OS errors become
    :class:`OutputError` naming the path and what to do. The new file gets the permissions
    of the file it replaces (or the usual ones for a new file), not the private ones of a
    temporary file.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{temp_prefix()}{secrets.token_hex(2)}", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}; {_ADVICE}") from error
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
        raise OutputError(f"cannot write {path}: {error}; {_ADVICE}") from error
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
