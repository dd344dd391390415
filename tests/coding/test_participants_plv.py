"""Sides of events in single news sentences: constructions seen again and again in wire
copy (mediation between two sides, things given back to a country, ...). Sentences are
written for the test."""


def _event(doc, kind):
    return next(e for e in doc.events if e.type == kind)


def _countries(actors):
    return {a.country for a in actors}


def test_mediation_effort_between_two_sides_names_both(code_text):
    ev = _event(code_text("Turkey launched a mediation effort between Russia and Ukraine."), "CONSULT")
    assert _countries(ev.actor + ev.recipient) == {"TUR", "RUS", "UKR"}


def test_mediation_to_end_a_rift_between_two_sides_names_both(code_text):
    for text in ("Pakistan launched a mediation effort to resolve the rift between Saudi Arabia and Iran.",
                 "Algeria has launched a mediation effort to try to prevent a war between Morocco and Mauritania."):
        ev = _event(code_text(text), "CONSULT")
        assert len(_countries(ev.actor + ev.recipient)) == 3, text


def test_what_is_returned_goes_to_the_country_it_is_returned_to(code_text):
    ev = _event(code_text("Customs agents returned nine stolen paintings to the National Museum in Poland."), "RETREAT")
    assert _countries(ev.recipient) == {"POL"}


def test_given_back_to_a_place_the_parser_hangs_elsewhere(code_text):
    for text, country in (("The FBI returned a stolen manuscript, missing since 1950, to Naples, Italy.", "ITA"),
                          ("The agency returned ancient vases that date back to 300 B.C. to Greece on May 4, 2011.", "GRC")):
        ev = _event(code_text(text), "RETREAT")
        assert _countries(ev.recipient) == {country}, text


def test_withdrawing_to_a_place_is_not_giving_it_back(code_text):
    ev = _event(code_text("Israel withdrew its troops from Lebanon to the border."), "RETREAT")
    assert _countries(ev.recipient) == {"LBN"}


def test_a_measure_concerns_the_people_of_the_place_it_holds_in(code_text):
    for text, words, country in (
            ("President Evo Morales declared a state of siege in Pando on Friday.", "Pando", "BOL"),
            ("Indian authorities have imposed a curfew in parts of Kashmir to stop fresh protests.", "parts of Kashmir", "IND"),
            ("The rebels announced a unilateral ceasefire on Friday in Libya.", "Libya", "LBY"),
            ("In Peru, the rebels declared a monthlong ceasefire on 1 April.", "Peru", "PER")):
        ev = next(e for e in code_text(text).events if e.type in {"COERCE", "CONCEDE"})
        assert [(r.text, r.country, r.sector) for r in ev.recipient] == [(words, country, "CVL")], text


def test_a_measure_placed_in_time_is_not_placed(code_text):
    ev = _event(code_text("Kenyan police imposed a curfew in March after riots."), "COERCE")
    assert all(r.text != "March" for r in ev.recipient)


def test_a_newspaper_placed_in_a_city_is_media_of_its_country(code_text):
    ev = _event(code_text("A newspaper based in east Beirut has violated a ban by the army commander."), "REJECT")
    assert {(a.country, a.sector) for a in ev.actor} == {("LBN", "MED")}


def test_support_voiced_for_someone_goes_to_them_not_to_its_owner(code_text):
    for text, country in (("Erdogan reiterated Turkey's support for the Libyan government.", "LBY"),
                          ("Erdogan voiced his support for Maduro.", "VEN")):
        ev = _event(code_text(text), "SUPPORT")
        assert _countries(ev.actor) == {"TUR"} and _countries(ev.recipient) == {country}, text


def test_support_of_someone_voiced_goes_to_them(code_text):
    ev = _event(code_text("South Africa's president voiced his strong support of President Emmerson Mnangagwa."), "SUPPORT")
    assert _countries(ev.recipient) == {"ZWE"}


def test_aid_cut_to_a_foreign_army_is_aimed_at_that_army(code_text):
    ev = _event(code_text("The Obama administration sharply reduced military aid to the Colombian army."), "SANCTION")
    assert {(r.country, r.sector) for r in ev.recipient} == {("COL", "MIL")}


