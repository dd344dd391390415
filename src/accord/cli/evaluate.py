"""``accord eval`` (score against gold data) and ``accord bench`` (throughput, API latency).

The gold paths' defaults live here, not in the library: ``../shared/gold/...`` seen from the
working directory (a checkout's root), where the project keeps its development gold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.common import JsonOpt, err, fail, failing, out
from accord.errors import InputError

# Where the development gold lives, seen from a checkout's root: ``../shared/gold``. Each kind's
# default under it; ``dedup`` has none (its benchmark ships inside the package).
GOLD_ROOT = Path("..") / "shared" / "gold"
DEFAULT_GOLD = {
    "seeds": "seeds",
    "actors": "seeds/actors.jsonl",
    "documents": "seeds/documents.jsonl",
    "plover": "plover_gsr/dev.json",
    "voa": "voa_dev",
    "plv": "plv/train.tsv",
    "timex": "tempeval3/TBAQ-cleaned",
}
# the seed articles when no ``seeds`` folder lies beside the seeds gold: the checkout's copies
EXAMPLE_ARTICLES = Path("examples") / "seeds"


def default_gold(kind: str) -> Path | None:
    """The gold ``accord eval KIND`` reads without --gold, as an absolute path (None: the kind
    needs none, or is unknown and the library says so); missing, a clear error."""
    if kind not in DEFAULT_GOLD:
        return None
    path = (GOLD_ROOT / DEFAULT_GOLD[kind]).resolve()
    if not path.exists():
        fail(InputError(f"{path}: no {kind} gold there (the default, {GOLD_ROOT / DEFAULT_GOLD[kind]} "
                        "from the working directory); pass --gold PATH"))
    return path


def eval_(
    kind: Annotated[str, typer.Argument(help="seeds (default), voa (40 VOA stories), plv (PLV sentence pairs), "
                                              "plover, timex, actors, documents or dedup.")] = "seeds",
    gold: Annotated[Path | None, typer.Option(help="Gold directory or file (default: ../shared/gold/..., "
                                                     "e.g. voa_dev, plv/train.tsv).")] = None,
    docs: Annotated[Path | None, typer.Option(help="Articles the seeds gold refers to (default: next to the gold, "
                                                     "else examples/seeds); for voa, the stories JSONL.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List each miss, false alarm, duplicate and wrong side "
                                                          "with its sentence.")] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N gold files (timex).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score accord against gold data (see event-guide.md, "Scoring").

    voa codes the VOA stories and scores them like the seeds; plv reports, per label, how
    often a sentence's events include the pair's label and name its marked source and target.

    Example: accord eval --gold ../shared/gold/seeds --errors

    Example: accord eval plv --gold ../shared/gold/plv/train.tsv --errors
    """
    from accord.evaluate import runs

    with failing():
        result = runs.evaluate(kind, gold or default_gold(kind), docs, limit=limit,
                               articles=EXAMPLE_ARTICLES.resolve() if EXAMPLE_ARTICLES.is_dir() else None)
    if as_json:
        print(json.dumps(result.to_dict(), default=str, ensure_ascii=False))
        return
    runs.print_scores(out, kind, result, errors=errors)


def bench(
    what: Annotated[str, typer.Argument(help="throughput (the pipeline against spaCy) or api "
                                             "(latency of `accord serve` on a synthetic store).")] = "throughput",
    docs: Annotated[int, typer.Option(help="Articles in the synthetic corpus (throughput).")] = 2000,
    processes: Annotated[int, typer.Option(help="Processes for both runs (default: one per core, as accord run).")] = 0,
    events: Annotated[int, typer.Option(help="Events in the synthetic store (api).")] = 100_000,
    requests: Annotated[int, typer.Option(help="Requests timed per endpoint (api).")] = 100,
    store: Annotated[Path | None, typer.Option(
        help="Synthetic store to build or reuse (api; default: a temporary file).")] = None,
    same_gemm: Annotated[bool, typer.Option(
        "--same-gemm", help="Give the ceiling accord's matrix products (numpy's BLAS, not spaCy's blis): "
                            "the ratio then counts only what accord adds (throughput).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Throughput of spaCy's own nlp.pipe vs the whole accord run (ingest, coding, writes to a
    new store) on the same corpus, with accord's seconds per stage, or (``api``) p50/p95
    latency of the API's events list, one dyad's analytics and one event page
    over a synthetic store, and the dashboard's first paint.

    Example: accord bench --docs 2000

    Example: accord bench --docs 2000 --processes 1 --same-gemm

    Example: accord bench api --events 100000
    """
    if what == "api":
        _bench_api(events, requests, store, as_json)
        return
    if what != "throughput":
        raise typer.BadParameter(f"bench takes throughput or api, not {what!r}")
    from accord import bench

    with failing():
        result = bench.throughput(docs, processes or None, progress=None if as_json else err, same_gemm=same_gemm)
    if as_json:
        print(json.dumps(result.to_dict()))
        return
    bench.print_bench(out, result)


def _bench_api(events: int, requests: int, store: Path | None, as_json: bool) -> None:
    import tempfile

    from rich.table import Table

    from accord.serve import bench as api_bench

    with tempfile.TemporaryDirectory(prefix="accord-bench-api-") as tmp:
        db = store or Path(tmp) / "synthetic.duckdb"
        with failing():
            if store is None or not store.exists():
                err.print(f"building a synthetic store of {events:,} events in {db}...", highlight=False)
                api_bench.build_store(db, events)
            result = api_bench.run(db, requests, progress=None if as_json else (
                lambda t: err.print(f"  {t['name']}: p95 {t['p95_ms']} ms", highlight=False)))
    if as_json:
        print(json.dumps(result))
        return
    table = Table(title=f"accord serve on {result['store']['events']:,} events, {requests} requests each")
    for col in ("request", "first ms", "p50 ms", "p95 ms", "max ms", "p95 < 100 ms"):
        table.add_column(col)
    for t in result["timings"]:
        table.add_row(t["name"], f"{t['first_ms']:.1f}", f"{t['p50_ms']:.1f}", f"{t['p95_ms']:.1f}",
                      f"{t['max_ms']:.1f}", "yes" if t["p95_ms"] < 100 else "no")
    out.print(table)
    paint = result.get("dashboard")
    if paint is None:
        out.print("dashboard paint: not measured (needs playwright and /usr/bin/chromium)")
    else:
        for name, p in paint.items():
            out.print(f"dashboard, {name}: first contentful paint {p['first_contentful_paint_ms']} ms, "
                      f"every view drawn {p['all_views_drawn_ms']} ms", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``eval`` and ``bench`` to the ``accord`` app."""
    app.command("eval")(eval_)
    app.command("bench")(bench)
