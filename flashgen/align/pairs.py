"""Chinese-English sentence (and paragraph) alignment.

A dynamic programme over beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 1-0, 0-1), in the
spirit of Gale-Church, Hunalign and Moore, each bead scored by

* length: English characters against Chinese characters, with a Gaussian on the
  difference whose variance grows with length (Gale & Church 1993), the ratio estimated
  from the texts themselves and shrunk towards a prior;
* lexical evidence: the share of the bead's Chinese words that have a CC-CEDICT gloss among
  its English words (light stemming on both sides), and the share of its English words so
  covered, each word counted once per bead and weighted by its rarity in the text;
* anchors, counted like words: numbers (Chinese numerals turned into digits, English number
  words too), Latin-script tokens and acronyms inside the Chinese, person or place names
  written in pinyin in the English, and the punctuation translators keep (questions,
  exclamations, quotations, ellipses, dashes, brackets).

The first alignment then teaches the text's own translations (a name rendered freely, a
recurring term): Chinese words and English stems that keep meeting in its beads are added
to the dictionary and the text is aligned again near the first path, as in the second pass
of Moore (2002) and Hunalign.

Long texts are aligned coarse to fine: blocks of sentences are aligned first, and the
sentence-level programme only looks in a band around the block path, so the Bible test set
(5,000 + 6,301 sentences) takes a few seconds in pure Python.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import product

from flashgen.align.sentences import split_en, split_zh
from flashgen.records import Document, SentencePair

Bead = tuple[tuple[int, ...], tuple[int, ...]]

# --- lexical features -------------------------------------------------------------------

# English function words: they carry no evidence, in glosses or in sentences.
_STOPWORDS = frozenset(
    """a an the of to in on at by for with from as and or but not no nor is are was were be
    been being am do does did done have has had having it its this that these those there
    here he she him her his hers they them their we us our you your i me my mine which who
    whom whose what when where why how all any some such than then so too very can could may
    might must shall should will would sth sb something someone somebody one oneself up out
    into over about also used etc unto upon thee thou thy ye hath shalt said say says let
    s t ll ve re d m o abbr pr cl lit fig esp""".split()
)
# Gloss senses that point elsewhere instead of translating.
_SKIP_SENSE = re.compile(r"^(?:CL:|variant of|old variant|see |used in|also written|erhua)")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*")
_HAN = re.compile(r"[\u3400-\u9fff]")
_ZH_LATIN = re.compile(r"[A-Za-z][A-Za-z.&-]*[A-Za-z]|[A-Za-z]")
_ZH_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ZH_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
_EN_NUMBER = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_EN_MULTIPLIER = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 10**9}
# Punctuation that translators keep: questions, exclamations, quoted speech, ellipses,
# dashes, brackets, semicolons. Counted as words, so a question pairs with a question
# (English quotes: double, or single ones that are not apostrophes). Each kept one helped
# or was neutral on MAC-Dev (0.831 -> 0.850 in all) and the Bible; colons were left out
# (they cost MAC-Dev, and Chinese puts one before quoted speech where English has "said").
_ZH_PUNCTUATION = (
    ("p:?", re.compile(r"[？?]")),
    ("p:!", re.compile(r"[！!]")),
    ("p:quote", re.compile(r"[“”‘’「」『』\"]")),
    ("p:dots", re.compile(r"…|\.\.\.")),
    ("p:dash", re.compile(r"—|--")),
    ("p:paren", re.compile(r"[（(]")),
    ("p:semi", re.compile(r"[；;]")),
)
_EN_PUNCTUATION = (
    ("p:?", re.compile(r"\?")),
    ("p:!", re.compile(r"!")),
    ("p:quote", re.compile(r"[“”‘\"]|(?<![A-Za-z0-9])['’]|['’](?![A-Za-z])")),
    ("p:dots", re.compile(r"…|\.\s?\.\s?\.")),
    ("p:dash", re.compile(r"—|--")),
    ("p:paren", re.compile(r"\(")),
    ("p:semi", re.compile(r";")),
)
# Suffixes stripped by the light stemmer, longest first.
_SUFFIXES = (
    "ations",
    "ation",
    "ions",
    "ion",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "y",
)
# Stems are cut to this many letters: joins inflections and derivations (govern, government)
# that the suffix list misses, at the price of a few collisions; 6 did better than 5 or 7 on
# MAC-Dev.
_STEM_LENGTH = 6


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: lower case, common suffixes off, cut to a fixed length."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:_STEM_LENGTH]


def zh_number(numeral: str) -> int | None:
    """The value of a Chinese numeral: 九百三十 -> 930, 二〇二四 -> 2024, 两万 -> 20000."""
    if not any(c in _ZH_UNIT or c in _ZH_BIG_UNIT for c in numeral):
        if not all(c in _ZH_DIGIT_VALUE for c in numeral):
            return None
        return int("".join(str(_ZH_DIGIT_VALUE[c]) for c in numeral))
    total = section = digit = 0
    for char in numeral:
        if char in _ZH_DIGIT_VALUE:
            digit = _ZH_DIGIT_VALUE[char]
        elif char in _ZH_UNIT:
            section += (digit or 1) * _ZH_UNIT[char]
            digit = 0
        else:
            total = (total + section + digit) * _ZH_BIG_UNIT[char]
            section = digit = 0
    return total + section + digit


def _number_key(value: float | int) -> str:
    return f"#{value:g}" if isinstance(value, float) else f"#{value}"


def english_keys(sentence: str) -> frozenset[str]:
    """The content stems of an English sentence, plus number and pinyin-name keys."""
    keys: set[str] = set()
    tokens = _EN_WORD.findall(sentence)
    number: int | None = None
    current = 0
    for token in tokens:
        lower = token.lower()
        if token[0].isdigit():
            digits = token.replace(",", "")
            try:
                keys.add(_number_key(float(digits) if "." in digits else int(digits)))
            except ValueError:
                pass
            continue
        if lower in _EN_NUMBER:
            current += _EN_NUMBER[lower]
            number = current
            continue
        if lower in _EN_MULTIPLIER and number is not None:
            current = max(current, 1) * _EN_MULTIPLIER[lower]
            number = current
            continue
        if lower == "and" and number is not None:
            continue
        if number is not None and number >= 2:
            keys.add(_number_key(number))
        number, current = None, 0
        if lower in _STOPWORDS and not (token.isupper() and len(token) > 1):  # US, IT
            continue
        keys.add(stem(lower))
        if token[0].isupper():
            keys.add("py:" + lower)
    if number is not None and number >= 2:
        keys.add(_number_key(number))
    keys.update(key for key, pattern in _EN_PUNCTUATION if pattern.search(sentence))
    return frozenset(keys)


def _gloss_stems(senses: Sequence[str]) -> set[str]:
    stems: set[str] = set()
    for sense in senses:
        if _SKIP_SENSE.match(sense):
            continue
        for token in _EN_WORD.findall(_PARENS.sub(" ", sense)):
            lower = token.lower()
            if lower not in _STOPWORDS and not token[0].isdigit():
                stems.add(stem(lower))
    return stems


@lru_cache(maxsize=100_000)
def _dictionary_stems(word: str) -> frozenset[str]:
    """English stems of ``word``'s CC-CEDICT glosses; unknown words by their longest known parts."""
    from flashgen.lexicon.cedict import cedict

    dictionary = cedict()
    if word in dictionary:
        return frozenset(_gloss_stems([s for e in dictionary.lookup(word) for s in e.senses]))
    stems: set[str] = set()
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + 6), start, -1):
            part = word[start:end]
            if part in dictionary or end == start + 1:
                stems |= _gloss_stems([s for e in dictionary.lookup(part) for s in e.senses])
                start = end
                break
    return frozenset(stems)


