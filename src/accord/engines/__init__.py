"""Where documents are coded: in this machine's processes (``local``, ``accord.pipeline``) or on
a Dask cluster (``dask``, ``accord.engines.dask``).

An engine is a coding stream with ``pipeline.code_stream``'s signature: documents in,
``Coded | Failure`` out. ``pipeline.run`` keeps everything else (coding keys, resume, writes,
the summary), so every engine stores the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from accord.errors import ConfigError

ENGINES = ("local", "dask")


def check(engine: str, scheduler: str | None) -> None:
    """Raise ConfigError for an unknown engine, or a scheduler without the dask engine."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")


@contextmanager
def engine_stream(engine: str, *, scheduler: str | None = None, workers: int | None = None,
                  once: bool = False) -> Iterator:
    """The coding stream for ``engine`` (None: ``run``'s own, local one), ready for the run's
    length: for ``dask``, a client connected to ``scheduler`` or to a local cluster of
    ``workers`` processes, made on the first document to code and closed on leaving, or
    (``once``: a single stream) as soon as the stream ends."""
    check(engine, scheduler)
    if engine == "local":
        yield None
        return
    from accord.engines.dask import LazyDaskEngine

    with LazyDaskEngine(scheduler, workers=workers, once=once) as dask_engine:
        yield dask_engine.code_stream
