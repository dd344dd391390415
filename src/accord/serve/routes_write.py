"""The write API: ``POST /documents`` codes articles and stores them. Off unless the server has
a token; every request must then carry it (``Authorization: Bearer TOKEN``).

A request holds one article (a JSON object) or a batch (an array), each in the record shape
that `accord run` reads from JSONL (``text``, and optionally ``title``, ``date``, ``author``,
``source``, ``url``, ``id``). As in `accord run`, one article that cannot be read or coded is
reported and the others are stored.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from accord.serve import records
from accord.serve.config import ServeConfig
from accord.serve.errors import ERROR_RESPONSES, ApiError, ErrorBody

router = APIRouter()

_ARTICLE = {
    "type": "object", "required": ["text"],
    "properties": {k: {"type": "string"} for k in ("text", "title", "date", "author", "source", "url", "id")},
}
_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [_ARTICLE, {"type": "array", "items": _ARTICLE, "minItems": 1}]}}}},
    "security": [{"bearer": []}]}  # the scheme is declared in the schema's components (app._openapi)

_coding = threading.Lock()  # one batch codes at a time: spaCy is built once, and the CPUs are few


def _check_token(request: Request, cfg: ServeConfig) -> None:
    if cfg.token is None:
        raise ApiError(403, "write_disabled", "the write API is off on this server",
                       "start it with --token TOKEN (or ACCORD_TOKEN) to accept documents")
    sent = request.headers.get("authorization", "")
    scheme, _, value = sent.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise ApiError(401, "unauthorized", "this endpoint needs the server's token",
                       "send 'Authorization: Bearer TOKEN'")
    if not hmac.compare_digest(value.strip().encode(), cfg.token.encode()):
        raise ApiError(403, "forbidden", "the token sent is not the server's token", "")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"the request body is {int(declared):,} bytes; at most {limit:,} are taken",
                       "send the articles in several requests")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"the request body is over {limit:,} bytes",
                           "send the articles in several requests")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes, cfg: ServeConfig) -> list[Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid_json", f"the body is not JSON: {exc}",
                       "send one article as a JSON object, or a batch as an array of them") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ApiError(400, "empty_batch", "the batch holds no article", "send at least one")
    if len(items) > cfg.max_documents:
        raise ApiError(413, "too_many_documents", f"{len(items)} articles in one request; at most "
                       f"{cfg.max_documents} are taken", "send them in several requests")
    return items


def _code(items: list[Any], cfg: ServeConfig, state: Any) -> dict[str, Any]:
    from accord.ingest import ColumnMap
    from accord.ingest.language import detect_language, not_coded_message, supported
    from accord.ingest.records import record_to_document
    from accord.model import Document, Problem
    from accord.pipeline import EXTRACTOR_VERSION, Coder, Failure, coding_key, fingerprints
    from accord.store import CodingRecord, Store

    results: list[dict[str, Any]] = [{"index": i, "id": None, "status": "skipped", "problems": [], "events": []}
                                     for i in range(len(items))]
    documents: list[tuple[int, Document]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            results[i]["problems"].append(f"an article is a JSON object with a 'text', not a {type(item).__name__}")
            continue
        for got in record_to_document(item, origin="api", name="request", line=i + 1, columns=ColumnMap(),
                                      max_chars=cfg.max_chars):
            if isinstance(got, Problem):
                results[i]["problems"].append(got.message)
            else:
                got.origin = ""  # no server-side path: the request is the origin
                got.language = detect_language(got.nlp_text())
                if not supported(got.language):
                    results[i]["problems"].append(not_coded_message(got.language))
                documents.append((i, got))
    with _coding:
        if getattr(state, "coder", None) is None:
            state.coder = Coder()
            # the same fingerprints `accord run` records, so a later run skips these documents
            # or recodes them only when a lexicon change touches their words
            state.fingerprints = fingerprints()
        coded_each = state.coder.code_each([d for _, d in documents])
    coded = []
    for (i, doc), result in zip(documents, coded_each, strict=True):
        results[i]["id"] = doc.id
        if isinstance(result, Failure):
            results[i]["status"] = "failed"
            results[i]["problems"].append(result.problem.message)
            continue
        results[i]["status"] = "coded"
        results[i]["problems"].extend(p.message for p in result.notes)
        coded.append((i, result))
    if coded:
        with state.stores.writing(), Store.open(cfg.db, wait=cfg.wait) as store:
            code_fp = state.fingerprints.code.fingerprint
            lexicon_fp = state.fingerprints.lexicon.fingerprint
            written = store.write_many([c.coded for _, c in coded], extractor_version=EXTRACTOR_VERSION,
                                       coding_keys=[coding_key(c.coded.document, code_fp) for _, c in coded],
                                       coding=[CodingRecord(code_fp, lexicon_fp, c.words) for _, c in coded])
            ids = {w.doc_id: w.event_ids for w in written}
        for i, c in coded:
            doc = c.coded
            for ev, event_id in zip(doc.events, ids.get(doc.document.id, ()), strict=False):
                ev.id = ev.id or event_id
            results[i]["events"] = [records.event(ev, doc.document) for ev in doc.events]
    return {"documents": results, "coded": len(coded), "events": sum(len(r["events"]) for r in results)}


@router.post("/documents", tags=["write"], summary="Code one article or a batch and store them (needs the token)",
             openapi_extra=_BODY,
             responses={**ERROR_RESPONSES, **{s: {"model": ErrorBody, "description": d} for s, d in (
                 (401, "no token sent"), (403, "wrong token, or the write API is off"),
                 (413, "too many or too long articles"))}})
async def post_documents(request: Request) -> dict[str, Any]:
    cfg: ServeConfig = request.app.state.config
    _check_token(request, cfg)
    items = _parse(await _read_body(request, cfg.max_body_bytes), cfg)
    return await run_in_threadpool(_code, items, cfg, request.app.state)
