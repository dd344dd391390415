"""Corrections to the statistical NER, added after it as a spaCy component.

The model misses names that follow a long title ("Ukrainian Ambassador to Azerbaijan Yuriy
Husyev"), because such titles are rare in its training news. A general rule fixes them: a
run of two or three capitalised proper nouns right after an office title is a PERSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.attrs import ENT_TYPE, IS_ALPHA, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from accord.nlp.strings import strings_of

if TYPE_CHECKING:
    from accord.actors.gazetteer import Gazetteer

COMPONENT = "accord_title_names"

# the ids ``Doc.to_array`` gives for these parts of speech and entity labels (spaCy's symbols)
ADJ, NOUN, PROPN, ORG, PERSON = (get_string_id(s) for s in ("ADJ", "NOUN", "PROPN", "ORG", "PERSON"))
_NOMINAL = frozenset({PROPN, NOUN})


class Tokens:
    """The token attributes ``entity_fixes`` reads, each read for the whole doc at once
    (``Doc.to_array``), so that its scans over every token index lists instead of building a
    spaCy Token and looking its strings up for each read (those reads were most of its time).
    ``tokens.text[i] == doc[i].text``, likewise ``lower``; ``pos`` and ``ent`` hold the ids
    of ``pos_`` and ``ent_type_`` (``spacy.symbols``; 0: no entity); ``alpha[i] ==
    doc[i].is_alpha``; ``cap[i]``: a capitalised word, or a hyphenated one ("Azerbaijan-Ukraine");
    ``tokens.text_of(i, k) == doc[i:k].text``. A snapshot of the doc as given.
    ``tests/nlp/test_entity_rules.py`` checks each against spaCy's own."""

    __slots__ = ("_space", "alpha", "cap", "doc", "ent", "lower", "n", "pos", "text")

    def __init__(self, doc: Doc, names: dict[int, str]) -> None:
        """``names``: the strings of hashes already looked up (kept by the component from doc
        to doc: most words of a text were seen before), filled in here."""
        self.doc = doc
        self.n = len(doc)
        columns = doc.to_array([ORTH, LOWER, POS, ENT_TYPE, IS_ALPHA, SPACY]).T.tolist() if self.n else [[]] * 6
        orth, lower, self.pos, self.ent, self.alpha, self._space = columns
        self.text: list[str] = strings_of(orth, names, doc.vocab.strings)
        self.lower: list[str] = strings_of(lower, names, doc.vocab.strings)
        self.cap = [(a == 1 or "-" in t) and t[:1].isupper() for t, a in zip(self.text, self.alpha, strict=True)]

    def text_of(self, start: int, end: int) -> str:
        """``doc[start:end].text``: its words, each but the last with the space after it (spaCy
        joins the same; the spans read are a few words long, the doc's whole text is not)."""
        if end <= start:
            return ""
        text, space = self.text, self._space
        return "".join([text[x] + " " if space[x] else text[x] for x in range(start, end - 1)]) + text[end - 1]


_IN_NAME = frozenset({0, PERSON, ORG})  # (``Tokens.ent``: no entity, a person, an organisation)


class _WithGazetteer:
    """A component that looks words up in a gazetteer: the one the pipeline was built with
    (``add_to``), else the packaged one. Held by the component, so that two pipelines with
    different gazetteers can live in one process."""

    def __init__(self, rule: Callable[[Doc, Gazetteer, dict[int, str]], Doc], gazetteer: Gazetteer | None = None) -> None:
        self.rule = rule
        self.gazetteer = gazetteer
        self.names: dict[int, str] = {}  # the strings of the hashes ``Tokens`` read, kept from doc to doc

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            from accord.actors.gazetteer import default_gazetteer

            self.gazetteer = default_gazetteer()  # the packaged data, loaded on first use
        return self.rule(doc, self.gazetteer, self.names)


@Language.factory(COMPONENT)
def _make_title_names(nlp: Language, name: str) -> _WithGazetteer:
    return _WithGazetteer(title_names)


