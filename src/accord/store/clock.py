"""The store's clock: naive UTC timestamps, as every ``TIMESTAMP`` column holds them."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """Now in UTC without a time zone (DuckDB's ``TIMESTAMP`` has none)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
