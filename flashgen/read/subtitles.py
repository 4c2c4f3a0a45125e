"""Subtitles: SRT (or WebVTT) cues read, and Chinese and English cues matched by time.

Cues that overlap in time translate each other; a Chinese cue may span several English
ones and the reverse, so overlapping cues are grouped, and each group becomes a
paragraph of the Document.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flashgen.errors import InputError
from flashgen.read.decode import read_plain
from flashgen.read.language import HAN_RE, collapse
from flashgen.records import Document, Paragraph

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[,.](\d{1,3}))?"
_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_SUB_TAG_RE = re.compile(r"<[^>]*>|\{\\[^}]*\}")
# Two cues belong together when they overlap by at least this share of the shorter one;
# timings that merely touch (a few hundredths of a second) do not link neighbours.
_MIN_OVERLAP = 0.3


@dataclass(frozen=True)
class Cue:
    """One subtitle: start and end in seconds, its text, its position in the file."""

    start: float
    end: float
    text: str
    index: int


def _seconds(h: str | None, m: str, s: str, ms: str | None) -> float:
    """A timing's hours, minutes, seconds and milliseconds as seconds."""
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int((ms or "0").ljust(3, "0")) / 1000


def parse_srt(text: str) -> list[Cue]:
    """Cues of an SRT (or WebVTT) text; indices optional, formatting tags removed."""
    cues: list[tuple[float, float, list[str]]] = []
    previous = ""
    for line in text.split("\n"):
        timing = _TIMING_RE.match(line)
        if timing:
            if cues and cues[-1][2] and previous.strip().isdigit():
                cues[-1][2].pop()  # the next cue's index, not text
            g = timing.groups()
            cues.append((_seconds(*g[:4]), _seconds(*g[4:]), []))
        elif cues and line.strip():
            cues[-1][2].append(html.unescape(_SUB_TAG_RE.sub("", line)).strip())
        previous = line
    out = [(s, e, collapse("\n".join(t))) for s, e, t in cues]
    return [Cue(s, max(s, e), t, i) for i, (s, e, t) in enumerate(c for c in out if c[2])]


def _read_cues(path: Path, require_chinese: bool) -> list[Cue]:
    """The cues of a subtitle file; InputError when it has none, or (``require_chinese``)
    none in Chinese."""
    path = Path(path)
    cues = parse_srt(read_plain(path, None))
    if not cues:
        raise InputError(
            f"file {path} is not an SRT subtitle file (no timing lines like "
            "'00:00:01,000 --> 00:00:02,500'): give an .srt or .vtt file"
        )
    if require_chinese and not any(HAN_RE.search(c.text) for c in cues):
        raise InputError(
            f"file {path} contains no Chinese text; flashgen needs Chinese subtitles "
            "as the first file"
        )
    return cues


def group_cues(zh: Sequence[Cue], en: Sequence[Cue]) -> list[tuple[list[Cue], list[Cue]]]:
    """Groups of Chinese and English cues linked by overlapping times (a Chinese cue may span
    several English ones and the reverse), in time order. English cues overlapping no
    Chinese cue are left out."""
    en_sorted = sorted(en, key=lambda c: c.start)
    starts = [c.start for c in en_sorted]
    longest = max((c.end - c.start for c in en_sorted), default=0.0)
    parent = list(range(len(zh) + len(en_sorted)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, z in enumerate(zh):
        lo = bisect.bisect_left(starts, z.start - longest)
        hi = bisect.bisect_left(starts, z.end)
        for j in range(lo, hi):
            e = en_sorted[j]
            overlap = min(z.end, e.end) - max(z.start, e.start)
            if overlap > 0 and overlap >= _MIN_OVERLAP * min(z.end - z.start, e.end - e.start):
                parent[find(len(zh) + j)] = find(i)
    groups: dict[int, tuple[list[Cue], list[Cue]]] = {}
    for i, z in enumerate(zh):
        groups.setdefault(find(i), ([], []))[0].append(z)
    for j, e in enumerate(en_sorted):
        root = find(len(zh) + j)
        if root in groups:
            groups[root][1].append(e)
    return sorted(groups.values(), key=lambda g: min(c.start for c in g[0]))


def read_subtitles(zh_srt: Path, en_srt: Path) -> Document:
    """A Document from a Chinese and an English subtitle file, cues matched by time.

    Each group of overlapping cues becomes a Paragraph; its index is the position of its
    first Chinese cue.
    """
    zh_srt = Path(zh_srt)
    zh_cues = _read_cues(zh_srt, require_chinese=True)
    en_cues = _read_cues(Path(en_srt), require_chinese=False)
    paragraphs = []
    for zs, es in group_cues(zh_cues, en_cues):
        zs.sort(key=lambda c: c.start)
        zh_text = " ".join(c.text for c in zs)
        paragraphs.append(Paragraph(zh=zh_text, en=" ".join(c.text for c in es), index=zs[0].index))
    return Document(name=zh_srt.stem, path=str(zh_srt), paragraphs=tuple(paragraphs))
