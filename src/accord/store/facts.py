"""Store methods over ``merged_facts``, mixed into ``Store``: the dyad report's facts of each
merged event, as JSON records (``accord.analytics.facts``) that ``accord.views.facts`` writes
after a merge and ``accord.views.dyad`` reads.

A record is only a shortcut: a reader that finds none, or one that may be stale, works the
event's facts out again from its members. Stale means written under another ``version``, or
older than a rewrite of one of its members' documents, or missing a member's event; a merge
deletes the records of every merged event it touches, in its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.store.clock import utcnow
from accord.store.host import StoreHost

FACTS_COLUMNS = ("merged_id", "version", "names", "countries", "record", "computed_at")

# merged events whose record is missing or of another version; that have a member whose event is
# gone; or whose record is older than a rewrite of a member's document (only documents written
# since the oldest record can be: the others are not read)
_STALE = """
SELECT g.id FROM merged_events g ANTI JOIN (SELECT merged_id FROM merged_facts WHERE version = ?) f
ON f.merged_id = g.id
UNION
SELECT m.merged_id FROM merged_members m ANTI JOIN events e ON e.id = m.event_id
UNION
SELECT m.merged_id FROM merged_members m
JOIN (SELECT id, updated_at FROM documents
      WHERE updated_at >= (SELECT min(computed_at) FROM merged_facts WHERE version = ?)) d ON d.id = m.doc_id
JOIN merged_facts f ON f.merged_id = m.merged_id AND f.version = ?
WHERE d.updated_at >= f.computed_at
"""


class FactsTables(StoreHost):
    """The ``merged_facts`` queries of ``Store`` (see ``accord.store.db.Store``)."""

    def stale_facts(self, version: str) -> list[str]:
        """Merged events without a current record: none, another ``version``, or a member's event
        gone or its document written again since the record was made."""
        return sorted(r[0] for r in self._query(_STALE, [version, version, version]))

    def facts_with_names(self, version: str) -> list[tuple[str, str]]:
        """(merged id, names JSON) of the current records that depend on other reports' countries."""
        return [(str(r[0]), str(r[1])) for r in self._query(
            "SELECT merged_id, names FROM merged_facts WHERE version = ? AND names <> '{}'", [version])]

    def facts_records(self, countries: Sequence[str], version: str) -> list[tuple[str, str, str]]:
        """(merged id, names JSON, record JSON) of the records of ``version`` whose participants'
        countries include all of ``countries`` (as when they were made: see ``stale_among``).

        ``refresh_facts`` writes records grouped by their countries, so a pair's records lie
        together and reading them decodes little of the table."""
        return [(str(r[0]), str(r[1]), str(r[2])) for r in self._query(
            "SELECT merged_id, names, record FROM merged_facts WHERE version = ? AND list_has_all(countries, ?)",
            [version, list(countries)])]

    def stale_among(self, merged_ids: Sequence[str]) -> set[str]:
        """Those of these merged events whose record is older than a rewrite of one of its
        members' documents, or that have a member whose event is gone."""
        if not merged_ids:
            return set()
        return {str(r[0]) for r in self._query(
            "WITH c AS (SELECT unnest(?::VARCHAR[]) AS id) "
            "SELECT DISTINCT m.merged_id FROM merged_members m SEMI JOIN c ON c.id = m.merged_id "
            "JOIN merged_facts f ON f.merged_id = m.merged_id "
            "LEFT JOIN events e ON e.id = m.event_id LEFT JOIN documents d ON d.id = m.doc_id "
            "WHERE e.id IS NULL OR d.id IS NULL OR d.updated_at >= f.computed_at", [list(merged_ids)])}

    def by_countries(self, merged_ids: Sequence[str]) -> list[str]:
        """These merged events ordered by their stored countries (then id), those unknown last:
        the order ``refresh_facts`` writes in, so that a pair's records lie together."""
        if not merged_ids:
            return []
        found = [str(r[0]) for r in self._query(
            "SELECT id FROM merged_events WHERE id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY array_to_string(countries, '|'), id", [list(merged_ids)])]
        known = set(found)
        return found + [i for i in merged_ids if i not in known]

    def uncountried_member_entities(self, merged_ids: Sequence[str]) -> dict[str, list[str]]:
        """Merged id -> the named participants of its members stored without a country (the names
        whose country other reports may give: ``accord.dedup`` fills them in when it reads)."""
        if not merged_ids:
            return {}
        out: dict[str, list[str]] = {}
        for merged_id, entity in self._query(
                "SELECT DISTINCT m.merged_id, p.entity FROM merged_members m "
                "JOIN event_participants p ON p.event_id = m.event_id "
                "WHERE p.country IS NULL AND p.entity IS NOT NULL AND m.merged_id IN (SELECT unnest(?::VARCHAR[])) "
                "ORDER BY 1, 2", [list(merged_ids)]):
            out.setdefault(str(merged_id), []).append(str(entity))
        return out

    def write_facts(self, rows: list[list[Any]]) -> None:
        """Replace the records of these merged events: rows of (merged id, version, names JSON,
        countries, record JSON); ``computed_at`` is now."""
        if not rows:
            return
        now = utcnow()
        with self.transaction(f"writing dyad facts to {self.path} failed"):
            self._delete_in("merged_facts", "merged_id", [r[0] for r in rows])
            self._insert("merged_facts", FACTS_COLUMNS, [[*r, now] for r in rows])


__all__ = ["FACTS_COLUMNS", "FactsTables"]
