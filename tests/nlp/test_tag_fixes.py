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


def test_fixes_read_from_the_arrays_are_the_token_by_token_ones():
    """``tag_fixes`` visits only the candidates it reads from the doc's arrays; the same fixes,
    token by token over every token as before, give the same tags, heads and labels."""
    from spacy.tokens import Doc

    from accord.nlp.loader import load_model
    from accord.nlp.tag_fixes import _negation, tag_fixes

    def every_token(doc):
        for tok in doc:
            if tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
                tok.pos_, tok.tag_ = "VERB", "VB"
            elif tok.lemma_ == "not" and tok.dep_ == "advmod" and tok.head.pos_ in {"VERB", "AUX"}:
                _negation(tok)
        return doc

    nlp = load_model()
    texts = ["Somali soldiers worked through the night to rescue elders.",
             "They didn’t ask and won’t attack; she did not go, not now, to help nor to aid.",
             "The rescue of the elders took all night. Officials vowed not to retreat and to fight.", ""]
    fixed = 0
    for text in texts:
        doc = nlp(text, disable=["ner"])
        a, b = (Doc(nlp.vocab).from_bytes(doc.to_bytes()) for _ in range(2))
        rows = [(t.pos_, t.tag_, t.dep_, t.head.i) for t in doc]
        tag_fixes(a)
        every_token(b)
        assert [(t.pos_, t.tag_, t.dep_, t.head.i) for t in a] == [(t.pos_, t.tag_, t.dep_, t.head.i) for t in b], text
        fixed += [(t.pos_, t.tag_, t.dep_, t.head.i) for t in a] != rows
    assert fixed >= 2  # the texts exercise both fixes
