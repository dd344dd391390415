"""Property-based fuzzing of every reader: whatever the bytes, a reader yields Documents and
Problems and never raises (``make fuzz`` runs the long profile; see tests/fuzzing.py)."""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from accord.errors import AccordError, InputError
from accord.ingest import ColumnMap, IngestOptions
from accord.ingest.dateline import find_body_dateline, find_dateline
from accord.ingest.dates import parse_date
from accord.ingest.decode import LineDecoder, decode_bytes
from accord.ingest.feeds import read_feed
from accord.ingest.html import read_html, strip_html
from accord.ingest.language import detect_language
from accord.ingest.options import FORMATS
from accord.ingest.records import read_csv, read_json, read_jsonl, sniff_delimiter
from accord.ingest.sources import read_bytes, sniff_format
from accord.ingest.text import read_text
from accord.model import Document, Problem
from fuzzing import (
    DATES,
    count,
    csv_text,
    feed_text,
    file_bytes,
    fuzz,
    html_text,
    inputs,
    json_values,
    jsonl_text,
    news_text,
    r_bytes,
    r_csv,
    r_feed,
    r_html,
    r_jsonl,
    r_news,
)

COLUMNS = ColumnMap()
MAX = 1_000_000


def check(items) -> list:
    items = list(items)
    for item in items:
        assert isinstance(item, (Document, Problem)), item
        if isinstance(item, Document):
            assert item.text.strip()
            assert item.id and item.doc_origin is not None
            for span in item.masked:
                assert 0 <= span.start <= span.end <= len(item.text)
            assert len(item.nlp_text()) == len(item.text)
        else:
            assert item.message and item.origin
    return items


def _any_bytes(r) -> bytes:
    return bytes(r.randint(0, 255) for _ in range(r.randint(0, 400))) if r.random() < 0.3 else r_bytes(r)


@fuzz(20_000)
@given(inputs(_any_bytes, st.binary(max_size=400) | file_bytes()))
def test_decode_bytes_reads_text_or_says_binary(batch):
    for data in count("decode_bytes", batch):
        try:
            decoded = decode_bytes(data)
        except InputError as exc:
            assert "binary" in str(exc)
            continue
        assert "\x00" not in decoded.text


@fuzz(120_000)
@given(inputs(lambda r: (r_news(r), r.randint(1, 400)), st.tuples(news_text(), st.integers(1, 400))))
def test_read_text(batch):
    for text, max_chars in count("read_text", batch):
        check(read_text(text, origin="f.txt", doc_origin="f.txt", max_chars=max_chars))


@fuzz(20_000)
@given(inputs(lambda r: (r_jsonl(r), r.random() < 0.5), st.tuples(jsonl_text(), st.booleans())))
def test_read_jsonl(batch):
    for text, streamed in count("read_jsonl", batch):
        if streamed:  # the byte stream path: a line decoder per line, as for files on disk
            decoder = LineDecoder()
            raw = io.BytesIO(text.encode("utf-8", "replace"))
            lines = (decoder.decode(line, i) for i, line in enumerate(raw, start=1))
            check(read_jsonl(lines, origin="f.jsonl", name="f.jsonl", columns=COLUMNS, max_chars=MAX, decoder=decoder))
        else:
            check(read_jsonl(io.StringIO(text), origin="f.jsonl", name="f.jsonl", columns=COLUMNS, max_chars=MAX))


def _json_doc(r) -> str:
    k = r.random()
    if k < 0.4:
        return json.dumps([{"text": r_news(r), "date": r.choice(DATES)} for _ in range(r.randint(0, 4))])
    return r_jsonl(r) if k < 0.8 else r_news(r)


@fuzz(15_000)
@given(inputs(_json_doc, st.one_of(json_values(12).map(json.dumps), jsonl_text(), news_text())))
def test_read_json(batch):
    for text in count("read_json", batch):
        check(read_json(text, origin="f.json", name="f.json", columns=COLUMNS, max_chars=MAX))


