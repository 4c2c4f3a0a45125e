"""Pinyin in context: one reading per character, right for the sentence it stands in.

How a reading is chosen: pypinyin gives a first reading (1); a CC-CEDICT word read one
way only overrides everything (2); otherwise a grammar rule (3) or, for the characters
it knows, the disambiguator (4) decides.

1. pypinyin on the whole sentence (its phrase data and maximum-matching segmentation).
2. CC-CEDICT: every jieba word of two or more characters that the dictionary reads one way
   only takes that reading, so a card's pinyin always agrees with its dictionary entry.
3. Grammar rules for function characters that no dictionary word holds (a jieba word
   of their own, or the edge of a chunk no dictionary lists): 地 de after an adverbial,
   得 de/dé/děi, 长 cháng/zhǎng, 还 huán before a person or a noun, 中 zhòng in 中了,
   率 lǜ "rate" unless its object follows, 重 chóng before a verb and a count of times,
   the adjective reading after a degree adverb (很差 chà), and 为: wéi after a verb of
   naming, becoming or regarding (成为, 称为, 视为, 改为, 升格为 ...), wèi "for" after a
   pronoun, a modal verb or before a person (我们为人民服务, 可以为你做).
4. A small disambiguator for the other polyphonic characters (行 重 将 调 传 处 ...): an
   averaged perceptron over the neighbouring characters and words, the jieba word, and
   whether pypinyin, CC-CEDICT words and pypinyin phrases around the character agree
   with each candidate. ``benchmarks/train_polyphone.py`` trains it on the CPP dev split
   only (Apache-2.0, kakaobrain/g2pM) and it ships as ``flashgen/data/polyphone.json.gz``
   (60 kB, loaded lazily, once).

Readings are numbered like CC-CEDICT ("zhong1", neutral tone 5, ü written "v" as in
"lv4"). Cards show **citation tones**: 一 is always yī and 不 always bù, never their
sandhi forms (yí ge, bú shì; pypinyin's phrase data has some, which are undone).
Dictionaries, CC-CEDICT, HSK lists and the Chinese Support
add-on all use citation tones, so a card agrees with whatever the learner looks the word
up in; sandhi is a regular rule of speech learned once, while a sandhi-shifted tone on a
card would teach a wrong tone for the same character in every other word.

Styles: tone marks (default), tone numbers, zhuyin (bopomofo), HTML tone colouring with
the Chinese Support add-on's classes ``tone1`` ... ``tone5``, and Anki's ruby "reading"
format ``漢[hàn]字[zì]`` for ``{{furigana:Reading}}``.
"""

from __future__ import annotations

import gzip
import html
import importlib.resources
import importlib.util
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from flashgen.files.appdir import cached
from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.senses import content_stems, has_verb_sense, same_word, says_a_meaning

