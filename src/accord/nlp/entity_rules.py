"""Corrections to the statistical NER, added after it as a spaCy component.

The model misses names that follow a long title ("Ukrainian Ambassador to Azerbaijan Yuriy
Husyev"), because such titles are rare in its training news. A general rule fixes them: a
run of two or three capitalised proper nouns right after an office title is a PERSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

if TYPE_CHECKING:
    from accord.actors.gazetteer import Gazetteer

COMPONENT = "accord_title_names"


def _is_title_word(tok, gaz) -> bool:
    return tok.pos_ in {"PROPN", "NOUN"} and gaz.title(tok.lower_) is not None


class _WithGazetteer:
    """A component that looks words up in a gazetteer: the one the pipeline was built with
    (``add_to``), else the packaged one. Held by the component, so that two pipelines with
    different gazetteers can live in one process."""

    def __init__(self, rule: Callable[[Doc, Gazetteer], Doc], gazetteer: Gazetteer | None = None) -> None:
        self.rule = rule
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            from accord.actors.gazetteer import default_gazetteer

            self.gazetteer = default_gazetteer()  # the packaged data, loaded on first use
        return self.rule(doc, self.gazetteer)


@Language.factory(COMPONENT)
def _make_title_names(nlp: Language, name: str) -> _WithGazetteer:
    return _WithGazetteer(title_names)


def title_names(doc: Doc, gaz: Gazetteer) -> Doc:
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
        elif j + 2 < n and doc[j].lower_ in {"to", "of", "for"} and gaz.country(doc[j + 1].text) is not None:
            j += 2  # the model glued the country to the name ("to Georgia Mart Kivisaar")
        k = j
        while k < n and k - j < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].is_alpha \
                and gaz.country(doc[k].text) is None and gaz.title(doc[k].lower_) is None:
            k += 1
        if k - j >= 2 and all(doc[x].ent_type_ in {"", "PERSON", "ORG"} for x in range(j, k)) \
                and (not any(doc[x].ent_type_ == "PERSON" for x in range(j, k)) or doc[j].ent_iob_ != "B"):
            new.append(Span(doc, j, k, label="PERSON"))
        i = max(i + 1, k)
    if new:
        doc.ents = filter_spans(list(new) + [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in new)])
    return doc




# --------------------------------------------------------------------------- more NER fixes

FIXES = "accord_entity_fixes"

# head nouns that end the name of a body ("... Intergovernmental Commission")
ORG_HEADS = frozenset("""
commission committee council group ministry agency assembly parliament embassy consulate office service
union organization organisation bank court party front movement guard administration government cabinet
company corporation authority department directorate institute university foundation fund association
federation chamber board secretariat mission coalition alliance league brigade forces army navy police
forum network society
""".split())
_DETS = {"the", "The"}


def _cap(tok) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text)


def _plain_name_token(tok, gaz) -> bool:
    """A capitalised word that could be part of a personal name (no country, title or body word)."""
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and gaz.country(tok.text) is None
            and gaz.title(tok.lower_) is None and tok.lower_ not in ORG_HEADS and gaz.igo(tok.text) is None)


def _glued_title(tok, gaz) -> bool:
    """"Chairpersonof": a title with the following "of" glued on by a typo."""
    low = tok.lower_
    return len(low) > 4 and low.endswith("of") and gaz.title(low[:-2]) is not None


def _fix_org(ent: Span, gaz) -> list[Span]:
    """An ORG that starts with a title ("Chairpersonof the Council ...", "the National Leader of
    Azerbaijan Heydar Aliyev") or is only a title ("the Minister of Economy of Azerbaijan")."""
    doc = ent.doc
    start = ent.start + (1 if doc[ent.start].text in _DETS else 0)
    if start >= ent.end:
        return [ent]
    first = doc[start]
    if _glued_title(first, gaz):
        rest = doc[start + 1:ent.end]
        if len(rest) and gaz.institution(rest.text) is not None:
            return [Span(doc, start + 1, ent.end, label="ORG")]
    # a title phrase followed by a name: the name is a PERSON, the title is no body
    for cut in range(ent.end - 2, start, -1):
        tail = doc[cut:ent.end]
        if len(tail) <= 3 and all(_plain_name_token(t, gaz) for t in tail):
            head = doc[start:cut]
            if gaz.title(head.text) is not None and gaz.institution(head.text) is None:
                return [Span(doc, cut, ent.end, label="PERSON")]
            if gaz.institution(head.text) is not None:  # "the Council of the Republic Natalya Kochanova"
                return [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, ent.end, label="PERSON")]
    if gaz.title(doc[start:ent.end].text) is not None and gaz.institution(doc[start:ent.end].text) is None \
            and gaz.igo(doc[start:ent.end].text) is None:
        return []
    return [ent]


def _extend_to_institution(ent: Span, gaz) -> Span:
    """Grow an entity over neighbouring capitalised words while the longer phrase names a
    national institution: "the Azerbaijani" + "Parliament", "Milli" + "Majlis" + "of Azerbaijan",
    "the Ukrainian Embassy" + "in Azerbaijan"."""
    doc = ent.doc
    n = len(doc)
    best: Span | None = None
    for left in range(0, 3):
        s = ent.start - left
        if s < 0 or (left and not (_cap(doc[s]) and doc[s].pos_ in {"PROPN", "ADJ"})):
            break
        for right in range(0, 8):  # "National Union" + "for the Total Independence of Angola"
            e = ent.end + right
            if e > n:
                break
            if right and not (_cap(doc[e - 1]) or doc[e - 1].lower_ in {"of", "in", "the", "to", "for", "and"}):
                break
            if left == 0 and right == 0:
                continue
            if not _cap(doc[e - 1]):
                continue
            span = doc[s:e]
            if "\n" in span.text:
                break
            inst = gaz.institution(span.text)
            if inst is None or inst.country is None:
                inst = gaz.igo(span.text)  # "Islamic" + "State": an armed group or a body
                inst = None if inst is None or inst.ambiguous else inst
            if inst is not None and (best is None or len(span) > len(best)):
                best = Span(doc, s, e, label="ORG")
    return best or ent


