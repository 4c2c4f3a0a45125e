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
import importlib.resources
import math
import operator
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat

from flashgen.lexicon import segment
from flashgen.records import SentencePair, Term

# Longest run of tokens proposed as one term, and its longest length in characters. Domain
# terms of 5+ words are rare; 4 words / 10 characters covers 安全合作框架协议-like names.
MAX_TOKENS = 4
MAX_CHARS = 10
# Quoted text longer than this is a quoted phrase or clause, not a term.
MAX_QUOTED_CHARS = 8
# On long texts only runs seen at least this often (or quoted) are scored, so that the
# cost stays linear; 10 k is more than any deck takes and keeps xwlb_2025's runs seen 6+ times.
MAX_CANDIDATES = 10_000
# Pairs segmented between progress reports: about a tenth of a second of work.
_PROGRESS_EVERY = 2000

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Han text of 2..MAX_QUOTED_CHARS characters between Chinese quotes or title marks.
_QUOTED = re.compile(rf"[“「《‘]([\u3400-\u9fff]{{2,{MAX_QUOTED_CHARS}}})[”」》’]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_EN_LETTERS = re.compile(r"[A-Za-z]+")  # pinyin names: "Fang Yuan", "Xi'an" (Xi + an)

# jieba tags of a noun-like head and of a modifier that forms noun compounds with it
# (阵营/n 对立/v, 情报/n 共享/v): verb-object phrases (强化/v 军事/n) are left out.
_NOMINAL_HEADS = frozenset({"n", "vn", "nz", "v", "an"})
_NOMINAL_MODIFIERS = frozenset({"n", "vn", "nz", "b", "an", "s"})
# How much rarer than its parts a run is taken to be, in Zipf steps. A term that no
# dictionary lists is what a learner most needs; 2 lets a run with one strong signal
# (quoted, or its English phrase found) outrank a once-seen dictionary word.
NOVELTY = 2.0
# A longer term discounts a shorter one inside it when it scores at least this share of
# the shorter one's worth. 0.5 (let weaker containers count too) lost seed recall to
# fragments such as 包括核武器 "including nuclear weapons" and gained 0.008 on csl_kg.
NESTED_RATIO = 1.0
# The same for a run that is the start of the longer one: 0.6 ranked 单方面改变现状 above
# its fragment on the seed; 0.8 did not; csl_kg moved by 0.003 either way.
HEADLESS_RATIO = 0.6
# A name before a term that scores at least this share of the whole makes a once-seen
# whole an instance of it. 0.5 and 0.7 tied on the seed; 0.5 did better on csl_kg.
EXTENSION_RATIO = 0.5
# Names, places and organisations are not vocabulary by default: they stay in the list,
# with their kind, below the words. 0.2 against 0.3 on the seed: compound recall 0.912 vs
# 0.882; on csl_kg 0.487 vs 0.492 (300 abstracts).
NAME_WEIGHT = 0.2
_DEGREE = frozenset("更很最较太")
# jieba tags of numerals, classifiers, pronouns, adverbs, prepositions, conjunctions,
# particles, interjections, localisers and time words: words of grammar, not vocabulary.
_GRAMMAR_TAGS = frozenset(
    "m mq q r rr rz d p c u uj ul ud ug uv uz e y o f t tg zg".split()
)
# Of those, the tags that end a run of content words wherever they stand (pronouns may be
# nouns too: 多边 "multilateral" is tagged r; localisers and time words start terms: 战后).
_RUN_BREAK_TAGS = frozenset("m mq q d p c u uj ul ud ug uv uz e y o".split())
# One-character words of these tags are never inside a term (共 "in all"); one-character
# numerals and classifiers may be (离群/点/检测 "outlier detection").
_RUN_BREAK_1 = frozenset("d p c u uj ul ud ug uv uz e y o".split())
_PRONOUN_TAGS = frozenset({"r", "rr", "rz"})
# jieba tags of a determiner (每 "each", 该 "that").
_DETERMINER_TAGS = frozenset({"r", "zg"})
# jieba's tags of a character that ends no word it guessed: a localiser (港前 "before the
# port"), an adjective, adverb, preposition or conjunction (草近 "weed nearly", of 飞机草
# "Siam weed" before 近 "nearly"): the guess glued a grammar word to a name.
_GUESS_END_TAGS = frozenset({"f", "a", "d", "p", "c"})
# jieba's tags of time words (周二 "Tuesday", 战后 "postwar").
_TIME_TAGS = frozenset({"t", "tg"})
# First characters of demonstrative pronouns (这类 "this kind of", 此类, 该院 "that hospital",
# 每次, 各类, 某些): a closed class. 本 is left out: 本地 "local", 本土 "native" form terms.
_DEMONSTRATIVES = frozenset("这那此该每各某")
# English words of dates and of times relative to now, a closed class: a time word glossed
# with one of them is an adverbial of time, not a modifier of a term.
_CALENDAR_WORDS = frozenset(
    "day days week weeks month months year years today tomorrow yesterday tonight now ago "
    "recent recently previously present currently monday tuesday wednesday thursday "
    "friday saturday sunday morning afternoon evening".split()
)
# English words of adverb and number senses ("not yet", "in person", "one third").
_ADVERB_WORDS = frozenset(
    "not yet still already once again ever never just very also in "
    "one two three four five half third quarter each every".split()
)
# jieba tags of nouns and names: such a word is content even if made of function characters.
_CONTENT_TAGS = frozenset({"n", "ns", "nr", "nt", "nz", "nrt", "nrfg"})
# English words that mark a CC-CEDICT proper noun as an organisation (美军 "US army").
_ORG_WORDS = frozenset(
    "party organization organisation union army forces force agency association company "
    "committee council bank ministry navy corporation league".split()
)
# jieba's tags of a plain verb (not vn, a verb used as a noun).
_VERB_TAGS = frozenset({"v", "vd", "vi", "vq"})
# English endings of nouns made from verbs and adjectives, and of modifiers: how the
# aligned English shows a verb used as a noun or as a modifier.
_NOMINAL_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "ure", "age", "sis", "ity")
_ADJECTIVE_ENDINGS = ("ed", "al", "ive", "ic", "ary", "ory", "able", "ible")
_MODIFIER_ENDINGS = (*_ADJECTIVE_ENDINGS, *_NOMINAL_ENDINGS)
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_NAME_KINDS = {"nr": "name", "nrfg": "name", "nrt": "name", "ns": "place", "nt": "org"}


@dataclass(slots=True)
class _Candidate:
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


@lru_cache(maxsize=1)
def _affixes() -> tuple[frozenset[str], frozenset[str]]:
    """Term-forming prefixes and heads (general morphology, all domains)."""
    text = (importlib.resources.files("flashgen") / "data" / "term_affixes.txt").read_text(
        encoding="utf-8"
    )
    prefixes: set[str] = set()
    heads: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.endswith("…"):
            prefixes.add(line[:-1])
        elif line.startswith("…"):
            heads.add(line[1:])
    return frozenset(prefixes), frozenset(heads)


@lru_cache(maxsize=4)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _is_han(text: str) -> bool:
    return _HAN_RUN.fullmatch(text) is not None


@lru_cache(maxsize=65536)
def _parts_of(token: str) -> tuple[str, ...]:
    """A jieba phrase entry that CC-CEDICT lacks, as its two dictionary words.

    jieba's dictionary holds many multi-word entries (普遍认为 "generally believe",
    核打击 "nuclear strike"); splitting them lets every run be judged the same way and lets
    their parts be counted (日本自卫队 holds 自卫队).
    """
    from flashgen.lexicon.cedict import cedict

    if len(token) < 3 or token in cedict() or not segment.frequency(token):
        return (token,)
    prefixes, heads = _affixes()
    glue = segment.function_words()  # 每/公斤 "per kilogram", 可/储存 "can store"
    for cut_at in range(1, len(token)):
        head, tail = token[:cut_at], token[cut_at:]
        # A one-character start may also be a suffix of the word before (弃光/率/控制
        # "curtailment rate control") or a verb with its object (讲/清楚 "explain clearly",
        # 进/社区 "into the community").
        head_ok = (
            head in prefixes or head in glue or head in heads or _is_verb(head)
            if len(head) == 1
            else head in cedict()
        )
        tail_ok = tail in heads or tail in glue if len(tail) == 1 else tail in cedict()
        if head_ok and tail_ok:
            return (head, tail)
    return (token,)


