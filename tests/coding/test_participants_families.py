"""Participant families: country words inside group phrases, help named by its giver,
groups placed in a country, unnamed attackers placed where the attack happened."""


def _event(doc, kind):
    return next(e for e in doc.events if e.type == kind)


def test_country_word_takes_its_group_phrase(code_text):
    doc = code_text("Irish militants wounded two Canadian soldiers in an ambush on Thursday, police said.")
    ev = _event(doc, "ASSAULT")
    assert ("CAN", "MIL") in {(a.country, a.sector) for a in ev.recipient}


def test_help_named_by_its_giver_is_the_other_side(code_text):
    doc = code_text("The Greek prime minister agreed to Turkish mediation in the dispute with Cyprus.")
    ev = _event(doc, "AGREE")
    assert {a.country for a in ev.actor} == {"GRC"}
    assert {a.country for a in ev.recipient} == {"TUR"}


def test_group_placed_in_a_country_belongs_to_it(code_text):
    doc = code_text("The European Union will send medicine to refugees fleeing the fighting in Sudan, a spokesman said.")
    ev = _event(doc, "AID")
    assert "SDN" in {a.country for a in ev.recipient}


def test_unnamed_attacker_near_a_town_is_of_its_country(code_text):
    doc = code_text("A roadside bomb near the town of Fallujah killed a Polish soldier on Monday.")
    ev = _event(doc, "ASSAULT")
    assert {a.country for a in ev.actor} == {"IRQ"}


def test_unnamed_attacker_is_an_unidentified_armed_force(code_text):
    doc = code_text("A car bomb near the town of Mosul killed four policemen on Tuesday.")
    ev = _event(doc, "ASSAULT")
    assert {(a.country, a.sector) for a in ev.actor} == {("IRQ", "UAF")}


def test_protest_blocking_things_aims_at_the_government(code_text):
    doc = code_text("Angry farmers blocked roads in the Peruvian town of Cusco on Monday.")
    ev = _event(doc, "PROTEST")
    assert [(r.text, r.country, r.sector) for r in ev.recipient] == [("government", "PER", "GOV")]


def test_unnamed_people_attacked_keep_their_sector(code_text):
    doc = code_text("Soldiers shot dead three refugees near the Kenyan town of Garissa on Friday.")
    ev = _event(doc, "ASSAULT")
    assert ("KEN", "REF") in {(r.country, r.sector) for r in ev.recipient}


def test_a_shelled_city_stands_for_its_people(code_text):
    for text in ("Rebels shelled Aleppo on Monday, killing nine people.", "Rebels shelled the city of Aleppo on Monday."):
        ev = _event(code_text(text), "ASSAULT")
        assert ("SYR", "CVL") in {(r.country, r.sector) for r in ev.recipient}, text
        assert {(a.country, a.sector) for a in ev.actor} == {("SYR", "REB")}, text


def test_sanctions_on_someone_make_them_the_recipient(code_text):
    doc = code_text("The European Union imposed sanctions on the Belarusian government on Monday.")
    ev = _event(doc, "SANCTION")
    assert {(r.country, r.sector) for r in ev.recipient} == {("BLR", "GOV")}


def test_who_comes_for_talks_takes_part_in_them(code_text):
    doc = code_text("Greek and Turkish negotiators arrived in Vienna on Monday for talks on the islands.")
    ev = _event(doc, "CONSULT")
    assert {a.country for a in ev.actor + ev.recipient} == {"GRC", "TUR"}


def test_a_body_of_the_same_country_can_be_the_other_side(code_text):
    doc = code_text("President Mwangi threatened to ban Kenyan opposition candidates from the election.")
    ev = _event(doc, "THREATEN")
    assert {(r.country, r.sector) for r in ev.recipient} == {("KEN", "OPP")}



def test_recipient_through_a_partitive_or_a_measure(code_text):
    doc = code_text("Ottawa imposed a new package of sanctions against Iran on Monday.")
    assert {r.country for r in _event(doc, "SANCTION").recipient} == {"IRN"}
    doc = code_text("Norway delivered medical aid worth $5 million to Moldova on Friday.")
    assert "MDA" in {r.country for ev in doc.events if ev.type == "AID" for r in ev.recipient}


def test_country_that_leads_a_group_acts_through_it(code_text):
    doc = code_text("Nigerian-led forces shelled a rebel base in northern Mali on Monday.")
    ev = _event(doc, "ASSAULT")
    assert ("NGA", "MIL") in {(a.country, a.sector) for a in ev.actor}


