"""Dyad analytics: what happened between two countries, period by period, with evidence.

``dyad_analytics(events, "AZE", "UKR")`` takes cross-article merged events (``MergedEvent``,
from ``accord.dedup``; ``accord.model.singletons`` wraps plain stored events when there is no merge) and
returns a ``DyadReport``: counts by period, type and quad class, the PLOVER-score index,
contexts, key actors, who met whom, agreements signed, aid flows, what is planned ahead and
notable changes. Every figure keeps the ids of the events behind it, and every listed event its
evidence text, so the brief can be traced back to the words of the sources.

Counting rules (they decide every number in the report, so they live here, not in the views):

* The unit is the merged event: a real-world act reported by ten articles counts once.
* An event belongs to the dyad when the countries of its participants (actor and recipient)
  include both ``a`` and ``b``.
* Occurred and ongoing events are counted at their own date (first day of its range), else at
  the date they were first reported.
* Planned and proposed events are acts of *agreeing* or *proposing*: PLOVER codes a future
  CONSULT, SUPPORT, COOPERATE or AID as AGREE (event-guide.md), so they are counted as AGREE
  (other types keep theirs) at the date they were *reported*, not at the future date, which
  would put promises into months that have not happened yet. They are listed under "planned
  ahead" with their future date.
* Hypothetical and negated events are not acts: they are listed but not counted.
* The index of a period is the sum (and mean) of the PLOVER scores of its events; the
  per-document index divides the sum by the number of distinct documents reporting those
  events, which damps the effect of a burst of coverage.
* Periods run without gaps from the first to the last counted event; empty ones show 0.
* Notable changes: within each series (one per direction), a period whose index sum lies at
  least ``Z_THRESHOLD`` population standard deviations from the mean over the periods that
  have events. Empty periods are not observations: in news-derived data silence means "not
  reported", and counting it as 0 would flag every active month of a sparse dyad as a rise.
  Needs ``MIN_PERIODS`` such periods: with n periods |z| is at most sqrt(n-1), so fewer
  cannot say much.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from accord import yamlfile
from accord.analytics.change import ChangeReport, Item, change_report
from accord.analytics.commitments import Act, Ledger, kind_of, ledger, may_commit
from accord.analytics.coverage import Coverage, Dating, coverage
from accord.analytics.topics import (
    TopicHit,
    TopicStat,
    evidence_words,
    find_topics,
    merge_hits,
    text_topics,
    topic_stats,
)
from accord.coding import signing
from accord.coding.scores import type_info
from accord.model import (
    EVENT_TYPES,
    Actor,
    DateValue,
    Document,
    Event,
    MergedEvent,
    Span,
    date_range,
    doc_ids,
    plain,
)

Period = Literal["month", "quarter", "year"]
PERIODS: tuple[str, ...] = ("month", "quarter", "year")

COUNTED_STATUSES = frozenset({"occurred", "ongoing", "planned", "proposed"})
FUTURE_STATUSES = frozenset({"planned", "proposed"})
# PLOVER codes a promised meeting, endorsement, cooperation or aid as AGREE (event-guide.md)
AGREE_WHEN_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
QUAD_LABELS: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
}
Z_THRESHOLD = 1.5
OWN_DATE = "dated by its own date"  # counted_day's note when the event's own date places it
MIN_PERIODS = 4
TOP_N = 10


# --- records -----------------------------------------------------------------------------------


@dataclass(slots=True)
class EventRow:
    """One dyad event as the report sees it: how it was counted, and its evidence."""

    id: str
    type: str  # as coded
    counted_type: str  # as counted: a planned CONSULT is AGREE
    mode: str | None
    status: str
    direction: str
    date: str | None  # the event's own date value (ISO, at its precision)
    day: str | None  # the day it is counted at (ISO)
    when: str | None  # that day at the precision the source gives it: "2020" for a year-only date
    period: str | None  # the period it is counted in; None when not counted or undated
    score: float | None
    quad: int | None
    counted: bool
    note: str  # how it was dated, or why it is not counted
    actors: list[str]
    recipients: list[str]
    contexts: list[str]
    evidence: list[str]  # mention texts
    documents: list[str]
    num_mentions: int
    first_reported: str | None
    trigger: str = ""  # the words that made it this type
    reports: int = 1  # stored (per-article) events merged into this one
    topics: dict[str, list[str]] = field(default_factory=dict)  # topic -> the words that put it there


@dataclass(slots=True)
class PeriodStat:
    direction: str
    period: str
    events: int
    documents: int  # distinct documents reporting the period's events
    score_sum: float
    score_mean: float | None  # None for a period without events
    per_document: float | None  # score_sum / documents
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TypeStat:
    direction: str
    type: str
    events: int
    score_sum: float
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QuadStat:
    direction: str
    quad: int
    label: str
    events: int
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ContextStat:
    context: str
    events: int
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class KeyActor:
    country: str
    name: str
    sector: str | None
    roles: list[str]
    events: int
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Tie:
    """Two participants of CONSULT (met) or SUPPORT (backed, signed with) events."""

    kind: str  # CONSULT or SUPPORT
    source: str
    source_country: str | None
    target: str
    target_country: str | None
    events: int
    event_ids: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Agreement:
    event_id: str
    title: str | None  # words of the evidence naming the agreement; None when not found
    date: str | None
    status: str
    parties: list[str]
    evidence: str  # the mention the title was read from (else the first mention)
    sentence: str  # that mention's sentence (the mention itself when its document is not at hand)
    documents: list[str]


@dataclass(slots=True)
class AidFlow:
    event_id: str
    direction: str  # always directional (donor -> recipient), whatever ``directed`` says
    donors: list[str]
    recipients: list[str]
    status: str
    date: str | None
    evidence: str
    sentence: str
    documents: list[str]


@dataclass(slots=True)
class PlannedEvent:
    event_id: str
    type: str
    mode: str | None
    status: str
    date: str | None  # the event's own date, when the text gives one
    future: bool  # the date lies after the report date
    reported: str | None
    parties: list[str]
    evidence: str
    sentence: str
    documents: list[str]


@dataclass(slots=True)
class Change:
    direction: str
    period: str
    kind: Literal["rise", "drop"]
    score_sum: float
    events: int
    z: float
    mean: float  # the series' norm
    std: float
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DyadReport:
    a: str
    b: str
    directed: bool
    period: str
    directions: list[str]
    first: str | None  # first and last counted day, at the precision of its date ("2020" for a year)
    last: str | None
    events: int  # dyad events (merged), counted or not
    counted: int
    documents: int
    sources: list[str]
    rows: list[EventRow]
    periods: list[PeriodStat]
    by_type: list[TypeStat]
    quads: list[QuadStat]
    contexts: list[ContextStat]
    actors: list[KeyActor]
    ties: list[Tie]
    agreements: list[Agreement]
    aid: list[AidFlow]
    planned: list[PlannedEvent]
    changes: list[Change]
    undated: list[str]  # counted-status events with no date at all (in no period)
    notes: list[str]  # how the figures were computed, for the brief's method section
    reports: int = 0  # stored per-article events behind ``events`` (``accord dyads`` counts these)
    topics: list[TopicStat] = field(default_factory=list)  # the relationship's topics (counted events)
    document_topics: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # doc id -> topic -> words
    commitments: Ledger | None = None  # what was promised and whether it happened (analytics_commitments)
    change: ChangeReport | None = None  # period-over-period deltas and temperature (analytics_change)
    coverage: Coverage | None = None  # documents, outlets, how events were dated (analytics_coverage)

    def rows_by_id(self) -> dict[str, EventRow]:
        """Each event's row by id: the views name events by date and words, not by id."""
        return {r.id: r for r in self.rows}

    @property
    def meetings(self) -> list[Tie]:
        """Who met whom: the CONSULT ties."""
        return [t for t in self.ties if t.kind == "CONSULT"]

    def series(self, direction: str) -> list[PeriodStat]:
        return [p for p in self.periods if p.direction == direction]

    def to_dict(self) -> dict[str, Any]:
        return plain(self)  # asdict's result, without its deep copies


