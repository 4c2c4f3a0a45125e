"""What jieba, CC-CEDICT and HSK say about one Chinese word: the facts the term rules read.

A word's class (function word, may start or end a run), whether it is a verb, a quantity,
a name, how rare it is, and the jieba tag sets the rules test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate

from flashgen.lexicon import segment
from flashgen.lexicon.english import (
    WORD,
    adverb_sense_words,
    calendar_words,
    organisation_words,
    quantity_words,
)
from flashgen.lexicon.script import is_han
from flashgen.lexicon.senses import first_sense_is_verb, is_classifier
from flashgen.lexicon.wordlists import data_text

# jieba tags of a noun-like head and of a modifier that forms noun compounds with it
# (阵营/n 对立/v, 情报/n 共享/v): verb-object phrases (强化/v 军事/n) are left out.
NOMINAL_HEADS = frozenset({"n", "vn", "nz", "v", "an"})
NOMINAL_MODIFIERS = frozenset({"n", "vn", "nz", "b", "an", "s"})
# Degree adverbs that start no term (更大/权限 "greater power"): five characters the edge
# rule names, a closed class of grammar rather than a list to tune (all are in
# data/function_words.txt too).
_DEGREE = frozenset("更很最较太")
# jieba tags of numerals, classifiers, pronouns, adverbs, prepositions, conjunctions,
# particles, interjections, localisers and time words: words of grammar, not vocabulary.
GRAMMAR_TAGS = frozenset("m mq q r rr rz d p c u uj ul ud ug uv uz e y o f t tg zg".split())
# Of those, the tags that end a run of content words wherever they stand (pronouns may be
# nouns too: 多边 "multilateral" is tagged r; localisers and time words start terms: 战后).
_RUN_BREAK_TAGS = frozenset("m mq q d p c u uj ul ud ug uv uz e y o".split())
# One-character words of these tags are never inside a term (共 "in all"); one-character
# numerals and classifiers may be (离群/点/检测 "outlier detection").
_RUN_BREAK_1 = frozenset("d p c u uj ul ud ug uv uz e y o".split())
PRONOUN_TAGS = frozenset({"r", "rr", "rz"})
# jieba's tags of a preposition, conjunction, particle, pronoun or interjection: the closed
# words that link others (在 "in", 和 "and", 的, 其 "its"), never a term's prefix.
LINKING_TAGS = frozenset({"p", "c", "u", "uj", "ul", "ud", "ug", "uv", "uz", "y", "e",
                          *PRONOUN_TAGS})
# jieba's tags of the aspect particles 了, 着 and 过, which end the verb before them.
_ASPECT_TAGS = frozenset({"ul", "uz", "ug"})
# jieba's tags of a character that ends no word it guessed: a localiser (港前 "before the
# port"), an adjective, adverb, preposition or conjunction (草近 "weed nearly", of 飞机草
# "Siam weed" before 近 "nearly"): the guess glued a grammar word to a name.
_GUESS_END_TAGS = frozenset({"f", "a", "d", "p", "c"})
# jieba's tags of time words (周二 "Tuesday", 战后 "postwar").
_TIME_TAGS = frozenset({"t", "tg"})
# First characters of demonstrative pronouns (这类 "this kind of", 此类, 该院 "that hospital",
# 每次, 各类, 某些): a closed class of seven characters that the rules name, structural
# rather than a list to tune. 本 is left out: 本地 "local", 本土 "native" form terms.
DEMONSTRATIVES = frozenset("这那此该每各某")
# jieba tags of nouns and names: such a word is content even if made of function characters.
_CONTENT_TAGS = frozenset({"n", "ns", "nr", "nt", "nz", "nrt", "nrfg"})
# jieba's tags of a plain verb (not vn, a verb used as a noun).
VERB_TAGS = frozenset({"v", "vd", "vi", "vq"})
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_NAME_KINDS = {"nr": "name", "nrfg": "name", "nrt": "name", "ns": "place", "nt": "org"}
# jieba's tags of a person's, a place's or an organisation's name.
NAME_KIND_TAGS = frozenset(_NAME_KINDS)


@lru_cache(maxsize=1)
def affixes() -> tuple[frozenset[str], frozenset[str]]:
    """Term-forming prefixes and heads (general morphology, all domains)."""
    text = data_text("term_affixes.txt")
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
def longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


@lru_cache(maxsize=4096)
def known_words(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word of jieba's own cut of ``sentence`` (before the repair) that
    jieba's dictionary or CC-CEDICT knows whole and that is two or more characters long:
    the words no term may cut (its guesses may be cut, but for :func:`bound_guess`)."""
    from flashgen.lexicon.cedict import cedict

    out = []
    at = 0
    for word in segment.jieba_words(sentence):
        end = at + len(word)
        if end - at > 1 and (segment.frequency(word) or word in cedict() or bound_guess(word)):
            out.append((at, end))
        at = end
    return tuple(out)


