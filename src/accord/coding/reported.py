"""Accusations made by reporting: "X said Y was behind the attack", "called the ruling arbitrary",
"described the plan as a strategic disaster".

News puts much of its criticism in reported speech rather than in a verb of criticism. When
what a reporting verb reports turns on a word of wrongdoing or condemnation (the lexicon's
``accusatory`` list), the speaker accuses whom the report is about: PLOVER ACCUSE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord import words
from accord.actors.doc_index import children_of

if TYPE_CHECKING:
    from spacy.tokens import Token

REPORTING = words.word_set("speech", "reporting")
NAMING = words.word_set("speech", "naming")
CITING = words.word_set("speech", "citing")
CLAIMS = words.word_set("speech", "claim_nouns")
# clauses under a naming verb that say something of their own ("called it the place to hold
# criminals"); an object's own clause stays ("the decision to jail him a blatant case of ...")
_OWN_CLAUSES = {"relcl", "advcl", "nsubj"}
_CONTENT_DEPS = {"acomp", "attr", "oprd", "dobj", "xcomp"}
_BEHIND = words.word_set("accusation", "behind")
_BASED = words.word_set("accusation", "based")
_ABUSES = words.word_set("accusation", "abuses")
_TIES = words.word_set("accusation", "ties")
_RULERS = words.word_set("accusation", "rulers")
_ATTACK_WORDS = words.word_set("accusation", "attack_words")


@dataclass(frozen=True, slots=True)
class Reported:
    """A reporting verb whose content accuses: the word that makes it one and whom it is about."""

    word: Token  # the accusatory word ("arbitrary", "orchestrated")
    target: Token | None  # whom the content is about (its subject, the named thing, the agent)
    source: Token | None = None  # who says so when the clause names it ("according to prosecutors")
    ally: Token | None = None  # the group the target is said to be tied to; an accusation only if it is an armed one
    monitor: bool = False  # an abuse reported: an accusation only when a rights monitor reports it


REPORTING_POS = frozenset({"VERB", "AUX"})


def reported_accusation(tok: Token, accusatory: frozenset[str]) -> Reported | None:
    """The accusation ``tok`` reports, if its content turns on an accusatory word."""
    if tok.pos_ not in REPORTING_POS:
        return None  # every way below needs a verb (or "according to" on an auxiliary): asked of every token
    lemma = tok.lemma_.lower()
    children = children_of(tok)  # (read once: asked of every verb, and spaCy walks the parse on each read)
    if any(c.dep_ == "neg" for c in children):
        return None
    source = _according_to(children)
    if source is not None and tok.pos_ in {"VERB", "AUX"}:
        # "X was allegedly behind the plot, according to prosecutors": the source accuses X
        word = _clause_word(tok, accusatory)
        if word is not None:
            return Reported(word, _clause_target(tok), source)
    if tok.pos_ != "VERB":
        return None
    obj = next((c for c in children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if lemma in NAMING:
        # "called the decision a blatant case of harassment": the judgement follows the named thing
        for t in tok.subtree:
            if t.i > tok.i and (t.lemma_.lower() in accusatory or t.lower_ in accusatory) \
                    and not (obj is not None and t.i < obj.i) and not _in_clause_below(t, tok):
                return Reported(t, obj)
        return None
    if lemma in CITING and obj is not None and obj.lemma_.lower() in accusatory and obj.pos_ == "NOUN":
        return Reported(obj, obj)  # "highlighted the regime's violations": the violator is accused
    if obj is not None and obj.lemma_.lower() in CLAIMS:
        # "reiterated the claim that the attack was orchestrated by X"
        for clause in (c for c in children_of(obj) if c.dep_ in {"acl", "ccomp"}):
            word = _clause_word(clause, accusatory)
            if word is not None:
                return Reported(word, _clause_target(clause))
    if lemma not in REPORTING:
        return None
    for clause in (c for c in children if c.dep_ == "ccomp"):
        if any(c.dep_ == "neg" for c in children_of(clause)):
            continue
        word = _clause_word(clause, accusatory)
        if word is not None:
            return Reported(word, _clause_target(clause))
        ally = _tied_to(clause)
        if ally is not None:
            return Reported(clause, _clause_target(clause), ally=ally)
        if clause.lemma_.lower() in _ABUSES and clause.pos_ == "VERB":
            # "Amnesty International estimates that a million people have been confined in camps"
            return Reported(clause, _clause_target(clause), monitor=True)
    return None


def _in_clause_below(t: Token, top: Token) -> bool:
    """``t`` sits in a clause of its own under ``top`` (a relative clause, "the perfect place to
    hold criminals"), or in a subject: what it says is no part of the judgement named."""
    node = t
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in _OWN_CLAUSES:
            return True
        node = node.head
    return False


def _tied_to(clause: Token) -> Token | None:
    """"said the suspects were linked to al-Qaeda", "aligned with Islamic State": the partner named."""
    if clause.lemma_.lower() not in _TIES or clause.tag_ != "VBN":
        return None
    return next((p for c in children_of(clause) if c.dep_ == "prep" and c.lower_ in {"with", "to"}
                 for p in children_of(c) if p.dep_ == "pobj"), None)


def _according_to(children: list[Token]) -> Token | None:
    """The source a clause is attributed to: "..., according to prosecutors" (``children``: the
    clause's verb's)."""
    for c in children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for to in children_of(c):
                if to.lower_ == "to":
                    return next((p for p in children_of(to) if p.dep_ == "pobj"), None)
    return None


def _clause_word(clause: Token, accusatory: frozenset[str]) -> Token | None:
    if clause.lemma_.lower() in accusatory and clause.pos_ == "VERB":
        return clause  # "Y orchestrated the attack", "the vote was rigged"
    if _harbour(clause) is not None:
        return clause  # "the handlers of the attack are based in Afghanistan"
    for c in children_of(clause):
        if c.dep_ == "prep" and c.lower_ in _BEHIND:
            return c  # "Y was behind the plot"
        if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in accusatory and _wrongdoer(c) is not None:
            return c  # "said corruption in Albania is pervasive": the wrong is the subject
        if c.dep_ == "nsubj" and c.lemma_.lower() in _RULERS:
            judged = next((a for a in children_of(c) if a.dep_ == "amod" and a.lemma_.lower() in accusatory), None)
            if judged is not None:
                return judged  # "says the 'illegal' government is confiscating ...": the rulers are judged
        if c.dep_ in _CONTENT_DEPS:
            word = _accusing_word(c, accusatory)
            if word is not None:
                return word
        if c.dep_ == "prep" and c.lower_ in {"in", "of", "for", "to"}:
            # "was involved in corrupt acts", "is guilty of abuses", "gives in to Chinese lawfare"
            for p in children_of(c):
                if p.dep_ == "pobj" and (word := _accusing_word(p, accusatory)) is not None:
                    return word
    return None


def _accusing_word(head: Token, accusatory: frozenset[str]) -> Token | None:
    """The head itself or one of its modifiers ("a blatant case", "anti-Turkish")."""
    if head.lemma_.lower() in accusatory or head.lower_ in accusatory:
        return head
    for c in children_of(head):
        if c.dep_ in {"amod", "compound", "advmod", "npadvmod"} and (c.lemma_.lower() in accusatory or c.lower_ in accusatory):
            return c
    return None


def _harbour(clause: Token) -> Token | None:
    """The place the authors of an attack are said to be based in or operate from: the state
    that harbours them is accused ("those involved in the attack were operating from Afghanistan")."""
    if clause.lemma_.lower() not in _BASED:
        return None
    subj = next((c for c in children_of(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or not any(t.lemma_.lower() in _ATTACK_WORDS for t in subj.subtree):
        return None
    return next((p for c in children_of(clause) if c.dep_ == "prep" and c.lower_ in {"in", "from"}
                 for p in children_of(c) if p.dep_ == "pobj" and p.ent_type_ == "GPE"), None)


def _clause_target(clause: Token) -> Token | None:
    """Whom the content is about: the agent of a passive ("was orchestrated by militants"),
    else its subject ("Berisha was involved ..."); where the authors of an attack are based,
    that state."""
    place = _harbour(clause)
    if place is not None:
        return place
    for c in children_of(clause):
        if c.dep_ == "agent":
            for p in children_of(c):
                if p.dep_ == "pobj":
                    return p
    subj = next((c for c in children_of(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    doer = _wrongdoer(subj) if subj is not None and subj.pos_ == "NOUN" else None
    return doer or subj  # "corruption in Albania", "the regime's repression": the doer; else the subject


def _wrongdoer(wrong: Token) -> Token | None:
    """Who a wrong named by a noun is done by or found in: its possessor or its in/of/by object."""
    for c in children_of(wrong):
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in {"in", "of", "by"}:
            return next((p for p in children_of(c) if p.dep_ == "pobj"), None)
    return None
