"""Speed scorecard: start-up, the seed deck and a 2.8 M-character corpus, against bare baselines.

Run: ``python benchmarks/speed.py`` (add ``--skip-corpus`` for a quick run). Every figure is
the median of fresh processes, so import and dictionary-loading costs are included, as a
user would see them; each figure's baseline runs in turn with it, in the same minutes, and
the goals (issue #17) are on CPU seconds (user + system), which a busy machine disturbs
less than wall time. Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
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
    for name in ("build", "terms", "pairs", "pinyin", "lookup", "serve", "known"):
        app.command(name)(lambda source: None)
    app()
    """
)

BARE_JIEBA = "import jieba, sys; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


@dataclass(frozen=True)
class Run:
    """Medians over fresh processes: wall and CPU (user + system) seconds; largest peak RSS."""

    wall: float
    cpu: float
    mb: float


def _once(cmd: list[str], env: dict[str, str] | None) -> tuple[float, float, float]:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", *cmd],
        capture_output=True, text=True, check=False, env=env,
    )
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    wall, user, system, kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(kb) / 1024


def paired(
    ours: list[str], bare: list[str], runs: int, fresh_cache: bool = False
) -> tuple[Run, Run]:
    """``ours`` and ``bare`` run in turn, ``runs`` times each, so that both see the same
    machine (it is shared and noisy); ``fresh_cache`` gives each of our runs an empty
    FLASHGEN_CACHE, as the first build after installing has."""
    got: dict[str, list[tuple[float, float, float]]] = {"ours": [], "bare": []}
    for _ in range(runs):
        env = None
        with tempfile.TemporaryDirectory() as cache:
            if fresh_cache:
                env = {**os.environ, "FLASHGEN_CACHE": cache}
            got["ours"].append(_once(ours, env))
        got["bare"].append(_once(bare, None))

    def run(samples: list[tuple[float, float, float]]) -> Run:
        return Run(
            statistics.median(s[0] for s in samples),
            statistics.median(s[1] for s in samples),
            max(s[2] for s in samples),
        )

    return run(got["ours"]), run(got["bare"])


def report(label: str, runs: tuple[Run, Run], goal: float, mb_goal: float | None = None) -> None:
    """One line: our CPU and wall seconds and peak memory, the baseline's, the CPU ratio
    against its goal (and the memory goal, if any)."""
    ours, bare = runs
    ratio = ours.cpu / bare.cpu
    verdict = "ok" if ratio <= goal and (mb_goal is None or ours.mb <= mb_goal) else "OVER"
    memory = f" (goal <= {mb_goal:.0f} MB)" if mb_goal else ""
    print(
        f"{label:<30} flashgen {ours.cpu:6.2f} s CPU {ours.wall:6.2f} s wall {ours.mb:5.0f} MB"
        f"{memory} | bare {bare.cpu:6.2f} s CPU {bare.wall:6.2f} s wall {bare.mb:5.0f} MB"
        f" | CPU ratio {ratio:4.2f} (goal <= {goal}) {verdict}"
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
        typer_help = [PY, str(bare_app), "--help"]
        report("flashgen --help", paired([*FLASHGEN, "--help"], typer_help, args.runs), 1.5)
        report("flashgen lookup 银行", paired([*FLASHGEN, "lookup", "银行"], typer_help, args.runs),
               1.5)
        deck = str(Path(tmp, "seed.apkg"))
        seed = [*FLASHGEN, "build", str(SEED), "-o", deck]
        bare_seed = [PY, "-c", BARE_JIEBA, str(SEED)]
        _once(seed, None)  # warm the caches
        report("seed deck, warm caches", paired(seed, bare_seed, args.runs), 0.6, 150)
        report("seed deck, first build", paired(seed, bare_seed, args.runs, fresh_cache=True),
               2.0)
        if not args.skip_corpus:
            bare = [PY, "-c", BARE_JIEBA, str(CORPUS)]
            terms = [*FLASHGEN, "terms", str(CORPUS), "--format", "tsv"]
            report("xwlb_2025 terms (7.9 MB)", paired(terms, bare, 1), 0.5)
            corpus_deck = str(Path(tmp, "corpus.apkg"))
            vocabulary = [*FLASHGEN, "build", str(CORPUS), "-o", corpus_deck,
                          "--cards", "vocab_recognition,vocab_recall"]
            report("xwlb_2025 vocabulary deck", paired(vocabulary, bare, 1), 3.0, 1536)


if __name__ == "__main__":
    main()
