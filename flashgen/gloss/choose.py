"""The English a card carries: dictionary senses cleaned for a card, a compositional gloss
for compounds no dictionary has, and the phrase the article's own translation uses.

Three sources, one :class:`~flashgen.records.Gloss`:

* **dictionary** -- the CC-CEDICT entries whose reading matches the term's reading in
  context, senses ordered by usefulness (surname, "variant of", archaic and literary
  senses last; a sense the aligned English uses first), classifiers ("CL:") moved to
  their own field, trimmed to what fits on a card;
* **compositional** -- a compound the dictionary lacks, split into dictionary words, each
  with its short gloss ("延伸 to extend + 威慑 deterrence");
* **parallel** -- the English phrase that translates the term in its aligned sentences,
  found by dictionary-guided word alignment inside each pair and checked for agreement
  across all of the term's occurrences; for a term whose parts link to nothing there, the
  English its sentence leaves unexplained at the term's place (:func:`aligned_gloss`).

The main gloss is the parallel phrase for terms the dictionary lacks (when confident) and
the dictionary gloss otherwise, unless the article words the meaning differently from
every dictionary sense; the other origins go to ``Gloss.alternatives``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from flashgen.lexicon.senses import (
    BRACKETED,
    FUNCTION_WORDS,
    MIN_PREFIX,
    RANK_MEANING,
    RANK_POINTER,
    REFERENCE,
    abbreviation_meaning,
    clean_sense,
    content_stems,
    gloss_stems,
    is_classifier,
    meaning_keys,
    same_word,
    says_a_meaning,
    sense_rank,
    sense_words,
    stem,
)
from flashgen.pinyin.reading import numbers_to_marks
from flashgen.records import DictEntry, Gloss, SentencePair

# --- cleaning senses -------------------------------------------------------------------


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


def trim(senses: Sequence[str]) -> str:
    """The first senses that fit on a card (always at least one), joined by "; ". A first
    sense too long for a card loses its parenthesised notes ("(law) judgement defaulter
    (person who has failed to ...)" -> "judgement defaulter"), then the alternatives
    after its first that do not fit; the full entry keeps everything."""
    shown = list(senses[:MAX_SENSES])
    if shown and len(shown[0]) > MAX_CHARS:
        plain = " ".join(BRACKETED.sub(" ", shown[0]).split()) or shown[0]
        shown[0] = "; ".join(_fitting([m.strip() for m in _meanings(plain)]))
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


# --- English words and stems -----------------------------------------------------------

# Between two words of one phrase: spaces, hyphens, apostrophes, slashes, "&"; anything
# else (comma, period, colon, parenthesis, quote) ends the phrase.
_JOINER = re.compile(r"^[\s\-'’/&]*$")
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z&.\-]*[A-Z])\)")


# --- splitting a compound into dictionary words -----------------------------------------

# Dictionary words inside a compound are at most this long (CC-CEDICT's multi-character
# entries of 8+ characters are set phrases that do not occur inside terms).
_MAX_PART = 8


@lru_cache(maxsize=20_000)
def split_compound(term: str) -> tuple[str, ...]:
    """``term`` as the fewest dictionary words other than itself (single characters when
    nothing else fits). Ties go to fewer single characters, then to the split that
    agrees most with jieba's: 延伸威慑 -> 延伸/威慑 ("to extend" + "deterrence")."""
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


_ABBR_LEAD = re.compile(r"^\(?abbr\. (?:for|of|to) [^\s,;()]+,?\s*")


# A part's gloss in a compositional gloss is at most this many words: "a couple of words
# each" keeps a glued gloss readable ("peak + valley", not whole dictionary senses).
_PART_WORDS = 2
# English noun endings: a verb part ("to be vaccinated") that the English renders with one
# of these ("vaccination") takes the English word, the form a compound's modifier needs.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "age", "ure")
# A glued gloss looks for a noun sense of a part among its first three senses only: later
# ones are rare or technical (进 "(math.) base of a number system" is its ninth).
_NOUN_SEARCH = 3


def _part_senses(word: str, reading: str = "", traditional: str = "") -> list[str]:
    """The raw senses of a compound's part, most plausible first.

    Entries whose traditional form is the part's traditional form in this compound come
    first (谷 "valley" in 峰谷, not 穀 "grain"), then those whose reading fits; entries of
    proper nouns (capitalised reading: 荷 "Holland") and surname, pointer and classifier
    senses come only when nothing else is left: a bound part of a compound is a common
    word far more often than a country's abbreviation.
    """
    from flashgen.lexicon.cedict import reading_rank

    def key(entry: DictEntry) -> tuple[int, int, int]:
        mismatch = bool(traditional) and entry.traditional != traditional
        proper = entry.pinyin[:1].isupper()
        fit = min(reading_rank(entry.pinyin, reading), 2) // 2 if reading else 0
        return mismatch, proper, fit

    ranked: list[tuple[tuple[int, int, int, int, int], str]] = []
    for n, entry in enumerate(sorted(ordered_entries(word), key=key)):
        for m, sense in enumerate(entry.senses):
            if is_classifier(sense) or sense.startswith("classifier"):
                continue
            rank = sense_rank(sense)
            ranked.append(((*key(entry), rank, n * 1000 + m), sense))
    ranked.sort(key=lambda item: item[0])
    useful = [s for k, s in ranked if k[3] < RANK_POINTER and not k[1]]
    return [meaning for s in useful or [s for _, s in ranked] for meaning in _meanings(s)]


_OUTSIDE_PARENS_SEMICOLON = re.compile(r";\s*(?![^()]*\))")


def _meanings(sense: str) -> list[str]:
    """A sense's alternatives, split at semicolons outside parentheses ("standard;
    criterion; benchmark"): a part's gloss in context is the alternative the English uses."""
    return [m for m in _OUTSIDE_PARENS_SEMICOLON.split(sense) if m.strip()]


def _shorten(sense: str, prefer_noun: bool) -> str:
    """A sense without parentheses or "abbr. for" lead (an abbreviation with no English
    of its own says what it abbreviates: "open source"), the first of "A or B"
    alternatives; for a glued gloss (``prefer_noun``) also without "to" (and "to be") and
    cut to its last couple of content words (the head: "high and tapered peak" -> "tapered
    peak", "group of people" kept)."""
    text = abbreviation_meaning(sense) or _ABBR_LEAD.sub("", clean_sense(sense))
    text = BRACKETED.sub("", text).split(";")[0].strip()
    text = re.split(r",| or ", text)[0].strip() or text
    if not prefer_noun:
        return text
    words = re.sub(r"^to (?:be )?", "", text).split()
    while words and (
        len(content_stems(" ".join(words))) > _PART_WORDS or words[0] in FUNCTION_WORDS
    ):
        words = words[1:]
    return " ".join(words) or text


def _nominal(sense: str) -> bool:
    """Whether a sense can name a thing: not a verb ("to serve", "(of a machine) to
    operate") nor a lone adverb ("carefully", "generally")."""
    plain = _shorten(sense, False)
    return not plain.startswith("to ") and not re.fullmatch(r"[a-z]+ly", plain)


def _english_word(sense: str, english: Sequence[Sequence[_Token]], prefer_noun: bool) -> str:
    """The English word of the context that renders a sense, as written there (singular):
    exact stems first, then loose ones; with ``prefer_noun`` a noun form first."""
    key = [k for k in content_stems(REFERENCE.sub(" ", sense)) if len(k) >= MIN_PREFIX]
    found: list[tuple[bool, bool, str]] = []
    for tokens in english:
        for t in tokens:
            if t.function or not t.text[0].isalpha() or t.text.isupper():
                continue
            pieces = t.text.split("-")  # a hyphenated word's pieces too ("water-fertilizer")
            words = [(t.text, t.stems[0])] + list(zip(pieces, t.stems[1:], strict=False))
            for text, word_stem in words:
                for k in key:
                    if same_word(word_stem, k):
                        noun = prefer_noun and text.lower().endswith(_NOUN_ENDINGS)
                        found.append((word_stem != k, not noun, text.lower()))
    return min(found)[2] if found else ""


def short_gloss(
    word: str,
    prefer_noun: bool = False,
    english: Sequence[Sequence[_Token]] = (),
    reading: str = "",
    traditional: str = "",
) -> str:
    """A couple of words glossing ``word`` as a part of a compound.

    A sense the ``english`` context uses wins (核 is "nuclear", not "pit", in an article
    about weapons), and then the context's own word for it is used ("peak" from "high and
    tapered peak or summit"); otherwise the part's first sense (see :func:`_part_senses`),
    shortened by :func:`_shorten`. ``prefer_noun`` drops "to" (the parts' glosses are glued
    into one phrase).
    """
    senses = _part_senses(word, reading, traditional)
    if not senses:
        return ""
    choice = senses[0]
    if prefer_noun:  # a noun sense among the first few ("service" of 服务 "to serve")
        choice = next((s for s in senses[:_NOUN_SEARCH] if _nominal(s)), choice)
    # senses the English says in full first, then those it shares a word with
    in_context = sorted(senses, key=lambda s: -_context_fit(s, english)) if english else []
    for sense in in_context:
        found = _english_word(sense, english, prefer_noun)
        if found:
            plain = _shorten(sense, False)
            verb = prefer_noun and plain.startswith("to ")
            if verb or len(content_stems(plain)) > _PART_WORDS:
                return _singular(found, sense_words(word))
            return _shorten(sense, prefer_noun)
    return _shorten(choice, prefer_noun)


def _context_fit(sense: str, english: Sequence[Sequence[_Token]]) -> int:
    """2 when a sense's words occur in the English exactly (same stems), 1 when only
    loosely (shared prefixes), 0 when not at all."""
    key = content_stems(sense)
    if not key:
        return 0
    stems = [[t.stems[0] for t in tokens if not t.function] for tokens in english]
    if any(" ".join(key) in " ".join(s) for s in stems):
        return 2
    return 1 if any(_contains(t, key) for t in english) else 0


def _part_forms(term: str, parts: Sequence[str], reading: str) -> list[tuple[str, str]]:
    """Each part's (reading, traditional form) in this compound, "" where unknown."""
    from flashgen.lexicon.traditional import to_traditional

    syllables = reading.split()
    traditional = to_traditional(term)
    forms, at = [], 0
    for part in parts:
        sub = " ".join(syllables[at : at + len(part)]) if len(syllables) == len(term) else ""
        trad = traditional[at : at + len(part)] if len(traditional) == len(term) else ""
        forms.append((sub, trad))
        at += len(part)
    return forms


def compositional(
    term: str, english: Sequence[Sequence[_Token]] = (), reading: str = ""
) -> tuple[str, str]:
    """(gloss, breakdown) from the dictionary parts of ``term``, e.g. ("defense
    capability", "防卫 to defend + 能力 capability"); the gloss is empty when a part has
    no gloss. ``english`` (tokenised sentences the term occurs in) picks senses in context,
    ``reading`` (numbered, one syllable per character) the parts' readings.

    Parts that are all single characters are mostly coordinated (峰谷 "peak + valley")
    or a bound modifier and head whose order English cannot be trusted to keep: their
    glosses are joined with "+"; longer parts read as an English noun phrase.
    """
    parts = split_compound(term)
    if len(parts) < 2:
        return "", ""
    forms = _part_forms(term, parts, reading)
    shown = [
        (p, short_gloss(p, english=english, reading=r, traditional=t))
        for p, (r, t) in zip(parts, forms, strict=True)
    ]
    breakdown = " + ".join(f"{p} {g}".strip() for p, g in shown)
    if not all(g for _, g in shown):
        return "", breakdown
    glued = [short_gloss(p, True, english, r, t) for p, (r, t) in zip(parts, forms, strict=True)]
    if all(len(p) == 1 for p in parts):
        return " + ".join(glued), breakdown
    return _noun_phrase(glued), breakdown


def _noun_phrase(glosses: Sequence[str]) -> str:
    """Parts' glosses read as one English phrase: a prefix gloss joins the next word
    ("micro-" + "gravity" -> "micro-gravity"), and a word the previous gloss ends with is
    not said twice ("overall plan" + "plan" -> "overall plan")."""
    words: list[str] = []
    for gloss in glosses:
        new = gloss.split()
        if words and new and stem(words[-1]) == stem(new[0]):
            new = new[1:]
        if words and words[-1].endswith("-") and new:
            words[-1] += new.pop(0)
        words += new
    return " ".join(words)


# --- the phrase in the parallel text ----------------------------------------------------


# English text is tokenised with hyphenated words kept whole ("post-war", "US-Japan"): a
# whole word or any of its pieces may link to a part of the term.
_PHRASE_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class _Token:
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
def _tokens(english: str) -> tuple[_Token, ...]:
    tokens = []
    for m in _PHRASE_TOKEN.finditer(english):
        word = m.group()
        pieces = word.split("-")
        stems = (stem(word), *(stem(p) for p in pieces)) if len(pieces) > 1 else (stem(word),)
        tokens.append(_Token(word, m.start(), m.end(), stems, word.lower() in FUNCTION_WORDS))
    return tuple(tokens)


@dataclass(frozen=True)
class _Units:
    """What the units of a term may be in English: its dictionary parts in Chinese order
    (``ordered``), or the content words of one of its own senses."""

    units: tuple[str, ...]
    stems: tuple[frozenset[str], ...]
    weights: tuple[float, ...]
    ordered: bool


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


@lru_cache(maxsize=4096)
def _by_prefix(stems: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``stems`` by their first letters: only stems that start alike can be one word."""
    found: dict[str, list[str]] = {}
    for s in stems:
        found.setdefault(s[:MIN_PREFIX], []).append(s)
    return {start: tuple(group) for start, group in found.items()}


def _slots(token: _Token, units: _Units) -> tuple[frozenset[int], ...]:
    """The units a token may stand for, one set per unit it can stand for at once: a
    plain word stands for one unit, a hyphenated one for one per linked piece
    ("source-grid-load-storage" for 源, 网, 荷 and 储)."""
    if token.function or token.text[0].isdigit():
        return ()

    def linked(stems: Sequence[str]) -> frozenset[int]:
        return frozenset(
            k
            for k, glosses in enumerate(units.stems)
            if any(
                same_word(t, g) for t in stems for g in _by_prefix(glosses).get(t[:MIN_PREFIX], ())
            )
        )

    whole = linked(token.stems[:1])
    pieces = [found for piece in token.stems[1:] if (found := linked((piece,)))]
    if whole and pieces:  # the whole word links too ("post-war" for 战后)
        pieces[0] = pieces[0] | whole
    return tuple(pieces) or ((whole,) if whole else ())


def _matches(slots: Sequence[tuple[frozenset[int], ...]]) -> list[frozenset[int]]:
    """For each token, every unit it links to."""
    return [frozenset().union(*token) for token in slots]


def _joined(english: str, tokens: Sequence[_Token], i: int) -> bool:
    """Whether tokens i and i+1 can be in one phrase (nothing but spaces/hyphens between)."""
    return bool(_JOINER.match(english[tokens[i].end : tokens[i + 1].start]))


def _spans(
    english: str,
    tokens: Sequence[_Token],
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
            if j > i and not _joined(english, tokens, j - 1):
                break
            if not matched[j]:
                if not units.ordered and not tokens[j].function:
                    break
                continue
            start, end = i, j
            while start > 0 and matched[start - 1] and _joined(english, tokens, start - 1):
                start -= 1
            while end + 1 < len(tokens) and matched[end + 1] and _joined(english, tokens, end):
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
    tokens: Sequence[_Token],
    start: int,
    end: int,
    units: _Units,
    covered: frozenset[int],
    blocked: frozenset[int] = frozenset(),
) -> tuple[int, int, float]:
    """Take in words the dictionary could not link but that stand where the term's
    unlinked parts should be: Chinese and English noun phrases both put modifiers first
    and the head last, so an unlinked leading part is the word before the phrase
    (阵营对抗 -> "bloc confrontation") and an unlinked trailing part the word after
    (核依赖 -> "nuclear reliance"). Returns the new span and the weight guessed.

    In a name (capitalised words) every unlinked leading part may take one capitalised
    word ("Joint Operations Command"); names are head-final, so nothing is added after
    them. In a lower-case phrase only parts of two or more characters take a word: single
    characters at the edge of a term are mostly affixes (化 -ize, 核 nuclear) that English
    does not render as a separate word, but two of them together are a word (三边
    "trilateral", 箭体 "stage"), before the phrase or after it.

    No word is guessed for a part in ``blocked`` (one whose gloss is linked elsewhere in
    the sentence: its translation is there, and the word beside the phrase belongs to
    something else, as "ancillary" beside "services" for 调频服务).
    """
    if not units.ordered:
        return start, end, 0.0
    first, last = min(covered), max(covered)
    leading = [k for k in range(first - 1, -1, -1)]  # nearest first
    trailing = [k for k in range(last + 1, len(units.units))]
    guessed = 0.0
    name = tokens[start].title

    def free(i: int) -> bool:
        return 0 <= i < len(tokens)

    chars, pending = 0, 0.0  # unlinked leading single characters waiting to make a word
    for k in leading:
        chars, pending = chars + len(units.units[k]), pending + units.weights[k]
        if k in blocked:
            break
        if not name and chars < 2:
            continue
        before = start - 1
        if not free(before) or not _joined(english, tokens, before):
            break
        if not (tokens[before].title if name else tokens[before].lower):
            break
        start, guessed = before, guessed + _GUESS_CREDIT * pending
        chars, pending = 0, 0.0
    if name:
        # a name the text defines with an acronym is taken whole ("Grid Energy Storage
        # Centre (GESC)"), the words after the linked ones standing for unlinked parts
        run = end
        while run + 1 < len(tokens) and _joined(english, tokens, run) and tokens[run + 1].title:
            run += 1
        if run > end and _ACRONYM_AFTER.match(english[tokens[run].end :]) and trailing:
            share = sum(units.weights[k] for k in trailing) / (run - end)
            return start, run, guessed + _GUESS_CREDIT * share * min(run - end, len(trailing))
        # a phrase that stops inside a longer name ("Defense" of "Defense Secretary
        # Austin") is a fragment: no guessed words for it
        if run > end:
            return start, end, 0.0
        return start, end, guessed
    singles, pending = 0, 0.0  # as before the phrase: two single characters make a word
    for k in trailing:
        if k in blocked or (singles and len(units.units[k]) > 1):
            break  # a lone single character ahead of a word takes no word of its own
        singles, pending = singles + (len(units.units[k]) == 1), pending + units.weights[k]
        if singles == 1:
            continue
        after = end + 1
        if not free(after) or not _joined(english, tokens, end) or not tokens[after].lower:
            break
        end, guessed = after, guessed + _GUESS_CREDIT * pending
        singles, pending = 0, 0.0
    return start, end, guessed


def _uncapitalised(text: str, english: str, words: Sequence[_Token]) -> str:
    """A phrase opening its sentence without its sentence capital ("Export control" ->
    "export control"); a name keeps it (its next word is capitalised too: "Dongwan
    Customs"), and so does a lone word, which may be a name."""
    opens = not english[: words[0].start].strip(" \"'“‘([")
    if opens and len(words) > 1 and words[0].title and words[1].text[0].islower():
        return text[0].lower() + text[1:]
    return text


def _singular(word: str, known: frozenset[str]) -> str:
    """A plural in the text made singular when the dictionary knows the singular
    ("ministers" -> "minister"): a card names the concept, not this sentence's number."""
    lower = word.lower()
    for cut in ("es", "s"):
        if lower.endswith(cut) and lower[: -len(cut)] in known:
            return word[: -len(cut)]
    return word


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
            )
        )
    return tuple(ways)


def _fully_linked(tokens: Sequence[_Token], start: int, end: int, units: _Units, k: int) -> bool:
    """Whether some word of the span translates unit ``k`` in full (see :func:`_full`);
    a sense unit (one word of the term's own meaning) always does."""
    if not units.ordered:
        return True
    word = units.units[k]
    return any(
        _covers(stem, key)
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
    tokens: Sequence[_Token],
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


def _full(token: _Token, word: str, multi: bool = False) -> bool:
    """Whether ``token`` translates ``word`` in full: it is one of its meanings, or a
    multi-word meaning run together ("new-type" for 新型 "new type"); with ``multi``
    only the latter, the specific kind of evidence."""
    return any(
        _covers(token.stems[0], key) for key in meaning_keys(word) if len(key) > 1 or not multi
    )


def _translates_there(
    tokens: Sequence[_Token], i: int, units: _Units, k: int, claimers: Sequence[str]
) -> bool:
    """Whether word ``i`` is good evidence that part ``k`` is translated there (see
    :func:`phrase_in`)."""
    token = tokens[i]
    said = any(_says(token, w) for w in claimers if w not in units.units)
    if _fully_linked(tokens, i, i, units, k):
        return not (said and len(units.units[k]) == 1)
    return not said and any(s in units.stems[k] for s in token.stems)


def _says(token: _Token, word: str) -> bool:
    """Whether ``token`` is exactly one of ``word``'s meanings (same stem), or a multi-word
    meaning run together; stricter than :func:`_full`, whose shared prefixes would take
    "Japan-ROK" for 日本 "Japan"."""
    return any(
        token.stems[0] == key[0] if len(key) == 1 else _covers(token.stems[0], key)
        for key in meaning_keys(word)
    )


def _covers(stem: str, key: tuple[str, ...]) -> bool:
    """Whether an English stem says all of a meaning's stems: the same word, or for a
    multi-word meaning the words run together in full ("powersourc", not "power")."""
    joined = "".join(key)
    return same_word(stem, joined) and (len(key) == 1 or len(stem) >= len(joined) - len(key))


# Neighbouring words of at least this many characters can claim an English word: single
# characters are mostly function words or bound forms with many loose senses.
_MIN_CLAIMER = 2


def _neighbours(term: str, chinese: str) -> tuple[str, ...]:
    """The dictionary words of the Chinese sentence outside the term's occurrences."""
    if not chinese:
        return ()
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.segment import words

    dictionary = cedict()
    found = []
    for word in words(chinese.replace(term, "\n")):  # jieba's new words by their parts
        found += [word] if word in dictionary else split_compound(word)
    return tuple(
        dict.fromkeys(w for w in found if len(w) >= _MIN_CLAIMER and w in dictionary and w != term)
    )


def _claimed(
    token: _Token, slots: tuple[frozenset[int], ...], units: _Units, claimers: Sequence[str]
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
    tokens = _tokens(english)
    found: Phrase | None = None
    best: tuple[float, float, float, bool, int] | None = None
    where = chinese.find(term)
    zh_place = (where + len(term) / 2) / len(chinese) if chinese and where >= 0 else 0.5
    claimers = _neighbours(term, chinese)
    for units in units_of(term):
        total = sum(units.weights)
        slots = [_slots(t, units) for t in tokens]
        if units.ordered:
            slots = [
                () if _claimed(t, sl, units, claimers) else sl
                for t, sl in zip(tokens, slots, strict=True)
            ]
        matched = _matches(slots)
        # a part linked to a word outside the phrase is translated there (no word is
        # guessed for it, see _grow), unless the link is weak: the word is another word
        # of the sentence's and the part only loosely or a bound character ("bank" is
        # 银行's, not 行长's "bank president"; "drugs" 药物's, not 药's), or the link is
        # one of shared prefixes only ("press" for "president")
        elsewhere = [
            frozenset(k for k in found if _translates_there(tokens, i, units, k, claimers))
            for i, found in enumerate(matched)
        ]
        for start, end, covered, quoted in _candidates(
            english, chinese, term, tokens, units, slots
        ):
            first, last = start, end
            outside = [elsewhere[i] for i in range(len(tokens)) if not start <= i <= end]
            blocked = frozenset().union(*outside) - covered
            start, end, guessed = (
                (start, end, _GUESS_CREDIT * (total - sum(units.weights[k] for k in covered)))
                if quoted
                else _grow(english, tokens, start, end, units, covered, blocked)
            )
            content = [k for k in range(start, end + 1) if not tokens[k].function]
            # an unlinked word inside the phrase right after a content word is half
            # accounted for: it is most often the rest of a part's translation
            # ("frequency regulation" for 调频); after a function word it starts another
            # phrase ("the way the country supplies")
            accounted = sum(
                1.0
                if matched[k] or quoted or not first <= k <= last
                else _GUESS_CREDIT * (not tokens[k - 1].function)
                for k in content
            )
            linked = sum(units.weights[k] for k in covered)
            coverage = min(1.0, (linked + guessed) / total)
            coverage *= accounted / len(content)
            full = sum(
                units.weights[k] for k in covered if _fully_linked(tokens, start, end, units, k)
            )
            acronym = _ACRONYM_AFTER.match(english[tokens[end].end :])
            en_place = (tokens[start].start + tokens[end].end) / 2 / len(english)
            # more of the term first; then the place in the sentence; then more of the
            # term by words that say a whole meaning of a part ("energy" for 能源 over
            # "power", one word of its "power source"); then a phrase defined by an
            # acronym ("Joint Operations Command (JJOC)"), which is how a text introduces
            # a named term; then more of the term linked by the dictionary rather than
            # guessed from word order ("personal medical insurance accounts" over
            # "personal medical"); then the shorter
            score = (
                round(coverage, 3),
                -round(abs(en_place - zh_place), 1),
                round(full / total, 3),
                acronym is not None,
                round(linked / total, 3),
                start - end,
            )
            if best is not None and score <= best:
                continue
            best = score
            words = tokens[start : end + 1]
            known = (
                frozenset().union(*(sense_words(u) for u in units.units))
                if units.ordered
                else sense_words(term)
            )
            # the head noun made singular: the last word, or the one before "of"
            # ("certificates of origin" -> "certificate of origin")
            of = next((n for n, w in enumerate(words[1:-1], 1) if w.text == "of"), 0)
            head = words[of - 1] if of else words[-1]
            text = (
                english[words[0].start : head.start]
                + _singular(head.text, known)
                + english[head.end : words[-1].end]
            )
            found = Phrase(
                text=_uncapitalised(text, english, words),
                key=tuple(w.stems[0] for w in words if not w.function),
                coverage=coverage,
                acronym=acronym.group(1) if acronym else "",
                whole=full / total,
                linked=linked / total,
                head=units.ordered and len(units.units) - 1 in covered,
            )
    return found


# See parallel_gloss: a third of the term rendered is the least that counts as a
# translation of it (one part of three); chosen from that principle.
_RENDERED = 1 / 3
# A fragment supports a fuller candidate only when it renders at least half the term
# itself, or its head (its last part: English refers back to a named thing by its head
# noun, "the certificates"): a lone "Japan" in one sentence says nothing about "Forces
# Japan" (驻日美军, whose head is 美军) in another.
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


def _contains(tokens: Sequence[_Token], key: Sequence[str], any_order: bool = False) -> bool:
    """Whether the content words of ``tokens`` contain ``key`` (stems) contiguously; with
    ``any_order`` also reordered, as headlines do ("integrated source-grid model" for
    "source-grid integration")."""
    stems = [t.stems[0] for t in tokens if not t.function]
    starts = {s[:MIN_PREFIX] for s in stems}
    if any(k[:MIN_PREFIX] not in starts for k in key):
        return False  # a word of the key matches no stem (same_word needs a shared start)
    for i in range(len(stems) - len(key) + 1):
        window = stems[i : i + len(key)]
        if all(same_word(window[k], key[k]) for k in range(len(key))):
            return True
        if any_order and all(any(same_word(w, k) for w in window) for k in key):
            return True
    return False


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
    # an occurrence whose English renders less than this share of the term was
    # paraphrased ("both meetings" for a named meeting): it neither agrees nor disagrees
    kept = [
        (p, ph) for p, ph in zip(translated, found, strict=True) if ph and ph.coverage >= _RENDERED
    ] or list(zip(translated, found, strict=True))
    tokenised = [(p.en, _tokens(p.en), ph) for p, ph in kept]
    candidates: dict[tuple[str, ...], Phrase] = {}
    for ph in sorted(phrases, key=lambda ph: (-ph.coverage, not ph.acronym)):
        candidates.setdefault(ph.key, ph)
    acronyms = {
        key: next((p.acronym for p in phrases if p.key == key and p.acronym), "")
        for key in candidates
    }

    def support(key: tuple[str, ...]) -> list[float]:
        """Per occurrence: the candidate's coverage where the English says it (or its
        acronym), the occurrence's own coverage where its phrase is a fragment of the
        candidate ("storage station" of "energy storage station"), else 0."""
        acronym, coverage = acronyms[key], candidates[key].coverage
        found = []
        for en, tokens, own in tokenised:
            if _contains(tokens, key, any_order=True) or (
                acronym and re.search(rf"\b{re.escape(acronym)}\b", en)
            ):
                found.append(coverage)
            elif own and (own.coverage >= _FRAGMENT or own.head) and set(own.key) < set(key):
                found.append(min(own.coverage, coverage))
            else:
                found.append(0.0)
        return found

    best = max(candidates, key=lambda k: (sum(support(k)), len(k)))
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
    )


# --- the words no other word of the sentence accounts for ---------------------------------

# A term needs at least this many translated sentences before the words its sentences leave
# unexplained are taken for its translation: in one sentence several words are left over
# (names, paraphrase), and a headline and the lead that repeats it leave the same ones
# over (the story's verb and names); a third sentence is the first independent evidence.
# Set from that principle; on the samples and devset, 2 gave as many wrong glosses
# (a court's verb, "dismisses", for the court term beside it) as right ones.
_RESIDUE_OCCURRENCES = 3
# Up to this share of a term's sentences may render it otherwise ("the grass", "it")
# and still leave its word common to the rest: a minority, from the same principle.
_PARAPHRASED = 0.25


def _explained_stems(term: str, chinese: str) -> frozenset[str]:
    """The English stems the dictionary gives the Chinese sentence's words outside ``term``
    (words jieba finds that the dictionary lacks, by their parts)."""
    placed, _ = _placed_words(chinese.replace(term, "\n" * len(term)))
    return frozenset().union(*(gloss_stems(word) for _, _, word in placed))


def _unexplained(term: str, pair: SentencePair) -> list[_Token]:
    """The content words of ``pair``'s English that no word of its Chinese outside ``term``
    translates (by :func:`gloss_stems`)."""
    stems = _by_prefix(_explained_stems(term, pair.zh))
    return [
        t
        for t in _tokens(pair.en)
        if not t.function
        and t.text[0].isalpha()
        and not any(same_word(s, g) for s in t.stems for g in stems.get(s[:MIN_PREFIX], ()))
    ]


def residue_gloss(term: str, pairs: Sequence[SentencePair]) -> str:
    """The English every translated sentence of ``term`` leaves unexplained: the words
    (by stem) that no other word of each Chinese sentence accounts for, common to all of
    of them but a paraphrasing few, as the first sentence writes them (a run of adjacent
    words kept together).

    For a term with no dictionary link at all (a new coinage: 算力券 "voucher", read from
    "each voucher", "the vouchers" and "5,000 vouchers"). "" with fewer than
    ``_RESIDUE_OCCURRENCES`` translated sentences or no common word.
    """
    translated = [p for p in pairs if term in p.zh and p.en]
    if len(translated) < _RESIDUE_OCCURRENCES:
        return ""
    left = [_unexplained(term, p) for p in translated]
    first, others = left[0], left[1:]
    needed = len(left) - int(len(left) * _PARAPHRASED)
    common = [
        t
        for t in first
        if 1 + sum(any(same_word(t.stems[0], o.stems[0]) for o in other) for other in others)
        >= max(needed, _RESIDUE_OCCURRENCES)
    ]
    if not common:
        return ""
    english = translated[0].en
    tokens = _tokens(english)
    index = {t.start: i for i, t in enumerate(tokens)}
    run = [common[0]]
    for t in common[1:]:  # the first run of adjacent common words
        i = index[t.start]
        if index[run[-1].start] != i - 1 or not _joined(english, tokens, i - 1):
            break
        run.append(t)
    forms = frozenset(o.text.lower() for other in others for o in other)
    text = english[run[0].start : run[-1].end - len(run[-1].text)]
    return text + _singular(run[-1].text, forms)  # "tokens" -> "token" if written so too


# --- the term's place in one sentence pair ------------------------------------------------

# A punctuation mark between the term and the Chinese word of an anchor puts them in two
# clauses: it counts as this many characters, more than a modifier or short phrase in
# between (``的`` plus a two-character word), from that principle.
_CLAUSE = 10
_CLAUSE_MARK = re.compile(r"[，。；：！？、,;:!?]")


@lru_cache(maxsize=1024)  # every term of a sentence reads the same Chinese again
def _placed_words(text: str) -> tuple[tuple[tuple[int, int, str], ...], frozenset[int]]:
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


def _explainers(
    term: str, chinese: str, starts: frozenset[str]
) -> dict[str, list[tuple[str, int, int]]]:
    """The English stems of the dictionary words of ``chinese`` outside ``term`` (the
    term's own parts said again elsewhere left out, as they still say the term's), by
    their first letters (see :func:`_by_prefix`), each with the place (start, end) of its
    word: only those starting as in ``starts`` (the English words' stems), the only ones
    that can match.

    The sentence is segmented once for all its terms; only a term that jieba's words of
    the whole sentence cut across has the rest segmented without it."""
    spans = [(spot, spot + len(term)) for spot in _spots(term, chinese)]
    placed, cuts = _placed_words(chinese)
    if not all(a in cuts and b in cuts for a, b in spans):
        placed = _placed_words(chinese.replace(term, "\n" * len(term)))[0]
    own = set(split_compound(term))
    index: dict[str, list[tuple[str, int, int]]] = {}
    for at, end, part in placed:
        if part in own or any(a < end and at < b for a, b in spans):
            continue
        by_start = _by_prefix(gloss_stems(part))
        for start in starts.intersection(by_start):
            index.setdefault(start, []).extend((g, at, end) for g in by_start[start])
    return index


def _spots(term: str, chinese: str) -> list[int]:
    """Where ``term`` occurs in ``chinese`` (not overlapping)."""
    found, at = [], chinese.find(term)
    while at >= 0:
        found.append(at)
        at = chinese.find(term, at + len(term))
    return found


def _expected_words(term: str) -> int:
    """How many English content words ``term`` likely takes: one per dictionary word of
    two or more characters, one per two single characters (化 or 核 alone is an affix)."""
    parts = split_compound(term)
    singles = sum(len(p) == 1 for p in parts)
    return len(parts) - singles + (singles + 1) // 2


# English closed-class words beyond ``FUNCTION_WORDS`` (prepositions, conjunctions,
# quantifiers, sentence adverbs): never a term's translation by position, though the
# dictionary links them to nothing.
_CLOSED = frozenset(
    """under after before during since until when while where because although though if
    also too only just even still already instead each every some any many much more most
    less least few fewer other another all both either neither such there here how why
    within without through across among between against toward towards per via upon around
    behind beyond along""".split()
)
# An English word ending so is taken for a verb or an adverb, which ends no noun phrase
# ("repainted", "slowly"); "-eed" is no past tense ("weed", "speed").
_NOT_NOUN = re.compile(r"(?:[^e]ed|ly)$")
# A run longer than the term's words that opens with a participle opens with a verb
# taking the term as its object.
_VERB_FIRST = re.compile(r"(?:ing|[^e]ed)$")


def _links_part(token: _Token, part: str) -> bool:
    """Whether a dictionary word's glosses link to ``token`` (by stems)."""
    return any(
        same_word(s, g)
        for s in token.stems
        for g in _by_prefix(gloss_stems(part)).get(s[:MIN_PREFIX], ())
    )


def _links(token: _Token, term: str) -> bool:
    """Whether a dictionary part of ``term`` links to ``token``."""
    return any(_links_part(token, part) for part in split_compound(term))


def _aligned_runs(term: str, pair: SentencePair) -> list[tuple[bool, int, int, str]]:
    """The phrases of ``pair``'s English that may translate ``term`` by position, best
    first: runs of content words (joined, "of" allowed inside) that no other word of the
    Chinese sentence translates, cut to the words the term likely takes
    (:func:`_expected_words`) and to their last noun.

    A run is anchored by the nearest translated English word on each side (or the
    sentence's edge): how far from the term the Chinese word it translates stands (see
    :func:`_gap`). Runs with a word the term's own parts link to come first, then the
    nearer anchor, then both anchors' sum: "the municipal X opened on Friday" for
    市X周五开放 puts X between two words whose Chinese stand right beside the term."""
    chinese, english = pair.zh, pair.en
    tokens = _tokens(english)
    spots = _spots(term, chinese)
    if not tokens or not spots:
        return []
    starts = frozenset(s[:MIN_PREFIX] for t in tokens for s in t.stems)
    explainers = _explainers(term, chinese, starts)

    def distance(token: _Token) -> int:
        """How far the nearest Chinese word translating ``token`` is from the term; a
        word of two or more characters translating it is taken over single characters,
        whose many loose senses link to much."""
        words = {
            (start, end)
            for s in token.stems
            for g, start, end in explainers.get(s[:MIN_PREFIX], ())
            if same_word(s, g)
        }
        longer = [(start, end) for start, end in words if end - start >= _MIN_CLAIMER]
        gaps = [_gap(chinese, spot, len(term), *w) for w in longer or words for spot in spots]
        return min(gaps, default=-1)

    # per token: -2 a function word or number, -1 a content word nothing else translates,
    # else the distance of its translation from the term
    gap = [
        -2 if t.function or t.text.lower() in _CLOSED or not t.text[0].isalpha() else distance(t)
        for t in tokens
    ]
    if max(gap) < 0:
        return []  # the rest of the sentence is not translated there: no parallel text
    edges = (
        _gap(chinese, spots[0], len(term), 0, 0),
        _gap(chinese, spots[-1], len(term), len(chinese), len(chinese)),
    )

    def anchor(k: int, step: int) -> int:
        while 0 <= k < len(tokens) and gap[k] < 0:
            k += step
        return gap[k] if 0 <= k < len(tokens) else edges[step > 0]

    wanted = _expected_words(term)
    runs: list[tuple[bool, int, int, str]] = []
    i = 0
    while i < len(tokens):
        if gap[i] != -1:
            i += 1
            continue
        words = [i]  # the run's content words
        j = i
        while j + 1 < len(tokens) and _joined(english, tokens, j):
            if gap[j + 1] == -1:
                j += 1
            elif tokens[j + 1].text == "of" and j + 2 < len(tokens) and gap[j + 2] == -1:
                j += 2
            else:
                break
            words.append(j)
        while len(words) > wanted and _VERB_FIRST.search(tokens[words[0]].text):
            words.pop(0)  # a verb before its object ("stirring up X")
        # the term's words: the first that take in most words its parts link to
        windows = [words[n : n + wanted] for n in range(max(1, len(words) - wanted + 1))]
        kept = max(windows, key=lambda w: sum(_links(tokens[k], term) for k in w))
        while kept and _NOT_NOUN.search(tokens[kept[-1]].text):
            if _links(tokens[kept[-1]], term):
                break
            kept.pop()
        sides = (anchor(i - 1, -1), anchor(j + 1, 1))
        linked = any(_links(tokens[k], term) for k in kept)
        # linked, or anchored in the term's clause and saying at least half its words
        anchored = min(sides) < _CLAUSE and 2 * len(kept) >= wanted
        if kept and (linked or anchored):
            first, last = tokens[kept[0]], tokens[kept[-1]]
            span = tokens[kept[0] : kept[-1] + 1]
            text = _uncapitalised(english[first.start : last.end], english, span)
            runs.append((not linked, min(sides), sum(sides), text))
        i = j + 1
    return sorted(runs)


def _gap(chinese: str, spot: int, length: int, start: int, end: int) -> int:
    """Characters between the term (at ``spot``) and the Chinese word ``start:end``, a
    punctuation mark between them counting ``_CLAUSE``."""
    between = chinese[end:spot] if end <= spot else chinese[spot + length : start]
    return len(between) + (_CLAUSE if _CLAUSE_MARK.search(between) else 0)


def _part_links(term: str, english: Sequence[Sequence[_Token]]) -> list[bool]:
    """For each dictionary part of ``term``, whether it links to a word of its English."""
    parts = split_compound(term)
    return [any(_links_part(t, p) for tokens in english for t in tokens) for p in parts]


def _weak(term: str, linked: Sequence[bool]) -> bool:
    """Whether a compositional gloss of ``term`` says too little to show: no part links to
    a word of its English, or a single-character part does not (a bound character's first
    sense is a guess); ``linked`` as :func:`_part_links` gives it."""
    parts = split_compound(term)
    bound = [len(p) == 1 and not ok for p, ok in zip(parts, linked, strict=True)]
    return not any(linked) or any(bound)


def aligned_gloss(term: str, pairs: Sequence[SentencePair]) -> str:
    """The phrase the term's place gives in its translated sentences: a sentence's best
    run of :func:`_aligned_runs` (when strictly better than the next) that all but a
    paraphrasing few of them say, in full or in part, among their best runs ("express"
    says part of "Suiling Express"); a sentence leaving no word unexplained has no say.
    "" when there is none.

    For a term whose parts' senses link to nothing in its English: the English words its
    sentence leaves unexplained at the term's place ("tide gauge" where 验潮仪 stands)."""
    tops: list[list[str]] = []  # per sentence with a say, its best runs (tied)
    for pair in pairs:
        if term in pair.zh and pair.en and (runs := _aligned_runs(term, pair)):
            tops.append([run[3] for run in runs if run[:3] == runs[0][:3]])
    choices = [top[0] for top in tops if len(top) == 1]
    if not choices:
        return ""

    def support(choice: str) -> int:
        return sum(any(_said_by(run, choice) for run in top) for top in tops)

    choice = max(choices, key=lambda c: (support(c), len(c)))
    if support(choice) < len(tops) - int(len(tops) * _PARAPHRASED):
        return ""
    forms = frozenset(c.split()[-1].lower() for c in choices)
    words = choice.split()
    words[-1] = _singular(re.sub(r"['’]s?$", "", words[-1]), forms)  # "port's" -> "port"
    name = words[0][:1].upper() + words[0][1:]
    if any(re.search(rf"[\w,;:]\s+{re.escape(name)}\b", p.en) for p in pairs if term in p.zh):
        words[0] = name  # written capitalised inside a sentence too: a name
    return " ".join(words)


# --- the gloss of a term ------------------------------------------------------------------

# The parallel phrase is trusted (main gloss of a term the dictionary lacks) from this
# confidence on: more than half of the term linked, in agreement across occurrences. A
# phrase linking only half a term is a fragment ("strategic" for 战略焦虑); set from
# that principle, not fitted to the seed.
PARALLEL_CONFIDENCE = 0.6


def _english_of(term: str, pairs: Sequence[SentencePair]) -> list[tuple[_Token, ...]]:
    return [_tokens(p.en) for p in pairs if term in p.zh and p.en]


def used_senses(term: str, pairs: Sequence[SentencePair], whole: bool = True) -> frozenset[str]:
    """The raw senses of ``term`` whose content words occur in order in the term's English,
    or run together in one hyphenated word ("open-source"); with ``whole`` false, those of
    which one meaning (an alternative split at ";" or ",": "speed; rate") does. An "abbr.
    for X" sense with no English of its own is judged by X's meaning."""
    from flashgen.lexicon.cedict import lookup

    english = _english_of(term, pairs)
    used = set()
    for entry in lookup(term):
        for sense in entry.senses:
            text = BRACKETED.sub(" ", REFERENCE.sub(" ", sense))
            if not content_stems(text):
                text = BRACKETED.sub(" ", abbreviation_meaning(sense))
            meanings = [text] if whole else re.split(r"[;,]", text)
            keys = [key for m in meanings if (key := content_stems(m))]
            if any(
                _contains(tokens, key) or any(_covers(t.stems[0], tuple(key)) for t in tokens)
                for key in keys
                for tokens in english
            ):
                used.add(sense)
    return frozenset(used)


def _fragment_of(phrase: str, senses: Sequence[str]) -> bool:
    """Whether the phrase says less than some sense (its words a strict subset of one)."""
    words = set(content_stems(phrase))
    return any(words < set(content_stems(s)) for s in senses)


def _corroborated(glued: str, english: Sequence[Sequence[_Token]]) -> bool:
    """Whether every content word of a compositional gloss occurs in the term's English:
    the article then uses the parts' own first meanings ("new" and "energy" for 新能源)."""
    words = content_stems(glued)
    stems = [s for tokens in english for t in tokens for s in t.stems]
    return bool(words) and all(any(same_word(w, s) for s in stems) for w in words)


def _said_by(phrase: str, within: str) -> bool:
    """Whether every content word of ``phrase`` is a word of ``within`` (a compositional
    gloss, another sentence's phrase)."""
    have = [s for t in _tokens(within) for s in t.stems]
    return all(any(same_word(w, s) for s in have) for w in content_stems(phrase))


def _shares(phrase: str, glued: str) -> bool:
    """Whether a phrase has a content word of a compositional gloss."""
    have = [s for t in _tokens(phrase) for s in t.stems]
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
    english = _english_of(term, pairs)
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
        head = bool(aligned) and _links_part(_tokens(aligned)[-1], split_compound(term)[-1])
        if glued and (_said_by(aligned, glued) or not (head or weak)):
            aligned = ""
        residue = aligned
    if residue:
        return Gloss(
            residue, "parallel", "", "", breakdown, (("compositional", glued),) if glued else ()
        )
    if glued:
        return Gloss(glued, "compositional", "", "", breakdown)
    return Gloss("", "none", "", "", breakdown)


# --- one word, everything known about it (``flashgen lookup WORD``) ------------------------


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
