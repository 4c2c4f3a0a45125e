"""The stages in order: sources -> sentence pairs -> terms -> annotations -> deck.

Everything the CLI does goes through here, so the same build is available as a library:

    >>> from flashgen.study.recipe import recipe_from_options
    >>> build(recipe_from_options([Path("article.txt")]), Path("article.apkg"))  # doctest: +SKIP

A build is described by a :class:`~flashgen.study.recipe.Recipe` (a deck recipe file, or the
command-line options turned into one), so one article and a teacher's unit of five texts
take the same path.
"""

from __future__ import annotations

import os
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashgen.errors import InputError
from flashgen.records import (
    AnnotatedTerm,
    Document,
    SentencePair,
    SentenceReading,
    Term,
    chinese_lines,
)
from flashgen.study.recipe import Recipe, RecipeSource

if TYPE_CHECKING:
    from flashgen.batch.records import CorpusCut, DocumentRecord
    from flashgen.batch.workers import Workers

#: Called as ``progress(stage, done, total)`` while a build runs; the CLI draws a bar.
Progress = Callable[[str, int, int], None]

#: Output formats, by the suffix of the output path.
FORMATS = {".apkg": "apkg", ".csv": "csv", ".txt": "pleco", ".html": "html", ".pdf": "pdf"}


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


#: The most sentence pairs a term's gloss and reading are chosen from: far more than an
#: article gives any term, and enough to outvote a stray translation in a book.
MAX_EVIDENCE = 60


@dataclass(frozen=True)
class Corpus:
    """The documents of a build and their aligned sentence pairs, in text order: ``pairs``
    those that cards and terms come from, ``aligned`` all of them (bylines too)."""

    documents: tuple[Document, ...]
    pairs: tuple[SentencePair, ...]
    aligned: tuple[SentencePair, ...] = ()
    #: The words of each of ``pairs``, when workers cut them (a batch's map); else None.
    cut: CorpusCut | None = field(default=None, compare=False, repr=False)

    @property
    def has_translation(self) -> bool:
        return any(doc.has_translation for doc in self.documents)

    @cached_property
    def _chinese(self) -> tuple[str, list[int]]:
        """Every pair's Chinese on its own line, and where each line starts."""
        return chinese_lines(self.pairs)

    def containing(self, text: str, limit: int = MAX_EVIDENCE) -> list[SentencePair]:
        """The first ``limit`` pairs whose Chinese contains ``text``, in order, a pair
        whose Chinese and English repeat an earlier one's counted once.

        One search through the whole text per term: testing each pair in turn cost
        seconds per hundred terms on a long text. The limit and the repeats keep a gloss's
        evidence bounded: a text repeated a hundred times says nothing new the second time.
        """
        if not text:
            return []
        joined, starts = self._chinese
        found: dict[tuple[str, str], SentencePair] = {}
        at = joined.find(text)
        while at >= 0 and len(found) < limit:
            index = bisect_right(starts, at) - 1
            pair = self.pairs[index]
            found.setdefault((pair.zh, pair.en), pair)
            at = joined.find(text, starts[index + 1])
        return list(found.values())


def input_paths(recipe: Recipe, *others: Path | None) -> list[tuple[str, Path]]:
    """Every file a build reads, with what it is: sources, translations, lists, the recipe."""
    named: list[tuple[str, Path | None]] = [("recipe", recipe.path)]
    for source in recipe.sources:
        named += [("source", source.path), ("translation", source.en)]
    named += [("known-words file", recipe.filters.known_words)]
    named += [("file", other) for other in others]
    return [(what, path) for what, path in named if path is not None]


def check_inputs(recipe: Recipe, *others: Path | None) -> None:
    """Refuse, before reading, any input that is not a regular file within the size limit."""
    from flashgen.files.inputs import check_input

    for what, path in input_paths(recipe, *others):
        check_input(path, what)


