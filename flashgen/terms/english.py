"""What the aligned English says about a run: its parts' glosses found as a phrase.

The dictionary glosses of each part are looked for among the words of the English
sentence (by shared stem), in the Chinese order or reversed through a linking
preposition, and how the English uses them (as a noun, as a modifier, in pinyin).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from flashgen.lexicon import segment
from flashgen.lexicon.english import (
    ADJECTIVE_ENDINGS,
    WORD,
    bound_prefixes,
    grammar_words,
    phrase_stop_words,
    share_a_stem,
    without_plural,
    words,
)
from flashgen.lexicon.script import is_han
from flashgen.terms.weights import WEIGHTS, Weights

#: The lower-case words of an English sentence (``flashgen.lexicon.english.words``).
english_words = words

_EN_LETTERS = re.compile(r"[A-Za-z]+")  # pinyin names: "Fang Yuan", "Xi'an" (Xi + an)
# English endings of nouns made from verbs and adjectives, and of modifiers (these and the
# adjectives' ADJECTIVE_ENDINGS): how the aligned English shows a verb used as a noun or
# as a modifier. Morphology, not a word list: each is a suffix tested with str.endswith.
_NOMINAL_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "ure", "age", "sis", "ity")
_MODIFIER_ENDINGS = (*ADJECTIVE_ENDINGS, *_NOMINAL_ENDINGS)


def prefixed_stems(english: str) -> list[tuple[int, str]]:
    """(position, stem) of each English word made of a bound prefix
    (``lexicon.english.bound_prefixes``) and a word of 4+ letters: "preheating" ->
    "heating", "multi-sensor" -> "sensor". A Chinese character before a word whose gloss
    the English carries so is that prefix (预/加热, 多/传感器, 非/接触)."""
    out: list[tuple[int, str]] = []
    by_initial = _prefixes_by_initial()
    for i, word in enumerate(words(english)):
        for prefix in by_initial.get(word[:1], ()):
            stem = word[len(prefix) :].lstrip("-")
            if word.startswith(prefix) and len(stem) >= 4 and "-" not in stem:
                out.append((i, stem))
    return out


@lru_cache(maxsize=1)
def _prefixes_by_initial() -> dict[str, tuple[str, ...]]:
    """The bound prefixes by first letter, in their order: a word is tried against the
    few that can start it (a corpus has millions of words, the list dozens of prefixes)."""
    grouped: dict[str, list[str]] = {}
    for prefix in bound_prefixes():
        grouped.setdefault(prefix[:1], []).append(prefix)
    return {initial: tuple(group) for initial, group in grouped.items()}


# Notes, readings and traditional|simplified forms inside a CC-CEDICT sense: no glosses.
_SENSE_NOTES = re.compile(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*")
# Senses that name no meaning of the word: a surname, a pointer to another headword.
_NO_GLOSS = ("surname ", "variant of", "old variant", "CL:", "see ")


@lru_cache(maxsize=65536)
def gloss_words(word: str) -> frozenset[str]:
    """Lower-case content words of ``word``'s CC-CEDICT senses (no notes, no surnames).

    A word CC-CEDICT lacks (管理权) takes the glosses of its two dictionary halves.
    """
    from flashgen.lexicon.cedict import cedict, lookup

    if word not in cedict():
        for cut_at in range(1, len(word)):
            if word[:cut_at] in cedict() and word[cut_at:] in cedict():
                return gloss_words(word[:cut_at]) | gloss_words(word[cut_at:])
        return frozenset()
    return _sense_words(sense for entry in lookup(word) for sense in entry.senses)


def _sense_words(senses: Iterable[str]) -> frozenset[str]:
    """The gloss words of a headword's senses: its words of 3+ letters, lower-cased, but
    stop words. The senses are cleaned one by one (a note's brackets never span two
    senses) and searched as one string, and the words lowered at once: the cache of
    two-character words runs this for 58 k headwords on a first build."""
    kept = [
        _SENSE_NOTES.sub(" ", sense) if "(" in sense or "[" in sense or "|" in sense else sense
        for sense in senses
        if not sense.startswith(_NO_GLOSS)
    ]
    found = " ".join(WORD.findall(" ".join(kept))).lower().split()
    return frozenset(w for w in found if len(w) >= 3).difference(phrase_stop_words())


#: Bump when the cached form of the two-character word index changes.
_TWO_CHAR_FORMAT = 5


@lru_cache(maxsize=1)
def _two_char_words() -> dict[str, str]:
    """CC-CEDICT's two-character words by each of their characters, in sorted order, each
    with the gloss words (``gloss_words``) it has, sorted: per character one string of
    entries joined by ";", each entry the word and its glosses joined by spaces (split
    where it is read: a build reads a few dozen characters' entries, and 6 k strings load
    in a fraction of the time of 60 k, which cost a seed build 0.1 s). Cached beside the
    dictionary: building it scans every headword, and a term's neighbours' glosses took
    0.1 s to work out."""
    from flashgen.files.appdir import cached
    from flashgen.lexicon.cedict import data_file, table

    def build() -> dict[str, str]:
        # Each word is a headword: its senses are read from the table at once, with no
        # trip through gloss_words (its cache and its test for words CC-CEDICT lacks).
        dictionary = table()
        senses = dictionary.column(3)
        index: dict[str, list[str]] = {}
        for word in sorted(w for w in dictionary.words() if len(w) == 2 and is_han(w)):
            found = _sense_words(
                s for n in dictionary.numbers(word) for s in senses[n].split("/")
            )
            entry = " ".join((word, *sorted(found)))
            index.setdefault(word[0], []).append(entry)
            if word[1] != word[0]:
                index.setdefault(word[1], []).append(entry)
        return {char: ";".join(entries) for char, entries in index.items()}

    return cached("cedict-two-char", data_file(), _TWO_CHAR_FORMAT, build)


@lru_cache(maxsize=4096)
def _near_glosses(word: str) -> frozenset[str]:
    """Glosses of near-synonyms: two-character words sharing a character and a gloss stem.

    A translator's word is often the dictionary's word for a neighbour: 对立 "to oppose;
    antagonistic" is rendered "confrontation", which CC-CEDICT gives for 对抗 ("antagonism;
    confrontation"). Used only where a part's own glosses find nothing.
    """
    own = gloss_words(word)
    if len(word) != 2 or not own:
        return own
    found = set(own)
    # Prefixes of 6+ letters: short glosses ("set", "stand") join unrelated words.
    by_prefix: dict[str, list[str]] = {}
    for a in own:
        by_prefix.setdefault(a[:6], []).append(a)
    index = _two_char_words()
    for char in set(word):
        for entry in index[char].split(";") if char in index else ():
            other, *theirs = entry.split()
            if other != word and any(
                share_a_stem(a, b) for b in theirs for a in by_prefix.get(b[:6], ())
            ):
                found.update(theirs)
    return frozenset(found)


@lru_cache(maxsize=256)
def _sentence_glosses(chinese: str) -> frozenset[str]:
    """The gloss words of every word of a Chinese sentence."""
    return frozenset().union(*(gloss_words(w) for w in segment.words(chinese) if is_han(w)))


def english_match(
    parts: Sequence[str], english: str, chinese: str = "", w: Weights = WEIGHTS
) -> float:
    """How well ``parts``' glosses appear as one phrase in ``english`` (0..1).

    1 when each part matches its own English word, in order, within a window a little
    wider than the term ("intelligence sharing" for 情报/共享); a single-character affix
    (化, 权) may stay untranslated ("flatten" for 扁平/化). Some adjacent parts matching
    ("unilateral change" of 单方面/改变/现状) count in proportion, a lone part a little. The
    reverse order ("sharing of intelligence") counts less, and "and"/"or" between the
    matches marks two things listed ("foreign and defense ministers"), not one term.
    """
    if not english:
        return 0.0
    # The pieces of a hyphenated compound ("data-driven") translate parts apart.
    lower = [p for word in WORD.findall(english) for p in word.lower().split("-") if p]
    needed = [p for p in parts if len(p) > 1] or list(parts)
    lower = _split_compounds(lower, needed)
    positions = _positions(needed, lower)
    if _modifier_stood_in(needed, positions, lower, chinese) or _untranslated_head(
        needed, positions, lower, chinese
    ):
        return w.stand_in
    for size in range(len(needed), 1, -1):  # the longest run of parts that matches
        for start in range(len(needed) - size + 1):
            found = _phrase(positions[start : start + size], lower, w)
            if found and size < len(needed):
                return found * (w.partial + (1 - w.partial) * size / len(needed))
            if found:
                return found
    if any(positions):
        return 1.0 if len(needed) == 1 else w.lone_part
    return 0.0


def _positions(needed: Sequence[str], lower: Sequence[str]) -> list[list[int]]:
    """Per part, the English words its glosses match; the head may match by a
    near-synonym's glosses where its own find nothing."""
    positions: list[list[int]] = []
    for part in needed:
        hits = _hits(part, lower, gloss_words(part))
        if not hits and len(needed) > 1 and part == needed[-1]:  # the head only
            hits = _hits(part, lower, _near_glosses(part))
        positions.append(hits)
    return positions


