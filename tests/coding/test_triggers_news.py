"""Trigger families grown from how wire and broadcast news word political acts; each checked on
small hand-made sentences (not gold sentences)."""

from __future__ import annotations

import pytest


def _types(coded):
    return sorted(e.type for e in coded.events)


@pytest.mark.parametrize("text, kind", [
    # criticism said in many ways
    ("Hungary's foreign minister is critical of the Polish plan.", "ACCUSE"),
    ("Chile expressed concern over Peru's new fishing law.", "ACCUSE"),
    ("Greece lodged a complaint with Turkey over the airspace violations.", "ACCUSE"),
    ("A Brazilian lawyer filed a lawsuit against the Argentine government.", "ACCUSE"),
    ("The Dutch government held Russia responsible for the downing of the plane.", "ACCUSE"),
    ("A Peruvian court found the former Bolivian minister guilty of bribery.", "SANCTION"),  # a conviction
    ("An inquiry found the Chilean navy responsible for the spill.", "ACCUSE"),
    ("Norway summoned Iran's ambassador after the arrests.", "ACCUSE"),
    # arrests, bans, closures
    ("Police in Tunisia apprehended three Libyan smugglers.", "COERCE"),
    ("The Thai junta declared martial law in Bangkok.", "COERCE"),
    ("Nicaragua outlawed the main opposition party.", "COERCE"),
    # troop moves and alerts
    ("Turkey dispatched warships to the eastern Mediterranean.", "MOBILIZE"),
    ("Indian troops remained on high alert along the border with Pakistan.", "MOBILIZE"),
    ("North Korea test-fired a ballistic missile.", "MOBILIZE"),
    # releases, surrenders, returns
    ("Colombian rebels freed two Ecuadorian soldiers.", "RETREAT"),
    ("The Netherlands returned looted artifacts to Indonesia.", "RETREAT"),
    # concessions
    ("The Ugandan president granted a pardon to the jailed Kenyan activist.", "CONCEDE"),
    ("The Kenyan government lifted the curfew in Nairobi.", "CONCEDE"),
    # sanctions by other names
    ("The United States barred two Paraguayan officials from entering the country.", "SANCTION"),
    ("Canada imposed tariffs on Chinese electric cars.", "SANCTION"),
    # support and aid
    ("Japan welcomed the decision by South Korea to resume talks.", "SUPPORT"),
    ("The Mexican president defended Mexico's immigration policy.", "SUPPORT"),
    ("Italian coast guard ships rescued 300 migrants off Libya.", "AID"),
    # refusals
    ("Serbia cancelled a planned visit by the Kosovo prime minister.", "REJECT"),
    # agreements
    ("Egypt and Sudan struck a deal on Nile water sharing.", "AGREE"),
    ("The Ethiopian government is committed to opening its telecom market to Kenyan firms.", "AGREE"),
    # yielding: returns, repeals, lower tariffs
    ("Belgium returned a stolen statue to the Congolese ambassador.", "RETREAT"),
    ("Bahrain repealed its law boycotting Israel.", "CONCEDE"),
    ("Washington reduced tariffs on Chinese goods.", "CONCEDE"),
    # more ways of saying it
    ("The European Commission launched legal action against the Hungarian government.", "ACCUSE"),
    ("North Korea violated a UN ban on missile tests.", "REJECT"),
    ("Thailand and Malaysia held joint war games in the south.", "COOPERATE"),
    ("ASEAN ministers pledged full support for Indonesia's peace plan.", "SUPPORT"),
    ("Portugal accepted 300 people from Greek refugee camps.", "AID"),
    ("Egyptian traders lifted their boycott of Turkish goods.", "CONCEDE"),
    ("Afghan President Ashraf Ghani announced a weeklong cease-fire with the Taliban.", "CONCEDE"),
    ("Azerbaijani forces violated the ceasefire in Karabakh 20 times overnight.", "ASSAULT"),
    ("Islamic State militants held 10,000 Iraqi civilians as human shields in Mosul.", "ASSAULT"),
    ("Washington rolled back tariffs on Mexican steel.", "CONCEDE"),
    ("The European Union deployed election observers in Malawi.", "AID"),
    ("The Houthis said they will not begin talks with the Saudi government.", "REJECT"),
    ("The Sudanese army ceased its military operations near Omdurman.", "RETREAT"),
    ("Spain offered Morocco two helicopters and rescue equipment.", "AID"),
    ("Peru and Chile failed to reach a deal on the maritime border.", "REJECT"),
    ("The Nicaraguan government ordered the opposition newspaper to suspend publication.", "COERCE"),
    ("A Kenyan court ordered the Ugandan businessman to hand over his passport.", "REQUEST"),
    ("A Peruvian judge sent the Bolivian activist back to jail on Friday.", "COERCE"),
    ("A Chilean court revoked the Argentine banker's bail.", "COERCE"),
    ("A Thai court granted the Cambodian opposition leader bail.", "CONCEDE"),
    ("Jordan eased the curfew in the northern provinces.", "CONCEDE"),
    # peacekeepers sent are help given, not a build-up
    ("Ghana is sending 300 soldiers to Mali on a peacekeeping mission.", "AID"),
    ("Fijian troops take part in peacekeeping operations in Lebanon.", "AID"),
    ("Hundreds of Brazilian peacekeepers began deploying on Monday in Haiti.", "AID"),
    ("Sweden handed over 20 ambulances to the Moldovan health ministry.", "AID"),
    ("The Turkish army is transporting injured Syrian civilians to hospitals in Gaziantep.", "AID"),
    # nouns carried by a measure, a passive or an instrument
    ("Egypt and Greece began a new round of joint naval exercises on Monday.", "COOPERATE"),
    ("Peruvian authorities declared a state of emergency in Lima to begin at midnight.", "COERCE"),
    ("Egyptian authorities suspended publication of an opposition newspaper.", "COERCE"),
    ("The war games were staged by Indian and French troops.", "COOPERATE"),
    ("Norway announced an increase in funding for Sudanese refugees.", "AID"),
    ("Denmark renewed its support for Ghana with a contribution of 10 million euros.", "AID"),
    # protest by other acts, freeing by other words
    ("Students in Belgrade burned the Croatian flag outside the embassy.", "PROTEST"),
    ("Eritrea today let free the Swedish journalist Dawit Isaak.", "RETREAT"),
    ("Boko Haram militants held 300 Nigerian villagers as human shields.", "ASSAULT"),
    ("The Italian prime minister defended Libya over claims of abuses at detention camps.", "SUPPORT"),
    ("Greek and Cypriot warships launched five days of war games off Crete.", "COOPERATE"),
    # a call made by stressing a need; a campaign to free someone; a refusal to yield
    ("The Polish foreign minister stressed the need for more sanctions on Russia.", "REQUEST"),
    ("The UN refugee agency said it needs 900 million dollars for Sudanese refugees in Chad.", "REQUEST"),
    ("The Sri Lankan government is pursuing an IMF bailout.", "REQUEST"),
    ("The Canadian government is working to secure the release of two citizens held in China.", "REQUEST"),
    ("The Nigerian president said his government will not succumb to pressure from the kidnappers.", "REJECT"),
    # trade stopped, a detention that lasts, talks offered, force promised, an operation told by its participle
    ("The US president blocked the sale of the chipmaker to a Chinese firm.", "SANCTION"),
    ("Former Sudanese president Omar al-Bashir remains in custody in Khartoum.", "COERCE"),
    ("Taiwanese President Lai said Taiwan is open to dialogue with China.", "CONSULT"),
    ("Iran will respond with force to any Israeli attack, the Iranian foreign minister said.", "THREATEN"),
    ("Kenyan police responded with tear gas to the protesters in Nairobi.", "ASSAULT"),
    ("The attack follows an operation conducted by Somalia's intelligence agency against al-Shabab.", "ASSAULT"),
])
def test_news_wording_gets_its_type(code_text, text, kind):
    assert kind in _types(code_text(text)), (text, [(e.type, e.trigger.text) for e in code_text(text).events])


