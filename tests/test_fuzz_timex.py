"""Property-based fuzzing of the date resolver: any expression against any anchor date (the
calendar's edges included) gives a value or None, never an exception."""

from __future__ import annotations

import re

from fuzzing import DATES, dates, fuzz, news_text, r_news, seeded
from hypothesis import given
from hypothesis import strategies as st

from accord.timex import find_timexes, resolve, resolve_timex

TENSES = st.sampled_from(["past", "future", "auto"])


@fuzz(150_000)
@given(st.sampled_from(DATES) | seeded(lambda r: r_news(r, 6), news_text(6)) | st.text(max_size=25), dates() | st.none(),
       TENSES)
def test_resolve_any_expression_any_anchor(text, anchor, tense):
    value = resolve(text, anchor, tense=tense)
    timex = resolve_timex(text, anchor, tense=tense)
    if timex is not None:
        assert 0 <= timex.span.start <= timex.span.end <= len(text)
    # a value is a calendar date: four-digit years 0001-9999, never "0000", "-002" or "10000-01"
    assert value is None or (re.match(r"\d{4}(?:$|-)", value.value) and not value.value.startswith("0000"))


@fuzz(3_000, ci_examples=30)
@given(seeded(lambda r: r_news(r, 30), news_text(30)), dates() | st.none())
def test_find_timexes_in_parsed_text(coder, text, anchor):
    doc = coder.nlp(text)
    for t in find_timexes(doc, anchor):
        assert 0 <= t.span.start <= t.span.end <= len(text)
