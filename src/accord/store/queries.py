"""SQL fragments and row <-> record conversion for the store. Private to ``accord.store``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accord.errors import StoreError
from accord.model import Actor, CodedDocument, Dateline, DateValue, Document, Event, Place, Span, date_range, event_ids


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return. Every field narrows the selection; the default selects all.

    * ``dyad``: events whose participant (actor or recipient) countries include both codes,
      in either direction.
    * ``types`` / ``statuses``: any of the given values.
    * ``since`` / ``until``: the event's date range overlaps ``[since, until]``; an event with no
      date of its own is placed on its document's publication date. ``2020-06`` (month
      precision) therefore matches ``since=2020-06-15``. Events with no date at all (neither
      their own nor the document's) are left out whenever ``since`` or ``until`` is given.
    * ``doc_id``: a document id or a prefix of one.
    * ``country``: events with a participant of that country.

    Country codes and types are compared in upper case, statuses in lower case.
    """

    dyad: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    doc_id: str | None = None
    country: str | None = None


def filter_sql(flt: EventFilter, alias: str = "e") -> tuple[str, list[Any]]:
    """A WHERE condition over the events table aliased ``alias`` and its parameters."""
    conds: list[str] = []
    params: list[Any] = []

    def has_country(code: str) -> None:
        conds.append(
            "EXISTS (SELECT 1 FROM event_participants p "
            f"WHERE p.event_id = {alias}.id AND p.country = ?)"
        )
        params.append(code.upper())

    if flt.dyad is not None:
        a, b = flt.dyad
        has_country(a)
        has_country(b)
    if flt.country:
        has_country(flt.country)
    if flt.types:
        conds.append(f"{alias}.type IN ({', '.join('?' for _ in flt.types)})")
        params.extend(t.upper() for t in flt.types)
    if flt.statuses:
        conds.append(f"{alias}.status IN ({', '.join('?' for _ in flt.statuses)})")
        params.extend(s.lower() for s in flt.statuses)
    if flt.since is not None:
        conds.append(f"{alias}.day_last >= ?")
        params.append(flt.since)
    if flt.until is not None:
        conds.append(f"{alias}.day_first <= ?")
        params.append(flt.until)
    if flt.doc_id:
        conds.append(f"starts_with({alias}.doc_id, ?)")
        params.append(flt.doc_id)
    return (" AND ".join(conds) if conds else "TRUE"), params


# --- dates -----------------------------------------------------------------------------------

def effective_range(event: Event, document: Document) -> tuple[dt.date | None, dt.date | None]:
    """The event's own date range, else the document's publication day, else (None, None)."""
    rng = date_range(event.date.value) if event.date else None
    if rng:
        return rng
    return document.published, document.published


# --- ids -------------------------------------------------------------------------------------


def assign_event_ids(coded: CodedDocument) -> list[str]:
    """Ids for ``coded.events`` in order: ``Event.id`` (the coder's, ``accord.model.event_id``),
    else one from the same scheme (``event_ids``) for events built by hand; two events with the
    same id are an error."""
    doc_id = coded.document.id
    ids = event_ids(doc_id, coded.events)
    seen: set[str] = set()
    for id_ in ids:
        if id_ in seen:
            raise StoreError(f"document {doc_id[:12]} has two events with id {id_!r}; event ids must be unique")
        seen.add(id_)
    return ids


# --- rows ------------------------------------------------------------------------------------


def _span_cols(span: Span | None) -> tuple[int | None, int | None, str | None]:
    if span is None:
        return None, None, None
    return span.start, span.end, span.text


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None:
        return None
    return Span(start, end, text or "")


def document_row(
    doc: Document, ingested_at: dt.datetime, updated_at: dt.datetime, extractor_version: str,
    coding_key: str = "",
) -> list[Any]:
    return [
        doc.id, doc.doc_origin, doc.origin, doc.origin_line, doc.title, doc.published,
        doc.date_source, doc.author, doc.source, doc.url, doc.language, doc.text,
        [{"start": s.start, "end": s.end, "text": s.text} for s in doc.masked],
        list(doc.warnings), ingested_at, updated_at, extractor_version, _dateline_value(doc.dateline),
        coding_key,
    ]


