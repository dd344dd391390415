"""One JSON error shape for every failure: ``{"error": {"code", "message", "hint"}}``.

Routes raise ``ApiError``; FastAPI's own failures (unknown path, wrong method, a parameter of
the wrong type) and accord's errors are translated here, so a client never sees another shape.
An unexpected exception answers 500 without its traceback (logged on the server's stderr).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.errors import AccordError, StoreBusyError, StoreError

log = logging.getLogger("accord.serve")


class ApiError(Exception):
    """A failure to answer with ``status`` and the error body."""

    def __init__(self, status: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.hint = status, code, message, hint


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str


class ErrorBody(BaseModel):
    error: ErrorDetail


# the error statuses every route documents in the OpenAPI schema
ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "a parameter's value is not allowed (bad cursor, unknown country or type...)"),
        (404, "no such resource"),
        (422, "a parameter has the wrong form"),
        (503, "the store cannot be opened now (busy, missing, or needs migrating)"),
    )
}


def body(code: str, message: str, hint: str = "") -> dict:
    return {"error": {"code": code, "message": message, "hint": hint}}


def respond(status: int, code: str, message: str, hint: str = "",
            headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body(code, message, hint), status_code=status, headers=headers)


_HTTP_CODES = {
    400: ("bad_request", "check the request against /docs"),
    401: ("unauthorized", "send the token as 'Authorization: Bearer TOKEN'"),
    403: ("forbidden", "send the token the server was started with"),
    404: ("not_found", "the API's paths are listed at /docs"),
    405: ("method_not_allowed", "the methods each path takes are listed at /docs"),
    413: ("too_large", "send fewer or shorter documents"),
}


def install(app: FastAPI) -> None:
    """Register the handlers that give every failure the one shape."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return respond(exc.status, exc.code, exc.message, exc.hint, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return respond(422, "invalid_parameter", "; ".join(problems) or "invalid request",
                       "see the parameter's form at /docs")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, hint = _HTTP_CODES.get(exc.status_code, ("http_error", ""))
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return respond(exc.status_code, code, message, hint, getattr(exc, "headers", None))

    @app.exception_handler(StoreBusyError)
    async def _busy(request: Request, exc: StoreBusyError) -> JSONResponse:
        return respond(503, "store_busy", str(exc), "retry in a few seconds", {"Retry-After": "5"})

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return respond(503, "store_unavailable", str(exc), "check the --db the server was started with")

    @app.exception_handler(AccordError)
    async def _accord(request: Request, exc: AccordError) -> JSONResponse:
        return respond(400, "bad_request", str(exc), "")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(500, "internal_error", "the server failed on this request",
                       "this is a bug in accord: report it with the request that caused it")