@pytest.mark.parametrize("text, kind", [
    ("Two Turkish officials, speaking on condition of anonymity to discuss the plan with Greece, confirmed it.", "CONSULT"),
    ("The alleged plot against the Saudi dissident was foiled by Canadian police.", "ACCUSE"),
    ("Police said 12 injured Afghan passengers were taken to a hospital in Quetta.", "ASSAULT"),
    ("Two camps in northern Uganda shelter 300,000 South Sudanese refugees.", "AID"),
    ("Nigerian police said no ransom was paid to secure the release of the Chadian workers.", "REQUEST"),
    ("The plan poses a threat to Albania's security, Italian officials said.", "THREATEN"),  # a danger, not a threat made
    ("Workers struck a balance between Spanish and French interests.", "ASSAULT"),
    ("The Mexican proposal met with opposition from Guatemala.", "CONSULT"),
    ("The Korean Air train was traveling to Seoul when it broke down.", "CONSULT"),
    ("A Reuters reporter spoke with the Ethiopian foreign minister.", "CONSULT"),
    ("Ghana's foreign ministry did not reply to an e-mail requesting comment from Togo.", "REQUEST"),
    ("Hans Brouwer, a Dutch analyst, said China must change its approach to Taiwan.", "REQUEST"),
    ("Nepal's farmland is threatened by floods, Indian officials said.", "THREATEN"),
    ("Critics of China's aggression met in Manila.", "ASSAULT"),
    ("Turkish pilots train in Russia, as opposed to Greek pilots in France.", "REJECT"),
    ("The Czech government met the deadline set by Slovakia.", "CONSULT"),
    ("You are talking about a Belgian problem, the French minister told Belgium.", "CONSULT"),
    ("Islamabad wants to negotiate, a Pakistani official said.", "CONSULT"),
    ("North Korea decides.", "AGREE"),
    ("Algeria is facing an increasing threat from Malian militants, he said.", "ACCUSE"),
    ("The Portuguese foreign minister said the economy is a demonstration of strength.", "PROTEST"),
    # responding to an attack is not attacking; sanctions imposed are one act, not two
    ("France responded to the Ivorian attack with a statement.", "ASSAULT"),
])
def test_words_that_name_no_such_act(code_text, text, kind):
    assert kind not in _types(code_text(text))


