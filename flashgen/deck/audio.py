"""Offline pronunciation audio with espeak-ng (Debian package ``espeak-ng``), optional.

espeak-ng's ``cmn-latn-pinyin`` voice reads numbered pinyin, so it says exactly the
reading the card shows; given characters, its Mandarin voice misreads polyphones
(银行 "bank" comes out as yin xing). A sentence is read with its numbers spelt out
(:func:`flashgen.pinyin.numbers.spell_numbers`: 3月27日 as sān yuè èrshíqī rì) and a pause
at each punctuation mark: espeak-ng pauses about 0.3 s at "," and 0.4 s at ";" (measured
here; it ignores "." after a syllable), so clause marks become "," and sentence ends ";".

The WAV it writes becomes an MP3 about a fifth of the size through the ``lameenc`` package
(LAME in a wheel, ``pip install lameenc``) when it is installed, else the ``lame`` or
``ffmpeg`` program; with none of them the WAV is kept (Anki plays both) and
:func:`format_note` says so.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flashgen.errors import FlashgenError, InputError
from flashgen.records import AnnotatedTerm, SentencePair

VOICE = "cmn-latn-pinyin"

#: Words per minute: below espeak-ng's default of 175 so that learners hear each syllable;
#: a round figure, not tuned by listening tests.
SPEED = 140

_NOT_INSTALLED = (
    "audio needs espeak-ng, which is not installed: install it with "
    "`apt-get install espeak-ng` (and `lame` for MP3), or build without --audio"
)


def available() -> bool:
    """Whether espeak-ng is installed, so ``--audio`` can work."""
    return shutil.which("espeak-ng") is not None


#: The MP3 encoder that needs no program: LAME inside the ``lameenc`` wheel.
LAMEENC = "lameenc"


def _has_lameenc() -> bool:
    import importlib.util

    return importlib.util.find_spec("lameenc") is not None


def _mp3_tool() -> str | None:
    """The MP3 encoder to use (lameenc, else the lame or ffmpeg program), if any."""
    if _has_lameenc():
        return LAMEENC
    return shutil.which("lame") or shutil.which("ffmpeg")


def format_note() -> str | None:
    """A line for the build's output when audio will be WAV, saying how to get MP3."""
    if _mp3_tool():
        return None
    return (
        "audio stored as WAV, about 5 times the size of MP3: `pip install lameenc` "
        "(or install lame) for MP3"
    )


def _lameenc(wav: Path, mp3: Path) -> None:
    """Encode ``wav`` (espeak-ng's 16-bit PCM) as MP3 with lameenc, VBR quality 7 (mono,
    about 64 kbit/s), as the lame program is told in :func:`_encode_command`."""
    import importlib
    import wave

    lameenc = importlib.import_module("lameenc")  # optional, so imported by name
    with wave.open(str(wav)) as source:
        channels, rate = source.getnchannels(), source.getframerate()
        pcm = source.readframes(source.getnframes())
    encoder = lameenc.Encoder()
    encoder.set_channels(channels)
    encoder.set_in_sample_rate(rate)
    encoder.set_vbr(4)  # LAME's vbr_mtrh, the VBR mode the lame program's -V uses
    encoder.set_vbr_quality(7)
    encoder.set_quality(2)
    mp3.write_bytes(bytes(encoder.encode(pcm)) + bytes(encoder.flush()))


def _encode_command(tool: str, wav: Path, mp3: Path) -> list[str]:
    # Mono, variable bit rate quality 7 (about 64 kbit/s): plenty for one synthetic voice.
    if Path(tool).name.startswith("lame"):
        return [tool, "--quiet", "-m", "m", "-V", "7", str(wav), str(mp3)]
    return [tool, "-loglevel", "error", "-y", "-i", str(wav), "-ac", "1", "-q:a", "7", str(mp3)]


def suffix() -> str:
    """The audio format :func:`synthesize` produces here: ".mp3" or ".wav"."""
    return ".mp3" if _mp3_tool() else ".wav"


def sound_filename(numbered_pinyin: str) -> str:
    """A media file name that depends only on the reading: one file per reading in a deck.

    >>> sound_filename("xue2 xi2")[:9]
    'flashgen-'
    """
    digest = hashlib.sha1(speakable(numbered_pinyin).encode()).hexdigest()[:16]
    return f"flashgen-{digest}{suffix()}"


