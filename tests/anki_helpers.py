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

pytest.importorskip("anki.collection", reason="needs the anki package (the test extra)")
from anki.collection import Collection  # noqa: E402
from anki.import_export_pb2 import (  # noqa: E402
    CsvMetadata,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
    ImportCsvRequest,
    ImportResponse,
)

from flashgen.records import AnnotatedTerm, Gloss, SentencePair, Term  # noqa: E402


@dataclass(frozen=True)
class ImportedCard:
    """One card as Anki renders it."""

    template: str
    deck: str
    question: str
    answer: str
    due: int = 0  # a new card's position in the new queue


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


def import_apkg(
    col: Collection, path: Path, *, merge_notetypes: bool = False
) -> ImportResponse.Log:
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


def import_csv(col: Collection, path: Path) -> ImportResponse.Log:
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
                due=card.due,
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


# Hand-made records for the deck tests (our own sentences; English in the comments).
SOURCE = "economy report"  # a source name with a space: tags must not split on it


def pair(zh: str, en: str, paragraph: int = 0, source: str = SOURCE) -> SentencePair:
    """One aligned pair of single sentences."""
    return SentencePair((zh,), (en,) if en else (), paragraph, source)


# The bank president announced a new monetary policy.
BANK = pair("银行行长宣布了新的货币政策。", "The bank president announced a new monetary policy.")
# The central bank cut interest rates to support the real economy.
RATES = pair(
    "央行降息以支持实体经济。",
    "The central bank cut interest rates to support the real economy.",
    1,
)
# Chinese with markup in it, as a careless web page could give: it must stay text.
HOSTILE = pair(
    "<script>alert(1)</script>央行<img src=x onerror=alert(2)>宣布降息。",
    'The central bank <b onmouseover="x()">announced</b> a cut.',
    2,
)


def term(
    text: str,
    reading: str,
    marks: str,
    gloss: str,
    example: SentencePair,
    *,
    kind: str = "word",
    traditional: str = "",
    hsk: int | None = None,
    origin: str = "dictionary",
    classifier: str = "",
) -> AnnotatedTerm:
    """An annotated term built by hand."""
    return AnnotatedTerm(
        term=Term(text, kind, 1, 1.0, example, (example.source,)),
        pinyin=marks,
        gloss=Gloss(gloss, origin, classifier, gloss, ""),
        traditional=traditional or text,
        pinyin_numbered=reading,
        hsk=hsk,
        example_pinyin="",
    )


def sample_terms(policy_gloss: str = "monetary policy") -> list[AnnotatedTerm]:
    """Three terms: a compound, a polyphone word (行 read háng), and one from HOSTILE."""
    return [
        # monetary policy
        term(
            "货币政策",
            "huo4 bi4 zheng4 ce4",
            "huòbì zhèngcè",
            policy_gloss,
            BANK,
            kind="compound",
            traditional="貨幣政策",
        ),
        # bank president (行 as in 银行, not xíng)
        term(
            "行长",
            "hang2 zhang3",
            "hángzhǎng",
            "bank president",
            BANK,
            traditional="行長",
            hsk=5,
            classifier="位",
        ),
        # to cut interest rates
        term("降息", "jiang4 xi1", "jiàngxī", "to cut interest rates <fast>", HOSTILE),
    ]


SAMPLE_PAIRS = [BANK, RATES, HOSTILE]
