"""store.browse: pages of events assembled from the copies on each event's row (migration 0008)
agree with the store's own records, and the migration computes the copies as writes do."""

from __future__ import annotations

import json

from tests.store.test_store import doc1, doc2, doc3

from accord.store import EventFilter, Store, browse
from accord.store.migrations import MIGRATIONS
from accord.store.queries import BROWSE_COLUMNS


def _store(tmp_path) -> Store:
    store = Store.open(tmp_path / "b.duckdb")
    for coded in (doc1(), doc2(), doc3()):
        store.write(coded, extractor_version="test")
    return store


def _copies(store: Store) -> list[tuple]:
    cols = ", ".join(BROWSE_COLUMNS)
    rows = store.connection.execute(f"SELECT id, {cols} FROM events ORDER BY id").fetchall()
    return [(*r[:-1], json.loads(r[-1])) for r in rows]  # the record's JSON compared as values


def test_migration_backfills_what_writes_store(tmp_path):
    store = _store(tmp_path)
    written = _copies(store)
    assert any(row[1] for row in written)  # countries were written
    con = store.connection
    con.execute("UPDATE events SET " + ", ".join(f"{c} = NULL" for c in BROWSE_COLUMNS))
    for name in ("0008_event_browse_columns", "0009_event_sentence_signing"):  # 0009 extends 0008's records
        sql = dict(MIGRATIONS)[name]
        con.execute("\n".join(line for line in sql.splitlines() if not line.startswith("ALTER TABLE")))  # columns exist
    assert _copies(store) == written
    store.close()


def test_pages_hold_the_same_events_as_the_store(tmp_path):
    store = _store(tmp_path)
    everything = {e.id: e for e in store.events()}
    page = browse.event_page(store, browse.EventQuery(limit=2))
    seen = list(page.events)
    assert page.documents == browse.document_infos(store, [e.doc_id for e in page.events], counts=False)
    while page.next_key:
        page = browse.event_page(store, browse.EventQuery(limit=2, after=page.next_key))
        seen.extend(page.events)
    assert {e.id: e for e in seen} == everything
    store.close()


def test_country_side_and_text_filters_read_the_row_copies(tmp_path):
    store = _store(tmp_path)

    def ids(**kw) -> set[str]:
        return {e.id for e in browse.event_page(store, browse.EventQuery(**kw)).events}

    aze_ukr = {e.id for e in store.events(EventFilter(dyad=("AZE", "UKR")))}
    assert aze_ukr and ids(base=EventFilter(dyad=("aze", "ukr"))) == aze_ukr
    assert ids(base=EventFilter(country="POL")) == {e.id for e in store.events(EventFilter(country="POL"))}
    # directed: a participant of the source on the actor side only
    for e in browse.event_page(store, browse.EventQuery(source="AZE")).events:
        assert any(a.country == "AZE" for a in e.actor)
    # evidence search: case-insensitive, % and _ literal, and a query across two lines falls back
    assert ids(text="MEMORANDUM") == {e.id for e in store.events() if any(
        "memorandum" in m.text.lower() for m in e.mentions) or "memorandum" in e.trigger.text.lower()}
    assert ids(text="100%") == set()
    assert ids(text="signed\na") == set()
    store.close()


def test_a_store_from_before_0009_reads_with_no_sentence_and_no_signing(tmp_path):
    store = _store(tmp_path)
    con = store.connection
    # as an older accord left it: no sentence or signing values, page records of 26 event fields
    con.execute("UPDATE events SET sentence_start = NULL, sentence_end = NULL, sentence_text = NULL, signing = NULL")
    con.execute("UPDATE events SET page_record = json_merge_patch(page_record, json_object('event', "
                "to_json(from_json(page_record->'$.event', '[\"JSON\"]')[1:26])))::VARCHAR")
    sql = dict(MIGRATIONS)["0009_event_sentence_signing"]
    con.execute("\n".join(line for line in sql.splitlines() if not line.startswith("ALTER TABLE")))
    events = store.events()
    assert events and all(e.sentence is None and e.signing is None for e in events)
    assert browse.events_by_ids(store, [e.id for e in events]) == events
    store.close()


def test_events_by_ids_decode_every_record_in_the_order_asked(tmp_path):
    store = _store(tmp_path)
    everything = {e.id: e for e in store.events()}
    ids = list(reversed(everything)) + [next(iter(everything)), "no-such-event"]
    assert browse.events_by_ids(store, ids) == [everything[i] for i in reversed(everything)]
    assert browse.events_by_ids(store, []) == []
    store.close()
