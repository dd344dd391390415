"""The `accord` command: a thin Typer shell over the library. This module holds the app, its
callback and the registration of every command group, each in its own module
(``run``, ``browse``, ``export``, ``evaluate``, ``actors``, ``dyad``, ``serve``, ``watch``,
``merge``); what they share is in ``accord.cli.common``.

Exit codes (``accord.cli.common``): 0 success; 1 error, the message says what to do (also when
no input could be read at all); 2 usage error (a bad option or value); 3 the job finished but
some inputs were skipped (listed on stderr).
"""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli import actors, browse, dyad, evaluate, export, merge, run, serve, watch
from accord.cli.common import out

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
        from accord.version import __version__

        out.print(f"accord {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print accord's version and exit.")] = False,
) -> None:
    """Evidence-linked political events from international news, offline."""


# the order of `accord --help`: coding, reading, exporting, scoring, then the analyses
for group in (run, browse, export, evaluate, actors, dyad, serve, watch, merge):
    group.register(app)


def main() -> None:  # pragma: no cover
    app()
