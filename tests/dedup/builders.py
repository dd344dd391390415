"""Hand-made events and articles for the merging tests (shared by every module here)."""

from __future__ import annotations

import datetime as dt

from accord.ingest import document_id
from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span
from accord.store import Store

D = dt.date


# --- builders --------------------------------------------------------------------------------


def actor(country: str | None, entity: str | None = None, text: str | None = None) -> Actor:
    return Actor(text=text or entity or country or "someone", country=country, entity=entity,
                 sector="GOV" if entity else None)


def event(
    type_: str = "CONSULT",
    actors: tuple = ("AZE", "UKR"),
    recipients: tuple = (),
    *,
    status: str = "occurred",
    date: str | None = "2026-01-29",
    precision: str = "day",
    source: str = "text",
    mode: str | None = None,
    place: str | None = None,
    text: str = "Azerbaijan and Ukraine held talks on energy cooperation",
    trigger: str | None = None,
    doc_id: str = "doc",
    start: int = 0,
) -> Event:
    """An event; ``actors``/``recipients`` items are a country code or an Actor."""
    def as_actor(a: str | Actor) -> Actor:
        return a if isinstance(a, Actor) else actor(a)

    trig = trigger or text.split()[2] if len(text.split()) > 2 else text
    t0 = text.find(trig)
    return Event(
        type=type_, doc_id=doc_id, mentions=[Span(start, start + len(text), text)],
        trigger=Span(start + max(t0, 0), start + max(t0, 0) + len(trig), trig), mode=mode,
        actor=[as_actor(a) for a in actors], recipient=[as_actor(r) for r in recipients],
        status=status,  # type: ignore[arg-type]
        date=DateValue(date, precision, "point", None, source) if date else None,  # type: ignore[arg-type]
        location=Place(place, place) if place else None,
    )


def coded(name: str, published: str | None, items: list[tuple[str, dict]], *, source: str | None = "Report",
          title: str | None = None) -> CodedDocument:
    """A hand-made article: one sentence per (sentence, event kwargs) item; kwargs None = no event."""
    text = (title + "\n\n" if title else "") + " ".join(s for s, _ in items)
    doc_id = document_id(name + text)
    doc = Document(id=doc_id, text=text, published=D.fromisoformat(published) if published else None,
                   source=source, doc_origin=name, origin=name, title=title)
    events = []
    for sentence, kwargs in items:
        if kwargs is None:
            continue
        start = text.index(sentence)
        body = sentence.rstrip(".")
        events.append(event(text=body, doc_id=doc_id, start=start, **kwargs))
    return CodedDocument(doc, events)


def call(date: str = "2026-01-29", **kw) -> dict:
    base = dict(type_="CONSULT", actors=(actor("AZE", "Ilham Aliyev"),), recipients=(actor("UKR", "Volodymyr Zelensky"),),
                mode="phone", date=date)
    base.update(kw)
    return base


def table_rows(store: Store) -> dict[str, list[tuple]]:
    con = store.connection
    return {
        "events": con.execute("SELECT * EXCLUDE (updated_at) FROM merged_events ORDER BY id").fetchall(),
        "members": con.execute("SELECT * FROM merged_members ORDER BY merged_id, ord").fetchall(),
        "mentions": con.execute("SELECT * FROM merged_mentions ORDER BY merged_id, event_id, idx").fetchall(),
        "updated": con.execute("SELECT id, updated_at FROM merged_events ORDER BY id").fetchall(),
    }


def group_of(store: Store, event_id: str) -> str:
    row = store.connection.execute("SELECT merged_id FROM merged_members WHERE event_id = ?", [event_id]).fetchone()
    assert row is not None, f"{event_id} is in no merged event"
    return row[0]


def corpus_batch1() -> list[CodedDocument]:
    return [
        coded("report.txt", "2026-01-29", [
            ("President Ilham Aliyev had a phone call with Volodymyr Zelensky today.", call()),
            ("Azerbaijan sent generators to Ukraine.", dict(type_="AID", actors=("AZE",), recipients=("UKR",),
                                                              date="2026-01-29", source="document")),
        ], source="Report"),
        coded("apa.txt", "2026-01-30", [
            ("On Thursday, Aliyev and Zelensky spoke by phone about energy.", call(date="2026-01-29")),
        ], source="APA"),
    ]


def corpus_batch2() -> list[CodedDocument]:
    return [
        coded("ukrinform.txt", "2026-01-30", [
            ("Zelensky held a phone conversation with Ilham Aliyev.", call(date="2026-01-30", source="document")),
        ], source="Ukrinform"),
        coded("report2.txt", "2026-02-10", [  # another call, ten days later
            ("Aliyev and Zelensky spoke by phone again on Tuesday.", call(date="2026-02-10")),
        ], source="Report"),
        coded("trend.txt", "2026-01-30", [
            ("Aliyev will hold a phone call with Zelensky.", call(date="2026-01-29", status="planned")),
        ], source=None),
    ]


def write_all(store: Store, docs: list[CodedDocument]) -> None:
    for c in docs:
        store.write(c)


def named_and_bare_meeting():
    """One meeting reported twice: with the leaders' countries, and by their names alone."""
    named = coded("a.txt", "2026-03-12", [("Azerbaijani President Ilham Aliyev met Turkish President Erdogan.",
                                          dict(actors=(actor("AZE", "Ilham Aliyev"), actor("TUR", "Recep Tayyip Erdogan")),
                                               date="2026-03-12"))])
    bare = coded("b.txt", "2026-03-12", [("Erdogan and Aliyev met in Baku.",
                                         dict(actors=(actor(None, "Erdogan"), actor(None, "Ilham Aliyev")),
                                              date="2026-03-12"))])
    return named, bare
