"""Where corpus mode runs: worker processes, every article within a time budget, none left behind
(or Dask: :func:`run_on_dask`).

:func:`run_in_order` hands items to ``jobs`` worker processes of its own and gives the results
back in input order, with a bounded number of items in flight so memory stays flat. The workers
are started as joblib's loky starts its own: a fresh interpreter that, unlike ``multiprocessing``'s
spawn, does not run the caller's main script again (a script or notebook needs no
``if __name__ == "__main__"`` guard).

- **Time budget.** An item may take :func:`article_budget` seconds: ``base + per_mb`` for each
  MB (10^6 bytes) of its file, 30 s plus 30 s per MB by default (330 s at the reader's 10 MB
  limit). A worker still busy past the deadline is killed with SIGKILL (a runaway regular
  expression holds the interpreter lock, so nothing softer is sure to work) and replaced; the
  item comes back as failed with the reason, and the run goes on. The clock starts when the item
  is handed to a ready worker: a fresh worker first runs ``warmup`` (corpus mode loads the
  lexicons, models and, for reports, the spaCy pipeline), within :data:`WARMUP_SECONDS`, so its
  one-off loading, which took over 30 s on a loaded machine, is not charged to its first article.
- **Workers end with the main process.** A worker serves its pipe to the main process and ends
  when the pipe closes; on Linux the kernel also kills it as soon as the main process dies, even
  by SIGKILL (``PR_SET_PDEATHSIG``). :func:`exit_on_sigterm` turns SIGTERM into ``SystemExit``
  so the main process ends its workers on the way out. Workers ignore SIGINT: Ctrl-C reaches
  the main process, which ends them.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait

DEFAULT_BASE_SECONDS = 30.0
DEFAULT_SECONDS_PER_MB = 30.0
WARMUP_SECONDS = 600.0
_PR_SET_PDEATHSIG = 1
_READY = -1  # the index a worker sends once its warm-up is done


class WorkerStartError(RuntimeError):
    """A worker ended, or was not ready within :data:`WARMUP_SECONDS`, before its first item."""


def article_budget(size: int, base: float = DEFAULT_BASE_SECONDS, per_mb: float = DEFAULT_SECONDS_PER_MB) -> float:
    """Seconds an article of ``size`` bytes may take: ``base + per_mb * size / 10**6``."""
    return base + per_mb * max(size, 0) / 1_000_000


def worker_count(jobs: int) -> int:
    """Workers for ``jobs`` as joblib counts them: n > 0 as given, -1 all cores, -2 all but one, ..."""
    return jobs if jobs > 0 else max(1, (os.cpu_count() or 1) + 1 + jobs)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel (Linux) to kill this process when its parent dies; end now if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _serve(conn, parent: int, func: Callable, kwargs: dict, warmup: Callable | None = None) -> None:
    """A worker: run ``warmup(**kwargs)`` and say it is ready, then call ``func`` on each
    ``(index, item)`` received and send ``(index, result)`` back."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warmup is not None:
        with contextlib.suppress(Exception):  # what fails here fails again on the items, and is reported there
            warmup(**kwargs)
        conn.send((_READY, None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, item = task
        conn.send((index, func(item, **kwargs)))


class _Worker:
    """One worker process, its pipe, whether it is ready (warmed up, or until when it may warm up),
    and the item it is working on (index, deadline, budget)."""

    def __init__(self, context, func: Callable, kwargs: dict, warmup: Callable | None = None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid(), func, kwargs, warmup), daemon=True)
        self.process.start()
        child.close()
        self.ready = warmup is None
        self.warm_by = time.monotonic() + WARMUP_SECONDS
        self.task: tuple[int, float | None, float | None] | None = None

    def give(self, index: int, item, budget: float | None) -> None:
        self.conn.send((index, item))
        self.task = (index, None if budget is None else time.monotonic() + budget, budget)

    def end(self, *, kill: bool = False) -> None:
        """Stop the process: politely (end of the run) or at once (``kill``: past its budget, cleanup)."""
        if not kill and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(2)
        if self.process.is_alive():
            if hasattr(signal, "SIGKILL"):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.process.pid, signal.SIGKILL)
            else:  # Windows: terminate is TerminateProcess, as hard
                self.process.terminate()
        self.process.join()
        self.conn.close()


