"""``accord export``: stored events as JSONL, CSV or Parquet. (The exports of merged events,
``export-gdelt`` and ``export-graph``, are in ``accord.cli.dyad`` with the other merged views.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from accord.cli.common import (
    DEFAULT_DB,
    DbOpt,
    DyadOpt,
    SinceOpt,
    StatusOpt,
    TypeOpt,
    UntilOpt,
    event_filter,
    open_store,
    out,
)

if TYPE_CHECKING:
    from accord.export.events import Format


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="File to write (a directory for month-partitioned parquet).")] = Path("events.jsonl"),
    db: DbOpt = DEFAULT_DB,
    dyad: DyadOpt = None,
    type_: TypeOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Export events (JSONL follows the scorer contract in event-guide.md).

    Example: accord export --format jsonl -o events.jsonl
    """
    from accord.export.events import export_events

    if fmt not in {"jsonl", "csv", "parquet"}:
        raise typer.BadParameter(f"--format must be jsonl, csv or parquet, not {fmt!r}")
    with open_store(db) as store:
        # cast: the check above leaves only the three formats, which mypy cannot see through a set
        n = export_events(store, cast("Format", fmt), output, event_filter(dyad, type_, status, since, until))
    out.print(f"[green]✓[/] {n} event(s) written to {output}")


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``accord`` app."""
    app.command("export")(export)
