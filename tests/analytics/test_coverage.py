"""Coverage analytics on hand-made tables with known answers."""

from __future__ import annotations

import datetime as dt

from accord.analytics.coverage import Dating, coverage, dated_by
from accord.model import Document

DOCS = {
    "d1": Document(id="d1", text="x", title="Talks", published=dt.date(2024, 1, 2), source="Trend",
                   date_source="header", doc_origin="1.txt"),
    "d2": Document(id="d2", text="y", title="Aid", published=dt.date(2024, 2, 3), source="Trend", doc_origin="2.txt"),
    "d3": Document(id="d3", text="z", title=None, published=None, source=None, doc_origin="3.txt"),
}
TABLE = [
    Dating("e1", "text", True, True, ("d1",)),       # "on June 17"
    Dating("e2", "document", True, True, ("d1", "d2")),  # "today", merged from two articles
    Dating("e3", "header", True, True, ("d2",)),     # the document's date in another form
    Dating("e4", None, False, True, ("d2",)),        # no date of its own: placed at its first report
    Dating("e5", None, False, False, ("d3",)),       # undated document, no date in the text
    Dating("e6", None, True, True, ("d1",)),         # an own date whose source was not recorded
]


def test_dated_by_categories():
    assert [dated_by(d) for d in TABLE] == ["text", "document", "document", "first report", "undated", "own date"]


def test_coverage_counts_shares_documents_and_versions():
    cov = coverage(TABLE, DOCS, reports=8, versions={"d1": "0.1.0", "d2": "0.2.0"})
    assert cov.dated_by == {"text": 1, "document": 2, "own date": 1, "first report": 1, "undated": 1}
    assert cov.share("document") == 2 / 6
    assert cov.undated == ["e5"]  # listed, not dropped
    assert (cov.events, cov.reports) == (6, 8)
    assert [(d.id, d.events) for d in cov.documents] == [("d1", 3), ("d2", 3), ("d3", 1)]
    assert cov.outlets == [("Trend", 2), ("(not stated)", 1)]
    assert cov.extractor_versions == ["0.1.0", "0.2.0"]
    assert cov.undated_documents == 1
    assert cov.documents[0].date_source == "header"


def test_no_reports_given_means_one_per_event():
    assert coverage(TABLE[:2], DOCS).reports == 2
