"""Seed/plain text format: header, title, byline, source, datelines, items, offsets."""

from __future__ import annotations

import datetime as dt

from accord.ingest.text import parse_item, read_text, split_items

from .helpers import collect, split


def read(text: str, **kw):
    return split(list(read_text(text, origin="f.txt", doc_origin="f.txt", max_chars=kw.pop("max_chars", 10**6), **kw)))


def test_header_date_is_masked_and_text_kept_exactly():
    text = " date 2024-03-05 Azerbaijan and Ukraine signed an accord, Report informs.\n\nMore text.\n"
    doc = parse_item(text)
    assert doc.text == text
    assert doc.published == dt.date(2024, 3, 5)
    assert doc.date_source == "header"
    assert [(s.start, s.end, s.text) for s in doc.masked] == [(0, 16, " date 2024-03-05")]
    nlp = doc.nlp_text()
    assert len(nlp) == len(text)
    assert nlp[:17].strip() == "" and nlp[17:] == text[17:]


def test_invalid_header_date_is_ignored_with_warning():
    doc = parse_item(" date 2024-02-30 Talks were held in Baku today.\n")
    assert doc.published is None
    assert any("2024-02-30" in w for w in doc.warnings)
    assert doc.masked and doc.masked[0].text == " date 2024-02-30"


def test_title_is_short_first_line_followed_by_blank_and_not_masked():
    text = "Ukraine, Azerbaijan sign joint declaration\n\nThe leaders signed it in Kyiv.\n"
    doc = parse_item(text)
    assert doc.title == "Ukraine, Azerbaijan sign joint declaration"
    assert doc.masked == ()
    assert doc.nlp_text() == text


def test_title_rules_reject_sentences_long_lines_and_unseparated_lines():
    assert parse_item("The talks ended.\n\nMore.\n").title is None  # ends with a full stop
    assert parse_item("Minister said:\n\nMore.\n").title is None  # ends with a colon
    assert parse_item("A first line\nwith no blank line after\n").title is None
    long_line = " ".join(["word"] * 26)
    assert parse_item(f"{long_line}\n\nBody.\n").title is None
    assert parse_item("x" * 201 + "\n\nBody.\n").title is None
    assert parse_item(" date 2024-01-01 Leaders meet in Baku\n\nBody.\n").title == "Leaders meet in Baku"


def test_byline_after_header_is_author_masked_and_not_title():
    text = " date 2020-06-18 By Ayya Lmahamad\n\nAzerbaijan and Ukraine held talks.\n"
    doc = parse_item(text)
    assert doc.author == "Ayya Lmahamad"
    assert doc.title is None
    assert [s.text for s in doc.masked] == [" date 2020-06-18", "By Ayya Lmahamad"]
    span = doc.masked[1]
    assert text[span.start:span.end] == "By Ayya Lmahamad"
    assert "Ayya" not in doc.nlp_text()


def test_byline_under_title_and_with_outlet():
    doc = parse_item("Leaders meet in Baku\nBy Jane van Doe, Trend\n\nThe leaders met.\n")
    assert doc.title == "Leaders meet in Baku"
    assert doc.author == "Jane van Doe"
    assert doc.source == "Trend"


def test_by_sentence_is_not_a_byline():
    doc = parse_item("By the end of the day the talks had failed.\n\nMore.\n")
    assert doc.author is None
    doc = parse_item("By Six Seven Eight Nine Ten Eleven\n\nMore.\n")  # more than five words
    assert doc.author is None


def test_source_from_informs_and_reported_in_lead_only():
    assert parse_item("Leaders met in Baku on Monday, Report informs.\n").source == "Report"
    assert parse_item("The ministers met in Kyiv, AP reported.\n").source == "AP"
    assert parse_item("Talks were held, Trend reports, citing the ministry.\n").source == "Trend"
    # A body paragraph, not the lead:
    assert parse_item("Leaders met.\n\nLater, Report informs.\n").source is None


def test_source_inside_prose_is_not_the_document_source():
    doc = parse_item("A declaration was signed in Kyiv as the President\u2019s Office reported.\n")
    assert doc.source is None
    assert parse_item("The talks went well, he reported.\n").source is None


