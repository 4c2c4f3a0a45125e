"""Words the learner already knows, so a build leaves them out.

A known-words file is what the learner has: a plain list (one word per line, ``#``
comments), a CSV/TSV export (Anki's "Notes in Plain Text", a spreadsheet, Pleco), or the
Anki package (.apkg/.colpkg) of a deck they already study. From each row or note we take
the Chinese column (a column or field named Hanzi, Simplified, Chinese, Word or Term, else
the first one), drop HTML and sound tags, and keep its first run of Chinese characters.

An .apkg is a zip holding an SQLite collection. genanki and Anki's "Support older Anki
versions" export write it plain (collection.anki2/anki21); current Anki compresses it with
zstd (collection.anki21b), which we open with the ``zstandard`` module if installed, else
the ``zstd`` command.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from flashgen.errors import InputError
from flashgen.files.tables import read_table
from flashgen.lexicon.script import HAN
from flashgen.lexicon.traditional import to_simplified

#: Column or field names that hold the word, best first (compared case-insensitively).
WORD_COLUMNS = ("hanzi", "simplified", "chinese", "word", "term", "traditional",
                "汉字", "简体", "词语", "单词", "生词", "词汇")

#: The packaged collections, preferred first: current Anki also writes a collection.anki2
#: holding only a note that says "please update Anki".
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")

_HAN_RUN = re.compile(f"[{HAN}]+")
_MARKUP = re.compile(r"<[^>]*>|\[sound:[^\]]*\]")


def clean_word(value: str) -> str | None:
    """The word in a field or cell: its first run of Chinese characters, or None."""
    match = _HAN_RUN.search(html.unescape(_MARKUP.sub(" ", value)))
    return match.group() if match else None


def _pick(names: Sequence[str]) -> int | None:
    """Index of the best word column among ``names``, or None when none is named so."""
    lowered = [n.strip().lower() for n in names]
    for wanted in WORD_COLUMNS:
        if wanted in lowered:
            return lowered.index(wanted)
    return None


def _header_column(row: Sequence[str]) -> int | None:
    """The word column if ``row`` is a header row: it names one, and holds no other Chinese."""
    column = _pick(row)
    if column is None or any(clean_word(c) and c.lower() not in WORD_COLUMNS for c in row):
        return None
    return column


def _unique(words: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(w for w in words if w))


def _words_from_table(path: Path) -> list[str]:
    table = read_table(path)
    if not table.rows:
        return []
    column = _header_column(table.rows[0])
    rows = table.rows[1:] if column is not None else table.rows
    if column is None:
        # Anki's plain-text export may put GUID, note type and deck before the fields.
        meta = {
            int(value) - 1
            for key, value in table.directives.items()
            if key in ("guid column", "notetype column", "deck column") and value.isdigit()
        }
        column = next((i for i in range(len(table.rows[0])) if i not in meta), 0)
    return _unique(clean_word(row[column]) for row in rows if column < len(row))


#: A packaged collection may unpack to at most this many times the input limit, and to at
#: most this many times its compressed size: SQLite collections compress 3-10 times, a
#: zip bomb thousands of times.
UNPACKED_FACTOR = 8
MAX_RATIO = 100


def _unpacked_limit(path: Path, packed: int) -> int:
    from flashgen.files.inputs import input_limit

    return min(input_limit() * UNPACKED_FACTOR, max(packed, 1 << 16) * MAX_RATIO)


def _bounded(stream: IO[bytes], limit: int, path: Path) -> bytes:
    """At most ``limit`` bytes of ``stream``; InputError if it holds more (a zip bomb)."""
    from flashgen.files.inputs import LIMIT_VARIABLE

    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"file {path} unpacks to more than {limit / 2**20:.0f} MB (over {MAX_RATIO} times "
            f"its packed size or the input limit): export only the deck you study, or set "
            f"{LIMIT_VARIABLE} higher"
        )
    return data


def _unzstd(data: bytes, path: Path) -> bytes:
    try:
        import zstandard
    except ImportError:
        tool = shutil.which("zstd")
        if tool is None:
            raise InputError(
                f"file {path} is a current Anki package (zstd-compressed collection), and "
                "neither the zstandard module nor the zstd command is installed: install one "
                "(pip install zstandard, or apt-get install zstd), or export the deck from "
                "Anki as Notes in Plain Text (.txt) or with 'Support older Anki versions'"
            ) from None
        with tempfile.TemporaryFile() as packed:
            packed.write(data)
            packed.seek(0)
            with subprocess.Popen([tool, "-d", "-c", "-q"], stdin=packed,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) as done:
                assert done.stdout is not None and done.stderr is not None
                try:
                    out = _bounded(done.stdout, _unpacked_limit(path, len(data)), path)
                finally:
                    done.kill()
                error = done.stderr.read().decode(errors="replace").strip()
        if done.returncode and done.returncode != -signal.SIGKILL:
            raise InputError(f"file {path}: its collection cannot be decompressed "
                             f"({error}): re-export it") from None
        return out
    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
            return _bounded(reader, _unpacked_limit(path, len(data)), path)
    except zstandard.ZstdError as error:
        raise InputError(f"file {path}: its collection cannot be decompressed ({error}): "
                         "re-export it") from None


def _open_collection(path: Path) -> sqlite3.Connection:
    """The SQLite collection inside an Anki package, in memory."""
    try:
        with zipfile.ZipFile(path) as package:
            name = next((n for n in _COLLECTIONS if n in package.namelist()), None)
            if name is None:
                raise InputError(f"file {path} holds no Anki collection: export the deck "
                                 "again from Anki (File > Export > Anki Deck Package)")
            info = package.getinfo(name)
            with package.open(info) as member:
                data = _bounded(member, _unpacked_limit(path, info.compress_size), path)
    except FileNotFoundError:
        raise InputError(f"file {path} not found: check the path") from None
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError):
        raise InputError(f"file {path} is not an Anki package (not a readable zip file): "
                         "export the deck again, or give a text or CSV list of words") from None
    if name.endswith("21b"):
        data = _unzstd(data, path)
    if data[18:20] == b"\x02\x02":
        # A write-ahead-log database cannot be opened from memory: mark it rollback-journal.
        data = data[:18] + b"\x01\x01" + data[20:]
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db


def _field_names(db: sqlite3.Connection) -> dict[int, list[str]]:
    """Each note type's field names in order, from either collection schema."""
    tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    if "fields" in tables:
        names: dict[int, list[str]] = {}
        for ntid, name in db.execute("select ntid, name from fields order by ntid, ord"):
            names.setdefault(ntid, []).append(name)
        return names
    models = json.loads(db.execute("select models from col").fetchone()[0])
    return {int(mid): [f["name"] for f in sorted(m["flds"], key=lambda f: f["ord"])]
            for mid, m in models.items()}


