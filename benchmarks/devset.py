"""Term quality on our own development set: five bilingual articles from domains we did not tune to.

Run: ``python benchmarks/devset.py [--show]``. For each ``benchmarks/devset/NAME.txt`` it runs
``flashgen terms NAME.txt --format tsv`` in a fresh process (as a user would) and scores the
output against ``NAME.tsv`` (columns ``term tier gloss_any pinyin``; see devset/README.md):

- recall@100: share of gold terms among the first 100 terms listed (``--top 100``);
- junk@60: share of the first 60 terms that are neither a gold term, nor a piece of one (a
  substring of at least two characters), nor a CC-CEDICT headword, nor on the text's short
  hand-written list of fair non-gold collocations (``NAME.ok.txt``, e.g. 国债收益率). This is a
  proxy for "not a plausible learner word": it catches fragments and phrases glued across word
  boundaries (对小微企业, 中国人民银行周五) and misses common dictionary words a deck should not
  lead with (本月, 保持), which are counted apart as "generic" (CC-CEDICT words of HSK 1-5);
- gloss match: of the gold terms listed anywhere (``--top 5000``), the share whose gloss shares
  a content word with one of the gold alternatives, words compared by a crude stem (below);
- pinyin: of the same listed gold terms, the share whose pinyin equals the gold reading
  exactly (syllable spacing and case ignored);
- context pinyin: of all gold terms, listed or not, the share whose reading in its first
  sentence (``flashgen.pinyin.reading.term_reading``, in process) equals the gold reading:
  the polyphones (调 tiáo/diào, 重 zhòng/chóng, 率 lǜ/shuài...) a sentence card shows even
  when the term is missed.

``--show`` prints, per text, each missed gold term with why (ranked low, or not listed and how
jieba cut it), the junk and generic items of the top 60, and the gloss and pinyin mismatches.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from _shared import Gold, flashgen_tsv, read_gold, read_list

DEVSET = Path(__file__).resolve().parent / "devset"
RECALL_AT = 100  # the seed scorecard's cut-off, so the two are comparable
JUNK_AT = 60  # likewise: about the deck size a learner takes from a 1-page article
LISTED_ALL = 5000  # far above any article's term count: "listed at all"
GENERIC_HSK = 5  # HSK 3.0 levels 1-5 are general vocabulary, not the domain terms we look for
STEM_LEN = 5  # a word's first five letters: appeal/appeals, refer/referral, monitor/monitoring
STOPWORDS = frozenset(
    "the and for with from into that this its their of to in on as by an a or at is are be"
    " was were".split()
)


def stems(english: str) -> set[str]:
    """Crude stems of the content words of an English gloss (no stemmer dependency needed)."""
    words = [w for w in re.findall(r"[a-z]+", english.lower())
             if w not in STOPWORDS and len(w) >= 3]
    return {(w[:-1] if w.endswith("s") and len(w) > 3 else w)[:STEM_LEN] for w in words}


def gloss_matches(ours: str, gold: Gold) -> bool:
    """Whether our gloss shares a content word (by stem) with any gold alternative."""
    have = stems(ours)
    return any(stems(alt) & have for alt in gold.gloss_any)


def norm_pinyin(reading: str) -> str:
    return unicodedata.normalize("NFC", reading.lower().replace(" ", "").replace("'", ""))


def judge(item: str, hsk: str, gold_terms: set[str], ok: set[str]) -> str:
    """Class of one listed item: gold, part (of a gold term), ok, generic, word or junk."""
    from flashgen.lexicon.cedict import cedict

    if item in gold_terms:
        return "gold"
    if len(item) >= 2 and any(item in g for g in gold_terms):
        return "part"
    if item in ok:
        return "ok"
    if item in cedict():
        return "generic" if hsk.isdigit() and int(hsk) <= GENERIC_HSK else "word"
    return "junk"


def first_line(term: str, text: str) -> tuple[str, int]:
    """The line of ``text`` where ``term`` first occurs, and the term's offset in it."""
    start = text.index(term)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start:line_end if line_end >= 0 else None], start - line_start


def context_pinyin(term: str, text: str) -> str:
    """flashgen's tone-marked reading of ``term`` in the first line that contains it."""
    from flashgen.pinyin.reading import numbers_to_marks, term_reading

    return numbers_to_marks(term_reading(term, first_line(term, text)[0]))


def jieba_cut(term: str, text: str) -> str:
    """How flashgen's segmenter cuts the first occurrence of ``term`` in ``text``."""
    from flashgen.lexicon.segment import cut

    line, begin = first_line(term, text)
    end = begin + len(term)
    pieces = [t.word for t in cut(line) if t.start < end and t.start + len(t.word) > begin]
    return "/".join(pieces)


