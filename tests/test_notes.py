"""Notes: stable GUIDs, escaped fields, tone colours, furigana, tags, optional cards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from anki_helpers import BANK, HOSTILE, SOURCE, pair, sample_terms
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.deck.notes import (
    blanked,
    highlight,
    hsk_label,
    sentence_guid,
    sentence_note,
    tag,
    term_ruby,
    tone_colored,
    vocab_guid,
    vocab_note,
)
from flashgen.deck.notetypes import SENTENCE_FIELDS, VOCAB_FIELDS


def fields(note, names) -> dict[str, str]:  # noqa: ANN001
    return dict(zip(names, note.fields, strict=True))


def test_vocab_guid_comes_from_word_and_reading_only() -> None:
    assert vocab_guid("行长", "hang2 zhang3") == vocab_guid("行长", " hang2  Zhang3 ")
    # 行长 read xíng zhǎng would be another word: another note.
    assert vocab_guid("行长", "hang2 zhang3") != vocab_guid("行长", "xing2 zhang3")
    assert sentence_guid(BANK.zh) != sentence_guid(BANK.zh + "。")


@settings(deadline=None)  # the first example loads the pinyin tables (a fresh app dir builds them)
@given(gloss=st.text(), classifier=st.text(), origin=st.sampled_from(["parallel", "none"]))
def test_guid_does_not_change_when_only_the_gloss_changes(
    gloss: str, classifier: str, origin: str
) -> None:
    original = sample_terms()[1]
    changed = replace(
        original, gloss=replace(original.gloss, text=gloss, classifier=classifier, origin=origin)
    )
    assert vocab_note(changed).guid == vocab_note(original).guid


def test_tone_colored_wraps_each_syllable_and_keeps_spacing() -> None:
    assert tone_colored("huòbì zhèngcè", ["huo4", "bi4", "zheng4", "ce4"]) == (
        '<span class="tone4">huò</span><span class="tone4">bì</span> '
        '<span class="tone4">zhèng</span><span class="tone4">cè</span>'
    )
    # neutral tone: 了 le5
    assert 'class="tone5">le<' in tone_colored("le", ["le5"])


def test_tone_colored_falls_back_to_plain_escaped_text_when_readings_do_not_fit() -> None:
    assert tone_colored("hángzhǎng <b>", ["xing2", "zhang3"]) == "hángzhǎng &lt;b&gt;"


def test_term_ruby_uses_the_cards_reading() -> None:
    # 行长 (bank president): 行 is háng here, whatever 行 alone would be read.
    assert term_ruby("行长", ["hang2", "zhang3"]) == "行[háng] 长[zhǎng]"
    # A Latin letter in the term keeps its place: A股 (A shares)
    assert term_ruby("A股", ["gu3"]) == "A 股[gǔ]"
    # Readings that do not fit give the whole word its whole reading, brackets made safe.
    assert term_ruby("[行]", ["hang2", "zhang3"]) == "［行］[háng zhǎng]"


def test_highlight_and_blank_escape_the_source_text() -> None:
    assert highlight("<i>央行</i>降息", "央行") == '&lt;i&gt;<b class="term">央行</b>&lt;/i&gt;降息'
    assert blanked("央行降息，央行", "央行") == (
        '<span class="blank">[…]</span>降息，<span class="blank">[…]</span>'
    )


def test_vocab_note_fields_are_escaped_and_tagged() -> None:
    cut = sample_terms()[2]
    note = vocab_note(cut)
    values = fields(note, VOCAB_FIELDS)
    assert values["English"] == "to cut interest rates &lt;fast&gt;"
    assert "<script>" not in values["Sentence"] and "&lt;script&gt;" in values["Sentence"]
    assert "<img" not in values["Sentence"]
    assert '<b class="term">降息</b>' in values["Sentence"]
    assert values["RecallCard"] == "1" and values["Cloze"] == ""
    assert note.tags == [tag(SOURCE), "word"]
    assert tag(SOURCE) == "economy_report"


def test_vocab_note_hsk_traditional_and_optional_cards() -> None:
    president = sample_terms()[1]
    values = fields(vocab_note(president, recall=False, cloze=True), VOCAB_FIELDS)
    assert values["HSK"] == "5" and values["Traditional"] == "行長"
    assert values["RecallCard"] == ""
    assert values["Cloze"] == '银行<span class="blank">[…]</span>宣布了新的货币政策。'
    assert "HSK5" in vocab_note(president).tags
    assert hsk_label(7) == "7-9" and hsk_label(None) == ""
    # A traditional form equal to the simplified one is not repeated on the card.
    assert (
        fields(vocab_note(replace(president, traditional="行长")), VOCAB_FIELDS)["Traditional"]
        == ""
    )


def test_sentence_note_lists_its_words_and_gates_production_on_english() -> None:
    terms = sample_terms()
    note = sentence_note(BANK, terms=terms, production=True, pinyin_html="p")
    values = fields(note, SENTENCE_FIELDS)
    # Words in the order they occur: 行长 comes before 货币政策 in the sentence.
    assert values["Words"].index("行长") < values["Words"].index("货币政策")
    assert "降息" not in values["Words"]
    assert values["ProductionCard"] == "1"
    # A Chinese-only pair cannot have an English -> Chinese card.
    alone = sentence_note(
        pair("央行宣布降息。", ""), production=True
    )  # The central bank cut rates.
    assert fields(alone, SENTENCE_FIELDS)["ProductionCard"] == ""
    hostile = fields(sentence_note(HOSTILE), SENTENCE_FIELDS)
    assert "<" not in hostile["Chinese"] + hostile["English"] + hostile["Reading"]


def test_anki_syntax_from_a_source_shows_as_text_in_real_anki(tmp_path: Path) -> None:
    from anki_helpers import all_notes, collection, import_apkg, term

    from flashgen.deck.package import write_apkg

    # "[sound:]" and MathJax written in the source: the bank cut rates.
    live = pair(r"央行降息[sound:evil.mp3]，见\(x^2\)与\[y\]。",
                r"The bank cut rates [sound:evil.mp3] \(x^2\) [latex]z[/latex].")
    terms = [term("降息", "jiang4 xi1", "jiàngxī", "to cut rates [sound:g.mp3]", live)]
    deck = write_apkg("Hostile", terms, [live], tmp_path / "h.apkg", timestamp=1.7e9)
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        cards = [card for note in all_notes(col) for card in note.cards]
    assert cards
    for card in cards:
        for side in (card.question, card.answer):
            assert "[anki:play" not in side  # Anki made no sound tag of the source's text
            assert "sound:evil.mp3" in side or "sound:g.mp3" in side or "降息" in side
            assert r"\(x^2" not in side.replace('<span class="mathjax_ignore">\\(</span>', "")
            assert "[latex]" not in side and "<img" not in side


def test_shown_escapes_html_brackets_and_mathjax() -> None:
    from flashgen.deck.notes import shown

    assert shown("<b>[sound:a.mp3]") == "&lt;b&gt;&#91;sound:a.mp3]"
    assert shown(r"\(x\)") == (
        '<span class="mathjax_ignore">\\(</span>x<span class="mathjax_ignore">\\)</span>'
    )
    assert shown(r"\[", furigana=True) == '<span class="mathjax_ignore">\\[</span>'
    assert shown("字[zì]", furigana=True) == "字[zì]"
