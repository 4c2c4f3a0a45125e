"""Exports besides the .apkg: Anki text import, Pleco flashcards, a printable handout.

All are written atomically (``flashgen.files.atomic.atomic_output``), in UTF-8.

- :func:`write_csv`: the deck's notes as a tab-separated file for Anki's own text import
  (File > Import). Its header lines tell Anki the separator, that fields are HTML, and which
  columns hold the note type, deck, GUID and tags; with the GUID column a re-import updates
  the same notes. The note types must already be in the collection (import the .apkg once).
- :func:`write_pleco`: Pleco's flashcard import text: ``//category`` lines, then
  ``simplified[traditional]<TAB>pinyin<TAB>definition``.
- :func:`write_handout_html` / :func:`write_handout_pdf`: a glossary in order of
  appearance (characters, pinyin, English), then the bilingual sentence pairs.
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from flashgen.deck.notes import tone_colored
from flashgen.deck.package import DEFAULT_CARDS, deck_notes, subdeck_name
from flashgen.errors import InputError
from flashgen.files.atomic import atomic_output
from flashgen.records import AnnotatedTerm, Cards, SentencePair
from flashgen.study.filters import appearance_key

#: Metadata columns of the CSV, 1-based as Anki counts them; the note's fields follow.
#: The note type comes first: a line starting with "#" is a comment to Anki, and a GUID
#: (base 91) may start with "#".
CSV_META = ("notetype", "deck", "guid", "tags")


def write_csv(
    deck_name: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    cards: Cards = DEFAULT_CARDS,
    subdecks: Mapping[str, str] | None = None,
) -> Path:
    """Write the deck's notes (same fields and GUIDs as the .apkg) for Anki's text import."""
    notes = deck_notes(deck_name, terms, pairs, cards=cards, subdecks=subdecks)
    buffer = io.StringIO()
    buffer.write("#separator:tab\n#html:true\n")
    for number, name in enumerate(CSV_META, start=1):
        buffer.write(f"#{name} column:{number}\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    for deck, deck_notes_ in notes.items():
        for note in deck_notes_:
            writer.writerow([note.model.name, deck, note.guid, " ".join(note.tags), *note.fields])
    return _write_text(path, buffer.getvalue())


def _write_text(path: Path, text: str) -> Path:
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def _one_line(text: str) -> str:
    """Tabs and line breaks would end a Pleco field or card: make them spaces."""
    return " ".join(text.split())


def write_pleco(
    deck_name: str,
    terms: Sequence[AnnotatedTerm],
    path: Path,
    *,
    subdecks: Mapping[str, str] | None = None,
) -> Path:
    """Write Pleco flashcards: one ``//deck/subdeck`` category per deck, then its cards.

    The definition is the card's English, with the classifier after it when there is one.
    """
    categories: dict[str, list[str]] = {}
    for t in terms:
        example = t.term.example
        source = (t.term.sources or (example.source if example else "",))[0]
        category = subdeck_name(deck_name, source, subdecks).replace("::", "/")
        hanzi = _one_line(t.term.text)
        if t.traditional and t.traditional != t.term.text:
            hanzi += f"[{_one_line(t.traditional)}]"
        definition = t.gloss.text
        if t.gloss.classifier:
            definition += f"; classifier {t.gloss.classifier}"
        line = "\t".join((hanzi, _one_line(t.pinyin), _one_line(definition)))
        categories.setdefault(category, []).append(line)
    text = "".join(
        f"//{_one_line(category)}\n" + "".join(f"{line}\n" for line in lines)
        for category, lines in categories.items()
    )
    return _write_text(path, text)


HANDOUT_CSS = """\
body { font-family: "Noto Serif", Georgia, serif; color: #111; margin: 2em auto;
  max-width: 52em; padding: 0 1em; line-height: 1.45; }