_SYLLABLE = re.compile(r"[a-z]+[1-5]")
_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# 为 after these is wéi "to be, to act as, to become"; they are the verbs of naming,
# becoming, regarding and changing that take 为 as their complement (a grammatical
# class, written from grammar references, not from any corpus).
_WEI2_BEFORE = (
    "成", "作", "称", "视", "改", "升格", "降格", "变", "化", "转", "选", "评", "认", "列",
    "划", "分", "译", "释", "写", "记", "读", "设", "命名", "更名", "改名", "封", "奉", "尊",
    "誉", "推", "举", "拜", "聘", "降", "合并", "缩", "减", "增", "扩", "身",
)
# Grammar rules for function characters standing alone as a jieba word, where the CPP
# dev data has (almost) no examples: they were written from grammar references.
_SUBJECTS = set("我你他她它们咱您谁也都还就又才总非必可")  # pronouns and preverbal adverbs
_OBTAIN_AFTER = set("了到过")  # 得了/得到/得过: "to obtain" (dé)
_GROW_BEFORE = set("得出大成满高")  # 长得/长出/长大...: "to grow" (zhǎng)
_PERSONS = set("我你他她它您")  # 还 + person: "give back to" (还你钱)
# 还 hái "still, also" is an adverb and comes before a verb, an adjective, another adverb
# or a number (还三天); before a noun it is the verb huán "to return" with its object
# (还钱 "pay back money", 还书 "return a book"). A noun here is one both sources call a
# noun: jieba's dictionary tags it a noun (common, bound, proper or abbreviated) and
# CC-CEDICT gives it a classifier ("CL:") and no verb sense ("to ..."). Either alone was
# tried on the government work reports and failed: jieba tags n many adjectives and
# glued phrases (还有力, 还比较突出 "is still rather serious": about 30 hái -> huán), and
# CC-CEDICT gives the modal 可能 "possibility" a classifier (还可能 "may also": 5).
# CPP: 还 40/40 before and after.
_NOUN_TAGS = frozenset({"n", "ng", "nz", "j"})
# degree adverbs, and the adjective reading a polyphone takes after one
_DEGREE = ("很", "太", "非常", "比较", "更", "最", "挺", "真", "特别", "十分", "相当", "越来越")
_ADJECTIVE = {
    "差": "cha4", "长": "chang2", "重": "zhong4", "好": "hao3", "难": "nan2", "干": "gan1",
    "空": "kong1", "少": "shao3", "薄": "bao2", "强": "qiang2", "累": "lei4", "浓": "nong2",
}
# modal verbs and adverbs after which 为 is wèi "for, on behalf of" (可以为你做饭)
_WEI4_BEFORE = (
    "可以", "能", "要", "想", "愿意", "应该", "决定", "一定", "适合", "专门", "特地", "特意",
    "正在", "不断", "努力", "共同", "一起", "主动", "不得不", "必须", "只能", "只好", "需要",
)
# 率 after a Han character is the verb shuài "to lead" only before its object: a noun
# (率军, 率部, 率代表团) or a number (率三万人); before anything else (a verb, an adverb, a
# particle, the end of the clause) it ends a noun, the suffix "rate" (lǜ: 留存率下降).
# jieba's dictionary tags of the word that follows: common nouns, bound noun morphemes,
# organisations, other proper nouns, numerals. Persons ("nr") are left out: jieba tags
# glued phrases it does not know nr (明显提高). CPP: 率 40/41 before and after.
_OBJECT_TAGS = frozenset({"n", "ng", "nt", "nz", "m"})
# 调 before these is tiáo "to adjust" with a resultative complement (调低 "turn down",
# 调高, 调快); a class of adjectives of degree, from grammar references.
_TIAO_BEFORE = set("高低大小快慢亮暗强弱松紧宽窄匀")
# 重 before a verb is chóng "again" or zhòng "heavily" (CC-CEDICT's 重+verb words: 39
# chóng, 21 zhòng: 重罚, 重伤), so the verb alone is no evidence; a count of times after
# it is (重跑一遍 "run it again once", 重测了两次): nothing is done heavily "once".
_TIMES_AFTER = re.compile(r"了?[一两二三几]?[遍次回趟]")
_CLAUSE_START = {"", "，", "。", "；", "！", "？", "\n"}
_CITATION = {("一", "yi2"): "yi1", ("一", "yi4"): "yi1", ("不", "bu2"): "bu4"}


def _normalise(syllable: str) -> str:
    """CC-CEDICT syllable -> our numbered form: lower case, ü as "v", erhua r5 as er5."""
    syllable = syllable.lower().replace("u:", "v")
    return "er5" if syllable == "r5" else syllable


@lru_cache(maxsize=1 << 17)
def dictionary_reading(word: str) -> tuple[str, ...] | None:
    """CC-CEDICT's reading of ``word`` when the dictionary reads it one way only (case
    ignored, so a surname entry does not count as a second reading); else None."""
    found = set()
    for pinyin_text in cedict().readings(word):
        reading = tuple(_normalise(s) for s in pinyin_text.split())
        if len(reading) == len(word) and all(_SYLLABLE.fullmatch(s) for s in reading):
            found.add(reading)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1 << 16)
