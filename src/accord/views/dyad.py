"""A pair's dyad report from the facts kept in the store.

``dyad_view(store, pair)`` gathers what ``accord.analytics.dyad.dyad_from_facts`` adds up: the
facts of the pair's merged events (read from ``merged_facts``; those without a current record
worked out from their members), the facts of the pair's events that no merge holds yet (each
alone), and the context the commitments ledger reads (the other events of the same documents
with a participant of either side). ``dyad_report`` adds them up. The report equals
``dyad_analytics`` over ``dedup.view.merged_view``: tests compare the two.

Reading one compact record per merged event instead of every member of every merged event is
what keeps a pair with thousands of merged events quick to report on.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.analytics.dyad import DyadReport, EventFacts, Period, direction_of, dyad_from_facts, event_facts
from accord.analytics.facts import facts_version, from_record
from accord.dedup.lookups import _names
from accord.dedup.reading import merged_events_by_id, merged_order
from accord.dedup.view import context_of
from accord.model import Document, MergedEvent, date_range, doc_ids, singletons
from accord.store.browse import documents_by_ids, events_by_ids
from accord.store.selection import dyad_events_merged_into, merged_ids_with, uncountried_entities
from accord.views.facts import names_changed

if TYPE_CHECKING:
    from accord.dedup.rule import _Names
    from accord.store import Store


@dataclass(slots=True)
class DyadView:
    """What a pair's report is computed from (see the module doc)."""

    facts: list[EventFacts]
    documents: dict[str, Document]
    unmerged: int  # stored events in no merged event yet, each standing alone
    alone: list[MergedEvent] = field(default_factory=list)  # those stored events, each as its own merged event
    others: list[MergedEvent] = field(default_factory=list)  # context: other events of the documents
    versions: dict[str, str] = field(default_factory=dict)  # document id -> extractor version
    as_of: dt.date | None = None  # the store's latest publication date: commitments are judged then
    kept: int = 0  # facts read from the store
    worked_out: int = 0  # facts worked out now (no current record, or not merged yet)
    # documents read without their text (``texts=False``): the report's sums need only their
    # metadata, and the texts of thousands of documents were a tenth of a big pair's report
    textless: set[str] = field(default_factory=set)
    names: _Names | None = None  # the store's name-to-country lookup, once read (``events_of`` reuses it)


def preload() -> None:
    """Read the packaged data a pair's report reads at its first use (the topic patterns, the
    country gazetteer, the decision cues, the facts version): a long-lived process (the API
    server) calls it at start-up, so that its first dyad answer does not pay for them."""
    from accord.actors.gazetteer import country_gazetteer
    from accord.analytics import topics
    from accord.analytics.commitments import decision_cues

    topics.preload()
    country_gazetteer()
    decision_cues()
    facts_version()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collection paused while tens of thousands of small records are built: the collector's
    passes over them cost more than building them (2-3x on a 12,000-event pair), and they hold
    no cycles to collect. The previous state is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _order(f: EventFacts) -> tuple[dt.date, dt.date, str]:
    """``dedup.reading.merged_order`` from the facts (their first report is the merged event's,
    their date its representative's): documents are gathered in it, and the ledger's context
    follows the documents."""
    row = f.row
    reported = dt.date.fromisoformat(row.first_reported) if row.first_reported else None
    rng = date_range(row.date) if row.date else None
    first = rng[0] if rng else reported
    return (first or dt.date.max, reported or dt.date.max, row.id)


