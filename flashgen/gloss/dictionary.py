"""The dictionary gloss: the CC-CEDICT entries whose reading matches the term's reading in
context, senses ordered by usefulness (surname, "variant of", archaic and literary senses
last; a sense the aligned English uses first), classifiers ("CL:") moved to their own
field, trimmed to what fits on a card."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.gloss.words import contains, covers, english_of
from flashgen.lexicon.senses import (
    BRACKETED,
    RANK_MEANING,
    REFERENCE,
    abbreviation_meaning,
    clean_sense,
    content_stems,
    is_classifier,
    sense_rank,
)
from flashgen.pinyin.render import numbers_to_marks
from flashgen.records import DictEntry, SentencePair

# What fits on a card's front-of-back line: at most this many senses and characters.
# Three senses of ~60 characters fit two lines of Anki's default card at phone width.
MAX_SENSES = 3


MAX_CHARS = 60


def classifiers(sense: str) -> list[str]:
    """The measure words of a "CL:個|个[ge4],位[wei4]" sense, as ["个 gè", "位 wèi"]."""
    return [f"{simp} {numbers_to_marks(reading)}" for simp, reading in REFERENCE.findall(sense[3:])]


def card_sense(sense: str) -> str:
    """A cleaned sense; "abbr. for X" with no English of its own leads with X's meaning,
    its notes in parentheses left out ("open source (abbr. for 开放源码)")."""
    text = clean_sense(sense)
    meaning = BRACKETED.sub("", abbreviation_meaning(sense)).strip()
    return f"{meaning} ({text})" if meaning else text


def _literal_rank(sense: str, senses: Sequence[str]) -> int:
    """Idioms give "lit. ..." then "fig. ...": the figurative meaning is the one to learn."""
    if sense.startswith("lit.") and any(s.startswith("fig.") for s in senses):
        return 1
    return 0


@dataclass(frozen=True)
class Senses:
    """The cleaned, ordered senses of a term's matching entries, and its classifiers."""

    senses: tuple[str, ...]
    classifier: str
    entries: tuple[DictEntry, ...]


def ordered_entries(word: str, reading: str = "") -> list[DictEntry]:
    """``word``'s entries: the reading that fits first (case and ü spelling ignored), then
    entries with a real meaning before surname- or variant-only ones, common words before
    proper nouns (荷 "lotus" before "Holland"), then file order."""
    from flashgen.lexicon.cedict import entries_for, reading_rank

    def key(entry: DictEntry) -> tuple[int, int, bool]:
        fit = min(reading_rank(entry.pinyin, reading), 2) if reading else 0
        fit = 0 if fit == 1 else fit
        best = min((sense_rank(s) for s in entry.senses if not is_classifier(s)), default=9)
        return fit, best, entry.pinyin[:1].isupper()

    return sorted(entries_for(word, reading), key=key)


def senses_for(
    word: str,
    reading: str = "",
    used: frozenset[str] = frozenset(),
    partly: frozenset[str] = frozenset(),
) -> Senses:
    """The senses of ``word`` read as ``reading``, most useful first.

    Only entries whose reading fits are used when any does. Senses in ``used`` (raw senses
    the article's English uses) come first among the real meanings, then those in
    ``partly`` (one of whose alternatives it uses).
    """
    from flashgen.lexicon.cedict import reading_rank

    entries = ordered_entries(word, reading)
    if reading and any(reading_rank(e.pinyin, reading) < 3 for e in entries):
        entries = [e for e in entries if reading_rank(e.pinyin, reading) < 3]
    ranked: list[tuple[tuple[int, int, int, int], str]] = []
    measure_words: list[str] = []
    said = {clean_sense(s) for e in entries for s in e.senses}
    for n, entry in enumerate(entries):
        for m, sense in enumerate(entry.senses):
            if is_classifier(sense):
                measure_words += [c for c in classifiers(sense) if c not in measure_words]
                continue
            if abbreviation_meaning(sense) in said:
                continue  # "abbr. for 医疗保险" next to its own meaning "medical insurance"
            rank = sense_rank(sense)
            context = 2
            if rank == RANK_MEANING:
                context = 0 if sense in used else 1 if sense in partly else 2
            key = (rank, context, _literal_rank(sense, entry.senses), n * 1000 + m)
            ranked.append((key, card_sense(sense)))
    ranked.sort(key=lambda item: item[0])
    texts = tuple(dict.fromkeys(text for _, text in ranked if text))
    return Senses(texts, ", ".join(measure_words), tuple(entries))


_OUTSIDE_PARENS_SEMICOLON = re.compile(r";\s*(?![^()]*\))")


def meanings(sense: str) -> list[str]:
    """A sense's alternatives, split at semicolons outside parentheses ("standard;
    criterion; benchmark"): a part's gloss in context is the alternative the English uses."""
    return [m for m in _OUTSIDE_PARENS_SEMICOLON.split(sense) if m.strip()]


def trim(senses: Sequence[str]) -> str:
    """The first senses that fit on a card (always at least one), joined by "; ". A first
    sense too long for a card loses its parenthesised notes ("(law) judgement defaulter
    (person who has failed to ...)" -> "judgement defaulter"), then the alternatives
    after its first that do not fit; the full entry keeps everything."""
    shown = list(senses[:MAX_SENSES])
    if shown and len(shown[0]) > MAX_CHARS:
        plain = " ".join(BRACKETED.sub(" ", shown[0]).split()) or shown[0]
        shown[0] = "; ".join(_fitting([m.strip() for m in meanings(plain)]))
    return "; ".join(_fitting(shown))


def _fitting(items: Sequence[str]) -> list[str]:
    """The first items whose "; "-joined length fits MAX_CHARS (always the first)."""
    kept: list[str] = []
    for item in items:
        if kept and len("; ".join([*kept, item])) > MAX_CHARS:
            break
        kept.append(item)
    return kept


def full_entry(word: str, reading: str = "") -> str:
    """Every entry of ``word`` (fitting reading first): "pīnyīn: sense; sense | ..."."""

    def shown(sense: str) -> str:
        return (
            "CL: " + ", ".join(classifiers(sense)) if is_classifier(sense) else clean_sense(sense)
        )

    return " | ".join(
        f"{numbers_to_marks(e.pinyin)}: " + "; ".join(shown(s) for s in e.senses)
        for e in ordered_entries(word, reading)
    )


def used_senses(term: str, pairs: Sequence[SentencePair], whole: bool = True) -> frozenset[str]:
    """The raw senses of ``term`` whose content words occur in order in the term's English,
    or run together in one hyphenated word ("open-source"); with ``whole`` false, those of
    which one meaning (an alternative split at ";" or ",": "speed; rate") does. An "abbr.
    for X" sense with no English of its own is judged by X's meaning."""
    from flashgen.lexicon.cedict import lookup

    english = english_of(term, pairs)
    used = set()
    for entry in lookup(term):
        for sense in entry.senses:
            text = BRACKETED.sub(" ", REFERENCE.sub(" ", sense))
            if not content_stems(text):
                text = BRACKETED.sub(" ", abbreviation_meaning(sense))
            meanings = [text] if whole else re.split(r"[;,]", text)
            keys = [key for m in meanings if (key := content_stems(m))]
            if any(
                contains(tokens, key) or any(covers(t.stems[0], tuple(key)) for t in tokens)
                for key in keys
                for tokens in english
            ):
                used.add(sense)
    return frozenset(used)
