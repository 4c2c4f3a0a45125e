"""One main gloss per card of a deck: when two cards would show the same English, the
card that owns it keeps it and the other says what tells it apart (:func:`distinct_glosses`).

A Recall card ("what is the Chinese for ...?") with two right answers teaches neither.
Most shared glosses come from nested terms: 城市园丁 takes the phrase of 园丁 it
contains ("gardener"); the longer term then gets the word its extra part adds, from its
own English where a word next to the shared phrase translates that part ("city
gardener"), else from the dictionary ("city gardener" from 城市 "city"). A card whose
term does not contain the owner's falls back on its other glosses (dictionary, parallel),
when one of them is free, then on the phrase its sentences give it once the owner's is
taken out of their English (one English phrase translates one Chinese word), then on the
word its English puts beside the shared phrase for what its term says beyond it. Of two
unrelated terms the owner is the one whose parts say the phrase's words. A dictionary
word inside every card that glosses the phrase owns it though no card is that word; and
a card that is an earlier card's term in other words (the same parts, or parts with the
same short gloss) is merged into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from flashgen.gloss.breakdown import short_gloss
from flashgen.gloss.choose import gloss_term
from flashgen.gloss.words import (
    Token,
    english_tokens,
    joined,
    linked_to_part,
    linked_to_term,
    split_compound,
)
from flashgen.lexicon.cedict import cedict, lookup
from flashgen.lexicon.english import content_stems, same_word, stem
from flashgen.lexicon.senses import BRACKETED, gloss_stems, says_a_meaning
from flashgen.records import AnnotatedTerm, Gloss, SentencePair, Term

# The other glosses a card may fall back on when its own is another card's: not its
# composition (on the scorecard that fallback cut shared glosses further but lost right
# ones: news gloss 0.839 -> 0.828, seed 0.956 -> 0.911).
_OTHERS = frozenset({"dictionary", "parallel"})

# Word endings of verbs and adverbs ("moved", "rising", "quickly"), which end no noun
# phrase; "-eed" is no past tense ("speed").
_NOT_HEAD = re.compile(r"(?:[^e]ed|ing|ly)$")

# Origins by how surely their gloss says the term itself: the dictionary's entry for the
# word, then the aligned phrase; a composition of parts is a guess.
_ORIGIN_RANK = {"teacher": 0, "dictionary": 1, "parallel": 2, "compositional": 3}


def gloss_key(text: str) -> str:
    """A main gloss as a learner compares two Recall cards: case, spacing and a plural
    "-s" ignored ("investors" is "investor": a phrase keeps the article's number)."""
    return " ".join(_singular(w) for w in text.lower().split())


def _singular(word: str) -> str:
    """A word without a plural "-s" (``stem`` says whether it is one: not "press")."""
    return word[:-1] if word.endswith("s") and stem(word) == stem(word[:-1]) else word


def _owner(cards: Sequence[AnnotatedTerm]) -> AnnotatedTerm:
    """The card that keeps a shared gloss: one whose term every other card's contains
    (the phrase was found for it), unless the phrase says what a longer one adds (see
    :func:`_says_extra`), else the one whose term explains most of its words (see
    :func:`_explained`), then one whose parts' order its words follow (see
    :func:`_in_order`), then the surest origin, then the best ranked."""
    for card in cards:
        if all(_within(card.term.text, other.term.text) for other in cards):
            longer = [c for c in cards if c is not card and _says_extra(c, card.term.text)]
            return longer[0] if len(longer) == 1 else card
    return min(cards, key=lambda c: (
        -_explained(c), not _in_order(c), _ORIGIN_RANK.get(c.gloss.origin, 9)))


def _common_word(cards: Sequence[AnnotatedTerm], key: str) -> str:
    """A dictionary word (two characters or more) that every card's term contains and
    whose short gloss is the cards' shared gloss (``key``, as :func:`gloss_key` gives it),
    when no card is that word: the phrase is that word's, so no card keeps it and each
    says what its term adds to the word, as a longer term does beside a shorter card
    (one term adds "visit" before a city's name, another a word after it); else ""."""
    terms = [c.term.text for c in cards]
    for part in split_compound(terms[0]):
        if len(part) < 2 or part in terms or not all(part in t for t in terms):
            continue
        if gloss_key(short_gloss(part, prefer_noun=True)) == key:
            return part
    return ""


def _explained(card: AnnotatedTerm) -> int:
    """How many content words of a card's gloss its term's dictionary entry or parts
    link to: of two unrelated terms given one phrase (the aligner took the same English
    for both), the phrase is the translation of the one that says its words ("football
    club" is the term made of "football" and "club", not the one of "online" and
    "lectures" beside it)."""
    term = card.term.text
    return sum(
        linked_to_part(t, term) or linked_to_term(t, term)
        for t in english_tokens(card.gloss.text)
        if not t.function
    )


def _extra(term: str, inner: str) -> tuple[str, bool]:
    """The characters ``term`` adds to the ``inner`` term it contains at one end, and
    whether they stand before it; ("", False) when it adds at both ends or none."""
    if inner not in term or inner == term:
        return "", False
    at = term.index(inner)
    before, after = term[:at], term[at + len(inner) :]
    if before and after:
        return "", False
    return (before, True) if before else (after, False)


def _says_extra(card: AnnotatedTerm, inner: str) -> bool:
    """Whether a longer card's shared gloss opens (or ends, on the side its extra
    characters stand) with a word that translates what its term adds to ``inner`` ('non'
    for a negating first character): the phrase then names the longer term, and the
    shorter one only took it with a neighbouring word (its English said the longer term
    there); see :func:`_trimmed`."""
    extra, before = _extra(card.term.text, inner)
    return bool(extra) and bool(_trimmed(card.gloss.text, extra, before, inner))


def _translates(token: Token, extra: str) -> bool:
    """Whether the characters ``extra`` a term adds, as one dictionary word or as the
    words they run together, link to ``token``."""
    return any(linked_to_part(token, w) for w in dict.fromkeys((extra, *split_compound(extra))))


def _pieces(token: Token) -> list[Token]:
    """A word as its hyphen pieces ('non', 'tariff' of 'non-tariff'), else itself."""
    if len(token.stems) < 2:
        return [token]
    return [replace(token, stems=(s,)) for s in token.stems[1:]]


def _trimmed(shared: str, extra: str, before: bool, inner: str) -> str:
    """``shared`` without the words at its end on the ``before`` side that translate
    ``extra`` (a hyphen piece too: 'non-' off 'non-tariff'), for the shorter term
    ``inner`` of a pair whose longer term owns the phrase; "" when no such word stands at
    that end, or when ``inner``'s own parts translate it too ('statement' for a noun and
    for a verb 'to state' after it)."""
    def says(token: Token) -> bool:
        """Whether the extra characters, and not ``inner``, translate ``token``."""
        return _translates(token, extra) and not _named_by(token, inner)

    tokens = list(english_tokens(shared))
    content = [i for i, t in enumerate(tokens) if not t.function]
    order = content if before else content[::-1]
    if len(order) < 1:
        return ""
    token = tokens[order[0]]
    pieces = token.text.split("-")
    if len(pieces) > 1 and len(pieces) == len(token.stems) - 1:
        parts = _pieces(token)
        if says(parts[0] if before else parts[-1]) and not any(map(says, parts[1:-1])):
            rest = "-".join(pieces[1:] if before else pieces[:-1])
            return shared[: token.start] + rest + shared[token.end :]
    rest = _run_on_rest(token.text, extra, inner) if before and says(token) else ""
    if rest:
        return shared[: token.start] + rest + shared[token.end :]
    drop = []
    for i in order:
        if not says(tokens[i]):
            break
        drop.append(i)
    if not drop and before:
        return _after_of(shared, tokens, says)
    if not drop or len(drop) == len(content):
        return ""
    kept = [i for i in content if i not in drop]
    text = shared[tokens[kept[0]].start :] if before else shared[: tokens[kept[-1]].end]
    return text.strip()


# The fewest letters a dictionary's prefix ("multi-") and the word it runs into have.
_RUN_ON = 3


def _run_on_rest(word: str, extra: str, inner: str) -> str:
    """What ``word`` says after a gloss word of ``extra`` that it opens with, when
    ``inner`` links to that rest: English writes some modifiers into their noun without a
    hyphen ("multichannel" for "multi-" and "channel"), so the shorter term keeps
    "channel"; "" when the word opens with none or the rest is no word of ``inner``."""
    lower = word.lower()
    for gloss in sorted(gloss_stems(extra), key=len, reverse=True):
        rest = word[len(gloss) :]
        if len(gloss) >= _RUN_ON and len(rest) >= _RUN_ON and lower.startswith(gloss):
            if any(linked_to_term(t, inner) for t in english_tokens(rest)):
                return rest
    return ""


def _named_by(token: Token, term: str) -> bool:
    """Whether a dictionary part of ``term`` links to ``token`` by what it says the part
    is, not by the note on what a name names: CC-CEDICT glosses a name as "Name,
    description" ("IKEA, Swedish furniture retailer"), and a word of that description
    beside the name in the English ("furniture" in "furniture retailer IKEA") translates
    another word of the term, as it would beside any name."""
    for part in split_compound(term):
        if not linked_to_part(token, part):
            continue
        senses = [s for e in lookup(part) for s in e.senses if says_a_meaning(s)]
        said = [s.split(",")[0] if s[:1].isupper() else s for s in senses]
        if any(same_word(t, k) for t in token.stems for s in said for k in content_stems(s)):
            return True
    return False


def _phrase_spans(tokens: Sequence[Token], key: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``tokens`` say the content stems ``key`` in a row, or as one hyphenated word
    ("non-tariff"): (first, last) token."""
    content = [i for i, t in enumerate(tokens) if not t.function]
    spans = [(i, i) for i in content if len(key) > 1 and list(tokens[i].stems[1:]) == list(key)]
    for n in range(len(content) - len(key) + 1):
        window = content[n : n + len(key)]
        if all(same_word(tokens[i].stems[0], k) for i, k in zip(window, key, strict=True)):
            spans.append((window[0], window[-1]))
    return spans


def _a_head(token: Token) -> bool:
    """Whether a word may be the head noun after a modifier ("officer" after "chief
    medical"): a content word, not a verb or adverb form."""
    return token.text[0].isalpha() and not _NOT_HEAD.search(token.text.lower())


def _beside(english: str, tokens: Sequence[Token], span: tuple[int, int], before: bool) -> int:
    """The content word joined to a phrase's span on one side, or -1."""
    first, last = span
    k = first - 1 if before else last + 1
    if not 0 <= k < len(tokens) or tokens[k].function:
        return -1
    return k if joined(english, tokens, k if before else last) else -1


def _after_of(shared: str, tokens: Sequence[Token], says: Callable[[Token], bool]) -> str:
    """``shared`` without the words right after its 'of' that ``says`` (and an 'and'
    after them), when content words follow: English puts a Chinese modifier standing
    before the shorter term after 'of' ('history of ancient music' for a term that adds
    'ancient' to 'music history'); "" when there is no such run."""
    for k, token in enumerate(tokens[:-1]):
        if token.text.lower() != "of":
            continue
        end = k + 1
        while end < len(tokens) and not tokens[end].function and says(tokens[end]):
            end += 1
        if end == k + 1:
            continue
        if end < len(tokens) and tokens[end].text.lower() == "and":
            end += 1
        if end < len(tokens) and not tokens[end].function and not says(tokens[end]):
            return (shared[: tokens[k + 1].start] + shared[tokens[end].start :]).strip()
    return ""


def _from_english(extra: str, before: bool, shared: str, pairs: Sequence[SentencePair]) -> str:
    """The shared phrase with the English word beside it that translates ``extra`` (on the
    side the extra characters stand: ``before`` it or after), as a sentence writes it; a
    word after it may also be the head noun the dictionary does not link ("officer" for
    官, whose senses say "official"), unless the dictionary's first sense of ``extra`` is a
    verb's ("to convene": a verb after a place's name is no head noun of it)."""
    verb = short_gloss(extra).startswith("to ")
    for pair in pairs:
        tokens = english_tokens(pair.en)
        for span in _phrase_spans(tokens, content_stems(shared)):
            k = _beside(pair.en, tokens, span, before)
            if k < 0:
                continue
            if _translates(tokens[k], extra) or (
                not before and _a_head(tokens[k]) and not verb
            ):
                start, end = (k, span[1]) if before else (span[0], k)
                text = pair.en[tokens[start].start : tokens[end].end]
                return text if shared[:1].isupper() else text[0].lower() + text[1:]
    return ""


# Unlinked content words :func:`_across` may pass on its way to the extra's word.
_PASSED = 1


def _across(extra: str, before: bool, shared: str, pairs: Sequence[SentencePair]) -> str:
    """The shared phrase grown on the ``extra`` characters' side, in a sentence of the
    term, over function words and at most ``_PASSED`` other word, to a word that
    translates ``extra`` (a verb before its preposition and article: "beginning in the
    ..." for a term that adds "to begin" and "in" before the phrase); "" when a mark of
    punctuation comes first, or no such word. English puts a verb's
    preposition and article between it and the noun phrase, where :func:`_from_english`
    looks for the word right beside it."""
    step = -1 if before else 1
    for pair in pairs:
        tokens = english_tokens(pair.en)
        for span in _phrase_spans(tokens, content_stems(shared)):
            k, passed = (span[0] if before else span[1]), 0
            while 0 <= k + step < len(tokens) and joined(pair.en, tokens, min(k, k + step)):
                k += step
                if _translates(tokens[k], extra):
                    start, end = (k, span[1]) if before else (span[0], k)
                    text = pair.en[tokens[start].start : tokens[end].end]
                    return text if shared[:1].isupper() else text[0].lower() + text[1:]
                if not tokens[k].function:
                    passed += 1
                    if passed > _PASSED:
                        break
    return ""


def _from_dictionary(extra: str, before: bool, shared: str, reading: str = "") -> str:
    """The shared phrase with the dictionary's short gloss of ``extra`` (read as
    ``reading`` in the term, where known) on its side (of each of its words, when it is no
    dictionary word but runs two or more of them: see :func:`_words_glossed`)."""
    word = short_gloss(extra, prefer_noun=True, reading=reading) or _words_glossed(extra, shared)
    if not word:
        return ""
    return f"{word} {shared}" if before and not _restates(word, shared) else f"{shared} ({word})"


def _reading_of(card: AnnotatedTerm, extra: str) -> str:
    """The numbered pinyin of ``extra`` where it starts or ends ``card``'s term (one
    syllable per character), so that its gloss is the sense it has here (石 "rock" as
    shi2, not a measure of grain as dan4); "" when the syllables do not line up."""
    term, syllables = card.term.text, card.pinyin_numbered.split()
    if len(syllables) != len(term):
        return ""
    if term.startswith(extra):
        return " ".join(syllables[: len(extra)])
    return " ".join(syllables[-len(extra) :]) if term.endswith(extra) else ""


def _restates(word: str, shared: str) -> bool:
    """Whether every content word of ``word`` is a form of one the phrase says already
    (疫苗 "vaccine" before "vaccination rate"): put before it, it would read as the same
    word twice ("vaccine vaccination rate"), so it goes after, as a note."""
    said = _words(shared)
    added = _words(word)
    return bool(added) and all(any(same_word(a, s) for s in said) for a in added)


def _words_glossed(extra: str, shared: str) -> str:
    """The short glosses of the dictionary words ``extra`` runs together, in order, when
    it is two or more words of two or more characters each (a single character's first
    sense would be a guess) and no word of the ``shared`` phrase links to one of them (a
    phrase that says some of them already names the longer term); else ""."""
    parts = split_compound(extra)
    if extra in cedict() or len(parts) < 2 or any(len(p) < 2 for p in parts):
        return ""
    if any(linked_to_part(t, p) for t in english_tokens(shared) for p in parts):
        return ""
    glosses = [short_gloss(p, prefer_noun=True) for p in parts]
    return " ".join(glosses) if all(glosses) else ""


def _distinguished(
    card: AnnotatedTerm,
    owner: AnnotatedTerm,
    pairs: Sequence[SentencePair],
    free: Callable[[str, bool], bool],
) -> tuple[str, str]:
    """A main gloss for ``card`` that ``owner`` does not have and that is ``free(text,
    from_english)``, and its origin: the word the term adds to the owner's, from its
    English, else from the dictionary, else one of the card's other glosses; ("", "")
    when there is none."""
    term, inner, shared = card.term.text, owner.term.text, card.gloss.text
    found: list[tuple[str, str, bool]] = []
    extra, on_left = _extra(inner, term)
    trimmed = _trimmed(shared, extra, on_left, term) if extra else ""
    if trimmed and free(trimmed, True):
        return trimmed, card.gloss.origin
    reordered = _reordered(term, inner, shared)  # the same words: no new one to add
    if reordered and free(reordered, True):
        return reordered, card.gloss.origin
    if inner in term and inner != term:
        at = term.index(inner)
        before, after = term[:at], term[at + len(inner) :]
        extra, on_left = (before, True) if before and not after else (after, False)
        if extra:
            english = _from_english(extra, on_left, shared, pairs)
            found.append((english, card.gloss.origin, True))
            found.append((_from_dictionary(extra, on_left, shared, _reading_of(card, extra)),
                          card.gloss.origin, False))
            found.append((_across(extra, on_left, shared, pairs), card.gloss.origin, True))
    inserted = _inserted(term, inner)
    if inserted:
        found.append((_from_english(inserted, True, shared, pairs), card.gloss.origin, True))
        if not _compounded(inserted, shared):
            found.append((_from_dictionary(inserted, True, shared), card.gloss.origin, False))
    found += [(t, o, False) for o, t in card.gloss.alternatives if o in _OTHERS]
    found.append((*_reglossed(card, shared, pairs), True))
    if not _within(inner, term):
        extra, on_left = _unlinked_end(term, shared)
        if extra:  # only from its English: a dictionary word glued on would be a guess
            found.append((_from_english(extra, on_left, shared, pairs), card.gloss.origin, True))
    said = _words(shared)
    return next(
        (
            (t, o)
            for t, o, english in found
            if t and free(t, english) and _words(t) - said and not _repeats(t)
        ),
        ("", ""),
    )


# What stands for the owner's phrase in a card's English when the card is glossed again
# without it (see :func:`_reglossed`): a mark that ends a phrase, so the words on either
# side of it are not run into one.
_TAKEN = " ; "


def _reglossed(card: AnnotatedTerm, shared: str, pairs: Sequence[SentencePair]) -> tuple[str, str]:
    """The gloss ``card`` gets from its sentences with the ``shared`` phrase taken out of
    their English, and its origin; ("", "") when that gloss is no phrase of the card's
    own. One English phrase translates one Chinese word of a sentence: when two cards'
    phrases are the same words, and the owner keeps them, the other card's own English is
    elsewhere in its sentences ("online lectures" beside the "football club" another term
    of the sentence took). Kept only when it comes from the English or the dictionary
    (not the parts' glued senses) and its last word says the term's head, its last part:
    English ends a noun phrase on its head, so a phrase ending on a word that some other
    part says is a neighbour's words, not the term's."""
    taken = re.compile(re.escape(shared), re.IGNORECASE)
    others = [replace(p, en_sentences=tuple(taken.sub(_TAKEN, s) for s in p.en_sentences))
              for p in pairs]
    if not any(taken.search(p.en) for p in pairs):
        return "", ""
    gloss = gloss_term(card.term.text, card.pinyin_numbered, others)
    tokens = english_tokens(BRACKETED.sub(" ", gloss.text))
    if gloss.origin not in _OTHERS or not tokens:
        return "", ""
    head = split_compound(card.term.text)[-1]
    return (gloss.text, gloss.origin) if linked_to_part(tokens[-1], head) else ("", "")


def _part_of_each_word(term: str, shared: str) -> list[int] | None:
    """For each content word of ``shared``, the one dictionary part of ``term`` that links
    to it, by the part's place in the term; None when a word links to none or to more."""
    parts = split_compound(term)
    found = []
    for token in english_tokens(shared):
        if token.function:
            continue
        linked = [i for i, p in enumerate(parts) if linked_to_part(token, p)]
        if len(linked) != 1:
            return None
        found.append(linked[0])
    return found


def _in_order(card: AnnotatedTerm) -> bool:
    """Whether the words of a card's gloss follow its term's parts in their order (see
    :func:`_reordered`)."""
    order = _part_of_each_word(card.term.text, card.gloss.text)
    return order is not None and order == sorted(order)


def _reordered(term: str, inner: str, shared: str) -> str:
    """``shared`` with its words in the order of ``term``'s parts, when ``term`` has the
    same dictionary parts as the owner's ``inner`` in another order and the phrase's
    words follow the owner's: Chinese puts modifiers before their head as English does,
    so the same words in the other order are the other term's ("Blue Sky bank", when
    "bank Blue Sky" follows "bank" + "blue sky"); else ""."""
    parts, owner_parts = split_compound(term), split_compound(inner)
    if term == inner or sorted(parts) != sorted(owner_parts):
        return ""
    order, owners = _part_of_each_word(term, shared), _part_of_each_word(inner, shared)
    if order is None or owners is None or order == sorted(order) or owners != sorted(owners):
        return ""
    content = [t.text for t in english_tokens(shared) if not t.function]
    if len(content) != len(english_tokens(shared)):
        return ""  # a phrase with function words is no run of modifiers and a head
    ranked = sorted(range(len(content)), key=lambda n: order[n])
    return " ".join(content[n] for n in ranked)


def _unlinked_end(term: str, shared: str) -> tuple[str, bool]:
    """The dictionary parts at one end of ``term`` that no word of its ``shared`` gloss
    links to, when the parts at its other end do link, and whether they stand first:
    what the term says beyond the phrase another card has too (a term of "house price"
    and "rising trend" given the phrase "housing market" says the "boom" beside it);
    ("", False) when the unlinked parts are not at one end, or no part links."""
    parts = split_compound(term)
    tokens = [t for t in english_tokens(shared) if not t.function]
    linked = [any(linked_to_part(t, p) for t in tokens) for p in parts]
    k = linked.index(False) if False in linked else len(parts)
    if 0 < k < len(parts) and not any(linked[k:]):
        return "".join(parts[k:]), False
    k = linked.index(True) if True in linked else 0
    if 0 < k and all(linked[k:]):
        return "".join(parts[:k]), True
    return "", False


def _within(inner: str, term: str) -> bool:
    """Whether ``term`` contains ``inner``, or is it with characters inserted inside it
    (see :func:`_inserted`): its phrase was found for ``inner``."""
    return inner in term or bool(_inserted(term, inner))


def _inserted(term: str, inner: str) -> str:
    """The characters ``term`` inserts inside ``inner`` (both ends of ``inner`` kept, in
    order, around them), or "": a modifier Chinese puts before the head, inside a
    compound, that English puts before the whole phrase ('new' in a term that is a
    crop's 'new variety')."""
    if len(term) <= len(inner) or inner in term:
        return ""
    for k in range(1, len(inner)):
        head, tail = inner[:k], inner[k:]
        if term.startswith(head) and term.endswith(tail):
            return term[len(head) : len(term) - len(tail)]
    return ""


def _compounded(inserted: str, shared: str) -> bool:
    """Whether a word of ``shared`` already opens with the short gloss of an inserted
    character (English runs a modifier and its head into one word, 'home' in
    'homework'): a dictionary word before the phrase would say it twice."""
    glosses = [short_gloss(c, prefer_noun=True).lower() for c in inserted]
    return any(
        t.text.lower().startswith(g) and len(t.text) > len(g)
        for t in english_tokens(shared)
        for g in glosses
        if len(g) >= 3 and " " not in g
    )


def _words(text: str) -> set[str]:
    """The stems of a gloss's content words, its notes in parentheses included."""
    return {s for t in english_tokens(text) if not t.function for s in t.stems}


def _repeats(text: str) -> bool:
    """Whether a gloss says one content word twice ("clean clean-surgery"); an article
    or a preposition may come back ("the start of the season")."""
    stems = [s for t in english_tokens(text) if not t.function
             for s in t.stems[1:] or t.stems[:1]]
    return len(stems) != len(set(stems))


def distinct_glosses(
    cards: Sequence[AnnotatedTerm], pairs_of: Callable[[str], Sequence[SentencePair]]
) -> list[AnnotatedTerm]:
    """``cards`` (a deck's vocabulary, in deck order) with no main gloss shown twice: of the
    cards sharing one, the owner (see :func:`_owner`) keeps it and each other card takes
    a gloss of its own (see :func:`_distinguished`), the old one kept as an alternative
    when its origin changes. ``pairs_of(term)`` gives the sentence pairs a term occurs in.
    A card nothing tells apart keeps its gloss.

    A longer term, or one ranked lower, may hold the phrase a card's own English gives it
    ("chief security officer" taken by a term that runs on past it): the card takes it,
    and the next pass tells the other apart in turn (at most ``_PASSES`` passes)."""
    out = _merged(cards)
    for _ in range(_PASSES):
        if not _one_pass(out, pairs_of):
            break
    return out


def _same_term(a: str, b: str) -> bool:
    """Whether two terms are one in other words: as many dictionary parts, each the same
    or with the same short gloss ("computer" for two words of it before one "repair"
    and one "person")."""
    parts_a, parts_b = split_compound(a), split_compound(b)
    if a == b or len(parts_a) != len(parts_b):
        return False
    return all(
        x == y or len(x) > 1 < len(y) and _short(x) == _short(y) != ""
        for x, y in zip(parts_a, parts_b, strict=True)
    )


def _short(word: str) -> str:
    """A dictionary word's short gloss as :func:`gloss_key` compares it."""
    return gloss_key(short_gloss(word, prefer_noun=True))


def _merged(cards: Sequence[AnnotatedTerm]) -> list[AnnotatedTerm]:
    """``cards`` without a card that is an earlier card's term in other words (see
    :func:`_same_term`) and has its main gloss: nothing could tell the two apart, and the
    learner would learn one meaning twice; the better ranked card stays. A teacher's
    card always stays."""
    kept: list[AnnotatedTerm] = []
    by_gloss: dict[str, list[str]] = {}
    for card in cards:
        key, term = gloss_key(card.gloss.text), card.term.text
        earlier = by_gloss.setdefault(key, []) if key else []
        if card.gloss.origin != "teacher" and any(_same_term(t, term) for t in earlier):
            continue
        earlier.append(term)
        kept.append(card)
    return kept


# Passes of distinct_glosses: each settles the cards that took a longer term's phrase in
# the pass before; chains of three nested terms are the longest seen.
_PASSES = 3


def _one_pass(out: list[AnnotatedTerm], pairs_of: Callable[[str], Sequence[SentencePair]]) -> bool:
    """One pass of :func:`distinct_glosses` over ``out``, in place; whether it changed any."""
    holders: dict[str, list[int]] = {}
    for i, card in enumerate(out):
        if card.gloss.text:
            holders.setdefault(gloss_key(card.gloss.text), []).append(i)
    changed = False
    for key, indices in list(holders.items()):
        if len(indices) < 2:
            continue
        group = [out[i] for i in indices]
        word = _common_word(group, key)
        owner = AnnotatedTerm(Term(word), "", Gloss(key)) if word else _owner(group)
        for i in list(indices):
            card = out[i]
            if card is owner or card.gloss.origin == "teacher":
                continue  # a teacher's gloss is the teacher's to change

            def free(text: str, english: bool, term: str = card.term.text, at: int = i) -> bool:
                """Whether no card holds ``text``, or (for the card's own English) only
                longer terms that contain this one and cards ranked below it."""
                held = holders.get(gloss_key(text), [])
                return not held or english and all(term in out[j].term.text or j > at for j in held)

            text, origin = _distinguished(card, owner, pairs_of(card.term.text), free)
            if not text:
                continue
            others = tuple(a for a in card.gloss.alternatives if a[1] != text)
            if origin != card.gloss.origin:
                others = ((card.gloss.origin, card.gloss.text), *others)
            gloss = replace(card.gloss, text=text, origin=origin, alternatives=others)
            out[i] = replace(card, gloss=gloss)
            holders[key].remove(i)
            holders.setdefault(gloss_key(text), []).append(i)
            changed = True
    return changed
