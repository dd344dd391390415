"""Incremental, complete-link merging over the store's methods (``merge_store``).

A new event joins the best-scoring existing merged event whose every member it matches (and,
with ``same_document`` off, which has no member from its own document), else it founds a new
one. Candidates come from blocks of (type family, sorted country set) and week buckets of the
date range, so the cost grows with block size, not store size. Merged-event ids hash the
founding event id and never change; members record why they joined. Members whose event
vanished or changed (a document re-written by ``Store.write``) are dropped and their events
assigned again. The rule itself is ``accord.dedup.rule``; the rows are written by
``Store.write_merge``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accord.dedup.lookups import _doc_infos, _names
from accord.dedup.reading import build_merged
from accord.dedup.representative import representative
from accord.dedup.rule import (
    _BUCKET_DAYS,
    _TYPE_FAMILY,
    MergeOptions,
    _block,
    _buckets,
    _compare_features,
    _DocInfo,
    _enrich,
    _Features,
    _features,
    _fingerprint,
    _merged_id,
    _Names,
    _participants_label,
    _Verdict,
    _when,
)
from accord.errors import StoreError
from accord.model import Event, MergedEvent, date_range
from accord.store import Store
from accord.store.browse import events_by_ids
from accord.store.clock import utcnow
from accord.store.merged import MergeWrite
from accord.store.selection import (
    counts_of,
    day_span,
    empty_merged_ids,
    in_store_order,
    member_event_ids,
    membership_rows,
    merged_ids_meeting,
    suspect_members,
    unassigned_event_ids,
    uncountried_entities,
)
from accord.store.selection import merge_backlog as _backlog

__all__ = ["MergeReport", "merge_store"]

_BULK_SHARE = 0.5  # an incremental merge that needs more of the events than this reads them all


@dataclass(slots=True)
class MergeReport:
    """What one ``merge_store`` call did.

    ``events_seen``: per-document events in the store; ``new_groups``/``joined``: events
    assigned now that founded / joined a merged event; ``groups_total``: merged events after
    the call; ``dropped``: stale memberships removed (their documents were re-written);
    ``groups_removed``: merged events left with no member, deleted.
    """

    events_seen: int
    new_groups: int
    joined: int
    groups_total: int
    dropped: int = 0
    groups_removed: int = 0
    # the merged events this call wrote, built as readers build them (``reading.build_merged``),
    # for what is kept beside them (``accord.views.refresh_facts``); not part of the summary
    touched: list[MergedEvent] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict[str, int]:
        return {"events_seen": self.events_seen, "new_groups": self.new_groups,
                "joined": self.joined, "groups_total": self.groups_total,
                "dropped": self.dropped, "groups_removed": self.groups_removed}



@dataclass(slots=True)
class _Group:
    id: str
    block: str
    founder_event_id: str
    created_at: dt.datetime
    members: list[Event] = field(default_factory=list)
    why: list[str] = field(default_factory=list)  # why each member joined, parallel to ``members``
    docs: set[str] = field(default_factory=set)
    buckets: set[tuple[str, int]] = field(default_factory=set)  # (block, week) registered in
    keys: dict[tuple[Any, ...], _Features] = field(default_factory=dict)  # a member per distinct key



def _group_row(group: _Group, docs: dict[str, _DocInfo], now: dt.datetime) -> list[Any]:
    rep = representative(group.id, group.members)
    rng = date_range(rep.date.value) if rep.date else None
    infos = [docs[e.doc_id] for e in group.members if e.doc_id in docs]
    dates = [i.published for i in infos if i.published]
    sources = {i.source for i in infos if i.source}
    first, last = (min(dates), max(dates)) if dates else (None, None)
    day_first, day_last = rng if rng else (first, first)
    return [
        group.id, group.block, group.founder_event_id, rep.type, rep.mode, rep.status,
        rep.date.value if rep.date else None, rep.date.precision if rep.date else None,
        day_first, day_last, rep.location.country if rep.location else None,
        sorted(rep.countries), len(group.members), sum(len(e.mentions) for e in group.members),
        len(group.docs), len(sources), first, last, group.created_at, now,
    ]


def merge_store(store: Store, options: MergeOptions = MergeOptions()) -> MergeReport:
    """Assign every not-yet-assigned event in ``store`` to a merged event; one transaction.

    Existing merged events keep their ids and members; new events join them or found new
    ones. Running it again changes nothing. Members whose event no longer exists or changed
    (its document was re-written) are dropped first and their events assigned again.
    """
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only; merging writes to it")
    # with events to assign there is work: the rest of the backlog need not be counted
    unassigned = unassigned_event_ids(store)
    if not unassigned and (nothing := _nothing_to_do(store, 0)) is not None:
        return nothing
    loaded: dict[str, Event] = {}  # the pending events, read once by ``_scope``
    load_ids, scope, rewritten = _scope(store, options, loaded, unassigned)
    changed = None if load_ids is None else set(rewritten)  # None: check every member
    if load_ids is None:
        stored = store.events()
        docs = _doc_infos(store)
    else:  # only what new events can meet: see ``_scope``
        more = {e.id: e for e in events_by_ids(store, [i for i in load_ids if i not in loaded])}
        stored = [e for i in load_ids if (e := loaded[i] if i in loaded else more.get(i)) is not None]
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in stored)))
    # fingerprints cover what the extractor stored; comparisons see the enriched events.
    # Computed for the events that need one: the pending, and members that may have changed
    # (all of them in a full pass; in a scoped one those of documents written again since they
    # joined, the only ones whose stored event can differ; see ``_nothing_to_do``)
    raw = {e.id: e for e in stored}
    prints: dict[str, str] = {}

    def fingerprint(event_id: str) -> str:
        found = prints.get(event_id)
        if found is None:
            e = raw[event_id]
            found = prints[event_id] = _fingerprint(e, docs.get(e.doc_id))
        return found

    names = _names(store) if options.infer_countries else _Names()
    inferred: dict[str, list[str]] = {}
    events: list[Event] = []
    for e in stored:
        enriched, filled = _enrich(e, names)
        events.append(enriched)
        if filled:
            inferred[e.id] = filled
    by_id = {e.id: e for e in events}
    feats: dict[str, _Features] = {}  # filled as events are registered or compared

    def features(event: Event) -> _Features:
        found = feats.get(event.id)
        if found is None:
            info = docs.get(event.doc_id)
            found = feats[event.id] = _features(event, info.published if info else None)
        return found

    rows = membership_rows(store, scope)
    all_ids = set(store.merged_ids())
    groups: dict[str, _Group] = {}
    stale: list[str] = []
    touched: set[str] = set()
    next_ord: dict[str, int] = {}  # joining order continues after the highest, even if dropped
    for merged_id, event_id, fp, ord_, block, founder, created, joined in rows:
        group = groups.get(merged_id)
        if group is None:
            group = groups[merged_id] = _Group(merged_id, block, founder, created)
        next_ord[merged_id] = max(next_ord.get(merged_id, 0), ord_ + 1)
        event = by_id.get(event_id)
        if event is None or ((changed is None or event_id in changed) and fingerprint(event_id) != fp):
            stale.append(event_id)
            touched.add(merged_id)
            continue
        group.members.append(event)
        group.why.append(joined)
        group.docs.add(event.doc_id)
    # merged events without any membership row (should not happen, but keep the table honest)
    if scope is None:
        empty = (all_ids - groups.keys()) | {g.id for g in groups.values() if not g.members}
    else:
        empty = ((set(scope) - groups.keys()) | {g.id for g in groups.values() if not g.members}
                 | set(empty_merged_ids(store)))
    for gid in empty:
        groups.pop(gid, None)
    touched -= empty
    assigned = {e.id for g in groups.values() for e in g.members}

    # block -> week bucket -> groups; blocks are (type family | sorted countries) and, for
    # partial participants, also (type family | one country)
    index: dict[str, dict[int, list[_Group]]] = {}

    def register(group: _Group, event: Event) -> None:
        found = features(event)
        group.keys.setdefault(found.key, found)
        when = found.when
        keys = [_block(event)]
        if options.partial_participants:
            keys += [_block(event, country) for country in sorted(event.countries)]
        for block in keys:
            per_block = index.setdefault(block, {})
            for b in _buckets(when, options.day_window) or [-1]:  # -1: undated
                if (block, b) not in group.buckets:
                    group.buckets.add((block, b))
                    per_block.setdefault(b, []).append(group)

    for group in groups.values():
        for event in group.members:
            register(group, event)

    now = utcnow()
    member_rows: list[list[Any]] = []
    mention_rows: list[list[Any]] = []
    new_groups: list[_Group] = []
    n_new = n_joined = 0
    # earlier reports found groups: process by document date, then document, then position
    order = {e.id: i for i, e in enumerate(events)}
    pending = sorted((e for e in events if e.id not in assigned),
                     key=lambda e: (docs[e.doc_id].published or dt.date.max if e.doc_id in docs else dt.date.max,
                                    e.doc_id, order[e.id]))
    taken = set(all_ids) - empty  # an emptied merged event's id may be founded again by its own founder
    for event in pending:
        info = docs.get(event.doc_id)
        doc_date = info.published if info else None
        when = features(event).when
        block = _block(event)
        blocks = [block]
        if options.partial_participants:
            blocks += [_block(event, country) for country in sorted(event.countries)]
        seen: set[str] = set()
        best: tuple[float, _Group, str] | None = None
        for name in blocks:
            per_block = index.get(name, {})
            if when is None:
                keys = list(per_block) if options.allow_undated else []
            else:
                keys = _buckets(when, options.day_window) + ([-1] if options.allow_undated else [])
            for key in keys:
                for group in per_block.get(key, ()):
                    if group.id in seen or (not options.same_document and event.doc_id in group.docs):
                        continue
                    seen.add(group.id)
                    verdict = _join_verdict(features(event), group, features, options)
                    if verdict.ok and (best is None or verdict.score > best[0]):
                        best = (verdict.score, group, verdict.reason)
        if best is not None:
            score, group, why = best
            n_joined += 1
            if event.id in inferred:
                why += f"; countries from other reports: {', '.join(inferred[event.id])}"
        else:
            gid = _merged_id(event.id, taken)
            taken.add(gid)
            group = _Group(gid, block, event.id, now)
            groups[gid] = group
            new_groups.append(group)
            next_ord[gid] = 0
            score = None
            why = f"founded: first report of {event.type}{':' + event.mode if event.mode else ''} " \
                  f"{_participants_label(event) or '(no countries)'}" + \
                  (f" ({event.status})" if event.status != "occurred" else "") + \
                  (f" on {when.label()}" if when else ", undated") + \
                  (f"; countries from other reports: {', '.join(inferred[event.id])}" if event.id in inferred else "")
            n_new += 1
        group.members.append(event)
        group.why.append(why)
        group.docs.add(event.doc_id)
        register(group, event)
        touched.add(group.id)
        member_rows.append([group.id, event.id, event.doc_id, next_ord[group.id], fingerprint(event.id),
                            score, why, now])
        next_ord[group.id] += 1
        for idx, m in enumerate(event.mentions):
            mention_rows.append([group.id, event.id, event.doc_id, idx, m.start, m.end, m.text,
                                 info.source if info else None, doc_date, now])

    n_events = len(events) if scope is None else counts_of(store, "events")[0]
    n_groups = len(groups) if scope is None else len(all_ids - empty) + n_new
    if not (stale or empty or member_rows):
        return MergeReport(n_events, 0, 0, n_groups)
    store.write_merge(MergeWrite(stale, sorted(empty), member_rows, mention_rows,
                                 [_group_row(groups[g], docs, now) for g in sorted(touched)]))
    # readers fill in countries from other reports: without that, these would not be theirs
    built = ([build_merged(g, groups[g].members, groups[g].why, docs) for g in sorted(touched)]
             if options.infer_countries else [])
    return MergeReport(n_events, n_new, n_joined, n_groups, len(stale), len(empty), built)


def _scope(store: Store, options: MergeOptions, loaded: dict[str, Event] | None = None,
           unassigned: list[str] | None = None) -> tuple[list[str] | None, list[str] | None, list[str]]:
    """The events to load (store order) and the merged events whose members to load, or
    (None, None) for everything; and the members whose document was written again since they
    joined (the only ones whose fingerprint may have changed). ``loaded`` receives the pending
    events it read, by id, so that the caller need not read them again; ``unassigned``: the
    unassigned events' ids in store order, when the caller has read them.

    A pending event (unassigned, or a member whose document was written again) meets only
    merged events registered in its blocks (type family and countries) and week buckets: those
    with a member of its family, sharing a country (or naming an actor whose country merging may
    learn), whose days lie within a window plus two weeks of its own. Only those merged events
    are loaded, with every member (joining compares with all of them), plus those that may
    lose a member. News arrives about recent days: a merge of today's articles reads recent
    merged events, not the whole store. Undated events merged by ``allow_undated`` can meet
    anything: then everything is loaded, as is most of the store on a first merge.
    """
    if unassigned is None:
        unassigned = unassigned_event_ids(store)
    suspect_groups, rewritten = suspect_members(store)
    pending = list(dict.fromkeys(unassigned + rewritten))
    n_events = counts_of(store, "events")[0]
    if len(pending) > n_events * _BULK_SHARE:
        return None, None, rewritten
    first, _last, undated = day_span(store, pending)
    if undated and options.allow_undated:
        return None, None, rewritten
    names = _names(store) if options.infer_countries else _Names()
    probes = []
    pad = dt.timedelta(days=2 * options.day_window + 2 * _BUCKET_DAYS)
    if first is not None:
        events = events_by_ids(store, pending)
        if loaded is not None:
            loaded.update((e.id, e) for e in events)
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in events)))
        for e in events:
            enriched = _enrich(e, names)[0]
            info = docs.get(e.doc_id)
            when = _when(e, info.published if info else None)
            if when is not None and enriched.countries:  # without countries nothing can be joined
                probes.append((when.first - pad if when.first.toordinal() > pad.days else when.first,
                               when.last + pad if when.last < dt.date.max - pad else when.last,
                               _TYPE_FAMILY.get(e.type, e.type), sorted(enriched.countries)))
    entities: dict[str, list[str]] = {}  # names stored without a country, by the country learnt
    if probes and options.infer_countries:
        wanted = {c for p in probes for c in p[3]}
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in wanted:
                entities.setdefault(country, []).append(entity)
    meeting = merged_ids_meeting(store, probes, _TYPE_FAMILY, entities, exact=not options.partial_participants)
    scope = sorted(set(meeting) | set(suspect_groups))
    ids = in_store_order(store, pending + member_event_ids(store, scope))
    if len(ids) > n_events * _BULK_SHARE:  # most of the store: one bulk read is cheaper than reads by id
        return None, None, rewritten
    return ids, scope, rewritten


def _nothing_to_do(store: Store, unassigned: int | None = None) -> MergeReport | None:
    """The report of a merge that would change nothing, found in SQL without loading the
    events; None when there is work. Every event held, none gone, no merged event empty, and
    the members whose document was written again since they joined still have the fingerprint
    they joined with: exactly the case where the full pass below assigns and drops nothing.
    ``unassigned``: the events no merged event holds, when the caller has counted them."""
    unassigned, gone, empty, rewritten = _backlog(store, unassigned)
    if unassigned or gone or empty:
        return None
    if rewritten:
        by_id = {e.id: e for e in events_by_ids(store, [r[0] for r in rewritten])}
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in by_id.values())))
        for event_id, fp in rewritten:
            event = by_id.get(event_id)
            if event is None or _fingerprint(event, docs.get(event.doc_id)) != fp:
                return None
    n_events, n_groups = counts_of(store, "events", "merged_events")
    return MergeReport(n_events, 0, 0, n_groups)


def _join_verdict(event: _Features, group: _Group, features: Callable[[Event], _Features],
                  options: MergeOptions) -> _Verdict:
    """Complete link: the event must match every member; its score averages the sampled ones.

    Matching every member (not just one) stops chains: a month-precision report must not
    glue together two meetings on different days of that month. Without its evidence, a
    member is compared through what the rule reads of it (``_Features.key``): reports of one
    event mostly agree on all of it, so one comparison stands for every member sharing a key.
    The sampled members (the founder and the latest) are compared with their evidence, and
    only their reasons can become the group's.
    """
    members = group.members
    latest = members[1:][-(options.similarity_sample - 1):] if options.similarity_sample > 1 else []
    best: tuple[float, _Features] | None = None
    total = 0.0
    n = 0
    for member in [members[0], *latest]:
        fm = features(member)
        verdict = _compare_features(event, fm, options, explain=False)
        if not verdict.ok:
            return verdict
        total += verdict.score
        n += 1
        if best is None or verdict.score > best[0]:
            best = (verdict.score, fm)
    for fm in group.keys.values():
        verdict = _compare_features(event, fm, options, with_similarity=False, explain=False)
        if not verdict.ok:
            return verdict
    assert best is not None  # the founder is always sampled
    # the reason is written once, for the best sampled member (the same decision and score)
    return _Verdict(True, _compare_features(event, best[1], options).reason, total / max(n, 1))
