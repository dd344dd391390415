"""The HTML brief: sections, escaping, offline-ness, charts and traceability."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser

import pytest

from accord.analytics.dyad import dyad_analytics
from accord.report import render_html
from accord.report.svg import Bar, Edge, Node, Series, hbars, network, timeline

from . import DYAD_EVENTS, EVIL, sample

SECTIONS = ("summary", "timeline", "changes", "types", "quads", "actors", "network", "meetings", "commitments",
            "aid", "contexts", "periods", "events", "method")


class _Collect(HTMLParser):
    """Tags, attributes and the rows of the events table, from a real HTML parse."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.event_rows: list[str] = []
        self._in_events = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table" and "events" in (a.get("class") or "").split():
            self._in_events = True
        if self._in_events and tag == "tr" and a.get("id"):
            self.event_rows.append(a["id"] or "")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_events = False


@pytest.fixture(scope="module")
def page() -> str:
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    return render_html(report, merged, docs, generated=dt.date(2024, 7, 1))


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def test_has_every_section_and_a_title(page):
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    assert "<title>AZE–UKR relationship brief</title>" in page
    assert "generated 2024-07-01" in page


def test_evil_evidence_is_escaped(page):
    assert EVIL not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert not any(tag == "script" for tag, _ in _parse(page).tags)


def test_nothing_is_fetched_from_the_network(page):
    assert "http://" not in page and "https://" not in page  # the doc URL is not shown either
    for tag, attrs in _parse(page).tags:
        for name in ("src", "href", "xlink:href", "srcset", "action"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), (tag, name, value)  # in-page anchors only
    assert "@import" not in page and "url(" not in page


def test_three_charts_are_inline_svg(page):
    svgs = [a for t, a in _parse(page).tags if t == "svg"]
    assert [s["class"] for s in svgs] == ["chart timeline", "chart bars", "chart network"]
    assert all(re.fullmatch(r"0 0 \d+ \d+", s["viewbox"] or "") for s in svgs)


def test_events_table_has_one_anchored_row_per_event(page):
    rows = _parse(page).event_rows
    assert len(rows) == DYAD_EVENTS
    assert "ev-ev-a-sign" in rows and "ev-ev-d-arm" not in rows
    assert 'href="#ev-ev-a-sign"' in page  # the agreements table links to its event's row


def test_evidence_is_quoted_in_its_sentence_with_its_source(page):
    assert "<mark>Azerbaijan delivered 40 power transformers to Ukraine</mark> on February 3." in page
    assert "b.txt · Azerbaijan sends transformers · Trend · 2024-02-03" in page


def test_agreements_planned_and_aid_are_listed(page):
    ledger = page.split('<section id="commitments">')[1].split("</section>")[0]
    agreements = ledger.split('<div id="agreements">')[1]
    assert "memorandum on cooperation in the energy sector" in agreements
    promises = ledger.split('<div id="agreements">')[0]
    assert "2024-06" in promises and "will meet again in Baku" in promises
    assert "happened" in promises and "hosted" in promises  # kept by the June visit, quoted
    aid = page.split('<section id="aid">')[1].split("</section>")[0]
    assert "AZE → UKR" in aid and "transformers" in aid


def test_negated_event_is_shown_but_marked_not_counted(page):
    events = page.split('<section id="events">')[1]
    assert "did not threaten" in events and "(not counted)" in events


def test_directed_brief_draws_a_series_per_direction():
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs, directed=True)
    html = render_html(report, merged, docs)
    timeline_svg = html.split('<svg class="chart timeline"')[1].split("</svg>")[0]
    assert timeline_svg.count("<polyline") == 3
    assert "AZE → UKR" in timeline_svg and "UKR → AZE" in timeline_svg and "AZE ↔ UKR" in timeline_svg


def test_empty_report_renders():
    report = dyad_analytics([], "AZE", "UKR")
    html = render_html(report, [], {})
    assert "No dated events: nothing to chart." in html
    assert "<svg" not in html


def test_svg_helpers_escape_and_scale():
    bars = hbars([Bar("<b>", 3, "#000"), Bar("B", 1, "#111")], title="t<")
    assert "&lt;b&gt;" in bars and "<b>" not in bars and "<title>t&lt;</title>" in bars
    widths = [float(w) for w in re.findall(r'<rect class="bar" x="\d+" y="[\d.]+" width="([\d.]+)"', bars)]
    assert widths[0] == pytest.approx(3 * widths[1], rel=1e-2)
    line = timeline(["2024-01", "2024-02"], [Series("A", "#000", (1, 2), (2.5, -3.0))], title="x")
    assert line.count("<circle") == 2 and 'class="bar"' in line
    net = network([Node("a", "#000"), Node("b", "#111")],
                  [Edge(0, 1, "#00f", 2, "CONSULT"), Edge(0, 1, "#0f0", 1, "SUPPORT")], title="n")
    coords = re.findall(r'<line class="edge" x1="([\d.]+)" y1="([\d.]+)"', net)
    assert len(coords) == 2 and coords[0] != coords[1]  # two kinds side by side, not stacked


def test_axis_labels_are_thinned_to_years_over_a_long_span():
    from accord.report.svg import axis_labels

    months = [f"{y}-{m:02d}" for y in range(2020, 2026) for m in range(1, 13)]
    assert axis_labels(months[:6], 100) == list(enumerate(months[:6]))  # room for every month
    labels = axis_labels(months, 800 / len(months))
    assert [t for _, t in labels] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert [i for i, _ in labels] == [0, 12, 24, 36, 48, 60]
    crowded = axis_labels([str(y) for y in range(1900, 2000)], 3)  # a century by year, 3 px each
    assert all(b - a >= 12 for (a, _), (b, _) in itertools.pairwise(crowded))


def test_tables_name_events_by_date_and_words_and_empty_months_collapse():
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    html = render_html(report, merged, docs, generated=dt.date(2024, 7, 1))
    types = html.split('id="types"', 1)[1].split("</section>", 1)[0]
    # the link text is the date, type, parties and trigger; the id is only its target and title
    assert 'title="ev-a-meet">2024-01-15 CONSULT Ilham Aliyev (AZE) → Volodymyr Zelensky (UKR) “met”</a>' in types
    assert ">ev-a-meet<" not in types
    periods = html.split('id="periods"', 1)[1].split("</section>", 1)[0]
    assert "no events (1 month)" in periods and periods.count("<tr>") == 1 + 5 + 1  # header, 5 busy months, April


def test_undated_events_are_counted_near_the_timeline():
    merged, docs = sample()
    report = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    report.undated = ["ev-x", "ev-y"]
    timeline_section = render_html(report, merged, docs).split('id="timeline"', 1)[1].split("</section>", 1)[0]
    assert "2 undated event(s)" in timeline_section


def test_change_section_has_temperature_deltas_and_drivers(page):
    change = page.split('<section id="changes">')[1].split("</section>")[0]
    assert "Temperature in 2024-06" in change
    assert "vs 2024-05" in change and "quad classes Δ" in change
    assert "Periods out of the norm" in change


def test_coverage_section_names_sources_dating_and_version(page):
    cov = page.split('<section id="coverage">')[1].split("</section>")[0]
    assert "Dated:" in cov and "Coded by accord extractor" in cov
    assert "a.txt" in cov and "Report" in cov  # a document and its outlet
    assert "Undated events" not in cov  # every sample event has a date or a report date
