"""Deck recipes: a TOML file in ``decks/`` that says how to build a unit's deck.

A recipe names the deck, lists its sources, picks the card kinds, the filters and the
order. Every path is relative to the recipe file, so a recipe and its texts move together::

    name = "Science in the news"
    description = "Unit 3: four short reports"
    order = "appearance"            # or "frequency", "level", "rank"

    [[sources]]
    path = "sample-health.txt"      # a path or a glob ("texts/*.txt")
    subdeck = "Health"              # default: the file's name

    [[sources]]
    path = "sample-trade.zh.txt"
    en = "sample-trade.en.txt"      # its English translation, if in another file

    [cards]
    vocab_recognition = true
    cloze = true

    [filters]
    hsk_min = 3                     # HSK 3.0 levels, 1..6, and 7 for the 7-9 band
    known_words = "known.txt"
    max_terms = 80
    max_sentences = 200             # sentence notes (default 500)
    min_count = 1
    names = "out"                   # "in" keeps person and place names

A source file named ``X.zh.EXT`` beside an ``X.en.EXT`` is paired with it automatically
(a glob does not list the English file as a source of its own).

Configuration is layered: the recipe, then the command line (:func:`override`).
"""

from __future__ import annotations

import difflib
import glob
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from flashgen.errors import InputError
from flashgen.records import Cards
from flashgen.study.filters import check_level_range, check_order


@dataclass(frozen=True)
class RecipeSource:
    """One text of a recipe and its optional translation file and subdeck name."""

    path: Path
    en: Path | None = None
    subdeck: str | None = None


@dataclass(frozen=True)
class Filters:
    """Which terms become cards (see :mod:`flashgen.study.filters`)."""

    hsk_min: int | None = None
    hsk_max: int | None = None
    known_words: Path | None = None
    #: None follows the text (:func:`flashgen.study.filters.term_count`), as the CLI does.
    max_terms: int | None = None
    min_count: int = 1
    names: str = "out"
    #: Sentence notes: every sentence of an article or a unit, a long text's first ones.
    max_sentences: int = 500

    @property
    def include_names(self) -> bool:
        return self.names == "in"


@dataclass(frozen=True)
class Recipe:
    """A parsed, validated recipe; ``path`` is the file it came from (None: built from flags).

    An empty ``name`` leaves the deck name to the build (named after its sources).
    """

    name: str
    sources: tuple[RecipeSource, ...]
    description: str = ""
    cards: Cards = field(default_factory=Cards)
    filters: Filters = field(default_factory=Filters)
    order: str = "appearance"
    audio: bool = False
    path: Path | None = None


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def cards_only(kinds: Sequence[str], where: str) -> Cards:
    """Exactly the named card kinds (e.g. from ``--cards vocab_recall,cloze``)."""
    names = [f.name for f in fields(Cards)]
    for kind in kinds:
        if kind not in names:
            raise InputError(
                f"{where}: unknown card kind {kind!r}{_did_you_mean(kind, names)}: "
                f"use some of {', '.join(names)}"
            )
    return Cards(**{name: name in kinds for name in names})


_TYPE_NAMES = {str: "a string", int: "a whole number", bool: "true or false"}


class _Table:
    """A TOML table being read: typed getters that name the file and key in every error."""

    def __init__(self, data: Any, where: str, prefix: str = "") -> None:
        if not isinstance(data, Mapping):
            raise InputError(f"{where}: {prefix.rstrip('.')} must be a table: see decks/*.toml")
        self.data, self.where, self.prefix, self.used = data, where, prefix, set[str]()

    def get(self, key: str, kind: type, default: Any = None) -> Any:
        self.used.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError(
                f"{self.where}: {self.prefix}{key} = {value!r} must be {_TYPE_NAMES[kind]}"
            )
        return value

    def done(self, allowed: Sequence[str] = ()) -> None:
        """Reject keys nobody read: a misspelt key must not be silently ignored."""
        known = sorted(self.used | set(allowed))
        for key in self.data:
            if key not in known:
                raise InputError(
                    f"{self.where}: unknown key {self.prefix}{key}{_did_you_mean(key, known)}: "
                    f"fix the spelling or remove it (keys here: {', '.join(known)})"
                )


