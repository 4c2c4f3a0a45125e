"""Candidate spans of characters: the terms token runs cannot reach (issue #14).

:func:`flashgen.terms.candidates.collect` proposes runs of jieba tokens with no word of
grammar anywhere in them. Some terms hold one inside (信息/不/对称 "information asymmetry",
冠军/之/战 "a final between champions"); some are a word of jieba's that ``segment``'s repair
cut on a character of grammar (全/密封 of 全密封 "completely sealed"); some end inside a word
jieba guessed wrongly (首席财务官|王 "chief financial officer Wang"). This module proposes,
per clause:

- spans of whole *units* (below) within a clause (no punctuation, digit or Latin text), of
  at most ``MAX_SPAN_CHARS`` characters and ``MAX_TOKENS`` content units, with at most
  ``MAX_GRAMMAR_INSIDE`` word of grammar inside (之 or a negation) and none at either edge;
- spans with an edge the aligned English confirms (:func:`cut_spans`): inside a word jieba
  guessed, where the piece kept has its own English word next to its neighbour's and the
  piece left out has none; or at the edge of a word of jieba's the repair split on a
  character of grammar, where the English translates that character as a word of content.

A *unit* is a token of the sentence's best segmentation (:func:`segment.words`), except that
a dictionary word of jieba's own cut that the repair split into words of content is one
unit again: a span starts and ends on a boundary of the best segmentation and cuts no
dictionary word; only the English moves an edge.

Edges follow the counting's own word classes (:func:`token_class`). Spans are only looked
for in pairs with English: it is what confirms a moved edge, and the ranking rules that
tell a clause from a term (``verb_end``, ``adverb_end``, ``inner_verb``) read it; on
Chinese-only text (a corpus, an abstract) the token runs stay the only multi-word
candidates. The work is linear in the text: a bounded number of spans per unit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.script import is_han
from flashgen.records import SentencePair
from flashgen.terms.candidates import MAX_TOKENS, Candidate
from flashgen.terms.english import english_words, gloss_words, matches_any
from flashgen.terms.words import parts_of, token_class

# Longest span in characters. The gold compounds and words of our devset and held-out set
# are at most 8 characters long; 10 (the token runs' MAX_CHARS) reached no more gold on
# any set once added to the runs, for 3 more candidates per 1,000 characters of news; 6
# lost seed compounds (benchmarks/candidates.py).
MAX_SPAN_CHARS = 8
# Units of grammar (a function word, or a word that stands in no run) inside one span: one
# makes 信息不对称 "information asymmetry" or 冠军之战; two make clauses (…的…和…).
MAX_GRAMMAR_INSIDE = 1
# The words of grammar that may stand inside a term, a closed class: the classical genitive
# 之 (重中之重) and negations (供不应求 "demand exceeds supply"). The rest mark a clause or
# a phrase: the structural 的 of 我们的计划 alone made a third of all spans with grammar
# inside, and 是, 在, 了, 把, 被 hold a verb and its arguments. Coordinators (和, 与, 及)
# were tried: on the four sets they reached one gold term of 8 characters or fewer
# (institutions' names are longer) and put lists of two things (设备和材料) in the top 100.
INSIDE_GRAMMAR = frozenset("之 不 无 非")
# jieba's tag of an attributive (区别词): a character that only modifies a noun, never
# predicates. One that the function words list too (总 "total", also "always") is grammar at
# a term's edge, where it may be the adverb, but a modifier inside one.
ATTRIBUTIVE_TAG = "b"
# English words that translate a character of grammar as grammar ("only" of 仅, "within"
# of 内, "each" of 每, "can" of 可), a closed class: such a match confirms no edge of a term.
GRAMMAR_ENGLISH = frozenset(
    "only merely barely just within inside into onto per each every all both also even still "
    "yet already again more most very too than from since until till toward towards about "
    "around over under self oneself always never ever often usually once certainly "
    "can could may might must shall should will would able".split()
)
# Longest jieba guess whose inside an English-confirmed edge may fall in: guesses glue a
# character or two to a neighbour (官王 "officer Wang" of 首席财务官王).
MAX_GUESS_CHARS = 4
# How far (in English words) the English of a piece cut from a guess may stand from that of
# its neighbour in the span: right next to it ("financial officer"). With one word between,
# a piece took an English word past one its guess's other character stood for, untranslated
# by the dictionary ("hour(s) [thermal] storage").
_NEAR = 1
# The same for a character of grammar in a guess of jieba's that the repair split: the
# word is jieba's own, so its English may lie a little further: a verb's object or an
# article may stand between ("return it to the ...").
_NEAR_GUESS = 4


@dataclass(slots=True)
class Unit:
    """A unit of a clause and what the spans read of it.

    ``guess``: jieba guessed it (no dictionary knows it). ``function``, ``start``,
    ``end``: its class by :func:`token_class`. ``lead`` and ``trail``: the function word
    the counting splits off its start or end (:func:`parts_of`: 今年/以来, 射击/场), or "".
    ``joins_next``: it and the next unit were one word of jieba's that the repair split on
    a character of grammar (全/密封 of 全密封 "completely sealed").
    """

    text: str
    guess: bool
    function: bool
    start: bool
    end: bool
    lead: str = ""
    trail: str = ""
    joins_next: bool = False

    @property
    def grammar(self) -> bool:
        """A word of grammar: a function word, or one that stands in no run (尚未 "not yet")."""
        return self.function or not (self.start or self.end)


def unit(text: str) -> Unit:
    """The :class:`Unit` of one word.

    A word the counting splits (:func:`parts_of`) starts a span only if its first part may
    start a run, and ends one only if its last part may end one: 讲/清楚 "explain clearly"
    and 进/社区 "into the community" are a verb and its complement, not words to learn.
    """
    function, start, end, _ = token_class(text)
    guess = not segment.frequency(text) and text not in cedict()
    parts = parts_of(text) if len(text) > 2 else (text,)
    if len(parts) > 1:
        start = start and token_class(parts[0])[1]
        end = end and token_class(parts[-1])[2]
    lead = parts[0] if len(parts) > 1 and token_class(parts[0])[0] else ""
    trail = parts[-1] if len(parts) > 1 and token_class(parts[-1])[0] else ""
    return Unit(
        text, guess, function, start and not function, end and not function, lead, trail
    )


def _known(word: str) -> bool:
    """A whole word of jieba's dictionary or of CC-CEDICT, which no span may cut."""
    return segment.frequency(word) > 0 or word in cedict()


