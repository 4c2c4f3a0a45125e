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
import itertools
import lzma
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from flashgen.deck.notes import tone_colored
from flashgen.deck.package import DEFAULT_CARDS, deck_notes, subdeck_name
from flashgen.errors import InputError
from flashgen.files.atomic import atomic_output
from flashgen.records import AnnotatedTerm, Cards, Document, SentencePair
from flashgen.study.filters import appearance_key

#: Metadata columns of the CSV, 1-based as Anki counts them; the note's fields follow.
#: The note type comes first: a line starting with "#" is a comment to Anki, and a GUID
#: (base 91) may start with "#".
CSV_META = ("notetype", "deck", "guid", "tags")

#: The line after the CSV's settings, for whoever opens it: Anki reads "#" lines before the
#: rows as settings and skips one it does not know, so this is a comment to it.
CSV_NOTICE = (
    "# flashgen update file: its rows update the notes of a deck imported from the .apkg "
    "(they name flashgen's note types). Import the .apkg once first (File > Import), then "
    "this file."
)


def write_csv(
    deck_name: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    cards: Cards = DEFAULT_CARDS,
    subdecks: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> Path:
    """Write the deck's notes (same fields and GUIDs as the .apkg) for Anki's text import."""
    notes = deck_notes(deck_name, terms, pairs, cards=cards, subdecks=subdecks, titles=titles)
    buffer = io.StringIO()
    buffer.write("#separator:tab\n#html:true\n")
    for number, name in enumerate(CSV_META, start=1):
        buffer.write(f"#{name} column:{number}\n")
    buffer.write(f"{CSV_NOTICE}\n")
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


#: The fonts a handout embeds, shipped in ``flashgen/data`` (see its handout-fonts.NOTICE.md):
#: a subset of AR PL UMing CN (Arphic Public License) with about 8,900 common simplified
#: and traditional characters, xz-compressed, and a Latin subset of DejaVu Sans with every
#: pinyin tone letter. So a handout prints alike on a machine with no Chinese font.
CJK_FONT_FILE = "handout-cjk.ttf.xz"
SANS_FONT_FILE = "handout-sans.ttf"

#: reportlab's built-in Adobe font for simplified Chinese, for the rare character the
#: shipped font lacks: not embedded, so the viewer supplies that glyph.
CID_FONT = "STSong-Light"

#: Characters drawn in the Chinese face even where the Latin one has them: CJK
#: punctuation, full-width forms and the quotes Chinese text uses around its words.
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u00b7]")


@dataclass(frozen=True)
class PdfFonts:
    """The registered faces of a handout and the characters each draws."""

    cjk: str
    sans: str
    cjk_chars: frozenset[int]
    sans_chars: frozenset[int]

    def face(self, char: str) -> str:
        """The face that draws ``char``: Latin in the sans face, Chinese in the CJK one,
        anything else in the non-embedded fallback."""
        code = ord(char)
        if code in self.sans_chars and not (
            code in self.cjk_chars and _CJK_PUNCTUATION.match(char)
        ):
            return self.sans
        if code in self.cjk_chars:
            return self.cjk
        return CID_FONT

    def markup(self, text: str) -> str:
        """``text`` escaped as reportlab paragraph markup, each run in the face that draws it."""
        return "".join(
            f'<font face="{face}">{html.escape("".join(run))}</font>'
            for face, run in itertools.groupby(text, key=self.face)
        )


def pdf_fonts(embed: str | None = None) -> PdfFonts:
    """The handout's faces, registered: the shipped ones, or for Chinese ``embed`` (default:
    $FLASHGEN_CJK_FONT), a TrueType font file (.ttf/.ttc, TrueType outlines) that draws
    Chinese; both are embedded (only the glyphs used)."""
    return _registered(embed or os.environ.get("FLASHGEN_CJK_FONT") or None)


