"""The Markdown brief: same sections as tables, escaped cells."""

from __future__ import annotations

import datetime as dt

from accord.analytics.dyad import dyad_analytics
from accord.report import render_markdown
from accord.report.markdown import cell, table

from . import DYAD_EVENTS, EVIL, sample


def _md(**kw) -> str:
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs, **kw)
    return render_markdown(report, merged, docs, generated=dt.date(2024, 7, 1))


def _table_after(md: str, heading: str) -> list[list[str]]:
    block = md.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in block.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines[2:]]


def test_sections_and_tables():
    md = _md()
    assert md.startswith("# AZE–UKR relationship brief\n")
    for heading in ("## Summary", "## Timeline by month", "## Notable changes", "## Events by type",
                    "## Cooperation and conflict (quad classes)", "## Key actors", "## Who met whom",
                    "## Commitments and agreements", "### Agreements signed", "## Aid flows", "## Top contexts",
                    f"## All events ({DYAD_EVENTS})", "## How this was computed"):
        assert heading in md
    assert "Charts are in the HTML brief" in md
    periods = _table_after(md, "## Timeline by month")
    assert periods[0][:5] == ["2024-01", "AZE–UKR", "3", "1", "+10.0"]
    assert len(periods) == 6  # January to June, April empty
    events = _table_after(md, f"## All events ({DYAD_EVENTS})")
    assert len(events) == DYAD_EVENTS
    assert all(len(row) == 10 for row in events)  # no cell broke its row
    agreements = _table_after(md, "### Agreements signed")
    assert agreements[0][1] == "memorandum on cooperation in the energy sector"


def test_cells_are_escaped():
    md = _md()
    assert EVIL not in md and "&lt;script&gt;" in md
    assert cell("a|b\nc <i>") == "a\\|b c &lt;i&gt;"
    assert table(["x"], [], empty="nothing") == "_nothing_\n"
    assert table(["x", "y"], [[1, "a|b"]], empty="") == "| x | y |\n|---|---|\n| 1 | a\\|b |\n"


def test_directed_markdown_lists_each_direction():
    md = _md(directed=True)
    rows = _table_after(md, "## Timeline by month")
    directions = {row[1] for row in rows if not row[1].startswith("no events")}
    assert directions == {"AZE → UKR", "UKR → AZE", "AZE ↔ UKR"}
    assert ["2024-04", "no events (1 month)"] in [row[:2] for row in rows]  # an empty month is one row
    assert all(row[2] != "0" for row in rows if not row[1].startswith("no events"))  # no idle direction rows


def test_commitments_change_and_coverage_in_text():
    md = _md()
    ledger = _table_after(md, "## Commitments and agreements")
    assert ledger[0][0] == "happened" and "will meet again in Baku" in ledger[0][5]
    assert ledger[0][7].startswith("2024-06-05")  # shown by the June visit, quoted
    assert "**Temperature in 2024-06:" in md
    change = _table_after(md.split("### Notable changes")[0], "## Change")
    assert [row[0] for row in change] == ["2024-01", "2024-02", "2024-03", "2024-05", "2024-06"]
    coverage = md.split("## Coverage and trust\n", 1)[1].split("\n## ", 1)[0]
    assert "Dated:" in coverage and "Coded by accord extractor" in coverage and "### Documents" in coverage
