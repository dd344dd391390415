"""accord.timex: detection on small hand-made sentences, resolution, tense."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.model import DateValue
from accord.timex import Timex, find_timexes, resolve, resolve_timex, tense_of

ANCHOR = dt.date(2020, 6, 18)  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    from accord.nlp.loader import load_model

    return load_model()


def found(nlp, text: str, anchor: dt.date | None = ANCHOR) -> list[Timex]:
    return find_timexes(nlp(text), anchor)


def only(nlp, text: str, anchor: dt.date | None = ANCHOR) -> Timex:
    txs = found(nlp, text, anchor)
    assert len(txs) == 1, [t.span.text for t in txs]
    return txs[0]


def vp(tx: Timex) -> tuple[str, str] | None:
    return None if tx.value is None else (tx.value.value, tx.value.precision)


# --- resolve(): one expression, no parser needed ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "tense", "value", "precision"),
    [
        # today / yesterday / tomorrow / tonight
        ("today", "auto", "2020-06-18", "day"),
        ("yesterday", "auto", "2020-06-17", "day"),
        ("tomorrow", "auto", "2020-06-19", "day"),
        ("tonight", "auto", "2020-06-18", "day"),
        # weekdays: tense decides
        ("on Monday", "past", "2020-06-15", "day"),
        ("on Monday", "future", "2020-06-22", "day"),
        ("Monday", "auto", "2020-06-15", "day"),
        ("last Friday", "auto", "2020-06-12", "day"),
        ("next Friday", "auto", "2020-06-19", "day"),
        ("Thursday", "past", "2020-06-18", "day"),
        # day and month
        ("on June 17", "auto", "2020-06-17", "day"),
        ("June 17, 2020", "auto", "2020-06-17", "day"),
        ("17 June", "past", "2020-06-17", "day"),
        ("Jan. 5", "past", "2020-01-05", "day"),
        ("Jan. 5", "future", "2021-01-05", "day"),
        ("5 January 2024", "auto", "2024-01-05", "day"),
        ("the 5th of January, 2024", "auto", "2024-01-05", "day"),
        ("Friday, June 19", "auto", "2020-06-19", "day"),
        # months
        ("in October", "future", "2020-10", "month"),
        ("in October", "past", "2019-10", "month"),
        ("in May", "auto", "2020-05", "month"),
        ("October 2019", "auto", "2019-10", "month"),
        ("last April", "auto", "2020-04", "month"),
        ("next January", "auto", "2021-01", "month"),
        ("mid-November", "past", "2019-11", "month"),
        # this/last/next unit, earlier/later
        ("last week", "auto", "2020-06", "month"),
        ("this week", "auto", "2020-06", "month"),
        ("next month", "auto", "2020-07", "month"),
        ("last month", "auto", "2020-05", "month"),
        ("this year", "auto", "2020", "year"),
        ("last year", "auto", "2019", "year"),
        ("next year", "auto", "2021", "year"),
        ("earlier this month", "auto", "2020-06", "month"),
        ("later this year", "auto", "2020", "year"),
        ("early next year", "auto", "2021", "year"),
        # years
        ("in 2026", "auto", "2026", "year"),
        ("mid-2021", "auto", "2021", "year"),
        ("fiscal 1999", "auto", "1999", "year"),
        ("since 2014", "auto", "2014", "year"),
        # quarters and halves
        ("the first quarter of 2020", "auto", "2020-Q1", "quarter"),
        ("Q3 2021", "auto", "2021-Q3", "quarter"),
        ("Q1", "past", "2020-Q1", "quarter"),
        ("the third quarter", "past", "2019-Q3", "quarter"),
        ("the third quarter", "future", "2020-Q3", "quarter"),
        ("the current quarter", "auto", "2020-Q2", "quarter"),
        ("last quarter", "auto", "2020-Q1", "quarter"),
        ("this year's third quarter", "auto", "2020-Q3", "quarter"),
        ("the second half of 2021", "auto", "2021", "year"),
        # seasons (year precision, documented)
        ("this summer", "auto", "2020", "year"),
        ("last winter", "auto", "2019", "year"),
        ("the spring of 2019", "auto", "2019", "year"),
        # ends and deadlines
        ("by the end of 2020", "auto", "2020", "year"),
        ("by year-end", "auto", "2020", "year"),
        ("end of March", "past", "2020-03", "month"),
        ("the end of the month", "auto", "2020-06", "month"),
        # the coming days/weeks/months: near future at the anchor's month/year
        ("in the coming days", "auto", "2020-06", "month"),
        ("in the coming weeks", "auto", "2020-06", "month"),
        ("in the coming months", "auto", "2020", "year"),
        # X ago
        ("three days ago", "auto", "2020-06-15", "day"),
        ("two weeks ago", "auto", "2020-06", "month"),
        ("six months ago", "auto", "2019-12", "month"),
        ("five years ago", "auto", "2015", "year"),
        ("a decade ago", "auto", "2010", "year"),
        # ISO and numeric
        ("2024-01-05", "auto", "2024-01-05", "day"),
        ("01/05/2024", "auto", "2024-01-05", "day"),
        ("17.06.2020", "auto", "2020-06-17", "day"),
        ("25/12/2019", "auto", "2019-12-25", "day"),
        # holidays
        ("Christmas", "past", "2019-12-25", "day"),
        ("Thanksgiving 2019", "auto", "2019-11-28", "day"),
    ],
)
def test_resolve(text: str, tense: str, value: str, precision: str) -> None:
    got = resolve(text, ANCHOR, tense=tense)  # type: ignore[arg-type]
    assert got is not None, text
    assert (got.value, got.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("on June 17", "point"),
        ("in 2026", "interval"),
        ("this year", "interval"),
        ("the first quarter of 2020", "interval"),
        ("by the end of 2020", "deadline"),
        ("until March", "deadline"),
        ("in the coming days", "interval"),
        ("since 2014", "interval"),
    ],
)
def test_resolve_kind(text: str, kind: str) -> None:
    got = resolve(text, ANCHOR)
    assert got is not None and got.kind == kind


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("for many years", "duration"),
        ("two weeks", "duration"),
        ("the 1990s", "decade"),
        ("recently", "vague past"),
        ("the future", "vague future"),
        ("in the coming years", "vague future"),
    ],
)
def test_resolve_none_with_reason(text: str, reason: str) -> None:
    assert resolve(text, ANCHOR) is None
    tx = resolve_timex(text, ANCHOR)
    assert tx is not None and tx.value is None and reason in tx.reason


def test_timeml_values() -> None:
    def tm(text: str) -> str:
        tx = resolve_timex(text, ANCHOR)
        assert tx is not None
        return tx.timeml

    assert tm("the 1990s") == "199"
    assert tm("last week") == "2020-W24"
    assert tm("the weekend") == "2020-W25-WE"  # nearest to a Thursday: the coming one
    assert tm("this summer") == "2020-SU"
    assert tm("the second half of 2021") == "2021-H2"
    assert tm("now") == "PRESENT_REF"
    assert tm("recently") == "PAST_REF"
    assert tm("the 20th century") == "19"


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value"),
    [
        # a week across two months: the month holding most of its days (its Thursday's)
        ("next week", dt.date(2024, 5, 20), "auto", "2024-05"),  # 27 May - 2 June
        ("last week", dt.date(2024, 7, 5), "auto", "2024-06"),  # 24 - 30 June
        ("this week", dt.date(2024, 5, 1), "auto", "2024-05"),  # 29 April - 5 May
        # the part of this week before or after the document date
        ("earlier this week", dt.date(2024, 5, 1), "auto", "2024-04"),  # 29 - 30 April
        ("later this week", dt.date(2024, 4, 30), "auto", "2024-05"),  # 1 - 5 May
        ("this week", dt.date(2024, 5, 1), "past", "2024-04"),  # 29 April - 1 May: mostly April
        ("this week", dt.date(2024, 4, 30), "future", "2024-05"),  # 30 April - 5 May
    ],
)
def test_weeks_across_months(text: str, anchor: dt.date, tense: str, value: str) -> None:
    tx = resolve_timex(text, anchor, tense=tense)  # type: ignore[arg-type]
    assert tx is not None and tx.value is not None
    assert (tx.value.value, tx.value.precision) == (value, "month")
    assert tx.timeml.startswith(f"{anchor.isocalendar()[0]}-W")  # TimeML keeps the week


def test_resolve_without_anchor() -> None:
    assert resolve("June 17, 2020", None) == DateValue("2020-06-17", "day", "point", source="text")
    assert resolve("on Monday", None) is None
    tx = resolve_timex("on Monday", None)
    assert tx is not None and tx.reason == "no anchor date"


def test_resolve_rejects_non_dates() -> None:
    for text in ("the 34th anniversary", "we", "two hundred", "hello"):
        assert resolve(text, ANCHOR) is None, text


# --- find_timexes(): detection in sentences ----------------------------------------------------
@pytest.mark.slow
def test_weekday_follows_tense(nlp) -> None:
    assert vp(only(nlp, "The ministers met on Monday.")) == ("2020-06-15", "day")
    assert vp(only(nlp, "The ministers will meet on Monday.")) == ("2020-06-22", "day")
    assert vp(only(nlp, "The talks are expected to resume on Monday.")) == ("2020-06-22", "day")
    assert vp(only(nlp, "The summit is to be held on Monday.")) == ("2020-06-22", "day")
    tx = only(nlp, "The ministers met on Monday.")
    assert "Monday" in tx.reason and "2020-06-18" in tx.reason and "past" in tx.reason


@pytest.mark.slow
def test_possessive_weekday(nlp) -> None:
    monday = dt.date(2024, 5, 20)
    # a past verb: last Tuesday, though tomorrow is nearer
    assert vp(only(nlp, "Tuesday's attack killed five soldiers.", monday)) == ("2024-05-14", "day")
    # otherwise the nearest Tuesday
    assert vp(only(nlp, "Tuesday's vote will decide the matter.", monday)) == ("2024-05-21", "day")


@pytest.mark.slow
def test_month_follows_tense(nlp) -> None:
    assert vp(only(nlp, "The president will visit Baku in October.")) == ("2020-10", "month")
    assert vp(only(nlp, "The president visited Baku in October.")) == ("2019-10", "month")


@pytest.mark.slow
def test_spans_leave_prepositions_out(nlp) -> None:
    text = "Troops will withdraw by the end of 2020, the ministry said on June 17."
    txs = found(nlp, text)
    assert [t.span.text for t in txs] == ["the end of 2020", "June 17"]
    end, june = txs
    assert text[end.span.start:end.span.end] == "the end of 2020"
    assert end.value == DateValue("2020", "year", "deadline", span=end.span, source="text")
    assert (june.value.value, june.value.kind) == ("2020-06-17", "point")


@pytest.mark.slow
def test_seed_like_sentences(nlp) -> None:
    text = ("Khalafov expressed satisfaction with the level of trade turnover in the first quarter of 2020. "
            "Today, a productive meeting took place. Joint plans for 2026 were outlined, and the "
            "cooperation in 2025 was summarized. Mutual trade may break a record this year.")
    got = {t.span.text: vp(t) for t in found(nlp, text)}
    assert got == {
        "the first quarter of 2020": ("2020-Q1", "quarter"),
        "Today": ("2020-06-18", "day"),
        "2026": ("2026", "year"),
        "2025": ("2025", "year"),
        "this year": ("2020", "year"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan celebrates the 34th anniversary of its independence.",
        "A 40-year-old man was arrested.",
        "The man, 40 years old, was arrested.",
        "The army sent 2,000 troops and 1500 soldiers.",
        "He may visit the capital.",
        "Thousands march on the capital.",
        "After the fall of the Berlin Wall, trade grew.",
        "The Arab Spring changed the region.",
        "He wrote in the Sunday Times.",
        "We met them.",
    ],
)
@pytest.mark.slow
def test_non_dates_are_not_found(nlp, text: str) -> None:
    assert found(nlp, text) == []


@pytest.mark.slow
def test_durations_are_found_without_value(nlp) -> None:
    tx = only(nlp, "The two countries have been allies for many years.")
    assert tx.span.text == "many years" and tx.value is None and tx.reason.startswith("duration")
    tx = only(nlp, "The visit lasted two weeks.")
    assert tx.value is None and tx.timeml == "P2W"


@pytest.mark.slow
def test_relative_families(nlp) -> None:
    cases = {
        "He said earlier this month that talks had failed.": ("earlier this month", ("2020-06", "month")),
        "Talks will resume later this year.": ("later this year", ("2020", "year")),
        "The minister visited Paris last week.": ("last week", ("2020-06", "month")),
        "A deal is expected in the coming days.": ("the coming days", ("2020-06", "month")),
        "The rebels attacked the town three days ago.": ("three days ago", ("2020-06-15", "day")),
        "The two countries have cooperated since 2014.": ("2014", ("2014", "year")),
        "Growth will slow in the second half of 2021.": ("the second half of 2021", ("2021", "year")),
        "The leaders will meet this summer.": ("this summer", ("2020", "year")),
        "The deal should close by year-end.": ("year-end", ("2020", "year")),
        "Sales fell 5% in Q3.": ("Q3", ("2019-Q3", "quarter")),
        "Construction will finish by mid-2021.": ("mid-2021", ("2021", "year")),
        "The treaty dates from the 1990s.": ("the 1990s", None),
        "Prices have risen recently.": ("recently", None),
    }
    for text, (span, value) in cases.items():
        tx = only(nlp, text)
        assert (tx.span.text, vp(tx)) == (span, value), text


@pytest.mark.slow
def test_explicit_formats(nlp) -> None:
    text = ("The report of 2024-01-05 covers Jan. 5, 5 January 2024 and 01/05/2024; "
            "the meeting took place on Thursday, June 18.")
    got = [(t.span.text, vp(t)) for t in found(nlp, text)]
    assert got == [
        ("2024-01-05", ("2024-01-05", "day")),
        ("Jan. 5", ("2020-01-05", "day")),
        ("5 January 2024", ("2024-01-05", "day")),
        ("01/05/2024", ("2024-01-05", "day")),
        ("Thursday, June 18", ("2020-06-18", "day")),
    ]


@pytest.mark.slow
def test_anaphora_uses_last_date(nlp) -> None:
    text = "The treaty was signed in March 2015. The following year, it was ratified."
    txs = found(nlp, text)
    assert [(t.span.text, vp(t)) for t in txs] == [
        ("March 2015", ("2015-03", "month")),
        ("The following year", ("2016", "year")),
    ]


@pytest.mark.slow
def test_no_anchor(nlp) -> None:
    txs = found(nlp, "The deal signed on June 17, 2020 takes effect on Monday.", anchor=None)
    assert vp(txs[0]) == ("2020-06-17", "day")
    assert txs[1].value is None and txs[1].reason == "no anchor date"


@pytest.mark.slow
def test_offsets_for_span_and_offset(nlp) -> None:
    doc = nlp("Nothing happened. The ministers met on Monday in Baku.")
    sent = list(doc.sents)[1]
    tx = find_timexes(sent, ANCHOR)[0]
    assert (tx.span.start, tx.span.end) == (39, 45) and doc.text[39:45] == "Monday"
    shifted = find_timexes(doc, ANCHOR, offset=100)[0]
    assert (shifted.span.start, shifted.span.end) == (139, 145)
    assert shifted.value is not None and shifted.value.span == shifted.span


# --- tense_of ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "trigger", "tense"),
    [
        ("The ministers will meet in Baku.", "meet", "future"),
        ("The ministers shall meet in Baku.", "meet", "future"),
        ("They'll meet in Baku.", "meet", "future"),
        ("The president plans to visit Baku.", "visit", "future"),
        ("The minister is expected to sign the deal.", "sign", "future"),
        ("The summit is to be held in Baku.", "held", "future"),
        ("The ministers met in Baku.", "met", "past"),
        ("The ministers have signed the deal.", "signed", "past"),
        ("The deal was signed in Baku.", "signed", "past"),
        ("The president signs the deal.", "signs", "auto"),
    ],
)
@pytest.mark.slow
def test_tense_of(nlp, text: str, trigger: str, tense: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    assert tense_of(token) == tense


# --- the prefilter (each rule searched only near its anchors) changes nothing -----------------
# Every rule family, with matches that cross line breaks, runs of spaces and hyphens, start a
# paragraph or end the text; ages, numbers that are not years, and names that are not dates.
PREFILTER_TEXT = (
    "WASHINGTON - On Monday, June 15, 2020, the ministers met; they meet again on Friday, the "
    "19th of June, and on Sept.\n11,  2021. The accord of 2020-05-17 replaced the one of "
    "12/05/2019 (signed 5 January 2019). In March 2019 and again in mid-March, early\nnext year, then last April, "
    "in May and next October, talks stalled. Sales in the third quarter of 2019, the "
    "fourth-quarter loss, Q3 2019 and the year-earlier quarter fell; the same period last year "
    "they rose, as in the 1988 period and the latest period, before the year-end. In the first "
    "half of 2021 and the second half they plan more. This summer, last winter and in the fall "
    "of 2018 the army moved 2000 troops; 1999 soldiers; in 1999 it ended. In the 1990s and "
    "the late eighties, in the early 21st century and the twentieth century, life changed. Last "
    "week, earlier this month, the following day and that morning, the day before, yesterday, "
    "tonight, and early today, officials said. Two years ago, six weeks earlier, three months "
    "later and a year-ago level; for three weeks, the past 10 years, two-and-a-half years, "
    "several months, a 40-year-old man, 40 years old, the whole year. On Christmas Eve, "
    "Thanksgiving and New Year's Day 2021 they rest. Now, currently, recently, in the coming "
    "weeks and in the near future, things change.\n\nJune Carter sang in May. The Arab Spring "
    "began. By the end of 2020, since 2014, until Tuesday, no later than Oct. 31.\nJanuary\n\n"
    "2020 was cold, WEDNESDAY too, and on the 5th of   January , 2024 it snowed. Fri. and "
    "Sat. , next Friday morning of next week, the day after tomorrow and last night: Q4"
)


def test_every_rule_is_planned() -> None:
    """A rule the planner cannot read would silently run everywhere again."""
    from accord.timex import _lexicon

    unplanned = [r.name for r in _lexicon().rules if r.scan is None]
    assert unplanned == []
    assert len(_lexicon().rules) >= 28


@pytest.mark.slow
def test_prefilter_changes_nothing(nlp) -> None:
    from accord.timex import _find_timexes, _lexicon

    rules_hit = {r.name for r in _lexicon().rules if r.regex.search(PREFILTER_TEXT)}
    assert rules_hit == {r.name for r in _lexicon().rules}  # the text exercises every rule
    doc = nlp(PREFILTER_TEXT)
    for anchor in (ANCHOR, dt.date(2021, 1, 1), None):
        fast = find_timexes(doc, anchor)
        reference = _find_timexes(doc, anchor, 0, prefilter=False)
        assert len(fast) > 60
        assert fast == reference
        assert [(t.span, t.value, t.reason, t.timeml) for t in fast] == [
            (t.span, t.value, t.reason, t.timeml) for t in reference]
    texts = {t.span.text for t in find_timexes(doc, ANCHOR)}
    assert {"January\n\n2020", "Sept.\n11,  2021", "mid-March", "early\nnext year", "Q4"} <= texts
    # and within a sentence (a Span)
    for sent in doc.sents:
        assert find_timexes(sent, ANCHOR, offset=7) == _find_timexes(sent, ANCHOR, 7, prefilter=False)


def _random_texts(n: int, seed: int) -> list[str]:
    """Texts made of the rules' own words, numbers, punctuation and every kind of separator."""
    import random
    import re

    from accord.timex import _lexicon

    words = set()
    for rule in _lexicon().rules:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", rule.regex.pattern))
    words |= {"the", "a", "of", "2020", "1999", "'99", "’80s", "Q3", "2020-05-17", "12/05/2021", "3.5", "1990s",
              "21st", "3rd", "%", "percent", "per", "cent", "troops", "2,000", "year-end", "third-quarter",
              "Jan.", "Sept.", "Fri.", "US$", "ſept", "\u212aK", "İ", "ı", "’s", "(", "\"", ",", ".", ";", "/", "#"}
    vocab = sorted(words)
    seps = [" ", " ", " ", "  ", "\n", "\n\n", "-", " - ", "\t", "\u00a0", "\u2009", "", ",", ", ", ". ", "-\n"]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 30)):
            w = rng.choice(vocab)
            r = rng.random()
            parts.append((w.upper() if r < 0.1 else w.capitalize() if r < 0.4 else w) + rng.choice(seps))
        out.append(("" if rng.random() < 0.7 else rng.choice(seps)) + "".join(parts))
    return out