@lru_cache(maxsize=4)
def _registered(embed: str | None) -> PdfFonts:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    data = resources.files("flashgen") / "data"
    if embed:
        try:
            cjk = TTFont(f"flashgen-cjk-{Path(embed).stem}", embed, subfontIndex=0)
        except (OSError, TTFError) as error:
            raise InputError(
                f"cannot use the font {embed} (FLASHGEN_CJK_FONT): {error}; give a TrueType "
                "font file (.ttf or .ttc) with Chinese glyphs, or unset FLASHGEN_CJK_FONT"
            ) from error
    else:
        shipped = lzma.decompress((data / CJK_FONT_FILE).read_bytes())
        cjk = TTFont("flashgen-cjk", io.BytesIO(shipped))
    sans = TTFont("flashgen-sans", io.BytesIO((data / SANS_FONT_FILE).read_bytes()))
    for font in (cjk, sans):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return PdfFonts(
        cjk.fontName, sans.fontName, frozenset(cjk.face.charToGlyph),
        frozenset(sans.face.charToGlyph),
    )


@dataclass(frozen=True)
class Section:
    """One text of a handout: the source name its pairs and terms carry, its title (its
    headline, else its name), the headline's English, and the paragraphs (by index) that
    are headings rather than sentences: the headline and the section heads under it."""

    source: str
    title: str
    title_en: str = ""
    headings: frozenset[int] = frozenset()
    headline: int | None = None


def handout_sections(
    documents: Sequence[Document], titles: Mapping[str, str] | None = None
) -> list[Section]:
    """A handout section per document: titled by ``titles`` (source name -> title), else
    by its headline, else its name; headlines and bylines out of its sentences."""
    from flashgen.read.metadata import headline

    sections = []
    for doc in documents:
        top = headline(doc.paragraphs)
        sections.append(
            Section(
                source=doc.name,
                title=(titles or {}).get(doc.name) or (top.zh if top else doc.name),
                title_en=top.en if top else "",
                headings=frozenset(p.index for p in doc.paragraphs if p.kind == "headline"),
                headline=top.index if top else None,
            )
        )
    return sections


def _sectioned(
    sections: Sequence[Section],
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
) -> list[tuple[Section | None, list[AnnotatedTerm], list[SentencePair]]]:
    """Terms (by their first source, in order of appearance) and pairs under each section;
    what belongs to no section comes last, untitled, as all does when there are none.
    Bylines are no sentences to study."""
    named = {s.source: s for s in sections}
    groups: dict[str | None, tuple[list[AnnotatedTerm], list[SentencePair]]] = {
        s.source: ([], []) for s in sections
    }

    def group(source: str) -> tuple[list[AnnotatedTerm], list[SentencePair]]:
        return groups.setdefault(source if source in named else None, ([], []))

    for t in sorted(terms, key=appearance_key(pairs)):
        example = t.term.example
        group((t.term.sources or (example.source if example else "",))[0])[0].append(t)
    for pair in pairs:
        if (pair.zh.strip() or pair.en.strip()) and not pair.byline:
            group(pair.source)[1].append(pair)
    return [(named.get(source) if source else None, *content)
            for source, content in groups.items() if any(content)]


