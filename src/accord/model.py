"""Records that cross module boundaries. Dataclasses only: no I/O, no rules, except the one
event-id scheme (``event_id``), here so that the coder that assigns ids and the store that
checks them share it without importing each other.

Every extracted field keeps the character span it came from, in the coordinates of
``Document.text`` exactly as stored, so anything shown to a user can be traced back.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import functools
import hashlib
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Precision = Literal["day", "month", "quarter", "year"]
DateKind = Literal["point", "interval", "deadline", "duration"]
Status = Literal["occurred", "ongoing", "planned", "proposed", "hypothetical", "negated"]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES: tuple[str, ...] = ("occurred", "ongoing", "planned", "proposed", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character interval [start, end) of a document's text."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset, self.text)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved time expression: ``value`` is ISO at ``precision``.

    Values: ``2020-06-17`` (day), ``2020-06`` (month), ``2020-Q1`` (quarter), ``2020`` (year).
    """

    value: str
    precision: Precision
    kind: DateKind = "point"
    span: Span | None = None
    source: str | None = None  # where it came from: "text", "document", "header", "dateline"...


# --- date values as day ranges (pure: the store, merging and analytics all read them) -----------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def _one_range(value: str) -> tuple[dt.date, dt.date] | None:
    value = value.strip()
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            first, last = 3 * q - 2, 3 * q
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:  # 2020-02-31, month 13: not a date, so no range
        return None
    return None


@functools.lru_cache(maxsize=16384)  # pure, and asked of the same few dates thousands of times
def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by an ISO date value (day, month, ``YYYY-Qn``, year).

    An interval written ``a/b`` covers a's first day to b's last. None when unreadable.
    """
    if not value:
        return None
    if "/" in value:
        left, _, right = value.partition("/")
        lo, hi = _one_range(left), _one_range(right)
        if lo and hi:
            return lo[0], hi[1]
        return lo or hi
    return _one_range(value)


# What a status says of an act for the commitments ledger (``accord.analytics.commitments``):
# a planned, proposed or agreed act is a promise; an occurred or ongoing one was done. The
# store keeps the events that may be commitments apart (``may_commit``), so they live here.
PROMISE_STATUSES = frozenset({"planned", "proposed", "agreed"})
DONE_STATUSES = frozenset({"occurred", "ongoing"})
AGREE = "AGREE"  # an agreement reached is a commitment of its own (kind "agreed")


def may_commit(status: str, type_: str, date: str | None, reported: dt.date | None) -> bool:
    """Whether an act of this status, type, own date (an ISO value) and first report can be a
    commitment at all: of a promise status, or done and either an AGREE or dated to end after
    its report (``accord.analytics.commitments.kind_of`` checks the rest on its sentence)."""
    if status in PROMISE_STATUSES:
        return True
    if status not in DONE_STATUSES:
        return False
    rng = date_range(date) if date else None
    return type_ == AGREE or bool(rng and reported and rng[1] > reported)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline opening a document's body ("TBILISI, Dec 2 (Reuters) -"): metadata, masked.

    Spans are in ``Document.text`` offsets: ``span`` the whole dateline (separator included),
    ``place`` the place as written ("BEIRUT, Lebanon"; None for "(Reuters) -" alone), ``date``
    the date as written ("Dec 2"). ``agency`` is the agency named in brackets ("Reuters").
    """

    span: Span
    place: Span | None = None
    agency: str | None = None
    date: Span | None = None