def _modifier_stood_in(
    needed: Sequence[str], positions: list[list[int]], lower: Sequence[str], chinese: str
) -> bool:
    """Whether only the modifier is untranslated by the dictionary ("bloc" confrontation
    for 阵营/对抗) and an English content word right before the head's phrase stands in."""
    if len(needed) < 2 or positions[0] or not all(positions[1:]):
        return False
    rests = [_tightest(positions[1:])] if len(needed) > 2 else [[i] for i in positions[1]]
    return any(rest and _stands_in(lower, min(rest) - 1, needed[0], chinese) for rest in rests)


def _split_compounds(lower: Sequence[str], needed: Sequence[str]) -> list[str]:
    """English words that join two parts' glosses into one ("smartwatch": "smart" of 智能
    and the end of "wristwatch" of 手表; "firewall"), each written as those two glosses.

    The second piece must be a gloss of the next part or its end, of 3+ letters and no
    mere ending (-ing, -ment...), so that "chatting" or "shipment" stay whole.
    """
    out = list(lower)
    for first, second in zip(needed, needed[1:], strict=False):
        out = [piece for word in out for piece in _compound_pieces(word, first, second)]
    return out


@lru_cache(maxsize=1 << 16)  # a sentence's words meet the same pairs of parts again and again
def _compound_pieces(word: str, first: str, second: str) -> tuple[str, ...]:
    """``word`` as a gloss of part ``first`` and one of ``second`` it ends like, else itself.

    The pieces are not split again: a gloss that begins with another part's gloss
    ("firewall" among the ends, "fire" among the starts) would split for ever. Only the
    starts of 3+ letters that share the word's first three letters can begin it; they are
    tried in sorted order, as all of them were.
    """
    ends = gloss_words(second)
    if word in ends:  # already the next part's own gloss ("bookshelf")
        return (word,)
    for start in _starts_by_initials(first).get(word[:3], ()):
        rest = without_plural(word[len(start) :]) if word.startswith(start) else ""
        if len(rest) < 3 or rest.endswith(_MODIFIER_ENDINGS):
            continue
        head = next((h for h in _sorted_glosses(second) if h.endswith(rest)), None)
        if head:
            return (start, head)
    return (word,)


