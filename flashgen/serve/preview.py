"""Cards as Anki shows them, before any import: the deck's own templates and CSS, rendered.

A preview is of the very package a download gives: its notes, and its note types'
templates and CSS, read from the ``.apkg`` that :func:`flashgen.pipeline.build` wrote, then
filled in the way Anki fills them: ``{{Field}}``, ``{{#Field}}...{{/Field}}`` (and
``{{^Field}}``), ``{{furigana:Field}}`` and ``{{FrontSide}}``. A card whose front comes out
empty is one Anki does not make, so it is not shown. Field values are already escaped by
the deck's notes; nothing from the text is inserted here unescaped.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: A section ``{{#Field}}...{{/Field}}`` or ``{{^Field}}...{{/Field}}`` (innermost first:
#: the body holds no other section of the same field).
_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_REPLACEMENT = re.compile(r"\{\{([^#^/}][^}]*)\}\}")
#: Anki's furigana filter: "base[reading]", a space before the base marking where it starts.
_FURIGANA = re.compile(r" ?([^ >]+?)\[(.+?)\]")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_TAGS = re.compile(r"<[^>]*>")
#: Anki separates a note's fields with this character.
_FIELD_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class PackagedNote:
    """A note as a package holds it, with its note type's name, templates and CSS."""

    notetype: str
    fields: dict[str, str]
    #: (name, front template, back template) of each card type, in order.
    templates: tuple[tuple[str, str, str], ...]
    css: str


@dataclass(frozen=True)
class CardPreview:
    """One card of a note: its note type, template name, and front and back as HTML."""

    notetype: str
    card: str
    front: str
    back: str


def _empty(value: str) -> bool:
    """A field Anki treats as empty: nothing but whitespace once tags are dropped."""
    return not _TAGS.sub("", value).replace("&nbsp;", " ").strip()


def furigana(text: str) -> str:
    """Anki's ``furigana:`` filter: ``汉[hàn]`` becomes ruby; ``[sound:...]`` stays."""

    def ruby(match: re.Match[str]) -> str:
        if match.group(2).startswith("sound:"):
            return match.group()
        return f"<ruby><rb>{match.group(1)}</rb><rt>{match.group(2)}</rt></ruby>"

    return _FURIGANA.sub(ruby, text.replace("&nbsp;", " "))


def render(template: str, fields: Mapping[str, str], front_side: str = "") -> str:
    """``template`` filled with ``fields`` as Anki fills it (see the module docstring)."""

    def section(match: re.Match[str]) -> str:
        kind, name, body = match.groups()
        shown = not _empty(fields.get(name.strip(), ""))
        return body if shown == (kind == "#") else ""

    text = template
    while True:
        reduced = _SECTION.sub(section, text)
        if reduced == text:
            break
        text = reduced

    def replacement(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name == "FrontSide":
            return front_side
        if name.startswith("furigana:"):
            return furigana(fields.get(name.removeprefix("furigana:"), ""))
        return fields.get(name, "")

    # No sound plays in a preview; the audio files are only in the package.
    return _SOUND.sub("", _REPLACEMENT.sub(replacement, text))


def package_notes(apkg: Path) -> list[PackagedNote]:
    """Every note of an ``.apkg``, in the order it was written."""
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        rows = db.execute("SELECT mid, flds FROM notes ORDER BY id").fetchall()
    finally:
        db.close()
    notes = []
    for model_id, packed in rows:
        model = models[str(model_id)]
        names = [f["name"] for f in model["flds"]]
        notes.append(PackagedNote(
            model["name"],
            dict(zip(names, packed.split(_FIELD_SEPARATOR), strict=True)),
            tuple((t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"]),
            model["css"],
        ))
    return notes


def _text(value: str) -> str:
    """A field's text as the card shows it, without markup."""
    return html.unescape(_TAGS.sub("", value))


def term_notes(notes: Sequence[PackagedNote], term: str) -> list[PackagedNote]:
    """The vocabulary note of ``term`` and the sentence note of its example, when the deck
    has them (none: the term is not in the deck)."""
    vocab = next((n for n in notes if _text(n.fields.get("Hanzi", "")) == term), None)
    if vocab is None:
        return []
    example = _text(vocab.fields.get("Sentence", ""))
    sentence = next(
        (n for n in notes if example and _text(n.fields.get("Chinese", "")) == example), None
    )
    return [vocab] if sentence is None else [vocab, sentence]


def note_cards(note: PackagedNote) -> list[CardPreview]:
    """The cards Anki makes of ``note``, rendered: one per template with a non-empty front."""
    cards = []
    for name, question, answer in note.templates:
        front = render(question, note.fields)
        if _empty(front):
            continue
        back = render(answer, note.fields, front_side=front)
        cards.append(CardPreview(note.notetype, name, front, back))
    return cards


def card_page(body: str, css: str, *, night: bool) -> str:
    """A whole HTML page for one side of a card, in day or night mode, as Anki lays it out
    (the note type's CSS, the side inside ``<div>`` of a ``body class="card"``)."""
    mode = " nightMode night_mode" if night else ""
    return (
        f'<!doctype html><html class="{mode.strip()}"><head><meta charset="utf-8">'
        f"<style>{css}</style></head>"
        f'<body class="card{mode}"><div id="qa">{body}</div></body></html>'
    )


def previews(notes: Sequence[PackagedNote]) -> list[dict[str, str]]:
    """Every card of ``notes`` with its front and back as whole pages, day and night."""
    shown = []
    for note in notes:
        css = note.css
        for card in note_cards(note):
            shown.append({
                "notetype": card.notetype,
                "card": card.card,
                **{
                    f"{side}_{mode}": card_page(html_side, css, night=mode == "night")
                    for side, html_side in (("front", card.front), ("back", card.back))
                    for mode in ("day", "night")
                },
            })
    return shown

