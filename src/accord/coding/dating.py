"""When an event happened: the time expression attached to its trigger, else the document
date for what is reported as current news; a report framed by a dated meeting takes its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from accord.model import DateValue, Document, Event
from accord.timex import Timex

if TYPE_CHECKING:
    from spacy.tokens import Token


def attached_timex(tok: Token, timexes: list[Timex], obj: Token | None) -> Timex | None:
    """The time expression that dates this trigger: the nearest one whose path up the parse
    reaches the trigger (or its object) before any other verb; for a nominal trigger, also one
    on the verb that governs the noun ("began an official visit ... today")."""
    sent = tok.sent
    inside = [t for t in timexes if sent.start_char <= t.span.start < sent.end_char and t.value is not None]
    if not inside:
        return None
    targets = {tok.i} | ({obj.i} if obj is not None else set())
    if tok.pos_ != "VERB" and tok.head.pos_ in {"VERB", "AUX"}:
        targets.add(tok.head.i)
    best, best_dist = None, 99
    for tx in inside:
        span = tok.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
        if span is None:
            continue
        node, dist = span.root, 0
        while node.i not in targets and node.head.i != node.i and dist < 8:
            node, dist = node.head, dist + 1
            if node.pos_ in {"VERB", "AUX"} and node.i not in targets:
                break
        if node.i in targets and dist < best_dist:
            best, best_dist = tx, dist
    return best


def date_of(timex: Timex | None, status: str, document: Document) -> tuple[DateValue | None, str | None]:
    if timex is not None and timex.value is not None:
        return replace(timex.value, span=timex.span, source="text"), None
    if status in {"occurred", "ongoing"} and document.published is not None:
        return DateValue(document.published.isoformat(), "day", "point", None, "document"), "document date (reported as current news)"
    if document.published is None:
        return None, "document undated"
    return None, "no date in text"


def after(date: DateValue, published: dt.date) -> bool:
    value = date.value
    try:
        if date.precision == "day":
            return dt.date.fromisoformat(value) > published
        if date.precision == "month":
            y, m = value.split("-")[:2]
            return (int(y), int(m)) > (published.year, published.month)
        return int(value[:4]) > published.year
    except ValueError:
        return False


def frame_dates(events: list[Event]) -> None:
    """A report of a meeting dated in the text ("during the videoconference ... on June 17")
    frames the acts reported with it: occurred events of the same sides that only carry the
    document date take the meeting's date."""
    frame = next((e for e in events if e.type == "CONSULT" and e.status == "occurred" and e.date is not None
                  and e.date.source == "text" and e.date.precision == "day"), None)
    if frame is None:
        return
    sides = frame.countries
    for ev in events:
        if ev is frame or ev.date is None or ev.date.source != "document" or ev.status not in {"occurred", "ongoing"}:
            continue
        if ev.countries and ev.countries <= sides and ev.mentions[0].start > frame.mentions[0].start:
            ev.date = replace(frame.date, source="text")
            ev.date_reason = f"date of the meeting it was reported with ({frame.trigger.text})"


