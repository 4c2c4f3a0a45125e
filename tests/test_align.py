"""Sentence alignment: small hand-made bitexts, the seed's gold beads, and invariants."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.align.beads import _window_table
from flashgen.align.keys import chinese_keys, english_keys, zh_number
from flashgen.align.learned import learn_translations
from flashgen.align.pairs import align_paragraphs, align_sentences, pair_document
from flashgen.lexicon.english import alignment_key
from flashgen.read.sources import read_document
from flashgen.records import Document, Paragraph

ZH = [
    # This morning the city government announced a new bridge.
    "今天上午,市政府宣布将修建一座新的大桥。",
    "工程预计耗资三亿元。",  # The project is expected to cost 300 million yuan.
    "大桥将于2027年建成。",  # The bridge will be completed in 2027.
    "居民对此表示欢迎。",  # Residents welcomed it.
]
EN = [
    "This morning the city government announced that it will build a new bridge.",
    "The project is expected to cost 300 million yuan.",
    "The bridge will be completed in 2027.",
    "Residents welcomed the news.",
]


def _covers(beads: list[tuple[tuple[int, ...], tuple[int, ...]]], n: int, m: int) -> bool:
    zh = [i for z, _ in beads for i in z]
    en = [j for _, e in beads for j in e]
    return zh == list(range(n)) and en == list(range(m))


def test_one_to_one() -> None:
    assert align_sentences(ZH, EN) == [((i,), (i,)) for i in range(4)]


def test_two_chinese_sentences_in_one_english() -> None:
    en = [
        EN[0],
        "The project, expected to cost 300 million yuan, will be completed in 2027.",
        EN[3],
    ]
    assert align_sentences(ZH, en) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_one_chinese_sentence_in_two_english() -> None:
    zh = [
        ZH[0],
        "工程预计耗资三亿元,将于2027年建成。",
        ZH[3],
    ]  # ... cost 300 million, done in 2027.
    assert align_sentences(zh, EN) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_untranslated_sentence() -> None:
    # "Besides, the nearby park will reopen next spring, with more playgrounds for children."
    extra = "另外,附近的公园也将在明年春天重新开放,届时会增加更多的儿童游乐设施。"
    beads = align_sentences([*ZH[:2], extra, *ZH[2:]], EN)
    assert beads == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


def test_empty_sides() -> None:
    assert align_sentences([], []) == []
    assert align_sentences(["你好。"], []) == [((0,), ())]  # "Hello."
    assert align_sentences([], ["Hello."]) == [((), (0,))]


def test_paragraphs_with_one_missing() -> None:
    zh = ["".join(ZH[:2]), ZH[2], ZH[3]]
    en = [" ".join(EN[:2]), EN[3]]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], []), ([2], [1])]


def test_anchors() -> None:
    assert zh_number("九百三十") == 930
    assert zh_number("二〇二四") == 2024
    assert zh_number("两万零五") == 20005
    assert zh_number("三亿") == 300_000_000
    assert "#930" in english_keys("He lived nine hundred and thirty years.")
    assert alignment_key("Governments") == alignment_key("government")


def test_punctuation_keys() -> None:
    # "He asked: 'Are you coming tomorrow?'"
    zh = {k for ks in chinese_keys("他问：“你明天来吗？”") for k in ks}
    assert {"p:?", "p:quote"} <= zh
    assert {"p:?", "p:quote"} <= english_keys("'Are you coming tomorrow?' he asked.")
    # Apostrophes are not quotes.
    assert "p:quote" not in english_keys("The 1990's were John's best years.")


def test_a_word_counts_once_per_bead() -> None:
    # One word (weight 1) translated in English units 3 and 4; windows of one and two units.
    table = _window_table([([3, 4], 1.0)], off=0, width=6, longest=2)
    assert table[1] == [0.0, 0.0, 0.0, 1.0, 1.0, 0.0]
    assert table[2] == [0.0, 0.0, 1.0, 1.0, 1.0, 0.0]  # [3, 5) holds both, still counts 1


def test_translations_learned_from_the_text() -> None:
    # A nickname the translator renders freely: 阿福 ("Ah Fu") as "Lucky", three times over.
    name = frozenset({"py:afu"})
    other = frozenset({"go", "py:qu"})  # 去 "to go"
    beads = [({name, other}, {"lucki", "go"}), ({name}, {"lucki"}), ({name}, {"lucki", "smile"})]
    learned = learn_translations(beads)
    assert learned[name] == name | {"lucki"}
    assert other not in learned  # met "go" once only, and already translates it


def test_pair_document_zh_only_and_fields() -> None:
    doc = Document(
        name="demo",
        path="demo.txt",
        paragraphs=(
            Paragraph(zh="".join(ZH), en=" ".join(EN), index=3),
            Paragraph(zh="没有译文。", index=5),  # "No translation."
        ),
    )
    pairs = pair_document(doc)
    assert [p.paragraph for p in pairs] == [3, 3, 3, 3, 5]
    assert {p.source for p in pairs} == {"demo"}
    assert pairs[-1].en_sentences == ()
    assert pairs[1].zh == ZH[1] and pairs[1].en == EN[1]


def test_seed_gold_beads(seed: Path, shared: Path) -> None:
    rows = (shared / "gold" / "seed-alignment.tsv").read_text(encoding="utf-8").splitlines()[1:]
    gold = {tuple(row.split("\t")) for row in rows}
    doc = read_document(seed)
    bylines = {str(p.index) for p in doc.paragraphs if p.kind == "byline"}
    pairs = pair_document(doc)
    assert gold <= {(str(p.paragraph), p.zh, p.en) for p in pairs}
    # The byline is aligned like the gold says, and marked so that it makes no card (#15).
    assert len(bylines) == 1
    assert {str(p.paragraph) for p in pairs if p.byline} == bylines


_SENTENCES = st.lists(st.text(max_size=30), max_size=12)


@settings(max_examples=60, deadline=None)
@given(_SENTENCES, _SENTENCES)
def test_aligner_covers_every_sentence_once_in_order(zh: list[str], en: list[str]) -> None:
    beads = align_sentences(zh, en)
    assert _covers(beads, len(zh), len(en))
    assert all(z or e for z, e in beads)