@lru_cache(maxsize=100_000)
def _word_keys(word: str) -> frozenset[str]:
    """What a Chinese word may appear as in English: gloss stems, and its pinyin as a name."""
    from flashgen.pinyin.reading import toneless

    keys = set(_dictionary_stems(word))
    if len(word) <= 4:
        syllables = toneless(word)
        keys.add("py:" + "".join(syllables))
        if len(syllables) >= 2:  # surname + given name: Chen Qingyang, Li Hai
            keys.add("py:" + syllables[0])
            keys.add("py:" + "".join(syllables[1:]))
    return frozenset(keys)


def chinese_keys(sentence: str) -> tuple[frozenset[str], ...]:
    """One key set per distinct content word or anchor of a Chinese sentence."""
    from flashgen.lexicon.segment import words

    found: dict[str, frozenset[str]] = {
        key: frozenset((key,)) for key, pattern in _ZH_PUNCTUATION if pattern.search(sentence)
    }
    for match in _ZH_DIGITS.finditer(sentence):
        value = match.group()
        key = _number_key(float(value) if "." in value else int(value))
        found[key] = frozenset((key,))
    for match in _ZH_NUMERAL.finditer(sentence):
        value = zh_number(match.group())
        if value is not None and value >= 2:
            key = _number_key(value)
            found[key] = frozenset((key,))
    for match in _ZH_LATIN.finditer(sentence):
        token = match.group()
        found["latin:" + token.lower()] = frozenset((stem(token), "py:" + token.lower()))
    for word in words(sentence):
        if _HAN.search(word) and word not in found:
            keys = _word_keys(word)
            if keys:
                found[word] = keys
    return tuple(found.values())


