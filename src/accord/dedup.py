"""Cross-article merging: per-document events that report one real-world event -> one merged event.

>>> from accord.dedup import merge_store, merged_events
>>> with Store.open("accord.duckdb") as store:        # doctest: +SKIP
...     merge_store(store)                            # incremental, idempotent
...     merged_events(store, EventFilter(dyad=("AZE", "UKR")))

The rule (``same_event``) is pairwise and every criterion can veto:

* **status**: realised (occurred/ongoing), future (planned/proposed), hypothetical and negated
  acts are different events: a planned visit and the visit itself are two events.
* **type**: the same PLOVER type; AGREE and SUPPORT match when either report is a signing
  ("signed", "inked", "ratified"), since outlets code a signed agreement either way.
* **mode**: equal, or one of them unknown (a call and a visit are two CONSULTs).
* **participants**: the same set of countries; for directed acts (both reports have a
  recipient) the same direction; where both reports name people for a country, one of them
  must match (fuzzy, for transliterations).
* **date**: dates agree at their precision: day dates are equal, except that a report dated
  only by its document date may be ``day_window`` days off; month/quarter/year dates must
  contain each other.
* **place**: the same country, or unknown on one side.
* **wording**: token-set similarity of the evidence (rapidfuzz) ranks candidate groups and
  may set a floor (``min_similarity``), but never merges on its own.

Merging is incremental and complete-link: a new event joins the best-scoring existing
merged event whose every member it matches (and which has no member from its own document),
else it founds a new one. Candidates come from blocks of (type family, sorted country set)
and week buckets of the date range, so the cost grows with block size, not store size.
Merged-event ids hash the founding event id and never change; members record why they
joined. Members whose event vanished or changed (a document re-written by ``Store.write``)
are dropped and their events assigned again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import duckdb
from rapidfuzz import fuzz

from accord.errors import InputError, StoreError
from accord.model import Actor, DateValue, Event, MergedEvent, Place, Span
from accord.store import EventFilter, Store, date_range
from accord.store.browse import events_by_ids
from accord.store.selection import (
    counts_of,
    day_span,
    document_dates,
    empty_merged_ids,
    in_store_order,
    member_event_ids,
    membership_rows,
    merged_ids_meeting,
    merged_ids_with,
    suspect_members,
    unassigned_event_ids,
    uncountried_entities,
)
from accord.store.selection import merge_backlog as _backlog

__all__ = [
    "DedupScores", "MergeOptions", "MergeReport", "Member", "evaluate_dedup", "evidence_sentence",
    "iter_merged_batches", "merge_store", "merged_event", "merged_events", "merged_events_by_id",
    "merged_members",
    "merged_record",
    "representative", "same_event",
]

BENCH_DIR = Path(__file__).resolve().parent / "data" / "dedup_bench"

# Statuses that describe the same kind of reality: a report of the act happening, a report of
# it being planned or offered, a conditional, a denial. Across classes they are other events.
_STATUS_CLASS = {
    "occurred": "realised", "ongoing": "realised", "planned": "future", "proposed": "future",
    "hypothetical": "hypothetical", "negated": "negated",
}
# Types that outlets use interchangeably for one act; blocked together so they can meet.
_TYPE_FAMILY = {"AGREE": "AGREE/SUPPORT", "SUPPORT": "AGREE/SUPPORT"}
_SIGNING = re.compile(r"\b(?:sign(?:s|ed|ing)?|co-?sign\w*|ink(?:s|ed)?|ratif\w+)\b", re.IGNORECASE)
# Date sources that mean "the document's date stood in for the event's": imprecise by a day.
_DOC_SOURCES = frozenset({"document", "header", "dateline", "html-meta", "feed", "column"})
_PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}
# Words that make an entity an organisation rather than a person (people are compared).
_ORG_WORDS = frozenset(
    "ministry government parliament council office embassy army forces agency service committee "
    "commission union party bank company group organization organisation nations assembly court "
    "police navy military administration cabinet presidency department corporation federation "
    "republic kingdom state states senate congress fund alliance coalition media news".split()
)
_STOPWORDS = frozenset(
    "a an the of to in on at for and or with by from as is was were be been has have had it its "
    "that this their his her they he she we our also said says on about into after over two "
    "both sides".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BUCKET_DAYS = 7
_MAX_BUCKETS = 800  # ~15 years of weeks: wider ranges are not worth indexing finer
_BULK_SHARE = 0.5  # an incremental merge that needs more of the events than this reads them all


# --- options and reports ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Thresholds of the merging rule.

    * ``day_window``: days by which a report dated only by its document date may differ from
      another report's date (articles appear the day after the act, or the day before a text
      date in another time zone).
    * ``min_similarity``: floor on evidence similarity (0..1). 0 lets wording only rank
      candidates; raise it to demand similar wording as well.
    * ``name_threshold``: rapidfuzz ratio (0..100) above which two names are one person
      ("Maharramzada" / "Maharramzade").
    * ``allow_undated``: let a report with no date at all (neither its own nor its document's)
      merge on the other criteria. Off: such reports stay alone.
    * ``similarity_sample``: members of a candidate group whose evidence is compared with the
      new event (the founder and the latest ones); the hard criteria are checked against all.
    * ``infer_countries``: an actor named in a report without a country ("President Ilham
      Aliyev") takes the country that the other reports in the store unanimously give that
      name (full name, or surname of a person); the reason says so.
    * ``same_document``: two events of one document may merge too, under the same rule. The
      extractor should already have merged them (a headline and its lede); when it did not,
      leaving them apart splits the cross-article group as well. Off: one member per document.
    * ``partial_participants``: a report whose countries are a strict subset of the other's
      and that names no recipient (the extractor lost a side: "Iran threatened ...") may
      merge; for a directed act its actors must be among the other's actors. Off by default:
      with several same-day acts of one actor it may pick the wrong one.
    """

    day_window: int = 1
    min_similarity: float = 0.0
    name_threshold: float = 85.0
    allow_undated: bool = False
    similarity_sample: int = 5
    infer_countries: bool = True
    same_document: bool = True
    partial_participants: bool = False


@dataclass(slots=True)
class MergeReport:
    """What one ``merge_store`` call did.

    ``events_seen``: per-document events in the store; ``new_groups``/``joined``: events
    assigned now that founded / joined a merged event; ``groups_total``: merged events after
    the call; ``dropped``: stale memberships removed (their documents were re-written);
    ``groups_removed``: merged events left with no member, deleted.
    """

    events_seen: int
    new_groups: int
    joined: int
    groups_total: int
    dropped: int = 0
    groups_removed: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"events_seen": self.events_seen, "new_groups": self.new_groups,
                "joined": self.joined, "groups_total": self.groups_total,
                "dropped": self.dropped, "groups_removed": self.groups_removed}


@dataclass(frozen=True, slots=True)
class Member:
    """One per-document event in a merged event, with its document and why it joined."""

    event: Event
    doc_id: str
    doc_origin: str
    source: str | None
    published: dt.date | None
    why: str
    score: float | None
    added_at: dt.datetime | None
    sentence: str  # the sentence around the member's first mention


# --- the pairwise rule -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Verdict:
    ok: bool
    reason: str
    score: float = 0.0  # higher = better candidate; only meaningful when ok


