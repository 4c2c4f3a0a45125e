"""What a sentence may be matched by: the lexical keys of the alignment.

An English sentence gives its content stems (:func:`flashgen.lexicon.english.alignment_key`),
its numbers (number words too), names as pinyin keys and the punctuation translators keep;
a Chinese sentence gives, per content word, the stems of its CC-CEDICT glosses and its
pinyin, plus its numbers (Chinese numerals turned into digits), its Latin-script tokens and
its punctuation. Two sentences share evidence where a Chinese key set meets an English key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from flashgen.lexicon.english import TOKEN, alignment_key, alignment_stop_words
from flashgen.lexicon.script import HAN

# Gloss senses that point elsewhere instead of translating.
_SKIP_SENSE = re.compile(r"^(?:CL:|variant of|old variant|see |used in|also written|erhua)")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = re.compile(f"[{HAN}]")
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
    tokens = TOKEN.findall(sentence)
    stop = alignment_stop_words()
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
        if lower in stop and not (token.isupper() and len(token) > 1):  # US, IT
            continue
        keys.add(alignment_key(lower))
        if token[0].isupper():
            keys.add("py:" + lower)
    if number is not None and number >= 2:
        keys.add(_number_key(number))
    keys.update(key for key, pattern in _EN_PUNCTUATION if pattern.search(sentence))
    return frozenset(keys)


def _gloss_stems(senses: Sequence[str]) -> set[str]:
    stems: set[str] = set()
    stop = alignment_stop_words()
    for sense in senses:
        if _SKIP_SENSE.match(sense):
            continue
        for token in TOKEN.findall(_PARENS.sub(" ", sense)):
            lower = token.lower()
            if lower not in stop and not token[0].isdigit():
                stems.add(alignment_key(lower))
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
        digits = match.group()
        key = _number_key(float(digits) if "." in digits else int(digits))
        found[key] = frozenset((key,))
    for match in _ZH_NUMERAL.finditer(sentence):
        value = zh_number(match.group())
        if value is not None and value >= 2:
            key = _number_key(value)
            found[key] = frozenset((key,))
    for match in _ZH_LATIN.finditer(sentence):
        token = match.group()
        found["latin:" + token.lower()] = frozenset((alignment_key(token), "py:" + token.lower()))
    for word in words(sentence):
        if _HAN.search(word) and word not in found:
            keys = _word_keys(word)
            if keys:
                found[word] = keys
    return tuple(found.values())
