"""The readings the sources give: pypinyin's tables (read once through pypinyin and
cached) and CC-CEDICT's readings of words it reads one way only."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from flashgen.files.appdir import cached
from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.script import HAN

SYLLABLE = re.compile(r"[a-z]+[1-5]")


# a run of Han characters, by the project's one Han range
HAN_RUN = re.compile(f"[{HAN}]+")


def normalise(syllable: str) -> str:
    """CC-CEDICT syllable -> our numbered form: lower case, ü as "v", erhua r5 as er5."""
    syllable = syllable.lower().replace("u:", "v")
    return "er5" if syllable == "r5" else syllable


@lru_cache(maxsize=1 << 17)
def dictionary_reading(word: str) -> tuple[str, ...] | None:
    """CC-CEDICT's reading of ``word`` when the dictionary reads it one way only (case
    ignored, so a surname entry does not count as a second reading); else None."""
    found = set()
    for pinyin_text in cedict().readings(word):
        reading = tuple(normalise(s) for s in pinyin_text.split())
        if len(reading) == len(word) and all(SYLLABLE.fullmatch(s) for s in reading):
            found.add(reading)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1 << 16)
def dictionary_parts(word: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
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
            if (
                word[i] == "率"
                and i == len(word) - 1
                and parts
                and parts[-1][0] + len(parts[-1][1]) == i
            ):
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
_PYPINYIN_CACHE_FORMAT = 3


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
    stubs: set[str] = set()  # the beginnings of a phrase up to its first shorter phrase
    for phrase in PHRASES_DICT:
        for end in range(1, len(phrase)):
            if phrase[:end] in PHRASES_DICT:
                break
            stubs.add(phrase[:end])
    syllables = {s for readings in chars.values() for s in readings.split()}
    syllables |= {s[:-1] + tone for s in syllables for tone in "12345"}
    marks = {s: to_tone(s) for s in sorted(syllables)}
    pattern = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")
    longest: dict[str, int] = {}
    for phrase in PHRASES_DICT:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    return phrases, chars, frozenset(stubs), longest, marks, f"(?:{pattern})+"


@lru_cache(maxsize=1)
def pypinyin_tables() -> _Pypinyin:
    tables = cached("pypinyin", _pypinyin_source(), _PYPINYIN_CACHE_FORMAT, _build_pypinyin)
    return _Pypinyin(*tables)


@lru_cache(maxsize=1)
def syllable_marks() -> dict[str, str]:
    """The tone marks of every numbered syllable (the tables' ``marks``), in a cache of
    their own: rendering a few readings (``flashgen lookup``) loads 40 kB, not the 2.5 MB
    of phrase tables."""
    return cached(
        "pypinyin-marks",
        _pypinyin_source(),
        _PYPINYIN_CACHE_FORMAT,
        lambda: pypinyin_tables().marks,
    )


def is_phrase(text: str) -> bool:
    """True when pypinyin's phrase table lists ``text``."""
    return text in pypinyin_tables().phrases


def phrase_cut(run: str) -> Iterator[str]:
    """pypinyin's strict maximum matching over its phrase table (``pypinyin.seg.mmseg``):
    the longest phrase at each point, else one character. As there, a run that is only the
    beginning of some phrase, with no phrase inside it, falls apart into its characters."""
    tables = pypinyin_tables()
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
def segment_reading(segment_text: str) -> tuple[str | None, ...]:
    """pypinyin's numbered readings of one segment of :func:`phrase_cut` (a phrase or one
    character; None for a character pypinyin cannot read)."""
    phrase = pypinyin_tables().phrases.get(segment_text)
    if phrase is not None:
        readings: tuple[str | None, ...] = tuple(phrase.split()) or (None,) * len(segment_text)
    else:
        readings = tuple(c[0] if (c := candidates(char)) else None for char in segment_text)
    return tuple(r if r and SYLLABLE.fullmatch(r) else None for r in readings)


@lru_cache(maxsize=1 << 17)
def phrase_reading(span: str) -> tuple[str, ...] | None:
    """pypinyin's phrase-table reading of ``span`` (numbered), or None when not a phrase."""
    phrase = pypinyin_tables().phrases.get(span)
    return tuple(phrase.split()) if phrase else None


@lru_cache(maxsize=1 << 14)
def candidates(char: str) -> tuple[str, ...]:
    """Every numbered reading pypinyin knows for ``char``, its default first."""
    return tuple(pypinyin_tables().chars.get(char, "").split())


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
        for part in phrase_cut(match.group()):
            readings = segment_reading(part)
            out += (r[:-1] if r else c for r, c in zip(readings, part, strict=True))
        position = match.end()
    if position < len(text):
        out.append(text[position:])
    return out


@lru_cache(maxsize=1)
def _hans() -> re.Pattern[str]:
    return re.compile(pypinyin_tables().hans)
