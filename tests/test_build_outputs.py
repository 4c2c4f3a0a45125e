"""Whole builds as a teacher and an Anki user meet them (#19): titles, the manifest's
report on a rebuild, the handout's options, audio's format note."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from anki_helpers import all_notes, collection, import_apkg

from flashgen.deck import audio

HEALTH = Path(__file__).resolve().parent.parent / "decks" / "sample-health.txt"


def flashgen(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "flashgen", *args], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done


def test_the_seed_deck_is_named_and_sourced_by_its_headline(seed: Path, tmp_path: Path) -> None:
    # The Chinese headline is the seed's first line with Han characters in it.
    headline = next(line.strip() for line in seed.read_text(encoding="utf-8").splitlines()
                    if any("\u4e00" <= ch <= "\u9fff" for ch in line))
    deck = tmp_path / "seed.apkg"
    done = flashgen("build", str(seed), "-o", str(deck))
    assert f"deck '{headline}'" in done.stdout
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
    assert {n.fields["Source"] for n in notes} == {headline}
    named = flashgen("build", str(seed), "-o", str(tmp_path / "n.apkg"), "--name", "Unit 1")
    assert "deck 'Unit 1'" in named.stdout  # --name still wins


def test_a_rebuild_from_a_shorter_list_names_what_it_dropped(tmp_path: Path) -> None:
    deck = tmp_path / "health.apkg"
    first = flashgen("build", str(HEALTH), "-o", str(deck))
    assert "last build" not in first.stdout and (tmp_path / "health.apkg.flashgen.json").is_file()
    rows = list(csv.DictReader(flashgen("terms", str(HEALTH), "--format", "tsv").stdout
                               .splitlines(), delimiter="\t"))
    listing = tmp_path / "list.tsv"
    with listing.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows[1:])
    time.sleep(1.1)
    second = flashgen("build", str(HEALTH), "-o", str(deck), "--terms", str(listing))
    assert f"1 term of the last build at this path taken off the term list: {rows[0]['term']}" \
        in second.stdout
    assert "Anki keeps their notes" in second.stdout


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs pdffonts (poppler-utils)")
def test_the_handout_options_reach_the_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "h.pdf"
    flashgen("build", str(HEALTH), "-o", str(pdf), "--sentence-pinyin", "--hsk-column",
             "--notes-column")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "HSK" in text and "Notes" in text


@pytest.mark.skipif(not audio.available(),
                    reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_audio_reaches_words_examples_and_sentences(tmp_path: Path) -> None:
    deck = tmp_path / "spoken.apkg"
    done = flashgen("build", str(HEALTH), "-o", str(deck), "--audio", "--max-terms", "3",
                    "--max-sentences", "2")
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
        media = {p.name for p in Path(col.media.dir()).iterdir()}
    words = [n for n in notes if n.notetype == "flashgen Vocabulary"]
    assert len(words) == 3 and all(n.fields["Sound"].startswith("[sound:") for n in words)
    assert any(n.fields.get("SentenceSound", "").startswith("[sound:") for n in words)
    sentences = [n for n in notes if n.notetype != "flashgen Vocabulary"]
    assert sentences and all(n.fields["Sound"].startswith("[sound:") for n in sentences)
    spoken = {f.removeprefix("[sound:").removesuffix("]") for n in notes
              for f in n.fields.values() if f.startswith("[sound:")}
    assert spoken and spoken <= media
    if audio.suffix() == ".wav":  # without an MP3 encoder the build says so, in one line
        assert "WAV" in done.stdout
