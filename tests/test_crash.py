"""`accord run` killed with SIGKILL at random moments, then rerun: nothing lost, nothing doubled.

The normal suite kills it 5 times; the long profile (`make crash`) sets ACCORD_CRASH_KILLS=100.
After the kills a last run finishes the job, and the store must equal that of a clean run:
every document exactly once, the same events, mentions and actors.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

KILLS = int(os.environ.get("ACCORD_CRASH_KILLS", "5"))
SEED = int(os.environ.get("ACCORD_CRASH_SEED", "7"))

COUNTRIES = ["Azerbaijan", "Ukraine", "Georgia", "Armenia", "Turkey", "Kazakhstan", "France", "Germany"]
CITIES = ["Baku", "Kyiv", "Tbilisi", "Yerevan", "Ankara", "Paris"]
SENTENCES = [
    "The foreign minister of {a} met his counterpart from {b} in {city} on {day}.",
    "{a} accused {b} of shelling villages near the border on {day}.",
    "{a} and {b} signed an agreement on trade and transport in {city}.",
    "Officials from {a} said they would hold talks with {b} next week.",
    "{a} condemned the attack and called on {b} to respect the ceasefire.",
    "The president of {a} praised {b} for its help after the earthquake.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_corpus(folder: Path, n: int = 24) -> None:
    rng = random.Random(42)
    folder.mkdir()
    for i in range(n):
        lines = [f"date 2024-{1 + i % 12:02d}-{1 + i % 27:02d}", "", f"Talks and tensions, report {i}", ""]
        for _ in range(3):
            a, b = rng.sample(COUNTRIES, 2)
            lines.append(rng.choice(SENTENCES).format(a=a, b=b, city=rng.choice(CITIES), day=rng.choice(DAYS)))
            lines.append("")
        (folder / f"{i:03d}.txt").write_text("\n".join(lines))


def accord_run(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from accord.cli.main import main; main()", "run", str(folder), "--db", str(db),
         "--commit-every", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (timestamps left out), sorted: what a clean run must also give."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("documents", "events", "event_participants", "event_mentions", "actor_mentions"):
            cols = [name for name, kind in con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()
                if not kind.startswith("TIMESTAMP")]
            rows = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def test_kill_9_at_random_moments_then_rerun_equals_a_clean_run(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder)
    clean_db = tmp_path / "clean.duckdb"
    start = time.monotonic()
    clean = accord_run(folder, clean_db)
    assert clean.wait(timeout=300) == 0, clean.stderr.read() if clean.stderr else ""
    full = time.monotonic() - start  # how long a whole run takes here: kills land inside it
    expected = snapshot(clean_db)
    assert len(expected["documents"]) == 24 and expected["events"]

    rng = random.Random(SEED)
    db = tmp_path / "crashed.duckdb"
    stored_at_kill: list[int] = []
    running: list[subprocess.Popen] = []
    try:
        kills, finished = _kill_repeatedly(folder, db, full, rng, running, stored_at_kill)
    finally:
        for p in running:  # never leave a run behind, even when the test fails or is stopped
            if p.poll() is None:
                p.kill()
                p.wait()
    last = accord_run(folder, db)
    assert last.wait(timeout=300) == 0, last.stderr.read() if last.stderr else ""
    got = snapshot(db)
    report = (f"{kills} kills, {finished} runs finished before their kill, documents stored at each kill: "
              f"{stored_at_kill}")
    print(report)
    for table, rows in expected.items():
        assert len(rows) == len(got[table]), f"{table}: {report}"
        assert rows == got[table], f"{table} differs from a clean run; {report}"
    ids = [row[0] for row in got["documents"]]
    assert len(ids) == len(set(ids)) == 24


def _kill_repeatedly(folder: Path, db: Path, full: float, rng: random.Random,
                     running: list[subprocess.Popen], stored_at_kill: list[int]) -> tuple[int, int]:
    kills = finished = 0
    window = full  # adapts to the machine's load: kills should land while documents are coded
    stored = 0
    while kills < KILLS:
        proc = accord_run(folder, db)
        running.append(proc)
        try:
            # most of a run is starting up (Python, spaCy): aim the kills at the second half,
            # where documents are coded and committed
            proc.wait(timeout=rng.uniform(0.5, 1.05) * window)
            finished += 1  # it ended before the kill: start over so later kills hit real work
            assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
            for path in (db, Path(f"{db}.wal")):
                path.unlink(missing_ok=True)
            stored = 0
            window *= 0.9
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            now = len(snapshot(db)["documents"]) if db.exists() else 0
            stored_at_kill.append(now)
            if now == stored:  # killed before it committed anything: wait longer next time
                window *= 1.15
            stored = now
    return kills, finished


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, 40)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from accord.cli.main import main; main()", "run", str(folder),
         "--db", str(tmp_path / "s.duckdb"), "--processes", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the run never started its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"


def test_readers_work_during_a_run_and_see_whole_batches(tmp_path):
    """While `accord run` writes, a reader opens the store (waiting out a commit at most), and
    sees committed documents complete: never an event without its document, never fewer rows
    than before."""
    from accord.store import Store

    folder = tmp_path / "corpus"
    write_corpus(folder)
    db = tmp_path / "s.duckdb"
    proc = accord_run(folder, db)
    seen: list[tuple[int, int]] = []
    try:
        while proc.poll() is None:
            if db.exists():
                with Store.open(db, read_only=True) as store:
                    docs = store.counts()["documents"]
                    orphans = store.connection.execute(
                        "SELECT count(*) FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
                        "WHERE d.id IS NULL").fetchone()[0]
                    seen.append((docs, orphans))
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    counts = [docs for docs, _ in seen]
    assert counts == sorted(counts), "a reader saw documents disappear"
    assert all(orphans == 0 for _, orphans in seen)
    assert len(set(counts)) >= 2, f"the reader never saw the run progress: {counts}"
