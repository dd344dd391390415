"""Time expressions: find them in a parsed document and resolve them against the document date.

Detection: regular-expression rules built from the word lists in ``data/timex.yaml`` run over
the document text (each only near the words it cannot match without: see "Prefilter") and the
longest non-overlapping matches win. spaCy's annotations decide the doubtful cases: a bare
four-digit number is a year after a temporal preposition or where spaCy tags it DATE, not where
it tags CARDINAL/MONEY or before a plural noun ("2000 soldiers"); a month or weekday inside a
PERSON/ORG/... entity is not a date; "for the year" / "the full year" count only where spaCy
also sees a DATE. spaCy DATE entities that no rule reads are not taken: on
TimeBank/AQUAINT those leftovers are ages, "quarterly", "daily", bare numbers (about one in ten is
a gold date). dateparser's ``search_dates`` is never used: it invents dates from "we" or "the 34th".

Spans follow TimeML: a leading preposition is not part of the span ("by <the end of 2020>",
"in <the coming days>", "since <2014>"), but it sets the kind (``deadline`` after by/until/till/
before, ``interval`` after since/from).

Values (``DateValue``) are ISO at day/month/quarter/year precision. Choices where the model has no
exact fit, all documented in the ``reason`` of each ``Timex``:

* weeks ("last week", "six weeks ago"): month precision, the month holding most of the week's days
  (its Thursday's) when it straddles two; "earlier this week", "later this week", and "this week"
  with a verb in the past or future, the month holding most of the days before (after) the
  anchor; weekends: month precision when both days lie in one month, else year precision;
* seasons ("this summer") and halves ("the second half of 2021"): year precision (a season can
  straddle two months or, for winter, two years; the year is the season's starting year);
* decades and centuries ("the 1990s"): ``value=None`` (reason "decade"/"century");
* "now", "currently", "at present": the document date at day precision;
* "recently", "the past", "the future": ``value=None`` (vague reference, TimeML PAST_REF ...);
* "in the coming days/weeks": the document's month, kind ``interval``, and "in the coming
  months": the document's year (the nearest precision that still contains most of the period);
  "in the coming years" stays ``None``;
* durations ("for many years", "two weeks"): ``value=None``, reason "duration, not a date".

``Timex.timeml`` carries the TimeML-style value (``2020-W25``, ``2020-SU``, ``199``,
``PRESENT_REF`` ...) used by ``accord.evaluate.timex``; the event coder reads ``value``.

Underspecified expressions ("on Monday", "June 17", "in October", "the third quarter") take the
tense of the verb they depend on (``tense_of``; "planned for", "payable", "effective" make it
future; after "until"/"by" the nearest occurrence is taken). The nearest occurrence on the side
the tense asks for wins, but a much nearer one on the other side may beat it ("the offer was
extended to Nov. 20" written on Nov. 2; "expects to report third-quarter results" in October):
see ``_pick``. With no tense, a weekday is the nearest one and a month or date leans to the past;
a possessive weekday ("Tuesday's attack") is the nearest one unless its verb is past.
Anaphoric expressions ("that year", "the following day", "the previous Friday") are resolved
against the last date the document mentioned, else against the anchor; "a year earlier",
"year-ago" and "the 1988 period" in results news shift the last quarter mentioned.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import accumulate
from re import _constants as _re_constants  # type: ignore[attr-defined]  # private: typeshed has no stubs
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Literal

import yaml

from accord import words, yamlfile
from accord.actors.doc_index import children_of, text_of
from accord.actors.gazetteer import fold
from accord.errors import ConfigError
from accord.model import DateValue, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Tense", "Timex", "find_timexes", "resolve", "resolve_timex", "tense_of"]

Tense = Literal["past", "future", "auto"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression found in a document.

    ``value`` is None when the expression is not a date (a duration) or cannot be resolved;
    ``reason`` then says why, and otherwise how the value was obtained. ``timeml`` is the
    TimeML-style normalised value used by the evaluation ("" when there is none).
    """

    span: Span
    value: DateValue | None
    reason: str = ""
    timeml: str = ""


# ---------------------------------------------------------------------------------------------
# Granules: the unit a time expression denotes, before it becomes a DateValue.
# ("day", date) | ("week", iso_year, iso_week) | ("weekend", iso_year, iso_week)
# ("month", y, m) | ("quarter", y, q) | ("half", y, h) | ("season", y, code) | ("year", y)
# ("decade", first three digits) | ("century", first two digits)
# ---------------------------------------------------------------------------------------------
Gran = tuple[Any, ...]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14 = Feb next year


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _bounds(g: Gran) -> tuple[dt.date, dt.date]:
    kind = g[0]
    if kind == "day":
        return g[1], g[1]
    if kind in ("week", "weekend"):
        monday = dt.date.fromisocalendar(g[1], g[2], 1)
        if kind == "weekend":
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if kind == "month":
        return dt.date(g[1], g[2], 1), _month_end(g[1], g[2])
    if kind == "quarter":
        m0 = 3 * (g[2] - 1) + 1
        return dt.date(g[1], m0, 1), _month_end(g[1], m0 + 2)
    if kind == "half":
        m0 = 6 * (g[2] - 1) + 1
        return dt.date(g[1], m0, 1), _month_end(g[1], m0 + 5)
    if kind == "season":
        a, b = _SEASON_MONTHS[g[2]]
        ey, em = _add_months(g[1], 1, b - 1)
        return dt.date(g[1], a, 1), _month_end(ey, em)
    if kind == "year":
        return dt.date(g[1], 1, 1), dt.date(g[1], 12, 31)
    if kind == "decade":
        return dt.date(max(1, g[1] * 10), 1, 1), dt.date(g[1] * 10 + 9, 12, 31)
    if kind == "century":
        return dt.date(max(1, g[1] * 100), 1, 1), dt.date(g[1] * 100 + 99, 12, 31)
    raise ValueError(f"unknown granule {g!r}")


