"""The English phrase that translates a term in one sentence pair, by dictionary-guided
word alignment: the term's units (its dictionary parts, or the words of one of its senses)
linked to the English words their glosses stem-match, grown by word order over unlinked
parts (:func:`phrase_in`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from flashgen.gloss.words import (
    MIN_CLAIMER,
    Token,
    covers,
    english_tokens,
    explained_stems,
    joined,
    opens_sentence,
    split_compound,
    stems_link,
    uncapitalised,
)
from flashgen.lexicon.english import (
    ADJECTIVE_ENDINGS,
    closed_class_words,
    content_stems,
    same_word,
)
from flashgen.lexicon.senses import (
    REFERENCE,
    gloss_stems,
    has_verb_sense,
    meaning_keys,
    says_a_meaning,
)

_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z&.\-]*[A-Z])\)")


@dataclass(frozen=True)
class _Units:
    """What the units of a term may be in English: its dictionary parts in Chinese order
    (``ordered``), or the content words of one of its own senses."""

    units: tuple[str, ...]
    stems: tuple[frozenset[str], ...]
    weights: tuple[float, ...]
    ordered: bool
    known: bool = False  # the term is a dictionary word
    noun: bool = False  # a dictionary word none of whose senses is a verb ("to ...")
    modifiers: frozenset[str] = frozenset()  # stems its senses put before another word


@dataclass(frozen=True)
class Phrase:
    """The English that translates a term in one sentence pair."""

    text: str
    key: tuple[str, ...]
    coverage: float
    acronym: str = ""
    whole: float = 0.0  # share of the term its words say a whole meaning of (see _full)
    linked: float = 0.0  # share of the term linked by the dictionary (not guessed)
    head: bool = False  # it links the term's last part, its head ("certificates" of 原产地证书)


# A phrase spans at most this many tokens beyond two per unit: room for "of the" and an
# unlinked word inside ("Joint Force Headquarters" for three parts).
_SPAN_SLACK = 3


# A word taken into a phrase only by its position (not linked by the dictionary) counts
# for this share of the part it stands for: it is a guess from word order.
_GUESS_CREDIT = 0.5


def _slots(token: Token, units: _Units) -> tuple[frozenset[int], ...]:
    """The units a token may stand for, one set per unit it can stand for at once: a
    plain word stands for one unit, a hyphenated one for one per linked piece
    ("source-grid-load-storage" for 源, 网, 荷 and 储)."""
    if token.function or token.text[0].isdigit():
        return ()

    exact = _name_word(token, units)

    def linked(stems: Sequence[str]) -> frozenset[int]:
        return frozenset(
            k
            for k, glosses in enumerate(units.stems)
            if (not glosses.isdisjoint(stems) if exact else stems_link(stems, glosses))
        )

    whole = linked(token.stems[:1])
    pieces = [found for piece in token.stems[1:] if (found := linked((piece,)))]
    if whole and pieces:  # the whole word links too ("post-war" for 战后)
        pieces[0] = pieces[0] | whole
    return tuple(pieces) or ((whole,) if whole else ())


def _name_word(token: Token, units: _Units) -> bool:
    """Whether ``token`` links to a word of one of the term's own senses only by its own
    stem: a capitalised word is part of a name, whose letters are no prefix of a sense's
    word ("Inter" of a club is no "integral"). A name may still be said by the term's
    parts' glosses, by shared prefix ("Industrial Park" for 产业园)."""
    return not units.ordered and token.title


def _matches(slots: Sequence[tuple[frozenset[int], ...]]) -> list[frozenset[int]]:
    """For each token, every unit it links to."""
    return [frozenset().union(*token) for token in slots]


def _spans(
    english: str,
    tokens: Sequence[Token],
    units: _Units,
    slots: Sequence[tuple[frozenset[int], ...]],
) -> list[tuple[int, int, frozenset[int]]]:
    """Every run of joined tokens that starts and ends on a linked word, with the units it
    links, grown over linked neighbours ("US Forces Japan", not "Forces Japan"). A sense's
    words may not have unlinked content words between them."""
    matched = _matches(slots)
    limit = 2 * len(units.units) + _SPAN_SLACK
    spans: set[tuple[int, int, frozenset[int]]] = set()
    for i, first in enumerate(matched):
        if not first:
            continue
        for j in range(i, min(len(tokens), i + limit)):
            if j > i and not joined(english, tokens, j - 1):
                break
            if not matched[j]:
                if not units.ordered and not tokens[j].function:
                    break
                continue
            start, end = i, j
            while start > 0 and matched[start - 1] and joined(english, tokens, start - 1):
                start -= 1
            while end + 1 < len(tokens) and matched[end + 1] and joined(english, tokens, end):
                end += 1
            spans.add((start, end, _assign(slots[start : end + 1], units)))
    return sorted(spans)


