"""Glosses: sense order and cleaning, classifiers, compositional and parallel-text glosses."""

from __future__ import annotations

import pytest

from flashgen.gloss.breakdown import compositional
from flashgen.gloss.choose import describe, gloss_term
from flashgen.gloss.dictionary import trim
from flashgen.gloss.parallel import parallel_gloss
from flashgen.gloss.place import residue_gloss
from flashgen.gloss.words import split_compound
from flashgen.lexicon.english import stem
from flashgen.lexicon.senses import sense_rank
from flashgen.records import SentencePair


def pair(zh: str, en: str) -> SentencePair:
    return SentencePair((zh,), (en,))


@pytest.mark.parametrize(
    ("word", "reading", "first"),
    [
        ("王", "wang2", "king"),  # king, not "surname Wang" (same sound, capitalised entry)
        ("王", "Wang2", "king"),  # even when asked for the capitalised reading
        ("了", "liao3", "to finish"),  # liǎo "to finish", not "variant of 瞭"
        ("长", "zhang3", "chief"),  # zhǎng "chief": the reading decides, not file order
    ],
)
def test_real_meaning_first(word: str, reading: str, first: str) -> None:
    gloss = gloss_term(word, reading, [])
    assert gloss.origin == "dictionary"
    assert gloss.text.startswith(first)
    assert "surname" not in gloss.text and "variant of" not in gloss.text


def test_sense_ranks() -> None:
    assert sense_rank("surname Wang") > sense_rank("variant of 瞭|了[liao3]")
    assert sense_rank("variant of 瞭|了[liao3]") > sense_rank("(literary) to go")
    assert sense_rank("(literary) to go") > sense_rank("(Tw) to integrate")
    assert sense_rank("(Tw) to integrate") > sense_rank("king or monarch")


def test_classifier_in_its_own_field() -> None:
    gloss = gloss_term("能力", "neng2 li4", [])  # capability, CL:個|个[ge4]
    assert gloss.classifier == "个 gè"
    assert "CL" not in gloss.text
    assert "CL" not in gloss.full and "个" not in gloss.full  # the Classifier field has it


def test_abbreviation_keeps_its_expansion() -> None:
    assert "NATO" in gloss_term("北约", "Bei3 yue1", []).text  # NATO, abbr. for 北大西洋公约组织


def test_trim_fits_a_card() -> None:
    assert trim(["a" * 30, "b" * 30, "c"]) == "a" * 30  # 63 chars would not fit
    assert trim(["x" * 80]) == "x" * 80  # always at least one sense
    assert trim(["a", "b", "c", "d"]) == "a; b; c"


def test_compositional_gloss_for_unknown_compound() -> None:
    # 海洋污染治理: ocean pollution control, in no dictionary
    assert split_compound("海洋污染治理") == ("海洋", "污染", "治理")
    gloss = gloss_term("海洋污染治理", "hai3 yang2 wu1 ran3 zhi4 li3", [])
    assert gloss.origin == "compositional"
    assert gloss.breakdown.startswith("海洋 ocean + 污染 ")
    assert gloss.text.startswith("ocean ")


HEALTH = [
    # The city's childhood vaccination rate has passed ninety percent.
    pair(
        "该市儿童的疫苗接种率已超过九成。",
        "The city's childhood vaccination rate has passed ninety percent.",
    ),
    # Health officials hope to lift the vaccination rate by five more points next year.
    pair(
        "卫生部门希望明年把疫苗接种率再提高五个百分点。",
        "Health officials hope to lift the vaccination rate by another five points next year.",
    ),
]


def test_parallel_gloss_from_the_translation() -> None:
    gloss = gloss_term("疫苗接种率", "yi4 miao2 jie1 zhong4 lv4", HEALTH)  # vaccination rate
    assert gloss.text == "vaccination rate"
    assert gloss.origin == "parallel"
    assert gloss.alternatives[0][0] == "compositional"
    found = parallel_gloss("疫苗接种率", HEALTH)
    assert found is not None and found.agreement == 1.0 and found.occurrences == 2


def test_parallel_gloss_takes_a_defined_name_with_its_acronym() -> None:
    pairs = [
        # The new Grid Energy Storage Centre (GESC) starts next year.
        pair(
            "新成立的电网储能中心（GESC）将于明年投入运行。",
            "The new Grid Energy Storage Centre (GESC) will start operating next year.",
        ),
        # The GESC will coordinate battery projects across the country.
        pair(
            "电网储能中心将负责协调全国的电池项目。",
            "The GESC will coordinate battery projects across the country.",
        ),
    ]
    gloss = gloss_term("电网储能中心", "dian4 wang3 chu3 neng2 zhong1 xin1", pairs)
    assert gloss.text == "Grid Energy Storage Centre (GESC)"