def test_dateline_with_full_date_and_agency():
    text = "KYIV, Jan 14, 2024 (Reuters) \u2014 Ukraine and Azerbaijan signed a deal.\n"
    doc = parse_item(text)
    assert doc.published == dt.date(2024, 1, 14)
    assert doc.date_source == "dateline"
    assert doc.source == "Reuters"
    doc = parse_item("BAKU, 18 June 2020 - Talks were held.\n")
    assert doc.published == dt.date(2020, 6, 18)


def test_yearless_dateline_gives_source_but_no_date():
    doc = parse_item("BAKU, June 18 (Reuters) \u2013 Azerbaijan said on Thursday it would talk.\n")
    assert doc.source == "Reuters"
    assert doc.published is None
    assert any("no year" in w for w in doc.warnings)


def test_parenthetical_aside_is_not_an_agency():
    doc = parse_item("President Aliyev (pictured) \u2014 who met Zelensky on Tuesday \u2014 said more.\n")
    assert doc.source is None


def test_header_date_wins_over_dateline():
    doc = parse_item(" date 2024-05-01 KYIV, Jan 14, 2024 (AP) \u2014 Talks.\n")
    assert doc.published == dt.date(2024, 5, 1)
    assert doc.date_source == "header"
    assert doc.source == "AP"


def test_items_split_on_dashes_with_offsets_and_lines():
    text = (
        " date 2024-01-02 First item, Report informs.\n\nBody one.\n"
        "---\n"
        "Second headline\n\nBody two.\n"
        "---\n"
        "   \n"
        "---\n"
    )
    docs, problems = read(text)
    assert len(docs) == 2  # the whitespace-only item is dropped
    for doc in docs:
        start = text.index(doc.text)
        assert text[start:start + len(doc.text)] == doc.text
    assert docs[0].text == text[: text.index("---\n")]
    assert docs[0].origin_line == 1
    assert docs[1].origin_line == 5
    assert docs[1].title == "Second headline"
    assert docs[1].published is None
    assert [p.line for p in problems] == [5]
    assert problems[0].action == "kept without date"
    assert "date YYYY-MM-DD" in problems[0].message


def test_dashes_inside_a_line_do_not_split():
    text = "a --- b\n----\n-- -\n --- \n"
    assert list(split_items(text)) == [(0, len(text))]


def test_offsets_in_first_item_equal_file_offsets(tmp_path):
    text = " date 2025-02-17 Belarus and Azerbaijan \u2014 \u201cpartners\u201d \u2026 agree.\r\n\r\nSecond para.\r\n---\r\nNext item text.\r\n"
    path = tmp_path / "x.txt"
    path.write_bytes(text.encode("utf-8"))
    docs, _ = collect([path])
    first = docs[0]
    i, j = first.text.index("Belarus"), first.text.index("agree.") + 6
    assert first.text[i:j] == text[i:j]
    assert first.text == text[: text.index("---")]
    assert docs[1].text == "Next item text.\r\n"
    assert docs[1].origin_line == 5
    assert all(d.doc_origin == "x.txt" and d.origin == str(path) for d in docs)


def test_item_over_max_chars_is_skipped_with_line_and_the_rest_kept():
    text = "short item, Report informs.\n---\n" + "long " * 100 + "\n---\nthird item\n"
    docs, problems = read(text, max_chars=100)
    assert [d.text.strip() for d in docs] == ["short item, Report informs.", "third item"]
    big = [p for p in problems if "max-chars" in p.message]
    assert len(big) == 1 and big[0].line == 3 and big[0].action == "skipped"


def test_only_separators_is_one_problem():
    docs, problems = read("---\n\n---\n")
    assert docs == [] and len(problems) == 1 and "whitespace" in problems[0].message


def test_headline_with_a_dash_is_still_a_title():
    assert parse_item("Ukraine \u2014 Azerbaijan talks resume\n\nBody.\n").title == "Ukraine \u2014 Azerbaijan talks resume"


def test_item_with_only_metadata_is_a_problem():
    docs, problems = read(" date 2024-01-01\n---\n date 2024-01-02 By Jane Doe\n---\nReal text, Report informs.\n")
    assert [d.text for d in docs] == ["Real text, Report informs.\n"]
    assert [(p.line, "no article text" in p.message) for p in problems[:2]] == [(1, True), (3, True)]
