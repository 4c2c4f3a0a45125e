"""CC-CEDICT senses: what kind of sense each is, and the English words it says.

Every stage that reads a sense's English asks this module (the gloss of a card, the
reading whose senses its sentence's translation uses), so a surname sense, a pointer to
another word or a classifier is recognised the same way everywhere, and two English words
are one word by the same stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flashgen.lexicon.cedict import lookup
from flashgen.lexicon.english import TOKEN, content_stems

# --- what kind of sense ---------------------------------------------------------------------

# A cross-reference "傳統|传统[chuan2 tong3]" or "传统[chuan2 tong3]": group 1 is its
# simplified form, group 2 its reading.
REFERENCE = re.compile(r"(?:[^\s\[\]|,;/()]+\|)?([^\s\[\]|,;/()]+)\[([^\]]*)\]")
# A sense's notes: anything in parentheses or square brackets.
BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ABBREVIATION = re.compile(r"\babbr\. (?:for|of|to) ([^\s\[\]|,;/()]+\|)?([^\s\[\]|,;/()]+)\[")
_ABBREVIATION_WORDS = re.compile(r"\babbr\. (?:for|of|to)\b")
_SURNAME = re.compile(r"^\(?(?:[A-Z][a-z]+ )?surname\b", re.I)  # also "Korean surname"
_POINTER = re.compile(
    r"^(?:\(?(?:old |archaic |unofficial |erhua |japanese |korean )?variant of|"
    r"\(?used in\b|\(?see\b|\(?see also\b|also written|\(?same as\b|"
    r"(?:Taiwan |also )pr\.)",
    re.I,
)
_DATED = re.compile(
    r"\((?:old|archaic|literary|obsolete|classical|old usage|dialect)\)|\barchaic\b", re.I
)
_REGIONAL = re.compile(r"^\((?:Tw|HK|Cantonese|Taiwan|Hokkien|Internet slang)\)", re.I)

# Usefulness ranks (lower first). Chosen by reading CC-CEDICT: a learner wants the
# meaning, then regional and dated senses, then pointers to other words, and a surname
# only when there is nothing else.
RANK_MEANING, RANK_REGIONAL, RANK_DATED, RANK_POINTER, RANK_SURNAME = range(5)


def sense_rank(sense: str) -> int:
    """How useful a (raw) sense is on a card; lower is better (see ``RANK_*``)."""
    if _SURNAME.match(sense):
        return RANK_SURNAME
    if _POINTER.match(sense):
        return RANK_POINTER
    if _DATED.search(sense):
        return RANK_DATED
    if _REGIONAL.match(sense):
        return RANK_REGIONAL
    return RANK_MEANING


def is_classifier(sense: str) -> bool:
    """Whether a sense lists the word's measure words ("CL:個|个[ge4]") instead of a meaning."""
    return sense.startswith("CL:")


def says_a_meaning(sense: str) -> bool:
    """Whether a sense says what the word means: no classifier list, no pointer to another
    word, no surname (a regional or dated meaning is still a meaning)."""
    return not is_classifier(sense) and sense_rank(sense) < RANK_POINTER


def clean_sense(sense: str) -> str:
    """A sense as a card shows it: cross-references reduced to their simplified form
    (the card is simplified; the pinyin is noise next to a gloss)."""
    return REFERENCE.sub(lambda m: m.group(1), sense).strip()


def abbreviated(sense: str) -> list[str]:
    """The words an "abbr. for X" sense abbreviates (simplified forms), in order."""
    return [match.group(2) for match in _ABBREVIATION.finditer(sense)]


@lru_cache(maxsize=20_000)
def abbreviation_meaning(sense: str) -> str:
    """For an "abbr. for X" sense with no English of its own: X's first meaning."""
    match = _ABBREVIATION.search(sense)
    if not match or re.search(
        r"[A-Za-z]{3,}", _ABBREVIATION_WORDS.sub("", REFERENCE.sub("", sense))
    ):
        return ""
    for entry in lookup(match.group(2)):
        for s in entry.senses:
            if sense_rank(s) == RANK_MEANING and not is_classifier(s) and not abbreviated(s):
                return clean_sense(s)
    return ""


# The verb tests: CC-CEDICT writes a verb sense as "to ..." ("to use", "to purchase").
_LEADING_NOTES = re.compile(r"^(\([^)]*\)\s*)+")  # "(literary) to ...", "(of sb) to ..."


@lru_cache(maxsize=1 << 12)
def has_verb_sense(word: str) -> bool:
    """Whether any CC-CEDICT sense of ``word`` is a verb ("to ...")."""
    return any(s.startswith("to ") for e in lookup(word) for s in e.senses)


@lru_cache(maxsize=1 << 12)
def first_sense_is_verb(word: str) -> bool:
    """Whether the first sense of ``word``'s first CC-CEDICT entry is a verb ("to ..."):
    the word's main use, where ``has_verb_sense`` accepts any use."""
    entries = lookup(word)
    return bool(entries and entries[0].senses) and entries[0].senses[0].startswith("to ")


@lru_cache(maxsize=65536)
def every_sense_is_verb(word: str) -> bool:
    """Whether ``word`` has senses and each is a verb ("to use", "to purchase"), leading
    notes ("(literary)") left out; classifier lists and senses with a colon ("also
    pr.: ...", "Taiwan pr.: ...") are no senses here."""
    senses = [
        _LEADING_NOTES.sub("", s)
        for e in lookup(word)
        for s in e.senses
        if not is_classifier(s) and ":" not in s
    ]
    return bool(senses) and all(s.startswith("to ") for s in senses)


# --- the English of senses ------------------------------------------------------------------

@lru_cache(maxsize=50_000)
def gloss_stems(word: str) -> frozenset[str]:
    """Every English content stem of ``word``'s dictionary senses (all readings), following
    "abbr. for X" to X's senses; pointer and surname senses left out."""
    stems: set[str] = set()
    pending, seen = [word], {word}
    while pending:  # a worklist, since CC-CEDICT has abbreviation cycles (A abbr. for B for A)
        for entry in lookup(pending.pop()):
            for sense in entry.senses:
                if not says_a_meaning(sense):
                    continue
                stems.update(content_stems(REFERENCE.sub(" ", sense)))
                for short in abbreviated(sense):
                    if short not in seen:
                        seen.add(short)
                        pending.append(short)
    return frozenset(stems)


@lru_cache(maxsize=50_000)
def meaning_keys(word: str) -> tuple[tuple[str, ...], ...]:
    """The content stems of each meaning of ``word`` (its meaning senses split at ";"
    and ",")."""
    return tuple(
        dict.fromkeys(
            tuple(key)
            for entry in lookup(word)
            for sense in entry.senses
            if says_a_meaning(sense)
            for meaning in re.split(r"[;,]", REFERENCE.sub(" ", sense))
            if (key := content_stems(meaning))
        )
    )


@lru_cache(maxsize=20_000)
def sense_words(word: str) -> frozenset[str]:
    """The lower-cased English words of all of ``word``'s senses."""
    return frozenset(w.lower() for e in lookup(word) for s in e.senses for w in TOKEN.findall(s))