def test_country_that_leads_a_war_is_its_side(code_text):
    doc = code_text("Spain condemned the French-led war in the region.")
    ev = _event(doc, "DISAPPROVE") if any(e.type == "DISAPPROVE" for e in doc.events) else _event(doc, "ACCUSE")
    assert {a.country for a in ev.recipient} == {"FRA"}


def test_every_country_of_a_chained_list_is_a_recipient(code_text):
    doc = code_text("The European Union lifted sanctions on Chile, Peru, Bolivia, Ecuador and Paraguay.")
    ev = doc.events[0]
    assert {a.country for a in ev.recipient} == {"CHL", "PER", "BOL", "ECU", "PRY"}


def test_adjective_shares_the_noun_of_its_conjunct(code_text):
    doc = code_text("Police in Kenya have beaten dozens of Somali and Ethiopian refugees.")
    ev = _event(doc, "ASSAULT")
    assert {(a.country, a.sector) for a in ev.recipient} == {("SOM", "REF"), ("ETH", "REF")}


def test_crackdown_lands_on_its_on_object(code_text):
    doc = code_text("Police in Egypt cracked down on Sudanese migrants on Friday.")
    ev = _event(doc, "COERCE")
    assert "SDN" in {a.country for a in ev.recipient}


def test_sentence_parsed_without_a_verb_still_has_its_subject(code_text):
    # the parser reads "hosted" as an adjective of "Minister": the sentence has no verb of its own
    doc = code_text("Chinese President Xi Jinping on Monday hosted Brazilian President Luiz Inacio Lula da Silva "
                    "in Beijing for a state visit.")
    ev = _event(doc, "CONSULT")
    assert {a.country for a in ev.actor + ev.recipient} == {"CHN", "BRA"}


def test_two_verbs_of_one_act_are_one_event(code_text):
    doc = code_text("Volunteers from two Canadian charities collected and delivered medicine to a hospital in Haiti.")
    aid = [e for e in doc.events if e.type == "AID"]
    assert len(aid) == 1
    assert {a.country for a in aid[0].actor} == {"CAN"}


def test_target_that_is_a_demand_is_whoever_made_it(code_text):
    doc = code_text("The Angolan government on Monday accepted demands from the rebels for new elections.")
    ev = _event(doc, "CONCEDE")
    assert {(a.country, a.sector) for a in ev.recipient} == {("AGO", "REB")}


def test_target_that_is_a_crime_is_whoever_committed_it(code_text):
    doc = code_text("Serbia is investigating alleged abuses by Serbian extremists against Albanian civilians.")
    ev = _event(doc, "ACCUSE")
    assert ("SRB", "REB") in {(a.country, a.sector) for a in ev.recipient}


def test_target_that_is_a_demonstration_is_its_organisers(code_text):
    doc = code_text("Greek police prevented the demonstration staged by students at the university.")
    ev = _event(doc, "COERCE")
    assert {(a.country, a.sector) for a in ev.recipient} == {("GRC", "EDU")}


def test_curfew_in_a_capital_falls_on_its_people(code_text):
    doc = code_text("President Tinubu said he will extend the curfew in Abuja after the unrest.")
    ev = next(e for e in doc.events if e.recipient)
    assert {(a.country, a.sector) for a in ev.recipient} == {("NGA", "CVL")}


def test_attack_on_a_camp_hits_those_it_shelters(code_text):
    doc = code_text("A camp for Sudanese refugees was attacked by Chadian militiamen on Friday.")
    ev = _event(doc, "ASSAULT")
    assert {(a.country, a.sector) for a in ev.recipient} == {("SDN", "REF")}


def test_aid_for_a_country_is_aid_to_it(code_text):
    doc = code_text("Norway sent humanitarian aid for Yemen on Tuesday.")
    ev = _event(doc, "AID")
    assert {a.country for a in ev.recipient} == {"YEM"}


def test_complaint_targets_whom_it_is_about_not_whom_it_is_made_to(code_text):
    doc = code_text("Syria complained to the United Nations on Monday over Turkish air strikes.")
    ev = _event(doc, "ACCUSE")
    assert {a.country for a in ev.recipient} == {"TUR"}


def test_supporters_of_a_former_leader_are_opposition(code_text):
    doc = code_text("Hundreds of supporters of former President Evo Morales blocked roads in La Paz on Monday.")
    ev = _event(doc, "PROTEST")
    assert {(a.country, a.sector) for a in ev.actor} == {("BOL", "OPP")}