def _positive(value: int | None, label: str, where: str) -> int | None:
    if value is not None and value < 1:
        raise InputError(f"{where}: {label} = {value} must be 1 or more")
    return value


def _count(table: _Table, key: str, default: int) -> int:
    """A count of the ``[filters]`` table: a positive int, ``default`` when absent."""
    value = _positive(table.get(key, int, default), f"{table.prefix}{key}", table.where)
    return default if value is None else value


def _check_names(value: str, where: str) -> str:
    if value not in ("in", "out"):
        raise InputError(f"{where}: names = {value!r}: use \"in\" (keep names) or \"out\"")
    return value


_GLOB_CHARS = re.compile(r"[*?\[]")
_ZH_NAME = re.compile(r"^(?P<stem>.+)\.zh(?P<ext>\.[^.]+)$")


def _translation_of(path: Path) -> Path | None:
    """The ``X.en.EXT`` file beside an ``X.zh.EXT`` source, if there is one."""
    match = _ZH_NAME.match(path.name)
    if match:
        en = path.with_name(f"{match['stem']}.en{match['ext']}")
        if en.is_file():
            return en
    return None


def _expand(pattern: str, base: Path, where: str) -> list[Path]:
    """The files a source path or glob names, relative to ``base``."""
    if not _GLOB_CHARS.search(pattern):
        path = base / pattern
        if not path.is_file():
            raise InputError(
                f"{where}: source {pattern!r} not found (looked for {path}): fix the path; "
                "paths in a recipe are relative to the recipe file"
            )
        return [path]
    matches = [Path(m) for m in sorted(glob.glob(str(base / pattern), recursive=True))]
    files = [m for m in matches if m.is_file()]
    if not files:
        raise InputError(
            f"{where}: the glob {pattern!r} matches no file in {base}: fix the pattern; "
            "paths in a recipe are relative to the recipe file"
        )
    # An English file paired with a matched Chinese file is its translation, not a source.
    paired = {_translation_of(f) for f in files} - {None}
    return [f for f in files if f not in paired]


def _read_sources(raw: Any, base: Path, where: str) -> tuple[RecipeSource, ...]:
    if not isinstance(raw, list) or not raw:
        raise InputError(
            f"{where}: no sources: add one [[sources]] table per text, with path = \"FILE\""
        )
    sources: list[RecipeSource] = []
    for number, entry in enumerate(raw, start=1):
        table = _Table({"path": entry} if isinstance(entry, str) else entry, where,
                       f"sources[{number}].")
        pattern = table.get("path", str)
        if not pattern:
            raise InputError(f"{where}: sources[{number}] has no path: add path = \"FILE\"")
        en_name = table.get("en", str)
        subdeck = table.get("subdeck", str)
        table.done()
        files = _expand(pattern, base, where)
        if en_name is not None and len(files) != 1:
            raise InputError(
                f"{where}: sources[{number}]: en = {en_name!r} goes with one file, but "
                f"{pattern!r} matches {len(files)}: list each text in its own [[sources]]"
            )
        for path in files:
            en = _expand(en_name, base, where)[0] if en_name is not None else None
            source = RecipeSource(path, en or _translation_of(path), subdeck)
            if all(s.path != path for s in sources):
                sources.append(source)
    return tuple(sources)


