"""The candidate set alone, before any scoring (issue #14): can a gold term be found at all?

Run: ``python benchmarks/candidates.py [--set NAME]... [--show] [--corpus]``. For each set of
``benchmarks/news.py`` (the real articles of ``../shared/eval/news``, our devset and
held-out set, the seed) and each generator

- ``collect``: today's token runs (:func:`flashgen.terms.candidates.collect`);
- ``spans``: the character spans alone (:func:`flashgen.terms.spans.spans`);
- ``both``: collect's candidates with the spans added (:func:`add_spans`, how find_terms
  would use them),

it prints the share of the gold ``compound`` and ``word`` tiers that are candidates at all
(oracle recall: the best any ranking could do), candidates per 1,000 Chinese characters,
and the CPU time of generating them (reading and aligning the texts not counted). Only
candidates of two or more characters count, as only those are scored.

Then it sorts the gold terms ``collect`` cannot propose by why (the first occurrence's
reason), with how many of them the spans reach:

- ``function word inside`` / ``function word at an edge``: a unit of the counting (a token
  of ``segment.words``, split by ``parts_of``) that is a function word, inside the term or
  at its edge (信息/不/对称);
- ``re-split``: the term's edges are jieba's own boundaries, but ``segment``'s repair or
  ``parts_of`` cut a jieba word of it (全/密封 of jieba's 全密封), on a function character
  or not;
- ``too long``: more than MAX_TOKENS content units or MAX_CHARS characters;
- ``cuts a jieba word``: an edge falls inside a word of plain jieba's cut (财务官 of
  首席/财务/官王);
- ``Latin or digits``: the term holds non-Han text (5G网络);
- ``edge word refused``: the first or last unit may not start or end a run by
  ``token_class``;
- ``other``: none of these (a count floor, say).

``--show`` prints the unreachable terms of each class (the articles' words are printed,
never written into the repository). ``--corpus`` also times both generators on
``../shared/eval/corpus/xwlb_2025.txt`` (spans read every pair there, English or not).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import SHARED, read_gold, require_shared
from news import CLAUSE_END, occurrences, scorecard_sets

from flashgen.records import SentencePair
from flashgen.terms.candidates import MAX_CHARS, MAX_TOKENS, Candidate, collect
from flashgen.terms.spans import add_spans, spans

TIERS = ("compound", "word")
REASONS = (
    "function word inside",
    "function word at an edge",
    "re-split",
    "too long",
    "cuts a jieba word",
    "Latin or digits",
    "edge word refused",
    "other",
)
Generator = Callable[[Sequence[SentencePair]], dict[str, Candidate]]


def _collect(pairs: Sequence[SentencePair]) -> dict[str, Candidate]:
    return collect(pairs, lambda done, total: None)


def _both(pairs: Sequence[SentencePair]) -> dict[str, Candidate]:
    cands = _collect(pairs)
    add_spans(pairs, cands)
    return cands


GENERATORS: dict[str, Generator] = {"collect": _collect, "spans": spans, "both": _both}


def text_pairs(path: Path) -> list[SentencePair]:
    """The aligned pairs of one text, read as ``flashgen terms PATH`` reads it."""
    from flashgen.pipeline import read_corpus
    from flashgen.study.recipe import recipe_from_options

    return list(read_corpus(recipe_from_options([path], names=False).sources).pairs)


def han_chars(pairs: Sequence[SentencePair]) -> int:
    return sum("\u3400" <= ch <= "\u9fff" for pair in pairs for ch in pair.zh)


def _bounds(words: Sequence[str]) -> set[int]:
    out, at = {0}, 0
    for word in words:
        at += len(word)
        out.add(at)
    return out


def _units(clause: str) -> list[tuple[int, str]]:
    """(start, text) of the units collect counts in a clause: segment's tokens, the longer
    ones split by ``parts_of`` (as ``candidates._TokenIds`` splits them)."""
    from flashgen.lexicon import segment
    from flashgen.terms.words import parts_of

    out, at = [], 0
    for token in segment.words(clause):
        for part in parts_of(token) if len(token) > 2 else (token,):
            out.append((at, part))
            at += len(part)
    return out


def why_unreachable(term: str, clause: str, start: int) -> str:
    """Why collect cannot propose the occurrence of ``term`` at ``start`` of ``clause``."""
    from flashgen.lexicon import segment
    from flashgen.lexicon.script import is_han
    from flashgen.terms.words import token_class

    end = start + len(term)
    if not is_han(term):
        return "Latin or digits"
    units = _units(clause)
    unit_bounds = {at for at, _ in units} | {len(clause)}
    jieba = segment.tokenizer().lcut(clause)  # plain jieba, as news.py's broken words
    jieba_bounds = _bounds(jieba)
    if start not in unit_bounds or end not in unit_bounds:
        both = start in jieba_bounds and end in jieba_bounds
        return "re-split" if both else "cuts a jieba word"
    inside = [(at, u) for at, u in units if start <= at < end]
    spans_of_jieba = [(at, at + len(w)) for at, w in zip(sorted(jieba_bounds), jieba, strict=False)]
    for k, (at, u) in enumerate(inside):
        if not token_class(u)[0]:
            continue
        whole = any(s <= at and at + len(u) <= e and e - s > len(u) and start <= s and e <= end
                    for s, e in spans_of_jieba)
        if whole:
            return "re-split"
        return "function word at an edge" if k in (0, len(inside) - 1) else "function word inside"
    if len(inside) > MAX_TOKENS or len(term) > MAX_CHARS:
        return "too long"
    first, last = inside[0][1], inside[-1][1]
    if len(inside) > 1 and not (
        token_class(first)[1]
        and token_class(last)[2]
        and all(token_class(u)[3] for _, u in inside[1:-1])
    ):
        return "edge word refused"
    return "other"


def first_reason(term: str, pairs: Sequence[SentencePair]) -> str:
    for pair in pairs:
        for clause in CLAUSE_END.split(pair.zh):
            for start in occurrences(term, clause):
                return why_unreachable(term, clause, start)
    return "other"  # the gold term crosses punctuation: no generator proposes it


def main(argv: Sequence[str] | None = None) -> None:
    sets = scorecard_sets()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=list(sets), dest="sets",
                        help="score only this set (repeatable; default: all four)")
    parser.add_argument("--show", action="store_true", help="list the unreachable terms")
    parser.add_argument("--corpus", action="store_true", help="time both on xwlb_2025.txt")
    args = parser.parse_args(argv)
    require_shared()
    _collect(text_pairs(sets["seed"][0].path))  # load jieba, CC-CEDICT, tags before timing
    print(f"{'set':<8} {'generator':<8} {'comp':>6} {'word':>6} {'per 1k':>7} {'time s':>7}")
    for name in args.sets or list(sets):
        found: dict[str, Counter[str]] = {g: Counter() for g in GENERATORS}
        cost = Counter[str]()
        size = Counter[str]()
        gold_total: Counter[str] = Counter()
        reasons: dict[str, list[tuple[str, bool]]] = {r: [] for r in REASONS}
        chars = 0
        for text in sets[name]:
            pairs = text_pairs(text.path)
            chars += han_chars(pairs)
            gold = [g for g in read_gold(text.gold) if g.tier in TIERS]
            gold_total.update(g.tier for g in gold)
            made = {}
            for generator, make in GENERATORS.items():
                began = time.process_time()
                cands = {t for t in make(pairs) if len(t) >= 2}
                cost[generator] += time.process_time() - began
                size[generator] += len(cands)
                found[generator].update(g.tier for g in gold if g.term in cands)
                made[generator] = cands
            for g in gold:
                if g.term not in made["collect"]:
                    reason = first_reason(g.term, pairs)
                    reasons[reason].append((g.term, g.term in made["both"]))
        for generator in GENERATORS:
            comp, word = (found[generator][t] / max(1, gold_total[t]) for t in TIERS)
            per_k = 1000 * size[generator] / max(1, chars)
            print(f"{name:<8} {generator:<8} {comp:>6.3f} {word:>6.3f} {per_k:>7.1f}"
                  f" {cost[generator]:>7.2f}")
        missed = sum(map(len, reasons.values()))
        print(f"  collect misses {missed} of {sum(gold_total.values())} gold terms; "
              "by why (reached with spans):")
        for reason, terms in reasons.items():
            if terms:
                reached = sum(hit for _, hit in terms)
                listed = " ".join(f"{t}{'+' if hit else ''}" for t, hit in terms)
                print(f"    {reason:<26} {len(terms):>3} ({reached})"
                      + (f"  {listed}" if args.show else ""))
    if args.corpus:
        corpus_speed()


def corpus_speed() -> None:
    """CPU time of collect and of spans (every pair) on xwlb_2025.txt, and of jieba.lcut."""
    from flashgen.lexicon.segment import tokenizer

    path = SHARED / "eval" / "corpus" / "xwlb_2025.txt"
    lines = [line.split("\t", 1)[-1] for line in path.read_text("utf-8").splitlines()
             if line.strip()]
    pairs = [SentencePair((line,), (), i, "xwlb") for i, line in enumerate(lines)]
    tok = tokenizer()
    began = time.process_time()
    for line in lines:
        tok.lcut(line)
    plain = time.process_time() - began
    began = time.process_time()
    cands = _collect(pairs)
    counted = time.process_time() - began
    began = time.process_time()
    default = spans(pairs)
    alone = time.process_time() - began
    began = time.process_time()
    every = spans(pairs, english_only=False)
    forced = time.process_time() - began
    print(f"xwlb_2025.txt ({sum(map(len, lines)):,} chars): jieba.lcut {plain:.2f} s, "
          f"collect {counted:.2f} s ({len(cands):,}), spans {alone:.2f} s ({len(default):,}; "
          f"English only), spans of every pair {forced:.2f} s ({len(every):,})")


if __name__ == "__main__":
    main(sys.argv[1:])
