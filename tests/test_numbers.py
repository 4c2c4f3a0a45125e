"""Numbers written out as they are read (flashgen.pinyin.numbers), for speech."""

from __future__ import annotations

import pytest

from flashgen.pinyin.numbers import cardinal, spell_numbers
from flashgen.pinyin.sentence import syllables


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (0, "零"), (2, "二"), (10, "十"), (15, "十五"), (22, "二十二"), (101, "一百零一"),
        (115, "一百一十五"), (200, "两百"), (1005, "一千零五"), (1050, "一千零五十"),
        (2024, "两千零二十四"), (10005, "一万零五"), (20000, "两万"), (100000, "十万"),
        (1000100, "一百万零一百"), (12345678, "一千二百三十四万五千六百七十八"),
        (200000000, "两亿"),
    ],
)
def test_cardinal(number: int, said: str) -> None:
    assert cardinal(number) == said


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("3月27日", "三月二十七日"),  # March 27
        ("45%", "百分之四十五"),  # 45 percent
        ("2025年", "二〇二五年"),  # the year 2025
        ("２０２４年度", "二〇二四年度"),  # full-width digits, the 2024 fiscal year
        ("3.5", "三点五"),
        ("增长12.3％", "增长百分之十二点三"),  # grew 12.3 percent
        ("10:30开会", "十点三十分开会"),  # a meeting at 10:30
        ("9：05", "九点零五分"),
        ("1,200,000人", "一百二十万人"),  # 1.2 million people
        ("编号007", "编号〇〇七"),  # number 007: a code, digit by digit
        ("3年", "三年"),  # three years: a count, not a year
        ("没有数字。", "没有数字。"),  # no numbers: unchanged, punctuation too
    ],
)
def test_spell_numbers(text: str, spelt: str) -> None:
    assert spell_numbers(text) == spelt


def test_the_spelt_date_reads_as_a_speaker_says_it() -> None:
    spelt = spell_numbers("3月27日")
    assert syllables(spelt) == ["san1", "yue4", "er4", "shi2", "qi1", "ri4"]
