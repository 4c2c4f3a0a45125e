"""CC-CEDICT parsing and lookup keep every reading."""

import gzip
import os
from pathlib import Path

from flashgen.files.appdir import read_cache
from flashgen.lexicon.cedict import Cedict, cache_path, load, lookup, parse_cedict


def test_every_reading_kept() -> None:
    readings = {e.pinyin for e in lookup("了")}
    assert {"le5", "liao3"} <= readings  # particle le, and liao3 "to finish"


def test_traditional_lookup() -> None:
    assert any(e.simplified == "军事" for e in lookup("軍事"))  # military


def test_parse_skips_comments_and_bad_lines() -> None:
    lines = ["# comment", "bad line", "中國 中国 [Zhong1 guo2] /China/\n"]
    entries = list(parse_cedict(iter(lines)))
    assert len(entries) == 1
    assert entries[0].senses == ("China",)


def test_readings_and_words() -> None:
    from flashgen.lexicon.cedict import cedict

    assert cedict().readings("长")[:2] == ["chang2", "zhang3"]  # long; chief
    assert "中国" in cedict().words()  # China
    assert "中國" not in cedict().words()  # only simplified headwords


def test_reading_rank_ignores_case_and_umlaut_spelling() -> None:
    from flashgen.lexicon.cedict import reading_rank

    assert reading_rank("Wang2", "wang2") == 1  # surname Wang vs king: same sound
    assert reading_rank("nu:3", "nv3") == 1  # 女 woman, two spellings of ü
    assert reading_rank("yi1 ding4", "yi2 ding4") == 2  # 一定 with tone sandhi
    assert reading_rank("chang2", "zhang3") == 3  # 长 long vs chief


def test_entries_for_puts_matching_reading_first() -> None:
    from flashgen.lexicon.cedict import entries_for

    assert entries_for("长", "zhang3")[0].pinyin == "zhang3"  # chief, not "long"


SAMPLE = [
    "# a tiny dictionary of our own\n",
    "貓 猫 [mao1] /cat/\n",
    "長 长 [chang2] /long/\n",
    "長 长 [zhang3] /chief/\n",
]


def _write(path: Path, lines: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(lines)


def _cached_data(path: Path) -> object:
    """The data of a cache file, read as flashgen reads it (the file holds seal and data)."""
    found = read_cache(path)
    assert found is not None, f"{path} is no cache"
    return found[1]


def test_cache_round_trip_and_invalidation(tmp_path: Path) -> None:
    data, cache = tmp_path / "mini.txt.gz", tmp_path / "cache"
    _write(data, SAMPLE)
    first = load(data, cache)
    assert [e.pinyin for e in first.lookup("長")] == ["chang2", "zhang3"]  # long; chief
    cached = list(cache.glob("cedict-*.marshal"))
    assert len(cached) == 1
    again = load(data, cache)  # served from the cache
    assert again.lookup("猫") == first.lookup("猫")  # cat
    from_cache = Cedict.from_plain(_cached_data(cached[0]))
    assert from_cache.lookup("长") == first.lookup("长")

    _write(data, [*SAMPLE, "狗 狗 [gou3] /dog/\n"])
    os.utime(data, ns=(1, 1))  # a different mtime even on coarse clocks
    changed = load(data, cache)
    assert changed.lookup("狗")[0].senses == ("dog",)
    assert [p.name for p in cache.glob("cedict-*.marshal")] == [cache_path(data, cache).name]


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    data, cache = tmp_path / "mini.txt.gz", tmp_path / "cache"
    _write(data, SAMPLE)
    cache.mkdir()
    cache_path(data, cache).write_bytes(b"not marshal")
    assert load(data, cache).lookup("猫")[0].senses == ("cat",)  # cat
    assert Cedict.from_plain(_cached_data(cache_path(data, cache))).lookup("猫")


def test_unwritable_cache_falls_back_to_parsing(tmp_path: Path) -> None:
    data = tmp_path / "mini.txt.gz"
    _write(data, SAMPLE)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert load(data, blocker / "cache").lookup("猫")  # cat; no exception, no cache


def test_default_cache_lives_under_flashgen_home(app_dir: Path) -> None:
    from flashgen.files.appdir import cache_dir

    assert cache_dir() == app_dir / "cache"


def test_two_installs_keep_a_cache_each(tmp_path: Path) -> None:
    # Two copies of the data file (two installs, two virtual environments) share the cache
    # folder; each run of one must not delete the other's cache.
    cache = tmp_path / "cache"
    first, second = tmp_path / "a" / "mini.txt.gz", tmp_path / "b" / "mini.txt.gz"
    for data in (first, second):
        data.parent.mkdir()
        _write(data, SAMPLE)
    cache.mkdir()
    legacy = cache / "cedict-v5-1-2.marshal"  # named before names carried the digest
    legacy.write_bytes(b"old")
    for data in (first, second, first):
        load(data, cache)
    assert not legacy.exists()
    assert sorted(p.name for p in cache.glob("cedict-*.marshal")) == sorted(
        cache_path(d, cache).name for d in (first, second)
    )
