"""CLI commands over the actor registry: ``register(app)`` adds ``actors`` and ``actor`` to ``accord``.

Both only read: they open the store read-only and show the registry as the commands that write
documents (``accord run``, ``accord merge``, ``accord watch``) left it, with a warning and the
command to run when it is missing or older than the stored documents.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from accord.cli.common import DEFAULT_DB, DbOpt, JsonOpt, err, open_store, out

CountryOpt = Annotated[str | None, typer.Option("--country", help="Only actors of this country (ISO alpha-3), e.g. AZE.")]
SectorOpt = Annotated[str | None, typer.Option("--sector", help="Only actors of this PLOVER sector, e.g. GOV.")]
NameArg = Annotated[str, typer.Argument(help="Name or alias of a person or organisation, e.g. 'Ilham Aliyev'.")]


def actors(country: CountryOpt = None, sector: SectorOpt = None, db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """List the canonical actors of the corpus (people and organisations) with country, sector and counts.

    Example: accord actors --country AZE --sector GOV
    """
    from accord.actors.registry import list_actors, registry_note

    with open_store(db) as store:
        note = registry_note(store)
        found = list_actors(store, country, sector)
    if note:
        err.print(f"[yellow]warning:[/] {escape(note)}", highlight=False)
    if as_json:
        for a in found:
            typer.echo(json.dumps(a.to_dict(), ensure_ascii=False))
        return
    if not found:
        err.print(f"[yellow]no actors in {db}[/]; code some articles first with `accord run FILES`", highlight=False)
        return
    table = Table(title=f"actors in {db}")
    for col in ("name", "kind", "country", "sector", "mentions", "documents", "first seen", "last seen", "aliases"):
        table.add_column(col)
    for a in found:
        table.add_row(a.name, a.kind, a.country or "", a.sector or "", str(a.mentions), str(a.documents),
                      str(a.first_seen or ""), str(a.last_seen or ""), ", ".join(a.aliases[:4]))
    out.print(table)


def actor(name: NameArg, db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """Profile of one actor: offices held, counterparts met, events by type over time.

    Example: accord actor "Ilham Aliyev" --json
    """
    from accord.actors.registry import find_actor, profile, registry_note

    with open_store(db) as store:
        note = registry_note(store)
        found = find_actor(store, name)
        prof = profile(store, found) if found is not None else None
    if note:
        err.print(f"[yellow]warning:[/] {escape(note)}", highlight=False)
    if prof is None:
        err.print(f"[red]error:[/] no actor named {name!r} in {db}; list them with `accord actors`", highlight=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(prof.to_dict(), ensure_ascii=False))
        return
    a = prof.actor
    tag = "/".join(x for x in (a.country, a.sector) if x)
    out.print(f"[bold]{a.name}[/] ({a.kind}{', ' + tag if tag else ''}) · {a.mentions} mentions in {a.documents} "
              f"document(s) · seen {a.first_seen or '?'} – {a.last_seen or '?'}", highlight=False)
    if a.aliases:
        out.print("also: " + ", ".join(a.aliases), highlight=False)
    for title, rows, cols in (
        ("offices", a.offices, ("role", "country", "sector", "first_seen", "last_seen", "mentions")),
        ("counterparts", prof.counterparts, ("name", "country", "sector", "events")),
        ("events by type", prof.events, ("period", "type", "events")),
    ):
        if not rows:
            continue
        table = Table(title=title)
        for col in cols:
            table.add_column(col)
        for r in rows:
            table.add_row(*(str(r.get(c) if r.get(c) is not None else "") for c in cols))
        out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``actors`` and ``actor`` to the accord app."""
    app.command("actors")(actors)
    app.command("actor")(actor)