def test_unrelated_translation_is_not_trusted() -> None:
    # The English says something else entirely: keep the compositional gloss.
    pairs = [pair("海洋污染治理成效明显。", "Results came quickly.")]
    assert gloss_term("海洋污染治理", "", pairs).origin == "compositional"


def test_dictionary_sense_the_article_uses_comes_first() -> None:
    # 部署: to dispose; to deploy; deployment. The text uses "deploy".
    pairs = [pair("两国计划部署新型雷达。", "The two countries plan to deploy a new radar.")]
    gloss = gloss_term("部署", "bu4 shu3", pairs)
    assert gloss.origin == "dictionary"
    assert gloss.text.startswith("to deploy")


def test_describe_lists_every_reading() -> None:
    report = describe("長")  # traditional form of 长: long / chief
    assert [e.pinyin for e in report.entries] == ["chang2", "zhang3"]
    assert report.entries[0].simplified == "长" and report.entries[0].pinyin_marks == "cháng"
    unknown = describe("海洋污染治理")  # ocean pollution control
    assert unknown.entries == () and unknown.gloss.origin == "compositional"


def test_compositional_parts_take_short_common_senses() -> None:
    # 峰谷 peak and off-peak: "peak + valley", not whole senses glued together; 谷 is the
    # valley (traditional 谷), not the grain (traditional 穀)
    pairs = [
        # This summer the gap between peak and off-peak power prices widened again.
        pair(
            "今年夏天用电峰谷差价继续扩大。",
            "This summer the gap between peak and off-peak power prices widened again.",
        )
    ]
    gloss = gloss_term("峰谷", "feng1 gu3", pairs)
    assert dict(gloss.alternatives)["compositional"] == "peak + valley"
    # the English at its place says the pair with its "and": that is the main gloss
    assert (gloss.text, gloss.origin) == ("peak and off-peak", "parallel")
    # 荷储 load and storage: a bound 荷 is never "Holland" (a country's abbreviation)
    assert "Holland" not in gloss_term("荷储", "he2 chu3", []).text


def test_quoted_term_matches_the_quoted_hyphenated_phrase() -> None:
    pairs = [
        # This year the county is promoting "water-fertilizer integration" technology.
        pair(
            "该县今年推广“水肥一体化”技术。",
            'This year the county is promoting "water-fertilizer integration" technology.',
        )
    ]
    gloss = gloss_term("水肥一体化", "shui3 fei2 yi1 ti3 hua4", pairs)
    assert (gloss.text, gloss.origin) == ("water-fertilizer integration", "parallel")
    assert dict(gloss.alternatives)["compositional"] == "water fertilizer integration"


def test_no_guessed_word_for_a_part_translated_elsewhere() -> None:
    pairs = [
        # The station offers frequency regulation services and earns from the ancillary
        # services market.
        pair(
            "电站提供调频服务，并从辅助服务市场获得收益。",
            "The station offers frequency regulation services and earns income from the "
            "ancillary services market.",
        )
    ]
    assert gloss_term("调频服务", "tiao2 pin2 fu2 wu4", pairs).text.startswith("frequency")


@pytest.mark.parametrize("word", ["储", "荷", "朴", "谷"])  # store, lotus, simple, valley
def test_lookup_never_leads_with_a_surname_or_variant(word: str) -> None:
    first = describe(word).entries[0]
    assert first.pinyin[0].islower()  # a common word's entry, not a name's
    assert sense_rank(first.senses[0]) == sense_rank("king")


def test_korean_surnames_and_pronunciation_notes_rank_last() -> None:
    assert sense_rank("Korean surname (Park, Pak, or Bak)") == sense_rank("surname Wang")
    assert sense_rank("Taiwan pr. [Chu2]") > sense_rank("(literary) to go")


def test_part_takes_the_alternative_of_a_sense_the_english_uses() -> None:
    # 标准 "standard; criterion; norm" is one CC-CEDICT sense: the text says "criteria"
    pairs = [
        # Health officials published the entry criteria for private hospitals.
        pair(
            "卫生部门公布了民营医院的准入标准。",
            "Health officials published the entry criteria for private hospitals.",
        )
    ]
    gloss = gloss_term("准入标准", "zhun3 ru4 biao1 zhun3", pairs)  # entry criteria
    assert gloss.breakdown.endswith("标准 criterion")


def test_stems_meet_across_a_silent_e() -> None:
    # "rates" must link 率 "rate": the mortality rates of young birds
    pairs = [pair("幼鸟的死亡率较高。", "The mortality rates of young birds are high.")]
    found = parallel_gloss("死亡率", pairs)
    assert found is not None and found.text == "mortality rates"


def test_a_word_another_word_of_the_sentence_says_does_not_block_a_guess() -> None:
    # "drugs" is 药物's here, not 药's: 用药率 may still take "prescription" before "rate"
    pairs = [
        # After the hospital's prescription rate fell, spending on drugs dropped.
        pair(
            "医院的用药率下降后，药物支出减少了。",
            "After the hospital's prescription rate fell, spending on drugs dropped.",
        )
    ]
    assert gloss_term("用药率", "yong4 yao4 lv4", pairs).text == "prescription rate"