def _assign(slots: Sequence[tuple[frozenset[int], ...]], units: _Units) -> frozenset[int]:
    """The units a run of words accounts for when each word (each hyphen piece) stands
    for one unit only ("military" cannot be both 军 and 司令部): words with fewest choices
    first, each to its heaviest unit still free."""
    taken: set[int] = set()
    for options in sorted((o for token in slots for o in token if o), key=len):
        free = [k for k in options if k not in taken]
        if free:
            taken.add(max(free, key=lambda k: units.weights[k]))
    return frozenset(taken)


def _grow(
    english: str,
    tokens: Sequence[Token],
    start: int,
    end: int,
    units: _Units,
    covered: frozenset[int],
    blocked: frozenset[int] = frozenset(),
    taken: frozenset[int] = frozenset(),
) -> tuple[int, int, float]:
    """Take in words the dictionary could not link but that stand where the term's
    unlinked parts should be: Chinese and English noun phrases both put modifiers first
    and the head last, so an unlinked leading part is the word before the phrase
    (贸易摩擦 -> "trade friction") and an unlinked trailing part the word after
    (碳依赖 -> "carbon reliance"). Returns the new span and the weight guessed.

    In a name (its first and last words capitalised: see :func:`_name_span`) every
    unlinked leading part may take one capitalised word ("Joint Operations Command");
    names are head-final, so nothing is added after them, nor after a phrase opening its
    sentence (see :func:`opens_sentence`). In a lower-case phrase only parts of two or
    more characters take a word: single characters at the edge of a term are mostly
    affixes (化 -ize, 核 nuclear) that English does not render as a separate word, but two
    of them together are a word (箭体 "stage"), before the phrase or
    after it.

    No word is guessed for a part in ``blocked`` (one whose gloss is linked elsewhere in
    the sentence: its translation is there, and the word beside the phrase belongs to
    something else, as "ancillary" beside "services" for 调频服务), except before a name:
    a name's words are its own, and a part such as "province" often goes unsaid in it.

    A lone single character that ends or opens a term the dictionary lacks is its head
    noun or its modifier, not an affix, when the phrase has fewer words than the term has
    parts (see :func:`_head_character` and :func:`_modifier_character`): it takes the word
    after or before, unless that word is in ``taken`` (another word of the Chinese sentence
    translates it) or a closed-class word (see :func:`_guessable`).
    """
    if not units.ordered:
        return start, end, 0.0
    first, last = min(covered), max(covered)
    name = _name_span(tokens, start, end)
    leading = range(first - 1, -1, -1)  # nearest first
    trailing = range(last + 1, len(units.units))
    start, guessed = _grow_before(
        english, tokens, (start, end), units, leading, (blocked, taken), name
    )
    if name:
        return _name_end(english, tokens, start, end, units, trailing, guessed)
    if opens_sentence(english, tokens[start]):
        return start, end, guessed  # the sentence's subject: the word after is its verb
    return (
        start,
        *_grow_after(english, tokens, (start, end), units, trailing, (blocked, taken), guessed),
    )


