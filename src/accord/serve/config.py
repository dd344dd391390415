"""What a served app is configured with: one frozen record, built by the CLI or a test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """``db``: the store. ``token``: enables the write API and is required by it (Bearer).
    ``cors_origins``: origins allowed cross-site (none: CORS stays off). The limits bound what
    one request may ask for or send."""

    db: Path | str = Path("accord.duckdb")
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    page_default: int = 50
    page_max: int = 500
    wait: float = 20.0  # seconds a request waits for `accord run` to finish a commit
    hold: float = 1.0  # seconds the store stays open after the last request (0: close at once)
    max_body_bytes: int = 5_000_000  # POST /documents: the whole request body
    max_documents: int = 100  # POST /documents: articles in one request
    max_chars: int = 200_000  # POST /documents: characters of one article's text


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")
