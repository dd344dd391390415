"""The read API: events, merged events, dyads, actors, documents, countries, health."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from accord.errors import StoreError
from accord.serve import params, records
from accord.serve.config import ServeConfig
from accord.serve.deps import config, read_store
from accord.serve.errors import ERROR_RESPONSES, ApiError
from accord.serve.geo import map_shapes
from accord.store import EventFilter, Store, browse
from accord.version import __version__
from accord.vocabulary import countries as country_names

if TYPE_CHECKING:
    from accord.analytics.dyad import DyadReport
    from accord.views import DyadView

router = APIRouter(responses=ERROR_RESPONSES)

StoreDep = Annotated[Store, Depends(read_store)]
ConfigDep = Annotated[ServeConfig, Depends(config)]

# the event filters, shared by the list and the exports
Dyad = Annotated[str | None, Query(description="Undirected country pair, e.g. AZE-UKR.", max_length=64)]
Source = Annotated[str | None, Query(description="Directed dyad: a participant of this country acts...", max_length=64)]
Target = Annotated[str | None, Query(description="...on a participant of this country.", max_length=64)]
Types = Annotated[list[str] | None, Query(alias="type", description="PLOVER type (repeatable).")]
Modes = Annotated[list[str] | None, Query(alias="mode", description="PLOVER mode (repeatable).")]
Statuses = Annotated[list[str] | None, Query(alias="status", description="occurred, ongoing, planned, proposed, "
                                             "hypothetical, negated (repeatable).")]
Country = Annotated[str | None, Query(description="A participant of this country (ISO alpha-3).", max_length=64)]
Actor = Annotated[str | None, Query(description="A participant named so, or a registry actor id (act_...).",
                                    max_length=200)]
Since = Annotated[str | None, Query(description="From this date: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD.", max_length=32)]
Until = Annotated[str | None, Query(description="Up to this date (its last day).", max_length=32)]
Text = Annotated[str | None, Query(alias="q", description="Evidence containing these words (case-insensitive).",
                                   max_length=200)]
NameText = Annotated[str | None, Query(alias="q", description="Part of the actor's name or of an alias.",
                                       max_length=200)]
DocText = Annotated[str | None, Query(alias="q", description="Words in the document's title or text.", max_length=200)]
Doc = Annotated[str | None, Query(description="A document id or id prefix.", max_length=64)]
Limit = Annotated[int | None, Query(description="Page size (default 50, at most 500).")]
Cursor = Annotated[str | None, Query(description="The 'next' value of the previous page.", max_length=400)]


def _json(body: dict[str, Any]) -> Response:
    """``body`` as JSON, serialised at once: FastAPI's own encoder walks every value of a page of
    events (~10 ms for fifty) where ``json.dumps`` takes well under one."""
    return Response(json.dumps(body, ensure_ascii=False, default=str).encode(), media_type="application/json")


def _filter(dyad: str | None, type_: list[str] | None, status: list[str] | None, since: str | None,
            until: str | None, country: str | None, doc: str | None = None) -> EventFilter:
    return params.event_filter(dyad_=dyad, type_=type_, status=status, since=since, until=until,
                               country_=country, doc=doc)


@router.get("/health", tags=["meta"], summary="The store's counts and the extractor version")
def health(store: StoreDep, cfg: ConfigDep) -> dict[str, Any]:
    return {"status": "ok", "accord": __version__, "extractor_versions": browse.extractor_versions(store),
            "counts": store.counts(), "write_api": cfg.token is not None}


@router.get("/countries", tags=["meta"], summary="Country codes and names, with their events in the store",
            response_class=Response, responses={200: {"content": {"application/json": {}},
                                                      "description": "{countries: [{code, name, events}], "
                                                                     "shapes: {map shape: code}}"}})
def countries(request: Request, store: StoreDep, cfg: ConfigDep) -> Response:
    def compute() -> bytes:
        names = country_names()
        seen = dict(browse.countries_seen(store))
        rows: list[dict[str, Any]] = [{"code": c, "name": n, "events": seen.get(c, 0)} for c, n in names.items()]
        rows.sort(key=lambda r: (-r["events"], r["name"]))
        return json.dumps({"countries": rows, "shapes": map_shapes()}, ensure_ascii=False).encode()

    return Response(request.app.state.answers.get(cfg.db, ("countries",), compute), media_type="application/json")


@router.get("/events", tags=["events"], summary="Events, filtered, sorted and paged", response_class=Response,
            responses={200: {"content": {"application/json": {}}, "description": "{events: [...], total, limit, sort, next}"}})
def events(store: StoreDep, cfg: ConfigDep, dyad: Dyad = None, source: Source = None, target: Target = None,
           type_: Types = None, mode: Modes = None, status: Statuses = None, country: Country = None,
           actor: Actor = None, since: Since = None, until: Until = None, q: Text = None, doc: Doc = None,
           sort: Annotated[str, Query(description="date, -date, score or -score.", max_length=16)] = "date",
           limit: Limit = None, cursor: Cursor = None) -> Response:
    flt = _filter(dyad, type_, status, since, until, country, doc)
    size = params.page_size(limit, cfg.page_default, cfg.page_max)
    query = params.event_query(flt, source=source, target=target, mode=mode, actor=actor, q=q, sort=sort,
                               cursor=cursor, limit=size)
    page = browse.event_page(store, query)
    return _json({
        "events": [records.event(e, records.light_document(page.documents.get(e.doc_id), e.doc_id))
                   for e in page.events],
        "total": page.total, "limit": size, "sort": sort,
        "next": params.encode_cursor(sort, *page.next_key) if page.next_key else None,
    })


@router.get("/places", tags=["events"], summary="Where the events took place: counts by country and by point",
            response_class=Response, responses={200: {"content": {"application/json": {}},
                                                      "description": "{countries: [{code, name, events}], "
                                                                     "points: [{lat, lon, place, events}], placed, total}"}})
def places(store: StoreDep, dyad: Dyad = None, source: Source = None, target: Target = None, type_: Types = None,
           mode: Modes = None, status: Statuses = None, country: Country = None, actor: Actor = None,
           since: Since = None, until: Until = None, q: Text = None) -> Response:
    flt = _filter(dyad, type_, status, since, until, country)
    query = params.event_query(flt, source=source, target=target, mode=mode, actor=actor, q=q, sort="date",
                               cursor=None, limit=1)
    found = browse.event_places(store, query)
    names = country_names()
    return _json({
        "countries": [{"code": c, "name": names.get(c, c), "events": n} for c, n in found.countries],
        "points": [{"lat": la, "lon": lo, "place": text, "events": n} for la, lo, text, n in found.points],
        "placed": found.placed, "total": found.total,
    })


@router.get("/events/{event_id}", tags=["events"], summary="One event with its evidence in context",
            response_class=Response, responses={200: {"content": {"application/json": {}},
                                                      "description": "{event, document, evidence, merged}"}})
def event(event_id: str, store: StoreDep) -> Response:
    ev = browse.event_by_id(store, event_id)
    if ev is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}", "list events at /events")
    doc = store.document(ev.doc_id)
    if doc is None:  # cannot happen in a consistent store
        raise ApiError(404, "not_found", f"the document of event {event_id!r} is missing")
    merged = None
    merged_id = browse.merged_id_of(store, ev.id)
    if merged_id is not None:
        merged = _merged(store, merged_id)
    info = browse.document_infos(store, [doc.id]).get(doc.id)
    return _json({"event": records.event(ev, doc), "document": records.doc_info(info) if info else None,
                  "evidence": records.evidence(ev, doc), "merged": merged})


def _merged(store: Store, merged_id: str) -> dict[str, Any] | None:
    from accord.dedup import merged_events_by_id, merged_members, merged_record

    found = merged_events_by_id(store, [merged_id])
    if not found:
        return None
    return merged_record(found[0], merged_members(store, merged_id))


@router.get("/merged", tags=["merged"], summary="Merged events (one real-world event across articles)")
def merged_list(store: StoreDep, cfg: ConfigDep, dyad: Dyad = None, limit: Limit = None,
                cursor: Cursor = None) -> dict[str, Any]:
    from accord.dedup import merged_events_by_id, merged_record

    pair = params.dyad(dyad) if dyad else None
    size = params.page_size(limit, cfg.page_default, cfg.page_max)
    after = params.decode_cursor(cursor, "merged")[1] if cursor else None
    ids, total, last = browse.merged_ids_page(store, pair, after, size)
    return {"merged": [merged_record(m) for m in merged_events_by_id(store, ids)], "total": total, "limit": size,
            "next": params.encode_cursor("merged", None, last) if last else None}


@router.get("/merged/{merged_id}", tags=["merged"], summary="One merged event with its members and why they joined")
def merged_one(merged_id: str, store: StoreDep) -> dict[str, Any]:
    from accord.dedup import resolve_merged_id

    try:
        gid = resolve_merged_id(store, merged_id)
    except StoreError as exc:
        raise ApiError(400, "ambiguous_id", str(exc), "give more of the id") from None
    found = _merged(store, gid) if gid else None
    if found is None:
        raise ApiError(404, "not_found", f"no merged event {merged_id!r}", "list them at /merged")
    return found


@router.get("/dyads", tags=["dyads"], summary="Country pairs with their reports, dates, score and types",
            response_class=Response, responses={200: {"content": {"application/json": {}},
                                                      "description": "{dyads: [...], total}"}})
def dyads(request: Request, store: StoreDep, cfg: ConfigDep, country: Country = None,
          limit: Annotated[int | None, Query(description="At most this many pairs (default 500).")] = None
          ) -> Response:
    size = params.page_size(limit, 500, 5000)
    code = params.country(country) if country else None

    def compute() -> bytes:
        names = country_names()
        rows = []
        for s in store.dyads(EventFilter(country=code)):
            rows.append({"pair": list(s.pair), "names": [names.get(c, c) for c in s.pair], "reports": s.events,
                         "documents": s.documents, "first": s.first_as_written, "last": s.last_as_written,
                         "mean_score": s.mean_intensity, "by_type": s.by_type})
        return json.dumps({"dyads": rows[:size], "total": len(rows)}, ensure_ascii=False, default=str).encode()

    data = request.app.state.answers.get(cfg.db, ("dyads", code, size), compute)
    return Response(data, media_type="application/json")


Period = Annotated[str, Query(description="month, quarter or year.", max_length=16)]
Directed = Annotated[bool, Query(description="Keep A→B, B→A and mutual events apart.")]


def _period(value: str) -> str:
    if value not in ("month", "quarter", "year"):
        raise ApiError(400, "invalid_period", f"period: {value!r} is not a period", "use month, quarter or year")
    return value


def dyad_report(store: Store, a: str, b: str, period: str, directed: bool, *,
                topics_of_documents: bool = False) -> tuple[DyadReport, DyadView]:
    """The dyad's analytics as ``accord dyad``/``accord report`` compute them, over the same
    view (``accord.views``); ``topics_of_documents``: also each cited document's topics, which
    only the JSON shows and which cost a search of every cited text."""
    from accord.serve.loading import load
    from accord.views import dyad_report as report_of

    pair, per = params.pair(a, b), _period(period)
    loaded = load(store, pair, texts=topics_of_documents)
    report = report_of(loaded, *pair, directed=directed, period=per,  # type: ignore[arg-type]  # _period checked it
                       topics_of_documents=topics_of_documents)
    return report, loaded


DocumentTopics = Annotated[bool, Query(description=(
    "Also each cited document's topics (`document_topics`, as `accord dyad --json` gives them): "
    "a search of every cited text, seconds on a pair with thousands of documents."))]


@router.get("/dyads/{a}/{b}", tags=["dyads"], summary="One dyad's analytics by period",
            response_class=Response, responses={200: {"content": {"application/json": {}},
                                                      "description": "the analytics of `accord dyad`"}})
def dyad(a: str, b: str, request: Request, store: StoreDep, cfg: ConfigDep, period: Period = "month",
         directed: Directed = False, document_topics: DocumentTopics = False) -> Response:
    pair, per = params.pair(a, b), _period(period)

    def compute() -> bytes:
        report, loaded = dyad_report(store, *pair, per, directed, topics_of_documents=document_topics)
        names = country_names()
        body = {**report.to_dict(), "names": {report.a: names.get(report.a), report.b: names.get(report.b)},
                "unmerged": loaded.unmerged}
        # a tree of new dicts and lists (to_dict): no cycle to look for in its 12,000 rows
        return json.dumps(body, ensure_ascii=False, default=str, check_circular=False).encode()

    from accord.views.dyad import paused_gc

    # the view, the report and the body of a big pair are tens of thousands of small records with
    # no cycles: built with collection paused, and freed when compute returns, before it resumes
    # (a pass while they lived would walk every one)
    with paused_gc():
        data = request.app.state.answers.get(cfg.db, ("dyad", pair, per, directed, document_topics), compute)
    return Response(data, media_type="application/json")


@router.get("/actors", tags=["actors"], summary="The actor registry")
def actors(store: StoreDep, cfg: ConfigDep, country: Country = None,
           sector: Annotated[str | None, Query(description="PLOVER sector, e.g. GOV.", max_length=16)] = None,
           q: NameText = None, limit: Limit = None, cursor: Cursor = None) -> dict[str, Any]:
    from accord.actors.registry import list_actors

    size = params.page_size(limit, cfg.page_default, cfg.page_max)
    code = params.country(country) if country else None
    found = list_actors(store, code, sector.strip().upper() if sector else None)
    if q:
        key = q.strip().lower()
        found = [a for a in found if key in a.name.lower() or any(key in x.lower() for x in a.aliases)]
    start = 0
    if cursor:
        last = params.decode_cursor(cursor, "actors")[1]
        start = next((i + 1 for i, a in enumerate(found) if a.id == last), len(found))
    page = found[start:start + size]
    more = start + size < len(found)
    return {"actors": [a.to_dict() for a in page], "total": len(found), "limit": size,
            "next": params.encode_cursor("actors", None, page[-1].id) if more and page else None}


@router.get("/actors/{ref}", tags=["actors"], summary="One actor's profile: offices, counterparts, events")
def actor(ref: str, store: StoreDep) -> dict[str, Any]:
    from accord.actors.registry import find_actor, list_actors, profile

    found = next((a for a in list_actors(store) if a.id == ref), None) if ref.startswith("act_") else None
    found = found or find_actor(store, ref)
    if found is None:
        raise ApiError(404, "not_found", f"no actor named {ref!r}", "list actors at /actors")
    return profile(store, found).to_dict()


@router.get("/documents", tags=["documents"], summary="Stored documents (no text), paged")
def documents(store: StoreDep, cfg: ConfigDep, q: DocText = None, limit: Limit = None,
              cursor: Cursor = None) -> dict[str, Any]:
    size = params.page_size(limit, cfg.page_default, cfg.page_max)
    after = params.decode_cursor(cursor, "documents")[1] if cursor else None
    infos, total, last = browse.document_page(store, after, size, q.strip() if q else None)
    return {"documents": [records.doc_info(i) for i in infos], "total": total, "limit": size,
            "next": params.encode_cursor("documents", None, last) if last else None}


@router.get("/documents/{ref}", tags=["documents"], summary="A document's text with the spans of every event")
def document(ref: str, store: StoreDep) -> dict[str, Any]:
    try:
        doc = store.document(ref)
    except StoreError as exc:
        raise ApiError(400, "ambiguous_id", str(exc), "give more of the id") from None
    if doc is None:
        raise ApiError(404, "not_found", f"no document {ref!r}", "list documents at /documents")
    evs = store.events(EventFilter(doc_id=doc.id))
    return {"document": records.full_document(doc), "events": [records.event(e, doc) for e in evs]}
