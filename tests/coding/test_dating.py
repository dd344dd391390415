"""When an event happened (coding/dating.py), on hand-made sentences: background acts keep their
own date, clauses share the date of the clause they hang on, and what is reported without a time
is dated by the document only when it is the news of the day."""

from __future__ import annotations

import pytest

DOC = "2024-05-20"  # a Monday


def _event(coded, kind, trigger=None):
    found = [e for e in coded.events if e.type == kind and (trigger is None or e.trigger.text == trigger)]
    assert found, f"no {kind} {trigger or ''} in {[(e.type, e.trigger.text) for e in coded.events]}"
    return found[0]


def _date(ev):
    return None if ev.date is None else (ev.date.value, ev.date.precision)


# --- background acts keep their own date ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Kenyan troops attacked the Somali camp in 2016.", "ASSAULT", ("2016", "year")),
        ("Talks between Serbia and Kosovo collapsed at the summit in 2019.", "CONSULT", ("2019", "year")),
        ("Boko Haram's 2015 raid on the Nigerian town shocked Chad.", "ASSAULT", ("2015", "year")),
        ("Russia attacked Georgia last year.", "ASSAULT", ("2023", "year")),
        ("Uganda deployed troops to Somalia in April.", "MOBILIZE", ("2024-04", "month")),
        ("Sudan and Chad signed a border agreement in late April.", "SUPPORT", ("2024-04", "month")),
        ("Earlier this month, Israeli jets bombed Lebanon.", "ASSAULT", ("2024-05", "month")),
        ("Last week, Turkey and Greece held talks in Ankara.", "CONSULT", ("2024-05", "month")),
    ],
)
def test_background_year_and_month(code_text, text, kind, expected):
    ev = _event(code_text(text, date=DOC), kind)
    assert _date(ev) == expected
    assert ev.date.source == "text"


def test_weekday_resolves_to_the_day_before_the_document(code_text):
    ev = _event(code_text("Russian forces shelled Kharkiv on Tuesday.", date=DOC), "ASSAULT")
    assert _date(ev) == ("2024-05-14", "day")


def test_possessive_weekday_of_a_past_act_is_last_week_not_tomorrow(code_text):
    # the document is a Monday: the nearest Tuesday is tomorrow, but the attack "killed"
    c = code_text("Tuesday's attack by Houthi rebels on the Saudi convoy killed five soldiers.", date=DOC)
    ev = _event(c, "ASSAULT", "attack")
    assert _date(ev) == ("2024-05-14", "day")
    assert ev.status == "occurred"


def test_a_decade_leaves_the_act_undated(code_text):
    ev = _event(code_text("Portuguese troops expelled Angolan villagers in the 1970s.", date=DOC), "COERCE")
    assert ev.date is None
    assert "vaguely" in ev.date_reason


# --- a clause takes the date of the clause it hangs on ---------------------------------------
def test_coordinated_act_shares_the_date(code_text):
    c = code_text("Chile and Peru met on Monday and agreed to reopen the border.", date="2024-05-22")
    assert _date(_event(c, "AGREE")) == ("2024-05-20", "day")


def test_participle_clause_shares_the_date(code_text):
    c = code_text("Myanmar troops stormed the village on Friday, arresting ten men.", date=DOC)
    assert _date(_event(c, "COERCE", "arresting")) == ("2024-05-17", "day")


def test_relative_clause_of_a_date(code_text):
    c = code_text("Chaos followed in 2013, when Seleka rebels seized Bangui.", date=DOC)
    assert _date(_event(c, "COERCE")) == ("2013", "year")


def test_clause_of_the_same_moment_below_the_trigger(code_text):
    c = code_text("Sudanese protesters chanted slogans against Bashir as they marched in Khartoum on Thursday.",
                  date="2019-11-29")
    assert _date(_event(c, "PROTEST")) == ("2019-11-28", "day")


def test_an_after_clause_keeps_its_own_time(code_text):
    c = code_text("Uganda condemned the raid on Friday after Kenya had shelled the border town.", date=DOC)
    assert _date(_event(c, "ACCUSE")) == ("2024-05-17", "day")
    assert _date(_event(c, "ASSAULT", "shelled")) != ("2024-05-17", "day")


def test_a_planned_act_does_not_take_the_date_of_the_agreement(code_text):
    c = code_text("Chile and Peru met on Monday and agreed to hold new talks.", date="2024-05-22")
    planned = [e for e in c.events if e.status == "planned"]
    assert planned, [(e.type, e.status) for e in c.events]
    assert all(e.date is None or e.date.value != "2024-05-20" for e in planned)


# --- undated acts: today's news, or background ----------------------------------------------
def test_undated_act_in_the_news_takes_the_document_date(code_text):
    ev = _event(code_text("Nigeria hosted Togo's president.", date=DOC), "CONSULT")
    assert _date(ev) == (DOC, "day")
    assert ev.date.source == "document"


def test_present_perfect_in_the_body_is_undated_but_not_in_the_lede(code_text):
    c = code_text("China has imposed sanctions on India. Indian troops fired on Chinese soldiers on Sunday. "
                  "Beijing condemned the attack. India has rejected the accusation.", date=DOC)
    lede = _event(c, "SANCTION")
    assert _date(lede) == (DOC, "day")
    body = _event(c, "REJECT")
    assert body.date is None
    assert "present perfect" in body.date_reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Iran recently accused Israel of sabotage.", "ACCUSE"),
        ("Iran has repeatedly accused Israel of sabotage.", "ACCUSE"),
        ("Japan routinely protests Chinese incursions.", "PROTEST"),
        ("Germany praised recent agreements between Serbia and Kosovo.", "AGREE"),
    ],
)
def test_history_and_habit_leave_the_act_undated(code_text, text, kind):
    ev = _event(code_text(text, date=DOC), kind)
    assert ev.date is None, ev.date


def test_a_participle_or_coordinated_verb_shares_the_background(code_text):
    c = code_text("Rebels attacked a town in Pakistan on Monday. Pakistan condemned the attack. "
                  "The Baloch group has been fighting an insurgency against Pakistan, accusing the government "
                  "of theft. Malaysia seldom criticized China and instead accepted Chinese funding.", date=DOC)
    assert _event(c, "ACCUSE", "accusing").date is None
    assert _event(c, "AID", "funding").date is None
    assert _date(_event(c, "ASSAULT", "attacked")) == (DOC, "day")


def test_ongoing_act_this_week_is_dated_by_the_document(code_text):
    # the week of 2024-05-01 straddles April and May; the talks are under way on the day
    ev = _event(code_text("Poland and Lithuania are holding talks this week.", date="2024-05-01"), "CONSULT")
    assert ev.status == "ongoing"
    assert _date(ev) == ("2024-05-01", "day")


def test_past_act_this_week_is_the_month_of_the_days_before(code_text):
    # Monday 29 April to Wednesday 1 May: most of the days so far are April's
    ev = _event(code_text("Poland and Lithuania held talks this week.", date="2024-05-01"), "CONSULT")
    assert _date(ev) == ("2024-04", "month")
