"""jieba segmentation, built lazily and once, with repairs of its known bad splits.

The segmenter is rjieba (jieba's algorithm and dictionary in Rust) when it is installed,
else jieba itself. ``benchmarks/accelerators.py`` measured rjieba 17x faster with the same
words on 300,000 characters of news (it only keeps hyphenated Latin runs such as
"2025-01-01" whole, which :func:`_rjieba_words` splits as jieba does); ``FLASHGEN_SEGMENTER
=jieba`` forces jieba. Neither is touched until the first call: jieba takes about 0.8 s to
build its prefix dictionary, and ``flashgen --help`` never pays for it.

jieba's dictionary also carries a general-Chinese count and a part-of-speech tag for each
word; ``frequency``, ``zipf`` and ``dict_tag`` expose them so that later stages can judge
how rare a word is without a second word list (wordfreq would add 116 MB).
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import logging
import math
import os
import re
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from flashgen.files.appdir import cached
from flashgen.lexicon.script import is_han, is_han_char
from flashgen.records import Token

if TYPE_CHECKING:
    import jieba

# A jieba dictionary entry seen fewer times than this is one of its rare multi-word entries
# (高度重视 3); such an entry may be re-split. Chosen by reading jieba entries of counts 3-50.
_RARE_ENTRY = 20

# One-character prepositions and coverbs, a closed class (对 "to/towards", 向, 从, 把, 被...):
# one that starts a three-character word jieba guessed (向小微/商户) is the preposition.
# 自, 用, 同, 和, 当 are left out: they also start words (自驾, 用户, 同类, 当量).
_PREPOSITIONS = frozenset("在于对向往从由把被将给为以按跟与及比朝沿离至到")
# Characters that count something when they follow a number (28日, 3国, 5年): jieba
# sometimes glues them to the next word (28日至29日 -> 日至, "solstice").
_UNITS = frozenset("年月日号时分秒周岁天个国名位次项条家种件人元亿万千百倍期届")
_NUMERALS = frozenset("一二两三四五六七八九十百千万亿零几半第")


def measure_word(char: str) -> bool:
    """A character that counts something after a number (年 "year", 家, 次, 期)."""
    return char in _UNITS


def counted(word: str) -> bool:
    """A numeral and its classifier (一家 "one (company)", 第二次 "the second time", 两国
    "two countries"): a quantity, never the edge of a term. 三维 "three-dimensional" is not."""
    return len(word) > 1 and word[0] in _NUMERALS and word[-1] in _UNITS


@lru_cache(maxsize=1)
def grammar_words() -> frozenset[str]:
    """Function words that never glue into a content word (numerals and units may: 四边)."""
    return function_words() - _UNITS - _NUMERALS


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer, initialised on first use, with its log chatter silenced."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


#: Bump when the cached form of jieba's dictionary changes.
_LEXICON_FORMAT = 4
#: A lexicon entry packs a word's count and its tag in one int: count << _TAG_BITS | tag
#: number (jieba has about 60 tags; 8 bits leave room).
_TAG_BITS = 8
_TAG_MASK = (1 << _TAG_BITS) - 1
#: Distinct words a process asks the sorted lexicon about before it makes a dict of the
#: whole table: the seed deck asks about 400, a 2 MB corpus tens of thousands. A binary
#: search costs some 10 us, the dict of all 349 k entries 0.2 s, so past a few thousand
#: words the dict is cheaper.
_INDEXED_WORDS = 5000


def _jieba_dict() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (0.15 s): rjieba users never
    need its code."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: pip install jieba")
    return Path(spec.origin).with_name("dict.txt")


def _parse_lexicon(source: Path) -> tuple[tuple[bytes, bytes, bytes], tuple[str, ...], int]:
    """``dict.txt`` in the plain form the cache keeps (see :func:`_sorted_lexicon`), the tag
    names and the total count. Read as bytes: the words are cached as UTF-8 anyway, and
    decoding 349 k lines to sort them encoded again cost half of a first build's 0.9 s."""
    packed: dict[bytes, int] = {}
    names: dict[bytes, int] = {b"": 0}
    for line in source.read_bytes().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            number = names.setdefault(parts[2] if len(parts) == 3 else b"", len(names))
            packed[parts[0]] = int(parts[1]) << _TAG_BITS | number
    if len(names) > _TAG_MASK + 1:
        raise ValueError(f"{source}: more than {_TAG_MASK} part-of-speech tags")
    total = sum(v >> _TAG_BITS for v in packed.values())
    return _sorted_lexicon(packed), tuple(n.decode() for n in names), total


