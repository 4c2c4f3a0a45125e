"""Import built decks into a real Anki collection (the PyPI ``anki`` package), for tests.

    with collection(tmp_path) as col:
        log = import_apkg(col, deck_path)
        notes = all_notes(col)

Nothing is mocked: this is Anki's own importer and renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection", reason="needs the anki package")
from anki.collection import Collection  # noqa: E402
from anki.import_export_pb2 import (  # noqa: E402
    CsvMetadata,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
    ImportCsvRequest,
)


@dataclass(frozen=True)
class ImportedCard:
    """One card as Anki renders it."""

    template: str
    deck: str
    question: str
    answer: str


@dataclass(frozen=True)
class ImportedNote:
    """One note as Anki stored it, with its cards."""

    guid: str
    notetype: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    cards: tuple[ImportedCard, ...]

    def card(self, template: str) -> ImportedCard:
        """The card made from ``template``; fails the test if there is none."""
        for card in self.cards:
            if card.template == template:
                return card
        raise AssertionError(f"no {template!r} card among {[c.template for c in self.cards]}")


@contextmanager
def collection(directory: Path, name: str = "collection") -> Iterator[Collection]:
    """A fresh, empty Anki collection in ``directory``; closed afterwards."""
    directory.mkdir(parents=True, exist_ok=True)
    col = Collection(str(directory / f"{name}.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_apkg(col: Collection, path: Path, *, merge_notetypes: bool = False):  # noqa: ANN201
    """Import a package with Anki's own importer and its default options (update if newer).

    Returns Anki's import log (``new``, ``updated``, ``duplicate``, ``conflicting``...).
    """
    options = ImportAnkiPackageOptions(
        merge_notetypes=merge_notetypes,
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return col.import_anki_package(request).log


def import_csv(col: Collection, path: Path):  # noqa: ANN201
    """Import a text file with Anki's text importer, taking every setting from its headers."""
    metadata = col.get_csv_metadata(str(path), delimiter=None)
    metadata.dupe_resolution = CsvMetadata.DupeResolution.UPDATE
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def all_notes(col: Collection) -> list[ImportedNote]:
    """Every note of the collection with its fields, tags and rendered cards, by GUID."""
    notes = []
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        notetype = note.note_type()
        templates = [t["name"] for t in notetype["tmpls"]]
        cards = tuple(
            ImportedCard(
                template=templates[card.ord],
                deck=col.decks.name(card.did),
                question=card.question(),
                answer=card.answer(),
            )
            for card in sorted(note.cards(), key=lambda c: c.ord)
        )
        notes.append(
            ImportedNote(
                guid=note.guid,
                notetype=notetype["name"],
                fields=dict(note.items()),
                tags=tuple(note.tags),
                cards=cards,
            )
        )
    return sorted(notes, key=lambda n: n.guid)
