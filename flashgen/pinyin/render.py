"""Pinyin as a card shows it.

Styles: tone marks (default), tone numbers, zhuyin (bopomofo), HTML tone colouring with
the Chinese Support add-on's classes ``tone1`` ... ``tone5``, and Anki's ruby "reading"
format ``漢[hàn]字[zì]`` for ``{{furigana:Reading}}``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from flashgen.lexicon.cedict import cedict
from flashgen.pinyin.sentence import read_sentence, syllables
from flashgen.pinyin.tables import syllable_marks


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
    marked = syllable_marks().get(lower)
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


# --- person names ---------------------------------------------------------------------------

# A sense naming a surname: "surname Xi", "two-character surname Ouyang".
_SURNAME_SENSE = re.compile(r"^(?:two-character |Korean |Japanese )?surname [A-Z]", re.I)

# A Chinese given name has one or two characters: a longer run after a surname is a
# transliterated foreign name, written as one word ("Tèlǎngpǔ").
_GIVEN_MAX = 2


@lru_cache(maxsize=4096)
def surname_reading(word: str) -> tuple[str, ...] | None:
    """The numbered reading CC-CEDICT gives ``word`` as a surname, when it gives one (in
    lower case): 曾 ("zeng1"), not céng; 欧阳 ("ou1", "yang2"). None when it is no surname
    or CC-CEDICT reads the surname two ways."""
    readings = {
        tuple(s.lower() for s in entry.pinyin.split())
        for entry in cedict().lookup(word)
        if any(_SURNAME_SENSE.match(sense) for sense in entry.senses)
    }
    return readings.pop() if len(readings) == 1 else None


def _joined(marked: list[str]) -> str:
    """Syllables in tone marks written as one word, capitalised, with an apostrophe before
    a syllable that starts with a, o or e ("Jiàn'ān")."""
    word = marked[0] + "".join(
        f"'{s}" if s[:1].lower() in "aāáǎàoōóǒòeēéěè" else s for s in marked[1:]
    )
    return word[:1].upper() + word[1:]


def _written_in(english: str, syllables: Sequence[str]) -> bool:
    """Whether ``english`` writes these numbered syllables as one word ("Jinping", "Xi")."""
    plain = "".join(re.sub(r"[1-5]", "", s).replace("v", "u").replace("u:", "u") for s in syllables)
    return re.search(rf"\b{re.escape(plain)}\b", english, re.I) is not None


def name_pinyin(term: str, reading: str, english: str = "") -> str:
    """A person's name in tone marks by convention: surname apart, each part capitalised,
    the given name's syllables joined ("Xí Jìnpíng", "Ōuyáng Xiū"); the surname read as
    CC-CEDICT reads it as a surname (曾 Zēng, not céng).

    A transliterated foreign name is one word ("Tèlǎngpǔ"): one whose first characters
    are no surname CC-CEDICT knows, whose given name is longer than ``_GIVEN_MAX``, or
    whose sentence's ``english`` (when given) writes neither its surname nor its given
    name in pinyin (马斯克 beside "Musk"). ``reading``: numbered, one syllable per
    character (as :func:`flashgen.pinyin.reading.term_reading` gives it); anything else
    is returned in tone marks as it is.

    >>> name_pinyin("习近平", "xi2 jin4 ping2")
    'Xí Jìnpíng'
    """
    syllables = reading.lower().split()
    if len(syllables) != len(term) or not all(re.fullmatch(r"[a-z:]+[1-5]", s) for s in syllables):
        return numbers_to_marks(reading)
    for length in (2, 1):  # a compound surname first (欧阳), then a single one
        surname = surname_reading(term[:length]) if len(term) > length else None
        if surname and len(term) - length <= _GIVEN_MAX:
            if english and not (
                _written_in(english, surname) or _written_in(english, syllables[length:])
            ):
                break
            given = [_mark(s) for s in syllables[length:]]
            return f"{_joined([_mark(s) for s in surname])} {_joined(given)}"
    return _joined([_mark(s) for s in syllables])
