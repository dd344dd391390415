"""Property-based fuzzing of the date resolver: any expression against any anchor date (the
calendar's edges included) gives a value or None, never an exception."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from accord.timex import find_timexes, resolve, resolve_timex
from fuzzing import DATES, count, dates, fuzz, inputs, news_text, r_date, r_news

TENSES = ("past", "future", "auto")


def _expression(r):
    k = r.random()
    text = r.choice(DATES) if k < 0.5 else r_news(r, 6) if k < 0.9 else "".join(chr(r.randint(32, 0x2FF)) for _ in range(8))
    return text, r_date(r), r.choice(TENSES)


@fuzz(60_000)
@given(inputs(_expression, st.tuples(st.sampled_from(DATES) | news_text(6) | st.text(max_size=25), dates() | st.none(),
                                     st.sampled_from(TENSES))))
def test_resolve_any_expression_any_anchor(batch):
    for text, anchor, tense in count("timex_resolve", batch):
        value = resolve(text, anchor, tense=tense)
        timex = resolve_timex(text, anchor, tense=tense)
        if timex is not None:
            assert 0 <= timex.span.start <= timex.span.end <= len(text)
        # a value is a calendar date: four-digit years 0001-9999, never "0000", "-002" or "10000-01"
        assert value is None or (re.match(r"\d{4}(?:$|-)", value.value) and not value.value.startswith("0000"))


@fuzz(1_000, ci_examples=30)
@given(inputs(lambda r: (r_news(r, 30), r_date(r)), st.tuples(news_text(30), dates() | st.none())))
def test_find_timexes_in_parsed_text(coder, batch):
    for text, anchor in count("timex_find", batch):
        doc = coder.nlp(text)
        for t in find_timexes(doc, anchor):
            assert 0 <= t.span.start <= t.span.end <= len(text)
