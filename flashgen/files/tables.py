"""Read the small tables users bring back from spreadsheets and Anki: CSV, TSV, word lists.

Such files come in whatever the tool saved: UTF-8 with or without a BOM, UTF-16 (Excel's
"Unicode Text"), GBK or Big5 (Excel on a Chinese Windows), CRLF line ends, quoted cells
with embedded tabs or newlines, blank lines. Anki's "Notes in Plain Text" export starts
with ``#key:value`` lines (``#separator:tab``, ``#guid column:1``...): they are returned
as directives. Any other row whose first cell starts with ``#`` is a comment.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from flashgen.errors import InputError
from flashgen.files.inputs import read_input

#: Anki's names for the separators its ``#separator:`` directive may give.
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ",
               "colon": ":"}


@dataclass(frozen=True)
class Table:
    """The non-blank, non-comment rows of a file (cells stripped), and its directives."""

    rows: list[list[str]]
    directives: dict[str, str]
    #: The file's line (1-based) on which each row starts, for messages about a row.
    lines: list[int] = field(default_factory=list)


def decode(data: bytes, path: Path) -> str:
    """Text of a file: by its BOM, else UTF-8, else GB18030 or Big5, whichever fits.

    These tables hold Chinese, so only the Chinese legacy encodings are candidates: open
    detection takes short GBK files for Western code pages.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is None:
            raise InputError(
                f"file {path} is not readable text: save it as UTF-8 (CSV UTF-8 in Excel)"
            ) from None
        return str(best)


def _sniff(line: str) -> str:
    """The delimiter of a table whose file does not say: tab, else comma, else semicolon."""
    for delimiter in ("\t", ",", ";"):
        if delimiter in line:
            return delimiter
    return "\t"


def read_table(path: Path) -> Table:
    """Read ``path`` as a table; raise an InputError a user can act on if it cannot be read."""
    text = decode(read_input(path), path)
    lines = text.splitlines(keepends=True)
    directives: dict[str, str] = {}
    while lines and lines[0].startswith("#") and ":" in lines[0]:
        key, _, value = lines.pop(0)[1:].strip().partition(":")
        directives[key.strip().lower()] = value.strip()
    body = "".join(lines)
    delimiter = _SEPARATORS.get(directives.get("separator", "").lower()) or _sniff(
        next((line for line in lines if line.strip()), "")
    )
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    offset = len(directives)
    rows: list[list[str]] = []
    starts: list[int] = []
    start = 1
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if any(cells) and not cells[0].startswith("#"):
                rows.append(cells)
                starts.append(start + offset)
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"file {path} line {start + offset}: {_malformed(error)}") from None
    return Table(rows, directives, starts)


def _malformed(error: csv.Error) -> str:
    """What a user should fix for the csv module's complaint about a row."""
    if "end of data" in str(error):
        return ('a quote (") opens a cell here and is never closed, so the rest of the file '
                "would be one cell: close the quote or remove it")
    if "expected after" in str(error):
        return ('a quoted cell goes on after its closing quote: write "" for a quote inside '
                "a quoted cell, or remove the quotes")
    return f"{error}: fix this row"
