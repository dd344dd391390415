"""JSON shapes of what the API returns, built from accord's records and the export contract
(``accord.export.events.event_record``), so an event looks the same in the API and in an export."""

from __future__ import annotations

from typing import Any

from accord.analytics.dyad import mention_sentence
from accord.export.events import event_record
from accord.model import Document, Event
from accord.store.browse import DocumentInfo


def doc_info(info: DocumentInfo) -> dict[str, Any]:
    return {"id": info.id, "doc_origin": info.doc_origin, "title": info.title,
            "published": info.published.isoformat() if info.published else None,
            "source": info.source, "url": info.url, "language": info.language, "events": info.events}


def light_document(info: DocumentInfo | None, doc_id: str) -> Document:
    """A text-less Document for ``event_record``, which reads only the document's metadata."""
    if info is None:
        return Document(id=doc_id, text="")
    return Document(id=info.id, text="", title=info.title, published=info.published, source=info.source,
                    url=info.url, language=info.language, doc_origin=info.doc_origin)


def event(ev: Event, document: Document) -> dict[str, Any]:
    return event_record(ev, document, resolution=True)


def evidence(ev: Event, document: Document) -> list[dict[str, Any]]:
    """Each mention with the sentence around it; offsets in the sentence are relative to it."""
    out = []
    for m in ev.mentions or [ev.trigger]:
        start, end = mention_sentence(ev, m, document)
        start, end = min(start, m.start), max(end, m.end)
        out.append({
            "start": m.start, "end": m.end, "text": m.text,
            "sentence": {"start": start, "end": end, "text": document.text[start:end]},
            "trigger": ({"start": ev.trigger.start - start, "end": ev.trigger.end - start}
                        if start <= ev.trigger.start and ev.trigger.end <= end else None),
        })
    return out


def full_document(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "doc_origin": doc.doc_origin, "origin_line": doc.origin_line, "title": doc.title,
            "published": doc.published.isoformat() if doc.published else None, "date_source": doc.date_source,
            "author": doc.author, "source": doc.source, "url": doc.url, "language": doc.language,
            "text": doc.text, "masked": [{"start": s.start, "end": s.end} for s in doc.masked],
            "warnings": list(doc.warnings)}
