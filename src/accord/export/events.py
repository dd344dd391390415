"""Export stored events as JSONL, CSV or Parquet.

JSONL (the contract that scorers read; see ``shared/event-guide.md``): one object per event
with exactly these keys, in this order::

    id, doc_id, doc_origin, type, mode, status,
    date        {value, precision} or null
    location    {text, country[, lat, lon]} or null (lat/lon only when known)
    actor, recipient   lists of {text, country, sector, entity, role}
    contexts, intensity, cameo,
    mentions    list of {start, end, text}, offsets into the stored document text
    trigger     {start, end, text}
    date_reason, doc_title, doc_date (ISO day or null), doc_url, doc_source
    sentence    {start, end, text}: the parse's sentence of the first mention, or null
    signing     what was signed when the event is a signing (its title, or "an agreement"), or null

``sentence`` and ``signing`` are null for events stored before accord recorded them.

CSV: one row per event, these columns in this order:

    id, doc_id, doc_origin, type, mode, status,
    date, date_precision, date_reason,
    actor_text, actor_country, actor_sector, actor_entity, actor_role,
    recipient_text, recipient_country, recipient_sector, recipient_entity, recipient_role,
    location, location_country, lat, lon,
    contexts, intensity, cameo,
    trigger, trigger_start, trigger_end,
    evidence, evidence_start, evidence_end, mentions,
    doc_title, doc_date, doc_url, doc_source,
    sentence, signing

List-valued fields are joined with ``;``. The five ``actor_*`` (and ``recipient_*``) columns
are aligned: the n-th item of each describes the n-th actor, with an empty item where a value
is unknown (``AZE;;UKR``). ``evidence`` is the text of the first mention and ``mentions`` the
number of mentions; ``sentence`` the text of the record's sentence. Empty cells are unknown values.

Parquet: the JSONL record as nested columns (structs and lists, same names) plus ``month``
(``YYYY-MM`` of the event's first day, or of the document date when the event has none),
written by one DuckDB ``COPY (SELECT ...) TO ... (FORMAT parquet)``. When ``path`` is a directory (an existing
one, or a path without a suffix) the files are partitioned by ``month``
(``path/month=2020-06/data_0.parquet``; undated events under
``month=__HIVE_DEFAULT_PARTITION__``); otherwise one file is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from accord.errors import StoreError
from accord.model import Actor, Document, Event
from accord.store import EventFilter, Store
from accord.store.browse import documents_by_ids
from accord.store.exports import RECORD_TYPES, copy_records, count_records, record_batches

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

RECORD_KEYS: tuple[str, ...] = (
    "id", "doc_id", "doc_origin", "type", "mode", "status", "date", "location", "actor",
    "recipient", "contexts", "intensity", "cameo", "mentions", "trigger", "date_reason",
    "doc_title", "doc_date", "doc_url", "doc_source", "sentence", "signing",
)

CSV_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "doc_origin", "type", "mode", "status",
    "date", "date_precision", "date_reason",
    "actor_text", "actor_country", "actor_sector", "actor_entity", "actor_role",
    "recipient_text", "recipient_country", "recipient_sector", "recipient_entity",
    "recipient_role",
    "location", "location_country", "lat", "lon",
    "contexts", "intensity", "cameo",
    "trigger", "trigger_start", "trigger_end",
    "evidence", "evidence_start", "evidence_end", "mentions",
    "doc_title", "doc_date", "doc_url", "doc_source", "sentence", "signing",
)

PARQUET_COLUMNS: dict[str, str] = dict(RECORD_TYPES)


def _actor(actor: Actor, resolution: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {"text": actor.text, "country": actor.country, "sector": actor.sector,
                              "entity": actor.entity, "role": actor.role}
    if resolution:
        record["confidence"] = actor.confidence
        record["reason"] = actor.reason
    return record


def event_record(event: Event, document: Document, *, resolution: bool = False) -> dict[str, Any]:
    """The JSONL contract record of one event (keys and order as in ``RECORD_KEYS``).

    ``resolution=True`` adds ``confidence`` and ``reason`` (how the actor was resolved) after
    the five contract keys of every actor, as ``accord show --json`` prints them; the export
    files keep the contract keys only.
    """
    location: dict[str, Any] | None = None
    if event.location is not None:
        location = {"text": event.location.text, "country": event.location.country}
        if event.location.lat is not None and event.location.lon is not None:
            location["lat"] = event.location.lat
            location["lon"] = event.location.lon
    return {
        "id": event.id,
        "doc_id": document.id,
        "doc_origin": document.doc_origin,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "date": (
            {"value": event.date.value, "precision": event.date.precision}
            if event.date is not None else None
        ),
        "location": location,
        "actor": [_actor(a, resolution) for a in event.actor],
        "recipient": [_actor(a, resolution) for a in event.recipient],
        "contexts": list(event.contexts),
        "intensity": event.intensity,
        "cameo": event.cameo,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in event.mentions],
        "trigger": {"start": event.trigger.start, "end": event.trigger.end,
                    "text": event.trigger.text},
        "date_reason": event.date_reason,
        "doc_title": document.title,
        "doc_date": document.published.isoformat() if document.published else None,
        "doc_url": document.url,
        "doc_source": document.source,
        "sentence": ({"start": event.sentence.start, "end": event.sentence.end, "text": event.sentence.text}
                     if event.sentence is not None else None),
        "signing": event.signing,
    }


def csv_row(event: Event, document: Document) -> dict[str, Any]:
    """One flattened CSV row (keys ``CSV_COLUMNS``); None stands for an empty cell."""
    loc = event.location
    return _flatten(event_record(event, document), loc.lat if loc else None, loc.lon if loc else None)


def iter_events(store: Store, flt: EventFilter = EventFilter()) -> Iterator[tuple[Event, Document]]:
    """Events matching ``flt`` with their documents, in the store's order."""
    events = store.events(flt)
    docs = documents_by_ids(store, [e.doc_id for e in events])  # one query, not one per document
    for event in events:
        document = docs.get(event.doc_id)
        if document is None:  # cannot happen with a consistent store
            raise StoreError(f"event {event.id} refers to missing document {event.doc_id}")
        yield event, document


