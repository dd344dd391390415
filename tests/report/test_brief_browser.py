"""The brief rendered by a real browser (Chromium via Playwright), offline.

Skipped when the ``playwright`` package or Debian's ``/usr/bin/chromium`` is missing: the
browser is never downloaded (``playwright install`` needs the network).

Layout is checked, not just rendering: at a desktop (1280 px) and a phone (390 px) width the
page must not scroll sideways, the two key-actor tables must not overlap, and no two timeline
axis labels may be drawn over each other, on a long, busy dyad built for the purpose.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from accord.analytics.dyad import dyad_analytics
from accord.model import Actor, DateValue, Document, Event, Span, singletons
from accord.report import render_html

from . import DYAD_EVENTS, sample

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")

BOXES = """sel => Array.from(document.querySelectorAll(sel)).map(e => {
  const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


def _intersect(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
        a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


def _busy_dyad() -> tuple[list, dict[str, Document]]:
    """Six years of monthly meetings between people with long names and titles: the shape
    that made the actor tables overlap and the month labels pile up."""
    text = "Officials met."
    people = [
        Actor(f"Deputy Minister of Foreign Affairs Person{i} Longsurname-Doublebarrelled", "AZE", "GOV",
              f"Person{i} Longsurname-Doublebarrelled", "deputy foreign minister") for i in range(3)
    ] + [Actor("Joint Azerbaijan-Ukraine Intergovernmental Commission on Economic Cooperation", "UKR", "GOV",
               "Joint Azerbaijan-Ukraine Intergovernmental Commission on Economic Cooperation")]
    docs: dict[str, Document] = {}
    events: list[Event] = []
    for n in range(0, 67, 2):  # 2020-06 .. 2025-12, every other month
        day = dt.date(2020 + (5 + n) // 12, (5 + n) % 12 + 1, 10)
        doc = Document(id=f"{n:032d}", text=text, published=day, doc_origin=f"{n}.txt")
        docs[doc.id] = doc
        events.append(Event(type="CONSULT", doc_id=doc.id, mentions=[Span(10, 13, "met")], trigger=Span(10, 13, "met"),
                            actor=[people[n % 3]], recipient=[people[3]], id=f"ev-busy-{n:03d}",
                            date=DateValue(day.isoformat(), "day")))
    return singletons(events, docs), docs


def _check_layout(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"sideways scroll at {width} px"
    tables = page.evaluate(BOXES, "#actors table")
    assert len(tables) == 2
    assert not _intersect(tables[0], tables[1]), (width, tables)
    for box in tables:
        assert box["right"] <= width, (width, box)
    ticks = page.evaluate(BOXES, "svg.timeline text.tick")
    assert ticks
    for a, b in itertools.pairwise(ticks):
        assert not _intersect(a, b), (width, a, b)


def test_brief_renders_in_chromium(tmp_path):
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs, directed=True)
    brief = tmp_path / "brief.html"
    brief.write_text(render_html(report, merged, docs), encoding="utf-8")

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
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
            for width in (1280, 390):
                _check_layout(page, width)
            assert requests == [brief.as_uri()]  # nothing but the file itself was loaded
            assert dialogs == []  # the <script> in the evidence stayed text
            shot = tmp_path / "brief.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()


def test_long_busy_dyad_keeps_its_layout(tmp_path):
    merged, docs = _busy_dyad()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    assert len(report.periods) == 67  # June 2020 to December 2025, every month on the axis
    brief = tmp_path / "busy.html"
    brief.write_text(render_html(report, merged, docs), encoding="utf-8")

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(brief.as_uri())
            page.wait_for_load_state("load")
            labels = page.locator("svg.timeline text.tick").all_inner_texts()
            assert 3 <= len(labels) <= 12, labels  # years, not 68 months
            for width in (1280, 390):
                _check_layout(page, width)
        finally:
            browser.close()
