"""The language layer: English tokens, stems and stop lists, CC-CEDICT sense predicates, and
the word lists of flashgen/data with their headers."""

from __future__ import annotations

import ast
import importlib.resources
from pathlib import Path

import pytest

from flashgen.lexicon import english, senses
from flashgen.lexicon.english import (
    alignment_key,
    content_stems,
    same_word,
    share_a_stem,
    stem,
    tokens,
    without_plural,
    words,
)
from flashgen.lexicon.wordlists import word_list

FLASHGEN = Path(__file__).resolve().parents[1] / "flashgen"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("rates", "rate"),  # -es only after a sibilant: "rates" is the plural of "rate"
        ("rate", "rate"),
        ("boxes", "box"),
        ("churches", "church"),
        ("press", "press"),  # an -s that makes no plural
        ("virus", "virus"),
        ("crisis", "crisis"),
        ("Ministers", "minister"),
        ("government's", "govern"),
        ("allies", "alli"),
        ("ally", "alli"),
        ("post-war", "postwar"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("deterrence", "deter", True),
        ("defend", "defense", True),
        ("flat", "flatten", True),  # one starts with the other
        ("strategy", "strategic", True),
        ("rate", "rat", False),  # short stems must match exactly
        ("policy", "polite", False),
    ],
)
def test_same_word(a: str, b: str, same: bool) -> None:
    assert same_word(stem(a), stem(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ("deploy", "deployment", True),  # the term rules compare words, not stems
        ("defense", "defence", True),
        ("anxious", "anxieties", True),
        ("allies", "ally", True),
        ("rate", "rat", False),
        ("union", "unit", False),  # 3 letters shared: too few
        ("station", "state", True),  # loose: 4 letters and all but 1 of "state"
    ],
)
def test_share_a_stem(a: str, b: str, shared: bool) -> None:
    assert share_a_stem(a, b) is shared


def test_without_plural() -> None:
    assert [without_plural(w) for w in ("allies", "weapons", "press", "bus")] == [
        "ally", "weapon", "press", "bus"
    ]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Governments", "govern"),  # cut to 6 letters: govern/government meet
        ("government", "govern"),
        ("nations", "nat"),
        ("quickly", "quick"),
        ("Israel's", "israel"),
    ],
)
def test_alignment_key(word: str, key: str) -> None:
    assert alignment_key(word) == key


def test_tokens() -> None:
    assert tokens("China’s 2.5% rise, 1,000 US-Japan talks") == [
        "China’s", "2.5", "rise", "1,000", "US", "Japan", "talks"
    ]
    assert tokens("US-Japan talks", hyphenated=True) == ["US-Japan", "talks"]
    assert words("One's multi-sensor 3D") == ("one's", "multi-sensor", "d")


def test_content_stems_leave_out_function_words_numbers_and_notes() -> None:
    # "deploy" as "deploi": a final y is an i, as in "deployed" -> "deploi"
    assert content_stems("to deploy (of troops) the 3 weapons of sb") == ["deploi", "weapon"]


@pytest.mark.parametrize(
    "load",
    [
        english.function_words,
        english.phrase_stop_words,
        english.alignment_stop_words,
        english.grammar_words,
        english.closed_class_words,
        english.calendar_words,
        english.adverb_sense_words,
        english.quantity_words,
        english.organisation_words,
    ],
)
def test_english_lists_are_lower_case_words(load: object) -> None:
    found = load()  # type: ignore[operator]
    assert found and all(w == w.lower() and w.isascii() for w in found)
    assert load() is found  # read once


def test_the_stop_lists_keep_their_purposes() -> None:
    # Every list of words that are no evidence holds the articles; only the alignment's
    # has the Bible's archaic forms; "of" may stand inside a phrase but breaks modifier-head.
    for stop in (english.function_words(), english.phrase_stop_words(),
                 english.alignment_stop_words()):
        assert {"the", "a", "an", "of"} <= stop
    assert "thou" in english.alignment_stop_words() - english.function_words()
    assert "of" in english.grammar_words()
    assert not english.closed_class_words() & english.function_words()


def test_bound_prefixes_in_order() -> None:
    prefixes = english.bound_prefixes()
    assert list(prefixes) == sorted(prefixes) and {"multi", "non", "pre"} <= set(prefixes)


def test_a_missing_list_says_how_to_fix_it() -> None:
    with pytest.raises(LookupError, match="no_such_list.txt"):
        word_list("no_such_list.txt")


@pytest.mark.parametrize(
    ("word", "first", "any_", "every"),
    [
        ("使用", True, True, True),  # "to use; to employ"
        ("打", False, True, False),  # "dozen (loanword)" first, then "to beat"
        ("研究", False, True, False),  # "research; a study; ... to research"
        ("发明", True, True, False),  # "to invent; an invention; CL:个"
        ("游泳", False, True, False),  # "swimming; to swim"
        ("离开", True, True, True),  # "to depart; to leave": one sense, both verbs
        ("桌子", False, False, False),  # "table; desk; CL:张,套"
    ],
)
def test_verb_sense_predicates(word: str, first: bool, any_: bool, every: bool) -> None:
    assert senses.first_sense_is_verb(word) is first
    assert senses.has_verb_sense(word) is any_
    assert senses.every_sense_is_verb(word) is every


def test_every_data_list_has_a_header() -> None:
    data = importlib.resources.files("flashgen") / "data"
    for item in data.iterdir():
        if not item.name.endswith(".txt"):
            continue
        header = [line for line in item.read_text(encoding="utf-8").splitlines()[:20]
                  if line.startswith("#")]
        assert len(header) >= 2, f"{item.name}: no header saying what it is"
        if item.name.startswith("english_"):
            text = "\n".join(header)
            for part in ("What for:", "Where from:", "Read by"):
                assert part in text, f"{item.name}: header lacks {part!r}"


def _private_imports(path: Path) -> list[str]:
    """``from flashgen.x import _name`` in ``path`` (a private name of another module)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flashgen"):
            found += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith("_")]
    return found


@pytest.mark.parametrize("package", ["lexicon", "terms"])
def test_no_private_name_imported_across_modules(package: str) -> None:
    paths = sorted((FLASHGEN / package).glob("*.py"))
    assert [hit for p in paths for hit in _private_imports(p)] == []


def test_an_initialism_is_one_token_whose_stem_has_no_full_stops() -> None:
    # "The U.K. team met E.U. staff at 9 a.m." A letter of an initialism is no word a
    # gloss could take; its stem is the letters, as a sense writes them ("UK", "EU").
    found = tokens("The U.K. team met E.U. staff at 9 a.m.", hyphenated=True)
    assert found == ["The", "U.K.", "team", "met", "E.U.", "staff", "at", "9", "a.m."]
    assert [stem(w) for w in ("U.K.", "E.U.")] == ["uk", "eu"]
    assert tokens("A U.K.-built car", hyphenated=True) == ["A", "U.K.", "built", "car"]
    assert stem("2.5") == "2.5"  # a number keeps its decimal point: 2.5 is no 25