def _shift(g: Gran, n: int) -> Gran:
    """Move a granule by ``n`` of its own units."""
    kind = g[0]
    if kind == "day":
        return ("day", g[1] + dt.timedelta(days=n))
    if kind in ("week", "weekend"):
        d = dt.date.fromisocalendar(g[1], g[2], 1) + dt.timedelta(weeks=n)
        iso = d.isocalendar()
        return (kind, iso[0], iso[1])
    if kind == "month":
        return ("month", *_add_months(g[1], g[2], n))
    if kind == "quarter":
        k = g[1] * 4 + g[2] - 1 + n
        return ("quarter", k // 4, k % 4 + 1)
    if kind == "half":
        k = g[1] * 2 + g[2] - 1 + n
        return ("half", k // 2, k % 2 + 1)
    if kind == "season":
        return ("season", g[1] + n, g[2])
    if kind in ("year", "decade", "century"):
        return (kind, g[1] + n)
    raise ValueError(f"unknown granule {g!r}")


def _shift_years(g: Gran, n: int) -> Gran:
    """Move a granule by ``n`` years, keeping its granularity."""
    kind = g[0]
    if kind == "day":
        d = g[1]
        try:
            return ("day", d.replace(year=d.year + n))
        except ValueError:  # 29 February
            return ("day", d.replace(year=d.year + n, day=28))
    if kind in ("week", "weekend"):
        return _shift(g, 52 * n)
    if kind == "month":
        return ("month", g[1] + n, g[2])
    if kind == "quarter":
        return ("quarter", g[1] + n, g[2])
    if kind in ("half", "season"):
        return (kind, g[1] + n, g[2])
    if kind == "year":
        return ("year", g[1] + n)
    return g


def _week_of(d: dt.date, kind: str = "week") -> Gran:
    iso = d.isocalendar()
    return (kind, iso[0], iso[1])


def _quarter_of(d: dt.date) -> Gran:
    return ("quarter", d.year, (d.month - 1) // 3 + 1)


def _season_of(d: dt.date) -> Gran:
    for code, (a, b) in _SEASON_MONTHS.items():
        if a <= d.month <= b:
            return ("season", d.year, code)
    return ("season", d.year - 1, "WI")  # January, February


def _timeml(g: Gran, tod: str | None = None) -> str:
    kind = g[0]
    if kind == "day":
        return g[1].isoformat() + (f"T{tod}" if tod else "")
    if kind == "week":
        return f"{g[1]:04d}-W{g[2]:02d}"
    if kind == "weekend":
        return f"{g[1]:04d}-W{g[2]:02d}-WE"
    if kind == "month":
        return f"{g[1]:04d}-{g[2]:02d}"
    if kind == "quarter":
        return f"{g[1]:04d}-Q{g[2]}"
    if kind == "half":
        return f"{g[1]:04d}-H{g[2]}"
    if kind == "season":
        return f"{g[1]:04d}-{g[2]}"
    if kind == "year":
        return f"{g[1]:04d}"
    if kind == "decade":
        return f"{g[1]:03d}"
    if kind == "century":
        return f"{g[1]:02d}"
    raise ValueError(f"unknown granule {g!r}")


def _date_value(g: Gran) -> tuple[DateValue | None, str]:
    """The DateValue for a granule, and a note when the precision is an approximation.

    Raises ValueError for a year outside 1-9999 ("three years ago" in a text dated 0001-01-01):
    no calendar date, and ``_resolve_match`` turns it into "date out of range"."""
    kind = g[0]
    if kind not in ("decade", "century") and not 1 <= (g[1].year if kind == "day" else g[1]) <= 9999:
        raise ValueError(f"year out of range in {g!r}")
    if kind == "day":
        return DateValue(g[1].isoformat(), "day", "point"), ""
    if kind in ("week", "weekend"):
        a, b = _bounds(g)
        if (a.year, a.month) == (b.year, b.month):
            return DateValue(f"{a.year:04d}-{a.month:02d}", "month", "interval"), f"{kind} given at month precision"
        thursday = dt.date.fromisocalendar(g[1], g[2], 4)
        if kind == "week":
            # the month holding most of its days (that of its Thursday, as ISO gives a week its year)
            return (DateValue(f"{thursday.year:04d}-{thursday.month:02d}", "month", "interval"),
                    "week spans two months: the month holding most of its days")
        return DateValue(f"{thursday.year:04d}", "year", "interval"), f"{kind} spans two months: year precision"
    if kind == "month":
        return DateValue(f"{g[1]:04d}-{g[2]:02d}", "month", "interval"), ""
    if kind == "quarter":
        return DateValue(f"{g[1]:04d}-Q{g[2]}", "quarter", "interval"), ""
    if kind == "half":
        return DateValue(f"{g[1]:04d}", "year", "interval"), "half-year given at year precision"
    if kind == "season":
        return DateValue(f"{g[1]:04d}", "year", "interval"), "season given at year precision"
    if kind == "year":
        return DateValue(f"{g[1]:04d}", "year", "interval"), ""
    return None, kind  # decade, century: no DateValue precision fits


# ---------------------------------------------------------------------------------------------
# Results and context
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Res:
    timeml: str
    value: DateValue | None
    reason: str
    gran: Gran | None = None
    duration: bool = False
    anchoring: bool = True  # may serve as the reference for later anaphora


class _NoAnchor(Exception):
    pass


@dataclass(slots=True)
class _Ctx:
    anchor: dt.date | None
    text: str  # the whole text searched (document or expression)
    strict: bool  # detection (True) or resolving a given expression (False)
    ref: Gran | None = None
    ref_quarter: Gran | None = None  # the last quarter mentioned ("a year earlier" in earnings news)
    tense_fn: Callable[[], Tense] | None = None
    fixed_tense: Tense = "auto"
    prev: str = ""  # lower-cased words just before the match
    nxt: str = ""  # text just after the match
    _tense: Tense | None = field(default=None)

    def need_anchor(self) -> dt.date:
        if self.anchor is None:
            raise _NoAnchor
        return self.anchor

    def tense(self) -> Tense:
        if self._tense is None:
            self._tense = self.tense_fn() if self.tense_fn else self.fixed_tense
        return self._tense

    def reference(self) -> Gran:
        if self.ref is not None:
            return self.ref
        return ("day", self.need_anchor())


def _res(g: Gran, reason: str, *, tod: str | None = None, anchoring: bool = True) -> _Res:
    value, note = _date_value(g)
    if value is None:
        return _Res(_timeml(g), None, f"{note}: {reason}" if reason else note, g, anchoring=anchoring)
    if note:
        reason = f"{reason}; {note}" if reason else note
    return _Res(_timeml(g, tod), value, reason, g, anchoring=anchoring)


def _pick(cands: list[Gran], anchor: dt.date, tense: str, *, strict: bool = False, period: int = 365) -> Gran:
    """Choose among the occurrences of an underspecified expression ("Friday", "June 17", "Q3").

    ``strict`` ("last Friday", "next April"): the latest occurrence ending before the anchor
    (past) or the earliest starting after it (future). Otherwise the nearest occurrence wins, with
    extra cost, in days, for an occurrence on the unexpected side of the anchor:

    * past tense, later occurrence: ``0.8 * period`` (only a date just ahead beats a date a year
      back: "the offer was extended to Nov. 20" written on Nov. 2);
    * future tense, earlier occurrence: ``period / 6`` (reports announced for a period that has
      just ended: "expects to report third-quarter results" in October);
    * no tense ("auto"), later occurrence: ``period / 3`` for yearly cycles (news mostly reports
      the past); half a day for weekdays (the nearest one, ties to the past);
    * "nearest" (after until/by, or a possessive "Wednesday's ruling"): none.

    The first two are at least 7 days, so that a weekday always follows a known tense. ``period``
    is the cycle of the expression: 7 for weekdays, 365 for months, quarters, seasons and dates.
    """
    spans = [(c, *_bounds(c)) for c in cands]
    if strict and tense in ("past", "future"):
        ok = [s for s in spans if (s[2] < anchor if tense == "past" else s[1] > anchor)]
        if ok:
            return (max(ok, key=lambda s: s[1]) if tense == "past" else min(ok, key=lambda s: s[1]))[0]

    def cost(s: tuple[Gran, dt.date, dt.date]) -> tuple[float, dt.date]:
        _, a, b = s
        if a <= anchor <= b:
            return 0.0, a
        d = float(min(abs((a - anchor).days), abs((b - anchor).days)))
        future = a > anchor
        if tense == "past" and future:
            d += max(7.0, 0.8 * period)
        elif tense == "future" and not future:
            d += max(7.0, period / 6)
        elif tense == "auto" and future:
            d += period / 3 if period > 7 else 0.5
        return d, a

    return min(spans, key=cost)[0]


def _years_around(anchor: dt.date, make: Callable[[int], Gran | None]) -> list[Gran]:
    out = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        g = make(y)
        if g is not None:
            out.append(g)
    return out


# ---------------------------------------------------------------------------------------------
# Lexicon and rule patterns
# ---------------------------------------------------------------------------------------------
def _alt(words: Any) -> str:
    """A non-capturing alternation of phrases, longest first; spaces, hyphens and apostrophes flexible."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        p = re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]").replace("'", "['’]")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], _Ctx], _Res | None]
    check: Callable[[re.Match[str], _Ctx], bool] | None = None
    weak: bool = False  # a bare number-like match that spaCy may veto
    needs_date_ent: bool = False  # only where spaCy also sees a DATE entity ("for the year")
    scan: _Scan | None = None  # where in a text the rule can match (see "Prefilter"); None: everywhere


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    numbers: dict[str, int]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    holidays: dict[str, str]
    computed_holidays: frozenset[str]
    refs: dict[str, str]  # phrase -> PRESENT_REF | PAST_REF | FUTURE_REF
    deadline_preps: tuple[str, ...]
    since_preps: tuple[str, ...]
    rules: tuple[_Rule, ...] = ()
    anchor_index: _AnchorIndex | None = None  # the anchors of the rules' scans


@functools.cache
def _lexicon() -> _Lexicon:
    try:
        raw = yamlfile.safe_load(resources.files("accord").joinpath("data/timex.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:  # pragma: no cover - install problem
        raise ConfigError(f"cannot read accord/data/timex.yaml ({exc}); reinstall accord") from exc
    weekdays = dict(raw["weekdays"])
    weekdays.update({f"{k}.": v for k, v in raw["weekday_abbreviations"].items()})
    refs: dict[str, str] = {}
    for key, tag in (("present_ref", "PRESENT_REF"), ("past_ref", "PAST_REF"), ("future_ref", "FUTURE_REF")):
        for phrase in raw[key]:
            refs[phrase.lower()] = tag
    lex = _Lexicon(
        months={k.lower(): int(v) for k, v in raw["months"].items()},
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays=weekdays,
        seasons=dict(raw["seasons"]),
        parts_of_day=dict(raw["parts_of_day"]),
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        vague=frozenset(raw["vague_quantities"]),
        ordinals={k.lower(): int(v) for k, v in raw["ordinals"].items()},
        units=dict(raw["units"]),
        holidays={k.lower(): str(v) for k, v in raw["holidays"].items()},
        computed_holidays=frozenset(raw["computed_holidays"]),
        refs=refs,
        deadline_preps=tuple(sorted(raw["deadline_prepositions"], key=len, reverse=True)),
        since_preps=tuple(sorted(raw["since_prepositions"], key=len, reverse=True)),
    )
    rules, index = _planned(_build_rules(lex))
    return replace(lex, rules=rules, anchor_index=index)


# --- small parsers ----------------------------------------------------------------------------
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _number(text: str, lex: _Lexicon) -> int | None:
    """'24', 'two', 'twenty-four', 'a' -> int; vague quantities -> None."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t.replace(",", "").isdigit():
        return int(t.replace(",", ""))
    if t in lex.vague:
        return None
    total = 0
    for part in re.split(r"[-\s]+", t):
        if part in ("and",):
            continue
        if part not in lex.numbers:
            return None
        v = lex.numbers[part]
        total = total * v if v == 100 and total else total + v
    return total or None


_SMALL = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")


def _spelled_year(text: str) -> int | None:
    t = re.sub(r"[-\s]+", " ", text.lower().replace("the year ", "")).strip()
    words = t.split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        if not rest:
            return 2000
        n = _small_number(rest)
        return None if n is None else 2000 + n
    if words[0] == "nineteen":
        rest = words[1:]
        if rest == ["hundred"]:
            return 1900
        n = _small_number(rest)
        return None if n is None or n < 10 else 1900 + n
    return None


def _small_number(words: list[str]) -> int | None:
    if len(words) == 1:
        w = words[0]
        if w in _SMALL:
            return _SMALL.index(w) + 1
        if w in _TEENS:
            return _TEENS.index(w) + 10
        if w in _TENS:
            return (_TENS.index(w) + 2) * 10
        return None
    if len(words) == 2 and words[0] in _TENS and words[1] in _SMALL:
        return (_TENS.index(words[0]) + 2) * 10 + _SMALL.index(words[1]) + 1
    return None


def _year(text: str | None, anchor: dt.date | None) -> int | None:
    if not text:
        return None
    t = text.strip()
    if t[0] in "'’":
        yy = int(t[1:3])
        if anchor is None:
            return 1900 + yy
        century = anchor.year // 100 * 100
        y = century + yy
        return y if y <= anchor.year + 10 else y - 100
    if t[:4].isdigit():
        return int(t[:4])
    return _spelled_year(t)


def _norm(s: str | None) -> str:
    # the gazetteer's lookup key serves the time words too: lower case, quotes unified,
    # hyphens and runs of spaces as one space ("twenty-first" -> "twenty first")
    return fold(s or "")


def _month_num(text: str, lex: _Lexicon) -> int:
    return lex.months[text.lower().rstrip(".")]


def _day_num(text: str, lex: _Lexicon) -> int | None:
    t = _norm(text)
    m = re.match(r"\d+", t)
    if m:
        return int(m.group())
    return lex.ordinals.get(t.replace(" ", "-")) or lex.ordinals.get(t)


_DEICTIC_SHIFT = {
    "this": 0, "the current": 0, "the present": 0, "current": 0,
    "last": -1, "the past": -1, "the previous": -1, "the prior": -1, "the preceding": -1,
    "the last": -1, "the latest": -1, "this past": -1, "past": -1, "previous": -1,
    "next": 1, "the coming": 1, "this coming": 1, "coming": 1,
}
_ANAPHORIC_SHIFT = {"that": 0, "the same": 0, "the very same": 0, "the following": 1, "the next": 1}


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------
_B = r"(?<![\w$€£¥&/@#])(?<![A-Za-z]-)"
_E = r"(?!\w)"
_TEMPORAL_PREPS = {
    "in", "on", "at", "since", "by", "until", "till", "through", "throughout", "during", "of",
    "from", "to", "before", "after", "between", "and", "or", "early", "late", "mid", "last",
    "next", "this", "for", "over", "around", "about", "as", "than", "into", "within", "starting",
    "beginning", "ending", "every", "each", "nor", "past", ",",
}


def _build_rules(lex: _Lexicon) -> tuple[_Rule, ...]:
    full_months = [k for k in lex.months if len(k) > 4 or k in ("may", "june", "july")]
    abbr_months = [k for k in lex.months if k not in full_months]
    MON = f"(?:{_alt(full_months)}|{_alt(abbr_months)}\\.?)"  # before a day or year
    MON1 = f"(?:{_alt(full_months)}|{_alt(abbr_months)}\\.)"  # standing alone
    wd_full = [k for k in lex.weekdays if not k.endswith(".")]
    wd_abbr = [k[:-1] for k in lex.weekdays if k.endswith(".")]
    WD = f"(?:{_alt(wd_full)}|{_alt(wd_abbr)}\\.)"
    DAYN = (r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
            r"(?!\d|[.,:]\d|\s*(?:%|percent|per\s+cent|million|billion|thousand|times|points?|people|troops)\b)")
    DAYW = _alt(lex.ordinals)
    tens = "|".join(_TENS)
    small = "|".join(_SMALL)
    teens = "|".join(_TEENS)
    SPYEAR = (rf"(?:nineteen[-\s]+(?:hundred|{teens}|(?:{tens})(?:[-\s]+(?:{small}))?)"
              rf"|two[-\s]+thousand(?:(?:[-\s]+and)?[-\s]+(?:{teens}|{small}|twenty(?:[-\s]+(?:{small}))?))?)")
    YEAR = rf"(?:(?:1[6-9]|20)\d\d(?!\d|[.,]\d|\s*(?:%|percent|per\s+cent))|{SPYEAR}(?![-\w]))"
    YEAR2 = r"['’]\d\d(?!\w)"
    NUMW = rf"(?:(?:{tens})(?:[-\s](?:{small}))?|{_alt([k for k in lex.numbers if k not in _TENS])})"
    NUM = rf"(?:\d+(?:\.\d+)?|{NUMW}(?:\s+and\s+a\s+half)?)"
    VAGUE = _alt(lex.vague)
    APPROX = (r"(?:about|nearly|almost|some|more\s+than|less\s+than|roughly|approximately|just|"
              r"only|over|around|at\s+least|barely|fully|exactly|under|well\s+over|close\s+to)")
    MOD = (r"(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|middle|end|close|turn|rest|remainder|"
           r"balance|(?:first|early|latter|later|last|final)\s+(?:part|days|weeks|months))\s+of\s+"
           r"|(?:early|late|earlier|later|mid)\s+in\s+|(?:earlier|later)\s+|(?:early|late)(?:\s+|-)"
           r"|mid(?:-|\s+)|middle\s+|end-|start-)")
    SEASON = _alt(lex.seasons)
    DECADEW = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    TOD = _alt(lex.parts_of_day)
    RELYEAR = r"(?:this|last|next)\s+year"
    QORD = (r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|past|"
            r"prior|year[-\s]earlier|year[-\s]ago|same|comparable|corresponding|next|coming|recent|"
            r"most\s+recent|june|september|december|march)")
    HOL = _alt(list(lex.holidays) + list(lex.computed_holidays))
    UNIT = r"(?:days?|weeks?|months?|quarters?|years?|decades?|century|centuries)"

    def rx(p: str) -> re.Pattern[str]:
        return re.compile(p, re.IGNORECASE)

    rules = [
        _Rule("iso", rx(rf"{_B}(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
              _r_iso),
        _Rule("numeric", rx(rf"{_B}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)"
                            r"(?P<y>(?:1[6-9]|20)\d\d|\d\d)(?!\d|[./]\d)"),
              _r_numeric),
        _Rule("month_day", rx(
            rf"{_B}(?:(?P<det>this\s+coming|this\s+past|this|last|next|coming)\s+)?"
            rf"(?:(?P<wd>{WD})\s*,?\s+(?:the\s+)?)?(?P<mon>{MON})\s+(?:the\s+)?(?P<d>{DAYN}|{DAYW})"
            rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}|{YEAR2}))?{_E}"), _r_month_day, _c_month_day),
        _Rule("day_month", rx(
            rf"{_B}(?:(?P<wd>{WD})\s*,?\s+)?(?:the\s+)?(?:(?P<d>{DAYN})\s+(?:of\s+)?|(?P<dw>{DAYW})\s+of\s+)"
            rf"(?P<mon>{MON})(?:\s*,?\s*(?P<y>{YEAR}|{YEAR2}))?{_E}"), _r_month_day, _c_month_day),
        _Rule("month_year", rx(
            rf"{_B}(?P<mod>{MOD})?(?P<mon>{MON})(?:\s*,\s*|\s+of\s+|\s+)(?P<y>{YEAR}|{YEAR2}){_E}"),
              _r_month_year, _c_month),
        _Rule("month", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<det>this\s+past|this\s+coming|this|last|next|the\s+coming|"
            rf"coming|the\s+past|past)\s+)?(?P<mon>{MON1})(?:\s+(?P<rel>{RELYEAR}))?{_E}"),
              _r_month, _c_month),
        _Rule("half", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<det>the|this|its|their|last|next)\s+)?"
            rf"(?:(?P<yq>(?:fiscal\s+)?{YEAR}|{RELYEAR})(?:['’]s)?\s+)?(?:(?:fiscal|calendar)[-\s]+)?"
            rf"(?P<ord>first|second|1st|2nd|last|latter|back)[-\s]+half"
            rf"(?:\s+of\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<yo>{YEAR}|{RELYEAR}|year|decade)"
            rf"|(?P<dec>(?:1[0-9]|20)\d0s|['’]\d0s|{DECADEW})))?{_E}"), _r_half, _c_half),
        _Rule("quarter", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<det>the|this|that|its|their|his|her|our|last|next|a)\s+)?"
            rf"(?:(?P<yq>(?:fiscal\s+)?{YEAR}|{RELYEAR})(?:['’]s)?\s+)?"
            rf"(?:(?P<cmp>comparable|same|corresponding)\s+)?(?:(?:fiscal|calendar)[-\s]+)?"
            rf"(?:(?P<ord>{QORD})[-\s]+(?:(?P<ord2>{QORD})[-\s]+)?)?(?:(?:fiscal|calendar)[-\s]+)?"
            rf"quarter(?:\s+of\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:year\s+)?(?P<yo>{YEAR}|{RELYEAR}|year))?{_E}"),
              _r_quarter, _c_quarter),
        _Rule("qnum", re.compile(
            rf"{_B}(?:(?P<y1>(?:1[6-9]|20)\d\d)\s*)?Q(?P<q>[1-4])(?:(?:\s+of)?\s*(?P<y2>(?:1[6-9]|20)\d\d|['’]\d\d))?{_E}"),
              _r_qnum),
        _Rule("season", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<det>this\s+past|this\s+coming|this|last|next|the|that|coming|past)\s+)?"
            rf"(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}|{YEAR2})|\s+(?P<rel>{RELYEAR}))?{_E}"),
              _r_season, _c_season),
        _Rule("year", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<pre>the\s+(?:fiscal\s+|calendar\s+)?year|fiscal(?:\s+year)?|calendar(?:\s+year)?|FY)\s*)?"
            rf"(?P<y>{YEAR}){_E}"), _r_year, weak=True),
        _Rule("decade", rx(
            rf"{_B}(?P<mod>{MOD})?(?:(?P<the>the)\s+)?(?:(?P<mod2>early|mid|late)[-\s]?)?"
            rf"(?P<dec>(?:1[0-9]|20)\d0s|['’]\d0s|{DECADEW}){_E}"), _r_decade, _c_decade),
        _Rule("century", rx(
            rf"{_B}(?P<mod>{MOD})?(?:the\s+)?(?:(?P<mod2>early|mid|late)[-\s]?)?"
            rf"(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{DAYW})[-\s]century{_E}"), _r_century),
        _Rule("relative", rx(
            rf"{_B}(?P<mod>{MOD})?(?P<det>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+previous|"
            rf"the\s+current|the\s+present|the\s+coming|the\s+following|the\s+next|the\s+very\s+same|the\s+same|"
            rf"the\s+prior|the\s+preceding|the\s+last|the\s+latest|that|the)[-\s]+(?:(?P<fis>fiscal|calendar)\s+)?"
            rf"(?P<unit>day|week|weekend|month|year|decade|century)(?:\s+or\s+so)?{_E}"), _r_relative, _c_relative),
        _Rule("the_unit", rx(rf"{_B}the\s+(?:(?:full|whole|entire)\s+)?(?P<unit>year|week|month){_E}"),
              _r_the_unit, needs_date_ent=True),
        _Rule("part_of_day", rx(
            rf"{_B}(?P<det>that|the\s+next|the\s+following|the\s+previous|the\s+same)\s+(?P<tod>{TOD}){_E}"),
              _r_part_of_day),
        _Rule("latest_period", rx(rf"{_B}the\s+(?P<det>latest|most\s+recent|current|same)\s+period{_E}"),
              _r_latest_period),
        _Rule("unit_end", rx(rf"{_B}(?:(?P<the>the)\s+)?(?P<unit>year|month|quarter)(?:-|\s+|['’]s\s+)end{_E}"),
              _r_unit_end),
        _Rule("deictic", rx(
            rf"{_B}(?P<mod>(?:early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|"
            rf"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|this\s+(?:morning|afternoon|evening)|"
            rf"last\s+night)(?:\s+(?P<tod>{TOD}))?{_E}"), _r_deictic, _c_deictic),
        _Rule("weekday", rx(
            rf"{_B}(?P<mod>(?:early|late|earlier|later)\s+)?(?:(?P<det>this\s+past|this\s+coming|this|last|next|coming|past|the\s+previous|the\s+following|the\s+next|that)\s+)?"
            rf"(?P<wd>{WD})(?:\s+(?P<tod>{TOD}))?(?:\s+(?P<wk>of\s+(?:this|last|next)\s+week))?{_E}"),
              _r_weekday, _c_weekday),
        _Rule("ago", rx(
            rf"{_B}(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUM}|{VAGUE})[-\s]+(?P<unit>{UNIT})\s+(?:or\s+so\s+)?"
            rf"(?P<dir>ago|earlier|before|later|after|from\s+now|hence|back|previously|prior){_E}"),
              _r_ago, _c_ago),
        _Rule("unit_before", rx(
            rf"{_B}the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later){_E}"),
              _r_ago, _c_ago),
        _Rule("year_ago", rx(
            rf"{_B}(?:the\s+(?:(?:comparable|same|corresponding)\s+)?year[-\s](?:earlier|ago)\s+(?P<what>period|quarter|month|time)"
            rf"|year[-\s](?:earlier|ago)(?:\s+(?P<what2>period|quarter|month|time))?){_E}"), _r_year_ago),
        _Rule("same_period", rx(
            rf"{_B}the\s+(?:(?:same|corresponding|comparable|year-earlier|year-ago)\s+)?(?P<what>period|quarter|month|time|week)\s+"
            rf"(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year){_E}"), _r_year_ago),
        _Rule("year_period", rx(rf"{_B}the\s+(?P<y>{YEAR})\s+(?P<what>period|quarter|first\s+half|second\s+half){_E}"),
              _r_year_period),
        _Rule("holiday", rx(
            rf"{_B}(?:(?P<det>last|next|this)\s+)?(?P<h>{HOL})(?:\s+(?P<y>{YEAR}))?{_E}"), _r_holiday, _c_holiday),
        _Rule("ref", rx(rf"{_B}(?P<w>{_alt(lex.refs)}){_E}"), _r_ref, _c_ref),
        _Rule("duration", rx(
            rf"{_B}(?:(?P<det>the|a|an)\s+)?(?:(?P<pre>past|last|next|previous|coming|first|following|final|"
            rf"same|entire|whole|full|better\s+part\s+of\s+(?:the|a))\s+)?(?:(?P<approx>{APPROX})\s+)?"
            rf"(?:(?P<n>{NUM}|{VAGUE})[-\s]+)?(?:full\s+)?"
            rf"(?P<unit>minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|century|centuries)"
            rf"(?:[-\s]long)?{_E}"), _r_duration, _c_duration),
    ]
    return tuple(rules)


