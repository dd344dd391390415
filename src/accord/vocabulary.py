"""accord's filter vocabulary (PLOVER types, event statuses, country codes, dyads), checked with
a "did you mean" so that a typo is an error that says what to type, never an empty answer.

The CLI turns :class:`VocabularyError` into a usage error (exit 2), the API into a 400.

>>> country_code("ukraine", "--country")
Traceback (most recent call last):
...
accord.vocabulary.VocabularyError: --country takes a three-letter country code: 'ukraine' is not one; did you mean UKR (Ukraine)?
"""

from __future__ import annotations

import csv
import difflib
import functools
from pathlib import Path

from accord.errors import ConfigError
from accord.model import STATUSES

_DATA = Path(__file__).resolve().parent / "data"


class VocabularyError(ConfigError):
    """A filter value that is not in accord's vocabulary; the message names the option, the
    value, the closest known values and, for short lists, every known value."""


@functools.cache
def plover_types() -> tuple[str, ...]:
    with open(_DATA / "plover_types.tsv", encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return tuple(sorted({r["type"] for r in rows if r.get("type")}))


@functools.cache
def countries() -> dict[str, str]:
    """ISO alpha-3 (and accord's body codes: EUR, UNO, IGO...) -> name."""
    with open(_DATA / "countries.tsv", encoding="utf-8") as fh:
        return {r["code"]: r["name"] for r in csv.DictReader(fh, delimiter="\t")}


@functools.cache
def _names() -> dict[str, str]:
    """Lower-cased country names, official names and alternative names -> code."""
    names: dict[str, str] = {}
    with open(_DATA / "countries.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            for key in ("name", "official_name"):
                names.setdefault(r[key].lower(), r["code"])
    with open(_DATA / "country_terms.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r.get("kind") in ("name", "alias", "short", "alt", "partial", "demonym") and r.get("term"):
                names.setdefault(r["term"].lower(), r["code"])
    return names


def _suggest(value: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def plover_type(value: str) -> str:
    """'consult' -> 'CONSULT'; anything else is a usage error naming the types."""
    code = value.strip().upper()
    types = plover_types()
    if code in types:
        return code
    raise VocabularyError(f"--type: {value!r} is not a PLOVER type{_suggest(code, types)} "
                             f"(types: {', '.join(types)})")


def status(value: str) -> str:
    key = value.strip().lower()
    if key in STATUSES:
        return key
    hint = _suggest(key, STATUSES)
    if key in ("done", "happened", "past", "complete", "completed", "finished") and not hint:
        hint = "; did you mean occurred?"
    raise VocabularyError(f"--status: {value!r} is not an event status{hint} (statuses: {', '.join(STATUSES)})")


def country_code(value: str, name: str) -> str:
    """'aze' -> 'AZE'; a country name or an unknown code is a usage error with the code to use."""
    code = value.strip().upper()
    known = countries()
    if code in known:
        return code
    key = " ".join(value.split()).lower()
    by_name = _names().get(key)
    codes = [by_name] if by_name else []
    if not codes and len(code) == 3:
        codes = difflib.get_close_matches(code, list(known), n=3, cutoff=0.6)
    if not codes:
        close = difflib.get_close_matches(key, list(_names()), n=1, cutoff=0.8)
        codes = [_names()[close[0]]] if close else []
    hint = f"; did you mean {' or '.join(f'{c} ({known.get(c, c)})' for c in codes)}?" if codes else ""
    raise VocabularyError(f"{name} takes a three-letter country code: {value!r} is not one{hint}")


def pair(a: str, b: str, names: tuple[str, str] = ("country A", "country B")) -> tuple[str, str]:
    """Two country codes, each checked (``names`` say which argument was wrong), that differ."""
    codes = country_code(a, names[0]), country_code(b, names[1])
    if codes[0] == codes[1]:
        raise VocabularyError(f"a dyad needs two different countries, not {codes[0]} twice")
    return codes


def dyad(value: str, name: str = "--dyad") -> tuple[str, str]:
    """'AZE-UKR' (or 'aze,ukr', 'AZE UKR') -> ('AZE', 'UKR'), each code checked: the one parser
    of a dyad written as one value, for every command and the API."""
    parts = [p for p in value.replace(",", "-").replace(" ", "-").split("-") if p]
    if len(parts) != 2:
        raise VocabularyError(f"{name} takes two country codes like AZE-UKR, not {value!r}")
    return pair(parts[0], parts[1], (name, name))
