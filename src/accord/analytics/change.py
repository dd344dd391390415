"""What changed: period-over-period deltas, the notable ones with the events behind them, and
the relationship's temperature against its own baseline.

Pure functions over ``Item`` records (one per counted, dated event; built by
``accord.analytics.dyad``, by hand in tests). The rules:

* **Periods compared.** Each period with events is compared with the *previous period with
  events*, and the quiet periods between are counted, not compared: in news-derived data a
  quiet month means "not reported", so "+3 events on an empty month" would be noise. The figures
  are the period's events, index (sum of PLOVER scores), mean score and events per quad class.
* **Notable.** A delta is notable when its index moved by at least ``NOTABLE_SD`` standard
  deviations of the index sums of the periods with events (needs ``MIN_PERIODS`` of them), the
  ``MAX_NOTABLE`` largest first. Its drivers: for a rise, the period's events that scored highest;
  for a drop, its events that scored lowest when any scored below zero, else the previous
  period's highest-scoring events, which the drop is the absence of.
* **Temperature.** The mean PLOVER score of the latest period's events minus the mean of all
  earlier events (the baseline), in standard deviations of the baseline's event scores:
  ``(mean_latest - mean_baseline) / sd_baseline``. Within ±0.5 the relationship is "as usual",
  beyond "warmer" or "cooler", beyond ±1.5 "much warmer" or "much cooler". It needs
  ``MIN_BASELINE`` earlier events with some spread; otherwise it says there is too little history.
  Volume is given beside it: the latest period's events against the mean per earlier period with
  events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

NOTABLE_SD = 1.0
MIN_PERIODS = 3
MAX_NOTABLE = 3
MIN_BASELINE = 5
DRIVERS = 3
QUADS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Item:
    """A counted event with a period."""

    id: str
    period: str
    score: float | None
    quad: int | None


@dataclass(slots=True)
class PeriodFigures:
    period: str
    events: int
    index: float
    mean: float | None
    quads: dict[int, int]
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Delta:
    period: str
    previous: str | None  # the previous period with events
    quiet: int  # periods without events in between (when the caller gives the full period list)
    events: int
    d_events: int
    index: float
    d_index: float
    mean: float | None
    d_mean: float | None
    quads: dict[int, int]
    d_quads: dict[int, int]
    notable: bool = False
    drivers: list[str] = field(default_factory=list)  # event ids
    drivers_from: str = ""  # the period the drivers are in


@dataclass(slots=True)
class Temperature:
    label: str  # "warmer", "as usual", "too little history"...
    value: float | None  # in baseline standard deviations
    latest: str | None  # the period judged
    latest_mean: float | None
    baseline_mean: float | None
    baseline_sd: float | None
    baseline_events: int
    volume_ratio: float | None  # latest events / mean events per earlier period with events
    how: str  # the formula, for the brief


@dataclass(slots=True)
class ChangeReport:
    deltas: list[Delta]
    temperature: Temperature

    @property
    def notable(self) -> list[Delta]:
        return sorted((d for d in self.deltas if d.notable), key=lambda d: -abs(d.d_index))


def figures(items: Iterable[Item]) -> list[PeriodFigures]:
    """Each period's figures, periods in order (only periods with events)."""
    out: dict[str, PeriodFigures] = {}
    for it in items:
        f = out.setdefault(it.period, PeriodFigures(it.period, 0, 0.0, None, dict.fromkeys(QUADS, 0)))
        f.events += 1
        f.index = round(f.index + (it.score or 0.0), 6)
        if it.quad in f.quads:
            f.quads[it.quad] += 1
        f.event_ids.append(it.id)
    for f in out.values():
        f.mean = round(f.index / f.events, 6) if f.events else None
    return [out[k] for k in sorted(out)]


