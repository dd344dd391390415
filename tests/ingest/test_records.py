"""JSONL, JSON and CSV/TSV records; column mapping."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accord.errors import ConfigError
from accord.ingest import ColumnMap, IngestOptions

from .helpers import collect

ARTICLE = "Azerbaijan and Ukraine signed an energy accord in Kyiv."


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


# --- ColumnMap ---------------------------------------------------------------------------

def test_column_map_parse_overrides_only_named_fields():
    cm = ColumnMap.parse("text=body, date=pubdate|when")
    assert cm.text == ("body",)
    assert cm.date == ("pubdate", "when")
    assert cm.title == ColumnMap().title


@pytest.mark.parametrize("spec", ["", "text", "text=", "colour=red", "text=a,text=b"])
def test_column_map_bad_specs_raise_config_error(spec):
    with pytest.raises(ConfigError) as info:
        ColumnMap.parse(spec)
    assert "text" in str(info.value) or "=" in str(info.value)


def test_column_pick_exact_then_case_insensitive():
    cm = ColumnMap()
    assert cm.pick("text", ["Body", "content"]) == "content"
    assert cm.pick("text", ["Body", "Title"]) == "Body"
    assert cm.pick("text", ["summary"]) is None


# --- JSONL -------------------------------------------------------------------------------

def test_jsonl_fields_ids_and_lines(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "a-1", "text": ARTICLE, "title": "Deal signed", "date": "2024-03-05",
         "url": "https://x.test/a", "source": {"id": "x", "name": "X News"}, "authors": ["A One", "B Two"]},
        "",
        {"body": "Second article about Baku talks.", "published": "Tue, 05 Mar 2024 10:00:00 GMT"},
    ])
    docs, problems = collect([path])
    assert problems == []
    a, b = docs
    assert (a.doc_origin, a.origin_line, a.title, a.published, a.date_source) == ("a-1", 1, "Deal signed", dt.date(2024, 3, 5), "column")
    assert (a.url, a.source, a.author, a.origin) == ("https://x.test/a", "X News", "A One, B Two", str(path))
    assert a.text == ARTICLE
    assert (b.doc_origin, b.origin_line, b.published) == ("news.jsonl:3", 3, dt.date(2024, 3, 5))


def test_jsonl_malformed_and_truncated_lines_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "bad.ndjson"
    path.write_text(
        json.dumps({"text": "first", "date": "2024-01-01"}) + "\n"
        + '{"text": "oops", }\n'
        + "[1, 2]\n"
        + json.dumps({"text": "fourth", "date": "2024-01-04"}) + "\n"
        + '{"text": "cut off in the mid',
        encoding="utf-8",
    )
    docs, problems = collect([path])
    assert [d.text for d in docs] == ["first", "fourth"]
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {2, 3, 5}
    assert "not valid JSON" in by_line[2].message and "rest of the file" in by_line[2].message
    assert "array" in by_line[3].message
    assert "truncated" in by_line[5].message
    assert all(p.origin == str(path) for p in problems)


def test_record_without_text_names_its_columns_and_the_fix(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"headline": "H", "summary": "S", "date": "2024-01-01"}])
    docs, problems = collect([path])
    assert docs == []
    (p,) = problems
    assert p.line == 1
    assert "'headline'" in p.message and "'summary'" in p.message
    assert "--columns text=NAME" in p.message


def test_column_mapping_option(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"summary": ARTICLE, "when": "2024-03-05", "key": "k9"}])
    options = IngestOptions(columns=ColumnMap.parse("text=summary,date=when,id=key"))
    docs, problems = collect([path], options)
    assert problems == []
    assert (docs[0].text, docs[0].published, docs[0].doc_origin) == (ARTICLE, dt.date(2024, 3, 5), "k9")


def test_missing_and_unreadable_dates_keep_the_document(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"text": "one"}, {"text": "two", "date": "sometime soon"}])
    docs, problems = collect([path])
    assert [d.published for d in docs] == [None, None]
    assert [p.action for p in problems] == ["kept without date", "kept without date"]
    assert "--columns date=NAME" in problems[0].message
    assert "'sometime soon'" in problems[1].message and problems[1].line == 2


def test_record_text_over_max_chars_is_skipped(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"text": "y" * 500, "date": "2024-01-01"}, {"text": "ok", "date": "2024-01-01"}])
    docs, problems = collect([path], IngestOptions(max_chars=100))
    assert [d.text for d in docs] == ["ok"]
    assert problems[0].line == 1 and "--max-chars" in problems[0].message


def test_empty_or_non_string_text(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"text": ""}, {"text": 42}, {"text": ["para one", "para two"], "date": "2024-01-01"}])
    docs, problems = collect([path])
    assert [d.text for d in docs] == ["para one\n\npara two"]
    assert "empty" in problems[0].message and "int" in problems[1].message


# --- JSON --------------------------------------------------------------------------------

def test_json_array_records_know_their_lines(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(
        '[\n  {"text": "one", "date": "2024-01-01"},\n\n  {"text": "two",\n   "date": "2024-01-02"},\n  "junk"\n]\n',
        encoding="utf-8",
    )
    docs, problems = collect([path])
    assert [(d.text, d.origin_line, d.doc_origin) for d in docs] == [("one", 2, "x.json:2"), ("two", 4, "x.json:4")]
    assert len(problems) == 1 and problems[0].line == 6 and "not an object" in problems[0].message


def test_json_single_object_and_wrapped_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": 7, "article": ARTICLE, "publish_date": "2024-03-05"}), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"content": "A.", "date": "2024-01-01"}, {"content": "B.", "date": "2024-01-01"}]}), encoding="utf-8")
    docs, problems = collect([one, wrapped])
    assert problems == []
    assert [(d.text, d.doc_origin) for d in docs] == [(ARTICLE, "7"), ("A.", "wrapped.json#articles[1]"), ("B.", "wrapped.json#articles[2]")]


def test_json_truncated_array_keeps_earlier_records(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"text": "one", "date": "2024-01-01"},\n {"text": "tw', encoding="utf-8")
    docs, problems = collect([path])
    assert [d.text for d in docs] == ["one"]
    assert problems[0].line == 2 and "rest of the file" in problems[0].message


def test_jsonl_content_in_a_json_file_is_read_as_jsonl(tmp_path):
    path = write_jsonl(tmp_path / "x.json", [{"text": "one", "date": "2024-01-01"}, {"text": "two", "date": "2024-01-01"}])
    docs, problems = collect([path])
    assert [d.doc_origin for d in docs] == ["x.json:1", "x.json:2"] and problems == []


def test_invalid_json_file_is_one_problem(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"text": "one",\n "date": }', encoding="utf-8")
    docs, problems = collect([path])
    assert docs == [] and len(problems) == 1 and problems[0].line == 2


# --- CSV / TSV ---------------------------------------------------------------------------

def test_csv_rows_with_line_numbers_and_multiline_fields(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        'id,headline,body,pub_date\n'
        'r1,Deal,"Azerbaijan, Ukraine sign.\nSecond line.",2024-03-05\n'
        ',No id,"Plain row.",05/03/2024\n',
        encoding="utf-8",
    )
    docs, problems = collect([path])
    assert problems == []
    assert [(d.doc_origin, d.origin_line, d.title) for d in docs] == [("r1", 2, "Deal"), ("x.csv:4", 4, "No id")]
    assert docs[0].text == "Azerbaijan, Ukraine sign.\nSecond line."
    assert docs[0].published == dt.date(2024, 3, 5)


def test_csv_without_text_column_is_one_problem(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("headline,summary\n" + "a,b\n" * 50, encoding="utf-8")
    docs, problems = collect([path])
    assert docs == []
    (p,) = problems
    assert p.origin == str(path)
    assert "'headline'" in p.message and "'summary'" in p.message and "--columns text=NAME" in p.message


def test_csv_bad_rows_are_reported_with_lines(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("text,date\nfine,2024-01-01\ntoo,many,fields,2024-01-01\nalso fine,2024-01-02\n", encoding="utf-8")
    docs, problems = collect([path])
    assert [d.text for d in docs] == ["fine", "also fine"]
    assert [(p.line, "fields" in p.message) for p in problems] == [(3, True)]


def test_csv_long_field_over_default_limit(tmp_path):
    path = tmp_path / "x.csv"
    long_text = "word " * 40_000  # 200 000 chars, over csv's 131 072 default field limit
    path.write_text(f'text,date\n"{long_text}",2024-01-01\n', encoding="utf-8")
    docs, problems = collect([path])
    assert problems == [] and len(docs[0].text) == len(long_text)


def test_tsv_and_semicolon_csv(tmp_path):
    tsv = tmp_path / "x.tsv"
    tsv.write_text("text\tdate\nTabbed, with comma.\t2024-01-01\n", encoding="utf-8")
    semi = tmp_path / "y.csv"
    semi.write_text("text;date\nSemicolon, text.;2024-01-02\n", encoding="utf-8")
    docs, problems = collect([tsv, semi])
    assert problems == []
    assert [(d.text, d.published) for d in docs] == [("Tabbed, with comma.", dt.date(2024, 1, 1)), ("Semicolon, text.", dt.date(2024, 1, 2))]


def test_csv_in_cp1252_is_read_with_a_problem(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("text,date\nPlain,2024-01-01\n\u201cCaf\u00e9\u201d talks,2024-01-02\n".encode("cp1252"))
    docs, problems = collect([path])
    assert [d.text for d in docs] == ["Plain", "\u201cCaf\u00e9\u201d talks"]
    assert [(p.line, p.action) for p in problems] == [(3, "read as cp1252")]


def test_csv_field_over_the_field_limit_is_a_row_problem(tmp_path, monkeypatch):
    import csv

    import accord.ingest.records as records

    old = csv.field_size_limit()
    monkeypatch.setattr(records, "_raise_field_limit", lambda max_chars: csv.field_size_limit(1000))
    try:
        path = tmp_path / "x.csv"
        path.write_text(f'text,date\n"{"y" * 5000}",2024-01-01\nshort,2024-01-01\n', encoding="utf-8")
        docs, problems = collect([path])
    finally:
        csv.field_size_limit(old)
    assert [d.text for d in docs] == ["short"]
    assert problems[0].line == 2 and "--max-chars" in problems[0].message