@dataclass(frozen=True, slots=True)
class _When:
    """An event's time: a day range, how it is written, and whether the text said it."""

    first: dt.date
    last: dt.date
    value: str
    precision: str
    from_text: bool

    def label(self) -> str:
        return f"{self.value} ({self.precision}{'' if self.from_text else ', document date'})"


def _when(event: Event, doc_date: dt.date | None) -> _When | None:
    date = event.date
    if date is not None:
        rng = date_range(date.value)
        if rng is not None:
            return _When(rng[0], rng[1], date.value, date.precision,
                         date.source not in _DOC_SOURCES)
    if doc_date is not None:  # the store places undated events on their document's day
        return _When(doc_date, doc_date, doc_date.isoformat(), "day", False)
    return None


def _dates_agree(a: _When | None, b: _When | None, options: MergeOptions) -> tuple[bool, str, float]:
    if a is None or b is None:
        if options.allow_undated:
            return True, "no date on one side", 0.0
        return False, "a report has no date", 0.0
    if a.value == b.value and a.first == b.first and a.last == b.last:
        if a.from_text == b.from_text:
            return True, f"dates {a.label()} agree", 1.0
        return True, f"dates {a.label()} and {b.label()} agree", 1.0
    if not a.from_text or not b.from_text:
        # a document date only bounds the act: it may be a day (or so) off the true date
        doc, other = (a, b) if not a.from_text else (b, a)
        w = options.day_window  # in day ordinals: dates at the calendar's edges (0001-01-01) cannot be shifted
        if doc.first.toordinal() - w <= other.last.toordinal() and other.first.toordinal() <= doc.last.toordinal() + w:
            return True, f"dates {a.label()} and {b.label()} within {options.day_window} day(s)", 0.5
        return False, f"dates {a.label()} and {b.label()} more than {options.day_window} day(s) apart", 0.0
    if a.first <= b.first and b.last <= a.last:
        outer, inner = a, b
    elif b.first <= a.first and a.last <= b.last:
        outer, inner = b, a
    else:
        return False, f"dates {a.label()} and {b.label()} differ", 0.0
    return True, f"date {inner.label()} within {outer.label()}", 0.7


