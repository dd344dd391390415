"""Who acts and who is acted on: a trigger's participants from the dependency parse."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from accord import words
from accord.actors.doc_index import children_of, sentence_end, sentence_of, sentence_start
from accord.actors.mentions import BODY_CODES, ActorIndex, gazetteer_of, relation_owner
from accord.coding.governed import infinitive
from accord.coding.lexicon import Trigger
from accord.model import Actor, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

_GROUP_WORDS = words.word_set("arguments", "group_words")
_NP_DEPS = {"compound", "amod", "appos", "poss", "nmod", "flat", "prep", "pobj", "conj"}
_PRIORITY = {"person": 0, "title": 1, "pronoun": 1, "group": 1, "org": 2, "country": 3, "place": 9}
_RECIPIENT_PREPS = words.word_set("arguments", "recipient_preps")
_NOT_PARTNERS = words.word_set("arguments", "not_partners")
_SCENE_PREPS = words.word_set("arguments", "scene_preps")
# acts about another act: whom they are aimed at may only show in what they are about
_ABOUT_AN_ACT = {"REQUEST", "THREATEN", "REJECT", "AGREE", "CONCEDE"}
_PROPOSALS = words.word_set("arguments", "proposals")
# acts whose unnamed side is where they move away from or into
_AWAY_FROM = {"RETREAT", "SANCTION", "MOBILIZE"}
_STANCES = words.word_set("arguments", "stances")
_HELPING_VERBS = words.word_set("arguments", "helping_verbs")
_FREEING = words.word_set("arguments", "freeing")
_SHARES = words.word_set("arguments", "shares")
_GIVEN_BACK = words.word_set("arguments", "given_back")
# acts imposed on someone: "sanctions on X", "restrictions on X"
_IMPOSED = {"SANCTION", "COERCE"}
# ... and acts that lift them: "lifted sanctions on X", "eased restrictions on X"
_ON_OBJECT = _IMPOSED | {"CONCEDE"}
# acts whose object is meant for someone: "aid for X", "suspended the aid programme for X"
_FOR_WHOM = {"AID", "SANCTION"}
_ABOUT_PREPS = words.word_set("arguments", "about_preps")
_AIMED_AT = words.word_set("arguments", "aimed_at")
_NOUN_AIMED = words.word_set_map("arguments", "noun_aimed")
_RAISING = words.word_set("arguments", "raising")
_COMMITMENTS = words.word_set("arguments", "commitments")
_HELPING = words.word_set("arguments", "helping")
LOCATION_NOUNS = words.word_set("arguments", "location_nouns")
_POSS_PATIENT = words.word_set("arguments", "poss_patient")
_STATIVE_PASSIVE = words.word_set("arguments", "stative_passive")
# acts done to someone, whose passive participle describes its patient
_DONE_TO = {"COERCE", "ASSAULT", "SANCTION", "ACCUSE", "RETREAT"}
_REPORTERS = words.word_set("speech", "reporters")
# mentions that name someone, never a predicate ("called X a traitor" has a predicate; "called X" not)
_NAMED_OBJECTS = {"person", "country", "org"}
# material acts: a reporting voice is not their author
_MATERIAL = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"}
_BREAKAWAY = words.word_set("arguments", "breakaway")


@dataclass(slots=True)
class Arguments:
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    explicit: bool = False  # a participant came from the trigger's own arguments
    directed: bool = False  # the recipient came from what the act is about: not a reciprocal act


def find_arguments(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event]) -> Arguments:
    args = Arguments()
    if tok.pos_ == "VERB":
        _verb_arguments(tok, trigger, index, prior, args)
    else:
        _noun_arguments(tok, trigger, index, prior, args)
    if not args.actor and tok.pos_ == "VERB":
        # "a report by the State Department said ...", "the ministry's statement accused ...":
        # a document speaks for whoever issued it
        for c in children_of(tok):
            if c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENTS:
                for x in c.subtree:  # the parser often hangs "by X" on the report's topic
                    if x.dep_ == "poss" and x.head is c:
                        _add(args.actor, x, index, prior, args, explicit=True)
                    elif x.dep_ == "prep" and x.lower_ in {"by", "from"}:
                        for p in children_of(x):
                            if p.dep_ == "pobj":
                                _add(args.actor, p, index, prior, args, explicit=True)
    if not args.actor:
        speaker = index.speaker(tok.i)
        # who reports an attack or a protest ("..., the military said") is not its author
        if speaker is not None and trigger.type not in _MATERIAL:
            args.actor.append(speaker)
    if not _named(args.recipient) and trigger.type in _ABOUT_AN_ACT:
        _proposer(tok, trigger, index, prior, args)
        if not _named(args.recipient):
            _complement_recipients(tok, trigger, index, prior, args)
        if trigger.type == "AGREE" and not _named(args.recipient):
            _agreed_where(tok, index, args)
        if trigger.type == "AGREE" and not _named(args.recipient):
            _promised_to_government(tok, index, args)
        if trigger.type == "THREATEN" and not _named(args.recipient):
            _condition_subject(tok, index, prior, args)
        args.directed = _named(args.recipient)
    if trigger.type == "AID" and not _named(args.recipient):
        _helped(tok, index, prior, args)
    if trigger.type == "RETREAT" and not args.recipient and tok.pos_ == "VERB" and tok.lemma_.lower() in _FREEING:
        _freed_people(tok, args)
    if trigger.type == "CONSULT" and trigger.mode == "third-party" and len(args.actor) < 2:
        _mediated_sides(tok, trigger, index, prior, args)
    if trigger.type == "MOBILIZE" and not args.actor and tok.pos_ == "VERB":
        # "troops were deployed to the border": the force that moves is the side that mobilizes
        for c in children_of(tok):
            if c.dep_ == "nsubjpass":
                _add(args.actor, c, index, prior, args, explicit=True)
    if trigger.type in _AWAY_FROM:
        # "withdrew its troops from Syria", "deployed its forces in X": the actor's own forces
        # are what moves, the place is whom it concerns
        own = {a.country for a in args.actor if a.country}
        moved = [c for c in children_of(tok) if c.dep_ == "dobj"]
        # the object's own words ("its troops", "Russian forces"), not whom its complement
        # names ("reduced military aid to the Colombian army")
        spans = [(m.left_edge.idx, m.idx + len(m.text)) for m in moved]
        args.recipient = [r for r in args.recipient if not (r.country in own and r.sector in {"MIL", None})
                          and not (r.sector == "MIL" and r.span is not None
                                   and any(a <= r.span.start < b for a, b in spans))]
        if trigger.type == "MOBILIZE" and not _named(args.recipient):
            _mobilized_against(tok, index, prior, args)
        if not _named(args.recipient):
            _place_recipient(tok, index, args, toward=trigger.type == "MOBILIZE",
                             back_to=trigger.type == "RETREAT" and tok.lemma_.lower() in _GIVEN_BACK)
    if trigger.type not in _AWAY_FROM and tok.pos_ == "VERB":
        _drop_own_forces(tok, args)
    if trigger.type in {"PROTEST", "REQUEST"} and not _named(args.recipient):
        _broken_away_from(tok, index, prior, args)
    if trigger.type == "ACCUSE" and not (args.directed and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _UNDERGOING):
        _complained_about(tok, index, prior, args)
        if tok.pos_ == "VERB" and not _named(args.recipient):
            # "the lawsuit alleged the government had prevented ...": whom the allegation is
            # about is the subject (or the agent) of what is alleged
            for c in children_of(tok):
                if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}:
                    doer = next((p for a in children_of(c) if a.dep_ == "agent" for p in children_of(a) if p.dep_ == "pobj"),
                                next((x for x in children_of(c) if x.dep_ in {"nsubj", "nsubjpass"}), None))
                    if doer is not None:
                        _add(args.recipient, doer, index, prior, args, explicit=True, only_named=True)
    if trigger.type == "ACCUSE" and tok.dep_ in {"xcomp", "acomp", "oprd"} and tok.head.lemma_.lower() in _STAND \
            and tok.tag_ == "VBN":
        # "the minister stands accused of bribery", "remains charged": the subject is the accused
        args.recipient = [a for a in args.actor] + [r for r in args.recipient if r.confidence > 0.4]
        args.actor = []
    if trigger.swap:
        args.actor, args.recipient = args.recipient, args.actor
    _fill_bilateral(args, index)
    # a side cannot act on itself (the same entity on both sides is a parse slip)
    own_sides = {(a.entity, a.country) for a in args.actor if a.entity}
    args.recipient = [r for r in args.recipient if (r.entity, r.country) not in own_sides or not r.entity]
    return args


def _verb_arguments(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    passive = any(c.dep_ == "auxpass" for c in children_of(tok)) or any(c.dep_ == "nsubjpass" for c in children_of(tok))
    for c in children_of(tok):
        if c.dep_ == "nsubj":
            _add(args.actor, _antecedent(c, tok, index), index, prior, args, explicit=True)
            for helper in _helpers(c) + _helpers(tok):  # the parser hangs "along with" on either
                _add(args.actor, helper, index, prior, args, explicit=True)
        elif c.dep_ == "agent":
            for p in children_of(c):
                if p.dep_ == "pobj":
                    _add(args.actor, p, index, prior, args, explicit=True)
        elif c.dep_ in {"dobj", "dative"} and not passive:
            if trigger.type == "CONSULT" and trigger.reciprocal and not trigger.object and index.at(c.i) is None:
                continue  # "discussed a visit of X to Y": the object of talks is their topic
            if trigger.type == "SUPPORT" and c.lemma_.lower() in _STANCES:
                # "reiterated Turkey's support for X": the stance's owner holds it; whom it is for
                # is X ("his support of X" when no "for" says it)
                preps = [p for p in children_of(c) if p.dep_ == "prep" and p.lower_ in {"for", "of"}]
                for p in [p for p in preps if p.lower_ == "for"] or preps:
                    _prep_any(p, index, prior, args)
                continue
            _add(args.recipient, c, index, prior, args, explicit=True, only_named=True)
        elif c.dep_ == "oprd" and not passive and (m := index.at(c.i)) is not None and m.kind in _NAMED_OBJECTS:
            # "Tillerson called Russian Foreign Minister Sergey Lavrov to discuss ...": the parser
            # reads a named object as a predicate ("called him a liar"); a name is no predicate
            _add(args.recipient, c, index, prior, args, explicit=True, only_named=True)
        elif c.dep_ in {"ccomp", "acomp"} and c.pos_ == "ADJ" and not passive:
            # "found X guilty": the parser makes X the subject of the predicate adjective
            for x in children_of(c):
                if x.dep_ == "nsubj":
                    _add(args.recipient, x, index, prior, args, explicit=True, only_named=True)
        elif c.dep_ == "nsubjpass" and tok.lemma_.lower() in _STATIVE_PASSIVE:
            _add(args.actor, c, index, prior, args, explicit=True)  # "X is committed to ...": X commits
        elif c.dep_ == "nsubjpass" and trigger.type == "RETREAT" and tok.lemma_.lower() not in _FREEING \
                and _armed(c, index, prior):
            # "Russian troops were withdrawn from Moldova", "rebels have been disarmed": forces pulled
            # back or disarmed are their own side's retreat, not its target (unlike people freed)
            _add(args.actor, c, index, prior, args, explicit=True)
        elif c.dep_ == "nsubjpass" and trigger.type in _DONE_TO | {"AID", "CONCEDE"}:
            _add(args.recipient, c, index, prior, args, explicit=True, only_named=True)
        elif c.dep_ in {"prep", "prt"} and (c.lower_ in _RECIPIENT_PREPS | {"on", "upon", "for", "between"}
                                            or (c.lower_ in _AIMED_AT and trigger.type == "ASSAULT")):
            if c.lower_ == "to" and trigger.type == "CONSULT" and _topic_before(tok, c, index):
                continue  # "discussed a visit of X to Y": "to Y" completes the topic, not the talks
            _prep(c, trigger, index, prior, args)
        elif c.dep_ == "prep" and c.lower_ in _NOUN_AIMED.get(trigger.type, ()) and not _where(c) \
                and any(d.dep_ == "dobj" and d.i < c.i for d in children_of(tok)):
            _prep_any(c, index, prior, args)  # "opened an investigation into X": the object's complement on the verb
    for c in children_of(tok):
        if c.dep_ in {"dobj"} and not (trigger.type == "CONSULT" and not trigger.object and index.at(c.i) is None):
            # "expressed gratitude to X" (the object's own complement), but not a topic of talks
            for p in _object_preps(c):
                if p.dep_ == "prep" and p.lower_ in _RECIPIENT_PREPS:
                    _prep(p, trigger, index, prior, args)
                elif p.dep_ == "prep" and p.lower_ == "between" and trigger.type == "CONSULT":
                    # "launched a mediation effort between X and Y": the sides brought together
                    _prep(p, trigger, index, prior, args)
                elif p.dep_ == "prep" and p.lower_ == "for" and trigger.type in _FOR_WHOM:
                    _prep_any(p, index, prior, args)  # "sent aid for Ukraine", "froze the programme for X"
                elif p.dep_ == "prep" and p.lower_ in {"on", "upon"} and trigger.type in _ON_OBJECT:
                    _prep_any(p, index, prior, args)  # "imposed sanctions on X", "lifted a ban on X"
                elif p.dep_ == "prep" and p.lower_ in _NOUN_AIMED.get(trigger.type, ()) and not _where(p):
                    _prep_any(p, index, prior, args)  # "launched airstrikes on X", "opened an investigation into X"
    if tok.tag_ == "VBN" and tok.dep_ in {"amod", "acl"} and trigger.type in _DONE_TO and not args.recipient:
        # "jailed publisher Jimmy Lai", "the girls kidnapped in Zamfara": the noun a passive
        # participle describes is whom it was done to
        _add(args.recipient, tok.head, index, prior, args, explicit=True, only_named=True)
    rootless = _rootless(tok)
    if rootless is not None and not args.actor:
        subj, obj = rootless
        _add(args.actor, subj, index, prior, args, explicit=True)
        if obj is not None and not args.recipient:
            _add(args.recipient, obj, index, prior, args, explicit=True, only_named=True)
    if not args.actor and not any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in children_of(tok)):
        # a clause with a subject of its own (even an unnamed one: "a bomb killed ...") does not
        # borrow the subject of the verb that reports it
        head = _governor(tok)
        if head is not None and trigger.type in _MATERIAL and head.lemma_.lower() in _REPORTERS \
                and not any(c.dep_ == "dobj" and c.lemma_.lower() in {"responsibility", "credit"} for c in children_of(head)):
            head = None  # "the reporter said forces ... deployed": who reports a deployment did not deploy
        if head is not None:
            for c in children_of(head):
                if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and head.lemma_.lower() in _RAISING):
                    _add(args.actor, _antecedent(c, head, index), index, prior, args, explicit=False)
                elif c.dep_ == "agent":
                    for p in children_of(c):
                        if p.dep_ == "pobj":
                            _add(args.actor, p, index, prior, args, explicit=False)


def _armed(tok: Token, index: ActorIndex, prior: list[Event]) -> bool:
    """The phrase names armed forces only (troops, rebels, guerrillas)."""
    found = _resolve(tok, index, prior, True)
    return bool(found) and all(a.sector in {"MIL", "REB"} for a, _ in found)


def _helped(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"announced assistance of 60 million euros to help people in Somalia", "provided $1
    billion to support Syrian refugees in Jordan": help given for a purpose goes to whom the
    purpose clause helps."""
    verbs = [tok]
    if tok.pos_ != "VERB" and tok.dep_ == "dobj":
        verbs.append(tok.head)
    for v in verbs:
        for c in children_of(v):
            if c.dep_ in {"advcl", "xcomp", "acl"} and infinitive(c) and c.lemma_.lower() in _HELPING_VERBS:
                for x in children_of(c):
                    if x.dep_ == "dobj":
                        _add(args.recipient, x, index, prior, args, explicit=True, only_named=True)
                if _named(args.recipient):
                    return


