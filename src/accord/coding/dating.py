"""When an event happened.

In order:

1. the time expression attached to its trigger along the parse ("attacked ... on Tuesday",
   "Boko Haram's 2014 abduction", "talks failed at the summit in 2019");
2. else the one that dates the clause the trigger belongs to: an act coordinated with a dated
   one ("met on Monday and agreed ..."), a participle or a reported clause under a dated verb
   ("passed a resolution on Friday, decrying ...", "said Tuesday that ..."), a relative clause
   of a dated noun ("in 2013, when both countries withdrew ..."), a clause under a dated noun
   ("the 2004 bombing of a base that killed ..."), a clause of the same moment below it
   ("chanted as they marched on Thursday") — never across "after", "before", "since" ..., and
   never for an act still to come ("agreed on Monday to meet": the meeting is not Monday);
3. else, for an act reported as done or under way, the document date, unless the report sets
   it in the background: a vague time ("recently", "in the 1960s": no date at all), an adverb of
   history or habit ("previously", "repeatedly", "routinely"), a noun act called earlier ("recent
   agreements"), or the present perfect after the first two sentences ("Beijing has rejected the
   ruling": the act is older than the news, its date unknown; in a title or lede it is the news).

An act under way in a period that holds the document date ("are holding talks this week") is
dated by the document, at day precision. A report framed by a dated meeting gives its acts the
meeting's date (``frame_dates``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from accord import words
from accord.actors.doc_index import children_of, sentence_of, sentence_start
from accord.model import DateValue, Document, Event
from accord.timex import Timex

if TYPE_CHECKING:
    from spacy.tokens import Token

# relations along which a clause shares the time of the one above it
_SAME_TIME = {"conj", "xcomp", "ccomp", "advcl", "acl", "relcl", "amod", "pcomp", "pobj", "prep", "agent", "dobj",
              "nsubj", "nsubjpass", "appos", "compound", "npadvmod", "attr", "oprd", "dep", "parataxis"}
_MEANWHILE = words.word_set("time", "meanwhile")
# relations that stay inside a noun phrase: what a relative clause may climb through
_NOMINAL = {"pobj", "prep", "compound", "appos", "poss", "amod", "nmod"}
_OTHER_TIME = words.word_set("time", "other_time")
_UNREALISED = words.word_set("modality", "unrealised_auxiliaries")
_BACKGROUND = words.word_set("time", "background")
_EARLIER = words.word_set("time", "earlier")
# the sentences that carry the news itself (a title line and the lede)
_LEDE_SENTENCES = 2


def attached_timex(tok: Token, timexes: list[Timex], obj: Token | None) -> Timex | None:
    """The time expression that dates this trigger: the nearest one whose path up the parse
    reaches the trigger (or its object) before any other verb; for a nominal trigger, also one
    on the verb that governs the noun ("began an official visit ... today"); else the one that
    dates the clause above (see the module doc). A vague one ("recently", "in the 1960s") is
    returned too, with ``value`` None: the act is then undated."""
    sent = sentence_of(tok)
    inside = [t for t in timexes if sent.start_char <= t.span.start < sent.end_char
              and (t.value is not None or vague(t))]
    if not inside:
        return None
    targets = {tok.i} | ({obj.i} if obj is not None else set())
    if tok.pos_ != "VERB" and tok.head.pos_ in {"VERB", "AUX"}:
        targets.add(tok.head.i)
    found = _nearest(tok, inside, targets)
    if found is not None or _unrealised(tok):
        return found
    return _clause_timex(tok, inside) or _while_timex(tok, inside)


def vague(tx: Timex) -> bool:
    """A time expression that places an act only vaguely in the past: a decade, a century,
    "recently", "in the past" (no DateValue fits)."""
    return tx.value is None and tx.reason.startswith(("decade", "century", "vague past"))


def _nearest(tok: Token, inside: list[Timex], targets: set[int]) -> Timex | None:
    best, best_dist = None, 99
    for tx in inside:
        span = tok.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
        if span is None:
            continue
        node, dist = span.root, 0
        while node.i not in targets and node.head.i != node.i and dist < 8:
            came_from = node
            node, dist = node.head, dist + 1
            # a participle that describes a noun still speaks of the noun's act or thing
            # ("a coup led by the army in 2013", "a statement issued at the July meeting")
            if node.pos_ in {"VERB", "AUX"} and node.i not in targets \
                    and not (node.dep_ == "acl" and node.tag_ == "VBN" and came_from.dep_ != "relcl"):
                break
        if node.i in targets and dist < best_dist:
            best, best_dist = tx, dist
    return best


def _unrealised(tok: Token) -> bool:
    """An act marked as not done ("to meet", "will sign", "could attack") has a time of its own."""
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _UNREALISED for c in children_of(tok))


def _clause_timex(tok: Token, inside: list[Timex]) -> Timex | None:
    """The time expression of the nearest dated clause (or noun) above the trigger."""
    spans = [(tx, tok.doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")) for tx in inside]
    node, relative = tok, False
    for _ in range(8):
        head = node.head
        if head.i == node.i or node.dep_ not in _SAME_TIME:
            return None
        if node.dep_ in {"advcl", "relcl", "acl", "ccomp"} and any(
                c.dep_ in {"mark", "advmod"} and c.lower_ in _OTHER_TIME for c in children_of(node)):
            return None  # "after they met ...": another time
        if node.dep_ in {"pobj", "pcomp"} and head.lower_ in _OTHER_TIME:
            return None  # "after the election", "since the coup"
        if relative and (node.dep_ not in _NOMINAL or head.pos_ in {"VERB", "AUX"}):
            return None  # a relative clause dates its noun, not the sentence around it
        for tx, span in spans:
            if span is not None and span.start <= head.i < span.end:
                return tx  # "in 2013, when both countries withdrew ...": the clause hangs on the date
        found = _nearest(head, inside, {head.i})
        if found is not None:
            return found
        if head.pos_ in {"VERB", "AUX"} and _unrealised(head):
            return None  # "will meet and sign": what the clause above plans has no date yet
        relative = relative or (node.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN"})
        node = head
    return None


def _while_timex(tok: Token, inside: list[Timex]) -> Timex | None:
    """"chanted as they marched on Thursday": a clause of the same moment below the trigger."""
    for clause in children_of(tok):
        if clause.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in _MEANWHILE for c in children_of(clause)):
            found = _nearest(clause, inside, {clause.i})
            if found is not None:
                return found
    return None


def date_of(timex: Timex | None, status: str, document: Document,
            tok: Token | None = None) -> tuple[DateValue | None, str | None]:
    """The date of an act with this time expression (or none) and status; ``tok`` (the trigger)
    lets the tense and adverbs of the report say whether an undated act is today's news."""
    if timex is not None and timex.value is None:
        return None, f"dated only vaguely in the text ('{timex.span.text}')"
    if timex is not None and timex.value is not None:
        if status == "ongoing" and document.published is not None and _holds(timex, document.published):
            # "are holding talks this week": under way at the time of the report
            return (DateValue(document.published.isoformat(), "day", "point", timex.span, "text"),
                    f"under way in '{timex.span.text}', which holds the document date")
        return replace(timex.value, span=timex.span, source="text"), None
    if document.published is None:
        return None, "document undated"
    if status not in {"occurred", "ongoing"}:
        return None, "no date in text"
    background = _background(tok) if tok is not None else None
    if background is not None:
        return None, f"no date in text; {background}"
    return DateValue(document.published.isoformat(), "day", "point", None, "document"), "document date (reported as current news)"


