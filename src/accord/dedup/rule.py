"""The matching rule of cross-article merging: whether two per-document events report one
real-world event, and why (pure: no store, no I/O).

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

Also here: what the incremental merge keys on (blocks of type family and countries, week
buckets, the fingerprint of what the rule read of an event, merged-event ids) and the
countries of named actors learnt across reports (``Names``, ``enrich``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from accord.coding.signing import signed
from accord.model import Actor, Event, date_range

__all__ = ["MergeOptions", "same_event"]

# Statuses that describe the same kind of reality: a report of the act happening, a report of
# it being planned or offered, a conditional, a denial. Across classes they are other events.
_STATUS_CLASS = {
    "occurred": "realised", "ongoing": "realised", "planned": "future", "proposed": "future",
    "hypothetical": "hypothetical", "negated": "negated",
}
# Types that outlets use interchangeably for one act; blocked together so they can meet.
_TYPE_FAMILY = {"AGREE": "AGREE/SUPPORT", "SUPPORT": "AGREE/SUPPORT"}
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
    signing: bool
    place: str | None
    key: tuple[Any, ...]        # everything above that a comparison without similarity reads
    # the texts, once read: most members of a merge's candidates are compared without similarity
    # (only the sampled ones with it), and their content words cost more than the rest together
    _texts: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)

    @property
    def texts(self) -> tuple[str, ...]:
        """Content words of the evidence: up to 3 mentions, else the trigger."""
        if not self._texts:
            event = self.event
            self._texts.append(tuple(_content(m.text) for m in event.mentions[:3])
                               or (_content(event.trigger.text),))
        return self._texts[0]


def _features(event: Event, doc_date: dt.date | None) -> _Features:
    status_class = _STATUS_CLASS.get(event.status, event.status)
    countries, actors, recipients = (frozenset(event.countries), _country_set(event.actor),
                                     _country_set(event.recipient))
    people, when = _people(event), _when(event, doc_date)
    signing, place = signed(event), event.location.country if event.location else None
    key = (status_class, event.type, event.mode, countries, actors, recipients,
           frozenset((c, frozenset(names)) for c, names in people.items()), when, signing, place)
    return _Features(event, status_class, countries, actors, recipients, people, when, signing, place, key)


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


def _names_from_counts(rows: Iterable[tuple[str, str, int]]) -> _Names:
    """The unambiguous countries of names, from (entity, country, reports) counts."""
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



# --- what the incremental merge keys on ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DocInfo:
    published: dt.date | None
    source: str | None
    origin: str


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

