"""The bad-input corpus (tests/fixtures/bad_input/cases.py) through the real CLI: each case's
message fragments and exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "bad_input"))
from cases import CASES, Case, Link

runner = CliRunner()


def materialise(case: Case, root: Path) -> None:
    for rel, content in case.files.items():
        path = root / rel
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.needs_spacy else [])
                                  for c in CASES])
def test_bad_input(case: Case, tmp_path: Path):
    materialise(case, tmp_path)
    args = [a.replace("{dir}", str(tmp_path)) for a in case.args]
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    said = " ".join(result.output.replace("\u2502", " ").split())  # Rich's error box: "│" at line ends
    assert result.exit_code == case.code, f"exit {result.exit_code}, expected {case.code}:\n{result.output}"
    for fragment in case.expect:
        assert " ".join(fragment.split()) in said, f"missing {fragment!r} in:\n{result.output}"
    for fragment in case.absent:
        assert fragment not in said, f"unexpected {fragment!r} in:\n{result.output}"
