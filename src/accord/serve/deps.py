"""Access to the store for requests: read-only, and held only while requests come.

DuckDB lets one process hold a database file at a time, and opening it costs tens of
milliseconds. The server therefore keeps one read-only connection while requests arrive (each
request gets its own cursor on it, so threads never share one) and closes it once no request
has used it for ``ServeConfig.hold`` seconds: `accord run` then gets the file for its commit,
and the next request opens it again, seeing what was committed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from accord.serve.config import ServeConfig
from accord.store import Store


class StoreHolder:
    def __init__(self, cfg: ServeConfig) -> None:
        self.cfg = cfg
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._last = 0.0
        self._closer: threading.Thread | None = None
        self._writer = threading.Lock()
        self._writing = False

    def acquire(self) -> Store:
        """A read-only Store on its own cursor; give it back with ``release``."""
        while True:
            with self._lock:
                if not self._writing:
                    return self._acquire_locked()
            time.sleep(0.01)  # POST /documents is committing: DuckDB takes one mode per process

    def _acquire_locked(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.cfg.db, read_only=True, wait=self.cfg.wait)
        self._users += 1
        try:
            return Store(self._store.connection.cursor(), self._store.path, read_only=True)
        except BaseException:
            self._users -= 1
            raise

    def release(self, store: Store) -> None:
        store.close()
        with self._lock:
            self._users -= 1
            self._last = time.monotonic()
            if self._users == 0 and self.cfg.hold <= 0:
                self._close_locked()
            elif self._closer is None:
                self._closer = threading.Thread(target=self._close_when_idle, name="accord-store-idle",
                                                daemon=True)
                self._closer.start()

    def _close_when_idle(self) -> None:
        while True:
            time.sleep(min(0.25, self.cfg.hold))
            with self._lock:
                if self._store is None:
                    self._closer = None
                    return
                if self._users == 0 and time.monotonic() - self._last >= self.cfg.hold:
                    self._close_locked()
                    self._closer = None
                    return

    def _close_locked(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Let go of the read-only connection and keep readers out while the caller writes:
        DuckDB refuses a writable connection to a file this process holds read-only."""
        with self._writer:
            while True:
                with self._lock:
                    if self._users == 0:
                        self._close_locked()
                        self._writing = True
                        break
                time.sleep(0.01)
            try:
                yield
            finally:
                with self._lock:
                    self._writing = False

    @contextmanager
    def use(self) -> Iterator[Store]:
        store = self.acquire()
        try:
            yield store
        finally:
            self.release(store)


def config(request: Request) -> ServeConfig:
    return request.app.state.config


def holder(request: Request) -> StoreHolder:
    return request.app.state.stores


def read_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: the store, read-only, for the length of the request."""
    with holder(request).use() as store:
        yield store
