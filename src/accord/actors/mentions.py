"""Actor mentions: every entity, title phrase and pronoun resolved to a person or body,
its office, its country and its PLOVER sector, with a confidence and a reason.

Works on one parsed document at a time; ``ActorIndex`` lets the event coder ask
"who does this token stand for?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from accord import words
from accord.actors.doc_index import children_of, column, sentence_end, sentence_of, sentence_start, span_text, text_of
from accord.actors.gazetteer import Gazetteer, PersonHit, Title, default_gazetteer
from accord.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_PERSONAL = words.word_set("actors", "personal")
_FIRST_PERSON = words.word_set("actors", "first_person")
_GROUP_NOUNS = words.word_set("actors", "group_nouns")
_NOUNS = frozenset({"NOUN", "PROPN"})
_SPEECH_VERBS = words.word_set("speech", "speaker_verbs")
_FUZZY_THRESHOLD = 88.0
# the codes the event guide gives international bodies instead of a country
BODY_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"})
_PLACE_HEADS = words.word_set("actors", "place_heads")
_DECEASED_HEADS = words.word_set("actors", "deceased_heads")
_SECTOR_WORDS = words.word_map("actors", "sector_words")
_COLLECTIVE = words.word_set("actors", "collective")
_MAX_NP_TOKENS = 24
_WORLDWIDE = words.word_set("actors", "worldwide")
_COMPASS = words.word_set("actors", "compass")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor anchored to tokens ``[start, end)`` of the spaCy doc."""

    start: int
    end: int
    actor: Actor
    kind: str  # person | org | country | title | pronoun | group | place
    countries: tuple[str, ...] = ()  # a bilateral body's two sides ("the Azerbaijan-Ukraine Commission")
    ambiguous: bool = False  # named by an alias with other common meanings ("SDF", "IRA")


@dataclass(slots=True)
class _Person:
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    first: int = 10**9  # token index of the first mention


@dataclass(slots=True)
class ActorIndex:
    """Resolved actor mentions of one document, addressable by token."""

    mentions: list[ActorMention]
    by_token: dict[int, ActorMention]
    speakers: dict[int, Actor]  # token index -> speaker of the quote covering it
    main_countries: list[str]

    def at(self, i: int) -> ActorMention | None:
        return self.by_token.get(i)

    def speaker(self, i: int) -> Actor | None:
        return self.speakers.get(i)

    def actors(self) -> list[Actor]:
        return [m.actor for m in self.mentions]

    def report_pair(self) -> tuple[str, str] | None:
        """The two states a report is about, when two lead it: each named at least twice, and
        together more than half of all mentions of states (a bilateral story, not a survey)."""
        counts = _state_counts(self.mentions, stated=True)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) < 2 or ranked[1][1] < 2 or (len(ranked) > 2 and ranked[2][1] >= ranked[1][1]):
            return None
        if 2 * (ranked[0][1] + ranked[1][1]) <= sum(counts.values()):
            return None
        return ranked[0][0], ranked[1][0]


# where a parsed document keeps the gazetteer it is coded with (``gazetteer_of``)
GAZETTEER_KEY = "accord.gazetteer"


def gazetteer_of(doc: Doc) -> Gazetteer:
    """The gazetteer ``doc``'s actors were resolved with (``resolve_actors`` keeps it in the
    doc), so that the coder's word lookups use the pipeline's gazetteer, not the packaged one;
    the packaged one for a doc not resolved yet."""
    gaz = doc.user_data.get(GAZETTEER_KEY)
    return gaz if gaz is not None else default_gazetteer()


