"""Text to paragraphs: blocks of lines, and the units of one language inside them.

Blocks are separated by blank lines, or are single lines in a file without any, or start
at an indented line; inside a block, metadata lines go (:mod:`flashgen.read.metadata`)
and the rest is grouped into paragraphs of one language, one per line when most lines
end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.read.language import CLOSERS, collapse, language
from flashgen.read.metadata import content_lines, is_date_line

_INDENT_RE = re.compile(r"^(?:\u3000|\t| {2,})")


def _raw_blocks(text: str) -> list[list[str]]:
    """Blocks as lists of stripped lines.

    Blocks are separated by blank lines. A file with no blank line at all has one paragraph
    per line. Inside a block, indented lines (full-width or double spaces, tab: the way
    Chinese texts mark paragraphs) start new blocks when at least two lines are indented.
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) > 1 and len(filled) == filled[-1] - filled[0] + 1:
        return [[lines[i].strip()] for i in filled]
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n[ \t\u3000\xa0]*\n", text):
        rows = [line for line in chunk.split("\n") if line.strip()]
        if not rows:
            continue
        if sum(1 for r in rows if _INDENT_RE.match(r)) >= 2:
            current: list[str] = []
            for row in rows:
                if _INDENT_RE.match(row) and current:
                    blocks.append(current)
                    current = []
                current.append(row.strip())
            blocks.append(current)
        else:
            blocks.append([r.strip() for r in rows])
    return blocks


def split_paragraphs(text: str) -> list[str]:
    """Non-empty blank-line-separated blocks, whitespace collapsed (see :func:`_raw_blocks`
    for files with one paragraph per line and indented paragraphs)."""
    return [p for p in (collapse("\n".join(b)) for b in _raw_blocks(text)) if p]


@dataclass(frozen=True)
class Unit:
    """A run of same-language content lines of one block."""

    index: int
    lang: str
    text: str


# A block is one paragraph per line when at least this share of its lines (but the last)
# end a sentence; hard-wrapped prose ends a line at a full stop far less often.
_PER_LINE_SHARE = 0.5
_SENTENCE_END = tuple("。！？!?….")


def _line_runs(lines: Sequence[str]) -> list[list[str]]:
    """The lines of a block grouped into paragraphs: one per line when most lines end a
    sentence, else runs of one language (a hard-wrapped paragraph, or a paragraph and its
    translation on consecutive lines) and date lines alone."""
    prose = [line for line in lines if not is_date_line(line)]
    ends = sum(1 for line in prose[:-1] if line.rstrip(CLOSERS).endswith(_SENTENCE_END))
    if len(prose) > 1 and ends >= _PER_LINE_SHARE * (len(prose) - 1):
        return [[line] for line in lines]
    runs: list[list[str]] = []
    previous = ""
    for line in lines:
        # A date line is a paragraph of its own, never the start of the next one.
        lang = "date" if is_date_line(line) else language(line)
        if runs and lang == previous != "date":
            runs[-1].append(line)
        else:
            runs.append([line])
        previous = lang
    return runs


def units(text: str) -> list[Unit]:
    """The content of each block as units of one language; several units share a block's
    index when it holds a paragraph per line or a paragraph and its translation."""
    found: list[Unit] = []
    for index, lines in enumerate(_raw_blocks(text)):
        for run in _line_runs(content_lines(lines)):
            joined = collapse("\n".join(run))
            lang = language(joined)
            if lang != "other":
                found.append(Unit(index, lang, joined))
    return found
