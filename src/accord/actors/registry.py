"""The corpus-wide actor registry: one row per canonical person or organisation, built from
the stored ``actor_mentions`` and the documents' dates.

``build_registry(store)`` rebuilds the ``actors``, ``actor_offices`` and ``actor_names`` tables
from scratch in one transaction, so running it twice gives the same tables; ``refresh_registry``
does so only when documents were written since (the commands that write documents call it).
Readers never rebuild it: ``registry_note`` says when it is missing or stale. The building is
pure (``registry_rows``); the store reads and writes the tables (``accord.store.registry``).
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


def registry_rows(mentions: list[tuple[Any, ...]]) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """The registry's rows (actors, offices, names; in the column order of
    ``accord.store.registry``) from the named actor mentions (``Store.actor_mention_rows``)."""
    groups: dict[str, dict[str, Any]] = {}
    for doc_id, text, country, sector, entity, role, conf, reason, day in mentions:
        key = fold(entity)
        g = groups.setdefault(key, {"names": Counter(), "rows": []})
        g["names"][entity] += 1
        g["rows"].append((doc_id, text, country, sector, role, conf or 0.0, reason or "", day))
    # a bare surname joins the single full name of the same country that ends with it
    full: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if " " in key:
            full[key.rsplit(" ", 1)[-1]].append(key)
    for key in [k for k in groups if " " not in k]:
        targets = full.get(key, [])
        countries = {r[2] for r in groups[key]["rows"] if r[2]}
        targets = [t for t in targets if not countries or countries & {r[2] for r in groups[t]["rows"] if r[2]}]
        if len(targets) == 1:
            g = groups.pop(key)
            groups[targets[0]]["names"].update(g["names"])
            groups[targets[0]]["rows"].extend(g["rows"])
    actors: list[list[Any]] = []
    offices: list[list[Any]] = []
    names: list[list[Any]] = []
    for g in groups.values():
        name = max(g["names"].items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]
        rs = g["rows"]
        person = sum(1 for r in rs if r[6].startswith(_PERSON_REASONS)) >= max(1, len(rs) / 3) \
            or any(r[4] for r in rs if not r[6].startswith(_INDIRECT))
        kind = "person" if person else "organisation"
        cw: dict[Any, float] = defaultdict(float)
        sw: dict[Any, float] = defaultdict(float)
        for r in rs:
            if r[2]:
                cw[r[2]] += r[5]
            if r[3]:
                sw[r[3]] += r[5]
        aliases = sorted({r[1].strip() for r in rs if not r[6].startswith(_INDIRECT)} - {name}
                         - {f"the {name}", f"The {name}"})
        days = [r[7] for r in rs if r[7] is not None]
        aid = _actor_id(kind, name)
        actors.append([aid, name, kind, _best(cw), _best(sw), aliases, len(rs), len({r[0] for r in rs}),
                       min(days) if days else None, max(days) if days else None,
                       sum(r[5] for r in rs) / len(rs)])
        seen: dict[str, dict[str, Any]] = {}
        for r in rs:
            if not r[4]:
                continue
            o = seen.setdefault(r[4], {"n": 0, "days": [], "c": defaultdict(float), "s": defaultdict(float)})
            o["n"] += 1
            if r[7] is not None:
                o["days"].append(r[7])
            if r[2]:
                o["c"][r[2]] += r[5]
            if r[3]:
                o["s"][r[3]] += r[5]
        for role, o in seen.items():
            offices.append([aid, role, _best(o["c"]), _best(o["s"]), min(o["days"]) if o["days"] else None,
                            max(o["days"]) if o["days"] else None, o["n"]])
        for n in g["names"]:
            names.append([n, aid])
    return actors, offices, names


def build_registry(store: Store) -> int:
    """Rebuild the registry from ``actor_mentions`` (one transaction); returns the number of actors."""
    actors, offices, names = registry_rows(store.actor_mention_rows())
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
