"""Corrections to the statistical NER, added after it as a spaCy component.

The model misses names that follow a long title ("Ukrainian Ambassador to Azerbaijan Yuriy
Husyev"), because such titles are rare in its training news. A general rule fixes them: a
run of two or three capitalised proper nouns right after an office title is a PERSON.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

COMPONENT = "accord_title_names"


def _is_title_word(tok, gaz) -> bool:
    return tok.pos_ in {"PROPN", "NOUN"} and gaz.title(tok.lower_) is not None


@Language.component(COMPONENT)
def title_names(doc: Doc) -> Doc:
    from accord.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    new: list[Span] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not _is_title_word(tok, gaz):
            i += 1
            continue
        # skip a complement of the title ("Ambassador to Azerbaijan", "Minister of Economy")
        j = i + 1
        if j < n and doc[j].lower_ in {"to", "of", "for"} and j + 1 < n and doc[j + 1].ent_type_ in {"GPE", "NORP", ""}:
            if doc[j + 1].ent_type_ == "GPE" and j + 2 < n:
                j += 2
        k = j
        while k < n and k - j < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].is_alpha \
                and gaz.country(doc[k].text) is None and gaz.title(doc[k].lower_) is None:
            k += 1
        if k - j >= 2 and all(doc[x].ent_type_ in {"", "PERSON", "ORG"} for x in range(j, k)):
            if not any(doc[x].ent_type_ == "PERSON" for x in range(j, k)) or doc[j].ent_iob_ != "B":
                new.append(Span(doc, j, k, label="PERSON"))
        i = max(i + 1, k)
    if new:
        doc.ents = filter_spans(list(new) + [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in new)])
    return doc


def add_to(nlp: Language) -> None:
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