def _background(tok: Token) -> str | None:
    """Why an act with no time expression is not the news of the day, or None."""
    verb = tok
    if tok.pos_ in {"NOUN", "PROPN"}:
        earlier = next((c.lower_ for c in children_of(tok) if c.dep_ == "amod" and c.lower_ in _EARLIER), None)
        if earlier is not None:
            return f"'{earlier} {tok.text}' is an act before the news"
    if tok.pos_ not in {"VERB", "AUX"}:
        if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head  # "has imposed sanctions"
        else:
            return None
    # a coordinated verb or a participle clause with no subject of its own shares the tense and
    # adverbs of the verb it hangs on ("seldom criticized China and instead accepted ...",
    # "has been fighting an insurgency, accusing the government ...")
    group = [verb, verb.head] if _shares_group(verb) else [verb]
    adverb = next((c.lower_ for v in group for c in children_of(v) if c.dep_ == "advmod" and c.lower_ in _BACKGROUND), None)
    if adverb is not None:
        return f"'{adverb}' sets it in the past or in habit"
    if verb.tag_ in {"VBN", "VBG"} and any(_present_perfect(v) for v in group) \
            and not any(c.dep_ in {"prep", "mark"} and c.lower_ == "since" for c in children_of(verb)) \
            and sentence_start(verb) >= _lede_end(verb):
        # "have demanded since then" is dated by its period, not background
        return "present perfect outside the lede: done before the news, when is not said"
    return None


