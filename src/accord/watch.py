"""Live news: code what arrives in folders and feeds, and merge it, every few seconds.

Each cycle reads the files that are new or changed since this watcher last read them and
every feed (an http(s) URL, or a feed file, which is just a file), codes what is not stored
yet with ``pipeline.run`` and, when something new was stored, merges incrementally
(``dedup.merge_store``).

Its place across restarts is the store's: ``run`` skips a document already coded from the
same text by the same extractor (its coding key), so after a restart the first cycle reads
every file and feed again, codes only what is missing and stores nothing twice; a feed item
coded before is skipped the same way however often the feed lists it. Nothing is missed
as long as a feed is polled more often than items fall off its end. Within one process the
watcher remembers each file's size and modification time, so an unchanged file is not read
again (a document that could not be coded is not retried every cycle).

A file is taken once it has not changed for ``settle`` seconds: one being copied in would
otherwise be coded half-written, then again whole. Move finished files in (a rename is
atomic) rather than writing them in place, where possible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from accord.model import Problem
from accord.pipeline import STORE_FILES, PipelineOptions, RunReport, StopRequest, run

if TYPE_CHECKING:
    from accord.dedup import MergeOptions
    from accord.ingest import IngestOptions

# Seconds between cycles, by default: news wires publish every few minutes.
INTERVAL = 60.0
# Seconds a file must be unchanged before it is read (see the module docstring).
SETTLE = 2.0
_NAP = 0.2  # seconds between checks of a stop request while waiting for the next cycle


@dataclass(slots=True)
class Cycle:
    """What one cycle did: the files and feeds read, the run, and the merge (None: nothing new
    to merge, or merging off)."""

    files: int = 0
    feeds: int = 0
    run: RunReport = field(default_factory=RunReport)
    merged: object | None = None  # dedup.MergeReport

    @property
    def stopped(self) -> str | None:
        return self.run.stopped


def _is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


class Watcher:
    """Watches ``sources`` (folders, files, feed URLs) into the store ``db``."""

    def __init__(self, sources: Sequence[str | Path], db: str | Path, *, ingest_options: IngestOptions | None = None,
                 options: PipelineOptions = PipelineOptions(), merge: bool = True, merge_options: MergeOptions | None = None,
                 stream: Callable | None = None, settle: float = SETTLE) -> None:
        from accord.ingest import IngestOptions

        self.sources = list(sources)
        self.db = db
        ingest_options = ingest_options or IngestOptions()
        self.ingest_options = replace(ingest_options, exclude=tuple(ingest_options.exclude) + STORE_FILES)
        self.options = options
        self.merge = merge
        self.merge_options = merge_options
        self.stream = stream
        self.settle = settle
        self._read: dict[Path, tuple[int, int]] = {}  # file -> (size, mtime_ns) when last read
        self._missing_told: set[str] = set()
        self._told: set[str] = set()  # problems reported already

    def _files(self, now: float) -> Iterator[tuple[Path, tuple[int, int]] | Problem]:
        """Files new or changed since last read and settled; a Problem (once) for a source that
        is neither a file nor a folder."""
        from accord.ingest.sources import iter_directory

        for source in self.sources:
            if _is_url(source):
                continue
            path = Path(source)
            if path.is_dir():
                files = iter_directory(path, self.ingest_options)
            elif path.is_file():
                files = iter([path])
            else:
                if str(source) not in self._missing_told:
                    self._missing_told.add(str(source))
                    yield Problem(str(source), None, "no such file or directory (yet); watching for it")
                continue
            self._missing_told.discard(str(source))
            for file in files:
                try:
                    st = file.stat()
                except OSError:  # gone since the listing, or a broken link: read_file reports those
                    continue
                stamp = (st.st_size, st.st_mtime_ns)
                if self._read.get(file) != stamp and now - st.st_mtime >= self.settle:
                    yield file, stamp

    def cycle(self, stop: StopRequest | None = None) -> Cycle:
        """Read, code and merge what is new; a Cycle saying what was done."""
        stop = stop or StopRequest()
        out = Cycle()
        found = list(self._files(time.time()))
        problems = [p for p in found if isinstance(p, Problem)]
        files = [f for f in found if not isinstance(f, Problem)]
        feeds = [s for s in self.sources if _is_url(s)]
        out.files, out.feeds = len(files), len(feeds)
        if files or feeds:
            out.run = run([*feeds, *(str(f) for f, _ in files)], self.db, ingest_options=self.ingest_options,
                          options=self.options, stop=stop, stream=self.stream)
            if out.run.stopped is None:  # a stopped run may have left some: read them again next time
                self._read.update(files)
        # a feed lists the same items cycle after cycle: tell each problem once per watcher
        out.run.problems = [p for p in problems + out.run.problems if str(p) not in self._told]
        self._told.update(str(p) for p in out.run.problems)
        if self.merge and out.run.documents and not stop.requested:
            out.merged = self._merge()
        return out

    def _merge(self):
        from accord.dedup import MergeOptions, merge_store
        from accord.store import Store
        from accord.store.db import MERGE_MEMORY
        from accord.views import refresh_facts

        with Store.open(self.db, wait=600.0, memory_limit=MERGE_MEMORY) as store:
            report = merge_store(store, self.merge_options or MergeOptions())
            refresh_facts(store, built=report.touched)  # what the dyad report reads of those just touched
            return report

    def watch(self, interval: float = INTERVAL, stop: StopRequest | None = None,
              on_cycle: Callable[[Cycle], None] | None = None) -> None:
        """Run cycles every ``interval`` seconds until ``stop`` is requested (a signal, with
        ``pipeline.stop_on_signals``); what a cycle coded is committed before it ends."""
        stop = stop or StopRequest()
        while not stop.requested:
            started = time.monotonic()
            result = self.cycle(stop)
            if on_cycle is not None:
                on_cycle(result)
            while not stop.requested and time.monotonic() - started < interval:
                time.sleep(_NAP)
