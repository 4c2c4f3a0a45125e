"""Hostile invocations, as a careless or unlucky user makes them, run as real processes.

Each case sets up files, runs ``python -m flashgen``, and checks the exit code, that an
error is one line on stderr with no traceback, and that no file the user had was changed
(only the output may be written). See issue 16.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "sample-energy.txt"

#: Short texts written for these tests (not from any article).
JAPANESE = "今日は天気がいいですね。私は毎朝学校に行きます。これは日本語で書いた文章です。\n" * 4
KOREAN = "오늘은 날씨가 좋습니다. 저는 매일 학교에 갑니다. 大韓民國의 首都는 서울입니다.\n" * 4


def _source(d: Path) -> None:
    (d / "a.txt").write_bytes(SAMPLE.read_bytes())
    (d / "a.en.txt").write_text("Energy.\n\nThe grid is new.\n", encoding="utf-8")
    (d / "terms.tsv").write_text("term\tpinyin\tgloss\n能源\tnéngyuán\tenergy\n", "utf-8")
    (d / "known.txt").write_text("能源\n", encoding="utf-8")
    (d / "unit.toml").write_text('name = "U"\n[[sources]]\npath = "a.txt"\n', "utf-8")
    (d / "out").mkdir()


@dataclass
class Case:
    """One hostile run: its arguments (``{d}`` is the test's folder), setup, expectation."""

    args: list[str]
    code: int = 2
    says: str = ""
    setup: Callable[[Path], None] = _source
    env: dict[str, str] = field(default_factory=dict)


def _with(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        _source(d)
        for step in steps:
            step(d)

    return setup


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / name)


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def step(d: Path) -> None:
        (d / name).write_bytes(data.encode() if isinstance(data, str) else data)

    return step


def _link(name: str, target: str, hard: bool = False) -> Callable[[Path], None]:
    def step(d: Path) -> None:
        (os.link if hard else os.symlink)(d / target, d / name)

    return step


def _zip_bomb(d: Path) -> None:
    with zipfile.ZipFile(d / "bomb.apkg", "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("collection.anki2", "w") as member:
            block = bytes(1 << 20)
            for _ in range(300):  # 300 MB of zeros, a few hundred kB packed
                member.write(block)


BUILD = ["build", "{d}/a.txt"]
OUT = ["-o", "{d}/out/deck.apkg"]
NON_UTF8 = os.fsdecode(b"\xff\xfe.txt")

CASES: dict[str, Case] = {
    # --timestamp
    "timestamp nan": Case([*BUILD, *OUT, "--timestamp", "nan"], says="--timestamp"),
    "timestamp inf": Case([*BUILD, *OUT, "--timestamp", "inf"], says="--timestamp"),
    "timestamp -inf": Case([*BUILD, *OUT, "--timestamp", "-inf"], says="--timestamp"),
    "timestamp 1e20": Case([*BUILD, *OUT, "--timestamp", "1e20"], says="--timestamp"),
    "timestamp negative": Case([*BUILD, *OUT, "--timestamp", "-5"], says="--timestamp"),
    "timestamp not a number": Case([*BUILD, *OUT, "--timestamp", "soon"], says="--timestamp"),
    "timestamp 0 builds": Case([*BUILD, *OUT, "--timestamp", "0"], code=0, says="Wrote"),
    # output that is an input
    "output is the source": Case([*BUILD, "-o", "{d}/a.txt"], says="replace the input"),
    "output is --en": Case(
        [*BUILD, "--en", "{d}/a.en.txt", "-o", "{d}/a.en.txt"], says="translation"
    ),
    "output is --terms": Case(
        [*BUILD, "--terms", "{d}/terms.tsv", "-o", "{d}/terms.tsv", "--format", "csv"],
        says="replace the input",
    ),
    "output is --known": Case(
        [*BUILD, "--known", "{d}/known.txt", "-o", "{d}/known.txt"], says="known-words"
    ),
    "output is the recipe": Case(
        ["build", "{d}/unit.toml", "-o", "{d}/unit.toml", "--format", "csv"], says="recipe"
    ),
    "output is a symlink to the source": Case(
        [*BUILD, "-o", "{d}/link.txt"], setup=_with(_link("link.txt", "a.txt")),
        says="replace the input",
    ),
    "output is a hard link to the source": Case(
        [*BUILD, "-o", "{d}/hard.txt"], setup=_with(_link("hard.txt", "a.txt", hard=True)),
        says="replace the input",
    ),
    # --format and the output's name
    "format unknown": Case([*BUILD, *OUT, "--format", "foo"], says="not a format"),
    "format contradicts apkg": Case([*BUILD, *OUT, "--format", "csv"], says="contradicts"),
    "format contradicts txt": Case(
        [*BUILD, "-o", "{d}/out/x.txt", "--format", "pdf"], says="contradicts"
    ),
    "suffix unknown": Case([*BUILD, "-o", "{d}/out/x.docx"], says="output format"),
    "format with an unknown suffix": Case(
        [*BUILD, "-o", "{d}/out/x.tsv", "--format", "csv"], code=0, says="Wrote"
    ),
    # output location, checked before any work
    "output folder missing": Case([*BUILD, "-o", "{d}/nowhere/x.apkg"], says="does not exist"),
    "output is a folder": Case([*BUILD, "-o", "{d}/out"], says="folder"),
    "output name too long": Case([*BUILD, "-o", "{d}/out/" + "n" * 300 + ".apkg"], says="longer"),
    "output name of 250 characters": Case(
        [*BUILD, "-o", "{d}/out/" + "n" * 245 + ".apkg"], code=0, says="Wrote"
    ),
    "output name not UTF-8": Case([*BUILD, "-o", "{d}/out/" + NON_UTF8 + ".apkg"], says="UTF-8"),
    # inputs that are not regular files, or too big
    "source is a FIFO": Case(["build", "{d}/fifo.txt", *OUT], setup=_with(_fifo("fifo.txt")),
                             says="FIFO"),
    "--en is a FIFO": Case([*BUILD, "--en", "{d}/fifo.txt", *OUT],
                           setup=_with(_fifo("fifo.txt")), says="FIFO"),
    "--terms is a FIFO": Case([*BUILD, "--terms", "{d}/fifo.tsv", *OUT],
                              setup=_with(_fifo("fifo.tsv")), says="FIFO"),
    "--known is a FIFO": Case([*BUILD, "--known", "{d}/fifo.txt", *OUT],
                              setup=_with(_fifo("fifo.txt")), says="FIFO"),
    "recipe is a FIFO": Case(["build", "{d}/fifo.toml", *OUT], setup=_with(_fifo("fifo.toml")),
                             says="FIFO"),
    "terms source is a FIFO": Case(["terms", "{d}/fifo.txt"], setup=_with(_fifo("fifo.txt")),
                                   says="FIFO"),
    "source is /dev/zero": Case(["build", "/dev/zero", *OUT], says="device"),
    "--known is /dev/zero": Case([*BUILD, "--known", "/dev/zero", *OUT], says="device"),
    "source is a folder": Case(["build", "{d}/out", *OUT], says="folder"),
    "source missing": Case(["build", "{d}/missing.txt", *OUT], says="not found"),
    "source over the size limit": Case(
        [*BUILD, *OUT], env={"FLASHGEN_MAX_INPUT_MB": "0.001"}, says="FLASHGEN_MAX_INPUT_MB"
    ),
    "size limit not a number": Case(
        [*BUILD, *OUT], env={"FLASHGEN_MAX_INPUT_MB": "lots"}, says="FLASHGEN_MAX_INPUT_MB"
    ),
    "source name not UTF-8": Case(
        ["build", "{d}/" + NON_UTF8, *OUT],
        setup=_with(lambda d: (d / NON_UTF8).write_bytes(SAMPLE.read_bytes())), says="UTF-8",
    ),
    "known .apkg is a zip bomb": Case(
        [*BUILD, "--known", "{d}/bomb.apkg", *OUT], setup=_with(_zip_bomb), says="unpacks"
    ),
    "known .apkg is not a zip": Case(
        [*BUILD, "--known", "{d}/fake.apkg", *OUT], setup=_with(_write("fake.apkg", "no")),
        says="not an Anki package",
    ),
    # typer's own checks, one line
    "max-terms 0": Case([*BUILD, *OUT, "--max-terms", "0"], says="--max-terms"),
    "max-sentences -1": Case([*BUILD, *OUT, "--max-sentences", "-1"], says="--max-sentences"),
    "hsk-min 9": Case([*BUILD, *OUT, "--hsk-min", "9"], says="--hsk-min"),
    "jobs 0": Case([*BUILD, *OUT, "--jobs", "0"], says="--jobs"),
    "terms top 0": Case(["terms", "{d}/a.txt", "--top", "0"], says="--top"),
    "terms top not a number": Case(["terms", "{d}/a.txt", "--top", "x"], says="--top"),
    "unknown option": Case([*BUILD, *OUT, "--frobnicate"], says="--frobnicate"),
    "no output": Case(BUILD, says="--out"),
    "unknown command": Case(["bulid", "{d}/a.txt"], says="bulid"),
    "bad card kind": Case([*BUILD, *OUT, "--cards", "flip"], says="flip"),
    "bad order": Case([*BUILD, *OUT, "--order", "random"], says="random"),
    "known export over its deck": Case(
        ["known", "export", "{d}/known.txt", "-o", "{d}/known.txt"], says="replace the deck"
    ),
    "known export into a missing folder": Case(
        ["known", "export", "{d}/known.txt", "-o", "{d}/nowhere/k.txt"], says="does not exist"
    ),
    "known export of a FIFO": Case(
        ["known", "export", "{d}/fifo.apkg", "-o", "{d}/out/k.txt"],
        setup=_with(_fifo("fifo.apkg")), says="FIFO",
    ),
    # texts that are not Chinese
    "Japanese source": Case(["build", "{d}/ja.txt", *OUT],
                            setup=_with(_write("ja.txt", JAPANESE)), says="Japanese"),
    "Korean source": Case(["build", "{d}/ko.txt", *OUT], setup=_with(_write("ko.txt", KOREAN))),
    # malformed terms lists and recipes
    "terms list with an unclosed quote": Case(
        [*BUILD, "--terms", "{d}/bad.tsv", *OUT],
        setup=_with(_write("bad.tsv", 'term\tgloss\n能源\t"energy\n电力\tpower\n')),
        says="line 2",
    ),
    "terms list with text after a quote": Case(
        [*BUILD, "--terms", "{d}/bad.tsv", *OUT],
        setup=_with(_write("bad.tsv", 'term\tgloss\n"能源"源\tenergy\n')), says="line 2",
    ),
    "recipe not TOML": Case(["build", "{d}/bad.toml", *OUT],
                            setup=_with(_write("bad.toml", "name = \n")), says="TOML"),
    "recipe not UTF-8": Case(["build", "{d}/bad.toml", *OUT],
                             setup=_with(_write("bad.toml", b"name = '\xff'\n")), says="UTF-8"),
    # bounded time on texts no sentence splitter expects (benchmarks/scale.py --hostile
    # measures the full-size ones)
    "a 27,000-character line without punctuation": Case(
        ["build", "{d}/line.txt", *OUT], code=0, says="Wrote",
        setup=_with(_write("line.txt", "".join(
            c for c in SAMPLE.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"
        ) * 40)),
    ),
    "a bilingual text repeated 50 times": Case(
        ["build", "{d}/rep.txt", *OUT], code=0, says="Wrote",
        setup=_with(_write("rep.txt", SAMPLE.read_text(encoding="utf-8") * 50)),
    ),
    "a CSV says it updates an imported deck": Case(
        [*BUILD, "-o", "{d}/out/x.csv"], code=0, says="import the .apkg once first"),
    "audio asked of a CSV": Case([*BUILD, "-o", "{d}/out/x.csv", "--audio"], code=0,
                                 says="--audio applies to .apkg decks only"),
    # standard input and output (the runs' stdin is empty)
    "stdin empty": Case(["build", "-", *OUT], says="standard input is empty"),
    "stdin twice": Case(["build", "-", "-", *OUT], says="once only"),
    "terms of empty stdin": Case(["terms", "-"], says="standard input is empty"),
    "stdout without a format": Case([*BUILD, "-o", "-"], says="--format csv"),
    "stdout as a deck": Case([*BUILD, "-o", "-", "--format", "apkg"], says="needs a file name"),
}


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under ``folder``: its mode and, for regular files, a digest of its bytes."""
    seen: dict[str, tuple[int, str]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root) / name
            info = path.lstat()
            digest = ""
            if stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            seen[str(path)] = (info.st_mode, digest)
    return seen


def run_flashgen(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """``python -m flashgen ARGS`` in a fresh process, bytes in and out (names may not be
    UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "flashgen", *args], capture_output=True, timeout=timeout,
        env={**os.environ, **env}, stdin=subprocess.DEVNULL, check=False,
    )


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_invocation(tmp_path: Path, case: Case) -> None:
    d = tmp_path / "user"
    d.mkdir()
    case.setup(d)
    before = _snapshot(d)
    args = [a.replace("{d}", str(d)) for a in case.args]
    done = run_flashgen(args, {"FLASHGEN_HOME": str(tmp_path / "home"), **case.env})
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == case.code, (out, err)
    assert "Traceback" not in err + out
    if case.code:
        assert err.startswith("flashgen: ") and err.count("\n") == 1, err
        assert case.says in err
    else:
        assert case.says in out and not err, err
    output = next((Path(a) for a in args if "/out/" in a), None)
    # The output and the manifest a deck's build writes beside it (the notes it holds).
    written = {str(output), f"{output}.flashgen.json"} if output else set()
    after = {k: v for k, v in _snapshot(d).items() if k not in written}
    assert after == before, "a file the user had was changed or added"


#: Runs the CLI with the package's database write slowed down, saying when it is reached,
#: so that a signal arrives while temporary files exist.
SLOW_WRITE = """
import signal, sys, time, genanki
from flashgen.cli import main
# Ctrl-C as at a terminal, even when the test runs in the background (where SIGINT is ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
original = genanki.Package.write_to_db
def slow(self, *args):
    original(self, *args)
    print("writing", flush=True)
    time.sleep(60)
genanki.Package.write_to_db = slow
main(sys.argv[1:])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_writing_removes_every_temporary(tmp_path: Path, signum: int) -> None:
    d = tmp_path / "user"
    d.mkdir()
    _source(d)
    (d / "out" / "deck.apkg").write_bytes(b"the learner's old deck")
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = _snapshot(d)
    env = {**os.environ, "FLASHGEN_HOME": str(tmp_path / "home"), "TMPDIR": str(temp)}
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "build", str(d / "a.txt"), "-o",
         str(d / "out/deck.apkg")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    ) as build:
        assert build.stdout is not None and build.stderr is not None
        assert build.stdout.readline() == "writing\n"
        assert any(p.name.endswith(".part") for p in (d / "out").iterdir())
        build.send_signal(signum)
        code = build.wait(timeout=30)
        err = build.stderr.read()
    assert code == 128 + signum
    assert err.count("\n") == 1 and "nothing was written" in err and "Traceback" not in err
    assert _snapshot(d) == before  # the old deck intact, no .part left
    assert not list(temp.iterdir())


def test_a_build_removes_stale_temporaries_of_its_own_naming(tmp_path: Path) -> None:
    d = tmp_path / "user"
    d.mkdir()
    _source(d)
    temp = tmp_path / "tmp"
    temp.mkdir()
    dead = 4194305  # above any pid_max: no such process
    stale = [d / "out" / f".flashgen-{dead}-ab12xyz.part", temp / f"flashgen-{dead}-x"]
    kept = [d / "out" / ".flashgen-notes.part", d / "out" / f"flashgen-{dead}-mine.txt",
            temp / "flashgen-1-x"]  # not ours, not a temporary, or its process is alive
    for path in stale + kept:
        path.mkdir() if path.parent == temp else path.write_text("x")
    env = {"FLASHGEN_HOME": str(tmp_path / "home"), "TMPDIR": str(temp)}
    done = run_flashgen(["build", str(d / "a.txt"), "-o", str(d / "out/deck.apkg")], env)
    assert done.returncode == 0, done.stderr
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)


def test_a_cache_of_the_wrong_shape_is_rebuilt(tmp_path: Path, session_cache: Path) -> None:
    d = tmp_path / "user"
    d.mkdir()
    _source(d)
    env = {"FLASHGEN_HOME": str(tmp_path / "home")}
    args = ["terms", str(d / "a.txt"), "--top", "3", "--format", "tsv"]
    # The session's caches, warmed if need be, so that only the damaged run builds any.
    run_flashgen(args, {"FLASHGEN_CACHE": str(session_cache)})
    shutil.copytree(session_cache, tmp_path / "home" / "cache")
    first = run_flashgen(args, env)
    caches = list((tmp_path / "home" / "cache").glob("*.marshal"))
    assert first.returncode == 0 and caches
    for cache in caches:  # right format (marshal), wrong shape
        cache.write_bytes(marshal.dumps({"not": ["what", "was", "cached"]}))
    for _ in range(2):  # rebuilt on the first run, and good again on the next
        again = run_flashgen(args, env)
        assert again.returncode == 0, again.stderr
        assert again.stdout == first.stdout
    assert all(c.read_bytes() != marshal.dumps({"not": ["what", "was", "cached"]}) for c in caches)
