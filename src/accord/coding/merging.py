"""Mentions of one act within a document become one event: two triggers of one act in a
sentence (``fold_one_act``), and the headline, lede, quote and recap of it (``merge_within_document``).

Two mentions are merged only when nothing in them disagrees *and* something ties them to one
act. A story often reports several acts of one type (killings, demands, meetings), so sharing
a type and a country is never enough.

Disagreement (``_compatible``): another type or mode; one took place and the other is to come
or denied; different dates written in the text; different countries named for a side;
different people doing it to the same side; a different thing done or demanded ("seized the
assets" / "seized the weapons", "urged X to halt ..." / "urged X to release ..."); different
counts of one kind that cannot be the same toll ("killed 33" / "1,250 killed"; "at least five
killed" and "it killed more than 10" can); a material act in another country; a mention marked as
another ("another summit", "three other officials", "later killed", "could attack again",
"Separately, ...") or as a different one ("the first summit" / "the second summit").

Ties (``_tie``): the same words for the act with the same named sides, where the sides tell
the act apart (two states) or the same person takes part, the mentions are adjacent or the
same thing is done; the same words where one mention leaves a side unsaid, with one of those
besides; a noun that refers back ("the attack", "his appeal", "Kenya's ultimatum"); the same
thing done to, the same toll, the same named victim; the same marked instance ("future
talks" / "future negotiations"); the same person's stance told again with nothing it is about
("'I disagree,' Lai said"); a judging word quoted in both ("called the ruling “inhumane”" /
"“... unfair and inhumane,” she added"); and, weakest, the next sentence reporting the act without its author
("Two soldiers were shot dead.") or done to people pointed back at ("these people"), or the
story's main act (the one its first sentence reports) told again with a side unsaid ("the group
said it had killed ...", "diplomats involved in negotiations with China"), unless marked as one
more ("also"), told as several ("attacks on militants") or dated otherwise in the text.
Without the parse (keys without tokens) only the same countries named alike merge.

Also one act: an act said to be done "during the operation" (or the raid, the crackdown) told
up to three sentences before, even done to another thing; a denial in the speaker's own words
("no one can say that I am implicated", coded as the speaker accusing the speaker, not made)
next to that person's rejection; an act noun the text takes as given, negated only by the verb
about it ("has never condemned Russia's invasion"), and the act told elsewhere (it takes that
status); a demonym on the act noun ("its Egyptian rapprochement efforts") on either side; the
story's main act told again in detail with the same words and sides, the parties of one kind in
both ("Security forces say they killed all six attackers" ... "our brave soldiers shot dead two
militants": a count below a total said to be "all" may be part of it); a material main act
claimed by its doer named by a pronoun, naming no party's country ("the group said it had blown
up tracks and taken 100 passengers hostage"), whatever it names as done.
Before merging, ``fold_one_act`` also folds an act a relative clause tells as the outcome of
another ("the bombing of a base that killed nine soldiers") and an act that is what a charge
says ("accused of targeting and killing civilians") into the charge.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from accord import words
from accord.actors.doc_index import children_of, sentence_of, span_text
from accord.model import Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Token


def fold_one_act(events: list[Event], doc, at: dict[int, int]) -> list[Event]:
    """One act named by two triggers of one type (or of two types the guide splits one act
    between, when a participle describes whom the act is done to: "rescued all the passengers
    freed so far"): a verb and its object ("delivered
    emergency aid to Ukraine", "aid was delivered"), two coordinated verbs ("donated and
    delivered goods to X") or an act and its purpose ("began a hunger strike to protest
    against X"). The second joins the first when their sides do not disagree; a side the
    first only inferred gives way to one the second names. A chain folds into its head
    ("detonated a bomb, killing one and injuring four": the injuring joins the killing, which
    joined the detonation)."""
    by_tok = {at[id(e)]: e for e in events}
    folded: dict[int, Event] = {}  # id(event) -> the event it joined
    for ev in events:
        tok = doc[at[id(ev)]]
        charge = _charged_with(tok, by_tok)
        while charge is not None and id(charge) in folded:
            charge = folded[id(charge)]
        if charge is not None and charge is not ev:
            # "being accused of targeting and killing civilians": the killing is what the charge
            # says, told as the charge (as when the coder reads "accused X of killing" at once)
            charge.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in charge.mentions))
            folded[id(ev)] = charge
            continue
        # a reporting verb coded for what its quote says ("“We reject the baseless allegations,”
        # the spokesman told reporters") is the act the quote already holds
        quoted = next((by_tok[c.i] for c in children_of(tok) if c.dep_ == "ccomp" and c.i in by_tok), None) \
            if tok.lemma_.lower() in _SAYING else None
        if quoted is None and tok.dep_ not in {"dobj", "nsubjpass", "conj", "relcl", "advcl", "xcomp", "acl"}:
            continue
        host = quoted or by_tok.get(tok.head.i)
        described = quoted is not None or (host is None and _describes_done_to(tok))
        if host is None and described:
            host = by_tok.get(tok.head.head.i)
        outcome = None
        if host is None and (outcome := _outcome_of(tok, by_tok)) is not None:
            host = outcome  # "the bombing of a base that killed nine soldiers": the bombing killed them
        while host is not None and id(host) in folded:
            host = folded[id(host)]
        if host is None or host is ev or host.status != ev.status:
            continue
        if host.type != ev.type and not (described and frozenset((host.type, ev.type)) in _KINDRED):
            continue
        if outcome is None and not (_agree(host.actor, ev.actor)
                                    and (quoted is not None or _agree(host.recipient, ev.recipient))):
            continue  # (whom a reporting verb's act is aimed at is read from the quote: the quote's own wins)
        if outcome is not None:
            # those the outcome names are more of those the act was done to ("a base" and "nine
            # soldiers"); its doer was read off the thing the clause hangs on, not a side of its own
            host.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in host.mentions))
            have = {(a.country, a.entity) for a in host.recipient}
            host.recipient = host.recipient + [a for a in ev.recipient if (a.country, a.entity) not in have]
            if ev.date is not None and ev.date.source == "text" \
                    and (host.date is None or host.date.source == "document"):
                host.date, host.date_reason = ev.date, ev.date_reason  # "... which killed 20 people on Sunday"
            host.contexts = sorted(set(host.contexts) | set(ev.contexts))
            folded[id(ev)] = host
            continue
        if tok.dep_ == "conj" and (_later(tok) or any(c.dep_ == "nsubj" for c in children_of(tok))):
            # "killed six attackers and later killed fifty militants", "soldiers shot two and
            # four blew themselves up" (a doer of its own): two acts
            continue
        host.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in host.mentions))
        host.actor = ev.actor if _better_side(ev.actor, host.actor) else host.actor
        host.recipient = ev.recipient if _better_side(ev.recipient, host.recipient) else host.recipient
        host.date = host.date or ev.date
        host.contexts = sorted(set(host.contexts) | set(ev.contexts))
        folded[id(ev)] = host
    return [e for e in events if id(e) not in folded]


def _better_side(new: list[Actor], old: list[Actor]) -> bool:
    """A side that names a country beats one that names none ("We" in a quote, the spokesman
    named in the attribution); a named one beats one only inferred."""
    if not new:
        return False
    if _named_countries(new) and not _named_countries(old):
        return True
    return not _stated(old) and _stated(new)


def _charged_with(tok: Token, by_tok: dict[int, Event]) -> Event | None:
    """The accusation whose "of" tells this act ("accused of targeting and killing civilians")."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in {"pcomp", "pobj"} or node.head.lower_ != "of":
        return None
    charge = by_tok.get(node.head.head.i)
    return charge if charge is not None and charge.type == "ACCUSE" and tok.pos_ == "VERB" else None


def _outcome_of(tok: Token, by_tok: dict[int, Event]) -> Event | None:
    """The act whose outcome a relative clause tells, when the clause hangs on what the act was
    done to ("the bombing of a French base that killed nine soldiers", "an attack on a market
    which wounded 20"): the base did not kill; the bombing did. The act must be of the same type."""
    if tok.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.lower_ in {"that", "which"} for c in children_of(tok)):
        return None
    thing = tok.head
    if thing.dep_ != "pobj" or thing.head.lower_ not in {"of", "on", "against"}:
        return None
    if thing.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or thing.lemma_.lower() in _GENERIC | _DOERS:
        return None  # "the home of a militia that killed ten villagers": the militia did
    act = thing.head.head
    if act.pos_ != "NOUN":
        return None
    # the noun is the trigger, or the object of a light verb that is ("launched an attack on")
    return by_tok.get(act.i) or (by_tok.get(act.head.i) if act.dep_ == "dobj" else None)


