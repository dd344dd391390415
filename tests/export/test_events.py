"""Exports read back: JSONL with json, CSV with csv, Parquet with DuckDB."""

from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import pytest

from accord.errors import StoreError
from accord.export.events import CSV_COLUMNS, RECORD_KEYS, event_record, export_events
from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span
from accord.store import EventFilter, Store

TEXT_A = "Kyiv, 17 June. Azerbaijan and Ukraine signed a memorandum in Kyiv; a \"new\" page."
TEXT_B = "Russian forces shelled Kharkiv. Belarus accused Lithuania."
ID_A = "aaaa0000111122223333444455556666"
ID_B = "bbbb0000111122223333444455556666"


def sp(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def coded_a() -> CodedDocument:
    doc = Document(id=ID_A, text=TEXT_A, title="Memorandum, signed",
                   published=dt.date(2020, 6, 18), url="https://example.org/a",
                   source="Trend", doc_origin="az_ua.txt")
    sign = Event(
        type="SUPPORT", doc_id=ID_A,
        mentions=[sp(TEXT_A, "Azerbaijan and Ukraine signed a memorandum")],
        trigger=sp(TEXT_A, "signed"), mode="sign",
        actor=[Actor("Azerbaijan", "AZE", "GOV", "Government of Azerbaijan", None),
               Actor("Ukraine", "UKR", None, None, "state")],
        date=DateValue("2020-06-17", "day", span=sp(TEXT_A, "17 June")),
        location=Place("Kyiv", "UKR", 50.45, 30.52, sp(TEXT_A, "Kyiv", 1)),
        contexts=["diplomatic", "economic"], intensity=3.5, cameo="057",
        date_reason="dateline",
    )
    return CodedDocument(doc, [sign])


def coded_b() -> CodedDocument:
    doc = Document(id=ID_B, text=TEXT_B, published=dt.date(2022, 3, 1), doc_origin="rec-17")
    shell = Event(
        type="ASSAULT", doc_id=ID_B, mentions=[sp(TEXT_B, "Russian forces shelled Kharkiv")],
        trigger=sp(TEXT_B, "shelled"), actor=[Actor("Russian forces", "RUS", "MIL")],
        recipient=[Actor("Kharkiv", "UKR")], location=Place("Kharkiv", "UKR"),
        date_reason="no date in sentence", intensity=-9.0,
    )
    accuse = Event(
        type="ACCUSE", doc_id=ID_B, mentions=[sp(TEXT_B, "Belarus accused Lithuania")],
        trigger=sp(TEXT_B, "accused"), actor=[Actor("Belarus", "BLR")],
        recipient=[Actor("Lithuania", "LTU")], date=DateValue("2022-02", "month"),
        status="negated",
    )
    return CodedDocument(doc, [shell, accuse])


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "x.duckdb") as s:
        s.write(coded_a())
        s.write(coded_b())
        yield s


def test_event_record_has_exactly_the_contract_keys():
    coded = coded_a()
    event = coded.events[0]
    event.id = "ev-1"
    record = event_record(event, coded.document)
    assert tuple(record) == RECORD_KEYS
    assert record["id"] == "ev-1"
    assert record["doc_id"] == ID_A and record["doc_origin"] == "az_ua.txt"
    assert record["date"] == {"value": "2020-06-17", "precision": "day"}
    assert record["location"] == {"text": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52}
    assert record["actor"][0] == {"text": "Azerbaijan", "country": "AZE", "sector": "GOV",
                                  "entity": "Government of Azerbaijan", "role": None}
    assert record["recipient"] == []
    assert record["trigger"] == {"start": TEXT_A.index("signed"),
                                 "end": TEXT_A.index("signed") + 6, "text": "signed"}
    assert record["doc_date"] == "2020-06-18"
    assert record["doc_title"] == "Memorandum, signed"
    assert record["doc_url"] == "https://example.org/a" and record["doc_source"] == "Trend"


def test_event_record_with_resolution_adds_confidence_and_reason_after_the_contract_keys():
    coded = coded_a()
    plain = event_record(coded.events[0], coded.document)
    full = event_record(coded.events[0], coded.document, resolution=True)
    assert tuple(full) == RECORD_KEYS
    actor = coded.events[0].actor[0]
    assert full["actor"][0] == {**plain["actor"][0], "confidence": actor.confidence, "reason": actor.reason}
    assert list(full["actor"][0])[:5] == ["text", "country", "sector", "entity", "role"]
    assert "confidence" not in plain["actor"][0] and "reason" not in plain["actor"][0]


def test_event_record_location_without_coordinates_and_missing_date():
    coded = coded_b()
    record = event_record(coded.events[0], coded.document)
    assert record["location"] == {"text": "Kharkiv", "country": "UKR"}
    assert record["date"] is None
    assert record["date_reason"] == "no date in sentence"
    assert event_record(coded.events[1], coded.document)["location"] is None


