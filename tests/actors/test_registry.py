"""The actor registry (accord.actors.registry) and its CLI (accord.cli.actors)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import typer
from typer.testing import CliRunner

from accord.cli.actors import register
from accord.model import Actor, CodedDocument, Document, Event, Span
from accord.actors.registry import build_registry, find_actor, list_actors, profile
from accord.store import Store


def _doc(i: int, day: str, actors: list[Actor], events: list[Event] = ()) -> CodedDocument:
    d = Document(id=f"d{i}", text="x" * 200, published=dt.date.fromisoformat(day), doc_origin=f"{i}.txt")
    for e in events:
        e.doc_id = d.id
    return CodedDocument(d, list(events), actors)


def _a(text, entity, country, sector, role=None, reason="title pattern", conf=0.9):
    return Actor(text, country, sector, entity, role, Span(0, len(text), text), conf, reason)


@pytest.fixture()
def store(tmp_path):
    aliyev = _a("Ilham Aliyev", "Ilham Aliyev", "AZE", "GOV", "president")
    husyev = _a("Yuriy Husyev", "Yuriy Husyev", "UKR", "GOV", "ambassador")
    ev = Event("CONSULT", "", [Span(0, 10, "x" * 10)], Span(0, 4, "xxxx"), actor=[aliyev, husyev])
    docs = [
        _doc(1, "2024-01-05", [aliyev, husyev, _a("Husyev", "Husyev", "UKR", "GOV", None, "named person", 0.7),
                               _a("he", "Yuriy Husyev", "UKR", "GOV", "ambassador", "pronoun → Yuriy Husyev", 0.6)], [ev]),
        _doc(2, "2024-03-01", [_a("SOCAR", "SOCAR", "AZE", "BUS", None, "institution (company)", 0.95),
                               _a("President Aliyev", "Ilham Aliyev", "AZE", "GOV", "president")]),
    ]
    path = tmp_path / "t.duckdb"
    with Store.open(path) as s:
        for d in docs:
            s.write(d)
    return path


def test_registry_merges_and_dates(store):
    with Store.open(store) as s:
        n = build_registry(s)
        assert build_registry(s) == n  # rebuilt idempotently
        names = {a.name: a for a in list_actors(s)}
        assert set(names) == {"Ilham Aliyev", "Yuriy Husyev", "SOCAR"}
        al = names["Ilham Aliyev"]
        assert (al.kind, al.country, al.sector, al.documents) == ("person", "AZE", "GOV", 2)
        assert (al.first_seen, al.last_seen) == (dt.date(2024, 1, 5), dt.date(2024, 3, 1))
        assert "President Aliyev" in al.aliases
        assert names["SOCAR"].kind == "organisation"
        assert "Husyev" in names["Yuriy Husyev"].aliases and "he" not in names["Yuriy Husyev"].aliases
        assert [a.name for a in list_actors(s, country="AZE", sector="BUS")] == ["SOCAR"]


def test_profile_offices_counterparts_events(store):
    with Store.open(store) as s:
        build_registry(s)
        a = find_actor(s, "ilham aliyev")
        p = profile(s, a)
        assert [o["role"] for o in a.offices] == ["president"]
        assert p.counterparts[0]["name"] == "Yuriy Husyev"
        assert p.events == [{"period": "2024-01", "type": "CONSULT", "events": 1}]


def _app():
    app = typer.Typer()
    register(app)
    return app


def test_cli_actors_and_actor(store):
    r = CliRunner().invoke(_app(), ["actors", "--db", str(store), "--country", "AZE", "--json"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {x["name"] for x in rows} == {"Ilham Aliyev", "SOCAR"}
    r = CliRunner().invoke(_app(), ["actor", "Husyev", "--db", str(store), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["name"] == "Yuriy Husyev"
    r = CliRunner().invoke(_app(), ["actor", "Nobody Known", "--db", str(store)])
    assert r.exit_code == 1
    r = CliRunner().invoke(_app(), ["actors", "--db", str(store)])
    assert r.exit_code == 0 and "SOCAR" in r.output


def test_cli_error_is_red_and_exit_1(tmp_path):
    (tmp_path / "dir.duckdb").mkdir()
    r = CliRunner().invoke(_app(), ["actors", "--db", str(tmp_path / "dir.duckdb")])
    assert r.exit_code == 1 and "error" in r.output