def _drivers(items: list[Item], rise: bool) -> list[str]:
    scored = [i for i in items if i.score is not None]
    ranked = sorted(scored, key=lambda i: (-(i.score or 0.0) if rise else (i.score or 0.0), i.id))
    if not rise:
        ranked = [i for i in ranked if (i.score or 0.0) < 0]
    return [i.id for i in ranked[:DRIVERS]]


def _sd(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def temperature(items: list[Item]) -> Temperature:
    how = ("(mean PLOVER score of the latest period's events - mean of all earlier events) / standard "
           "deviation of the earlier events' scores; within ±0.5 as usual, beyond ±1.5 much warmer or cooler")
    periods = sorted({i.period for i in items})
    if not periods:
        return Temperature("no dated events", None, None, None, None, None, 0, None, how)
    latest = periods[-1]
    now = [i.score for i in items if i.period == latest and i.score is not None]
    base = [i.score for i in items if i.period < latest and i.score is not None]
    earlier = periods[:-1]
    volume = (round(sum(1 for i in items if i.period == latest) / (sum(1 for i in items if i.period < latest)
                                                                   / len(earlier)), 3) if earlier else None)
    now_mean = round(sum(now) / len(now), 3) if now else None
    if len(base) < MIN_BASELINE or not now:
        return Temperature("too little history", None, latest, now_mean, None, None, len(base), volume, how)
    mean, sd = sum(base) / len(base), _sd(base)
    if sd == 0:
        return Temperature("too little history", None, latest, now_mean, round(mean, 3), 0.0, len(base), volume, how)
    value = (sum(now) / len(now) - mean) / sd
    label = ("as usual" if abs(value) < 0.5 else ("warmer" if value > 0 else "cooler"))
    if abs(value) >= 1.5:
        label = "much " + label
    return Temperature(label, round(value, 3), latest, now_mean, round(mean, 3), round(sd, 3), len(base), volume, how)


def change_report(items: Iterable[Item], all_periods: list[str] | None = None) -> ChangeReport:
    """Deltas between successive periods with events, the notable ones, and the temperature.

    ``all_periods`` (every period of the span, quiet ones included) lets a delta say how many
    quiet periods lie between the two it compares.
    """
    items = list(items)
    figs = figures(items)
    position = {p: n for n, p in enumerate(all_periods or [])}
    by_period: dict[str, list[Item]] = {}
    for it in items:
        by_period.setdefault(it.period, []).append(it)
    deltas: list[Delta] = []
    prev: PeriodFigures | None = None
    for f in figs:
        quiet = (position[f.period] - position[prev.period] - 1) if prev and f.period in position and \
            prev.period in position else 0
        deltas.append(Delta(
            f.period, prev.period if prev else None, quiet, f.events, f.events - (prev.events if prev else 0),
            f.index, round(f.index - (prev.index if prev else 0.0), 6), f.mean,
            round(f.mean - prev.mean, 6) if prev and f.mean is not None and prev.mean is not None else None,
            dict(f.quads), {q: f.quads[q] - (prev.quads[q] if prev else 0) for q in QUADS},
        ))
        prev = f
    compared = deltas[1:]  # the first period has nothing before it
    if len(figs) >= MIN_PERIODS:
        sd = _sd([f.index for f in figs])
        big = sorted((d for d in compared if sd > 0 and abs(d.d_index) >= NOTABLE_SD * sd),
                     key=lambda d: -abs(d.d_index))[:MAX_NOTABLE]
        for d in big:
            d.notable = True
            rise = d.d_index > 0
            d.drivers = _drivers(by_period[d.period], rise)
            d.drivers_from = d.period
            if not d.drivers and d.previous:  # a drop without negative events: what went missing
                d.drivers = _drivers(by_period[d.previous], True)
                d.drivers_from = d.previous
    return ChangeReport(deltas, temperature(items))


__all__ = [
    "MIN_BASELINE",
    "MIN_PERIODS",
    "NOTABLE_SD",
    "ChangeReport",
    "Delta",
    "Item",
    "PeriodFigures",
    "Temperature",
    "change_report",
    "figures",
    "temperature",
]