def _country_set(actors: Iterable[Actor]) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def _participants_label(event: Event) -> str:
    actors, recipients = _country_set(event.actor), _country_set(event.recipient)
    if recipients and event.type != "CONSULT":
        return f"{'+'.join(sorted(actors)) or '?'}→{'+'.join(sorted(recipients))}"
    return "+".join(sorted(actors | recipients))


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _is_person(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 4 and not any(w.casefold().strip(".,") in _ORG_WORDS for w in words)


def _people(event: Event) -> dict[str, set[str]]:
    """Person-like entity names per country, folded."""
    out: dict[str, set[str]] = {}
    for a in event.actor + event.recipient:
        if a.country and a.entity and _is_person(a.entity):
            out.setdefault(a.country, set()).add(_fold(a.entity))
    return out


def _same_person(x: str, y: str, threshold: float) -> bool:
    """Folded names of one person: equal, one contained in the other ("erdogan" / "recep tayyip
    erdogan"), the same surname and initial, or close spellings ("maharramzada" / "-zade")."""
    if x == y or fuzz.token_set_ratio(x, y) >= max(threshold, 95):
        return True
    wx, wy = x.split(), y.split()
    if wx[-1] == wy[-1] and wx[0][0] == wy[0][0]:
        return True  # "i. aliyev" / "ilham aliyev"; but not "heydar aliyev"
    return fuzz.ratio(x, y) >= threshold


def _content(text: str) -> str:
    return " ".join(w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS)


def _similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> float:
    """Best token-set similarity between the two events' evidence texts (0..1)."""
    best = 0.0
    for x in texts_a:
        for y in texts_b:
            if x and y:
                best = max(best, fuzz.token_set_ratio(x, y) / 100.0)
    return best


def _is_signing(event: Event) -> bool:
    return bool(_SIGNING.search(event.trigger.text)) or any(_SIGNING.search(m.text) for m in event.mentions)


@dataclass(frozen=True, slots=True)
class _Features:
    """What a comparison reads of one event, computed once per merge rather than once for every
    comparison it takes part in (a new event meets many members; a member meets many events)."""

    event: Event
    status_class: str
    countries: frozenset[str]
    actors: frozenset[str]      # countries of the actor side
    recipients: frozenset[str]  # countries of the recipient side
    people: dict[str, set[str]]
    when: _When | None
    texts: tuple[str, ...]      # content words of the evidence: up to 3 mentions, else the trigger
    signing: bool
    place: str | None
    key: tuple[Any, ...]        # everything above that a comparison without similarity reads


def _features(event: Event, doc_date: dt.date | None) -> _Features:
    status_class = _STATUS_CLASS.get(event.status, event.status)
    countries, actors, recipients = (frozenset(event.countries), _country_set(event.actor),
                                     _country_set(event.recipient))
    people, when = _people(event), _when(event, doc_date)
    signing, place = _is_signing(event), event.location.country if event.location else None
    key = (status_class, event.type, event.mode, countries, actors, recipients,
           frozenset((c, frozenset(names)) for c, names in people.items()), when, signing, place)
    return _Features(
        event, status_class, countries, actors, recipients, people, when,
        tuple(_content(m.text) for m in event.mentions[:3]) or (_content(event.trigger.text),),
        signing, place, key,
    )


def _compare(
    a: Event, b: Event, a_doc_date: dt.date | None, b_doc_date: dt.date | None,
    options: MergeOptions, *, with_similarity: bool = True,
) -> _Verdict:
    return _compare_features(_features(a, a_doc_date), _features(b, b_doc_date), options,
                             with_similarity=with_similarity)


def _compare_features(fa: _Features, fb: _Features, options: MergeOptions, *,
                      with_similarity: bool = True, explain: bool = True) -> _Verdict:
    """The pairwise rule. ``explain=False``: the same decision and score without the reason
    (merging reads the reasons of sampled members only, and writing them cost a third of a
    comparison)."""
    a, b = fa.event, fb.event
    # status: a plan and its execution are two events
    if fa.status_class != fb.status_class:
        return _Verdict(False, f"statuses differ: {a.status} vs {b.status}")
    # type
    if a.type == b.type:
        kind = a.type
    elif {a.type, b.type} == {"AGREE", "SUPPORT"} and (fa.signing or fb.signing):
        kind = "AGREE~SUPPORT signing"
    else:
        return _Verdict(False, f"types differ: {a.type} vs {b.type}")
    if a.mode and b.mode and a.mode != b.mode:
        return _Verdict(False, f"modes differ: {a.type}:{a.mode} vs {b.type}:{b.mode}")
    mode = a.mode or b.mode
    # participants
    ca, cb = fa.countries, fb.countries
    if not ca or not cb:
        return _Verdict(False, "a report has no participant country")
    partial = ""
    if ca != cb:
        small, big = (fa, fb) if ca < cb else (fb, fa)
        if not (options.partial_participants and (ca < cb or cb < ca) and not small.recipients
                and (not big.recipients or big.event.type == "CONSULT"
                     or small.actors <= big.actors)):
            return _Verdict(False, f"participants differ: {'+'.join(sorted(ca))} vs {'+'.join(sorted(cb))}"
                            if explain else "participants differ")
        partial = (f"partial report {'+'.join(sorted(small.countries))} of {'+'.join(sorted(big.countries))}"
                   if explain else "partial")
    ra, rb = fa.recipients, fb.recipients
    directed = a.type != "CONSULT" and b.type != "CONSULT" and ra and rb
    if directed and (fa.actors != fb.actors or ra != rb):
        return _Verdict(False, f"directions differ: {_participants_label(a)} vs {_participants_label(b)}"
                        if explain else "directions differ")
    matched_people: list[str] = []
    pa, pb = fa.people, fb.people
    for country in sorted(pa.keys() & pb.keys()):
        hits = [x for x in sorted(pa[country]) if any(_same_person(x, y, options.name_threshold) for y in pb[country])]
        if hits:
            matched_people.append(hits[0])
        elif any(" " in x for x in pa[country]) and any(" " in y for y in pb[country]):
            # only full names veto: a lone word may be an organisation ("Kremlin") or a title
            return _Verdict(False, f"different people for {country}: "
                                   f"{', '.join(sorted(pa[country]))} vs {', '.join(sorted(pb[country]))}"
                            if explain else "different people")
    # date
    ok, date_reason, date_score = _dates_agree(fa.when, fb.when, options)
    if not ok:
        return _Verdict(False, date_reason)
    # place
    la, lb = fa.place, fb.place
    if la and lb and la != lb:
        return _Verdict(False, f"places differ: {la} vs {lb}")
    score = date_score + 0.5 * bool(matched_people) + 0.3 * bool(la and lb) - 0.3 * bool(partial)
    if with_similarity:
        sim = _similarity(fa.texts, fb.texts)
        if sim < options.min_similarity:
            return _Verdict(False, f"evidence similarity {sim:.2f} below {options.min_similarity:.2f}"
                            if explain else "evidence similarity below the minimum")
        score += sim
    if not explain:
        return _Verdict(True, "", score)
    fuller = a if len(ca) >= len(cb) else b
    parts = [f"same {kind}{':' + mode if mode else ''} {_participants_label(fuller)}"]
    if partial:
        parts.append(partial)
    if a.status != "occurred" or b.status != "occurred":
        parts[0] += f" ({a.status}{'/' + b.status if b.status != a.status else ''})"
    parts.append(date_reason)
    if la or lb:
        parts.append(f"place {la or lb}")
    if matched_people:
        parts.append("same " + ", ".join(_title(p) for p in matched_people))
    if with_similarity:
        parts.append(f"evidence similarity {sim:.2f}")
    return _Verdict(True, "; ".join(parts), score)


def _title(folded: str) -> str:
    return " ".join(w.capitalize() for w in folded.split())


def same_event(
    a: Event, b: Event, a_doc_date: dt.date | None = None, b_doc_date: dt.date | None = None,
    options: MergeOptions = MergeOptions(),
) -> tuple[bool, str]:
    """Whether two event mentions (from different documents) report one real-world event.

    Returns the verdict and its reason: what agreed ("same CONSULT AZE+UKR; dates
    2026-01-29 (day) agree; evidence similarity 0.72") or the criterion that vetoed it.
    ``*_doc_date`` are the documents' publication dates, standing in for missing event dates.
    """
    verdict = _compare(a, b, a_doc_date, b_doc_date, options)
    return verdict.ok, verdict.reason


# --- countries of named actors, learnt across reports -----------------------------------------


@dataclass(frozen=True, slots=True)
class _Names:
    """Country of a named actor as the store's reports give it (only unambiguous names)."""

    full: dict[str, str] = field(default_factory=dict)  # folded entity -> country
    surname: dict[str, str] = field(default_factory=dict)  # folded last word of a person -> country

    def country(self, entity: str) -> str | None:
        folded = _fold(entity)
        found = self.full.get(folded)
        if found is None and _is_person(entity):
            found = self.surname.get(folded.split()[-1]) if folded else None
        return found


def _names(store: Store) -> _Names:
    rows = store.connection.execute(
        "SELECT entity, country, count(*) FROM ("
        " SELECT entity, country FROM actor_mentions WHERE entity IS NOT NULL AND country IS NOT NULL"
        " UNION ALL SELECT entity, country FROM event_participants"
        " WHERE entity IS NOT NULL AND country IS NOT NULL) GROUP BY entity, country"
    ).fetchall()
    full: dict[str, Counter[str]] = {}
    surname: dict[str, Counter[str]] = {}
    for entity, country, n in rows:
        folded = _fold(entity)
        if not folded:
            continue
        full.setdefault(folded, Counter())[country] += n
        if _is_person(entity):
            surname.setdefault(folded.split()[-1], Counter())[country] += n
    # a name given two countries by different reports is ambiguous: guess nothing for it
    return _Names({k: next(iter(c)) for k, c in full.items() if len(c) == 1},
                  {k: next(iter(c)) for k, c in surname.items() if len(c) == 1})


def _enrich(event: Event, names: _Names) -> tuple[Event, list[str]]:
    """The event with countries filled in for named actors that lack one, and what was filled."""
    filled: list[str] = []

    def fill(actors: list[Actor]) -> list[Actor]:
        out = []
        for a in actors:
            if a.country is None and a.entity and (country := names.country(a.entity)):
                filled.append(f"{a.entity}→{country}")
                a = Actor(a.text, country, a.sector, a.entity, a.role, a.span, a.confidence,
                          (a.reason + "; " if a.reason else "") + "country from other reports")
            out.append(a)
        return out

    actor, recipient = fill(event.actor), fill(event.recipient)
    if not filled:
        return event, []
    return replace(event, actor=actor, recipient=recipient), filled


# --- the representative ----------------------------------------------------------------------


def _majority(values: Sequence[Any]) -> Any:
    """Most common non-None value; ties go to the earliest (members are in joining order)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == best)


def _best_date(members: Sequence[Event]) -> DateValue | None:
    """The most precise date the text gave; else the earliest document date standing in."""
    dates = [e.date for e in members if e.date is not None and date_range(e.date.value)]
    told = [d for d in dates if d.source not in _DOC_SOURCES]
    if told:
        finest = min(_PRECISION_RANK.get(d.precision, 9) for d in told)
        pool = [d for d in told if _PRECISION_RANK.get(d.precision, 9) == finest]
        value = _majority([d.value for d in pool])
        return next(d for d in pool if d.value == value)
    if dates:
        return min(dates, key=lambda d: (date_range(d.value) or (dt.date.max,))[0])
    return None


def _union_actors(groups: Iterable[list[Actor]], exclude: Set[tuple[str | None, str | None]] = frozenset()) -> list[Actor]:
    seen: dict[tuple[str | None, str | None], Actor] = {}
    for actors in groups:
        for a in actors:
            key = (a.entity, a.country)
            if key not in seen and key not in exclude:
                seen[key] = a
    named = {c for (ent, c) in seen if ent}
    # "Azerbaijan" adds nothing next to "Ilham Aliyev (AZE)": keep the named actor only
    return [a for (ent, c), a in seen.items() if ent or c not in named or c is None]


def representative(merged_id: str, members: Sequence[Event]) -> Event:
    """One event standing for its members: majority type/mode/status/place, the most precise
    date, the union of actors, recipients and contexts, and every member's mentions.

    ``members`` are in joining order (the founder first); ties go to earlier members.
    """
    if not members:
        raise ValueError("a merged event needs at least one member")
    type_ = _majority([e.type for e in members])
    same_type = [e for e in members if e.type == type_]
    mode = _majority([e.mode for e in same_type])
    status = _majority([e.status for e in members])
    country = _majority([e.location.country if e.location else None for e in members])
    places = [e.location for e in members if e.location is not None]
    location: Place | None = None
    if places:
        location = next((p for p in places if p.country == country), places[0]) if country else places[0]
    actors = _union_actors(e.actor for e in members)
    keys = {(a.entity, a.country) for a in actors}
    recipients = _union_actors((e.recipient for e in members), exclude=keys)
    contexts = list(dict.fromkeys(c for e in members for c in e.contexts))
    scored = next((e for e in same_type if e.mode == mode), same_type[0])
    founder = members[0]
    return Event(
        type=type_, doc_id=founder.doc_id, mentions=[m for e in members for m in e.mentions],
        trigger=founder.trigger, mode=mode, actor=actors, recipient=recipients, status=status,
        date=_best_date(members), date_reason=None if any(e.date for e in members) else founder.date_reason,
        location=location, contexts=contexts, intensity=scored.intensity, cameo=scored.cameo,
        id=merged_id,
    )


# --- merging ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DocInfo:
    published: dt.date | None
    source: str | None
    origin: str


@dataclass(slots=True)
class _Group:
    id: str
    block: str
    founder_event_id: str
    created_at: dt.datetime
    members: list[Event] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    buckets: set[tuple[str, int]] = field(default_factory=set)  # (block, week) registered in
    keys: dict[tuple[Any, ...], _Features] = field(default_factory=dict)  # a member per distinct key


def _block(event: Event, country: str | None = None) -> str:
    """Blocking key: type family and the sorted country set (or one given country)."""
    family = _TYPE_FAMILY.get(event.type, event.type)
    return f"{family}|{country}" if country else f"{family}|{'+'.join(sorted(event.countries))}"


def _buckets(when: _When | None, window: int) -> list[int]:
    if when is None:
        return []
    lo = (when.first.toordinal() - window) // _BUCKET_DAYS  # ordinals: 9999-12-31 + window has no date
    hi = (when.last.toordinal() + window) // _BUCKET_DAYS
    if hi - lo > _MAX_BUCKETS:
        hi = lo + _MAX_BUCKETS
    return list(range(lo, hi + 1))


def _fingerprint(event: Event, doc: _DocInfo | None) -> str:
    """Hash of what merging looked at: a changed hash means the membership must be redone."""
    date = event.date
    loc = event.location
    parts = [
        event.type, event.mode, event.status,
        (date.value, date.precision, date.source) if date else None,
        loc.country if loc else None,
        sorted((side, a.country or "", a.entity or "") for side, actors in
               (("a", event.actor), ("r", event.recipient)) for a in actors),
        [(m.start, m.end) for m in event.mentions], event.trigger.start,
        doc.published.isoformat() if doc and doc.published else None, doc.source if doc else None,
    ]
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def _merged_id(founder_event_id: str, taken: set[str]) -> str:
    base = "M" + hashlib.sha1(founder_event_id.encode()).hexdigest()[:11]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _doc_infos(store: Store, doc_ids: Sequence[str] | None = None) -> dict[str, _DocInfo]:
    rows = document_dates(store, doc_ids)
    return {r[0]: _DocInfo(r[1], r[2], r[3] or "") for r in rows}


def _insert(store: Store, table: str, columns: Sequence[str], types: Sequence[str], rows: list[list[Any]]) -> None:
    """Column-wise insert (one statement per table, like ``Store._insert``)."""
    if not rows:
        return
    selects = ", ".join(f"unnest(?::{t}[])" for t in types)
    names = ", ".join(f'"{c}"' for c in columns)
    store.connection.execute(f"INSERT INTO {table} ({names}) SELECT {selects}",
                             [list(col) for col in zip(*rows, strict=True)])


_MEMBER_COLS = ("merged_id", "event_id", "doc_id", "ord", "fingerprint", "score", "why", "added_at")
_MEMBER_TYPES = ("VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "DOUBLE", "VARCHAR", "TIMESTAMP")
_MENTION_COLS = ("merged_id", "event_id", "doc_id", "idx", "start", "end", "text", "source", "doc_date", "added_at")
_MENTION_TYPES = ("VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "DATE", "TIMESTAMP")
_GROUP_COLS = (
    "id", "block", "founder_event_id", "type", "mode", "status", "date_value", "date_precision",
    "day_first", "day_last", "location_country", "countries", "num_members", "num_mentions",
    "num_documents", "num_sources", "first_reported", "last_reported", "created_at", "updated_at",
)
_GROUP_TYPES = (
    "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
    "DATE", "DATE", "VARCHAR", "VARCHAR[]", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "DATE",
    "DATE", "TIMESTAMP", "TIMESTAMP",
)


def _group_row(group: _Group, docs: dict[str, _DocInfo], now: dt.datetime) -> list[Any]:
    rep = representative(group.id, group.members)
    rng = date_range(rep.date.value) if rep.date else None
    dates = [docs[e.doc_id].published for e in group.members if e.doc_id in docs and docs[e.doc_id].published]
    sources = {docs[e.doc_id].source for e in group.members if e.doc_id in docs and docs[e.doc_id].source}
    first, last = (min(dates), max(dates)) if dates else (None, None)
    day_first, day_last = rng if rng else (first, first)
    return [
        group.id, group.block, group.founder_event_id, rep.type, rep.mode, rep.status,
        rep.date.value if rep.date else None, rep.date.precision if rep.date else None,
        day_first, day_last, rep.location.country if rep.location else None,
        sorted(rep.countries), len(group.members), sum(len(e.mentions) for e in group.members),
        len(group.docs), len(sources), first, last, group.created_at, now,
    ]


def merge_store(store: Store, options: MergeOptions = MergeOptions()) -> MergeReport:
    """Assign every not-yet-assigned event in ``store`` to a merged event; one transaction.

    Existing merged events keep their ids and members; new events join them or found new
    ones. Running it again changes nothing. Members whose event no longer exists or changed
    (its document was re-written) are dropped first and their events assigned again.
    """
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only; merging writes to it")
    con = store.connection
    if (nothing := _nothing_to_do(store)) is not None:
        return nothing
    load_ids, scope, rewritten = _scope(store, options)
    changed = None if load_ids is None else set(rewritten)  # None: check every member
    if load_ids is None:
        stored = store.events()
        docs = _doc_infos(store)
    else:  # only what new events can meet: see ``_scope``
        stored = events_by_ids(store, load_ids)
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in stored)))
    # fingerprints cover what the extractor stored; comparisons see the enriched events.
    # Computed for the events that need one: the pending, and members that may have changed
    # (all of them in a full pass; in a scoped one those of documents written again since they
    # joined, the only ones whose stored event can differ; see ``_nothing_to_do``)
    raw = {e.id: e for e in stored}
    prints: dict[str, str] = {}

    def fingerprint(event_id: str) -> str:
        found = prints.get(event_id)
        if found is None:
            e = raw[event_id]
            found = prints[event_id] = _fingerprint(e, docs.get(e.doc_id))
        return found

    names = _names(store) if options.infer_countries else _Names()
    inferred: dict[str, list[str]] = {}
    events: list[Event] = []
    for e in stored:
        enriched, filled = _enrich(e, names)
        events.append(enriched)
        if filled:
            inferred[e.id] = filled
    by_id = {e.id: e for e in events}
    feats: dict[str, _Features] = {}  # filled as events are registered or compared

    def features(event: Event) -> _Features:
        found = feats.get(event.id)
        if found is None:
            info = docs.get(event.doc_id)
            found = feats[event.id] = _features(event, info.published if info else None)
        return found

    rows = membership_rows(store, scope)
    all_ids = {r[0] for r in con.execute("SELECT id FROM merged_events").fetchall()}
    groups: dict[str, _Group] = {}
    stale: list[str] = []
    touched: set[str] = set()
    next_ord: dict[str, int] = {}  # joining order continues after the highest, even if dropped
    for merged_id, event_id, fp, ord_, block, founder, created in rows:
        group = groups.get(merged_id)
        if group is None:
            group = groups[merged_id] = _Group(merged_id, block, founder, created)
        next_ord[merged_id] = max(next_ord.get(merged_id, 0), ord_ + 1)
        event = by_id.get(event_id)
        if event is None or ((changed is None or event_id in changed) and fingerprint(event_id) != fp):
            stale.append(event_id)
            touched.add(merged_id)
            continue
        group.members.append(event)
        group.docs.add(event.doc_id)
    # merged events without any membership row (should not happen, but keep the table honest)
    if scope is None:
        empty = (all_ids - groups.keys()) | {g.id for g in groups.values() if not g.members}
    else:
        empty = ((set(scope) - groups.keys()) | {g.id for g in groups.values() if not g.members}
                 | set(empty_merged_ids(store)))
    for gid in empty:
        groups.pop(gid, None)
    touched -= empty
    assigned = {e.id for g in groups.values() for e in g.members}

    # block -> week bucket -> groups; blocks are (type family | sorted countries) and, for
    # partial participants, also (type family | one country)
    index: dict[str, dict[int, list[_Group]]] = {}

    def register(group: _Group, event: Event) -> None:
        found = features(event)
        group.keys.setdefault(found.key, found)
        when = found.when
        keys = [_block(event)]
        if options.partial_participants:
            keys += [_block(event, country) for country in sorted(event.countries)]
        for block in keys:
            per_block = index.setdefault(block, {})
            for b in _buckets(when, options.day_window) or [-1]:  # -1: undated
                if (block, b) not in group.buckets:
                    group.buckets.add((block, b))
                    per_block.setdefault(b, []).append(group)

    for group in groups.values():
        for event in group.members:
            register(group, event)

    now = _utcnow()
    member_rows: list[list[Any]] = []
    mention_rows: list[list[Any]] = []
    new_groups: list[_Group] = []
    n_new = n_joined = 0
    # earlier reports found groups: process by document date, then document, then position
    order = {e.id: i for i, e in enumerate(events)}
    pending = sorted((e for e in events if e.id not in assigned),
                     key=lambda e: (docs[e.doc_id].published or dt.date.max if e.doc_id in docs else dt.date.max,
                                    e.doc_id, order[e.id]))
    taken = set(all_ids) - empty  # an emptied merged event's id may be founded again by its own founder
    for event in pending:
        info = docs.get(event.doc_id)
        doc_date = info.published if info else None
        when = features(event).when
        block = _block(event)
        blocks = [block]
        if options.partial_participants:
            blocks += [_block(event, country) for country in sorted(event.countries)]
        seen: set[str] = set()
        best: tuple[float, _Group, str] | None = None
        for name in blocks:
            per_block = index.get(name, {})
            if when is None:
                keys = list(per_block) if options.allow_undated else []
            else:
                keys = _buckets(when, options.day_window) + ([-1] if options.allow_undated else [])
            for key in keys:
                for group in per_block.get(key, ()):
                    if group.id in seen or (not options.same_document and event.doc_id in group.docs):
                        continue
                    seen.add(group.id)
                    verdict = _join_verdict(features(event), group, features, options)
                    if verdict.ok and (best is None or verdict.score > best[0]):
                        best = (verdict.score, group, verdict.reason)
        if best is not None:
            score, group, why = best
            n_joined += 1
            if event.id in inferred:
                why += f"; countries from other reports: {', '.join(inferred[event.id])}"
        else:
            gid = _merged_id(event.id, taken)
            taken.add(gid)
            group = _Group(gid, block, event.id, now)
            groups[gid] = group
            new_groups.append(group)
            next_ord[gid] = 0
            score = None
            why = f"founded: first report of {event.type}{':' + event.mode if event.mode else ''} " \
                  f"{_participants_label(event) or '(no countries)'}" + \
                  (f" ({event.status})" if event.status != "occurred" else "") + \
                  (f" on {when.label()}" if when else ", undated") + \
                  (f"; countries from other reports: {', '.join(inferred[event.id])}" if event.id in inferred else "")
            n_new += 1
        group.members.append(event)
        group.docs.add(event.doc_id)
        register(group, event)
        touched.add(group.id)
        member_rows.append([group.id, event.id, event.doc_id, next_ord[group.id], fingerprint(event.id),
                            score, why, now])
        next_ord[group.id] += 1
        for idx, m in enumerate(event.mentions):
            mention_rows.append([group.id, event.id, event.doc_id, idx, m.start, m.end, m.text,
                                 info.source if info else None, doc_date, now])

    n_events = len(events) if scope is None else counts_of(store, "events")[0]
    n_groups = len(groups) if scope is None else len(all_ids - empty) + n_new
    if not (stale or empty or member_rows):
        return MergeReport(n_events, 0, 0, n_groups)
    try:
        con.execute("BEGIN TRANSACTION")
        if stale:
            _delete_in(store, "merged_members", "event_id", stale)
            _delete_in(store, "merged_mentions", "event_id", stale)
        if empty:
            for table, col in (("merged_members", "merged_id"), ("merged_mentions", "merged_id"),
                               ("merged_events", "id")):
                _delete_in(store, table, col, sorted(empty))
        _insert(store, "merged_members", _MEMBER_COLS, _MEMBER_TYPES, member_rows)
        _insert(store, "merged_mentions", _MENTION_COLS, _MENTION_TYPES, mention_rows)
        if touched:
            _delete_in(store, "merged_events", "id", sorted(touched))
            _insert(store, "merged_events", _GROUP_COLS, _GROUP_TYPES,
                    [_group_row(groups[g], docs, now) for g in sorted(touched)])
        con.execute("COMMIT")
    except BaseException as exc:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # the transaction may already be aborted; the original error matters
        if not isinstance(exc, duckdb.Error):
            raise
        raise StoreError(f"merging events in {store.path} failed: {exc}") from exc
    return MergeReport(n_events, n_new, n_joined, n_groups, len(stale), len(empty))


def _scope(store: Store, options: MergeOptions) -> tuple[list[str] | None, list[str] | None, list[str]]:
    """The events to load (store order) and the merged events whose members to load, or
    (None, None) for everything; and the members whose document was written again since they
    joined (the only ones whose fingerprint may have changed).

    A pending event (unassigned, or a member whose document was written again) meets only
    merged events registered in its blocks (type family and countries) and week buckets: those
    with a member of its family, sharing a country (or naming an actor whose country merging may
    learn), whose days lie within a window plus two weeks of its own. Only those merged events
    are loaded, with every member (joining compares with all of them), plus those that may
    lose a member. News arrives about recent days: a merge of today's articles reads recent
    merged events, not the whole store. Undated events merged by ``allow_undated`` can meet
    anything: then everything is loaded, as is most of the store on a first merge.
    """
    unassigned = unassigned_event_ids(store)
    suspect_groups, rewritten = suspect_members(store)
    pending = list(dict.fromkeys(unassigned + rewritten))
    n_events = counts_of(store, "events")[0]
    if len(pending) > n_events * _BULK_SHARE:
        return None, None, rewritten
    first, last, undated = day_span(store, pending)
    if undated and options.allow_undated:
        return None, None, rewritten
    names = _names(store) if options.infer_countries else _Names()
    probes = []
    pad = dt.timedelta(days=2 * options.day_window + 2 * _BUCKET_DAYS)
    if first is not None:
        events = events_by_ids(store, pending)
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in events)))
        for e in events:
            enriched = _enrich(e, names)[0]
            info = docs.get(e.doc_id)
            when = _when(e, info.published if info else None)
            if when is not None and enriched.countries:  # without countries nothing can be joined
                probes.append((when.first - pad if when.first.toordinal() > pad.days else when.first,
                               when.last + pad if when.last < dt.date.max - pad else when.last,
                               _TYPE_FAMILY.get(e.type, e.type), sorted(enriched.countries)))
    entities: dict[str, list[str]] = {}  # names stored without a country, by the country learnt
    if probes and options.infer_countries:
        wanted = {c for p in probes for c in p[3]}
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in wanted:
                entities.setdefault(country, []).append(entity)
    meeting = merged_ids_meeting(store, probes, _TYPE_FAMILY, entities, exact=not options.partial_participants)
    scope = sorted(set(meeting) | set(suspect_groups))
    ids = in_store_order(store, pending + member_event_ids(store, scope))
    if len(ids) > n_events * _BULK_SHARE:  # most of the store: one bulk read is cheaper than reads by id
        return None, None, rewritten
    return ids, scope, rewritten


def _nothing_to_do(store: Store) -> MergeReport | None:
    """The report of a merge that would change nothing, found in SQL without loading the
    events; None when there is work. Every event held, none gone, no merged event empty, and
    the members whose document was written again since they joined still have the fingerprint
    they joined with: exactly the case where the full pass below assigns and drops nothing."""
    unassigned, gone, empty, rewritten = _backlog(store)
    if unassigned or gone or empty:
        return None
    if rewritten:
        by_id = {e.id: e for e in events_by_ids(store, [r[0] for r in rewritten])}
        docs = _doc_infos(store, list(dict.fromkeys(e.doc_id for e in by_id.values())))
        for event_id, fp in rewritten:
            event = by_id.get(event_id)
            if event is None or _fingerprint(event, docs.get(event.doc_id)) != fp:
                return None
    n_events, n_groups = counts_of(store, "events", "merged_events")
    return MergeReport(n_events, 0, 0, n_groups)


def _delete_in(store: Store, table: str, column: str, values: Sequence[str]) -> None:
    store.connection.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))",
                             [list(values)])


def _join_verdict(event: _Features, group: _Group, features: Callable[[Event], _Features],
                  options: MergeOptions) -> _Verdict:
    """Complete link: the event must match every member; its score averages the sampled ones.

    Matching every member (not just one) stops chains: a month-precision report must not
    glue together two meetings on different days of that month. Without its evidence, a
    member is compared through what the rule reads of it (``_Features.key``): reports of one
    event mostly agree on all of it, so one comparison stands for every member sharing a key.
    The sampled members (the founder and the latest) are compared with their evidence, and
    only their reasons can become the group's.
    """
    members = group.members
    latest = members[1:][-(options.similarity_sample - 1):] if options.similarity_sample > 1 else []
    best: tuple[float, _Features] | None = None
    total = 0.0
    n = 0
    for member in [members[0], *latest]:
        fm = features(member)
        verdict = _compare_features(event, fm, options, explain=False)
        if not verdict.ok:
            return verdict
        total += verdict.score
        n += 1
        if best is None or verdict.score > best[0]:
            best = (verdict.score, fm)
    for fm in group.keys.values():
        verdict = _compare_features(event, fm, options, with_similarity=False, explain=False)
        if not verdict.ok:
            return verdict
    assert best is not None  # the founder is always sampled
    # the reason is written once, for the best sampled member (the same decision and score)
    return _Verdict(True, _compare_features(event, best[1], options).reason, total / max(n, 1))


# --- reading ---------------------------------------------------------------------------------


def _member_rows(store: Store, merged_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    sql = ("SELECT m.merged_id, m.event_id, m.doc_id, m.why, m.score, m.added_at "
           "FROM merged_members m JOIN merged_events g ON g.id = m.merged_id")
    params: list[Any] = []
    if merged_ids is not None:
        sql += " WHERE m.merged_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(merged_ids))
    sql += " ORDER BY g.created_at, g.id, m.ord"
    return store.connection.execute(sql, params).fetchall()


def _build(merged_id: str, rows: list[tuple[Any, ...]], by_id: dict[str, Event],
           docs: dict[str, _DocInfo]) -> MergedEvent | None:
    members = [(by_id[r[1]], r) for r in rows if r[1] in by_id]  # members of re-written docs
    if not members:                                              # wait for the next merge
        return None
    events = [e for e, _ in members]
    rep = representative(merged_id, events)
    doc_ids = list(dict.fromkeys(e.doc_id for e in events))
    dates = [docs[d].published for d in doc_ids if d in docs and docs[d].published]
    sources = list(dict.fromkeys(docs[d].source for d in doc_ids if d in docs and docs[d].source))
    return MergedEvent(
        id=merged_id, event=rep, members=[e.id for e in events], documents=doc_ids,
        sources=sources, num_mentions=sum(len(e.mentions) for e in events),
        first_reported=min(dates) if dates else None, last_reported=max(dates) if dates else None,
        why=[r[3] for _, r in members],
    )


def _matches(merged: MergedEvent, flt: EventFilter) -> bool:
    """``EventFilter`` semantics applied to the representative (doc_id: any member's)."""
    rep = merged.event
    countries = rep.countries
    if flt.dyad is not None and not {c.upper() for c in flt.dyad} <= countries:
        return False
    if flt.country and flt.country.upper() not in countries:
        return False
    if flt.types and rep.type not in {t.upper() for t in flt.types}:
        return False
    if flt.statuses and rep.status not in {s.lower() for s in flt.statuses}:
        return False
    if flt.since is not None or flt.until is not None:
        first, last = _day_range(merged)
        if first is None or last is None:
            return False
        if flt.since is not None and last < flt.since:
            return False
        if flt.until is not None and first > flt.until:
            return False
    if flt.doc_id and not any(d.startswith(flt.doc_id) for d in merged.documents):
        return False
    return True


def _day_range(merged: MergedEvent) -> tuple[dt.date | None, dt.date | None]:
    rng = date_range(merged.event.date.value) if merged.event.date else None
    return rng if rng else (merged.first_reported, merged.first_reported)


def merged_events(store: Store, flt: EventFilter = EventFilter()) -> list[MergedEvent]:
    """Merged events whose representative matches ``flt``, by date (undated last), then id.

    ``MergedEvent.members[i]`` (event id) and ``why[i]`` are parallel; ``documents`` are the
    distinct documents in order of first appearance (parallel to ``members`` too unless
    ``MergeOptions.same_document`` merged two events of one document). ``event.mentions``
    holds every member's mentions in member order; ``merged_members`` gives each member
    with its document and evidence.
    Run ``merge_store`` first: events added since the last merge are not in any merged event.
    """
    names = _names(store)
    codes = [c.upper() for c in (flt.dyad or ())] + ([flt.country.upper()] if flt.country else [])
    if codes:
        # only the merged events that can hold these countries: those with a member naming each
        # (stored, or learnt from other reports by ``_enrich``); ``_matches`` below decides
        entities: dict[str, list[str]] = {c: [] for c in codes}
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in entities:
                entities[country].append(entity)
        rows = _member_rows(store, merged_ids_with(store, entities))
        by_id = {e.id: _enrich(e, names)[0] for e in events_by_ids(store, [r[1] for r in rows])}
        docs = _doc_infos(store, list(dict.fromkeys(r[2] for r in rows)))
    else:
        rows = _member_rows(store)
        by_id = {e.id: _enrich(e, names)[0] for e in store.events()}
        docs = _doc_infos(store)
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    out = [m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs)) and _matches(m, flt)]
    out.sort(key=lambda m: (_day_range(m)[0] or dt.date.max, m.first_reported or dt.date.max, m.id))
    return out


