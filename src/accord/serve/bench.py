"""``accord bench api``: latency of the API over a synthetic store, through a real server.

A store of ``events`` synthetic events (default 100,000; four per document, between thirty
countries, one pair much busier than the rest, dated over ten years) is written through the
Store API, served by uvicorn on a free loopback port, and asked in sequence for the events list
(first pages and later pages, with and without filters), one dyad's analytics and one event page.
The figures are wall-clock latencies seen by an HTTP client on the same machine. With Chromium
and Playwright present, the dashboard's first paint (first contentful paint) and the time until
every view of a dyad is drawn are measured too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import socket
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import AccordError
from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span, Status

COUNTRIES = ["AZE", "UKR", "BLR", "ARM", "GEO", "RUS", "TUR", "IRN", "USA", "FRA", "DEU", "GBR", "CHN", "IND",
             "JPN", "POL", "KAZ", "UZB", "ISR", "EGY", "SAU", "ITA", "ESP", "CAN", "BRA", "MEX", "NGA", "KEN",
             "ZAF", "AUS"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "ASSAULT"]
SCORES = {"CONSULT": 1.0, "AGREE": 3.0, "SUPPORT": 3.5, "COOPERATE": 6.0, "AID": 7.0, "REQUEST": -0.5,
          "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -5.0, "SANCTION": -8.0, "ASSAULT": -9.0}
CAPITALS = {"AZE": (40.41, 49.87), "UKR": (50.45, 30.52), "BLR": (53.9, 27.57), "GEO": (41.72, 44.79)}
_STATUS_MIX: list[Status] = ["occurred", "occurred", "occurred", "occurred", "occurred", "occurred", "planned", "proposed"]


def _event(rng: random.Random, doc: Document, k: int, offset: int) -> Event:
    a, b = ("AZE", "UKR") if rng.random() < 0.04 else tuple(rng.sample(COUNTRIES, 2))
    type_ = rng.choice(TYPES)
    start = offset + k * 60
    sentence = f"Officials of {a} met {b} counterparts on {type_.lower()} matters number {k}."
    words = Span(start, start + len(sentence), sentence)
    trigger = Span(start + 13, start + 17, doc.text[start + 13:start + 17])
    assert doc.published is not None  # the bench's documents are all dated
    day = doc.published - dt.timedelta(days=rng.randint(0, 3))
    loc = None
    if a in CAPITALS and rng.random() < 0.5:
        lat, lon = CAPITALS[a]
        loc = Place(text=f"capital of {a}", country=a, lat=lat, lon=lon)
    return Event(
        type=type_, doc_id=doc.id, mentions=[words], trigger=trigger, mode=None,
        actor=[Actor(f"Minister {a}{k}", a, "GOV", f"Minister {a}{k % 7}", "foreign minister")],
        recipient=[Actor(f"Envoy {b}{k}", b, "GOV", f"Envoy {b}{k % 5}", "ambassador")],
        status=rng.choice(_STATUS_MIX),
        date=DateValue(day.isoformat(), "day", source="text"), location=loc,
        intensity=SCORES[type_], cameo="04", contexts=[],
    )


def build_store(path: Path, events: int = 100_000, seed: int = 7, per_doc: int = 4) -> int:
    """Write a synthetic store of about ``events`` events to ``path`` (replaced), merged and with
    its dyad facts kept as ``accord merge`` leaves it; returns documents."""
    from accord.store import Store

    path = Path(path)
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    n_docs = max(1, events // per_doc)
    batch: list[CodedDocument] = []
    with Store.open(path) as store:
        for i in range(n_docs):
            body = "".join(f"Officials of XXX met YYY counterparts on matters, number {k:>6}.   " for k in range(per_doc))
            text = f"Synthetic report {i}\n\n" + body
            offset = len(f"Synthetic report {i}\n\n")
            doc = Document(id=hashlib.sha1(f"synthetic {i}".encode()).hexdigest()[:16], text=text, title=f"Synthetic report {i}",
                           published=start + dt.timedelta(days=rng.randint(0, 3650)), source=rng.choice(
                               ["Report", "Trend", "Ukrinform", "APA", "Reuters"]), doc_origin=f"synthetic-{i}")
            evs = [_event(rng, doc, k, offset) for k in range(per_doc)]
            for ev in evs:  # the spans' text is the document's, as the store expects
                ev.mentions = [Span(m.start, m.end, text[m.start:m.end]) for m in ev.mentions]
            batch.append(CodedDocument(document=doc, events=evs))
            if len(batch) >= 2000:
                store.write_many(batch, extractor_version="synthetic")
                batch.clear()
        if batch:
            store.write_many(batch, extractor_version="synthetic")
        # merged, with each merged event's dyad facts kept, as `accord merge` leaves a store:
        # the API reads those, and a store never merged would time another path
        from accord.dedup import merge_store
        from accord.views import refresh_facts

        refresh_facts(store, built=merge_store(store).touched)
    return n_docs


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    cold: float = 0.0  # the first request (nothing cached, the store just opened)

    def to_dict(self) -> dict[str, Any]:
        ms = sorted(s * 1000 for s in self.samples)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return {"name": self.name, "requests": len(ms), "p50_ms": round(statistics.median(ms), 1),
                "p95_ms": round(p95, 1), "max_ms": round(ms[-1], 1), "first_ms": round(self.cold * 1000, 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(db: Path, requests: int = 100, browser: bool = True,
        progress: Callable[[dict[str, Any]], object] | None = None) -> dict[str, Any]:
    """Serve ``db`` on loopback and time ``requests`` requests of each kind."""
    import httpx
    import uvicorn

    from accord.serve import ServeConfig, create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(db=db)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(11)
    results: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            counts = client.get("/health").json()["counts"]
            results["store"] = {"events": counts["events"], "documents": counts["documents"]}
            ids = [e["id"] for e in client.get("/events", params={"limit": 500, "sort": "-date"}).json()["events"]]
            kinds = {
                "events list (first page, 50)": lambda i: ("/events", {}),
                "events list (dyad + type filter)": lambda i: ("/events", {"dyad": "AZE-UKR", "type": rng.choice(TYPES)}),
                "events list (text search)":
                    lambda i: ("/events", {"q": rng.choice(["matters", "officials of aze", "counterparts"])}),
                "events list (later page)": None,
                "dyad analytics (AZE-UKR, month)": lambda i: ("/dyads/AZE/UKR", {}),
                "one event page": lambda i: (f"/events/{rng.choice(ids)}", {}),
            }
            timings = []
            for name, make in kinds.items():
                t = Timing(name)
                cursor = None
                params: dict[str, Any]
                for i in range(requests + 3):  # three warm-up requests, not counted
                    if make is None:
                        path, params = "/events", ({"cursor": cursor} if cursor else {})
                    else:
                        path, params = make(i)
                    t0 = time.perf_counter()
                    r = client.get(path, params=params)
                    elapsed = time.perf_counter() - t0
                    if r.status_code != 200:
                        raise AccordError(f"{path} answered {r.status_code}: {r.text[:200]}")
                    if make is None:
                        cursor = r.json()["next"]
                    if i == 0:
                        t.cold = elapsed
                    if i >= 3:
                        t.samples.append(elapsed)
                timings.append(t.to_dict())
                if progress is not None:
                    progress(timings[-1])
            results["timings"] = timings
        if browser:
            results["dashboard"] = _paint(base)
    finally:
        server.should_exit = True
        thread.join(10)
    return results


def _paint(base: str) -> dict[str, Any] | None:
    """First contentful paint of the dashboard and the time until a dyad's views are drawn."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for name, url in (("start page", "/"), ("dyad AZE-UKR", "/?a=AZE&b=UKR")):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                t0 = time.perf_counter()
                page.goto(base + url)
                page.wait_for_selector("body[data-state=ready]", state="attached", timeout=60_000)
                ready = time.perf_counter() - t0
                fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
                out[name] = {"first_contentful_paint_ms": round(fcp, 1) if fcp else None,
                             "all_views_drawn_ms": round(ready * 1000, 1)}
                page.close()
        finally:
            browser.close()
    return out
