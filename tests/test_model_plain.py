"""accord.model.plain gives what dataclasses.asdict gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from accord.model import Actor, DateValue, Event, Span, plain


@dataclass
class Inner:
    day: dt.date
    spans: tuple[Span, ...]
    scores: dict[str, list[float]] = field(default_factory=dict)


@dataclass
class Outer:
    name: str
    inner: list[Inner]
    event: Event | None = None


def test_plain_equals_asdict_and_copies():
    ev = Event(type="CONSULT", doc_id="d", mentions=[Span(0, 3, "met")], trigger=Span(0, 3, "met"),
               actor=[Actor("Aliyev", "AZE")], date=DateValue("2024-01", "month"))
    value = Outer("x", [Inner(dt.date(2024, 1, 2), (Span(1, 2, "a"),), {"k": [1.5, 2.0]})], ev)
    got = plain(value)
    assert got == asdict(value)
    assert isinstance(got["inner"][0]["spans"], tuple)  # tuples stay tuples, as in asdict
    got["inner"][0]["scores"]["k"].append(3.0)
    assert value.inner[0].scores["k"] == [1.5, 2.0]  # a copy, not the record's own list


@dataclass
class Empty:
    pass


@dataclass
class One:
    value: list[Empty]


class Names(list):
    """A list subclass: plain rebuilds it as a plain list (its JSON is the same)."""


def test_plain_equals_asdict_for_edge_shapes():
    value = Outer("y", [Inner(dt.date(2024, 1, 2), (), {"a": [], "b": [0.5]})])
    value.event = Event(type="AID", doc_id="d", mentions=[], trigger=Span(0, 1, "x"),
                        actor=[Actor("A", None)], recipient=[Actor("B", "UKR")], date=None)
    for v in (value, One([Empty(), Empty()]), Empty()):
        assert plain(v) == asdict(v)
    assert plain(One([Empty()])) == {"value": [{}]}
    got = plain({"k": Names(["a", Span(1, 2, "b")]), 3: (Span(0, 1, "c"),)})
    assert got == {"k": ["a", {"start": 1, "end": 2, "text": "b"}], 3: ({"start": 0, "end": 1, "text": "c"},)}
