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


@contextmanager
def engine_stream(engine: str, *, scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """The coding stream for ``engine`` (None: ``run``'s own, local one), ready for the run's
    length: for ``dask``, a client connected to ``scheduler`` or to a local cluster of
    ``workers`` processes, closed on leaving."""
    if engine == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --engine dask")
        yield None
        return
    if engine != "dask":
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    from accord.engines.dask import DaskEngine

    with DaskEngine.connect(scheduler, workers=workers) as dask_engine:
        yield dask_engine.code_stream
