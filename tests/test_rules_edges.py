"""Rules on a candidate's edges and head (issue #14): a run that cuts a whole word is no
term; a run that ends in a verb the English keeps a verb, or in a degree word, is a clause."""

from __future__ import annotations

import pytest
from builders import pairs

from flashgen.records import Term
from flashgen.terms.english import english_compound, english_nominal
from flashgen.terms.explain import why_absent
from flashgen.terms.find import find_terms
from flashgen.terms.weights import WEIGHTS
from flashgen.terms.words import cut_word, token_class

# jieba keeps 污水处理 "sewage treatment" whole; its parts are counted, so 处理/设施 is a run.
SEWAGE = pairs(
    ("这家工厂的污水处理设施去年建成。",
     "The factory's sewage treatment facilities were completed last year."),
    ("新的污水处理设施每天处理三万吨污水。",
     "The new sewage treatment facilities treat 30,000 tonnes of sewage a day."),
)


def test_cut_word_names_the_word_a_text_cuts_everywhere() -> None:
    sentences = [p.zh for p in SEWAGE]
    assert cut_word("处理设施", sentences) == "污水处理"
    assert cut_word("污水处理设施", sentences) == ""  # whole words at both edges
    # Standing whole once is enough: 处理设施 after 的 "the city's treatment facilities".
    assert cut_word("处理设施", [*sentences, "这座城市的处理设施已经老化。"]) == ""


def test_a_run_cutting_a_dictionary_word_is_rejected_and_explained() -> None:
    terms = [t.text for t in find_terms(SEWAGE)]
    assert "处理设施" not in terms
    assert "污水处理设施" in terms
    assert "gate cuts_word rejects it: cuts the word 污水处理" in why_absent("处理设施", SEWAGE)


def test_the_run_stays_where_it_stands_whole_or_the_gate_is_off() -> None:
    whole = [*SEWAGE, *pairs(("这座城市的处理设施已经老化。",
                               "The city's treatment facilities have aged."))]
    assert "处理设施" in [t.text for t in find_terms(whole)]
    assert "处理设施" in [t.text for t in find_terms(SEWAGE, off=["cuts_word"])]


# "Farmers said water-saving irrigation saved them a lot on water fees per mu."
FARMERS = pairs(("农民表示，节水灌溉让每亩地省下不少水费。",
                 "Farmers said water-saving irrigation saved them a lot on water fees per mu."))


def test_a_near_synonyms_gloss_that_another_word_owns_makes_no_noun_of_the_verb() -> None:
    zh, en = FARMERS[0].zh, FARMERS[0].en
    # "said" is no gloss of 表示 "to say"; a near-synonym's gloss finds "water-saving",
    # which is 节水's: without the sentence to tell, it read as a noun ending in -ing.
    assert english_nominal(("农民", "表示"), en)
    assert not english_nominal(("农民", "表示"), en, zh)
    # The head's own gloss as a noun still counts: "intelligence sharing".
    sharing = "intelligence sharing among allies"
    assert english_nominal(("情报", "共享"), sharing, "盟国间的情报共享")


def test_subject_and_verb_is_a_clause_below_the_words() -> None:
    terms = find_terms(FARMERS)
    said = next(t for t in terms if t.text == "农民表示")
    assert "verb_end" in {name for name, *_ in said.why}
    assert [t.text for t in terms].index("农民表示") > [t.text for t in terms].index("节水灌溉")


# "A port strike left cargo stranded for a week."
PORT = pairs(("港口罢工让货物滞留了一周。", "A port strike left cargo stranded for a week."))


def test_a_bare_head_after_a_singular_modifier_is_a_noun_of_a_noun() -> None:
    zh, en = PORT[0].zh, PORT[0].en
    assert english_nominal(("港口", "罢工"), en, zh)
    # A plural subject before a bare verb, or an inflected verb, is a clause.
    assert not english_nominal(("港口", "罢工"), "Dockers at the ports strike each winter.")
    assert not english_nominal(("港口", "罢工"), "When the harbor strikes, ships wait.")
    port = next(t for t in find_terms(PORT) if t.text == "港口罢工")
    assert "verb_end" not in {name for name, *_ in port.why}


# "The factory has built a new maintenance workshop."
WORKSHOP = pairs(("工厂新建了一个维修车间。", "The factory has built a new maintenance workshop."))


def test_a_verb_the_english_makes_a_noun_before_the_noun_is_no_verb_and_object() -> None:
    workshop = next(t for t in find_terms(WORKSHOP) if t.text == "维修车间")
    assert "verb_noun" not in {name for name, *_ in workshop.why}
    # An "-ed" or "-ing" form before the noun is the verb of a clause.
    assert not english_compound(("维修", "车间"), "They maintained workshop tools.")


