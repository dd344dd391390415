"""Dyad analytics on a hand-made table of merged events with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.analytics.dyad import (
    agreement_title,
    counted_type,
    direction_of,
    dyad_analytics,
    event_score,
    period_range,
)
from accord.model import Actor, DateValue, Document, Event, MergedEvent, Span, singletons

ALIYEV = Actor("Aliyev", "AZE", "GOV", "Ilham Aliyev", "president")
ZELENSKY = Actor("Zelensky", "UKR", "GOV", "Volodymyr Zelensky", "president")
KULEBA = Actor("Kuleba", "UKR", "GOV", "Dmytro Kuleba", "foreign minister")
AZE, UKR, ARM = Actor("Azerbaijan", "AZE"), Actor("Ukraine", "UKR"), Actor("Armenia", "ARM")


def me(id_: str, type_: str, actor: list[Actor], recipient: list[Actor] = (), *, status: str = "occurred",
       date: str | None = None, reported: str | None = None, docs: tuple[str, ...] = ("d1",),
       evidence: str = "", mode: str | None = None, contexts: tuple[str, ...] = (),
       intensity: float | None = None) -> MergedEvent:
    text = evidence or f"{id_} evidence"
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""), "day")
    ev = Event(type=type_, doc_id=docs[0], mentions=[Span(0, len(text), text)], trigger=Span(0, 1, text[:1]),
               mode=mode, actor=list(actor), recipient=list(recipient), status=status,  # type: ignore[arg-type]
               date=DateValue(date, precision) if date else None, contexts=list(contexts), intensity=intensity,
               id=id_)
    day = dt.date.fromisoformat(reported) if reported else None
    return MergedEvent(id=id_, event=ev, members=[id_], documents=list(docs), sources=["Report"],
                       num_mentions=1, first_reported=day, last_reported=day)


def table() -> list[MergedEvent]:
    """Scores from data/plover_types.tsv: CONSULT 2.5, SUPPORT 5, AID 10, ACCUSE -3, AGREE 2.5,
    COOPERATE 9.5, THREATEN -6."""
    return [
        me("e1", "CONSULT", [ALIYEV], [ZELENSKY], date="2024-01-15", reported="2024-01-15", docs=("d1", "d2"),
           contexts=("diplomatic",)),
        me("e2", "SUPPORT", [ALIYEV, ZELENSKY], date="2024-01-15", reported="2024-01-15", docs=("d1",),
           evidence="Aliyev and Zelensky signed a memorandum on cooperation in the energy sector in Kyiv",
           contexts=("diplomatic", "economic")),
        me("e3", "AID", [AZE], [UKR], date="2024-02-03", reported="2024-02-04", docs=("d3",),
           evidence="Azerbaijan sent 40 power transformers to Ukraine", contexts=("economic",)),
        me("e4", "ACCUSE", [KULEBA], [AZE], date="2024-03-20", reported="2024-03-20", docs=("d4",)),
        # a promise: counted as AGREE in March (reported), listed as planned for June
        me("e5", "CONSULT", [AZE, UKR], status="planned", date="2024-06", reported="2024-03-20", docs=("d4",),
           evidence="The two sides will hold talks in Baku in June", contexts=("diplomatic",)),
        me("e6", "THREATEN", [UKR], [AZE], status="negated", date="2024-03-21", reported="2024-03-21",
           docs=("d4",)),
        me("e7", "CONSULT", [ALIYEV], [Actor("Pashinyan", "ARM", "GOV", "Nikol Pashinyan")], date="2024-02-10",
           reported="2024-02-10", docs=("d9",)),
        me("e8", "COOPERATE", [AZE, UKR], reported="2024-05-02", docs=("d5",)),
    ]


@pytest.fixture()
def report():
    return dyad_analytics(table(), "AZE", "UKR")


def test_only_dyad_events_and_each_merged_event_once(report):
    ids = [r.id for r in report.rows]
    assert "e7" not in ids  # AZE-ARM
    assert sorted(ids) == ["e1", "e2", "e3", "e4", "e5", "e6", "e8"]
    assert report.events == 7 and report.counted == 6  # e6 is negated
    twice = dyad_analytics(table() + table()[:3], "AZE", "UKR")
    assert twice.events == 7 and twice.counted == 6


def test_counts_and_index_per_month(report):
    got = {p.period: (p.events, p.documents, p.score_sum, p.score_mean, p.per_document) for p in report.periods}
    assert got == {
        "2024-01": (2, 2, 7.5, 3.75, 3.75),  # e1 (2.5, docs d1+d2) + e2 (5, d1): 7.5 over 2 documents
        "2024-02": (1, 1, 10.0, 10.0, 10.0),  # e3 AID
        "2024-03": (2, 1, -0.5, -0.25, -0.5),  # e4 ACCUSE -3 + e5 planned CONSULT as AGREE 2.5, both in d4
        "2024-04": (0, 0, 0.0, None, None),  # a quiet month in between is still a period
        "2024-05": (1, 1, 9.5, 9.5, 9.5),  # e8 has no date of its own: dated by its first report
    }
    assert report.series("AZE-UKR")[0].event_ids == ["e1", "e2"]
    assert (report.first, report.last) == ("2024-01-15", "2024-05-02")


def test_quarter_and_year_periods():
    q = dyad_analytics(table(), "AZE", "UKR", period="quarter")
    assert [(p.period, p.events, p.score_sum) for p in q.periods] == [("2024-Q1", 5, 17.0), ("2024-Q2", 1, 9.5)]
    y = dyad_analytics(table(), "UKR", "AZE", period="year")
    assert [(p.period, p.events) for p in y.periods] == [("2024", 6)]
    with pytest.raises(ValueError, match="period"):
        dyad_analytics(table(), "AZE", "UKR", period="week")  # type: ignore[arg-type]


def test_by_type_and_quads(report):
    assert {t.type: t.events for t in report.by_type} == {
        "CONSULT": 1, "SUPPORT": 1, "AID": 1, "ACCUSE": 1, "AGREE": 1, "COOPERATE": 1,
    }
    assert "THREATEN" not in {t.type for t in report.by_type}
    assert {q.label: q.events for q in report.quads} == {
        "verbal cooperation": 3, "material cooperation": 2, "verbal conflict": 1, "material conflict": 0,
    }
    assert {q.quad: q.event_ids for q in report.quads}[2] == ["e3", "e8"]


def test_directed_keeps_directions_apart():
    r = dyad_analytics(table(), "AZE", "UKR", directed=True)
    assert r.directions == ["AZE->UKR", "UKR->AZE", "AZE<->UKR"]
    by_dir = {d: sorted(x.id for x in r.rows if x.direction == d) for d in r.directions}
    assert by_dir == {"AZE->UKR": ["e1", "e3"], "UKR->AZE": ["e4", "e6"], "AZE<->UKR": ["e2", "e5", "e8"]}
    sums = {(p.direction, p.period): p.score_sum for p in r.periods}
    assert sums[("AZE->UKR", "2024-02")] == 10.0
    assert sums[("UKR->AZE", "2024-03")] == -3.0
    assert sums[("AZE<->UKR", "2024-03")] == 2.5
    assert sums[("UKR->AZE", "2024-02")] == 0.0
    assert len(r.periods) == 3 * 5
    assert {(t.direction, t.type) for t in r.by_type} >= {("AZE->UKR", "AID"), ("UKR->AZE", "ACCUSE")}


def test_direction_of():
    ev = table()[2].event  # AZE -> UKR
    assert direction_of(ev, "AZE", "UKR", True) == "AZE->UKR"
    assert direction_of(ev, "UKR", "AZE", True) == "AZE->UKR"
    assert direction_of(ev, "UKR", "AZE", False) == "UKR-AZE"
    assert direction_of(ev, "AZE", "ARM", True) is None


def test_agreements_from_signing_evidence(report):
    assert [(g.event_id, g.title) for g in report.agreements] == [
        ("e2", "memorandum on cooperation in the energy sector"),
    ]
    assert "signed" in report.agreements[0].evidence
    assert report.agreements[0].date == "2024-01-15"


@pytest.mark.parametrize(("text", "title"), [
    ("the signing of a peace declaration this year by President Aliyev", "peace declaration"),
    ("Azerbaijan and Ukraine sign joint declaration on deepening strategic partnership",
     "joint declaration on deepening strategic partnership"),
    ("The presidents signed a declaration that records the main agreements", "declaration"),
    ("They signed a joint declaration of the Presidents of Ukraine and Azerbaijan",
     "joint declaration of the Presidents of Ukraine and Azerbaijan"),
    ("A memorandum on energy cooperation was signed following talks in Kyiv", "memorandum on energy cooperation"),
    ("The sides signed a memorandum of understanding on visa-free travel on June 17",
     "memorandum of understanding on visa-free travel"),
    ("Ukraine and Azerbaijan signed today", None),
    ("Ukraine, Azerbaijan sign joint declaration\nA joint declaration on partnership was signed", "joint declaration"),
])
def test_agreement_title(text, title):
    assert agreement_title(text) == title


def test_agreement_title_reads_the_sentence_when_the_mention_stops_short():
    text = "Aliyev and Zelensky signed a memorandum on trade in the field of agriculture. Later they dined."
    doc = Document(id="d1", text=text, published=dt.date(2024, 1, 15))
    mention = "Aliyev and Zelensky signed a memorandum"
    merged = me("s", "SUPPORT", [ALIYEV, ZELENSKY], date="2024-01-15", docs=("d1",), evidence=mention)
    r = dyad_analytics([merged], "AZE", "UKR", documents={"d1": doc})
    assert r.agreements[0].title == "memorandum on trade in the field of agriculture"
    alone = dyad_analytics([merged], "AZE", "UKR")  # no document: only the mention's words
    assert alone.agreements[0].title == "memorandum"


def test_aid_flows_by_direction(report):
    assert [(f.event_id, f.direction, f.donors, f.recipients) for f in report.aid] == [
        ("e3", "AZE->UKR", ["Azerbaijan (AZE)"], ["Ukraine (UKR)"]),
    ]
    assert report.aid[0].evidence == "Azerbaijan sent 40 power transformers to Ukraine"


def test_planned_ahead(report):
    assert len(report.planned) == 1
    p = report.planned[0]
    assert (p.event_id, p.type, p.status, p.date, p.future, p.reported) == (
        "e5", "CONSULT", "planned", "2024-06", True, "2024-03-20")
    row = next(r for r in report.rows if r.id == "e5")
    assert (row.counted_type, row.period, row.score) == ("AGREE", "2024-03", 2.5)


def test_contexts_actors_and_meetings(report):
    assert [(c.context, c.events) for c in report.contexts] == [("diplomatic", 3), ("economic", 2)]
    assert [(k.country, k.name, k.events) for k in report.actors] == [
        ("AZE", "Ilham Aliyev", 2), ("UKR", "Volodymyr Zelensky", 2), ("UKR", "Dmytro Kuleba", 1),
    ]
    assert [(t.source, t.target, t.events, t.event_ids) for t in report.meetings] == [
        ("Ilham Aliyev", "Volodymyr Zelensky", 1, ["e1"]),
    ]
    assert {t.kind for t in report.ties} == {"CONSULT", "SUPPORT"}


def test_march_accusation_is_a_notable_drop(report):
    # months with events: 7.5, 10, -0.5, 9.5 (empty April is no observation): mean 6.625, sd 4.219
    assert [(c.period, c.kind, c.event_ids) for c in report.changes] == [("2024-03", "drop", ["e4", "e5"])]
    c = report.changes[0]
    assert (c.z, c.mean, c.std) == (pytest.approx(-1.689, abs=1e-3), 6.625, pytest.approx(4.219, abs=1e-3))


def test_calm_series_has_no_change():
    events = [me(f"c{m}", "CONSULT", [AZE], [UKR], date=f"2024-0{m}-10") for m in range(1, 7)]
    events.append(me("x", "SUPPORT", [AZE], [UKR], date="2024-03-11"))  # March 7.5 vs 2.5: z = 2.24
    assert [c.period for c in dyad_analytics(events, "AZE", "UKR").changes] == ["2024-03"]
    assert dyad_analytics(events[:6], "AZE", "UKR").changes == []  # all equal: sd 0, nothing departs


def test_sparse_series_does_not_flag_every_active_month():
    events = [me(f"y{y}", "CONSULT", [AZE], [UKR], date=f"{y}-06-10") for y in (2020, 2021, 2022, 2023)]
    r = dyad_analytics(events, "AZE", "UKR")
    assert len(r.periods) == 37  # June 2020 .. June 2023, every month shown
    assert r.changes == []  # 36 silent months are not a norm of 0 that each June departs from


def test_notable_change_detected():
    events = [me(f"c{m}", "CONSULT", [AZE], [UKR], date=f"2024-0{m}-10") for m in range(1, 6)]
    events.append(me("war", "ASSAULT", [UKR], [AZE], date="2024-06-10"))
    r = dyad_analytics(events, "AZE", "UKR")
    # sums 2.5 x 5 and -9: mean 0.583, sd 4.286, z(June) = -2.236; the others +0.447
    assert len(r.changes) == 1
    c = r.changes[0]
    assert (c.period, c.kind, c.event_ids) == ("2024-06", "drop", ["war"])
    assert c.z == pytest.approx(-2.236, abs=1e-3)
    assert c.mean == pytest.approx(0.583, abs=1e-3)
    too_few = dyad_analytics(events[3:], "AZE", "UKR")  # three periods
    assert too_few.changes == []


def test_undated_events_are_counted_but_in_no_period():
    r = dyad_analytics([me("u", "AID", [AZE], [UKR])], "AZE", "UKR")
    assert r.undated == ["u"] and r.periods == [] and r.counted == 1
    assert r.rows[0].note.startswith("undated")


def test_scores_prefer_coded_intensity_unless_remapped():
    visit = me("v", "CONSULT", [AZE], [UKR], mode="visit").event
    assert event_score(visit) == 4.0
    assert event_score(me("i", "CONSULT", [AZE], [UKR], intensity=3.0).event) == 3.0
    promised = me("p", "AID", [AZE], [UKR], status="proposed", intensity=10.0).event
    assert counted_type(promised) == "AGREE" and event_score(promised) == 2.5


def test_singletons_wrap_stored_events():
    doc = Document(id="d1", text="x", published=dt.date(2024, 2, 1), source="Trend")
    ev = Event(type="AID", doc_id="d1", mentions=[Span(0, 1, "x"), Span(0, 1, "x")], trigger=Span(0, 1, "x"),
               actor=[AZE], recipient=[UKR], id="ev1")
    (m,) = singletons([ev], {"d1": doc})
    assert (m.id, m.members, m.documents, m.sources, m.num_mentions, m.first_reported) == (
        "ev1", ["ev1"], ["d1"], ["Trend"], 2, dt.date(2024, 2, 1))
    r = dyad_analytics([m], "AZE", "UKR")
    assert r.periods[0].period == "2024-02"  # dated by the document it came from


def test_period_range():
    assert period_range("2023-11", "2024-02", "month") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert period_range("2023-Q4", "2024-Q1", "quarter") == ["2023-Q4", "2024-Q1"]
    assert period_range("2022", "2024", "year") == ["2022", "2023", "2024"]


def test_report_is_json_ready(report):
    import json

    data = json.loads(json.dumps(report.to_dict()))
    assert data["a"] == "AZE" and len(data["rows"]) == 7
    assert all(r["evidence"] for r in data["rows"])  # every event carries its evidence


def test_key_actors_name_someone():
    from accord.analytics.dyad import names_someone

    vague = [Actor("you", "AZE", "GOV"), Actor("the Minister", "AZE", "GOV", role="minister"),
             Actor("diplomats", "UKR", "GOV", role="counterpart"), Actor("sides", "UKR", "GOV"),
             Actor("his Ukrainian counterpart", "UKR", "GOV", role="counterpart")]
    named = [KULEBA, Actor("the Ukrainian Foreign Ministry", "UKR", "GOV"),
             Actor("sides", "AZE", "GOV", "Khalaf Khalafov")]  # a plural resolved to a person is that person
    assert [names_someone(x) for x in vague] == [False] * 5
    assert [names_someone(x) for x in named] == [True] * 3
    r = dyad_analytics([me("k", "CONSULT", [ALIYEV, *vague[:2]], [ZELENSKY, *vague[2:]])], "AZE", "UKR")
    assert [(k.country, k.name) for k in r.actors] == [("AZE", "Ilham Aliyev"), ("UKR", "Volodymyr Zelensky")]


def test_dates_shown_at_their_precision():
    from accord.analytics.dyad import at_precision

    assert at_precision(dt.date(2020, 1, 1), DateValue("2020", "year")) == "2020"
    assert at_precision(dt.date(2020, 6, 1), DateValue("2020-06", "month")) == "2020-06"
    assert at_precision(dt.date(2020, 6, 17), DateValue("2020-06-17", "day")) == "2020-06-17"
    assert at_precision(dt.date(2020, 6, 18), None) == "2020-06-18"  # dated by its report: a day
    r = dyad_analytics([me("y", "AID", [AZE], [UKR], date="2020", reported="2020-06-18"),
                        me("d", "AID", [AZE], [UKR], date="2021-03-04", reported="2021-03-04")], "AZE", "UKR")
    assert (r.first, r.last) == ("2020", "2021-03-04")
    assert [row.when for row in r.rows] == ["2020", "2021-03-04"] and r.rows[0].day == "2020-01-01"


def test_merged_events_and_their_reports_are_both_counted():
    two = me("m", "CONSULT", [ALIYEV], [ZELENSKY], date="2024-01-15", reported="2024-01-15", docs=("d1", "d2"))
    two.members.append("m2")
    r = dyad_analytics([two, me("s", "AID", [AZE], [UKR])], "AZE", "UKR")
    assert (r.events, r.reports) == (2, 3)


def test_sentence_never_reaches_into_metadata():
    from accord.analytics.dyad import sentence_bounds

    text = " date 2026-01-29 The ambassador met the speaker. Later they talked."
    at = text.index("met")
    first, last = sentence_bounds(text, at, at + 3, [Span(0, 16, text[:16])])
    assert text[first:last] == "The ambassador met the speaker."
    assert "2026" in text[slice(*sentence_bounds(text, at, at + 3))]  # without the mask it would


def test_the_coders_sentence_and_signing_are_read_not_the_text_again():
    import dataclasses

    from accord.analytics.dyad import mention_sentence
    from accord.coding.signing import UNNAMED

    text = "Aliyev and Zelensky signed a memorandum on trade. Later they dined."
    doc = Document(id="d1", text=text, published=dt.date(2024, 1, 15))
    mention = "Aliyev and Zelensky signed a memorandum"
    merged = me("s", "SUPPORT", [ALIYEV, ZELENSKY], date="2024-01-15", docs=("d1",), evidence=mention)
    ev = merged.event
    # stored before the coder decided them (sentence None): read from the words, as before
    assert dyad_analytics([merged], "AZE", "UKR", documents={"d1": doc}).agreements[0].title == "memorandum on trade"
    # decided by the coder: its sentence (the parse's) and its title are what the analytics show
    end = text.index(" Later")
    ev.sentence, ev.signing = Span(0, end, text[:end]), "trade memorandum"
    assert mention_sentence(ev, ev.mentions[0], doc) == (0, end)
    got = dyad_analytics([merged], "AZE", "UKR", documents={"d1": doc}).agreements[0]
    assert (got.title, got.sentence) == ("trade memorandum", "Aliyev and Zelensky signed a memorandum on trade.")
    ev.signing = UNNAMED
    assert dyad_analytics([merged], "AZE", "UKR", documents={"d1": doc}).agreements[0].title is None
    ev.signing = None  # the coder said: no signing, whatever the words
    assert dyad_analytics([dataclasses.replace(merged, event=ev)], "AZE", "UKR", documents={"d1": doc}).agreements == []
    # a later mention, or another document's, still has its sentence read from the text
    later = text.index("Later")
    other = Span(later, later + 16, "Later they dined")
    assert mention_sentence(ev, other, doc) == (later, len(text))


def test_located_once_gives_what_each_reader_finds_alone():
    # dyad_analytics finds each event's mentions and sentences once (``located``) and hands
    # them to the topics, the evidence sentences and the ledger: the same as each finding them
    from accord.analytics.dyad import _sentence, event_topics, located, make_act
    from report import coded_documents

    coded = coded_documents()
    docs = {c.document.id: c.document for c in coded}
    events = singletons([e for c in coded for e in c.events], docs)
    assert len(events) > 5
    for merged in events:
        where = located(merged, docs)
        assert event_topics(merged, docs, where) == event_topics(merged, docs)
        assert make_act(merged, docs, where=where) == make_act(merged, docs)
        for mention in [m.text for m in merged.event.mentions] + ["not a mention"]:
            assert _sentence(merged, docs, mention, where) == _sentence(merged, docs, mention)
