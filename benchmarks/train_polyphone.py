"""Train the polyphone disambiguator shipped as ``flashgen/data/polyphone.json.gz``.

Reads ONLY the CPP dev split (``../shared/eval/polyphone/cpp/dev.*``); the test split is
kept for the final figure in ``benchmarks/pinyin.py``. The model is an averaged perceptron
over the features that :class:`flashgen.pinyin.reading.Disambiguator` defines, so training and use
share one feature function.

    python benchmarks/train_polyphone.py            # train on all of dev, write the model
    python benchmarks/train_polyphone.py --folds 5  # cross-validate on dev, write nothing
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from flashgen.pinyin.reading import MODEL_FILE, Active, Analysis, Disambiguator, resolve

REPO = Path(__file__).resolve().parents[1]
MODEL_PATH = REPO / "flashgen" / "data" / MODEL_FILE
MARK = "\u2581"  # CPP wraps the target character in U+2581 on both sides
EPOCHS = 3  # 5-fold CV on dev: 3 epochs 96.19%, 5: 96.14%, 8 and 15: 96.09%
MIN_WEIGHT = 0.05  # averaged weights below this barely move a score; dropping them
# halves the file with no change in the 5-fold dev accuracy


def shared_dir() -> Path:
    """../shared beside the repository (or $FLASHGEN_SHARED); exits when absent."""
    shared = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
    if not (shared / "eval" / "polyphone" / "cpp").is_dir():
        sys.exit(f"needs the CPP polyphone data under {shared}/eval/polyphone/cpp (absent)")
    return shared


Example = tuple[str, int, str]  # sentence, index of the marked character, gold reading


def load_cpp(split: str) -> list[Example]:
    """The CPP ``split`` ("dev" or "test") as (sentence, index, gold numbered reading)."""
    folder = shared_dir() / "eval" / "polyphone" / "cpp"
    sentences = (folder / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    examples = []
    for sentence, label in zip(sentences, labels, strict=True):
        index = sentence.index(MARK)
        examples.append((sentence.replace(MARK, ""), index, label.replace("u:", "v")))
    return examples


def train(examples: Sequence[tuple[Analysis, int, str]], seed: int = 0) -> Disambiguator:
    """Averaged perceptron: on each mistake, add the gold reading's weights, subtract the
    predicted one's; the shipped weights are the average over all steps."""
    labels: dict[str, list[str]] = {}
    for analysis, i, gold in examples:
        readings = labels.setdefault(analysis.text[i], [])
        if gold not in readings:
            readings.append(gold)
    model = Disambiguator({}, {}, labels)
    # totals: sum of step * update per weight, for averaging without storing every step
    totals: dict[tuple[str, str], float] = {}
    active = [Disambiguator.active(analysis, i) for analysis, i, _ in examples]
    order = list(range(len(examples)))
    rng = random.Random(seed)
    step = 1

    def update(fired: Active, option: str, delta: float) -> None:
        keys, votes = fired
        for key in keys:
            row = model.context.setdefault(key, {})
            row[option] = row.get(option, 0.0) + delta
            totals[key, option] = totals.get((key, option), 0.0) + step * delta
        for key, reading in votes:
            if reading == option:
                model.trust[key] = model.trust.get(key, 0.0) + delta
                totals[key, ""] = totals.get((key, ""), 0.0) + step * delta

    for _ in range(EPOCHS):
        rng.shuffle(order)
        for n in order:
            analysis, i, gold = examples[n]
            scores = model.scores(analysis.text[i], active[n])
            guess = max(scores, key=scores.__getitem__)
            if guess != gold:
                update(active[n], gold, 1.0)
                update(active[n], guess, -1.0)
            step += 1

    def average(value: float, key: str, option: str) -> float:
        return round(value - totals[key, option] / step, 3)

    context = {}
    for key, row in model.context.items():
        kept = {o: a for o, w in row.items() if abs(a := average(w, key, o)) >= MIN_WEIGHT}
        if kept:
            context[key] = kept
    trust = {k: a for k, w in model.trust.items() if abs(a := average(w, k, "")) >= MIN_WEIGHT}
    return Disambiguator(context, trust, labels)


def analyse(examples: Sequence[Example]) -> list[tuple[Analysis, int, str]]:
    return [(Analysis(text), i, gold) for text, i, gold in examples]


def accuracy(model: Disambiguator, data: Sequence[tuple[Analysis, int, str]]) -> float:
    """Accuracy of the full reading pipeline (dictionary, rules, model) on the marked chars."""
    right = sum(resolve(analysis, model)[i] == gold for analysis, i, gold in data)
    return right / len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0, help="cross-validate, write nothing")
    args = parser.parse_args()
    data = analyse(load_cpp("dev"))
    if args.folds:
        scores = []
        for fold in range(args.folds):
            held = data[fold :: args.folds]
            rest = [x for n, x in enumerate(data) if n % args.folds != fold]
            scores.append(accuracy(train(rest), held))
            print(f"fold {fold}: {scores[-1]:.2%}")
        print(f"{args.folds}-fold dev accuracy: {sum(scores) / len(scores):.2%}")
        return
    model = train(data)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with open(MODEL_PATH, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(payload.encode("utf-8"))  # mtime=0: the same dev data gives the same bytes
    size = MODEL_PATH.stat().st_size / 1e6
    print(f"wrote {MODEL_PATH} ({size:.2f} MB, {len(model.context)} context rows, "
          f"{len(model.trust)} trust weights, {len(model.labels)} characters)")


if __name__ == "__main__":
    main()
