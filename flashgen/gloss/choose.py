"""The English a card carries: dictionary senses cleaned for a card, a compositional gloss
for compounds no dictionary has, and the phrase the article's own translation uses.

Three sources, one :class:`~flashgen.records.Gloss`, each in its own module:

* **dictionary** (:mod:`~flashgen.gloss.dictionary`) -- the CC-CEDICT entries whose
  reading matches the term's reading in context, senses ordered by usefulness (surname,
  "variant of", archaic and literary senses last; a sense the aligned English uses
  first), classifiers ("CL:") moved to their own field, trimmed to what fits on a card;
* **compositional** (:mod:`~flashgen.gloss.breakdown`) -- a compound the dictionary
  lacks, split into dictionary words, each with its short gloss ("延伸 to extend + 威慑
  deterrence");
* **parallel** -- the English phrase that translates the term in its aligned sentences,
  found by dictionary-guided word alignment inside each pair (:mod:`~flashgen.gloss.phrase`)
  and checked for agreement across all of the term's occurrences
  (:mod:`~flashgen.gloss.parallel`); for a term whose parts link to nothing there, the
  English its sentence leaves unexplained at the term's place (:mod:`~flashgen.gloss.place`).

The main gloss is the parallel phrase for terms the dictionary lacks (when confident) and
the dictionary gloss otherwise, unless the article words the meaning differently from
every dictionary sense; the other origins go to ``Gloss.alternatives``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.gloss.breakdown import compositional
from flashgen.gloss.dictionary import (
    card_sense,
    classifiers,
    full_entry,
    ordered_entries,
    senses_for,
    trim,
    used_senses,
)
from flashgen.gloss.parallel import parallel_gloss
from flashgen.gloss.place import aligned_gloss, residue_gloss
from flashgen.gloss.words import (
    Token,
    english_of,
    english_tokens,
    linked_to_part,
    said_by,
    split_compound,
)
from flashgen.lexicon.senses import (
    content_stems,
    is_classifier,
    same_word,
)
from flashgen.pinyin.render import numbers_to_marks
from flashgen.records import Gloss, SentencePair

# The parallel phrase is trusted (main gloss of a term the dictionary lacks) from this
# confidence on: more than half of the term linked, in agreement across occurrences. A
# phrase linking only half a term is a fragment ("strategic" for 战略焦虑); set from
# that principle, not fitted to the seed.
PARALLEL_CONFIDENCE = 0.6


def _part_links(term: str, english: Sequence[Sequence[Token]]) -> list[bool]:
    """For each dictionary part of ``term``, whether it links to a word of its English."""
    parts = split_compound(term)
    return [any(linked_to_part(t, p) for tokens in english for t in tokens) for p in parts]


def _weak(term: str, linked: Sequence[bool]) -> bool:
    """Whether a compositional gloss of ``term`` says too little to show: no part links to
    a word of its English, or a single-character part does not (a bound character's first
    sense is a guess); ``linked`` as :func:`_part_links` gives it."""
    parts = split_compound(term)
    bound = [len(p) == 1 and not ok for p, ok in zip(parts, linked, strict=True)]
    return not any(linked) or any(bound)


def _fragment_of(phrase: str, senses: Sequence[str]) -> bool:
    """Whether the phrase says less than some sense (its words a strict subset of one)."""
    words = set(content_stems(phrase))
    return any(words < set(content_stems(s)) for s in senses)


def _corroborated(glued: str, english: Sequence[Sequence[Token]]) -> bool:
    """Whether every content word of a compositional gloss occurs in the term's English:
    the article then uses the parts' own first meanings ("new" and "energy" for 新能源)."""
    words = content_stems(glued)
    stems = [s for tokens in english for t in tokens for s in t.stems]
    return bool(words) and all(any(same_word(w, s) for s in stems) for w in words)


def _shares(phrase: str, glued: str) -> bool:
    """Whether a phrase has a content word of a compositional gloss."""
    have = [s for t in english_tokens(phrase) for s in t.stems]
    return any(any(same_word(w, s) for s in have) for w in content_stems(glued))


