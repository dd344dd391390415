"""The corpus-wide actor registry: one row per canonical person or organisation, built from
the stored ``actor_mentions`` and the documents' dates.

``build_registry(store)`` rebuilds the ``actors``, ``actor_offices`` and ``actor_names`` tables
from scratch in one transaction, so running it twice gives the same tables; ``refresh_registry``
does so only when documents were written since (the commands that write documents call it).
Readers never rebuild it: ``registry_note`` says when it is missing or stale. The building is
pure (``RegistryBuilder``, ``registry_rows``); the store reads and writes the tables
(``accord.store.registry``). The mentions are streamed through the builder, which keeps per name
only what the rows need (sums, counts, sets, extremes): a rebuild's memory follows the number of
actors, not of mentions, so it stays flat as the store grows (issue 15).
Each mention keeps its own confidence and reason in ``actor_mentions``; the registry only
aggregates them:

* names are merged case- and diacritic-insensitively; a bare surname ("Husyev") joins the one
  full name of the same country ending in it;
* country and sector are those with the most confidence-weighted support;
* offices are the roles seen, each with the first and last day it was seen (document dates).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from accord.actors.gazetteer import fold

if TYPE_CHECKING:
    from accord.store import Store

__all__ = ["ActorProfile", "RegistryActor", "build_registry", "find_actor", "list_actors", "profile", "refresh_registry",
           "registry_note", "registry_rows"]

# mentions that only point at someone named elsewhere add no name of their own
_INDIRECT = ("pronoun", "quote speaker", "description", "group")
_PERSON_REASONS = ("title pattern", "named person", "alias of")


@dataclass(slots=True)
class RegistryActor:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: list[str]
    mentions: int
    documents: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    confidence: float
    offices: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "sector": self.sector, "aliases": self.aliases, "mentions": self.mentions,
                "documents": self.documents,
                "first_seen": self.first_seen.isoformat() if self.first_seen else None,
                "last_seen": self.last_seen.isoformat() if self.last_seen else None,
                "confidence": round(self.confidence, 3), "offices": self.offices}


@dataclass(slots=True)
class ActorProfile:
    actor: RegistryActor
    counterparts: list[dict[str, Any]]  # {name, country, sector, events}
    events: list[dict[str, Any]]  # {period, type, events}

    def to_dict(self) -> dict[str, Any]:
        return {**self.actor.to_dict(), "counterparts": self.counterparts, "events": self.events}


def _actor_id(kind: str, name: str) -> str:
    return "act_" + hashlib.sha1(f"{kind}\x1f{fold(name)}".encode()).hexdigest()[:12]


def _best(weights: dict[Any, float]) -> Any:
    return max(weights.items(), key=lambda kv: (kv[1], str(kv[0])))[0] if weights else None


class _Sum:
    """A running total equal to the last bit to Python's ``sum()`` over the same floats in the
    same order (since 3.12 a Neumaier-compensated sum), but fed one value at a time."""

    __slots__ = ("c", "f")

    def __init__(self) -> None:
        self.f = 0.0
        self.c = 0.0

    def add(self, x: float) -> None:
        t = self.f + x
        self.c += (self.f - t) + x if abs(self.f) >= abs(x) else (x - t) + self.f
        self.f = t

    @property
    def value(self) -> float:
        return self.f + self.c if self.c and math.isfinite(self.c) else self.f


@dataclass(slots=True)
class _Office:
    """A role seen for an actor: mentions, first and last day, and the weights of its countries
    and sectors (confidence-weighted, summed in the order of the mentions)."""

    n: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    c: dict[Any, float] = field(default_factory=lambda: defaultdict(float))
    s: dict[Any, float] = field(default_factory=lambda: defaultdict(float))


@dataclass(slots=True)
class _Group:
    """What the registry keeps of one name's mentions, folded in as they come: sums, counts,
    sets and extremes instead of the mentions themselves, so that memory stays that of the
    actors, not of the mentions (a store of 100,000 articles holds ~800,000 named ones)."""

    names: Counter = field(default_factory=Counter)
    n: int = 0
    person: int = 0  # mentions with a person reason
    role_named: bool = False  # a role on a direct mention
    cw: dict[Any, float] = field(default_factory=lambda: defaultdict(float))
    sw: dict[Any, float] = field(default_factory=lambda: defaultdict(float))
    aliases: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None
    conf: _Sum = field(default_factory=_Sum)
    documents: int = 0  # counted when a mention comes from another document than the last one
    last_doc: Any = None
    offices: dict[str, _Office] = field(default_factory=dict)

    def add(self, doc_id, text, country, sector, role, conf, reason, day) -> None:
        # the same operations, in the same order, as a pass over the list of the mentions:
        # every float sum is the same to the last bit
        conf, reason = conf or 0.0, reason or ""
        self.n += 1
        self.person += reason.startswith(_PERSON_REASONS)
        direct = not reason.startswith(_INDIRECT)
        self.role_named = self.role_named or bool(role and direct)
        if country:
            self.cw[country] += conf
        if sector:
            self.sw[sector] += conf
        if direct:
            self.aliases.add(text.strip())
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.conf.add(conf)
        if doc_id != self.last_doc:
            self.documents += 1
            self.last_doc = doc_id
        if role:
            o = self.offices.setdefault(role, _Office())
            o.n += 1
            if day is not None:
                o.first = day if o.first is None else min(o.first, day)
                o.last = day if o.last is None else max(o.last, day)
            if country:
                o.c[country] += conf
            if sector:
                o.s[sector] += conf


class RegistryBuilder:
    """The registry built from the named actor mentions streamed through it once, in the order
    of ``Store.actor_mention_rows`` (a document's mentions together), in bounded memory.

    ``add`` every mention; ``merges`` then says which bare surnames join a full name; ``replay``
    the mentions of those surnames (their ``entities``, in the same order) into their full
    names, and give ``rows`` the number of distinct documents of each merged name: the rows are
    those of a single pass over the whole list of mentions.
    """

    def __init__(self) -> None:
        self._groups: dict[str, _Group] = {}
        self._merges: dict[str, str] | None = None

    def add(self, mention: tuple[Any, ...]) -> None:
        doc_id, text, country, sector, entity, role, conf, reason, day = mention
        key = fold(entity)
        g = self._groups.get(key)
        if g is None:
            g = self._groups[key] = _Group()
        g.names[entity] += 1
        g.add(doc_id, text, country, sector, role, conf, reason, day)

    def merges(self) -> dict[str, str]:
        """Bare surname key -> the full name key it joins: the single full name of the same
        country (when the surname has one) that ends with it."""
        if self._merges is None:
            full: dict[str, list[str]] = defaultdict(list)
            for key in self._groups:
                if " " in key:
                    full[key.rsplit(" ", 1)[-1]].append(key)
            self._merges = {}
            for key in [k for k in self._groups if " " not in k]:
                countries = set(self._groups[key].cw)
                targets = [t for t in full.get(key, []) if not countries or countries & set(self._groups[t].cw)]
                if len(targets) == 1:
                    self._merges[key] = targets[0]
                    # as the names join: the full name's names, then the surname's
                    self._groups[targets[0]].names.update(self._groups[key].names)
        return self._merges

    def entities(self, key: str) -> list[str]:
        """The entity names that fold to ``key``."""
        return list(self._groups[key].names)

    def replay(self, mention: tuple[Any, ...]) -> None:
        """A mention of a merged surname, added to the full name it joins."""
        doc_id, text, country, sector, entity, role, conf, reason, day = mention
        self._groups[self.merges()[fold(entity)]].add(doc_id, text, country, sector, role, conf, reason, day)

    def rows(self, documents: dict[str, int]) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
        """The registry's rows (actors, offices, names; in the column order of
        ``accord.store.registry``); ``documents``: name key -> its distinct documents, needed
        for each full name a surname joined (others count them as they come)."""
        merges = self.merges()
        actors: list[list[Any]] = []
        offices: list[list[Any]] = []
        names: list[list[Any]] = []
        for key, g in self._groups.items():
            if key in merges:
                continue
            name = max(g.names.items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]
            person = g.person >= max(1, g.n / 3) or g.role_named
            kind = "person" if person else "organisation"
            aliases = sorted(g.aliases - {name} - {f"the {name}", f"The {name}"})
            aid = _actor_id(kind, name)
            actors.append([aid, name, kind, _best(g.cw), _best(g.sw), aliases, g.n, documents.get(key, g.documents),
                           g.first, g.last, g.conf.value / g.n])
            for role, o in g.offices.items():
                offices.append([aid, role, _best(o.c), _best(o.s), o.first, o.last, o.n])
            for n in g.names:
                names.append([n, aid])
        return actors, offices, names


def registry_rows(mentions: list[tuple[Any, ...]]) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """The registry's rows (actors, offices, names; in the column order of
    ``accord.store.registry``) from the list of the named actor mentions
    (``Store.actor_mention_rows``); ``build_registry`` streams them instead."""
    builder = RegistryBuilder()
    for m in mentions:
        builder.add(m)
    merges = builder.merges()
    for m in mentions:
        if fold(m[4]) in merges:
            builder.replay(m)
    documents: dict[str, set[Any]] = defaultdict(set)  # in any order of the mentions
    for m in mentions:
        key = fold(m[4])
        documents[merges.get(key, key)].add(m[0])
    return builder.rows({key: len(ids) for key, ids in documents.items()})


def build_registry(store: Store) -> int:
    """Rebuild the registry from ``actor_mentions`` (one transaction); returns the number of actors.

    The mentions are streamed from the store (``RegistryBuilder``), the surnames that join a full
    name read a second time: memory grows with the number of actors, not of mentions."""
    builder = RegistryBuilder()
    for m in store.actor_mention_rows():
        builder.add(m)
    merges = builder.merges()
    if merges:
        for m in store.actor_mention_rows([e for key in merges for e in builder.entities(key)]):
            builder.replay(m)
    targets = sorted(set(merges.values()))
    # a full name's entities include, once merged, those of the surname that joined it
    documents = dict(zip(targets, store.mention_documents([builder.entities(t) for t in targets]), strict=True))
    actors, offices, names = builder.rows(documents)
    store.write_registry(actors, offices, names)
    return len(actors)


def refresh_registry(store: Store) -> int | None:
    """Rebuild the registry unless it is current (``Store.registry_status``): what the commands
    that write documents call, cheap when nothing changed. Returns the number of actors
    when it was rebuilt, else None."""
    if store.registry_status() == "current":
        return None
    return build_registry(store)


def registry_note(store: Store) -> str | None:
    """For readers: what is wrong with the registry of ``store`` and what to run, or None when
    it is current. Readers show the registry as stored and never rebuild it themselves."""
    status = store.registry_status()
    if status == "current":
        return None
    what = ("has no actor registry yet" if status == "missing"
            else "has documents written since its actor registry was built")
    return f"{store.path} {what}: `accord merge --db {store.path}` (or the next `accord run`) rebuilds it"


def _row_actor(row: tuple) -> RegistryActor:
    return RegistryActor(row[0], row[1], row[2], row[3], row[4], list(row[5] or []), row[6], row[7], row[8],
                         row[9], row[10] or 0.0)


def list_actors(store: Store, country: str | None = None, sector: str | None = None) -> list[RegistryActor]:
    """Registry actors, most mentioned first, optionally of one country and/or sector."""
    return [_row_actor(r) for r in store.registry_actors(country.upper() if country else None,
                                                         sector.upper() if sector else None)]


def find_actor(store: Store, name: str) -> RegistryActor | None:
    """The actor with this name or alias (case-insensitive), else the most mentioned one whose
    name contains it."""
    key = fold(name)
    actors = [_row_actor(r) for r in store.registry_actors()]
    for a in actors:
        if fold(a.name) == key or any(fold(x) == key for x in a.aliases):
            return a
    for a in actors:
        if key in fold(a.name):
            return a
    return None


def profile(store: Store, actor: RegistryActor) -> ActorProfile:
    """Offices, counterparts met (other entities in events it takes part in) and events by type per month."""
    actor.offices = [
        {"role": r[0], "country": r[1], "sector": r[2], "first_seen": r[3].isoformat() if r[3] else None,
         "last_seen": r[4].isoformat() if r[4] else None, "mentions": r[5]}
        for r in store.actor_offices(actor.id)]
    counterparts = [{"name": r[0], "country": r[1], "sector": r[2], "events": r[3]}
                    for r in store.actor_counterparts(actor.id)]
    events = [{"period": r[0], "type": r[1], "events": r[2]} for r in store.actor_activity(actor.id)]
    return ActorProfile(actor, counterparts, events)