def _name_span(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the span is a name: its first and last words capitalised. A capitalised
    first word before a lower-case last one is a name modifying a common noun phrase
    ("Congo river basin", "Nordic ski resort"), which grows as a lower-case phrase does."""
    return tokens[start].title and tokens[end].title


def _grow_before(
    english: str,
    tokens: Sequence[Token],
    span: tuple[int, int],
    units: _Units,
    leading: Sequence[int],
    refused: tuple[frozenset[int], frozenset[int]],
    name: bool,
) -> tuple[int, float]:
    """The span's new start and the weight guessed for the unlinked ``leading`` parts
    (nearest first; see :func:`_grow`)."""
    blocked, taken = refused
    start = span[0]
    guessed = 0.0
    chars, pending = 0, 0.0  # unlinked leading single characters waiting to make a word
    for k in leading:
        chars, pending = chars + len(units.units[k]), pending + units.weights[k]
        if k in blocked and not name:
            break
        lone = not name and chars < 2
        if lone and not _modifier_character(tokens, (start, span[1]), units, k):
            continue
        before = start - 1
        if before < 0 or not joined(english, tokens, before):
            break
        if lone and not _guessable(tokens[before], before, taken):
            break
        if not (tokens[before].title if name else _lower_word(english, tokens[before], lone)):
            break
        start, guessed = before, guessed + _GUESS_CREDIT * pending
        chars, pending = 0, 0.0
    return start, guessed


def _lower_word(english: str, token: Token, lone: bool) -> bool:
    """Whether a content word is written in lower case, or, for a lone single character's
    modifier (see :func:`_modifier_character`), capitalised only as the first word of its
    sentence ("Frenzied purchases like this ..." for 狂购): the capital is the sentence's, not a
    name's. A longer part's word there may open a name the sentence starts with."""
    return token.lower or (lone and token.title and opens_sentence(english, token))


def _name_end(
    english: str,
    tokens: Sequence[Token],
    start: int,
    end: int,
    units: _Units,
    trailing: Sequence[int],
    guessed: float,
) -> tuple[int, int, float]:
    """A name's span and weight guessed (see :func:`_grow`): a name the text defines with
    an acronym is taken whole ("Grid Energy Storage Centre (GESC)"), the words after the
    linked ones standing for unlinked parts, and so is one whose next word is its unlinked
    last character (see :func:`_name_rest`); a phrase that stops inside a longer name
    ("Defense" of "Defense Secretary Austin") is a fragment: no guessed words for it."""
    run = end
    while run + 1 < len(tokens) and joined(english, tokens, run) and tokens[run + 1].title:
        run += 1
    defined = _ACRONYM_AFTER.match(english[tokens[run].end :])
    if run > end and trailing and (defined or _name_rest(run - end, trailing, units)):
        share = sum(units.weights[k] for k in trailing) / (run - end)
        return start, run, guessed + _GUESS_CREDIT * share * min(run - end, len(trailing))
    if run > end:
        return start, end, 0.0
    return start, end, guessed


def _name_rest(words: int, trailing: Sequence[int], units: _Units) -> bool:
    """Whether the one capitalised word that runs on after a name's linked words is its
    head, the term's unlinked last character ("Riverside Science Garden" for a term
    whose last character the dictionary glosses otherwise): a name is head-final, and a
    lone character ending it names its kind (park, bureau, league). Only after a word
    of two or more characters: a lone linked character ("new" in "News Bureau") is too
    loose a link to say that the name is the term's."""
    if words != 1 or len(trailing) != 1 or len(units.units[trailing[0]]) != 1:
        return False
    return len(units.units[trailing[0] - 1]) > 1


def _guessable(token: Token, i: int, taken: frozenset[int]) -> bool:
    """Whether word ``i`` may be guessed for a lone single character by its position: no
    other word of the Chinese sentence translates it (it is not in ``taken``), and it is
    no closed-class word ("fewer", "each"), which never translates a term by position."""
    return i not in taken and token.text.lower() not in closed_class_words()


def _head_character(tokens: Sequence[Token], span: tuple[int, int], units: _Units, k: int) -> bool:
    """Whether unit ``k``, a lone unlinked single character, is the term's head noun that
    English says as a word of its own: it is the term's last part (a noun phrase's head
    comes last: 煤站 "coal depot"), and the phrase has fewer content words than the term has
    parts, a hyphenated word counting one per piece ("off-peak" for 峰谷). A phrase with a
    word per part already says the whole term; its next word is no part of it. A
    dictionary word only when it is a noun whose senses name no head for the phrase's word
    (see :func:`_noun_head`): else its senses say it, and a phrase its guessed head
    lengthens would displace them ("wind capacity")."""
    return k == len(units.units) - 1 and (
        _short_phrase(tokens, span, units) or _noun_head(tokens, span, units))


def _noun_head(tokens: Sequence[Token], span: tuple[int, int], units: _Units) -> bool:
    """Whether a dictionary noun's phrase is short of its head: as for its modifier (see
    :func:`_noun_modifier`), unless a sense puts the phrase's word before a head of its
    own ("wind" of "wind power"): the dictionary names the head then, and a word after
    the phrase is another word's ("wind capacity")."""
    if not _noun_modifier(tokens, span, units):
        return False
    said = [s for t in tokens[span[0] : span[1] + 1] if not t.function for s in t.stems]
    return not any(same_word(s, m) for s in said for m in units.modifiers)


