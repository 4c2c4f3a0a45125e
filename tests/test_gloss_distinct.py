"""distinct_glosses: no two cards of a deck with the same main gloss."""

from __future__ import annotations

from dataclasses import replace

from flashgen.gloss.distinct import distinct_glosses, gloss_key
from flashgen.records import AnnotatedTerm, Gloss, SentencePair, Term


def pair(zh: str, en: str) -> SentencePair:
    return SentencePair((zh,), (en,))


def card(
    text: str, gloss: str, origin: str = "parallel", *others: tuple[str, str]
) -> AnnotatedTerm:
    return AnnotatedTerm(Term(text), "", Gloss(gloss, origin, alternatives=others))


# The chief technology officer left. (首席技术官; 首席技术 is a fragment of it)
PAIRS = [pair("首席技术官离职了。", "The chief technology officer left.")]


def pairs_of(term: str) -> list[SentencePair]:
    return [p for p in PAIRS if term in p.zh]


def test_a_longer_term_takes_the_word_its_english_adds() -> None:
    cards = [card("首席技术官", "chief technology"), card("首席技术", "chief technology")]
    out = distinct_glosses(cards, pairs_of)
    assert [c.gloss.text for c in out] == ["chief technology officer", "chief technology"]


def test_without_english_the_dictionary_word_tells_it_apart() -> None:
    # 卡车驾驶员 "truck driver" holds the phrase of 驾驶员 "driver"
    cards = [card("驾驶员", "driver", "dictionary"), card("卡车驾驶员", "driver")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["driver", "truck driver"]


def test_a_card_falls_back_on_its_dictionary_gloss() -> None:
    cards = [
        card("汽车", "car", "dictionary"),
        card("轿车", "car", "parallel", ("dictionary", "limousine")),
    ]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["car", "limousine"]
    assert out[1].gloss.origin == "dictionary"
    assert ("parallel", "car") in out[1].gloss.alternatives


def test_a_teachers_gloss_and_a_card_nothing_tells_apart_stay() -> None:
    cards = [card("画家", "painter", "dictionary"), card("画师", "painter", "teacher")]
    assert distinct_glosses(cards, lambda term: []) == cards
    cards = [card("画家", "painter", "dictionary"), card("画师", "painter")]
    assert distinct_glosses(cards, lambda term: []) == cards


def test_a_card_takes_its_english_from_a_lower_ranked_holder() -> None:
    cards = [
        card("首席技术官", "chief technology"),
        card("首席技术", "chief technology"),
        # a lower-ranked longer run holds the phrase: the next pass tells it apart
        card("任首席技术官", "chief technology officer"),
    ]
    out = distinct_glosses(cards, pairs_of)
    keys = [gloss_key(c.gloss.text) for c in out]
    assert keys[:2] == ["chief technology officer", "chief technology"]
    assert keys[2].endswith(" chief technology officer") and len(set(keys)) == 3


def test_a_plural_is_the_same_main_gloss() -> None:
    # a phrase keeps the article's number: "gardeners" and "gardener" are one answer
    assert gloss_key("City  Gardeners") == gloss_key("city gardener")
    assert gloss_key("press") != gloss_key("pres")  # an -s that is no plural stays
    cards = [card("园丁", "gardener", "dictionary"), card("城市园丁", "gardeners")]
    # City gardeners planted the trees.
    pairs = [pair("城市园丁种下了这些树。", "City gardeners planted the trees.")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["gardener", "city gardeners"]


def test_a_phrase_naming_the_longer_term_is_its_own() -> None:
    # the shorter term took the word its longer neighbour adds: it gives that word back
    cards = [card("营利", "non-profit"), card("非营利", "non-profit")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["profit", "non-profit"]
    cards = [card("贸易", "international trade"), card("国际贸易", "international trade")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["trade", "international trade"]
    # a note in parentheses after the phrase stays whole
    cards = [card("贸易", "international trade (IT)"), card("国际贸易", "international trade (IT)")]
    out = distinct_glosses(cards, lambda term: [])
    assert out[0].gloss.text == "trade (IT)"


def test_a_modifier_after_of_is_given_back() -> None:
    # English says the longer term's first characters after "of"
    cards = [card("艺术博物馆", "museum of folk art"), card("民间艺术博物馆", "museum of folk art")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["museum of art", "museum of folk art"]
    cards = [
        card("舞蹈学院", "academy of folk songs and dance"),
        card("民歌舞蹈学院", "academy of folk songs and dance"),
    ]
    out = distinct_glosses(cards, lambda term: [])
    assert out[0].gloss.text == "academy of dance"


def test_a_term_with_characters_inside_the_other_takes_their_word() -> None:
    # They planted red apple trees. (an invented term with 红 inside 苹果树)
    pairs = [pair("他们种下了苹果红树。", "They planted red apple trees.")]
    cards = [card("苹果红树", "apple trees"), card("苹果树", "apple trees")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["red apple trees", "apple trees"]


def test_without_english_an_inserted_character_takes_its_dictionary_word() -> None:
    # 苹果新树 (invented) holds the phrase of 苹果树; 新 "new" before it
    cards = [card("苹果新树", "apple trees"), card("苹果树", "apple trees")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["new apple trees", "apple trees"]


def test_unrelated_terms_given_one_phrase_the_one_it_translates_keeps_it() -> None:
    # The football club also arranged online lectures for fans. The aligner gave the club's
    # phrase to the lectures too: the club's parts say it, so the lectures, ranked first,
    # take their own English, found with the club's phrase taken out of the sentence.
    pairs = [pair("足球俱乐部还为球迷安排了线上讲座。",
                  "The football club also arranged online lectures for fans.")]
    cards = [card("线上讲座", "football club"), card("足球俱乐部", "football club")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["online lectures", "football club"]
    assert out[0].gloss.origin == "parallel"


def test_without_a_phrase_elsewhere_a_card_takes_no_glued_senses() -> None:
    # The football club also sold tickets online. Taken out, the club's phrase leaves no
    # English for the lectures but their parts' senses glued: they keep the shared phrase.
    pairs = [pair("足球俱乐部还在线上讲座售票。", "The football club also sold tickets online.")]
    cards = [card("线上讲座", "football club"), card("足球俱乐部", "football club")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["football club", "football club"]


def test_a_word_of_a_names_description_is_no_word_of_the_name() -> None:
    # CC-CEDICT glosses 宜家 "IKEA, Swedish furniture retailer": "furniture" beside the name
    # still translates 家具, which the longer term adds
    cards = [card("零售商宜家", "furniture retailer IKEA"),
             card("家具零售商宜家", "furniture retailer IKEA")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["retailer IKEA", "furniture retailer IKEA"]


def test_a_term_that_says_more_than_another_cards_phrase_takes_the_word_beside_it() -> None:
    # The housing market boom slowed. 房价涨势 ("house prices" + "rising trend") got the
    # phrase 楼市 has; its English says what its unlinked end adds right after the phrase
    pairs = [pair("房价涨势放缓了。", "The housing market boom slowed.")]
    cards = [card("楼市", "housing market", "dictionary"), card("房价涨势", "housing market")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["housing market", "housing market boom"]


def test_a_run_of_dictionary_words_before_the_phrase_takes_their_glosses() -> None:
    # 工厂遵守 is no dictionary word, but 工厂 "factory" and 遵守 "to comply with" are
    cards = [card("安全规定", "safety rules"), card("工厂遵守安全规定", "safety rules")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["safety rules", "factory comply with safety rules"]
    # a phrase that already says one of those words names the longer term: no gluing
    cards = [
        card("安全规定", "factory safety rules"),
        card("工厂遵守安全规定", "factory safety rules"),
    ]
    out = distinct_glosses(cards, lambda term: [])
    assert out[1].gloss.text == "factory safety rules"


def test_a_preposition_and_an_article_may_stand_between_a_verb_and_the_phrase() -> None:
    # Play resumed, beginning in the rainy season. 开始于 ("to begin" + "in") is said by
    # "beginning", two words before the phrase the shorter term owns
    pairs = [pair("赛季开始于雨季。", "Play resumed, beginning in the rainy season.")]
    cards = [card("雨季", "rainy season"), card("开始于雨季", "rainy season")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert [c.gloss.text for c in out] == ["rainy season", "beginning in the rainy season"]


def test_the_same_parts_in_the_other_order_take_the_words_in_that_order() -> None:
    # "bank Blue Sky" follows 银行 + 蓝天 ("bank", "blue sky"); 蓝天银行 is "Blue Sky bank"
    cards = [card("蓝天银行", "bank Blue Sky"), card("银行蓝天", "bank Blue Sky")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["Blue Sky bank", "bank Blue Sky"]


def test_a_dictionary_word_both_terms_contain_owns_the_phrase_it_glosses() -> None:
    # 伦敦 is "London": neither longer term keeps it; the one whose added word the
    # dictionary glosses takes that word
    cards = [card("访问伦敦", "London"), card("伦敦之旅", "London")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["visit London", "London"]


def test_a_verb_after_a_name_is_no_head_noun_of_it() -> None:
    # Talks in London follow the summit. 召开 "to convene" is no noun "follow"
    pairs = [pair("伦敦召开会谈。", "Talks in London follow the summit.")]
    cards = [card("伦敦", "London", "dictionary"), card("伦敦召开", "London")]
    out = distinct_glosses(cards, lambda term: [p for p in pairs if term in p.zh])
    assert out[1].gloss.text == "London (convene)"


def test_the_same_term_in_other_words_is_one_card() -> None:
    # 电脑 and 计算机 are both "computer", before one 维修 "repair" and 员 "person"
    cards = [
        card("电脑维修员", "computer repairers"),
        card("足球俱乐部", "football club"),
        card("计算机维修员", "computer repairers"),
    ]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.term.text for c in out] == ["电脑维修员", "足球俱乐部"]
    # parts that say different things stay two cards, whatever their English
    cards = [card("电脑维修员", "computer repairers"), card("电脑销售员", "computer repairers")]
    assert len(distinct_glosses(cards, lambda term: [])) == 2


def test_a_modifier_run_into_the_word_is_taken_off_it() -> None:
    # "multichannel" is 多 "multi-" written into "channel" (通道): the shorter term keeps it
    cards = [card("通道音箱", "multichannel speaker"), card("多通道音箱", "multichannel speaker")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["channel speaker", "multichannel speaker"]


def test_a_word_the_phrase_says_in_another_form_goes_after_it_as_a_note() -> None:
    # 疫苗 is "vaccine": before "vaccination rate" it would say the word twice
    cards = [card("接种率", "vaccination rate"), card("疫苗接种率", "vaccination rate")]
    out = distinct_glosses(cards, lambda term: [])
    assert [c.gloss.text for c in out] == ["vaccination rate", "vaccination rate (vaccine)"]


def test_a_longer_card_takes_its_extra_characters_sense_as_read_there() -> None:
    # "The Bridge Park opens today.": the English gives 石 nothing, so the longer card
    # takes the dictionary's word for it, in the reading the card has (shi2 "rock", not
    # dan4, a measure of grain "equal to ten dou 斗", whose 斗 is no English).
    opens = SentencePair(("石桥公园今天开放。",), ("The Bridge Park opens today.",))
    park = AnnotatedTerm(Term("桥公园"), "", Gloss("Bridge Park", "parallel"))
    stone = AnnotatedTerm(Term("石桥公园"), "", Gloss("Bridge Park", "parallel"),
                          pinyin_numbered="shi2 qiao2 gong1 yuan2")
    glosses = [c.gloss.text for c in distinct_glosses([park, stone], lambda term: [opens])]
    assert glosses == ["Bridge Park", "rock Bridge Park"]
    unread = replace(stone, pinyin_numbered="")
    glossed = distinct_glosses([park, unread], lambda term: [opens])[1].gloss.text
    assert glossed != "Bridge Park" and not any("\u4e00" <= ch <= "\u9fff" for ch in glossed)
