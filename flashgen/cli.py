"""The ``flashgen`` command: a thin typer layer over :mod:`flashgen.pipeline`.

Nothing heavy is imported at module level, so ``flashgen --help`` is instant; each command
imports the library it needs. A :class:`~flashgen.errors.FlashgenError` becomes one line on
stderr and its exit code (2 for bad input, 1 otherwise); ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    help="Turn Chinese and bilingual Chinese/English texts into Anki decks: domain terms "
    "with pinyin in context and glosses, and aligned sentence pairs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


class TableFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"


class Tones(StrEnum):
    marks = "marks"
    numbers = "numbers"
    zhuyin = "zhuyin"


EnOption = Annotated[
    Path | None,
    typer.Option("--en", help="English translation of a Chinese-only SOURCE (text or .srt)."),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(help="Source encoding (e.g. gbk, big5, utf-16); detected when omitted."),
]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when something fails.")
    ] = False,
) -> None:
    """Turn Chinese texts into Anki decks."""
    _state["debug"] = debug


def _fail(message: str, code: int) -> None:
    typer.echo(f"flashgen: {' '.join(message.split())}", err=True)
    raise typer.Exit(code)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the build is so that it unwinds as Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


def _on_signals() -> None:
    """SIGTERM (``timeout``, CI, ``docker stop``) and SIGHUP unwind like Ctrl-C: every
    temporary file and folder is removed on the way out."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)


def run(action: Callable[[], Any]) -> Any:
    """Run a command body, turning errors into one line on stderr and an exit code."""
    from flashgen.errors import FlashgenError

    _on_signals()
    try:
        return action()
    except FlashgenError as error:
        if _state["debug"]:
            raise
        _fail(str(error), error.exit_code)
    except Stopped as stop:
        import signal

        _fail(f"stopped by {signal.Signals(stop.signum).name}; nothing was written",
              128 + stop.signum)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was written", 130)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        raise typer.Exit(0) from None
    except typer.Exit:
        raise
    except Exception as error:  # an internal failure: say so, point at --debug
        if _state["debug"]:
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", 1)


