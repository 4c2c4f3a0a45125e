"""The ranking rules, each a small named function; their numbers are in weights.py.

A rule reads the :class:`Facts` of one candidate and returns its effect and a short
reason, or None where it does not apply. What the effect does depends on the rule's group
(see :mod:`flashgen.terms.score`): a *gate* rejects the candidate, an *evidence* rule adds
to the evidence that it is one unit, a *factor* multiplies that evidence, a *worth* rule
multiplies the whole score. Every rule can be switched off by name (``off``), which is how
``benchmarks/terms.py --ablate`` measures what each one is worth.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import Generic, TypeVar

from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.hsk import hsk_level
from flashgen.lexicon.senses import every_sense_is_verb
from flashgen.records import SentencePair
from flashgen.terms.candidates import Candidate
from flashgen.terms.english import (
    english_compound,
    english_match,
    english_modifier,
    english_nominal,
    english_noun,
    modifies_outside,
    spelled_surname,
    translated,
    transliterated,
)
from flashgen.terms.weights import Weights
from flashgen.terms.words import (
    DEMONSTRATIVES,
    GRAMMAR_TAGS,
    NAME_KIND_TAGS,
    NOMINAL_HEADS,
    NOMINAL_MODIFIERS,
    PRONOUN_TAGS,
    VERB_TAGS,
    affixes,
    cut_word,
    glued_left,
    kind_of,
    lone_edge_in_guess,
    longest,
    name_tag,
    quantity,
)

T = TypeVar("T")


def learner_weight(word: str, w: Weights) -> float:
    """How much a learner gains from a listed general word: HSK 1-5 words are known early."""
    level = hsk_level(word) or 7
    return w.learner[level - 1] if 1 <= level <= len(w.learner) else w.learner[-1]


class _Once(Generic[T]):
    """functools.cached_property without its lock (Python 3.11 takes one on every read),
    which cost a third of the scoring time: each fact is still worked out at most once."""

    def __init__(self, fact: Callable[[Facts], T]) -> None:
        self.fact, self.name = fact, fact.__name__
        self.__doc__ = fact.__doc__

    def __get__(self, facts: Facts, owner: type | None = None) -> T:
        value = facts.__dict__[self.name] = self.fact(facts)
        return value


class Facts:
    """What the rules read about one candidate; the costlier facts are worked out once,
    when a rule first asks."""

    def __init__(
        self, text: str, cand: Candidate, pairs: Sequence[SentencePair], w: Weights
    ) -> None:
        self.text, self.cand, self.pairs, self.w = text, cand, pairs, w
        self.parts = cand.parts
        self.quoted = cand.quoted > 0
        self.in_dict = text in cedict()
        # Quoted, or a run CC-CEDICT lists whole: its pieces' tags and the English do not
        # make it a phrase.
        self.listed = self.quoted or (len(self.parts) > 1 and self.in_dict)
        # (English, Chinese) of the pairs the candidate was seen in that have English.
        self.english_pairs = [(pairs[i].en, pairs[i].zh) for i in cand.pairs if pairs[i].en]

    @_Once
    def sentences(self) -> list[str]:
        """The Chinese of the pairs the candidate was seen in (its first and last)."""
        return [self.pairs[i].zh for i in self.cand.pairs]

    @_Once
    def kind(self) -> str:
        """word, compound, idiom, name, place or org; a word the English spells is a name."""
        kind = kind_of(self.text, self.parts)
        if kind in ("word", "compound") and any(
            transliterated(self.text, en) for en, _ in self.english_pairs
        ):
            return "name"
        return kind

    @_Once
    def pattern(self) -> bool:
        prefixes, heads = affixes()
        text = self.text
        return len(text) > 2 and (
            self.parts[0] in prefixes
            or text[0] in prefixes
            or any(text[-k:] in heads for k in range(1, min(len(text), longest(heads) + 1)))
        )

    @_Once
    def stems(self) -> list[str]:
        """Words, not one-character affixes (核, 化, 权), carry a run's rarity and junctions."""
        return [p for p in self.parts if len(p) > 1] or list(self.parts)

    @_Once
    def first_tag(self) -> str:
        return segment.dict_tag(self.parts[0])

    @_Once
    def head_tag(self) -> str:
        return segment.dict_tag(self.parts[-1])

    @_Once
    def term_head(self) -> bool:
        """A term-forming head ends it; a verb's last character is none (遏制 "to curb" is
        no system like 体制), unless the verb is a word and the head after it (机械/化 "to
        mechanize"): a suffix that makes verbs is still a term's head. heldout (#14)
        comp@100 0.462 -> 0.481, news, devset, seed and CSL the same."""
        heads = affixes()[1]
        last = self.parts[-1]
        return last in heads or (
            last[-1] in heads
            and (not every_sense_is_verb(last) or (len(last) > 2 and last[:-1] in cedict()))
        )

    @_Once
    def match(self) -> float:
        """How well its glosses make a phrase of the aligned English, at best over the pairs
        it was seen in (see english_match; 0 without English)."""
        return max(
            (
                english_match(self.parts, self.pairs[i].en, self.pairs[i].zh, self.w)
                for i in self.cand.pairs
            ),
            default=0.0,
        )

    @_Once
    def negated(self) -> bool:
        """A span with a negation or 之 inside (信息/不/对称 "information asymmetry"): its
        first and last parts are no modifier and head, nor a verb and its object."""
        from flashgen.terms.spans import INSIDE_GRAMMAR

        return any(p in INSIDE_GRAMMAR for p in self.parts[1:-1])

    @_Once
    def verb_noun(self) -> bool:
        """jieba's verb before its noun, not before a term-forming head (应对/能力)."""
        return (
            not self.negated
            and self.first_tag == "v"
            and self.head_tag == "n"
            and not self.term_head
            and not self.listed
        )

    @_Once
    def verb_object(self) -> bool:
        """A verb CC-CEDICT knows only as a verb, before a word, that the English does not
        make a modifier ("enhanced heat transfer")."""
        parts = self.parts
        return (
            not self.negated
            and every_sense_is_verb(parts[0])
            and not self.nominal_verb
            and len(parts[-1]) > 1
            and not self.listed
            and bool(self.english_pairs)
            and not any(english_modifier(parts, en, zh) for en, zh in self.english_pairs)
        )

    @_Once
    def nominal_verb(self) -> bool:
        """A verb CC-CEDICT glosses only as a verb but jieba's dictionary tags a noun (n, vn),
        before one noun, where the English says the head with a word of its own standing in
        for the verb (match at least ``stand_in``) and no gloss of the verb: the verb names a
        trade or an activity and modifies the head (酿酒/企业 "liquor company"); it is no
        verb taking its object, so ``verb_object`` spares it. Where the English translates
        the verb (酿酒/设备 "equipment to brew beer"), or jieba's tag is a verb's, or the
        run is longer, ``verb_object`` still applies: without the English conditions a
        verb and its object entered the top 60 (devset outside@60 0.237 -> 0.247). news.py
        pooled (#14): news comp@100 0.655 -> 0.665, outside@60 0.237 -> 0.236, gloss 0.886
        -> 0.887, comp+gloss 0.589 -> 0.600; devset, heldout and seed the same; CSL 0.520."""
        return (
            len(self.parts) == 2
            and self.first_tag in ("n", "vn")
            and self.head_tag == "n"
            and not any(translated(self.parts[0], en) for en, _ in self.english_pairs)
            and self.match >= self.w.stand_in
        )

    def person(self, part: str) -> bool:
        """A person's name known to jieba or spelled in pinyin by the English."""
        return name_tag(part) in ("nr", "nrfg", "nrt") or any(
            transliterated(part, en) for en, _ in self.english_pairs
        )


