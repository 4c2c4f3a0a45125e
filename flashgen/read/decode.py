"""Bytes to text: any common encoding decoded, binary files refused with a reason.

An explicit ``--encoding`` is applied strictly; otherwise a BOM, UTF-16's NUL pattern,
UTF-8, and the best of a few candidate codecs judged by how many common Chinese
characters they produce. Every refusal is an :class:`~flashgen.errors.InputError` that
names the file and says what to give instead.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from flashgen.errors import InputError
from flashgen.files.inputs import read_input
from flashgen.read.language import HAN_RE

# C0/C1 controls except tab and newline, the BOM/zero-width no-break space and the
# replacement character: what invalid bytes and NULs leave behind.
_JUNK_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffd]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (.zip, .docx, .epub, .apkg...)"),
    (b"%PDF-", "a PDF"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
# Bytes examined to choose between candidate encodings: enough for charset-normalizer and
# the common-character score, small enough to stay instant on a 30 MB novel.
_SAMPLE = 32_768
# Share of a decoded sample that may be controls or replacement characters before the file
# counts as binary: text with a few stray NULs passes, random bytes give 10 % and more.
_BINARY_SHARE = 0.05
# Share of common characters among the Han characters of a real Chinese text (about 0.9 and
# more) versus random bytes decoded as GB18030 (about 0.16).
_COMMON_SHARE = 0.5
#: The remedy every refusal of a source file ends with.
REMEDY = "give flashgen a text file (.txt, .md, .html or .srt) with Chinese in it"


@lru_cache(maxsize=1 << 16)
def _is_common_han(ch: str) -> bool:
    """In GB2312 level 1 (3,755 common simplified characters) or Big5 level 1 (5,401 common
    traditional ones). A wrong decoding scatters into rare characters, so counting common
    ones tells GBK from Big5 from mis-decoded UTF-8 without any frequency data."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _score(text: str) -> int:
    """How plausible a decoding is: common Han characters minus junk characters."""
    common = sum(1 for ch in HAN_RE.findall(text) if _is_common_han(ch))
    return common - 3 * len(_JUNK_RE.findall(text))


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by its NUL bytes all on one side of each pair (the
    high byte of ASCII characters)."""
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    if len(data) % 2 or nuls < max(2, len(sample) // 50):
        return None
    even = sample[0::2].count(0)
    codec = "utf-16-be" if even >= 0.9 * nuls else "utf-16-le" if even <= 0.1 * nuls else None
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _guess_codec(data: bytes) -> str:
    """The codec whose decoding of a sample looks most like real text.

    Candidates: charset-normalizer's guess, GB18030 (superset of GBK and GB2312), Big5 with
    HKSCS and UTF-8. charset-normalizer alone takes short GBK texts for Korean (cp949), so
    the candidates are compared by how many common Chinese characters they produce.
    """
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    best = from_bytes(sample).best()
    candidates = ["gb18030", "big5hkscs", "utf-8"]
    if best is not None and codecs.lookup(best.encoding).name not in candidates:
        candidates.insert(0, codecs.lookup(best.encoding).name)
    scored = [(_score(sample.decode(c, errors="replace")), -i, c) for i, c in enumerate(candidates)]
    return max(scored)[2]


def _suggest(data: bytes, tried: str) -> str:
    """An --encoding value to try instead of ``tried``."""
    guess = _guess_codec(data)
    if codecs.lookup(guess).name == codecs.lookup(tried).name:
        guess = "utf-8" if codecs.lookup(tried).name != "utf-8" else "gb18030"
    return guess


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    """Bytes to text: an explicit encoding strictly, else BOM, UTF-16 pattern, UTF-8, and the
    best-scoring guess (invalid bytes replaced, then dropped by :func:`read_plain`)."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:  # unknown, or not a text encoding (rot13, base64)
            raise InputError(
                f"unknown encoding {encoding!r} for file {path}: "
                "use a name like utf-8, gb18030, big5 or utf-16"
            ) from None
        except UnicodeDecodeError as err:
            raise InputError(
                f"file {path} cannot be decoded as {encoding!r} (bad byte at position "
                f"{err.start}): try --encoding {_suggest(data, encoding)}, "
                "or leave out --encoding to detect it"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    text = _utf16_by_nuls(data)
    if text is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(_guess_codec(data), errors="replace")


def _looks_binary(sample: str) -> bool:
    """Many control or replacement characters, and no run of real Chinese text: random
    bytes decode to mostly rare characters, text with a few bad bytes keeps common ones."""
    if len(_JUNK_RE.findall(sample)) <= _BINARY_SHARE * len(sample):
        return False
    han = HAN_RE.findall(sample)
    return sum(1 for ch in han if _is_common_han(ch)) < _COMMON_SHARE * len(han) or not han


def _newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line/paragraph separators to \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")


def read_plain(path: Path, encoding: str | None) -> str:
    """A file's text, decoded and cleaned; InputError for a missing, unreadable, empty or
    binary file, or one that is not a regular file or too big (:func:`read_input`)."""
    path = Path(path)
    data = read_input(path)
    if not data.strip():
        raise InputError(f"file {path} is empty: {REMEDY}")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"file {path} is {what}, not text: {REMEDY}")
    text = _newlines(_decode(data, path, encoding))
    if _looks_binary(text[:_SAMPLE]):
        raise InputError(f"file {path} looks like a binary file, not text: {REMEDY}")
    text = _JUNK_RE.sub("", text)
    if not text.strip():
        raise InputError(f"file {path} is empty: {REMEDY}")
    return text

