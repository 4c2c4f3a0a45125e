"""End to end: texts become decks that a real Anki collection imports and updates."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest
from anki_helpers import all_notes, collection, import_apkg, import_csv

from flashgen.pipeline import build, read_corpus
from flashgen.study.recipe import load_recipe, override, recipe_from_options

REPO = Path(__file__).resolve().parents[1]
UNIT = REPO / "decks" / "unit-sample.toml"
HEALTH = REPO / "decks" / "sample-health.txt"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def seed_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from conftest import SEED

    if not SEED.is_file():
        pytest.skip(f"needs the seed article at {SEED}")
    out = tmp_path_factory.mktemp("seed") / "seed.apkg"
    cli("build", str(SEED), "-o", str(out))
    return SEED, out


def test_seed_deck_imports_with_complete_notes(
    seed_deck: tuple[Path, Path], tmp_path: Path
) -> None:
    seed, deck = seed_deck
    pairs = read_corpus(recipe_from_options([seed]).sources).pairs
    with collection(tmp_path) as col:
        log = import_apkg(col, deck)
        assert not log.conflicting and not log.duplicate
        notes = all_notes(col)
    vocab = [n for n in notes if n.notetype.startswith("flashgen Vocabulary")]
    sentences = [n for n in notes if n.notetype.startswith("flashgen Sentence")]
    from flashgen.study.filters import term_count

    assert len(vocab) == term_count(pairs) >= 40  # about one per 25 Chinese characters
    for note in vocab:
        assert note.fields["Hanzi"] and note.fields["Pinyin"] and note.fields["English"], note
        recognition = note.card("Recognition")
        assert note.fields["Hanzi"] in recognition.question
        assert note.fields["English"] not in recognition.question
        assert note.fields["English"] in recognition.answer
        if note.fields["GlossSource"].startswith("built from its parts"):
            assert [c.template for c in note.cards] == ["Recognition"]  # no prompt to answer
            continue
        recall = note.card("Recall")
        assert note.fields["English"] in recall.question
        assert note.fields["Hanzi"] in recall.answer
    assert len(sentences) == len([p for p in pairs if p.zh])
    for note in sentences:
        reading = note.card("Reading")
        assert note.fields["Chinese"] in reading.question
        assert note.fields["English"] not in reading.question
        assert note.fields["English"] in reading.answer


def test_rebuild_with_an_edited_gloss_updates_instead_of_duplicating(
    seed_deck: tuple[Path, Path], tmp_path: Path
) -> None:
    seed, first = seed_deck
    listing = cli("terms", str(seed), "--top", "20", "--format", "tsv").stdout
    rows = list(csv.DictReader(listing.splitlines(), delimiter="\t"))
    rows[0]["gloss"] = "a gloss a teacher rewrote"
    edited = tmp_path / "list.tsv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    second = tmp_path / "second.apkg"
    time.sleep(1.1)  # Anki keeps whole seconds; the rebuild must be newer
    cli("build", str(seed), "-o", str(second), "--terms", str(edited))
    with collection(tmp_path) as col:
        import_apkg(col, first)
        before = len(col.find_notes(""))
        log = import_apkg(col, second)
        assert len(col.find_notes("")) == before
        assert log.updated and not log.duplicate
        notes = all_notes(col)
    hanzi = {n.fields["Hanzi"]: n for n in notes if "Hanzi" in n.fields}
    assert "a gloss a teacher rewrote" in hanzi[rows[0]["term"]].fields["English"]


def test_two_builds_give_the_same_notes(tmp_path: Path) -> None:
    recipe = recipe_from_options([HEALTH])
    decks = [build(recipe, tmp_path / f"{i}.apkg", timestamp=1_700_000_000).path for i in (1, 2)]
    assert decks[0].read_bytes() == decks[1].read_bytes()


def test_chinese_only_build_says_sentences_have_no_translation(tmp_path: Path) -> None:
    text = tmp_path / "notice.txt"
    text.write_text(
        "社区卫生服务中心本周开展免费体检活动。\n\n居民可以预约流感疫苗接种服务。\n",
        encoding="utf-8",
    )  # The community health centre offers free check-ups; residents can book flu shots.
    done = cli("build", str(text), "-o", str(tmp_path / "notice.apkg"))
    assert "no translation" in done.stdout


@pytest.fixture(scope="module")
def unit_notes(tmp_path_factory: pytest.TempPathFactory) -> list:
    folder = tmp_path_factory.mktemp("unit")
    deck = folder / "unit.apkg"
    cli("build", str(UNIT), "-o", str(deck))
    with collection(folder) as col:
        log = import_apkg(col, deck)
        assert not log.conflicting and not log.duplicate
        return all_notes(col)


def test_unit_recipe_has_a_subdeck_per_source_and_levels(unit_notes: list) -> None:
    recipe = load_recipe(UNIT)
    decks = {card.deck for note in unit_notes for card in note.cards}
    expected = {f"{recipe.name}::{s.subdeck}" for s in recipe.sources}
    assert decks == expected
    vocab = [n for n in unit_notes if "Hanzi" in n.fields]
    assert len({n.fields["Hanzi"] for n in vocab}) == len(vocab)  # one note per term
    for note in vocab:
        level = note.fields["HSK"]
        # the recipe leaves out HSK 1-3: a listed word is level 4 or above
        assert not level or level in {"4", "5", "6", "7-9"}, note.fields["Hanzi"]
        assert any(tag.startswith("sample-") for tag in note.tags)


def test_known_words_and_caps_are_applied(tmp_path: Path) -> None:
    base = recipe_from_options([HEALTH], order="rank")
    corpus = read_corpus(base.sources)
    from flashgen.pipeline import vocabulary

    full = [t.term.text for t in vocabulary(base, corpus)]
    known = tmp_path / "known.txt"
    known.write_text("\n".join(full[:5]) + "\n", encoding="utf-8")
    fewer = vocabulary(override(base, known_words=known, max_terms=10), corpus)
    assert len(fewer) == 10
    assert not {t.term.text for t in fewer} & set(full[:5])
    frequent = vocabulary(override(base, min_count=2), corpus)
    assert frequent and all(t.term.count >= 2 for t in frequent)
    easy = vocabulary(override(base, hsk_max=3), corpus)
    assert all(t.hsk is not None and t.hsk <= 3 for t in easy)
    named = vocabulary(override(base, names="in", max_terms=1000), corpus)
    unnamed = vocabulary(override(base, max_terms=1000), corpus)
    assert all(t.term.kind not in {"name", "place"} for t in unnamed)
    assert len(named) >= len(unnamed)


def test_csv_export_reimports_as_the_same_notes(tmp_path: Path) -> None:
    recipe = recipe_from_options([HEALTH])
    deck = build(recipe, tmp_path / "health.apkg", timestamp=1_700_000_000).path
    table = build(recipe, tmp_path / "health.csv").path
    with collection(tmp_path / "a") as col:
        import_apkg(col, deck)
        from_apkg = {n.guid: n.fields for n in all_notes(col)}
    with collection(tmp_path / "b") as col:
        import_apkg(col, deck)  # the note types come with the deck
        for note_id in col.find_notes(""):
            col.remove_notes([note_id])
        import_csv(col, table)
        from_csv = {n.guid: n.fields for n in all_notes(col)}
    assert from_csv == from_apkg


def test_parallel_reading_builds_the_same_deck(tmp_path: Path) -> None:
    recipe = load_recipe(UNIT)
    serial = build(recipe, tmp_path / "serial.apkg", timestamp=1_700_000_000).path
    parallel = build(recipe, tmp_path / "parallel.apkg", timestamp=1_700_000_000, jobs=2).path
    assert parallel.read_bytes() == serial.read_bytes()


def test_containing_finds_every_pair_holding_a_term() -> None:
    corpus = read_corpus(load_recipe(UNIT).sources)
    for text in ("疫苗", "的", "太空", "能源安全", "不在文中的词"):
        assert corpus.containing(text) == [p for p in corpus.pairs if text in p.zh], text
    assert corpus.containing("") == []


def test_max_sentences_caps_sentence_notes(tmp_path: Path) -> None:
    recipe = recipe_from_options([HEALTH], max_sentences=5)
    result = build(recipe, tmp_path / "health.apkg")
    assert result.sentences == 5 and result.pairs_found > 5
    with collection(tmp_path) as col:
        import_apkg(col, result.path)
        notes = all_notes(col)
    sentences = [n for n in notes if n.notetype.startswith("flashgen Sentence")]
    assert len(sentences) == 5


def test_card_pinyin_follows_the_sense_the_translation_uses() -> None:
    from flashgen.pipeline import annotate
    from flashgen.records import SentencePair, Term

    def card(zh: str, en: str) -> str:
        pair = SentencePair(zh_sentences=(zh,), en_sentences=(en,))
        return annotate(Term("分子", example=pair), [pair]).pinyin

    # Without the English, both sentences read fèn zǐ ("member, element").
    molecules = "Scientists measured the mass of the molecules."
    assert card("科学家测量了分子的质量。", molecules) == "fēn zǐ"
    elements = "A few criminal elements cheat people online."
    assert card("少数不法分子在网上行骗。", elements) == "fèn zǐ"


@pytest.mark.parametrize("chapter", ["002", "003", "005"])
def test_novel_chapters_with_translation_finish(shared: Path, chapter: str) -> None:
    # Literary bilingual text (MAC dev): these chapters once crashed (an English side with no
    # letters) or hung (an English compound split into itself) term discovery.
    plain = shared / "eval" / "align" / "mac" / "dev" / "plain"
    if not (plain / f"{chapter}.zh").is_file():
        pytest.skip(f"needs the MAC chapters at {plain}")
    done = cli("terms", str(plain / f"{chapter}.zh"), "--en", str(plain / f"{chapter}.en"),
               "--top", "20", "--format", "tsv")
    text = (plain / f"{chapter}.zh").read_text(encoding="utf-8")
    terms = [line.split("\t")[0] for line in done.stdout.splitlines()[1:]]
    assert len(terms) == 20 and all(term in text for term in terms)


def test_script_shares_tell_chinese_from_japanese_and_korean() -> None:
    from flashgen.errors import InputError
    from flashgen.lexicon.script import check_chinese, scripts

    found = scripts("我学日本語。ひらがなとカタカナ한국어")
    assert (found.han, found.kana, found.hangul) == (5, 9, 3)
    # We watched a Japanese drama at home last night and liked it: a Japanese title is fine.
    check_chinese("我们昨天晚上在家里一起看了日本电视剧《東京ラブストーリー》，觉得很好看。",
                  "source")
    with pytest.raises(InputError, match="Japanese"):
        check_chinese("私は学校に行きます。", "source x")
    with pytest.raises(InputError, match="Korean"):
        check_chinese("大韓民國의 首都는 서울입니다", "source x")


def test_inputs_are_regular_files_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from flashgen.errors import InputError
    from flashgen.files.inputs import check_input, read_input

    text = tmp_path / "a.txt"
    text.write_bytes(b"x" * 3000)
    assert read_input(text) == b"x" * 3000
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="FIFO"):
        check_input(tmp_path / "pipe")
    monkeypatch.setenv("FLASHGEN_MAX_INPUT_MB", "0.001")
    with pytest.raises(InputError, match="FLASHGEN_MAX_INPUT_MB"):
        read_input(text)


SAMPLE = Path(__file__).resolve().parent.parent / "decks" / "sample-energy.txt"


def test_terms_lists_what_build_keeps_with_score_and_why() -> None:
    from flashgen.study.filters import term_count

    rows = list(csv.DictReader(cli("terms", str(SAMPLE), "--format", "tsv").stdout.splitlines(),
                               delimiter="\t"))
    corpus = read_corpus(recipe_from_options([SAMPLE]).sources)
    assert len(rows) == term_count(corpus.pairs)
    scores = [float(row["score"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    # every rule named in a why cell is one of the scorer's rules, with its effect
    from flashgen.terms.rules import RULES

    names = {*RULES, "word_base"}
    for row in rows:
        for effect in filter(None, row["why"].split(", ")):
            rule, change = effect.rsplit(" ", 1)
            assert rule in names and change[0] in "+x", effect


def test_explain_says_how_a_term_was_found_ranked_read_and_glossed() -> None:
    from flashgen.pipeline import explain_term

    recipe = recipe_from_options([SAMPLE])
    corpus = read_corpus(recipe.sources)
    top = cli("terms", str(SAMPLE), "--top", "1", "--format", "tsv").stdout.splitlines()[1]
    term, reading, gloss = top.split("\t")[:3]
    lines = cli("terms", str(SAMPLE), "--explain", term).stdout.splitlines()
    assert lines == explain_term(recipe, corpus, term)
    assert lines[0].startswith(f"1. {term} (")
    assert any(line.startswith("  found as ") for line in lines)
    assert "  a card: one of the" in "\n".join(lines)
    assert any(line.startswith(f"  reading {reading} ") for line in lines)
    assert any(line.startswith(f'  gloss "{gloss}" from ') for line in lines)
    absent = explain_term(recipe, corpus, "不在文中的词")
    assert absent == ["不在文中的词 does not occur in the Chinese of the text."]
    from flashgen.terms.candidates import collect
    from flashgen.terms.score import score_candidate
    from flashgen.terms.weights import WEIGHTS

    cands = collect(corpus.pairs, lambda done, total: None)
    gated = next(t for t, c in cands.items()
                 if score_candidate(t, c, corpus.pairs, WEIGHTS)[2][0][1] == "gate")
    [line] = explain_term(recipe, corpus, gated)
    assert "was proposed, but the gate" in line


def test_a_person_name_card_writes_the_name_by_convention() -> None:
    from builders import pair

    from flashgen.pipeline import annotate
    from flashgen.records import Term

    example = pair("王小明是一名医生。", "Wang Xiaoming is a doctor.")
    assert annotate(Term("王小明", kind="name", example=example), [example]).pinyin == \
        "Wáng Xiǎomíng"
    assert annotate(Term("医生", example=example), [example]).pinyin == "yī shēng"


def test_new_cards_come_in_the_deck_order(tmp_path: Path) -> None:
    deck = tmp_path / "ranked.apkg"
    cli("build", str(SAMPLE), "-o", str(deck), "--order", "rank")
    listed = cli("terms", str(SAMPLE), "--format", "tsv").stdout.splitlines()[1:]
    with collection(tmp_path) as col:
        import_apkg(col, deck)
        notes = all_notes(col)
    vocab = [n for n in notes if n.notetype.startswith("flashgen Vocabulary")]
    by_position = sorted(vocab, key=lambda n: n.card("Recognition").due)
    assert [n.fields["Hanzi"] for n in by_position] == [row.split("\t")[0] for row in listed]
    sentences = [n for n in notes if n.notetype.startswith("flashgen Sentence")]
    assert min(n.card("Reading").due for n in sentences) > max(
        n.card("Recognition").due for n in vocab)  # words first, then their sentences


def test_with_order_appearance_new_cards_come_in_text_order(tmp_path: Path) -> None:
    deck = tmp_path / "in-order.apkg"
    cli("build", str(HEALTH), "-o", str(deck), "--order", "appearance")
    text = "\n".join(row.split("\t")[1] for row in
                     cli("pairs", str(HEALTH), "--format", "tsv").stdout.splitlines()[1:])
    with collection(tmp_path) as col:
        import_apkg(col, deck)
        vocab = [n for n in all_notes(col) if n.notetype.startswith("flashgen Vocabulary")]
    vocab.sort(key=lambda n: n.card("Recognition").due)
    by_position = [n.fields["Hanzi"] for n in vocab]
    assert len(by_position) >= 10
    assert by_position == sorted(by_position, key=text.find)  # where each first occurs


def test_the_fast_han_test_agrees_with_the_one_han_range() -> None:
    import re

    from flashgen.lexicon.script import HAN, is_han, is_han_char

    han = re.compile(f"[{HAN}]")
    for code in [*range(0x3000, 0xFB00), *range(0x1FFF0, 0x31360, 97)]:
        char = chr(code)
        assert is_han_char(char) == bool(han.fullmatch(char)) == is_han(char), hex(code)
