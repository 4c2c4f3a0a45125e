"""The one directory for flashgen's user-level state (caches, known words).

``FLASHGEN_HOME`` moves it (tests point it at a temporary directory); otherwise it is the
platform's usual place for an application's files, as typer's ``get_app_dir`` gives.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flashgen.errors import OutputError
from flashgen.files.atomic import atomic_output


def app_dir() -> Path:
    """flashgen's user directory: ``$FLASHGEN_HOME`` or the platform app dir (not created)."""
    home = os.environ.get("FLASHGEN_HOME")
    if home:
        return Path(home).expanduser()
    import typer  # lazily: only callers that need the directory pay for the import

    return Path(typer.get_app_dir("flashgen"))


def cache_dir() -> Path:
    """Where rebuildable caches go: ``$FLASHGEN_CACHE``, else ``<app dir>/cache``; not made."""
    cache = os.environ.get("FLASHGEN_CACHE")
    if cache:
        return Path(cache).expanduser()
    return app_dir() / "cache"


def cache_file(name: str, source: Path, version: int, directory: Path | None = None) -> Path:
    """The cache of ``name`` built from ``source``: its name carries a digest of the source's
    path, the format version and the source's size and mtime, so a changed source or format
    simply makes a new cache, and two installs (two sources) keep a cache each."""
    st = source.stat()
    folder = directory or cache_dir()
    where = hashlib.blake2s(str(source.resolve()).encode(), digest_size=4).hexdigest()
    return folder / f"{name}-{where}-v{version}-{st.st_size}-{st.st_mtime_ns}.marshal"


# name-digest of the source path, then -v<format>-<size>-<mtime>: the part before is one
# install's cache of one name.
_VERSIONED = re.compile(r"(.+)-v(\d+)-\d+-\d+")

#: Caches of one name and source kept in other formats (other flashgen versions using the
#: same data file, such as two checkouts over one virtual environment), the most recently
#: used first: enough for a few versions side by side, bounded so the folder cannot grow.
KEPT_FORMATS = 3


def stale_versions(path: Path) -> list[Path]:
    """The caches beside ``path`` that may go once it is written: of the same name and
    source file, those of the same format but an older state of the source (only this
    install makes them), those of other formats beyond the :data:`KEPT_FORMATS` most
    recently used, and those named before names carried the source's digest. Another
    install's current cache stays, so two installs on one machine do not thrash."""
    found = _VERSIONED.fullmatch(path.name.partition(".")[0])
    if found is None:
        return []
    stem, version = found[1], found[2]
    name = stem.rsplit("-", 1)[0]
    same_format: list[Path] = []
    other_formats: list[Path] = []
    for sibling in path.parent.glob(f"{stem}-v*"):
        other = _VERSIONED.fullmatch(sibling.name.partition(".")[0])
        if sibling == path or other is None or other[1] != stem:
            continue
        (same_format if other[2] == version else other_formats).append(sibling)
    other_formats.sort(key=_last_used, reverse=True)
    return [
        *same_format,
        *other_formats[KEPT_FORMATS:],
        *path.parent.glob(f"{name}-v[0-9]*"),  # legacy: name-v<format>-...
    ]


def _last_used(path: Path) -> float:
    """When a cache was last written or loaded (a load touches it), 0 if it is gone."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def cached(
    name: str,
    source: Path,
    version: int,
    build: Callable[[], Any],
    directory: Path | None = None,
    check: Callable[[Any], bool] | None = None,
) -> Any:
    """Plain data (what ``marshal`` can store) built from ``source``, kept in the cache dir.

    Data files shipped in packages (CC-CEDICT, jieba's dictionary) take a second or so to
    parse; their marshal form loads several times faster. The cache is written atomically
    (readers in other processes see the old file or the new one, never a part); stale
    versions are removed (:func:`stale_versions`); any failure to read or write it falls
    back to ``build``. A cache of the right format but the wrong shape (written by
    something else, or cut short) is rebuilt: the file holds the pair of a seal naming the
    cache and the data's shape, checked on load, and the data, which ``check`` (if given)
    must accept too. (Each name's version counts this layout in: files written before the
    pair, with the seal after the data, are of versions one lower.)
    """
    path = cache_file(name, source, version, directory)
    found = read_cache(path)
    if found is not None:
        seal, data = found
        if seal == _seal(name, version, data) and (check is None or check(data)):
            _touch(path)
            return _kept(data)
    data = _kept(build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as tmp:
            tmp.write_bytes(marshal.dumps((_seal(name, version, data), data)))
        for old in stale_versions(path):
            old.unlink(missing_ok=True)
    except (OSError, OutputError, ValueError):
        pass  # no cache this time: the data was built all the same
    return data


def read_cache(path: Path) -> tuple[Any, Any] | None:
    """The seal and the data of the cache at ``path`` (one marshal object, the pair), or
    None when it cannot be read or is no such pair.

    The file is read whole and unmarshalled from memory: ``marshal.load`` on a file reads
    it object by object and took four times as long (pypinyin's tables: 0.33 s against
    0.08 s in a fresh process; CC-CEDICT 0.56 s against 0.18 s).
    """
    # A load makes hundreds of thousands of objects that the cyclic GC would scan again and
    # again for nothing (CC-CEDICT: 0.13 s with it, 0.09 s without).
    enabled = gc.isenabled()
    gc.disable()
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, TypeError, ValueError):
        return None
    finally:
        if enabled:
            gc.enable()
    return found if isinstance(found, tuple) and len(found) == 2 else None


def _touch(path: Path) -> None:
    """Mark ``path`` as just used, so that another version's cleaning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache folder still serves


def _shape(value: Any, depth: int = 3) -> Any:
    """The types of ``value`` and, for containers, of their first item, ``depth`` deep."""
    kind = type(value).__name__
    if depth == 0 or not isinstance(value, (dict, list, tuple, set, frozenset)) or not value:
        return kind
    if isinstance(value, dict):
        key, item = next(iter(value.items()))
        return (kind, len(value), _shape(key, depth - 1), _shape(item, depth - 1))
    return (kind, len(value), _shape(next(iter(value)), depth - 1))


def _seal(name: str, version: int, data: Any) -> tuple[str, str, int, Any]:
    return ("flashgen-cache", name, version, _shape(data))


def _kept(data: Any) -> Any:
    """``data``, moved out of the cyclic GC's reach: plain data loaded once and kept for the
    whole run holds no cycles, yet every full collection would walk all of its entries
    (0.15 s of a seed build went to three such walks)."""
    gc.freeze()
    return data
