"""Pinyin in context: polyphones, styles, the Anki formats, and the dictionary rule."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest

from flashgen.lexicon.cedict import cedict
from flashgen.pinyin.reading import term_reading
from flashgen.pinyin.render import (
    colour_hanzi,
    colour_html,
    numbers_to_marks,
    per_char,
    pinyin,
    ruby,
    to_zhuyin,
)
from flashgen.pinyin.sentence import syllables
from flashgen.pinyin.tables import dictionary_reading, toneless

HAN = re.compile(r"[\u4e00-\u9fff]")


def reading_of(sentence: str, part: str) -> str:
    """The numbered reading of ``part`` where it first occurs in ``sentence``."""
    start = sentence.index(part)
    return " ".join(syllables(sentence)[start : start + len(part)])


@pytest.mark.parametrize(
    ("sentence", "part", "expected"),
    [
        # this lieutenant general served in the navy
        ("这位中将曾在海军服役。", "中将", "zhong1 jiang4"),
        # the body was later upgraded to a national institute
        ("该机构后来升格为国家级研究所。", "为", "wei2"),
        ("她被称为最好的老师。", "为", "wei2"),  # she is called the best teacher
        ("这块石头可以视为纪念碑。", "为", "wei2"),  # this stone can be regarded as a monument
        ("我们为人民服务。", "为", "wei4"),  # we serve the people
        ("我们可以为你做饭。", "为", "wei4"),  # we can cook for you
        ("这座城市被命名为新城。", "为", "wei2"),  # the city was named New Town
        ("你为什么不来？", "为", "wei4"),  # why don't you come?
        ("我明天去银行取钱。", "银行", "yin2 hang2"),  # tomorrow I go to the bank for money
        ("银行行长说了算。", "行长", "hang2 zhang3"),  # the bank president has the final say
        ("他行不行？", "行", "xing2"),  # can he do it?
        ("你还是先回家吧。", "还是", "hai2 shi5"),  # you had better go home first
        ("他把书还给了图书馆。", "还", "huan2"),  # he returned the book to the library
        ("门开着，灯还亮着。", "还", "hai2"),  # the door is open, the light is still on
        # 还 before a noun object is huán "to return"; before a verb, adjective or number hái
        ("他下周还钱给房东。", "还", "huan2"),  # he pays the landlord back next week
        ("记得还图书馆的书。", "还", "huan2"),  # remember to return the library's books
        ("她还主演过一部电影。", "还", "hai2"),  # she also starred in a film
        ("我们还可能遇到困难。", "还", "hai2"),  # we may still meet difficulties
        ("这个方法还有力地证明了结论。", "还", "hai2"),  # this method also proved it forcefully
        ("他说得很快。", "说", "shuo1"),  # he speaks fast
        ("他说得很快。", "得", "de5"),  # (complement particle)
        ("你得走了。", "得", "dei3"),  # you must go now
        ("他得了第一名。", "得", "de2"),  # he won first place
        ("我们应该好好地学习。", "地", "de5"),  # we should study well
        ("这里的土地很肥沃。", "地", "di4"),  # the land here is fertile
        ("这条路很长。", "长", "chang2"),  # this road is long
        ("孩子长得很高。", "长", "zhang3"),  # the child has grown tall
        ("请你重新说一遍。", "重", "chong2"),  # please say it again
        ("这件事很重要。", "重", "zhong4"),  # this matter is important
        # 重 + verb + a count of times, in words no dictionary lists: chóng "again"
        ("这段代码得重跑一遍。", "重", "chong2"),  # this code must be run again once
        ("这批样本重测了两次。", "重", "chong2"),  # these samples were retested twice
        ("我养了一只猫。", "只", "zhi1"),  # I keep a cat (measure word)
        ("我只有一本书。", "只", "zhi3"),  # I have only one book
        ("首都的冬天很冷。", "都", "du1"),  # winters in the capital are cold
        ("他们都来了。", "都", "dou1"),  # they all came
        ("这么多人我数不清。", "数", "shu3"),  # so many people, I cannot count them
        ("他朝北走去。", "朝", "chao2"),  # he walked north
        ("我们出差去上海。", "差", "chai1"),  # we go to Shanghai on business
        ("大家一起干杯！", "干", "gan1"),  # cheers, everyone!
        ("他去地里干活。", "干", "gan4"),  # he goes to work in the fields
        ("这个问题需要调查。", "调", "diao4"),  # this question needs investigating
        ("她在大学教书。", "教", "jiao1"),  # she teaches at a university
        ("睡觉前别喝咖啡。", "觉", "jiao4"),  # no coffee before sleeping
        ("我觉得不错。", "觉", "jue2"),  # I think it is fine
        ("东西便宜。", "便", "pian2"),  # the things are cheap
        ("质量很差。", "差", "cha4"),  # the quality is poor
        ("这个箱子太重了。", "重", "zhong4"),  # this box is too heavy
        ("他们中了埋伏。", "中", "zhong4"),  # they fell into an ambush
        ("他好奇地问。", "地", "de5"),  # he asked curiously
        # the falling rate and the fracture rate of old people are both rising
        ("老人的跌倒率和骨折率都在上升。", "跌倒率", "die1 dao3 lv4"),
        ("老人的跌倒率和骨折率都在上升。", "骨折率", "gu3 zhe2 lv4"),
        ("将军率部渡河。", "率", "shuai4"),  # the general led his troops across the river
        # X率 that no dictionary lists, before a verb or adverb: a rate (lǜ)
        ("新用户的留存率下降很快。", "留存率", "liu2 cun2 lv4"),  # new-user retention falls fast
        ("这个系统误报率很高。", "误报率", "wu4 bao4 lv4"),  # the false-alarm rate is high
        ("网购退货率越来越高。", "退货率", "tui4 huo4 lv4"),  # online return rates keep rising
        # before its object, a noun or a number: to lead (shuài)
        ("部长率代表团出访欧洲。", "率", "shuai4"),  # the minister led a delegation to Europe
        ("将军率三万人渡河。", "率", "shuai4"),  # the general led 30,000 men across the river
        ("河边的泥地很软。", "泥地", "ni2 di4"),  # the muddy ground by the river is soft
        ("她静静地坐着。", "地", "de5"),  # she sat quietly
        ("工人把温度调高了两度。", "调", "tiao2"),  # the workers turned the heat up two degrees
        ("请把灯光调暗一些。", "调", "tiao2"),  # please dim the lights a little
        ("他被调往北京工作。", "调", "diao4"),  # he was transferred to work in Beijing
        ("我们必须为孩子着想。", "为", "wei4"),  # we must think of the children
        # the volunteers had to put up tents for the victims
        ("志愿者们不得不为灾民搭建帐篷。", "为", "wei4"),
    ],
)
def test_polyphones_in_context(sentence: str, part: str, expected: str) -> None:
    assert reading_of(sentence, part) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一个人", ["yi1", "ge4", "ren2"]),  # one person: citation yī, not sandhi yí
        ("不对", ["bu4", "dui4"]),  # not right: citation bù, not sandhi bú
        ("绿色", ["lv4", "se4"]),  # green: ü written v
        ("我们", ["wo3", "men5"]),  # we: neutral tone 5
    ],
)
def test_numbered_form(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


def test_non_han_characters_are_none() -> None:
    # "GDP grew 5%."
    assert syllables("GDP增长5%。") == [None, None, None, "zeng1", "zhang3", None, None, None]
    assert syllables("") == []


@pytest.mark.parametrize(
    ("numbered", "marks"),
    [
        ("jun1 shi4", "jūn shì"),
        ("lv4", "lǜ"),
        ("nu:3", "nǚ"),  # CC-CEDICT's spelling of ü
        ("le5", "le"),
        ("Zhong1 guo2", "Zhōng guó"),  # capitals kept (proper nouns)
        ("xiu1, hao3!", "xiū, hǎo!"),  # punctuation kept
    ],
)
def test_numbers_to_marks(numbered: str, marks: str) -> None:
    assert numbers_to_marks(numbered) == marks


@pytest.mark.parametrize(
    ("numbered", "zhuyin"),
    [("zhong1", "ㄓㄨㄥ"), ("lv4", "ㄌㄩˋ"), ("le5", "ㄌㄜ˙"), ("ren2", "ㄖㄣˊ")],
)
def test_zhuyin(numbered: str, zhuyin: str) -> None:
    assert to_zhuyin(numbered) == zhuyin


def test_pinyin_spaces_words_and_keeps_punctuation() -> None:
    # "we go to the bank."
    assert pinyin("我们去银行。") == "wǒmen qù yínháng。"
    assert pinyin("我们去银行。", tones="numbers") == "wo3men5 qu4 yin2hang2。"
    # "the GDP grew by 5 percent": Latin and digits kept and spaced like words
    assert pinyin("GDP增长了5%") == "GDP zēngzhǎng le 5%"
    # "Beijing is China's capital": proper nouns capitalised as in CC-CEDICT
    assert pinyin("北京是中国的首都。") == "Běijīng shì Zhōngguó de shǒudū。"
    assert pinyin("差点儿忘了。") == "chàdiǎnr wàng le。"  # almost forgot: erhua joins
    assert pinyin("西安的天安门") == "Xī'ān de Tiān'ānmén"  # apostrophe before a, o, e
    with pytest.raises(ValueError, match="tones"):
        pinyin("我们", tones="colours")


@pytest.mark.parametrize(
    "text",
    [
        "他说：“银行行长还是来了。”",  # he said: "the bank president came after all."
        "2024年，A股市场上涨了3%。",  # in 2024 the A-share market rose 3%.
        "ＡＢＣ，。！",  # full-width Latin and punctuation only
    ],
)
@pytest.mark.parametrize("tones", ["marks", "numbers", "zhuyin"])
def test_per_char_gives_one_reading_per_han_character(text: str, tones: str) -> None:
    readings = per_char(text, tones)
    assert len(readings) == len(HAN.findall(text))
    assert all(r and " " not in r for r in readings)


def test_colour_html_uses_chinese_support_classes_and_escapes() -> None:
    # "<b>army</b> & affairs": markup in the input must come out escaped
    html = colour_html("<b>军</b>&事")
    assert '<span class="tone1">jūn</span>' in html
    assert '<span class="tone4">shì</span>' in html
    assert "&lt;b&gt;" in html and "&amp;" in html and "<b>" not in html
    assert colour_hanzi("好<") == '<span class="tone3">好</span>&lt;'  # good


def test_ruby_is_anki_furigana_format() -> None:
    # "Chinese characters" -> each character with its bracketed reading, space-separated
    assert ruby("汉字") == "汉[hàn] 字[zì]"
    # "I love [you]": brackets in the text cannot be taken for readings
    assert ruby("我爱[你]") == "我[wǒ] 爱[ài]［ 你[nǐ]］"
    assert ruby("汉字", tones="numbers") == "汉[han4] 字[zi4]"


def test_ruby_renders_in_anki() -> None:
    """The real Anki renders the ruby field with pinyin above each character."""
    from anki.collection import Collection

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "c.anki2"))
        try:
            model = col.models.by_name("Basic")
            model["tmpls"][0]["qfmt"] = "{{furigana:Front}}"
            col.models.save(model)
            note = col.new_note(model)
            note["Front"] = ruby("中文很好。")  # Chinese is good
            col.add_note(note, col.decks.id("Default"))
            question = note.cards()[0].question()
        finally:
            col.close()
    assert "<ruby><rb>中</rb><rt>zhōng</rt></ruby>" in question
    assert "<ruby><rb>好</rb><rt>hǎo</rt></ruby>。" in question


@pytest.mark.parametrize(
    ("term", "sentence", "expected"),
    [
        ("中将", "他被晋升为中将。", "zhong1 jiang4"),  # he was promoted to lieutenant general
        ("行长", "这家银行的行长很年轻。", "hang2 zhang3"),  # this bank's president is young
        ("还", "我明天还你钱。", "huan2"),  # I'll pay you back tomorrow
        ("还", "他还在睡觉。", "hai2"),  # he is still asleep
        ("银行", "这句话里没有它。", "yin2 hang2"),  # not in the sentence: dictionary reading
    ],
)
def test_term_reading(term: str, sentence: str, expected: str) -> None:
    assert term_reading(term, sentence) == expected


@pytest.mark.parametrize(
    ("term", "sentence", "english", "expected"),
    [
        # the dictionary's readings differ in sense: the translation picks one
        ("分子", "水分子由氢和氧组成。", "A water molecule is made of hydrogen and oxygen.",
         "fen1 zi3"),
        ("分子", "少数不法分子在网上行骗。", "A few criminal elements cheat people online.",
         "fen4 zi3"),
        ("东西", "他把东西放在桌上。", "He put his things on the table.", "dong1 xi5"),
        ("东西", "这条河东西走向。", "The river runs from east to west.", "dong1 xi1"),
    ],
)
def test_term_reading_english_picks_the_sense(
    term: str, sentence: str, english: str, expected: str
) -> None:
    assert term_reading(term, sentence, english) == expected


@pytest.mark.parametrize(
    ("term", "sentence", "english"),
    [
        ("分子", "水分子由氢和氧组成。", ""),  # no English: the sentence decides
        ("东西", "他把东西放在桌上。", "He sat down."),  # English says nothing of either sense
        # a dictionary note on grammar ("indicating the beginning of an action") is no
        # translation: "he stood up, indicating agreement"
        ("起来", "他站起来表示同意。", "He stood up, indicating agreement."),
        # a single character is left to the sentence: "he may also come" (还 hái), although
        # "pay back" is one of 还 huán's senses
        ("还", "他还可能来。", "He may also come and pay back the loan."),
    ],
)
def test_term_reading_without_english_evidence_reads_the_sentence(
    term: str, sentence: str, english: str
) -> None:
    assert term_reading(term, sentence, english) == term_reading(term, sentence)


@pytest.mark.parametrize(
    "word",
    ["衣服", "东西", "地方", "觉得", "便宜", "银行", "重新", "长城", "差不多", "一会儿"],
)
def test_term_reading_equals_cedict_when_it_has_one_reading(word: str) -> None:
    # clothes, thing(s), place, to think, cheap, bank, again, Great Wall, about, a moment
    reading = dictionary_reading(word)
    entries = {e.pinyin.lower().replace("u:", "v") for e in cedict().lookup(word)}
    if reading is None:
        assert len(entries) != 1
        return
    assert term_reading(word, f"我说的是{word}。") == " ".join(reading)  # "I mean <word>."


def test_cpp_dev_sample(shared: Path) -> None:
    """A smoke figure on CPP dev (in-sample: the model was trained there)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from train_polyphone import load_cpp

    sample = load_cpp("dev")[::20]
    right = sum(syllables(text)[i] == gold for text, i, gold in sample)
    assert right / len(sample) > 0.95


