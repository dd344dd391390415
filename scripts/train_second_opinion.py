"""Train accord's second opinion (``accord.coding.second_opinion``) and write the model file.

    .venv/bin/python scripts/train_second_opinion.py            # writes src/accord/data/second_opinion.npz
    .venv/bin/python scripts/train_second_opinion.py --check    # rebuild in memory, compare with the shipped file
    .venv/bin/python scripts/train_second_opinion.py --cv       # held-out figures on the examples, then exit

    .venv/bin/python scripts/train_second_opinion.py --snapshot-lexicon   # first re-copy the lexicon's verbs

Inputs, and nothing else (never the gold files in ../shared/gold):
  scripts/second_opinion_examples.yaml   hand-written verbs by class and bracketed sentences, plus
                                         (section `lexicon`) a copy of the unconditioned verb entries of
                                         src/accord/data/triggers.yaml, refreshed by --snapshot-lexicon
  the pinned spaCy model                 its word vectors (features), its lemmatizer's verb index (the
                                         background: weak NONE examples) and its parser (the sentences)

The model is a multinomial logistic regression (16 PLOVER types + NONE) over the unit word
vector of a verb's lemma, trained by full-batch gradient descent in float64 from zeros, so a
rebuild from the same inputs gives the same numbers. The file records the script, the SHA-256
of its inputs and the spaCy model's name and version; ``--check`` and the tests rebuild and compare.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "scripts" / "second_opinion_examples.yaml"
TRIGGERS = REPO / "src" / "accord" / "data" / "triggers.yaml"
OUT = REPO / "src" / "accord" / "data" / "second_opinion.npz"
SCRIPT = "scripts/train_second_opinion.py"

L2 = 1e-4          # weight decay
STEPS = 800        # gradient steps
RATE = 2.0         # step size
MOMENTUM = 0.9
BACKGROUND = 0.05  # weight of a background verb (weak NONE) against a labelled example
THRESHOLD = 0.8    # the probability the best type needs before the regression speaks (--cv: below it,
                   # held-out words are typed right little more than half the time)
_BRACKET = re.compile(r"\[([^\]]+)\]")


def lexicon_verbs() -> dict[str, list[str]]:
    """The lexicon's unconditioned verb entries by type, as triggers.yaml has them now."""
    from accord.coding.lexicon import _parse

    entries, _, _ = _parse(TRIGGERS.read_text(encoding="utf-8"), TRIGGERS.name)
    out: dict[str, set[str]] = {}
    for t in entries:
        if not t.skip and not t.conditioned and t.pos in ("verb", "any"):
            out.setdefault(t.type, set()).add(t.lemma)
    return {k: sorted(v) for k, v in sorted(out.items())}


def snapshot_lexicon() -> None:
    """Rewrite the `lexicon:` section of the examples file from triggers.yaml (the model reads
    only the examples file, so edits to the lexicon change it only when this is run)."""
    text = EXAMPLES.read_text(encoding="utf-8")
    start = text.index("\nlexicon:\n") + 1
    end = text.index("\n\n", start) + 1
    body = "lexicon:\n" + "".join(_flow(k, v) for k, v in lexicon_verbs().items())
    EXAMPLES.write_text(text[:start] + body + text[end:], encoding="utf-8")


def _flow(key: str, words: list[str], width: int = 110) -> str:
    """`  KEY: [a, b, ...]` wrapped at ``width`` with continuation lines under the first word."""
    lead = f"  {key}: ["
    lines, line = [], lead
    for i, w in enumerate(words):
        item = w + ("]" if i == len(words) - 1 else ",")
        if len(line) + len(item) + 1 > width and line.strip() != lead.strip():
            lines.append(line.rstrip())
            line = " " * len(lead)
        line += item + " "
    lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def input_hash() -> str:
    h = hashlib.sha256()
    for path in (EXAMPLES, Path(__file__)):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def sentence_examples(nlp, data: dict) -> list[tuple[str, str, str]]:
    """(class, lemma, sentence) of every bracketed trigger, lemmatised in context."""
    out = []
    for kind, sentences in (data.get("sentences") or {}).items():
        for raw in sentences:
            m = _BRACKET.search(raw)
            if m is None:
                raise SystemExit(f"{EXAMPLES.name}: no [trigger] in {raw!r}")
            text = raw[:m.start()] + m.group(1) + raw[m.end():]
            doc = nlp(text)
            tok = next(t for t in doc if t.idx == m.start())
            out.append((kind, tok.lemma_.lower(), text))
    return out


