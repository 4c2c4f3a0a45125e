"""Batch scorecard (issue #18): one deck from many texts, in one process, on two local
workers and on a Dask LocalCluster.

Run: ``python benchmarks/batch.py [--runs 3] [--set articles|news] [--news-docs 2000]
[--way="--jobs 1" --way="--jobs 2"]`` (``--way``: only those ways, the first the one the
others are compared with; by default all three).
Two sets, each a folder given to ``flashgen build FOLDER`` (a fresh process, as a user
runs it, with a fixed ``--timestamp``):

- ``articles``: 16 bilingual articles, the twelve real ones of ``../shared/eval/news`` and
  the four sample texts of ``decks/`` (one a NAME.zh.txt + NAME.en.txt pair), linked into a
  temporary folder (never copied into the repository);
- ``news``: the first ``--news-docs`` stories of ``../shared/eval/corpus/xwlb_2025.txt``,
  one document each (Chinese only), written to a temporary folder.

For each of ``--jobs 1``, ``--jobs 2`` and ``--dask local``: the median wall time of
``--runs`` builds (the three ways alternate, so a busy machine slows each alike), documents
per second, CPU seconds of the build's own process and of its workers (summed), and peak
memory: the build's own process and its largest worker (peak resident set, shared pages
included: forked workers share the lexicon's pages with the build), read from ``/proc``
every 50 ms. "On two idle cores" is the build's CPU plus half its workers': the wall time
the same work takes when nothing else runs (the build only waits while its workers work).
Every deck is compared with the ``--jobs 1`` deck byte for byte. First it prints this
machine's ceiling for two workers at that moment (:func:`ceiling`): how much faster the
same pure-Python work runs on two processes at once than in one.
The machine's load average is printed with the figures: other work on its two cores makes
the parallel runs slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _shared import REPO, SHARED, require_shared

STAMP = "1700000000"
WAYS = {
    "--jobs 1": ["--jobs", "1"],
    "--jobs 2": ["--jobs", "2"],
    "--dask local": ["--dask", "local"],
}


def articles(folder: Path) -> Path:
    """16 bilingual articles linked into ``folder``."""
    folder.mkdir()
    texts = [*sorted((SHARED / "eval" / "news").glob("*.txt")), *sorted(REPO.glob("decks/*.txt"))]
    for text in texts:
        (folder / text.name).symlink_to(text)
    return folder


def news(folder: Path, docs: int) -> Path:
    """The first ``docs`` stories of the news corpus, one file each."""
    folder.mkdir()
    corpus = (SHARED / "eval" / "corpus" / "xwlb_2025.txt").read_text(encoding="utf-8")
    stories = [s.strip() for s in corpus.split("\n\n") if s.strip()][:docs]
    for number, story in enumerate(stories):
        (folder / f"story-{number:05d}.txt").write_text(story + "\n", encoding="utf-8")
    return folder


@dataclass
class Run:
    wall: float
    peak_main_mb: float
    peak_worker_mb: float
    cpu_main: float
    cpu_workers: float
    deck: bytes = field(repr=False)


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` now alive (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """Seconds of CPU ``pid`` has used (user and system), or 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def build(folder: Path, out: Path, way: list[str]) -> Run:
    """One fresh ``flashgen build FOLDER`` and its wall time and peak memory."""
    args = [sys.executable, "-m", "flashgen", "build", str(folder), "-o", str(out),
            "--timestamp", STAMP, *way]
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    while process.poll() is None:
        for pid in {process.pid} | _children(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
            cpu[pid] = max(cpu.get(pid, 0.0), _cpu(pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {process.stderr.read() if process.stderr else ''}")
    main = peaks.pop(process.pid, 0)
    main_cpu = cpu.pop(process.pid, 0.0)
    return Run(wall, main / 1024, max(peaks.values(), default=0) / 1024, main_cpu,
               sum(cpu.values()), out.read_bytes())


def score(
    name: str, folder: Path, docs: int, runs: int, work: Path, ways: list[str] | None = None
) -> None:
    results: dict[str, list[Run]] = {way: [] for way in ways or WAYS}
    for number in range(runs):
        for way in results:
            results[way].append(build(folder, work / f"{name}-{number}.apkg", WAYS[way]))
    first = next(iter(results))
    serial = results[first][0].deck
    base = statistics.median(r.wall for r in results[first])
    print(f"\n{name}: {docs} documents, {runs} runs each, load average "
          f"{os.getloadavg()[0]:.2f} after")
    print("| way | wall (median) | speed-up | documents/s | CPU, build | CPU, workers "
          f"| on two idle cores | peak, build | peak, largest worker | deck = {first} |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for way, found in results.items():
        wall = statistics.median(r.wall for r in found)
        same = all(r.deck == serial for r in found)
        main_cpu = statistics.median(r.cpu_main for r in found)
        workers_cpu = statistics.median(r.cpu_workers for r in found)
        print(f"| {way} | {wall:.2f} s | {base / wall:.2f}x | {docs / wall:.1f} "
              f"| {main_cpu:.2f} s | {workers_cpu:.2f} s | {_idle(main_cpu, workers_cpu, way)} "
              f"| {max(r.peak_main_mb for r in found):.0f} MB "
              f"| {max(r.peak_worker_mb for r in found):.0f} MB | {'yes' if same else 'NO'} |")
        print(f"<!-- {way} walls: {', '.join(f'{r.wall:.2f}' for r in found)} -->")


# A fixed piece of pure-Python work (dict and integer operations, as the pipeline's are),
# about a second on this machine: the ceiling below runs it in fresh processes.
_LOOP = "d = {}\nfor i in range(6_000_000):\n    d[i % 1000] = i * i % 7\n"


def ceiling(runs: int) -> None:
    """The best speed-up two workers can give on this machine: the wall time of one process
    doing the loop twice over two processes doing it once each, at the same time (median of
    ``runs``). 2x on two idle cores; less where other work shares them (here: 1.63x with
    three scorecards running, 2.04x with none), which a --jobs 2 figure then cannot beat
    however little of a build stays in its own process."""
    one = [sys.executable, "-c", _LOOP * 2]
    two = [sys.executable, "-c", _LOOP]
    serial, parallel = [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(one, check=True)
        serial.append(time.perf_counter() - start)
        start = time.perf_counter()
        for process in [subprocess.Popen(two), subprocess.Popen(two)]:
            process.wait()
        parallel.append(time.perf_counter() - start)
    best = statistics.median(serial) / statistics.median(parallel)
    print(f"\nthis machine: the same pure-Python work on two processes at once is {best:.2f}x "
          f"as fast as in one (the ceiling of --jobs 2; {runs} runs, load average "
          f"{os.getloadavg()[0]:.2f})")


def _idle(main_cpu: float, workers_cpu: float, way: str) -> str:
    """What the wall time would be on two cores with nothing else running: the build's own
    CPU (its serial part; it only waits while its workers work) plus the workers' CPU shared
    by two cores. A figure a busy machine cannot give, measured from what it can."""
    return f"{main_cpu + workers_cpu / 2:.2f} s" if way != "--jobs 1" else f"{main_cpu:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--set", choices=["articles", "news"], action="append")
    parser.add_argument("--news-docs", type=int, default=2000)
    parser.add_argument("--way", choices=list(WAYS), action="append",
                        help="a way to build (repeat for several; default: all three)")
    options = parser.parse_args()
    require_shared()
    ceiling(options.runs)
    with tempfile.TemporaryDirectory(prefix="flashgen-batch-") as tmp:
        work = Path(tmp)
        for name in options.set or ["articles", "news"]:
            if name == "articles":
                folder = articles(work / "articles")
                docs = sum(1 for p in folder.iterdir() if not p.name.endswith(".en.txt"))
            else:
                folder = news(work / "news", options.news_docs)
                docs = options.news_docs
            score(name, folder, docs, options.runs, work, options.way)


if __name__ == "__main__":
    main()
