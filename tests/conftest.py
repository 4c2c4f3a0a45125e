"""Shared fixtures: where ../shared is, and an app directory that tests own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_570f27c5564e35e0.txt"


@pytest.fixture
def shared() -> Path:
    """The read-only evaluation data beside the repository; skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared evaluation data at {SHARED} (absent here)")
    return SHARED


@pytest.fixture
def seed(shared: Path) -> Path:
    """The seed article (read-only, never copied into the repository)."""
    if not SEED.is_file():
        pytest.skip(f"needs the seed article at {SEED}")
    return SEED


@pytest.fixture(autouse=True)
def app_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point flashgen's user-level state (caches, known words) at a temporary directory."""
    home = tmp_path_factory.mktemp("flashgen-home")
    monkeypatch.setenv("FLASHGEN_HOME", str(home))
    return home
