"""A small hand-made AZE-UKR corpus shared by the brief, export and CLI tests.

Six short articles, coded by hand (no spaCy), with exact mention offsets so that evidence can
be quoted in its sentence. One piece of evidence carries ``<script>`` to test escaping.
"""

from __future__ import annotations

import datetime as dt

from accord.model import Actor, CodedDocument, DateValue, Document, Event, Place, Span

EVIL = "<script>alert('x')</script>"


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _doc(key: str, day: str, title: str, body: str, source: str | None = None, url: str | None = None) -> Document:
    return Document(id=f"{key * 8}{'0' * 24}", text=f"{title}\n{body}", title=title,
                    published=dt.date.fromisoformat(day), source=source, url=url,
                    doc_origin=f"{key}.txt", origin=f"/in/{key}.txt")


def _event(doc: Document, id_: str, type_: str, evidence: str, trigger: str, actor: list[Actor],
           recipient: list[Actor] | None = None, **kw) -> Event:
    return Event(type=type_, doc_id=doc.id, mentions=[span(doc.text, evidence)], trigger=span(doc.text, trigger),
                 actor=actor, recipient=recipient or [], id=id_, **kw)


ALIYEV = Actor("Ilham Aliyev", "AZE", "GOV", "Ilham Aliyev", "president")
ZELENSKY = Actor("Volodymyr Zelensky", "UKR", "GOV", "Volodymyr Zelensky", "president")
KULEBA = Actor("Dmytro Kuleba", "UKR", "GOV", "Dmytro Kuleba", "foreign minister")
PASHINYAN = Actor("Nikol Pashinyan", "ARM", "GOV", "Nikol Pashinyan", "prime minister")
AZE, UKR = Actor("Azerbaijan", "AZE"), Actor("Ukraine", "UKR")


def coded_documents() -> list[CodedDocument]:
    a = _doc("a", "2024-01-15", "Azerbaijan and Ukraine sign energy memorandum",
             "President Ilham Aliyev met Ukrainian President Volodymyr Zelensky in Kyiv on January 15. "
             "Aliyev and Zelensky signed a memorandum on cooperation in the energy sector. "
             "The two leaders will meet again in Baku in June 2024.", source="Report", url="https://example.org/a")
    b = _doc("b", "2024-02-03", "Azerbaijan sends transformers",
             f"Azerbaijan delivered 40 power transformers to Ukraine on February 3. "
             f"Kyiv thanked Baku for the help {EVIL} & more.", source="Trend")
    c = _doc("c", "2024-03-20", "Kyiv criticises Baku",
             "Ukrainian Foreign Minister Dmytro Kuleba criticised Azerbaijan over gas deals with Russia.")
    d = _doc("d", "2024-03-22", "Aliyev meets Pashinyan",
             "Aliyev met Armenian Prime Minister Nikol Pashinyan in Brussels.")
    e = _doc("e", "2024-05-10", "Joint exercises",
             "Azerbaijan and Ukraine held joint naval exercises in the Black Sea.")
    f = _doc("f", "2024-06-05", "Zelensky in Baku",
             "Aliyev hosted Zelensky in Baku on June 5. Zelensky did not threaten to cut ties with Azerbaijan.")
    day = lambda v: DateValue(v, "day")  # noqa: E731
    events = {
        a.id: [
            _event(a, "ev-a-meet", "CONSULT", "President Ilham Aliyev met Ukrainian President Volodymyr Zelensky",
                   "met", [ALIYEV], [ZELENSKY], date=day("2024-01-15"), contexts=["diplomatic"],
                   location=Place("Kyiv", "UKR", 50.45, 30.52)),
            _event(a, "ev-a-sign", "SUPPORT", "Aliyev and Zelensky signed a memorandum", "signed",
                   [ALIYEV, ZELENSKY], date=day("2024-01-15"), contexts=["economic", "diplomatic"]),
            _event(a, "ev-a-plan", "CONSULT", "The two leaders will meet again in Baku in June 2024", "meet",
                   [AZE, UKR], status="planned", date=DateValue("2024-06", "month"), contexts=["diplomatic"]),
        ],
        b.id: [
            _event(b, "ev-b-aid", "AID", "Azerbaijan delivered 40 power transformers to Ukraine", "delivered",
                   [AZE], [UKR], date=day("2024-02-03"), contexts=["economic"]),
            _event(b, "ev-b-thank", "SUPPORT", f"Kyiv thanked Baku for the help {EVIL}", "thanked",
                   [Actor("Kyiv", "UKR")], [Actor("Baku", "AZE")]),
        ],
        c.id: [
            _event(c, "ev-c-accuse", "ACCUSE",
                   "Ukrainian Foreign Minister Dmytro Kuleba criticised Azerbaijan", "criticised", [KULEBA], [AZE]),
        ],
        d.id: [
            _event(d, "ev-d-arm", "CONSULT", "Aliyev met Armenian Prime Minister Nikol Pashinyan", "met",
                   [ALIYEV], [PASHINYAN]),
        ],
        e.id: [
            _event(e, "ev-e-exercise", "COOPERATE", "Azerbaijan and Ukraine held joint naval exercises",
                   "exercises", [AZE, UKR], mode="military", contexts=["military"]),
        ],
        f.id: [
            _event(f, "ev-f-visit", "CONSULT", "Aliyev hosted Zelensky in Baku", "hosted", [ZELENSKY], [ALIYEV],
                   mode="visit", date=day("2024-06-05")),
            _event(f, "ev-f-neg", "THREATEN", "Zelensky did not threaten to cut ties with Azerbaijan", "threaten",
                   [ZELENSKY], [AZE], status="negated"),
        ],
    }
    return [CodedDocument(doc, events[doc.id]) for doc in (a, b, c, d, e, f)]


def sample():
    """(merged events, documents by id) of the corpus, each event standing alone."""
    from accord.model import singletons

    coded = coded_documents()
    docs = {c.document.id: c.document for c in coded}
    return singletons([e for c in coded for e in c.events], docs), docs


DYAD_EVENTS = 9  # AZE-UKR events in the corpus, the negated one included (the AZE-ARM meeting is not one)


def sample_cli(tmp_path):
    """A store at ``tmp_path/t.duckdb`` holding ``coded_documents()``, and a Typer app with the
    dyad commands (``dyad``, ``report``, ...): what the CLI tests of this package run against."""
    import typer

    from accord.cli import dyad as cli_dyad
    from accord.store import Store

    db = tmp_path / "t.duckdb"
    with Store.open(db) as store:
        for coded in coded_documents():
            store.write(coded)
    app = typer.Typer()
    cli_dyad.register(app)
    return db, app
