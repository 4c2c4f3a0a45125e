"""explain_gloss: which source gave a term's gloss and why the others lost, in lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.gloss.choose import explain_gloss, gloss_term
from flashgen.records import SentencePair

REPO = Path(__file__).resolve().parents[1]


def pair(zh: str, en: str) -> SentencePair:
    return SentencePair((zh,), (en,))


def test_a_dictionary_word_says_why_the_phrase_lost() -> None:
    # the rocket was launched
    lines = explain_gloss("火箭", "huo3 jian4", [pair("火箭发射了。", "The rocket was launched.")])
    assert lines[0].startswith('  gloss "rocket" from CC-CEDICT (huǒ jiàn): a dictionary word')
    assert lines[1].startswith('  the parallel text: "rocket" (1 of 1 sentence, confidence 1.00')
    assert "not used: the dictionary gloss says it too" in lines[1]
    assert lines[2] == "  parts: none (not needed, CC-CEDICT has the word)"


def test_a_confident_phrase_beats_the_parts() -> None:
    # solar base in the desert; the base supplies power
    pairs = [
        pair("沙漠里的光伏基地很大。", "The solar base in the desert is large."),
        pair("光伏基地向城市供电。", "The solar base supplies power to the city."),
    ]
    lines = explain_gloss("光伏基地", "guang1 fu2 ji1 di4", pairs)
    assert lines[0].startswith('  gloss "solar base" from the parallel text (2 of 2 sentences')
    assert "  CC-CEDICT: none" in lines
    assert lines[-1] == (
        "  parts: 光伏 photovoltaic + 基地 base (not used: a confident phrase comes first)"
    )


def test_the_parts_win_without_a_translation() -> None:
    lines = explain_gloss("光伏基地", "guang1 fu2 ji1 di4", [])
    assert lines == [
        '  gloss "photovoltaic base" from parts (光伏 photovoltaic + 基地 base): '
        "nothing else glosses it",
        "  CC-CEDICT: none",
        "  the parallel text: none (no translation given)",
    ]


def test_the_word_every_sentence_leaves_over_names_a_coinage() -> None:
    # each voucher is worth a lot; the company received them; 5,000 were issued
    pairs = [
        pair("每张算力券价值很高。", "Each voucher is worth a lot."),
        pair("公司领取了算力券。", "The company received the vouchers."),
        pair("政府发放五千张算力券。", "The government issued 5,000 vouchers."),
    ]
    lines = explain_gloss("算力券", "suan4 li4 quan4", pairs)
    assert lines[0] == (
        '  gloss "voucher" from the parallel text (3 sentences): '
        "the English word each of its sentences leaves unexplained"
    )
    assert any("not used: confidence 0.33 is below 0.6" in line for line in lines)


def test_no_gloss_at_all_is_said_so() -> None:
    assert explain_gloss("𠀀𠀁", "", [])[0] == (
        "  gloss: none (no dictionary entry, parts or phrase)"
    )


def _sample_terms() -> list[tuple[str, list[SentencePair]]]:
    """Every jieba word of 3+ characters of a project sample with its pairs."""
    from flashgen.lexicon.segment import words
    from flashgen.pipeline import read_source
    from flashgen.study.recipe import RecipeSource

    _, pairs = read_source(RecipeSource(REPO / "decks" / "sample-energy.txt"))
    terms = dict.fromkeys(w for p in pairs for w in words(p.zh) if len(w) >= 3)
    return [(t, [p for p in pairs if t in p.zh]) for t in terms]


def test_the_explanation_names_the_gloss_the_card_carries() -> None:
    from flashgen.pinyin.reading import term_reading

    for term, pairs in _sample_terms():
        reading = term_reading(term, pairs[0].zh, pairs[0].en)
        gloss = gloss_term(term, reading, pairs)
        first = explain_gloss(term, reading, pairs)[0]
        assert first.startswith(f'  gloss "{gloss.text}" from ' if gloss.text else "  gloss: none")


def test_the_seed_term_from_its_parallel_text(seed: Path) -> None:
    from flashgen.pinyin.reading import term_reading
    from flashgen.pipeline import read_source
    from flashgen.study.recipe import RecipeSource

    term = "军事一体化"  # military integration, the example
    pairs = [p for p in read_source(RecipeSource(seed))[1] if term in p.zh]
    if not pairs:
        pytest.skip(f"{term} no longer occurs in {seed}")
    reading = term_reading(term, pairs[0].zh, pairs[0].en)
    lines = explain_gloss(term, reading, pairs)
    gloss = gloss_term(term, reading, pairs)
    n = len(pairs)
    assert lines[0].startswith(f'  gloss "{gloss.text}" from the parallel text ({n} of {n} ')
    assert "  CC-CEDICT: none" in lines
    assert lines[-1].startswith("  parts: 军事 ") and "not used" in lines[-1]
