"""The parallel-text gloss: the phrase that translates a term in its aligned sentences,
checked for agreement across all of the term's occurrences (:func:`parallel_gloss`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.gloss.phrase import Phrase, phrase_in
from flashgen.gloss.words import Token, contains, english_tokens
from flashgen.records import SentencePair

# See parallel_gloss: a third of the term rendered is the least that counts as a
# translation of it (one part of three); chosen from that principle.
RENDERED = 1 / 3


# A fragment supports a fuller candidate only when it renders at least half the term
# itself, or its head (its last part: English refers back to a named thing by its head
# noun, "the certificates"): a lone "Japan" in one sentence says nothing about "Forces
# Japan" (驻华使馆, whose head is 使馆) in another.
_FRAGMENT = 0.5


@dataclass(frozen=True)
class Parallel:
    """The parallel-text gloss of a term over all its occurrences."""

    text: str
    confidence: float
    coverage: float
    agreement: float
    occurrences: int
    whole: float = 0.0  # the phrase's Phrase.whole
    linked: float = 0.0  # the phrase's Phrase.linked
    head: bool = False  # the phrase's Phrase.head: it links the term's last part


# one occurrence as support counts it: its English, that English as tokens, its phrase
_Occurrence = tuple[str, Sequence[Token], Phrase | None]


def _kept(
    translated: Sequence[SentencePair], found: Sequence[Phrase | None]
) -> list[tuple[SentencePair, Phrase | None]]:
    """The occurrences that have a say: an occurrence whose English renders less than
    ``RENDERED`` of the term was paraphrased ("both meetings" for a named meeting) and
    neither agrees nor disagrees (all of them when every one was)."""
    pairs = list(zip(translated, found, strict=True))
    return [(p, ph) for p, ph in pairs if ph and ph.coverage >= RENDERED] or pairs


def _support(
    key: tuple[str, ...], phrase: Phrase, acronym: str, occurrences: Sequence[_Occurrence]
) -> list[float]:
    """Per occurrence: the candidate's coverage where the English says it (or its
    acronym), the occurrence's own coverage where its phrase is a fragment of the
    candidate ("storage station" of "energy storage station"), else 0."""
    coverage = phrase.coverage
    found = []
    for en, tokens, own in occurrences:
        if contains(tokens, key, any_order=True) or (
            acronym and re.search(rf"\b{re.escape(acronym)}\b", en)
        ):
            found.append(coverage)
        elif own and (own.coverage >= _FRAGMENT or own.head) and set(own.key) < set(key):
            found.append(min(own.coverage, coverage))
        else:
            found.append(0.0)
    return found


def _common(phrase: Phrase) -> bool:
    """Whether a phrase is written in lower case: between two wordings that every sentence
    supports alike, the common noun ("solar industry") is the term, a capitalised one
    its use inside a name ("Solar Industrial Zone")."""
    return phrase.text[:1].islower()


def parallel_gloss(term: str, pairs: Sequence[SentencePair]) -> Parallel | None:
    """The phrase that translates ``term`` in the translated pairs that contain it.

    Every phrase found is a candidate; an occurrence supports a candidate when its English
    contains the candidate's words or its acronym. The best supported candidate wins
    (support weighted by coverage); ``agreement`` is the share of occurrences supporting
    it and ``confidence`` = its coverage x agreement.
    """
    translated = [p for p in pairs if term in p.zh and p.en]
    found = [phrase_in(term, p.en, p.zh) for p in translated]
    phrases = [ph for ph in found if ph is not None]
    if not phrases:
        return None
    kept = _kept(translated, found)
    occurrences = [(p.en, english_tokens(p.en), ph) for p, ph in kept]
    candidates: dict[tuple[str, ...], Phrase] = {}
    for ph in sorted(phrases, key=lambda ph: (-ph.coverage, not ph.acronym)):
        candidates.setdefault(ph.key, ph)
    acronyms = {
        key: next((p.acronym for p in phrases if p.key == key and p.acronym), "")
        for key in candidates
    }

    def support(key: tuple[str, ...]) -> list[float]:
        """The candidate's support per occurrence (see :func:`_support`)."""
        return _support(key, candidates[key], acronyms[key], occurrences)

    best = max(candidates, key=lambda k: (sum(support(k)), len(k), _common(candidates[k])))
    agreement = sum(1 for s in support(best) if s) / len(kept)
    phrase = candidates[best]
    acronym = acronyms[best]
    text = f"{phrase.text} ({acronym})" if acronym else phrase.text
    return Parallel(
        text,
        phrase.coverage * agreement,
        phrase.coverage,
        agreement,
        len(kept),
        phrase.whole,
        phrase.linked,
        phrase.head,
    )
