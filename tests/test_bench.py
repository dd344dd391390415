"""accord.bench: the synthetic corpus comes from paragraphs shipped in the package."""

from __future__ import annotations

from pathlib import Path

from accord import bench

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def test_the_shipped_paragraphs_are_the_seeds_paragraphs():
    """Fails after a change to examples/seeds or to how ingest reads them: rebuild with
    ``python -m accord.bench --write-paragraphs examples/seeds`` (same_outputs then changes too)."""
    from accord.ingest import read_all

    assert bench.bench_paragraphs() == bench.seed_paragraphs(read_all([SEEDS]).documents)


def test_the_corpus_needs_no_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = bench.synthetic_corpus(3)
    assert [d.doc_origin for d in docs] == ["bench-00000", "bench-00001", "bench-00002"]
    assert all(d.text and d.published for d in docs)
    assert bench.PARAGRAPHS.is_relative_to(Path(bench.__file__).parent)


def test_write_paragraphs_round_trips(tmp_path, monkeypatch):
    target = tmp_path / "p.json"
    assert bench.write_paragraphs(SEEDS, target) == len(bench.bench_paragraphs())
    monkeypatch.setattr(bench, "PARAGRAPHS", target)
    assert bench.bench_paragraphs() == bench.seed_paragraphs(__import__("accord.ingest").ingest.read_all([SEEDS]).documents)