def examples(nlp) -> tuple[list[str], list[str], list[str]]:
    """(lemmas, classes, none_words): every training pair, NONE last-resort for a lemma
    that also names an event (a conflict is dropped from NONE and reported). The lexicon's
    own verbs come first, then the hand-written ones (see ``handwritten``)."""
    data = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    pairs: dict[tuple[str, str], None] = {}
    for kind, words in (data.get("lexicon") or {}).items():
        for w in words:
            pairs[(str(w).lower(), kind)] = None
    for kind, words in data["words"].items():
        for w in words:
            pairs[(str(w).lower(), kind)] = None
    for kind, lemma, _ in sentence_examples(nlp, data):
        pairs[(lemma, kind)] = None
    events = {w for (w, k) in pairs if k != "NONE"}
    clash = sorted(w for (w, k) in pairs if k == "NONE" and w in events)
    if clash:
        print(f"dropped from NONE (also an event word): {', '.join(clash)}", file=sys.stderr)
    kept = [(w, k) for (w, k) in pairs if not (k == "NONE" and w in events)]
    none_words = sorted({w for w, k in kept if k == "NONE"})
    return [w for w, _ in kept], [k for _, k in kept], none_words


def handwritten(nlp) -> set[str]:
    """The lemmas of the `words` and `sentences` sections (not the lexicon's copy)."""
    data = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    out = {str(w).lower() for words in data["words"].values() for w in words}
    return out | {lemma for _, lemma, _ in sentence_examples(nlp, data)}


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted softmax regression, L2-regularised, by full-batch gradient descent with
    momentum from zeros (deterministic)."""
    from accord.coding.second_opinion import softmax

    n, d = x.shape
    share = (np.ones(n) if weight is None else weight) / (n if weight is None else weight.sum())
    w, b = np.zeros((n_classes, d)), np.zeros(n_classes)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    onehot = np.eye(n_classes)[y]
    for _ in range(STEPS):
        g = (softmax(x @ w.T + b) - onehot) * share[:, None]
        vw = MOMENTUM * vw - RATE * (g.T @ x + L2 * w)
        vb = MOMENTUM * vb - RATE * g.sum(axis=0)
        w, b = w + vw, b + vb
    return w, b


def background(nlp, labelled: set[str]) -> list[str]:
    """Every other verb the English lemmatizer knows (its WordNet-derived verb index): taken as
    weak NONE examples, because almost every verb is no political event. A word that does name
    one and is near the labelled event words is outvoted by them; the rest of the verb space
    keeps the model silent."""
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return sorted(w for w in index["verb"] if w.isalpha() and w not in labelled)


def matrix(nlp, lemmas: list[str], classes: list[str], order: list[str]):
    from accord.coding.second_opinion import features

    xs, ys, kept = [], [], []
    for lemma, kind in zip(lemmas, classes, strict=True):
        v = features(nlp.vocab, lemma)
        if v is None:
            continue
        xs.append(v.astype(np.float64))
        ys.append(order.index(kind))
        kept.append(lemma)
    return np.array(xs).reshape(-1, 300), np.array(ys, dtype=int), kept


def training_set(nlp, lemmas: list[str], classes: list[str], order: list[str]):
    """Labelled examples (weight 1) and the background verbs (weight BACKGROUND)."""
    x, y, kept = matrix(nlp, lemmas, classes, order)
    bg = background(nlp, set(lemmas))
    xb, yb, _ = matrix(nlp, bg, ["NONE"] * len(bg), order)
    weight = np.concatenate([np.ones(len(y)), np.full(len(yb), BACKGROUND)])
    return np.vstack([x, xb]), np.concatenate([y, yb]), weight, kept


def collapse(x: np.ndarray, y: np.ndarray, weight: np.ndarray):
    """One row per (vector, class) with the summed weight: many rare words share one vector
    in the pinned model, and the sum trains the same model faster."""
    keys: dict[tuple[bytes, int], int] = {}
    xs, ys, ws = [], [], []
    for xi, yi, wi in zip(x, y, weight, strict=True):
        k = (xi.tobytes(), int(yi))
        if k in keys:
            ws[keys[k]] += wi
        else:
            keys[k] = len(xs)
            xs.append(xi)
            ys.append(int(yi))
            ws.append(float(wi))
    return np.array(xs), np.array(ys, dtype=int), np.array(ws)


def build(nlp) -> dict[str, np.ndarray]:
    from accord.nlp import model_meta

    lemmas, classes, none_words = examples(nlp)
    order = sorted(set(classes) - {"NONE"}) + ["NONE"]
    x, y, weight, _ = training_set(nlp, lemmas, classes, order)
    xc, yc, wc = collapse(x, y, weight)
    w, b = fit(xc, yc, len(order), wc)
    meta = model_meta()
    # the memory holds the hand-written event verbs with one label (not the lexicon's copy: a
    # verb later taken out of triggers.yaml must not come back through the memory)
    mine = handwritten(nlp)
    labels: dict[str, set[str]] = {}
    for w_, k in zip(lemmas, classes, strict=True):
        labels.setdefault(w_, set()).add(k)
    memory = sorted((w_, next(iter(ks))) for w_, ks in labels.items()
                    if w_ in mine and len(ks) == 1 and "NONE" not in ks)
    return {
        "memory_words": np.array([w_ for w_, _ in memory]), "memory_types": np.array([k for _, k in memory]),
        "classes": np.array(order), "weights": w.astype(np.float32), "bias": b.astype(np.float32),
        "threshold": np.array(THRESHOLD, dtype=np.float32), "none_words": np.array(none_words),
        "meta_script": np.array(SCRIPT), "meta_inputs_sha256": np.array(input_hash()),
        "meta_spacy_model": np.array(f"{meta['name']} {meta['version']}"),
        "meta_examples": np.array(str(len(y))), "meta_labelled": np.array(str(len(set(zip(lemmas, classes))))),
    }


def cross_validate(nlp, folds: int = 5) -> None:
    """Held-out words (grouped by word vector, since rare words share one): how often the model
    speaks on a word it never saw, and how often it is right, at several thresholds."""
    from accord.coding.second_opinion import softmax

    lemmas, classes, _ = examples(nlp)
    order = sorted(set(classes) - {"NONE"}) + ["NONE"]
    x_all, y_all, weight, kept = training_set(nlp, lemmas, classes, order)
    n = len(kept)
    x, y = x_all[:n], y_all[:n]
    rows = np.array([nlp.vocab.vectors.find(key=w) for w in kept])
    group = {r: i % folds for i, r in enumerate(sorted(set(rows.tolist())))}
    fold = np.concatenate([np.array([group[r] for r in rows]), np.full(len(y_all) - n, -1)])
    probs = np.zeros((n, len(order)))
    for f in range(folds):
        test = fold == f
        xt, yt, wt = collapse(x_all[~test], y_all[~test], weight[~test])
        w, b = fit(xt, yt, len(order), wt)
        probs[test[:n]] = softmax(x_all[test] @ w.T + b)
    none = order.index("NONE")
    best, conf = probs.argmax(1), probs.max(1)
    print(f"{len(y)} examples, {int((y != none).sum())} events, {folds}-fold by vector")
    for th in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        speak = (best != none) & (conf >= th)
        right = speak & (best == y)
        false_alarm = speak & (y == none)
        print(f"threshold {th:.1f}: speaks on {int(speak.sum()):4d}, right type {int(right.sum()):4d} "
              f"(precision {right.sum() / max(1, speak.sum()):.2f}), on NONE words {int(false_alarm.sum())}, "
              f"event recall {right.sum() / max(1, (y != none).sum()):.2f}")


def serialise(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> list[str]:
    """Names of the arrays that differ (floats within 1e-4: BLAS may round differently)."""
    diff = [k for k in sorted(set(a) | set(b)) if k not in a or k not in b]
    for k in sorted(set(a) & set(b)):
        if a[k].dtype.kind == "f":
            if a[k].shape != b[k].shape or not np.allclose(a[k], b[k], atol=1e-4):
                diff.append(k)
        elif a[k].tolist() != b[k].tolist():
            diff.append(k)
    return diff


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="rebuild in memory and compare with the shipped file")
    ap.add_argument("--cv", action="store_true", help="cross-validate on the examples and exit")
    ap.add_argument("--snapshot-lexicon", action="store_true",
                    help="first copy triggers.yaml's unconditioned verbs into the examples file")
    args = ap.parse_args(argv)
    if args.snapshot_lexicon:
        snapshot_lexicon()
    from accord.nlp import get_pipeline

    nlp = get_pipeline()
    if args.cv:
        cross_validate(nlp)
        return 0
    arrays = build(nlp)
    if args.check:
        with np.load(OUT, allow_pickle=False) as z:
            shipped = {k: z[k] for k in z.files}
        diff = same(arrays, shipped)
        print("model file is up to date" if not diff else f"model file differs in: {', '.join(diff)}")
        return 1 if diff else 0
    OUT.write_bytes(serialise(arrays))
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size:,} bytes; {arrays['meta_examples']} examples)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
