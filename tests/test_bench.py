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


def test_the_table_and_the_json_name_each_stage():
    import json
    from io import StringIO

    from rich.console import Console

    from accord.pipeline import STAGE_NAMES

    stages = {name: 0.5 for name in STAGE_NAMES}
    result = bench.BenchResult(10, 2000, 1, 2.0, 5.0, 12, 800.0, stages, {"writes": 1.25})
    console = Console(file=StringIO(), width=120)
    bench.print_bench(console, result)
    shown = console.file.getvalue()
    assert all(name in shown for name in STAGE_NAMES)
    assert "outside the stages" in shown  # 5.0 s run, 4.0 s in stages: 1.0 s elsewhere
    assert "writes in a thread beside the coding" in shown and "1.25 s" in shown
    assert json.loads(json.dumps(result.to_dict()))["stages"] == stages
    assert json.loads(json.dumps(result.to_dict()))["beside"] == {"writes": 1.25}


def test_the_table_says_how_the_ceiling_multiplied():
    from io import StringIO

    from rich.console import Console

    shown = {}
    for gemm in ("blis", "numpy"):
        result = bench.BenchResult(10, 2000, 1, 2.0, 5.0, 12, 800.0, {"parse": 3.0}, {}, gemm)
        console = Console(file=StringIO(), width=200)
        bench.print_bench(console, result)
        shown[gemm] = console.file.getvalue()
        assert result.to_dict()["ceiling_gemm"] == gemm
    assert "--same-gemm" in shown["blis"] and "numpy BLAS like accord" not in shown["blis"]
    assert "numpy BLAS like accord" in shown["numpy"] and "--same-gemm" not in shown["numpy"]


def test_write_jsonl_is_what_run_reads(tmp_path):
    from accord.ingest import read_all

    docs = bench.synthetic_corpus(3)
    bench.write_jsonl(docs, tmp_path / "c.jsonl")
    read = read_all([tmp_path / "c.jsonl"]).documents
    assert [(d.doc_origin, d.published) for d in read] == [(d.doc_origin, d.published) for d in docs]


def test_coding_cpu_times_the_coding_stages_of_pre_parsed_articles():
    cpu, stages = bench.coding_cpu(3, repeats=2)
    assert cpu > 0
    assert set(stages) == {"actors", "dates", "events"}


def test_parse_cpu_times_the_parse_stage():
    assert bench.parse_cpu(3, repeats=2) > 0


def test_writes_cpu_times_the_writers_steps():
    spent = bench.writes_cpu(4, batch=2, repeats=2)
    assert set(spent) == {"open", "write", "close"}
    assert all(v > 0 for v in spent.values())
