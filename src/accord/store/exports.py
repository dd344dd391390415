"""Event exports as single DuckDB queries: one pass over the tables, no query per document.

The SELECT builds every export record in SQL (participants and mentions aggregated per event
by one grouped pass each, the document's metadata joined, its text never read), so Parquet is
one ``COPY (SELECT ...) TO`` and JSONL/CSV stream its rows in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from accord.errors import StoreError
from accord.store.queries import EventFilter, filter_sql

if TYPE_CHECKING:
    from accord.store.db import Store

_ACTOR_T = "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR, entity VARCHAR, role VARCHAR)"
_SPAN_T = 'STRUCT("start" BIGINT, "end" BIGINT, text VARCHAR)'

# the export record's columns (the JSONL contract keys, then ``month``) and their types
RECORD_TYPES: dict[str, str] = {
    "id": "VARCHAR", "doc_id": "VARCHAR", "doc_origin": "VARCHAR", "type": "VARCHAR",
    "mode": "VARCHAR", "status": "VARCHAR",
    "date": "STRUCT(value VARCHAR, precision VARCHAR)",
    "location": "STRUCT(text VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE)",
    "actor": f"{_ACTOR_T}[]", "recipient": f"{_ACTOR_T}[]", "contexts": "VARCHAR[]",
    "intensity": "DOUBLE", "cameo": "VARCHAR", "mentions": f"{_SPAN_T}[]", "trigger": _SPAN_T,
    "date_reason": "VARCHAR", "doc_title": "VARCHAR", "doc_date": "DATE", "doc_url": "VARCHAR",
    "doc_source": "VARCHAR", "sentence": _SPAN_T, "signing": "VARCHAR", "month": "VARCHAR",
}

# Lists in position order: list(... ORDER BY idx) sorts inside every group, which costs twice
# the CPU of collecting (idx, fields) structs unordered and sorting each short list after
_SIDE = ("list_transform(list_sort(list(struct_pack(i := p.idx, text := p.text, "
         "country := p.country, sector := p.sector, entity := p.entity, role := p.role)) "
         "FILTER (WHERE p.side = '{side}')), lambda x: struct_pack(text := x.text, "
         "country := x.country, sector := x.sector, entity := x.entity, role := x.role))")
_MENTIONS = ('list_transform(list_sort(list(struct_pack(i := m.idx, "start" := m."start", '
             '"end" := m."end", text := m.text))), '
             'lambda x: struct_pack("start" := x."start", "end" := x."end", text := x.text))')

# one expression per record column, over events e, documents d, sides p, mentions m
_EXPRESSIONS: dict[str, str] = {
    "id": "e.id", "doc_id": "e.doc_id", "doc_origin": "d.doc_origin", "type": "e.type",
    "mode": "e.mode", "status": "e.status",
    "date": ("CASE WHEN e.date_value IS NOT NULL "
             "THEN struct_pack(value := e.date_value, precision := e.date_precision) END"),
    # coordinates only as a pair, as the JSONL record has them
    "location": ("CASE WHEN e.location_text IS NOT NULL THEN struct_pack("
                 "text := e.location_text, country := e.location_country, "
                 "lat := CASE WHEN e.lon IS NOT NULL THEN e.lat END, "
                 "lon := CASE WHEN e.lat IS NOT NULL THEN e.lon END) END"),
    "actor": "coalesce(p.actor, [])", "recipient": "coalesce(p.recipient, [])",
    "contexts": "coalesce(e.contexts, [])", "intensity": "e.intensity", "cameo": "e.cameo",
    "mentions": "coalesce(m.mentions, [])",
    "trigger": 'struct_pack("start" := e.trigger_start, "end" := e.trigger_end, text := e.trigger_text)',
    "date_reason": "e.date_reason", "doc_title": "d.title", "doc_date": "d.published",
    "doc_url": "d.url", "doc_source": "d.source",
    "sentence": ('CASE WHEN e.sentence_start IS NOT NULL THEN struct_pack("start" := e.sentence_start, '
                 '"end" := e.sentence_end, text := e.sentence_text) END'),
    "signing": "e.signing",
    # day_first is the event's effective first day (its own date, else the document's)
    "month": "strftime(e.day_first, '%Y-%m')",
}


def record_select(flt: EventFilter = EventFilter(), *, month: bool = True,
                  coordinates: bool = False) -> tuple[str, list[Any]]:
    """The SELECT of export records matching ``flt``, in the store's event order.

    ``coordinates=True`` adds the stored ``lat`` and ``lon`` as they are (CSV writes each one
    it has, where the record keeps them only as a pair).
    """
    where, params = filter_sql(flt)
    cols = [c for c in RECORD_TYPES if month or c != "month"]
    exprs = ", ".join(f'CAST({_EXPRESSIONS[c]} AS {RECORD_TYPES[c]}) AS "{c}"' for c in cols)
    if coordinates:
        exprs += ", e.lat AS lat, e.lon AS lon"
    # Participants and mentions are grouped whole, in one pass each, then joined to the chosen
    # events: narrowing them first by a semi-join with those events made the grouping far slower.
    sql = (
        "WITH p AS (SELECT p.event_id, "
        f"{_SIDE.format(side='actor')} AS actor, {_SIDE.format(side='recipient')} AS recipient "
        "FROM event_participants p GROUP BY p.event_id), "
        f"m AS (SELECT m.event_id, {_MENTIONS} AS mentions FROM event_mentions m GROUP BY m.event_id) "
        f"SELECT {exprs} FROM events e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN p ON p.event_id = e.id LEFT JOIN m ON m.event_id = e.id "
        f"WHERE {where} ORDER BY e.day_first NULLS LAST, e.doc_id, e.ord"
    )
    return sql, params


def count_records(store: Store, flt: EventFilter = EventFilter()) -> int:
    """How many events match ``flt`` (with a document: those an export writes)."""
    where, params = filter_sql(flt)
    row = store.connection.execute(
        f"SELECT count(*) FROM events e SEMI JOIN documents d ON d.id = e.doc_id WHERE {where}",
        params).fetchone()
    return int(row[0]) if row else 0


def record_batches(store: Store, flt: EventFilter = EventFilter(), *, size: int = 5000,
                   coordinates: bool = False) -> Iterator[tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """(column names, rows) in batches of ``size``: structs come as dicts, lists as lists."""
    sql, params = record_select(flt, month=False, coordinates=coordinates)
    cur = store.connection.cursor()  # its own cursor: the caller may query the store meanwhile
    try:
        cur.execute(sql, params)
        names = tuple(d[0] for d in cur.description)
        while rows := cur.fetchmany(size):
            yield names, rows
    finally:
        cur.close()


def copy_records(store: Store, flt: EventFilter, target: Path, *, partition: bool,
                 overwrite: bool) -> int:
    """``COPY`` the records to Parquet at ``target`` (partitioned by month when asked)."""
    sql, params = record_select(flt)
    options = "FORMAT parquet"
    if partition:
        options += ", PARTITION_BY (month)"
        if overwrite:
            options += ", OVERWRITE"
    quoted = str(target).replace("'", "''")
    try:
        row = store.connection.execute(f"COPY ({sql}) TO '{quoted}' ({options})", params).fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"cannot write Parquet to {target}: {exc}") from exc
    return int(row[0]) if row else 0


__all__ = ["RECORD_TYPES", "copy_records", "count_records", "record_batches", "record_select"]