def _describes_done_to(tok: Token) -> bool:
    """A participle with no doer of its own describing whom the act is done to ("rescued all the
    passengers freed so far"): the same act told in another word. One with a doer ("the hostages
    freed by the rebels") is an act of its own."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ in {"dobj", "nsubjpass"} \
        and not any(c.dep_ in {"agent", "nsubj", "nsubjpass"} for c in children_of(tok))


# types the guide splits one act between by a nuance: rescuing / freeing people (AID, RETREAT),
# a ceasefire declared / kept (CONCEDE, RETREAT), hostages seized / attacked (COERCE, ASSAULT), a
# charge rejected as baseless (REJECT, ACCUSE)
_KINDRED = {frozenset({"AID", "RETREAT"}), frozenset({"CONCEDE", "RETREAT"}), frozenset({"COERCE", "ASSAULT"}),
            frozenset({"REJECT", "ACCUSE"})}


def _later(tok: Token) -> bool:
    """A second verb said to come after the first ("and later killed", "then arrested")."""
    return any(c.dep_ == "advmod" and c.lower_ in _AFTERWARDS for c in children_of(tok))


_AFTERWARDS = words.word_set("merging", "afterwards")


def _agree(a: list[Actor], b: list[Actor]) -> bool:
    """Two reports of one side agree when either is silent (or only inferred) or both name
    the same countries."""
    ca, cb = _named_countries(a), _named_countries(b)
    return not ca or not cb or ca == cb


def _stated(actors: list[Actor]) -> bool:
    """A side the text names (not one inferred, such as the government a protest aims at)."""
    return any(a.span is not None for a in actors)


def _named_countries(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country and a.span is not None}


def lemma_family(tok: Token) -> str:
    """Verb and noun forms of one act share a key ("sign"/"signing", "visit"/"visit")."""
    lemma = tok.lemma_.lower()
    for suffix, base in (("ing", ""), ("ation", "e"), ("ment", "")):
        if tok.pos_ == "NOUN" and lemma.endswith(suffix) and len(lemma) > len(suffix) + 3:
            return lemma[: -len(suffix)] + base
    return lemma


_DERIVATIONS = words.word_pairs("merging", "derivations")
_SYNONYMS = words.word_groups("merging", "synonyms")
_ACT_SYNONYMS = words.word_groups("merging", "act_synonyms")
_NEW_INSTANCE = words.word_set("merging", "new_instance")
_MORE = words.word_set("merging", "more")
_WHICH_INSTANCE = words.word_set("merging", "which_instance")
_GENERIC = words.word_set("merging", "generic")
_QUANTIFIERS = words.word_set("merging", "quantifiers")
_PARTS = words.word_set("merging", "parts")
_SAYING = words.word_set("speech", "saying")
_PARTICLES = words.word_set("merging", "particles")
_QUOTES = {"“", "”"}
_PLAIN_ADJECTIVES = words.word_set("merging", "plain_adjectives")
_ONE_ACT_PLURALS = words.word_set("merging", "one_act_plurals")
_PRONOUNS = words.word_set("merging", "pronouns")
_DEFINITE = words.word_set("merging", "definite")
# international bodies acting as themselves: an entity as broad as a country, never a person
_BODY_CODES = {"UNO", "EUR", "IGO", "NGO"}
_STANCES = {"SUPPORT", "ACCUSE", "REQUEST"}
_VERBAL = {"SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE", "CONCEDE"}
_OPERATIONS = words.word_set("merging", "operations")
_MATERIAL = {"COERCE", "ASSAULT"}
# acts that two sides do with each other, whose noun's demonym may name either of them
_MUTUAL = {"SUPPORT", "CONSULT", "AGREE", "COOPERATE"}
_DOERS = words.word_set("merging", "doers")
_STATUS_CLASS = {"planned": "future", "proposed": "future", "negated": "negated"}


def _per_key(method):
    """Keep what a ``_Key`` method returns for the key's lifetime: it reads only the parse and
    the key's own fields, and merging asks it once per group it compares the mention with.
    (Callers only read the sets it returns.)"""
    name = method.__name__

    @functools.wraps(method)
    def memoised(self: _Key, *args: Any, **kwargs: Any) -> Any:
        k = (name, args, tuple(kwargs.items())) if args or kwargs else name
        try:
            return self.memo[k]
        except KeyError:
            value = self.memo[k] = method(self, *args, **kwargs)
            return value

    return memoised


@dataclass(slots=True)
class _Key:
    """What merging knows of one mention besides the event: the words naming the act, the
    sentence, and the trigger and object tokens when the coder passed them."""

    lemma: str
    obj: str
    sent: int
    tok: Token | None = None
    obj_tok: Token | None = None
    n: int = -1  # the sentence's number in the document, when the tokens are known
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # ``_per_key``

    @classmethod
    def of(cls, value: tuple | None, numbers: dict[int, int]) -> _Key | None:
        if value is None:
            return None
        key = cls(*value)
        if key.tok is not None:
            if not numbers:  # blank lines between a headline and its lede are no sentences
                real = [sent for sent in key.tok.doc.sents if any(t.is_alpha for t in sent)]
                numbers.update((sent.start, n) for n, sent in enumerate(real))
            key.n = numbers.get(key.sent, -1)
        return key

    @_per_key
    def words(self) -> set[str]:
        """Every form the act's words may take: the trigger's and, for a light verb with its
        object ("issued an appeal"), the object's."""
        out = _forms(self.lemma, self.tok)
        if self.obj:
            out |= _forms(self.obj, self.obj_tok)
        return out

    @_per_key
    def noun(self) -> Token | None:
        """The noun that names the act ("the attack", "his appeal", "the signing ceremony")."""
        tok = self.tok
        if tok is None:
            return None
        if tok.pos_ != "NOUN" and self.obj_tok is not None and self.obj_tok.pos_ == "NOUN":
            tok = self.obj_tok
        if tok.pos_ != "NOUN":
            return None
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            tok = tok.head
        return tok

    @_per_key
    def modifiers(self) -> set[str]:
        noun = self.noun()
        if noun is None:
            return set()
        return {c.lower_ for c in children_of(noun) if c.dep_ in {"amod", "det", "nummod", "advmod", "npadvmod"}}

    @_per_key
    def thing(self, direct: bool = False) -> str:
        """What the act is done to or about, when that is a thing and not a party: the object of
        the verb ("seized the assets", "rejected the charges"), the subject of a passive ("people
        were killed"), what is called for ("called for an end to ...")."""
        tok = self.tok
        if tok is None or tok.lemma_.lower() in _SAYING:
            return ""  # "told reporters": whom it was said to, not what it is about
        for c in children_of(tok):
            if c.dep_ in {"dobj", "nsubjpass"} and (self.obj_tok is None or c.i != self.obj_tok.i):
                return _thing_word(c, direct)
        for c in children_of(tok):
            if c.dep_ == "prep" and c.lower_ in ({"against", "on", "over"} if direct else {"for", "against", "on", "over"}):
                for p in children_of(c):
                    if p.dep_ == "pobj":
                        return _thing_word(p, direct)
        return ""

    @_per_key
    def demanded(self) -> str:
        """What a demand asks for: the act it asks of someone ("urged X to halt the strikes" ->
        "to halt"), or the thing ("called for an end to", "demanded the release of")."""
        tok = self.tok
        if tok is None:
            return ""
        act = _asked_act(tok)
        if act is not None:
            particle = next((c.lower_ for c in children_of(act) if c.dep_ == "prt"
                             or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)), "")
            return "to " + " ".join(filter(None, (act.lemma_.lower(), particle)))
        for c in children_of(tok):
            if c.dep_ == "prep" and c.lower_ == "for":
                for p in children_of(c):
                    if p.dep_ == "pobj" and p.pos_ == "NOUN":
                        return p.lemma_.lower()
        if self.obj_tok is None:
            for c in children_of(tok):
                if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.ent_type_ == "" and c.lemma_.lower() not in _GENERIC:
                    return c.lemma_.lower()
        return ""

    @_per_key
    def addressee(self) -> str:
        """Whom a demand is put to when named by a common noun ("pleading with civilians",
        "urged nations", "called on democratic nations")."""
        tok = self.tok
        if tok is None:
            return ""
        for c in children_of(tok):
            if c.dep_ == "dobj" and c.pos_ == "NOUN" and (self.obj_tok is None or c.i != self.obj_tok.i):
                return c.lemma_.lower()
            if c.dep_ == "prep" and c.lower_ in {"with", "on"}:
                for p in children_of(c):
                    if p.dep_ == "pobj" and p.pos_ == "NOUN":
                        return p.lemma_.lower()
        # the parser often hangs the addressee on the act asked for: "pleading with civilians to
        # return" as "with" marking "return", or "civilians" as the subject of "to return"
        act = _asked_act(tok)
        if act is not None:
            for c in children_of(act):
                if c.dep_ == "nsubj" and c.pos_ == "NOUN":
                    return c.lemma_.lower()
                if c.lower_ in {"with", "on"}:
                    for p in children_of(c):
                        if p.dep_ == "pobj" and p.pos_ == "NOUN":
                            return p.lemma_.lower()
        return ""

    @_per_key
    def count(self) -> str:
        """The number given for what the act is done to ("killed 33 fighters"), as written."""
        tok = self.tok
        if tok is None:
            return ""
        for c in children_of(tok):
            if c.dep_ in {"dobj", "nsubjpass"}:
                c = _whole(c)
                return next((n.lower_ for n in children_of(c) if n.dep_ == "nummod" and n.like_num), "")
        return ""

    @_per_key
    def toll(self) -> tuple[float, float] | None:
        """The range the count allows: "at least five" and "more than 10" are lower bounds,
        "nearly 50" an upper one, "about 50" roughly 50; None when there is no number."""
        tok = self.tok
        if tok is None:
            return None
        for c in children_of(tok):
            if c.dep_ in {"dobj", "nsubjpass"}:
                c = _whole(c)
                num = next((n for n in children_of(c) if n.dep_ == "nummod" and n.like_num), None)
                return _bounds(num) if num is not None else None
        return None

    @_per_key
    def own_claim(self) -> bool:
        """The act told in a statement by its own doer, who is named only by a pronoun ("the group
        said it had blown up tracks", "they said they had killed ..."): a claim of an act the story
        has already told."""
        tok = self.tok
        if tok is None or tok.pos_ != "VERB":
            return False
        clause = tok.head if tok.dep_ == "conj" else tok
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in {"say", "claim", "announce", "state"}:
            return False
        return any(c.dep_ == "nsubj" and c.lower_ in {"it", "they", "we"} for c in children_of(clause))

    @_per_key
    def total(self) -> bool:
        """The count is said to be all there were ("killed all six attackers")."""
        tok = self.tok
        if tok is None:
            return False
        return any(c.dep_ in {"dobj", "nsubjpass"} and any(d.lower_ == "all" for d in children_of(_whole(c)))
                   for c in children_of(tok))

    @_per_key
    def afterwards(self) -> bool:
        """Said to come after something already told ("later killed")."""
        return self.tok is not None and _later(self.tok)

    @_per_key
    def many(self) -> bool:
        """A noun for several acts ("attacks on militants", "several recent raids"): no one act."""
        noun = self.noun()
        if noun is None:
            return False
        return (noun.tag_ == "NNS" and noun.lower_ not in _ONE_ACT_PLURALS) or bool(self.modifiers() & _QUANTIFIERS)

    @_per_key
    def also(self) -> bool:
        """Said to be one more act besides those told ("also killed", "met X as well")."""
        return self.tok is not None and any(c.dep_ == "advmod" and c.lower_ in {"also", "too", "additionally"}
                                            for c in children_of(self.tok))

    @_per_key
    def again(self) -> bool:
        """Said to be done once more ("could attack again")."""
        return self.tok is not None and any(c.dep_ == "advmod" and c.lower_ == "again" for c in children_of(self.tok))

    @_per_key
    def set_apart(self) -> bool:
        """Its sentence says it is another matter ("Separately, ...", "In a separate attack")."""
        if self.tok is None:
            return False
        sent = sentence_of(self.tok)
        if "separate" not in span_text(sent).lower():
            return False  # (most sentences: neither word, so no token is read)
        return any(t.lower_ == "separately" or (t.lower_ == "separate" and t.dep_ == "amod") for t in sent)

    def thing_is_new(self, ev: Event) -> bool:
        """The object is marked as more of the kind ("three other officials", "five more people",
        "talks with other leaders"). A phrase hung on the trigger counts only when it names a side
        of the act ("officials involved in negotiations with North Korea to other posts": the
        posts are where the officials go)."""
        tok = self.tok
        if tok is None:
            return False
        sides = [a.span for a in ev.actor + ev.recipient if a.span is not None]
        done_to = [c for c in children_of(tok) if c.dep_ in {"dobj", "nsubjpass"}]
        done_to += [p for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in {"to", "with", "on", "against"}
                    for p in children_of(c) if p.dep_ == "pobj" and any(s.start <= p.idx < s.end for s in sides)]
        return any(any(m.lower_ in _MORE for m in children_of(c)) for c in done_to)

    @_per_key
    def patient_refers_back(self) -> bool:
        """The act is done to people pointed back at ("these people are held", "they were freed")."""
        tok = self.tok
        if tok is None:
            return False
        for c in children_of(tok):
            if c.dep_ in {"dobj", "nsubjpass"}:
                c = _whole(c)
                if c.lower_ in {"them", "they"} \
                        or any(d.dep_ == "det" and d.lower_ in {"these", "those"} for d in children_of(c)):
                    return True
        return False

    @_per_key
    def quoted_verdicts(self) -> set[str]:
        """The judging words quoted with the act ("called the ruling “inhumane”", "“... unfair and
        inhumane,” she added"): a lede often takes its word from the quote told in full later."""
        tok = self.tok
        if tok is None:
            return set()
        sent = sentence_of(tok)
        text = span_text(sent)
        if '"' not in text and not any(q in text for q in _QUOTES):
            return set()  # (most sentences: no quote mark, so nothing is quoted and no token is read)
        # a sentence whose first curly quote closes one began inside a quote opened before it
        inside = next((t.text == "”" for t in sent if t.text in _QUOTES), False)
        quoted: set[int] = set()
        for t in sent:
            if t.text in _QUOTES or t.text == '"':
                inside = not inside if t.text == '"' else t.text == "“"
            elif inside and t.pos_ == "ADJ" and t.lemma_.lower() not in _PLAIN_ADJECTIVES \
                    and not (t.dep_ == "amod" and t.head.pos_ in {"NOUN", "PROPN"}):
                quoted.add(t.i)  # said of something ("is unfair", "called it inhumane"), not "public confidence"
        return {t.lemma_.lower() for t in tok.subtree if t.i in quoted}

    @_per_key
    def bare(self) -> bool:
        """The act is told with nothing it is about or aimed at, or only a pronoun for it ("I
        disagree", "he denied it"): a restatement, not an act of its own."""
        tok = self.tok
        if tok is None or self.obj_tok is not None:
            return False
        for c in children_of(tok):
            if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd", "dative"} and c.lower_ not in _PRONOUNS:
                return False
            if c.dep_ in {"ccomp", "xcomp", "advcl", "acomp", "agent"}:
                return False
            if c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lower_ not in _PRONOUNS for p in children_of(c)):
                return False
        return True

    def adjective_side(self, ev: Event) -> bool:
        """The only side named is a demonym on the noun for the act ("its Egyptian rapprochement
        efforts", "the Russian offensive"): which side the country is on the words do not say."""
        noun = self.noun()
        if noun is None or ev.recipient or ev.type not in _MUTUAL:
            return False  # ("the Russian offensive": the doer; "Egyptian rapprochement", "Turkish ties": either)
        tok = self.tok
        assert tok is not None  # noun() finds no noun without a token
        stated = [a.span for a in ev.actor if a.span is not None]
        adjectives = [c for c in children_of(noun) if c.dep_ == "amod" and c.ent_type_ == "NORP"]
        if noun.dep_ == "compound" or noun is not tok:
            adjectives += [c for c in children_of(tok) if c.dep_ == "amod" and c.ent_type_ == "NORP"]
        return bool(stated) and all(any(s.start == c.idx for c in adjectives) for s in stated)

    @_per_key
    def during(self) -> str:
        """The act already told that this one is said to be part of ("During the operation, the
        government seized critical data", "police arrested five people during the raid"): the
        noun's lemma, when it is definite (or has a possessor); else ""."""
        tok = self.tok
        if tok is None:
            return ""
        heads = [tok] + ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else [])
        for h in heads:
            for c in children_of(h):
                if c.dep_ == "prep" and c.lower_ == "during":
                    for p in children_of(c):
                        if p.dep_ == "pobj" and p.pos_ == "NOUN" and any(
                                (d.dep_ == "det" and d.lower_ in _DEFINITE) or d.dep_ == "poss" for d in children_of(p)):
                            return p.lemma_.lower()
        return ""

    @_per_key
    def borrowed_negation(self) -> bool:
        """A noun for an act that the text takes as given ("Russia's invasion", "the attack"), with
        no negation of its own: a negated verb governing it ("has never condemned Russia's
        invasion") denies the condemnation, not the invasion."""
        tok = self.tok
        if tok is None or tok.pos_ != "NOUN":
            return False
        if any(c.dep_ == "neg" or c.lower_ in {"no", "never"} for c in children_of(tok)):
            return False
        return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in children_of(tok))

    @_per_key
    def refers_back(self) -> bool:
        """A noun with a definite article or a possessor and no word making it a new
        instance: the act is one already reported ("the attack", "his appeal", "Kenya's ultimatum")."""
        noun = self.noun()
        if noun is None or self.modifiers() & _NEW_INSTANCE:
            return False
        if any(c.dep_ == "prep" and c.lower_ in {"of", "against", "on"} and not _names_a_time(c) for c in children_of(noun)):
            return False  # "Ankara's backing of the Brotherhood", "the crackdown against X": told anew
        # (but "the visit on Feb. 27", "the attack on Monday" only date the act already told)
        return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in children_of(noun))


