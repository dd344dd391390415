"""From a parsed, actor-resolved document to PLOVER events.

One pass over the tokens finds triggers (``lexicon``); arguments come from the dependency
parse (``arguments``); status from modality (``status``); date and place from what hangs
off the trigger; mentions of one act within the document are merged at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from accord import words
from accord.actors.doc_index import children_of, column, sentence_of, sentence_start, text_of
from accord.actors.gazetteer import Gazetteer
from accord.actors.mentions import BODY_CODES, ActorIndex, gazetteer_of
from accord.coding.arguments import DOCUMENTS, LOCATION_NOUNS, Arguments, actors_for, find_arguments, sector_word
from accord.coding.contexts import contexts_for
from accord.coding.dating import after, attached_timex, date_of, frame_dates
from accord.coding.governed import apply_governance
from accord.coding.lexicon import Lexicon, Trigger
from accord.coding.merging import fold_one_act, lemma_family, merge_within_document
from accord.coding.reported import REPORTING_POS, reported_accusation
from accord.coding.scores import score_of
from accord.coding.second_opinion import Opinion
from accord.coding.sentences import Sentences
from accord.coding.signing import signing_of
from accord.coding.status import status_of
from accord.model import Actor, Document, Event, Place, Span, event_ids
from accord.timex import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from accord.model import Status

_PLACE_PREPS = words.word_set("events", "place_preps")
_WHERE = words.word_set("events", "where")
# acts whose unnamed side is placed where they happen (attacks, protests, crackdowns, easings)
_DOMESTIC = {"ASSAULT", "PROTEST", "COERCE", "CONCEDE", "ACCUSE"}
# acts whose unnamed beneficiaries ("released dozens of women", "rescued 190 passengers") are
# people of the country where they happen, as for domestic acts
_FOR_PEOPLE = {"RETREAT", "AID"}
# acts done to a place harm the people there
_HARMS = {"ASSAULT", "COERCE"}
_FACILITIES = words.word_set("events", "facilities")
_STATING = words.word_set("speech", "stating")
_OBLIGATION = words.word_set("modality", "obligation_modals")
_VOWING_AUX = words.word_set("modality", "future_or_conditional")
_WARNING_AUX = words.word_set("modality", "warning_auxiliaries")
_ADVISING = words.word_set("speech", "advising")
# (joined once: asked of every verb by ``_obliges``)
_STATING_OR_ADVISING = _STATING | _ADVISING
_PARTITIVE = words.word_set("events", "partitive")
_PLACE_NOUNS = words.word_set("events", "place_nouns")
# verbal acts whose object may be a thing rather than an actor ("rejected the referendum")
_AT_THINGS = {"ACCUSE", "REJECT", "SUPPORT"}
# acts aimed at the government when a country's own people perform them
_TO_GOVERNMENT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"}
_GOVERNED_BY_OWN = {"CVL", "OPP", "REB", "EDU", "MED", "JRN", "REL", "REF", "PTY", "BUS", "ELI"}
# acts of a state that, in a bilateral report, are aimed at the other state
_TOWARD_OTHER = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "AID", "CONCEDE", "RETREAT", "AGREE"}
_STATE_SIDES = {None, "GOV", "LEG", "MIL", "JUD", "SPY"}
# sectors of armed forces
_ARMED = {"MIL", "REB", "COP", "UAF"}
_DANGERS = words.word_set("events", "dangers")
_POSING = words.word_set("events", "posing")
_ASKING = words.word_set("speech", "asking")
_ARMAMENTS = words.word_set("events", "armaments")
# material acts a quoted source reports without naming who did them to whom: they are kept,
# with no side (the source is not their author)
_SIDELESS = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"}
_WEAPONS = words.word_set("events", "weapons")
# speakers whose opinions are no demands of a side
_COMMENTATORS = {"EDU", "JRN", "CVL", "MED"}
# acts whose unnamed doer the report lets one infer from whom they were done to
_DONE_BY_THE_STATE = {"COERCE", "SANCTION", "ASSAULT"}
_PEOPLE = words.word_set("events", "people")
_REPORTING = words.word_set("speech", "reporting_not_doing")
_FREEING = words.word_set("events", "freeing")
_BLASTS = words.word_set("events", "blasts")
_PROPOSALS = words.word_set("events", "proposals")
_QUESTIONING = words.word_set("speech", "questioning")
_LABELS = words.word_set("events", "labels")
_TRAVEL = words.word_set("events", "travel")
_NOT_VISITORS = {"MIL", "CVL", "REF", "REB", "UAF", "BUS", "COP"}
_CONDEMNED_ACTS = words.word_set("events", "condemned_acts")
_OWNER_SECTORS = words.word_map("events", "owner_sectors")
# entity types that name no side ("on Tuesday", "on 5 percent")
_NOT_SIDES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE"}
_AIMED_PREPS = words.word_set("events", "aimed_preps")
# appeals and warnings a state may address to private people
_ADDRESSED = {"REQUEST", "THREATEN"}
_PRIVATE = {"CVL", "BUS", "REF"}
_TRADE = words.word_set("events", "trade")
_PRIVATE_WORDS = words.word_set("events", "private_words")
_CLAIMS = words.word_set("events", "claims")
# _whose_thing reads _MEASURES, the measures that hold over a place (defined further down):
# a list of government measures once written here was rebound by that one at import and never read
# how many sentences back the claim a denial answers may have been reported
_CLAIM_WINDOW = 12
_BODY_ADJECTIVES = words.word_map("events", "body_adjectives")
# groups within a country that press its government: "criminal groups", "rebels", "protesters"
_HOME_GROUPS = {"REB", "UAF", "CVL", "OPP", "CRM"}
_THROUGH = words.word_set_map("events", "through")
_STATE_NAMES = {"country name", "capital as metonym", "seat of power"}
_CHARGING = words.word_set("events", "charging")
# how many sentences back a denial or refusal may answer another state's charge or request
_ANSWER_WINDOW = 3
# how many sentences back the other state of a two-state report must have been named for an
# act with no stated target to be aimed at it
_PAIR_WINDOW = 2
# acts done by speaking: only a side (or a document that speaks for one) performs them
_SPOKEN = {"REQUEST", "REJECT", "CONCEDE", "ACCUSE", "AGREE", "SUPPORT", "THREATEN"}
_MUTE_THINGS = words.word_set("events", "mute_things")
_REMOTE = words.word_set("events", "remote")


def code_document(doc: Doc, document: Document, index: ActorIndex, timexes: list[Timex],
                  lexicon: Lexicon, gaz: Gazetteer, opinion: Callable[[Token], Trigger | None] | None = None) -> list[Event]:
    """Events of one parsed document. ``opinion`` is a second opinion asked about a word the
    lexicon does not know (see ``second_opinion``); None asks nobody."""
    events: list[Event] = []
    # id(event) -> (trigger lemma family, object lemma, sentence start, trigger token, object token) for merging
    keys: dict[int, tuple[str, str, int, Token, Token | None]] = {}
    consumed: set[int] = set()
    thanked: dict[int, list[Actor]] = {}  # token of a "thank X for <token>" reason -> X
    triggers: dict[int, str] = {}  # token -> type of every matched trigger (emitted or not)
    at: dict[int, int] = {}  # id(event) -> trigger token
    by_token: dict[int, Event] = {}  # trigger (and object) token -> event
    sentence_contexts: dict[int, frozenset[str]] = {}  # sentence start -> its contexts (``contexts_for``)
    # a word can start an event only with one of these parts of speech (``_match``,
    # ``reported_accusation``, and the second opinion, which asks only verbs): the rest are
    # passed over on the doc's table of them, with no Token built (an opinion of another
    # kind is asked of every word)
    wanted = _CANDIDATE_POS if opinion is None or isinstance(opinion, Opinion) else None
    for i, pos in enumerate(column(doc, "pos")):
        if (wanted is not None and pos not in wanted) or i in consumed:
            continue
        tok = doc[i]
        trig = _match(tok, lexicon)
        said = reported_accusation(tok, lexicon.accusatory) if trig is None else None
        if said is not None and said.ally is not None and not _armed_group(said.ally, index):
            said = None  # "said the firms were linked to the ministry": a tie, no wrong alleged
        if said is not None and said.monitor and not _monitor(tok, index):
            said = None  # "police said two men were detained": a report of the act, nobody accused
        if said is not None:
            trig = Trigger(lemma=tok.lemma_.lower(), type="ACCUSE"), None
            if not said.monitor:
                consumed.add(said.word.i)  # the abuse reported is an act of its own
        if trig is None and opinion is not None and (guess := opinion(tok)) is not None:
            trig = guess, None
        if trig is None:
            continue
        trigger, obj = trig
        if trigger.type == "MOBILIZE" and _peacekeeping(tok):
            # "Nigeria sent 230 troops to Liberia on a peacekeeping mission": troops sent to keep
            # the peace are help given (PLOVER AID), not a build-up against anyone
            trigger = replace(trigger, type="AID", mode=None)
        if trigger.type == "AGREE" and _agreed_with_thing(tok):
            # "they agree with the removal of the deputy president": an opinion shared, the
            # endorsement of a decision (PLOVER SUPPORT), not an agreement reached with anyone
            trigger = replace(trigger, type="SUPPORT", reciprocal=False)
        triggers[tok.i] = trigger.type
        if obj is not None:
            consumed.add(obj.i)
            triggers[obj.i] = trigger.type
        args = find_arguments(tok, trigger, index, events)
        if trigger.type == "ASSAULT" and _among_victims(tok) and args.actor and not args.recipient:
            # "five passengers were among those killed in the attack": the subject is the victims
            args.actor, args.recipient = [], args.actor
        elif trigger.type == "ASSAULT" and _reduced_passive(tok) and not args.recipient:
            # "270 schoolgirls kidnapped in Zamfara state were freed": the noun is whom it was done
            # to; with no "by", whoever speaks or acts in the clause around did not do it
            victims = [a for a in actors_for(tok.head, index, events) if a.country]
            where = _scene(tok, index, gaz) if not victims and (tok.head.lemma_.lower() in _PEOPLE
                                                                or sector_word(tok.head)) else None
            if where is not None and where.country not in BODY_CODES:
                # unplaced people ("schoolgirls kidnapped in Zamfara state"): of the place it happened
                words = tok.doc[min(t.i for t in tok.head.subtree if t.i <= tok.head.i):tok.head.i + 1]
                victims = [Actor(words.text, where.country, sector_word(tok.head) or "CVL", None, None,
                                 Span(words.start_char, words.end_char, words.text), 0.4,
                                 f"{where.reason}; people it was done to, where it happened")]
            if victims:
                args.actor, args.recipient = [], victims
        held = _participle_head(tok) if trigger.type == "SUPPORT" and tok.tag_ == "VBN" else None
        if held is not None:
            backed = actors_for(held, index, events)
            if any(a.sector in _ARMED for a in backed) and any(a.sector in _ARMED for a in args.actor):
                # "government soldiers, backed by African Union troops": forces fighting
                # together, military cooperation (PLOVER COOPERATE), not a statement of support
                trigger = replace(trigger, type="COOPERATE", mode="military", reciprocal=True)
                args.actor, args.recipient, args.directed = _dedupe(backed + args.actor), [], False
        if said is not None:
            # the accused is whom the report is about, not the one it is told to
            own = {a.country for a in args.actor if a.country}
            if said.source is not None:
                # "according to prosecutors": the source accuses, not the subject of the clause
                args.actor = actors_for(said.source, index, events)
                own = {a.country for a in args.actor if a.country}
            args.recipient = actors_for(said.target, index, events, own) if said.target is not None else []
            if said.ally is not None:
                # "said the groups were aligned with Islamic State": the group they serve is accused too
                args.recipient = _dedupe(args.recipient + actors_for(said.ally, index, events, own))
            args.tokens += [said.word.i] + ([said.target.i] if said.target is not None else [])
            if said.word.lemma_.lower() in _DANGERS and (not any(r.country for r in args.recipient)
                                                         or said.word.head.lemma_.lower() not in _POSING):
                continue  # "the virus poses a threat", "Algeria faces a threat": nobody accused
        reason_of = _reason_for_thanks(tok, thanked)
        if reason_of is not None and trigger.type == "SUPPORT":
            continue  # "thanked X for its support": the thanks is the act, the support its reason
        if _background_gerund(tok) or _asked_about(tok) or _condition_of(tok):
            continue
        if trigger.mode == "visit" and tok.pos_ == "VERB" and not any(a.country for a in args.recipient) \
                and any(c.dep_ == "dobj" and ((dobj_mention := index.at(c.i)) is None or dobj_mention.kind == "place"
                                              or not dobj_mention.actor.country) for c in children_of(tok)):
            continue  # "visited the Alley of Honour": a visit to a place, not to a counterpart
        if reason_of is not None and not args.actor:
            # "thanked Azerbaijan for humanitarian assistance provided to Ukraine": the thanked
            # side is the one that gave it
            args.actor = list(reason_of)
        named = any(a.country for a in args.actor) and any(a.country for a in args.recipient)
        scene = _scene(tok, index, gaz) if trigger.type in _DOMESTIC and not named else None
        if not any(a.country for a in args.actor) and scene is not None and trigger.type in {"ASSAULT", "PROTEST"} \
                and (tok.pos_ == "VERB" or args.recipient):
            # "a roadside bomb near Samarra killed ...", "prisoners rioted in Dili": unnamed
            # attackers or protesters are placed in the country where it happened
            # (PLOVER: unidentified armed forces, or the people of the place for a protest)
            args.actor = [replace(a, country=scene.country, confidence=0.4,
                                  reason=f"{scene.reason}; unnamed side of an act there")
                          for a in args.actor] or [replace(scene, sector="UAF" if trigger.type == "ASSAULT" else "CVL",
                                                           reason=f"{scene.reason}; unnamed side of an act there",
                                                           **_doer_words(tok))]
        if not args.actor and not args.recipient and not (trigger.type in _SIDELESS and tok.pos_ == "VERB"
                                                          and (index.speaker(tok.i) is not None or _reported(tok))) \
                and not _people_saved(tok, trigger, index) and not _weapon_struck(tok, trigger):
            continue
        if _implausible(tok, trigger, args):
            continue
        if tok.pos_ == "NOUN" and not trigger.eventive and not args.explicit:
            continue  # background noun ("ongoing aggression") with no stated participant
        # the lexicon checks every status it loads against STATUSES
        status = cast("Status", trigger.status or status_of(tok, lexicon))
        if obj is not None and any(c.dep_ == "neg" for c in children_of(obj)):
            status = "negated"  # "pleaded not guilty": the negation sits on the completing word
        timex = attached_timex(tok, timexes, obj)
        date, reason = date_of(timex, status, document, tok)
        if reason_of is not None and timex is None:
            # what someone is thanked for happened before the report: the text does not say when
            date, reason = None, "no date in text (reason for thanks)"
        if date is not None and status == "occurred" and date.source == "text" and document.published \
                and after(date, document.published):
            status = "planned"
        span = _mention_span(tok, args, obj)
        actors, recipients = args.actor, args.recipient
        location = _place(tok, obj, gaz, index)
        mode = trigger.mode or (_mode_from_words(tok, obj) if trigger.type == "CONSULT" else None)
        if trigger.type == "CONSULT" and mode in (None, "visit"):
            # a meeting still to come ("they would meet the UN mediator") is a commitment made by
            # its subject to the one named (PLOVER AGREE, directed): its sides stay apart
            together = trigger.reciprocal and not (status in {"planned", "proposed"} and tok.pos_ == "VERB"
                                                   and any(a.country for a in recipients))
            actors, recipients, mode = _visit_by_place(actors, recipients, location, mode, together)
        elif trigger.reciprocal and not args.directed and trigger.type == "ASSAULT":
            # "X clashed with Y", "fighting between X and Y": the first named side is the actor
            # and the other the target, as for any attack (the guide's sides are directed here)
            if not (actors and recipients):
                everyone = _dedupe(actors + recipients)
                actors, recipients = everyone[:1], everyone[1:]
        elif trigger.reciprocal and not args.directed:
            actors, recipients = _dedupe(actors + recipients), []
        elif not any(r.country for r in recipients) \
                and (trigger.type in _DOMESTIC or _owned_thing(tok, obj, trigger)
                     or (trigger.type in _FOR_PEOPLE and _person_patient(tok))) \
                and (trigger.type != "ACCUSE" or trigger.mode == "investigate"):
            recipients = _home_target(tok, obj, trigger, actors, recipients, scene, index, gaz) or recipients
        if trigger.type in _HARMS:
            recipients = [_people_of_place(r, gaz) for r in recipients]
        # "testing a Russian weapon system": the maker of a weapon is no side of what is done with it
        recipients = [r for r in recipients if r.span is None or not _maker_of_weapon(
            tok.doc.char_span(r.span.start, r.span.end, alignment_mode="expand"))] if recipients else recipients
        if trigger.type == "ACCUSE" and not any(r.country for r in recipients):
            # "condemned the attack (by Z)": the one accused is who attacked
            recipients = _doers_of_condemned(tok, actors, index, events) or recipients
        if not any(r.country for r in recipients) and not (trigger.reciprocal and not args.directed) \
                and trigger.type != "CONSULT":
            thing = _thing_aimed_at(tok, obj, trigger, index) if not recipients else None
            # a target named but unplaced ("urged the warring parties") is not the other state of the report
            implied = _through_object(tok, trigger, actors, index, events) \
                or _own_people_addressed(tok, trigger, actors, index) or \
                _implied_recipient(trigger, actors, tok, index, events, target_named=thing is not None or bool(recipients))
            if thing is not None:
                # "rejected the referendum", "condemned the attack": what the act is aimed at is
                # named; whose it is comes from its words ("China's plan", "the congressional
                # move"), else from the inference, when there is one
                owner = _owner_of(tok, index) or _whose_thing(tok, actors, index, events, implied)
                who = owner or (implied[0] if implied else None)
                recipients = [Actor(thing.text, who.country if who else None, who.sector if who else None, None, None,
                                    thing, min(who.confidence, 0.35) if who else 0.2,
                                    f"what the act is aimed at; its owner: {who.reason}" if who
                                    else "what the act is aimed at; its owner is not named")]
            else:
                recipients = implied or recipients
        if trigger.type in {"REJECT", "CONCEDE"} and tok.lemma_.lower() == "plead":
            # "pleaded (not) guilty": the plea answers the charges, brought by the last accuser
            accuser = _last_accuser(tok, actors, events, "who brought the charges pleaded to")
            recipients = [accuser] if accuser is not None else recipients
        if not any(a.country for a in actors) and trigger.type in _BY_FORCES:
            actors = _reporting_force(tok, index, events) or actors
        if not any(a.country for a in actors) and trigger.type in _DONE_BY_THE_STATE:
            actors = _unnamed_doer(trigger, recipients) or actors
        if not any(a.country for a in actors) and trigger.type == "ACCUSE" and tok.lemma_.lower() in _CHARGING:
            actors = _prosecution(tok, recipients, index) or actors
        ev = Event(
            type=trigger.type, doc_id=document.id, mentions=[span],
            trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text), mode=mode,
            actor=actors, recipient=recipients, status=status, date=date, date_reason=reason,
            location=location, contexts=contexts_for(sentence_of(tok), trigger.type, sentence_contexts),
        )
        ev.intensity, ev.cameo = score_of(ev.type, ev.mode)
        keys[id(ev)] = (lemma_family(tok), obj.lemma_.lower() if obj is not None else "", sentence_start(tok), tok, obj)
        at[id(ev)] = tok.i
        by_token[tok.i] = ev
        if obj is not None:
            by_token[obj.i] = ev
        if trigger.type == "SUPPORT" and ev.recipient:
            for c in children_of(tok):
                if c.dep_ == "prep" and c.lower_ == "for":
                    thanked[c.i] = list(ev.recipient)
            if obj is not None:
                for c in children_of(obj):
                    if c.dep_ == "prep" and c.lower_ == "for":
                        thanked[c.i] = list(ev.recipient)
        events.append(ev)
    events = apply_governance(events, doc, at, triggers, by_token)
    events = fold_one_act(events, doc, at)
    frame_dates(events)
    merged = merge_within_document(events, keys)
    sentences = Sentences(doc, document)
    for ev, event_id in zip(merged, event_ids(document.id, merged), strict=True):
        ev.id = event_id
        ev.sentence = sentences.of(ev.mentions[0] if ev.mentions else ev.trigger)
        ev.signing = signing_of(ev, sentences.of)
    return merged


def _implied_recipient(trigger: Trigger, actors: list[Actor], tok: Token, index: ActorIndex,
                       prior: list[Event], *, target_named: bool = False) -> list[Actor]:
    """Whom an act with no stated target is aimed at, when the report makes it plain:

    * a denial answers the accusation made against its author ("Kenya denied the charges"
      after "Somalia accused Kenya ..."): the accuser; likewise a refusal answers the request;
    * demands, complaints and refusals by a country's own people, rebels or opposition are
      put to its government ("protesters demanded reforms", "the rebels rejected the offer");
    * in a report on two states, a state's verbal or diplomatic act is aimed at the other
      ("Washington's call for denuclearization" in a US–North Korea story); not so when the act
      names what it is aimed at (``target_named``: "rejected the accusations", "urged the warring
      parties"), whose side the pair does not tell.
    Each is an inference: low confidence, with the reason on the actor."""
    own = {a.country for a in actors if a.country}
    if not own:
        return []
    answered = {"REJECT": ("ACCUSE", "REQUEST"), "CONCEDE": ("REQUEST",)}.get(trigger.type)
    if answered:
        # an answer follows what it answers closely: in the same sentence, any side's charge
        # ("alleged rigging, charges the commission denied"); else another state's, a few sentences back
        sents = [s.start_char for s in tok.doc.sents]
        k = max(i for i, start in enumerate(sents) if start <= tok.idx)
        near, same = sents[max(0, k - _ANSWER_WINDOW)], sents[k]
        names = {a.entity or a.text for a in actors}
        for ev in reversed(prior):
            where = ev.mentions[0].start if ev.mentions else -1
            if ev.type not in answered or where < near:
                continue
            doers = [a for a in ev.actor if a.country and (a.entity or a.text) not in names]
            # or a charge a few sentences back against the very person or body who denies, by
            # anyone ("prosecutors accused Gachagua ... Gachagua denied")
            accused = {r.entity or r.text for r in ev.recipient} & names
            if (where >= same and doers) or (own & {r.country for r in ev.recipient if r.country} \
                    and not own & {a.country for a in ev.actor if a.country}) or (accused and doers):
                return [replace(a, confidence=min(a.confidence, 0.4),
                                reason=f"{a.reason}; whom the {trigger.type.lower()} answers")
                        for a in doers]
    sectors = {a.sector for a in actors if a.country}
    if trigger.type in _TO_GOVERNMENT and len(own) == 1 and sectors and sectors <= _GOVERNED_BY_OWN:
        (home,) = own
        if home not in BODY_CODES:
            return [Actor("government", home, "GOV", None, None, None, 0.4,
                          "a demand or complaint by a country's own people is put to its government")]
    if trigger.type in {"REJECT", "ACCUSE"} and len(own) == 1 and sectors == {"JUD"} and not target_named:
        # "Kenya's High Court ruled that closing the camp would be unconstitutional": a court
        # with no stated target rules on its own state's acts
        (home,) = own
        if home not in BODY_CODES:
            return [Actor("government", home, "GOV", None, None, None, 0.35, "a court rules on its own state's acts")]
    if trigger.type not in _TOWARD_OTHER or len(own) != 1 or not sectors <= _STATE_SIDES:
        return []
    sent = sentence_of(tok)
    named = {m.actor.country: m.actor for m in index.mentions
             if sent.start <= m.start < sent.end and m.kind == "country" and m.actor.country
             and m.actor.country not in own and m.actor.country not in BODY_CODES
             and not _maker_of_weapon(tok.doc[m.start:m.end])}
    if len(named) == 1:
        (other,) = named.values()
        return [replace(other, confidence=min(other.confidence, 0.35),
                        reason=f"{other.reason}; the other state the sentence names")]
    pair = index.report_pair()
    if not named and not target_named and pair is not None and own <= set(pair):
        # its own names: `other` and `sents` above hold an actor and sentence offsets
        other_code = pair[1] if pair[0] in own else pair[0]
        spans = list(tok.doc.sents)
        k = next(i for i, s in enumerate(spans) if s.start == sent.start)
        near = spans[max(0, k - _PAIR_WINDOW)].start
        if not any(m.actor.country == other_code and near <= m.start < sent.start for m in index.mentions):
            return []
        return [Actor(other_code, other_code, None, None, None, None, 0.3,
                      f"the other state of a {'–'.join(sorted(pair))} report")]
    return []


def _through_object(tok: Token, trigger: Trigger, actors: list[Actor], index: ActorIndex,
                    prior: list[Event]) -> list[Actor]:
    """A side named inside what an appeal or answer is about: "called for a total war against
    al-Shabab", "will not succumb to pressure from criminal groups", "bowed to demands by the
    protesters": whom the act is aimed at is the one the named thing concerns or comes from."""
    if trigger.type not in _THROUGH or tok.pos_ != "VERB":
        return []
    for prep in (c for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"for", "to"}):
        for thing in (p for p in children_of(prep) if p.dep_ == "pobj" and index.at(p.i) is None):
            for inner in (c for c in children_of(thing) if c.dep_ == "prep" and c.lower_ in _THROUGH[trigger.type]):
                for p in (x for x in children_of(inner) if x.dep_ == "pobj"):
                    found = [a for a in actors_for(p, index, prior) if a.country]
                    if found:
                        return [replace(a, confidence=min(a.confidence, 0.5),
                                        reason=f"{a.reason}; named in what the act is about ({thing.text})") for a in found]
                    own = {a.country for a in actors if a.country and a.country not in BODY_CODES}
                    if len(own) == 1 and sector_word(p) in _HOME_GROUPS:
                        # "pressure from criminal groups" on a government: its own country's gangs
                        (home,) = own
                        words = p.doc[min(x.i for x in p.subtree if x.i <= p.i):p.i + 1]
                        return [Actor(words.text, home, sector_word(p), None, None,
                                      Span(words.start_char, words.end_char, words.text), 0.35,
                                      f"an unplaced group pressing a government: of its country ({thing.text})")]
    return []


