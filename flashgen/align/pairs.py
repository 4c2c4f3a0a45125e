"""Chinese-English sentence (and paragraph) alignment.

A dynamic programme over beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 1-0, 0-1), in the
spirit of Gale-Church, Hunalign and Moore, each bead scored by

* length: English characters against Chinese characters, with a Gaussian on the
  difference whose variance grows with length (Gale & Church 1993), the ratio estimated
  from the texts themselves and shrunk towards a prior;
* lexical evidence: the share of the bead's Chinese words that have a CC-CEDICT gloss among
  its English words (light stemming on both sides), and the share of its English words so
  covered, each word counted once per bead and weighted by its rarity in the text;
* anchors, counted like words: numbers (Chinese numerals turned into digits, English number
  words too), Latin-script tokens and acronyms inside the Chinese, person or place names
  written in pinyin in the English, and the punctuation translators keep (questions,
  exclamations, quotations, ellipses, dashes, brackets).

The first alignment then teaches the text's own translations (a name rendered freely, a
recurring term): Chinese words and English stems that keep meeting in its beads are added
to the dictionary and the text is aligned again near the first path, as in the second pass
of Moore (2002) and Hunalign.

Long texts are aligned coarse to fine: blocks of sentences are aligned first, and the
sentence-level programme only looks in a band around the block path, so the Bible test set
(5,000 + 6,301 sentences) takes a few seconds in pure Python.

The keys live in :mod:`flashgen.align.keys`, the programme in :mod:`flashgen.align.beads`,
the learning in :mod:`flashgen.align.learned`; this module runs them over texts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from flashgen.align.beads import (
    BEADS,
    PARAGRAPH_BEADS,
    Bead,
    Side,
    align_sides,
    band_from,
    best_beads,
    length_ratio,
    text_length,
)
from flashgen.align.keys import chinese_keys, english_keys
from flashgen.align.learned import is_anchor, learn_translations
from flashgen.align.sentences import split_en, split_zh
from flashgen.records import Document, SentencePair

# Realignments with translations learned from the previous alignment: a second one gained
# a little more on MAC-Dev (0.860 -> 0.863) and the Bible, a third nothing worth its time.
_REALIGN_PASSES = 2
# Texts with more Chinese units than this realign once only: on the Bible (6,301) the second
# realignment gained 0.0004 F1 for a fifth of the time (the 10 s budget), whereas MAC-Dev
# chapters (about 250) gain 0.003 from it at little cost.
_LONG_TEXT = 2000
# A realignment searches this many units either side of the previous path (3 scored the
# same as 6 and 10 on MAC-Dev and the Bible).
_REALIGN_BAND = 3


def align_sentences(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    ratio: float | None = None,
    priors: dict[tuple[int, int], float] | None = None,
) -> list[Bead]:
    """Align Chinese with English sentences; beads in text order cover every index once.

    ``ratio`` (English characters per Chinese character) defaults to the texts' own,
    shrunk towards a prior; pass a document-wide figure when aligning paragraph by paragraph.
    ``priors`` replaces the bead types and their costs.
    """
    return _align_texts([(zh, en)], ratio, BEADS if priors is None else priors)[0]


@dataclass(frozen=True)
class _Bitext:
    """One text pair ready for the programme: Chinese lengths and word keys, English side."""

    zh_lengths: list[float]
    zh_keys: list[tuple[frozenset[str], ...]]
    en: Side
    ratio: float

    def align(
        self,
        priors: dict[tuple[int, int], float],
        learned: dict[frozenset[str], frozenset[str]],
        previous: list[Bead] | None,
    ) -> list[Bead]:
        """Align with the ``learned`` translations added to the dictionary's; near the
        ``previous`` alignment when there is one."""
        keys = [tuple(ks | learned.get(ks, ks) for ks in unit) for unit in self.zh_keys]
        zh = Side.build(self.zh_lengths, keys, False)
        if previous is None:
            return align_sides(zh, self.en, self.ratio, priors)
        n, m = len(self.zh_lengths), len(self.en.lengths)
        lo, hi = band_from(previous, 1, 1, n, m, _REALIGN_BAND)
        return best_beads(zh, self.en, lo, hi, self.ratio, priors)

    @cached_property
    def words(self) -> list[list[frozenset[str]]]:
        """Per Chinese unit, the key sets of its words (numbers and punctuation left out:
        they match only themselves, so there is nothing to learn about them)."""
        return [
            [ks for ks in unit if not (len(ks) == 1 and is_anchor(next(iter(ks))))]
            for unit in self.zh_keys
        ]

    @cached_property
    def stems(self) -> list[list[str]]:
        """Per English unit, its word stems (no numbers, punctuation or name keys)."""
        return [[k for k in unit[0] if k[0].isalpha() and ":" not in k] for unit in self.en.keys]

    def contents(self, beads: list[Bead]) -> Iterator[tuple[set[frozenset[str]], set[str]]]:
        """Per bead with both sides: its Chinese words and English stems."""
        words, stems = self.words, self.stems
        for zs, es in beads:
            if zs and es:
                yield {ks for i in zs for ks in words[i]}, {k for j in es for k in stems[j]}


def _align_texts(
    texts: Sequence[tuple[Sequence[str], Sequence[str]]],
    ratio: float | None,
    priors: dict[tuple[int, int], float],
) -> list[list[Bead]]:
    """Align each text pair, then again with the translations all of them teach together.

    A text pair that repeats an earlier one (a repeated paragraph, a text pasted twice)
    takes the earlier one's beads: it teaches nothing new, and a text repeated a thousand
    times would otherwise be aligned a thousand times.
    """
    results: list[list[Bead]] = []
    bitexts: list[tuple[int, _Bitext]] = []
    first: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    repeats: list[tuple[int, int]] = []  # (index of a repeat, index of its first)
    for zh, en in texts:
        key = (tuple(zh), tuple(en))
        if key in first:
            repeats.append((len(results), first[key]))
            results.append([])
            continue
        first[key] = len(results)
        if not zh or not en:
            results.append(
                [((i,), ()) for i in range(len(zh))] + [((), (j,)) for j in range(len(en))]
            )
            continue
        zh_lengths = [text_length(s) for s in zh]
        en_lengths = [text_length(s) for s in en]
        en_side = Side.build(en_lengths, [(english_keys(s),) for s in en], True)
        text_ratio = length_ratio(sum(zh_lengths), sum(en_lengths)) if ratio is None else ratio
        bitext = _Bitext(zh_lengths, [chinese_keys(s) for s in zh], en_side, text_ratio)
        bitexts.append((len(results), bitext))
        results.append(bitext.align(priors, {}, None))
    units = sum(len(bitext.zh_lengths) for _, bitext in bitexts)
    for _ in range(_REALIGN_PASSES if units <= _LONG_TEXT else 1):
        learned = learn_translations(
            content for k, bitext in bitexts for content in bitext.contents(results[k])
        )
        if not learned:
            break
        for k, bitext in bitexts:
            results[k] = bitext.align(priors, learned, results[k])
    for k, same in repeats:
        results[k] = results[same]
    return results



def align_paragraphs(
    zh_paras: Sequence[str], en_paras: Sequence[str]
) -> list[tuple[list[int], list[int]]]:
    """Pair the paragraphs of a Chinese file with those of its translation.

    The same programme as for sentences, on whole paragraphs: missing paragraphs become
    1-0 or 0-1, merged or split ones 2-1, 1-2 and so on.
    """
    beads = align_sentences(zh_paras, en_paras, priors=PARAGRAPH_BEADS)
    return [(list(z), list(e)) for z, e in beads]


def pair_document(doc: Document) -> list[SentencePair]:
    """Split every paragraph of ``doc`` into sentences and align them into pairs.

    Bylines and credit lines (kind "byline") are aligned too, and marked: the pipeline
    leaves them out of cards and terms, ``flashgen pairs`` shows them.
    """
    split = [(p, split_zh(p.zh), split_en(p.en) if p.en else []) for p in doc.paragraphs]
    zh_total = sum(text_length(s) for _, zs, _ in split for s in zs)
    en_total = sum(text_length(s) for _, _, es in split for s in es)
    ratio = length_ratio(zh_total, en_total)
    aligned = _align_texts([(zh, en) for _, zh, en in split], ratio, BEADS)
    pairs: list[SentencePair] = []
    for (paragraph, zh, en), beads in zip(split, aligned, strict=True):
        for zi, ei in beads:
            pairs.append(
                SentencePair(
                    zh_sentences=tuple(zh[i] for i in zi),
                    en_sentences=tuple(en[j] for j in ei),
                    paragraph=paragraph.index,
                    source=doc.name,
                    byline=paragraph.kind == "byline",
                )
            )
    return pairs
