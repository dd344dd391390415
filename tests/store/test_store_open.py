"""Store.open: migrations recorded once and in order; clear errors for bad database files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from accord.errors import StoreError
from accord.store import MIGRATIONS, Store
from accord.store.migrations import applied_migrations, apply_migrations


def test_fresh_database_records_every_migration_in_order(tmp_path):
    with Store.open(tmp_path / "m.duckdb") as store:
        applied = store.migrations()
    assert [name for name, _ in applied] == [name for name, _ in MIGRATIONS]
    assert len(MIGRATIONS) >= 2
    assert applied[0][1] <= applied[1][1]


def test_reopening_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store.open(path) as store:
        first = store.migrations()
    with Store.open(path) as store:
        assert store.migrations() == first  # same names, same applied_at
        assert store.counts()["schema_migrations"] == len(MIGRATIONS)
    with Store.open(path, read_only=True) as store:
        assert store.migrations() == first


def test_second_migration_created_its_indexes(tmp_path):
    with Store.open(tmp_path / "m.duckdb") as store:
        names = {r[0] for r in store.connection.execute(
            "SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert {"events_doc", "participants_doc", "mentions_doc", "actor_mentions_doc"} <= names


def test_a_new_migration_is_applied_once_after_the_existing_ones():
    con = duckdb.connect()
    assert apply_migrations(con) == [name for name, _ in MIGRATIONS]
    later = (*MIGRATIONS, ("0099_merge", "CREATE TABLE later_things (id VARCHAR PRIMARY KEY)"))
    assert apply_migrations(con, later) == ["0099_merge"]
    assert apply_migrations(con, later) == []
    assert [n for n, _ in applied_migrations(con)][-1] == "0099_merge"
    assert con.execute("SELECT count(*) FROM later_things").fetchone() == (0,)


def test_failing_migration_leaves_no_trace():
    con = duckdb.connect()
    apply_migrations(con)
    broken = (*MIGRATIONS, ("0099_broken", "CREATE TABLE half (a INT); SELECT * FROM nowhere"))
    with pytest.raises(StoreError, match="0099_broken"):
        apply_migrations(con, broken)
    assert "0099_broken" not in [n for n, _ in applied_migrations(con)]
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "half" not in tables


def test_database_from_a_newer_accord_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES ('0999_future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="newer accord"):
        Store.open(path)


def test_read_only_open_of_unmigrated_database_says_what_to_do(tmp_path):
    path = tmp_path / "plain.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="without read-only"):
        Store.open(path, read_only=True)


def test_not_a_duckdb_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    message = str(info.value)
    assert "not a DuckDB database" in message
    assert "delete or move it" in message
    assert path.read_text().startswith("these are my notes")  # left untouched


def test_corrupt_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "corrupt.duckdb"
    with Store.open(path) as store:
        store.connection.execute("CHECKPOINT")
    data = bytearray(path.read_bytes())
    for i in range(4096, min(len(data), 4096 * 8)):
        data[i] = 0xAB
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="delete or move it"):
        Store.open(path)


def test_missing_database_opened_read_only(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_directory_given_as_database(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "empty.duckdb"
    path.touch()
    with Store.open(path) as store:
        assert store.counts()["documents"] == 0


def test_parent_directories_are_created(tmp_path):
    with Store.open(tmp_path / "a" / "b" / "x.duckdb") as store:
        assert store.counts()["events"] == 0


def test_database_locked_by_another_process(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        start = time.monotonic()
        with pytest.raises(StoreError) as info:
            Store.open(path, wait=0.5)
        assert time.monotonic() - start >= 0.2  # it waited for the holder before giving up
        assert "held by another process" in str(info.value)
        assert "try again in a moment" in str(info.value)
        assert str(holder.pid) in str(info.value)
    finally:
        holder.communicate("", timeout=30)
    deadline = time.monotonic() + 10
    while True:  # the lock goes with the process
        try:
            Store.open(path).close()
            break
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_open_waits_for_a_short_holder(tmp_path):
    """A reader opening while `accord run` commits a batch gets in once the batch is done."""
    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            time.sleep(1.0)
            con.close()
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with Store.open(path, read_only=True, wait=30) as store:
            assert store.counts()["documents"] == 0
    finally:
        holder.wait(timeout=30)


def test_a_memory_limit_caps_duckdb_after_the_migrations(tmp_path):
    """``accord run`` opens the file for each batch with ``BATCH_MEMORY``: the checkpoint on
    closing it then keeps to that instead of growing with the store (issue 15)."""
    from accord.store.db import BATCH_MEMORY

    path = tmp_path / "m.duckdb"
    with Store.open(path, memory_limit=BATCH_MEMORY) as s:
        limit = s.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert limit.endswith("MiB") and 100 < float(limit.split()[0]) <= 128  # see BATCH_MEMORY
        assert s.migrations()  # applied as ever
    with Store.open(path) as s:  # any other connection keeps DuckDB's default
        assert s.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0] != limit
    for bad in ("lots", "1GB; DROP TABLE events", ""):
        with pytest.raises(StoreError, match="not a size"):
            Store.open(path, memory_limit=bad)


def test_threads_sets_duckdb_threads_for_the_connection(tmp_path):
    """``accord run``'s batch connection runs DuckDB on the writer thread alone
    (``BATCH_THREADS``): worker threads of each batch's connection spread DuckDB's freed memory
    over glibc arenas and the writer grew with the run (issue 15)."""
    from accord.store.db import BATCH_THREADS

    path = tmp_path / "t.duckdb"
    with Store.open(path, threads=BATCH_THREADS) as s:
        assert BATCH_THREADS == 1
        assert s.connection.execute("SELECT current_setting('threads')").fetchone()[0] == 1
        assert s.migrations()
    with Store.open(path, threads=3) as s:
        assert s.connection.execute("SELECT current_setting('threads')").fetchone()[0] == 3
    with pytest.raises(StoreError, match="threads must be 1 or more"):
        Store.open(path, threads=0)
