"""``--jobs N``: N long-lived worker processes on this machine, the lexicon loaded once.

Where the platform can fork (Linux), this process loads the lexicon and then forks the
workers, which share its pages: no worker reads or parses anything again, and the pool
costs little memory beyond one process. Elsewhere (macOS, Windows: spawn) each worker
loads the lexicon once as it starts. The workers live as long as the pool, through every
map of a build (the documents, then the candidates' scores).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from types import TracebackType

from flashgen.batch.workers import Done, Item, Result, quiet, warm


class LocalPool:
    """``jobs`` worker processes, started at once and kept until :meth:`close`."""

    def __init__(self, jobs: int) -> None:
        self.size = jobs
        if "fork" in multiprocessing.get_all_start_methods():
            warm()
            # What is loaded stays put: the collector then never touches (and so never
            # copies) the shared pages of the lexicon in the forked workers.
            gc.freeze()
            self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        else:
            self._pool = ProcessPoolExecutor(jobs, initializer=warm)
        # The workers start now, with the lexicon as it is, not at the first task.
        for started in [self._pool.submit(os.getpid) for _ in range(jobs)]:
            started.result()

    def map(
        self, task: Callable[[Item], Result], items: Sequence[Item], progress: Done = quiet
    ) -> list[Result]:
        futures: dict[Future[Result], int] = {
            self._pool.submit(task, item): index for index, item in enumerate(items)
        }
        results: dict[int, Result] = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress(len(results), len(items))
        return [results[index] for index in range(len(items))]

    def close(self) -> None:
        """Stop the workers; tasks not started yet are dropped (a failed or stopped build)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