def _sorted_lexicon(packed: dict[bytes, int]) -> tuple[bytes, bytes, bytes]:
    """The entries (UTF-8 word -> packed entry) in the plain form the cache keeps, which
    loads in milliseconds (a dict of 349 k entries takes 0.5 s to unmarshal): the words in
    byte order joined by newlines (no word holds whitespace), the byte offset of each
    word's start (one more at the end) and the packed entries, in that order, as arrays'
    bytes."""
    words = sorted(packed)  # the words alone: sorting pairs took twice as long
    starts = array("I", accumulate((len(word) + 1 for word in words), initial=0))
    values = array("q", map(packed.__getitem__, words))
    return b"\n".join(words), starts.tobytes(), values.tobytes()


class Lexicon:
    """jieba's packed entries (see ``_TAG_BITS``), read as a dict is with ``get`` and
    ``in``: by binary search in the sorted words, each answer remembered, until the process
    has asked about :data:`_INDEXED_WORDS` words; then from a dict of the whole table, made
    once. A build of one article thus looks up a few hundred words instead of unmarshalling
    349 k entries (0.5 s)."""

    get: Callable[[str, int], int]
    """The packed entry of a word, else the default (a bound ``dict.get`` once the dict is
    made, so the hot loops pay no go-between)."""

    def __init__(self, plain: tuple[bytes, bytes, bytes]) -> None:
        self._words = plain[0]
        self._starts = array("I")
        self._starts.frombytes(plain[1])
        self._values = array("q")
        self._values.frombytes(plain[2])
        self._table: dict[str, int] | None = None
        self._memo: dict[str, int] = {}  # -1: not in the lexicon
        self.get = self._searched_get

    def _search(self, word: str) -> int:
        """The packed entry of ``word`` found by binary search, else -1."""
        key = word.encode()
        words, starts = self._words, self._starts
        low, high = 0, len(self._values)
        while low < high:
            mid = (low + high) // 2
            if words[starts[mid] : starts[mid + 1] - 1] < key:
                low = mid + 1
            else:
                high = mid
        if low < len(self._values) and words[starts[low] : starts[low + 1] - 1] == key:
            return self._values[low]
        return -1

    def _searched_get(self, word: str, default: int = 0) -> int:
        value = self._memo.get(word)
        if value is None:
            if len(self._memo) >= _INDEXED_WORDS:
                return self.table().get(word, default)
            value = self._memo[word] = self._search(word)
        return default if value < 0 else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word, -1) >= 0

    def table(self) -> dict[str, int]:
        """Every packed entry as a dict, made now if it is not yet (past
        :data:`_INDEXED_WORDS` words, where a dict hit is cheaper than a search)."""
        if self._table is None:
            words = self._words.decode().split("\n") if self._values else []
            self._table = dict(zip(words, self._values, strict=True))
            self._memo = {}
            self.get = self._table.get
        return self._table


@lru_cache(maxsize=1)
def lexicon() -> tuple[Lexicon, tuple[str, ...], int]:
    """jieba's dictionary: each word's count and tag packed in one int (see ``_TAG_BITS``),
    the tag names (number 0 is "", no tag), and the total count.

    Read from jieba's ``dict.txt`` once and cached sorted (see :func:`_sorted_lexicon`), then
    looked up word by word (see :class:`Lexicon`), so rjieba users never initialise jieba
    at all and a short text never makes a dict of the whole table.
    """
    source = _jieba_dict()

    def parse() -> tuple[bytes, bytes, bytes, tuple[str, ...], int]:
        plain, names, total = _parse_lexicon(source)
        return (*plain, names, total)

    words, starts, values, names, total = cached("jieba-lexicon", source, _LEXICON_FORMAT, parse)
    return Lexicon((words, starts, values)), names, total


