"""The one-query exports equal the record-by-record ones (``event_record``, ``csv_row``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import duckdb
import pytest

from accord.export.events import (
    CSV_COLUMNS,
    csv_row,
    event_record,
    iter_events,
    iter_records,
    write_csv,
    write_jsonl,
    write_parquet,
)
from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span
from accord.store import EventFilter, Store
from accord.store.queries import effective_range


def sp(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def coded() -> list[CodedDocument]:
    t1 = "Kyiv, 17 June. Azerbaijan and Ukraine signed a \"memorandum\"; Baku, tab\there."
    d1 = Document(id="a" * 32, text=t1, title="Memo; signed, \u00e9t\u00e9", published=dt.date(2020, 6, 18),
                  url="https://example.org/a", source="Trend", doc_origin="az.txt")
    e1 = Event(type="SUPPORT", doc_id=d1.id, mentions=[sp(t1, "Azerbaijan and Ukraine signed"),
                                                       sp(t1, "Baku")],
               trigger=sp(t1, "signed"), mode="sign",
               actor=[Actor("Azerbaijan", "AZE", "GOV", "Government of Azerbaijan", None),
                      Actor("Ukraine", None, None, None, "state")],
               date=DateValue("2020-06-17", "day", span=sp(t1, "17 June")),
               location=Place("Kyiv", "UKR", 50.45, 30.52, sp(t1, "Kyiv")),
               contexts=["diplomatic", "economic"], intensity=3.5, cameo="057", date_reason="dateline")
    # a latitude without a longitude: JSON keeps coordinates only as a pair, CSV each one
    e2 = Event(type="CONSULT", doc_id=d1.id, mentions=[sp(t1, "Baku")], trigger=sp(t1, "Baku"),
               location=Place("Baku", "AZE", 40.4, None), date=DateValue("2020-Q2", "quarter"))
    t2 = "Russian forces shelled Kharkiv. Belarus accused Lithuania."
    d2 = Document(id="b" * 32, text=t2, published=None, doc_origin="rec-17")  # undated: no month
    e3 = Event(type="ASSAULT", doc_id=d2.id, mentions=[sp(t2, "Russian forces shelled Kharkiv")],
               trigger=sp(t2, "shelled"), actor=[Actor("Russian forces", "RUS", "MIL")],
               recipient=[Actor("Kharkiv", "UKR"), Actor("Kharkiv region", None, "GOV")],
               intensity=-9.0)
    e4 = Event(type="ACCUSE", doc_id=d2.id, mentions=[sp(t2, "Belarus accused Lithuania")],
               trigger=sp(t2, "accused"), date=DateValue("2022-02", "month"), status="negated")
    return [CodedDocument(d1, [e1, e2]), CodedDocument(d2, [e3, e4])]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "x.duckdb") as s:
        for c in coded():
            s.write(c)
        yield s


FILTERS = [EventFilter(), EventFilter(dyad=("AZE", "UKR")), EventFilter(types=("ASSAULT", "ACCUSE")),
           EventFilter(since=dt.date(2020, 6, 1), until=dt.date(2020, 6, 30))]


@pytest.mark.parametrize("flt", FILTERS)
def test_records_equal_event_records_row_by_row(store, flt):
    old = [event_record(e, d) for e, d in iter_events(store, flt)]
    new = list(iter_records(store, flt, batch=1))
    assert new == old
    assert [json.dumps(r, ensure_ascii=False) for r in new] == [json.dumps(r, ensure_ascii=False) for r in old]


@pytest.mark.parametrize("flt", FILTERS)
def test_jsonl_and_csv_equal_the_record_by_record_output(store, flt):
    buf = io.StringIO()
    assert write_jsonl(store, buf, flt) == len(list(iter_events(store, flt)))
    assert buf.getvalue() == "".join(json.dumps(event_record(e, d), ensure_ascii=False) + "\n"
                                     for e, d in iter_events(store, flt))
    new, old = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(store, new, flt)
    writer = csv.DictWriter(old, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for e, d in iter_events(store, flt):
        writer.writerow(csv_row(e, d))
    assert new.getvalue() == old.getvalue()


def test_parquet_rows_equal_the_records_with_their_month(store, tmp_path):
    target = tmp_path / "ev.parquet"
    assert write_parquet(store, target) == 4
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM '{target}'")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    expected = []
    for e, d in iter_events(store):
        rec = event_record(e, d)
        if rec["location"] is not None:
            rec["location"].setdefault("lat", None)
            rec["location"].setdefault("lon", None)
        rec["doc_date"] = d.published
        first, _ = effective_range(e, d)
        rec["month"] = first.strftime("%Y-%m") if first else None
        expected.append(rec)
    assert rows == expected
    assert [r["month"] for r in rows] == ["2020-04", "2020-06", "2022-02", None]


def test_partitioned_parquet_by_month(store, tmp_path):
    target = tmp_path / "parts"
    assert write_parquet(store, target) == 4
    months = sorted(p.name for p in target.iterdir())
    assert months == ["month=2020-04", "month=2020-06", "month=2022-02", "month=__HIVE_DEFAULT_PARTITION__"]
    # nothing matches: earlier partitions stay
    assert write_parquet(store, target, EventFilter(types=("COERCE",))) == 0
    assert len(list(target.iterdir())) == 4
