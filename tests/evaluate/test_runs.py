"""accord.evaluate.runs takes the gold's path from its caller; `accord eval` holds the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import evaluate as cli_evaluate
from accord.cli.main import app
from accord.errors import InputError
from accord.evaluate import runs

runner = CliRunner()


@pytest.mark.parametrize("kind", ["seeds", "voa", "plv", "plover", "timex", "actors", "documents"])
def test_the_library_needs_the_gold_path(kind):
    with pytest.raises(InputError, match="--gold"):
        runs.evaluate(kind, None, None)


def test_the_library_never_looks_beside_the_checkout():
    source = Path(runs.__file__).read_text(encoding="utf-8")
    assert "parents[" not in source and '"shared"' not in source
    from accord.evaluate import timex

    assert '"shared"' not in Path(timex.__file__).read_text(encoding="utf-8")


def test_seed_articles_come_from_beside_the_gold_or_from_the_caller(tmp_path):
    gold = tmp_path / "gold" / "seeds"
    gold.mkdir(parents=True)
    with pytest.raises(InputError, match="--docs"):
        runs._seed_articles(gold, None)
    assert runs._seed_articles(gold, tmp_path / "examples") == tmp_path / "examples"
    (tmp_path / "seeds").mkdir()
    assert runs._seed_articles(gold, tmp_path / "examples") == tmp_path / "seeds"


def test_the_cli_default_is_shared_gold_seen_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["eval", "voa"], env={"COLUMNS": "250"})
    assert result.exit_code == 1
    expected = (tmp_path / ".." / "shared" / "gold" / "voa_dev").resolve()
    assert str(expected) in result.output and "--gold" in result.output
    (tmp_path.parent / "shared" / "gold" / "voa_dev").mkdir(parents=True)
    assert cli_evaluate.default_gold("voa") == expected


def test_unknown_kinds_and_dedup_need_no_default():
    assert cli_evaluate.default_gold("dedup") is None and cli_evaluate.default_gold("nope") is None
    assert set(cli_evaluate.DEFAULT_GOLD) | {"dedup"} == set(runs.EVAL_KINDS)
