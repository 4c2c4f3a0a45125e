"""Person names in pinyin by convention: surname apart, capitals, the given name joined."""

from __future__ import annotations

import pytest

from flashgen.pinyin.render import name_pinyin, surname_reading


@pytest.mark.parametrize(
    ("name", "reading", "english", "shown"),
    [
        ("李白", "li3 bai2", "", "Lǐ Bái"),  # the poet: surname, one-character given name
        ("王安石", "wang2 an1 shi2", "", "Wáng Ānshí"),  # a two-character given name joined
        ("欧阳修", "ou1 yang2 xiu1", "", "Ōuyáng Xiū"),  # a two-character surname
        ("诸葛亮", "zhu1 ge3 liang4", "", "Zhūgě Liàng"),
        ("曾国藩", "ceng2 guo2 fan1", "", "Zēng Guófān"),  # 曾 read as the surname Zēng
        ("张建安", "zhang1 jian4 an1", "", "Zhāng Jiàn'ān"),  # apostrophe before a vowel
        ("莎士比亚", "sha1 shi4 bi3 ya4", "", "Shāshìbǐyà"),  # Shakespeare: transliterated
        ("爱因斯坦", "ai4 yin1 si1 tan3", "", "Àiyīnsītǎn"),  # Einstein: no surname 爱
        # Newton: 牛 is a surname, but the English writes neither Niu nor Dun
        ("牛顿", "niu2 dun4", "Newton described gravity.", "Niúdùn"),
        ("李白", "li3 bai2", "Li Bai wrote this poem.", "Lǐ Bái"),  # the English agrees
    ],
)
def test_name_pinyin(name: str, reading: str, english: str, shown: str) -> None:
    assert name_pinyin(name, reading, english) == shown


def test_surname_reading() -> None:
    assert surname_reading("曾") == ("zeng1",)
    assert surname_reading("欧阳") == ("ou1", "yang2")
    assert surname_reading("特") is None


def test_what_is_no_name_reading_is_only_marked() -> None:
    assert name_pinyin("X光", "X guang1") == "X guāng"
