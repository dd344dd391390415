"""Within-document merging: mentions of one act become one event, different acts stay apart.

Every article here is made up for the test; each merge rule has a case that must merge and the
acts of one type that must stay apart have cases of their own."""

from __future__ import annotations

from accord.coding.merging import fold_one_act, merge_within_document
from accord.model import Actor, Event, Span


def _of(coded, kind):
    return [e for e in coded.events if e.type == kind]


def _texts(ev):
    return [m.text for m in ev.mentions]


# --- mentions that merge --------------------------------------------------------------------


def test_lede_and_recap_with_the_same_verb_and_states_are_one_event(code_text):
    c = code_text("Latvia expelled two Russian diplomats on Monday over spying. The Baltic state's foreign "
                  "ministry said the embassy staff had been told to leave within a week. Latvia expelled "
                  "the Russian diplomats after an investigation by its security service.")
    (ev,) = _of(c, "SANCTION")
    assert len(ev.mentions) == 2
    assert {a.country for a in ev.actor} == {"LVA"} and {a.country for a in ev.recipient} == {"RUS"}


def test_a_possessive_noun_refers_back_to_the_act(code_text):
    # "his appeal" is the call for an end to violence reported in the first sentence
    c = code_text("The U.N. envoy for Syria called for an end to violence against civilians. "
                  "Geir Pedersen issued his appeal on Friday in Geneva.")
    (ev,) = _of(c, "REQUEST")
    assert len(ev.mentions) == 2
    assert any("issued his appeal" in t for t in _texts(ev))


def test_a_definite_act_dated_by_on_still_refers_back(code_text):
    # "on <date>" only dates the act already told; "on <target>" tells a new one (kept apart elsewhere)
    c = code_text("Chilean President Gabriel Boric made a visit to the Kremlin in March. Chile wants copper "
                  "prices to rise. Analysts expect little from the trip. The deal was discussed, Putin told "
                  "Boric during the visit on March 12.")
    (ev,) = _of(c, "CONSULT")
    assert len(ev.mentions) == 2
    assert {a.country for a in ev.actor + ev.recipient} == {"CHL", "RUS"}


def test_a_noun_for_the_act_joins_the_act_even_with_a_status_of_its_own(code_text):
    # the ultimatum is the fourteen days given: the noun carries no cue of its own
    c = code_text("Kenya gave the U.N. refugee agency 14 days to present a plan to close two refugee camps. "
                  "Aid groups criticized the decision. The agency said it was studying Kenya's ultimatum.")
    (ev,) = [e for e in c.events if any("14 days" in t for t in _texts(e))]
    assert any("ultimatum" in t for t in _texts(ev))


def test_the_same_object_in_other_words_is_one_act(code_text):
    c = code_text("Britain is seeking to finalize a deal with Mauritius on the Chagos Islands. "
                  "Prime Minister Keir Starmer has sought to finalize the agreement since July.")
    (ev,) = _of(c, "AGREE")
    assert len(ev.mentions) == 2
    # the later mention names the person: the side keeps the entity
    assert any(a.entity == "Keir Starmer" for a in ev.actor)


def test_the_same_named_victim_ties_two_reports_of_an_attack(code_text):
    c = code_text("A man told a court on Tuesday that he tried to kill the journalist Maria Lopez in Madrid in "
                  "2022. Prosecutors said Maria Lopez was almost shot dead outside her home by a hitman "
                  "hired by the defendants.")
    (ev,) = _of(c, "ASSAULT")
    assert len(ev.mentions) == 2


def test_people_pointed_back_at_in_the_next_sentence_are_the_same_arrests(code_text):
    c = code_text("Belarusian police arrested 200 protesters in Minsk on Sunday. "
                  "Most of these people are held incommunicado.")
    (ev,) = _of(c, "COERCE")
    assert any("held incommunicado" in t for t in _texts(ev))


def test_killing_and_injuring_after_a_blast_are_the_blast(code_text):
    # "killing" folds into "detonated", and "injuring", coordinated with "killing", follows it
    c = code_text("A suicide bomber detonated explosives near an army convoy in northern Pakistan, "
                  "killing one soldier and injuring four others.")
    (ev,) = _of(c, "ASSAULT")
    assert len(ev.mentions) == 3


