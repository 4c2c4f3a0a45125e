"""Where the read-only evaluation data lives, for every benchmark script."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_570f27c5564e35e0.txt"


def require_shared() -> Path:
    """The shared data folder, or exit with a message saying where it was looked for."""
    if not SHARED.is_dir():
        sys.exit(f"benchmark needs the evaluation data at {SHARED} (set FLASHGEN_SHARED)")
    return SHARED
