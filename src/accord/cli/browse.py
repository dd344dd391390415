"""The readers of a store: ``accord events``, ``dyads``, ``docs`` and ``show``."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from accord.cli.common import (
    DEFAULT_DB,
    DbOpt,
    DyadOpt,
    JsonOpt,
    LimitOpt,
    TypeOpt,
    UntilOpt,
    event_filter,
    open_store,
    out,
    resolution,
    since_option,
    status_option,
    who,
)
from accord.errors import AccordError


def events(
    db: DbOpt = DEFAULT_DB,
    dyad: DyadOpt = None,
    type_: TypeOpt = None,
    status: Annotated[list[str] | None, status_option(
        "occurred, ongoing, planned, proposed, hypothetical, negated.")] = None,
    since: Annotated[str | None, since_option("From this date (YYYY[-MM[-DD]]).")] = None,
    until: UntilOpt = None,
    country: Annotated[str | None, typer.Option(help="Events with a participant of this country.")] = None,
    limit: LimitOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored events.

    Example: accord events --dyad AZE-UKR --type CONSULT --since 2020
    """
    from accord.export.events import event_record
    from accord.store.browse import documents_by_ids, events_by_ids
    from accord.store.selection import event_ids

    flt = event_filter(dyad, type_, status, since, until, country_=country)
    with open_store(db) as store:
        # a page reads only its events and their documents, not every document's text
        evs = events_by_ids(store, event_ids(store, flt, limit=limit)) if limit else store.events(flt)
        docs = documents_by_ids(store, [e.doc_id for e in evs])
    if as_json:
        for ev in evs:
            print(json.dumps(event_record(ev, docs[ev.doc_id]), ensure_ascii=False))
        return
    out.print(events_table(evs, docs))


