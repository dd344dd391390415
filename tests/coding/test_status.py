"""Status of an event (coding/status.py) on hand-made sentences: planned, occurred, ongoing."""

from __future__ import annotations

import pytest


def _event(coded, kind, trigger=None):
    found = [e for e in coded.events if e.type == kind and (trigger is None or e.trigger.text == trigger)]
    assert found, f"no {kind} {trigger or ''} in {[(e.type, e.trigger.text) for e in coded.events]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "status"),
    [
        # upcoming
        ("Ghana will host Togo's president next week.", "CONSULT", "planned"),
        ("The Indian minister is due to travel to Ghana on Tuesday.", "CONSULT", "planned"),
        # done
        ("Nigeria hosted Togo's president.", "CONSULT", "occurred"),
        ("Russian forces shelled Kharkiv on Tuesday.", "ASSAULT", "occurred"),
        # under way
        ("Poland and Lithuania are holding talks this week.", "CONSULT", "ongoing"),
        ("China continues to threaten Taiwan.", "THREATEN", "ongoing"),
        ("France will continue to support Ukraine.", "SUPPORT", "ongoing"),
        ("Japan routinely protests Chinese incursions.", "PROTEST", "ongoing"),
    ],
)
def test_status(code_text, text, kind, status):
    assert _event(code_text(text), kind).status == status


def test_progressive_statement_is_a_statement_made(code_text):
    assert _event(code_text("Pakistan is calling for talks with India."), "REQUEST").status == "occurred"


def test_progressive_act_is_under_way(code_text):
    assert _event(code_text("The Russian army is shelling Kharkiv."), "ASSAULT").status == "ongoing"


def test_coordinated_verb_shares_the_future(code_text):
    c = code_text("Kenya will host and fund the talks with Somalia.")
    assert _event(c, "AID", "fund").status == "planned"


def test_coordinated_verb_shares_the_progressive(code_text):
    c = code_text("Sudanese rebels are still resisting and fighting the army.")
    assert _event(c, "ASSAULT", "fighting").status == "ongoing"


def test_coordination_does_not_spread_the_negation(code_text):
    c = code_text("Hungary did not attack Slovakia but shelled Austria.")
    assert _event(c, "ASSAULT", "attack").status == "negated"
    assert _event(c, "ASSAULT", "shelled").status == "occurred"


def test_a_stopped_continuation_is_negated(code_text):
    assert _event(code_text("Serbia did not continue to support Kosovo."), "SUPPORT").status == "negated"


def test_an_act_named_by_the_object_of_a_future_verb_is_planned(code_text):
    # the noun takes the tense of the verb that carries it; a coercive act still to come is a threat
    coded = code_text("Turkey said it would tighten the naval blockade of Cyprus.")
    assert [(e.type, e.status) for e in coded.events] == [("THREATEN", "planned")]


def test_seldom_and_never_deny_the_act(code_text):
    assert _event(code_text("The Malaysian prime minister seldom criticized China."), "ACCUSE").status == "negated"