# --- checks (detection only; resolving a given expression skips context checks) -------------
def _prev_word(ctx: _Ctx) -> str:
    words = ctx.prev.split()
    return words[-1].lower() if words else ""


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _c_month_day(m: re.Match[str], ctx: _Ctx) -> bool:
    lex = _lexicon()
    mon = m.group("mon")
    if not ctx.strict:
        return True
    if not _capitalised(mon):
        return False
    d = _day_num(m.group("d") or m.group("dw") or "", lex)
    if d is None or not 1 <= d <= 31:
        return False
    return True


def _c_month(m: re.Match[str], ctx: _Ctx) -> bool:
    if not ctx.strict:
        return True
    lex = _lexicon()
    mon = m.group("mon")
    if not _capitalised(mon):
        return False
    key = mon.lower().rstrip(".")
    gd = m.groupdict()
    has_context = bool(gd.get("mod") or gd.get("det") or gd.get("rel") or gd.get("y"))
    if key in lex.ambiguous_months and not has_context:
        # "march"/"may" as words are lower case mid-sentence; at a sentence start ask for context
        before = ctx.prev.rstrip(" \t\"“”`([")
        return _prev_word(ctx) in _TEMPORAL_PREPS or (bool(before) and before[-1] not in ".!?:;\n")
    if not has_context and re.match(r"\s+[A-Z][a-z]", ctx.nxt) and _prev_word(ctx) not in _TEMPORAL_PREPS:
        return False  # "June Carter", "August Wilson"
    return True


def _c_half(m: re.Match[str], ctx: _Ctx) -> bool:
    o = m.group("ord").lower()
    if o in ("last", "latter", "back") and not (m.group("yo") or m.group("dec")):
        return False
    return True