def test_body_word_on_a_group_noun_gives_the_group(code_text):
    doc = code_text("Rebels attacked UN peacekeepers in eastern Congo on Sunday.")
    ev = _event(doc, "ASSAULT")
    assert ("IGO", "MIL") in {("IGO" if a.country == "UNO" else a.country, a.sector) for a in ev.recipient}


def test_coordinated_country_words_on_one_group_give_one_side_each(code_text):
    doc = code_text("The charity said French and German troops must protect the convoys.")
    ev = _event(doc, "REQUEST")
    assert {(a.country, a.sector) for a in ev.recipient} == {("FRA", "MIL"), ("DEU", "MIL")}


def test_country_word_deep_in_a_partitive_names_its_group(code_text):
    doc = code_text("Thai troops have captured part of a Shan rebel stronghold near the border.")
    ev = _event(doc, "ASSAULT")
    assert "REB" in {a.sector for a in ev.recipient}


def test_purpose_clause_names_whom_the_act_was_meant_to_reach(code_text):
    doc = code_text("Kenyan police opened fire to disperse striking teachers on Tuesday.")
    ev = _event(doc, "ASSAULT")
    assert {(a.country, a.sector) for a in ev.recipient} == {("KEN", "EDU")}


def test_protest_purpose_clause_is_one_act_with_its_target(code_text):
    doc = code_text("Dozens of Afghan refugees began a hunger strike to protest against Germany's asylum rules.")
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert len(protests) == 1
    assert {a.country for a in protests[0].recipient} == {"DEU"}


def test_of_after_a_harm_noun_names_its_victim(code_text):
    doc = code_text("Ukraine condemned the shelling of Kherson by Russian forces.")
    ev = _event(doc, "ASSAULT")
    assert "UKR" in {a.country for a in ev.recipient}
    assert "UKR" not in {a.country for a in ev.actor}


def test_force_lands_where_it_is_aimed_not_on_the_weapon(code_text):
    doc = code_text("Yemeni rebels fired missiles at a Greek tanker in the Red Sea.")
    ev = _event(doc, "ASSAULT")
    assert "GRC" in {a.country for a in ev.recipient}
    assert not any(a.text == "missiles" for a in ev.recipient)


def test_a_foreign_ministry_in_the_possessive_is_that_states(code_text):
    doc = code_text("Ghana's foreign ministry condemned the raid by Togolese soldiers.")
    ev = _event(doc, "ACCUSE")
    assert [(a.country, a.sector) for a in ev.actor] == [("GHA", "GOV")]


def test_troops_deployed_are_the_mobilizing_side_and_the_place_its_target(code_text):
    ev = _event(code_text("Hundreds of Rwandan troops were deployed to Mozambique's north."), "MOBILIZE")
    assert ("RWA", "MIL") in {(a.country, a.sector) for a in ev.actor}
    ev = _event(code_text("Canada deployed its soldiers to Latvia."), "MOBILIZE")
    assert {a.country for a in ev.recipient} == {"LVA"}


def test_a_clash_has_a_side_and_a_target_like_any_attack(code_text):
    ev = _event(code_text("Sudanese troops clashed with Chadian rebels near the border."), "ASSAULT")
    assert {a.country for a in ev.actor} == {"SDN"} and {a.country for a in ev.recipient} == {"TCD"}


def test_people_released_are_the_recipients_not_the_thing_given(code_text):
    ev = _event(code_text("Pakistani militants released dozens of women and children."), "RETREAT")
    assert ("PAK", "CVL") in {(a.country, a.sector) for a in ev.recipient}
    ev = _event(code_text("Germany gave 300 million euros to Ethiopia."), "AID")
    assert {a.country for a in ev.recipient} == {"ETH"}


def test_the_release_of_someone_frees_them(code_text):
    ev = _event(code_text("A Brazilian judge ordered the release of two Paraguayan activists."), "RETREAT")
    assert {a.country for a in ev.recipient} == {"PRY"} and {a.country for a in ev.actor} == {"BRA"}


def test_security_forces_and_authorities_are_the_states_own(code_text):
    doc = code_text("Protests spread across Myanmar on Monday. Security forces arrested 40 students in Yangon, "
                    "and the authorities closed three universities in Myanmar.")
    ev = _event(doc, "COERCE")
    assert {(a.country, a.sector) for a in ev.actor} == {("MMR", "MIL")}


