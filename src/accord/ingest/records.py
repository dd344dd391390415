"""Records: JSONL/NDJSON (streamed), JSON (array or object) and CSV/TSV (streamed).

Fields come from the columns named in ``ColumnMap`` (first name present wins). A record's own
``id`` becomes ``doc_origin``; without one it is ``FILE:LINE``. A text that opens with a wire
dateline has it masked and read as metadata (``accord.ingest.dateline``). Every bad line or row
gives one Problem naming the file and line, and the rest of the file is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from accord.ingest.dateline import apply_dateline, find_body_dateline
from accord.ingest.dates import implausible, implausible_message, parse_date
from accord.ingest.decode import LineDecoder
from accord.ingest.ids import document_id
from accord.ingest.options import ColumnMap
from accord.model import Document, Problem

RECORD_NO_DATE_HELP = (
    "no publication date in this record, so relative dates in it (\"today\", \"on Monday\") "
    "cannot be resolved; map the column that holds it with --columns date=NAME"
)
_CSV_DELIMITERS = (",", ";", "\t", "|")


def _too_long(size: int, max_chars: int) -> str:
    return (
        f"document of {size:,} characters is over the {max_chars:,}-character limit "
        "(spaCy's max_length); split it or raise --max-chars"
    )


def _columns_hint(field: str, names: tuple[str, ...], found: Iterable[str]) -> str:
    found = [str(k) for k in found if k is not None]
    shown = ", ".join(repr(k) for k in found[:20]) + (", ..." if len(found) > 20 else "")
    return (
        f"no {field} column (looked for {', '.join(names)}; found {shown or 'none'}); "
        f"map one with --columns {field}=NAME"
    )


def _as_text(value: Any) -> str | None:
    """A text field: strings as they are, lists of strings as paragraphs."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def _as_label(value: Any) -> str | None:
    """A short metadata value (title, author, source): strings, names in lists or dicts."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title", "id"):
            if key in value:
                return _as_label(value[key])
        return None
    if isinstance(value, list):
        parts = [p for p in (_as_label(v) for v in value) if p]
        return ", ".join(parts) or None
    return None


def record_to_document(
    record: dict[str, Any],
    *,
    origin: str,
    name: str,
    line: int | None,
    columns: ColumnMap,
    max_chars: int,
    locator: str | None = None,
) -> Iterator[Document | Problem]:
    """One record -> a Document (plus a Problem when it has no usable date), or one Problem."""
    keys = [k for k in record if isinstance(k, str)]
    text_key = columns.pick("text", keys)
    if text_key is None:
        yield Problem(origin, line, "record has no text: " + _columns_hint("text", columns.text, keys))
        return
    text = _as_text(record[text_key])
    if text is not None and "\x00" in text:  # a JSON "\u0000": never wanted in text, and no parser takes it
        text = text.replace("\x00", "")
        yield Problem(origin, line, f"record's text column {text_key!r} holds NUL characters; removed", action="NUL removed")
    if text is None or not text.strip():
        what = "is empty" if text is not None or record[text_key] in (None, "") else (
            f"holds a {type(record[text_key]).__name__}, not text"
        )
        yield Problem(origin, line, f"record's text column {text_key!r} {what}; skipped")
        return
    if len(text) > max_chars:
        yield Problem(origin, line, _too_long(len(text), max_chars))
        return

    def label(field: str) -> str | None:
        key = columns.pick(field, keys)
        return None if key is None else _as_label(record[key])

    record_id = label("id")
    doc_origin = record_id or (f"{name}:{line}" if line is not None else f"{name}{locator or ''}")
    published: dt.date | None = None
    date_problem = RECORD_NO_DATE_HELP
    date_key = columns.pick("date", keys)
    raw_date = None if date_key is None else record[date_key]
    if raw_date not in (None, ""):
        published = parse_date(raw_date)
        if implausible(published):
            date_problem = implausible_message(published, f"in column {date_key!r}")
            published = None
        elif published is None:
            date_problem = (
                f"could not read the date {str(raw_date)[:60]!r} in column {date_key!r} as a full "
                "day-month-year date, so relative dates in the text cannot be resolved; "
                "use ISO dates (YYYY-MM-DD) or map another column with --columns date=NAME"
            )
    doc = Document(
        id=document_id(text),
        text=text,
        title=label("title"),
        published=published,
        date_source="column" if published is not None else None,
        author=label("author"),
        source=label("source"),
        url=label("url"),
        origin=origin,
        origin_line=line,
        doc_origin=doc_origin,
    )
    doc = apply_dateline(doc, find_body_dateline(text, doc.title))
    if doc.published is None:
        doc.warnings = (*doc.warnings, "no publication date")
    yield doc
    if doc.published is None:
        yield Problem(origin, line, date_problem, action="kept without date")


def read_jsonl(
    lines: Iterable[str],
    *,
    origin: str,
    name: str,
    columns: ColumnMap,
    max_chars: int,
    decoder: LineDecoder | None = None,
    first_line: int = 1,
) -> Iterator[Document | Problem]:
    """One JSON object a line; blank lines are skipped, bad lines reported and skipped."""
    seen = False
    for number, raw in enumerate(lines, start=first_line):
        while decoder is not None and (pending := decoder.take_problem()):
            yield Problem(origin, pending[0], pending[1], action=pending[2])
        if not raw.strip():
            continue
        seen = True
        if len(raw) > 4 * max_chars + 4096:
            yield Problem(origin, number, _too_long(len(raw), max_chars))
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            detail = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            truncated = " (truncated?)" if not raw.rstrip("\r\n").rstrip().endswith("}") else ""
            yield Problem(
                origin, number,
                f"line is not valid JSON{truncated}: {detail}; line skipped, the rest of the file is read",
            )
            continue
        if not isinstance(record, dict):
            yield Problem(
                origin, number,
                f"line holds a JSON {_json_kind(record)}, not an object with a text field; skipped",
            )
            continue
        yield from record_to_document(
            record, origin=origin, name=name, line=number, columns=columns, max_chars=max_chars
        )
    if not seen:
        yield Problem(origin, None, "no records (only blank lines); skipped")


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null"
    )


def read_json(
    text: str, *, origin: str, name: str, columns: ColumnMap, max_chars: int
) -> Iterator[Document | Problem]:
    """A JSON array of objects, one object, or an object holding one list of objects.

    A file that is really JSONL (one object a line) is read as JSONL.
    """
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _read_array(text, text.index("["), origin=origin, name=name, columns=columns, max_chars=max_chars)
        return
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        if _looks_like_jsonl(text):
            yield from read_jsonl(
                io.StringIO(text), origin=origin, name=name, columns=columns, max_chars=max_chars
            )
            return
        if isinstance(exc, json.JSONDecodeError):
            yield Problem(origin, exc.lineno, f"not valid JSON ({exc.msg} at column {exc.colno}); file skipped")
        else:
            yield Problem(origin, None, "not valid JSON (nested too deeply); file skipped")
        return
    if not isinstance(value, dict):
        yield Problem(origin, None, f"JSON holds a {_json_kind(value)}, not an object or an array of objects; skipped")
        return
    keys = [k for k in value if isinstance(k, str)]
    if columns.pick("text", keys) is None:
        lists = [k for k in keys if isinstance(value[k], list) and value[k] and all(isinstance(v, dict) for v in value[k])]
        if len(lists) == 1:
            for i, item in enumerate(value[lists[0]], start=1):
                yield from record_to_document(
                    item, origin=origin, name=name, line=None, columns=columns, max_chars=max_chars,
                    locator=f"#{lists[0]}[{i}]",
                )
            return
    yield from record_to_document(value, origin=origin, name=name, line=1 + text.count("\n", 0, text.index("{")),
                                  columns=columns, max_chars=max_chars)


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _read_array(
    text: str, pos: int, *, origin: str, name: str, columns: ColumnMap, max_chars: int
) -> Iterator[Document | Problem]:
    """Walks a top-level array element by element, so each record knows its line."""
    decoder = json.JSONDecoder()
    n = len(text)
    line = 1 + text.count("\n", 0, pos)
    counted = pos
    pos += 1  # past "["
    expect_value = True
    count = 0
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            line += text.count("\n", counted, pos)
            yield Problem(origin, line, "JSON array is not closed (file truncated?); the records before it were read")
            return
        ch = text[pos]
        if ch == "]" and (count == 0 or not expect_value):
            break
        if not expect_value:
            if ch != ",":
                line += text.count("\n", counted, pos)
                yield Problem(origin, line, f"expected ',' or ']' in JSON array, found {ch!r}; rest of the file skipped")
                return
            pos += 1
            expect_value = True
            continue
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, end = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError) as exc:
            detail = f"{exc.msg}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Problem(origin, line, f"record {count + 1} is not valid JSON ({detail}); rest of the file skipped")
            return
        count += 1
        if isinstance(value, dict):
            yield from record_to_document(value, origin=origin, name=name, line=line, columns=columns, max_chars=max_chars)
        else:
            yield Problem(origin, line, f"array element {count} is a JSON {_json_kind(value)}, not an object; skipped")
        pos = end
        expect_value = False
    if count == 0:
        yield Problem(origin, line, "JSON array is empty; nothing to read")


def _raise_field_limit(max_chars: int) -> None:
    # csv's default (128 KiB) is below long articles; allow anything max_chars could accept.
    wanted = min(sys.maxsize, 2**31 - 1, 4 * max_chars + 1024)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def sniff_delimiter(header: str, default: str = ",") -> str:
    counts = {d: header.count(d) for d in _CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts.get(default, 0) else default


class _TrackedLines:
    """The lines a csv reader pulls, numbered, so each record knows its physical lines; lines
    pushed back are read again (the rows an unbalanced quote swallowed)."""

    def __init__(self, first: str, stream: Iterator[str], first_number: int = 1) -> None:
        self.pending: deque[tuple[int, str]] = deque([(first_number, first)])
        self.stream = stream
        self.next_number = first_number + 1
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _TrackedLines:
        return self

    def __next__(self) -> str:
        if self.pending:
            item = self.pending.popleft()
        else:
            item = (self.next_number, next(self.stream))
            self.next_number += 1
        self.taken.append(item)
        return item[1]

    def take(self) -> list[tuple[int, str]]:
        taken, self.taken = self.taken, []
        return taken

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self.pending.extendleft(reversed(items))


def _shape(value: str) -> str:
    """'2024-05-01' -> '9999-99-99', 'r12' -> 'a99': what a short cell looks like."""
    return "".join("9" if ch.isdigit() else "a" if ch.isalpha() else ch for ch in value.strip())


def _swallowed_rows(
    record: dict[str | None, Any], raw: list[tuple[int, str]], header: Sequence[str], sep: str, text_key: str | None
) -> int | None:
    """The line of the first row an unbalanced quote swallowed into this record, or None.

    A record spanning several lines is normal (paragraphs in a quoted field). It is a quote
    error when the quote is still open at the end of the file (an odd number of quotes), or when
    a line inside it reads as a row of its own: as many cells as the header, and a short cell
    shaped like this record's own (an id ``12`` under an id ``11``, a date under a date).
    """
    if len(raw) < 2:
        return None
    for number, line in raw[1:]:
        try:
            cells = next(csv.reader([line], delimiter=sep), [])
        except csv.Error:
            continue
        if len(cells) != len(header):
            continue
        for key, cell in zip(header, cells, strict=True):
            own = record.get(key)
            if key == text_key or not isinstance(own, str) or not own.strip() or "\n" in own:
                continue
            if len(own) <= 40 and len(cell) <= 40 and _shape(own) == _shape(cell) and any(ch.isdigit() for ch in own):
                return number
    if sum(line.count('"') for _, line in raw) % 2:
        return raw[1][0]
    return None


def read_csv(
    lines: Iterable[str],
    *,
    origin: str,
    name: str,
    columns: ColumnMap,
    max_chars: int,
    delimiter: str | None = None,
    decoder: LineDecoder | None = None,
) -> Iterator[Document | Problem]:
    """CSV/TSV with a header row; ``delimiter=None`` sniffs it from the header line.

    A quote left open swallows the rows after it into one field; such a row is reported with
    its line and skipped, and the lines it swallowed are read as rows again.
    """
    _raise_field_limit(max_chars)
    stream = iter(lines)
    first = next(stream, None)
    while decoder is not None and (pending := decoder.take_problem()):
        yield Problem(origin, pending[0], pending[1], action=pending[2])
    if first is None or not first.strip():
        yield Problem(origin, 1, "no header row (first line is empty); the first line must name the columns; skipped")
        return
    sep = delimiter or sniff_delimiter(first)
    source = _TrackedLines(first, stream)
    reader = csv.DictReader(source, delimiter=sep)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield Problem(origin, 1, f"header row is not valid CSV ({exc}); skipped")
        return
    source.take()
    text_key = columns.pick("text", header)
    if text_key is None:
        yield Problem(
            origin, 1,
            f"CSV header has no text column: {_columns_hint('text', columns.text, header)}; file skipped",
        )
        return
    errors = 0
    while True:
        try:
            row: dict[str | None, Any] | None = next(reader)
        except StopIteration:
            row = None
        except csv.Error as exc:
            errors += 1
            raw = source.take()
            if "field larger than field limit" in str(exc):
                why = "a field is too long for a document; split it or raise --max-chars"
            else:
                why = f"row is not valid CSV ({exc})"
            yield Problem(origin, raw[0][0] if raw else None, f"{why}; row skipped")
            if errors > 1000:
                yield Problem(origin, raw[-1][0] if raw else None,
                              "too many bad rows; rest of the file skipped (is the delimiter right?)")
                return
            continue
        while decoder is not None and (pending := decoder.take_problem()):
            yield Problem(origin, pending[0], pending[1], action=pending[2])
        if row is None:
            break
        raw = source.take()
        if not raw:  # cannot happen with a csv reader, but a row needs a line
            continue
        line = raw[0][0]
        swallowed = _swallowed_rows(row, raw, header, sep, text_key)
        if swallowed is not None:
            errors += 1
            closed = sum(ln.count('"') for _, ln in raw) % 2 == 0
            until = f"closes only on line {raw[-1][0]}" if closed else "is never closed"
            yield Problem(
                origin, line,
                f"unbalanced quote: a quoted field opened on this line {until}, which would swallow the "
                f"rows from line {swallowed} into this one; row skipped, the rows after it are read. "
                "Fix the quote (a quote inside a field is written twice: \"\")",
            )
            source.push_back([item for item in raw if item[0] >= swallowed])
            continue
        if None in row:
            yield Problem(
                origin, line,
                f"row has {len(header) + len(row[None])} fields but the header has {len(header)} "
                "(an unquoted delimiter in the text?); row skipped",
            )
            continue
        missing = [k for k, v in row.items() if v is None]
        record = {k: v for k, v in row.items() if k is not None and v is not None}  # (no None key: checked above)
        if missing and columns.pick("text", list(record)) is None:
            yield Problem(
                origin, line,
                f"row has {len(record)} fields but the header has {len(header)}; no text; row skipped",
            )
            continue
        yield from record_to_document(record, origin=origin, name=name, line=line, columns=columns, max_chars=max_chars)
