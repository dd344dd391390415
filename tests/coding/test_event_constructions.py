"""Event constructions that recur in news, each on small hand-made sentences (not gold
sentences): material help named as "backing", people saved in the passive, questions put,
conditions, topics of talks, labels before a noun, proposals that are no threats, idioms read
whole, victims and dangers that are no acts."""

from __future__ import annotations

import pytest


def _types(coded):
    return sorted(e.type for e in coded.events)


@pytest.mark.parametrize("text, kind", [
    # help given in kind is aid, whatever the noun
    ("Turkey's military backing of the Libyan government turned the war.", "AID"),
    # people saved or freed, reported in the passive with no rescuer named
    ("According to Indonesian officials, 40 fishermen had been rescued off Sulawesi.", "AID"),
    ("Nigerian police said 120 schoolgirls were freed on Tuesday.", "RETREAT"),
    # a measure proposed by others keeps its type
    ("Greek lawmakers renewed efforts to impose sanctions on Turkey.", "SANCTION"),
    # what a proposed plan puts forward is proposed, not background
    ("The Polish government proposed a plan for rearming its army.", "MOBILIZE"),
    # the idiom, not the noun
    ("Japan took issue with China's new map.", "ACCUSE"),
    ("The Dutch government banned the export of chip-making machines to China.", "SANCTION"),
    ("Myanmar's army has confined thousands of Rohingya in camps.", "COERCE"),
    ("Syria is threatened by Turkey, the Syrian foreign ministry said.", "THREATEN"),
    ("The French minister said the international community must act now on Sudan.", "REQUEST"),
    # an attack told by its weapon, a need declared, talks ended or held together
    ("A roadside bomb blast killed 11 coal miners near the city.", "ASSAULT"),
    ("The UN envoy for Myanmar said a firm international response was urgently needed.", "REQUEST"),
    ("Turkish and Egyptian intelligence officers have been talking together.", "CONSULT"),
    ("The Iranian foreign minister wrapped up talks in Beijing.", "CONSULT"),
    # a warning that the warner itself will act is a threat
    ("Ankara is warning it could turn to Russian jets as an alternative.", "THREATEN"),
    ("Iran warned they would retaliate against Israel.", "THREATEN"),
    # a trip refused is a refusal of what it was for
    ("The Brazilian president said he will not go to Caracas to meet Venezuela's leader.", "REJECT"),
    ("The Belgian government designated the group as a terrorist organization.", "SANCTION"),
])
def test_construction_gets_its_type(code_text, text, kind):
    coded = code_text(text)
    assert kind in _types(coded), (text, [(e.type, e.trigger.text) for e in coded.events])


@pytest.mark.parametrize("text, kind", [
    ("The Hungarian prosecutor asked the Serbian defendant if he agreed with the charges.", "AGREE"),
    ("Indian and Japanese ministers discussed upgrading their defense ties.", "SUPPORT"),
    ("The banned separatist group claimed the bombing in Quetta.", "COERCE"),
    ("The United States takes the issue of Albanian corruption very seriously.", "ACCUSE"),
    ("The Kenyan judge is expected to deliver the verdict on Friday.", "AID"),
    ("Lawyers for the Chinese firm delivered closing arguments in Seoul.", "AID"),
    ("Tunisia designated Arabic as the official language of the state.", "SANCTION"),
    ("The Mexican president offered no explanation, prompting Guatemala to recall its ambassador.", "THREATEN"),
    # victims named, conditions, causes fought, things that endanger, opinions about things
    ("Pakistani officials declared an emergency at the hospital in Sibi to receive the injured.", "ASSAULT"),
    ("Washington will not talk to Pyongyang unless North Korea decides to resume missile tests.", "MOBILIZE"),
    ("Russia will respond if NATO deploys troops in Finland.", "MOBILIZE"),
    ("The Biden administration said fighting global corruption is a priority for Albania.", "ASSAULT"),
    ("Indonesian officials said Java is threatened by the high consumption of dog meat.", "THREATEN"),
    ("The Chilean minister said it was needed.", "REQUEST"),
    ("Islamabad has blamed several recent attacks on militants based in Afghanistan.", "ASSAULT"),
    ("The report covered Vietnam, China's aggression in the region and its ties with Russia.", "ASSAULT"),
    ("Colombian police said a man stood with a loaded gun in front of the Venezuelan embassy.", "SUPPORT"),
    ("The Turkish central bank warned that the economy could shrink.", "THREATEN"),
    # a word of a name is no trigger
    ("Amnesty International staff met Chilean officials in Santiago.", "CONCEDE"),
    ("The fighting was confined to the north of Syria.", "COERCE"),
    # people freed with nobody reporting it: no act told
    ("Forty fishermen were rescued off Sulawesi.", "AID"),
])
def test_words_that_are_no_such_act(code_text, text, kind):
    assert kind not in _types(code_text(text))
