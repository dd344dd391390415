"""Store methods over the merged-event tables (``merged_events``, ``merged_members``,
``merged_mentions``), mixed into ``Store``: the SQL behind ``accord.dedup``.

Merging decides in Python (``accord.dedup``); these methods only read and write rows. The
narrower reads that choose what an incremental merge loads are in ``accord.store.selection``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from accord.errors import StoreError
from accord.store.host import StoreHost
from accord.store.queries import among

if TYPE_CHECKING:

    pass

# column order of the rows that ``MergeWrite`` carries (as ``accord.dedup`` builds them)
MEMBER_COLUMNS = ("merged_id", "event_id", "doc_id", "ord", "fingerprint", "score", "why", "added_at")
MENTION_COLUMNS = ("merged_id", "event_id", "doc_id", "idx", "start", "end", "text", "source", "doc_date",
                   "added_at")
GROUP_COLUMNS = (
    "id", "block", "founder_event_id", "type", "mode", "status", "date_value", "date_precision",
    "day_first", "day_last", "location_country", "countries", "num_members", "num_mentions",
    "num_documents", "num_sources", "first_reported", "last_reported", "created_at", "updated_at",
)


@dataclass(slots=True)
class MergeWrite:
    """What one merge changes, written by ``Store.write_merge`` in one transaction.

    ``stale``: event ids whose memberships are dropped (their document was re-written);
    ``empty``: merged events left without members, deleted; ``members``/``mentions``: new
    membership rows (``MEMBER_COLUMNS``/``MENTION_COLUMNS``); ``groups``: the rows
    (``GROUP_COLUMNS``) of every merged event touched, replacing the stored ones.
    """

    stale: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    members: list[list[Any]] = field(default_factory=list)
    mentions: list[list[Any]] = field(default_factory=list)
    groups: list[list[Any]] = field(default_factory=list)


class MergedTables(StoreHost):
    """The merged-event queries of ``Store`` (see ``accord.store.db.Store``)."""

    def has_merges(self) -> bool:
        """Whether any event was merged yet (a store never merged takes shorter paths)."""
        return bool(self._query("SELECT 1 FROM merged_members LIMIT 1"))

    def merged_ids(self) -> list[str]:
        """Every merged-event id."""
        return [r[0] for r in self._query("SELECT id FROM merged_events")]

    def merged_membership(self) -> dict[str, str]:
        """Event id -> the merged event it is a member of."""
        return dict(self._query("SELECT event_id, merged_id FROM merged_members"))

    def merged_member_rows(self, merged_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
        """(merged_id, event_id, doc_id, why, score, added_at) of the members of these merged
        events (of all for None), in founding and joining order."""
        sql = ("SELECT m.merged_id, m.event_id, m.doc_id, m.why, m.score, m.added_at "
               "FROM merged_members m JOIN merged_events g ON g.id = m.merged_id")
        params: list[Any] = []
        if merged_ids is not None:
            if not merged_ids:
                return []
            cond, params = among("m.merged_id", list(merged_ids))  # a brief's 100: the index, not a scan
            sql += f" WHERE {cond}"
        sql += " ORDER BY g.created_at, g.id, m.ord"
        return self.connection.execute(sql, params).fetchall()

    def resolve_merged_id(self, ref: str) -> str | None:
        """A merged-event id from its full id or a unique prefix (4+ characters)."""
        ref = ref.strip()
        if not ref:
            return None
        con = self.connection
        if con.execute("SELECT 1 FROM merged_events WHERE id = ?", [ref]).fetchone():
            return ref
        if len(ref) < 4:
            return None
        rows = con.execute("SELECT id FROM merged_events WHERE starts_with(id, ?) ORDER BY id LIMIT 6",
                           [ref]).fetchall()
        if len(rows) > 1:
            raise StoreError(f"{ref!r} matches several merged events ({', '.join(r[0] for r in rows[:5])}); "
                             "give more of the id")
        return rows[0][0] if rows else None

    def entity_countries(self) -> list[tuple[str, str, int]]:
        """(entity, country, reports) for every named actor stored with a country, in actor
        mentions and event participants: what merging learns countries of names from."""
        return self.connection.execute(
            "SELECT entity, country, count(*) FROM ("
            " SELECT entity, country FROM actor_mentions WHERE entity IS NOT NULL AND country IS NOT NULL"
            " UNION ALL SELECT entity, country FROM event_participants"
            " WHERE entity IS NOT NULL AND country IS NOT NULL) GROUP BY entity, country"
        ).fetchall()

    def write_merge(self, change: MergeWrite) -> None:
        """Apply one merge in one transaction: drop stale memberships and empty merged events,
        add the new memberships, and replace the rows of the merged events touched."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; merging writes to it")
        touched = sorted({row[0] for row in change.groups})
        with self.transaction(f"merging events in {self.path} failed"):
            if change.stale:
                self._delete_in("merged_members", "event_id", change.stale)
                self._delete_in("merged_mentions", "event_id", change.stale)
            if change.empty:
                for table, col in (("merged_members", "merged_id"), ("merged_mentions", "merged_id"),
                                   ("merged_events", "id"), ("merged_facts", "merged_id")):
                    self._delete_in(table, col, sorted(change.empty))
            self._insert("merged_members", MEMBER_COLUMNS, change.members)
            self._insert("merged_mentions", MENTION_COLUMNS, change.mentions)
            if touched:
                self._delete_in("merged_events", "id", touched)
                self._delete_in("merged_facts", "merged_id", touched)  # worked out again after the merge
                self._insert("merged_events", GROUP_COLUMNS, change.groups)


__all__ = ["GROUP_COLUMNS", "MEMBER_COLUMNS", "MENTION_COLUMNS", "MergeWrite", "MergedTables"]
