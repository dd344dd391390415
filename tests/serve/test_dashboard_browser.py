"""The dashboard in a real browser (Debian's Chromium via Playwright) against a live server on
loopback: pick a dyad, filter, open an event, compare two dyads, reload a shared link.

Skipped when the ``playwright`` package or ``/usr/bin/chromium`` is missing (the browser is
never downloaded).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import ATTR, SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def server(seeds_db):
    import uvicorn

    from accord.serve import ServeConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(db=seeds_db)), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.requests = []
    page.dialogs = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def _done(page):
    page.wait_for_load_state("load")
    page.wait_for_selector("body[data-state=ready]", state="attached")


def test_pick_filter_open_compare_and_share(browser, server, tmp_path):
    page = _page(browser, server)
    page.goto(server + "/")
    _done(page)
    # the start page lists the store's pairs; pick one by typing country names
    assert page.locator("#views a").count() >= 2
    page.fill("#a", "Azerbaijan")
    page.fill("#b", "ukraine")
    page.click("#go")
    _done(page)
    assert "a=AZE" in page.url and "b=UKR" in page.url
    assert page.locator(".view h2").first.inner_text() == "Azerbaijan – Ukraine"
    assert page.locator(".view canvas").count() >= 1  # the timeline (uPlot)
    rows = page.locator("#events tbody tr")
    total = rows.count()
    assert total > 5
    assert page.locator("#actors [data-side=AZE] td").count() > 0
    assert page.locator("#map .leaflet-interactive").count() > 0  # country shapes drawn offline

    # filter: only CONSULT events
    page.select_option("#type", "CONSULT")
    page.click("#go")
    _done(page)
    assert "type=CONSULT" in page.url
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("CONSULT") for t in types) and len(types) < total

    # open the event of the hostile article: its sentence shows the markup as text
    row = page.locator("#events tbody tr", has_text="Zelensky").first
    row.click()
    page.wait_for_selector("#detail[data-state=ready]", state="attached")
    assert "event=" in page.url
    sentences = " ".join(page.locator("#detail .sentence").all_inner_texts())
    assert SCRIPT in sentences and ATTR.strip() in sentences
    assert page.locator("#detail .sentence mark").count() >= 1
    page.click("text=Show in the article")
    page.wait_for_selector("#detail .article mark")
    assert SCRIPT in page.locator("#detail .article").inner_text()
    assert page.dialogs == [] and page.evaluate("document.querySelectorAll('main script').length") == 0

    # compare with a second dyad
    page.fill("#c", "Azerbaijan (AZE)")
    page.fill("#d", "BLR")
    page.click("#go")
    _done(page)
    views = page.locator(".view h2").all_inner_texts()
    assert views == ["Azerbaijan – Ukraine", "Azerbaijan – Belarus"]
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000

    # the link is the state: a fresh page on the same URL shows the same views and filter
    shared = page.url
    again = _page(browser, server)
    again.goto(shared)
    _done(again)
    assert again.locator(".view h2").all_inner_texts() == views
    assert again.input_value("#type") == "CONSULT" and again.input_value("#a") == "Azerbaijan (AZE)"

    # nothing was fetched from anywhere but the server itself, and no script failed
    for p in (page, again):
        assert all(u.startswith(server + "/") for u in p.requests), [u for u in p.requests if not u.startswith(server)]
        assert p.errors == []


def test_compare_two_dyads_switch_focus_and_share(browser, server):
    page = _page(browser, server)
    page.goto(server + "/?a=AZE&b=UKR&c=AZE&d=BLR")
    _done(page)
    # the compare table: one column per dyad, figure by figure
    heads = page.locator("#compare thead button").all_inner_texts()
    assert heads == ["Azerbaijan (AZE) – Ukraine (UKR)", "Azerbaijan (AZE) – Belarus (BLR)"]
    cells = page.locator("#compare tr[data-row=events] td").all_inner_texts()
    assert len(cells) == 2 and all(c[0].isdigit() for c in cells)
    first_total = page.locator("#count").inner_text()
    # the map shades by code: the United States' shape ("United States of America") is found
    assert page.locator("#map path[data-code=USA]").count() == 1
    assert page.locator("#map path[data-code=AZE]").count() == 1
    # the lower views follow the dyad picked in the compare table, and the URL says which
    page.locator("#compare thead button[data-focus='2']").click()
    _done(page)
    assert "focus=2" in page.url
    assert page.locator("#compare button.on").inner_text().endswith("Belarus (BLR)")
    parties = page.locator("#events tbody tr td:nth-child(4), #events tbody tr td:nth-child(5)").all_inner_texts()
    assert any("BLR" in p for p in parties) and page.locator("#count").inner_text() != first_total
    assert "dyad=AZE-BLR" in page.locator("#export").get_attribute("href")
    assert page.locator("#actors [data-side=BLR]").count() == 1
    # a fresh page on the shared link shows the same focus
    again = _page(browser, server)
    again.goto(page.url)
    _done(again)
    assert again.locator("#compare button.on").inner_text().endswith("Belarus (BLR)")
    for p in (page, again):
        assert p.errors == []
