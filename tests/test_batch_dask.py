"""``--dask``: the map on a real Dask LocalCluster gives the deck one process gives.

These need the ``dask`` extra (CI installs it with the test extra); without it they skip
and say so. That a missing extra is one line and exit 2 is in ``test_batch.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="needs the dask extra: pip install 'flashgen[dask]'")

from flashgen.batch.dask import dask_workers  # noqa: E402
from flashgen.lexicon import segment  # noqa: E402
from flashgen.pipeline import build  # noqa: E402
from flashgen.study.recipe import recipe_from_options  # noqa: E402

DECKS = Path(__file__).resolve().parents[1] / "decks"
STAMP = 1_700_000_000


def _state(_: int) -> tuple[int, int]:
    """A task: the worker's process id, and whether jieba's lexicon is loaded in it."""
    return os.getpid(), segment.lexicon.cache_info().currsize


@pytest.mark.slow
def test_a_local_cluster_builds_the_deck_one_process_builds(tmp_path: Path) -> None:
    recipe = recipe_from_options(
        [DECKS / "sample-health.txt", DECKS / "sample-trade.zh.txt"], max_terms=40
    )
    serial = build(recipe, tmp_path / "one.apkg", timestamp=STAMP).path.read_bytes()
    dask = build(recipe, tmp_path / "dask.apkg", timestamp=STAMP, dask="local")
    assert dask.path.read_bytes() == serial


@pytest.mark.slow
def test_cluster_workers_have_the_lexicon_before_their_first_task() -> None:
    with dask_workers("local") as workers:
        seen = workers.map(_state, range(6))
        assert workers.size == (os.cpu_count() or 1)
    assert os.getpid() not in {pid for pid, _ in seen}
    assert {loaded for _, loaded in seen} == {1}  # the worker plugin loaded it at start