def _dateline_value(dateline: Dateline | None) -> dict[str, Any] | None:
    if dateline is None:
        return None
    place_start, place_end, place = _span_cols(dateline.place)
    date_start, date_end, date_text = _span_cols(dateline.date)
    return {
        "start": dateline.span.start, "end": dateline.span.end, "text": dateline.span.text,
        "place_start": place_start, "place_end": place_end, "place": place,
        "agency": dateline.agency,
        "date_start": date_start, "date_end": date_end, "date_text": date_text,
    }


def _dateline_from(value: dict[str, Any] | None) -> Dateline | None:
    if value is None:
        return None
    return Dateline(
        span=Span(value["start"], value["end"], value["text"]),
        place=_span(value["place_start"], value["place_end"], value["place"]),
        agency=value["agency"],
        date=_span(value["date_start"], value["date_end"], value["date_text"]),
    )


CODING_COLUMNS = ("doc_id", "code_fingerprint", "lexicon_fingerprint", "words", "gazetteer_fingerprint")

DOCUMENT_COLUMNS = (
    "id", "doc_origin", "origin", "origin_line", "title", "published", "date_source", "author",
    "source", "url", "language", "text", "masked", "warnings", "ingested_at", "updated_at",
    "extractor_version", "dateline", "coding_key",
)

DOCUMENT_SELECT = (
    "SELECT id, doc_origin, origin, origin_line, title, published, date_source, author, "
    "source, url, language, text, masked, warnings, dateline FROM documents"
)
# the same columns, the text left empty and what only matters with it (the masked regions, the
# warnings, the dateline) left out: for readers of many documents' metadata only
DOCUMENT_META_SELECT = (
    "SELECT id, doc_origin, origin, origin_line, title, published, date_source, author, "
    "source, url, language, '' AS text, NULL AS masked, NULL AS warnings, NULL AS dateline FROM documents"
)


def document_from_row(row: tuple[Any, ...]) -> Document:
    (id_, doc_origin, origin, origin_line, title, published, date_source, author, source, url,
     language, text, masked, warnings, dateline) = row
    return Document(
        id=id_, text=text, title=title, published=published, date_source=date_source,
        author=author, source=source, url=url, language=language, origin=origin,
        origin_line=origin_line, doc_origin=doc_origin,
        masked=tuple(Span(m["start"], m["end"], m["text"]) for m in (masked or ())),
        warnings=tuple(warnings or ()),
        dateline=_dateline_from(dateline),
    )


def actor_cols(actor: Actor) -> list[Any]:
    start, end, span_text = _span_cols(actor.span)
    return [actor.text, actor.country, actor.sector, actor.entity, actor.role, start, end,
            span_text, actor.confidence, actor.reason]


def actor_from_mapping(m: dict[str, Any]) -> Actor:
    return Actor(
        text=m["text"], country=m["country"], sector=m["sector"], entity=m["entity"],
        role=m["role"], span=_span(m["start"], m["end"], m["span_text"]),
        confidence=1.0 if m["confidence"] is None else m["confidence"],
        reason=m["reason"] or "",
    )


ACTOR_COLUMNS = (
    "text", "country", "sector", "entity", "role", "start", "end", "span_text", "confidence",
    "reason",
)
ACTOR_FIELDS = ", ".join(f'"{c}"' for c in ACTOR_COLUMNS)
PARTICIPANT_COLUMNS = ("event_id", "doc_id", "side", "idx", *ACTOR_COLUMNS)
ACTOR_MENTION_COLUMNS = ("doc_id", "idx", *ACTOR_COLUMNS)
MENTION_COLUMNS = ("event_id", "doc_id", "idx", "start", "end", "text")


def event_row(event: Event, event_id: str, doc: Document, ord_: int) -> list[Any]:
    date = event.date
    d_start, d_end, d_text = _span_cols(date.span if date else None)
    day_first, day_last = effective_range(event, doc)
    loc = event.location
    l_start, l_end, l_text = _span_cols(loc.span if loc else None)
    return [
        event_id, doc.id, ord_, event.type, event.mode, event.status,
        date.value if date else None, date.precision if date else None,
        date.kind if date else None, d_start, d_end, d_text, date.source if date else None,
        event.date_reason, day_first, day_last,
        loc.text if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, l_start, l_end, l_text,
        list(event.contexts), event.intensity, event.cameo,
        event.trigger.start, event.trigger.end, event.trigger.text,
        *_span_cols(event.sentence), event.signing,
    ]


