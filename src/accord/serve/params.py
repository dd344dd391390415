"""Query parameters -> accord's filter records, each value checked (a typo is a 400 with a
"did you mean", never an empty answer) and passed on as data, never as SQL."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from typing import Any

from accord import vocabulary
from accord.model import date_range
from accord.serve.errors import ApiError
from accord.store import EventFilter
from accord.store.browse import SORTS, EventQuery

_MODE = re.compile(r"^[A-Za-z][A-Za-z_-]{0,39}$")


def _bad(name: str, exc: vocabulary.VocabularyError) -> ApiError:
    text = str(exc).lstrip("-")
    message, _, hint = text.partition("; did you mean")
    hint = f"did you mean{hint}" if hint else ""
    message = message if message.startswith(name) else f"{name}: {message}"
    return ApiError(400, f"invalid_{name.split()[0]}", message, hint)


def country(value: str, name: str = "country") -> str:
    try:
        return vocabulary.country_code(value, name)
    except vocabulary.VocabularyError as exc:
        raise _bad(name, exc) from None


def pair(a: str, b: str) -> tuple[str, str]:
    codes = country(a, "country A"), country(b, "country B")
    if codes[0] == codes[1]:
        raise ApiError(400, "invalid_dyad", f"a dyad needs two different countries, not {codes[0]} twice")
    return codes


def dyad(value: str) -> tuple[str, str]:
    try:
        return vocabulary.dyad(value, "dyad")
    except vocabulary.VocabularyError as exc:
        raise _bad("dyad", exc) from None


def types(values: list[str] | None) -> tuple[str, ...]:
    try:
        return tuple(vocabulary.plover_type(v) for v in values or ())
    except vocabulary.VocabularyError as exc:
        raise _bad("type", exc) from None


def statuses(values: list[str] | None) -> tuple[str, ...]:
    try:
        return tuple(vocabulary.status(v) for v in values or ())
    except vocabulary.VocabularyError as exc:
        raise _bad("status", exc) from None


def modes(values: list[str] | None) -> tuple[str, ...]:
    out = []
    for v in values or ():
        if not _MODE.match(v.strip()):
            raise ApiError(400, "invalid_mode", f"mode: {v!r} is not a PLOVER mode",
                           "modes are words such as 'visit', 'conventional' or 'demonstrate'")
        out.append(v.strip().lower())
    return tuple(out)


def day(value: str | None, name: str, last: bool) -> dt.date | None:
    """YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD -> its first day (``last``: its last day)."""
    if value is None or value == "":
        return None
    rng = date_range(value.strip()) if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-[Qq][1-4])?", value.strip()) else None
    if rng is None:
        raise ApiError(400, f"invalid_{name}", f"{name}: {value!r} is not a date",
                       "give YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD")
    return rng[1] if last else rng[0]


def event_filter(*, dyad_: str | None = None, type_: list[str] | None = None,
                 status: list[str] | None = None, since: str | None = None, until: str | None = None,
                 country_: str | None = None, doc: str | None = None) -> EventFilter:
    return EventFilter(
        dyad=dyad(dyad_) if dyad_ else None, types=types(type_), statuses=statuses(status),
        since=day(since, "since", last=False), until=day(until, "until", last=True),
        doc_id=doc or None, country=country(country_) if country_ else None,
    )


def page_size(limit: int | None, default: int, maximum: int) -> int:
    if limit is None:
        return default
    if limit < 1 or limit > maximum:
        raise ApiError(400, "invalid_limit", f"limit must be between 1 and {maximum}, not {limit}",
                       "follow the 'next' cursor for more")
    return limit


# --- cursors: opaque to clients, checked on the way back in ------------------------------------


def encode_cursor(kind: str, key: Any, last_id: str) -> str:
    if isinstance(key, dt.date):
        key = key.isoformat()
    raw = json.dumps([kind, key, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> tuple[Any, str]:
    """(key, id) of a cursor made by ``encode_cursor`` for the same ``kind`` (e.g. a sort)."""
    bad = ApiError(400, "invalid_cursor", "cursor: not a cursor this server gave",
                   "pass the 'next' value of the previous page unchanged, for the same sort")
    if len(cursor) > 400:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_kind, key, last_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise bad from None
    if got_kind != kind or not isinstance(last_id, str):
        raise bad
    if kind in ("date", "-date"):
        if not isinstance(key, str):
            raise bad
        try:
            key = dt.date.fromisoformat(key)
        except ValueError:
            raise bad from None
    elif kind in ("score", "-score"):
        if isinstance(key, bool) or not isinstance(key, int | float):
            raise bad
        key = float(key)
    elif key is not None:
        raise bad
    return key, last_id


def event_query(flt: EventFilter, *, source: str | None, target: str | None, mode: list[str] | None,
                actor: str | None, q: str | None, sort: str, cursor: str | None, limit: int) -> EventQuery:
    if sort not in SORTS:
        raise ApiError(400, "invalid_sort", f"sort: {sort!r} is not a sort order", f"use one of {', '.join(SORTS)}")
    return EventQuery(
        base=flt, source=country(source, "source") if source else None,
        target=country(target, "target") if target else None, modes=modes(mode),
        actor=actor.strip() or None if actor else None, text=q.strip() or None if q else None,
        sort=sort,  # type: ignore[arg-type]
        after=decode_cursor(cursor, sort) if cursor else None, limit=limit,
    )
