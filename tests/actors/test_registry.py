"""The actor registry (accord.actors.registry) and its CLI (accord.cli.actors)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import typer
from typer.testing import CliRunner

from accord.actors.registry import build_registry, find_actor, list_actors, profile, refresh_registry, registry_rows
from accord.cli.actors import register
from accord.model import Actor, CodedDocument, Document, Event, Span
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
        refresh_registry(s)  # as the commands that write documents do
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
    assert "warning" not in r.output  # the registry is current
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {x["name"] for x in rows} == {"Ilham Aliyev", "SOCAR"}
    r = CliRunner().invoke(_app(), ["actor", "Husyev", "--db", str(store), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["name"] == "Yuriy Husyev"
    r = CliRunner().invoke(_app(), ["actor", "Nobody Known", "--db", str(store)])
    assert r.exit_code == 1
    r = CliRunner().invoke(_app(), ["actors", "--db", str(store)])
    assert r.exit_code == 0 and "SOCAR" in r.output


def test_cli_error_is_red_and_exit_1(tmp_path):
    (tmp_path / "dir.duckdb").mkdir()
    r = CliRunner().invoke(_app(), ["actors", "--db", str(tmp_path / "dir.duckdb")])
    assert r.exit_code == 1 and "error" in r.output


def _tables(path) -> dict[str, list[tuple]]:
    with Store.open(path, read_only=True) as s:
        return {t: s.connection.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("actors", "actor_offices", "actor_names", "actor_registry_state")}


def test_registry_status_and_refresh_only_when_stale(store):
    with Store.open(store) as s:
        assert s.registry_status() == "current"
        assert refresh_registry(s) is None  # nothing written since: nothing rebuilt
        s.write(_doc(3, "2024-04-01", [_a("Olena Zelenska", "Olena Zelenska", "UKR", "GOV")]))
        assert s.registry_status() == "stale"
        assert refresh_registry(s) == 4
        assert s.registry_status() == "current"
        s.write(_doc(3, "2024-04-01", [_a("Olena Zelenska", "Olena Zelenska", "UKR", "GOV")]))
        assert s.registry_status() == "stale"  # the same document written again: its rows were replaced
    with Store.open(":memory:") as fresh:
        assert fresh.registry_status() == "missing"


def test_registry_rows_are_pure():
    rows = [("d1", "Ilham Aliyev", "AZE", "GOV", "Ilham Aliyev", "president", 0.9, "title pattern", dt.date(2024, 1, 5)),
            ("d2", "Aliyev", "AZE", "GOV", "Aliyev", None, 0.7, "named person", None)]
    actors, offices, names = registry_rows(rows)
    assert [a[1] for a in actors] == ["Ilham Aliyev"] and actors[0][6] == 2  # the surname joined the full name
    assert [o[1] for o in offices] == ["president"]
    assert sorted(n[0] for n in names) == ["Aliyev", "Ilham Aliyev"]


def test_readers_never_rebuild_and_say_when_stale(store):
    with Store.open(store) as s:
        s.write(_doc(3, "2024-04-01", [_a("Olena Zelenska", "Olena Zelenska", "UKR", "GOV")]))
    before = _tables(store)
    r = CliRunner().invoke(_app(), ["actors", "--db", str(store), "--json"])
    assert r.exit_code == 0, r.output
    assert "Olena Zelenska" not in r.stdout  # shown as stored, not rebuilt
    assert "written since" in r.output and "accord merge --db" in r.output
    r = CliRunner().invoke(_app(), ["actor", "Ilham Aliyev", "--db", str(store), "--json"])
    assert r.exit_code == 0 and "written since" in r.output
    assert _tables(store) == before


def test_readers_open_the_store_read_only(store, monkeypatch):
    opened = []
    real = Store.open.__func__

    def spy(cls, path="accord.duckdb", **kw):
        opened.append(kw.get("read_only", False))
        return real(cls, path, **kw)

    monkeypatch.setattr(Store, "open", classmethod(spy))
    for args in (["actors"], ["actor", "Aliyev"]):
        assert CliRunner().invoke(_app(), [*args, "--db", str(store)]).exit_code == 0
    assert opened == [True, True]


def test_missing_registry_is_named_with_the_command_that_builds_it(tmp_path):
    path = tmp_path / "bare.duckdb"
    with Store.open(path) as s:
        s.write(_doc(1, "2024-01-05", [_a("Ilham Aliyev", "Ilham Aliyev", "AZE", "GOV")]))
    r = CliRunner().invoke(_app(), ["actors", "--db", str(path)])
    assert r.exit_code == 0 and "no actor registry yet" in r.output

    from accord.cli import merge as cli_merge

    app = typer.Typer()
    cli_merge.register(app)
    assert CliRunner().invoke(app, ["merge", "--db", str(path)]).exit_code == 0  # a writer builds it
    r = CliRunner().invoke(_app(), ["actors", "--db", str(path), "--json"])
    assert "warning" not in r.output and json.loads(r.stdout)["name"] == "Ilham Aliyev"


def test_run_builds_the_registry(tmp_path):
    from accord.pipeline import run

    src = tmp_path / "a.txt"
    src.write_text("2024-05-01\n\nPresident Ilham Aliyev of Azerbaijan met President Recep Tayyip Erdogan "
                   "of Turkey in Ankara on Tuesday.\n", encoding="utf-8")
    db = tmp_path / "run.duckdb"
    run([src], db)
    with Store.open(db, read_only=True) as s:
        assert s.registry_status() == "current"
        assert {a.name for a in list_actors(s)} >= {"Ilham Aliyev"}


def _reference_rows(mentions):
    """The registry as built before it was streamed: every mention in a list (the oracle)."""
    from collections import Counter, defaultdict

    from accord.actors.gazetteer import fold
    from accord.actors.registry import _INDIRECT, _PERSON_REASONS, _actor_id, _best

    groups = {}
    for doc_id, text, country, sector, entity, role, conf, reason, day in mentions:
        g = groups.setdefault(fold(entity), {"names": Counter(), "rows": []})
        g["names"][entity] += 1
        g["rows"].append((doc_id, text, country, sector, role, conf or 0.0, reason or "", day))
    full = defaultdict(list)
    for key in groups:
        if " " in key:
            full[key.rsplit(" ", 1)[-1]].append(key)
    for key in [k for k in groups if " " not in k]:
        countries = {r[2] for r in groups[key]["rows"] if r[2]}
        targets = [t for t in full.get(key, [])
                   if not countries or countries & {r[2] for r in groups[t]["rows"] if r[2]}]
        if len(targets) == 1:
            g = groups.pop(key)
            groups[targets[0]]["names"].update(g["names"])
            groups[targets[0]]["rows"].extend(g["rows"])
    actors, offices, names = [], [], []
    for g in groups.values():
        name = max(g["names"].items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]
        rs = g["rows"]
        person = sum(1 for r in rs if r[6].startswith(_PERSON_REASONS)) >= max(1, len(rs) / 3) \
            or any(r[4] for r in rs if not r[6].startswith(_INDIRECT))
        kind = "person" if person else "organisation"
        cw, sw = defaultdict(float), defaultdict(float)
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
                       min(days) if days else None, max(days) if days else None, sum(r[5] for r in rs) / len(rs)])
        seen = {}
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
        names.extend([n, aid] for n in g["names"])
    return actors, offices, names


def _random_documents(n: int, seed: int) -> list[CodedDocument]:
    import random

    rng = random.Random(seed)
    people = [("Ilham Aliyev", "AZE"), ("Aliyev", "AZE"), ("Heydar Aliyev", "AZE"), ("Yuriy Husyev", "UKR"),
              ("Husyev", "UKR"), ("Husyev", None), ("Alibala Maharramzada", "AZE"), ("Alibala Maharramzadə", "TUR"),
              ("Maharramzada", "AZE"), ("Vasyl Bodnar", "UKR"), ("Bodnar", "RUS"), ("SOCAR", "AZE"), ("OSCE", None),
              ("Naftogaz", "UKR"), ("naftogaz", "")]
    reasons = ["title pattern", "named person", "alias of X", "pronoun → X", "description", "institution (company)",
               None]
    docs = []
    for i in range(n):
        actors = []
        for _ in range(rng.randint(0, 6)):
            entity, country = rng.choice(people)
            actors.append(_a(rng.choice([entity, f"the {entity}", f" {entity} ", "he"]), entity, country,
                             rng.choice(["GOV", "LEG", "BUS", None]), rng.choice([None, None, "president", "minister"]),
                             rng.choice(reasons), rng.choice([0.95, 0.9, 0.7, 0.6, 0.55, 0.3333, None])))
        day = None if rng.random() < 0.1 else f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        d = _doc(i, day or "2024-01-01", actors)
        if day is None:
            d.document.published = None
        docs.append(d)
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_streamed_registry_equals_the_list_built_one(tmp_path, seed):
    """build_registry streams the mentions (memory of the actors, not of the mentions) and must
    write exactly the rows, in the same order and to the last bit of every float, that the
    whole list of mentions gave (the surnames that join a full name are read twice)."""
    with Store.open(tmp_path / "r.duckdb") as s:
        s.write_many(_random_documents(300, seed))
        mentions = list(s.actor_mention_rows())
        assert registry_rows(mentions) == _reference_rows(mentions)
        assert registry_rows(mentions[::-1]) == _reference_rows(mentions[::-1])  # any order, as a list

        def tables():
            return [s.connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                    for t in ("actors", "actor_offices", "actor_names")]

        build_registry(s)
        streamed = tables()
        s.write_registry(*_reference_rows(mentions))
        assert streamed == tables()
        assert any(len(a[5]) for a in streamed[0])  # the data exercise merges and aliases
        assert len(list(s.actor_mention_rows(batch=7))) == len(mentions)


def test_running_sum_is_pythons_sum():
    import random

    from accord.actors.registry import _Sum

    rng = random.Random(5)
    values = [rng.choice([0.95, 0.9, 0.1, 1e-9, 0.3333, 1e6]) for _ in range(5000)]
    total = _Sum()
    for v in values:
        total.add(v)
    naive = 0.0
    for v in values:
        naive += v
    assert total.value == sum(values) != naive  # compensated, as sum() is since Python 3.12
