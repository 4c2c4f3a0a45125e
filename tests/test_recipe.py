"""Recipes: parsing, path resolution, validation errors and command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.errors import InputError
from flashgen.study.recipe import Cards, Filters, Recipe, load_recipe, override, recipe_from_options

REPO = Path(__file__).resolve().parents[1]


def write(folder: Path, text: str, *files: str) -> Path:
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("你好。\n", encoding="utf-8")  # "Hello."
    recipe = folder / "unit.toml"
    recipe.write_text(text, encoding="utf-8")
    return recipe


def test_full_recipe(tmp_path: Path) -> None:
    recipe = load_recipe(write(tmp_path, '''
name = "Unit 1"
description = "two texts"
order = "level"
audio = true

[[sources]]
path = "a.txt"
subdeck = "First"

[[sources]]
path = "b.txt"
en = "b-english.txt"

[cards]
cloze = true
sentence_reading = false

[filters]
hsk_min = 2
hsk_max = 7
known_words = "known.txt"
max_terms = 30
min_count = 2
names = "in"
max_sentences = 40
''', "a.txt", "b.txt", "b-english.txt", "known.txt"))
    assert recipe.name == "Unit 1" and recipe.description == "two texts"
    assert recipe.order == "level" and recipe.audio
    assert [(s.path.name, s.en and s.en.name, s.subdeck) for s in recipe.sources] == [
        ("a.txt", None, "First"), ("b.txt", "b-english.txt", None)]
    assert recipe.sources[0].path == tmp_path / "a.txt"
    assert recipe.cards.kinds == ("vocab_recognition", "vocab_recall", "cloze")
    assert recipe.filters == Filters(2, 7, tmp_path / "known.txt", 30, 2, "in", 40)
    assert recipe.filters.include_names


def test_defaults(tmp_path: Path) -> None:
    recipe = load_recipe(write(tmp_path, 'sources = ["a.txt"]', "a.txt"))
    assert recipe.name == "unit"  # the file's stem
    assert recipe.cards == Cards() and recipe.filters == Filters()
    assert recipe.order == "appearance" and not recipe.audio
    assert not recipe.filters.include_names


def test_globs_and_translation_pairs(tmp_path: Path) -> None:
    recipe = load_recipe(write(
        tmp_path, 'sources = ["texts/*.txt"]',
        "texts/b.txt", "texts/a.zh.txt", "texts/a.en.txt"))
    assert [(s.path.name, s.en and s.en.name) for s in recipe.sources] == [
        ("a.zh.txt", "a.en.txt"), ("b.txt", None)]


def test_cards_as_a_list(tmp_path: Path) -> None:
    recipe = load_recipe(write(tmp_path, 'sources = ["a.txt"]\ncards = ["cloze"]', "a.txt"))
    assert recipe.cards.kinds == ("cloze",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('sources = ["a.txt"]\nnmae = "x"', "unknown key nmae (did you mean 'name'?)"),
        ('sources = ["a.txt"]\n[filters]\nhsk_mx = 3', "filters.hsk_mx (did you mean 'hsk_max'?)"),
        ('sources = ["a.txt"]\n[cards]\nclose = true', "cards.close (did you mean 'cloze'?)"),
        ('name = "x"', "no sources"),
        ('[[source]]\npath = "a.txt"', "unknown key source"),
        ('sources = ["missing.txt"]', "source 'missing.txt' not found"),
        ('sources = ["*.md"]', "the glob '*.md' matches no file"),
        ('sources = ["a.txt"]\n[filters]\nhsk_min = "3"', "filters.hsk_min = '3' must be a whole"),
        ('sources = ["a.txt"]\n[filters]\nhsk_max = 9', "use 1 to 6, or 7 for the 7-9 band"),
        ('sources = ["a.txt"]\n[filters]\nhsk_min = 5\nhsk_max = 2', "swap them"),
        ('sources = ["a.txt"]\n[filters]\nmax_terms = 0', "max_terms = 0 must be 1 or more"),
        ('sources = ["a.txt"]\n[filters]\nmax_sentences = 0', "max_sentences = 0 must be"),
        ('sources = ["a.txt"]\n[filters]\nnames = "yes"', 'use "in"'),
        ('sources = ["a.txt"]\n[filters]\nknown_words = "k.txt"', "'k.txt' not found"),
        ('sources = ["a.txt"]\norder = "random"', "unknown order 'random'"),
        ('sources = ["a.txt"]\n[cards]\ncloze = 1', "cards.cloze = 1 must be true or false"),
        ('sources = ["a.txt"]\ncards = ["cloze", "audio"]', "unknown card kind 'audio'"),
        ('sources = ["a.txt"]\n[cards]\nvocab_recognition = false\nvocab_recall = false\n'
         'sentence_reading = false', "enable at least one"),
        ('sources = ["a.txt"]\nname = ', "not valid TOML"),
        ('[[sources]]\nen = "a.txt"', "sources[1] has no path"),
        ('[[sources]]\npath = "*.txt"\nen = "a.txt"', "goes with one file"),
    ],
)
def test_errors_name_file_key_and_remedy(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text, "a.txt", "b.txt")
    with pytest.raises(InputError) as error:
        load_recipe(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_missing_recipe_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_recipe(tmp_path / "nope.toml")


def test_options_override_the_recipe(tmp_path: Path) -> None:
    recipe = load_recipe(write(tmp_path, 'sources = ["a.txt"]\n[filters]\nhsk_min = 3', "a.txt"))
    changed = override(recipe, hsk_max=5, names=True, order="frequency", cards=["cloze"],
                       max_terms=10)
    assert changed.filters == Filters(hsk_min=3, hsk_max=5, max_terms=10, names="in")
    assert changed.order == "frequency" and changed.cards.kinds == ("cloze",)
    assert override(recipe) == recipe  # nothing given, nothing changed
    with pytest.raises(InputError, match="--hsk-min/--hsk-max"):
        override(recipe, hsk_max=2)
    with pytest.raises(InputError, match="--order"):
        override(recipe, order="alphabetical")


def test_recipe_from_options(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    recipe = recipe_from_options([source], en=tmp_path / "a.en.txt", min_count=2)
    assert recipe == Recipe("", (recipe.sources[0],), filters=Filters(min_count=2))
    assert recipe.sources[0].en == tmp_path / "a.en.txt"
    with pytest.raises(InputError, match="exactly one SOURCE"):
        recipe_from_options([source, source], en=source)


def test_shipped_recipes_parse() -> None:
    recipes = sorted((REPO / "decks").glob("*.toml"))
    assert recipes
    for path in recipes:
        recipe = load_recipe(path)
        assert len(recipe.sources) >= 2, path
        assert all(s.path.is_file() for s in recipe.sources)
