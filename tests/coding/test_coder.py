"""Event coding rules, each checked on small hand-made sentences (not gold sentences)."""

from __future__ import annotations


def _types(coded):
    return sorted(e.type for e in coded.events)


def _one(coded, kind):
    found = [e for e in coded.events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.mentions[0].text) for e in coded.events]}"
    return found[0]


def test_meeting_is_a_reciprocal_consult_with_both_countries(code_text):
    c = code_text("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday.")
    ev = _one(c, "CONSULT")
    assert ev.countries == {"FRA", "DEU"}
    assert ev.recipient == []
    assert ev.status == "occurred"


def test_thanks_has_a_direction(code_text):
    c = code_text("Polish Foreign Minister Radoslaw Sikorski thanked Lithuania for its support.")
    ev = _one(c, "SUPPORT")
    assert [a.country for a in ev.actor] == ["POL"]
    assert [a.country for a in ev.recipient] == ["LTU"]


def test_light_verb_with_object_condition(code_text):
    c = code_text("The Georgian ambassador expressed gratitude to Japan for the new hospital.")
    ev = _one(c, "SUPPORT")
    assert {a.country for a in ev.recipient} == {"JPN"}
    assert "expressed" in ev.mentions[0].text


def test_condition_not_met_codes_nothing(code_text):
    c = code_text("The Georgian ambassador expressed his views on the weather.")
    assert "SUPPORT" not in _types(c)


def test_future_auxiliary_makes_it_planned(code_text):
    c = code_text("Kenya will send medical aid to Uganda next month.")
    ev = _one(c, "AID")
    assert ev.status == "planned"
    assert {a.country for a in ev.recipient} == {"UGA"}


def test_negation(code_text):
    c = code_text("Hungary did not attack Slovakia.")
    assert _one(c, "ASSAULT").status == "negated"


def test_proposed_by_governing_cue(code_text):
    c = code_text("Chile proposed to hold talks with Peru.")
    ev = _one(c, "CONSULT")
    assert ev.status == "proposed"


def test_passive_agent_is_the_actor(code_text):
    c = code_text("The border town was shelled by Russian forces yesterday.")
    ev = _one(c, "ASSAULT")
    assert {a.country for a in ev.actor} == {"RUS"}


def test_accusation_and_request_types(code_text):
    c = code_text("Serbia accused Croatia of discrimination. Croatia urged Serbia to withdraw the complaint.")
    assert "ACCUSE" in _types(c) and "REQUEST" in _types(c)


def test_signing_nominal_between_leaders(code_text):
    c = code_text("The signing of a peace treaty by Egyptian President Anwar Sadat and Israeli Prime Minister "
                  "Menachem Begin ended the war.")
    ev = _one(c, "SUPPORT")
    assert ev.countries == {"EGY", "ISR"}


def test_event_date_from_attached_expression(code_text):
    c = code_text("Estonia and Latvia signed a border agreement on March 3.", date="2024-05-01")
    ev = _one(c, "SUPPORT")
    assert ev.date is not None and ev.date.value == "2024-03-03" and ev.date.precision == "day"


def test_document_date_for_current_news_without_a_date(code_text):
    c = code_text("Estonia and Latvia signed a border agreement.", date="2024-05-01")
    ev = _one(c, "SUPPORT")
    assert ev.date.value == "2024-05-01" and ev.date.source == "document"


def test_undated_document_gives_a_reason(code_text):
    c = code_text("Estonia and Latvia signed a border agreement.", date=None)
    ev = _one(c, "SUPPORT")
    assert ev.date is None and ev.date_reason == "document undated"


def test_headline_and_lede_merge_into_one_event(code_text):
    c = code_text("Norway and Sweden sign energy agreement\n\nNorway and Sweden signed an energy agreement in Oslo.")
    support = [e for e in c.events if e.type == "SUPPORT"]
    assert len(support) == 1 and len(support[0].mentions) == 2


def test_mentions_are_exact_document_offsets(code_text):
    text = "Peru and Chile held talks in Lima on Tuesday."
    c = code_text(text)
    for ev in c.events:
        for m in ev.mentions:
            assert text[m.start:m.end] == m.text


