"""Pinyin as a card shows it.

Styles: tone marks (default), tone numbers, zhuyin (bopomofo), HTML tone colouring with
the Chinese Support add-on's classes ``tone1`` ... ``tone5``, and Anki's ruby "reading"
format ``漢[hàn]字[zì]`` for ``{{furigana:Reading}}``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from flashgen.lexicon.cedict import cedict
from flashgen.pinyin.sentence import read_sentence, syllables
from flashgen.pinyin.tables import pypinyin_tables


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
    marked = pypinyin_tables().marks.get(lower)
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


def render(syllable: str, tones: str) -> str:
    if tones == "marks":
        return _mark(syllable)
    if tones == "numbers":
        return syllable
    if tones == "zhuyin":
        return to_zhuyin(syllable)
    raise ValueError(f"unknown tones style {tones!r}: use 'marks', 'numbers' or 'zhuyin'")


def per_char(text: str, tones: str = "marks") -> list[str]:
    """One reading per Han character of ``text``, in order (non-Han characters left out)."""
    return [render(s, tones) for s in syllables(text) if s is not None]


def _layout(
    text: str, syllable: Callable[[str], str], other: Callable[[str], str], apostrophe: bool
) -> str:
    """Lay out ``text``'s readings word by word: a jieba word's syllables form one block,
    blocks are spaced, punctuation sticks to what precedes it, and non-Han words (numbers,
    Latin) are kept and spaced like words. ``syllable`` renders one numbered reading,
    ``other`` renders text kept as is; ``apostrophe`` separates syllables as tone-mark
    pinyin does. Proper nouns (capitalised throughout CC-CEDICT)
    start with a capital (Běijīng); an erhua 儿 joins its word as "r" (yīdiǎnr)."""
    readings, words = read_sentence(text) if text else ((), ())
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
    return _layout(text, lambda r: render(r, tones), str, tones == "marks")


def tone_of(syllable: str) -> int:
    """The tone digit of a numbered syllable (5 for neutral or unknown)."""
    return int(syllable[-1]) if syllable[-1:] in "12345" else 5


def colour_html(text: str, tones: str = "marks") -> str:
    """``text``'s readings as HTML, each syllable wrapped in the Chinese Support add-on's
    tone class (``<span class="tone1">jūn</span>``), words spaced as in :func:`pinyin`.
    Every piece of the input is HTML-escaped."""

    def span(reading: str) -> str:
        return f'<span class="tone{tone_of(reading)}">{html.escape(render(reading, tones))}</span>'

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
            out.append(f"{space}{char}[{render(reading, tones)}]")
    return "".join(out)
