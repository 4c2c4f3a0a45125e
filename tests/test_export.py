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
)
from reportlab.platypus.doctemplate import LayoutError

from flashgen.deck.export import (
    handout_html,
    write_csv,
    write_handout_html,
    write_handout_pdf,
    write_pleco,
)
from flashgen.deck.package import write_apkg
from flashgen.errors import OutputError
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
    header = lines.splitlines()[:6]
    assert header == [
        "#separator:tab",
        "#html:true",
        "#notetype column:1",
        "#deck column:2",
        "#guid column:3",
        "#tags column:4",
    ]
    assert not any(line.startswith("#") for line in lines.splitlines()[6:])


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


def test_handout_pdf_renders_chinese(tmp_path: Path) -> None:
    pdf = write_handout_pdf("Unit 1 经济", sample_terms(), SAMPLE_PAIRS, tmp_path / "h.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed: cannot render the PDF")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    from PIL import Image

    with Image.open(tmp_path / "page-1.png") as page:
        grey = page.convert("L")
        dark = sum(grey.point(lambda value: 255 if value < 128 else 0).histogram()[255:])
    # A blank page has no dark pixels; this page's text has about 1,450 at 60 dpi (measured
    # with the embedded AR PL UMing font); half of that still means text was drawn.
    assert dark > 700
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "行长" in text and "bank president" in text and "央行" in text
        assert HOSTILE.en.split()[0] in text


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
