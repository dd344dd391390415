"""Stream what a writer function writes, as it writes it, without holding the whole file.

accord's exporters are written for files: ``write_jsonl(store, out, flt)`` and the like push
text into ``out``. A response body is pulled instead. ``piped`` runs the writer in a thread
that pushes into a small bounded queue and yields the chunks as they come: memory stays at a
few chunks however large the export, a slow client slows the writer down (the queue is full),
and a client that goes away stops it (its next write raises).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

CHUNK = 64 * 1024  # bytes per yielded chunk
_DEPTH = 8  # chunks waiting at most: the memory an export holds


class _Gone(Exception):
    """The reader stopped: the writer thread unwinds through this."""


class _QueueWriter:
    """A text file whose writes arrive, in chunks of about ``CHUNK`` bytes, on a queue."""

    def __init__(self, out: queue.Queue, stop: threading.Event) -> None:
        self._out, self._stop = out, stop
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._parts.append(data)
        self._size += len(data)
        if self._size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self._parts:
            return
        chunk, self._parts, self._size = b"".join(self._parts), [], 0
        while True:
            if self._stop.is_set():
                raise _Gone
            try:
                self._out.put(chunk, timeout=0.25)
                return
            except queue.Full:
                continue


_END = object()


def piped(write: Callable[[IO[str]], Any], done: Callable[[], None] = lambda: None) -> Iterator[bytes]:
    """The text ``write(out)`` writes, as UTF-8 chunks; ``done`` runs once the writer has
    finished or given up (e.g. to give back the store it read)."""
    chunks: queue.Queue = queue.Queue(maxsize=_DEPTH)
    stop = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            out = _QueueWriter(chunks, stop)
            write(out)  # type: ignore[arg-type]
            out.flush()
        except _Gone:
            pass
        except BaseException as exc:  # handed to the reader, which raises it
            failure.append(exc)
        finally:
            done()
            while not stop.is_set():
                try:
                    chunks.put(_END, timeout=0.25)
                    break
                except queue.Full:
                    continue

    thread = threading.Thread(target=run, name="accord-export", daemon=True)
    thread.start()
    try:
        while True:
            chunk = chunks.get()
            if chunk is _END:
                break
            yield chunk
        if failure:
            raise failure[0]
    finally:
        stop.set()  # the client went away, or the body is complete: either way the writer ends
        thread.join(30)


def file_chunks(path: Path, done: Callable[[], None] = lambda: None) -> Iterator[bytes]:
    """A file's bytes in chunks; ``done`` runs after the last (e.g. to remove the file)."""
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk
    finally:
        done()
