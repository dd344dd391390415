"""Exports streamed as files, and the relationship brief rendered by ``accord.report``."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
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
from accord.store import Store

router = APIRouter(responses=ERROR_RESPONSES)

FORMATS = {
    "jsonl": ("application/x-ndjson", "events.jsonl"),
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "parquet": ("application/vnd.apache.parquet", "events.parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "events.tsv"),
    "graphml": ("application/graphml+xml", "network.graphml"),
}
_BATCH = 500  # rows per chunk of a streamed export


def _lines(stores: StoreHolder, store: Store, flt, fmt: str) -> Iterator[str]:
    """The export's text, a chunk at a time; gives ``store`` back when done or abandoned."""
    from accord.export import CSV_COLUMNS, csv_row, event_record, iter_events

    try:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        for n, (event, document) in enumerate(iter_events(store, flt), 1):
            if writer:
                writer.writerow(csv_row(event, document))
            else:
                buf.write(json.dumps(event_record(event, document), ensure_ascii=False) + "\n")
            if n % _BATCH == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    finally:
        stores.release(store)


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
        store = stores.acquire()  # given back by _lines
        return StreamingResponse(_lines(stores, store, flt, fmt), media_type=media, headers=headers)
    with stores.use() as store:
        if fmt == "parquet":
            from accord.export import write_parquet

            with tempfile.TemporaryDirectory(prefix="accord-serve-") as tmp:
                target = Path(tmp) / "events.parquet"  # a name of ours: nothing from the request
                write_parquet(store, target, flt)
                data = target.read_bytes()
            return Response(data, media_type=media, headers=headers)
        from accord.serve.loading import load

        if type_ or status or since or until or country:
            raise ApiError(400, "unsupported_filter", f"the {fmt} export takes only the dyad filter",
                           "it exports merged events; filter the JSONL, CSV or Parquet exports instead")
        loaded = load(store, flt.dyad)
        if fmt == "gdelt":
            from accord.export_more import write_gdelt

            buf = io.StringIO(newline="")
            write_gdelt(loaded.merged, loaded.documents, buf)
            return Response(buf.getvalue(), media_type=media, headers=headers)
        from accord.export_more import actor_graph, graphml

        return Response(graphml(actor_graph(loaded.merged, flt.dyad)), media_type=media, headers=headers)


@router.get("/dyads/{a}/{b}/brief.html", tags=["dyads"], summary="The relationship brief as one offline HTML page",
            response_class=HTMLResponse)
def brief_html(a: str, b: str, request: Request, store: StoreDep, period: Period = "month",
               directed: Directed = False) -> HTMLResponse:
    return HTMLResponse(_brief(request, store, a, b, period, directed, "html"))


def _brief(request: Request, store: Store, a: str, b: str, period: str, directed: bool, fmt: str) -> bytes:
    from accord.report import render_html, render_markdown

    pair = params.pair(a, b)

    def compute() -> bytes:
        report, loaded = dyad_report(store, *pair, period, directed)
        render = render_html if fmt == "html" else render_markdown
        return render(report, loaded.merged, loaded.documents).encode()

    cfg = request.app.state.config
    return request.app.state.answers.get(cfg.db, ("brief", fmt, pair, period, directed), compute)


@router.get("/dyads/{a}/{b}/brief.md", tags=["dyads"], summary="The relationship brief as Markdown",
            response_class=Response, responses={200: {"content": {"text/markdown": {}}, "description": "Markdown"}})
def brief_md(a: str, b: str, request: Request, store: StoreDep, period: Period = "month",
             directed: Directed = False) -> Response:
    return Response(_brief(request, store, a, b, period, directed, "md"), media_type="text/markdown; charset=utf-8")
