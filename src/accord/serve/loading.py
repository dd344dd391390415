"""Merged events of a dyad (or of the whole store) with the documents they cite, from an open
store: what the dyad analytics, the brief and the GDELT/GraphML exports are computed over.

The same selection as ``accord dyad``/``accord report``: merged events whose representative is
of the dyad, plus each stored event that no merged event holds yet, counted alone. A store that
was never merged takes a short path that reads only the dyad's own events.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.dedup.view import load_merged
from accord.model import Document, MergedEvent
from accord.store import Store


@dataclass(slots=True)
class Loaded:
    merged: list[MergedEvent]
    documents: dict[str, Document]
    unmerged: int  # stored events in no merged event yet, each standing alone in ``merged``


def load(store: Store, dyad: tuple[str, str] | None = None) -> Loaded:
    """``dedup.view.load_merged`` (what ``accord dyad`` reads, without the documents' context);
    events that no merge has touched are reported as unmerged only next to merged events."""
    view = load_merged(store, dyad)
    merged_proper = len(view.merged) - view.unmerged
    return Loaded(view.merged, view.documents, view.unmerged if merged_proper else 0)
