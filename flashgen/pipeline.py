"""The stages in order: sources -> sentence pairs -> terms -> annotations -> deck.

Everything the CLI does goes through here, so the same build is available as a library:

    >>> from flashgen.pipeline import Source, build_deck
    >>> build_deck([Source(Path("article.txt"))], Path("article.apkg"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flashgen.errors import InputError
from flashgen.records import AnnotatedTerm, Document, SentencePair, Term

#: Called as ``progress(stage, done, total)`` while a build runs; the CLI draws a bar.
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class Source:
    """One input: a text (or subtitle) file, optionally with its English translation file."""

    path: Path
    en: Path | None = None
    subdeck: str | None = None


@dataclass(frozen=True)
class Corpus:
    """The documents of a build and all their aligned sentence pairs, in text order."""

    documents: tuple[Document, ...]
    pairs: tuple[SentencePair, ...]

    @property
    def has_translation(self) -> bool:
        return any(doc.has_translation for doc in self.documents)


@dataclass(frozen=True)
class Selection:
    """Which terms become cards; the defaults suit a learner reading one article."""

    max_terms: int | None = 100
    include_names: bool = False
    kinds: frozenset[str] = field(default_factory=frozenset)


def read_source(source: Source, encoding: str | None = None) -> tuple[Document, list[SentencePair]]:
    """Read one source and align its sentences."""
    from flashgen.align import pair_document
    from flashgen.sources import read_document, read_subtitles

    if source.path.suffix.lower() in {".srt", ".vtt"}:
        if source.en is None:
            raise InputError(
                f"{source.path}: a subtitle file needs its English subtitles too; "
                "pass them with --en FILE.srt"
            )
        doc = read_subtitles(source.path, source.en)
    else:
        doc = read_document(source.path, source.en, encoding=encoding)
    return doc, pair_document(doc)


def read_corpus(
    sources: Sequence[Source], encoding: str | None = None, progress: Progress = _quiet
) -> Corpus:
    """Read and align every source; a later source's name is made unique if it repeats."""
    documents: list[Document] = []
    pairs: list[SentencePair] = []
    for done, source in enumerate(sources):
        progress("reading", done, len(sources))
        doc, doc_pairs = read_source(source, encoding)
        documents.append(doc)
        pairs.extend(doc_pairs)
    progress("reading", len(sources), len(sources))
    return Corpus(tuple(documents), tuple(pairs))


def occurrences(text: str, pairs: Iterable[SentencePair]) -> list[SentencePair]:
    """The pairs whose Chinese contains ``text``, in order."""
    return [pair for pair in pairs if text in pair.zh]


def annotate(term: Term, pairs: Sequence[SentencePair]) -> AnnotatedTerm:
    """Reading, gloss, traditional form and level of one term, in the context of ``pairs``."""
    from flashgen.gloss import gloss_term
    from flashgen.levels import hsk_level
    from flashgen.pinyin import numbers_to_marks, pinyin, term_reading
    from flashgen.traditional import to_traditional

    context = term.example.zh if term.example else term.text
    reading = term_reading(term.text, context)
    return AnnotatedTerm(
        term=term,
        pinyin=numbers_to_marks(reading),
        pinyin_numbered=reading,
        gloss=gloss_term(term.text, reading, occurrences(term.text, pairs)),
        traditional=to_traditional(term.text),
        hsk=hsk_level(term.text),
        example_pinyin=pinyin(term.example.zh) if term.example else "",
        tags=(term.kind, *term.sources),
    )


def select_terms(terms: Sequence[Term], selection: Selection) -> list[Term]:
    """Apply the kind filters and the cap, keeping the ranking."""
    names = {"name"}
    chosen = [
        t
        for t in terms
        if (selection.include_names or t.kind not in names)
        and (not selection.kinds or t.kind in selection.kinds)
    ]
    return chosen[: selection.max_terms] if selection.max_terms is not None else chosen


def vocabulary(
    corpus: Corpus, selection: Selection = Selection(), progress: Progress = _quiet
) -> list[AnnotatedTerm]:
    """Discover, select and annotate the terms of a corpus, best first."""
    from flashgen.terms import find_terms

    progress("finding terms", 0, 1)
    terms = select_terms(find_terms(corpus.pairs), selection)
    progress("finding terms", 1, 1)
    annotated: list[AnnotatedTerm] = []
    for done, term in enumerate(terms):
        progress("annotating", done, len(terms))
        annotated.append(annotate(term, corpus.pairs))
    progress("annotating", len(terms), len(terms))
    return annotated


def default_deck_name(sources: Sequence[Source]) -> str:
    """A deck name from the sources: the file stem of one source, or the first and a count."""
    stems = [s.path.stem for s in sources]
    return stems[0] if len(stems) == 1 else f"{stems[0]} + {len(stems) - 1} more"



@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, for the CLI's closing message."""

    path: Path
    deck_name: str
    terms: int
    sentences: int
    has_translation: bool


def build_deck(
    sources: Sequence[Source],
    out: Path,
    *,
    name: str | None = None,
    selection: Selection = Selection(),
    encoding: str | None = None,
    timestamp: float | None = None,
    progress: Progress = _quiet,
) -> BuildResult:
    """Read, align, find and annotate terms, and write the deck to ``out`` atomically."""
    from flashgen.package import write_apkg

    corpus = read_corpus(sources, encoding, progress)
    terms = vocabulary(corpus, selection, progress)
    deck_name = name or default_deck_name(sources)
    progress("writing", 0, 1)
    write_apkg(deck_name, terms, corpus.pairs, out, timestamp=timestamp)
    progress("writing", 1, 1)
    return BuildResult(out, deck_name, len(terms), len(corpus.pairs), corpus.has_translation)
