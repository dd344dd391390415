"""Corrections to the tagger that the rules downstream rely on.

The pinned model sometimes tags the verb of a to-infinitive as a noun ("worked through the night
to *rescue* elders", NOUN/NN) while the parser still attaches "to" to it as an auxiliary: a noun
never takes an infinitive marker, so such a token is a verb in its base form.
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
    return doc


def add_to(nlp: Language) -> None:
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="lemmatizer")  # after the tag-to-POS mapping
