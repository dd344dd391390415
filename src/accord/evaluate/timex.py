"""Scores ``accord.timex`` against TimeML gold (TempEval-3 TimeBank + AQUAINT ``.tml`` files).

What is scored
--------------
* Gold: the DATE-type ``TIMEX3`` elements inside each file's ``TEXT`` element. The document
  creation time (``functionInDocument="CREATION_TIME"``) is the anchor and is not scored, nor
  are TIME, DURATION and SET expressions.
* Predictions: every ``Timex`` that ``find_timexes`` returns for ``nlp(text)`` with the DCT as
  anchor, except durations (``value is None`` and a reason starting "duration"). A prediction that
  overlaps no gold DATE but overlaps an unscored gold TIMEX3 (a TIME, DURATION, SET or the DCT
  repeated in a dateline) is ignored rather than counted as a false alarm: it found a time
  expression, and typing it is not what the figures measure.
* Strict span P/R/F1: exact character offsets. Relaxed: any overlap, one-to-one (each gold and
  each prediction is matched at most once; largest overlap first).
* Value accuracy, on relaxed matches, compares our TimeML-style value (``Timex.timeml``) with the
  gold ``value`` at the gold's granularity:
    - part-of-day suffixes are dropped (``1998-01-08TNI`` -> ``1998-01-08``), and trailing
      unspecified parts too (``1989-XX`` -> ``1989``, ``199X`` -> ``199``, ``19XX`` -> ``19``);
    - equal values count;
    - a finer calendar value counts when, truncated to the gold's granularity, it equals the gold
      (gold ``1998-02``, ours ``1998-02-13``; gold ``1989-Q3``, ours ``1989-08``; gold ``199``,
      ours ``1995``); weeks, halves and seasons are truncated the same way;
    - a coarser value never counts; symbolic gold values (``PRESENT_REF``, ``PAST_REF``,
      ``FUTURE_REF``, ``XXXX-WXX`` ...) count only when ours is identical.
  ``value_exact_accuracy`` reports strict equality (after the suffix/placeholder clean-up) too.
  ``value_p/r/f1`` are the TempEval-3 style figures: correct values over predictions and gold.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.timex import Timex, find_timexes

__all__ = ["GoldTimex", "TimexScores", "evaluate_timex", "read_tml", "values_agree"]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    creation_time: bool = False


@dataclass(slots=True)
class TmlDocument:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex]


@dataclass(slots=True)
class TimexScores:
    files: int
    gold: int
    predicted: int
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_accuracy: float  # correct values / relaxed matches
    value_matched: int  # relaxed matches whose value is correct
    strict_tp: int = 0
    relaxed_tp: int = 0
    value_exact_accuracy: float = 0.0
    value_p: float = 0.0
    value_r: float = 0.0
    value_f1: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, *, with_errors: bool = True) -> dict[str, Any]:
        d = asdict(self)
        if not with_errors:
            d.pop("errors")
        return d


# ---------------------------------------------------------------------------------------------
# Reading TimeML
# ---------------------------------------------------------------------------------------------
def read_tml(path: Path) -> TmlDocument:
    """The TEXT element's plain text, its TIMEX3s with offsets, and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"{path}: not readable TimeML ({exc}); check the file or leave it out") from exc
    dct: dt.date | None = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", t.get("value", ""))
            if m:
                dct = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                break
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(f"{path}: no TEXT element; is this a TimeML file?")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3":
                timexes.append(GoldTimex(start, pos, "", child.get("type", ""), child.get("value", ""),
                                         child.get("functionInDocument") == "CREATION_TIME"))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    text = "".join(parts)
    timexes = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value, g.creation_time) for g in timexes]
    return TmlDocument(path.name, text, dct, timexes)


# ---------------------------------------------------------------------------------------------
# Comparing values
# ---------------------------------------------------------------------------------------------
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}


def _clean(value: str) -> str:
    v = value.strip().upper()
    v = re.sub(r"T[A-Z0-9:.+-]*$", "", v) if re.match(r"\d{4}-\d\d-\d\dT", v) else v
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    while True:
        w = re.sub(r"-(?:XX|WXX|QX|HX)$|(?<=\d)X+$", "", v)
        if w == v:
            return v
        v = w


