"""What `accord eval` runs: the pipeline over gold data, then the scorers in
``accord.evaluate.scoring``. Printing helpers take a Rich console from the CLI.

The gold's location is the caller's to give: the library never guesses a folder outside the
package (``accord eval`` defaults to ``../shared/gold/...`` seen from the working directory).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import InputError
from accord.model import CodedDocument, Document, Problem

if TYPE_CHECKING:
    from accord.evaluate.plv import PlvPair

@dataclass(slots=True)
class EvalResult:
    kind: str
    scores: dict[str, Any] = field(default_factory=dict)  # name -> scorer result object
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "notes": self.notes,
                **{k: (v.to_dict() if hasattr(v, "to_dict") else v) for k, v in self.scores.items()}}


def code_paths(paths: Iterable[Path | str], n_process: int = 1) -> tuple[list[CodedDocument], list[Problem]]:
    from accord.ingest import iter_documents

    problems: list[Problem] = []
    docs: list[Document] = []
    for item in iter_documents(paths):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            docs.append(item)
    return code_batch(docs, n_process), problems


def code_batch(docs: list[Document], n_process: int = 1) -> list[CodedDocument]:
    """Code ``docs`` in order. Workers are used only when each gets eight documents or more
    (starting one costs more than coding a few), and the chunks are cut small enough that every
    worker gets some (a few dozen long stories would otherwise be one worker's chunk)."""
    from accord.pipeline import PipelineOptions, code_documents

    n_process = max(1, min(n_process, len(docs) // 8))
    chunk = max(1, min(64, -(-len(docs) // (4 * n_process)))) if n_process > 1 else 64
    return list(code_documents(docs, PipelineOptions(n_process=n_process, chunk_size=chunk)))


def eval_processes() -> int:
    """Processes for the larger gold sets: the machine's cores, at most four (each loads spaCy)."""
    return max(1, min(os.cpu_count() or 1, 4))


def _records(coded: list[CodedDocument]) -> list[dict]:
    from accord.export.events import event_record

    return [event_record(ev, c.document) for c in coded for ev in c.events]


def _actor_records(coded: list[CodedDocument]) -> list[dict]:
    """One record per (document, entity): the country and sector best supported by its mentions
    (summed confidence), and the words it was named by as aliases (not pronouns or descriptions,
    which are not names)."""
    from collections import defaultdict

    support: dict[tuple[str, str], dict[tuple, float]] = defaultdict(lambda: defaultdict(float))
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in coded:
        for a in c.actors:
            if not a.entity:
                continue
            key = (c.document.doc_origin, a.entity)
            support[key][(a.country, a.sector)] += a.confidence
            if not a.reason.startswith(("pronoun", "quote speaker", "description")):
                text = a.text[4:] if a.text.lower().startswith("the ") else a.text
                aliases[key].add(text)
    out = []
    for (doc, entity), votes in support.items():
        (country, sector), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0][0] is not None, kv[0][1] is not None))
        out.append({"doc": doc, "entity": entity, "country": country, "sector": sector,
                    "aliases": sorted(aliases[(doc, entity)] - {entity})})
    return out


def _need(path: Path | None, what: str) -> Path:
    if path is None:
        raise InputError(f"{what} not given; pass --gold PATH (the gold lives in ../shared/gold)")
    if not path.exists():
        raise InputError(f"{path}: {what} not found; pass --gold PATH (the gold lives in ../shared/gold)")
    return path


def _seed_articles(gold_dir: Path, fallback: Path | None) -> Path:
    """The articles a seeds gold directory describes: ``shared/seeds`` beside ``shared/gold/seeds``,
    else ``fallback`` (the CLI's: the copies in ``examples/seeds``)."""
    beside = gold_dir.parent.parent / "seeds"
    if beside.is_dir():
        return beside
    if fallback is None:
        raise InputError(f"{gold_dir}: no articles beside the seeds gold ({beside}); pass --docs PATH")
    return fallback


def _metadata(d: Document) -> dict:
    return {"doc_origin": d.doc_origin, "date": d.published.isoformat() if d.published else None,
            "title": d.title, "author": d.author, "source": d.source}


def plv_documents(pairs: Iterable[PlvPair], path: Path) -> tuple[list[Document], list[Problem], dict[str, str]]:
    """One Document per distinct sentence of the PLV pairs, read through the ingest record path
    (as a JSONL record ``{"id": "plv-PAIR", "text": SENTENCE}``, so ingest features such as
    dateline handling apply), with the ``doc_origin`` -> sentence map. The sentences carry no
    date; that Problem is dropped, any other is returned."""
    from accord.ingest.options import ColumnMap
    from accord.ingest.records import record_to_document

    documents: list[Document] = []
    problems: list[Problem] = []
    sentence_of: dict[str, str] = {}
    seen: set[str] = set()
    for pair in pairs:
        if pair.sentence in seen:
            continue
        seen.add(pair.sentence)
        record = {"id": f"plv-{pair.pair}", "text": pair.sentence}
        items = list(record_to_document(record, origin=str(path), name=Path(path).name, line=pair.line,
                                        columns=ColumnMap(), max_chars=1_000_000))
        found = [d for d in items if isinstance(d, Document)]
        for d in found:
            documents.append(d)
            sentence_of[d.doc_origin] = pair.sentence
        problems += [p for p in items if isinstance(p, Problem) and not (found and _no_date(p))]
    return documents, problems, sentence_of


def _no_date(problem: Problem) -> bool:
    return problem.action != "skipped" and "date" in problem.message


EVAL_KINDS: tuple[str, ...] = ("seeds", "voa", "plv", "plover", "timex", "actors", "documents", "dedup")


def evaluate(kind: str, gold: Path | None, docs: Path | None, *, limit: int | None = None,
             articles: Path | None = None) -> EvalResult:
    """Score ``kind`` against the gold at ``gold`` (every kind but ``dedup``, whose benchmark
    ships with accord, needs one). ``docs``: the articles or stories to code instead of the
    gold's own; ``articles``: the seed articles to use when none lie beside a seeds gold."""
    from accord.evaluate import scoring as ev

    if gold is None and kind in EVAL_KINDS and kind != "dedup":
        raise InputError(f"accord eval {kind} needs the gold: pass --gold PATH")
    if kind == "seeds":
        gold_dir = _need(gold, "seeds gold")
        if gold_dir.is_file():
            gold_dir = gold_dir.parent
        docs_dir = docs or _seed_articles(gold_dir, articles)
        coded, problems = code_paths([docs_dir])
        result = EvalResult("seeds", notes=[f"documents: {docs_dir}"] + [str(p) for p in problems])
        result.scores["events"] = ev.score_seed_events(_records(coded), gold_dir / "events.jsonl")
        if (gold_dir / "actors.jsonl").exists():
            result.scores["actors"] = ev.score_actors(_actor_records(coded), gold_dir / "actors.jsonl")
        if (gold_dir / "documents.jsonl").exists():
            metas = [_metadata(c.document) for c in coded]
            result.scores["documents"] = ev.score_documents(metas, gold_dir / "documents.jsonl")
        return result
    if kind == "actors":
        path = _need(gold, "actors gold")
        coded, _ = code_paths([docs or _seed_articles(path.parent, articles)])
        return EvalResult("actors", {"actors": ev.score_actors(_actor_records(coded), path)})
    if kind == "documents":
        path = _need(gold, "documents gold")
        from accord.ingest import read_all

        res = read_all([docs or _seed_articles(path.parent, articles)])
        metas = [_metadata(d) for d in res.documents]
        return EvalResult("documents", {"documents": ev.score_documents(metas, path)})
    if kind == "plover":
        path = _need(gold, "PLOVER gold")
        sentences = ev.load_plover_gold(path)
        from accord.ingest import document_id
        from accord.pipeline import PipelineOptions, code_documents

        documents = [Document(id=document_id(s.text) + s.id[-4:], text=s.text, doc_origin=s.id, origin=str(path))
                     for s in sentences]
        coded = list(code_documents(documents, PipelineOptions()))
        preds = {c.document.doc_origin: _records([c]) for c in coded}
        return EvalResult("plover", {"plover": ev.score_plover(preds, sentences)})
    if kind == "voa":
        gold_dir = _need(gold, "VOA gold")
        if gold_dir.is_file():
            gold_dir = gold_dir.parent
        stories = _need(docs or gold_dir / "stories.jsonl", "VOA stories (stories.jsonl)")
        events_path = _need(gold_dir / "events.jsonl", "VOA gold events (events.jsonl)")
        coded, problems = code_paths([stories], eval_processes())
        result = EvalResult("voa", notes=[f"documents: {stories} ({len(coded)} stories)"] + [str(p) for p in problems])
        scope = {c.document.doc_origin for c in coded}
        result.scores["events"] = ev.score_seed_events(_records(coded), events_path, docs=scope)
        return result
    if kind == "plv":
        from accord.evaluate.plv import load_plv_gold, score_plv

        path = _need(gold, "PLV gold")
        if path.is_dir():
            path = _need(path / "train.tsv", "PLV gold (train.tsv)")
        pairs = load_plv_gold(path)
        documents, problems, sentence_of = plv_documents(pairs, path)
        coded = code_batch(documents, eval_processes())
        predictions: dict[str, list[dict]] = {}
        for c in coded:
            predictions.setdefault(sentence_of[c.document.doc_origin], []).extend(_records([c]))
        result = EvalResult("plv", notes=[f"gold: {path} ({len(pairs)} pairs, {len(documents)} sentences)"]
                            + [str(p) for p in problems])
        result.scores["plv"] = score_plv(pairs, predictions)
        return result
    if kind == "timex":
        from accord.evaluate.timex import evaluate_timex

        path = _need(gold, "TimeML gold")
        return EvalResult("timex", {"timex": evaluate_timex(path, limit=limit)})
    if kind == "dedup":
        from accord.evaluate.dedup import evaluate_dedup

        return EvalResult("dedup", {"dedup": evaluate_dedup(gold)})
    raise InputError(f"unknown evaluation {kind!r}; use one of {', '.join(EVAL_KINDS)}")


# --------------------------------------------------------------------------- printing


def _prf_row(name: str, prf) -> tuple[str, ...]:
    return (name, str(prf.tp), str(prf.fp), str(prf.fn), f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}")


def print_scores(console, kind: str, result: EvalResult, *, errors: bool = False) -> None:
    from rich.table import Table

    for note in result.notes:
        console.print(f"[dim]{note}[/]", highlight=False)
    for name, s in result.scores.items():
        if name == "plv":
            print_plv(console, s, errors=errors)
            continue
        d = s.to_dict() if hasattr(s, "to_dict") else s
        table = Table(title=f"{kind}: {name}")
        for col in ("level", "tp", "fp", "fn", "P", "R", "F1"):
            table.add_column(col)
        prfs = {k: v for k, v in vars_of(s).items() if hasattr(v, "precision")}
        for key, prf in prfs.items():
            table.add_row(*_prf_row(key, prf))
        for key, prf in sorted((getattr(s, "per_type", None) or {}).items()):
            table.add_row(*_prf_row(f"  {key}", prf))
        if prfs:
            console.print(table)
        scalars = {k: v for k, v in d.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        for k, v in d.items():  # per-field figures such as {"accuracy": {"date": 1.0, ...}}
            if isinstance(v, dict) and v and "tp" not in v and all(isinstance(x, (int, float)) for x in v.values()):
                scalars.update({f"{k}.{kk}": vv for kk, vv in v.items()})
        if scalars:
            console.print("  " + " · ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in scalars.items()),
                          highlight=False)
        conf = getattr(s, "confusion", None)
        if conf:
            console.print("  confusion (gold → predicted): " + ", ".join(
                f"{g}→{p} {n}" for (g, p), n in sorted(conf.items(), key=lambda kv: -kv[1]) if g != p), highlight=False)
        errs = getattr(s, "errors", None) or getattr(s, "mismatches", None)
        if errors and errs:
            console.rule(f"{name}: {len(errs)} error(s)")
            for e in errs:
                e = asdict(e) if hasattr(e, "__dataclass_fields__") else e
                console.print(f"[bold]{e.get('kind', '')}[/] {e.get('doc', '')} {e.get('gold_id') or ''} "
                              f"{e.get('gold_type') or ''}→{e.get('predicted_type') or ''} {e.get('detail') or ''}\n"
                              f"    [dim]{(e.get('text') or '')[:220]}[/]", highlight=False)


def print_plv(console, s, *, errors: bool = False) -> None:
    """The PLV table (per label and in all), then with ``errors`` every pair missed on type and
    every pair missed on participants, with the marked sentence and what was predicted."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"plv: {s.overall.n} pairs over {s.sentences} sentences, {s.events} events")
    for col in ("label", "n", "type hit", "no event", "participants"):
        table.add_column(col, justify="left" if col == "label" else "right")

    def row(label: str, c, style: str | None = None) -> None:
        table.add_row(label, str(c.n), f"{c.type_hit:.3f}", f"{c.no_event:.3f}", f"{c.participants:.3f}", style=style)

    for label, c in sorted(s.per_label.items(), key=lambda kv: (-kv[1].n, kv[0])):
        row(label, c)
    table.add_section()
    row("all", s.overall, "bold")
    console.print(table)
    console.print(f"  type_hit {s.overall.type_hit:.3f} · no_event {s.overall.no_event:.3f} · "
                  f"participants {s.overall.participants:.3f} · pairs with no marked target (source checked alone) "
                  f"{s.target_unmarked}", highlight=False)
    if not errors:
        return
    for kind, title in (("type", "missed on type"), ("participants", "type hit, sides not named")):
        misses = [e for e in s.errors if e.kind == kind]
        console.rule(f"plv: {len(misses)} pair(s) {title}")
        for e in misses:
            console.print(Text.assemble((f"{e.label}", "bold"), f" pair {e.pair}  ", (e.marked_sentence, "dim")))
            for p in e.predicted or ("no event",):
                console.print(Text("    " + p))


def vars_of(obj) -> dict[str, Any]:
    if hasattr(obj, "__dataclass_fields__"):
        return {k: getattr(obj, k) for k in obj.__dataclass_fields__}
    return dict(obj) if isinstance(obj, dict) else {}
