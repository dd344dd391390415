"""More exports of merged events: a GDELT-like TSV and the actor network as GraphML.

GDELT-like TSV (``write_gdelt``): one row per merged event, tab-separated, with a header row
of ``GDELT_COLUMNS`` (GDELT 1.0 event-file names). Where accord differs from GDELT:

* ``GlobalEventID`` is accord's merged-event id (a string), not an integer.
* A header row is written (GDELT files have none).
* ``Day`` is the day the event is counted at (``analytics.counted_day``): its own date, else
  its first report; for planned and proposed events the report date. A month- or year-precision
  date gives the first day of that month or year, and the extra last column ``DatePrecision``
  (``day``, ``week``, ``month``, ``quarter``, ``year``) says so: ``Day 20200101`` with
  ``DatePrecision year`` is "in 2020", not 1 January. Day stays a valid YYYYMMDD (rather than
  ``20200000``) so that GDELT readers that parse it as a date keep working; the column comes
  last so that readers that take GDELT's columns by position are not shifted.
  Undated events leave Day/MonthYear/Year/DatePrecision empty.
* Actor codes are ``country + sector`` (``UKRGOV``; ``AZE`` for a bare country), not full
  CAMEO actor codes; names are written as found (GDELT upper-cases them). Actor2 is the first
  recipient, or for reciprocal events (no recipient) the first actor of another country.
* Country codes are ISO 3166 alpha-3 (and ``UNO``, ``EUR``, ...), for actors and ActionGeo
  alike; GDELT's ActionGeo uses FIPS 10-4.
* EventCode is the coded CAMEO code when it refines the crosswalk root, else the root;
  planned or proposed CONSULT/SUPPORT/COOPERATE/AID are coded AGREE (CAMEO 03), as PLOVER does.
* ``GoldsteinScale`` holds the PLOVER score (-10..10) of the type and mode, not Goldstein's.
* ``IsRootEvent`` is 1 when a mention starts in the document's title or lead paragraph.
* ``NumSources`` counts distinct outlets (empty when none is known); ``NumArticles`` documents.
* ``AvgTone`` is empty: accord does not score tone.
* ``DATEADDED`` is the first report date (YYYYMMDD), not the time of ingestion.
* ``SOURCEURL`` is the first document's URL, else its ``doc_origin`` (file name or record id).
* Hypothetical and negated events are left out (GDELT records asserted events only).

GraphML (``actor_graph`` + ``write_graphml``): an undirected graph. Nodes are participants:
a named entity (``entity``), a country's sector when no one is named (``group``, e.g. UKR GOV),
or a bare country (``country``), with attributes label, kind, country, sector, roles, events.
Edges join the actors and recipients of each counted event (all pairs of actors for reciprocal
events) with ``weight`` (events), one ``n_TYPE`` count per PLOVER type, ``score_sum`` and
``event_ids`` (space-separated), so every edge can be traced to its events.
"""

from __future__ import annotations

import csv
import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from accord.analytics.dyad import (
    OWN_DATE,
    counted_day,
    counted_type,
    direction_of,
    event_score,
    reported_day,
)
from accord.coding.scores import type_info
from accord.errors import StoreError
from accord.model import EVENT_TYPES, Actor, Document, MergedEvent, doc_ids

if TYPE_CHECKING:
    from accord.store import Store

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "DatePrecision",
)
SKIPPED_STATUSES = frozenset({"hypothetical", "negated"})
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


# --- GDELT-like TSV ----------------------------------------------------------------------------


def _code(actor: Actor | None) -> str:
    if actor is None or not actor.country:
        return ""
    return actor.country + (actor.sector or "")


def _second(actors: list[Actor], recipients: list[Actor]) -> Actor | None:
    if recipients:
        return recipients[0]
    first = actors[0].country if actors else None
    others = [x for x in actors[1:] if x.country and x.country != first]
    return others[0] if others else (actors[1] if len(actors) > 1 else None)


def _lead_end(doc: Document) -> int:
    """Where the lead ends: after the title line (when there is one) and the first paragraph."""
    lines, pos = [], 0
    for line in doc.text.splitlines(keepends=True):
        if line.strip():
            lines.append(pos + len(line))
        pos += len(line)
        if len(lines) == (2 if doc.title else 1):
            break
    return lines[-1] if lines else len(doc.text)


