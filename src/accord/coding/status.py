"""Status of an event from modality, negation, tense and the words that govern its trigger."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.coding.lexicon import Lexicon
from accord.coding.governed import CIRCUMSTANCE

if TYPE_CHECKING:
    from spacy.tokens import Token

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_MODAL_AUX = {"could", "might", "may", "can", "should", "must"}
_PRESENT_BE = {"is", "are", "am", "'re", "'s"}
_NOUN_PLANNED = {"upcoming", "planned", "future", "next", "forthcoming", "scheduled", "coming"}
_NOUN_PROPOSED = {"proposed", "possible", "potential"}
# climbing from an event to the word that governs it passes through these relations only
_GOVERNED = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "nsubjpass", "acomp", "advcl", "attr"}
_SPEECH = {"say", "tell", "announce", "state", "add", "note", "report", "confirm", "declare", "insist", "warn",
           "stress", "indicate", "signal", "reiterate", "write", "claim"}


def status_of(tok: Token, lexicon: Lexicon) -> str:
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if aux & _FUTURE_AUX:
        return "planned"
    if "would" in aux:
        return "planned" if _governed_by(tok, _SPEECH) else "hypothetical"
    if aux & _MODAL_AUX:
        return "hypothetical"
    if tok.pos_ in {"NOUN", "PROPN"}:
        if tok.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.head.children):
            return "planned"  # "the visit will be an impetus": what will give an impetus has not happened yet
        mods = {c.lower_ for c in children if c.dep_ in {"amod", "compound"}}
        if mods & _NOUN_PLANNED:
            return "planned"
        if mods & _NOUN_PROPOSED:
            return "proposed"
    governed = _cue_status(tok, lexicon)
    if governed is not None:
        return governed
    if tok.tag_ == "VBG" and (aux & _PRESENT_BE or "been" in aux):
        return "ongoing"
    return "occurred"


def _cue_status(tok: Token, lexicon: Lexicon) -> str | None:
    node, steps = tok, 0
    while node.head.i != node.i and steps < 6 and node.dep_ in _GOVERNED:
        if node.dep_ == "prep" and node.lower_ in CIRCUMSTANCE:
            return None  # "offered talks following the invasion": the invasion is not what is offered
        head = node.head
        cue = lexicon.cues.get(head.lemma_.lower()) or lexicon.cues.get(head.lower_)
        if cue is not None:
            if any(c.dep_ == "neg" for c in head.children):
                return "negated"
            return cue
        if any(c.dep_ in {"aux"} and c.lower_ in _FUTURE_AUX for c in head.children):
            return "planned"
        node, steps = head, steps + 1
    return None


def _governed_by(tok: Token, lemmas: set[str]) -> bool:
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in lemmas:
            return True
    return False