def bound_guess(word: str) -> bool:
    """A two-character guess of jieba's whose character of grammar binds the other one: a
    degree adverb before its predicate (更大 "bigger", 太多 "too many"), a demonstrative
    before its classifier (这轮 "this round"), or a character before its aspect particle
    (闪过 "dodged past"). No term may cut between them.

    The repair cuts the function word off (更/大, 这/轮), as it cuts every guess that
    starts or ends with one; the character left alone then starts or ends runs (大/带宽 of
    更大带宽 "greater bandwidth", 轮/融资 of 这轮融资 "this funding round") that are pieces
    of the clause, while the head stays a word (带宽, 融资). Where a guess glues a pronoun
    such as 其 "its", a particle or a preposition to a character, the repair is right and the
    character starts or ends a term (其 and a bound prefix: the prefix starts the term
    after it); binding every guess with a function character lost three gold terms of our
    sets for two broken items.
    """
    return (
        len(word) == 2
        and is_han(word)
        and (
            word[0] in _DEGREE
            or word[0] in DEMONSTRATIVES
            or segment.dict_tag(word[1]) in _ASPECT_TAGS
        )
    )


def cut_word(text: str, sentences: Sequence[str]) -> str:
    """The dictionary word of jieba's that ``text`` cuts at an edge wherever these sentences
    hold it, or "" if it stands whole somewhere (处理设施 "treatment facilities" in
    污水处理/设施 cuts 污水处理 "sewage treatment")."""
    cut = ""
    for sentence in sentences:
        spans = known_words(sentence)
        for start in occurrences(text, sentence):
            end = start + len(text)
            inside = next(
                (sentence[a:b] for a, b in spans if a < start < b or a < end < b), ""
            )
            if not inside:
                return ""
            cut = cut or inside
    return cut


@lru_cache(maxsize=4096)
def jieba_bounds(sentence: str) -> frozenset[int]:
    """Where jieba's own cut of ``sentence`` (before the repair) puts word boundaries."""
    return frozenset(accumulate(map(len, segment.jieba_words(sentence)), initial=0))


# jieba's tags of a character of grammar that the repair is right to split off a guess: a
# pronoun, particle or preposition (其 "its", 等 "etc.", 为 "as"), whose neighbour then
# starts or ends a term (as bound_guess says).
_GLUE_TAGS = LINKING_TAGS - {"c"}


def lone_edge_in_guess(parts: Sequence[str], sentences: Sequence[str]) -> bool:
    """Whether a run's lone first (or last) character was, wherever these sentences hold
    it, one word of jieba's with the character before (after) it, which the repair split
    off on a character of grammar: the run starts (ends) inside that word. A term-forming
    prefix (or head) there, or a pronoun, particle or preposition on the other side
    (_GLUE_TAGS), is a split the repair got right."""
    text = "".join(parts)
    prefixes, heads = affixes()
    first = len(parts[0]) == 1 and parts[0] not in prefixes
    last = len(parts[-1]) == 1 and parts[-1] not in heads
    if not (first or last):
        return False
    seen = False
    for sentence in sentences:
        bounds = jieba_bounds(sentence)
        for start in occurrences(text, sentence):
            seen = True
            end = start + len(text)
            glued_before = (
                first
                and start not in bounds
                and segment.dict_tag(sentence[start - 1]) not in _GLUE_TAGS
            )
            glued_after = (
                last
                and end not in bounds
                and segment.dict_tag(sentence[end : end + 1]) not in _GLUE_TAGS
            )
            if not (glued_before or glued_after):
                return False
    return seen


def occurrences(text: str, sentence: str) -> Iterator[int]:
    """Where ``text`` starts in ``sentence``, each occurrence after the last one's end (as
    a regular expression finds them, without compiling a pattern for every term)."""
    start = sentence.find(text) if text else -1
    while start >= 0:
        yield start
        start = sentence.find(text, start + len(text))


