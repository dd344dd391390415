"""The commitments ledger on hand-made event tables with known answers."""

from __future__ import annotations

import datetime as dt

from accord.analytics.commitments import Act, kind_of, ledger

D = dt.date.fromisoformat


def act(id_: str, type_: str, status: str, reported: str | None, **kw) -> Act:
    kw.setdefault("countries", frozenset({"AAA", "BBB"}))
    kw.setdefault("documents", [f"doc-{id_}"])
    return Act(id_, type_, status, D(reported) if reported else None, **kw)


# a visit agreed in June, the visit itself in December, a proposal nobody followed up, a pledge
# with a date in the future, and an unrelated meeting
SENT = ("d1", 100)
TABLE = [
    act("agree", "AGREE", "occurred", "2021-06-18", date="2021-06-17", actors=["Ann (AAA)", "Bob (BBB)"],
        documents=["d1"], sentence_key=SENT, sentence="They agreed to prepare the visit of Ann by the end of 2021."),
    act("visit-plan", "CONSULT", "planned", "2021-06-18", mode="visit", date="2021", actors=["Ann (AAA)"],
        recipients=["BBB"], doers=frozenset({"Ann"}), named=frozenset({"Ann"}), documents=["d1"],
        sentence_key=SENT, evidence="visit of Ann"),
    act("talks-plan", "CONSULT", "proposed", "2021-06-18", documents=["d1"], sentence_key=("d1", 400),
        evidence="hold talks of the working groups"),
    act("visit", "CONSULT", "occurred", "2021-12-03", mode="visit", date="2021-12-02", actors=["Ann (AAA)"],
        recipients=["Cid (BBB)"], named=frozenset({"Ann", "Cid"}), documents=["d2"]),
    act("gas-pledge", "AID", "planned", "2022-01-10", date="2022-06", actors=["AAA"], recipients=["BBB"],
        topics=frozenset({"energy"}), documents=["d3"], evidence="deliver gas"),
]


def by_id(items):
    return {c.event_id: c for c in items}


def test_agreement_and_its_act_make_one_line_kept_by_the_later_visit():
    led = ledger(TABLE)
    items = by_id(led.items)
    assert "agree" not in items  # folded into the act it promised
    visit = items["visit-plan"]
    assert visit.promise_id == "agree"
    assert visit.promised_by == ["Ann (AAA)", "Bob (BBB)"]
    assert visit.promised_on == "2021-06-17"  # the AGREE's own date
    assert (visit.due, visit.due_by) == ("2021", "2021-12-31")
    assert (visit.status, visit.kept_by, visit.kept_on, visit.late) == ("happened", "visit", "2021-12-02", False)


def test_overdue_pending_and_as_of():
    led = ledger(TABLE)
    assert led.as_of == "2022-01-10"  # the latest report, not today
    items = by_id(led.items)
    assert items["talks-plan"].status == "pending"  # no due date: pending however old
    assert items["gas-pledge"].status == "pending"  # due 2022-06-30, after as_of
    later = by_id(ledger(TABLE, as_of=D("2023-01-01")).items)
    assert later["gas-pledge"].status == "overdue"
    assert later["gas-pledge"].due_by == "2022-06-30"


def test_late_and_wrong_side_or_topic_do_not_keep():
    late_visit = act("late", "CONSULT", "occurred", "2022-03-01", mode="visit", date="2022-03-01",
                     named=frozenset({"Ann"}), documents=["d9"])
    other_person = act("other", "CONSULT", "occurred", "2021-09-01", mode="visit", date="2021-09-01",
                       named=frozenset({"Zed"}), documents=["d8"])
    phone = act("phone", "CONSULT", "occurred", "2021-08-01", mode="phone", date="2021-08-01",
                named=frozenset({"Ann"}), documents=["d7"])
    table = [t for t in TABLE if t.id != "visit"] + [late_visit, other_person, phone]
    visit = by_id(ledger(table).items)["visit-plan"]
    assert (visit.status, visit.kept_by, visit.late) == ("happened", "late", True)

    wheat = act("wheat", "AID", "occurred", "2022-07-01", date="2022-07-01", topics=frozenset({"agriculture"}),
                documents=["d6"])
    gas = by_id(ledger(TABLE + [wheat], as_of=D("2023-01-01")).items)["gas-pledge"]
    assert gas.status == "overdue"  # aid of another kind does not keep a gas pledge
    delivered = act("gas", "AID", "occurred", "2022-05-20", topics=frozenset({"energy"}), documents=["d5"])
    gas = by_id(ledger(TABLE + [delivered], as_of=D("2023-01-01")).items)["gas-pledge"]
    assert (gas.status, gas.kept_on) == ("happened", "2022-05-20")


