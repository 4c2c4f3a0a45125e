"""A teacher's edited term list: ``flashgen terms --format tsv`` out, a spreadsheet, back in.

The teacher deletes the rows she does not want, reorders them, rewrites glosses or
pinyin, maybe types in a word of her own, and saves (Excel may add a BOM, CRLF, quotes,
blank rows, or save as CSV). ``flashgen build ... --terms list.tsv`` then makes cards for
exactly those terms, in her order, and her edits win over anything flashgen found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flashgen.errors import InputError
from flashgen.files.tables import read_table
from flashgen.records import AnnotatedTerm, SentencePair, Term

#: Header names accepted for each column (compared case-insensitively), ours first.
COLUMNS = {
    "term": ("term", "hanzi", "simplified", "word", "词语"),
    "pinyin": ("pinyin", "reading", "拼音"),
    "gloss": ("gloss", "english", "meaning", "definition", "释义"),
}

#: The columns ``flashgen terms --format tsv`` writes (and the serve page's term list).
TSV_COLUMNS = (
    "term", "pinyin", "gloss", "kind", "count", "hsk", "gloss_source", "traditional",
    "score", "why",
)

#: Builds the card data of a term discovery did not find (``pipeline.annotate`` over the
#: pairs the term occurs in).
Annotate = Callable[[Term], AnnotatedTerm]


@dataclass(frozen=True)
class CuratedTerm:
    """One row the teacher kept: the term and her pinyin and gloss ("" when left empty)."""

    term: str
    pinyin: str = ""
    gloss: str = ""


def tsv_cell(value: object) -> str:
    """A TSV cell on one line (values never hold tabs or newlines once cleaned)."""
    return " ".join(str(value).split())


def term_row(t: AnnotatedTerm) -> dict[str, Any]:
    """A term as a row of the list (:data:`TSV_COLUMNS`), the one the CLI prints and the
    serve page shows, so that either list reads back here the same way."""
    from flashgen.terms.explain import why_column

    return {
        "term": t.term.text,
        "pinyin": t.pinyin,
        "gloss": t.gloss.text,
        "kind": t.term.kind,
        "count": t.term.count,
        "hsk": t.hsk or "",
        "gloss_source": t.gloss.origin,
        "traditional": t.traditional,
        "score": f"{t.term.score:g}",
        "why": why_column(t.term),
    }


def _column(header: list[str], name: str) -> int | None:
    lowered = [cell.lower() for cell in header]
    return next((lowered.index(a) for a in COLUMNS[name] if a in lowered), None)


def read_terms_tsv(path: Path) -> list[CuratedTerm]:
    """The terms of an edited list, in its order (a repeated term counts once)."""
    table = read_table(path)
    header = table.rows[0] if table.rows else []
    term_col = _column(header, "term")
    if term_col is None:
        raise InputError(
            f"file {path} has no 'term' column (its first row is: {', '.join(header) or 'empty'}"
            "): keep the header row that `flashgen terms --format tsv` writes"
        )
    pinyin_col, gloss_col = _column(header, "pinyin"), _column(header, "gloss")

    def cell(row: list[str], column: int | None) -> str:
        return row[column] if column is not None and column < len(row) else ""

    curated: dict[str, CuratedTerm] = {}
    for line, row in zip(table.lines[1:], table.rows[1:], strict=True):
        term = unicodedata.normalize("NFC", cell(row, term_col))
        if any(char in term for char in "\t\n\r"):
            raise InputError(
                f"file {path} line {line}: the term {term.split()[0]!r}... runs over tabs or "
                'lines, so a quote (") in this row or above is probably unbalanced: fix the '
                "quotes so that each term is one cell"
            )
        if term and term not in curated:
            curated[term] = CuratedTerm(term, cell(row, pinyin_col), cell(row, gloss_col))
    if not curated:
        raise InputError(f"file {path} lists no terms: keep at least one row under the header")
    return list(curated.values())


def _squash(pinyin: str) -> str:
    """Pinyin compared loosely: lower case, composed, without spaces or apostrophes."""
    return re.sub(r"[\s'’\-]", "", unicodedata.normalize("NFC", pinyin).lower())


def numbered_reading(term: str, pinyin: str) -> str | None:
    """The numbered reading ("xue2 xi2") of a teacher's pinyin for ``term``, or None.

    Numbered input is taken as written; tone marks ("xuéxí", "xué xí") are matched against
    the readings each character can have (any syllable may also be neutral), which splits
    the syllables where the marks alone would not say; a reading no dictionary gives the
    characters is still understood when its syllables are spaced ("yīn háng").
    """
    from flashgen.pinyin.reading import candidates, numbers_to_marks

    text = _squash(pinyin).replace("ü", "v").replace("u:", "v")
    if re.search(r"[1-5]", text):
        syllables = re.findall(r"[a-z]+[1-5]", text)
        return " ".join(syllables) if "".join(syllables) == text else None

    def match(index: int, at: int) -> list[str] | None:
        if index == len(term):
            return [] if at == len(text) else None
        options = candidates(term[index])
        for option in dict.fromkeys((*options, *(o[:-1] + "5" for o in options))):
            marked = _squash(numbers_to_marks(option)).replace("ü", "v")
            if text.startswith(marked, at):
                rest = match(index + 1, at + len(marked))
                if rest is not None:
                    return [option, *rest]
        return None

    found = match(0, 0)
    return " ".join(found) if found else _spaced_reading(term, pinyin)


#: The shape of a toneless pinyin syllable: an initial, then a final (ü as "v").
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ueng|ing|ang|eng|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|"
    r"ia|ie|in|iu|ua|uo|ui|un|ve|vn|a|o|e|i|u|v)"
)

#: Combining tone marks (after NFD) -> tone number.
_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _spaced_reading(term: str, pinyin: str) -> str | None:
    """A reading none of the characters is listed with, written one syllable per Han
    character with spaces ("yīn háng"): each syllable taken as written, its mark read as a
    tone (none: neutral). None when the syllables do not fit the characters."""
    from flashgen.lexicon.script import is_han_char

    pieces = [p for p in re.split(r"[\s'’\-]+", pinyin.strip()) if p]
    if len(pieces) != sum(map(is_han_char, term)):
        return None
    syllables = []
    for piece in pieces:
        decomposed = unicodedata.normalize("NFD", piece.lower())
        tone = next((_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS), "5")
        letters = decomposed.replace("u\u0308", "v").replace("u:", "v")
        letters = "".join(c for c in letters if c.isascii() and c.isalpha())
        if not _PINYIN_SYLLABLE.fullmatch(letters):
            return None
        syllables.append(letters + tone)
    return " ".join(syllables)


def _edited(found: AnnotatedTerm, curated: CuratedTerm) -> AnnotatedTerm:
    """``found`` with the teacher's gloss and pinyin where she changed them."""
    changes: dict = {}
    if curated.gloss and curated.gloss != found.gloss.text:
        # Her gloss replaces ours outright; the full dictionary entry stays for reference.
        changes["gloss"] = replace(found.gloss, text=curated.gloss, origin="teacher",
                                   alternatives=())
    if curated.pinyin and _squash(curated.pinyin) != _squash(found.pinyin):
        from flashgen.pinyin.reading import numbers_to_marks

        numbered = numbered_reading(found.term.text, curated.pinyin)
        # A reading we cannot parse is shown as she wrote it; audio keeps our reading.
        changes["pinyin"] = numbers_to_marks(numbered) if numbered else curated.pinyin
        changes["pinyin_numbered"] = numbered or found.pinyin_numbered
    return replace(found, **changes)


def term_in(text: str, pairs: Sequence[SentencePair]) -> Term:
    """A Term for ``text`` as the pairs show it: its count, first example and sources."""
    hits = [pair for pair in pairs if text in pair.zh]
    return Term(
        text,
        count=sum(pair.zh.count(text) for pair in hits),
        example=hits[0] if hits else None,
        sources=tuple(dict.fromkeys(pair.source for pair in hits if pair.source)),
    )


def apply_curation(
    terms: Sequence[AnnotatedTerm],
    curated: Sequence[CuratedTerm],
    *,
    pairs: Sequence[SentencePair],
    annotate: Annotate,
) -> list[AnnotatedTerm]:
    """Exactly the curated terms, in the curated order, with the teacher's edits applied.

    A term discovery found keeps its annotation; one it did not find (the teacher added
    it, or it fell below the discovery cut) is built from the ``pairs`` it occurs in and
    annotated with ``annotate(term)``; a term in no pair still gets its card, with
    no example. Filters should not run after this: the teacher's list is the deck.
    """
    found: dict[str, AnnotatedTerm] = {}
    for t in terms:
        found.setdefault(t.term.text, t)
    return [
        _edited(found.get(c.term) or annotate(term_in(c.term, pairs)), c) for c in curated
    ]
