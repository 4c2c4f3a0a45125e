"""The language of a block of text, and its whitespace as the rest of the stage wants it.

A block is Chinese, English or neither by its share of Han characters among its letters;
whitespace collapses to single spaces, except that a line break inside Chinese text (a
hard wrap) disappears, since Chinese puts no space between words.
"""

from __future__ import annotations

import re

from flashgen.lexicon.script import HAN

#: One Han character, simplified or traditional (the project's one Han range).
HAN_RE = re.compile(f"[{HAN}]")
_LATIN = "A-Za-z\u00c0-\u024f"
# Runs, for counting: one match per run instead of one per character halves the cost of
# telling the language of every line of a long text.
_HAN_RUNS_RE = re.compile(f"[{HAN}]+")
_LATIN_RUNS_RE = re.compile(f"[{_LATIN}]+")
_LETTER_RE = re.compile(f"[{HAN}{_LATIN}]")
# Han plus CJK punctuation and full-width forms: a line break between two of these is a
# hard wrap inside Chinese text and joins without a space.
_CJK = f"{HAN}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014"
_CJK_BREAK_RE = re.compile(f"(?<=[{_CJK}])[ \\t\\u3000]*\\n\\s*(?=[{_CJK}])")
_WS_RE = re.compile(r"\s+")
#: What may follow a sentence's final stop: closing quotes and brackets, and a space.
CLOSERS = "\"'”’」』》）)]】 "

# A block is Chinese when Han characters make up at least this share of its Han + Latin
# letters. English paragraphs quoting a Chinese name stay under 5 %; Chinese paragraphs
# full of Latin acronyms and product names stay above 30 %.
_ZH_SHARE = 0.2


def han_count(text: str) -> int:
    """Number of Han characters (simplified or traditional) in ``text``."""
    return sum(map(len, _HAN_RUNS_RE.findall(text)))


def has_letters(text: str) -> bool:
    """Whether ``text`` has a Han character or a Latin letter: the test of :func:`language`
    being other than "other", found at the first letter instead of counting them all."""
    return _LETTER_RE.search(text) is not None


def language(text: str) -> str:
    """The language of a block: "zh", "en" (Latin letters, no or few Han) or "other"."""
    han = han_count(text)
    latin = sum(map(len, _LATIN_RUNS_RE.findall(text)))
    if han and han >= _ZH_SHARE * (han + latin):
        return "zh"
    return "en" if latin else "other"


def unwrap(text: str) -> str:
    """Whitespace runs to one space; a line break inside Chinese text (hard wrap) disappears
    instead of becoming a space."""
    return _WS_RE.sub(" ", _CJK_BREAK_RE.sub("", text))


def collapse(text: str) -> str:
    """:func:`unwrap` with the ends stripped, as the gold counts paragraphs."""
    return unwrap(text).strip()
