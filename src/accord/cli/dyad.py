"""CLI commands for dyads, briefs and the exports of merged events: ``register(app)`` adds them.

Commands: ``dyad`` (analytics as Rich tables or JSON), ``report`` (the HTML/Markdown brief),
``export-gdelt`` (GDELT-like TSV) and ``export-graph`` (GraphML actor network). What they are
computed over (merged events, each stored event not merged yet standing alone, the documents)
comes from ``accord.dedup.view``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from accord.cli.common import (
    DEFAULT_DB,
    DbOpt,
    JsonOpt,
    country,
    country_pair,
    dyad_option,
    dyad_pair,
    err,
    fail,
    failing,
    note_unmerged,
    open_store,
    out,
)
from accord.errors import AccordError

if TYPE_CHECKING:
    from accord.analytics.dyad import DyadReport
    from accord.dedup.view import MergedView
    from accord.views import DyadView

CountryA = Annotated[str, typer.Argument(help="First country (ISO alpha-3), e.g. AZE.")]
CountryB = Annotated[str, typer.Argument(help="Second country, e.g. UKR.")]
PeriodOpt = Annotated[str, typer.Option("--period", help="month, quarter or year.")]
DirectedOpt = Annotated[bool, typer.Option("--directed", help="Keep A→B, B→A and mutual events apart.")]
AllOpt = Annotated[bool, typer.Option("--all", help="List every row of the long tables (else the first "
                                      f"{20}, then how many more).")]
PERIODS = ("month", "quarter", "year")
# rows of a long list (meetings, agreements, aid, commitments) shown before "+N more (--all)":
# on a big store a dyad has thousands, and drawing them took longer than computing them
LIST_ROWS = 20


def _period(value: str) -> str:
    if value not in PERIODS:
        raise typer.BadParameter(f"--period must be month, quarter or year, not {value!r}")
    return value


def _view(db: Path, pair: tuple[str, str] | None = None, country: str | None = None) -> MergedView:
    """The merged view of ``pair`` (or ``country``) from the store at ``db``; an accord error
    (no store, a busy one) is printed and exits 1."""
    from accord.dedup.view import merged_view

    with open_store(db) as store:
        return merged_view(store, pair, country)


def _dyad_view(db: Path, pair: tuple[str, str], *, texts: bool = False) -> DyadView:
    """The pair's facts from the store at ``db`` (``accord.views.dyad``; ``texts``: every
    document's text, for their topics); an accord error is printed and exits 1."""
    from accord.views import dyad_view

    with open_store(db) as store:
        return dyad_view(store, pair, texts=texts)


def _dyad_report(loaded: DyadView, pair: tuple[str, str], directed: bool, period: str, *,
                 topics_of_documents: bool) -> DyadReport:
    """The dyad report over the view (``accord.views.dyad_report``); an accord error is printed
    and exits 1."""
    from accord.views import dyad_report

    with failing():
        return dyad_report(loaded, *pair, directed=directed,
                           period=period,  # type: ignore[arg-type]  # _period checked it
                           topics_of_documents=topics_of_documents)


def _analytics(loaded: MergedView, pair: tuple[str, str], directed: bool, period: str, *,
               topics_of_documents: bool) -> DyadReport:
    """The dyad report over the view's merged events and the other events of their documents
    (the commitments ledger reads those); an accord error is printed and exits 1."""
    from accord.analytics.dyad import dyad_analytics

    with failing():
        return dyad_analytics(loaded.merged + loaded.context, *pair, directed=directed,
                              period=period,  # type: ignore[arg-type]  # _period checked it
                              documents=loaded.documents, extractor_versions=loaded.versions,
                              as_of=loaded.as_of, topics_of_documents=topics_of_documents)