def load_recipe(path: Path) -> Recipe:
    """Read and validate a recipe; every error names the file, the key and the remedy."""
    where = f"recipe {path}"
    from flashgen.files.inputs import read_input

    try:
        data = tomllib.loads(read_input(path, "recipe").decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(f"{where} cannot be read ({error}): save it as UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{where} is not valid TOML ({error}): fix that line") from None
    base = path.parent
    top = _Table(data, where)
    name = top.get("name", str, path.stem)
    description = top.get("description", str, "")
    order = top.get("order", str, "appearance")
    check_order(order, f"{where}: order")
    audio = top.get("audio", bool, False)
    top.done(allowed=("sources", "cards", "filters"))
    sources = _read_sources(data.get("sources"), base, where)

    cards_raw = data.get("cards", {})
    if isinstance(cards_raw, list):
        if not all(isinstance(k, str) for k in cards_raw):
            raise InputError(f"{where}: cards must list card kinds as strings")
        cards = cards_only(cards_raw, f"{where}: cards")
    else:
        table = _Table(cards_raw, where, "cards.")
        cards = Cards(**{f.name: table.get(f.name, bool, f.default) for f in fields(Cards)})
        table.done()
    if not cards.kinds:
        raise InputError(f"{where}: [cards] turns every card off: enable at least one")

    table = _Table(data.get("filters", {}), where, "filters.")
    known = table.get("known_words", str)
    filters = Filters(
        hsk_min=table.get("hsk_min", int),
        hsk_max=table.get("hsk_max", int),
        known_words=base / known if known else None,
        max_terms=_positive(table.get("max_terms", int), "filters.max_terms", where),
        max_sentences=_count(table, "max_sentences", Filters.max_sentences),
        min_count=_count(table, "min_count", Filters.min_count),
        names=_check_names(table.get("names", str, "out"), f"{where}: filters"),
    )
    table.done()
    check_level_range(filters.hsk_min, filters.hsk_max, f"{where}: [filters]")
    if filters.known_words is not None and not filters.known_words.is_file():
        raise InputError(
            f"{where}: filters.known_words file {known!r} not found (looked for "
            f"{filters.known_words}): fix the path or remove the key"
        )
    return Recipe(name, sources, description, cards, filters, order, audio, path)


def override(
    recipe: Recipe,
    *,
    name: str | None = None,
    description: str | None = None,
    cards: Sequence[str] | None = None,
    hsk_min: int | None = None,
    hsk_max: int | None = None,
    known_words: Path | None = None,
    max_terms: int | None = None,
    max_sentences: int | None = None,
    min_count: int | None = None,
    names: str | bool | None = None,
    order: str | None = None,
    audio: bool | None = None,
) -> Recipe:
    """The recipe with the command-line options that were given (None: not given) applied.

    ``names`` may be a bool (``--names/--no-names``) or "in"/"out".
    """
    if isinstance(names, bool):
        names = "in" if names else "out"
    filter_changes: dict[str, Any] = {
        key: value
        for key, value in {
            "hsk_min": hsk_min,
            "hsk_max": hsk_max,
            "known_words": known_words,
            "max_terms": _positive(max_terms, "--max-terms", "option"),
            "max_sentences": _positive(max_sentences, "--max-sentences", "option"),
            "min_count": _positive(min_count, "--min-count", "option"),
            "names": _check_names(names, "option --names") if names is not None else None,
        }.items()
        if value is not None
    }
    filters = replace(recipe.filters, **filter_changes)
    check_level_range(filters.hsk_min, filters.hsk_max, "options --hsk-min/--hsk-max")
    if order is not None:
        check_order(order, "option --order")
    if known_words is not None:
        from flashgen.files.inputs import check_input

        check_input(known_words, "option --known: file")
    changes: dict[str, Any] = {
        "name": name,
        "description": description,
        "order": order,
        "audio": audio,
        "cards": cards_only(cards, "option --cards") if cards is not None else None,
    }
    return replace(
        recipe, filters=filters, **{k: v for k, v in changes.items() if v is not None}
    )


def recipe_from_options(
    sources: Sequence[Path], *, en: Path | None = None, **options: Any
) -> Recipe:
    """A recipe for a build given only on the command line: the defaults, then ``options``.

    ``options`` are those of :func:`override`; ``en`` translates a single source.
    """
    if en is not None and len(sources) != 1:
        raise InputError("--en goes with exactly one SOURCE; for several, write a recipe (.toml)")
    built = tuple(RecipeSource(path, en or _translation_of(path)) for path in sources)
    return override(Recipe(name="", sources=built), **options)