def test_a_degree_word_neither_starts_nor_ends_a_run() -> None:
    # (is a function word, may start, may end, may stand inside): 最好 "best", 更大 "greater"
    assert token_class("最好")[1:3] == (False, False)
    assert token_class("更大")[1:3] == (False, False)
    assert token_class("最高法院")[1:3] == (True, True)  # a noun: "supreme court"
    # "Of the ten cities, this one has the best air quality and the largest green area."
    cities = pairs(("在全国十个城市中，这里的空气质量最好，绿地面积最大。",
                    "Of the ten cities in the country, this one has the best air quality and "
                    "the largest green area."))
    terms = [t.text for t in find_terms(cities)]
    assert "空气质量" in terms and "绿地面积" in terms
    assert "空气质量最好" not in terms and "绿地面积最大" not in terms  # clauses


def test_a_preposition_or_conjunction_with_a_sense_of_content_is_in_no_run() -> None:
    assert token_class("基于") == (False, False, False, False)  # "on the basis of"
    # "The model predicts rainfall based on satellite data."
    model = pairs(("该模型基于卫星数据预测降雨。",
                   "The model predicts rainfall based on satellite data."))
    terms = [t.text for t in find_terms(model)]
    assert "卫星数据" in terms and "基于" in terms  # the word itself stays
    assert not [t for t in terms if "基于" in t and t != "基于"]


@pytest.mark.parametrize(("text", "sentence"), [
    ("哈哈", "哈哈哈哈哈"),  # laughter: overlapping places count once, as a pattern finds them
    ("银行", "银行和银行家"),  # bank, and banker
    ("猫", "狗"),  # cat not in dog
    ("a.b", "a.b axb"),  # no pattern syntax: the dot is a dot
])
def test_occurrences_are_where_a_pattern_would_find_the_text(text: str, sentence: str) -> None:
    import re

    from flashgen.terms.words import occurrences

    assert list(occurrences(text, sentence)) == [
        m.start() for m in re.finditer(re.escape(text), sentence)]


# "The village decided to organise volunteers to clean the river."
VILLAGE = pairs(("村里决定组织志愿者清理河道。",
                 "The village decided to organise volunteers to clean the river."))


def _factor(terms: list[Term], text: str, rule: str) -> float | None:
    term = next(t for t in terms if t.text == text)
    return next((value for name, how, value, _ in term.why if name == rule), None)


def test_jiebas_verb_before_a_noun_costs_less_than_a_verb_cc_cedict_knows_only_as_one() -> None:
    terms = find_terms(VILLAGE)
    # 组织 is a verb to jieba but a noun too to CC-CEDICT ("organisation"): verb_noun, the
    # milder cut, since jieba's tag alone is weaker evidence of a verb and its object.
    noun = _factor(terms, "组织志愿者", "verb_noun")
    assert noun == pytest.approx(1 - WEIGHTS.verb_noun_cut)
    # 清理 "to clean" has only verb senses: verb_object cuts harder, and verb_noun stays out.
    verb = _factor(terms, "清理河道", "verb_object")
    assert verb == pytest.approx(1 - WEIGHTS.verb_object_cut)
    assert _factor(terms, "清理河道", "verb_noun") is None
    assert verb < noun < 1
    assert _factor(find_terms(VILLAGE, off=["verb_noun"]), "组织志愿者", "verb_noun") is None


def test_a_verb_jieba_tags_a_noun_and_the_english_leaves_out_modifies_its_head() -> None:
    # 酿酒 "to brew" has only verb senses, but jieba tags it vn; the English says "liquor"
    # before the head's gloss and no gloss of the verb: a trade before its company.
    company = pairs(("这家酿酒企业今年扩建了厂房。",
                     "The liquor company expanded its plant this year."))
    assert _factor(find_terms(company), "酿酒企业", "verb_object") is None
    # Where the English translates the verb ("to brew"), it stays a verb and its object.
    equipment = pairs(("他们去年卖掉了酿酒设备。",
                       "They sold off the equipment to brew beer last year."))
    verb = _factor(find_terms(equipment), "酿酒设备", "verb_object")
    assert verb == pytest.approx(1 - WEIGHTS.verb_object_cut)


# jieba guesses 并线 "merge lanes" whole; the repair splits the conjunction character off
# (并/线), and 线 would start runs that begin inside the guess.
MERGING = pairs(
    ("该市并线公路工程今年完工。", "The city's lane-merging road project is finished this year."),
    ("两条道路并线公路工程进展顺利。", "The lane-merging road project of the two roads goes well."),
)


def test_a_run_starting_with_the_tail_of_a_guess_the_repair_split_is_rejected() -> None:
    assert "线公路工程" not in [t.text for t in find_terms(MERGING)]
    assert "gate guess_edge rejects it" in why_absent("线公路工程", MERGING)
    assert "线公路工程" in [t.text for t in find_terms(MERGING, off=["guess_edge"])]
