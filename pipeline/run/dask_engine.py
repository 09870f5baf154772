"""Run the per-batch function on a dask.distributed cluster instead of local processes.

The same `process_batch` runs on each dask worker (which builds its spaCy/underthesea pipeline
once per process); results come back in input order and are committed by the caller exactly as
with the local engine, so the output is identical. At most `2 × workers` batches are in flight,
so memory stays flat however long the input is.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator


def dask_results(batches: Iterator[list], config, workers: int, scheduler: str | None) -> Iterator:
    from dask.distributed import Client, LocalCluster

    from pipeline.run.runner import process_batch

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(client.submit(process_batch, batch, config, pure=False))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
