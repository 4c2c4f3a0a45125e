"""Sentence splitters: tables of tricky cases, and round trips on arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashgen.align.sentences import split_en, split_zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "It rained today. We stayed home!" - two sentences
        ("今天下雨了。我们待在家里！", ["今天下雨了。", "我们待在家里！"]),
        # A closing quote after the full stop belongs to the sentence:
        # 'He said: "Let's go." Then he left.'
        ("他说:“走吧。”然后他走了。", ["他说:“走吧。”", "然后他走了。"]),
        # ASCII commas and colons inside Chinese do not end a sentence; ASCII ? does:
        # "Prices rose, sales fell: why? Nobody knows."
        ("价格上涨,销量下降:为什么?没人知道。", ["价格上涨,销量下降:为什么?", "没人知道。"]),
        # A headline without an end mark is one sentence: "Trade talks resume"
        ("贸易谈判重启", ["贸易谈判重启"]),
        # Decimals never split: "Growth was 3.5 percent. Exports rose."
        ("增长率为3.5%。出口增加。", ["增长率为3.5%。", "出口增加。"]),
        # An ellipsis ends a sentence: "He hesitated... then agreed."
        ("他犹豫了……最后同意了。", ["他犹豫了……", "最后同意了。"]),
        # but not when a comma shows the clause goes on: "He said..., and left."
        ("他说……，就走了。", ["他说……，就走了。"]),
        # A Han-final ASCII full stop ends a sentence, U.S. inside Chinese does not:
        # "Talks in the U.S. ended. Next week."
        ("U.S.会谈结束了.下周再谈。", ["U.S.会谈结束了.", "下周再谈。"]),
        # Question and exclamation together, then a closing bracket: "Really?!) Yes."
        ("真的吗？！）是的。", ["真的吗？！）", "是的。"]),
        ("", []),
    ],
)
def test_split_zh(text: str, expected: list[str]) -> None:
    assert split_zh(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. Both sides left.", ["The talks ended.", "Both sides left."]),
        (
            "Mr. Smith met Gen. Lee in the U.S. capital.",
            ["Mr. Smith met Gen. Lee in the U.S. capital."],
        ),
        ("It grew 3.5 percent. Costs fell.", ["It grew 3.5 percent.", "Costs fell."]),
        ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
        ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
        ("Did it work? Yes! Mostly.", ["Did it work?", "Yes!", "Mostly."]),
        ("See item No. 5 and Jan. 12 notes.", ["See item No. 5 and Jan. 12 notes."]),
        (
            "Use tools, e.g. hammers, i.e. simple ones.",
            ["Use tools, e.g. hammers, i.e. simple ones."],
        ),
        ("1. Open the box. 2. Take it out.", ["1. Open the box.", "2. Take it out."]),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ("Wait... what happened?", ["Wait... what happened?"]),
        ("A headline without a stop", ["A headline without a stop"]),
        ("", []),
    ],
)
def test_split_en(text: str, expected: list[str]) -> None:
    assert split_en(text) == expected


_TEXT = st.text(alphabet=st.sampled_from("。！？!?.…”」）a A1 中文,:\"'"), max_size=40) | st.text(
    max_size=40
)


@given(_TEXT)
def test_split_zh_round_trips(text: str) -> None:
    parts = split_zh(text)
    assert "".join(parts) == text
    assert all(parts)


@given(_TEXT)
def test_split_en_round_trips(text: str) -> None:
    parts = split_en(text)
    assert " ".join(parts) == text
    assert all(parts) or text == ""


_LONG = st.text(alphabet=st.sampled_from("中文字，、 。a"), min_size=300, max_size=3000)


@given(_LONG)
def test_a_run_without_end_marks_is_cut_into_bounded_verbatim_pieces(text: str) -> None:
    from flashgen.align.sentences import MAX_ZH

    parts = split_zh(text)
    assert "".join(parts) == text
    assert all(0 < len(part) <= MAX_ZH for part in parts)


def test_long_sentences_are_cut_after_a_clause_mark_when_there_is_one() -> None:
    from flashgen.align.sentences import MAX_EN, MAX_ZH

    clause = "我们在沙漠里建了新的电站，"  # "We built a new power station in the desert,"
    parts = split_zh(clause * 100)
    assert all(part.endswith("，") and len(part) <= MAX_ZH for part in parts)
    unmarked = "电" * (MAX_ZH * 3 + 5)
    assert [len(p) for p in split_zh(unmarked)] == [MAX_ZH] * 3 + [5]
    words = "the grid grows " * 500
    english = split_en(words.strip())
    assert " ".join(english) == words.strip() and all(len(p) <= MAX_EN for p in english)
