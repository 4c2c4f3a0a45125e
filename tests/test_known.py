"""Known words from plain lists, CSV/TSV exports and real Anki packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import genanki
import pytest

from flashgen.errors import InputError
from flashgen.study.known import export_known_words, known_words_from_deck, load_known_words


def test_plain_list_with_comments_blank_lines_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "known.txt"
    # 学习 "study", 健康 "health", 能源 "energy"
    path.write_bytes("\ufeff# my words\n学习\n\n  健康  \r\n# 能源\n学习\n".encode())
    assert known_words_from_deck(path) == ["学习", "健康"]
    assert load_known_words(path) == frozenset({"学习", "健康"})


def test_traditional_words_also_count_in_simplified(tmp_path: Path) -> None:
    path = tmp_path / "known.txt"
    path.write_text("學習\n", encoding="utf-8")  # "study", in traditional characters
    assert load_known_words(path) == frozenset({"學習", "学习"})


def test_csv_with_a_named_column_and_excel_quoting(tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    path.write_text(
        'Pinyin,Simplified,English\r\n"xué xí","学习","to study, to learn"\r\n'
        '"néng yuán","<b>能源</b>","energy"\r\n',
        encoding="utf-8-sig",
    )
    assert known_words_from_deck(path) == ["学习", "能源"]


def test_gbk_tsv_first_column(tmp_path: Path) -> None:
    path = tmp_path / "pleco.txt"
    # Pleco-style rows: word, pinyin, definition; saved by a Chinese Windows tool in GBK.
    text = "健康\tjian4kang1\thealth; healthy\n卫生\twei4sheng1\thygiene\n疫苗\tyi4miao2\tvaccine\n"
    path.write_bytes(text.encode("gbk"))
    assert known_words_from_deck(path) == ["健康", "卫生", "疫苗"]


def test_anki_plain_text_export_skips_guid_and_notetype_columns(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#tags column:5\n"
        "abc123\tChinese\t学习\tto study\tHSK1\n"
        "def456\tChinese\t健康[sound:jk.mp3]\thealth\t\n",
        encoding="utf-8",
    )
    assert known_words_from_deck(path) == ["学习", "健康"]


def _genanki_deck(path: Path) -> None:
    chinese = genanki.Model(
        1_700_000_001, "Chinese (test)",
        fields=[{"name": "Pinyin"}, {"name": "Hanzi"}, {"name": "English"}],
        templates=[{"name": "Card", "qfmt": "{{Hanzi}}", "afmt": "{{English}}"}],
    )
    basic = genanki.Model(
        1_700_000_002, "Basic (test)", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )
    deck = genanki.Deck(1_700_000_003, "My Chinese")
    for fields in (["xué xí", "<b>学习</b>", "to study"], ["jiàn kāng", "健康&nbsp;", "health"]):
        deck.add_note(genanki.Note(model=chinese, fields=fields))
    deck.add_note(genanki.Note(model=basic, fields=["<div>疫苗</div>", "vaccine"]))
    deck.add_note(genanki.Note(model=basic, fields=["hello", "你好"]))  # no Chinese in Front
    genanki.Package(deck).write_to_file(str(path))


def test_genanki_package(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    _genanki_deck(path)
    # By field name (Hanzi) for the Chinese note type, the first field for Basic.
    assert known_words_from_deck(path) == ["学习", "健康", "疫苗"]


def test_current_anki_package_with_zstd_collection(tmp_path: Path) -> None:
    from anki.collection import Collection, ExportAnkiPackageOptions

    try:
        import zstandard  # noqa: F401
    except ImportError:
        if shutil.which("zstd") is None:
            pytest.skip("needs the zstandard module or the zstd command")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        for word in ("学习", "能源"):  # "study", "energy"
            note = col.new_note(basic)
            note["Front"], note["Back"] = word, "meaning"
            col.add_note(note, col.decks.id("Default"))
        out = tmp_path / "current.apkg"
        col.export_anki_package(
            out_path=str(out),
            options=ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                             with_media=False, legacy=False),
            limit=None,
        )
    finally:
        col.close()
    assert known_words_from_deck(out) == ["学习", "能源"]


def test_export_writes_a_loadable_list(tmp_path: Path) -> None:
    deck, out = tmp_path / "deck.apkg", tmp_path / "known.txt"
    _genanki_deck(deck)
    assert export_known_words(deck, out) == 3
    assert load_known_words(out) == frozenset({"学习", "健康", "疫苗"})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "not found"),
        ("fake.apkg", b"not a zip", "not an Anki package"),
    ],
)
def test_errors(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_known_words(path)


def test_excel_unicode_text_is_utf16(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    # Excel's "Unicode Text": UTF-16 with a BOM, tab-separated, CRLF; 疫苗 "vaccine".
    path.write_bytes("Word\tEnglish\r\n疫苗\tvaccine\r\n".encode("utf-16"))
    assert known_words_from_deck(path) == ["疫苗"]


def test_user_known_path_is_under_the_app_dir(app_dir: Path) -> None:
    from flashgen.study.known import user_known_path

    assert user_known_path() == app_dir / "known.txt"
