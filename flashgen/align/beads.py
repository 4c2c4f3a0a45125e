"""The dynamic programme over beads, as in Gale-Church, Hunalign and Moore.

A bead joins 0-4 Chinese units with 0-4 English units (sentences, or paragraphs); each is
scored by its prior (:data:`BEADS`), the Gale-Church length cost and the lexical evidence
its two sides share (:mod:`flashgen.align.keys`), and :func:`best_beads` finds the path of
least cost through a band of the table. :func:`align_sides` runs it coarse to fine:
blocks of units first, then units in a band around the block path.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

Bead = tuple[tuple[int, ...], tuple[int, ...]]

@dataclass(frozen=True)
class Side:
    """What the programme needs of one text: unit lengths, lexical keys and their weights."""

    lengths: list[float]
    keys: list[tuple[frozenset[str], ...]]  # Chinese: one key set per word; English: sets to join
    weights: dict  # Chinese: key set -> weight; English: key -> weight
    size: int = 1  # sentences per unit: blocks of the coarse pass weigh that many sentences
    # English side: key -> units holding it, and Chinese key set -> units holding any of its
    # keys; filled as needed and kept across realignments (the English side does not change).
    postings: dict = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls, lengths: list[float], keys: list[tuple[frozenset[str], ...]], english: bool
    ) -> Side:
        """Weigh each word by its rarity in this text (log(1 + N/df)): a word found in every
        sentence tells nothing about which sentence translates which."""
        df: dict = {}
        for unit in keys:
            for item in set().union(*unit) if english else set(unit):
                df[item] = df.get(item, 0) + 1
        total = len(keys)
        return cls(lengths, keys, {item: math.log(1 + total / n) for item, n in df.items()})

    def blocks(self, size: int) -> Side:
        """Units merged ``size`` at a time, for the coarse pass."""
        lengths = [sum(self.lengths[k : k + size]) for k in range(0, len(self.lengths), size)]
        keys = [
            tuple({ks for unit in self.keys[k : k + size] for ks in unit})
            for k in range(0, len(self.keys), size)
        ]
        return Side(lengths, keys, self.weights, self.size * size)


# Bead types (Chinese units, English units) and their prior costs. Chosen by grid search on
# MAC-Dev and the Bible set; longer beads cost more so that they win only on evidence.
# 2-3 and 3-2 (MAC-Dev has 12 of 1,329 links) never won a correct bead at any cost tried
# and slowed the programme, so they are left out.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 0): 2.6,
    (0, 1): 2.6,
    (2, 1): 1.1,
    (1, 2): 1.1,
    (2, 2): 2.7,
    (1, 3): 2.2,
    (3, 1): 2.2,
    (1, 4): 3.5,
    (4, 1): 3.5,
}
# Paragraphs: translators seldom merge or split them, so merges cost more than for sentences
# and a missing paragraph is likelier (set by hand: no paragraph-level gold here).
PARAGRAPH_BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 0): 2.0,
    (0, 1): 2.0,
    (2, 1): 4.0,
    (1, 2): 4.0,
    (2, 2): 6.0,
    (3, 1): 7.0,
    (1, 3): 7.0,
}
# English characters per Chinese character: pooled 1-1 beads of MAC-Dev (3.31) and the
# Bible (3.47); a text's own ratio replaces it as it grows longer (_RATIO_WEIGHT).
_PRIOR_RATIO = 3.4
# Chinese characters of evidence the prior ratio is worth when blended with the text's own.
_RATIO_WEIGHT = 400.0
# Variance per Chinese character of (English - ratio * Chinese) length: measured on 1-1 beads
# MAC-Dev 23.4, Bible 15.3; 32 scored best among 12-60 (grid with the lexical weight and
# the similarity offset, MAC-Dev + Bible).
_LENGTH_VARIANCE = 32.0
# Weights of the length and the lexical terms (grid on MAC-Dev and the Bible once each
# word counted once per bead: lexical 4 beat 2, 3 and 5).
_LENGTH_WEIGHT = 1.0
_LEXICAL_WEIGHT = 4.0
# Lexical similarity that costs nothing: a bead scoring more is rewarded, less is penalised.
# Below the median similarity of true 1-1 beads on MAC-Dev (0.36; wrong pairs score 0-0.1);
# 0.2 beat 0.1, 0.3 and 0.4 (MAC-Dev + Bible).
_SIMILARITY_OFFSET = 0.2
# Texts up to this many units per side are aligned in one full pass; longer ones coarse to
# fine with blocks of _BLOCK units (a band of three blocks holds every Bible bead).
_FULL_PASS = 80
_BLOCK = 8
_COARSE_BEAD = 2
# Units either side of the block path that the fine pass searches.
_BAND = 8


@lru_cache(maxsize=256)
def _zeros(width: int, longest: int) -> list[list[float]]:
    """The window table of a unit without any match (shared: the programme only reads it)."""
    return [[]] + [[0.0] * width for _ in range(longest)]


def _window_table(
    postings: Sequence[tuple[list[int], float]], off: int, width: int, longest: int
) -> list[list[float]]:
    """``table[b][s - off]``: weight of the words with a posting in the window [s, s + b).

    Each word counts once per window however many of its postings fall inside: a Chinese
    word found in two English sentences of a bead is still one translated word. A posting
    p counts in window [s, s + b) when it is the word's first there: s <= p < s + b and the
    word's previous posting lies before s, i.e. p - s < gap; ``fresh[k]`` holds, by column,
    the weight of postings whose gap exceeds k.
    """
    if not postings:
        return _zeros(width, longest)
    fresh = [[0.0] * (width + longest) for _ in range(longest)]
    for inside, weight in postings:
        prev = -longest
        for p in inside:
            column = p - off
            for k in range(min(p - prev, longest)):
                fresh[k][column] += weight
            prev = p
    table: list[list[float]] = [[], fresh[0][:width]]
    for b in range(2, longest + 1):
        table.append(
            [t + f for t, f in zip(table[-1], fresh[b - 1][b - 1 : b - 1 + width], strict=True)]
        )
    return table


def _coverage(
    zh: Side, en: Side, lo: list[int], hi: list[int], longest_zh: int, longest_en: int
) -> tuple[list[list[list[float]]], list[int], list[list[list[float]]], list[int]]:
    """Translated weight of each unit against every window of units on the other side.

    ``zh_cov[i][b][s - zh_off[i]]``: weight of Chinese unit i's words that have a
    translation among English units s..s+b-1 (within i's band); ``en_cov[j][a][...]`` the
    same for English unit j's keys against Chinese units. Windows up to the longest bead.
    """
    en_sets = [frozenset().union(*unit) for unit in en.keys]
    word_postings: dict[frozenset[str], list[int]] = en.postings
    if not word_postings:
        for j, keys in enumerate(en_sets):
            for key in keys:
                word_postings.setdefault(frozenset((key,)), []).append(j)
    zh_postings: dict[str, list[int]] = {}
    for i, unit in enumerate(zh.keys):
        for key in {k for ks in unit for k in ks}:
            zh_postings.setdefault(key, []).append(i)
    zh_cov: list[list[list[float]]] = []
    zh_off: list[int] = []
    for i, unit in enumerate(zh.keys):
        found = []
        for keyset in unit:
            postings = word_postings.get(keyset)
            if postings is None:
                postings = sorted(
                    {j for k in keyset for j in word_postings.get(frozenset((k,)), ())}
                )
                word_postings[keyset] = postings
            inside = postings[
                bisect.bisect_left(postings, lo[i]) : bisect.bisect_right(postings, hi[i])
            ]
            if inside:
                found.append((inside, zh.weights[keyset]))
        off = lo[i] - longest_en + 1
        zh_cov.append(_window_table(found, off, hi[i] - off + 1, longest_en))
        zh_off.append(off)
    en_cov: list[list[list[float]]] = []
    en_off: list[int] = []
    for j, keys in enumerate(en_sets):
        # Rows whose band holds column j: lo and hi never decrease with i, so a range.
        first = bisect.bisect_left(hi, j)
        last = bisect.bisect_right(lo, j)
        found = []
        for key in keys:
            postings = zh_postings.get(key)
            if postings:
                inside = postings[
                    bisect.bisect_left(postings, first) : bisect.bisect_left(postings, last)
                ]
                if inside:
                    found.append((inside, en.weights[key]))
        off = first - longest_zh + 1
        en_cov.append(_window_table(found, off, max(last - off, 0), longest_zh))
        en_off.append(off)
    return zh_cov, zh_off, en_cov, en_off


def best_beads(
    zh: Side,
    en: Side,
    lo: list[int],
    hi: list[int],
    ratio: float,
    priors: dict[tuple[int, int], float],
) -> list[Bead]:
    """Best bead sequence for zh[:n] x en[:m] within the band lo[i] <= j <= hi[i]."""
    n, m = len(zh.lengths), len(en.lengths)
    row_lo, row_hi = _rows(lo, hi, n, m)
    # A coarse unit stands for zh.size sentences: losing one, or matching it badly, costs
    # as much as doing so for each of its sentences.
    scale = zh.size
    beads = [(a, b, prior * scale if not (a and b) else prior) for (a, b), prior in priors.items()]
    tables = _tables(zh, en, row_lo, row_hi, ratio, beads)
    back = _fill(tables, row_lo, row_hi, n)
    return _backtrace(back, row_lo, beads, n, m)


def _rows(lo: list[int], hi: list[int], n: int, m: int) -> tuple[list[int], list[int]]:
    """The English range of each row of the programme (Chinese units consumed, 0..n),
    widened so that neighbouring rows overlap and a path from (0, 0) to (n, m) exists."""
    # Rows of the band cover unit rows 0..n-1; the programme's row i (units consumed) uses
    # the band of unit i-1 or i, whichever is wider, so extend the band by one row.
    row_lo = [min(lo[max(i - 1, 0)], lo[min(i, n - 1)]) for i in range(n + 1)] if n else [0]
    row_hi = [max(hi[max(i - 1, 0)], hi[min(i, n - 1)]) + 1 for i in range(n + 1)] if n else [m]
    row_lo[0], row_hi[n] = 0, m
    for i in range(1, n + 1):
        row_lo[i] = max(row_lo[i], row_lo[i - 1])
    for i in range(n - 1, -1, -1):
        row_hi[i] = min(row_hi[i], row_hi[i + 1])
    row_hi = [min(h, m) for h in row_hi]
    for i in range(n, 0, -1):  # keep neighbouring rows overlapping so a path always exists
        row_lo[i] = min(row_lo[i], row_hi[i - 1], row_hi[i])
    return row_lo, row_hi


class _Tables(NamedTuple):
    """What scoring a bead reads, computed once per programme."""

    # Per bead type: its index, shape, prior, lexical weight and the most the lexical term
    # can take off the cost (similarity 1), for the cheap bound in _best_step.
    steps: list[tuple[int, int, int, float, float, float]]
    zh_cum: list[float]  # prefix sums of unit lengths
    en_cum: list[float]
    zh_words: list[float]  # prefix sums of unit word weights
    en_words: list[float]
    zh_cov: list[list[list[float]]]  # see _coverage
    zh_off: list[int]
    en_cov: list[list[list[float]]]
    en_off: list[int]
    ratio: float
    spread: float  # twice the length variance per Chinese character, in English characters


def _tables(
    zh: Side,
    en: Side,
    row_lo: list[int],
    row_hi: list[int],
    ratio: float,
    beads: list[tuple[int, int, float]],
) -> _Tables:
    """Prefix sums, window coverage and bead steps for a programme over these rows."""
    n, m = len(zh.lengths), len(en.lengths)
    unit_lo = [row_lo[i] for i in range(n)]
    unit_hi = [min(row_hi[i + 1], m - 1) if m else 0 for i in range(n)]
    longest_zh = max(a for a, _, _ in beads)
    longest_en = max(b for _, b, _ in beads)
    zh_cov, zh_off, en_cov, en_off = (
        _coverage(zh, en, unit_lo, unit_hi, longest_zh, longest_en) if n and m else ([], [], [], [])
    )
    steps = []
    for t, (a, b, prior) in enumerate(beads):
        lex = _LEXICAL_WEIGHT * zh.size * (a + b) / 2
        steps.append((t, a, b, prior, lex, lex * (1 - _SIMILARITY_OFFSET)))
    return _Tables(
        steps,
        _prefix(zh.lengths),
        _prefix(en.lengths),
        _prefix([sum(zh.weights[ks] for ks in u) for u in zh.keys]),
        _prefix([sum(en.weights[k] for k in frozenset().union(*u)) for u in en.keys]),
        zh_cov,
        zh_off,
        en_cov,
        en_off,
        ratio,
        2 * _LENGTH_VARIANCE * ratio,
    )


def _fill(tables: _Tables, row_lo: list[int], row_hi: list[int], n: int) -> list[list[int]]:
    """Fill the programme row by row; per cell, the bead type of its best path (-1 at the
    start), indexed ``back[i][j - row_lo[i]]``."""
    inf = math.inf
    cost: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        lo_i, hi_i = row_lo[i], row_hi[i]
        row_cost = [inf] * (hi_i - lo_i + 1)
        row_back = [-1] * (hi_i - lo_i + 1)
        for j in range(lo_i, hi_i + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            row_cost[j - lo_i], row_back[j - lo_i] = _best_step(
                i, j, row_cost, cost, row_lo, row_hi, tables
            )
        cost.append(row_cost)
        back.append(row_back)
    return back


def _best_step(
    i: int,
    j: int,
    row_cost: list[float],
    cost: list[list[float]],
    row_lo: list[int],
    row_hi: list[int],
    tables: _Tables,
) -> tuple[float, int]:
    """The cheapest way into cell (i, j): its cost and bead type (inf, -1 if none).

    Each bead's cost is its prior plus, when it has both sides, the Gale-Church length
    cost and the lexical term. This is the hot spot (about two million bead evaluations
    for the Bible), so both are inlined, without min()/max() calls, and cheap bounds drop
    a bead as soon as it cannot beat the best so far.
    """
    steps, zh_cum, en_cum, zh_words, en_words, zh_cov, zh_off, en_cov, en_off, ratio, spread = (
        tables
    )
    erfc, log, sqrt = math.erfc, math.log, math.sqrt
    inf = math.inf
    lo_i = row_lo[i]
    best, best_t = inf, -1
    for t, a, b, prior, lex, most in steps:
        pi, pj = i - a, j - b
        if pi < 0 or pj < row_lo[pi] or pj > row_hi[pi]:
            continue
        prev = cost[pi][pj - row_lo[pi]] if a else row_cost[pj - lo_i]
        if prev == inf:
            continue
        c = prev + prior
        if a and b:
            # Cheap bounds first: the lexical term can lower the cost by at most
            # ``most``, so a bead that cannot beat the best so far is dropped.
            if c - most >= best:
                continue
            zh_len = zh_cum[i] - zh_cum[pi]
            en_len = en_cum[j] - en_cum[pj]
            mean = (zh_len + en_len / ratio) / 2
            if mean > 0:  # Gale-Church: -log of the tail of the normalised difference
                tail = erfc(abs(en_len - ratio * zh_len) / sqrt(spread * mean))
                c += _LENGTH_WEIGHT * (-log(tail) if tail > 1e-12 else 27.6)
                if c - most >= best:
                    continue
            nz = zh_words[i] - zh_words[pi]
            ne = en_words[j] - en_words[pj]
            if nz and ne:
                mz = me = 0.0
                for r in range(pi, i):
                    row = zh_cov[r][b]
                    k = pj - zh_off[r]
                    if 0 <= k < len(row):
                        mz += row[k]
                for col in range(pj, j):
                    row = en_cov[col][a]
                    k = pi - en_off[col]
                    if 0 <= k < len(row):
                        me += row[k]
                c += lex * (_SIMILARITY_OFFSET - (mz / nz + me / ne) / 2)
        if c < best:
            best, best_t = c, t
    return best, best_t


def _backtrace(
    back: list[list[int]], row_lo: list[int], beads: list[tuple[int, int, float]], n: int, m: int
) -> list[Bead]:
    """The beads of the best path, read back from its end (n, m) to (0, 0)."""
    out: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b, _ = beads[back[i][j - row_lo[i]]]
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    out.reverse()
    return out


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def band_from(
    coarse: list[Bead], zh_block: int, en_block: int, n: int, m: int, width: int
) -> tuple[list[int], list[int]]:
    """A band for the fine pass: each Chinese unit may meet the English units within
    ``width`` of where the coarse path puts it (linearly across its block bead)."""
    lo = [0] * n
    hi = [0] * n
    en_pos = 0
    for zb, eb in coarse:
        start = eb[0] * en_block if eb else en_pos
        stop = min(m, (eb[-1] + 1) * en_block) if eb else en_pos
        en_pos = stop
        if not zb:
            continue
        first = zb[0] * zh_block
        last = min(n, (zb[-1] + 1) * zh_block)
        slope = (stop - start) / (last - first)
        for i in range(first, last):
            centre = start + (i - first + 0.5) * slope
            lo[i] = max(0, int(centre - width))
            hi[i] = min(m - 1, int(centre + width))
    for i in range(1, n):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 2, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n):
        hi[i] = max(hi[i], lo[i])
    return lo, hi


def align_sides(
    zh: Side, en: Side, ratio: float, priors: dict[tuple[int, int], float]
) -> list[Bead]:
    """Best beads of two sides: in one pass for short texts, else coarse to fine (blocks of
    _BLOCK units first, then units within _BAND of the block path)."""
    n, m = len(zh.lengths), len(en.lengths)
    if n <= _FULL_PASS or m <= _FULL_PASS:
        return best_beads(zh, en, [0] * n, [max(m - 1, 0)] * n, ratio, priors)
    en_block = max(1, round(_BLOCK * m / n))
    # Blocks are sized to match, so the coarse path needs only short beads; long ones there
    # let the window coverage, which grows with the window, pull the path astray.
    short = {bead: cost for bead, cost in priors.items() if max(bead) <= _COARSE_BEAD}
    coarse = align_sides(zh.blocks(_BLOCK), en.blocks(en_block), ratio, short)
    lo, hi = band_from(coarse, _BLOCK, en_block, n, m, _BAND)
    return best_beads(zh, en, lo, hi, ratio, priors)


def text_length(text: str) -> float:
    """A unit's length for the length cost: its characters without whitespace."""
    return float(len("".join(text.split())))


def length_ratio(zh_total: float, en_total: float) -> float:
    """English characters per Chinese character: the texts' own, shrunk towards the prior."""
    return (en_total + _PRIOR_RATIO * _RATIO_WEIGHT) / (zh_total + _RATIO_WEIGHT)

