"""``accord run`` and ``accord ingest``: read sources, and code and store what they hold."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.common import (
    DEFAULT_DB,
    EXIT_SKIPPED,
    ColumnsOpt,
    DbOpt,
    ExcludeOpt,
    IncludeOpt,
    JsonOpt,
    MaxCharsOpt,
    PathsArg,
    ProcessesOpt,
    check_engine,
    err,
    exclude_option,
    exit_for_problems,
    fail,
    failing,
    include_option,
    ingest_options,
    out,
    print_problems,
)
from accord.errors import AccordError


def run(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    columns: ColumnsOpt = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="Force the input format: text, jsonl, json, csv, tsv, html, feed.")] = None,
    lexicon: Annotated[Path | None, typer.Option(help="Extra trigger lexicon (YAML, same format as data/triggers.yaml).")] = None,
    processes: ProcessesOpt = 0,
    engine: Annotated[str, typer.Option(help="Where to code: local (this machine's processes) or dask "
                                             "(a Dask cluster: --scheduler, or a local one).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://HOST:8786) for "
                                                          "--engine dask; none: a local cluster.")] = None,
    max_chars: MaxCharsOpt = 1_000_000,
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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from accord.engines import engine_stream
    from accord.pipeline import IN_PROCESS_CHUNK, PipelineOptions, stop_on_signals
    from accord.pipeline import run as run_job

    check_engine(engine, scheduler)
    try:
        opts = ingest_options(include, exclude, columns, fmt, max_chars)
        # workers take 64 documents at a time; this process few, each committed soon after it is coded
        options = PipelineOptions(n_process=processes, lexicon=lexicon,
                                  chunk_size=IN_PROCESS_CHUNK if processes == 1 and engine == "local" else 64,
                                  doc_timeout=doc_timeout or None)
        # once: a Dask cluster is let go when the coding ends, before the last writes and the registry
        with engine_stream(engine, scheduler=scheduler, workers=processes if processes > 1 else None,
                           once=True) as stream, \
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
        print_problems(report.problems)
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


def ingest(
    paths: PathsArg,
    include: Annotated[list[str] | None, include_option("Glob for files inside directories.")] = None,
    exclude: Annotated[list[str] | None, exclude_option("Glob to skip.")] = None,
    columns: ColumnsOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force the input format.")] = None,
    max_chars: MaxCharsOpt = 1_000_000,
    as_json: JsonOpt = False,
) -> None:
    """Read sources and list the documents found (nothing is stored): check what accord sees.

    Example: accord ingest examples/seeds --json
    """
    from accord.ingest import read_all

    with failing():
        result = read_all(paths, ingest_options(include, exclude, columns, fmt, max_chars), stdin=sys.stdin)
    if as_json:
        for d in result.documents:
            out.print_json(json.dumps({"id": d.id, "doc_origin": d.doc_origin, "origin": d.origin,
                                       "origin_line": d.origin_line, "title": d.title,
                                       "published": d.published.isoformat() if d.published else None,
                                       "date_source": d.date_source, "language": d.language, "author": d.author,
                                       "source": d.source,
                                       "url": d.url, "chars": len(d.text)}), indent=None)
    else:
        from rich.table import Table

        table = Table(title=f"{len(result.documents)} document(s)")
        for col in ("id", "origin", "date", "title", "author", "source", "words"):
            table.add_column(col)
        for d in result.documents:
            table.add_row(d.id[:10], f"{d.doc_origin}" + (f":{d.origin_line}" if d.origin_line and d.origin_line > 1 else ""),
                          d.published.isoformat() if d.published else "—", (d.title or "")[:50], d.author or "",
                          d.source or "", str(len(d.text.split())))
        out.print(table)
    print_problems(result.problems)
    exit_for_problems(len(result.documents), result.problems)


def register(app: typer.Typer) -> None:
    """Add ``run`` and ``ingest`` to the ``accord`` app."""
    app.command("run")(run)
    app.command("ingest")(ingest)
