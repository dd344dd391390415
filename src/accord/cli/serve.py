"""``accord serve``: the REST API and the dashboard over a store (``register(app)`` adds it)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from accord.cli.common import DEFAULT_DB, DbOpt, err, fail, out
from accord.errors import AccordError


def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Enables the write API (POST /documents) and is required by it; required to bind a "
             "non-loopback address.", envvar="ACCORD_TOKEN", show_envvar=True)] = None,
    cors: Annotated[list[str] | None, typer.Option(
        "--cors", help="An origin allowed to call the API from another site (repeatable; default: none).")] = None,
    hold: Annotated[float, typer.Option(help="Seconds the store stays open after the last request.")] = 1.0,
    refresh: Annotated[bool, typer.Option(
        "--refresh/--no-refresh", help="Rebuild the actor registry from the stored mentions at start.")] = True,
) -> None:
    """Serve the store: JSON API (documented at /docs) and the dashboard at /, offline.

    Read-only unless --token is given. Example: accord serve --db accord.duckdb --port 8000
    """
    from accord.serve.config import ServeConfig, is_loopback

    if not is_loopback(host):
        if not token:
            raise typer.BadParameter(f"binding {host} exposes the store beyond this machine: give --token "
                                     "(or ACCORD_TOKEN), or keep the default 127.0.0.1", param_hint="--host")
        err.print(f"[yellow]warning:[/] serving on {host}: anyone who can reach this address can read the store",
                  highlight=False)
    try:
        import uvicorn

        from accord.serve import create_app
    except ImportError as exc:  # pragma: no cover - fastapi/uvicorn are dependencies
        fail(AccordError(f"accord serve needs FastAPI and uvicorn ({exc}); reinstall accord"))
    if not db.exists():
        err.print(f"[yellow]no store at {db}[/]: serving an empty one; code articles with "
                  f"`accord run examples/seeds --db {db}`", highlight=False)
    try:
        _prepare(db, refresh)
    except AccordError as exc:
        fail(exc)
    config = ServeConfig(db=db, token=token, cors_origins=tuple(cors or ()), hold=hold)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"accord serving {db} on http://{shown}:{port}/ (API docs at /docs; "
              f"write API {'on' if token else 'off'}); Ctrl-C stops", highlight=False)
    uvicorn.run(create_app(config), host=host, port=port, log_level=os.environ.get("ACCORD_LOG", "warning"))


def _prepare(db, refresh: bool) -> None:
    """Open the store once for writing: apply migrations, and rebuild the actor registry so
    that /actors shows what is stored (the requests themselves never write)."""
    from accord.store import Store

    with Store.open(db) as store:
        if refresh:
            from accord.actors.registry import refresh_registry

            refresh_registry(store)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
