"""Candidate generation: every word and run of content words of a text, counted.

Runs of up to MAX_TOKENS jieba tokens that cross no punctuation, digit or Latin text and
neither start nor end with a word of grammar; quoted text; and runs a lone character
starts as a bound prefix by the aligned English.
"""

from __future__ import annotations

import operator
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, MutableSequence, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat

from flashgen.lexicon import segment
from flashgen.lexicon.english import words as english_words
from flashgen.lexicon.script import HAN, is_han
from flashgen.records import SentencePair
from flashgen.terms.english import gloss_words, matches_any, prefixed_stems
from flashgen.terms.words import LINKING_TAGS, is_function_word, parts_of, token_class

# Longest run of tokens proposed as one term, and its longest length in characters. Domain
# terms of 5+ words are rare; 4 words / 10 characters covers 区域全面经济伙伴关系协定-like names.
MAX_TOKENS = 4
MAX_CHARS = 10
# Quoted text longer than this is a quoted phrase or clause, not a term.
MAX_QUOTED_CHARS = 8
# On long texts only runs seen at least this often (or quoted) are scored, so that the
# cost stays linear; 10 k is more than any deck takes and keeps xwlb_2025's runs seen 6+ times.
MAX_CANDIDATES = 10_000
# Pairs segmented between progress reports: about a tenth of a second of work.
_PROGRESS_EVERY = 2000
# Han text of 2..MAX_QUOTED_CHARS characters between Chinese quotes or title marks.
_QUOTED = re.compile(rf"[“「《‘]([{HAN}]{{2,{MAX_QUOTED_CHARS}}})[”」》’]")


@dataclass(slots=True)
class Candidate:
    """What was counted for one candidate string.

    ``right`` is the word that followed every occurrence ("" if they differ or the count
    is 1); ``right_open`` records that some occurrence ended before punctuation, a
    function word or the end of a sentence.
    """

    parts: tuple[str, ...]
    count: int
    first_pair: int
    pairs: list[int]
    right: str = ""
    right_open: bool = False
    left_open: bool = False
    quoted: int = 0
    prefixed: int = 0  # times the English gave its head a bound prefix ("preheating")
    sources: tuple[str, ...] = ()
    tokens: int = 0  # content tokens in the whole text, for expected co-occurrence
    found: str = "run"  # the generator: "word", "run", "quote" or "prefix" (a bound prefix)


def collect(
    pairs: Sequence[SentencePair],
    progress: Callable[[int, int], None],
    words_of: Callable[[int], Sequence[str]] | None = None,
) -> dict[str, Candidate]:
    """Every word and every run of 2..MAX_TOKENS content words, counted, with quotes.

    A run never holds a function word, punctuation, a digit or Latin text, and never
    crosses a pair. The counting runs over every token of a corpus, so it is done with
    integer n-gram keys and C-level ``map``/``Counter`` passes rather than a Python loop
    per token; only the candidates that survive the count floor are looked at one by one.
    ``words_of(i)`` gives pair i's :func:`segment.words` when a batch's workers have cut
    them already (:mod:`flashgen.batch`); else they are cut here.
    """
    ids, ends, words = _token_ids(pairs, progress, words_of)
    size = len(words)
    levels, floor, tokens = _levels(ids, words)
    survivors = _survivors([level[2] for level in levels], floor, words, size)
    single_source = len({p.source for p in pairs}) <= 1
    bilingual = any(p.en_sentences for p in pairs)
    cands: dict[str, Candidate] = {}
    for n, wanted in enumerate(survivors, start=1):
        if not wanted:
            continue
        _add_level(n, wanted, levels[n - 1], ids, ends, words, bilingual, cands)
        if not single_source:
            _add_sources(wanted, levels[n - 1], ends, pairs, cands)
    if single_source:
        names = (pairs[0].source,) if pairs else ()
        for cand in cands.values():
            cand.sources = names
    _count_quotes(pairs, cands)
    _count_prefixed(pairs, cands)
    for cand in cands.values():
        cand.tokens = tokens
    return cands


# A column of ints, one per run: an array (4 or 8 bytes an item), or a list of Python ints
# where n-gram keys overflow 63 bits (see _keys).
Column = MutableSequence[int]
# Per level: each run's start, each run's key, and how often each key was seen.
_Level = tuple[Column, Column, Counter[int]]


