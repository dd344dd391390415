"""``accord serve``: the store as a JSON API and an offline dashboard (FastAPI).

>>> from accord.serve import ServeConfig, create_app
>>> app = create_app(ServeConfig(db="accord.duckdb"))   # doctest: +SKIP
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)

Read endpoints open the store read-only for each request and close it after, so `accord run`
can commit between requests. The write endpoint (``POST /documents``) exists only when a token
is configured. Every failure answers ``{"error": {"code", "message", "hint"}}``.
"""

from accord.serve.app import create_app
from accord.serve.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
