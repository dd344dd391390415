"""What every CLI module shares: consoles, the options several commands take (defined once here),
exit codes, the store opened or a clear error, value checks turned into usage errors, the
input-problem listing, actor labels.

Kept apart from ``accord.cli.main`` so the command modules (``run``, ``browse``, ``dyad``...) use
it without importing the app that registers them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from accord.errors import AccordError

if TYPE_CHECKING:
    from accord.ingest import IngestOptions
    from accord.store import EventFilter, Store

# piped output keeps a readable width instead of Rich's 80-column fallback
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DEFAULT_DB = Path("accord.duckdb")
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file (created if missing).", envvar="ACCORD_DB")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output (JSON lines / JSON).")]


# Options that several commands take. Where a command words its help its own way, it passes
# that help to the factory; the flag, its type and its parsing stay the same everywhere.
def dyad_option(help: str = "Country pair, e.g. AZE-UKR.") -> typer.models.OptionInfo:
    return typer.Option("--dyad", help=help)


def since_option(help: str = "From this date.") -> typer.models.OptionInfo:
    return typer.Option("--since", help=help)


def status_option(help: str = "Status (repeatable).") -> typer.models.OptionInfo:
    return typer.Option("--status", help=help)


def include_option(help: str = "Glob for files inside directories (repeatable).") -> typer.models.OptionInfo:
    return typer.Option("--include", help=help)


def exclude_option(help: str = "Glob to skip (repeatable).") -> typer.models.OptionInfo:
    return typer.Option("--exclude", help=help)


DyadOpt = Annotated[str | None, dyad_option()]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeatable).")]
StatusOpt = Annotated[list[str] | None, status_option()]
SinceOpt = Annotated[str | None, since_option()]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date.")]
LimitOpt = Annotated[int, typer.Option("--limit", help="Show at most this many (0 = all).")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")]
IncludeOpt = Annotated[list[str] | None, include_option()]
ExcludeOpt = Annotated[list[str] | None, exclude_option()]
ColumnsOpt = Annotated[str | None, typer.Option("--columns", help="JSONL/CSV column names, e.g. text=body,date=pubdate.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", help="Skip documents longer than this.")]
ProcessesOpt = Annotated[int, typer.Option("--processes", min=0, help=(
    "Worker processes (default 0: one per core, fewer if memory is short, and none for an input of "
    "up to 64 documents; 1 = in this process; with --engine dask and no --scheduler: the local "
    "cluster's workers, 0 or 1 = all cores)."))]


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


@contextmanager
def failing() -> Iterator[None]:
    """An accord error inside the block: its message in red and exit 1 (``fail``)."""
    try:
        yield
    except AccordError as exc:
        fail(exc)


@contextmanager
def open_store(db: Path, *, read_only: bool = True, memory_limit: str | None = None) -> Iterator[Store]:
    """The store at ``db`` for the block (``memory_limit``: DuckDB's cap, ``Store.open``); an
    accord error opening it or inside the block (a missing store, a busy one, a document not
    found) is printed and exits 1."""
    from accord.store import Store

    with failing(), Store.open(db, read_only=read_only, memory_limit=memory_limit) as store:
        yield store


@contextmanager
def usage_errors() -> Iterator[None]:
    """An accord error inside the block (a value not in the vocabulary, a bad --format or
    --columns, an unknown engine) is a usage error: exit 2 with the same message."""
    try:
        yield
    except AccordError as exc:
        raise typer.BadParameter(str(exc)) from None


def country(value: str, name: str) -> str:
    """A checked country code ('aze' -> 'AZE'), else a usage error with a "did you mean"."""
    from accord import vocabulary

    with usage_errors():
        return vocabulary.country_code(value, name)


def country_pair(a: str, b: str) -> tuple[str, str]:
    """The two country arguments of ``accord dyad``/``report``, checked and different."""
    from accord import vocabulary

    with usage_errors():
        return vocabulary.pair(a, b)


def dyad_pair(value: str | None) -> tuple[str, str] | None:
    """``--dyad AZE-UKR`` -> ('AZE', 'UKR') (None when not given), parsed the way the API
    parses its ``dyad`` parameter (``accord.vocabulary.dyad``)."""
    from accord import vocabulary

    if not value:
        return None
    with usage_errors():
        return vocabulary.dyad(value)


def day(value: str | None, name: str) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> its first day."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value if len(value) > 7 else (value + "-01" if len(value) == 7 else value + "-01-01"))
    except ValueError:
        raise typer.BadParameter(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None


def event_filter(dyad: str | None, types: list[str] | None, statuses: list[str] | None, since: str | None,
                 until: str | None, doc: str | None = None, country_: str | None = None) -> EventFilter:
    """The event filter options of a command, each value checked (a typo is exit 2)."""
    from accord import vocabulary
    from accord.store import EventFilter

    pair = dyad_pair(dyad)
    with usage_errors():
        checked_types = tuple(vocabulary.plover_type(t) for t in types or ())
        checked_statuses = tuple(vocabulary.status(s) for s in statuses or ())
    return EventFilter(dyad=pair, types=checked_types, statuses=checked_statuses,
                       since=day(since, "--since"), until=day(until, "--until"), doc_id=doc,
                       country=country(country_, "--country") if country_ else None)


def ingest_options(include: list[str] | None, exclude: list[str] | None, columns: str | None,
                   fmt: str | None, max_chars: int) -> IngestOptions:
    """The reading options; a bad --format, --columns or --max-chars is a usage error (exit 2)."""
    from accord.ingest import ColumnMap, IngestOptions

    with usage_errors():
        return IngestOptions(include=tuple(include or ()), exclude=tuple(exclude or ()),
                             columns=ColumnMap.parse(columns) if columns else ColumnMap(),
                             format=fmt, max_chars=max_chars)


def check_engine(engine: str, scheduler: str | None) -> None:
    """An unknown --engine, or --scheduler without dask, is a usage error (exit 2)."""
    from accord import engines

    with usage_errors():
        engines.check(engine, scheduler)


# a message repeated for this many documents or more is shown once, with a count
_REPEATS = 3


def print_problems(problems) -> None:
    """The input problems on stderr: a count by action, then each problem, the same message
    for many documents (no date, language not coded) on one line with a count."""
    if not problems:
        return
    from collections import Counter

    from rich.text import Text

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


def note_unmerged(unmerged: int) -> None:
    """Say on stderr how many events count alone because `accord merge` has not merged them."""
    if unmerged:
        err.print(f"[dim]{unmerged} event(s) are not merged across articles yet and count alone; "
                  "run `accord merge` to merge them[/]", highlight=False)


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