def _freed_people(tok: Token, args: Arguments) -> None:
    """"released at least 19 Christians", "let free some 74 political leaders": people a named
    side frees whom no country or name places are still whom the release is for; of the
    releasing state when it is one state, else of none said. (Not the passive: who freed them
    is then unsaid, and so is where.)"""
    freed = next((c for c in children_of(tok) if c.dep_ == "dobj"), None)
    if freed is None and tok.lemma_.lower() == "let":
        freed = next((x for c in children_of(tok) if c.dep_ in {"ccomp", "xcomp", "oprd"} for x in children_of(c)
                      if x.dep_ in {"nsubj", "dobj"}), None)
    if freed is None or freed.pos_ not in {"NOUN", "PROPN", "NUM"}:
        return
    head = freed
    if head.pos_ == "NUM" or head.lemma_.lower() in _SHARES:
        head = next((q for c in children_of(head) if c.dep_ == "prep" and c.lower_ == "of" for q in children_of(c)
                     if q.dep_ == "pobj"), head)
    sector = sector_word(head)
    if sector is None and not (head.tag_ in {"NNS", "NNPS"} and head.ent_type_ in {"NORP", ""}):
        return
    words = tok.doc[freed.left_edge.i:head.i + 1]
    countries = {a.country for a in args.actor if a.country and a.country not in BODY_CODES}
    country = countries.pop() if len(countries) == 1 else None
    args.recipient.append(Actor(words.text, country, sector or "CVL", None, None,
                                Span(words.start_char, words.end_char, words.text), 0.3,
                                "people freed, not placed" + ("; of the releasing state" if country else "")))