def _is_root(merged: MergedEvent, documents: Mapping[str, Document]) -> bool:
    docs = [documents[i] for i in doc_ids(merged) if i in documents]
    for m in merged.event.mentions:
        for doc in docs:
            if doc.text[m.start:m.end] == m.text and m.start < _lead_end(doc):
                return True
    return False


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_row(merged: MergedEvent, documents: Mapping[str, Document]) -> dict[str, str]:
    """One GDELT-like row (keys ``GDELT_COLUMNS``; empty strings for unknown values)."""
    ev = merged.event
    day, how = counted_day(merged, documents)
    precision = (ev.date.precision if ev.date and how == OWN_DATE else "day") if day else ""
    kind = counted_type(ev)
    info = type_info(kind, ev.mode if kind == ev.type else None)
    root = info.cameo if info else ""
    code = ev.cameo if (kind == ev.type and ev.cameo and ev.cameo.isdigit() and ev.cameo.startswith(root)) else root
    a1 = ev.actor[0] if ev.actor else (ev.recipient[0] if ev.recipient else None)
    a2 = _second(ev.actor, ev.recipient) if ev.actor else None
    docs = [documents[i] for i in doc_ids(merged) if i in documents]
    first_doc = next((d for d in docs if d.url), docs[0] if docs else None)
    added = reported_day(merged, documents)
    loc = ev.location
    return {
        "GlobalEventID": merged.id,
        "Day": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.strftime("%Y") if day else "",
        "Actor1Code": _code(a1), "Actor1Name": (a1.entity or a1.text) if a1 else "",
        "Actor1CountryCode": (a1.country or "") if a1 else "",
        "Actor2Code": _code(a2), "Actor2Name": (a2.entity or a2.text) if a2 else "",
        "Actor2CountryCode": (a2.country or "") if a2 else "",
        "IsRootEvent": "1" if _is_root(merged, documents) else "0",
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root,
        "QuadClass": str(info.quad) if info else "",
        "GoldsteinScale": _num(event_score(ev)),
        "NumMentions": str(merged.num_mentions or len(ev.mentions)),
        "NumSources": str(merged.num_sources) if merged.num_sources else "",
        "NumArticles": str(len(doc_ids(merged))),
        "AvgTone": "",
        "ActionGeo_FullName": loc.text if loc else "",
        "ActionGeo_CountryCode": (loc.country or "") if loc else "",
        "ActionGeo_Lat": _num(loc.lat) if loc else "", "ActionGeo_Long": _num(loc.lon) if loc else "",
        "DATEADDED": added.strftime("%Y%m%d") if added else "",
        "SOURCEURL": (first_doc.url or first_doc.doc_origin or first_doc.origin) if first_doc else "",
        "DatePrecision": precision,
    }


def gdelt_rows(events: list[MergedEvent], documents: Mapping[str, Document]) -> list[dict[str, str]]:
    """Rows for every asserted event (not hypothetical or negated), by Day (undated last), id."""
    rows = [gdelt_row(m, documents) for m in events if m.event.status not in SKIPPED_STATUSES]
    return sorted(rows, key=lambda r: (r["Day"] == "", r["Day"], r["GlobalEventID"]))


def write_gdelt(events: list[MergedEvent], documents: Mapping[str, Document], out: IO[str]) -> int:
    """Write the TSV (header + rows) to a text stream opened with ``newline=""``; return rows."""
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    rows = gdelt_rows(events, documents)
    for row in rows:
        writer.writerow({k: _clean(v) for k, v in row.items()})
    return len(rows)


def _clean(value: str) -> str:
    # a tab or newline inside a name would shift columns for tools that split on tabs
    return " ".join(value.split()) if ("\t" in value or "\n" in value) else value