def _names_a_time(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("on Feb. 27", "on Monday")."""
    return any(p.dep_ == "pobj" and p.ent_type_ in {"DATE", "TIME"} for p in children_of(prep))


def _asked_act(tok: Token) -> Token | None:
    """The act a demand asks for: an open complement ("urged X to halt"), or a clause with "to"
    that the parser attached otherwise ("pleading with civilians to return")."""
    acts = [c for c in children_of(tok) if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
    acts = acts or [c for c in children_of(tok) if c.dep_ in {"advcl", "ccomp"} and c.pos_ in {"VERB", "AUX"}
                    and c.i > tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in children_of(c))]
    return acts[-1] if acts else None


def _bounds(num: Token) -> tuple[float, float] | None:
    """The range a written number allows, from the words qualifying it."""
    value = _number(num.text)
    if value is None:
        return None
    words = {t.lower_ for t in num.subtree if t.i != num.i}  # "at least", "more than", "nearly"
    if words & _AT_LEAST:
        return value, float("inf")
    if words & _AT_MOST:
        return 0.0, value
    if words & _ROUGHLY:
        return value * 0.7, value * 1.3
    return value, value


def _number(text: str) -> float | None:
    text = text.lower().replace(",", "")
    if text.replace(".", "", 1).isdigit():
        return float(text)
    return _NUMBER_WORDS.get(text)


def _part_of_total(ka: _Key, kb: _Key) -> bool:
    """One count is a total ("killed all six attackers") and the other fewer ("shot dead two
    militants"): the smaller may be part of the whole, told in detail."""
    ta, tb = ka.toll(), kb.toll()
    if ta is None or tb is None:
        return False
    return (ka.total() and tb[1] < ta[0]) or (kb.total() and ta[1] < tb[0])


def _tolls_meet(x: tuple[float, float] | None, y: tuple[float, float] | None) -> bool:
    """Two tolls that can be the same count; an unreadable one meets none."""
    return x is not None and y is not None and x[0] <= y[1] and y[0] <= x[1]


_AT_LEAST = words.word_set("merging", "at_least")
_AT_MOST = words.word_set("merging", "at_most")
_ROUGHLY = words.word_set("merging", "roughly")
_NUMBER_WORDS = {w: float(n) for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))} \
    | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0, "dozens": 24.0, "hundreds": 200.0}


