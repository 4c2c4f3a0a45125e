"""A sentence's final readings, one per character: the sources, rules and model combined
(see :mod:`flashgen.pinyin.reading` for the order), in citation tones."""

from __future__ import annotations

from functools import lru_cache

from flashgen.pinyin.model import Analysis, Disambiguator, disambiguator
from flashgen.pinyin.rules import rule_reading, wei2_context

_CITATION = {("一", "yi2"): "yi1", ("一", "yi4"): "yi1", ("不", "bu2"): "bu4"}


def resolve(analysis: Analysis, model: Disambiguator | None) -> list[str | None]:
    """The final numbered readings of an analysed sentence (see
    :mod:`flashgen.pinyin.reading` for the order)."""
    return [decide(analysis, i, model)[0] for i in range(len(analysis.text))]


def decide(analysis: Analysis, i: int, model: Disambiguator | None) -> tuple[str | None, str]:
    """The final reading of position ``i`` and which source decided it: "cedict" (a word
    CC-CEDICT reads one way only), "rule" (a grammar rule), "model" (the disambiguator) or
    "pypinyin"; (None, "") for a character no source reads."""
    char, reading = analysis.text[i], analysis.readings[i]
    if reading is None:
        return None, ""
    source = "pypinyin"
    if (word := analysis.dict_reading[i]) is not None:
        reading, source = word, "cedict"
    elif char == "为" and wei2_context(analysis.text, i):
        reading, source = "wei2", "rule"
    elif rule := rule_reading(analysis, i):
        reading, source = rule, "rule"
    elif model is not None and char in model.labels:
        reading, source = model.predict(analysis, i), "model"
    return _CITATION.get((char, reading), reading), source


def syllables(text: str) -> list[str | None]:
    """One numbered reading per character of ``text`` (None for non-Han characters).

    >>> syllables("银行行长")  # bank president
    ['yin2', 'hang2', 'hang2', 'zhang3']
    """
    return list(read_sentence(text)[0]) if text else []


@lru_cache(maxsize=4096)
def read_sentence(text: str) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """The final readings of ``text`` and its jieba words (cached: a deck reads a sentence
    again for each of its terms and for its card, 207 readings of 26 sentences in the seed
    deck)."""
    analysis = Analysis(text)
    return tuple(resolve(analysis, disambiguator())), tuple(analysis.words)