def _token_ids(
    pairs: Sequence[SentencePair],
    progress: Callable[[int, int], None],
    words_of: Callable[[int], Sequence[str]] | None = None,
) -> tuple[array[int], array[int], list[str]]:
    """The content-word ids of every pair's tokens, a 0 after each pair (no run crosses
    it), where each pair ends, and the words by id.

    Each pair is segmented (unless ``words_of`` has its words) and its tokens turned into
    ids at once: a corpus's tokens are never held as strings (at 30 MB of text those
    strings alone took 700 MB).
    """
    table = _TokenIds()
    ids = array("i")  # word ids and token positions fit in 4 bytes, n-gram keys need 8
    ends = array("i")  # where each pair ends: a 0 that no run crosses
    for done, pair in enumerate(pairs, start=1):
        if pair.zh:
            cut = segment.words(pair.zh) if words_of is None else words_of(done - 1)
            ids.extend(chain.from_iterable(map(table.__getitem__, cut)))
        ends.append(len(ids))
        ids.append(0)
        if done % _PROGRESS_EVERY == 0:
            progress(done, len(pairs))
    ids.extend(repeat(0, MAX_TOKENS))  # padded: i + n fits
    return ids, ends, table.words


def _levels(ids: array[int], words: list[str]) -> tuple[list[_Level], int, int]:
    """Per n, the (start, key) of every run of n content words and its counter; the count
    floor; the number of content tokens.

    A run of n+1 words is only looked for where its first n words reached the count floor
    (a run is never seen more often than its prefix), which keeps a corpus cheap. Once
    the floor is known, each level keeps only the runs that reach it, in 8-byte arrays.
    """
    size = len(words)
    # A non-content token is too long to fit in any run, so one length test does both.
    length_of = [MAX_CHARS + 1, *map(len, words[1:])]
    starts: Column = array("i", compress(count(), ids))
    keys = _keys(1, size, compress(ids, ids))
    spans: Column = array("b", map(length_of.__getitem__, keys))  # at most MAX_TOKENS * 11
    tokens = len(starts)
    levels: list[_Level] = []
    floor = 1
    for n in range(1, MAX_TOKENS + 1):
        if n > 1:
            tail = array("i", map(ids.__getitem__, map(operator.add, starts, repeat(n - 1))))
            keys = _keys(n, size, map(operator.add, map(operator.mul, keys, repeat(size)), tail))
            spans = array("b", map(operator.add, spans, map(length_of.__getitem__, tail)))
            fits = array("b", map(operator.le, spans, repeat(MAX_CHARS)))
            starts, keys, spans = (_kept(x, fits) for x in (starts, keys, spans))
            del tail, fits
        counter = Counter(keys)
        if n == 2:
            floor = _floor([levels[0][2], counter])
            if floor > 1:
                starts_1, keys_1, counter_1 = levels[0]
                counter_1, (keys_1, starts_1) = _reaching(floor, counter_1, keys_1, starts_1)
                levels[0] = (starts_1, keys_1, counter_1)
        if floor > 1:  # only these runs are scored or grow into longer ones
            counter, (keys, starts, spans) = _reaching(floor, counter, keys, starts, spans)
        levels.append((starts, keys, counter))
    return levels, floor, tokens


def _edges(
    n: int, wanted: dict[int, tuple[str, ...]], level: _Level, ids: array[int]
) -> tuple[set[int], set[int], dict[int, int]]:
    """The runs of ``level`` some occurrence of which ends before a non-content token
    (right open) or starts after one (left open), and the one word that follows every
    occurrence of a run, where there is one. What follows a single word is not used: a
    word's edges are jieba's."""
    if n == 1:
        return set(), set(), {}
    starts, keys, counter = level
    chosen = list(map(wanted.__contains__, keys))
    where = list(compress(starts, chosen))
    nexts = map(ids.__getitem__, map(operator.add, where, repeat(n)))
    followers: Counter[tuple[int, int]] = Counter()
    followers.update(zip(compress(keys, chosen), nexts, strict=True))
    right_open = {key for key, nxt in followers if not nxt}
    # Whether some occurrence of a run that starts with a lone character follows no
    # content word: else the character may be the end of the word before it.
    befores = map(ids.__getitem__, map(operator.sub, where, repeat(1)))
    left_open = {key for key, prev in zip(compress(keys, chosen), befores, strict=True) if not prev}
    right_same = {key: nxt for (key, nxt), c in followers.items() if c == counter[key]}
    return right_open, left_open, right_same