def _prosecution(tok: Token, recipients: list[Actor], index: ActorIndex) -> list[Actor]:
    """Who brings charges the report puts in the passive ("two men stand accused", "they face
    murder charges", "operatives were indicted"): the prosecutors or court the report names, the
    nearest such mention before the act, else the first after it; a state's, not an international
    court's. Charges are brought against people, not states ("Paris was accused of ..." is a
    political charge): none then."""
    if any(r.sector == "GOV" or (r.reason or "").split(";")[0] in _STATE_NAMES for r in recipients):
        return []
    legal = [m for m in index.mentions if m.actor.country and m.actor.sector == "JUD" and m.kind != "pronoun"
             and m.actor.country not in BODY_CODES]
    before = [m for m in legal if m.start < tok.i]
    pick = before[-1] if before else (legal[0] if legal else None)
    if pick is None:
        return []
    return [replace(pick.actor, confidence=min(pick.actor.confidence, 0.35),
                    reason=f"{pick.actor.reason}; charges with no accuser named: the prosecution the report names")]


def _reduced_passive(tok: Token) -> bool:
    """A past participle describing the noun it follows, with no agent: "schoolgirls kidnapped
    in Zamfara", "the journalists killed last year"."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i < tok.i and tok.head.pos_ in {"NOUN", "PROPN"} \
        and tok.head.lower_ not in {"those", "people"} and not any(c.dep_ == "agent" for c in children_of(tok))


def _maker_of_weapon(words) -> bool:
    """Whether a country word only says who made a weapon ("a Russian anti-aircraft weapon
    system", "Russian S-400 missiles", "Iranian drones")."""
    if words is None or len(words) == 0:
        return False
    root = words.root
    head = root.head
    while root.dep_ in {"amod", "compound", "nmod"} and head.i != root.i and head.dep_ in {"compound", "amod"} \
            and head.head.i != head.i:
        root, head = head, head.head
    return root.dep_ in {"amod", "compound", "nmod"} and head.lemma_.lower() in _WEAPONS | _ARMAMENTS


def _among_victims(tok: Token) -> bool:
    """Whether the act's participle describes those it was done to, counted with the clause's
    subject: "18 soldiers were among those killed", "two reporters are among the people injured"."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return False
    prep = tok.head.head
    return prep.lower_ == "among" and prep.head.lemma_ == "be"


def _own_people_addressed(tok: Token, trigger: Trigger, actors: list[Actor], index: ActorIndex) -> list[Actor]:
    """Private people a state's appeal or warning is addressed to, with no country of their own
    ("officials are pleading with civilians to go back", "the governor urged restaurant owners
    to ..."): a government addressing unnamed residents, owners or traders addresses its own."""
    if trigger.type not in _ADDRESSED or tok.pos_ != "VERB":
        return []
    own = {a.country for a in actors if a.country}
    if len(own) != 1 or not {a.sector for a in actors if a.country} <= _STATE_SIDES:
        return []
    (home,) = own
    if home in BODY_CODES:
        return []
    heads = [c for c in children_of(tok) if c.dep_ == "dobj"]
    heads += [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"with", "on", "to"}
              for p in children_of(c) if p.dep_ == "pobj"]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in {"with", "on"} and nxt.head.i != tok.i:
        # "pleading with civilians to go back": the parser hangs the "with" on the complement
        heads += [p for p in children_of(nxt) if p.dep_ == "pobj"]
    for h in heads:
        if any((m := index.at(t.i)) is not None and m.actor.country for t in h.subtree if t.i < h.i):
            return []  # "urged Somali civilians": placed by its own words, resolved as an argument
        m = index.at(h.i)
        if m is not None and m.actor.country:
            return [m.actor] if m.actor.sector in _PRIVATE else []
        sector = sector_word(h)
        if sector in _PRIVATE or h.lemma_.lower() in _PEOPLE | _PRIVATE_WORDS:
            words = h.doc[min(t.i for t in h.subtree if t.i <= h.i):h.i + 1]
            return [Actor(words.text, home, sector if sector in _PRIVATE else ("BUS" if h.lemma_.lower() in _TRADE else "CVL"),
                          None, None, Span(words.start_char, words.end_char, words.text), 0.4,
                          "private people a state addresses: its own")]
    return []


def _doers_of_condemned(tok: Token, actors: list[Actor], index: ActorIndex, prior: list[Event]) -> list[Actor]:
    """Whom a condemnation of an attack is aimed at: the attackers, named by "by" ("condemned
    the attack on Y by Z", the parser often hangs the "by" on the verb), else those of the
    attack the report told of last, a few sentences back ("Z attacked ... X condemned the attack")."""
    if tok.pos_ == "VERB":
        target = next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    else:
        target = next((p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "of" for p in children_of(c)
                       if p.dep_ == "pobj"), None)
    if target is None or target.lemma_.lower() not in _CONDEMNED_ACTS:
        return []
    named = {a.entity or a.text for a in actors}
    by = [c for c in children_of(target) if c.dep_ == "prep" and c.lower_ == "by"]
    by += [a for c in children_of(target) if c.dep_ == "acl" for a in children_of(c) if a.dep_ == "agent"]
    by += [c for c in children_of(tok) if c.dep_ in {"prep", "agent"} and c.lower_ == "by" and c.i > target.i]
    for prep in by:
        for p in (x for x in children_of(prep) if x.dep_ == "pobj"):
            found = [a for a in actors_for(p, index, prior) if a.country]
            if found:
                return [replace(a, reason=f"{a.reason}; who did the act condemned") for a in found]
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in children_of(target)):
        return []  # "condemned Russia's attack": the parse names the doer; it is not inferred
    sents = [s.start_char for s in tok.doc.sents]
    k = max(i for i, start in enumerate(sents) if start <= tok.idx)
    near = sents[max(0, k - _ANSWER_WINDOW)]
    for ev in reversed(prior):
        if ev.type != "ASSAULT" or not ev.mentions or ev.mentions[0].start < near:
            continue
        doers = [a for a in ev.actor if a.country and (a.entity or a.text) not in named]
        if doers:
            return [replace(a, confidence=min(a.confidence, 0.4), reason=f"{a.reason}; who did the attack condemned")
                    for a in doers]
    return []


