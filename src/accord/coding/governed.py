"""Events inside other events: what a request, threat, refusal or commitment is about.

A trigger found inside the complement of another trigger ("urged Serbia to *withdraw*",
"threatened to *impose* sanctions", "refused to *deploy* troops") names the content of the
governing act, not a second act that took place: the governing event is the one the text
asserts. Commitments to act later are PLOVER's AGREE (cooperative acts) or THREATEN (coercive
ones); accord keeps CONSULT/SUPPORT/COOPERATE/AID with status ``planned`` (the scorer compares
those as AGREE) and turns the other types into the commitment they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord import words
from accord.actors.doc_index import children_of
from accord.coding.scores import score_of
from accord.model import Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# relations along which a governed clause or nominal hangs from its governing word
_CHAIN = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "attr", "oprd", "compound"}
CIRCUMSTANCE = words.word_set("time", "circumstance")
# the governing act already says what is asked, threatened or refused
_CONTENT_OF = {"REQUEST", "REJECT", "THREATEN"}
# a future act of these types is kept as is, with status planned (PLOVER: AGREE)
INTENT_TYPES = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# a promised or announced future act of these types is a threat; of the others, a commitment
COERCIVE = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}
_COMMITTABLE = {"RETREAT", "CONCEDE"} | COERCIVE
_FUTURE = {"planned", "proposed"}
_REFUSABLE = INTENT_TYPES | {"AGREE", "CONCEDE", "RETREAT"}
_DECIDING = words.word_set("governing", "deciding")
_PERSONS = words.word_set("governing", "persons")
_WILLING = words.word_set("governing", "willing")
_AIMING = words.word_set("governing", "aiming")
_TOPICAL = words.word_set("governing", "topical")
_STOPPING = words.word_set("governing", "stopping")
_FUTURE_AUX = words.word_set("modality", "future_or_conditional")


def governing(tok: Token, triggers: dict[int, str], *, through_advcl: bool = False) -> tuple[Token, str, str] | None:
    """The nearest trigger above ``tok`` along complement relations: (token, type, last relation)."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        dep = node.dep_
        if dep not in _CHAIN and not (dep == "advcl" and (through_advcl or infinitive(node))):
            return None
        if dep == "prep" and node.lower_ in CIRCUMSTANCE:
            return None  # "offered talks following the invasion": the invasion is a circumstance, not the content
        node = node.head
        if node.i in triggers:
            return node, triggers[node.i], dep
        if dep == "ccomp":
            # "reiterated its demand that Israel ease ...": the clause belongs to the noun
            noun = next((c for c in children_of(node) if c.dep_ == "dobj" and triggers.get(c.i) in _CONTENT_OF), None)
            if noun is not None:
                return noun, triggers[noun.i], "acl"
    return None


