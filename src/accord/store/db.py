"""The Store: a DuckDB file holding documents, actor mentions and events."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from accord.errors import StoreBusyError, StoreError
from accord.model import Actor, CodedDocument, Document, Event, Provenance, may_commit
from accord.store import queries as q
from accord.store.clock import utcnow
from accord.store.facts import FactsTables
from accord.store.merged import MergedTables
from accord.store.migrations import (
    MIGRATIONS,
    applied_migrations,
    apply_migrations,
    pending_migrations,
)
from accord.store.queries import EventFilter
from accord.store.registry import RegistryTables

MIN_PREFIX = 4
_CHILD_TABLES = ("event_mentions", "event_participants", "events", "actor_mentions", "commitment_events")


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What ``Store.write`` did: ``new_document`` is False when the document replaced itself."""

    doc_id: str
    new_document: bool
    events: int
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodingRecord:
    """How a document was coded (``accord.recoding``): the code and lexicon fingerprints and its
    words, which decide whether a later lexicon change can touch it."""

    code_fingerprint: str
    lexicon_fingerprint: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredCoding:
    """What the store knows of a stored document's coding: its coding key, and the fingerprints
    it was coded with (None for a document stored before accord kept them)."""

    key: str
    code_fingerprint: str | None = None
    lexicon_fingerprint: str | None = None


@dataclass(frozen=True, slots=True)
class DyadSummary:
    """Events between two countries (unordered; ``pair`` is sorted)."""

    pair: tuple[str, str]
    events: int
    by_type: dict[str, int] = field(default_factory=dict)
    first: dt.date | None = None  # earliest event day (document day when the event has none)
    last: dt.date | None = None  # latest such day
    mean_intensity: float | None = None  # over events that have an intensity
    documents: int = 0
    first_as_written: str | None = None  # the earliest date at its precision ("2020", "2020-06")
    last_as_written: str | None = None


DEFAULT_WAIT = 20.0  # seconds: far more than a batch commit of `accord run` takes

