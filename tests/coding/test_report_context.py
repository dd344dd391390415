"""Rules about how a report frames its acts: thanks and their reasons, meetings as scenes,
joint bodies, quotes and their addressees. Hand-made sentences only."""

from __future__ import annotations


def _of(coded, kind):
    return [e for e in coded.events if e.type == kind]


def test_support_given_as_a_reason_for_thanks_is_not_a_second_event(code_text):
    c = code_text("The Latvian minister thanked Estonia for supporting Latvia.")
    support = _of(c, "SUPPORT")
    assert len(support) == 1
    assert {a.country for a in support[0].recipient} == {"EST"}


def test_aid_thanked_for_was_given_by_the_thanked_side_and_is_undated(code_text):
    c = code_text("Moldovan Prime Minister Dorin Recean thanked Romania for humanitarian aid provided to Moldova.")
    aid = _of(c, "AID")
    assert aid, c.events
    assert {a.country for a in aid[0].actor} == {"ROU"}
    assert {a.country for a in aid[0].recipient} == {"MDA"}
    assert aid[0].date is None and "thanks" in aid[0].date_reason


def test_general_gerund_is_background(code_text):
    c = code_text("The forum spoke about Chile in the context of supporting Peru.")
    assert not _of(c, "SUPPORT")


def test_visit_to_a_monument_is_not_a_meeting(code_text):
    c = code_text("The Polish delegation visited the Tomb of the Unknown Soldier.")
    assert not _of(c, "CONSULT")


def test_speaker_during_a_meeting_takes_part_in_it(code_text):
    c = code_text("Ghanaian Foreign Minister Samuel Ablakwa said during the talks with his Nigerian counterpart "
                  "that trade was growing.")
    consult = _of(c, "CONSULT")
    assert consult and consult[0].countries == {"GHA", "NGA"}


def test_joint_body_stands_for_both_sides(code_text):
    c = code_text("It was proposed to hold a meeting of the Joint Chile-Peru Intergovernmental Commission.")
    consult = _of(c, "CONSULT")
    assert consult and consult[0].countries == {"CHL", "PER"}
    assert consult[0].status == "proposed"


def test_instance_of_support_inherits_its_recipient(code_text):
    c = code_text("Kenyan President William Ruto praised Japan for its support for Kenya, including the delivery "
                  "of medical equipment.")
    aid = _of(c, "AID")
    assert aid and {a.country for a in aid[0].recipient} == {"KEN"}


def test_pronoun_speaker_of_a_quote_is_the_last_subject(code_text):
    text = ('Norwegian Ambassador Tone Skogen met Swedish officials on Monday. '
            '"We thank Sweden for the cooperation," she said.')
    c = code_text(text)
    thanks = [e for e in _of(c, "SUPPORT") if "thank" in e.trigger.text.lower()]
    assert thanks and {a.country for a in thanks[0].actor} == {"NOR"}
    assert {a.country for a in thanks[0].recipient} == {"SWE"}
