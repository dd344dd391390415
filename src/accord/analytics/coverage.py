"""Coverage and trust: what a brief stands on.

Pure functions over ``Dating`` records (one per event: how its date was found) and the
documents behind it. The answers a reader needs before trusting a page:

* which sources and documents it rests on, with the events each gave;
* how events were dated: by a date in their own text ("on June 17", "by the end of 2020"), by
  the date of the document that reports them (news about "today"), by the first report of an
  event whose text gave no date, or not at all, with the undated ones listed, never dropped;
* how many per-article reports the merged events stand for (said once, here);
* the extractor version(s) that coded the documents (a figure from an older coder is flagged
  by there being more than one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from accord.model import Document

DATED_BY = ("text", "document", "own date", "first report", "undated")
DATED_LABELS = {
    "text": "a date in the event's own text",
    "document": "the reporting document's date",
    "own date": "a date of its own whose source was not recorded",
    "first report": "its first report's date (no date of its own)",
    "undated": "no date at all",
}


@dataclass(frozen=True, slots=True)
class Dating:
    """How one event was dated."""

    id: str
    source: str | None  # the event's own date source: "text", "document", "header"... None without one
    has_date: bool = False  # whether it has a date of its own (its source may be unrecorded)
    placed: bool = False  # whether it has a day at all (own date or a report date)
    documents: tuple[str, ...] = ()


@dataclass(slots=True)
class SourceDocument:
    id: str
    origin: str  # the file or record it came from
    title: str | None
    outlet: str | None
    published: str | None
    date_source: str | None  # how the document's date was found ("header", "dateline"...)
    events: int  # this brief's events that cite it
    extractor_version: str | None


@dataclass(slots=True)
class Coverage:
    documents: list[SourceDocument]
    outlets: list[tuple[str, int]]  # outlet, documents; "(not stated)" for documents without one
    dated_by: dict[str, int]  # DATED_BY -> events
    undated: list[str] = field(default_factory=list)  # ids of events with no date at all
    events: int = 0  # merged events
    reports: int = 0  # the per-article reports behind them
    extractor_versions: list[str] = field(default_factory=list)
    undated_documents: int = 0

    def share(self, key: str) -> float:
        return self.dated_by.get(key, 0) / self.events if self.events else 0.0


def dated_by(d: Dating) -> str:
    if d.source == "text":
        return "text"
    if d.source:
        return "document"  # the document's date in any form: header, dateline, feed, column
    if d.has_date:
        return "own date"
    return "first report" if d.placed else "undated"


def coverage(datings: Iterable[Dating], documents: Mapping[str, Document], *, reports: int = 0,
             versions: Mapping[str, str] | None = None) -> Coverage:
    """The coverage of a brief over ``datings`` (its events) and the documents they cite.

    ``reports`` is the number of per-article reports behind the events (``DyadReport.reports``);
    ``versions`` maps document ids to the extractor version that coded them (from the store).
    """
    datings = list(datings)
    versions = versions or {}
    per_doc: Counter[str] = Counter(d for x in datings for d in dict.fromkeys(x.documents))
    docs: list[SourceDocument] = []
    for doc_id in per_doc:
        doc = documents.get(doc_id)
        docs.append(SourceDocument(
            doc_id, (doc.doc_origin or doc.origin) if doc else doc_id[:12], doc.title if doc else None,
            doc.source if doc else None,
            doc.published.isoformat() if doc and doc.published else None,
            doc.date_source if doc else None, per_doc[doc_id], versions.get(doc_id) or None,
        ))
    docs.sort(key=lambda s: (s.published is None, s.published or "", s.origin))
    outlets = Counter(s.outlet or "(not stated)" for s in docs)
    counts = Counter(dated_by(d) for d in datings)
    return Coverage(
        documents=docs,
        outlets=sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])),
        dated_by={k: counts.get(k, 0) for k in DATED_BY},
        undated=[d.id for d in datings if dated_by(d) == "undated"],
        events=len(datings), reports=reports or len(datings),
        extractor_versions=sorted({v for v in (s.extractor_version for s in docs) if v}),
        undated_documents=sum(1 for s in docs if s.published is None),
    )


__all__ = ["DATED_BY", "DATED_LABELS", "Coverage", "Dating", "SourceDocument", "coverage", "dated_by"]