def _short_phrase(tokens: Sequence[Token], span: tuple[int, int], units: _Units) -> bool:
    """Whether a term the dictionary lacks has a phrase of fewer content words than parts
    (a hyphenated word counting one per piece), so that a part may lack its word there."""
    return not units.known and _fewer_words(tokens, span, units)


def _fewer_words(tokens: Sequence[Token], span: tuple[int, int], units: _Units) -> bool:
    """Whether the phrase has fewer content words than the term has parts, a hyphenated
    word counting one per piece."""
    start, end = span
    words = sum(max(1, len(t.stems) - 1) for t in tokens[start : end + 1] if not t.function)
    return words < len(units.units)


def _modifier_character(
    tokens: Sequence[Token], span: tuple[int, int], units: _Units, k: int
) -> bool:
    """Whether unit ``k``, a lone unlinked single character, is a modifier English says as
    a word of its own before the phrase: the term's first part (冻柴 "frozen firewood"), in
    a term the dictionary lacks, whose phrase has fewer words than the term has parts (as
    :func:`_head_character` for the last part). A character inside the term, between
    linked parts, is more often a bound affix English leaves unsaid."""
    return k == 0 and (_short_phrase(tokens, span, units) or _noun_modifier(tokens, span, units))


def _noun_modifier(tokens: Sequence[Token], span: tuple[int, int], units: _Units) -> bool:
    """Whether a dictionary noun's phrase is short of a word for its first character: a
    two-part noun (禁书 "banned books") names a kind of its head, and English says the
    kind with a modifier word of its own before the head, which the dictionary's gloss of
    the lone character often misses. Only for nouns: a verb's word before is an adverb
    or a subject ("now stay"), and an adjective (see :func:`_adjective`) names no noun.
    Its head is guessed only as :func:`_noun_head` says."""
    return units.noun and _fewer_words(tokens, span, units)


def _grow_after(
    english: str,
    tokens: Sequence[Token],
    span: tuple[int, int],
    units: _Units,
    trailing: Sequence[int],
    refused: tuple[frozenset[int], frozenset[int]],
    guessed: float,
) -> tuple[int, float]:
    """The span's new end and the weight guessed so far plus that for the unlinked
    ``trailing`` parts of a lower-case phrase: as before it, two single characters make a
    word, and so does a lone last one that is the term's head (see :func:`_grow`).
    ``refused`` holds the parts blocked and the tokens taken (see :func:`_grow`)."""
    blocked, taken = refused
    end = span[1]
    singles, pending = 0, 0.0
    for k in trailing:
        if k in blocked or (singles and len(units.units[k]) > 1):
            break  # a lone single character ahead of a word takes no word of its own
        singles, pending = singles + (len(units.units[k]) == 1), pending + units.weights[k]
        lone = singles == 1
        if lone and not _head_character(tokens, (span[0], end), units, k):
            continue
        after = end + 1
        if after >= len(tokens) or not joined(english, tokens, end) or not tokens[after].lower:
            break
        if lone and not _guessable(tokens[after], after, taken):
            break
        end, guessed = after, guessed + _GUESS_CREDIT * pending
        singles, pending = 0, 0.0
    return end, guessed


@lru_cache(maxsize=20_000)
def units_of(term: str) -> tuple[_Units, ...]:
    """The ways to align a term: each of its own senses word by word, and its parts."""
    from flashgen.lexicon.cedict import lookup

    ways: list[_Units] = []
    for entry in lookup(term):
        for sense in entry.senses:
            if not says_a_meaning(sense):
                continue
            stems = tuple(dict.fromkeys(content_stems(REFERENCE.sub(" ", sense))))
            if stems:
                ways.append(
                    _Units(stems, tuple(frozenset({s}) for s in stems), (1.0,) * len(stems), False)
                )
    parts = split_compound(term)
    if len(parts) > 1:
        ways.append(
            _Units(
                parts,
                tuple(gloss_stems(p) for p in parts),
                tuple(float(len(p)) for p in parts),
                True,
                bool(ways),
                bool(ways) and not has_verb_sense(term) and not _adjective(term),
                _sense_modifiers(term),
            )
        )
    return tuple(ways)