def gloss_term(term: str, reading: str, pairs: Sequence[SentencePair]) -> Gloss:
    """The gloss a card carries for ``term`` read as ``reading`` (numbered, CC-CEDICT style),
    given every sentence pair it occurs in (for the parallel-text gloss).

    A dictionary word keeps its dictionary gloss (the sense its English uses first) unless
    the article renders it with none of its senses: then a confident parallel phrase that
    is not a mere fragment of a sense leads ("Minister of Defense" worded "defense
    minister" in the article). Other terms take the confident parallel phrase, else the
    compositional gloss; the remaining origins go to ``alternatives``.
    """
    from flashgen.lexicon.cedict import cedict

    parallel = parallel_gloss(term, pairs) if pairs else None
    trusted = parallel.text if parallel and parallel.confidence >= PARALLEL_CONFIDENCE else ""
    if term in cedict():
        partly = used_senses(term, pairs, whole=False)
        used = used_senses(term, pairs)
        senses = senses_for(term, reading, used, partly)
        used |= partly
        text = trim(senses.senses)
        full = full_entry(term, reading)
        said = parallel is not None and parallel.whole > 0
        if trusted and said and not used and not _fragment_of(trusted, senses.senses):
            others = (("dictionary", text),)
            return Gloss(trusted, "parallel", senses.classifier, full, "", others)
        others = (("parallel", trusted),) if trusted and trusted.lower() not in text.lower() else ()
        return Gloss(text, "dictionary", senses.classifier, full, "", others)
    english = english_of(term, pairs)
    glued, breakdown = compositional(term, english, reading)
    if trusted and glued and _corroborated(glued, english) and not _shares(trusted, glued):
        return Gloss(glued, "compositional", "", "", breakdown, (("parallel", trusted),))
    if trusted:
        return Gloss(
            trusted, "parallel", "", "", breakdown, (("compositional", glued),) if glued else ()
        )
    residue = "" if glued and _corroborated(glued, english) else residue_gloss(term, pairs)
    # a composition some parts of which link gives way only to a phrase headed by a word
    # its head (last part) links to; none gives way to a mere part's word
    linked = _part_links(term, english) if glued and english and not residue else []
    weak = not linked or _weak(term, linked)
    if not residue and english and (weak or linked[-1]):
        aligned = aligned_gloss(term, pairs)
        head = bool(aligned) and linked_to_part(
            english_tokens(aligned)[-1], split_compound(term)[-1]
        )
        if glued and (said_by(aligned, glued) or not (head or weak)):
            aligned = ""
        residue = aligned
    if residue:
        return Gloss(
            residue, "parallel", "", "", breakdown, (("compositional", glued),) if glued else ()
        )
    if glued:
        return Gloss(glued, "compositional", "", "", breakdown)
    return Gloss("", "none", "", "", breakdown)


@dataclass(frozen=True)
class EntryReport:
    """One dictionary entry as ``flashgen lookup`` shows it: senses cleaned and ordered."""

    simplified: str
    traditional: str
    pinyin: str  # numbered, as in CC-CEDICT: "jun1 shi4"
    pinyin_marks: str  # "jūn shì"
    senses: tuple[str, ...]
    classifier: str


@dataclass(frozen=True)
class Description:
    """Everything flashgen knows about a word: every entry (every reading), the gloss a
    card would carry out of context, and the breakdown into parts for unknown compounds."""

    word: str
    entries: tuple[EntryReport, ...]
    gloss: Gloss


def describe(word: str) -> Description:
    """All entries of ``word`` (simplified or traditional), each reading with its cleaned,
    ordered senses and classifier; plus the out-of-context gloss (compositional when the
    dictionary lacks the word). ``dataclasses.asdict`` turns it into JSON-ready data."""
    reports = []
    for entry in ordered_entries(word):
        senses = senses_for(word, entry.pinyin)
        own = [s for s in entry.senses if not is_classifier(s)]
        cleaned = tuple(t for t in senses.senses if any(card_sense(s) == t for s in own))
        measure = [c for s in entry.senses if is_classifier(s) for c in classifiers(s)]
        reports.append(
            EntryReport(
                entry.simplified,
                entry.traditional,
                entry.pinyin,
                numbers_to_marks(entry.pinyin),
                cleaned,
                ", ".join(measure),
            )
        )
    reading = reports[0].pinyin if reports else ""
    return Description(word, tuple(reports), gloss_term(word, reading, ()))
