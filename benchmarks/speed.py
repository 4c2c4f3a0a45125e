"""Speed scorecard: start-up, the seed deck and a 2.8 M-character corpus, against bare baselines.

Run: ``python benchmarks/speed.py`` (add ``--skip-corpus`` for a quick run). Every figure is
the median of fresh processes, so import and dictionary-loading costs are included, as a
user would see them. Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _shared import SEED, SHARED, require_shared

PY = sys.executable
FLASHGEN = [PY, "-m", "flashgen"]
CORPUS = SHARED / "eval" / "corpus" / "xwlb_2025.txt"

# A typer app with flashgen's command names and no work behind them: what "instant" means.
BARE_TYPER = textwrap.dedent(
    """
    import typer
    app = typer.Typer(add_completion=False)
    for name in ("build", "terms", "pairs", "pinyin", "lookup", "known"):
        app.command(name)(lambda source: None)
    app()
    """
)

BARE_JIEBA = "import jieba, sys; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (s) and largest peak RSS (MB) over ``runs`` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def report(label: str, ours: tuple[float, float], bare: tuple[float, float], goal: float) -> None:
    ratio = ours[0] / bare[0]
    verdict = "ok" if ratio <= goal else "OVER"
    print(
        f"{label:<34} flashgen {ours[0]:7.2f} s {ours[1]:7.0f} MB | bare {bare[0]:6.2f} s"
        f" | ratio {ratio:4.2f} (goal <= {goal}) {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--skip-corpus", action="store_true", help="skip the large corpus")
    args = parser.parse_args()
    require_shared()
    with tempfile.TemporaryDirectory() as tmp:
        bare_app = Path(tmp, "bare.py")
        bare_app.write_text(BARE_TYPER, encoding="utf-8")
        report(
            "flashgen --help",
            timed([*FLASHGEN, "--help"], args.runs),
            timed([PY, str(bare_app), "--help"], args.runs),
            1.5,
        )
        deck = Path(tmp, "seed.apkg")
        seed_build = timed([*FLASHGEN, "build", str(SEED), "-o", str(deck)], args.runs)
        bare_seed = timed([PY, "-c", BARE_JIEBA, str(SEED)], args.runs)
        report("seed deck (build)", seed_build, bare_seed, 2.0)
        print(f"{'':<34} seed deck in {seed_build[0]:.2f} s (aim: under 1 s)")
        if not args.skip_corpus:
            corpus_deck = Path(tmp, "corpus.apkg")
            vocabulary_only = ["--cards", "vocab_recognition,vocab_recall"]
            ours = timed(
                [*FLASHGEN, "build", str(CORPUS), "-o", str(corpus_deck), *vocabulary_only], 1
            )
            bare = timed([PY, "-c", BARE_JIEBA, str(CORPUS)], 1)
            report("xwlb_2025 vocabulary deck (7.9 MB)", ours, bare, 3.0)
            print(f"{'':<34} peak memory {ours[1]:.0f} MB (goal < 1536 MB)")


if __name__ == "__main__":
    main()