def resolve_actors(doc: Doc, gaz: Gazetteer | None = None, year: int | None = None) -> ActorIndex:
    """Find and resolve every actor mention in a parsed document. ``year`` (the document's)
    picks the office a well-known person held then. ``gaz`` (default: the packaged one) is
    kept in the doc for the later stages (``gazetteer_of``)."""
    gaz = gaz or default_gazetteer()
    doc.user_data[GAZETTEER_KEY] = gaz
    people: dict[str, _Person] = {}
    mentions: list[ActorMention] = []
    taken: set[int] = set()

    soft: set[int] = set()  # country words: a title or group phrase may take them in
    for ent in _entities(doc, gaz):
        m = _resolve_entity(ent, gaz, people, year)
        if m is not None:
            mentions.append(m)
            # country words (and country names tagged as locations): a title or group phrase may take them in
            soft_kind = m.kind == "country" or (m.kind == "place" and m.actor.reason == "country name") \
                or _body_before_title(doc, m, gaz)
            (soft if soft_kind else taken).update(range(m.start, m.end))
    mentions.extend(_untagged_surnames(doc, gaz, people, taken | soft, year))
    # a bare surname ("Husyev") or a variant spelling points to the full name seen elsewhere
    mentions = [_link_alias(m, people) for m in mentions]
    main = _main_countries(mentions)
    _counterparts(doc, mentions, people, main, gaz)
    mentions = [_complete(m, people) for m in mentions]
    for m in mentions:
        if m.kind == "person":
            taken.update(range(m.start, m.end))
    mentions = _minorities(doc, mentions)
    codes = {i: m.actor.country for m in mentions if m.actor.country and (m.kind == "country" or (m.kind == "place"
             and m.actor.reason == "country name")) for i in range(m.start, m.end)}
    for m in _title_mentions(doc, gaz, people, taken, codes):
        mentions.append(m)
        taken.update(range(m.start, m.end))
    taken |= soft
    mentions = _absorb_countries(mentions)
    mentions.sort(key=lambda m: m.start)
    speakers = _quote_speakers(doc, mentions)
    mentions.extend(_pronoun_mentions(doc, mentions, speakers, taken))
    mentions = _unsupported_bodies(mentions)
    mentions = _western(doc, mentions)
    mentions = _sole_country(mentions, set(codes.values()))
    mentions = _home_groups(mentions, doc)
    mentions = _peoples_state(doc, mentions, gaz)
    mentions = _kin(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    by_token: dict[int, ActorMention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            by_token.setdefault(i, m)
    return ActorIndex(mentions, by_token, speakers, _main_countries(mentions))


_ETHNIC = words.word_set("actors", "ethnic")
_HOMES = words.word_set_map("actors", "homes")


def _peoples_state(doc: Doc, mentions: list[ActorMention], gaz: Gazetteer) -> list[ActorMention]:
    """"Kurdish fighters" in a report about Iraq or Syria are of that state, not of the state the
    gazetteer files the people under (Turkey): a people living in several states takes the other
    home state its sentence names ("bombed Kurdish fighters in northern Syria"), else the state
    the report is mostly about when its filed state is never named."""
    def people_word(m: ActorMention) -> str | None:
        if any((hit := gaz.country(t.text)) is not None and hit.code == m.actor.country and not hit.ambiguous
               for t in doc[m.start:m.end]):
            return None  # "Turkish Kurds": its own words name the state
        for t in doc[m.start:m.end]:
            w = t.lower_.rstrip("s") if t.lower_ not in _HOMES else t.lower_
            if w in _HOMES and m.actor.country in _HOMES[w]:
                return w
        return None

    peoples = {id(m): w for m in mentions if m.kind in {"group", "country"} and (w := people_word(m))}
    if not peoples:
        return mentions
    others = [m for m in mentions if id(m) not in peoples and m.actor.country]
    counts = _state_counts(others, stated=True)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    lead = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    out = []
    for m in mentions:
        w = peoples.get(id(m))
        if w is None:
            out.append(m)
            continue
        sent = sentence_of(doc[m.start])
        here = {o.actor.country for o in others if sent.start <= o.start < sent.end} & _HOMES[w] - {m.actor.country}
        where = next(iter(here)) if len(here) == 1 else None
        why = "the other home state its sentence names"
        if where is None and lead in _HOMES[w] and lead != m.actor.country and m.actor.country not in counts:
            where, why = lead, "the state the report is mostly about"
        out.append(replace(m, actor=replace(m.actor, country=where, confidence=min(m.actor.confidence, 0.5),
                                            reason=f"{m.actor.reason}; a people of several states: {why}"))
                   if where else m)
    return out
_KIN = words.word_set("actors", "kin")


def _kin(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Lai's son Sebastien", "the widow of Alexei Navalny", "Sebastien Lai, Jimmy Lai's son": a
    relative of a named person is another person, of that person's country and a private citizen
    (``CVL``): neither the relative's office nor sector (a publisher's son is no journalist). A
    later mention of the relative's name ("Sebastien Lai said") is the same relative."""
    by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    named: dict[str, Actor] = {}  # a relative's name token -> the relative
    for i, pos in enumerate(column(doc, "pos")):
        if pos != "NOUN" or i in by_tok:
            continue  # (on the doc's table: most words are no noun)
        t = doc[i]
        if t.lemma_.lower() not in _KIN:
            continue
        owner = next((by_tok[c.i] for c in children_of(t) if c.dep_ == "poss" and c.i in by_tok), None)
        if owner is None:
            owner = next((by_tok[p.i] for c in children_of(t) if c.dep_ == "prep" and c.lower_ == "of"
                          for p in children_of(c) if p.dep_ == "pobj" and p.i in by_tok), None)
        if owner is None or owner.kind not in {"person", "pronoun"} or owner.actor.country in BODY_CODES:
            continue
        name = next((by_tok[c.i] for c in children_of(t) if c.dep_ == "appos" and c.i in by_tok
                     and by_tok[c.i].kind == "person" and not by_tok[c.i].actor.country), None)
        if name is None and t.dep_ == "appos" and t.head.i in by_tok and by_tok[t.head.i].kind == "person" \
                and not by_tok[t.head.i].actor.country:
            name = by_tok[t.head.i]  # "Sebastien Lai, Jimmy Lai's son"
        start, end = (min(t.i, name.start), max(t.i + 1, name.end)) if name is not None else (t.i, t.i + 1)
        lo = min(start, owner.start)
        phrase = doc[lo:end]
        who = owner.actor.entity or owner.actor.text
        # "Alinejad's relatives in Iran": where the relatives live says whose they are
        home = next((by_tok[p.i].actor.country for c in children_of(t) if c.dep_ == "prep" and c.lower_ == "in"
                     for p in children_of(c) if p.dep_ == "pobj" and p.i in by_tok
                     and by_tok[p.i].actor.reason == "country name" and by_tok[p.i].actor.country
                     and by_tok[p.i].actor.country not in BODY_CODES), None)
        actor = Actor(span_text(phrase), home or owner.actor.country, "CVL", None, None,
                      Span(phrase.start_char, phrase.end_char, span_text(phrase)), min(owner.actor.confidence, 0.6),
                      f"{t.lemma_.lower()} of {who}: a private person of "
                      + ("the country they live in" if home else "the relative's country"))
        if name is not None:
            out = [m for m in out if m is not name]
            for x in doc[name.start:name.end]:
                if x.pos_ == "PROPN" and not any(x.lower_ == w.lower() for w in who.split()):
                    named[x.lower_] = actor
        out.append(ActorMention(start, end, actor, "person"))
        by_tok.update({i: out[-1] for i in range(start, end)})
    if not named:
        return out
    # "Sebastien Lai said", "he said": the relative named again, or a pronoun standing for them
    def again(m: ActorMention) -> Actor | None:
        if m.actor.country or m.kind not in {"person", "pronoun"}:
            return None
        words = m.actor.text.split() if m.kind == "person" else m.actor.reason.partition("→")[2].split()
        return next((named[w.lower()] for w in words if w.lower() in named), None)

    return [replace(m, actor=replace(kin, text=m.actor.text, span=m.actor.span)) if (kin := again(m)) else m
            for m in out]


def _minorities(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A people named in or of a place ("the Albanians of southern Serbia", "ethnic Albanians in
    Macedonia") belongs to the state it lives in, not to its kin-state; "ethnic Turks" with no
    place belongs to the other country the sentence names, when there is exactly one."""
    by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    absorbed: set[int] = set()
    for m in mentions:
        if m.kind != "country" or (m.actor.reason != "country name" and m.actor.reason != "demonym") \
                or doc[m.end - 1].tag_ not in {"NNPS", "NNS"}:
            out.append(m)
            continue
        head = doc[m.end - 1]
        where = None
        # "Iraqi Kurds", "Bosnian Serbs": a people named with the state it lives in
        state = next((by_tok[c.i] for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"} and c.i in by_tok
                      and by_tok[c.i].kind == "country" and by_tok[c.i].actor.country not in (None, m.actor.country)
                      and by_tok[c.i].actor.country not in BODY_CODES), None)
        if state is not None:
            absorbed.add(id(state))
            phrase = doc[state.start:m.end]
            out.append(replace(m, start=state.start, actor=replace(
                m.actor, text=span_text(phrase), span=Span(phrase.start_char, phrase.end_char, span_text(phrase)),
                country=state.actor.country, sector="CVL", reason=f"{m.actor.text}: a people of {state.actor.country}")))
            continue
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "from", "living"}:
                for t in prep.subtree:
                    other = by_tok.get(t.i)
                    if other is not None and other is not m and other.actor.country and other.actor.country != m.actor.country:
                        where = other.actor.country
                        break
            if where:
                break
        if where is None and any(c.lower_ in _ETHNIC for c in head.lefts):
            others = {o.actor.country for o in mentions if o.kind in {"country", "place"} and o is not m
                      and o.actor.country and o.actor.country != m.actor.country and o.start >= sentence_start(head)
                      and o.end <= sentence_end(head) and o.actor.country not in BODY_CODES}
            where = next(iter(others)) if len(others) == 1 else None
        if where is None:
            out.append(m)
            continue
        out.append(replace(m, actor=replace(m.actor, country=where, sector="CVL",
                                            reason=f"{m.actor.text} living in {where}")))
    return [m for m in out if id(m) not in absorbed]


def _main_countries(mentions: list[ActorMention]) -> list[str]:
    """The document's countries, most mentioned first."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.actor.country and m.kind != "place" and len(m.actor.country) == 3 and m.actor.country not in BODY_CODES:
            counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
    return [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


_AMBIGUOUS = ", ambiguous name"


def _unsupported_bodies(mentions: list[ActorMention]) -> list[ActorMention]:
    """An institution named by an ambiguous alias ("SDF", "IRA") is taken only when the
    document also names its country; otherwise it stays an unresolved organisation."""
    named = {m.actor.country for m in mentions if m.actor.country and not m.ambiguous}
    out = []
    for m in mentions:
        if m.ambiguous and m.actor.country not in named:
            reason = f"unresolved organisation ({m.actor.entity}?{_AMBIGUOUS}; its country is not named)"
            m = replace(m, ambiguous=False, actor=replace(m.actor, country=None, sector=None, entity=None, confidence=0.3,
                                                          reason=reason))
        out.append(m)
    return out


# unnamed or unknown actors that belong to a state even when the text does not say which
_SOLE_COUNTRY_KINDS = {"person", "title", "group", "pronoun"}
# organisations of these sectors are national (parties, armed groups, courts...); others
# ("the International Labour Office", "a charity") may be international
_NATIONAL_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "PTY", "OPP", "REB"}


_BLOC_WORDS = words.word_set("actors", "bloc_words")
# a token whose lower-cased form is an ASCII word has that word in the lower-cased text (only
# a Greek sigma lower-cases by its context), so the text tells when no token can be one
_BLOC_ASCII = all(w.isascii() for w in _BLOC_WORDS)


def _western(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Western politicians", "Western nations", "Western diplomats": a group of several states
    of a bloc, not of the state the report is about (``IGO``, as for a body of states)."""
    if _BLOC_ASCII:
        low = text_of(doc).lower()
        if not any(w in low for w in _BLOC_WORDS):
            return list(mentions)  # (most documents: no bloc word anywhere in the text, so no token is read)
    out = []
    for m in mentions:
        if m.kind == "group" and m.actor.country is None and any(t.lower_ in _BLOC_WORDS for t in doc[m.start:m.end]):
            m = replace(m, actor=replace(m.actor, country="IGO", confidence=min(m.actor.confidence, 0.5),
                                         reason=f"{m.actor.reason}; a group of Western states"))
        out.append(m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for t in doc:
        if t.lower_ not in _BLOC_WORDS:
            continue  # (before ``t.head``: most words are none)
        head = t.head
        if t.dep_ == "amod" and head.lemma_.lower() in _STATE_NOUNS \
                and head.tag_ in {"NNS", "NNPS"} and head.i not in covered and t.i not in covered:
            # "the U.S. and other Western nations": states of the bloc, no title names them
            start = min(c.i for c in head.lefts if c.dep_ in {"amod", "det", "compound"})
            phrase = doc[start:head.i + 1]
            out.append(ActorMention(start, head.i + 1, Actor(span_text(phrase), "IGO", "GOV", None, None,
                                                             Span(phrase.start_char, phrase.end_char, span_text(phrase)),
                                                             0.5, "group; a group of Western states"), "group"))
    return out


_STATE_NOUNS = words.word_set("actors", "state_nouns")


def _sole_country(mentions: list[ActorMention], named: set[str]) -> list[ActorMention]:
    """A report that names one state only is about that state: an official, a judge or a
    rebel group whose country it leaves unsaid ("Judge X opened investigations against 28
    Chilean officials") is taken to be of that state, with a low confidence."""
    # named: the countries of country words, some of which a group phrase has since taken in
    states = {c for c in named | {m.actor.country for m in mentions if m.actor.country} if c not in BODY_CODES}
    if len(states) != 1:
        return mentions
    (only,) = states
    out = []
    for m in mentions:
        national = m.kind in _SOLE_COUNTRY_KINDS or (m.kind == "org" and m.actor.sector in _NATIONAL_SECTORS)
        if m.actor.country is None and national:
            m = replace(m, actor=replace(m.actor, country=only, confidence=min(m.actor.confidence, 0.4),
                                         reason=f"{m.actor.reason}; the only country the document names"))
        out.append(m)
    return out


# groups that belong to a state and are placed in the one the report is about when it does not
# say which ("authorities", "security forces", "lawmakers", "protesters")
_HOME_SECTORS = _NATIONAL_SECTORS | {"CVL", "EDU", "MED", "JRN", "BUS", "REL"}


def _state_counts(mentions: list[ActorMention], *, stated: bool = False) -> dict[str, int]:
    """How often each state is named (places and international bodies left out); ``stated``
    counts only mentions with words in the text, not inferred ones."""
    counts: dict[str, int] = {}
    for m in mentions:
        c = m.actor.country
        if c and m.kind != "place" and c not in BODY_CODES and (not stated or m.actor.span is not None):
            counts[c] = counts.get(c, 0) + 1
    return counts


def _home_groups(mentions: list[ActorMention], doc: Doc | None = None) -> list[ActorMention]:
    """A national group whose country the text leaves unsaid belongs, most likely, to the
    country the report is mostly about: its most named state, when one clearly leads (named
    at least twice and more often than any other). A person or an office ("the minister") is
    left to the rules that pair officials across a bilateral report."""
    mentions = [_of_the_people_named(m, mentions, doc) for m in mentions]
    ranked = sorted(_state_counts(mentions).items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return mentions
    home = ranked[0][0]
    # a person or an office is placed only when no second state shares the report
    clear = len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]
    out = []
    for m in mentions:
        # a named person of no stated office or country ("journalist X") too: a report that
        # clearly leads with one state is mostly about that state's people
        placeable = m.kind == "group" or (clear and ((m.kind in {"person", "title"} and m.actor.sector in _NATIONAL_SECTORS)
                                                    or (m.kind == "person" and m.actor.sector in _HOME_SECTORS - {"GOV"}
                                                    and not _abroad(m, mentions, home, doc))))
        if placeable and m.actor.country is None and m.actor.sector in _HOME_SECTORS:
            m = replace(m, actor=replace(m.actor, country=home, confidence=min(m.actor.confidence, 0.3),
                                         reason=f"{m.actor.reason}; the country the report is mostly about"))
        out.append(m)
    return out


def _of_the_people_named(m: ActorMention, mentions: list[ActorMention], doc: Doc | None) -> ActorMention:
    """"thanked the Azerbaijani people for their part in the initiative, through which caring
    individuals will deliver generators": private people of no stated country, in a sentence
    that has just named a people ("the Azerbaijani people", "Kenyan citizens"), are of that
    people; nearer evidence than the country the whole report is mostly about."""
    if doc is None or m.kind != "group" or m.actor.country is not None or m.actor.sector != "CVL":
        return m
    sent = sentence_of(doc[m.start])
    for o in reversed(mentions):
        if o.end <= m.start and o.start >= sent.start and o.actor.sector == "CVL" and o.actor.country \
                and o.actor.country not in BODY_CODES and o.kind in {"group", "country"}:
            return replace(m, actor=replace(m.actor, country=o.actor.country, confidence=min(m.actor.confidence, 0.5),
                                            reason=f"{m.actor.reason}; of the people named before it ({o.actor.text})"))
    return m


def _abroad(m: ActorMention, mentions: list[ActorMention], home: str, doc: Doc | None) -> bool:
    """Whether the sentence that names a person also names a state other than ``home``
    ("Galizia, a journalist killed in Malta"): the person may be of that state."""
    if doc is None:
        return True
    sent = sentence_of(doc[m.start])
    return any(o.actor.country not in (None, home) and o.actor.country not in BODY_CODES and o.kind in {"country", "place"}
               and sent.start <= o.start < sent.end for o in mentions)


def _absorb_countries(mentions: list[ActorMention]) -> list[ActorMention]:
    """A demonym inside a group or title phrase ("Iraqi police") is part of that actor, not one of
    its own; so is an international body naming whose officials they are ("NATO defense ministers")."""
    spans = [(m.start, m.end) for m in mentions if m.kind in {"group", "title"} and m.end - m.start > 1]
    return [m for m in mentions if not ((m.kind == "country" or (m.kind == "org" and m.actor.country in _INTERGOVERNMENTAL))
                                        and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end)
                                                for a, b in spans))]


_INTERGOVERNMENTAL = frozenset({"UNO", "EUR", "IGO"})


def _body_before_title(doc: Doc, m: ActorMention, gaz: Gazetteer) -> bool:
    """"NATO defense ministers", "G7 foreign ministers", "EU leaders": an international body
    naming whose officials a title means; the title phrase takes it in (one side, of the body)
    rather than leaving the officials to be placed apart from it."""
    if m.kind != "org" or m.actor.country not in _INTERGOVERNMENTAL:
        return False  # "ISIL fighters", "Hamas leaders" stay the group itself, linked to its entry
    last = doc[m.end - 1]
    head = last.head
    return last.dep_ in {"compound", "nmod", "amod"} and head.i > last.i and head.pos_ in {"NOUN", "PROPN"} \
        and (gaz.title(head.lemma_) is not None or gaz.title(head.text) is not None)


def _counterparts(doc: Doc, mentions: list[ActorMention], people: dict[str, _Person], main: list[str], gaz: Gazetteer) -> None:
    """An official of unstated nationality who meets "his Ukrainian counterpart" in a report on
    two countries belongs to the other one."""
    if len(main) < 2:
        return
    pair = main[:2]
    for m in mentions:
        if m.kind != "person" or m.actor.entity not in people:
            continue
        p = people[m.actor.entity]
        if p.country or not p.role:
            continue
        for tok in sentence_of(doc[m.start]):
            if tok.lemma_.lower() in {"counterpart", "colleague", "opposite"} and tok.i > m.end:
                codes = {hit.code for hit in (gaz.country(c.text) for c in tok.lefts
                                              if c.dep_ in {"amod", "compound", "nmod"}) if hit}
                if len(codes) == 1 and next(iter(codes)) in pair:
                    p.country = next(c for c in pair if c not in codes)
                    break


# --------------------------------------------------------------------------- entities


def _entities(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    """spaCy entities of actor-like labels, with the model's systematic slips corrected."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ == "LANGUAGE" and (hit := gaz.country(ent.text)) is not None and hit.kind == "plural":
            from spacy.tokens import Span as SpacySpanCls

            ent = SpacySpanCls(doc, ent.start, ent.end, label="NORP")  # "ethnic Greeks": a people, not a language
        if ent.label_ not in _ENT_LABELS:
            continue
        out.extend(_split_title_name(ent, gaz))
    return out


def _split_title_name(ent: SpacySpan, gaz: Gazetteer) -> list[SpacySpan]:
    """An ORG that is an institution followed by a name ("Council of the Republic Natalya
    Kochanova") is two mentions: the model glues a title's complement to the name after it."""
    if ent.label_ != "ORG" or len(ent) < 4:
        return [ent]
    doc = ent.doc
    for cut in range(ent.end - 2, ent.start + 1, -1):
        tail = doc[cut:ent.end]
        head = doc[ent.start:cut]
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail) and len(tail) <= 3 \
                and gaz.institution(head.text) is not None:
            from spacy.tokens import Span as SpacySpanCls

            return [SpacySpanCls(doc, ent.start, cut, label="ORG"), SpacySpanCls(doc, cut, ent.end, label="PERSON")]
    return [ent]


def _clean(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"^(the|The)\s+", "", text).strip()


def _resolve_entity(ent: SpacySpan, gaz: Gazetteer, people: dict[str, _Person],
                    year: int | None = None) -> ActorMention | None:
    raw = span_text(ent)
    text = _clean(raw)
    if not text:
        return None
    span = Span(ent.start_char, ent.end_char, raw)
    label = ent.label_
    inst = gaz.institution(text)
    igo = gaz.igo(text)
    if inst is None and igo is None and len(ent) > 1 and ent[-1].lower_ in {"group", "movement", "militia", "organization"}:
        # "the Islamic State group", "the Hamas movement": a listed body named with its kind
        bare = _clean(span_text(ent[:-1]))
        inst, igo = gaz.institution(bare), gaz.igo(bare)
    place = gaz.country(text)
    if place is None and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        place = gaz.country(f"the {text}")  # "the Emirates", "the Gambia": names that need their article
    known = _known_person(text, gaz, year)
    if label in {"GPE", "NORP", "ORG", "PERSON"} and len(ent) == 1 and not (inst or igo or place or known):
        # a misspelt country ("Ethopia", "Afganistan"): a close match with the same first letter
        fuzzy = gaz.country_fuzzy(text) if label in {"GPE", "NORP"} or ent.root.dep_ in {"nsubj", "pobj", "poss"} else None
        if fuzzy is not None:
            place, label = fuzzy, "GPE"
    if place is None and label == "NORP" and len(ent) == 2:
        # "Bosnian Serbs", "Iraqi Kurds" as one entity: a people of the state the first word names
        state, people_ = gaz.country(ent[0].text), gaz.country(ent[1].text)
        if state is not None and people_ is not None and people_.kind == "plural" and state.code not in BODY_CODES:
            place = replace(state, kind="plural")
    if known is not None and label != "PERSON" and not (inst or igo or place):
        label = "PERSON"  # "Museveni" tagged ORG or GPE
    if len(ent) == 1 and not (inst or igo) and not (place is not None and place.kind == "capital") \
            and _surname_of_someone(text, people):
        # "Jose Ruben Zamora ... authorities arrested Zamora": the surname of a person the story
        # has named is that person, not the town of the same name; a capital stays the state
        # ("Trump, Erdogan Ankara will ..." tagged as one name does not make "Ankara" a person)
        label, place = "PERSON", None
    if label == "PERSON" and known is not None and known.name and " " in text:
        inst = igo = place = None  # a full name of a known person is the person
    if label == "PERSON" and (inst or igo or place):
        label = "ORG" if (inst or igo) else "GPE"  # "Karabakh" tagged PERSON
    if label == "ORG" and inst is None and igo is None and place is not None and len(ent) == 1:
        label = "GPE"  # "GUAM"-like slips handled by igo; a lone country word is a country
    if label in {"GPE", "NORP", "LOC", "FAC"} and (inst or igo):
        label = "ORG"  # "Majlis" tagged NORP; "the Ukrainian Embassy" tagged FAC
    if label == "ORG" and inst is None and igo is None and place is not None \
            and place.kind in {"demonym", "name", "alt", "plural"}:
        label = "GPE"  # "the Azerbaijani" tagged ORG
    if label == "ORG" and inst is None and igo is None and place is not None and place.kind == "region" and not place.ambiguous:
        label = "LOC"  # "the occupied West Bank", "the Gaza Strip" tagged ORG
    if label == "ORG" and inst is None and igo is None and ent.root.lower_ in _PLACE_HEADS:
        label = "FAC"  # "the Alley of Martyrs" tagged ORG
    if label == "ORG" and inst is None and igo is None and place is None and len(ent) <= 2:
        city = gaz.place(text)
        if city is not None:  # "Grozny" tagged ORG
            return ActorMention(ent.start, ent.end, Actor(raw, city.country, None, None, None, span, 0.5,
                                                          "city"), "place")
    if label == "ORG" and inst is None and igo is None and _looks_like_person(ent):
        label = "PERSON"  # "Husyev" tagged ORG
    if label == "PERSON":
        prefix = _title_prefix(ent, gaz)
        person = _person_attributes(ent, text, gaz, prefix)
        person.first = ent.start
        if known is not None:
            # the title written in the text wins; the gazetteer fills what it leaves out
            person.country = person.country or known.country
            if person.role is None:
                person.role, person.sector = known.role, person.sector or known.sector
            if _deceased(ent):
                person.sector = "ELI"
        key = person.name
        seen = people.setdefault(key, person)
        seen.country = seen.country or person.country
        seen.sector = seen.sector or person.sector
        seen.role = seen.role or person.role
        reason = "title pattern" if person.role and (known is None or person.role != known.role) \
            else "known person" if known is not None else "named person"
        actor = Actor(text=raw, country=person.country, sector=person.sector, entity=key,
                      role=person.role, span=span, confidence=0.9 if person.role else 0.7, reason=reason)
        start = prefix[0].i if person.role and prefix else ent.start
        return ActorMention(start, ent.end, actor, "person")
    if label == "ORG":
        owner = _possessor_country(ent, gaz) if inst is not None and inst.country is None else None
        if owner is not None and inst is not None:  # (an owner is only looked for when there is a body)
            # "Iran's Foreign Ministry": a generic body of the state in the possessive
            named = gaz.institution(f"{gaz.country_name(owner)} {text}")
            actor = Actor(raw, owner, inst.sector, named.name if named is not None and named.country == owner else None,
                          None, span, 0.9, f"institution ({inst.kind}) of the state in the possessive")
        elif inst is not None:
            actor = Actor(raw, inst.country, inst.sector, inst.name if inst.country else None, None, span,
                          0.95 if inst.country and not inst.ambiguous else 0.6,
                          f"institution ({inst.kind})" + (_AMBIGUOUS if inst.ambiguous else ""))
        elif igo is not None:
            actor = Actor(raw, igo.code, igo.sector, igo.canonical, None, span, 0.95, "international organisation")
        else:
            country, sector = _org_guess(ent, gaz)
            reason = "unresolved organisation" if not country else \
                "unlisted body with a worldwide name" if country in {"NGO", "MNC"} else "organisation, country from its name"
            owner = _possessor_country(ent, gaz) if not country else None
            if owner is not None:  # "Britain's Ofcom", "Iran's IRGC": the state it belongs to
                country, reason = owner, "organisation, country from its possessor"
            led = _leader_body(ent, gaz) if not country else None
            if led is not None:  # "Clinton Administration", "the Netanyahu Government": the leader's state
                country, sector, reason = led, "GOV", "government named by its leader"
            actor = Actor(raw, country, sector, _clean(raw), None, span,
                          0.3 if country in (None, "NGO", "MNC") else 0.5, reason)
            return ActorMention(ent.start, ent.end, actor, "org", _pair_in(ent, gaz))
        return ActorMention(ent.start, ent.end, actor, "org", ambiguous=inst is not None and inst.ambiguous)
    if place is not None and label not in {"FAC", "LOC"} and _stance_token(ent[0]):
        return None  # "anti-Syria journalist": Syria is the object of the stance
    if place is not None:
        # "Palestinians", "Algerians": the people of a country
        # a capital standing for its state ("Berlin rejected ...") is that state's government
        sector = {"partial": "PRE", "plural": "CVL", "capital": "GOV"}.get(place.kind)
        kind = "place" if label in {"FAC", "LOC"} else "country"
        reason = {"demonym": "demonym", "capital": "capital as metonym",
                  "metonym": "seat of power"}.get(place.kind, "country name")
        actor = Actor(raw, place.code, sector, None, None, span, 0.6 if place.ambiguous else 0.95, reason)
        return ActorMention(ent.start, ent.end, actor, kind)
    region = _part_of(ent, gaz) if label in {"GPE", "LOC", "NORP"} else None
    if region is not None:
        return ActorMention(ent.start, ent.end, Actor(raw, region[0], None, None, None, span,
                                                      0.45 if region[1] else 0.6, "part of a country"), "place")
    if label in {"FAC", "LOC"}:
        return ActorMention(ent.start, ent.end, Actor(raw, None, None, None, None, span, 0.3, "place"), "place")
    if label == "GPE" and len(ent) <= 3:
        city = gaz.place(text)  # "Aleppo", "Tel Aviv": a place of a known country, not an actor itself
        if city is not None:
            return ActorMention(ent.start, ent.end, Actor(raw, city.country, None, None, None, span, 0.5, "city"), "place")
    return None


def _part_of(ent: SpacySpan, gaz: Gazetteer) -> tuple[str, bool] | None:
    """"Western Cambodia", "southern Lebanon", "north-east Syria": a part of a country named by
    a compass word before the country or a town of it (full names such as "North Korea" or
    "West Bank" are found first, as terms of their own). The compass word makes even an
    ambiguous name ("Eastern Chad") a place; the flag says it was ambiguous."""
    words = [t for t in ent if t.lower_ not in {"the", "-"}]
    if len(words) < 2 or words[0].lower_ not in _COMPASS:
        return None
    rest = _clean(ent.doc[words[1].i:ent.end].text)
    hit = gaz.country(rest)
    if hit is not None and hit.code not in BODY_CODES and hit.kind not in {"demonym", "plural"}:
        return hit.code, hit.ambiguous
    town = gaz.place(rest) if rest[:1].isupper() else None
    return (town.country, True) if town is not None else None


def _known_person(text: str, gaz: Gazetteer, year: int | None) -> PersonHit | None:
    """A well-known person named by text; for an alias several people share ("Bush") whose
    holders all belong to one country, a nameless hit with that country (and their common
    sector, if any): "the Bush administration" is American whichever Bush it is."""
    hit = gaz.person(text, year=year)
    if hit is not None:
        return hit
    hits = gaz.people_named(text, year=year)
    if hits and len({h.country for h in hits}) == 1:
        sectors = {h.sector for h in hits}
        return PersonHit("", hits[0].country, sectors.pop() if len(sectors) == 1 else None, None)
    return None


def _looks_like_person(ent: SpacySpan) -> bool:
    """A one- or two-token capitalised proper noun governing or governed like a person."""
    if len(ent) > 3 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    head = ent.root
    return (head.dep_ in {"nsubj", "appos", "pobj", "dobj"} and any(
        c.dep_ in {"compound"} and c.text.lower() in {"ambassador", "president", "minister"} for c in children_of(head)
    )) or (len(ent) == 1 and head.dep_ == "nsubj" and head.head.lemma_ in _SPEECH_VERBS | {"thank", "express", "meet", "visit"})


_LED_BODIES = words.word_set("actors", "led_bodies")


def _leader_body(ent: SpacySpan, gaz: Gazetteer) -> str | None:
    """The state of a government named by its leader ("Clinton Administration"): the country
    every well-known person of that name belongs to."""
    words = [t for t in ent if t.lower_ not in {"the", "'s"}]
    if len(words) < 2 or words[-1].lower_ not in _LED_BODIES:
        return None
    name = " ".join(t.text for t in words[:-1])
    hits = gaz.people_named(name)
    countries = {h.country for h in hits if h.country}
    return countries.pop() if len(countries) == 1 else None


def _org_guess(ent: SpacySpan, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """An unknown organisation takes its country from a country word inside its name."""
    for tok in ent:
        hit = gaz.country(tok.text)
        if hit is not None and not hit.ambiguous:
            title = gaz.title(ent.text)
            return hit.code, title.sector if title else _sector_from_words(ent, gaz)
    if any(t.lower_ in _WORLDWIDE for t in ent[1:] if t.text[:1].isupper()) or ent[0].lower_ in _WORLDWIDE:
        # an unlisted body with a worldwide name and no country ("Third World Water Forum",
        # "Global Witness"): a non-governmental organisation (listed bodies were found first)
        sector = _sector_from_words(ent, gaz)
        return ("MNC" if sector == "BUS" else "NGO"), sector
    return None, _sector_from_words(ent, gaz)


def _pair_in(ent: SpacySpan, gaz: Gazetteer) -> tuple[str, ...]:
    """The two countries of a bilateral body's name ("Azerbaijan-Ukraine", "Azerbaijani-Ukrainian")."""
    codes: list[str] = []
    for tok in ent:
        if _in_pair(tok, gaz):
            hit = gaz.country(tok.text)
            if hit is not None and hit.code not in codes:
                codes.append(hit.code)
    return tuple(codes) if len(codes) == 2 else ()


def _sector_from_words(ent: SpacySpan, gaz: Gazetteer) -> str | None:
    """An unknown body's sector from a telling word in its name ("Intergovernmental
    Commission"), else from the people it gathers ("Union of Teachers", "Association of
    Journalists")."""
    for tok in reversed(list(ent)):
        for part in tok.lower_.split("-"):
            if part in _SECTOR_WORDS:
                return _SECTOR_WORDS[part]
    for tok in ent:
        if (tok.tag_ in {"NNS", "NNPS"} or tok.lower_.endswith("s")) and tok.i > ent.start:
            title = gaz.title(tok.lemma_) or gaz.title(tok.text)
            if title is not None and title.sector and title.sector != "GOV":
                return title.sector
    return None


def _np_window(head: Token) -> list[Token]:
    """The tokens describing a name: its modifiers, appositions and their complements,
    nearest first (breadth-first), so a long complement cannot crowd out the title."""
    keep = {"compound", "amod", "appos", "prep", "pobj", "nmod", "det", "punct", "flat", "poss", "case", "cc", "conj"}
    out: list[Token] = []
    seen = {head.i}
    queue = [head]
    while queue and len(out) < _MAX_NP_TOKENS:
        tok = queue.pop(0)
        out.append(tok)
        for child in children_of(tok):
            if child.dep_ in keep and child.i not in seen:
                if child.dep_ == "conj" and child.ent_type_ == "PERSON":
                    continue  # "Zelensky and Aliyev": the second person is not a title of the first
                seen.add(child.i)
                queue.append(child)
    return sorted(out, key=lambda t: t.i)


def _of_an_office(tok: Token, gaz: Gazetteer) -> bool:
    """Whether a body's name completes an office by "of", directly or through a unit of it:
    "director of Reporters Without Borders", "head of the Africa bureau of Amnesty International"
    (not "who was sanctioned by the European Union")."""
    node = tok
    for _ in range(3):
        prep = node.head
        if node.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
            return False
        node = prep.head
        if gaz.title(node.lemma_) is not None or gaz.title(node.text) is not None:
            return True
    return False


def _hyphen_general(tok: Token) -> bool:
    """"secretary-general" written with a hyphen, which the tokenizer splits off."""
    doc = tok.doc
    return tok.lower_ == "secretary" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" \
        and doc[tok.i + 2].lower_ == "general"


def _person_attributes(ent: SpacySpan, name: str, gaz: Gazetteer, prefix: list[Token]) -> _Person:
    """Office, country and sector from the title phrase around a name; ``prefix``: the title
    written right before it (``_title_prefix``)."""
    person = _Person(name=name)
    root = ent.root
    anchor = root
    # the name may hang off its title ("Ambassador ... Yuriy Husyev" as appos/compound of the title)
    if root.dep_ in {"appos", "compound"} and root.head.i not in range(ent.start, ent.end):
        anchor = root.head
    window = [t for t in _np_window(anchor) if t.i < ent.start or t.i >= ent.end]
    if anchor is not root:
        window += [t for t in _np_window(root) if (t.i < ent.start or t.i >= ent.end) and t not in window]
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON":
        # "Amirov and Omarov, both from Azerbaijan": a description shared by both names
        shared = [c for c in children_of(root.head) if c.dep_ in {"prep", "appos"} and c.i > root.i
                  and any(g.lower_ in {"both", "all"} for g in c.subtree)]
        window += [t for c in shared for t in c.subtree if t not in window]
    window = sorted(window, key=lambda t: t.i)
    text = " ".join(t.text for t in window)
    # the title nearest the name wins in a prefix ("Azerbaijani President ... Prime Minister X")
    titles = sorted(gaz.find_titles(" ".join(t.text for t in prefix)), key=lambda h: -h[1]) if prefix else []
    titles = titles or gaz.find_titles(text)
    if titles:
        best = titles[0][2]
        person.role, person.sector = best.role, best.sector
    person.country = (_country_in(prefix, gaz) if prefix else None) or _country_in(window, gaz) \
        or (_body_in([t for t in window if t.i < ent.start], gaz) if person.role else None)
    if _deceased(ent):
        person.sector = "ELI"
        if person.role and not person.role.startswith(("late", "former")):
            person.role = f"late {person.role}"
    if person.sector == "GOV" and any(t.lower_ == "shadow" for t in prefix or window):
        person.sector = "OPP"  # "the shadow justice secretary": the opposition's spokesperson for the office
    inst = _institution_in(window, gaz)
    if inst is None and person.country is None:
        # "Artur Romeu, director of ... Reporters Without Borders": an office of an international body
        # (the document's entities are built only when there is a window for one to be in)
        body = next((gaz.igo(_clean(e.text)) for e in ent.doc.ents
                     if e.label_ == "ORG" and window[0].i <= e.start and e.end <= window[-1].i + 1
                     and any(_of_an_office(t, gaz) for t in e if t.head.i not in range(e.start, e.end))
                     and gaz.igo(_clean(e.text)) is not None), None) if window else None
        if body is not None:
            person.country = body.code
    if inst is not None:
        person.country = person.country or inst.country
        if person.sector is None or (inst.sector == "LEG" and person.sector == "GOV"
                                     and person.role in {"chairman", "chair", "chairperson", "speaker", "head", "member"}):
            person.sector = inst.sector
    return person


_PREFIX_GLUE = words.word_set("actors", "prefix_glue")
_PREFIX_STOP = words.word_set("actors", "prefix_stop")


def _title_prefix(ent: SpacySpan, gaz: Gazetteer) -> list[Token]:
    """The title written right before a name ("Ukrainian Foreign Minister Andrii Sybiha",
    "Chairman of the Council of the Republic Natalya Kochanova"), as tokens; [] when none."""
    doc = ent.doc
    toks: list[Token] = []
    i = ent.start - 1
    while i >= 0 and len(toks) < 12:
        t = doc[i]
        low = t.lower_
        if (t.is_punct and t.text not in {"-"}) or low in _PREFIX_STOP or t.ent_type_ == "PERSON" or "\n" in t.text \
                or (t.pos_ in {"VERB", "AUX", "PRON", "NUM"} and not gaz.is_title_modifier(low)):  # "Ousted" is a VERB
            break
        if not (t.text[:1].isupper() or low in _PREFIX_GLUE or gaz.title(low) is not None
                or (t.pos_ in {"NOUN", "ADJ"} and i + 1 < len(doc) and gaz.title(span_text(doc[i:ent.start])) is not None)):
            break
        toks.insert(0, t)
        i -= 1
    while toks and toks[0].lower_ in _PREFIX_GLUE:
        toks.pop(0)
    if not toks:
        return []
    text = " ".join(t.text for t in toks)
    hits = gaz.find_titles(text)
    if not hits:
        return []
    # the title must reach the name: only capitalised words or glue may follow it
    last_end = max(h[1] for h in hits)
    rest = text[last_end:].split()
    if any(not (w[:1].isupper() or w.lower() in _PREFIX_GLUE) for w in rest):
        return []
    first = min(h[0] for h in hits)
    head = text[:first].split()
    keep = len(head)
    # keep a country word or modifier right before the title ("Ukrainian", "Azerbaijan's")
    while keep and (gaz.country(head[keep - 1].rstrip("'s").rstrip("’s")) is not None or head[keep - 1] in {"'s", "’s", "-"}):
        keep -= 1
    return toks[keep:]


def _deceased(ent: SpacySpan) -> bool:
    """The name hangs off "the grave of", "the memory of" ...: a late leader."""
    tok = ent.root
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _DECEASED_HEADS:
            return True
        if tok.pos_ == "VERB":
            return False
    return False


def _possessor_country(ent: SpacySpan, gaz: Gazetteer) -> str | None:
    """The state named in the possessive before a name ("Britain's X", "Kenya's Y")."""
    for c in children_of(ent.root):
        if c.dep_ == "poss" and c.i < ent.start:
            hit = gaz.country(c.text)
            if hit is not None and not hit.ambiguous and hit.code not in BODY_CODES:
                return hit.code
    return None


def _country_in(tokens: list[Token], gaz: Gazetteer) -> str | None:
    """The country a title phrase names: a demonym or country right on the title first, then
    the first other one that is neither an accreditation ("ambassador to Azerbaijan") nor half
    of a bilateral pair ("the Azerbaijan-Ukraine working group")."""
    found: list[tuple[int, int, str]] = []
    for tok in tokens:
        if tok.pos_ not in {"PROPN", "ADJ", "NOUN"}:
            continue
        if tok.head.dep_ == "prep" and tok.head.lower_ in {"to", "in", "with"} and tok.dep_ == "pobj":
            continue
        if _in_pair(tok, gaz) or _stance_token(tok):
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in _CONTINENT_HALVES and tok.lower_.startswith("america"):
            continue  # "the Latin America bureau", "South American leaders": a continent, not the United States
        hit = gaz.country(tok.text)
        if hit is None:
            continue
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        direct = (tok.dep_ in {"amod", "compound", "nmod"} and gaz.title(tok.head.lower_) is not None) \
            or (nxt is not None and gaz.title(nxt.lower_) is not None)
        if not hit.ambiguous or direct:  # "Georgian President": a title makes the demonym a country
            found.append((0 if direct else 1, tok.i, hit.code))
    return min(found)[2] if found else None


def _coordinated_of(preps: list[Token], gaz: Gazetteer) -> tuple[str, ...]:
    """"the Presidents of Ukraine and Azerbaijan": the countries of a coordinated "of"
    complement, in order, when there are several (one side each)."""
    for prep in preps:
        if prep.lower_ != "of":
            continue
        obj = next((c for c in children_of(prep) if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        codes: list[str] = []
        for t in [obj] + [c for c in children_of(obj) if c.dep_ == "conj"]:
            hit = gaz.country(t.text) if t.pos_ == "PROPN" else None
            if hit is not None and hit.kind in {"name", "alt"} and hit.code not in codes:
                codes.append(hit.code)
        if len(codes) > 1:
            return tuple(codes)
    return ()


def _body_in(tokens: list[Token], gaz: Gazetteer) -> str | None:
    """"UN envoy X", "EU foreign policy chief X", "NATO Secretary General X": the
    international body whose office the title names."""
    for n in (3, 2, 1):
        for k in range(len(tokens) - n + 1):
            run = tokens[k:k + n]
            if run[-1].i - run[0].i != n - 1:
                continue
            hit = gaz.igo(" ".join(t.text for t in run))
            if hit is not None:
                return hit.code
    return None


def _phrase_tokens(tok: Token) -> list[Token]:
    """tok's subtree without the clauses hanging in it ("groups [that] donated goods to
    Baghdad ..."): the words of the noun phrase only."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in children_of(t) if c.dep_ not in {"acl", "relcl", "advcl", "ccomp", "xcomp"})
    return sorted(out, key=lambda t: t.i)


_STANCE = words.word_list("actors", "stance")
OTHERS_OF = words.word_set("actors", "others_of")


def relation_owner(tok: Token) -> bool:
    """ "Israel" in "Israel's militia ally" or "the allies of Israel": the country another
    party is related to."""
    if tok.dep_ == "poss":
        return tok.head.lemma_.lower() in OTHERS_OF
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in OTHERS_OF


def _stance_token(tok: Token) -> bool:
    """ "anti-Syria", "pro-Russian": the country is what the stance is about, not a nationality;
    so "Israel's ally", "allies of Russia" (``relation_owner``)."""
    doc = tok.doc
    low = tok.lower_
    if low.startswith(("anti-", "pro-")) or relation_owner(tok):
        return True
    return tok.i >= 2 and doc[tok.i - 1].text in {"-", "–"} and doc[tok.i - 2].lower_ in _STANCE \
        and doc[tok.i - 1].idx == doc[tok.i - 2].idx + len(doc[tok.i - 2].text)


def _stance(tokens) -> bool:
    return any(_stance_token(t) for t in tokens)


def _in_pair(tok: Token, gaz: Gazetteer) -> bool:
    doc = tok.doc
    for a, b in ((tok.i - 2, tok.i - 1), (tok.i + 2, tok.i + 1)):
        if 0 <= a < len(doc) and 0 <= b < len(doc) and doc[b].text in {"-", "–", "/"} and gaz.country(doc[a].text):
            return True
    return False


def _institution_in(tokens: list[Token], gaz: Gazetteer):
    """A national institution named inside the phrase ("the Azerbaijani Parliament",
    "the Milli Majlis of Azerbaijan"), tried on each noun with its modifiers and complement."""
    for tok in tokens:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        mods = [c for c in tok.lefts if c.dep_ in {"compound", "amod"}]
        start = min([tok.i] + [m.left_edge.i for m in mods])
        doc = tok.doc
        candidates = [span_text(doc[start:tok.i + 1])]
        of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            candidates.insert(0, doc[start:of[0].right_edge.i + 1].text)
        for text in candidates:
            inst = gaz.institution(_clean(text))
            if inst is not None:
                return inst
    return None


def _link_alias(m: ActorMention, people: dict[str, _Person]) -> ActorMention:
    if m.kind != "person":
        return m
    name = m.actor.entity or ""
    best = _match_person(name, people)
    if best is None or best.name == name:
        return m
    best.aliases.add(name)
    # what the variant's own context said fills gaps in the person's record
    variant = people.get(name)
    if variant is not None:
        best.country = best.country or variant.country
        best.sector = best.sector or variant.sector
        best.role = best.role or variant.role
    return replace(m, actor=replace(m.actor, entity=best.name, reason=f"alias of {best.name}"))


def _complete(m: ActorMention, people: dict[str, _Person]) -> ActorMention:
    """Every mention of a person carries the office and country known for that person."""
    if m.kind != "person" or m.actor.entity not in people:
        return m
    p = people[m.actor.entity]
    return replace(m, actor=replace(m.actor, country=p.country or m.actor.country,
                                    sector=p.sector or m.actor.sector, role=p.role or m.actor.role))


def _untagged_surnames(doc: Doc, gaz: Gazetteer, people: dict[str, _Person], covered: set[int],
                       year: int | None) -> list[ActorMention]:
    """"Trump met with Kim": the parser sometimes leaves a bare surname untagged (a noun
    opening a sentence); a capitalised word that is the surname of a person the story names in
    full is that person."""
    from spacy.tokens import Span as SpacySpanCls

    out: list[ActorMention] = []
    surnames = _surnames(people)  # (``_surname_of_someone`` of a word is: it is one of them)
    if not surnames:
        return out
    for i, (pos, ent_type) in enumerate(zip(column(doc, "pos"), column(doc, "ent_type"), strict=True)):
        if ent_type or pos not in _NOUNS or i in covered:
            continue  # (on the doc's tables: most words are no untagged noun)
        tok = doc[i]
        if not tok.text[:1].isupper() \
                or tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT"} \
                or not tok.text.isalpha() or tok.text not in surnames:
            continue
        m = _resolve_entity(SpacySpanCls(doc, tok.i, tok.i + 1, label="PERSON"), gaz, people, year)
        surnames = _surnames(people)  # (resolving may have registered someone)
        if m is not None and m.kind == "person":
            out.append(m)
    return out


def _surnames(people: dict[str, _Person]) -> set[str]:
    """The last names of the people named in full (``_surname_of_someone``)."""
    return {parts[-1] for p in people.values() if len(parts := p.name.split()) > 1}


def _surname_of_someone(word: str, people: dict[str, _Person]) -> bool:
    """Whether a one-word name is exactly the last name of a person named in full before."""
    return any(len(p.name.split()) > 1 and p.name.split()[-1] == word for p in people.values())


def _match_person(name: str, people: dict[str, _Person]) -> _Person | None:
    """The registered person this name stands for: the full name of a bare surname, or the
    first-seen spelling of a close variant ("Maharramzade" -> "Maharramzada")."""
    parts = name.split()
    for p in people.values():  # insertion order: the first spelling seen is canonical
        if p.name == name:
            return None
        pparts = p.name.split()
        if len(parts) == 1 and len(pparts) > 1:
            if pparts[-1] == parts[0] or fuzz.ratio(parts[0], pparts[-1]) >= _FUZZY_THRESHOLD:
                return p
            if pparts[0] == parts[0] and p.country in _FAMILY_NAME_FIRST:
                # "Kim Jong Un" ... "Kim", "Xi Jinping" ... "Xi": Chinese, Korean and Vietnamese
                # names put the family name first, and news calls the person by it
                return p
        elif len(parts) == len(pparts) and len(parts) > 1 and parts[0] == pparts[0] \
                and fuzz.ratio(parts[-1], pparts[-1]) >= _FUZZY_THRESHOLD:
            return p
    return None


_FAMILY_NAME_FIRST = words.word_set("actors", "family_name_first")


# --------------------------------------------------------------------------- titles


def _title_mentions(doc: Doc, gaz: Gazetteer, people: dict[str, _Person], taken: set[int],
                    codes: dict[int, str] | None = None):
    """Title phrases with no name ("the Ukrainian ambassador", "the diplomat") and groups with a
    country ("Iraqi police", "Chechen rebels", "the Serbian army", "Israel's cabinet").
    codes: token -> country of the country names found as entities ("Ivory Coast")."""
    codes = codes or {}
    by_root: dict[int, _Person] = {}
    for p in people.values():
        by_root.setdefault(p.first, p)
    for i, pos in enumerate(column(doc, "pos")):
        if pos not in _NOUNS or i in taken:
            continue  # (on the doc's table: most words are no noun)
        tok = doc[i]
        if tok.dep_ in {"compound", "amod"} or not tok.is_alpha:
            continue
        word, lemma = tok.text, tok.lemma_  # (each read once: spaCy looks them up on every read)
        title = gaz.title(lemma) or gaz.title(word)
        if title is None and lemma.lower() in {"counterpart", "colleague"}:
            title = Title(lemma.lower(), "GOV", 1)  # "his Ukrainian counterpart": an official of that country
        generic = None
        if title is None or tok.lower_ in _COLLECTIVE:
            generic = gaz.institution(word)
            if generic is not None and generic.country is not None:
                generic = None
        left = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "det", "poss", "nmod"}]
        start = min([tok.i] + [c.left_edge.i for c in left])
        # the text of the words k..tok, cut from the doc's text (what ``doc[k:tok.i + 1].text`` is)
        text, end = text_of(doc), tok.idx + len(word)
        if title is None and generic is None and start < tok.i and gaz.ends_a_title(word):
            # a title of several words whose head alone is none ("the main opposition party")
            title = next((t for k in range(start, tok.i) if (t := gaz.title(text[doc[k].idx:end])) is not None), None)
        if title is None and generic is None:
            # (most nouns end here: the phrase is cut only when a lookup needs it)
            # a generic that names an institution only with its country: "Serb forces"
            inst = None
            if start < tok.i and not any(i in taken for i in range(start, tok.i + 1)):
                inst = gaz.institution(text[doc[start].idx:end])
            if inst is not None and inst.country and not _stance(doc[start:tok.i]):
                phrase = doc[start:tok.i + 1]
                span = Span(phrase.start_char, phrase.end_char, span_text(phrase))
                yield ActorMention(start, tok.i + 1, Actor(span_text(phrase), inst.country, inst.sector, inst.name, None, span,
                                                           0.8, f"institution ({inst.kind})"), "group")
                continue
            # (``_located_generic`` finds nothing for a word that is no bare generic)
            located = _located_generic(tok, doc[start:tok.i + 1], gaz, taken) if gaz.generic(word) is not None \
                else None
            if located is not None:
                yield located
            continue
        phrase = doc[start:tok.i + 1]
        if any(i in taken for i in range(start, tok.i + 1)) or any(c.ent_type_ == "PERSON" for c in children_of(tok)):
            continue
        if _stance_noun(tok):
            continue
        ctitle = gaz.title(span_text(phrase)) or title
        # "rebels in Mali", "militants from Syria", "militants on Afghan soil"
        complement = [c for c in tok.rights if c.dep_ == "prep" and (c.lower_ in {"of", "in", "from"} or (c.lower_ == "on"
                      and any(p.lemma_.lower() in {"soil", "territory"} for p in children_of(c))))]
        words = list(phrase) + [t for c in complement for t in _phrase_tokens(c)]
        # the body whose officials these are outranks where they met ("NATO ministers in Brussels")
        country = _country_in(words, gaz) or (_body_in(list(phrase), gaz) if ctitle else None) \
            or _place_country(complement, gaz)
        if country is None:
            # a country name of several words ("Ivory Coast rebels", "rebels in the Ivory Coast")
            near = [codes[t.i] for t in words if t.i in codes and not _stance_token(t)]
            country = near[0] if near else None
        if country is None:
            # "Trump administration officials", "Putin's government": the leader's state
            country = _leader_country(list(phrase), people)
        if country is not None and any(t.lower_ == "ethnic" for t in phrase):
            # "ethnic Albanian guerrillas (operating) in Macedonia": a people of the state it lives in
            where = [c for c in complement if c.lower_ == "in"]
            where += [p for a in tok.rights if a.dep_ == "acl" for p in children_of(a) if p.dep_ == "prep" and p.lower_ == "in"]
            home = _country_in([t for c in where for t in _phrase_tokens(c)], gaz) or _place_country(where, gaz)
            if home is None:
                # "ethnic Albanian guerrillas operating in Macedonia" (an ambiguous name): the one
                # other state the sentence names, as for "ethnic Turks" (``_minorities``)
                others = {c for i, c in codes.items() if sentence_start(tok) <= i < sentence_end(tok) and c != country}
                home = others.pop() if len(others) == 1 else None
            country = home if home is not None and home not in BODY_CODES else country
        if _hyphen_general(tok):
            # "the secretary-general" (spaCy splits the hyphen): with no body named, the UN's
            ctitle = gaz.title("secretary general") or ctitle
            country = country or "UNO"
        if ctitle:
            sector = ctitle.sector
        else:
            assert generic is not None  # with neither a title nor a generic body the loop went on above
            sector = generic.sector
        role = ctitle.role if ctitle else None
        plural = tok.tag_ in {"NNS", "NNPS"}
        collective = plural or tok.lower_ in _COLLECTIVE or generic is not None
        span = Span(phrase.start_char, phrase.end_char, span_text(phrase))
        # "the parties", "leaders" alone are resolved against the event they take part in; "opposition
        # parties", "rebel leaders" name a group of their own
        specific = ctitle is not None and ctitle.sector not in {"GOV", "LEG", None} and ctitle != gaz.title(tok.lemma_)
        if collective and not (tok.lemma_.lower() in _GROUP_NOUNS and not country and not specific):
            if any(d.lower_ in {"both", "two"} for d in tok.lefts):
                continue  # "both sides": resolved against the event they take part in
            entity = None
            if country and generic is not None and not plural:
                inst = gaz.institution(f"{gaz.country_name(country)} {tok.text}") \
                    or gaz.institution(f"{tok.text} of {gaz.country_name(country)}")
                entity = inst.name if inst is not None and inst.country == country else None
            # a group with no country is still a side ("lawmakers criticized ..."); the
            # document's context may place it later (``_home_groups``)
            reason = "group with its country" if country else "group" if sector in _LOCAL_SECTORS \
                else "group; country not stated"
            yield ActorMention(start, tok.i + 1, Actor(span_text(phrase), country, sector, entity, role, span,
                                                       0.8 if country else 0.5 if sector in _LOCAL_SECTORS else 0.3,
                                                       reason), "group",
                               _coordinated_of(complement, gaz) if plural else ())
            continue
        if plural or (tok.lemma_.lower() in _GROUP_NOUNS and any(d.lower_ in {"both", "two"} for d in tok.lefts)):
            continue
        if ctitle is None:
            continue
        holder = _appositive_person(tok, people) or _holder(people, ctitle.role, country, tok.lemma_.lower(), start)
        if holder is not None:
            actor = Actor(span_text(phrase), holder.country or country, holder.sector or ctitle.sector, holder.name,
                          holder.role or ctitle.role, span, 0.75, f"description → {holder.name}")
        else:
            actor = Actor(span_text(phrase), country, ctitle.sector, None, ctitle.role, span, 0.6, "title")
        yield ActorMention(start, tok.i + 1, actor, "title")


def _leader_country(tokens: list[Token], people: dict[str, _Person]) -> str | None:
    """The country of a person named inside a group phrase, by surname or full name."""
    names = {t.text for t in tokens if t.ent_type_ == "PERSON" or (t.pos_ in {"PROPN", "NOUN"} and t.text[:1].isupper())}
    if not names:
        return None
    for p in people.values():
        if p.country and (p.name in names or p.name.split()[-1] in names):
            return p.country
    return None


def _located_generic(tok: Token, phrase, gaz: Gazetteer, taken: set[int]) -> ActorMention | None:
    """A generic that names nothing alone, placed in a country: "the junta in Mali", "the
    authorities in Kabul" are that country's government."""
    bare = gaz.generic(tok.text)
    if bare is None or any(i in taken for i in range(phrase.start, tok.i + 1)):
        return None
    if tok.lower_ == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
        return None  # "a state of siege in Katanga", "a state of emergency in X": a measure, no government
    country = _place_country([c for c in tok.rights if c.dep_ == "prep"], gaz)
    if country is None:
        return None
    span = Span(phrase.start_char, phrase.end_char, span_text(phrase))
    return ActorMention(phrase.start, tok.i + 1, Actor(span_text(phrase), country, bare.sector, None, None, span, 0.7,
                                                       f"{bare.name.lower()} in its country"), "group")


def _stance_noun(tok: Token) -> bool:
    """"opposition to the plan", "support for the bill": a stance, not a body of people."""
    return tok.lemma_.lower() in {"opposition", "support"} and any(
        c.dep_ == "prep" and c.lower_ in {"to", "for", "against"} for c in children_of(tok))


def _place_country(preps: list[Token], gaz: Gazetteer) -> str | None:
    """ "police in Baghdad", "rebels in the north of Mali": the country of a place complement."""
    for prep in preps:
        if prep.lower_ != "in":
            continue
        for t in prep.subtree:
            if t.pos_ == "PROPN":
                hit = gaz.country(t.text)
                if hit is not None and not hit.ambiguous:
                    return hit.code
                pl = gaz.place(t.text)
                if pl is not None and t.text[:1].isupper():
                    return pl.country
    return None


def _appositive_person(tok: Token, people: dict[str, _Person]) -> _Person | None:
    """ "Sagiba Gafarova, the Chairperson of ...": a title in apposition to a named person."""
    for other in [tok.head] if tok.dep_ == "appos" else []:
        for p in people.values():
            if other.text and p.name.split()[-1] == other.text:
                return p
    for c in children_of(tok):
        if c.dep_ == "appos":
            for p in people.values():
                if p.name.split()[-1] == c.text:
                    return p
    return None


_CONTINENT_HALVES = words.word_set("actors", "continent_halves")
_LOCAL_SECTORS = {"REB", "COP", "MIL", "OPP", "REF", "CVL"}  # groups worth a mention even with no country
_HEAD_ROLES = words.word_list("actors", "head_roles")


def _holder(people: dict[str, _Person], role: str, country: str | None, word: str, at: int = 10**9) -> _Person | None:
    """The person named before ``at`` that a description ("the ambassador", "the diplomat") stands for."""
    known = [p for p in people.values() if p.first < at and p.role]
    if word == "diplomat":
        # (`p.role and`: known holds only people with a role, said again for the type checker)
        cands = [p for p in known if p.role and p.sector == "GOV" and not p.role.startswith(_HEAD_ROLES)
                 and any(k in p.role for k in ("ambassador", "envoy", "minister", "diplomat", "consul", "secretary"))]
    else:
        cands = [p for p in known if p.role and (p.role == role or role in p.role)]
    if country:
        cands = [p for p in cands if p.country in (None, country)]
    if not cands:
        return None
    if word == "diplomat" or len({p.name for p in cands}) == 1:
        return max(cands, key=lambda p: p.first)
    return None


# --------------------------------------------------------------------------- quotes and pronouns


def _quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character regions inside quotation marks."""
    text = text_of(doc)
    regions = []
    for m in re.finditer(r"[\"“]([^\"“”]{2,}?)[\"”]", text):
        regions.append((m.start(), m.end()))
    return regions


def _quote_speakers(doc: Doc, mentions: list[ActorMention]) -> dict[int, Actor]:
    """Who speaks each quote: the subject of a speech verb next to it, or a [Speaker] tag."""
    by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
    speakers: dict[int, Actor] = {}
    text = text_of(doc)
    regions = _quote_regions(doc)
    last: Actor | None = None
    sents = list(doc.sents) if regions else []
    verbs_of: dict[int, list[Token]] = {}  # sentence -> its speech verbs, in order (read once)
    for start, end in regions:
        speaker = None
        for k, sent in enumerate(sents):
            if sent.start_char <= end and sent.end_char >= start:
                verbs = verbs_of.get(k)
                if verbs is None:
                    verbs = verbs_of[k] = [t for t in sent if t.lemma_.lower() in _SPEECH_VERBS]
                for tok in verbs:
                    if not (start <= tok.idx < end):
                        subj = [c for c in children_of(tok) if c.dep_ in {"nsubj", "nsubjpass"}]
                        if subj:
                            speaker = _actor_of(subj[0], by_tok) or _person_before(subj[0], start, mentions) or speaker
        speaker = speaker or last
        if speaker is not None:
            last = speaker
            for tok in doc.char_span(start, end, alignment_mode="expand") or []:
                speakers[tok.i] = speaker
    # "[Ukrainian President Volodymyr Zelensky] Thank you ..." tags the paragraph that follows
    for m in re.finditer(r"\[([^\]]{3,80})\]", text):
        inner = [mm for mm in mentions if mm.actor.span is not None and m.start() <= mm.actor.span.start < m.end()] \
            if mentions else []
        persons = [mm for mm in inner if mm.kind == "person"] or inner
        if not persons:
            continue
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        span = doc.char_span(m.end(), para_end, alignment_mode="expand")
        for tok in span or []:
            speakers[tok.i] = persons[0].actor
    return speakers


def _person_before(subj: Token, start: int, mentions: list[ActorMention]) -> Actor | None:
    """'"...," he wrote': a pronoun speaker is the last person named as a subject before the quote
    (pronouns are resolved after quotes, so this one is resolved here)."""
    if subj.lower_ not in _PERSONAL:
        return None
    doc = subj.doc
    before = [m for m in mentions if m.kind in {"person", "title"} and m.actor.entity and m.actor.span
              and m.actor.span.end <= start]
    ref = _antecedent(before, doc)
    return ref.actor if ref is not None else None


def _antecedent(before: list[ActorMention], doc: Doc) -> ActorMention | None:
    """The person a "he" most likely is: the last one named as a subject, else the last named."""
    subjects = [m for m in before if _subject_like(doc[m.end - 1])]
    pick = subjects or before
    return pick[-1] if pick else None


def _actor_of(tok: Token, by_tok: dict[int, ActorMention]) -> Actor | None:
    if tok.i in by_tok:
        return by_tok[tok.i].actor
    for sub in tok.subtree:
        if sub.i in by_tok and by_tok[sub.i].kind in {"person", "title", "org"}:
            return by_tok[sub.i].actor
    return None


def _subject_like(tok: Token) -> bool:
    for _ in range(2):
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if tok.dep_ not in {"appos", "compound"}:
            return False
        tok = tok.head
    return False


def _pronoun_mentions(doc: Doc, mentions: list[ActorMention], speakers: dict[int, Actor], taken: set[int]):
    """He/his → the last person named before; we/our inside a quote → the speaker."""
    persons = [m for m in mentions if m.kind in {"person", "title"} and m.actor.entity]
    for i, pos in enumerate(column(doc, "pos")):
        if pos != "PRON" or i in taken:
            continue
        tok = doc[i]
        low = tok.lower_
        span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
        if low in _FIRST_PERSON and tok.i in speakers:
            sp = speakers[tok.i]
            confidence = 0.7 if low in {"we", "us", "our", "ours"} and sp.country else 0.8
            yield ActorMention(tok.i, tok.i + 1, replace(sp, text=tok.text, span=span, confidence=confidence,
                                                        reason=f"quote speaker → {sp.entity or sp.text}"), "pronoun")
        elif low in _PERSONAL:
            found = _antecedent([m for m in persons if m.end <= tok.i], doc)
            if found is not None:
                ref = found.actor
                yield ActorMention(tok.i, tok.i + 1, replace(ref, text=tok.text, span=span, confidence=0.6,
                                                            reason=f"pronoun → {ref.entity}"), "pronoun")
