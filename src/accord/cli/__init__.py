"""The ``accord`` command: a thin Typer shell over the library, one module per command group;
``main`` holds the app and the core commands."""
