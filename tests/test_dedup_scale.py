"""The fast paths of merging and of the pair analytics give what the full passes give.

``merged_events`` with a pair or country reads only candidate merged events (SQL
preselection); ``accord dyad``/``report`` load documents and context events in batches; a
merge with nothing new answers from SQL counts. Each is checked here against the full pass
on a small hand-made store (pairs, names learnt across reports, unmerged and rewritten articles).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import accord.dedup as dedup
from accord.analytics import doc_ids, dyad_analytics, singletons
from accord.cli_dyad import _load, _with_context
from accord.dedup import _matches, merge_store, merged_events
from accord.model import DateValue
from accord.store import EventFilter, Store
from accord.store.queries import extractor_versions, latest_published
from test_dedup import actor, call, coded, corpus_batch1, corpus_batch2, table_rows, write_all


def _docs():
    named = coded("a.txt", "2026-03-12", [("Azerbaijani President Ilham Aliyev met Turkish President Erdogan.",
                                          dict(actors=(actor("AZE", "Ilham Aliyev"), actor("TUR", "Recep Tayyip Erdogan")),
                                               date="2026-03-12"))])
    bare = coded("b.txt", "2026-03-12", [("Erdogan and Aliyev met in Baku.",
                                         dict(actors=(actor(None, "Erdogan"), actor(None, "Ilham Aliyev")),
                                              date="2026-03-12"))])
    other = coded("g.txt", "2026-02-01", [
        ("Georgia and Armenia signed a transit deal.", dict(type_="AGREE", actors=("GEO", "ARM"), date="2026-02-01")),
        ("Ukraine thanked Azerbaijan for the aid.", dict(type_="SUPPORT", actors=("UKR",), recipients=("AZE",),
                                                          date="2026-02-01")),
    ])
    return corpus_batch1() + corpus_batch2() + [named, bare, other]


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as s:
        write_all(s, _docs())
        merge_store(s)
        # written after the merge: stands alone in the analytics until the next merge
        write_all(s, [coded("late.txt", "2026-02-11", [("Aliyev and Zelensky spoke by phone once more.",
                                                         call(date="2026-02-11"))], source="APA")])
    return path


FILTERS = [EventFilter(dyad=("AZE", "UKR")), EventFilter(dyad=("tur", "aze")), EventFilter(country="AZE"),
           EventFilter(dyad=("GEO", "ARM"), types=["AGREE"]), EventFilter(dyad=("FRA", "AZE")),
           EventFilter(country="UKR", since=dt.date(2026, 1, 30), statuses=["occurred"])]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr((f.dyad, f.country, f.types)))
def test_merged_events_of_a_pair_equal_the_filtered_whole(db, flt):
    with Store.open(db, read_only=True) as s:
        whole = [m for m in merged_events(s) if _matches(m, flt)]
        assert merged_events(s, flt) == whole
    if flt.dyad == ("tur", "aze"):
        assert whole and any("countries from other reports" in w for m in whole for w in m.why)


def _load_whole(db: Path, pair: tuple[str, str]):
    """What ``_load`` + ``_with_context`` returned before the batched reads: every event loaded,
    one query per document."""
    flt = EventFilter(dyad=pair)
    with Store.open(db, read_only=True) as store:
        merged = [m for m in merged_events(store) if _matches(m, flt)]
        covered = {member for m in merged for member in m.members}
        alone = [e for e in store.events(flt) if e.id not in covered]
        docs = {}
        for doc_id in [d for m in merged for d in doc_ids(m)] + [e.doc_id for e in alone]:
            if doc_id not in docs and (doc := store.document(doc_id)) is not None:
                docs[doc_id] = doc
        all_merged = merged + singletons(alone, docs)
        covered = {member for m in all_merged for member in m.members} | {m.id for m in all_merged}
        extra = []
        for doc_id in docs:
            extra += [e for e in store.events(EventFilter(doc_id=doc_id)) if e.id not in covered]
        return (all_merged, docs, len(alone), singletons(extra, docs),
                extractor_versions(store.connection, list(docs)), latest_published(store.connection))


@pytest.mark.parametrize("pair", [("AZE", "UKR"), ("AZE", "TUR"), ("ARM", "GEO"), ("AZE", "FRA")])
def test_dyad_load_equals_the_whole_load(db, pair):
    fast = _with_context(_load(db, pair), db)
    merged, docs, unmerged, context, versions, as_of = _load_whole(db, pair)
    assert fast.merged == merged
    assert list(fast.documents.items()) == list(docs.items())
    assert (fast.unmerged, fast.context, fast.versions, fast.as_of) == (unmerged, context, versions, as_of)
    if pair == ("AZE", "UKR"):
        assert unmerged == 1 and context  # the late article alone; the AID of report.txt as context
    a = dyad_analytics(fast.merged + fast.context, *pair, documents=fast.documents,
                       extractor_versions=fast.versions, as_of=fast.as_of)
    b = dyad_analytics(merged + context, *pair, documents=docs, extractor_versions=versions, as_of=as_of)
    assert a.to_dict() == b.to_dict()


def _full_pass(monkeypatch):
    monkeypatch.setattr(dedup, "_nothing_to_do", lambda store: None)


def test_nothing_new_answers_like_the_full_pass(db, monkeypatch):
    with Store.open(db) as s:
        merge_store(s)  # the late article
        before = table_rows(s)
        quick = merge_store(s)
        assert table_rows(s) == before
        # the same documents written again (same events): still nothing to do, without a full pass
        for c in _docs()[:2]:
            s.write(c)
        assert dedup._nothing_to_do(s) == quick
        with monkeypatch.context() as m:
            _full_pass(m)
            assert merge_store(s) == quick
        assert table_rows(s)["members"] == before["members"]


@pytest.mark.parametrize("change", ["recoded", "deleted_event", "new_document"])
def test_work_to_do_takes_the_full_pass(db, change):
    with Store.open(db) as s:
        merge_store(s)
        docs = _docs()
        if change == "recoded":  # another date: the membership is stale
            apa = docs[1]
            moved = dataclasses.replace(apa.events[0], date=DateValue("2026-01-20", "day", "point", None, "text"))
            s.write(dataclasses.replace(apa, events=[moved]))
        elif change == "deleted_event":
            s.write(dataclasses.replace(docs[0], events=docs[0].events[:1]))
        else:
            write_all(s, [coded("new.txt", "2026-01-31", [("Zelensky thanked Aliyev by phone.", call())])])
        assert dedup._nothing_to_do(s) is None
        report = merge_store(s)
        assert report.dropped or report.new_groups or report.joined
        assert dedup._nothing_to_do(s) is not None
