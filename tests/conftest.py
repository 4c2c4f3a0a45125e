"""Shared fixtures: where ../shared is, an app directory that tests own, one warm cache.

Every test gets its own ``FLASHGEN_HOME`` (known words, anything a test writes there), but
the rebuildable caches (CC-CEDICT, jieba's lexicon, pypinyin...) live in one directory for
the whole session, named by ``FLASHGEN_CACHE``: a fresh process with a fresh home spends
about 4 s building them otherwise, and the suite starts dozens of such processes. Tests of
where caches go or of how a bad cache is rebuilt get none of it (``own_cache``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_570f27c5564e35e0.txt"

#: Tests that need the caches under their own home: they look for them there.
OWN_CACHE = frozenset({
    "test_default_cache_lives_under_flashgen_home",
    "test_a_cache_of_the_wrong_shape_is_rebuilt",
})
#: Tests that took more than 5 s with the warm cache (test_golden.py marks its own).
SLOW = frozenset({
    "test_a_cache_of_the_wrong_shape_is_rebuilt",  # one cold build
    "test_rebuild_with_an_edited_gloss_updates_instead_of_duplicating",  # 5 s: three builds
})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests named above (by function name, so every parameter set is marked)."""
    for item in items:
        name = getattr(item, "originalname", item.name)
        if name in OWN_CACHE:
            item.add_marker(pytest.mark.own_cache)
        if name in SLOW:
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache directory for the session, in the environment so child processes use it."""
    cache = tmp_path_factory.mktemp("flashgen-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FLASHGEN_CACHE", str(cache))
        yield cache


@pytest.fixture(autouse=True)
def app_dir(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Point flashgen's user-level state (known words; caches for ``own_cache``) at a new
    temporary directory."""
    home = tmp_path_factory.mktemp("flashgen-home")
    monkeypatch.setenv("FLASHGEN_HOME", str(home))
    if request.node.get_closest_marker("own_cache"):
        monkeypatch.delenv("FLASHGEN_CACHE")
    return home