def test_linked_words_beat_guessed_ones_at_equal_coverage() -> None:
    pairs = [
        # Residents can pay clinic fees with money from their personal health insurance
        # accounts.
        pair(
            "居民可以用个人账户里的钱支付门诊费用。",
            "Residents can pay clinic fees with money from their personal health insurance "
            "accounts.",
        )
    ]
    gloss = gloss_term("个人账户", "ge4 ren2 zhang4 hu4", pairs)  # personal account
    assert gloss.text == "personal health insurance accounts"


def test_an_abbreviation_leads_with_its_meaning_once() -> None:
    # 体检 "abbr. for 体格检查" (physical examination): the meaning first
    assert gloss_term("体检", "ti3 jian3", []).text == "physical examination (short for 体格检查)"
    # 环保 has "environmental protection" as a sense of its own: no abbreviation repeats it
    assert "short for" not in gloss_term("环保", "huan2 bao3", []).text
    # 开源 "to expand one's financial resources; abbr. for 开放源码": the text means software
    pairs = [pair("这家公司开源了它的模型。", "The company open-sourced its model.")]
    assert gloss_term("开源", "kai1 yuan2", pairs).text.startswith("open source")


def test_compositional_noun_phrase_reads_as_english() -> None:
    # 统筹规划工作 overall planning work: 规划 "plan" is not said twice after 统筹 "an
    # overall plan", and 工作 is "job", not "(of a machine) to operate"
    # 三审 third reading: 审 "to examine; to investigate; carefully" is never "carefully"
    assert compositional("三审")[0] == "three + examine"
    glued = compositional("统筹规划工作")[0]
    assert glued.startswith("overall plan ") and "plan plan" not in glued
    assert "operate" not in glued
    # 微重力实验 microgravity experiment: the prefix "micro-" joins its word
    pairs = [
        # The astronauts completed a microgravity experiment on the space station.
        pair(
            "宇航员在空间站完成了微重力实验。",
            "The astronauts completed a microgravity experiment on the space station.",
        )
    ]
    gloss = gloss_term("微重力实验", "wei1 zhong4 li4 shi2 yan4", pairs)
    assert dict(gloss.alternatives)["compositional"] == "micro-gravity experiment"


@pytest.mark.parametrize(
    ("word", "zh", "en", "dictionary"),
    [
        # The buyer paid late and must pay the sum agreed in the deal. ("agreed" is only
        # one word of 违约 "to violate an agreement": no translation of 违约金 "penalty")
        ("违约金", "买方未按时付款，须支付违约金。",
         "The buyer paid late and must pay the sum agreed in the deal.", "penalty (fee)"),
        # Goods moving through the port's terminals rose sharply. (import and export)
        ("进出口", "港口进出口货物大幅增加。",
         "Goods moving through the port's terminals rose sharply.", "import and export"),
    ],
)
def test_dictionary_kept_over_a_phrase_that_says_no_part_in_full(
    word: str, zh: str, en: str, dictionary: str
) -> None:
    gloss = gloss_term(word, "", [pair(zh, en)])
    assert (gloss.origin, gloss.text) == ("dictionary", dictionary)


def test_an_overlong_first_sense_is_cut_for_the_card() -> None:
    long = "(law) judgement defaulter (person who has failed to fulfill a court order)"
    assert trim([long]) == "judgement defaulter"
    # only the alternatives that fit stay
    assert trim(["(statistics) compared with the same period of the previous year; year on"
                 " year"]) == "compared with the same period of the previous year"


GREEN_PASS = [
    # Residents must show a green pass before entering shopping malls.
    pair(
        "市民进入商场前须出示绿码。",
        "Residents must show a green pass before entering shopping malls.",
    ),
    # Travellers without a pass cannot board planes.
    pair("没有绿码的旅客不能登机。", "Travellers without a pass cannot board planes."),
    # The app updates the pass every day.
    pair("这个应用每天更新绿码。", "The app updates the pass every day."),
    # Older people cannot use phones to apply for the pass.
    pair("老人不会使用手机申请绿码。", "Older people cannot use phones to apply for the pass."),
]


def test_the_word_every_sentence_leaves_unexplained_glosses_a_coinage() -> None:
    # 绿码 (health pass; no dictionary has it): "pass" is the one word no other Chinese
    # word of each sentence accounts for; the card says "green pass", the phrase of the
    # first sentence (码 its head, the word after "green"), which the others say by its head
    assert residue_gloss("绿码", GREEN_PASS) == "pass"
    gloss = gloss_term("绿码", "lv4 ma3", GREEN_PASS)
    assert (gloss.text, gloss.origin) == ("green pass", "parallel")
    assert dict(gloss.alternatives)["compositional"] == "green + weight"
    assert residue_gloss("绿码", GREEN_PASS[:2]) == ""  # two sentences are too few


