"""CC-CEDICT senses: what kind of sense each is, and the English words it says.

Every stage that reads a sense's English asks this module (the gloss of a card, the
reading whose senses its sentence's translation uses), so a surname sense, a pointer to
another word or a classifier is recognised the same way everywhere, and two English words
are one word by the same stems.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from flashgen.lexicon.cedict import lookup

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


@lru_cache(maxsize=1 << 12)
def has_verb_sense(word: str) -> bool:
    """Whether CC-CEDICT gives ``word`` a verb sense ("to ...")."""
    return any(s.startswith("to ") for e in lookup(word) for s in e.senses)


# --- English words and stems ----------------------------------------------------------------

EN_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# English function words: never evidence of a translation, but allowed inside a phrase.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for with from as and or but not no is are was were be been
    being am do does did have has had it its this that these those their his her our your my
    they them he she we you i which who whom whose what so than then very can could may might
    must shall should will would sb sth one oneself up out into over about etc esp lit fig
    abbr cl e g i.e""".split()
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")
_ES_PLURAL = ("ses", "xes", "zes", "ches", "shes")  # English spelling: -es after a sibilant
_NOT_PLURAL = ("ss", "us", "is")  # press, virus, crisis: an -s that is no plural
# Two stems are taken for one word when one starts with the other, or they share this
# share of the shorter one (deter/deterrence, defend/defense, flat/flatten); at least
# MIN_PREFIX letters, so short words must match exactly.
_PREFIX_SHARE = 0.75
MIN_PREFIX = 4


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light stem: lower case, possessive and one common suffix off, final y as i.
    A plural "-es" is taken off only where English adds it (boxes, churches): "rates" ->
    "rate", as "rate" itself; a final s that makes no plural stays ("press", "virus")."""
    word = word.lower().replace("’", "'").replace("-", "")
    if word.endswith("'s") or word.endswith("s'"):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word.endswith(_ES_PLURAL):
                suffix = "s"
            if suffix == "s" and word.endswith(_NOT_PLURAL):
                break
            word = word[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] + "i" if word.endswith("y") and len(word) > 3 else word


@lru_cache(maxsize=1 << 18)  # the same stem pairs are compared for every candidate span
def same_word(a: str, b: str) -> bool:
    """Whether two stems are one word (exact, or a long shared prefix)."""
    if a == b:
        return True
    if a[:MIN_PREFIX] != b[:MIN_PREFIX]:
        return False  # the shared prefix is always at least MIN_PREFIX letters
    shorter = min(len(a), len(b))
    if shorter < MIN_PREFIX:
        return False
    common = len(os.path.commonprefix([a, b]))
    return common >= max(MIN_PREFIX, _PREFIX_SHARE * shorter)


def content_stems(text: str) -> list[str]:
    """The stems of the content words of an English text, parentheticals left out."""
    return [
        stem(w)
        for w in EN_TOKEN.findall(BRACKETED.sub(" ", text))
        if w.lower() not in FUNCTION_WORDS and not w[0].isdigit()
    ]


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
    return frozenset(w.lower() for e in lookup(word) for s in e.senses for w in EN_TOKEN.findall(s))
