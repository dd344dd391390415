"""accord.engines.dask: a two-worker local cluster stores what a local run stores, isolates a
failing document, and resumes like the local run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from accord.pipeline import Coder, run

pytest.importorskip("distributed")

from accord.engines.dask import DaskEngine, LazyDaskEngine

pytestmark = pytest.mark.slow

ARTICLES = {
    "a.txt": "date 2024-03-04\n\nThe foreign minister of Azerbaijan met his Ukrainian counterpart in Baku on Monday.\n",
    "b.txt": "date 2024-03-05\n\nGeorgia accused Russia of violating the ceasefire on Tuesday.\n",
    "c.txt": "date 2024-03-06\n\nFrance and Germany signed a trade agreement in Paris on Wednesday.\n",
    "d.txt": "date 2024-03-07\n\nTurkey threatened sanctions against Greece, the ministry said on Thursday.\n",
    "e.txt": "date 2024-03-08\n\nJapan will send aid to the Philippines after the storm, its prime minister said.\n",
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def events(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (con.execute("select * from events order by id").fetchall()
                + con.execute("select * from event_participants order by all").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def engine():
    # two workers as threads of this process: no second spaCy load, and monkeypatches reach them
    with DaskEngine.connect(workers=2, processes=False) as connected:
        yield connected


def test_two_workers_store_the_events_of_a_local_run_and_a_rerun_codes_nothing(tmp_path, engine):
    folder = corpus(tmp_path)
    local = run([folder], tmp_path / "local.duckdb")
    report = run([folder], tmp_path / "dask.duckdb", stream=engine.code_stream)
    assert report.documents == local.documents == len(ARTICLES) and report.failed == 0
    assert report.events == local.events > 0
    assert events(tmp_path / "dask.duckdb") == events(tmp_path / "local.duckdb")
    again = run([folder], tmp_path / "dask.duckdb", stream=engine.code_stream)
    assert again.documents == 0 and again.already_coded == len(ARTICLES)
    # the engines share coding keys: a store coded locally is resumed by the Dask engine, which
    # connects to nothing when nothing is left (this scheduler does not exist)
    with LazyDaskEngine("tcp://127.0.0.1:9") as lazy:
        resumed = run([folder], tmp_path / "local.duckdb", stream=lazy.code_stream)
    assert resumed.documents == 0 and resumed.already_coded == len(ARTICLES)


def test_a_document_that_breaks_the_coder_on_a_worker_is_a_problem_and_the_rest_is_stored(tmp_path, engine,
                                                                                          monkeypatch):
    original = Coder.code_parsed

    def flaky(self, doc, document):
        if "Georgia" in document.text:
            raise OverflowError("date value out of range")
        return original(self, doc, document)

    monkeypatch.setattr(Coder, "code_parsed", flaky)
    db = tmp_path / "s.duckdb"
    report = run([corpus(tmp_path)], db, stream=engine.code_stream)
    assert report.failed == 1 and report.documents == len(ARTICLES) - 1
    [problem] = report.skipped
    assert "b.txt" in problem.origin and "OverflowError" in problem.message
    monkeypatch.setattr(Coder, "code_parsed", original)
    resumed = run([corpus(tmp_path)], db, stream=engine.code_stream)  # only the failed one is left
    assert resumed.documents == 1 and resumed.already_coded == len(ARTICLES) - 1


@pytest.mark.parametrize("args", [["--scheduler", "tcp://127.0.0.1:8786"], ["--engine", "spark"]])
def test_a_scheduler_without_the_dask_engine_or_an_unknown_engine_is_a_usage_error(tmp_path, args):
    from typer.testing import CliRunner

    from accord.cli.main import app

    result = CliRunner().invoke(app, ["run", str(corpus(tmp_path)), "--db", str(tmp_path / "s.duckdb"), *args])
    assert result.exit_code == 2 and not (tmp_path / "s.duckdb").exists()


def test_a_worker_running_another_accord_stops_the_run_instead_of_storing_under_the_wrong_keys(tmp_path, engine,
                                                                                              monkeypatch):
    from accord.engines import dask as engine_module

    # the workers are threads of this process: their cached identity is this module's
    monkeypatch.setattr(engine_module, "_IDENTITY", {None: ("another accord", None)})
    with pytest.raises(engine_module.WorkerMismatch, match="different accord"):
        run([corpus(tmp_path)], tmp_path / "s.duckdb", stream=engine.code_stream)


def test_a_single_run_lets_the_cluster_go_as_soon_as_the_coding_ends(tmp_path):
    """``once`` (accord run): the cluster is closed when the stream ends, before the run's last
    commit and its registry rebuild, so its workers' memory is not held alongside them."""
    folder = corpus(tmp_path)
    with LazyDaskEngine(workers=1, processes=False, once=True) as lazy:
        seen = []

        def stream(documents, options, stop):
            yield from lazy.code_stream(documents, options, stop)
            seen.append(lazy.connected)  # what the run's last commit and the registry meet

        report = run([folder], tmp_path / "once.duckdb", stream=stream)
        assert report.documents == len(ARTICLES) and seen == [False] and not lazy.connected
    with LazyDaskEngine(workers=1, processes=False) as kept:  # accord watch: kept between streams
        run([folder], tmp_path / "kept.duckdb", stream=kept.code_stream)
        assert kept.connected
    assert not kept.connected
    assert events(tmp_path / "once.duckdb") == events(tmp_path / "kept.duckdb")