def title_names(doc: Doc, gaz: Gazetteer, names: dict[int, str] | None = None) -> Doc:
    """(``names``, the component's memo for ``Tokens``, is not needed here: the scan reads only
    the part of speech of every word.)"""
    new: list[Span] = []
    n = len(doc)
    pos = doc.to_array(POS).tolist() if n else []  # (read at once: most words are no noun, and need no Token)
    i = 0
    while i < n:
        if pos[i] not in _NOMINAL or gaz.title(doc[i].lower_) is None:  # no title word
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
_NAME_START = frozenset({PROPN, ADJ})  # (``Tokens.pos``)
_EXTENDS = frozenset({"of", "in", "the", "to", "for", "and"})
_NAMED = frozenset({PERSON, ORG})  # (``Tokens.ent``)
_DASHES = frozenset({"-", "–"})


def _plain_name_token(t: Tokens, i: int, gaz) -> bool:
    """A capitalised word that could be part of a personal name (no country, title or body word)."""
    text = t.text[i]
    return (t.pos[i] == PROPN and t.alpha[i] and text[:1].isupper() and gaz.country(text) is None
            and gaz.title(t.lower[i]) is None and t.lower[i] not in ORG_HEADS and gaz.igo(text) is None)


def _glued_title(low: str, gaz) -> bool:
    """"Chairpersonof": a title with the following "of" glued on by a typo."""
    return len(low) > 4 and low.endswith("of") and gaz.title(low[:-2]) is not None


def _fix_org(ent: Span, gaz, t: Tokens) -> list[Span]:
    """An ORG that starts with a title ("Chairpersonof the Council ...", "the National Leader of
    Azerbaijan Heydar Aliyev") or is only a title ("the Minister of Economy of Azerbaijan")."""
    doc = ent.doc
    start = ent.start + (1 if t.text[ent.start] in _DETS else 0)
    if start >= ent.end:
        return [ent]
    if _glued_title(t.lower[start], gaz) and start + 1 < ent.end \
            and gaz.institution(t.text_of(start + 1, ent.end)) is not None:
        return [Span(doc, start + 1, ent.end, label="ORG")]
    # a title phrase followed by a name: the name is a PERSON, the title is no body
    for cut in range(ent.end - 2, start, -1):
        if ent.end - cut <= 3 and all(_plain_name_token(t, x, gaz) for x in range(cut, ent.end)):
            head = t.text_of(start, cut)
            if gaz.title(head) is not None and gaz.institution(head) is None:
                return [Span(doc, cut, ent.end, label="PERSON")]
            if gaz.institution(head) is not None:  # "the Council of the Republic Natalya Kochanova"
                return [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, ent.end, label="PERSON")]
    whole = t.text_of(start, ent.end)
    if gaz.title(whole) is not None and gaz.institution(whole) is None and gaz.igo(whole) is None:
        return []
    return [ent]


def _extend_to_institution(ent: Span, gaz, t: Tokens) -> Span:
    """Grow an entity over neighbouring capitalised words while the longer phrase names a
    national institution: "the Azerbaijani" + "Parliament", "Milli" + "Majlis" + "of Azerbaijan",
    "the Ukrainian Embassy" + "in Azerbaijan"."""
    doc = ent.doc
    n = t.n
    best: tuple[int, int] | None = None
    for left in range(0, 3):
        s = ent.start - left
        if s < 0 or (left and not (t.cap[s] and t.pos[s] in _NAME_START)):
            break
        for right in range(0, 8):  # "National Union" + "for the Total Independence of Angola"
            e = ent.end + right
            if e > n:
                break
            if right and not (t.cap[e - 1] or t.lower[e - 1] in _EXTENDS):
                break
            if left == 0 and right == 0:
                continue
            if not t.cap[e - 1]:
                continue
            text = t.text_of(s, e)
            if "\n" in text:
                break
            inst = gaz.institution(text)
            if inst is None or inst.country is None:
                inst = gaz.igo(text)  # "Islamic" + "State": an armed group or a body
                inst = None if inst is None or inst.ambiguous else inst
            if inst is not None and (best is None or e - s > best[1] - best[0]):
                best = (s, e)
    return ent if best is None else Span(doc, best[0], best[1], label="ORG")


