"""The dictionary gloss: the CC-CEDICT entries whose reading matches the term's reading in
context, senses ordered by usefulness (surname, "variant of", archaic and literary senses
last; a sense the aligned English uses first), classifiers ("CL:") moved to their own
field, trimmed to what fits on a card."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.gloss.words import contains, english_of, says_as_written
from flashgen.lexicon.english import content_stems, stem
from flashgen.lexicon.senses import (
    BRACKETED,
    RANK_MEANING,
    REFERENCE,
    abbreviation_meaning,
    clean_sense,
    is_classifier,
    says_a_meaning,
    sense_rank,
)
from flashgen.pinyin.render import numbers_to_marks
from flashgen.records import DictEntry, SentencePair

# What fits on a card's front-of-back line: at most this many senses and characters.
# Three senses of ~60 characters fit two lines of Anki's default card at phone width.
MAX_SENSES = 3


MAX_CHARS = 60


def classifiers(sense: str) -> list[str]:
    """The measure words of a "CL:個|个[ge4],位[wei4]" sense (or of a note "(CL:份)" inside
    a sense), as ["个 gè", "位 wèi"]; a measure word given without reading is shown alone."""
    notes = [sense] if is_classifier(sense) else _CLASSIFIER_NOTE.findall(sense)
    found = []
    for note in notes:
        body = note.strip(" ;,()")[3:]
        refs = REFERENCE.findall(body)
        found += [f"{simp} {numbers_to_marks(reading)}" for simp, reading in refs]
        if not refs:
            found += [_PAIR.sub(r"\1", item.strip()) for item in body.split(",") if item.strip()]
    return found


# --- CC-CEDICT's notation, as a card shows it -----------------------------------------------

# A "傳統|传统" pair without a reading ("same as 都市傳奇|都市传奇"): group 1 is simplified.
_PAIR = re.compile(r"[^\s\[\]|,;/()]+\|([^\s\[\]|,;/()]+)")
# A reading in brackets on its own ("Taiwan pr. [qiang3 zhi4]"): shown with tone marks.
_BARE_READING = re.compile(r"\[((?:[A-Za-z:]+[1-5])(?: [A-Za-z:]+[1-5])*)\]")
# A classifier note inside a sense ("application form (CL:份)"), or a whole "CL:" sense.
_CLASSIFIER_NOTE = re.compile(
    r"\s*\(CL:[^)]*\)|[;,]?\s*\bCL:(?:[^\s;,\[\]]+(?:\[[^\]]*\])?(?:,(?=\S))?)+"
)
# CC-CEDICT's abbreviation notes, said in words: "short for X", "short form X".
_ABBREVIATION_NOTE = (
    (re.compile(r"\babbr\. (?:for|of)\b"), "short for"),
    (re.compile(r"\babbr\. to\b"), "short form"),
)
# "short for X, meaning" (CC-CEDICT's "abbr. for X, ..."): the note goes after the meaning.
_SHORT_FIRST = re.compile(r"^(short for [^\s,;()]+),\s*([^;()]+)$")
_SHORT_NOTE = re.compile(r"\(?\bshort (?:for|form) [^\s,;()]+\)?,?")
# A sense that only points to another word: its kind and the word (simplified).
_POINTER_SENSE = re.compile(
    r"\(?(?P<kind>(?:(?:old|archaic|unofficial|erhua|japanese|korean|erroneous) )?variant of|"
    r"see also|see|same as|also written) (?P<word>[^\s\[\]|,;/()]+)\)?",
    re.I,
)
# A pointer note inside a sense ("(see also X)", "(same as X)"): "compare X", "= X".
_POINTER_NOTES = (
    (re.compile(r"\b(?:see also|see) (?=[^\s\[\]|,;/()a-zA-Z])"), "compare "),
    (re.compile(r"\b(?:same as|also written) (?=[^\s\[\]|,;/()a-zA-Z])"), "= "),
)


def card_text(sense: str) -> str:
    """A sense without CC-CEDICT's notation: cross-references and traditional|simplified
    pairs reduced to the simplified form (the deck is simplified), classifier notes left
    out (they go to the Classifier field), a reading in brackets in tone marks, "abbr. for"
    in words ("short for"), a note pointing elsewhere as "compare X"."""
    text = _PAIR.sub(r"\1", clean_sense(_CLASSIFIER_NOTE.sub("", sense)))
    text = _BARE_READING.sub(lambda m: f"[{numbers_to_marks(m.group(1))}]", text)
    for pattern, words in _ABBREVIATION_NOTE + _POINTER_NOTES:
        text = pattern.sub(words, text)
    text = _SHORT_FIRST.sub(r"\2 (\1)", text)  # its meaning first
    return text.strip(" ;,")


def without_short_note(text: str) -> str:
    """A card sense without its "short for X" note: the words that say its meaning."""
    return " ".join(_SHORT_NOTE.sub(" ", text).split()).strip(" ;,")


def pointer(sense: str) -> tuple[str, str] | None:
    """(kind, word) for a sense that only points to another word ("variant of 图像",
    "see 顿挫抑扬", "see also X"), kind in lower case; None for any other sense."""
    match = _POINTER_SENSE.fullmatch(_PAIR.sub(r"\1", clean_sense(sense)))
    return (match["kind"].lower(), match["word"]) if match else None


def _target_senses(word: str) -> list[str]:
    """The first meanings of the word a pointer sense points to, as a card shows them
    (none of its own pointers, classifiers or surnames)."""
    from flashgen.lexicon.cedict import lookup

    return [
        card_text(s)
        for e in lookup(word)
        for s in e.senses
        if sense_rank(s) == RANK_MEANING and not is_classifier(s) and not pointer(s)
    ][:MAX_SENSES]


def resolved(sense: str, word: str, entry: DictEntry) -> list[str] | None:
    """What a pointer sense of ``word`` says on a card: nothing for a pointer to the word
    itself (a traditional variant pointing at its simplified form), the target's meanings
    for a variant or "see" pointer, "compare X" for "see also"; None when ``sense`` is no
    pointer."""
    found = pointer(sense)
    if found is None:
        return None
    kind, target = found
    if target in (word, entry.simplified, entry.traditional):
        return []
    if kind == "see also":
        return [f"compare {target}"]
    return _target_senses(target)


def card_sense(sense: str) -> str:
    """A cleaned sense (see :func:`card_text`); "abbr. for X" with no English of its own
    leads with X's meaning ("open source (short for 开放源码)")."""
    text = card_text(sense)
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
    shared: frozenset[str] = frozenset(),
) -> Senses:
    """The senses of ``word`` read as ``reading``, most useful first.

    Only entries whose reading fits are used when any does. Senses in ``used`` (raw senses
    the article's English uses) come first among the real meanings, then those in
    ``partly`` (one of whose alternatives it uses), then those in ``shared`` (that share a
    word with it).
    """
    from flashgen.lexicon.cedict import reading_rank

    entries = ordered_entries(word, reading)
    if reading and any(reading_rank(e.pinyin, reading) < 3 for e in entries):
        entries = [e for e in entries if reading_rank(e.pinyin, reading) < 3]
    ranked: list[tuple[tuple[int, int, int, int], str]] = []  # (rank, context, literal, order)
    measure_words: list[str] = []
    said = {clean_sense(s) for e in entries for s in e.senses}
    own = any(says_a_meaning(s) for e in entries for s in e.senses)
    for n, entry in enumerate(entries):
        for m, sense in enumerate(entry.senses):
            measure_words += [c for c in classifiers(sense) if c not in measure_words]
            if is_classifier(sense):
                continue
            if abbreviation_meaning(sense) in said:
                continue  # "abbr. for 医疗保险" next to its own meaning "medical insurance"
            rank = sense_rank(sense)
            context = _context(sense, (used, partly, shared)) if rank == RANK_MEANING else 2
            key = (rank, context, _literal_rank(sense, entry.senses), n * 1000 + m)
            ranked += [(key, text) for text in _shown(sense, word, entry, own)]
    ranked.sort(key=lambda item: item[0])
    texts = tuple(dict.fromkeys(text for _, text in ranked if text))
    return Senses(texts, ", ".join(measure_words), tuple(entries))


