"""Sentence splitting for Chinese and English paragraphs.

Both splitters return verbatim slices of their input, so nothing is lost or rewritten:
``"".join(split_zh(p)) == p`` and ``" ".join(split_en(p)) == p``. A paragraph end always
ends a sentence, which is how headlines without a full stop become sentences of their own.
"""

from __future__ import annotations

import re

from flashgen.lexicon.script import HAN

# Characters that close a quotation or bracket and so stay with the sentence they end.
_CLOSERS = "”’\"')）]】》」』〉〕"

# Chinese end marks: full-width 。！？, ASCII ! and ?, and the ellipsis (… or ...).
# A run of end marks (？！, 。。。) followed by closers is one sentence end.
_ZH_END = re.compile(
    r"(?:[。！？!?]+|…+|\.{3,})[" + re.escape(_CLOSERS) + r"]*"
    # An ASCII full stop only where it cannot be a decimal point or an abbreviation: right
    # after a Han character or a closing quote, and not before a digit or a Latin letter.
    rf"|(?<=[{HAN}”’」』）])\.(?![0-9A-Za-z.])[" + re.escape(_CLOSERS) + r"]*"
)
# Punctuation after an ellipsis that shows the clause goes on (他说……，然后 "he said..., then").
_ZH_CONTINUES = "，、；：,;:"

# Titles and other abbreviations that never end an English sentence.
_EN_TITLES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt adm gov sen rep rev hon st jr sr "
    "mt ft ave rd blvd inc ltd co corp dept est fig vol vols vs cf al approx ca "
    "pres supt cmdr brig messrs mmes".split()
)
# Abbreviations that end a sentence only when no number follows (No. 5, Jan. 12, p. 7).
_EN_BEFORE_NUMBER = frozenset(
    "no nos art p pp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words that commonly open a sentence: after U.S. or a.m. they show a new sentence began.
_EN_STARTERS = frozenset(
    "the a an it he she they we i this that these those there in on at but and if when "
    "after before as his her its their our my however meanwhile yet so".split()
)
_EN_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?= )")
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[ivxIVX]{1,4}|[A-Za-z])\.$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")


#: The longest sentence kept whole, in characters, Chinese and English.
#: Real sentences stay far below; a text without end marks (a 200,000-character line) would
#: otherwise become one "sentence" that every card of it quotes, and that the stages which
#: work per sentence (pinyin in context, alignment) take quadratic time over.
MAX_ZH = 400
MAX_EN = 2000
# Where an over-long Chinese sentence is cut, best first: after a clause mark or a space.
_ZH_CLAUSE = re.compile(r"[，、；：,;:\s]")


def _cut_zh(sentence: str) -> list[str]:
    """An over-long sentence in verbatim pieces of at most MAX_ZH characters, each ending
    at the last clause mark of its second half, or cut at the limit when there is none."""
    pieces: list[str] = []
    while len(sentence) > MAX_ZH:
        marks = [m.end() for m in _ZH_CLAUSE.finditer(sentence, MAX_ZH // 2, MAX_ZH)]
        end = marks[-1] if marks else MAX_ZH
        pieces.append(sentence[:end])
        sentence = sentence[end:]
    return [*pieces, sentence]


def _cut_en(sentence: str) -> list[str]:
    """An over-long sentence in pieces of at most MAX_EN characters, cut at a space (which
    the pieces' join puts back); a run without a space is left whole."""
    pieces: list[str] = []
    while len(sentence) > MAX_EN and (space := sentence.rfind(" ", 0, MAX_EN)) > 0:
        pieces.append(sentence[:space])
        sentence = sentence[space + 1 :]
    return [*pieces, sentence]


def split_zh(text: str) -> list[str]:
    """Split a Chinese paragraph into sentences (verbatim slices, whitespace kept).

    A sentence ends at 。！？, ASCII ! or ?, an ellipsis, or a Han-final ASCII full stop;
    closing quotes and brackets after the mark belong to it, and so does any whitespace
    before the next sentence. ASCII commas and colons never end a sentence. A sentence
    over MAX_ZH characters is cut in pieces (:func:`_cut_zh`).
    """
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _ZH_END.finditer(text):
        end = match.end()
        if match.group().startswith(("…", "...")) and text[end : end + 1] in tuple(_ZH_CONTINUES):
            continue
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text) and text[start:end].strip():
            sentences += _cut_zh(text[start:end])
            start = end
    sentences += _cut_zh(text[start:])
    return sentences


def _ends_sentence(text: str, mark_start: int, next_start: int, sentence_start: int) -> bool:
    """Decide whether the end mark at ``mark_start`` really closes an English sentence."""
    following = text[next_start:]
    if not following or following[0].islower():
        return False
    if text[mark_start] != ".":
        return True
    word = text[:mark_start].rsplit(" ", 1)[-1] + "."
    bare = word.lstrip("(\"'“‘[").rstrip(".").lower()
    next_word = following.split(" ", 1)[0].strip("\"'“‘(").lower()
    if bare in _EN_TITLES:
        return False
    if bare in _EN_BEFORE_NUMBER and following[0].isdigit():
        return False
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():  # an initial: J. K. Rowling
        return False
    if _DOTTED.match(word):  # U.S., e.g., a.m.: a sentence end only if a new one clearly starts
        return next_word in _EN_STARTERS
    # "1." opening a paragraph or a sentence is a list number, not a sentence.
    return not (_LIST_NUMBER.match(word) and mark_start - len(word) + 1 == sentence_start)


def split_en(text: str) -> list[str]:
    """Split an English paragraph into sentences at . ! ? followed by a space.

    Closing quotes and brackets after the mark stay with the sentence. Titles (Mr., Gen.),
    dotted abbreviations (U.S., e.g.), initials, list numbers and a following lower-case
    word keep the sentence going. Decimals never split because no space follows the dot.
    A sentence over MAX_EN characters is cut at spaces (:func:`_cut_en`).
    """
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _EN_END.finditer(text):
        space = match.end()
        if _ends_sentence(text, match.start(), space + 1, start):
            sentences += _cut_en(text[start:space])
            start = space + 1
    sentences += _cut_en(text[start:])
    return sentences
