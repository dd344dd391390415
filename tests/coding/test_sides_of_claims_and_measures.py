"""Sides of news constructions whose other side is told elsewhere: the claims a denial answers,
the measures critics attack, private people a state addresses, the other state of a two-state
report only when it is in view. Hand-made articles, not gold sentences."""

from __future__ import annotations


def _event(doc, kind):
    found = [e for e in doc.events if e.type == kind]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    return found[0]


def _countries(side):
    return {a.country for a in side if a.country}


def test_rejected_claims_are_those_of_the_last_accuser(code_text):
    doc = code_text("Baloch separatists accused the Pakistani government of plundering the province's gas. "
                    "The group has attacked pipelines for years. Both Pakistan and China reject the claims.")
    ev = _event(doc, "REJECT")
    assert _countries(ev.recipient) == {"PAK"}
    assert "who made the claim answered" in ev.recipient[0].reason


def test_claims_by_someone_name_their_owner(code_text):
    doc = code_text("Beijing rejected the claims by Manila that its coast guard rammed a supply boat.")
    ev = _event(doc, "REJECT")
    assert _countries(ev.recipient) == {"PHL"}


def test_no_accuser_no_owner_of_the_charges(code_text):
    doc = code_text("The minister spoke at length on Monday. The minister denied the charges.")
    ev = _event(doc, "REJECT")
    assert not _countries(ev.recipient)


def test_a_measure_attacked_by_the_opposition_is_the_government_s(code_text):
    doc = code_text("Robert Jenrick, the shadow justice secretary for Britain's Conservative party, "
                    "described the proposed plan as a disaster.")
    ev = _event(doc, "ACCUSE")
    assert [(a.country, a.sector) for a in ev.actor] == [("GBR", "OPP")]
    assert [(a.country, a.sector) for a in ev.recipient] == [("GBR", "GOV")]


def test_a_congressional_move_is_the_us_congress_s(code_text):
    doc = code_text("Pakistani lawmakers passed a resolution on Friday, decrying the congressional move as interference.")
    ev = _event(doc, "ACCUSE")
    assert _countries(ev.recipient) == {"USA"}


def test_an_office_of_an_international_body_is_that_body_s(code_text):
    doc = code_text("Artur Romeu, director of the Latin America bureau of Reporters Without Borders, "
                    "condemned the arrest of the journalist in Guatemala.")
    ev = _event(doc, "ACCUSE")
    assert _countries(ev.actor) == {"NGO"}


def test_private_people_a_state_addresses_are_its_own(code_text):
    doc = code_text("Central African Republic officials are pleading with civilians to go back to their villages.")
    ev = _event(doc, "REQUEST")
    assert [(a.country, a.sector) for a in ev.recipient] == [("CAF", "CVL")]
    doc = code_text("The governor of Central Java, Ganjar Pranowo, urged restaurant owners to stop serving dog meat.")
    ev = _event(doc, "REQUEST")
    assert [(a.country, a.sector) for a in ev.recipient] == [("IDN", "BUS")]


def test_people_of_another_state_stay_theirs(code_text):
    doc = code_text("Ethiopia's prime minister urged Somali civilians to leave the border area.")
    ev = _event(doc, "REQUEST")
    assert _countries(ev.recipient) == {"SOM"}


def test_the_other_state_of_a_two_state_report_only_when_in_view(code_text):
    pair = ("Kenya and Somalia have quarrelled over their sea border for years. Somalia took Kenya to court. "
            "Kenya says Somalia broke the talks. ")
    doc = code_text(pair + "Kenya protested at the court ruling on Tuesday. Kenya demanded an apology.")
    assert _countries(_event(doc, "REQUEST").recipient) == {"SOM"}
    far = pair + ("Refugees have lived in the camps for thirty years. Many were born there. Schools are full. "
                  "Aid agencies say food is short. The interior minister demanded a plan.")
    doc = code_text(far)
    assert "SOM" not in _countries(_event(doc, "REQUEST").recipient)


def test_victims_counted_among_those_killed_are_the_target(code_text):
    doc = code_text("Eighteen off-duty soldiers and five civilian passengers were among those killed in the "
                    "attack in Balochistan, Pakistan.")
    ev = _event(doc, "ASSAULT")
    assert "off-duty soldiers" in [a.text for a in ev.recipient]
    assert "off-duty soldiers" not in [a.text for a in ev.actor]


def test_a_plea_answers_the_prosecutors(code_text):
    doc = code_text("U.S. prosecutors accused two Azerbaijani men of plotting to kill a journalist in New York. "
                    "The men, both from Azerbaijan, have pleaded not guilty.")
    plea = [e for e in doc.events if e.trigger.text == "pleaded"]
    assert plea and _countries(plea[0].recipient) == {"USA"}


