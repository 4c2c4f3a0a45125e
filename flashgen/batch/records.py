"""What the per-document map sends back: plain, frozen records, cheap to pickle."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from flashgen.records import Document, SentencePair


@dataclass(frozen=True)
class Cut:
    """Some pairs' words, compact: each distinct word once, each pair's words as 4-byte
    indices into them (a document's tokens as strings would cost ten times as much to
    hold and to send).
    """

    vocabulary: tuple[str, ...]
    tokens: array[int]
    #: Where each pair's tokens end in ``tokens``.
    ends: array[int]

    @classmethod
    def of(cls, cuts: Iterable[Sequence[str]]) -> Cut:
        """The compact form of each pair's words."""
        index: dict[str, int] = {}
        tokens, ends = array("i"), array("i")
        for words in cuts:
            tokens.extend(index.setdefault(word, len(index)) for word in words)
            ends.append(len(tokens))
        return cls(tuple(index), tokens, ends)

    def __len__(self) -> int:
        return len(self.ends)

    def words(self, pair: int) -> list[str]:
        """The words of pair number ``pair``."""
        start = self.ends[pair - 1] if pair else 0
        return [self.vocabulary[i] for i in self.tokens[start : self.ends[pair]]]


@dataclass(frozen=True)
class DocumentRecord:
    """One document read, aligned and segmented (the per-document map's result).

    ``aligned`` is every pair in text order (bylines too); ``cut`` holds the words
    (:func:`flashgen.lexicon.segment.words`) of each pair that is no byline, in order,
    which the counting of candidates takes instead of cutting the text again; None when
    the map ran in the process that counts (it cuts as it counts, holding no words).
    """

    document: Document
    aligned: tuple[SentencePair, ...]
    cut: Cut | None = None


class CorpusCut:
    """The words of a corpus's pairs, from its documents' :class:`Cut`, by pair number."""

    def __init__(self, cuts: Sequence[Cut]) -> None:
        self._cuts = cuts
        self._starts = list(accumulate((len(c) for c in cuts), initial=0))

    def words(self, pair: int) -> list[str]:
        """The words of the corpus's pair number ``pair``."""
        doc = bisect_right(self._starts, pair) - 1
        return self._cuts[doc].words(pair - self._starts[doc])