def check_output_path(out: Path, recipe: Recipe, *others: Path | None) -> None:
    """Refuse an output that cannot be written, or that is one of the build's inputs."""
    from flashgen.files.atomic import check_output

    check_output(out)
    if not out.exists():
        return
    for what, path in input_paths(recipe, *others):
        try:
            same = os.path.samefile(out, path)
        except OSError:
            continue
        if same:
            raise InputError(
                f"output {out} is the {what} {path}: writing it would replace the input; "
                "choose another output path"
            )


def read_source(
    source: RecipeSource, encoding: str | None = None
) -> tuple[Document, list[SentencePair]]:
    """Read one source (text or subtitles) and align its sentences."""
    from flashgen.align.pairs import pair_document
    from flashgen.lexicon.script import check_chinese
    from flashgen.read.sources import read_document, read_subtitles

    if source.path.suffix.lower() in {".srt", ".vtt"}:
        if source.en is None:
            raise InputError(
                f"{source.path}: a subtitle file needs its English subtitles too; "
                "pass them with --en FILE.srt"
            )
        doc = read_subtitles(source.path, source.en)
    else:
        doc = read_document(source.path, source.en, encoding=encoding)
    check_chinese("".join(p.zh for p in doc.paragraphs), f"source {source.path}")
    return doc, pair_document(doc)


#: A task of the per-document map: some sources, their encoding, whether to segment them.
ReadTask = tuple[tuple[RecipeSource, ...], str | None, bool]
#: Most documents per task: enough that a task's messages cost little beside its work,
#: few enough that the progress of a batch moves often.
DOCUMENTS_PER_TASK = 16


def map_documents(task: ReadTask) -> list[DocumentRecord]:
    """The per-document map: read each source, align it and (``cut``) segment its pairs.

    A module-level function of plain arguments, so that any worker (a local process, a
    Dask worker) can run it; its records go back to the reduce in this process.
    """
    from flashgen.batch.records import Cut, DocumentRecord
    from flashgen.lexicon.segment import words

    sources, encoding, cut = task
    records = []
    for source in sources:
        doc, aligned = read_source(source, encoding)
        pairs = [p.zh for p in aligned if not p.byline]
        records.append(DocumentRecord(
            doc, tuple(aligned), Cut.of(words(zh) if zh else [] for zh in pairs) if cut else None
        ))
    return records


