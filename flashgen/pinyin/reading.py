"""Pinyin in context: one reading per character, right for the sentence it stands in.

How a reading is chosen: pypinyin gives a first reading (1); a CC-CEDICT word read one
way only overrides everything (2); otherwise a grammar rule (3) or, for the characters
it knows, the disambiguator (4) decides.

1. pypinyin on the whole sentence (its phrase data and maximum-matching segmentation).
2. CC-CEDICT: every jieba word of two or more characters that the dictionary reads one way
   only takes that reading, so a card's pinyin always agrees with its dictionary entry.
3. Grammar rules for function characters that no dictionary word holds (a jieba word
   of their own, or the edge of a chunk no dictionary lists): 地 de after an adverbial,
   得 de/dé/děi, 长 cháng/zhǎng, 还 huán before a person or a noun, 中 zhòng in 中了,
   率 lǜ "rate" unless its object follows, 重 chóng before a verb and a count of times,
   the adjective reading after a degree adverb (很差 chà), and 为: wéi after a verb of
   naming, becoming or regarding (成为, 称为, 视为, 改为, 升格为 ...), wèi "for" after a
   pronoun, a modal verb or before a person (我们为人民服务, 可以为你做).
4. A small disambiguator for the other polyphonic characters (行 重 将 调 传 处 ...): an
   averaged perceptron over the neighbouring characters and words, the jieba word, and
   whether pypinyin, CC-CEDICT words and pypinyin phrases around the character agree
   with each candidate. ``benchmarks/train_polyphone.py`` trains it on the CPP dev split
   only (Apache-2.0, kakaobrain/g2pM) and it ships as ``flashgen/data/polyphone.json.gz``
   (60 kB, loaded lazily, once).

Readings are numbered like CC-CEDICT ("zhong1", neutral tone 5, ü written "v" as in
"lv4"). Cards show **citation tones**: 一 is always yī and 不 always bù, never their
sandhi forms (yí ge, bú shì; pypinyin's phrase data has some, which are undone).
Dictionaries, CC-CEDICT, HSK lists and the Chinese Support
add-on all use citation tones, so a card agrees with whatever the learner looks the word
up in; sandhi is a regular rule of speech learned once, while a sandhi-shifted tone on a
card would teach a wrong tone for the same character in every other word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.english import content_stems, same_word
from flashgen.lexicon.senses import says_a_meaning
from flashgen.pinyin.model import MODEL_FILE, Active, Analysis, Disambiguator, disambiguator
from flashgen.pinyin.render import (
    colour_hanzi,
    colour_html,
    numbers_to_marks,
    per_char,
    pinyin,
    ruby,
    to_zhuyin,
    tone_of,
)
from flashgen.pinyin.sentence import decide, resolve, syllables
from flashgen.pinyin.tables import (
    SYLLABLE,
    candidates,
    dictionary_parts,
    dictionary_reading,
    normalise,
    toneless,
)

# Importers of this module's former contents (rendering, sentence readings, the model, the
# pypinyin tables) find them here until they import them from their own modules.
__all__ = [
    "MODEL_FILE",
    "Active",
    "Analysis",
    "Disambiguator",
    "candidates",
    "colour_hanzi",
    "colour_html",
    "dictionary_reading",
    "disambiguator",
    "english_reading",
    "explain_reading",
    "numbers_to_marks",
    "per_char",
    "pinyin",
    "resolve",
    "ruby",
    "syllables",
    "term_reading",
    "to_zhuyin",
    "tone_of",
    "toneless",
]


def _find(term: str, sentence: str) -> int:
    return sentence.find(term) if term else -1


def term_reading(term: str, sentence: str, english: str = "") -> str:
    """Numbered, space-separated reading of ``term`` where it first occurs in ``sentence``.

    The whole sentence is read so that context decides; a term CC-CEDICT reads one way
    only always gets that reading. A term it reads several ways with different senses
    (分子 fēnzǐ "molecule" / fènzǐ "member, element") takes the reading whose senses
    share the most content words with ``english``, the sentence's translation, when one
    reading shares more than every other. When the sentence does not contain the term,
    the term is read on its own. Non-Han characters of the term are kept as they are.
    """
    single = dictionary_reading(term) if len(term) > 1 else None
    if single:
        return " ".join(single)
    # Single characters are left to the sentence: their many short senses share some
    # word with almost any English sentence (devset: both single-character changes were
    # wrong, 还可能 "may also" -> huán via "pay"; words of 2+ characters on the MAC
    # literary dev set: about 52 of 56 changes right, 东西 "thing" dōngxi, 地方 "place").
    translated = english_reading(term, english) if english and len(term) > 1 else None
    if translated:
        return " ".join(translated)
    start = _find(term, sentence)
    readings = syllables(sentence)[start : start + len(term)] if start >= 0 else syllables(term)
    return " ".join(r if r else c for r, c in zip(readings, term, strict=True) if not c.isspace())


# CC-CEDICT explains a grammatical use instead of translating it ("(after a verb)
# indicating the beginning of an action", "used after a verb"): words no translation
# says (on the MAC literary dev set such senses of 起来 qǐlai matched "expression").
_EXPLANATION = re.compile(r"(?:\([^)]*\)\s*)?(?:indicating|expressing|used)\b", re.I)


@lru_cache(maxsize=1 << 14)
def _reading_stems(term: str) -> dict[tuple[str, ...], frozenset[str]]:
    """The English content stems of each CC-CEDICT reading of ``term`` (case folded, so a
    surname joins its common reading; surname, pointer and classifier senses say nothing
    of the meaning and are left out)."""
    stems: dict[tuple[str, ...], set[str]] = {}
    for entry in cedict().lookup(term):
        reading = tuple(normalise(s) for s in entry.pinyin.split())
        if len(reading) != len(term) or not all(SYLLABLE.fullmatch(s) for s in reading):
            continue
        said = stems.setdefault(reading, set())
        for sense in entry.senses:
            if says_a_meaning(sense) and not _EXPLANATION.match(sense):
                said.update(content_stems(sense))
    return {reading: frozenset(said) for reading, said in stems.items()}


def _shared_words(term: str, english: str) -> dict[tuple[str, ...], int]:
    """Per CC-CEDICT reading of ``term``, how many content words of ``english`` its senses
    share: the evidence :func:`english_reading` weighs."""
    words = set(content_stems(english))
    return {
        reading: sum(any(same_word(w, s) for s in said) for w in words)
        for reading, said in _reading_stems(term).items()
    }


def english_reading(term: str, english: str) -> tuple[str, ...] | None:
    """The CC-CEDICT reading of ``term`` whose senses the English translation of its
    sentence uses most, when one reading shares strictly more content words with it than
    every other (else None: no evidence, or a tie).

    >>> english_reading("分子", "Water molecules are small.")  # molecule, not member
    ('fen1', 'zi3')
    """
    shared = _shared_words(term, english)
    if len(shared) < 2:
        return None
    best = sorted(shared.values(), reverse=True)
    if best[0] == 0 or best[0] == best[1]:
        return None
    return max(shared, key=shared.__getitem__)


# How explain_reading names the source that decided a character (see sentence.decide).
_DECIDERS = {
    "cedict": "CC-CEDICT, which reads {words} one way only",
    # tables.dictionary_parts: a word-final 率 after a dictionary word is the suffix "rate"
    "suffix": "the suffix rule (after a dictionary word)",
    "rule": "a grammar rule",
    "model": "the disambiguator",
    "pypinyin": "pypinyin",
}


def _marks(reading: tuple[str, ...]) -> str:
    return numbers_to_marks(" ".join(reading))


def _decided_by(analysis: Analysis, i: int, source: str) -> str:
    """The word whose reading decided position ``i``: for CC-CEDICT the dictionary word
    (the segment itself, or the part of it CC-CEDICT has: 接种 of 接种率), else the segment."""
    w = analysis.word_of[i]
    word, start = analysis.words[w], analysis.starts[w]
    if source == "cedict":
        for offset, reading in dictionary_parts(word):
            if start + offset <= i < start + offset + len(reading):
                return word[offset : offset + len(reading)]
    return word


def _deciders(term: str, sentence: str) -> str:
    """Which source read each run of the term's characters where it first occurs in
    ``sentence`` (alone when it does not), with pypinyin's reading where it was overruled:
    ": 为 wèi (pypinyin: wéi) by a grammar rule"; ", by the disambiguator" when one source
    read the whole term as pypinyin does."""
    start = _find(term, sentence)
    text, start = (sentence, start) if start >= 0 else (term, 0)
    analysis, model = Analysis(text), disambiguator()
    runs: list[tuple[str, str, list[str], list[str]]] = []  # source, chars, readings, words
    for i in range(start, start + len(term)):
        reading, source = decide(analysis, i, model)
        if reading is None:
            continue
        said, word = analysis.readings[i], _decided_by(analysis, i, source)
        if source == "cedict" and len(word) == 1:
            source = "suffix"
        shown = numbers_to_marks(reading)
        overruled = bool(said) and said != reading and source != "pypinyin"
        if overruled:
            shown += f" (pypinyin: {numbers_to_marks(said or '')})"
        if runs and runs[-1][0] == source and not overruled and "(" not in runs[-1][2][-1]:
            runs[-1] = (source, runs[-1][1] + text[i], runs[-1][2] + [shown], runs[-1][3])
        else:
            runs.append((source, text[i], [shown], []))
        if word not in runs[-1][3]:
            runs[-1][3].append(word)
    named = [
        (chars, " ".join(shown), _DECIDERS[source].format(words=", ".join(words)))
        for source, chars, shown, words in runs
    ]
    if len(named) == 1 and named[0][0] == term and "(" not in named[0][1]:
        return ", by " + named[0][2]
    return ": " + "; ".join(f"{chars} {shown} by {decider}" for chars, shown, decider in named)


def explain_reading(term: str, sentence: str, english: str = "") -> list[str]:
    """How :func:`term_reading` (same arguments) read ``term``, as lines for ``flashgen
    terms --explain``: which source decided, and the readings that lost and why.

    >>> explain_reading("银行", "他去银行。")
    ['  reading yín háng from CC-CEDICT: it reads 银行 one way only']
    """
    reading = term_reading(term, sentence, english)
    marks = numbers_to_marks(reading)
    if len(term) > 1 and dictionary_reading(term):
        return [f"  reading {marks} from CC-CEDICT: it reads {term} one way only"]
    shared = _shared_words(term, english) if english and len(term) > 1 else {}
    counts = ", ".join(f"{_marks(r)} {n}" for r, n in shared.items())
    if len(term) > 1 and english and english_reading(term, english):
        return [
            f"  reading {marks} from CC-CEDICT and the English: its senses share the most "
            f"words with the translation (words shared: {counts})"
        ]
    where = "the sentence" if _find(term, sentence) >= 0 else "the term alone"
    lines = [f"  reading {marks} in {where}{_deciders(term, sentence)}"]
    if len(shared) > 1:
        lines.append(
            f"  CC-CEDICT reads it {len(shared)} ways; the English favours none "
            f"(words shared: {counts})"
        )
    return lines
