"""Grammar rules for function characters that no dictionary word holds, written from
grammar references where the CPP dev data has (almost) no examples (see
:func:`rule_reading`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.senses import has_verb_sense, is_classifier
from flashgen.pinyin.model import Analysis
from flashgen.pinyin.tables import HAN_RUN, is_phrase

# 为 after these is wéi "to be, to act as, to become"; they are the verbs of naming,
# becoming, regarding and changing that take 为 as their complement (a grammatical
# class, written from grammar references, not from any corpus).
# fmt: off
_WEI2_BEFORE = (
    "成", "作", "称", "视", "改", "升格", "降格", "变", "化", "转", "选", "评", "认", "列",
    "划", "分", "译", "释", "写", "记", "读", "设", "命名", "更名", "改名", "封", "奉", "尊",
    "誉", "推", "举", "拜", "聘", "降", "合并", "缩", "减", "增", "扩", "身",
)
# fmt: on


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


# fmt: off
_ADJECTIVE = {
    "差": "cha4", "长": "chang2", "重": "zhong4", "好": "hao3", "难": "nan2", "干": "gan1",
    "空": "kong1", "少": "shao3", "薄": "bao2", "强": "qiang2", "累": "lei4", "浓": "nong2",
}
# fmt: on


# modal verbs and adverbs after which 为 is wèi "for, on behalf of" (可以为你做饭)
# fmt: off
_WEI4_BEFORE = (
    "可以", "能", "要", "想", "愿意", "应该", "决定", "一定", "适合", "专门", "特地", "特意",
    "正在", "不断", "努力", "共同", "一起", "主动", "不得不", "必须", "只能", "只好", "需要",
)
# fmt: on


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


def wei2_context(text: str, i: int) -> bool:
    """True when 为 at ``i`` follows a verb that takes it as "to be, as" (成为, 视为...)."""
    return any(text.endswith(verb, 0, i) for verb in _WEI2_BEFORE)


def rule_reading(analysis: Analysis, i: int) -> str | None:
    """The reading a grammar rule gives the character at ``i``, or None: only a function
    character (see ``_RULES`` and ``_ADJECTIVE``) that no known word holds (see
    :func:`_loose`) is read by rule."""
    char = analysis.text[i]
    return _function_word(analysis, i) if char in _RULED and _loose(analysis, i) else None


def _function_word(analysis: Analysis, i: int) -> str | None:
    """The reading of a loose function character decided by its neighbours, or None.

    After a degree adverb (很, 太, 非常...) a character takes its adjective reading (很差
    chà, 很长 cháng, 很重 zhòng); otherwise the character's own rule in ``_RULES`` decides.
    """
    text, char = analysis.text, analysis.text[i]
    if char in _ADJECTIVE and any(text.endswith(d, 0, i) for d in _DEGREE):
        return _ADJECTIVE[char]
    rule = _RULES.get(char)
    return rule(analysis, i) if rule else None


def _before(text: str, i: int) -> str:
    return text[i - 1] if i else ""


def _han_after(text: str, i: int) -> bool:
    after = text[i + 1 : i + 2]
    return bool(after) and HAN_RUN.match(after) is not None


def _di(analysis: Analysis, i: int) -> str | None:
    """地 after a word of one character is dì "land, place" (盐地 "saline land", 等地 "and
    other places"), else before a Han character the adverbial particle de (慢慢地走: the
    adverbial follows a longer word)."""
    if _previous_word(analysis, i):  # a place after one character: 盐/地, 等/地
        return "di4"
    return "de5" if _han_after(analysis.text, i) else None


def _lv(analysis: Analysis, i: int) -> str | None:
    """率 not before its object (a noun or number) is lǜ "rate" (留存率下降, 年率6%), not
    shuài "lead" (率军, 率三万人)."""
    before = _before(analysis.text, i)
    noun_end = (
        not _han_after(analysis.text, i)
        or segment.dict_tag(_following(analysis, i)) not in _OBJECT_TAGS
    )
    return "lv4" if before and HAN_RUN.match(before) and noun_end else None


def _chong(analysis: Analysis, i: int) -> str | None:
    """重 before a verb and a count of times is chóng "again" (重跑一遍)."""
    verb = _following(analysis, i)[:1]
    again = has_verb_sense(verb) and _TIMES_AFTER.match(analysis.text, i + 2) is not None
    return "chong2" if again else None


def _tiao(analysis: Analysis, i: int) -> str | None:
    """调 before an adjective of degree is tiáo "adjust" (调低 "turn down")."""
    return "tiao2" if analysis.text[i + 1 : i + 2] in _TIAO_BEFORE else None


def _de(analysis: Analysis, i: int) -> str | None:
    """得 is dé before 了/到/过, děi "must" after a subject or adverb (你得走), else the
    complement particle de (跑得快)."""
    text = analysis.text
    if text[i + 1 : i + 2] in _OBTAIN_AFTER:
        return "de2"
    return "dei3" if _before(text, i) in _SUBJECTS and _han_after(text, i) else "de5"


def _chang(analysis: Analysis, i: int) -> str | None:
    """长 is zhǎng "grow" before 得出大成满高, else cháng "long"."""
    return "zhang3" if analysis.text[i + 1 : i + 2] in _GROW_BEFORE else "chang2"


def _wei(analysis: Analysis, i: int) -> str | None:
    """为 after a pronoun, an adverb, a modal verb or at a clause start, or before a
    person, is wèi "for" (我们为人民服务, 可以为你做)."""
    text = analysis.text
    before = _before(text, i)
    for_whom = text[i + 1 : i + 2] in _PERSONS or any(text.endswith(w, 0, i) for w in _WEI4_BEFORE)
    return "wei4" if for_whom or before in _SUBJECTS or before in _CLAUSE_START else None


def _huan(analysis: Analysis, i: int) -> str | None:
    """还 before a person or a noun is huán "give back" (还你钱, 还钱)."""
    after = analysis.text[i + 1 : i + 2]
    return "huan2" if after in _PERSONS or _noun_only(_following(analysis, i)) else None


def _zhong(analysis: Analysis, i: int) -> str | None:
    """中 followed by the word 了 or 过 is zhòng "hit" (中了埋伏)."""
    w = analysis.word_of[i] + 1
    return "zhong4" if w < len(analysis.words) and analysis.words[w] in ("了", "过") else None


# Each function character's rule (pypinyin's tone sandhi has one method per rule too).
_RULES: dict[str, Callable[[Analysis, int], str | None]] = {
    "地": _di,
    "率": _lv,
    "重": _chong,
    "调": _tiao,
    "得": _de,
    "长": _chang,
    "为": _wei,
    "还": _huan,
    "中": _zhong,
}


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
    classified = any(is_classifier(s) for e in cedict().lookup(word) for s in e.senses)
    return classified and not has_verb_sense(word)


def _previous_word(analysis: Analysis, i: int) -> str:
    """The jieba word before the one position ``i`` starts, when ``i`` starts a word
    and that word is one Han character (else "")."""
    w = analysis.word_of[i]
    if not w or analysis.starts[w] != i:
        return ""
    word = analysis.words[w - 1]
    return word if len(word) == 1 and HAN_RUN.match(word) else ""


_RULED = frozenset(_RULES) | frozenset(_ADJECTIVE)


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