def _truncate(value: str, gold: str) -> str | None:
    """``value`` (finer) expressed at the granularity of ``gold``, or None when it cannot be."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-W(\d{2})(?:-WE)?|-H([12])|-(SP|SU|FA|WI))?", value)
    if m is None:
        return None
    y = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if m.group(5):  # a week: use its Thursday
        d = dt.date.fromisocalendar(y, int(m.group(5)), 4)
        y, month, day = d.year, d.month, d.day
    if re.fullmatch(r"\d{2}", gold):
        return f"{y // 100:02d}"
    if re.fullmatch(r"\d{3}", gold):
        return f"{y // 10:03d}"
    if re.fullmatch(r"\d{4}", gold):
        return f"{y:04d}"
    if m.group(4) or m.group(6) or m.group(7):
        return None  # quarter/half/season: nothing finer than a year to compare below
    if month is None:
        return None
    if re.fullmatch(r"\d{4}-Q[1-4]", gold):
        return f"{y:04d}-Q{(month - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}-H[12]", gold):
        return f"{y:04d}-H{1 if month <= 6 else 2}"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", gold):
        return f"{y - 1 if month <= 2 else y:04d}-{_SEASON_OF_MONTH[month]}"
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return f"{y:04d}-{month:02d}"
    if day is None:
        return None
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", gold):
        iso = dt.date(y, month, day).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if gold.endswith("-WE") else "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
        return f"{y:04d}-{month:02d}-{day:02d}"
    return None


def values_agree(predicted: str, gold: str) -> bool:
    """Our TimeML-style value against a gold value, at the gold's granularity (module doc)."""
    p, g = _clean(predicted), _clean(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    return _truncate(p, g) == g


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------
def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _relaxed_pairs(gold: list[GoldTimex], pred: list[Timex]) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.span.end) - max(g.start, p.span.start)
            if ov > 0:
                pairs.append((ov, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return re.sub(r"\s+", " ", f"{text[a:start]}[{text[start:end]}]{text[end:b]}").strip()


def gold_files(gold_dir: Path) -> list[Path]:
    files = sorted(gold_dir.rglob("*.tml"))
    if not files:
        raise InputError(f"{gold_dir}: no .tml files found; point --gold at a TimeML directory")
    return files


def evaluate_timex(gold_dir: Path, *, limit: int | None = None, nlp: Any = None,
                   n_process: int = 1, batch_size: int = 8) -> TimexScores:
    """Run ``find_timexes`` over every ``.tml`` file under ``gold_dir`` and score it."""
    files = gold_files(Path(gold_dir))
    if limit is not None:
        files = files[:limit]
    docs = [read_tml(f) for f in files]
    if nlp is None:
        from accord.nlp.loader import load_model

        nlp = load_model()
    n_gold = n_pred = strict_tp = relaxed_tp = value_ok = value_exact = 0
    errors: list[dict[str, Any]] = []
    parsed = nlp.pipe((d.text for d in docs), batch_size=batch_size, n_process=n_process)
    for tml, doc in zip(docs, parsed, strict=True):
        gold = [g for g in tml.timexes if g.type == "DATE" and not g.creation_time]
        unscored = [g for g in tml.timexes if g.type != "DATE" or g.creation_time]
        found = find_timexes(doc, tml.dct)
        pred: list[Timex] = []
        for t in found:
            if t.value is None and t.reason.startswith("duration"):
                continue
            hits_gold = any(g.start < t.span.end and t.span.start < g.end for g in gold)
            hits_unscored = any(g.start < t.span.end and t.span.start < g.end for g in unscored)
            if hits_unscored and not hits_gold:
                continue
            pred.append(t)
        n_gold += len(gold)
        n_pred += len(pred)
        exact = {(g.start, g.end) for g in gold} & {(p.span.start, p.span.end) for p in pred}
        strict_tp += len(exact)
        pairs = _relaxed_pairs(gold, pred)
        relaxed_tp += len(pairs)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            ok = values_agree(p.timeml, g.value)
            value_ok += ok
            value_exact += _clean(p.timeml) == _clean(g.value) and bool(p.timeml)
            span_ok = (g.start, g.end) == (p.span.start, p.span.end)
            if not ok or not span_ok:
                errors.append({
                    "file": tml.name, "kind": "value" if not ok else "span", "dct": str(tml.dct),
                    "gold_text": g.text, "gold_value": g.value, "pred_text": p.span.text,
                    "pred_value": p.timeml, "reason": p.reason,
                    "context": _context(tml.text, g.start, g.end),
                })
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                errors.append({"file": tml.name, "kind": "missed", "dct": str(tml.dct), "gold_text": g.text,
                               "gold_value": g.value, "pred_text": "", "pred_value": "", "reason": "",
                               "context": _context(tml.text, g.start, g.end)})
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                errors.append({"file": tml.name, "kind": "spurious", "dct": str(tml.dct), "gold_text": "",
                               "gold_value": "", "pred_text": p.span.text, "pred_value": p.timeml,
                               "reason": p.reason, "context": _context(tml.text, p.span.start, p.span.end)})
    sp, sr = _ratio(strict_tp, n_pred), _ratio(strict_tp, n_gold)
    rp, rr = _ratio(relaxed_tp, n_pred), _ratio(relaxed_tp, n_gold)
    vp, vr = _ratio(value_ok, n_pred), _ratio(value_ok, n_gold)
    return TimexScores(
        files=len(docs), gold=n_gold, predicted=n_pred,
        strict_p=sp, strict_r=sr, strict_f1=_f1(sp, sr),
        relaxed_p=rp, relaxed_r=rr, relaxed_f1=_f1(rp, rr),
        value_accuracy=_ratio(value_ok, relaxed_tp), value_matched=value_ok,
        strict_tp=strict_tp, relaxed_tp=relaxed_tp, value_exact_accuracy=_ratio(value_exact, relaxed_tp),
        value_p=vp, value_r=vr, value_f1=_f1(vp, vr), errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m accord.evaluate.timex GOLD_DIR [--limit N] [--errors FILE.jsonl] [--processes N]``
    (GOLD_DIR: e.g. ../shared/gold/tempeval3/TBAQ-cleaned; ``accord eval timex`` knows that default)."""
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m accord.evaluate.timex", description=main.__doc__)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", type=Path, help="write the error list here (JSON lines)")
    ap.add_argument("--processes", type=int, default=1)
    args = ap.parse_args(argv)
    scores = evaluate_timex(args.gold_dir, limit=args.limit, n_process=args.processes)
    sys.stdout.write(json.dumps(scores.to_dict(with_errors=False), indent=2) + "\n")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for e in scores.errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
