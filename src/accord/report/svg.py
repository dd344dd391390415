"""Inline SVG charts drawn in Python: the brief must open offline, so no chart library or CDN.

Each function returns one ``<svg>`` element as a string, sized by ``viewBox`` so it scales
with the page and prints sharply. Every label and tooltip goes through ``html.escape``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

MAX_LABEL = 30  # node labels longer than this are cut (the full name is in the tooltip)
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\""


@dataclass(frozen=True, slots=True)
class Series:
    """One direction of the dyad: events per period (bars) and the index per period (line)."""

    label: str
    color: str
    counts: tuple[int, ...]
    index: tuple[float, ...]
    tips: tuple[str, ...] = ()  # tooltip per period


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    color: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    color: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    source: int  # index into the node list
    target: int
    color: str
    weight: int = 1
    tip: str = ""


@dataclass(slots=True)
class _Canvas:
    width: int
    height: int
    label: str
    parts: list[str] = field(default_factory=list)

    def add(self, element: str) -> None:
        self.parts.append(element)

    def svg(self, css_class: str) -> str:
        return (
            f'<svg class="{css_class}" role="img" '
            f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" height="{self.height}" '
            f'aria-label="{escape(self.label)}" {FONT}>'
            f"<title>{escape(self.label)}</title>" + "".join(self.parts) + "</svg>"
        )


def _nice_step(raw: float, integer: bool) -> float:
    """A round tick step (1, 2 or 5 x 10^k) at or above ``raw``; whole numbers for counts."""
    if raw <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(raw))
    step = next(m * exp for m in (1, 2, 5, 10) if raw <= m * exp)
    return max(1.0, float(step)) if integer else float(step)


def _ticks(lo: float, hi: float, *, integer: bool = False, count: int = 4) -> list[float]:
    """Round tick values covering [lo, hi] (which includes 0), about ``count`` intervals."""
    step = _nice_step((hi - lo) / count if hi > lo else 1.0, integer)
    first, last = math.floor(lo / step), math.ceil(hi / step)
    if first == last:
        last += 1
    return [k * step for k in range(first, last + 1)]


def _fmt(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1 or value == 0 else f"{value:.1f}"


MIN_TICK_GAP = 34.0  # px between two axis labels: an 11 px label rotated by 35° needs about this much


def axis_labels(periods: list[str], band: float, gap: float = MIN_TICK_GAP) -> list[tuple[int, str]]:
    """(index, label) of the period ticks to print, spaced at least ``gap`` px apart.

    Every period when there is room; over a long span of months or quarters, ticks by year
    (labelled "2021", at each year's first period, every k-th year when even those crowd);
    otherwise every n-th period. Period keys are those of ``analytics.period_of``.
    """
    if not periods:
        return []
    if band >= gap:
        return list(enumerate(periods))
    sub_year = len(periods[0]) > 4  # "2021-03" or "2021-Q1", not "2021"
    per_year = 12 if "-Q" not in periods[0] else 4
    if (sub_year and band * per_year >= gap * 1.5) or (sub_year and len(periods) > 3 * per_year):
        starts = [(i, p[:4]) for i, p in enumerate(periods) if i == 0 or p[:4] != periods[i - 1][:4]]
        years_apart = max(1, math.ceil(gap / (band * per_year)))
        first_year = int(starts[0][1])
        return [(i, y) for i, y in starts if (int(y) - first_year) % years_apart == 0]
    every = max(1, math.ceil(gap / band))
    return [(i, p) for i, p in enumerate(periods) if i % every == 0]


def timeline(periods: list[str], series: list[Series], *, title: str,
             width: int = 880, height: int = 300) -> str:
    """Stacked bars of events per period (left axis) with each series' index as a line (right)."""
    c = _Canvas(width, height, title)
    left, right, top, bottom = 44, 56, 28, 62
    pw, ph = width - left - right, height - top - bottom
    n = max(len(periods), 1)
    band = pw / n
    totals = [sum(s.counts[i] for s in series) for i in range(len(periods))]
    cticks = _ticks(0, max(totals, default=0), integer=True)
    cmax = cticks[-1]
    values = [v for s in series for v in s.index]
    iticks = _ticks(min(values + [0.0]), max(values + [0.0]))
    imin, imax = iticks[0], iticks[-1]

    def y_count(v: float) -> float:
        return top + ph - ph * v / cmax

    def y_index(v: float) -> float:
        return top + ph - ph * (v - imin) / (imax - imin)

    # grid and axes: the grid follows the count axis; the index axis has its own labels
    for v in cticks:
        y = y_count(v)
        c.add(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#e4e4e4"/>')
        c.add(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{_fmt(v)}</text>')
    for v in iticks:
        y = y_index(v)
        c.add(f'<line x1="{left + pw}" y1="{y:.1f}" x2="{left + pw + 4}" y2="{y:.1f}" stroke="#777"/>')
        c.add(f'<text x="{left + pw + 7}" y="{y + 4:.1f}" font-size="11" fill="#555">{_fmt(v)}</text>')
    c.add(f'<line x1="{left + pw}" y1="{top}" x2="{left + pw}" y2="{top + ph}" stroke="#bbb"/>')
    if imin < 0 < imax:
        y0 = y_index(0)
        c.add(f'<line x1="{left}" y1="{y0:.1f}" x2="{left + pw}" y2="{y0:.1f}" stroke="#999" '
              'stroke-dasharray="4 3"/>')
    c.add(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#777"/>')
    c.add(f'<text x="12" y="{top + ph / 2:.0f}" font-size="11" fill="#555" '
          f'transform="rotate(-90 12 {top + ph / 2:.0f})" text-anchor="middle">events</text>')
    c.add(f'<text x="{width - 10}" y="{top + ph / 2:.0f}" font-size="11" fill="#555" '
          f'transform="rotate(90 {width - 10} {top + ph / 2:.0f})" text-anchor="middle">index (sum of scores)</text>')

    # bars, stacked by series
    bar_w = max(band * 0.7, 1.0)
    for i, period in enumerate(periods):
        x = left + band * i + (band - bar_w) / 2
        base = 0
        for s in series:
            v = s.counts[i]
            if v:
                y1, y2 = y_count(base + v), y_count(base)
                tip = s.tips[i] if i < len(s.tips) else f"{s.label} {period}: {v} event(s)"
                c.add(f'<rect class="bar" x="{x:.1f}" y="{y1:.1f}" width="{bar_w:.1f}" height="{y2 - y1:.1f}" '
                      f'fill="{s.color}" fill-opacity="0.55"><title>{escape(tip)}</title></rect>')
            base += v
    # index lines
    for s in series:
        pts = [(left + band * (i + 0.5), y_index(v)) for i, v in enumerate(s.index)]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            c.add(f'<polyline points="{path}" fill="none" stroke="{s.color}" stroke-width="2.2"/>')
        for (x, y), v, period, n in zip(pts, s.index, periods, s.counts, strict=True):
            if not n:
                continue  # an empty period has no index to point at: the line just passes 0
            c.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#fff" stroke="{s.color}" stroke-width="2">'
                  f'<title>{escape(f"{s.label} {period}: index {v:+g}")}</title></circle>')
    # period labels, thinned so they do not overlap
    for i, text in axis_labels(periods, band):
        x, y = left + band * (i + 0.5), top + ph + 14
        c.add(f'<line x1="{x:.1f}" y1="{top + ph}" x2="{x:.1f}" y2="{top + ph + 4}" stroke="#777"/>')
        c.add(f'<text class="tick" x="{x:.1f}" y="{y}" font-size="11" fill="#333" text-anchor="end" '
              f'transform="rotate(-35 {x:.1f} {y})">{escape(text)}</text>')
    # legend
    lx = left
    for s in series:
        c.add(f'<rect x="{lx}" y="6" width="12" height="12" fill="{s.color}" fill-opacity="0.55"/>')
        c.add(f'<line x1="{lx + 16}" y1="12" x2="{lx + 34}" y2="12" stroke="{s.color}" stroke-width="2.2"/>')
        text = f"{s.label}: events (bars), index (line)"
        c.add(f'<text x="{lx + 38}" y="16" font-size="11" fill="#333">{escape(text)}</text>')
        lx += 46 + int(len(text) * 6.2)
    return c.svg("chart timeline")


def hbars(bars: list[Bar], *, title: str, width: int = 560, unit: str = "") -> str:
    """Horizontal bars, one per row, labelled on the left, values on the right."""
    row, top, label_w = 24, 8, 150
    height = top * 2 + row * max(len(bars), 1)
    c = _Canvas(width, height, title)
    vmax = max((b.value for b in bars), default=0) or 1
    pw = width - label_w - 60
    for i, b in enumerate(bars):
        y = top + row * i
        w = pw * b.value / vmax
        tip = b.tip or f"{b.label}: {_fmt(b.value)}{unit}"
        c.add(f'<text x="{label_w - 8}" y="{y + 16}" font-size="12" text-anchor="end" fill="#222">'
              f'{escape(b.label)}</text>')
        c.add(f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{max(w, 1):.1f}" height="{row - 8}" '
              f'fill="{b.color}"><title>{escape(tip)}</title></rect>')
        c.add(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="12" fill="#222">'
              f'{escape(_fmt(b.value))}{escape(unit)}</text>')
    return c.svg("chart bars")


def _edge(x1: float, y1: float, x2: float, y2: float, e: Edge) -> str:
    w = 1.2 + 1.6 * math.log2(e.weight + 1)
    return (f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{e.color}" '
            f'stroke-opacity="0.75" stroke-width="{w:.1f}"><title>{escape(e.tip)}</title></line>')


def network(nodes: list[Node], edges: list[Edge], *, title: str, size: int | None = None) -> str:
    """Nodes on a circle (labels outside), straight edges whose width grows with their weight.

    The circle grows with the number of nodes (``size`` overrides), so a handful of people do
    not float in a page-wide void and forty still have room for their labels.
    """
    size = size or min(560, max(260, 140 + 24 * len(nodes)))
    margin = 200  # room for labels around the circle
    width, height = size + 2 * margin, size + 40
    c = _Canvas(width, height, title)
    cx, cy, radius = width / 2, height / 2, size / 2 - 30
    n = len(nodes)
    pos = [
        (cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
         cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2))
        for i in range(n)
    ]
    degree = [0] * n
    for e in edges:
        degree[e.source] += e.weight
        degree[e.target] += e.weight
    # edges of several kinds between one pair are drawn side by side, not on top of each other
    lanes: dict[tuple[int, int], list[Edge]] = {}
    for e in edges:
        lanes.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
    for (s, t), group in lanes.items():
        (x1, y1), (x2, y2) = pos[s], pos[t]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        for k, e in enumerate(group):
            shift = (k - (len(group) - 1) / 2) * 6
            c.add(_edge(x1 + nx * shift, y1 + ny * shift, x2 + nx * shift, y2 + ny * shift, e))
    for i, node in enumerate(nodes):
        x, y = pos[i]
        r = 5 + 2.5 * math.sqrt(degree[i])
        c.add(f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{node.color}" stroke="#fff" '
              f'stroke-width="1.5"><title>{escape(node.tip or node.label)}</title></circle>')
        dx, dy = x - cx, y - cy
        norm = math.hypot(dx, dy) or 1
        lx, ly = x + (r + 6) * dx / norm, y + (r + 6) * dy / norm + 4
        anchor = "start" if dx > 1 else ("end" if dx < -1 else "middle")
        label = node.label if len(node.label) <= MAX_LABEL else node.label[: MAX_LABEL - 1] + "…"
        c.add(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="{anchor}" fill="#222">'
              f'{escape(label)}</text>')
    return c.svg("chart network")


__all__ = ["Bar", "Edge", "Node", "Series", "axis_labels", "hbars", "network", "timeline"]
