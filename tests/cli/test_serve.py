"""`accord serve` refuses to expose the store without a token; `accord bench api` runs."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()


def test_a_non_loopback_address_needs_a_token(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--token" in result.output


def test_bench_api_on_a_small_synthetic_store(tmp_path, monkeypatch):
    from accord.serve import bench

    monkeypatch.setattr(bench, "_paint", lambda base: None)  # the browser is timed by hand, not here
    db = tmp_path / "synthetic.duckdb"
    assert bench.build_store(db, events=400) == 100
    result = runner.invoke(app, ["bench", "api", "--store", str(db), "--requests", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["store"]["events"] == 400
    names = [t["name"] for t in data["timings"]]
    assert "one event page" in names and any(n.startswith("dyad analytics") for n in names)
    assert all(t["requests"] == 3 and t["p95_ms"] > 0 for t in data["timings"])
