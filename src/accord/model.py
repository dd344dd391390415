"""Records that cross module boundaries. Dataclasses only: no I/O, no rules.

Every extracted field keeps the character span it came from, in the coordinates of
``Document.text`` exactly as stored, so anything shown to a user can be traced back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

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
    id: str = ""

    @property
    def countries(self) -> set[str]:
        return {a.country for a in self.actor + self.recipient if a.country}


@dataclass(frozen=True, slots=True)
class Provenance:
    """What coded a document: the coder's version (``accord.pipeline.EXTRACTOR_VERSION``, from
    its stages' versions) and fingerprints of the trigger lexicon and the gazetteer it used."""

    coder_version: str
    lexicon: str  # ``recoding.lexicon_snapshot(...).fingerprint``
    gazetteer: str  # ``recoding.gazetteer_fingerprint``


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