def run_in_order(func: Callable, items: Sequence, *, jobs: int, budget: Callable[[object], float | None],
                 kwargs: dict | None = None, window: int | None = None, note: str = "",
                 warmup: Callable | None = None) -> Iterator[tuple[object, object, str | None]]:
    """``(item, func(item, **kwargs), None)`` for each item in input order, or ``(item, None, reason)``
    when the item was past its ``budget(item)`` seconds (None: no limit; ``note`` ends the reason)
    or its worker died. Each worker runs ``warmup(**kwargs)`` before its first item, outside the
    budget; :class:`WorkerStartError` when one ends or is not ready within :data:`WARMUP_SECONDS`."""
    from joblib.externals.loky.backend.context import get_context

    context = get_context("loky")  # spawn that does not run the caller's main script again
    jobs = max(1, min(worker_count(jobs), len(items)))
    window = window or 4 * jobs
    kwargs = kwargs or {}
    workers: list[_Worker] = []
    finished: dict[int, tuple[object, str | None]] = {}
    given = emitted = 0
    clean = False
    try:
        while emitted < len(items):
            needed = len(items) - given + sum(w.task is not None for w in workers)
            while len(workers) < min(jobs, needed):
                workers.append(_Worker(context, func, kwargs, warmup))
            while given < len(items) and given - emitted < window:
                worker = next((w for w in workers if w.ready and w.task is None), None)
                if worker is None:
                    break
                try:
                    worker.give(given, items[given], budget(items[given]))
                except OSError:  # it died while idle: the item goes to another worker
                    worker.end(kill=True)
                    workers.remove(worker)
                    continue
                given += 1
            while emitted in finished:
                result, reason = finished.pop(emitted)
                yield items[emitted], result, reason
                emitted += 1
            busy = [w for w in workers if w.task is not None or not w.ready]
            if not busy:
                continue
            deadlines = [w.task[1] if w.ready else w.warm_by for w in busy if not w.ready or w.task[1] is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for worker in busy:
                if not worker.ready:
                    _check_warm_up(worker)
                    continue
                index, deadline, seconds = worker.task
                if worker.conn.poll():
                    try:
                        done, result = worker.conn.recv()
                    except (EOFError, OSError):
                        pass
                    else:
                        finished[done] = (result, None)
                        worker.task = None
                        continue
                if not worker.process.is_alive():
                    worker.end(kill=True)
                    reason = f"the worker analysing it ended unexpectedly (exit code {worker.process.exitcode})"
                elif deadline is not None and time.monotonic() >= deadline:
                    worker.end(kill=True)
                    reason = f"past its time budget of {seconds:.1f} s: stopped, and its worker replaced{note}"
                else:
                    continue
                workers.remove(worker)
                finished[index] = (None, reason)
        clean = True
    finally:
        for worker in workers:
            worker.end(kill=not clean)


def _check_warm_up(worker: _Worker) -> None:
    """Mark a warming worker ready when it says so; :class:`WorkerStartError` when it ended or is late."""
    if worker.conn.poll():
        with contextlib.suppress(EOFError, OSError):
            if worker.conn.recv()[0] == _READY:
                worker.ready = True
                return
    if not worker.process.is_alive():
        worker.end(kill=True)
        raise WorkerStartError(f"a worker ended while it was starting (exit code {worker.process.exitcode})")
    if time.monotonic() >= worker.warm_by:
        worker.end(kill=True)
        raise WorkerStartError(f"a worker was not ready within {WARMUP_SECONDS:g} s of its start")


def run_on_dask(func: Callable, items: Sequence, *, jobs: int, kwargs: dict, scheduler: str | None) -> Iterator:
    """``func(item, **kwargs)`` for each item in input order on Dask: a ``LocalCluster`` of ``jobs``
    worker processes, or the scheduler at ``scheduler``. No time budget: Dask cannot stop a task."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=worker_count(jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        limit = 4 * max(1, sum(client.nthreads().values()))
        window: deque = deque()
        for item in items:  # a bounded window of futures, drained in input order
            window.append(client.submit(func, item, pure=False, **kwargs))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _raise_exit(signum, frame) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def exit_on_sigterm() -> Iterator[None]:
    """Within the block SIGTERM raises ``SystemExit(143)`` (main thread only), so cleanup runs."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_exit)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