def _whole(tok: Token) -> Token:
    """The noun a part is taken from ("the majority of these people" -> "people")."""
    if tok.lemma_.lower() in _PARTS:
        for c in children_of(tok):
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in children_of(c):
                    if p.dep_ == "pobj":
                        return p
    return tok


def _thing_word(tok: Token, direct: bool = False) -> str:
    """The lemma of a noun that names a thing, or "" for a party (a person, state, body or
    people in general), a pronoun or a number. Any number of a kind ("several attacks") is no
    particular thing to tie two mentions by, but still differs from another kind (``direct``)."""
    tok = _whole(tok)
    if tok.pos_ not in {"NOUN"} or tok.ent_type_ in {"PERSON", "GPE", "NORP", "ORG"}:
        return ""
    lemma = tok.lemma_.lower()
    if lemma in _GENERIC or (not direct and any(c.dep_ in {"nummod", "amod", "det"} and c.lower_ in _QUANTIFIERS
                                                for c in children_of(tok))):
        return ""
    return lemma + ("+" if tok.tag_ in {"NNS", "NNPS"} else "")


def _forms(lemma: str, tok: Token | None) -> set[str]:
    out = {lemma}
    if tok is not None:
        out.add(tok.lemma_.lower())
        if tok.lemma_.lower() == "shoot" and any(c.lower_ == "dead" or (c.dep_ == "dobj" and any(
                d.lower_ == "dead" for d in children_of(c))) for c in children_of(tok)):
            out.add("kill")  # "shot dead two militants" ("dead" parsed on the verb or on its object)
        if tok.pos_ == "NOUN":
            for word in list(out):
                for suffix, base in _DERIVATIONS:
                    if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                        out.add(word[: len(word) - len(suffix)] + base)
    for family in _ACT_SYNONYMS:
        if out & family:
            out |= family
    return out


