"""A folder as a source: every text in it, and in its subfolders, in a stable order.

Texts are ``.txt``, ``.md``, ``.html``/``.htm`` and subtitles (``.srt``, ``.vtt``). A file
``NAME.en.EXT`` beside ``NAME.zh.EXT`` is that text's translation, not a text of its own,
as it is when the Chinese file is named on the command line; subtitles pair by name the
same way, and ``NAME.en.srt`` also translates a plain ``NAME.srt``. Hidden files and
folders (a name starting with ".") are left out. The order is that of the files' paths
inside the folder, compared as text, so a folder builds the same deck on every machine.
"""

from __future__ import annotations

import re
from pathlib import Path

from flashgen.errors import InputError

#: The suffixes of the files a folder's texts are read from.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".srt", ".vtt"})
_SUBTITLES = frozenset({".srt", ".vtt"})
#: ``NAME.zh.EXT`` / ``NAME.en.EXT``: one language of a text kept in two files.
_LANGUAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>zh|en)(?P<ext>\.[^.]+)$")


def texts_in(folder: Path) -> list[tuple[Path, Path | None]]:
    """Each text of ``folder`` (recursively) and its translation file if it has one apart
    (a subtitle file's English); the translation of ``NAME.zh.EXT`` is left to the
    recipe, which finds ``NAME.en.EXT`` beside it as for a file named on its own."""
    files = sorted(
        (p for p in folder.rglob("*") if _wanted(p, folder)),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
    present = set(files)
    texts: list[tuple[Path, Path | None]] = []
    for path in files:
        if _translation(path, present):
            continue
        en = path.with_name(f"{path.stem}.en{path.suffix}")
        texts.append((path, en if path.suffix.lower() in _SUBTITLES and en in present else None))
    if not texts:
        raise InputError(
            f"folder {folder} holds no text ({', '.join(sorted(TEXT_SUFFIXES))}): "
            "give a folder of Chinese or bilingual texts, or the files themselves"
        )
    return texts


def _wanted(path: Path, folder: Path) -> bool:
    """A text file of the folder's, not hidden nor inside a hidden folder."""
    inside = path.relative_to(folder).parts
    return (
        path.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in inside)
        and path.is_file()
    )


def _translation(path: Path, present: set[Path]) -> bool:
    """Whether ``path`` is the English of another file of the folder: ``NAME.en.EXT``
    beside ``NAME.zh.EXT``, or (subtitles) beside ``NAME.EXT``."""
    match = _LANGUAGE.match(path.name)
    if match is None or match["lang"] != "en":
        return False
    stem, ext = match["stem"], match["ext"]
    partners = [path.with_name(f"{stem}.zh{ext}")]
    if ext.lower() in _SUBTITLES:
        partners.append(path.with_name(f"{stem}{ext}"))
    return any(p in present for p in partners)