def test_jsonl_export_reads_back(store, tmp_path):
    out = tmp_path / "out" / "events.jsonl"
    assert export_events(store, "jsonl", out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["type"] for r in records] == ["SUPPORT", "ACCUSE", "ASSAULT"]  # by date
    assert all(tuple(r) == RECORD_KEYS for r in records)
    texts = {ID_A: TEXT_A, ID_B: TEXT_B}
    for r in records:
        for m in r["mentions"]:  # offsets index the stored document text
            assert texts[r["doc_id"]][m["start"]:m["end"]] == m["text"]
    expected = [event_record(e, store.document(e.doc_id)) for e in store.events()]
    assert records == expected
    assert records[1]["status"] == "negated"
    assert records[2]["doc_origin"] == "rec-17"
    assert records[0]["contexts"] == ["diplomatic", "economic"]


def test_jsonl_export_applies_the_filter(store, tmp_path):
    out = tmp_path / "ukr.jsonl"
    n = export_events(store, "jsonl", out, EventFilter(dyad=("UKR", "RUS")))
    assert n == 1
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["type"] == "ASSAULT"
    assert export_events(store, "jsonl", out, EventFilter(types=("PROTEST",))) == 0
    assert out.read_text() == ""


def test_csv_export_reads_back(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export_events(store, "csv", out) == 3
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = list(reader)
    assert [r["type"] for r in rows] == ["SUPPORT", "ACCUSE", "ASSAULT"]
    sign = rows[0]
    assert sign["actor_country"] == "AZE;UKR"
    assert sign["actor_sector"] == "GOV;"  # aligned with actors, empty where unknown
    assert sign["actor_role"] == ";state"
    assert sign["recipient_country"] == ""
    assert sign["evidence"] == "Azerbaijan and Ukraine signed a memorandum"
    assert int(sign["evidence_start"]) == TEXT_A.index("Azerbaijan")
    assert sign["contexts"] == "diplomatic;economic"
    assert sign["date"] == "2020-06-17" and sign["date_precision"] == "day"
    assert float(sign["lat"]) == 50.45 and sign["location_country"] == "UKR"
    assert sign["doc_title"] == "Memorandum, signed"  # comma survives quoting
    assert sign["mentions"] == "1"
    shell = rows[2]
    assert shell["actor_country"] == "RUS" and shell["recipient_country"] == "UKR"
    assert shell["date"] == "" and shell["intensity"] == "-9.0"
    assert shell["trigger"] == "shelled"


def test_parquet_single_file_reads_back(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert export_events(store, "parquet", out) == 3
    con = duckdb.connect()
    rows = con.execute(
        "SELECT id, type, status, date.value, actor[1].country, recipient, mentions[1].text, "
        "trigger.start, location.lat, doc_date, month FROM read_parquet(?) ORDER BY month",
        [str(out)],
    ).fetchall()
    assert [r[1] for r in rows] == ["SUPPORT", "ACCUSE", "ASSAULT"]
    sign = rows[0]
    assert sign[3] == "2020-06-17" and sign[4] == "AZE" and sign[5] == []
    assert sign[6] == "Azerbaijan and Ukraine signed a memorandum"
    assert sign[7] == TEXT_A.index("signed") and sign[8] == 50.45
    assert sign[9] == dt.date(2020, 6, 18) and sign[10] == "2020-06"
    assert rows[1][2] == "negated" and rows[1][10] == "2022-02"
    assert rows[2][3] is None and rows[2][10] == "2022-03"  # undated: document month
    assert rows[2][5] == [{"text": "Kharkiv", "country": "UKR", "sector": None,
                           "entity": None, "role": None}]
    assert {r[0] for r in rows} == {e.id for e in store.events()}


def test_parquet_directory_is_partitioned_by_month(store, tmp_path):
    out = tmp_path / "parquet"
    assert export_events(store, "parquet", out) == 3
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2020-06", "month=2022-02", "month=2022-03"]
    con = duckdb.connect()
    query = ("SELECT month, type FROM read_parquet(?, hive_partitioning = true) "
             "ORDER BY month")
    rows = con.execute(query, [f"{out}/**/*.parquet"]).fetchall()
    assert rows == [("2020-06", "SUPPORT"), ("2022-02", "ACCUSE"), ("2022-03", "ASSAULT")]
    # exporting again over the same directory replaces, never duplicates
    assert export_events(store, "parquet", out, EventFilter(country="UKR")) == 2
    rows = con.execute(query, [f"{out}/**/*.parquet"]).fetchall()
    assert rows == [("2020-06", "SUPPORT"), ("2022-03", "ASSAULT")]


def test_parquet_refuses_a_directory_with_other_files(store, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("important")
    with pytest.raises(StoreError, match="already holds other files"):
        export_events(store, "parquet", out)
    assert (out / "keep.txt").read_text() == "important"


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(StoreError, match="unknown export format"):
        export_events(store, "xml", tmp_path / "e.xml")  # type: ignore[arg-type]
    assert not (tmp_path / "e.xml").exists()