def _monitor(tok: Token, index: ActorIndex) -> bool:
    """Whether the subject of a reporting verb is a rights monitor: a UN body or a
    non-governmental organisation ("the U.N. Human Rights Office", "Amnesty International")."""
    for c in children_of(tok):
        if c.dep_ == "nsubj":
            for t in c.subtree:
                m = index.at(t.i)
                if m is not None and m.actor.country in {"UNO", "NGO"}:
                    return True
    return False


def _armed_group(tok: Token, index: ActorIndex) -> bool:
    """Whether a named partner is an armed group (an insurgent or militant organisation)."""
    for t in tok.subtree:
        m = index.at(t.i)
        if m is not None and (m.actor.sector == "REB" or m.actor.country == "IMG"):
            return True
    return False


def _person_patient(tok: Token) -> bool:
    """Whether what a freeing verb acts on is a person or group: a sector word ("prisoners",
    "activists") or a proper name."""
    heads = [c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.dep_ in {"acl", "amod"}:
        heads.append(tok.head)
    # "freed 11 of the prisoners", "released a group of activists"
    heads += [p for h in list(heads) for c in children_of(h) if c.dep_ == "prep" and c.lower_ == "of"
              for p in children_of(c) if p.dep_ == "pobj"]
    return any(sector_word(h) is not None or h.lemma_.lower() in _PEOPLE or h.pos_ == "PROPN"
               or h.ent_type_ in {"PERSON", "NORP"} for h in heads)


def _reported(tok: Token) -> bool:
    """Whether a clause is what a reporting verb reports ("the reporter said forces deployed ...")."""
    node = tok
    for _ in range(3):
        if node.dep_ not in {"ccomp", "xcomp", "advcl", "conj"} or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _REPORTING:
            return True
    return False


def _doer_words(tok: Token) -> dict:
    """The words of an unnamed subject ("Armed men attacked ...", "a car bomb in Kiev killed
    ..."), to name an unidentified side by what the text calls it rather than by the place."""
    subj = next((c for c in children_of(tok) if c.dep_ == "nsubj"), None) if tok.pos_ == "VERB" else None
    if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
        return {}
    words = tok.doc[subj.left_edge.i:subj.i + 1]
    return {"text": words.text, "span": Span(words.start_char, words.end_char, words.text)}


# material acts a force reports in the passive as its own ("rebels were captured", "passengers were freed")
_BY_FORCES = {"COERCE", "ASSAULT", "RETREAT", "AID"}
_FORCE_SECTORS = {"MIL", "COP", "SPY"}


def _reporting_force(tok: Token, index: ActorIndex, prior: list[Event]) -> list[Actor]:
    """"Both forces say ammunition was seized and rebels were captured", "the military's
    spokesman said 354 passengers were freed": an act in the passive, with no "by", that an
    army, police or intelligence service (or its spokesman) reports is that force's own."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "nsubjpass" for c in children_of(tok)) \
            or any(c.dep_ == "agent" for c in children_of(tok)):
        return []
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "were either neutralized or captured"
    for _ in range(2):
        if node.dep_ not in {"ccomp", "conj"} or node.head.i == node.i:
            return []
        node = node.head
        if node.lemma_.lower() in _REPORTING:
            break
    else:
        return []
    subj = next((c for c in children_of(node) if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    found = [a for a in actors_for(subj, index, prior) if a.country] or _both_forces(subj, index, prior)
    if not found or not all(a.sector in _FORCE_SECTORS for a in found):
        return []
    return [replace(a, confidence=min(a.confidence, 0.5), reason=f"{a.reason}; the force that reports the act done")
            for a in found]


def _both_forces(subj: Token, index: ActorIndex, prior: list[Event]) -> list[Actor]:
    """"Both forces", "the two armies": the forces of two countries (or a country and a
    body) that the previous sentence or this one names acting together."""
    if sector_word(subj) not in _FORCE_SECTORS or not any(c.lower_ in {"both", "two"} for c in children_of(subj)):
        return []
    doc = subj.doc
    start = sentence_of(doc[sentence_start(subj) - 1]).start_char if sentence_start(subj) > 0 else 0
    for ev in reversed(prior):
        if not any(m.start >= start for m in ev.mentions):
            continue
        forces = [a for a in ev.actor if a.country and a.sector in _FORCE_SECTORS]
        if len({a.country for a in forces}) == 2:
            return [replace(a, text=subj.text, span=Span(subj.idx, subj.idx + len(subj.text), subj.text),
                            reason=f"'{subj.text}' → {a.text}") for a in forces]
    # no act of theirs told: the forces of two countries named there ("besides its troops,
    # forces of the U.N. mission have been deployed")
    first = sentence_start(doc[sentence_start(subj) - 1]) if sentence_start(subj) > 0 else 0
    named: dict[str, Actor] = {}
    for m in index.mentions:
        if first <= m.start and m.end <= subj.i and m.kind in {"group", "org", "title"} and m.actor.country \
                and m.actor.sector in _FORCE_SECTORS:
            named.setdefault(m.actor.country, m.actor)
    if len(named) == 2:
        return [replace(a, text=subj.text, span=Span(subj.idx, subj.idx + len(subj.text), subj.text),
                        confidence=min(a.confidence, 0.4), reason=f"'{subj.text}' → {a.text}") for a in named.values()]
    return []


def _unnamed_doer(trigger: Trigger, recipients: list[Actor]) -> list[Actor]:
    """Who did an act the report puts in the passive ("2,400 people were arrested", "the
    publisher has been held in solitary confinement", "eight demonstrators were killed"): an
    arrest, a detention or a conviction is done by the state it happens in; a killing by
    unidentified attackers of the victims' own country. Only when the victims are of one state."""
    where = {r.country for r in recipients if r.country and r.country not in BODY_CODES}
    if len(where) != 1:
        return []
    (home,) = where
    if trigger.type == "ASSAULT":
        return [Actor("unidentified attackers", home, "UAF", None, None, None, 0.3,
                      "an attack in the passive: attackers of the victims' country, not named")]
    return [Actor("authorities", home, "GOV", None, None, None, 0.3,
                  "an arrest, detention or sentence in the passive: the state where it happens")]


def _thing_aimed_at(tok: Token, obj: Token | None, trigger: Trigger, index: ActorIndex) -> Span | None:
    """The words of a verbal act's object when it is a thing, not an actor: "the referendum",
    "the election results", "the decision to close the camps" (up to a short complement)."""
    if trigger.type not in _AT_THINGS or tok.pos_ != "VERB":
        return None
    target = next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    if target is None or (obj is not None and target.i == obj.i) or target.pos_ not in {"NOUN", "PROPN"} \
            or index.at(target.i) is not None:
        return None
    words = [t for t in target.subtree if t.i <= target.i + 6 and t.dep_ not in {"relcl", "punct"}]
    doc = tok.doc
    start, end = min(t.i for t in words), max(t.i for t in words)
    while end > start and (doc[end].is_punct or doc[end].dep_ in {"cc", "prep", "det"}):
        end -= 1
    phrase = doc[start:end + 1]
    return Span(phrase.start_char, phrase.end_char, phrase.text)


def _owner_of(tok: Token, index: ActorIndex) -> Actor | None:
    """Whose the thing a verbal act is aimed at is, when its own words say: a possessor ("China's
    plan") or a country or body modifying it ("the Senegalese peace plan", "the UN report")."""
    target = next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    if target is None:
        return None
    for c in target.lefts:
        if c.dep_ not in {"poss", "amod", "compound", "nmod"}:
            continue
        m = index.at(c.i)
        if m is not None and m.actor.country and m.kind in {"country", "org", "person", "title", "group"}:
            return replace(m.actor, confidence=min(m.actor.confidence, 0.5), reason=f"{m.actor.reason}; whose it is")
        body = _BODY_ADJECTIVES.get(c.lower_) if m is None and c.dep_ == "amod" else None
        inst = gazetteer_of(tok.doc).institution(body) if body else None
        if inst is not None and inst.country:
            # "the congressional move": an adjective for a body names whose the measure is
            return Actor(c.text, inst.country, inst.sector, inst.name, None, None, 0.4, f"adjective of {inst.name}; whose it is")
    return None


def _whose_thing(tok: Token, actors: list[Actor], index: ActorIndex, prior: list[Event],
                 implied: list[Actor]) -> Actor | None:
    """Whose the claim or measure an act is aimed at is, when its own words do not say:
    "the claims by X" names it; denied "charges", dismissed "allegations" are those of whoever
    the report last told accusing someone, other than the denier ("lawmakers impeached Gachagua
    ... Gachagua denied all the charges"), unless ``implied`` (the inferred target) has the
    charge answered; a "plan", "deal" or "measure" a country's opposition,
    lawmakers or critics attack is their own government's."""
    target = next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    if target is None:
        return None
    lemma = target.lemma_.lower()
    if lemma not in _CLAIMS and lemma not in _MEASURES:
        return None
    for prep in (c for c in children_of(target) if c.dep_ in {"prep", "agent"} and c.lower_ == "by"):
        for p in (x for x in children_of(prep) if x.dep_ == "pobj"):
            found = [a for a in actors_for(p, index, prior) if a.country]
            if found:
                return replace(found[0], confidence=min(found[0].confidence, 0.5), reason=f"{found[0].reason}; whose it is")
    if lemma in _CLAIMS:
        # the charge that ``implied`` found answered (another state's, close by) comes first
        return implied[0] if implied else _last_accuser(tok, actors, prior, f"who made the {lemma} answered")
    own = {a.country for a in actors if a.country}
    sectors = {a.sector for a in actors if a.country}
    if len(own) == 1 and sectors and sectors <= _GOVERNED_BY_OWN | {"LEG", "JUD"}:
        (home,) = own
        if home not in BODY_CODES:
            return Actor("government", home, "GOV", None, None, None, 0.35,
                         "a measure a country's own critics attack is their government's")
    return None


def _last_accuser(tok: Token, actors: list[Actor], prior: list[Event], why: str) -> Actor | None:
    """Who made the accusation the report told last, a few sentences back, other than ``actors``;
    or who charged, convicted or arrested ``actors`` themselves ("Gachagua was convicted on five
    charges ... Gachagua denied all the charges")."""
    names = {a.entity or a.text for a in actors}
    sents = [s.start_char for s in tok.doc.sents]
    k = max(i for i, start in enumerate(sents) if start <= tok.idx)
    near = sents[max(0, k - _CLAIM_WINDOW)]
    for ev in reversed(prior):
        where = ev.mentions[0].start if ev.mentions else -1
        if where < near or where >= tok.idx:
            continue
        if ev.type != "ACCUSE" and not (ev.type in {"SANCTION", "COERCE"}
                                         and names & {r.entity or r.text for r in ev.recipient}):
            continue
        doers = [a for a in ev.actor if a.country and (a.entity or a.text) not in names]
        if doers:
            return replace(doers[0], confidence=min(doers[0].confidence, 0.4), reason=f"{doers[0].reason}; {why}")
    return None


def _implausible(tok: Token, trigger: Trigger, args: Arguments) -> bool:
    """Sides that cannot perform this act: a talk or visit with no state or body behind it
    ("people are discussing", "the train was traveling"), troops "arriving" (a deployment, not
    a visit), a reporter's interview or an e-mail to a newsroom (journalism, not diplomacy)."""
    lemma = tok.lemma_.lower()
    if trigger.type == "ACCUSE" and lemma == "allege" and tok.dep_ == "amod":
        return True  # "the alleged plot": the reporter's hedge, not an allegation made
    if trigger.type == "ASSAULT" and lemma in {"injure", "wound"} and (
            tok.dep_ == "amod" or (tok.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "conj"}
            and any(c.dep_ == "det" for c in children_of(tok)))):
        # "17 injured people were taken to hospital", "to receive the injured": victims
        # described, the attack told elsewhere
        return True
    if trigger.type in {"COERCE", "SANCTION"} and lemma in _LABELS and tok.dep_ == "amod":
        return True  # "the banned separatist group", "a sanctioned oligarch": a standing label, not an act reported
    if trigger.type == "REQUEST" and lemma == "secure" and (not args.actor or (tok.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "auxpass" for c in children_of(tok.head)) and not any(c.dep_ == "agent" for c in children_of(tok.head)))):
        return True  # "no ransom was paid to secure the release": a purpose, nobody's appeal
    if trigger.type == "AID" and tok.pos_ == "VERB" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _FACILITIES | _PLACE_NOUNS for c in children_of(tok)):
        return True  # "the camps shelter 410,000 refugees": a place that houses people, not aid given
    if trigger.type == "CONSULT" and tok.pos_ == "NOUN" and tok.lemma_.lower() in _REMOTE and tok.dep_ == "pobj" \
            and tok.head.lower_ in {"via", "by", "over", "through"}:
        return True  # "briefed reporters via videoconference": the medium of another act, no call of its own
    if trigger.type == "CONSULT" and _off_the_record(tok):
        return True  # "speaking on condition of anonymity to discuss ...": a source's terms, no talks
    if trigger.type == "CONSULT":
        everyone = args.actor + args.recipient
        if not any(a.country for a in everyone):
            return True
        sides = {a.entity or a.country for a in everyone if a.country or a.entity}
        partner = any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"with", "to", "between"}) for c in children_of(tok))
        if tok.pos_ == "VERB" and trigger.mode != "visit" and len(sides) < 2 and not partner:
            return True  # "Islamabad to negotiate", "officials speaking to discuss": talks need a partner
        if trigger.mode == "visit" and tok.lemma_.lower() in _TRAVEL and not any(
                a.country and a.sector not in _NOT_VISITORS for a in args.actor):
            return True
    if (trigger.type == "CONSULT" and any(a.sector == "JRN" for a in args.actor + args.recipient)) \
            or (trigger.type == "REQUEST" and (any(a.sector == "JRN" for a in args.actor) or (tok.lemma_.lower() in _ASKING
                                              and any(a.sector == "JRN" for a in args.recipient)))):
        return True  # an interview or a reporter's question; "called for the journalist's release" stays
    if tok.lemma_.lower() in _FREEING and not args.recipient and not _person_patient(tok):
        return True  # "the index released last week": a release of a thing
    if trigger.type == "REQUEST" and tok.lemma_.lower() in _STATING and args.actor and all(
            a.sector in _COMMENTATORS or (a.country is None and a.reason in {"named person", "known person"})
            for a in args.actor):
        return True  # "an analyst said China must ...": an opinion, not a demand a side makes
    if (trigger.type == "THREATEN" or (trigger.type == "REQUEST" and lemma not in _STATING | _ADVISING | {"need"})) \
            and tok.pos_ == "VERB" and not args.actor \
            and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() not in DOCUMENTS and sector_word(c) is None
                    for c in children_of(tok)):
        # "the agreement could threaten the base", "as the public interest demands": a thing's
        # danger or want; nobody threatens or asks (a resolution or statement still speaks)
        return True
    if trigger.type in _SPOKEN and tok.pos_ == "VERB" and _thing_subject(tok, args):
        # "the proposed deal gives in to lawfare", "this effectively denies recognition", "the
        # response raises questions": a thing said to do it, in someone's words; the speaker
        # (who the sides fall back to) judges the thing, he does not concede, refuse or accuse
        return True
    if trigger.type == "THREATEN" and tok.pos_ == "VERB" and any(c.dep_ in {"nsubjpass", "auxpass"} for c in children_of(tok)) \
            and not any(c.dep_ == "agent" and any(p.dep_ == "pobj" and _sidelike(p) for p in children_of(c))
                        for c in children_of(tok)):
        # "the region is threatened", "is threatened by the high consumption of dog meat":
        # endangered, not threatened by anyone
        return True
    if trigger.type == "ASSAULT" and tok.pos_ == "NOUN" and not trigger.eventive and not args.recipient \
            and not any(c.dep_ == "prep" and (lemma != "aggression" or c.lower_ not in _WHERE) for c in children_of(tok)):
        return True  # "China's aggression (in the region)": an act named in passing, aimed at nothing
    if trigger.type == "THREATEN" and lemma == "warn" and not _own_act_warned(tok):
        return True  # "warned that the economy could shrink": a forecast, not a threat
    if trigger.type == "ASSAULT" and lemma == "fight" and tok.pos_ == "VERB" and _lone_fighter(tok):
        return True  # "he's still fighting": one person's struggle (in court, for his life), no armed clash
    if trigger.type == "COOPERATE" and lemma == "work" and not _partner_named(tok):
        return True  # "data to work with", "China can work with fewer chips": no partner to work with
    if trigger.type == "SUPPORT" and lemma in {"stand", "side"} and not args.recipient:
        return True  # "stood with a loaded gun": standing with no side to stand with
    return False