def _add_level(
    n: int,
    wanted: dict[int, tuple[str, ...]],
    level: _Level,
    ids: array[int],
    ends: array[int],
    words: list[str],
    bilingual: bool,
    cands: dict[str, Candidate],
) -> None:
    """Add the wanted runs of n words to ``cands``, with their first (and last) pair."""
    starts, keys, counter = level
    first = dict(zip(reversed(keys), reversed(starts), strict=True))
    # The last occurrence gives a second English sentence to match; none without English.
    last = dict(zip(keys, starts, strict=True)) if bilingual else first
    right_open, left_open, right_same = _edges(n, wanted, level, ids)
    for key, parts in wanted.items():
        text = "".join(parts)
        first_pair, last_pair = bisect_left(ends, first[key]), bisect_left(ends, last[key])
        pair_ids = [first_pair] if first_pair == last_pair else [first_pair, last_pair]
        total = counter[key]
        cand = cands.get(text)
        if cand is not None and cand.count >= total:  # the same text, split otherwise
            cand.count += total
            continue
        cands[text] = Candidate(
            parts,
            total + (cand.count if cand else 0),
            pair_ids[0],
            pair_ids,
            words[right_same.get(key, 0)] if total > 1 else "",
            key in right_open,
            key in left_open,
            found="word" if n == 1 else "run",
        )


def _add_sources(
    wanted: dict[int, tuple[str, ...]],
    level: _Level,
    ends: array[int],
    pairs: Sequence[SentencePair],
    cands: dict[str, Candidate],
) -> None:
    """Record the sources each wanted run of ``level`` occurs in, in the order met.

    Each text's sources are gathered in a dict (ordered, and a membership test that does
    not grow with them: testing the tuple took 3.7 s of a build of 2,000 news stories).
    """
    starts, keys, _ = level
    texts = {key: "".join(parts) for key, parts in wanted.items()}
    met: dict[str, dict[str, None]] = {}
    for key, pos in zip(keys, starts, strict=True):
        text = texts.get(key)
        if text is not None:
            met.setdefault(text, {})[pairs[bisect_left(ends, pos)].source] = None
    for text, sources in met.items():
        cand = cands[text]
        had = set(cand.sources)
        cand.sources += tuple(source for source in sources if source not in had)


