"""Who runs a batch's map: this process, a local pool, or a Dask cluster.

Each is a :class:`Workers`: ``map(task, items)`` runs a module-level function on each
item and returns the results in the items' order, whoever ran them and in whatever order
they finished, so the reduce sees the same list every way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from flashgen.errors import InputError
from flashgen.records import SentencePair

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Called as ``progress(done, total)`` as a map's tasks finish.
Done = Callable[[int, int], None]


def quiet(done: int, total: int) -> None:
    """Report nothing."""


def chunks(items: Sequence[Item], size: int) -> list[Sequence[Item]]:
    """``items`` in runs of ``size`` (the last may be shorter), in order: the tasks of a map."""
    return [items[at : at + size] for at in range(0, len(items), size)]


class Workers(Protocol):
    """Runs the tasks of a map, results in the order of the items."""

    #: How many tasks run at once (chunked work is cut to keep them all busy).
    size: int

    def map(
        self, task: Callable[[Item], Result], items: Sequence[Item], progress: Done = quiet
    ) -> list[Result]: ...


class InProcess:
    """The map in this process, one item after the other (``--jobs 1``)."""

    size = 1

    def map(
        self, task: Callable[[Item], Result], items: Sequence[Item], progress: Done = quiet
    ) -> list[Result]:
        results: list[Result] = []
        for item in items:
            results.append(task(item))
            progress(len(results), len(items))
        return results


def warm() -> None:
    """Load what the map's tasks read (jieba's lexicon and tags, CC-CEDICT's index, the
    English index): once per worker, before its first task, or once before a pool forks.

    Each loader caches its data for the process's life, so a worker that has run this
    reads nothing again; a tiny pair run through the term finder and a short text through
    the document task touch every loader and module the map uses. CC-CEDICT stays on its
    on-disk index: each worker asks it about its own documents' words (16 articles: 17 k
    distinct words in all), which costs less than loading the whole table here first,
    where the workers wait for it.
    """
    from flashgen.files.atomic import temp_prefix
    from flashgen.pipeline import map_documents
    from flashgen.study.recipe import RecipeSource
    from flashgen.terms.find import find_terms

    # A short text read, aligned and cut as a document task is: the reading modules
    # imported and their patterns compiled before a fork, not in each worker's first task.
    with tempfile.TemporaryDirectory(prefix=temp_prefix()) as folder:
        sample = Path(folder) / "sample.txt"
        sample.write_text(_SAMPLE_TEXT, encoding="utf-8")
        map_documents(((RecipeSource(sample),), None, True))
    find_terms([_SAMPLE])


def warm_reduce() -> None:
    """Load what the reduce reads besides :func:`warm`'s (the pinyin tables and model, the
    Traditional converter, the HSK lists): a build runs this in a thread while its workers
    read the documents, the part of a batch where it would only wait."""
    from flashgen.pipeline import annotate
    from flashgen.terms.find import find_terms

    for term in find_terms([_SAMPLE])[:1]:
        annotate(term, [_SAMPLE])


#: A pair of our own that reaches every loader: "The energy storage station is on track."
_SAMPLE = SentencePair(("储能电站的建设进展顺利。",), ("The energy storage station is on track.",))
#: A short bilingual text of our own with a headline, for the document task: "The storage
#: station is built", then _SAMPLE's sentence and "It will feed the grid next year."
_SAMPLE_TEXT = """储能电站建成

The storage station is built

储能电站的建设进展顺利。电站明年并网发电。

The energy storage station is on track. It will feed the grid next year.
"""


@contextmanager
def open_workers(jobs: int = 1, dask: str | None = None) -> Iterator[Workers]:
    """The workers a build asked for: a Dask cluster (``dask``: an address, or ``local``),
    else ``jobs`` local processes, else this process. Closed on the way out."""
    if dask is not None:
        try:
            from flashgen.batch.dask import dask_workers
        except ModuleNotFoundError as missing:
            if missing.name not in {"dask", "distributed"}:
                raise
            raise InputError(
                f"--dask {dask} needs Dask's distributed scheduler, which is not installed: "
                "pip install 'flashgen[dask]'"
            ) from None

        with dask_workers(dask) as cluster:
            yield cluster
    elif jobs > 1:
        from flashgen.batch.pool import LocalPool

        with LocalPool(jobs) as pool:
            yield pool
    else:
        yield InProcess()
