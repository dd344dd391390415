"""The learned second opinion (accord.coding.second_opinion) on hand-made sentences, and the
check that the shipped model is what scripts/train_second_opinion.py builds."""

from __future__ import annotations

import importlib.util
import re

import pytest
from tests.conftest import REPO

from accord.coding import second_opinion as so

pytestmark = pytest.mark.slow


def _script():
    spec = importlib.util.spec_from_file_location("train_second_opinion", REPO / "scripts" / "train_second_opinion.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def nlp():
    from accord.nlp.loader import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="module")
def opinion():
    op = so.load(force=True)
    assert op is not None, "the model file src/accord/data/second_opinion.npz is missing"
    return op


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def test_model_file_names_its_script_and_inputs():
    model = so.read_model()
    script = _script()
    assert model.meta["script"] == "scripts/train_second_opinion.py"
    assert model.meta["inputs_sha256"] == script.input_hash(), \
        "examples or script changed: run .venv/bin/python scripts/train_second_opinion.py"
    assert model.classes[-1] == so.NONE and len(model.classes) == 17
    assert (REPO / "src" / "accord" / "data" / so.MODEL_FILE).stat().st_size < 1_000_000


def test_training_script_reproduces_the_shipped_model(nlp):
    script = _script()
    built = script.build(nlp)
    shipped = so.read_model()
    import numpy as np

    with np.load(REPO / "src" / "accord" / "data" / so.MODEL_FILE, allow_pickle=False) as z:
        on_disk = {k: z[k] for k in z.files}
    assert script.same(built, on_disk) == []
    assert shipped.memory == dict(zip(built["memory_words"].tolist(), built["memory_types"].tolist(), strict=True))


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("The Thai foreign ministry upbraided Cambodia for the border incident.", "upbraided", "ACCUSE"),
    ("Chile's president extolled Argentina's role in the rescue.", "extolled", "SUPPORT"),
    ("Morocco amassed troops near the Algerian frontier.", "amassed", "MOBILIZE"),
    ("The Bolivian government renounced the gas agreement with Brazil.", "renounced", "REJECT"),
    ("Georgian police incarcerated three Russian journalists.", "incarcerated", "COERCE"),
])
def test_types_verbs_the_lexicon_does_not_know(nlp, opinion, text, word, kind):
    tok = _token(nlp, text, word)
    assert tok.lemma_.lower() not in so._known_words()
    guess = opinion(tok)
    assert guess is not None and guess.type == kind


@pytest.mark.parametrize(("word", "kinds"), [
    ("lambast", {"ACCUSE"}),      # a spelling of "lambaste": neither in the lexicon nor in the examples
    ("dismember", {"ASSAULT"}),
    ("disembowel", {"ASSAULT"}),
])
def test_regression_generalises_to_words_it_never_saw(nlp, word, kinds):
    model = so.read_model()
    assert word not in model.memory and word not in model.none_words and word not in so._known_words()
    kind, p = model.predict(nlp.vocab, word)
    assert kind in kinds and p > 0.5


@pytest.mark.parametrize(("text", "word"), [
    ("The French president went to Brussels on Monday.", "went"),
    ("The package included tanks and artillery for Ukraine.", "included"),
    ("Kenyan officials estimated the damage at $3 billion.", "estimated"),
    ("The Turkish president spoke at length about the economy.", "spoke"),
    ("Japan gave a speech at the forum.", "gave"),                      # the lexicon decides about "give"
    ("The storm devastated the Philippine coast.", "devastated"),         # no actor-like subject
    ("The Indian army recycled old rifles.", "recycled"),
])
def test_silent_on_ordinary_verbs(nlp, opinion, text, word):
    assert opinion(_token(nlp, text, word)) is None


def test_example_sentences_pass_the_gate_and_none_stays_silent(nlp, opinion):
    """The hand-written event sentences of the examples file are typed as labelled or left
    alone (most typed: a few fail the gate, as parsed), never typed otherwise; no NONE
    sentence gets an event. Words the lexicon has since taken over are the rules' business."""
    import yaml

    data = yaml.safe_load((REPO / "scripts" / "second_opinion_examples.yaml").read_text(encoding="utf-8"))
    checked = typed = 0
    for kind, sentences in data["sentences"].items():
        for raw in sentences:
            m = re.search(r"\[([^\]]+)\]", raw)
            text = raw[:m.start()] + m.group(1) + raw[m.end():]
            tok = next(t for t in nlp(text) if t.idx == m.start())
            guess = opinion(tok)
            if kind == "NONE":
                assert guess is None, text
            elif tok.lemma_.lower() not in so._known_words():
                assert guess is None or guess.type == kind, text
                checked += 1
                typed += guess is not None
    assert checked >= 30 and typed >= 0.85 * checked


def test_coder_uses_the_opinion_only_when_asked(code_text, coder):
    text = "The Thai foreign ministry upbraided Cambodia for the border incident."
    saved = coder.opinion
    try:
        coder.opinion = None
        assert not [e for e in code_text(text).events if e.type == "ACCUSE"]
        coder.opinion = so.load(force=True)
        found = [e for e in code_text(text).events if e.type == "ACCUSE"]
    finally:
        coder.opinion = saved
    assert found
    assert {a.country for a in found[0].actor} == {"THA"}
    assert {a.country for a in found[0].recipient} == {"KHM"}


def test_switch(monkeypatch):
    monkeypatch.setenv(so.ENV, "0")
    assert so.load() is None
    monkeypatch.setenv(so.ENV, "1")
    assert callable(so.load())
    monkeypatch.setenv(so.ENV_THRESHOLD, "0.3")
    assert so.load().threshold == pytest.approx(0.3)
    monkeypatch.delenv(so.ENV)
    assert (so.load() is not None) is so.DEFAULT_ON
