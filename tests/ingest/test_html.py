"""HTML pages through trafilatura."""

from __future__ import annotations

import datetime as dt

from accord.ingest.html import read_html, strip_html

from .helpers import collect, split

PARAGRAPHS = (
    "<p>Azerbaijan and Ukraine signed a declaration on strategic partnership in Kyiv on Tuesday, "
    "officials said after talks between the two presidents.</p>"
    "<p>The leaders agreed to deepen cooperation in energy, transport and defence industry projects, "
    "and to support each other's territorial integrity.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Deal signed | Daily</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Azerbaijan and Ukraine sign declaration</h1>{body}</article>"
        f"<footer>Copyright Daily</footer></body></html>"
    )


META = (
    '<meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2024-03-05T10:00:00+02:00">'
    '<meta property="og:site_name" content="Daily Planet">'
    '<link rel="canonical" href="https://daily.test/world/deal">'
)


def test_article_metadata_and_main_text(tmp_path):
    path = tmp_path / "deal.html"
    path.write_text(page(META), encoding="utf-8")
    docs, problems = collect([path])
    assert problems == []
    (doc,) = docs
    assert "signed a declaration on strategic partnership" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.title == "Azerbaijan and Ukraine sign declaration"
    assert doc.author == "Jane Doe"
    assert doc.published == dt.date(2024, 3, 5) and doc.date_source == "html-meta"
    assert doc.source == "Daily Planet"
    assert doc.url == "https://daily.test/world/deal"
    assert doc.doc_origin == "deal.html"


def test_index_page_without_body_is_a_problem(tmp_path):
    path = tmp_path / "index.htm"
    path.write_text("<html><body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body></html>", encoding="utf-8")
    docs, problems = collect([path])
    assert docs == []
    assert len(problems) == 1 and "index page" in problems[0].message and problems[0].origin == str(path)


def test_page_without_date_is_kept_with_a_problem():
    docs, problems = split(list(read_html(page(), origin="p.html", doc_origin="p.html", max_chars=10**6)))
    assert len(docs) == 1 and docs[0].published is None
    assert [p.action for p in problems] == ["kept without date"]


def test_article_over_max_chars_is_skipped():
    docs, problems = split(list(read_html(page(META), origin="p.html", doc_origin="p.html", max_chars=50)))
    assert docs == [] and "--max-chars" in problems[0].message


def test_strip_html_keeps_paragraphs_and_entities():
    assert strip_html("<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>") == "One & two\n\nThree\n\nfour"
    assert strip_html("plain   text\n\nnext") == "plain text\n\nnext"


def test_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "ru.html"
    body = "<p>" + "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442\u044b \u0410\u0437\u0435\u0440\u0431\u0430\u0439\u0434\u0436\u0430\u043d\u0430 \u0438 \u0423\u043a\u0440\u0430\u0438\u043d\u044b \u0432\u0441\u0442\u0440\u0435\u0442\u0438\u043b\u0438\u0441\u044c \u0432 \u041a\u0438\u0435\u0432\u0435. " * 4 + "</p>"
    path.write_bytes(page('<meta charset="windows-1251">' + META, body).encode("cp1251"))
    docs, problems = collect([path])
    assert [p.action for p in problems] == ["not coded"]  # Russian: read, stored, not coded
    assert docs[0].language == "ru"
    assert "\u0410\u0437\u0435\u0440\u0431\u0430\u0439\u0434\u0436\u0430\u043d\u0430" in docs[0].text