@pytest.mark.parametrize(
    ("word", "expected"),
    [("rates", "rate"), ("rate", "rate"), ("boxes", "box"), ("press", "press"),
     ("virus", "virus"), ("ministers", "minister")],
)
def test_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_a_sense_one_of_whose_alternatives_the_text_uses_comes_first() -> None:
    # 强制: "to force; to compel; to coerce" and "forced; compulsory"; the text says
    # "compulsory", one alternative of the second sense
    pairs = [
        # The school makes health checks compulsory for every pupil.
        pair(
            "这所学校对所有学生实行强制体检。",
            "The school makes health checks compulsory for every pupil.",
        )
    ]
    assert gloss_term("强制", "qiang2 zhi4", pairs).text.startswith("forced; compulsory")
    assert gloss_term("强制", "qiang2 zhi4", []).text.startswith("to force")


def test_a_later_mention_by_the_head_noun_agrees_with_the_full_phrase() -> None:
    pairs = [
        # All stall holders must hold certificates of food safety.
        pair(
            "所有摊贩都必须持有食品安全证书。",
            "All stall holders must hold certificates of food safety.",
        ),
        # Inspectors checked the certificates one by one.
        pair("检查人员逐一核对食品安全证书。", "Inspectors checked the certificates one by one."),
    ]
    found = parallel_gloss("食品安全证书", pairs)  # food safety certificate
    assert found is not None and found.agreement == 1.0
    # the phrase as the article writes it, its plural too
    assert gloss_term("食品安全证书", "", pairs).text == "certificates of food safety"


def test_two_trailing_single_characters_take_one_word() -> None:
    # 二级箭体 second stage (of a rocket): 箭 + 体 together are the word "stage"
    pairs = [pair("火箭的二级箭体落入了大海。", "The rocket's second stage fell into the sea.")]
    assert gloss_term("二级箭体", "er4 ji2 jian4 ti3", pairs).text == "second stage"


def test_a_phrase_opening_its_sentence_loses_the_sentence_capital() -> None:
    # Flood control teams strengthened the river banks overnight.
    english = "Flood control teams strengthened the river banks overnight."
    pairs = [pair("防汛队伍连夜加固了河堤。", english)]
    assert gloss_term("防汛队伍", "", pairs).text.startswith("flood control")  # flood team


@pytest.mark.parametrize(
    ("term", "zh", "en", "expected"),
    [
        # "Workers installed a new tide gauge at the port.": 验 "to examine" and 仪
        # "apparatus" link to nothing; the words left at the term's place are its name
        (
            "验潮仪",
            "工人在港口安装了新的验潮仪。",
            "Workers installed a new tide gauge at the port.",
            "tide gauge",
        ),
        # "The lace ferns in the valley are growing well.": no part links at all; the
        # unexplained words next to "valley" (山谷, right before the term) are taken
        (
            "鳞盖蕨",
            "山谷里的鳞盖蕨长得很好。",
            "The lace ferns in the valley are growing well.",
            "lace ferns",
        ),
    ],
)
def test_a_once_seen_term_takes_the_english_left_at_its_place(
    term: str, zh: str, en: str, expected: str
) -> None:
    gloss = gloss_term(term, "", [pair(zh, en)])
    assert (gloss.text, gloss.origin) == (expected, "parallel")
    assert gloss.alternatives[0][0] == "compositional"


def test_the_alternative_the_article_says_leads_a_sense_too_long_for_a_card() -> None:
    # "On the whole, the plan is workable.": 大体's first sense "in general; more or less;
    # in rough terms; basically; on the whole" is too long for a card, whose trim kept
    # its first four alternatives; the one the article says comes first and stays
    pairs = [pair("这个计划大体可行。", "On the whole, the plan is workable.")]
    gloss = gloss_term("大体", "da4 ti3", pairs)
    assert gloss.text.startswith("on the whole; in general")


def test_the_name_the_chinese_gives_in_brackets_completes_a_phrase_cut_short() -> None:
    # "The Chicago Board said last week that trading volume remains too high.": only
    # 芝加哥 links ("Chicago"); the Chinese gives the term's English name in brackets,
    # which the English says too, and which holds the phrase
    pairs = [pair("芝加哥期所(Chicago Board)上周表示，交易量仍然偏高。",
                  "The Chicago Board said last week that trading volume remains too high.")]
    gloss = gloss_term("芝加哥期所", "", pairs)
    assert (gloss.text, gloss.origin) == ("Chicago Board", "parallel")
    # a bracketed name the English does not say is not taken
    pairs = [pair("芝加哥期所(Windy Board)上周表示，交易量仍然偏高。",
                  "The Chicago Board said last week that trading volume remains too high.")]
    assert gloss_term("芝加哥期所", "", pairs).text != "Windy Board"


