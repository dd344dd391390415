"""accord.dedup.view: what `accord dyad`/`report` (and the API) compute over, from a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.dedup.view import add_context, load_merged, merged_view
from accord.store import Store
from report import DYAD_EVENTS, coded_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("view") / "t.duckdb"
    with Store.open(path) as store:
        for coded in coded_documents():
            store.write(coded)
    return path


def test_a_pair_counts_each_stored_event_once_with_its_documents(db):
    with Store.open(db, read_only=True) as store:
        view = merged_view(store, ("AZE", "UKR"))
    assert len(view.merged) == DYAD_EVENTS == view.unmerged  # nothing merged yet: each alone
    assert all(m.members == [m.id] for m in view.merged)
    assert {m.event.doc_id for m in view.merged} <= set(view.documents)
    assert str(view.as_of) == "2024-06-05"
    counted = {m.id for m in view.merged}
    assert not counted & {m.id for m in view.context}  # the context holds only other events


def test_a_country_reads_all_its_partners_and_context_is_optional(db):
    with Store.open(db, read_only=True) as store:
        alone = load_merged(store, country="AZE")
        assert alone.context == [] and alone.as_of is None
        whole = add_context(store, load_merged(store, country="AZE"))
        pair = load_merged(store, ("AZE", "UKR"))
    assert len(alone.merged) > len(pair.merged)
    assert whole.as_of is not None