def _adjective(term: str) -> bool:
    """Whether every sense of a dictionary word that says a meaning is one English word
    with an adjective's ending ("antibacterial", "preventive"): no noun, so neither a
    modifier nor a head is guessed for it (the word after is the noun it qualifies)."""
    from flashgen.lexicon.cedict import lookup

    meanings = [
        m.strip().lower()
        for e in lookup(term)
        for sense in e.senses
        if says_a_meaning(sense)
        for m in re.split(r"[;,]", REFERENCE.sub(" ", sense))
        if m.strip()
    ]
    return bool(meanings) and all(
        len(m.split()) == 1 and m.endswith(ADJECTIVE_ENDINGS) and not m.endswith("ed")
        for m in meanings
    )


def _sense_modifiers(term: str) -> frozenset[str]:
    """The stems of the words a meaning of ``term`` puts before another of its words
    ("wind" of "wind power"): modifiers of a head the dictionary names."""
    return frozenset(stem for key in meaning_keys(term) for stem in key[:-1])


def _fully_linked(tokens: Sequence[Token], start: int, end: int, units: _Units, k: int) -> bool:
    """Whether some word of the span translates unit ``k`` in full (see :func:`_full`);
    a sense unit (one word of the term's own meaning) always does."""
    if not units.ordered:
        return True
    word = units.units[k]
    return any(
        covers(stem, key)
        for t in tokens[start : end + 1]
        for stem in t.stems
        for key in meaning_keys(word)
    )


# How a Chinese text quotes a term; an English quotation is a phrase of its own.
_ZH_QUOTES = ("“{}”", "「{}」", "『{}』", '"{}"', "‘{}’")


_EN_QUOTED = re.compile(r'["“‘]([^"”‘’]+)["”’]')


def _candidates(
    english: str,
    chinese: str,
    term: str,
    tokens: Sequence[Token],
    units: _Units,
    slots: Sequence[tuple[frozenset[int], ...]],
) -> list[tuple[int, int, frozenset[int], bool]]:
    """The spans that may translate the term: the linked runs of :func:`_spans`, and,
    when the Chinese quotes the term, each English quotation that links at least half of
    it (a quoted term is translated as a quoted phrase: "source-grid-load-storage
    integration"). The flag says which spans are quotations."""
    found = [(a, b, c, False) for a, b, c in _spans(english, tokens, units, slots)]
    if not units.ordered or not any(q.format(term) in chinese for q in _ZH_QUOTES):
        return found
    total = sum(units.weights)
    limit = 2 * len(units.units) + _SPAN_SLACK
    for quote in _EN_QUOTED.finditer(english):
        inside = [
            i for i, t in enumerate(tokens) if quote.start(1) <= t.start and t.end <= quote.end(1)
        ]
        if not inside or len(inside) > limit:
            continue
        covered = _assign([slots[i] for i in inside], units)
        if 2 * sum(units.weights[k] for k in covered) >= total:
            found.append((inside[0], inside[-1], covered, True))
    return found


def _full(token: Token, word: str, multi: bool = False) -> bool:
    """Whether ``token`` translates ``word`` in full: it is one of its meanings, or a
    multi-word meaning run together ("new-type" for 新型 "new type"); with ``multi``
    only the latter, the specific kind of evidence."""
    return any(
        covers(token.stems[0], key) for key in meaning_keys(word) if len(key) > 1 or not multi
    )


def _translates_there(
    tokens: Sequence[Token], i: int, units: _Units, k: int, claimers: Sequence[str]
) -> bool:
    """Whether word ``i`` is good evidence that part ``k`` is translated there (see
    :func:`phrase_in`)."""
    token = tokens[i]
    said = any(_says(token, w) for w in claimers if w not in units.units)
    if _fully_linked(tokens, i, i, units, k):
        return not (said and len(units.units[k]) == 1)
    return not said and any(s in units.stems[k] for s in token.stems)


def _says(token: Token, word: str) -> bool:
    """Whether ``token`` is exactly one of ``word``'s meanings (same stem), or a multi-word
    meaning run together; stricter than :func:`_full`, whose shared prefixes would take
    "Japan-ROK" for 日本 "Japan"."""
    return any(
        token.stems[0] == key[0] if len(key) == 1 else covers(token.stems[0], key)
        for key in meaning_keys(word)
    )


def _neighbours(term: str, chinese: str) -> tuple[str, ...]:
    """The dictionary words of the Chinese sentence outside the term's occurrences."""
    if not chinese:
        return ()
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.segment import words

    dictionary = cedict()
    found: list[str] = []
    for word in words(chinese.replace(term, "\n")):  # jieba's new words by their parts
        found += [word] if word in dictionary else split_compound(word)
    return tuple(
        dict.fromkeys(w for w in found if len(w) >= MIN_CLAIMER and w in dictionary and w != term)
    )


