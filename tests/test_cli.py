"""The command line as a user meets it: help, documented commands, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from anki_helpers import all_notes, collection, import_apkg

from flashgen.cli import app


def flashgen(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``flashgen`` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "flashgen", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_help_lists_every_command_with_its_purpose() -> None:
    done = flashgen("--help")
    assert done.returncode == 0
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert name in done.stdout
        assert command.callback.__doc__, f"command {name} has no help text"


def test_help_loads_nothing_heavy() -> None:
    probe = (
        "import sys; from flashgen.cli import app; "
        "heavy = {'jieba', 'pypinyin', 'genanki', 'opencc', 'flashgen.lexicon.cedict'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    english = tmp_path / "english.txt"
    english.write_text("Only English here.\n\nNothing to learn in Chinese.\n", encoding="utf-8")
    return {
        "missing": tmp_path / "no-such-file.txt",
        "directory": tmp_path,
        "empty": empty,
        "binary": binary,
        "no chinese": english,
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "no chinese"])
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    source = _bad_inputs(tmp_path)[case]
    deck = tmp_path / "existing.apkg"
    deck.write_bytes(b"a deck the learner already has")
    done = flashgen("build", str(source), "-o", str(deck))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert source.name in lines[0]
    assert deck.read_bytes() == b"a deck the learner already has"


def test_en_with_several_sources_is_a_usage_error(tmp_path: Path) -> None:
    done = flashgen(
        "build", "a.txt", "b.txt", "--en", "c.txt", "-o", str(tmp_path / "deck.apkg")
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = flashgen("--debug", "build", str(tmp_path / "gone.txt"), "-o", str(tmp_path / "x.apkg"))
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "InputError" in done.stderr


def test_pinyin_per_char_gives_one_reading_per_han_character() -> None:
    # "The bank president was promoted to general." Two lines on standard input.
    lines = "行长升格为上将。\nOK 中将\n"
    done = flashgen("pinyin", "--per-char", "--tones", "numbers", stdin=lines)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.split() == ["hang2", "zhang3", "sheng1", "ge2", "wei2", "shang4", "jiang4"]
    assert second.split() == ["zhong1", "jiang4"]  # lieutenant general


def test_lookup_shows_every_reading() -> None:
    done = flashgen("lookup", "了", "--format", "tsv")
    assert done.returncode == 0, done.stderr
    readings = {row.split("\t")[2] for row in done.stdout.splitlines()[1:]}
    assert {"le5", "liao3"} <= readings  # the particle, and "to finish"


@pytest.mark.parametrize("word", ["", "bank"])
def test_lookup_of_no_chinese_is_one_line_and_exit_2(word: str) -> None:
    done = flashgen("lookup", word)
    assert done.returncode == 2
    assert done.stderr.startswith("flashgen: lookup needs a Chinese word") and not done.stdout
    assert len(done.stderr.splitlines()) == 1


def test_known_export_writes_a_word_list(tmp_path: Path) -> None:
    deck = tmp_path / "studied.csv"
    deck.write_text("Hanzi,English\n疫苗,vaccine\n储能,energy storage\n", encoding="utf-8")
    out = tmp_path / "known.txt"
    done = flashgen("known", "export", str(deck), "-o", str(out))
    assert done.returncode == 0, done.stderr
    words = [
        line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert words == ["疫苗", "储能"]


def test_known_export_creates_the_app_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "new-home"  # a first run: flashgen's app directory does not exist yet
    monkeypatch.setenv("FLASHGEN_HOME", str(home))
    deck = tmp_path / "studied.csv"
    deck.write_text("Hanzi\n疫苗\n", encoding="utf-8")  # vaccine
    done = flashgen("known", "export", str(deck))
    assert done.returncode == 0, done.stderr
    assert "疫苗" in (home / "known.txt").read_text(encoding="utf-8").splitlines()


def test_max_sentences_option_caps_sentence_notes_and_says_so(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[1] / "decks" / "sample-health.txt"
    out = tmp_path / "health.apkg"
    done = flashgen("build", str(sample), "-o", str(out), "--max-sentences", "3")
    assert done.returncode == 0, done.stderr
    assert "Kept 3 of the text's" in done.stdout
    with collection(tmp_path) as col:
        import_apkg(col, out)
        notes = all_notes(col)
    assert sum(n.notetype.startswith("flashgen Sentence") for n in notes) == 3


def test_standard_input_and_output_stand_for_files(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent.parent / "decks" / "sample-energy.txt").read_text(
        encoding="utf-8")
    deck = tmp_path / "piped.apkg"
    done = flashgen("build", "-", "-o", str(deck), stdin=text)
    assert done.returncode == 0, done.stderr
    assert "deck '朔阳沙漠光伏基地探路“源网荷储一体化”'" in done.stdout  # the text's headline
    with collection(tmp_path) as col:
        import_apkg(col, deck)
        assert any(n.fields.get("Hanzi") for n in all_notes(col))
    exported = flashgen("build", "-", "-o", "-", "--format", "csv", stdin=text)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("#separator:tab") and "Wrote standard output" in \
        exported.stderr
    assert not (Path.cwd() / "-").exists()
    listed = flashgen("terms", "-", "--top", "3", "--format", "tsv", stdin=text)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 4, listed.stderr


def test_terms_table_fits_an_80_column_terminal() -> None:
    import os

    sample = Path(__file__).resolve().parent.parent / "decks" / "sample-health.txt"
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", "terms", str(sample), "--top", "10"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    # title, 3 header lines, the bottom rule: each term on one or two lines, not folded thin
    assert len(lines) <= 5 + 2 * 10, done.stdout
    assert "gloss" in lines[2] and "traditional" not in done.stdout


@pytest.mark.parametrize(("command", "option", "default"), [
    ("build", "--max-terms", "one per 25 Chinese"),
    ("build", "--max-sentences", "500"),
    ("terms", "--top", "as many as build keeps"),
])
def test_help_shows_the_defaults_it_writes(command: str, option: str, default: str) -> None:
    import os

    done = subprocess.run([sys.executable, "-m", "flashgen", command, "--help"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "COLUMNS": "200"})
    line = next(line for line in done.stdout.splitlines() if option in line)
    assert f"(default: {default}" in line