def write_handout_pdf(
    title: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    description: str = "",
    sections: Sequence[Section] = (),
    sentence_pinyin: bool = False,
    hsk: bool = False,
    blank_column: bool = False,
) -> Path:
    """Write the handout as an A4 PDF (reportlab), its fonts embedded: per text (``sections``,
    see :func:`handout_sections`) its title, a glossary in order of appearance and its
    sentence pairs; with no sections, one glossary and one list of pairs.

    ``sentence_pinyin`` prints each sentence's pinyin under it, ``hsk`` adds an HSK column
    to the glossary and ``blank_column`` an empty one, "Notes", for the student to write in.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        Flowable,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from flashgen.deck.notes import hsk_label
    from flashgen.pinyin.reading import pinyin

    fonts = pdf_fonts()

    def style(name: str, size: float, *, chinese: bool = False, **extra: object) -> ParagraphStyle:
        # Chinese breaks lines between any two characters (CJK wrap); English between words.
        settings: dict[str, object] = {"leading": size * 1.35, **extra}
        return ParagraphStyle(
            name, fontName=fonts.sans, fontSize=size, wordWrap="CJK" if chinese else None,
            **settings,
        )

    body, zh = style("body", 9.5), style("zh", 12, chinese=True)
    zh_sentence = style("zh-sentence", 11, chinese=True)
    grey = style("grey", 8.5, textColor=colors.HexColor("#555555"))
    number = style("n", 8.5, textColor=colors.grey)
    header = style("th", 9, textColor=colors.HexColor("#333333"))
    h1 = style("h1", 20, chinese=True, leading=26, spaceAfter=4)
    h2 = style("h2", 15, chinese=True, leading=20, spaceBefore=10)
    h2_en = style("h2-en", 10.5, textColor=colors.HexColor("#444444"), spaceAfter=2)
    h3 = style("h3", 9, textColor=colors.HexColor("#333333"), spaceBefore=4)
    subhead = style("subhead", 11.5, chinese=True, leading=15)

    def cell(text: str, st: ParagraphStyle = body) -> Paragraph:
        return Paragraph(fonts.markup(text), st)

    grid = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.sans),  # the blank column's cells
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    width = A4[0] - 28 * mm

    def glossary(chosen: Sequence[AnnotatedTerm]) -> Table:
        head = ["#", "Chinese", "Pinyin", *(["HSK"] if hsk else []), "English",
                *(["Notes"] if blank_column else [])]
        rows = [[cell(h, number if h == "#" else header) for h in head]] + [
            [
                cell(str(n), number),
                cell(t.term.text, zh),
                cell(t.pinyin),
                *([cell(hsk_label(t.hsk), grey)] if hsk else []),
                cell(t.gloss.text),
                *([""] if blank_column else []),
            ]
            for n, t in enumerate(chosen, start=1)
        ]
        fixed = [8 * mm, 0.2 * width, 0.22 * width, *([11 * mm] if hsk else [])]
        notes = [0.22 * width] if blank_column else []
        english = width - sum(fixed) - sum(notes)
        return Table(rows, colWidths=[*fixed, english, *notes], repeatRows=1,
                     style=TableStyle(grid))

    def sentences(section: Section | None, chosen: Sequence[SentencePair]) -> Table:
        rows: list[list[Flowable | str]] = [[cell("Chinese", header), cell("English", header)]]
        extra = list(grid)
        for pair in chosen:
            if section is not None and pair.paragraph == section.headline:
                continue  # it is the section's title
            if section is not None and pair.paragraph in section.headings:
                extra.append(("TOPPADDING", (0, len(rows)), (-1, len(rows)), 7))
                rows.append([cell(pair.zh, subhead), cell(pair.en, style("b", 10))])
                continue
            chinese: Flowable | list[Flowable] = cell(pair.zh, zh_sentence)
            if sentence_pinyin and pair.zh.strip():
                chinese = [chinese, cell(pinyin(pair.zh), grey)]
            rows.append([chinese, cell(pair.en)])
        return Table(rows, colWidths=[width / 2, width / 2], repeatRows=1,
                     style=TableStyle(extra))

    parts = _sectioned(sections, terms, pairs)
    story: list[Flowable] = [cell(title, h1)]
    # One text titled as the handout is (its headline): its English goes under the title.
    alone = parts[0][0] if len(parts) == 1 and parts[0][0] and parts[0][0].title == title else None
    if alone is not None and alone.title_en:
        story.append(cell(alone.title_en, h2_en))
    if description:
        story.append(cell(description, grey))
    for section, chosen_terms, chosen_pairs in parts:
        if section is not None and section is not alone:
            story += [CondPageBreak(60 * mm), cell(section.title, h2)]
            if section.title_en:
                story.append(cell(section.title_en, h2_en))
        if chosen_terms:
            story += [cell("Glossary", h3), Spacer(0, 1 * mm), glossary(chosen_terms)]
        if chosen_pairs:
            story += [cell("Sentences", h3), Spacer(0, 1 * mm),
                      sentences(section, chosen_pairs)]
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
            # reportlab starts each page in Helvetica, a font no PDF embeds: start in ours.
            initialFontName=fonts.sans,
        )
        document.build(story)
    return path