@lru_cache(maxsize=65536)
def parts_of(token: str) -> tuple[str, ...]:
    """A jieba phrase entry that CC-CEDICT lacks, as its two dictionary words.

    jieba's dictionary holds many multi-word entries (普遍存在 "be widespread");
    splitting them lets every run be judged the same way and lets their parts be counted
    (国家电网公司 holds 电网公司). An abbreviation jieba lists (:func:`segment.abbreviation`)
    is one word, not two: 中长跑 "middle- and long-distance running" holds no 长跑 of its own.
    """
    from flashgen.lexicon.cedict import cedict

    if (
        len(token) < 3
        or token in cedict()
        or not segment.frequency(token)
        or segment.abbreviation(token)
    ):
        return (token,)
    prefixes, heads = affixes()
    glue = segment.function_words()  # 每/公斤 "per kilogram", 可/储存 "can store"
    for cut_at in range(1, len(token)):
        head, tail = token[:cut_at], token[cut_at:]
        # A one-character start may also be a suffix of the word before (弃光/率/控制
        # "curtailment rate control") or a verb with its object (讲/清楚 "explain clearly",
        # 进/社区 "into the community").
        head_ok = (
            head in prefixes or head in glue or head in heads or first_sense_is_verb(head)
            if len(head) == 1
            else head in cedict()
        )
        tail_ok = tail in heads or tail in glue if len(tail) == 1 else tail in cedict()
        if head_ok and tail_ok:
            return (head, tail)
    return (token,)


@lru_cache(maxsize=65536)
def is_function_word(tok: str) -> bool:
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


@lru_cache(maxsize=262144)
def token_class(tok: str) -> tuple[bool, bool, bool, bool]:
    """(is a function word, may start, may end, may stand inside a run) for one token.

    Adverbs, numerals, classifiers and such by jieba's tag (尚未 "not yet", 三分之一
    "a third") and pronoun-like words (各区 "each district") are in no run, unless
    CC-CEDICT gives them a noun or adjective sense; longer ones stay candidates on their own
    (擅自 "without permission"). A word jieba guessed that begins or ends with a function
    character (每艘 "each (ship)", 港前 in 东湾港/前三季度) has an unreliable edge there.
    """
    from flashgen.lexicon.cedict import cedict

    if is_function_word(tok):
        return True, False, False, False
    tag = segment.dict_tag(tok)
    if tag in _RUN_BREAK_TAGS or (tag in PRONOUN_TAGS and tok not in cedict()):
        if len(tok) == 1:
            if tag in _RUN_BREAK_1:
                return True, False, False, False
        elif (tok in cedict() or tag not in ("d", "p")) and not _content_sense(tok):
            return False, False, False, False  # 尚未 "not yet": a word, in no run
    if tag in ("p", "c") and len(tok) > 1:
        # A preposition or conjunction with a sense of content (基于 "on the basis of", 并非
        # "is not") is a word still, in no run: 模型/基于/卫星数据 "the model, based on
        # satellite data" is a phrase around it.
        return False, False, False, False
    return _char_class(tok) if len(tok) == 1 else _word_class(tok, tag)


def _char_class(tok: str) -> tuple[bool, bool, bool, bool]:
    """:func:`token_class` of a lone content character."""
    # Any lone content character may end a term: jieba leaves suffixes on their own
    # (数据标注/员 "data annotator", 降噪/器). Only listed heads (…化, …率) did at first;
    # then characters forming 60+ of jieba's words after another word; every threshold
    # tried (200, 100, 60, 40, 20, 10, 1) did worse on csl_kg than none (0.483 ... 0.507
    # against 0.508) and no better on our devset or the seed. It may start one as a
    # prefix (净/利润 "net profit", 逆/时针), unless it is a verb before its object
    # (降/成本 "cut costs"), a measure word after a number (年/期, 款) or a preposition:
    # csl_kg 0.508 -> 0.518, our devset recall 0.707 -> 0.720 with 3 more junk in 300;
    # the seed did not move. (Listed prefixes only, 核…, 反…, before.)
    start = tok in affixes()[0] or not (
        first_sense_is_verb(tok)
        or segment.measure_word(tok)
        or segment.dict_tag(tok) in ("q", "p", "m")
    )
    # An adjective or adverb character is a predicate there (安装/新 "install new").
    return False, start, segment.dict_tag(tok) not in ("a", "d"), True


