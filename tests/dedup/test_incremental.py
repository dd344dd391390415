"""Incremental merging in the store: grouping, idempotence, stable ids, re-written documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest

from accord.dedup import (
    MergeOptions,
    merge_store,
    merged_event,
    merged_events,
    same_event,
)
from accord.model import CodedDocument, DateValue
from accord.store import EventFilter, Store

from .builders import (
    D,
    actor,
    call,
    coded,
    corpus_batch1,
    corpus_batch2,
    event,
    group_of,
    named_and_bare_meeting,
    table_rows,
    write_all,
)


def test_merge_groups_reports_of_one_call(store):
    write_all(store, corpus_batch1() + corpus_batch2())
    report = merge_store(store)
    assert report.events_seen == 6
    assert report.new_groups == 4  # the call, the aid, the second call, the planned call
    assert report.joined == 2
    assert report.groups_total == 4
    merged = merged_events(store, EventFilter(types=("CONSULT",)))
    assert [m.num_documents for m in merged] == [3, 1, 1]
    call_event = merged[0]
    assert call_event.num_sources == 3  # Report, APA, Ukrinform
    assert sorted(call_event.sources) == ["APA", "Report", "Ukrinform"]
    assert call_event.first_reported == D(2026, 1, 29)
    assert call_event.last_reported == D(2026, 1, 30)
    assert call_event.num_mentions == 3
    assert len(call_event.members) == len(call_event.documents) == len(call_event.why) == 3
    assert call_event.why[0].startswith("founded: first report of CONSULT:phone AZE+UKR on 2026-01-29 (day)")
    assert all("same CONSULT:phone AZE+UKR" in w for w in call_event.why[1:])
    assert any("within 1 day" in w for w in call_event.why[1:])  # the document-dated report
    # the representative keeps the text's date and every member's evidence
    assert call_event.event.date.value == "2026-01-29" and call_event.event.date.source == "text"
    assert {m.text for m in call_event.event.mentions} >= {
        "On Thursday, Aliyev and Zelensky spoke by phone about energy",
        "Zelensky held a phone conversation with Ilham Aliyev"}
    # the planned call and the call ten days later stay apart
    statuses = sorted((m.event.status, m.event.date.value) for m in merged)
    assert statuses == [("occurred", "2026-01-29"), ("occurred", "2026-02-10"), ("planned", "2026-01-29")]


def test_store_tables_hold_counts_and_mentions(store):
    write_all(store, corpus_batch1() + corpus_batch2())
    merge_store(store)
    con = store.connection
    row = con.execute(
        "SELECT num_members, num_mentions, num_documents, num_sources, first_reported, last_reported, "
        "type, mode, status, date_value, countries FROM merged_events ORDER BY num_documents DESC LIMIT 1"
    ).fetchone()
    assert row == (3, 3, 3, 3, D(2026, 1, 29), D(2026, 1, 30), "CONSULT", "phone", "occurred",
                   "2026-01-29", ["AZE", "UKR"])
    mentions = con.execute("SELECT doc_id, text, source, doc_date, added_at FROM merged_mentions").fetchall()
    assert len(mentions) == 6
    assert all(m[4] is not None for m in mentions)
    assert ("Report", D(2026, 1, 29)) in {(m[2], m[3]) for m in mentions}


def test_merging_is_incremental_and_idempotent(store):
    write_all(store, corpus_batch1())
    first = merge_store(store)
    assert (first.new_groups, first.joined, first.groups_total) == (2, 1, 2)
    before = {m.id: m.members for m in merged_events(store)}
    rows_before = table_rows(store)

    again = merge_store(store)
    assert (again.new_groups, again.joined, again.dropped) == (0, 0, 0)
    assert table_rows(store) == rows_before  # nothing rewritten, not even updated_at

    write_all(store, corpus_batch2())
    second = merge_store(store)
    assert (second.new_groups, second.joined, second.groups_total) == (2, 1, 4)
    after = {m.id: m.members for m in merged_events(store)}
    for gid, members in before.items():  # old merged events keep their ids and members
        assert gid in after
        assert after[gid][:len(members)] == members
    joined = next(gid for gid in before if len(after[gid]) > len(before[gid]))
    assert merged_event(store, joined).num_documents == 3
    assert table_rows(store)["members"] != rows_before["members"]
    assert merge_store(store).new_groups == 0


def test_ids_are_stable_across_databases_and_batches(tmp_path):
    with Store.open(":memory:") as one:
        write_all(one, corpus_batch1() + corpus_batch2())
        merge_store(one)
        ids_one = {m.id for m in merged_events(one)}
    with Store.open(":memory:") as two:
        write_all(two, corpus_batch1())
        merge_store(two)
        write_all(two, corpus_batch2())
        merge_store(two)
        ids_two = {m.id for m in merged_events(two)}
    assert ids_one == ids_two
    assert all(i.startswith("M") and len(i) == 12 for i in ids_one)


def test_rewritten_document_is_reassigned(store):
    docs = corpus_batch1() + corpus_batch2()
    write_all(store, docs)
    merge_store(store)
    apa = docs[1]
    apa_event = apa.events[0]
    group = group_of(store, store.events(EventFilter(doc_id=apa.document.id))[0].id)

    # the same document written again: same events, so nothing to redo
    store.write(apa)
    report = merge_store(store)
    assert (report.dropped, report.joined, report.new_groups) == (0, 0, 0)

    # re-coded with another date: the stale membership goes, the event founds its own group
    moved = dataclasses.replace(apa_event, date=DateValue("2026-01-20", "day", "point", None, "text"))
    store.write(CodedDocument(apa.document, [moved]))
    report = merge_store(store)
    assert report.dropped == 1 and report.new_groups == 1 and report.joined == 0
    assert merged_event(store, group).num_documents == 2  # the old group keeps its id
    new_id = store.events(EventFilter(doc_id=apa.document.id))[0].id
    assert group_of(store, new_id) != group
    assert store.connection.execute("SELECT count(*) FROM merged_members").fetchone()[0] == 6
    assert store.connection.execute(
        "SELECT count(*) FROM merged_mentions WHERE doc_id = ?", [apa.document.id]).fetchone()[0] == 1


def test_founder_removed_keeps_group_id_and_empty_groups_go(store):
    docs = corpus_batch1() + corpus_batch2()
    write_all(store, docs)
    merge_store(store)
    report_doc = docs[0]
    call_group = group_of(store, store.events(EventFilter(doc_id=report_doc.document.id, types=("CONSULT",)))[0].id)
    aid_group = group_of(store, store.events(EventFilter(doc_id=report_doc.document.id, types=("AID",)))[0].id)
    store.write(CodedDocument(report_doc.document, []))  # re-coded: no events any more
    report = merge_store(store)
    assert report.dropped == 2 and report.groups_removed == 1
    assert merged_event(store, aid_group) is None
    survivor = merged_event(store, call_group)
    assert survivor is not None and survivor.num_documents == 2
    assert report_doc.document.id not in survivor.documents
    assert store.connection.execute("SELECT count(*) FROM merged_events WHERE id = ?", [aid_group]).fetchone()[0] == 0


def test_events_of_one_document_merge_unless_one_per_document():
    # a headline and its lede that the extractor left as two events
    doc = coded("twice.txt", "2026-01-29", [
        ("Aliyev and Zelensky discuss energy on the phone.", call()),
        ("Aliyev had a phone call with Zelensky today.", call()),
    ])
    with Store.open(":memory:") as one:
        one.write(doc)
        report = merge_store(one)
        assert report.new_groups == 1 and report.joined == 1
        (merged,) = merged_events(one)
        assert merged.documents == [doc.document.id] and merged.num_documents == 1
        assert len(merged.members) == len(merged.why) == 2 and merged.num_mentions == 2
    with Store.open(":memory:") as two:
        two.write(doc)
        report = merge_store(two, MergeOptions(same_document=False))
        assert report.new_groups == 2 and report.joined == 0


def test_countries_of_named_actors_are_learnt_from_other_reports():
    named, bare = named_and_bare_meeting()
    with Store.open(":memory:") as s:
        write_all(s, [named, bare])
        report = merge_store(s)
        assert report.joined == 1
        (merged,) = merged_events(s)
        assert any("countries from other reports: Erdogan→TUR, Ilham Aliyev→AZE" in w for w in merged.why)
        assert {(a.entity, a.country) for a in merged.event.actor} >= {("Ilham Aliyev", "AZE")}
    with Store.open(":memory:") as s:
        write_all(s, [named, bare])
        assert merge_store(s, MergeOptions(infer_countries=False)).joined == 0
    # a name that reports give two countries is left alone
    other = coded("c.txt", "2026-03-01", [("Ilham Aliyev of Georgia spoke.", dict(actors=(actor("GEO", "Ilham Aliyev"), "TUR"), date="2026-03-01"))])
    with Store.open(":memory:") as s:
        write_all(s, [named, bare, other])
        merge_store(s)
        assert sorted(m.num_documents for m in merged_events(s)) == [1, 1, 1]


def test_partial_participants_only_when_asked():
    full = event("THREATEN", ("IRN",), ("ISR",), text="Iran threatened Israel with retaliation")
    one_sided = event("THREATEN", ("IRN",), text="Iran threatened to retaliate against Israel")
    ok, why = same_event(one_sided, full)
    assert not ok and why == "participants differ: IRN vs IRN+ISR"
    opts = MergeOptions(partial_participants=True)
    ok, why = same_event(one_sided, full, options=opts)
    assert ok and "same THREATEN IRN→ISR; partial report IRN of IRN+ISR" in why
    # the lone country must act, not be the target, of a directed act
    target_only = event("THREATEN", ("ISR",), text="Israel was threatened")
    assert not same_event(target_only, full, options=opts)[0]
    # a report naming another recipient is not partial: it is another event
    assert not same_event(event("THREATEN", ("IRN",), ("USA",)), full, options=opts)[0]
    with Store.open(":memory:") as s:
        write_all(s, [
            coded("a.txt", "2026-04-14", [("Iran threatened to retaliate against Israel.",
                                          dict(type_="THREATEN", actors=("IRN",), date="2026-04-14"))]),
            coded("b.txt", "2026-04-14", [("Iran threatened Israel with retaliation.",
                                          dict(type_="THREATEN", actors=("IRN",), recipients=("ISR",), date="2026-04-14"))]),
            coded("c.txt", "2026-04-15", [("Tehran threatened Israel on Tuesday.",
                                          dict(type_="THREATEN", actors=("IRN",), recipients=("ISR",), date="2026-04-14"))]),
        ])
        report = merge_store(s, opts)
        assert (report.new_groups, report.joined) == (1, 2)
        (merged,) = merged_events(s)
        assert merged.event.countries == {"IRN", "ISR"}


def test_complete_link_stops_chains(store):
    # a month-level report is compatible with both meetings, but the meetings are not
    write_all(store, [
        coded("a.txt", "2026-01-05", [("Azerbaijan and Ukraine met on January 5.", dict(date="2026-01-05"))]),
        coded("b.txt", "2026-01-31", [("Azerbaijan and Ukraine met twice in January.", dict(date="2026-01", precision="month"))]),
        coded("c.txt", "2026-01-20", [("Azerbaijan and Ukraine met on January 20.", dict(date="2026-01-20"))]),
    ])
    merge_store(store)
    sizes = sorted(m.num_documents for m in merged_events(store))
    assert sizes == [1, 2]


def test_best_group_wins_by_score(store):
    # two meetings a day apart; a report dated only by its document fits both, the exact one wins
    write_all(store, [
        coded("a.txt", "2026-03-02", [("Azerbaijan and Ukraine held talks on Monday.", dict(date="2026-03-02"))]),
        coded("b.txt", "2026-03-03", [("Azerbaijan and Ukraine held talks on Tuesday.", dict(date="2026-03-03"))]),
    ])
    merge_store(store)
    store.write(coded("c.txt", "2026-03-03", [
        ("Azerbaijan and Ukraine held talks.", dict(date="2026-03-03", source="document"))]))
    merge_store(store)
    merged = merged_events(store)
    assert [m.num_documents for m in merged] == [1, 2]
    assert merged[1].event.date.value == "2026-03-03"
    assert "dates 2026-03-03 (day, document date) and 2026-03-03 (day) agree" in merged[1].why[1]


def test_read_only_store_cannot_merge(tmp_path):
    from accord.errors import StoreError

    path = tmp_path / "ro.duckdb"
    with Store.open(path) as s:
        write_all(s, corpus_batch1())
    with Store.open(path, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        merge_store(ro)


def test_ten_thousand_events_merge_in_seconds(store):
    """Blocking keeps merging near-linear: 10,000 events across many pairs and days."""
    countries = ["AZE", "UKR", "TUR", "GEO", "ARM", "KAZ", "POL", "FRA", "DEU", "USA"]
    types = ["CONSULT", "AID", "ACCUSE", "AGREE"]
    base = D(2025, 1, 1)
    con = store.connection
    # bulk rows straight into the store's tables: writing 2,000 documents one by one would
    # time the store, not the merge
    docs, evs, parts, ments = [], [], [], []
    for d in range(2000):
        doc_id = f"doc{d:05d}" + "0" * 24
        day = base + dt.timedelta(days=d % 300)
        docs.append((doc_id, day))
        for k in range(5):
            n = d * 5 + k
            a, b = countries[n % 10], countries[(n // 10 + 1 + n) % 10]
            if a == b:
                b = countries[(countries.index(a) + 1) % 10]
            eid = f"{doc_id[:12]}-{k}"
            evs.append((eid, doc_id, k, types[n % 4], "occurred", day.isoformat(), "day", "text", day, day))
            parts.append((eid, doc_id, "actor", 0, a, a))
            parts.append((eid, doc_id, "recipient", 0, b, b))
            ments.append((eid, doc_id, 0, 0, 20, f"{a} and {b} event number {n % 37}"))
    def bulk(sql: str, rows: list[tuple], types: tuple[str, ...]) -> None:
        cols = ", ".join(f"unnest(?::{t}[])" for t in types)
        con.execute(sql.format(cols=cols), [list(c) for c in zip(*rows, strict=True)])

    bulk("INSERT INTO documents (id, published, text, ingested_at, updated_at) SELECT {cols}, 'x', now(), now()",
         docs, ("VARCHAR", "DATE"))
    bulk("INSERT INTO events (id, doc_id, ord, type, status, date_value, date_precision, date_source, day_first, "
         "day_last, trigger_start, trigger_end, trigger_text) SELECT {cols}, 0, 1, 'x'",
         evs, ("VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DATE", "DATE"))
    bulk("INSERT INTO event_participants (event_id, doc_id, side, idx, text, country) SELECT {cols}",
         parts, ("VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR"))
    bulk('INSERT INTO event_mentions (event_id, doc_id, idx, "start", "end", text) SELECT {cols}',
         ments, ("VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "INTEGER", "VARCHAR"))
    t0 = time.perf_counter()
    report = merge_store(store)
    elapsed = time.perf_counter() - t0
    assert report.events_seen == 10_000
    assert report.new_groups + report.joined == 10_000
    assert report.joined > 0
    assert elapsed < 20, f"merging 10,000 events took {elapsed:.1f}s"
    t0 = time.perf_counter()
    assert merge_store(store).new_groups == 0
    assert time.perf_counter() - t0 < 15


def test_joining_order_continues_after_dropped_members(store):
    docs = corpus_batch1() + corpus_batch2()
    write_all(store, docs)
    merge_store(store)
    apa = docs[1]
    group = group_of(store, store.events(EventFilter(doc_id=apa.document.id))[0].id)
    store.write(CodedDocument(apa.document, []))  # the middle member goes
    merge_store(store)
    store.write(apa)  # and comes back: it rejoins at the end, without reusing an order number
    report = merge_store(store)
    assert report.joined == 1
    ords = [r[0] for r in store.connection.execute(
        "SELECT ord FROM merged_members WHERE merged_id = ? ORDER BY ord", [group]).fetchall()]
    assert len(ords) == len(set(ords)) == 3 and ords[-1] == 3
    assert merged_event(store, group).documents[-1] == apa.document.id