def test_the_same_toll_ties_two_reports_of_airstrikes(code_text):
    c = code_text("Somali forces killed at least 50 al-Shabab fighters in airstrikes near Jowhar on Tuesday. "
                  "Officials in Mogadishu praised the operation. Airstrikes by the Somali army and its partners "
                  "in Middle Shabelle killed at least 50 al-Shabab fighters, the information ministry said.")
    tolls = [e for e in _of(c, "ASSAULT") if any("killed at least 50" in t for t in _texts(e))]
    assert len(tolls) == 1 and sum("killed at least 50" in t for t in _texts(tolls[0])) == 2


def test_the_same_thing_seized_in_other_words_is_one_act(code_text):
    c = code_text("Police in Kenya seized the assets of a former minister on Monday. "
                  "Critics said the police were confiscating the assets without a court order.")
    (ev,) = _of(c, "COERCE")
    assert any("confiscating" in t for t in _texts(ev))


def test_talks_marked_alike_are_one_meeting(code_text):
    c = code_text("Malaysia and China agreed on Monday to hold future talks on trade. "
                  "The prime minister said future negotiations with China would cover palm oil.")
    (ev,) = _of(c, "CONSULT")
    assert any("negotiations" in t for t in _texts(ev))


def test_casualties_told_next_without_an_attacker_are_the_attack(code_text):
    c = code_text("Gunmen attacked a police station in the Malian town of Kidal on Monday. "
                  "Two Malian soldiers were shot dead.")
    (ev,) = _of(c, "ASSAULT")
    assert len(ev.mentions) == 2


def test_a_plea_with_its_addressee_parsed_on_the_act_asked_for_is_one_plea(code_text):
    # the parser hangs "with villagers" and "villagers" on the act asked for ("go back", "return")
    c = code_text("Nigerian officials are pleading with villagers to go back to their farms. Soldiers have been "
                  "deployed along the main road. The government is pleading with villagers to return to farms "
                  "where soldiers will protect them.")
    (ev,) = _of(c, "REQUEST")
    assert len(ev.mentions) == 2


def test_the_same_person_restating_a_stance_is_one_act(code_text):
    c = code_text("Former minister Ana Ruiz rejects the charges of corruption. Prosecutors say she took bribes "
                  "from a building firm in 2019. The trial is expected to last three months. "
                  "\"Of course I disagree,\" Ruiz said.")
    (ev,) = _of(c, "REJECT")
    assert len(ev.mentions) == 2


def test_a_claimed_toll_that_fits_the_reported_one_is_the_main_attack(code_text):
    c = code_text("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday. At least five people were "
                  "killed, local officials said. Al-Shabab claimed responsibility for the raid. In a statement, "
                  "the group said it had killed more than 10 people.")
    (ev,) = _of(c, "ASSAULT")
    assert any("more than 10" in t for t in _texts(ev))


def test_a_participle_describing_whom_the_act_is_done_to_is_the_act(code_text):
    # "freed" tells the rescue again (RETREAT beside AID): one act, not two
    c = code_text("Nigerian officials said on Monday that the army rescued all the schoolgirls freed so far.")
    assert len([e for e in c.events if e.type in {"AID", "RETREAT"}]) == 1


def test_a_judging_word_quoted_in_the_lede_and_in_the_full_quote_is_one_criticism(code_text):
    c = code_text("Brazil's opposition leader called the court ruling “shameful” on Monday. The court had banned "
                  "three parties from the election. “This verdict is unjust and shameful,” Maria Costa said after "
                  "the hearing.")
    (ev,) = _of(c, "ACCUSE")
    assert len(ev.mentions) == 2
    assert ev.date.value == "2024-04-29"  # the date the text gives is kept


def test_the_main_meeting_told_again_with_one_party_named_is_the_meeting(code_text):
    # "to other posts" hangs on "negotiations" in the parse: where the diplomats go, no other partner
    c = code_text("Japan's prime minister is turning to domestic issues after months of trade talks that remain "
                  "deadlocked, analysts said. “There is little appetite for a deal now,” one analyst said. Tokyo "
                  "has reassigned several diplomats involved in negotiations with China to other posts.")
    (ev,) = _of(c, "CONSULT")
    assert len(ev.mentions) == 2
    assert {a.country for a in ev.actor} == {"JPN", "CHN"}  # the party inferred first is kept


def test_the_merged_act_keeps_the_most_exact_date_the_text_gives(code_text):
    c = code_text("Kenyan and Somali officials held talks in Nairobi in April. Border security was the main topic. "
                  "The talks on April 11 ended without a deal.")
    (ev,) = _of(c, "CONSULT")
    assert ev.date.value == "2024-04-11"


