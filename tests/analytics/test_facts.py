"""EventFacts as records: the round trip gives back equal facts, and the report over facts read
back equals the report over the merged events (``dyad_analytics``)."""

from __future__ import annotations

import json

import pytest
from tests.analytics.test_dyad import table

from accord.analytics.dyad import direction_of, dyad_analytics, dyad_from_facts, event_facts
from accord.analytics.facts import FACTS_VERSION, facts_version, from_record, to_record
from accord.model import Document

TEXTS = {
    "d1": "Aliyev met Zelensky in Kyiv. Aliyev and Zelensky signed a memorandum on cooperation in the energy "
          "sector in Kyiv.",
    "d3": "Azerbaijan sent 40 power transformers to Ukraine. The aid arrived on Monday.",
    "d4": "Kuleba criticised Baku. The two sides will hold talks in Baku in June.",
}


def documents() -> dict[str, Document]:
    return {d: Document(id=d, text=t, origin=f"{d}.txt") for d, t in TEXTS.items()}


def test_round_trip_gives_equal_facts():
    docs = documents()
    for merged in table():
        facts = event_facts(merged, docs)
        back = from_record(json.loads(json.dumps(to_record(facts))))
        assert back == facts, merged.id


def test_a_record_keeps_each_sentence_once():
    docs = documents()
    planned = next(m for m in table() if m.id == "e5")
    facts = event_facts(planned, docs)
    assert facts.planned is not None and facts.planned.sentence == facts.act.sentence
    record = to_record(facts)
    assert record["planned"][1] is None  # the same as the act's: not written twice
    assert json.dumps(record).count("hold talks in Baku in June") <= 2  # the mention and the act's sentence


@pytest.mark.parametrize(("directed", "period"), [(False, "month"), (True, "quarter"), (False, "year")])
def test_report_over_facts_read_back_equals_dyad_analytics(directed, period):
    docs = documents()
    events = table()
    expected = dyad_analytics(events, "AZE", "UKR", directed=directed, period=period, documents=docs)
    facts = [from_record(json.loads(json.dumps(to_record(event_facts(m, docs)))))
             for m in events if direction_of(m.event, "AZE", "UKR", False)]
    others = [m for m in events if not direction_of(m.event, "AZE", "UKR", False)]
    got = dyad_from_facts(facts, "AZE", "UKR", directed=directed, period=period, others=others, documents=docs)
    assert got.to_dict() == expected.to_dict()
    assert got.events == 7 and got.counted == 6  # e7 is AZE-ARM; e6 is negated


def test_facts_of_other_pairs_are_left_out():
    docs = documents()
    facts = [event_facts(m, docs) for m in table()]
    report = dyad_from_facts(facts, "AZE", "ARM", documents=docs)
    assert [r.id for r in report.rows] == ["e7"]


def test_version_names_the_record_shape_and_the_lexicon():
    version = facts_version()
    assert version.startswith(f"{FACTS_VERSION}:") and len(version.split(":")) == 3
    assert facts_version() == version  # the same within a process: records are comparable