def test_a_phrase_of_the_heads_words_said_alike_in_every_sentence_beats_the_parts() -> None:
    # "This local tradition still survives today." / "Visitors all love this local
    # tradition.": both words link to 习俗 ("custom; tradition; local tradition"), 山村
    # "mountain village" to nothing; two sentences name the term alike by its head
    pairs = [
        pair("这种山村习俗至今仍然保留。", "This local tradition still survives today."),
        pair("游客们都很喜欢这种山村习俗。", "Visitors all love this local tradition."),
    ]
    gloss = gloss_term("山村习俗", "", pairs)
    assert (gloss.text, gloss.origin) == ("local tradition", "parallel")
    assert gloss.alternatives == (("compositional", "mountain village tradition"),)


def test_a_positional_phrase_takes_two_modifiers_joined_by_and() -> None:
    # "In the first quarter, the port's salt and timber haulage rose by 30 percent." /
    # "The port's salt and timber haulage may fall back next year.": 盐木 is a coordinate
    # pair of single characters, said "salt and timber"; the run of unexplained words at
    # the term's place holds the "and", and takes a word more for it
    pairs = [
        pair("一季度港口盐木运量上涨了三成。",
             "In the first quarter, the port's salt and timber haulage rose by 30 percent."),
        pair("港口盐木运量明年可能回落。",
             "The port's salt and timber haulage may fall back next year."),
    ]
    gloss = gloss_term("盐木运量", "", pairs)
    assert (gloss.text, gloss.origin) == ("salt and timber haulage", "parallel")


def test_a_lone_modifier_takes_the_word_opening_the_sentence_before_the_phrase() -> None:
    # "Frenzied purchases like this are hard to sustain.": 购 links "purchases", 狂 "mad"
    # links nothing; the word before is capitalised only as the sentence's first word, no
    # name, so it is the lone character's modifier
    pairs = [pair("这样的狂购很难持续。", "Frenzied purchases like this are hard to sustain.")]
    gloss = gloss_term("狂购", "", pairs)
    assert (gloss.text, gloss.origin) == ("frenzied purchases", "parallel")


def test_a_phrase_headed_by_the_heads_word_beats_a_partly_linked_composition() -> None:
    # "A critically endangered orchid grows on the mountain.": 濒危 "endangered" links,
    # 高度 "height; highly" does not; the English at the term's place ends in the head's
    # word, so it is the gloss ("height endangered" is the composition)
    english = "A critically endangered orchid grows on the mountain."
    pairs = [pair("山上有一种高度濒危的兰花。", english)]
    gloss = gloss_term("高度濒危", "", pairs)
    assert (gloss.text, gloss.origin) == ("critically endangered", "parallel")


def test_sentences_agree_on_a_positional_phrase_when_one_says_part_of_it() -> None:
    # "The Suiling Express opened in May." / "Passengers said the express saved them
    # time.": no part of 穗岭快巴 links; the second sentence leaves "express" and "said"
    # equally likely, and "express" is part of the first sentence's "Suiling Express"
    pairs = [
        pair("穗岭快巴五月开通。", "The Suiling Express opened in May."),
        pair("乘客说，穗岭快巴节省了时间。", "Passengers said the express saved them time."),
    ]
    gloss = gloss_term("穗岭快巴", "", pairs)
    assert (gloss.text, gloss.origin) == ("Suiling Express", "parallel")


def test_a_phrase_that_names_the_term_in_its_own_words_beats_its_parts() -> None:
    # Police say the leader of a cybergambling gang was arrested yesterday in a raid.
    # Only 团伙 "gang" links: "cybergambling" says 网络 + 赌博 in one word of its own
    # (confidence 0.50), where the parts glued would say "network gamble gang".
    english = "Police say the leader of a cybergambling gang was arrested yesterday in a raid."
    pairs = [pair("昨天，网络赌博团伙的头目被捕。", english)]
    gloss = gloss_term("网络赌博团伙", "", pairs)
    assert (gloss.text, gloss.origin) == ("cybergambling gang", "parallel")
    assert dict(gloss.alternatives)["compositional"] == "network gamble gang"


def test_a_fragment_of_the_term_does_not_beat_its_parts() -> None:
    # Police say the leader of the gang was arrested yesterday in a raid: "gang" is all
    # the English says of 网络赌博团伙, a word its parts link to.
    english = "Police say the leader of the gang was arrested yesterday in a raid."
    pairs = [pair("昨天，网络赌博团伙的头目被捕。", english)]
    assert gloss_term("网络赌博团伙", "", pairs).origin == "compositional"


