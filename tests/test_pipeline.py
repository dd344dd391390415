"""accord.pipeline: isolation of failing documents, the sentence guard, resumable runs, stops."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import duckdb
import pytest

from accord.ingest import document_id
from accord.model import Document
from accord.pipeline import (
    MAX_SENTENCE_CHARS,
    Coder,
    Failure,
    StopRequest,
    coding_key,
    extractor_fingerprint,
    guard_sentences,
    run,
)

ARTICLES = {
    "a.txt": "date 2024-03-04\n\nThe foreign minister of Azerbaijan met his Ukrainian counterpart in Baku on Monday.\n",
    "b.txt": "date 2024-03-05\n\nGeorgia accused Russia of violating the ceasefire on Tuesday.\n",
    "c.txt": "date 2024-03-06\n\nFrance and Germany signed a trade agreement in Paris on Wednesday.\n",
}


def corpus(tmp_path: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text)
    return folder


def stored(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "events")}
    finally:
        con.close()


def test_a_document_that_breaks_the_coder_is_a_problem_and_the_rest_is_stored(tmp_path, monkeypatch):
    original = Coder.code_parsed

    def flaky(self, doc, document):
        if "Georgia" in document.text:
            raise OverflowError("date value out of range")
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", flaky)
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db)
    assert report.failed == 1 and report.documents == 2
    [problem] = report.skipped
    assert problem.origin == "b.txt"
    assert "OverflowError" in problem.message and "not stored" in problem.message
    assert "--debug" in problem.message
    assert "Traceback" in report.tracebacks[0]
    assert stored(db)["documents"] == 2
    # the failed document was not stored, so the next run (bug fixed) codes just that one
    monkeypatch.setattr(Coder, "code_parsed", original)
    again = run([corpus(tmp_path)], db)
    assert (again.documents, again.already_coded, again.failed) == (1, 2, 0)


def test_guard_blanks_a_run_too_long_for_a_sentence_and_keeps_offsets():
    salad = " ".join(["word"] * (MAX_SENTENCE_CHARS // 4))
    text = f"Azerbaijan met Ukraine on Monday.\n{salad}\nThey talked."
    doc = Document(id=document_id(text), text=text, doc_origin="x.txt")
    parsed, notes = guard_sentences(doc)
    assert len(parsed) == len(text)
    assert parsed.startswith("Azerbaijan met Ukraine on Monday.\n") and parsed.endswith("\nThey talked.")
    assert parsed[40:80].isspace()
    [note] = notes
    assert note.origin == "x.txt" and note.action == "partly coded"
    assert "without a sentence end" in note.message


def test_guard_leaves_long_but_real_paragraphs_alone():
    sentence = "The minister said the talks in Baku had gone well and would continue next week. "
    text = sentence * 200  # 16,000 characters, every sentence ends
    doc = Document(id=document_id(text), text=text)
    assert guard_sentences(doc) == (text, [])


def test_word_salad_is_not_parsed_but_the_real_sentence_is_coded(coder):
    salad = " ".join(["ministers talks Baku Kyiv met"] * 2000)  # ~60,000 characters, no full stop
    text = f"date 2024-05-01\n\n{salad}\n\nAzerbaijan and Ukraine signed an agreement in Baku on Monday.\n"
    doc = Document(id=document_id(text), text=text, published=dt.date(2024, 5, 1), doc_origin="salad.txt")
    [result] = coder.code_each([doc])
    coded, notes = result.coded, result.notes
    assert len(notes) == 1
    assert all(ev.trigger.start > len(salad) for ev in coded.events)


@pytest.mark.parametrize("anchor", [dt.date.max, dt.date.min, dt.date(9999, 12, 27), dt.date(1, 1, 3)])
def test_dates_at_the_calendars_ends_do_not_break_coding(coder, anchor):
    text = ("Azerbaijan will meet Ukraine next Monday, and met it last Friday, two weeks ago, "
            "tomorrow, next year and the following day; on Christmas they talked again.")
    doc = Document(id=document_id(text), text=text, published=anchor, doc_origin="edge.txt")
    [result] = coder.code_each([doc])
    assert not isinstance(result, Failure), result.problem


def test_rerun_skips_what_is_coded_and_recodes_what_changed(tmp_path):
    db = tmp_path / "s.duckdb"
    folder = corpus(tmp_path)
    first = run([folder], db)
    assert (first.documents, first.already_coded) == (3, 0)
    counts = stored(db)
    second = run([folder], db)
    assert (second.documents, second.already_coded, second.events) == (0, 3, 0)
    (folder / "c.txt").write_text(ARTICLES["c.txt"].replace("Wednesday", "Thursday"))
    third = run([folder], db)
    assert (third.documents, third.already_coded) == (1, 2)
    assert stored(db)["documents"] == counts["documents"] + 1  # new text, new content id
    counts = stored(db)
    forced = run([folder], db, recode=True)
    assert (forced.documents, forced.already_coded) == (3, 0)
    assert stored(db) == counts  # coded again, replaced, never doubled


def test_the_key_ignores_where_a_document_came_from_but_not_its_date():
    text = "Azerbaijan met Ukraine."
    doc = Document(id=document_id(text), text=text, published=dt.date(2024, 1, 1), origin="a.txt")
    fp = extractor_fingerprint()
    assert coding_key(doc, fp) == coding_key(Document(**{**_fields(doc), "origin": "b/a.txt"}), fp)
    assert coding_key(doc, fp) != coding_key(Document(**{**_fields(doc), "published": dt.date(2024, 1, 2)}), fp)
    assert coding_key(doc, fp) != coding_key(doc, fp + "x")


def _fields(doc: Document) -> dict:
    return {name: getattr(doc, name) for name in doc.__slots__}


def test_a_directory_run_never_reads_its_own_store(tmp_path):
    folder = corpus(tmp_path)
    db = folder / "inside.duckdb"
    run([folder], db)
    (folder / "inside.duckdb.wal").write_bytes(b"\x00\x01not text")
    report = run([folder], db)
    assert report.problems == [] and report.already_coded == 3


def test_a_stop_commits_what_was_coded_and_a_rerun_resumes(tmp_path):
    db = tmp_path / "s.duckdb"
    folder = corpus(tmp_path)
    stop = StopRequest()
    from accord.pipeline import PipelineOptions

    report = run([folder], db, stop=stop, options=PipelineOptions(chunk_size=1),
                 on_document=lambda coded: stop.request("test stop"))
    assert report.stopped == "test stop"
    assert report.documents == 1 and stored(db)["documents"] == 1
    rest = run([folder], db)
    assert (rest.documents, rest.already_coded, rest.stopped) == (2, 1, None)


def test_a_document_that_kills_its_worker_is_a_problem_and_the_rest_is_stored(tmp_path, monkeypatch):
    import os

    from accord.pipeline import PipelineOptions

    original = Coder.code_parsed

    def deadly(self, doc, document):
        if "Georgia" in document.text:
            os._exit(9)  # as if killed for memory: the whole worker is gone
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", deadly)  # forked workers inherit it
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, options=PipelineOptions(n_process=2, chunk_size=2))
    assert (report.documents, report.failed) == (2, 1)
    [problem] = report.skipped
    assert problem.origin == "b.txt" and "worker process died" in problem.message
    assert stored(db)["documents"] == 2


def _slow_for(marker: str, monkeypatch, stage: str = "code_parsed") -> None:
    """Make parsing or coding of documents containing ``marker`` run far past any limit."""
    original = getattr(Coder, stage)

    def slow(self, *args):
        texts = args[0] if stage == "_parse" else [args[1].text]
        if any(marker in t for t in texts):
            end = time.monotonic() + 30  # past it, the document is coded: the asserts fail
            while time.monotonic() < end:  # busy Python code, as a runaway rule would be
                pass
        return original(self, *args)

    monkeypatch.setattr(Coder, stage, slow)


@pytest.mark.parametrize("processes", [1, 2])
def test_a_document_past_the_time_limit_is_a_problem_and_the_rest_is_stored(tmp_path, monkeypatch, processes):
    from accord.pipeline import PipelineOptions

    _slow_for("Georgia", monkeypatch)  # forked workers inherit it
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, options=PipelineOptions(n_process=processes, chunk_size=2, doc_timeout=1))
    assert (report.documents, report.failed) == (2, 1)
    [problem] = report.skipped
    assert problem.origin == "b.txt" and "coding took longer than the limit of 1 s" in problem.message
    assert "--doc-timeout" in problem.message and report.tracebacks == []
    assert stored(db)["documents"] == 2
    # the store and the coder are fine: the next run (limit off) codes just the skipped one
    monkeypatch.undo()
    again = run([corpus(tmp_path)], db, options=PipelineOptions(n_process=processes, doc_timeout=None))
    assert (again.documents, again.already_coded, again.failed) == (1, 2, 0)


def test_a_parse_past_the_time_limit_skips_only_that_document(tmp_path, monkeypatch):
    from accord.pipeline import PipelineOptions

    _slow_for("Georgia", monkeypatch, stage="_parse")
    report = run([corpus(tmp_path)], tmp_path / "s.duckdb", options=PipelineOptions(chunk_size=3, doc_timeout=1))
    assert (report.documents, report.failed) == (2, 1)
    [problem] = report.skipped
    assert problem.origin == "b.txt" and problem.message.startswith("parsing took longer")


def test_time_limit_disarms_and_restores_the_previous_handler():
    import signal

    from accord.pipeline import DocumentTimeout, time_limit

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with pytest.raises(DocumentTimeout), time_limit(0.05):
        time.sleep(2)
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(None):  # no limit
        time.sleep(0.01)


def test_a_worker_stuck_past_its_time_limit_is_ended_and_only_that_document_lost(tmp_path, monkeypatch):
    import signal

    import accord.pipeline as pipeline
    from accord.pipeline import PipelineOptions

    original = Coder.code_parsed

    def stuck(self, doc, document):
        if "Georgia" in document.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as if inside native code
            time.sleep(60)  # past it, the document is coded: the asserts fail
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", stuck)  # forked workers inherit it, and the grace
    monkeypatch.setattr(pipeline, "_HANG_GRACE", 1.0)
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, options=PipelineOptions(n_process=2, chunk_size=2, doc_timeout=1))
    assert (report.documents, report.failed) == (2, 1)
    [problem] = report.skipped
    assert problem.origin == "b.txt" and "took longer than the limit of 1 s" in problem.message
    assert stored(db)["documents"] == 2


# --------------------------------------------------------------------------- the public Pipeline

ZUBROWKA = ("term\tcode\tkind\tcanonical\tsector\tflags\n"
            "Zubrowka\tHUN\tname\tZubrowka\t\t\n"
            "Zubrowkan\tHUN\tdemonym\tZubrowka\t\t\n")
QUILLAN = ("alias\tname\tcountry\tsector\toffices\tflags\n"
           "Zorbak Quillan\tZorbak Quillan\tFRA\tGOV\tforeign minister:2020::GOV:FRA\t\n")


def _sides(coded) -> list[tuple]:
    return [(e.type, [(a.country, a.sector) for a in e.actor], [a.country for a in e.recipient]) for e in coded.events]


def test_a_users_gazetteer_reaches_the_whole_pipeline(tmp_path, pipeline):
    """A made-up country and minister, known only to the user's gazetteer, code as such, and
    the default pipeline in the same process still does not know them."""
    from accord.actors.gazetteer import default_gazetteer
    from accord.pipeline import Pipeline, PipelineConfig

    (tmp_path / "terms.tsv").write_text(ZUBROWKA, encoding="utf-8")
    (tmp_path / "people.tsv").write_text(QUILLAN, encoding="utf-8")
    mine = Pipeline(PipelineConfig(gazetteer=default_gazetteer().extend(tmp_path)))
    accusation = "Zubrowka accused Ukraine on Tuesday of shelling villages."
    troops = "Zubrowkan troops shelled Ukrainian villages on Tuesday."  # a country word (arguments.py)
    minister = "Zorbak Quillan accused Ukraine on Tuesday of shelling villages."  # entity rules and actors
    assert _sides(mine.code_text(accusation, "2024-03-06")) == [("ACCUSE", [("HUN", None)], ["UKR"])]
    assert _sides(mine.code_text(troops, "2024-03-06")) == [("ASSAULT", [("HUN", "MIL")], ["UKR"])]
    assert _sides(mine.code_text(minister, "2024-03-06")) == [("ACCUSE", [("FRA", "GOV")], ["UKR"])]
    assert _sides(pipeline.code_text(accusation, "2024-03-06")) == [("ACCUSE", [], ["UKR"])]
    assert _sides(pipeline.code_text(troops, "2024-03-06"))[0][1] != [("HUN", "MIL")]
    assert _sides(pipeline.code_text(minister, "2024-03-06"))[0][1] != [("FRA", "GOV")]
    assert default_gazetteer().country("Zubrowka") is None
    # each records the gazetteer it was coded with
    assert mine.provenance.gazetteer == mine.coder.gaz.fingerprint() != pipeline.provenance.gazetteer
    assert mine.code_text(minister, "2024-03-06").provenance == mine.provenance


def test_stages_are_named_and_versioned_and_make_the_coder_version(pipeline):
    from accord.pipeline import EXTRACTOR_VERSION

    assert [s.name for s in pipeline.stages] == ["parse", "actors", "dates", "events"]
    assert all(s.version and s.does for s in pipeline.stages)
    assert EXTRACTOR_VERSION == "0.1.0+parse1.actors1.dates1.events1"
    assert pipeline.provenance.coder_version == EXTRACTOR_VERSION


def test_pipeline_codes_documents_in_order_and_names_the_one_that_fails(pipeline, monkeypatch):
    from accord.errors import AccordError

    docs = [Document(id=document_id(t), text=t.split("\n\n", 1)[1], published=dt.date(2024, 3, 4 + k), doc_origin=n)
            for k, (n, t) in enumerate(ARTICLES.items())]
    coded = pipeline.code(docs)
    assert [c.document.doc_origin for c in coded] == list(ARTICLES)
    assert [e.type for c in coded for e in c.events] == ["CONSULT", "ACCUSE", "SUPPORT"]
    assert pipeline.code_text(ARTICLES["b.txt"], doc_id="b").document.id == "b"

    original = Coder.code_parsed

    def broken(self, doc, document):
        if document.doc_origin == "b.txt":
            raise RuntimeError("boom")
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", broken)
    with pytest.raises(AccordError, match=r"b\.txt"):
        pipeline.code(docs)


def test_a_users_lexicon_is_recorded(tmp_path, pipeline):
    from accord.pipeline import Pipeline, PipelineConfig
    from accord.recoding import lexicon_snapshot

    lex = tmp_path / "mine.yaml"
    lex.write_text("triggers:\n  - lemma: frobnicate\n    type: ACCUSE\n", encoding="utf-8")
    mine = Pipeline(PipelineConfig(lexicon=lex, second_opinion=False))
    assert mine.provenance.lexicon == lexicon_snapshot(lex).fingerprint != pipeline.provenance.lexicon
    assert mine.provenance.gazetteer == pipeline.provenance.gazetteer


def test_run_stores_what_coded_each_document(tmp_path, pipeline):
    from accord.store import Store

    db = tmp_path / "s.duckdb"
    run([corpus(tmp_path)], db)
    with Store.open(db, read_only=True) as store:
        doc = store.document("a.txt")
        assert store.provenance(doc.id) == pipeline.provenance
        assert store.provenance("no such document") is None
    # and `accord show --json` shows it
    import json

    from typer.testing import CliRunner

    from accord.cli.main import app

    result = CliRunner().invoke(app, ["show", "a.txt", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["document"]["provenance"] == {
        "coder_version": pipeline.provenance.coder_version, "lexicon": pipeline.provenance.lexicon,
        "gazetteer": pipeline.provenance.gazetteer}


def test_run_with_a_users_gazetteer_codes_stores_and_recodes_by_it(tmp_path, pipeline):
    from accord.actors.gazetteer import default_gazetteer
    from accord.errors import ConfigError
    from accord.pipeline import RECODE_CODE, PipelineOptions
    from accord.store import Store

    (tmp_path / "terms.tsv").write_text(ZUBROWKA, encoding="utf-8")
    gaz = default_gazetteer().extend(tmp_path / "terms.tsv")
    folder = corpus(tmp_path, {"z.txt": "date 2024-03-06\n\nZubrowka accused Ukraine on Tuesday of shelling villages.\n"})
    db = tmp_path / "s.duckdb"

    def actors() -> list:
        with Store.open(db, read_only=True) as store:
            return [[a.country for a in e.actor] for e in store.events()]

    run([folder], db)
    assert actors() == [[]]
    report = run([folder], db, options=PipelineOptions(gazetteer=gaz))
    assert report.recoded == {RECODE_CODE: 1} and "gazetteer" in report.code_changes
    assert actors() == [["HUN"]]
    with Store.open(db, read_only=True) as store:
        assert store.provenance(store.document("z.txt").id).gazetteer == gaz.fingerprint()
    assert run([folder], db, options=PipelineOptions(gazetteer=gaz)).already_coded == 1
    with pytest.raises(ConfigError, match="engine"):
        run([folder], db, options=PipelineOptions(gazetteer=gaz), stream=lambda docs, options, stop: iter(()))


@pytest.mark.parametrize("processes", [1, 2])
def test_a_run_reports_the_seconds_of_each_stage(tmp_path, pipeline, processes):
    """``StageTimes``: every stage of a run is timed (with workers, summed from them), and the
    stages of one process add up to no more than the run took."""
    from accord.pipeline import STAGE_NAMES, PipelineOptions, StageTimes

    times = StageTimes()
    started = time.perf_counter()
    report = run([corpus(tmp_path)], tmp_path / "s.duckdb", options=PipelineOptions(n_process=processes, chunk_size=2),
                 times=times)
    wall = time.perf_counter() - started
    assert report.documents == 3
    assert set(times.seconds) == set(STAGE_NAMES)
    assert all(s >= 0 for s in times.seconds.values())
    assert times.total == pytest.approx(sum(times.seconds.values()))
    if processes == 1:
        assert times.total <= wall
    again = StageTimes()
    run([corpus(tmp_path)], tmp_path / "s.duckdb", times=again)  # nothing new to code
    assert "parse" not in again.seconds and "ingest" in again.seconds


# --------------------------------------------------------------------------- the writer thread


def test_batches_are_written_in_a_thread_beside_the_coding_each_document_once(tmp_path, monkeypatch):
    """Every batch but the last is committed by the writer thread while the next is coded; the
    report counts each document once, and a rerun finds them all."""
    import threading

    from accord.pipeline import PipelineOptions, StageTimes
    from accord.store import Store

    writers = []
    original = Store.write_many

    def recording(self, batch, **kwargs):
        writers.append((threading.current_thread().name, len(batch)))
        return original(self, batch, **kwargs)

    monkeypatch.setattr(Store, "write_many", recording)
    db = tmp_path / "s.duckdb"
    times = StageTimes()
    report = run([corpus(tmp_path)], db, options=PipelineOptions(chunk_size=1), commit_docs=1, times=times)
    assert (report.documents, report.new_documents, report.commits) == (3, 3, 3)
    assert [n for _, n in writers] == [1, 1, 1]
    assert {name for name, _ in writers} == {"accord-writer"}  # each batch was due before the input ended
    assert stored(db)["documents"] == 3 and stored(db)["events"] == report.events
    assert times.beside["writes"] > 0 and times.seconds["writes"] >= 0
    again = run([corpus(tmp_path)], db)
    assert (again.documents, again.already_coded) == (0, 3)


def test_every_batch_of_a_run_is_written_by_one_thread_with_duckdb_on_it(tmp_path, monkeypatch):
    """One writer thread for the run, not one per batch, and DuckDB on that thread alone: the
    store's native memory is then freed and reused in one glibc arena; spread over new threads'
    arenas, the writer's memory grew with the run (issue 15)."""
    import threading

    from accord.pipeline import PipelineOptions
    from accord.store import Store

    writers: list[tuple[threading.Thread, int]] = []  # the threads kept: no id is reused
    original = Store.write_many

    def recording(self, batch, **kwargs):
        threads = self.connection.execute("SELECT current_setting('threads')").fetchone()[0]
        writers.append((threading.current_thread(), threads))
        return original(self, batch, **kwargs)

    monkeypatch.setattr(Store, "write_many", recording)
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, options=PipelineOptions(chunk_size=1), commit_docs=1)
    assert report.commits == len(writers) == 3
    assert len({t for t, _ in writers}) == 1 and writers[0][0].name == "accord-writer"
    assert {n for _, n in writers} == {1}
    assert not writers[0][0].is_alive()  # ended with the run


