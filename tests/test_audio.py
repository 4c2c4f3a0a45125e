"""espeak-ng audio from numbered pinyin (skipped where espeak-ng is not installed)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import wave
from pathlib import Path

import pytest

from flashgen.deck import audio
from flashgen.errors import InputError

needs_lameenc = pytest.mark.skipif(
    importlib.util.find_spec("lameenc") is None, reason="the lameenc package is not installed"
)

needs_espeak = pytest.mark.skipif(
    not audio.available(), reason="espeak-ng is not installed (apt-get install espeak-ng)"
)


@pytest.mark.parametrize(
    ("reading", "spoken"),
    [
        ("yin2 hang2", "yin2 hang2"),  # "bank"
        ("lu:4 se4", "lv4 se4"),  # "green", CC-CEDICT's ü
        ("Lü4se4", "lv4 se4"),
        ("de5", "de5"),
        # pauses stay between syllables, one at a time, a ";" winning over a ","
        (", ni3 hao3 , , zai4 jian4 , ; hao3 ;", "ni3 hao3 , zai4 jian4 ; hao3"),
    ],
)
def test_speakable(reading: str, spoken: str) -> None:
    assert audio.speakable(reading) == spoken


def test_sound_filename_depends_only_on_the_reading() -> None:
    assert audio.sound_filename("lu:4 se4") == audio.sound_filename("lv4 se4")
    assert audio.sound_filename("yin2 hang2") != audio.sound_filename("yin2 xing2")
    assert audio.sound_filename("yin2 hang2").endswith(audio.suffix())


@needs_espeak
def test_synthesize(tmp_path: Path) -> None:
    written = audio.synthesize("yin2 hang2", tmp_path / "bank.mp3")  # 银行 "bank"
    assert written.suffix == audio.suffix() and written.parent == tmp_path
    data = written.read_bytes()
    assert len(data) > 2000  # about half a second of speech, not an empty file
    if written.suffix == ".mp3":
        assert data[:3] == b"ID3" or data[0] == 0xFF  # an MP3 header
    else:
        with wave.open(str(written)) as w:
            assert w.getnframes() / w.getframerate() > 0.3
    assert list(tmp_path.iterdir()) == [written]  # no temporary files left


@needs_espeak
def test_nothing_to_speak(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no pinyin"):
        audio.synthesize("银行", tmp_path / "x.mp3")


def test_clear_message_without_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no espeak-ng on it
    assert not audio.available()
    with pytest.raises(InputError, match="apt-get install espeak-ng.*without --audio"):
        audio.synthesize("yin2 hang2", tmp_path / "bank.mp3")


@needs_espeak
def test_synthesize_all_speaks_each_reading_once(tmp_path: Path) -> None:
    # 银行 "bank" twice (two spellings of one reading), 绿色 "green", and no reading at all.
    files = audio.synthesize_all(["yin2 hang2", "lv4 se4", "lu:4 se4", "yin2 hang2", ""],
                                 tmp_path)
    assert set(files) == {"yin2 hang2", "lv4 se4", "lu:4 se4"}
    assert files["lv4 se4"] == files["lu:4 se4"]
    assert sorted(tmp_path.iterdir()) == sorted(set(files.values()))


@pytest.mark.parametrize(
    ("sentence", "spoken"),
    [
        # As of July 26: the date is read, and the comma is a pause.
        ("截至7月26日，", "jie2 zhi4 qi1 yue4 er4 shi2 liu4 ri4"),
        # up 45 percent. Then: this year (expected) ...
        ("增长45%。今年（预计）",
         "zeng1 zhang3 bai3 fen1 zhi1 si4 shi2 wu3 ; jin1 nian2 , yu4 ji4"),
        ("2025年", "er4 ling2 er4 wu3 nian2"),  # the year 2025, digit by digit
        ("3.5", "san1 dian3 wu3"),
        ("“好”", "hao3"),  # "good": quotes are not heard
    ],
)
def test_spoken_reading_reads_numbers_and_pauses_at_punctuation(sentence: str, spoken: str) -> None:
    assert audio.spoken_reading(sentence) == spoken


def seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@needs_espeak
def test_a_comma_is_a_pause_in_the_speech(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    espeak = shutil.which("espeak-ng")
    assert espeak
    (tmp_path / "bin").mkdir()
    os.symlink(espeak, tmp_path / "bin" / "espeak-ng")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # espeak-ng alone: WAV we can measure
    monkeypatch.setattr(audio, "_has_lameenc", lambda: False)  # as without the package
    plain = audio.synthesize("ni3 hao3 zai4 jian4", tmp_path / "plain")
    paused = audio.synthesize("ni3 hao3 , zai4 jian4", tmp_path / "paused")
    assert plain.suffix == ".wav" and audio.format_note() is not None
    assert "pip install lameenc" in (audio.format_note() or "")
    assert seconds(paused) > seconds(plain) + 0.2  # about 0.3 s measured here


@needs_espeak
@needs_lameenc
def test_mp3_through_lameenc_with_no_encoder_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    espeak = shutil.which("espeak-ng")
    assert espeak
    (tmp_path / "bin").mkdir()
    os.symlink(espeak, tmp_path / "bin" / "espeak-ng")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no lame, no ffmpeg
    assert audio.suffix() == ".mp3" and audio.format_note() is None
    written = audio.synthesize(audio.spoken_reading("银行行长宣布降息，增长3.5%。"),
                               tmp_path / "s")
    data = written.read_bytes()
    assert written.suffix == ".mp3" and (data[:3] == b"ID3" or data[0] == 0xFF)
    assert 5_000 < len(data) < 60_000  # about 4 s of speech at roughly 64 kbit/s


@needs_espeak
def test_example_sentences_get_their_own_sound_in_anki(tmp_path: Path) -> None:
    from anki_helpers import SAMPLE_PAIRS, all_notes, collection, import_apkg, sample_terms

    from flashgen.deck.package import write_apkg

    terms = sample_terms()
    (tmp_path / "media").mkdir()
    media = audio.deck_speech(terms, SAMPLE_PAIRS[:1], tmp_path / "media")
    # Each term, the one sentence note's pair and every term's example.
    assert set(media) == {t.term.text for t in terms} | {t.term.example.zh for t in terms
                                                           if t.term.example}
    deck = write_apkg("Economy", terms, SAMPLE_PAIRS[:1], tmp_path / "e.apkg", media=media)
    with collection(tmp_path / "col") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
        stored = set(os.listdir(col.media.dir()))
    vocab = [n for n in notes if n.notetype == "flashgen Vocabulary"]
    assert all(n.fields["SentenceSound"].startswith("[sound:flashgen-") for n in vocab)
    assert {n.fields["SentenceSound"][7:-1] for n in vocab} <= stored
    # Anki plays the word, then its example: two sounds on the answer side.
    assert vocab[0].card("Recognition").answer.count("[anki:play:a:") == 2