def stored_merged_batches(store: Store, dyad: tuple[str, str] | None = None, *, batch: int = 20_000
                          ) -> Iterator[tuple[list[MergedEvent], Mapping[str, Document], bool]]:
    """Every stored event counted once, in batches of about ``batch``: the merged events of
    ``store`` (of ``dyad`` when given), then, each alone, the stored events no merged event holds
    yet; with the documents each batch cites and whether the batch is of events alone. Only one
    batch is held at a time."""
    from accord.dedup import iter_merged_batches
    from accord.model import singletons
    from accord.store import EventFilter
    from accord.store.browse import documents_by_ids, events_by_ids
    from accord.store.selection import event_ids

    flt = EventFilter(dyad=dyad)
    covered: set[str] = set()
    for merged in iter_merged_batches(store, flt, batch=batch):
        covered.update(member for m in merged for member in m.members)
        yield merged, documents_by_ids(store, [d for m in merged for d in doc_ids(m)]), False
    alone = [i for i in event_ids(store, flt) if i not in covered]
    for start in range(0, len(alone), batch):
        events = events_by_ids(store, alone[start:start + batch])
        docs = documents_by_ids(store, [e.doc_id for e in events])
        yield singletons(events, docs), docs, True


def stream_gdelt(store: Store, out: IO[str], dyad: tuple[str, str] | None = None, *,
                 batch: int = 20_000) -> tuple[int, int]:
    """``write_gdelt`` for the merged events of ``store`` (of ``dyad`` when given) and, each
    alone, the stored events no merged event holds yet, read in batches: only the rows are held
    (to sort them), never every event and document. Returns (rows written, events alone)."""
    rows: list[tuple[str, ...]] = []
    n_alone = 0
    for merged, docs, alone in stored_merged_batches(store, dyad, batch=batch):
        n_alone += len(merged) if alone else 0
        for m in merged:
            if m.event.status not in SKIPPED_STATUSES:
                row = gdelt_row(m, docs)
                rows.append(tuple(row[c] for c in GDELT_COLUMNS))
    day, gid = GDELT_COLUMNS.index("Day"), GDELT_COLUMNS.index("GlobalEventID")
    rows.sort(key=lambda r: (r[day] == "", r[day], r[gid]))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(GDELT_COLUMNS)
    writer.writerows([_clean(v) for v in r] for r in rows)
    return len(rows), n_alone


# --- GraphML -----------------------------------------------------------------------------------


@dataclass(slots=True)
class GraphNode:
    id: str
    label: str
    kind: str  # entity, group, country, unknown
    country: str | None
    sector: str | None
    roles: list[str] = field(default_factory=list)
    events: int = 0


@dataclass(slots=True)
class GraphEdge:
    source: str
    target: str
    weight: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    score_sum: float = 0.0
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


def _node(actor: Actor) -> GraphNode:
    country = actor.country
    if actor.entity:
        return GraphNode(f"{country or '?'}:{actor.entity}", actor.entity, "entity", country, actor.sector)
    if country and actor.sector:
        return GraphNode(f"{country}{actor.sector}", f"{country} {actor.sector}", "group", country, actor.sector)
    if country:
        return GraphNode(country, country, "country", country, None)
    return GraphNode(f"?:{actor.text}", actor.text, "unknown", None, actor.sector)