def test_a_write_error_in_the_writer_thread_surfaces_and_a_rerun_stores_the_rest_once(tmp_path, monkeypatch):
    from accord.errors import StoreError
    from accord.pipeline import PipelineOptions
    from accord.store import Store

    calls = []
    original = Store.write_many

    def failing(self, batch, **kwargs):
        calls.append(len(batch))
        if len(calls) == 2:
            raise StoreError("disk full")
        return original(self, batch, **kwargs)

    monkeypatch.setattr(Store, "write_many", failing)
    db = tmp_path / "s.duckdb"
    with pytest.raises(StoreError, match="disk full"):
        run([corpus(tmp_path)], db, options=PipelineOptions(chunk_size=1), commit_docs=1)
    assert len(calls) == 2  # no commit is tried after the failed one
    assert stored(db)["documents"] == 1
    monkeypatch.setattr(Store, "write_many", original)
    rest = run([corpus(tmp_path)], db)
    assert (rest.documents, rest.already_coded) == (2, 1)
    assert stored(db)["documents"] == 3


def test_a_batch_the_store_is_too_busy_for_is_written_with_the_next(tmp_path, monkeypatch):
    """A reader holding the file when the writer thread opens it: the batch goes back to the queue
    and is committed with the next one; nothing is lost or doubled."""
    from accord.errors import StoreBusyError
    from accord.pipeline import PipelineOptions
    from accord.store import Store
    from accord.store.db import BATCH_MEMORY

    opened = []
    original = Store.open.__func__

    def busy_once(cls, path, **kwargs):
        if kwargs.get("memory_limit") == BATCH_MEMORY:
            opened.append(kwargs.get("wait"))
            if len(opened) == 1:
                raise StoreBusyError("held by a reader")
        return original(cls, path, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(busy_once))
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, options=PipelineOptions(chunk_size=1), commit_docs=1)
    assert (report.documents, report.new_documents, report.failed) == (3, 3, 0)
    assert report.commits == len(opened) - 1 and opened[0] == 1.0  # not the final commit: a short wait
    assert stored(db)["documents"] == 3