Rule = Callable[[Facts], "tuple[float, str] | None"]


# Gates: a candidate one of them fires on is no term (its score is 0).


def ends_word_before(f: Facts) -> tuple[float, str] | None:
    """碳排放/权/交易 of 碳排放权交易: a lone first character that ends the word before it."""
    parts = f.parts
    if (
        len(parts[0]) == 1
        and parts[0] not in affixes()[0]
        and (not f.cand.left_open or glued_left(f.text, f.sentences))
        and not f.quoted
        and not f.cand.prefixed
        and not f.in_dict
    ):
        return 0.0, "its first character ends the word before it"
    return None


def guess(f: Facts) -> tuple[float, str] | None:
    """A word no dictionary knows, seen once: a one-off guess of jieba's HMM, unless the
    aligned English confirmed its edges (found "cut": 全密封 "completely sealed")."""
    if (
        not f.in_dict
        and not segment.frequency(f.text)
        and f.cand.count < 2
        and not f.quoted
        and f.cand.found != "cut"
    ):
        return 0.0, "a one-off guess of jieba's"
    return None


def grammar(f: Facts) -> tuple[float, str] | None:
    """首个 "the first", 一枚 "one (coin)", 这类 "this kind of": not vocabulary."""
    text, tag = f.text, segment.dict_tag(f.text)
    if (
        (tag in ("m", "mq", "q") and quantity(text))
        or segment.counted(text)
        or (tag in GRAMMAR_TAGS and not f.in_dict)
        or (tag in PRONOUN_TAGS and text[0] in DEMONSTRATIVES)
    ):
        return 0.0, "a quantity, demonstrative or word of grammar"
    return None