def test_score_and_cameo_are_set(code_text):
    c = code_text("Kenya will send medical aid to Uganda.")
    ev = _one(c, "AID")
    assert ev.intensity == 10 and ev.cameo == "07"


def test_location_with_country(code_text):
    c = code_text("Peru and Chile held talks in Lima on Tuesday.")
    ev = _one(c, "CONSULT")
    assert ev.location is not None and ev.location.country == "PER"


def test_spoke_by_phone_is_a_phone_consult(code_text):
    c = code_text("Chilean President Gabriel Boric and Peruvian President Dina Boluarte spoke by phone on Monday.")
    ev = _one(c, "CONSULT")
    assert ev.mode == "phone" and ev.countries == {"CHL", "PER"}


def test_amount_in_aid_is_the_object(code_text):
    c = code_text("Norway provided $20 million in humanitarian aid to Sudan.")
    ev = _one(c, "AID")
    assert {a.country for a in ev.actor} == {"NOR"} and {a.country for a in ev.recipient} == {"SDN"}


def test_call_on_is_a_request_not_a_concession(code_text):
    c = code_text("Finland called on Sweden to send more troops.")
    assert "REQUEST" in _types(c) and "CONCEDE" not in _types(c)


def test_coordinated_demonyms_give_one_side_each(code_text):
    c = code_text("Chilean, Peruvian Presidents hold talks in Lima\n\nThe talks were productive.")
    ev = _one(c, "CONSULT")
    assert ev.countries == {"CHL", "PER"}


def test_event_noun_subject_of_a_future_verb_is_planned(code_text):
    c = code_text("The visit of the Chilean president to Peru will be an important step.")
    assert _one(c, "CONSULT").status == "planned"


def test_two_verbs_of_one_stance_in_a_sentence_merge(code_text):
    c = code_text("Chile warmly congratulates Peru on its national day and expresses gratitude for its help.")
    support = [e for e in c.events if e.type == "SUPPORT"]
    assert len(support) == 1 and {a.country for a in support[0].recipient} == {"PER"}


def test_the_parties_are_the_last_meeting_s_participants(code_text):
    c = code_text("Chilean Foreign Minister Alberto van Klaveren met Peruvian Foreign Minister Javier Gonzalez-Olaechea "
                  "in Lima. They discussed a visit of the Bolivian president to Argentina. "
                  "The parties agreed to meet again.")
    agree = [e for e in c.events if e.type == "AGREE"]
    assert agree and agree[-1].countries == {"CHL", "PER"}


# --- what the coder decides once for downstream: ids, sentence, signing ------------------------


def test_event_ids_are_content_hashed_stable_and_unique(code_text):
    from accord.model import event_id

    text = "Kenya will send medical aid to Uganda next month. Hungary did not attack Slovakia."
    first, again = code_text(text), code_text(text)
    ids = [e.id for e in first.events]
    assert ids == [e.id for e in again.events]  # coding again gives the same ids
    assert len(set(ids)) == len(ids)
    for ev in first.events:
        assert ev.id == event_id(first.document.id, ev.type, ev.trigger)


def test_each_event_carries_the_sentence_of_its_first_mention(code_text):
    text = "Kenya will send medical aid to Uganda next month. Hungary did not attack Slovakia."
    c = code_text(text)
    ev = _one(c, "ASSAULT")
    assert ev.sentence is not None and ev.sentence.text == "Hungary did not attack Slovakia."
    assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    assert ev.sentence.start <= ev.mentions[0].start < ev.sentence.end


def test_a_signing_carries_what_was_signed(code_text):
    c = code_text("Kyiv and Baku signed a memorandum on cooperation in the energy sector in Kyiv.")
    ev = _one(c, "SUPPORT")
    assert ev.signing == "memorandum on cooperation in the energy sector"
    other = code_text("Polish Foreign Minister Radoslaw Sikorski thanked Lithuania for its support.")
    assert _one(other, "SUPPORT").signing is None