@dataclass(slots=True)
class _Group:
    """An event being built and the keys of the mentions that joined it."""

    event: Event
    keys: list[_Key]

    @property
    def borrowed_negation(self) -> bool:
        """The event is negated only by a verb governing its noun (see ``_Key.borrowed_negation``)."""
        return self.event.status == "negated" and bool(self.keys) and self.keys[0].borrowed_negation()


def merge_within_document(events: list[Event], keys: dict[int, tuple] | None = None) -> list[Event]:
    """Mentions of one act (headline, lede, quote, recap) become one event with several mentions.

    ``keys`` maps ``id(event)`` to ``(trigger lemma family, object lemma, sentence start)``,
    optionally followed by the trigger and object tokens (which let a noun that refers back,
    "the attack", be recognised). Each event joins the nearest earlier event that it does not
    contradict and that something ties it to (see the module's doc); else it stands alone."""
    keys = keys or {}
    groups: list[_Group] = []
    numbers: dict[int, int] = {}  # sentence start -> its number
    persons: set[str] = set()  # names the parser takes for people
    for ev in events:
        key = _Key.of(keys.get(id(ev)), numbers)
        if key is not None and key.tok is not None and not persons:
            persons = {e.text for e in key.tok.doc.ents if e.label_ == "PERSON"} or {""}
        denied = _denial_in_own_words(groups, ev, key, persons)
        if denied is not None:
            # only the words join: the denial's sides are read from the narrative
            held = denied.event.mentions
            held.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in held))
            if key is not None:
                denied.keys.append(key)
            continue
        target = _best(groups, ev, key, persons)
        if target is None:
            groups.append(_Group(ev, [key] if key is not None else []))
            continue
        if target.borrowed_negation and ev.status != "negated":
            target.event.status = ev.status  # the act told as it is elsewhere ("Russia invaded Ukraine")
        _absorb(target.event, ev)
        if key is not None:
            target.keys.append(key)
    return [g.event for g in groups]


