"""A deck's manifest: which notes a build wrote, kept beside the deck for the next build.

Anki never deletes a note on import: a note a rebuilt deck no longer holds (a term the
teacher took off her list, a sentence of an edited text) stays in the learner's collection
with its cards and review history. So a build writes ``DECK.flashgen.json`` beside
``DECK.apkg`` (or the CSV) listing each note by GUID with its type and text, and the next
build at the same path says which of those notes it no longer contains, and how to find
them in Anki. The file holds no time, so a fixed ``--timestamp`` still gives identical
files; it is written atomically, like the deck.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flashgen.deck.notes import sentence_guid, vocab_guid
from flashgen.errors import OutputError
from flashgen.files.atomic import atomic_output
from flashgen.records import AnnotatedTerm, Cards, SentencePair

#: What is appended to the deck's file name: ``unit.apkg`` -> ``unit.apkg.flashgen.json``.
SUFFIX = ".flashgen.json"
#: The manifest's format; a file of another version is read as no manifest.
VERSION = 1


@dataclass(frozen=True)
class NoteEntry:
    """One note of a build: its kind ("vocabulary" or "sentence") and its Chinese text."""

    kind: str
    text: str


def manifest_path(deck: Path) -> Path:
    """Where the manifest of the deck at ``deck`` lives."""
    return deck.with_name(deck.name + SUFFIX)


def deck_contents(
    terms: Sequence[AnnotatedTerm], pairs: Sequence[SentencePair], cards: Cards
) -> dict[str, NoteEntry]:
    """The notes a deck of ``terms`` and ``pairs`` holds, by GUID: the same GUIDs as
    :func:`flashgen.deck.package.deck_notes` gives them."""
    contents = {
        vocab_guid(t.term.text, t.pinyin_numbered): NoteEntry("vocabulary", t.term.text)
        for t in terms
    }
    if cards.sentence_reading:
        for pair in pairs:
            if pair.zh.strip():
                contents.setdefault(sentence_guid(pair.zh), NoteEntry("sentence", pair.zh))
    return contents


def read_manifest(path: Path) -> dict[str, NoteEntry] | None:
    """The notes a manifest lists, or None when there is none (or one flashgen cannot read:
    then there is nothing to compare with, which is no error)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        return {guid: NoteEntry(e["kind"], e["text"]) for guid, e in data["notes"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_manifest(path: Path, deck_name: str, contents: Mapping[str, NoteEntry]) -> Path:
    """Write the manifest of a build, atomically."""
    data = {
        "version": VERSION,
        "about": "the notes flashgen wrote to the deck beside this file, for its next build",
        "deck": deck_name,
        "notes": {guid: {"kind": e.kind, "text": e.text} for guid, e in contents.items()},
    }
    with atomic_output(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def record_build(
    deck: Path, deck_name: str, contents: Mapping[str, NoteEntry]
) -> list[NoteEntry]:
    """Write the manifest beside ``deck`` and return the notes of the previous build there
    that this one no longer contains (none on a first build), in their old order.

    The manifest is a convenience, the deck is what was asked for: where it cannot be
    written (a deck name near the file system's longest, a folder that refuses a second
    file) the build goes on without one.
    """
    path = manifest_path(deck)
    previous = read_manifest(path) or {}
    try:
        write_manifest(path, deck_name, contents)
    except OutputError:
        pass
    return [entry for guid, entry in previous.items() if guid not in contents]


#: The most dropped notes named one by one; the rest are counted.
SHOWN = 10


def dropped_report(dropped: Sequence[NoteEntry], *, curated: bool = False) -> list[str]:
    """Lines for the build's output about ``dropped`` notes: what they are, that Anki keeps
    them, and an Anki search that finds them (to suspend or delete them there)."""
    if not dropped:
        return []
    words = [e.text for e in dropped if e.kind == "vocabulary"]
    sentences = [e.text for e in dropped if e.kind == "sentence"]
    counts = " and ".join(
        f"{len(group)} {name}{'' if len(group) == 1 else 's'}"
        for group, name in ((words, "term"), (sentences, "sentence"))
        if group
    )
    shown = [*words, *(s if len(s) <= 12 else s[:12] + "…" for s in sentences)][:SHOWN]
    more = len(dropped) - len(shown)
    why = "taken off the term list" if curated and words else "no longer in this build"
    lines = [
        f"{counts} of the last build at this path {why}: {', '.join(shown)}"
        + (f" and {more} more" if more > 0 else ""),
        "Anki keeps their notes and review history on import; to find them there, search: "
        + anki_search(words, sentences),
    ]
    return lines


def anki_search(words: Sequence[str], sentences: Sequence[str]) -> str:
    """An Anki browser search for these vocabulary and sentence notes (by their field)."""

    def quoted(field: str, text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*")
        escaped = escaped.replace("_", "\\_").replace(":", "\\:")
        return f'"{field}:{escaped}"'

    terms = [quoted("Hanzi", w) for w in words] + [quoted("Chinese", s) for s in sentences]
    return " OR ".join(terms) if len(terms) == 1 else f"({' OR '.join(terms)})"