@dataclass(slots=True)
class Document:
    """One news item. ``id`` is a content hash, so the same article ingested twice is one row."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    date_source: str | None = None  # "header", "dateline", "html-meta", "feed", "column", ...
    author: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    origin: str = ""  # path, URL or "<stdin>"
    origin_line: int | None = None  # 1-based line of the item (or record) in its origin
    doc_origin: str = ""  # what scorers key on: the file's name, or the record's own id
    masked: tuple[Span, ...] = ()  # metadata regions (date header, byline, dateline) not to be parsed
    warnings: tuple[str, ...] = ()
    dateline: Dateline | None = None  # where and by whom the item was filed; its span is masked

    def nlp_text(self) -> str:
        """The text with metadata regions blanked, offsets unchanged."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for span in self.masked:
            for i in range(span.start, min(span.end, len(chars))):
                if not chars[i].isspace():
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True, slots=True)
class Problem:
    """Input that could not be (fully) read; the batch goes on without it."""

    origin: str
    line: int | None
    message: str  # what was wrong and what the user can do
    action: str = "skipped"  # "skipped", "read with fallback", ...

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        said = self.action.split()[0] in self.message  # "…; skipped" needs no "(skipped)" after it
        return f"{where}: {self.message}" + ("" if said else f" ({self.action})")


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor as it takes part in an event (PLOVER actor block)."""

    text: str
    country: str | None = None
    sector: str | None = None
    entity: str | None = None
    role: str | None = None
    span: Span | None = None
    confidence: float = 1.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None


@dataclass(slots=True)
class Event:
    """One event within a document, possibly reported by several mentions."""

    type: str
    doc_id: str
    mentions: list[Span]
    trigger: Span
    mode: str | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    status: Status = "occurred"
    date: DateValue | None = None
    date_reason: str | None = None  # why there is no date, or how it was chosen
    location: Place | None = None
    contexts: list[str] = field(default_factory=list)
    intensity: float | None = None
    cameo: str | None = None
    id: str = ""  # ``event_id``: content-hashed, the same whenever the document is coded again
    # The parse's sentence of the first mention (else the trigger), in document offsets: the
    # evidence shown for the event. None for events stored before the coder recorded it.
    sentence: Span | None = None
    # What was signed when the event is a signing ("memorandum on cooperation in the energy
    # sector", or ``accord.coding.signing.UNNAMED``); None when it is no signing, or when
    # ``sentence`` is None (stored before the coder decided it: readers decide it themselves).
    signing: str | None = None

    @property
    def countries(self) -> set[str]:
        return {a.country for a in self.actor + self.recipient if a.country}


def event_id(doc_id: str, type_: str, trigger: Span) -> str:
    """Stable id of an event: document prefix + hash of (document, type, trigger span).

    Re-coding the same document gives the same ids; a different event in the same document
    gets a different id even if it lands at the same position in the list.
    """
    digest = hashlib.sha1(f"{doc_id}|{type_}|{trigger.start}|{trigger.end}".encode()).hexdigest()[:8]
    return f"{doc_id[:12]}-{digest}"


def event_ids(doc_id: str, events: Iterable[Event]) -> list[str]:
    """Ids for ``events`` of one document, in order: ``Event.id`` where set, else ``event_id``.

    Two ids that would clash (same type and trigger) get ``-2``, ``-3``... suffixes, so ids are
    unique within the document; explicit ids are kept as they are (the store checks them).
    """
    out: list[str] = []
    seen: set[str] = set()
    for event in events:
        if event.id:
            out.append(event.id)
            seen.add(event.id)
            continue
        base = event_id(doc_id, event.type, event.trigger)
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        out.append(candidate)
        seen.add(candidate)
    return out


@dataclass(frozen=True, slots=True)
class Provenance:
    """What coded a document: the coder's version (``accord.pipeline.EXTRACTOR_VERSION``, from
    its stages' versions) and fingerprints of the trigger lexicon and the gazetteer it used."""

    coder_version: str
    lexicon: str  # ``recoding.lexicon_snapshot(...).fingerprint``
    gazetteer: str  # ``Gazetteer.fingerprint()``


@dataclass(slots=True)
class CodedDocument:
    """A document with everything the pipeline found in it."""

    document: Document
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # every resolved actor mention
    provenance: Provenance | None = None  # None for a document coded outside a Pipeline/Coder


