"""The JSON record of a merged event (``accord merged --json``, the API, exports), and what a
member shows: the sentence around its evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accord.model import Actor, Event, MergedEvent, Span

__all__ = ["Member", "evidence_sentence", "merged_record"]


@dataclass(frozen=True, slots=True)
class Member:
    """One per-document event in a merged event, with its document and why it joined."""

    event: Event
    doc_id: str
    doc_origin: str
    source: str | None
    published: dt.date | None
    why: str
    score: float | None
    added_at: dt.datetime | None
    sentence: str  # the sentence around the member's first mention



def evidence_sentence(text: str, span: Span) -> str:
    """The sentence (or line) of ``text`` around ``span``, for showing a member's evidence."""
    start = max(text.rfind("\n", 0, span.start), *(text.rfind(p, 0, span.start) for p in (". ", "? ", "! ")))
    start = 0 if start < 0 else start + (1 if text[start] == "\n" else 2)
    ends = [i for i in (text.find("\n", span.end), *(text.find(p, max(span.end - 1, 0)) for p in (". ", "? ", "! ")))
            if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    return text[start:end].strip()


def _actor_dict(a: Actor) -> dict[str, Any]:
    return {"text": a.text, "country": a.country, "sector": a.sector, "entity": a.entity, "role": a.role}


def merged_record(merged: MergedEvent, members: Sequence[Member] = ()) -> dict[str, Any]:
    """A JSON-ready dict of a merged event (and its members, when given)."""
    rep = merged.event
    rec: dict[str, Any] = {
        "id": merged.id, "type": rep.type, "mode": rep.mode, "status": rep.status,
        "date": {"value": rep.date.value, "precision": rep.date.precision} if rep.date else None,
        "location": {"text": rep.location.text, "country": rep.location.country} if rep.location else None,
        "actor": [_actor_dict(a) for a in rep.actor],
        "recipient": [_actor_dict(a) for a in rep.recipient],
        "contexts": list(rep.contexts), "intensity": rep.intensity, "cameo": rep.cameo,
        "num_mentions": merged.num_mentions, "num_documents": merged.num_documents,
        "num_sources": merged.num_sources, "sources": list(merged.sources),
        "first_reported": merged.first_reported.isoformat() if merged.first_reported else None,
        "last_reported": merged.last_reported.isoformat() if merged.last_reported else None,
        "members": [{"event_id": e, "doc_id": d, "why": w}
                    for e, d, w in zip(merged.members, merged.documents, merged.why, strict=False)],
    }
    if members:
        rec["members"] = [
            {"event_id": m.event.id, "doc_id": m.doc_id, "doc_origin": m.doc_origin,
             "source": m.source, "published": m.published.isoformat() if m.published else None,
             "type": m.event.type, "status": m.event.status,
             "date": {"value": m.event.date.value, "precision": m.event.date.precision,
                      "source": m.event.date.source} if m.event.date else None,
             "evidence": m.event.mentions[0].text if m.event.mentions else m.event.trigger.text,
             "sentence": m.sentence, "why": m.why, "score": m.score}
            for m in members
        ]
    return rec
