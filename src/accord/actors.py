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

from accord.gazetteer import Gazetteer, default_gazetteer
from accord.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "ours"}
_GROUP_NOUNS = {"party", "side", "leader", "diplomat", "minister", "president", "delegation", "country", "state", "head"}
_GROUP_DETS = {"both", "two", "the"}
_SPEECH_VERBS = {"say", "write", "note", "add", "emphasize", "emphasise", "stress", "state", "tell", "declare",
                 "read", "believe", "underline", "underscore", "point", "announce", "report", "mention", "explain"}
_FUZZY_THRESHOLD = 88.0
_MAX_NP_TOKENS = 24


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor anchored to tokens ``[start, end)`` of the spaCy doc."""

    start: int
    end: int
    actor: Actor
    kind: str  # person | org | country | title | pronoun | group | place


@dataclass(slots=True)
class _Person:
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: set[str] = field(default_factory=set)


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


def resolve_actors(doc: Doc, gaz: Gazetteer | None = None) -> ActorIndex:
    """Find and resolve every actor mention in a parsed document."""
    gaz = gaz or default_gazetteer()
    people: dict[str, _Person] = {}
    mentions: list[ActorMention] = []
    taken: set[int] = set()

    for ent in _entities(doc, gaz):
        m = _resolve_entity(ent, gaz, people)
        if m is not None:
            mentions.append(m)
            taken.update(range(m.start, m.end))
    # a bare surname ("Husyev") or a variant spelling points to the full name seen elsewhere
    mentions = [_link_alias(m, people) for m in mentions]
    mentions = [_complete(m, people) for m in mentions]
    for m in _title_mentions(doc, gaz, people, taken):
        mentions.append(m)
        taken.update(range(m.start, m.end))
    mentions.sort(key=lambda m: m.start)
    speakers = _quote_speakers(doc, mentions)
    mentions.extend(_pronoun_mentions(doc, mentions, speakers, taken))
    mentions.sort(key=lambda m: m.start)
    by_token: dict[int, ActorMention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            by_token.setdefault(i, m)
    counts: dict[str, int] = {}
    for m in mentions:
        if m.actor.country and m.kind != "place":
            counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
    main = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ActorIndex(mentions, by_token, speakers, main)


# --------------------------------------------------------------------------- entities


def _entities(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    """spaCy entities of actor-like labels, with the model's systematic slips corrected."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
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
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail) and len(tail) <= 3:
            if gaz.institution(head.text) is not None:
                from spacy.tokens import Span as SpacySpanCls

                return [SpacySpanCls(doc, ent.start, cut, label="ORG"), SpacySpanCls(doc, cut, ent.end, label="PERSON")]
    return [ent]


def _clean(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"^(the|The)\s+", "", text).strip()


def _resolve_entity(ent: SpacySpan, gaz: Gazetteer, people: dict[str, _Person]) -> ActorMention | None:
    text = _clean(ent.text)
    if not text:
        return None
    span = Span(ent.start_char, ent.end_char, ent.text)
    label = ent.label_
    inst = gaz.institution(text)
    igo = gaz.igo(text)
    place = gaz.country(text)
    if label == "PERSON" and (inst or igo or place):
        label = "ORG" if (inst or igo) else "GPE"  # "Karabakh" tagged PERSON
    if label == "ORG" and inst is None and igo is None and place is not None and len(ent) == 1:
        label = "GPE"  # "GUAM"-like slips handled by igo; a lone country word is a country
    if label in {"GPE", "NORP", "LOC"} and (inst or igo):
        label = "ORG"  # "Majlis" tagged NORP
    if label == "ORG" and inst is None and igo is None and _looks_like_person(ent):
        label = "PERSON"  # "Husyev" tagged ORG
    if label == "PERSON":
        person = _person_attributes(ent, text, gaz)
        key = person.name
        known = people.setdefault(key, person)
        known.country = known.country or person.country
        known.sector = known.sector or person.sector
        known.role = known.role or person.role
        actor = Actor(text=ent.text, country=person.country, sector=person.sector, entity=key,
                      role=person.role, span=span, confidence=0.9 if person.role else 0.7,
                      reason="title pattern" if person.role else "named person")
        return ActorMention(ent.start, ent.end, actor, "person")
    if label == "ORG":
        if inst is not None:
            actor = Actor(ent.text, inst.country, inst.sector, inst.name, None, span, 0.95, f"institution ({inst.kind})")
        elif igo is not None:
            actor = Actor(ent.text, igo.code, None, igo.canonical, None, span, 0.95, "international organisation")
        else:
            country, sector = _org_guess(ent, gaz)
            actor = Actor(ent.text, country, sector, _clean(ent.text), None, span, 0.5 if country else 0.3,
                          "organisation, country from its name" if country else "unresolved organisation")
        return ActorMention(ent.start, ent.end, actor, "org")
    if place is not None:
        sector = "PRE" if place.kind == "partial" else None
        kind = "place" if label in {"FAC", "LOC"} else "country"
        reason = {"demonym": "demonym", "capital": "capital as metonym", "metonym": "seat of power"}.get(place.kind, "country name")
        actor = Actor(ent.text, place.code, sector, None, None, span, 0.6 if place.ambiguous else 0.95, reason)
        return ActorMention(ent.start, ent.end, actor, kind)
    if label in {"FAC", "LOC"}:
        return ActorMention(ent.start, ent.end, Actor(ent.text, None, None, None, None, span, 0.3, "place"), "place")
    return None


