"""Shared fixtures: the spaCy-backed coder is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, the one ``accord.code_text`` uses (built once per process)."""
    from accord.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def coder(pipeline):
    """The default pipeline's Coder, for tests that parse (``coder.nlp``) or code by hand."""
    return pipeline.coder


@pytest.fixture()
def code_text(pipeline):
    """Code one hand-made article with the public API: code_text("...", date="2024-05-01") -> CodedDocument."""

    def run(text: str, date: str | None = "2024-05-01"):
        return pipeline.code_text(text, date)

    return run


@pytest.fixture()
def collection_seen(monkeypatch):
    """``collection_seen(module, name)`` wraps ``module.name`` so that each call records whether
    the garbage collector was enabled at that moment; returns the list of answers (a test checks
    that big views are built with collection paused)."""
    import gc

    def watch(module, name: str) -> list[bool]:
        seen: list[bool] = []
        real = getattr(module, name)

        def spy(*args, **kwargs):
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
        return seen

    return watch


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