# --- adapters ----------------------------------------------------------------------------------


# --- helpers shared with the views and exports ----------------------------------------------


def counted_type(event: Event) -> str:
    """The PLOVER type an event counts as (a planned or proposed CONSULT is AGREE)."""
    if event.status in FUTURE_STATUSES and event.type in AGREE_WHEN_FUTURE:
        return "AGREE"
    return event.type


def event_score(event: Event) -> float | None:
    """PLOVER score of the event as counted: the coded intensity unless the type was remapped."""
    kind = counted_type(event)
    if kind == event.type and event.intensity is not None:
        return float(event.intensity)
    info = type_info(kind, event.mode if kind == event.type else None)
    return info.score if info else None


def event_quad(event: Event) -> int | None:
    kind = counted_type(event)
    info = type_info(kind, event.mode if kind == event.type else None)
    return info.quad if info else None


def actor_name(actor: Actor) -> str:
    """Who an actor is, as the text puts it: the entity, else the words, else the country code."""
    return actor.entity or actor.text or actor.country or "?"


def participant_name(actor: Actor) -> str:
    """An actor as a network node: the entity, the words for an unnamed group ("Ukrainian
    officials"), or the country code for a bare country however it was written (Kyiv = UKR)."""
    if actor.entity:
        return actor.entity
    if actor.sector or not actor.country:
        return actor.text or actor.country or "?"
    return actor.country


def own_day(event: Event) -> dt.date | None:
    rng = date_range(event.date.value) if event.date else None
    return rng[0] if rng else None


_COARSE = re.compile(r"\d{4}(?:-\d{2}|-Q[1-4]|-W\d{2})?")


def at_precision(day: dt.date | None, own: DateValue | None) -> str | None:
    """The day an event is counted at, written at the precision its source gives it.

    An event dated "in 2020" is counted at 2020-01-01 (periods need a day) but shown as
    ``2020``, a month as ``2020-06``: printing 1 January would claim a precision the text lacks.
    """
    if day is None:
        return None
    if own is not None and own.precision != "day" and _COARSE.fullmatch(own.value):
        rng = date_range(own.value)
        if rng and rng[0] == day:
            return own.value
    return day.isoformat()


def reported_day(merged: MergedEvent, documents: Mapping[str, Document]) -> dt.date | None:
    if merged.first_reported is not None:
        return merged.first_reported
    days = [d.published for d in (documents.get(i) for i in doc_ids(merged)) if d and d.published]
    return min(days) if days else None