def _claimed(
    token: Token, slots: tuple[frozenset[int], ...], units: _Units, claimers: Sequence[str]
) -> bool:
    """Whether a neighbouring word of the sentence is a multi-word meaning run together in
    ``token`` while no part of the term translates it in full ("new-type" is 新型 "new
    type", not 新 "new", in "new-type power system built around renewable energy" for
    新能源). Only such specific evidence counts: an English word like "command" recurs for
    many Chinese words of a sentence."""
    if not slots or any(_full(token, units.units[k]) for k in frozenset().union(*slots)):
        return False
    return any(_full(token, w, multi=True) for w in claimers if w not in units.units)


def phrase_in(term: str, english: str, chinese: str = "") -> Phrase | None:
    """The phrase of ``english`` that translates ``term``, by dictionary-guided alignment.

    The units of the term (the content words of one of its senses, or its dictionary
    parts) are linked to the English words their glosses stem-match; the phrase is the
    run of words covering the most of the term with the fewest words not accounted for,
    grown by word order over unlinked parts (see :func:`_grow`), with a following
    "(ACRONYM)". ``coverage`` is the share of the term linked (guessed words count half)
    times the share of the phrase's content words that are linked or guessed. Ties go to
    the phrase whose place in ``english`` is nearest the term's place in ``chinese``.
    """
    tokens = english_tokens(english)
    found: Phrase | None = None
    best: tuple[float, float, int, float, bool, float, int] | None = None
    where = chinese.find(term)
    zh_place = (where + len(term) / 2) / len(chinese) if chinese and where >= 0 else 0.5
    claimers = _neighbours(term, chinese)
    taken = _said_by_others(term, chinese, tokens)
    for units in units_of(term):
        total = sum(units.weights)
        slots = _unclaimed_slots(tokens, units, claimers)
        matched = _matches(slots)
        elsewhere = _translated_elsewhere(tokens, units, matched, claimers)
        for candidate in _candidates(english, chinese, term, tokens, units, slots):
            fit = _fit(english, tokens, units, matched, elsewhere, candidate, taken)
            acronym = _ACRONYM_AFTER.match(english[tokens[fit.end].end :])
            en_place = (tokens[fit.start].start + tokens[fit.end].end) / 2 / len(english)
            # more of the term first; then the place in the sentence; then more words the
            # term's parts link to ("diagnosis and treatment" for 诊疗, not "diagnosis");
            # then more of the term by words that say a whole meaning of a part ("energy"
            # for 能源 over "power", one word of its "power source"); then a phrase defined
            # by an acronym ("Joint Operations Command (JJOC)"), which is how a text
            # introduces a named term; then more of the term linked by the dictionary
            # rather than guessed from word order ("personal medical insurance accounts"
            # over "personal medical"); then the shorter
            score = (
                round(fit.coverage, 3),
                -round(abs(en_place - zh_place), 1),
                _linked_words(tokens, matched, taken, fit.start, fit.end),
                round(fit.full / total, 3),
                acronym is not None,
                round(fit.linked / total, 3),
                fit.start - fit.end,
            )
            if best is not None and score <= best:
                continue
            best = score
            found = _phrase(english, tokens, units, candidate[2], fit, acronym, term, chinese)
    return found


def _linked_words(
    tokens: Sequence[Token],
    matched: Sequence[frozenset[int]],
    taken: frozenset[int],
    start: int,
    end: int,
) -> int:
    """How many different words of the span the term's parts link to: the phrase holds
    every word a part explains there. None (0) when an unlinked word inside is another
    Chinese word's translation (``taken``), so the phrase never grows over a neighbour's
    words, or when a linked word stands before "a": that is a verb and its object
    ("release a smaller version"), the verb being another word's."""
    inside = range(start, end + 1)
    if any(k in taken and not matched[k] for k in inside):
        return 0
    if any(tokens[k].text.lower() in ("a", "an") and matched[k - 1] for k in inside[1:]):
        return 0
    return len({tokens[k].stems[0] for k in inside if matched[k]})


def _said_by_others(term: str, chinese: str, tokens: Sequence[Token]) -> frozenset[int]:
    """The tokens that a dictionary word of the Chinese sentence outside the term translates
    (by gloss stems): a word is not guessed for the term by its position where it is
    another word's translation ("workers" after "coal" for 煤站 in 煤站工人罢工 is 工人's)."""
    if not chinese:
        return frozenset()
    explained = explained_stems(term, chinese)
    return frozenset(i for i, t in enumerate(tokens) if stems_link(t.stems, explained))


