"""Merged events as the dyad analytics, the brief and the partners overview see them, read from
a store: the merged events of a selection (a dyad, or a country), each stored event that no
merged event holds yet standing alone, the documents they cite, and the context the
commitments ledger needs.

A library function, so that the CLI (``accord dyad``, ``accord report``) only calls it and the
API can call it too. It sits above the store, merging and analytics and below the CLI and
the API: ``analytics`` stays pure (records in, records out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.model import Document, MergedEvent

if TYPE_CHECKING:
    from accord.store import Store


@dataclass(slots=True)
class MergedView:
    merged: list[MergedEvent]
    documents: dict[str, Document]
    unmerged: int  # stored events in no merged event yet, each standing alone in ``merged``
    context: list[MergedEvent] = field(default_factory=list)  # other events of the same documents
    versions: dict[str, str] = field(default_factory=dict)  # document id -> extractor version
    as_of: dt.date | None = None  # the store's latest publication date: commitments are judged then


def merged_view(store: Store, dyad: tuple[str, str] | None = None, country: str | None = None) -> MergedView:
    """The merged events of ``dyad`` (or with a participant of ``country``, or all) with their
    documents, then the context of those documents (``add_context``)."""
    return add_context(store, load_merged(store, dyad, country), dyad)


def load_merged(store: Store, dyad: tuple[str, str] | None = None, country: str | None = None) -> MergedView:
    """Merged events (of ``dyad`` when given) and the documents they cite.

    Events that ``accord merge`` has not assigned yet join as one-member merged events, so
    every stored event counts exactly once.
    """
    from accord.dedup import merged_events
    from accord.model import doc_ids, singletons
    from accord.store import EventFilter
    from accord.store.browse import documents_by_ids, events_by_ids
    from accord.store.selection import event_ids

    flt = EventFilter(dyad=dyad, country=country)
    merged = merged_events(store, flt) if store.has_merges() else []  # a store never merged: no query
    covered = {member for m in merged for member in m.members}
    # only what no merged event holds is read whole
    alone = events_by_ids(store, [i for i in event_ids(store, flt) if i not in covered])
    wanted = list(dict.fromkeys([d for m in merged for d in doc_ids(m)] + [e.doc_id for e in alone]))
    found = documents_by_ids(store, wanted)  # one query, not one per document
    docs: dict[str, Document] = {d: found[d] for d in wanted if d in found}
    return MergedView(merged + singletons(alone, docs), docs, len(alone))


def add_context(store: Store, view: MergedView, pair: tuple[str, str] | None = None) -> MergedView:
    """Add the other events of the view's documents (each alone), their extractor versions
    and the store's latest publication date: a promise of one side whose partner the coder did
    not resolve still belongs in the dyad's commitments ledger. With ``pair``, only events with
    a participant of either side: the ledger uses no others."""
    covered = {member for m in view.merged for member in m.members} | {m.id for m in view.merged}
    view.context, view.versions, view.as_of = context_of(store, view.documents, covered, pair)
    return view


def context_of(store: Store, documents: dict[str, Document], covered: set[str],
               pair: tuple[str, str] | None = None, *, commitments: bool = False,
               outside: Collection[str] = frozenset(),
               ) -> tuple[list[MergedEvent], dict[str, str], dt.date | None]:
    """``add_context``'s additions for a view of ``documents`` whose events (merged event ids and
    their members) are ``covered``: the other events of those documents, each alone (with
    ``pair``, only those with a participant of either side; with ``commitments`` as well, only
    those that may be commitments: ``store.browse.commitment_events_of_documents``), the
    documents' extractor versions, and the store's latest publication date. With ``pair``,
    ``outside`` (merged event ids) covers their members as well, without listing them."""
    from accord.model import singletons
    from accord.store.browse import commitment_events_of_documents, events_by_ids
    from accord.store.queries import extractor_versions, latest_published
    from accord.store.selection import event_ids_of_documents, event_ids_of_documents_with

    if pair and commitments:
        by_doc = commitment_events_of_documents(store, list(documents), pair, outside=outside)
        extra = [e for d in documents for e in by_doc.get(d, ()) if e.id not in covered]
    else:
        of_doc = (event_ids_of_documents_with(store, list(documents), pair, outside=outside) if pair
                  else event_ids_of_documents(store, list(documents)))
        extra = events_by_ids(store, [i for d in documents for i in of_doc.get(d, ()) if i not in covered])
    return (singletons(extra, documents), extractor_versions(store.connection, list(documents)),
            latest_published(store.connection))


__all__ = ["MergedView", "add_context", "context_of", "load_merged", "merged_view"]
