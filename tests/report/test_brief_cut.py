"""Briefs of a big dyad stay readable: the long lists show their latest rows, say how many
more there are and where, and no link points at a row the page does not hold."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from accord.analytics.dyad import dyad_analytics
from accord.model import Actor, DateValue, Document, Event, Span, singletons
from accord.report import render_html, render_markdown
from accord.report.common import DATES_SHOWN, LIST_ROWS, first, latest

from . import sample

N = LIST_ROWS + 20  # days, each with its own article: more of every list than a brief shows
UNDATED = 3  # articles with no date at all, whose events are undated
GENERATED = dt.date(2024, 7, 1)
AZE, UKR = Actor("Azerbaijan", "AZE"), Actor("Ukraine", "UKR")


def _busy() -> tuple[list, dict[str, Document]]:
    """N days, each an article with a meeting of two people met nowhere else, an aid delivery,
    a signed agreement and a promised visit; then articles with no date."""
    text = "Envoys met. Azerbaijan delivered aid. They signed a deal. They will visit."
    spans = {w: Span(text.index(w), text.index(w) + len(w), w) for w in ("met", "delivered", "signed", "visit")}
    docs: dict[str, Document] = {}
    events: list[Event] = []
    for n in range(N + UNDATED):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=7 * n) if n < N else None
        doc = Document(id=f"{n:032d}", text=text, published=day, doc_origin=f"{n}.txt")
        docs[doc.id] = doc
        date = DateValue(day.isoformat(), "day") if day else None

        def ev(kind: str, word: str, actor: list[Actor], recipient: list[Actor], **kw) -> Event:
            return Event(type=kind, doc_id=doc.id, mentions=[spans[word]], trigger=spans[word], actor=actor,  # noqa: B023
                         recipient=recipient, id=f"ev-{n:03d}-{word}", date=date, **kw)  # noqa: B023

        envoy = Actor(f"Envoy {n}", "AZE", "GOV", f"Envoy {n}")
        minister = Actor(f"Minister {n}", "UKR", "GOV", f"Minister {n}")
        events += [ev("CONSULT", "met", [envoy], [minister]),
                   ev("AID", "delivered", [AZE], [UKR]),
                   ev("SUPPORT", "signed", [AZE, UKR], [], signing="deal"),
                   ev("CONSULT", "visit", [envoy], [minister], status="planned", mode="visit")]
    return singletons(events, docs), docs


@pytest.fixture(scope="module")
def busy():
    merged, docs = _busy()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs, topics_of_documents=False)
    return report, merged, docs


def _section(page: str, id_: str) -> str:
    return page.split(f'<section id="{id_}">', 1)[1].split("</section>", 1)[0]


def _event_rows(page: str) -> list[str]:
    return re.findall(r'<tr id="ev-([^"]+)">', page)


def _dangling(page: str) -> set[str]:
    """In-page links whose target is not in the page."""
    return set(re.findall(r'href="#([^"]+)"', page)) - set(re.findall(r'id="([^"]+)"', page))


def test_the_busy_dyad_has_more_of_every_list_than_a_brief_shows(busy):
    report, _, _ = busy
    assert len(report.rows) == 4 * (N + UNDATED) and len(report.undated) > 0
    assert min(len(report.meetings), len(report.aid), len(report.agreements)) > LIST_ROWS
    assert report.commitments is not None and len(report.commitments.items) > LIST_ROWS
    assert report.coverage is not None and len(report.coverage.documents) > LIST_ROWS


def test_html_lists_show_the_latest_rows_and_say_how_many_more(busy):
    report, merged, docs = busy
    page = render_html(report, merged, docs, generated=GENERATED)
    shown = _event_rows(page)
    dated = [r for r in report.rows if r.day]
    assert shown == [r.id for r in dated[-LIST_ROWS:]]  # the latest, in the list's own (date) order
    hidden = len(report.rows) - LIST_ROWS
    assert f"Latest events ({LIST_ROWS} of {len(report.rows)})" in page
    assert (f"Showing the latest {LIST_ROWS} of {len(report.rows)} events; {hidden} more are not shown: "
            "<code>accord report AZE UKR --all</code> lists every one, <code>accord dyad AZE UKR --json</code>") in page
    for noun, items in (("commitments", report.commitments.items), ("agreements", report.agreements),
                        ("aid flows", report.aid), ("documents", report.coverage.documents)):
        assert f"Showing the latest {LIST_ROWS} of {len(items)} {noun}; {len(items) - LIST_ROWS} more" in page, noun
    assert f"Showing the busiest {LIST_ROWS} of {len(report.meetings)} pairs who met" in page
    aid = _section(page, "aid")
    assert aid.count("<tr>") == LIST_ROWS + 1  # the header and the rows shown
    assert dated[-1].when in aid and "2020-01-01" not in aid  # the latest deliveries, not the first
    # the figures are over every event, whatever the page lists
    assert f"<b>{report.counted}</b><span>events counted</span>" in page
    assert f"{len(report.commitments.items)} commitment(s) as of" in page


def test_no_link_points_at_a_row_the_page_does_not_hold(busy):
    report, merged, docs = busy
    page = render_html(report, merged, docs, generated=GENERATED)
    assert not _dangling(page)
    assert 'href="#ev-' in page  # the events that are listed are still linked
    old = report.rows[0]
    assert f'<span title="{old.id}">' in page  # an event not listed is named in plain text
    assert "listed under Coverage and trust" in page  # the undated are not in the events table
    for id_ in ("types", "quads"):  # cells naming a few events name the latest: the listed ones
        cells = _section(page, id_)
        assert 'href="#ev-' in cells and "<span title=" not in cells, id_
    md = render_markdown(report, merged, docs, generated=GENERATED)
    by_type = md.split("## Events by type", 1)[1].split("##", 1)[0]
    assert report.rows[0].when not in by_type and report.by_type[0].event_ids[0] not in by_type


def test_the_sample_cut_to_two_rows_links_only_to_what_it_lists():
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    page = render_html(report, merged, docs, generated=GENERATED, limit=2)
    assert len(_event_rows(page)) == 2 and not _dangling(page)
    everything = render_html(report, merged, docs, generated=GENERATED, limit=None)
    assert len(_event_rows(everything)) == len(report.rows) and not _dangling(everything)


def test_all_keeps_every_row(busy):
    report, merged, docs = busy
    page = render_html(report, merged, docs, generated=GENERATED, limit=None)
    assert len(_event_rows(page)) == len(report.rows)
    assert "not shown" not in page and f"All events ({len(report.rows)})" in page
    assert _section(page, "aid").count("<tr>") == len(report.aid) + 1
    assert not _dangling(page)
    md = render_markdown(report, merged, docs, generated=GENERATED, limit=None)
    assert "not shown" not in md and md.count("| ev-") == len(report.rows) + len(report.aid) + len(report.agreements)


def test_a_brief_under_the_cap_is_the_same_whatever_the_limit():
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    assert render_html(report, merged, docs, generated=GENERATED) == \
        render_html(report, merged, docs, generated=GENERATED, limit=None)
    assert render_markdown(report, merged, docs, generated=GENERATED) == \
        render_markdown(report, merged, docs, generated=GENERATED, limit=None)


def test_markdown_lists_are_cut_the_same_way(busy):
    report, merged, docs = busy
    md = render_markdown(report, merged, docs, generated=GENERATED)
    events = md.split("## Latest events", 1)[1].split("## How this was computed", 1)[0]
    assert f"({LIST_ROWS} of {len(report.rows)})" in events
    assert events.count("\n| ") == LIST_ROWS + 1  # header and rows
    assert "`accord report AZE UKR --all` lists every one" in events
    for noun in ("commitments", "agreements", "aid flows", "documents", "pairs who met"):
        assert f" {noun}; " in md, noun
    assert len(md) < len(render_markdown(report, merged, docs, generated=GENERATED, limit=None))


def test_latest_keeps_order_and_counts_the_undated_as_oldest():
    items = [("a", "2020-03"), ("b", None), ("c", "2021-01"), ("d", "2019-12"), ("e", None)]
    cut = latest(items, lambda x: x[1], 2)
    assert [x[0] for x in cut.shown] == ["a", "c"] and cut.hidden == 3 and cut.which == "latest"
    assert [x[0] for x in latest(items, lambda x: x[1], 4).shown] == ["a", "c", "d", "e"]
    assert latest(items, lambda x: x[1], None).shown == items
    assert first(items, 2, "busiest").shown == items[:2] and first(items, 9).hidden == 0


def test_a_pair_that_met_often_lists_its_latest_days():
    from accord.report.common import dates_cell

    days = [f"2020-01-{d:02d}" for d in range(1, 21)] * 2
    cell = dates_cell(days)
    assert cell.startswith(f"+{20 - DATES_SHOWN} earlier … ") and cell.endswith("2020-01-20")
    assert dates_cell(days[:DATES_SHOWN]) == ", ".join(days[:DATES_SHOWN])
    assert dates_cell(days, None).count("2020") == 20


def test_report_cli_cuts_long_lists_and_all_keeps_them(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from . import sample_cli

    db, app = sample_cli(tmp_path)
    monkeypatch.setattr("accord.report.common.LIST_ROWS", 2)  # the sample is small: cut it at two
    for extra, rows in (([], 2), (["--all"], 9)):
        out = tmp_path / f"brief{len(extra)}.html"
        result = CliRunner().invoke(app, ["report", "AZE", "UKR", "--db", str(db), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert len(_event_rows(page)) == rows and not _dangling(page)
        assert ("more are not shown" in page) == (not extra)


def test_latest_of_a_long_list_picks_what_sorting_every_item_picks():
    import random

    rng = random.Random(7)
    for n in (50, 400, 3000):
        items = [(i, rng.choice([None, "2020-01-0" + str(rng.randint(1, 9)), "2021-05"])) for i in range(n)]
        for limit in (1, 4, 20, n // 2):
            rank = sorted(range(n), key=lambda i: (items[i][1] is not None, items[i][1] or "", i))
            assert latest(items, lambda x: x[1], limit).shown == [items[i] for i in sorted(rank[n - limit:])]


def test_latest_first_by_day_ranks_picks_what_latest_by_day_picks():
    """A cell's latest events by ``day_ranks`` are ``latest``'s by day: ties (a day shared, the
    undated, ids without a row) go to the later in the cell, and the others follow in order."""
    import random
    from types import SimpleNamespace

    from accord.report.common import day_ranks, latest_first

    rng = random.Random(11)
    days = [None, "", "2020", "2020-01-03", "2020-01-09", "2021-05"]
    rows = {f"e{i}": SimpleNamespace(day=rng.choice(days)) for i in range(300)}
    ranks = day_ranks(rows)  # type: ignore[arg-type]
    for _ in range(200):
        ids = rng.sample([*rows, "gone1", "gone2"], rng.randint(0, 60))
        for limit in (1, 4, 20):
            by_day = latest(ids, lambda i: rows[i].day if i in rows else None, limit).shown
            assert latest_first(ids, ranks, limit) == by_day + [i for i in ids if i not in set(by_day)]