def test_a_stop_while_a_batch_is_being_written_commits_it_and_what_was_coded_since(tmp_path, monkeypatch):
    import threading

    from accord.pipeline import PipelineOptions
    from accord.store import Store

    release = threading.Event()
    original = Store.write_many

    def slow(self, batch, **kwargs):
        if threading.current_thread().name == "accord-writer":
            release.wait(10)  # still writing when the stop comes
        return original(self, batch, **kwargs)

    monkeypatch.setattr(Store, "write_many", slow)
    stop = StopRequest()
    coded = []

    def on_document(c):
        coded.append(c)
        if len(coded) == 2:
            stop.request("test stop")
            release.set()

    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, stop=stop, options=PipelineOptions(chunk_size=1), commit_docs=1,
                 on_document=on_document)
    assert report.stopped == "test stop" and report.documents == 2 and stored(db)["documents"] == 2
    rest = run([corpus(tmp_path)], db)
    assert (rest.documents, rest.already_coded) == (1, 2)


def test_auto_processes_is_every_core_unless_memory_is_short(monkeypatch):
    import os

    from accord import pipeline

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    monkeypatch.setattr(pipeline, "_available_mb", lambda: None)  # unknown: the cores decide
    assert pipeline.auto_processes() == cores
    monkeypatch.setattr(pipeline, "_available_mb", lambda: 1_000_000.0)
    assert pipeline.auto_processes() == cores
    monkeypatch.setattr(pipeline, "_available_mb", lambda: 2.5 * pipeline.WORKER_MB)
    assert pipeline.auto_processes() == min(cores, 2)
    monkeypatch.setattr(pipeline, "_available_mb", lambda: 10.0)  # never fewer than one
    assert pipeline.auto_processes() == 1