def test_prefilter_finds_what_finditer_finds() -> None:
    """Rule by rule, on random texts: the same matches (spans and groups) in the same order."""
    from accord.timex import _lexicon, _scan, _View

    lex = _lexicon()
    assert lex.anchor_index is not None
    total = 0
    for text in _random_texts(1500, seed=7):
        view = _View(text, lex.anchor_index)
        for rule in lex.rules:
            assert rule.scan is not None
            expected = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
            got = [(m.span(), m.groupdict()) for m in _scan(rule.regex, rule.scan, view)]
            assert got == expected, (rule.name, text)
            total += len(expected)
    assert total > 3000  # the texts do hold matches


def test_prefilter_character_tables() -> None:
    """The separators are exactly what \\s matches (plus "-"), and folding maps every character
    that matches an anchor character under IGNORECASE onto it, keeping the length."""
    import re

    from accord.timex import _SPACES, _fold_text, _lexicon

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert set(re.findall(r"\s", everything)) == _SPACES
    assert {c for c in everything if c.isspace()} == _SPACES
    folded = _fold_text(everything)
    assert len(folded) == len(everything)
    index = _lexicon().anchor_index
    assert index is not None
    anchor_chars = {c for strings in index.sets for s in strings for c in s}
    assert {"a", "q", "1", "."} <= anchor_chars
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(anchor_chars)) + "]", re.IGNORECASE)
    for m in pattern.finditer(everything):
        c = m.group()
        assert folded[m.start()] in anchor_chars, hex(ord(c))
        assert re.fullmatch(re.escape(folded[m.start()]), c, re.IGNORECASE), hex(ord(c))
    assert _fold_text("İſ\u212aı Q") == "isk" + "i q"


@pytest.mark.parametrize("text", ["next Monday", "last Friday", "tomorrow", "next year", "two weeks ago",
                                  "in three months", "yesterday", "next week"])
@pytest.mark.parametrize("anchor", [dt.date.max, dt.date.min])
def test_resolution_at_the_calendars_ends_gives_no_date_instead_of_overflowing(text, anchor):
    value = resolve(text, anchor)  # must not raise OverflowError / ValueError
    assert value is None or value.value