@lru_cache(maxsize=4096)
def _sorted_glosses(part: str) -> tuple[str, ...]:
    """``gloss_words(part)`` in sorted order: which gloss a compound splits into is the
    first in this order."""
    return tuple(sorted(gloss_words(part)))


@lru_cache(maxsize=4096)
def _starts_by_initials(part: str) -> dict[str, tuple[str, ...]]:
    """``part``'s glosses of 3+ letters by their first three letters, each group sorted: a
    word can only start with a gloss of its own first three letters."""
    found: dict[str, list[str]] = {}
    for g in _sorted_glosses(part):
        if len(g) >= 3:
            found.setdefault(g[:3], []).append(g)
    return {initials: tuple(group) for initials, group in found.items()}


def _stands_in(lower: Sequence[str], i: int, part: str, chinese: str) -> bool:
    """Whether English word ``i`` may translate ``part``, which its glosses miss: a content
    word that translates no other word of the sentence ("working" translates 工作 in
    工作/级别/磋商 "working consultations", so it stands in for no other part)."""
    word = lower[i] if 0 <= i < len(lower) else ""
    if len(word) <= 2 or word in phrase_stop_words():
        return False
    others = _sentence_glosses(chinese) - gloss_words(part)
    return not any(share_a_stem(word, g) for g in others)


def _untranslated_head(
    needed: Sequence[str], positions: list[list[int]], lower: Sequence[str], chinese: str
) -> bool:
    """Whether the English is an adjective and a noun made from a verb where only the
    Chinese head lacks a dictionary match there ("compulsory sorting" for 强制/分类,
    whose glosses say "to classify"): an adjective ending (-ory, -ive, -al...) on the
    modifier's gloss, then a nominal ending (-ment, -ing...) on the word standing in."""
    if len(needed) != 2:
        return False
    for i in positions[0]:
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if (
            lower[i].endswith(ADJECTIVE_ENDINGS)
            and after.endswith(_NOMINAL_ENDINGS)
            and _stands_in(lower, i + 1, needed[1], chinese)
        ):
            return True
    return False


def _hits(part: str, lower: Sequence[str], glosses: frozenset[str]) -> list[int]:
    """Positions of the English words that match one of ``glosses``."""
    stop = phrase_stop_words()
    return [i for i, w in enumerate(lower) if w not in stop and matches_any(w, glosses)]


