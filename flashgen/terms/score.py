"""A candidate's worth: its rarity, how often it is used and the evidence it is a unit.

worth = rarity x use x unit, where ``use`` is 1 + log2(count), ``rarity`` how rare its
words are in general Chinese, and ``unit`` the evidence that it is one unit to learn. The
rules of :mod:`flashgen.terms.rules` move these; each one that does is written down in
the candidate's explanation (a :data:`Why` line), so a score can be read back.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from flashgen.records import SentencePair
from flashgen.terms.candidates import Candidate
from flashgen.terms.rules import (
    EVIDENCE,
    RUN_EVIDENCE,
    RUN_FACTORS,
    RUN_GATES,
    RUN_RARITY,
    WORD_EVIDENCE,
    WORD_GATES,
    WORTH,
    Facts,
    Rule,
    learner_weight,
)
from flashgen.terms.weights import Weights
from flashgen.terms.words import is_proper, rarity_of

#: One line of a candidate's explanation: (name, how, value, reason). ``how`` is "found"
#: (name: the candidate generator, value: its count), "gate" (name: the gate that
#: rejected it: it is no term), "base" (name: rarity, use or unit,
#: the three numbers whose product is the worth), or an operation and what it moves:
#: "+ unit" (evidence added), "x unit" (a factor of the evidence), "+ rarity" or
#: "x score" (a factor of the whole worth).
Why = tuple[str, str, float, str]

_FOUND = {
    "word": "one word of jieba's",
    "run": "a run of jieba's words",
    "quote": "text between Chinese quotes",
    "prefix": "a character the English renders as a bound prefix, and the words after it",
    "span": "a span of whole words, a word of grammar inside or a word jieba keeps whole",
    "cut": "a span with an edge the aligned English confirms",
}


def _added(
    rules: Sequence[Rule], f: Facts, off: Collection[str], why: list[Why], total: float, to: str
) -> float:
    """``total`` plus the effects of the rules that fire, in their order."""
    for rule in rules:
        if rule.__name__ not in off and (effect := rule(f)) is not None:
            total += effect[0]
            why.append((rule.__name__, f"+ {to}", effect[0], effect[1]))
    return total


def _multiplied(
    rules: Sequence[Rule], f: Facts, off: Collection[str], why: list[Why], total: float, to: str
) -> float:
    """``total`` times the effects of the rules that fire, in their order."""
    for rule in rules:
        if rule.__name__ not in off and (effect := rule(f)) is not None:
            total *= effect[0]
            why.append((rule.__name__, f"x {to}", effect[0], effect[1]))
    return total


def _gate(rules: Sequence[Rule], f: Facts, off: Collection[str]) -> Why | None:
    """The first gate that rejects the candidate, as an explanation line, or None."""
    for rule in rules:
        if rule.__name__ not in off and (effect := rule(f)) is not None:
            return rule.__name__, "gate", effect[0], effect[1]
    return None


def score_candidate(
    text: str,
    cand: Candidate,
    pairs: Sequence[SentencePair],
    w: Weights,
    off: Collection[str] = (),
) -> tuple[float, str, list[Why]]:
    """A candidate's worth (higher is better, 0 for no term), its kind, and why (for a
    rejected candidate: the gate that rejected it)."""
    f = Facts(text, cand, pairs, w)
    single = len(cand.parts) == 1
    if rejected := _gate(WORD_GATES if single else RUN_GATES, f, off):
        return 0.0, "", [rejected]
    why: list[Why] = [(cand.found, "found", float(cand.count), _FOUND[cand.found])]
    evidence = _added(EVIDENCE, f, off, why, 0.0, "unit")
    if single:
        rarity = rarity_of(text) * learner_weight(text, w)
        how_rare = "rarity in general Chinese x learner weight"
        why.append(("word_base", "+ unit", w.word_base, "a single word starts from this base"))
        unit = _added(WORD_EVIDENCE, f, off, why, w.word_base + evidence, "unit")
    else:
        stems = f.stems
        mean = sum(rarity_of(p) * learner_weight(p, w) for p in stems) / len(stems)
        how_rare = f"its words' mean rarity x learner weight: {mean:.3g}"
        rarity = _added(RUN_RARITY, f, off, why, mean, "rarity")
        unit = _added(RUN_EVIDENCE, f, off, why, evidence, "unit")
        unit = _multiplied(RUN_FACTORS, f, off, why, unit, "unit")
    use = 1.0 + math.log2(cand.count)
    why.append(("rarity", "base", rarity, how_rare))
    why.append(("use", "base", use, "1 + log2(count)"))
    why.append(("unit", "base", unit, "the evidence that it is one unit"))
    worth = _multiplied(WORTH, f, off, why, rarity * use * unit, "score")
    return worth, f.kind, why


def nested_discount(
    cands: dict[str, Candidate],
    worth: dict[str, float],
    w: Weights,
    off: Collection[str] = (),
    why: dict[str, list[Why]] | None = None,
) -> dict[str, float]:
    """Lower a candidate seen mostly inside better terms (C-value's nested-term discount).

    储能 that only ever occurs in 储能电站 and 储能电池 is learnt with them; it stays
    in the list (a deck may still want it) but below terms that stand on their own. The
    rules ``instance``, ``context``, ``nested``, ``added_part`` and ``quoted_piece``; their
    effects are added to ``why``.
    """
    notes: dict[str, list[Why]] = why if why is not None else {}
    worth = _instances(cands, worth, w, off, notes)
    return _nested(cands, worth, w, off, notes)


def _instances(
    cands: dict[str, Candidate],
    worth: dict[str, float],
    w: Weights,
    off: Collection[str],
    why: dict[str, list[Why]],
) -> dict[str, float]:
    """Halve a once-seen run that is a recurring term with a name or a word of context."""
    out = dict(worth)
    factor = 1 - w.nested_cut
    for text, score in worth.items():
        cand = cands[text]
        parts = cand.parts
        if len(parts) < 2 or cand.count > 1 or cand.quoted:
            continue
        rest, head = "".join(parts[1:]), "".join(parts[:-1])
        # A name before a term (中欧/贸易协定 "China-EU trade agreement") makes an instance
        # of the term, not a new one, unless the whole recurs or was quoted. (A verb before
        # a term is often a modifier, 采购/管理权 "procurement authority": verbs are spared.)
        if (
            "instance" not in off
            and worth.get(rest, 0.0) >= w.extension_ratio * score
            and is_proper(parts[0])
        ):
            note = ("instance", "x score", factor, f"a name before the term {rest}")
        # Likewise a compound with a word of its context, seen once, where the compound
        # recurs without it (推广/节水/灌溉 "promote water-saving irrigation", 节水/灌溉/试点
        # "water-saving irrigation pilot"). A one-character affix is no context (采购管理/权
        # "procurement authority"), and a single word inside is not enough (边境/巡逻 "border
        # patrol" where 巡逻 recurs alone: halving such runs too dropped the seed's compound
        # recall from 0.971 to 0.824).
        elif (
            "context" not in off
            and len(parts) > 2
            and (
                inner := next(
                    (
                        inner
                        for inner, extra in ((rest, parts[0]), (head, parts[-1]))
                        if len(extra) > 1
                        and worth.get(inner, 0.0) >= w.extension_ratio * score
                        and cands[inner].count > 1
                    ),
                    None,
                )
            )
        ):
            note = (
                "context",
                "x score",
                factor,
                f"the recurring term {inner} and a word of context",
            )
        else:
            continue
        out[text] = score * factor
        why.setdefault(text, []).append(note)
    return out


def _containers(cands: dict[str, Candidate]) -> dict[str, list[str]]:
    """Each run of whole parts inside a longer candidate -> those candidates."""
    within: dict[str, list[str]] = {}
    for text, cand in cands.items():
        parts = cand.parts
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if j - i < len(parts):
                    within.setdefault("".join(parts[i:j]), []).append(text)
    return within


def _nested(
    cands: dict[str, Candidate],
    worth: dict[str, float],
    w: Weights,
    off: Collection[str],
    why: dict[str, list[Why]],
) -> dict[str, float]:
    """Discount each candidate by the share of its occurrences inside better terms."""
    from flashgen.lexicon.cedict import cedict

    within = _containers(cands)
    out = dict(worth)
    in_context: set[str] = set()
    for text, score in worth.items():
        # A run that only ever starts a longer one lacks its head (单方面改变 of
        # 全面推进乡村振兴 "fully advancing rural revitalisation"): it yields even to a
        # container scoring a little less.
        larger = [
            c
            for c in within.get(text, ())
            if worth.get(c, 0.0)
            >= score
            * (w.headless_ratio if c.startswith(text) and len(text) > 2 else w.nested_ratio)
        ]
        if "added_part" not in off:
            context = [c for c in larger if _added_part(text, c, cands, why)]
            in_context.update(context)
            larger = [c for c in larger if c not in context]
        # Only the outermost ones: 储能电 inside 储能电站建设 is not counted twice.
        outer = [c for c in larger if not any(c != d and c in d for d in larger)]
        inside = sum(cands[c].count for c in outer)
        free = max(0, cands[text].count - inside) / cands[text].count
        if (
            not free
            and "quoted_piece" not in off
            and any(cands[c].quoted for c in outer)
            and text not in cedict()
        ):
            # Only ever a piece of a quoted coinage (源网 and 荷储 of “源网荷储一体化”
            # "source-grid-load-storage integration"): no unit of its own.
            out[text] = 0.0
        elif free < 1 and "nested" not in off:
            factor = 1 - w.nested_cut * (1 - free)
            out[text] = score * factor
            where = ", ".join(outer[:3])
            why.setdefault(text, []).append(
                ("nested", "x score", factor, f"seen {inside}x in {where}")
            )
    for text in in_context:
        out[text] *= 1 - w.nested_cut
        why.setdefault(text, []).append(
            ("added_part", "x score", 1 - w.nested_cut, "a better unit inside and one part more")
        )
    return {text: score for text, score in out.items() if score > 0}


def _unit(why: list[Why]) -> float:
    """The evidence that a scored candidate is one unit, as its explanation records it."""
    return next((value for name, how, value, _ in why if (name, how) == ("unit", "base")), 0.0)


def _added_part(
    text: str, container: str, cands: dict[str, Candidate], why: dict[str, list[Why]]
) -> bool:
    """A container seen once that is the run ``text`` and one part more, with less evidence
    of being a unit than the run, is the term with a word of its context (潮间带/风电
    "intertidal wind power" in 潮间带/风电/项目: one more junction): it does not discount
    the run, it yields to it. The unit evidence, not the worth, decides: the added word's
    rarity lifts a container's worth without making it a unit. Only a run the English
    translates as a phrase (without it CSL fell 0.520 -> 0.519), and not one that is itself
    a term with a word of context (``instance``, ``context``); a single word inside a run is
    often a piece of it (储能). A container seen more often is left to ``nested``: the same
    figures, and the repo's samples keep a recurring long term. news.py pooled (#14): news
    comp@100 0.611 -> 0.615, heldout 0.442 -> 0.462, outside@60 0.260 -> 0.256 (news),
    0.371 -> 0.367 (heldout), 0.240 -> 0.237 (devset); devset and seed recall the same;
    CSL 0.520."""
    inner = cands[text].parts
    notes = {name for name, *_ in why.get(text, [])}
    return (
        len(inner) > 1
        and "english" in notes
        and not notes & {"instance", "context"}
        and cands[container].count == 1
        and len(cands[container].parts) == len(inner) + 1
        and _unit(why.get(container, [])) < _unit(why.get(text, []))
    )