def period_of(day: dt.date, period: str) -> str:
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if period == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {period!r}: use one of {', '.join(PERIODS)}")


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period key from ``first`` to ``last`` inclusive (keys as made by ``period_of``)."""
    def index(key: str) -> int:
        year = int(key[:4])
        if period == "month":
            return year * 12 + int(key[5:7]) - 1
        if period == "quarter":
            return year * 4 + int(key[6]) - 1
        return year

    def key(i: int) -> str:
        if period == "month":
            return f"{i // 12:04d}-{i % 12 + 1:02d}"
        if period == "quarter":
            return f"{i // 4:04d}-Q{i % 4 + 1}"
        return f"{i:04d}"

    return [key(i) for i in range(index(first), index(last) + 1)]


def direction_of(event: Event, a: str, b: str, directed: bool) -> str | None:
    """The dyad direction of an event, or None when it does not involve both countries.

    Undirected: ``A-B``. Directed: ``A->B`` (A acts on B), ``B->A``, or ``A<->B`` for
    reciprocal acts (both sides in ``actor``) and joint acts of A and B towards others.
    """
    return _direction(event.actor, event.recipient, a, b, directed)


def _direction(actor: list[Actor], recipient: list[Actor], a: str, b: str, directed: bool) -> str | None:
    acts = {x.country for x in actor if x.country}
    recv = {x.country for x in recipient if x.country}
    if not {a, b} <= acts | recv:
        return None
    if not directed:
        return f"{a}-{b}"
    if a in acts and b in recv and not (b in acts and a in recv):
        return f"{a}->{b}"
    if b in acts and a in recv and not (a in acts and b in recv):
        return f"{b}->{a}"
    return f"{a}<->{b}"


def directions_for(a: str, b: str, directed: bool) -> list[str]:
    return [f"{a}->{b}", f"{b}->{a}", f"{a}<->{b}"] if directed else [f"{a}-{b}"]


# --- agreement titles ---------------------------------------------------------------------------


# ``agreement_title`` (``accord.coding.signing``): for events stored before the coder read it
agreement_title = signing.agreement_title


_SENT_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
CONTEXT_CHARS = 300  # at most this much text around a mention, each side, when no sentence end is near


def sentence_bounds(text: str, start: int, end: int, masked: Iterable[Span] = ()) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: a mention may stop short of what it names.

    ``masked`` are the document's metadata regions (``Document.masked``: date header, byline,
    dateline): a sentence never reaches back into one, so metadata is never quoted as evidence.
    """
    starts = [m.end() for m in _SENT_END.finditer(text, max(0, start - CONTEXT_CHARS), start)]
    first = starts[-1] if starts else max(0, start - CONTEXT_CHARS)
    first = max([first] + [m.end for m in masked if first < m.end <= start])
    while first < start and text[first].isspace():
        first += 1
    stop = _SENT_END.search(text, end, end + CONTEXT_CHARS)
    return first, stop.end() if stop else min(len(text), end + CONTEXT_CHARS)


def mention_sentence(event: Event, span: Span, doc: Document) -> tuple[int, int]:
    """The sentence around ``span``, a mention of ``event`` in ``doc``: the parse's sentence
    (``Event.sentence``) for the event's first mention, widened to the whole mention if it runs
    on; else ``sentence_bounds`` (later mentions, and events stored before the coder recorded
    their sentence)."""
    first = event.mentions[0] if event.mentions else event.trigger
    if event.sentence is not None and span == first and doc.id == event.doc_id:
        return min(event.sentence.start, span.start), max(event.sentence.end, span.end)
    return sentence_bounds(doc.text, span.start, span.end, doc.masked)


def locate(merged: MergedEvent, documents: Mapping[str, Document]) -> list[tuple[Span, Document | None]]:
    """Each mention of a merged event with the document it comes from, where at hand.

    A merged event's mentions come from several documents and a Span does not say which, so
    a mention is placed in the first document whose text has exactly its words at its offsets.
    """
    docs = [documents[i] for i in doc_ids(merged) if i in documents]
    return [(m, next((d for d in docs if d.text[m.start:m.end] == m.text), None)) for m in merged.event.mentions]


# each mention of a merged event with its document (``locate``) and its sentence's bounds there
# (``mention_sentence``; None without the document): topics, evidence sentences and the ledger
# all read them, so the dyad report finds them once per event
Located = list[tuple[Span, Document | None, tuple[int, int] | None]]


def _each_located(merged: MergedEvent, documents: Mapping[str, Document]) -> Iterator[
        tuple[Span, Document | None, tuple[int, int] | None]]:
    for span, doc in locate(merged, documents):  # lazily: a caller may stop at the first
        yield span, doc, None if doc is None else mention_sentence(merged.event, span, doc)


def located(merged: MergedEvent, documents: Mapping[str, Document]) -> Located:
    """``Located`` of a merged event."""
    return list(_each_located(merged, documents))


def _sentence(merged: MergedEvent, documents: Mapping[str, Document], mention: str,
              where: Located | None = None) -> str:
    """The sentence of the mention whose words are ``mention`` (the mention itself without its
    document); ``where``: the event's ``located``, when already found."""
    for span, doc, bounds in _each_located(merged, documents) if where is None else where:
        if span.text == mention and doc is not None and bounds is not None:
            first, last = bounds
            return " ".join(doc.text[first:last].split())
    return mention


