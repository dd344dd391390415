"""Word tables as data: ``data/words/*.yaml`` by file and table name.

The coder and the actor resolver decide much by the words around a trigger or a name: verbs
of saying, modal auxiliaries, nouns for people, prepositions that aim an act. Those words are
knowledge, kept in ``data/words/`` so they can be read, corrected and extended without touching
code. A module asks for a table once, at import, and keeps it as a module-level constant, so
the hot loops only test membership in a frozenset::

    from accord import words
    _SPEECH_VERBS = words.word_set("speech", "speaker_verbs")

A table in a file is one of:

- a list of words: ``word_set`` (a frozenset) or ``word_list`` (a tuple, order kept);
- a set built from others of the same file: ``{base: NAME or [NAMES], add: [...], remove: [...]}``
  (``word_set`` only), so that variants of one list name only how they differ from it;
- a list of lists: ``word_pairs`` (a tuple of 2-tuples) or ``word_groups`` (a tuple of frozensets);
- a mapping of words to a word: ``word_map``; or to a list of words: ``word_set_map``
  (read-only mappings).

Every plain scalar is read as a string: "no", "on", "off", "null" and "1" are words here, not
booleans, nulls or numbers. A missing file or table, or a table of the wrong shape, raises
``ConfigError`` naming the file and the table and what to fix.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from accord.errors import ConfigError
from accord.yamlfile import SafeLoader

_DERIVED_KEYS = {"base", "add", "remove"}


class _StringLoader(SafeLoader):  # libyaml's when there is one: the tables are read at import
    """YAML with no implicit types: every plain scalar is a string (a word)."""


_StringLoader.yaml_implicit_resolvers = {}


def parse(text: str, source: str) -> dict[str, Any]:
    """The tables of one word file as plain YAML values, checked for shape only: a mapping
    from table names to lists or mappings. ``source`` names the file in error messages."""
    try:
        data = yaml.load(text, Loader=_StringLoader)  # a safe loader, with no implicit types
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML ({exc}); fix the line it names") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping from table names to word lists at the top level")
    for name, value in data.items():
        if not isinstance(value, list | dict):
            raise ConfigError(f"{source}: table {name!r} must be a list of words or a mapping, "
                              f"not {value!r}; write it as [word, word, ...]")
    return data


@functools.cache
def _file(file: str) -> dict[str, Any]:
    path = resources.files("accord") / "data" / "words" / f"{file}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ConfigError(f"no word file data/words/{file}.yaml; the files are: {', '.join(files())}") from exc
    return parse(text, f"data/words/{file}.yaml")


def files() -> list[str]:
    """The names of the packaged word files (without ``.yaml``)."""
    root = resources.files("accord") / "data" / "words"
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".yaml"))


def tables(file: str) -> list[str]:
    """The names of the tables in one word file."""
    return list(_file(file))


def _raw(file: str, table: str) -> Any:
    data = _file(file)
    if table not in data:
        raise ConfigError(f"data/words/{file}.yaml has no table {table!r}; add it there "
                          f"(its tables are: {', '.join(sorted(data))})")
    return data[table]


def _words(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise ConfigError(f"{where}: expected a list of words, got {value!r}; write it as [word, word, ...]")
    return value


def _where(file: str, table: str) -> str:
    return f"data/words/{file}.yaml, table {table!r}"


@functools.cache
def word_set(file: str, table: str) -> frozenset[str]:
    """A set of words: a list, or ``{base, add, remove}`` built from other tables of the file."""
    return _build_set(file, table, ())


def _build_set(file: str, table: str, seen: tuple[str, ...]) -> frozenset[str]:
    value = _raw(file, table)
    where = _where(file, table)
    if isinstance(value, list):
        return frozenset(_words(value, where))
    if set(value) - _DERIVED_KEYS or "base" not in value:
        raise ConfigError(f"{where}: a derived table has the keys base (a table or a list of tables of the same "
                          f"file), add and remove; got {sorted(value)}")
    bases = value["base"] if isinstance(value["base"], list) else [value["base"]]
    out: frozenset[str] = frozenset()
    for base in bases:
        if not isinstance(base, str) or base not in _file(file):
            raise ConfigError(f"{where}: base {base!r} is no table of data/words/{file}.yaml")
        if base in seen or base == table:
            raise ConfigError(f"{where}: its bases build on each other in a circle ({' -> '.join((*seen, table, base))})")
        out |= _build_set(file, base, (*seen, table))
    return (out | frozenset(_words(value.get("add", []), where))) - frozenset(_words(value.get("remove", []), where))


@functools.cache
def word_list(file: str, table: str) -> tuple[str, ...]:
    """Words in the order the file gives them."""
    return tuple(_words(_raw(file, table), _where(file, table)))


@functools.cache
def word_pairs(file: str, table: str) -> tuple[tuple[str, str], ...]:
    """Pairs of words, in order (``[[ing, ""], [ation, e]]``); a pair's word may be empty."""
    value = _raw(file, table)
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p)
                                              for p in value):
        raise ConfigError(f"{_where(file, table)}: expected a list of pairs, [[a, b], [c, d], ...]")
    return tuple((a, b) for a, b in value)


@functools.cache
def word_groups(file: str, table: str) -> tuple[frozenset[str], ...]:
    """Groups of words that go together (synonyms), in order."""
    value = _raw(file, table)
    if not isinstance(value, list):
        raise ConfigError(f"{_where(file, table)}: expected a list of word lists, [[a, b], [c, d, e], ...]")
    return tuple(frozenset(_words(g, _where(file, table))) for g in value)


@functools.cache
def word_map(file: str, table: str) -> Mapping[str, str]:
    """A read-only mapping of words to one word or code each."""
    value = _raw(file, table)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f"{_where(file, table)}: expected a mapping of words to words (word: VALUE, one a line)")
    return MappingProxyType(dict(value))


@functools.cache
def word_set_map(file: str, table: str) -> Mapping[str, frozenset[str]]:
    """A read-only mapping of words to a set of words or codes each."""
    value = _raw(file, table)
    where = _where(file, table)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of words to word lists (word: [a, b], one a line)")
    return MappingProxyType({k: frozenset(_words(v, f"{where}, entry {k!r}")) for k, v in value.items()})