def events_table(evs, docs) -> Table:
    table = Table(title=f"{len(evs)} event(s)", show_lines=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("actor", ratio=2)
    table.add_column("recipient", ratio=2)
    table.add_column("evidence", ratio=4)
    table.add_column("doc", no_wrap=True)
    for ev in evs:
        kind = ev.type + (f":{ev.mode}" if ev.mode else "")
        date = ev.date.value if ev.date else "—"
        evidence = ev.mentions[0].text if ev.mentions else ""
        doc = docs.get(ev.doc_id)
        table.add_row(date, kind, ev.status, who(ev.actor), who(ev.recipient),
                      " ".join(evidence.split())[:140] + ("…" if len(evidence) > 140 else ""),
                      (doc.doc_origin[:14] if doc else ev.doc_id[:10]))
    return table


def dyads(db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """A one-screen summary per country pair. "reports" counts events as each article reports
    them; `accord dyad A B` and the brief count them after merging reports of one event.

    Example: accord dyads --db accord.duckdb
    """
    with open_store(db) as store:
        summaries = store.dyads()
    if as_json:
        out.print_json(json.dumps([_dyad_dict(s) for s in summaries], default=str))
        return
    table = Table(title="Dyads")
    for col in ("pair", "reports", "documents", "first", "last", "mean score", "by type"):
        table.add_column(col)
    for s in summaries:
        d = _dyad_dict(s)
        by_type = ", ".join(f"{k} {v}" for k, v in sorted(d["by_type"].items(), key=lambda kv: -kv[1]))
        mean = d.get("mean_intensity")
        # dates at the precision the text gave them ("2020", not 2020-01-01)
        first = d.get("first_as_written") or d.get("first") or "—"
        last = d.get("last_as_written") or d.get("last") or "—"
        table.add_row("–".join(d["pair"]), str(d["events"]), str(d.get("documents", "")), str(first),
                      str(last), f"{mean:+.1f}" if mean is not None else "—", by_type)
    out.print(table)


def _dyad_dict(s) -> dict:
    from dataclasses import asdict, is_dataclass

    return asdict(s) if is_dataclass(s) and not isinstance(s, type) else dict(s)


def docs(
    db: DbOpt = DEFAULT_DB,
    limit: LimitOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored documents with the ids `accord show` takes, title, date, file and events.

    Example: accord docs --db accord.duckdb && accord show 3886b68e
    """
    with open_store(db) as store:
        documents = store.documents()
        counts = store.event_counts()
    if limit:
        documents = documents[:limit]
    if as_json:
        for d in documents:
            print(json.dumps({"id": d.id, "doc_origin": d.doc_origin, "origin": d.origin, "origin_line": d.origin_line,
                              "title": d.title, "published": d.published.isoformat() if d.published else None,
                              "language": d.language, "events": counts.get(d.id, 0)}, ensure_ascii=False))
        return
    table = Table(title=f"{len(documents)} document(s) in {db}")
    for col in ("id", "date", "events", "lang", "file", "title"):
        table.add_column(col, no_wrap=col in ("id", "date"))
    for d in documents:
        where = d.doc_origin + (f":{d.origin_line}" if d.origin_line and d.origin_line > 1 and ":" not in d.doc_origin else "")
        table.add_row(d.id[:12], d.published.isoformat() if d.published else "—", str(counts.get(d.id, 0)),
                      d.language, where, (d.title or "")[:60])
    out.print(table)


def show(
    doc: Annotated[str, typer.Argument(help="Document id, id prefix, or file name.")],
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Show an article with the evidence of each event highlighted, then its events.

    Example: accord show 000_3886b68ef8fdea0e.txt
    """
    from accord.export.events import event_record
    from accord.store import EventFilter

    with open_store(db) as store:
        document = store.document(doc)
        if document is None:
            raise AccordError(f"no document {doc!r} in {db}; list them with `accord docs` or run `accord run` first")
        evs = store.events(EventFilter(doc_id=document.id))
        provenance = store.provenance(document.id)
    if as_json:
        print(json.dumps({"document": {"id": document.id, "doc_origin": document.doc_origin, "title": document.title,
                                       "published": document.published.isoformat() if document.published else None,
                                       "text": document.text,
                                       "provenance": dataclasses.asdict(provenance) if provenance else None},
                          "events": [event_record(e, document, resolution=True) for e in evs]}, ensure_ascii=False))
        return
    text = Text(document.text)
    styles = ["bold black on yellow", "bold black on cyan", "bold black on green", "bold black on magenta"]
    for n, ev in enumerate(evs):
        for m in ev.mentions:
            text.stylize(styles[n % len(styles)], m.start, m.end)
        text.stylize("underline", ev.trigger.start, ev.trigger.end)
    head = f"{document.doc_origin}  ·  {document.published or 'undated'}  ·  {document.source or 'source unknown'}"
    out.rule(head)
    out.print(text)
    out.rule(f"{len(evs)} event(s)")
    for n, ev in enumerate(evs):
        label = Text(f" {n + 1} ", style=styles[n % len(styles)])
        line = Text.assemble(label, f" {ev.type}{':' + ev.mode if ev.mode else ''} [{ev.status}] ",
                             f"{who(ev.actor)} → {who(ev.recipient) or '—'}")
        out.print(line)
        extra = [f"date {ev.date.value} ({ev.date.precision}, {ev.date.source})" if ev.date else f"date — ({ev.date_reason})"]
        if ev.location:
            extra.append(f"at {ev.location.text} ({ev.location.country or '?'})")
        if ev.contexts:
            extra.append("contexts " + ", ".join(ev.contexts))
        if ev.intensity is not None:
            extra.append(f"score {ev.intensity:+.1f}, CAMEO {ev.cameo}")
        out.print("     " + " · ".join(extra), highlight=False)
        for side, actors in (("actor", ev.actor), ("recipient", ev.recipient)):
            for a in actors:
                out.print(Text(f"     {side:<9} {resolution(a)}"))


def register(app: typer.Typer) -> None:
    """Add ``events``, ``dyads``, ``docs`` and ``show`` to the ``accord`` app."""
    app.command("events")(events)
    app.command("dyads")(dyads)
    app.command("docs")(docs)
    app.command("show")(show)