def test_an_earlier_event_or_the_promise_sentence_itself_does_not_keep():
    before = act("before", "AID", "occurred", "2021-12-01", topics=frozenset({"energy"}), documents=["d4"])
    gas = by_id(ledger(TABLE + [before], as_of=D("2023-01-01")).items)["gas-pledge"]
    assert gas.status == "overdue"


def test_undated_report_is_named_as_such():
    undated = act("talks", "CONSULT", "occurred", None, mode="visit", named=frozenset({"Ann"}), documents=["d9"])
    table = [t for t in TABLE if t.id != "visit"] + [undated]
    visit = by_id(ledger(table).items)["visit-plan"]
    assert (visit.status, visit.kept_by) == ("happened-undated", "talks")
    assert visit.status_label == "reported, date unknown"


def test_a_decision_dated_ahead_of_its_report_is_a_commitment():
    decided = act("delivery", "AID", "occurred", "2026-01-29", date="2026",
                  sentence="the delivery in 2026, as decided by the President, of energy equipment")
    assert kind_of(decided) == "decided"
    done = act("done", "AID", "occurred", "2026-01-29", date="2026",
               sentence="the delivery in 2026 of energy equipment")  # no decision word
    assert kind_of(done) is None
    past = act("past", "AID", "occurred", "2026-01-29", date="2025", sentence="as decided, delivered in 2025")
    assert kind_of(past) is None  # its year was over when reported
    item = ledger([decided]).items[0]
    assert (item.kind, item.due_by, item.status) == ("decided", "2026-12-31", "pending")


def test_agreement_alone_stays_open_and_negated_promises_nothing():
    alone = act("steps", "AGREE", "occurred", "2026-01-29", date="2026-01-29", sentence_key=("d", 1))
    negated = act("neg", "AID", "negated", "2026-01-29")
    hyp = act("hyp", "AGREE", "hypothetical", "2026-01-29")
    items = ledger([alone, negated, hyp]).items
    assert [(c.event_id, c.kind, c.status) for c in items] == [("steps", "agreed", "pending")]


def test_a_past_date_on_a_plan_is_not_its_due_date():
    plan = act("p", "COOPERATE", "planned", "2024-05-01", date="2024-03")
    item = ledger([plan]).items[0]
    assert (item.due, item.status) == (None, "pending")


def test_a_meeting_in_the_promised_month_keeps_a_promise_to_meet():
    plan = act("meet-plan", "CONSULT", "planned", "2024-01-15", date="2024-06", documents=["a"])
    met = act("met", "CONSULT", "occurred", "2024-06-05", date="2024-06-05", documents=["f"])
    other_month = act("may", "CONSULT", "occurred", "2024-05-02", date="2024-05-02", documents=["e"])
    item = ledger([plan, other_month, met]).items[0]
    assert (item.status, item.kept_by) == ("happened", "met")


# --- the indexed search gives what scanning every candidate gave -------------------------------

def _brute_kept(acts, pool, act, promised):
    """The ledger's search before it was indexed: every candidate checked, dated matches sorted."""
    from accord.analytics.commitments import _day, _keeps

    pool = [c for c in pool if kind_of(c) is None]
    matches = [c for c in pool if _keeps(c, act, promised)]
    dated = sorted((c for c in matches if _day(c) is not None and promised is not None),
                   key=lambda c: (_day(c), c.id))
    kept = dated[0] if dated else (matches[0] if matches else None)
    return kept, bool(dated)