def _word_class(tok: str, tag: str) -> tuple[bool, bool, bool, bool]:
    """:func:`token_class` of a content word of two or more characters (jieba's ``tag``)."""
    from flashgen.lexicon.cedict import cedict

    # 更大/权限 "greater power"; a noun that starts with one is no degree (太空站 "space
    # station", 最高法院 "supreme court"). Nor does a degree word end one: there it is the
    # predicate of a clause (价格/最高 "the price is the highest", 规模/更大 "larger in scale").
    start = tok[0] not in _DEGREE or tag not in ("a", "ad", "d", "")
    if not tag and not segment.frequency(tok) and tok not in cedict():  # jieba's guess
        # A guess that starts with a determiner (每艘 "each (ship)") starts no run; jieba's
        # tag zg, which 每 and 此 have, is no sign of one: it is any bound morpheme's (储冷
        # "cold storage").
        first, last = segment.dict_tag(tok[0]), segment.dict_tag(tok[-1])
        determiner = first in PRONOUN_TAGS or tok[0] in DEMONSTRATIVES
        return False, start and not determiner, last not in _GUESS_END_TAGS, True
    if segment.counted(tok) or (tag in PRONOUN_TAGS and tok[0] in DEMONSTRATIVES):
        return False, False, False, True  # 一家/医院 "one hospital", 这类/病例 "such cases"
    if tag in _TIME_TAGS:
        # A time word is no head (工厂/周一 "the plant on Monday"); it is part of a term
        # only as a period's modifier (战后 "postwar", 早期 "early-stage"), never as a date
        # (下月 "next month", 此前 "before this", 工厂/周一/起火 "the plant on Monday caught fire").
        calendar = _calendar_time(tok)
        return False, start and not calendar, False, not calendar
    return False, start, start, True


@lru_cache(maxsize=4096)
def _calendar_time(word: str) -> bool:
    """Whether a CC-CEDICT sense of ``word`` names a date or a time relative to now."""
    from flashgen.lexicon.cedict import lookup

    calendar = calendar_words()
    return any(
        calendar.intersection(WORD.findall(sense.lower()))
        for entry in lookup(word)
        for sense in entry.senses
    )


@lru_cache(maxsize=4096)
def quantity(word: str) -> bool:
    """Whether a word jieba tags as a numeral or classifier is one: CC-CEDICT lacks it, or
    one of its senses counts (几个 "several", 一对 "a pair"). 一线 "front line" and 整顿
    "to overhaul" are a noun and a verb in a numeral's clothing."""
    from flashgen.lexicon.cedict import lookup

    senses = [s for e in lookup(word) for s in e.senses if not is_classifier(s)]
    counting = quantity_words()  # "a few", "the first time", "a pair"
    return not senses or any(
        any(c.isdigit() for c in s) or counting.intersection(WORD.findall(s.lower()))
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

    adverbs = adverb_sense_words()  # "not yet", "in person", "one third"
    for entry in lookup(word):
        for sense in entry.senses:
            for alternative in re.sub(r"\([^)]*\)", " ", sense).split(";"):
                words = alternative.lower().split()
                if (
                    0 < len(words) <= (3 if words[0] == "to" else 2)
                    and not words[-1].endswith("ly")
                    and not adverbs.intersection(words)
                ):
                    return True
    return False


def rarity_of(word: str) -> float:
    """0 for the commonest words, about 5 for words jieba's counts have never seen."""
    # 6.5 on the Zipf scale is roughly 是/在; below ~1.2 jieba has no count at all.
    return max(0.0, 6.5 - segment.zipf(word))


def glued_left(text: str, sentences: Sequence[str]) -> bool:
    """Whether ``text`` follows a Han character of content wherever these sentences hold it
    (月/面/着陆器 "lunar lander": 面 ends 月面 "the moon's surface", though 月 "month" is a
    measure word and so no content word to the counting)."""
    grammar = segment.grammar_words()
    for sentence in sentences:
        for start in occurrences(text, sentence):
            before = sentence[start - 1 : start]
            if not before or not is_han(before) or before in grammar:
                return False
    return True


def kind_of(text: str, parts: Sequence[str]) -> str:
    from flashgen.lexicon.cedict import lookup

    if len(parts) > 1:
        return "compound"
    tag = name_tag(text)
    if tag in _NAME_KINDS:
        return _NAME_KINDS[tag]
    senses = [s for e in lookup(text) for s in e.senses]
    if any("(idiom)" in s for s in senses):
        return "idiom"
    if senses and all(s[:1].isupper() for s in senses):  # a proper noun jieba missed
        words = {w.lower() for s in senses for w in WORD.findall(s)}
        return "org" if words & organisation_words() else "place"
    return "word"


@lru_cache(maxsize=65536)
def name_tag(word: str) -> str:
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


@lru_cache(maxsize=65536)
def is_proper(word: str) -> bool:
    """A name of a person, place, organisation or country group (欧美 "Europe and the US").

    jieba's tag says so, or every CC-CEDICT sense of the word is capitalised.
    """
    from flashgen.lexicon.cedict import lookup

    if name_tag(word) in ("ns", "nr", "nt", "nz", "nrt", "nrfg"):
        return True
    senses = [s for e in lookup(word) for s in e.senses]
    organisations = organisation_words()  # 美军 "US army"
    return bool(senses) and all(
        s[:1].isupper() or organisations.intersection(WORD.findall(s.lower())) for s in senses
    )
