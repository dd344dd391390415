"""Sides the report makes plain without naming them at the act: groups of the country a report
is about, a government its own people address, the accuser a denial answers, the other state
of a bilateral report. Hand-made articles, not gold sentences."""

from __future__ import annotations


def _event(doc, kind):
    found = [e for e in doc.events if e.type == kind]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    return found[0]


def _countries(side):
    return {a.country for a in side}


def test_an_unplaced_group_belongs_to_the_country_the_report_is_about(code_text):
    doc = code_text("Ecuador's president declared a state of emergency on Monday after Colombian gangs attacked a "
                    "prison. Ecuador has seen a wave of violence. Lawmakers criticized the decree.")
    ev = _event(doc, "ACCUSE")
    assert ("ECU", "LEG") in {(a.country, a.sector) for a in ev.actor}
    assert "the country the report is mostly about" in ev.actor[0].reason


def test_no_home_country_when_two_states_share_the_report(code_text):
    doc = code_text("Chile and Peru held talks. Chile and Peru disagree on fishing. Lawmakers criticized the plan.")
    acc = [e for e in doc.events if e.type == "ACCUSE"]
    assert not acc or not any(a.country for a in acc[0].actor)


def test_a_demand_by_a_countrys_people_is_put_to_its_government(code_text):
    doc = code_text("Thousands of Kenyan protesters demanded lower taxes on Tuesday.")
    ev = _event(doc, "REQUEST")
    assert [(a.country, a.sector) for a in ev.recipient] == [("KEN", "GOV")]
    assert ev.recipient[0].confidence <= 0.4


def test_a_denial_answers_the_accuser(code_text):
    doc = code_text("Somalia accused Kenya of meddling in its elections. Kenya denied the charges on Friday.")
    ev = _event(doc, "REJECT")
    assert _countries(ev.actor) == {"KEN"} and _countries(ev.recipient) == {"SOM"}


def test_in_a_bilateral_report_a_states_act_is_aimed_at_the_other(code_text):
    doc = code_text("Vietnam and China met in Hanoi on Monday. China's coast guard patrolled near Vietnam's islands. "
                    "Vietnam later renewed its call for restraint.")
    ev = _event(doc, "REQUEST")
    assert _countries(ev.actor) == {"VNM"} and _countries(ev.recipient) == {"CHN"}
    assert "report" in ev.recipient[0].reason


def test_a_report_pair_needs_two_leading_states(coder):
    from accord.actors.mentions import resolve_actors
    from accord.nlp.loader import get_pipeline

    nlp = get_pipeline()
    pair = resolve_actors(nlp("Vietnam and China met. China warned Vietnam. Vietnam thanked China.")).report_pair()
    assert set(pair) == {"VNM", "CHN"}
    assert resolve_actors(nlp("Vietnam, China, Laos and Cambodia met in Hanoi.")).report_pair() is None


def test_a_quoted_source_is_not_the_author_of_an_attack(code_text):
    doc = code_text('"Soldiers killed twelve villagers near the border," a Red Cross official in Geneva said.')
    ev = _event(doc, "ASSAULT")
    assert not any(a.country == "NGO" or "Red Cross" in a.text for a in ev.actor)


def test_they_is_the_plural_group_named_just_before(code_text):
    doc = code_text("Thousands of Chilean students marched in Santiago on Monday. They demanded free tuition.")
    ev = _event(doc, "REQUEST")
    assert [a.country for a in ev.actor] == ["CHL"] and "pronoun" in ev.actor[0].reason


def test_a_states_act_aims_at_the_other_state_its_sentence_names(code_text):
    doc = code_text("Pakistan and the United States discussed trade. Islamabad blamed militants on Afghan soil.")
    ev = _event(doc, "ACCUSE")
    assert _countries(ev.recipient) == {"AFG"}


def test_a_thing_rejected_is_the_recipient_with_its_owners_country_when_known(code_text):
    doc = code_text("Zimbabwe's opposition leader rejected the election results on Friday.")
    ev = _event(doc, "REJECT")
    assert [r.text for r in ev.recipient] == ["the election results"]
    assert ev.recipient[0].country == "ZWE" and ev.recipient[0].confidence <= 0.35


