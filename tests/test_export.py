"""Exports: CSV through Anki's own text importer, Pleco cards, handout HTML and PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from anki_helpers import (
    BANK,
    HOSTILE,
    RATES,
    SAMPLE_PAIRS,
    SOURCE,
    all_notes,
    collection,
    import_apkg,
    import_csv,
    sample_terms,
    term,
)
from builders import document
from reportlab.platypus.doctemplate import LayoutError

from flashgen.deck.export import (
    CSV_NOTICE,
    handout_html,
    handout_sections,
    write_csv,
    write_handout_html,
    write_handout_pdf,
    write_pleco,
)
from flashgen.deck.package import write_apkg
from flashgen.errors import InputError, OutputError
from flashgen.records import Document, Gloss, SentencePair
from flashgen.study.filters import appearance_key

SUBDECKS = {SOURCE: "Economy"}


def test_csv_reimported_through_anki_gives_the_same_notes(tmp_path: Path) -> None:
    apkg = write_apkg(
        "Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "u.apkg", timestamp=1e9, subdecks=SUBDECKS
    )
    csv = write_csv("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "u.csv", subdecks=SUBDECKS)
    with collection(tmp_path / "from-apkg") as col:
        import_apkg(col, apkg)
        expected = all_notes(col)
    with collection(tmp_path / "from-csv") as col:
        # The CSV needs the note types: bring them in with the package, then drop its notes.
        import_apkg(col, apkg)
        col.remove_notes(col.find_notes(""))
        log = import_csv(col, csv)
        got = all_notes(col)
    assert len(log.new) == len(expected) == 6
    assert [(n.guid, n.notetype, n.fields, n.tags) for n in got] == [
        (n.guid, n.notetype, n.fields, n.tags) for n in expected
    ]
    assert [[c.deck for c in n.cards] for n in got] == [[c.deck for c in n.cards] for n in expected]


def test_a_gloss_built_from_parts_gets_no_recall_card(tmp_path: Path) -> None:
    """Anki makes no English -> Hanzi card of a note whose gloss is its parts' senses."""
    policy, president, cut = sample_terms()
    built = replace(policy, gloss=Gloss("currency politics", origin="compositional"))
    apkg = write_apkg("Unit", [built, president, cut], SAMPLE_PAIRS, tmp_path / "u.apkg",
                      timestamp=1e9)
    with collection(tmp_path / "col") as col:
        import_apkg(col, apkg)
        templates = {n.fields["Hanzi"]: [c.template for c in n.cards]
                     for n in all_notes(col) if "Hanzi" in n.fields}
    assert templates["货币政策"] == ["Recognition"]
    assert templates["行长"] == templates["降息"] == ["Recognition", "Recall"]


