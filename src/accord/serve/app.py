"""The app factory: routers, the one error shape, security headers, the dashboard's files."""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response

from accord.serve import errors, routes_files, routes_read, routes_write
from accord.serve.cache import AnswerCache
from accord.serve.config import ServeConfig
from accord.serve.deps import StoreHolder
from accord.version import __version__

STATIC = Path(__file__).resolve().parent / "static"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".json": "application/json", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}

# the dashboard loads only its own files; the API's JSON is never run as a page
_CSP_PAGE = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_CSP_BRIEF = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every file the dashboard may be served, read once: a request names a key of this table
    and never a path, so no request reaches the file system."""
    files = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and not path.name.startswith(("LICENSE", "README")):
            kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            files[path.relative_to(STATIC).as_posix()] = (path.read_bytes(), kind)
    return files


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    import accord.report  # noqa: F401  # the briefs' renderer: its routes import it at first use
    from accord.views.dyad import preload

    preload()  # the analytics' modules and packaged data, read now rather than in the first answer
    yield
    app.state.stores.close()  # let go of the store file when the server stops


def _openapi(app: FastAPI) -> dict:
    """The schema, with every error answer documented as the JSON error body: FastAPI would
    give the HTML routes' errors their route's media type, which they do not have."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        ref = {"$ref": "#/components/schemas/ErrorBody"}
        for ops in schema["paths"].values():
            for op in ops.values():
                for status, response in op.get("responses", {}).items():
                    if status[0] in "45":
                        response["content"] = {"application/json": {"schema": ref}}
        if any("security" in op for ops in schema["paths"].values() for op in ops.values()):
            # the write API's token, so clients (and schemathesis) know how to send it
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
                "type": "http", "scheme": "bearer", "description": "the server's --token / ACCORD_TOKEN"}
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(config: ServeConfig | None = None) -> FastAPI:
    """The ASGI app serving ``config.db``."""
    config = config or ServeConfig()
    app = FastAPI(
        title="accord", version=__version__,
        description="Evidence-linked political events from international news: events with their "
                    "evidence, merged events, dyad analytics, actors, documents, briefs and exports. "
                    "Every failure answers {\"error\": {\"code\", \"message\", \"hint\"}}.",
        docs_url=None, redoc_url=None, lifespan=_lifespan,
    )
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.state.config = config
    app.state.coder = None
    app.state.stores = StoreHolder(config)
    app.state.answers = AnswerCache()
    errors.install(app)
    app.include_router(routes_read.router)
    app.include_router(routes_files.router)
    app.include_router(routes_write.router, include_in_schema=config.token is not None)
    if config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    files = static_files()

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        path = request.url.path
        csp = _CSP_BRIEF if path.endswith("/brief.html") else _CSP_PAGE
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        body, kind = files["index.html"]
        return Response(body, media_type=kind, headers={"Cache-Control": "no-cache"})

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        found = files.get(name)
        if found is None or name == "index.html":
            raise errors.ApiError(404, "not_found", "no such file", "the dashboard is at /")
        return Response(found[0], media_type=found[1], headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        body, kind = files["favicon.svg"]
        return Response(body, media_type=kind, headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return Response(_docs_page(), media_type="text/html; charset=utf-8")

    return app


def _docs_page() -> bytes:
    """The API's documentation, offline: the OpenAPI schema (/openapi.json) laid out by our
    own small script (Swagger UI would load from a CDN)."""
    return (STATIC / "docs.html").read_bytes()
