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


EnOption = Annotated[
    Path | None,
    typer.Option("--en", help="English translation of a Chinese-only SOURCE (text or .srt)."),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(help="Source encoding (e.g. gbk, big5, utf-16); detected when omitted."),
]
NamesOption = Annotated[
    bool, typer.Option("--names/--no-names", help="Include person names as vocabulary.")
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
    typer.echo(f"flashgen: {message}", err=True)
    raise typer.Exit(code)


def run(action: Callable[[], Any]) -> Any:
    """Run a command body, turning errors into one line on stderr and an exit code."""
    from flashgen.errors import FlashgenError

    try:
        return action()
    except FlashgenError as error:
        if _state["debug"]:
            raise
        _fail(str(error), error.exit_code)
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
def progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal (silent otherwise)."""
    if not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _sources(paths: Sequence[Path], en: Path | None) -> list[Any]:
    from flashgen.errors import InputError
    from flashgen.pipeline import Source

    if en is not None and len(paths) != 1:
        raise InputError("--en goes with exactly one SOURCE; for several, write a recipe (.toml)")
    return [Source(path, en) for path in paths]


def _tsv_cell(value: Any) -> str:
    return " ".join(str(value).split())


def _emit_rows(rows: list[dict[str, Any]], fmt: TableFormat, title: str) -> None:
    """Print rows as a rich table, TSV (header first) or JSON on stdout."""
    if fmt is TableFormat.json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is TableFormat.tsv:
        # Plain TSV, no quoting: values never hold tabs or newlines once cleaned, and a
        # quoted cell would change the text a spreadsheet or `cut` reads back.
        if not rows:
            return
        typer.echo("\t".join(rows[0]))
        for row in rows:
            typer.echo("\t".join(_tsv_cell(v) for v in row.values()))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for column in rows[0] if rows else ():
            table.add_column(column)
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        Console().print(table)


@app.command()
def build(
    sources: Annotated[list[Path], typer.Argument(help="Text, .srt or recipe (.toml) files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Deck to write (.apkg).")],
    name: Annotated[
        str | None, typer.Option(help="Deck name (default: the source's name).")
    ] = None,
    en: EnOption = None,
    max_terms: Annotated[int, typer.Option(min=0, help="Most vocabulary cards.")] = 100,
    names: NamesOption = False,
    encoding: EncodingOption = None,
    timestamp: Annotated[
        float | None,
        typer.Option(
            help="Fixed note modification time (Unix seconds) for reproducible builds. Anki "
            "only updates notes from a package newer than what it has, so a fixed time "
            "means a re-import changes nothing; by default the time of the build is used."
        ),
    ] = None,
) -> None:
    """Build an Anki deck (.apkg) of vocabulary and sentence cards from SOURCES."""

    def action() -> None:
        from flashgen.pipeline import Selection, build_deck

        with progress_bar() as progress:
            result = build_deck(
                _sources(sources, en),
                out,
                name=name,
                selection=Selection(max_terms=max_terms, include_names=names),
                encoding=encoding,
                timestamp=timestamp,
                progress=progress,
            )
        typer.echo(
            f"Wrote {result.path}: deck {result.deck_name!r}, {result.terms} vocabulary notes, "
            f"{result.sentences} sentence notes."
        )
        if not result.has_translation:
            typer.echo("No English translation found: sentence cards have no translation "
                       "(pass one with --en FILE).")

    run(action)


@app.command()
def terms(
    source: Annotated[Path, typer.Argument(help="Text or .srt file.")],
    en: EnOption = None,
    top: Annotated[int, typer.Option(min=1, help="How many terms to list.")] = 50,
    names: NamesOption = False,
    encoding: EncodingOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """List the terms worth learning in SOURCE, best first, with pinyin and gloss."""

    def action() -> None:
        from flashgen.pipeline import Selection, read_corpus, vocabulary

        with progress_bar() as progress:
            corpus = read_corpus(_sources([source], en), encoding, progress)
            found = vocabulary(corpus, Selection(max_terms=top, include_names=names), progress)
        rows = [
            {
                "term": t.term.text,
                "pinyin": t.pinyin,
                "gloss": t.gloss.text,
                "kind": t.term.kind,
                "count": t.term.count,
                "hsk": t.hsk or "",
                "gloss_source": t.gloss.origin,
                "traditional": t.traditional,
            }
            for t in found
        ]
        _emit_rows(rows, fmt, f"Terms in {source.name}")

    run(action)


@app.command()
def pairs(
    source: Annotated[Path, typer.Argument(help="Text or .srt file.")],
    en: EnOption = None,
    encoding: EncodingOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """List SOURCE's aligned sentence pairs in text order."""

    def action() -> None:
        from flashgen.pipeline import read_corpus

        corpus = read_corpus(_sources([source], en), encoding)
        rows = [{"para": p.paragraph, "zh": p.zh, "en": p.en} for p in corpus.pairs]
        _emit_rows(rows, fmt, f"Sentence pairs in {source.name}")

    run(action)


@app.command()
def pinyin(
    text: Annotated[
        str | None, typer.Argument(help="Text to convert (default: each line of stdin).")
    ] = None,
    tones: Annotated[Tones, typer.Option(help="Tone marks (hàn) or numbers (han4).")] = Tones.marks,
    per_char: Annotated[
        bool, typer.Option("--per-char", help="One reading per Han character, space-separated.")
    ] = False,
) -> None:
    """Pinyin of TEXT (or of each line of standard input), with polyphones read in context."""

    def action() -> None:
        from flashgen import pinyin as py

        lines = [text] if text is not None else (line.rstrip("\r\n") for line in sys.stdin)
        for line in lines:
            if per_char:
                typer.echo(" ".join(py.per_char(line, tones.value)))
            else:
                typer.echo(py.pinyin(line, tones.value))

    run(action)


def main() -> None:
    """Console-script entry point."""
    app()
