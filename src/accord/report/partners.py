"""A country's partners overview (``accord report AZE``): every relationship side by side.

One HTML page (same offline CSS as the brief) or Markdown: a bar chart of events per partner and
one row per partner with volume, index, quad classes, topics, commitments and latest events,
each partner linking to its dyad brief (``{A}-{B}-brief.html``, written next to the overview).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from accord.analytics.commitments import STATUS_LABELS
from accord.analytics.partners import Partner
from accord.report import svg
from accord.report.common import QUAD_COLORS, describe, score
from accord.report.html import CSS


def brief_name(a: str, b: str, fmt: str = "html") -> str:
    """The file a dyad brief is written to by default (``accord report A B``)."""
    return f"{a}-{b}-brief.{fmt}"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _span(p: Partner) -> str:
    return f"{p.first} to {p.last}" if p.first else "no dated events"


def _commitments(p: Partner) -> str:
    return ", ".join(f"{n} {STATUS_LABELS[k]}" for k, n in p.commitments.items()) or "—"


def _latest(p: Partner) -> list[str]:
    rows = p.report.rows_by_id() if p.report else {}
    return [describe(rows.get(i), i) for i in p.latest]


def _quads(p: Partner) -> str:
    return " · ".join(f"Q{q} {p.quads.get(q, 0)}" for q in (1, 2, 3, 4))


def render_partners_html(country: str, partners: list[Partner], *, generated: dt.date | None = None,
                         link: Callable[[str, str], str] = brief_name) -> str:
    """The overview page; ``link(a, b)`` gives each partner's brief file (relative)."""
    when = (generated or dt.date.today()).isoformat()
    title = f"{country}: partners overview"
    bars = [svg.Bar(p.country, p.events, QUAD_COLORS[1] if (p.mean_index or 0) >= 0 else QUAD_COLORS[3],
                    f"{country}–{p.country}: {p.events} event(s), net index {p.net_index:+g}") for p in partners]
    chart = svg.hbars(bars, title=f"Events per partner of {country}") if bars else ""
    rows = []
    for p in partners:
        latest = "".join(f"<li>{_e(x)}</li>" for x in _latest(p)) or '<li class="muted">—</li>'
        topics = ", ".join(f"{label} ({n})" for label, n in p.topics) or "—"
        span = (f'<span class="nowrap">{_e(p.first)}</span> to <span class="nowrap">{_e(p.last)}</span>'
                if p.first else "no dated events")
        rows.append(
            f'<tr id="partner-{_e(p.country)}"><td class="nowrap" data-label="partner">'
            f'<a href="{_e(link(country, p.country))}"><b>{_e(country)}–{_e(p.country)}</b></a><br>'
            f'<span class="muted">brief →</span></td>'
            f'<td class="num" data-label="events">{p.events}<br><span class="muted">{p.reports} reports</span></td>'
            f'<td data-label="span">{span}' + (f'<br><span class="muted">{p.undated} undated</span>' if p.undated else "")
            + f'</td><td class="num" data-label="index">{_e(score(p.net_index))}<br><span class="muted">mean '
            f"{_e(score(p.mean_index))}</span></td>"
            f'<td data-label="quad classes">{_e(_quads(p))}</td><td data-label="topics">{_e(topics)}</td>'
            f'<td data-label="commitments">{_e(_commitments(p))}</td>'
            f'<td data-label="latest events"><ul class="evs">{latest}</ul></td></tr>')
    head = "".join(f"<th{' class=\"num\"' if h in {'events', 'index'} else ''}>{_e(h)}</th>" for h in
                   ("partner", "events", "span", "index", "quad classes", "topics", "commitments", "latest events"))
    table = (f'<div class="scroll"><table class="partners stack"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
             "</tbody></table></div>") if rows else f'<p class="muted">No events of {_e(country)} with another country.</p>'
    note = ('<p class="muted">Each row follows the counting rules of the dyad brief (merged events, PLOVER index = sum '
            "of scores of dated counted events; Q1 verbal cooperation, Q2 material cooperation, Q3 verbal conflict, "
            "Q4 material conflict). Follow a partner's link for its full brief.</p>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="accord"><title>{_e(title)}</title>'
        f"<style>{CSS}table.partners td:nth-child(8) {{ min-width: 16em; }} .nowrap {{ white-space: nowrap; }}"
        "</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p class=\"sub\">{len(partners)} partner(s) · "
        f"{sum(p.events for p in partners)} event(s) · generated {_e(when)} by accord</p></header><main>"
        f'<section id="partners"><h2>Partners side by side</h2>{chart}{table}{note}</section>'
        "</main></body></html>\n"
    )


def render_partners_markdown(country: str, partners: list[Partner], *, generated: dt.date | None = None,
                             link: Callable[[str, str], str] = lambda a, b: brief_name(a, b, "md")) -> str:
    from accord.report.markdown import table

    when = (generated or dt.date.today()).isoformat()
    rows = [[f"[{country}–{p.country}]({link(country, p.country)})", f"{p.events} ({p.reports} reports)", _span(p),
             f"{score(p.net_index)} (mean {score(p.mean_index)})", _quads(p),
             ", ".join(f"{label} ({n})" for label, n in p.topics) or "—", _commitments(p), "; ".join(_latest(p))]
            for p in partners]
    return (f"# {country}: partners overview\n\n{len(partners)} partner(s) · {sum(p.events for p in partners)} "
            f"event(s) · generated {when} by accord\n\n"
            + table(["partner", "events", "span", "index", "quad classes", "topics", "commitments", "latest events"],
                    rows, empty=f"No events of {country} with another country.")
            + "\n_Each row follows the counting rules of the dyad brief; follow a partner's link for its full brief._\n")


__all__ = ["brief_name", "render_partners_html", "render_partners_markdown"]
