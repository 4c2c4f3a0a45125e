"""CC-CEDICT parsing and lookup keep every reading."""

from flashgen.dictionary import lookup, parse_cedict


def test_every_reading_kept() -> None:
    readings = {e.pinyin for e in lookup("了")}
    assert {"le5", "liao3"} <= readings  # particle le, and liao3 "to finish"


def test_traditional_lookup() -> None:
    assert any(e.simplified == "军事" for e in lookup("軍事"))  # military


def test_parse_skips_comments_and_bad_lines() -> None:
    lines = ["# comment", "bad line", "中國 中国 [Zhong1 guo2] /China/\n"]
    entries = list(parse_cedict(iter(lines)))
    assert len(entries) == 1
    assert entries[0].senses == ("China",)
