"""The .apkg in a real Anki collection: imports cleanly, renders, updates, never duplicates."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from anki_helpers import (
    BANK,
    HOSTILE,
    RATES,
    SAMPLE_PAIRS,
    all_notes,
    collection,
    import_apkg,
    sample_terms,
)

from flashgen.deck.notes import vocab_guid
from flashgen.deck.package import deck_id, write_apkg
from flashgen.errors import InputError, OutputError
from flashgen.files.atomic import atomic_output
from flashgen.records import Cards

T0 = 1_750_000_000.0  # a fixed build time (June 2025) for reproducible packages


def build(path: Path, timestamp: float = T0, **options) -> Path:  # noqa: ANN003
    return write_apkg("Economy", sample_terms(), SAMPLE_PAIRS, path, timestamp=timestamp, **options)


def by_hanzi(notes) -> dict:  # noqa: ANN001
    return {n.fields.get("Hanzi") or n.fields["Chinese"]: n for n in notes}


def test_a_fresh_collection_imports_every_note_without_errors(tmp_path: Path) -> None:
    deck = build(tmp_path / "economy.apkg")
    with collection(tmp_path / "col") as col:
        log = import_apkg(col, deck)
        notes = all_notes(col)
    assert len(log.new) == 6
    assert not (log.duplicate or log.conflicting or log.missing_notetype or log.missing_deck)
    assert (
        sorted(n.notetype for n in notes) == ["flashgen Sentence"] * 3 + ["flashgen Vocabulary"] * 3
    )
    for note in notes:
        if note.notetype == "flashgen Vocabulary":
            assert note.fields["Hanzi"] and note.fields["Pinyin"] and note.fields["English"]
            assert [c.template for c in note.cards] == ["Recognition", "Recall"]
        else:
            assert [c.template for c in note.cards] == ["Reading"]
        assert {c.deck for c in note.cards} == {"Economy"}
        assert "economy_report" in note.tags


def test_every_card_type_shows_what_it_should(tmp_path: Path) -> None:
    deck = build(tmp_path / "economy.apkg", cards=Cards(cloze=True, sentence_production=True))
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = by_hanzi(all_notes(col))
    president = notes["行长"]  # bank president

    recognition = president.card("Recognition")
    assert '<div class="hanzi">行长</div>' in recognition.question
    assert "bank president" not in recognition.question
    assert '<span class="tone2">háng</span><span class="tone3">zhǎng</span>' in recognition.answer
    assert "bank president" in recognition.answer
    assert '银行<b class="term">行长</b>宣布' in recognition.answer  # the example, highlighted
    assert BANK.en in recognition.answer
    assert "行長" in recognition.answer and "HSK 5" in recognition.answer

    recall = president.card("Recall")
    assert "bank president" in recall.question and "行长" not in recall.question
    assert "<ruby><rb>行</rb><rt>háng</rt></ruby>" in recall.answer

    cloze = president.card("Cloze")
    assert '银行<span class="blank">[…]</span>宣布' in cloze.question
    assert "行长" not in cloze.question.split("</style>")[-1]
    assert "行长" in cloze.answer

    sentence = notes[RATES.zh]
    reading = sentence.card("Reading")
    assert RATES.zh in reading.question and RATES.en not in reading.question
    assert RATES.en in reading.answer and 'class="tone' in reading.answer
    production = sentence.card("Production")
    assert RATES.en in production.question and RATES.zh not in production.question
    assert "<ruby><rb>央</rb><rt>yāng</rt></ruby>" in production.answer

    words = notes[BANK.zh].card("Reading").answer
    assert "bank president" in words and "monetary policy" in words


def test_markup_in_a_source_renders_as_text(tmp_path: Path) -> None:
    deck = build(tmp_path / "economy.apkg", cards=Cards(cloze=True, sentence_production=True))
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
    hostile = by_hanzi(notes)[HOSTILE.zh.replace("<", "&lt;").replace(">", "&gt;")]
    for card in (c for n in notes for c in n.cards):
        for side in (card.question, card.answer):
            assert "<script" not in side and "<img" not in side and "<b onmouseover" not in side
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.card("Reading").question
    assert "to cut interest rates &lt;fast&gt;" in by_hanzi(notes)["降息"].card("Recall").question


def test_rebuild_with_changed_gloss_updates_the_note(tmp_path: Path) -> None:
    first = build(tmp_path / "first.apkg")
    changed = write_apkg(
        "Economy",
        sample_terms(policy_gloss="policy on money supply"),
        SAMPLE_PAIRS,
        tmp_path / "second.apkg",
        timestamp=T0 + 60,
    )
    with collection(tmp_path / "col") as col:
        import_apkg(col, first)
        log = import_apkg(col, changed)
        notes = all_notes(col)
    assert len(notes) == 6 and not log.new and len(log.updated) == 6
    assert by_hanzi(notes)["货币政策"].fields["English"] == "policy on money supply"


def test_rebuild_with_the_same_fixed_timestamp_changes_nothing(tmp_path: Path) -> None:
    """The documented trade-off of a fixed timestamp: Anki skips notes that are not newer."""
    first = build(tmp_path / "first.apkg")
    same_time = write_apkg(
        "Economy", sample_terms("changed"), SAMPLE_PAIRS, tmp_path / "b.apkg", timestamp=T0
    )
    with collection(tmp_path / "col") as col:
        import_apkg(col, first)
        log = import_apkg(col, same_time)
        notes = all_notes(col)
    assert len(notes) == 6 and not log.new and not log.updated
    assert by_hanzi(notes)["货币政策"].fields["English"] == "monetary policy"


def test_two_builds_give_the_same_guids_fields_and_bytes(tmp_path: Path) -> None:
    one, two = build(tmp_path / "one.apkg"), build(tmp_path / "two.apkg")
    assert one.read_bytes() == two.read_bytes()
    notes = []
    for name, deck in (("a", one), ("b", two)):
        with collection(tmp_path / name) as col:
            import_apkg(col, deck)
            notes.append([(n.guid, n.fields) for n in all_notes(col)])
    assert notes[0] == notes[1]
    assert vocab_guid("行长", "hang2 zhang3") in {guid for guid, _ in notes[0]}


def test_subdecks_by_source_and_one_note_per_repeated_term(tmp_path: Path) -> None:
    terms = sample_terms()
    # The same word and reading found again in a second source: still one note.
    again = replace(terms[1], tags=("second_source",))
    deck = write_apkg(
        "Unit 1",
        [*terms, again],
        SAMPLE_PAIRS,
        tmp_path / "unit.apkg",
        timestamp=T0,
        description="Week <1> vocabulary",
        subdecks={"economy report": "Economy"},
    )
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
        description = col.decks.by_name("Unit 1")["desc"]
    assert {c.deck for n in notes for c in n.cards} == {"Unit 1::Economy"}
    president = [n for n in notes if n.fields.get("Hanzi") == "行长"]
    assert len(president) == 1 and "second_source" in president[0].tags
    assert description == "Week &lt;1&gt; vocabulary"


def test_deck_id_is_derived_from_the_name() -> None:
    assert deck_id("Unit 1::Economy") == deck_id("Unit 1::Economy")
    assert deck_id("Unit 1") != deck_id("Unit 2")
    assert all(1 << 30 <= deck_id(name) < 1 << 31 for name in ("a", "经济", "x" * 500))


def test_a_failed_write_leaves_the_existing_deck_untouched(tmp_path: Path) -> None:
    out = tmp_path / "economy.apkg"
    out.write_bytes(b"the learner's previous deck")
    with pytest.raises(OutputError, match="economy.apkg"):
        # The audio file vanished: the build fails halfway through writing the archive.
        build(out, media={"行长": tmp_path / "missing.mp3"})
    assert out.read_bytes() == b"the learner's previous deck"
    assert os.listdir(tmp_path) == ["economy.apkg"]


def test_any_exception_inside_atomic_output_removes_the_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(out) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert out.read_text() == "old" and os.listdir(tmp_path) == ["deck.apkg"]


@pytest.mark.parametrize("where", ["missing-folder/deck.apkg", "a-folder"])
def test_unwritable_output_is_an_output_error_naming_the_path(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(OutputError, match=where.split("/")[0]) as error:
        build(tmp_path / where)
    assert "choose another output path" in str(error.value)
    assert sorted(os.listdir(tmp_path)) == ["a-folder"] and not os.listdir(tmp_path / "a-folder")


def _ids(deck: Path) -> tuple[list[int], list[int]]:
    """The note and card ids stored in a package's collection."""
    import sqlite3
    import zipfile

    db_path = deck.with_suffix(".anki2")
    with zipfile.ZipFile(deck) as package:
        db_path.write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(db_path)
    try:
        notes = [row[0] for row in db.execute("select id from notes")]
        cards = [row[0] for row in db.execute("select id from cards")]
    finally:
        db.close()
    return notes, cards


