"""Property-based fuzzing of every reader: whatever the bytes, a reader yields Documents and
Problems and never raises (``make fuzz`` runs the long profile; see tests/fuzzing.py)."""

from __future__ import annotations

import io
import json

from fuzzing import (
    DATES,
    csv_text,
    feed_text,
    file_bytes,
    fuzz,
    html_text,
    json_values,
    jsonl_text,
    news_text,
    r_bytes,
    r_csv,
    r_feed,
    r_html,
    r_jsonl,
    r_news,
    seeded,
)
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


@fuzz(40_000)
@given(st.binary(max_size=400) | seeded(r_bytes, file_bytes()))
def test_decode_bytes_reads_text_or_says_binary(data):
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        assert "binary" in str(exc)
        return
    assert "\x00" not in decoded.text


@fuzz(220_000)
@given(seeded(r_news, news_text()), st.integers(1, 400))
def test_read_text(text, max_chars):
    check(read_text(text, origin="f.txt", doc_origin="f.txt", max_chars=max_chars))


@fuzz(60_000)
@given(seeded(r_jsonl, jsonl_text()), st.booleans())
def test_read_jsonl(text, streamed):
    if streamed:  # the byte stream path: a line decoder per line, as for files on disk
        decoder = LineDecoder()
        lines = (decoder.decode(raw, i) for i, raw in enumerate(io.BytesIO(text.encode("utf-8", "replace")), start=1))
        check(read_jsonl(lines, origin="f.jsonl", name="f.jsonl", columns=COLUMNS, max_chars=MAX, decoder=decoder))
    else:
        check(read_jsonl(io.StringIO(text), origin="f.jsonl", name="f.jsonl", columns=COLUMNS, max_chars=MAX))


@fuzz(30_000)
@given(st.one_of(json_values(12).map(json.dumps), seeded(r_jsonl, jsonl_text()), seeded(r_news)))
def test_read_json(text):
    check(read_json(text, origin="f.json", name="f.json", columns=COLUMNS, max_chars=MAX))


@fuzz(200_000)
@given(seeded(r_csv, csv_text()), st.sampled_from([None, ",", "\t", ";"]))
def test_read_csv(text, delimiter):
    items = check(read_csv(io.StringIO(text), origin="f.csv", name="f.csv", columns=COLUMNS, max_chars=MAX,
                           delimiter=delimiter))
    lines = text.count("\n") + 1
    for item in items:  # every line named is a line of the file
        line = item.origin_line if isinstance(item, Document) else item.line
        assert line is None or 1 <= line <= lines


@fuzz(6_000)
@given(seeded(r_html, html_text()) | seeded(r_news))
def test_read_html(markup):
    check(read_html(markup, origin="f.html", doc_origin="f.html", max_chars=MAX))
    strip_html(markup)


@fuzz(8_000)
@given(seeded(r_feed, feed_text()) | seeded(r_news))
def test_read_feed(text):
    check(read_feed(text.encode("utf-8", "replace"), origin="f.xml", name="f.xml", max_chars=MAX))


@fuzz(20_000)
@given(seeded(r_bytes, file_bytes()), st.sampled_from((None, *FORMATS)))
def test_read_bytes_any_format(data, fmt):
    items = check(read_bytes(data, fmt, origin="f", name="f", options=IngestOptions(max_chars=MAX)))
    assert not any("\x00" in d.text for d in items if isinstance(d, Document))


@fuzz(60_000)
@given(st.one_of(st.sampled_from(DATES), st.text(max_size=30), seeded(lambda r: r_news(r, 6)),
                 st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_parse_date(value):
    result = parse_date(value)
    assert result is None or hasattr(result, "year")


@fuzz(150_000)
@given(seeded(r_news, news_text()), seeded(lambda r: r_news(r, 8)) | st.none())
def test_datelines(text, title):
    find_body_dateline(text, title)
    for start in (0, len(text) // 2, len(text)):
        m = find_dateline(text, start)
        if m is not None:
            assert start <= m.span.start <= m.span.end <= len(text)


@fuzz(20_000)
@given(seeded(lambda r: r_news(r, 60), news_text(60)))
def test_sniffers_and_language(text):
    assert sniff_format(text) in FORMATS
    assert sniff_delimiter(text.split("\n", 1)[0]) in ",;\t|"
    assert detect_language(text).isalpha()


@fuzz(40_000)
@given(st.text(max_size=40))
def test_column_map_parse(spec):
    try:
        ColumnMap.parse(spec)
    except AccordError:
        pass
