"""``flashgen lookup`` answers from the on-disk index and the small marks table, loading
neither the whole of CC-CEDICT nor pypinyin's phrase tables (#17)."""

from __future__ import annotations

import subprocess
import sys

from flashgen.pinyin.tables import pypinyin_tables, syllable_marks

# Runs the command in a fresh process, then reports what it loaded.
_LOOKUP = """
import sys
from typer.testing import CliRunner
from flashgen.cli import app
from flashgen.lexicon import cedict
from flashgen.pinyin.tables import pypinyin_tables
result = CliRunner().invoke(app, ["lookup", "银行"])
assert result.exit_code == 0, result.output
print(result.output)
print("index" if isinstance(cedict.cedict(), cedict.IndexedCedict) else "table")
print("phrase tables", pypinyin_tables.cache_info().currsize)
"""


def _lookup() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOOKUP], capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_lookup_reads_only_the_index_and_the_marks() -> None:
    first = _lookup()  # writes the index, if this session's cache has none yet
    second = _lookup()
    assert second[-2:] == ["index", "phrase tables 0"]
    assert first[:-2] == second[:-2]  # the same answer from the table and from the index
    assert any("yín háng" in line for line in second)  # bank, its reading in tone marks


def test_marks_are_the_phrase_tables_marks() -> None:
    assert syllable_marks() == pypinyin_tables().marks
    assert syllable_marks()["lv4"] == "lǜ"  # as in 绿 green