def _random_acts(rng, n):
    types = ["CONSULT", "AID", "AGREE", "COOPERATE"]
    statuses = ["occurred", "ongoing", "planned", "proposed", "agreed", "negated"]
    dates = [None, "2021", "2021-06", "2021-06-17", "2021-12-02", "2022-01", "2020-03-01", "2021-Q3"]
    out = []
    for i in range(n):
        reported = rng.choice([None, "2021-01-05", "2021-06-18", "2021-12-03", "2022-02-01"])
        people = frozenset(rng.sample(["Ann", "Bob", "Cid"], rng.randint(0, 2)))
        out.append(act(
            f"e{i:03d}", rng.choice(types), rng.choice(statuses), reported, mode=rng.choice([None, "visit", "call"]),
            date=rng.choice(dates), doers=frozenset(list(people)[:1]), named=people,
            countries=frozenset(rng.sample(["AAA", "BBB", "CCC"], rng.randint(1, 3))),
            documents=[rng.choice(["d1", "d2", "d3", "d4"])],
            sentence_key=rng.choice([None, ("d1", 0), ("d1", 50), ("d2", 0)]),
            topics=frozenset(rng.sample(["energy", "trade"], rng.randint(0, 1))),
            sentence=rng.choice(["", "as decided by the president"])))
    return out


def test_indexed_search_matches_the_full_scan_on_random_tables():
    import random

    for seed in range(60):
        rng = random.Random(seed)
        acts = _random_acts(rng, rng.randint(5, 40))
        cands = acts[: rng.randint(1, len(acts))]
        got = {c.event_id: c for c in ledger(acts, candidates=cands, as_of=D("2022-03-01")).items}
        for c in got.values():
            a = next(x for x in acts if x.id == c.event_id)
            promised = D(c.promised_on) if c.promised_on else None
            kept, dated = _brute_kept(acts, cands, a, promised)
            assert c.kept_by == (kept.id if kept else None), (seed, c.event_id)
            if kept is not None:
                assert (c.status in {"happened"}) == dated, (seed, c.event_id)


# --- the candidate index gives what scanning every candidate gives ------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import accord.analytics.commitments as cm  # noqa: E402


def _scan(pool: list[Act], act: Act, promised: dt.date | None) -> tuple[Act | None, bool]:
    """``_kept_by`` without an index: every candidate of the act's type, as the rules say."""
    if act.type == "AGREE":
        return None, False
    due = cm._due_range(act)
    same = [(o, c) for o, c in enumerate(pool) if c.status in cm.DONE_STATUSES and c.type == act.type]
    if promised is not None:
        dated = sorted(((cm._own_day(c) or c.reported, c.id, c) for _, c in same
                        if (cm._own_day(c) or c.reported) is not None), key=lambda x: (x[0], x[1]))
        for day, _, c in dated:
            if day >= promised and cm._matches(c, cm._own_day(c), act, due, promised):
                return c, True
        undated = [c for _, c in same if (cm._own_day(c) or c.reported) is None]
        return next((c for c in undated if cm._matches(c, None, act, due, promised)), None), False
    found = [c for _, c in same if cm._matches(c, cm._own_day(c), act, due, promised)]
    return (found[0] if found else None), False


_days = st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2020, 3, 31)))
_acts = st.lists(st.tuples(
    st.sampled_from(["AID", "AID", "SUPPORT", "CONSULT", "AGREE"]),
    st.sampled_from(["occurred", "occurred", "ongoing", "planned", "proposed", "agreed", "hypothetical"]),
    _days, _days, st.sampled_from([None, None, "visit", "call"]),
    st.frozensets(st.sampled_from(["energy", "trade", "security"]), max_size=3),
    st.sampled_from([frozenset({"AAA", "BBB"}), frozenset({"AAA", "BBB"}), frozenset({"AAA"})]),
    st.sampled_from([frozenset(), frozenset({"Ann"}), frozenset({"Ann", "Bob"})]),
    st.sampled_from(["d1", "d2", "d3"]),
), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_acts)
def test_the_indexed_candidates_keep_what_a_full_scan_keeps(rows):
    acts = [Act(f"e{i}", type_, status, reported, mode=mode, date=day.isoformat() if day else None,
                doers=frozenset(sorted(named)[:1]), named=named, countries=countries, topics=topics,
                documents=[doc], sentence_key=(doc, i % 3))
            for i, (type_, status, reported, day, mode, topics, countries, named, doc) in enumerate(rows)]
    indexed = ledger(acts)
    pool = [c for c in acts if kind_of(c) is None]
    original = cm._kept_by
    try:
        cm._kept_by = lambda _pools, act, promised: _scan(pool, act, promised)  # type: ignore[assignment]
        scanned = ledger(acts)
    finally:
        cm._kept_by = original
    assert indexed == scanned