# --- the dynamic programme --------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    """What the programme needs of one text: unit lengths, lexical keys and their weights."""

    lengths: list[float]
    keys: list[tuple[frozenset[str], ...]]  # Chinese: one key set per word; English: sets to join
    weights: dict  # Chinese: key set -> weight; English: key -> weight
    size: int = 1  # sentences per unit: blocks of the coarse pass weigh that many sentences
    # English side: key -> units holding it, and Chinese key set -> units holding any of its
    # keys; filled as needed and kept across realignments (the English side does not change).
    postings: dict = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls, lengths: list[float], keys: list[tuple[frozenset[str], ...]], english: bool
    ) -> _Side:
        """Weigh each word by its rarity in this text (log(1 + N/df)): a word found in every
        sentence tells nothing about which sentence translates which."""
        df: dict = {}
        for unit in keys:
            for item in set().union(*unit) if english else set(unit):
                df[item] = df.get(item, 0) + 1
        total = len(keys)
        return cls(lengths, keys, {item: math.log(1 + total / n) for item, n in df.items()})

    def blocks(self, size: int) -> _Side:
        """Units merged ``size`` at a time, for the coarse pass."""
        lengths = [sum(self.lengths[k : k + size]) for k in range(0, len(self.lengths), size)]
        keys = [
            tuple({ks for unit in self.keys[k : k + size] for ks in unit})
            for k in range(0, len(self.keys), size)
        ]
        return _Side(lengths, keys, self.weights, self.size * size)


