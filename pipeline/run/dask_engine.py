"""Run the per-batch function on a dask.distributed cluster instead of local processes.

The same `process_batch` runs on each dask worker (which builds its spaCy/underthesea pipeline
once per process); results come back in input order and are committed by the caller exactly as
with the local engine, so the output is identical. At most `2 × workers` batches are in flight,
so memory stays flat however long the input is. A scheduler that cannot be reached, or that goes
away mid-run, stops the run with `SchedulerUnreachable` / `SchedulerLost` (what is committed stays).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections import deque
from collections.abc import Iterator

from pipeline.run.batch import process_batch
from pipeline.run.faults import SchedulerLost, SchedulerUnreachable


def dask_results(batches: Iterator[list], config, workers: int, scheduler: str | None) -> Iterator:
    from distributed.comm.core import CommClosedError

    lost_errors = (OSError, TimeoutError, CommClosedError, concurrent.futures.CancelledError, asyncio.CancelledError)
    # distributed logs each failed reconnection with a traceback; the run's one-line fault says it all
    loggers = [logging.getLogger(name) for name in ["distributed", *logging.root.manager.loggerDict]
               if name.startswith("distributed")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield from _results(batches, config, workers, scheduler, lost_errors)
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _results(batches: Iterator[list], config, workers: int, scheduler: str | None, lost_errors) -> Iterator:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnreachable(scheduler, " ".join(str(exc).split())) from exc
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    address = scheduler or client.scheduler.address
    try:
        in_flight: deque = deque()

        def next_result():
            try:
                return in_flight.popleft().result()
            except lost_errors as exc:
                raise SchedulerLost(address, " ".join(str(exc).split()) or type(exc).__name__) from exc

        for batch in batches:
            in_flight.append(client.submit(process_batch, batch, config, pure=False))
            if len(in_flight) >= 2 * workers:
                yield next_result()
        while in_flight:
            yield next_result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