EVENT_COLUMNS = (
    "id", "doc_id", "ord", "type", "mode", "status", "date_value", "date_precision", "date_kind",
    "date_start", "date_end", "date_text", "date_source", "date_reason", "day_first", "day_last",
    "location_text", "location_country", "lat", "lon", "location_start", "location_end",
    "location_span_text", "contexts", "intensity", "cameo", "trigger_start", "trigger_end",
    "trigger_text", "sentence_start", "sentence_end", "sentence_text", "signing",
)

# copies kept on the event's row for paging (migration 0008_event_browse_columns; ``browse``)
BROWSE_COLUMNS = ("countries", "actor_countries", "recipient_countries", "search_text", "page_record")


def browse_cols(event: Event, row: list[Any], doc: Document) -> list[Any]:
    """The values of ``BROWSE_COLUMNS`` for ``event`` of ``doc`` whose events-table values are
    ``row`` (``event_row``), as migration 0008 computes them."""

    def codes(actors: list[Actor]) -> list[str]:
        return sorted({a.country for a in actors if a.country})

    return [
        codes([*event.actor, *event.recipient]), codes(event.actor), codes(event.recipient),
        "\n".join([event.trigger.text, *(m.text for m in event.mentions)]).lower(),
        json.dumps(page_record(event, row, doc)),  # the default encoder: the fastest, ASCII-safe
    ]


# an event that may be a commitment, kept apart for the ledger's context (migration 0014)
COMMITMENT_COLUMNS = ("event_id", "doc_id", "ord", "day_first", "countries", "page_record")
_COMMITMENT_PLACES = tuple(EVENT_COLUMNS.index(c) for c in ("id", "doc_id", "ord", "day_first"))
_COMMITMENT_BROWSE = tuple(BROWSE_COLUMNS.index(c) for c in ("countries", "page_record"))


def commitment_row(row: list[Any], browse: list[Any]) -> list[Any]:
    """The ``commitment_events`` row of an event whose ``event_row`` is ``row`` and whose
    ``browse_cols`` are ``browse`` (its countries and page record, shared, not copied)."""
    return [*(row[i] for i in _COMMITMENT_PLACES), *(browse[i] for i in _COMMITMENT_BROWSE)]

# the order of ``event_from_row``'s first 30 fields, and their places in ``event_row``
_RECORD_EVENT = (
    "id", "doc_id", "type", "mode", "status", "date_value", "date_precision", "date_kind", "date_start", "date_end",
    "date_text", "date_source", "date_reason", "location_text", "location_country", "lat", "lon", "location_start",
    "location_end", "location_span_text", "contexts", "intensity", "cameo", "trigger_start", "trigger_end",
    "trigger_text", "sentence_start", "sentence_end", "sentence_text", "signing",
)
_RECORD_PLACES = tuple(EVENT_COLUMNS.index(c) for c in _RECORD_EVENT)


def page_record(event: Event, row: list[Any], doc: Document) -> dict[str, Any]:
    """What a page of events shows of one event, as stored in ``events.page_record``: the
    event's row (``event_from_row``'s fields, from ``row`` = ``event_row``), its participants and
    mentions, and its document's metadata (id, doc_origin, title, published, source, url,
    language)."""

    def actor(a: Actor) -> dict[str, Any]:
        return dict(zip(ACTOR_COLUMNS, actor_cols(a), strict=True))

    return {
        "event": [row[i] for i in _RECORD_PLACES],
        "actors": [actor(a) for a in event.actor], "recipients": [actor(a) for a in event.recipient],
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in event.mentions],
        "document": [doc.id, doc.doc_origin, doc.title, doc.published.isoformat() if doc.published else None,
                     doc.source, doc.url, doc.language],
    }


def event_from_page_record(record: dict[str, Any]) -> Event:
    """The Event of a stored ``page_record`` (equal to the one the normalised tables give)."""
    return event_from_row((*record["event"], record["actors"], record["recipients"], record["mentions"]))


_PARTICIPANTS = (
    "(SELECT list(struct_pack(text := p.text, country := p.country, sector := p.sector, "
    "entity := p.entity, role := p.role, \"start\" := p.\"start\", \"end\" := p.\"end\", "
    "span_text := p.span_text, confidence := p.confidence, reason := p.reason) ORDER BY p.idx) "
    "FROM event_participants p WHERE p.event_id = e.id AND p.side = '{side}')"
)

