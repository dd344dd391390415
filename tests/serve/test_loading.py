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


def test_the_server_reads_the_reports_packaged_data_at_start_up(tmp_path):
    """The topic patterns, the country gazetteer and the decision cues are read when the server
    starts, not in its first dyad answer."""
    from fastapi.testclient import TestClient

    from accord.actors.gazetteer import country_gazetteer
    from accord.analytics import topics
    from accord.analytics.commitments import decision_cues
    from accord.serve import ServeConfig, create_app

    caches = [topics._all_cues, topics._cue_starts, topics._context_patterns, country_gazetteer, decision_cues]
    for cache in caches:
        cache.cache_clear()
    app = create_app(ServeConfig(db=tmp_path / "t.duckdb"))
    assert all(cache.cache_info().currsize == 0 for cache in caches)  # creating the app reads nothing
    with TestClient(app):
        assert all(cache.cache_info().currsize == 1 for cache in caches)