def _shares_group(verb: Token) -> bool:
    if verb.head.i == verb.i or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    if not (verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        return False
    return not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "mark"} for c in children_of(verb))


def _present_perfect(verb: Token) -> bool:
    """"has rejected", "have been calling", "has been arrested"."""
    if verb.tag_ not in {"VBN", "VBG"}:
        return False
    return any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "have" and c.tag_ in {"VBZ", "VBP"}
               for c in children_of(verb))


def _lede_end(tok: Token) -> int:
    """Token index where the lede ends: the first sentences of the document."""
    for n, sent in enumerate(tok.doc.sents):
        if n == _LEDE_SENTENCES:
            return sent.start
    return len(tok.doc)


def _holds(timex: Timex, day: dt.date) -> bool:
    """Whether the period the time expression names contains ``day``."""
    week = re.fullmatch(r"(\d{4})-W(\d\d)", timex.timeml)
    if week:
        return (int(week[1]), int(week[2])) == day.isocalendar()[:2]
    date, iso = timex.value, day.isoformat()
    if date is None:
        return False
    if date.precision == "day":
        return date.value == iso
    if date.precision == "month":
        return date.value == iso[:7]
    if date.precision == "quarter":
        return date.value == f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return date.value == iso[:4]


def after(date: DateValue, published: dt.date) -> bool:
    value = date.value
    try:
        if date.precision == "day":
            return dt.date.fromisoformat(value) > published
        if date.precision == "month":
            y, m = value.split("-")[:2]
            return (int(y), int(m)) > (published.year, published.month)
        return int(value[:4]) > published.year
    except ValueError:
        return False


def frame_dates(events: list[Event]) -> None:
    """A report of a meeting dated in the text ("during the videoconference ... on June 17")
    frames the acts reported with it: occurred events of the same sides that only carry the
    document date take the meeting's date."""
    frame = next((e for e in events if e.type == "CONSULT" and e.status == "occurred" and e.date is not None
                  and e.date.source == "text" and e.date.precision == "day"), None)
    if frame is None:
        return
    frame_date = frame.date
    assert frame_date is not None  # the frame was chosen for its date
    sides = frame.countries
    for ev in events:
        if ev is frame or ev.date is None or ev.date.source != "document" or ev.status not in {"occurred", "ongoing"}:
            continue
        if ev.countries and ev.countries <= sides and ev.mentions[0].start > frame.mentions[0].start:
            ev.date = replace(frame_date, source="text")
            ev.date_reason = f"date of the meeting it was reported with ({frame.trigger.text})"
