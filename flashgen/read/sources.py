"""Read sources into Documents: the read stage's doors.

The stage's contract: ``read_document(path, en_path=None, encoding=None) -> Document`` and
``read_subtitles(zh_srt, en_srt) -> Document``. Every problem a user can fix is raised as
:class:`~flashgen.errors.InputError` naming the file and the remedy.

The steps, one module each: :mod:`~flashgen.read.decode` (bytes to text),
:mod:`~flashgen.read.markup` (HTML and Markdown to prose), :mod:`~flashgen.read.paragraphs`
(blocks and units of one language), :mod:`~flashgen.read.metadata` (news-site metadata,
bylines, headlines), :mod:`~flashgen.read.pairing` (which English paragraph translates
which Chinese one) and :mod:`~flashgen.read.subtitles`.
"""

from __future__ import annotations

from pathlib import Path

from flashgen.errors import InputError
from flashgen.read.decode import REMEDY, read_plain
from flashgen.read.language import HAN_RE
from flashgen.read.markup import strip_markup
from flashgen.read.pairing import pair_files, pair_interleaved
from flashgen.read.paragraphs import units
from flashgen.read.subtitles import read_subtitles
from flashgen.records import Document

__all__ = ["read_document", "read_subtitles", "read_text"]


def read_text(path: Path, encoding: str | None = None, *, require_chinese: bool = True) -> str:
    """The text of a source file, decoded, cleaned and stripped of Markdown/HTML markup.

    Raises InputError (naming the file) for a missing file, a directory, an empty or binary
    file, bytes that ``encoding`` cannot decode, and, unless ``require_chinese`` is false
    (an English translation file), text without any Chinese.
    """
    path = Path(path)
    text = strip_markup(read_plain(path, encoding), path)
    if not text.strip():
        raise InputError(f"file {path} has no text outside its markup: {REMEDY}")
    if require_chinese and not HAN_RE.search(text):
        raise InputError(
            f"file {path} contains no Chinese text; flashgen needs Chinese (a Chinese or "
            "bilingual Chinese-English article): check the file, or its --encoding"
        )
    return text


def read_document(path: Path, en_path: Path | None = None, encoding: str | None = None) -> Document:
    """Read a Chinese or bilingual source (and optionally its English translation file).

    Paragraph indices count every non-empty block of the Chinese file, metadata included.
    With ``en_path`` and equal paragraph counts the paragraphs pair one to one; otherwise
    :func:`flashgen.align.pairs.align_paragraphs` aligns them. ``encoding`` applies to ``path``;
    the translation file's encoding is detected.
    """
    path = Path(path)
    found = units(read_text(path, encoding))
    if en_path is None:
        paragraphs = pair_interleaved(found)
    else:
        en_path = Path(en_path)
        zh_units = [u for u in found if u.lang == "zh"]
        en_units = [u for u in units(read_text(en_path, require_chinese=False)) if u.lang == "en"]
        if not en_units:
            raise InputError(f"file {en_path} contains no English text: give the translation")
        paragraphs = pair_files(zh_units, en_units)
    if not paragraphs:
        raise _no_paragraphs(path)
    return Document(name=path.stem, path=str(path), paragraphs=tuple(paragraphs))


def _no_paragraphs(path: Path) -> InputError:
    return InputError(
        f"file {path} has no Chinese paragraphs besides metadata (source, editor, dates): "
        "give the article's text"
    )
