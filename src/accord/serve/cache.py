"""Answers that are costly to compute (a dyad's analytics, its brief) kept in memory until the
store changes: they are pure functions of the store, and the store changes only when a writer
(`accord run`, `accord merge`, POST /documents) commits, which changes its files' size or time."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path


def store_stamp(db: Path | str) -> tuple:
    """What changes when anything is committed to the store: its file's and WAL's size and time."""
    out: list[tuple[int, int] | None] = []
    for path in (Path(db), Path(f"{db}.wal")):
        try:
            st = os.stat(path)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


class AnswerCache:
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, db: Path | str, key: tuple, compute: Callable[[], bytes]) -> bytes:
        full = (store_stamp(db), *key)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
        value = compute()  # outside the lock: other answers need not wait for this one
        with self._lock:
            self._items[full] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
