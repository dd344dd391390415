"""store: the events that may be commitments are kept apart (``commitment_events``, migration
0014) exactly as ``model.may_commit`` picks them, by writes and by the migration alike, and
``browse.commitment_events_of_documents`` reads what the events table gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from tests.store.test_store import span

from accord.dedup import merge_store
from accord.model import (
    DONE_STATUSES,
    PROMISE_STATUSES,
    Actor,
    CodedDocument,
    DateValue,
    Document,
    Event,
    may_commit,
)
from accord.store import Store, browse
from accord.store.migrations import MIGRATIONS
from accord.store.queries import EVENT_ORDER

# (status, type, own date): each side of every test ``may_commit`` makes, for a document
# published on 2020-06-18
CASES = [
    ("planned", "CONSULT", None),  # a promise, undated
    ("proposed", "AID", "2019-01"),  # a promise, whatever its date
    ("occurred", "CONSULT", "2020-06-10"),  # done before the report: no commitment
    ("occurred", "CONSULT", "2021-03"),  # done, dated after the report: may be a decision
    ("ongoing", "AID", "2020"),  # the year ends after the report
    ("occurred", "AGREE", None),  # an agreement reached
    ("hypothetical", "AGREE", None),  # promises nothing
    ("negated", "CONSULT", "2021-03"),
    ("occurred", "CONSULT", "2020-06-18"),  # the report's own day is not after it
    ("occurred", "CONSULT", "next spring"),  # no readable range
]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]


def _coded(doc_id: str, published: dt.date | None, cases=CASES, countries=("AZE", "UKR")) -> CodedDocument:
    text = " ".join(f"Azerbaijan will {w} Ukraine." for w in WORDS[:len(cases)])
    doc = Document(id=doc_id, text=text, title="t", published=published, language="en")
    events = []
    for k, (status, type_, date) in enumerate(cases):
        sentence = span(text, f"Azerbaijan will {WORDS[k]} Ukraine.")
        events.append(Event(
            type=type_, doc_id=doc_id, mentions=[sentence], trigger=span(text, WORDS[k]), status=status,
            actor=[Actor("Azerbaijan", countries[0], None, None, None, span(text, "Azerbaijan", k))],
            recipient=[Actor("Ukraine", countries[1], None, None, None, span(text, "Ukraine", k))],
            date=DateValue(date, "month", "point", None, "text") if date else None, sentence=sentence,
        ))
    return CodedDocument(doc, events, [])


def _store(tmp_path) -> Store:
    store = Store.open(tmp_path / "c.duckdb")
    store.write_many([_coded("d" * 32, dt.date(2020, 6, 18)), _coded("e" * 32, None),
                      _coded("f" * 32, dt.date(2020, 6, 18), countries=("RUS", "BLR"))])
    return store


def _kept(store: Store) -> list[tuple]:
    return store.connection.execute(
        "SELECT event_id, doc_id, ord, day_first, countries, page_record FROM commitment_events ORDER BY event_id"
    ).fetchall()


def _expected(store: Store) -> list[tuple]:
    """The rows ``may_commit`` picks, from the events table."""
    published = dict(store.connection.execute("SELECT id, published FROM documents").fetchall())
    rows = store.connection.execute(
        "SELECT id, doc_id, ord, day_first, countries, page_record, status, type, date_value FROM events "
        "ORDER BY id").fetchall()
    return [r[:6] for r in rows if may_commit(r[6], r[7], r[8], published[r[1]])]


def test_writes_keep_apart_exactly_the_events_that_may_commit(tmp_path):
    store = _store(tmp_path)
    kept = _kept(store)
    assert kept == _expected(store)
    # each side of the rule is there: 5 of the 10 cases with a report date; without one, the
    # two promises and the agreement only
    assert len(kept) == 5 + 3 + 5
    statuses = {json.loads(r[5])["event"][4] for r in kept}
    assert statuses == {"planned", "proposed", "occurred", "ongoing"}
    store.close()


def test_rewriting_a_document_replaces_its_rows(tmp_path):
    store = _store(tmp_path)
    store.write(_coded("d" * 32, dt.date(2020, 6, 18), cases=[("occurred", "CONSULT", None)] * 1))
    assert not [r for r in _kept(store) if r[1] == "d" * 32]
    assert _kept(store) == _expected(store)
    store.close()


def test_the_migration_fills_the_table_as_writes_do(tmp_path):
    store = _store(tmp_path)
    written = _kept(store)
    con = store.connection
    con.execute("DELETE FROM commitment_events")
    sql = dict(MIGRATIONS)["0014_commitment_events"]
    con.execute(sql[sql.index("INSERT INTO"):])  # the table exists: only its filling
    assert _kept(store) == written
    store.close()


def test_the_migration_names_the_models_statuses():
    sql = dict(MIGRATIONS)["0014_commitment_events"]
    assert "IN ('planned', 'proposed', 'agreed')" in sql and sorted(PROMISE_STATUSES) == ["agreed", "planned",
                                                                                         "proposed"]
    assert "IN ('occurred', 'ongoing')" in sql and sorted(DONE_STATUSES) == ["occurred", "ongoing"]


def test_context_reads_what_the_events_table_gives(tmp_path):
    store = _store(tmp_path)
    merge_store(store)
    docs = ["d" * 32, "e" * 32, "f" * 32]
    published = dict(store.connection.execute("SELECT id, published FROM documents").fetchall())
    ordered = [r[0] for r in store.connection.execute(f"SELECT e.id FROM events e {EVENT_ORDER}").fetchall()]
    by_id = {e.id: e for e in store.events()}

    def expected(countries, outside_events=()):
        out: dict[str, list[Event]] = {}
        for i in ordered:
            e = by_id[i]
            date = e.date.value if e.date else None
            if (e.countries & set(countries) and i not in outside_events
                    and may_commit(e.status, e.type, date, published[e.doc_id])):
                out.setdefault(e.doc_id, []).append(e)
        return out

    got = browse.commitment_events_of_documents(store, docs, ("AZE", "UKR"))
    assert got == expected(("AZE", "UKR")) and sum(map(len, got.values())) == 5 + 3
    assert browse.commitment_events_of_documents(store, docs, ("BLR",)) == expected(("BLR",))
    assert browse.commitment_events_of_documents(store, docs[:1], ("AZE",)) == {
        d: v for d, v in expected(("AZE",)).items() if d == docs[0]}
    # the members of the merged events ``outside`` are left out
    first = store.connection.execute("SELECT merged_id FROM merged_members WHERE event_id = ?",
                                     [got[docs[0]][0].id]).fetchone()[0]
    members = {r[0] for r in store.connection.execute(
        "SELECT event_id FROM merged_members WHERE merged_id = ?", [first]).fetchall()}
    assert browse.commitment_events_of_documents(store, docs, ("AZE", "UKR"), outside={first}) == expected(
        ("AZE", "UKR"), members)
    assert browse.commitment_events_of_documents(store, [], ("AZE",)) == {}
    assert browse.commitment_events_of_documents(store, docs, ()) == {}
    store.close()


def test_a_stored_event_reads_back_equal(tmp_path):
    store = _store(tmp_path)
    got = browse.commitment_events_of_documents(store, ["d" * 32], ("AZE",))
    stored = {e.id: e for e in store.events()}
    assert got["d" * 32] and all(e == stored[e.id] for e in got["d" * 32])
    assert all(dataclasses.is_dataclass(e) for e in got["d" * 32])
    store.close()