def test_a_rebel_group_accused_is_the_recipient(code_text):
    doc = code_text("Fighting continued in Mali. The Malian army accuses the rebel group of killing civilians in Mali.")
    ev = _event(doc, "ACCUSE")
    assert {(a.country, a.sector) for a in ev.recipient} == {("MLI", "REB")}


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes(code_text):
    doc = code_text("Prosecutor General Ana Ruiz of Peru, who was sanctioned by the European Union last year, resigned.")
    ev = _event(doc, "SANCTION")
    assert {a.country for a in ev.actor} == {"EUR"}
    assert {a.country for a in ev.recipient} == {"PER"}


def test_an_act_noun_is_aimed_at_what_its_preposition_names(code_text):
    cases = [("Iraqi forces launched airstrikes on ISIL fighters in Mosul.", "ASSAULT", "ISIL"),
             ("The Israeli military has opened an investigation into the death of a Palestinian man.", "ACCUSE", "PSE"),
             ("A group of Saudi hackers launched cyber attacks on Iranian government websites.", "ASSAULT", "IRN")]
    for text, kind, want in cases:
        ev = _event(code_text(text), kind)
        assert any(want in (a.country, a.text) for a in ev.recipient), text


def test_a_curfew_on_a_town_acts_on_its_people(code_text):
    ev = _event(code_text("Iraqi officials have imposed a curfew on Basra."), "COERCE")
    assert {(a.country, a.sector) for a in ev.recipient} == {("IRQ", "CVL")}


def test_a_person_pardoned_is_the_recipient(code_text):
    ev = _event(code_text("President Donald Trump granted a full pardon to Conrad Black on Wednesday."), "CONCEDE")
    assert [a.text for a in ev.recipient] == ["Conrad Black"]


def test_a_border_places_an_act_and_is_no_target(code_text):
    doc = code_text("Burmese troops captured part of a rebel stronghold on the Thai border, police said.")
    assert doc.events and all("THA" not in {a.country for a in ev.recipient} for ev in doc.events)


def test_those_who_support_the_subject_act_with_it(code_text):
    doc = code_text("Somali government soldiers, supported by local clan militias and the U.S. military, "
                    "are conducting operations against al-Shabab in central Somalia.")
    ev = _event(doc, "ASSAULT")
    assert {"SOM", "USA"} <= {a.country for a in ev.actor}


def test_along_with_adds_a_co_actor(code_text):
    doc = code_text("The Iraqi army, along with American troops, attacked Islamic State positions in Mosul.")
    ev = _event(doc, "ASSAULT")
    assert {"IRQ", "USA"} <= {a.country for a in ev.actor}


def test_the_subject_of_an_expected_meeting_takes_part(code_text):
    doc = code_text("US Secretary of State Marco Rubio is expected to have a meeting with Japanese Foreign Minister "
                    "Takeshi Iwaya on Thursday.")
    ev = _event(doc, "CONSULT")
    assert {a.country for a in ev.actor + ev.recipient} == {"USA", "JPN"}


def test_a_sanction_on_what_someone_owns_is_aimed_at_the_owner(code_text):
    doc = code_text("Guatemala's government has targeted the press. In 2022, authorities in Guatemala arrested the "
                    "publisher and later froze the newspaper's assets.")
    ev = _event(doc, "SANCTION")
    assert {(a.country, a.sector) for a in ev.recipient} == {("GTM", "MED")}


def test_an_unplaced_target_of_a_domestic_inquiry_is_of_its_country(code_text):
    doc = code_text("The Ankara public prosecutor's office launched an investigation into Boztepe on suspicion of "
                    "insulting the state.")
    ev = _event(doc, "ACCUSE")
    assert [(a.text, a.country) for a in ev.recipient] == [("Boztepe", "TUR")]


def test_a_date_is_no_target(code_text):
    doc = code_text("Libya freed 37 prisoners late on Tuesday, officials in Tripoli said.")
    assert all("Tuesday" not in a.text for ev in doc.events for a in ev.recipient)


def test_own_troops_given_are_no_recipient(code_text):
    doc = code_text("France is ready to contribute up to 4,000 troops to an international peace-keeping force "
                    "in Liberia, the defence minister said on Monday.")
    ev = doc.events[0]
    assert {a.country for a in ev.recipient} == {"LBR"}


def test_a_build_up_is_aimed_at_whom_the_act_it_prepares_is_against(code_text):
    doc = code_text("On Thursday, Israel mobilized the army for a potential ground assault against Lebanon.")
    ev = _event(doc, "MOBILIZE")
    assert {a.country for a in ev.recipient} == {"LBN"}


def test_a_target_placed_in_a_country_is_of_it(code_text):
    doc = code_text("The Israeli military said on Friday that it launched wide-scale airstrikes on militant targets "
                    "in the Gaza Strip.")
    ev = _event(doc, "ASSAULT")
    assert [(a.text, a.country) for a in ev.recipient] == [("militant targets", "PSE")]