def _shown(sense: str, word: str, entry: DictEntry, own: bool) -> list[str]:
    """What a sense of ``word`` puts among its card senses: itself cleaned; for a pointer
    to another word, that word's meanings when ``word`` has no meaning of its ``own``
    (nothing otherwise: it would repeat them, or point at itself)."""
    target = resolved(sense, word, entry)
    if target is None:
        return [card_sense(sense)]
    return [] if own else target


def _context(sense: str, evidence: Sequence[frozenset[str]]) -> int:
    """How strongly the article's English backs a meaning sense, 0 strongest: the index of
    the first set of ``evidence`` (used, partly used, sharing words) holding it."""
    return next((level for level, given in enumerate(evidence) if sense in given), len(evidence))


_OUTSIDE_PARENS_SEMICOLON = re.compile(r";\s*(?![^()]*\))")


def meanings(sense: str) -> list[str]:
    """A sense's alternatives, split at semicolons outside parentheses ("standard;
    criterion; benchmark"): a part's gloss in context is the alternative the English uses."""
    return [m for m in _OUTSIDE_PARENS_SEMICOLON.split(sense) if m.strip()]


def said_meaning_first(
    senses: Sequence[str], term: str, pairs: Sequence[SentencePair]
) -> tuple[str, ...]:
    """``senses`` with the first one's alternatives (see :func:`meanings`) that the
    term's English says, in order, put before those it does not ("(statistics) compared
    with the previous period; period on period" where the article says "period on
    period"): a sense too long for a card keeps only its first alternatives (see
    :func:`trim`), and the one the learner met is the one to keep."""
    if not senses or len(senses[0]) <= MAX_CHARS:
        return tuple(senses)
    english = english_of(term, pairs)
    alternatives = meanings(senses[0])

    def said(meaning: str) -> bool:
        key = content_stems(BRACKETED.sub(" ", meaning))
        return bool(key) and any(contains(tokens, key, names=False) for tokens in english)

    first = [m.strip() for m in alternatives if said(m)]
    if not first or first[0] == alternatives[0].strip():
        return tuple(senses)
    rest = [m.strip() for m in alternatives if not said(m)]
    return ("; ".join(first + rest), *senses[1:])


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


