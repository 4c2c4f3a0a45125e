"""``-`` for standard input and output, as users expect of a command-line tool.

The pipeline reads and writes named files (a source's name becomes its deck and tags; an
output is written next to itself and renamed into place), so the command line turns a
``-`` source into a file of a private temporary folder, and ``-o -`` into a temporary
output copied to standard output once the build has succeeded.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flashgen.errors import InputError
from flashgen.files.inputs import LIMIT_VARIABLE, input_limit

STDIO = Path("-")
#: The name a text read from standard input goes by: its deck, subdeck and tags.
STDIN_NAME = "stdin.txt"
#: Output formats that are text, so that ``-o -`` can pipe them.
TEXT_FORMATS = {"csv": ".csv", "pleco": ".txt", "html": ".html"}


def read_stream(stream: BinaryIO, what: str = "standard input") -> bytes:
    """All of ``stream``, refused in one line past the input size limit."""
    limit = input_limit()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{what} holds more than {limit / 2**20:.0f} MB, the input limit: "
            f"set {LIMIT_VARIABLE} to a larger number of megabytes"
        )
    return data


@contextmanager
def stdin_as_file(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """``paths`` with a ``-`` replaced by a temporary file holding standard input."""
    if STDIO not in paths:
        yield list(paths)
        return
    if paths.count(STDIO) > 1:
        raise InputError("standard input (-) can be given once only")
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("source - reads standard input: pipe a text into flashgen")
    with tempfile.TemporaryDirectory(prefix="flashgen-stdin-") as folder:
        path = Path(folder) / STDIN_NAME
        path.write_bytes(read_stream(sys.stdin.buffer))
        try:
            yield [path if p == STDIO else p for p in paths]
        except InputError as error:  # name what the user gave, not the temporary file
            raise InputError(str(error).replace(f"file {path}", "standard input")
                             .replace(str(path), "standard input")) from None


@contextmanager
def output_to_stdout(out: Path, fmt: str | None) -> Iterator[Path]:
    """Where the build writes: ``out`` itself, or for ``-o -`` a temporary file of the
    text format ``fmt`` that is copied to standard output after a successful build."""
    if out != STDIO:
        yield out
        return
    if fmt not in TEXT_FORMATS:
        raise InputError(
            f"-o - writes to standard output, which takes text: add --format "
            f"{', '.join(TEXT_FORMATS)} (a deck or PDF needs a file name)"
        )
    with tempfile.TemporaryDirectory(prefix="flashgen-stdout-") as folder:
        path = Path(folder) / f"stdout{TEXT_FORMATS[fmt]}"
        yield path
        with path.open("rb") as built:
            shutil.copyfileobj(built, sys.stdout.buffer)
        sys.stdout.buffer.flush()
