"""Paged, read-only queries for programs that browse the store (``accord serve``).

``Store.events`` returns every matching event at once, which is right for exports and the CLI
but not for an API that shows fifty at a time over a store of millions. Here a page is chosen
first (filter, order, limit) and only its events are assembled, so a page costs the same on a
small store and a large one. Pages are cut by keyset (the last row's sort key and id), never by
OFFSET, so a page deep in the list is as cheap as the first and rows added meanwhile do not shift
it. Every value from a caller reaches SQL as a parameter; the only SQL built from choices are
fixed fragments picked from the tables below.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from accord.model import Document, Event
from accord.store import queries as q
from accord.store.queries import EventFilter

if TYPE_CHECKING:
    from accord.store.db import Store

Sort = Literal["date", "-date", "score", "-score"]
SORTS: tuple[str, ...] = ("date", "-date", "score", "-score")

# the sort key of each order, never NULL so that keyset comparisons hold (NULLs sort last)
_KEYS: dict[str, tuple[str, str]] = {
    "date": ("coalesce(e.day_first, DATE '9999-12-31')", "ASC"),
    "-date": ("coalesce(e.day_first, DATE '0001-01-01')", "DESC"),
    "score": ("coalesce(e.intensity, 1e9)", "ASC"),
    "-score": ("coalesce(e.intensity, -1e9)", "DESC"),
}


@dataclass(frozen=True, slots=True)
class EventQuery:
    """What ``event_page`` selects: ``base`` (the CLI's filter) narrowed further.

    * ``source`` / ``target``: a directed dyad: a participant of ``source`` on the actor side
      and one of ``target`` on the recipient side.
    * ``modes``: any of the given PLOVER modes.
    * ``actor``: a participant whose entity or words equal it (case-insensitively), or who is
      the registry actor with this id (``act_...``) under any of its names.
    * ``text``: evidence (a mention or the trigger) containing it, case-insensitively.
    * ``after``: the key of the last row of the previous page (``Page.next_key``).
    """

    base: EventFilter = EventFilter()
    source: str | None = None
    target: str | None = None
    modes: tuple[str, ...] = ()
    actor: str | None = None
    text: str | None = None
    sort: Sort = "date"
    after: tuple[Any, str] | None = None
    limit: int = 50


@dataclass(slots=True)
class Page:
    events: list[Event]
    total: int  # events matching the query, over all pages
    next_key: tuple[Any, str] | None  # pass as ``EventQuery.after`` for the next page
    documents: dict[str, DocumentInfo] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what a list of events or documents shows."""

    id: str
    doc_origin: str
    title: str | None
    published: dt.date | None
    source: str | None
    url: str | None
    language: str
    events: int = 0


def _where(query: EventQuery) -> tuple[str, list[Any]]:
    # countries and evidence are matched on the event's own row (migration 0008): no join
    base = query.base
    where, params = q.filter_sql(replace(base, dyad=None, country=None))
    conds = [where]

    def has(column: str, code: str) -> None:
        conds.append(f"list_contains(e.{column}, ?)")
        params.append(code.upper())

    for code in (base.dyad or ()):
        has("countries", code)
    if base.country:
        has("countries", base.country)
    if query.source:
        has("actor_countries", query.source)
    if query.target:
        has("recipient_countries", query.target)
    if query.modes:
        conds.append(f"e.mode IN ({', '.join('?' for _ in query.modes)})")
        params.extend(query.modes)
    if query.actor:
        conds.append(
            "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND ("
            "lower(p.entity) = lower(?) OR lower(p.text) = lower(?) OR p.entity IN "
            "(SELECT n.name FROM actor_names n WHERE n.actor_id = ?)))"
        )
        params.extend([query.actor, query.actor, query.actor])
    if query.text and "\n" not in query.text:
        # search_text joins the trigger and mentions with newlines, so a one-line query matches
        # within one of them; contains(), not LIKE, so % and _ in the query are literal
        conds.append("contains(e.search_text, ?)")
        params.append(query.text.lower())
    elif query.text:
        conds.append(
            "(contains(lower(e.trigger_text), lower(?)) OR EXISTS (SELECT 1 FROM event_mentions m "
            "WHERE m.event_id = e.id AND contains(lower(m.text), lower(?))))"
        )
        params.extend([query.text, query.text])
    return " AND ".join(c for c in conds if c != "TRUE") or "TRUE", params


def _page_records(store: Store, ids: Sequence[str], table: str = "events",
                  key: str = "id") -> dict[str, dict[str, Any]]:
    """The page records of these events by id, from ``table`` (whose event id column is
    ``key``: ``events``, or ``commitment_events`` and its ``event_id``)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    cond, args = q.among(key, wanted, indexed=table == "events")  # commitment_events has no index
    rows = store.connection.execute(f"SELECT {key}, page_record FROM {table} WHERE {cond}", args).fetchall()
    # one decode of all records as a JSON array: per-record json.loads calls cost a third more
    # on a dyad's tens of thousands of events
    return dict(zip((r[0] for r in rows), json.loads("[" + ",".join(r[1] for r in rows) + "]"), strict=True))


def _document_info(values: list[Any]) -> DocumentInfo:
    id_, doc_origin, title, published, source, url, language = values
    return DocumentInfo(id_, doc_origin, title, dt.date.fromisoformat(published) if published else None, source,
                        url, language)


def events_by_ids(store: Store, ids: Sequence[str]) -> list[Event]:
    """The events with these ids, in the order given, in one lookup by id.

    Each comes from its ``page_record`` (migration 0008): one column of one row per event,
    where the normalised tables cost a scattered fetch per table and per column.
    """
    records = _page_records(store, ids)
    return [q.event_from_page_record(records[i]) for i in dict.fromkeys(ids) if i in records]


def commitment_events_of_documents(store: Store, doc_ids: Sequence[str], countries: Sequence[str], *,
                                   outside: Collection[str] = frozenset()) -> dict[str, list[Event]]:
    """The events of these documents that may be commitments (``accord.model.may_commit``) with
    a participant of one of ``countries``, by document, each in the store's order: a dyad's
    ledger takes no others of its documents. They are read from ``commitment_events``
    (migration 0014), where they lie together: their page records scattered over the events
    table cost a read of most of its blocks. ``outside``: merged event ids whose members are
    left out (a dyad's own: thousands of events a caller would otherwise read only to drop)."""
    if not doc_ids or not countries:
        return {}
    cond, args = q.among("c.doc_id", list(dict.fromkeys(doc_ids)), indexed=False)
    # the ids first, the records of those kept after: most are often ``outside`` (a pair's
    # own), and a record costs far more to read than an id (an event is a member of one
    # merged event at most: merged_members.event_id is its key)
    kept = [(event_id, doc_id) for event_id, doc_id, merged_id in store.connection.execute(
        f"SELECT c.event_id, c.doc_id, mm.merged_id FROM commitment_events c "
        f"LEFT JOIN merged_members mm ON mm.event_id = c.event_id "
        f"WHERE {cond} AND list_has_any(c.countries, ?::VARCHAR[]) "
        "ORDER BY c.day_first NULLS LAST, c.doc_id, c.ord", [*args, list(countries)]).fetchall()
        if merged_id is None or merged_id not in outside]
    records = _page_records(store, [i for i, _ in kept], "commitment_events", "event_id")
    out: dict[str, list[Event]] = {}
    for event_id, doc_id in kept:
        out.setdefault(doc_id, []).append(q.event_from_page_record(records[event_id]))
    return out


def event_page(store: Store, query: EventQuery) -> Page:
    """One page of events matching ``query`` in its order, with the total and the next key."""
    key, direction = _KEYS[query.sort]
    where, params = _where(query)
    con = store.connection
    order = f"ORDER BY {key} {direction}, e.id {direction} LIMIT ?"
    if query.after is None and where != "TRUE":
        # a filtered first page: the total counted in the same pass as the page (one scan, not two)
        keys = con.execute(f"SELECT e.id, {key}, count(*) OVER () FROM events e WHERE {where} {order}",
                           [*params, query.limit + 1]).fetchall()
        total = int(keys[0][2]) if keys else 0
    else:
        total = int(q.one_row(con, f"SELECT count(*) FROM events e WHERE {where}", params)[0])
        cut, cut_params = "TRUE", []
        if query.after is not None:
            op = ">" if direction == "ASC" else "<"
            cut = f"({key} {op} ? OR ({key} = ? AND e.id {op} ?))"
            cut_params = [query.after[0], query.after[0], query.after[1]]
        keys = con.execute(f"SELECT e.id, {key} FROM events e WHERE {where} AND {cut} {order}",
                           [*params, *cut_params, query.limit + 1]).fetchall()
    more = len(keys) > query.limit
    keys = keys[: query.limit]
    records = _page_records(store, [k[0] for k in keys])  # the events and their documents, one fetch
    found = [records[k[0]] for k in keys if k[0] in records]
    events = [q.event_from_page_record(r) for r in found]
    documents = {info.id: info for info in (_document_info(r["document"]) for r in found)}
    next_key = (keys[-1][1], keys[-1][0]) if more and keys else None
    return Page(events, total, next_key, documents)


@dataclass(frozen=True, slots=True)
class Places:
    """Where the events matching a query took place: counts by country of the event's place,
    and the places with coordinates (rounded to about a kilometre), busiest first."""

    countries: list[tuple[str, int]]
    points: list[tuple[float, float, str, int]]  # lat, lon, a name of the place, events
    placed: int  # events with a place country or coordinates
    total: int  # events matching the query


def event_places(store: Store, query: EventQuery, points: int = 500) -> Places:
    """``Places`` of the events matching ``query`` (its sort, cursor and page size are ignored)."""
    where, params = _where(query)
    con = store.connection
    by_country = con.execute(
        f"SELECT e.location_country, count(*) FROM events e WHERE {where} AND e.location_country IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
    spots = con.execute(
        f"SELECT round(e.lat, 2) AS la, round(e.lon, 2) AS lo, min(e.location_text), count(*) FROM events e "
        f"WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2 LIMIT ?",
        [*params, points]).fetchall()
    placed, total = q.one_row(
        con, "SELECT count(*) FILTER (WHERE e.location_country IS NOT NULL OR e.lat IS NOT NULL), count(*) "
        f"FROM events e WHERE {where}", params)
    return Places([(r[0], int(r[1])) for r in by_country],
                  [(float(r[0]), float(r[1]), r[2] or "", int(r[3])) for r in spots], int(placed), int(total))


def event_by_id(store: Store, event_id: str) -> Event | None:
    """One stored event by its id."""
    found = events_by_ids(store, [event_id])
    return found[0] if found else None


_DOC_INFO = ("SELECT d.id, d.doc_origin, d.title, d.published, d.source, d.url, d.language, "
             "(SELECT count(*) FROM events e WHERE e.doc_id = d.id) FROM documents d")


def document_infos(store: Store, doc_ids: Sequence[str], *, counts: bool = True) -> dict[str, DocumentInfo]:
    """Metadata (no text) of the given documents, by id; ``counts``: with their events counted
    (else ``events`` is 0)."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    con = store.connection
    counted = dict(con.execute(f"SELECT doc_id, count(*) FROM events WHERE doc_id IN ({marks}) GROUP BY 1",
                               wanted).fetchall()) if counts else {}
    rows = con.execute("SELECT d.id, d.doc_origin, d.title, d.published, d.source, d.url, d.language "
                       f"FROM documents d WHERE d.id IN ({marks})", wanted).fetchall()
    return {doc_id: DocumentInfo(doc_id, origin, title, published, source, url, language,
                                 events=int(counted.get(doc_id, 0)))
            for doc_id, origin, title, published, source, url, language in rows}


def documents_by_ids(store: Store, doc_ids: Sequence[str], *, text: bool = True) -> dict[str, Document]:
    """Whole documents by id, in one query; with ``text=False`` their ``text`` is left empty, and
    what only matters with it (masked regions, warnings, dateline) too: the metadata of thousands
    of documents reads in a fraction of the time their texts take."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return {}
    cond, args = q.among("id", wanted)
    select = q.DOCUMENT_SELECT if text else q.DOCUMENT_META_SELECT
    rows = store.connection.execute(f"{select} WHERE {cond}", args).fetchall()
    return {r[0]: q.document_from_row(r) for r in rows}


def document_page(store: Store, after: str | None = None, limit: int = 50,
                  text: str | None = None) -> tuple[list[DocumentInfo], int, str | None]:
    """Documents by id, a page at a time: (page, total, the id to pass as ``after`` next)."""
    conds, params = ["TRUE"], []
    if text:
        conds.append("(contains(lower(d.text), lower(?)) OR contains(lower(coalesce(d.title, '')), lower(?)))")
        params.extend([text, text])
    where = " AND ".join(conds)
    con = store.connection
    total = int(q.one_row(con, f"SELECT count(*) FROM documents d WHERE {where}", params)[0])
    cut, cut_params = ("d.id > ?", [after]) if after else ("TRUE", [])
    rows = con.execute(f"{_DOC_INFO} WHERE {where} AND {cut} ORDER BY d.id LIMIT ?",
                       [*params, *cut_params, limit + 1]).fetchall()
    infos = [DocumentInfo(*r) for r in rows[:limit]]
    return infos, total, (infos[-1].id if len(rows) > limit and infos else None)


def extractor_versions(store: Store) -> list[str]:
    """The extractor versions the stored documents were coded with, newest first by use."""
    rows = store.connection.execute(
        "SELECT extractor_version FROM documents WHERE extractor_version IS NOT NULL "
        "GROUP BY 1 ORDER BY max(updated_at) DESC"
    ).fetchall()
    return [r[0] for r in rows]


def countries_seen(store: Store) -> list[tuple[str, int]]:
    """Country codes taking part in events, with their event counts, most first."""
    rows = store.connection.execute(
        "SELECT country, count(DISTINCT event_id) FROM event_participants WHERE country IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def merged_ids_page(store: Store, dyad: tuple[str, str] | None, after: str | None,
                    limit: int) -> tuple[list[str], int, str | None]:
    """Merged-event ids (of events of ``dyad`` when given) by id, a page at a time."""
    conds, params = ["TRUE"], []
    if dyad:
        for code in dyad:
            conds.append("EXISTS (SELECT 1 FROM merged_members mm JOIN event_participants p "
                         "ON p.event_id = mm.event_id WHERE mm.merged_id = g.id AND p.country = ?)")
            params.append(code.upper())
    where = " AND ".join(conds)
    con = store.connection
    total = int(q.one_row(con, f"SELECT count(*) FROM merged_events g WHERE {where}", params)[0])
    cut, cut_params = ("g.id > ?", [after]) if after else ("TRUE", [])
    rows = con.execute(f"SELECT g.id FROM merged_events g WHERE {where} AND {cut} ORDER BY g.id LIMIT ?",
                       [*params, *cut_params, limit + 1]).fetchall()
    ids = [r[0] for r in rows[:limit]]
    return ids, total, (ids[-1] if len(rows) > limit and ids else None)


def merged_id_of(store: Store, event_id: str) -> str | None:
    """The merged event that holds this stored event, if merging has placed it."""
    rows = store.connection.execute(
        "SELECT merged_id FROM merged_members WHERE event_id = ? LIMIT 1", [event_id]).fetchall()
    return rows[0][0] if rows else None


__all__ = [
    "SORTS",
    "DocumentInfo",
    "EventQuery",
    "Page",
    "Places",
    "commitment_events_of_documents",
    "countries_seen",
    "document_infos",
    "document_page",
    "documents_by_ids",
    "event_by_id",
    "event_page",
    "event_places",
    "events_by_ids",
    "extractor_versions",
    "merged_id_of",
    "merged_ids_page",
]
