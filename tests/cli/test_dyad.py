"""The dyad, report and export commands on a small store filled by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli import dyad as cli_dyad
from accord.store import Store
from report import DYAD_EVENTS, coded_documents

runner = CliRunner()
WIDE = {"COLUMNS": "220"}  # Rich wraps long cells at the default 80 columns


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    cli_dyad.register(app)
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dyad") / "t.duckdb"
    with Store.open(path) as store:
        for coded in coded_documents():
            store.write(coded)
    return path


def test_commands_are_registered_with_examples(app):
    for command in ("dyad", "report", "export-gdelt", "export-graph"):
        result = runner.invoke(app, [command, "--help"], env=WIDE)
        assert result.exit_code == 0, result.output
        assert "Example: accord " + command in result.output


def test_dyad_tables(app, db):
    result = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db)], env=WIDE)
    assert result.exit_code == 0, result.output
    out = result.output
    for title in ("By month, with index", "By type", "Quad classes", "Key actors", "Who met whom",
                  "Agreements signed", "Aid flows", "Commitments"):
        assert title in out
    assert "memorandum on cooperation in the energy sector" in out
    assert "happened" in out  # the June meeting promised in January
    assert "Notable changes" in out and "drop" in out  # March: the accusation among thanks and visits


def test_dyad_json(app, db):
    result = runner.invoke(app, ["dyad", "aze", "ukr", "--db", str(db), "--json", "--directed", "--period",
                                 "quarter"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["a"], data["b"], data["directed"], data["period"]) == ("AZE", "UKR", True, "quarter")
    assert data["events"] == DYAD_EVENTS and data["counted"] == DYAD_EVENTS - 1
    assert {p["period"] for p in data["periods"]} == {"2024-Q1", "2024-Q2"}
    assert [a["event_id"] for a in data["aid"]] == ["ev-b-aid"]
    ledger = data["commitments"]
    assert ledger["as_of"] == "2024-06-05"
    assert [(c["event_id"], c["status"], c["kept_by"]) for c in ledger["items"]] == [
        ("ev-a-plan", "happened", "ev-f-visit")]
    assert data["change"]["temperature"]["latest"] == "2024-Q2"
    assert [d["period"] for d in data["change"]["deltas"]] == ["2024-Q1", "2024-Q2"]
    cov = data["coverage"]
    assert cov["events"] == DYAD_EVENTS and cov["extractor_versions"] == []  # written by hand: no version
    assert sum(cov["dated_by"].values()) == DYAD_EVENTS and cov["undated"] == []


def test_dyad_bad_arguments(app, db):
    for args in (["dyad", "AZE", "AZE"], ["dyad", "AZ", "UKR"], ["dyad", "AZE", "UKR", "--period", "week"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 2, (args, result.output)


def test_dyad_without_events_and_missing_db(app, db, tmp_path):
    result = runner.invoke(app, ["dyad", "FRA", "DEU", "--db", str(db)], env=WIDE)
    assert result.exit_code == 0 and "no events between FRA and DEU" in result.output
    missing = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(tmp_path / "none.duckdb")], env=WIDE)
    assert missing.exit_code == 1 and "error" in missing.output and "accord run" in missing.output


def test_report_html_and_markdown(app, db, tmp_path):
    html_path = tmp_path / "brief.html"
    result = runner.invoke(app, ["report", "AZE", "UKR", "-o", str(html_path), "--db", str(db)], env=WIDE)
    assert result.exit_code == 0, result.output
    html = html_path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 3
    assert html.count('<tr id="ev-') == DYAD_EVENTS
    md_path = tmp_path / "brief.md"
    result = runner.invoke(app, ["report", "AZE", "UKR", "-o", str(md_path), "--format", "md", "--db", str(db)])
    assert result.exit_code == 0, result.output
    md = md_path.read_text(encoding="utf-8")
    assert md.startswith("# AZE–UKR relationship brief") and "## Agreements signed" in md
    bad = runner.invoke(app, ["report", "AZE", "UKR", "--format", "pdf", "--db", str(db)])
    assert bad.exit_code == 2


def test_export_gdelt(app, db, tmp_path):
    path = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export-gdelt", "-o", str(path), "--db", str(db)], env=WIDE)
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 9 and f"{len(rows)} event(s) written" in result.output
    assert {r["GlobalEventID"] for r in rows} >= {"ev-a-sign", "ev-d-arm"}
    only = runner.invoke(app, ["export-gdelt", "-o", str(path), "--db", str(db), "--dyad", "AZE-ARM"])
    assert only.exit_code == 0, only.output
    with path.open(encoding="utf-8", newline="") as fh:
        assert [r["GlobalEventID"] for r in csv.DictReader(fh, delimiter="\t")] == ["ev-d-arm"]


def test_export_graph(app, db, tmp_path):
    path = tmp_path / "network.graphml"
    result = runner.invoke(app, ["export-graph", "-o", str(path), "--db", str(db), "--dyad", "AZE-UKR"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "5 node(s), 3 edge(s)" in result.output
    assert b"Nikol Pashinyan" not in path.read_bytes()
    bad = runner.invoke(app, ["export-graph", "-o", str(path), "--db", str(db), "--dyad", "AZEUKR"])
    assert bad.exit_code == 2


def test_merged_store_counts_each_merged_event_once(app, db, tmp_path):
    dedup = pytest.importorskip("accord.dedup")
    import shutil

    copy = tmp_path / "merged.duckdb"
    shutil.copy(db, copy)
    before = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(copy), "--json"])
    assert "not merged across articles yet" in before.output  # told to run `accord merge`
    with Store.open(copy) as store:
        dedup.merge_store(store)
    result = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(copy), "--json"])
    assert result.exit_code == 0, result.output
    assert "not merged" not in result.output
    data = json.loads(result.stdout)
    # the corpus reports no event twice, so merging keeps the count; ids are now merged ids
    assert data["events"] == DYAD_EVENTS
    assert not any(r["id"].startswith("ev-") for r in data["rows"])
    assert sorted(d for r in data["rows"] for d in r["documents"]) == sorted(
        d for r in json.loads(before.stdout)["rows"] for d in r["documents"])


def test_long_lists_show_their_first_rows_and_all_with_all(app, db, monkeypatch):
    full = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db), "--all"], env=WIDE)
    assert full.exit_code == 0, full.output
    assert "more (--all)" not in full.output
    monkeypatch.setattr(cli_dyad, "LIST_ROWS", 0)  # the store's lists hold one row each
    capped = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db)], env=WIDE)
    assert capped.exit_code == 0, capped.output
    assert capped.output.count("+1 more (--all)") == 4
    assert "Ilham Aliyev (AZE) │ Volodymyr Zelensky (UKR)" in full.output
    assert "Ilham Aliyev (AZE) │ Volodymyr Zelensky (UKR)" not in capped.output
    assert len(capped.output) < len(full.output)
    for title in ("Who met whom", "Agreements signed", "Aid flows", "Commitments"):
        assert title in capped.output  # the table is there, with what it leaves out
    # --all gives what the tables showed before they were capped
    uncapped = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db), "--all"], env=WIDE)
    assert uncapped.output == full.output


def test_period_tables_show_their_latest_periods_and_all_with_all(app, db, monkeypatch):
    full = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db)], env=WIDE)
    months = [line.split("│")[1].strip() for line in full.output.split("Quad classes")[0].split("By type")[0]
              .splitlines() if line.startswith("│ 20")]
    assert len(months) > 2  # the store has events in several months
    monkeypatch.setattr(cli_dyad, "LIST_ROWS", 2)
    capped = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db)], env=WIDE)
    assert capped.exit_code == 0, capped.output
    assert capped.output.count(f"+{len(months) - 2} earlier months (--all)") == 2  # the index and the change tables
    by_month = capped.output.split("By type")[0]
    assert [m for m in months if f"│ {m} " in by_month] == months[-2:]  # the latest two
    assert runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db), "--all"], env=WIDE).output.count(
        "earlier months") == 0


def test_latest_periods_keeps_every_row_of_the_latest_periods():
    rows = [("2024-01", "a"), ("2024-02", "a"), ("2024-02", "b"), ("2024-03", "b")]
    assert cli_dyad._latest_periods(rows, lambda r: r[0], 2) == (rows[1:], 1)  # both rows of 2024-02
    assert cli_dyad._latest_periods(rows, lambda r: r[0], 3) == (rows, 0)
    assert cli_dyad._latest_periods(rows, lambda r: r[0], None) == (rows, 0)


@pytest.mark.parametrize("command", [["dyad", "AZE", "UKR"], ["report", "AZE", "UKR"]])
def test_dyad_and_report_build_their_view_with_collection_paused_and_resume_it(app, db, tmp_path, collection_seen,
                                                                                 command):
    """The view, the sums and the output are built with the collector paused (its passes would
    walk every fact of a big pair), and collection resumes after, even when the command fails."""
    import gc

    import accord.views as views

    seen = collection_seen(views, "dyad_view")
    assert gc.isenabled()
    result = runner.invoke(app, [*command, "--db", str(db), *(["-o", str(tmp_path / "b.html")]
                                                               if command[0] == "report" else [])])
    assert result.exit_code == 0, result.output
    assert seen == [False] and gc.isenabled()
    result = runner.invoke(app, [*command, "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and gc.isenabled()