def _dictionary_parts(word: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(offset, reading) of the parts of ``word`` that CC-CEDICT reads one way only.

    The whole word when the dictionary has it; otherwise the longest dictionary words
    inside it, left to right, so a compound jieba keeps whole but no dictionary lists
    (接种率 "vaccination rate") still reads its known parts (接种 jiē zhòng) as the
    dictionary does. A word-final 率 after such a part is the suffix "rate" (lǜ).
    """
    whole = dictionary_reading(word)
    if whole:
        return ((0, whole),)
    parts: list[tuple[int, tuple[str, ...]]] = []
    i = 0
    while i < len(word):
        for size in range(min(4, len(word) - i), 1, -1):
            reading = dictionary_reading(word[i : i + size])
            if reading:
                parts.append((i, reading))
                i += size
                break
        else:
            if word[i] == "率" and i == len(word) - 1 and parts and parts[-1][0] + len(
                parts[-1][1]
            ) == i:
                parts.append((i, ("lv4",)))
            i += 1
    return tuple(parts)


class _Pypinyin(NamedTuple):
    """What flashgen reads of pypinyin's data, in the form pypinyin itself gives it.

    Importing pypinyin parses 3 MB of JSON and trains its phrase segmenter (about 0.2 s of
    every run); these tables, worked out once through pypinyin and cached, load in 0.02 s.
    """

    phrases: dict[str, str]  # phrase -> its numbered reading, space-separated (or "")
    chars: dict[str, str]  # character -> every numbered reading, the default first
    stubs: frozenset[str]  # beginnings of phrases that hold no phrase themselves
    longest: dict[str, int]  # character -> length of the longest phrase it starts
    marks: dict[str, str]  # numbered syllable -> tone marks ("lv4" -> "lǜ")
    hans: str  # pypinyin's pattern for a run of the characters it reads


#: Bump when the cached form of the pypinyin tables changes.
_PYPINYIN_CACHE_FORMAT = 2


def _pypinyin_source() -> Path:
    """pypinyin's phrase data, found without importing pypinyin (the cache is named after it)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise ImportError("pypinyin is not installed: pip install pypinyin")
    return Path(spec.origin).with_name("phrases_dict.json")


def _build_pypinyin() -> tuple[object, ...]:
    """The tables of :class:`_Pypinyin`, asked of pypinyin itself (slow: run once per
    pypinyin version). A phrase reads as pypinyin's phrase table reads it."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.contrib.tone_convert import to_tone, to_tone3

    @cache  # a few thousand syllables, converted 250 k times (1.6 s)
    def numbered(marked: str) -> str:
        return to_tone3(marked, neutral_tone_with_five=True)

    phrases = {  # "" for an entry whose length is not the phrase's: pypinyin reads none
        phrase: " ".join(numbered(options[0]) for options in entry)
        if len(entry) == len(phrase)
        else ""
        for phrase, entry in PHRASES_DICT.items()
    }
    chars = {
        chr(code): " ".join(dict.fromkeys(numbered(m) for m in marks.split(",") if m))
        for code, marks in PINYIN_DICT.items()
    }
    stubs = {
        phrase[:end]
        for phrase in PHRASES_DICT
        for end in range(1, len(phrase))
        if not any(phrase[:k] in PHRASES_DICT for k in range(1, end + 1))
    }
    syllables = {s for readings in chars.values() for s in readings.split()}
    syllables |= {s[:-1] + tone for s in syllables for tone in "12345"}
    marks = {s: to_tone(s) for s in sorted(syllables)}
    pattern = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")
    longest: dict[str, int] = {}
    for phrase in PHRASES_DICT:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    return phrases, chars, frozenset(stubs), longest, marks, f"(?:{pattern})+"


@lru_cache(maxsize=1)
def _pypinyin() -> _Pypinyin:
    tables = cached("pypinyin", _pypinyin_source(), _PYPINYIN_CACHE_FORMAT, _build_pypinyin)
    return _Pypinyin(*tables)


def is_phrase(text: str) -> bool:
    """True when pypinyin's phrase table lists ``text``."""
    return text in _pypinyin().phrases


def _phrase_cut(run: str) -> Iterator[str]:
    """pypinyin's strict maximum matching over its phrase table (``pypinyin.seg.mmseg``):
    the longest phrase at each point, else one character. As there, a run that is only the
    beginning of some phrase, with no phrase inside it, falls apart into its characters."""
    tables = _pypinyin()
    phrases, stubs = tables.phrases, tables.stubs
    while run:
        for size in range(min(len(run), tables.longest.get(run[0], 0)), 0, -1):
            if run[:size] in phrases:
                yield run[:size]
                run = run[size:]
                break
        else:
            if run in stubs:
                yield from run
                return
            yield run[0]
            run = run[1:]


@lru_cache(maxsize=1 << 16)
def _segment_reading(segment_text: str) -> tuple[str | None, ...]:
    """pypinyin's numbered readings of one segment of :func:`_phrase_cut` (a phrase or one
    character; None for a character pypinyin cannot read)."""
    phrase = _pypinyin().phrases.get(segment_text)
    if phrase is not None:
        readings: tuple[str | None, ...] = tuple(phrase.split()) or (None,) * len(segment_text)
    else:
        readings = tuple(c[0] if (c := candidates(char)) else None for char in segment_text)
    return tuple(r if r and _SYLLABLE.fullmatch(r) else None for r in readings)


@lru_cache(maxsize=1 << 14)
def candidates(char: str) -> tuple[str, ...]:
    """Every numbered reading pypinyin knows for ``char``, its default first."""
    return tuple(_pypinyin().chars.get(char, "").split())


def toneless(text: str) -> list[str]:
    """pypinyin's ``lazy_pinyin``: one toneless syllable per character it reads ("lv" for
    绿), phrases read as its phrase table reads them, and every run of other characters kept
    whole as one item.

    >>> toneless("重庆市")  # Chongqing (city)
    ['chong', 'qing', 'shi']
    """
    out: list[str] = []
    position = 0
    for match in _hans().finditer(text):
        if match.start() > position:
            out.append(text[position : match.start()])
        for part in _phrase_cut(match.group()):
            readings = _segment_reading(part)
            out += (r[:-1] if r else c for r, c in zip(readings, part, strict=True))
        position = match.end()
    if position < len(text):
        out.append(text[position:])
    return out


@lru_cache(maxsize=1)
def _hans() -> re.Pattern[str]:
    return re.compile(_pypinyin().hans)


class Analysis:
    """A sentence's base readings and the context the disambiguator looks at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.readings: list[str | None] = [None] * len(text)
        self.in_phrase = [False] * len(text)  # pypinyin read it as part of a phrase
        self.word_of = [0] * len(text)  # index into self.words
        self.words = segment.words(text)
        self.starts: list[int] = []
        for match in _HAN_RUN.finditer(text):
            pos = match.start()
            for seg in _phrase_cut(match.group()):
                self.readings[pos : pos + len(seg)] = _segment_reading(seg)
                if len(seg) > 1 and is_phrase(seg):
                    self.in_phrase[pos : pos + len(seg)] = [True] * len(seg)
                pos += len(seg)
        self.dict_reading: list[str | None] = [None] * len(text)
        pos = 0
        for index, word in enumerate(self.words):
            self.starts.append(pos)
            self.word_of[pos : pos + len(word)] = [index] * len(word)
            if len(word) > 1:
                for offset, reading in _dictionary_parts(word):
                    start = pos + offset
                    self.dict_reading[start : start + len(reading)] = reading
            pos += len(word)

    def features(self, i: int) -> list[str]:
        """Context features of position ``i`` (conjoined with the character by the model)."""
        text, words, w = self.text, self.words, self.word_of[i]
        word = words[w]
        feats = [
            "b",
            "L1" + text[i - 1 : i],
            "R1" + text[i + 1 : i + 2],
            "L2" + text[max(i - 2, 0) : i],
            "R2" + text[i + 1 : i + 3],
            "LR" + text[i - 1 : i] + text[i + 1 : i + 2],
            "W" + word + str(i - self.starts[w]),
            "PW" + (words[w - 1] if w else ""),
            "NW" + (words[w + 1] if w + 1 < len(words) else ""),
        ]
        return feats

    def votes(self, i: int) -> list[tuple[str, str]]:
        """(source, reading) pairs: how each outside source reads position ``i``.

        Sources: pypinyin in the sentence (inside a phrase or alone), CC-CEDICT for the
        jieba word, pypinyin's default reading, and every CC-CEDICT word / pypinyin phrase
        of 2-4 characters around ``i`` that has one reading (jieba may have cut elsewhere).
        """
        text = self.text
        out = []
        if self.readings[i]:
            out.append(("pp_phrase" if self.in_phrase[i] else "pp_single", self.readings[i]))
        if self.dict_reading[i]:
            out.append(("cedict", self.dict_reading[i]))
        cands = candidates(text[i])
        if cands:
            out.append(("default", cands[0]))
        dictionary = cedict()
        for n in _SPANS:
            for start in range(max(0, i - n + 1), min(i, len(text) - n) + 1):
                span = text[start : start + n]
                if is_phrase(span) or span in dictionary:  # most spans are no word
                    out += _span_votes(span, i - start)
        return out


_SPANS = (2, 3, 4)  # CC-CEDICT words are mostly 2-4 characters; 5-fold dev: spans of
# 2 / 2-3 / 2-4 gain 0.06 / 0.11 / 0.16 points over none


@lru_cache(maxsize=1 << 18)
def _span_votes(span: str, offset: int) -> tuple[tuple[str, str], ...]:
    """Votes of CC-CEDICT and pypinyin's phrase table for the character at ``offset`` of
    ``span`` (cached: spans around common polyphones repeat)."""
    votes = []
    reading = dictionary_reading(span)
    if reading:
        votes.append((f"cedict{len(span)}", reading[offset]))
    phrase = _phrase_reading(span)
    if phrase:
        votes.append((f"phrase{len(span)}", phrase[offset]))
    return tuple(votes)


@lru_cache(maxsize=1 << 17)
def _phrase_reading(span: str) -> tuple[str, ...] | None:
    """pypinyin's phrase-table reading of ``span`` (numbered), or None when not a phrase."""
    phrase = _pypinyin().phrases.get(span)
    return tuple(phrase.split()) if phrase else None


Active = tuple[list[str], list[tuple[str, str]]]  # context keys, (trust key, reading)


class Disambiguator:
    """An averaged-perceptron scorer for the readings of one polyphonic character.

    ``context`` maps "char\tfeature" to per-reading weights (what a neighbour says about
    this character); ``trust`` maps "\tsource" (shared by all characters) and
    "char\t@source" to how far to believe an outside source's vote (pypinyin, CC-CEDICT);
    ``labels`` gives each known character the readings seen in training.
    """

    def __init__(
        self,
        context: dict[str, dict[str, float]],
        trust: dict[str, float],
        labels: dict[str, list[str]],
    ) -> None:
        self.context = context
        self.trust = trust
        self.labels = labels

    def options(self, char: str) -> list[str]:
        return list(dict.fromkeys([*self.labels.get(char, ()), *candidates(char)]))

    @staticmethod
    def active(analysis: Analysis, i: int) -> Active:
        """The weight keys that position ``i`` of ``analysis`` fires."""
        char = analysis.text[i]
        votes = [
            (key, reading)
            for source, reading in analysis.votes(i)
            for key in ("\t" + source, char + "\t@" + source)
        ]
        return [char + "\t" + f for f in analysis.features(i)], votes

    def scores(self, char: str, active: Active) -> dict[str, float]:
        scores = dict.fromkeys(self.options(char), 0.0)
        context, votes = active
        for key in context:
            row = self.context.get(key)
            if row:
                for option, weight in row.items():
                    if option in scores:
                        scores[option] += weight
        for key, reading in votes:
            if reading in scores:
                scores[reading] += self.trust.get(key, 0.0)
        return scores

    def predict(self, analysis: Analysis, i: int) -> str:
        scores = self.scores(analysis.text[i], self.active(analysis, i))
        return max(scores, key=scores.__getitem__)

    def to_json(self) -> dict[str, object]:
        return {"context": self.context, "trust": self.trust, "labels": self.labels}


MODEL_FILE = "polyphone.json.gz"
#: Bump when the cached form of the model changes.
_MODEL_CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def disambiguator() -> Disambiguator | None:
    """The shipped model, loaded on first use; None when the data file is absent."""
    path = Path(str(importlib.resources.files("flashgen") / "data" / MODEL_FILE))
    if not path.is_file():
        return None

    def parse() -> dict[str, object]:
        with gzip.open(path, "rt", encoding="utf-8") as text:
            return json.load(text)

    # The JSON stays the shipped form; its parsed form is cached (0.09 s -> 0.02 s).
    data = cached("polyphone", path, _MODEL_CACHE_FORMAT, parse)
    return Disambiguator(data["context"], data["trust"], data["labels"])


def _wei2_context(text: str, i: int) -> bool:
    """True when 为 at ``i`` follows a verb that takes it as "to be, as" (成为, 视为...)."""
    return any(text.endswith(verb, 0, i) for verb in _WEI2_BEFORE)


def _function_word(analysis: Analysis, i: int) -> str | None:
    """The reading of a loose function character decided by its neighbours, or None.

    After a degree adverb (很, 太, 非常...) a character takes its adjective reading (很差
    chà, 很长 cháng, 很重 zhòng). 地 after a word of one character is dì "land, place"
    (盐地 "saline land", 等地 "and other places"), else before a Han character the
    adverbial particle de (慢慢地走: the adverbial follows a longer word); 得 is dé before
    了/到/过, děi "must" after a subject or adverb (你得走), else the complement particle de
    (跑得快); 长 is zhǎng "grow" before 得出大成满高, else cháng "long"; 为 after a pronoun,
    an adverb, a modal verb or at a clause start, or before a person, is wèi "for"
    (我们为人民服务, 可以为你做); 还 before a person or a noun is huán "give back" (还你钱,
    还钱); 中 followed by the word 了 or 过 is zhòng "hit" (中了埋伏); 率 not before its
    object (a noun or number) is lǜ "rate" (留存率下降, 年率6%), not shuài "lead" (率军,
    率三万人); 重 before a verb and a count of times is chóng "again" (重跑一遍); 调 before
    an adjective of degree is tiáo "adjust" (调低 "turn down").
    """
    text, char = analysis.text, analysis.text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    after_han = bool(after) and _HAN_RUN.match(after) is not None
    if char in _ADJECTIVE and any(text.endswith(d, 0, i) for d in _DEGREE):
        return _ADJECTIVE[char]
    if char == "地":
        if _previous_word(analysis, i):  # a place after one character: 盐/地, 等/地
            return "di4"
        return "de5" if after_han else None
    if char == "率":
        noun_end = not after_han or segment.dict_tag(_following(analysis, i)) not in _OBJECT_TAGS
        return "lv4" if before and _HAN_RUN.match(before) and noun_end else None
    if char == "重":
        verb = _following(analysis, i)[:1]
        again = has_verb_sense(verb) and _TIMES_AFTER.match(text, i + 2) is not None
        return "chong2" if again else None
    if char == "调":
        return "tiao2" if after in _TIAO_BEFORE else None
    if char == "得":
        if after in _OBTAIN_AFTER:
            return "de2"
        return "dei3" if before in _SUBJECTS and after_han else "de5"
    if char == "长":
        return "zhang3" if after in _GROW_BEFORE else "chang2"
    if char == "为":
        for_whom = after in _PERSONS or any(text.endswith(w, 0, i) for w in _WEI4_BEFORE)
        return "wei4" if for_whom or before in _SUBJECTS or before in _CLAUSE_START else None
    if char == "还":
        return "huan2" if after in _PERSONS or _noun_only(_following(analysis, i)) else None
    if char == "中":
        w = analysis.word_of[i] + 1
        return "zhong4" if w < len(analysis.words) and analysis.words[w] in ("了", "过") else None
    return None


def _following(analysis: Analysis, i: int) -> str:
    """What follows position ``i``: the rest of its jieba word, else the next word."""
    w = analysis.word_of[i]
    rest = analysis.text[i + 1 : analysis.starts[w] + len(analysis.words[w])]
    return rest or (analysis.words[w + 1] if w + 1 < len(analysis.words) else "")


@lru_cache(maxsize=1 << 14)
def _noun_only(word: str) -> bool:
    """True when ``word`` is a noun to jieba's dictionary and to CC-CEDICT (see
    ``_NOUN_TAGS``)."""
    if segment.dict_tag(word) not in _NOUN_TAGS:
        return False
    senses = [s for e in cedict().lookup(word) for s in e.senses]
    return any(s.startswith("CL:") for s in senses) and not any(
        s.startswith("to ") for s in senses
    )


def _previous_word(analysis: Analysis, i: int) -> str:
    """The jieba word before the one position ``i`` starts, when ``i`` starts a word
    and that word is one Han character (else "")."""
    w = analysis.word_of[i]
    if not w or analysis.starts[w] != i:
        return ""
    word = analysis.words[w - 1]
    return word if len(word) == 1 and _HAN_RUN.match(word) else ""


_RULED = frozenset("地得长为还中率调") | frozenset(_ADJECTIVE)


def _loose(analysis: Analysis, i: int) -> bool:
    """True when position ``i`` is not held by a known word: its jieba word is the single
    character, or a chunk no dictionary lists that it starts or ends, and the two
    characters on that edge are no word either (慢慢地, 很长, 地说; not 团长 in 副团长)."""
    word = analysis.words[analysis.word_of[i]]
    if len(word) == 1:
        return True
    start = analysis.starts[analysis.word_of[i]]
    if i == start:
        edge = word[:2]
    elif i == start + len(word) - 1:
        edge = word[-2:]
    else:
        return False
    return not any(is_phrase(w) or w in cedict() for w in (word, edge))


def resolve(analysis: Analysis, model: Disambiguator | None) -> list[str | None]:
    """The final numbered readings of an analysed sentence (see the module docstring)."""
    text = analysis.text
    out = list(analysis.readings)
    for i, char in enumerate(text):
        if out[i] is None:
            continue
        rule = _function_word(analysis, i) if char in _RULED and _loose(analysis, i) else None
        if analysis.dict_reading[i] is not None:
            out[i] = analysis.dict_reading[i]
        elif char == "为" and _wei2_context(text, i):
            out[i] = "wei2"
        elif rule:
            out[i] = rule
        elif model is not None and char in model.labels:
            out[i] = model.predict(analysis, i)
        out[i] = _CITATION.get((char, out[i]), out[i])
    return out


def syllables(text: str) -> list[str | None]:
    """One numbered reading per character of ``text`` (None for non-Han characters).

    >>> syllables("银行行长")  # bank president
    ['yin2', 'hang2', 'hang2', 'zhang3']
    """
    return list(_read(text)[0]) if text else []


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """The final readings of ``text`` and its jieba words (cached: a deck reads a sentence
    again for each of its terms and for its card, 207 readings of 26 sentences in the seed
    deck)."""
    analysis = Analysis(text)
    return tuple(resolve(analysis, disambiguator())), tuple(analysis.words)


def numbers_to_marks(numbered: str) -> str:
    """Numbered pinyin to tone marks, syllable by syllable: "jun1 shi4" -> "jūn shì".

    Anything that is not a numbered syllable (punctuation, spaces, words) is kept as is.
    """
    return re.sub(r"[A-Za-z:]+[1-5]", lambda m: _mark(m.group()), numbered)


@lru_cache(maxsize=4096)
def _mark(syllable: str) -> str:
    lower = syllable.lower().replace("u:", "v")
    if lower == "r5":
        return "r"
    marked = _pypinyin().marks.get(lower)
    if marked is None:  # no syllable pypinyin has for any character: ask pypinyin itself
        from pypinyin.contrib.tone_convert import to_tone

        marked = to_tone(lower)
    return marked.capitalize() if syllable[0].isupper() else marked


@lru_cache(maxsize=4096)
def to_zhuyin(numbered: str) -> str:
    """One numbered syllable to zhuyin (bopomofo): "lv4" -> "ㄌㄩˋ", "le5" -> "ㄌㄜ˙"
    (erhua "r5" -> "ㄦ")."""
    if numbered.lower() == "r5":
        return "ㄦ"
    from pypinyin import Style
    from pypinyin.contrib.tone_convert import to_tone
    from pypinyin.style import convert

    return convert(to_tone(numbered.lower()), Style.BOPOMOFO, True)


def _render(syllable: str, tones: str) -> str:
    if tones == "marks":
        return _mark(syllable)
    if tones == "numbers":
        return syllable
    if tones == "zhuyin":
        return to_zhuyin(syllable)
    raise ValueError(f"unknown tones style {tones!r}: use 'marks', 'numbers' or 'zhuyin'")


def per_char(text: str, tones: str = "marks") -> list[str]:
    """One reading per Han character of ``text``, in order (non-Han characters left out)."""
    return [_render(s, tones) for s in syllables(text) if s is not None]


def _layout(
    text: str, syllable: Callable[[str], str], other: Callable[[str], str], apostrophe: bool
) -> str:
    """Lay out ``text``'s readings word by word: a jieba word's syllables form one block,
    blocks are spaced, punctuation sticks to what precedes it, and non-Han words (numbers,
    Latin) are kept and spaced like words. ``syllable`` renders one numbered reading,
    ``other`` renders text kept as is; ``apostrophe`` separates syllables as tone-mark
    pinyin does. Proper nouns (capitalised throughout CC-CEDICT)
    start with a capital (Běijīng); an erhua 儿 joins its word as "r" (yīdiǎnr)."""
    readings, words = _read(text) if text else ((), ())
    parts: list[str] = []
    previous = ""  # "reading", "word" (Latin, digits) or the punctuation last written
    pos = 0
    for word in words:
        chunk = list(readings[pos : pos + len(word)])
        pos += len(word)
        if word.isspace():
            continue
        kind = "reading" if any(chunk) else "word" if word[0].isalnum() else word
        if kind == "reading":
            chunk = [("r5" if r == "er5" and k else r) for k, r in enumerate(chunk)]
            if chunk[0] and _proper_noun(word):
                chunk[0] = chunk[0].capitalize()
        if _space_between(previous, kind):
            parts.append(" ")
        rendered = [syllable(r) if r else other(c) for r, c in zip(chunk, word, strict=True)]
        if apostrophe:  # Xī'ān, not Xīān: a syllable starting with a, o, e inside a word
            rendered[1:] = [
                "'" + out if r and chunk[k] and r[0] in "aoe" else out
                for k, (r, out) in enumerate(zip(chunk[1:], rendered[1:], strict=True))
            ]
        parts.append("".join(rendered))
        previous = kind
    return "".join(parts)


@lru_cache(maxsize=1 << 14)
def _proper_noun(word: str) -> bool:
    """True when CC-CEDICT lists ``word`` (2+ characters) only as a proper noun."""
    entries = cedict().lookup(word) if len(word) > 1 else []
    return bool(entries) and all(e.pinyin[:1].isupper() for e in entries)


def _space_between(previous: str, kind: str) -> bool:
    """Words and readings are spaced; a reading also after punctuation (not after an
    opening bracket or quote); punctuation sticks to what precedes it."""
    if kind not in ("reading", "word") or not previous:
        return False
    if previous in ("reading", "word"):
        return True
    return kind == "reading" and previous[-1] not in _OPENERS


_OPENERS = "（(《“‘「『【[\"'"


def pinyin(text: str, tones: str = "marks") -> str:
    """Readable pinyin of ``text``: words spaced (jieba boundaries), punctuation kept.

    >>> pinyin("我们去银行。")  # we go to the bank
    'wǒmen qù yínháng。'
    """
    return _layout(text, lambda r: _render(r, tones), str, tones == "marks")


def _find(term: str, sentence: str) -> int:
    return sentence.find(term) if term else -1


def term_reading(term: str, sentence: str, english: str = "") -> str:
    """Numbered, space-separated reading of ``term`` where it first occurs in ``sentence``.

    The whole sentence is read so that context decides; a term CC-CEDICT reads one way
    only always gets that reading. A term it reads several ways with different senses
    (分子 fēnzǐ "molecule" / fènzǐ "member, element") takes the reading whose senses
    share the most content words with ``english``, the sentence's translation, when one
    reading shares more than every other. When the sentence does not contain the term,
    the term is read on its own. Non-Han characters of the term are kept as they are.
    """
    single = dictionary_reading(term) if len(term) > 1 else None
    if single:
        return " ".join(single)
    # Single characters are left to the sentence: their many short senses share some
    # word with almost any English sentence (devset: both single-character changes were
    # wrong, 还可能 "may also" -> huán via "pay"; words of 2+ characters on the MAC
    # literary dev set: about 52 of 56 changes right, 东西 "thing" dōngxi, 地方 "place").
    translated = english_reading(term, english) if english and len(term) > 1 else None
    if translated:
        return " ".join(translated)
    start = _find(term, sentence)
    readings = syllables(sentence)[start : start + len(term)] if start >= 0 else syllables(term)
    return " ".join(r if r else c for r, c in zip(readings, term, strict=True) if not c.isspace())


# CC-CEDICT explains a grammatical use instead of translating it ("(after a verb)
# indicating the beginning of an action", "used after a verb"): words no translation
# says (on the MAC literary dev set such senses of 起来 qǐlai matched "expression").
_EXPLANATION = re.compile(r"(?:\([^)]*\)\s*)?(?:indicating|expressing|used)\b", re.I)


@lru_cache(maxsize=1 << 14)
def _reading_stems(term: str) -> dict[tuple[str, ...], frozenset[str]]:
    """The English content stems of each CC-CEDICT reading of ``term`` (case folded, so a
    surname joins its common reading; surname, pointer and classifier senses say nothing
    of the meaning and are left out)."""
    stems: dict[tuple[str, ...], set[str]] = {}
    for entry in cedict().lookup(term):
        reading = tuple(_normalise(s) for s in entry.pinyin.split())
        if len(reading) != len(term) or not all(_SYLLABLE.fullmatch(s) for s in reading):
            continue
        said = stems.setdefault(reading, set())
        for sense in entry.senses:
            if says_a_meaning(sense) and not _EXPLANATION.match(sense):
                said.update(content_stems(sense))
    return {reading: frozenset(said) for reading, said in stems.items()}


def english_reading(term: str, english: str) -> tuple[str, ...] | None:
    """The CC-CEDICT reading of ``term`` whose senses the English translation of its
    sentence uses most, when one reading shares strictly more content words with it than
    every other (else None: no evidence, or a tie).

    >>> english_reading("分子", "Water molecules are small.")  # molecule, not member
    ('fen1', 'zi3')
    """
    readings = _reading_stems(term)
    if len(readings) < 2:
        return None
    words = set(content_stems(english))
    shared = {
        reading: sum(any(same_word(w, s) for s in said) for w in words)
        for reading, said in readings.items()
    }
    best = sorted(shared.values(), reverse=True)
    if best[0] == 0 or best[0] == best[1]:
        return None
    return max(shared, key=shared.__getitem__)


def tone_of(syllable: str) -> int:
    """The tone digit of a numbered syllable (5 for neutral or unknown)."""
    return int(syllable[-1]) if syllable[-1:] in "12345" else 5


def colour_html(text: str, tones: str = "marks") -> str:
    """``text``'s readings as HTML, each syllable wrapped in the Chinese Support add-on's
    tone class (``<span class="tone1">jūn</span>``), words spaced as in :func:`pinyin`.
    Every piece of the input is HTML-escaped."""

    def span(reading: str) -> str:
        return f'<span class="tone{tone_of(reading)}">{html.escape(_render(reading, tones))}</span>'

    return _layout(text, span, html.escape, tones == "marks")


def colour_hanzi(text: str) -> str:
    """The characters themselves coloured by tone (Chinese Support's coloured Hanzi)."""
    return "".join(
        f'<span class="tone{tone_of(r)}">{html.escape(c)}</span>' if r else html.escape(c)
        for r, c in zip(syllables(text), text, strict=True)
    )


def ruby(text: str, tones: str = "marks") -> str:
    """Anki's furigana "reading" format, ``漢[hàn]字[zì]``, for ``{{furigana:Reading}}``.

    Each Han character carries its own bracketed reading; a space goes before every
    character group (Anki's rule for where a base text starts) except at the start.
    Non-Han text is kept as is. Brackets in the input are replaced by full-width ones so
    they cannot be taken for readings.
    """
    text = text.replace("[", "［").replace("]", "］")
    out: list[str] = []
    for char, reading in zip(text, syllables(text), strict=True):
        if reading is None:
            out.append(char)
        else:
            space = "" if not out or out[-1].endswith(" ") else " "
            out.append(f"{space}{char}[{_render(reading, tones)}]")
    return "".join(out)
