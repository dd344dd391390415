"""What `accord bench` runs: the whole run (``pipeline.run``: ingest from a JSONL file, coding,
writes to a fresh store) over a synthetic corpus made from the example articles, timed against
spaCy's own parse of the same texts with the same model (the ceiling), and where accord's time
goes, stage by stage (``pipeline.StageTimes``).

The paragraphs it samples ship inside the package (``data/bench_paragraphs.json``), so an
installed accord benches without a checkout. They are the seed articles' paragraphs; after a
change to ``examples/seeds`` or to how ingest reads them, rebuild them from a checkout's root:

    python -m accord.bench --write-paragraphs examples/seeds
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import resource
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import AccordError, InputError
from accord.model import Document

PARAGRAPHS = Path(__file__).resolve().parent / "data" / "bench_paragraphs.json"


@dataclass(slots=True)
class BenchResult:
    documents: int
    words: int
    processes: int
    spacy_seconds: float
    accord_seconds: float
    events: int
    peak_rss_mb: float
    # seconds per stage (``pipeline.STAGE_NAMES``), summed over the processes that ran it
    stages: dict[str, float] = field(default_factory=dict)
    # seconds of work in another thread while the stages ran (``StageTimes.beside``: the
    # writer thread's commits; the ``writes`` stage is what the run waited for them)
    beside: dict[str, float] = field(default_factory=dict)
    # how the ceiling multiplied matrices: "blis" (spaCy as shipped) or "numpy" (as accord's
    # parse does, ``accord.nlp.matmul``; ``same_gemm``): the ratio of accord's own work
    ceiling_gemm: str = "blis"

    @property
    def spacy_docs_per_s(self) -> float:
        return self.documents / self.spacy_seconds

    @property
    def accord_docs_per_s(self) -> float:
        return self.documents / self.accord_seconds

    @property
    def ratio(self) -> float:
        return self.spacy_seconds / self.accord_seconds

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "spacy_docs_per_s": self.spacy_docs_per_s, "accord_docs_per_s": self.accord_docs_per_s,
                "spacy_words_per_s": self.words / self.spacy_seconds, "accord_words_per_s": self.words / self.accord_seconds,
                "ratio": self.ratio}


def seed_paragraphs(documents: list[Document]) -> list[str]:
    """The paragraphs of ``documents`` long enough to sample (more than eight words), in order."""
    return [p for d in documents for p in d.nlp_text().split("\n\n") if len(p.split()) > 8]


def bench_paragraphs() -> list[str]:
    """The shipped paragraphs the synthetic corpus is made of."""
    try:
        paragraphs = json.loads(PARAGRAPHS.read_text(encoding="utf-8"))["paragraphs"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{PARAGRAPHS}: the benchmark's paragraphs cannot be read ({exc}); reinstall accord") from None
    if not paragraphs:
        raise InputError(f"{PARAGRAPHS}: no paragraphs to build the benchmark corpus from")
    return paragraphs


def write_paragraphs(articles: Path, target: Path = PARAGRAPHS) -> int:
    """Rebuild ``target`` from the seed articles in ``articles``; the number of paragraphs."""
    from accord.ingest import read_all

    paragraphs = seed_paragraphs(read_all([articles]).documents)
    if not paragraphs:
        raise InputError(f"{articles}: no seed articles to build the benchmark corpus from")
    data = {"about": "Paragraphs of the seed articles (examples/seeds) that `accord bench` samples; "
                     "rebuild with: python -m accord.bench --write-paragraphs examples/seeds",
            "paragraphs": paragraphs}
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(paragraphs)


def synthetic_corpus(n: int, seed: int = 13) -> list[Document]:
    """``n`` articles made from the seeds' paragraphs, shuffled, each with its own id and date."""
    from accord.ingest import document_id

    paragraphs = bench_paragraphs()
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        k = rng.randint(4, 8)
        text = "\n\n".join(rng.sample(paragraphs, min(k, len(paragraphs))))
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2200))
        docs.append(Document(id=document_id(f"{i}\n{text}"), text=text, published=day, date_source="synthetic",
                             doc_origin=f"bench-{i:05d}", origin="bench"))
    return docs


def write_jsonl(docs: list[Document], path: Path) -> None:
    """``docs`` as the JSONL records ``accord run`` reads (id, date, text)."""
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"id": d.doc_origin, "date": d.published.isoformat() if d.published else None,
                                  "text": d.text}, ensure_ascii=False) + "\n")


