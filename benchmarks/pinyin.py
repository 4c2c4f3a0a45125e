"""Pinyin scorecard: polyphone accuracy on CPP (dev and test) and characters per second.

Accuracy is measured on the marked character of each CPP sentence, reading the whole
sentence (as flashgen does). Baseline: plain pypinyin on the whole sentence. The shipped
disambiguator was trained on dev, so dev is an in-sample figure; test is the real one
(``train_polyphone.py --folds 5`` gives the honest dev figure).

    python benchmarks/pinyin.py
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from pypinyin import Style, lazy_pinyin
from train_polyphone import Example, load_cpp

from flashgen.pinyin import model, sentence

Reader = Callable[[str], Sequence[str | None]]


def pypinyin_sentence(text: str) -> list[str]:
    """The baseline: pypinyin on the whole sentence, numbered, neutral tone 5 (one item
    per character: non-Han characters are kept as themselves)."""
    return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=list)


def model_first(text: str) -> list[str | None]:
    """flashgen without the CC-CEDICT rule (the model decides even inside dictionary
    words): shows what that rule costs on CPP, whose labels sometimes differ from
    CC-CEDICT (e.g. citation tone where the dictionary has a neutral tone)."""
    analysis = model.Analysis(text)
    analysis.dict_reading = [None] * len(text)
    return sentence.resolve(analysis, model.disambiguator())


def score(read: Reader, examples: Sequence[Example]) -> tuple[float, float]:
    """(accuracy on the marked characters, characters per second) of ``read``."""
    right = chars = 0
    started = time.perf_counter()
    for text, index, gold in examples:
        right += read(text)[index] == gold
        chars += len(text)
    return right / len(examples), chars / (time.perf_counter() - started)


def main() -> None:
    splits = {split: load_cpp(split) for split in ("dev", "test")}
    started = time.perf_counter()
    sentence.syllables("模型和词典在第一次使用时加载。")  # the data load, timed apart
    print(f"first call (jieba, CC-CEDICT, model load): {time.perf_counter() - started:.2f} s")
    readers: dict[str, Reader] = {
        "flashgen syllables()": sentence.syllables,
        "flashgen, model over CC-CEDICT": model_first,
        "pypinyin (whole sentence)": pypinyin_sentence,
    }
    print(f"{'CPP accuracy':34} {'test':>8} {'dev*':>8} {'chars/s':>10}")
    for name, read in readers.items():
        test, speed = score(read, splits["test"])  # first, so flashgen's caches start cold
        dev, _ = score(read, splits["dev"])
        print(f"{name:34} {test:8.2%} {dev:8.2%} {speed:10,.0f}")
    print("* dev is in-sample for flashgen (the disambiguator is trained on it; its 5-fold")
    print("  cross-validated figure: python benchmarks/train_polyphone.py --folds 5)")
    print("chars/s: on the test split, flashgen's first row with cold caches")
    print("published test figures: pypinyin 0.36 86.13%, g2pM 97.31%, g2pW 99.08%")


if __name__ == "__main__":
    main()