def test_the_articles_noun_for_a_verb_sense_comes_first() -> None:
    # 庆祝: to celebrate. The article uses the noun, which the dictionary lacks.
    english = "The celebration of the festival lasted three days."
    pairs = [pair("节日的庆祝持续了三天。", english)]
    assert gloss_term("庆祝", "qing4 zhu4", pairs).text == "celebration; to celebrate"
    # They celebrated the festival: the verb the dictionary gives is the article's own
    pairs = [pair("他们庆祝了节日。", "They celebrated the festival.")]
    assert gloss_term("庆祝", "qing4 zhu4", pairs).text == "to celebrate"


def test_the_articles_own_wording_of_a_dictionary_word_leads_its_senses() -> None:
    # 打扫 "to clean; to sweep": the article says "cleaning", the learner meets that form
    english = "Cleaning the rooms takes an hour every morning."
    pairs = [pair("每天早上打扫房间要一个小时。", english)]
    assert gloss_term("打扫", "da3 sao3", pairs).text == "cleaning; to clean; to sweep"
    # an inflection of a sense is that sense: "cleaned" is "to clean"
    pairs = [pair("他们打扫了房间。", "They cleaned the rooms.")]
    assert gloss_term("打扫", "da3 sao3", pairs).text == "to clean; to sweep"


def test_a_capital_only_opening_its_sentence_is_dropped_from_the_leading_wording() -> None:
    # 监测 "to monitor": "Monitoring showed ..." opens the sentence, a common noun
    english = "Monitoring showed that the water was cleaner."
    pairs = [pair("监测数据显示水质好转。", english)]
    assert gloss_term("监测", "jian1 ce4", pairs).text == "monitoring; to monitor"
    # inside a name it is no wording of the word: "Water Monitoring Office"
    english = "Water Monitoring Office data showed cleaner water."
    pairs = [pair("监测数据显示水质好转。", english)]
    assert gloss_term("监测", "jian1 ce4", pairs).text == "to monitor"
    # a name that shares a sense's letters ("Extremo", "extreme") leads nothing
    pairs = [pair("他们的极端做法超过了对手。", "Extremo Bank climbed above its rivals.")]
    assert gloss_term("极端", "ji2 duan1", pairs).text.startswith("extreme")


def test_lone_last_character_takes_the_word_after_as_the_head() -> None:
    """A term's last single character that links to nothing is its head noun: the phrase
    takes the word after it (煤 "coal" + 站, the word for it "depot")."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("煤站", "The new coal depot opened on Monday.", "新的煤站周一开放。")
    assert found is not None and found.text == "coal depot"


def test_lone_last_character_takes_no_word_another_word_translates() -> None:
    """The word after is 工人's ("workers"), not the term's head."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("煤站", "The coal workers went on strike.", "煤站工人罢工了。")
    assert found is not None and found.text == "coal"


def test_lone_last_character_takes_no_word_when_each_part_has_one() -> None:
    """舷 says "ship side" in two words, as many as the term has parts: "floats" after
    them is no word of the term."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("舷标", "The ship side floats were painted red.", "舷标涂成了红色。")
    assert found is not None and found.text == "ship side"


def test_dictionary_word_takes_no_guessed_head() -> None:
    """菜园 is a dictionary word ("vegetable garden"): its senses say it, so its lone last
    character takes no word by position ("plot")."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("菜园", "The old vegetable plot was sold.", "老菜园卖掉了。")
    assert found is not None and found.text == "vegetable"


def test_lone_first_character_takes_the_word_before_as_a_modifier() -> None:
    """冻 links to nothing ("frozen" is no stem of "to freeze"): the first character of a
    term the dictionary lacks takes the word before the phrase."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("冻柴", "The frozen firewood would not burn.", "冻柴烧不着。")
    assert found is not None and found.text == "frozen firewood"


def test_lone_first_character_takes_no_closed_class_word() -> None:
    """"fewer" is a closed-class word: never a term's word by its position."""
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in("冻柴", "They sold fewer firewood bundles.", "他们卖掉冻柴。")
    assert found is not None and found.text == "firewood"


def test_a_name_is_no_prefix_of_a_sense() -> None:
    # "Compaq" shares "compa" with "company", but a capitalised word is part of a name: it
    # backs no sense and links to no sense word; a capitalised common word still does
    from flashgen.gloss.dictionary import used_senses
    from flashgen.gloss.phrase import phrase_in

    named = [pair("那家公司很大。", "Compaq is big.")]
    assert used_senses("公司", named, whole=False) == frozenset()
    assert phrase_in("公司", "Compaq is big.", "那家公司很大。") is None
    plain = [pair("那家公司很大。", "Companies are big.")]
    assert used_senses("公司", plain, whole=False) == {"company; firm; corporation"}


