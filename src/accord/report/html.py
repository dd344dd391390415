"""The relationship brief as one self-contained HTML file.

Offline by construction: CSS is inline, charts are inline SVG drawn by ``report.svg``, and
the only links are in-page anchors (``#ev-...``), so the file opens from a USB stick or an
e-mail attachment and prints cleanly. All text from the data is escaped with ``html.escape``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from html import escape

from accord.analytics.dyad import DyadReport, EventRow
from accord.coding.scores import type_info
from accord.model import Document, MergedEvent
from accord.report import svg
from accord.report.common import (
    DATES_SHOWN,
    DIRECTION_COLORS,
    LIST_ROWS,
    MAX_QUOTES,
    QUAD_COLORS,
    SIDE_COLORS,
    STATUS_COLORS,
    TIE_COLORS,
    Cut,
    Gap,
    act_label,
    count_line,
    coverage_lines,
    cut_line,
    dates_cell,
    day_ranks,
    describe,
    direction_label,
    doc_line,
    first,
    glance,
    latest,
    latest_first,
    ledger_line,
    listed_events,
    mark_words,
    period_rows,
    person,
    quad_delta,
    quotes,
    score,
    since,
    span_of,
    split_mark,
    temperature_line,
    title_of,
    topic_periods,
    topic_words,
    undated_line,
    who,
)

MAX_NETWORK_NODES = 40  # beyond this a circle of labels is unreadable: keep the busiest

CSS = """
:root { --ink:#1f2328; --muted:#5b636b; --rule:#d8dde3; --band:#f5f7f9; --accent:#3b6ea8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
p.sub { color: var(--muted); margin: 0 0 16px; }
nav { font-size: .9rem; margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav a { color: var(--accent); text-decoration: none; white-space: nowrap; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.kpi { background: var(--band); border-radius: 6px; padding: 8px 12px; flex: 1 1 100px; }
.kpi b { display: block; font-size: 1.35rem; }
.kpi span { color: var(--muted); font-size: .82rem; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule);
         overflow-wrap: break-word; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr:target { background: #fff6d5; }
code, .id, a.ev { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; }
code, .id { color: var(--muted); }
.id { word-break: break-all; }
a.ev { color: var(--accent); text-decoration: none; }
ul.evs { list-style: none; margin: 0; padding: 0; font-size: .82rem; overflow-wrap: anywhere; }
ul.evs a.ev { font-family: inherit; font-size: inherit; }
ul.evs li { margin: 0 0 3px; }
tr.gap td { color: var(--muted); font-style: italic; }
blockquote { margin: 2px 0 6px; padding: 2px 8px; border-left: 3px solid var(--rule); color: #333; }
mark { background: #fff0a8; padding: 0 1px; }
.src { color: var(--muted); font-size: .8rem; }
.muted { color: var(--muted); }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .78rem; color: #fff; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
.chart.network { margin: 8px auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 0 28px; }
.grid > * { min-width: 0; }  /* a grid cell may shrink below its content: long cells wrap, not overlap */
table.actors th:nth-child(3), table.actors td:nth-child(3) { width: 4.5em; }
table.actors td:nth-child(4) { width: 45%; }
ul.notes li { margin-bottom: 4px; }
table.events td:nth-child(6) { min-width: 16em; }
table.ledger td:nth-child(1) { width: 11em; }
table.change td:nth-child(7) { min-width: 14em; }
table.ledger td:nth-child(3) { min-width: 16em; }
h3 { font-size: 1rem; margin: 16px 0 4px; }
table.events td:nth-child(5), table.events td:nth-child(7) { min-width: 8em; }
@media (max-width: 600px) {  /* a phone: long words may break rather than push a table sideways */
  body { padding: 16px 12px 32px; }
  td { overflow-wrap: anywhere; }
  .kpi { flex-basis: 40%; }
  /* wide tables become one block per row, each cell with its column's name */
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto !important;
    min-width: 0 !important; }
  table.stack tr { border-bottom: 2px solid var(--rule); padding: 4px 0; }
  table.stack td { border: 0; padding: 2px 4px; text-align: left; white-space: normal; }
  table.stack td:empty { display: none; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  tr, blockquote, svg { break-inside: avoid; }
  a.ev { color: inherit; }
  .scroll { overflow: visible; }
  .kpi { border: 1px solid var(--rule); }
  .tag, mark, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }  /* status colours carry meaning */
  table.ledger tr, table.change tr { break-inside: avoid; }
  h3 { break-after: avoid; }
}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _anchor(event_id: str) -> str:
    return f"ev-{event_id}"


@dataclass(frozen=True, slots=True)
class _Page:
    """What the sections share to name events and link them: every event's row by id, the
    events that have a row in the events table (the only targets a link may have: a brief
    of a big dyad lists the latest only) and how many rows a long list shows (None: all)."""

    rows: Mapping[str, EventRow]
    listed: AbstractSet[str]
    limit: int | None
    ranks: Mapping[str, int]  # common.day_ranks of ``rows``: cells name their latest events by them

    @property
    def cut(self) -> bool:
        """Whether the events table leaves events out."""
        return len(self.listed) < len(self.rows)


def _ev_link(event_id: str, page: _Page) -> str:
    """A link to the event's row, named by date and words (``describe``); the id is its title.
    An event without a row in the page is named in plain text."""
    text = _e(describe(page.rows.get(event_id), event_id))
    if event_id not in page.listed:
        return f'<span title="{_e(event_id)}">{text}</span>'
    return f'<a class="ev" href="#{_e(_anchor(event_id))}" title="{_e(event_id)}">{text}</a>'


def _ev_ref(event_id: str, page: _Page) -> str:
    """A link to an event's full row from a table that already gives its date and evidence;
    its id as text when the events table does not list it."""
    if event_id not in page.listed:
        return f'<span class="id" title="not listed in this brief">{_e(event_id)}</span>'
    return f'<a class="ev" href="#{_e(_anchor(event_id))}" title="{_e(event_id)}">details ↓</a>'


def _cut_note(report: DyadReport, cut: Cut, noun: str) -> str:
    """The line under a shortened list: how many rows it leaves out and where they are."""
    line = cut_line(report, cut, noun)
    return f'<p class="muted cut">{_code(_e(line))}</p>' if line else ""


def _ev_links(ids: Iterable[str], page: _Page, limit: int = 4, *, recent: bool = True) -> str:
    """The first ``limit`` events of ``ids``, then how many more; on a page whose events table
    lists only the latest, the latest ``limit`` (``recent``), which that table holds. A list
    ranked by something else than date (a change's drivers) passes ``recent=False``."""
    ids = list(ids)
    if recent and page.cut:
        ids = latest_first(ids, page.ranks, limit)
    items = "".join(f"<li>{_ev_link(i, page)}</li>" for i in ids[:limit])
    if len(ids) > limit:
        items += f'<li class="muted">+{len(ids) - limit} more</li>'
    return f'<ul class="evs">{items}</ul>'


def _table(headers: list[str], rows: list[list[str]], *, numeric: AbstractSet[int] = frozenset(), empty: str,
           row_ids: list[str] | None = None, css: str = "", nowrap: AbstractSet[int] = frozenset({0})) -> str:
    """A table from already-escaped cells; ``numeric`` columns are right-aligned."""
    if not rows:
        return f'<p class="muted">{_e(empty)}</p>'
    head = "".join(f'<th class="num">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        attr = f' id="{_e(row_ids[n])}"' if row_ids else ""
        label = [f' data-label="{_e(h)}"' for h in headers]  # a phone shows it before a stacked cell
        cells = "".join(f'<td class="num"{label[i]}>{c}</td>' if i in numeric else
                        (f'<td class="nowrap"{label[i]}>{c}</td>' if i in nowrap else f"<td{label[i]}>{c}</td>")
                        for i, c in enumerate(row))
        body.append(f"<tr{attr}>{cells}</tr>")
    # every table stacks into labelled blocks on a phone: a wide table cannot fit 390 px otherwise
    cls = f' class="{" ".join(dict.fromkeys((css + " stack").split()))}"'
    return f'<div class="scroll"><table{cls}><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _evidence(sentence: str, evidence: str) -> str:
    """The evidence marked inside its sentence, quoted."""
    before, mark, after = split_mark(sentence, evidence)
    inner = f"{_e(before)}<mark>{_e(mark)}</mark>{_e(after)}" if before or after or mark == evidence else _e(mark)
    return f"<blockquote>{inner}</blockquote>"


def _code(escaped: str) -> str:
    """`command` in already-escaped text as <code>command</code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def _section(id_: str, title: str, *body: str) -> str:
    return f'<section id="{id_}"><h2>{_e(title)}</h2>{"".join(body)}</section>'


# --- sections ----------------------------------------------------------------------------------


def _summary(report: DyadReport) -> str:
    net = sum(p.score_sum for p in report.periods)
    quads: dict[int, int] = {}
    for q in report.quads:
        quads[q.quad] = quads.get(q.quad, 0) + q.events
    kpis = [
        (str(report.counted), "events counted"),
        (str(report.documents), "documents"),
        (str(len(report.sources)), "outlets named"),
        (f"{net:+.1f}", "net index"),
    ] + [(str(quads.get(q, 0)), label) for q, label in
         ((1, "verbal cooperation"), (2, "material cooperation"), (3, "verbal conflict"), (4, "material conflict"))]
    boxes = "".join(f'<div class="kpi"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in kpis)
    extra = report.events - report.counted
    note = (f'<p class="muted">{extra} further event(s) are hypothetical or negated: listed below, not counted.</p>'
            if extra else "")
    lines = "".join(f"<li>{_e(line)}</li>" for line in glance(report))
    return f'<div class="kpis">{boxes}</div>{note}<ul class="notes glance">{lines}</ul>'


def _timeline(report: DyadReport, page: _Page) -> str:
    undated = undated_line(report, listed=all(i in page.listed for i in report.undated))
    if not report.periods:
        return '<p class="muted">No dated events: nothing to chart.</p>' + (
            f'<p class="muted" id="undated">{_e(undated)}</p>' if undated else "")
    keys = list(dict.fromkeys(p.period for p in report.periods))
    series = []
    for n, direction in enumerate(report.directions):
        stats = report.series(direction)
        series.append(svg.Series(
            direction_label(direction), DIRECTION_COLORS[n % len(DIRECTION_COLORS)],
            tuple(p.events for p in stats), tuple(p.score_sum for p in stats),
            tuple(f"{direction_label(direction)} {p.period}: {p.events} event(s), index {p.score_sum:+g}"
                  for p in stats),
        ))
    chart = svg.timeline(keys, series, title=f"Events per {report.period} and index, {report.a}–{report.b}")
    return chart + (f'<p class="muted" id="undated">{_e(undated)}</p>' if undated else "")


def _change(report: DyadReport, page: _Page) -> str:
    """Temperature, period-over-period deltas with the drivers of notable ones, then the z-score outliers."""
    ch = report.change
    rows = []
    for d in ch.deltas if ch else []:
        drivers = ""
        if d.notable:
            lead = "" if d.drivers_from == d.period else f' <span class="muted">missing since {_e(d.drivers_from)}:</span>'
            drivers = "<b>notable</b>" + lead + _ev_links(d.drivers, page, 3, recent=False)
        rows.append([_e(d.period), _e(since(d)), _e(f"{d.events} ({d.d_events:+d})" if d.previous else d.events),
                     _e(f"{d.index:+.1f} ({d.d_index:+.1f})" if d.previous else f"{d.index:+.1f}"),
                     _e(score(d.mean)), _e(quad_delta(d.d_quads) if d.previous else "—"), drivers])
    table = _table(["period", "compared", "events (Δ)", "index (Δ)", "mean", "quad classes Δ", "drivers"], rows,
                   numeric={2, 3, 4}, nowrap={0}, css="change stack", empty="No dated events.")
    how = (f'<p class="muted">Each period with events is compared with the previous period with events; quiet periods '
           f"are counted, not compared. Notable: the index moved by at least one standard deviation of the periods' "
           f"index sums. Temperature = {_e(ch.temperature.how)}.</p>" if ch else "")
    return (f"<p><b>{_e(temperature_line(report))}</b></p>" + table + how
            + "<h3>Periods out of the norm</h3>" + _changes(report, page))


def _changes(report: DyadReport, page: _Page) -> str:
    rows = [[
        _e(c.period), _e(direction_label(c.direction)), _e(c.kind), _e(f"{c.score_sum:+.1f}"),
        _e(f"{c.mean:+.1f} ± {c.std:.1f}"), _e(f"{c.z:+.2f}"), _e(c.events), _ev_links(c.event_ids, page),
    ] for c in report.changes]
    return _table(["period", "direction", "change", "index", "norm (mean ± sd)", "z", "events", "events"],
                  rows, numeric={3, 5, 6},
                  empty="No period departs from the norm (|z| ≥ 1.5), or there are too few periods to tell.")


def _types(report: DyadReport, page: _Page) -> str:
    totals: dict[str, int] = {}
    for t in report.by_type:
        totals[t.type] = totals.get(t.type, 0) + t.events
    bars = []
    for kind, count in sorted(totals.items(), key=lambda kv: -kv[1]):
        info = type_info(kind)
        bars.append(svg.Bar(kind, count, QUAD_COLORS.get(info.quad if info else 0, "#888"),
                            f"{kind}: {count} event(s)"))
    chart = svg.hbars(bars, title="Events by PLOVER type") if bars else '<p class="muted">No events.</p>'
    rows = [[_e(direction_label(t.direction)), _e(t.type), _e(t.events), _e(f"{t.score_sum:+.1f}"),
             _ev_links(t.event_ids, page)] for t in report.by_type]
    table = _table(["direction", "type", "events", "index", "events"], rows, numeric={2, 3}, empty="No events.")
    legend = " ".join(f'<span class="tag" style="background:{c}">{_e(label)}</span>' for c, label in
                      ((QUAD_COLORS[1], "verbal cooperation"), (QUAD_COLORS[2], "material cooperation"),
                       (QUAD_COLORS[3], "verbal conflict"), (QUAD_COLORS[4], "material conflict")))
    return f'<p>{legend}</p><div class="grid"><div>{chart}</div><div>{table}</div></div>'


def _quads(report: DyadReport, page: _Page) -> str:
    rows = [[_e(direction_label(q.direction)), f'<span class="tag" style="background:{QUAD_COLORS[q.quad]}">'
             f"{q.quad}</span> {_e(q.label)}", _e(q.events), _ev_links(q.event_ids, page)] for q in report.quads]
    return _table(["direction", "quad class", "events", "events"], rows, numeric={2}, empty="No events.")


def _actors(report: DyadReport, page: _Page) -> str:
    parts = []
    for country in (report.a, report.b):
        rows = [[_e(k.name) + (f' <span class="muted">{_e(k.sector)}</span>' if k.sector else ""),
                 _e(", ".join(k.roles)), _e(k.events), _ev_links(k.event_ids, page, 3)]
                for k in report.actors if k.country == country]
        parts.append(f"<div><h3>{_e(country)}</h3>"
                     + _table(["actor", "roles", "events", "events"], rows, numeric={2}, css="actors", nowrap=set(),
                              empty=f"No named {country} actors.") + "</div>")
    return f'<div class="grid">{"".join(parts)}</div>'


def _network(report: DyadReport) -> str:
    ties = report.ties
    if not ties:
        return '<p class="muted">No meetings or support between named participants.</p>'
    weight: dict[tuple[str, str | None], int] = {}
    for t in ties:
        for key in ((t.source, t.source_country), (t.target, t.target_country)):
            weight[key] = weight.get(key, 0) + t.events
    keep = sorted(weight, key=lambda k: (-weight[k], k[1] or "", k[0]))[:MAX_NETWORK_NODES]
    # order around the circle by side, so each country's people sit together
    side = {report.a: 0, report.b: 1}
    keep.sort(key=lambda k: (side.get(k[1] or "", 2), k[1] or "", k[0]))
    index = {k: i for i, k in enumerate(keep)}
    nodes = [svg.Node(person(name, country),
                      SIDE_COLORS[side.get(country or "", 2)],
                      f"{name} ({country or '?'}): {weight[(name, country)]} tie(s)")
             for name, country in keep]
    edges = []
    for t in ties:
        s, d = index.get((t.source, t.source_country)), index.get((t.target, t.target_country))
        if s is None or d is None:
            continue
        verb = "met" if t.kind == "CONSULT" else "support/signing with"
        edges.append(svg.Edge(s, d, TIE_COLORS.get(t.kind, "#888"), t.events,
                              f"{t.source} {verb} {t.target}: {t.events} event(s)"))
    note = (f'<p class="muted">Showing the {MAX_NETWORK_NODES} most connected of {len(weight)} participants.</p>'
            if len(weight) > MAX_NETWORK_NODES else "")
    legend = (f'<p><span class="tag" style="background:{TIE_COLORS["CONSULT"]}">CONSULT (met)</span> '
              f'<span class="tag" style="background:{TIE_COLORS["SUPPORT"]}">SUPPORT (backed, signed)</span> '
              f'<span class="tag" style="background:{SIDE_COLORS[0]}">{_e(report.a)}</span> '
              f'<span class="tag" style="background:{SIDE_COLORS[1]}">{_e(report.b)}</span> '
              f'<span class="tag" style="background:{SIDE_COLORS[2]}">others</span></p>')
    return legend + svg.network(nodes, edges, title=f"Actor network, {report.a}–{report.b}") + note


def _who_met(report: DyadReport, page: _Page) -> str:
    cut = first(report.meetings, page.limit, "busiest")  # ranked by how often they met
    rows = [[_e(person(t.source, t.source_country)), _e(person(t.target, t.target_country)),
             _e(t.events), _e(dates_cell(t.dates, None if page.limit is None else DATES_SHOWN)),
             _ev_links(t.event_ids, page)]
            for t in cut.shown]
    return _table(["participant", "met", "times", "dates", "events"], rows, numeric={2},
                  empty="No meetings between named participants.") + _cut_note(report, cut, "pairs who met")


def _aid(report: DyadReport, page: _Page) -> str:
    cut = latest(report.aid, lambda f: f.date, page.limit)
    rows = [[_e(f.date or "—"), _e(direction_label(f.direction)), _e(who(f.donors)), _e(who(f.recipients)),
             _e(f.status), _evidence(f.sentence, f.evidence), _ev_ref(f.event_id, page)]
            for f in cut.shown]
    return _table(["date", "direction", "from", "to", "status", "evidence", "event"], rows, css="stack",
                  empty="No aid flows reported.") + _cut_note(report, cut, "aid flows")


def _coverage(report: DyadReport, page: _Page) -> str:
    """Sources and documents, how events were dated, the undated listed, merged vs raw, versions."""
    cov = report.coverage
    if cov is None:
        return '<p class="muted">No coverage figures.</p>'
    lines = "".join(f"<li>{_code(_e(line))}</li>" for line in coverage_lines(report))
    undated = ""
    if cov.undated:
        listed = first(cov.undated, page.limit)
        where = ("; each is in All events" if all(i in page.listed for i in cov.undated)
                 else "; those in the events table below link to their row")
        undated = (f'<h3 id="undated-events">Undated events ({len(cov.undated)})</h3>'
                   f'<p class="muted">In no period and not in the timeline or the change figures{where}.</p>'
                   + _ev_links(listed.shown, page, len(listed.shown)) + _cut_note(report, listed, "undated events"))
    cut = latest(cov.documents, lambda d: d.published, page.limit)
    rows = [[_e(d.origin) + (f"<br>{_e(d.title)}" if d.title else ""), _e(d.outlet or "—"), _e(d.published or "undated"),
             _e(d.date_source or "—"), _e(d.events), _e(d.extractor_version or "—")] for d in cut.shown]
    docs = _table(["document", "outlet", "published", "date from", "events", "extractor"], rows, numeric={4},
                  nowrap={2}, empty="No documents.") + _cut_note(report, cut, "documents")
    return f'<ul class="notes">{lines}</ul>{undated}<h3>Documents</h3>{docs}'


def _commitments(report: DyadReport, page: _Page) -> str:
    """The ledger: who promised what and when, whether a later report shows it happened; then
    the agreements signed (``analytics_commitments``)."""
    led = report.commitments
    cut = latest(led.items if led else [], lambda c: c.promised_on, page.limit)
    rows = []
    for c in cut.shown:
        status = (f'<span class="tag" style="background:{STATUS_COLORS[c.status]}">{_e(c.status_label)}</span>'
                  f'<br><span class="muted">{_e(c.status_note)}</span>')
        promised = _e(c.promised_on or "—") + f"<br>{_e(who(c.promised_by))}"
        what = (f"<b>{_e(act_label(c.kind, c.type, c.mode))}</b> {_e(who(c.parties))}"
                + _evidence(c.sentence, c.what)
                + (f'<span class="muted">{_e(c.note)}</span> ' if c.note else "") + _ev_ref(c.event_id, page))
        kept = ""
        if c.kept_by:
            kept = _e(c.kept_on or "undated") + _evidence(c.kept_sentence, c.kept_evidence) + _ev_ref(c.kept_by, page)
        rows.append([status, promised, what, _e(c.due or "—"), kept or '<span class="muted">—</span>'])
    table = _table(["status", "promised", "what", "due", "shown by"], rows, nowrap=set(), css="ledger stack",
                   empty="No planned, proposed or agreed acts reported.") + _cut_note(report, cut, "commitments")
    agreed = latest(report.agreements, lambda g: g.date, page.limit)
    signed = [[_e(g.date or "—"), f"<b>{_e(g.title)}</b>" if g.title else '<span class="muted">(title not stated)</span>',
               _e(", ".join(g.parties)), _evidence(g.sentence, g.evidence), _ev_ref(g.event_id, page)]
              for g in agreed.shown]
    return (f"<p>{_e(ledger_line(report))}.</p>" + table
            + '<p class="muted">A commitment happened when a later report, from another article or dated after the '
              "promise, shows an event of the same type, the same countries and something specific in common (a named "
              "participant, the mode, a topic, or a date in the promised period); overdue when its due date passed "
              "with no such report.</p>"
            + '<div id="agreements"><h3>Agreements signed</h3>'
            + _table(["date", "agreement", "parties", "evidence", "event"], signed, css="stack",
                     empty="No signed agreements reported.") + _cut_note(report, agreed, "agreements") + "</div>")


def _topics(report: DyadReport, page: _Page) -> str:
    """Topics by period with counts, the words that put events there, and an example sentence."""
    rows = []
    for t in report.topics:
        example = ""
        if t.examples:
            ex = t.examples[0]
            marked = "".join(f"<mark>{_e(text)}</mark>" if hit else _e(text) for text, hit in mark_words(ex.sentence, ex.words))
            example = f"<blockquote>{marked}</blockquote>{_ev_link(ex.event_id, page)}"
        rows.append([_e(t.label), _e(t.events), _e(t.documents), _e(topic_periods(t)), _e(topic_words(t)), example])
    return (_table(["topic", "events", "documents", f"by {report.period}", "words", "example"], rows,
                   numeric={1, 2}, empty="No topic words in the events' sentences.")
            + '<p class="muted">An event can concern several topics. Topics and their words are in '
              "data/topics.yaml (extend it to add words or topics).</p>")


def _contexts(report: DyadReport, page: _Page) -> str:
    rows = [[_e(c.context), _e(c.events), _ev_links(c.event_ids, page)] for c in report.contexts]
    return _table(["context", "events", "events"], rows, numeric={1}, empty="No contexts coded.")


def _periods(report: DyadReport, page: _Page) -> str:
    rows = []
    for p in period_rows(report):  # quiet stretches collapse into one row
        if isinstance(p, Gap):
            rows.append([_e(p.label), f'<span class="muted">{_e(p.note(report.period))}</span>',
                         "0", "", "", "", "", ""])
            continue
        rows.append([_e(p.period), _e(direction_label(p.direction)), _e(p.events), _e(p.documents),
                     _e(score(p.score_sum)), _e(score(p.score_mean)), _e(score(p.per_document)),
                     _ev_links(p.event_ids, page, 4)])
    return _table(["period", "direction", "events", "documents", "index sum", "mean", "per document", "events"],
                  rows, numeric={2, 3, 4, 5, 6}, empty="No dated events.")


def _events(report: DyadReport, cut: Cut[EventRow], merged: Mapping[str, MergedEvent],
            documents: Mapping[str, Document]) -> str:
    """The events of ``cut``, each numbered by its place among all the report's events."""
    number = {r.id: n for n, r in enumerate(report.rows, 1)} if cut.hidden else {}
    rows, ids = [], []
    for k, row in enumerate(cut.shown, 1):
        n = number.get(row.id, k)
        quoted = quotes(row, merged.get(row.id), documents)
        shown = "".join(
            f"<blockquote>{_e(q.before)}<mark>{_e(q.mark)}</mark>{_e(q.after)}</blockquote>"
            for q in quoted[:MAX_QUOTES]
        )
        if len(quoted) > MAX_QUOTES:
            shown += f'<span class="muted">+{len(quoted) - MAX_QUOTES} more mention(s)</span>'
        sources = "<br>".join(f'<span class="src">{_e(doc_line(documents.get(d), d))}</span>' for d in row.documents)
        kind = row.type + (f":{row.mode}" if row.mode else "")
        if row.counted_type != row.type:
            kind += f" → {row.counted_type}"
        quad = (f' <span class="tag" style="background:{QUAD_COLORS[row.quad]}">{row.quad}</span>'
                if row.quad else "")
        status = _e(row.status) + ("" if row.counted else ' <span class="muted">(not counted)</span>')
        rows.append([
            _e(n), _e(row.when or "—") + (f'<br><span class="muted">{_e(row.date)}</span>'
                                          if row.date and row.date != row.when else ""),
            _e(kind) + quad + f"<br>{status}"
            + (f'<br><span class="muted">topics: {_e(", ".join(row.topics))}</span>' if row.topics else ""),
            _e(direction_label(row.direction)),
            _e(who(row.actors)) + " → " + _e(who(row.recipients)), shown or '<span class="muted">—</span>',
            sources, _e(score(row.score)), f'<span class="id">{_e(row.id)}</span>',
        ])
        ids.append(_anchor(row.id))
    return _cut_note(report, cut, "events") + _table(
        ["#", "date", "type / status", "direction", "actor → recipient", "evidence", "source", "score", "id"],
        rows, numeric={0, 7}, empty="No events.", row_ids=ids, css="events stack", nowrap={1})


def render_html(
    report: DyadReport,
    events: list[MergedEvent],
    documents: Mapping[str, Document],
    *,
    generated: dt.date | None = None,
    limit: int | None = LIST_ROWS,
) -> str:
    """The brief as one HTML page: summary, charts, tables, and the events with their evidence.

    Lists that grow with the events (the events, the ledger, agreements, aid, meetings, the
    documents) show at most ``limit`` rows, the latest where the list is by date, then a line
    saying how many are left out and where they are; ``limit=None`` shows every row. Counts,
    charts and indices are computed over every event whatever the limit."""
    merged = {m.id: m for m in events}
    listed = listed_events(report, limit)
    rows = report.rows_by_id()
    page = _Page(rows, {r.id for r in listed.shown}, limit, day_ranks(rows))
    title = title_of(report)
    when = (generated or dt.date.today()).isoformat()
    mode = "directed (A → B and B → A apart)" if report.directed else "undirected"
    sections = [
        ("summary", "Summary", _summary(report)),
        ("timeline", f"Timeline by {report.period}", _timeline(report, page)),
        ("changes", "Change", _change(report, page)),
        ("topics", "Topics", _topics(report, page)),
        ("commitments", "Commitments and agreements", _commitments(report, page)),
        ("types", "Events by type", _types(report, page)),
        ("quads", "Cooperation and conflict (quad classes)", _quads(report, page)),
        ("actors", "Key actors", _actors(report, page)),
        ("network", "Actor network", _network(report)),
        ("meetings", "Who met whom", _who_met(report, page)),
        ("aid", "Aid flows", _aid(report, page)),
        ("contexts", "Top contexts", _contexts(report, page)),
        ("periods", f"Index by {report.period}", _periods(report, page)),
        ("coverage", "Coverage and trust", _coverage(report, page)),
        ("events", f"Latest events ({len(listed.shown)} of {listed.total})" if listed.hidden
         else f"All events ({len(report.rows)})", _events(report, listed, merged, documents)),
        ("method", "How this was computed",
         '<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "</ul>"),
    ]
    nav = "".join(f'<a href="#{id_}">{_e(name)}</a>' for id_, name, _ in sections)
    body = "".join(_section(id_, name, content) for id_, name, content in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="accord"><title>{_e(title)}</title>'
        f"<style>{CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="sub">{_e(span_of(report))} · {_e(count_line(report))} from {report.documents} document(s) · '
        f"{_e(mode)} · by {_e(report.period)} · generated {_e(when)} by accord</p></header>"
        f"<nav>{nav}</nav><main>{body}</main></body></html>\n"
    )


__all__ = ["render_html"]
