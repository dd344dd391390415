"""Storage: a DuckDB database of documents, actor mentions and events.

>>> from accord.store import Store, EventFilter
>>> with Store.open("accord.duckdb") as store:          # doctest: +SKIP
...     store.write(coded)                              # one transaction, idempotent
...     store.events(EventFilter(dyad=("AZE", "UKR")))

The schema is built by named migrations (``accord.store.migrations.MIGRATIONS``) recorded in
the ``schema_migrations`` table; later stages add tables by appending migrations there.
"""

from accord.store.db import CodingRecord, DyadSummary, Store, StoredCoding, WriteResult
from accord.store.migrations import MIGRATIONS
from accord.store.queries import EventFilter

__all__ = [
    "MIGRATIONS", "CodingRecord", "DyadSummary", "EventFilter", "Store", "StoredCoding", "WriteResult",
]