def _cuts(text: str) -> tuple[list[int], set[int]]:
    """The unit boundaries of ``text``, and those inside a word of jieba's that the repair
    split on a character of grammar.

    The boundaries are the best segmentation's. Where the repair split a word of jieba's
    own cut (whose edges are boundaries of both), a piece that is a word of grammar (场 of
    射击/场 "shooting range", 于 of 归功/于 "owe to") keeps the pieces apart and
    marks the boundary glued, for the English to decide (:func:`cut_spans`); otherwise a
    dictionary word is one unit again (never cut) and a guess stays cut.
    """
    best = segment.words(text)
    cuts = set(accumulate(map(len, best), initial=0))
    glued: set[int] = set()
    at = 0
    for word in segment.jieba_words(text):
        end = at + len(word)
        inner = cuts.intersection(range(at + 1, end))
        if inner and at in cuts and end in cuts and is_han(word):
            marks = sorted({at, *inner, end})
            pieces = [text[i:j] for i, j in zip(marks, marks[1:], strict=False)]
            if any(unit(piece).grammar for piece in pieces):
                glued |= inner
            elif _known(word):
                cuts -= inner
        at = end
    return sorted(cuts | {len(text)}), glued


def units(text: str) -> list[list[Unit]]:
    """The clauses of ``text`` (runs of Han text), each as its units.

    A unit is a token of :func:`segment.words`, except that a whole dictionary word of
    jieba's own cut that the repair split into words of content is one unit again; units
    that were one word of jieba's and a word of grammar are marked (``joins_next``).
    """
    bounds, glued = _cuts(text)
    clauses: list[list[Unit]] = []
    clause: list[Unit] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        if is_han(piece):
            clause.append(unit(piece))
            clause[-1].joins_next = end in glued
        elif clause:
            clauses.append(clause)
            clause = []
    if clause:
        clauses.append(clause)
    return clauses


def whole_spans(clause: Sequence[Unit]) -> Iterator[tuple[int, int]]:
    """(first, last + 1) of each span of whole units of ``clause`` that may be a term.

    A span starts with a unit that may start a term and ends with one that may end it,
    holds at most ``MAX_TOKENS`` content units and ``MAX_GRAMMAR_INSIDE`` word of grammar
    (one of ``INSIDE_GRAMMAR``), and is at most ``MAX_SPAN_CHARS`` long; a single unit is
    a span if it has two or more characters. A function word the counting splits off a
    unit (:attr:`Unit.lead`, :attr:`Unit.trail`) is grammar where it stands: at an edge
    it refuses the span (今年以来 "since this year"), inside it takes the grammar's place.
    """
    for i, first in enumerate(clause):
        if not first.start or first.lead:
            continue
        chars = content = grammar = 0
        for j in range(i, len(clause)):
            here = clause[j]
            chars += len(here.text)
            if chars > MAX_SPAN_CHARS:
                break
            inside = [here.text] if here.grammar else [here.lead] if j > i and here.lead else []
            if not all(map(may_stand_inside, inside)):
                break
            grammar += len(inside)
            if grammar > MAX_GRAMMAR_INSIDE:
                break
            if here.grammar:
                continue  # a word of grammar never ends a span
            content += 1
            if content > MAX_TOKENS:
                break
            if here.end and not here.trail and (j > i or len(here.text) > 1):
                yield i, j + 1
            if here.trail:  # a span that goes on holds it inside
                grammar += 1
                if not may_stand_inside(here.trail) or grammar > MAX_GRAMMAR_INSIDE:
                    break