def event_topics(merged: MergedEvent, documents: Mapping[str, Document],
                 where: Located | None = None) -> list[TopicHit]:
    """The topics of an event, from the sentences of its mentions (``accord.analytics.topics``);
    ``where``: the event's ``located``, when already found.

    Evidence spans are in document coordinates; a mention whose document is not at hand is
    searched alone.
    """
    ev = merged.event
    groups: list[tuple[list[TopicHit], str]] = []
    for span, doc, bounds in located(merged, documents) if where is None else where:
        if doc is None or bounds is None:
            groups.append((find_topics(span.text, ev.contexts, span.start), " ".join(span.text.split())))
            continue
        first, last = bounds
        text = doc.text[first:last]
        groups.append((find_topics(text, ev.contexts, first), " ".join(text.split())))
    return merge_hits(groups)


def document_topics(doc: Document) -> dict[str, list[str]]:
    """A document's topics (over its body, metadata masked) with their words."""
    return {h.topic: evidence_words(h) for h in text_topics(doc.nlp_text())}


def _agreement(merged: MergedEvent, documents: Mapping[str, Document], date: str | None,
               parties: list[str]) -> Agreement:
    ev = merged.event
    if ev.sentence is not None and ev.signing is not None:
        # the coder read the title from the parse's sentences; the evidence is the first mention
        evidence = ev.mentions[0].text if ev.mentions else ev.trigger.text
        return Agreement(merged.id, None if ev.signing == signing.UNNAMED else ev.signing, date, ev.status, parties,
                         evidence, _sentence(merged, documents, evidence), doc_ids(merged))
    for span, doc in locate(merged, documents):
        # read the whole sentence where the document is at hand: the mention may stop at "signed a"
        text = doc.text[slice(*sentence_bounds(doc.text, span.start, span.end, doc.masked))] if doc else span.text
        title = agreement_title(text)
        if title:
            return Agreement(merged.id, title, date, ev.status, parties, span.text,
                             _sentence(merged, documents, span.text), doc_ids(merged))
    evidence = ev.mentions[0].text if ev.mentions else ev.trigger.text
    return Agreement(merged.id, None, date, ev.status, parties, evidence, _sentence(merged, documents, evidence),
                     doc_ids(merged))



# --- commitments glue ------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # a dyad's ledger asks it of the same sentences again and again
def countries_named(text: str) -> frozenset[str]:
    """Countries a text names by a capitalised name, demonym or capital ("Azerbaijani people" -> AZE)."""
    from accord.actors.gazetteer import country_gazetteer

    gaz = country_gazetteer()  # it asks only for countries
    found = set()
    for word in _WORDS.findall(text):
        if word[:1].isupper() and (hit := gaz.country(word.rstrip("'’s").rstrip(".")) or gaz.country(word)):
            found.add(hit.code)
    return frozenset(found)


def _sentence_key(merged: MergedEvent, documents: Mapping[str, Document],
                  where: Located | None = None) -> tuple[tuple[str, int] | None, str]:
    for _span, doc, bounds in _each_located(merged, documents) if where is None else where:
        if doc is not None and bounds is not None:
            first, last = bounds
            return (doc.id, first), " ".join(doc.text[first:last].split())
    ev = merged.event
    text = ev.mentions[0].text if ev.mentions else ev.trigger.text
    return None, " ".join(text.split())


def make_act(merged: MergedEvent, documents: Mapping[str, Document], topics: Iterable[str] = (),
             note: str = "", where: Located | None = None) -> Act:
    """The ledger's view of a merged event (``accord.analytics.commitments``); ``where``: its
    ``located``, when already found."""
    ev = merged.event
    key, sentence = _sentence_key(merged, documents, where)
    reported = reported_day(merged, documents)
    return Act(
        id=merged.id, type=ev.type, status=ev.status, reported=reported, mode=ev.mode,
        date=ev.date.value if ev.date else None, actors=label(ev.actor), recipients=label(ev.recipient),
        doers=frozenset(x.entity for x in ev.actor if x.entity),
        named=frozenset(x.entity for x in ev.actor + ev.recipient if x.entity),
        countries=frozenset(x.country for x in ev.actor + ev.recipient if x.country),
        documents=doc_ids(merged), sentence=sentence, sentence_key=key,
        evidence=" ".join((ev.mentions[0].text if ev.mentions else ev.trigger.text).split()),
        topics=frozenset(topics), note=note,
    )


