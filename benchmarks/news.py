"""Terms and cards on real articles (issues #14 and #15): one scorecard, four sets of texts.

Run: ``python benchmarks/news.py [--set NAME]... [--per-text] [--show]``. The sets are the
real articles of ``../shared/eval/news`` (gold ``NAME.terms.tsv``), our ``benchmarks/devset``
and ``benchmarks/heldout`` (gold ``NAME.tsv``) and the seed (gold ``../shared/gold``). Each
text goes through the library as ``flashgen terms NAME.txt --top 5000`` does (in process,
so the whole scorecard takes a minute or two); "the top N" is the first N of that ranking,
and the top 100 are the cards of a default deck. Per text:

terms (#14)
- ``comp@100``, ``word@100``: share of the gold ``compound`` / ``word`` tier in the top 100;
- ``outside@60``: share of the top 60 that is neither a gold term (any tier, ``extra`` too)
  nor a CC-CEDICT headword;
- ``broken@60``: share of the top 60 that is a broken word: neither a gold term nor a
  CC-CEDICT headword, and every occurrence of it in the text's Chinese starts or ends inside
  a word of plain jieba's cut of its clause, or lies inside an occurrence of a longer gold
  term (the issue's 4.4%; a dictionary word inside a gold compound is a word, not broken);

cards (#15)
- ``gloss``: of the gold terms in the top 100, the share whose main gloss contains one of the
  gold alternatives (case ignored, as ``cli_scorecard.py`` counts the seed);
- ``comp+gloss``: of all gold compounds, the share in the top 100 glossed right;
- ``raw``: how many of the top 100 cards show CC-CEDICT syntax in a field (English,
  alternatives, breakdown, full entry; see ``RAW_SYNTAX``), or a gloss that is the term;
- ``dupe@100``: share of the top 100 whose main gloss (case and spacing ignored) another
  card of the top 100 has too;
- ``parts@100``: share of the top 100 whose main gloss is built from its parts
  (gloss origin ``compositional``).

Each set prints the mean and the median over its texts and the pooled figure (all its texts'
counts added up, as the issues quote them; for ``raw``, the set's total); ``--per-text`` adds
a line per text,
``--show`` lists, per text, the misses, the outside and broken items, the wrong glosses, the
cards with raw syntax, the shared glosses and the glosses built from parts (the real articles'
words are printed, never written into the repository). Run it with a ``FLASHGEN_HOME`` that
has no known-words list: known words would be left out of the ranking.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from _shared import REPO, SEED, SHARED, Gold, gloss_contains, read_gold, require_shared

from flashgen.records import AnnotatedTerm

TOP_TERMS = 60  # the deck a learner takes from a one-page article (as devset.py and terms.py)
TOP_CARDS = 100  # the issues' recall cut-off (the largest default deck: Filters.max_terms)
LISTED_ALL = 5000  # far above any article's term count: "listed at all"
CLAUSE_END = re.compile(r"[，。！？；：、,.!?;:（）()“”\"「」『』《》〈〉【】\s]+")
HAN = r"[\u3400-\u9fff]"
#: CC-CEDICT's own notation, which a card should never show (what #15 asks to clean).
RAW_SYNTAX = {
    "traditional|simplified": re.compile(rf"{HAN}+\|{HAN}+"),
    "see X": re.compile(rf"\bsee (also )?{HAN}"),
    "abbr. for": re.compile(r"\babbr\. (for|of|to)\b"),
    "variant of X": re.compile(rf"\bvariant of {HAN}"),
    "[pin1 yin1]": re.compile(r"\[[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*\]"),
    "CL: outside Classifier": re.compile(r"\bCL:"),
}
COLUMNS = (
    "comp@100", "word@100", "outside@60", "broken@60",
    "gloss", "comp+gloss", "raw", "dupe@100", "parts@100",
)


@dataclass(frozen=True)
class Text:
    """One scored text and its gold term list."""

    name: str
    path: Path
    gold: Path


def scorecard_sets() -> dict[str, list[Text]]:
    """The texts of each set, by set name, in the order they are reported."""
    news = SHARED / "eval" / "news"
    sets = {"news": [Text(p.stem, p, news / f"{p.stem}.terms.tsv")
                     for p in sorted(news.glob("*.txt"))]}
    for folder in ("devset", "heldout"):
        here = REPO / "benchmarks" / folder
        sets[folder] = [Text(p.stem, p, here / f"{p.stem}.tsv")
                        for p in sorted(here.glob("*.txt")) if not p.name.endswith(".ok.txt")]
    sets["seed"] = [Text("seed", SEED, SHARED / "gold" / "seed-terms.tsv")]
    return sets


def listing(path: Path) -> tuple[list[AnnotatedTerm], list[str]]:
    """Every term ``flashgen terms PATH`` lists, best first, and the text's Chinese sentences."""
    from flashgen.pipeline import read_corpus, vocabulary
    from flashgen.study.recipe import recipe_from_options

    recipe = recipe_from_options([path], max_terms=LISTED_ALL, names=False, order="rank")
    corpus = read_corpus(recipe.sources)
    return vocabulary(recipe, corpus), [pair.zh for pair in corpus.pairs]


