"""The store's methods over the merged-event tables and its one transaction helper."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.errors import StoreError
from accord.store import Store
from accord.store.clock import utcnow
from accord.store.merged import GROUP_COLUMNS, MergeWrite


def _group(gid: str, now: dt.datetime, members: int = 1) -> list:
    row = dict.fromkeys(GROUP_COLUMNS)
    row.update(id=gid, block="CONSULT|AZE+UKR", founder_event_id=f"{gid}-e0", type="CONSULT", status="occurred",
               countries=["AZE", "UKR"], num_members=members, num_mentions=members, num_documents=members,
               num_sources=1, created_at=now, updated_at=now)
    return [row[c] for c in GROUP_COLUMNS]


def _member(gid: str, k: int, now: dt.datetime) -> list:
    return [gid, f"{gid}-e{k}", f"doc{k}", k, "fp", None if k == 0 else 1.5, "founded" if k == 0 else "joined", now]


@pytest.fixture()
def store():
    with Store.open(":memory:") as s:
        yield s


def test_write_merge_then_read_back(store):
    now = utcnow()
    assert not store.has_merges() and store.merged_ids() == []
    store.write_merge(MergeWrite(members=[_member("Mabcd1", 0, now), _member("Mabcd1", 1, now),
                                          _member("Mabcd2", 0, now)],
                                 groups=[_group("Mabcd1", now, 2), _group("Mabcd2", now)]))
    assert store.has_merges()
    assert sorted(store.merged_ids()) == ["Mabcd1", "Mabcd2"]
    assert store.merged_membership() == {"Mabcd1-e0": "Mabcd1", "Mabcd1-e1": "Mabcd1", "Mabcd2-e0": "Mabcd2"}
    rows = store.merged_member_rows(["Mabcd1"])
    assert [(r[0], r[1], r[3]) for r in rows] == [("Mabcd1", "Mabcd1-e0", "founded"), ("Mabcd1", "Mabcd1-e1", "joined")]
    assert store.resolve_merged_id("Mabcd1") == "Mabcd1"
    assert store.resolve_merged_id("Mab") is None  # prefixes need 4 characters
    with pytest.raises(StoreError, match="several merged events"):
        store.resolve_merged_id("Mabcd")
    # a stale member dropped and an emptied merged event removed, in one transaction
    store.write_merge(MergeWrite(stale=["Mabcd1-e1"], empty=["Mabcd2"], groups=[_group("Mabcd1", now)]))
    assert store.merged_ids() == ["Mabcd1"]
    assert store.merged_membership() == {"Mabcd1-e0": "Mabcd1"}


def test_write_merge_is_all_or_nothing(store):
    now = utcnow()
    bad = _group("Mbad1", now)
    bad[GROUP_COLUMNS.index("type")] = None  # NOT NULL: the insert fails after the members went in
    with pytest.raises(StoreError, match="merging events in :memory: failed"):
        store.write_merge(MergeWrite(members=[_member("Mbad1", 0, now)], groups=[bad]))
    assert not store.has_merges()


def test_read_only_store_refuses_to_write_merges(tmp_path):
    path = tmp_path / "ro.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.write_merge(MergeWrite())


def test_transaction_commits_or_rolls_back(store):
    con = store.connection
    con.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    with store.transaction("adding"):
        con.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(StoreError, match=r"^adding: .*"), store.transaction("adding"):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("INSERT INTO t VALUES (1)")  # duplicate key
    with pytest.raises(StoreError, match="custom"), \
            store.transaction(lambda exc: StoreError(f"custom ({type(exc).__name__})")):
        con.execute("INSERT INTO t VALUES (1)")
    # not a database error: raised as it is, after the rollback
    with pytest.raises(KeyError), store.transaction("adding"):
        con.execute("INSERT INTO t VALUES (3)")
        raise KeyError("boom")
    assert con.execute("SELECT x FROM t").fetchall() == [(1,)]
    assert isinstance(con.execute("SELECT 1").fetchone(), tuple)  # no transaction left open


def test_entity_countries_counts_both_sources(store):
    from accord.model import Actor, CodedDocument, Document, Event, Span

    aliyev = Actor("Ilham Aliyev", "AZE", "GOV", "Ilham Aliyev", None, Span(0, 12, "Ilham Aliyev"))
    doc = Document(id="d1", text="Ilham Aliyev met.", doc_origin="d1.txt")
    ev = Event("CONSULT", "d1", [Span(0, 16, "Ilham Aliyev met")], Span(13, 16, "met"), actor=[aliyev])
    store.write(CodedDocument(doc, [ev], [aliyev]))
    assert store.entity_countries() == [("Ilham Aliyev", "AZE", 2)]


def test_one_clock():
    now = utcnow()
    assert now.tzinfo is None
    assert abs((dt.datetime.now(dt.UTC).replace(tzinfo=None) - now).total_seconds()) < 5


def test_member_rows_of_a_few_or_many_merged_events_are_those_of_all_in_order(store, monkeypatch):
    from accord.store import queries

    now = utcnow()
    ids = [f"M{n:05d}" for n in range(12)]
    store.write_merge(MergeWrite(members=[_member(g, k, now) for g in ids for k in range(2)],
                                 groups=[_group(g, now, 2) for g in ids]))
    every = store.merged_member_rows()
    wanted = set(ids[::3])
    expected = [r for r in every if r[0] in wanted]
    assert store.merged_member_rows(ids[::3]) == expected  # a short list: bound as parameters
    monkeypatch.setattr(queries, "IN_LIST_MAX", 2)
    assert store.merged_member_rows(ids[::3]) == expected  # a long one: one list parameter
    assert store.merged_member_rows([]) == []