.zh { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC",
  "Songti SC", SimSun, "WenQuanYi Micro Hei", serif; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em;
  border-bottom: 1px solid #ddd; }
th { border-bottom: 2px solid #666; }
td.n { color: #777; width: 2em; }
td.zh { font-size: 1.25em; white-space: nowrap; }
td.pinyin { white-space: nowrap; }
.pairs td { width: 50%; }
.pairs td.zh { font-size: 1.1em; white-space: normal; }
.description { color: #444; }
.tone1 { color: #c00000; } .tone2 { color: #a86a00; } .tone3 { color: #007000; }
.tone4 { color: #0038b0; } .tone5 { color: #555; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .tone1, .tone2, .tone3, .tone4, .tone5 { color: inherit; }
}
"""


def handout_html(
    title: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    *,
    description: str = "",
) -> str:
    """The handout as one self-contained HTML page (every text from a source escaped)."""
    esc = html.escape
    rows = "\n".join(
        f'<tr><td class="n">{n}</td><td class="zh">{esc(t.term.text)}</td>'
        f'<td class="pinyin">{tone_colored(t.pinyin, t.pinyin_numbered.split())}</td>'
        f"<td>{esc(t.gloss.text)}</td></tr>"
        for n, t in enumerate(sorted(terms, key=appearance_key(pairs)), start=1)
    )
    pair_rows = "\n".join(
        f'<tr><td class="zh">{esc(p.zh)}</td><td>{esc(p.en)}</td></tr>'
        for p in pairs
        if p.zh.strip() or p.en.strip()
    )
    intro = f'<p class="description">{esc(description)}</p>' if description else ""
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
{HANDOUT_CSS}</style>
</head>
<body>
<h1>{esc(title)}</h1>
{intro}
<h2>Glossary</h2>
<table class="glossary">
<thead><tr><th>#</th><th>Chinese</th><th>Pinyin</th><th>English</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h2>Sentences</h2>
<table class="pairs">
<thead><tr><th>Chinese</th><th>English</th></tr></thead>
<tbody>
{pair_rows}
</tbody>
</table>
</body>
</html>
"""


def write_handout_html(
    title: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    description: str = "",
) -> Path:
    """Write the printable handout as HTML (print it from a browser, or see the PDF)."""
    return _write_text(path, handout_html(title, terms, pairs, description=description))


#: Chinese TrueType fonts embedded when present, first found wins: they draw every pinyin
#: tone mark (checked by rendering "ǎ ǐ ǒ ǔ ǚ"; WenQuanYi Micro Hei, for one, leaves them
#: blank) and have TrueType outlines, which reportlab can embed. Debian/Ubuntu's
#: fonts-arphic-uming, Windows' SimSun.
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)

#: reportlab's built-in Adobe font for simplified Chinese, used when no font above is
#: found: nothing to download, but not embedded, so the viewer supplies the glyphs (Acrobat,
#: Preview and browsers do; poppler substitutes a system font, often poorly).
CID_FONT = "STSong-Light"


@lru_cache(maxsize=4)
def pdf_font(embed: str | None = None) -> str:
    """Register and return the PDF's font name: ``embed`` (default: $FLASHGEN_CJK_FONT),
    else the first of :data:`CJK_FONT_FILES` that exists, embedded; else STSong-Light.

    A font given explicitly must be a TrueType font file (.ttf/.ttc, TrueType outlines)
    that draws Chinese and the pinyin tone marks.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    embed = embed or os.environ.get("FLASHGEN_CJK_FONT")
    if embed:
        try:
            pdfmetrics.registerFont(TTFont("flashgen-embedded", embed, subfontIndex=0))
        except (OSError, TTFError) as error:
            raise InputError(
                f"cannot use the font {embed} (FLASHGEN_CJK_FONT): {error}; give a TrueType "
                "font file (.ttf or .ttc) with Chinese glyphs, or unset FLASHGEN_CJK_FONT"
            ) from error
        return "flashgen-embedded"
    for candidate in CJK_FONT_FILES:
        if Path(candidate).is_file():
            return pdf_font(candidate)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def write_handout_pdf(
    title: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    description: str = "",
) -> Path:
    """Write the handout as an A4 PDF (reportlab): the same content as the HTML handout."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = pdf_font()

    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        # CJK word wrap breaks lines between any two characters, as Chinese needs.
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.35, wordWrap="CJK", **extra
        )

    body, zh, heading = style("body", 9.5), style("zh", 12), style("h2", 14, spaceBefore=8)
    small = style("n", 8.5, textColor=colors.grey)

    def cell(text: str, st: ParagraphStyle = body) -> Paragraph:
        return Paragraph(html.escape(text), st)

    grid = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    width = A4[0] - 28 * mm
    glossary = [[cell("#", small), cell("Chinese"), cell("Pinyin"), cell("English")]] + [
        [cell(str(n), small), cell(t.term.text, zh), cell(t.pinyin), cell(t.gloss.text)]
        for n, t in enumerate(sorted(terms, key=appearance_key(pairs)), start=1)
    ]
    sentences = [[cell("Chinese"), cell("English")]] + [
        [cell(p.zh, zh), cell(p.en)] for p in pairs if p.zh.strip() or p.en.strip()
    ]
    story = [cell(title, style("h1", 18, spaceAfter=6))]
    if description:
        story.append(cell(description))
    story += [
        cell("Glossary", heading),
        Spacer(0, 2 * mm),
        Table(
            glossary,
            colWidths=[8 * mm, 0.24 * width, 0.24 * width, width - 8 * mm - 0.48 * width],
            repeatRows=1,
            style=grid,
        ),
        cell("Sentences", heading),
        Spacer(0, 2 * mm),
        Table(sentences, colWidths=[width / 2, width / 2], repeatRows=1, style=grid),
    ]
    with atomic_output(path) as tmp:
        document = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=14 * mm,
            rightMargin=14 * mm,
            topMargin=16 * mm,
            bottomMargin=16 * mm,
            title=title,
            author="flashgen",
        )
        document.build(story)
    return path
