"""The compositional gloss: a compound the dictionary lacks, split into dictionary words,
each with its short gloss ("延伸 to extend + 威慑 deterrence"), senses picked by the
English the term occurs in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flashgen.gloss.dictionary import card_text, meanings, ordered_entries, resolved
from flashgen.gloss.words import Token, contains, singular, split_compound
from flashgen.lexicon.english import MIN_PREFIX, content_stems, function_words, same_word, stem
from flashgen.lexicon.script import HAN
from flashgen.lexicon.senses import (
    BRACKETED,
    RANK_POINTER,
    REFERENCE,
    abbreviation_meaning,
    clean_sense,
    is_classifier,
    sense_rank,
    sense_words,
)
from flashgen.records import DictEntry

_ABBR_LEAD = re.compile(r"^\(?abbr\. (?:for|of|to) [^\s,;()]+,?\s*")


# A part's gloss in a compositional gloss is at most this many words: "a couple of words
# each" keeps a glued gloss readable ("peak + valley", not whole dictionary senses).
_PART_WORDS = 2


# English noun endings: a verb part ("to be vaccinated") that the English renders with one
# of these ("vaccination") takes the English word, the form a compound's modifier needs.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "age", "ure")


# A glued gloss looks for a noun sense of a part among its first three senses only: later
# ones are rare or technical (进 "(math.) base of a number system" is its ninth).
_NOUN_SEARCH = 3


_HAN_CHAR = re.compile(f"[{HAN}]")


def _part_senses(word: str, reading: str = "", traditional: str = "") -> list[str]:
    """The raw senses of a compound's part, most plausible first.

    Entries whose traditional form is the part's traditional form in this compound come
    first (谷 "valley" in 峰谷, not 穀 "grain"), then those whose reading fits; entries of
    proper nouns (capitalised reading: 荷 "Holland") and surname, pointer and classifier
    senses come only when nothing else is left: a bound part of a compound is a common
    word far more often than a country's abbreviation.
    """
    from flashgen.lexicon.cedict import reading_rank

    def key(entry: DictEntry) -> tuple[int, int, int]:
        mismatch = bool(traditional) and entry.traditional != traditional
        proper = entry.pinyin[:1].isupper()
        fit = min(reading_rank(entry.pinyin, reading), 2) // 2 if reading else 0
        return mismatch, proper, fit

    ranked: list[tuple[tuple[int, int, int, int, int], str]] = []
    pointed: list[str] = []  # what a part that only points elsewhere points to
    for n, entry in enumerate(sorted(ordered_entries(word), key=key)):
        for m, sense in enumerate(entry.senses):
            if is_classifier(sense) or sense.startswith("classifier"):
                continue
            rank = sense_rank(sense)
            ranked.append(((*key(entry), rank, n * 1000 + m), sense))
            pointed += resolved(sense, word, entry) or []
    ranked.sort(key=lambda item: item[0])
    useful = [s for k, s in ranked if k[3] < RANK_POINTER and not k[1]]
    rest = useful or pointed or [s for _, s in ranked]
    found = [meaning for s in rest for meaning in meanings(s)]
    # A meaning that names another Chinese word outside its notes ("ten dou 斗[dou3]", a
    # measure of 石) says nothing in an English phrase: the others come first.
    return [m for m in found if not _HAN_CHAR.search(BRACKETED.sub(" ", m))] or found


def _shorten(sense: str, prefer_noun: bool) -> str:
    """A sense without parentheses or "abbr. for" lead (an abbreviation with no English
    of its own says what it abbreviates: "open source"), the first of "A or B"
    alternatives; for a glued gloss (``prefer_noun``) also without "to" (and "to be") and
    cut to its last couple of content words (the head: "high and tapered peak" -> "tapered
    peak", "group of people" kept)."""
    text = abbreviation_meaning(sense) or card_text(_ABBR_LEAD.sub("", clean_sense(sense)))
    text = BRACKETED.sub("", text).split(";")[0].strip()
    text = re.split(r",| or ", text)[0].strip() or text
    if not prefer_noun:
        return text
    words = re.sub(r"^to (?:be )?", "", text).split()
    while words and (
        len(content_stems(" ".join(words))) > _PART_WORDS or words[0] in function_words()
    ):
        words = words[1:]
    return " ".join(words) or text


def _nominal(sense: str) -> bool:
    """Whether a sense can name a thing: not a verb ("to serve", "(of a machine) to
    operate") nor a lone adverb ("carefully", "generally")."""
    plain = _shorten(sense, False)
    return not plain.startswith("to ") and not re.fullmatch(r"[a-z]+ly", plain)


def _english_word(sense: str, english: Sequence[Sequence[Token]], prefer_noun: bool) -> str:
    """The English word of the context that renders a sense, as written there (singular):
    exact stems first, then loose ones; with ``prefer_noun`` a noun form first."""
    key = [k for k in content_stems(REFERENCE.sub(" ", sense)) if len(k) >= MIN_PREFIX]
    found: list[tuple[bool, bool, str]] = []
    for tokens in english:
        for t in tokens:
            if t.function or not t.text[0].isalpha() or t.text.isupper():
                continue
            pieces = t.text.split("-")  # a hyphenated word's pieces too ("water-fertilizer")
            words = [(t.text, t.stems[0])] + list(zip(pieces, t.stems[1:], strict=False))
            for text, word_stem in words:
                for k in key:
                    if same_word(word_stem, k):
                        noun = prefer_noun and text.lower().endswith(_NOUN_ENDINGS)
                        found.append((word_stem != k, not noun, text.lower()))
    return min(found)[2] if found else ""


def short_gloss(
    word: str,
    prefer_noun: bool = False,
    english: Sequence[Sequence[Token]] = (),
    reading: str = "",
    traditional: str = "",
) -> str:
    """A couple of words glossing ``word`` as a part of a compound.

    A sense the ``english`` context uses wins (核 is "nuclear", not "pit", in an article
    about weapons), and then the context's own word for it is used ("peak" from "high and
    tapered peak or summit"); otherwise the part's first sense (see :func:`_part_senses`),
    shortened by :func:`_shorten`. ``prefer_noun`` drops "to" (the parts' glosses are glued
    into one phrase).
    """
    senses = _part_senses(word, reading, traditional)
    if not senses:
        return ""
    choice = senses[0]
    if prefer_noun:  # a noun sense among the first few ("service" of 服务 "to serve")
        choice = next((s for s in senses[:_NOUN_SEARCH] if _nominal(s)), choice)
    # senses the English says in full first, then those it shares a word with
    in_context = sorted(senses, key=lambda s: -_context_fit(s, english)) if english else []
    for sense in in_context:
        found = _english_word(sense, english, prefer_noun)
        if found:
            plain = _shorten(sense, False)
            verb = prefer_noun and plain.startswith("to ")
            if verb or len(content_stems(plain)) > _PART_WORDS:
                return singular(found, sense_words(word))
            return _shorten(sense, prefer_noun)
    return _shorten(choice, prefer_noun)


def _context_fit(sense: str, english: Sequence[Sequence[Token]]) -> int:
    """2 when a sense's words occur in the English exactly (same stems), 1 when only
    loosely (shared prefixes), 0 when not at all."""
    key = content_stems(sense)
    if not key:
        return 0
    stems = [[t.stems[0] for t in tokens if not t.function] for tokens in english]
    if any(" ".join(key) in " ".join(s) for s in stems):
        return 2
    return 1 if any(contains(t, key) for t in english) else 0


def _part_forms(term: str, parts: Sequence[str], reading: str) -> list[tuple[str, str]]:
    """Each part's (reading, traditional form) in this compound, "" where unknown."""
    from flashgen.lexicon.traditional import to_traditional

    syllables = reading.split()
    traditional = to_traditional(term)
    forms, at = [], 0
    for part in parts:
        sub = " ".join(syllables[at : at + len(part)]) if len(syllables) == len(term) else ""
        trad = traditional[at : at + len(part)] if len(traditional) == len(term) else ""
        forms.append((sub, trad))
        at += len(part)
    return forms


def compositional(
    term: str, english: Sequence[Sequence[Token]] = (), reading: str = ""
) -> tuple[str, str]:
    """(gloss, breakdown) from the dictionary parts of ``term``, e.g. ("response
    capability", "应对 to deal with + 能力 capability"); the gloss is empty when a part has
    no gloss. ``english`` (tokenised sentences the term occurs in) picks senses in context,
    ``reading`` (numbered, one syllable per character) the parts' readings.

    Parts that are all single characters are mostly coordinated (峰谷 "peak + valley")
    or a bound modifier and head whose order English cannot be trusted to keep: their
    glosses are joined with "+"; longer parts read as an English noun phrase.
    """
    parts = split_compound(term)
    if len(parts) < 2:
        return "", ""
    forms = _part_forms(term, parts, reading)
    shown = [
        (p, short_gloss(p, english=english, reading=r, traditional=t))
        for p, (r, t) in zip(parts, forms, strict=True)
    ]
    breakdown = " + ".join(f"{p} {g}".strip() for p, g in shown)
    if not all(g for _, g in shown):
        return "", breakdown
    glued = [short_gloss(p, True, english, r, t) for p, (r, t) in zip(parts, forms, strict=True)]
    if all(len(p) == 1 for p in parts):
        return " + ".join(glued), breakdown
    return _noun_phrase(glued), breakdown


def _noun_phrase(glosses: Sequence[str]) -> str:
    """Parts' glosses read as one English phrase: a prefix gloss joins the next word
    ("micro-" + "gravity" -> "micro-gravity"), and a word the previous gloss ends with is
    not said twice ("overall plan" + "plan" -> "overall plan")."""
    words: list[str] = []
    for gloss in glosses:
        new = gloss.split()
        if words and new and stem(words[-1]) == stem(new[0]):
            new = new[1:]
        if words and words[-1].endswith("-") and new:
            words[-1] += new.pop(0)
        words += new
    return " ".join(words)
