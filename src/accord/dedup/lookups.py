"""What merging and its readers read of the store besides the events: document dates and
sources, and the countries that reports give named actors."""

from __future__ import annotations

from collections.abc import Sequence

from accord.dedup.rule import _DocInfo, _Names, _names_from_counts
from accord.store import Store
from accord.store.selection import document_dates


def _names(store: Store) -> _Names:
    return _names_from_counts(store.entity_countries())


def _doc_infos(store: Store, doc_ids: Sequence[str] | None = None) -> dict[str, _DocInfo]:
    rows = document_dates(store, doc_ids)
    return {r[0]: _DocInfo(r[1], r[2], r[3] or "") for r in rows}

