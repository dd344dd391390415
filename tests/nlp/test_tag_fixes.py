"""The tagger correction for to-infinitives tagged as nouns (accord.nlp.tag_fixes)."""

from __future__ import annotations


def test_an_infinitive_tagged_as_a_noun_is_a_verb(coder):
    doc = coder.nlp("Somali soldiers worked through the night to rescue elders.")
    rescue = next(t for t in doc if t.text == "rescue")
    assert (rescue.pos_, rescue.tag_) == ("VERB", "VB")


def test_a_noun_stays_a_noun(coder):
    doc = coder.nlp("The rescue of the elders took all night.")
    assert next(t for t in doc if t.text == "rescue").pos_ == "NOUN"


def test_the_rescue_it_recovers_is_coded(code_text):
    coded = code_text("Somali soldiers worked through the night to rescue elders trapped in the hotel.")
    assert [e.type for e in coded.events] == ["AID"]
