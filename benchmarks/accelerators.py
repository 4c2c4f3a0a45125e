"""Can a faster segmenter stand in for jieba? Same output, and our own words kept whole.

Run: ``python benchmarks/accelerators.py`` in an environment where the candidates are
installed (``pip install rjieba jieba-fast``; neither is a flashgen dependency). For each
one it prints the speed against jieba on the first 300,000 characters of the news corpus, how
many tokens differ (and how many of those differences touch Chinese characters), and
whether a word added at run time (``add_word``, how a user dictionary is loaded) is kept.
"""

from __future__ import annotations

import difflib
import importlib
import logging
import re
import time
from collections.abc import Callable

import jieba
from _shared import SHARED, require_shared

HAN = re.compile(r"[\u4e00-\u9fff]")
#: A made-up compound that no dictionary has, to check that add_word takes effect.
NEW_WORD = "储能调峰枢纽"
PROBE = f"新建的{NEW_WORD}今年投入运行。"


def timed(cut: Callable[[str], list[str]], text: str) -> tuple[list[str], float]:
    start = time.perf_counter()
    tokens = cut(text)
    return tokens, time.perf_counter() - start


def compare(name: str, reference: list[str], tokens: list[str]) -> tuple[int, int]:
    """(differing token runs, runs that touch Han characters)."""
    matcher = difflib.SequenceMatcher(None, reference, tokens, autojunk=False)
    runs = han = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            runs += 1
            han += bool(HAN.search("".join(reference[i1:i2]) + "".join(tokens[j1:j2])))
    return runs, han


def main() -> None:
    require_shared()
    text = (SHARED / "eval" / "corpus" / "xwlb_2025.txt").read_text(encoding="utf-8")[:300_000]
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    reference, base = timed(jieba.lcut, text)
    print(f"jieba        {len(text) / base / 1e3:8.0f} k chars/s")
    for name in ("rjieba", "jieba_fast"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            print(f"{name:<12} not installed (pip install {name.replace('_', '-')})")
            continue
        cut = getattr(module, "lcut", None) or module.cut
        tokens, seconds = timed(cut, text)
        runs, han = compare(name, reference, tokens)
        module.add_word(NEW_WORD, 10, "n")  # rjieba needs all three arguments
        kept = NEW_WORD in cut(PROBE)
        print(
            f"{name:<12} {len(text) / seconds / 1e3:8.0f} k chars/s ({base / seconds:4.1f}x)"
            f" | differing runs {runs}, touching Chinese {han} | add_word kept: {kept}"
        )


if __name__ == "__main__":
    main()
