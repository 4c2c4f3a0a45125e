"""Pairing: which English paragraph translates which Chinese one.

In a bilingual article the translation sits next to its paragraph, before or after it;
lengths tell the pairs (a translation's length is about proportional to the original's).
A Chinese file and its translation file are aligned paragraph by paragraph instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from flashgen.read.metadata import is_date_line, kind
from flashgen.read.paragraphs import Unit
from flashgen.records import Paragraph

# English characters per Chinese character in a translation, in log: 1.33 over the seed's
# 14 paragraph pairs; 1.24-1.40 over MAC-Dev's 1-1 links at every length, with a standard
# deviation of 0.46 under 20 characters, 0.31 at 20-40 and 0.25-0.28 beyond: hence a spread
# of 0.25 plus a share that shrinks with the square root of the length.
_LOG_RATIO = 1.3
_LOG_SPREAD = 0.25
_LOG_SPREAD_SHORT = 0.7
# Below this length plausibility two paragraphs are not a translation pair (2.8 spreads
# from the expected ratio: under 1 % of MAC-Dev's links lie further out).
_MIN_PLAUSIBLE = 0.02


#: Latin names and numbers inside Chinese text ("蓝湖电池(Blue Lake Battery)", "2031年"), which
#: the translation spells the same: one run each, with the spaces and marks between words.
_SHARED_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,&'-]*[A-Za-z0-9])?")


def _plausibility(zh: str, en: str) -> float:
    """How well the lengths fit a translation, 0..1.

    What the Chinese spells in Latin letters or digits the English has too, at its own
    length: it is left out of both sides, or a paragraph that gives its companies' names
    in brackets looks twice too long for its translation (a real article's paragraph with
    three such names: plausibility 0.013, below the pairing floor; without them 0.12).
    """
    shared = sum(map(len, _SHARED_RUN.findall(zh)))
    zh_length, en_length = max(len(zh) - shared, 1), max(len(en) - shared, 1)
    spread = _LOG_SPREAD + _LOG_SPREAD_SHORT / math.sqrt(zh_length)
    deviation = math.log(en_length / zh_length) - _LOG_RATIO
    return math.exp(-(deviation**2) / (2 * spread**2))


def _fit(zh: str, en: str) -> float:
    """How well two units fit as a translation, 0..1: two date lines fully, a date line and
    prose not at all, other units by their lengths."""
    zh_date, en_date = is_date_line(zh), is_date_line(en)
    if zh_date or en_date:
        return 1.0 if zh_date and en_date else 0.0
    return _plausibility(zh, en)


def _pair_units(units: Sequence[Unit]) -> list[tuple[Unit, Unit | None]]:
    """Pair adjacent Chinese and English units, the English before or after its Chinese.

    For each order a dynamic programme picks the pairs that maximise count plus length
    plausibility; the better order wins. Chinese units left alone get None; English ones
    left alone (site furniture, untranslated notes) are dropped.
    """
    n = len(units)
    best_pairs: list[tuple[int, int]] = []
    best_total = -1.0
    for first in ("en", "zh"):
        score = [0.0] * (n + 2)
        take = [False] * (n + 1)
        for i in range(n - 2, -1, -1):
            score[i] = score[i + 1]
            a, b = units[i], units[i + 1]
            if a.lang == first and b.lang != first:
                zh, en = (b, a) if first == "en" else (a, b)
                p = _fit(zh.text, en.text)
                if p >= _MIN_PLAUSIBLE and 1 + p + score[i + 2] > score[i]:
                    score[i], take[i] = 1 + p + score[i + 2], True
        pairs, i = [], 0
        while i < n - 1:
            if take[i]:
                pairs.append((i, i + 1))
                i += 2
            else:
                i += 1
        if score[0] > best_total:
            best_total, best_pairs = score[0], pairs
    partner = {a: b for a, b in best_pairs} | {b: a for a, b in best_pairs}
    out: list[tuple[Unit, Unit | None]] = []
    for i, unit in enumerate(units):
        if unit.lang == "zh":
            out.append((unit, units[partner[i]] if i in partner else None))
    return out


def _paragraph(zh: str, en: str, index: int) -> Paragraph:
    """A paragraph and its translation, with its kind (byline, headline or body)."""
    return Paragraph(zh=zh, en=en, kind=kind(zh, en), index=index)


def pair_files(zh: Sequence[Unit], en: Sequence[Unit]) -> list[Paragraph]:
    """Paragraphs of a Chinese file and its translation file, aligned; a Chinese date line
    without a translation goes, as in :func:`pair_interleaved`."""
    if len(zh) == len(en):
        beads = [([i], [i]) for i in range(len(zh))]
    else:
        try:
            from flashgen.align.pairs import align_paragraphs
        except ImportError:
            beads = [(list(range(len(zh))), list(range(len(en))))]
        else:
            beads = align_paragraphs([u.text for u in zh], [u.text for u in en])
    paragraphs = [
        _paragraph(
            "".join(zh[i].text for i in zi), " ".join(en[j].text for j in ei), zh[zi[0]].index
        )
        for zi, ei in beads
        if zi
    ]
    return [p for p in paragraphs if p.en or not is_date_line(p.zh)]


def pair_interleaved(units: Sequence[Unit]) -> list[Paragraph]:
    """The paragraphs of a bilingual text: each Chinese unit with the English unit paired
    with it (:func:`_pair_units`), or alone; a date line alone is the page's, and goes."""
    return [
        _paragraph(zh.text, en.text if en else "", zh.index)
        for zh, en in _pair_units(units)
        if en or not is_date_line(zh.text)
    ]

