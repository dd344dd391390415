"""A learned second opinion on words the trigger lexicon does not know.

``load()`` returns a callable ``opinion(token) -> Trigger | None`` for the coder, or None when no
model ships with this build or it is switched off (then only the rules code events).

The model (``data/second_opinion.npz``, built by ``scripts/train_second_opinion.py`` from the
hand-written examples in ``scripts/second_opinion_examples.yaml`` and the lexicon's own verbs)
is a multinomial logistic regression over the spaCy word vector of a verb's lemma: the 16
PLOVER types and a large NONE class of ordinary verbs. It is asked only about a verb that

* no lexicon entry, status cue, accusatory word or reporting verb names (the rules decided
  about those words: a conditioned entry such as "give" + aid is not overruled here),
* is not one of the NONE training verbs,
* heads a clause whose subject is actor-like (a named state, people, body or person, or a
  noun of office or force such as "police", "the minister", "rebels"),

and it speaks only when the best type's probability reaches the threshold stored with the
model. The coder then looks for the event's participants and drops it when there are none.

Switch it off with ``ACCORD_SECOND_OPINION=0`` (or ``off``/``false``/``no``); force it on
with ``ACCORD_SECOND_OPINION=1``. ``ACCORD_SECOND_OPINION_THRESHOLD`` overrides the threshold.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from accord import words
from accord.actors.doc_index import children_of

if TYPE_CHECKING:
    from spacy.tokens import Token
    from spacy.vocab import Vocab

    from accord.coding.lexicon import Trigger

MODEL_FILE = "second_opinion.npz"
ENV = "ACCORD_SECOND_OPINION"
ENV_THRESHOLD = "ACCORD_SECOND_OPINION_THRESHOLD"
NONE = "NONE"
# on by default? Decided by the dev measurements in README.md ("A learned second opinion").
DEFAULT_ON = False

# entity labels of an actor-like subject
_ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
_SUBJECTS = {"nsubj", "nsubjpass"}
# relations under which a verb heads a clause of its own
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "parataxis"}
_PRONOUNS = {"he", "she", "they", "we"}
# groups that act in the news and that the sector vocabulary may not list
_GROUPS = {"junta", "regime", "prisoner", "inmate", "student", "farmer", "worker", "striker", "villager",
           "resident", "activist", "crowd", "mob", "militia", "insurgent", "gunman", "fighter", "settler"}
# verbs that report or state: never an event by themselves (the coder has its own rules for them)
_STATING = words.word_set("speech", "not_guessed")
_RECIPROCAL = {"CONSULT", "COOPERATE"}


def features(vocab: Vocab, lemma: str) -> np.ndarray | None:
    """The unit-length word vector of a lemma, or None when the vocabulary has none."""
    if not vocab.has_vector(lemma):
        return None
    v = np.asarray(vocab.get_vector(lemma), dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else None


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(slots=True)
class Model:
    classes: tuple[str, ...]
    weights: np.ndarray  # classes x features
    bias: np.ndarray  # classes
    threshold: float
    none_words: frozenset[str]
    memory: dict[str, str] = field(default_factory=dict)  # the labelled event verbs themselves
    meta: dict[str, str] = field(default_factory=dict)

    def scores(self, x: np.ndarray) -> np.ndarray:
        return softmax(x @ self.weights.T + self.bias)

    def predict(self, vocab: Vocab, lemma: str) -> tuple[str, float]:
        """The most likely class of a lemma and its probability (NONE, 1.0 without a vector).
        A verb the examples label is its label (probability 1): the regression alone, over
        vectors that the pinned model shares among many words, may outvote it."""
        if lemma in self.memory:
            return self.memory[lemma], 1.0
        x = features(vocab, lemma)
        if x is None:
            return NONE, 1.0
        p = self.scores(x)
        k = int(p.argmax())
        return self.classes[k], float(p[k])


def read_model(path=None) -> Model | None:
    """The shipped model (or the one at ``path``); None when the file is absent."""
    src = resources.files("accord") / "data" / MODEL_FILE if path is None else path
    try:
        with src.open("rb") as fh, np.load(fh, allow_pickle=False) as z:
            meta = {k[5:]: str(z[k]) for k in z.files if k.startswith("meta_")}
            return Model(classes=tuple(str(c) for c in z["classes"]), weights=z["weights"].astype(np.float32),
                         bias=z["bias"].astype(np.float32), threshold=float(z["threshold"]),
                         none_words=frozenset(str(w) for w in z["none_words"]),
                         memory=dict(zip((str(w) for w in z["memory_words"]), (str(t) for t in z["memory_types"]),
                                         strict=True)), meta=meta)
    except FileNotFoundError:
        return None


class Opinion:
    """``opinion(token)``: a Trigger for an unknown verb the model is confident about, else None."""

    def __init__(self, model: Model, known: frozenset[str], threshold: float | None = None) -> None:
        self.model = model
        self.threshold = model.threshold if threshold is None else threshold
        self.blocked = known | model.none_words | _STATING
        self._cache: dict[str, tuple[str, float]] = {}

    def guess(self, vocab: Vocab, lemma: str) -> tuple[str, float]:
        hit = self._cache.get(lemma)
        if hit is None:
            hit = self._cache[lemma] = self.model.predict(vocab, lemma)
        return hit

    def __call__(self, tok: Token) -> Trigger | None:
        if tok.pos_ != "VERB" or tok.dep_ not in _CLAUSE_DEPS:
            return None
        lemma = tok.lemma_.lower()
        if lemma in self.blocked or len(lemma) < 4 or not lemma.isalpha():
            return None
        if not _actor_subject(tok):
            return None
        kind, p = self.guess(tok.vocab, lemma)
        if kind == NONE or p < self.threshold:
            return None
        from accord.coding.lexicon import Trigger

        return Trigger(lemma=lemma, type=kind, reciprocal=kind in _RECIPROCAL)


def _actor_subject(tok: Token) -> bool:
    """The verb's subject (or, for the second verb of "X met and praised Y", the first verb's)
    is a named actor, an actor pronoun, or a noun of office or force."""
    node = tok
    for _ in range(3):
        subj = next((c for c in children_of(node) if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            return _actor_like(subj)
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _actor_like(subj: Token) -> bool:
    if subj.lower_ in _PRONOUNS:
        return True
    if subj.ent_type_ in _ACTOR_ENTS:
        return True
    if any(t.ent_type_ in _ACTOR_ENTS for t in subj.subtree if t.dep_ in {"compound", "poss", "amod", "pobj"}
           or t.i == subj.i):
        return True
    if subj.pos_ in {"NOUN", "PROPN"}:
        from accord.coding.arguments import sector_word

        if subj.lemma_.lower() in _GROUPS:
            return True
        return sector_word(subj) is not None
    return False


def _switch() -> bool:
    raw = os.environ.get(ENV, "").strip().lower()
    if raw in {"0", "off", "false", "no"}:
        return False
    if raw in {"1", "on", "true", "yes"}:
        return True
    return DEFAULT_ON


@functools.cache
def _known_words() -> frozenset[str]:
    from accord.coding.lexicon import default_lexicon

    lx = default_lexicon()
    return frozenset(lx.by_lemma) | frozenset(lx.cues) | lx.accusatory


def load(*, force: bool = False) -> Callable[[Token], Trigger | None] | None:
    """The second opinion for the coder, or None when it is off or no model ships.
    ``force=True`` ignores the switch (for tests and measurements)."""
    if not (force or _switch()):
        return None
    model = _model()
    if model is None:
        return None
    raw = os.environ.get(ENV_THRESHOLD, "").strip()
    return Opinion(model, _known_words(), float(raw) if raw else None)


@functools.cache
def _model() -> Model | None:
    return read_model()