def person(f: Facts) -> tuple[float, str] | None:
    """A name at the end is an apposition (主教练/郎平 "head coach Lang Ping"), a person
    and a verb a clause (护士长/王芳/说 "head nurse Wang Fang said"). So is a lone surname
    at the end that the English spells before a given name jieba cut apart (护林员/吴 of
    护林员/吴/会/说 "forest ranger Wu Hui said"): heldout (#14) outside@60 0.362 -> 0.358,
    broken@60 0.037 -> 0.033; news, devset, seed and CSL the same."""
    parts = f.parts
    last = parts[-1]
    if not f.listed and (
        f.person(last)
        or (len(last) == 1 and any(spelled_surname(last, en) for en, _ in f.english_pairs))
        or (f.head_tag in VERB_TAGS and any(map(f.person, parts[:-1])))
    ):
        return 0.0, "a person's name ends it, or a person and a verb make a clause"
    return None


def place_end(f: Facts) -> tuple[float, str] | None:
    """With English to check, a place at the end after a word that is no place is a verb's
    object (访问/巴西 "visit Brazil") or an apposition (东道主/智利 "the host, Chile"), not
    a term; places alone (a province and its city) make a longer place name. Without
    English it is left alone: jieba tags some landforms as places (a buried hill, a sunny
    slope), and csl_kg lost 4 keywords (0.520 -> 0.519)."""
    parts = f.parts
    if (
        f.english_pairs
        and not f.listed
        and name_tag(parts[-1]) == "ns"
        and not all(name_tag(p) == "ns" for p in parts[:-1])
    ):
        return 0.0, "a place ends it after a word that is no place"
    return None


def pronoun_end(f: Facts) -> tuple[float, str] | None:
    """A pronoun heads no term: a run ending in one (港口/之一 "one of the ports", 港口/本身
    "the port itself") is a phrase around a word. news.py pooled (#14): news comp@100
    0.629 -> 0.633, outside@60 0.243 -> 0.242; devset, heldout, seed and CSL the same."""
    if not f.listed and f.head_tag in PRONOUN_TAGS:
        return 0.0, "ends in a pronoun"
    return None


def adverb_end(f: Facts) -> tuple[float, str] | None:
    """With English to check, a run ending in a jieba adverb is a clause with its adverbial
    (工厂/排放/依然 "factories' discharge still") unless the English translates that word:
    jieba's adverbs hold some nouns (软件/更新 "software update"). Without English it is left
    alone: dropping every such run lost csl_kg 4 keywords (0.517 -> 0.516)."""
    if (
        f.english_pairs
        and not f.listed
        and f.head_tag in ("d", "ad")
        and not f.negated
        and not any(translated(f.parts[-1], en) for en, _ in f.english_pairs)
    ):
        return 0.0, "ends in an adverb the English leaves untranslated"
    return None