def _words_from_package(path: Path) -> list[str]:
    db = _open_collection(path)
    try:
        fields = _field_names(db)
        words = []
        for mid, flds in db.execute("select mid, flds from notes order by id"):
            values = flds.split("\x1f")
            column = _pick(fields.get(mid, ())) or 0
            words.append(clean_word(values[column]) if column < len(values) else None)
    except sqlite3.DatabaseError as error:
        raise InputError(f"file {path}: its collection cannot be read ({error}): export the "
                         "deck again from Anki") from None
    finally:
        db.close()
    return _unique(words)


def known_words_from_deck(path: Path) -> list[str]:
    """The words of a deck the learner studies (.apkg, .colpkg, CSV, TSV or text), in order.

    This is what ``flashgen known export DECK -o known.txt`` writes, one per line.
    """
    from flashgen.files.inputs import check_input

    check_input(path, "known-words file")
    if path.suffix.lower() in (".apkg", ".colpkg"):
        return _words_from_package(path)
    return _words_from_table(path)


def load_known_words(path: Path) -> frozenset[str]:
    """The known words in ``path``, each also in its simplified form.

    A learner studying a traditional-character deck knows 學習 when a text writes 学习.
    """
    words = known_words_from_deck(path)
    return frozenset(words) | {to_simplified(w) for w in words}


def user_known_path() -> Path:
    """Where a learner's own known-words list lives: ``known.txt`` in flashgen's app dir."""
    from flashgen.files.appdir import app_dir

    return app_dir() / "known.txt"


def export_known_words(deck: Path, out: Path) -> int:
    """Write the words of ``deck`` to ``out``, one per line; return how many."""
    from flashgen.files.atomic import atomic_output, check_output

    if out == user_known_path():
        out.parent.mkdir(parents=True, exist_ok=True)  # the app dir may not exist yet
    check_output(out)
    if out.exists() and deck.exists() and os.path.samefile(out, deck):
        raise InputError(f"output {out} is the deck {deck}: writing it would replace the deck; "
                         "choose another output path")
    words = known_words_from_deck(deck)
    header = f"# Known words from {deck.name}, written by flashgen; one word per line.\n"
    with atomic_output(out) as tmp:
        tmp.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    return len(words)
