"""Gloss scorecard: does the card's main English match the seed's gold glosses?

Run: ``python benchmarks/gloss.py`` (``-v`` lists every term). For each gold term of
``../shared/gold/seed-terms.tsv`` the term is annotated exactly as a build does
(:func:`flashgen.pipeline.annotate`, on the seed's aligned pairs) and counts as a match
when its main gloss contains one of the ``gloss_any`` alternatives (case-insensitive).
Also the CC-CEDICT load time in fresh processes: cold (no cache) and warm (cache present).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict

from _shared import SEED, SHARED, require_shared

from flashgen.pipeline import annotate, read_corpus
from flashgen.recipe import RecipeSource
from flashgen.records import Term

GOLD = SHARED / "gold" / "seed-terms.tsv"
TARGET = 0.90  # issue 5: >= 0.90 per tier

LOAD = (
    "import time; t = time.perf_counter(); from flashgen.dictionary import cedict; cedict(); "
    "print(time.perf_counter() - t)"
)


def load_time(home: str) -> float:
    """Seconds to import and load the dictionary in a fresh process using ``home``."""
    env = {**os.environ, "FLASHGEN_HOME": home}
    done = subprocess.run(
        [sys.executable, "-c", LOAD], capture_output=True, text=True, env=env, check=True
    )
    return float(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every term")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per load figure")
    args = parser.parse_args()
    require_shared()
    corpus = read_corpus([RecipeSource(SEED)])
    hits: dict[str, list[bool]] = defaultdict(list)
    with GOLD.open(encoding="utf-8") as gold:
        for row in csv.DictReader(gold, delimiter="\t"):
            text, tier = row["term"], row["tier"]
            example = next((p for p in corpus.pairs if text in p.zh), None)
            gloss = annotate(Term(text, kind=tier, example=example), corpus.pairs).gloss
            wanted = [w.lower() for w in row["gloss_any"].split("|") if w]
            ok = any(w in gloss.text.lower() for w in wanted)
            hits[tier].append(ok)
            if args.verbose:
                mark = "ok  " if ok else "MISS"
                print(f"{mark} {tier:<8} {text:<10} [{gloss.origin}] {gloss.text}")
                if not ok and gloss.alternatives:
                    print(f"{'':>24} alternatives: {gloss.alternatives}")
    for tier, results in hits.items():
        share = sum(results) / len(results)
        verdict = "ok" if share >= TARGET else "UNDER"
        print(
            f"gloss match {tier:<9} {share:5.2f} ({sum(results)}/{len(results)})"
            f"  goal >= {TARGET} {verdict}"
        )
    with tempfile.TemporaryDirectory() as home:
        cold = load_time(home)
        warm = statistics.median(load_time(home) for _ in range(args.runs))
    print(f"dictionary load  cold {cold:.2f} s  warm {warm:.2f} s (goal warm < 0.3 s)")


if __name__ == "__main__":
    main()