def _ledger(pairs: list[tuple[EventFacts, EventRow]], others: list[MergedEvent],
            documents: Mapping[str, Document], a: str, b: str, as_of: dt.date | None = None) -> Ledger:
    """The dyad's commitments: its own events, and promises of one side in the dyad's documents
    whose sentence names the other side ("the Azerbaijani people ... will deliver generators to
    Ukraine" coded with Ukrainian participants only): a promise's partner is often only named."""
    acts = [f.act for f, _ in pairs]
    dyad_docs = {d for _, r in pairs for d in r.documents}
    seen = {r.id for _, r in pairs}
    for merged in others:
        ev = merged.event
        sides = {a, b} & {x.country for x in ev.actor + ev.recipient}
        if merged.id in seen or not sides or not dyad_docs & set(doc_ids(merged)):
            continue
        if not may_commit(ev.status, ev.type, ev.date.value if ev.date else None, reported_day(merged, documents)):
            continue  # kind_of would say None: no need to find its sentence
        act = make_act(merged, documents)
        if kind_of(act) is None:
            continue
        other = ({a, b} - sides)
        if len(other) == 1 and other <= countries_named(act.sentence):
            act.topics = frozenset(h.topic for h in event_topics(merged, documents))
            act.note = f"its participants are {', '.join(sorted(sides))}; its sentence names {other.pop()}"
            acts.append(act)
            seen.add(merged.id)
    return ledger(acts, candidates=acts[:len(pairs)], as_of=as_of)


# --- the report --------------------------------------------------------------------------------


def label(actors: list[Actor]) -> list[str]:
    """Each participant once, as the report names them: "Ilham Aliyev (AZE)"."""
    return list(dict.fromkeys(f"{actor_name(x)} ({x.country})" if x.country and actor_name(x) != x.country
                              else actor_name(x) for x in actors))


def counted_day(merged: MergedEvent, documents: Mapping[str, Document]) -> tuple[dt.date | None, str]:
    """The day an event is counted at, and how it was chosen (the module doc's counting rules)."""
    ev = merged.event
    if ev.status not in COUNTED_STATUSES:
        return None, f"not counted: {ev.status}"
    reported = reported_day(merged, documents)
    if ev.status in FUTURE_STATUSES:
        if reported is None:
            return None, "undated: no report date"
        if counted_type(ev) != ev.type:
            return reported, "counted as AGREE at its report date"
        return reported, "counted at its report date"
    day = own_day(ev)
    if day is not None:
        return day, OWN_DATE
    if reported is not None:
        return reported, "dated by its first report"
    return None, "undated: no event or report date"


def _row(merged: MergedEvent, documents: Mapping[str, Document]) -> EventRow:
    """The event's row, but for its direction and period (a query's: ``_placed``)."""
    ev = merged.event
    reported = reported_day(merged, documents)
    counted = ev.status in COUNTED_STATUSES
    day, note = counted_day(merged, documents)
    return EventRow(
        id=merged.id, type=ev.type, counted_type=counted_type(ev), mode=ev.mode, status=ev.status,
        direction="", date=ev.date.value if ev.date else None,
        day=day.isoformat() if day else None,
        when=at_precision(day, ev.date if note == OWN_DATE else None),
        period=None,
        score=event_score(ev), quad=event_quad(ev), counted=counted, note=note,
        actors=label(ev.actor), recipients=label(ev.recipient), contexts=list(ev.contexts),
        evidence=[m.text for m in ev.mentions], documents=doc_ids(merged),
        num_mentions=merged.num_mentions or len(ev.mentions),
        first_reported=reported.isoformat() if reported else None,
        trigger=ev.trigger.text if ev.trigger else "",
        reports=max(len(merged.members), 1),
    )


# an EventRow's fields in order, read at once: ``_placed`` copies thousands of rows per report
_ROW_FIELDS = tuple(f.name for f in fields(EventRow))
_ROW_VALUES = operator.attrgetter(*_ROW_FIELDS)
_DIRECTION, _PERIOD = _ROW_FIELDS.index("direction"), _ROW_FIELDS.index("period")


def _placed(row: EventRow, direction: str, period: str) -> EventRow:
    """``row`` (an ``EventFacts.row``) in a query's direction and period."""
    values = list(_ROW_VALUES(row))
    values[_DIRECTION] = direction
    if row.counted and row.day:
        values[_PERIOD] = period_of(dt.date.fromisoformat(row.day), period)
    return EventRow(*values)


@dataclass(slots=True)
class EventFacts:
    """One merged event as the dyad report reads it, worked out once: its row with the counting
    rules applied (``direction`` and ``period`` are left to the query), its topics, its act for
    the commitments ledger and the sentences its lists quote. ``dyad_from_facts`` only adds
    these up and places them, so the same facts serve any pair, period and direction."""

    row: EventRow
    actor: list[Actor]  # the merged event's participants: direction, key actors, who met whom
    recipient: list[Actor]
    hits: list[TopicHit]
    act: Act
    sources: list[str]
    dating: Dating
    named: list[bool] = field(default_factory=list)  # names_someone of each of actor + recipient
    agreement: Agreement | None = None  # a signed SUPPORT that occurred or is ongoing
    aid: tuple[str, str] | None = None  # an AID that is not negated or hypothetical: evidence, sentence
    planned: PlannedEvent | None = None  # a planned or proposed event


