"""A store coded from the seed articles and merged (its facts not yet worked out), shared by the
view tests; tests that change it take a copy (``seeds_copy``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


@pytest.fixture(scope="session")
def merged_seeds(tmp_path_factory) -> Path:
    from accord.dedup import merge_store
    from accord.pipeline import run
    from accord.store import Store

    db = tmp_path_factory.mktemp("views") / "seeds.duckdb"
    report = run([SEEDS], db)
    assert report.documents == 5, report.problems
    with Store.open(db) as store:
        merge_store(store)
    return db


@pytest.fixture()
def seeds_copy(merged_seeds, tmp_path) -> Path:
    db = tmp_path / "seeds.duckdb"
    shutil.copy(merged_seeds, db)
    return db
