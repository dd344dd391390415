from __future__ import annotations

import datetime as dt

import pytest

from accord.ingest.dates import parse_date

D = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-05", "2024-03-05T23:30:00-05:00", "2024-03-05 10:00", "20240305",
        "Tue, 05 Mar 2024 10:00:00 GMT", "March 5, 2024", "5 March 2024", "Mar. 5, 2024",
        dt.datetime(2024, 3, 5, 12), D,
    ],
)
def test_full_dates(value):
    assert parse_date(value) == D


def test_epoch_seconds_and_milliseconds():
    assert parse_date(1709640000) == D
    assert parse_date(1709640000000) == D
    assert parse_date("1709640000") == D


@pytest.mark.parametrize("value", ["today", "yesterday", "June 2024", "2024", "2024-02-30", "", None, True, "n/a", [1]])
def test_relative_partial_or_invalid_dates_are_none(value):
    assert parse_date(value) is None