@pytest.mark.parametrize("stamp", [0.0, 0.0004, 1.0, T0])
def test_note_and_card_ids_are_positive_and_unique_at_any_timestamp(
    tmp_path: Path, stamp: float
) -> None:
    deck = build(tmp_path / "economy.apkg", timestamp=stamp)
    notes, cards = _ids(deck)
    assert min(notes + cards) >= 1
    assert len(set(notes + cards)) == len(notes) + len(cards)
    with collection(tmp_path / "col") as col:
        log = import_apkg(col, deck)
        problems, ok = col.fix_integrity()
        assert ok, problems
        assert len(all_notes(col)) == len(log.new) == 6  # every note loads


@pytest.mark.parametrize("stamp", [float("nan"), float("inf"), -float("inf"), -1.0, 1e20])
def test_a_timestamp_that_is_no_time_is_refused(tmp_path: Path, stamp: float) -> None:
    with pytest.raises(InputError, match="--timestamp"):
        build(tmp_path / "economy.apkg", timestamp=stamp)
    assert not list(tmp_path.iterdir())


def test_a_note_type_that_gained_and_renamed_fields_merges_into_the_old_one(
    tmp_path: Path,
) -> None:
    """A deck from an earlier flashgen (one field fewer, one named otherwise), then today's,
    into one collection with "Merge note types": Anki matches fields by their ids, so the
    note type is updated in place (no copy, no stale field left beside the renamed one)."""
    import genanki

    from flashgen.deck.notetypes import VOCAB_FIELD_IDS, VOCAB_MODEL
    from flashgen.deck.package import build_package, deck_notes, write_package

    old_ids = {("MeasureWord" if name == "Classifier" else name): field_id
               for name, field_id in VOCAB_FIELD_IDS.items() if name != "SentenceSound"}
    old_model = genanki.Model(
        VOCAB_MODEL.model_id, VOCAB_MODEL.name,
        fields=[{"name": name, "id": field_id} for name, field_id in old_ids.items()],
        templates=[dict(t) for t in VOCAB_MODEL.templates], css=VOCAB_MODEL.css,
    )
    notes = deck_notes("Economy", sample_terms(), [])
    old_notes = {
        deck: [genanki.Note(model=old_model, fields=n.fields[:-1], guid=n.guid) for n in group]
        for deck, group in notes.items()
    }
    old = write_package(build_package("Economy", old_notes), tmp_path / "old.apkg", T0)
    new = write_apkg("Economy", sample_terms(), [], tmp_path / "new.apkg", timestamp=2e9)
    with collection(tmp_path / "col") as col:
        import_apkg(col, old)
        log = import_apkg(col, new, merge_notetypes=True)
        names = [m.name for m in col.models.all_names_and_ids() if "flashgen" in m.name]
        notetype = col.models.by_name(VOCAB_MODEL.name)
        fields = [(f["name"], f["id"]) for f in notetype["flds"]]
        notes_now = all_notes(col)
    assert names == ["flashgen Vocabulary"]
    assert fields == list(VOCAB_FIELD_IDS.items())
    assert len(log.updated) == 3 and not log.new
    assert {n.fields["Classifier"] for n in notes_now} == {"", "位"}


def test_field_and_template_ids_are_fixed_and_distinct() -> None:
    from flashgen.deck.notetypes import SENTENCE_MODEL, VOCAB_MODEL

    ids = [item["id"] for model in (VOCAB_MODEL, SENTENCE_MODEL)
           for item in (*model.fields, *model.templates)]
    assert len(set(ids)) == len(ids) == 20 + 3 + 9 + 2
    assert all(0 < i < 1 << 63 for i in ids)
    # Never to change: a changed id makes Anki treat the field as another one.
    assert VOCAB_MODEL.fields[0] == {"name": "Hanzi", "id": 5602481093692392506} | {
        k: v for k, v in VOCAB_MODEL.fields[0].items() if k not in ("name", "id")}