def read_corpus(
    sources: Sequence[RecipeSource],
    encoding: str | None = None,
    progress: Progress = _quiet,
    jobs: int = 1,
    *,
    workers: Workers | None = None,
) -> Corpus:
    """Read and align every source on ``workers`` (else ``jobs`` local processes: the
    work is CPU-bound), the documents in the order given whoever read them."""
    from flashgen.files.inputs import check_input

    for source in sources:
        check_input(source.path, "source")
        if source.en is not None:
            check_input(source.en, "translation")
    from flashgen.batch.workers import InProcess, chunks

    progress("reading", 0, len(sources))
    with _workers(workers, jobs) as running:
        # Workers in other processes cut the words too: the counting then need not.
        cut = not isinstance(running, InProcess)
        # A few tasks per worker at least, so that they all finish about together.
        size = 1 if not cut else max(1, min(DOCUMENTS_PER_TASK, len(sources) // (4 * running.size)))
        tasks = [(tuple(part), encoding, cut) for part in chunks(sources, size)]
        read = running.map(
            map_documents, tasks,
            lambda done, total: progress("reading", min(done * size, len(sources)), len(sources)),
        )
    return corpus_of([record for chunk in read for record in chunk])


def corpus_of(records: Sequence[DocumentRecord]) -> Corpus:
    """The reduce's first step: the documents' records, in order, as one corpus."""
    from flashgen.batch.records import CorpusCut

    _check_unique_names([r.document for r in records])
    aligned = tuple(p for r in records for p in r.aligned)
    cuts = [r.cut for r in records if r.cut is not None]
    return Corpus(
        tuple(r.document for r in records),
        tuple(p for p in aligned if not p.byline),
        aligned,
        CorpusCut(cuts) if cuts and len(cuts) == len(records) else None,
    )


@contextmanager
def _workers(given: Workers | None, jobs: int) -> Iterator[Workers]:
    """The workers given, else ``jobs`` local ones opened (and closed) for the call."""
    from flashgen.batch.workers import open_workers

    if given is not None:
        yield given
        return
    with open_workers(jobs) as opened:
        yield opened


def _check_unique_names(documents: Sequence[Document]) -> None:
    """Sources are told apart by name (tags, subdecks): two files may not share one."""
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.name in seen and seen[doc.name] != doc.path:
            raise InputError(
                f"{doc.path} and {seen[doc.name]} have the same name {doc.name!r}; "
                "rename one of them so their cards can be told apart"
            )
        seen[doc.name] = doc.path


def _context(term: Term) -> tuple[str, str]:
    """The Chinese and English a term's reading is chosen in: its example pair's, else the
    term alone."""
    return (term.example.zh, term.example.en) if term.example else (term.text, "")


def annotate(term: Term, occurring: Sequence[SentencePair]) -> AnnotatedTerm:
    """Reading, gloss, traditional form and level of one term, in the pairs it occurs in."""
    from flashgen.gloss.choose import gloss_term
    from flashgen.lexicon.hsk import hsk_level
    from flashgen.lexicon.traditional import to_traditional
    from flashgen.pinyin.reading import numbers_to_marks, pinyin, term_reading
    from flashgen.pinyin.render import name_pinyin

    context, english = _context(term)
    reading = term_reading(term.text, context, english)
    # A person's name is written by convention (Xí Jìnpíng), not syllable by syllable.
    marks = (name_pinyin(term.text, reading, english) if term.kind == "name"
             else numbers_to_marks(reading))
    return AnnotatedTerm(
        term=term,
        pinyin=marks,
        pinyin_numbered=reading,
        gloss=gloss_term(term.text, reading, occurring),
        traditional=to_traditional(term.text),
        hsk=hsk_level(term.text),
        example_pinyin=pinyin(term.example.zh) if term.example else "",
        tags=(term.kind, *term.sources),
    )


def known_words(recipe: Recipe) -> frozenset[str]:
    """The words to leave out: the recipe's known-words file, else the learner's own list."""
    from flashgen.study.known import load_known_words, user_known_path

    path = recipe.filters.known_words
    if path is None and user_known_path().is_file():
        path = user_known_path()
    return load_known_words(path) if path is not None else frozenset()


def _keeping(recipe: Recipe) -> dict[str, Any]:
    """The recipe's filters that keep or leave out one term, as ``apply_filters`` and
    ``left_out`` take them."""
    f = recipe.filters
    return {
        "hsk_min": f.hsk_min,
        "hsk_max": f.hsk_max,
        "known": known_words(recipe),
        "min_count": f.min_count,
        "include_names": f.include_names,
    }


def select(recipe: Recipe, corpus: Corpus, found: Sequence[Term]) -> list[Term]:
    """The found terms (ranked best first) that the recipe's filters make cards."""
    from flashgen.study.filters import apply_filters, term_count

    return apply_filters(
        found,
        **_keeping(recipe),
        max_terms=recipe.filters.max_terms or term_count(corpus.pairs),
        order=recipe.order,
        pairs=corpus.pairs,
    )


def explain_term(recipe: Recipe, corpus: Corpus, text: str) -> list[str]:
    """How ``text`` fared in ``corpus``, in a few lines for ``flashgen terms --explain``:
    how it was found, each rule that moved its score, its rank, whether it makes a card
    (and which filter leaves it out), and where its reading and gloss come from."""
    from flashgen.gloss.choose import explain_gloss
    from flashgen.lexicon.hsk import hsk_level
    from flashgen.pinyin.reading import explain_reading, term_reading
    from flashgen.study.filters import left_out
    from flashgen.terms.explain import explain, why_absent
    from flashgen.terms.find import find_terms

    found = find_terms(corpus.pairs)
    rank = next((i for i, t in enumerate(found) if t.text == text), None)
    if rank is None:
        return [why_absent(text, corpus.pairs)]
    term = found[rank]
    lines = explain(term, rank + 1)
    selected = select(recipe, corpus, found)
    if term in selected:
        lines.append(f"  a card: one of the {len(selected)} terms the filters keep")
    else:
        reason = left_out(term, hsk_level(term.text), **_keeping(recipe)) or (
            f"it ranks below the {len(selected)} terms kept (--max-terms to keep more)")
        lines.append(f"  no card: {reason}")
    # The same arguments annotate() passes, so the explanation is of the card's choice.
    context, english = _context(term)
    lines += explain_reading(term.text, context, english)
    reading = term_reading(term.text, context, english)
    return lines + explain_gloss(term.text, reading, corpus.containing(term.text))


def vocabulary(
    recipe: Recipe,
    corpus: Corpus,
    *,
    curated: Path | None = None,
    progress: Progress = _quiet,
    workers: Workers | None = None,
) -> list[AnnotatedTerm]:
    """The annotated terms that become cards: discovered, filtered (or the teacher's list).

    With ``workers`` (a batch's), they score the candidates, in chunks, and annotate the
    terms chosen; the counting, ranking and choosing stay here, so the terms are the same.
    """
    from flashgen.gloss.distinct import distinct_glosses
    from flashgen.terms.find import find_terms

    progress("finding terms", 0, len(corpus.pairs))
    found = find_terms(
        corpus.pairs, progress=lambda done, total: progress("finding terms", done, total),
        words_of=corpus.cut.words if corpus.cut is not None else None, workers=workers,
    )
    if curated is not None:
        from flashgen.study.curation import apply_curation, read_terms_tsv

        chosen = read_terms_tsv(curated)
        by_text = {t.text: t for t in found}
        kept = [annotate(by_text[c.term], corpus.containing(c.term)) for c in chosen
                if c.term in by_text]
        return apply_curation(
            kept, chosen, pairs=corpus.pairs,
            annotate=lambda term: annotate(term, corpus.containing(term.text)),
        )
    selected = select(recipe, corpus, found)
    if workers is not None:
        # A hundred terms take 0.7 s, which a batch's workers share: the sentence readings
        # annotating would leave in this process's cache save the deck's writing less.
        annotated = _annotated(selected, corpus, workers, progress)
    else:
        annotated = []
        for done, term in enumerate(selected):
            progress("annotating", done, len(selected))
            annotated.append(annotate(term, corpus.containing(term.text)))
    progress("annotating", len(selected), len(selected))
    # No two cards with one main gloss: a Recall card would have two right answers.
    return distinct_glosses(annotated, corpus.containing)


#: A term to annotate and the pairs it occurs in (:func:`annotate`'s arguments).
AnnotateTask = tuple[tuple[Term, tuple[SentencePair, ...]], ...]


def annotate_terms(task: AnnotateTask) -> list[AnnotatedTerm]:
    """Annotate each term in its pairs: a batch's map, a module-level function of plain
    arguments as :func:`map_documents` is."""
    return [annotate(term, occurring) for term, occurring in task]


def _two_tasks_each(count: int, workers: Workers) -> int:
    """How many of ``count`` items make one task when each worker gets two: they then all
    finish about together."""
    return max(1, -(-count // (2 * workers.size)))


def _annotated(
    terms: Sequence[Term], corpus: Corpus, workers: Workers, progress: Progress
) -> list[AnnotatedTerm]:
    """The terms annotated by ``workers``, two tasks each, in the terms' order."""
    from flashgen.batch.workers import chunks

    size = _two_tasks_each(len(terms), workers)
    tasks = [
        tuple((term, tuple(corpus.containing(term.text))) for term in part)
        for part in chunks(terms, size)
    ]
    results = workers.map(
        annotate_terms, tasks,
        lambda done, total: progress("annotating", min(done * size, len(terms)), len(terms)),
    )
    return [annotated for chunk in results for annotated in chunk]


def read_sentences(texts: Sequence[str]) -> list[SentenceReading]:
    """Each sentence's readings: a batch's map, the deck's largest part of work (16
    articles: 350 sentences, 0.3 s) that would otherwise stay in one process."""
    from flashgen.pinyin.reading import colour_html, ruby

    return [SentenceReading(colour_html(text), ruby(text)) for text in texts]


def _read(
    terms: Sequence[AnnotatedTerm], pairs: Sequence[SentencePair], workers: Workers
) -> dict[str, SentenceReading]:
    """The readings of every sentence the deck shows (the terms' examples, the sentence
    cards'), made by ``workers``, two tasks each."""
    from flashgen.batch.workers import chunks

    texts = list(dict.fromkeys([
        *(t.term.example.zh for t in terms if t.term.example is not None),
        *(pair.zh for pair in pairs if pair.zh.strip()),
    ]))
    done = workers.map(read_sentences, chunks(texts, _two_tasks_each(len(texts), workers)))
    return dict(zip(texts, (read for chunk in done for read in chunk), strict=True))


def deck_name(recipe: Recipe, named: Mapping[str, str] | None = None) -> str:
    """The recipe's name (--name), else one from the sources: the title of the first (its
    headline, else its file stem; ``named`` is :func:`titles` of the corpus read), with a
    count of the others."""
    if recipe.name:
        return recipe.name
    first = next(iter(named.values())) if named else recipe.sources[0].path.stem
    others = len(recipe.sources) - 1
    return first if not others else f"{first} + {others} more"


def titles(corpus: Corpus) -> dict[str, str]:
    """Source name -> what its cards' Source field and the handout call it: its headline
    when the text opens with one, else its name."""
    from flashgen.read.metadata import title

    return {doc.name: title(doc.paragraphs, doc.name) for doc in corpus.documents}


def subdecks(recipe: Recipe, corpus: Corpus) -> dict[str, str]:
    """Source name -> subdeck: the recipe's names, else one subdeck per source when several."""
    many = len(corpus.documents) > 1
    return {
        doc.name: source.subdeck or doc.name
        for source, doc in zip(recipe.sources, corpus.documents, strict=True)
        if source.subdeck or many
    }


def output_format(out: Path, fmt: str | None = None) -> str:
    """The format to write: given (and agreeing with the output's suffix), or from it."""
    implied = FORMATS.get(out.suffix.lower())
    if fmt is not None:
        if fmt not in FORMATS.values():
            raise InputError(
                f"--format {fmt!r} is not a format: give one of {', '.join(FORMATS.values())}"
            )
        if implied is not None and implied != fmt:
            raise InputError(
                f"--format {fmt} contradicts the output name {out.name} ({implied}): "
                f"name the file *{_suffix_of(fmt)} or drop --format"
            )
        return fmt
    try:
        return FORMATS[out.suffix.lower()]
    except KeyError:
        raise InputError(
            f"{out}: cannot tell the output format from {out.suffix or 'a name without suffix'!r};"
            f" name the file {' '.join('*' + s for s in FORMATS)} or pass --format"
        ) from None


def _suffix_of(kind: str) -> str:
    return next(suffix for suffix, name in FORMATS.items() if name == kind)


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, for the CLI's closing message."""

    path: Path
    format: str
    deck_name: str
    terms: int
    sentences: int
    has_translation: bool
    #: The build's aligned pairs before ``max_sentences`` kept ``sentences`` of them.
    pairs_found: int = 0
    #: More to tell the user: audio stored as WAV, notes of the last build it no longer has.
    notes: tuple[str, ...] = ()


def build(
    recipe: Recipe,
    out: Path,
    *,
    fmt: str | None = None,
    curated: Path | None = None,
    encoding: str | None = None,
    timestamp: float | None = None,
    jobs: int = 1,
    dask: str | None = None,
    progress: Progress = _quiet,
    manifest: bool = True,
    sentence_pinyin: bool = False,
    hsk_column: bool = False,
    notes_column: bool = False,
) -> BuildResult:
    """Run every stage for ``recipe`` and write ``out`` atomically (an .apkg or an export).

    The map (reading, aligning and segmenting each document, then scoring the candidates)
    runs on ``jobs`` local worker processes, or on the Dask cluster at ``dask`` (``local``
    starts one here); the deck is the same, byte for byte, with a fixed ``timestamp``.
    ``manifest``: beside an .apkg or CSV, write the list of its notes and say which notes
    of the last build at that path this one no longer has (off for standard output).
    ``sentence_pinyin``, ``hsk_column`` and ``notes_column`` are the PDF handout's options.
    """
    from threading import Thread

    from flashgen.batch.workers import InProcess, open_workers, warm_reduce
    from flashgen.deck.package import check_timestamp
    from flashgen.files.atomic import remove_stale
    from flashgen.study.filters import cap_sentences

    check_output_path(out, recipe, curated)
    kind = output_format(out, fmt)
    check_timestamp(timestamp)
    check_inputs(recipe, curated)
    remove_stale(out.parent)
    remove_stale(Path(tempfile.gettempdir()))
    with open_workers(jobs, dask) as workers:
        batch = None if isinstance(workers, InProcess) else workers
        # While the workers read, this process would wait: it loads what it needs later.
        loading = Thread(target=warm_reduce, daemon=True) if batch else None
        if loading is not None:
            loading.start()
        corpus = read_corpus(recipe.sources, encoding, progress, workers=workers)
        if loading is not None:
            loading.join()
        terms = vocabulary(recipe, corpus, curated=curated, progress=progress, workers=batch)
        pairs = (
            cap_sentences(corpus.pairs, terms, recipe.filters.max_sentences)
            if recipe.cards.sentence_reading or kind in {"html", "pdf"}
            else []
        )
        pinyin = _read(terms, pairs, batch) if batch is not None and kind == "apkg" else None
    named = titles(corpus)
    name = deck_name(recipe, named)
    where = subdecks(recipe, corpus)
    notes: list[str] = []
    progress("writing", 0, 1)
    if kind == "apkg":
        from flashgen.deck.package import write_apkg
        from flashgen.files.atomic import temp_prefix

        with tempfile.TemporaryDirectory(prefix=temp_prefix()) as folder:
            media = _audio(terms, pairs, Path(folder), progress, notes) if recipe.audio else None
            write_apkg(
                name, terms, pairs, out, timestamp=timestamp, description=recipe.description,
                cards=recipe.cards, subdecks=where, media=media, titles=named, pinyin=pinyin,
            )
    else:
        handout = {"sentence_pinyin": sentence_pinyin, "hsk": hsk_column,
                   "blank_column": notes_column}
        _export(kind, name, terms, pairs, out, recipe, where, corpus, named, handout)
    if manifest and kind in {"apkg", "csv"}:
        from flashgen.deck.manifest import deck_contents, dropped_report, record_build

        dropped = record_build(out, name, deck_contents(terms, pairs, recipe.cards))
        notes += dropped_report(dropped, curated=curated is not None)
    progress("writing", 1, 1)
    return BuildResult(
        out, kind, name, len(terms), len(pairs), corpus.has_translation, len(corpus.pairs),
        tuple(notes),
    )


def _export(
    kind: str,
    name: str,
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    out: Path,
    recipe: Recipe,
    where: dict[str, str],
    corpus: Corpus,
    named: dict[str, str],
    handout: dict[str, bool],
) -> None:
    """Write one of the non-Anki outputs (its module loads only when asked for)."""
    from flashgen.deck import export

    if kind == "csv":
        export.write_csv(name, terms, pairs, out, cards=recipe.cards, subdecks=where,
                         titles=named)
    elif kind == "pleco":
        export.write_pleco(name, terms, out, subdecks=where)
    elif kind == "html":
        export.write_handout_html(name, terms, pairs, out, description=recipe.description)
    else:
        export.write_handout_pdf(
            name, terms, pairs, out, description=recipe.description,
            sections=export.handout_sections(corpus.documents, named), **handout,
        )


def _audio(
    terms: Sequence[AnnotatedTerm],
    pairs: Sequence[SentencePair],
    folder: Path,
    progress: Progress,
    notes: list[str],
) -> dict[str, Path]:
    """Speech for each term, sentence and example (espeak-ng), keyed by the text it reads;
    a line in ``notes`` when it is stored as WAV."""
    from flashgen.deck.audio import deck_speech, format_note

    progress("speaking", 0, 1)
    media = deck_speech(terms, pairs, folder)
    progress("speaking", 1, 1)
    if note := format_note():
        notes.append(note)
    return media