def _denial_in_own_words(groups: list[_Group], ev: Event, key: _Key | None, persons: set[str]) -> _Group | None:
    """A rejection told again in the quote of the one who rejects, as a charge nobody could make
    against the speaker ("rejected the allegations ... 'There is no one that can say that I am
    implicated in any corrupt affair,' he said"): coded as an accusation of the speaker by the
    speaker, not taking place. It joins that person's rejection in the sentence before or the same
    sentence (the guide splits a charge rejected as baseless between REJECT and ACCUSE)."""
    if ev.type != "ACCUSE" or ev.status not in {"hypothetical", "negated"} or key is None or key.tok is None:
        return None
    speaker = {e for e in _people(ev.actor) & _people(ev.recipient) if _is_person(e, persons)}
    if not speaker:
        return None
    for g in reversed(groups):
        if g.event.type == "REJECT" and g.event.status == "occurred" and speaker & _people(g.event.actor) \
                and any(0 <= key.n - k.n <= 1 for k in g.keys if k.n >= 0):
            return g
    return None


def _best(groups: list[_Group], ev: Event, key: _Key | None, persons: set[str]) -> _Group | None:
    """The earlier group this event is a mention of: the strongest tie, then the story's main
    act (the one its first sentence reports), then the nearest."""
    tied = [(strength, any(k.n == 0 for k in g.keys), n, g) for n, g in enumerate(groups)
            if _compatible(g, ev, key) and (strength := _tie(g, ev, key, persons))]
    if not tied:
        return None
    return max(tied, key=lambda t: t[:3])[3]


def _absorb(target: Event, ev: Event) -> None:
    target.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in target.mentions))
    if ev.date is not None and ev.date.source == "text" and (target.date is None or target.date.source == "document"):
        target.date, target.date_reason = ev.date, ev.date_reason  # a date the text gives wins over a default
    elif _finer_within(ev, target):
        target.date, target.date_reason = ev.date, ev.date_reason
    target.location = target.location or ev.location
    target.mode = target.mode or ev.mode
    target.contexts = sorted(set(target.contexts) | set(ev.contexts))
    # a side the first mention left unsaid (or only inferred, or named without a country: "we",
    # "the group") is taken from the one that names it
    if _better_side(ev.actor, target.actor):
        # the parties of a meeting or a reciprocal act add up: an inferred party the new mention
        # does not name stays ("talks" with the U.S. and North Korea inferred, then "negotiations
        # with North Korea")
        kept = [a for a in target.actor if a.country and a.country not in {b.country for b in ev.actor}] \
            if target.type == "CONSULT" or not (target.recipient or ev.recipient) else []
        target.actor = list(ev.actor) + kept
    if _better_side(ev.recipient, target.recipient) and (target.recipient or not target.actor or ev.actor):
        target.recipient = list(ev.recipient)
    _enrich(target.actor, ev.actor)
    _enrich(target.recipient, ev.recipient)


def _finer_within(ev: Event, target: Event) -> bool:
    """The new mention dates the act more exactly inside the date already held: a day the text
    gives inside its month ("in March" / "on March 11"), or, for a statement, the report's own
    day inside a week or month the text gives ("this week"): statements are reported the day
    they are made."""
    if ev.date is None or target.date is None or len(ev.date.value) <= len(target.date.value):
        return False
    if not ev.date.value.startswith(target.date.value):
        return False
    return ev.date.source == "text" or (ev.date.source == "document" and target.type in _VERBAL)


def _enrich(into: list[Actor], more: list[Actor]) -> None:
    """Prefer named entities over bare countries when the same side is reported twice."""
    for i, a in enumerate(into):
        if a.entity is None:
            better = next((b for b in more if b.country == a.country and b.entity), None)
            if better is not None:
                into[i] = better


def _compatible(group: _Group, b: Event, kb: _Key | None) -> bool:
    """Nothing in the two mentions says they are different acts."""
    a = group.event
    if kb is not None and group.keys:
        if kb.thing_is_new(b) or kb.afterwards():
            return False
        if kb.set_apart() and all(ka.sent != kb.sent for ka in group.keys):
            return False
        if kb.again() and _STATUS_CLASS.get(a.status, "real") == "real" and b.status not in {"occurred", "ongoing"}:
            return False  # "could attack again" is not the attack that took place
        count, toll = kb.count(), kb.toll()
        # (a toll of another kind, "five others were injured", says nothing about the killed)
        if count and any((n := ka.count()) and n != count and not _tolls_meet(ka.toll(), toll)
                         and not _part_of_total(ka, kb) and ka.words() & kb.words() for ka in group.keys):
            # "killed 33 fighters" / "1,250 fighters have been killed" (but "at least five people
            # were killed" / "it had killed more than 10 people" may be one toll told twice)
            return False
        # what is demanded tells two demands apart ("called for an end to ..." / "called for the
        # creation of ..."; "urged X to halt ..." / "urged X to release ..."); what thanks or praise
        # is for does not ("for its solidarity" / "for its support")
        about = kb.demanded() if a.type == "REQUEST" else kb.thing(direct=True)
        # (an act done during an operation, or a doer's own claim of the story's main act, may be
        # done to any part of what the act was done to: "attacked a train" / "blown up tracks")
        part = kb.during() or (_claimed_main_act(a, b, kb) and any(ka.n == 0 for ka in group.keys))
        if about and not part and any((t := (ka.demanded() if a.type == "REQUEST" else ka.thing(direct=True)))
                                      and t.startswith("to ") == about.startswith("to ") and not _synonyms(t, about)
                                      for ka in group.keys):
            return False
        if kb.refers_back() and b.date is not None and b.date.source == "text" and a.date is not None \
                and a.date.value[:4] != b.date.value[:4]:
            return False  # "Boko Haram's 2014 abduction" is not the kidnapping reported today
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if not _statuses_agree(group, b, kb):
        return False
    if a.date is not None and b.date is not None and a.date.source == b.date.source == "text" \
            and not _same_date(a.date.value, b.date.value):
        return False
    if not _sides_agree(a, b) and not (kb is not None and kb.adjective_side(b)
                                       and _named_countries(b.actor) <= _named_countries(a.actor + a.recipient)):
        return False
    if a.type not in _VERBAL and a.location is not None and b.location is not None and a.location.country \
            and b.location.country and a.location.country != b.location.country:
        return False  # an attack or a meeting takes place somewhere (a statement may be reported from anywhere)
    if a.recipient and b.recipient and _people(a.actor) and _people(b.actor) and not _people(a.actor) & _people(b.actor):
        return False  # two people doing the same to the same side: two acts (a meeting names either party)
    if kb is not None and group.keys:
        mb = kb.modifiers()
        for ka in group.keys:
            ma = ka.modifiers()
            if (ma & _WHICH_INSTANCE) and (mb & _WHICH_INSTANCE) and (ma & _WHICH_INSTANCE) != (mb & _WHICH_INSTANCE):
                return False
            if (mb - ma) & _NEW_INSTANCE and _STATUS_CLASS.get(a.status, "real") == "real":
                return False
    return True


