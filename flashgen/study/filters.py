"""Which annotated terms become cards, and in what order: the recipe's filters.

The filters run after discovery (before or after annotation), on terms ranked best first:

* ``hsk_min`` / ``hsk_max`` keep a level range (1..7, 7 being the 7-9 band). A word no HSK
  list carries is rarer than any listed word, so it counts as above the top level: it is
  kept by any ``hsk_min`` and dropped by any ``hsk_max``.
* ``known`` drops the words the learner already studies.
* ``min_count`` drops terms seen fewer times in the texts.
* ``include_names`` keeps person and place names (organisations are always kept: their
  names, such as 世界卫生组织 "World Health Organization", are domain vocabulary).
* ``max_terms`` keeps the best-ranked terms (by default :func:`term_count` of them),
  *then* ``order`` sorts what is kept, so ordering by level never trades good terms for
  easy ones. With several sources the cap
  is shared evenly (a term counts for the first source it occurs in, and a source with
  fewer terms leaves the rest of its share to the others), so one long or term-dense text
  cannot crowd the others out of a unit.

Sentences have a cap of their own, ``max_sentences`` (:func:`cap_sentences`): a novel
would otherwise give one sentence note per sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import islice
from typing import TypeVar

from flashgen.errors import InputError
from flashgen.records import AnnotatedTerm, SentencePair, Term, chinese_lines

#: Filters take annotated terms, or bare terms (filtered before the costly annotation).
T = TypeVar("T", Term, AnnotatedTerm)

#: Term kinds that are names of people and places (see Term.kind).
NAME_KINDS = frozenset({"name", "place"})

#: The orders a deck can take: where a term first appears in the texts, most frequent
#: first, easiest HSK level first (unlisted words last), or best-ranked first.
ORDERS = ("appearance", "frequency", "level", "rank")

#: Levels a filter accepts: 1..6 and 7 for the 7-9 band.
LEVEL_RANGE = range(1, 8)


def check_level_range(hsk_min: int | None, hsk_max: int | None, where: str) -> None:
    """Raise an InputError naming ``where`` (a recipe key or an option) for a bad range."""
    for label, value in (("hsk_min", hsk_min), ("hsk_max", hsk_max)):
        if value is not None and value not in LEVEL_RANGE:
            raise InputError(
                f"{where}: {label} = {value} is not an HSK 3.0 level: use 1 to 6, "
                "or 7 for the 7-9 band"
            )
    if hsk_min is not None and hsk_max is not None and hsk_min > hsk_max:
        raise InputError(
            f"{where}: hsk_min = {hsk_min} is above hsk_max = {hsk_max}: swap them"
        )


def check_order(order: str, where: str) -> None:
    """Raise an InputError naming ``where`` unless ``order`` is one of ORDERS."""
    if order not in ORDERS:
        raise InputError(f"{where}: unknown order {order!r}: use one of {', '.join(ORDERS)}")


def _term(item: Term | AnnotatedTerm) -> Term:
    return item.term if isinstance(item, AnnotatedTerm) else item


def _level(item: Term | AnnotatedTerm) -> int | None:
    """An annotated term's level; a bare term's from the HSK list."""
    if isinstance(item, AnnotatedTerm):
        return item.hsk
    from flashgen.lexicon.hsk import hsk_level

    return hsk_level(item.text)


def appearance_key(
    pairs: Sequence[SentencePair] = (),
) -> Callable[[Term | AnnotatedTerm], tuple[int, int]]:
    """A sort key placing a term where it first occurs.

    With ``pairs`` (all the build's pairs, in text order), a term sorts by the first pair
    whose Chinese contains it (not its example's, which may come later), then by its
    offset there. Without, by its example's paragraph and offset, which orders terms
    within one source.
    """
    text_of_pairs, starts = chinese_lines(pairs)  # one search per term, not one per pair

    def key(item: Term | AnnotatedTerm) -> tuple[int, int]:
        text, example = _term(item).text, _term(item).example
        if pairs:
            found = text_of_pairs.find(text)
            if found < 0:
                return len(pairs), 0
            where = bisect_right(starts, found) - 1
            return where, found - starts[where]
        if example is None:
            return 1 << 30, 0
        return example.paragraph, example.zh.find(text)

    return key


#: A deck without ``max_terms`` gets about one term per this many Chinese characters, within
#: TERM_COUNT_RANGE: a short article has fewer terms worth a card than a long one, and the
#: last third of a fixed 100 on a 3,000-character article is what a teacher strikes out.
CHARS_PER_TERM = 25
TERM_COUNT_RANGE = (10, 100)


def term_count(pairs: Sequence[SentencePair]) -> int:
    """How many terms a deck of ``pairs`` keeps when the recipe sets no ``max_terms``."""
    from flashgen.lexicon.script import scripts

    han = sum(scripts(pair.zh).han for pair in pairs)
    low, high = TERM_COUNT_RANGE
    return max(low, min(high, round(han / CHARS_PER_TERM)))


def cap(terms: Sequence[T], max_terms: int) -> list[T]:
    """The ``max_terms`` best-ranked terms, shared evenly among their sources, in rank order."""
    queues: dict[str, list[int]] = {}
    for rank, item in enumerate(terms):
        sources = _term(item).sources
        queues.setdefault(sources[0] if sources else "", []).append(rank)
    chosen: set[int] = set()
    round_ = 0
    while len(chosen) < min(max_terms, len(terms)):
        for ranks in queues.values():
            if round_ < len(ranks) and len(chosen) < max_terms:
                chosen.add(ranks[round_])
        round_ += 1
    return [t for rank, t in enumerate(terms) if rank in chosen]


def left_out(
    term: Term,
    level: int | None,
    *,
    hsk_min: int | None = None,
    hsk_max: int | None = None,
    known: frozenset[str] = frozenset(),
    min_count: int = 1,
    include_names: bool = False,
) -> str:
    """Why a filter leaves ``term`` (of HSK ``level``) out, as the option that would keep
    it, or "" when every filter keeps it: ``--explain`` says this, :func:`apply_filters`
    keeps the terms with no reason."""
    if hsk_min is not None and level is not None and level < hsk_min:
        return f"its HSK level {level} is below hsk_min {hsk_min}"
    if hsk_max is not None and (level is None or level > hsk_max):
        where = f"level {level}" if level is not None else "on no HSK list"
        return f"it is {where}, above hsk_max {hsk_max}"
    if term.text in known:
        return "it is on the known-words list"
    if term.count < min_count:
        return f"it is seen {term.count}x, fewer than min_count {min_count}"
    if not include_names and term.kind in NAME_KINDS:
        return f"it is a {term.kind} (--names lists names)"
    return ""


def apply_filters(
    terms: Sequence[T],
    *,
    hsk_min: int | None = None,
    hsk_max: int | None = None,
    known: frozenset[str] = frozenset(),
    max_terms: int | None = None,
    min_count: int = 1,
    include_names: bool = False,
    order: str = "appearance",
    pairs: Sequence[SentencePair] = (),
) -> list[T]:
    """The terms that pass every filter, capped at ``max_terms`` best-ranked, then ordered.

    ``terms`` must be ranked best first (as discovery returns them), annotated or not: a
    build can filter bare terms first and annotate only what is kept. ``pairs`` are the
    build's sentence pairs in text order, used by ``order="appearance"`` to place terms
    across several sources.
    """
    check_level_range(hsk_min, hsk_max, "filters")
    check_order(order, "filters")
    levels = {id(item): _level(item) for item in terms}

    def passes(item: T) -> bool:
        return not left_out(
            _term(item), levels[id(item)], hsk_min=hsk_min, hsk_max=hsk_max, known=known,
            min_count=min_count, include_names=include_names,
        )

    kept = [item for item in terms if passes(item)]
    if max_terms is not None:
        kept = cap(kept, max_terms)
    if order == "rank":
        return kept
    by_appearance = sorted(kept, key=appearance_key(pairs))
    if order == "frequency":
        return sorted(by_appearance, key=lambda item: -_term(item).count)
    if order == "level":
        unlisted = LEVEL_RANGE.stop  # after every level
        return sorted(by_appearance, key=lambda item: levels[id(item)] or unlisted)
    return by_appearance


def cap_sentences(
    pairs: Sequence[SentencePair],
    terms: Sequence[Term | AnnotatedTerm],
    max_sentences: int | None,
) -> list[SentencePair]:
    """At most ``max_sentences`` pairs, kept in text order.

    The deck's example sentences come first (a card's example should have its own sentence
    note), then the others from the start of the text, so the cap keeps what a learner
    reads first.
    """
    if max_sentences is None or len(pairs) <= max_sentences:
        return list(pairs)
    examples = {example for item in terms if (example := _term(item).example) is not None}
    shown = [index for index, pair in enumerate(pairs) if pair in examples]
    chosen = set(shown[:max_sentences])
    others = (index for index, pair in enumerate(pairs) if pair not in examples)
    chosen.update(islice(others, max_sentences - len(chosen)))
    return [pair for index, pair in enumerate(pairs) if index in chosen]
