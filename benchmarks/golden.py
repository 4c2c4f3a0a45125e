"""The ranked terms of a set of texts, as one TSV: the safety net for moving code.

Each row is one term of one text: text, rank, term, score, reading, gloss, gloss origin.
A refactoring that only moves code must leave this output byte for byte the same:

    python benchmarks/golden.py > /tmp/before.tsv     # on the old code
    python benchmarks/golden.py > /tmp/after.tsv      # on the new code
    diff /tmp/before.tsv /tmp/after.tsv

With no arguments it covers the project's own texts (``decks/``, ``benchmarks/devset``,
``benchmarks/heldout``), which ``tests/golden/terms.tsv`` records; ``--shared`` adds the
seed and the real articles of ``../shared/eval/news`` (never written into the repository).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import REPO, SEED, SHARED  # noqa: E402


def project_texts() -> list[Path]:
    """The project's own sample and benchmark texts (translations are found beside them)."""
    texts = [p for p in sorted((REPO / "decks").glob("*.txt")) if not p.name.endswith(".en.txt")]
    for folder in ("devset", "heldout"):
        texts += [p for p in sorted((REPO / "benchmarks" / folder).glob("*.txt"))
                  if not p.name.endswith(".ok.txt")]
    return texts


def shared_texts() -> list[Path]:
    """The seed and the real articles beside the repository, when they are there."""
    news = sorted((SHARED / "eval" / "news").glob("*.txt"))
    return ([SEED] if SEED.is_file() else []) + news


def rows(path: Path) -> Iterator[str]:
    """One TSV line per term flashgen would put in a 100-term deck of ``path`` (fixed, so
    that the default count, which follows the text, does not hide changes of rank)."""
    from flashgen.pipeline import read_corpus, vocabulary
    from flashgen.study.recipe import recipe_from_options

    recipe = recipe_from_options([path], max_terms=100)
    corpus = read_corpus(recipe.sources)
    name = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    for rank, item in enumerate(vocabulary(recipe, corpus), 1):
        fields = (
            str(name), str(rank), item.term.text, f"{item.term.score:.6g}", item.pinyin,
            item.gloss.text, item.gloss.origin,
        )
        yield "\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", action="store_true", help="add the seed and eval/news")
    args = parser.parse_args()
    texts = project_texts() + (shared_texts() if args.shared else [])
    for path in texts:
        for line in rows(path):
            print(line)


if __name__ == "__main__":
    main()
