"""The pairwise rule: what agrees, what vetoes, and the reasons it gives."""

from __future__ import annotations

import pytest

from accord.dedup import (
    MergeOptions,
    same_event,
)

from .builders import (
    D,
    actor,
    event,
)


def test_same_event_explains_what_agreed():
    a = event(text="Azerbaijan and Ukraine held talks on energy cooperation in Baku")
    b = event(text="Ukraine and Azerbaijan held talks on energy cooperation")
    ok, why = same_event(a, b, D(2026, 1, 29), D(2026, 1, 29))
    assert ok, why
    assert "same CONSULT AZE+UKR" in why
    assert "dates 2026-01-29 (day) agree" in why
    assert "evidence similarity 1.00" in why


@pytest.mark.parametrize(("sa", "sb", "ok"), [
    ("occurred", "planned", False),
    ("occurred", "ongoing", True),
    ("planned", "proposed", True),
    ("planned", "planned", True),
    ("occurred", "negated", False),
    ("hypothetical", "planned", False),
])
def test_status_classes(sa, sb, ok):
    verdict, why = same_event(event(status=sa), event(status=sb))
    assert verdict is ok, why
    if not ok:
        assert why.startswith("statuses differ")


def test_type_must_match_except_signings():
    ok, why = same_event(event("CONSULT"), event("AID"))
    assert not ok and why == "types differ: CONSULT vs AID"
    signed = event("SUPPORT", text="Azerbaijan and Ukraine signed a memorandum on energy", trigger="signed")
    agreed = event("AGREE", text="Azerbaijan and Ukraine agreed on energy cooperation", trigger="agreed")
    ok, why = same_event(signed, agreed)
    assert ok, why
    assert "AGREE~SUPPORT signing" in why
    praised = event("SUPPORT", text="Azerbaijan and Ukraine praised energy cooperation", trigger="praised")
    ok, why = same_event(praised, agreed)
    assert not ok and why.startswith("types differ")


def test_modes_veto_only_when_both_known():
    assert not same_event(event(mode="phone"), event(mode="visit"))[0]
    assert same_event(event(mode="phone"), event(mode=None))[0]
    ok, why = same_event(event(mode=None), event(mode="phone"))
    assert ok and "same CONSULT:phone AZE+UKR" in why


def test_participants_as_country_sets():
    ok, why = same_event(event(actors=("AZE", "UKR")), event(actors=("AZE", "TUR")))
    assert not ok and why == "participants differ: AZE+UKR vs AZE+TUR"
    assert same_event(event(actors=("AZE",), recipients=("UKR",)), event(actors=("UKR", "AZE")))[0]
    ok, why = same_event(event(actors=(None,)), event(actors=(None,)))
    assert not ok and "no participant country" in why


def test_directed_acts_keep_their_direction():
    a = event("ACCUSE", ("CHN",), ("USA",), text="China accused the United States of interference")
    b = event("ACCUSE", ("USA",), ("CHN",), text="The United States accused China of interference")
    ok, why = same_event(a, b)
    assert not ok and why == "directions differ: CHN→USA vs USA→CHN"
    # a CONSULT has no direction: the visitor and the host may be swapped between outlets
    assert same_event(event("CONSULT", ("CHN",), ("USA",)), event("CONSULT", ("USA",), ("CHN",)))[0]
    # a report with both sides as actors does not contradict a directed one
    assert same_event(a, event("ACCUSE", ("CHN", "USA")))[0]


