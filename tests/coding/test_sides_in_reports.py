"""Sides that news reports name indirectly: examples of a kind ("groups like X"), a group placed
by where its bases are, a force reporting what it did in the passive, "both forces", family names
said alone, and a summit named by its venue. Hand-made articles, not gold sentences."""

from __future__ import annotations


def _events(doc, kind):
    found = [e for e in doc.events if e.type == kind]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    return found


def _countries(side):
    return {a.country for a in side}


def test_groups_like_a_named_body_are_that_body(code_text):
    doc = code_text("The European Union and groups like Human Rights Watch criticized Egypt on Monday.")
    (ev,) = _events(doc, "ACCUSE")
    assert _countries(ev.actor) == {"EUR", "NGO"}


def test_countries_such_as_named_states_are_those_states(code_text):
    doc = code_text("Countries such as France and Germany condemned the coup in Niger.")
    (ev,) = _events(doc, "ACCUSE")
    assert _countries(ev.actor) == {"FRA", "DEU"}


def test_a_group_with_bases_abroad_is_of_the_country_its_bases_are_in(code_text):
    doc = code_text("Pakistan said gunmen attacked a train in Pakistan. Pakistani officials said the bombing was "
                    "carried out by militants with hideouts in Afghanistan.")
    bombing = [e for e in _events(doc, "ASSAULT") if any("militants" in a.text for a in e.actor)]
    assert bombing and _countries(bombing[0].actor) == {"AFG"}


def test_a_force_reporting_an_arrest_in_the_passive_made_it(code_text):
    doc = code_text("Kenyan police said 20 protesters were arrested in Nairobi on Tuesday.")
    (ev,) = _events(doc, "COERCE")
    assert [(a.country, a.sector) for a in ev.actor] == [("KEN", "COP")]
    assert "reports the act" in ev.actor[0].reason


def test_a_rights_group_reporting_an_arrest_did_not_make_it(code_text):
    doc = code_text("Amnesty International said 20 protesters were arrested in Nairobi on Tuesday.")
    for ev in _events(doc, "COERCE"):
        assert "NGO" not in _countries(ev.actor)


def test_an_act_with_its_doer_named_is_not_given_to_the_reporting_force(code_text):
    doc = code_text("Kenyan police said 20 protesters were attacked by Somali gunmen near the border.")
    for ev in _events(doc, "ASSAULT"):
        assert "COP" not in {a.sector for a in ev.actor}


def test_both_forces_are_the_two_forces_named_before(code_text):
    doc = code_text("Malian troops and U.N. peacekeepers patrolled near Gao on Sunday. Both forces say weapons "
                    "were seized and several rebels were captured.")
    ev = next(e for e in _events(doc, "COERCE") if e.trigger.text in {"seized", "captured"})
    assert _countries(ev.actor) == {"MLI", "UNO"}


def test_a_family_name_said_alone_is_the_person_named_in_full(code_text):
    doc = code_text("North Korean leader Kim Jong Un tested a missile on Monday. South Korea condemned the test. "
                    "Seoul urged Kim to return to talks.")
    ev = _events(doc, "REQUEST")[0]
    assert "PRK" in _countries(ev.recipient)


def test_a_surname_the_parser_leaves_untagged_is_the_person(code_text):
    doc = code_text("U.S. President Donald Trump spoke about North Korea on Monday. In 2019, Trump praised "
                    "North Korean leader Kim Jong Un. Trump met with Kim for the first time at the Singapore "
                    "summit in June 2018.")
    met = [e for e in _events(doc, "CONSULT") if "met" in {e.trigger.text} or any("met" in m.text for m in e.mentions)]
    assert met and _countries(met[0].actor + met[0].recipient) == {"USA", "PRK"}


def test_a_summit_named_by_its_venue_has_no_venue_side(code_text):
    doc = code_text("Japanese Prime Minister Fumio Kishida met with Chinese President Xi Jinping at the "
                    "Singapore summit on Friday.")
    for ev in _events(doc, "CONSULT"):
        assert "SGP" not in _countries(ev.actor + ev.recipient)


def test_ministers_the_parser_splits_from_their_body_are_the_bodys(code_text):
    doc = code_text("Ukraine and Russia exchanged fire. Zelenskyy will urge G7 foreign ministers to back new sanctions.")
    (ev,) = _events(doc, "REQUEST")
    assert _countries(ev.recipient) == {"IGO"}


def test_bodies_named_by_their_full_names(coder):
    from accord.actors.mentions import resolve_actors
    from accord.nlp.loader import get_pipeline

    doc = get_pipeline()("The National Congress Party and the United Nations High Commission for Refugees "
                         "criticized the plan.")
    found = {doc[m.start:m.end].text: (m.actor.country, m.actor.sector) for m in resolve_actors(doc).mentions}
    assert found["The National Congress Party"] == ("SDN", "PTY")
    assert found["the United Nations High Commission for Refugees"][0] == "UNO"


def test_a_clients_international_legal_team_is_not_the_client(code_text):
    doc = code_text("Beijing jailed the activist Joshua Wong. Wong's international legal team has criticized the "
                    "conditions of his detention. Chinese officials rejected those claims.")
    acc = [e for e in _events(doc, "ACCUSE") if any("legal team" in a.text for a in e.actor)]
    assert acc and _countries(acc[0].actor) == {"NGO"}
    (rej,) = _events(doc, "REJECT")
    assert _countries(rej.recipient) == {"NGO"}


def test_a_clients_lawyers_are_of_the_clients_country(code_text):
    doc = code_text("Kenyan lawmakers impeached Deputy President Rigathi Gachagua on Thursday. Gachagua's lawyers "
                    "criticized the vote.")
    acc = [e for e in _events(doc, "ACCUSE") if any("lawyers" in a.text for a in e.actor)]
    assert acc and [(a.country, a.sector) for a in acc[0].actor] == [("KEN", "CVL")]


def test_criticism_of_an_act_is_aimed_at_the_one_whose_act_it_is(code_text):
    doc = code_text("Greece criticized Ankara's backing of the Libyan government.")
    (ev,) = _events(doc, "ACCUSE")
    assert _countries(ev.recipient) == {"TUR"}


def test_criticism_of_a_states_treatment_of_people_is_aimed_at_the_state(code_text):
    doc = code_text("France criticized Russia's treatment of Ukrainian prisoners.")
    (ev,) = _events(doc, "ACCUSE")
    assert _countries(ev.recipient) == {"RUS"}