@dataclass(frozen=True)
class Clause:
    """A clause of the text, where plain jieba puts word boundaries in it, and its gold spans."""

    text: str
    bounds: frozenset[int]
    gold_spans: tuple[tuple[int, int], ...]


def clauses(sentences: Sequence[str], gold: Sequence[Gold]) -> list[Clause]:
    """The text's clauses (split at punctuation), each with its jieba cut and gold terms."""
    from flashgen.lexicon.segment import tokenizer

    tok = tokenizer()
    out = []
    for sentence in sentences:
        for part in CLAUSE_END.split(sentence):
            if not part:
                continue
            ends = [0]
            for word in tok.lcut(part):
                ends.append(ends[-1] + len(word))
            spans = tuple((at, at + len(g.term)) for g in gold for at in occurrences(g.term, part))
            out.append(Clause(part, frozenset(ends), spans))
    return out


def occurrences(needle: str, text: str) -> Iterator[int]:
    """Every start of ``needle`` in ``text``, overlapping ones too."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def is_broken(entry: str, text_clauses: Sequence[Clause]) -> bool:
    """Whether every occurrence of ``entry`` cuts a jieba word or lies in a longer gold term."""
    seen = False
    for clause in text_clauses:
        for start in occurrences(entry, clause.text):
            seen = True
            end = start + len(entry)
            cuts = start not in clause.bounds or end not in clause.bounds
            inside = any(s <= start and end <= e and e - s > len(entry)
                         for s, e in clause.gold_spans)
            if not (cuts or inside):
                return False
    return seen


def raw_syntax(card: AnnotatedTerm) -> list[tuple[str, str, str]]:
    """(field, what, text) for each field of a card that shows CC-CEDICT syntax."""
    gloss = card.gloss
    fields = [("English", gloss.text), ("Breakdown", gloss.breakdown), ("FullEntry", gloss.full)]
    fields += [(f"also {origin}", text) for origin, text in gloss.alternatives]
    found = [(name, what, text) for name, text in fields
             for what, pattern in RAW_SYNTAX.items() if pattern.search(text)]
    if gloss.text.strip() == card.term.text:
        found.append(("English", "the term itself", gloss.text))
    return found


def main_gloss(card: AnnotatedTerm) -> str:
    """The main gloss as a learner compares two Recall cards: case and spacing ignored."""
    return " ".join(card.gloss.text.lower().split())


#: A figure of one text: (part, whole); a share is part / whole, ``raw`` is a count (whole 1).
Count = tuple[int, int]


def score(text: Text, show: bool) -> dict[str, Count]:
    """One text's figures (``COLUMNS``); with ``show``, print what makes them."""
    from flashgen.lexicon.cedict import cedict
    from flashgen.terms.explain import why_column

    gold = read_gold(text.gold)
    listed, sentences = listing(text.path)
    rank = {card.term.text: i for i, card in enumerate(listed)}
    gold_terms = {g.term for g in gold}
    compounds = [g for g in gold if g.tier == "compound"]
    words = [g for g in gold if g.tier == "word"]
    cards = listed[:TOP_CARDS]
    on_card = {card.term.text: card for card in cards}

    terms_top = listed[:TOP_TERMS]
    dictionary = cedict()
    outside = [c for c in terms_top
               if c.term.text not in gold_terms and c.term.text not in dictionary]
    text_clauses = clauses(sentences, gold)
    broken = [c for c in outside if is_broken(c.term.text, text_clauses)]
    glossed = [g for g in gold if g.term in on_card]
    right = {g.term for g in glossed if gloss_contains(on_card[g.term].gloss.text, g)}
    raw = [(c, found) for c in cards if (found := raw_syntax(c))]
    counts = Counter(main_gloss(c) for c in cards if main_gloss(c))
    shared = [c for c in cards if main_gloss(c) and counts[main_gloss(c)] > 1]
    parts = [c for c in cards if c.gloss.origin == "compositional"]
    figures = {
        "comp@100": (sum(g.term in on_card for g in compounds), len(compounds)),
        "word@100": (sum(g.term in on_card for g in words), len(words)),
        "outside@60": (len(outside), len(terms_top)),
        "broken@60": (len(broken), len(terms_top)),
        "gloss": (len(right), len(glossed)),
        "comp+gloss": (sum(g.term in right for g in compounds), len(compounds)),
        "raw": (len(raw), 1),
        "dupe@100": (len(shared), len(cards)),
        "parts@100": (len(parts), len(cards)),
    }
    if show:
        print(f"{text.name}:")
        for g in compounds + words:
            if g.term not in on_card:
                where = "not listed"
                if g.term in rank:  # why it ranked low, as ``flashgen terms --explain`` says
                    term = listed[rank[g.term]].term
                    where = f"ranked {rank[g.term] + 1}, {term.score:g} [{why_column(term)}]"
                print(f"   miss {g.tier}  {g.term} ({g.gloss_any[0]}): {where}")
        print(f"   outside  {' '.join(c.term.text for c in outside)}")
        print(f"   broken  {' '.join(c.term.text for c in broken)}")
        for g in glossed:
            if g.term not in right:
                card = on_card[g.term]
                print(f"   gloss {g.term}: {card.gloss.text!r} ({card.gloss.origin})"
                      f" vs {'|'.join(g.gloss_any)}")
        for card, found in raw:
            for field, what, value in found:
                print(f"   raw {card.term.text} {field} [{what}]: {value!r}")
        for key in sorted({main_gloss(c) for c in shared}):
            same = " ".join(c.term.text for c in shared if main_gloss(c) == key)
            print(f"   shared {key!r}: {same}")
        print(f"   parts  {' '.join(f'{c.term.text} ({c.gloss.text})' for c in parts)}")
    return figures


