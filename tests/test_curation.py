"""The teacher's round trip: terms TSV out, edited in a spreadsheet, back in as the deck list."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from builders import pair, pairs

from flashgen.errors import InputError
from flashgen.lexicon.hsk import hsk_level
from flashgen.pinyin.reading import numbers_to_marks, term_reading
from flashgen.records import AnnotatedTerm, Gloss, Term
from flashgen.study.curation import CuratedTerm, apply_curation, numbered_reading, read_terms_tsv

PAIRS = (
    *pairs(
        ("老年人可以在社区诊所接种流感疫苗。",
         "Older residents can get the flu vaccine at community clinics."),
        # "The vaccination rate rose, and the clinics were busy."
        ("接种率上升了，诊所很忙。", "The vaccination rate rose."),
        source="health",
    ),
    pair("银行支持太阳能。", "Banks support solar energy.", paragraph=1, source="energy"),
)


def annotate(term: Term) -> AnnotatedTerm:
    """A small real annotator: reading in context, CC-CEDICT's first sense, HSK level."""
    from flashgen.lexicon.cedict import lookup

    reading = term_reading(term.text, term.example.zh if term.example else term.text)
    entries = lookup(term.text)
    gloss = Gloss(entries[0].senses[0], "dictionary") if entries else Gloss("")
    return AnnotatedTerm(term, numbers_to_marks(reading), gloss, pinyin_numbered=reading,
                         hsk=hsk_level(term.text))


def discovered() -> list[AnnotatedTerm]:
    from flashgen.study.curation import term_in

    # vaccine, vaccinate, clinic, the elderly, solar energy
    words = ["疫苗", "接种", "诊所", "老年人", "太阳能"]
    return [annotate(term_in(w, PAIRS)) for w in words]


def write_like_the_cli(terms: list[AnnotatedTerm], path: Path) -> None:
    """The columns `flashgen terms --format tsv` prints."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["term", "pinyin", "gloss", "kind", "count", "hsk", "gloss_source"])
        for t in terms:
            writer.writerow([t.term.text, t.pinyin, t.gloss.text, t.term.kind, t.term.count,
                             t.hsk or "", t.gloss.origin])


def spreadsheet_edit(path: Path, edit) -> None:
    """Open in a 'spreadsheet', edit, save like Excel: BOM, CRLF, quoting, a blank row."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    rows = edit(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerows(rows)
        out.write("\r\n\t\t\r\n")


def test_round_trip_with_deleted_rows_and_edited_gloss(tmp_path: Path) -> None:
    path = tmp_path / "list.tsv"
    terms = discovered()
    write_like_the_cli(terms, path)

    def edit(rows: list[list[str]]) -> list[list[str]]:
        header, body = rows[0], rows[1:]
        body = [r for r in body if r[0] not in ("接种", "老年人")]  # the teacher deletes two
        body[0][2] = 'vaccine ("jab"),\tshot'  # rewrites a gloss, with a quote and a tab
        body.reverse()  # and reorders: 太阳能, 诊所, 疫苗
        body.append(["银行", "yín háng", "bank"])  # adds a word discovery did not list
        # Moves the gloss column first: columns are found by name.
        return [[r[2], r[0], r[1], *r[3:]] for r in [header, *body]]

    spreadsheet_edit(path, edit)
    curated = read_terms_tsv(path)
    assert [c.term for c in curated] == ["太阳能", "诊所", "疫苗", "银行"]

    deck = apply_curation(terms, curated, pairs=PAIRS, annotate=annotate)
    assert [t.term.text for t in deck] == ["太阳能", "诊所", "疫苗", "银行"]
    vaccine = deck[2]
    assert vaccine.gloss.text == 'vaccine ("jab"),\tshot' and vaccine.gloss.origin == "teacher"
    assert deck[1].gloss == terms[2].gloss  # unedited: flashgen's gloss and origin stay
    bank = deck[3]  # found in the pairs, annotated; her gloss wins
    assert bank.term.count == 1 and bank.term.sources == ("energy",)
    assert bank.term.example == PAIRS[2]
    assert bank.pinyin_numbered == "yin2 hang2" and bank.gloss.text == "bank"


def test_edited_pinyin_wins_and_stays_numbered(tmp_path: Path) -> None:
    term = discovered()[0]  # 疫苗 yì miáo
    (same,) = apply_curation([term], [CuratedTerm("疫苗", "yi4 miao2")], pairs=PAIRS,
                             annotate=annotate)
    assert same == term  # the same reading, written differently: nothing changes
    (edited,) = apply_curation([term], [CuratedTerm("疫苗", "YìMiao")], pairs=PAIRS,
                               annotate=annotate)
    assert edited.pinyin_numbered == "yi4 miao5" and edited.pinyin == "yì miao"


