"""CC-CEDICT's on-disk index answers as the table does, and gives way to it (#17)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from flashgen.lexicon import cedict
from flashgen.lexicon.cedict import (
    INDEXED_WORDS,
    Cedict,
    IndexedCedict,
    index_path,
    load,
    open_indexed,
    parse_file,
    write_index,
)

SAMPLE = [
    "# a tiny dictionary of our own\n",
    "貓 猫 [mao1] /cat/\n",
    "長 长 [chang2] /long/\n",
    "長 长 [zhang3] /chief/to grow/\n",
    "銀行 银行 [yin2 hang2] /bank/CL:家[jia1]/\n",
]


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "mini.txt.gz"
    with gzip.open(data, "wt", encoding="utf-8") as out:
        out.writelines(SAMPLE)
    return data


def test_only_an_open_that_asks_writes_the_index_and_the_next_reads_it(
    tmp_path: Path,
) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    assert isinstance(open_indexed(data, cache), Cedict)  # a build's open: the table only
    assert not index_path(data, cache).exists()
    first = open_indexed(data, cache, write=True)
    assert isinstance(first, Cedict)  # no index yet: the table, and the index written
    assert index_path(data, cache).is_file()
    second = open_indexed(data, cache)
    assert isinstance(second, IndexedCedict)
    for word in ("猫", "貓", "长", "長", "银行", "銀行", "狗"):  # cat, long, bank; dog absent
        assert second.lookup(word) == first.lookup(word)
        assert second.readings(word) == first.readings(word)
        assert (word in second) == (word in first)
    assert second.readings("长") == ["chang2", "zhang3"]  # long; chief, in file order
    assert isinstance(second, IndexedCedict)  # a few words: still the index


def test_the_build_after_the_first_writes_the_index(tmp_path: Path) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    open_indexed(data, cache)  # the first build: parses, and writes the table's cache only
    assert not index_path(data, cache).exists()
    assert isinstance(open_indexed(data, cache), Cedict)  # the table from its cache...
    assert index_path(data, cache).is_file()  # ...and the index written from it
    index = open_indexed(data, cache)
    assert isinstance(index, IndexedCedict)  # the third build reads the index
    assert index.lookup("银行")[0].senses == ("bank", "CL:家[jia1]")


def test_index_becomes_the_table_after_enough_distinct_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    write_index(load(data, cache), index_path(data, cache))
    monkeypatch.setattr(cedict, "INDEXED_WORDS", 40)  # the real 20,000 takes a while
    index = open_indexed(data, cache)
    assert isinstance(index, IndexedCedict)
    for _ in range(100):
        assert "猫" in index  # cat: the same word again and again, answered from memory
    assert isinstance(index, IndexedCedict)
    for number in range(40):
        assert f"猫{number}" not in index  # distinct words, absent ones too, count
    assert index.lookup("長")[1].senses == ("chief", "to grow")
    assert type(index) is Cedict  # the same object, now the table itself
    assert index.words() == frozenset({"猫", "长", "银行"})


def test_words_and_len_load_the_table(tmp_path: Path) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    write_index(load(data, cache), index_path(data, cache))
    index = open_indexed(data, cache)
    assert len(index) == 6  # three words, each simplified and traditional
    assert type(index) is Cedict


def test_a_broken_index_is_written_again(tmp_path: Path) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    cache.mkdir()
    index_path(data, cache).write_bytes(b"not sqlite at all")
    assert open_indexed(data, cache, write=True).lookup("猫")[0].senses == ("cat",)
    assert isinstance(open_indexed(data, cache), IndexedCedict)


def test_no_cache_folder_serves_the_table(tmp_path: Path) -> None:
    data = _data(tmp_path)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert open_indexed(data, blocker / "cache", write=True).lookup("猫")  # cat; no index, no error


def test_a_forked_worker_reads_the_index_on_its_own_connection(tmp_path: Path) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    write_index(load(data, cache), index_path(data, cache))
    index = open_indexed(data, cache)
    assert isinstance(index, IndexedCedict)
    assert index.readings("猫") == ["mao1"]  # cat
    child = os.fork()
    if child == 0:  # the child exits with 0 only if its own look-up is right
        os._exit(0 if index.readings("长") == ["chang2", "zhang3"] else 1)
    assert os.waitpid(child, 0)[1] == 0


def test_every_entry_of_the_real_dictionary_survives_the_index(tmp_path: Path) -> None:
    # every 1000th headword of CC-CEDICT, simplified and traditional: same entries, order
    from flashgen.lexicon.cedict import data_file, table

    dictionary = table()
    path = tmp_path / "cedict-index-0-v1-1-1.sqlite"
    write_index(dictionary, path)
    index = IndexedCedict(path, lambda: parse_file(data_file()))
    sample = sorted(dictionary.words())[::1000]
    assert 2 * len(sample) < INDEXED_WORDS  # all answered by the index
    for word in sample:
        entries = index.lookup(word)
        assert entries == dictionary.lookup(word)
        traditional = entries[0].traditional
        assert index.lookup(traditional) == dictionary.lookup(traditional)
    assert isinstance(index, IndexedCedict)


def test_a_changed_data_file_replaces_its_index(tmp_path: Path) -> None:
    data, cache = _data(tmp_path), tmp_path / "cache"
    open_indexed(data, cache, write=True)
    old = index_path(data, cache)
    with gzip.open(data, "at", encoding="utf-8") as out:
        out.write("狗 狗 [gou3] /dog/\n")
    os.utime(data, ns=(1, 1))  # a different mtime even on coarse clocks
    open_indexed(data, cache, write=True)
    assert not old.exists()
    assert [p.name for p in cache.glob("cedict-index-*")] == [index_path(data, cache).name]
    assert open_indexed(data, cache).lookup("狗")[0].senses == ("dog",)