def test_the_kernels_available_memory_is_read_in_megabytes():
    from accord import pipeline

    available = pipeline._available_mb()
    if available is None:
        pytest.skip("no /proc/meminfo here")
    assert 0 < available < 1 << 30


def _documents(n: int) -> list[Document]:
    return [Document(id=f"d{k}", text=f"France and Germany signed a trade agreement in Paris on day {k}.",
                     published=dt.date(2024, 3, 6)) for k in range(n)]


def test_auto_codes_an_input_of_one_chunk_in_this_process(monkeypatch):
    from accord import pipeline

    def no_workers(*args, **kwargs):
        raise AssertionError("workers started for an input of one chunk")

    monkeypatch.setattr(pipeline, "_code_in_workers", no_workers)
    monkeypatch.setattr(pipeline, "auto_processes", lambda: 4)
    chunks = []
    original = pipeline.Coder.code_each

    def spy(self, documents, *args):
        chunks.append(len(documents))
        return original(self, documents, *args)

    monkeypatch.setattr(pipeline.Coder, "code_each", spy)
    results = list(pipeline.code_stream(_documents(20), pipeline.PipelineOptions(n_process=0, chunk_size=64)))
    assert [r.coded.document.id for r in results] == [f"d{k}" for k in range(20)]
    assert chunks == [pipeline.IN_PROCESS_CHUNK, 20 - pipeline.IN_PROCESS_CHUNK]  # committed as they come


def test_auto_hands_a_longer_input_to_auto_processes_workers_in_order(monkeypatch):
    from accord import pipeline

    seen = {}

    def workers(documents, options, stop, times):
        seen["n_process"] = options.n_process
        seen["ids"] = [d.id for d in documents]
        return iter(())

    monkeypatch.setattr(pipeline, "_code_in_workers", workers)
    monkeypatch.setattr(pipeline, "auto_processes", lambda: 3)
    list(pipeline.code_stream(_documents(5), pipeline.PipelineOptions(n_process=0, chunk_size=2)))
    assert seen == {"n_process": 3, "ids": ["d0", "d1", "d2", "d3", "d4"]}


def test_auto_on_one_core_codes_a_longer_input_in_this_process(monkeypatch):
    from accord import pipeline

    monkeypatch.setattr(pipeline, "_code_in_workers", lambda *a: (_ for _ in ()).throw(AssertionError("workers")))
    monkeypatch.setattr(pipeline, "auto_processes", lambda: 1)
    results = list(pipeline.code_stream(_documents(3), pipeline.PipelineOptions(n_process=0, chunk_size=1)))
    assert [r.coded.document.id for r in results] == ["d0", "d1", "d2"]