# Bead types (Chinese units, English units) and their prior costs. Chosen by grid search on
# MAC-Dev and the Bible set; longer beads cost more so that they win only on evidence.
# 2-3 and 3-2 (MAC-Dev has 12 of 1,329 links) never won a correct bead at any cost tried
# and slowed the programme, so they are left out.
_BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 0): 2.6,
    (0, 1): 2.6,
    (2, 1): 1.1,
    (1, 2): 1.1,
    (2, 2): 2.7,
    (1, 3): 2.2,
    (3, 1): 2.2,
    (1, 4): 3.5,
    (4, 1): 3.5,
}
# Paragraphs: translators seldom merge or split them, so merges cost more than for sentences
# and a missing paragraph is likelier (set by hand: no paragraph-level gold here).
_PARAGRAPH_BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 0): 2.0,
    (0, 1): 2.0,
    (2, 1): 4.0,
    (1, 2): 4.0,
    (2, 2): 6.0,
    (3, 1): 7.0,
    (1, 3): 7.0,
}
# English characters per Chinese character: pooled 1-1 beads of MAC-Dev (3.31) and the
# Bible (3.47); a text's own ratio replaces it as it grows longer (_RATIO_WEIGHT).
_PRIOR_RATIO = 3.4
# Chinese characters of evidence the prior ratio is worth when blended with the text's own.
_RATIO_WEIGHT = 400.0
# Variance per Chinese character of (English - ratio * Chinese) length: measured on 1-1 beads
# MAC-Dev 23.4, Bible 15.3; 32 scored best among 12-60 (grid with the lexical weight and
# the similarity offset, MAC-Dev + Bible).
_LENGTH_VARIANCE = 32.0
# Weights of the length and the lexical terms (grid on MAC-Dev and the Bible once each
# word counted once per bead: lexical 4 beat 2, 3 and 5).
_LENGTH_WEIGHT = 1.0
_LEXICAL_WEIGHT = 4.0
# Lexical similarity that costs nothing: a bead scoring more is rewarded, less is penalised.
# Below the median similarity of true 1-1 beads on MAC-Dev (0.36; wrong pairs score 0-0.1);
# 0.2 beat 0.1, 0.3 and 0.4 (MAC-Dev + Bible).
_SIMILARITY_OFFSET = 0.2
# Texts up to this many units per side are aligned in one full pass; longer ones coarse to
# fine with blocks of _BLOCK units (a band of three blocks holds every Bible bead).
_FULL_PASS = 80
_BLOCK = 8
_COARSE_BEAD = 2
# Units either side of the block path that the fine pass searches.
_BAND = 8
# Realignments with translations learned from the previous alignment: a second one gained
# a little more on MAC-Dev (0.860 -> 0.863) and the Bible, a third nothing worth its time.
_REALIGN_PASSES = 2
# Texts with more Chinese units than this realign once only: on the Bible (6,301) the second
# realignment gained 0.0004 F1 for a fifth of the time (the 10 s budget), whereas MAC-Dev
# chapters (about 250) gain 0.003 from it at little cost.
_LONG_TEXT = 2000
# A realignment searches this many units either side of the previous path (3 scored the
# same as 6 and 10 on MAC-Dev and the Bible).
_REALIGN_BAND = 3
# A learned pair must meet in this many beads, with at least this Dice coefficient, and
# only the best English stem per Chinese word is kept (count 2 beat 3; Dice 0.5 beat 0.3-0.8
# with one stem kept; keeping all stems above 0.7 scored MAC-Dev alike but the Bible lower).
_LEARN_COUNT = 2
_LEARN_DICE = 0.5


@lru_cache(maxsize=256)
def _zeros(width: int, longest: int) -> list[list[float]]:
    """The window table of a unit without any match (shared: the programme only reads it)."""
    return [[]] + [[0.0] * width for _ in range(longest)]


def _window_table(
    postings: Sequence[tuple[list[int], float]], off: int, width: int, longest: int
) -> list[list[float]]:
    """``table[b][s - off]``: weight of the words with a posting in the window [s, s + b).

    Each word counts once per window however many of its postings fall inside: a Chinese
    word found in two English sentences of a bead is still one translated word. A posting
    p counts in window [s, s + b) when it is the word's first there: s <= p < s + b and the
    word's previous posting lies before s, i.e. p - s < gap; ``fresh[k]`` holds, by column,
    the weight of postings whose gap exceeds k.
    """
    if not postings:
        return _zeros(width, longest)
    fresh = [[0.0] * (width + longest) for _ in range(longest)]
    for inside, weight in postings:
        prev = -longest
        for p in inside:
            column = p - off
            for k in range(min(p - prev, longest)):
                fresh[k][column] += weight
            prev = p
    table: list[list[float]] = [[], fresh[0][:width]]
    for b in range(2, longest + 1):
        table.append(
            [t + f for t, f in zip(table[-1], fresh[b - 1][b - 1 : b - 1 + width], strict=True)]
        )
    return table


