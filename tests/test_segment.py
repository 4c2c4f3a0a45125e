"""Segmentation: jieba plus repairs of the splits that cut words around a lone character."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.lexicon import segment

DECKS = Path(__file__).resolve().parents[1] / "decks"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "from the 3rd to the 5th": 日至 ("solstice") must not survive between dates
        ("3日至5日", ["3", "日", "至", "5", "日"]),
        # "a quadrilateral meeting of defence ministers": 四/边防/长 -> 四边/防长
        ("四边防长会议", ["四边", "防长", "会议"]),
        # "the Japanese and Australian defence ministers": 日/澳防长 -> 日澳/防长
        ("日澳防长", ["日澳", "防长"]),
        # "the commander of US forces stationed in Europe": 驻/欧美军 -> 驻欧/美军
        ("驻欧美军司令", ["驻欧", "美军", "司令"]),
        # "policies lean towards small and micro merchants": jieba guesses 向小微, a
        # preposition glued to an unknown word
        ("政策向小微商户倾斜", ["政策", "向", "小微", "商户", "倾斜"]),
    ],
)
def test_repairs(text: str, expected: list[str]) -> None:
    assert segment.words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "他说过去的事",  # "he talked about the past": nothing glued across 说/过去
        "司令部将向部队下放权限",  # "the command will delegate": 司令部/将, not 司令/部将
        "我们在北京举行会议",  # "we held a meeting in Beijing"
    ],
)
def test_repairs_leave_good_splits(text: str) -> None:
    assert segment.words(text) == segment.tokenizer().lcut(text)


def test_words_cover_the_text() -> None:
    text = "2025年,疫苗接种率达到95%。"  # "in 2025 the vaccination rate reached 95%"
    assert "".join(segment.words(text)) == text
    tokens = segment.cut(text)
    assert all(text[t.start : t.start + len(t.word)] == t.word for t in tokens)


def test_dictionary_data() -> None:
    assert segment.dict_tag("北京") == "ns"  # Beijing: a place
    assert segment.zipf("的") > segment.zipf("疫苗") > segment.zipf("一个不存在的词")
    assert segment.frequency("一个不存在的词") == 0
    assert {"的", "了", "和", "在"} <= segment.function_words()


def test_rjieba_and_jieba_give_the_same_words() -> None:
    """The accelerator may only be used because its words are jieba's, symbols and all."""
    pytest.importorskip("rjieba", reason="rjieba is not installed on this platform")
    texts = [path.read_text(encoding="utf-8") for path in sorted(DECKS.glob("*.txt"))]
    texts.append("MQ-9无人机、COVID-19疫苗、22.21GB、C++和www.example.cn……——")
    for text in texts:
        for line in text.splitlines():
            assert segment._rjieba_words(line) == segment.tokenizer().lcut(line), line


def test_traditional_text_is_cut_where_its_simplified_form_is() -> None:
    from flashgen.lexicon.traditional import to_traditional

    # "Europe and the US speed up military cooperation; US forces in Europe will set up a
    # joint command."
    simplified = "欧美加快军事合作，驻欧美军将设立联合司令部。"
    traditional = to_traditional(simplified)
    assert traditional != simplified
    expected = [to_traditional(w) for w in segment.words(simplified)]
    assert segment.words(traditional) == expected


def test_a_classifier_glued_to_its_noun_after_a_demonstrative_is_split_off() -> None:
    # "This satellite carries a camera.": jieba's rare entry 颗卫星 glues the classifier.
    assert segment.tokenizer().lcut("这颗卫星搭载了相机")[:2] == ["这", "颗卫星"]
    assert segment.words("这颗卫星搭载了相机")[:3] == ["这", "颗", "卫星"]
    # "The satellite launched successfully.": no number or demonstrative before, no split.
    assert segment.words("卫星发射成功")[0] == "卫星"


def test_a_rare_entry_ending_in_a_function_character_is_cut_into_two_words() -> None:
    # "Maintenance costs then rose.": jieba's rare entry 维护费用 ends in 用 "to use"; cut
    # into two words, not 维护费/用 "maintenance fee / use".
    assert segment.tokenizer().lcut("维护费用随之上升")[0] == "维护费用"
    assert segment.words("维护费用随之上升")[:2] == ["维护", "费用"]
    # "connect it behind": no two words, so the function character alone goes (接/在).
    assert segment.words("接在后面")[:2] == ["接", "在"]


def test_the_re_split_leaves_a_dictionary_word_of_three_characters_whole() -> None:
    # "build in Nanjiazhuang, Sanya city": jieba leaves 南 alone after the CC-CEDICT word
    # 三亚市; re-splitting 三亚市/南 into 三亚/市南 "Sanya / south of the city" would cut it.
    assert segment.jieba_words("在三亚市南家庄建设")[:3] == ["在", "三亚市", "南"]
    assert segment.words("在三亚市南家庄建设")[:3] == ["在", "三亚市", "南"]


def test_a_repeated_token_is_repaired_by_where_it_stands_each_time() -> None:
    # repair asks once per distinct token whether any rule may change it: the answer must
    # not carry a token's context to its next occurrence. 日至 ("solstice") is split after a
    # date both times; 日 after a number and after a word ("5th" / "Japan"), 欧美军 twice
    # after 驻 ("stationed in": 驻欧/美军) and once at the start.
    tokens = ["3", "日至", "5", "日", "。", "驻", "欧美军", "，", "4", "日至", "日", "澳",
              "。", "驻", "欧美军", "。", "欧美军"]
    assert segment.repair(tokens) == [
        "3", "日", "至", "5", "日", "。", "驻欧", "美军", "，", "4", "日", "至", "日", "澳",
        "。", "驻欧", "美军", "。", *segment.repair(["欧美军"]),
    ]


def test_the_sorted_lexicon_answers_as_the_table_does_then_becomes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("银行 3 n\n银 7\n行 9 v\nA股 2\n", encoding="utf-8")  # bank, silver, go
    plain, names, total = segment._parse_lexicon(source)
    assert (names, total) == (("", "n", "v"), 21)
    bits = segment._TAG_BITS
    packed = {"银行": 3 << bits | 1, "银": 7 << bits, "行": 9 << bits | 2, "A股": 2 << bits}
    monkeypatch.setattr(segment, "_INDEXED_WORDS", 4)
    searched = segment.Lexicon(plain)
    for word in ("银行", "银", "狗", "A股", "行", "股"):  # the fifth word asked makes the dict
        assert searched.get(word, 0) == packed.get(word, 0)
        assert (word in searched) == (word in packed)
    assert searched.table() == packed
    assert getattr(searched.get, "__self__", None) is searched.table()  # the dict's own get
    assert segment.Lexicon(segment._sorted_lexicon({})).table() == {}


def test_an_abbreviation_jieba_lists_is_not_cut() -> None:
    # jieba's rare entry 中比 "China-Belgium" (tag j) starts with a function word (中), but
    # each of its characters stands for a country: the repair leaves it whole.
    assert segment.abbreviation("中比")
    assert segment.words("中比两国签署了新的合作协议")[0] == "中比"