def event_facts(merged: MergedEvent, documents: Mapping[str, Document]) -> EventFacts:
    """The ``EventFacts`` of a merged event; ``documents`` (id -> Document) gives report dates
    when ``first_reported`` is missing, and the texts its sentences are read from."""
    ev = merged.event
    row = _row(merged, documents)
    where = located(merged, documents)
    hits = event_topics(merged, documents, where)
    row.topics = {h.topic: evidence_words(h) for h in hits}
    parties = label(ev.actor + ev.recipient)
    evidence = ev.mentions[0].text if ev.mentions else ev.trigger.text
    facts = EventFacts(row, ev.actor, ev.recipient, hits, make_act(merged, documents, row.topics, where=where),
                       merged.sources, _dating(row, ev), [names_someone(x) for x in ev.actor + ev.recipient])
    if ev.type == "SUPPORT" and ev.status in {"occurred", "ongoing"} and signing.signed(ev):
        facts.agreement = _agreement(merged, documents, row.date or row.day, parties)
    if ev.type == "AID" and ev.status not in {"negated", "hypothetical"}:
        facts.aid = (evidence, _sentence(merged, documents, evidence, where))
    if ev.status in FUTURE_STATUSES:
        day, reported = own_day(ev), reported_day(merged, documents)
        facts.planned = PlannedEvent(
            merged.id, ev.type, ev.mode, ev.status, row.date,
            bool(day and reported and day > reported), row.first_reported, parties, evidence,
            _sentence(merged, documents, evidence, where), doc_ids(merged),
        )
    return facts


def _dating(row: EventRow, event: Event) -> Dating:
    """How ``row``'s event was dated, for the coverage report."""
    date = event.date
    return Dating(row.id, date.source if date else None, date is not None, bool(row.day or row.first_reported),
                  tuple(row.documents))


def _periods(rows: list[EventRow], directions: list[str], period: str) -> list[PeriodStat]:
    dated = [r for r in rows if r.period]
    if not dated:
        return []
    spans = [r.period for r in dated if r.period]
    keys = period_range(min(spans), max(spans), period)
    cells: dict[tuple[str, str], list[EventRow]] = {}  # each row once, in its order
    for r in dated:
        cells.setdefault((r.direction, r.period or ""), []).append(r)
    out: list[PeriodStat] = []
    for direction in directions:
        for key in keys:
            these = cells.get((direction, key), [])
            scores = [r.score for r in these if r.score is not None]
            docs = {d for r in these for d in r.documents}
            total = round(sum(scores), 6)
            out.append(PeriodStat(
                direction, key, len(these), len(docs), total,
                round(total / len(scores), 6) if scores else None,
                round(total / len(docs), 6) if docs else None,
                [r.id for r in these],
            ))
    return out


def _changes(periods: list[PeriodStat], directions: list[str]) -> list[Change]:
    out: list[Change] = []
    for direction in directions:
        # only periods with events are observations: news silence is not a neutral month, and
        # counting it as 0 would make every active period of a sparse dyad look like a rise
        series = [p for p in periods if p.direction == direction and p.events]
        if len(series) < MIN_PERIODS:
            continue
        values = [p.score_sum for p in series]
        mean = sum(values) / len(values)
        std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        if std == 0:
            continue
        for p in series:
            z = (p.score_sum - mean) / std
            if abs(z) >= Z_THRESHOLD:
                out.append(Change(direction, p.period, "rise" if z > 0 else "drop", p.score_sum, p.events,
                                  round(z, 3), round(mean, 3), round(std, 3), list(p.event_ids)))
    return out


def _ties(counted: list[tuple[EventFacts, EventRow]]) -> list[Tie]:
    found: dict[tuple[str, tuple[str, str | None], tuple[str, str | None]], Tie] = {}
    for facts, row in counted:
        if row.counted_type not in {"CONSULT", "SUPPORT"}:
            continue
        people = list(dict.fromkeys((participant_name(x), x.country) for x in facts.actor + facts.recipient))
        for p, q in itertools.combinations(sorted(people, key=lambda x: (x[1] or "", x[0])), 2):
            if p[1] == q[1]:
                continue  # two people of one side attend together; they did not meet each other
            key = (row.counted_type, p, q)
            tie = found.setdefault(key, Tie(row.counted_type, p[0], p[1], q[0], q[1], 0))
            tie.events += 1
            tie.event_ids.append(row.id)
            if row.day:
                tie.dates.append(row.day)
    return sorted(found.values(), key=lambda t: (t.kind, -t.events, t.source, t.target))


@functools.cache
def _naming_words() -> dict[str, frozenset[str]]:
    data = yamlfile.safe_load((Path(__file__).resolve().parents[1] / "data" / "key_actors.yaml").read_text(encoding="utf-8"))
    return {k: frozenset(str(w).lower() for w in data.get(k) or ()) for k in ("pronouns", "describing", "generic")}


_WORDS = re.compile(r"[\w][\w'’.\-]*")


def names_someone(actor: Actor) -> bool:
    """Whether an actor names someone a reader can look up (the word lists are data/key_actors.yaml).

    A resolved entity does; unresolved words do only when they hold a country word and a head
    that is an office or body, not a pronoun ("you"), a description ("his Ukrainian
    counterpart") or a generic plural ("diplomats", "the sides"): "the Minister" alone names
    no one, "the Ukrainian Foreign Ministry" does.
    """
    return _names_someone(actor.entity, actor.text)


@functools.lru_cache(maxsize=1 << 16)  # the same names recur across a pair's thousands of events
def _names_someone(entity: str | None, text: str | None) -> bool:
    if entity:
        return entity.lower() not in _naming_words()["pronouns"]
    words = [w.lower() for w in _WORDS.findall(text or "")]
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    lists = _naming_words()
    if words[0] in lists["describing"] or all(w in lists["pronouns"] for w in words):
        return False
    if words[-1] in lists["generic"]:
        return False
    from accord.actors.gazetteer import country_gazetteer

    gaz = country_gazetteer()  # it asks only for countries
    return any(gaz.country(w) for w in _WORDS.findall(text or "") if w[:1].isupper())


