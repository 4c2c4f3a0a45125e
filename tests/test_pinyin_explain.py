"""explain_reading: which source gave a term's reading, in lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.pinyin.reading import explain_reading, term_reading
from flashgen.pinyin.render import numbers_to_marks


@pytest.mark.parametrize(
    ("term", "sentence", "english", "expected"),
    [
        # he went to the bank: CC-CEDICT reads 银行 one way only
        ("银行", "他去银行。", "", "  reading yín háng from CC-CEDICT: it reads 银行 one way only"),
        # water molecules are small: the English picks fēnzǐ
        (
            "分子",
            "水分子很小。",
            "Water molecules are small.",
            "  reading fēn zǐ from CC-CEDICT and the English: its senses share the most words "
            "with the translation (words shared: fēn zǐ 1, fèn zǐ 0, fèn zi 0)",
        ),
        # we serve the people: the rule for 为 after a pronoun overrules pypinyin
        (
            "为",
            "我们为人民服务",
            "",
            "  reading wèi in the sentence: 为 wèi (pypinyin: wéi) by a grammar rule",
        ),
        # the rocket engine ignites: both words read one way only
        (
            "火箭发动机",
            "火箭发动机点火",
            "",
            "  reading huǒ jiàn fā dòng jī in the sentence, by CC-CEDICT, which reads 火箭, "
            "发动机 one way only",
        ),
    ],
)
def test_the_source_that_decided(term: str, sentence: str, english: str, expected: str) -> None:
    assert explain_reading(term, sentence, english)[0] == expected


def test_a_tie_in_the_english_is_said() -> None:
    lines = explain_reading("分子", "分子", "Nothing here.")  # no sense in the English
    assert lines[-1].startswith("  CC-CEDICT reads it 3 ways; the English favours none")


def test_a_term_not_in_its_sentence_is_read_alone() -> None:
    assert explain_reading("好", "他来了")[0].startswith("  reading hǎo in the term alone")


def test_the_seed_term_reading(seed: Path) -> None:
    from flashgen.pipeline import read_source
    from flashgen.study.recipe import RecipeSource

    term = "军事一体化"
    pairs = [p for p in read_source(RecipeSource(seed))[1] if term in p.zh]
    if not pairs:
        pytest.skip(f"{term} no longer occurs in {seed}")
    lines = explain_reading(term, pairs[0].zh, pairs[0].en)
    marks = numbers_to_marks(term_reading(term, pairs[0].zh, pairs[0].en))
    assert lines == [
        f"  reading {marks} in the sentence, by CC-CEDICT, which reads 军事, 一体化 one way only"
    ]


def test_a_compound_no_dictionary_has_names_the_parts_that_read_it() -> None:
    # "This year's vaccination rate rose.": 接种率 is not in CC-CEDICT, 接种 is, and a
    # word-final 率 after it is the suffix "rate"
    [line] = explain_reading("接种率", "今年的接种率提高了。")
    assert "which reads 接种 one way only" in line and "率 lǜ by the suffix rule" in line
    assert "reads 接种率" not in line