EVENT_SELECT = (
    "SELECT e.id, e.doc_id, e.type, e.mode, e.status, e.date_value, e.date_precision, "
    "e.date_kind, e.date_start, e.date_end, e.date_text, e.date_source, e.date_reason, "
    "e.location_text, e.location_country, e.lat, e.lon, e.location_start, e.location_end, "
    "e.location_span_text, e.contexts, e.intensity, e.cameo, e.trigger_start, e.trigger_end, "
    "e.trigger_text, e.sentence_start, e.sentence_end, e.sentence_text, e.signing, "
    f"{_PARTICIPANTS.format(side='actor')} AS actors, "
    f"{_PARTICIPANTS.format(side='recipient')} AS recipients, "
    "(SELECT list(struct_pack(\"start\" := m.\"start\", \"end\" := m.\"end\", text := m.text) "
    "ORDER BY m.idx) FROM event_mentions m WHERE m.event_id = e.id) AS mentions "
    "FROM events e"
)

EVENT_ORDER = "ORDER BY e.day_first NULLS LAST, e.doc_id, e.ord"


def event_from_row(row: tuple[Any, ...]) -> Event:
    (id_, doc_id, type_, mode, status, date_value, date_precision, date_kind, date_start,
     date_end, date_text, date_source, date_reason, location_text, location_country, lat, lon,
     location_start, location_end, location_span_text, contexts, intensity, cameo,
     trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, sentence_text,
     signing, actors, recipients, mentions) = row
    date = None
    if date_value is not None:
        date = DateValue(
            value=date_value, precision=date_precision, kind=date_kind or "point",
            span=_span(date_start, date_end, date_text), source=date_source,
        )
    location = None
    if location_text is not None:
        location = Place(
            text=location_text, country=location_country, lat=lat, lon=lon,
            span=_span(location_start, location_end, location_span_text),
        )
    return Event(
        type=type_, doc_id=doc_id,
        mentions=[Span(m["start"], m["end"], m["text"]) for m in (mentions or ())],
        trigger=Span(trigger_start, trigger_end, trigger_text),
        mode=mode,
        actor=[actor_from_mapping(a) for a in (actors or ())],
        recipient=[actor_from_mapping(a) for a in (recipients or ())],
        status=status, date=date, date_reason=date_reason, location=location,
        contexts=list(contexts or ()), intensity=intensity, cameo=cameo, id=id_,
        sentence=_span(sentence_start, sentence_end, sentence_text), signing=signing,
    )


def extractor_versions(con: Any, doc_ids: list[str]) -> dict[str, str]:
    """The extractor version that coded each document ('' when not recorded), by document id.

    ``con`` is the store's DuckDB connection (``Store.connection``); the brief's coverage
    section names the versions behind its figures.
    """
    if not doc_ids:
        return {}
    rows = con.execute("SELECT id, extractor_version FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                       [list(doc_ids)]).fetchall()
    return {str(i): str(v or "") for i, v in rows}


IN_LIST_MAX = 200  # beyond this many values an IN list costs more to bind than a semi-join


def among(column: str, values: list[str], *, indexed: bool = True) -> tuple[str, list[Any]]:
    """``column IN (...)`` for ``values``: a list of parameters when short and the column has an
    index (DuckDB then uses it), else one list parameter unnested into a semi-join (on a column
    without an index a list of parameters is compared row by row: twice as slow or worse)."""
    if indexed and len(values) <= IN_LIST_MAX:
        return f"{column} IN ({', '.join('?' for _ in values)})", list(values)
    return f"{column} IN (SELECT unnest(?::VARCHAR[]))", [list(values)]


def one_row(con: Any, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...]:
    """The row of a query that always returns exactly one (an aggregate without GROUP BY)."""
    row = con.execute(sql, params).fetchone()
    # such a query cannot return no row: a None here means the caller's SQL is not one
    assert row is not None, sql
    return row


def latest_published(con: Any) -> dt.date | None:
    """The latest publication date of any stored document: how current the store's news is.

    A commitments ledger judges "overdue" at this day, not today: a store of 2020 news cannot
    know what happened in 2021.
    """
    row = con.execute("SELECT max(published) FROM documents").fetchone()
    return row[0] if row and row[0] else None
