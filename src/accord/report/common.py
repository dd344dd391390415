"""What the HTML and Markdown briefs share: evidence quotes, labels and colours."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord.analytics.change import Delta
from accord.analytics.dyad import DyadReport, EventRow, PeriodStat, locate, mention_sentence
from accord.analytics.topics import TopicStat
from accord.model import Document, MergedEvent

QUAD_COLORS: dict[int, str] = {1: "#4a90c2", 2: "#2e9a5e", 3: "#e0a030", 4: "#cf4a5a"}
DIRECTION_COLORS: tuple[str, ...] = ("#3b6ea8", "#c2571a", "#6b8e23")
TIE_COLORS: dict[str, str] = {"CONSULT": "#3b6ea8", "SUPPORT": "#2e9a5e"}
SIDE_COLORS: tuple[str, str, str] = ("#3b6ea8", "#c2571a", "#8c8c8c")  # side a, side b, others
MAX_QUOTES = 3  # evidence sentences shown per event; the rest are counted
STATUS_COLORS: dict[str, str] = {"happened": "#2e9a5e", "happened-undated": "#6b8e6b", "overdue": "#cf4a5a",
                                 "pending": "#b07a10"}
# rows of a list that grows with the events (All events, the ledger, aid, agreements, meetings,
# the documents) shown in a brief before "N more not shown": a hundred rows is a few screens,
# what a reader scans before searching instead; a dyad of 12,000 events otherwise wrote a 27 MB
# page nobody could forward. ``accord report --all`` keeps every row.
LIST_ROWS = 100
DATES_SHOWN = 12  # days listed in a "who met whom" cell (the latest): a pair met 1,000 times on a big store


@dataclass(frozen=True, slots=True)
class Quote:
    """A mention in its sentence: ``mark`` is the exact evidence span, the rest is context."""

    before: str
    mark: str
    after: str
    doc_id: str | None


@dataclass(frozen=True, slots=True)
class Cut[T]:
    """The rows of a long list a brief shows (in the list's own order), out of ``total``;
    ``which`` says how they were chosen ("latest", "busiest", "first")."""

    shown: list[T]
    total: int
    which: str = "first"

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


def latest[T](items: Sequence[T], day: Callable[[T], str | None], limit: int | None) -> Cut[T]:
    """The ``limit`` items with the latest ``day`` (ISO; items without one count as the oldest:
    nothing shows they are recent), kept in the list's own order; all for ``limit=None``."""
    if limit is None or len(items) <= limit:
        return Cut(list(items), len(items), "latest")
    keys = [(d is not None, d or "") for d in map(day, items)]  # each item's day read once
    return Cut([items[i] for i in _greatest(keys, limit)], len(items), "latest")


def _greatest(keys: Sequence[Any], limit: int) -> list[int]:
    """The places of the ``limit`` greatest ``keys`` (ties: the later place), in place order:
    what ``latest`` and ``latest_first`` keep. The keys are sorted with their places (unique
    pairs): the ids of a cell naming four of a type's 12,000 events are mostly in date order
    already, which the sort passes through in one run (a heap of the top few replaced its head
    at nearly every item)."""
    ranked = sorted(zip(keys, range(len(keys)), strict=True))
    return sorted(n for _, n in ranked[len(keys) - limit:])


def listed_events(report: DyadReport, limit: int | None = LIST_ROWS) -> Cut[EventRow]:
    """The events a brief lists with their evidence: the latest ``limit`` (every one for None).
    A caller reads the merged events behind these rows only (``accord.views.dyad.events_of``)."""
    return latest(report.rows, lambda r: r.day, limit)


def first[T](items: Sequence[T], limit: int | None, which: str = "first") -> Cut[T]:
    """The first ``limit`` items (all for None): for lists ranked by something else than date."""
    if limit is None or len(items) <= limit:
        return Cut(list(items), len(items), which)
    return Cut(list(items[:limit]), len(items), which)


def day_ranks(rows: Mapping[str, EventRow]) -> dict[str, int]:
    """Each event's day as a rank (1 for the earliest day; 0 for none, the oldest as in
    ``latest``): worked out once per brief, so that ``latest_first`` compares ints. A brief of
    a big dyad has a few hundred cells naming events, some of them thousands each."""
    position = {day: n for n, day in enumerate(sorted({r.day for r in rows.values() if r.day is not None}), 1)}
    return {i: 0 if r.day is None else position[r.day] for i, r in rows.items()}


def latest_first(ids: list[str], ranks: Mapping[str, int], limit: int) -> list[str]:
    """``ids`` with the latest ``limit`` of them (by ``day_ranks`` of their rows; an id without
    a row counts as undated) first, in their order, then the others: what a cell naming a few
    events shows when the brief lists the latest only. Picks what ``latest`` by day picks."""
    if len(ids) <= limit:
        return list(ids)
    shown = [ids[n] for n in _greatest([ranks.get(i, 0) for i in ids], limit)]
    keep = set(shown)
    return shown + [i for i in ids if i not in keep]


def cut_line(report: DyadReport, cut: Cut, noun: str) -> str:
    """"Showing the latest 100 of 12476 events; 12376 more are not shown: ..." (empty when none
    is left out): how many a reader does not see, and the commands that give every one."""
    if not cut.hidden:
        return ""
    a, b = report.a, report.b
    return (f"Showing the {cut.which} {len(cut.shown)} of {cut.total} {noun}; {cut.hidden} more are not shown: "
            f"`accord report {a} {b} --all` lists every one, `accord dyad {a} {b} --json` gives them as data "
            f"and `accord events --dyad {a}-{b}` lists the per-article reports.")


def dates_cell(dates: list[str], limit: int | None = DATES_SHOWN) -> str:
    """The distinct days of a tie, oldest first; beyond ``limit``, the latest and how many earlier."""
    days = sorted(set(dates))
    if limit is None or len(days) <= limit:
        return ", ".join(days)
    return f"+{len(days) - limit} earlier … " + ", ".join(days[-limit:])


MAX_TOPIC_PERIODS = 12  # beyond this many active periods a topic's line counts by year


def topic_periods(topic: TopicStat) -> str:
    """"2020-06: 4 · 2026-01: 3 · undated: 1": only periods with events, so a long span stays short;
    by year ("2021: 9") when more than ``MAX_TOPIC_PERIODS`` periods have events."""
    if len(topic.periods) > MAX_TOPIC_PERIODS:
        years: dict[str, int] = {}
        for p in topic.periods:
            years[p.period[:4]] = years.get(p.period[:4], 0) + p.events
        parts = [f"{y}: {n}" for y, n in years.items()]
    else:
        parts = [f"{p.period}: {p.events}" for p in topic.periods]
    if topic.undated:
        parts.append(f"undated: {topic.undated}")
    return " · ".join(parts)


def topic_words(topic: TopicStat) -> str:
    """The evidence words most often seen: "energy ×3, power grid ×2, generators"."""
    return ", ".join(w if n == 1 else f"{w} ×{n}" for w, n in topic.words)


def mark_words(sentence: str, words: list[str]) -> list[tuple[str, bool]]:
    """``sentence`` cut into (text, is_evidence) pieces, the evidence ``words`` marked wherever they occur."""
    if not words:
        return [(sentence, False)]
    pattern = re.compile(r"(?<!\w)(?<!\w-)(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                         + r")(?!\w|-\w)", re.IGNORECASE)  # the lexicon's word boundaries
    out: list[tuple[str, bool]] = []
    at = 0
    for m in pattern.finditer(sentence):
        if m.start() > at:
            out.append((sentence[at:m.start()], False))
        out.append((m.group(), True))
        at = m.end()
    if at < len(sentence):
        out.append((sentence[at:], False))
    return out


def snippet(sentence: str, words: list[str], n: int = 110) -> str:
    """At most ``n`` characters of ``sentence``, around its first evidence word, with … where cut."""
    if len(sentence) <= n:
        return sentence
    pieces = mark_words(sentence, words)
    at = 0
    for text, hit in pieces:
        if hit:
            break
        at += len(text)
    else:
        at = 0
    start = max(0, min(at - n // 3, len(sentence) - n))
    out = sentence[start:start + n]
    return ("…" if start else "") + out + ("…" if start + n < len(sentence) else "")


def direction_label(direction: str) -> str:
    return direction.replace("<->", " ↔ ").replace("->", " → ").replace("-", "–")


def doc_line(doc: Document | None, doc_id: str) -> str:
    """doc_origin · title · date: where a reader finds the source."""
    if doc is None:
        return doc_id[:12]
    parts = [doc.doc_origin or doc.origin or doc.id[:12]]
    if doc.title:
        parts.append(doc.title)
    if doc.source:
        parts.append(doc.source)
    parts.append(doc.published.isoformat() if doc.published else "undated")
    return " · ".join(parts)


def quotes(row: EventRow, merged: MergedEvent | None, documents: Mapping[str, Document]) -> list[Quote]:
    """Evidence of an event: each mention inside its sentence, when its document is at hand."""
    if merged is None:
        return [Quote("", text, "", None) for text in row.evidence]
    out: list[Quote] = []
    for span, doc in locate(merged, documents):
        if doc is None:
            out.append(Quote("", span.text, "", None))
            continue
        first, last = mention_sentence(merged.event, span, doc)
        out.append(Quote(doc.text[first:span.start], span.text, doc.text[span.end:last].rstrip(), doc.id))
    return out


def split_mark(sentence: str, evidence: str) -> tuple[str, str, str]:
    """(before, evidence, after) when the evidence lies in its sentence, else ("", sentence, "")."""
    mark = " ".join(evidence.split())
    at = sentence.find(mark) if mark else -1
    if at < 0:
        return "", sentence, ""
    return sentence[:at], mark, sentence[at + len(mark):]


def person(name: str, country: str | None) -> str:
    """"Ilham Aliyev (AZE)"; a bare country is just its code."""
    return name if not country or name == country else f"{name} ({country})"


def who(names: list[str]) -> str:
    return ", ".join(names) if names else "—"


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def title_of(report: DyadReport) -> str:
    return f"{report.a}–{report.b} relationship brief"


def span_of(report: DyadReport) -> str:
    if not report.first:
        return "no dated events"
    return f"{report.first} to {report.last}"


def count_line(report: DyadReport) -> str:
    """Merged events and the per-article reports behind them, so both counts can be told apart."""
    if report.reports and report.reports != report.events:
        return f"{report.events} event(s) (merged from {report.reports} per-article reports: see Coverage and trust)"
    return f"{report.events} event(s)"


def undated_line(report: DyadReport, *, listed: bool = True) -> str:
    """How many counted events have no date; ``listed``: whether the brief's events table holds
    them all (a brief of a big dyad lists its latest events only)."""
    n = len(report.undated)
    if not n:
        return ""
    where = "All events" if listed else "Coverage and trust"
    return f"{n} undated event(s): in no {report.period} and not in the timeline; listed under {where}."


def describe(row: EventRow | None, event_id: str = "") -> str:
    """An event as a reader names it: date, type, who → whom and its trigger words.

    ``2020-06-17 CONSULT Khalaf Khalafov (AZE) → Vasyl Bodnar (UKR) “met”``; the id stays
    a link target or title in the views, never the only thing shown.
    """
    if row is None:
        return event_id
    actors = row.actors[:2] + (["…"] if len(row.actors) > 2 else [])
    recipients = row.recipients[:2] + (["…"] if len(row.recipients) > 2 else [])
    parts = [row.when or "undated", row.counted_type]
    if actors or recipients:
        parts.append(who(actors) + (f" → {who(recipients)}" if recipients else ""))
    if row.trigger:
        parts.append(f"“{row.trigger}”")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Gap:
    """A run of periods without events, shown as one row instead of one row per period."""

    first: str
    last: str
    periods: int

    @property
    def label(self) -> str:
        return self.first if self.first == self.last else f"{self.first} – {self.last}"

    def note(self, period: str) -> str:
        return f"no events ({self.periods} {period}{'s' if self.periods > 1 else ''})"


def period_rows(report: DyadReport) -> list[PeriodStat | Gap]:
    """The periods that have events (one row per direction with events), empty runs as a Gap."""
    keys = list(dict.fromkeys(p.period for p in report.periods))
    busy = {p.period for p in report.periods if p.events}
    out: list[PeriodStat | Gap] = []
    run: list[str] = []
    for key in keys + [None]:
        if key is not None and key not in busy:
            run.append(key)
            continue
        if run:
            out.append(Gap(run[0], run[-1], len(run)))
            run = []
        if key is not None:
            out.extend(p for p in report.periods if p.period == key and p.events)
    return out


def act_label(kind: str, type_: str, mode: str | None) -> str:
    """"planned CONSULT:visit", "decided AID", "agreed" (an AGREE alone)."""
    if type_ == "AGREE" and kind == "agreed":
        return "agreed"
    return f"{kind} {type_}" + (f":{mode}" if mode else "")


def ledger_line(report: DyadReport) -> str:
    """"5 commitments as of 2026-01-29: 1 happened, 1 overdue, 3 pending"."""
    led = report.commitments
    if led is None or not led.items:
        return "No planned, proposed or agreed acts reported."
    from accord.analytics.commitments import STATUS_LABELS

    parts = [f"{led.count(k)} {label}" for k, label in STATUS_LABELS.items() if led.count(k)]
    return f"{len(led.items)} commitment(s) as of {led.as_of or 'the latest report'}: " + ", ".join(parts)


def temperature_line(report: DyadReport) -> str:
    """"Temperature in 2026-01: as usual (+0.28 sd against 8 earlier events; volume ×1.5 ...)"."""
    ch = report.change
    if ch is None or ch.temperature.latest is None:
        return "Temperature: no dated events."
    t = ch.temperature
    if t.value is None:
        return (f"Temperature in {t.latest}: {t.label} ({t.baseline_events} earlier scored event(s); "
                "at least 5 with some spread are needed).")
    vol = f"; volume ×{t.volume_ratio:g} the mean of earlier periods with events" if t.volume_ratio is not None else ""
    return (f"Temperature in {t.latest}: {t.label} ({t.value:+.2f} sd: mean score {t.latest_mean:+.1f} against "
            f"{t.baseline_mean:+.1f} ± {t.baseline_sd:.1f} over {t.baseline_events} earlier events{vol}).")


def quad_delta(d_quads: dict[int, int]) -> str:
    """"Q1 +2 · Q2 +1": the quad classes that moved."""
    return " · ".join(f"Q{q} {n:+d}" for q, n in sorted(d_quads.items()) if n) or "—"


def since(delta: Delta) -> str:
    if delta.previous is None:
        return "first period"
    return f"vs {delta.previous}" + (f" ({delta.quiet} quiet between)" if delta.quiet else "")


def coverage_lines(report: DyadReport) -> list[str]:
    """The coverage section's sentences: merged vs raw counts (said once, here), dating, versions."""
    from accord.analytics.coverage import DATED_LABELS
    from accord.version import __version__

    cov = report.coverage
    if cov is None:
        return []
    out = []
    if cov.reports > cov.events:
        out.append(f"{cov.events} events merged from {cov.reports} per-article reports: an act reported by several "
                   "articles counts once here; `accord dyads` counts the reports.")
    else:
        out.append(f"{cov.events} events, each from one per-article report.")
    dated = [f"{cov.dated_by[k]} ({cov.share(k):.0%}) by {DATED_LABELS[k]}" for k in cov.dated_by if cov.dated_by[k]]
    if dated:
        out.append("Dated: " + "; ".join(dated) + ".")
    named = [(name, n) for name, n in cov.outlets if name != "(not stated)"]
    unnamed = sum(n for name, n in cov.outlets if name == "(not stated)")
    line = f"{len(cov.documents)} document(s)"
    if named:
        line += f" from {len(named)} named outlet(s): " + ", ".join(f"{name} ({n})" for name, n in named)
    if unnamed:
        line += f"{';' if named else ':'} {unnamed} name no outlet"
    out.append(line + "." + (f" {cov.undated_documents} document(s) have no date." if cov.undated_documents else ""))
    versions = ", ".join(cov.extractor_versions) or "not recorded"
    out.append(f"Coded by accord extractor {versions}"
               + (" (more than one: figures mix coders; re-run `accord run` to recode)"
                  if len(cov.extractor_versions) > 1 else "")
               + f"; brief by accord {__version__}.")
    return out


def glance(report: DyadReport) -> list[str]:
    """Three lines for the top of the brief: temperature, commitments, how far dates can be trusted."""
    out = [temperature_line(report), ledger_line(report) + "."]
    cov = report.coverage
    if cov is not None and cov.events:
        out.append(f"{cov.share('text'):.0%} of events dated by their own text, {cov.share('undated'):.0%} undated; "
                   f"{len(cov.documents)} document(s) (see Coverage and trust).")
    return out