def _mediated_sides(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"launched a mediation effort to resolve the rift between Qatar and its neighbours",
    "mediation to prevent a war between X and Y": the sides a mediator brings together are
    named in what the mediation is for. The first "between" below the trigger, outside its
    subject, gives them."""
    subjects = {x.i for c in children_of(tok) if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree}
    for x in tok.subtree:
        if x.dep_ == "prep" and x.lower_ == "between" and x.i > tok.i and x.i not in subjects:
            _prep(x, trigger, index, prior, args)
            return


def _drop_own_forces(tok: Token, args: Arguments) -> None:
    """"contribute 4,000 troops to a force in Liberia", "sent its soldiers to Mali": the actor's
    own forces in the object are what it gives or moves, not whom the act is for, when the act
    names someone else."""
    own = {a.country for a in args.actor if a.country}
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in children_of(tok) if c.dep_ == "dobj"]

    def moved(r: Actor) -> bool:
        return r.sector == "MIL" and r.span is not None and any(a <= r.span.start < b for a, b in spans) \
            and (r.country in own or r.country is None or r.confidence <= 0.3)

    rest = [r for r in args.recipient if not moved(r)]
    if rest and len(rest) < len(args.recipient) and any(r.country for r in rest):
        args.recipient = rest


def _helpers(subj: Token) -> list[Token]:
    """Those the subject acts with: "soldiers, supported by clan militias and the U.S.
    military, are conducting operations", "the army, along with its allies, attacked": co-actors."""
    out: list[Token] = []
    for c in children_of(subj):
        if c.dep_ == "acl" and c.lemma_.lower() in _HELPING:
            out.extend(p for a in children_of(c) if a.dep_ == "agent" for p in children_of(a) if p.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ == "with" and any(a.lower_ in {"along", "together"} for a in c.lefts):
            out.extend(p for p in children_of(c) if p.dep_ == "pobj")
        elif c.lower_ in {"along", "together"} and c.dep_ in {"prep", "advmod"}:  # "with" hung on the adverb
            out.extend(p for w in children_of(c) if w.dep_ == "prep" and w.lower_ == "with"
                       for p in children_of(w) if p.dep_ == "pobj")
    return out


def _rootless(tok: Token) -> tuple[Token, Token | None] | None:
    """A sentence the parser read as one long noun phrase, its verb a modifier: "Russian
    President Boris Yeltsin on Saturday hosted Japanese Prime Minister Ryutaro Hashimoto"
    ("hosted" an adjective of "Minister"), "Doctors from two American aid groups donated ...".
    The noun phrase that heads the sentence is the subject; for a verb read as an adjective,
    the noun it modifies is the object. None when the sentence has a verb of its own."""
    root = sentence_of(tok).root
    if root.pos_ not in {"NOUN", "PROPN"} or root.i >= tok.i or tok.tag_ not in {"VBD", "VBN"} \
            or any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "auxpass"} for c in children_of(tok)):
        return None
    top = tok
    while top.dep_ == "conj" and top.head.pos_ == "VERB":
        top = top.head
    if top.dep_ == "amod" and top.i < top.head.i:
        obj = top.head
        while obj.dep_ in {"compound", "amod"} and obj.head.i > obj.i:
            obj = obj.head
        return root, obj
    verbs = [top] + [c for c in children_of(top) if c.dep_ == "conj" and c.pos_ == "VERB"]
    if top.dep_ == "acl" and any(c.dep_ in {"dobj", "dative"} for v in verbs for c in children_of(v)):
        return root, None  # an active verb with an object: no reduced relative ("goods donated by")
    return None


def _object_preps(obj: Token) -> list[Token]:
    """Prepositions completing an object, also through a measure or a partitive ("a package
    of sanctions against X", "aid worth $50 million to X")."""
    out, stack = [], [obj]
    while stack:
        t = stack.pop()
        for p in children_of(t):
            if p.dep_ != "prep":
                if p.dep_ == "amod" and p.lower_ == "worth":
                    stack.append(p)
                continue
            if p.lower_ == "of" and t is obj:
                stack.extend(x for x in children_of(p) if x.dep_ == "pobj")
            else:
                out.append(p)
    return out


def _noun_arguments(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    venues: set[str | None] = set()
    for c in children_of(tok):
        if c.dep_ == "poss" and tok.lemma_.lower() in _POSS_PATIENT:
            # "Navalny's arrest", "Lai's release": the possessor is whom it was done to
            _add(args.recipient, c, index, prior, args, explicit=True)
        elif c.dep_ == "poss":
            _add(args.actor, c, index, prior, args, explicit=True)
        elif c.dep_ == "prep" and c.lower_ == "of" and (trigger.type in _PATIENT_OF or tok.lemma_.lower() in _POSS_PATIENT):
            # "the invasion of Dagestan", "the arrest of X": what is done to whom
            _prep_any(c, index, prior, args)
        elif c.dep_ == "prep" and c.lower_ == "of" and trigger.type in _GIVEN_OF and _giver_before(tok, index):
            # "Turkey's military backing of the Libyan government", "Ankara's support of the
            # rebels": with the giver named before the noun, what follows "of" receives it
            _prep_any(c, index, prior, args)
        elif c.dep_ == "prep" and c.lower_ in {"of", "by"}:
            for p in children_of(c):
                if p.dep_ == "pobj" and not (c.lower_ == "of" and _moved_forces(tok, p, trigger, index, prior)):
                    _add(args.actor, p, index, prior, args, explicit=True, only_named=True)
        elif c.dep_ == "prep":
            _prep(c, trigger, index, prior, args)
        elif c.dep_ in {"amod", "compound", "nmod"} and (modifier := index.at(c.i)) is not None \
                and modifier.kind in {"country", "org", "person"}:
            if trigger.type == "CONSULT" and (_venue(modifier) or _met_at(tok)):
                venues.add(modifier.actor.country)
                continue  # "the Hanoi summit", "the Doha talks": where they met, not who
            _add(args.actor, c, index, prior, args, explicit=True)
        elif c.dep_ == "acl":
            for p in children_of(c):
                if p.dep_ == "agent":
                    for q in children_of(p):
                        _add(args.actor, q, index, prior, args, explicit=True)
                elif p.dep_ in {"prep", "dative"} and p.lower_ in _RECIPIENT_PREPS:
                    _prep(p, trigger, index, prior, args)
    commented = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _COMMENT_VERBS
    if not args.actor and commented:
        # "condemned the shelling of Kherson by Russian forces": the parser often hangs the
        # act's "by" on the verb; who comments on an act is not its author
        for c in children_of(tok.head):
            if c.dep_ == "prep" and c.lower_ == "by" and c.i > tok.i:
                _prep_any_into(c, args.actor, index, prior, args)
    if not args.recipient and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and not commented:
        # "provided donations to the Palestinians": the parser hangs the recipient on the verb
        for c in children_of(tok.head):
            if c.dep_ in {"prep", "dative"} and c.i > tok.i and c.lower_ in _RECIPIENT_PREPS | {"for"}:
                _prep(c, trigger, index, prior, args)
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _UNDERGOING:
        _undergone(tok, index, prior, args)
    held = _held_noun(tok)
    if not args.actor and held is not None and held.dep_ == "nsubjpass":
        # "the war game was staged by U.S. marines and Jordanian forces"
        for c in children_of(held.head):
            if c.dep_ == "agent":
                for p in children_of(c):
                    if p.dep_ == "pobj":
                        _add(args.actor, p, index, prior, args, explicit=True)
    if not args.actor and held is not None and held.dep_ in {"dobj", "attr"} and not commented:
        for c in children_of(held.head):
            if c.dep_ == "nsubj":
                _add(args.actor, c, index, prior, args, explicit=True)
    if not args.actor and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB" \
            and tok.head.head.lemma_.lower() not in _COMMENT_VERBS \
            and (tok.head.lower_ == "with" or (tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in _TAKING_PART
                 and trigger.type in {"AID", "COOPERATE", "CONSULT", "ASSAULT", "PROTEST", "MOBILIZE"})):
        # "Germany reinforced its commitment with a contribution of 56 million euros": the
        # subject acts by the means it is said to act with
        for c in children_of(tok.head.head):
            if c.dep_ == "nsubj":
                _add(args.actor, c, index, prior, args, explicit=True)
    if not args.actor and tok.dep_ in {"dobj", "attr"} and not commented:
        head = _governor(tok.head)
        if head is not None:
            for c in children_of(head):
                if c.dep_ == "nsubj":
                    _add(args.actor, c, index, prior, args, explicit=False)
    scene = tok.head.lower_ in _SCENE_PREPS or (tok.head.lower_ == "for" and trigger.type == "CONSULT")  # "came for talks"
    if not args.actor and tok.dep_ == "pobj" and scene and tok.head.head.pos_ in {"VERB", "AUX"}:
        # "X said during the videoconference with Y", "after talks with Y, X said": the one
        # who acts around the meeting took part in it
        for c in _subjects(tok.head.head, index):
            _add(args.actor, c, index, prior, args, explicit=False)
    if not args.recipient and tok.dep_ == "pobj" and tok.head.lower_ in {"including", "like", "such"}:
        # "support for Ukraine, including the delivery of ...": an instance of a larger act
        # is aimed where that act is
        outer = tok.head.head
        if outer.dep_ == "pobj" and outer.head.lower_ in {"for", "to"}:
            # the parser often hangs "including ..." on the last noun: "support for Kenya, including"
            _add(args.recipient, outer, index, prior, args, explicit=True, only_named=True)
        for c in children_of(outer):
            if c.dep_ == "prep" and c.lower_ in {"for", "to"}:
                for p in children_of(c):
                    if p.dep_ == "pobj":
                        _add(args.recipient, p, index, prior, args, explicit=True, only_named=True)
    if not args.recipient and trigger.mode == "visit" and tok.head.pos_ == "VERB":
        # "preparing the official visit of X to Ukraine": the parser often hangs "to Ukraine" on the verb
        for c in children_of(tok.head):
            if c.dep_ == "prep" and c.lower_ == "to" and c.i > tok.i:
                _prep(c, trigger, index, prior, args)
    if not args.actor and not args.recipient and trigger.reciprocal:
        group = _group(index, prior)
        if venues and all(a.reason == "document's main countries" for a in group):
            # the host of a summit named by its city is no side of it
            group = [Actor(c, c, None, None, None, None, 0.5, "document's main countries")
                     for c in index.main_countries if c not in venues][:2]
        args.actor.extend(group)