def _thing_subject(tok: Token, args: Arguments) -> bool:
    """The verb's subject is a thing that cannot speak (a deal, an interest, "this"), not a side
    nor a document that speaks for one, and no side found is the subject itself."""
    subj = next((c for c in children_of(tok) if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.lemma_.lower() not in _MUTE_THINGS or subj.pos_ not in {"NOUN", "PRON", "DET"} or subj.tag_ == "WDT":
        return False
    return not any(a.span is not None and a.span.start <= subj.idx < a.span.end for a in args.actor)


def _lone_fighter(tok: Token) -> bool:
    """One person fighting with no opponent, arena or war named."""
    if any(c.dep_ in {"dobj", "prep", "agent", "prt"} or (c.dep_ == "aux" and c.lower_ in _VOWING_AUX)
           for c in children_of(tok)):
        return False  # a fight named, or one vowed ("said he would fight")
    subj = next((c for c in children_of(tok) if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in {"he", "she", "i"} or (subj.ent_type_ == "PERSON" and subj.tag_ == "NNP"))


def _partner_named(tok: Token) -> bool:
    """"work with X": X can be a side (a name, a pronoun, an actor noun), not a thing."""
    return any(p.dep_ == "pobj" and (_sidelike(p) or p.lemma_.lower() in _PEOPLE | {"other", "another", "one"})
               for c in children_of(tok) if c.dep_ in {"prep", "prt"} and c.lower_ == "with" for p in children_of(c))


def _agreed_with_thing(tok: Token) -> bool:
    """"agree with the decision": "agree" whose "with" names a thing (a decision, a view), and
    that commits to nothing (no "to"-clause, no "on" topic)."""
    if tok.lemma_.lower() != "agree" or tok.pos_ != "VERB":
        return False
    if any(c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ in {"on", "to"}) for c in children_of(tok)):
        return False
    withs = [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "with" for p in children_of(c) if p.dep_ == "pobj"]
    return bool(withs) and all(p.pos_ == "NOUN" and not _sidelike(p) and not p.ent_type_
                               and p.lemma_.lower() not in _PEOPLE for p in withs)


def _own_act_warned(tok: Token) -> bool:
    """A warning is a threat when it names someone warned or what is warned of ("warned Kyiv",
    "warned of retaliation"), or when what it says is the warner's own act to come ("Ankara is
    warning it could turn to Russian jets", "warned they would retaliate")."""
    if any(c.dep_ in {"dobj", "dative"} or (c.dep_ in {"prep", "prt"} and c.lower_ in {"of", "against", "about"})
           for c in children_of(tok)):
        return True
    for c in children_of(tok):
        if c.dep_ == "ccomp":
            subj = next((s for s in children_of(c) if s.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in {"it", "they", "we", "he", "she"} and any(
                    a.dep_ == "aux" and a.lower_ in _WARNING_AUX for a in children_of(c)):
                return True
    return False


def _sidelike(tok: Token) -> bool:
    """Whether a word can name a side: a name, a pronoun, an actor noun, a document that speaks."""
    return tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} \
        or tok.lemma_.lower() in DOCUMENTS or sector_word(tok) is not None \
        or any(c.dep_ in {"compound", "amod", "poss"} and (c.pos_ == "PROPN" or c.ent_type_ in {"GPE", "NORP", "ORG"})
               for c in children_of(tok))


def _condition_of(tok: Token) -> bool:
    """"unless North Korea decides to ...", "if NATO deploys troops": the condition of another
    statement, not an act asserted."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children_of(tok))


def _background_gerund(tok: Token) -> bool:
    """"in the context of supporting Ukraine": a subjectless gerund under a preposition names an
    activity in general, not an act someone performed (but "a plan for rearming Europe" names
    what is proposed)."""
    if tok.tag_ == "VBG" and tok.dep_ == "csubj" and not any(c.dep_ in {"nsubj", "poss"} for c in children_of(tok)):
        return True  # "closing the camps will have an adverse impact": the act judged, not one done
    return (tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in {"of", "in", "on", "about", "for"}
            and not any(c.dep_ in {"nsubj", "nsubjpass", "poss"} for c in children_of(tok))
            and not _claimed(tok)
            and not (tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in _PROPOSALS))


def _asked_about(tok: Token) -> bool:
    """"asked Lai if he agreed with them", "wondered whether Iran would retaliate": a question
    put, not an act asserted."""
    return tok.dep_ in {"advcl", "ccomp"} and tok.head.lemma_.lower() in _QUESTIONING \
        and any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in children_of(tok))


def _weapon_struck(tok: Token, trigger: Trigger) -> bool:
    """"a roadside bomb blast killed 11 coal miners", "an airstrike hit the market": an attack
    told by its weapon is an attack even when nobody is named on either side."""
    return trigger.type == "ASSAULT" and tok.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _WEAPONS | _BLASTS for c in children_of(tok))


def _people_saved(tok: Token, trigger: Trigger, index: ActorIndex) -> bool:
    """"104 passengers had been rescued, according to security sources", "police said 354
    hostages were freed": people saved or freed, told in the passive with no rescuer named, are
    still the act reported (its sides come from the story, if at all)."""
    return trigger.type in {"AID", "RETREAT"} and tok.pos_ == "VERB" \
        and any(c.dep_ == "auxpass" for c in children_of(tok)) and not any(c.dep_ == "agent" for c in children_of(tok)) \
        and _person_patient(tok) \
        and (index.speaker(tok.i) is not None or _reported(tok)
             or any(c.dep_ == "prep" and c.lower_ == "according" for c in children_of(tok)))


def _claimed(tok: Token) -> bool:
    """"took credit for attacking", "claimed responsibility for killing": an act its author owns."""
    prep = tok.head
    if prep.lower_ != "for":
        return False
    owner = prep.head
    return owner.lemma_.lower() in {"responsibility", "credit", "blame"} or \
        (owner.lemma_.lower() in {"claim", "take", "accept", "assume"} and any(
            c.dep_ == "dobj" and c.lemma_.lower() in {"responsibility", "credit"} for c in children_of(owner)))


def _reason_for_thanks(tok: Token, thanked: dict[int, list[Actor]]) -> list[Actor] | None:
    """The thanked side when this trigger is (inside) the reason given after "for"."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ in {"pobj", "pcomp"} and node.head.i in thanked:
            return thanked[node.head.i]
        if node.dep_ not in {"pobj", "pcomp", "acl", "conj", "appos", "prep"}:
            return None
        node = node.head
    return None


def _visit_by_place(actors: list[Actor], recipients: list[Actor], location: Place | None, mode: str | None,
                    reciprocal: bool) -> tuple[list[Actor], list[Actor], str | None]:
    """Talks held in one side's country are the other side's visit: the host is the recipient."""
    everyone = _dedupe(actors + recipients)
    if location is not None and location.country:
        hosts = [a for a in everyone if a.country == location.country]
        guests = [a for a in everyone if a.country and a.country != location.country]
        if hosts and guests:
            return guests, hosts, "visit"
    if reciprocal:
        return everyone, [], mode
    return actors, recipients, mode


# spaCy's part of speech -> the lexicon's
_POS_OF = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}
# the parts of speech ``code_document`` asks ``_match`` and ``reported_accusation`` about (and
# the second opinion: ``Opinion`` asks only verbs); every other word makes no event
_CANDIDATE_POS = frozenset(_POS_OF) | REPORTING_POS | {"VERB"}


def _match(tok: Token, lexicon: Lexicon) -> tuple[Trigger, Token | None] | None:
    pos = _POS_OF.get(tok.pos_)
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    if pos == "verb" and _obliges(tok):
        return Trigger(lemma=lemma, type="REQUEST"), None
    if lemma not in lexicon.by_lemma and tok.lower_ not in lexicon.by_lemma:
        return None  # (most words: no entry under either key, so no candidate below)
    if tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.ent_type_ in {"ORG", "FAC", "WORK_OF_ART", "LAW"}:
        return None  # a word of a name ("Amnesty International", "the Peace Palace"), not an act
    if pos == "noun" and tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in children_of(tok)):
        pos = "verb"  # a headline verb the tagger took for a noun ("Norway, Sweden sign accord")
    cands = lexicon.candidates(lemma, pos)
    if not cands and pos == "noun":
        cands = lexicon.candidates(tok.lower_, pos)
    for t in cands:
        obj = None
        # "called the king on Saturday" has no "call on": a time is no particle's object
        if t.particle and not any(c.dep_ in {"prt", "prep", "advmod"} and c.lower_ == t.particle
                                  and not any(p.ent_type_ in {"DATE", "TIME"} for p in children_of(c)) for c in children_of(tok)):
            continue
        if t.with_ and not any(c.dep_ in {"amod", "compound", "nmod", "npadvmod", "nummod"}
                               and (c.lemma_.lower() in t.with_ or c.lower_ in t.with_) for c in children_of(tok)):
            continue
        if t.requires and not any(c.dep_ in t.requires or (c.dep_ in {"prep", "prt", "agent", "advmod", "mark"}
                                  and c.lower_ in t.requires) for c in children_of(tok)):
            continue
        if t.object and t.type == "ASSAULT" and tok.tag_ == "VBN" and tok.dep_ == "acl":
            # "an operation conducted by the intelligence agency", "raids carried out by militias":
            # the participle after its noun acts on that noun (other acts are named by the noun
            # itself, "sanctions imposed by the US", "aid provided to Ukraine": one event is enough)
            obj = _object_with(tok, t.object) or (tok.head if tok.head.lemma_.lower() in t.object else None)
            if obj is None or (obj.i == tok.head.i and _match(obj, lexicon) is not None):
                continue
        elif t.object:
            obj = _object_with(tok, t.object)
            if obj is None:
                continue
        if t.skip:
            return None
        return t, obj
    return None


def _off_the_record(tok: Token) -> bool:
    """Talk that is a source's terms of speaking: "officials, speaking on condition of anonymity
    to discuss the plans", "not authorized to discuss"."""
    head = tok.head
    if tok.dep_ not in {"xcomp", "advcl", "acl", "ccomp"} or head.i == tok.i:
        return False
    return head.lemma_.lower() in {"authorize", "authorise", "allow", "permit"} \
        or (head.lemma_.lower() == "speak" and any(t.lower_ in {"anonymity", "condition"} for t in head.subtree))


def _obliges(tok: Token) -> bool:
    """A statement that another party must act is a demand on it: "X said Y must hand over
    the suspects", "declared that China must drop barriers"."""
    if tok.lemma_.lower() not in _STATING_OR_ADVISING:
        return False
    for c in children_of(tok):
        if c.dep_ == "ccomp" and _needed(c):
            return True  # "said a firm international response was urgently needed": a call for it
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in _OBLIGATION for a in children_of(c)):
            subj = next((s for s in children_of(c) if s.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.pos_ != "PRON" and subj.lower_ not in {"one", "everyone", "everybody"}:
                return True
    return False


def _needed(clause: Token) -> bool:
    """"... was urgently needed", "... is necessary": something declared needed (its subject
    names what, not a pronoun)."""
    subj = next((c for c in children_of(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ == "PRON":
        return False
    if clause.lemma_.lower() in {"need", "require"} and any(c.dep_ == "auxpass" for c in children_of(clause)):
        return True
    return clause.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in {"necessary", "essential", "needed", "required", "imperative"}
        for c in children_of(clause))


def _peacekeeping(tok: Token) -> bool:
    """Whether a deployment is of peacekeepers: the word is in the clause of the verb (of a
    deployment noun, the verb that holds it), or in the subject of the verbs above it
    ("peacekeepers began deploying")."""
    clause = tok.head if tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "nsubjpass", "pobj"} else tok
    words = list(clause.subtree)
    node = clause
    while node.dep_ in {"xcomp", "conj"} and node.head.i != node.i:
        node = node.head
        words += [t for c in children_of(node) if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    return any(t.lower_.startswith(("peacekeep", "peace-keep")) for t in words)


def _object_with(tok: Token, lemmas: frozenset[str]) -> Token | None:
    """The direct object (or, for nouns, the of-complement) whose lemma is in ``lemmas``."""
    cands: list[Token] = []
    if tok.tag_ == "VBG" and tok.dep_ == "amod" and tok.i < tok.head.i:
        # "fighting global corruption is a priority": the parser hangs the gerund on its object
        # as a modifier; the noun is what the gerund acts on
        cands.append(tok.head)
    for c in children_of(tok):
        if c.dep_ in {"ccomp", "acomp"} and c.pos_ == "ADJ":
            cands.append(c)  # "found X guilty": the predicate adjective completes the verb
        if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}:
            cands.append(c)
            cands.extend(x for x in children_of(c) if x.dep_ == "conj")
            # "held civilians as human shields": the role the object is put in
            cands.extend(x for p in children_of(c) if p.dep_ == "prep" and p.lower_ == "as"
                         for x in children_of(p) if x.dep_ == "pobj")
            if c.lemma_.lower() in _PARTITIVE or any(x.dep_ == "nummod" for x in children_of(c)):
                # "25,000 tons of food aid", "$50 million in aid", "part of a stronghold"
                cands.extend(p for x in children_of(c) if x.dep_ == "prep" and x.lower_ in {"of", "in"}
                             for p in children_of(x) if p.dep_ == "pobj")
        if c.dep_ == "prep" and c.lower_ in {"of", "on", "for", "with", "in", "into", "to", "under", "as"}:
            cands.extend(x for x in children_of(c) if x.dep_ == "pobj")
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in children_of(c)):
            # "declared a state of siege to begin at midnight": the parser makes the object the
            # subject of the infinitive
            cands.extend(x for x in children_of(c) if x.dep_ == "nsubj")
            cands.extend(p for x in children_of(c) if x.dep_ == "nsubj" and x.lemma_.lower() in _PARTITIVE
                         for q in children_of(x) if q.dep_ == "prep" and q.lower_ == "of"
                         for p in children_of(q) if p.dep_ == "pobj")
        if c.dep_ == "advmod" and c.lower_ in {"back", "home"}:
            # "ordered him back to prison": the parser hangs the destination on "back"
            cands.extend(x for p in children_of(c) if p.dep_ == "prep" and p.lower_ in {"to", "into", "in"}
                         for x in children_of(p) if x.dep_ == "pobj")
    for c in cands:
        words = {c.lemma_.lower(), c.lower_}
        # "martial law"; "held Russia responsible": a predicate adjective the parser hung on the object
        words.update(x.lemma_.lower() for x in children_of(c) if x.dep_ in {"compound", "amod", "nummod"})
        if words & lemmas:
            return c
    return None


def _mode_from_words(tok: Token, obj: Token | None) -> str | None:
    """A meeting held by video or phone is CONSULT's phone mode, wherever the medium is named."""
    for head in (obj, tok):
        if head is not None and any(c.lower_ in _REMOTE for c in head.subtree):
            return "phone"
    return None


def _mention_span(tok: Token, args: Arguments, obj: Token | None) -> Span:
    """The clause stretch from the first participant to the last argument, within the sentence."""
    sent = sentence_of(tok)
    idx = [tok.i] + ([obj.right_edge.i] if obj is not None else [])
    idx += args.tokens
    if obj is None and tok.lemma_.lower() in _STATING_OR_ADVISING:
        # "'The commission should exercise prudence,' the ambassador told the assembly": a demand
        # made by stating what another must do is told in that clause too
        idx += [c.left_edge.i for c in children_of(tok) if c.dep_ == "ccomp" and (_needed(c) or any(
            a.dep_ == "aux" and a.lower_ in _OBLIGATION for a in children_of(c)))]
    start = max(min(idx), sent.start)
    end = min(max(idx), sent.end - 1)
    doc = tok.doc
    while start < tok.i and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    s, e = doc[start].idx, doc[end].idx + len(doc[end].text)
    return Span(s, e, text_of(doc)[s:e])  # the doc's text read once (``text_of``)


def _place(tok: Token, obj: Token | None, gaz: Gazetteer, index: ActorIndex) -> Place | None:
    for head in (tok, obj):
        if head is None:
            continue
        for c in children_of(head):
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for p in children_of(c):
                    if p.dep_ != "pobj" or (p.ent_type_ not in {"GPE", "FAC", "LOC", "ORG"} and p.lower_ not in {"country"}):
                        continue
                    sub = list(p.subtree)
                    text = tok.doc[sub[0].i:sub[-1].i + 1].text
                    country = None
                    for t in reversed(sub):
                        m = index.at(t.i)
                        if m is not None and m.actor.country:
                            country = m.actor.country
                            break
                    hit = gaz.place(p.text, index.main_countries[:2]) if p.ent_type_ == "GPE" else None
                    if country is None and hit is not None:
                        country = hit.country
                    if p.lower_ == "country" and country is None:
                        continue
                    span = Span(sub[0].idx, sub[-1].idx + len(sub[-1].text), text)
                    return Place(text, country, hit.lat if hit else None, hit.lon if hit else None, span)
    return None


def _scene(tok: Token, index: ActorIndex, gaz: Gazetteer) -> Actor | None:
    """The country where the act took place ("near the town of Samarra", "in eastern Beirut"),
    from the place phrase of the sentence nearest to the trigger."""
    best, best_dist = None, 99
    for p in sentence_of(tok):
        # "outside of the city of X": the parser often takes "outside" for an adverb
        if p.dep_ not in {"prep", "advmod"} or p.lower_ not in _WHERE or abs(p.i - tok.i) >= best_dist:
            continue
        for t in p.subtree:
            m = index.at(t.i)
            country = m.actor.country if m is not None and m.kind in {"country", "place"} else None
            # a town the tagger took for a people ("the town of Samarra" as NORP): a proper noun
            # that is no demonym and names a known place
            # "the town of Tikrit" with no entity tag: the name a place noun is "of"
            unnamed = t.ent_type_ in {"NORP", ""} and t.pos_ == "PROPN" and t.dep_ == "pobj" \
                and (t.ent_type_ == "NORP" or (t.head.lower_ == "of" and t.head.head.lemma_.lower() in _PLACE_NOUNS)) \
                and gaz.country(t.text) is None
            named_place = (t.ent_iob_ == "B" and t.ent_type_ in {"GPE", "LOC", "FAC"}) or unnamed
            if country is None and named_place:
                ent = next((e for e in tok.doc.ents if e.start == t.i), None)
                hit = gaz.place(ent.text if ent is not None else t.text, index.main_countries[:2])
                country = hit.country if hit is not None else None
            if country:
                # the whole name ("East Timor"), not the token the search stopped at
                words = m.actor.span if m is not None and m.actor.span is not None \
                    else Span(t.idx, t.idx + len(t.text), t.text)
                best, best_dist = Actor(words.text, country, None, None, None, words,
                                        0.5, f"place of the act ({words.text})"), abs(p.i - tok.i)
                break
    return best


def _participle_head(tok: Token) -> Token | None:
    """The noun a passive participle describes ("soldiers backed by X"), also when the parser
    reads "soldiers backed by X worked" as a clause of its own (the noun then its subject)."""
    if tok.dep_ in {"acl", "amod"}:
        return tok.head
    if any(a.dep_ == "agent" for a in children_of(tok)):
        return next((c for c in children_of(tok) if c.dep_ == "nsubj"), None)
    return None


def _attacked_place(tok: Token, homes: set[str], index: ActorIndex) -> Actor | None:
    """"Russia launched a missile attack on Kharkiv, killing four people": the deaths that
    follow an attack are where it struck, in the clause the participle hangs from, not in the
    attacker's country."""
    own = {t.i for t in tok.subtree}  # the participle's own clause is not where it struck
    node = tok
    while node.dep_ in {"advcl", "conj", "xcomp"} and node.head.i != node.i:
        node = node.head
        for t in node.subtree:
            if t.i in own:
                continue
            m = index.at(t.i)
            if m is not None and m.actor.country and m.actor.country not in homes and m.actor.country not in BODY_CODES \
                    and t.dep_ in {"pobj", "dobj"}:
                return Actor(t.text, m.actor.country, None, None, None, None, 0.5, "where the attack it follows struck")
    return None


def _home_target(tok: Token, obj: Token | None, trigger: Trigger, actors: list[Actor], found: list[Actor],
                 scene: Actor | None, index: ActorIndex, gaz: Gazetteer) -> list[Actor]:
    """An unnamed target of a domestic act ("arrested 12 demonstrators", "lifted the curfew",
    a protest): it is in the country where the act took place, else in the actor's own;
    a protest with no stated target is aimed at the protesters' own government. A target
    that is an act or a thing is followed to whom it belongs (see ``_inner_target``)."""
    victim = obj
    if victim is None:
        victim = next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    if victim is not None and victim.lemma_.lower() in _WEAPONS:
        victim = None  # "fired missiles": the weapon is no target
    if victim is None and tok.pos_ != "VERB":
        victim = next((p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"of", "against", "on"}
                       for p in children_of(c) if p.dep_ == "pobj"), None)
    if victim is None and trigger.type != "PROTEST":
        return []
    homes = {a.country for a in actors if a.country and a.country not in BODY_CODES}  # a body has no home
    if scene is None and trigger.type in _HARMS:
        scene = _attacked_place(tok, homes, index)
    country = scene.country if scene is not None else (homes.pop() if len(homes) == 1 else None)
    town = gaz.place(victim.text) if victim is not None and victim.ent_type_ == "GPE" else None
    if town is not None:  # "shelled Aleppo": the town itself is where it happened
        assert victim is not None  # a town is only looked up for a victim
        country, scene = town.country, scene or Actor(victim.text, town.country, None, None, None, None, 0.5, "town")
    if country is None:
        return []
    where = "where it took place" if scene is not None else "the actor's country"
    # "accepted demands from Shona rebels": the rebels, of the country it happens in; "granted a
    # pardon to Conrad Black": a person named with no country, likewise
    unplaced = [a for a in found if not a.country and (a.sector or a.entity)]
    if unplaced:
        return [replace(a, country=country, confidence=min(a.confidence, 0.4),
                        reason=f"{a.reason}; unnamed target of a domestic act: {where}") for a in unplaced]
    sector = sector_word(victim) if victim is not None else None
    if victim is not None and victim.lemma_.lower() == "state" \
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in children_of(victim)):
        sector = None  # "a state of siege", "a state of emergency": a measure, not a state
    inner = _inner_target(victim, country, index, gaz, places=trigger.type != "PROTEST") \
        if victim is not None and sector is None else None
    if inner is None and victim is not None and sector is None and tok.pos_ == "VERB" and trigger.type != "PROTEST" \
            and victim.lemma_.lower() not in _PEOPLE and victim.pos_ != "PROPN":
        # "imposed a curfew on Basra": the parser often hangs the object's complement on the verb
        inner = _aimed_at([c for c in children_of(tok) if c.dep_ == "prep" and c.i > victim.i], tok, index, gaz, country)
        # "imposed a curfew in parts of Kashmir": likewise for the place a measure holds in
        # (an attack "on an army camp in western Kabul" is on the camp, not on the people there)
        if inner is None and trigger.type != "ASSAULT":
            inner = next((h for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "in" and c.i > victim.i
                          for q in children_of(c) if q.dep_ == "pobj" and (h := _held_in(q, index, gaz))), None)
    if inner is None and victim is not None and sector is None:
        inner = _purpose_target(tok, country, index)
    if inner is not None:
        return [inner]
    if victim is None or (trigger.type == "PROTEST" and sector is None):
        # "blocked roads", "staged a strike": a thing or no target at all; the protest is aimed at the government
        return [Actor("government", country, "GOV", None, None, None, 0.4, "a protest aims at its own government")]
    if sector is None and trigger.type != "ASSAULT" and (held := _measure_place(tok, victim, country, index, gaz)) is not None:
        return [held]
    if trigger.type == "CONCEDE" and victim.lemma_.lower() in _PROTEST_ACTS:
        # "workers called off the strike", "lifted their boycott": a protest given up yields to
        # whom it was aimed at, its own government unless the text names another
        return [Actor("government", country, "GOV", None, None, None, 0.4, "a protest given up yields to its own government")]
    if sector is None and trigger.type == "ACCUSE" and (probed := _probed(victim, country, index)) is not None:
        return [probed]
    span = Span(victim.idx, victim.idx + len(victim.text), victim.text)
    return [Actor(victim.text, country, sector, None, None, span, 0.4, f"unnamed target of a domestic act: {where}")]