def _entry_senses(word: str, entry: DictEntry) -> list[str]:
    """An entry's senses as the full entry shows them: cleaned (:func:`card_sense`), no
    classifiers (the Classifier field has them), a pointer to the word itself left out and
    one to another word said as "= X" ("compare X" for "see also"), resolved to X's
    meanings when the entry has none of its own ("unstoppable (= X)")."""
    own = any(says_a_meaning(s) for s in entry.senses)
    shown = []
    for sense in entry.senses:
        if is_classifier(sense):
            continue
        target, found = resolved(sense, word, entry), pointer(sense)
        if target is None or found is None:
            shown.append(card_sense(sense))
        elif target and found[0] != "see also":
            meaning = "" if own else "; ".join(target) + " "
            shown.append(f"{meaning}(= {found[1]})" if meaning else f"= {found[1]}")
        else:
            shown += target
    return [s for s in shown if s]


def full_entry(word: str, reading: str = "") -> str:
    """Every entry of ``word`` (fitting reading first): "pīnyīn: sense; sense | ...", an
    entry that says nothing the others have not said (a traditional variant) left out."""
    parts: list[str] = []
    seen: set[str] = set()
    for entry in ordered_entries(word, reading):
        senses = _entry_senses(word, entry)
        if senses and not set(senses) <= seen:
            parts.append(f"{numbers_to_marks(entry.pinyin)}: " + "; ".join(senses))
        seen.update(senses)
    return " | ".join(parts)


# Light words, which a sense and its sentence share by chance ("to make use of", "the
# real thing", "to move in a circle"): not counted by shared_senses. General English
# (the light verbs and their commonest particles), no word of any text.
_LIGHT = frozenset(
    stem(w)
    for w in """make do get take give put set go come keep hold move turn bring let
    thing things way back together time""".split()
)


# Brackets that content_stems would drop with their words: opened for shared_senses.
_NOTES_KEPT = re.compile(r"[()]")


def _sense_text(sense: str) -> str:
    """The English of a raw sense that says its meaning: no notes, no cross-references; an
    "abbr. for X" sense with no English of its own by X's meaning."""
    text = BRACKETED.sub(" ", REFERENCE.sub(" ", sense))
    return text if content_stems(text) else BRACKETED.sub(" ", abbreviation_meaning(sense))


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
            text = _sense_text(sense)
            meanings = [text] if whole else re.split(r"[;,]", text)
            keys = [key for m in meanings if (key := content_stems(m))]
            if any(
                contains(tokens, key, names=False)
                or any(says_as_written(t, tuple(key)) for t in tokens)
                for key in keys
                for tokens in english
            ):
                used.add(sense)
    return frozenset(used)


def shared_senses(term: str, pairs: Sequence[SentencePair]) -> frozenset[str]:
    """The raw senses of ``term`` at least half of whose content words (without their
    notes, or with them: "to recharge (a battery)") the term's English says by the same
    stem: "accumulated points (in sports)" where it says "points". Weaker evidence than
    :func:`used_senses`, ranked after it; a lone shared word of a long sense ("to make"
    of five) is chance."""
    from flashgen.lexicon.cedict import lookup

    said = {
        s for tokens in english_of(term, pairs) for t in tokens if not t.function for s in t.stems
    }

    def half(words: set[str]) -> bool:
        words -= _LIGHT
        return bool(words) and 2 * len(words & said) >= len(words)

    found = set()
    for entry in lookup(term):
        for sense in entry.senses:
            core = set(content_stems(_sense_text(sense)))
            full = set(content_stems(_NOTES_KEPT.sub(" ", REFERENCE.sub(" ", sense))))
            if half(core) or half(full):
                found.add(sense)
    return frozenset(found)
