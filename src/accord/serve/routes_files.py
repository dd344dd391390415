"""Exports streamed as files, and the relationship brief rendered by ``accord.report``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from accord.serve import params
from accord.serve.deps import StoreHolder, holder
from accord.serve.errors import ERROR_RESPONSES, ApiError
from accord.serve.routes_read import (
    Country,
    Directed,
    Dyad,
    Period,
    Since,
    Statuses,
    StoreDep,
    Types,
    Until,
    dyad_report,
)
from accord.serve.streaming import file_chunks, piped
from accord.store import Store

router = APIRouter(responses=ERROR_RESPONSES)

FORMATS = {
    "jsonl": ("application/x-ndjson", "events.jsonl"),
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "parquet": ("application/vnd.apache.parquet", "events.parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "events.tsv"),
    "graphml": ("application/graphml+xml", "network.graphml"),
}


@router.get("/export/{fmt}", tags=["exports"], summary="Events exported as JSONL, CSV, Parquet, GDELT TSV or GraphML",
            response_class=Response,
            responses={200: {"content": {t: {} for t, _ in FORMATS.values()},
                             "description": "the file, as an attachment"}})
def export(fmt: str, stores: Annotated[StoreHolder, Depends(holder)], dyad: Dyad = None, type_: Types = None,
           status: Statuses = None, since: Since = None, until: Until = None, country: Country = None) -> Response:
    if fmt not in FORMATS:
        raise ApiError(404, "not_found", f"no export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    flt = params.event_filter(dyad_=dyad, type_=type_, status=status, since=since, until=until, country_=country)
    media, name = FORMATS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt in ("jsonl", "csv"):
        # the exporters write to a file; piped streams what they write as they write it
        from accord.export.events import write_csv, write_jsonl

        writer = write_jsonl if fmt == "jsonl" else write_csv
        store = stores.acquire()  # given back once the writer is done
        return StreamingResponse(piped(lambda out: writer(store, out, flt), lambda: stores.release(store)),
                                 media_type=media, headers=headers)
    if fmt == "parquet":
        # DuckDB writes Parquet to a file (a name of ours: nothing from the request), sent in
        # chunks and removed after the last
        from accord.export.events import write_parquet

        tmp = Path(tempfile.mkdtemp(prefix="accord-serve-"))
        try:
            with stores.use() as store:
                write_parquet(store, tmp / "events.parquet", flt)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return StreamingResponse(file_chunks(tmp / "events.parquet", lambda: shutil.rmtree(tmp, ignore_errors=True)),
                                 media_type=media, headers=headers)
    if type_ or status or since or until or country:
        raise ApiError(400, "unsupported_filter", f"the {fmt} export takes only the dyad filter",
                       "it exports merged events; filter the JSONL, CSV or Parquet exports instead")
    if fmt == "gdelt":
        # merged events built and written in batches (the rows alone are held, to sort them)
        from accord.export.merged import stream_gdelt

        store = stores.acquire()  # given back once the writer is done
        return StreamingResponse(piped(lambda out: stream_gdelt(store, out, flt.dyad), lambda: stores.release(store)),
                                 media_type=media, headers=headers)
    from accord.export.merged import graphml, stream_graph

    with stores.use() as store:
        graph, _ = stream_graph(store, flt.dyad)  # merged events read in batches: only the graph is held
    return Response(graphml(graph), media_type=media, headers=headers)


Full = Annotated[bool, Query(alias="all", description="Keep every row of the long lists (events, commitments, "
                                                      "agreements, aid, meetings, documents); else the latest 100.")]


@router.get("/dyads/{a}/{b}/brief.html", tags=["dyads"], summary="The relationship brief as one offline HTML page",
            response_class=HTMLResponse)
def brief_html(a: str, b: str, request: Request, store: StoreDep, period: Period = "month",
               directed: Directed = False, full: Full = False) -> HTMLResponse:
    return HTMLResponse(_brief(request, store, a, b, period, directed, "html", full))


def _brief(request: Request, store: Store, a: str, b: str, period: str, directed: bool, fmt: str,
           full: bool) -> bytes:
    """The brief as ``accord report`` writes it (``--all`` for ``full``), kept in the answer cache."""
    from accord.report import render_html, render_markdown
    from accord.report.common import LIST_ROWS, listed_events
    from accord.views import events_of

    pair = params.pair(a, b)

    def compute() -> bytes:
        # the brief shows no document's topics: not searching every cited text is its costliest step saved
        report, loaded = dyad_report(store, *pair, period, directed, topics_of_documents=False)
        render = render_html if fmt == "html" else render_markdown
        limit = None if full else LIST_ROWS
        quoted = events_of(store, loaded, [r.id for r in listed_events(report, limit).shown])
        return render(report, quoted, loaded.documents, limit=limit).encode()

    cfg = request.app.state.config
    return request.app.state.answers.get(cfg.db, ("brief", fmt, pair, period, directed, full), compute)


@router.get("/dyads/{a}/{b}/brief.md", tags=["dyads"], summary="The relationship brief as Markdown",
            response_class=Response, responses={200: {"content": {"text/markdown": {}}, "description": "Markdown"}})
def brief_md(a: str, b: str, request: Request, store: StoreDep, period: Period = "month",
             directed: Directed = False, full: Full = False) -> Response:
    return Response(_brief(request, store, a, b, period, directed, "md", full),
                    media_type="text/markdown; charset=utf-8")
