"""espeak-ng audio from numbered pinyin (skipped where espeak-ng is not installed)."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from flashgen.deck import audio
from flashgen.errors import InputError

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