def _key_actors(counted: list[tuple[EventFacts, EventRow]], a: str, b: str) -> list[KeyActor]:
    found: dict[tuple[str, str], KeyActor] = {}
    for facts, row in counted:
        seen: set[tuple[str, str]] = set()
        for x, named in zip(facts.actor + facts.recipient, facts.named, strict=True):
            if x.country not in {a, b} or not (x.entity or x.sector):
                continue  # a bare country name is the side itself, not one of its actors
            if not named:
                continue  # "you", "the Minister", "diplomats": no one a reader can look up
            key = (x.country, participant_name(x))
            ka = found.setdefault(key, KeyActor(x.country, key[1], x.sector, [], 0))
            if x.role and x.role not in ka.roles:
                ka.roles.append(x.role)
            if ka.sector is None:
                ka.sector = x.sector
            if key not in seen:  # one event, one count, however often the actor is named in it
                seen.add(key)
                ka.events += 1
                ka.event_ids.append(row.id)
    ranked = sorted(found.values(), key=lambda k: (k.country != a, -k.events, k.name))
    out: list[KeyActor] = []
    for country in (a, b):
        out.extend([k for k in ranked if k.country == country][:TOP_N])
    return out


def dyad_analytics(
    events: list[MergedEvent],
    a: str,
    b: str,
    *,
    directed: bool = False,
    period: Period = "month",
    documents: Mapping[str, Document] | None = None,
    extractor_versions: Mapping[str, str] | None = None,
    as_of: dt.date | None = None,
    topics_of_documents: bool = True,
) -> DyadReport:
    """The dyad report of ``a`` and ``b`` (ISO alpha-3 codes) over ``events``.

    ``events`` may hold events of other dyads: those are left out of the counts (a promise of
    one side among them may still enter the ledger). ``documents`` (id -> Document) supplies
    report dates when a merged event has no ``first_reported``, and the sentences that agreement
    titles are read from; ``extractor_versions`` (document id -> the version that coded it, from
    the store) goes to the coverage section; ``as_of`` is the day commitments are judged overdue
    at (default: the latest report among ``events``); ``topics_of_documents=False`` leaves
    ``document_topics`` empty: only the JSON views show it, and searching every cited document's
    whole text was the brief's costliest step on a big store. The counting rules are in the
    module doc; each event's share of them is ``event_facts``, their sum ``dyad_from_facts``.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: use one of {', '.join(PERIODS)}")
    a, b = a.upper(), b.upper()
    docs: Mapping[str, Document] = documents or {}
    facts: list[EventFacts] = []
    others: list[MergedEvent] = []
    seen: set[str] = set()
    for merged in events:
        if direction_of(merged.event, a, b, False) is None:
            others.append(merged)  # not this dyad: a promise of one side may still name the other
        elif merged.id not in seen:  # the same merged event passed twice counts once
            seen.add(merged.id)
            facts.append(event_facts(merged, docs))
    return dyad_from_facts(facts, a, b, directed=directed, period=period, others=others, documents=docs,
                           extractor_versions=extractor_versions, as_of=as_of,
                           topics_of_documents=topics_of_documents)


def dyad_from_facts(
    facts: Iterable[EventFacts],
    a: str,
    b: str,
    *,
    directed: bool = False,
    period: Period = "month",
    others: Iterable[MergedEvent] = (),
    documents: Mapping[str, Document] | None = None,
    extractor_versions: Mapping[str, str] | None = None,
    as_of: dt.date | None = None,
    topics_of_documents: bool = True,
) -> DyadReport:
    """The dyad report of ``a`` and ``b`` from its events' ``EventFacts`` (those of other pairs
    are left out); ``others``: events of other pairs in the same documents, for the ledger's
    promises whose partner is only named; the rest as ``dyad_analytics``."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: use one of {', '.join(PERIODS)}")
    a, b = a.upper(), b.upper()
    docs: Mapping[str, Document] = documents or {}
    directions = directions_for(a, b, directed)

    by_id: dict[str, EventFacts] = {}
    rows: list[EventRow] = []
    for f in facts:
        direction = _direction(f.actor, f.recipient, a, b, directed)
        if direction is None or f.row.id in by_id:
            continue
        by_id[f.row.id] = f
        rows.append(_placed(f.row, direction, period))
    rows.sort(key=lambda r: (r.day is None, r.day or "", r.id))
    pairs = [(by_id[r.id], r) for r in rows]
    counted = [(f, r) for f, r in pairs if r.counted]

    by_type: dict[tuple[str, str], TypeStat] = {}
    quads: dict[tuple[str, int], QuadStat] = {}
    contexts: dict[str, ContextStat] = {}
    # each stat made when its key is first seen, not one per event thrown away by setdefault
    for _facts, row in counted:
        if (ts := by_type.get(key := (row.direction, row.counted_type))) is None:
            ts = by_type[key] = TypeStat(row.direction, row.counted_type, 0, 0.0)
        ts.events += 1
        ts.score_sum = round(ts.score_sum + (row.score or 0.0), 6)
        ts.event_ids.append(row.id)
        if row.quad is not None:
            if (qs := quads.get(qkey := (row.direction, row.quad))) is None:
                qs = quads[qkey] = QuadStat(row.direction, row.quad, QUAD_LABELS[row.quad], 0)
            qs.events += 1
            qs.event_ids.append(row.id)
        for ctx in dict.fromkeys(row.contexts):
            if (cs := contexts.get(ctx)) is None:
                cs = contexts[ctx] = ContextStat(ctx, 0)
            cs.events += 1
            cs.event_ids.append(row.id)
    for direction in directions:  # every quad class appears, with 0 where nothing happened
        for quad, quad_label in QUAD_LABELS.items():
            quads.setdefault((direction, quad), QuadStat(direction, quad, quad_label, 0))

    agreements: list[Agreement] = []
    aid: list[AidFlow] = []
    planned: list[PlannedEvent] = []
    for f, row in pairs:
        if f.agreement is not None:
            agreements.append(f.agreement)
        if f.aid is not None:
            evidence, sentence = f.aid
            aid.append(AidFlow(row.id, _direction(f.actor, f.recipient, a, b, True) or row.direction,
                               label(f.actor), label(f.recipient), row.status, row.date or row.day,
                               evidence, sentence, list(row.documents)))
        if f.planned is not None:
            planned.append(f.planned)
    planned.sort(key=lambda p: (p.date is None, p.date or "", p.reported or "", p.event_id))

    periods = _periods(rows, directions, period)
    dated = sorted((r.day, r.when) for _, r in counted if r.day)
    all_docs = {d for r in rows for d in r.documents}
    topics = topic_stats((r.id, r.period, r.when, r.documents, f.hits) for f, r in counted)
    sources = sorted({s for f in by_id.values() for s in f.sources})
    type_order = {t: i for i, t in enumerate(EVENT_TYPES)}
    return DyadReport(
        a=a, b=b, directed=directed, period=period, directions=directions,
        first=dated[0][1] if dated else None,
        last=dated[-1][1] if dated else None,
        events=len(rows), reports=sum(r.reports for r in rows), counted=len(counted), documents=len(all_docs), sources=sources,
        rows=rows, periods=periods,
        by_type=sorted(by_type.values(), key=lambda t: (directions.index(t.direction), -t.events,
                                                        type_order.get(t.type, 99))),
        quads=sorted(quads.values(), key=lambda q: (directions.index(q.direction), q.quad)),
        contexts=sorted(contexts.values(), key=lambda c: (-c.events, c.context))[:TOP_N],
        actors=_key_actors(counted, a, b),
        ties=_ties(counted),
        agreements=agreements, aid=aid, planned=planned,
        changes=_changes(periods, directions),
        undated=[r.id for _, r in counted if r.day is None],
        notes=_notes(period),
        topics=topics,
        document_topics={d: document_topics(docs[d]) for d in sorted(all_docs) if d in docs}
        if topics_of_documents else {},
        commitments=_ledger(pairs, list(others), docs, a, b, as_of),
        coverage=coverage([by_id[r.id].dating for r in rows], docs, reports=sum(r.reports for r in rows),
                          versions=extractor_versions),
        change=change_report([Item(r.id, r.period, r.score, r.quad) for _, r in counted if r.period],
                             list(dict.fromkeys(p.period for p in periods))),
    )


