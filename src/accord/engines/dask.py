"""Code documents on a Dask cluster: a local one (this machine's cores) or a real one (a
scheduler address, workers started with accord installed).

The input is cut into partitions (``PipelineOptions.chunk_size`` documents); each partition is
one task, coded on a worker by a ``Coder`` built once per worker process and kept
(``code_partition``); a few partitions per worker thread are in flight at a time, so memory
stays flat however long the input. Results come back to the client as ``Coded | Failure``
records and ``pipeline.run`` writes them: the store is one DuckDB file with one writer, and
going through ``run`` keeps the coding keys, resume, batched commits and the run summary
exactly those of a local run (Parquet partitions would need a second ingest path that
reimplements all of it, for a write that is ~10% of a run).

Per-document isolation is the local run's: ``Coder.code_each`` turns an exception in one
document into a Failure. A partition whose task fails as a whole (its worker died) is coded
again one document per task, so only the document that kills a worker is lost. The per-document
time limit (``--doc-timeout``) is not enforced here: it needs SIGALRM in a process's main
thread, and Dask runs tasks in worker threads.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import ConfigError
from accord.model import Document
from accord.pipeline import (
    EXTRACTOR_VERSION,
    Coded,
    Coder,
    Failure,
    PipelineOptions,
    StopRequest,
    _chunks,
    _failure,
    fill_window,
)

if TYPE_CHECKING:
    from distributed import Client, Future

# Seconds to wait for a first worker on a scheduler given by address.
WORKER_WAIT = 60.0
# Dask settings for a local cluster, for the cluster's lifetime (the workers get them from
# their nannies, also when one is restarted). Dask's statistical profiler samples every
# thread's stack 100 times a second and keeps one profile per second, in each worker (its task
# and event-loop threads) and in this process (the scheduler's and nannies' event loop), until
# the last ``distributed.admin.low-level-log-length`` (1,000) seconds: the first ~17 minutes of a
# run each process grew by ~100-250 MB of profile trees that only a dashboard reads, and a local
# cluster has none (``dashboard_address=None``).
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}
# Dask settings for the engine's lifetime in this process (the client; with a local cluster also
# its scheduler and nannies, which pass them to the workers). Dask's developer logs keep the
# last ``low-level-log-length`` (1,000) entries of each: among them every batched message under
# 1 MB sent on a comm (``BatchedSend.recent_message_log``), so the scheduler's sends to each
# worker, and the client's to the scheduler, kept each partition's task with its 64 Documents:
# ~3 KB per article, ~340 MB by the end of a 100,000-article run (the writer's growth), read
# only when debugging Dask itself.
ENGINE_CONFIG = {"distributed.admin.low-level-log-length": 16}
_POLL = 0.2  # seconds between checks of a stop request while waiting on a partition

_CODERS: dict[str | None, Coder] = {}
# One partition at a time per process: spaCy and the coder's lazily built indexes are not
# meant for concurrent threads. Workers started by ``connect`` have one thread each, so the
# lock only serialises the threads of a worker started with more (``dask worker --nthreads``).
_LOCK = threading.Lock()


class WorkerMismatch(ConfigError):
    """A worker runs another accord (code or lexicon) than the client: what it coded would be
    stored under the client's coding keys, and a rerun would wrongly skip those documents."""


def identity(lexicon: Path | None) -> tuple[str, str | None]:
    """This process's extractor: the code fingerprint and the lexicon files' hash."""
    from accord.recoding import code_snapshot, lexicon_source

    code = code_snapshot(EXTRACTOR_VERSION).fingerprint
    return code, lexicon_source(lexicon, code)


_IDENTITY: dict[str | None, tuple[str, str | None]] = {}


