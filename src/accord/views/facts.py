"""Keeping the dyad report's facts of each merged event in the store (``merged_facts``).

``refresh_facts(store)`` works out the facts (``accord.analytics.dyad.event_facts``) of every
merged event without a current record (see ``accord.store.facts``) and writes them in batches.
``accord merge`` and ``accord watch`` call it after merging; a merge deletes the records of the
merged events it touches, so what is left is current or detectably stale.

Each record also keeps the countries that other reports gave its members' uncountried named
actors when it was made (``names``): merging reads members with those countries filled in
(``accord.dedup``), so a later report that changes one makes the record stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from accord.analytics.dyad import event_facts
from accord.analytics.facts import facts_version, to_record
from accord.dedup.lookups import _names
from accord.dedup.reading import merged_events_by_id
from accord.dedup.rule import _Names
from accord.model import MergedEvent, doc_ids
from accord.store.browse import documents_by_ids

if TYPE_CHECKING:
    from accord.store import Store

BATCH = 5_000  # merged events worked out and written per transaction


def names_changed(basis: str, names: _Names, seen: dict[str, bool] | None = None) -> bool:
    """Whether other reports now give one of a record's names another country (``basis``:
    its ``names`` JSON, entity -> country or null); ``seen`` keeps the answer per basis, which
    many records share."""
    if seen is not None and (known := seen.get(basis)) is not None:
        return known
    changed = any(names.country(entity) != country for entity, country in json.loads(basis).items())
    if seen is not None:
        seen[basis] = changed
    return changed


def facts_rows(store: Store, merged_ids: Sequence[str], names: _Names, version: str,
               built: Mapping[str, MergedEvent] | None = None) -> list[list[Any]]:
    """The ``merged_facts`` rows (merged id, version, names, countries, record) of these merged
    events, built from their members as every reader builds them (``built``: those a merge
    just built so, by id)."""
    have = built or {}
    merged = [have[i] for i in merged_ids if i in have]
    merged += merged_events_by_id(store, [i for i in merged_ids if i not in have])
    docs = documents_by_ids(store, list(dict.fromkeys(d for m in merged for d in doc_ids(m))))
    entities = store.uncountried_member_entities([m.id for m in merged])
    rows: list[list[Any]] = []
    merged.sort(key=lambda m: ("|".join(sorted(m.event.countries)), m.id))  # a pair's records together
    for m in merged:
        basis = {e: names.country(e) for e in entities.get(m.id, ())}
        rows.append([m.id, version, json.dumps(basis, sort_keys=True), sorted(m.event.countries),
                     json.dumps(to_record(event_facts(m, docs)))])
    return rows


def refresh_facts(store: Store, *, built: Iterable[MergedEvent] = (),
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Work out and keep the facts of every merged event without a current record; the number
    worked out. ``built``: merged events just built from their members (``MergeReport.touched``),
    not read again; ``progress(done, total)`` is called after each batch."""
    version = facts_version()
    names = _names(store)
    todo = set(store.stale_facts(version))
    seen: dict[str, bool] = {}
    todo |= {mid for mid, basis in store.facts_with_names(version) if names_changed(basis, names, seen)}
    have = {m.id: m for m in built}
    ids = store.by_countries(sorted(todo))  # a pair's records written together: see Store.facts_records
    for start in range(0, len(ids), BATCH):
        store.write_facts(facts_rows(store, ids[start:start + BATCH], names, version, have))
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids)


__all__ = ["BATCH", "facts_rows", "names_changed", "refresh_facts"]