def _statuses_agree(group: _Group, b: Event, kb: _Key | None) -> bool:
    """Both took place, both are to come, or neither is denied. A hypothetical ("could", "tried
    to") goes with either; so does a noun referring back with no status of its own ("Kenya's
    ultimatum" after "gave the agency 14 days to present a plan")."""
    a = group.event
    ca, cb = _STATUS_CLASS.get(a.status, "real"), _STATUS_CLASS.get(b.status, "real")
    if ca == cb:
        return True
    if {ca, cb} == {"negated", "real"} and (group.borrowed_negation if ca == "negated"
                                            else kb is not None and kb.borrowed_negation()):
        return True  # "has never condemned Russia's invasion of Ukraine": the invasion is not what is denied
    if "negated" in (ca, cb):
        return False
    if "hypothetical" in (a.status, b.status):
        return True
    return kb is not None and b.status == "occurred" and kb.refers_back()


def _same_date(x: str, y: str) -> bool:
    """Dates agree at the coarser precision ("2025-03" and "2025-03-11")."""
    return x.startswith(y) or y.startswith(x)


def _sides_agree(a: Event, b: Event) -> bool:
    """The countries the text names for each side are the same, or one mention leaves the side
    unsaid. A meeting or a reciprocal act (no recipient) is compared over all its sides: one
    mention may name fewer of them."""
    if a.type == "CONSULT" or not a.recipient or not b.recipient:
        ca, cb = _named_countries(a.actor + a.recipient), _named_countries(b.actor + b.recipient)
        if a.type != "CONSULT" and (a.recipient or b.recipient) and ca and cb:
            # one directed, one not: the directed one's actor must be among the other's sides
            directed = a if a.recipient else b
            other = cb if directed is a else ca
            return _named_countries(directed.actor) <= other or not _named_countries(directed.actor)
        if not ca or not cb or ca <= cb or cb <= ca:
            return True
        # the text names different parties of a meeting: still one when what was inferred fills the gap
        everyone_a, everyone_b = a.countries, b.countries
        return a.type == "CONSULT" and (everyone_a <= everyone_b or everyone_b <= everyone_a)
    return _agree(a.actor, b.actor) and _agree(a.recipient, b.recipient)


def _people(actors: list[Actor]) -> set[str]:
    """Named people and bodies on a side (an international body acting as itself is as broad
    as a country and names nobody in particular)."""
    return {a.entity for a in actors if a.entity and not (a.country in _BODY_CODES and a.sector is None)}


def _tie(group: _Group, b: Event, kb: _Key | None, persons: set[str]) -> int:
    """How strongly something ties a mention to an earlier act it does not contradict (0: nothing).

    3: named alike with the same sides, and the sides tell the act apart (two states), or the
       same person takes part, or the mentions are adjacent, or the act is done to the same thing;
    2: named alike where one mention leaves a side unsaid, with one of those ties (or the same
       named party, or a noun referring back) besides;
       a noun that refers back ("the attack", "their abduction", "Kenya's ultimatum");
       the same thing done to ("seized the assets" / "confiscating party assets"), the same toll
       ("killed at least 50 fighters" twice), the same named person it was done to;
       the same marked instance ("future talks" / "future negotiations");
    1: the next sentence, telling the act without its author ("Two soldiers were shot dead.")
       or done to people pointed back at ("Most of these people are held")."""
    a = group.event
    if kb is None or kb.tok is None or not group.keys:
        return _plain_tie(group, b, kb)
    # one stance told with two verbs in one sentence ("congratulates X ... and expresses gratitude")
    one_stance = a.type in _STANCES and bool(a.recipient) == bool(b.recipient) \
        and any(ka.sent == kb.sent for ka in group.keys)
    same_words = a.type == "CONSULT" or one_stance or any(_same_words(ka, kb) for ka in group.keys)
    shared = _shared_person(a, b, persons)
    near = any(_sentence_gap(ka, kb) <= 1 for ka in group.keys)
    thing = kb.thing()
    same_thing = bool(thing) and any(ka.thing() == thing for ka in group.keys)
    if a.type == "REQUEST" and (whom := kb.addressee()):
        same_thing = same_thing or any(ka.addressee() == whom for ka in group.keys)
    full = _full_sides(a) and _full_sides(b) and a.countries == b.countries
    informative = len(_named_countries(a.actor + a.recipient) | _named_countries(b.actor + b.recipient)) >= 2
    if same_words and full and (informative or shared or near or same_thing):
        return 3
    verdict = a.type in {"ACCUSE", "SUPPORT"} and any(ka.quoted_verdicts() & kb.quoted_verdicts() for ka in group.keys)
    if verdict:
        return 3 if _shared_person(a, b, persons, sides=("actor",)) else 2
    same_party = bool((_entities(a.actor) & _entities(b.actor)) or (_entities(a.recipient) & _entities(b.recipient)))
    if not a.recipient or not b.recipient:  # an undirected act lists all its parties as one side
        same_party = same_party or bool(_entities(a.actor + a.recipient) & _entities(b.actor + b.recipient))
    if same_words and (shared or same_party or near or same_thing or kb.refers_back()):
        return 2
    if kb.refers_back() and (not b.countries or a.countries & b.countries or shared):
        return 2
    count = kb.count()
    same_count = bool(count) and count not in {"one", "1", "two", "2"} \
        and any(ka.count() == count and _synonyms(ka.thing() or "-", thing or "-") for ka in group.keys)
    if same_thing or same_count or _shared_person(a, b, persons, sides=("recipient",)):
        return 2
    if any(_same_instance(ka, kb) for ka in group.keys):
        return 2
    if (part_of := kb.during()) and any(_sentence_gap(ka, kb) <= 3 for ka in group.keys) and (
            any(part_of in ka.words() for ka in group.keys) or (part_of in _OPERATIONS and a.type in _MATERIAL)):
        return 2  # "closed 12 media outlets ... During the operation the government seized critical data"
    if a.type in _VERBAL and not _stated(b.recipient) and kb.bare() and _shared_person(a, b, persons, sides=("actor",)):
        # "He rejects the charges" ... "'I disagree,' Lai said": the same person's stance again (whom
        # the coder inferred it aims at, when nothing names it, does not make it another act)
        return 2
    if near and (not _stated(b.actor) or kb.patient_refers_back()):
        return 1
    if same_words and full and any(ka.n == 0 for ka in group.keys) and _sectors_agree(a, b) and not kb.also() \
            and not kb.many() and _no_other_place_or_day(a, b):
        # the story's main act told again in detail with the same sides, by country and by kind
        # ("Security forces say they killed all six attackers" ... "our brave soldiers shot dead two
        # militants"): in a story within one country the countries alone do not tell acts apart
        return 1
    if _claimed_main_act(a, b, kb) and any(ka.n == 0 for ka in group.keys) and not kb.also() and not kb.many() \
            and not kb.again() and _no_other_place_or_day(a, b):
        # "Militants attacked a train ..." / "the outfit said it had blown up tracks and taken more
        # than 100 passengers hostage": the doer's own account of the story's attack, in its words
        return 1
    if same_words and _side_unsaid(b) and not kb.also() and not kb.many() and any(ka.n == 0 for ka in group.keys) \
            and (b.date is None or b.date.source != "text" or a.date is None or _same_date(a.date.value, b.date.value)):
        # the story's main act told again with a side unsaid ("the group said it had killed ...",
        # "officials involved in negotiations with North Korea")
        return 1
    return 0