@lru_cache(maxsize=1 << 16)  # a sentence's words meet the same parts' glosses again and again
def matches_any(word: str, glosses: frozenset[str]) -> bool:
    return any(share_a_stem(word, g) for g in _by_start(glosses).get(word[:2], ()))


@lru_cache(maxsize=4096)
def _by_start(glosses: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``glosses`` by their first two letters: words that start otherwise never share a
    stem (``without_plural`` keeps the first two letters), so only these need comparing."""
    found: dict[str, list[str]] = {}
    for g in glosses:
        found.setdefault(g[:2], []).append(g)
    return {start: tuple(words) for start, words in found.items()}


def modifies_outside(parts: Sequence[str], english: str) -> bool:
    """Whether the English word of the last part is followed by a content word that no
    part translates: the head the run left out."""
    lower = words(english)
    mine = set().union(*(_hits(p, lower, gloss_words(p)) for p in parts))
    grammar, stop = grammar_words(), phrase_stop_words()
    for i in _hits(parts[-1], lower, gloss_words(parts[-1])):
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if after and after not in grammar and after not in stop and i + 1 not in mine:
            return True
    return False


def translated(word: str, english: str) -> bool:
    """Whether one of ``word``'s own CC-CEDICT glosses (not its halves') is in ``english``."""
    from flashgen.lexicon.cedict import cedict

    lower = words(english)
    return word in cedict() and bool(_hits(word, lower, gloss_words(word)))


def english_nominal(parts: Sequence[str], english: str, chinese: str = "") -> bool:
    """Whether the English uses the last part's gloss as a noun: "intelligence sharing",
    "bloc confrontation" (a nominal ending: -tion, -ing, -ment...).

    A bare verb form right after the modifier's gloss counts only as a noun of a noun
    (:func:`_noun_noun`): in "ports curb pollution" or "as standards tighten" it is the
    verb of a clause. A near-synonym's gloss (where the head's own find nothing) counts
    only if no other word of the ``chinese`` sentence has it: "farmers said water-saving
    irrigation..." makes no noun of 表示 "to say" through "water-saving", which is 节水's.
    """
    lower = words(english)
    head = parts[-1]
    hits = _hits(head, lower, gloss_words(head))
    if not hits:
        others = _sentence_glosses(chinese) - gloss_words(head) if chinese else frozenset()
        hits = [
            i for i in _hits(head, lower, _near_glosses(head)) if not matches_any(lower[i], others)
        ]
    return any(lower[i].endswith(_NOMINAL_ENDINGS) for i in hits) or _noun_noun(
        parts, lower, hits
    )


def english_compound(parts: Sequence[str], english: str) -> bool:
    """Whether the English says a two-part run as a noun before a noun
    (:func:`_noun_noun`); in a longer run the last pair says nothing of the first part."""
    if len(parts) != 2:
        return False
    lower = words(english)
    return _noun_noun(parts, lower, _hits(parts[-1], lower, gloss_words(parts[-1])))


def _noun_noun(parts: Sequence[str], lower: Sequence[str], hits: Sequence[int]) -> bool:
    """Whether the head's own gloss, bare, follows a singular gloss of the part before it:
    "port strike", "fuel shortage", a noun that modifies a noun. A subject before its
    verb is plural ("ports curb") or the verb inflected ("the port curbs"), so neither is
    taken for a noun, nor is a verb's "-ed" or "-ing" form before its object; nor is a
    pair after a preposition ("relief for port strike losses"), which the Chinese puts
    before a head the run leaves out. news.py pooled (#14): comp@100 news 0.633 -> 0.636,
    devset 0.699 -> 0.712, heldout 0.481 -> 0.500, heldout outside@60 0.358 -> 0.354;
    seed and CSL the same. Without the exact gloss and the preposition, outside@60 rose
    on news and devset (fragments of long names)."""
    before = set(_hits(parts[-2], lower, gloss_words(parts[-2])))
    return any(
        i - 1 in before
        and (not lower[i - 1].endswith(("s", "ed", "ing")) or lower[i - 1].endswith("ss"))
        and lower[i] in gloss_words(parts[-1])
        and (i < 2 or lower[i - 2] not in _EN_LINKS)
        for i in hits
    )


def english_noun(word: str, english: str) -> bool:
    """Whether the English uses a gloss of the verb ``word`` as a noun: with a nominal
    ending ("quantization") or after an adjective ("unilateral change")."""
    lower = words(english)
    return any(
        lower[i].endswith(_NOMINAL_ENDINGS) or (i > 0 and lower[i - 1].endswith(ADJECTIVE_ENDINGS))
        for i in _hits(word, lower, gloss_words(word))
    )


def english_modifier(parts: Sequence[str], english: str, chinese: str) -> bool:
    """Whether the English puts the first part's gloss, as a modifier, just before the rest.

    "enhanced heat transfer", "defensive capability": a participle or adjective ending
    (-ed, -al, -ive...) or a noun ending, at most two words before the head's gloss, or an
    adjective before a noun made from a verb that stands in for the head ("compulsory
    sorting", see :func:`_untranslated_head`).
    """
    lower = words(english)
    if len(parts) == 2 and len(_split_compounds(lower, parts)) > len(lower):
        return True  # one English word of the two: "smartwatch" (see _split_compounds)
    first, last = gloss_words(parts[0]), gloss_words(parts[-1])
    heads = [i for i, w in enumerate(lower) if any(share_a_stem(w, g) for g in last)]
    for i, word in enumerate(lower):
        if (
            word.endswith(_MODIFIER_ENDINGS)
            and any(share_a_stem(word, g) for g in first)
            and any(0 < h - i <= 2 for h in heads)
        ):
            return True
    return len(parts) == 2 and _untranslated_head(
        parts, [_hits(parts[0], lower, first), []], lower, chinese
    )


# English prepositions that link a head to its modifier after it ("rate of growth"): four
# words the rule below names one by one, structural rather than a list to tune.
_EN_LINKS = frozenset("of for on with".split())


def _phrase(positions: list[list[int]], lower: Sequence[str], w: Weights) -> float:
    """1 if the parts' hits make an in-order phrase, less reversed or listed, else 0."""
    if not all(positions):
        return 0.0
    chosen = _tightest(positions)
    if chosen is None or max(chosen) - min(chosen) > 2 * len(positions):
        return 0.0
    between = lower[min(chosen) : max(chosen) + 1]
    if "and" in between or "or" in between:
        return w.listed_things
    if chosen == sorted(chosen):
        inside = set(range(min(chosen), max(chosen) + 1)) - set(chosen)
        grammar = grammar_words()  # Chinese keeps a modifier right before its head
        if any(lower[i] in grammar for i in inside):
            return 0.0  # "plant on Monday", "cut the rate": no modifier and head
        return 1.0
    # The English puts the head first: as a term only through a linking preposition
    # ("shortage of beds", "yield on bonds"); with nothing between, the English is a verb and
    # its object ("transferred patients" for 病人/转院 "patients are transferred").
    return w.reversed_phrase if _EN_LINKS.intersection(between) else 0.0


def _tightest(positions: list[list[int]]) -> list[int] | None:
    """One distinct English position per part, as close together as a greedy pass finds."""
    best: list[int] | None = None
    for anchor in positions[0]:
        chosen = [anchor]
        for hits in positions[1:]:
            free = [i for i in hits if i not in chosen]  # one English word, one part
            if not free:
                break
            # On a tie the word after, in the Chinese order ("phosphate (LFP) batteries"
            # rather than "lithium iron phosphate" for 磷酸/锂电池).
            chosen.append(min(free, key=lambda i: (abs(i - anchor), i < anchor)))
        else:
            if best is None or max(chosen) - min(chosen) < max(best) - min(best):
                best = chosen
    return best


def spelled_surname(char: str, english: str) -> bool:
    """Whether ``english`` spells the lone character ``char`` in pinyin as a surname: a
    capitalised word followed by another, the given name ("Wu Hui" for 吴 where jieba
    cut 吴/会/说, reading the given name as the modal verb 会)."""
    spelled, words = _spelling(char, english)
    return any(
        one.lower() == spelled and two
        for one, two in zip(words, words[1:], strict=False)
    )


def _spelling(text: str, english: str) -> tuple[str, list[str]]:
    """``text`` spelled in toneless pinyin as English writes a name (ü as u), and the
    words of ``english``, each capitalised one as it is and every other as ""."""
    from flashgen.pinyin.reading import toneless

    spelled = "".join(toneless(text)).replace("v", "u")
    return spelled, [w if w[:1].isupper() else "" for w in _EN_LETTERS.findall(english)]


def transliterated(text: str, english: str) -> bool:
    """Whether ``english`` spells ``text`` in pinyin as a name, in one or two capitalised
    words ("Fang Yuan" for 方圆, "Binjiang" for 滨江): a person or place that jieba and
    CC-CEDICT do not know."""
    if not 2 <= len(text) <= 4:
        return False
    spelled, words = _spelling(text, english)
    for one, two in zip(words, [*words[1:], ""], strict=False):  # no words: [] and [""]
        if one and (one.lower() == spelled or (two and (one + two).lower() == spelled)):
            return True
    return False