def _notes(period: str) -> list[str]:
    return [
        "Each real-world event counts once, however many articles report it.",
        f"Events are grouped by {period}: occurred and ongoing events at their own date "
        "(else their first report); planned and proposed ones at the date they were reported.",
        "Planned or proposed meetings, support, cooperation and aid count as AGREE (PLOVER); "
        "hypothetical and negated events are listed but not counted.",
        "Index = sum of PLOVER scores (-10 conflict .. +10 cooperation); mean = sum / events; "
        "per document = sum / distinct documents reporting that period's events.",
        f"Notable change: a period whose index sum is at least {Z_THRESHOLD} standard deviations "
        f"from the mean of the periods with events (at least {MIN_PERIODS} of them); empty periods "
        "are not counted as observations.",
        "Topics come from the topic lexicon (data/topics.yaml) matched in each event's sentences, and "
        "from its PLOVER contexts; an event can have several topics, and each keeps the words that put "
        "it there. Topic counts are counted events.",
    ]


__all__ = [
    "COUNTED_STATUSES",
    "PERIODS",
    "QUAD_LABELS",
    "Agreement",
    "AidFlow",
    "Change",
    "ContextStat",
    "DyadReport",
    "EventFacts",
    "EventRow",
    "KeyActor",
    "Located",
    "PeriodStat",
    "PlannedEvent",
    "QuadStat",
    "Tie",
    "TypeStat",
    "actor_name",
    "agreement_title",
    "at_precision",
    "counted_day",
    "counted_type",
    "direction_of",
    "document_topics",
    "dyad_analytics",
    "dyad_from_facts",
    "event_facts",
    "event_quad",
    "event_score",
    "event_topics",
    "label",
    "locate",
    "located",
    "mention_sentence",
    "names_someone",
    "own_day",
    "participant_name",
    "period_of",
    "period_range",
    "reported_day",
    "sentence_bounds",
]