@pytest.mark.parametrize(
    ("term", "pinyin", "numbered"),
    [
        ("学习", "xuéxí", "xue2 xi2"),  # "to study", written without a space
        ("银行", "yín háng", "yin2 hang2"),  # "bank": 行 read hang, not xing
        ("东西", "dōngxi", "dong1 xi5"),  # "thing": neutral second syllable
        ("绿色", "lǜsè", "lv4 se4"),  # "green"
        ("绿色", "lu:4 se4", "lv4 se4"),  # CC-CEDICT's spelling of ü
        ("西安", "Xī'ān", "xi1 an1"),  # "Xi'an": the apostrophe splits
        ("学习", "xue2xi2", "xue2 xi2"),
        ("学习", "study", None),  # not pinyin
        ("学习", "study now", None),  # two words, but not pinyin
        # a reading no dictionary gives 银 (yīn): taken as written when spaced
        ("银行", "yīn háng", "yin1 hang2"),
        ("绿色", "lǜ se", "lv4 se5"),
    ],
)
def test_numbered_reading(term: str, pinyin: str, numbered: str | None) -> None:
    assert numbered_reading(term, pinyin) == numbered


def test_term_in_no_pair_still_becomes_a_card() -> None:
    # 火箭 "rocket" occurs in none of the pairs.
    (rocket,) = apply_curation([], [CuratedTerm("火箭", "", "rocket")], pairs=PAIRS,
                               annotate=annotate)
    assert rocket.term.example is None and rocket.term.count == 0
    assert rocket.pinyin == "huǒ jiàn" and rocket.gloss.text == "rocket"


def test_csv_saved_list_with_other_column_names(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('Hanzi,Pinyin,English\n疫苗,yìmiáo,"vaccine, jab"\n\n', encoding="utf-8")
    assert read_terms_tsv(path) == [CuratedTerm("疫苗", "yìmiáo", "vaccine, jab")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("pinyin\tgloss\nyi4miao2\tvaccine\n", "no 'term' column (its first row is: pinyin"),
        ("term\tpinyin\n\n", "lists no terms"),
        ("", "no 'term' column"),
    ],
)
def test_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "list.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_terms_tsv(path)
    assert message in str(error.value) and str(path) in str(error.value)


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ('term\tgloss\n能源\t"energy\n电力\tpower\n', 2, "never closed"),
        ('term\tgloss\n能源\tenergy\n"电力"力\tpower\n', 3, "after its closing quote"),
        ('term\tgloss\n\n能源\tok\n"电力\tpower\n风能"\twind\n', 4, "runs over tabs or lines"),
    ],
)
def test_a_malformed_row_is_reported_with_its_line(
    tmp_path: Path, body: str, line: int, says: str
) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=f"line {line}: .*{says}"):
        read_terms_tsv(path)


def test_quoted_cells_that_are_well_formed_still_read(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text('term,gloss\n能源,"energy, power"\n电力,"say ""hi"""\n', encoding="utf-8")
    assert [(t.term, t.gloss) for t in read_terms_tsv(path)] == [
        ("能源", "energy, power"), ("电力", 'say "hi"'),
    ]


def test_an_edited_pinyin_reaches_every_field_and_the_sound_in_anki(tmp_path: Path) -> None:
    """A teacher's reading of 银行 "bank" as yínxíng (a wrong one, on purpose, so it
    differs from ours) is on the card everywhere the reading is used: the Pinyin field in
    tone colours, the ruby Reading, the numbered pinyin and the sound file."""
    from anki_helpers import all_notes, collection, import_apkg

    from flashgen.deck.audio import available, sound_filename
    from flashgen.pipeline import build
    from flashgen.study.recipe import recipe_from_options

    text = tmp_path / "bank.txt"
    # The bank raised its deposit rates. / Bank customers welcomed the decision.
    text.write_text(
        "银行提高了存款利率。\n\nThe bank raised its deposit rates.\n\n"
        "银行的客户欢迎这个决定。\n\nBank customers welcomed the decision.\n",
        encoding="utf-8",
    )
    listing = tmp_path / "list.tsv"
    listing.write_text("term\tpinyin\tgloss\n银行\tyínxíng\tbank\n存款\t\t\n", encoding="utf-8")
    recipe = recipe_from_options([text])
    if available():
        recipe = replace(recipe, audio=True)
    deck = build(recipe, tmp_path / "bank.apkg", curated=listing).path
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = {n.fields["Hanzi"]: n for n in all_notes(col) if "Hanzi" in n.fields}
    bank = notes["银行"].fields
    assert bank["Pinyin"] == '<span class="tone2">yín</span> <span class="tone2">xíng</span>'
    assert bank["Reading"] == "银[yín] 行[xíng]"
    assert bank["PinyinNumbered"] == "yin2 xing2"
    if available():
        assert bank["Sound"] == f"[sound:{sound_filename('yin2 xing2')}]"
    assert notes["存款"].fields["PinyinNumbered"] == "cun2 kuan3"  # left as flashgen read it