def _c_quarter(m: re.Match[str], ctx: _Ctx) -> bool:
    gd = m.groupdict()
    det = (gd.get("det") or "").lower()
    if det == "a" and not gd.get("ord"):
        return False  # "a quarter of the vote"
    if not (det or gd.get("ord") or gd.get("yq") or gd.get("yo") or gd.get("cmp")):
        return False
    bare = not (gd.get("ord") or gd.get("yq"))
    if ctx.strict and bare and re.match(r"\s+of\b", ctx.nxt, re.I):
        return False  # "the quarter of a century"
    if ctx.strict and re.match(r"\s*(?:-(?:to|on|over)-|-?\s*(?:mile|point|pound|inch|hour|century|million|billion|percent)s?\b)",
                               ctx.nxt, re.I):
        return False
    ords = [(gd.get("ord") or "").lower(), (gd.get("ord2") or "").lower()]
    if any(o in ("june", "september", "december", "march") for o in ords):
        return ords[0] in ("june", "september", "december", "march") and bool(gd.get("det") or gd.get("yq"))
    return True


def _c_season(m: re.Match[str], ctx: _Ctx) -> bool:
    if not ctx.strict:
        return True
    det = _norm(m.group("det"))
    s = m.group("s").lower()
    strong = (det in ("this past", "this coming", "this", "last", "next", "coming", "past")
              or m.group("y") or m.group("rel") or m.group("mod"))
    if not strong:
        if re.match(r"\s+(?:of|in|to|from|on|by|at|for|was|is|has|had)\b", ctx.nxt, re.I):
            return False  # "the fall of the wall", "the fall in prices"
        if _capitalised(m.group("s")) and _title_like(m, ctx):
            return False  # "Arab Spring"
        if s == "fall" and det != "the":
            return False
        return _prev_word(ctx) in _TEMPORAL_PREPS
    return True


def _c_decade(m: re.Match[str], ctx: _Ctx) -> bool:
    dec = m.group("dec")
    if dec[0].isdigit():
        return True
    return bool(m.group("the"))  # "the eighties", not "in her eighties"


def _c_relative(m: re.Match[str], ctx: _Ctx) -> bool:
    if ctx.strict and _title_like(m, ctx):
        return False
    det = _norm(m.group("det"))
    unit = m.group("unit").lower()
    if det == "the":
        return bool(m.group("mod")) or unit == "weekend" or bool(m.group("fis"))
    if unit == "day":
        return det in _ANAPHORIC_SHIFT or det in ("the previous", "the prior", "the preceding")
    if ctx.strict and unit in ("year", "month", "week") and re.match(r"\s+of\b", ctx.nxt, re.I) and det.startswith("the "):
        return False  # "the next month of talks"
    return True


def _title_like(m: re.Match[str], ctx: _Ctx) -> bool:
    """'"This Week" With David Brinkley', 'VOA Today': capitalised words inside a name or title."""
    words = m.group().split()
    if not words[0][:1].isupper():
        return False
    before = ctx.prev.rstrip(" \t\"“”`([")
    if not before or before[-1] in ".!?:;\n":
        return False  # sentence start
    if len(words) >= 2:
        return all(w[:1].isupper() for w in words)
    prev = before.split()[-1]
    return prev[:1].isupper() and prev.isalpha()


def _c_deictic(m: re.Match[str], ctx: _Ctx) -> bool:
    return not (ctx.strict and _title_like(m, ctx))


def _c_weekday(m: re.Match[str], ctx: _Ctx) -> bool:
    if not ctx.strict:
        return True
    if not _capitalised(m.group("wd")):
        return False
    # "the Sunday Times", "the Monday Club": a name, not a day
    return not (_prev_word(ctx) == "the" and not m.group("det") and re.match(r"\s+[A-Z][a-z]", ctx.nxt))


def _c_ago(m: re.Match[str], ctx: _Ctx) -> bool:
    direction = _norm(m.group("dir"))
    if direction in ("before", "after", "prior", "back", "previously") and ctx.strict:
        # "two years before the war" is a duration anchored on an event, not a date
        return bool(re.match(r"\s*(?:[,.;:)!?\"”]|$|and\b|but\b|when\b|that\b)", ctx.nxt))
    return True


def _c_holiday(m: re.Match[str], ctx: _Ctx) -> bool:
    return not ctx.strict or _capitalised(m.group("h"))


def _c_ref(m: re.Match[str], ctx: _Ctx) -> bool:
    w = _norm(m.group("w"))
    if not ctx.strict:
        return True
    if w == "current":
        # the adjective only where it dates something: "current prices", not "current account"
        return not re.match(r"\s+(?:account|affairs|events|president|prime|minister|chairman|government|leader|"
                            r"members?|head|director|chief|owner|law|rules?|system|crisis|policy|situation|"
                            r"state|form|version|model|proposal|talks|conflict|war|regime|administration)\b",
                            ctx.nxt, re.I)
    if w == "future" and re.match(r"\s+(?:of|generations?|tense)\b", ctx.nxt, re.I):
        return False
    if w == "now" and re.match(r"\s*-", ctx.nxt):
        return False
    if w == "the past" and re.match(r"\s+(?:few|several|two|three|four|five|\d)", ctx.nxt, re.I):
        return False
    return True


def _c_duration(m: re.Match[str], ctx: _Ctx) -> bool:
    unit = m.group("unit").lower()
    n = m.group("n")
    if ctx.strict and re.match(r"[-\s]+old\b|\s+of\s+age\b", ctx.nxt, re.I):
        return False  # ages: "40 years old", "a 40-year-old"
    if unit.startswith("quarter") and not m.group("pre"):
        return False  # "three quarters of", "a quarter"
    if n:
        return True
    plural = unit.endswith("s")
    return bool(m.group("pre") and plural) or (plural and _prev_word(ctx) in ("for", "over", "in", "within", "during"))


# --- resolvers --------------------------------------------------------------------------------
def _explicit(g: Gran, text: str) -> _Res:
    return _res(g, f"explicit date '{text}'")