def ratio(count: Count) -> float | None:
    """A text's share (its count for ``raw``), or None when it has nothing to share."""
    part, whole = count
    return part / whole if whole else None


def summary(rows: Sequence[dict[str, Count]]) -> dict[str, dict[str, float | None]]:
    """Mean, median and pooled value of each column over a set's texts.

    Mean and median skip a text without the figure (no gold compound, say); pooled adds
    the texts' parts and wholes (for ``raw``: the set's total count).
    """
    out: dict[str, dict[str, float | None]] = {"mean": {}, "median": {}, "pooled": {}}
    for column in COLUMNS:
        values = [v for row in rows if (v := ratio(row[column])) is not None]
        part = sum(row[column][0] for row in rows)
        whole = sum(row[column][1] for row in rows)
        out["mean"][column] = statistics.fmean(values) if values else None
        out["median"][column] = statistics.median(values) if values else None
        out["pooled"][column] = float(part) if column == "raw" else ratio((part, whole))
    return out


def cell(column: str, value: float | None) -> str:
    """A figure as printed: counts with one decimal (a mean of counts), shares with three."""
    width = max(len(column), 5)
    if value is None:
        return f"{'-':>{width}}"
    return f"{value:>{width}.1f}" if column == "raw" else f"{value:>{width}.3f}"


def line(label: str, count: int, figures: dict[str, float | None]) -> str:
    return f"{label:<44} {count:>5}  " + "  ".join(cell(c, figures[c]) for c in COLUMNS)


def main(argv: Sequence[str] | None = None) -> None:
    sets = scorecard_sets()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=list(sets), dest="sets",
                        help="score only this set (repeatable; default: all four)")
    parser.add_argument("--per-text", action="store_true", help="a line per text too")
    parser.add_argument("--show", action="store_true",
                        help="list misses, outside and broken items, wrong glosses, raw syntax")
    args = parser.parse_args(argv)
    require_shared()
    from flashgen.study.known import user_known_path

    if user_known_path().is_file():
        print(f"warning: {user_known_path()} exists; its words are left out of every ranking")
    began = time.monotonic()
    print(f"{'set / text':<44} {'texts':>5}  " + "  ".join(f"{c:>5}" for c in COLUMNS))
    for name in args.sets or list(sets):
        rows = []
        for text in sets[name]:
            rows.append(score(text, args.show))
            if args.per_text:
                print(line(f"  {text.name}", 1, {c: ratio(rows[-1][c]) for c in COLUMNS}))
        for how, figures in summary(rows).items():
            print(line(f"{name} {how}", len(rows), figures))
    print(f"({time.monotonic() - began:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
