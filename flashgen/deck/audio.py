"""Offline pronunciation audio with espeak-ng (Debian package ``espeak-ng``), optional.

espeak-ng's ``cmn-latn-pinyin`` voice reads numbered pinyin, so it says exactly the
reading the card shows; given characters, its Mandarin voice misreads polyphones
(银行 "bank" comes out as yin xing). ``lame`` or ``ffmpeg``, when present, turn its WAV
output into a much smaller MP3; otherwise the WAV is kept (Anki plays both).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flashgen.errors import FlashgenError, InputError

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


def _mp3_tool() -> str | None:
    """The installed MP3 encoder (lame, else ffmpeg), if any."""
    return shutil.which("lame") or shutil.which("ffmpeg")


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
    """The reading as the voice expects it: lower case, ü as v, syllables spaced."""
    text = numbered_pinyin.lower().replace("u:", "v").replace("ü", "v")
    return " ".join(re.findall(r"[a-z]+[1-5]?", text))


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


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise FlashgenError(
            f"{Path(command[0]).name} failed ({done.stderr.strip() or done.returncode}): "
            f"check that espeak-ng has the {VOICE} voice (espeak-ng --voices=cmn), "
            "or build without --audio"
        )
