"""Accusations made by reporting (coding/reported.py), on hand-made sentences."""

from __future__ import annotations


def _accusations(coded):
    return [e for e in coded.events if e.type == "ACCUSE"]


def test_a_wrong_named_as_the_subject_accuses_where_it_is_found(code_text):
    coded = code_text("The Swedish minister said corruption in Moldova is widespread in the courts.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"SWE"} and {r.country for r in accuse.recipient} == {"MDA"}


def test_a_wrong_with_nobody_named_accuses_nobody(code_text):
    assert not _accusations(code_text("He said corruption is a problem everywhere."))


def test_a_report_speaks_for_whoever_issued_it(code_text):
    coded = code_text("A report on human rights by the Canadian foreign ministry said repression in Belarus has worsened.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"CAN"} and {r.country for r in accuse.recipient} == {"BLR"}


def test_facing_charges_is_being_accused(code_text):
    coded = code_text("Two Georgian citizens are facing conspiracy charges in New York.")
    [accuse] = _accusations(coded)
    assert not accuse.actor and {r.country for r in accuse.recipient} == {"GEO"}


def test_according_to_names_who_accuses(code_text):
    coded = code_text("Russian military intelligence was behind the cyberattack, according to Dutch officials.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"NLD"} and {r.country for r in accuse.recipient} == {"RUS"}


def test_according_to_with_no_wrong_accuses_nobody(code_text):
    assert not _accusations(code_text("The summit in Ankara was a success, according to Turkish officials."))


def test_where_the_authors_of_an_attack_are_based_is_accused(code_text):
    coded = code_text("Indian officials said those involved in the attack were operating from Pakistan.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"IND"} and {r.country for r in accuse.recipient} == {"PAK"}


def test_where_anyone_else_is_based_accuses_nobody(code_text):
    assert not _accusations(code_text("The German company said its engineers are based in Poland."))


def test_ties_to_an_armed_group_are_an_accusation(code_text):
    coded = code_text("Tunisian police said the three suspects were linked to al-Qaeda in the Islamic Maghreb.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"TUN"} and "IMG" in {r.country for r in accuse.recipient}


def test_ties_to_anyone_else_accuse_nobody(code_text):
    assert not _accusations(code_text("French officials said the two firms were linked to the Chinese trade ministry."))


def test_a_judgement_on_the_rulers_in_a_report_accuses_them(code_text):
    coded = code_text("The Malian opposition party says the illegitimate government is seizing its offices.")
    accuse = [e for e in _accusations(coded) if e.trigger.text == "says"]
    assert accuse and {r.sector for r in accuse[0].recipient} == {"GOV"}


def test_an_adjective_on_anyone_else_accuses_nobody(code_text):
    assert not _accusations(code_text("Libyan police said the illegal migrants were moved to a camp near Tripoli."))


def test_a_rights_monitor_reporting_an_abuse_accuses_its_doer(code_text):
    coded = code_text("Amnesty International said Iranian security forces have detained thousands of protesters.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"NGO"} and {r.country for r in accuse.recipient} == {"IRN"}
    assert "COERCE" in {e.type for e in coded.events}  # the detention is still an act of its own


def test_the_police_reporting_their_own_arrests_accuse_nobody(code_text):
    assert not _accusations(code_text("Iranian police said officers have detained thousands of protesters."))


def test_giving_in_to_a_wrong_accuses_who_does_it(code_text):
    coded = code_text("An American senator said the proposed deal gives in to Chinese lawfare.")
    [accuse] = _accusations(coded)
    assert {a.country for a in accuse.actor} == {"USA"} and {r.country for r in accuse.recipient} == {"CHN"}
