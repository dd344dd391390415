"""The whole-run scale benchmark of issue 15: synthetic articles coded by ``accord run``.

For each size (``--sizes``) and engine (``--engines``: ``local`` = ``--processes N``, ``dask``
= ``--engine dask`` on a local cluster of N workers) it codes the first SIZE articles of one
synthetic corpus (the seeds' paragraphs, as ``accord bench``) into a fresh store and records
wall time, articles/s, words/s and the peak memory of the whole process tree (the command and
its workers, sampled every 0.2 s), then projects articles per day on 2 and on 64 cores.

Resumable: each finished (engine, size) is one line of ``OUT/results.jsonl`` and is skipped on
the next call; an interrupted one is run again from an empty store (its timing would otherwise
be partial). The corpus is written once (``OUT/corpus-N.jsonl``) and reused.

    python scripts/bench_scale_run.py /tmp/scale-run --sizes 1000,5000
    python scripts/bench_scale_run.py /tmp/scale-run --sizes 10000,100000   # about 1 h per engine at 100k on 2 cores
    python scripts/bench_scale_run.py /tmp/scale-run --report                 # the table again

The projection assumes coding scales with cores (each worker codes its own documents; the
store's writes stay in one process, ~13% of a run): articles/day on C cores = measured
articles/s per worker x C x 86,400. It is an upper bound beyond one machine's disk and the
single writer; with Dask on a real cluster each worker's Parquet-free path still sends results
to the one writer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil


def write_corpus(path: Path, n: int) -> None:
    """The first ``n`` synthetic articles as JSONL (id, title, date, text); kept if complete."""
    if path.exists() and sum(1 for _ in path.open(encoding="utf-8")) == n:
        return
    from accord.bench import synthetic_corpus

    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        for d in synthetic_corpus(n):
            out.write(json.dumps({"id": d.doc_origin, "date": d.published.isoformat(), "text": d.text},
                                 ensure_ascii=False) + "\n")
    tmp.replace(path)


class PeakMemory:
    """Peak summed RSS of a process and all its descendants, sampled in a thread; also the
    peaks of the process alone (the writer) and of its descendants (the workers), and when
    the whole peaked (seconds from the start), to tell which side grows."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.peak = 0
        self.parent_peak = 0
        self.children_peak = 0
        self.peak_at = 0.0
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._proc = psutil.Process(pid)
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.is_set():
            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
            except psutil.Error:
                break
            rss = [0] * len(procs)
            for k, p in enumerate(procs):
                with contextlib.suppress(psutil.Error):  # the process ended meanwhile
                    rss[k] = p.memory_info().rss
            total, parent = sum(rss), rss[0]
            if total > self.peak:
                self.peak, self.peak_at = total, time.perf_counter() - self._start
            self.parent_peak = max(self.parent_peak, parent)
            self.children_peak = max(self.children_peak, total - parent)
            self._stop.wait(every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_one(out: Path, engine: str, size: int, workers: int, corpus: Path) -> dict:
    db = out / f"{engine}-{size}.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # from an interrupted run: start from an empty store
    code = "from accord.cli.main import app; app()"  # the installed ``accord`` command, with this Python
    cmd = [sys.executable, "-c", code, "run", str(corpus), "--format", "jsonl", "--db", str(db),
           "--processes", str(workers)]
    if engine == "dask":
        cmd += ["--engine", "dask"]
    load = os.getloadavg()[0]  # others' work on the machine slows the run: recorded with it
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    meter = PeakMemory(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    peak = meter.stop()
    if proc.returncode not in (0, 3):  # 3: some documents skipped (listed), the run is complete
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    docs, events = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events"))
    con.close()
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
    return {
        "engine": engine, "size": size, "workers": workers, "wall_s": round(wall, 1),
        "articles_per_s": round(docs / wall, 2), "words_per_s": round(words / wall),
        "peak_mb": round(peak / 2**20), "peak_writer_mb": round(meter.parent_peak / 2**20),
        "peak_workers_mb": round(meter.children_peak / 2**20), "peak_at_s": round(meter.peak_at, 1),
        "documents": docs, "events": events,
        "load_before": round(load, 2), "cpus": os.cpu_count(),
        "exit": proc.returncode, "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def report(results: list[dict]) -> str:
    lines = ["| engine | workers | articles | wall s | articles/s | load before | peak MB | writer / workers MB "
             "| per day, 2 cores | per day, 64 cores |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in sorted(results, key=lambda r: (r["engine"], r["size"])):
        per_worker = r["articles_per_s"] / r["workers"]
        apart = (f"{r['peak_writer_mb']:,} / {r['peak_workers_mb']:,}" if "peak_writer_mb" in r
                 else "-")  # recorded since the writer and the workers are sampled apart
        lines.append(f"| {r['engine']} | {r['workers']} | {r['documents']:,} | {r['wall_s']} | "
                     f"{r['articles_per_s']} | {r['load_before']} | {r['peak_mb']:,} | {apart} | "
                     f"{per_worker * 2 * 86400:,.0f} | {per_worker * 64 * 86400:,.0f} |")
    by_engine: dict[str, list[dict]] = {}
    for r in results:
        by_engine.setdefault(r["engine"], []).append(r)
    for engine, rs in sorted(by_engine.items()):
        big = [r for r in rs if r["size"] >= 10_000]
        if len(big) > 1:
            lo, hi = min(r["peak_mb"] for r in big), max(r["peak_mb"] for r in big)
            lines.append(f"{engine}: peak memory {lo:,}-{hi:,} MB from 10,000 articles up "
                         f"({(hi / lo - 1) * 100:.0f}% apart; the issue asks for within 20%)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder for the corpus, the stores and results.jsonl")
    ap.add_argument("--sizes", default="1000,5000", help="comma-separated article counts")
    ap.add_argument("--engines", default="local,dask")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep-stores", action="store_true", help="keep each size's store (large at 100k)")
    ap.add_argument("--report", action="store_true", help="print the table of what is recorded and stop")
    args = ap.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    results_path = args.out / "results.jsonl"
    results = [json.loads(x) for x in results_path.open(encoding="utf-8")] if results_path.exists() else []
    if not args.report:
        sizes = sorted(int(s) for s in args.sizes.split(","))
        for size in sizes:
            corpus = args.out / f"corpus-{size}.jsonl"
            write_corpus(corpus, size)
            for engine in args.engines.split(","):
                if any(r["engine"] == engine and r["size"] == size and r["workers"] == args.workers
                       for r in results):
                    continue  # done in an earlier call
                result = run_one(args.out, engine, size, args.workers, corpus)
                results.append(result)
                with results_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(result) + "\n")
                print(json.dumps(result), flush=True)
                if not args.keep_stores:
                    (args.out / f"{engine}-{size}.duckdb").unlink(missing_ok=True)
    print(report(results))


if __name__ == "__main__":
    main()