def _unclaimed_slots(
    tokens: Sequence[Token], units: _Units, claimers: Sequence[str]
) -> list[tuple[frozenset[int], ...]]:
    """Each token's slots (see :func:`_slots`), none for a token a neighbouring word of
    the sentence claims (see :func:`_claimed`) when the units are the term's parts."""
    slots = [_slots(t, units) for t in tokens]
    if units.ordered:
        slots = [
            () if _claimed(t, sl, units, claimers) else sl
            for t, sl in zip(tokens, slots, strict=True)
        ]
    return slots


def _translated_elsewhere(
    tokens: Sequence[Token],
    units: _Units,
    matched: Sequence[frozenset[int]],
    claimers: Sequence[str],
) -> list[frozenset[int]]:
    """Per token, the units it is good evidence are translated there.

    A part linked to a word outside the phrase is translated there (no word is guessed
    for it, see :func:`_grow`), unless the link is weak: the word is another word of the
    sentence's and the part only loosely or a bound character ("bank" is 银行's, not 行长's
    "bank president"; "drugs" 药物's, not 药's), or the link is one of shared prefixes
    only ("press" for "president")."""
    return [
        frozenset(k for k in found if _translates_there(tokens, i, units, k, claimers))
        for i, found in enumerate(matched)
    ]


class _Fit(NamedTuple):
    """A candidate span grown to its phrase, and how much of the term it says."""

    start: int
    end: int
    coverage: float  # see phrase_in
    full: float  # weight of the units some word of the span translates in full
    linked: float  # weight of the units the dictionary links


def _fit(
    english: str,
    tokens: Sequence[Token],
    units: _Units,
    matched: Sequence[frozenset[int]],
    elsewhere: Sequence[frozenset[int]],
    candidate: tuple[int, int, frozenset[int], bool],
    taken: frozenset[int] = frozenset(),
) -> _Fit:
    """A candidate of :func:`_candidates` grown by :func:`_grow` (a quotation is taken as
    it stands, its unlinked parts guessed), with its coverage."""
    first, last, covered, quoted = candidate
    total = sum(units.weights)
    outside = [elsewhere[i] for i in range(len(tokens)) if not first <= i <= last]
    blocked = frozenset().union(*outside) - covered
    start, end, guessed = (
        (first, last, _GUESS_CREDIT * (total - sum(units.weights[k] for k in covered)))
        if quoted
        else _grow(english, tokens, first, last, units, covered, blocked, taken)
    )
    content = [k for k in range(start, end + 1) if not tokens[k].function]
    gap = () if quoted else _gap_words(tokens, units, matched, (first, last), covered, taken)
    if gap:
        guessed += _GUESS_CREDIT * sum(units.weights[k] for k in _gap_units(units, covered))
    # an unlinked word inside the phrase right after a content word is half accounted
    # for: it is most often the rest of a part's translation ("frequency regulation" for
    # 调频); after a function word it starts another phrase ("the way the country supplies")
    accounted = sum(
        1.0
        if matched[k] or quoted or not first <= k <= last or k in gap
        else _GUESS_CREDIT * (not tokens[k - 1].function)
        for k in content
    )
    linked = sum(units.weights[k] for k in covered)
    coverage = min(1.0, (linked + guessed) / total)
    coverage *= accounted / len(content)
    full = sum(units.weights[k] for k in covered if _fully_linked(tokens, start, end, units, k))
    return _Fit(start, end, coverage, full, linked)


def _gap_units(units: _Units, covered: frozenset[int]) -> list[int]:
    """The parts between the first and the last part a span links, that it does not."""
    if not covered:
        return []
    return [k for k in range(min(covered) + 1, max(covered)) if k not in covered]


def _gap_words(
    tokens: Sequence[Token],
    units: _Units,
    matched: Sequence[frozenset[int]],
    span: tuple[int, int],
    covered: frozenset[int],
    taken: frozenset[int],
) -> tuple[int, ...]:
    """The unlinked content words inside a span that stand for the unlinked parts between
    its linked ones: English keeps the Chinese order of a noun phrase's modifiers, so the
    word between "federal" and "money" is the middle part's ("federal relief money" for a
    term of three parts whose middle one the dictionary does not link). Only when the span
    has no function word inside, at most two such words stand per part, and none is
    another Chinese word's translation (``taken``); () otherwise."""
    if not units.ordered:
        return ()
    middle = _gap_units(units, covered)
    first, last = span
    if any(tokens[k].function for k in range(first + 1, last)):
        return ()  # a function word inside starts another phrase ("bank told a press")
    words = tuple(k for k in range(first + 1, last) if not matched[k])
    if not middle or not words or len(words) > 2 * len(middle):
        return ()
    return () if any(k in taken for k in words) else words