def code_partition(documents: list[Document], lexicon: Path | None, batch_size: int,
                   timeout: float | None, expected: tuple[str, str | None]) -> list[Coded | Failure]:
    """Runs on a worker: code one partition with this process's Coder (built on first use)."""
    key = str(lexicon) if lexicon else None
    with _LOCK:
        if key not in _IDENTITY:
            _IDENTITY[key] = identity(lexicon)
        if _IDENTITY[key] != expected:
            raise WorkerMismatch(
                f"Dask worker on {os.uname().nodename} (pid {os.getpid()}) runs a different accord "
                f"(code {_IDENTITY[key][0]}, lexicon {_IDENTITY[key][1]}) than this client (code "
                f"{expected[0]}, lexicon {expected[1]}): install the same accord and --lexicon file on "
                "every worker and restart them")
        coder = _CODERS.get(key)
        if coder is None:
            coder = _CODERS[key] = Coder(lexicon)
        return coder.code_each(documents, batch_size, timeout)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a local cluster starts its worker processes, which keep it ignored:
    Ctrl-C reaches the whole process group, and the run (``pipeline.stop_on_signals``) must
    stop cleanly, commit and close the cluster, not watch its workers die with tracebacks."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskEngine:
    """A connected client; ``code_stream`` is a drop-in for ``pipeline.code_stream``."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @classmethod
    @contextmanager
    def connect(cls, scheduler: str | None = None, *, workers: int | None = None,
                processes: bool = True) -> Iterator[DaskEngine]:
        """A client on ``scheduler`` (an address such as tcp://10.0.0.5:8786), or on a local
        cluster of ``workers`` (default: the cores) single-threaded worker processes
        (``processes=False``: threads of this process, for tests), closed on leaving."""
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError("--engine dask needs Dask: pip install 'dask[distributed]'") from None
        cluster = None
        settings = ExitStack()
        settings.enter_context(dask.config.set(ENGINE_CONFIG))  # before the client's comms exist
        try:
            if scheduler:
                try:
                    client = Client(scheduler, timeout="30s")
                except (OSError, TimeoutError) as exc:
                    raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start it "
                                      "with `dask scheduler` and check the address") from None
            else:
                settings.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
                with _sigint_ignored():  # inherited by the workers: see _sigint_ignored
                    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                           processes=processes, dashboard_address=None)
                client = Client(cluster)
        except BaseException:
            if cluster is not None:
                cluster.close()
            settings.close()
            raise
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise ConfigError(f"no Dask worker joined the scheduler at {scheduler} in {WORKER_WAIT:g} s: "
                                  f"start workers with `dask worker {scheduler}` where accord is installed") from None
            yield cls(client)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
            settings.close()

    def code_stream(self, documents: Iterable[Document], options: PipelineOptions = PipelineOptions(),
                    stop: StopRequest | None = None) -> Iterator[Coded | Failure]:
        """Per document in input order: a ``Coded`` or a Failure, coded on the cluster. Ends
        early, cancelling the partitions in flight, once ``stop`` is requested."""
        stop = stop or StopRequest()
        expected = identity(options.lexicon)
        args = (options.lexicon, options.batch_size, options.doc_timeout, expected)
        threads = sum(self.client.nthreads().values()) or 1
        window = 2 * threads  # partitions in flight: every thread busy, the input not all in memory
        chunks = _chunks(documents, options.chunk_size)
        pending: deque = deque()
        try:
            while True:
                fill_window(pending, chunks, window, stop,
                            lambda chunk: self.client.submit(code_partition, chunk, *args, pure=False))
                if not pending or stop.requested:
                    return
                chunk, future = pending.popleft()
                results = self._wait(future, stop)
                if results is None:
                    return
                if isinstance(results, BaseException):
                    results = self._one_by_one(chunk, args, stop)
                    if results is None:
                        return
                yield from results
        finally:
            for _, future in pending:
                future.cancel()

    def _wait(self, future: Future, stop: StopRequest) -> list[Coded | Failure] | BaseException | None:
        """The partition's results, its exception (a WorkerMismatch is raised), or None on a stop.

        Waits for the task to end, then fetches its results with no time limit: a timeout on
        ``future.result`` can cancel the fetch before it starts, and Dask's client then keeps the
        cancelled fetch and fails every later one (every later document a Failure; seen under
        load, see tests/engines)."""
        done = threading.Event()
        future.add_done_callback(lambda _: done.set())
        while not done.wait(_POLL):
            if stop.requested:
                return None
        try:
            return future.result()
        except WorkerMismatch:
            raise
        except Exception as exc:  # any failure: the task died: the caller isolates its documents
            return exc

    def _one_by_one(self, chunk: list[Document], args: tuple[Any, ...], stop: StopRequest) -> list[Coded | Failure] | None:
        futures = [self.client.submit(code_partition, [d], *args, pure=False) for d in chunk]
        out: list[Coded | Failure] = []
        for d, future in zip(chunk, futures, strict=True):
            result = self._wait(future, stop)
            if result is None:
                for f in futures:
                    f.cancel()
                return None
            out.append(_failure(d, result, "coding (on a Dask worker)") if isinstance(result, BaseException)
                       else result[0])
        return out


class LazyDaskEngine:
    """A ``DaskEngine`` connected on the first document to code: a rerun with nothing new
    starts no cluster (seconds) and needs no scheduler. Close it (a context manager) to
    close the client and the local cluster, if any.

    ``once``: for a single stream (``accord run``): the client and cluster are closed as soon as
    the stream ends, so that the run's last commit and its actor-registry rebuild do not hold
    the workers' memory too (the local engine's pool ends there as well); a later stream
    connects again. Without it (``accord watch``) the cluster is kept from one stream to the next."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None, processes: bool = True,
                 once: bool = False) -> None:
        self._how = (scheduler, workers, processes)
        self._once = once
        self._stack = ExitStack()
        self._engine: DaskEngine | None = None

    def __enter__(self) -> LazyDaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self._engine = None
        self._stack.close()

    def code_stream(self, documents: Iterable[Document], options: PipelineOptions = PipelineOptions(),
                    stop: StopRequest | None = None) -> Iterator[Coded | Failure]:
        documents = iter(documents)
        first = next(documents, None)
        if first is None:
            return
        if self._engine is None:
            scheduler, workers, processes = self._how
            self._engine = self._stack.enter_context(DaskEngine.connect(scheduler, workers=workers,
                                                                        processes=processes))
        try:
            yield from self._engine.code_stream(itertools.chain([first], documents), options, stop)
        finally:
            if self._once:
                self._engine = None
                self._stack.close()

    @property
    def connected(self) -> bool:
        """Whether a client (and a local cluster, if any) is open."""
        return self._engine is not None
