"""The one directory for flashgen's user-level state (caches, known words).

``FLASHGEN_HOME`` moves it (tests point it at a temporary directory); otherwise it is the
platform's usual place for an application's files, as typer's ``get_app_dir`` gives.
"""

from __future__ import annotations

import os
from pathlib import Path


def app_dir() -> Path:
    """flashgen's user directory: ``$FLASHGEN_HOME`` or the platform app dir (not created)."""
    home = os.environ.get("FLASHGEN_HOME")
    if home:
        return Path(home).expanduser()
    import typer  # lazily: only callers that need the directory pay for the import

    return Path(typer.get_app_dir("flashgen"))


def cache_dir() -> Path:
    """Where rebuildable caches go (``<app dir>/cache``); may not exist yet."""
    return app_dir() / "cache"
