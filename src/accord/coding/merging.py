"""Mentions of one act within a document become one event: two triggers of one act in a
sentence (``fold_one_act``), and the headline, lede, quote and recap of it (``merge_within_document``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.model import Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Token


def fold_one_act(events: list[Event], doc, at: dict[int, int]) -> list[Event]:
    """One act named by two triggers of one type: a verb and its object ("delivered
    emergency aid to Ukraine", "aid was delivered"), two coordinated verbs ("donated and
    delivered goods to X") or an act and its purpose ("began a hunger strike to protest
    against X"). The second joins the first when their sides do not disagree; a side the
    first only inferred gives way to one the second names."""
    by_tok = {at[id(e)]: e for e in events}
    folded: set[int] = set()
    for ev in events:
        tok = doc[at[id(ev)]]
        if tok.dep_ not in {"dobj", "nsubjpass", "conj", "relcl", "advcl", "xcomp", "acl"}:
            continue
        host = by_tok.get(tok.head.i)
        if host is None or host is ev or id(host) in folded or host.type != ev.type or host.status != ev.status:
            continue
        if not (_agree(host.actor, ev.actor) and _agree(host.recipient, ev.recipient)):
            continue
        host.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in host.mentions))
        host.actor = host.actor if _stated(host.actor) or not ev.actor else ev.actor
        host.recipient = host.recipient if _stated(host.recipient) or not ev.recipient else ev.recipient
        host.date = host.date or ev.date
        host.contexts = sorted(set(host.contexts) | set(ev.contexts))
        folded.add(id(ev))
    return [e for e in events if id(e) not in folded]


def _agree(a: list[Actor], b: list[Actor]) -> bool:
    """Two reports of one side agree when either is silent (or only inferred) or both name
    the same countries."""
    ca = {x.country for x in a if x.country and x.span is not None}
    cb = {x.country for x in b if x.country and x.span is not None}
    return not ca or not cb or ca == cb


def _stated(actors: list[Actor]) -> bool:
    """A side the text names (not one inferred, such as the government a protest aims at)."""
    return any(a.span is not None for a in actors)


def lemma_family(tok: Token) -> str:
    """Verb and noun forms of one act share a key ("sign"/"signing", "visit"/"visit")."""
    lemma = tok.lemma_.lower()
    for suffix, base in (("ing", ""), ("ation", "e"), ("ment", "")):
        if tok.pos_ == "NOUN" and lemma.endswith(suffix) and len(lemma) > len(suffix) + 3:
            return lemma[: -len(suffix)] + base
    return lemma


def merge_within_document(events: list[Event], keys: dict[int, tuple[str, str, int]] | None = None) -> list[Event]:
    """Mentions of one act (headline, lede, quote) become one event with several mentions.

    Besides type, sides and dates, two mentions must name the act alike (same trigger lemma
    and object), except meetings: one article reports one meeting with many words."""
    keys = keys or {}
    out: list[Event] = []
    for ev in events:
        target = next((o for o in out if _same_act(o, ev) and _same_words(o, ev, keys)), None)
        if target is None:
            out.append(ev)
            continue
        target.mentions.extend(m for m in ev.mentions if not any(m.overlaps(x) for x in target.mentions))
        if target.date is None or (target.date.source == "document" and ev.date is not None and ev.date.source == "text"):
            target.date, target.date_reason = ev.date, ev.date_reason
        target.location = target.location or ev.location
        target.mode = target.mode or ev.mode
        target.contexts = sorted(set(target.contexts) | set(ev.contexts))
        _enrich(target.actor, ev.actor)
        _enrich(target.recipient, ev.recipient)
    return out


def _enrich(into: list[Actor], more: list[Actor]) -> None:
    """Prefer named entities over bare countries when the same side is reported twice."""
    for i, a in enumerate(into):
        if a.entity is None:
            better = next((b for b in more if b.country == a.country and b.entity), None)
            if better is not None:
                into[i] = better


def _same_words(a: Event, b: Event, keys: dict[int, tuple[str, str, int]]) -> bool:
    """Named alike, or two verbs of one sentence with the same sides ("congratulates X ... and
    expresses gratitude"): one stance reported with two verbs."""
    if a.type == "CONSULT" or id(a) not in keys or id(b) not in keys:
        return True
    (la, oa, sa), (lb, ob, sb) = keys[id(a)][:3], keys[id(b)][:3]
    if sa == sb and a.type in {"SUPPORT", "ACCUSE", "REQUEST"} and bool(a.recipient) == bool(b.recipient):
        return True
    return la == lb and (not oa or not ob or oa == ob)


def _same_act(a: Event, b: Event) -> bool:
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if (a.status in {"planned", "proposed"}) != (b.status in {"planned", "proposed"}):
        return False
    ca, cb = a.countries, b.countries
    if not ca or not cb or ca != cb:
        return False
    if a.date is not None and b.date is not None and a.date.source == b.date.source == "text" and a.date.value != b.date.value:
        return False
    if a.type in {"CONSULT", "AGREE"} or not a.recipient:
        return True
    ea = {x.entity for x in a.actor if x.entity}
    eb = {x.entity for x in b.actor if x.entity}
    return not ea or not eb or bool(ea & eb)
