"""``accord watch``: a thin shell over ``accord.watch``; ``accord.cli.main`` adds it with
``watch.register(app)``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli.common import (
    DEFAULT_DB,
    EXIT_SKIPPED,
    DbOpt,
    ExcludeOpt,
    JsonOpt,
    ProcessesOpt,
    check_engine,
    err,
    exit_for_problems,
    failing,
    include_option,
    ingest_options,
    out,
    print_problems,
)

if TYPE_CHECKING:
    from accord.model import Problem


def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files and feed URLs to watch.")],
    db: DbOpt = DEFAULT_DB,
    interval: Annotated[float, typer.Option(min=0.5, help="Seconds between looks for new files and feed items.")] = 60.0,
    once: Annotated[bool, typer.Option("--once", help="Look once, code and merge what is new, and exit.")] = False,
    merge: Annotated[bool, typer.Option(help="Merge new events into real-world events after each look.")] = True,
    include: Annotated[list[str] | None, include_option("Glob for files inside folders (repeatable).")] = None,
    exclude: ExcludeOpt = None,
    lexicon: Annotated[Path | None, typer.Option(help="Extra trigger lexicon (YAML).")] = None,
    processes: ProcessesOpt = 0,
    engine: Annotated[str, typer.Option(help="Where to code: local or dask (see accord run).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address for --engine dask; "
                                                          "none: a local cluster, started on the first document.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Code new files and feed items as they arrive, and merge them (Ctrl-C or SIGTERM stops).

    Keeps its place across restarts: what is stored is never coded again, so a restart codes
    only what arrived meanwhile. A file is taken once it has been unchanged for 2 seconds
    (with --once: at once); move finished files in rather than writing them in place.

    Example: accord watch inbox/ https://example.org/world.rss --db accord.duckdb --interval 300
    """
    from accord import engines
    from accord.pipeline import IN_PROCESS_CHUNK, PipelineOptions, stop_on_signals
    from accord.watch import SETTLE, Watcher

    check_engine(engine, scheduler)
    opts = ingest_options(include, exclude, None, None, 1_000_000)
    options = PipelineOptions(n_process=processes, lexicon=lexicon,
                              chunk_size=IN_PROCESS_CHUNK if processes == 1 and engine == "local" else 64)
    totals = {"documents": 0, "failed": 0}
    problems: list[Problem] = []

    def show(cycle) -> None:
        r = cycle.run
        totals["documents"] += r.documents
        totals["failed"] += r.failed
        problems.extend(r.problems)
        if as_json:
            print(json.dumps({"at": dt.datetime.now().isoformat(timespec="seconds"), "files": cycle.files,
                              "feeds": cycle.feeds, "documents": r.documents, "new_documents": r.new_documents,
                              "events": r.events, "already_coded": r.already_coded, "failed": r.failed,
                              "merged": cycle.merged.to_dict() if cycle.merged is not None else None,
                              "stopped": r.stopped, "problems": [str(p) for p in r.problems]}), flush=True)
            return
        if r.documents or r.failed or once:
            line = (f"{dt.datetime.now():%H:%M:%S} {r.documents} document(s) coded ({r.new_documents} new), "
                    f"{r.events} event(s); {r.already_coded} already stored")
            if cycle.merged is not None:
                m = cycle.merged
                line += f"; merged: {m.joined} joined, {m.new_groups} new, {m.groups_total} merged event(s)"
            out.print(line, highlight=False)
        print_problems(r.problems)

    with failing(), engines.engine_stream(engine, scheduler=scheduler, workers=processes if processes > 1 else None
                                          ) as stream, stop_on_signals() as stop:
        watcher = Watcher(sources, db, ingest_options=opts, options=options, merge=merge, stream=stream,
                          settle=0.0 if once else SETTLE)
        if once:
            show(watcher.cycle(stop))
        else:
            err.print(f"watching {len(sources)} source(s) every {interval:g} s into {db} (Ctrl-C stops)",
                      highlight=False)
            watcher.watch(interval, stop, on_cycle=show)
    if stop.requested:
        err.print(f"{stop.reason}: stopped; what was coded is committed. Run the same command to go on.",
                  highlight=False)
        return  # stopping a watcher is how it ends: exit 0
    exit_for_problems(totals["documents"], problems)
    if totals["failed"]:
        raise typer.Exit(EXIT_SKIPPED)


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the ``accord`` app."""
    app.command("watch")(watch)
