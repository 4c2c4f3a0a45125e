"""Many texts at once: the per-document map on warm workers, the reduce in this process.

A build's map (read, align and segment each document; then score the candidates, in
chunks) runs on :mod:`~flashgen.batch.workers`: in this process (``--jobs 1``), on
a pool of long-lived local processes that load the lexicon once (:mod:`~flashgen.batch.pool`,
``--jobs N``), or on a Dask cluster (:mod:`~flashgen.batch.dask`, ``--dask ADDRESS``). The
tasks and their results are plain records (:mod:`~flashgen.batch.records`), and the reduce
(counting candidates, ranking, choosing and annotating terms, writing the deck) takes them
in document order,
so every way gives the same deck, byte for byte.
"""
