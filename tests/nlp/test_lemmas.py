"""The memoised lemmatizer gives the lemmas the model's lemmatizer gives."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from accord.nlp.lemmas import MemoLemmatizer, install
from accord.nlp.loader import get_pipeline, load_model

TEXTS = [
    "The ministers were meeting their counterparts; talks have been held and accords signed.",
    "She is running faster than the better-known candidates, who ran and lost.",
    "Russia's forces shelled the villages. The villages were shelled again!",
    "  \n\n  It isn't over: they're gonna appeal the rulings.\n",
]


def test_memoised_lemmas_are_the_lemmatizers():
    nlp = load_model()
    plain = nlp.get_pipe("lemmatizer")
    memo = MemoLemmatizer(load_model().get_pipe("lemmatizer"))
    for _ in range(2):  # the second time from the memo
        for text in TEXTS:
            doc = nlp.make_doc(text)
            for name in ("tok2vec", "tagger", "parser", "attribute_ruler"):
                doc = nlp.get_pipe(name)(doc)
            copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
            assert [t.lemma_ for t in memo(copy)] == [t.lemma_ for t in plain(doc)], text


def test_accord_pipeline_memoises_and_a_non_rule_lemmatizer_is_left_alone():
    assert get_pipeline().get_pipe("lemmatizer").fast is not None
    assert get_pipeline()("Talks were held.")[2].lemma_ == "hold"
    blank = spacy.blank("en")
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert install(blank) is False
    assert install(spacy.blank("en")) is False


def test_the_stand_ins_answer_for_the_components_they_replace():
    """Code that reads the model's components (the second opinion's training script reads the
    lemmatizer's tables) finds them through the stand-ins."""
    nlp = get_pipeline()
    assert "verb" in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert nlp.get_pipe("lemmatizer").mode == "rule"
    assert len(nlp.get_pipe("attribute_ruler").patterns) > 100