def test_a_noun_named_act_is_one_event_with_its_participle(code_text):
    coded = code_text("Ukraine thanked Azerbaijan for humanitarian assistance provided to Ukraine.")
    assert _types(coded) == ["AID", "SUPPORT"]


def test_strike_is_an_assault_or_a_walkout_by_its_modifier(code_text):
    assert "ASSAULT" in _types(code_text("Israeli air strikes on southern Lebanon killed four people."))
    c = code_text("Teachers in Argentina began a general strike against the government of Argentina.")
    assert "PROTEST" in _types(c) and "ASSAULT" not in _types(c)


def test_found_guilty_targets_the_one_found_guilty(code_text):
    # a verdict of guilt is a conviction: SANCTION (event guide), by the court, on the convicted
    ev = next(e for e in code_text("A Peruvian court found the former Bolivian minister guilty of bribery.").events
              if e.type == "SANCTION")
    assert {a.country for a in ev.actor} == {"PER"} and {a.country for a in ev.recipient} == {"BOL"}


def test_a_withheld_concession_is_a_refusal(code_text):
    c = code_text("The two Turkish suspects pleaded not guilty before a court in Athens.")
    assert "REJECT" in _types(c) and "CONCEDE" not in _types(c)


def test_coercion_offered_to_an_ally_stays_an_offer(code_text):
    c = code_text("Chad offered its troops to the Nigerian president to help him oust the rebel commander.")
    assert "THREATEN" not in _types(c)
    offer = [e for e in c.events if e.trigger.text == "offered"]
    assert offer and offer[0].status == "proposed"  # an offer of aid: PLOVER's AGREE


@pytest.mark.parametrize("text, accuser, accused", [
    ("Chile's foreign minister said Bolivia was behind the smuggling ring.", "CHL", "BOL"),
    ("The Kenyan minister said the attack was orchestrated by Somali militants.", "KEN", "SOM"),
    ("Canada's prime minister said the Indian government had violated Canadian sovereignty.", "CAN", "IND"),
    ("The Irish senator called the British plan a betrayal of the peace process.", "IRL", "GBR"),
    ("Vietnam's foreign ministry described China's new map as illegal.", "VNM", "CHN"),
    ("The Kenyan minister reiterated the claim that the raid was orchestrated by Somali militants.", "KEN", "SOM"),
    ("The Dutch foreign minister highlighted the Venezuelan government's violations of human rights.", "NLD", "VEN"),
    ("Chile's president called the Peruvian decision a blatant case of provocation.", "CHL", "PER"),
])
def test_an_accusation_made_by_reporting(code_text, text, accuser, accused):
    ev = next((e for e in code_text(text).events if e.type == "ACCUSE"), None)
    assert ev is not None, text
    assert accuser in {a.country for a in ev.actor} and accused in {a.country for a in ev.recipient}


@pytest.mark.parametrize("text", [
    "Chile's foreign minister said Bolivia was not behind the smuggling ring.",
    "The Kenyan minister said the talks with Somalia were useful.",
    "The Irish senator called the British plan a good start.",
])
def test_a_report_without_a_charge_accuses_no_one(code_text, text):
    assert "ACCUSE" not in _types(code_text(text))


def test_a_passive_participle_names_the_one_it_was_done_to(code_text):
    ev = next(e for e in code_text("Belarus courts have tried jailed Polish journalist Andrzej Poczobut.").events
              if e.type == "COERCE")
    assert "POL" in {a.country for a in ev.recipient}


def test_held_in_custody_is_coercion(code_text):
    assert "COERCE" in _types(code_text("Egyptian police held the Italian student in custody for a week."))


def test_freed_prisoners_and_a_court_in_a_country(code_text):
    assert "RETREAT" in _types(code_text("Libya freed 37 Egyptian prisoners late on Tuesday."))
    ev = next(e for e in code_text("A court in Venezuela has banned two Colombian newspapers.").events if e.type == "COERCE")
    assert [(a.country, a.sector) for a in ev.actor] == [("VEN", "JUD")]


