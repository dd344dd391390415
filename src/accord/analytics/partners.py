"""A country's partners side by side: one row per relationship, from its dyad report.

``partners(events, "AZE", documents=docs)`` finds every country that shares an event with
AZE (as actor or recipient) and summarises each dyad with the same counting rules as the brief
(``accord.analytics.dyad.dyad_analytics``): events, reports, documents, span, net and mean index,
quad classes, main topics, commitments and the latest events. Partners are ranked by events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from accord.analytics.dyad import DyadReport, dyad_analytics
from accord.model import Document, MergedEvent

TOP_TOPICS = 3
LATEST = 3


@dataclass(slots=True)
class Partner:
    country: str
    events: int
    reports: int
    counted: int
    documents: int
    first: str | None
    last: str | None
    net_index: float
    mean_index: float | None  # net / scored counted events
    quads: dict[int, int]
    topics: list[tuple[str, int]]  # label, events
    commitments: dict[str, int]  # status -> count
    latest: list[str] = field(default_factory=list)  # event ids, latest first
    undated: int = 0
    report: DyadReport | None = None  # the full dyad report (not serialised by to_dict)


def partner_countries(events: list[MergedEvent], country: str) -> list[str]:
    """Countries sharing at least one event with ``country``, in code order."""
    found: set[str] = set()
    for merged in events:
        ev = merged.event
        codes = {x.country for x in ev.actor + ev.recipient if x.country}
        if country in codes:
            found |= codes - {country}
    return sorted(found)


def summarise(report: DyadReport) -> Partner:
    quads: dict[int, int] = {}
    for q in report.quads:
        quads[q.quad] = quads.get(q.quad, 0) + q.events
    net = round(sum(p.score_sum for p in report.periods), 6)  # the brief's net index: dated, counted events
    scored = [r for r in report.rows if r.period and r.score is not None]
    led = report.commitments
    statuses: dict[str, int] = {}
    for c in led.items if led else []:
        statuses[c.status] = statuses.get(c.status, 0) + 1
    dated = [r for r in report.rows if r.counted and r.day]
    latest = [r.id for r in sorted(dated, key=lambda r: (r.day or "", r.id), reverse=True)[:LATEST]]
    return Partner(
        report.b, report.events, report.reports, report.counted, report.documents, report.first, report.last,
        net, round(net / len(scored), 3) if scored else None, quads,
        [(t.label, t.events) for t in report.topics[:TOP_TOPICS]], statuses, latest, len(report.undated), report,
    )


def partners(events: list[MergedEvent], country: str, *, documents: Mapping[str, Document] | None = None,
             period: str = "month", extractor_versions: Mapping[str, str] | None = None,
             as_of: dt.date | None = None) -> list[Partner]:
    """Every partner of ``country`` (ISO alpha-3) in ``events``, busiest first."""
    country = country.upper()
    out = [summarise(dyad_analytics(events, country, other, documents=documents, period=period,  # type: ignore[arg-type]
                                    extractor_versions=extractor_versions, as_of=as_of))
           for other in partner_countries(events, country)]
    return sorted(out, key=lambda p: (-p.events, p.country))


__all__ = ["Partner", "partner_countries", "partners", "summarise"]