# DuckDB's memory while `accord run` holds the file to commit one batch. Closing the file
# checkpoints it, and now and then a checkpoint rewrites data in proportion to the whole store
# (measured: up to ~950 MB more on 100,000 articles, for a few seconds, with DuckDB's default
# of 80% of RAM); capped, it keeps to this (the batch itself needs a few MB) at the same speed.
# These checkpoints were the writer's late spikes on a 100,000-article run: +280 MB at 256MB,
# +160 MB at 128MB (measured with 100,000-130,000 articles in the store), at the same speed.
BATCH_MEMORY = "128MB"
# DuckDB's threads on a connection that writes one batch: 1, the calling thread (the run's one
# writer thread). A batch is a few hundred rows, too small to share out, and every connection
# starts its own worker threads, which glibc gives an arena of their own: the native memory
# they freed then sat in another arena each batch and the writer's RSS grew with the run
# (+40 MB over 12,000 articles into a 99,000-article store, and ~210 -> ~550 MB over a
# 100,000-article Dask run; flat with the batches in one thread and DuckDB on it).
BATCH_THREADS = 1
# DuckDB's memory while `accord merge` (or `accord watch`'s merge) holds the file: refreshing the
# dyad facts of every merged event after an upgrade writes them in batches, and uncapped DuckDB
# kept every block it touched (1.3 GB peak on 100,000 articles, ~0.6 GB capped); a day's merge
# takes as long either way
MERGE_MEMORY = "512MB"
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _connect(name: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried with a growing pause while another process holds the file."""
    start = time.monotonic()
    pause = 0.02
    while True:
        try:
            return duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            waited = time.monotonic() - start
            if not _is_lock_error(exc) or waited + pause > wait:
                raise _open_error(name, exc, read_only, waited) from exc
        time.sleep(pause)
        pause = min(pause * 1.5, 0.5)


def _is_lock_error(exc: duckdb.Error) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def _open_error(path: str, exc: duckdb.Error, read_only: bool, waited: float = 0.0) -> StoreError:
    msg = str(exc)
    if _is_lock_error(exc):
        pid = re.search(r"PID (\d+)", msg)
        holder = f" (PID {pid[1]})" if pid else ""
        after = f" for {waited:.0f} s" if waited >= 1 else ""
        return StoreBusyError(
            f"{path} is held by another process{holder}{after}. An `accord run` holds it only "
            "while it commits a batch, so try again in a moment; if the holder is another "
            "program (a DuckDB shell, a notebook), close its connection"
        )
    if "not a valid DuckDB database" in msg:
        return StoreError(
            f"{path} exists but is not a DuckDB database: delete or move it, "
            "or choose another database path"
        )
    if read_only and "does not exist" in msg:
        return StoreError(f"no database at {path}: run `accord run ... --db {path}` first")
    if "No such file or directory" in msg or "Permission denied" in msg:
        return StoreError(f"cannot open {path}: {msg}")
    return StoreError(
        f"cannot open {path}; the file may be corrupt or from an incompatible DuckDB version "
        f"({msg}): delete or move it, or choose another database path"
    )


class Store(MergedTables, FactsTables, RegistryTables):
    """Documents, actor mentions and events in one DuckDB database.

    Open with ``Store.open(path)``; use as a context manager or call ``close()``. Writes are
    one transaction per call (``write`` one document, ``write_many`` a batch) and idempotent
    on the document id.

    DuckDB lets one process at a time hold a database file (readers included), so both sides
    keep it short: ``accord run`` opens the file only to commit a batch, and ``open`` waits up
    to ``wait`` seconds for a holder to let go before it gives up.

    Every query lives here and in the mixins for the derived tables: ``MergedTables`` (merged
    events, ``accord.store.merged``), ``FactsTables`` (the dyad report's facts of each merged event,
    ``accord.store.facts``) and ``RegistryTables`` (the actor registry, ``accord.store.registry``);
    every writer goes through ``transaction``.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self._types: dict[str, dict[str, str]] = {}  # column types per table, for _insert

    # --- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = "accord.duckdb", *, read_only: bool = False,
             wait: float = DEFAULT_WAIT, memory_limit: str | None = None, threads: int | None = None) -> Store:
        """Open (creating when needed) the database at ``path`` and apply pending migrations.

        ``":memory:"`` gives a private in-memory database. A zero-byte file is treated as a
        new database. While another process holds the file (``accord run`` committing a
        batch), retry for up to ``wait`` seconds. ``memory_limit`` ("256MB"; None: DuckDB's
        default, 80% of RAM) caps DuckDB's memory once the migrations are applied: beyond it
        DuckDB evicts or spills to disk (``BATCH_MEMORY`` for a connection that writes one
        batch). ``threads`` (None: one per core) is DuckDB's threads for the connection's life
        (``BATCH_THREADS`` for a batch). Raises StoreError with the next step when the file stays locked, is not a
        DuckDB file, is corrupt, or needs migrating but is opened read-only.
        """
        if memory_limit is not None and not _MEMORY.fullmatch(memory_limit.strip()):
            raise StoreError(f"memory limit {memory_limit!r} is not a size such as 256MB or 2GB")
        name = str(path)
        if name != ":memory:":
            p = Path(name).expanduser()
            name = str(p)
            if p.is_dir():
                raise StoreError(f"{name} is a directory: give the path of a database file")
            if not read_only:
                if p.exists() and p.stat().st_size == 0:
                    p.unlink()  # an empty placeholder (e.g. a fresh temp file): start anew
                p.parent.mkdir(parents=True, exist_ok=True)
        elif read_only:
            raise StoreError("an in-memory database cannot be opened read-only")
        if threads is not None and threads < 1:
            raise StoreError(f"threads must be 1 or more, not {threads}")
        con = _connect(name, read_only, wait)
        try:
            if threads is not None:  # an int, checked above; SET, not connect's config, which
                # fails while another connection of this process has the file open
                con.execute(f"SET threads = {int(threads)}")
            if read_only:
                pending = pending_migrations(con, MIGRATIONS)
                if pending:
                    raise StoreError(
                        f"{name} needs schema migration(s) {', '.join(n for n, _ in pending)}: "
                        "open it once without read-only (e.g. run any writing accord command)"
                    )
            else:
                apply_migrations(con, MIGRATIONS)
            if memory_limit is not None:  # checked above: a size, never other SQL
                con.execute(f"SET memory_limit = '{memory_limit.strip()}'")
        except StoreError:
            con.close()
            raise
        except duckdb.Error as exc:
            con.close()
            raise _open_error(name, exc, read_only) from exc
        return cls(con, name, read_only)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def sibling(self) -> Iterator[Store]:
        """A second handle on the same open database for another thread, closed after use: a
        DuckDB cursor, its own connection to the same instance. DuckDB runs the queries of two
        cursors at once and lets go of the GIL while it does, so a reader can work on one
        result while the next query runs (``accord.views.dyad``)."""
        cursor = self.connection.cursor()
        try:
            yield Store(cursor, self.path, self.read_only)
        finally:
            cursor.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else ("read-only" if self.read_only else "open")
        return f"Store({self.path!r}, {state})"

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw DuckDB connection, for analytics that query the tables directly."""
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._con

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def migrations(self) -> list[tuple[str, dt.datetime]]:
        """Applied migrations (name, applied_at UTC), oldest first."""
        return applied_migrations(self.connection)

    # --- writing -----------------------------------------------------------------------------

    def write(self, coded: CodedDocument, *, extractor_version: str = "",
              coding_key: str = "") -> WriteResult:
        """Store a coded document in one transaction, replacing any earlier version of it.

        Everything stored for the document id (its row, actor mentions, events with their
        participants and mentions) is deleted and written anew, so writing the same document
        twice leaves the row counts unchanged. The first ``ingested_at`` is kept.
        """
        return self.write_many([coded], extractor_version=extractor_version,
                               coding_keys=[coding_key])[0]

    def write_many(self, batch: Sequence[CodedDocument], *, extractor_version: str = "",
                   coding_keys: Sequence[str] | None = None,
                   coding: Sequence[CodingRecord | None] | None = None) -> list[WriteResult]:
        """Store coded documents in one transaction, each replacing any earlier version of it.

        One statement per table for the whole batch: much cheaper than a transaction per
        document. ``coding_keys`` (one per document) record what each was coded from, so a
        later run can skip it (``coded_keys``); ``coding`` (one per document, or None) records
        the fingerprints and words that let a later lexicon change skip it (``coding_states``).
        All or nothing: on error no document of the batch is stored.
        """
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it without read-only to write")
        keys = list(coding_keys) if coding_keys is not None else [""] * len(batch)
        if len(keys) != len(batch):
            raise StoreError(f"{len(batch)} documents but {len(keys)} coding keys")
        records = list(coding) if coding is not None else [None] * len(batch)
        if len(records) != len(batch):
            raise StoreError(f"{len(batch)} documents but {len(records)} coding records")
        last: dict[str, int] = {}  # a document twice in one batch: the later one wins
        for k, coded in enumerate(batch):
            doc = coded.document
            if not doc.id:
                raise StoreError("cannot store a document without an id (ingest assigns one)")
            for event in coded.events:
                if event.doc_id and event.doc_id != doc.id:
                    raise StoreError(
                        f"event {event.type} at {event.trigger.start} belongs to document "
                        f"{event.doc_id[:12]}, not to {doc.id[:12]} that it was written with"
                    )
            last[doc.id] = k
        chosen = sorted(last.values())
        if not chosen:
            return []

        event_rows: list[list[Any]] = []
        participant_rows: list[list[Any]] = []
        mention_rows: list[list[Any]] = []
        actor_rows: list[list[Any]] = []
        commitment_rows: list[list[Any]] = []
        ids_of: dict[str, list[str]] = {}
        for k in chosen:
            coded = batch[k]
            doc = coded.document
            ids = q.assign_event_ids(coded)
            ids_of[doc.id] = ids
            for ord_, (event, event_id) in enumerate(zip(coded.events, ids, strict=True)):
                row = q.event_row(event, event_id, doc, ord_)
                browse = q.browse_cols(event, row, doc)
                event_rows.append([*row, *browse])
                if may_commit(event.status, event.type, event.date.value if event.date else None, doc.published):
                    commitment_rows.append(q.commitment_row(row, browse))
                for side, actors in (("actor", event.actor), ("recipient", event.recipient)):
                    for idx, actor in enumerate(actors):
                        participant_rows.append([event_id, doc.id, side, idx, *q.actor_cols(actor)])
                for idx, span in enumerate(event.mentions):
                    mention_rows.append([event_id, doc.id, idx, span.start, span.end, span.text])
            actor_rows.extend([doc.id, idx, *q.actor_cols(a)] for idx, a in enumerate(coded.actors))

        con = self.connection
        now = utcnow()
        doc_ids = [batch[k].document.id for k in chosen]

        def failed(exc: duckdb.Error) -> StoreError:
            what = (f"document {doc_ids[0][:12]} ({batch[chosen[0]].document.doc_origin or batch[chosen[0]].document.origin})"
                    if len(chosen) == 1 else f"a batch of {len(chosen)} documents")
            if isinstance(exc, duckdb.ConstraintException) and "duplicate key" in str(exc).lower():
                return StoreError(f"cannot store {what}: an event id is already used by another document ({exc})")
            return StoreError(f"cannot store {what}: {exc}")

        with self.transaction(failed):
            found = dict(con.execute(
                "SELECT id, ingested_at FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [doc_ids],
            ).fetchall())
            if found:  # a new document has no rows anywhere: every write is transactional
                old = [i for i in doc_ids if i in found]
                for table in _CHILD_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [old])
                con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [old])
            # no documents row to go with it (an older run died between tables is impossible,
            # but a row left by hand would double): always cleared for the batch
            con.execute("DELETE FROM document_coding WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])
            self._insert("documents", q.DOCUMENT_COLUMNS, [
                q.document_row(batch[k].document, found.get(batch[k].document.id, now), now,
                               extractor_version, keys[k])
                for k in chosen
            ])
            self._insert("document_coding", q.CODING_COLUMNS, [
                [batch[k].document.id, r.code_fingerprint, r.lexicon_fingerprint, list(r.words),
                 p.gazetteer if (p := batch[k].provenance) is not None else None]
                for k in chosen if (r := records[k]) is not None
            ])
            self._insert("events", (*q.EVENT_COLUMNS, *q.BROWSE_COLUMNS), event_rows)
            self._insert("event_participants", q.PARTICIPANT_COLUMNS, participant_rows)
            self._insert("event_mentions", q.MENTION_COLUMNS, mention_rows)
            self._insert("actor_mentions", q.ACTOR_MENTION_COLUMNS, actor_rows)
            self._insert("commitment_events", q.COMMITMENT_COLUMNS, commitment_rows)
        results = {batch[k].document.id: WriteResult(batch[k].document.id, batch[k].document.id not in found,
                                                     len(ids_of[batch[k].document.id]),
                                                     tuple(ids_of[batch[k].document.id]))
                   for k in chosen}
        return [results[c.document.id] for c in batch]

    def coded_keys(self) -> dict[str, str]:
        """Document id -> the coding key it was stored with ('' for documents from before keys)."""
        return dict(self._query("SELECT id, coding_key FROM documents"))

    def coding_states(self) -> dict[str, StoredCoding]:
        """Document id -> its coding key and the fingerprints it was coded with."""
        rows = self._query(
            "SELECT d.id, d.coding_key, c.code_fingerprint, c.lexicon_fingerprint "
            "FROM documents d LEFT JOIN document_coding c ON c.doc_id = d.id")
        return {i: StoredCoding(key or "", code, lexicon) for i, key, code, lexicon in rows}

    def lexicon_fingerprints(self) -> dict[str, int]:
        """Lexicon fingerprint -> the number of stored documents coded with it."""
        return dict(self._query(
            "SELECT lexicon_fingerprint, count(*) FROM document_coding GROUP BY ALL"))

    def documents_with_words(self, lexicon_fingerprint: str, words: Sequence[str]) -> set[str]:
        """Ids of the documents coded with ``lexicon_fingerprint`` that contain any of ``words``."""
        if not words:
            return set()
        return {r[0] for r in self._query(
            "SELECT doc_id FROM document_coding WHERE lexicon_fingerprint = ? "
            "AND list_has_any(words, ?::VARCHAR[])", [lexicon_fingerprint, list(words)])}

    def provenance(self, doc_id: str) -> Provenance | None:
        """What coded a stored document: the coder's version and its lexicon and gazetteer
        fingerprints ('' where not recorded); None when there is no such document."""
        rows = self._query(
            "SELECT d.extractor_version, c.lexicon_fingerprint, c.gazetteer_fingerprint "
            "FROM documents d LEFT JOIN document_coding c ON c.doc_id = d.id WHERE d.id = ?", [doc_id])
        if not rows:
            return None
        version, lexicon, gazetteer = rows[0]
        return Provenance(version or "", lexicon or "", gazetteer or "")

    def relabel_lexicon(self, doc_ids: Sequence[str], lexicon_fingerprint: str) -> int:
        """Record that documents, untouched by a lexicon change, stand as coded with
        ``lexicon_fingerprint`` (their events stay). Returns the number relabelled."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it without read-only to write")
        if not doc_ids:
            return 0
        try:
            rows = self.connection.execute(
                "UPDATE document_coding SET lexicon_fingerprint = ? "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [lexicon_fingerprint, list(doc_ids)]).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"cannot record the lexicon of {len(doc_ids)} document(s) in {self.path}: {exc}") from exc
        return int(rows[0][0]) if rows else 0

    def save_snapshot(self, kind: str, fingerprint: str, parts: dict[str, str]) -> None:
        """Keep the parts behind an extractor fingerprint (once per fingerprint)."""
        if self.read_only:
            return
        names = sorted(parts)
        try:
            self.connection.execute(
                "INSERT OR IGNORE INTO extractor_snapshots (kind, fingerprint, names, digests, created_at) "
                "VALUES (?, ?, ?, ?, ?)", [kind, fingerprint, names, [parts[n] for n in names], utcnow()])
        except duckdb.Error as exc:
            raise StoreError(f"cannot record the extractor fingerprint in {self.path}: {exc}") from exc

    def snapshot(self, kind: str, fingerprint: str) -> dict[str, str] | None:
        """The parts saved for a fingerprint, or None when none were saved."""
        rows = self._query("SELECT names, digests FROM extractor_snapshots WHERE kind = ? AND fingerprint = ?",
                           [kind, fingerprint])
        if not rows:
            return None
        names, digests = rows[0]
        return dict(zip(names, digests, strict=True))

    @contextmanager
    def transaction(self, failure: str | Callable[[duckdb.Error], StoreError]
                    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction around the block: committed when it ends, rolled back when it raises.

        A DuckDB error becomes the StoreError that ``failure`` makes of it (a message: "failure:
        error"); any other exception is raised as it is, after the rollback.
        """
        con = self.connection
        try:
            con.execute("BEGIN TRANSACTION")
            yield con
            con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):  # the transaction may already be aborted; the original error matters
                con.execute("ROLLBACK")
            if not isinstance(exc, duckdb.Error):
                raise
            raise (StoreError(f"{failure}: {exc}") if isinstance(failure, str) else failure(exc)) from exc

    def _delete_in(self, table: str, column: str, values: Sequence[str]) -> None:
        """Delete the rows whose ``column`` is one of ``values`` (names from code, never input)."""
        self.connection.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))",
                                [list(values)])

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
        """Insert rows column-wise: one list parameter per column, unnested together.

        Much cheaper than ``executemany`` (a round trip per row) or a multi-row VALUES
        (binding cost grows with every value): each table takes one statement per document.
        """
        if not rows:
            return
        con = self.connection
        types = self._types.get(table)
        if types is None:
            types = dict(con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE schema_name = 'main' AND table_name = ?",
                [table],
            ).fetchall())
            self._types[table] = types
        selects = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(
            f"INSERT INTO {table} ({names}) SELECT {selects}",
            [list(col) for col in zip(*rows, strict=True)],
        )

    # --- documents ---------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM documents WHERE id = ?", [doc_id]))

    def document(self, ref: str) -> Document | None:
        """A document by full id, by ``doc_origin`` or ``origin``, or by a unique id prefix.

        Prefixes need at least 4 characters. Raises StoreError when the reference matches
        several documents (the message lists them); returns None when it matches none.
        """
        ref = ref.strip()
        if not ref:
            return None
        rows = self._query(f"{q.DOCUMENT_SELECT} WHERE id = ?", [ref])
        if not rows:
            rows = self._query(
                f"{q.DOCUMENT_SELECT} WHERE doc_origin = ? ORDER BY id LIMIT 11", [ref]
            )
        if not rows:
            rows = self._query(f"{q.DOCUMENT_SELECT} WHERE origin = ? ORDER BY id LIMIT 11", [ref])
        if not rows and len(ref) >= MIN_PREFIX:
            rows = self._query(
                f"{q.DOCUMENT_SELECT} WHERE starts_with(id, ?) ORDER BY id LIMIT 11", [ref]
            )
        if not rows:
            return None
        if len(rows) > 1:
            listed = ", ".join(f"{r[0][:12]} ({r[1] or r[2]})" for r in rows[:10])
            raise StoreError(
                f"{ref!r} matches several documents: {listed}; give more of the id"
            )
        return q.document_from_row(rows[0])

    def documents(self) -> list[Document]:
        """Every document, by publication date (undated last), then doc_origin, then id."""
        rows = self._query(
            f"{q.DOCUMENT_SELECT} ORDER BY published NULLS LAST, doc_origin, origin_line, id"
        )
        return [q.document_from_row(r) for r in rows]

    def event_counts(self) -> dict[str, int]:
        """Events per document id (documents without events are absent)."""
        return {doc_id: int(n) for doc_id, n in self._query("SELECT doc_id, count(*) FROM events GROUP BY doc_id")}

    # --- events and actors -------------------------------------------------------------------

    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        """Events matching ``flt``, by date (undated last), then document, then position."""
        where, params = q.filter_sql(flt)
        rows = self._query(f"{q.EVENT_SELECT} WHERE {where} {q.EVENT_ORDER}", params)
        return [q.event_from_row(r) for r in rows]

    def actor_mentions(self, doc_id: str | None = None) -> list[tuple[str, Actor]]:
        """Every resolved actor mention as (doc_id, Actor), in document order."""
        sql = f"SELECT doc_id, {q.ACTOR_FIELDS} FROM actor_mentions"
        params: list[Any] = []
        if doc_id:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += " ORDER BY doc_id, idx"
        names = ["text", "country", "sector", "entity", "role", "start", "end", "span_text",
                 "confidence", "reason"]
        return [
            (row[0], q.actor_from_mapping(dict(zip(names, row[1:], strict=True))))
            for row in self._query(sql, params)
        ]

    # --- summaries ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for every table in the database (migrations included)."""
        tables = self._query(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
            "AND NOT temporary ORDER BY table_name"
        )
        return {
            name: int(self._query(f'SELECT count(*) FROM "{name}"')[0][0]) for (name,) in tables
        }

    def dyads(self, flt: EventFilter = EventFilter()) -> list[DyadSummary]:
        """One summary per unordered pair of countries that take part in the same event.

        An event with countries {A, B, C} counts for A-B, A-C and B-C. Ordered by number of
        events (most first), then pair.
        """
        where, params = q.filter_sql(flt)
        # the events table is joined for the filter only when there is one
        filtered = "JOIN events e ON e.id = p.event_id" if where != "TRUE" else ""
        # one pass: per pair (grouping set 1) and per pair and type (grouping set 0)
        rows = self._query(
            f"""
            WITH ec AS (
                SELECT DISTINCT p.event_id, p.country
                FROM event_participants p {filtered}
                WHERE p.country IS NOT NULL AND {where}
            ),
            pairs AS (
                SELECT a.event_id, a.country AS c1, b.country AS c2
                FROM ec a JOIN ec b ON a.event_id = b.event_id AND a.country < b.country
            )
            SELECT c1, c2, e.type, grouping(e.type), count(*), min(e.day_first), max(e.day_first),
                   avg(e.intensity), count(DISTINCT e.doc_id),
                   arg_min(coalesce(e.date_value, CAST(e.day_first AS VARCHAR)), e.day_first),
                   arg_max(coalesce(e.date_value, CAST(e.day_first AS VARCHAR)), e.day_first)
            FROM pairs JOIN events e ON e.id = pairs.event_id
            GROUP BY GROUPING SETS ((c1, c2), (c1, c2, e.type))
            """,
            params,
        )
        summary = sorted(((r[0], r[1], *r[4:]) for r in rows if r[3]), key=lambda r: (-r[2], r[0], r[1]))
        by_type: dict[tuple[str, str], dict[str, int]] = {}
        for c1, c2, type_, _, n, *_rest in sorted((r for r in rows if not r[3]), key=lambda r: (r[0], r[1], -r[4], r[2])):
            by_type.setdefault((c1, c2), {})[type_] = int(n)
        return [
            DyadSummary(
                pair=(c1, c2), events=int(n), by_type=by_type.get((c1, c2), {}),
                first=first, last=last,
                mean_intensity=None if mean is None else float(mean), documents=int(docs),
                first_as_written=first_text, last_as_written=last_text,
            )
            for c1, c2, n, first, last, mean, docs, first_text, last_text in summary
        ]
