"""The relationship brief as Markdown: the HTML brief's tables, without the charts.

Cells are escaped so that evidence text cannot break a table (``|``, line breaks) or smuggle
HTML into a renderer that passes raw HTML through (``<``, ``>``, ``&`` become entities).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from accord.analytics.dyad import DyadReport, EventRow
from accord.model import Document, MergedEvent
from accord.report.common import (
    DATES_SHOWN,
    LIST_ROWS,
    MAX_QUOTES,
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

CHART_NOTE = "_Charts are in the HTML brief (`accord report {a} {b} -o brief.html`)._"


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return " ".join(text.split())  # newlines would end the row


def table(headers: list[str], rows: Sequence[Sequence[object]], *, empty: str) -> str:
    if not rows:
        return f"_{empty}_\n"
    out = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _quote(sentence: str, evidence: str) -> str:
    before, mark, after = split_mark(sentence, evidence)
    return f"“{before}**{mark}**{after}”" if before or after else f"“{mark}”"


def _marked(sentence: str, words: list[str]) -> str:
    return "“" + "".join(f"**{text}**" if hit else text for text, hit in mark_words(sentence, words)) + "”"


def _cut_note(report: DyadReport, cut: Cut, noun: str) -> str:
    """The line under a shortened list: how many rows it leaves out and where they are."""
    line = cut_line(report, cut, noun)
    return f"\n_{line}_\n" if line else ""


def _ids(ids: list[str], rows: Mapping[str, EventRow], limit: int = 4, *,
         recent: Mapping[str, int] | None = None) -> str:
    """Events named by date, type, who → whom and trigger words (``describe``), not by id; the
    latest ``limit`` first with ``recent`` (``day_ranks`` of the rows: a brief that lists the
    latest events only)."""
    if recent is not None:
        ids = latest_first(ids, recent, limit)
    shown = "; ".join(describe(rows.get(i), i) for i in ids[:limit])
    return shown + (f"; +{len(ids) - limit} more" if len(ids) > limit else "")


def _periods(report: DyadReport, rows: Mapping[str, EventRow],
             recent: Mapping[str, int] | None) -> list[list[object]]:
    out: list[list[object]] = []
    for p in period_rows(report):  # quiet stretches collapse into one row
        if isinstance(p, Gap):
            out.append([p.label, p.note(report.period), 0, "", "", "", "", ""])
        else:
            out.append([p.period, direction_label(p.direction), p.events, p.documents, score(p.score_sum),
                        score(p.score_mean), score(p.per_document), _ids(p.event_ids, rows, recent=recent)])
    return out


def render_markdown(
    report: DyadReport,
    events: list[MergedEvent],
    documents: Mapping[str, Document],
    *,
    generated: dt.date | None = None,
    limit: int | None = LIST_ROWS,
) -> str:
    """The brief as GitHub-flavoured Markdown: the same sections and tables as the HTML, the
    long lists cut to ``limit`` rows as there (None: every row)."""
    merged = {m.id: m for m in events}
    listed = listed_events(report, limit)
    shown = {r.id for r in listed.shown}
    promises = latest(report.commitments.items if report.commitments else [], lambda c: c.promised_on, limit)
    agreed = latest(report.agreements, lambda g: g.date, limit)
    meetings = first(report.meetings, limit, "busiest")
    aid = latest(report.aid, lambda f: f.date, limit)
    days = None if limit is None else DATES_SHOWN
    a, b = report.a, report.b
    mode = "directed" if report.directed else "undirected"
    when = (generated or dt.date.today()).isoformat()
    quad_totals: dict[str, int] = {}
    for q in report.quads:
        quad_totals[q.label] = quad_totals.get(q.label, 0) + q.events
    net = sum(p.score_sum for p in report.periods)
    by_id = report.rows_by_id()
    # cells naming a few events name the latest, which the page lists
    recent = day_ranks(by_id) if listed.hidden > 0 else None
    parts: list[str] = [
        f"# {title_of(report)}\n",
        f"{span_of(report)} · {report.events} event(s) from {report.documents} document(s) · {mode} · "
        f"by {report.period} · generated {when} by accord\n".replace(
            f"{report.events} event(s)", count_line(report), 1),
        "## Summary\n",
        table(["measure", "value"], [
            ["events counted", report.counted], ["documents", report.documents], ["outlets", len(report.sources)],
            ["net index", f"{net:+.1f}"], *[[k, v] for k, v in quad_totals.items()],
        ], empty="No events."),
        "\n".join(f"- {line}" for line in glance(report)) + "\n",
        f"## Timeline by {report.period}\n",
        CHART_NOTE.format(a=a, b=b) + "\n",
        (f"_{undated_line(report, listed=all(i in shown for i in report.undated))}_\n" if report.undated else ""),
        table(["period", "direction", "events", "documents", "index sum", "mean", "per document", "events"],
              _periods(report, by_id, recent), empty="No dated events."),
        "## Change\n",
        f"**{temperature_line(report)}**\n",
        table(["period", "compared", "events (Δ)", "index (Δ)", "mean", "quad classes Δ", "drivers"], [
            [d.period, since(d), f"{d.events} ({d.d_events:+d})" if d.previous else d.events,
             f"{d.index:+.1f} ({d.d_index:+.1f})" if d.previous else f"{d.index:+.1f}", score(d.mean),
             quad_delta(d.d_quads) if d.previous else "—",
             ("notable: " + ("" if d.drivers_from == d.period else f"missing since {d.drivers_from}: ")
              + _ids(d.drivers, by_id, 3)) if d.notable else ""]
            for d in (report.change.deltas if report.change else [])
        ], empty="No dated events."),
        ("_Each period with events is compared with the previous period with events; quiet periods are counted, "
         "not compared. Notable: the index moved by at least one standard deviation of the periods' index sums. "
         f"Temperature = {report.change.temperature.how if report.change else ''}._\n"),
        "### Notable changes (periods out of the norm)\n",
        table(["period", "direction", "change", "index", "norm (mean ± sd)", "z", "events"], [
            [c.period, direction_label(c.direction), c.kind, f"{c.score_sum:+.1f}", f"{c.mean:+.1f} ± {c.std:.1f}",
             f"{c.z:+.2f}", _ids(c.event_ids, by_id, recent=recent)] for c in report.changes
        ], empty="No period departs from the norm (|z| ≥ 1.5), or there are too few periods to tell."),
        "## Topics\n",
        table(["topic", "events", "documents", f"by {report.period}", "words", "example"], [
            [t.label, t.events, t.documents, topic_periods(t), topic_words(t),
             (_marked(t.examples[0].sentence, t.examples[0].words) + " — " + describe(by_id.get(t.examples[0].event_id),
                                                                                     t.examples[0].event_id))
             if t.examples else ""] for t in report.topics
        ], empty="No topic words in the events' sentences."),
        "## Commitments and agreements\n",
        ledger_line(report) + ".\n",
        table(["status", "why", "promised", "by", "what", "evidence", "due", "shown by"], [
            [c.status_label, c.status_note, c.promised_on or "—", who(c.promised_by),
             act_label(c.kind, c.type, c.mode) + " " + who(c.parties) + (f" ({c.note})" if c.note else ""),
             _quote(c.sentence, c.what), c.due or "—",
             (f"{c.kept_on or 'undated'}: {_quote(c.kept_sentence, c.kept_evidence)}" if c.kept_by else "—")]
            for c in promises.shown
        ], empty="No planned, proposed or agreed acts reported.") + _cut_note(report, promises, "commitments"),
        ("_A commitment happened when a later report, from another article or dated after the promise, shows an "
         "event of the same type, the same countries and something specific in common (a named participant, the "
         "mode, a topic, or a date in the promised period); overdue when its due date passed with no such report._\n"),
        "### Agreements signed\n",
        table(["date", "agreement", "parties", "evidence", "event id"], [
            [g.date or "—", g.title or "(title not stated)", ", ".join(g.parties), _quote(g.sentence, g.evidence),
             g.event_id]
            for g in agreed.shown
        ], empty="No signed agreements reported.") + _cut_note(report, agreed, "agreements"),
        "## Events by type\n",
        table(["direction", "type", "events", "index", "events"], [
            [direction_label(t.direction), t.type, t.events, f"{t.score_sum:+.1f}", _ids(t.event_ids, by_id, recent=recent)]
            for t in report.by_type
        ], empty="No events."),
        "## Cooperation and conflict (quad classes)\n",
        table(["direction", "quad", "class", "events"], [
            [direction_label(q.direction), q.quad, q.label, q.events] for q in report.quads
        ], empty="No events."),
        "## Key actors\n",
    ]
    for country in (a, b):
        parts.append(f"### {country}\n")
        parts.append(table(["actor", "sector", "roles", "events"], [
            [k.name, k.sector or "", ", ".join(k.roles), k.events] for k in report.actors if k.country == country
        ], empty=f"No named {country} actors."))
    parts += [
        "## Who met whom\n",
        CHART_NOTE.format(a=a, b=b).replace("Charts are", "The actor network chart is") + "\n",
        table(["participant", "met", "times", "dates", "events"], [
            [person(t.source, t.source_country), person(t.target, t.target_country), t.events,
             dates_cell(t.dates, days), _ids(t.event_ids, by_id, recent=recent)]
            for t in meetings.shown
        ], empty="No meetings between named participants.") + _cut_note(report, meetings, "pairs who met"),
        "## Aid flows\n",
        table(["date", "direction", "from", "to", "status", "evidence", "event id"], [
            [f.date or "—", direction_label(f.direction), who(f.donors), who(f.recipients), f.status,
             _quote(f.sentence, f.evidence), f.event_id] for f in aid.shown
        ], empty="No aid flows reported.") + _cut_note(report, aid, "aid flows"),
        "## Top contexts\n",
        table(["context", "events"], [[c.context, c.events] for c in report.contexts], empty="No contexts coded."),
        "## Coverage and trust\n",
        "\n".join(f"- {line}" for line in coverage_lines(report)) + "\n",
    ]
    cov = report.coverage
    if cov is not None and cov.undated:
        undated = first(cov.undated, limit)
        where = "; each is in All events" if all(i in shown for i in cov.undated) else ""
        parts += [f"### Undated events ({len(cov.undated)})\n",
                  f"_In no period and not in the timeline or the change figures{where}._\n",
                  "\n".join(f"- {describe(by_id.get(i), i)}" for i in undated.shown) + "\n"
                  + _cut_note(report, undated, "undated events")]
    if cov is not None:
        docs = latest(cov.documents, lambda d: d.published, limit)
        parts += ["### Documents\n", table(["document", "title", "outlet", "published", "date from", "events",
                                            "extractor"], [
            [d.origin, d.title or "", d.outlet or "—", d.published or "undated", d.date_source or "—", d.events,
             d.extractor_version or "—"] for d in docs.shown], empty="No documents.")
            + _cut_note(report, docs, "documents")]
    parts += [
        (f"## Latest events ({len(listed.shown)} of {listed.total})\n" if listed.hidden
         else f"## All events ({len(report.rows)})\n"),
    ]
    if listed.hidden:
        parts.append(_cut_note(report, listed, "events").strip() + "\n")
    number = {r.id: n for n, r in enumerate(report.rows, 1)} if listed.hidden else {}
    rows = []
    for k, row in enumerate(listed.shown, 1):
        n = number.get(row.id, k)
        quoted = quotes(row, merged.get(row.id), documents)
        evidence = " / ".join(f"“{q.before}**{q.mark}**{q.after}”" if q.before or q.after else f"“{q.mark}”"
                              for q in quoted[:MAX_QUOTES])
        if len(quoted) > MAX_QUOTES:
            evidence += f" (+{len(quoted) - MAX_QUOTES} more)"
        kind = row.type + (f":{row.mode}" if row.mode else "")
        if row.counted_type != row.type:
            kind += f" → {row.counted_type}"
        if row.topics:
            kind += f" · topics: {', '.join(row.topics)}"
        rows.append([
            n, row.when or "—", kind, row.status + ("" if row.counted else " (not counted)"),
            direction_label(row.direction), f"{who(row.actors)} → {who(row.recipients)}", evidence,
            "; ".join(doc_line(documents.get(d), d) for d in row.documents), score(row.score), row.id,
        ])
    parts.append(table(["#", "date", "type", "status", "direction", "actor → recipient", "evidence", "source",
                        "score", "id"], rows, empty="No events."))
    parts.append("## How this was computed\n")
    parts.append("\n".join(f"- {n}" for n in report.notes) + "\n")
    return "\n".join(parts)


__all__ = ["render_markdown"]
