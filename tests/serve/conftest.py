"""A store coded from the seed articles plus one hostile article, shared by the API tests.

The hostile article carries markup and attribute breakers in its title and in the sentence
of an event, so that every view of its text can be checked to show them as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_configure(config):
    # Starlette's TestClient asks for httpx2; the httpx it has works (a notice, not a fault)
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "examples" / "seeds"

SCRIPT = '<script>alert("xss")</script>'
ATTR = '" onmouseover="alert(1)" x="'
HOSTILE = (
    f" date 2024-03-05\n{SCRIPT} talks in Baku\n\n"
    f"President Ilham Aliyev of Azerbaijan met Ukrainian President Volodymyr Zelensky in Baku on Monday "
    f"to discuss {SCRIPT} and the {ATTR} corridor.\n"
)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    from accord.actors.registry import build_registry
    from accord.dedup import merge_store
    from accord.pipeline import run
    from accord.store import Store
    from accord.views import refresh_facts

    root = tmp_path_factory.mktemp("serve")
    inputs = root / "inputs"
    inputs.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        (inputs / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = root / "seeds.duckdb"
    report = run([inputs], db)
    assert report.documents == 6, report.problems
    with Store.open(db) as store:
        merge_store(store)
        refresh_facts(store)  # as accord merge does: the dyad endpoints read the kept facts
        build_registry(store)
    return db


@pytest.fixture(scope="session")
def client(seeds_db):
    from fastapi.testclient import TestClient

    from accord.serve import ServeConfig, create_app

    with TestClient(create_app(ServeConfig(db=seeds_db, hold=0.2)), raise_server_exceptions=False) as c:
        yield c
