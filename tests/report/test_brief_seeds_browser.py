"""The seeds' brief and AZE's partners overview, coded by the real pipeline and rendered in Chromium.

Layout: at 1280 px (desktop) and 390 px (phone) the page does not scroll sideways and no two
sections overlap. Content: the seeds' commitments (the June 2020 agreement to prepare
President Aliyev's visit to Ukraine, the 2026 energy-equipment delivery decided by him, the
generators to be delivered) appear in the ledger with their status.

Skipped without the ``playwright`` package or Debian's ``/usr/bin/chromium`` (see
test_brief_browser.py); loads the spaCy pipeline (``slow``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app

from .test_brief_browser import ARGS, BOXES, CHROMIUM, _intersect, sync_api

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")]
runner = CliRunner()
STATUSES = {"happened", "happened (late)", "reported, date unknown", "overdue", "pending"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("seeds-brief")
    db = tmp / "seeds.duckdb"
    for args in (["run", str(SEEDS), "--db", str(db)], ["merge", "--db", str(db)],
                 ["report", "AZE", "UKR", "--db", str(db), "-o", str(tmp / "brief.html")],
                 ["report", "AZE", "--db", str(db), "-o", str(tmp / "AZE-partners.html")]):
        result = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code in (0, 3), (args, result.output)  # 3: an input kept without a date
    return {"brief": tmp / "brief.html", "partners": tmp / "AZE-partners.html"}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _layout(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"sideways scroll at {width} px"
    sections = page.evaluate(BOXES, "main > section")
    assert sections
    for a, b in itertools.combinations(sections, 2):
        assert not _intersect(a, b), (width, a, b)
    for box in sections:
        assert box["left"] >= 0 and box["right"] <= width, (width, box)
    # no table scrolls sideways inside its box either: a hidden column is as bad as a page scroll
    hidden = page.evaluate("""Array.from(document.querySelectorAll('.scroll'))
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.closest('section').id)""")
    assert hidden == [], (width, hidden)


def _ledger(page) -> list[tuple[str, str]]:
    """(status, row text) of each ledger row."""
    rows = page.locator("#commitments table.ledger tbody tr")
    return [(rows.nth(i).locator(".tag").first.inner_text().strip(), rows.nth(i).inner_text())
            for i in range(rows.count())]


def test_seeds_brief_layout_and_commitments(pages, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pages["brief"].as_uri())
    page.wait_for_load_state("load")
    for width in (1280, 390):
        _layout(page, width)
    ledger = _ledger(page)
    assert all(status in STATUSES for status, _ in ledger), ledger

    def row(*words: str) -> str:
        found = [s for s, text in ledger if all(w in text for w in words)]
        assert found, (words, ledger)
        return found[0]

    assert row("visit of Azerbaijani President Ilham Aliyev to Ukraine", "2020-06") in {
        "happened", "happened (late)", "reported, date unknown"}  # the Kyiv talks report it
    assert row("energy equipment", "2026") == "pending"  # due by the end of 2026
    assert row("generators") == "pending"
    agreements = page.locator("#agreements").inner_text()
    assert "joint declaration on deepening strategic partnership" in agreements
    for section in ("changes", "coverage"):
        assert page.locator(f"#{section}").inner_text().strip()
    assert "Temperature in" in page.locator("#changes").inner_text()
    assert "Coded by accord extractor" in page.locator("#coverage").inner_text()
    page.close()


def test_partners_overview_layout_and_links(pages, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pages["partners"].as_uri())
    page.wait_for_load_state("load")
    for width in (1280, 390):
        _layout(page, width)
    links = page.locator("table.partners a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "AZE-UKR-brief.html" in links
    for href in links:
        assert (pages["partners"].parent / href).exists(), href
    page.close()