@lru_cache(maxsize=65536)
def _is_function_word(tok: str) -> bool:
    """A listed function word, or two function characters that jieba joined.

    中以 ("China-Israel" in 联赛中以) and 多地 ("many places") work as function words,
    unless the pair is a dictionary word or jieba knows it as a noun or name (日本
    "Japan", 前沿 "front line").
    """
    from flashgen.lexicon.cedict import cedict

    fw = segment.function_words()
    return tok in fw or (
        len(tok) == 2
        and tok[0] in fw
        and tok[1] in fw
        and segment.dict_tag(tok) not in _CONTENT_TAGS
        and tok not in cedict()
    )


def _is_verb(char: str) -> bool:
    """A character whose first CC-CEDICT sense is a verb ("to ...")."""
    from flashgen.lexicon.cedict import lookup

    entries = lookup(char)
    return bool(entries and entries[0].senses) and entries[0].senses[0].startswith("to ")


@lru_cache(maxsize=262144)
def _token_class(tok: str) -> tuple[bool, bool, bool, bool]:
    """(is a function word, may start, may end, may stand inside a run) for one token.

    Adverbs, numerals, classifiers and such by jieba's tag (尚未 "not yet", 三分之一
    "a third") and pronoun-like words (各区 "each district") are in no run, unless
    CC-CEDICT gives them a noun or adjective sense; longer ones stay candidates on their own
    (擅自 "without permission"). A word jieba guessed that begins or ends with a function
    character (每艘 "each (ship)", 港前 in 东湾港/前三季度) has an unreliable edge there.
    """
    from flashgen.lexicon.cedict import cedict

    if _is_function_word(tok):
        return True, False, False, False
    tag = segment.dict_tag(tok)
    if tag in _RUN_BREAK_TAGS or (tag in _PRONOUN_TAGS and tok not in cedict()):
        if len(tok) == 1:
            if tag in _RUN_BREAK_1:
                return True, False, False, False
        elif (tok in cedict() or tag not in ("d", "p")) and not _content_sense(tok):
            return False, False, False, False  # 尚未 "not yet": a word, in no run
    if len(tok) == 1:
        # Any lone content character may end a term: jieba leaves suffixes on their own
        # (数据标注/员 "data annotator", 降噪/器). Only listed heads (…化, …率) did at first;
        # then characters forming 60+ of jieba's words after another word; every threshold
        # tried (200, 100, 60, 40, 20, 10, 1) did worse on csl_kg than none (0.483 ... 0.507
        # against 0.508) and no better on our devset or the seed. It may start one as a
        # prefix (净/利润 "net profit", 逆/时针), unless it is a verb before its object
        # (降/成本 "cut costs"), a measure word after a number (年/期, 款) or a preposition:
        # csl_kg 0.508 -> 0.518, our devset recall 0.707 -> 0.720 with 3 more junk in 300;
        # the seed did not move. (Listed prefixes only, 核…, 反…, before.)
        start = tok in _affixes()[0] or not (
            _is_verb(tok) or segment.measure_word(tok) or segment.dict_tag(tok) in ("q", "p", "m")
        )
        # An adjective or adverb character is a predicate there (安装/新 "install new").
        return False, start, segment.dict_tag(tok) not in ("a", "d"), True
    start = tok[0] not in _DEGREE  # 更大/权限 "greater power"
    if not tag and not segment.frequency(tok) and tok not in cedict():  # jieba's guess
        first, last = segment.dict_tag(tok[0]), segment.dict_tag(tok[-1])
        return False, start and first not in _DETERMINER_TAGS, last not in _GUESS_END_TAGS, True
    if segment.counted(tok) or (tag in _PRONOUN_TAGS and tok[0] in _DEMONSTRATIVES):
        return False, False, False, True  # 一家/医院 "one hospital", 这类/病例 "such cases"
    if tag in _TIME_TAGS:
        # A time word is no head (工厂/周一 "the plant on Monday"); it is part of a term
        # only as a period's modifier (战后 "postwar", 早期 "early-stage"), never as a date
        # (下月 "next month", 此前 "before this", 工厂/周一/起火 "the plant on Monday caught fire").
        calendar = _calendar_time(tok)
        return False, start and not calendar, False, not calendar
    return False, start, True, True


@lru_cache(maxsize=4096)
def _calendar_time(word: str) -> bool:
    """Whether a CC-CEDICT sense of ``word`` names a date or a time relative to now."""
    from flashgen.lexicon.cedict import lookup

    return any(
        _CALENDAR_WORDS.intersection(_EN_WORD.findall(sense.lower()))
        for entry in lookup(word)
        for sense in entry.senses
    )


# English words of numbers and quantities, a closed class: a CC-CEDICT sense with one of
# them ("a few", "the first time", "a pair") shows a numeral or classifier at work.
_QUANTITY_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve twenty hundred "
    "thousand million billion first second third fourth fifth several many much few half "
    "whole all some each every both pair couple times once twice dozen number numeral "
    "classifier".split()
)


@lru_cache(maxsize=4096)
def _quantity(word: str) -> bool:
    """Whether a word jieba tags as a numeral or classifier is one: CC-CEDICT lacks it, or
    one of its senses counts (几个 "several", 一对 "a pair"). 一线 "front line" and 整顿
    "to overhaul" are a noun and a verb in a numeral's clothing."""
    from flashgen.lexicon.cedict import lookup

    senses = [s for e in lookup(word) for s in e.senses if not s.startswith("CL:")]
    return not senses or any(
        any(c.isdigit() for c in s) or _QUANTITY_WORDS.intersection(_EN_WORD.findall(s.lower()))
        for s in senses
    )


@lru_cache(maxsize=65536)
def _content_sense(word: str) -> bool:
    """Whether CC-CEDICT gives ``word`` a noun, adjective or verb sense.

    jieba's tags are coarse: its adverbs (d) include 长期 "long term", 快速 "fast" and
    相机 "camera", its numerals 三维 "three-dimensional", its classifiers 阵列 "array".
    A short sense that is no "-ly" adverb, no number and no grammar word ("not yet",
    "one third") says the word can be part of a term.
    """
    from flashgen.lexicon.cedict import lookup

    for entry in lookup(word):
        for sense in entry.senses:
            for alternative in re.sub(r"\([^)]*\)", " ", sense).split(";"):
                words = alternative.lower().split()
                if (
                    0 < len(words) <= (3 if words[0] == "to" else 2)
                    and not words[-1].endswith("ly")
                    and not _ADVERB_WORDS.intersection(words)
                ):
                    return True
    return False


