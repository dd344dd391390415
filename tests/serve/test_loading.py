"""accord.serve.loading: the API's dyad view (``accord.views.dyad_view``), against the whole read
it replaced."""

from __future__ import annotations

from accord import dedup
from accord.model import doc_ids, singletons
from accord.serve.loading import load
from accord.store import EventFilter, Store, browse
from accord.store.selection import event_ids
from report import coded_documents


def _whole(store: Store, pair: tuple[str, str]):
    """What ``load`` read before: every event of the pair whole, then those merged dropped."""
    merged = dedup.merged_events(store, EventFilter(dyad=pair))
    covered = {member for m in merged for member in m.members}
    events = browse.events_by_ids(store, event_ids(store, EventFilter(dyad=pair)))
    alone = [e for e in events if e.id not in covered]
    docs = browse.documents_by_ids(store, [d for m in merged for d in doc_ids(m)] + [e.doc_id for e in alone])
    return merged + singletons(alone, docs), docs, len(alone)


def test_a_partly_merged_store_loads_what_the_whole_read_gave(tmp_path):
    coded = coded_documents()
    with Store.open(tmp_path / "t.duckdb") as store:
        for c in coded[: len(coded) // 2]:
            store.write(c)
        dedup.merge_store(store)
        for c in coded[len(coded) // 2:]:  # written after the merge: not merged yet, each alone
            store.write(c)
        loaded = load(store, ("AZE", "UKR"))
        merged, docs, alone = _whole(store, ("AZE", "UKR"))
    # one EventFacts per merged event or event alone, the same documents, the same alone
    assert sorted(f.row.id for f in loaded.facts) == sorted(m.id for m in merged)
    assert loaded.alone == merged[len(merged) - alone:]
    assert loaded.documents == docs
    assert loaded.unmerged == alone > 0
    assert len(merged) > alone