def headless(f: Facts) -> tuple[float, str] | None:
    """A run ending in a distinguishing adjective (b: 大型 "large-scale"), which modifies and
    never heads, where the English puts a word no part translates after it: the run left
    its head out (医院/采购/大型 of 采购大型医疗设备)."""
    if (
        f.english_pairs
        and not f.listed
        and f.head_tag == "b"
        and any(modifies_outside(f.parts, en) for en, _ in f.english_pairs)
    ):
        return 0.0, "ends in a modifier whose head the English shows outside it"
    return None


def cuts_word(f: Facts) -> tuple[float, str] | None:
    """A run that starts or ends inside a word jieba's dictionary or CC-CEDICT knows, wherever
    it stands, is a piece of a phrase, not a term (处理/设施 of 污水处理/设施 "sewage
    treatment facilities": jieba's phrase entries are counted by their parts, so the run
    exists). Whole words are never cut; a guess of jieba's may be (the repair cuts those).
    Spared: an edge the aligned English confirmed (found "cut"), a bound prefix the English
    gives, a run CC-CEDICT lists whole. "Wherever" is the pairs the candidate keeps (its
    first and last); a single word is no run and stays a word to learn. Last of the gates:
    it segments those sentences again. News (#14): broken@60 0.044 -> 0.037, CSL 0.517 ->
    0.519, no gold compound lost from any top 100."""
    if f.listed or f.cand.found in ("cut", "prefix"):
        return None
    word = cut_word(f.text, f.sentences)
    return (0.0, f"cuts the word {word} wherever it stands") if word else None


def guess_edge(f: Facts) -> tuple[float, str] | None:
    """A run whose lone first or last character jieba's own cut joined to the character
    outside the run, wherever it stands: the repair split that guess on a character of
    grammar, and the run is a piece of the phrase around it (并线 "merge lanes" split to
    并/线 leaves 线/公路工程 "lane road project"). A term-forming affix at that edge, or a
    pronoun, particle or preposition beyond it, is a split the repair got right
    (:func:`lone_edge_in_guess`): without these exceptions the gate lost a gold compound
    each on news, devset and heldout. news.py pooled (#14): news broken@60 0.031 -> 0.028,
    outside@60 0.237 -> 0.235, devset dupe@100 0.012 -> 0.008; all else the same; CSL 0.520."""
    if f.listed or f.cand.found in ("cut", "prefix") or f.cand.prefixed:
        return None
    if lone_edge_in_guess(f.parts, f.sentences):
        return 0.0, "its lone edge character was one word of jieba's with its neighbour"
    return None


# Evidence: each adds its value to the evidence that the candidate is one unit.


def quoted(f: Facts) -> tuple[float, str] | None:
    """News marks coined terms with “…”, 「…」, 《…》."""
    return (f.w.quoted, f"stood in Chinese quotes {f.cand.quoted}x") if f.quoted else None


def english(f: Facts) -> tuple[float, str] | None:
    """Its parts' glosses make a phrase of the aligned English (see english_match)."""
    if f.cand.prefixed:
        return f.w.english, "the English gives it one word with a bound prefix"
    match = f.match
    if not match:
        return None
    return f.w.english * match, f"its glosses make a phrase of the English (match {match:.2f})"


def pattern(f: Facts) -> tuple[float, str] | None:
    """Built by a term-forming pattern (…化, …机制, 核…: data/term_affixes.txt)."""
    return (f.w.pattern, "a term-forming prefix or head") if f.pattern else None


def idiom(f: Facts) -> tuple[float, str] | None:
    return (f.w.idiom, "an idiom") if f.kind == "idiom" else None


def noun_like(f: Facts) -> tuple[float, str] | None:
    """Noun-like modifier and head by jieba's tags (情报/n 共享/v), not verb + object."""
    if f.head_tag in NOMINAL_HEADS and f.first_tag in NOMINAL_MODIFIERS:
        return f.w.nominal, "noun-like modifier and head"
    return None


