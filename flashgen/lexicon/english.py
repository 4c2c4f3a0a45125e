"""English words: tokens, stems, when two stems are one word, and the stop lists.

Every stage that reads English asks this module: the alignment's lexical evidence, the
term rules' phrase matching, the gloss, the reading a sentence's translation chooses. So
"rates" is the stem of "rate" everywhere, and a word that is no evidence of a translation
is the same word in every stage.

>>> tokens("The US-Japan talks' 2.5% rise")
['The', 'US', 'Japan', 'talks', '2.5', 'rise']
>>> stem("Rates"), stem("boxes"), stem("press")
('rate', 'box', 'press')
>>> same_word(stem("deterrence"), stem("deter"))
True
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from flashgen.lexicon.wordlists import word_list

# --- tokens ---------------------------------------------------------------------------------

#: An English word (apostrophes inside, "don't", "China’s"; a hyphen ends it) or a number
#: ("2.5", "1,000").
TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
#: The same with hyphenated words kept whole ("post-war", "US-Japan"): a whole word or any
#: of its pieces may translate a part of a term; and an initialism with its full stops
#: ("U.S.", "E.U.") one word, not letters that a gloss could take one of.
HYPHENATED_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,]\d+)*"
)
#: An English word as the term rules read it: letters, then letters, apostrophes and
#: hyphens ("one's", "multi-sensor"); no numbers.
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A sense's or a sentence's notes: anything in parentheses or square brackets.
# English endings of adjectives and participles: how English shows a modifier
# ("regional", "preventive", "bankable"). Morphology, not a word list: a suffix tested with
# str.endswith, by the term finder's English evidence and the gloss's phrase growing alike.
ADJECTIVE_ENDINGS = ("ed", "al", "ive", "ic", "ary", "ory", "able", "ible")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def tokens(text: str, *, hyphenated: bool = False) -> list[str]:
    """The words and numbers of an English text, in order (see ``TOKEN``); with
    ``hyphenated``, hyphenated words whole (see ``HYPHENATED_TOKEN``).

    >>> tokens("a post-war plan"), tokens("a post-war plan", hyphenated=True)
    (['a', 'post', 'war', 'plan'], ['a', 'post-war', 'plan'])
    """
    return (HYPHENATED_TOKEN if hyphenated else TOKEN).findall(text)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of an English text in lower case, as the term rules read them (``WORD``);
    each signal of each run reads a sentence's words again, so they are split once.

    >>> words("Multi-sensor fusion's use")
    ('multi-sensor', "fusion's", 'use')
    """
    return tuple(w.lower() for w in WORD.findall(text))


# --- stems ----------------------------------------------------------------------------------

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")
_ES_PLURAL = ("ses", "xes", "zes", "ches", "shes")  # English spelling: -es after a sibilant
_NOT_PLURAL = ("ss", "us", "is")  # press, virus, crisis: an -s that is no plural
# Two stems are taken for one word when one starts with the other, or they share this
# share of the shorter one (deter/deterrence, defend/defense, flat/flatten); at least
# MIN_PREFIX letters, so short words must match exactly.
_PREFIX_SHARE = 0.75
#: The least shared prefix of two stems that are one word (shorter stems match exactly).
MIN_PREFIX = 4


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light stem: lower case, possessive and one common suffix off, final y as i.
    A plural "-es" is taken off only where English adds it (boxes, churches): "rates" ->
    "rate", as "rate" itself; a final s that makes no plural stays ("press", "virus").

    Snowball's English stemmer (the ``snowballstemmer`` package) was tried in its place
    (benchmarks/news.py, pooled): the news set's glosses gained (gloss 0.824 -> 0.827,
    comp+gloss 0.484 -> 0.487), but the devset's cards took more glosses from parts
    (parts@100 0.070 -> 0.076) and the held-out set's shared more (dupe@100 0.030 -> 0.035),
    so this one stays. For the term rules and the alignment see :func:`share_a_stem` and
    :func:`alignment_key`.
    """
    word = word.lower().replace("’", "'").replace("-", "")
    if word[:1].isalpha():
        word = word.replace(".", "")  # an initialism, U.S.: "us"; a number keeps its point
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
    """Whether two stems are one word (exact, or a long shared prefix).

    >>> same_word("defend", "defens"), same_word("rate", "rat")
    (True, False)
    """
    if a == b:
        return True
    if a[:MIN_PREFIX] != b[:MIN_PREFIX]:
        return False  # the shared prefix is always at least MIN_PREFIX letters
    shorter = min(len(a), len(b))
    if shorter < MIN_PREFIX:
        return False
    common = len(os.path.commonprefix([a, b]))
    return common >= max(MIN_PREFIX, _PREFIX_SHARE * shorter)


def without_plural(word: str) -> str:
    """A lower-case word without its plural ending: "allies" -> "ally", "weapons" ->
    "weapon" ("press" keeps its -ss). Unlike :func:`stem`, no other suffix comes off.

    >>> without_plural("allies"), without_plural("weapons"), without_plural("press")
    ('ally', 'weapon', 'press')
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)  # the same gloss/word pairs come back for every candidate
def share_a_stem(a: str, b: str) -> bool:
    """Whether two lower-case *words* (not stems) share a stem: without their plural
    ending, a common prefix of 4+ letters and all but 3 letters of the shorter one
    ("deploy" ~ "deployment", "defense" ~ "defence", "strategy" ~ "strategic").

    The term rules match a part's dictionary glosses to the aligned English with this test.
    ``same_word(stem(a), stem(b))`` in its place found fewer of the news set's compounds
    (benchmarks/news.py comp@100 0.578 -> 0.564; this test on stems, 0.575).

    >>> share_a_stem("anxious", "anxieties"), share_a_stem("rate", "rat")
    (True, False)
    """
    if a == b:
        return True
    if a[:2] != b[:2]:
        return False  # without_plural keeps the first two letters: no shared stem possible
    a, b = without_plural(a), without_plural(b)
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    # 4 letters and all but 3 of the shorter word: measured on gloss/translation pairs
    # like anxious/anxieties, deploy/deployment; shorter prefixes matched unrelated words.
    return common >= 4 and common >= min(len(a), len(b)) - 3