#: How jieba cuts a run of non-Chinese characters: Latin words and numbers (with a decimal
#: part and a percent sign) apart from the symbols between them.
_LATIN_PIECES = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
#: A token without one of these is its own only piece.
_LATIN_CHAR = re.compile(r"[a-zA-Z0-9]")


def _rjieba_words(text: str) -> list[str]:
    """rjieba's words, with mixed Latin runs split as jieba splits them (MQ/-/9, 22.21/GB)."""
    import rjieba

    cut: list[str] = rjieba.cut(text)
    if not _LATIN_CHAR.search(text):
        return cut  # no Latin letter or digit: nothing to split (most sentences of news)
    known = lexicon()[0]
    out: list[str] = []
    for tok in cut:
        # "\u4e00" <= tok < "\ua000": a token that opens with a common Han character,
        # tested without a call (is_han_char tries the rarer blocks too)
        if len(tok) == 1 or "\u4e00" <= tok < "\ua000" or is_han_char(tok[0]) or tok in known:
            out.append(tok)  # a Chinese word, a symbol, or a dictionary entry (C++)
        else:
            out.extend(piece for piece in _LATIN_PIECES.split(tok) if piece)
    return out


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    """rjieba when installed (and not turned off by FLASHGEN_SEGMENTER=jieba), else jieba."""
    if os.environ.get("FLASHGEN_SEGMENTER", "").lower() != "jieba":
        try:
            import rjieba  # noqa: F401
        except ImportError:
            pass
        else:
            return _rjieba_words
    return tokenizer().lcut


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Particles, prepositions, conjunctions, pronouns and such: never the edge of a term.

    The list (``flashgen/data/function_words.txt``) is general Chinese grammar, written
    for this project; it holds no domain words.
    """
    text = (importlib.resources.files("flashgen") / "data" / "function_words.txt").read_text(
        encoding="utf-8"
    )
    return frozenset(
        w for line in text.splitlines() for w in line.split("#", 1)[0].split() if w
    )


def dict_tag(word: str) -> str:
    """jieba's dictionary tag of ``word``, or "" when jieba's dictionary lacks it."""
    packed, names, _ = lexicon()
    return names[packed.get(word, 0) & _TAG_MASK]


def frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's general-Chinese reference counts (0: unknown)."""
    return lexicon()[0].get(word, 0) >> _TAG_BITS


def zipf(word: str) -> float:
    """``word``'s frequency on the Zipf scale (log10 of occurrences per billion words).

    Unknown words get the value of a single occurrence (about 1.2): rare, not impossible.
    """
    return math.log10((frequency(word) or 1) * 1e9 / lexicon()[2])


# The repair asks the same pieces of words again and again, sentence after sentence (a
# corpus repeats its guesses): these answers are kept for the process's life.
@lru_cache(maxsize=1 << 18)
def _known(word: str) -> bool:
    """A real word: in jieba's dictionary with a count, or in CC-CEDICT."""
    from flashgen.lexicon.cedict import cedict

    return frequency(word) > 0 or word in cedict()


@lru_cache(maxsize=1 << 18)
def _in_cedict(word: str) -> bool:
    from flashgen.lexicon.cedict import cedict

    return word in cedict()