def may_stand_inside(word: str) -> bool:
    """Whether a word of grammar may stand inside a span (never at its edge): one of
    ``INSIDE_GRAMMAR``, or a lone attributive character (``ATTRIBUTIVE_TAG``) that modifies
    the head after it: 年度/总/预算 "total annual budget", 城市/总/人口."""
    return word in INSIDE_GRAMMAR or (
        len(word) == 1 and segment.dict_tag(word) == ATTRIBUTIVE_TAG
    )


def _hits(piece: str, lower: Sequence[str]) -> set[int]:
    """Positions of the English words that match one of ``piece``'s CC-CEDICT glosses, not
    counting words of grammar (``GRAMMAR_ENGLISH``)."""
    if not piece or piece not in cedict():
        return set()
    glosses = gloss_words(piece)
    return {
        i
        for i, word in enumerate(lower)
        if word not in GRAMMAR_ENGLISH and matches_any(word, glosses)
    }


def _confirms(
    kept: str, left_out: str, neighbour: str, lower: Sequence[str], within: int = _NEAR
) -> bool:
    """Whether the English confirms an edge between ``kept`` (inside the span, next to
    ``neighbour``) and ``left_out`` (the rest of the guessed word, outside it): ``kept``
    has an English word ``within`` words of the neighbour's, and ``left_out`` none at all
    (a name, a character of grammar)."""
    theirs = _hits(neighbour, lower)
    own = _hits(kept, lower) - theirs  # its own English word: 高 of 高温 is no edge
    if not any(0 < abs(p - q) <= within for p in own for q in theirs):
        return False
    return not _hits(left_out, lower)


#: One span as it is counted: its parts, and the units before and after it (None at the
#: clause's edge, or where the English confirmed that edge).
Span = tuple[tuple[str, ...], "Unit | None", "Unit | None"]


def _span(
    units: Sequence[Unit],
    i: int,
    j: int,
    left_confirmed: bool = False,
    right_confirmed: bool = False,
) -> Span:
    """The span of ``units[i:j]``, with no neighbour on a side the English confirmed."""
    before = units[i - 1] if i and not left_confirmed else None
    after = units[j] if j < len(units) and not right_confirmed else None
    return tuple(u.text for u in units[i:j]), before, after


def cut_spans(clause: Sequence[Unit], english: str) -> Iterator[Span]:
    """Each span of ``clause`` with an edge the English confirms.

    - An edge inside a jieba guess (首席/财务/官|王 "chief financial officer Wang":
      首席财务官): the piece of the guess inside the span is its last part (or first).
    - A word of jieba's that the repair split on a character of grammar, whole at the
      span's edge, where the English translates that character, as a word of content,
      near the rest (全/密封 "completely sealed": 全密封): the word is one part.

    The rest of the span is whole units, as :func:`whole_spans` makes them.
    """
    lower = english_words(english)
    if not lower:
        return
    for k, here in enumerate(clause):
        if here.guess and 2 <= len(here.text) <= MAX_GUESS_CHARS:
            yield from _inside_guess(clause, k, lower)
        if here.joins_next and k + 1 < len(clause):
            yield from _split_guess(clause, k, lower)


def _inside_guess(clause: Sequence[Unit], k: int, lower: Sequence[str]) -> Iterator[Span]:
    """The confirmed spans with an edge inside the guess ``clause[k]``."""
    guessed = clause[k].text
    for at in range(1, len(guessed)):
        head, tail = guessed[:at], guessed[at:]
        if k > 0 and token_class(head)[2] and _confirms(head, tail, clause[k - 1].text, lower):
            before = [*clause[:k], unit(head)]  # ... + head: the span ends inside the guess
            for i, j in whole_spans(before):
                if j == len(before) and i < k:
                    yield _span(before, i, j, right_confirmed=True)
        if (
            k + 1 < len(clause)
            and token_class(tail)[1]
            and _confirms(tail, head, clause[k + 1].text, lower)
        ):
            after = [unit(tail), *clause[k + 1 :]]  # tail + ...: the span starts inside it
            for i, j in whole_spans(after):
                if i == 0 and j > 1:
                    yield _span(after, i, j, left_confirmed=True)


