"""accord.watch: new files and feed items are coded once, across cycles and restarts, and merged."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.pipeline import StopRequest
from accord.watch import Watcher

pytestmark = pytest.mark.slow

A = "date 2024-03-04\n\nThe foreign minister of Azerbaijan met his Ukrainian counterpart in Baku on Monday.\n"
B = "date 2024-03-04\n\nAzerbaijan's foreign minister met the Ukrainian foreign minister in Baku on Monday.\n"
C = "date 2024-03-06\n\nFrance and Germany signed a trade agreement in Paris on Wednesday.\n"


def item(n: int, text: str) -> str:
    return (f"<item><title>Story {n}</title><link>https://example.org/{n}</link>"
            f"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>{text}</description></item>")


def feed(*items: str) -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{"".join(items)}</channel></rss>'


def documents(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from documents").fetchone()[0]
    finally:
        con.close()


def test_new_files_are_coded_and_merged_once_across_cycles_and_restarts(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A)
    db = tmp_path / "s.duckdb"
    watcher = Watcher([inbox], db, settle=0)
    first = watcher.cycle()
    assert first.files == 1 and first.run.documents == 1 and first.merged is not None
    quiet = watcher.cycle()  # nothing new: no file read again
    assert quiet.files == 0 and quiet.run.documents == 0 and quiet.merged is None
    (inbox / "b.txt").write_text(B)
    second = watcher.cycle()
    assert second.files == 1 and second.run.documents == 1 and second.merged.events_seen > 0
    # a restart reads every file again and codes only what arrived meanwhile
    (inbox / "c.txt").write_text(C)
    restarted = Watcher([inbox], db, settle=0).cycle()
    assert restarted.files == 3 and restarted.run.documents == 1 and restarted.run.already_coded == 2
    assert documents(db) == 3


def test_feed_items_are_coded_once_however_often_the_feed_lists_them(tmp_path):
    wire = tmp_path / "wire.rss"
    wire.write_text(feed(item(1, "Azerbaijan and Ukraine signed a trade agreement in Baku on Monday.")))
    db = tmp_path / "s.duckdb"
    assert Watcher([wire], db, settle=0).cycle().run.documents == 1
    wire.write_text(feed(item(2, "Georgia accused Russia of violating the ceasefire on Monday."),
                         item(1, "Azerbaijan and Ukraine signed a trade agreement in Baku on Monday.")))
    again = Watcher([wire], db, settle=0).cycle()
    assert again.run.documents == 1 and again.run.already_coded == 1
    assert documents(db) == 2


def test_a_file_still_being_written_waits_until_it_settles(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A)
    watcher = Watcher([inbox], tmp_path / "s.duckdb", settle=30)
    assert watcher.cycle().files == 0
    past = time.time() - 60
    os.utime(inbox / "a.txt", (past, past))
    assert watcher.cycle().run.documents == 1


def test_a_stop_ends_the_watch_after_the_cycle_and_a_missing_folder_is_told_once(tmp_path):
    stop = StopRequest()
    cycles = []

    def on_cycle(cycle):
        cycles.append(cycle)
        if len(cycles) == 2:
            stop.request("terminated (SIGTERM)")

    Watcher([tmp_path / "not yet"], tmp_path / "s.duckdb", settle=0).watch(0.01, stop, on_cycle)
    assert len(cycles) == 2 and len(cycles[0].run.problems) == 1 and not cycles[1].run.problems


def test_cli_watch_once_codes_merges_and_a_rerun_codes_nothing(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A)
    (inbox / "b.txt").write_text(B)
    args = ["watch", str(inbox), "--db", str(tmp_path / "s.duckdb"), "--once"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2 document(s) coded (2 new)" in result.output and "merged:" in result.output
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "0 document(s) coded" in again.output and "2 already stored" in again.output


def test_cli_watch_a_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["watch", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--once",
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and not (tmp_path / "s.duckdb").exists()