def repair(tokens: Sequence[str]) -> list[str]:
    """Fix jieba splits that cut a word in two around a single character.

    - After a number, a unit glued to the next word is split off (28/日起 -> 28/日/起).
    - A word jieba guessed, or one of its rare entries, that CC-CEDICT lacks and that
      starts or ends with a function word loses it (以美澳 -> 以/美澳, 接在 -> 接/在), as
      one that starts with a classifier after a number or demonstrative does (这/颗卫星);
      one that ends with it is cut into two words if it can be (维护费用 -> 维护/费用).
    - A lone character followed by an unknown word whose tail is a dictionary word takes
      the first character (驻/欧美军 -> 驻欧/美军, 日/澳防长 -> 日澳/防长).
    - Two or three tokens with lone characters among them are re-split into dictionary
      words of two or more characters when that is possible (四/边防/长 -> 四边/防长),
      never cutting a CC-CEDICT word of three or more characters (:func:`_whole_word`).
    """
    out: list[str] = []
    fw = grammar_words()
    freq = lexicon()[0]  # packed: freq >= rare_at means a count of at least _RARE_ENTRY
    rare_at = _RARE_ENTRY << _TAG_BITS
    kinds = _KINDS
    if len(kinds) > _KINDS_KEPT:
        kinds.clear()  # a long-lived process (serve, a batch worker) keeps no more
    since_single = 3  # tokens since the last lone Han content character (3: none near)
    for tok in tokens:
        kind = kinds.get(tok)  # _kind_of, inlined: this runs once per token of a corpus
        if kind is None:
            kind = kinds[tok] = _kind(tok, fw, freq, rare_at)
        if since_single > 2:
            action = kind & _ACTION
            if action == _QUIET:
                out.append(tok)
                continue
            after_number = bool(out) and out[-1][-1].isdigit()
            if (action == _AFTER_NUMBER and not after_number) or (tok in _UNITS and after_number):
                out.append(tok)  # 国家 "country" not after a number; 5/日
                continue
        cut = _unit_off(tok, out)
        if cut is not tok:
            tok, kind = cut, _kind_of(cut, fw, freq, rare_at)
        if kind & _EDGY:  # else neither edge rule can cut it
            cut = _first_to_single(_edge_off(tok, out, fw, freq, rare_at), out, fw, freq, rare_at)
            if cut is not tok:
                tok, kind = cut, _kind_of(cut, fw, freq, rare_at)
        out.append(tok)
        # as _since_single says, from what the token is
        since_single = 3 if kind & _BREAKS else 0 if kind & _LONE else since_single + 1
        if since_single < 3:
            _resplit_tail(out, fw)
    return out


#: What :func:`repair` does with a token when no lone character is near (the two low bits,
#: _ACTION): nothing wherever it stands; nothing unless a number ends the token before it
#: (5/国家 could be 5/国/家); or run its rules. Then flags: _EDGY, a rare or guessed Han word
#: CC-CEDICT lacks, which the edge rules may cut (no other can be); _BREAKS, a function
#: word, punctuation or a number, after which no window is re-split; _LONE, a lone Han
#: content character. A corpus repeats its words (2 MB of news: 354 k tokens, 40 k
#: distinct), so each distinct token is judged once a process (:data:`_KINDS`).
_QUIET, _AFTER_NUMBER, _RULES = 0, 1, 2
_ACTION = 3
_EDGY, _BREAKS, _LONE = 4, 8, 16
_KINDS: dict[str, int] = {}
#: Distinct tokens :data:`_KINDS` holds at most (each judged again after it is emptied):
#: the news corpus (2.8 M characters) has 52 k, so a corpus is judged in one pass, and a
#: process that reads text for ever keeps a bounded memory.
_KINDS_KEPT = 1 << 20


def _kind_of(tok: str, fw: frozenset[str], freq: Lexicon, rare_at: int) -> int:
    """:func:`_kind` of ``tok``, remembered in :data:`_KINDS`."""
    kind = _KINDS.get(tok)
    if kind is None:
        kind = _KINDS[tok] = _kind(tok, fw, freq, rare_at)
    return kind


