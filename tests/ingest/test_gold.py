"""The five seed articles' metadata against ../shared/gold/seeds/documents.jsonl (skips if absent)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.ingest import read_all

ROOT = Path(__file__).resolve().parents[3]  # <root>/main/tests/ingest/test_gold.py -> <root>
GOLD = ROOT / "shared" / "gold" / "seeds" / "documents.jsonl"
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

pytestmark = pytest.mark.gold


@pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="needs ../shared/gold and examples/seeds")
def test_seed_metadata_matches_gold():
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = read_all([SEEDS])
    first_by_file: dict[str, object] = {}
    for doc in result.documents:
        first_by_file.setdefault(doc.doc_origin, doc)
    assert len(gold) >= 5
    for row in gold:
        doc = first_by_file[row["doc"]]
        got = {
            "date": doc.published.isoformat() if doc.published else None,
            "title": doc.title,
            "author": doc.author,
            "source": doc.source,
        }
        want = {k: row[k] for k in got}
        assert got == want, row["doc"]
    # Each seed file is one document whose text is the file up to any '---' line, unchanged
    # (gold event offsets are offsets in the file).
    for row in gold:
        content = (SEEDS / row["doc"]).read_text(encoding="utf-8")
        separator = re.search(r"(?m)^---$", content)
        docs = [d for d in result.documents if d.doc_origin == row["doc"]]
        assert [d.text for d in docs] == [content[: separator.start()] if separator else content]
