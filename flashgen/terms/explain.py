"""A term's score, read back: how it was found and which rules moved it, in a few lines.

For ``flashgen terms SOURCE --explain TERM`` and the term table's ``why`` column; the
lines come from :attr:`flashgen.records.Term.why` (see :data:`flashgen.terms.score.Why`).
"""

from __future__ import annotations

from collections.abc import Sequence

from flashgen.records import SentencePair, Term

_BASES = ("rarity", "use", "unit")


def explain(term: Term, rank: int) -> list[str]:
    """``term``, ranked ``rank`` (from 1), as lines: what it is, how it was found, the
    product its score is, then each rule that moved it, by what and how much."""
    lines = [f"{rank}. {term.text} ({term.kind}), score {term.score:g}"]
    bases = {name: (value, reason) for name, how, value, reason in term.why if how == "base"}
    lines += [
        f"  found as {reason} [{name}], seen {value:g}x"
        for name, how, value, reason in term.why
        if how == "found"
    ]
    if all(name in bases for name in _BASES):
        product = " x ".join(f"{name} {bases[name][0]:.3g}" for name in _BASES)
        lines.append(f"  score = {product} ({bases['rarity'][1]})")
    for name, how, value, reason in term.why:
        if " " in how:
            op, moved = how.split()
            lines.append(f"  {moved} {op}{value:.3g} {name}: {reason}")
    return lines


def why_column(term: Term) -> str:
    """The rules that moved ``term``'s score, on one line: "english +2.5, open_end x0.6"."""
    return ", ".join(
        f"{name} {how[0]}{value:.3g}" for name, how, value, _ in term.why if " " in how
    )


def why_absent(text: str, pairs: Sequence[SentencePair]) -> str:
    """Why ``text`` is not among the terms of ``pairs``: it does not occur, no candidate
    generator proposes it, or a gate (named, with its reason) rejects it."""
    from flashgen.terms.candidates import collect
    from flashgen.terms.score import score_candidate
    from flashgen.terms.weights import WEIGHTS

    seen = sum(pair.zh.count(text) for pair in pairs)
    if not seen:
        return f"{text} does not occur in the Chinese of the text."
    cands = collect(pairs, lambda done, total: None)
    if text not in cands:
        return (f"{text} occurs {seen}x, but no candidate generator proposes it (a word of "
                "jieba's, a run of its content words, a quote or a prefixed run).")
    _, _, why = score_candidate(text, cands[text], pairs, WEIGHTS)
    gates = [(name, reason) for name, how, _, reason in why if how == "gate"]
    if gates:
        name, reason = gates[0]
        return f"{text} occurs {seen}x and was proposed, but the gate {name} rejects it: {reason}."
    return f"{text} occurs {seen}x and was proposed, but scored no worth above 0."
