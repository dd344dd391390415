"""Corrections to the tagger that the rules downstream rely on.

The pinned model sometimes tags the verb of a to-infinitive as a noun ("worked through the night
to *rescue* elders", NOUN/NN) while the parser still attaches "to" to it as an auxiliary: a noun
never takes an infinitive marker, so such a token is a verb in its base form. With a curly apostrophe ("didn’t") the parser
labels the negation an adverb, sometimes of the auxiliary: it is the verb's negation.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

COMPONENT = "accord_tag_fixes"

# the ids ``Doc.to_array`` gives for these strings (a symbol's id, else the string's hash)
_NOUN, _AUX_DEP, _TO, _NOT = (get_string_id(s) for s in ("NOUN", "aux", "TO", "not"))


@Language.component(COMPONENT)
def tag_fixes(doc: Doc) -> Doc:
    for i in _candidates(doc):
        tok = doc[i]
        if tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
            tok.pos_, tok.tag_ = "VERB", "VB"
        elif tok.lemma_ == "not" and tok.dep_ == "advmod" and tok.head.pos_ in {"VERB", "AUX"}:
            _negation(tok)
    return doc


def _candidates(doc: Doc) -> list[int]:
    """The tokens either fix could change, in order: nouns with an infinitive marker among their
    children, and every "not". Read from the doc's arrays, so that the rest (nearly every token)
    costs no Token. The fixes above change no part of speech to a noun, no lemma, and give no
    token a new child that is an infinitive marker (a moved negation is labelled "neg"), so
    what is read here before them holds each candidate that they could fix when they come to it."""
    if not len(doc):
        return []
    cols = doc.to_array([POS, LEMMA, DEP, TAG])
    offsets = doc.to_array(HEAD).view(np.int64)  # (the head's offset)
    markers = np.flatnonzero((cols[:, 2] == _AUX_DEP) & (cols[:, 3] == _TO))
    nouns = {int(h) for h in markers + offsets[markers] if cols[h, 0] == _NOUN}
    nots = np.flatnonzero(cols[:, 1] == _NOT).tolist()
    return sorted(nouns.union(nots))


def _negation(tok) -> None:
    """"didn’t ask", "won’t attack": with a curly apostrophe the parser labels the negation an
    adverb, at times of the auxiliary; it negates the verb, as "didn't" does."""
    head = tok.head
    if head.dep_ in {"aux", "auxpass"} and head.head.i != head.i:
        tok.head = head.head
    tok.dep_ = "neg"


def add_to(nlp: Language) -> None:
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="lemmatizer")  # after the tag-to-POS mapping
