"""What the text itself teaches: translations learned from a first alignment.

A Chinese word and an English stem that keep meeting in the beads of a first alignment
(a name rendered freely, a recurring term) are taken as translations and added to the
dictionary's for the next alignment, as in the second pass of Moore (2002) and Hunalign.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import product

# A learned pair must meet in this many beads, with at least this Dice coefficient, and
# only the best English stem per Chinese word is kept (count 2 beat 3; Dice 0.5 beat 0.3-0.8
# with one stem kept; keeping all stems above 0.7 scored MAC-Dev alike but the Bible lower).
_LEARN_COUNT = 2
_LEARN_DICE = 0.5


def learn_translations(
    beads: Iterable[tuple[set[frozenset[str]], set[str]]],
) -> dict[frozenset[str], frozenset[str]]:
    """Translations the text itself teaches: a Chinese word and the English stem that keeps
    meeting it in the beads of a first alignment (names a translator renders freely, the
    text's own terms), as in the second pass of Moore (2002) and Hunalign."""
    contents = list(beads)
    zh_count: dict[frozenset[str], int] = {}
    en_count: dict[str, int] = {}
    for words, stems in contents:
        for ks in words:
            zh_count[ks] = zh_count.get(ks, 0) + 1
        for k in stems:
            en_count[k] = en_count.get(k, 0) + 1
    # Only words and stems seen often enough, and about equally often, can make a pair:
    # Dice >= D needs each count within 2/D - 1 times the other, so counts are bucketed by
    # powers of two and only buckets at most ``span`` apart are paired.
    span = math.ceil(math.log2(2 / _LEARN_DICE - 1))
    pairs: Counter[tuple[frozenset[str], str]] = Counter()
    for words, stems in contents:
        zh_buckets: dict[int, list[frozenset[str]]] = {}
        for ks in words:
            if zh_count[ks] >= _LEARN_COUNT:
                zh_buckets.setdefault(zh_count[ks].bit_length(), []).append(ks)
        en_buckets: dict[int, list[str]] = {}
        for k in stems:
            if en_count[k] >= _LEARN_COUNT:
                en_buckets.setdefault(en_count[k].bit_length(), []).append(k)
        for bucket, some in zh_buckets.items():
            for near in range(bucket - span, bucket + span + 1):
                if near in en_buckets:
                    pairs.update(product(some, en_buckets[near]))
    best: dict[frozenset[str], tuple[float, int, str]] = {}
    for (ks, k), count in pairs.items():
        dice = 2 * count / (zh_count[ks] + en_count[k])
        if (
            count >= _LEARN_COUNT
            and dice >= _LEARN_DICE
            and k not in ks
            and (dice, count, k) > best.get(ks, ())
        ):
            best[ks] = (dice, count, k)
    return {ks: ks | {k} for ks, (_, _, k) in best.items()}


def is_anchor(key: str) -> bool:
    """Number and punctuation keys match only themselves: nothing to learn about them."""
    return key[0] == "#" or key.startswith("p:")

