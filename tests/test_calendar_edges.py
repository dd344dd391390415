"""Documents dated at the calendar's edges (0001-01-01, 9999-12-31: placeholders that reach the
Python API even though the readers refuse them) are coded, stored, merged, analysed and
exported without an error, and their event dates are calendar dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.ingest import document_id
from accord.model import Document
from accord.pipeline import EXTRACTOR_VERSION
from accord.store import Store

TEXT = ("Azerbaijan and Ukraine signed a trade agreement in Baku next week, officials said. Russia attacked "
        "Ukraine three years ago. Georgia will meet Armenia in 10 days, and the talks end by December 31.")


@pytest.mark.slow
def test_edge_dates_go_through_every_stage(coder, tmp_path: Path):
    db = tmp_path / "x.duckdb"
    with Store.open(db) as store:
        for day in (dt.date.min, dt.date(1, 1, 2), dt.date(9999, 12, 25), dt.date.max):
            text = f"{TEXT} ({day})"
            coded = coder.code([Document(id=document_id(text), text=text, published=day, doc_origin=f"{day}.txt")])[0]
            assert coded.events
            for ev in coded.events:
                assert ev.date is None or (re.fullmatch(r"\d{4}(-.*)?", ev.date.value) and ev.date.value[:4] != "0000")
            store.write(coded, extractor_version=EXTRACTOR_VERSION)
    runner = CliRunner()
    for args in (["merge"], ["merged"], ["dyad", "AZE", "UKR"], ["dyads"], ["events", "--since", "9000"], ["docs"],
                 ["report", "AZE", "UKR", "-o", str(tmp_path / "b.html")], ["export", "-o", str(tmp_path / "e.jsonl")],
                 ["export-gdelt", "-o", str(tmp_path / "g.tsv")]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output, result.exception)
