"""Shared fixtures: the spaCy-backed coder is built once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def coder():
    from accord.pipeline import Coder

    return Coder()


@pytest.fixture()
def code_text(coder):
    """Code one hand-made article: code_text("...", date="2024-05-01") -> CodedDocument."""
    from accord.ingest import document_id
    from accord.model import Document

    def run(text: str, date: str | None = "2024-05-01"):
        doc = Document(id=document_id(text), text=text, published=dt.date.fromisoformat(date) if date else None,
                       doc_origin="t.txt", origin="t.txt")
        return coder.code([doc])[0]

    return run


@pytest.fixture()
def gold():
    """gold("seeds") -> the path under ../shared/gold, or skip the test when it is absent."""

    def find(*parts: str) -> Path:
        path = GOLD.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"gold data not present at {path}")
        return path

    return find


def pytest_terminal_summary(terminalreporter):
    """After a fuzz run, the number of generated inputs each fuzz test ran (tests/fuzzing.py)."""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing is None or not fuzzing.COUNTS:
        return
    terminalreporter.section(f"fuzz inputs ({fuzzing.PROFILE} profile)")
    for name, n in sorted(fuzzing.COUNTS.items()):
        terminalreporter.write_line(f"{name:<20} {n:>10,}")
    terminalreporter.write_line(f"{'total':<20} {sum(fuzzing.COUNTS.values()):>10,}")