def throughput(n_docs: int = 2000, processes: int | None = None, progress=None,
               same_gemm: bool = False) -> BenchResult:
    """spaCy's ``nlp.pipe`` over the corpus, then ``accord run`` over the same corpus as a JSONL
    file into a new store in a temporary folder, each with its models loaded before the timer.

    The ceiling is spaCy as shipped, whose matrix products run on blis; accord's parse runs
    them on numpy's BLAS, one thread a process (``accord.nlp.matmul``: same annotations, about a
    fifth less time). ``same_gemm`` gives the ceiling accord's products too: the ratio then
    measures only what accord adds to the parse."""
    from accord.nlp.loader import load_model
    from accord.nlp.matmul import one_blas_thread, use_numpy_blas
    from accord.pipeline import PipelineOptions, StageTimes, auto_processes, prepare, run

    processes = processes or auto_processes()  # as many as ``accord run`` starts by default
    docs = synthetic_corpus(n_docs)
    words = sum(len(d.text.split()) for d in docs)
    if progress is not None:
        progress.print(f"corpus: {len(docs)} articles, {words:,} words; {processes} process(es)")
    nlp = load_model()
    if same_gemm:
        use_numpy_blas(nlp)
    t0 = time.perf_counter()
    with one_blas_thread() if same_gemm else contextlib.nullcontext():  # (forked workers inherit it)
        for _ in nlp.pipe((d.text for d in docs), batch_size=64, n_process=processes):
            pass
    spacy_s = time.perf_counter() - t0
    if progress is not None:
        progress.print(f"spaCy nlp.pipe: {spacy_s:.1f} s")
    del nlp
    prepare()  # like spaCy's model above: loaded before the timer (workers fork with it loaded)
    times = StageTimes()
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(docs, corpus)
        t0 = time.perf_counter()
        report = run([corpus], Path(tmp) / "bench.duckdb", options=PipelineOptions(n_process=processes), times=times)
        accord_s = time.perf_counter() - t0
    if report.documents != len(docs):
        raise AccordError(f"the benchmark stored {report.documents} of its {len(docs)} articles: "
                         + "; ".join(str(p) for p in report.problems[:3]))
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return BenchResult(len(docs), words, processes, spacy_s, accord_s, report.events, rss / 1024, dict(times.seconds),
                       dict(times.beside), "numpy" if same_gemm else "blis")


def coding_cpu(n_docs: int = 500, repeats: int = 3) -> tuple[float, dict[str, float]]:
    """CPU seconds of the coding stages alone (``actors``, ``dates``, ``events``: what
    ``Coder._code`` runs) over ``n_docs`` bench articles parsed once beforehand: the least of
    ``repeats`` passes, with that pass's seconds per stage. What a change to the rules saves,
    apart from the parse and, being CPU time, less swayed by other work on a shared machine
    than ``throughput``'s wall times. Each pass starts from the docs as the parse left them
    (what the coding keeps in a doc is built anew)."""
    from accord.pipeline import Coder, StageTimes, guard_sentences

    docs = synthetic_corpus(n_docs)
    coder = Coder()
    parsed = coder._parse([guard_sentences(d)[0] for d in docs], 64)
    left = [dict(doc.user_data) for doc in parsed]
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(repeats):
        for doc, data in zip(parsed, left, strict=True):
            doc.user_data.clear()
            doc.user_data.update(data)
        times = StageTimes()
        started = time.process_time()
        for doc, document in zip(parsed, docs, strict=True):
            coder._code(doc, document, times)
        cpu = time.process_time() - started
        if best is None or cpu < best[0]:
            best = (cpu, dict(times.seconds))
    if best is None:
        raise AccordError("coding_cpu needs at least one pass")
    return best


def parse_cpu(n_docs: int = 500, repeats: int = 3) -> float:
    """CPU seconds of the parse stage alone (``Coder._parse``: spaCy's model with accord's
    components, each article's paragraphs joined into one doc) over ``n_docs`` bench articles,
    64 at a time as a run parses them: the least of ``repeats`` passes. Beside ``coding_cpu``:
    what a change to accord's components of the parse saves, on the same terms."""
    from accord.pipeline import Coder, guard_sentences

    texts = [guard_sentences(d)[0] for d in synthetic_corpus(n_docs)]
    coder = Coder()
    best: float | None = None
    for _ in range(repeats):
        started = time.process_time()
        for k in range(0, len(texts), 64):
            coder._parse(texts[k:k + 64], 64)
        cpu = time.process_time() - started
        best = cpu if best is None else min(best, cpu)
    if best is None:
        raise AccordError("parse_cpu needs at least one pass")
    return best


