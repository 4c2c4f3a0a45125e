"""Small builders for the records tests need, so a test says only what matters to it.

``pair("中文。", "English.")`` is one aligned bead of one sentence a side; a side may hold
several sentences, split as flashgen splits them; ``pairs(...)`` numbers paragraphs from 1;
``document`` reads a bilingual text written in the test through the real reader.
"""

from __future__ import annotations

from pathlib import Path

from flashgen.align.sentences import split_en, split_zh
from flashgen.records import Document, SentencePair


def pair(zh: str, en: str = "", *, paragraph: int = 0, source: str = "") -> SentencePair:
    """One bead: ``zh`` and ``en`` split into sentences as the pipeline splits them."""
    return SentencePair(
        tuple(split_zh(zh)) if zh else (), tuple(split_en(en)) if en else (),
        paragraph=paragraph, source=source,
    )


def pairs(*beads: tuple[str, str] | str, source: str = "") -> list[SentencePair]:
    """Beads in text order, one paragraph each; a bead is (Chinese, English) or Chinese."""
    return [
        pair(*(bead if isinstance(bead, tuple) else (bead, "")), paragraph=n, source=source)
        for n, bead in enumerate(beads, start=1)
    ]


def document(folder: Path, name: str, *paragraphs: str) -> Document:
    """The Document flashgen reads from a file of ``paragraphs`` (blank lines between)."""
    from flashgen.read.sources import read_document

    path = folder / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return read_document(path)
