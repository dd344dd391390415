"""Cross-article merging: per-document events that report one real-world event -> one merged event.

>>> from accord.dedup import merge_store, merged_events
>>> with Store.open("accord.duckdb") as store:        # doctest: +SKIP
...     merge_store(store)                            # incremental, idempotent
...     merged_events(store, EventFilter(dyad=("AZE", "UKR")))

Split along its seams:

* ``rule``: the pure pairwise rule (``same_event``, ``MergeOptions``), fingerprints and keys;
* ``representative``: one event standing for a merged event's members;
* ``incremental``: ``merge_store``, the incremental complete-link merge over the store's methods;
* ``reading``: merged events read back (``merged_events``, ``merged_members`` ...);
* ``records``: the JSON record of a merged event.

Its benchmark (``accord eval dedup``) runs the NLP pipeline, so it lives in
``accord.evaluate.dedup``: merging imports neither ingest nor the pipeline.
"""

from accord.dedup.incremental import MergeReport, merge_store
from accord.dedup.reading import (
    iter_merged_batches,
    merged_event,
    merged_events,
    merged_events_by_id,
    merged_members,
    resolve_merged_id,
)
from accord.dedup.records import Member, evidence_sentence, merged_record
from accord.dedup.representative import representative
from accord.dedup.rule import MergeOptions, same_event

__all__ = [
    "Member",
    "MergeOptions",
    "MergeReport",
    "evidence_sentence",
    "iter_merged_batches",
    "merge_store",
    "merged_event",
    "merged_events",
    "merged_events_by_id",
    "merged_members",
    "merged_record",
    "representative",
    "resolve_merged_id",
    "same_event",
]
