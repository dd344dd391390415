"""Store methods over the actor registry (``actors``, ``actor_offices``, ``actor_names`` and
``actor_registry_state``), mixed into ``Store``: the SQL behind ``accord.actors.registry``.

The registry is derived from ``actor_mentions`` and the documents' dates, so it is rebuilt by
the commands that write documents, not by readers. ``actor_registry_state`` records what the
store held when it was built (documents, actor mentions, newest document write), which lets
a reader tell whether it is current with two cheap aggregates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from accord.errors import StoreError
from accord.store.clock import utcnow
from accord.store.host import StoreHost

if TYPE_CHECKING:

    pass

RegistryStatus = Literal["current", "stale", "missing"]

# column order of the rows ``write_registry`` takes (as ``accord.actors.registry`` builds them)
ACTOR_COLUMNS = ("id", "name", "kind", "country", "sector", "aliases", "mentions", "documents", "first_seen",
                 "last_seen", "confidence")
OFFICE_COLUMNS = ("actor_id", "role", "country", "sector", "first_seen", "last_seen", "mentions")
NAME_COLUMNS = ("name", "actor_id")

_COLS = ", ".join(ACTOR_COLUMNS)
# the stamp of what the registry is built from: any document written, added or removed changes it
_STAMP = ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM actor_mentions), "
          "(SELECT max(updated_at) FROM documents)")
# events an actor takes part in: a participant named by one of its names
_MINE = ("SELECT DISTINCT p.event_id FROM event_participants p JOIN actor_names n ON n.name = p.entity "
         "WHERE n.actor_id = ?")


class RegistryTables(StoreHost):
    """The actor-registry queries of ``Store`` (see ``accord.store.db.Store``)."""

    def actor_mention_rows(self, entities: Sequence[str] | None = None, batch: int = 20_000
                           ) -> Iterator[tuple[Any, ...]]:
        """(doc_id, text, country, sector, entity, role, confidence, reason, published) of every
        named actor mention (or of those naming one of ``entities``), by document date (undated
        last), document and position: streamed ``batch`` rows at a time, on a cursor of its own,
        so that the whole list is never in Python at once."""
        sql = ("SELECT m.doc_id, m.text, m.country, m.sector, m.entity, m.role, m.confidence, m.reason, d.published "
               "FROM actor_mentions m LEFT JOIN documents d ON d.id = m.doc_id WHERE m.entity IS NOT NULL "
               + ("AND m.entity IN (SELECT unnest(?::VARCHAR[])) " if entities is not None else "")
               + "ORDER BY d.published NULLS LAST, m.doc_id, m.idx")
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, [list(entities)] if entities is not None else [])
            while rows := cursor.fetchmany(batch):
                yield from rows
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc
        finally:
            cursor.close()

    def mention_documents(self, groups: Sequence[Sequence[str]]) -> list[int]:
        """Per group of entity names: the number of distinct documents with a mention of one of them."""
        if not groups:
            return []
        rows = dict(self._query(
            "SELECT g.k, count(DISTINCT m.doc_id) FROM actor_mentions m "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS entity, unnest(?::INTEGER[]) AS k) g ON g.entity = m.entity "
            "GROUP BY g.k",
            [[e for group in groups for e in group], [k for k, group in enumerate(groups) for _ in group]]))
        return [int(rows.get(k, 0)) for k in range(len(groups))]

    def write_registry(self, actors: list[list[Any]], offices: list[list[Any]], names: list[list[Any]]) -> None:
        """Replace the registry with these rows (``ACTOR_COLUMNS``, ``OFFICE_COLUMNS``,
        ``NAME_COLUMNS``) in one transaction, and record what it was built from."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; building the actor registry writes to it")
        with self.transaction(f"could not build the actor registry in {self.path}") as con:
            for table in ("actors", "actor_offices", "actor_names", "actor_registry_state"):
                con.execute(f"DELETE FROM {table}")
            self._insert("actors", ACTOR_COLUMNS, actors)
            self._insert("actor_offices", OFFICE_COLUMNS, offices)
            self._insert("actor_names", NAME_COLUMNS, names)
            con.execute(f"INSERT INTO actor_registry_state SELECT ?, * FROM ({_STAMP})", [utcnow()])

    def registry_status(self) -> RegistryStatus:
        """``current`` when the registry was built from what the store holds now, ``stale``
        when documents were written (or removed) since, ``missing`` when it was never built."""
        built = self._query("SELECT documents, mentions, last_written FROM actor_registry_state")
        if not built:
            return "missing"
        return "current" if tuple(built[0]) == tuple(self._query(_STAMP)[0]) else "stale"

    def registry_actors(self, country: str | None = None, sector: str | None = None) -> list[tuple[Any, ...]]:
        """Rows (``ACTOR_COLUMNS``) of the registry's actors, most mentioned first, optionally
        of one country and/or sector (codes as given)."""
        sql = f"SELECT {_COLS} FROM actors WHERE 1=1"
        params: list[Any] = []
        if country:
            sql += " AND country = ?"
            params.append(country)
        if sector:
            sql += " AND sector = ?"
            params.append(sector)
        sql += " ORDER BY mentions DESC, name"
        return self._query(sql, params)

    def actor_offices(self, actor_id: str) -> list[tuple[Any, ...]]:
        """(role, country, sector, first_seen, last_seen, mentions) of an actor's offices."""
        return self._query("SELECT role, country, sector, first_seen, last_seen, mentions FROM actor_offices "
                           "WHERE actor_id = ? ORDER BY first_seen NULLS LAST, role", [actor_id])

    def actor_counterparts(self, actor_id: str) -> list[tuple[Any, ...]]:
        """(name, country, sector, events) of the other named participants of an actor's
        events (registry names where known), most shared events first."""
        return self._query(
            "SELECT coalesce(a.name, p.entity), any_value(p.country), any_value(p.sector), count(DISTINCT p.event_id) AS n "
            "FROM event_participants p LEFT JOIN actor_names an ON an.name = p.entity "
            "LEFT JOIN actors a ON a.id = an.actor_id "
            f"WHERE p.event_id IN ({_MINE}) AND p.entity IS NOT NULL AND coalesce(an.actor_id, '') <> ? "
            "GROUP BY 1 ORDER BY n DESC, 1", [actor_id, actor_id])

    def actor_activity(self, actor_id: str) -> list[tuple[Any, ...]]:
        """(month 'YYYY-MM' or 'undated', event type, events) of an actor's events."""
        return self._query(
            "SELECT coalesce(strftime(e.day_first, '%Y-%m'), 'undated'), e.type, count(*) FROM events e "
            f"WHERE e.id IN ({_MINE}) GROUP BY 1, 2 ORDER BY 1, 2", [actor_id])


__all__ = ["ACTOR_COLUMNS", "NAME_COLUMNS", "OFFICE_COLUMNS", "RegistryStatus", "RegistryTables"]
