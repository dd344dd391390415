"""Dispatch: paths, directories with globs, stdin, URLs, and bad input of every kind."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import sys
import time

import pytest

from accord.errors import ConfigError
from accord.ingest import IngestOptions, iter_documents, read_all
from accord.model import Document, Problem

from .helpers import collect

SEED = " date 2024-03-05 Azerbaijan and Ukraine agreed to cooperate, Report informs.\n\nMore text.\n"
UNDATED = "Leaders met in Baku today and agreed to meet again.\n"


def tree(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(SEED.replace("Azerbaijan", "Georgia"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "jsonl doc", "date": "2024-01-01"}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("A markdown note, dated nowhere.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden " + SEED, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git " + SEED, encoding="utf-8")
    return tmp_path


def names(docs):
    return [d.doc_origin for d in docs]


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    docs, problems = collect([tree(tmp_path)])
    assert names(docs) == ["a.txt", "c.jsonl:1", "notes.md", "z.txt"]
    assert docs[3].origin == str(tmp_path / "b" / "z.txt")
    assert [p.origin for p in problems] == [str(tmp_path / "notes.md")]  # undated: kept with a Problem


def test_include_and_exclude_globs(tmp_path):
    tree(tmp_path)
    docs, _ = collect([tmp_path], IngestOptions(include=("*.txt",)))
    assert names(docs) == ["a.txt", "z.txt"]
    docs, _ = collect([tmp_path], IngestOptions(exclude=("*.md", "b/*")))
    assert names(docs) == ["a.txt", "c.jsonl:1"]
    docs, problems = collect([tmp_path], IngestOptions(include=("*.pdf",)))
    assert docs == [] and len(problems) == 1 and "*.pdf" in problems[0].message


def test_glob_pattern_as_a_source(tmp_path):
    tree(tmp_path)
    docs, _ = collect([str(tmp_path / "**" / "*.txt")])
    assert names(docs) == ["a.txt", "z.txt"]
    docs, problems = collect([str(tmp_path / "*.nothing")])
    assert docs == [] and "matches no files" in problems[0].message


def test_a_single_string_source_is_not_iterated(tmp_path):
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    items = list(iter_documents(str(tmp_path)))
    assert [type(i).__name__ for i in items] == ["Document"]


def test_nonexistent_path_is_a_problem_and_the_batch_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text(SEED, encoding="utf-8")
    items = list(iter_documents([tmp_path / "missing.txt", tmp_path / "ok.txt"]))
    assert isinstance(items[0], Problem) and items[0].origin.endswith("missing.txt")
    assert "no such file" in items[0].message
    assert isinstance(items[1], Document) and items[1].published == dt.date(2024, 3, 5)


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"")
    (tmp_path / "spaces.txt").write_text("  \n\n\t\n", encoding="utf-8")
    docs, problems = collect([tmp_path / "empty.txt", tmp_path / "blank.csv", tmp_path / "spaces.txt"])
    assert docs == []
    assert [p.origin.rsplit("/", 1)[-1] for p in problems] == ["empty.txt", "blank.csv", "spaces.txt"]
    assert all("empty" in p.message and p.action == "skipped" for p in problems)


@pytest.mark.parametrize("name", ["photo.txt", "photo.jsonl", "photo.csv", "photo.png", "photo.rss"])
def test_binary_files_are_skipped(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, problems = collect([path])
    assert docs == []
    assert [(p.origin, p.message) for p in problems] == [(str(path), "binary file, not text; skipped")]


def test_undecodable_text_is_read_as_best_guess_with_a_problem(tmp_path):
    path = tmp_path / "latin.txt"
    text = " date 2024-03-05 The minister said the caf\u00e9 talks in Z\u00fcrich were \u201cproductive\u201d.\n"
    path.write_bytes(text.encode("cp1252"))
    docs, problems = collect([path])
    assert [d.text for d in docs] == [text]
    assert [(p.action, p.line) for p in problems] == [("read as cp1252", None)]
    assert "UTF-8" in problems[0].message


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED.encode())
    docs, problems = collect([path])
    assert docs[0].text == SEED and docs[0].published == dt.date(2024, 3, 5) and problems == []


def test_document_over_max_chars_is_skipped(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 2000, encoding="utf-8")
    docs, problems = collect([path], IngestOptions(max_chars=1000))
    assert docs == []
    assert len(problems) == 1 and "split it" in problems[0].message and "--max-chars" in problems[0].message


def test_real_size_document_over_default_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Azerbaijan and Ukraine met again. " * 60_000)  # ~2 MB, 2 million chars
    started = time.perf_counter()
    docs, problems = collect([path])
    assert time.perf_counter() - started < 2.0
    assert docs == [] and len(problems) == 1 and "1,000,000" in problems[0].message


def test_file_over_the_whole_file_read_limit_is_skipped(tmp_path):
    class Small(IngestOptions):
        @property
        def max_file_bytes(self) -> int:
            return 1000

    path = tmp_path / "big.html"
    path.write_text("<p>" + "x" * 2000 + "</p>", encoding="utf-8")
    docs, problems = collect([path], Small())
    assert docs == [] and "MiB" in problems[0].message and "read limit" in problems[0].message


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text(json.dumps({"text": "record", "date": "2024-01-01"}) + "\n", encoding="utf-8")
    (tmp_path / "b.dat").write_text(SEED, encoding="utf-8")
    (tmp_path / "c.dat").write_text("<!DOCTYPE html><html><body><article>" + "<p>Leaders of Azerbaijan and Ukraine met in Kyiv on Tuesday to sign several agreements.</p>" * 3 + "</article></body></html>", encoding="utf-8")
    docs, _ = collect([tmp_path])
    assert [d.doc_origin for d in docs] == ["a.dat:1", "b.dat", "c.dat"]
    assert docs[1].source == "Report"
    assert "Leaders of Azerbaijan" in docs[2].text


def test_forced_format(tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(json.dumps({"text": "forced", "date": "2024-01-01"}) + "\n", encoding="utf-8")
    docs, _ = collect([path])
    assert docs[0].text.startswith("{")  # a .txt file is text by default
    docs, _ = collect([path], IngestOptions(format="ndjson"))
    assert docs[0].text == "forced"


def test_options_are_validated():
    with pytest.raises(ConfigError, match="unknown input format"):
        IngestOptions(format="pdf")
    with pytest.raises(ConfigError):
        IngestOptions(max_chars=0)
    with pytest.raises(ConfigError):
        IngestOptions(include="*.txt")  # type: ignore[arg-type]


# --- stdin -------------------------------------------------------------------------------

def test_stdin_text_and_jsonl():
    docs, problems = collect(["-"], stdin=io.StringIO(SEED + "---\n" + UNDATED))
    assert [d.origin for d in docs] == ["<stdin>", "<stdin>"]
    assert docs[0].text == SEED and docs[1].origin_line == 5
    assert [p.action for p in problems] == ["kept without date"]
    jsonl = "\n" + json.dumps({"id": "s1", "text": "from stdin", "date": "2024-01-01"}) + "\n"
    docs, problems = collect(["-"], stdin=io.StringIO(jsonl))
    assert [(d.doc_origin, d.origin_line, d.text) for d in docs] == [("s1", 2, "from stdin")] and problems == []


def test_stdin_json_object_and_line_separators_inside_strings():
    pretty = json.dumps({"text": "pretty", "date": "2024-01-01"}, indent=2)
    docs, problems = collect(["-"], stdin=io.StringIO(pretty))
    assert [d.text for d in docs] == ["pretty"] and problems == []
    tricky = json.dumps({"text": "a\u2028b", "date": "2024-01-01"}, ensure_ascii=False) + "\n"
    assert "\u2028" in tricky
    docs, problems = collect(["-"], stdin=io.StringIO(tricky))
    assert [d.text for d in docs] == ["a\u2028b"] and problems == []


def test_stdin_empty_and_default_sys_stdin(monkeypatch):
    docs, problems = collect(["-"], stdin=io.StringIO("  \n"))
    assert docs == [] and "empty" in problems[0].message
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode("utf-8")), encoding="utf-8"))
    docs, _ = collect(["-"])
    assert docs[0].text == SEED


# --- URLs --------------------------------------------------------------------------------

ARTICLE_HTML = (
    "<html><head><title>Deal</title><meta property='article:published_time' content='2024-03-05'>"
    "<meta property='og:site_name' content='Local Daily'></head><body><article><h1>Deal signed</h1>"
    + "<p>Azerbaijan and Ukraine signed a declaration on strategic partnership in Kyiv on Tuesday.</p>" * 3
    + "</article></body></html>"
)
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>One</title><link>http://x.test/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>Georgia and Armenia held talks.</description></item></channel></rss>"""