def actor_graph(events: Iterable[MergedEvent], dyad: tuple[str, str] | None = None) -> Graph:
    """The network of participants; with ``dyad``, only events involving both countries.

    The graph does not depend on the order the events come in (so it can be built from batches):
    roles and event ids are sorted, a node's sector is the one its mentions carry most often
    (ties: the first alphabetically), and score sums are rounded once, at the end."""
    nodes: dict[str, GraphNode] = {}
    sectors: dict[str, Counter[str]] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    seen: set[str] = set()
    for merged in events:
        ev = merged.event
        if merged.id in seen or ev.status in SKIPPED_STATUSES:
            continue
        if dyad is not None and direction_of(ev, dyad[0].upper(), dyad[1].upper(), False) is None:
            continue
        seen.add(merged.id)
        kind = counted_type(ev)
        score = event_score(ev) or 0.0
        ids_here: set[str] = set()
        for actor in ev.actor + ev.recipient:
            fresh = _node(actor)
            node = nodes.setdefault(fresh.id, fresh)
            if actor.role and actor.role not in node.roles:
                node.roles.append(actor.role)
            if actor.sector:
                sectors.setdefault(fresh.id, Counter())[actor.sector] += 1
            if fresh.id not in ids_here:
                ids_here.add(fresh.id)
                node.events += 1
        acts = list(dict.fromkeys(_node(x).id for x in ev.actor))
        recv = list(dict.fromkeys(_node(x).id for x in ev.recipient))
        pairs = itertools.product(acts, recv) if recv else itertools.combinations(acts, 2)
        for s, t in {tuple(sorted(p)) for p in pairs if p[0] != p[1]}:
            edge = edges.setdefault((s, t), GraphEdge(s, t))
            edge.weight += 1
            edge.by_type[kind] = edge.by_type.get(kind, 0) + 1
            edge.score_sum += score
            edge.event_ids.append(merged.id)
    for node in nodes.values():
        node.roles.sort()
        if node.kind != "country" and (seen_sectors := sectors.get(node.id)):
            node.sector = min(seen_sectors.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    for edge in edges.values():
        edge.score_sum = round(edge.score_sum, 6)
        edge.event_ids.sort()
    return Graph(sorted(nodes.values(), key=lambda n: n.id),
                 sorted(edges.values(), key=lambda e: (-e.weight, e.source, e.target)))


def stream_graph(store: Store, dyad: tuple[str, str] | None = None, *, batch: int = 20_000) -> tuple[Graph, int]:
    """``actor_graph`` of every stored event (of ``dyad`` when given), merged events read in
    batches: the graph is held, never every event at once. Returns (graph, events alone)."""
    n_alone = 0

    def events() -> Iterator[MergedEvent]:
        nonlocal n_alone
        for merged, _, alone in stored_merged_batches(store, dyad, batch=batch):
            n_alone += len(merged) if alone else 0
            yield from merged

    graph = actor_graph(events(), dyad)
    return graph, n_alone


def graphml(graph: Graph) -> bytes:
    """The graph as a GraphML document (UTF-8, with XML declaration)."""
    # the namespace as a plain attribute: ET.register_namespace would change a process-wide table
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("country", "node", "string"),
            ("sector", "node", "string"), ("roles", "node", "string"), ("events", "node", "int"),
            ("weight", "edge", "int"), ("score_sum", "edge", "double"), ("event_ids", "edge", "string")]
    keys += [(f"n_{t}", "edge", "int") for t in EVENT_TYPES]
    for name, domain, kind in keys:
        declared = ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name,
                                                "attr.type": kind})
        if name.startswith("n_"):
            ET.SubElement(declared, "default").text = "0"
    g = ET.SubElement(root, "graph", {"id": "accord", "edgedefault": "undirected"})

    def data(parent: ET.Element, key: str, value: object) -> None:
        if value is None or value == "":
            return
        ET.SubElement(parent, "data", {"key": key}).text = str(value)

    for n in graph.nodes:
        el = ET.SubElement(g, "node", {"id": n.id})
        for key, value in (("label", n.label), ("kind", n.kind), ("country", n.country), ("sector", n.sector),
                           ("roles", ";".join(n.roles)), ("events", n.events)):
            data(el, key, value)
    for i, e in enumerate(graph.edges):
        el = ET.SubElement(g, "edge", {"id": f"e{i}", "source": e.source, "target": e.target})
        data(el, "weight", e.weight)
        data(el, "score_sum", f"{e.score_sum:g}")
        data(el, "event_ids", " ".join(e.event_ids))
        for t in EVENT_TYPES:
            if e.by_type.get(t):
                data(el, f"n_{t}", e.by_type[t])
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_graphml(events: list[MergedEvent], path: Path, dyad: tuple[str, str] | None = None) -> Graph:
    """Write the actor network of ``events`` to ``path``; return the graph written."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory: give a file name such as network.graphml")
    graph = actor_graph(events, dyad)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(graphml(graph))
    return graph


__all__ = [
    "GDELT_COLUMNS", "Graph", "GraphEdge", "GraphNode", "actor_graph", "gdelt_row", "gdelt_rows", "graphml",
    "stored_merged_batches", "stream_gdelt", "stream_graph", "write_gdelt", "write_graphml",
]
