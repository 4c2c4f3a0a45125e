"""Cards as Anki shows them, before any import: the deck's own templates and CSS, rendered.

The notes are the ones the deck gets (:func:`flashgen.deck.package.deck_notes`), and their
templates and CSS those of :mod:`flashgen.deck.notetypes`, filled in here the way Anki
fills them: ``{{Field}}``, ``{{#Field}}...{{/Field}}`` (and ``{{^Field}}``),
``{{furigana:Field}}`` and ``{{FrontSide}}``. A card whose front comes out empty is one Anki
does not make, so it is not shown. Field values are already escaped by the deck's notes;
nothing from the text is inserted here unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import genanki

#: A section ``{{#Field}}...{{/Field}}`` or ``{{^Field}}...{{/Field}}`` (innermost first:
#: the body holds no other section of the same field).
_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_REPLACEMENT = re.compile(r"\{\{([^#^/}][^}]*)\}\}")
#: Anki's furigana filter: "base[reading]", a space before the base marking where it starts.
_FURIGANA = re.compile(r" ?([^ >]+?)\[(.+?)\]")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_TAGS = re.compile(r"<[^>]*>")


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


def note_cards(note: genanki.Note) -> list[CardPreview]:
    """The cards Anki makes of ``note``, rendered: one per template with a non-empty front."""
    model = note.model
    fields = dict(zip((f["name"] for f in model.fields), note.fields, strict=True))
    cards = []
    for template in model.templates:
        front = render(template["qfmt"], fields)
        if _empty(front):
            continue
        back = render(template["afmt"], fields, front_side=front)
        cards.append(CardPreview(model.name, template["name"], front, back))
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


def previews(notes: Sequence[genanki.Note]) -> list[dict[str, str]]:
    """Every card of ``notes`` with its front and back as whole pages, day and night."""
    shown = []
    for note in notes:
        css = note.model.css
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

