"""Many texts: a folder as source, the map on warm local workers, records, progress.

Every way of running the map must give the deck ``--jobs 1`` gives, byte for byte (with a
fixed timestamp); the Dask tests are in ``test_batch_dask.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from flashgen.batch.pool import LocalPool
from flashgen.batch.progress import Throughput, log_lines
from flashgen.batch.records import CorpusCut, Cut
from flashgen.batch.workers import InProcess, open_workers
from flashgen.errors import InputError
from flashgen.lexicon import segment
from flashgen.pipeline import build, read_corpus
from flashgen.read.folders import texts_in
from flashgen.study.recipe import RecipeSource, recipe_from_options
from flashgen.terms.find import find_terms

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
STAMP = 1_700_000_000

# Two short texts of our own: a bilingual report on a library ("The city library opened a
# reading room for the elderly...") and a Chinese one with its translation in a file apart.
LIBRARY = """市图书馆开设老年阅览室

The city library opens a reading room for the elderly

市图书馆本周开设老年阅览室，为老年读者提供大字书籍和放大镜。

This week the city library opened a reading room for the elderly, offering large-print \
books and magnifying glasses to older readers.

老年阅览室每天开放八小时，志愿者帮助读者使用电子阅读器。

The reading room for the elderly is open eight hours a day, and volunteers help readers \
use e-readers.
"""
GARDEN_ZH = """社区花园

居民在社区花园种植蔬菜，社区花园由居委会管理。

社区花园的蔬菜送给附近的养老院。
"""
GARDEN_EN = """The community garden

Residents grow vegetables in the community garden, which the neighbourhood committee runs.

The vegetables of the community garden go to a nearby care home.
"""
# A subtitle pair: "The bridge opens tomorrow." / "The bridge opens to traffic at eight."
BRIDGE_SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\n大桥明天通车。\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\n大桥早上八点通车。\n"
)
BRIDGE_EN_SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nThe bridge opens tomorrow.\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\nThe bridge opens to traffic at eight.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A teacher's folder: texts at two depths, a zh/en pair, subtitles, hidden files."""
    root = tmp_path / "unit"
    write(root / "b-library.txt", LIBRARY)
    write(root / "a" / "garden.zh.txt", GARDEN_ZH)
    write(root / "a" / "garden.en.txt", GARDEN_EN)
    write(root / "c" / "bridge.srt", BRIDGE_SRT)
    write(root / "c" / "bridge.en.srt", BRIDGE_EN_SRT)
    write(root / ".hidden.txt", LIBRARY)
    write(root / ".git" / "notes.txt", LIBRARY)
    write(root / "picture.png", "not a text")
    return root


def test_a_folder_lists_its_texts_in_path_order_with_their_translations(folder: Path) -> None:
    assert [(p.relative_to(folder).as_posix(), en and en.name) for p, en in texts_in(folder)] == [
        ("a/garden.zh.txt", None),  # the recipe finds garden.en.txt beside it
        ("b-library.txt", None),
        ("c/bridge.srt", "bridge.en.srt"),
    ]


def test_a_folder_without_texts_says_so(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "photo.jpg", "")
    with pytest.raises(InputError, match=r"folder .*empty holds no text"):
        texts_in(tmp_path / "empty")


def flashgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashgen", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_a_folder_builds_the_deck_its_files_build(folder: Path, tmp_path: Path) -> None:
    """The folder (in one process and on two workers) and its files named one by one."""
    decks = []
    for jobs in ("1", "2"):
        out = tmp_path / f"folder-{jobs}.apkg"
        done = flashgen("build", str(folder), "-o", str(out), "--timestamp", str(STAMP),
                        "--jobs", jobs)
        assert done.returncode == 0, done.stderr
        decks.append(out.read_bytes())
    # The files as a recipe lists them: garden.zh.txt finds its English beside it, and the
    # subtitles take theirs as --en gives it.
    listed = recipe_from_options([folder / "a" / "garden.zh.txt", folder / "b-library.txt"])
    bridge = RecipeSource(folder / "c" / "bridge.srt", folder / "c" / "bridge.en.srt")
    files = replace(listed, sources=(*listed.sources, bridge))
    out = tmp_path / "files.apkg"
    build(files, out, timestamp=STAMP)
    assert decks == [out.read_bytes()] * 2


