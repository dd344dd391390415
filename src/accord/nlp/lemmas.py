"""The model's rule lemmatizer, with its answers memoised.

spaCy's rule lemmatizer caches only the words it runs its suffix rules on; every noun in the
singular, verb in the base form or adjective in the positive is worked out again each time
(``is_base_form`` reads the token's morphology into a dict). Its answer depends only on the
word, the part of speech and the morphology (``rule_lemmatize`` keys its own cache on these),
so the stand-in asks the lemmatizer once per such triple and keeps the answer. A token whose
lemma is already set (by the attribute ruler) keeps it, as in the lemmatizer; a token with no
part of speech is passed to it every time (it warns then).
``tests/nlp/test_lemmas.py`` compares both on text.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

from accord.nlp.stand_in import StandIn

COMPONENT = "accord_memo_lemmatizer"


class MemoLemmatizer:
    """Callable component ``doc -> doc`` over the model's lemmatizer (``rule`` mode, not overwriting)."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> the lemma's id

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmatize = self.lemmatizer.lemmatize
        add = doc.vocab.strings.add
        memo = self._memo
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if not lemma:
                key = (orth, pos, morph)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = add(lemmatize(doc[i])[0])  # (what ``Token.lemma_ = ...`` stores)
                    if pos:
                        if len(memo) > 500_000:  # a memo, bounded
                            memo.clear()
                        memo[key] = lemma
            lemmas.append(lemma)
        # every token's lemma at once (a set lemma written back as it is): a Token per word and
        # a string lookup per lemma were most of this component's time
        doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))  # type: ignore[arg-type]  # (thinc's Ints2d: a 2-d int array)
        return doc


def install(nlp: Language, name: str = "lemmatizer") -> bool:
    """Swap ``nlp``'s lemmatizer for the memoised one, keeping its name and place; False (nothing
    changed) when there is none or it is not a rule lemmatizer that leaves set lemmas alone."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe(name)  # spaCy's Lemmatizer (typed as a plain component)
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True) \
            or type(lemmatizer).__call__ is not _LEMMATIZER_CALL:
        return False
    lemmatizer._validate_tables()  # what its first call would check
    nlp.replace_pipe(name, COMPONENT, config={})
    cast(StandIn, nlp.get_pipe(name)).stand_in(MemoLemmatizer(lemmatizer), lemmatizer)
    return True


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str) -> StandIn:
    return StandIn()


def _lemmatizer_call():
    from spacy.pipeline import Lemmatizer

    return Lemmatizer.__call__


_LEMMATIZER_CALL = _lemmatizer_call()