@contextmanager
def progress_bar(batch: bool = False) -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal, with the rate
    and the time left; otherwise silent, except that a ``batch`` (workers, a cluster)
    logs how far its documents are every few seconds."""
    if not sys.stderr.isatty():
        if batch:
            from flashgen.batch.progress import log_lines

            yield log_lines(lambda line: typer.echo(line, err=True))
        else:
            yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        from flashgen.batch.progress import Throughput

        tasks: dict[str, tuple[Any, Throughput]] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, rate=""), Throughput(total)
            task, meter = tasks[stage]
            meter.done, meter.total = done, total
            rate = meter.rate()
            bar.update(task, completed=done, total=total, rate=f"{rate:.1f}/s" if rate else "")

        yield update


def _recipe(paths: Sequence[Path], en: Path | None, **options: Any) -> Any:
    """The build's recipe: a recipe file (.toml) or the sources (a folder stands for the
    texts in it), then the options given."""
    from flashgen.errors import InputError
    from flashgen.study.recipe import load_recipe, override, recipe_from_options

    if len(paths) == 1 and paths[0].suffix.lower() == ".toml":
        if en is not None:
            raise InputError(f"{paths[0]}: give translations in the recipe, not with --en")
        return override(load_recipe(paths[0]), **options)
    if not any(path.is_dir() for path in paths):
        return recipe_from_options(paths, en=en, **options)
    if en is not None:
        raise InputError("--en goes with one text, not a folder: name the translation "
                         "NAME.en.txt beside NAME.zh.txt in the folder")
    from dataclasses import replace

    from flashgen.read.folders import texts_in

    texts = [t for p in paths for t in (texts_in(p) if p.is_dir() else [(p, None)])]
    recipe = recipe_from_options([path for path, _ in texts], **options)
    sources = tuple(
        replace(source, en=en_file) if en_file is not None else source
        for source, (_, en_file) in zip(recipe.sources, texts, strict=True)
    )
    return replace(recipe, sources=sources)


#: Table columns kept on one line; the others fold to fit the terminal.
_NO_WRAP = {"term", "pinyin", "kind", "count", "hsk", "para"}
#: Columns a table leaves out on a terminal narrower than the width given, so that the
#: gloss keeps a readable width (TSV and JSON always have them all).
_SECONDARY = {"traditional": 120, "gloss_source": 110, "count": 90, "kind": 90}


def _emit_rows(rows: list[dict[str, Any]], fmt: TableFormat, title: str) -> None:
    """Print rows as a rich table, TSV (header first) or JSON on stdout."""
    if fmt is TableFormat.json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is TableFormat.tsv:
        from flashgen.study.curation import tsv_cell

        # Plain TSV, no quoting: values never hold tabs or newlines once cleaned, and a
        # quoted cell would change the text a spreadsheet or `cut` reads back.
        if not rows:
            return
        typer.echo("\t".join(rows[0]))
        for row in rows:
            typer.echo("\t".join(tsv_cell(v) for v in row.values()))
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        shown = [c for c in (rows[0] if rows else ()) if console.width >= _SECONDARY.get(c, 0)]
        table = Table(title=title)
        for column in shown:
            table.add_column(column, no_wrap=column in _NO_WRAP, overflow="fold")
        for row in rows:
            table.add_row(*(str(row[c]) for c in shown))
        console.print(table)


@app.command()
def build(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Text or .srt files, folders of them (every text inside, in path order), "
            "or one deck recipe (.toml); - reads stdin."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o",
            help="File to write: .apkg (Anki deck), .csv (Anki text import), .txt (Pleco), "
            ".html or .pdf (printable handout); - writes a text --format to stdout.",
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(help="Deck name (default: the text's headline, else its file name)."),
    ] = None,
    en: EnOption = None,
    max_terms: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Most vocabulary notes (default: one per 25 Chinese characters, 10 to 100).",
        ),
    ] = None,
    max_sentences: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Most sentence notes (default: 500): examples of the deck's terms first, "
            "then the text's first sentences.",
        ),
    ] = None,
    names: Annotated[
        bool | None,
        typer.Option("--names/--no-names", help="Make cards of person and place names too."),
    ] = None,
    hsk_min: Annotated[
        int | None, typer.Option(min=1, max=7, help="Leave out words below this HSK level.")
    ] = None,
    hsk_max: Annotated[
        int | None, typer.Option(min=1, max=7, help="Leave out words above this HSK level.")
    ] = None,
    known: Annotated[
        Path | None,
        typer.Option(help="Words to leave out: a word list, CSV or .apkg you already study."),
    ] = None,
    min_count: Annotated[
        int | None, typer.Option(min=1, help="Leave out terms seen fewer times.")
    ] = None,
    order: Annotated[
        str | None, typer.Option(help="Card order: appearance, frequency, level or rank.")
    ] = None,
    cards: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated card kinds: vocab_recognition, vocab_recall, "
            "sentence_reading, sentence_production, cloze."
        ),
    ] = None,
    terms_file: Annotated[
        Path | None,
        typer.Option("--terms", help="Use exactly this term list (an edited `flashgen terms "
                     "--format tsv`); its glosses win."),
    ] = None,
    audio: Annotated[
        bool | None, typer.Option("--audio/--no-audio", help="Add speech (needs espeak-ng).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="apkg, csv, pleco, html or pdf (default: from -o)."),
    ] = None,
    encoding: EncodingOption = None,
    timestamp: Annotated[
        float | None,
        typer.Option(
            help="Fixed note modification time (Unix seconds) for reproducible builds. Anki "
            "only updates notes from a package newer than what it has, so a fixed time "
            "means a re-import changes nothing; by default the time of the build is used."
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes: each loads the lexicon once, then reads, aligns and "
            "segments sources and scores candidates; the deck is the same.",
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Run the work on a Dask cluster: 'local' starts one on this machine, "
            "tcp://HOST:8786 joins a scheduler (needs pip install 'flashgen[dask]').",
        ),
    ] = None,
    sentence_pinyin: Annotated[
        bool, typer.Option(help="PDF handout: print each sentence's pinyin under it.")
    ] = False,
    hsk_column: Annotated[
        bool, typer.Option(help="PDF handout: an HSK level column in the glossary.")
    ] = False,
    notes_column: Annotated[
        bool, typer.Option(help="PDF handout: an empty Notes column for the student.")
    ] = False,
) -> None:
    """Build an Anki deck (or a CSV, Pleco list or printable handout) from SOURCES."""

    def action() -> None:
        from flashgen.files.streams import STDIO, output_to_stdout, stdin_as_file
        from flashgen.pipeline import build as run_build

        with stdin_as_file(sources) as paths, output_to_stdout(out, fmt) as target:
            recipe = _recipe(
                paths, en, name=name, max_terms=max_terms, max_sentences=max_sentences,
                names=names, hsk_min=hsk_min,
                hsk_max=hsk_max, known_words=known, min_count=min_count, order=order,
                cards=cards.split(",") if cards else None, audio=audio,
            )
            with progress_bar(batch=jobs > 1 or dask is not None) as progress:
                result = run_build(
                    recipe, target, fmt=fmt, curated=terms_file, encoding=encoding,
                    timestamp=timestamp, jobs=jobs, dask=dask, progress=progress,
                    manifest=out != STDIO, sentence_pinyin=sentence_pinyin,
                    hsk_column=hsk_column, notes_column=notes_column,
                )
        # With -o - the export is standard output: what was done goes to stderr.
        said = out == STDIO
        where = "standard output" if said else result.path
        typer.echo(
            f"Wrote {where} ({result.format}): deck {result.deck_name!r}, "
            f"{result.terms} terms, {result.sentences} sentence pairs.", err=said,
        )
        if 0 < result.sentences < result.pairs_found:
            typer.echo(f"Kept {result.sentences} of the text's {result.pairs_found} sentence "
                       "pairs (--max-sentences to change).", err=said)
        if result.sentences and not result.has_translation:
            typer.echo("No English translation found: sentence cards have no translation "
                       "(pass one with --en FILE).", err=said)
        if result.format == "csv":
            typer.echo("This CSV updates a deck imported from flashgen's .apkg (its rows name "
                       "flashgen's note types): import the .apkg once first.", err=said)
        if recipe.audio and result.format != "apkg":
            typer.echo(f"No audio: --audio applies to .apkg decks only, not to {result.format}.",
                       err=said)
        for line in result.notes:
            typer.echo(line, err=said)

    run(action)


@app.command()
def terms(
    source: Annotated[Path, typer.Argument(help="Text or .srt file; - reads stdin.")],
    en: EnOption = None,
    top: Annotated[
        int | None,
        typer.Option(min=1, help="How many terms to list (default: as many as build keeps)."),
    ] = None,
    names: Annotated[
        bool, typer.Option("--names/--no-names", help="List person and place names too.")
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            metavar="TERM",
            help="Say how TERM was found and ranked, the rules that moved its score, and "
            "where its reading and gloss come from.",
        ),
    ] = None,
    encoding: EncodingOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """List the terms worth learning in SOURCE, best first, with their cards' pinyin and gloss."""

    def action() -> None:
        from flashgen.files.streams import stdin_as_file
        from flashgen.pipeline import explain_term, read_corpus, vocabulary
        from flashgen.study.curation import term_row

        with stdin_as_file([source]) as paths, progress_bar() as progress:
            recipe = _recipe(paths, en, max_terms=top, names=names, order="rank")
            corpus = read_corpus(recipe.sources, encoding, progress)
            if explain is not None:
                lines = explain_term(recipe, corpus, explain.strip())
            else:
                found = vocabulary(recipe, corpus, progress=progress)
        if explain is not None:
            typer.echo("\n".join(lines))
            return
        # score and why are for a spreadsheet or a script; too wide for the terminal's table.
        wide = {"score", "why"} if fmt is TableFormat.table else set()
        rows = [{k: v for k, v in term_row(t).items() if k not in wide} for t in found]
        _emit_rows(rows, fmt, f"Terms in {source.name}")

    run(action)