def test_a_local_cluster_runs_without_dask_s_profiler_and_leaves_the_setting_as_it_was(tmp_path):
    """The profiler keeps a stack profile per second in every process for ~17 minutes: the
    memory that grew from 10,000 to 100,000 articles (issue 15). Off on a local cluster's
    workers (real processes: the setting travels through their nannies) and on this process's
    event loop, and only while the cluster is up."""
    import dask

    def profiled(dask_worker) -> tuple[bool, bool]:
        import dask

        return (dask.config.get("distributed.worker.profile.enabled"),
                "profile" in dask_worker.periodic_callbacks)

    before = dask.config.get("distributed.worker.profile.enabled")
    with DaskEngine.connect(workers=1) as connected:
        assert list(connected.client.run(profiled).values()) == [(False, False)]
        assert not connected.client.cluster.scheduler.io_loop.profile  # nothing sampled here either
    assert dask.config.get("distributed.worker.profile.enabled") == before


def test_the_cluster_holds_only_the_partitions_in_flight_and_lets_each_go_once_read(tmp_path, engine):
    """A result stays in a worker's memory while the client holds its future: the engine keeps
    only the window's futures (two partitions per worker thread), whatever the input's length.
    (The scheduler hears of a released future a moment later: a little slack over the window.)"""
    import datetime as dt

    from accord.model import Document
    from accord.pipeline import PipelineOptions

    documents = [Document(id=f"{k}-{name}", text=text, published=dt.date(2024, 3, 4), doc_origin=name)
                 for k in range(4) for name, text in ARTICLES.items()]  # 20 one-document partitions
    scheduler = engine.client.cluster.scheduler
    window = 2 * sum(engine.client.nthreads().values())
    held = []
    for _ in engine.code_stream(documents, PipelineOptions(chunk_size=1)):
        held.append(len(scheduler.tasks))
    assert len(held) == len(documents) and max(held) <= 2 * window < len(documents)


def test_dask_s_message_logs_keep_a_few_partitions_not_every_one_sent(engine):
    """Dask logs the last ``low-level-log-length`` messages of each comm, the tasks with their
    documents among them: at Dask's 1,000 the writer's process kept nearly every partition of a
    100,000-article run (+340 MB; issue 15). ``ENGINE_CONFIG`` keeps a few, on the scheduler's
    comms to the workers and on the client's to the scheduler."""
    import datetime as dt

    from accord.engines.dask import ENGINE_CONFIG
    from accord.model import Document
    from accord.pipeline import PipelineOptions

    keep = ENGINE_CONFIG["distributed.admin.low-level-log-length"]
    documents = [Document(id=f"log-{k}-{name}", text=text, published=dt.date(2024, 3, 4), doc_origin=name)
                 for k in range(8) for name, text in ARTICLES.items()]  # 40 one-document partitions
    assert len(documents) > 2 * keep
    assert len(list(engine.code_stream(documents, PipelineOptions(chunk_size=1)))) == len(documents)
    logs = [comm.recent_message_log for comm in engine.client.cluster.scheduler.stream_comms.values()]
    sent = [m for log in logs for payload in log if isinstance(payload, list) for m in payload
            if isinstance(m, dict) and m.get("op") == "compute-task"]
    assert logs and len(sent) <= len(logs) * keep < len(documents)
    assert engine.client.scheduler_comm.recent_message_log.maxlen == keep


def test_a_slow_transfer_of_results_loses_no_document(tmp_path, engine, monkeypatch):
    """Under load a finished partition's results can take longer to start coming back than the
    engine's polling interval. A time limit on that fetch cancelled it, and Dask's client kept
    the cancelled fetch: every later partition, and every document retried alone, failed."""
    import asyncio

    from distributed import Client

    original = Client._gather_remote

    async def slow(self, *args, **kwargs):
        await asyncio.sleep(0.5)  # more than the engine's polling interval
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(Client, "_gather_remote", slow)
    folder = corpus(tmp_path)
    report = run([folder], tmp_path / "slow.duckdb", stream=engine.code_stream)
    assert report.failed == 0 and report.documents == len(ARTICLES)
    run([folder], tmp_path / "local.duckdb")
    assert events(tmp_path / "slow.duckdb") == events(tmp_path / "local.duckdb")
