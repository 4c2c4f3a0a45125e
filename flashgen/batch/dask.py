"""``--dask ADDRESS``: the map on a Dask distributed cluster, the reduce in this process.

``local`` starts a LocalCluster on this machine (one single-threaded worker process per
core); ``tcp://host:8786`` joins a running scheduler, whose workers need flashgen (with
the ``dask`` extra) installed at the same version. Each worker loads the lexicon once: a
worker plugin runs :func:`~flashgen.batch.workers.warm` as the worker starts, and the
loaders keep their data for the worker's life. Dask is imported only from here, and this
module only when ``--dask`` is given.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from flashgen.batch.workers import Done, Item, Result, quiet, warm
from flashgen.errors import InputError

#: Seconds to wait for a scheduler given by address before saying it cannot be reached.
CONNECT_TIMEOUT = 10


class DaskWorkers:
    """A Dask client's workers, as :class:`~flashgen.batch.workers.Workers`."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self.size = max(1, sum(client.nthreads().values()))

    def map(
        self, task: Callable[[Item], Result], items: Sequence[Item], progress: Done = quiet
    ) -> list[Result]:
        futures = self._client.map(task, list(items), pure=False)
        for done, future in enumerate(as_completed(futures), start=1):
            future.result()  # a task's error (an InputError naming a file) stops the build
            progress(done, len(futures))
        results: list[Result] = self._client.gather(futures)
        return results


class WarmLexicon(WorkerPlugin):
    """Loads the lexicon once on each worker as it starts (and on workers that join later)."""

    name = "flashgen-lexicon"

    def setup(self, worker: Any) -> None:
        warm()


@contextmanager
def dask_workers(address: str) -> Iterator[DaskWorkers]:
    """Workers of a LocalCluster (``local``) or of the scheduler at ``address``."""
    if address == "local":
        cores = os.cpu_count() or 1
        with LocalCluster(
            n_workers=cores, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        ) as cluster, Client(cluster) as client:
            client.register_plugin(WarmLexicon())
            yield DaskWorkers(client)
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(
            f"--dask {address}: cannot reach a Dask scheduler there ({error}); start one "
            "with `dask scheduler` and workers with `dask worker ADDRESS`, or use --dask local"
        ) from None
    with client:
        client.register_plugin(WarmLexicon())
        yield DaskWorkers(client)
