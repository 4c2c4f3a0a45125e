"""Domain-term discovery: the words and multi-word terms of a text worth learning, best first.

jieba splits most domain terms (军事/一体化, 延伸/威慑) and CC-CEDICT lacks them, so terms
are proposed as runs of jieba tokens that never cross punctuation, digits or Latin text,
nor start or end with a word of grammar (a date or time word, a numeral and its
classifier, a demonstrative); a lone character may end one if it is a productive suffix
(…员, …器). They are ranked by evidence that a run is one unit and worth learning:

- quoted in Chinese quotes (news marks coined terms with “…”, 「…」, 《…》), or listed
  whole by CC-CEDICT;
- its parts' dictionary glosses make a phrase of the aligned English sentence: in the
  Chinese order with no English grammar word between, or reversed through "of"/"for";
  a verb's gloss used as a noun ("-ment", "-ing") where a run holds or ends in a verb;
  the pieces of an English compound translate parts apart ("data-driven", "smartwatch");
- built by a term-forming pattern (…化, …机制, 核…, 反…: ``data/term_affixes.txt``), or a
  lone character the English renders as a bound prefix ("preheating" for 预/加热,
  "multi-sensor" for 多/传感器: a verb and a grammar character that start no run otherwise);
- repeated in the text; noun-like modifier and head by jieba's dictionary tags; an
  everyday adjective before a noun, seen once, is a free combination; with English to
  check, a run ending in a verb (jieba's tag or CC-CEDICT's senses) or in an adverb the
  English leaves untranslated is a clause;
- boundaries: a run always followed by the same word, or that only starts a longer run,
  is a fragment; one seen only inside better terms yields to them (C-value's discount),
  and a once-seen run that is a recurring term plus a word of context yields to the term;
- rare in general Chinese (jieba's own reference counts) and beyond the everyday HSK 1-5
  words; a dictionary word (CC-CEDICT) or an idiom; a word jieba tags as a numeral counts
  as vocabulary if CC-CEDICT gives it no counting sense (一线 "front line").

Person names, places and organisations keep their kind (name/place/org) and rank below
vocabulary: a deck can filter them by kind. A word the English spells in pinyin is a name.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from flashgen.records import SentencePair, Term
from flashgen.terms.candidates import MAX_CANDIDATES, Candidate, collect
from flashgen.terms.rules import NESTED_RULES, switched_off
from flashgen.terms.score import Why, nested_discount, score_candidate
from flashgen.terms.spans import add_spans
from flashgen.terms.weights import WEIGHTS, Weights

if TYPE_CHECKING:
    from flashgen.batch.workers import Workers

#: Candidates scored per task when workers share the scoring: a few tasks per worker on an
#: article's 5,000 candidates, so that the two halves finish together.
SCORE_CHUNK = 500

#: A candidate's worth, kind and explanation (:func:`flashgen.terms.score.score_candidate`).
Scored = tuple[float, str, list[Why]]


def find_terms(
    pairs: Sequence[SentencePair],
    weights: Weights = WEIGHTS,
    progress: Callable[[int, int], None] = lambda done, total: None,
    off: Collection[str] = (),
    *,
    words_of: Callable[[int], Sequence[str]] | None = None,
    workers: Workers | None = None,
) -> list[Term]:
    """The terms and words of ``pairs`` worth learning, best first.

    Every term is a substring of some pair's Chinese, crosses no punctuation, holds no
    digit or Latin letter and neither starts nor ends with a function word. Each term's
    ``why`` says how it was found and which rules moved its score (see
    :mod:`flashgen.terms.explain`). ``weights`` and ``off`` (names of rules or groups of
    :mod:`flashgen.terms.rules` to switch off) exist for the scorecard's ablations;
    ``progress(done, total)`` hears how many pairs have been segmented, the long part on a
    corpus. A batch passes each pair's words (``words_of(i)``, cut by its workers) and its
    ``workers``, who then score the candidates in chunks: the same scores, in parallel.
    """
    off = switched_off(off)
    cands = candidates(pairs, progress, words_of)
    worth: dict[str, float] = {}
    kinds: dict[str, str] = {}
    why: dict[str, list[Why]] = {}
    texts = [text for text in cands if len(text) >= 2]
    for text, (score, kinds[text], why[text]) in zip(
        texts, _scores(texts, cands, pairs, weights, off, workers), strict=True
    ):
        if score > 0:
            worth[text] = score
    if not off.issuperset(NESTED_RULES):
        worth = nested_discount(cands, worth, weights, off, why)
    scored = [
        Term(
            text=text,
            kind=kinds[text],
            count=cands[text].count,
            score=round(score, 4),
            example=pairs[cands[text].first_pair],
            sources=tuple(cands[text].sources),
            why=tuple(why[text]),
        )
        for text, score in worth.items()
    ]
    scored.sort(key=lambda t: (-t.score, t.text))
    return scored


def candidates(
    pairs: Sequence[SentencePair],
    progress: Callable[[int, int], None],
    words_of: Callable[[int], Sequence[str]] | None = None,
) -> dict[str, Candidate]:
    """The token runs and spans of ``pairs``, counted; on a long text only the most frequent
    ``MAX_CANDIDATES`` (and every quoted one)."""
    # Counting a corpus allocates millions of short-lived lists and strings but no
    # reference cycles; the cyclic collector's passes over them cost a third of the
    # counting time on xwlb_2025.txt, so it waits until the counting is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cands = collect(pairs, progress, words_of)
        add_spans(pairs, cands)  # spans with grammar inside or an edge the English confirms
        progress(len(pairs), len(pairs))
    finally:
        if collecting:
            gc.enable()
    if len(cands) > MAX_CANDIDATES:
        floor = sorted((c.count for c in cands.values()), reverse=True)[MAX_CANDIDATES]
        cands = {t: c for t, c in cands.items() if c.count > floor or c.quoted}
    return cands


@dataclass(frozen=True)
class ScoreTask:
    """Some candidates to score and the few pairs they were seen in: what a worker needs,
    with each candidate's pair indices pointing into ``pairs``."""

    items: tuple[tuple[str, Candidate], ...]
    pairs: tuple[SentencePair, ...]
    weights: Weights
    off: frozenset[str]


