"""The words the gloss stages work with: a Chinese text as dictionary words, an English
sentence as tokens, and the tests of whether English words say the same."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from flashgen.lexicon.english import (
    HYPHENATED_TOKEN,
    MIN_PREFIX,
    content_stems,
    function_words,
    same_word,
    stem,
)
from flashgen.lexicon.senses import gloss_stems
from flashgen.records import SentencePair

# Between two words of one phrase: spaces, hyphens, apostrophes, slashes, "&"; anything
# else (comma, period, colon, parenthesis, quote) ends the phrase.
_JOINER = re.compile(r"^[\s\-'’/&]*$")


# Dictionary words inside a compound are at most this long (CC-CEDICT's multi-character
# entries of 8+ characters are set phrases that do not occur inside terms).
_MAX_PART = 8


@lru_cache(maxsize=20_000)
def split_compound(term: str) -> tuple[str, ...]:
    """``term`` as the fewest dictionary words other than itself (single characters when
    nothing else fits). Ties go to fewer single characters, then to the split that
    agrees most with jieba's: 储能电站 -> 储能/电站 ("energy storage" + "power station")."""
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.segment import words

    dictionary = cedict()
    jieba_cuts = {0}
    position = 0
    for w in words(term):
        position += len(w)
        jieba_cuts.add(position)
    n = len(term)
    # best[i] = (parts, single characters, cuts jieba does not make), split of term[:i]
    best: list[tuple[tuple[int, int, int], tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), ())
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_PART), end):
            previous = best[start]
            part = term[start:end]
            if previous is None or part == term or (len(part) > 1 and part not in dictionary):
                continue
            (parts, singles, foreign), split = previous
            cost = (parts + 1, singles + (len(part) == 1), foreign + (end not in jieba_cuts))
            if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                best[end] = (cost, (*split, part))
    result = best[n]
    return result[1] if result else tuple(term)


@lru_cache(maxsize=1024)  # every term of a sentence reads the same Chinese again
def placed_words(text: str) -> tuple[tuple[tuple[int, int, str], ...], frozenset[int]]:
    """The dictionary words of ``text`` with their places (start, end, word), words the
    dictionary lacks by their parts; and the places jieba cuts ``text`` at."""
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.segment import words

    dictionary = cedict()
    found, cuts, at = [], {0}, 0
    for word in words(text):
        for part in [word] if word in dictionary else split_compound(word):
            if part.strip() and part in dictionary:
                found.append((at, at + len(part), part))
            at += len(part)
        cuts.add(at)
    return tuple(found), frozenset(cuts)


# Neighbouring words of at least this many characters can claim an English word: single
# characters are mostly function words or bound forms with many loose senses.
MIN_CLAIMER = 2


# English text is tokenised with hyphenated words kept whole ("post-war", "US-Japan"): a
# whole word or any of its pieces may link to a part of the term (HYPHENATED_TOKEN).


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    stems: tuple[str, ...]  # the whole word's stem, then its hyphen pieces' stems
    function: bool

    @property
    def title(self) -> bool:
        """A capitalised content word that is not an acronym: part of a name."""
        return self.text[0].isupper() and not self.text.isupper() and not self.function

    @property
    def lower(self) -> bool:
        return self.text[0].islower() and not self.function


@lru_cache(maxsize=4096)  # every term of a sentence pair reads the same English again
def placed_outside(term: str, chinese: str) -> tuple[tuple[int, int, str], ...]:
    """The dictionary words of ``chinese`` outside ``term``, with their places (see
    :func:`placed_words`): the term's characters are blanked out, so no word of the rest
    runs into it."""
    return placed_words(chinese.replace(term, "\n" * len(term)))[0]


def explained_stems(term: str, chinese: str) -> frozenset[str]:
    """The English stems the dictionary gives the Chinese sentence's words outside ``term``
    (words jieba finds that the dictionary lacks, by their parts)."""
    return frozenset().union(*(gloss_stems(word) for _, _, word in placed_outside(term, chinese)))


def english_tokens(english: str) -> tuple[Token, ...]:
    tokens = []
    function = function_words()
    for m in HYPHENATED_TOKEN.finditer(english):
        word = m.group()
        pieces = word.split("-")
        stems = (stem(word), *(stem(p) for p in pieces)) if len(pieces) > 1 else (stem(word),)
        tokens.append(Token(word, m.start(), m.end(), stems, word.lower() in function))
    return tuple(tokens)


def english_of(term: str, pairs: Sequence[SentencePair]) -> list[tuple[Token, ...]]:
    return [english_tokens(p.en) for p in pairs if term in p.zh and p.en]


