"""The `accord` command: a thin Typer shell over the library.

Exit codes (``cli_common``): 0 success; 1 error, the message says what to do (also when no input
could be read at all); 2 usage error (a bad option or value); 3 the job finished but some
inputs were skipped (listed on stderr).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from accord.cli.common import EXIT_SKIPPED, DEFAULT_DB, DbOpt, JsonOpt, err, exit_for_problems, fail, out, resolution, who
from accord.errors import AccordError

app = typer.Typer(
    name="accord",
    help="Evidence-linked political events from international news, offline.\n\n"
         "Example: accord run examples/seeds && accord events --dyad AZE-UKR\n\n"
         "Exit codes: 0 all good; 1 error (also: no input could be read); 2 usage error "
         "(bad option or value); 3 done, but some inputs were skipped (listed on stderr).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from accord import __version__

        out.print(f"accord {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print accord's version and exit.")] = False,
) -> None:
    """Evidence-linked political events from international news, offline."""


def _ingest_options(include: list[str] | None, exclude: list[str] | None, columns: str | None,
                    fmt: str | None, max_chars: int):
    from accord.errors import ConfigError
    from accord.ingest import ColumnMap, IngestOptions

    try:
        return IngestOptions(include=tuple(include or ()), exclude=tuple(exclude or ()),
                             columns=ColumnMap.parse(columns) if columns else ColumnMap(),
                             format=fmt, max_chars=max_chars)
    except ConfigError as exc:  # a bad --format, --columns or --max-chars is a usage error (exit 2)
        raise typer.BadParameter(str(exc)) from None


# a message repeated for this many documents or more is shown once, with a count
_REPEATS = 3


def _print_problems(problems) -> None:
    """The input problems on stderr: a count by action, then each problem, the same message
    for many documents (no date, language not coded) on one line with a count."""
    if not problems:
        return
    from collections import Counter

    actions = Counter(p.action for p in problems)
    by_action = ", ".join(f"{n} {action}" for action, n in actions.most_common())
    err.print(f"[yellow]{len(problems)} input problem(s)[/] ({by_action}):", highlight=False)
    groups: dict[tuple[str, str], list] = {}
    for p in problems:
        groups.setdefault((p.message, p.action), []).append(p)
    for (message, action), group in groups.items():
        if len(group) < _REPEATS:
            for p in group:
                err.print(Text.assemble(("  • ", "yellow"), str(p)), highlight=False)
            continue
        wheres = [f"{p.origin}:{p.line}" if p.line is not None else p.origin for p in group]
        shown = ", ".join(wheres[:3]) + (f" and {len(wheres) - 3} more" if len(wheres) > 3 else "")
        said = action.split()[0] in message if action else True
        err.print(Text.assemble(("  • ", "yellow"), f"{len(group)} inputs: {message}"
                                + ("" if said else f" ({action})") + f": {shown}"), highlight=False)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value if len(value) > 7 else (value + "-01" if len(value) == 7 else value + "-01-01"))
    except ValueError:
        raise typer.BadParameter(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None


def _filter(dyad, types, status, since, until, doc=None, country=None):
    from accord.cli import values as cli_values
    from accord.store import EventFilter

    return EventFilter(dyad=cli_values.dyad(dyad) if dyad else None,
                       types=tuple(cli_values.plover_type(t) for t in types or ()),
                       statuses=tuple(cli_values.status(s) for s in status or ()),
                       since=_date(since, "--since"), until=_date(until, "--until"), doc_id=doc,
                       country=cli_values.country_code(country, "--country") if country else None)


# --------------------------------------------------------------------------- run / ingest


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    include: Annotated[Optional[list[str]], typer.Option(help="Glob for files inside directories (repeatable).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(help="Glob to skip (repeatable).")] = None,
    columns: Annotated[Optional[str], typer.Option(help="JSONL/CSV column names, e.g. text=body,date=pubdate.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the input format: text, jsonl, json, csv, tsv, html, feed.")] = None,
    lexicon: Annotated[Optional[Path], typer.Option(help="Extra trigger lexicon (YAML, same format as data/triggers.yaml).")] = None,
    processes: Annotated[int, typer.Option(help="Worker processes (1 = in this process; with --engine dask "
                                                "and no --scheduler: the local cluster's workers, 1 = all cores).")] = 1,
    engine: Annotated[str, typer.Option(help="Where to code: local (this machine's processes) or dask "
                                             "(a Dask cluster: --scheduler, or a local one).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (tcp://HOST:8786) for "
                                                          "--engine dask; none: a local cluster.")] = None,
    max_chars: Annotated[int, typer.Option(help="Skip documents longer than this.")] = 1_000_000,
    recode: Annotated[bool, typer.Option("--recode", help="Code every document again, even those already "
                                                          "stored from the same text by this extractor.")] = False,
    doc_timeout: Annotated[float, typer.Option("--doc-timeout", min=0, help="Seconds one document may take to "
                                               "parse, and again to code, before it is skipped (0: no limit).")] = 60.0,
    commit_every: Annotated[int, typer.Option(help="Commit after this many documents (or 2 s, whichever "
                                                   "comes first).", hidden=True)] = 200,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of documents that failed, and of "
                                                        "internal errors.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Ingest, extract events and store them.

    Documents already stored from the same text by the same extractor are skipped, so a
    rerun after a crash or Ctrl-C resumes; after a change of the trigger lexicon (or
    --lexicon) only documents containing a changed entry are coded again, and the summary
    says why documents were recoded. A document that takes longer than --doc-timeout is
    skipped and listed (exit code 3). Results are committed every few seconds;
    `accord events` and the other readers work during the run and see what is committed.

    Example: accord run examples/seeds --db accord.duckdb
    """
    from accord import engines
    from accord.engines import engine_stream
    from accord.pipeline import PipelineOptions, run as run_job, stop_on_signals

    try:
        engines.check(engine, scheduler)
    except AccordError as exc:  # a usage error (exit 2)
        raise typer.BadParameter(str(exc)) from None
    try:
        opts = _ingest_options(include, exclude, columns, fmt, max_chars)
        # in this process, small chunks: each is committed soon after it is coded
        options = PipelineOptions(n_process=processes, lexicon=lexicon,
                                  chunk_size=64 if processes > 1 or engine != "local" else 16,
                                  doc_timeout=doc_timeout or None)
        with engine_stream(engine, scheduler=scheduler, workers=processes if processes > 1 else None) as stream, \
                Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                      disable=as_json or not err.is_terminal) as progress, stop_on_signals() as stop:
            task = progress.add_task("coding documents", total=None)
            report = run_job(paths, db, ingest_options=opts, options=options, recode=recode, stop=stop,
                             commit_docs=max(1, commit_every), on_document=lambda c: progress.advance(task),
                             stream=stream)
    except AccordError as exc:
        fail(exc)
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if debug:
            raise
        fail(AccordError(f"internal error ({type(exc).__name__}: {exc}); what was committed is kept in {db}. "
                         "Rerun with --debug for the traceback and please report it"))
    if as_json:
        out.print_json(json.dumps({"documents": report.documents, "new_documents": report.new_documents,
                                   "events": report.events, "already_coded": report.already_coded,
                                   "recoded": report.recoded, "unaffected": report.unaffected,
                                   "code_changes": report.code_changes,
                                   "lexicon_changes": {"added": list(report.lexicon_changes.added),
                                                       "removed": list(report.lexicon_changes.removed),
                                                       "edited": list(report.lexicon_changes.edited)},
                                   "failed": report.failed, "stopped": report.stopped,
                                   "problems": [str(p) for p in report.problems]}))
    else:
        _print_run_summary(report, db)
        _print_problems(report.problems)
    if debug:
        for tb in report.tracebacks:
            err.print(tb, highlight=False, markup=False)
    if report.stopped:
        raise typer.Exit(130)
    exit_for_problems(report.documents, report.problems)
    if report.failed:
        raise typer.Exit(EXIT_SKIPPED)  # some documents could not be coded (listed above)


