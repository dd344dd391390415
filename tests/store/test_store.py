"""Store: writes, idempotency, round trips, lookups, filters, dyads."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from accord.errors import StoreError
from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span, event_id
from accord.store import EventFilter, Store


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


TEXT1 = (
    "Azerbaijan and Ukraine sign memorandum\n"
    "Azerbaijan and Ukraine signed a memorandum in Kyiv on June 17. "
    "Russian forces shelled Kharkiv, Ukrainian officials said."
)
TEXT2 = "Baku and Kyiv agreed to hold talks in the second quarter. Belarus accused Lithuania."
TEXT3 = "Poland sent aid to Ukraine."
ID1 = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
ID2 = "a1b2ffff00001111222233334444aaaa"
ID3 = "c0ffee00112233445566778899aabbcc"


def doc1() -> CodedDocument:
    doc = Document(
        id=ID1, text=TEXT1, title="Azerbaijan and Ukraine sign memorandum",
        published=dt.date(2020, 6, 18), date_source="header", author="Jane Roe",
        source="Trend", url="https://example.org/a", language="en", origin="/in/az_ua.txt",
        origin_line=1, doc_origin="az_ua.txt",
        masked=(span(TEXT1, "Azerbaijan and Ukraine sign memorandum"),),
        warnings=("title guessed",),
    )
    sign = Event(
        type="SUPPORT", doc_id=ID1,
        mentions=[span(TEXT1, "Azerbaijan and Ukraine signed a memorandum"),
                  span(TEXT1, "Azerbaijan and Ukraine sign memorandum")],
        trigger=span(TEXT1, "signed"), mode="sign",
        actor=[
            Actor("Azerbaijan", "AZE", "GOV", "Government of Azerbaijan", None,
                  span(TEXT1, "Azerbaijan", 1), 0.9, "gazetteer"),
            Actor("Ukraine", "UKR", None, None, None, span(TEXT1, "Ukraine", 1)),
        ],
        status="occurred",
        date=DateValue("2020-06-17", "day", "point", span(TEXT1, "June 17"), "text"),
        date_reason="explicit date",
        location=Place("Kyiv", "UKR", 50.45, 30.52, span(TEXT1, "Kyiv")),
        contexts=["diplomatic", "economic"], intensity=3.5, cameo="057",
        sentence=span(TEXT1, "Azerbaijan and Ukraine signed a memorandum in Kyiv on June 17."), signing="memorandum",
    )
    shell = Event(
        type="ASSAULT", doc_id=ID1, mentions=[span(TEXT1, "Russian forces shelled Kharkiv")],
        trigger=span(TEXT1, "shelled"),
        actor=[Actor("Russian forces", "RUS", "MIL", None, None, span(TEXT1, "Russian forces"))],
        recipient=[Actor("Kharkiv", "UKR", None, None, None, span(TEXT1, "Kharkiv"))],
        date_reason="no date in sentence", contexts=["military"], intensity=-9.0,
    )
    actors = [
        Actor("Azerbaijan", "AZE", None, None, None, span(TEXT1, "Azerbaijan", 1)),
        Actor("Ukrainian officials", "UKR", "GOV", None, "official",
              span(TEXT1, "Ukrainian officials"), 0.7, "demonym"),
    ]
    return CodedDocument(doc, [sign, shell], actors)


def doc2() -> CodedDocument:
    doc = Document(id=ID2, text=TEXT2, published=dt.date(2021, 3, 2), doc_origin="b.txt",
                   origin="/in/b.txt")
    agree = Event(
        type="CONSULT", doc_id=ID2, mentions=[span(TEXT2, "Baku and Kyiv agreed to hold talks")],
        trigger=span(TEXT2, "talks"),
        actor=[Actor("Baku", "AZE"), Actor("Kyiv", "UKR")], status="planned",
        date=DateValue("2021-Q2", "quarter"), contexts=["diplomatic"], intensity=1.0,
    )
    accuse = Event(
        type="ACCUSE", doc_id=ID2, mentions=[span(TEXT2, "Belarus accused Lithuania")],
        trigger=span(TEXT2, "accused"),
        actor=[Actor("Belarus", "BLR", None)], recipient=[Actor("Lithuania", "LTU")],
        date=DateValue("2021-03", "month"), intensity=-2.0,
    )
    return CodedDocument(doc, [agree, accuse], [Actor("Baku", "AZE")])


def doc3() -> CodedDocument:
    """No document date and no event date: undated everywhere."""
    doc = Document(id=ID3, text=TEXT3, doc_origin="c.txt")
    aid = Event(
        type="AID", doc_id=ID3, mentions=[span(TEXT3, "Poland sent aid to Ukraine")],
        trigger=span(TEXT3, "sent"), actor=[Actor("Poland", "POL")],
        recipient=[Actor("Ukraine", "UKR")], id="explicit-aid-1",
    )
    return CodedDocument(doc, [aid])


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.duckdb") as s:
        yield s


@pytest.fixture
def full(store):
    for coded in (doc3(), doc2(), doc1()):
        store.write(coded, extractor_version="test-1")
    return store


def ids(events: list[Event]) -> list[str]:
    return [f"{e.doc_id[:4]}:{e.type}" for e in events]


# --- writing and idempotency -------------------------------------------------------------------


def test_write_reports_new_document_and_event_count(store):
    first = store.write(doc1())
    assert (first.doc_id, first.new_document, first.events) == (ID1, True, 2)
    assert len(first.event_ids) == 2 and len(set(first.event_ids)) == 2
    again = store.write(doc1())
    assert again.new_document is False
    assert again.event_ids == first.event_ids


def test_writing_the_same_document_twice_keeps_row_counts(store):
    store.write(doc1())
    store.write(doc2())
    before = store.counts()
    assert before["documents"] == 2
    assert before["events"] == 4
    assert before["event_participants"] == 2 + 2 + 2 + 2
    assert before["event_mentions"] == 2 + 1 + 1 + 1
    assert before["actor_mentions"] == 3
    store.write(doc1())
    store.write(doc1())
    assert store.counts() == before


def test_changed_version_of_a_document_replaces_the_old_one(store):
    store.write(doc1())
    store.write(doc2())
    changed = doc1()
    changed.events = changed.events[1:]  # the extractor now finds only the shelling
    changed.events[0].type = "COERCE"
    changed.actors = changed.actors[:1]
    result = store.write(changed, extractor_version="v2")
    assert result.new_document is False and result.events == 1
    counts = store.counts()
    assert counts["documents"] == 2
    assert counts["events"] == 3
    assert counts["event_participants"] == 2 + 4
    assert counts["event_mentions"] == 1 + 2
    assert counts["actor_mentions"] == 1 + 1
    mine = store.events(EventFilter(doc_id=ID1))
    assert [e.type for e in mine] == ["COERCE"]
    assert store.connection.execute(
        "SELECT extractor_version FROM documents WHERE id = ?", [ID1]
    ).fetchone() == ("v2",)


def test_rewrite_keeps_first_ingested_at(store):
    store.write(doc1())
    sql = "SELECT ingested_at, updated_at FROM documents WHERE id = ?"
    ingested, updated = store.connection.execute(sql, [ID1]).fetchone()
    store.write(doc1())
    ingested2, updated2 = store.connection.execute(sql, [ID1]).fetchone()
    assert ingested2 == ingested
    assert updated2 >= updated


def test_failed_write_rolls_back_everything(store):
    store.write(doc3())  # holds event id "explicit-aid-1"
    before = store.counts()
    clash = doc1()
    clash.events[1].id = "explicit-aid-1"
    with pytest.raises(StoreError, match="already used by another document"):
        store.write(clash)
    assert store.counts() == before
    assert not store.has_document(ID1)
    store.write(doc1())  # the connection is usable after the rollback
    assert store.has_document(ID1)


def test_write_many_equals_writing_one_by_one(store, tmp_path):
    results = store.write_many([doc1(), doc2(), doc3()], extractor_version="v1", coding_keys=["k1", "k2", "k3"])
    assert [(r.doc_id, r.new_document) for r in results] == [(ID1, True), (ID2, True), (ID3, True)]
    with Store.open(tmp_path / "one.duckdb") as other:
        for coded in (doc1(), doc2(), doc3()):
            other.write(coded, extractor_version="v1")
        assert store.counts() == other.counts()
        assert [e.id for e in store.events()] == [e.id for e in other.events()]
    assert store.coded_keys() == {ID1: "k1", ID2: "k2", ID3: "k3"}
    again = store.write_many([doc2(), doc1()], coding_keys=["k2b", "k1b"])
    assert [(r.doc_id, r.new_document) for r in again] == [(ID2, False), (ID1, False)]
    assert store.counts()["events"] == 5 and store.coded_keys()[ID1] == "k1b"


def test_write_many_is_all_or_nothing(store):
    store.write(doc3())  # holds event id "explicit-aid-1"
    before = store.counts()
    clash = doc1()
    clash.events[1].id = "explicit-aid-1"
    with pytest.raises(StoreError, match="batch of 2 documents"):
        store.write_many([doc2(), clash])
    assert store.counts() == before


def test_a_document_twice_in_one_batch_is_stored_once(store):
    results = store.write_many([doc1(), doc1()])
    assert results[0] == results[1]
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 2


def test_event_of_another_document_is_refused(store):
    coded = doc1()
    coded.events[0].doc_id = ID2
    with pytest.raises(StoreError, match="belongs to document"):
        store.write(coded)
    assert store.counts()["documents"] == 0


def test_document_without_id_is_refused(store):
    coded = doc3()
    coded.document.id = ""
    with pytest.raises(StoreError, match="without an id"):
        store.write(coded)


# --- round trips -------------------------------------------------------------------------------


def test_every_event_field_round_trips(full):
    originals = {e.type: e for e in doc1().events + doc2().events + doc3().events}
    stored = full.events()
    assert len(stored) == len(originals)
    for event in stored:
        expected = dataclasses.replace(originals[event.type], id=event.id)
        assert event == expected, event.type


def test_participants_keep_their_confidence_and_reason(full):
    sign = next(e for e in full.events() if e.type == "SUPPORT")
    assert [(a.confidence, a.reason) for a in sign.actor] == [(0.9, "gazetteer"), (1.0, "")]


def test_every_document_field_round_trips(full):
    for coded in (doc1(), doc2(), doc3()):
        assert full.document(coded.document.id) == coded.document


def test_actor_mentions_round_trip_in_order(full):
    assert full.actor_mentions(ID1) == [(ID1, a) for a in doc1().actors]
    everything = full.actor_mentions()
    assert [d for d, _ in everything] == [ID1, ID1, ID2]
    assert full.actor_mentions("nope") == []


def test_generated_event_ids_are_stable_and_explicit_ids_kept(full, tmp_path):
    by_type = {e.type: e.id for e in full.events()}
    assert by_type["AID"] == "explicit-aid-1"
    sign = doc1().events[0]
    assert by_type["SUPPORT"] == event_id(ID1, "SUPPORT", sign.trigger)
    assert by_type["SUPPORT"].startswith(ID1[:12] + "-")
    with Store.open(tmp_path / "other.duckdb") as other:
        other.write(doc1())
        assert {e.type: e.id for e in other.events()}["SUPPORT"] == by_type["SUPPORT"]


def test_sentence_and_signing_round_trip(full):
    by_type = {e.type: e for e in full.events()}
    assert by_type["SUPPORT"].sentence == doc1().events[0].sentence
    assert by_type["SUPPORT"].signing == "memorandum"
    assert by_type["ASSAULT"].sentence is None and by_type["ASSAULT"].signing is None


def test_clashing_generated_ids_get_suffixes(store):
    coded = doc3()
    twin = dataclasses.replace(coded.events[0], id="")
    coded.events = [dataclasses.replace(twin), dataclasses.replace(twin)]
    result = store.write(coded)
    assert result.event_ids[1] == result.event_ids[0] + "-2"
    assert store.counts()["events"] == 2


def test_duplicate_explicit_ids_in_one_document_are_refused(store):
    coded = doc3()
    coded.events = [coded.events[0], dataclasses.replace(coded.events[0])]
    with pytest.raises(StoreError, match="two events with id"):
        store.write(coded)


# --- documents ---------------------------------------------------------------------------------


def test_document_lookup_by_id_prefix_and_origin(full):
    assert full.document(ID1).id == ID1
    assert full.document("c0ff").id == ID3  # 4-character prefix
    assert full.document("a1b2c3").id == ID1
    assert full.document("az_ua.txt").id == ID1  # doc_origin
    assert full.document("/in/b.txt").id == ID2  # origin path
    assert full.document("c0f") is None  # prefix too short
    assert full.document("ffff") is None
    assert full.document("") is None
    with pytest.raises(StoreError, match="matches several documents"):
        full.document("a1b2")


def test_has_document_and_documents_order(full):
    assert full.has_document(ID2)
    assert not full.has_document(ID2[:8])
    assert [d.id for d in full.documents()] == [ID1, ID2, ID3]  # by date, undated last


# --- filters and order -------------------------------------------------------------------------


def test_events_are_ordered_by_date_then_document_then_position(full):
    # SUPPORT 2020-06-17; ASSAULT undated -> document date 2020-06-18; ACCUSE 2021-03;
    # CONSULT 2021-Q2; AID has no date at all -> last.
    assert [e.type for e in full.events()] == ["SUPPORT", "ASSAULT", "ACCUSE", "CONSULT", "AID"]


def test_dyad_filter_is_undirected(full):
    forward = full.events(EventFilter(dyad=("AZE", "UKR")))
    backward = full.events(EventFilter(dyad=("UKR", "aze")))
    assert [e.type for e in forward] == ["SUPPORT", "CONSULT"]
    assert forward == backward
    assert [e.type for e in full.events(EventFilter(dyad=("RUS", "UKR")))] == ["ASSAULT"]
    assert full.events(EventFilter(dyad=("AZE", "LTU"))) == []


def test_type_status_country_and_doc_filters(full):
    assert [e.type for e in full.events(EventFilter(types=("ACCUSE", "aid")))] == ["ACCUSE", "AID"]
    assert [e.type for e in full.events(EventFilter(statuses=("planned",)))] == ["CONSULT"]
    assert [e.type for e in full.events(EventFilter(country="UKR"))] == [
        "SUPPORT", "ASSAULT", "CONSULT", "AID"]
    assert [e.type for e in full.events(EventFilter(doc_id=ID2))] == ["ACCUSE", "CONSULT"]
    assert [e.type for e in full.events(EventFilter(doc_id=ID2[:6]))] == ["ACCUSE", "CONSULT"]
    both = EventFilter(country="UKR", statuses=("occurred",), types=("ASSAULT", "CONSULT"))
    assert [e.type for e in full.events(both)] == ["ASSAULT"]


def test_since_until_use_event_date_and_fall_back_to_document_date(full):
    def types(**kw):
        return [e.type for e in full.events(EventFilter(**kw))]

    # ASSAULT has no date: placed on its document's date, 2020-06-18.
    assert types(since=dt.date(2020, 6, 18), until=dt.date(2020, 6, 18)) == ["ASSAULT"]
    assert types(until=dt.date(2020, 6, 17)) == ["SUPPORT"]
    # month precision: 2021-03 overlaps a window starting mid-month
    assert types(since=dt.date(2021, 3, 15), until=dt.date(2021, 3, 20)) == ["ACCUSE"]
    # quarter precision: 2021-Q2 covers April to June
    assert types(since=dt.date(2021, 6, 30)) == ["CONSULT"]
    assert types(since=dt.date(2021, 7, 1)) == []
    # an event with no date at all is excluded by any date bound
    assert "AID" not in types(since=dt.date(1900, 1, 1))


# --- summaries ---------------------------------------------------------------------------------


def test_counts_cover_every_table(full):
    counts = full.counts()
    assert set(counts) >= {"documents", "events", "event_participants", "event_mentions",
                           "actor_mentions", "schema_migrations"}
    assert counts["events"] == 5 and counts["documents"] == 3


def test_dyads_summarise_each_unordered_pair(full):
    dyads = {d.pair: d for d in full.dyads()}
    assert set(dyads) == {("AZE", "UKR"), ("RUS", "UKR"), ("BLR", "LTU"), ("POL", "UKR")}
    aze_ukr = dyads[("AZE", "UKR")]
    assert aze_ukr.events == 2
    assert aze_ukr.by_type == {"SUPPORT": 1, "CONSULT": 1}
    assert aze_ukr.first == dt.date(2020, 6, 17)
    assert aze_ukr.last == dt.date(2021, 4, 1)
    # the dates as written, at their precision, for display
    assert (aze_ukr.first_as_written, aze_ukr.last_as_written) == ("2020-06-17", "2021-Q2")
    assert aze_ukr.mean_intensity == pytest.approx((3.5 + 1.0) / 2)
    assert aze_ukr.documents == 2
    assert dyads[("POL", "UKR")].first is None and dyads[("POL", "UKR")].mean_intensity is None
    assert full.dyads()[0].pair == ("AZE", "UKR")  # most events first
    only_2021 = full.dyads(EventFilter(since=dt.date(2021, 1, 1)))
    assert [d.pair for d in only_2021] == [("AZE", "UKR"), ("BLR", "LTU")]
    assert only_2021[0].events == 1


# --- read-only and lifecycle -------------------------------------------------------------------


def test_read_only_store_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "ro.duckdb"
    with Store.open(path) as s:
        s.write(doc1())
    with Store.open(path, read_only=True) as ro:
        assert len(ro.events()) == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.write(doc2())


def test_closed_store_raises_store_error(tmp_path):
    s = Store.open(tmp_path / "c.duckdb")
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        s.events()
