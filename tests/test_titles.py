"""A text's title is its headline (flashgen.read.metadata.title), else its file name."""

from __future__ import annotations

from pathlib import Path

from anki_helpers import all_notes, collection, import_apkg
from builders import document

from flashgen.deck.package import write_apkg
from flashgen.read.metadata import headline, title


def test_the_first_pair_is_the_title_when_it_looks_like_a_headline(tmp_path: Path) -> None:
    doc = document(
        tmp_path, "0042.txt",
        "城市公园周末开放",  # City parks open at weekends
        "City parks open at weekends",
        "记者 王小明",  # the byline
        "By Wang Xiaoming",
        "从本周起，城市的三座公园在周末向市民免费开放。",
        "From this week, the city's three parks are open free to residents at weekends.",
    )
    found = headline(doc.paragraphs)
    assert found is not None and found.en == "City parks open at weekends"
    assert title(doc.paragraphs, doc.name) == "城市公园周末开放"


def test_a_text_without_a_headline_keeps_its_file_name(tmp_path: Path) -> None:
    opens_with_a_sentence = document(
        tmp_path, "notice.txt",
        "从本周起，城市的三座公园在周末向市民免费开放。",
        "From this week, the city's three parks are open free to residents at weekends.",
        "公园管理处表示，开放时间为早上八点到晚上六点。",
        "The parks office said opening hours are from 8 a.m. to 6 p.m.",
    )
    assert title(opens_with_a_sentence.paragraphs, "notice") == "notice"
    opens_with_a_date = document(tmp_path, "dated.txt", "2025年3月5日", "March 5, 2025",
                                 "城市公园周末开放", "City parks open at weekends")
    assert title(opens_with_a_date.paragraphs, "dated") == "dated"


def test_the_seed_decks_source_field_is_its_headline(seed: Path, tmp_path: Path) -> None:
    from flashgen.pipeline import read_corpus, vocabulary
    from flashgen.study.recipe import recipe_from_options

    recipe = recipe_from_options([seed])
    corpus = read_corpus(recipe.sources)
    (doc,) = corpus.documents
    titles = {doc.name: title(doc.paragraphs, doc.name)}
    assert titles[doc.name] != doc.name  # the seed opens with its headline
    terms = vocabulary(recipe, corpus)[:5]
    deck = write_apkg(titles[doc.name], terms, corpus.pairs[:5], tmp_path / "seed.apkg",
                      titles=titles)
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
        decks = {c.deck for n in notes for c in n.cards}
    assert {n.fields["Source"] for n in notes} == {titles[doc.name]}
    assert decks == {titles[doc.name]}
    assert all(doc.name in n.tags for n in notes)  # the tag stays the file's name
