"""What every CLI module shares: consoles, the --db and --json options, exit codes, actor labels.

Kept apart from ``accord.cli.main`` so the command modules (``cli_dyad``, ``cli_dedup``...) can use
it without importing the app that registers them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

# piped output keeps a readable width instead of Rich's 80-column fallback
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DEFAULT_DB = Path("accord.duckdb")
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file (created if missing).", envvar="ACCORD_DB")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output (JSON lines / JSON).")]


# The exit-code contract (README, `accord --help`): scripts tell these apart.
EXIT_OK = 0
EXIT_ERROR = 1  # nothing done: the message says what to do (all inputs unreadable included)
EXIT_USAGE = 2  # a bad option or argument (Click's own code for usage errors)
EXIT_SKIPPED = 3  # the job is done, but some inputs were skipped (listed on stderr)


def exit_for_problems(documents: int, problems) -> None:
    """Exit 3 when some inputs were skipped, 1 when nothing at all could be read."""
    skipped = [p for p in problems if p.action == "skipped"]
    if skipped and documents == 0:
        err.print(f"[bold red]error:[/] nothing could be read ({len(skipped)} input(s) skipped, listed above)",
                  highlight=False)
        raise typer.Exit(EXIT_ERROR)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def fail(exc: Exception) -> NoReturn:
    """Print an accord error in red and exit 1 (the message already says what to do)."""
    err.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
    raise typer.Exit(EXIT_ERROR)


def who(actors) -> str:
    """'Yuriy Husyev (UKR/GOV), Azerbaijan (AZE)' for a list of actors."""
    parts = []
    for a in actors:
        name = a.entity or a.text
        tag = "/".join(x for x in (a.country, a.sector) if x)
        parts.append(f"{name} ({tag})" if tag and name != a.country else (tag or name))
    return ", ".join(dict.fromkeys(parts))


def resolution(a) -> str:
    """'"He" = Yuriy Husyev (UKR/GOV, ambassador) · confidence 0.60 · pronoun → Yuriy Husyev':
    one actor's words, whom they were resolved to, how sure, and why."""
    tag = ", ".join(x for x in ("/".join(x for x in (a.country, a.sector) if x), a.role) if x)
    who_ = f' = {a.entity}' if a.entity and a.entity != a.text else ""
    return (f'"{a.text}"{who_}' + (f" ({tag})" if tag else "")
            + f" · confidence {a.confidence:.2f} · {a.reason or 'no reason recorded'}")
