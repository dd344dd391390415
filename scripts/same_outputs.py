"""Check that a change to the pipeline's speed changed none of its outputs.

Codes the seed articles and the first N synthetic bench documents (``accord.bench.synthetic_corpus``)
in one process and writes, per document, every event and every resolved actor (``dataclasses.asdict``)
and the words ``recoding`` keeps for it. Keep a reference from the unchanged code outside the
repository, then compare:

    PYTHONPATH=src python scripts/same_outputs.py --write /tmp/speed-ref.json   # on main
    PYTHONPATH=src python scripts/same_outputs.py --check /tmp/speed-ref.json   # on the branch

``--ignore-ids`` leaves event ids out of the comparison (for a change to the id scheme) and
compares everything else. Event fields that the reference does not have (added since it was
written) are named and not compared; every field it has must be equal.

Exit 0 when identical, 1 (naming the first documents that differ) otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def outputs(n_synthetic: int) -> dict[str, dict]:
    from accord.bench import synthetic_corpus
    from accord.ingest import read_all
    from accord.pipeline import Coded, PipelineOptions, code_stream

    docs = read_all([EXAMPLES]).documents + synthetic_corpus(n_synthetic)
    out: dict[str, dict] = {}
    for d, result in zip(docs, code_stream(docs, PipelineOptions(n_process=1)), strict=True):
        key = f"{d.doc_origin or d.id}"
        if not isinstance(result, Coded):
            out[key] = {"failure": str(result.problem)}
            continue
        out[key] = {"events": [dataclasses.asdict(e) for e in result.coded.events],
                    "actors": [dataclasses.asdict(a) for a in result.coded.actors],
                    "words": list(result.words),
                    "notes": [str(p) for p in result.notes]}
    return json.loads(json.dumps(out, default=str))  # dates and tuples as JSON has them


def _without(docs: dict[str, dict], fields: set[str]) -> dict[str, dict]:
    """``docs`` with ``fields`` left out of every event."""
    return {k: {**v, "events": [{f: x for f, x in e.items() if f not in fields} for e in v["events"]]}
            if "events" in v else v for k, v in docs.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="PATH")
    group.add_argument("--check", metavar="PATH")
    ap.add_argument("--docs", type=int, default=300, help="synthetic bench documents (default 300)")
    ap.add_argument("--ignore-ids", action="store_true", help="compare everything but the event ids")
    args = ap.parse_args()
    t0 = time.process_time()
    got = outputs(args.docs)
    cpu = time.process_time() - t0
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            json.dump(got, fh, sort_keys=True)
        print(f"wrote {len(got)} documents to {args.write} ({cpu:.1f} s CPU)")
        return 0
    with open(args.check, encoding="utf-8") as fh:
        ref = json.load(fh)
    known = {k for v in ref.values() for e in v.get("events", []) for k in e}
    added = sorted({k for v in got.values() for e in v.get("events", []) for k in e} - known) if known else []
    leave_out = set(added) | ({"id"} if args.ignore_ids else set())
    if leave_out:
        ref, got = _without(ref, leave_out), _without(got, leave_out)
    if added:
        print(f"event fields not in the reference, not compared: {', '.join(added)}")
    differ = [k for k in sorted(set(ref) | set(got)) if ref.get(k) != got.get(k)]
    events = sum(len(v.get("events", [])) for v in got.values())
    if differ:
        print(f"{len(differ)} of {len(ref)} documents differ: {', '.join(differ[:10])}")
        return 1
    print(f"identical: {len(got)} documents, {events} events ({cpu:.1f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