class _TokenIds(dict[str, tuple[int, ...]]):
    """Token -> the ids of its parts (:func:`parts_of`), numbering words as they come.

    Id 0 stands for every token a run may not hold (a function word, punctuation, digits,
    Latin text); ``words`` maps ids back. A missing token is resolved once, so turning a
    corpus into ids is one C-level ``map`` over its tokens.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = [""]
        self._id_of: dict[str, int] = {}

    def __missing__(self, token: str) -> tuple[int, ...]:
        parts = parts_of(token) if len(token) > 2 else (token,)
        self[token] = out = tuple(map(self._word_id, parts))
        return out

    def _word_id(self, word: str) -> int:
        if word not in self._id_of:
            content = is_han(word) and not token_class(word)[0]
            self._id_of[word] = len(self.words) if content else 0
            if content:
                self.words.append(word)
        return self._id_of[word]


def _keys(n: int, size: int, values: Iterable[int]) -> Column:
    """n-gram keys in 8 bytes each, or as Python ints when ``size ** n`` overflows 63 bits."""
    return array("q", values) if size**n <= 2**63 else list(values)


def _kept(column: Column, mask: Iterable[int]) -> Column:
    """The items of ``column`` (an array or a list) where ``mask`` is true, same type."""
    out = column[:0]
    out.extend(compress(column, mask))
    return out


def _reaching(
    floor: int, counter: Counter[int], keys: Column, *columns: Column
) -> tuple[Counter[int], tuple[Column, ...]]:
    """The counter, then the keys and parallel columns (one tuple), of only the runs seen
    ``floor`` times or more.

    No run below the floor is scored or grows, so a corpus's rare runs, the bulk of its
    positions, are dropped as soon as the floor is known.
    """
    counter = Counter({key: times for key, times in counter.items() if times >= floor})
    mask = array("b", map(counter.__contains__, keys))
    return counter, tuple(_kept(column, mask) for column in (keys, *columns))


def _floor(counters: list[Counter[int]]) -> int:
    """The least count a run needs to be scored: 1 on a short text, more on a corpus.

    Chosen so that about 2 x MAX_CANDIDATES words and two-word runs reach it (the edge
    rules then drop most runs).
    """
    tally: Counter[int] = Counter()
    for counter in counters:
        tally.update(counter.values())
    floor, kept = 1, sum(tally.values())
    for times in sorted(tally):
        if kept <= 2 * MAX_CANDIDATES:
            break
        kept -= tally[times]
        floor = times + 1
    return floor


def _survivors(
    counters: list[Counter[int]], floor: int, words: list[str], size: int
) -> list[dict[int, tuple[str, ...]]]:
    """Per n, the keys seen at least ``floor`` times whose words may start and end a term."""
    out: list[dict[int, tuple[str, ...]]] = []
    for n, counter in enumerate(counters, start=1):
        wanted: dict[int, tuple[str, ...]] = {}
        for key, times in counter.items():
            if times < floor:
                continue
            parts = _decode(key, n, size, words)
            if n == 1:
                if len(parts[0]) > 1:
                    wanted[key] = parts
            elif (
                token_class(parts[0])[1]
                and token_class(parts[-1])[2]
                and all(token_class(p)[3] for p in parts[1:-1])
            ):
                wanted[key] = parts
        out.append(wanted)
    return out


def _decode(key: int, n: int, size: int, words: list[str]) -> tuple[str, ...]:
    """The words of an n-gram key (its digits in base ``size`` are word ids)."""
    if n == 1:
        return (words[key],)
    parts: list[str] = []
    for _ in range(n):
        key, word_id = divmod(key, size)
        parts.append(words[word_id])
    return tuple(reversed(parts))


def _count_quotes(pairs: Sequence[SentencePair], cands: dict[str, Candidate]) -> None:
    """Mark candidates that stood in quotes; quoted text that is no run becomes one."""
    texts = [pair.zh for pair in pairs]
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    for match in _QUOTED.finditer("\n".join(texts)):  # one pass over the whole text
        inner = match.group(1)
        cand = cands.get(inner)
        if cand is None:
            parts = tuple(segment.words(inner))
            if any(map(_phrase_grammar, parts)):
                continue  # a quoted phrase (“新的和危险的违反”), not a term
            index = bisect_right(starts, match.start()) - 1
            cand = cands[inner] = Candidate(
                parts,
                1,
                index,
                [index],
                right_open=True,
                sources=(pairs[index].source,),
                found="quote",
            )
        cand.quoted += 1


def _phrase_grammar(word: str) -> bool:
    """A function word that makes quoted text a phrase rather than a term: a preposition,
    conjunction, particle, pronoun or interjection (LINKING_TAGS: “新的和危险的违反”).

    The quote marks fix the quoted text's edges, so a function word of content morphemes
    (an adverb, a unit or a name character) stands in it as in a coined name: “共同治理”
    "co-governance" holds 共同 (an adverb by jieba's tag), “读书月” "reading month" 月 (a
    unit of time).
    """
    return is_function_word(word) and segment.dict_tag(word) in LINKING_TAGS


def _count_prefixed(pairs: Sequence[SentencePair], cands: dict[str, Candidate]) -> None:
    """Add the runs a lone character starts as a prefix, by the aligned English.

    The character's own gloss rarely says so (预 "in advance" for "pre-", 多 "many" for
    "multi-"), but the English word of the next word carries the prefix; the words after it
    join while their glosses follow in the English ("multi-sensor fusion").
    """
    added: set[str] = set()
    # A repeated pair (a headline, a repeated text) gives the same runs: found once.
    runs_of: dict[tuple[str, str], list[list[str]]] = {}
    for index, pair in enumerate(pairs):
        if not pair.en or not pair.zh:
            continue
        key = (pair.zh, pair.en)
        if key not in runs_of:
            stems = prefixed_stems(pair.en)
            runs_of[key] = (
                _prefixed_runs(segment.words(pair.zh), english_words(pair.en), stems)
                if stems else []
            )
        for parts in runs_of[key]:
            for text, run in {"".join(parts[:2]): parts[:2], "".join(parts): parts}.items():
                if text not in cands:
                    cands[text] = Candidate(
                        tuple(run),
                        0,
                        index,
                        [index],
                        right_open=True,
                        sources=(pair.source,),
                        found="prefix",
                    )
                    added.add(text)
                cand = cands[text]
                cand.count += text in added  # a counted run's occurrences are counted already
                cand.prefixed += 1


def _prefixed_runs(
    tokens: Sequence[str], lower: Sequence[str], stems: Sequence[tuple[int, str]]
) -> list[list[str]]:
    """The runs of one sentence that start with a lone character rendered as a prefix:
    the character, the word whose gloss is the stem, then the words whose glosses follow."""
    out: list[list[str]] = []
    for i, char in enumerate(tokens[:-1]):
        if len(char) != 1 or not is_han(char) or segment.dict_tag(char) in LINKING_TAGS:
            continue
        word = tokens[i + 1]
        if len(word) < 2 or not is_han(word) or is_function_word(word):
            continue
        glosses = gloss_words(word)
        at = next((j for j, stem in stems if matches_any(stem, glosses)), None)
        if at is None:
            continue
        parts = [char, word]
        for nxt in tokens[i + 2 : i + MAX_TOKENS]:
            at += 1
            if (
                at >= len(lower)
                or not is_han(nxt)
                or token_class(nxt)[0]
                or not matches_any(lower[at], gloss_words(nxt))
                or len("".join(parts)) + len(nxt) > MAX_CHARS
            ):
                break
            parts.append(nxt)
        out.append(parts)
    return out