def test_a_dictionary_nouns_first_character_takes_the_modifier_before() -> None:
    # 书 links to no word of "canvas bag": the noun's kind is said by the word before its
    # head, so the phrase is "canvas bag", not the fragment "bag"; a verb's word before is
    # an adverb, never taken ("quietly")
    from flashgen.gloss.phrase import phrase_in

    noun = phrase_in("书包", "He carries a canvas bag.", "他背着书包。")
    assert noun is not None and noun.text == "canvas bag"
    verb = phrase_in("早退", "He often quietly leaves.", "他常常早退。")
    assert verb is not None and verb.text == "leaves"


@pytest.mark.parametrize(
    ("english", "text"),
    [
        ("They are cleaning the rooms.", "to clean; to sweep"),  # after "be": the verb
        ("He left before cleaning the rooms.", "to clean; to sweep"),  # before its object
        ("They finished the cleaning quickly.", "cleaning; to clean; to sweep"),  # a noun
        ("The cleaning of the rooms took an hour.", "cleaning; to clean; to sweep"),
    ],
)
def test_an_ing_form_leads_only_as_a_noun(english: str, text: str) -> None:
    # 打扫 "to clean": "cleaning" used as the verb only repeats the sense "to clean"
    pairs = [pair("每天早上打扫房间要一个小时。", english)]
    assert gloss_term("打扫", "da3 sao3", pairs).text == text


def test_a_word_between_linked_parts_stands_for_the_part_between() -> None:
    # 午餐 "lunch" links to no word of "school meal fees", but "meal" stands between the
    # words of 学校 and 费 where 午餐 stands in the Chinese: the phrase is not "school meal"
    from flashgen.gloss.phrase import phrase_in

    chinese = "家长每月交学校午餐费。"
    found = phrase_in("学校午餐费", "Parents pay school meal fees every month.", chinese)
    assert found is not None and found.text == "school meal fees"
    # a function word inside starts another phrase: no word is guessed across it
    found = phrase_in("学校午餐费", "The school told a meal fees story.", chinese)
    assert found is not None and found.text != "school told a meal fees"


def test_a_dictionary_nouns_last_character_takes_the_head_after() -> None:
    # 茶馆 "teahouse": "tea" links 茶 and 馆 links nothing; the head of "tea parlour" is
    # the noun's own, not the fragment "tea"
    from flashgen.gloss.phrase import _adjective, phrase_in

    found = phrase_in("茶馆", "They met in a tea parlour.", "他们在茶馆见面。")
    assert found is not None and found.text == "tea parlour"
    # a word whose senses are adjectives names no noun: no head is guessed for it
    assert _adjective("耐用") and not _adjective("茶馆")


@pytest.mark.parametrize(
    ("term", "english", "chinese", "phrase"),
    [
        # 诊疗 links to both "diagnosis" and "treatment": the phrase holds both
        (
            "分级诊疗",
            "The county is piloting a tiered diagnosis and treatment system in its clinics.",
            "该县正在诊所试行分级诊疗制度。",
            "tiered diagnosis and treatment",
        ),
        # "release" links to 版 too, but it is the verb before "a", not part of the term
        (
            "小型版本",
            "The studio said it would release a smaller version for tablets next spring.",
            "该工作室表示，明年春天将推出面向平板的小型版本。",
            "smaller version",
        ),
        # "provincial" elsewhere says 省, yet the name before it is the academy's own
        (
            "临原省林业科学院",
            "A fast-growing poplar, Dongyang 3, jointly bred by the Linyuan Academy of"
            " Forestry Sciences and Lvshan Nursery Co., has passed provincial variety"
            " certification.",
            "由临原省林业科学院和绿山苗木有限公司联合选育的速生杨“东杨3号”已通过省级品种审定。",
            "Linyuan Academy of Forestry Sciences",
        ),
    ],
)
def test_a_phrase_holds_the_words_the_term_explains(
    term: str, english: str, chinese: str, phrase: str
) -> None:
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in(term, english, chinese)
    assert found is not None and found.text == phrase


def test_a_pair_saying_a_longer_word_has_no_say() -> None:
    # 计算 runs on into 计算机 "computer": that pair names the machine, not the computing
    pairs = [
        pair("这家实验室造出了一台量子计算机。", "The lab has built a quantum computer."),
        pair("量子计算近年进展很快。", "Quantum computing has advanced quickly in recent years."),
    ]
    assert gloss_term("量子计算", "liang4 zi3 ji4 suan4", pairs).text == "quantum computing"


def test_a_compound_hyphenated_before_its_noun_is_written_apart() -> None:
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in(
        "道路安全", "The city hired forty more road-safety inspectors this year.",
        "该市今年新聘了四十名道路安全检查员。",
    )
    assert found is not None and found.text == "road safety"


def test_a_phrasal_verb_keeps_its_particle() -> None:
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in(
        "逐步淘汰", "The plan calls for the gradual phasing out of coal boilers by 2030.",
        "该计划要求到2030年逐步淘汰燃煤锅炉。",
    )
    assert found is not None and found.text == "gradual phasing out"


