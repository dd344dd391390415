"""The representative of a merged event: one event standing for its members (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from typing import Any

from accord.coding.signing import merged_signing
from accord.dedup.rule import _DOC_SOURCES, _PRECISION_RANK
from accord.model import Actor, DateValue, Event, Place, date_range

__all__ = ["representative"]


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
        id=merged_id, sentence=founder.sentence, signing=merged_signing(members),
    )