def test_people_where_known():
    aliyev = event(actors=(actor("AZE", "Ilham Aliyev"), "UKR"))
    bayramov = event(actors=(actor("AZE", "Jeyhun Bayramov"), "UKR"))
    ok, why = same_event(aliyev, bayramov)
    assert not ok and why == "different people for AZE: ilham aliyev vs jeyhun bayramov"
    # transliterations and partial names are one person; organisations are not compared
    a = event(actors=(actor("AZE", "Alibala Maharramzada"), "UKR"))
    b = event(actors=(actor("AZE", "Alibala Maharramzade"), "UKR"))
    ok, why = same_event(a, b)
    assert ok and "same Alibala Maharramzada" in why
    assert same_event(event(actors=(actor("TUR", "Recep Tayyip Erdoğan"), "AZE")),
                      event(actors=(actor("TUR", "Erdogan"), "AZE")))[0]
    ministry = event(actors=(actor("AZE", "Ministry of Foreign Affairs of Azerbaijan"), "UKR"))
    assert same_event(aliyev, ministry)[0]
    kremlin = event(actors=(actor("RUS", "Kremlin"), "UKR"))
    assert same_event(kremlin, event(actors=(actor("RUS", "Vladimir Putin"), "UKR")))[0]  # a lone word does not veto
    ok, why = same_event(aliyev, event(actors=(actor("AZE", "Heydar Aliyev"), "UKR")))
    assert not ok and why.startswith("different people for AZE")  # a shared surname is not enough
    assert same_event(aliyev, event(actors=(actor("AZE", "I. Aliyev"), "UKR")))[0]
    assert same_event(aliyev, event())[0]  # no names on one side: nothing to compare


@pytest.mark.parametrize(("a", "b", "window", "ok", "says"), [
    (("2026-01-29", "day", "text"), ("2026-01-30", "day", "text"), 1, False, "differ"),
    (("2026-01-29", "day", "text"), ("2026-01-30", "day", "document"), 1, True, "within 1 day"),
    (("2026-01-29", "day", "document"), ("2026-01-28", "day", "text"), 1, True, "within 1 day"),
    (("2026-01-29", "day", "text"), ("2026-01-31", "day", "document"), 1, False, "more than 1 day"),
    (("2026-01-29", "day", "text"), ("2026-01-31", "day", "document"), 2, True, "within 2 day"),
    (("2026-01-29", "day", "document"), ("2026-01-30", "day", "document"), 1, True, "within 1 day"),
    (("2026-01", "month", "text"), ("2026-01-29", "day", "text"), 1, True, "2026-01-29 (day) within 2026-01 (month)"),
    (("2026-01", "month", "text"), ("2026-02-03", "day", "text"), 1, False, "differ"),
    (("2026", "year", "text"), ("2026-03", "month", "text"), 1, True, "within 2026 (year)"),
    (("2026-Q1", "quarter", "text"), ("2026-04", "month", "text"), 1, False, "differ"),
])
def test_dates_agree_at_their_precision(a, b, window, ok, says):
    ea = event(date=a[0], precision=a[1], source=a[2])
    eb = event(date=b[0], precision=b[1], source=b[2])
    verdict, why = same_event(ea, eb, options=MergeOptions(day_window=window))
    assert verdict is ok, why
    assert says in why


def test_missing_dates_fall_back_to_the_document_or_veto():
    a, b = event(date=None), event(date="2026-01-29")
    ok, why = same_event(a, b, D(2026, 1, 30), None)
    assert ok and "document date" in why  # the document date stands in, a day off allowed
    assert not same_event(a, b, D(2026, 2, 5), None)[0]
    ok, why = same_event(a, b, None, None)
    assert not ok and why == "a report has no date"
    assert same_event(a, b, None, None, MergeOptions(allow_undated=True))[0]


def test_places_veto_only_when_both_known():
    ok, why = same_event(event(place="AZE"), event(place="UKR"))
    assert not ok and why == "places differ: AZE vs UKR"
    ok, why = same_event(event(place="AZE"), event())
    assert ok and "place AZE" in why


def test_similarity_ranks_but_never_merges_alone():
    text = "Azerbaijan and Ukraine held talks on energy cooperation"
    ok, why = same_event(event(text=text, date="2026-01-29"), event(text=text, date="2026-02-12"))
    assert not ok, "identical wording must not override different dates"
    a = event(text="Azerbaijan and Ukraine held talks on energy cooperation")
    b = event(text="Presidents discussed grain shipments over the phone")
    assert same_event(a, b)[0]
    ok, why = same_event(a, b, options=MergeOptions(min_similarity=0.8))
    assert not ok and why.startswith("evidence similarity") and "below 0.80" in why
