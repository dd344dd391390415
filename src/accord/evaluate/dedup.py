"""``accord eval dedup``: run the real pipeline over the merging benchmark's articles, merge,
and score the merging against its truth clusters.

Lives under evaluation (not in ``accord.dedup``) because it runs ingest and the NLP pipeline:
merging itself never imports them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from accord.dedup import MergeOptions, merge_store, same_event
from accord.dedup.lookups import _names
from accord.dedup.rule import _enrich, _Names
from accord.errors import InputError
from accord.model import Event, Span
from accord.store import Store

__all__ = ["BENCH_DIR", "DedupScores", "evaluate_dedup"]

BENCH_DIR = Path(__file__).resolve().parents[1] / "data" / "dedup_bench"


@dataclass(frozen=True, slots=True)
class _Truth:
    file: str
    text: str
    cluster: str
    type: str | None = None


@dataclass(slots=True)
class DedupScores:
    """Pairwise merge scores over truth-labelled mentions (``accord eval dedup``).

    A pair of truth mentions is positive when both carry the same cluster; predicted positive
    when both were matched to extracted events in the same merged event. A truth mention that
    no extracted event overlaps (an extractor miss) stays alone, so it costs recall:
    ``merge_*`` repeats the scores over pairs whose mentions were both found, which isolates
    the merging from the extraction.
    """

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    merge_precision: float = 0.0
    merge_recall: float = 0.0
    merge_f1: float = 0.0
    mentions: int = 0
    found: int = 0
    clusters: int = 0
    documents: int = 0
    events: int = 0
    merged_events: int = 0
    extractor_misses: list[str] = field(default_factory=list)
    false_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def errors(self) -> list[dict[str, str]]:
        """Every failure as ``{kind, detail}``, for ``accord eval dedup --errors``."""
        return ([{"kind": "extractor miss", "detail": m} for m in self.extractor_misses]
                + [{"kind": "false merge", "detail": m} for m in self.false_merges]
                + [{"kind": "missed merge", "detail": m} for m in self.missed_merges])


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _load_truth(path: Path) -> list[_Truth]:
    if not path.is_file():
        raise InputError(f"{path}: dedup truth not found; give the benchmark directory (with truth.jsonl and articles/)")
    out: list[_Truth] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append(_Truth(rec["file"], rec["text"], str(rec["cluster"]), rec.get("type")))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a truth record with file, text and cluster ({exc})") from exc
    return out


def evaluate_dedup(corpus_dir: Path | None = None, options: MergeOptions = MergeOptions()) -> DedupScores:
    """Run the real pipeline over the benchmark articles, merge, and score the merging.

    ``corpus_dir`` holds ``articles/`` (seed-format files) and ``truth.jsonl``: one line per
    (file, sentence substring, cluster id[, type]); the extracted event whose mention overlaps
    the substring (preferring the given type) stands for it.
    """
    from accord.ingest import read_all
    from accord.pipeline import PipelineOptions, code_documents

    root = Path(corpus_dir) if corpus_dir is not None else BENCH_DIR
    truth = _load_truth(root / "truth.jsonl")
    result = read_all([root / "articles"])
    scores = DedupScores(notes=[str(p) for p in result.problems])
    with Store.open(":memory:") as store:
        for coded in code_documents(result.documents, PipelineOptions()):
            store.write(coded)
        merge_store(store, options)
        docs = {d.doc_origin: d for d in store.documents()}
        membership = store.merged_membership()
        names = _names(store) if options.infer_countries else _Names()
        events = [_enrich(e, names)[0] for e in store.events()]  # as merging saw them
        scores.events = len(events)
        scores.documents = len(docs)
        scores.merged_events = len(set(membership.values()))
        by_doc: dict[str, list[Event]] = {}
        for e in events:
            by_doc.setdefault(e.doc_id, []).append(e)

        found: list[Event | None] = []
        for t in truth:
            doc = docs.get(t.file)
            if doc is None:
                raise InputError(f"truth names {t.file}, which is not among the benchmark articles")
            start = doc.text.find(t.text)
            if start < 0:
                raise InputError(f"truth text {t.text!r} not found in {t.file}")
            target = Span(start, start + len(t.text), t.text)
            hits = [e for e in by_doc.get(doc.id, []) if any(m.overlaps(target) for m in e.mentions)]
            hits.sort(key=lambda e: (e.type != t.type, -max(_overlap(m, target) for m in e.mentions)))
            found.append(hits[0] if hits else None)
            if not hits:
                scores.extractor_misses.append(f"{t.cluster} {t.file}: no {t.type or 'event'} extracted in {t.text!r}")

        doc_dates = {d.id: d.published for d in docs.values()}
        tp = fp = fn = mtp = mfp = mfn = 0
        for i in range(len(truth)):
            for j in range(i + 1, len(truth)):
                same = truth[i].cluster == truth[j].cluster
                ei, ej = found[i], found[j]
                merged = (ei is not None and ej is not None
                          and membership.get(ei.id) is not None and membership.get(ei.id) == membership.get(ej.id))
                tp += same and merged
                fp += (not same) and merged
                fn += same and not merged
                if ei is None or ej is None:
                    continue
                mtp += same and merged
                mfp += (not same) and merged
                mfn += same and not merged
                label = f"{truth[i].cluster}/{truth[i].file} ~ {truth[j].cluster}/{truth[j].file}"
                if merged and not same:
                    why = "one extracted event" if ei.id == ej.id else "merged"
                    scores.false_merges.append(f"{label}: {why}")
                elif same and not merged:
                    ok, reason = same_event(ei, ej, doc_dates.get(ei.doc_id), doc_dates.get(ej.doc_id), options)
                    if ok:
                        reason = "compatible pair, but a member of one group vetoed the other: " + reason
                    scores.missed_merges.append(f"{label}: {reason}")
    scores.tp, scores.fp, scores.fn = tp, fp, fn
    scores.precision, scores.recall, scores.f1 = _prf(tp, fp, fn)
    scores.merge_precision, scores.merge_recall, scores.merge_f1 = _prf(mtp, mfp, mfn)
    scores.mentions = len(truth)
    scores.found = sum(f is not None for f in found)
    scores.clusters = len({t.cluster for t in truth})
    return scores


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))