def _undergone(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"Iran's government faces criticism from the U.N.", "drew condemnation from Washington",
    "received aid from Japan": the subject undergoes the act that "from" (or "by") names the
    maker of, on the noun or, as the parser often hangs it, on the verb after the noun."""
    verb = tok.head
    preps = [c for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"from", "by"}]
    preps += [c for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "from" and c.i > tok.i]
    makers = Arguments()
    for prep in preps:
        _prep_any_into(prep, makers.actor, index, prior, makers)
    if not _named(makers.actor):
        return
    args.actor = makers.actor
    args.tokens.extend(makers.tokens)
    args.explicit = True
    for c in children_of(verb):
        if c.dep_ in {"nsubj", "nsubjpass"}:
            _add(args.recipient, _antecedent(c, verb, index), index, prior, args, explicit=True, only_named=True)
    args.directed = _named(args.recipient)


_UNDERGOING = words.word_set("arguments", "undergoing")
# acts whose noun names the giver before it and the receiver after "of"
_GIVEN_OF = {"AID", "SUPPORT"}


def _giver_before(tok: Token, index: ActorIndex) -> bool:
    return any(x.dep_ in {"poss", "compound", "amod", "nmod"} and (m := index.at(x.i)) is not None
               and m.kind in {"country", "org", "person"} for x in tok.lefts)


def _agreed_where(tok: Token, index: ActorIndex, args: Arguments) -> None:
    """"agreed to a ceasefire in eastern Ukraine", "agreed to extend the mandate of the force in
    Lebanon": an agreement on an act placed in another country concerns that country."""
    own = {a.country for a in args.actor if a.country}
    scopes = [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "to" for p in children_of(c) if p.dep_ == "pobj"]
    scopes += [c for c in children_of(tok) if c.dep_ == "xcomp"]
    for scope in scopes:
        for x in scope.subtree:
            m = index.at(x.i)
            if m is None or m.kind not in {"country", "place"} or not m.actor.country or m.actor.country in own \
                    or m.actor.country in BODY_CODES or not ((x.head.dep_ == "prep" and x.head.lower_ == "in")
                                                             or (x.head.head.dep_ == "prep" and x.head.head.lower_ == "in")):
                continue
            args.recipient.append(replace(m.actor, sector="CVL", reason="capital as a place: its people")
                                  if m.actor.reason == "capital as metonym" else m.actor)
            args.tokens.append(x.i)
            return


# sides that are no state: what they promise to do, they promise to their own state
_NON_STATE = {"OPP", "REB", "PTY", "CVL"}


def _promised_to_government(tok: Token, index: ActorIndex, args: Arguments) -> None:
    """"The opposition coalition agreed to postpone the demonstration", "the rebels agreed to
    free the hostages": a non-state side of one country that promises an act of its own, with
    no other side named, makes the promise to its government (low confidence, with the reason)."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "xcomp" and infinitive(c) for c in children_of(tok)):
        return
    countries = {a.country for a in args.actor if a.country}
    sectors = {a.sector for a in args.actor if a.country}
    if len(countries) != 1 or not sectors or not sectors <= _NON_STATE or countries & BODY_CODES:
        return
    (home,) = countries
    if any((m := index.at(x.i)) is not None and m.actor.country and m.actor.country != home
           for c in children_of(tok) if c.dep_ == "xcomp" for x in c.subtree):
        return  # "agreed to lay down their arms and join forces with the U.S.": another side is named
    args.recipient.append(Actor("government", home, "GOV", None, None, None, 0.35,
                                "a promise by a country's own people, party or rebels is made to its government"))


_STAND = words.word_set("arguments", "stand")


def _venue(m) -> bool:
    """Whether a name modifying a meeting noun is the city it is held in (a capital names a
    venue there, not a government)."""
    return m.kind == "place" or (m.kind == "country" and m.actor.reason == "capital as metonym")


_MEETING_VERBS = words.word_set("arguments", "meeting_verbs")


def _met_at(tok: Token) -> bool:
    """"Trump met with Kim at the Singapore summit": a meeting noun that is where the clause's
    subject met someone is named by its venue, even by a country name."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in {"at", "in", "on", "during"}:
        return False
    up = tok.head.head
    if up.dep_ == "pobj" and up.head.dep_ == "prep":
        up = up.head.head  # "met with Kim for the first time at the Singapore summit"
    return up.pos_ == "VERB" and up.lemma_.lower() in _MEETING_VERBS


_SENT = {"MOBILIZE", "AID", "RETREAT"}


def _moved_forces(tok: Token, pobj: Token, trigger: Trigger, index: ActorIndex, prior: list[Event]) -> bool:
    """"Nigeria announced the deployment of 230 troops": forces of no stated country in the "of"
    phrase of a deployment or withdrawal are what is moved, and the clause's subject moves them."""
    if trigger.type not in _SENT or (sector_word(pobj) not in {"MIL", "COP"} and pobj.lemma_.lower() not in _FORCE_WORDS):
        return False
    if any(a.country for a, _ in _resolve(pobj, index, prior, False)):
        return False
    held = _held_noun(tok)
    return held is not None and held.dep_ in {"dobj", "attr"} and any(c.dep_ == "nsubj" for c in children_of(held.head))


_FORCE_WORDS = words.word_set("arguments", "force_words")


DOCUMENTS = words.word_set("arguments", "documents")
_TAKING_PART = words.word_set("arguments", "taking_part")
_MEASURES = words.word_set("arguments", "measures")


def _held_noun(tok: Token) -> Token | None:
    """The noun phrase that stands in the clause for a trigger noun: the noun itself, or the
    measure that holds it ("began a new round of joint exercises", "announced an increase in
    funding")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in {"of", "in"} and tok.head.head.lemma_.lower() in _MEASURES:
        return tok.head.head
    return tok


def _complained_about(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"Lebanon complained to the United Nations over two Israeli air raids": the one
    complained about is the target; the body complained to only hears it."""
    about = Arguments(actor=args.actor)
    # "shared concerns over China's expansion": the "over" may hang on the act's object
    preps = [c for c in children_of(tok) if c.dep_ == "prep"]
    preps += [p for c in children_of(tok) if c.dep_ == "dobj" for p in children_of(c) if p.dep_ == "prep"]
    for c in preps:
        if c.lower_ in _ABOUT_PREPS:
            _prep_any(c, index, prior, about)
    own = {a.country for a in args.actor if a.country}
    found = [a for a in about.recipient if a.country and a.country not in own]
    if found:
        args.recipient = found
        args.tokens.extend(about.tokens)
        args.directed = True


def _broken_away_from(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"rioted ... demanding a referendum on independence from Indonesian rule", "protesters
    calling for secession from Sudan": a demand to break away is aimed at the state it would
    leave, not at whoever rules the demonstrators' streets. The first such "from" in what the
    act says (outside its subject) names it."""
    subjects = {x.i for c in children_of(tok) if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree}
    for x in tok.subtree:
        if x.dep_ == "prep" and x.lower_ == "from" and x.head.lemma_.lower() in _BREAKAWAY and x.i not in subjects:
            found = Arguments(actor=args.actor)
            _prep_any(x, index, prior, found)
            state = [a for a in found.recipient if a.country and a.country not in BODY_CODES]
            if state:
                args.recipient.extend(state)
                args.tokens.extend(found.tokens)
                args.explicit = True
            return


def _named(actors: list[Actor]) -> bool:
    return any(a.country for a in actors)


def _proposer(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """Who made what is refused or granted ("rejected calls by Belarus's rulers", "an offer from
    Kabul"), and whom a demand is put to ("demanded support from the assembly")."""
    heads = [tok] if trigger.type == "REQUEST" and tok.pos_ == "VERB" else []
    for c in children_of(tok):
        if c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in _PROPOSALS or trigger.type == "REQUEST"):
            heads.append(c)
            if c.lemma_.lower() in _PROPOSALS:
                for x in children_of(c):
                    if x.dep_ == "poss":
                        _add(args.recipient, x, index, prior, args, explicit=True, only_named=True)
    for h in heads:
        for x in children_of(h):
            if x.dep_ in {"prep", "agent"} and x.lower_ in {"by", "from"}:
                _prep_any(x, index, prior, args)
    if trigger.type in {"REJECT", "CONCEDE"} and not _named(args.recipient):
        # "reneged on his commitment to the Zambian people", "backed out of its deal with X":
        # whom the commitment given up was made to
        held = [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"on", "from", "of"}
                for p in children_of(c) if p.dep_ == "pobj"] + [c for c in children_of(tok) if c.dep_ == "dobj"]
        for h in held:
            if h.lemma_.lower() in _COMMITMENTS:
                for x in children_of(h):
                    if x.dep_ == "prep" and x.lower_ in {"to", "with"}:
                        _prep_any(x, index, prior, args)
    args.recipient = _other_side(args.recipient, args.actor)


def _other_side(recipients: list[Actor], actors: list[Actor]) -> list[Actor]:
    """Recipients that are not the acting side itself: a body of the actor's own country is
    another side when its sector differs ("the President threatened to ban opposition
    candidates", "the association demanded support from the national assembly")."""
    own = {(a.country, a.sector) for a in actors if a.country}
    own_countries = {c for c, _ in own}
    return [r for r in recipients if not r.country or r.country not in own_countries
            or (r.sector is not None and (r.country, r.sector) not in own)]


def _condition_subject(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"threatened to stop the talks if the United States goes ahead": the threat is held over
    whoever the condition is about."""
    for x in tok.subtree:
        if x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in children_of(x)):
            subj = next((s for s in children_of(x) if s.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                _add(args.recipient, subj, index, prior, args, explicit=True, only_named=True)
                args.recipient = _other_side(args.recipient, args.actor)
                if _named(args.recipient):
                    return


def _mobilized_against(tok: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    """"mobilized troops for the Gulf War against Iraq", "put forces on alert for an assault
    against X": a build-up is aimed at whom the act it prepares is against."""
    stack = [(c, 0) for c in children_of(tok) if c.dep_ in {"prep", "dobj", "advcl", "xcomp"}]
    while stack:
        t, depth = stack.pop()
        if t.dep_ == "prep" and t.lower_ == "against":
            _prep_any(t, index, prior, args)
            args.recipient = _other_side(args.recipient, args.actor)
            if _named(args.recipient):
                return
            continue
        if depth < 4:
            stack.extend((c, depth + 1) for c in children_of(t)
                         if c.dep_ in {"prep", "pobj", "dobj", "acl", "xcomp", "advcl", "relcl"})


def _place_recipient(tok: Token, index: ActorIndex, args: Arguments, *, toward: bool = False,
                     back_to: bool = False) -> None:
    """Withdrawing from, deploying in (or to) or cutting off a country acts on that country
    ("withdraw its troops from Lebanon", "strengthened its forces in Lebanon", "deployed troops
    to Poland"); what is given back goes to the country it is returned to ("returned the
    paintings to a museum in Poland", "repatriated the remains to Naples, Italy")."""
    own = {a.country for a in args.actor if a.country}
    heads = [tok] + [c for c in children_of(tok) if c.dep_ == "dobj"]
    # "remained on alert in southern Lebanon": the place hangs on the state the forces are in
    heads += [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "on" for p in children_of(c) if p.dep_ == "pobj"]
    preps = {"from", "in", "into", "out"} | ({"to", "toward", "towards", "near", "along"} if toward else set()) \
        | ({"to"} if back_to else set())
    found = [p for h in heads for p in children_of(h) if p.dep_ == "prep" and p.lower_ in preps]
    if back_to:
        # "returned vases that date back to 300 B.C. to Greece": the parser often hangs "to
        # Greece" on a modifier of what is returned
        found += [x for x in tok.subtree if x.dep_ == "prep" and x.lower_ == "to" and x.i > tok.i and x not in found]
    for p in found:
        if back_to and p.lower_ == "to":
            # "returned a pendant to Russian authorities in Moscow": a named receiver before its place
            named = [a for q in children_of(p) if q.dep_ == "pobj" for a, _ in _resolve(q, index, [], True, own)
                     if a.country and a.country not in own]
            if named:
                args.recipient = [a for a in args.recipient if a.country] + named[:1]
                return
        for t in p.subtree:
            m = index.at(t.i)
            if m is not None and m.kind in {"country", "place"} and m.actor.country and m.actor.country not in own:
                where = m.actor
                if p.lower_ == "in" and where.reason == "capital as metonym":
                    where = replace(where, sector="CVL", reason="capital as a place: its people")
                args.recipient = [a for a in args.recipient if a.country] + [where]
                args.tokens.append(t.i)
                return


def _antecedent(subj: Token, verb: Token, index: ActorIndex) -> Token:
    """A pronoun subject reported by a named one is that one ("Syria says it is willing to ...",
    "Annan announced that he will ...")."""
    if subj.pos_ != "PRON" or subj.lower_ not in {"it", "he", "she", "they"}:
        return subj
    m = index.at(subj.i)
    if m is not None and m.actor.country:
        return subj
    node = verb
    for _ in range(4):
        if node.dep_ not in {"ccomp", "xcomp", "acomp", "conj", "advcl"} or node.head.i == node.i:
            break
        node = node.head
        s = next((c for c in children_of(node) if c.dep_ == "nsubj"), None)
        if s is not None and s.pos_ != "PRON":
            return s
    return subj


def _complement_recipients(tok: Token, trigger: Trigger, index: ActorIndex, prior: list[Event],
                           args: Arguments) -> None:
    """Whom a request, threat, refusal or commitment is aimed at, from what it is about:
    "demanded that the US cancel ..." (the complement's subject is asked), "threatened to
    break relations with Russia" (the complement's own recipient)."""
    own = {a.country for a in args.actor if a.country}
    clauses = children_of(tok)
    if tok.pos_ != "VERB" and tok.dep_ == "dobj":
        clauses += [c for c in children_of(tok.head) if c.dep_ == "ccomp"]  # "its demand that Israel ease ..."
    for c in clauses:
        # "demanded that the government resign": the tagger sometimes takes the verb for a noun
        clause = c.pos_ in {"VERB", "AUX"} \
            or (c.dep_ == "ccomp" and any(x.dep_ in {"nsubj", "nsubjpass"} for x in children_of(c)))
        if not clause or not (c.dep_ in {"xcomp", "ccomp", "acl"} or (c.dep_ == "advcl" and infinitive(c))):
            continue
        subj = next((x for x in children_of(c) if x.dep_ in {"nsubj", "nsubjpass"}), None)
        if c.dep_ == "ccomp" and subj is not None:
            if trigger.type == "REQUEST":
                _add(args.recipient, subj, index, prior, args, explicit=True, only_named=True)
            continue  # another clause with a subject of its own: not the actor's act
        for x in children_of(c):
            if x.dep_ in {"dobj", "dative"}:
                _add(args.recipient, x, index, prior, args, explicit=True, only_named=True)
                # "willing to withdraw its troops": the actor's own forces are what it moves
                lo, hi = x.left_edge.idx, x.right_edge.idx + len(x.right_edge.text)
                args.recipient = [r for r in args.recipient if not (
                    r.sector == "MIL" and r.span is not None and lo <= r.span.start < hi
                    and (r.country in own or r.confidence <= 0.3))]
                for p in children_of(x):
                    if p.dep_ == "prep" and p.lower_ in _RECIPIENT_PREPS | {"on"}:
                        _prep_any(p, index, prior, args)
            elif x.dep_ == "ccomp" and c.lemma_.lower() in {"allow", "permit", "let"}:
                # "agreed to allow UN aid workers (expanded) access": whom it allows
                for subj in (y for y in children_of(x) if y.dep_ in {"nsubj", "nsubjpass"}):
                    _add(args.recipient, subj, index, prior, args, explicit=True, only_named=True)
            elif x.dep_ in {"prep", "dative"} and x.lower_ in _RECIPIENT_PREPS | {"on"}:
                _prep_any(x, index, prior, args)
        if not args.recipient:
            # "threatened to resume attacks in Israel": a foreign country the act is done in
            for x in c.subtree:
                m = index.at(x.i)
                if m is not None and m.kind == "country" and m.actor.country and m.actor.country not in own \
                        and x.head.dep_ == "prep" and x.head.lower_ == "in":
                    # a capital named as where the act is done is a place: its people, not its government
                    args.recipient.append(replace(m.actor, sector="CVL", reason="capital as a place: its people")
                                          if m.actor.reason == "capital as metonym" else m.actor)
                    args.tokens.append(x.i)
                    break
        args.recipient = _other_side(args.recipient, args.actor)
        if args.recipient:
            return


def _prep_any(prep: Token, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    _prep_any_into(prep, args.recipient, index, prior, args)


def _prep_any_into(prep: Token, into: list[Actor], index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    for p in children_of(prep):
        if p.dep_ == "pobj":
            _add(into, p, index, prior, args, explicit=True, only_named=True)


def _shared_objects(prep: Token) -> list[Token]:
    """A preposition's objects; for one left without its own that a conjunction follows
    ("established ties with and opened an embassy in Tehran", "trade with and investment in
    China"), the object of the next preposition that has one."""
    objects = [p for p in children_of(prep) if p.dep_ == "pobj"]
    doc = prep.doc
    if objects or prep.i + 1 >= len(doc) or doc[prep.i + 1].lower_ not in {"and", "or"}:
        return objects
    for t in doc[prep.i + 2:sentence_end(prep)]:
        if t.dep_ == "prep" and (found := [p for p in children_of(t) if p.dep_ == "pobj"]):
            return found
    return []


def _prep(prep: Token, trigger: Trigger, index: ActorIndex, prior: list[Event], args: Arguments) -> None:
    word = prep.lower_
    for p in _shared_objects(prep):
        if word == "between":
            _add(args.actor, p, index, prior, args, explicit=True, only_named=True)
        elif word in _RECIPIENT_PREPS or (word in {"on", "upon"} and (trigger.particle in {"on", "upon"}
                                                                     or trigger.type in _IMPOSED)) \
                or (word in _AIMED_AT and trigger.type == "ASSAULT") \
                or (word in _NOUN_AIMED.get(trigger.type, ()) and prep.head.pos_ == "NOUN" and not _where(prep)):
            # "fired missiles at ships", "launched strikes on Gaza": where the force lands
            # "cracked down on X", "clamped down on X": what is imposed lands on X
            _add(args.recipient, p, index, prior, args, explicit=True, only_named=True)
        elif word == "for" and (trigger.particle == "for" or trigger.type in _FOR_WHOM):
            _add(args.recipient, p, index, prior, args, explicit=True, only_named=True)


def _where(prep: Token) -> bool:
    """"on the Thai border", "at the front": a preposition that places an act, aimed at nobody."""
    return any(p.dep_ == "pobj" and p.lemma_.lower() in LOCATION_NOUNS for p in children_of(prep))


def _fill_bilateral(args: Arguments, index: ActorIndex) -> None:
    """In a report on two countries, an official of unstated nationality facing the other
    country's side belongs to the first ("Khalafov ... with his Ukrainian counterpart")."""
    pair = index.main_countries[:2]
    if len(pair) < 2:
        return
    for side, other in ((args.actor, args.recipient), (args.recipient, args.actor)):
        others = {a.country for a in other if a.country} | {a.country for a in side if a.country}
        if len(others) != 1 or not others <= set(pair):
            continue
        rest = next(c for c in pair if c not in others)
        for i, a in enumerate(side):
            if a.country is None and a.entity and a.sector in {"GOV", "LEG", "MIL"}:
                side[i] = replace(a, country=rest, confidence=min(a.confidence, 0.5),
                                  reason=f"{a.reason}; country: the other side of a {'-'.join(sorted(pair))} report")


def _topic_before(verb: Token, prep: Token, index: ActorIndex) -> bool:
    """A non-actor object between the verb and this preposition (the parser often hangs the
    object's own complement on the verb)."""
    return any(c.dep_ == "dobj" and c.i < prep.i and index.at(c.i) is None for c in children_of(verb))


def _subjects(verb: Token, index: ActorIndex) -> list[Token]:
    """A verb's subjects; when the parser attached none, a person named right before the verb
    ("..., deputy minister Khalaf Khalafov said"), which long coordinations often cause."""
    subj = [c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}]
    if subj or verb.i == 0:
        return subj
    prev = index.at(verb.i - 1)
    return [verb.doc[verb.i - 1]] if prev is not None and prev.kind in {"person", "title"} else []


def _governor(tok: Token) -> Token | None:
    """The verb whose subject a subjectless verb shares ("agreed to hold", "stressed ... and agreed")."""
    node = tok
    for _ in range(5):
        if node.dep_ not in {"xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "acl", "ccomp", "acomp"} \
                or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "agent"} for c in children_of(node)):
            return node
        if node.lemma_.lower() in _RAISING and any(c.dep_ == "nsubjpass" for c in children_of(node)):
            return node  # "Rubio is expected to meet ...": the passive subject is who meets
    return None


def actors_for(tok: Token, index: ActorIndex, prior: list[Event], exclude: Set[str] = frozenset()) -> list[Actor]:
    """The named actors a noun phrase stands for (its conjuncts, the actor inside it, its owner)."""
    return [actor for actor, _ in _resolve(tok, index, prior, True, exclude)]


def _add(into: list[Actor], tok: Token, index: ActorIndex, prior: list[Event], args: Arguments,
         *, explicit: bool, only_named: bool = False) -> None:
    found = _resolve(tok, index, prior, only_named, {a.country for a in args.actor if a.country})
    for actor, toks in found:
        if not any(a.span == actor.span and a.entity == actor.entity and a.country == actor.country for a in into):
            into.append(actor)
            args.tokens.extend(toks)
            args.explicit = args.explicit or explicit
            if into is args.recipient and tok.lemma_.lower() in _NOT_PARTNERS and actor.country:
                args.directed = True  # "agreed to US mediation": the mediator is the other side


def _resolve(tok: Token, index: ActorIndex, prior: list[Event], only_named: bool,
             exclude: Set[str] = frozenset()) -> list[tuple[Actor, list[int]]]:
    heads = _conjuncts(_relative_antecedent(tok, index))
    out: list[tuple[Actor, list[int]]] = []
    for head in heads:
        if head.lemma_.lower() in _NOT_PARTNERS and not _their_help(head, index):
            continue
        if (counsel := _counsel(head, index)) is not None:
            out.append((counsel, [head.i]))  # "Lai's legal team", "lawyers for Gachagua": not the client
            continue
        if (examples := _named_examples(head, index)):
            heads.extend(x for x in examples if x not in heads)
            continue  # "groups like Amnesty International": the groups the text names act
        m, inner = index.at(head.i), head
        if m is None and (doer := _act_possessor(head, index)) is not None:
            m, inner = index.at(doer.i), doer  # "Ankara's backing of the Libyan government": Ankara's act
        if m is None and (found := _best_within(head, index)) is not None:
            m, inner = found
            if inner.dep_ == "pobj":
                # "scores of Sierra Leonean and Liberian refugees": every conjunct inside is one
                heads.extend(x for x in _conjuncts(inner)[1:] if x not in heads)
        if m is None and (named := _definite_anaphor(head, index)) is not None:
            m, inner = named, head  # "the U.N. Security Council ... urged the council": the body named before
        if (m is None or not m.actor.country) and head.pos_ in {"NOUN", "PROPN"} \
                and (loyal := _loyal_to(head, index)) is not None:
            out.append((loyal, [head.i]))  # "forces loyal to Libyan commander Khalifa Hifter"
            continue
        follow = _follower_noun(inner, head) if m is not None and inner is not head and m.actor.country else None
        if follow is not None:
            assert m is not None  # a follower is only looked for with a mention
            out.append((_followers(follow, m.actor), [follow.i]))  # "(hundreds of) supporters of former President X"
            continue
        if m is None and (related := _related_party(head, index, only_named)) is not None:
            out.append((related, [head.left_edge.i, head.i]))  # "Berisha's opponents", "Syria's allies"
            continue
        if m is None and head.pos_ == "NOUN" and (led := _led_by(head, index)) is not None:
            out.append((led, [head.i]))  # "Vietnamese-led forces", "the US-led war"
            continue
        if m is not None:
            if m.kind == "place":
                continue
            toks = [head.left_edge.i, head.right_edge.i] if head is tok else [head.i]
            noun = inner
            while noun is not head and noun.dep_ in {"amod", "compound", "nmod"} and noun.head.i > noun.i:
                noun = noun.head  # "part of a Karen guerrilla stronghold": the noun the country word is on
            larger = _demonym_phrase(noun, m, index)
            # a place the words give beats a country taken from the report as a whole
            guessed = not m.actor.country or (m.kind == "group" and m.actor.confidence <= 0.4)
            if larger is None and guessed and m.kind in {"group", "title"} and head.pos_ == "NOUN":
                placed = _placed_group(head, index)  # "refugees fleeing the war in Liberia"
                larger = replace(m.actor, country=placed.country, confidence=placed.confidence,
                                 reason=placed.reason) if placed is not None else None
            if larger is not None:
                shared = _coordinated_countries(head, index) if m.kind == "country" else []
                if len(shared) > 1:  # "US and British forces": one side per country
                    out.extend((replace(larger, country=c, reason=f"{larger.reason}; one of coordinated countries"), toks)
                               for c in shared)
                else:
                    out.append((larger, toks))
                continue
            shared = _coordinated_countries(inner, index)
            if len(shared) > 1 and m.kind in {"title", "group", "org"}:
                # "Azerbaijani, Ukrainian Presidents", "US and Russian officials": one side per country
                out.extend((replace(m.actor, country=c, reason=f"{m.actor.reason}; one of coordinated countries"), toks)
                           for c in shared)
                continue
            if m.kind == "country" and m.actor.sector is None and m.actor.reason == "demonym" and inner.pos_ != "NOUN":
                # "Sierra Leonean and Liberian refugees": a bare adjective shares its conjunct's noun
                shared_noun = next((c for c in _conjuncts(inner)[1:] if c.pos_ == "NOUN" and sector_word(c)), None)
                if shared_noun is not None:
                    out.append((replace(m.actor, sector=sector_word(shared_noun),
                                        reason=f"demonym; shares '{shared_noun.text}' with its conjunct"), toks))
                    continue
            if len(m.countries) > 1:
                # a bilateral body ("the Joint Azerbaijan-Ukraine Commission") stands for both sides
                out.extend((replace(m.actor, country=c, reason=f"{m.actor.reason}; one of the sides it names"), toks)
                           for c in m.countries)
            else:
                out.append((m.actor, toks))
            continue
        placed = _placed_group(head, index) if head.pos_ == "NOUN" else None
        if placed is not None:
            out.append((placed, [head.i]))
            continue
        word = head.lemma_.lower()
        if word == "you" and (sp := index.speaker(head.i)) is not None:
            # "Thank you ..." in a quote: the addressee is the document's other main side
            other = [c for c in index.main_countries[:2] if c != sp.country]
            if other:
                out.append((Actor(head.text, other[0], "GOV", None, None, Span(head.idx, head.idx + len(head.text), head.text),
                                  0.5, "addressee of the quote"), [head.i]))
            continue
        if word in {"country", "state"} and any(d.lower_ in {"this", "that"} for d in children_of(head)):
            near = _recent_country(head, index, exclude)
            if near is not None:
                out.append((replace(near, text=head.text, span=Span(head.idx, head.idx + len(head.text), head.text),
                                    confidence=0.6, reason=f"'{head.text}' → {near.country}"), [head.i]))
            continue
        if word in {"they", "them"} and (plural := _plural_antecedent(head, index)) is not None:
            out.append((replace(plural, text=head.text, span=Span(head.idx, head.idx + len(head.text), head.text),
                                confidence=min(plural.confidence, 0.5), reason=f"pronoun → {plural.text}"), [head.i]))
            continue
        if not only_named or word in _GROUP_WORDS:
            if word in _GROUP_WORDS and head.tag_ in {"NNS", "NNPS"} and _qualified(head):
                # "warring parties", "protest leaders", "G7 foreign ministers": a group of its own, not
                # the report's sides; the text does not say whose
                left = min(c.left_edge.i for c in [head, *(c for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"})])
                words = head.doc[left:head.i + 1]
                out.append((Actor(words.text, None, sector_word(head), None, None,
                                  Span(words.start_char, words.end_char, words.text), 0.3, "group; whose is not said"),
                            [head.i]))
                continue
            if _body_before(head, index):
                continue  # "urge G7 foreign ministers" parsed as two objects: the body's ministers, named
            if (head.tag_ in {"NNS", "NNPS"} and word in _GROUP_WORDS) or word in {"they", "them", "both"} \
                    or any(d.lower_ in {"both", "two"} for d in children_of(head)):
                for a in _group(index, prior):
                    out.append((replace(a, text=head.text, span=Span(head.idx, head.idx + len(head.text), head.text),
                                        reason=f"group → {a.entity or a.country}"), [head.i]))
            elif word == "you" and (sp := index.speaker(head.i)) is not None:
                other = [c for c in index.main_countries[:2] if c != sp.country]
                if other:
                    out.append((Actor(head.text, other[0], "GOV", None, None, Span(head.idx, head.idx + 3, head.text), 0.5,
                                      "addressee of the quote"), [head.i]))
    return out


_DOMESTIC_OTHERS = words.word_set("arguments", "domestic_others")
_COMMENT_VERBS = words.word_set("speech", "commenting")
# acts whose noun takes its patient with "of" ("the shelling of Aleppo", "the expulsion of X")
_PATIENT_OF = {"ASSAULT", "COERCE", "SANCTION"}
# bodies whose own groups a sector noun names ("UN peacekeepers")
_GROUP_BODIES = BODY_CODES - {"MNC", "IMG", "ISM"}
_LOYAL = words.word_set("arguments", "loyal")
_FOLLOWERS = words.word_set("arguments", "followers")
_LED = words.word_set("arguments", "led")

_SECTOR_NOUNS = words.word_map("arguments", "sector_nouns")


def _demonym_phrase(head: Token, m, index: ActorIndex) -> Actor | None:
    """A country word modifying an unnamed noun ("two British soldiers", "Israeli army
    bulldozers", "Afghan rebel leaders"): the whole phrase is the actor, with the sector its
    words give (a modifier naming a group first: "rebel leaders" are rebels)."""
    body = m.kind == "org" and m.actor.country in _GROUP_BODIES  # "UN peacekeepers", "NATO troops"
    if not (m.kind == "country" or body) or index.at(head.i) is not None or head.pos_ != "NOUN" or len(m.countries) > 1:
        return None
    mods = [c for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    direct = [c for c in mods if m.start <= c.i < m.end]
    inner = [c for c in mods if any(m.start <= x.i < m.end for x in c.lefts if x.dep_ in {"amod", "compound"})]
    if not direct and not inner:
        return None
    words = [c for c in mods if c.i >= m.end and c.dep_ == "compound"] + [head]
    # "a Karen guerrilla stronghold": the modifier the country word hangs on names the group
    words = [x for c in inner for x in [*c.lefts, c] if x.dep_ == "compound" and x.i >= m.end] + words
    giver = next((w for w in words if sector_word(w)), None)
    if giver is None:
        return None
    sector = sector_word(giver)
    if body and sector == "GOV":
        return None  # "UN officials", "Red Cross officials": the body itself speaks
    doc = head.doc
    phrase = doc[m.start:head.i + 1]
    return Actor(phrase.text, m.actor.country, sector, None, None, Span(phrase.start_char, phrase.end_char, phrase.text),
                 min(m.actor.confidence, 0.7), f"{m.actor.reason}; group named by its country word ({giver.lemma_})")


def sector_word(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in _SECTOR_NOUNS:
        return _SECTOR_NOUNS[lemma]
    gaz = gazetteer_of(tok.doc)
    title = gaz.title(lemma) or gaz.title(tok.text)
    if title is not None and title.sector:
        return title.sector
    inst = gaz.institution(tok.text)
    return inst.sector if inst is not None and inst.country is None and inst.sector else None


def _placed_group(head: Token, index: ActorIndex) -> Actor | None:
    """An unnamed group placed in a country ("refugees fleeing the war in Liberia", "a
    peace-keeping force in Lebanon", "civilians in Baghdad"): the group, of that country."""
    sector = sector_word(head)
    if sector is None:
        return None
    stack = [(head, 0)]
    while stack:
        t, depth = stack.pop()
        for c in children_of(t):
            if depth >= 5 or c.dep_ not in {"acl", "relcl", "dobj", "prep", "pobj"} \
                    or (c.dep_ == "prep" and c.lower_ != "in" and not _based_with(c)):
                continue
            m = index.at(c.i)
            if c.dep_ == "pobj" and t.lower_ == "in" and m is not None and m.kind in {"country", "place"} \
                    and m.actor.country and len(m.countries) <= 1:
                doc = head.doc
                left = min([head.i] + [x.i for x in head.lefts if x.dep_ in {"amod", "compound", "det"}])
                phrase = doc[left:head.i + 1]
                return Actor(phrase.text, m.actor.country, sector, None, None,
                             Span(phrase.start_char, phrase.end_char, phrase.text), 0.5,
                             f"{head.lemma_} in {m.actor.text}: of the country it is in")
            if m is None or m.kind == "place":
                stack.append((c, depth + 1))
    return None


def _act_possessor(head: Token, index: ActorIndex) -> Token | None:
    """"criticized Ankara's backing of the Libyan government", "Egypt's treatment of
    journalists": an act noun with a named possessor and an "of" object is the possessor's act,
    so what is said about the act is aimed at the possessor, not at whom it was done to (not so
    for an act done to its possessor: "Navalny's arrest")."""
    if head.pos_ != "NOUN" or head.lemma_.lower() in _POSS_PATIENT \
            or not any(c.dep_ == "prep" and c.lower_ == "of" for c in children_of(head)):
        return None
    poss = next((c for c in children_of(head) if c.dep_ == "poss"), None)
    m = index.at(poss.i) if poss is not None else None
    if m is None or m.kind not in {"country", "org", "person"} or not m.actor.country:
        return None
    return poss


_COUNSEL = words.word_set("arguments", "counsel")


def _counsel(head: Token, index: ActorIndex) -> Actor | None:
    """"Jimmy Lai's international legal team", "lawyers for the former deputy president": a
    client's lawyers act for the client but are not the client; they are of the client's
    country, or an international team (PLOVER NGO) when the text calls them so."""
    word = head.lower_
    if word not in _COUNSEL or head.pos_ != "NOUN" or index.at(head.i) is not None:
        return None
    if word == "team" and not any(c.lower_ in {"legal", "defense", "defence"} for c in head.lefts):
        return None
    client = next((c for c in children_of(head) if c.dep_ == "poss"), None)
    if client is None:
        client = next((p for c in children_of(head) if c.dep_ == "prep" and c.lower_ in {"for", "representing"}
                       for p in children_of(c) if p.dep_ == "pobj"), None)
    m = index.at(client.i) if client is not None else None
    if m is None or not m.actor.country or m.kind not in {"person", "org", "group", "title"}:
        return None
    country = "NGO" if any(c.lower_ == "international" for c in head.lefts) else m.actor.country
    doc = head.doc
    left = min([head.i] + [c.left_edge.i for c in head.lefts])
    right = max([head.i] + [c.right_edge.i for c in head.rights if c.dep_ == "prep"])
    phrase = doc[left:right + 1]
    return Actor(phrase.text, country, None if country == "NGO" else "CVL", None, None,
                 Span(phrase.start_char, phrase.end_char, phrase.text), min(m.actor.confidence, 0.6),
                 f"lawyers of {m.actor.entity or m.actor.text}")


_EXAMPLE_KINDS = words.word_set("arguments", "example_kinds")


def _named_examples(head: Token, index: ActorIndex) -> list[Token]:
    """"groups like Amnesty International", "countries such as China and Russia": an unnamed
    plural kind with named examples stands for the examples (the text names no others)."""
    if head.tag_ not in {"NNS", "NNPS"} or head.lemma_.lower() not in _EXAMPLE_KINDS or index.at(head.i) is not None:
        return []
    for c in children_of(head):
        like = c.dep_ == "prep" and (c.lower_ == "like" or (c.lower_ == "as" and any(x.lower_ == "such" for x in children_of(c))))
        if not like:
            continue
        named = [p for x in children_of(c) if x.dep_ == "pobj" for p in _conjuncts(x)
                 if (m := index.at(p.i)) is not None and m.kind in {"country", "org", "person"} and m.actor.country]
        if named:
            return named
    return []


_BASES = words.word_set("arguments", "bases")


def _based_with(prep: Token) -> bool:
    """"militants with bases in Afghanistan": a group is of the country its bases are in."""
    return prep.lower_ == "with" and any(p.dep_ == "pobj" and (p.lemma_.lower() in _BASES or p.lower_ in _BASES
                                                               or p.lower_ == "bases") for p in children_of(prep))


def _their_help(head: Token, index: ActorIndex) -> bool:
    """"agreed to US mediation", "accepted Egyptian help": help named by its giver's country is
    an act of that side, so the giver is the other side (not so "with US support": a helper)."""
    if head.dep_ == "pobj" and head.head.lower_ == "with":
        return False
    for c in head.lefts:
        m = index.at(c.i)
        if c.dep_ in {"amod", "compound", "nmod", "poss"} and m is not None and m.kind in {"country", "org"} \
                and m.actor.country:
            return True
    return False


def _coordinated_countries(head: Token, index: ActorIndex) -> list[str]:
    """Countries of coordinated modifiers of one noun, in order ("Azerbaijani, Ukrainian Presidents")."""
    found: list[str] = []
    mods = [c for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    for mod in list(mods):
        mods.extend(c for c in children_of(mod) if c.dep_ == "conj")
    doc = head.doc
    if mods:
        # the parser often loses the first of a list ("Azerbaijani, Ukrainian Presidents"): walk
        # left over ", X" / "and X" while X is a country word
        i = min(m.i for m in mods) - 1
        while i >= 1 and doc[i].lower_ in {",", "and"} and _country_word(doc[i - 1]):
            mods.append(doc[i - 1])
            i -= 2
    for mod in sorted(mods, key=lambda t: t.i):
        code = _country_word(mod)
        if code and code not in found:
            found.append(code)
    return found


def _country_word(tok: Token) -> str | None:
    hit = gazetteer_of(tok.doc).country(tok.text) if tok.pos_ in {"PROPN", "ADJ", "NOUN"} else None
    return hit.code if hit is not None and not hit.ambiguous else None


def _recent_country(head: Token, index: ActorIndex, exclude: Set[str]) -> Actor | None:
    """"This country": the last country named before it that is not the acting side's."""
    for m in reversed(index.mentions):
        if m.end <= head.i and m.kind == "country" and m.actor.country and m.actor.country not in exclude:
            return m.actor
    return None


def _definite_anaphor(head: Token, index: ActorIndex):
    """"The council", "the court", "the agency" alone: the body named before in the document
    whose name ends with that noun ("the U.N. Security Council", "Kenya's High Court")."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" \
            or [c.lower_ for c in head.lefts] not in (["the"], ["this"], ["that"]):
        return None
    word = head.lemma_.lower()
    for m in reversed(index.mentions):
        if m.end > head.i or m.kind != "org" or not m.actor.country:
            continue
        name = (m.actor.entity or m.actor.text or "").lower().split()
        if name and name[-1] == word:
            words = head.doc[head.i - 1:head.i + 1]
            return replace(m, actor=replace(m.actor, text=words.text, span=Span(words.start_char, words.end_char, words.text),
                                            reason=f"{m.actor.reason}; '{words.text}' → {m.actor.entity or m.actor.text}"))
    return None


def _relative_antecedent(tok: Token, index: ActorIndex) -> Token:
    """"Porras, who was sanctioned by the EU", "the rebels, who attacked the town": a relative
    pronoun stands for the noun its clause describes."""
    if tok.lower_ not in {"who", "whom", "which", "that"} or tok.tag_ not in {"WP", "WDT"} or index.at(tok.i) is not None:
        return tok
    node = tok.head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "who was arrested and later sentenced"
    if node.dep_ != "relcl" or node.head.i == node.i or node.head.pos_ not in {"NOUN", "PROPN"}:
        return tok
    return node.head


def _conjuncts(tok: Token) -> list[Token]:
    """tok and every noun coordinated with it: the parser chains lists ("Iran, Libya, North
    Korea, Sudan": each hangs on the one before)."""
    out = [tok]
    for t in out:
        out.extend(c for c in children_of(t) if c.dep_ == "conj" and c not in out)
    return out


def _follower_noun(inner: Token, head: Token) -> Token | None:
    """A "supporters"-like noun on the way up from a name to the phrase that holds it."""
    t = inner
    for _ in range(8):
        if t is head or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_.lower() in _FOLLOWERS:
            return t
    return None


def _followers(head: Token, leader: Actor) -> Actor:
    """"Supporters of former President X", "followers of the cleric": a group of the leader's
    country whose sector follows the leader's standing (a former or opposition leader's
    supporters are opposition; a party's or rebel chief's are the party or the rebels)."""
    sector = {"ELI": "OPP", "OPP": "OPP", "PTY": "PTY", "REB": "REB", "REL": "REL"}.get(leader.sector or "", "CVL")
    doc = head.doc
    phrase = doc[min(head.i, head.left_edge.i):max(head.i, head.right_edge.i) + 1]
    return Actor(phrase.text, leader.country, sector, None, None, Span(phrase.start_char, phrase.end_char, phrase.text),
                 min(leader.confidence, 0.6), f"{head.lemma_.lower()}s of {leader.entity or leader.text}")


def _loyal_to(head: Token, index: ActorIndex) -> Actor | None:
    """"forces loyal to Libyan commander Khalifa Hifter", "militias allied to the government":
    a group named by whom it is loyal to is of that side's country; its own noun gives the
    sector ("forces" MIL), else the side's."""
    for mod in head.rights:
        if mod.dep_ != "amod" or mod.lemma_.lower() not in _LOYAL:
            continue
        for prep in children_of(mod):
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for p in children_of(prep):
                side = next((a for a, _ in _resolve(p, index, [], True) if a.country and a.country not in BODY_CODES), None) \
                    if p.dep_ == "pobj" else None
                if side is None:
                    continue
                doc = head.doc
                left = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in {"amod", "compound", "det", "nummod"}])
                phrase = doc[left:mod.right_edge.i + 1]
                return Actor(phrase.text, side.country, sector_word(head) or side.sector, None, None,
                             Span(phrase.start_char, phrase.end_char, phrase.text), min(side.confidence, 0.6),
                             f"{head.lemma_.lower()} {mod.lower_} to {side.entity or side.text}: of its country")
    return None


def _led_by(head: Token, index: ActorIndex) -> Actor | None:
    """"Vietnamese-led forces", "the US-backed government": the country that leads or backs a
    group acts through it; the head noun gives the sector when it names one."""
    for mod in head.lefts:
        if mod.dep_ != "amod" or mod.lemma_.lower() not in _LED:
            continue
        for c in mod.lefts:
            m = index.at(c.i)
            if m is not None and m.kind in {"country", "org"} and m.actor.country and len(m.countries) <= 1:
                doc = head.doc
                phrase = doc[c.i:head.i + 1]
                return Actor(phrase.text, m.actor.country, sector_word(head), None, None,
                             Span(phrase.start_char, phrase.end_char, phrase.text), min(m.actor.confidence, 0.7),
                             f"{m.actor.reason}; the group is {mod.text} by it")
    return None


def _related_party(head: Token, index: ActorIndex, only_named: bool) -> Actor | None:
    """"Berisha's opponents", "critics of the Maldives government": the opponents of a person or
    a national body are a group of its own country, in opposition; "Syria's allies", "Iran's proxies": another party than the
    country they are named by, whose own country the text does not say."""
    owner = next((x for x in head.subtree if relation_owner(x) and x.head in {head, *children_of(head)}), None)
    if owner is None:
        return None
    m = index.at(owner.i)
    doc = head.doc
    left = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in {"poss", "amod", "compound", "det"}])
    phrase = doc[left:head.i + 1]
    span = Span(phrase.start_char, phrase.end_char, phrase.text)
    if m is not None and m.kind not in {"country", "place"} and m.actor.country and m.actor.country not in BODY_CODES \
            and head.lemma_.lower() in _DOMESTIC_OTHERS:
        return Actor(phrase.text, m.actor.country, "OPP", None, None, span, 0.5,
                     f"{head.lemma_.lower()}s of {m.actor.entity or m.actor.text}: of its country")
    if only_named:
        return None
    return Actor(phrase.text, None, sector_word(head), None, None, span, 0.3,
                 f"another party than {owner.text}; whose is not said")


def _best_within(head: Token, index: ActorIndex):
    """The most specific actor inside a noun phrase ("the delegation of the Belarusian
    Parliament"), with the token it is found at."""
    best, best_rank = None, 99
    stack, seen = [head], {head.i}
    while stack:
        t = stack.pop()
        for c in children_of(t):
            if c.i in seen or c.dep_ not in _NP_DEPS or (c.dep_ == "prep" and c.lower_ not in {"of", "from", "by"}):
                continue
            if c.dep_ == "conj" or relation_owner(c):
                continue  # "Israel's militia ally": the ally is not Israel
            seen.add(c.i)
            m = index.at(c.i)
            if m is not None and _PRIORITY.get(m.kind, 9) < best_rank:
                best, best_rank = (m, c), _PRIORITY.get(m.kind, 9)
            stack.append(c)
    return best


_SIDES_MODIFIERS = words.word_set("arguments", "sides_modifiers")


def _qualified(head: Token) -> bool:
    """A group word narrowed by a modifier ("warring parties", "protest leaders", "like-minded
    governments", "G7 foreign ministers") names a group of its own, not the report's sides."""
    return head.pos_ == "NOUN" and any(c.dep_ in {"amod", "compound", "nmod"} and c.lower_ not in _SIDES_MODIFIERS
                                       for c in head.lefts)


def _body_before(head: Token, index: ActorIndex) -> bool:
    """Whether a group word's phrase follows right after a named body or state that the parser
    split from it ("G7 foreign ministers", "NATO defense chiefs" taken as two objects)."""
    i = head.left_edge.i - 1
    if i < 0 or head.pos_ != "NOUN":
        return False
    m = index.at(i)
    prev = head.doc[i]
    return m is not None and m.kind in {"org", "country"} and bool(m.actor.country) and m.end == i + 1 \
        and prev.head == head.head and prev.dep_ == head.dep_


def _plural_antecedent(pron: Token, index: ActorIndex) -> Actor | None:
    """"Protesters marched ... They demanded ...": "they" is the last plural group named in
    this or the previous sentence (a people, rebels, protesters), when there is one."""
    sent = sentence_of(pron)
    start = sent.start
    if start > 0:
        start = sentence_start(pron.doc[start - 1])
    for m in reversed(index.mentions):
        if m.end > pron.i or m.start < start:
            continue
        head = pron.doc[m.end - 1]
        if m.kind == "group" and head.tag_ in {"NNS", "NNPS"} and m.actor.country:
            return m.actor
        if m.kind == "country" and m.end - m.start == 1 and head.ent_type_ == "NORP" and head.pos_ in {"NOUN", "PROPN"} \
                and head.dep_ in {"nsubj", "pobj", "dobj", "conj"} and m.actor.country:
            # "Tens of thousands of Sudanese began protesting ... They demanded": a people named by its demonym
            return replace(m.actor, sector="CVL", reason=f"{m.actor.reason}; a people")
    return None


def _group(index: ActorIndex, prior: list[Event]) -> list[Actor]:
    """'The parties', 'both sides', 'the diplomats': the participants of the last meeting that
    took place (they are the ones a report calls "the parties"), else of the last two-sided
    event, else the document's two main countries."""
    two_sided = [ev for ev in prior if len({a.country for a in ev.actor + ev.recipient if a.country}) >= 2]
    met = [ev for ev in two_sided if ev.type == "CONSULT" and ev.status in {"occurred", "ongoing"}]
    talks = [ev for ev in met if not ev.recipient]  # a meeting of sides, not a visit with a host
    for ev in (talks or met or two_sided)[-1:]:
        return list(ev.actor + ev.recipient)
    return [Actor(c, c, None, None, None, None, 0.5, "document's main countries") for c in index.main_countries[:2]]