def _kind(tok: str, fw: frozenset[str], freq: Lexicon, rare_at: int) -> int:
    """What :func:`repair` does with ``tok`` (see :data:`_KINDS`): a word no edge rule may
    cut (common, not all Han, or in CC-CEDICT) is left alone unless its first character is
    a unit that a number before it takes (_unit_off)."""
    size = len(tok)
    edgy = size >= 2 and freq.get(tok, 0) < rare_at and is_han(tok) and not _in_cedict(tok)
    if _untouched(tok, fw, freq, rare_at):
        action = _QUIET
    elif size >= 2 and not edgy:
        action = _AFTER_NUMBER if tok[0] in _UNITS else _QUIET
    else:
        action = _RULES
    if tok in fw or not is_han_char(tok[0]):
        action |= _BREAKS
    elif size == 1:
        action |= _LONE
    return action | (_EDGY if edgy else 0)


def _untouched(tok: str, fw: frozenset[str], freq: Lexicon, rare_at: int) -> bool:
    """No rule can change ``tok`` wherever it stands (punctuation, a number, Latin, a
    function word, a common word): the fast path most tokens of a corpus take, with a unit
    after a number (5/日), which :func:`repair` checks in place."""
    first = tok[0]
    if not is_han_char(first):
        return True
    size = len(tok)
    common = freq.get(tok, 0) >= rare_at
    return (size == 2 and first not in _UNITS and common) or tok in fw or (size > 2 and common)


def _unit_off(tok: str, out: list[str]) -> str:
    """After a number a unit goes on its own, since jieba glues it to the next word
    (28/日起 -> 28/日/起); returns what is left of ``tok``."""
    if tok[0] in _UNITS and len(tok) > 1 and out and out[-1][-1:].isdigit():
        out.append(tok[0])
        return tok[1:]
    return tok


def _edge_off(
    tok: str, out: list[str], fw: frozenset[str], freq: Lexicon, rare_at: int
) -> str:
    """A rare or guessed word CC-CEDICT lacks loses a classifier glued to its front, or the
    function word at either end, since jieba joins them to their neighbours (以美澳 ->
    以/美澳, 接在 -> 接/在); returns what is left of ``tok``. An abbreviation jieba lists
    (:func:`abbreviation`) is left whole."""
    if (
        len(tok) < 2
        or freq.get(tok, 0) >= rare_at
        or not is_han(tok)
        or _in_cedict(tok)
        or abbreviation(tok)
    ):
        return tok
    if _counts_next(out, tok) or (
        tok[0] in fw
        and (
            _known(tok[1:])
            or (tok[0] in _PREPOSITIONS and len(tok) > 2 and not freq.get(tok, 0))
        )
    ):
        out.append(tok[0])
        return tok[1:]
    if tok[-1] in fw and _known(tok[:-1]):
        # Two words of 2+ characters first: 维护费用 is 维护/费用 "maintenance costs",
        # not 维护费/用 "maintenance fee / to use".
        head, tail = _two_words(tok) or (tok[:-1], tok[-1])
        out.append(head)
        return tail
    return tok


def abbreviation(tok: str) -> bool:
    """A word jieba's dictionary tags as an abbreviation (j), however rare: each of its
    characters stands for a word (中长跑 "middle- and long-distance running" of 中跑 and
    长跑), so one that is also a function word is no neighbour's character glued to it
    (中/长跑 would leave a localiser and half the phrase)."""
    return dict_tag(tok) == "j"


def _first_to_single(
    tok: str, out: list[str], fw: frozenset[str], freq: Lexicon, rare_at: int
) -> str:
    """A lone character before a rare word whose tail is a CC-CEDICT word takes the word's
    first character, which jieba joined to the wrong side (驻/欧美军 -> 驻欧/美军); returns
    what is left of ``tok``."""
    if (
        len(tok) > 2
        and out
        and len(out[-1]) == 1
        and out[-1] not in fw
        and freq.get(tok, 0) < rare_at
        and is_han(out[-1] + tok)
        and not _in_cedict(tok)
        and _in_cedict(tok[1:])
    ):
        out[-1] += tok[0]
        return tok[1:]
    return tok


# Characters that end a number or a demonstrative, after which a classifier follows
# (三/架, 这/颗 "this (one)", 每/份 "each (copy)"): closed classes.
_COUNTING_ENDS = _NUMERALS | frozenset("这那每各某哪此该")