def _coverage(
    zh: _Side, en: _Side, lo: list[int], hi: list[int], longest_zh: int, longest_en: int
) -> tuple[list[list[list[float]]], list[int], list[list[list[float]]], list[int]]:
    """Translated weight of each unit against every window of units on the other side.

    ``zh_cov[i][b][s - zh_off[i]]``: weight of Chinese unit i's words that have a
    translation among English units s..s+b-1 (within i's band); ``en_cov[j][a][...]`` the
    same for English unit j's keys against Chinese units. Windows up to the longest bead.
    """
    en_sets = [frozenset().union(*unit) for unit in en.keys]
    word_postings: dict[frozenset[str], list[int]] = en.postings
    if not word_postings:
        for j, keys in enumerate(en_sets):
            for key in keys:
                word_postings.setdefault(frozenset((key,)), []).append(j)
    zh_postings: dict[str, list[int]] = {}
    for i, unit in enumerate(zh.keys):
        for key in {k for ks in unit for k in ks}:
            zh_postings.setdefault(key, []).append(i)
    zh_cov: list[list[list[float]]] = []
    zh_off: list[int] = []
    for i, unit in enumerate(zh.keys):
        found = []
        for keyset in unit:
            postings = word_postings.get(keyset)
            if postings is None:
                postings = sorted(
                    {j for k in keyset for j in word_postings.get(frozenset((k,)), ())}
                )
                word_postings[keyset] = postings
            inside = postings[
                bisect.bisect_left(postings, lo[i]) : bisect.bisect_right(postings, hi[i])
            ]
            if inside:
                found.append((inside, zh.weights[keyset]))
        off = lo[i] - longest_en + 1
        zh_cov.append(_window_table(found, off, hi[i] - off + 1, longest_en))
        zh_off.append(off)
    en_cov: list[list[list[float]]] = []
    en_off: list[int] = []
    for j, keys in enumerate(en_sets):
        # Rows whose band holds column j: lo and hi never decrease with i, so a range.
        first = bisect.bisect_left(hi, j)
        last = bisect.bisect_right(lo, j)
        found = []
        for key in keys:
            postings = zh_postings.get(key)
            if postings:
                inside = postings[
                    bisect.bisect_left(postings, first) : bisect.bisect_left(postings, last)
                ]
                if inside:
                    found.append((inside, en.weights[key]))
        off = first - longest_zh + 1
        en_cov.append(_window_table(found, off, max(last - off, 0), longest_zh))
        en_off.append(off)
    return zh_cov, zh_off, en_cov, en_off


