"""The stand-in for the model's attribute ruler sets exactly what the ruler sets."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from accord.nlp.attribute_rules import FastAttributeRules, fast_ruler
from accord.nlp.loader import get_pipeline, load_model

# tags, auxiliaries, negation, pronoun cases, spaces and every two-token exception of the ruler
TEXTS = [
    "Norway and Sweden signed an accord on Monday, the ministry said.",
    "It isn't clear whether they'll come; I told you it was not over.",
    "There is a deal and there are talks.  We gotta go, y'all gonna see. Let's move, c'mon!",
    "He ain't leaving because it gets worse, and she got the order.",
    "  \n\n  The talks,\n which began in May , have   stalled.\n",
    "They do have plans to rescue the elders; did they?",
]


def _signature(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma, t.dep_) for t in doc]


def test_stand_in_sets_what_the_ruler_sets():
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRules(nlp, list(ruler.patterns))
    for text in TEXTS:
        doc = nlp.make_doc(text)
        for name in ("tok2vec", "tagger", "parser"):
            doc = nlp.get_pipe(name)(doc)
        copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert _signature(fast(copy)) == _signature(ruler(doc)), text


def test_the_accord_pipeline_uses_the_stand_in_under_the_ruler_name():
    nlp = get_pipeline()
    assert "attribute_ruler" in nlp.pipe_names
    assert nlp.get_pipe("attribute_ruler").fast is not None
    doc = nlp("It isn't over.")
    assert (doc[2].text, doc[2].pos_, doc[2].lemma_) == ("n't", "PART", "not")  # an exception rule of the ruler


def test_a_pattern_it_cannot_reproduce_leaves_the_ruler_alone():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "big", "OP": "+"}]], {"POS": "ADJ"})
    assert fast_ruler(nlp) is None
    assert fast_ruler(spacy.blank("en")) is None  # no ruler at all


def test_nlp_pipe_runs_the_stand_ins_not_the_models_components(monkeypatch):
    # spaCy's nlp.pipe calls a component's own ``pipe``; the stand-ins must answer it themselves
    nlp = get_pipeline()

    def refuse(*args, **kwargs):
        raise AssertionError("the model's component ran instead of the stand-in")

    ruler, lemmatizer = nlp.get_pipe("attribute_ruler").original, nlp.get_pipe("lemmatizer").original
    for component in (ruler, lemmatizer):
        monkeypatch.setattr(component, "pipe", refuse, raising=False)
        monkeypatch.setattr(component, "__call__", refuse, raising=False)
    docs = list(nlp.pipe(["Azerbaijan sent 40 generators to Ukraine.", "Leaders met in Baku."]))
    assert docs[0][1].lemma_ == "send" and docs[0][1].pos_ == "VERB"
