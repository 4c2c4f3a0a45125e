"""The polyphone disambiguator: a sentence's base readings and context (:class:`Analysis`)
and the averaged perceptron that scores a character's readings in it (trained by
``benchmarks/train_polyphone.py``, shipped as ``flashgen/data/polyphone.json.gz``)."""

from __future__ import annotations

import gzip
import importlib.resources
import json
from functools import lru_cache
from pathlib import Path

from flashgen.files.appdir import cached
from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.pinyin.tables import (
    HAN_RUN,
    candidates,
    dictionary_parts,
    dictionary_reading,
    is_phrase,
    phrase_cut,
    phrase_reading,
    segment_reading,
)


class Analysis:
    """A sentence's base readings and the context the disambiguator looks at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.readings: list[str | None] = [None] * len(text)
        self.in_phrase = [False] * len(text)  # pypinyin read it as part of a phrase
        self.word_of = [0] * len(text)  # index into self.words
        self.words = segment.words(text)
        self.starts: list[int] = []
        for match in HAN_RUN.finditer(text):
            pos = match.start()
            for seg in phrase_cut(match.group()):
                self.readings[pos : pos + len(seg)] = segment_reading(seg)
                if len(seg) > 1 and is_phrase(seg):
                    self.in_phrase[pos : pos + len(seg)] = [True] * len(seg)
                pos += len(seg)
        self.dict_reading: list[str | None] = [None] * len(text)
        pos = 0
        for index, word in enumerate(self.words):
            self.starts.append(pos)
            self.word_of[pos : pos + len(word)] = [index] * len(word)
            if len(word) > 1:
                for offset, reading in dictionary_parts(word):
                    start = pos + offset
                    self.dict_reading[start : start + len(reading)] = reading
            pos += len(word)

    def features(self, i: int) -> list[str]:
        """Context features of position ``i`` (conjoined with the character by the model)."""
        text, words, w = self.text, self.words, self.word_of[i]
        word = words[w]
        feats = [
            "b",
            "L1" + text[i - 1 : i],
            "R1" + text[i + 1 : i + 2],
            "L2" + text[max(i - 2, 0) : i],
            "R2" + text[i + 1 : i + 3],
            "LR" + text[i - 1 : i] + text[i + 1 : i + 2],
            "W" + word + str(i - self.starts[w]),
            "PW" + (words[w - 1] if w else ""),
            "NW" + (words[w + 1] if w + 1 < len(words) else ""),
        ]
        return feats

    def votes(self, i: int) -> list[tuple[str, str]]:
        """(source, reading) pairs: how each outside source reads position ``i``.

        Sources: pypinyin in the sentence (inside a phrase or alone), CC-CEDICT for the
        jieba word, pypinyin's default reading, and every CC-CEDICT word / pypinyin phrase
        of 2-4 characters around ``i`` that has one reading (jieba may have cut elsewhere).
        """
        text = self.text
        out: list[tuple[str, str]] = []
        if sentence := self.readings[i]:
            out.append(("pp_phrase" if self.in_phrase[i] else "pp_single", sentence))
        if word := self.dict_reading[i]:
            out.append(("cedict", word))
        cands = candidates(text[i])
        if cands:
            out.append(("default", cands[0]))
        dictionary = cedict()
        for n in _SPANS:
            for start in range(max(0, i - n + 1), min(i, len(text) - n) + 1):
                span = text[start : start + n]
                if is_phrase(span) or span in dictionary:  # most spans are no word
                    out += _span_votes(span, i - start)
        return out


_SPANS = (2, 3, 4)  # CC-CEDICT words are mostly 2-4 characters; 5-fold dev: spans of


@lru_cache(maxsize=1 << 18)
def _span_votes(span: str, offset: int) -> tuple[tuple[str, str], ...]:
    """Votes of CC-CEDICT and pypinyin's phrase table for the character at ``offset`` of
    ``span`` (cached: spans around common polyphones repeat)."""
    votes = []
    reading = dictionary_reading(span)
    if reading:
        votes.append((f"cedict{len(span)}", reading[offset]))
    phrase = phrase_reading(span)
    if phrase:
        votes.append((f"phrase{len(span)}", phrase[offset]))
    return tuple(votes)


Active = tuple[list[str], list[tuple[str, str]]]  # context keys, (trust key, reading)


class Disambiguator:
    """An averaged-perceptron scorer for the readings of one polyphonic character.

    ``context`` maps "char\tfeature" to per-reading weights (what a neighbour says about
    this character); ``trust`` maps "\tsource" (shared by all characters) and
    "char\t@source" to how far to believe an outside source's vote (pypinyin, CC-CEDICT);
    ``labels`` gives each known character the readings seen in training.
    """

    def __init__(
        self,
        context: dict[str, dict[str, float]],
        trust: dict[str, float],
        labels: dict[str, list[str]],
    ) -> None:
        self.context = context
        self.trust = trust
        self.labels = labels

    def options(self, char: str) -> list[str]:
        return list(dict.fromkeys([*self.labels.get(char, ()), *candidates(char)]))

    @staticmethod
    def active(analysis: Analysis, i: int) -> Active:
        """The weight keys that position ``i`` of ``analysis`` fires."""
        char = analysis.text[i]
        votes = [
            (key, reading)
            for source, reading in analysis.votes(i)
            for key in ("\t" + source, char + "\t@" + source)
        ]
        return [char + "\t" + f for f in analysis.features(i)], votes

    def scores(self, char: str, active: Active) -> dict[str, float]:
        scores = dict.fromkeys(self.options(char), 0.0)
        context, votes = active
        for key in context:
            row = self.context.get(key)
            if row:
                for option, weight in row.items():
                    if option in scores:
                        scores[option] += weight
        for key, reading in votes:
            if reading in scores:
                scores[reading] += self.trust.get(key, 0.0)
        return scores

    def predict(self, analysis: Analysis, i: int) -> str:
        scores = self.scores(analysis.text[i], self.active(analysis, i))
        return max(scores, key=scores.__getitem__)

    def to_json(self) -> dict[str, object]:
        return {"context": self.context, "trust": self.trust, "labels": self.labels}


MODEL_FILE = "polyphone.json.gz"


#: Bump when the cached form of the model changes.
_MODEL_CACHE_FORMAT = 2


@lru_cache(maxsize=1)
def disambiguator() -> Disambiguator | None:
    """The shipped model, loaded on first use; None when the data file is absent."""
    path = Path(str(importlib.resources.files("flashgen") / "data" / MODEL_FILE))
    if not path.is_file():
        return None

    def parse() -> dict[str, object]:
        with gzip.open(path, "rt", encoding="utf-8") as text:
            return json.load(text)

    # The JSON stays the shipped form; its parsed form is cached (0.09 s -> 0.02 s).
    data = cached("polyphone", path, _MODEL_CACHE_FORMAT, parse)
    return Disambiguator(data["context"], data["trust"], data["labels"])