# Runs the cached pypinyin tables must cut and read exactly as pypinyin does, its phrase
# data included: a phrase, phrases glued together, a phrase beginning that holds no phrase,
# rare characters, and Latin letters, digits and punctuation between Han runs.
SAME_AS_PYPINYIN = [
    "重庆市长江大桥",  # Chongqing Yangtze River bridge
    "中华人民共和国成立了",  # the People's Republic of China was founded
    "银行行长说绿色发展很重要",  # the bank president says green development matters
    "中华人",  # the beginning of 中华人民 only
    "我们在2025年用GDP衡量",  # in 2025 we measured by GDP
    "一会儿·〇五号",  # a moment, number 05
    "鿏𠀀丨",  # rare characters
    "",
]


@pytest.mark.parametrize("text", SAME_AS_PYPINYIN)
def test_toneless_is_lazy_pinyin(text: str) -> None:
    from pypinyin import lazy_pinyin

    assert toneless(text) == lazy_pinyin(text)


@pytest.mark.parametrize("text", SAME_AS_PYPINYIN)
def test_readings_are_pypinyins_own(text: str) -> None:
    from pypinyin import Style
    from pypinyin import pinyin as pypinyin_readings
    from pypinyin.seg.mmseg import seg

    from flashgen.pinyin.tables import HAN_RUN, phrase_cut, segment_reading

    for run in HAN_RUN.findall(text):
        parts = list(phrase_cut(run))
        assert parts == list(seg.cut(run))
        for part in parts:
            out = pypinyin_readings(part, style=Style.TONE3, neutral_tone_with_five=True)
            assert segment_reading(part) == tuple(r[0] for r in out)
