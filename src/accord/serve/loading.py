"""Merged events of a dyad (or of the whole store) with the documents they cite, from an open
store: what the dyad analytics, the brief and the GDELT/GraphML exports are computed over.

The same selection as ``accord dyad``/``accord report``: merged events whose representative is
of the dyad, plus each stored event that no merged event holds yet, counted alone. A store that
was never merged takes a short path that reads only the dyad's own events.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.model import Document, MergedEvent, doc_ids, singletons
from accord.store import EventFilter, Store, browse


@dataclass(slots=True)
class Loaded:
    merged: list[MergedEvent]
    documents: dict[str, Document]
    unmerged: int  # stored events in no merged event yet, each standing alone in ``merged``


def load(store: Store, dyad: tuple[str, str] | None = None) -> Loaded:
    flt = EventFilter(dyad=dyad)
    merged: list[MergedEvent] = []
    if store.has_merges():
        from accord.dedup import merged_events

        merged = merged_events(store, flt)
    covered = {member for m in merged for member in m.members}
    # only what no merged event holds is read whole: on a merged store that is few of them
    alone = browse.events_by_ids(store, [i for i in browse.dyad_event_ids(store, dyad) if i not in covered])
    docs = browse.documents_by_ids(store, [d for m in merged for d in doc_ids(m)] + [e.doc_id for e in alone])
    return Loaded(merged + singletons(alone, docs), docs, len(alone) if merged else 0)
