"""One root exception. Messages say what went wrong and what to do next."""

from __future__ import annotations


class AccordError(Exception):
    """Root of every error accord raises on purpose."""


class InputError(AccordError):
    """Input that cannot be read; the message names the file (and line)."""


class StoreError(AccordError):
    """The database cannot be opened, migrated or written."""


class ConfigError(AccordError):
    """A lexicon, gazetteer or option is invalid."""


class StoreBusyError(StoreError):
    """Another process holds the database file (e.g. ``accord run`` committing a batch)."""
