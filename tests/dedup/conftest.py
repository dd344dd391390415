"""Fixtures of the merging tests."""

from __future__ import annotations

import pytest

from accord.store import Store


@pytest.fixture()
def store():
    with Store.open(":memory:") as s:
        yield s