def _collect(
    pairs: Sequence[SentencePair], progress: Callable[[int, int], None]
) -> dict[str, _Candidate]:
    """Every word and every run of 2..MAX_TOKENS content words, counted, with quotes.

    A run never holds a function word, punctuation, a digit or Latin text, and never
    crosses a pair. The counting runs over every token of a corpus, so it is done with
    integer n-gram keys and C-level ``map``/``Counter`` passes rather than a Python loop
    per token; only the candidates that survive the count floor are looked at one by one.
    """
    # Each pair is segmented and its tokens turned into ids at once: a corpus's tokens are
    # never held as strings (at 30 MB of text those strings alone took 700 MB).
    table = _TokenIds()
    ids = array("i")  # word ids and token positions fit in 4 bytes, n-gram keys need 8
    ends = array("i")  # where each pair ends: a 0 that no run crosses
    for done, pair in enumerate(pairs, start=1):
        if pair.zh:
            ids.extend(chain.from_iterable(map(table.__getitem__, segment.words(pair.zh))))
        ends.append(len(ids))
        ids.append(0)
        if done % _PROGRESS_EVERY == 0:
            progress(done, len(pairs))
    ids.extend(repeat(0, MAX_TOKENS))  # padded: i + n fits
    words = table.words
    size = len(words)
    # A non-content token is too long to fit in any run, so one length test does both.
    length_of = [MAX_CHARS + 1, *map(len, words[1:])]

    # Level n holds every run of n content words (start, key) and its counter. A run of
    # n+1 words is only looked for where its first n words reached the count floor
    # (a run is never seen more often than its prefix), which keeps a corpus cheap. Once
    # the floor is known, each level keeps only the runs that reach it, in 8-byte arrays.
    starts = array("i", compress(count(), ids))
    keys = _keys(1, size, compress(ids, ids))
    spans = array("b", map(length_of.__getitem__, keys))  # at most MAX_TOKENS * 11
    tokens = len(starts)
    levels: list[tuple[array[int], Sequence[int], Counter[int]]] = []
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
                counter_1, keys_1, starts_1 = _reaching(floor, counter_1, keys_1, starts_1)
                levels[0] = (starts_1, keys_1, counter_1)
        if floor > 1:  # only these runs are scored or grow into longer ones
            counter, keys, starts, spans = _reaching(floor, counter, keys, starts, spans)
        levels.append((starts, keys, counter))
    survivors = _survivors([level[2] for level in levels], floor, words, size)
    single_source = len({p.source for p in pairs}) <= 1
    bilingual = any(p.en_sentences for p in pairs)
    cands: dict[str, _Candidate] = {}
    for n, wanted in enumerate(survivors, start=1):
        if not wanted:
            continue
        starts, keys, counter = levels[n - 1]
        first = dict(zip(reversed(keys), reversed(starts), strict=True))
        # The last occurrence gives a second English sentence to match; none without English.
        last = dict(zip(keys, starts, strict=True)) if bilingual else first
        # What follows a single word is not used: a word's edges are jieba's.
        followers: Counter[tuple[int, int]] = Counter()
        if n > 1:
            chosen = list(map(wanted.__contains__, keys))
            where = list(compress(starts, chosen))
            nexts = map(ids.__getitem__, map(operator.add, where, repeat(n)))
            followers.update(zip(compress(keys, chosen), nexts, strict=True))
        right_open = {key for key, nxt in followers if not nxt}
        # Whether some occurrence of a run that starts with a lone character follows no
        # content word: else the character may be the end of the word before it.
        left_open: set[int] = set()
        if n > 1:
            befores = map(ids.__getitem__, map(operator.sub, where, repeat(1)))
            left_open = {
                key for key, prev in zip(compress(keys, chosen), befores, strict=True) if not prev
            }
        right_same = {key: nxt for (key, nxt), c in followers.items() if c == counter[key]}
        for key, parts in wanted.items():
            text = "".join(parts)
            first_pair, last_pair = bisect_left(ends, first[key]), bisect_left(ends, last[key])
            pair_ids = [first_pair] if first_pair == last_pair else [first_pair, last_pair]
            total = counter[key]
            cand = cands.get(text)
            if cand is not None and cand.count >= total:  # the same text, split otherwise
                cand.count += total
                continue
            cands[text] = _Candidate(
                parts,
                total + (cand.count if cand else 0),
                pair_ids[0],
                pair_ids,
                words[right_same.get(key, 0)] if total > 1 else "",
                key in right_open,
                key in left_open,
            )
        if not single_source:
            for key, pos in zip(keys, starts, strict=True):
                if key not in wanted:
                    continue
                cand = cands["".join(wanted[key])]
                source = pairs[bisect_left(ends, pos)].source
                if source not in cand.sources:
                    cand.sources += (source,)
    if single_source:
        names = (pairs[0].source,) if pairs else ()
        for cand in cands.values():
            cand.sources = names
    _count_quotes(pairs, cands)
    _count_prefixed(pairs, cands)
    for cand in cands.values():
        cand.tokens = tokens
    return cands