def listed(f: Facts) -> tuple[float, str] | None:
    if f.listed and not f.quoted:
        return f.w.listed, "CC-CEDICT lists it whole"
    return None


def association(f: Facts) -> tuple[float, str] | None:
    """Pointwise mutual information of the parts, scaled to 0..1 (``association_bits`` bits make 1).

    With one short article counts are tiny, so the expected count of the run comes from
    the parts' general frequencies (jieba's counts) and the length of this text. At 20 bits
    (about the PMI of a once-seen pair of words each seen once per million) most once-seen
    runs of rare words reached the cap and the rule told them apart no more.
    """
    expected = float(f.cand.tokens)
    for part in f.parts:
        expected *= 10 ** (segment.zipf(part) - 9)
    bits = f.w.association_bits
    pmi = min(1.0, max(0.0, math.log2(f.cand.count / expected) / bits)) if expected > 0 else 0.0
    return (f.w.association * pmi, f"its parts go together (PMI {pmi:.2f})") if pmi else None


def repeated(f: Facts) -> tuple[float, str] | None:
    """A run the text says twice or more is one thing it keeps naming, not a passing
    combination. Ablated on news.py (#14): off, news comp@100 falls 0.655 -> 0.647 (though
    outside@60 improves 0.237 -> 0.229); at 0.55 instead of 0.7 no news.py figure fell, but
    CSL did (0.520 -> 0.517): a short abstract names its keywords twice."""
    return (f.w.repeated, f"seen {f.cand.count}x") if f.cand.count >= 2 else None


# Rarity: added to a run's mean rarity.


def novelty(f: Facts) -> tuple[float, str] | None:
    """A combination is rarer than its parts, unless an everyday adjective before a noun,
    seen once (常见/病菌 "common germs"), makes it a free combination; a term-forming head
    still makes that a term (高效/液相/色谱法 "HPLC"). One-character adjectives are prefixes
    (小/多边/合作). Everyday: HSK 1-5; HSK 1-4 did a little worse on our devset."""
    parts = f.parts
    free = (
        f.first_tag in ("a", "b")
        and len(parts) == 2
        and len(parts[0]) > 1
        and (hsk_level(parts[0]) or 7) <= 5
        and f.cand.count == 1
        and not f.listed
        and not f.pattern
    )
    return None if free else (f.w.novelty, "a combination is rarer than its parts")


# Factors: each multiplies a run's evidence.


def verb_object(f: Facts) -> tuple[float, str] | None:
    """接种/流感疫苗 "vaccinate against flu", 购买/绿电 "buy green power"."""
    if f.verb_object:
        return 1 - f.w.verb_object_cut, "a verb and its object by CC-CEDICT and the English"
    return None


def verb_noun(f: Facts) -> tuple[float, str] | None:
    """A verb before a plain noun is mostly a verb and its object (支持/新能源); before a
    term-forming head it is a modifier (应对/能力 "response capability", 处置/权 "right of
    disposal"), and so it is where the English says the two as a noun before a noun
    ("maintenance workshop", see english_compound).
    That exemption, news.py pooled (#14): news outside@60 0.242 -> 0.240, heldout word@100
    0.794 -> 0.809, gloss 0.812 -> 0.815; devset and seed the same; CSL 0.520. Counting an
    "-ed"/"-ing" form as a noun too let a verb and its object into devset's top 60."""
    if (
        f.verb_noun
        and not f.verb_object
        and not any(english_compound(f.parts, en) for en, _ in f.english_pairs)
    ):
        return 1 - f.w.verb_noun_cut, "jieba's verb before a noun: a verb and its object"
    return None


def verb_end(f: Facts) -> tuple[float, str] | None:
    """With English to check, a run ending in a plain verb (jieba's tag, or CC-CEDICT's
    where jieba says noun: 生效 "to take effect") is mostly a clause (医生/签约 "doctors
    sign") unless a term-forming part makes it a term (核/打击) or the English uses the
    verb as a noun ("intelligence sharing"). Without English it is left alone: on csl_kg's
    abstracts such runs are mostly terms (脉冲/压缩; 0.481 -> 0.476 when not)."""
    parts = f.parts
    if (
        not f.verb_object
        and not f.verb_noun
        and (f.head_tag in VERB_TAGS or every_sense_is_verb(parts[-1]))
        and not f.term_head
        and parts[0] not in affixes()[0]
        and not f.listed
        and f.english_pairs
        and not any(english_nominal(parts, en, zh) for en, zh in f.english_pairs)
    ):
        return 1 - f.w.verb_end_cut, "ends in a verb the English keeps a verb: a clause"
    return None


