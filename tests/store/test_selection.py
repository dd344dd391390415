"""accord.store.selection's narrow reads, and Store.sibling that lets a reader run them on a
second thread."""

from __future__ import annotations

import threading

import duckdb
import pytest

from accord import dedup
from accord.errors import StoreError
from accord.store import EventFilter, Store
from accord.store.selection import dyad_events_merged_into, event_ids
from report import coded_documents

PAIR = ("AZE", "UKR")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("selection") / "t.duckdb"
    coded = coded_documents()
    with Store.open(path) as store:
        for c in coded[: len(coded) // 2]:
            store.write(c)
        dedup.merge_store(store)
        for c in coded[len(coded) // 2:]:  # written after the merge: in no merged event yet
            store.write(c)
    return path


def test_dyad_events_merged_into_gives_the_pairs_events_with_their_merged_event_in_store_order(db):
    with Store.open(db, read_only=True) as store:
        rows = dyad_events_merged_into(store, PAIR)
        membership = store.merged_membership()
        assert rows == [(e, membership.get(e)) for e in event_ids(store, EventFilter(dyad=PAIR))]
        assert any(m is None for _, m in rows) and any(m is not None for _, m in rows)  # both kinds there


def test_a_sibling_reads_the_same_store_on_another_thread_and_is_closed_after(db):
    with Store.open(db, read_only=True) as store:
        expected = dyad_events_merged_into(store, PAIR)
        got: list = []
        with store.sibling() as other:
            worker = threading.Thread(target=lambda: got.append(dyad_events_merged_into(other, PAIR)))
            worker.start()
            worker.join()
        assert got == [expected]
        with pytest.raises(duckdb.ConnectionException):  # its cursor was closed
            other.connection.execute("SELECT 1")
        assert store.connection.execute("SELECT count(*) FROM events").fetchone()[0] > 0  # still open


def test_a_closed_store_has_no_sibling(db):
    store = Store.open(db, read_only=True)
    store.close()
    with pytest.raises(StoreError, match="closed"), store.sibling():
        pass
