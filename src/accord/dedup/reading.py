"""Reading merged events back from the store: ``merged_events`` (filtered), one by id,
pages by id, batches for exports, and the members of one with their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from accord.dedup.lookups import _doc_infos, _names
from accord.dedup.records import Member, evidence_sentence
from accord.dedup.representative import representative
from accord.dedup.rule import _DocInfo, _enrich, _Names
from accord.model import Event, MergedEvent, date_range
from accord.store import EventFilter, Store
from accord.store.browse import events_by_ids
from accord.store.selection import merged_ids_with, uncountried_entities

__all__ = ["build_merged", "iter_merged_batches", "merged_event", "merged_events", "merged_events_by_id", "merged_members",
           "merged_order",
           "resolve_merged_id"]


def _build(merged_id: str, rows: list[tuple[Any, ...]], by_id: dict[str, Event],
           docs: dict[str, _DocInfo]) -> MergedEvent | None:
    members = [(by_id[r[1]], r) for r in rows if r[1] in by_id]  # members of re-written docs
    if not members:                                              # wait for the next merge
        return None
    return build_merged(merged_id, [e for e, _ in members], [r[3] for _, r in members], docs)


def build_merged(merged_id: str, events: list[Event], why: list[str], docs: dict[str, _DocInfo]) -> MergedEvent:
    """The merged event of these member events (with countries filled in from other reports,
    in joining order) and why each joined: how every reader builds one, and ``merge_store``
    the ones it touched."""
    rep = representative(merged_id, events)
    doc_ids = list(dict.fromkeys(e.doc_id for e in events))
    infos = [docs[d] for d in doc_ids if d in docs]
    dates = [i.published for i in infos if i.published]
    sources = list(dict.fromkeys(i.source for i in infos if i.source))
    return MergedEvent(
        id=merged_id, event=rep, members=[e.id for e in events], documents=doc_ids,
        sources=sources, num_mentions=sum(len(e.mentions) for e in events),
        first_reported=min(dates) if dates else None, last_reported=max(dates) if dates else None,
        why=list(why),
    )


def _matches(merged: MergedEvent, flt: EventFilter) -> bool:
    """``EventFilter`` semantics applied to the representative (doc_id: any member's)."""
    rep = merged.event
    countries = rep.countries
    if flt.dyad is not None and not {c.upper() for c in flt.dyad} <= countries:
        return False
    if flt.country and flt.country.upper() not in countries:
        return False
    if flt.types and rep.type not in {t.upper() for t in flt.types}:
        return False
    if flt.statuses and rep.status not in {s.lower() for s in flt.statuses}:
        return False
    if flt.since is not None or flt.until is not None:
        first, last = _day_range(merged)
        if first is None or last is None:
            return False
        if flt.since is not None and last < flt.since:
            return False
        if flt.until is not None and first > flt.until:
            return False
    if flt.doc_id and not any(d.startswith(flt.doc_id) for d in merged.documents):
        return False
    return True


def merged_order(merged: MergedEvent) -> tuple[dt.date, dt.date, str]:
    """The order ``merged_events`` lists merged events in: first day (undated last), first
    report, id. Readers that gather documents in that order (``accord.views.dyad``) use it too."""
    return (_day_range(merged)[0] or dt.date.max, merged.first_reported or dt.date.max, merged.id)


def _day_range(merged: MergedEvent) -> tuple[dt.date | None, dt.date | None]:
    rng = date_range(merged.event.date.value) if merged.event.date else None
    return rng if rng else (merged.first_reported, merged.first_reported)


def merged_events(store: Store, flt: EventFilter = EventFilter()) -> list[MergedEvent]:
    """Merged events whose representative matches ``flt``, by date (undated last), then id.

    ``MergedEvent.members[i]`` (event id) and ``why[i]`` are parallel; ``documents`` are the
    distinct documents in order of first appearance (parallel to ``members`` too unless
    ``MergeOptions.same_document`` merged two events of one document). ``event.mentions``
    holds every member's mentions in member order; ``merged_members`` gives each member
    with its document and evidence.
    Run ``merge_store`` first: events added since the last merge are not in any merged event.
    """
    names = _names(store)
    codes = [c.upper() for c in (flt.dyad or ())] + ([flt.country.upper()] if flt.country else [])
    if codes:
        # only the merged events that can hold these countries: those with a member naming each
        # (stored, or learnt from other reports by ``_enrich``); ``_matches`` below decides
        entities: dict[str, list[str]] = {c: [] for c in codes}
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in entities:
                entities[country].append(entity)
        rows = store.merged_member_rows(merged_ids_with(store, entities))
        by_id = {e.id: _enrich(e, names)[0] for e in events_by_ids(store, [r[1] for r in rows])}
        docs = _doc_infos(store, list(dict.fromkeys(r[2] for r in rows)))
    else:
        rows = store.merged_member_rows()
        by_id = {e.id: _enrich(e, names)[0] for e in store.events()}
        docs = _doc_infos(store)
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    out = [m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs)) and _matches(m, flt)]
    out.sort(key=merged_order)
    return out