_PROTEST_ACTS = words.word_set("events", "protest_acts")
_INQUIRIES = words.word_set("events", "inquiries")
_REPORTS_OF = words.word_set("events", "reports_of")
_SHARES = words.word_set("events", "shares")


def _probed(victim: Token, home: str, index: ActorIndex) -> Actor | None:
    """"opened investigations against hundreds of banks", "an investigation into claims that two
    servicemen abused children", "into whether the ambassador was spied on": an inquiry is no
    side; whom it looks into is, in the country it happens in unless the words name another."""
    if victim.lemma_.lower() not in _INQUIRIES:
        return None
    # the parser often hangs the noun's complement on the verb ("opened investigations against X")
    around = children_of(victim) + ([c for c in children_of(victim.head) if c.i > victim.i] if victim.dep_ == "dobj" else [])
    for prep in (c for c in around if c.dep_ == "prep" and c.lower_ in {"into", "against", "of", "on"}):
        heads = [c for c in children_of(prep) if c.dep_ in {"pobj", "pcomp"}]
        for h in heads:
            if h.dep_ == "pcomp" or h.lemma_.lower() in _REPORTS_OF:
                # the clause's subject is who is looked into
                clause = [h] + [c for c in children_of(h) if c.dep_ in {"ccomp", "acl", "relcl"}]
                subject = next((x for c in clause for x in children_of(c) if x.dep_ in {"nsubj", "nsubjpass"}
                                and x.tag_ not in {"WDT", "WP", "EX"}), None)
                if subject is None:
                    continue
                h = subject
            if h.pos_ not in {"NOUN", "PROPN", "NUM", "PRON"} or h.ent_type_ in _NOT_SIDES - {"CARDINAL"} \
                    or h.lower_ in {"it", "this", "that"}:
                continue
            end = h.i + 1
            if h.lemma_.lower() in _SHARES or h.pos_ == "NUM":
                end = max([end] + [q.right_edge.i + 1 for c in children_of(h) if c.dep_ == "prep" and c.lower_ == "of"
                                   for q in children_of(c) if q.dep_ == "pobj"])
            words = victim.doc[h.left_edge.i:end]
            if words[0].lower_ in {"the", "a", "an"} and len(words) > 1:
                words = words[1:]
            named = next((m for t in words if (m := index.at(t.i)) is not None and m.actor.country
                          and m.kind != "place"), None)
            if named is not None:
                return replace(named.actor, confidence=min(named.actor.confidence, 0.5),
                               reason=f"{named.actor.reason}; whom the {victim.lemma_} looks into")
            return Actor(words.text, home, sector_word(h), None, None, Span(words.start_char, words.end_char, words.text),
                         0.4, f"whom the {victim.lemma_} looks into; of the country it happens in")
    return None