def dyad_view(store: Store, pair: tuple[str, str], *, context: bool = True, texts: bool = False) -> DyadView:
    """The facts of ``pair``'s events with their documents (and, with ``context``, the ledger's
    context, extractor versions and ``as_of``), read from the store. Documents come with their
    text where the view's own work reads it (events worked out now, the ledger's context) or
    with ``texts`` (``dyad_report(topics_of_documents=True)`` searches every text); the others
    without it (``DyadView.textless``; ``events_of`` reads the texts of the events it returns)."""
    a, b = pair[0].upper(), pair[1].upper()
    with paused_gc(), store.sibling() as other, ThreadPoolExecutor(max_workers=1) as pool:
        names: _Names | None = None
        entities: dict[str, list[str]] | None = None
        records: list[tuple[str, str]] = []
        if store.has_merges():  # a store never merged: no query
            names = _names(store)
            entities = {a: [], b: []}
            for entity in uncountried_entities(store):
                if (country := names.country(entity)) in entities:
                    entities[country].append(entity)
            seen: dict[str, bool] = {"{}": False}
            records = [(mid, rec) for mid, basis, rec in store.facts_records((a, b), facts_version())
                       if not names_changed(basis, names, seen)]
        # which merged events to count, and the pair's events with the merged event holding each,
        # queried on the other cursor while this thread decodes the records (DuckDB lets go of
        # the GIL): a third of a big pair's view was these queries
        selection = pool.submit(_selection, other, (a, b), entities)
        decoded = json.loads("[" + ",".join(rec for _, rec in records) + "]")  # one parse, not one per record
        facts = [from_record(rec) for rec in decoded]
        candidates, current, members = selection.result()
        kept = [(mid, f) for (mid, _), f in zip(records, facts, strict=True) if mid in current]
        stored: list[tuple[str, EventFacts]] = [(mid, f) for mid, f in kept if of_pair(f, a, b)]
        counted_ids = {mid for mid, _ in kept}
        live = [m for m in merged_events_by_id(store, [c for c in candidates if c not in counted_ids], names)
                if direction_of(m.event, a, b, False) is not None]
        counted = {mid for mid, _ in stored} | {m.id for m in live}
        # the pair's events in none of those: not merged yet, or members of candidates not of the pair
        outside = {c for c in candidates if c not in counted}
        alone = events_by_ids(store, [event_id for event_id, merged_id in members
                                      if merged_id is None or merged_id in outside])
        # the documents in the order ``dedup.view.load_merged`` gathers them
        ordered = sorted([(_order(f), f.row.documents) for _, f in stored]
                         + [(merged_order(m), doc_ids(m)) for m in live])
        wanted = list(dict.fromkeys([d for _, ds in ordered for d in ds] + [e.doc_id for e in alone]))
        found = documents_by_ids(store, wanted, text=texts)
        docs = {d: found[d] for d in wanted if d in found}
        view = DyadView([], docs, len(alone), textless=set() if texts else set(docs), names=names)
        with_texts(store, view, [d for m in live for d in doc_ids(m)] + [e.doc_id for e in alone])
        lone = singletons(alone, docs)
        view.facts = [f for _, f in stored] + [event_facts(m, docs) for m in live + lone]
        view.alone, view.kept, view.worked_out = lone, len(stored), len(live) + len(lone)
        if context:
            # only events that may be commitments (the ledger takes no others), and none counted here
            view.others, view.versions, view.as_of = context_of(
                store, docs, {e.id for e in alone}, (a, b), commitments=True, outside=counted)
            with_texts(store, view, [d for m in view.others for d in doc_ids(m)])
    return view


def _selection(store: Store, pair: tuple[str, str], entities: dict[str, list[str]] | None,
               ) -> tuple[list[str], set[str], list[tuple[str, str | None]]]:
    """The merged events that may be the pair's (with, for each side, a member that has a
    participant of it: ``entities``, its names stored without a country; None when the store
    was never merged), those of them whose record is current, and the pair's stored events
    with the merged event holding each."""
    candidates = merged_ids_with(store, entities) if entities is not None else []
    current = set(candidates) - store.stale_among(candidates)
    return candidates, current, dyad_events_merged_into(store, pair)


def with_texts(store: Store, view: DyadView, doc_ids: list[str]) -> None:
    """Read the texts of these of the view's documents that were read without one."""
    if wanted := [d for d in dict.fromkeys(doc_ids) if d in view.textless]:
        view.documents.update(documents_by_ids(store, wanted))  # same keys: the order stays
        view.textless.difference_update(wanted)


def of_pair(f: EventFacts, a: str, b: str) -> bool:
    """Whether the facts' event has participants of both ``a`` and ``b``."""
    countries = {x.country for x in f.actor + f.recipient if x.country}
    return a in countries and b in countries


def events_of(store: Store, view: DyadView, ids: list[str]) -> list[MergedEvent]:
    """The merged events (or events alone) of the view with these ids, in that order: what a
    brief quotes the evidence of (``accord.report.common.listed_events``), read for those only."""
    alone = {m.id: m for m in view.alone}
    built = {m.id: m for m in merged_events_by_id(store, [i for i in ids if i not in alone], view.names)}
    found = [m for i in ids if (m := alone.get(i) or built.get(i)) is not None]
    with_texts(store, view, [d for m in found for d in doc_ids(m)])  # their evidence is quoted from them
    return found


def dyad_report(view: DyadView, a: str, b: str, *, directed: bool = False, period: Period = "month",
                topics_of_documents: bool = True) -> DyadReport:
    """The dyad report of ``a`` and ``b`` over ``view`` (``dyad_analytics``'s rules and options)."""
    if topics_of_documents and view.textless:
        raise ValueError("each document's topics need the texts: read the view with dyad_view(..., texts=True)")
    with paused_gc():
        return dyad_from_facts(view.facts, a, b, directed=directed, period=period, others=view.others,
                               documents=view.documents, extractor_versions=view.versions, as_of=view.as_of,
                               topics_of_documents=topics_of_documents)


__all__ = ["DyadView", "dyad_report", "dyad_view", "events_of", "of_pair", "paused_gc", "preload", "with_texts"]
