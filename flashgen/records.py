"""Plain, frozen records passed between the pipeline stages.

Each stage takes and returns these and nothing else, so a stage can be tested, replaced
or used on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from itertools import accumulate


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One Chinese paragraph and its English translation ("" when there is none).

    ``kind`` is "headline", "byline" (a byline or a credit line) or "body"; ``index`` is the
    position of the Chinese paragraph among all non-empty blocks of the source file
    (metadata included).
    """

    zh: str
    en: str = ""
    kind: str = "body"
    index: int = 0


@dataclass(frozen=True)
class Document:
    """A source after reading: its name (used for tags and subdecks) and its paragraphs."""

    name: str
    path: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def has_translation(self) -> bool:
        return any(p.en for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class SentencePair:
    """An aligned bead: one or more Chinese sentences and the English that translates them.

    Either side may be empty (a sentence with no counterpart). ``zh`` joins the Chinese
    sentences with nothing between them, ``en`` joins the English ones with one space.
    ``byline``: the bead is a byline or credit line, aligned like any other but never a
    card nor a source of terms (it would teach a reporter's name).
    """

    zh_sentences: tuple[str, ...]
    en_sentences: tuple[str, ...]
    paragraph: int = 0
    source: str = ""
    byline: bool = False

    @property
    def zh(self) -> str:
        return "".join(self.zh_sentences)

    @property
    def en(self) -> str:
        return " ".join(self.en_sentences)


def chinese_lines(pairs: Sequence[SentencePair]) -> tuple[str, list[int]]:
    """Every pair's Chinese on its own line, and where each line starts (one more start
    past the end): one ``str.find`` over the text then stands for a test of each pair."""
    texts = [pair.zh for pair in pairs]
    return "\n".join(texts), list(accumulate((len(t) + 1 for t in texts), initial=0))


@dataclass(frozen=True)
class Token:
    """A segmented word with its part-of-speech tag (jieba's tag set) and offset."""

    word: str
    pos: str = ""
    start: int = 0


@dataclass(frozen=True)
class Term:
    """A vocabulary candidate found in the text.

    ``kind`` is one of "compound" (a multi-word term jieba splits), "word", "idiom",
    "name" (person), "place", "org". ``example`` is the first sentence pair it occurs in.
    """

    text: str
    kind: str = "word"
    count: int = 1
    score: float = 0.0
    example: SentencePair | None = None
    sources: tuple[str, ...] = ()
    # How it was found and each rule that moved its score: (name, how, value, reason),
    # see flashgen.terms.score.Why; flashgen.terms.explain renders it. Not part of what
    # the term is: two terms that differ only in it are equal.
    why: tuple[tuple[str, str, float, str], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT entry; ``pinyin`` is CC-CEDICT's numbered form, e.g. "jun1 shi4"."""

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]


@dataclass(frozen=True)
class Gloss:
    """The English a card carries for a term, and where it came from.

    ``origin`` is "parallel" (the aligned English text), "dictionary" (CC-CEDICT),
    "compositional" (the glosses of its parts) or "none". ``alternatives`` holds the other
    origins' glosses, shown beside the main one; ``full`` is the whole dictionary entry.
    """

    text: str
    origin: str = "none"
    classifier: str = ""
    full: str = ""
    breakdown: str = ""
    alternatives: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AnnotatedTerm:
    """A term with everything a card shows."""

    term: Term
    pinyin: str
    gloss: Gloss
    traditional: str = ""
    pinyin_numbered: str = ""
    hsk: int | None = None
    example_pinyin: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """A Chinese sentence's pinyin as its cards show it: tone-coloured (``colour_html``)
    and over the characters (``ruby``). A batch's workers make them, the deck's largest
    part of work after the terms."""

    coloured: str
    ruby: str


@dataclass(frozen=True)
class Cards:
    """Which cards a deck has; the defaults suit self-study from a bilingual article.

    Vocabulary recognition (Hanzi -> reading and meaning) is the card every vocabulary note
    has; ``vocab_recall`` is English -> Hanzi, ``cloze`` the term blanked in its example,
    ``sentence_reading`` one Sentence note (Chinese -> English) per aligned pair and
    ``sentence_production`` English -> Chinese on those notes.
    """

    vocab_recognition: bool = True
    vocab_recall: bool = True
    sentence_reading: bool = True
    sentence_production: bool = False
    cloze: bool = False

    @property
    def kinds(self) -> tuple[str, ...]:
        """The names of the enabled card kinds, in declaration order."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name))
