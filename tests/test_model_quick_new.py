"""accord.model.quick_new builds the frozen records ``cls(...)`` builds."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.analytics.coverage import Dating
from accord.analytics.dyad import EventRow
from accord.model import Actor, Span, quick_new

texts = st.text(max_size=8)
maybe = st.none() | texts


@given(st.integers(), st.integers(), texts)
def test_a_span_equals_the_one_init_builds(start, end, text):
    made = quick_new(Span)(start, end, text)
    assert made == Span(start, end, text) and hash(made) == hash(Span(start, end, text))
    assert type(made) is Span


@given(texts, maybe, maybe, maybe, maybe, st.none() | st.builds(Span, st.integers(), st.integers(), texts),
       st.floats(allow_nan=False), texts)
def test_an_actor_equals_the_one_init_builds(text, country, sector, entity, role, span, confidence, reason):
    args = (text, country, sector, entity, role, span, confidence, reason)
    assert quick_new(Actor)(*args) == Actor(*args)


def test_what_it_builds_stays_frozen_and_takes_every_field_by_name_too():
    dating = quick_new(Dating)(id="e1", source="text", has_date=True, placed=True, documents=("d",))
    assert dating == Dating("e1", "text", True, True, ("d",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        dating.source = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        quick_new(Span)(1, 2)  # every field, no defaults


@dataclass(frozen=True, slots=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


@dataclass(frozen=True)
class _Unslotted:
    value: int


def test_classes_it_would_build_wrong_are_refused():
    for cls in (EventRow, _Checked, _Unslotted, int):
        with pytest.raises(TypeError):
            quick_new(cls)