def _looks_like_person(ent: SpacySpan) -> bool:
    """A one- or two-token capitalised proper noun governing or governed like a person."""
    if len(ent) > 3 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    head = ent.root
    return head.dep_ in {"nsubj", "appos", "pobj", "dobj"} and any(
        c.dep_ in {"compound"} and c.text.lower() in {"ambassador", "president", "minister"} for c in head.children
    ) or (len(ent) == 1 and head.dep_ == "nsubj" and head.head.lemma_ in _SPEECH_VERBS | {"thank", "express", "meet", "visit"})


def _org_guess(ent: SpacySpan, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """An unknown organisation takes its country from a country word inside its name."""
    for tok in ent:
        hit = gaz.country(tok.text)
        if hit is not None and not hit.ambiguous:
            title = gaz.title(ent.text)
            return hit.code, title.sector if title else None
    return None, None


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
        for child in tok.children:
            if child.dep_ in keep and child.i not in seen:
                if child.dep_ == "conj" and child.ent_type_ == "PERSON":
                    continue  # "Zelensky and Aliyev": the second person is not a title of the first
                seen.add(child.i)
                queue.append(child)
    return sorted(out, key=lambda t: t.i)


def _person_attributes(ent: SpacySpan, name: str, gaz: Gazetteer) -> _Person:
    """Office, country and sector from the title phrase around a name."""
    person = _Person(name=name)
    root = ent.root
    anchor = root
    # the name may hang off its title ("Ambassador ... Yuriy Husyev" as appos/compound of the title)
    if root.dep_ in {"appos", "compound"} and root.head.i not in range(ent.start, ent.end):
        anchor = root.head
    window = [t for t in _np_window(anchor) if t.i < ent.start or t.i >= ent.end]
    if anchor is not root:
        window += [t for t in _np_window(root) if (t.i < ent.start or t.i >= ent.end) and t not in window]
    window = sorted(window, key=lambda t: t.i)
    text = " ".join(t.text for t in window)
    titles = gaz.find_titles(text)
    if titles:
        best = titles[0][2]
        person.role, person.sector = best.role, best.sector
    person.country = _country_in(window, gaz)
    inst = _institution_in(window, gaz)
    if inst is not None:
        person.country = person.country or inst.country
        if person.sector is None or (inst.sector == "LEG" and person.sector == "GOV" and person.role in {"chairman", "chair", "chairperson", "speaker", "head", "member"}):
            person.sector = inst.sector
    return person


def _country_in(tokens: list[Token], gaz: Gazetteer) -> str | None:
    """The country a title phrase names: a demonym or country right on the title first, then
    the first other one that is neither an accreditation ("ambassador to Azerbaijan") nor half
    of a bilateral pair ("the Azerbaijan-Ukraine working group")."""
    found: list[tuple[int, str]] = []
    for tok in tokens:
        if tok.pos_ not in {"PROPN", "ADJ", "NOUN"}:
            continue
        if tok.head.dep_ == "prep" and tok.head.lower_ in {"to", "in", "with"} and tok.dep_ == "pobj":
            continue
        if _in_pair(tok, gaz):
            continue
        hit = gaz.country(tok.text)
        if hit is not None and not hit.ambiguous:
            direct = tok.dep_ in {"amod", "compound", "nmod"} and gaz.title(tok.head.lower_) is not None
            found.append((0 if direct else 1, hit.code))
    return min(found)[1] if found else None


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
        candidates = [doc[start:tok.i + 1].text]
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
        elif len(parts) == len(pparts) and len(parts) > 1 and parts[0] == pparts[0] \
                and fuzz.ratio(parts[-1], pparts[-1]) >= _FUZZY_THRESHOLD:
            return p
    return None


# --------------------------------------------------------------------------- titles


def _title_mentions(doc: Doc, gaz: Gazetteer, people: dict[str, _Person], taken: set[int]):
    """Title phrases with no name ("the Ukrainian ambassador", "the diplomat")."""
    for tok in doc:
        if tok.i in taken or tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"compound", "amod"}:
            continue
        title = gaz.title(tok.lemma_) or gaz.title(tok.text)
        if title is None:
            continue
        left = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "det", "poss", "nmod"}]
        start = min([tok.i] + [c.left_edge.i for c in left])
        phrase = doc[start:tok.i + 1]
        if any(i in taken for i in range(start, tok.i + 1)) or any(c.ent_type_ == "PERSON" for c in tok.children):
            continue
        ctitle = gaz.title(phrase.text) or title
        country = _country_in(list(phrase) + [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" for c in c.subtree], gaz)
        plural = tok.tag_ in {"NNS", "NNPS"}
        if plural or (tok.lemma_.lower() in _GROUP_NOUNS and any(d.lower_ in {"both", "two"} for d in tok.lefts)):
            continue  # groups are resolved against the event they take part in
        holder = _holder(people, ctitle.role, country, tok.lemma_.lower())
        span = Span(phrase.start_char, phrase.end_char, phrase.text)
        if holder is not None:
            actor = Actor(phrase.text, holder.country or country, holder.sector or ctitle.sector, holder.name,
                          holder.role or ctitle.role, span, 0.75, f"description → {holder.name}")
        else:
            actor = Actor(phrase.text, country, ctitle.sector, None, ctitle.role, span, 0.6, "title")
        yield ActorMention(start, tok.i + 1, actor, "title")


def _holder(people: dict[str, _Person], role: str, country: str | None, word: str) -> _Person | None:
    cands = [p for p in people.values() if p.role and (p.role == role or role in p.role or (word == "diplomat" and p.sector == "GOV" and p.role and any(k in p.role for k in ("ambassador", "envoy", "minister", "diplomat", "consul"))))]
    if country:
        cands = [p for p in cands if p.country in (None, country)]
    if len(cands) >= 1:
        return cands[-1] if word == "diplomat" else (cands[0] if len(cands) == 1 else None)
    return None


# --------------------------------------------------------------------------- quotes and pronouns


def _quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character regions inside quotation marks."""
    text = doc.text
    regions = []
    for m in re.finditer(r"[\"“]([^\"“”]{2,}?)[\"”]", text):
        regions.append((m.start(), m.end()))
    return regions


def _quote_speakers(doc: Doc, mentions: list[ActorMention]) -> dict[int, Actor]:
    """Who speaks each quote: the subject of a speech verb next to it, or a [Speaker] tag."""
    by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
    speakers: dict[int, Actor] = {}
    text = doc.text
    regions = _quote_regions(doc)
    last: Actor | None = None
    for start, end in regions:
        speaker = None
        for sent in doc.sents:
            if sent.start_char <= end and sent.end_char >= start:
                for tok in sent:
                    if tok.lemma_.lower() in _SPEECH_VERBS and not (start <= tok.idx < end):
                        subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
                        if subj:
                            speaker = _actor_of(subj[0], by_tok) or speaker
        speaker = speaker or last
        if speaker is not None:
            last = speaker
            for tok in doc.char_span(start, end, alignment_mode="expand") or []:
                speakers[tok.i] = speaker
    # "[Ukrainian President Volodymyr Zelensky] Thank you ..." tags the paragraph that follows
    for m in re.finditer(r"\[([^\]]{3,80})\]", text):
        inner = [mm for mm in mentions if m.start() <= mm.actor.span.start < m.end()] if mentions else []
        persons = [mm for mm in inner if mm.kind == "person"] or inner
        if not persons:
            continue
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        span = doc.char_span(m.end(), para_end, alignment_mode="expand")
        for tok in span or []:
            speakers[tok.i] = persons[0].actor
    return speakers


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
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PRON":
            continue
        low = tok.lower_
        span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
        if low in _FIRST_PERSON and tok.i in speakers:
            sp = speakers[tok.i]
            if low in {"we", "us", "our", "ours"} and sp.country:
                yield ActorMention(tok.i, tok.i + 1, replace(sp, text=tok.text, span=span, confidence=0.7,
                                                            reason=f"quote speaker → {sp.entity or sp.text}"), "pronoun")
            else:
                yield ActorMention(tok.i, tok.i + 1, replace(sp, text=tok.text, span=span, confidence=0.8,
                                                            reason=f"quote speaker → {sp.entity or sp.text}"), "pronoun")
        elif low in _PERSONAL:
            before = [m for m in persons if m.end <= tok.i]
            # the last person who was a subject is the likeliest "he"; else the last one named
            subjects = [m for m in before if _subject_like(doc[m.end - 1])]
            if before:
                ref = (subjects or before)[-1].actor
                yield ActorMention(tok.i, tok.i + 1, replace(ref, text=tok.text, span=span, confidence=0.6,
                                                            reason=f"pronoun → {ref.entity}"), "pronoun")