class _TokenIds(dict[str, tuple[int, ...]]):
    """Token -> the ids of its parts (:func:`_parts_of`), numbering words as they come.

    Id 0 stands for every token a run may not hold (a function word, punctuation, digits,
    Latin text); ``words`` maps ids back. A missing token is resolved once, so turning a
    corpus into ids is one C-level ``map`` over its tokens.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = [""]
        self._id_of: dict[str, int] = {}

    def __missing__(self, token: str) -> tuple[int, ...]:
        parts = _parts_of(token) if len(token) > 2 else (token,)
        self[token] = out = tuple(map(self._word_id, parts))
        return out

    def _word_id(self, word: str) -> int:
        if word not in self._id_of:
            content = _is_han(word) and not _token_class(word)[0]
            self._id_of[word] = len(self.words) if content else 0
            if content:
                self.words.append(word)
        return self._id_of[word]


def _keys(n: int, size: int, values: Iterable[int]) -> Sequence[int]:
    """n-gram keys in 8 bytes each, or as Python ints when ``size ** n`` overflows 63 bits."""
    return array("q", values) if size**n <= 2**63 else list(values)


def _kept(column: Sequence[int], mask: Iterable[int]) -> Sequence[int]:
    """The items of ``column`` (an array or a list) where ``mask`` is true, same type."""
    out = column[:0]
    out.extend(compress(column, mask))
    return out


def _reaching(
    floor: int, counter: Counter[int], keys: Sequence[int], *columns: Sequence[int]
) -> tuple[Counter[int], Sequence[int], *tuple[Sequence[int], ...]]:
    """The counter, keys and parallel columns of only the runs seen ``floor`` times or more.

    No run below the floor is scored or grows, so a corpus's rare runs, the bulk of its
    positions, are dropped as soon as the floor is known.
    """
    counter = Counter({key: times for key, times in counter.items() if times >= floor})
    mask = array("b", map(counter.__contains__, keys))
    return counter, _kept(keys, mask), *(_kept(column, mask) for column in columns)


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
                _token_class(parts[0])[1]
                and _token_class(parts[-1])[2]
                and all(_token_class(p)[3] for p in parts[1:-1])
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


def _count_quotes(pairs: Sequence[SentencePair], cands: dict[str, _Candidate]) -> None:
    """Mark candidates that stood in quotes; quoted text that is no run becomes one."""
    texts = [pair.zh for pair in pairs]
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    for match in _QUOTED.finditer("\n".join(texts)):  # one pass over the whole text
        inner = match.group(1)
        cand = cands.get(inner)
        if cand is None:
            parts = tuple(segment.words(inner))
            if any(map(_is_function_word, parts)):
                continue  # a quoted phrase (“新的和危险的违反”), not a term
            index = bisect_right(starts, match.start()) - 1
            cand = cands[inner] = _Candidate(
                parts, 1, index, [index], right_open=True, sources=(pairs[index].source,)
            )
        cand.quoted += 1


# English bound prefixes, a closed class: "preheating", "multi-sensor", "non-contact".
# A Chinese character before a word whose gloss the English carries with one of them is
# that prefix (预/加热, 多/传感器, 非/接触): jieba leaves it alone, CC-CEDICT lacks the whole.
_EN_PREFIXES = tuple(
    "anti auto bio co counter cross cyber de eco hyper inter macro micro mini mis mono multi "
    "neo non over poly post pre pro proto pseudo quasi re self semi sub super tele trans "
    "ultra un under".split()
)
# jieba's tags of characters that are no prefix: prepositions, conjunctions, particles,
# pronouns and interjections (在/训练 "in training", 其/模型 "its model").
_NO_PREFIX_TAGS = frozenset("p c u uj ul ud ug uv uz y e r rr rz".split())


@lru_cache(maxsize=4096)
def _english_words(english: str) -> tuple[str, ...]:
    """The words of an English sentence in lower case; each signal of each run reads them
    again, so they are split once per sentence."""
    return tuple(w.lower() for w in _EN_WORD.findall(english))


def _prefixed_stems(english: str) -> list[tuple[int, str]]:
    """(position, stem) of each English word made of a bound prefix and a word of 4+
    letters: "preheating" -> "heating", "multi-sensor" -> "sensor"."""
    out: list[tuple[int, str]] = []
    for i, word in enumerate(_english_words(english)):
        for prefix in _EN_PREFIXES:
            stem = word[len(prefix) :].lstrip("-")
            if word.startswith(prefix) and len(stem) >= 4 and "-" not in stem:
                out.append((i, stem))
    return out


def _count_prefixed(pairs: Sequence[SentencePair], cands: dict[str, _Candidate]) -> None:
    """Add the runs a lone character starts as a prefix, by the aligned English.

    The character's own gloss rarely says so (预 "in advance" for "pre-", 多 "many" for
    "multi-"), but the English word of the next word carries the prefix; the words after it
    join while their glosses follow in the English ("multi-sensor fusion").
    """
    added: set[str] = set()
    for index, pair in enumerate(pairs):
        if not pair.en or not pair.zh:
            continue
        stems = _prefixed_stems(pair.en)
        if not stems:
            continue
        lower = _english_words(pair.en)
        tokens = segment.words(pair.zh)
        for i, char in enumerate(tokens[:-1]):
            if len(char) != 1 or not _is_han(char) or segment.dict_tag(char) in _NO_PREFIX_TAGS:
                continue
            word = tokens[i + 1]
            if len(word) < 2 or not _is_han(word) or _is_function_word(word):
                continue
            glosses = _gloss_words(word)
            at = next((j for j, stem in stems if _matches_any(stem, glosses)), None)
            if at is None:
                continue
            parts = [char, word]
            for nxt in tokens[i + 2 : i + MAX_TOKENS]:
                at += 1
                if (
                    at >= len(lower)
                    or not _is_han(nxt)
                    or _token_class(nxt)[0]
                    or not _matches_any(lower[at], _gloss_words(nxt))
                    or len("".join(parts)) + len(nxt) > MAX_CHARS
                ):
                    break
                parts.append(nxt)
            for text, run in {"".join(parts[:2]): parts[:2], "".join(parts): parts}.items():
                if text not in cands:
                    cands[text] = _Candidate(
                        tuple(run), 0, index, [index], right_open=True, sources=(pair.source,)
                    )
                    added.add(text)
                cand = cands[text]
                cand.count += text in added  # a counted run's occurrences are counted already
                cand.prefixed += 1


_EN_STOP = frozenset(
    "the a an of to in on at for by with as and or sb sth one's oneself be is are was "
    "used etc from into it its that this something someone also not have has make".split()
)


# Notes, readings and traditional|simplified forms inside a CC-CEDICT sense: no glosses.
_SENSE_NOTES = re.compile(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*")


@lru_cache(maxsize=65536)
def _gloss_words(word: str) -> frozenset[str]:
    """Lower-case content words of ``word``'s CC-CEDICT senses (no notes, no surnames).

    A word CC-CEDICT lacks (指挥权) takes the glosses of its two dictionary halves.
    """
    from flashgen.lexicon.cedict import cedict, lookup

    if word not in cedict():
        for cut_at in range(1, len(word)):
            if word[:cut_at] in cedict() and word[cut_at:] in cedict():
                return _gloss_words(word[:cut_at]) | _gloss_words(word[cut_at:])
        return frozenset()
    found: set[str] = set()
    for entry in lookup(word):
        for sense in entry.senses:
            if sense.startswith(("surname ", "variant of", "old variant", "CL:", "see ")):
                continue
            sense = _SENSE_NOTES.sub(" ", sense)
            for w in _EN_WORD.findall(sense):
                w = w.lower()
                if len(w) >= 3 and w not in _EN_STOP:
                    found.add(w)
    return frozenset(found)


#: Bump when the cached form of the two-character word index changes.
_TWO_CHAR_FORMAT = 2


@lru_cache(maxsize=1)
def _two_char_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """CC-CEDICT's two-character words by each of their characters, and the gloss words
    (``_gloss_words``) of each that has some. Cached beside the dictionary: building it
    scans every headword, and a term's neighbours' glosses took 0.1 s to work out."""
    from flashgen.files.appdir import cached
    from flashgen.lexicon.cedict import data_file, words

    def build() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        index: dict[str, list[str]] = {}
        glosses: dict[str, tuple[str, ...]] = {}
        for word in sorted(words()):
            if len(word) == 2 and _is_han(word):
                index.setdefault(word[0], []).append(word)
                index.setdefault(word[1], []).append(word)
                found = _gloss_words(word)
                if found:  # interned: the cache then stores each English word once
                    glosses[word] = tuple(sorted(map(sys.intern, found)))
        return {char: tuple(found) for char, found in index.items()}, glosses

    return cached("cedict-two-char", data_file(), _TWO_CHAR_FORMAT, build)


@lru_cache(maxsize=4096)
def _near_glosses(word: str) -> frozenset[str]:
    """Glosses of near-synonyms: two-character words sharing a character and a gloss stem.

    A translator's word is often the dictionary's word for a neighbour: 对立 "to oppose;
    antagonistic" is rendered "confrontation", which CC-CEDICT gives for 对抗 ("antagonism;
    confrontation"). Used only where a part's own glosses find nothing.
    """
    own = _gloss_words(word)
    if len(word) != 2 or not own:
        return own
    found = set(own)
    # Stems of 6+ letters: short glosses ("set", "stand") join unrelated words.
    by_prefix: dict[str, list[str]] = {}
    for a in own:
        by_prefix.setdefault(a[:6], []).append(a)
    index, glosses = _two_char_words()
    for other in {*index.get(word[0], ()), *index.get(word[1], ())} - {word}:
        theirs = glosses.get(other, ())
        if any(_same_stem(a, b) for b in theirs for a in by_prefix.get(b[:6], ())):
            found.update(theirs)
    return frozenset(found)


@lru_cache(maxsize=256)
def _sentence_glosses(chinese: str) -> frozenset[str]:
    """The gloss words of every word of a Chinese sentence."""
    return frozenset().union(*(_gloss_words(w) for w in segment.words(chinese) if _is_han(w)))


def _singular(word: str) -> str:
    """allies -> ally, weapons -> weapon: the plural ending that hides a shared stem."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)  # the same gloss/word pairs come back for every candidate
def _same_stem(a: str, b: str) -> bool:
    """deploy ~ deployment, defense ~ defence, strategy ~ strategic: a shared long prefix."""
    if a == b:
        return True
    if a[:2] != b[:2]:
        return False  # _singular keeps the first two letters: no shared stem possible
    a, b = _singular(a), _singular(b)
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    # 4 letters and all but 3 of the shorter word: measured on gloss/translation pairs
    # like anxious/anxieties, deploy/deployment; shorter prefixes matched unrelated words.
    return common >= 4 and common >= min(len(a), len(b)) - 3


