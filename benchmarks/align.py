"""Sentence-alignment scorecard: strict and lax F1 on MAC-Dev, MAC-Test, the Bible, the seed
and the real articles of ``eval/news``.

Run: ``python benchmarks/align.py [--sets seed,news,macdev,macdev-plain,mactest,bible]``.

The metric is Sennrich & Volk's (2010), as scored by Vecalign's and Bertalign's evaluation
(see ../shared/eval/align/SOURCES.md): links pooled over documents; precision over every
predicted link, recall over gold links with both sides non-empty; a lax hit overlaps a
gold link on both sides. The Bible gold is verse-derived, so predicted beads that fall in
the same verse are merged first, as the official Bible evaluation does.
MAC-Test is for the final figure only: never tune on it. ``secs`` is wall time of the
alignment (loading included); ``cpu s`` is this process's CPU time for the whole set, which
shows what the wall time would be on an idle machine when other jobs share the cores.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from flashgen.align.pairs import align_sentences, pair_document
from flashgen.read.sources import read_document

Link = tuple[tuple[int, ...], tuple[int, ...]]
SHARED = Path(
    os.environ.get("FLASHGEN_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
ALIGN = SHARED / "eval" / "align"


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def read_links(path: Path) -> list[Link]:
    """A Vecalign/Bertalign .align file: one ``[src ids]:[tgt ids]`` link per line."""
    links = []
    for line in read_lines(path):
        if line.strip():
            src, tgt = line.split(":")
            links.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return links


def _counts(gold: Sequence[Link], test: Sequence[Link]) -> tuple[int, int, int]:
    """(strict hits, lax hits, links) of ``test`` judged against ``gold``."""
    gold_set = {link for link in gold if link[0] or link[1]}
    test_set = {link for link in test if link[0] or link[1]}
    targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            targets[s].update(tgt)
    strict = lax = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            strict += 1
            lax += 1
        elif set(tgt) & {t for s in src for t in targets[s]}:
            lax += 1
    return strict, lax, len(test_set)


def score(golds: Sequence[Sequence[Link]], tests: Sequence[Sequence[Link]]) -> dict[str, float]:
    """Strict and lax precision, recall and F1, pooled over documents."""
    p = [0, 0, 0]
    r = [0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        p = [a + b for a, b in zip(p, _counts(gold, test), strict=True)]
        both_gold = [link for link in gold if link[0] and link[1]]
        both_test = [link for link in test if link[0] and link[1]]
        r = [a + b for a, b in zip(r, _counts(both_test, both_gold), strict=True)]
    out: dict[str, float] = {}
    for kind, k in (("strict", 0), ("lax", 1)):
        prec = p[k] / p[2] if p[2] else 0.0
        rec = r[k] / r[2] if r[2] else 0.0
        out[f"p_{kind}"], out[f"r_{kind}"] = prec, rec
        out[f"f1_{kind}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def merge_by_verse(links: Sequence[Link], src_verse: list[str], tgt_verse: list[str]) -> list[Link]:
    """Merge consecutive predicted links lying in one and the same verse (Bertalign's rule)."""

    def verse_of(link: Link) -> str | None:
        src = list(dict.fromkeys(src_verse[i] for i in link[0])) or ["NULL"]
        tgt = list(dict.fromkeys(tgt_verse[i] for i in link[1])) or ["NULL"]
        if len(src) != 1 or len(tgt) != 1:
            return None
        if src[0] == tgt[0] or tgt[0] == "NULL":
            return src[0]
        return tgt[0] if src[0] == "NULL" else None

    merged: list[list[list[int]]] = []
    last: str | None = None
    for link in links:
        verse = verse_of(link)
        if last is not None and verse == last:
            merged[-1][0].extend(link[0])
            merged[-1][1].extend(link[1])
        else:
            merged.append([list(link[0]), list(link[1])])
        last = verse
    return [(tuple(s), tuple(t)) for s, t in merged]


def _mac(
    zh_files: list[Path], en_of: Callable[[Path], Path], gold_of: Callable[[Path], Path]
) -> tuple[dict[str, float], int, float]:
    golds, tests = [], []
    sentences = 0
    start = time.perf_counter()
    for zh_file in zh_files:
        zh, en = read_lines(zh_file), read_lines(en_of(zh_file))
        sentences += len(zh) + len(en)
        tests.append(align_sentences(zh, en))
        golds.append(read_links(gold_of(zh_file)))
    return score(golds, tests), sentences, time.perf_counter() - start


def macdev() -> tuple[dict[str, float], int, float]:
    base = ALIGN / "bertalign_mac_dev"
    return _mac(
        sorted((base / "zh").iterdir()),
        lambda p: base / "en" / p.name,
        lambda p: base / "gold" / f"{p.name}.align",
    )


def _mac_plain(split: str) -> tuple[dict[str, float], int, float]:
    base = ALIGN / "mac" / split / "plain"
    return _mac(
        sorted(base.glob("*.zh")), lambda p: p.with_suffix(".en"), lambda p: p.with_suffix(".align")
    )


def bible() -> tuple[dict[str, float], int, float]:
    base = ALIGN / "bertalign_bible"
    en, zh = read_lines(base / "en" / "001"), read_lines(base / "zh" / "001")
    start = time.perf_counter()
    beads = align_sentences(zh, en)
    elapsed = time.perf_counter() - start
    en_first = [(e, z) for z, e in beads]  # the Bible gold runs English -> Chinese
    merged = merge_by_verse(en_first, read_lines(base / "en.verse"), read_lines(base / "zh.verse"))
    return score([read_links(base / "gold" / "001.align")], [merged]), len(en) + len(zh), elapsed


def _bead_rows(path: Path) -> list[tuple[str, str, str]]:
    """Gold beads of a ``para``/``zh``/``en`` TSV (the seed's and ``eval/news``'s format)."""
    return [tuple(row.split("\t")) for row in read_lines(path)[1:]]  # type: ignore[misc]


def _text_beads(
    texts: Sequence[tuple[str, Path, Path]],
) -> tuple[dict[str, float], int, float]:
    """Strict precision, recall and F1 of each text's pairs against its gold beads, pooled
    (compared as text: paragraph, Chinese, English, whitespace runs collapsed); the gold
    beads a text misses go to standard error."""
    hits = predicted = wanted = sentences = 0
    seconds = 0.0
    for name, text, gold_file in texts:
        gold = {(para, _collapse(zh), _collapse(en)) for para, zh, en in _bead_rows(gold_file)}
        start = time.perf_counter()
        pairs = pair_document(read_document(text))
        seconds += time.perf_counter() - start
        test = {(str(p.paragraph), _collapse(p.zh), _collapse(p.en)) for p in pairs if p.en}
        hits += len(gold & test)
        predicted += len(test)
        wanted += len(gold)
        sentences += sum(len(p.zh_sentences) + len(p.en_sentences) for p in pairs)
        for row in sorted(gold - test):
            print(f"  {name}: missed gold bead in para {row[0]}: {row[1][:30]}...", file=sys.stderr)
    prec = hits / predicted if predicted else 0.0
    rec = hits / wanted if wanted else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p_strict": prec, "r_strict": rec, "f1_strict": f1}, sentences, seconds


def _collapse(text: str) -> str:
    return " ".join(text.split())


def seed() -> tuple[dict[str, float], int, float]:
    """Strict F1 of the seed's pairs against the gold beads."""
    seed_text = SHARED / "seeds" / "000_570f27c5564e35e0.txt"
    return _text_beads([("seed", seed_text, SHARED / "gold" / "seed-alignment.tsv")])


def news() -> tuple[dict[str, float], int, float]:
    """Strict F1 of the pairs of ``eval/news``'s real articles against their gold beads."""
    folder = SHARED / "eval" / "news"
    return _text_beads(
        [(t.stem, t, folder / f"{t.stem}.alignment.tsv") for t in sorted(folder.glob("*.txt"))]
    )


SETS: dict[str, Callable[[], tuple[dict[str, float], int, float]]] = {
    "seed": seed,
    "news": news,
    "macdev": macdev,
    "macdev-plain": lambda: _mac_plain("dev"),
    "bible": bible,
    "mactest": lambda: _mac_plain("test"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS)
    )
    args = parser.parse_args()
    if not ALIGN.is_dir():
        sys.exit(f"needs the shared evaluation data at {SHARED} (set FLASHGEN_SHARED)")
    print(
        f"{'set':<13} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} {'F1 lax':>7} "
        f"{'sents':>6} {'secs':>6} {'cpu s':>6} {'sents/s':>8}"
    )
    for name in args.sets.split(","):
        cpu = time.process_time()
        result, sentences, seconds = SETS[name]()
        cpu = time.process_time() - cpu
        figures = [result[k] for k in ("p_strict", "r_strict", "f1_strict")]
        lax = result.get("f1_lax", float("nan"))
        print(
            f"{name:<13} {figures[0]:8.3f} {figures[1]:8.3f} {figures[2]:9.3f} {lax:7.3f} "
            f"{sentences:6d} {seconds:6.2f} {cpu:6.2f} {sentences / seconds:8.0f}"
        )


if __name__ == "__main__":
    main()