def test_a_wording_that_says_more_of_a_word_than_its_first_sense_leads() -> None:
    # "gate tickets" says 门 and 票, the first sense "ticket" only 票
    pairs = [pair("游客抱怨景区门票太贵。", "Visitors said the park's gate tickets cost too much.")]
    assert gloss_term("门票", "men2 piao4", pairs).text.startswith("gate tickets; ticket")


def test_a_phrase_leaves_out_the_sentence_s_object_pronoun() -> None:
    from flashgen.gloss.phrase import phrase_in

    found = phrase_in(
        "入窖储存", "Farmers dig up the potatoes and store them in a cellar over winter.",
        "农民挖出土豆后入窖储存过冬。",
    )
    assert found is not None and found.text == "store in a cellar"


def test_a_lone_common_compound_opening_a_sentence_loses_its_capital() -> None:
    """A hyphenated word with a piece in lower case is no name: a card gives it without
    the capital of the headline it opens; a name's capitalised pieces keep theirs."""
    from flashgen.gloss.words import english_tokens, uncapitalised

    english = "Rust-free pipes reach the valley"
    assert uncapitalised("Rust-free", english, english_tokens(english)[:1]) == "rust-free"
    english = "Baden-Baden hosts a fair"
    assert uncapitalised("Baden-Baden", english, english_tokens(english)[:1]) == "Baden-Baden"


def test_a_name_before_a_common_noun_phrase_lets_it_take_its_head() -> None:
    """A capitalised first word before lower-case ones is a name modifying a noun phrase,
    no name of its own: the unlinked last part takes the word after ("pact" for 协定);
    a phrase opening its sentence takes none (the word after is the sentence's verb)."""
    from flashgen.gloss.phrase import phrase_in

    english = "Ministers signed the Norway fishing pact on Tuesday."
    found = phrase_in("挪威渔业协定", english, "部长们周二签署了挪威渔业协定。")
    assert found is not None and found.text == "Norway fishing pact"
    found = phrase_in("挪威渔业协定", "Norway fishing quotas fell.", "挪威渔业协定下降。")
    assert found is not None and found.text == "norway fishing"


def test_a_name_takes_the_capitalised_word_that_stands_for_its_last_character() -> None:
    """A name that runs on by one capitalised word past its linked ones ends in the term's
    unlinked last character, its head ("Bureau" for 局, whose senses say "office"); after
    a lone linked character the link is too loose to take the name's next word."""
    from flashgen.gloss.phrase import phrase_in

    english = "The Coastal Fisheries Bureau closed the bay on Monday."
    found = phrase_in("渔业局", english, "沿海渔业局周一封闭了海湾。")
    assert found is not None and found.text == "Fisheries Bureau"
    found = phrase_in("新局", "The News Bureau opened.", "新局开放了。")
    assert found is not None and found.text == "News"


def test_parallel_gloss_prefers_the_common_noun_to_a_name_fragment() -> None:
    """Of two wordings every sentence supports alike, the one in lower case is the term;
    the capitalised one is its use inside a name ("Shipping Industrial Zone")."""
    pairs = [
        pair("滨江航运产业区昨天开张了。", "The Binjiang Shipping Industrial Zone opened."),
        pair("职工搬进了航运产业区。", "Workers moved to the Shipping Industrial Zone."),
        pair("该市大力发展航运产业。", "The city is building up its shipping industry."),
    ]
    found = parallel_gloss("航运产业", pairs)
    assert found is not None and found.text == "shipping industry"


def test_a_passive_participle_leads_a_dictionary_verb() -> None:
    """An article that says a dictionary verb only as its passive participle ("was
    demoted") leads the card with that form; one that uses the verb itself does not."""
    passive = [
        pair("那位经理去年被降职了。", "The manager was demoted last year."),
        pair("他从未被降职。", "He has never been demoted."),
    ]
    gloss = gloss_term("降职", "jiang4 zhi2", passive)
    assert gloss.text.startswith("demoted; to demote")
    active = [pair("那位经理去年降职了两名员工。", "The manager demoted two clerks last year.")]
    assert gloss_term("降职", "jiang4 zhi2", active).text.startswith("to demote")


def test_a_site_name_hyphened_onto_a_headline_phrase_is_no_part_of_it() -> None:
    # "New Harbour Cranes-CoastDaily": the headline glues its paper's name onto the
    # phrase with a hyphen, where the Chinese writes a dash right after the term
    pairs = [pair("新港口吊机-沿海日报", "New Harbour Cranes-CoastDaily")]
    gloss = gloss_term("港口吊机", "", pairs)
    assert gloss.text == "Harbour Cranes"
    # a hyphened word with no dash after the term in the Chinese stays whole
    pairs = [pair("港口吊机正常运行。", "The harbour cranes-CoastDaily run well.")]
    assert "CoastDaily" in gloss_term("港口吊机", "", pairs).text