def speakable(numbered_pinyin: str) -> str:
    """The reading as the voice expects it: lower case, ü as v, syllables spaced, pauses
    ("," and ";") kept between syllables, one at a time."""
    text = numbered_pinyin.lower().replace("u:", "v").replace("ü", "v")
    out: list[str] = []
    for token in re.findall(r"[a-z]+[1-5]?|[,;]", text):
        if token in ",;":
            if out and out[-1] not in ",;":
                out.append(token)
            elif out and token == ";":
                out[-1] = ";"
        else:
            out.append(token)
    while out and out[-1] in ",;":
        out.pop()
    return " ".join(out)


#: Punctuation read as a short pause (clause marks, dashes, brackets) or a longer one
#: (sentence ends); quotes and title marks are not heard.
_CLAUSE_MARKS = frozenset("，、：,:—–（）()")
_SENTENCE_MARKS = frozenset("。！？；…!?;")


def spoken_reading(text: str) -> str:
    """The numbered reading of a Chinese sentence as it is read aloud: numbers spelt out,
    a pause at punctuation, anything else unspoken left out.

    >>> spoken_reading("截至7月26日，增长45%。")
    'jie2 zhi4 qi1 yue4 er4 shi2 liu4 ri4 , zeng1 zhang3 bai3 fen1 zhi1 si4 shi2 wu3'
    """
    from flashgen.pinyin.numbers import spell_numbers
    from flashgen.pinyin.sentence import syllables

    spelt = spell_numbers(text)
    tokens: list[str] = []
    for char, syllable in zip(spelt, syllables(spelt), strict=True):
        if syllable:
            tokens.append(syllable)
        elif char in _SENTENCE_MARKS:
            tokens.append(";")
        elif char in _CLAUSE_MARKS:
            tokens.append(",")
    return speakable(" ".join(tokens))


def synthesize(numbered_pinyin: str, out: Path) -> Path:
    """Speak a numbered reading ("yin2 hang2") into ``out``; return the file written.

    The file is ``out`` with the suffix of the format produced (see :func:`suffix`).
    """
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise InputError(_NOT_INSTALLED)
    text = speakable(numbered_pinyin)
    if not text:
        raise InputError(f"no pinyin to speak in {numbered_pinyin!r}: give a numbered reading")
    encoder = _mp3_tool()
    target = out.with_suffix(".mp3" if encoder else ".wav")
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        wav = Path(tmp) / "speech.wav"
        _run([espeak, "-v", VOICE, "-s", str(SPEED), "-w", str(wav), text])
        if encoder:
            encoded = Path(tmp) / "speech.mp3"
            if encoder == LAMEENC:
                _lameenc(wav, encoded)
            else:
                _run(_encode_command(encoder, wav, encoded))
            wav = encoded
        os.replace(wav, target)
    return target


def synthesize_all(readings: Iterable[str], folder: Path) -> dict[str, Path]:
    """Speak each distinct reading once into ``folder`` (named by :func:`sound_filename`).

    Returns the file of every reading given. espeak-ng and lame are separate processes,
    so they run a few at a time: on 2 cores about 30 ms a six-syllable reading, against
    85 ms one by one.
    """
    if not available():
        raise InputError(_NOT_INSTALLED)
    wanted = {r: folder / sound_filename(r) for r in readings if speakable(r)}
    unique = {path: reading for reading, path in wanted.items()}  # one reading per file
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        written = dict(zip(unique, pool.map(synthesize, unique.values(), unique), strict=True))
    return {reading: written[path] for reading, path in wanted.items()}


def deck_speech(
    terms: Sequence[AnnotatedTerm], pairs: Sequence[SentencePair], folder: Path
) -> dict[str, Path]:
    """Speech for a deck, keyed by the text it reads (as ``deck_notes`` takes ``media``):
    each term in its card's reading (a teacher's edited reading too), each sentence and
    each term's example sentence as read aloud (:func:`spoken_reading`)."""
    readings = {t.term.text: t.pinyin_numbered for t in terms}
    sentences = [p.zh for p in pairs] + [t.term.example.zh for t in terms if t.term.example]
    for zh in dict.fromkeys(sentences):
        readings.setdefault(zh, spoken_reading(zh))
    files = synthesize_all(readings.values(), folder)
    return {text: files[reading] for text, reading in readings.items() if reading in files}


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise FlashgenError(
            f"{Path(command[0]).name} failed ({done.stderr.strip() or done.returncode}): "
            f"check that espeak-ng has the {VOICE} voice (espeak-ng --voices=cmn), "
            "or build without --audio"
        )