def test_a_statement_dated_by_the_week_takes_the_report_s_day(code_text):
    c = code_text("Brazil's opposition leader called the court ruling “shameful” this week. The court had banned "
                  "three parties from the election. “This verdict is unjust and shameful,” Maria Costa said.",
                  date="2024-05-15")
    (ev,) = _of(c, "ACCUSE")
    assert len(ev.mentions) == 2 and ev.date.value == "2024-05-15"


def test_a_restated_stance_with_an_inferred_target_is_the_same_stance(code_text):
    # the coder infers whom "I disagree" answers; nothing in the quote names another act
    c = code_text("Hong Kong publisher Jimmy Lai rejects the charges of collusion with foreign forces. Last week, "
                  "prosecutor Anthony Chau read out the charges and asked Lai if he agreed with them. \"Of course "
                  "I disagree. Totally rubbish,\" Lai said.")
    (ev,) = _of(c, "REJECT")
    assert len(ev.mentions) == 2


def test_an_act_negated_only_by_the_verb_about_it_is_the_act_told_later(code_text):
    # "never condemned Russia's invasion" denies the condemnation, not the invasion
    c = code_text("Unlike most states, India has never condemned Russia's invasion of Ukraine. Officials in Delhi "
                  "recalled that Russia invaded Ukraine in 2022.")
    (ev,) = _of(c, "ASSAULT")
    assert len(ev.mentions) == 2 and ev.status == "occurred"


def test_a_relative_clause_on_what_was_bombed_tells_the_bombing_s_outcome(code_text):
    c = code_text("A court in Paris opened a trial over the 2015 bombing of a French military base in Mali that "
                  "killed two Malian guards and nine French soldiers.")
    (ev,) = _of(c, "ASSAULT")
    assert {"FRA", "MLI"} <= {a.country for a in ev.recipient}  # the base's and the guards' side


def test_an_act_done_during_the_operation_is_part_of_it(code_text):
    c = code_text("Police in Kenya arrested 30 opposition supporters in Nairobi on Monday. During the operation, "
                  "police seized computers and phones.")
    (ev,) = _of(c, "COERCE")
    assert len(ev.mentions) == 2


def test_a_demonym_on_the_act_noun_may_name_either_side(code_text):
    # "its Egyptian rapprochement efforts": Egypt is whom Turkey approaches, not the doer
    c = code_text("Turkey made overtures to Egypt on Monday after years of tension. Trade between the two "
                  "countries has grown. Analysts say its Egyptian rapprochement efforts could take years.")
    (ev,) = _of(c, "SUPPORT")
    assert len(ev.mentions) == 2
    assert {a.country for a in ev.actor} == {"TUR"} and {a.country for a in ev.recipient} == {"EGY"}


def test_backing_and_supporting_one_party_are_one_act(code_text):
    c = code_text("Ankara's backing of the Muslim Brotherhood angered Cairo for years. Trade between the two "
                  "countries has grown. \"Turkey's wrong policy, like supporting the Muslim Brotherhood, hurt us,\" "
                  "an Egyptian diplomat said.")
    (ev,) = _of(c, "SUPPORT")
    assert len(ev.mentions) == 2


def test_a_denial_in_the_speaker_s_own_words_is_the_rejection(code_text):
    # "no one can say that I am implicated": coded as a charge against the speaker, not made
    c = code_text("Former prime minister Sali Berisha rejected the allegations during a press conference on "
                  "Thursday. \"There is no one in Albania that can say that I am implicated in any corrupt "
                  "affair,\" he said.")
    (ev,) = [e for e in c.events if e.type in {"REJECT", "ACCUSE"}]
    assert ev.type == "REJECT" and len(ev.mentions) == 2


def test_an_act_told_as_what_a_charge_says_is_the_charge(code_text):
    c = code_text("The rebels fought back, with both the Seleka and anti-Balaka being accused of targeting and "
                  "killing civilians.")
    assert not any("killing civilians" in t for e in _of(c, "ASSAULT") for t in _texts(e))
    assert len(_of(c, "ACCUSE")) == 1


def test_the_main_killing_told_in_detail_with_a_part_of_its_toll_is_one_act(code_text):
    # "all six" is the whole; "two" shot dead (and four who blew themselves up) are part of it
    c = code_text("Security forces in Somalia say they killed all six gunmen who stormed a hotel in the town of "
                  "Beledweyne. The siege ended early Wednesday, officials said. “Our brave soldiers shot dead two "
                  "militants, and four of them blew themselves up,” a commander said.")
    (ev,) = [e for e in _of(c, "ASSAULT") if any("all six" in t for t in _texts(e))]
    assert any("soldiers shot" in t for t in _texts(ev))