def test_a_preposition_left_without_its_object_shares_the_next_one(code_text):
    ev = _event(code_text("Kenya has established diplomatic ties with and opened an embassy in Tehran."), "SUPPORT")
    assert _countries(ev.actor + ev.recipient) == {"KEN", "IRN"}


def test_demand_that_a_government_resign_is_put_to_it(code_text):
    ev = _event(code_text("Armenia's generals have demanded that Prime Minister Nikol Pashinian's government resign."), "REQUEST")
    assert _countries(ev.recipient) == {"ARM"}


def test_a_promise_by_the_opposition_is_made_to_its_government(code_text):
    ev = _event(code_text("Leaders of the Musavat opposition coalition agreed to postpone the rally in Baku until Friday."), "AGREE")
    assert {(r.country, r.sector) for r in ev.recipient} == {("AZE", "GOV")}


def test_a_promise_that_names_another_side_is_not_made_to_the_government(code_text):
    ev = _event(code_text("Iraqi fighters agreed to lay down their weapons and join forces with the U.S. to defeat their enemy."),
                "AGREE")
    assert not any(r.sector == "GOV" and r.country == "IRQ" for r in ev.recipient)


def test_an_inquiry_is_no_side_whom_it_looks_into_is(code_text):
    for text, words in (("The German authorities opened fraud investigations against hundreds of banks over tax fraud.",
                         "hundreds of banks"),
                        (("British military police have launched an investigation into claims that two servicemen "
                          "abused children."), "two servicemen")):
        ev = _event(code_text(text), "ACCUSE")
        assert [r.text for r in ev.recipient] == [words], text


def test_an_inquiry_into_whether_someone_was_wronged_looks_into_them(code_text):
    ev = _event(code_text("Ukrainian authorities have opened an investigation into whether the former U.S. ambassador "
                          "was illegally spied on."), "ACCUSE")
    assert _countries(ev.recipient) == {"USA"}


def test_help_given_for_a_purpose_goes_to_whom_the_purpose_helps(code_text):
    ev = _event(code_text("Japan provided 1 billion dollars in aid to support Syrian refugees in Jordan."), "AID")
    assert {(r.country, r.sector) for r in ev.recipient} == {("SYR", "REF")}


def test_an_unnamed_attacker_is_called_what_the_text_calls_it(code_text):
    ev = _event(code_text("Armed men attacked an army camp in Mali near the border, killing 19 soldiers."), "ASSAULT")
    assert [(a.text, a.country, a.sector) for a in ev.actor] == [("Armed men", "MLI", "UAF")]


def test_a_strike_called_off_yields_to_the_government(code_text):
    ev = _event(code_text("Dock workers in Chile called off a strike on Monday."), "CONCEDE")
    assert [(r.text, r.country, r.sector) for r in ev.recipient] == [("government", "CHL", "GOV")]


def test_a_boycott_of_someone_lifted_yields_to_them(code_text):
    ev = _event(code_text("The PA lifted its boycott of Israeli ranchers."), "CONCEDE")
    assert _countries(ev.recipient) == {"ISR"}


def test_a_measure_with_no_place_concerns_the_people_of_its_country(code_text):
    ev = _event(code_text("Pervez Musharraf imposed martial law, dismissing the elected government."), "COERCE")
    assert [(r.text, r.country, r.sector) for r in ev.recipient] == [("Pakistan", "PAK", "CVL")]


def test_a_state_of_siege_in_a_region_is_no_government_there(code_text):
    ev = _event(code_text("The UN has declared a state of siege in Katanga pending a manhunt."), "COERCE")
    assert [(r.text, r.country) for r in ev.recipient] == [("Katanga", "COD")]


def test_people_freed_whom_nothing_places_are_still_the_recipient(code_text):
    ev = _event(code_text("The Islamic State group released at least 19 Christians on Sunday."), "RETREAT")
    assert [r.text for r in ev.recipient] == ["at least 19 Christians"]
    ev = _event(code_text("Ethiopia let free some 74 political leaders."), "RETREAT")
    assert _countries(ev.recipient) == {"ETH"}


def test_a_thing_returned_to_named_authorities_goes_to_them_not_their_city(code_text):
    ev = _event(code_text("The agency returned a silver pendant engraved with the image of Peter the Great to Russian "
                          "authorities in Moscow on March 4, 2010."), "RETREAT")
    assert [(r.text, r.country) for r in ev.recipient] == [("Russian authorities", "RUS")]