# The sentence alignment's suffixes, longest first: more than stem() takes off (-ion, -ly,
# -y), since a key is also cut to ALIGNMENT_KEY_LENGTH letters.
_ALIGNMENT_SUFFIXES = (
    "ations", "ation", "ions", "ion", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s", "y",
)
#: Alignment keys are cut to this many letters: joins inflections and derivations (govern,
#: government) that the suffixes miss, at the price of a few collisions; 6 did better than
#: 5 or 7 on MAC-Dev.
ALIGNMENT_KEY_LENGTH = 6


@lru_cache(maxsize=200_000)
def alignment_key(word: str) -> str:
    """The key by which the sentence alignment matches an English word to a gloss: lower
    case, possessive and one common suffix off, cut to ``ALIGNMENT_KEY_LENGTH`` letters.
    Keys are compared for equality only (sets of keys per sentence), so the cut does what
    :func:`same_word` does for stems.

    ``stem(word)[:6]`` in its place lost on the Bible (benchmarks/align.py strict F1 0.969 ->
    0.965) and MAC-Test (0.837 -> 0.835), as did Snowball's English stemmer cut to 5, 6 or
    7 letters or not at all (Bible 0.965-0.966), though both gained on MAC-Dev.

    >>> alignment_key("Governments"), alignment_key("government"), alignment_key("rates")
    ('govern', 'govern', 'rat')
    """
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _ALIGNMENT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:ALIGNMENT_KEY_LENGTH]


def content_stems(text: str) -> list[str]:
    """The stems of the content words of an English text (no function words, no numbers),
    parentheticals left out.

    >>> content_stems("to deploy (of troops) the weapons")
    ['deploi', 'weapon']
    """
    function = function_words()
    return [
        stem(w)
        for w in TOKEN.findall(_BRACKETED.sub(" ", text))
        if w.lower() not in function and not w[0].isdigit()
    ]


# --- stop lists -----------------------------------------------------------------------------


def function_words() -> frozenset[str]:
    """English function words and CC-CEDICT's abbreviations (sb, sth, lit): never evidence
    of a translation, though allowed inside a phrase (``data/english_function_words.txt``).

    >>> {"the", "sth"} <= function_words()
    True
    """
    return word_list("english_function_words.txt")


def phrase_stop_words() -> frozenset[str]:
    """English words the term rules never match to a part's gloss: articles, the commonest
    prepositions, "be"/"have", CC-CEDICT's placeholders (sb, sth, one's)
    (``data/english_phrase_stop_words.txt``).

    >>> {"the", "one's", "used"} <= phrase_stop_words()
    True
    """
    return word_list("english_phrase_stop_words.txt")


def alignment_stop_words() -> frozenset[str]:
    """English words that are no lexical evidence that two sentences translate each other:
    function words, archaic forms, apostrophe pieces ("s", "ll"), CC-CEDICT's abbreviations
    (``data/english_alignment_stop_words.txt``).

    >>> {"the", "thou", "ll"} <= alignment_stop_words()
    True
    """
    return word_list("english_alignment_stop_words.txt")


def grammar_words() -> frozenset[str]:
    """English grammar words (articles, auxiliaries, prepositions, subordinators, pronouns):
    one between a modifier's and a head's English makes the pair no term
    (``data/english_grammar_words.txt``).

    >>> "on" in grammar_words() and "policy" not in grammar_words()
    True
    """
    return word_list("english_grammar_words.txt")


def closed_class_words() -> frozenset[str]:
    """English closed-class words beyond :func:`function_words` (prepositions, conjunctions,
    quantifiers, sentence adverbs): never a term's translation by position
    (``data/english_closed_class_words.txt``).

    >>> {"during", "although", "each"} <= closed_class_words()
    True
    """
    return word_list("english_closed_class_words.txt")


# --- word classes that sense tests read -----------------------------------------------------


def calendar_words() -> frozenset[str]:
    """English words of dates and of times relative to now (``data/english_calendar_words.txt``).

    >>> {"tuesday", "ago"} <= calendar_words()
    True
    """
    return word_list("english_calendar_words.txt")


def adverb_sense_words() -> frozenset[str]:
    """English words of adverb and number senses: "not yet", "in person", "one third"
    (``data/english_adverb_sense_words.txt``)."""
    return word_list("english_adverb_sense_words.txt")


def quantity_words() -> frozenset[str]:
    """English words of numbers and quantities: "a few", "the first time", "a pair"
    (``data/english_quantity_words.txt``)."""
    return word_list("english_quantity_words.txt")


def organisation_words() -> frozenset[str]:
    """English head words of organisations' names: party, army, ministry
    (``data/english_organisation_words.txt``)."""
    return word_list("english_organisation_words.txt")


@lru_cache(maxsize=1)
def bound_prefixes() -> tuple[str, ...]:
    """English bound prefixes (anti, multi, non, pre...), in alphabetical order
    (``data/english_bound_prefixes.txt``).

    >>> bound_prefixes()[:3]
    ('anti', 'auto', 'bio')
    """
    return tuple(sorted(word_list("english_bound_prefixes.txt")))
