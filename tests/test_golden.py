"""The ranked terms of the project's own texts match the recorded golden file.

A change that only moves code must leave ``tests/golden/terms.tsv`` byte for byte the same;
one that changes ranking or glosses rewrites it (``python benchmarks/golden.py >
tests/golden/terms.tsv``) with a scorecard run in its commit message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "terms.tsv"


@pytest.mark.slow
def test_ranked_terms_match_the_golden_file() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "golden.py")],
        capture_output=True, text=True, check=True, timeout=600,
    )
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    got = done.stdout.splitlines()
    changed = [(w, g) for w, g in zip(want, got, strict=False) if w != g]
    assert len(got) == len(want), f"{len(got)} rows, golden has {len(want)}"
    assert not changed, "first changed rows:\n" + "\n".join(f"- {w}\n+ {g}" for w, g in changed[:5])
