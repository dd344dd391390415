"""The CLI end to end on the seed examples (one shared database per module)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from accord.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "t.duckdb"
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "events", "event_mentions", "event_participants", "actor_mentions")}
    finally:
        con.close()


def test_run_stores_all_five_seeds_with_events(db: Path):
    counts = _counts(db)
    assert counts["documents"] == 5
    assert counts["events"] >= 15


def test_run_twice_changes_nothing(db: Path):
    before = _counts(db)
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _counts(db) == before


def test_events_json_and_filters(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--json", "--dyad", "AZE-UKR", "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    for r in rows:
        countries = {a["country"] for a in r["actor"] + r["recipient"]}
        assert {"AZE", "UKR"} <= countries
        assert r["doc_origin"].endswith(".txt")


def test_events_table_lists_every_seed(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--json"])
    origins = {json.loads(line)["doc_origin"] for line in result.output.splitlines() if line.strip()}
    assert origins == {p.name for p in SEEDS.glob("*.txt")}


def test_bad_dyad_is_a_usage_error(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "Azerbaijan"])
    assert result.exit_code != 0
    assert "AZE-UKR" in result.output


def test_show_highlights_evidence(db: Path):
    result = runner.invoke(app, ["show", "003_e76193e39d49f6a2.txt", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.output and "Khalafov" in result.output


def test_show_unknown_document_says_what_to_do(db: Path):
    result = runner.invoke(app, ["show", "nope.txt", "--db", str(db)])
    assert result.exit_code == 1
    assert "accord run" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(db: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0


def test_ingest_lists_documents_without_storing(tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines() if line.strip().startswith("{")]
    assert len(docs) == 5
    assert not (tmp_path / "accord.duckdb").exists()


def test_run_with_bad_input_exits_2_and_keeps_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_text(" date 2024-05-01 Peru and Chile held talks in Lima.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["run", str(tmp_path), "--db", str(db), "--include", "*.txt"])
    assert result.exit_code == 2, result.output
    assert "bad.txt" in result.output
    assert _counts(db)["documents"] == 1


def test_dyads_summary(db: Path):
    result = runner.invoke(app, ["dyads", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    pairs = [tuple(d["pair"]) for d in json.loads(result.output)]
    assert ("AZE", "UKR") in pairs


def test_every_command_help_has_an_example():
    for name in ("run", "ingest", "events", "show", "export", "eval", "bench", "dyads"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


def test_eval_seeds_prints_figures(gold):
    gold = gold("seeds")
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["events"]["events"]["tp"] > 0


def test_bench_small_corpus():
    result = runner.invoke(app, ["bench", "--docs", "12", "--processes", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 12 and data["ratio"] > 0


def test_every_command_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(names) >= 10
    missing = [n for n in names if f"accord {n}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"