def test_security_sources_speak_for_the_state_of_the_report(code_text):
    doc = code_text("Militants attacked a train in Pakistan's Balochistan province on Tuesday. Pakistan said "
                    "the attackers were separatists. Security sources have said the handlers of the attack "
                    "are based in Afghanistan.")
    acc = [e for e in doc.events if e.type == "ACCUSE" and _countries(e.recipient) == {"AFG"}]
    assert acc and [(a.country, a.sector) for a in acc[0].actor] == [("PAK", "MIL")]


def test_the_unqualified_secretary_general_is_the_un_s(code_text):
    doc = code_text("The secretary-general will continue to stand with the people of Myanmar, his spokesman said.")
    ev = _event(doc, "SUPPORT")
    assert _countries(ev.actor) == {"UNO"}
    doc = code_text("NATO Secretary-General Mark Rutte urged the allies to spend more on defense.")
    assert "UNO" not in _countries(_event(doc, "REQUEST").actor)


def test_a_capital_in_a_mistagged_name_stays_the_state(code_text):
    doc = code_text("Ankara will likely be looking to Trump, Erdogan Ankara said. Ankara, too, is warning "
                    "Washington of severe consequences.")
    ev = next(e for e in doc.events if e.type == "THREATEN")
    assert _countries(ev.actor) == {"TUR"}


def test_a_denial_of_charges_answers_who_convicted_the_denier(code_text):
    doc = code_text("Kenyan lawmakers met on Tuesday. The vote took hours. Gachagua was convicted on five of the "
                    "eleven charges against him. Gachagua denied all the charges.")
    ev = _event(doc, "REJECT")
    assert _countries(ev.recipient) == {"KEN"}


def test_a_body_in_a_relative_clause_is_no_office_of_it(code_text):
    doc = code_text("Attorney General Maria Consuelo Porras, who was sanctioned by the European Union in 2024, "
                    "charged the journalist.")
    assert all(a.country != "EUR" for e in doc.events for a in e.recipient if "Porras" in a.text)


def test_a_side_named_in_what_a_call_is_about(code_text):
    doc = code_text("Somalia's president called for a total war against al-Shabab after talks with Ethiopia.")
    ev = _event(doc, "REQUEST")
    assert [(a.country, a.sector) for a in ev.recipient] == [("SOM", "REB")]


def test_pressure_from_criminal_groups_is_from_the_country_s_own(code_text):
    doc = code_text("Gunmen kidnapped 300 schoolgirls in Zamfara state, Nigeria. President Muhammadu Buhari said his "
                    "administration will not succumb to pressure from criminal groups.")
    ev = next(e for e in doc.events if e.trigger.text == "succumb")
    assert [(a.country, a.sector) for a in ev.recipient] == [("NGA", "UAF")]


def test_unnamed_accusers_of_a_legal_charge_are_the_prosecution_named_before(code_text):
    doc = code_text("U.S. prosecutors say the Revolutionary Guard was behind the plot against the journalist. "
                    "In 2021, Iranian operatives were accused of planning to kidnap her.")
    ev = next(e for e in doc.events if e.trigger.text == "accused")
    assert _countries(ev.actor) == {"USA"}
    doc = code_text("U.S. prosecutors charged two men on Monday. Paris was accused of arming the rebels.")
    ev = [e for e in doc.events if e.trigger.text == "accused"]
    assert not ev or "USA" not in _countries(ev[0].actor)


def test_a_shared_description_places_both_names(code_text):
    doc = code_text("Amirov and Omarov, both from Azerbaijan, have pleaded not guilty.")
    assert {a.country for e in doc.events for a in e.actor} == {"AZE"}


def test_western_nations_are_a_group_of_states(code_text):
    doc = code_text("Since Assad's fall, the U.S. and other Western nations have repeatedly called for an inclusive "
                    "government in Syria.")
    ev = _event(doc, "REQUEST")
    assert _countries(ev.actor) == {"USA", "IGO"}


def test_people_a_participle_describes_are_whom_it_was_done_to(code_text):
    doc = code_text("Many Nigerians are expressing relief after more than 270 schoolgirls kidnapped in northwestern "
                    "Zamfara state, Nigeria were freed on Tuesday.")
    ev = next(e for e in doc.events if e.trigger.text == "kidnapped")
    assert [(a.country, a.sector) for a in ev.recipient] == [("NGA", "CVL")]


def test_the_maker_of_a_weapon_is_no_side(code_text):
    doc = code_text("Turkey and the United States are closer to a collision course as Turkish media report Ankara "
                    "testing a Russian anti-aircraft weapon system, despite threats of Washington sanctions.")
    threat = _event(doc, "THREATEN")
    assert _countries(threat.recipient) == {"TUR"}
    assert all("RUS" not in _countries(e.recipient) for e in doc.events)