# Object pronouns: inside a phrase they stand for this sentence's thing, not the term's.
_OBJECT_PRONOUNS = frozenset({"it", "them"})


def _without_object(english: str, words: Sequence[Token]) -> str:
    """The phrase's English without an object pronoun inside it: a card says "store in a
    cellar" where the sentence says "store them in a cellar", as a dictionary glosses a
    verb with its complement and no object of its own."""
    text, at = "", words[0].start
    for word, after in zip(words[1:-1], words[2:], strict=True):
        if word.text.lower() in _OBJECT_PRONOUNS:
            text, at = text + english[at : word.start], after.start
    return text + english[at : words[-1].end]


# The adverb particles that make a phrasal verb of the verb before them ("phasing out").
_PARTICLES = frozenset({"out", "up"})


def _with_particle(english: str, tokens: Sequence[Token], end: int) -> int:
    """The phrase's last word, or the particle after it when the phrase ends in a verb's
    "-ing" form that makes a phrasal verb with it ("phasing out", "speeding up"): the
    verb without its particle means something else ("phasing" is no "phasing out")."""
    after = end + 1
    if (after < len(tokens) and tokens[end].text.endswith("ing")
            and tokens[after].text in _PARTICLES and joined(english, tokens, end)):
        return after
    return end


def _unhyphenated(word: str, units: _Units, covered: frozenset[int]) -> str:
    """A hyphenated word whose every piece says a word of the term of its own, the term's
    parts all words of two or more characters, written as separate words: English
    hyphenates a compound noun only before the noun it modifies ("road-safety
    inspectors" for 道路安全), and the card names the compound ("road safety"). A piece
    standing for a single character keeps its hyphen ("anti-war", "non-stick" are words),
    and so does a word ending in a participle, an adjective of its own ("rice-growing")."""
    pieces = word.split("-")
    whole = len(pieces) == len(units.units) == len(covered)
    participle = pieces[-1].endswith(("ing", "ed"))
    if units.ordered and whole and not participle and all(len(u) > 1 for u in units.units):
        return " ".join(pieces)
    return word


# A dash the Chinese writes right after a term, as a headline joins its source's name.
_DASH_AFTER = frozenset("-－—–")


def _without_glued_name(text: str, term: str, chinese: str) -> str:
    """The phrase without a capitalised piece hyphened onto its last word when the Chinese
    writes a dash right after the term: a headline glues the site or paper that printed
    it ("Harbour Cranes-CoastDaily" for 港口吊机-沿海日报), and the tokenizer keeps the
    hyphened word whole, though the dash ends the term in the Chinese."""
    at = chinese.find(term)
    if at < 0 or chinese[at + len(term) : at + len(term) + 1] not in _DASH_AFTER:
        return text
    head, dash, piece = text.rpartition("-")
    if dash and head and head[-1:].isalpha() and piece[:1].isupper() and " " not in piece:
        return head
    return text


def _phrase(
    english: str,
    tokens: Sequence[Token],
    units: _Units,
    covered: frozenset[int],
    fit: _Fit,
    acronym: re.Match[str] | None,
    term: str = "",
    chinese: str = "",
) -> Phrase:
    """The phrase a fit spans, as the article writes it: "trade measures" stays plural,
    the form the learner meets (the head made singular lost right glosses on every
    scorecard set but the seed's, where it changed none)."""
    total = sum(units.weights)
    words = tokens[fit.start : _with_particle(english, tokens, fit.end) + 1]
    text = uncapitalised(_without_object(english, words), english, words)
    text = _without_glued_name(text, term, chinese)
    return Phrase(
        text=_unhyphenated(text, units, covered) if len(words) == 1 else text,
        key=tuple(w.stems[0] for w in words if not w.function),
        coverage=fit.coverage,
        acronym=acronym.group(1) if acronym else "",
        whole=fit.full / total,
        linked=fit.linked / total,
        head=units.ordered and len(units.units) - 1 in covered,
    )