@app.command()
def pairs(
    source: Annotated[Path, typer.Argument(help="Text or .srt file; - reads stdin.")],
    en: EnOption = None,
    encoding: EncodingOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """List SOURCE's aligned sentence pairs in text order."""

    def action() -> None:
        from flashgen.files.streams import stdin_as_file
        from flashgen.pipeline import read_corpus

        with stdin_as_file([source]) as paths:
            corpus = read_corpus(_recipe(paths, en).sources, encoding)
        rows = [{"para": p.paragraph, "zh": p.zh, "en": p.en} for p in corpus.aligned]
        _emit_rows(rows, fmt, f"Sentence pairs in {source.name}")

    run(action)


@app.command()
def pinyin(
    text: Annotated[
        str | None, typer.Argument(help="Text to convert (default: each line of stdin).")
    ] = None,
    tones: Annotated[
        Tones, typer.Option(help="Tone marks (hàn), numbers (han4) or zhuyin (ㄏㄢˋ).")
    ] = Tones.marks,
    per_char: Annotated[
        bool, typer.Option("--per-char", help="One reading per Han character, space-separated.")
    ] = False,
) -> None:
    """Pinyin of TEXT (or of each line of standard input), with polyphones read in context."""

    def action() -> None:
        from flashgen.pinyin import reading as py

        lines = [text] if text is not None else (line.rstrip("\r\n") for line in sys.stdin)
        for line in lines:
            if per_char:
                typer.echo(" ".join(py.per_char(line, tones.value)))
            else:
                typer.echo(py.pinyin(line, tones.value))

    run(action)


@app.command()
def lookup(
    word: Annotated[str, typer.Argument(help="A Chinese word, simplified or traditional.")],
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Show every dictionary reading and sense of WORD, and the gloss a card would give it."""

    def action() -> None:
        from dataclasses import asdict

        from flashgen.errors import InputError
        from flashgen.gloss.choose import describe
        from flashgen.lexicon.cedict import use_index
        from flashgen.lexicon.script import is_han_char

        if not any(map(is_han_char, word)):
            raise InputError(f"lookup needs a Chinese word (simplified or traditional), "
                             f"not {word!r}: for example flashgen lookup 银行")
        use_index()
        found = describe(word)
        if fmt is not TableFormat.table:
            rows = [asdict(e) for e in found.entries] or [{"word": word}]
            _emit_rows(rows if fmt is TableFormat.tsv else [asdict(found)], fmt, word)
            return
        rows = [
            {
                "hanzi": f"{e.simplified} [{e.traditional}]",
                "pinyin": e.pinyin_marks,
                "senses": "; ".join(e.senses),
                "classifier": e.classifier,
            }
            for e in found.entries
        ]
        if rows:
            _emit_rows(rows, fmt, f"{word} in CC-CEDICT")
        else:
            typer.echo(f"{word} is not in CC-CEDICT.")
        card = found.gloss
        typer.echo(f"Card gloss ({card.origin}): {card.text or '-'}")
        if card.breakdown:
            typer.echo(f"Parts: {card.breakdown}")

    run(action)


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but 127.0.0.1 lets other machines in."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in your web browser.")
    ] = False,
) -> None:
    """Serve a local page to paste a text, curate its terms, preview cards and download decks."""

    def action() -> None:
        from flashgen.serve.app import serve as serve_page

        serve_page(host, port, open_browser)

    run(action)


known_app = typer.Typer(help="Manage the words you already know (left out of new decks).")
app.add_typer(known_app, name="known")


@known_app.command("export")
def known_export(
    deck: Annotated[Path, typer.Argument(help="A deck you study: .apkg, or a CSV/TSV export.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Word list to write (default: your known-words file)."),
    ] = None,
) -> None:
    """Write the words of DECK to a known-words list, one per line."""

    def action() -> None:
        from flashgen.study.known import export_known_words, user_known_path

        target = out or user_known_path()
        count = export_known_words(deck, target)
        typer.echo(f"Wrote {count} words to {target}.")
        if out is None:
            typer.echo("flashgen build leaves these out unless a recipe names another list.")

    run(action)


def main(args: Sequence[str] | None = None) -> None:
    """Console-script entry point: usage mistakes too are one line on stderr and exit 2.

    typer would draw them in a box of five or six lines; a file name that is not UTF-8 is
    printed with backslash escapes instead of failing to print.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        code = app(args=args, standalone_mode=False)
    except typer.TyperException as error:
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        ctx = getattr(error, "ctx", None)
        if "\n" in message.strip():  # a command given without arguments: its help
            typer.echo(message, err=True)
        else:
            hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
            typer.echo(f"flashgen: {' '.join(message.split())}{hint}", err=True)
        code = getattr(error, "exit_code", 2)
    except typer.Abort:
        typer.echo("flashgen: interrupted; nothing was written", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
