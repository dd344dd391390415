"""RSS/Atom feeds -> one Document per entry, with feedparser.

An entry's text that opens with a wire dateline has it masked and read as metadata
(``accord.ingest.dateline``); the feed's own title stays the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from accord.ingest.dateline import apply_dateline, find_body_dateline
from accord.ingest.dates import parse_date, safe_date
from accord.ingest.html import strip_html
from accord.ingest.ids import document_id
from accord.model import Document, Problem

FEED_NO_DATE_HELP = (
    "feed entry has no published or updated date, so relative dates in it (\"today\", "
    "\"on Monday\") cannot be resolved"
)


def read_feed(
    data: bytes | str,
    *,
    origin: str,
    name: str,
    max_chars: int,
    response_headers: dict[str, str] | None = None,
) -> Iterator[Document | Problem]:
    """Every entry of an RSS/Atom feed; entries without text are reported and skipped."""
    import feedparser

    if isinstance(data, str):  # never hand feedparser a str: it would treat it as a path or URL
        data = data.encode("utf-8")
    parsed = feedparser.parse(data, response_headers=response_headers or {})
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            exc = parsed.get("bozo_exception")
            why = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
            yield Problem(origin, None, f"not a readable RSS/Atom feed{why}; skipped")
        else:
            yield Problem(origin, None, "feed has no entries; nothing to read")
        return
    feed_title = _label(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield from _entry(entry, number, origin=origin, name=name, feed_title=feed_title, max_chars=max_chars)


def _entry(
    entry: Any, number: int, *, origin: str, name: str, feed_title: str | None, max_chars: int
) -> Iterator[Document | Problem]:
    title = _label(entry.get("title"))
    where = f"entry {number}" + (f" ({title[:60]!r})" if title else "")
    text = _entry_text(entry)
    if not text:
        yield Problem(origin, None, f"{where} has no content or summary; skipped")
        return
    if len(text) > max_chars:
        yield Problem(
            origin, None,
            f"{where} has {len(text):,} characters, over the {max_chars:,}-character limit "
            "(spaCy's max_length); raise --max-chars",
        )
        return
    published = _entry_date(entry)
    link = _label(entry.get("link"))
    doc_origin = _label(entry.get("id")) or link or f"{name}#{number}"
    doc = Document(
        id=document_id(text),
        text=text,
        title=title,
        published=published,
        date_source="feed" if published is not None else None,
        author=_label(entry.get("author")),
        source=feed_title,
        url=link,
        origin=origin,
        origin_line=None,
        doc_origin=doc_origin,
    )
    doc = apply_dateline(doc, find_body_dateline(text, doc.title))
    if doc.published is None:
        doc.warnings = (*doc.warnings, "no publication date")
    yield doc
    if doc.published is None:
        yield Problem(origin, None, f"{where}: {FEED_NO_DATE_HELP}", action="kept without date")


def _entry_text(entry: Any) -> str:
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if isinstance(value, str):
            candidates.append(value)
    summary = entry.get("summary")
    if isinstance(summary, str):
        candidates.append(summary)
    texts = [strip_html(c.replace("\x00", "")) for c in candidates]  # NULs: a glitch, never text
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published", "updated", "created"):
        if (value := parse_date(entry.get(key))) is not None:
            return value
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed is not None:
            return safe_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _label(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
