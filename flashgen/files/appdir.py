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
_VERSIONED = re.compile(r"(.+)-v\d+-\d+-\d+")


def stale_versions(path: Path) -> list[Path]:
    """The other versions of the cache at ``path`` (or a folder named like it): same name,
    same source file, another format or source state. Another install's are never among
    them, so two installs on one machine do not delete each other's caches."""
    found = _VERSIONED.fullmatch(path.name.removesuffix(".marshal"))
    if found is None:
        return []
    name = found[1].rsplit("-", 1)[0]
    # and the caches named before names carried the source's digest (name-v<format>-...)
    olds = [*path.parent.glob(f"{found[1]}-v*"), *path.parent.glob(f"{name}-v[0-9]*")]
    return [old for old in olds if old != path]


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
    parse; their marshal form loads several times faster. The cache is written atomically;
    stale versions are removed; any failure to read or write it falls back to ``build``.
    A cache of the right format but the wrong shape (written by something else, or cut
    short) is rebuilt: after the data comes a seal naming the cache and the data's shape,
    checked on load, and ``check`` (if given) must accept the data too.
    """
    path = cache_file(name, source, version, directory)
    # A load makes hundreds of thousands of objects that the cyclic GC would scan again and
    # again for nothing (CC-CEDICT: 0.13 s with it, 0.09 s without).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as file:
            data = marshal.load(file)
            seal = marshal.load(file)
    except (OSError, EOFError, TypeError, ValueError):
        pass
    else:
        if seal == _seal(name, version, data) and (check is None or check(data)):
            return _kept(data)
    finally:
        if enabled:
            gc.enable()
    data = _kept(build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as tmp:
            tmp.write_bytes(marshal.dumps(data) + marshal.dumps(_seal(name, version, data)))
        for old in stale_versions(path):
            old.unlink(missing_ok=True)
    except (OSError, OutputError, ValueError):
        pass  # no cache this time: the data was built all the same
    return data


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