def _r_iso(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    try:
        d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _explicit(("day", d), m.group())


def _r_numeric(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    a, b = int(m.group("a")), int(m.group("b"))
    if m.group("sep") == "/":
        month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    else:
        month, day = (b, a) if b <= 12 else (a, b)  # European d.m.y
    y = int(m.group("y"))
    if y < 100:
        y = _year(f"'{m.group('y')}", ctx.anchor) or 1900 + y
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return _explicit(("day", d), m.group())


def _r_month_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    lex = _lexicon()
    month = _month_num(m.group("mon"), lex)
    day = _day_num(m.groupdict().get("d") or m.groupdict().get("dw") or "", lex)
    if day is None:
        return None
    y = _year(m.group("y"), ctx.anchor)
    if y is not None:
        try:
            return _explicit(("day", dt.date(y, month, day)), m.group())
        except ValueError:
            return None
    anchor = ctx.need_anchor()

    def make(yr: int) -> Gran | None:
        try:
            return ("day", dt.date(yr, month, day))
        except ValueError:
            return None

    cands = _years_around(anchor, make)
    if not cands:
        return None
    wd_text = m.groupdict().get("wd")
    if wd_text:
        lex_wd = lex.weekdays.get(wd_text.lower(), lex.weekdays.get(wd_text.lower().rstrip(".") + "."))
        fitting = [c for c in cands if c[1].weekday() == lex_wd]
        if len(fitting) == 1:
            return _res(fitting[0], f"'{m.group()}': the year in which it falls on a {wd_text}")
    det = _norm(m.groupdict().get("det"))
    tense = ctx.tense()
    strict = False
    if det in ("last", "this past"):
        tense, strict = "past", True
    elif det in ("next", "this coming", "coming"):
        tense, strict = "future", True
    g = _pick(cands, anchor, tense, strict=strict)
    return _res(g, f"resolved from '{m.group()}' against {anchor} ({tense})")


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    y = _year(m.group("y"), ctx.anchor)
    if y is None:
        return None
    return _explicit(("month", y, _month_num(m.group("mon"), _lexicon())), m.group())


def _r_month(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    month = _month_num(m.group("mon"), _lexicon())
    anchor = ctx.need_anchor()
    rel = _norm(m.group("rel"))
    if rel:
        y = anchor.year + {"this year": 0, "last year": -1, "next year": 1}[rel]
        return _res(("month", y, month), f"'{m.group()}' against {anchor}")
    det = _norm(m.group("det"))
    cands = _years_around(anchor, lambda yr: ("month", yr, month))
    if det == "this":
        return _res(("month", anchor.year, month), f"'{m.group()}': month of {anchor.year}")
    if det in ("last", "this past", "the past", "past"):
        g = _pick(cands, anchor, "past", strict=True)
        return _res(g, f"'{m.group()}': latest before {anchor}")
    if det in ("next", "this coming", "the coming", "coming"):
        g = _pick(cands, anchor, "future", strict=True)
        return _res(g, f"'{m.group()}': first after {anchor}")
    tense = ctx.tense()
    g = _pick(cands, anchor, tense)
    return _res(g, f"resolved from '{m.group()}' against {anchor} ({tense})")


def _rel_year(text: str | None, ctx: _Ctx) -> int | None:
    """An explicit or deictic year phrase ('1998', 'fiscal 1998', 'this year', 'the year')."""
    t = _norm(text)
    if not t:
        return None
    if t in ("this year", "year", "the year"):
        return ctx.need_anchor().year
    if t == "last year":
        return ctx.need_anchor().year - 1
    if t == "next year":
        return ctx.need_anchor().year + 1
    return _year(re.sub(r"^fiscal\s+", "", t), ctx.anchor)


def _r_half(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    o = m.group("ord").lower()
    h = 1 if o in ("first", "1st") else 2
    if m.group("dec"):
        d = _decade_of(m.group("dec"), ctx.anchor)
        return None if d is None else _res(("decade", d), f"'{m.group()}'")
    y_text = m.group("yo") or m.group("yq")
    if y_text and _norm(y_text) == "decade":
        return None
    y = _rel_year(y_text, ctx)
    if y is not None:
        return _res(("half", y, h), f"'{m.group()}'")
    anchor = ctx.need_anchor()
    det = _norm(m.group("det"))
    if det == "this":
        return _res(("half", anchor.year, h), f"'{m.group()}' in {anchor.year}")
    tense = ctx.tense()
    g = _pick(_years_around(anchor, lambda yr: ("half", yr, h)), anchor, tense)
    return _res(g, f"resolved from '{m.group()}' against {anchor} ({tense})")


_QNUM = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4, "june": 2, "september": 3, "december": 4, "march": 1}


def _r_quarter(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    gd = m.groupdict()
    ords = [_norm(gd.get("ord")), _norm(gd.get("ord2"))]
    det = _norm(gd.get("det"))
    y_text = gd.get("yo") or gd.get("yq")
    y = _rel_year(y_text, ctx) if y_text else None
    qn = next((_QNUM[o] for o in ords if o in _QNUM), None)
    if qn is None and "last" in ords and y is not None:
        qn = 4
    text = m.group()
    yearago = any(o in ("year earlier", "year ago") for o in ords) or gd.get("cmp")
    if qn is not None and y is not None:
        return _res(("quarter", y, qn), f"explicit quarter '{text}'")
    anchor = ctx.need_anchor()
    current = _quarter_of(anchor)
    if qn is not None:
        if yearago:
            base = ctx.ref if ctx.ref and ctx.ref[0] == "quarter" else current
            g = ("quarter", base[1] - 1, qn)
            return _res(g, f"'{text}': a year before {_timeml(base)}", anchoring=False)
        if det == "this":
            return _res(("quarter", anchor.year, qn), f"'{text}' in {anchor.year}")
        if det == "last" or det == "next":
            tense = "past" if det == "last" else "future"
            g = _pick(_years_around(anchor, lambda yr: ("quarter", yr, qn)), anchor, tense, strict=True)
            return _res(g, f"'{text}' against {anchor}")
        tense = ctx.tense()
        g = _pick(_years_around(anchor, lambda yr: ("quarter", yr, qn)), anchor, tense)
        return _res(g, f"resolved from '{text}' against {anchor} ({tense})")
    if yearago:
        base = ctx.ref if ctx.ref and ctx.ref[0] == "quarter" else _shift(current, -1)
        return _res(_shift_years(base, -1), f"'{text}': a year before {_timeml(base)}", anchoring=False)
    o = ords[0] or det
    if o in ("current", "this", "coming") and det != "that":
        return _res(current, f"'{text}': quarter of {anchor}")
    if o in ("last", "latest", "previous", "past", "prior", "recent", "most recent"):
        return _res(_shift(current, -1), f"'{text}': quarter before {anchor}")
    if o == "next" or det == "next":
        return _res(_shift(current, 1), f"'{text}': quarter after {anchor}")
    if y is not None:
        if ctx.ref_quarter is not None:  # "last year's quarter", "the 1988 quarter"
            return _res(("quarter", y, ctx.ref_quarter[2]), f"'{text}': {_timeml(ctx.ref_quarter)} in {y}",
                        anchoring=False)
        return None
    # "the quarter", "that quarter", "its quarter": the one being talked about
    if ctx.ref is not None and ctx.ref[0] == "quarter":
        return _res(ctx.ref, f"'{text}': the quarter last mentioned")
    if ctx.tense() == "future":
        return _res(current, f"'{text}': the current quarter")
    return _res(_shift(current, -1), f"'{text}': the last completed quarter before {anchor}")


def _r_qnum(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    q = int(m.group("q"))
    y_text = m.group("y1") or m.group("y2")
    if y_text:
        y = _year(y_text, ctx.anchor)
        if y_text[0].isdigit() and len(y_text) == 2:
            y = _year("'" + y_text, ctx.anchor)
        if y is not None:
            return _res(("quarter", y, q), f"explicit quarter '{m.group()}'")
    anchor = ctx.need_anchor()
    tense = ctx.tense()
    g = _pick(_years_around(anchor, lambda yr: ("quarter", yr, q)), anchor, tense)
    return _res(g, f"resolved from '{m.group()}' against {anchor} ({tense})")


def _r_season(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    code = _lexicon().seasons[m.group("s").lower()]
    text = m.group()
    y = _year(m.group("y"), ctx.anchor)
    if y is not None:
        return _res(("season", y, code), f"explicit season '{text}'")
    anchor = ctx.need_anchor()
    rel = _norm(m.group("rel"))
    if rel:
        y = anchor.year + {"this year": 0, "last year": -1, "next year": 1}[rel]
        return _res(("season", y, code), f"'{text}' against {anchor}")
    det = _norm(m.group("det"))
    cands = _years_around(anchor, lambda yr: ("season", yr, code))
    if det == "this":
        cur = _season_of(anchor)
        if cur[2] == code:
            return _res(cur, f"'{text}': the season of {anchor}")
        return _res(("season", anchor.year, code), f"'{text}': the {code} season of {anchor.year}")
    if det in ("last", "this past", "past"):
        return _res(_pick(cands, anchor, "past", strict=True), f"'{text}': latest before {anchor}")
    if det in ("next", "this coming", "coming"):
        return _res(_pick(cands, anchor, "future", strict=True), f"'{text}': first after {anchor}")
    if det == "that" and ctx.ref is not None:
        ry = _bounds(ctx.ref)[0].year
        return _res(("season", ry, code), f"'{text}': in the year last mentioned ({ry})", anchoring=False)
    tense = ctx.tense()
    return _res(_pick(cands, anchor, tense), f"resolved from '{text}' against {anchor} ({tense})")


def _r_year(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    y = _year(m.group("y"), ctx.anchor)
    if y is None:
        return None
    return _explicit(("year", y), m.group())


def _decade_of(text: str, anchor: dt.date | None) -> int | None:
    t = text.lower().replace("’", "'")
    if t[0].isdigit():
        return int(t[:3])
    if t[0] == "'":
        yy = int(t[1:3])
        century = (anchor.year // 100) if anchor else 19
        d = century * 10 + yy // 10
        if anchor and d * 10 > anchor.year:
            d -= 10
        return d
    words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
    if t in words:
        k = words.index(t) + 2
        century = (anchor.year // 100) if anchor else 19
        d = century * 10 + k
        if anchor and d * 10 > anchor.year:
            d -= 10
        return d
    return None


def _r_decade(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    d = _decade_of(m.group("dec"), ctx.anchor)
    if d is None:
        return None
    return _res(("decade", d), f"'{m.group()}'")


def _r_century(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    n = _day_num(m.group("n"), _lexicon())
    if not n:
        return None
    return _res(("century", n - 1), f"'{m.group()}'")


def _r_relative(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    det = _norm(m.group("det"))
    unit = m.group("unit").lower()
    text = m.group()
    anchor = ctx.need_anchor()
    if det in _ANAPHORIC_SHIFT or (unit == "day" and det in ("the previous", "the prior", "the preceding")):
        ref = ctx.reference()
        shift = _ANAPHORIC_SHIFT.get(det, -1)
        base = _coerce(ref, unit)
        if base is None:
            return None
        g = _shift(base, shift)
        return _res(g, f"'{text}' relative to {_timeml(base)}", anchoring=False)
    if det == "the":  # only with a modifier ("the end of the year") or "the weekend"
        if unit == "weekend":
            tense = ctx.tense()
            cands = [_shift(_week_of(anchor, "weekend"), k) for k in (-1, 0, 1)]
            return _res(_pick(cands, anchor, tense, period=7), f"'{text}' against {anchor} ({tense})")
        shift = 0
    else:
        shift = _DEICTIC_SHIFT.get(det, 0)
    base = _coerce(("day", anchor), unit)
    if base is None:
        return None
    g = _shift(base, shift)
    res = _res(g, f"'{text}' against {anchor}")
    if unit == "week" and shift == 0 and res.value is not None:
        return _part_of_week(res, g, anchor, _norm(m.group("mod")) or ctx.tense())
    return res


def _part_of_week(res: _Res, week: Gran, anchor: dt.date, side: str) -> _Res:
    """"earlier this week", "later this week", "this week" with a verb in the past or future: the
    days of the week before (after) the anchor, given as the month holding most of them (the
    TimeML value stays the week)."""
    monday, sunday = _bounds(week)
    day = dt.timedelta(days=1)
    a, b = {"earlier": (monday, anchor - day), "past": (monday, anchor),
            "later": (anchor + day, sunday), "future": (anchor, sunday)}.get(side, (monday, sunday))
    if a > b or (a, b) == (monday, sunday):
        return res
    days = [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]
    # the month holding most of those days; on a tie, the anchor's
    y, mo = max({(d.year, d.month) for d in days},
                key=lambda ym: (sum((d.year, d.month) == ym for d in days), ym == (anchor.year, anchor.month)))
    value = DateValue(f"{y:04d}-{mo:02d}", "month", "interval")
    return replace(res, value=value, reason=f"{res.reason}; the days of the week {side} lie mostly in {value.value}")


def _coerce(g: Gran, unit: str) -> Gran | None:
    """The granule of kind ``unit`` that contains (the start of) ``g``."""
    start = _bounds(g)[0]
    if unit == "day":
        return ("day", start) if g[0] == "day" else None
    if unit in ("week", "weekend"):
        return _week_of(start, unit)
    if unit == "month":
        return ("month", start.year, start.month)
    if unit == "quarter":
        return _quarter_of(start)
    if unit == "year":
        return ("year", start.year)
    if unit == "decade":
        return ("decade", start.year // 10)
    if unit == "century":
        return ("century", start.year // 100)
    return None


def _r_the_unit(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"for the year", "the full year", "for the week": the one under discussion."""
    unit = m.group("unit").lower()
    base = _coerce(ctx.reference(), unit)
    return None if base is None else _res(base, f"'{m.group()}': the {unit} under discussion", anchoring=False)


def _r_part_of_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"the next morning", "that night": a part of the day last mentioned."""
    ref = ctx.reference()
    if ref[0] != "day":
        return None
    det = _norm(m.group("det"))
    shift = {"the next": 1, "the following": 1, "the previous": -1}.get(det, 0)
    tod = _lexicon().parts_of_day.get(_norm(m.group("tod")))
    return _res(("day", ref[1] + dt.timedelta(days=shift)), f"'{m.group()}' relative to {ref[1]}", tod=tod,
                anchoring=False)


def _r_latest_period(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"the latest period" in results news: the quarter under discussion, else the last one."""
    if ctx.ref_quarter is not None:
        return _res(ctx.ref_quarter, f"'{m.group()}': the quarter last mentioned", anchoring=False)
    anchor = ctx.need_anchor()
    det = _norm(m.group("det"))
    g = _quarter_of(anchor) if det == "current" else _shift(_quarter_of(anchor), -1)
    return _res(g, f"'{m.group()}': quarter against {anchor}", anchoring=False)


def _r_unit_end(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    anchor = ctx.need_anchor()
    unit = m.group("unit").lower()
    g = _coerce(("day", anchor), unit)
    if g is None:
        return None
    if ctx.tense() == "past" and _prev_word(ctx) == "since":
        return _res(_shift(g, -1), f"'{m.group()}': the last {unit} end before {anchor}")
    return _res(g, f"'{m.group()}': end of the {unit} of {anchor}")


def _r_deictic(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    anchor = ctx.need_anchor()
    w = _norm(m.group("w"))
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "last night": -1}[w]
    tod_word = _norm(m.group("tod")) or {"tonight": "night", "this morning": "morning", "this afternoon": "afternoon",
                                         "this evening": "evening", "last night": "night"}.get(w, "")
    tod = _lexicon().parts_of_day.get(tod_word) if tod_word else None
    return _res(("day", anchor + dt.timedelta(days=shift)), f"'{m.group()}' against {anchor}", tod=tod)


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    lex = _lexicon()
    wd_text = m.group("wd").lower()
    wd = lex.weekdays.get(wd_text, lex.weekdays.get(wd_text + "."))
    if wd is None:
        wd = lex.weekdays[wd_text.rstrip(".") + "."]
    anchor = ctx.need_anchor()
    tod = lex.parts_of_day.get(_norm(m.group("tod"))) if m.group("tod") else None
    wk = _norm(m.group("wk"))
    if wk:
        shift = {"of this week": 0, "of last week": -1, "of next week": 1}[wk]
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        return _res(("day", monday + dt.timedelta(days=wd)), f"'{m.group()}' against {anchor}", tod=tod)
    this_week = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=wd)
    cands = [("day", this_week + dt.timedelta(weeks=k)) for k in (-2, -1, 0, 1, 2)]
    det = _norm(m.group("det"))
    if det == "this":
        return _res(("day", this_week), f"'{m.group()}': in the week of {anchor}", tod=tod)
    if det in ("last", "this past", "past"):
        g = _pick(cands, anchor, "past", strict=True, period=7)
        return _res(g, f"'{m.group()}': latest before {anchor}", tod=tod)
    if det in ("next", "this coming", "coming"):
        g = _pick(cands, anchor, "future", strict=True, period=7)
        return _res(g, f"'{m.group()}': first after {anchor}", tod=tod)
    if det in ("the previous", "the following", "the next", "that"):
        ref = ctx.reference()
        rday = _bounds(ref)[0] if ref[0] == "day" else anchor
        near = [("day", rday - dt.timedelta(days=(rday.weekday() - wd) % 7 or 7)),
                ("day", rday + dt.timedelta(days=(wd - rday.weekday()) % 7 or 7))]
        g = near[0] if det == "the previous" else near[1] if det != "that" else min(
            near, key=lambda x: abs((x[1] - rday).days))
        return _res(g, f"'{m.group()}' relative to {rday}", tod=tod, anchoring=False)
    tense: str = ctx.tense()  # or "nearest", below
    if re.match(r"['’]s\b", ctx.nxt) and not m.group("tod") and tense != "past":
        # "Wednesday's ruling will ...": the verb tells about the ruling's aftermath, not about
        # when it was; "Tuesday's attack killed ..." is last Tuesday's
        tense = "nearest"
    g = _pick(cands, anchor, tense, period=7)
    return _res(g, f"resolved from '{m.group(0)}' against {anchor} ({tense})", tod=tod)


def _unit_name(text: str) -> str:
    t = text.lower()
    if t.startswith("centur"):
        return "century"
    return t.rstrip("s")


def _r_ago(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    lex = _lexicon()
    gd = m.groupdict()
    n_text = gd.get("n")
    n = 1 if n_text is None else _number(n_text, lex)
    if n_text and re.search(r"and\s+a\s+half", n_text, re.I):
        n = None
    unit = _unit_name(m.group("unit"))
    direction = _norm(m.group("dir"))
    backward = direction in ("ago", "earlier", "before", "back", "previously", "prior")
    deictic = direction in ("ago", "from now", "hence", "back")
    text = m.group()
    anchor = ctx.need_anchor()
    if n is None:
        tag = "PAST_REF" if backward else "FUTURE_REF"
        return _Res(tag, None, f"vague {'past' if backward else 'future'} reference '{text}'")
    sign = -1 if backward else 1
    if unit == "year" and n == 1 and ctx.ref_quarter is not None and backward:
        # earnings news: "up from $4 a year earlier" compares with the quarter under discussion
        return _res(_shift_years(ctx.ref_quarter, -1),
                    f"'{text}': the same quarter a year before {_timeml(ctx.ref_quarter)}", anchoring=False)
    base: Gran = ("day", anchor) if deictic else ctx.reference()
    start = _bounds(base)[0]
    if unit == "day":
        g: Gran = ("day", start + dt.timedelta(days=sign * n))
    elif unit == "week":
        g = _week_of(start + dt.timedelta(weeks=sign * n))
    elif unit == "month":
        g = ("month", *_add_months(start.year, start.month, sign * n))
    elif unit == "quarter":
        g = _shift(_quarter_of(start), sign * n)
    elif unit == "year":
        g = ("year", start.year + sign * n)
        if not deictic and base[0] in ("day", "month", "quarter") and ctx.ref is not None:
            g = _shift_years(base, sign * n)
    elif unit == "decade":
        g = ("year", start.year + sign * 10 * n)
    else:
        g = ("year", start.year + sign * 100 * n)
    what = f"{anchor}" if deictic else _timeml(base)
    return _res(g, f"'{text}' counted from {what}", anchoring=False)


def _r_year_ago(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"year-earlier", "the year-ago period", "the same quarter last year": the period under
    discussion (the last quarter mentioned), a year back; else the year before the anchor."""
    anchor = ctx.need_anchor()
    what = _norm(m.groupdict().get("what") or m.groupdict().get("what2"))
    if ctx.ref_quarter is not None and what in ("", "period", "quarter", "time", "results"):
        return _res(_shift_years(ctx.ref_quarter, -1), f"'{m.group()}': a year before {_timeml(ctx.ref_quarter)}",
                    anchoring=False)
    if what == "quarter":
        base = _shift(_quarter_of(anchor), -1)
        return _res(_shift_years(base, -1), f"'{m.group()}': a year before {_timeml(base)}", anchoring=False)
    if what == "month":
        return _res(("month", anchor.year - 1, anchor.month), f"'{m.group()}' against {anchor}", anchoring=False)
    return _res(("year", anchor.year - 1), f"'{m.group()}': the year before {anchor}", anchoring=False)


def _r_year_period(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"the 1988 period": the period under discussion (the last quarter mentioned) in that year."""
    y = _year(m.group("y"), ctx.anchor)
    if y is None:
        return None
    what = _norm(m.group("what"))
    if what in ("first half", "second half"):
        return _res(("half", y, 1 if what == "first half" else 2), f"'{m.group()}'")
    if ctx.ref_quarter is not None:
        return _res(("quarter", y, ctx.ref_quarter[2]), f"'{m.group()}': {_timeml(ctx.ref_quarter)} in {y}",
                    anchoring=False)
    return _explicit(("year", y), m.group())


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _holiday_date(name: str, y: int, lex: _Lexicon) -> dt.date:
    if name in lex.holidays:
        mm, dd = lex.holidays[name].split("-")
        return dt.date(y, int(mm), int(dd))
    if name == "election day":
        first = dt.date(y, 11, 1)
        monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
        return monday + dt.timedelta(days=1)
    if name.startswith("thanksgiving"):
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    easter = _easter(y)
    return easter + dt.timedelta(days=1) if name.endswith("monday") else easter


def _r_holiday(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    lex = _lexicon()
    name = _norm(m.group("h"))
    y = _year(m.group("y"), ctx.anchor)
    if y is not None:
        return _explicit(("day", _holiday_date(name, y, lex)), m.group())
    anchor = ctx.need_anchor()
    cands = [("day", _holiday_date(name, yr, lex)) for yr in (anchor.year - 1, anchor.year, anchor.year + 1)]
    det = _norm(m.group("det"))
    if det == "this":
        return _res(("day", _holiday_date(name, anchor.year, lex)), f"'{m.group()}' in {anchor.year}")
    if det in ("last", "next"):
        tense: Tense = "past" if det == "last" else "future"
        return _res(_pick(cands, anchor, tense, strict=True), f"'{m.group()}' against {anchor}")
    tense = ctx.tense()
    return _res(_pick(cands, anchor, tense), f"resolved from '{m.group()}' against {anchor} ({tense})")


def _r_ref(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    w = _norm(m.group("w"))
    tag = _lexicon().refs.get(w) or _lexicon().refs.get(w.replace(" ", "-"))
    if tag is None:
        return None
    if tag == "PRESENT_REF":
        anchor = ctx.need_anchor()
        return _Res(tag, DateValue(anchor.isoformat(), "day", "point"),
                    f"present reference '{m.group()}' taken as the document date", ("day", anchor), anchoring=False)
    if tag == "FUTURE_REF" and re.search(r"coming|ahead", w):
        anchor = ctx.need_anchor()
        if re.search(r"days|weeks", w):
            g: Gran = ("month", anchor.year, anchor.month)
        elif "months" in w:
            g = ("year", anchor.year)
        else:
            return _Res(tag, None, f"vague future reference '{m.group()}'")
        value, _ = _date_value(g)
        assert value is not None
        return _Res(tag, value, f"'{m.group()}': near future, given as the {g[0]} of {anchor}", g, anchoring=False)
    kind = "past" if tag == "PAST_REF" else "future"
    return _Res(tag, None, f"vague {kind} reference '{m.group()}'")


def _r_duration(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    lex = _lexicon()
    n_text = m.group("n")
    n = _number(n_text, lex) if n_text else None
    unit = _unit_name(m.group("unit"))
    letter = {"minute": "TM", "hour": "TH"}.get(unit) or lex.units.get(unit, "X")
    amount = "X" if n is None else str(n)
    if letter == "DE":
        letter, amount = "Y", ("X" if n is None else str(10 * n))
    elif letter == "CE":
        letter, amount = "Y", ("X" if n is None else str(100 * n))
    timeml = f"PT{amount}{letter[1]}" if letter.startswith("T") else f"P{amount}{letter}"
    return _Res(timeml, None, f"duration, not a date: '{m.group()}'", duration=True, anchoring=False)


# ---------------------------------------------------------------------------------------------
# Tense of the verb a date hangs on
# ---------------------------------------------------------------------------------------------
_FUTURE_AUX = words.word_set("modality", "timex_future")
_FUTURE_HEADS = {
    "plan", "expect", "schedule", "intend", "aim", "hope", "want", "seek", "prepare", "set", "due",
    "go", "propose", "promise", "pledge", "vow", "threaten", "agree", "decide", "try", "wish",
    "mean", "arrange", "undertake", "resolve", "determine", "likely", "able", "ready", "bound",
}


def tense_of(token: Token) -> Tense:
    """Past, future or auto (unknown) for an event trigger, from its auxiliaries and tag.

    "will/shall/'ll sign", "plans to visit", "is expected to meet", "is to be held" -> future;
    "signed", "has signed", "was signed" -> past; "signs", "is signing", nouns -> auto
    (a noun trigger takes the tense of the verb it depends on, when there is one).
    """
    tok = token
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            break
        if tok.head is tok:
            return "auto"
        tok = tok.head
    else:
        return "auto"
    for _ in range(3):
        children = children_of(tok)
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & _FUTURE_AUX:
            return "future"
        if "to" in words or any(c.tag_ == "TO" for c in auxes):
            head = tok.head
            if head is not tok and (words & {"going"} or head.lemma_.lower() in _FUTURE_HEADS):
                return "future"
            if head is not tok and head.tag_ in ("VBD", "VBN") and head.lemma_.lower() not in _FUTURE_HEADS:
                return "past"  # "managed to sign", "failed to meet"
            if tok.dep_ == "acl" and "be" not in {c.lemma_.lower() for c in auxes}:
                return "auto"  # "celebrations to mark the day": purpose, not plan
            return "future"  # "to be held", "agreed to meet"
        if any(c.tag_ == "MD" for c in auxes):
            return "auto"  # would, could, may
        if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if tok.tag_ == "VBN":
            if any(c.lemma_.lower() == "have" for c in auxes) or not auxes:
                return "past"
            return "auto"
        if tok.tag_ in ("VBG",) and any(c.lemma_.lower() == "be" and c.tag_ in ("VBZ", "VBP") for c in auxes):
            return "auto"
        if tok.dep_ in ("xcomp", "conj") and tok.head is not tok:
            tok = tok.head  # "agreed and signed", "began talks to..."
            continue
        return "auto"
    return "auto"


_SCHEDULE_WORDS = {"plan", "schedule", "slate", "due", "payable", "effective", "postpone", "delay",
                   "reschedule", "defer", "adjourn", "expire", "upcoming", "forthcoming"}


def _tense_nearest() -> str:
    return "nearest"


def _tense_past() -> str:
    return "past"


def _governing_tense(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb the time expression depends on; words of scheduling on the way up
    ("planned for March", "payable Dec. 7", "effective Feb. 1") make it future."""
    sp = doc.char_span(start, end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return "auto"
    tok = sp.root
    for _ in range(6):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.lemma_.lower() in _SCHEDULE_WORDS:
            return "future"
        if tok.pos_ in ("VERB", "AUX") and not (sp.start <= tok.i < sp.end):
            return tense_of(tok)
    return "auto"


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------
_LEAD_RE = re.compile(
    r"^\s*(?P<prep>no\s+later\s+than|not\s+later\s+than|as\s+of|as\s+early\s+as|by|until|till|before|since|"
    r"starting|beginning|from|on|in|at|during|for|over|within|through|throughout|around|after|of)\s+",
    re.IGNORECASE,
)


def _apply_prep(res: _Res, prep: str) -> _Res:
    """Kind from the preposition before the span (deadline / since)."""
    if res.value is None or not prep:
        return res
    lex = _lexicon()
    p = _norm(prep)
    if p in lex.deadline_preps:
        return replace(res, value=replace(res.value, kind="deadline"), reason=f"{res.reason}; deadline ('{p}')")
    if p in lex.since_preps:
        return replace(res, value=replace(res.value, kind="interval"), reason=f"{res.reason}; start of an interval ('{p}')")
    return res


def _resolve_match(rule: _Rule, m: re.Match[str], ctx: _Ctx) -> _Res | None:
    try:
        return rule.resolve(m, ctx)
    except _NoAnchor:
        return _Res("", None, "no anchor date")
    except (OverflowError, ValueError):
        # calendar arithmetic past year 1 or 9999 ("last week" in a text dated 0001-01-01,
        # "the 9990s"): the expression has no representable date
        return _Res("", None, "date out of range")


def resolve_timex(text: str, anchor: dt.date | None, *, tense: Tense = "auto") -> Timex | None:
    """Like ``resolve`` but returns the whole ``Timex`` (span offsets are within ``text``)."""
    stripped = text.strip()
    lead = 0
    prep = ""
    lm = _LEAD_RE.match(stripped)
    if lm:
        prep = lm.group("prep")
        lead = lm.end()
    body = stripped[lead:].rstrip(" .,;:")
    body_start = text.find(body) if body else 0
    if not body:
        return None
    for rule in _lexicon().rules:
        m = rule.regex.fullmatch(body)
        if m is None:
            continue
        ctx = _Ctx(anchor=anchor, text=body, strict=False, fixed_tense=tense, prev=_norm(prep))
        if rule.check and not rule.check(m, ctx):
            continue
        res = _resolve_match(rule, m, ctx)
        if res is None:
            continue
        res = _apply_prep(res, prep)
        span = Span(body_start, body_start + len(body), body)
        value = replace(res.value, span=span, source="text") if res.value else None
        return Timex(span, value, res.reason, res.timeml)
    return None


def resolve(text: str, anchor: dt.date | None, *, tense: Tense = "auto") -> DateValue | None:
    """One time expression ("on Monday", "by the end of 2020", "Q3") to a value against ``anchor``.

    ``tense`` picks past or future for underspecified expressions; "auto" takes the nearest
    occurrence. Returns None for durations, vague references, decades, expressions it does not
    understand, and relative expressions without an anchor.
    """
    tx = resolve_timex(text, anchor, tense=tense)
    return None if tx is None or tx.value is None else replace(tx.value, span=None)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rule_index: int
    match: re.Match[str]


_NAME_ENTS = {"PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "NORP", "LAW", "EVENT"}
_NUMBER_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
_YEAR_PREPS = {"in", "since", "by", "until", "till", "through", "throughout", "during", "of", "from",
               "to", "before", "after", "between", "and", "or", "early", "late", "mid", "for", "around",
               "as", "than", "into", "fiscal", "year", "circa", "about", "spring", "summer",
               "autumn", "fall", "winter", "the", "'s", ","}


# ---------------------------------------------------------------------------------------------
# Prefilter: run each rule only where it can match
# ---------------------------------------------------------------------------------------------
# ``finditer`` tries a rule at every position of the text, and at each word wades through the
# rule's optional prefixes: with 28 rules that was most of accord's own time. So each pattern's
# parse tree is read once, when the rules are built (``_plan``), for
#
# * up to three anchor sets, each from a different piece of the pattern that every match holds:
#   strings one of which each match contains ("quarter"; the month names; "16" to "20" for a
#   year), case-folded, none holding a separator (a space or a hyphen), so that each lies inside
#   one word of the text cut at runs of separators; and with each set its ``pre``, the most
#   separator runs a match crosses before it;
# * ``reach``: the most separator runs any attempt of the rule reads across, lookaheads included.
#
# A match then starts no more than ``pre`` words before a word holding one of a set's strings,
# for every set; and an attempt that starts by word ``b`` reads nothing past the first character
# after word ``b + reach``. So the rule is searched only from those starts, in the text cut a word
# after that character (``endpos``): every attempt there reads what it reads in the whole text,
# and the matches, in order, are exactly those of ``finditer`` over the whole text. The tests
# compare with ``_find_timexes(..., prefilter=False)`` and, rule by rule, with ``finditer`` on
# random texts. A rule the planner cannot read runs everywhere.
_SPACES = frozenset(  # str.isspace(), which is what \s matches in a str pattern
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SEPARATORS = _SPACES | {"-"}
# the characters besides A-Z that match an ASCII letter under IGNORECASE (U+0130 also lower-cases
# to two characters)
_ODD_CASE = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_ODD_CASE_RE = re.compile("[" + "".join(_ODD_CASE) + "]")
_MAX_STRINGS = 64
_MAX_FACTORS = 3  # anchors of different pieces a match must all hold


def _fold_text(text: str) -> str:
    """``text`` lower-cased character by character (same length): a character that matches an
    anchor character under IGNORECASE becomes that character."""
    if text.isascii():
        return text.lower()
    if _ODD_CASE_RE.search(text) is None:
        return text.lower()
    return "".join(_ODD_CASE.get(c) or c.lower() for c in text)


def _fold_char(c: str) -> str | None:
    """An anchor character: ASCII lower-cased, or a caseless character; None for other letters."""
    if c.isascii():
        return c.lower()
    return c if c.lower() == c == c.upper() and c.casefold() == c else None


@dataclass(frozen=True, slots=True)
class _Scan:
    factors: tuple[tuple[int, int], ...]  # (anchor set in the _AnchorIndex, pre), every one needed
    reach: int | None  # None: unbounded (the text is never cut)


@dataclass(frozen=True, slots=True)
class _Node:
    """What the planner knows of a piece of pattern."""

    exact: frozenset[str] | None  # every string it can match, folded (None: too many or unknown)
    factor: tuple[frozenset[str], float] | None  # strings one of which every match holds, and
    #                                              the separator runs before it
    runs: float  # separator runs an attempt may read across (math.inf: unbounded)
    single: bool = False  # matches exactly one character
    sep_only: bool = False  # ... and always a separator


class _Unplannable(Exception):
    pass


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    out = frozenset(x + y for x in a for y in b)
    return out if len(out) <= _MAX_STRINGS else None


def _score(f: tuple[Any, ...]) -> tuple[int, float, int, int]:
    """How selective a factor is: strings of 4 characters or more, fewer runs before, fewer
    strings, longer strings."""
    shortest = min(len(s) for s in f[0])
    return min(4, shortest), -f[1], -len(f[0]), shortest


class _Planner:
    """Reads a pattern's parse tree (``re._parser``; its layout is stable since Python 3.11)."""

    def __init__(self) -> None:
        self.groups: dict[int, _Node] = {}

    def seq(self, items: Any) -> _Node:
        return self.top(items)[0]

    def top(self, items: Any) -> tuple[_Node, list[tuple[frozenset[str], float]]]:
        """A sequence, and its factors, best first, no two drawn from the same piece."""
        nodes = [self.node(op, av) for op, av in items]
        exact: frozenset[str] | None = frozenset({""})
        for n in nodes:
            exact = None if exact is None or n.exact is None else _product(exact, n.exact)
        factors = []  # (strings, runs before, first piece, piece after the last)
        before = 0.0
        for i, n in enumerate(nodes):
            if n.factor is not None:
                factors.append((n.factor[0], before + n.factor[1], i, i + 1))
            run: frozenset[str] = frozenset({""})
            for j in range(i, len(nodes)):  # literal strings made of consecutive pieces
                piece = nodes[j].exact
                longer = None if piece is None else _product(run, piece)
                if longer is None:
                    break
                run = longer
                if "" not in run:
                    factors.append((run, before, i, j + 1))
            before += n.runs
        # the best ones that share no piece (more are still true, but add nothing)
        chosen: list[tuple[frozenset[str], float, int, int]] = []
        for f in sorted(factors, key=_score, reverse=True):
            if all(f[3] <= g[2] or f[2] >= g[3] for g in chosen):
                chosen.append(f)
        best = (chosen[0][0], chosen[0][1]) if chosen else None
        single = len(nodes) == 1 and nodes[0].single
        return (_Node(exact, best, sum(n.runs for n in nodes), single, single and nodes[0].sep_only),
                [(f[0], f[1]) for f in chosen])

    def node(self, op: Any, av: Any) -> _Node:
        c = _re_constants
        if op is c.LITERAL:
            ch = chr(av)
            if ch in _SEPARATORS:
                return _Node(None, None, 1, True, True)
            f = _fold_char(ch)
            exact: frozenset[str] | None = None if f is None else frozenset({f})
            return _Node(exact, None if exact is None else (exact, 0), 0, True)
        if op in (c.NOT_LITERAL, c.ANY):
            return _Node(None, None, 1, True)
        if op is c.IN:
            return self.char_class(av)
        if op is c.BRANCH:
            alts = [self.seq(a) for a in av[1]]
            exact = frozenset()
            factor: tuple[frozenset[str], float] | None = (frozenset(), 0)
            for a in alts:
                exact = None if exact is None or a.exact is None else exact | a.exact
                if factor is not None and a.factor is not None:
                    factor = (factor[0] | a.factor[0], max(factor[1], a.factor[1]))
                else:
                    factor = None
            if exact is not None and len(exact) > _MAX_STRINGS:
                exact = None
            single = all(a.single for a in alts)
            return _Node(exact, factor, max(a.runs for a in alts), single, single and all(a.sep_only for a in alts))
        if op is c.SUBPATTERN:
            group, _add, _del, p = av
            n = self.seq(p)
            if group is not None:
                self.groups[group] = n
            return n
        if op is c.ATOMIC_GROUP:
            return self.seq(av)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, p = av
            n = self.seq(p)
            if n.runs == 0 or hi == 0:
                runs = 0.0
            elif n.single and n.sep_only:
                runs = 1.0  # one run of separators, however long
            else:
                runs = math.inf if hi == c.MAXREPEAT else n.runs * hi
            exact = None
            if n.exact is not None and hi != c.MAXREPEAT and hi <= 4:
                acc: set[str] = set()
                cur: frozenset[str] | None = frozenset({""})
                for k in range(hi + 1):
                    if cur is None:
                        acc = set()
                        break
                    if k >= lo:
                        acc |= cur
                    cur = _product(cur, n.exact)
                exact = frozenset(acc) if acc and len(acc) <= _MAX_STRINGS else None
            single = lo == hi == 1 and n.single
            return _Node(exact, n.factor if lo >= 1 else None, runs, single, single and n.sep_only)
        if op in (c.ASSERT, c.ASSERT_NOT):
            direction, p = av
            n = self.seq(p)  # reads, consumes nothing; a lookbehind reads only what lies before
            return _Node(frozenset({""}), None, n.runs if direction > 0 else 0)
        if op is c.AT:
            return _Node(frozenset({""}), None, 0)
        if op is c.GROUPREF:
            if av not in self.groups:
                raise _Unplannable
            g = self.groups[av]
            return _Node(g.exact, g.factor, g.runs, g.single, g.sep_only)
        raise _Unplannable

    def char_class(self, items: Any) -> _Node:
        c = _re_constants
        chars: set[str] = set()
        listed = True
        can_sep = False
        all_sep = True
        for op, av in items:
            if op is c.LITERAL:
                sep = chr(av) in _SEPARATORS
                chars.add(chr(av))
                can_sep, all_sep = can_sep or sep, all_sep and sep
            elif op is c.RANGE:
                a, b = av
                seps = sum(a <= ord(x) <= b for x in _SEPARATORS)
                can_sep, all_sep = can_sep or seps > 0, all_sep and seps == b - a + 1
                if b - a >= _MAX_STRINGS:
                    listed = False
                else:
                    chars.update(map(chr, range(a, b + 1)))
            elif op is c.CATEGORY:
                listed = False
                if av is c.CATEGORY_SPACE:
                    can_sep = True
                elif av in (c.CATEGORY_DIGIT, c.CATEGORY_WORD):
                    all_sep = False
                else:
                    can_sep, all_sep = True, False
            elif op is c.NEGATE:
                listed, can_sep, all_sep = False, True, False
            else:
                raise _Unplannable
        folded = {_fold_char(ch) for ch in chars}
        exact = None
        if listed and not can_sep and None not in folded and len(folded) <= _MAX_STRINGS:
            exact = frozenset(f for f in folded if f is not None)
        return _Node(exact, None if exact is None else (exact, 0), 1 if can_sep else 0, True, can_sep and all_sep)


def _plan(regex: re.Pattern[str]) -> tuple[list[tuple[frozenset[str], int]], int | None] | None:
    """Where ``regex`` can match: its anchor sets with their ``pre``, and ``reach`` (None: anywhere)."""
    try:
        top, factors = _Planner().top(_re_parser.parse(regex.pattern, regex.flags))
    except _Unplannable:
        return None
    chosen: list[tuple[frozenset[str], int]] = []
    for strings, pre in sorted(factors, key=_score, reverse=True)[:_MAX_FACTORS]:
        if not math.isinf(pre):
            # a string holding another finds no word that the other does not
            chosen.append((frozenset(s for s in strings if not any(t != s and t in s for t in strings)), int(pre)))
    if not chosen:
        return None
    return chosen, None if math.isinf(top.runs) else int(top.runs)


def _planned(rules: tuple[_Rule, ...]) -> tuple[tuple[_Rule, ...], _AnchorIndex]:
    """The rules with their scans, and the index of all their anchor sets."""
    sets: dict[frozenset[str], int] = {}
    out = []
    for rule in rules:
        plan = _plan(rule.regex)
        if plan is not None:
            factors = tuple((sets.setdefault(strings, len(sets)), pre) for strings, pre in plan[0])
            rule = replace(rule, scan=_Scan(factors, plan[1]))
        out.append(rule)
    return tuple(out), _AnchorIndex(list(sets))


class _AnchorIndex:
    """Which anchor sets each word holds; words are remembered (news repeats its words)."""

    _MAX_WORDS = 200_000

    def __init__(self, sets: list[frozenset[str]]) -> None:
        self.sets = sets
        by_string: dict[str, list[int]] = {}
        for k, strings in enumerate(sets):
            for string in strings:
                by_string.setdefault(string, []).append(k)
        self._by_string = {string: tuple(ks) for string, ks in by_string.items()}
        self._prefixes = {string[:i] for string in by_string for i in range(1, len(string) + 1)}
        self._words: dict[str, tuple[int, ...]] = {}

    def of(self, word: str) -> tuple[int, ...]:
        """The anchor sets with a string inside ``word`` (folded)."""
        found: set[int] = set()
        n = len(word)
        for i in range(n):
            for j in range(i + 1, n + 1):
                piece = word[i:j]
                if piece not in self._prefixes:
                    break
                ks = self._by_string.get(piece)
                if ks:
                    found.update(ks)
        out = tuple(sorted(found))
        if len(self._words) >= self._MAX_WORDS:
            self._words.clear()
        self._words[word] = out
        return out

    def hits(self, words: list[str]) -> list[list[int]]:
        """For each anchor set, the indexes of the words that hold it, in order."""
        out: list[list[int]] = [[] for _ in self.sets]
        for i, ks in enumerate(map(self._words.get, words)):
            if ks is None:
                ks = self.of(words[i])
            for k in ks:
                out[k].append(i)
        return out


_SEPARATED = re.compile(r"([\s-]+)")


class _View:
    """One text as the prefilter sees it: cut into words at separators, anchors found once."""

    __slots__ = ("ends", "hits", "starts", "text")

    def __init__(self, text: str, index: _AnchorIndex) -> None:
        self.text = text
        parts = _SEPARATED.split(_fold_text(text))  # word, separators, word, ..., word
        offsets = list(accumulate(map(len, parts), initial=0))
        self.starts = offsets[0::2]
        self.ends = offsets[1::2]
        self.hits = index.hits(parts[0::2])


def _slots(view: _View, plan: _Scan) -> list[tuple[int, int]]:
    """Runs of words ``(a, b)`` where a match may start: in word ``a`` .. ``b`` or just after one."""
    out: list[tuple[int, int]] | None = None
    for anchor_set, pre in plan.factors:
        near: list[tuple[int, int]] = []  # the words up to ``pre`` before each hit, merged
        for i in view.hits[anchor_set]:
            if near and i - pre <= near[-1][1] + 1:
                near[-1] = (near[-1][0], i)
            else:
                near.append((i - pre, i))
        if out is None:
            out = near
        else:  # every set is needed: intersect
            both = []
            j = k = 0
            while j < len(out) and k < len(near):
                a, b = max(out[j][0], near[k][0]), min(out[j][1], near[k][1])
                if a <= b:
                    both.append((a, b))
                if out[j][1] < near[k][1]:
                    j += 1
                else:
                    k += 1
            out = both
        if not out:
            return []
    return out or []


def _scan(regex: re.Pattern[str], plan: _Scan, view: _View) -> Iterator[re.Match[str]]:
    """The matches of ``regex.finditer(view.text)``, searched only where ``plan`` allows."""
    text, starts, ends = view.text, view.starts, view.ends
    n, last = len(text), len(starts) - 1
    search = regex.search
    pos = 0
    for a, b in _slots(view, plan):
        lo = starts[a] if a > 0 else 0
        hi = starts[b + 1] if b < last else n  # the latest start
        cut = b + plan.reach + 2 if plan.reach is not None else last + 1
        endpos = min(n, ends[cut] + 1) if cut <= last else n
        p = max(pos, lo)
        while p <= hi:
            m = search(text, p, endpos)
            if m is None or m.start() > hi:
                break
            yield m
            p = pos = m.end()


def find_timexes(doc: Doc | Any, anchor: dt.date | None, *, offset: int = 0) -> list[Timex]:
    """Time expressions in a spaCy ``Doc`` (or ``Span``), resolved against ``anchor``.

    Offsets are in the coordinates of the underlying Doc's text (a Span's own offsets are
    kept), plus ``offset`` (for a Doc built from part of ``Document.text``).
    Durations are returned with ``value=None``; ages and bare numbers are not returned.
    """
    return _find_timexes(doc, anchor, offset, prefilter=True)


def _find_timexes(doc: Doc | Any, anchor: dt.date | None, offset: int, *, prefilter: bool) -> list[Timex]:
    """``find_timexes``; ``prefilter=False`` runs every rule over the whole text (the reference)."""
    lex = _lexicon()
    full = doc.doc if hasattr(doc, "doc") and doc.doc is not doc else doc
    base = getattr(doc, "start_char", 0) if full is not doc else 0
    text = text_of(doc) if full is doc else doc.text
    # character -> entity label (None outside entities), for the vetoes below
    ent_at: list[str | None] = [None] * len(text)
    for e in doc.ents:
        a, b = max(0, e.start_char - base), min(len(text), e.end_char - base)
        if a < b:
            ent_at[a:b] = [e.label_] * (b - a)

    def tag_after(end: int) -> str:
        """The tag of the first token starting after ``end`` (a local offset)."""
        sp = full.char_span(end + base, min(len(text), end + 40) + base, alignment_mode="contract")
        return sp[0].tag_ if sp is not None and len(sp) else ""

    view = _View(text, lex.anchor_index) if prefilter and lex.anchor_index else None
    cands: list[_Cand] = []
    for idx, rule in enumerate(lex.rules):
        if view is None or rule.scan is None:
            matches: Iterator[re.Match[str]] = rule.regex.finditer(text)
        else:
            matches = _scan(rule.regex, rule.scan, view)
        for m in matches:
            s, e = m.span()
            if e <= s:
                continue
            ctx = _Ctx(anchor=anchor, text=text, strict=True,
                       prev=text[max(0, s - 40):s], nxt=text[e:e + 40])
            if rule.check and not rule.check(m, ctx):
                continue
            if not _ner_ok(rule, m, ctx, ent_at, tag_after):
                continue
            cands.append(_Cand(_trimmed_start(rule, m), e, idx, m))

    # longest first, then earliest, then rule order; no overlaps
    cands.sort(key=lambda c: (-(c.end - c.start), c.start, c.rule_index))
    taken: list[_Cand] = []
    for c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.start)

    out: list[Timex] = []
    ref: Gran | None = None
    ref_quarter: Gran | None = None
    for c in taken:
        rule = lex.rules[c.rule_index]
        s, e = c.start, c.end
        pm = _PREP_BEFORE.search(text[max(0, s - 20):s])
        prep = _norm(pm.group(1)) if pm else ""
        if prep in lex.deadline_preps and prep != "before":
            # "until Tuesday", "by Oct. 31": the verb's tense says little ("has given them until
            # Tuesday", "had filed by Wednesday"); take the nearest occurrence
            tense_fn: Callable[[], Any] = _tense_nearest
        elif prep == "since":
            tense_fn = _tense_past
        else:
            tense_fn = functools.partial(_governing_tense, full, s + base, e + base)
        ctx = _Ctx(anchor=anchor, text=text, strict=True, ref=ref, ref_quarter=ref_quarter, tense_fn=tense_fn,
                   prev=text[max(0, s - 40):s], nxt=text[e:e + 40])
        res = _resolve_match(rule, c.match, ctx)
        if res is None:
            continue
        if prep:
            res = _apply_prep(res, prep)
        span = Span(s + base + offset, e + base + offset, text[s:e])
        value = replace(res.value, span=span, source="text") if res.value else None
        out.append(Timex(span, value, res.reason, res.timeml))
        if res.gran is not None and res.anchoring and res.gran[0] not in ("decade", "century"):
            ref = res.gran
            if res.gran[0] == "quarter":
                ref_quarter = res.gran
    return out


_PREP_BEFORE = re.compile(
    r"(?:^|\s)(no\s+later\s+than|not\s+later\s+than|by|until|till|before|since|starting|beginning|from)\s*$",
    re.IGNORECASE)


def _trimmed_start(rule: _Rule, m: re.Match[str]) -> int:
    """TimeML leaves possessives and articles of an adjectival quarter outside the span:
    "its <fourth quarter>", "a <third-quarter> loss"; "the third quarter" keeps its article."""
    if rule.name != "quarter" or not m.group("det") or m.group("mod"):
        return m.start()
    det = m.group("det").lower()
    hyphenated = bool(re.search(r"\w-quarter", m.group(), re.I))
    if det in ("its", "their", "his", "her", "our", "a", "that") or (det == "the" and hyphenated):
        return m.end("det") + _ws_after(m, "det")
    return m.start()


def _ws_after(m: re.Match[str], group: str) -> int:
    rest = m.string[m.end(group):]
    return len(rest) - len(rest.lstrip())


def _ner_ok(rule: _Rule, m: re.Match[str], ctx: _Ctx, ent_at: list[str | None], tag_after: Callable[[int], str]) -> bool:
    """spaCy vetoes: numbers that are not years, month or day names inside names."""
    s, e = m.span()
    labels = set(ent_at[s:e]) - {None}
    if rule.weak and not (m.group("mod") or m.group("pre")):
        # a bare four-digit number: a year after a temporal preposition or where spaCy says DATE,
        # not before a plural noun ("2000 soldiers") nor inside a MONEY/PERCENT/QUANTITY
        if labels & {"MONEY", "PERCENT", "QUANTITY"}:
            return False
        if "DATE" not in labels and tag_after(e) in ("NNS", "NNPS"):
            return False
        prev = _prev_word(ctx)
        if "DATE" not in labels and prev not in _STRONG_YEAR_PREPS:
            if labels & _NUMBER_ENTS:
                return False
            if prev not in _YEAR_PREPS and not re.match(r"['’]s\b", ctx.nxt):
                return False
    if rule.name in ("month", "weekday", "season", "holiday", "year", "ref") and labels & _NAME_ENTS and "DATE" not in labels:
        return False
    if rule.needs_date_ent:
        return all(ent_at[i] == "DATE" for i in range(s, e) if not m.string[i].isspace())
    return True


_STRONG_YEAR_PREPS = {"in", "since", "by", "until", "till", "through", "throughout", "during", "before",
                      "after", "for", "from", "to", "of", "between", "early", "late", "mid", "fiscal"}