_MEASURES = words.word_set("events", "place_measures")


def _measure_place(tok: Token, victim: Token, home: str, index: ActorIndex, gaz: Gazetteer) -> Actor | None:
    """"declared a state of siege in Pando", "imposed a curfew in the Maungtaw district", "In
    Colombia, the ELN declared a ceasefire": a measure is no side; it concerns the people of
    the place it holds in, named by the place phrase (its country where the phrase names one,
    else the country the act happens in); with no place phrase ("imposed martial law"), the
    people of the country it happens in."""
    if victim.lemma_.lower() not in _MEASURES:
        return None
    holders = [tok, victim] + [q for c in children_of(victim) if c.dep_ == "prep" and c.lower_ == "of"
                               for q in children_of(c) if q.dep_ == "pobj"]
    if victim.dep_ == "pobj" and victim.head.lower_ == "of":
        holders.append(victim.head.head)  # "a state of siege in X": the place hangs on "state"
    for h in holders:
        for prep in (c for c in children_of(h) if c.dep_ == "prep" and c.lower_ == "in"):
            for p in (c for c in children_of(prep) if c.dep_ == "pobj"):
                if p.ent_type_ in _NOT_SIDES \
                        or not (p.pos_ == "PROPN" or p.ent_type_ in {"GPE", "LOC", "FAC"} or p.lemma_.lower() in _PARTS):
                    continue
                sub = list(p.subtree)
                words = tok.doc[sub[0].i:sub[-1].i + 1]
                if words[0].lower_ in {"the", "a", "an"} and len(words) > 1:
                    words = words[1:]
                named = next((m for t in words if (m := index.at(t.i)) is not None and m.actor.country
                              and m.kind in {"country", "place"} and m.actor.country not in BODY_CODES), None)
                return Actor(words.text, named.actor.country if named is not None else home, "CVL", None, None,
                             Span(words.start_char, words.end_char, words.text), 0.4,
                             f"the people of the place the {victim.lemma_} holds in")
    if home in BODY_CODES:
        return None
    return Actor(gaz.country_name(home), home, "CVL", None, None, None, 0.35,
                 f"the people of the country the {victim.lemma_} holds in")


