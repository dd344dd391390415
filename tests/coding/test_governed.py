"""Events inside other events (requests, threats, refusals, commitments) and unnamed sides
placed where the act happens; each rule on small hand-made sentences (not gold sentences)."""

from __future__ import annotations


def _types(coded):
    return sorted(e.type for e in coded.events)


def _one(coded, kind):
    found = [e for e in coded.events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.mentions[0].text) for e in coded.events]}"
    return found[0]


def _countries(actors):
    return {a.country for a in actors if a.country}


def test_requested_act_is_not_a_second_event(code_text):
    c = code_text("Croatia urged Serbia to withdraw its troops from the border.")
    assert _types(c) == ["REQUEST"]
    assert _countries(_one(c, "REQUEST").recipient) == {"SRB"}


def test_threat_aims_at_whom_its_content_aims(code_text):
    c = code_text("Hungary threatened to cut ties with Romania.")
    assert _types(c) == ["THREATEN"]
    ev = _one(c, "THREATEN")
    assert _countries(ev.actor) == {"HUN"} and _countries(ev.recipient) == {"ROU"}


def test_refused_act_is_the_refusal(code_text):
    c = code_text("Portugal refused to deploy troops in Angola.")
    assert _types(c) == ["REJECT"]


def test_request_recipient_is_the_subject_of_the_that_clause(code_text):
    c = code_text("Mexico demanded that Guatemala release the fishermen.")
    ev = _one(c, "REQUEST")
    assert _countries(ev.recipient) == {"GTM"}
    assert "RETREAT" not in _types(c)


def test_statement_that_another_party_must_act_is_a_request(code_text):
    c = code_text("Germany said on Monday that Poland must return the paintings.")
    ev = _one(c, "REQUEST")
    assert _countries(ev.actor) == {"DEU"} and _countries(ev.recipient) == {"POL"}


def test_agreement_to_act_is_one_directed_commitment(code_text):
    c = code_text("Japan agreed to lift the embargo on Cuba.")
    assert _types(c) == ["AGREE"]
    ev = _one(c, "AGREE")
    assert _countries(ev.actor) == {"JPN"} and _countries(ev.recipient) == {"CUB"}


def test_future_withdrawal_is_a_commitment(code_text):
    c = code_text("Kenya will withdraw its troops from Somalia next year.")
    ev = _one(c, "AGREE")
    assert ev.status == "planned"
    assert "RETREAT" not in _types(c)


def test_announced_coercion_is_a_threat(code_text):
    c = code_text("Egypt said it would impose a curfew in Cairo.")
    ev = _one(c, "THREATEN")
    assert ev.status == "planned"


def test_future_aid_keeps_its_type(code_text):
    c = code_text("Kenya will send medical aid to Uganda next month.")
    assert _one(c, "AID").status == "planned"


def test_protest_demand_is_part_of_the_protest(code_text):
    c = code_text("Thousands of Georgians demonstrated in Tbilisi calling for new elections.")
    assert _types(c) == ["PROTEST"]


def test_unnamed_target_of_a_domestic_act_is_at_home(code_text):
    c = code_text("Kenyan police arrested forty students on Monday.")
    ev = _one(c, "COERCE")
    assert _countries(ev.actor) == {"KEN"} and _countries(ev.recipient) == {"KEN"}


def test_protest_aims_at_its_own_government(code_text):
    c = code_text("Chilean teachers protested on Tuesday.")
    ev = _one(c, "PROTEST")
    assert _countries(ev.recipient) == {"CHL"}


def test_unattributed_attack_is_placed_where_it_happened(code_text):
    c = code_text("A roadside bomb near Mosul killed two Turkish soldiers.")
    ev = _one(c, "ASSAULT")
    assert _countries(ev.actor) == {"IRQ"} and _countries(ev.recipient) == {"TUR"}


def test_lifting_a_curfew_is_a_concession(code_text):
    c = code_text("Peru lifted the curfew in Lima.")
    assert _types(c) == ["CONCEDE"]


def test_establishing_ties_is_support(code_text):
    c = code_text("Chad and Niger established diplomatic ties.")
    assert _countries(_one(c, "SUPPORT").actor) == {"TCD", "NER"}


def test_pronoun_subject_is_the_reporting_subject(code_text):
    c = code_text("Morocco says it is willing to withdraw its troops from Mauritania.")
    ev = _one(c, "AGREE")
    assert _countries(ev.actor) == {"MAR"} and _countries(ev.recipient) == {"MRT"}


def test_refused_proposal_names_its_maker(code_text):
    c = code_text("Norway rejected an offer from Iceland.")
    assert _countries(_one(c, "REJECT").recipient) == {"ISL"}


def test_threat_is_held_over_the_subject_of_its_condition(code_text):
    c = code_text("Brazil threatened to stop the negotiations if Argentina raises its tariffs.")
    assert _countries(_one(c, "THREATEN").recipient) == {"ARG"}


def test_attack_reported_by_a_source_is_not_the_source_s(code_text):
    c = code_text("A bomb near Kandahar killed two Dutch soldiers, the military said.")
    ev = _one(c, "ASSAULT")
    assert _countries(ev.actor) == {"AFG"}


def test_stopped_act_is_part_of_the_stopping(code_text):
    c = code_text("Sweden suspended aid deliveries to Somalia.")
    assert _types(c) == ["SANCTION"]


def test_future_refusal_is_a_rejection(code_text):
    c = code_text("Jordan will not accept more refugees.")
    assert _types(c) == ["REJECT"]


def test_coordinated_acts_share_whom_they_address(code_text):
    c = code_text("Chile warmly congratulated Peru on its anniversary and expressed gratitude for its help.")
    support = [e for e in c.events if e.type == "SUPPORT"]
    assert support and all(_countries(e.recipient) == {"PER"} for e in support)


def test_commitment_that_is_refused_passes_its_content_up(code_text):
    c = code_text("The Polish government refused to commit to any military assistance to Georgia.")
    assert _types(c) == ["REJECT"]
    assert _countries(_one(c, "REJECT").recipient) == {"GEO"}


def test_act_named_as_a_circumstance_is_not_the_content(code_text):
    c = code_text("Lukashenko offered to negotiate with the Polish president following the shelling of Odesa.")
    assert "THREATEN" not in _types(c)
    shelling = [e for e in c.events if e.type == "ASSAULT"]
    assert all(e.status == "occurred" for e in shelling)


def test_planned_meeting_keeps_who_meets_whom(code_text):
    c = code_text("Chadian rebel leaders said they would meet UN envoy Abdou Diallo next week.")
    ev = _one(c, "CONSULT")
    assert ev.status == "planned"
    assert _countries(ev.actor) == {"TCD"} and _countries(ev.recipient) == {"UNO"}


def test_condemned_act_makes_its_author_the_one_condemned(code_text):
    c = code_text("Ukraine condemned the shelling of Kharkiv by Russian forces.")
    accuse = _one(c, "ACCUSE")
    assert _countries(accuse.recipient) == {"RUS"}
    attack = _one(c, "ASSAULT")
    assert _countries(attack.actor) == {"RUS"}
    assert _countries(attack.recipient) == {"UKR"}  # the town's country, not the attacker's