def _name_before_title(doc: Doc, gaz) -> list[Span]:
    """"Sagiba Gafarova, the Chairperson of ...": two or three name words before a comma and a title."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        if not _plain_name_token(doc[i], gaz) or (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper()):
            i += 1
            continue
        k = i
        while k < n and k - i < 3 and _plain_name_token(doc[k], gaz):
            k += 1
        if 2 <= k - i <= 3 and k + 1 < n and doc[k].text == "," \
                and all(doc[x].ent_type_ in {"", "PERSON", "ORG"} for x in range(i, k)):
            j = k + 1
            if doc[j].lower_ in {"the", "a"}:
                j += 1
            window = doc[j:min(n, j + 4)].text
            hits = gaz.find_titles(window)
            if hits and any(h[0] == 0 for h in hits):
                out.append(Span(doc, i, k, label="PERSON"))
        i = max(k, i + 1)
    return out


def _unlabelled_bodies(doc: Doc, gaz) -> list[Span]:
    """A run of capitalised words ending in a body word that the model left untagged:
    "the Joint Azerbaijan-Ukraine Intergovernmental Commission"."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        if not (_cap(doc[i]) and doc[i].pos_ in {"PROPN", "ADJ"}) or doc[i].ent_type_ in {"PERSON", "ORG"}:
            i += 1
            continue
        k = i
        while k < n and ((doc[k].pos_ in {"PROPN", "ADJ"} and _cap(doc[k]))
                         or (doc[k].text in {"-", "–"} and k + 1 < n and _cap(doc[k + 1]))) \
                and doc[k].ent_type_ not in {"PERSON", "ORG"}:
            k += 1
        if k - i >= 2 and doc[k - 1].lower_ in ORG_HEADS and not doc[i].is_sent_start:
            out.append(Span(doc, i, k, label="ORG"))
        i = max(k, i + 1)
    return out


_NAME_GLUE = {"of", "for", "the", "and", "without", "de", "al", "-"}


def _listed_names(doc: Doc, gaz) -> list[Span]:
    """Names the gazetteer lists that the model left untagged: armed groups and bodies known
    by an acronym ("RSF", "JNIM"), plural names ("the Houthis"), names of ordinary words
    ("Reporters Without Borders"). The longest listed run wins; a common word that is also an
    ambiguous name counts only in capitals ("RSF", not "Trend")."""
    out: list[Span] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.ent_type_ or (not _cap(tok) and not tok.text.isupper()):
            i += 1
            continue
        found = None
        r = i  # the run of untagged name-like words starting here (at most six)
        while r < min(n, i + 6) and not doc[r].ent_type_ and (_cap(doc[r]) or doc[r].lower_ in _NAME_GLUE
                                                              or doc[r].text.isupper()):
            r += 1
        for k in range(r, i, -1):
            run = doc[i:k]
            if not _cap(doc[k - 1]) and not doc[k - 1].text.isupper():
                continue
            inst = gaz.institution(run.text)
            hit = inst if inst is not None and inst.country is not None else gaz.igo(run.text)
            if hit is None or (hit.ambiguous and not (len(run) == 1 and tok.text.isupper() and len(tok.text) >= 2)):
                continue
            found = Span(doc, i, k, label="ORG")
            break
        if found is not None:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


@Language.factory(FIXES)
def _make_entity_fixes(nlp: Language, name: str) -> _WithGazetteer:
    return _WithGazetteer(entity_fixes)


def entity_fixes(doc: Doc, gaz: Gazetteer) -> Doc:
    ents: list[Span] = []
    for ent in doc.ents:
        if len(ent) > 1 and ent[-1].tag_ == "POS":  # possessives stay out of names
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        parts = _fix_org(ent, gaz) if ent.label_ == "ORG" else [ent]
        for p in parts:
            ents.append(_extend_to_institution(p, gaz) if p.label_ in {"ORG", "NORP", "GPE", "FAC"} else p)
    new = _name_before_title(doc, gaz) + _unlabelled_bodies(doc, gaz) + _listed_names(doc, gaz)
    new = [s for s in new
           if not any(e.start < s.end and s.start < e.end and e.label_ in {"PERSON", "ORG"} and len(e) >= len(s) for e in ents)]
    kept = [e for e in ents if not any(e.start < s.end and s.start < e.end for s in new)]
    doc.ents = filter_spans(kept + new)
    return doc


def add_to(nlp: Language, gazetteer: Gazetteer | None = None) -> None:
    """Add the corrections after the NER, looking names up in ``gazetteer`` (None: the packaged one)."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
    if FIXES not in nlp.pipe_names:
        nlp.add_pipe(FIXES, after=COMPONENT)
    for name in (COMPONENT, FIXES):
        pipe = nlp.get_pipe(name)
        assert isinstance(pipe, _WithGazetteer)  # both names are made by this module's factories
        pipe.gazetteer = gazetteer
