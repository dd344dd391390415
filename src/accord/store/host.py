"""What the query mixins (``merged.MergedTables``, ``registry.RegistryTables``) use of the
``Store`` they are mixed into: declared once for the type checker; empty at run time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    import duckdb

    from accord.errors import StoreError


class StoreHost:
    """The part of ``accord.store.db.Store`` its mixins call."""

    if TYPE_CHECKING:  # provided by Store
        path: str
        read_only: bool

        @property
        def connection(self) -> duckdb.DuckDBPyConnection: ...
        def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
        def _insert(self, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None: ...
        def _delete_in(self, table: str, column: str, values: Sequence[str]) -> None: ...
        def transaction(self, failure: str | Callable[[duckdb.Error], StoreError]
                        ) -> AbstractContextManager[duckdb.DuckDBPyConnection]: ...