def _dp(
    zh: _Side,
    en: _Side,
    lo: list[int],
    hi: list[int],
    ratio: float,
    priors: dict[tuple[int, int], float],
) -> list[Bead]:
    """Best bead sequence for zh[:n] x en[:m] within the band lo[i] <= j <= hi[i]."""
    n, m = len(zh.lengths), len(en.lengths)
    # Rows of the band cover unit rows 0..n-1; the programme's row i (units consumed) uses
    # the band of unit i-1 or i, whichever is wider, so extend the band by one row.
    row_lo = [min(lo[max(i - 1, 0)], lo[min(i, n - 1)]) for i in range(n + 1)] if n else [0]
    row_hi = [max(hi[max(i - 1, 0)], hi[min(i, n - 1)]) + 1 for i in range(n + 1)] if n else [m]
    row_lo[0], row_hi[n] = 0, m
    for i in range(1, n + 1):
        row_lo[i] = max(row_lo[i], row_lo[i - 1])
    for i in range(n - 1, -1, -1):
        row_hi[i] = min(row_hi[i], row_hi[i + 1])
    row_hi = [min(h, m) for h in row_hi]
    for i in range(n, 0, -1):  # keep neighbouring rows overlapping so a path always exists
        row_lo[i] = min(row_lo[i], row_hi[i - 1], row_hi[i])
    unit_lo = [row_lo[i] for i in range(n)]
    unit_hi = [min(row_hi[i + 1], m - 1) if m else 0 for i in range(n)]
    longest_zh = max(a for a, _ in priors)
    longest_en = max(b for _, b in priors)
    zh_cov, zh_off, en_cov, en_off = (
        _coverage(zh, en, unit_lo, unit_hi, longest_zh, longest_en) if n and m else ([], [], [], [])
    )
    zh_cum = _prefix(zh.lengths)
    en_cum = _prefix(en.lengths)
    zh_words = _prefix([sum(zh.weights[ks] for ks in u) for u in zh.keys])
    en_words = _prefix([sum(en.weights[k] for k in frozenset().union(*u)) for u in en.keys])
    # A coarse unit stands for zh.size sentences: losing one, or matching it badly, costs
    # as much as doing so for each of its sentences.
    scale = zh.size
    beads = [(a, b, prior * scale if not (a and b) else prior) for (a, b), prior in priors.items()]
    # Per bead type: its index, shape, prior, lexical weight and the most the lexical term
    # can take off the cost (similarity 1), for the cheap bound below.
    steps = []
    for t, (a, b, prior) in enumerate(beads):
        lex = _LEXICAL_WEIGHT * scale * (a + b) / 2
        steps.append((t, a, b, prior, lex, lex * (1 - _SIMILARITY_OFFSET)))
    offset, length_weight = _SIMILARITY_OFFSET, _LENGTH_WEIGHT
    spread = 2 * _LENGTH_VARIANCE * ratio
    erfc, log, sqrt = math.erfc, math.log, math.sqrt
    inf = math.inf
    cost: list[list[float]] = []
    back: list[list[int]] = []
    # The inner loop is the hot spot (about two million bead evaluations for the Bible):
    # _length_cost and the clipping are inlined, without min()/max() calls.
    for i in range(n + 1):
        lo_i, hi_i = row_lo[i], row_hi[i]
        row_cost = [inf] * (hi_i - lo_i + 1)
        row_back = [-1] * (hi_i - lo_i + 1)
        for j in range(lo_i, hi_i + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            best, best_t = inf, -1
            for t, a, b, prior, lex, most in steps:
                pi, pj = i - a, j - b
                if pi < 0 or pj < row_lo[pi] or pj > row_hi[pi]:
                    continue
                prev = cost[pi][pj - row_lo[pi]] if a else row_cost[pj - lo_i]
                if prev == inf:
                    continue
                c = prev + prior
                if a and b:
                    # Cheap bounds first: the lexical term can lower the cost by at most
                    # ``most``, so a bead that cannot beat the best so far is dropped.
                    if c - most >= best:
                        continue
                    zh_len = zh_cum[i] - zh_cum[pi]
                    en_len = en_cum[j] - en_cum[pj]
                    mean = (zh_len + en_len / ratio) / 2
                    if mean > 0:  # Gale-Church: -log of the tail of the normalised difference
                        tail = erfc(abs(en_len - ratio * zh_len) / sqrt(spread * mean))
                        c += length_weight * (-log(tail) if tail > 1e-12 else 27.6)
                        if c - most >= best:
                            continue
                    nz = zh_words[i] - zh_words[pi]
                    ne = en_words[j] - en_words[pj]
                    if nz and ne:
                        mz = me = 0.0
                        for r in range(pi, i):
                            row = zh_cov[r][b]
                            k = pj - zh_off[r]
                            if 0 <= k < len(row):
                                mz += row[k]
                        for col in range(pj, j):
                            row = en_cov[col][a]
                            k = pi - en_off[col]
                            if 0 <= k < len(row):
                                me += row[k]
                        c += lex * (offset - (mz / nz + me / ne) / 2)
                if c < best:
                    best, best_t = c, t
            row_cost[j - lo_i] = best
            row_back[j - lo_i] = best_t
        cost.append(row_cost)
        back.append(row_back)
    out: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b, _ = beads[back[i][j - row_lo[i]]]
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    out.reverse()
    return out


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _band_from(
    coarse: list[Bead], zh_block: int, en_block: int, n: int, m: int, width: int
) -> tuple[list[int], list[int]]:
    """A band for the fine pass: each Chinese unit may meet the English units within
    _BAND of where the block path puts it (linearly across its block bead)."""
    lo = [0] * n
    hi = [0] * n
    en_pos = 0
    for zb, eb in coarse:
        start = eb[0] * en_block if eb else en_pos
        stop = min(m, (eb[-1] + 1) * en_block) if eb else en_pos
        en_pos = stop
        if not zb:
            continue
        first = zb[0] * zh_block
        last = min(n, (zb[-1] + 1) * zh_block)
        slope = (stop - start) / (last - first)
        for i in range(first, last):
            centre = start + (i - first + 0.5) * slope
            lo[i] = max(0, int(centre - width))
            hi[i] = min(m - 1, int(centre + width))
    for i in range(1, n):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 2, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n):
        hi[i] = max(hi[i], lo[i])
    return lo, hi


def _align(zh: _Side, en: _Side, ratio: float, priors: dict[tuple[int, int], float]) -> list[Bead]:
    n, m = len(zh.lengths), len(en.lengths)
    if n <= _FULL_PASS or m <= _FULL_PASS:
        return _dp(zh, en, [0] * n, [max(m - 1, 0)] * n, ratio, priors)
    en_block = max(1, round(_BLOCK * m / n))
    # Blocks are sized to match, so the coarse path needs only short beads; long ones there
    # let the window coverage, which grows with the window, pull the path astray.
    short = {bead: cost for bead, cost in priors.items() if max(bead) <= _COARSE_BEAD}
    coarse = _align(zh.blocks(_BLOCK), en.blocks(en_block), ratio, short)
    lo, hi = _band_from(coarse, _BLOCK, en_block, n, m, _BAND)
    return _dp(zh, en, lo, hi, ratio, priors)