def open_end(f: Facts) -> tuple[float, str] | None:
    """A term ends where its head noun ends: before punctuation or a function word at least
    once; a run always followed by more content may be cut short (区域/安防 of 区域安防联盟
    "regional security alliance"). A run that ends in a term-forming head jieba tags a
    noun, and that the aligned English translates whole (match 1), does end at its head
    noun (安防/行业 "the security industry" before a verb): it loses less
    (``open_end_headed_cut``), not nothing, as its head may still modify a longer name's
    (…/行业/协会 "industry association"). news.py pooled (#14): news comp@100 0.636 ->
    0.640; every other figure of the four sets the same; CSL 0.520."""
    if f.cand.right_open:
        return None
    if f.term_head and f.head_tag == "n" and f.match >= 1.0:
        return (
            1 - f.w.open_end_headed_cut,
            "always followed by more content words, but ends in a term's head noun"
            " the English translates with it",
        )
    return 1 - f.w.open_end_cut, "always followed by more content words"


def same_follower(f: Facts) -> tuple[float, str] | None:
    """A run always followed by the same word is a piece of a longer term."""
    if f.cand.right:
        return 1 - f.w.same_follower_cut, f"always followed by {f.cand.right}"
    return None


def junctions(f: Facts) -> tuple[float, str] | None:
    """Every extra junction is one more place where the run may not be a unit."""
    extra = len(f.stems) - 2
    if f.listed or extra <= 0:
        return None
    return f.w.junction**extra, f"{len(f.stems)} words"


def inner_verb(f: Facts) -> tuple[float, str] | None:
    """A verb inside a run with a word after it is mostly a clause (工厂/排放/废水 "factories
    discharge wastewater") unless the English makes it a noun ("model quantization")."""
    if (
        f.english_pairs
        and not f.listed
        and any(
            len(p) > 1
            and every_sense_is_verb(p)
            and not any(english_noun(p, en) for en, _ in f.english_pairs)
            for p in f.parts[1:-1]
        )
    ):
        return f.w.inner_verb, "a verb inside it: a clause"
    return None


def verb_before_name(f: Facts) -> tuple[float, str] | None:
    """With English to check, a run of three or more words in which a verb (jieba's v, a
    word of two or more characters the English does not make a noun) takes a name as its
    object (a place, an organisation or a person: 代表/支持/挪威/渔业 "representatives
    support Norwegian fisheries")
    is a clause around the name, not a term; a name is never a modifier the verb could
    take. Inside the run the name must not end it: a verb after a subject and before a
    name at the end is left to the gates. Freed slots in the top 100 let an organisation
    rise (``org_kind``). With it, news.py pooled (#14): news comp@100 0.665 -> 0.669,
    comp+gloss 0.604 -> 0.607; every other figure of news, devset, heldout and seed the
    same; CSL 0.520. Alone it let a run its parts gloss into news' top 100 (parts@100
    0.062 -> 0.063); organisations alone pushed out words (news word@100 0.749 -> 0.745).
    Any noun after the verb, not a name only, raised heldout's parts@100 (0.048 -> 0.050)."""
    parts = f.parts
    if f.listed or not f.english_pairs or len(f.stems) < 3:
        return None
    for i, part in enumerate(parts[:-1]):
        if (
            len(part) > 1
            and segment.dict_tag(part) in VERB_TAGS
            and segment.dict_tag(parts[i + 1]) in NAME_KIND_TAGS
            and not (i > 0 and i + 2 == len(parts))
            and not any(english_noun(part, en) for en, _ in f.english_pairs)
        ):
            return f.w.verb_before_name, f"the verb {part} takes a name: a clause"
    return None