def _english_match(parts: Sequence[str], english: str, chinese: str = "") -> float:
    """How well ``parts``' glosses appear as one phrase in ``english`` (0..1).

    1 when each part matches its own English word, in order, within a window a little
    wider than the term ("intelligence sharing" for 情报/共享); a single-character affix
    (化, 权) may stay untranslated ("flatten" for 扁平/化). Some adjacent parts matching
    ("unilateral change" of 单方面/改变/现状) count in proportion, a lone part a little. The
    reverse order ("sharing of intelligence") counts less, and "and"/"or" between the
    matches marks two things listed ("foreign and defense ministers"), not one term.
    """
    if not english:
        return 0.0
    # The pieces of a hyphenated compound ("data-driven") translate parts apart.
    lower = [p for w in _EN_WORD.findall(english) for p in w.lower().split("-") if p]
    needed = [p for p in parts if len(p) > 1] or list(parts)
    lower = _split_compounds(lower, needed)
    positions: list[list[int]] = []
    for part in needed:
        hits = _hits(part, lower, _gloss_words(part))
        if not hits and len(needed) > 1 and part == needed[-1]:  # the head only
            hits = _hits(part, lower, _near_glosses(part))
        positions.append(hits)
    if len(needed) > 1 and not positions[0] and all(positions[1:]):
        # Only the modifier is untranslated by the dictionary ("bloc" confrontation for
        # 阵营/对抗): an English content word right before the head's phrase stands in.
        rests = [_tightest(positions[1:])] if len(needed) > 2 else [[i] for i in positions[1]]
        for rest in rests:
            if rest and _stands_in(lower, min(rest) - 1, needed[0], chinese):
                return 0.7
    if _untranslated_head(needed, positions, lower, chinese):
        return 0.7
    best = 0.0
    for size in range(len(needed), 1, -1):  # the longest run of parts that matches
        for start in range(len(needed) - size + 1):
            found = _phrase(positions[start : start + size], lower)
            if found:
                return found * (0.4 + 0.6 * size / len(needed)) if size < len(needed) else found
    if any(positions):
        best = 1.0 if len(needed) == 1 else 0.25
    return best


def _split_compounds(lower: Sequence[str], needed: Sequence[str]) -> list[str]:
    """English words that join two parts' glosses into one ("smartwatch": "smart" of 智能
    and the end of "wristwatch" of 手表; "firewall"), each written as those two glosses.

    The second piece must be a gloss of the next part or its end, of 3+ letters and no
    mere ending (-ing, -ment...), so that "chatting" or "shipment" stay whole.
    """
    out = list(lower)
    for first, second in zip(needed, needed[1:], strict=False):
        starts, ends = sorted(_gloss_words(first)), sorted(_gloss_words(second))
        out = [piece for word in out for piece in _compound_pieces(word, starts, ends)]
    return out


def _compound_pieces(word: str, starts: Sequence[str], ends: Sequence[str]) -> list[str]:
    """``word`` as a gloss of ``starts`` and one of ``ends`` it ends like, else itself.

    The pieces are not split again: a gloss that begins with another part's gloss
    ("firewall" among the ends, "fire" among the starts) would split for ever.
    """
    if word in ends:  # already the next part's own gloss ("bookshelf")
        return [word]
    for start in starts:
        rest = _singular(word[len(start) :]) if word.startswith(start) else ""
        if len(start) < 3 or len(rest) < 3 or rest.endswith(_MODIFIER_ENDINGS):
            continue
        head = next((h for h in ends if h.endswith(rest)), None)
        if head:
            return [start, head]
    return [word]


def _stands_in(lower: Sequence[str], i: int, part: str, chinese: str) -> bool:
    """Whether English word ``i`` may translate ``part``, which its glosses miss: a content
    word that translates no other word of the sentence ("working" translates 工作 in
    工作/级别/磋商 "working consultations", so it stands in for no other part)."""
    word = lower[i] if 0 <= i < len(lower) else ""
    if len(word) <= 2 or word in _EN_STOP:
        return False
    others = _sentence_glosses(chinese) - _gloss_words(part)
    return not any(_same_stem(word, g) for g in others)


def _untranslated_head(
    needed: Sequence[str], positions: list[list[int]], lower: Sequence[str], chinese: str
) -> bool:
    """Whether the English is an adjective and a noun made from a verb where only the
    Chinese head lacks a dictionary match there ("compulsory sorting" for 强制/分类,
    whose glosses say "to classify"): an adjective ending (-ory, -ive, -al...) on the
    modifier's gloss, then a nominal ending (-ment, -ing...) on the word standing in."""
    if len(needed) != 2:
        return False
    for i in positions[0]:
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if (
            lower[i].endswith(_ADJECTIVE_ENDINGS)
            and after.endswith(_NOMINAL_ENDINGS)
            and _stands_in(lower, i + 1, needed[1], chinese)
        ):
            return True
    return False


def _hits(part: str, lower: Sequence[str], glosses: frozenset[str]) -> list[int]:
    """Positions of the English words that match one of ``glosses``."""
    return [i for i, w in enumerate(lower) if w not in _EN_STOP and _matches_any(w, glosses)]


@lru_cache(maxsize=1 << 16)  # a sentence's words meet the same parts' glosses again and again
def _matches_any(word: str, glosses: frozenset[str]) -> bool:
    return any(_same_stem(word, g) for g in _by_start(glosses).get(word[:2], ()))