def writes_cpu(n_docs: int = 600, batch: int = 100, repeats: int = 3) -> dict[str, float]:
    """CPU seconds of the run's writes alone: ``n_docs`` bench articles coded once, then written
    into a new store ``batch`` at a time as the run's writer thread does (``Store.open`` with
    the batch's memory and threads, ``write_many``, ``close``), per step (``open``, ``write``,
    ``close``): the least of ``repeats`` passes for each. Beside ``coding_cpu``: what a change
    to the writes saves, on the same terms (the coding does not run beside them here)."""
    from accord.pipeline import EXTRACTOR_VERSION, Coder
    from accord.store import CodingRecord, Store
    from accord.store.db import BATCH_MEMORY, BATCH_THREADS

    coded = Coder().code(synthetic_corpus(n_docs))
    best: dict[str, float] = {}
    for _ in range(repeats):
        spent = {"open": 0.0, "write": 0.0, "close": 0.0}
        with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
            db = Path(tmp) / "bench.duckdb"
            Store.open(db).close()  # created and migrated outside the timing, as ``run`` does
            for k in range(0, len(coded), batch):
                part = coded[k:k + batch]
                t0 = time.thread_time()
                store = Store.open(db, memory_limit=BATCH_MEMORY, threads=BATCH_THREADS)
                t1 = time.thread_time()
                store.write_many(part, extractor_version=EXTRACTOR_VERSION, coding_keys=[""] * len(part),
                                 coding=[CodingRecord("code", "lexicon", ("word",))] * len(part))
                t2 = time.thread_time()
                store.close()
                t3 = time.thread_time()
                spent["open"] += t1 - t0
                spent["write"] += t2 - t1
                spent["close"] += t3 - t2
        best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    return best


def print_bench(console, r: BenchResult) -> None:
    from rich.table import Table

    from accord.pipeline import STAGE_NAMES

    table = Table(title=f"accord bench: {r.documents} articles, {r.words:,} words, {r.processes} process(es)")
    for col in ("run", "seconds", "docs/s", "words/s"):
        table.add_column(col)
    ceiling = "spaCy nlp.pipe (ceiling" + (", numpy BLAS like accord)" if r.ceiling_gemm == "numpy" else ")")
    table.add_row(ceiling, f"{r.spacy_seconds:.1f}", f"{r.spacy_docs_per_s:.1f}",
                  f"{r.words / r.spacy_seconds:,.0f}")
    table.add_row("accord run (ingest, coding, writes)", f"{r.accord_seconds:.1f}", f"{r.accord_docs_per_s:.1f}",
                  f"{r.words / r.accord_seconds:,.0f}")
    console.print(table)
    console.print(f"ratio accord/spaCy: [bold]{r.ratio:.0%}[/] · events: {r.events} · "
                  f"peak RSS (largest process): {r.peak_rss_mb:,.0f} MB")
    if r.ceiling_gemm != "numpy":
        console.print("accord's parse multiplies matrices with numpy's BLAS, spaCy as shipped with blis "
                      "(same annotations); --same-gemm gives the ceiling numpy's too")
    summed = sum(r.stages.values())
    stages = Table(title="accord's time by stage" + (f" (summed over {r.processes} processes)" if r.processes > 1 else ""))
    for col in ("stage", "seconds", "share", "ms per article"):
        stages.add_column(col)
    for name in (*STAGE_NAMES, *sorted(set(r.stages) - set(STAGE_NAMES))):
        if name in r.stages:
            s = r.stages[name]
            stages.add_row(name, f"{s:.2f}", f"{s / summed:.0%}" if summed else "-", f"{1000 * s / r.documents:.2f}")
    if r.processes == 1:  # with workers the stages overlap in time: their sum is not the wall time
        rest = max(r.accord_seconds - summed, 0.0)
        stages.add_row("outside the stages", f"{rest:.2f}", f"{rest / r.accord_seconds:.0%}", "")
    console.print(stages)
    for name, s in sorted(r.beside.items()):
        console.print(f"{name} in a thread beside the coding (not in the table: the run waited "
                      f"{r.stages.get(name, 0.0):.2f} s of it): {s:.2f} s")


if __name__ == "__main__":  # pragma: no cover - the maintainer's tools: the shipped paragraphs, the rules' CPU
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--coding-cpu":  # the rules' CPU seconds (``coding_cpu``)
        cpu, stages = coding_cpu(int(sys.argv[2]))
        print(f"coding CPU over {sys.argv[2]} pre-parsed articles (min of 3): {cpu:.2f} s; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    elif len(sys.argv) == 3 and sys.argv[1] == "--parse-cpu":  # the parse stage's CPU seconds (``parse_cpu``)
        print(f"parse CPU over {sys.argv[2]} articles (min of 3): {parse_cpu(int(sys.argv[2])):.2f} s")
    elif len(sys.argv) == 3 and sys.argv[1] == "--writes-cpu":  # the writes' CPU seconds (``writes_cpu``)
        spent = writes_cpu(int(sys.argv[2]))
        print(f"writes CPU over {sys.argv[2]} coded articles, 100 a batch (min of 3): "
              + ", ".join(f"{k} {v:.3f} s" for k, v in spent.items()))
    elif len(sys.argv) == 3 and sys.argv[1] == "--write-paragraphs":
        print(f"{write_paragraphs(Path(sys.argv[2]))} paragraphs written to {PARAGRAPHS}")
    else:
        raise SystemExit("usage: python -m accord.bench --write-paragraphs ARTICLES_DIR | --coding-cpu N_ARTICLES"
                         " | --parse-cpu N_ARTICLES | --writes-cpu N_ARTICLES")
