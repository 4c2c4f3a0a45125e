"""Term-discovery scorecard: seed recall and junk, cross-domain keywords, corpus speed.

Run: ``python benchmarks/terms.py [--csl N] [--no-speed] [--ablate [NAME[,NAME]]]``. Prints

- seed: recall of the gold ``compound`` and ``word`` tiers within the top 100 of
  ``find_terms``, and the share of the top 60 in neither the gold nor the acceptable list
  (those items are printed so a human can judge them);
- csl_kg (dev split): for each abstract read as a Chinese-only document, the share of the
  author keywords that occur in the abstract and are among its top 20 terms;
- speed: ``find_terms`` on all of xwlb_2025.txt against plain ``jieba.lcut`` of the same
  lines (both with jieba already initialised);
- with ``--ablate``: the same quality figures with each ranking rule
  (``flashgen.terms.rules.RULES``) switched off in turn; with ``--ablate NAME[,NAME]`` with
  those rules (or groups: ``nominal``, ``boundary``, ``nested``) switched off together.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from flashgen.records import SentencePair
from flashgen.terms.find import find_terms
from flashgen.terms.rules import GROUPS, RULES, switched_off

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_570f27c5564e35e0.txt"
CSL_TOP = 20  # authors give 3-6 keywords; 20 terms is what a short deck would take


def _han_share(text: str) -> float:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) / max(1, len(text))


def _zh_sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？!?]+[。！？!?]?[”」]?", text) if s.strip()]


def crude_pairs(path: Path) -> list[SentencePair]:
    """Blank-line blocks, each Chinese block paired with the English block before it."""
    text = path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    pairs = []
    for i, block in enumerate(blocks):
        if _han_share(block) > 0.3:
            en = blocks[i - 1] if i and _han_share(blocks[i - 1]) < 0.05 else ""
            pairs.append(SentencePair(tuple(_zh_sentences(block)), (en,), i, path.stem))
    return pairs


def seed_pairs() -> list[SentencePair]:
    """The seed's pairs from the real reader and aligner, or the crude splitter until then."""
    try:
        from flashgen.align.pairs import pair_document
        from flashgen.read.sources import read_document

        return [p for p in pair_document(read_document(SEED)) if not p.byline]
    except (ImportError, AttributeError, NotImplementedError) as exc:
        print(f"(reader/aligner not available: {exc}; using the crude splitter)")
        return crude_pairs(SEED)


def seed_scores(off: frozenset[str], show: bool) -> tuple[float, float, float]:
    gold: dict[str, str] = {}
    for line in (SHARED / "gold" / "seed-terms.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        term, tier, *_ = line.split("\t")
        gold[term] = tier
    acceptable = set((SHARED / "gold" / "seed-terms-acceptable.txt").read_text("utf-8").split())
    terms = find_terms(seed_pairs(), off=off)
    rank = {t.text: i for i, t in enumerate(terms)}
    top = {t.text for t in terms[:100]}
    recalls = []
    for tier in ("compound", "word"):
        wanted = [t for t, k in gold.items() if k == tier]
        recalls.append(sum(t in top for t in wanted) / len(wanted))
        if show:
            missed = ", ".join(f"{t}@{rank.get(t, '-')}" for t in wanted if t not in top)
            print(f"  {tier} recall@100 {recalls[-1]:.3f}   missed: {missed or 'none'}")
    junk = [t for t in terms[:60] if t.text not in gold and t.text not in acceptable]
    if show:
        print(f"  junk in top 60: {len(junk) / 60:.3f}  ({len(junk)} items)")
        print("    " + "  ".join(f"{t.text}({t.kind})" for t in junk))
    return recalls[0], recalls[1], len(junk) / 60


def csl_recall(off: frozenset[str], limit: int) -> float:
    """Share of present author keywords among the top CSL_TOP terms of their abstract."""
    found = total = 0
    lines = (SHARED / "eval" / "terms" / "csl_kg" / "dev.tsv").read_text("utf-8").splitlines()
    for line in lines[:limit]:
        _, text, keys = line.split("\t")
        present = {k for k in keys.split("_") if k and k in text}
        if not present:
            continue
        pairs = [SentencePair((s,), (), 0, "csl") for s in _zh_sentences(text)]
        top = {t.text for t in find_terms(pairs, off=off)[:CSL_TOP]}
        found += len(present & top)
        total += len(present)
    return found / max(1, total)


def speed() -> None:
    from flashgen.lexicon.segment import tokenizer

    lines = [
        line.split("\t", 1)[-1]
        for line in (SHARED / "eval" / "corpus" / "xwlb_2025.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    pairs = [SentencePair((line,), (), i, "xwlb") for i, line in enumerate(lines)]
    tok = tokenizer()
    find_terms(pairs[:50])  # load jieba, CC-CEDICT and the tag table before timing
    # CPU time of this process, best of two: the machine is shared, wall time is noisy.
    plain = found = float("inf")
    for _ in range(2):
        start = time.process_time()
        for line in lines:
            tok.lcut(line)
        plain = min(plain, time.process_time() - start)
        start = time.process_time()
        terms = find_terms(pairs)
        found = min(found, time.process_time() - start)
    print(f"speed on xwlb_2025.txt ({sum(map(len, lines)):,} chars, {len(lines):,} lines):")
    print(f"  jieba.lcut {plain:.1f} s   find_terms {found:.1f} s   ratio {found / plain:.2f}")
    print("  top 30: " + " ".join(f"{t.text}({t.kind[0]})" for t in terms[:30]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csl", type=int, default=1000, help="abstracts of csl_kg dev to use")
    parser.add_argument("--no-speed", action="store_true", help="skip the corpus timing")
    parser.add_argument(
        "--ablate",
        nargs="?",
        const="",
        metavar="NAME[,NAME]",
        help="switch each rule off in turn, or the named rules (or groups) together",
    )
    args = parser.parse_args(argv)
    if not SEED.is_file():
        sys.exit(f"needs the shared evaluation data at {SHARED} (set FLASHGEN_SHARED)")
    if args.ablate:
        try:
            trials = [switched_off(args.ablate.split(","))]
        except ValueError as exc:
            sys.exit(f"{exc}; groups: {', '.join(GROUPS)}")
        names = [args.ablate]
    else:
        names = list(RULES)
        trials = [frozenset({name}) for name in names]
    none: frozenset[str] = frozenset()
    print("seed (top 100 recall, top 60 junk):")
    seed_scores(none, show=True)
    print(f"csl_kg dev, first {args.csl} abstracts, keyword recall@{CSL_TOP}: "
          f"{csl_recall(none, args.csl):.3f}")
    if args.ablate is not None:
        print("ablation (rules off: compound recall, word recall, junk@60, csl recall):")
        for name, off in zip(names, trials, strict=True):
            compound, word, junk = seed_scores(off, show=False)
            csl = csl_recall(off, args.csl)
            print(f"  {name:<14} {compound:.3f} {word:.3f} {junk:.3f} {csl:.3f}")
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