def _name_before_title(t: Tokens, gaz) -> list[Span]:
    """"Sagiba Gafarova, the Chairperson of ...": two or three name words before a comma and a title."""
    out = []
    text, pos, ent = t.text, t.pos, t.ent
    n = t.n
    i = 0
    while i < n:
        if pos[i] != PROPN or not _plain_name_token(t, i, gaz) \
                or (i > 0 and pos[i - 1] == PROPN and text[i - 1][:1].isupper()):
            i += 1
            continue
        k = i
        while k < n and k - i < 3 and pos[k] == PROPN and _plain_name_token(t, k, gaz):
            k += 1
        if 2 <= k - i <= 3 and k + 1 < n and text[k] == "," \
                and all(ent[x] in _IN_NAME for x in range(i, k)):
            j = k + 1
            if t.lower[j] in {"the", "a"}:
                j += 1
            hits = gaz.find_titles(t.text_of(j, min(n, j + 4)))
            if hits and any(h[0] == 0 for h in hits):
                out.append(Span(t.doc, i, k, label="PERSON"))
        i = max(k, i + 1)
    return out


def _unlabelled_bodies(t: Tokens, gaz) -> list[Span]:
    """A run of capitalised words ending in a body word that the model left untagged:
    "the Joint Azerbaijan-Ukraine Intergovernmental Commission"."""
    out = []
    pos, ent, cap = t.pos, t.ent, t.cap
    n = t.n
    i = 0
    while i < n:
        if not (pos[i] in _NAME_START and cap[i]) or ent[i] in _NAMED:
            i += 1
            continue
        k = i
        while k < n and ((pos[k] in _NAME_START and cap[k]) or (t.text[k] in _DASHES and k + 1 < n and cap[k + 1])) \
                and ent[k] not in _NAMED:
            k += 1
        if k - i >= 2 and t.lower[k - 1] in ORG_HEADS and not t.doc[i].is_sent_start:
            out.append(Span(t.doc, i, k, label="ORG"))
        i = max(k, i + 1)
    return out


_NAME_GLUE = {"of", "for", "the", "and", "without", "de", "al", "-"}


def _listed_names(t: Tokens, gaz) -> list[Span]:
    """Names the gazetteer lists that the model left untagged: armed groups and bodies known
    by an acronym ("RSF", "JNIM"), plural names ("the Houthis"), names of ordinary words
    ("Reporters Without Borders"). The longest listed run wins; a common word that is also an
    ambiguous name counts only in capitals ("RSF", not "Trend")."""
    out: list[Span] = []
    text, ent, cap = t.text, t.ent, t.cap
    n = t.n
    i = 0
    while i < n:
        if ent[i] or (not cap[i] and not text[i].isupper()):
            i += 1
            continue
        found = None
        r = i  # the run of untagged name-like words starting here (at most six)
        while r < min(n, i + 6) and not ent[r] and (cap[r] or t.lower[r] in _NAME_GLUE or text[r].isupper()):
            r += 1
        for k in range(r, i, -1):
            if not cap[k - 1] and not text[k - 1].isupper():
                continue
            run = t.text_of(i, k)
            inst = gaz.institution(run)
            hit = inst if inst is not None and inst.country is not None else gaz.igo(run)
            if hit is None or (hit.ambiguous and not (k - i == 1 and text[i].isupper() and len(text[i]) >= 2)):
                continue
            found = Span(t.doc, i, k, label="ORG")
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


def entity_fixes(doc: Doc, gaz: Gazetteer, names: dict[int, str] | None = None) -> Doc:
    t = Tokens(doc, {} if names is None else names)  # (the rules below read the entities as they come)
    ents: list[Span] = []
    for ent in doc.ents:
        if len(ent) > 1 and ent[-1].tag_ == "POS":  # possessives stay out of names
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        parts = _fix_org(ent, gaz, t) if ent.label_ == "ORG" else [ent]
        for p in parts:
            ents.append(_extend_to_institution(p, gaz, t) if p.label_ in {"ORG", "NORP", "GPE", "FAC"} else p)
    new = _name_before_title(t, gaz) + _unlabelled_bodies(t, gaz) + _listed_names(t, gaz)
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
