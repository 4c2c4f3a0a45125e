"""Scale scorecard: time and peak memory of a Chinese-only build as the text grows.

Run: ``python benchmarks/scale.py`` (sizes in MB with ``--sizes 4 8 15 30``; ``--hostile``
for a 200,000-character line without punctuation and a repeated bilingual article of 30 MB).
Each text is the shared corpus's Chinese (news transcripts, government and congress reports, novel
chapters, the Bible sample) concatenated in a fixed order and repeated up to the size, so
larger texts hold both new and repeated material. A build is a fresh ``flashgen build``
process with the default cards; peak memory is its maximum resident set size. The last
column is the memory added per MB of text since the previous size: bounded memory shows
as a small, steady figure rather than one that grows with the text.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _shared import SEED, SHARED, require_shared

from flashgen.lexicon.script import HAN

PY = sys.executable


def chinese_texts() -> Iterator[str]:
    """Every Chinese text of the shared corpus, in a fixed order."""
    corpus = SHARED / "eval" / "corpus"
    yield (corpus / "xwlb_2025.txt").read_text(encoding="utf-8")
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["content"]
    for chapter in sorted((SHARED / "eval" / "align" / "mac").glob("*/plain/*.zh")):
        yield chapter.read_text(encoding="utf-8")
    yield (SHARED / "eval" / "align" / "bertalign_bible" / "zh" / "001").read_text("utf-8")


def text_of(size_mb: float, path: Path) -> Path:
    """Write ``size_mb`` MB (UTF-8) of the corpus, repeated as needed, to ``path``."""
    texts = [t.strip() + "\n\n" for t in chinese_texts()]
    limit, written = int(size_mb * 1024 * 1024), 0
    with path.open("w", encoding="utf-8") as out:
        while written < limit:
            for text in texts:
                chunk = text.encode("utf-8")[: limit - written].decode("utf-8", "ignore")
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                if written >= limit:
                    break
    return path


def long_line(chars: int, path: Path) -> Path:
    """One line of ``chars`` Han characters of the corpus, punctuation and all else removed:
    a text with no sentence end, which must still build in bounded time."""
    han = re.compile(f"[^{HAN}]+")
    parts, total = [], 0
    for text in chinese_texts():
        part = han.sub("", text)[: chars - total]
        parts.append(part)
        total += len(part)
        if total >= chars:
            break
    path.write_text("".join(parts) + "\n", encoding="utf-8")
    return path


def repeated_article(size_mb: float, path: Path) -> Path:
    """The seed (a bilingual article of English and Chinese paragraphs) repeated up to
    ``size_mb`` MB: repetitive bilingual text, which must not blow up counting or alignment."""
    article = SEED.read_text(encoding="utf-8").strip() + "\n\n"
    copies = max(1, int(size_mb * 1024 * 1024 / len(article.encode("utf-8"))))
    path.write_text(article * copies, encoding="utf-8")
    return path


def build(text: Path, deck: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one fresh ``flashgen build``."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", PY, "-m", "flashgen", "build", str(text), "-o", str(deck)],
        capture_output=True, text=True, check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {text} failed:\n{done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[4, 8, 15, 30])
    parser.add_argument("--hostile", action="store_true",
                        help="only the hostile texts: a 200,000-character line without "
                        "punctuation and the seed article repeated to 30 MB")
    args = parser.parse_args()
    require_shared()
    if args.hostile:
        with tempfile.TemporaryDirectory() as tmp:
            for label, text in (
                ("200,000-character line", long_line(200_000, Path(tmp, "line.txt"))),
                ("30 MB repeated bilingual article", repeated_article(30, Path(tmp, "rep.txt"))),
            ):
                seconds, peak = build(text, Path(tmp, "deck.apkg"))
                print(f"{label:<34} {seconds:6.1f} s {peak:6.0f} MB")
        return
    print(f"{'text':>8} {'time':>8} {'peak':>9} {'MB per MB of text':>18}")
    previous: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            text = text_of(size, Path(tmp, f"text-{size:g}MB.txt"))
            seconds, peak = build(text, Path(tmp, "deck.apkg"))
            slope = (peak - previous[1]) / (size - previous[0]) if previous else float("nan")
            print(f"{size:6g} MB {seconds:6.1f} s {peak:6.0f} MB {slope:18.1f}")
            previous = (size, peak)
            text.unlink()


if __name__ == "__main__":
    main()
