"""CLI commands for cross-article merging: ``accord merge``, ``accord merged``, ``accord event``.

A thin shell over ``accord.dedup``; ``accord.cli.main`` adds them with ``cli_dedup.register(app)``.
Options and console helpers come from ``accord.cli.common``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from accord.cli.common import DEFAULT_DB, DbOpt, JsonOpt, dyad_pair, err, open_store, out, who
from accord.errors import AccordError

if TYPE_CHECKING:
    from rich.progress import TaskID


def merge(
    db: DbOpt = DEFAULT_DB,
    day_window: Annotated[int, typer.Option(help="Days a report dated only by its document date may be off.")] = 1,
    min_similarity: Annotated[float, typer.Option(help="Evidence similarity floor, 0..1 (0: wording only ranks).")] = 0.0,
    partial_participants: Annotated[bool, typer.Option(
        help="Let a report that lost a side (no recipient, fewer countries) join a fuller one.")] = False,
    one_per_document: Annotated[bool, typer.Option(
        help="Never merge two events of the same document.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Merge event mentions from different articles into real-world events (incremental).

    Example: accord merge --db accord.duckdb
    """
    from accord.actors.registry import refresh_registry
    from accord.dedup import MergeOptions, merge_store
    from accord.store.db import MERGE_MEMORY
    from accord.views import refresh_facts

    with open_store(db, read_only=False, memory_limit=MERGE_MEMORY) as store:
        report = merge_store(store, MergeOptions(day_window=day_window, min_similarity=min_similarity,
                                                 partial_participants=partial_participants,
                                                 same_document=not one_per_document))
        refresh_registry(store)  # a no-op unless documents were written without `accord run`
        # what `accord dyad`, `accord report` and the API read of each merged event; a first
        # refresh of a big store (or after an upgrade) takes a while, so it shows progress
        with _progress(as_json) as tick:
            facts = refresh_facts(store, built=report.touched, progress=tick)
    if as_json:
        print(json.dumps({**report.to_dict(), "facts": facts}))
        return
    out.print(f"[green]✓[/] {report.events_seen} event(s) seen: {report.joined} joined a merged event, "
              f"{report.new_groups} founded one; {report.groups_total} merged event(s) in {db}")
    if facts:
        out.print(f"  dyad facts worked out for {facts} merged event(s)")
    if report.dropped:
        out.print(f"  {report.dropped} membership(s) of re-written documents re-assigned"
                  + (f", {report.groups_removed} emptied merged event(s) removed" if report.groups_removed else ""))


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for ``refresh_facts(progress=...)``, drawn only once it reports
    (a merge of a day of news refreshes a few thousand facts in one batch)."""
    if quiet:
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task: list[TaskID] = []

        def tick(done: int, total: int) -> None:
            if not task:
                task.append(bar.add_task("dyad facts", total=total))
            bar.update(task[0], completed=done)

        yield tick


def merged(
    db: DbOpt = DEFAULT_DB,
    dyad: Annotated[str | None, typer.Option(help="Country pair, e.g. AZE-UKR.")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")] = None,
    status: Annotated[list[str] | None, typer.Option(help="Status (repeatable).")] = None,
    min_documents: Annotated[int, typer.Option(help="Only events reported by at least this many documents.")] = 1,
    limit: Annotated[int, typer.Option(help="Show at most this many (0 = all).")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List merged events (run `accord merge` first), by date.

    Example: accord merged --dyad AZE-UKR --min-documents 2
    """
    from accord.dedup import merged_events, merged_record
    from accord.store import EventFilter

    pair = dyad_pair(dyad)
    flt = EventFilter(dyad=pair, types=tuple(t.upper() for t in type_ or ()), statuses=tuple(status or ()))
    with open_store(db) as store:
        items = [m for m in merged_events(store, flt) if m.num_documents >= min_documents]
    if limit:
        items = items[:limit]
    if as_json:
        for m in items:
            print(json.dumps(merged_record(m), ensure_ascii=False))
        return
    table = Table(title=f"{len(items)} merged event(s)", expand=True)
    for col in ("id", "date", "type", "status", "who", "docs", "srcs"):
        table.add_column(col, no_wrap=col != "who", ratio=1 if col == "who" else None)
    table.add_column("evidence", ratio=2, min_width=30)
    for m in items:
        ev = m.event
        evidence = ev.mentions[0].text if ev.mentions else ""
        sides = who(ev.actor) + (f" → {who(ev.recipient)}" if ev.recipient else "")
        table.add_row(m.id, ev.date.value if ev.date else "—", ev.type + (f":{ev.mode}" if ev.mode else ""),
                      ev.status, escape(sides), str(m.num_documents), str(m.num_sources),
                      escape(evidence[:120] + ("…" if len(evidence) > 120 else "")))
    out.print(table)


def event(
    merged_id: Annotated[str, typer.Argument(metavar="ID", help="Merged event id or a unique prefix of it.")],
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Show one merged event: its fields, and each member with its document, evidence and reason.

    Example: accord event M3f2a9c1d04b --db accord.duckdb
    """
    from accord.dedup import merged_event, merged_members, merged_record

    with open_store(db) as store:
        found = merged_event(store, merged_id)
        if found is None:
            raise AccordError(f"no merged event {merged_id!r} in {db}; run `accord merge` and list them "
                              "with `accord merged`")
        members = merged_members(store, found.id)
    if as_json:
        print(json.dumps(merged_record(found, members), ensure_ascii=False, default=str))
        return
    ev = found.event
    out.rule(escape(f"{found.id}  ·  {ev.type}{':' + ev.mode if ev.mode else ''} [{ev.status}]"))
    lines = [
        ("who", f"{who(ev.actor)} → {who(ev.recipient) or '—'}"),
        ("date", f"{ev.date.value} ({ev.date.precision})" if ev.date else "—"),
        ("place", f"{ev.location.text} ({ev.location.country or '?'})" if ev.location else "—"),
        ("contexts", ", ".join(ev.contexts) or "—"),
        ("reported", f"{found.num_documents} document(s), {found.num_sources} source(s)"
                     f"{' (' + ', '.join(found.sources) + ')' if found.sources else ''}, "
                     f"{found.num_mentions} mention(s); first {found.first_reported or '—'}, last {found.last_reported or '—'}"),
    ]
    for name, value in lines:
        out.print(f"[bold]{name:>9}[/]  {escape(value)}", highlight=False)
    out.rule(f"{len(members)} member(s)")
    for n, m in enumerate(members, 1):
        e = m.event
        head = (f"{n}. {m.doc_origin or m.doc_id[:12]}  ·  {m.published or 'undated'}  ·  {m.source or 'source unknown'}"
                f"  ·  {e.type}{':' + e.mode if e.mode else ''} [{e.status}]"
                f"  ·  {e.date.value + ' (' + (e.date.source or '?') + ')' if e.date else 'no date'}")
        out.print(head, style="bold", highlight=False, markup=False)
        out.print(f"   “{m.sentence}”", highlight=False, markup=False)
        out.print(f"   why: {m.why}", style="dim", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``merge``, ``merged`` and ``event`` to the ``accord`` app."""
    app.command("merge")(merge)
    app.command("merged")(merged)
    app.command("event")(event)