def _counts_next(out: list[str], tok: str) -> bool:
    """Whether ``tok`` is a classifier glued to its noun after a number or demonstrative
    (这/颗卫星 -> 这/颗/卫星 "this satellite", 3/架飞机): one of jieba's rare entries."""
    before = out[-1][-1:] if out else ""
    return (
        (before in _COUNTING_ENDS or before.isdigit())
        and len(tok) > 2
        and tok[0] not in _NUMERALS
        and (tok[0] in _UNITS or dict_tag(tok[0]) in ("q", "m"))  # jieba: 颗 m, 架 q
        and _known(tok[1:])
    )


def _resplit_tail(out: list[str], fw: frozenset[str]) -> None:
    """Re-split the last two or three tokens into words of 2+ characters, if they allow it."""
    if len(out) < 3:
        return  # three tokens are tried first, and two only after them
    for width in (3, 2):
        window = out[-width:]
        span = "".join(window)
        # 4 or 5 characters with a lone one among them: 四/边防/长, 日/澳防长 (three tokens
        # of 4 or 5 characters always hold one). Asked after every lone character of a
        # corpus, so the lengths are tested before the function words and the script.
        if not 4 <= len(span) <= 5 or (width == 2 and 1 not in (len(window[0]), len(window[1]))):
            continue
        if any(w in fw for w in window) or any(map(_whole_word, window)):
            continue
        if is_han(span):
            split = _two_words(span)
            if split:
                out[-width:] = split
                return


def _whole_word(token: str) -> bool:
    """A CC-CEDICT word of three or more characters, which the re-split never cuts: a place
    and its suffix (三亚市 "Sanya city" before the lone 南 of a village's name) stays whole
    rather than become 三亚/市南 "Sanya / south of the city", whose second word is a
    neighbour's character glued to the suffix. Two-character words are still re-split
    (jieba often joins the wrong pair there), and so are jieba's own longer entries that
    CC-CEDICT lacks: leaving those whole too put a compound glossed from its parts into
    heldout's top 100 (news.py parts@100 0.052 -> 0.055)."""
    return len(token) > 2 and _in_cedict(token)


@lru_cache(maxsize=1 << 16)
def _two_words(span: str) -> tuple[str, str] | None:
    """``span`` as two known words (:func:`_known`) of at least two characters each, else
    None."""
    fw = grammar_words()
    for cut_at in range(2, len(span) - 1):
        head, tail = span[:cut_at], span[cut_at:]
        if head in fw or tail in fw:
            continue
        if _known(head) and _known(tail):
            return head, tail
    return None


def jieba_words(text: str) -> list[str]:
    """jieba's own cut of ``text`` (rjieba when installed), before :func:`repair`."""
    return _segmenter()(text)


def words(text: str) -> list[str]:
    """Segment ``text`` into words (jieba's precise mode, HMM on for unknown words), repaired.

    Traditional text is segmented in its simplified form, whose words jieba's dictionary
    knows, and the words are cut back out of the original (the conversion keeps lengths).
    """
    return list(_words(text))


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    """:func:`words`, kept for the sentences of a text: the counting, the spans, the
    English matching and the glosses each cut the same sentences (16 articles: 3,589 cuts
    of 1,793 strings)."""
    from flashgen.lexicon.traditional import to_simplified, traditional_only

    if traditional_only().isdisjoint(text):
        return tuple(repair(_segmenter()(text)))
    simple = to_simplified(text)
    if len(simple) != len(text):
        return tuple(repair(_segmenter()(text)))
    out: list[str] = []
    start = 0
    for word in repair(_segmenter()(simple)):
        out.append(text[start : start + len(word)])
        start += len(word)
    return tuple(out)


def cut(text: str) -> list[Token]:
    """Segment ``text`` into tokens that carry their character offset."""
    tokens: list[Token] = []
    start = 0
    for word in words(text):
        tokens.append(Token(word=word, start=start))
        start += len(word)
    return tokens
