"""The commitments ledger: what was promised, by whom and when, and whether it happened.

Pure functions over ``Act`` records (one per event, built from merged events by
``accord.analytics.dyad``; tests build them by hand). Rules, in the order they apply:

* **What is a commitment.** A planned, proposed or agreed event (status ``planned``,
  ``proposed`` or ``agreed``); an AGREE event (PLOVER's promise type: "the parties agreed on
  specific steps"); and an event coded as occurred whose own date had not ended when it was
  reported *and* whose sentence says it was decided or promised (``data/commitments.yaml``):
  "the delivery in 2026, as decided by President Aliyev, of energy equipment", reported in
  January 2026, is a decision being carried out, not a delivery done. Hypothetical and negated
  events promise nothing.
* **The promise and the act.** An AGREE in the same sentence as a planned or proposed act is the
  promise of that act ("the diplomats agreed to prepare the visit of President Aliyev by the end
  of 2020"): one ledger line, promised by the AGREE's actors on the AGREE's date, the act being
  what was promised. An AGREE alone is its own line.
* **Due date.** The act's own date when the text gives one and it does not end before the
  report ("by the end of 2020" -> due by 2020-12-31); else none ("soon").
* **Happened.** A later report shows the act happened when another event, not itself a
  commitment, has occurred or is ongoing, has the act's type (and its mode, when both have one:
  a promised visit is kept by a visit), involves every country of the act, names at least one
  of the act's named doers when the act names any (Aliyev's visit is kept by an event naming
  Aliyev), shares a topic with it when both have topics (not for meetings, which range over many
  topics), is linked to it by something specific (a named participant, the mode or a topic in
  common: type and countries alone would let any later meeting keep any proposed one), and is
  dated on or after the promise (from another document, or strictly later when
  from the same one). The earliest such event is the evidence. An AGREE alone names no act, so
  nothing can show it happened: it stays pending or overdue.
* **Status.** ``happened`` (a dated later report; ``late`` when after the due date);
  ``happened-undated`` (a matching report exists but has no date, so it cannot be placed after
  the promise); ``overdue`` (due date passed by the ledger's ``as_of`` day with no such report);
  ``pending`` (not due yet, or no due date). ``as_of`` defaults to the latest report date in the
  data, not today: a store is only as current as its news.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from accord import yamlfile
from accord.model import AGREE, DONE_STATUSES, PROMISE_STATUSES, date_range, may_commit

TOPIC_FREE_TYPES = frozenset({"CONSULT"})  # meetings range over many topics: no topic check

Status = Literal["happened", "happened-undated", "overdue", "pending"]
STATUS_LABELS: dict[str, str] = {
    "happened": "happened",
    "happened-undated": "reported, date unknown",
    "overdue": "overdue",
    "pending": "pending",
}


@dataclass(slots=True)
class Act:
    """One event as the ledger sees it."""

    id: str
    type: str
    status: str
    reported: dt.date | None  # first report
    mode: str | None = None
    date: str | None = None  # the event's own date (ISO at its precision), when the text gives one
    actors: list[str] = field(default_factory=list)  # labels: "Ilham Aliyev (AZE)"
    recipients: list[str] = field(default_factory=list)
    doers: frozenset[str] = frozenset()  # named entities among the actors
    named: frozenset[str] = frozenset()  # named entities among actors and recipients
    countries: frozenset[str] = frozenset()
    documents: list[str] = field(default_factory=list)
    sentence: str = ""
    sentence_key: tuple[str, int] | None = None  # (document id, sentence start): same sentence, same key
    evidence: str = ""
    topics: frozenset[str] = frozenset()
    note: str = ""  # why a non-dyad event is in the ledger ("its sentence names AZE")


@dataclass(slots=True)
class Commitment:
    event_id: str
    kind: str  # planned, proposed, agreed or decided
    type: str
    mode: str | None
    promised_by: list[str]
    parties: list[str]  # actors, then recipients
    what: str  # the act's evidence words
    sentence: str
    promised_on: str | None  # ISO day
    due: str | None  # the target as the text gives it ("2020", "2026-06")
    due_by: str | None  # its last day (ISO)
    status: Status
    status_note: str  # why this status, in words
    promise_id: str | None = None  # the AGREE folded into this line
    promise_sentence: str = ""
    kept_by: str | None = None  # the event showing it happened
    kept_on: str | None = None
    kept_sentence: str = ""
    kept_evidence: str = ""
    late: bool = False  # happened after its due date
    documents: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status] + (" (late)" if self.late else "")


@dataclass(slots=True)
class Ledger:
    as_of: str | None  # the day overdue is judged at (ISO)
    items: list[Commitment] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for c in self.items if c.status == status)


@functools.cache
def decision_cues() -> re.Pattern[str]:
    path = resources.files("accord") / "data" / "commitments.yaml"
    data = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
    cues = sorted({str(c).strip().lower() for c in data.get("decision_cues") or () if str(c).strip()},
                  key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")(?!\w)",
                      re.IGNORECASE)


def _range(value: str | None) -> tuple[dt.date, dt.date] | None:
    return date_range(value) if value else None


def _own_day(act: Act) -> dt.date | None:
    rng = _range(act.date)
    return rng[0] if rng else None


def _day(act: Act) -> dt.date | None:
    """When the act happened, as far as the data says: its own date, else its first report."""
    return _own_day(act) or act.reported


def kind_of(act: Act) -> str | None:
    """The commitment kind of an act, or None when it is no commitment (the module doc's rules)."""
    if act.status in PROMISE_STATUSES:
        return act.status
    if act.status not in DONE_STATUSES:
        return None  # hypothetical and negated acts promise nothing
    if act.type == AGREE:
        return "agreed"
    rng = _range(act.date)
    if rng and act.reported and rng[1] > act.reported and decision_cues().search(act.sentence):
        return "decided"
    return None


def _due_range(act: Act) -> tuple[dt.date, dt.date] | None:
    rng = _range(act.date)
    if rng is None or (act.reported and rng[1] < act.reported):
        return None  # no date, or a past date: when it was decided, not when it is due
    return rng


def _due(act: Act) -> tuple[str | None, dt.date | None]:
    rng = _due_range(act)
    return (act.date, rng[1]) if rng else (None, None)


def _keeps(candidate: Act, act: Act, promised: dt.date | None) -> bool:
    """Whether ``candidate`` is a report that ``act`` happened (undated candidates pass the date test)."""
    return _matches(candidate, _own_day(candidate), act, _due_range(act), promised)


def _matches(candidate: Act, own: dt.date | None, act: Act, due: tuple[dt.date, dt.date] | None,
             promised: dt.date | None) -> bool:
    """``_keeps`` with the candidate's own day and the act's due range worked out once by the caller."""
    if candidate.id == act.id or candidate.status not in DONE_STATUSES or candidate.type != act.type:
        return False
    if act.type == "AGREE":
        return False  # an agreement alone names no act that could be seen to happen
    if act.mode and candidate.mode and act.mode != candidate.mode:
        return False
    if not act.countries <= candidate.countries:
        return False
    if act.doers and not act.doers & candidate.named:
        return False
    if act.type not in TOPIC_FREE_TYPES and act.topics and candidate.topics and not act.topics & candidate.topics:
        return False
    if act.sentence_key is not None and candidate.sentence_key == act.sentence_key:
        return False
    linked = (bool(act.named & candidate.named) or bool(act.mode and act.mode == candidate.mode)
              or bool(act.topics & candidate.topics) or bool(due and own and due[0] <= own <= due[1]))
    if not linked:
        return False  # same type and countries alone: any later meeting would 'keep' any proposed meeting
    day = own or candidate.reported
    if day is None or promised is None:
        return True  # cannot be ordered: decided by the caller (happened-undated)
    if day < promised:
        return False
    same_doc = bool(set(candidate.documents) & set(act.documents))
    return not same_doc or (own is not None and own > promised)


type _Dated = tuple[dt.date, str, int, Act, dt.date | None]  # (day, id, pool order, act, own day)


@dataclass(slots=True)
class _Part:
    """Candidates of one type sharing a topic (or having none), indexed for ``_kept_by``."""

    dated: list[_Dated] = field(default_factory=list)  # by (day, id)
    undated: list[tuple[int, Act]] = field(default_factory=list)  # in pool order
    days: list[dt.date] = field(default_factory=list)


@dataclass(slots=True)
class _Pool:
    """The candidates of one type, indexed for ``_kept_by``: a store's dyad has thousands of
    events, and checking every one against every commitment grew with the square of them.
    ``untopiced`` and ``by_topic`` split ``every`` by topic: an act with topics of a type that
    checks them is matched only by candidates without topics or sharing one (``_matches``), and
    on a big dyad that test turned away nine candidates in ten."""

    every: _Part = field(default_factory=_Part)
    untopiced: _Part = field(default_factory=_Part)
    by_topic: dict[str, _Part] = field(default_factory=dict)

    def parts(self, act: Act) -> list[_Part]:
        """The parts holding every candidate that can pass ``act``'s topic test."""
        if act.type in TOPIC_FREE_TYPES or not act.topics:
            return [self.every]
        return [self.untopiced, *(part for t in sorted(act.topics) if (part := self.by_topic.get(t)))]


def _index(pool: Sequence[Act]) -> dict[str, _Pool]:
    by_type: dict[str, _Pool] = {}
    for order, c in enumerate(pool):
        if c.status not in DONE_STATUSES:
            continue  # never a match (``_matches``' first test)
        own = _own_day(c)
        day = own or c.reported
        # a pool and a part made when first needed, not one per candidate for setdefault to drop
        if (slot := by_type.get(c.type)) is None:
            slot = by_type[c.type] = _Pool()
        if c.topics:
            parts = [slot.every]
            for t in c.topics:
                if (part := slot.by_topic.get(t)) is None:
                    part = slot.by_topic[t] = _Part()
                parts.append(part)
        else:
            parts = [slot.every, slot.untopiced]
        for part in parts:
            if day is None:
                part.undated.append((order, c))
            else:
                part.dated.append((day, c.id, order, c, own))
    for slot in by_type.values():
        for part in [slot.every, slot.untopiced, *slot.by_topic.values()]:
            part.dated.sort(key=lambda x: (x[0], x[1]))
            part.days = [x[0] for x in part.dated]
    return by_type


def _kept_by(pools: dict[str, _Pool], act: Act, promised: dt.date | None) -> tuple[Act | None, bool]:
    """The event showing ``act`` happened and whether it is dated: the earliest dated match on
    or after the promise, else the first match in pool order (what scanning every candidate,
    then sorting the dated matches by (day, id), gives). Each part is scanned on its own and the
    best of their answers taken: a candidate in no part scanned fails the topic test anyway."""
    slot = pools.get(act.type)
    if slot is None or act.type == "AGREE":
        return None, False
    due = _due_range(act)
    parts = slot.parts(act)
    if promised is not None:
        best: _Dated | None = None
        for part in parts:
            # a dated candidate before the promise never matches: start at the promise's day
            for entry in part.dated[bisect.bisect_left(part.days, promised):]:
                if best is not None and (entry[0], entry[1]) >= (best[0], best[1]):
                    break  # no earlier match in this part
                if _matches(entry[3], entry[4], act, due, promised):
                    best = entry
                    break
        if best is not None:
            return best[3], True
        firsts = [next(((o, c) for o, c in part.undated if _matches(c, None, act, due, promised)), None)
                  for part in parts]
        found = [f for f in firsts if f is not None]
        return (min(found, key=lambda x: x[0])[1] if found else None), False
    # no promise day: nothing is ordered, the first match in pool order stands
    matched = [(order, c) for part in parts for _, _, order, c, own in part.dated
               if _matches(c, own, act, due, promised)]
    matched += [(order, c) for part in parts for order, c in part.undated if _matches(c, None, act, due, promised)]
    return (min(matched, key=lambda x: x[0])[1] if matched else None), False


def ledger(acts: Sequence[Act], *, as_of: dt.date | None = None, candidates: Iterable[Act] | None = None) -> Ledger:
    """The commitments among ``acts``, each with its status.

    ``candidates`` are the events that may show a commitment happened (default: ``acts``);
    ``as_of`` is the day overdue is judged at (default: the latest report date among them).
    """
    pool = list(acts) if candidates is None else list(candidates)
    if as_of is None:
        days = [a.reported for a in [*acts, *pool] if a.reported]
        as_of = max(days) if days else None
    known = {id(a): kind_of(a) for a in acts}  # a candidate that is one of the acts: its kind is known
    kinds = {a.id: known[id(a)] for a in acts}
    promises: dict[tuple[str, int], list[Act]] = {}  # sentence key -> its AGREEs, in order
    for a in acts:
        if kinds[a.id] == "agreed" and a.sentence_key is not None:
            promises.setdefault(a.sentence_key, []).append(a)
    folded: dict[str, Act] = {}  # act id -> the AGREE promising it
    for act in acts:
        if kinds[act.id] in {"planned", "proposed"} and act.sentence_key is not None:
            agree = next((p for p in promises.get(act.sentence_key, ()) if p.id != act.id), None)
            if agree is not None:
                folded[act.id] = agree
    used = {p.id for p in folded.values()}
    # a commitment does not show another one kept
    pools = _index([c for c in pool if (known[id(c)] if id(c) in known else kind_of(c)) is None])

    items: list[Commitment] = []
    for act in acts:
        kind = kinds[act.id]
        if kind is None or act.id in used:
            continue
        promise = folded.get(act.id)
        promised_day = (_own_day(promise) or promise.reported) if promise else (
            _own_day(act) if kind == "agreed" else None) or act.reported
        due, due_by = (None, None) if kind == "agreed" else _due(act)
        kept, kept_dated = _kept_by(pools, act, promised_day)
        late = False
        if kept is not None and kept_dated:
            status: Status = "happened"
            kept_day = _day(kept)
            late = bool(due_by and kept_day and kept_day > due_by)
            how = "as happening" if kept.status == "ongoing" else "done"
            why = f"reported {how} on {kept_day.isoformat() if kept_day else '?'}"
            if late:
                why += f", after its due date {due_by.isoformat() if due_by else ''}"
        elif kept is not None:
            status, why = "happened-undated", "a matching report has no date, so it cannot be placed after the promise"
        elif act.type == "AGREE" and kind == "agreed":
            status, why = "pending", "an agreement without a named act: nothing to check it against"
        elif due_by is not None and as_of is not None and due_by < as_of:
            status, why = "overdue", f"due by {due_by.isoformat()}; no report of it by {as_of.isoformat()}"
        elif due_by is not None:
            status, why = "pending", f"due by {due_by.isoformat()}"
        else:
            status, why = "pending", "no due date given; no later report of it"
        items.append(Commitment(
            event_id=act.id, kind=kind, type=act.type, mode=act.mode,
            promised_by=list(promise.actors if promise else act.actors),
            parties=list(dict.fromkeys(act.actors + act.recipients)), what=act.evidence, sentence=act.sentence,
            promised_on=promised_day.isoformat() if promised_day else None, due=due,
            due_by=due_by.isoformat() if due_by else None, status=status, status_note=why,
            promise_id=promise.id if promise else None, promise_sentence=promise.sentence if promise else "",
            kept_by=kept.id if kept else None,
            kept_on=(_day(kept).isoformat() if kept and _day(kept) else None),  # type: ignore[union-attr]
            kept_sentence=kept.sentence if kept else "", kept_evidence=kept.evidence if kept else "", late=late,
            documents=list(act.documents), note=act.note,
        ))
    items.sort(key=lambda c: (c.promised_on is None, c.promised_on or "", c.event_id))
    return Ledger(as_of.isoformat() if as_of else None, items)


__all__ = [
    "AGREE",
    "DONE_STATUSES",
    "PROMISE_STATUSES",
    "STATUS_LABELS",
    "Act",
    "Commitment",
    "Ledger",
    "decision_cues",
    "kind_of",
    "ledger",
    "may_commit",
]
