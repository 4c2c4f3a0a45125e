"""Candidate spans (flashgen.terms.spans): grammar inside a term, never at its edge; whole
dictionary words never cut; punctuation never crossed; an edge the English confirms.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import re

import pytest

from flashgen.lexicon import segment
from flashgen.lexicon.cedict import cedict
from flashgen.records import SentencePair
from flashgen.terms.candidates import collect
from flashgen.terms.spans import add_spans, spans, units, whole_spans


def pair(zh: str, en: str = "An English sentence.", index: int = 0) -> SentencePair:
    return SentencePair((zh,), (en,), index, "test")


def span_texts(zh: str) -> set[str]:
    """The texts of the whole-unit spans of every clause of ``zh``."""
    return {
        "".join(u.text for u in clause[i:j])
        for clause in units(zh)
        for i, j in whole_spans(clause)
    }


@pytest.mark.parametrize(
    ("zh", "term", "edge_pieces"),
    [
        # "Researchers found the information asymmetry serious."
        ("研究人员发现信息不对称问题十分严重", "信息不对称", ("不对称", "信息不")),
        # "Supply and demand of both sides are out of balance."
        ("双方供需不平衡", "供需不平衡", ("不平衡", "供需不")),
        # "This is a final between champions": 之 inside (jieba's 之战 re-split by segment).
        ("这是一场冠军之战", "冠军之战", ("之战",)),
    ],
)
def test_grammar_inside_a_span_but_never_at_its_edge(
    zh: str, term: str, edge_pieces: tuple[str, ...]
) -> None:
    found = span_texts(zh)
    assert term in found
    for piece in edge_pieces:  # a negation or 之 at the start or the end
        assert piece not in found
    # The token runs cannot hold the negation at all.
    assert term not in collect([pair(zh)], lambda done, total: None)


@pytest.mark.parametrize(
    "zh",
    [
        # "Researchers found the market reacted slowly."
        "研究人员发现市场的反应很慢",
        # "The country's mediation and the talks of the two sides were held in the capital."
        "该国的调解和双方的谈判在首都举行",
    ],
)
def test_clause_grammar_never_inside(zh: str) -> None:
    """的, 和, 在 make phrases and clauses: no span holds them."""
    for text in span_texts(zh):
        assert not set(text) & set("的和在"), text


@pytest.mark.parametrize(
    "zh",
    [
        # "The maintenance costs of the equipment rise year by year."
        "设备维护费用逐年上升",
        # "The company launched drone delivery."
        "公司推出无人机配送",
        # "Researchers found the information asymmetry serious."
        "研究人员发现信息不对称问题十分严重",
    ],
)
def test_whole_dictionary_words_never_cut(zh: str) -> None:
    """No span starts or ends inside a token of the best segmentation that a dictionary
    knows, nor inside a dictionary word of jieba's own cut that the repair split."""
    whole: list[tuple[int, int]] = []
    for words in (segment.words(zh), segment._segmenter()(zh)):
        at = 0
        for word in words:
            known = segment.frequency(word) > 0 or word in cedict()
            if len(word) > 1 and known:
                whole.append((at, at + len(word)))
            at += len(word)
    for text in span_texts(zh):
        for start in (m.start() for m in re.finditer(re.escape(text), zh)):
            end = start + len(text)
            for w_start, w_end in whole:
                assert not w_start < start < w_end, (text, zh[w_start:w_end])
                assert not w_start < end < w_end, (text, zh[w_start:w_end])


def test_a_split_dictionary_word_is_one_unit_again() -> None:
    # jieba keeps 维护费用 "maintenance costs" whole; segment's repair splits it in two
    # words; the spans keep it whole, so neither half is proposed from this sentence.
    zh = "设备维护费用逐年上升"
    assert "维护" in segment.words(zh)
    found = span_texts(zh)
    assert "维护费用" in found
    assert "维护" not in found and "费用" not in found


@pytest.mark.parametrize(
    "zh",
    [
        # "Market information, symmetric distribution."
        "市场信息，对称分布",
        # "Costs (maintenance included) rise; the drone “delivers”."
        "费用（含维护）上升；无人机“配送”",
        # "In 2024 the GDP of the city grew by 5%."
        "2024年该市GDP增长5%",
    ],
)
def test_punctuation_never_crossed(zh: str) -> None:
    clauses = [c for c in re.split(r"[^\u3400-\u9fff]+", zh) if c]
    for text in spans([pair(zh)]):
        assert re.fullmatch(r"[\u3400-\u9fff]+", text), text
        assert any(text in clause for clause in clauses), text
    assert "信息对称" not in spans([pair("市场信息，对称分布")])


def test_the_english_confirms_an_edge_inside_a_guess() -> None:
    # jieba glues the last character of the title to the name (首席/财务/官王/刚/说);
    # "officer" right after "financial", and no English for 王, confirm 首席财务官.
    zh = "首席财务官王刚说"
    assert "官王" in segment.words(zh)
    confirmed = spans([pair(zh, "Chief financial officer Wang Gang said so.")])
    assert confirmed["首席财务官"].found == "cut"
    assert confirmed["首席财务官"].parts == ("首席", "财务", "官")
    # An English that does not say "officer" next to "financial" confirms nothing.
    assert "首席财务官" not in spans([pair(zh, "The finance chief Wang Gang said so.")])
    # Nor does a text without English, where spans are not looked for at all.
    assert spans([SentencePair((zh,), (), 0, "test")]) == {}


def test_the_english_confirms_a_word_the_repair_split_on_grammar() -> None:
    # jieba's 全密封 "completely sealed": segment's repair cuts off 全 (a word of grammar,
    # "all"); "completely" next to "sealed" says it is part of the word here.
    zh = "这款设备采用全密封结构"
    assert segment.words(zh)[4:6] == ["全", "密封"]
    confirmed = spans([pair(zh, "The device uses a completely sealed structure.")])
    assert confirmed["全密封"].found == "cut"
    assert confirmed["全密封结构"].parts == ("全密封", "结构")
    # "airtight" translates 密封 alone: 全 stays grammar, and no span starts with it.
    plain = spans([pair(zh, "The device uses an airtight structure.")])
    assert not any(text.startswith("全") for text in plain)


def test_add_spans_keeps_what_collect_found() -> None:
    pairs = [
        pair("研究人员发现信息不对称问题十分严重", "Researchers found information asymmetry.", 0),
        pair("信息不对称会影响市场", "Information asymmetry affects the market.", 1),
    ]
    cands = collect(pairs, lambda done, total: None)
    before = {text: (c.count, c.parts, c.found) for text, c in cands.items()}
    added = add_spans(pairs, cands)
    assert added == len(cands) - len(before) > 0
    for text, kept in before.items():
        assert (cands[text].count, cands[text].parts, cands[text].found) == kept
    term = cands["信息不对称"]
    assert (term.count, term.parts, term.found) == (2, ("信息", "不", "对称"), "span")
    assert term.pairs == [0, 1]
    assert term.tokens == cands[next(iter(before))].tokens > 0


def test_an_attributive_character_stands_inside_a_span() -> None:
    # 总 "total" is a function word ("always") at an edge, but an attributive (jieba's b)
    # inside: 年度/总/预算 "total annual budget" is one span, and none starts with 总.
    zh, en = "该市年度总预算达到新高。", "The city's total annual budget hit a new high."
    found = spans([pair(zh, en)])
    assert "年度总预算" in found
    assert not any(text.startswith("总") for text in found)