def score(name: str, show: bool) -> tuple[int, ...]:
    """Print one text's figures; return its counts for the overall line."""
    text_path = DEVSET / f"{name}.txt"
    gold = read_gold(DEVSET / f"{name}.tsv")
    gold_terms = {g.term for g in gold}
    ok = read_list(DEVSET / f"{name}.ok.txt")
    text = text_path.read_text(encoding="utf-8")
    rows = flashgen_tsv("terms", str(text_path), "--top", str(LISTED_ALL))
    rank = {r["term"]: i for i, r in enumerate(rows)}
    by_term = {r["term"]: r for r in rows}
    found = [g for g in gold if rank.get(g.term, LISTED_ALL) < RECALL_AT]
    listed = [g for g in gold if g.term in by_term]
    glossed = [g for g in listed if gloss_matches(by_term[g.term]["gloss"], g)]
    spelled = [g for g in listed
               if norm_pinyin(by_term[g.term]["pinyin"]) == norm_pinyin(g.pinyin)]
    in_context = {g.term: context_pinyin(g.term, text) for g in gold}
    read_right = [g for g in gold if norm_pinyin(in_context[g.term]) == norm_pinyin(g.pinyin)]
    top = rows[:JUNK_AT]
    kinds = [judge(r["term"], r["hsk"], gold_terms, ok) for r in top]
    junk = [r["term"] for r, k in zip(top, kinds, strict=True) if k == "junk"]
    generic = [r["term"] for r, k in zip(top, kinds, strict=True) if k == "generic"]
    print(f"{name:<9} recall@{RECALL_AT} {len(found):>2}/{len(gold)}"
          f"  listed {len(listed):>2}/{len(gold)}"
          f"  junk@{JUNK_AT} {len(junk):>2}/{len(top)}  generic {len(generic):>2}"
          f"  gloss {len(glossed):>2}/{len(listed)}  pinyin {len(spelled):>2}/{len(listed)}"
          f"  context pinyin {len(read_right):>2}/{len(gold)}")
    if show:
        for g in gold:
            if g in found:
                continue
            why = (f"ranked {rank[g.term] + 1} [{by_term[g.term]['why']}]" if g.term in rank
                   else f"not listed; jieba: {jieba_cut(g.term, text)}")
            print(f"   miss  {g.term} ({g.gloss_any[0]}): {why}")
        print(f"   junk  {' '.join(junk)}")
        print(f"   generic  {' '.join(generic)}")
        for g in listed:
            ours = by_term[g.term]
            if g not in glossed:
                print(f"   gloss {g.term}: {ours['gloss']!r} ({ours['gloss_source']})"
                      f" vs {'|'.join(g.gloss_any)}")
            if g not in spelled:
                print(f"   pinyin {g.term}: {ours['pinyin']} vs {g.pinyin}")
        for g in gold:
            if g not in read_right:
                print(f"   context pinyin {g.term}: {in_context[g.term]} vs {g.pinyin}")
    return len(found), len(gold), len(junk), len(top), len(generic), len(glossed), \
        len(spelled), len(listed), len(read_right)


def main() -> None:
    global DEVSET  # --dir scores another folder of NAME.txt/NAME.tsv (e.g. benchmarks/heldout)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print misses, junk, mismatches")
    parser.add_argument("--dir", type=Path, default=DEVSET,
                        help="folder of NAME.txt/.tsv/.ok.txt (default: benchmarks/devset)")
    args = parser.parse_args()
    DEVSET = args.dir
    names = sorted(p.stem for p in DEVSET.glob("*.tsv"))
    if not names:
        sys.exit(f"no gold files (*.tsv) in {DEVSET}")
    totals = [0] * 9
    for name in names:
        totals = [a + b for a, b in zip(totals, score(name, args.show), strict=True)]
    found, gold, junk, top, generic, glossed, spelled, listed, read_right = totals
    print(f"overall   recall@{RECALL_AT} {found / gold:.3f} ({found}/{gold})"
          f"  junk@{JUNK_AT} {junk / top:.3f} ({junk}/{top})  generic {generic / top:.3f}"
          f"  gloss {glossed / listed:.3f} ({glossed}/{listed})"
          f"  pinyin {spelled / listed:.3f} ({spelled}/{listed})"
          f"  context pinyin {read_right / gold:.3f} ({read_right}/{gold})")


if __name__ == "__main__":
    main()
