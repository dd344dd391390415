"""The brief rendered by a real browser (Chromium via Playwright), offline.

Skipped when the ``playwright`` package or Debian's ``/usr/bin/chromium`` is missing: the
browser is never downloaded (``playwright install`` needs the network).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.analytics import dyad_analytics
from accord.report import render_html

from . import DYAD_EVENTS, sample

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")


def test_brief_renders_in_chromium(tmp_path):
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs, directed=True)
    brief = tmp_path / "brief.html"
    brief.write_text(render_html(report, merged, docs), encoding="utf-8")

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(brief.as_uri())
            page.wait_for_load_state("load")

            assert page.title() == "AZE–UKR relationship brief"
            for css in ("svg.timeline", "svg.bars", "svg.network"):
                box = page.locator(css).bounding_box()
                assert box is not None and box["width"] > 100 and box["height"] > 50, (css, box)
            assert page.locator("svg.timeline rect.bar").count() >= 5
            assert page.locator("svg.network circle.node").count() >= 3
            assert page.locator("table.events tbody tr").count() == DYAD_EVENTS
            # the page fits its width: nothing forces a horizontal scroll bar
            assert page.evaluate("document.documentElement.scrollWidth") <= 1200
            assert requests == [brief.as_uri()]  # nothing but the file itself was loaded
            assert dialogs == []  # the <script> in the evidence stayed text
            shot = tmp_path / "brief.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