def _owned_thing(tok: Token, obj: Token | None, trigger: Trigger) -> bool:
    """A sanction on what someone owns ("froze the newspaper's assets") is aimed at the owner,
    who may be of the sanctioning state itself."""
    if trigger.type != "SANCTION":
        return False
    thing = obj or next((c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}), None)
    return thing is not None and any(c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"} for c in children_of(thing))


def _purpose_target(tok: Token, home: str, index: ActorIndex) -> Actor | None:
    """"opened fire to disperse the demonstrators": whom the act is meant to reach, named by
    the object of its purpose clause."""
    for clause in children_of(tok):
        if clause.dep_ not in {"advcl", "xcomp"} or not any(a.dep_ == "aux" and a.lower_ == "to" for a in children_of(clause)):
            continue
        for obj in (c for c in children_of(clause) if c.dep_ == "dobj"):
            m = index.at(obj.i)
            sector = (m.actor.sector if m is not None else None) or sector_word(obj)
            if m is not None and m.actor.country and m.kind != "place":
                return replace(m.actor, confidence=min(m.actor.confidence, 0.5),
                               reason=f"{m.actor.reason}; whom it was meant to reach")
            if sector:
                left = min([obj.i] + [x.i for x in obj.lefts if x.dep_ in {"amod", "compound"}])
                words = tok.doc[left:obj.i + 1]
                return Actor(words.text, home, sector, None, None, Span(words.start_char, words.end_char, words.text), 0.4,
                             "whom it was meant to reach; of the country it happens in")
    return None


def _inner_target(victim: Token, home: str, index: ActorIndex, gaz: Gazetteer, *, places: bool = True) -> Actor | None:
    """The people behind a target that is an act or a thing: its maker ("demands from the
    rebels", "crimes by extremists", "the demonstration staged by students") or the place it
    holds in ("the curfew in Abidjan", "voting in East Jerusalem": the people there, CVL;
    not for ``places=False``)."""
    preps = [c for c in children_of(victim) if c.dep_ == "prep"]
    for acl in (c for c in children_of(victim) if c.dep_ == "acl"):
        preps.extend(c for c in children_of(acl) if c.dep_ in {"agent", "prep"})
    aimed = _aimed_at(preps, victim, index, gaz, home)
    if aimed is not None:
        return aimed
    for owner in (c for c in children_of(victim) if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}):
        # "froze the newspaper's assets", "seized the party's offices": whose the thing is
        m = index.at(owner.i)
        if m is not None and m.actor.country and m.kind != "place":
            return replace(m.actor, confidence=min(m.actor.confidence, 0.5),
                           reason=f"{m.actor.reason}; whose {victim.lemma_} it is")
        sector = (m.actor.sector if m is not None else None) or sector_word(owner) or _OWNER_SECTORS.get(owner.lemma_.lower())
        if sector:
            left = min([owner.i] + [x.i for x in owner.lefts if x.dep_ in {"amod", "compound"}])
            words = victim.doc[left:owner.i + 1]
            return Actor(words.text, home, sector, None, None, Span(words.start_char, words.end_char, words.text), 0.4,
                         f"whose {victim.lemma_} it is; of the country it happens in")
    wanted: tuple[str, ...] = ("by", "from", "of", "for", "in") if victim.lemma_.lower() in _FACILITIES \
        else ("by", "from", "of", "in")
    # a protest that blocks "roads in La Paz" aims at the government, not at the people there
    wanted = tuple(w for w in wanted if places or w != "in")
    for word in wanted:
        for prep in (p for p in preps if p.lower_ == word):
            for p in (c for c in children_of(prep) if c.dep_ == "pobj"):
                m = index.at(p.i)
                span = Span(p.idx, p.idx + len(p.text), p.text)
                if word == "in":
                    held = _held_in(p, index, gaz)
                    if held is not None:
                        return held
                    continue
                whose = f"whom the {victim.lemma_} is for" if word == "for" else f"whose {victim.lemma_} it is"
                if m is not None and m.actor.country and m.kind != "place":
                    return replace(m.actor, confidence=min(m.actor.confidence, 0.5), reason=f"{m.actor.reason}; {whose}")
                sector = (m.actor.sector if m is not None else None) or sector_word(p)
                if sector:
                    actor = m.actor if m is not None else Actor(p.text, None, None, None, None, span, 0.4, "group")
                    return replace(actor, country=home, sector=sector, confidence=0.4,
                                   reason=f"{whose}; of the country it happens in")
    return None


