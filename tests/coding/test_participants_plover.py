"""Sides named by how news relates them to a state: a demand to break away from a state is
aimed at it; "X's ally" or "the allies of X" is another party than X."""


def _event(doc, kind):
    return next(e for e in doc.events if e.type == kind)


def test_a_demand_for_independence_is_aimed_at_the_state_it_leaves(code_text):
    doc = code_text("Students rioted in the Papuan town of Wamena on Friday, demanding independence from Indonesian rule.")
    ev = _event(doc, "PROTEST")
    assert "IDN" in {r.country for r in ev.recipient}
    assert "Indonesian" in {r.text for r in ev.recipient}


def test_secession_from_a_state_names_it_even_when_it_is_their_own(code_text):
    doc = code_text("Thousands of Catalans marched in Barcelona on Sunday calling for secession from Spain.")
    ev = _event(doc, "PROTEST")
    assert [r.text for r in ev.recipient] == ["Spain"]


def test_an_ally_of_a_country_is_not_that_country(code_text):
    doc = code_text("Rebels killed a commander of Russia's militia allies in eastern Ukraine on Sunday.")
    ev = _event(doc, "ASSAULT")
    assert "RUS" not in {r.country for r in ev.recipient}


def test_a_possessor_still_owns_its_officials(code_text):
    doc = code_text("Rebels killed a commander of Russia's army in eastern Ukraine on Sunday.")
    ev = _event(doc, "ASSAULT")
    assert "RUS" in {r.country for r in ev.recipient}


def test_allies_named_by_a_country_are_not_that_country(code_text):
    ev = _event(code_text("Syria's allies condemned the strike on Monday."), "ACCUSE")
    assert "SYR" not in {a.country for a in ev.actor}
    assert [a.text for a in ev.actor] == ["Syria's allies"]


def test_opponents_of_a_leader_are_an_opposition_of_his_country(code_text):
    ev = _event(code_text("Critics of President Erdogan accused him of stifling dissent."), "ACCUSE")
    assert {(a.country, a.sector) for a in ev.actor} == {("TUR", "OPP")}
    assert {r.country for r in ev.recipient} == {"TUR"}


def test_rivals_of_a_country_are_not_of_it(code_text):
    ev = _event(code_text("Russia's rivals condemned the strike on Monday."), "ACCUSE")
    assert "RUS" not in {a.country for a in ev.actor}


def test_a_named_person_called_is_the_recipient_not_a_predicate(code_text):
    # spaCy reads "called Foreign Minister X" like "called him a liar" (oprd)
    doc = code_text("On Nov. 3, US Secretary of State Antony Blinken called Russian Foreign Minister Sergey Lavrov "
                    "to discuss the war in Ukraine.")
    ev = _event(doc, "CONSULT")
    assert {a.country for a in ev.actor + ev.recipient} == {"USA", "RUS"}


def test_forces_loyal_to_a_leader_are_of_his_country(code_text):
    ev = _event(code_text("Troops loyal to President Bashar al-Assad shelled a Turkish observation post on Monday."), "ASSAULT")
    assert {(a.country, a.sector) for a in ev.actor} == {("SYR", "MIL")}
    assert {r.country for r in ev.recipient} == {"TUR"}


def test_forces_withdrawn_are_the_side_that_retreats(code_text):
    ev = _event(code_text("Russian troops were withdrawn from Moldova on Monday."), "RETREAT")
    assert {(a.country, a.sector) for a in ev.actor} == {("RUS", "MIL")}
    assert {r.country for r in ev.recipient} == {"MDA"}


def test_people_freed_in_the_passive_stay_the_recipient(code_text):
    ev = _event(code_text("Two hundred prisoners were released by Ethiopia on Monday."), "RETREAT")
    assert {a.country for a in ev.actor} == {"ETH"}
    assert "prisoners" in {r.text for r in ev.recipient}


def test_an_ethnic_group_takes_the_one_other_state_of_its_sentence(code_text):
    ev = _event(code_text("Ethnic Albanian rebels attacked a police station near Kumanovo, Macedonian officials said."),
                "ASSAULT")
    assert {a.country for a in ev.actor} == {"MKD"}


def test_who_faces_criticism_from_someone_is_its_target(code_text):
    ev = _event(code_text("Hungary's government has faced criticism from the European Commission over its media law."),
                "ACCUSE")
    assert {a.country for a in ev.actor} == {"EUR"}
    assert {r.country for r in ev.recipient} == {"HUN"}


def test_aid_received_from_someone_is_given_by_them(code_text):
    ev = _event(code_text("Ukraine received military aid from Japan last year."), "AID")
    assert {a.country for a in ev.actor} == {"JPN"}
    assert {r.country for r in ev.recipient} == {"UKR"}