@dataclass(slots=True)
class MergedEvent:
    """One real-world event reported by one or more event mentions across documents."""

    id: str
    event: Event  # the representative: fields agreed by its members, evidence from all
    members: list[str] = field(default_factory=list)  # ids of the per-document events merged
    documents: list[str] = field(default_factory=list)  # document ids
    sources: list[str] = field(default_factory=list)  # distinct outlets, where known
    num_mentions: int = 0
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    why: list[str] = field(default_factory=list)  # why each member joined ("same CONSULT AZE+UKR, dates agree at day")

    @property
    def num_documents(self) -> int:
        return len(self.documents)

    @property
    def num_sources(self) -> int:
        return len(self.sources)


# --- merged events made and read (pure: merging, analytics, the exports and the API share them)


def plain(value: Any) -> Any:
    """``dataclasses.asdict``'s result, quicker: dataclasses become dicts, lists, tuples and
    dicts are rebuilt, strings, numbers and None are kept, anything else is deep-copied as
    asdict does (asdict deep-copies every leaf: on a dyad report of 12,000 events that cost more
    than writing its JSON)."""
    kind: type = type(value)
    if kind in _PLAIN_LEAVES:
        return value
    # leaves are kept inline, not by a call each: a dyad report's 12,000 rows have 24 fields,
    # most of them strings, numbers or lists of strings
    leaves = _PLAIN_LEAVES
    if kind is list:
        return [v if type(v) in leaves else plain(v) for v in value]
    if kind is dict:
        return {k if type(k) in leaves else plain(k): v if type(v) in leaves else plain(v) for k, v in value.items()}
    if (fields_of := _field_values(kind)) is not None:
        names, values = fields_of
        return {name: v if type(v) in leaves else plain(v) for name, v in zip(names, values(value), strict=True)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return copy.deepcopy(value)  # what asdict does with any other value


_PLAIN_LEAVES = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_values(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] | None:
    """A dataclass's field names in order and a getter of their values as a tuple; None for any
    other type."""
    if not is_dataclass(cls):
        return None
    names = tuple(f.name for f in fields(cls))
    if not names:
        return (), lambda _value: ()
    get = operator.attrgetter(*names)
    return names, (get if len(names) > 1 else lambda value: (get(value),))


def quick_new[T](cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted dataclass ``cls`` taking every field in order: the
    object ``cls(...)`` gives, in half the time. The frozen ``__init__`` sets each field through
    ``object.__setattr__``, which looks the slot up again each time; this one calls each slot's
    descriptor directly. For readers that rebuild tens of thousands of records (a dyad's facts:
    ``accord.analytics.facts``). Classes with a ``__post_init__`` or a field left out of
    ``__init__`` are refused: the constructor would skip them."""
    if not (is_dataclass(cls) and cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__") or not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__} has a __post_init__ or a field outside __init__")
    names = [f.name for f in fields(cls)]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    scope.update({f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)})
    body = "".join(f"    _set{i}(obj, {name})\n" for i, name in enumerate(names))
    # field names are identifiers: the generated code is only calls of the slots' setters
    exec(f"def new({', '.join(names)}):\n    obj = _new(_cls)\n{body}    return obj\n", scope)
    return scope["new"]


def singletons(events: Iterable[Event], documents: Mapping[str, Document] | None = None) -> list[MergedEvent]:
    """Each stored event as a one-member merged event: the view when no cross-article merge ran."""
    docs = documents or {}
    merged: list[MergedEvent] = []
    for ev in events:
        doc = docs.get(ev.doc_id)
        day = doc.published if doc else None
        merged.append(MergedEvent(
            id=ev.id, event=ev, members=[ev.id], documents=[ev.doc_id],
            sources=[doc.source] if doc and doc.source else [],
            num_mentions=len(ev.mentions), first_reported=day, last_reported=day,
            why=["single report (no cross-article merge)"],
        ))
    return merged


def doc_ids(merged: MergedEvent) -> list[str]:
    return list(merged.documents) or ([merged.event.doc_id] if merged.event.doc_id else [])