def test_own_troops_withdrawn_are_no_recipient_the_place_is(code_text):
    ev = _event(code_text("Russia has begun withdrawing some of its troops from Syria."), "RETREAT")
    assert _countries(ev.recipient) == {"SYR"}


def test_a_time_after_a_verb_is_no_particle(code_text):
    doc = code_text("The Mexican president called the Guatemalan leader on Saturday.")
    assert "REQUEST" not in {e.type for e in doc.events}
    assert _countries(_event(doc, "CONSULT").recipient) == {"GTM"}


def test_the_recipient_of_a_noun_act_may_hang_on_its_verb(code_text):
    ev = _event(code_text("Norway provided its annual donations to Palestinians."), "AID")
    assert _countries(ev.recipient) == {"PSE"}


def test_a_passive_arrest_is_done_by_the_state_where_it_happens(code_text):
    ev = _event(code_text("More than 200 Belarusian protesters were arrested on Sunday."), "COERCE")
    assert [(a.country, a.sector) for a in ev.actor] == [("BLR", "GOV")] and ev.actor[0].confidence <= 0.3


def test_a_passive_killing_has_unidentified_attackers_of_the_victims_country(code_text):
    ev = _event(code_text("Five Somali villagers were killed overnight."), "ASSAULT")
    assert [(a.country, a.sector) for a in ev.actor] == [("SOM", "UAF")]


def test_a_reporter_is_not_the_author_of_a_deployment_it_reports(code_text):
    doc = code_text("The reporter said Kenyan troops deployed along the Somali border.")
    for ev in doc.events:
        assert not any(a.sector == "JRN" or "reporter" in a.text for a in ev.actor)


def test_a_group_named_for_a_leader_is_of_the_leaders_state(code_text):
    doc = code_text("Joe Biden spoke on Monday. Biden administration officials met with Chinese lawmakers.")
    ev = _event(doc, "CONSULT")
    assert {"USA", "CHN"} <= {a.country for a in ev.actor + ev.recipient}


def test_a_condemned_attack_accuses_its_attackers(code_text):
    doc = code_text("France condemned the attack on the army base by jihadists from Mali.")
    ev = _event(doc, "ACCUSE")
    assert {a.country for a in ev.recipient} == {"MLI"}


def test_a_condemned_attack_accuses_those_who_carried_it_out_before(code_text):
    doc = code_text("Gunmen from the Baloch Liberation Army attacked a train in Pakistan on Tuesday. "
                    "The chief minister of Balochistan condemned the attack.")
    ev = _event(doc, "ACCUSE")
    assert {(a.country, a.sector) for a in ev.recipient} == {("PAK", "REB")}


def test_a_denial_answers_a_charge_in_its_own_sentence(code_text):
    doc = code_text("Kenya's opposition alleged that the army rigged the vote in Kenya, "
                    "charges the Kenyan election commission denied.")
    ev = _event(doc, "REJECT")
    assert {(a.country, a.sector) for a in ev.recipient} == {("KEN", "OPP")}


def test_a_thing_rejected_takes_no_owner_from_the_report_pair(code_text):
    doc = code_text("China and the United States held trade talks in Geneva. The United States and China agreed "
                    "to meet again in May. Chinese officials rejected the claims that the trial was unfair.")
    ev = _event(doc, "REJECT")
    assert {a.country for a in ev.recipient if a.country} == set()


def test_a_qualified_group_word_is_not_the_reports_sides(code_text):
    doc = code_text("Pakistan and the United States held talks in Islamabad. Pakistan and the United States signed a deal. "
                    "Opposition parties in Pakistan rejected the budget.")
    ev = _event(doc, "REJECT")
    assert {(a.country, a.sector) for a in ev.actor} == {("PAK", "OPP")}


def test_they_after_a_people_named_by_its_demonym_is_that_people(code_text):
    doc = code_text("Egypt and Sudan held talks in Cairo. Tens of thousands of Sudanese began protesting in December. "
                    "They demanded reforms.")
    ev = next(e for e in doc.events if e.type == "REQUEST")
    assert {a.country for a in ev.actor} == {"SDN"}


def test_warring_parties_are_no_expansion_to_the_report_pair(code_text):
    doc = code_text("Kenya and Somalia held talks in Nairobi. Kenya and Somalia signed a deal. "
                    "The Kenyan president urged the warring parties to stop fighting.")
    ev = _event(doc, "REQUEST")
    assert "SOM" not in {a.country for a in ev.recipient}