def test_an_edited_csv_updates_the_notes_it_came_from(tmp_path: Path) -> None:
    apkg = write_apkg("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "u.apkg", timestamp=1e9)
    edited = write_csv("Unit", sample_terms("money policy"), SAMPLE_PAIRS, tmp_path / "u.csv")
    with collection(tmp_path / "col") as col:
        import_apkg(col, apkg)
        import_csv(col, edited)
        notes = all_notes(col)
    assert len(notes) == 6
    assert {n.fields.get("English") for n in notes} >= {"money policy"}


def test_csv_header_tells_anki_how_to_read_it(tmp_path: Path) -> None:
    lines = write_csv("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "u.csv").read_text(
        encoding="utf-8"
    )
    header = lines.splitlines()[:7]
    assert header == [
        "#separator:tab",
        "#html:true",
        "#notetype column:1",
        "#deck column:2",
        "#guid column:3",
        "#tags column:4",
        CSV_NOTICE,
    ]
    assert not any(line.startswith("#") for line in lines.splitlines()[7:])
    assert "update file" in CSV_NOTICE and "Import the .apkg once first" in CSV_NOTICE


def test_the_csv_alone_adds_nothing_to_a_fresh_collection_as_its_header_says(
    tmp_path: Path,
) -> None:
    csv = write_csv("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "u.csv")
    with collection(tmp_path / "fresh") as col:
        log = import_csv(col, csv)
        assert not log.new and len(log.missing_notetype) == 6
        assert not col.find_notes("")


def test_pleco_cards_have_categories_and_three_fields(tmp_path: Path) -> None:
    text = write_pleco("Unit", sample_terms(), tmp_path / "p.txt", subdecks=SUBDECKS).read_text(
        encoding="utf-8"
    )
    assert text.splitlines() == [
        "//Unit/Economy",
        "货币政策[貨幣政策]\thuòbì zhèngcè\tmonetary policy",
        "行长[行長]\thángzhǎng\tbank president; classifier 位",
        "降息\tjiàngxī\tto cut interest rates <fast>",
    ]


def test_glossary_follows_the_order_of_appearance() -> None:
    policy, president, cut = sample_terms()
    # In BANK, 行长 (bank president) comes before 货币政策 (monetary policy); 降息 comes later.
    order = sorted([cut, policy, president], key=appearance_key(SAMPLE_PAIRS))
    assert order == [president, policy, cut]


def test_handout_html_has_glossary_then_pairs_all_escaped(tmp_path: Path) -> None:
    path = write_handout_html(
        "Unit <1>", sample_terms(), SAMPLE_PAIRS, tmp_path / "h.html", description="Week 1"
    )
    page = path.read_text(encoding="utf-8")
    assert page == handout_html("Unit <1>", sample_terms(), SAMPLE_PAIRS, description="Week 1")
    assert (
        page.index("Glossary")
        < page.index("行长")
        < page.index("货币政策")
        < page.index("Sentences")
    )
    assert page.index(BANK.en) < page.index(RATES.en) < page.index("a cut.")
    assert "<title>Unit &lt;1&gt;</title>" in page
    assert "<script" not in page and "<img" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page


needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdffonts") and shutil.which("pdftotext")),
    reason="pdftoppm, pdffonts and pdftotext (Debian poppler-utils) are not installed",
)


def no_system_fonts(folder: Path) -> dict[str, str]:
    """An environment in which poppler sees no system font at all (an empty fontconfig
    configuration), as on a machine with no Chinese font: what it draws is embedded."""
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def poppler(*command: str, env: dict[str, str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout


def embedded_fonts(pdf: Path, env: dict[str, str]) -> list[tuple[str, str]]:
    """(name, emb) of each font ``pdffonts`` lists."""
    lines = poppler("pdffonts", str(pdf), env=env).splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]


def dark_pixels(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as page:
        grey = page.convert("L")
        return sum(grey.point(lambda value: 255 if value < 128 else 0).histogram()[255:])


# old man; "lǎo" must stay one syllable when a viewer draws it
OLD_MAN = term("老年人", "lao3 nian2 ren2", "lǎo nián rén", "elderly people", RATES, hsk=4)


@needs_poppler
def test_handout_pdf_embeds_its_own_fonts_and_draws_without_system_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLASHGEN_CJK_FONT", raising=False)
    pdf = write_handout_pdf(
        "Unit 1 经济", [*sample_terms(), OLD_MAN], SAMPLE_PAIRS, tmp_path / "h.pdf",
        sentence_pinyin=True, hsk=True, blank_column=True,
    )
    env = no_system_fonts(tmp_path)
    fonts = embedded_fonts(pdf, env)
    # Every font embedded, and they are the shipped ones, whatever the machine has.
    assert fonts and all(emb == "yes" for _, emb in fonts)
    assert {name.split("+")[-1] for name, _ in fonts} == {
        "flashgenHandoutSans", "flashgenHandoutMing"
    }
    poppler("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf),
            str(tmp_path / "page"), env=env)
    # A blank page has no dark pixels; this one has about 2,600 at 60 dpi (measured here
    # with no system font visible); half of that still means the text was drawn.
    assert dark_pixels(tmp_path / "page-1.png") > 1300
    text = poppler("pdftotext", "-layout", str(pdf), "-", env=env)
    assert "行长" in text and "bank president" in text and "央行" in text
    # The tone letters are the sans face's own glyphs: the syllables stay whole.
    assert "lǎo nián rén" in text
    assert "HSK" in text and "Notes" in text  # the optional columns
    assert "yāngháng" in text  # the sentence pinyin under 央行降息...
    assert HOSTILE.en.split()[0] in text


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


@needs_poppler
@pytest.mark.skipif(not UMING.is_file(), reason=f"needs a system TrueType CJK font at {UMING}")
def test_flashgen_cjk_font_still_overrides_the_shipped_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASHGEN_CJK_FONT", str(UMING))
    pdf = write_handout_pdf("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "h.pdf")
    fonts = embedded_fonts(pdf, no_system_fonts(tmp_path))
    assert all(emb == "yes" for _, emb in fonts)
    assert {name.split("+")[-1] for name, _ in fonts} == {"flashgenHandoutSans", "UMingCN-0"}


def test_a_font_that_is_not_truetype_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "font.ttf"
    fake.write_text("not a font", encoding="utf-8")
    monkeypatch.setenv("FLASHGEN_CJK_FONT", str(fake))
    with pytest.raises(InputError, match="FLASHGEN_CJK_FONT"):
        write_handout_pdf("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "h.pdf")
    assert not (tmp_path / "h.pdf").exists()


def bilingual(folder: Path, name: str, *paragraphs: str) -> tuple[Document, list[SentencePair]]:
    """A text written here, read and aligned as a build does it."""
    from flashgen.align.pairs import pair_document

    doc = document(folder, name, *paragraphs)
    return doc, pair_document(doc)


@needs_poppler
def test_a_recipes_texts_get_a_section_each_with_its_headline_as_title(tmp_path: Path) -> None:
    first, first_pairs = bilingual(
        tmp_path, "rates.txt",
        "央行宣布降息", "Central bank cuts rates",  # the headline
        "记者 王小明", "By Wang Xiaoming",  # the byline
        "央行周五宣布降息，以支持实体经济。",
        "The central bank cut interest rates on Friday to support the real economy.",
    )
    second, second_pairs = bilingual(
        tmp_path, "trade.txt",
        "港口外贸增长", "Port trade grows",
        "今年港口的外贸进出口增长了百分之十。",
        "The port's foreign trade grew by ten percent this year.",
    )
    sections = handout_sections([first, second])
    assert [(s.title, s.title_en) for s in sections] == [
        ("央行宣布降息", "Central bank cuts rates"), ("港口外贸增长", "Port trade grows")
    ]
    policy, president, cut = sample_terms()
    cut = replace(cut, term=replace(cut.term, sources=("rates",)))
    trade = term("外贸", "wai4 mao4", "wàimào", "foreign trade", second_pairs[-1])
    trade = replace(trade, term=replace(trade.term, sources=("trade",)))
    pdf = write_handout_pdf(
        "Unit 3", [trade, cut], [*first_pairs, *second_pairs], tmp_path / "unit.pdf",
        sections=sections,
    )
    text = poppler("pdftotext", str(pdf), "-", env=dict(os.environ))
    # Each title once (as the section's title, not as a sentence), in text order, each
    # section's glossary under it; the byline is in no list.
    assert text.count("央行宣布降息") == 1 and text.count("Port trade grows") == 1
    assert text.index("央行宣布降息") < text.index("降息\n") < text.index("港口外贸增长")
    assert text.index("港口外贸增长") < text.index("foreign trade")
    assert "Wang Xiaoming" not in text and "王小明" not in text
    assert text.count("Glossary") == 2


def test_a_failed_export_keeps_the_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"last week's handout")
    policy, *rest = sample_terms()
    # A gloss longer than a page cannot be laid out: the PDF fails halfway through.
    endless = replace(policy, gloss=replace(policy.gloss, text="money " * 20000))
    with pytest.raises(LayoutError):
        write_handout_pdf("Unit", [endless, *rest], SAMPLE_PAIRS, out)
    assert out.read_bytes() == b"last week's handout"
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(OutputError, match="folder.csv"):
        write_csv("Unit", sample_terms(), SAMPLE_PAIRS, tmp_path / "folder.csv")
    assert sorted(os.listdir(tmp_path)) == ["folder.csv", "handout.pdf"]