@lru_cache(maxsize=4096)
def _by_start(glosses: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``glosses`` by their first two letters: words that start otherwise never share a
    stem (``_singular`` keeps the first two letters), so only these need comparing."""
    found: dict[str, list[str]] = {}
    for g in glosses:
        found.setdefault(g[:2], []).append(g)
    return {start: tuple(words) for start, words in found.items()}


def _modifies_outside(parts: Sequence[str], english: str) -> bool:
    """Whether the English word of the last part is followed by a content word that no
    part translates: the head the run left out."""
    lower = _english_words(english)
    mine = set().union(*(_hits(p, lower, _gloss_words(p)) for p in parts))
    for i in _hits(parts[-1], lower, _gloss_words(parts[-1])):
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if after and after not in _EN_GRAMMAR and after not in _EN_STOP and i + 1 not in mine:
            return True
    return False


def _translated(word: str, english: str) -> bool:
    """Whether one of ``word``'s own CC-CEDICT glosses (not its halves') is in ``english``."""
    from flashgen.lexicon.cedict import cedict

    lower = _english_words(english)
    return word in cedict() and bool(_hits(word, lower, _gloss_words(word)))


def _english_nominal(parts: Sequence[str], english: str) -> bool:
    """Whether the English uses the last part's gloss as a noun: "intelligence sharing",
    "bloc confrontation" (a nominal ending: -tion, -ing, -ment...).

    A bare verb form is left out even right after the modifier's gloss: in "ports curb
    pollution" or "as standards tighten" it is the verb of a clause.
    """
    lower = _english_words(english)
    head = parts[-1]
    for i in _hits(head, lower, _gloss_words(head)) or _hits(head, lower, _near_glosses(head)):
        word = lower[i]
        if word.endswith(_NOMINAL_ENDINGS):
            return True
    return False


def _english_noun(word: str, english: str) -> bool:
    """Whether the English uses a gloss of the verb ``word`` as a noun: with a nominal
    ending ("quantization") or after an adjective ("unilateral change")."""
    lower = _english_words(english)
    return any(
        lower[i].endswith(_NOMINAL_ENDINGS) or (i > 0 and lower[i - 1].endswith(_ADJECTIVE_ENDINGS))
        for i in _hits(word, lower, _gloss_words(word))
    )


def _english_modifier(parts: Sequence[str], english: str, chinese: str) -> bool:
    """Whether the English puts the first part's gloss, as a modifier, just before the rest.

    "enhanced heat transfer", "defensive capability": a participle or adjective ending
    (-ed, -al, -ive...) or a noun ending, at most two words before the head's gloss, or an
    adjective before a noun made from a verb that stands in for the head ("compulsory
    sorting", see :func:`_untranslated_head`).
    """
    lower = _english_words(english)
    if len(parts) == 2 and len(_split_compounds(lower, parts)) > len(lower):
        return True  # one English word of the two: "smartwatch" (see _split_compounds)
    first, last = _gloss_words(parts[0]), _gloss_words(parts[-1])
    heads = [i for i, w in enumerate(lower) if any(_same_stem(w, g) for g in last)]
    for i, word in enumerate(lower):
        if (
            word.endswith(_MODIFIER_ENDINGS)
            and any(_same_stem(word, g) for g in first)
            and any(0 < h - i <= 2 for h in heads)
        ):
            return True
    return len(parts) == 2 and _untranslated_head(
        parts, [_hits(parts[0], lower, first), []], lower, chinese
    )


@lru_cache(maxsize=65536)
def _pure_verb(word: str) -> bool:
    """A word every CC-CEDICT sense of which is a verb ("to use", "to purchase")."""
    from flashgen.lexicon.cedict import lookup

    senses = [
        re.sub(r"^(\([^)]*\)\s*)+", "", s)
        for e in lookup(word)
        for s in e.senses
        if not s.startswith("CL:") and ":" not in s
    ]
    return bool(senses) and all(s.startswith("to ") for s in senses)


# English words of grammar, a closed class: articles, auxiliaries, prepositions, subordinators
# and pronouns. Chinese puts a modifier right before its head, and English keeps that order
# with nothing of these between ("intelligence sharing"); in the same order with one of them
# between ("the plant on Monday", "cut the rate", "shows that loopholes", "the term is
# extended") the Chinese run is a clause, a verb and its object or a time adverbial.
_EN_GRAMMAR = frozenset(
    "the a an this these those that which who whom whose what is are was were be been being "
    "has have had will would shall should can could may might must do does did not "
    "of on at in by from to into onto with without than as when while where after before "
    "during since until if because it its they them their he she his her we our you your".split()
)


# English prepositions that link a head to its modifier after it ("rate of growth").
_EN_LINKS = frozenset("of for on with".split())


def _phrase(positions: list[list[int]], lower: Sequence[str]) -> float:
    """1 if the parts' hits make an in-order phrase, 0.6 reversed, 0.2 a list, else 0."""
    if not all(positions):
        return 0.0
    chosen = _tightest(positions)
    if chosen is None or max(chosen) - min(chosen) > 2 * len(positions):
        return 0.0
    between = lower[min(chosen) : max(chosen) + 1]
    if "and" in between or "or" in between:
        return 0.2
    if chosen == sorted(chosen):
        inside = set(range(min(chosen), max(chosen) + 1)) - set(chosen)
        if any(lower[i] in _EN_GRAMMAR for i in inside):
            return 0.0  # "plant on Monday", "cut the rate": no modifier and head
        return 1.0
    # The English puts the head first: as a term only through a linking preposition
    # ("shortage of beds", "yield on bonds"); with nothing between, the English is a verb and
    # its object ("transferred patients" for 病人/转院 "patients are transferred").
    return 0.6 if _EN_LINKS.intersection(between) else 0.0


def _tightest(positions: list[list[int]]) -> list[int] | None:
    """One distinct English position per part, as close together as a greedy pass finds."""
    best: list[int] | None = None
    for anchor in positions[0]:
        chosen = [anchor]
        for hits in positions[1:]:
            free = [i for i in hits if i not in chosen]  # one English word, one part
            if not free:
                break
            # On a tie the word after, in the Chinese order ("phosphate (LFP) batteries"
            # rather than "lithium iron phosphate" for 磷酸/锂电池).
            chosen.append(min(free, key=lambda i: (abs(i - anchor), i < anchor)))
        else:
            if best is None or max(chosen) - min(chosen) < max(best) - min(best):
                best = chosen
    return best


def _association(parts: Sequence[str], cand: _Candidate) -> float:
    """Pointwise mutual information of the parts, scaled to 0..1.

    With one short article counts are tiny, so the expected count of the run comes from
    the parts' general frequencies (jieba's counts) and the length of this text.
    """
    expected = float(cand.tokens)
    for part in parts:
        expected *= 10 ** (segment.zipf(part) - 9)
    # 20 bits: about the PMI of a once-seen pair of words each seen once per million.
    return min(1.0, max(0.0, math.log2(cand.count / expected) / 20)) if expected > 0 else 0.0


def _rarity(word: str) -> float:
    """0 for the commonest words, about 5 for words jieba's counts have never seen."""
    # 6.5 on the Zipf scale is roughly 是/在; below ~1.2 jieba has no count at all.
    return max(0.0, 6.5 - segment.zipf(word))


def _transliterated(text: str, english: str) -> bool:
    """Whether ``english`` spells ``text`` in pinyin as a name, in one or two capitalised
    words ("Fang Yuan" for 方圆, "Binjiang" for 滨江): a person or place that jieba and
    CC-CEDICT do not know."""
    from flashgen.pinyin.reading import toneless

    if not 2 <= len(text) <= 4:
        return False
    spelled = "".join(toneless(text)).replace("v", "u")
    words = [w if w[:1].isupper() else "" for w in _EN_LETTERS.findall(english)]
    for one, two in zip(words, [*words[1:], ""], strict=False):  # no words: [] and [""]
        if one and (one.lower() == spelled or (two and (one + two).lower() == spelled)):
            return True
    return False


def _glued_left(text: str, sentences: Sequence[str]) -> bool:
    """Whether ``text`` follows a Han character of content wherever these sentences hold it
    (月/面/着陆器 "lunar lander": 面 ends 月面 "the moon's surface", though 月 "month" is a
    measure word and so no content word to the counting)."""
    grammar = segment.grammar_words()
    for sentence in sentences:
        for match in re.finditer(re.escape(text), sentence):
            before = sentence[match.start() - 1 : match.start()]
            if not before or not _is_han(before) or before in grammar:
                return False
    return True


def _kind(text: str, parts: Sequence[str]) -> str:
    from flashgen.lexicon.cedict import lookup

    if len(parts) > 1:
        return "compound"
    tag = _name_tag(text)
    if tag in _NAME_KINDS:
        return _NAME_KINDS[tag]
    senses = [s for e in lookup(text) for s in e.senses]
    if any("(idiom)" in s for s in senses):
        return "idiom"
    if senses and all(s[:1].isupper() for s in senses):  # a proper noun jieba missed
        words = {w.lower() for s in senses for w in _EN_WORD.findall(s)}
        return "org" if words & _ORG_WORDS else "place"
    return "word"


@lru_cache(maxsize=65536)
def _name_tag(word: str) -> str:
    """jieba's tag of ``word``, with "n" for a name tag CC-CEDICT contradicts.

    jieba tags thousands of common nouns as names (路基 "roadbed" nr, 马拉松 "marathon" nr);
    CC-CEDICT capitalises every sense of a name, so a listed word none of whose senses is
    capitalised is a common word.
    """
    from flashgen.lexicon.cedict import lookup

    tag = segment.dict_tag(word)
    if tag not in _NAME_TAGS:
        return tag
    senses = [
        s
        for e in lookup(word)
        for s in e.senses
        if not s.startswith(("surname", "CL:", "variant", "old variant", "see ", "abbr."))
    ]
    return "n" if senses and not any(s[:1].isupper() for s in senses) else tag


def _learner_weight(word: str) -> float:
    """How much a learner gains from a listed general word: HSK 1-5 words are known early."""
    from flashgen.lexicon.hsk import hsk_level

    # Chosen so that everyday words (HSK 1-5) rank below the domain words of similar
    # frequency in jieba's counts, which are flat between 3.5 and 5 on the Zipf scale.
    return {1: 0.2, 2: 0.3, 3: 0.4, 4: 0.5, 5: 0.7, 6: 0.9}.get(hsk_level(word) or 7, 1.0)


@dataclass(frozen=True)
class Weights:
    """How much each signal adds to a candidate's evidence of being one learnable unit.

    Hand-set, then checked by switching each off in turn (``benchmarks/terms.py --ablate``)
    on the seed and on the csl_kg abstracts; a weight stays only if it helps somewhere.
    """

    quoted: float = 3.0  # the whole candidate stood in Chinese quotes
    english: float = 2.5  # its parts' glosses make a phrase of the aligned English
    pattern: float = 0.7  # built with a term-forming prefix or head (…化, 核…)
    repeated: float = 0.7  # seen at least twice in the text
    nominal: float = 0.5  # noun-like modifier + noun-like head (not verb + object)
    boundary: float = 1.0  # 1: always the same neighbour marks a fragment (0: ignore)
    nested: float = 1.0  # 1: halve a candidate seen only inside better terms (0: ignore)
    association: float = 0.3  # seen more often than its parts' general frequency predicts


WEIGHTS = Weights()


def _score(
    text: str, cand: _Candidate, pairs: Sequence[SentencePair], w: Weights
) -> tuple[float, str]:
    """A candidate's worth (higher is better) and its kind."""
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.hsk import hsk_level

    parts = cand.parts
    kind = _kind(text, parts)
    if kind in ("word", "compound") and any(
        _transliterated(text, pairs[i].en) for i in cand.pairs if pairs[i].en
    ):
        kind = "name"
    english = 0.0
    if w.english:
        english = max(
            (_english_match(parts, pairs[i].en, pairs[i].zh) for i in cand.pairs), default=0.0
        )
    if cand.prefixed:
        english = 1.0  # the English word holds the whole run: "preheating"
    use = 1.0 + math.log2(cand.count)
    prefixes, heads = _affixes()
    pattern = len(text) > 2 and (
        parts[0] in prefixes
        or text[0] in prefixes
        or any(text[-k:] in heads for k in range(1, min(len(text), _longest(heads) + 1)))
    )
    quoted = cand.quoted > 0
    if (
        len(parts) > 1
        and len(parts[0]) == 1
        and parts[0] not in prefixes
        and (not cand.left_open or _glued_left(text, [pairs[i].zh for i in cand.pairs]))
        and not quoted
        and not cand.prefixed
        and text not in cedict()
    ):
        return 0.0, kind  # 碳排放/权/交易 of 碳排放权交易: 权 ends the word before it
    # A run that CC-CEDICT lists whole is a unit, as a quoted one is: its pieces' tags and
    # the English do not make it a phrase.
    listed = quoted or (len(parts) > 1 and text in cedict())
    evidence = w.quoted * quoted + w.english * english + w.pattern * pattern
    if len(parts) == 1:
        in_dict = text in cedict()
        if not in_dict and not segment.frequency(text) and cand.count < 2 and not quoted:
            return 0.0, kind  # a one-off guess of jieba's HMM
        tag = segment.dict_tag(text)
        if (
            (tag in ("m", "mq", "q") and _quantity(text))
            or segment.counted(text)
            or (tag in _GRAMMAR_TAGS and not in_dict)
            or (tag in _PRONOUN_TAGS and text[0] in _DEMONSTRATIVES)  # 这类 "this kind of"
        ):
            return 0.0, kind  # 首个 "the first", 一枚 "one (coin)": not vocabulary
        rarity = _rarity(text) * _learner_weight(text)
        # A dictionary word is surely a unit: it starts from a base the runs must earn.
        # Base 1 with the full evidence beat 1.5 with half of it on csl_kg (0.496 vs 0.481).
        unit = 1.0 + evidence + 0.5 * (kind == "idiom")
    else:
        # A combination is rarer than its parts: NOVELTY Zipf steps above their mean.
        # Words, not one-character affixes (核, 化, 权), carry a run's rarity and junctions.
        stems = [p for p in parts if len(p) > 1] or list(parts)
        head_tag, first_tag = segment.dict_tag(parts[-1]), segment.dict_tag(parts[0])
        # An everyday adjective before a noun, once, is a free combination, no rarer than
        # its parts (常见/病菌 "common germs", 主要/原因 "main cause"), unless a term-forming
        # head makes it a term (高效/液相/色谱法 "HPLC"). One-character adjectives are
        # prefixes (小/多边/合作 "minilateral cooperation"). Everyday: HSK 1-5, as in
        # _learner_weight; HSK 1-4 did a little worse on our devset, the same elsewhere.
        free = (
            first_tag in ("a", "b")
            and len(parts) == 2
            and len(parts[0]) > 1
            and (hsk_level(parts[0]) or 7) <= 5
            and cand.count == 1
            and not listed
            and not pattern
        )
        mean = sum(_rarity(p) * _learner_weight(p) for p in stems) / len(stems)
        rarity = mean + (0.0 if free else NOVELTY)
        nominal = head_tag in _NOMINAL_HEADS and first_tag in _NOMINAL_MODIFIERS
        # 1 against 2: the same on our devset and csl_kg; 0 (only the exemptions) lost one
        # term of our devset.
        unit = evidence + w.nominal * nominal + 1.0 * (listed and not quoted)
        unit += w.association * _association(parts, cand)
        unit += w.repeated * (cand.count >= 2)
        # A verb before a plain noun is mostly a verb and its object (打压/竞争对手,
        # 包括/核武器); before a term-forming head it is a modifier (防卫/能力, 指挥/权).
        # A verb's last character is no head (遏制 "to curb" is no system like 体制).
        term_head = parts[-1] in heads or (
            parts[-1][-1] in heads and not _pure_verb(parts[-1])
        )
        english_pairs = [(pairs[i].en, pairs[i].zh) for i in cand.pairs if pairs[i].en]
        if (
            _pure_verb(parts[0])
            and len(parts[-1]) > 1
            and not listed
            and english_pairs
            and not any(_english_modifier(parts, en, zh) for en, zh in english_pairs)
        ):
            # A verb CC-CEDICT knows only as a verb, before a word, is a verb and its object
            # (接种/流感疫苗 "vaccinate against flu", 购买/绿电 "buy green power") unless the
            # English makes it a modifier ("enhanced heat transfer").
            unit *= 1 - 0.8 * w.nominal / WEIGHTS.nominal
        elif first_tag == "v" and head_tag == "n" and not term_head and not listed:
            unit *= 1 - 0.6 * w.nominal / WEIGHTS.nominal
        # With English to check, a run that ends in a plain verb (by jieba's tag, or by
        # CC-CEDICT where jieba says noun: 生效 "to take effect") is mostly a clause
        # (医生/签约 "doctors sign", 制度/旨在 "the system aims"), unless a term-forming part
        # makes it a term (核/打击, 防长/会谈) or the English uses the verb as a noun
        # ("intelligence sharing"). Without English it is left alone: on csl_kg's abstracts
        # such runs are mostly terms (脉冲/压缩 "pulse compression"; 0.481 -> 0.476 when not).
        elif (
            (head_tag in _VERB_TAGS or _pure_verb(parts[-1]))
            and not term_head
            and parts[0] not in prefixes
            and not listed
            and english_pairs
            and not any(_english_nominal(parts, en) for en, _ in english_pairs)
        ):
            unit *= 1 - 0.6 * w.nominal / WEIGHTS.nominal
        # A term ends where its head noun ends: before punctuation or a function word at
        # least once; a run always followed by more content may be cut short (单方面改变).
        if not cand.right_open:
            unit *= 1 - 0.4 * w.boundary
        # A run always followed by the same word is a piece of a longer term.
        if cand.right:
            unit *= 1 - 0.7 * w.boundary
        # Every extra junction is one more place where the run may not be a unit.
        if not listed:
            unit *= 0.7 ** max(0, len(stems) - 2)
        # A verb inside a run with a word after it is mostly a clause, subject, verb and
        # object (工厂/排放/废水 "factories discharge wastewater"), unless the English makes the
        # verb a noun ("unilateral change", "model quantization"). Halved: 0.3 did the
        # same on our devset, the seed did not move either way.
        if (
            english_pairs
            and not listed
            and any(
                len(p) > 1
                and _pure_verb(p)
                and not any(_english_noun(p, en) for en, _ in english_pairs)
                for p in parts[1:-1]
            )
        ):
            unit *= 0.5
        # A person's name or an idiom inside a run makes it a phrase, not a term; a name
        # at the end is an apposition (主教练/郎平 "head coach Lang Ping"), a person and a
        # verb a clause (护士长/王芳/说 "head nurse Wang Fang said"): the name known to jieba
        # or spelled in pinyin by the English.
        def person(part: str) -> bool:
            return _name_tag(part) in ("nr", "nrfg", "nrt") or any(
                _transliterated(part, en) for en, _ in english_pairs
            )

        if not listed and (
            person(parts[-1])
            or (segment.dict_tag(parts[-1]) in _VERB_TAGS and any(map(person, parts[:-1])))
        ):
            return 0.0, kind
        if any(_name_tag(p) in ("nr", "i") for p in parts) and not listed:
            unit *= 0.5
        # With English to check, a run that ends in a word jieba tags as an adverb is a
        # clause with its adverbial (工厂/排放/依然 "factories' discharge still", 客户/更好
        # "clients better") unless the English translates that word: jieba's adverbs hold
        # some nouns (手机/相机 "phone camera", 软件/更新 "software update"). Without
        # English it is left alone: dropping every such run lost csl_kg 4 keywords
        # (0.517 -> 0.516); the English's phrase match did not tell them apart.
        if (
            english_pairs
            and not listed
            and segment.dict_tag(parts[-1]) in ("d", "ad")
            and not any(_translated(parts[-1], en) for en, _ in english_pairs)
        ):
            return 0.0, kind
        # Likewise a run that ends in one of jieba's distinguishing adjectives (b: 大型
        # "large-scale", 中级 "intermediate"), which modify and never head: where the
        # English puts a word no part translates after it, the run left its head out
        # (医院/采购/大型 of 采购大型医疗设备 "purchase large medical equipment").
        if (
            english_pairs
            and not listed
            and segment.dict_tag(parts[-1]) == "b"
            and any(_modifies_outside(parts, en) for en, _ in english_pairs)
        ):
            return 0.0, kind
    worth = rarity * use * unit
    if kind in ("name", "place", "org"):
        worth *= NAME_WEIGHT
    return worth, kind


@lru_cache(maxsize=65536)
def _is_proper(word: str) -> bool:
    """A name of a person, place, organisation or country group (美日 "US-Japan").

    jieba's tag says so, or every CC-CEDICT sense of the word is capitalised.
    """
    from flashgen.lexicon.cedict import lookup

    if _name_tag(word) in ("ns", "nr", "nt", "nz", "nrt", "nrfg"):
        return True
    senses = [s for e in lookup(word) for s in e.senses]
    return bool(senses) and all(
        s[:1].isupper() or _ORG_WORDS.intersection(_EN_WORD.findall(s.lower())) for s in senses
    )


def _nested_discount(
    cands: dict[str, _Candidate], worth: dict[str, float], w: Weights
) -> dict[str, float]:
    """Lower a candidate seen mostly inside better terms (C-value's nested-term discount).

    统合 that only ever occurs in 统合作战司令部 and 统合军司令部 is learnt with them; it stays
    in the list (a deck may still want it) but below terms that stand on their own.
    """
    from flashgen.lexicon.cedict import cedict

    within: dict[str, list[str]] = {}
    for text, cand in cands.items():
        parts = cand.parts
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if j - i < len(parts):
                    within.setdefault("".join(parts[i:j]), []).append(text)
    out = dict(worth)
    for text, score in worth.items():
        parts = cands[text].parts
        # A name before a term (美日/联合军演 "US-Japan joint exercises") makes an instance
        # of the term, not a new one, unless the whole recurs or was quoted. (A verb before
        # a term is often a modifier, 作战/指挥权 "combat command": verbs are spared.)
        if len(parts) < 2 or cands[text].count > 1 or cands[text].quoted:
            continue
        rest, head = "".join(parts[1:]), "".join(parts[:-1])
        if worth.get(rest, 0.0) >= EXTENSION_RATIO * score and _is_proper(parts[0]):
            out[text] = score * (1 - 0.5 * w.nested)
        # Likewise a compound with a word of its context, seen once, where the compound
        # recurs without it (推广/节水/灌溉 "promote water-saving irrigation", 节水/灌溉/试点
        # "water-saving irrigation pilot"). A one-character affix is no context (作战指挥/权
        # "combat command"), and a single word inside is not enough (边境/巡逻 "border
        # patrol" where 巡逻 recurs alone: halving such runs too dropped the seed's compound
        # recall from 0.971 to 0.824).
        elif len(parts) > 2 and any(
            len(extra) > 1
            and worth.get(inner, 0.0) >= EXTENSION_RATIO * score
            and cands[inner].count > 1
            for inner, extra in ((rest, parts[0]), (head, parts[-1]))
        ):
            out[text] = score * (1 - 0.5 * w.nested)
    worth = dict(out)
    for text, score in worth.items():
        # A run that only ever starts a longer one lacks its head (单方面改变 of
        # 单方面改变现状 "unilateral change of the status quo"): it yields even to a
        # container scoring a little less.
        larger = [
            c
            for c in within.get(text, ())
            if worth.get(c, 0.0)
            >= score * (HEADLESS_RATIO if c.startswith(text) and len(text) > 2 else NESTED_RATIO)
        ]
        # Only the outermost ones: 统合作战 inside 统合作战司令部 is not counted twice.
        outer = [c for c in larger if not any(c != d and c in d for d in larger)]
        inside = sum(cands[c].count for c in outer)
        free = max(0, cands[text].count - inside) / cands[text].count
        if not free and any(cands[c].quoted for c in outer) and text not in cedict():
            # Only ever a piece of a quoted coinage (源网 and 荷储 of “源网荷储一体化”
            # "source-grid-load-storage integration"): no unit of its own.
            out[text] = 0.0
        else:
            out[text] = score * (1 - 0.5 * w.nested * (1 - free))
    return {text: score for text, score in out.items() if score > 0}


def find_terms(
    pairs: Sequence[SentencePair],
    weights: Weights = WEIGHTS,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[Term]:
    """The terms and words of ``pairs`` worth learning, best first.

    Every term is a substring of some pair's Chinese, crosses no punctuation, holds no
    digit or Latin letter and neither starts nor ends with a function word. ``weights``
    exists for the scorecard's ablations; ``progress(done, total)`` hears how many pairs
    have been segmented, the long part on a corpus.
    """
    # Counting a corpus allocates millions of short-lived lists and strings but no
    # reference cycles; the cyclic collector's passes over them cost a third of the
    # counting time on xwlb_2025.txt, so it waits until the counting is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cands = _collect(pairs, progress)
        progress(len(pairs), len(pairs))
    finally:
        if collecting:
            gc.enable()
    if len(cands) > MAX_CANDIDATES:
        floor = sorted((c.count for c in cands.values()), reverse=True)[MAX_CANDIDATES]
        cands = {t: c for t, c in cands.items() if c.count > floor or c.quoted}
    worth: dict[str, float] = {}
    kinds: dict[str, str] = {}
    for text, cand in cands.items():
        if len(text) >= 2:
            score, kinds[text] = _score(text, cand, pairs, weights)
            if score > 0:
                worth[text] = score
    if weights.nested:
        worth = _nested_discount(cands, worth, weights)
    scored = [
        Term(
            text=text,
            kind=kinds[text],
            count=cands[text].count,
            score=round(score, 4),
            example=pairs[cands[text].first_pair],
            sources=tuple(cands[text].sources),
        )
        for text, score in worth.items()
    ]
    scored.sort(key=lambda t: (-t.score, t.text))
    return scored