def _print_run_summary(report, db) -> None:
    mark = "[yellow]■[/]" if report.stopped else "[green]✓[/]"
    # a document in a language not supported yet is stored but not coded: counted apart
    uncoded = sum(1 for p in report.problems if p.action == "not coded")
    coded = f"{report.documents - uncoded} document(s) coded"
    if uncoded:
        coded += f" and {uncoded} stored but not coded (language)"
    out.print(f"{mark} {coded} ({report.new_documents} new), {report.events} event(s) stored in {db}",
              highlight=False)
    if report.already_coded:
        out.print(f"  {report.already_coded} document(s) already coded by this extractor: skipped "
                  "(--recode codes them again)", highlight=False)
    for line in _recode_lines(report):
        out.print(f"  {line}", highlight=False)
    if report.failed:
        out.print(f"  [red]{report.failed} document(s) could not be coded[/] (listed below)", highlight=False)
    if report.stopped:
        err.print(f"[yellow]{report.stopped}:[/] stopped early; what was coded is committed. "
                  "Run the same command again to resume (documents already stored are skipped).",
                  highlight=False)


def _recode_lines(report) -> list[str]:
    """Why stored documents were coded again, or not: one line per reason."""
    from accord.pipeline import RECODE_CODE, RECODE_FORCED, RECODE_INPUTS, RECODE_LEXICON, RECODE_UNKNOWN

    n = report.recoded
    lines = []
    if n.get(RECODE_CODE):
        parts = ", ".join(report.code_changes[:6]) + (", ..." if len(report.code_changes) > 6 else "")
        lines.append(f"{n[RECODE_CODE]} recoded because the extractor changed"
                     + (f" ({parts})" if parts else "") + ": any document could change")
    if n.get(RECODE_LEXICON) or report.unaffected:
        lines.append(f"{n.get(RECODE_LEXICON, 0)} recoded because the lexicon changed (entries: "
                     f"{report.lexicon_changes.describe()}), {report.unaffected} unaffected (kept their events)")
    if n.get(RECODE_UNKNOWN):
        lines.append(f"{n[RECODE_UNKNOWN]} recoded once: stored by an older accord that did not record "
                     "how it coded them")
    if n.get(RECODE_INPUTS):
        lines.append(f"{n[RECODE_INPUTS]} recoded because their title, date or other metadata changed")
    if n.get(RECODE_FORCED):
        lines.append(f"{n[RECODE_FORCED]} stored before, recoded (--recode)")
    return [f"{line.split(' ', 1)[0]} document(s) {line.split(' ', 1)[1]}" for line in lines]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    include: Annotated[Optional[list[str]], typer.Option(help="Glob for files inside directories.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(help="Glob to skip.")] = None,
    columns: Annotated[Optional[str], typer.Option(help="JSONL/CSV column names, e.g. text=body,date=pubdate.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the input format.")] = None,
    max_chars: Annotated[int, typer.Option(help="Skip documents longer than this.")] = 1_000_000,
    as_json: JsonOpt = False,
) -> None:
    """Read sources and list the documents found (nothing is stored): check what accord sees.

    Example: accord ingest examples/seeds --json
    """
    from accord.ingest import read_all

    try:
        result = read_all(paths, _ingest_options(include, exclude, columns, fmt, max_chars), stdin=sys.stdin)
    except AccordError as exc:
        fail(exc)
    if as_json:
        for d in result.documents:
            out.print_json(json.dumps({"id": d.id, "doc_origin": d.doc_origin, "origin": d.origin,
                                       "origin_line": d.origin_line, "title": d.title,
                                       "published": d.published.isoformat() if d.published else None,
                                       "date_source": d.date_source, "language": d.language, "author": d.author, "source": d.source,
                                       "url": d.url, "chars": len(d.text)}), indent=None)
    else:
        table = Table(title=f"{len(result.documents)} document(s)")
        for col in ("id", "origin", "date", "title", "author", "source", "words"):
            table.add_column(col)
        for d in result.documents:
            table.add_row(d.id[:10], f"{d.doc_origin}" + (f":{d.origin_line}" if d.origin_line and d.origin_line > 1 else ""),
                          d.published.isoformat() if d.published else "—", (d.title or "")[:50], d.author or "",
                          d.source or "", str(len(d.text.split())))
        out.print(table)
    _print_problems(result.problems)
    exit_for_problems(len(result.documents), result.problems)


# --------------------------------------------------------------------------- query


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    dyad: Annotated[Optional[str], typer.Option(help="Country pair, e.g. AZE-UKR.")] = None,
    type_: Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER type (repeatable).")] = None,
    status: Annotated[Optional[list[str]], typer.Option(help="occurred, ongoing, planned, proposed, hypothetical, negated.")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date.")] = None,
    country: Annotated[Optional[str], typer.Option(help="Events with a participant of this country.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many (0 = all).")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored events.

    Example: accord events --dyad AZE-UKR --type CONSULT --since 2020
    """
    from accord.export.events import event_record
    from accord.store import Store
    from accord.store.browse import documents_by_ids, events_by_ids
    from accord.store.selection import event_ids

    flt = _filter(dyad, type_, status, since, until, country=country)
    try:
        with Store.open(db, read_only=True) as store:
            # a page reads only its events and their documents, not every document's text
            evs = events_by_ids(store, event_ids(store, flt, limit=limit)) if limit else store.events(flt)
            docs = documents_by_ids(store, [e.doc_id for e in evs])
    except AccordError as exc:
        fail(exc)
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


@app.command()
def dyads(db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """A one-screen summary per country pair. "reports" counts events as each article reports
    them; `accord dyad A B` and the brief count them after merging reports of one event.

    Example: accord dyads --db accord.duckdb
    """
    from accord.store import Store

    try:
        with Store.open(db, read_only=True) as store:
            summaries = store.dyads()
    except AccordError as exc:
        fail(exc)
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

    return asdict(s) if is_dataclass(s) else dict(s)


@app.command()
def docs(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Show at most this many (0 = all).")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored documents with the ids `accord show` takes, title, date, file and events.

    Example: accord docs --db accord.duckdb && accord show 3886b68e
    """
    from accord.store import Store

    try:
        with Store.open(db, read_only=True) as store:
            documents = store.documents()
            counts = store.event_counts()
    except AccordError as exc:
        fail(exc)
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


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, id prefix, or file name.")],
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Show an article with the evidence of each event highlighted, then its events.

    Example: accord show 000_3886b68ef8fdea0e.txt
    """
    from accord.export.events import event_record
    from accord.store import EventFilter, Store

    try:
        with Store.open(db, read_only=True) as store:
            document = store.document(doc)
            if document is None:
                raise AccordError(f"no document {doc!r} in {db}; list them with `accord docs` or run `accord run` first")
            evs = store.events(EventFilter(doc_id=document.id))
            provenance = store.provenance(document.id)
    except AccordError as exc:
        fail(exc)
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


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write (a directory for month-partitioned parquet).")] = Path("events.jsonl"),
    db: DbOpt = DEFAULT_DB,
    dyad: Annotated[Optional[str], typer.Option(help="Country pair, e.g. AZE-UKR.")] = None,
    type_: Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER type (repeatable).")] = None,
    status: Annotated[Optional[list[str]], typer.Option(help="Status (repeatable).")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date.")] = None,
) -> None:
    """Export events (JSONL follows the scorer contract in event-guide.md).

    Example: accord export --format jsonl -o events.jsonl
    """
    from accord.export.events import export_events
    from accord.store import Store

    if fmt not in {"jsonl", "csv", "parquet"}:
        raise typer.BadParameter(f"--format must be jsonl, csv or parquet, not {fmt!r}")
    try:
        with Store.open(db, read_only=True) as store:
            n = export_events(store, fmt, output, _filter(dyad, type_, status, since, until))
    except AccordError as exc:
        fail(exc)
    out.print(f"[green]✓[/] {n} event(s) written to {output}")


# --------------------------------------------------------------------------- eval / bench


@app.command("eval")
def eval_(
    kind: Annotated[str, typer.Argument(help="seeds (default), voa (40 VOA stories), plv (PLV sentence pairs), "
                                              "plover, timex, actors, documents or dedup.")] = "seeds",
    gold: Annotated[Optional[Path], typer.Option(help="Gold directory or file (default: ../shared/gold/..., "
                                                     "e.g. voa_dev, plv/train.tsv).")] = None,
    docs: Annotated[Optional[Path], typer.Option(help="Articles the seeds gold refers to (default: next to the gold, "
                                                     "else examples/seeds); for voa, the stories JSONL.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List each miss, false alarm, duplicate and wrong side "
                                                          "with its sentence.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N gold files (timex).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score accord against gold data (see event-guide.md, "Scoring").

    voa codes the VOA stories and scores them like the seeds; plv reports, per label, how
    often a sentence's events include the pair's label and name its marked source and target.

    Example: accord eval --gold ../shared/gold/seeds --errors

    Example: accord eval plv --gold ../shared/gold/plv/train.tsv --errors
    """
    from accord.evaluate import runs as benchmarks

    try:
        result = benchmarks.evaluate(kind, gold, docs, limit=limit)
    except AccordError as exc:
        fail(exc)
    if as_json:
        print(json.dumps(result.to_dict(), default=str, ensure_ascii=False))
        return
    benchmarks.print_scores(out, kind, result, errors=errors)


@app.command()
def bench(
    what: Annotated[str, typer.Argument(help="throughput (the pipeline against spaCy) or api "
                                             "(latency of `accord serve` on a synthetic store).")] = "throughput",
    docs: Annotated[int, typer.Option(help="Articles in the synthetic corpus (throughput).")] = 2000,
    processes: Annotated[int, typer.Option(help="Processes for both runs (default: all cores).")] = 0,
    events: Annotated[int, typer.Option(help="Events in the synthetic store (api).")] = 100_000,
    requests: Annotated[int, typer.Option(help="Requests timed per endpoint (api).")] = 100,
    store: Annotated[Optional[Path], typer.Option(help="Synthetic store to build or reuse (api; default: a temporary file).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Throughput of spaCy's own nlp.pipe vs the full accord pipeline on the same corpus, or
    (``api``) p50/p95 latency of the API's events list, one dyad's analytics and one event page
    over a synthetic store, and the dashboard's first paint.

    Example: accord bench --docs 2000

    Example: accord bench api --events 100000
    """
    if what == "api":
        _bench_api(events, requests, store, as_json)
        return
    if what != "throughput":
        raise typer.BadParameter(f"bench takes throughput or api, not {what!r}")
    from accord import bench

    try:
        result = bench.throughput(docs, processes or None, progress=None if as_json else err)
    except AccordError as exc:
        fail(exc)
    if as_json:
        print(json.dumps(result.to_dict()))
        return
    bench.print_bench(out, result)


def _bench_api(events: int, requests: int, store: Path | None, as_json: bool) -> None:
    import tempfile

    from accord.serve import bench as api_bench

    with tempfile.TemporaryDirectory(prefix="accord-bench-api-") as tmp:
        db = store or Path(tmp) / "synthetic.duckdb"
        try:
            if store is None or not store.exists():
                err.print(f"building a synthetic store of {events:,} events in {db}...", highlight=False)
                api_bench.build_store(db, events)
            result = api_bench.run(db, requests, progress=None if as_json else (
                lambda t: err.print(f"  {t['name']}: p95 {t['p95_ms']} ms", highlight=False)))
        except AccordError as exc:
            fail(exc)
    if as_json:
        print(json.dumps(result))
        return
    table = Table(title=f"accord serve on {result['store']['events']:,} events, {requests} requests each")
    for col in ("request", "first ms", "p50 ms", "p95 ms", "max ms", "p95 < 100 ms"):
        table.add_column(col)
    for t in result["timings"]:
        table.add_row(t["name"], f"{t['first_ms']:.1f}", f"{t['p50_ms']:.1f}", f"{t['p95_ms']:.1f}",
                      f"{t['max_ms']:.1f}", "yes" if t["p95_ms"] < 100 else "no")
    out.print(table)
    paint = result.get("dashboard")
    if paint is None:
        out.print("dashboard paint: not measured (needs playwright and /usr/bin/chromium)")
    else:
        for name, p in paint.items():
            out.print(f"dashboard, {name}: first contentful paint {p['first_contentful_paint_ms']} ms, "
                      f"every view drawn {p['all_views_drawn_ms']} ms", highlight=False)


def main() -> None:  # pragma: no cover
    app()


def _register_extensions() -> None:
    # commands that live beside the modules they drive (dyad analytics, reports, merging)
    from accord.cli import actors as cli_actors, dyad as cli_dyad, serve as cli_serve, watch as cli_watch

    cli_actors.register(app)
    cli_dyad.register(app)
    cli_serve.register(app)
    cli_watch.register(app)
    try:
        from accord.cli import merge as cli_dedup
    except ImportError:  # pragma: no cover - merging not installed in this build
        return
    cli_dedup.register(app)


_register_extensions()
