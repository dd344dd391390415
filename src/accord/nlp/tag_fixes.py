"""Corrections to the tagger that the rules downstream rely on.

The pinned model sometimes tags the verb of a to-infinitive as a noun ("worked through the night
to *rescue* elders", NOUN/NN) while the parser still attaches "to" to it as an auxiliary: a noun
never takes an infinitive marker, so such a token is a verb in its base form. With a curly apostrophe ("didn’t") the parser
labels the negation an adverb, sometimes of the auxiliary: it is the verb's negation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "accord_tag_fixes"


@Language.component(COMPONENT)
def tag_fixes(doc: Doc) -> Doc:
    for tok in doc:
        if tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
            tok.pos_, tok.tag_ = "VERB", "VB"
        elif tok.lemma_ == "not" and tok.dep_ == "advmod" and tok.head.pos_ in {"VERB", "AUX"}:
            _negation(tok)
    return doc


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