def _text_length(text: str) -> float:
    return float(len("".join(text.split())))


def _ratio(zh_total: float, en_total: float) -> float:
    return (en_total + _PRIOR_RATIO * _RATIO_WEIGHT) / (zh_total + _RATIO_WEIGHT)


def align_sentences(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    ratio: float | None = None,
    priors: dict[tuple[int, int], float] | None = None,
) -> list[Bead]:
    """Align Chinese with English sentences; beads in text order cover every index once.

    ``ratio`` (English characters per Chinese character) defaults to the texts' own,
    shrunk towards a prior; pass a document-wide figure when aligning paragraph by paragraph.
    ``priors`` replaces the bead types and their costs.
    """
    return _align_texts([(zh, en)], ratio, _BEADS if priors is None else priors)[0]


@dataclass(frozen=True)
class _Bitext:
    """One text pair ready for the programme: Chinese lengths and word keys, English side."""

    zh_lengths: list[float]
    zh_keys: list[tuple[frozenset[str], ...]]
    en: _Side
    ratio: float

    def align(
        self,
        priors: dict[tuple[int, int], float],
        learned: dict[frozenset[str], frozenset[str]],
        previous: list[Bead] | None,
    ) -> list[Bead]:
        """Align with the ``learned`` translations added to the dictionary's; near the
        ``previous`` alignment when there is one."""
        keys = [tuple(ks | learned.get(ks, ks) for ks in unit) for unit in self.zh_keys]
        zh = _Side.build(self.zh_lengths, keys, False)
        if previous is None:
            return _align(zh, self.en, self.ratio, priors)
        n, m = len(self.zh_lengths), len(self.en.lengths)
        lo, hi = _band_from(previous, 1, 1, n, m, _REALIGN_BAND)
        return _dp(zh, self.en, lo, hi, self.ratio, priors)

    @cached_property
    def words(self) -> list[list[frozenset[str]]]:
        """Per Chinese unit, the key sets of its words (numbers and punctuation left out:
        they match only themselves, so there is nothing to learn about them)."""
        return [
            [ks for ks in unit if not (len(ks) == 1 and _is_anchor(next(iter(ks))))]
            for unit in self.zh_keys
        ]

    @cached_property
    def stems(self) -> list[list[str]]:
        """Per English unit, its word stems (no numbers, punctuation or name keys)."""
        return [[k for k in unit[0] if k[0].isalpha() and ":" not in k] for unit in self.en.keys]

    def contents(self, beads: list[Bead]) -> Iterator[tuple[set[frozenset[str]], set[str]]]:
        """Per bead with both sides: its Chinese words and English stems."""
        words, stems = self.words, self.stems
        for zs, es in beads:
            if zs and es:
                yield {ks for i in zs for ks in words[i]}, {k for j in es for k in stems[j]}


def _align_texts(
    texts: Sequence[tuple[Sequence[str], Sequence[str]]],
    ratio: float | None,
    priors: dict[tuple[int, int], float],
) -> list[list[Bead]]:
    """Align each text pair, then again with the translations all of them teach together."""
    results: list[list[Bead]] = []
    bitexts: list[tuple[int, _Bitext]] = []
    for zh, en in texts:
        if not zh or not en:
            results.append(
                [((i,), ()) for i in range(len(zh))] + [((), (j,)) for j in range(len(en))]
            )
            continue
        zh_lengths = [_text_length(s) for s in zh]
        en_lengths = [_text_length(s) for s in en]
        en_side = _Side.build(en_lengths, [(english_keys(s),) for s in en], True)
        text_ratio = _ratio(sum(zh_lengths), sum(en_lengths)) if ratio is None else ratio
        bitext = _Bitext(zh_lengths, [chinese_keys(s) for s in zh], en_side, text_ratio)
        bitexts.append((len(results), bitext))
        results.append(bitext.align(priors, {}, None))
    units = sum(len(bitext.zh_lengths) for _, bitext in bitexts)
    for _ in range(_REALIGN_PASSES if units <= _LONG_TEXT else 1):
        learned = _learn_translations(
            content for k, bitext in bitexts for content in bitext.contents(results[k])
        )
        if not learned:
            break
        for k, bitext in bitexts:
            results[k] = bitext.align(priors, learned, results[k])
    return results


