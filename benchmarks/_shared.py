"""Where the read-only evaluation data lives, and the gold reader every scorecard shares."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_570f27c5564e35e0.txt"


def require_shared() -> Path:
    """The shared data folder, or exit with a message saying where it was looked for."""
    if not SHARED.is_dir():
        sys.exit(f"benchmark needs the evaluation data at {SHARED} (set FLASHGEN_SHARED)")
    return SHARED


@dataclass(frozen=True)
class Gold:
    """One gold term: its tier (compound, word, extra), English alternatives, reading.

    The seed's and the real articles' gold has no reading (``pinyin`` is then "").
    """

    term: str
    tier: str
    gloss_any: tuple[str, ...]
    pinyin: str = ""


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a gold TSV (header first, no quoting: cells may hold quote marks)."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_gold(path: Path) -> list[Gold]:
    """A gold term list with header ``term tier gloss_any [pinyin|note]``, in file order."""
    return [
        Gold(r["term"], r["tier"], tuple(r["gloss_any"].split("|")), r.get("pinyin") or "")
        for r in read_tsv(path)
    ]


def read_list(path: Path) -> set[str]:
    """A hand-written list, one item a line, ``#`` comments (none when the file is absent)."""
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def gloss_contains(gloss: str, gold: Gold) -> bool:
    """Whether ``gloss`` contains one of the gold alternatives (case ignored).

    The seed's and the real articles' rule (their READMEs): stricter than sharing a word.
    """
    have = gloss.lower()
    return any(alt.lower() in have for alt in gold.gloss_any if alt)


def flashgen_tsv(*args: str) -> list[dict[str, str]]:
    """Rows of ``flashgen ARGS --format tsv`` run in a fresh process, as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", *args, "--format", "tsv"],
        capture_output=True, text=True, check=True,
    )
    return list(csv.DictReader(done.stdout.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
