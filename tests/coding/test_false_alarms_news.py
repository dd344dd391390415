"""Words of an event type that report no such act, as news uses them; each on small hand-made
sentences (not gold sentences): things that cannot speak, dangers that are no threats, goals
and plots that are no commitments, opinions shared that are no agreements, judgements named
in a clause of their own."""

from __future__ import annotations

import pytest


def _types(coded):
    return sorted(e.type for e in coded.events)


@pytest.mark.parametrize("text, kind", [
    # a thing said to do it, in someone's words: nobody concedes, refuses or accuses
    ("A Brazilian senator said the proposed deal gives in to Chinese pressure.", "CONCEDE"),
    ("“This effectively denies recognition to the Yazidis in Syria,” the Kurdish official said.", "REJECT"),
    ("Two decades later, the French government's response raises many questions.", "ACCUSE"),
    # a danger hanging over a place is no threat made
    ("Somalia remains unsafe given the ongoing threat of terrorist attacks, Kenyan officials said.", "THREATEN"),
    ("Kenya faces the threat of terrorism from Somalia.", "THREATEN"),
    # the goal of another act, or a plot told by others, is no threat
    ("Al-Shabab conducts bombings in Somalia, aiming to topple the government.", "THREATEN"),
    ("Rights groups say the case shows how far the Iranian government will go to silence its critics.", "THREATEN"),
    # naming something as something: the judgement is the name, not a clause hung on it
    ("The US defense secretary called the base in Cuba the perfect place to hold criminals.", "ACCUSE"),
    # an opinion shared is no agreement reached
    ("Kenyan officials said they agree with the removal of the deputy president by Uganda.", "AGREE"),
    # one person's struggle, a cause fought, a thing worked with: no clash, no cooperation
    ("“He’s still strong mentally, and he’s still fighting,” the son of the jailed Hong Kong publisher said.", "ASSAULT"),
    ("The Biden administration said fighting global corruption is going to be a priority for Albania.", "ASSAULT"),
    ("“China can work with fewer sophisticated chips,” the Chinese analyst said.", "COOPERATE"),
    ("The Chinese models will have less diverse data to work with, the German scholar said.", "COOPERATE"),
    # a role praised, an act judged, the medium of a briefing, a fear of harm: no such act
    ("Turkey and France can make significant contributions to security and peace efforts, Erdogan said.", "AID"),
    ("“Closing the camps will have an adverse impact on us,” Somali refugees in Kenya said.", "COERCE"),
    ("UN envoy Kirkwood briefed reporters in Myanmar via videoconference.", "CONSULT"),
    ("“It is no longer a question of if school children will be abducted but when,” the governor said.", "THREATEN"),
    # not ready to go back is no promise to
    ("“I am not ready to be repatriated to Somalia,” said a Somali refugee in Kenya.", "AGREE"),
])
def test_no_such_act(code_text, text, kind):
    coded = code_text(text)
    assert kind not in _types(coded), (text, [(e.type, e.trigger.text) for e in coded.events])


@pytest.mark.parametrize("text, kind", [
    # sides that speak keep their acts
    ("Nigerian President Muhammadu Buhari said his administration will not succumb to pressure from bandits.", "REJECT"),
    ("The UN agency needs a billion dollars this year for Sudan, Kenyan officials said.", "REQUEST"),
    ("The Security Council resolution demands that Russia withdraw from Ukraine.", "REQUEST"),
    # a threat of sanctions is a threat
    ("Turkey tested the system despite threats of Washington sanctions.", "THREATEN"),
    # an attack announced is still a threat
    ("Iran said it will strike Israel.", "THREATEN"),
    ("Russia is going to attack Ukraine, the Ukrainian president said.", "THREATEN"),
    # the judgement itself, even when the parser hangs it under the object's clause
    ("China called the decision by Japan a blatant case of harassment.", "ACCUSE"),
    ("Reporters Without Borders called the decision to jail the Guatemalan journalist a blatant case of harassment.",
     "ACCUSE"),
    # an opinion shared is endorsement; an agreement with a side stays one
    ("The French minister said he agreed with the decision by Germany.", "SUPPORT"),
    ("Kenya agreed with Uganda to reopen the border.", "AGREE"),
    ("Kenya and Uganda agreed on a new border deal.", "AGREE"),
    # fights with a side, a place or vowed; work with a partner
    ("Rebels and Sudanese soldiers are still fighting in Khartoum.", "ASSAULT"),
    ("The Pakistani soldiers fought the Taliban.", "ASSAULT"),
    ("Kenya will work with Uganda on the border.", "COOPERATE"),
    ("China and Russia have worked with each other for years.", "COOPERATE"),
    # not ready or willing to do it refuses it; ready to do it is the act to come
    ("“I am not ready to be repatriated to Somalia,” said a Somali refugee in Kenya.", "REJECT"),
    ("Kenya is not willing to accept more refugees from Somalia.", "REJECT"),
    ("Kenya is ready to accept more refugees from Somalia.", "AID"),
    # a response promised by a side in the passive is still a threat
    ("“The attack will be responded to with full force,” the Pakistani chief minister said.", "THREATEN"),
])
def test_act_kept(code_text, text, kind):
    coded = code_text(text)
    assert kind in _types(coded), (text, [(e.type, e.trigger.text) for e in coded.events])


@pytest.mark.parametrize("text", [
    "“We didn’t ask for a ban,” said the Indonesian governor.",
    "Indonesian activists said they didn't ask for a ban.",
])
def test_negation_with_either_apostrophe(code_text, text):
    """"didn’t" with a curly apostrophe denies the act as "didn't" does."""
    assert [(e.type, e.status) for e in code_text(text).events] == [("REQUEST", "negated")]


def test_curly_negation_is_the_verbs(coder):
    """The parser hangs a curly "n’t" on the auxiliary as an adverb; the tag fixes make it the
    verb's negation."""
    doc = coder.nlp("Iran said it won’t attack Israel and didn’t ask for talks.")
    negs = [(t.text, t.head.text) for t in doc if t.dep_ == "neg"]
    assert negs == [("n’t", "attack"), ("n’t", "ask")]


def test_a_demand_stated_as_an_obligation_is_told_in_its_clause(code_text):
    """"'The commission should exercise prudence,' the ambassador told the assembly": the mention
    covers what is demanded, not only the verb of saying."""
    coded = code_text("“The commission should exercise prudence with those submissions,” "
                      "Chinese Ambassador Wu Haitao told the UN General Assembly.")
    [request] = [e for e in coded.events if e.type == "REQUEST"]
    assert request.mentions[0].text.startswith("The commission should exercise prudence")