def score_task(task: ScoreTask) -> list[Scored]:
    """Score one task's candidates (a worker's share of :func:`find_terms`)."""
    return [
        score_candidate(text, cand, task.pairs, task.weights, task.off)
        for text, cand in task.items
    ]


def _scores(
    texts: Sequence[str],
    cands: dict[str, Candidate],
    pairs: Sequence[SentencePair],
    weights: Weights,
    off: frozenset[str],
    workers: Workers | None,
) -> list[Scored]:
    """Each candidate's score, in this process or by ``workers`` in chunks (same result).

    The candidates are scored in the order of the first sentence they were seen in, the
    results given back in ``texts``' order: neighbours then share sentences, whose English
    the bounded caches of :mod:`flashgen.terms.english` still hold, and a worker's chunk
    needs a quarter of the pairs (16 articles: scoring 12% less CPU in one process, a
    third less on two workers)."""
    order = sorted(texts, key=lambda text: cands[text].first_pair)
    if workers is None:
        scored = [score_candidate(text, cands[text], pairs, weights, off) for text in order]
    else:
        from flashgen.batch.workers import chunks

        tasks = [_task(part, cands, pairs, weights, off) for part in chunks(order, SCORE_CHUNK)]
        scored = [one for chunk in workers.map(score_task, tasks) for one in chunk]
    by_text = dict(zip(order, scored, strict=True))
    return [by_text[text] for text in texts]


def _task(
    texts: Sequence[str],
    cands: dict[str, Candidate],
    pairs: Sequence[SentencePair],
    weights: Weights,
    off: frozenset[str],
) -> ScoreTask:
    """A :class:`ScoreTask` for ``texts``: their candidates renumbered to the pairs sent."""
    local: dict[int, int] = {}
    for text in texts:
        for index in cands[text].pairs:
            local.setdefault(index, len(local))
    items = tuple(
        (text, replace(cands[text], first_pair=local[cands[text].first_pair],
                       pairs=[local[i] for i in cands[text].pairs]))
        for text in texts
    )
    return ScoreTask(items, tuple(pairs[i] for i in local), weights, off)
