"""What the command modules share (``accord.cli.common``): one --dyad parser for every command,
one way to open the store or fail, every command group registered, in the order of the help."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli import common
from accord.cli.main import app
from accord.store import Store

runner = CliRunner()
WIDE = {"COLUMNS": "250"}  # usage errors are drawn in a box: no wrapping inside the message
CLI = Path(common.__file__).resolve().parent

# `accord --help` lists them in this order; a command that disappears fails here
COMMANDS = ["run", "ingest", "events", "dyads", "docs", "show", "export", "eval", "bench", "actors", "actor",
            "dyad", "report", "export-gdelt", "export-graph", "serve", "watch", "merge", "merged", "event"]


def test_every_command_group_is_registered_in_the_order_of_the_help():
    assert [c.name for c in app.registered_commands] == COMMANDS
    assert all(c.callback.__module__.startswith("accord.cli.") for c in app.registered_commands)
    assert not any(c.callback.__module__ == "accord.cli.main" for c in app.registered_commands)


def test_no_import_error_is_swallowed_in_the_cli():
    """A command module that fails to import must fail loudly, not vanish from the app."""
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                if names & {"ImportError", "ModuleNotFoundError"}:
                    # allowed only where the error is reported (exit 1), never to skip a command
                    assert any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "fail"
                               for n in ast.walk(node)), f"{path.name}:{node.lineno}"


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("common") / "empty.duckdb"
    with Store.open(path):
        pass
    return path


@pytest.mark.parametrize("command", [["events"], ["export", "-o", "OUT"], ["export-gdelt", "-o", "OUT"],
                                     ["export-graph", "-o", "OUT"], ["merged"]])
def test_every_dyad_option_is_parsed_alike(command, empty_db, tmp_path):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    wrong_shape = runner.invoke(app, [*args, "--db", str(empty_db), "--dyad", "AZEUKR"], env=WIDE)
    assert wrong_shape.exit_code == 2, wrong_shape.output
    assert "--dyad takes two country codes like AZE-UKR, not 'AZEUKR'" in wrong_shape.output
    a_name = runner.invoke(app, [*args, "--db", str(empty_db), "--dyad", "AZE-Ukraine"], env=WIDE)
    assert a_name.exit_code == 2, a_name.output
    assert "did you mean UKR (Ukraine)?" in a_name.output
    twice = runner.invoke(app, [*args, "--db", str(empty_db), "--dyad", "aze,AZE"], env=WIDE)
    assert twice.exit_code == 2 and "not AZE twice" in twice.output
    fine = runner.invoke(app, [*args, "--db", str(empty_db), "--dyad", "aze ukr"])
    assert fine.exit_code == 0, fine.output


def test_dyad_pair_and_event_filter():
    assert common.dyad_pair(None) is None and common.dyad_pair("") is None
    assert common.dyad_pair("ukr-aze") == ("UKR", "AZE")
    flt = common.event_filter("AZE-UKR", ["consult"], ["Occurred"], "2020", "2021-06", country_="arm")
    assert (flt.dyad, flt.types, flt.statuses, flt.country) == (("AZE", "UKR"), ("CONSULT",), ("occurred",), "ARM")
    assert (str(flt.since), str(flt.until)) == ("2020-01-01", "2021-06-01")
    for bad in ({"types": ["consul"]}, {"statuses": ["done"]}, {"since": "May 2020"}, {"country_": "Ukraine"}):
        kwargs = {"dyad": None, "types": None, "statuses": None, "since": None, "until": None} | bad
        with pytest.raises(typer.BadParameter):
            common.event_filter(**kwargs)


def test_open_store_fails_with_exit_1_and_says_what_to_do(tmp_path, capsys):
    with pytest.raises(typer.Exit) as exited, common.open_store(tmp_path / "none.duckdb"):
        pass
    assert exited.value.exit_code == common.EXIT_ERROR
    assert "error:" in capsys.readouterr().err


def test_the_readers_share_open_store_on_a_missing_store(tmp_path):
    missing = str(tmp_path / "none.duckdb")
    for args in (["events"], ["dyads"], ["docs"], ["show", "x"], ["export", "-o", str(tmp_path / "x.jsonl")],
                 ["dyad", "AZE", "UKR"], ["export-gdelt", "-o", str(tmp_path / "x.tsv")]):
        result = runner.invoke(app, [*args, "--db", missing])
        assert result.exit_code == 1 and "error:" in result.output, (args, result.output)
