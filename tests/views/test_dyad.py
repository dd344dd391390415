"""A pair's report from the facts kept in the store equals the report worked out from every
merged event (``dyad_analytics`` over ``dedup.view.merged_view``), whether the facts are all
kept, missing, stale or mixed."""

from __future__ import annotations

import json

import pytest

from accord.analytics.dyad import dyad_analytics
from accord.analytics.facts import facts_version
from accord.dedup import merge_store
from accord.dedup.view import merged_view
from accord.store import Store
from accord.views import dyad_report, dyad_view, events_of, refresh_facts

PAIRS = [("AZE", "UKR"), ("AZE", "BLR"), ("UKR", "AZE")]


def expected(store: Store, pair: tuple[str, str], directed: bool = False, period: str = "month") -> dict:
    view = merged_view(store, pair)
    return dyad_analytics(view.merged + view.context, *pair, directed=directed, period=period,  # type: ignore[arg-type]
                          documents=view.documents, extractor_versions=view.versions, as_of=view.as_of).to_dict()


def from_view(store: Store, pair: tuple[str, str], directed: bool = False, period: str = "month") -> dict:
    return dyad_report(dyad_view(store, pair, texts=True), *pair,
                       directed=directed, period=period).to_dict()  # type: ignore[arg-type]


@pytest.mark.parametrize("pair", PAIRS)
def test_a_view_without_texts_gives_the_same_report_and_quotes(seeds_copy, pair):
    with Store.open(seeds_copy) as store:
        refresh_facts(store)
        full, light = dyad_view(store, pair, texts=True), dyad_view(store, pair)
        assert not full.textless and light.textless  # its documents' texts were not read
        assert all(not light.documents[d].text and not light.documents[d].masked for d in light.textless)
        assert (dyad_report(light, *pair, topics_of_documents=False).to_dict()
                == dyad_report(full, *pair, topics_of_documents=False).to_dict())
        with pytest.raises(ValueError, match="texts=True"):  # each document's topics search the texts
            dyad_report(light, *pair)
        ids = [f.row.id for f in light.facts]
        quoted = events_of(store, light, ids)  # what a brief quotes: their documents' texts are read
        assert [m.id for m in quoted] == ids
        cited = {d for m in quoted for d in (m.documents or [m.event.doc_id])}
        assert cited and not cited & light.textless
        assert all(light.documents[d] == full.documents[d] for d in cited)


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize(("directed", "period"), [(False, "month"), (True, "quarter")])
def test_report_from_kept_facts_equals_the_report_from_merged_events(seeds_copy, pair, directed, period):
    with Store.open(seeds_copy) as store:
        assert refresh_facts(store) > 0
        view = dyad_view(store, pair)
        assert view.kept > 0 and view.worked_out == 0  # every merged event's facts were read, none worked out
        assert from_view(store, pair, directed, period) == expected(store, pair, directed, period)


def test_without_kept_facts_the_report_is_the_same(seeds_copy):
    with Store.open(seeds_copy) as store:  # merged, facts never worked out
        view = dyad_view(store, ("AZE", "UKR"))
        assert view.kept == 0 and view.worked_out > 0
        assert from_view(store, ("AZE", "UKR")) == expected(store, ("AZE", "UKR"))


def test_a_store_never_merged_reports_every_event_alone(tmp_path):
    from tests.views.conftest import SEEDS

    from accord.pipeline import run

    db = tmp_path / "raw.duckdb"
    run([SEEDS], db)
    with Store.open(db) as store:
        view = dyad_view(store, ("AZE", "UKR"))
        assert view.kept == 0 and view.unmerged == view.worked_out > 0
        assert from_view(store, ("AZE", "UKR")) == expected(store, ("AZE", "UKR"))


@pytest.mark.parametrize("kept", [False, True])
def test_events_a_merge_has_not_taken_yet_count_alone(seeds_copy, kept):
    with Store.open(seeds_copy) as store:
        store.connection.execute("DELETE FROM merged_members WHERE ord > 0")  # as if written after the merge
        if kept:
            refresh_facts(store)  # records of the merged events as they are now
        view = dyad_view(store, ("AZE", "UKR"), texts=True)
        assert view.unmerged > 0 and (view.kept > 0) == kept
        assert from_view(store, ("AZE", "UKR")) == expected(store, ("AZE", "UKR"))


def test_refresh_works_out_only_what_is_missing_or_stale(seeds_copy):
    with Store.open(seeds_copy) as store:
        total = refresh_facts(store)
        assert total == len(store.merged_ids())
        assert refresh_facts(store) == 0  # nothing new
        # a document written again after its facts were made: its merged events are stale
        doc_id, merged_id = store.connection.execute(
            "SELECT doc_id, merged_id FROM merged_members ORDER BY merged_id LIMIT 1").fetchone()
        store.connection.execute("UPDATE documents SET updated_at = now()::TIMESTAMP + INTERVAL 1 DAY WHERE id = ?",
                                 [doc_id])
        stale = store.stale_facts(facts_version())
        assert merged_id in stale and len(stale) < total
        assert from_view(store, ("AZE", "UKR")) == expected(store, ("AZE", "UKR"))
        assert refresh_facts(store) == len(stale)


def test_records_of_another_version_are_not_read(seeds_copy):
    with Store.open(seeds_copy) as store:
        refresh_facts(store)
        store.connection.execute("UPDATE merged_facts SET version = 'old'")
        view = dyad_view(store, ("AZE", "UKR"))
        assert view.kept == 0 and view.worked_out > 0
        assert refresh_facts(store) == len(store.merged_ids())


def test_a_changed_country_from_other_reports_makes_a_record_stale(seeds_copy):
    with Store.open(seeds_copy) as store:
        refresh_facts(store)
        # pretend one record was made when other reports gave one of its names another country
        store.connection.execute(
            "UPDATE merged_facts SET names = ? WHERE merged_id = (SELECT min(merged_id) FROM merged_facts)",
            [json.dumps({"Nobody In Particular": "ARM"})])
        assert refresh_facts(store) == 1


def test_a_merge_drops_the_records_of_what_it_touches(seeds_copy):
    with Store.open(seeds_copy) as store:
        refresh_facts(store)
        store.connection.execute("DELETE FROM merged_members WHERE ord > 0")  # members leave: re-assigned
        merge_store(store)
        left = {r[0] for r in store.connection.execute("SELECT merged_id FROM merged_facts").fetchall()}
        assert left < set(store.merged_ids())  # the touched ones lost theirs
        refresh_facts(store)
        assert from_view(store, ("AZE", "UKR")) == expected(store, ("AZE", "UKR"))


def test_the_merged_events_a_merge_built_give_the_records_a_reader_would(seeds_copy):
    def records(store: Store) -> dict[str, str]:
        return dict(store.connection.execute("SELECT merged_id, record FROM merged_facts").fetchall())

    with Store.open(seeds_copy) as store:
        refresh_facts(store)
        store.connection.execute("DELETE FROM merged_members WHERE ord > 0")  # members re-assigned
        report = merge_store(store)
        assert report.touched and {m.id for m in report.touched} <= set(store.merged_ids())
        assert refresh_facts(store, built=report.touched) == len(report.touched)
        from_merge = records(store)
        store.connection.execute("DELETE FROM merged_facts")
        refresh_facts(store)  # every record built from the store, as readers build them
        assert records(store) == from_merge