@lru_cache(maxsize=4096)
def by_prefix(stems: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``stems`` by their first letters: only stems that start alike can be one word."""
    found: dict[str, list[str]] = {}
    for s in stems:
        found.setdefault(s[:MIN_PREFIX], []).append(s)
    return {start: tuple(group) for start, group in found.items()}


def joined(english: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether tokens i and i+1 can be in one phrase (nothing but spaces/hyphens between)."""
    return bool(_JOINER.match(english[tokens[i].end : tokens[i + 1].start]))


def contains(
    tokens: Sequence[Token], key: Sequence[str], any_order: bool = False, names: bool = True
) -> bool:
    """Whether the content words of ``tokens`` contain ``key`` (stems) contiguously; with
    ``any_order`` also reordered, as headlines do ("integrated source-grid model" for
    "source-grid integration"). With ``names`` false a capitalised word says a key word
    only by its own stem (see :func:`says_as_written`)."""
    content = [t for t in tokens if not t.function]
    stems = [t.stems[0] for t in content]
    starts = {s[:MIN_PREFIX] for s in stems}
    if any(k[:MIN_PREFIX] not in starts for k in key):
        return False  # a word of the key matches no stem (same_word needs a shared start)

    def same(i: int, k: str) -> bool:
        return same_word(stems[i], k) if names else says_as_written(content[i], (k,))

    for i in range(len(stems) - len(key) + 1):
        window = range(i, i + len(key))
        if all(same(w, key[n]) for n, w in enumerate(window)):
            return True
        if any_order and all(any(same(w, k) for w in window) for k in key):
            return True
    return False


def says_as_written(token: Token, key: tuple[str, ...]) -> bool:
    """Whether ``token`` says a sense's stems ``key`` as evidence of it (see :func:`covers`:
    one word by :func:`same_word`'s shared prefix, several run together in full): a
    capitalised word (part of a name: "Inter" of a club's name) only by its own stem. A
    name's letters are no English word's start ("Inter" is no "integral"), while
    "integrated" is "integral"'s kin."""
    word = token.stems[0]
    return word == "".join(key) if token.title else covers(word, key)


def covers(stem: str, key: tuple[str, ...]) -> bool:
    """Whether an English stem says all of a meaning's stems: the same word, or for a
    multi-word meaning the words run together in full ("powersourc", not "power")."""
    joined = "".join(key)
    return same_word(stem, joined) and (len(key) == 1 or len(stem) >= len(joined) - len(key))


def said_by(phrase: str, within: str) -> bool:
    """Whether every content word of ``phrase`` is a word of ``within`` (a compositional
    gloss, another sentence's phrase)."""
    have = [s for t in english_tokens(within) for s in t.stems]
    return all(any(same_word(w, s) for s in have) for w in content_stems(phrase))


def stems_link(stems: Sequence[str], glosses: frozenset[str]) -> bool:
    """Whether one of ``stems`` is one word with one of the gloss stems ``glosses`` (by
    :func:`same_word`, tried only among those that start alike: see :func:`by_prefix`)."""
    starts = by_prefix(glosses)
    return any(same_word(s, g) for s in stems for g in starts.get(s[:MIN_PREFIX], ()))


def linked_to_part(token: Token, part: str) -> bool:
    """Whether a dictionary word's glosses link to ``token`` (by stems)."""
    return stems_link(token.stems, gloss_stems(part))


def linked_to_term(token: Token, term: str) -> bool:
    """Whether a dictionary part of ``term`` links to ``token``."""
    return any(linked_to_part(token, part) for part in split_compound(term))


def opens_sentence(english: str, token: Token) -> bool:
    """Whether ``token`` opens its sentence (a quotation mark or bracket before it at
    most): its capital is the sentence's, and a phrase there is the sentence's subject,
    the word after it most often its verb ("Rents fell")."""
    return not english[: token.start].strip(" \"'“‘([")


def uncapitalised(text: str, english: str, words: Sequence[Token]) -> str:
    """A phrase opening its sentence without its sentence capital ("Export control" ->
    "export control"); a name keeps it (its next word is capitalised too: "Dongwan
    Customs"), and so does a lone word, which may be a name, unless it is a compound
    no name is (see :func:`_common_compound`)."""
    opens = opens_sentence(english, words[0])
    followed = len(words) > 1 and words[1].text[0].islower()
    if opens and words[0].title and (followed or _common_compound(words[0].text)):
        return text[0].lower() + text[1:]
    return text


def _common_compound(word: str) -> bool:
    """Whether a hyphenated word is no name: a piece after its first is in lower case
    ("Salt-resistant", "Rust-free" opening a sentence or a headline), where a name's
    pieces are all capitalised ("Sino-Japanese", "Baden-Baden")."""
    pieces = word.split("-")
    return len(pieces) > 1 and any(p[:1].islower() for p in pieces[1:])


def singular(word: str, known: frozenset[str]) -> str:
    """A plural in the text made singular when the dictionary knows the singular
    ("ministers" -> "minister"): a card names the concept, not this sentence's number."""
    lower = word.lower()
    for cut in ("es", "s"):
        if lower.endswith(cut) and lower[: -len(cut)] in known:
            return word[: -len(cut)]
    return word
