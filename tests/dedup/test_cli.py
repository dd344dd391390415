"""The merging commands: `accord merge`, `accord merged`, `accord event`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.dedup import merged_events
from accord.store import Store

from .builders import (
    call,
    coded,
    corpus_batch1,
    corpus_batch2,
    write_all,
)


@pytest.fixture()
def cli_db(tmp_path) -> Path:
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as s:
        write_all(s, corpus_batch1() + corpus_batch2())
    return path


def cli_app() -> typer.Typer:
    from accord.cli import merge as cli_dedup

    app = typer.Typer()
    cli_dedup.register(app)
    return app


def test_cli_merge_and_event(cli_db):
    runner = CliRunner()
    app = cli_app()
    result = runner.invoke(app, ["merge", "--db", str(cli_db)])
    assert result.exit_code == 0, result.output
    assert "6 event(s)" in result.output and "4 merged event(s)" in result.output
    result = runner.invoke(app, ["merge", "--db", str(cli_db), "--json"])
    assert json.loads(result.output)["new_groups"] == 0

    with Store.open(cli_db, read_only=True) as s:
        big = max(merged_events(s), key=lambda m: m.num_documents)
    result = runner.invoke(app, ["event", big.id, "--db", str(cli_db)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "CONSULT" in out and "3 document(s)" in out
    assert "apa.txt" in out and "ukrinform.txt" in out
    assert "On Thursday, Aliyev and Zelensky spoke by phone about energy." in out
    assert "founded" in out and "same CONSULT:phone AZE+UKR" in out

    result = runner.invoke(app, ["event", big.id[:7], "--db", str(cli_db), "--json"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.output)
    assert rec["id"] == big.id and rec["num_documents"] == 3 and rec["num_sources"] == 3
    assert sorted(m["doc_origin"] for m in rec["members"]) == ["apa.txt", "report.txt", "ukrinform.txt"]
    assert all(m["why"] and m["sentence"] for m in rec["members"])


def test_cli_merged_list(cli_db):
    runner = CliRunner()
    app = cli_app()
    runner.invoke(app, ["merge", "--db", str(cli_db)])
    result = runner.invoke(app, ["merged", "--db", str(cli_db), "--json", "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(rows) == 3 and {r["type"] for r in rows} == {"CONSULT"}
    table = runner.invoke(app, ["merged", "--db", str(cli_db), "--type", "CONSULT"])
    assert table.exit_code == 0, table.output
    assert "3 merged event(s)" in table.output and "AZE" in table.output


def test_cli_errors_are_red_and_exit_1(cli_db, tmp_path):
    runner = CliRunner()
    app = cli_app()
    runner.invoke(app, ["merge", "--db", str(cli_db)])
    result = runner.invoke(app, ["event", "Mnothere", "--db", str(cli_db)])
    assert result.exit_code == 1
    assert "no merged event 'Mnothere'" in result.output
    result = runner.invoke(app, ["event", "M123", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "error" in result.output


def test_cli_help_has_examples():
    runner = CliRunner()
    app = cli_app()
    for cmd in ("merge", "event", "merged"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0
        assert "Example: accord " + cmd in result.output


def test_cli_merge_options(tmp_path):
    path = tmp_path / "opts.duckdb"
    with Store.open(path) as s:
        s.write(coded("twice.txt", "2026-01-29", [
            ("Aliyev and Zelensky discuss energy on the phone.", call()),
            ("Aliyev had a phone call with Zelensky today.", call()),
        ]))
    result = CliRunner().invoke(cli_app(), ["merge", "--db", str(path), "--one-per-document", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["new_groups"] == 2


def test_cli_merge_caps_duckdb_and_keeps_the_dyad_facts(cli_db, monkeypatch):
    from accord.store.db import MERGE_MEMORY

    limits = []
    real_open = Store.open.__func__

    def spy(cls, *args, **kwargs):
        limits.append(kwargs.get("memory_limit"))
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(spy))
    result = CliRunner().invoke(cli_app(), ["merge", "--db", str(cli_db), "--json"])
    assert result.exit_code == 0, result.output
    assert limits == [MERGE_MEMORY]
    first = json.loads(result.output)
    assert first["facts"] == first["groups_total"] > 0  # every merged event's facts worked out
    again = json.loads(CliRunner().invoke(cli_app(), ["merge", "--db", str(cli_db), "--json"]).output)
    assert again["facts"] == 0  # nothing new: nothing worked out again
