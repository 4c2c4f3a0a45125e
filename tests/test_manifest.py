"""The manifest beside a deck: the next build names the notes it no longer holds."""

from __future__ import annotations

import json
import time
from pathlib import Path

from anki_helpers import SAMPLE_PAIRS, collection, import_apkg, sample_terms

from flashgen.deck.manifest import (
    NoteEntry,
    deck_contents,
    dropped_report,
    manifest_path,
    read_manifest,
    record_build,
)
from flashgen.deck.package import write_apkg
from flashgen.records import Cards

T0 = 1_750_000_000.0


def build(path: Path, terms: list, stamp: float) -> list[NoteEntry]:  # noqa: ANN001
    write_apkg("Economy", terms, SAMPLE_PAIRS, path, timestamp=stamp)
    return record_build(path, "Economy", deck_contents(terms, SAMPLE_PAIRS, Cards()))


def test_a_rebuild_names_the_notes_it_dropped_and_anki_finds_them(tmp_path: Path) -> None:
    deck = tmp_path / "economy.apkg"
    terms = sample_terms()
    assert build(deck, terms, T0) == []  # a first build has nothing to compare with
    listed = json.loads(manifest_path(deck).read_text(encoding="utf-8"))
    assert manifest_path(deck).name == "economy.apkg.flashgen.json"
    assert len(listed["notes"]) == 6 and listed["deck"] == "Economy"
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        dropped = build(deck, [terms[0], terms[2]], T0 + 60)  # 行长 taken off the list
        assert dropped == [NoteEntry("vocabulary", "行长")]
        report = dropped_report(dropped, curated=True)
        assert report[0].startswith("1 term of the last build at this path taken off the ")
        assert "行长" in report[0] and "Anki keeps their notes" in report[1]
        import_apkg(col, deck)
        # Anki keeps the dropped note, and the search the build printed finds it alone.
        search = report[1].rsplit("search: ", 1)[1]
        found = col.find_notes(search)
        assert len(col.find_notes("")) == 6
        assert [col.get_note(n)["Hanzi"] for n in found] == ["行长"]
    assert build(deck, [terms[0], terms[2]], T0 + 120) == []  # nothing new dropped


def test_dropped_sentences_and_many_terms_are_counted_and_shortened() -> None:
    entries = [NoteEntry("vocabulary", f"词{i}") for i in range(12)]
    entries.append(NoteEntry("sentence", "银行行长宣布了新的货币政策。"))
    first, search = dropped_report(entries)
    assert first.startswith("12 terms and 1 sentence of the last build at this path no longer")
    assert first.endswith("and 3 more") and "词0" in first and "词10" not in first
    assert search.count(" OR ") == 12 and '"Chinese:银行行长宣布了新的货币政策。"' in search


def test_an_unreadable_manifest_is_no_manifest(tmp_path: Path) -> None:
    path = tmp_path / "x.apkg.flashgen.json"
    for content in ("", "[]", '{"version": 99, "notes": {}}', '{"version": 1}'):
        path.write_text(content, encoding="utf-8")
        assert read_manifest(path) is None
    assert read_manifest(tmp_path / "absent.json") is None
    assert record_build(tmp_path / "x.apkg", "D", {}) == []
    assert read_manifest(path) == {}


def test_a_reimport_overwrites_edits_made_in_anki_unless_update_notes_is_never(
    tmp_path: Path,
) -> None:
    """What the README tells a learner: with Anki's default, "Update notes: If newer", a
    rebuilt deck replaces the fields she edited in Anki (the build is newer); with "Never"
    her edits stay. Review history stays either way."""
    from anki.import_export_pb2 import (
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
        ImportAnkiPackageUpdateCondition,
    )

    first = write_apkg("Economy", sample_terms(), SAMPLE_PAIRS, tmp_path / "a.apkg",
                       timestamp=T0)
    # The rebuild is made after her edit, as it would be: its notes are newer than hers.
    rebuilt = tmp_path / "b.apkg"

    def english_after(condition: int, folder: str) -> str:
        with collection(tmp_path / folder) as col:
            import_apkg(col, first)
            note = col.get_note(col.find_notes('"Hanzi:行长"')[0])
            note["English"] = "my own gloss"
            col.update_note(note)
            later = time.time() + 5  # Anki keeps whole seconds: a rebuild some seconds on
            write_apkg("Economy", sample_terms(), SAMPLE_PAIRS, rebuilt, timestamp=later)
            options = ImportAnkiPackageOptions(update_notes=condition,
                                               update_notetypes=condition)
            col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(rebuilt), options=options))
            return col.get_note(note.id)["English"]

    conditions = ImportAnkiPackageUpdateCondition
    assert english_after(conditions.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER, "a") == \
        "bank president"
    assert english_after(conditions.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_NEVER, "b") == \
        "my own gloss"


def test_a_deck_name_too_long_for_a_manifest_beside_it_still_builds(tmp_path: Path) -> None:
    deck = tmp_path / ("n" * 245 + ".apkg")  # 250 bytes: the manifest's name would be 264
    write_apkg("Economy", sample_terms(), SAMPLE_PAIRS, deck, timestamp=T0)
    assert record_build(deck, "Economy", deck_contents(sample_terms(), SAMPLE_PAIRS, Cards())) \
        == []
    assert [p.name for p in tmp_path.iterdir()] == [deck.name]
