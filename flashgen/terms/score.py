"""A candidate's worth: its rarity, how often it is used and the evidence it is a unit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.lexicon import segment
from flashgen.records import SentencePair
from flashgen.terms.candidates import Candidate
from flashgen.terms.english import (
    english_match,
    english_modifier,
    english_nominal,
    english_noun,
    modifies_outside,
    translated,
    transliterated,
)
from flashgen.terms.words import (
    DEMONSTRATIVES,
    GRAMMAR_TAGS,
    NOMINAL_HEADS,
    NOMINAL_MODIFIERS,
    PRONOUN_TAGS,
    VERB_TAGS,
    affixes,
    glued_left,
    is_proper,
    kind_of,
    learner_weight,
    longest,
    name_tag,
    pure_verb,
    quantity,
    rarity_of,
)

# How much rarer than its parts a run is taken to be, in Zipf steps. A term that no
# dictionary lists is what a learner most needs; 2 lets a run with one strong signal
# (quoted, or its English phrase found) outrank a once-seen dictionary word.
NOVELTY = 2.0
# A longer term discounts a shorter one inside it when it scores at least this share of
# the shorter one's worth. 0.5 (let weaker containers count too) lost seed recall to
# fragments such as 包括核武器 "including nuclear weapons" and gained 0.008 on csl_kg.
NESTED_RATIO = 1.0
# The same for a run that is the start of the longer one: 0.6 ranked 单方面改变现状 above
# its fragment on the seed; 0.8 did not; csl_kg moved by 0.003 either way.
HEADLESS_RATIO = 0.6
# A name before a term that scores at least this share of the whole makes a once-seen
# whole an instance of it. 0.5 and 0.7 tied on the seed; 0.5 did better on csl_kg.
EXTENSION_RATIO = 0.5
# Names, places and organisations are not vocabulary by default: they stay in the list,
# with their kind, below the words. 0.2 against 0.3 on the seed: compound recall 0.912 vs
# 0.882; on csl_kg 0.487 vs 0.492 (300 abstracts).
NAME_WEIGHT = 0.2


def _association(parts: Sequence[str], cand: Candidate) -> float:
    """Pointwise mutual information of the parts, scaled to 0..1.

    With one short article counts are tiny, so the expected count of the run comes from
    the parts' general frequencies (jieba's counts) and the length of this text.
    """
    expected = float(cand.tokens)
    for part in parts:
        expected *= 10 ** (segment.zipf(part) - 9)
    # 20 bits: about the PMI of a once-seen pair of words each seen once per million.
    return min(1.0, max(0.0, math.log2(cand.count / expected) / 20)) if expected > 0 else 0.0


@dataclass(frozen=True)
class Weights:
    """How much each signal adds to a candidate's evidence of being one learnable unit.

    Hand-set, then checked by switching each off in turn (``benchmarks/terms.py --ablate``)
    on the seed and on the csl_kg abstracts; a weight stays only if it helps somewhere.
    """

    quoted: float = 3.0  # the whole candidate stood in Chinese quotes
    english: float = 2.5  # its parts' glosses make a phrase of the aligned English
    pattern: float = 0.7  # built with a term-forming prefix or head (…化, 核…)
    repeated: float = 0.7  # seen at least twice in the text
    nominal: float = 0.5  # noun-like modifier + noun-like head (not verb + object)
    boundary: float = 1.0  # 1: always the same neighbour marks a fragment (0: ignore)
    nested: float = 1.0  # 1: halve a candidate seen only inside better terms (0: ignore)
    association: float = 0.3  # seen more often than its parts' general frequency predicts


WEIGHTS = Weights()


def score_candidate(
    text: str, cand: Candidate, pairs: Sequence[SentencePair], w: Weights
) -> tuple[float, str]:
    """A candidate's worth (higher is better) and its kind."""
    from flashgen.lexicon.cedict import cedict
    from flashgen.lexicon.hsk import hsk_level

    parts = cand.parts
    kind = kind_of(text, parts)
    if kind in ("word", "compound") and any(
        transliterated(text, pairs[i].en) for i in cand.pairs if pairs[i].en
    ):
        kind = "name"
    english = 0.0
    if w.english:
        english = max(
            (english_match(parts, pairs[i].en, pairs[i].zh) for i in cand.pairs), default=0.0
        )
    if cand.prefixed:
        english = 1.0  # the English word holds the whole run: "preheating"
    use = 1.0 + math.log2(cand.count)
    prefixes, heads = affixes()
    pattern = len(text) > 2 and (
        parts[0] in prefixes
        or text[0] in prefixes
        or any(text[-k:] in heads for k in range(1, min(len(text), longest(heads) + 1)))
    )
    quoted = cand.quoted > 0
    if (
        len(parts) > 1
        and len(parts[0]) == 1
        and parts[0] not in prefixes
        and (not cand.left_open or glued_left(text, [pairs[i].zh for i in cand.pairs]))
        and not quoted
        and not cand.prefixed
        and text not in cedict()
    ):
        return 0.0, kind  # 碳排放/权/交易 of 碳排放权交易: 权 ends the word before it
    # A run that CC-CEDICT lists whole is a unit, as a quoted one is: its pieces' tags and
    # the English do not make it a phrase.
    listed = quoted or (len(parts) > 1 and text in cedict())
    evidence = w.quoted * quoted + w.english * english + w.pattern * pattern
    if len(parts) == 1:
        in_dict = text in cedict()
        if not in_dict and not segment.frequency(text) and cand.count < 2 and not quoted:
            return 0.0, kind  # a one-off guess of jieba's HMM
        tag = segment.dict_tag(text)
        if (
            (tag in ("m", "mq", "q") and quantity(text))
            or segment.counted(text)
            or (tag in GRAMMAR_TAGS and not in_dict)
            or (tag in PRONOUN_TAGS and text[0] in DEMONSTRATIVES)  # 这类 "this kind of"
        ):
            return 0.0, kind  # 首个 "the first", 一枚 "one (coin)": not vocabulary
        rarity = rarity_of(text) * learner_weight(text)
        # A dictionary word is surely a unit: it starts from a base the runs must earn.
        # Base 1 with the full evidence beat 1.5 with half of it on csl_kg (0.496 vs 0.481).
        unit = 1.0 + evidence + 0.5 * (kind == "idiom")
    else:
        # A combination is rarer than its parts: NOVELTY Zipf steps above their mean.
        # Words, not one-character affixes (核, 化, 权), carry a run's rarity and junctions.
        stems = [p for p in parts if len(p) > 1] or list(parts)
        head_tag, first_tag = segment.dict_tag(parts[-1]), segment.dict_tag(parts[0])
        # An everyday adjective before a noun, once, is a free combination, no rarer than
        # its parts (常见/病菌 "common germs", 主要/原因 "main cause"), unless a term-forming
        # head makes it a term (高效/液相/色谱法 "HPLC"). One-character adjectives are
        # prefixes (小/多边/合作 "minilateral cooperation"). Everyday: HSK 1-5, as in
        # learner_weight; HSK 1-4 did a little worse on our devset, the same elsewhere.
        free = (
            first_tag in ("a", "b")
            and len(parts) == 2
            and len(parts[0]) > 1
            and (hsk_level(parts[0]) or 7) <= 5
            and cand.count == 1
            and not listed
            and not pattern
        )
        mean = sum(rarity_of(p) * learner_weight(p) for p in stems) / len(stems)
        rarity = mean + (0.0 if free else NOVELTY)
        nominal = head_tag in NOMINAL_HEADS and first_tag in NOMINAL_MODIFIERS
        # 1 against 2: the same on our devset and csl_kg; 0 (only the exemptions) lost one
        # term of our devset.
        unit = evidence + w.nominal * nominal + 1.0 * (listed and not quoted)
        unit += w.association * _association(parts, cand)
        unit += w.repeated * (cand.count >= 2)
        # A verb before a plain noun is mostly a verb and its object (打压/竞争对手,
        # 包括/核武器); before a term-forming head it is a modifier (防卫/能力, 指挥/权).
        # A verb's last character is no head (遏制 "to curb" is no system like 体制).
        term_head = parts[-1] in heads or (parts[-1][-1] in heads and not pure_verb(parts[-1]))
        english_pairs = [(pairs[i].en, pairs[i].zh) for i in cand.pairs if pairs[i].en]
        if (
            pure_verb(parts[0])
            and len(parts[-1]) > 1
            and not listed
            and english_pairs
            and not any(english_modifier(parts, en, zh) for en, zh in english_pairs)
        ):
            # A verb CC-CEDICT knows only as a verb, before a word, is a verb and its object
            # (接种/流感疫苗 "vaccinate against flu", 购买/绿电 "buy green power") unless the
            # English makes it a modifier ("enhanced heat transfer").
            unit *= 1 - 0.8 * w.nominal / WEIGHTS.nominal
        elif first_tag == "v" and head_tag == "n" and not term_head and not listed:
            unit *= 1 - 0.6 * w.nominal / WEIGHTS.nominal
        # With English to check, a run that ends in a plain verb (by jieba's tag, or by
        # CC-CEDICT where jieba says noun: 生效 "to take effect") is mostly a clause
        # (医生/签约 "doctors sign", 制度/旨在 "the system aims"), unless a term-forming part
        # makes it a term (核/打击, 防长/会谈) or the English uses the verb as a noun
        # ("intelligence sharing"). Without English it is left alone: on csl_kg's abstracts
        # such runs are mostly terms (脉冲/压缩 "pulse compression"; 0.481 -> 0.476 when not).
        elif (
            (head_tag in VERB_TAGS or pure_verb(parts[-1]))
            and not term_head
            and parts[0] not in prefixes
            and not listed
            and english_pairs
            and not any(english_nominal(parts, en) for en, _ in english_pairs)
        ):
            unit *= 1 - 0.6 * w.nominal / WEIGHTS.nominal
        # A term ends where its head noun ends: before punctuation or a function word at
        # least once; a run always followed by more content may be cut short (单方面改变).
        if not cand.right_open:
            unit *= 1 - 0.4 * w.boundary
        # A run always followed by the same word is a piece of a longer term.
        if cand.right:
            unit *= 1 - 0.7 * w.boundary
        # Every extra junction is one more place where the run may not be a unit.
        if not listed:
            unit *= 0.7 ** max(0, len(stems) - 2)
        # A verb inside a run with a word after it is mostly a clause, subject, verb and
        # object (工厂/排放/废水 "factories discharge wastewater"), unless the English makes the
        # verb a noun ("unilateral change", "model quantization"). Halved: 0.3 did the
        # same on our devset, the seed did not move either way.
        if (
            english_pairs
            and not listed
            and any(
                len(p) > 1
                and pure_verb(p)
                and not any(english_noun(p, en) for en, _ in english_pairs)
                for p in parts[1:-1]
            )
        ):
            unit *= 0.5

        # A person's name or an idiom inside a run makes it a phrase, not a term; a name
        # at the end is an apposition (主教练/郎平 "head coach Lang Ping"), a person and a
        # verb a clause (护士长/王芳/说 "head nurse Wang Fang said"): the name known to jieba
        # or spelled in pinyin by the English.
        def person(part: str) -> bool:
            return name_tag(part) in ("nr", "nrfg", "nrt") or any(
                transliterated(part, en) for en, _ in english_pairs
            )

        if not listed and (
            person(parts[-1])
            or (segment.dict_tag(parts[-1]) in VERB_TAGS and any(map(person, parts[:-1])))
        ):
            return 0.0, kind
        if any(name_tag(p) in ("nr", "i") for p in parts) and not listed:
            unit *= 0.5
        # With English to check, a run that ends in a word jieba tags as an adverb is a
        # clause with its adverbial (工厂/排放/依然 "factories' discharge still", 客户/更好
        # "clients better") unless the English translates that word: jieba's adverbs hold
        # some nouns (手机/相机 "phone camera", 软件/更新 "software update"). Without
        # English it is left alone: dropping every such run lost csl_kg 4 keywords
        # (0.517 -> 0.516); the English's phrase match did not tell them apart.
        if (
            english_pairs
            and not listed
            and segment.dict_tag(parts[-1]) in ("d", "ad")
            and not any(translated(parts[-1], en) for en, _ in english_pairs)
        ):
            return 0.0, kind
        # Likewise a run that ends in one of jieba's distinguishing adjectives (b: 大型
        # "large-scale", 中级 "intermediate"), which modify and never head: where the
        # English puts a word no part translates after it, the run left its head out
        # (医院/采购/大型 of 采购大型医疗设备 "purchase large medical equipment").
        if (
            english_pairs
            and not listed
            and segment.dict_tag(parts[-1]) == "b"
            and any(modifies_outside(parts, en) for en, _ in english_pairs)
        ):
            return 0.0, kind
    worth = rarity * use * unit
    if kind in ("name", "place", "org"):
        worth *= NAME_WEIGHT
    return worth, kind