def test_urls_on_a_local_server(site):
    page = site.add("/news/deal", ARTICLE_HTML)
    feed = site.add("/feed", FEED, content_type="application/rss+xml")
    text = site.add("/plain.txt", SEED, content_type="text/plain; charset=utf-8")
    docs, problems = collect([page, feed, text])
    assert problems == []
    html_doc, feed_doc, text_doc = docs
    assert "strategic partnership" in html_doc.text
    assert (html_doc.origin, html_doc.doc_origin, html_doc.published, html_doc.source) == (page, page, dt.date(2024, 3, 5), "Local Daily")
    assert (feed_doc.text, feed_doc.source, feed_doc.origin) == ("Georgia and Armenia held talks.", "Local Wire", feed)
    assert text_doc.text == SEED and text_doc.source == "Report"
    assert all(ua.startswith("accord/") for ua in site.user_agents)


def test_url_errors_are_problems_naming_the_url(site):
    missing = site.base + "/missing"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/x"
    slow = site.add("/slow", ARTICLE_HTML, delay=1.0)
    index = site.add("/index", "<html><body><a href='/a'>A</a></body></html>")
    docs, problems = collect([missing, closed, slow, index], IngestOptions(timeout=0.3))
    assert docs == []
    assert [p.origin for p in problems] == [missing, closed, slow, index]
    assert "HTTP 404" in problems[0].message
    assert "cannot fetch" in problems[1].message
    assert "0.3 s" in problems[2].message
    assert "index page" in problems[3].message


def test_read_all_collects_documents_and_problems(tmp_path):
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED.replace("\n\n", "\n"), encoding="utf-8")  # same words
    result = read_all([tmp_path, tmp_path / "nope"])
    assert [d.doc_origin for d in result.documents] == ["a.txt"]
    assert [p.action for p in result.problems] == ["skipped duplicate", "skipped"]
