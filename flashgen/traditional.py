"""Conversion between the scripts (OpenCC, loaded lazily): simplified <-> traditional.

Cards get a Traditional field through OpenCC's ``s2tw`` profile: plain ``s2t`` picks
archaic forms for some characters (核 becomes 覈), which a learner should never see.
Traditional input is segmented in its simplified form (jieba's dictionary is simplified),
and word lists are matched in both scripts.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    """Traditional (Taiwan standard) form of ``text``; non-Chinese characters are unchanged."""
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (simplified text comes back unchanged)."""
    return _to_simplified().convert(text)


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters CC-CEDICT writes only in traditional headwords (們, 這, 國...): a text that
    has none of them needs no conversion. Cached with the dictionary's other derived data."""
    from flashgen.appdir import cached
    from flashgen.dictionary import cedict, data_file

    def build() -> str:
        dictionary = cedict()
        simplified = set("".join(dictionary.words()))
        traditional = {
            char
            for word in dictionary.words()
            for entry in dictionary.lookup(word)
            for char in entry.traditional
        }
        return "".join(sorted(traditional - simplified))

    return frozenset(cached("traditional-only", data_file(), 1, build))
