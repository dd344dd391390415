"""``EventFacts`` as JSON records, so that they can be kept in the store and read back equal.

The dyad report adds up one ``EventFacts`` per merged event (``analytics.dyad.event_facts``):
finding each event's sentences and topics is most of the report's cost, and it depends only on
the merged event and its documents. ``accord merge`` keeps the facts of every merged event it
touches (``accord.views.facts``); ``to_record`` and ``from_record`` are the round trip, tested to
give back an equal ``EventFacts``.

``FACTS_VERSION`` names the shape of the record and the rules behind it: a record written under
another version (or other packaged data, see ``facts_version``) is not read, and the event's
facts are worked out again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import fields
from pathlib import Path
from typing import Any

from accord.analytics.commitments import Act
from accord.analytics.coverage import Dating
from accord.analytics.dyad import Agreement, EventFacts, EventRow, PlannedEvent, label
from accord.analytics.topics import TopicHit
from accord.model import Actor, Span, quick_new
from accord.version import __version__

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# bump when EventFacts, its record or a counting rule behind it changes
FACTS_VERSION = "4"

# the row's fields a record keeps: its direction and period come from the query (its labels and
# topics could be derived from the participants and hits, but reading them is quicker)
_ROW_KEPT = tuple(f.name for f in fields(EventRow) if f.name not in {"direction", "period"})
_FIELDS = [f.name for f in fields(EventRow)]
_DIRECTION, _PERIOD = _FIELDS.index("direction"), _FIELDS.index("period")
assert _DIRECTION < _PERIOD  # from_record puts them back in this order
# from_record builds an Act from its fields in this order
assert [f.name for f in fields(Act)][:16] == ["id", "type", "status", "reported", "mode", "date", "actors",
    "recipients", "doers", "named", "countries", "documents", "sentence", "sentence_key", "evidence", "topics"]


@functools.cache
def facts_version() -> str:
    """The version stored with each record: the record's shape, accord's version and the
    packaged data (the topic lexicon, the scores, the key-actor words and the gazetteer are read
    into the facts, so a change to any data file makes them stale; hashing the files takes
    milliseconds, loading the gazetteer to fingerprint it would take most of a report)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(DATA_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{FACTS_VERSION}:{__version__}:{digest.hexdigest()[:12]}"


def _span(s: Span | None) -> list[Any] | None:
    return None if s is None else [s.start, s.end, s.text]


def _actor(a: Actor) -> list[Any]:
    return [a.text, a.country, a.sector, a.entity, a.role, _span(a.span), a.confidence, a.reason]


# a big pair's records hold tens of thousands of these frozen records: built field by field
_ACTOR, _SPAN, _DATING = quick_new(Actor), quick_new(Span), quick_new(Dating)


def _unactor(v: list[Any]) -> Actor:
    s = v[5]
    return _ACTOR(v[0], v[1], v[2], v[3], v[4], None if s is None else _SPAN(s[0], s[1], s[2]), v[6], v[7])


def _undate(v: str | None) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(v)


def _evidence(row: EventRow) -> str:
    """The first mention's words as the lists quote them (the trigger's without a mention)."""
    return row.evidence[0] if row.evidence else row.trigger


def _same(text: str, sentence: str) -> str | None:
    """``text``, or None when it is ``sentence`` (the act's): most quotes are, and a record
    keeps each sentence once."""
    return None if text == sentence else text


def to_record(facts: EventFacts) -> dict[str, Any]:
    """A JSON-ready record of ``facts`` (``from_record`` gives back an equal ``EventFacts``).

    The row, the participants, the topic hits, the act's sentence and the quotes that differ
    from it are kept; the act, the dating and the lists' records are rebuilt from them as
    ``analytics.dyad.event_facts`` builds them. Tests check the round trip.
    """
    row, act = facts.row, facts.act
    sentence = act.sentence
    return {
        "row": [getattr(row, name) for name in _ROW_KEPT],
        "actor": [_actor(a) for a in facts.actor],
        "recipient": [_actor(a) for a in facts.recipient],
        "hits": [[h.topic, h.label, [_span(w) for w in h.words], _same(h.sentence, sentence), h.via]
                 for h in facts.hits],
        "act": [sentence, None if act.sentence_key is None else list(act.sentence_key)],
        "sources": facts.sources,
        "dated_by": facts.dating.source,
        "named": "".join("1" if n else "0" for n in facts.named),
        "agreement": None if facts.agreement is None else [
            facts.agreement.title, facts.agreement.evidence, _same(facts.agreement.sentence, sentence)],
        "aid": None if facts.aid is None else _same(facts.aid[1], sentence),
        "has_aid": facts.aid is not None,
        "planned": None if facts.planned is None else [facts.planned.future, _same(facts.planned.sentence, sentence)],
    }


def from_record(record: dict[str, Any]) -> EventFacts:
    """The ``EventFacts`` of a record written by ``to_record``."""
    actor = [_unactor(a) for a in record["actor"]]
    recipient = [_unactor(a) for a in record["recipient"]]
    sentence, key = record["act"]
    hits = [TopicHit(h[0], h[1], [_SPAN(w[0], w[1], w[2]) for w in h[2]], sentence if h[3] is None else h[3], h[4])
            for h in record["hits"]]
    values = record["row"]  # _ROW_KEPT: the row's fields in order, less its direction and period
    row = EventRow(*values[:_DIRECTION], "", *values[_DIRECTION:_PERIOD - 1],  # type: ignore[call-arg]
                   None, *values[_PERIOD - 1:])  # every field, in order: quicker than by keyword
    evidence = _evidence(row)
    everyone = actor + recipient
    act = Act(  # every field in order (id, type, status, reported, mode, date, actors, recipients, doers,
        # named, countries, documents, sentence, sentence_key, evidence, topics): quicker than by keyword
        row.id, row.type, row.status, _undate(row.first_reported), row.mode, row.date, row.actors, row.recipients,
        frozenset([x.entity for x in actor if x.entity]), frozenset([x.entity for x in everyone if x.entity]),
        frozenset([x.country for x in everyone if x.country]), list(row.documents), sentence,
        None if key is None else (key[0], key[1]), " ".join(evidence.split()), frozenset(row.topics),
    )
    facts = EventFacts(row, actor, recipient, hits, act, record["sources"],
                       _DATING(row.id, record["dated_by"], row.date is not None, bool(row.day or row.first_reported),
                               tuple(row.documents)), [n == "1" for n in record["named"]])
    if (agreement := record["agreement"]) is not None:
        title, said, quote = agreement
        facts.agreement = Agreement(row.id, title, row.date or row.day, row.status, label(everyone), said,
                                    sentence if quote is None else quote, list(row.documents))
    if record["has_aid"]:
        facts.aid = (evidence, sentence if record["aid"] is None else record["aid"])
    if (planned := record["planned"]) is not None:
        future, quote = planned
        facts.planned = PlannedEvent(row.id, row.type, row.mode, row.status, row.date, future, row.first_reported,
                                     label(everyone), evidence, sentence if quote is None else quote,
                                     list(row.documents))
    return facts


__all__ = ["FACTS_VERSION", "facts_version", "from_record", "to_record"]