def nested_discount(
    cands: dict[str, Candidate], worth: dict[str, float], w: Weights
) -> dict[str, float]:
    """Lower a candidate seen mostly inside better terms (C-value's nested-term discount).

    统合 that only ever occurs in 统合作战司令部 and 统合军司令部 is learnt with them; it stays
    in the list (a deck may still want it) but below terms that stand on their own.
    """
    from flashgen.lexicon.cedict import cedict

    within: dict[str, list[str]] = {}
    for text, cand in cands.items():
        parts = cand.parts
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if j - i < len(parts):
                    within.setdefault("".join(parts[i:j]), []).append(text)
    out = dict(worth)
    for text, score in worth.items():
        parts = cands[text].parts
        # A name before a term (美日/联合军演 "US-Japan joint exercises") makes an instance
        # of the term, not a new one, unless the whole recurs or was quoted. (A verb before
        # a term is often a modifier, 作战/指挥权 "combat command": verbs are spared.)
        if len(parts) < 2 or cands[text].count > 1 or cands[text].quoted:
            continue
        rest, head = "".join(parts[1:]), "".join(parts[:-1])
        if worth.get(rest, 0.0) >= EXTENSION_RATIO * score and is_proper(parts[0]):
            out[text] = score * (1 - 0.5 * w.nested)
        # Likewise a compound with a word of its context, seen once, where the compound
        # recurs without it (推广/节水/灌溉 "promote water-saving irrigation", 节水/灌溉/试点
        # "water-saving irrigation pilot"). A one-character affix is no context (作战指挥/权
        # "combat command"), and a single word inside is not enough (边境/巡逻 "border
        # patrol" where 巡逻 recurs alone: halving such runs too dropped the seed's compound
        # recall from 0.971 to 0.824).
        elif len(parts) > 2 and any(
            len(extra) > 1
            and worth.get(inner, 0.0) >= EXTENSION_RATIO * score
            and cands[inner].count > 1
            for inner, extra in ((rest, parts[0]), (head, parts[-1]))
        ):
            out[text] = score * (1 - 0.5 * w.nested)
    worth = dict(out)
    for text, score in worth.items():
        # A run that only ever starts a longer one lacks its head (单方面改变 of
        # 单方面改变现状 "unilateral change of the status quo"): it yields even to a
        # container scoring a little less.
        larger = [
            c
            for c in within.get(text, ())
            if worth.get(c, 0.0)
            >= score * (HEADLESS_RATIO if c.startswith(text) and len(text) > 2 else NESTED_RATIO)
        ]
        # Only the outermost ones: 统合作战 inside 统合作战司令部 is not counted twice.
        outer = [c for c in larger if not any(c != d and c in d for d in larger)]
        inside = sum(cands[c].count for c in outer)
        free = max(0, cands[text].count - inside) / cands[text].count
        if not free and any(cands[c].quoted for c in outer) and text not in cedict():
            # Only ever a piece of a quoted coinage (源网 and 荷储 of “源网荷储一体化”
            # "source-grid-load-storage integration"): no unit of its own.
            out[text] = 0.0
        else:
            out[text] = score * (1 - 0.5 * w.nested * (1 - free))
    return {text: score for text, score in out.items() if score > 0}
