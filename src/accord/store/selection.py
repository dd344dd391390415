"""Narrow reads for the analytics of one pair or country: which merged events, stored events
and documents to load, found in SQL so that nothing outside the selection is read.

The callers (``accord.dedup.merged_events``, ``accord dyad``/``report``) still apply their exact
filters in Python to what these return: every function here returns a superset of what a
caller keeps, never less, so results are the same as loading everything and filtering.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from accord.store import queries as q
from accord.store.db import Store
from accord.store.queries import EventFilter


def uncountried_entities(store: Store) -> list[str]:
    """Named participants stored without a country (merging may learn one from other reports)."""
    return [r[0] for r in store.connection.execute(
        "SELECT DISTINCT entity FROM event_participants WHERE country IS NULL AND entity IS NOT NULL "
        "ORDER BY 1").fetchall()]


def _has(code: str, entities: Sequence[str], params: list[Any]) -> str:
    """Participants of ``code``: stored with it, or named by one of ``entities`` with no country."""
    params.append(code)
    cond = "p.country = ?"
    if entities:
        params.append(list(entities))
        cond = f"({cond} OR (p.country IS NULL AND p.entity IN (SELECT unnest(?::VARCHAR[]))))"
    return ("SELECT mm.merged_id FROM merged_members mm JOIN event_participants p ON p.event_id = mm.event_id "
            f"WHERE {cond}")


def merged_ids_with(store: Store, entities_of: Mapping[str, Sequence[str]]) -> list[str]:
    """Merged events with, for every code of ``entities_of``, a member that has a participant of
    that country (stored, or one of the code's uncountried entity names)."""
    params: list[Any] = []
    parts = [_has(code, names, params) for code, names in entities_of.items()]
    if not parts:
        return [r[0] for r in store.connection.execute("SELECT id FROM merged_events").fetchall()]
    return [r[0] for r in store.connection.execute(" INTERSECT ".join(parts), params).fetchall()]


def event_ids(store: Store, flt: EventFilter, *, limit: int = 0) -> list[str]:
    """Ids of the events matching ``flt``, in the store's order, the first ``limit`` (0: all):
    ``Store.events`` without the participants and mentions, which cost a pass over every event."""
    where, params = q.filter_sql(flt)
    page = ""
    if limit:
        page, params = " LIMIT ?", [*params, int(limit)]
    return [r[0] for r in store.connection.execute(
        f"SELECT e.id FROM events e WHERE {where} {q.EVENT_ORDER}{page}", params).fetchall()]


def event_ids_of_documents(store: Store, doc_ids: Sequence[str]) -> dict[str, list[str]]:
    """Event ids of each of these documents, in the store's order."""
    if not doc_ids:
        return {}
    cond, args = q.among("e.doc_id", list(dict.fromkeys(doc_ids)))
    out: dict[str, list[str]] = {}
    for event_id, doc_id in store.connection.execute(
            f"SELECT e.id, e.doc_id FROM events e WHERE {cond} {q.EVENT_ORDER}", args).fetchall():
        out.setdefault(doc_id, []).append(event_id)
    return out


def event_ids_of_documents_with(store: Store, doc_ids: Sequence[str], countries: Sequence[str], *,
                                outside: Collection[str] = frozenset()) -> dict[str, list[str]]:
    """``event_ids_of_documents`` narrowed to events with a stored participant of one of
    ``countries``: a pair's context events that name neither side are never used, and need not
    be read (``browse.commitment_events_of_documents`` narrows further, to those that may be
    commitments). ``outside``: merged event ids whose members are left out (a dyad's own:
    thousands of events a caller would otherwise read only to drop)."""
    if not doc_ids or not countries:
        return {}
    cond, args = q.among("e.doc_id", list(dict.fromkeys(doc_ids)))
    out: dict[str, list[str]] = {}
    # an event is a member of one merged event at most (merged_members.event_id is its key)
    for event_id, doc_id, merged_id in store.connection.execute(
            f"SELECT e.id, e.doc_id, mm.merged_id FROM events e LEFT JOIN merged_members mm ON mm.event_id = e.id "
            f"WHERE {cond} AND EXISTS (SELECT 1 FROM event_participants p "
            f"WHERE p.event_id = e.id AND p.country IN (SELECT unnest(?::VARCHAR[]))) "
            f"{q.EVENT_ORDER}", [*args, list(countries)]).fetchall():
        if merged_id is None or merged_id not in outside:
            out.setdefault(doc_id, []).append(event_id)
    return out


def dyad_events_merged_into(store: Store, pair: tuple[str, str]) -> list[tuple[str, str | None]]:
    """(id, the merged event holding it or None) of the events with participants of both
    countries of ``pair``, in the store's order (an event is a member of one merged event at
    most): a dyad view keeps those of no merged event, or of one it does not count, which it
    learns only later."""
    where, params = q.filter_sql(EventFilter(dyad=pair))
    return [(r[0], r[1]) for r in store.connection.execute(
        f"SELECT e.id, mm.merged_id FROM events e LEFT JOIN merged_members mm ON mm.event_id = e.id WHERE {where} "
        f"{q.EVENT_ORDER}", params).fetchall()]


def document_dates(store: Store, doc_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """(id, published, source, doc_origin) of these documents (every document for None)."""
    sql = "SELECT id, published, source, doc_origin FROM documents"
    args: list[Any] = []
    if doc_ids is not None:
        if not doc_ids:
            return []
        cond, args = q.among("id", list(dict.fromkeys(doc_ids)))
        sql += f" WHERE {cond}"
    return store.connection.execute(sql, args).fetchall()


def merge_backlog(store: Store, unassigned: int | None = None) -> tuple[int, int, int, list[tuple[str, str]]]:
    """What a merge may have to do, read without loading any event: events no merged event
    holds (a membership row of no merged event does not count), members whose event is gone,
    merged events without members, and (event id, stored fingerprint) of the members whose
    document was written again since they joined (their events may have changed: only their
    fingerprints need computing). ``unassigned``: the first, when the caller has counted them."""
    con = store.connection
    if unassigned is None:
        unassigned = q.one_row(con, "SELECT count(*) FROM events e WHERE NOT EXISTS "
                               "(SELECT 1 FROM merged_members m JOIN merged_events g ON g.id = m.merged_id "
                               "WHERE m.event_id = e.id)")[0]
    gone = q.one_row(con, "SELECT count(*) FROM merged_members m WHERE NOT EXISTS "
                     "(SELECT 1 FROM events e WHERE e.id = m.event_id)")[0]
    empty = q.one_row(con, "SELECT count(*) FROM merged_events g WHERE NOT EXISTS "
                      "(SELECT 1 FROM merged_members m WHERE m.merged_id = g.id)")[0]
    rewritten = con.execute("SELECT m.event_id, m.fingerprint FROM merged_members m "
                            "JOIN documents d ON d.id = m.doc_id WHERE d.updated_at >= m.added_at").fetchall()
    return int(unassigned), int(gone), int(empty), [(r[0], r[1]) for r in rewritten]


# --- what an incremental merge must load ----------------------------------------------------


def unassigned_event_ids(store: Store) -> list[str]:
    """Events that no (existing) merged event holds, in the store's order."""
    return [r[0] for r in store.connection.execute(
        "SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM merged_members m JOIN merged_events g "
        f"ON g.id = m.merged_id WHERE m.event_id = e.id) {q.EVENT_ORDER}").fetchall()]


def suspect_members(store: Store) -> tuple[list[str], list[str]]:
    """Merged events with a member whose event is gone or whose document was written again since
    it joined, and the ids of those members' events that still exist."""
    rows = store.connection.execute(
        "SELECT m.merged_id, m.event_id, e.id IS NOT NULL FROM merged_members m "
        "LEFT JOIN events e ON e.id = m.event_id LEFT JOIN documents d ON d.id = m.doc_id "
        "WHERE e.id IS NULL OR d.id IS NULL OR d.updated_at >= m.added_at").fetchall()
    return sorted({r[0] for r in rows}), [r[1] for r in rows if r[2]]


def empty_merged_ids(store: Store) -> list[str]:
    """Merged events without any member row."""
    return [r[0] for r in store.connection.execute(
        "SELECT g.id FROM merged_events g WHERE NOT EXISTS "
        "(SELECT 1 FROM merged_members m WHERE m.merged_id = g.id) ORDER BY 1").fetchall()]


def day_span(store: Store, event_ids: Sequence[str]) -> tuple[Any, Any, bool]:
    """Earliest ``day_first`` and latest ``day_last`` of these events, and whether one has none."""
    if not event_ids:
        return None, None, False
    cond, args = q.among("e.id", list(event_ids))
    lo, hi, undated = q.one_row(
        store.connection, f"SELECT min(day_first), max(day_last), bool_or(day_first IS NULL OR day_last IS NULL) "
        f"FROM events e WHERE {cond}", args)
    return lo, hi, bool(undated)


def merged_ids_near(store: Store, first: Any, last: Any, *, undated: bool) -> list[str]:
    """Merged events with a member whose effective days meet ``first``..``last`` (``undated``:
    or that has no day at all)."""
    extra = " OR e.day_first IS NULL OR e.day_last IS NULL" if undated else ""
    return [r[0] for r in store.connection.execute(
        "SELECT DISTINCT m.merged_id FROM merged_members m JOIN events e ON e.id = m.event_id "
        f"WHERE (e.day_first <= ? AND e.day_last >= ?){extra}", [last, first]).fetchall()]


def merged_ids_meeting(store: Store, probes: Sequence[tuple[Any, Any, str, Sequence[str]]],
                       families: Mapping[str, str],
                       entities_of: Mapping[str, Sequence[str]] | None = None, *,
                       exact: bool = False) -> list[str]:
    """Merged events with a member that one of ``probes`` (first day, last day, type family,
    countries) may meet: its effective days overlap the probe's, its type is of the family
    (``families`` maps a type to its family, others are their own) and it has a participant of
    one of the countries: stored with it, or stored without a country under a name that
    ``entities_of`` (country -> names) gives that country (merging learns it from other reports).

    ``exact``: the member's countries must also be able to equal the probe's (merging blocks
    on the whole set unless partial participants are allowed): none outside them, and as many
    unless a participant named without a country may gain one.
    """
    if not probes:
        return []
    con = store.connection
    # copies of one probe are common
    rows = sorted({(p[0], p[1], p[2], c, "+".join(sorted(p[3]))) for p in probes for c in p[3]})
    con.execute("CREATE OR REPLACE TEMP TABLE merge_probes AS SELECT unnest(?::DATE[]) AS lo, "
                "unnest(?::DATE[]) AS hi, unnest(?::VARCHAR[]) AS family, unnest(?::VARCHAR[]) AS country, "
                "unnest(?::VARCHAR[]) AS cset",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
                 [r[4] for r in rows]])
    pairs = [(c, n) for c, names in (entities_of or {}).items() for n in names]
    con.execute("CREATE OR REPLACE TEMP TABLE merge_names AS SELECT unnest(?::VARCHAR[]) AS country, "
                "unnest(?::VARCHAR[]) AS entity", [[p[0] for p in pairs], [p[1] for p in pairs]])
    con.execute("CREATE OR REPLACE TEMP TABLE merge_families AS SELECT unnest(?::VARCHAR[]) AS type, "
                "unnest(?::VARCHAR[]) AS family", [list(families), list(families.values())])
    meets = ("JOIN events e ON e.id = p.event_id LEFT JOIN merge_families f ON f.type = e.type "
             "JOIN merge_probes pr ON pr.country = {country} AND pr.family = coalesce(f.family, e.type) "
             "AND e.day_first <= pr.hi AND e.day_last >= pr.lo "
             "JOIN merged_members m ON m.event_id = e.id")
    hits = ("SELECT m.merged_id, e.id AS event_id, pr.cset FROM event_participants p " + meets.format(country="p.country") +
            " UNION SELECT m.merged_id, e.id AS event_id, pr.cset FROM event_participants p "
            "JOIN merge_names n ON p.country IS NULL AND n.entity = p.entity " + meets.format(country="n.country"))
    if exact:
        sql = (f"WITH hit AS ({hits}), own AS (SELECT q.event_id, "
               "list(DISTINCT q.country) FILTER (WHERE q.country IS NOT NULL) AS cs, "
               "bool_or(q.country IS NULL AND q.entity IS NOT NULL) AS open FROM event_participants q "
               "WHERE q.event_id IN (SELECT event_id FROM hit) GROUP BY q.event_id) "
               "SELECT DISTINCT h.merged_id FROM hit h JOIN own o ON o.event_id = h.event_id "
               "WHERE list_has_all(string_split(h.cset, '+'), coalesce(o.cs, [])) "
               "AND (o.open OR len(coalesce(o.cs, [])) = len(string_split(h.cset, '+')))")
    else:
        sql = f"SELECT DISTINCT merged_id FROM ({hits})"
    try:
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        for table in ("merge_probes", "merge_names", "merge_families"):
            con.execute(f"DROP TABLE IF EXISTS {table}")


def member_event_ids(store: Store, merged_ids: Sequence[str]) -> list[str]:
    if not merged_ids:
        return []
    cond, args = q.among("merged_id", list(merged_ids))
    return [r[0] for r in store.connection.execute(
        f"SELECT event_id FROM merged_members WHERE {cond}", args).fetchall()]


def in_store_order(store: Store, event_ids: Sequence[str]) -> list[str]:
    """These event ids (those that exist) in the store's order."""
    if not event_ids:
        return []
    cond, args = q.among("e.id", list(dict.fromkeys(event_ids)))
    return [r[0] for r in store.connection.execute(
        f"SELECT e.id FROM events e WHERE {cond} {q.EVENT_ORDER}", args).fetchall()]


def membership_rows(store: Store, merged_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """(merged_id, event_id, fingerprint, ord, block, founder_event_id, created_at, why) of the
    members of these merged events (of all for None), in founding and joining order."""
    sql = ("SELECT m.merged_id, m.event_id, m.fingerprint, m.ord, g.block, g.founder_event_id, g.created_at, m.why "
           "FROM merged_members m JOIN merged_events g ON g.id = m.merged_id")
    args: list[Any] = []
    if merged_ids is not None:
        if not merged_ids:
            return []
        cond, args = q.among("m.merged_id", list(merged_ids))
        sql += f" WHERE {cond}"
    return store.connection.execute(sql + " ORDER BY g.created_at, g.id, m.ord", args).fetchall()


def counts_of(store: Store, *tables: str) -> list[int]:
    """Rows in each of ``tables`` (names from the caller's code, never from input)."""
    return [int(q.one_row(store.connection, f"SELECT count(*) FROM {t}")[0]) for t in tables]


__all__ = [
    "counts_of",
    "day_span",
    "document_dates",
    "dyad_events_merged_into",
    "empty_merged_ids",
    "event_ids",
    "event_ids_of_documents",
    "in_store_order",
    "member_event_ids",
    "membership_rows",
    "merge_backlog",
    "merged_ids_meeting",
    "merged_ids_near",
    "merged_ids_with",
    "suspect_members",
    "unassigned_event_ids",
    "uncountried_entities",
]
