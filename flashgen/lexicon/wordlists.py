"""The word lists of ``flashgen/data``: read once, on first use.

A list file is plain UTF-8 text: a header of ``#`` comments saying what the list is, what
it is for and where it came from, then the words, separated by spaces or line breaks
("#" starts a comment anywhere). Lists are data, the conditions that read them are code.
"""

from __future__ import annotations

import importlib.resources
from functools import cache


def data_text(name: str) -> str:
    """The text of ``flashgen/data/NAME`` (shipped with the package).

    >>> data_text("english_function_words.txt").startswith("#")
    True
    """
    path = importlib.resources.files("flashgen") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LookupError(
            f"No word list {name!r} in flashgen/data: reinstall flashgen, or add the file "
            "with a header saying what it is and where it came from"
        ) from None


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of the list ``flashgen/data/NAME``, comments left out.

    >>> "the" in word_list("english_function_words.txt")
    True
    """
    return frozenset(
        word
        for line in data_text(name).splitlines()
        for word in line.split("#", 1)[0].split()
    )