def _table(title: str, columns: list[str], rows: Sequence[Sequence[str | Text]], *, empty: str,
           numeric: AbstractSet[int] = frozenset(), hidden: int = 0, hidden_label: str = "more") -> Table | str:
    """A titled table of ``rows``; ``hidden``: how many of what ``hidden_label`` names were left
    out, said in the caption."""
    if not rows and not hidden:
        return f"[dim]{title}: {empty}[/]"
    table = Table(title=title, title_justify="left", expand=False,
                  caption=f"+{hidden} {hidden_label} (--all)" if hidden else None, caption_justify="left")
    for i, col in enumerate(columns):
        table.add_column(col, justify="right" if i in numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _first[T](items: Sequence[T], limit: int | None) -> tuple[Sequence[T], int]:
    """The first ``limit`` items (all for None) and how many are left out."""
    if limit is None or len(items) <= limit:
        return items, 0
    return items[:limit], len(items) - limit


def _latest_periods[T](items: Sequence[T], period: Callable[[T], str], limit: int | None) -> tuple[list[T], int]:
    """The items of the latest ``limit`` periods (all for None), in their order, and how many
    earlier periods are left out: a dyad of ten years has 130 months, and a terminal shows the
    recent ones (``--all``, ``--json``, ``--period year`` and the brief give the whole span)."""
    periods = list(dict.fromkeys(period(x) for x in items))
    if limit is None or len(periods) <= limit:
        return list(items), 0
    kept = set(periods[-limit:])
    return [x for x in items if period(x) in kept], len(periods) - limit


def _short(text: str, n: int = 110) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _sc(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _print_report(report, limit: int | None = LIST_ROWS) -> None:
    """The report as Rich tables; the long lists show their first ``limit`` rows (all for None)."""
    from accord.report.common import (
        DATES_SHOWN,
        act_label,
        coverage_lines,
        dates_cell,
        describe,
        ledger_line,
        person,
        quad_delta,
        since,
        snippet,
        temperature_line,
        topic_periods,
        topic_words,
        undated_line,
    )
    from accord.report.common import direction_label as dl

    merged_from = (f" (merged from {report.reports} per-article reports: see Coverage and trust)"
                   if report.reports > report.events else "")
    out.print(f"[bold]{report.a}–{report.b}[/]: {report.events} event(s){merged_from}, {report.counted} counted, "
              f"from {report.documents} document(s)"
              + (f", {report.first} to {report.last}" if report.first else ""), highlight=False)
    if report.undated:
        out.print(f"[yellow]{undated_line(report)}[/]", highlight=False)
    by_id = report.rows_by_id()

    def ids(event_ids: list[str], limit: int = 3) -> str:
        shown = "\n".join(describe(by_id.get(i), i) for i in event_ids[:limit])
        return shown + (f"\n+{len(event_ids) - limit} more" if len(event_ids) > limit else "")

    meetings, more_meetings = _first(report.meetings, limit)
    agreements, more_agreements = _first(report.agreements, limit)
    aid, more_aid = _first(report.aid, limit)
    promises, more_promises = _first(report.commitments.items if report.commitments else [], limit)
    periods, earlier = _latest_periods([p for p in report.periods if p.events],  # quiet periods only in charts
                                       lambda p: p.period, limit)
    deltas, earlier_deltas = _latest_periods(report.change.deltas if report.change else [], lambda d: d.period, limit)
    sections: list[Table | str] = [
        _table(f"By {report.period}, with index", ["period", "direction", "events", "docs", "sum", "mean", "per doc"],
               [[p.period, dl(p.direction), str(p.events), str(p.documents), _sc(p.score_sum), _sc(p.score_mean),
                 _sc(p.per_document)] for p in periods],
               empty="no dated events", numeric={2, 3, 4, 5, 6}, hidden=earlier,
               hidden_label=f"earlier {report.period}s"),
        _table("By type", ["direction", "type", "events", "index", "events"],
               [[dl(t.direction), t.type, str(t.events), _sc(t.score_sum), ids(t.event_ids)] for t in report.by_type],
               empty="none", numeric={2, 3}),
        _table("Topics", ["topic", "events", "docs", f"by {report.period}", "words", "example"],
               [[t.label, str(t.events), str(t.documents), topic_periods(t), topic_words(t),
                 snippet(t.examples[0].sentence, t.examples[0].words) if t.examples else ""] for t in report.topics],
               empty="no topic words in the events' sentences", numeric={1, 2}),
        _table("Quad classes", ["direction", "quad", "class", "events"],
               [[dl(q.direction), str(q.quad), q.label, str(q.events)] for q in report.quads], empty="none",
               numeric={3}),
        _table("Key actors", ["side", "actor", "sector", "roles", "events"],
               [[k.country, k.name, k.sector or "", ", ".join(k.roles), str(k.events)] for k in report.actors],
               empty="no named actors", numeric={4}),
        _table("Who met whom", ["participant", "met", "times", "dates"],
               [[person(t.source, t.source_country), person(t.target, t.target_country), str(t.events),
                 dates_cell(t.dates, None if limit is None else DATES_SHOWN)] for t in meetings],
               empty="no meetings", numeric={2},
               hidden=more_meetings),
        _table("Agreements signed", ["date", "agreement", "parties", "event"],
               [[g.date or "—", g.title or "(title not stated)", ", ".join(g.parties), g.event_id]
                for g in agreements], empty="none", hidden=more_agreements),
        _table("Aid flows", ["date", "direction", "status", "evidence", "event"],
               [[f.date or "—", dl(f.direction), f.status, _short(f.sentence), f.event_id] for f in aid],
               empty="none", hidden=more_aid),
        _table("Commitments (" + ledger_line(report) + ")", ["status", "promised", "by", "what", "due", "shown by"],
               [[Text(x) for x in (  # Text: no ':phone:' emoji, no markup from evidence
                   c.status_label, c.promised_on or "—", ", ".join(c.promised_by),
                   act_label(c.kind, c.type, c.mode) + ": " + snippet(c.sentence, [c.what]), c.due or "—",
                   describe(by_id.get(c.kept_by), c.kept_by) if c.kept_by else "—")]
                for c in promises],
               empty="no planned, proposed or agreed acts", hidden=more_promises),
        _table("Change, period over period (" + temperature_line(report).rstrip(".") + ")",
               ["period", "compared", "events (Δ)", "index (Δ)", "quads Δ", "drivers"],
               [[Text(x) for x in (d.period, since(d), f"{d.events} ({d.d_events:+d})",
                                   f"{d.index:+.1f} ({d.d_index:+.1f})", quad_delta(d.d_quads),
                                   (("" if d.drivers_from == d.period else f"missing since {d.drivers_from}:\n")
                                    + ids(d.drivers)) if d.notable else "")]
                for d in deltas], empty="no dated events", hidden=earlier_deltas,
               hidden_label=f"earlier {report.period}s"),
        _table("Notable changes", ["period", "direction", "change", "index", "norm", "z"],
               [[c.period, dl(c.direction), c.kind, _sc(c.score_sum), f"{c.mean:+.1f} ± {c.std:.1f}", f"{c.z:+.2f}"]
                for c in report.changes], empty="none (|z| < 1.5 everywhere, or too few periods)", numeric={3, 5}),
    ]
    for section in sections:
        out.print(section, highlight=False)
    cov = report.coverage
    if cov is not None:
        out.print(Text("Coverage and trust", style="italic"))
        for line in coverage_lines(report):
            out.print(Text("• " + line))
        undated, more_undated = _first(cov.undated, limit)
        for i in undated:
            out.print(Text("  – " + describe(by_id.get(i), i)))
        if more_undated:
            out.print(Text(f"  +{more_undated} more (--all)", style="dim"))


def dyad(
    a: CountryA,
    b: CountryB,
    db: DbOpt = DEFAULT_DB,
    directed: DirectedOpt = False,
    period: PeriodOpt = "month",
    as_json: JsonOpt = False,
    show_all: AllOpt = False,
) -> None:
    """Analytics of one country pair: counts, PLOVER index, topics, actors, agreements, aid, plans, changes.
    Long lists show their first rows and how many more, the tables by period their latest periods:
    --all (or --json) gives every one.

    Example: accord dyad AZE UKR --period quarter --directed
    """
    from accord.views.dyad import paused_gc

    with paused_gc():  # see _show_dyad
        _show_dyad(country_pair(a, b), db, directed, _period(period), as_json, show_all)


def _show_dyad(pair: tuple[str, str], db: Path, directed: bool, period: str, as_json: bool, show_all: bool) -> None:
    """``accord dyad``'s work, called with collection paused: tens of thousands of facts, rows,
    cells and strings with no cycles among them. They are freed when this returns, before
    collection resumes; a pass while they lived would walk every one (0.13 s for a pair of
    12,000 events)."""
    loaded = _dyad_view(db, pair, texts=as_json)
    report = _dyad_report(loaded, pair, directed, period, topics_of_documents=as_json)  # the tables do not show them
    note_unmerged(loaded.unmerged)
    if as_json:
        # a tree of new dicts and lists: no cycle to look for in a big pair's rows
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, default=str, check_circular=False))
        return
    if not report.events:
        err.print(f"[yellow]no events between {pair[0]} and {pair[1]} in {db}[/]; list pairs with "
                  "`accord dyads`", highlight=False)
        return
    _print_report(report, None if show_all else LIST_ROWS)