def iter_merged_batches(store: Store, flt: EventFilter = EventFilter(), *,
                        batch: int = 20_000) -> Iterator[list[MergedEvent]]:
    """The merged events of ``merged_events(store, flt)``, in batches of about ``batch`` built
    one after another (members, events and document dates read per batch), in no fixed order:
    for exports that sort or aggregate what they write, without holding every event at once."""
    names = _names(store)
    codes = [c.upper() for c in (flt.dyad or ())] + ([flt.country.upper()] if flt.country else [])
    entities: dict[str, list[str]] = {c: [] for c in codes}
    if codes:
        for entity in uncountried_entities(store):
            if (country := names.country(entity)) in entities:
                entities[country].append(entity)
    ids = sorted(merged_ids_with(store, entities))
    for start in range(0, len(ids), batch):
        rows = _member_rows(store, ids[start:start + batch])
        by_id = {e.id: _enrich(e, names)[0] for e in events_by_ids(store, [r[1] for r in rows])}
        docs = _doc_infos(store, list(dict.fromkeys(r[2] for r in rows)))
        grouped: dict[str, list[tuple[Any, ...]]] = {}
        for r in rows:
            grouped.setdefault(r[0], []).append(r)
        yield [m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs)) and _matches(m, flt)]


def resolve_merged_id(store: Store, ref: str) -> str | None:
    """A merged-event id from its full id or a unique prefix (4+ characters)."""
    ref = ref.strip()
    if not ref:
        return None
    con = store.connection
    if con.execute("SELECT 1 FROM merged_events WHERE id = ?", [ref]).fetchone():
        return ref
    if len(ref) < 4:
        return None
    rows = con.execute("SELECT id FROM merged_events WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [ref]).fetchall()
    if len(rows) > 1:
        raise StoreError(f"{ref!r} matches several merged events ({', '.join(r[0] for r in rows[:5])}); give more of the id")
    return rows[0][0] if rows else None


def _events_by_id(store: Store, rows: list[tuple[Any, ...]], names: _Names | None = None) -> dict[str, Event]:
    return {e.id: _enrich(e, names)[0] if names else e for e in events_by_ids(store, [r[1] for r in rows])}


def merged_event(store: Store, merged_id: str) -> MergedEvent | None:
    """One merged event by id (or unique id prefix); None when there is none."""
    gid = resolve_merged_id(store, merged_id)
    if gid is None:
        return None
    rows = _member_rows(store, [gid])
    return _build(gid, rows, _events_by_id(store, rows, _names(store)), _doc_infos(store, [r[2] for r in rows]))


def merged_events_by_id(store: Store, merged_ids: Sequence[str]) -> list[MergedEvent]:
    """The merged events with these full ids, in the order given (unknown ids are left out).

    One pass over the members of just these events, for callers that show a page of them
    (``accord serve``) rather than the whole list ``merged_events`` builds.
    """
    if not merged_ids:
        return []
    rows = _member_rows(store, list(merged_ids))
    by_id = _events_by_id(store, rows, _names(store))
    docs = _doc_infos(store, [r[2] for r in rows])
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    built = {gid: m for gid, rs in grouped.items() if (m := _build(gid, rs, by_id, docs))}
    return [built[gid] for gid in merged_ids if gid in built]


def evidence_sentence(text: str, span: Span) -> str:
    """The sentence (or line) of ``text`` around ``span``, for showing a member's evidence."""
    start = max(text.rfind("\n", 0, span.start), *(text.rfind(p, 0, span.start) for p in (". ", "? ", "! ")))
    start = 0 if start < 0 else start + (1 if text[start] == "\n" else 2)
    ends = [i for i in (text.find("\n", span.end), *(text.find(p, max(span.end - 1, 0)) for p in (". ", "? ", "! ")))
            if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    return text[start:end].strip()


def merged_members(store: Store, merged_id: str) -> list[Member]:
    """The members of a merged event, in joining order, with document, evidence and reason."""
    gid = resolve_merged_id(store, merged_id)
    if gid is None:
        return []
    rows = _member_rows(store, [gid])
    by_id = _events_by_id(store, rows)
    out: list[Member] = []
    for _, event_id, doc_id, why, score, added_at in rows:
        event = by_id.get(event_id)
        if event is None:
            continue
        doc = store.document(doc_id)
        first = event.mentions[0] if event.mentions else event.trigger
        out.append(Member(
            event=event, doc_id=doc_id, doc_origin=doc.doc_origin if doc else "",
            source=doc.source if doc else None, published=doc.published if doc else None,
            why=why, score=score, added_at=added_at,
            sentence=evidence_sentence(doc.text, first) if doc else first.text,
        ))
    return out


def _actor_dict(a: Actor) -> dict[str, Any]:
    return {"text": a.text, "country": a.country, "sector": a.sector, "entity": a.entity, "role": a.role}


def merged_record(merged: MergedEvent, members: Sequence[Member] = ()) -> dict[str, Any]:
    """A JSON-ready dict of a merged event (and its members, when given)."""
    rep = merged.event
    rec: dict[str, Any] = {
        "id": merged.id, "type": rep.type, "mode": rep.mode, "status": rep.status,
        "date": {"value": rep.date.value, "precision": rep.date.precision} if rep.date else None,
        "location": {"text": rep.location.text, "country": rep.location.country} if rep.location else None,
        "actor": [_actor_dict(a) for a in rep.actor],
        "recipient": [_actor_dict(a) for a in rep.recipient],
        "contexts": list(rep.contexts), "intensity": rep.intensity, "cameo": rep.cameo,
        "num_mentions": merged.num_mentions, "num_documents": merged.num_documents,
        "num_sources": merged.num_sources, "sources": list(merged.sources),
        "first_reported": merged.first_reported.isoformat() if merged.first_reported else None,
        "last_reported": merged.last_reported.isoformat() if merged.last_reported else None,
        "members": [{"event_id": e, "doc_id": d, "why": w}
                    for e, d, w in zip(merged.members, merged.documents, merged.why, strict=False)],
    }
    if members:
        rec["members"] = [
            {"event_id": m.event.id, "doc_id": m.doc_id, "doc_origin": m.doc_origin,
             "source": m.source, "published": m.published.isoformat() if m.published else None,
             "type": m.event.type, "status": m.event.status,
             "date": {"value": m.event.date.value, "precision": m.event.date.precision,
                      "source": m.event.date.source} if m.event.date else None,
             "evidence": m.event.mentions[0].text if m.event.mentions else m.event.trigger.text,
             "sentence": m.sentence, "why": m.why, "score": m.score}
            for m in members
        ]
    return rec


# --- benchmark -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Truth:
    file: str
    text: str
    cluster: str
    type: str | None = None


@dataclass(slots=True)
class DedupScores:
    """Pairwise merge scores over truth-labelled mentions (``accord eval dedup``).

    A pair of truth mentions is positive when both carry the same cluster; predicted positive
    when both were matched to extracted events in the same merged event. A truth mention that
    no extracted event overlaps (an extractor miss) stays alone, so it costs recall:
    ``merge_*`` repeats the scores over pairs whose mentions were both found, which isolates
    the merging from the extraction.
    """

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    merge_precision: float = 0.0
    merge_recall: float = 0.0
    merge_f1: float = 0.0
    mentions: int = 0
    found: int = 0
    clusters: int = 0
    documents: int = 0
    events: int = 0
    merged_events: int = 0
    extractor_misses: list[str] = field(default_factory=list)
    false_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def errors(self) -> list[dict[str, str]]:
        """Every failure as ``{kind, detail}``, for ``accord eval dedup --errors``."""
        return ([{"kind": "extractor miss", "detail": m} for m in self.extractor_misses]
                + [{"kind": "false merge", "detail": m} for m in self.false_merges]
                + [{"kind": "missed merge", "detail": m} for m in self.missed_merges])


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _load_truth(path: Path) -> list[_Truth]:
    if not path.is_file():
        raise InputError(f"{path}: dedup truth not found; give the benchmark directory (with truth.jsonl and articles/)")
    out: list[_Truth] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append(_Truth(rec["file"], rec["text"], str(rec["cluster"]), rec.get("type")))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a truth record with file, text and cluster ({exc})") from exc
    return out


def evaluate_dedup(corpus_dir: Path | None = None, options: MergeOptions = MergeOptions()) -> DedupScores:
    """Run the real pipeline over the benchmark articles, merge, and score the merging.

    ``corpus_dir`` holds ``articles/`` (seed-format files) and ``truth.jsonl``: one line per
    (file, sentence substring, cluster id[, type]); the extracted event whose mention overlaps
    the substring (preferring the given type) stands for it.
    """
    from accord.ingest import read_all
    from accord.pipeline import PipelineOptions, code_documents

    root = Path(corpus_dir) if corpus_dir is not None else BENCH_DIR
    truth = _load_truth(root / "truth.jsonl")
    result = read_all([root / "articles"])
    scores = DedupScores(notes=[str(p) for p in result.problems])
    with Store.open(":memory:") as store:
        for coded in code_documents(result.documents, PipelineOptions()):
            store.write(coded)
        merge_store(store, options)
        docs = {d.doc_origin: d for d in store.documents()}
        membership = dict(store.connection.execute("SELECT event_id, merged_id FROM merged_members").fetchall())
        names = _names(store) if options.infer_countries else _Names()
        events = [_enrich(e, names)[0] for e in store.events()]  # as merging saw them
        scores.events = len(events)
        scores.documents = len(docs)
        scores.merged_events = len(set(membership.values()))
        by_doc: dict[str, list[Event]] = {}
        for e in events:
            by_doc.setdefault(e.doc_id, []).append(e)

        found: list[Event | None] = []
        for t in truth:
            doc = docs.get(t.file)
            if doc is None:
                raise InputError(f"truth names {t.file}, which is not among the benchmark articles")
            start = doc.text.find(t.text)
            if start < 0:
                raise InputError(f"truth text {t.text!r} not found in {t.file}")
            target = Span(start, start + len(t.text), t.text)
            hits = [e for e in by_doc.get(doc.id, []) if any(m.overlaps(target) for m in e.mentions)]
            hits.sort(key=lambda e: (e.type != t.type, -max(_overlap(m, target) for m in e.mentions)))
            found.append(hits[0] if hits else None)
            if not hits:
                scores.extractor_misses.append(f"{t.cluster} {t.file}: no {t.type or 'event'} extracted in {t.text!r}")

        doc_dates = {d.id: d.published for d in docs.values()}
        tp = fp = fn = mtp = mfp = mfn = 0
        for i in range(len(truth)):
            for j in range(i + 1, len(truth)):
                same = truth[i].cluster == truth[j].cluster
                ei, ej = found[i], found[j]
                merged = (ei is not None and ej is not None
                          and membership.get(ei.id) is not None and membership.get(ei.id) == membership.get(ej.id))
                tp += same and merged
                fp += (not same) and merged
                fn += same and not merged
                if ei is None or ej is None:
                    continue
                mtp += same and merged
                mfp += (not same) and merged
                mfn += same and not merged
                label = f"{truth[i].cluster}/{truth[i].file} ~ {truth[j].cluster}/{truth[j].file}"
                if merged and not same:
                    why = "one extracted event" if ei.id == ej.id else "merged"
                    scores.false_merges.append(f"{label}: {why}")
                elif same and not merged:
                    ok, reason = same_event(ei, ej, doc_dates.get(ei.doc_id), doc_dates.get(ej.doc_id), options)
                    if ok:
                        reason = "compatible pair, but a member of one group vetoed the other: " + reason
                    scores.missed_merges.append(f"{label}: {reason}")
    scores.tp, scores.fp, scores.fn = tp, fp, fn
    scores.precision, scores.recall, scores.f1 = _prf(tp, fp, fn)
    scores.merge_precision, scores.merge_recall, scores.merge_f1 = _prf(mtp, mfp, mfn)
    scores.mentions = len(truth)
    scores.found = sum(f is not None for f in found)
    scores.clusters = len({t.cluster for t in truth})
    return scores


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))