def test_en_with_a_folder_is_refused_in_one_line(folder: Path, tmp_path: Path) -> None:
    done = flashgen("build", str(folder), "--en", str(folder / "b-library.txt"),
                    "-o", str(tmp_path / "x.apkg"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "folder" in done.stderr


@pytest.mark.slow
def test_two_workers_build_the_deck_one_process_builds(tmp_path: Path) -> None:
    """The whole map on a pool (reading, the candidates' scores, annotations): same bytes."""
    recipe = recipe_from_options(sorted(DECKS.glob("sample-*.txt"))[:3], max_terms=60)
    serial = build(recipe, tmp_path / "one.apkg", timestamp=STAMP).path.read_bytes()
    pooled = build(recipe, tmp_path / "two.apkg", timestamp=STAMP, jobs=2).path.read_bytes()
    assert pooled == serial


def test_workers_score_and_cut_as_this_process_does() -> None:
    recipe = recipe_from_options([DECKS / "sample-health.txt", DECKS / "sample-energy.txt"])
    alone = read_corpus(recipe.sources)
    with LocalPool(2) as pool:
        corpus = read_corpus(recipe.sources, workers=pool)
        assert corpus == alone and alone.cut is None and corpus.cut is not None
        for index, pair in enumerate(corpus.pairs):
            assert corpus.cut.words(index) == (segment.words(pair.zh) if pair.zh else [])
        found = find_terms(corpus.pairs, words_of=corpus.cut.words, workers=pool)
    expected = find_terms(alone.pairs)
    assert found == expected
    assert [t.why for t in found] == [t.why for t in expected]  # why is not compared by ==


def _state(_: int) -> tuple[int, int]:
    """A task: this worker's process id, and whether jieba's lexicon is loaded in it."""
    return os.getpid(), segment.lexicon.cache_info().currsize


def test_a_pool_keeps_its_workers_and_they_start_with_the_lexicon_loaded() -> None:
    seen: list[tuple[int, int]] = []
    with LocalPool(2) as pool:
        for _ in range(3):  # three maps: the same two processes every time
            seen += pool.map(_state, range(8))
    assert len({pid for pid, _ in seen}) <= 2 and os.getpid() not in {pid for pid, _ in seen}
    assert {loaded for _, loaded in seen} == {1}


def test_warm_leaves_the_document_task_nothing_to_import() -> None:
    # In a fresh interpreter: what warm() imports before a pool forks, no worker imports.
    code = (
        "import sys; from flashgen.batch.workers import warm; warm(); "
        "print(all(m in sys.modules for m in "
        "('flashgen.read.sources', 'flashgen.read.metadata', 'flashgen.align.pairs')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "True", done.stderr


def _fail(n: int) -> int:
    if n == 3:
        raise InputError("file three.txt is broken: fix it")
    return n


def test_a_task_error_reaches_the_build_as_it_was() -> None:
    with pytest.raises(InputError, match="three.txt"), LocalPool(2) as pool:
        pool.map(_fail, range(6))


def test_results_come_in_the_order_of_the_items() -> None:
    progress: list[tuple[int, int]] = []
    with open_workers(jobs=2) as workers:
        assert workers.map(abs, [-3, 1, -2], lambda d, t: progress.append((d, t))) == [3, 1, 2]
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert InProcess().map(abs, [-1, -5]) == [1, 5]


def test_a_cut_gives_back_each_pairs_words() -> None:
    cuts = [Cut.of([["市", "图书馆"], [], ["图书馆", "开放"]]), Cut.of([]), Cut.of([["花园"]])]
    assert len(cuts[0]) == 3 and cuts[0].vocabulary == ("市", "图书馆", "开放")
    corpus = CorpusCut(cuts)
    words = [["市", "图书馆"], [], ["图书馆", "开放"], ["花园"]]
    assert [corpus.words(i) for i in range(4)] == words


def test_throughput_gives_the_rate_and_the_time_left() -> None:
    meter = Throughput(2000, started=100.0)
    assert meter.remaining(now=101.0) is None and meter.rate(now=101.0) == 0.0
    meter.done = 500
    assert meter.rate(now=110.0) == 50.0
    assert meter.describe(now=110.0) == "documents 500/2000, 50.0/s, 30 s left"
    meter.done = 2000
    assert meter.describe(now=140.0) == "documents 2000/2000, 50.0/s"
    assert Throughput(10_000, started=0.0, done=10).describe(now=10.0).endswith("2 h 46 min left")


def test_a_log_hears_of_the_documents_only_now_and_then() -> None:
    lines: list[str] = []
    report = log_lines(lines.append, every=3600)
    report("reading", 0, 4)
    for done in range(1, 5):
        report("reading", done, 4)
        report("annotating", done, 4)
    assert len(lines) == 1 and lines[0].startswith("documents 4/4, ")


def test_jobs_two_logs_its_documents_when_stderr_is_no_terminal(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    done = flashgen("build", str(DECKS / "sample-health.txt"), str(DECKS / "sample-space.txt"),
                    "-o", str(out), "--jobs", "2", "--timestamp", str(STAMP))
    assert done.returncode == 0, done.stderr
    # A line every 10 s at most, and one at the end (a busy machine may take 10 s).
    assert done.stderr.splitlines()[-1].startswith("documents 2/2, ")


def test_dask_missing_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Without the extra (here: distributed made unimportable), --dask says what to install."""
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from flashgen.cli import main\n"
        f"main(['build', {str(DECKS / 'sample-health.txt')!r}, '-o', "
        f"{str(tmp_path / 'x.apkg')!r}, '--dask', 'local'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "pip install 'flashgen[dask]'" in done.stderr
    assert not (tmp_path / "x.apkg").exists()
