"""CC-CEDICT's notation never reaches a card: classifiers, script pairs, pointers, readings."""

from __future__ import annotations

import re

import pytest

from flashgen.gloss.choose import gloss_term
from flashgen.gloss.dictionary import card_text, classifiers, pointer
from flashgen.records import SentencePair

# What a card field may not show (as benchmarks/news.py counts it).
RAW = re.compile(
    r"[\u4e00-\u9fff]+\|[\u4e00-\u9fff]+|\bsee (also )?[\u4e00-\u9fff]|\babbr\. (for|of|to)\b"
    r"|\bvariant of [\u4e00-\u9fff]|\[[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*\]|\bCL:"
)


@pytest.mark.parametrize(
    ("sense", "shown"),
    [
        ("dream (CL:場|场[chang2],個|个[ge4])", "dream"),  # classifier note left out
        ("frog; CL:隻|只[zhi1]", "frog"),
        ("Taiwan pr. [qiang3 zhi4]", "Taiwan pr. [qiǎng zhì]"),  # reading in tone marks
        ("same as 都市傳奇|都市传奇", "= 都市传奇"),  # a pair without reading
        ("foo (see also 馬恩島|马恩岛[Ma3 en1 Dao3])", "foo (compare 马恩岛)"),
        ("biotechnology; abbr. to 生技[sheng1 ji4]", "biotechnology; short form 生技"),
        # the meaning first, the abbreviation after it
        ("abbr. for 參議院|参议院[can1 yi4 yuan4], senate", "senate (short for 参议院)"),
        ("to see; to look at", "to see; to look at"),  # English "see" is no pointer
    ],
)
def test_card_text(sense: str, shown: str) -> None:
    assert card_text(sense) == shown


def test_classifiers_inside_a_sense_go_to_the_classifier_field() -> None:
    assert classifiers("dream (CL:場|场[chang2],個|个[ge4])") == ["场 cháng", "个 gè"]
    assert classifiers("CL:棵[ke1], 個|个[ge4]") == ["棵 kē", "个 gè"]
    assert gloss_term("青蛙", "qing1 wa1", []).classifier == "只 zhī"  # frog


def test_pointers() -> None:
    assert pointer("variant of 侗劇|侗剧[Dong4 ju4]") == ("variant of", "侗剧")
    assert pointer("see also 馬恩島|马恩岛[Ma3 en1 Dao3]") == ("see also", "马恩岛")
    assert pointer("to see a doctor") is None


@pytest.mark.parametrize(
    ("word", "reading", "meaning"),
    [
        ("抑扬顿挫", "yi4 yang2 dun4 cuo4", "cadence"),  # "see 顿挫抑扬": resolved
        ("大气儿", "da4 qi4 r5", "atmosphere"),  # "erhua variant of 大气"
        ("体检", "ti3 jian3", "physical examination"),  # "abbr. for 体格检查"
        ("相扑", "xiang1 pu1", "sumo wrestling"),  # "also pr. [xiang4 pu1]"
        ("曼岛", "Man4 Dao3", "Isle of Man"),  # "see also 马恩岛"
        ("都会传奇", "du1 hui4 chuan2 qi2", "urban legend"),  # "same as 都市传奇"
    ],
)
def test_no_field_shows_dictionary_syntax(word: str, reading: str, meaning: str) -> None:
    gloss = gloss_term(word, reading, [])
    assert gloss.text.startswith(meaning)
    for field in (gloss.text, gloss.full, gloss.breakdown, *(t for _, t in gloss.alternatives)):
        assert not RAW.search(field), field


def test_a_variant_pointing_at_itself_says_nothing() -> None:
    # 阳台 (balcony) has an entry (traditional 陽臺) that is only "variant of 阳台"
    gloss = gloss_term("阳台", "yang2 tai2", [])
    assert gloss.full == "yáng tái: balcony; porch"


def test_a_part_that_only_points_elsewhere_glosses_by_its_target() -> None:
    from flashgen.gloss.breakdown import compositional

    # 图象 is "variant of 图像" (image); 处理 to handle
    assert compositional("图象处理", reading="tu2 xiang4 chu3 li3") == (
        "image handle",
        "图象 image + 处理 to handle",
    )


def test_a_sense_sharing_words_with_the_english_comes_first() -> None:
    from flashgen.gloss.dictionary import shared_senses

    # her performance improved this year (成绩 "performance records" after "achievement")
    pairs = [pair("她的成绩提高了。", "Her performance improved this year.")]
    assert gloss_term("成绩", "cheng2 ji4", pairs).text.startswith("performance records")
    assert gloss_term("成绩", "cheng2 ji4", []).text.startswith("achievement")  # no English
    # a light word shared by chance moves nothing ("to make use of" beside "make")
    assert not shared_senses("使用", [pair("他们使用工具。", "They make tools.")])


def pair(zh: str, en: str) -> SentencePair:
    return SentencePair((zh,), (en,))