def report(
    a: CountryA,
    b: Annotated[str | None, typer.Argument(
        help="Second country, e.g. UKR; leave out for an overview of all of A's partners.")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="File to write (default A-B-brief.html or .md).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="html (one offline file with charts) or md.")] = "html",
    db: DbOpt = DEFAULT_DB,
    directed: DirectedOpt = False,
    period: PeriodOpt = "month",
    show_all: Annotated[bool, typer.Option("--all", help="Keep every row of the long lists (events, commitments, "
                                           "agreements, aid, meetings, documents); else the latest 100 of each, "
                                           "then how many more.")] = False,
) -> None:
    """Write the relationship brief of a country pair: charts, tables and the events' evidence.
    Long lists show their latest 100 rows and how many more: --all keeps every one. With one
    country, an overview of all its partners side by side, each linking to its brief (written
    next to the overview).

    Example: accord report AZE UKR -o brief.html; accord report AZE -o out/AZE-partners.html
    """
    from accord.report.common import LIST_ROWS
    from accord.views.dyad import paused_gc

    if fmt not in {"html", "md"}:
        raise typer.BadParameter(f"--format must be html or md, not {fmt!r}")
    if b is None:
        _partners_report(country(a, "country"), output, fmt, db, directed, _period(period),
                         None if show_all else LIST_ROWS)
        return
    pair = country_pair(a, b)
    target = output or Path(f"{pair[0]}-{pair[1]}-brief.{fmt}")
    if target.is_dir():
        fail(AccordError(f"{target} is a directory: give a file name such as brief.{fmt}"))
    with paused_gc():  # as for _show_dyad: the brief's records are freed before collection resumes
        events = _write_brief(pair, target, fmt, db, directed, _period(period), None if show_all else LIST_ROWS)
    if not events:
        err.print(f"[yellow]no events between {pair[0]} and {pair[1]} in {db}: the brief is empty[/]", highlight=False)
    out.print(f"[green]✓[/] brief of {pair[0]}–{pair[1]} ({events} event(s)) written to {target}",
              highlight=False)


def _write_brief(pair: tuple[str, str], target: Path, fmt: str, db: Path, directed: bool, period: str,
                 limit: int | None) -> int:
    """Write the pair's brief to ``target``; its number of events."""
    from accord.report import render_html, render_markdown
    from accord.report.common import listed_events
    from accord.views import dyad_view, events_of

    with open_store(db) as store:  # opened once: the view, then the evidence of the events the brief lists
        loaded = dyad_view(store, pair)
        result = _dyad_report(loaded, pair, directed, period, topics_of_documents=False)  # the brief does not show them
        quoted = events_of(store, loaded, [r.id for r in listed_events(result, limit).shown])
    with failing():
        text = (render_html if fmt == "html" else render_markdown)(result, quoted, loaded.documents, limit=limit)
    note_unmerged(loaded.unmerged)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return result.events


def _partners_report(country: str, output: Path | None, fmt: str, db: Path, directed: bool, per: str,
                     limit: int | None) -> None:
    """``accord report A``: the partners overview and, next to it, each partner's brief."""
    from accord.analytics.partners import partners
    from accord.report import render_html, render_markdown
    from accord.report.partners import (
        brief_name,
        render_partners_html,
        render_partners_markdown,
    )

    target = output or Path(f"{country}-partners.{fmt}")
    if target.is_dir():
        fail(AccordError(f"{target} is a directory: give a file name such as {country}-partners.{fmt}"))
    loaded = _view(db, country=country)
    with failing():
        found = partners(loaded.merged + loaded.context, country, documents=loaded.documents, period=per,
                         extractor_versions=loaded.versions, as_of=loaded.as_of)
        render = render_partners_html if fmt == "html" else render_partners_markdown
        page = render(country, found, link=lambda x, y: brief_name(x, y, fmt))
        brief = render_html if fmt == "html" else render_markdown
        briefs = {brief_name(country, p.country, fmt): brief(p.report, loaded.merged, loaded.documents, limit=limit)
                  for p in found if p.report is not None}
    note_unmerged(loaded.unmerged)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    for name, text in briefs.items():
        (target.parent / name).write_text(text, encoding="utf-8")
    if not found:
        err.print(f"[yellow]no events of {country} with another country in {db}[/]", highlight=False)
    out.print(f"[green]✓[/] partners of {country} ({len(found)}) written to {target}, with "
              f"{len(briefs)} brief(s) beside it", highlight=False)


def export_gdelt(
    output: Annotated[Path, typer.Option("-o", "--output", help="TSV file to write.")] = Path("events.tsv"),
    db: DbOpt = DEFAULT_DB,
    dyad: Annotated[str | None, dyad_option("Only this country pair, e.g. AZE-UKR.")] = None,
) -> None:
    """Export merged events as a GDELT-like TSV (deviations from GDELT: see accord.export.merged).

    Example: accord export-gdelt -o events.tsv
    """
    from accord.export.merged import stream_gdelt

    pair = dyad_pair(dyad)
    if output.is_dir():
        fail(AccordError(f"{output} is a directory: give a file name such as events.tsv"))
    output.parent.mkdir(parents=True, exist_ok=True)
    # read in batches: only the rows are held, to sort them
    with open_store(db) as store, output.open("w", encoding="utf-8", newline="") as fh:
        n, alone = stream_gdelt(store, fh, pair)
    note_unmerged(alone)
    out.print(f"[green]✓[/] {n} event(s) written to {output}", highlight=False)


def export_graph(
    output: Annotated[Path, typer.Option("-o", "--output", help="GraphML file to write.")] = Path("network.graphml"),
    db: DbOpt = DEFAULT_DB,
    dyad: Annotated[str | None, dyad_option("Only events of this country pair, e.g. AZE-UKR.")] = None,
) -> None:
    """Export the actor network (entities, groups, countries; edges count events by type) as GraphML.

    Example: accord export-graph -o network.graphml --dyad AZE-UKR
    """
    from accord.export.merged import graphml, stream_graph

    pair = dyad_pair(dyad)
    if output.is_dir():
        fail(AccordError(f"{output} is a directory: give a file name such as network.graphml"))
    with open_store(db) as store:  # merged events read in batches: only the graph is held
        graph, alone = stream_graph(store, pair)
    with failing():
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(graphml(graph))
    note_unmerged(alone)
    out.print(f"[green]✓[/] {len(graph.nodes)} node(s), {len(graph.edges)} edge(s) written to {output}",
              highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``dyad``, ``report``, ``export-gdelt`` and ``export-graph`` to ``app``."""
    app.command("dyad")(dyad)
    app.command("report")(report)
    app.command("export-gdelt")(export_gdelt)
    app.command("export-graph")(export_graph)


__all__ = ["dyad", "export_gdelt", "export_graph", "register", "report"]