def name_inside(f: Facts) -> tuple[float, str] | None:
    """A person's name or an idiom inside a run makes it a phrase, not a term."""
    if any(name_tag(p) in ("nr", "i") for p in f.parts) and not f.listed:
        return f.w.name_inside, "holds a person's name or an idiom"
    return None


# Worth: multiplies the whole score.


def name_kind(f: Facts) -> tuple[float, str] | None:
    """Names, places and organisations are not vocabulary by default: a deck filters them.
    An organisation is held down less (``org_kind``): its name is mostly built on a
    term-forming head and CC-CEDICT lists many; a learner meets it as a term."""
    if f.kind == "org":
        return f.w.org_kind, f"a {f.kind}"
    return (f.w.name_kind, f"a {f.kind}") if f.kind in ("name", "place") else None


def name_instance(f: Facts) -> tuple[float, str] | None:
    """With English to check, a place or an organisation before a word CC-CEDICT lists
    (法国/农业部长 "French minister of agriculture", 世界银行/贷款 "World Bank loan") is
    that word where it stands, learnt as the word and the name: it ranks as a name does. A
    single character after the name is no word of its own (…/区 of a bay area), and a run
    listed whole is a term. Without English it is left alone: csl_kg's keywords hold many a
    study area (a lake's basin, a city's region). jieba's person tags are left out: they
    hold common words (lost a news compound, 0.625 -> 0.622)."""
    rest = "".join(f.parts[1:])
    if (
        f.english_pairs
        and not f.listed
        and name_tag(f.parts[0]) in ("ns", "nt")
        and len(rest) > 1
        and rest in cedict()
    ):
        return f.w.name_kind, f"the name {f.parts[0]} before the word {rest}"
    return None


WORD_GATES: tuple[Rule, ...] = (guess, grammar)
RUN_GATES: tuple[Rule, ...] = (
    ends_word_before,
    person,
    place_end,
    pronoun_end,
    adverb_end,
    headless,
    cuts_word,
    guess_edge,
)
EVIDENCE: tuple[Rule, ...] = (quoted, english, pattern)
WORD_EVIDENCE: tuple[Rule, ...] = (idiom,)
RUN_EVIDENCE: tuple[Rule, ...] = (noun_like, listed, association, repeated)
RUN_RARITY: tuple[Rule, ...] = (novelty,)
# In this order: a product of floats depends on it, and the golden scores with it.
RUN_FACTORS: tuple[Rule, ...] = (
    verb_object,
    verb_noun,
    verb_end,
    open_end,
    same_follower,
    junctions,
    inner_verb,
    name_inside,
    verb_before_name,
)
WORTH: tuple[Rule, ...] = (name_kind, name_instance)
# The rules of the nested-term discount (flashgen.terms.score), applied after all the rest.
NESTED_RULES = ("instance", "context", "nested", "added_part", "quoted_piece")

RULES: tuple[str, ...] = (
    *(
        rule.__name__
        for rule in (
            *WORD_GATES,
            *RUN_GATES,
            *EVIDENCE,
            *WORD_EVIDENCE,
            *RUN_EVIDENCE,
            *RUN_RARITY,
            *RUN_FACTORS,
            *WORTH,
        )
    ),
    *NESTED_RULES,
)
# Names of the signals an earlier scorecard switched off together, kept so that its
# figures can be compared: each stands for the rules it covered.
GROUPS: dict[str, tuple[str, ...]] = {
    "nominal": ("noun_like", "verb_object", "verb_noun", "verb_end"),
    "boundary": ("open_end", "same_follower"),
    "nested": NESTED_RULES,
}


def switched_off(names: Collection[str]) -> frozenset[str]:
    """The rules ``names`` switches off (rule or group names); unknown names are an error."""
    out: set[str] = set()
    for name in names:
        if name in GROUPS:
            out.update(GROUPS[name])
        elif name in RULES:
            out.add(name)
        else:
            raise ValueError(f"no ranking rule {name!r}; known: {', '.join(RULES)}")
    return frozenset(out)