_PARTS = words.word_set("events", "parts")


def _held_in(p: Token, index: ActorIndex, gaz: Gazetteer) -> Actor | None:
    """The people of the place a measure holds in ("the curfew in Abidjan", "a curfew in parts
    of Kashmir", "a state of siege in the town of X"): a town, capital or region, not a whole
    country named by its name."""
    if p.lemma_.lower() in _PARTS and index.at(p.i) is None:
        # "parts of Kashmir", "the district of X": the place the part belongs to
        p = next((q for c in children_of(p) if c.dep_ == "prep" and c.lower_ == "of" for q in children_of(c)
                  if q.dep_ == "pobj"), p)
    m = index.at(p.i)
    if m is None or m.kind not in {"country", "place"} or not m.actor.country or m.actor.country in BODY_CODES:
        return None
    hit = gaz.country(p.text) if m.kind == "country" else None
    if m.kind == "country" and (hit is None or hit.kind not in {"capital", "region"}):
        return None
    return replace(m.actor, sector="CVL", confidence=0.4, reason=f"the people of the place it holds in ({m.actor.text})")


def _aimed_at(preps: list[Token], act: Token, index: ActorIndex, gaz: Gazetteer, home: str | None = None) -> Actor | None:
    """Whom an act is aimed at by a preposition ("a curfew on Basra", "attacks on the town of X",
    "an investigation into the police"): a named side, or the people of a named place."""
    for prep in (p for p in preps if p.lower_ in _AIMED_PREPS):
        for p in (c for c in children_of(prep) if c.dep_ == "pobj" and c.lemma_.lower() not in LOCATION_NOUNS):
            m = index.at(p.i)
            if m is not None and m.actor.country:
                place = m.kind == "place"
                return replace(m.actor, sector="CVL" if place else m.actor.sector, confidence=min(m.actor.confidence, 0.5),
                               reason=f"{m.actor.reason}; {'the people of ' if place else ''}what the {act.lemma_} is aimed at")
            town = gaz.place(p.text) if p.ent_type_ == "GPE" else None
            if town is not None:
                return Actor(p.text, town.country, "CVL", None, None, Span(p.idx, p.idx + len(p.text), p.text), 0.4,
                             f"the people of the place the {act.lemma_} is aimed at")
            where = next((w for c in children_of(p) if c.dep_ == "prep" and c.lower_ == "in" for q in c.subtree
                          if (w := index.at(q.i)) is not None and w.kind in {"country", "place"} and w.actor.country), None)
            if m is None and where is not None:
                # "airstrikes on militant targets in the Gaza Strip": a target placed in a country is of it
                left = min([p.i] + [x.i for x in p.lefts if x.dep_ in {"amod", "compound", "det"}])
                words = p.doc[left:p.i + 1]
                return Actor(words.text, where.actor.country, sector_word(p), None, None,
                             Span(words.start_char, words.end_char, words.text), 0.4,
                             f"what the {act.lemma_} is aimed at, in {where.actor.text}")
            sector = sector_word(p)
            if home is not None and m is None and p.ent_type_ not in _NOT_SIDES \
                    and (sector or p.pos_ == "PROPN" or p.lemma_.lower() in _PEOPLE):
                # "an investigation into Boztepe", "raids on opposition activists": someone the text
                # does not place, in the country where the act happens
                left = min([p.i] + [x.i for x in p.lefts if x.dep_ in {"amod", "compound"}])
                words = p.doc[left:p.i + 1]
                return Actor(words.text, home, sector, None, None, Span(words.start_char, words.end_char, words.text), 0.4,
                             f"what the {act.lemma_} is aimed at; of the country it happens in")
    return None


def _people_of_place(actor: Actor, gaz: Gazetteer) -> Actor:
    """A town or city that is shelled or put under curfew stands for the people in it
    (PLOVER codes them civilians), not for a government seated there."""
    if actor.entity or actor.sector not in (None, "GOV"):
        return actor
    term = gaz.country(actor.text)
    place = term is None and gaz.place(actor.text) is not None
    if place or (term is not None and term.kind == "capital"):
        return replace(actor, sector="CVL", reason=f"{actor.reason}; the people of a place acted on")
    return actor


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple] = set()
    out = []
    for a in actors:
        key = (a.entity or a.text, a.country)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