def infinitive(tok: Token) -> bool:
    """A to-infinitive the parser hung as an adverbial clause ("threatened today to impose")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(tok))


def apply_governance(events: list[Event], doc: Doc, at: dict[int, int], triggers: dict[int, str],
                     by_token: dict[int, Event]) -> list[Event]:
    """Drop events that are the content of another act; turn commitments into AGREE/THREATEN.

    ``at``: id(event) -> its trigger token; ``triggers``: token -> type of every trigger the
    lexicon matched (emitted or not); ``by_token``: trigger token -> emitted event.
    """
    out: list[Event] = []
    decided: set[int] = set()  # decisions whose content stands for them
    for ev in events:
        tok = doc[at[id(ev)]]
        if not any(r.country for r in ev.recipient) and tok.dep_ == "conj":
            # "congratulates Azerbaijan ... and expresses gratitude for its help": coordinated
            # acts of one kind by one side share the side they address
            first = by_token.get(tok.head.i)
            if first is not None and first.type == ev.type and first.recipient \
                    and {a.country for a in first.actor} == {a.country for a in ev.actor}:
                ev.recipient = list(first.recipient)
        gov = governing(tok, triggers)
        if gov is None and ev.type in {"REQUEST", "ACCUSE"}:
            # "demonstrated in Kirkuk calling for independence": the protest's own demand
            gov = governing(tok, triggers, through_advcl=True)
            if gov is not None and gov[1] != "PROTEST":
                gov = None
        if gov is not None and gov[1] == "AGREE":
            # "refused to commit to any assistance", "urged X to pledge aid": a commitment that is
            # itself what is refused or asked passes its content up
            outer = governing(gov[0], triggers)
            if outer is not None and outer[1] in _CONTENT_OF:
                gov = outer
        if gov is not None:
            g_tok, g_type, dep = gov
            g_ev = by_token.get(g_tok.i)
            if g_type == "REJECT" and dep == "dobj" and tok.pos_ == "NOUN" and ev.type in {"REQUEST", "AGREE", "CONSULT"} \
                    and g_ev is not None and _own_author(ev, g_ev):
                out.append(ev)  # "rejected Washington's call for X": the call was made, then rejected
                continue
            if g_type in _CONTENT_OF or (g_type == "PROTEST" and ev.type in {"REQUEST", "ACCUSE"}):
                _lend_participants(g_ev, ev)
                if g_ev is not None and g_tok.lemma_.lower() == "order" and ev.type in {"SANCTION", "COERCE"}:
                    _retype(g_ev, "COERCE")  # "ordered the newspaper to suspend publication": enforced, not asked
                continue
            if g_type == "ACCUSE" and dep in {"pcomp", "pobj", "prep"}:
                continue  # "accused X of attacking Y": the attack is what is alleged
            if g_type == "ACCUSE" and dep == "dobj" and g_tok.lemma_.lower() == "blame":
                continue  # "blamed several recent attacks on militants": what is blamed, told as its reason
            if g_type == "CONSULT" and g_tok.lemma_.lower() in _TOPICAL and ev.type != "CONSULT" and dep != "conj":
                continue  # "discussed upgrading defense ties", "talks on a ceasefire": the topic of talks, not an act
            if g_type == "ACCUSE" and dep == "dobj" and g_ev is not None and not any(r.country for r in g_ev.recipient):
                # "condemned the shelling of Kherson by Russian forces": whoever did the condemned
                # act is the one condemned (the act itself still took place)
                own = {a.country for a in g_ev.actor if a.country}
                g_ev.recipient = [a for a in ev.actor if a.country and a.country not in own]
            if dep in {"dobj", "xcomp", "compound"} and (g_type == "SANCTION" or g_tok.lemma_.lower() in _STOPPING):
                continue  # "suspended aid deliveries", "prevented the demonstration": what is stopped
            if g_ev is not None and g_tok.lemma_.lower() in _DECIDING and dep == "xcomp" and ev.type != "AGREE":
                # "Japan decided to lift the sanctions": the decision is the act itself, not a
                # promise to someone; it is decided, so planned (the event guide's reading)
                if not ev.actor:
                    ev.actor = list(g_ev.actor)
                ev.status = "negated" if ev.status == "negated" else "planned"
                decided.add(id(g_ev))
                out.append(ev)
                continue
            promise = g_type == "AGREE" or (g_ev is not None and g_type in INTENT_TYPES and g_ev.status in _FUTURE)
            if promise and ev.type in _COMMITTABLE and g_ev is not None:
                # "agreed to lift the embargo", "vowed to fight": one commitment (or threat);
                # coercion offered to someone ("offered its troops to X to oust Y") stays an offer
                offered = bool(g_ev.recipient)
                _lend_participants(g_ev, ev)
                if ev.type in COERCIVE and not offered:
                    _retype(g_ev, "THREATEN")
                continue
        if ev.status == "negated" and ev.type in _REFUSABLE and _unwilling(tok):
            # "I am not ready to be repatriated", "Kenya is not willing to host more refugees":
            # a stated refusal of the act
            _retype(ev, "REJECT")
            ev.status = "occurred"
        elif ev.status == "negated" and (ev.type in {"CONCEDE", "AGREE"} or (ev.type == "SUPPORT" and tok.pos_ == "VERB"
                                        and tok.tag_ in {"VB", "VBP", "VBZ"} and not _future(tok)
                                        and any(c.dep_ == "neg" for c in children_of(tok)))):
            # "did not back down", "pleaded not guilty", "failed to reach a deal": a concession
            # or an agreement withheld is a refusal; "does not support the measure" opposes it
            _retype(ev, "REJECT")
            ev.status = "occurred"
        elif ev.status == "negated" and ev.type in _REFUSABLE and _future(tok):
            # "Syria will not accept more refugees": a stated refusal
            _retype(ev, "REJECT")
            ev.status = "planned"
        elif ev.status == "proposed" and ev.type in COERCIVE:
            # "efforts to impose sanctions", "calls to recall the ambassador": a measure put forward by
            # others, no threat made
            pass
        elif ev.status in _FUTURE and ev.type in COERCIVE and _aim(tok):
            # "conducts bombings, aiming to topple the government", "will go to great lengths to
            # silence its critics", "plotted to kill him": the goal of another act or a plot
            # told by others, neither an act done nor a threat anyone made
            continue
        elif ev.status in _FUTURE and ev.type in COERCIVE and not ev.actor and _agentless_passive(tok):
            # "school children will be abducted": a fear of what may be done, by nobody named; no threat
            continue
        elif ev.status in _FUTURE and ev.type in _COMMITTABLE:
            # "Israel will evacuate the settlements", "said it would impose a curfew": what is
            # asserted is the commitment; PLOVER codes it AGREE, or THREATEN for coercion
            _retype(ev, "THREATEN" if ev.type in COERCIVE or _conditional(tok) else "AGREE")
        out.append(ev)
    return [ev for ev in out if id(ev) not in decided]


def _own_author(content: Event, outer: Event) -> bool:
    """The content names its own maker, another than the one acting on it."""
    mine = {a.country for a in content.actor if a.country and a.span is not None}
    theirs = {a.country for a in outer.actor if a.country}
    return bool(mine) and not mine & theirs


def _future(tok: Token) -> bool:
    """"will not accept", and for a noun "will not begin talks": the verb that holds it."""
    verbs = [tok] + ([tok.head] if (tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "nsubjpass"})
                     or (tok.dep_ == "advcl" and infinitive(tok)) else [])  # "will not go to Moscow to meet him"
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for v in verbs for c in children_of(v))


def _unwilling(tok: Token) -> bool:
    """Under "not ready / willing / prepared to": "I am not ready to be repatriated"."""
    node = tok
    for _ in range(3):
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _WILLING:
            holder = node.head if node.dep_ == "acomp" else node
            return any(c.dep_ == "neg" for c in children_of(node) + children_of(holder))
    return False


def _agentless_passive(tok: Token) -> bool:
    """"children will be abducted": people it may be done to, in the passive, nobody doing it."""
    if not any(c.dep_ == "auxpass" for c in children_of(tok)) or any(c.dep_ == "agent" for c in children_of(tok)):
        return False
    return any(c.dep_ == "nsubjpass" and c.lemma_.lower() in _PERSONS for c in children_of(tok))


def _aim(tok: Token) -> bool:
    """A goal, not a commitment: the purpose clause of another verb ("went to X to silence
    them"), or what someone aims or plots to do."""
    if tok.dep_ == "advcl" and infinitive(tok) and tok.head.pos_ == "VERB":
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _AIMING


def _conditional(tok: Token) -> bool:
    """"will withdraw its force unless ...": an act held over the other side is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in children_of(c))
               for c in children_of(tok))


def _retype(ev: Event, kind: str) -> None:
    ev.type, ev.mode = kind, None
    ev.intensity, ev.cameo = score_of(kind, None)


def _lend_participants(into: Event | None, content: Event) -> None:
    """The governing act is aimed at whom its content is aimed at ("threatened to cut ties with Russia")."""
    if into is None or into.recipient or not content.recipient:
        return
    own = {a.country for a in into.actor if a.country}
    lent: list[Actor] = [a for a in content.recipient if a.country and a.country not in own]
    if lent:
        into.recipient = lent
