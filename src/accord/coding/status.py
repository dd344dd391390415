"""Status of an event from modality, negation, tense and the words that govern its trigger.

Planned: a future auxiliary (also shared by a coordinated verb: "will host and fund"), a noun
marked upcoming, a planning cue above it ("plans to visit"). Ongoing: a progressive ("are
holding talks"), a verb of continuing above it ("continues to shell", "will continue to
support"), a present tense of habit ("routinely denies"), a state kept since a time ("has been
held since 2020"). Occurred: the rest, including the progressive of a statement ("is calling
for a ceasefire": the statement is made). The cue words live in ``data/triggers.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord import words
from accord.actors.doc_index import children_of
from accord.coding.governed import CIRCUMSTANCE
from accord.coding.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_FUTURE_AUX = words.word_set("modality", "future_auxiliaries")
_MODAL_AUX = words.word_set("modality", "possibility_modals")
_PRESENT_BE = words.word_set("modality", "present_be")
_PERFECT = words.word_set("modality", "perfect")
_NOUN_PLANNED = words.word_set("modality", "noun_planned")
_NOUN_PROPOSED = words.word_set("modality", "noun_proposed")
# climbing from an event to the word that governs it passes through these relations only
_GOVERNED = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "nsubjpass", "acomp", "advcl", "attr"}
_SPEECH = words.word_set("speech", "governing_speech")
_STATING = words.word_set("speech", "progressive_statements")
_CONTINUING = words.word_set("modality", "continuing")
_HABIT = words.word_set("modality", "habit")


_SELDOM = words.word_set("modality", "seldom")


def status_of(tok: Token, lexicon: Lexicon) -> str:
    children = children_of(tok)
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _SELDOM) for c in children):
        return "negated"  # "did not", "never", and "seldom criticized": the act is not asserted
    aux = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if _shares_verb_group(tok):
        # "are still resisting and fighting", "will host and fund": the second verb shares the
        # auxiliaries of the first
        aux |= {c.lower_ for c in children_of(tok.head) if c.dep_ in {"aux", "auxpass"}}
    if aux & _FUTURE_AUX:
        return "planned"
    if "would" in aux:
        return "planned" if _governed_by(tok, _SPEECH) else "hypothetical"
    if aux & _MODAL_AUX:
        return "hypothetical"
    if tok.pos_ in {"NOUN", "PROPN"}:
        if tok.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children_of(tok.head)):
            return "planned"  # "the visit will be an impetus": what will give an impetus has not happened yet
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            # "it would tighten the naval blockade", "will hold talks": the act the verb carries
            # takes its tense
            head_aux = {c.lower_ for c in children_of(tok.head) if c.dep_ == "aux"}
            if any(c.dep_ == "neg" for c in children_of(tok.head)):
                head_aux = set()  # "will not begin talks": the refusal is read where negation is
            if head_aux & _FUTURE_AUX:
                return "planned"
            if "would" in head_aux and _governed_by(tok.head, _SPEECH):
                return "planned"
        mods = {c.lower_ for c in children if c.dep_ in {"amod", "compound"}}
        if mods & _NOUN_PLANNED:
            return "planned"
        if mods & _NOUN_PROPOSED:
            return "proposed"
    governed = _cue_status(tok, lexicon)
    if governed is not None:
        return governed
    if tok.tag_ == "VBG" and (aux & _PRESENT_BE or "been" in aux):
        if tok.lemma_.lower() in _STATING and "been" not in aux:
            return "occurred"  # "is calling for a ceasefire": a statement, made
        return "ongoing"
    if tok.tag_ in {"VBZ", "VBP"} and any(c.dep_ == "advmod" and c.lower_ in _HABIT for c in children):
        return "ongoing"  # "routinely denies", "already uses"
    if tok.tag_ == "VBN" and aux & _PERFECT and "been" in aux \
            and any(c.dep_ in {"prep", "mark"} and c.lower_ == "since" for c in children):
        return "ongoing"  # "has been held since 2020": a state that lasts (not "have called since")
    return "occurred"


def _shares_verb_group(tok: Token) -> bool:
    """A coordinated verb, or a participle clause, with no auxiliary or subject of its own."""
    if tok.pos_ != "VERB" or tok.head.i == tok.i:
        return False
    if not (tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")):
        return False
    return not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "mark"} for c in children_of(tok))


def _cue_status(tok: Token, lexicon: Lexicon) -> str | None:
    node, steps = tok, 0
    while node.head.i != node.i and steps < 6 and node.dep_ in _GOVERNED:
        if node.dep_ == "prep" and node.lower_ in CIRCUMSTANCE:
            return None  # "offered talks following the invasion": the invasion is not what is offered
        head = node.head
        cue = lexicon.cues.get(head.lemma_.lower()) or lexicon.cues.get(head.lower_)
        if cue is None and node.dep_ == "xcomp" and head.lemma_.lower() in _CONTINUING:
            cue = "ongoing"  # "continues to shell", "will continue to stand with": under way now
        if cue is not None:
            if any(c.dep_ == "neg" for c in children_of(head)) or (head.dep_ == "acomp" and any(
                    c.dep_ == "neg" for c in children_of(head.head))):
                return "negated"  # "did not plan to", and "is not ready to": the negation sits on "is"
            if head.pos_ == "NOUN" and head.dep_ == "dobj" and (
                    lexicon.cues.get(head.head.lemma_.lower()) == "proposed"):
                return "proposed"  # "proposed a plan for rearming": the plan is put forward, not decided
            return cue
        group = [head, head.head] if _shares_verb_group(head) else [head]
        if (node.dep_ in {"dobj", "xcomp"} or (node.dep_ == "advcl" and _to_infinitive(node))) and head.pos_ == "VERB" \
                and any(c.dep_ == "neg" for c in children_of(head)):
            # "will not begin talks", "will not go to Moscow to meet him": what a negated verb
            # would start, or is done for, does not happen
            return "negated"
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for v in group for c in children_of(v)):
            return "planned"  # "will host and fund the talks": the talks are planned
        node, steps = head, steps + 1
    return None


def _to_infinitive(tok: Token) -> bool:
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(tok))


def _governed_by(tok: Token, lemmas: frozenset[str]) -> bool:
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in lemmas:
            return True
    return False
