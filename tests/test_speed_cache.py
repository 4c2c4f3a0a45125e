"""Caches that two flashgen versions share without deleting each other's, used by several
processes at once (#17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flashgen.files.appdir import KEPT_FORMATS, cache_file, cached


def _data(tmp_path: Path) -> Path:
    source = tmp_path / "words.txt"
    source.write_text("银行 3 n\n", encoding="utf-8")  # bank
    return source


def test_two_formats_of_one_source_keep_a_cache_each(tmp_path: Path) -> None:
    # Two checkouts over one environment: one data file, two cache formats, run in turn.
    source, cache = _data(tmp_path), tmp_path / "cache"
    builds: list[int] = []

    def build(version: int) -> list[int]:
        builds.append(version)
        return [version]

    for version in (1, 2, 1, 2):
        assert cached("words", source, version, lambda v=version: build(v), cache) == [version]
    assert builds == [1, 2]  # each built once, then served from its own cache
    assert cache_file("words", source, 1, cache).exists()
    assert cache_file("words", source, 2, cache).exists()


def test_other_formats_are_bounded_least_recently_used_first(tmp_path: Path) -> None:
    source, cache = _data(tmp_path), tmp_path / "cache"
    versions = range(1, KEPT_FORMATS + 3)
    for version in versions:
        cached("words", source, version, lambda v=version: [v], cache)
        os.utime(cache_file("words", source, version, cache), (version, version))
    cached("words", source, 1, lambda: [0], cache)  # a load marks format 1 as used now
    newest = max(versions) + 1
    cached("words", source, newest, lambda: [newest], cache)
    kept = sorted(int(p.name.split("-v")[1].split("-")[0]) for p in cache.glob("words-*"))
    # the new one, and of the others the KEPT_FORMATS most recently used: 1 (just loaded)
    # and the latest written
    assert kept == sorted([newest, 1, *versions[-(KEPT_FORMATS - 1):]])


def test_a_changed_source_replaces_this_formats_cache(tmp_path: Path) -> None:
    source, cache = _data(tmp_path), tmp_path / "cache"
    cached("words", source, 1, lambda: ["old"], cache)
    cached("words", source, 2, lambda: ["other format"], cache)
    source.write_text("银行 4 n\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # a different mtime even on coarse clocks
    assert cached("words", source, 1, lambda: ["new"], cache) == ["new"]
    names = sorted(p.name for p in cache.glob("words-*"))
    assert names == sorted(
        [cache_file("words", source, 1, cache).name, next(cache.glob("words-*-v2-*")).name]
    )


_RACE = """
import sys
from pathlib import Path
from flashgen.files.appdir import cached
source, cache, version = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for _ in range(30):
    data = cached("words", source, version, lambda: list(range(20_000)), cache)
    assert data == list(range(20_000)), "a torn or foreign cache was served"
"""


def test_processes_building_and_reading_at_once_see_whole_caches(tmp_path: Path) -> None:
    # Four processes, two formats, each loading (and at first building) its cache while the
    # others write theirs into the same folder: every load is whole, none fails.
    source, cache = _data(tmp_path), tmp_path / "cache"
    runs = [
        subprocess.Popen([sys.executable, "-c", _RACE, str(source), str(cache), str(v)])
        for v in (1, 2, 1, 2)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    assert len(list(cache.glob("words-*"))) == 2
    assert not [p for p in cache.iterdir() if not p.name.startswith("words-")]  # no temps