def test_the_doer_s_own_claim_of_the_main_attack_is_the_attack(code_text):
    # "said it had blown up the tracks": the group's account of the attack, in other words
    c = code_text("Militants attacked a passenger train in southwestern Pakistan on Tuesday, taking many hostages. "
                  "The train was carrying 450 passengers. In a statement, the group said it had blown up the tracks "
                  "and taken 100 passengers hostage.")
    (ev,) = _of(c, "ASSAULT")
    assert len(ev.mentions) == 2


# --- acts that stay apart -------------------------------------------------------------------


def test_two_attacks_of_one_kind_on_different_days_stay_apart(code_text):
    c = code_text("Armed men attacked a police post in the Malian town of Kidal on Monday, killing four "
                  "officers. On Wednesday, armed men attacked a market in the Malian town of Gao, killing "
                  "nine traders.")
    attacks = _of(c, "ASSAULT")
    assert len(attacks) == 2
    assert {a.date.value for a in attacks} == {"2024-04-29", "2024-05-01"}


def test_demands_to_different_parties_stay_apart(code_text):
    c = code_text("The United Nations urged Russia to halt strikes on Ukrainian ports. "
                  "The United Nations also urged Ukraine to release prisoners of war.")
    demands = _of(c, "REQUEST")
    assert sorted(tuple(a.country for a in e.recipient) for e in demands) == [("RUS",), ("UKR",)]


def test_two_demands_of_one_person_to_one_party_stay_apart(code_text):
    # same speaker, same verb, same addressee, but a different thing asked for
    c = code_text("Swiss President Viola Amherd urged Serbia to free the detained journalists on Monday. "
                  "Officials in Belgrade did not comment. Later in her speech, Viola Amherd urged Serbia "
                  "to reopen the border crossings.")
    demands = _of(c, "REQUEST")
    assert len(demands) == 2


def test_a_later_act_in_the_same_sentence_is_another_act(code_text):
    c = code_text("Security forces in Somalia said they killed all six gunmen who stormed a hotel in "
                  "Beledweyne and later killed 40 al-Shabab fighters in airstrikes.")
    kills = [e for e in _of(c, "ASSAULT") if any("killed" in t for t in _texts(e))]
    assert len(kills) == 2


def test_different_counts_of_the_dead_are_different_acts(code_text):
    c = code_text("The Pakistani army said it killed 33 separatist fighters on Tuesday. "
                  "Officials said 1,250 fighters have been killed in the province this year.")
    assert len(_of(c, "ASSAULT")) == 2


def test_another_summit_is_not_the_summit_that_took_place(code_text):
    c = code_text("Norwegian Prime Minister Jonas Gahr Store met Swedish Prime Minister Ulf Kristersson in "
                  "Oslo on Monday. The two leaders discussed energy cooperation. Kristersson said another "
                  "summit could take place next year.")
    meetings = _of(c, "CONSULT")
    assert len(meetings) == 2
    held = next(e for e in meetings if e.status == "occurred")
    assert len(held.mentions) == 2  # "met" and "discussed" are one meeting
    assert not any("summit" in t for t in _texts(held))


def test_a_separate_incident_is_another_act(code_text):
    c = code_text("Gunmen attacked a police station in the Malian town of Kidal on Monday. "
                  "Separately, two Malian soldiers were shot dead.")
    assert len(_of(c, "ASSAULT")) == 2


def test_arrests_of_other_people_next_door_are_another_act(code_text):
    c = code_text("Nigerian police arrested dozens of protesters in Lagos on Saturday. "
                  "Several journalists were detained.")
    assert len(_of(c, "COERCE")) == 2


def test_coordinated_clauses_with_doers_of_their_own_are_two_acts(code_text):
    c = code_text("Police arrested ten protesters in Harare on Monday, and soldiers detained five journalists.")
    assert len(_of(c, "COERCE")) == 2


def test_pleas_for_different_acts_stay_apart(code_text):
    c = code_text("Nigerian officials are pleading with villagers to go back to their farms. Soldiers have been "
                  "deployed along the main road. The governor is pleading with traders to reopen their shops.")
    assert len(_of(c, "REQUEST")) == 2


def test_the_same_person_rejecting_another_thing_is_another_act(code_text):
    c = code_text("Former minister Ana Ruiz rejects the charges of corruption. Prosecutors say she took bribes "
                  "from a building firm in 2019. Ruiz also rejected calls to resign from parliament.")
    assert len(_of(c, "REJECT")) == 2