def _learn_translations(
    beads: Iterable[tuple[set[frozenset[str]], set[str]]],
) -> dict[frozenset[str], frozenset[str]]:
    """Translations the text itself teaches: a Chinese word and the English stem that keeps
    meeting it in the beads of a first alignment (names a translator renders freely, the
    text's own terms), as in the second pass of Moore (2002) and Hunalign."""
    contents = list(beads)
    zh_count: dict[frozenset[str], int] = {}
    en_count: dict[str, int] = {}
    for words, stems in contents:
        for ks in words:
            zh_count[ks] = zh_count.get(ks, 0) + 1
        for k in stems:
            en_count[k] = en_count.get(k, 0) + 1
    # Only words and stems seen often enough, and about equally often, can make a pair:
    # Dice >= D needs each count within 2/D - 1 times the other, so counts are bucketed by
    # powers of two and only buckets at most ``span`` apart are paired.
    span = math.ceil(math.log2(2 / _LEARN_DICE - 1))
    pairs: Counter[tuple[frozenset[str], str]] = Counter()
    for words, stems in contents:
        zh_buckets: dict[int, list[frozenset[str]]] = {}
        for ks in words:
            if zh_count[ks] >= _LEARN_COUNT:
                zh_buckets.setdefault(zh_count[ks].bit_length(), []).append(ks)
        en_buckets: dict[int, list[str]] = {}
        for k in stems:
            if en_count[k] >= _LEARN_COUNT:
                en_buckets.setdefault(en_count[k].bit_length(), []).append(k)
        for bucket, some in zh_buckets.items():
            for near in range(bucket - span, bucket + span + 1):
                if near in en_buckets:
                    pairs.update(product(some, en_buckets[near]))
    best: dict[frozenset[str], tuple[float, int, str]] = {}
    for (ks, k), count in pairs.items():
        dice = 2 * count / (zh_count[ks] + en_count[k])
        if (
            count >= _LEARN_COUNT
            and dice >= _LEARN_DICE
            and k not in ks
            and (dice, count, k) > best.get(ks, ())
        ):
            best[ks] = (dice, count, k)
    return {ks: ks | {k} for ks, (_, _, k) in best.items()}


def _is_anchor(key: str) -> bool:
    """Number and punctuation keys match only themselves: nothing to learn about them."""
    return key[0] == "#" or key.startswith("p:")


def align_paragraphs(
    zh_paras: Sequence[str], en_paras: Sequence[str]
) -> list[tuple[list[int], list[int]]]:
    """Pair the paragraphs of a Chinese file with those of its translation.

    The same programme as for sentences, on whole paragraphs: missing paragraphs become
    1-0 or 0-1, merged or split ones 2-1, 1-2 and so on.
    """
    beads = align_sentences(zh_paras, en_paras, priors=_PARAGRAPH_BEADS)
    return [(list(z), list(e)) for z, e in beads]


def pair_document(doc: Document) -> list[SentencePair]:
    """Split every paragraph of ``doc`` into sentences and align them into pairs."""
    split = [(p, split_zh(p.zh), split_en(p.en) if p.en else []) for p in doc.paragraphs]
    zh_total = sum(_text_length(s) for _, zs, _ in split for s in zs)
    en_total = sum(_text_length(s) for _, _, es in split for s in es)
    aligned = _align_texts([(zh, en) for _, zh, en in split], _ratio(zh_total, en_total), _BEADS)
    pairs: list[SentencePair] = []
    for (paragraph, zh, en), beads in zip(split, aligned, strict=True):
        for zi, ei in beads:
            pairs.append(
                SentencePair(
                    zh_sentences=tuple(zh[i] for i in zi),
                    en_sentences=tuple(en[j] for j in ei),
                    paragraph=paragraph.index,
                    source=doc.name,
                )
            )
    return pairs