def test_the_council_is_the_council_named_before(code_text):
    doc = code_text("Catherine Russell, UNICEF's executive director, told a meeting of the U.N. Security Council that "
                    "children suffer. She urged the council to press the warring parties to remove obstacles.")
    ev = _event(doc, "REQUEST")
    assert [(a.text, a.country) for a in ev.recipient] == [("the council", "UNO")]


def test_reneging_on_a_commitment_is_aimed_at_whom_it_was_made_to(code_text):
    doc = code_text("President Levy Mwanawasa has reneged on his commitment to the Zambian people to hold elections.")
    ev = _event(doc, "REJECT")
    assert {(a.country, a.sector) for a in ev.recipient} == {("ZMB", "CVL")}


def test_forces_on_alert_in_a_country_are_aimed_at_it(code_text):
    ev = _event(code_text("Israeli troops remained on alert in southern Lebanon today."), "MOBILIZE")
    assert {a.country for a in ev.recipient} == {"LBN"}


def test_whom_an_agreement_allows_is_its_recipient(code_text):
    doc = code_text("The Ethiopian government has agreed to allow UN humanitarian aid workers expanded access to Tigray.")
    ev = _event(doc, "AGREE")
    assert {a.country for a in ev.recipient} == {"UNO"}


def test_own_troops_withdrawn_in_a_promise_are_no_recipient(code_text):
    doc = code_text("Honduras is willing to withdraw its troops from a zone along the border with Nicaragua.")
    ev = doc.events[0]
    assert "HND" not in {a.country for a in ev.recipient}


def test_a_relative_named_by_a_person_is_a_private_person_of_their_country(code_text):
    doc = code_text("Jimmy Lai, a Hong Kong publisher, has been jailed since 2020. British Foreign Secretary "
                    "David Lammy met Jimmy Lai's son Sebastien in London on Tuesday.")
    ev = next(e for e in doc.events if e.type == "CONSULT")
    son = [a for a in [*ev.actor, *ev.recipient] if "Sebastien" in a.text]
    assert son and son[0].country == "CHN" and son[0].sector == "CVL"


def test_the_subject_announcing_a_deployment_deploys(code_text):
    doc = code_text("Kenya on Monday announced the deployment of 400 police officers to Haiti.")
    ev = next(e for e in doc.events if e.type == "MOBILIZE")
    assert [a.country for a in ev.actor] == ["KEN"]


def test_a_people_of_several_states_takes_the_state_of_the_story(code_text):
    doc = code_text("Iraqi troops and Kurdish fighters attacked Islamic State positions near Mosul. "
                    "Iraq said the offensive was going well.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert {a.country for a in ev.actor} == {"IRQ"}
    doc = code_text("Turkish jets bombed Kurdish fighters in northern Syria on Sunday.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert [a.country for a in ev.recipient] == ["SYR"]


def test_the_city_a_summit_is_named_for_is_no_side_of_it(code_text):
    doc = code_text("Taliban and U.S. negotiators said the Doha talks would resume.")
    sides = {a.country for e in doc.events if e.type == "CONSULT" for a in [*e.actor, *e.recipient]}
    assert "QAT" not in sides


def test_an_agreement_on_an_act_placed_abroad_concerns_that_country(code_text):
    doc = code_text("The Security Council on Friday agreed to a one-year extension of the mandate for the "
                    "peacekeeping force in Cyprus.")
    ev = _event(doc, "AGREE")
    assert [a.country for a in ev.recipient] == ["CYP"]


def test_who_stands_accused_is_the_accused(code_text):
    doc = code_text("The former minister stands accused of taking bribes.")
    ev = _event(doc, "ACCUSE")
    assert not ev.actor and [a.text for a in ev.recipient] == ["The former minister"]


def test_a_givers_backing_of_a_side_goes_to_that_side(code_text):
    doc = code_text("Relations soured over Turkey's military backing of the Libyan government in Tripoli.")
    aid = next(e for e in doc.events if e.type in {"AID", "SUPPORT"})
    assert {a.country for a in aid.actor} == {"TUR"} and {a.country for a in aid.recipient} == {"LBY"}
    helped = next(e for e in code_text("With the backing of the United States, Kenya sent troops to Haiti.").events
                  if e.type in {"AID", "SUPPORT"})
    assert {a.country for a in helped.actor} == {"USA"}  # no giver before the noun: "of" names the giver