def _split_guess(clause: Sequence[Unit], k: int, lower: Sequence[str]) -> Iterator[Span]:
    """The confirmed spans holding whole the word of jieba's that the repair split into
    ``clause[k]`` and ``clause[k + 1]``, with its character of grammar at their edge."""
    first, second = clause[k], clause[k + 1]
    if first.grammar == second.grammar:
        return  # no grammar at an edge (whole_spans has these), or a word of grammar (年内)
    # The English of the character of grammar lies near that of the other piece or, where
    # that has none of its own (a bound root), of the unit beyond it.
    if first.grammar:
        kept, neighbours = first, [second, *clause[k + 2 : k + 3]]
    else:
        kept, neighbours = second, [first, *clause[max(0, k - 1) : k]]
    if not any(_confirms(kept.text, "", n.text, lower, _NEAR_GUESS) for n in neighbours):
        return
    whole = first.text + second.text
    merged = Unit(
        whole, not _known(whole), False, first.grammar or first.start, second.grammar or second.end
    )
    around = [*clause[:k], merged, *clause[k + 2 :]]
    # A guess alone is a word only where no content follows it: 多式 before 联运 is the
    # start of a compound, not a word (a term ends where its head ends).
    after = _span(around, k, k + 1)[2]
    alone = not merged.guess or after is None or after.grammar
    for i, j in whole_spans(around):
        if (i == k and first.grammar or j == k + 1 and second.grammar) and i <= k < j:
            if j - i > 1 or alone:
                yield _span(around, i, j)


@dataclass(slots=True)
class _Seen:
    """What is counted of one span while the pairs are read."""

    parts: tuple[str, ...]
    found: str
    count: int = 0
    pairs: list[int] = field(default_factory=list)
    right: str | None = None  # None: not seen yet; "": followers differ
    right_open: bool = False
    left_open: bool = False
    sources: list[str] = field(default_factory=list)

    def see(self, index: int, source: str, before: Unit | None, after: Unit | None) -> None:
        self.count += 1
        if not self.pairs:
            self.pairs.append(index)
        elif index != self.pairs[-1]:
            self.pairs[1:] = [index]  # the first and the last pair, as collect keeps them
        follower = after.text if after is not None else ""
        self.right = follower if self.right in (None, follower) else ""
        self.right_open |= after is None or after.grammar
        self.left_open |= before is None or before.grammar
        if source not in self.sources:
            self.sources.append(source)


def spans(pairs: Sequence[SentencePair], english_only: bool = True) -> dict[str, Candidate]:
    """Every span of ``pairs`` that may be a term, counted, as :func:`collect` counts runs.

    With ``english_only`` (the default) only pairs with English are read (see the module's
    docstring). A span's parts are its units (a unit of grammar is one of them); ``found``
    is "span", or "cut" for a span with an edge the English confirmed.
    """
    seen: dict[str, _Seen] = {}
    for index, pair in enumerate(pairs):
        english = pair.en
        if not pair.zh or (english_only and not english):
            continue
        for clause in units(pair.zh):
            for i, j in whole_spans(clause):
                _count(seen, _span(clause, i, j), "span", index, pair.source)
            if english:
                # A span confirmed at two cuts of one clause is one occurrence.
                confirmed = {"".join(span[0]): span for span in cut_spans(clause, english)}
                for span in confirmed.values():
                    _count(seen, span, "cut", index, pair.source)
    return {text: _candidate(s) for text, s in seen.items()}


def _count(seen: dict[str, _Seen], span: Span, found: str, index: int, source: str) -> None:
    parts, before, after = span
    text = "".join(parts)
    if text not in seen:
        seen[text] = _Seen(parts, found)
    seen[text].see(index, source, before, after)


def _candidate(s: _Seen) -> Candidate:
    return Candidate(
        s.parts,
        s.count,
        s.pairs[0],
        list(s.pairs),
        s.right or "" if s.count > 1 and len(s.parts) > 1 else "",
        s.right_open,
        s.left_open,
        sources=tuple(s.sources),
        found=s.found,
    )


def add_spans(
    pairs: Sequence[SentencePair], cands: dict[str, Candidate], english_only: bool = True
) -> int:
    """Add to ``cands`` (what :func:`collect` found) the spans it lacks; how many were added.

    A text ``collect`` already has keeps its count and parts: the token runs and the spans
    count the same occurrences. Each added span gets the text's content-token count (for
    the ``association`` rule) from the others.
    """
    tokens = next(iter(cands.values())).tokens if cands else 0
    added = 0
    for text, cand in spans(pairs, english_only).items():
        if text not in cands:
            cand.tokens = tokens
            cands[text] = cand
            added += 1
    return added