def test_concern_over_a_states_act_is_aimed_at_that_state(code_text):
    doc = code_text("Tokyo and Washington shared concerns over China's rapid expansion of its nuclear arsenal.")
    ev = _event(doc, "ACCUSE")
    assert {a.country for a in ev.recipient} == {"CHN"}


def test_a_thing_rejected_belongs_to_the_state_its_words_name(code_text):
    doc = code_text("Kenya and Somalia held talks in Nairobi. Kenya and Somalia signed a deal. "
                    "Kenyan officials rejected the Ugandan peace plan on Monday.")
    ev = _event(doc, "REJECT")
    assert {a.country for a in ev.recipient} == {"UGA"}


def test_a_court_with_no_stated_target_rules_on_its_own_state(code_text):
    doc = code_text("Kenya and Somalia held talks in Nairobi. Kenya and Somalia signed a deal. "
                    "Kenya's High Court ruled that closing the camp would be unconstitutional.")
    ev = next(e for e in doc.events if any(a.sector == "JUD" for a in e.actor))
    assert {a.country for a in ev.recipient} == {"KEN"}


def test_deaths_that_follow_an_attack_are_where_it_struck(code_text):
    # the victims of "killing four people" are in the attacked city, not the attacker's country
    coded = code_text("Russia launched a missile attack on Odesa on Monday, killing four people.")
    assert all("RUS" not in {r.country for r in e.recipient} for e in coded.events if e.type == "ASSAULT")
    assert any({r.country for r in e.recipient} == {"UKR"} for e in coded.events if e.type == "ASSAULT")


def test_a_private_person_of_unstated_country_belongs_to_the_state_the_report_leads_with(code_text):
    doc = code_text("A Bolivian judge ordered journalist Maria Vargas back to prison on Monday. Bolivia's courts "
                    "have jailed critics before. A court in La Paz later sentenced Vargas to six years in prison. "
                    "Press groups in Bolivia protested. The case drew comment in Peru.")
    ev = _event(doc, "SANCTION")
    assert [a.country for a in ev.recipient] == ["BOL"]


def test_a_person_whose_sentence_names_another_state_is_not_placed_at_home(code_text):
    doc = code_text("Bolivia's courts jailed journalist Maria Vargas. Bolivia has jailed critics before. "
                    "Bolivian groups protested. Reporter Ana Lopez was killed in Peru in 2019.")
    ev = next((e for e in doc.events if e.type == "ASSAULT"), None)
    assert ev is None or "BOL" not in {a.country for a in ev.recipient}


def test_a_measure_in_part_of_a_place_is_on_the_people_there(code_text):
    doc = code_text("Pakistani authorities have imposed a curfew in parts of Karachi to stop fresh protests.")
    ev = _event(doc, "COERCE")
    assert [(a.country, a.sector) for a in ev.recipient] == [("PAK", "CVL")]
    assert ev.recipient[0].text == "Karachi"


def test_an_attack_on_a_place_in_a_city_is_on_the_place(code_text):
    doc = code_text("Militants attacked an army camp in western Kabul on Tuesday.")
    ev = _event(doc, "ASSAULT")
    assert "Kabul" not in [a.text for a in ev.recipient]


def test_a_denial_answers_a_charge_against_the_same_person_by_their_own_compatriots(code_text):
    doc = code_text("Kenyan lawmakers accused Deputy President Rigathi Gachagua of corruption on Tuesday. "
                    "The vote was held late at night. Gachagua denied the charges.")
    ev = _event(doc, "REJECT")
    assert [(a.country, a.sector) for a in ev.recipient] == [("KEN", "LEG")]
    # charges are whoever brought them: a third party denying them rejects the same accusers
    doc = code_text("Kenyan lawmakers accused Deputy President Rigathi Gachagua of corruption on Tuesday. "
                    "Ruto denied the charges.")
    assert [(a.country, a.sector) for a in _event(doc, "REJECT").recipient] == [("KEN", "LEG")]
    doc = code_text("The vote was held late at night. Ruto denied the charges.")
    assert not any(a.country for a in _event(doc, "REJECT").recipient)
