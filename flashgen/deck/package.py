"""Write the deck: notes grouped into (sub)decks, packaged as .apkg, always atomically.

Identities are stable: note types have fixed IDs (``flashgen.deck.notetypes``), notes take their
GUID from what identifies them (``flashgen.deck.notes``) and a deck's ID is derived from its
name. So a rebuilt deck updates the notes a learner already has instead of duplicating them.

The package is written through :func:`flashgen.files.atomic.atomic_output`, so a failed build
leaves an existing deck exactly as it was.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import genanki

from flashgen.deck.notes import inert, sentence_note, shown, vocab_note
from flashgen.errors import InputError
from flashgen.files.atomic import atomic_output, temp_prefix
from flashgen.records import AnnotatedTerm, Cards, SentencePair, SentenceReading

#: The cards of a deck when a recipe says nothing: recognition, recall and sentence reading.
DEFAULT_CARDS = Cards()


def deck_id(name: str) -> int:
    """A deck ID derived from the deck's full name ("Unit::Article").

    SHA-256 of the name, folded into [2**30, 2**31): the range genanki's README draws
    random deck IDs from, clear of Anki's default deck (ID 1) and of millisecond
    timestamps that Anki itself uses for decks it creates.
    """
    digest = hashlib.sha256(f"flashgen-deck:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def subdeck_name(deck_name: str, source: str, subdecks: Mapping[str, str] | None) -> str:
    """The full name of the deck a note from ``source`` goes into."""
    if subdecks and source in subdecks:
        return f"{deck_name}::{subdecks[source]}"
    return deck_name


def _sound(text: str, media: Mapping[str, Path]) -> str:
    return f"[sound:{media[text].name}]" if text in media else ""


def deck_notes(
    deck_name: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    *,
    cards: Cards = DEFAULT_CARDS,
    subdecks: Mapping[str, str] | None = None,
    media: Mapping[str, Path] | None = None,
    titles: Mapping[str, str] | None = None,
    pinyin: Mapping[str, SentenceReading] | None = None,
) -> dict[str, list[genanki.Note]]:
    """The notes of a deck, by full deck name, vocabulary first (in the order given, which
    is also their new cards' position).

    ``subdecks`` maps a source name (``SentencePair.source``, ``Term.sources``) to its
    subdeck under ``deck_name``; a vocabulary note goes where its first source goes. Notes
    with the same GUID (the same word and reading, the same sentence) are made once, with
    the tags of all of them. ``media`` maps a term or a Chinese sentence (a sentence note's,
a term's example) to its audio file. ``pinyin`` maps a Chinese sentence to its
    readings where a batch's workers made them already.
    """
    from flashgen.lexicon.traditional import to_traditional
    from flashgen.pinyin.reading import colour_html, ruby

    media = media or {}
    titles = titles or {}
    made = pinyin or {}

    def titled(sources: Sequence[str]) -> str:
        return ", ".join(titles.get(s, s) for s in sources)

    @cache
    def coloured(text: str) -> str:
        return inert(made[text].coloured if text in made else colour_html(text))

    def over_characters(text: str) -> str:
        return made[text].ruby if text in made else ruby(text)

    decks: dict[str, list[genanki.Note]] = {}
    seen: dict[str, genanki.Note] = {}

    def add(deck: str, note: genanki.Note) -> None:
        if note.guid in seen:
            first = seen[note.guid]
            first.tags = list(dict.fromkeys([*first.tags, *note.tags]))
            return
        # New cards come in this order in Anki (their position), which is the deck's order
        # (--order), vocabulary first, rather than all sharing position 0.
        note.due = len(seen)
        seen[note.guid] = note
        decks.setdefault(deck, []).append(note)

    for t in terms:
        example = t.term.example
        source = (t.term.sources or (example.source if example else "",))[0]
        note = vocab_note(
            t,
            example_pinyin_html=coloured(example.zh) if example else None,
            recall=cards.vocab_recall,
            cloze=cards.cloze,
            sound=_sound(t.term.text, media),
            sentence_sound=_sound(example.zh, media) if example else "",
            source=titled(t.term.sources or ((example.source,) if example and example.source
                                             else ())),
        )
        add(subdeck_name(deck_name, source, subdecks), note)
    if cards.sentence_reading:
        for pair in pairs:
            if not pair.zh.strip():
                continue
            note = sentence_note(
                pair,
                pinyin_html=coloured(pair.zh),
                reading=shown(over_characters(pair.zh), furigana=True),
                traditional=to_traditional(pair.zh),
                terms=terms,
                production=cards.sentence_production,
                sound=_sound(pair.zh, media),
                source=titled((pair.source,)),
            )
            add(subdeck_name(deck_name, pair.source, subdecks), note)
    return decks


def build_package(
    deck_name: str,
    notes: Mapping[str, Sequence[genanki.Note]],
    *,
    description: str = "",
    media_files: Sequence[Path] = (),
) -> genanki.Package:
    """A genanki package of the deck ``deck_name`` and its subdecks.

    The top deck is always included (it carries the description, escaped, newlines kept);
    subdecks are named ``deck_name::Sub``.
    """
    desc = html.escape(description).replace("\n", "<br>")
    decks = {deck_name: genanki.Deck(deck_id(deck_name), deck_name, desc)}
    for name, deck_notes_ in notes.items():
        deck = decks.setdefault(name, genanki.Deck(deck_id(name), name))
        for note in deck_notes_:
            deck.add_note(note)
    return genanki.Package(list(decks.values()), media_files=[str(p) for p in media_files])


#: The latest ``timestamp`` accepted: the last second of 9999, as far as ZIP and Anki go.
LATEST_TIMESTAMP = 253402300799


def check_timestamp(timestamp: float | None) -> float | None:
    """``timestamp`` if it is a usable note time (finite, from 1970 to 9999), else InputError.

    Note and card ids count up from the timestamp in milliseconds; NaN, infinities and
    times past year 9999 make no id (or one past SQLite's 64 bits).
    """
    if timestamp is not None and not (
        math.isfinite(timestamp) and 0 <= timestamp <= LATEST_TIMESTAMP
    ):
        raise InputError(
            f"--timestamp {timestamp} is not a time: give Unix seconds from 0 to "
            f"{LATEST_TIMESTAMP} (the year 9999), e.g. $(date +%s)"
        )
    return timestamp


def first_id(stamp: float) -> int:
    """The first note/card id of a package made at ``stamp``: its milliseconds, at least 1.

    Anki keeps a note with id 0 but cannot load it, and its Check Database then fails.
    """
    return max(int(stamp * 1000), 1)


def write_package(package: genanki.Package, path: Path, timestamp: float | None = None) -> Path:
    """Write ``package`` to ``path`` atomically; see :func:`write_apkg` on ``timestamp``.

    genanki's own ``write_to_file`` leaves its SQLite file behind in the system temp
    folder and stamps the archive with the current time; this writes the same collection
    in a temporary folder that is removed, with archive dates taken from ``timestamp``, so
    a fixed timestamp gives a byte-identical file.
    """
    checked = check_timestamp(timestamp)
    stamp = time.time() if checked is None else checked
    # ZIP dates cannot be earlier than 1980.
    date = max(time.gmtime(stamp)[:6], (1980, 1, 1, 0, 0, 0))
    with atomic_output(path) as tmp, tempfile.TemporaryDirectory(prefix=temp_prefix()) as work:
        db = Path(work) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            # A scratch file, zipped and then removed: waiting for the disk after each of
            # the schema's statements buys nothing (the same bytes, without the syncs).
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA journal_mode = MEMORY")
            package.write_to_db(conn.cursor(), stamp, itertools.count(first_id(stamp)))
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:

            def put(name: str, data: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=date)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)

            put("collection.anki2", db.read_bytes())
            files = [Path(p) for p in package.media_files]
            put("media", json.dumps({str(i): p.name for i, p in enumerate(files)}).encode())
            for i, media_file in enumerate(files):
                put(str(i), media_file.read_bytes())
    return path


def write_apkg(
    deck_name: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    path: Path,
    *,
    timestamp: float | None = None,
    description: str = "",
    cards: Cards = DEFAULT_CARDS,
    subdecks: Mapping[str, str] | None = None,
    media: Mapping[str, Path] | None = None,
    titles: Mapping[str, str] | None = None,
    pinyin: Mapping[str, SentenceReading] | None = None,
) -> Path:
    """Write the deck of ``terms`` and ``pairs`` to ``path`` (an .apkg), atomically.

    ``timestamp`` (Unix seconds) becomes every note's modification time. Anki updates a
    note it already has only when the package's note is newer, so the default, now, makes
    a rebuild update the learner's notes. A fixed timestamp makes the file reproducible
    (byte for byte) but a rebuild with the same timestamp changes nothing in a collection
    that already holds the deck: raise it when the content changes. Two builds within the
    same second share a modification time too (Anki keeps whole seconds).

    ``cards``, ``subdecks``, ``media``, ``titles`` and ``pinyin`` are as in
    :func:`deck_notes`. Raises
    :class:`OutputError` when the file cannot be written; an existing file is then left
    as it was.
    """
    notes = deck_notes(
        deck_name, terms, pairs, cards=cards, subdecks=subdecks, media=media, titles=titles,
        pinyin=pinyin,
    )
    files = list(dict.fromkeys((media or {}).values()))
    package = build_package(deck_name, notes, description=description, media_files=files)
    return write_package(package, path, timestamp)
