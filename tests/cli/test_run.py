"""`accord run`: failing documents, tracebacks only with --debug, the resume summary."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app
from accord.pipeline import Coder

runner = CliRunner()

ARTICLES = {
    "ok.txt": "date 2024-03-04\n\nThe foreign minister of Azerbaijan met his Ukrainian counterpart in Baku.\n",
    "bad.txt": "date 2024-03-05\n\nGeorgia accused Russia of violating the ceasefire on Tuesday.\n",
}


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def _break_georgia(monkeypatch) -> None:
    original = Coder.code_parsed

    def flaky(self, doc, document):
        if "Georgia" in document.text:
            raise ZeroDivisionError("division by zero")
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", flaky)


def test_a_failing_document_is_reported_without_a_traceback(tmp_path, monkeypatch):
    _break_georgia(monkeypatch)
    folder, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db)])
    assert result.exit_code == 3, result.output  # some input not coded (the CLI contract)
    assert "1 document(s) coded" in result.output
    assert "bad.txt" in result.output and "ZeroDivisionError" in result.output
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["run", str(folder), "--db", str(db), "--debug"])
    assert "Traceback" in debug.output
    assert "1 document(s) already coded" in debug.output


def test_rerun_says_what_it_skipped_and_recode_codes_again(tmp_path):
    folder, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    assert runner.invoke(app, ["run", str(folder), "--db", str(db)]).exit_code == 0
    again = runner.invoke(app, ["run", str(folder), "--db", str(db)])
    assert again.exit_code == 0
    assert "0 document(s) coded" in again.output and "2 document(s) already coded" in again.output
    forced = runner.invoke(app, ["run", str(folder), "--db", str(db), "--recode"])
    assert "2 document(s) coded (0 new)" in forced.output


def test_an_internal_error_is_one_line_unless_debug(tmp_path, monkeypatch):
    import accord.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(pipeline, "fingerprints", broken)
    folder, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "internal error (RuntimeError: something unexpected)" in result.output
    assert "--debug" in result.output and "Traceback" not in result.output
    debug = runner.invoke(app, ["run", str(folder), "--db", str(db), "--debug"])
    assert isinstance(debug.exception, RuntimeError)


def test_a_document_in_another_language_is_counted_apart(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(ARTICLES["ok.txt"])
    (folder / "de.txt").write_text(
        "date 2024-03-04\n\nDie Bundesregierung hat am Montag in Berlin neue Sanktionen gegen Russland beschlossen, "
        "teilte das Auswärtige Amt mit. Die Maßnahmen betreffen Banken und Energieunternehmen.\n")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    assert "1 document(s) coded and 1 stored but not coded (language)" in result.output


def test_a_document_past_the_time_limit_is_skipped_with_exit_3(tmp_path, monkeypatch):
    import time

    original = Coder.code_parsed

    def slow(self, doc, document):
        if "Georgia" in document.text:
            time.sleep(30)
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", slow)
    folder, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db), "--doc-timeout", "0.5"])
    assert result.exit_code == 3, result.output
    assert "bad.txt" in result.output and "took longer than the limit of 0.5 s" in result.output
    assert "Traceback" not in result.output and "1 document(s) coded" in result.output


def test_the_summary_says_why_documents_were_recoded(tmp_path):
    import json

    folder, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    lexicon = tmp_path / "extra.yaml"
    lexicon.write_text("triggers:\n  - {lemma: woo, type: SUPPORT}\n")
    assert runner.invoke(app, ["run", str(folder), "--db", str(db), "--lexicon", str(lexicon)]).exit_code == 0
    lexicon.write_text("triggers:\n  - {lemma: accuse, type: REJECT}\n")  # edits a packaged entry
    changed = runner.invoke(app, ["run", str(folder), "--db", str(db), "--lexicon", str(lexicon)])
    assert changed.exit_code == 0, changed.output
    assert ("1 document(s) recoded because the lexicon changed (entries: -woo, ~accuse), "
            "1 unaffected (kept their events)") in changed.output
    lexicon.write_text("triggers: []\n")
    as_json = runner.invoke(app, ["run", str(folder), "--db", str(db), "--lexicon", str(lexicon), "--json"])
    summary = json.loads(as_json.stdout)
    assert summary["recoded"] == {"lexicon": 1} and summary["unaffected"] == 1
    assert summary["lexicon_changes"] == {"added": [], "removed": [], "edited": ["accuse"]}


def test_run_and_watch_default_to_workers_per_core_and_refuse_a_negative_count(tmp_path, monkeypatch):
    import accord.pipeline as pipeline

    seen = []
    original = pipeline.run

    def spy(paths, db, *args, options, **kwargs):
        seen.append((options.n_process, options.chunk_size))
        return original(paths, db, *args, options=options, **kwargs)

    monkeypatch.setattr(pipeline, "run", spy)
    folder = _corpus(tmp_path)
    assert runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "a.duckdb")]).exit_code == 0
    assert runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "b.duckdb"), "--processes", "1"]).exit_code == 0
    assert seen == [(0, 64), (1, 16)]  # 0: auto (pipeline.auto_processes; this small input in-process)
    refused = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "c.duckdb"), "--processes", "-1"])
    assert refused.exit_code == 2 and "-1" in refused.output
    import typer

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in ("run", "watch"):
        [option] = [p for p in commands[name].params if p.name == "processes"]
        assert option.default == 0 and "one per core" in option.help