def test_a_released_report_is_no_release_of_people(code_text):
    assert "RETREAT" not in _types(code_text("The Chilean army released a report on the Bolivian border last week."))
    assert "RETREAT" in _types(code_text("Colombian rebels released two Venezuelan soldiers on Monday."))


def test_the_possessor_of_an_arrest_or_release_is_whom_it_was_done_to(code_text):
    ev = next(e for e in code_text("Russia's government ordered the Estonian activist's arrest.").events if e.type == "COERCE")
    assert "EST" in {a.country for a in ev.recipient}


def test_a_rejected_call_is_still_a_call(code_text):
    c = code_text("North Korea rejected Washington's call for full denuclearization.")
    req = [e for e in c.events if e.type == "REQUEST"]
    assert "REJECT" in _types(c) and req and {a.country for a in req[0].actor} == {"USA"}


def test_a_call_for_a_jailed_journalist_is_a_request(code_text):
    # a reporter's question is no demand, but a call for a reporter's release is one
    coded = code_text("Burmese journalist Aung Kyaw was jailed in May. Britain called for Kyaw's immediate release.")
    assert any(e.type == "REQUEST" and {a.country for a in e.actor} == {"GBR"} for e in coded.events)
    asked = code_text("Reporters asked the Burmese foreign minister about the election.")
    assert not any(e.type == "REQUEST" for e in asked.events)


@pytest.mark.parametrize("text, kind", [
    ("Japan has decided to lift the sanctions imposed on Iran.", "CONCEDE"),
    ("Poland decided to expel two Belarusian diplomats.", "SANCTION"),
])
def test_a_decision_is_the_act_decided(code_text, text, kind):
    # a state's decision to act is that act, decided (planned); not a promise made to someone
    events = code_text(text).events
    assert [(e.type, e.status) for e in events] == [(kind, "planned")]


def test_deploying_troops_without_peacekeeping_stays_a_build_up(code_text):
    assert _types(code_text("Russia deployed troops to the border with Ukraine.")) == ["MOBILIZE"]


def test_defending_a_place_against_an_attack_is_no_support(code_text):
    assert "SUPPORT" not in _types(code_text("Ukrainian forces defended Kharkiv against the Russian offensive."))


def test_an_allegation_is_about_the_subject_of_what_is_alleged(code_text):
    coded = code_text("A lawsuit filed in March alleged the Kenyan government had detained the activists illegally.")
    accuse = next(e for e in coded.events if e.type == "ACCUSE")
    assert {r.country for r in accuse.recipient} == {"KEN"}


@pytest.mark.parametrize("text, accused", [
    ("Lithuania says the Belarusian nuclear plant poses a threat to its security.", True),
    ("Officials said the drought poses a threat to farmers.", False),
    ("He said Algeria is facing a growing threat from militants.", False),
])
def test_a_threat_posed_by_a_named_side_is_an_accusation(code_text, text, accused):
    assert ("ACCUSE" in _types(code_text(text))) is accused


def test_a_suggestion_that_another_side_should_act_is_a_request(code_text):
    coded = code_text("A Swedish lawmaker suggested that the Danish government should impose sanctions on Iran.")
    assert _types(coded) == ["REQUEST"]


def test_not_supporting_a_measure_opposes_it(code_text):
    coded = code_text("The Hungarian prime minister does not support the Polish plan.")
    assert [(e.type, e.status) for e in coded.events] == [("REJECT", "occurred")]


def test_forces_backed_by_other_forces_fight_together(code_text):
    coded = code_text("Iraqi soldiers, backed by Kurdish fighters and the U.S. military, recaptured the town.")
    together = next(e for e in coded.events if e.type == "COOPERATE")
    assert together.mode == "military" and not together.recipient
    assert {"IRQ", "USA"} <= {a.country for a in together.actor}


@pytest.mark.parametrize("text", [
    "The Baloch Liberation Army took credit for attacking a Pakistani army convoy.",
    "The Pakistani Taliban claimed responsibility for killing two Chinese engineers.",
])
def test_an_attack_claimed_is_the_claimers_attack(code_text, text):
    attack = next(e for e in code_text(text).events if e.type == "ASSAULT")
    assert {a.sector for a in attack.actor} == {"REB"}


def test_forces_read_as_a_clause_of_their_own_still_fight_together(code_text):
    # the parser may make "soldiers" the subject of "backed": the same military cooperation
    coded = code_text("Alasow said the Somali government soldiers backed by African Union troops worked through the night.")
    assert any(e.type == "COOPERATE" and e.mode == "military" for e in coded.events)


@pytest.mark.parametrize("text, asks", [
    ("The court will rule again, as the public interest demands.", False),
    ("The UN resolution demands that Israel withdraw from Gaza.", True),
])
def test_things_do_not_demand_but_resolutions_do(code_text, text, asks):
    assert ("REQUEST" in _types(code_text(text))) is asks