@fuzz(260_000)
@given(inputs(lambda r: (r_csv(r), r.choice([None, ",", "\t", ";"])),
              st.tuples(csv_text(), st.sampled_from([None, ",", "\t", ";"]))))
def test_read_csv(batch):
    for text, delimiter in count("read_csv", batch):
        items = check(read_csv(io.StringIO(text), origin="f.csv", name="f.csv", columns=COLUMNS, max_chars=MAX,
                               delimiter=delimiter))
        lines = text.count("\n") + 1
        for item in items:  # every line named is a line of the file
            line = item.origin_line if isinstance(item, Document) else item.line
            assert line is None or 1 <= line <= lines


@fuzz(1_500)
@given(inputs(lambda r: r_html(r) if r.random() < 0.8 else r_news(r), html_text() | news_text()))
def test_read_html(batch):
    for markup in count("read_html", batch):
        check(read_html(markup, origin="f.html", doc_origin="f.html", max_chars=MAX))
        strip_html(markup)


@fuzz(4_000)
@given(inputs(lambda r: r_feed(r) if r.random() < 0.8 else r_news(r), feed_text() | news_text()))
def test_read_feed(batch):
    for text in count("read_feed", batch):
        check(read_feed(text.encode("utf-8", "replace"), origin="f.xml", name="f.xml", max_chars=MAX))


@fuzz(8_000)
@given(inputs(lambda r: (r_bytes(r), r.choice((None, *FORMATS))), st.tuples(file_bytes(), st.sampled_from((None, *FORMATS)))))
def test_read_bytes_any_format(batch):
    for data, fmt in count("read_bytes", batch):
        items = check(read_bytes(data, fmt, origin="f", name="f", options=IngestOptions(max_chars=MAX)))
        assert not any("\x00" in d.text for d in items if isinstance(d, Document))


def _date_value(r):
    k = r.random()
    if k < 0.5:
        return r.choice(DATES)
    if k < 0.8:
        return r_news(r, 6)
    return r.choice([None, True, r.randint(-2**40, 2**40), r.uniform(-1e15, 1e15), float("nan"), float("inf")])


@fuzz(80_000)
@given(inputs(_date_value, st.one_of(st.sampled_from(DATES), st.text(max_size=30), news_text(6), st.integers(),
                                     st.floats(allow_nan=True), st.none(), st.booleans())))
def test_parse_date(batch):
    for value in count("parse_date", batch):
        result = parse_date(value)
        assert result is None or hasattr(result, "year")


@fuzz(310_000)
@given(inputs(lambda r: (r_news(r), r_news(r, 8) if r.random() < 0.5 else None),
              st.tuples(news_text(), news_text(8) | st.none())))
def test_datelines(batch):
    for text, title in count("datelines", batch):
        find_body_dateline(text, title)
        for start in (0, len(text) // 2, len(text)):
            m = find_dateline(text, start)
            if m is not None:
                assert start <= m.span.start <= m.span.end <= len(text)


@fuzz(10_000)
@given(inputs(lambda r: r_news(r, 60), news_text(60)))
def test_sniffers_and_language(batch):
    for text in count("sniffers_language", batch):
        assert sniff_format(text) in FORMATS
        assert sniff_delimiter(text.split("\n", 1)[0]) in ",;\t|"
        assert detect_language(text).isalpha()


def _spec(r) -> str:
    parts = [f"{r.choice(['text', 'date', 'title', 'id', 'url', 'bogus', ''])}{r.choice(['=', '', '=='])}"
             f"{r.choice(['body', 'a|b', '', ' ', 'x'])}" for _ in range(r.randint(0, 4))]
    return r.choice([",", ";", ", "]).join(parts)


@fuzz(100_000)
@given(inputs(_spec, st.text(max_size=40)))
def test_column_map_parse(batch):
    for spec in count("column_map", batch):
        with contextlib.suppress(AccordError):
            ColumnMap.parse(spec)