def _claimed_main_act(a: Event, b: Event, kb: _Key) -> bool:
    """A material act its doer claims by a pronoun, naming no party's country ("said it had blown
    up tracks"): what it names as done may be any part of the act already told."""
    return a.type in _MATERIAL and not _named_countries(b.actor + b.recipient) and not _people(b.actor + b.recipient) \
        and kb.own_claim()


def _no_other_place_or_day(a: Event, b: Event) -> bool:
    """The later mention names no place and no day of its own that the act does not already have
    ("In Mogadishu, soldiers shot dead two militants", "On Sunday, ...")."""
    if b.location is not None and b.location.text and (a.location is None or a.location.text != b.location.text):
        return False
    if b.date is not None and b.date.source == "text":
        return a.date is not None and a.date.source == "text" and _same_date(a.date.value, b.date.value)
    return True


def _sectors_agree(a: Event, b: Event) -> bool:
    """No side is named as another kind of party in one mention than in the other (soldiers /
    security forces; militants / attackers of no known kind)."""
    for side in ("actor", "recipient"):
        sa = {x.sector for x in getattr(a, side) if x.sector and x.span is not None}
        sb = {x.sector for x in getattr(b, side) if x.sector and x.span is not None}
        if sa and sb and not sa & sb:
            return False
    return True


def _side_unsaid(e: Event) -> bool:
    """A directed act without its doer named, or a meeting naming fewer than two parties."""
    if e.type == "CONSULT" or not e.recipient:
        return len(_named_countries(e.actor + e.recipient)) < 2 and not _people(e.actor + e.recipient) - {None}
    return not _stated(e.actor)


def _entities(actors: list[Actor]) -> set[str]:
    return {a.entity for a in actors if a.entity}


def _same_instance(ka: _Key, kb: _Key) -> bool:
    """Both marked as the same one of several ("future talks" / "future negotiations", "the
    first summit" / "their first meeting")."""
    marks = _WHICH_INSTANCE | {"another", "next", "future"}
    return bool(ka.modifiers() & marks) and ka.modifiers() & marks == kb.modifiers() & marks


def _plain_tie(group: _Group, b: Event, kb: _Key | None) -> int:
    """Without the parse (keys without tokens, or none): the same countries, named alike."""
    a = group.event
    if not a.countries or a.countries != b.countries:
        return 0
    if kb is None or not group.keys or a.type == "CONSULT":
        return 3
    for ka in group.keys:
        if ka.sent == kb.sent and a.type in _STANCES and bool(a.recipient) == bool(b.recipient):
            return 3
        if ka.lemma == kb.lemma and (not ka.obj or not kb.obj or _synonyms(ka.obj, kb.obj)):
            return 3
    return 0


def _full_sides(e: Event) -> bool:
    """Every side the act has is named: actor and recipient, or two parties of a reciprocal act."""
    if e.recipient:
        return bool(_named_countries(e.actor)) and bool(_named_countries(e.recipient))
    return len(_named_countries(e.actor)) >= 2


def _shared_person(a: Event, b: Event, persons: set[str], sides: tuple[str, ...] = ("actor", "recipient")) -> bool:
    """The same named person on the same side of both (an organisation acts too often to tie
    two mentions)."""
    for side in sides:
        common = _people(getattr(a, side)) & _people(getattr(b, side))
        if any(_is_person(e, persons) for e in common):
            return True
    return False


def _is_person(entity: str, persons: set[str]) -> bool:
    """The parser tagged the name, or its surname, as a person somewhere in the document."""
    return any(p and (p == entity or entity.endswith(" " + p) or p.endswith(" " + entity)) for p in persons)


def _same_words(ka: _Key, kb: _Key) -> bool:
    """The act is named alike: a shared word form and objects that are the same, or one
    mention names no object."""
    if not ka.words() & kb.words():
        return False
    if not ka.obj or not kb.obj or ka.obj == kb.obj:
        return True
    return _synonyms(ka.obj, kb.obj)


def _synonyms(x: str, y: str) -> bool:
    """Two words for one thing; a plural thing ("assets+") is the same as its singular here."""
    x, y = x.rstrip("+"), y.rstrip("+")
    return x == y or any(x in s and y in s for s in _SYNONYMS)


def _sentence_gap(ka: _Key, kb: _Key) -> int:
    """Sentences from one mention to the other (0: the same sentence)."""
    if ka.sent == kb.sent:
        return 0
    return abs(kb.n - ka.n) if ka.n >= 0 and kb.n >= 0 else 99