def test_a_claimed_toll_below_the_reported_one_is_another_act(code_text):
    c = code_text("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday. At least five people were "
                  "killed, local officials said. Al-Shabab claimed responsibility for the raid. In a statement, "
                  "the group said it had killed three soldiers.")
    kills = [e for e in _of(c, "ASSAULT") if any("three" in t for t in _texts(e))]
    assert kills and all(len(e.mentions) == 1 for e in kills)


def test_a_participle_with_a_doer_of_its_own_is_another_act(code_text):
    c = code_text("Nigerian officials said on Monday that the army rescued the schoolgirls freed by the kidnappers.")
    assert len([e for e in c.events if e.type in {"AID", "RETREAT"}]) == 2


def test_one_judging_word_from_two_states_is_two_criticisms(code_text):
    c = code_text("German officials called the strike on the port “unacceptable” on Monday. The port was hit by a "
                  "drone overnight. French officials called the arrests of the sailors “unacceptable.”")
    assert len(_of(c, "ACCUSE")) == 2


def test_a_meeting_said_to_be_one_more_is_not_the_main_meeting(code_text):
    c = code_text("Japan's prime minister is turning to domestic issues after months of trade talks that remain "
                  "deadlocked, analysts said. “There is little appetite for a deal now,” one analyst said. Tokyo "
                  "also held negotiations with South Korea.")
    assert len(_of(c, "CONSULT")) == 2


def test_a_toll_of_years_is_not_the_main_attack(code_text):
    c = code_text("Gunmen killed five traders in northern Kenya, police said. The traders were travelling to "
                  "Mandera. Hundreds of people have been killed in the region since 2019.")
    assert len(_of(c, "ASSAULT")) == 2


def test_an_act_during_another_kind_of_event_is_not_the_earlier_act(code_text):
    # "the meeting" is no operation the arrests were part of
    c = code_text("Police in Kenya arrested 30 opposition supporters in Nairobi on Monday. During the meeting, "
                  "police seized computers and phones.")
    assert len(_of(c, "COERCE")) == 2


def test_a_relative_clause_on_a_party_tells_that_party_s_own_act(code_text):
    c = code_text("Gunmen attacked the headquarters of a militia that killed ten villagers last year.")
    assert len(_of(c, "ASSAULT")) == 2


def test_a_charge_and_an_act_beside_it_stay_apart(code_text):
    c = code_text("Rights groups accused the army of killing civilians in Darfur, and the army attacked a village "
                  "on Monday.")
    assert len(_of(c, "ACCUSE")) == 1 and len(_of(c, "ASSAULT")) == 1


def test_someone_else_s_rejection_does_not_take_a_denial(code_text):
    # the denial is Berisha's; the rejection before it is the government's
    c = code_text("The government rejected the allegations on Thursday. \"There is no one in Albania that can say "
                  "that I am implicated in any corrupt affair,\" Sali Berisha said.")
    (rej,) = _of(c, "REJECT")
    assert len(rej.mentions) == 1


def test_a_smaller_toll_without_a_total_is_another_killing(code_text):
    c = code_text("Security forces in Somalia say they killed six gunmen who stormed a hotel in the town of "
                  "Beledweyne. The siege ended early Wednesday, officials said. “Our brave soldiers shot dead two "
                  "militants,” a commander said.")
    assert not any(len(e.mentions) > 1 for e in _of(c, "ASSAULT"))


def test_a_killing_by_another_kind_of_force_is_another_act(code_text):
    # soldiers and police: one country, but the sides are not the same parties
    c = code_text("Soldiers in Somalia killed all six gunmen who stormed a hotel in the town of Beledweyne. The "
                  "siege ended early Wednesday, officials said. “Police shot dead two militants,” a commander "
                  "said.")
    assert not any(len(e.mentions) > 1 for e in _of(c, "ASSAULT"))


def test_a_killing_said_to_be_one_more_is_another_act(code_text):
    c = code_text("Security forces in Somalia killed all six gunmen who stormed a hotel in the town of "
                  "Beledweyne. The siege ended early Wednesday, officials said. Soldiers also killed two militants "
                  "near Baidoa.")
    assert not any(len(e.mentions) > 1 for e in _of(c, "ASSAULT"))