def _join(values: list[Any]) -> str:
    return ";".join("" if v is None else str(v) for v in values)


def _record(names: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
    """The contract record of one exported row (see ``accord.store.exports``)."""
    record = dict(zip(names, row, strict=True))
    loc = record["location"]
    if loc is not None and loc["lat"] is None:  # the query keeps coordinates only as a pair
        del loc["lat"], loc["lon"]
    day = record["doc_date"]
    record["doc_date"] = day.isoformat() if isinstance(day, dt.date) else day
    return record


def iter_records(store: Store, flt: EventFilter = EventFilter(), *,
                 batch: int = 5000) -> Iterator[dict[str, Any]]:
    """The JSONL records of the events matching ``flt`` in the store's order, read in batches
    by one query (documents' texts are never read): equal to ``event_record`` of each event."""
    for names, rows in record_batches(store, flt, size=batch):
        for row in rows:
            yield _record(names, row)


def _flatten(record: dict[str, Any], lat: float | None, lon: float | None) -> dict[str, Any]:
    """The CSV row of a JSONL record, with the event's stored ``lat``/``lon`` (CSV writes each
    one it has, where the record keeps them only as a pair)."""
    loc, date, trigger, mentions = record["location"], record["date"], record["trigger"], record["mentions"]
    first = mentions[0] if mentions else None
    out: dict[str, Any] = {
        "id": record["id"], "doc_id": record["doc_id"], "doc_origin": record["doc_origin"],
        "type": record["type"], "mode": record["mode"], "status": record["status"],
        "date": date["value"] if date else None,
        "date_precision": date["precision"] if date else None,
        "date_reason": record["date_reason"],
    }
    for side in ("actor", "recipient"):
        for key in ("text", "country", "sector", "entity", "role"):
            out[f"{side}_{key}"] = _join([a[key] for a in record[side]])
    out.update({
        "location": loc["text"] if loc else None,
        "location_country": loc["country"] if loc else None,
        "lat": lat if loc else None,
        "lon": lon if loc else None,
        "contexts": _join(record["contexts"]),
        "intensity": record["intensity"], "cameo": record["cameo"],
        "trigger": trigger["text"], "trigger_start": trigger["start"], "trigger_end": trigger["end"],
        "evidence": first["text"] if first else None,
        "evidence_start": first["start"] if first else None,
        "evidence_end": first["end"] if first else None,
        "mentions": len(mentions),
        "doc_title": record["doc_title"], "doc_date": record["doc_date"],
        "doc_url": record["doc_url"], "doc_source": record["doc_source"],
        "sentence": record["sentence"]["text"] if record["sentence"] else None,
        "signing": record["signing"],
    })
    return out


def write_jsonl(store: Store, out: IO[str], flt: EventFilter = EventFilter()) -> int:
    """Write JSONL records to an open text stream (e.g. stdout); return the count."""
    n = 0
    for record in iter_records(store, flt):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store: Store, out: IO[str], flt: EventFilter = EventFilter()) -> int:
    """Write the CSV (header + rows) to an open text stream opened with ``newline=""``."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for names, rows in record_batches(store, flt, coordinates=True):
        for row in rows:
            record = _record(names, row)
            writer.writerow(_flatten(record, record.pop("lat"), record.pop("lon")))
        n += len(rows)
    return n


def _is_directory_target(path: Path) -> bool:
    return path.is_dir() or (not path.exists() and path.suffix == "")


def _prepare_partition_dir(path: Path) -> bool:
    """Make ``path`` ready for a partitioned write; True when old partitions must go.

    A directory that holds only ``month=...`` partitions (an earlier export) is overwritten;
    one holding anything else is refused rather than emptied.
    """
    if not path.exists():
        path.mkdir(parents=True)
        return False
    entries = list(path.iterdir())
    if not entries:
        return False
    foreign = [e.name for e in entries if not (e.is_dir() and e.name.startswith("month="))]
    if foreign:
        raise StoreError(
            f"{path} already holds other files ({', '.join(sorted(foreign)[:3])}); "
            "export Parquet into an empty directory, or give a file name ending in .parquet"
        )
    return True


def write_parquet(store: Store, path: Path, flt: EventFilter = EventFilter()) -> int:
    """Write Parquet by one DuckDB ``COPY``: month partitions for a directory, else one file."""
    path = Path(path)
    partitioned = _is_directory_target(path)
    overwrite = _prepare_partition_dir(path) if partitioned else False
    if not partitioned:
        path.parent.mkdir(parents=True, exist_ok=True)
    if partitioned and count_records(store, flt) == 0:
        return 0  # nothing to write: earlier partitions stay
    return copy_records(store, flt, path, partition=partitioned, overwrite=overwrite)


def export_events(
    store: Store,
    fmt: Format,
    path: Path,
    flt: EventFilter = EventFilter(),
) -> int:
    """Write the events matching ``flt`` to ``path`` in ``fmt``; return the number written."""
    path = Path(path)
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return write_parquet(store, path, flt)
    if path.is_dir():
        raise StoreError(f"{path} is a directory: give a file name for {fmt} export")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "jsonl":
            return write_jsonl(store, out, flt)
        return write_csv(store, out, flt)


__all__ = [
    "CSV_COLUMNS", "FORMATS", "PARQUET_COLUMNS", "RECORD_KEYS", "csv_row", "event_record",
    "export_events", "iter_events", "iter_records", "write_csv", "write_jsonl", "write_parquet",
]
