"""The CLI end to end on the seed examples (one shared database per module)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from accord.cli.main import app

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "t.duckdb"
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "events", "event_mentions", "event_participants", "actor_mentions")}
    finally:
        con.close()


def test_run_stores_all_five_seeds_with_events(db: Path):
    counts = _counts(db)
    assert counts["documents"] == 5
    assert counts["events"] >= 15


def test_run_twice_changes_nothing(db: Path):
    before = _counts(db)
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _counts(db) == before


def test_events_json_and_filters(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--json", "--dyad", "AZE-UKR", "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    for r in rows:
        countries = {a["country"] for a in r["actor"] + r["recipient"]}
        assert {"AZE", "UKR"} <= countries
        assert r["doc_origin"].endswith(".txt")


def test_events_table_lists_every_seed(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--json"])
    origins = {json.loads(line)["doc_origin"] for line in result.output.splitlines() if line.strip()}
    assert origins == {p.name for p in SEEDS.glob("*.txt")}


def test_bad_dyad_is_a_usage_error(db: Path):
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "Azerbaijan"])
    assert result.exit_code != 0
    assert "AZE-UKR" in result.output


def test_show_highlights_evidence(db: Path):
    result = runner.invoke(app, ["show", "003_e76193e39d49f6a2.txt", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.output and "Khalafov" in result.output


def test_show_unknown_document_says_what_to_do(db: Path):
    result = runner.invoke(app, ["show", "nope.txt", "--db", str(db)])
    assert result.exit_code == 1
    assert "accord run" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(db: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0


def test_ingest_lists_documents_without_storing(tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines() if line.strip().startswith("{")]
    assert len(docs) == 5
    assert not (tmp_path / "accord.duckdb").exists()


def test_run_with_bad_input_exits_3_and_keeps_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_text(" date 2024-05-01 Peru and Chile held talks in Lima.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["run", str(tmp_path), "--db", str(db), "--include", "*.txt"])
    assert result.exit_code == 3, result.output
    assert "bad.txt" in result.output
    assert _counts(db)["documents"] == 1


def test_docs_lists_the_ids_show_takes(db: Path):
    listed = runner.invoke(app, ["docs", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    assert len(rows) == _counts(db)["documents"]
    assert sum(r["events"] for r in rows) == _counts(db)["events"]
    assert all(r["language"] == "en" for r in rows)
    table = runner.invoke(app, ["docs", "--db", str(db)])
    assert rows[0]["id"][:12] in table.output
    shown = runner.invoke(app, ["show", rows[0]["id"][:12], "--db", str(db), "--json"])
    assert shown.exit_code == 0 and json.loads(shown.output)["document"]["id"] == rows[0]["id"]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("accord ")


def test_dyads_summary(db: Path):
    result = runner.invoke(app, ["dyads", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    pairs = [tuple(d["pair"]) for d in json.loads(result.output)]
    assert ("AZE", "UKR") in pairs


def test_every_command_help_has_an_example():
    for name in ("run", "ingest", "events", "show", "export", "eval", "bench", "dyads"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


def test_eval_seeds_prints_figures(gold):
    gold = gold("seeds")
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["events"]["events"]["tp"] > 0


def test_bench_small_corpus():
    result = runner.invoke(app, ["bench", "--docs", "12", "--processes", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 12 and data["ratio"] > 0


def test_every_command_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(names) >= 10
    missing = [n for n in names if f"accord {n}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


# --------------------------------------------------------------------------- eval voa / plv

VOA_STORIES = [
    {"id": "st1", "date": "2024-05-01", "title": "Aid",
     "text": "Poland sent humanitarian aid to Ukraine on Monday. Russia condemned the United States. "
             "Students marched through Paris."},
    {"id": "st2", "date": "2024-05-02", "title": "Release",
     "text": "Israel released 20 Palestinian prisoners. The army attacked rebels in the north."},
]


def _gold_event(gid: str, doc: str, type_: str, mention: str, actor: list[str], recipient: list[str]) -> dict:
    text = next(s["text"] for s in VOA_STORIES if s["id"] == doc)
    start = text.index(mention)
    side = lambda cs: [{"text": c, "country": c, "sector": None, "entity": None, "role": None} for c in cs]  # noqa: E731
    return {"id": gid, "doc": doc, "type": type_, "alt_types": [], "mode": None, "status": "occurred",
            "date": None, "location": None, "actor": side(actor), "recipient": side(recipient), "contexts": [],
            "optional": False, "mentions": [{"start": start, "end": start + len(mention), "text": mention}]}


@pytest.fixture()
def voa_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "voa"
    gold.mkdir()
    (gold / "stories.jsonl").write_text("".join(json.dumps(s) + "\n" for s in VOA_STORIES))
    events = [
        _gold_event("g1", "st1", "AID", "Poland sent humanitarian aid to Ukraine", ["POL"], ["UKR"]),
        _gold_event("g2", "st1", "ACCUSE", "Russia condemned the United States", ["RUS"], ["GBR"]),  # wrong on purpose
        _gold_event("g3", "st1", "SANCTION", "Students marched through Paris", [], []),  # accord finds nothing
        _gold_event("g4", "st2", "RETREAT", "Israel released 20 Palestinian prisoners", ["ISR"], ["PSE"]),
    ]
    (gold / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    return gold


def test_eval_voa_codes_the_stories_and_scores_them_like_the_seeds(voa_gold: Path):
    result = runner.invoke(app, ["eval", "voa", "--gold", str(voa_gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["events"]
    assert scores["docs"] == 2 and scores["ignored"] == 0
    assert (scores["events"]["tp"], scores["events"]["fn"]) == (3, 1)
    assert scores["events_participants"]["tp"] == 2
    assert scores["per_type"]["SANCTION"]["fn"] == 1
    kinds = {e["kind"] for e in scores["errors"]}
    assert {"miss", "wrong_participants"} <= kinds


def test_eval_voa_prints_per_type_duplicates_and_errors_with_text(voa_gold: Path):
    result = runner.invoke(app, ["eval", "voa", "--gold", str(voa_gold), "--errors"])
    assert result.exit_code == 0, result.output
    assert "RETREAT" in result.output and "duplicates 0" in result.output
    assert "wrong_participants" in result.output and "Russia condemned the United States" in result.output
    assert "miss" in result.output and "Students marched through Paris" in result.output


PLV_ROWS = [
    ("0", "ACCUSE", "Iran", "a U.S. court decision", "Iran condemned a U.S. court decision.",
     "<s>Iran</s> condemned <t>a U.S. court decision</t>."),
    ("1", "YIELD", "Israel", "a recipient", "Israel released 20 Palestinian prisoners.",
     "<s>Israel</s> released 20 Palestinian prisoners."),
    ("2", "PROTEST", "Students", "Paris", "Students marched through Paris.",
     "<s>Students</s> marched through <t>Paris</t>."),
]


@pytest.fixture()
def plv_gold(tmp_path: Path) -> Path:
    path = tmp_path / "plv.tsv"
    header = "pair\tlabel\tsource\ttarget\tsentence\tmarked_sentence"
    path.write_text("\n".join([header, *("\t".join(r) for r in PLV_ROWS)]) + "\n")
    return path


def test_eval_plv_json_gives_totals_per_label_and_misses(plv_gold: Path):
    result = runner.invoke(app, ["eval", "plv", "--gold", str(plv_gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert not any("date" in n for n in data["notes"])  # the sentences' missing date is no problem
    plv = data["plv"]
    assert (plv["pairs"], plv["sentences"]) == (3, 3)
    assert plv["per_label"]["ACCUSE"]["type_hits"] == 1 and plv["per_label"]["ACCUSE"]["participant_hits"] == 1
    assert plv["per_label"]["YIELD"]["type_hits"] == 1
    assert plv["type_hits"] >= 2 and plv["participants"] <= plv["type_hit"]
    assert all(e["marked_sentence"] for e in plv["errors"])


def test_eval_plv_prints_a_table_and_lists_misses(plv_gold: Path):
    result = runner.invoke(app, ["eval", "plv", "--gold", str(plv_gold), "--errors"])
    assert result.exit_code == 0, result.output
    for word in ("label", "type hit", "no event", "participants", "ACCUSE", "YIELD", "all", "missed on type"):
        assert word in result.output, word


def test_eval_help_and_unknown_kind_name_voa_and_plv():
    result = runner.invoke(app, ["eval", "--help"])
    assert "voa" in result.output and "plv" in result.output
    result = runner.invoke(app, ["eval", "nope"])
    assert result.exit_code == 1
    assert "voa" in result.output and "plv" in result.output


def test_eval_voa_and_plv_on_the_shared_gold(gold):
    voa = runner.invoke(app, ["eval", "voa", "--gold", str(gold("voa_dev")), "--json"])
    assert voa.exit_code == 0, voa.output
    scores = json.loads(voa.output)["events"]
    assert scores["docs"] == 40 and scores["events"]["tp"] > 0
    plv = runner.invoke(app, ["eval", "plv", "--gold", str(gold("plv", "train.tsv")), "--json"])
    assert plv.exit_code == 0, plv.output
    data = json.loads(plv.output)["plv"]
    assert (data["pairs"], data["sentences"]) == (1050, 1044)
    assert 0 < data["participants"] <= data["type_hit"] < 1


def test_show_prints_each_sides_confidence_and_reason(db: Path):
    result = runner.invoke(app, ["show", "003_e76193e39d49f6a2.txt", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip().startswith(("actor ", "recipient "))]
    assert lines and all("confidence " in ln for ln in lines)
    assert any("country name" in ln for ln in lines)


def test_show_json_actors_carry_confidence_and_reason(db: Path):
    result = runner.invoke(app, ["show", "003_e76193e39d49f6a2.txt", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    actors = [a for e in json.loads(result.output)["events"] for a in e["actor"] + e["recipient"]]
    assert actors
    assert all(0 < a["confidence"] <= 1 and a["reason"] for a in actors)
    assert all({"text", "country", "sector", "entity", "role"} <= set(a) for a in actors)