def test_a_killing_told_with_a_place_or_day_of_its_own_is_another_act(code_text):
    for later in ("In Mogadishu, soldiers shot dead two militants at a checkpoint.",
                  "On Sunday, soldiers shot dead two militants at a checkpoint."):
        c = code_text("Security forces in Somalia killed all six militants who attacked a military base in Kismayo "
                      "on Monday. The fighting lasted four hours, officials said. " + later)
        assert not any(any("soldiers shot" in t for t in _texts(e)) and len(e.mentions) > 1 for e in _of(c, "ASSAULT"))


def test_a_claim_of_one_more_attack_or_of_another_place_and_day_is_another_act(code_text):
    for claim in ("the group said it had also bombed a police station.",
                  "the group said it had bombed a police station in Quetta on Sunday."):
        c = code_text("Militants attacked a passenger train in southwestern Pakistan on Tuesday. The train was "
                      "carrying 450 passengers. In a statement, " + claim)
        assert len(_of(c, "ASSAULT")) == 2


# --- the function itself ---------------------------------------------------------------------


def _event(type_, actor, recipient, start, text):
    return Event(type=type_, doc_id="d", mentions=[Span(start, start + len(text), text)],
                 trigger=Span(start, start + len(text), text),
                 actor=[Actor(text=c, country=c, span=Span(0, 1, c)) for c in actor],
                 recipient=[Actor(text=c, country=c, span=Span(0, 1, c)) for c in recipient])


def test_keys_without_the_parse_still_merge_the_same_verb_and_sides():
    a = _event("SANCTION", ["USA"], ["IRN"], 0, "imposed sanctions")
    b = _event("SANCTION", ["USA"], ["IRN"], 100, "imposed new sanctions")
    c = _event("SANCTION", ["USA"], ["IRN"], 200, "blacklisted")
    keys = {id(a): ("impose", "sanction", 0), id(b): ("impose", "sanction", 20), id(c): ("blacklist", "", 40)}
    out = merge_within_document([a, b, c], keys)
    assert len(out) == 2 and len(out[0].mentions) == 2


def test_without_keys_only_the_same_sides_merge():
    a = _event("ACCUSE", ["CHN"], ["JPN"], 0, "criticized")
    b = _event("ACCUSE", ["CHN"], ["JPN"], 50, "condemned")
    c = _event("ACCUSE", ["CHN"], ["KOR"], 90, "condemned")
    out = merge_within_document([a, b, c])
    assert [len(e.mentions) for e in out] == [2, 1]


def _at(doc, word: str, type_: str, actor: str, recipient: str) -> tuple[Event, int]:
    tok = next(t for t in doc if t.text == word)
    ev = _event(type_, [actor], [recipient], tok.idx, tok.text)
    return ev, tok.i


def _fold(coder, text: str, *events: tuple[str, str, str, str]) -> list[Event]:
    doc = coder.nlp(text)
    made = [_at(doc, *e) for e in events]
    return fold_one_act([ev for ev, _ in made], doc, {id(ev): i for ev, i in made})


def test_a_reporting_verb_coded_for_its_quote_is_the_act_the_quote_holds(coder):
    # the rejection in the quote and the criticism read off "told" are one statement of India's
    (ev,) = _fold(coder, "“We strongly reject the baseless allegations made by Pakistan,” spokesperson Ravi "
                         "Kumar told reporters.", ("reject", "REJECT", "IND", "PAK"), ("told", "ACCUSE", "IND", "IND"))
    assert ev.type == "REJECT" and [a.country for a in ev.recipient] == ["PAK"]


def test_a_quote_telling_another_doer_s_act_is_not_the_speaker_s_act(coder):
    folded = _fold(coder, "“Israel rejected every proposal for a truce,” Iranian foreign minister Ali Rezaei told "
                          "reporters.", ("rejected", "REJECT", "ISR", "IRN"), ("told", "ACCUSE", "IRN", "ISR"))
    assert len(folded) == 2



def test_folding_keeps_the_side_that_names_a_country(coder):
    doc = coder.nlp("“We strongly reject the baseless allegations,” spokesperson Ravi Kumar told reporters.")
    reject, told = next(t for t in doc if t.text == "reject"), next(t for t in doc if t.text == "told")
    host = _event("REJECT", [], ["PAK"], reject.idx, reject.text)
    host.actor = [Actor(text="We", span=Span(1, 3, "We"))]  # the quote's "we": no country
    ev = _event("ACCUSE", ["IND"], [], told.idx, told.text)
    (out,) = fold_one_act([host, ev], doc, {id(host): reject.i, id(ev): told.i})
    assert [a.country for a in out.actor] == ["IND"] and [a.country for a in out.recipient] == ["PAK"]
