"""Reading merged events back: filters, ids, prefixes and members."""

from __future__ import annotations

from accord.dedup import (
    merge_store,
    merged_event,
    merged_events,
    merged_members,
)
from accord.store import EventFilter

from .builders import (
    D,
    corpus_batch1,
    corpus_batch2,
    write_all,
)


def test_merged_events_filters_apply_to_the_representative(store):
    write_all(store, corpus_batch1() + corpus_batch2())
    merge_store(store)
    assert len(merged_events(store)) == 4
    assert {m.event.type for m in merged_events(store, EventFilter(types=("AID",)))} == {"AID"}
    assert len(merged_events(store, EventFilter(statuses=("planned",)))) == 1
    assert len(merged_events(store, EventFilter(dyad=("UKR", "AZE")))) == 4
    assert merged_events(store, EventFilter(country="TUR")) == []
    feb = merged_events(store, EventFilter(since=D(2026, 2, 1)))
    assert [m.event.date.value for m in feb] == ["2026-02-10"]
    dates = [m.event.date.value for m in merged_events(store)]
    assert dates == sorted(dates)
    apa = corpus_batch1()[1].document.id
    assert [m.num_documents for m in merged_events(store, EventFilter(doc_id=apa[:8]))] == [3]


def test_merged_event_by_prefix_and_members(store):
    write_all(store, corpus_batch1() + corpus_batch2())
    merge_store(store)
    big = max(merged_events(store), key=lambda m: m.num_documents)
    assert merged_event(store, big.id[:6]).id == big.id
    assert merged_event(store, "Mnothere") is None
    members = merged_members(store, big.id)
    assert members[0].doc_origin == "report.txt"
    assert {m.doc_origin for m in members[1:]} == {"ukrinform.txt", "apa.txt"}
    assert members[0].sentence == "President Ilham Aliyev had a phone call with Volodymyr Zelensky today."
    assert members[0].score is None and members[1].score is not None
    assert all(m.why for m in members)
