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

The main gloss is the parallel phrase for terms the dictionary lacks (when confident, or
when it names the term in every sentence in words of its own) and the dictionary gloss
otherwise, unless the article words the meaning differently from
every dictionary sense; the other origins go to ``Gloss.alternatives``.
:func:`explain_gloss` says in a few lines which source won and why the others lost
(``flashgen terms SOURCE --explain TERM``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.gloss.breakdown import compositional
from flashgen.gloss.dictionary import (
    card_sense,
    classifiers,
    full_entry,
    ordered_entries,
    resolved,
    said_meaning_first,
    senses_for,
    shared_senses,
    trim,
    used_senses,
    without_short_note,
)
from flashgen.gloss.parallel import RENDERED, Parallel, parallel_gloss
from flashgen.gloss.place import aligned_gloss, residue_gloss
from flashgen.gloss.words import (
    Token,
    english_of,
    english_tokens,
    linked_to_part,
    placed_words,
    said_by,
    split_compound,
    stems_link,
)
from flashgen.lexicon.english import (
    closed_class_words,
    content_stems,
    function_words,
    same_word,
    without_plural,
    words,
)
from flashgen.lexicon.senses import BRACKETED, gloss_stems, is_classifier
from flashgen.pinyin.render import numbers_to_marks
from flashgen.records import Gloss, SentencePair

# The parallel phrase is trusted (main gloss of a term the dictionary lacks) from this
# confidence on: more than half of the term linked, in agreement across occurrences. A
# phrase linking only half a term is a fragment ("storage" for 储能电池); set from
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
    return any(words < set(content_stems(without_short_note(s))) for s in senses)


def _corroborated(glued: str, english: Sequence[Sequence[Token]]) -> bool:
    """Whether every content word of a compositional gloss occurs in the term's English:
    the article then uses the parts' own first meanings ("new" and "energy" for 新能源)."""
    words = content_stems(glued)
    stems = [s for tokens in english for t in tokens for s in t.stems]
    return bool(words) and all(any(same_word(w, s) for s in stems) for w in words)


def _in_every_sentence(parallel: Parallel) -> bool:
    """Whether the phrase is said in every sentence that renders the term, or in all but
    one of three or more (the odd one a paraphrase)."""
    said, of = round(parallel.agreement * parallel.occurrences), parallel.occurrences
    return said == of or of >= 3 and said >= of - 1


def _names_it(parallel: Parallel | None, term: str) -> bool:
    """Whether the English names the term in words of its own: a phrase said in every
    sentence (see :func:`_in_every_sentence`), that links the term's head, whose words say
    a third of the term in full (``RENDERED``), with a word no part links to
    ("cybergambling" in "cybergambling gang" for 网络赌博团伙). Its parts' glued senses
    would be a guess beside it; a phrase all of whose words some part links to may be a
    mere fragment ("gang" alone)."""
    if parallel is None or not parallel.head or parallel.whole < RENDERED:
        return False
    if not _in_every_sentence(parallel):
        return False
    parts = [gloss_stems(p) for p in split_compound(term)]
    words = [s for t in english_tokens(parallel.text) if not t.function
             for s in t.stems[1:] or t.stems]
    linked = [any(same_word(w, g) for stems in parts for g in stems) for w in words]
    return any(linked) and not all(linked)


def _head_names_it(parallel: Parallel) -> bool:
    """Whether two or more sentences, all of them, name the term in the same words of two
    or more, which link its head and say one of its meanings in full ("local tradition"
    for 山村习俗, whose head 习俗 is "custom; tradition; local tradition"): English names
    the whole thing by its head's words, and the parts glued ("mountain village
    tradition") are a guess beside it."""
    if parallel.occurrences < 2 or parallel.agreement < 1.0 or not parallel.head:
        return False
    content = [t for t in english_tokens(parallel.text) if not t.function]
    return len(content) >= 2 and parallel.whole >= RENDERED


def _plain_words(text: str) -> list[str]:
    """A phrase's or a sense's words as written, lower case, without notes in brackets,
    function words or plural endings: "the rooms (of a house)" is "room"."""
    function = function_words()
    text = BRACKETED.sub(" ", without_short_note(text))
    return [without_plural(w) for w in words(text) if w not in function]


# Endings of English nouns made from verbs (cleaning, payment, celebration); an "-ed" or
# "-s" form is the verb itself, no word of its own.
_VERBAL_NOUN = ("ing", "ation", "tion", "sion", "ment", "ance", "ence")


def _noun_of_verb(noun: str, verb: str) -> bool:
    """Whether ``noun`` is the noun English makes of ``verb`` ("cleaning" of "clean",
    "celebration" of "celebrate", "payment" of "pay"); "lander" is not "landing"'s."""
    for end in _VERBAL_NOUN:
        base = noun[: -len(end)]
        if noun.endswith(end) and len(base) >= 2:
            return verb in {base, base + "e", base + "ate", base[:-1]}
    return False


def _says_sense_word(word: str, sense_word: str) -> bool:
    """Whether a plain word of the article says a sense's word: the same, or its noun."""
    return word == sense_word or _noun_of_verb(word, sense_word)


def _contiguous(run: Sequence[str], words: Sequence[str]) -> bool:
    """Whether ``run`` stands in ``words`` as it is, in a row."""
    n = len(run)
    return any(list(words[i : i + n]) == list(run) for i in range(len(words) - n + 1))


def _worded_otherwise(phrase: str, senses: Sequence[str]) -> bool:
    """Whether the article words a dictionary word with a sense's own words in a form that
    sense does not show: its noun for a verb ("cleaning" for "to clean"), or its words in
    another order ("room cleaning" for "cleaning of a room"). A phrase that a sense says
    in a row is that sense or a fragment of it; an inflection ("cleaned") is the verb."""
    wording = _plain_words(phrase)
    plain = [_plain_words(s) for s in senses]
    if not wording or any(_contiguous(wording, p) for p in plain):
        return False
    return any(all(any(_says_sense_word(w, p) for p in sense) for w in wording) for sense in plain)


# The forms of "be" a passive participle follows ("was relegated", "have been cleaned").
_PASSIVE_AUXILIARIES = frozenset("be been being is are was were".split())
# Forms of "be" and the auxiliaries: before an "-ing" word they make it a verb ("are
# reaching"); after it they follow a noun ("landing is").
_AUXILIARIES = _PASSIVE_AUXILIARIES | frozenset(
    "am has have had will would shall should can could may might must do does did".split()
)
# Words that open an "-ing" verb's object ("reaching the port", "involving them"); a
# preposition may follow a noun as well ("testing on animals"), "of" always does.
_OBJECT_OPENERS = frozenset(
    "the a an this these those its their his her our your my it them him us me".split()
)
# Between a clause's opening "-ing" word and the word before: a comma, a colon, a dash
# (a closing quote may stand between).
_CLAUSE_MARK = re.compile(r"(?:[,;:(\u2014\u2013]|\s-)[\"'\u201d\u2019]?\s*$")


def _ly_adverb(word: str) -> bool:
    """Whether a lower-case word is an "-ly" adverb ("mainly"; "fly" and "only" are too
    short to count)."""
    return len(word) > 4 and word.endswith("ly")


def _adverb(word: str) -> bool:
    """Whether a lower-case word is an adverb that may stand between an auxiliary and its
    verb ("are now looking", "is mainly carrying"): "-ly", "not", "now" or a sentence
    adverb of :func:`closed_class_words` ("still", "already")."""
    return _ly_adverb(word) or word in {"not", "now"} or word in closed_class_words()


def _verb_use(wording: str, pairs: Sequence[SentencePair]) -> bool:
    """Whether an "-ing" wording is the verb's own form in some sentence of the term, no
    noun: after a form of "be" (an adverb may stand between: "are now looking") or an
    "-ly" adverb ("mainly carrying"), opening a clause after a comma ("..., covering the
    peak"), or, inside its sentence, before its object (a determiner or pronoun, a number
    or a name: "before reaching the port", "involving Lin"). Such a lead only repeats the
    sense "to reach"; a noun ("the breeding team", "cleaning the rooms takes an hour",
    a gerund opening its sentence) is a form the learner meets as a word of its own."""
    if not wording.endswith("ing"):
        return False
    key = wording.lower().split()
    for pair in pairs:
        tokens = english_tokens(pair.en)
        for i in range(len(tokens) - len(key) + 1):
            if [t.text.lower() for t in tokens[i : i + len(key)]] != key:
                continue
            if i and _verb_position(pair.en, tokens, i, i + len(key) - 1):
                return True
    return False


def _verb_position(english: str, tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the words ``first`` to ``last`` (an "-ing" wording, not opening its
    sentence) stand where a verb does (see :func:`_verb_use`)."""
    before = [t.text.lower() for t in tokens[max(0, first - 2) : first]]
    if before[-1] in _AUXILIARIES or _ly_adverb(before[-1]):
        return True
    if len(before) == 2 and before[0] in _AUXILIARIES and _adverb(before[1]):
        return True
    if _CLAUSE_MARK.search(english[tokens[first - 1].end : tokens[first].start]):
        return True
    if last + 1 >= len(tokens):
        return False
    after = tokens[last + 1].text
    return after.lower() in _OBJECT_OPENERS or after[0].isdigit() or after[0].isupper()




def _participle_of(word: str, verb: str) -> bool:
    """Whether ``word`` is the regular "-ed" form of ``verb`` ("cleaned", "relegated",
    "carried")."""
    return word in {verb + "ed", verb + "d", verb[:-1] + "ied", verb + verb[-1:] + "ed"}


def _passive_of(wording: str, senses: Sequence[str], pairs: Sequence[SentencePair]) -> bool:
    """Whether the article's one-word wording is a verb sense's passive participle, after
    a form of "be" in every sentence that says it ("was demoted" for "to demote"): the
    participle says what happens to the thing, a form the learner meets as a word of its
    own, which the sense's "to" form does not show."""
    word = wording.lower()
    plain = [BRACKETED.sub(" ", s).strip() for s in senses]
    verbs = [s[3:] for s in plain if s.startswith("to ") and " " not in s[3:]]
    if " " in word or not any(_participle_of(word, v) for v in verbs):
        return False
    said = False
    for pair in pairs:
        tokens = [t.text.lower() for t in english_tokens(pair.en)]
        for i, token in enumerate(tokens):
            if token == word:
                if not i or tokens[i - 1] not in _PASSIVE_AUXILIARIES:
                    return False
                said = True
    return said


def _as_written(phrase: str, pairs: Sequence[SentencePair]) -> str:
    """The phrase in lower case when it is, or only opens a sentence with its capital
    ("Cleaning takes an hour"); "" for a capitalised phrase that is a name or part of one
    ("Cleanex Ltd ...", "Cleaning Services Ltd ...")."""
    if phrase[:1].islower():
        return phrase
    if any(_opens_with(p.en, phrase) for p in pairs):
        return phrase[0].lower() + phrase[1:]
    return ""


_OPENING_MARKS = re.compile(r"[\"'“‘(\[]*")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")


def _opens_with(sentence: str, phrase: str) -> bool:
    """Whether ``sentence`` opens with ``phrase`` (after any quotes or brackets) and a
    lower-case word follows it; two fixed patterns, not one compiled per phrase (a build
    asks this of hundreds of phrases, past re's cache)."""
    marks = _OPENING_MARKS.match(sentence)
    assert marks is not None  # the pattern matches the empty string
    return any(
        sentence.startswith(phrase, at) and _LOWER_WORD_NEXT.match(sentence, at + len(phrase))
        for at in range(marks.end() + 1)
    )


def _shares(phrase: str, glued: str) -> bool:
    """Whether a phrase has a content word of a compositional gloss."""
    have = [s for t in english_tokens(phrase) for s in t.stems]
    return any(any(same_word(w, s) for s in have) for w in content_stems(glued))


@dataclass(frozen=True)
class _Choice:
    """A gloss and why: why its source won and, per other source tried, why it lost.

    Sources: "phrase" (the parallel phrase), "place" (the English the term's sentences
    leave unexplained), "dictionary" (CC-CEDICT) and "parts" (the compositional gloss)."""

    gloss: Gloss
    source: str
    won: str
    lost: tuple[tuple[str, str], ...] = ()  # (source, why it lost)
    parallel: Parallel | None = None


def _trusted(parallel: Parallel | None) -> str:
    """The parallel phrase when it is confident enough to be a main gloss, else ""."""
    return parallel.text if parallel and parallel.confidence >= PARALLEL_CONFIDENCE else ""


def _untrusted(parallel: Parallel | None, pairs: Sequence[SentencePair]) -> str:
    """Why the parallel phrase is no main gloss of its own (not found, or not confident)."""
    if parallel is None:
        return "no phrase of the English translates it" if pairs else "no translation given"
    return f"confidence {parallel.confidence:.2f} is below {PARALLEL_CONFIDENCE}"


def _says_it_all(
    term: str, wording: str, parallel: Parallel | None, senses: Sequence[str]
) -> bool:
    """Whether the article's confident wording says the whole term in full where the first
    sense says only some of it, in the sense's own words and more, all of its words (every
    hyphen piece) content words a part links to ("gate tickets" beside "ticket" for 门票,
    a word of 门 "gate" and 票 "ticket"): the sense is a fragment of the wording. A
    wording with a function word is a clause or a phrase around the term ("tickets are
    sold at the gate")."""
    if parallel is None or parallel.whole < 1.0 or not senses:
        return False
    tokens = english_tokens(wording)
    if any(t.function for t in tokens):
        return False
    parts = [gloss_stems(p) for p in split_compound(term)]
    pieces = [s for t in tokens for s in t.stems[1:] or t.stems]
    linked = all(any(stems_link((s,), g) for g in parts) for s in pieces)
    return linked and _fragment_of(senses[0], [wording])


def _dictionary_word(
    term: str, reading: str, pairs: Sequence[SentencePair], parallel: Parallel | None
) -> _Choice:
    """A CC-CEDICT word keeps its senses (the one its English uses first), led by the
    article's own wording when a confident phrase says it in a form no sense has
    ("celebration; to celebrate", "cleaning; to clean") or says all of it where the first
    sense says a part (see :func:`_says_it_all`), unless the article renders
    it with none of them and a confident phrase says more than a sense."""
    trusted = _trusted(parallel)
    partly = used_senses(term, pairs, whole=False)
    used = used_senses(term, pairs)
    senses = senses_for(term, reading, used, partly, shared_senses(term, pairs))
    used |= partly
    text = trim(said_meaning_first(senses.senses, term, pairs))
    full = full_entry(term, reading)
    said = parallel is not None and parallel.whole > 0
    parts = ("parts", "not needed, CC-CEDICT has the word")
    if trusted and said and not used and not _fragment_of(trusted, senses.senses):
        gloss = Gloss(trusted, "parallel", senses.classifier, full, "", (("dictionary", text),))
        won = "confident, and the article uses none of the dictionary's senses"
        lost = (("dictionary", "the article uses none of its senses"), parts)
        return _Choice(gloss, "phrase", won, lost, parallel)
    wording = _as_written(trusted, pairs) if trusted and said else ""
    led = bool(wording) and (
        _worded_otherwise(wording, senses.senses) and not _verb_use(wording, pairs)
        or _says_it_all(term, wording, parallel, senses.senses)
        or _passive_of(wording, senses.senses, pairs))
    if led:
        text = trim((wording, *senses.senses))  # "cleaning; to clean; to sweep"
    others: tuple[tuple[str, str], ...] = ()
    if trusted and trusted.lower() not in text.lower():
        others = (("parallel", trusted),)
    gloss = Gloss(text, "dictionary", senses.classifier, full, "", others)
    if not trusted:
        why = _untrusted(parallel, pairs)
    elif not others:
        why = "the dictionary gloss says it too"
    elif not said:
        why = "it says no part of the term in full"
    elif used:
        why = "the article uses a dictionary sense"
    else:
        why = "it says less than a dictionary sense"
    won = "a dictionary word" + (", the sense its English uses first" if used else "")
    if led:
        won += ", led by the article's own wording of it"
    return _Choice(gloss, "dictionary", won, (("phrase", why), parts), parallel)


def _with_parts(text: str, breakdown: str, glued: str) -> Gloss:
    """A parallel gloss, the compositional one (when there is one) as its alternative."""
    return Gloss(text, "parallel", "", "", breakdown, (("compositional", glued),) if glued else ())


def _placed_phrase(
    term: str, pairs: Sequence[SentencePair], english: Sequence[Sequence[Token]], glued: str
) -> tuple[str, str]:
    """The English the term's sentences leave unexplained, in all of them or at its place,
    for a term with no confident phrase, and how it was found; "" and why not when the
    composition says it as well or there is none."""
    residue = "" if glued and _corroborated(glued, english) else residue_gloss(term, pairs)
    if residue:
        return residue, "the English word each of its sentences leaves unexplained"
    # a composition some parts of which link gives way only to a phrase headed by a word
    # its head (last part) links to; none gives way to a mere part's word
    linked = _part_links(term, english) if glued and english else []
    weak = not linked or _weak(term, linked)
    if not english:
        return "", "no translation given"
    if not (weak or linked[-1]):
        return "", "the parts link to its English, the head among them"
    aligned = aligned_gloss(term, pairs)
    if not aligned:
        return "", "its sentences agree on no English word left unexplained at its place"
    head = linked_to_part(english_tokens(aligned)[-1], split_compound(term)[-1])
    if glued and said_by(aligned, glued):
        return "", f'"{aligned}" at its place says no more than the parts'
    if glued and not (head or weak):
        return "", f'"{aligned}" at its place is not headed by a word its head part links to'
    return aligned, "the English its sentences leave unexplained at its place"


def _head_runs_on(term: str, chinese: str) -> bool:
    """Whether wherever ``chinese`` holds ``term`` its head (last dictionary part) runs on
    into a longer dictionary word of the sentence (:func:`placed_words`: 计算 of 量子计算
    in 计算机 "computer"): the sentence says another word, whose English ("quantum
    computer") is not the term's."""
    from flashgen.terms.words import occurrences

    head = len(split_compound(term)[-1])
    ends = {start: end for start, end, _ in placed_words(chinese)[0]}
    found = False
    for start in occurrences(term, chinese):
        if ends.get(start + len(term) - head, 0) <= start + len(term):
            return False
        found = True
    return found


def _whole_in(term: str, pairs: Sequence[SentencePair]) -> Sequence[SentencePair]:
    """The pairs whose Chinese says ``term`` itself somewhere, not only as the start of a
    longer word (see :func:`_head_runs_on`); all of them when none does."""
    whole = [p for p in pairs if not _head_runs_on(term, p.zh)]
    return whole or pairs


# A Latin-script name in brackets right after a term in the Chinese (a closing quote may
# stand between): the article's own English for it, "芝加哥期所(Chicago Board)".
_BRACKETED_NAME = r"[”’\"]?[（(]([A-Za-z][A-Za-z0-9 .&'’-]*)[)）]"


def _bracketed_name(term: str, pairs: Sequence[SentencePair], parallel: Parallel | None) -> str:
    """The English name the Chinese gives a term in brackets right after it (see
    ``_BRACKETED_NAME``), when every sentence that brackets one brackets the same, the
    English sentence says it as written, and the parallel phrase found is a part of it
    ("Chicago" of "Chicago Board"): the phrase then stopped short of a word the
    dictionary could not link, which the article spells out. "" otherwise; a name that
    does not hold the phrase may be a part's only (a firm's name after the firm's part of
    a longer term that names its fund)."""
    if parallel is None:
        return ""
    pattern = re.compile(re.escape(term) + _BRACKETED_NAME)
    names = {m.group(1).strip() for p in pairs for m in pattern.finditer(p.zh)}
    if len(names) != 1:
        return ""
    name = names.pop()
    said = [p for p in pairs if pattern.search(p.zh)]
    if not all(re.search(rf"\b{re.escape(name)}\b", p.en) for p in said):
        return ""
    phrase = [w.lower() for w in words(parallel.text)]
    return name if phrase and _contiguous(phrase, [w.lower() for w in words(name)]) else ""


def _choose(term: str, reading: str, pairs: Sequence[SentencePair]) -> _Choice:
    """The gloss of :func:`gloss_term` with the reasons :func:`explain_gloss` shows."""
    from flashgen.lexicon.cedict import cedict

    parallel = parallel_gloss(term, pairs) if pairs else None
    if term in cedict():
        return _dictionary_word(term, reading, pairs, parallel)
    trusted = _trusted(parallel)
    english = english_of(term, pairs)
    glued, breakdown = compositional(term, english, reading)
    if name := _bracketed_name(term, pairs, parallel):
        parts = ("parts", "the article names it in brackets" if glued else "")
        won = "the English name its Chinese gives in brackets, said in its English too"
        return _Choice(_with_parts(name, breakdown, glued), "phrase", won, (parts,), parallel)
    named = bool(glued) and _names_it(parallel, term)
    if (trusted and glued and _corroborated(glued, english) and not _shares(trusted, glued)
            and not named):
        gloss = Gloss(glued, "compositional", "", "", breakdown, (("parallel", trusted),))
        lost = (("phrase", "it has none of the parts' words, which the English uses"),)
        return _Choice(gloss, "parts", "the English uses every part's meaning", lost, parallel)
    if trusted:
        parts = ("parts", "a confident phrase comes first" if glued else "")
        won = f"confident ({PARALLEL_CONFIDENCE} or more), and no dictionary entry"
        return _Choice(_with_parts(trusted, breakdown, glued), "phrase", won, (parts,), parallel)
    if parallel and glued and not named and _head_names_it(parallel):
        parts = ("parts", "every sentence names it in the same words, its head's")
        won = "said alike in each of its sentences, in words of its head"
        return _Choice(_with_parts(parallel.text, breakdown, glued), "phrase", won, (parts,),
                       parallel)
    if named and parallel:
        parts = ("parts", "the English names it in words its parts do not say")
        won = "said in every sentence, in words of its own beside its head's"
        return _Choice(_with_parts(parallel.text, breakdown, glued), "phrase", won, (parts,),
                       parallel)
    untrusted = ("phrase", _untrusted(parallel, pairs))
    residue, how = _placed_phrase(term, pairs, english, glued)
    if residue:
        parts = ("parts", "the English words it otherwise" if glued else "")
        gloss = _with_parts(residue, breakdown, glued)
        return _Choice(gloss, "place", how, (untrusted, parts), parallel)
    gloss = Gloss(glued, "compositional" if glued else "none", "", "", breakdown)
    rest = (untrusted, ("place", how)) if english else (untrusted,)
    if glued:
        return _Choice(gloss, "parts", "nothing else glosses it", rest, parallel)
    return _Choice(gloss, "none", "no dictionary entry, parts or phrase", rest, parallel)


def gloss_term(term: str, reading: str, pairs: Sequence[SentencePair]) -> Gloss:
    """The gloss a card carries for ``term`` read as ``reading`` (numbered, CC-CEDICT style),
    given every sentence pair it occurs in (for the parallel-text gloss).

    A dictionary word keeps its dictionary gloss (the sense its English uses first) unless
    the article renders it with none of its senses: then a confident parallel phrase that
    is not a mere fragment of a sense leads ("Minister of Defense" worded "defense
    minister" in the article). Other terms take the confident parallel phrase, else the
    compositional gloss unless the English names the term in words its parts do not say
    (see :func:`_names_it`); the remaining origins go to ``alternatives``. A pair that says
    the term only as the start of a longer word has no say (see :func:`_whole_in`).
    """
    return _choose(term, reading, _whole_in(term, pairs)).gloss


# How explain_gloss names each source of a gloss.
_LABELS = {
    "phrase": "the parallel text",
    "place": "the parallel text",
    "dictionary": "CC-CEDICT",
    "parts": "parts",
}


def _sentences(term: str, parallel: Parallel | None, pairs: Sequence[SentencePair]) -> str:
    """How many of the term's translated sentences say its parallel phrase: "2 of 3
    sentences" (those that paraphrase it counted apart)."""
    translated = sum(1 for p in pairs if term in p.zh and p.en)
    if parallel is None:
        return f"{translated} sentence" + ("s" if translated > 1 else "")
    said, of = round(parallel.agreement * parallel.occurrences), parallel.occurrences
    text = f"{said} of {of} sentence" + ("s" if of > 1 else "")
    if translated > parallel.occurrences:
        text += f", {translated - parallel.occurrences} more paraphrase it"
    return f"{text}, confidence {parallel.confidence:.2f}"


def _offer(
    source: str, choice: _Choice, term: str, pairs: Sequence[SentencePair]
) -> tuple[str, str]:
    """What ``source`` offered for the term (when it did not win) and on what evidence,
    as explain_gloss shows them; ("", "") for nothing."""
    gloss, parallel = choice.gloss, choice.parallel
    if source == "phrase" and parallel:
        return f'"{parallel.text}"', _sentences(term, parallel, pairs) + "; "
    if source == "dictionary":
        return f'"{dict(gloss.alternatives).get("dictionary", "")}"', ""
    if source == "parts":
        return gloss.breakdown, ""
    return "", ""


def explain_gloss(term: str, reading: str, pairs: Sequence[SentencePair]) -> list[str]:
    """How the gloss of ``term`` was chosen, as lines for ``flashgen terms --explain``
    (arguments as :func:`gloss_term`): the gloss and the source that won and why, then
    what each other source offered and why it lost.

    >>> explain_gloss("火箭", "huo3 jian4", [])[0]  # rocket
    '  gloss "rocket" from CC-CEDICT (huǒ jiàn): a dictionary word'
    """
    from flashgen.lexicon.cedict import cedict

    pairs = _whole_in(term, pairs)
    choice = _choose(term, reading, pairs)
    gloss = choice.gloss
    if choice.source == "none":
        lines = [f"  gloss: none ({choice.won})"]
    else:
        detail = {
            "phrase": _sentences(term, choice.parallel, pairs),
            "place": _sentences(term, None, pairs),
            "dictionary": numbers_to_marks(reading),
            "parts": gloss.breakdown,
        }[choice.source]
        label = _LABELS[choice.source]
        lines = [f'  gloss "{gloss.text}" from {label} ({detail}): {choice.won}']
    if term not in cedict():
        lines.append("  CC-CEDICT: none")
    for source, reason in choice.lost:
        offer, evidence = _offer(source, choice, term, pairs)
        name = "unexplained English" if source == "place" else _LABELS[source]
        if offer:
            lines.append(f"  {name}: {offer} ({evidence}not used: {reason})")
        else:
            lines.append(f"  {name}: none" + (f" ({reason})" if reason else ""))
    return lines


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
        said = {card_sense(s) for s in own}
        said |= {t for s in own for t in resolved(s, word, entry) or ()}
        cleaned = tuple(t for t in senses.senses if t in said)
        measure = [c for s in entry.senses for c in classifiers(s)]
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