def iter_merged_batches(store: Store, flt: EventFilter = EventFilter(), *,
                        batch: int = 20_000) -> Iterator[list[MergedEvent]]:
    """The merged events of ``merged_events(store, flt)``, in batches of about ``batch`` built
    one after another (members, events and document dates read per batch), in no fixed order:
    for exports that sort or aggregate what they write, without holding every event at once."""
    names = _names(store)
    codes = [c.upper() for c in (flt.dyad or ())] + ([flt.country.upper()] if flt.country else [])
    entities: dict[str, list[str]] = {c: [] for c in codes}
    if codes:
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in entities:
                entities[country].append(entity)
    ids = sorted(merged_ids_with(store, entities))
    for start in range(0, len(ids), batch):
        rows = store.merged_member_rows(ids[start:start + batch])
        by_id = {e.id: _enrich(e, names)[0] for e in events_by_ids(store, [r[1] for r in rows])}
        docs = _doc_infos(store, list(dict.fromkeys(r[2] for r in rows)))
        grouped: dict[str, list[tuple[Any, ...]]] = {}
        for r in rows:
            grouped.setdefault(r[0], []).append(r)
        yield [m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs)) and _matches(m, flt)]


def resolve_merged_id(store: Store, ref: str) -> str | None:
    """A merged-event id from its full id or a unique prefix (4+ characters)."""
    return store.resolve_merged_id(ref)


def _events_by_id(store: Store, rows: list[tuple[Any, ...]], names: _Names | None = None) -> dict[str, Event]:
    return {e.id: _enrich(e, names)[0] if names else e for e in events_by_ids(store, [r[1] for r in rows])}


def merged_event(store: Store, merged_id: str) -> MergedEvent | None:
    """One merged event by id (or unique id prefix); None when there is none."""
    gid = resolve_merged_id(store, merged_id)
    if gid is None:
        return None
    rows = store.merged_member_rows([gid])
    return _build(gid, rows, _events_by_id(store, rows, _names(store)), _doc_infos(store, [r[2] for r in rows]))


def merged_events_by_id(store: Store, merged_ids: Sequence[str], names: _Names | None = None) -> list[MergedEvent]:
    """The merged events with these full ids, in the order given (unknown ids are left out).

    One pass over the members of just these events, for callers that show a page of them
    (``accord serve``) rather than the whole list ``merged_events`` builds. ``names``: the
    store's name-to-country lookup when the caller has read it already (``_names``).
    """
    if not merged_ids:
        return []
    rows = store.merged_member_rows(list(merged_ids))
    by_id = _events_by_id(store, rows, _names(store) if names is None else names)
    docs = _doc_infos(store, [r[2] for r in rows])
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    built = {gid: m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs))}
    return [built[gid] for gid in merged_ids if gid in built]


def merged_members(store: Store, merged_id: str) -> list[Member]:
    """The members of a merged event, in joining order, with document, evidence and reason."""
    gid = resolve_merged_id(store, merged_id)
    if gid is None:
        return []
    rows = store.merged_member_rows([gid])
    by_id = _events_by_id(store, rows)
    out: list[Member] = []
    for _, event_id, doc_id, why, score, added_at in rows:
        event = by_id.get(event_id)
        if event is None:
            continue
        doc = store.document(doc_id)
        first = event.mentions[0] if event.mentions else event.trigger
        out.append(Member(
            event=event, doc_id=doc_id, doc_origin=doc.doc_origin if doc else "",
            source=doc.source if doc else None, published=doc.published if doc else None,
            why=why, score=score, added_at=added_at,
            sentence=(event.sentence.text if event.sentence is not None
                      else evidence_sentence(doc.text, first) if doc else first.text),
        ))
    return out
