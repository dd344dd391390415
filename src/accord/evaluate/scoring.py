"""Scorers for the gold formats in ``../shared/gold`` (see ``event-guide.md``, "Scoring").

Pure functions over export-format dicts: nothing here prints, and the only I/O is reading
the gold files named by the caller. Every error item carries the words it is about (the
mention or the sentence), so an ``--errors`` listing can be read without the documents.

Seed events (``score_seed_events``)
    A prediction and a gold event are a *candidate pair* when they are in the same document
    (``doc_origin`` == gold ``doc``), one predicted mention overlaps one gold mention
    (half-open character intervals), and the predicted type is the gold ``type`` or one of
    its ``alt_types``. Pairs are resolved as a one-to-one assignment that maximises, in this
    order: pairs with a required (non-optional) gold, pairs in all, pairs with the exact gold
    type (rather than an alt type), characters of overlap. Then:

    * prediction assigned to a required gold: true positive (``events.tp``);
    * prediction assigned to an optional gold: neither tp nor fp (error kind ``optional_found``);
    * prediction left over whose candidate golds are all taken: a *duplicate*. Duplicates are
      counted in ``duplicates`` only, never as false alarms, so ``events.precision`` does not
      punish a failure to merge mentions of one event; read ``duplicates`` next to it;
    * prediction with no candidate gold: false alarm (``events.fp``);
    * required gold left unassigned: miss (``events.fn``); optional golds are never misses.

    ``events_participants`` (the headline figure) counts a true positive only when its
    participants are right: for a CONSULT gold or a reciprocal gold (empty ``recipient``) the
    set of countries over actor+recipient must equal the predicted set over actor+recipient;
    otherwise actor countries and recipient countries must each be equal as sets. Null
    countries are left out of every set. A matched event with wrong participants counts as one
    fp and one fn there (the usual strict reading).

    ``status_accuracy``, ``date_accuracy`` and ``mode_accuracy`` are over the true positives
    (0.0 when there are none; ``matched`` says how many). A date is right when the predicted
    value cut to the gold precision equals the gold value (gold ``2026`` accepts ``2026-01-29``;
    gold ``2026-01-29`` rejects ``2026``); a null gold date is right only for a null prediction.

    ``per_type`` keys tp and fn by the gold type, fp by the predicted type. ``confusion`` maps
    (gold type, predicted type) to a count: every true positive (the predicted type may be an
    alt type), every false alarm that overlaps a gold mention (paired with the gold it overlaps
    most, required golds first), ``("-", X)`` for a false alarm that overlaps no gold, and
    ``(X, "-")`` for a miss that no false alarm overlapped.

    Predictions for documents outside the scored set (the gold's documents, or ``docs``) are
    left out and counted in ``ignored``.

Actors (``score_actors``)
    Precision/recall of the set of (doc, entity, country, sector). Names are normalised
    (case, whitespace, typographic quotes, a trailing possessive); a predicted name equal to a
    gold name or to one of its aliases, in the same document, becomes that gold name, and so
    does a prediction one of whose own ``aliases`` does. ``entities`` scores (doc, entity) alone.

Documents (``score_documents``)
    Accuracy of ``date``, ``title``, ``author``, ``source`` over the gold documents. The first
    prediction with a given ``doc_origin`` stands for that file (a file holding several items
    is described in the gold by its first). Text fields compare after whitespace and case
    normalisation; a missing document is wrong on every field.

PLOVER gold (``load_plover_gold``, ``score_plover``)
    ``dev.json`` is a JSON list of records, one coded sentence each: ``id``, ``text``,
    ``event``, ``eventText``, ``source`` (list of ``{actorText, code, sector?}``), ``target``
    (list, ``""`` or absent), ``context`` (comma-separated), ``mode`` (older PLOVER modes, often
    ``""``), ``textInfo.markup``, ``eventLoc`` and bookkeeping fields. Older event names are
    mapped: DEMAND->REQUEST, FIGHT->ASSAULT, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE. A
    predicted CONSULT, SUPPORT, COOPERATE or AID with status ``planned`` or ``proposed`` is
    compared as AGREE (where PLOVER codes intent, accord keeps the type and sets the status).

    Actor codes: the country is the first three letters (``USAGOV`` -> ``USA``), with the
    CAMEO codes that are not ISO mapped (JAP->JPN, ITL->ITA, VTN->VNM) and ``IGOUNO...`` /
    ``IGOEUR...`` read as ``UNO`` / ``EUR``. The sector is the record's own ``sector`` when it
    has one, else the first following three-letter group that is a sector; either way only
    its first three letters count (``REFKUR`` -> REF, ``MILsrp`` -> MIL) and CAMEO names map to
    PLOVER ones (``SECTOR_ALIASES``: CIV->CVL, INS/SEP->REB, HLH->MED, MNC->BUS, religion codes
    such as MOS/CHR/JEW->REL). Sectors with no PLOVER counterpart (LAB, CRM, SOC, ``***``,
    UNK...) are not scored. This gold codes every intergovernmental body ``IGO`` (the UN
    included), so predicted ``UNO`` and ``EUR`` are compared as ``IGO``.

    Events are the set of (sentence, type): each sentence has one gold event; a predicted
    event of that type in that sentence is a tp, each other predicted type in it an fp, and
    the gold type missing is an fn. Participants of a matched sentence are correct when the
    gold source countries equal the predicted actor countries and the gold target countries
    equal the predicted recipient countries; for a gold with no target (reciprocal, or
    undirected), a CONSULT gold, or a predicted CONSULT compared as AGREE (PLOVER codes the
    host as source, accord the visitor as actor) the union sets are compared instead.
    ``actor_country_accuracy`` and ``recipient_country_accuracy`` are the plain directed
    comparisons, over matched sentences whose gold has a source / a target. ``sector_accuracy`` is over the gold actors of matched
    sentences with a scorable sector: right when a predicted actor on the same side (either
    side for union-compared golds) has the same country and that sector. When several
    predictions of the matched type are in one sentence the best of them is graded.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.model import EVENT_TYPES

__all__ = [
    "PRF",
    "ActorScores",
    "DocumentMismatch",
    "DocumentScores",
    "ErrorItem",
    "PloverActor",
    "PloverScores",
    "PloverSentence",
    "SeedEventScores",
    "date_matches",
    "load_plover_gold",
    "normalise_name",
    "plover_type",
    "score_actors",
    "score_documents",
    "score_plover",
    "score_seed_events",
    "split_actor_code",
]

# --------------------------------------------------------------------------------------------
# Shared records


@dataclass(slots=True)
class PRF:
    """True positives, false positives, false negatives; P/R/F1 derived (0.0 when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One disagreement with the gold, with the words it is about.

    ``kind``: ``miss``, ``false_alarm``, ``duplicate``, ``wrong_participants``,
    ``wrong_status``, ``wrong_date``, ``wrong_mode``, ``optional_found`` (information only),
    and for actors ``actor_miss`` / ``actor_false_alarm``. ``doc`` is the document (or, for
    PLOVER, the sentence id); ``text`` the mention or sentence; ``detail`` gold vs predicted.
    """

    kind: str
    doc: str
    gold_id: str | None = None
    predicted_id: str | None = None
    gold_type: str | None = None
    predicted_type: str | None = None
    text: str = ""
    detail: str = ""
    start: int | None = None  # where in the document the text begins, for sorting and display

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "doc": self.doc, "gold_id": self.gold_id,
            "predicted_id": self.predicted_id, "gold_type": self.gold_type,
            "predicted_type": self.predicted_type, "text": self.text, "detail": self.detail,
            "start": self.start,
        }


def _confusion_dict(confusion: Mapping[tuple[str, str], int]) -> list[dict[str, Any]]:
    return [
        {"gold": g, "predicted": p, "count": n}
        for (g, p), n in sorted(confusion.items())
    ]


def _error_key(e: ErrorItem) -> tuple[str, int, str]:
    return (e.doc, e.start if e.start is not None else -1, e.kind)


# --------------------------------------------------------------------------------------------
# Reading gold files


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc}); check the --gold path") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}); fix or remove the line") from exc
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: expected a JSON object per line")
        yield number, record


def _require(record: Mapping[str, Any], keys: Iterable[str], where: str) -> None:
    missing = [k for k in keys if k not in record]
    if missing:
        raise InputError(f"{where}: gold record lacks {', '.join(missing)}; see event-guide.md")


# --------------------------------------------------------------------------------------------
# Dates


_DATE_RE = re.compile(r"^(\d{4})(?:-(Q[1-4])|-(\d{2})(?:-(\d{2}))?)?")


def _truncate_date(value: str, precision: str) -> str | None:
    """``value`` cut to ``precision`` ("year", "quarter", "month", "day"); None if too coarse."""
    m = _DATE_RE.match(value.strip())
    if not m:
        return None
    year, quarter, month, day = m.groups()
    if precision == "year":
        return year
    if precision == "quarter":
        if quarter:
            return f"{year}-{quarter}"
        if month:
            return f"{year}-Q{(int(month) - 1) // 3 + 1}"
        return None
    if precision == "month":
        return f"{year}-{month}" if month else None
    if precision == "day":
        return f"{year}-{month}-{day}" if month and day else None
    return None


def _date_value(date: Any) -> str | None:
    if date is None:
        return None
    if isinstance(date, Mapping):
        value = date.get("value")
        return str(value) if value is not None else None
    return str(date)


def date_matches(gold: Any, predicted: Any) -> bool:
    """True when ``predicted`` cut to the gold precision equals the gold value.

    Both are ``{value, precision}`` dicts (or None). A null gold matches only a null prediction.
    """
    gold_value = _date_value(gold)
    pred_value = _date_value(predicted)
    if gold_value is None:
        return pred_value is None
    if pred_value is None:
        return False
    precision = gold.get("precision") if isinstance(gold, Mapping) else None
    if not precision:
        precision = _precision_of(gold_value)
    cut_gold = _truncate_date(gold_value, precision)
    cut_pred = _truncate_date(pred_value, precision)
    return cut_pred is not None and cut_pred == (cut_gold or gold_value)


def _precision_of(value: str) -> str:
    m = _DATE_RE.match(value)
    if not m:
        return "day"
    _, quarter, month, day = m.groups()
    return "quarter" if quarter else "day" if day else "month" if month else "year"


# --------------------------------------------------------------------------------------------
# One-to-one assignment


def _hungarian(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment of a rectangular matrix (rows <= cols); zero weight = no edge.

    Returns (row, col) pairs with positive weight. Kuhn-Munkres with potentials, O(n^2 m).
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]
    inf = float("inf")
    u: list[float] = [0] * (n + 1)
    v: list[float] = [0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv: list[float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta: float = inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j] and weights[p[j] - 1][j - 1] > 0]


def _max_weight_matching(edges: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    """One-to-one matching of (left, right) edges with positive weights, maximising the sum.

    Runs the assignment per connected component, so large documents stay cheap.
    """
    adjacency: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for a, b in edges:
        adjacency[("L", a)].add(("R", b))
        adjacency[("R", b)].add(("L", a))
    seen: set[tuple[str, int]] = set()
    result: list[tuple[int, int]] = []
    for start in sorted(adjacency):
        if start in seen:
            continue
        component: list[tuple[str, int]] = []
        stack = [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for other in adjacency[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        lefts = sorted(i for side, i in component if side == "L")
        rights = sorted(i for side, i in component if side == "R")
        transpose = len(lefts) > len(rights)
        rows, cols = (rights, lefts) if transpose else (lefts, rights)
        matrix = [
            [edges.get((c, r) if transpose else (r, c), 0) for c in cols] for r in rows
        ]
        for ri, ci in _hungarian(matrix):
            a, b = (cols[ci], rows[ri]) if transpose else (rows[ri], cols[ci])
            result.append((a, b))
    return sorted(result)


# --------------------------------------------------------------------------------------------
# Seed events


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str


def _mentions(record: Mapping[str, Any]) -> list[_Mention]:
    out = []
    for m in record.get("mentions") or []:
        try:
            start, end = int(m["start"]), int(m["end"])
        except (KeyError, TypeError, ValueError):
            continue
        out.append(_Mention(start, end, str(m.get("text") or "")))
    return out


def _overlap(a: list[_Mention], b: list[_Mention]) -> int:
    """Characters of overlap summed over all mention pairs; 0 when none overlap."""
    total = 0
    for x in a:
        for y in b:
            total += max(0, min(x.end, y.end) - max(x.start, y.start))
    return total


def _countries(actors: Any) -> frozenset[str]:
    out = set()
    for a in actors or []:
        country = a.get("country") if isinstance(a, Mapping) else getattr(a, "country", None)
        if country:
            out.add(str(country).upper())
    return frozenset(out)


def _fmt(countries: Iterable[str]) -> str:
    return "{" + ", ".join(sorted(countries)) + "}"


def _participants(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> tuple[bool, str]:
    """Whether participants agree (guide rule), and a readable gold-vs-predicted detail."""
    g_act, g_rec = _countries(gold.get("actor")), _countries(gold.get("recipient"))
    p_act, p_rec = _countries(pred.get("actor")), _countries(pred.get("recipient"))
    if gold.get("type") == "CONSULT" or not gold.get("recipient"):
        ok = (g_act | g_rec) == (p_act | p_rec)
        detail = f"countries gold {_fmt(g_act | g_rec)} vs predicted {_fmt(p_act | p_rec)}"
    else:
        ok = g_act == p_act and g_rec == p_rec
        detail = (
            f"gold actor {_fmt(g_act)} -> recipient {_fmt(g_rec)}; "
            f"predicted actor {_fmt(p_act)} -> recipient {_fmt(p_rec)}"
        )
    return ok, detail


@dataclass(slots=True)
class SeedEventScores:
    """Scores of predicted events against ``seeds/events.jsonl`` (rules in the module doc)."""

    events: PRF
    events_participants: PRF
    status_accuracy: float
    date_accuracy: float
    mode_accuracy: float
    duplicates: int
    per_type: dict[str, PRF]
    confusion: dict[tuple[str, str], int]
    errors: list[ErrorItem]
    matched: int = 0  # true positives the accuracies are over
    optional_found: int = 0  # predictions assigned to optional golds (neither tp nor fp)
    ignored: int = 0  # predictions for documents outside the scored set
    docs: int = 0  # documents scored

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events.to_dict(),
            "events_participants": self.events_participants.to_dict(),
            "status_accuracy": round(self.status_accuracy, 4),
            "date_accuracy": round(self.date_accuracy, 4),
            "mode_accuracy": round(self.mode_accuracy, 4),
            "matched": self.matched,
            "duplicates": self.duplicates,
            "optional_found": self.optional_found,
            "ignored": self.ignored,
            "docs": self.docs,
            "per_type": {t: prf.to_dict() for t, prf in sorted(self.per_type.items())},
            "confusion": _confusion_dict(self.confusion),
            "errors": [e.to_dict() for e in self.errors],
        }


def _load_seed_gold(path: Path) -> list[dict[str, Any]]:
    gold = []
    for number, record in _read_jsonl(path):
        _require(record, ("id", "doc", "type", "mentions"), f"{path}:{number}")
        record = dict(record)
        record["type"] = str(record["type"]).upper()
        record["alt_types"] = [str(t).upper() for t in record.get("alt_types") or []]
        gold.append(record)
    return gold


def _doc_of(pred: Mapping[str, Any]) -> str:
    return str(pred.get("doc_origin") or pred.get("doc") or "")


def _first_text(record: Mapping[str, Any]) -> tuple[str, int | None]:
    ms = _mentions(record)
    if not ms:
        return "", None
    first = min(ms, key=lambda m: m.start)
    return first.text, first.start


def score_seed_events(
    predicted: Iterable[Mapping[str, Any]],
    gold_events_path: Path,
    *,
    docs: set[str] | None = None,
) -> SeedEventScores:
    """Score export-format events against the seed gold (see the module doc for the rules).

    ``docs`` restricts scoring to those documents (``doc_origin`` names); by default the
    documents that have gold events are scored. Example::

        scores = score_seed_events(read_jsonl("events.jsonl"), Path("gold/seeds/events.jsonl"))
        scores.events_participants.f1
    """
    gold_all = _load_seed_gold(gold_events_path)
    scope = set(docs) if docs is not None else {g["doc"] for g in gold_all}
    gold = [g for g in gold_all if g["doc"] in scope]
    preds: list[Mapping[str, Any]] = []
    ignored = 0
    for p in predicted:
        if _doc_of(p) in scope:
            preds.append(p)
        else:
            ignored += 1

    events = PRF()
    strict = PRF()
    per_type: dict[str, PRF] = defaultdict(PRF)
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[ErrorItem] = []
    duplicates = optional_found = 0
    status_ok = date_ok = mode_ok = matched = 0

    gold_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc"]].append(g)
    pred_by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for p in preds:
        pred_by_doc[_doc_of(p)].append(p)

    for doc in sorted(set(gold_by_doc) | set(pred_by_doc)):
        golds = gold_by_doc.get(doc, [])
        ps = pred_by_doc.get(doc, [])
        g_mentions = [_mentions(g) for g in golds]
        p_mentions = [_mentions(p) for p in ps]
        p_types = [str(p.get("type") or "").upper() for p in ps]

        overlaps: dict[tuple[int, int], int] = {}
        candidates: dict[tuple[int, int], bool] = {}  # (pred, gold) -> exact type
        for pi in range(len(ps)):
            for gi, g in enumerate(golds):
                ov = _overlap(p_mentions[pi], g_mentions[gi])
                if ov <= 0:
                    continue
                overlaps[(pi, gi)] = ov
                if p_types[pi] == g["type"]:
                    candidates[(pi, gi)] = True
                elif p_types[pi] in g["alt_types"]:
                    candidates[(pi, gi)] = False

        # Lexicographic weights: required pairs, pairs, exact-type pairs, overlap.
        k = min(len(ps), len(golds)) or 1
        level0 = k * max(overlaps.values(), default=0) + 1
        level1 = (k + 1) * level0
        level2 = (k + 1) * level1
        level3 = (k + 1) * level2
        weights = {
            (pi, gi): (0 if golds[gi].get("optional") else level3) + level2
            + (level1 if exact else 0) + overlaps[(pi, gi)]
            for (pi, gi), exact in candidates.items()
        }
        assignment = dict(_max_weight_matching(weights))
        assigned_golds = set(assignment.values())
        explained: set[int] = set()  # golds a false alarm of another type overlapped

        for pi, p in enumerate(ps):
            pid = str(p.get("id") or "") or None
            text, start = _first_text(p)
            if pi in assignment:
                g = golds[assignment[pi]]
                if g.get("optional"):
                    optional_found += 1
                    errors.append(ErrorItem(
                        "optional_found", doc, g["id"], pid, g["type"], p_types[pi], text,
                        "matched an optional gold event: neither tp nor fp", start,
                    ))
                    continue
                matched += 1
                events.tp += 1
                per_type[g["type"]].tp += 1
                confusion[(g["type"], p_types[pi])] += 1
                ok, detail = _participants(g, p)
                if ok:
                    strict.tp += 1
                else:
                    strict.fp += 1
                    strict.fn += 1
                    errors.append(ErrorItem(
                        "wrong_participants", doc, g["id"], pid, g["type"], p_types[pi],
                        text, detail, start,
                    ))
                if p.get("status") == g.get("status"):
                    status_ok += 1
                else:
                    errors.append(ErrorItem(
                        "wrong_status", doc, g["id"], pid, g["type"], p_types[pi], text,
                        f"gold {g.get('status')} vs predicted {p.get('status')}", start,
                    ))
                if date_matches(g.get("date"), p.get("date")):
                    date_ok += 1
                else:
                    gd, pd = g.get("date"), p.get("date")
                    gold_s = f"{gd.get('value')} ({gd.get('precision')})" if gd else "null"
                    pred_s = (
                        f"{pd.get('value')} ({pd.get('precision')})" if isinstance(pd, Mapping)
                        else str(pd) if pd else "null"
                    )
                    errors.append(ErrorItem(
                        "wrong_date", doc, g["id"], pid, g["type"], p_types[pi], text,
                        f"gold {gold_s} vs predicted {pred_s}", start,
                    ))
                if (p.get("mode") or None) == (g.get("mode") or None):
                    mode_ok += 1
                else:
                    errors.append(ErrorItem(
                        "wrong_mode", doc, g["id"], pid, g["type"], p_types[pi], text,
                        f"gold {g.get('mode')} vs predicted {p.get('mode')}", start,
                    ))
                continue
            taken = [gi for (qi, gi) in candidates if qi == pi and gi in assigned_golds]
            if taken:
                duplicates += 1
                g = golds[max(taken, key=lambda gi: overlaps[(pi, gi)])]
                errors.append(ErrorItem(
                    "duplicate", doc, g["id"], pid, g["type"], p_types[pi], text,
                    "another prediction already matched this gold event", start,
                ))
                continue
            events.fp += 1
            strict.fp += 1
            per_type[p_types[pi]].fp += 1
            touched = [gi for (qi, gi) in overlaps if qi == pi]
            if touched:
                best = max(
                    touched,
                    key=lambda gi: (not golds[gi].get("optional"), overlaps[(pi, gi)]),
                )
                g = golds[best]
                confusion[(g["type"], p_types[pi])] += 1
                explained.add(best)
                errors.append(ErrorItem(
                    "false_alarm", doc, g["id"], pid, None, p_types[pi], text,
                    f"overlaps gold {g['id']} of type {g['type']}"
                    + (f" (alt {', '.join(g['alt_types'])})" if g["alt_types"] else ""),
                    start,
                ))
            else:
                confusion[("-", p_types[pi])] += 1
                errors.append(ErrorItem(
                    "false_alarm", doc, None, pid, None, p_types[pi], text,
                    "overlaps no gold event", start,
                ))

        for gi, g in enumerate(golds):
            if gi in assigned_golds or g.get("optional"):
                continue
            events.fn += 1
            strict.fn += 1
            per_type[g["type"]].fn += 1
            if gi not in explained:
                confusion[(g["type"], "-")] += 1
            text, start = _first_text(g)
            seen_as = sorted({p_types[pi] for (pi, gj) in overlaps if gj == gi})
            errors.append(ErrorItem(
                "miss", doc, g["id"], None, g["type"], None, text,
                f"overlapping predictions typed {', '.join(seen_as)}" if seen_as
                else "no overlapping prediction",
                start,
            ))

    def rate(n: int) -> float:
        return n / matched if matched else 0.0

    errors.sort(key=_error_key)
    return SeedEventScores(
        events=events,
        events_participants=strict,
        status_accuracy=rate(status_ok),
        date_accuracy=rate(date_ok),
        mode_accuracy=rate(mode_ok),
        duplicates=duplicates,
        per_type=dict(per_type),
        confusion=dict(confusion),
        errors=errors,
        matched=matched,
        optional_found=optional_found,
        ignored=ignored,
        docs=len(scope),
    )


# --------------------------------------------------------------------------------------------
# Actors


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalise_name(name: str | None) -> str:
    """Case-folded, whitespace-collapsed name without a trailing possessive or punctuation.

    Not the gazetteer's ``fold`` (which the coder and ``timex`` share), on purpose: the scorer
    judges the coder's names against the gold's, so it must not move when the coder's lookup
    key does. It keeps what ``fold`` takes away (diacritics, hyphens): where a name's spellings
    vary, the gold lists them as aliases (the event guide's "after alias merging"), and a looser
    key here would change the figures without a change in what was coded.
    """
    if not name:
        return ""
    text = " ".join(str(name).translate(_QUOTES).split()).casefold()
    text = re.sub(r"(?<=s)'$|'s$", "", text)
    return text.strip(" .,;:\"'()")


@dataclass(slots=True)
class ActorScores:
    """Actors against ``seeds/actors.jsonl``: (doc, entity, country, sector) and (doc, entity)."""

    actors: PRF
    entities: PRF
    errors: list[ErrorItem]
    ignored: int = 0  # predictions for documents without gold actors, or with no name

    def to_dict(self) -> dict[str, Any]:
        return {
            "actors": self.actors.to_dict(), "entities": self.entities.to_dict(),
            "ignored": self.ignored, "errors": [e.to_dict() for e in self.errors],
        }


def score_actors(
    predicted_actors: Iterable[Mapping[str, Any]], gold_actors_path: Path
) -> ActorScores:
    """P/R of (doc, entity, country, sector) after alias merging (rules in the module doc).

    Each prediction is ``{doc, entity | name, country, sector, aliases?}``; ``doc_origin`` is
    accepted for ``doc``.
    """
    gold: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    display: dict[tuple[str, str], str] = {}
    alias_index: dict[tuple[str, str], str] = {}  # (doc, normalised alias) -> normalised name
    for number, record in _read_jsonl(gold_actors_path):
        _require(record, ("doc", "name"), f"{gold_actors_path}:{number}")
        doc, name = str(record["doc"]), normalise_name(record["name"])
        gold[(doc, name)] = (record.get("country"), record.get("sector"))
        display[(doc, name)] = str(record["name"])
        for alias in [record["name"], *(record.get("aliases") or [])]:
            alias_index.setdefault((doc, normalise_name(alias)), name)
    gold_docs = {doc for doc, _ in gold}

    predicted: set[tuple[str, str, str | None, str | None]] = set()
    shown: dict[tuple[str, str], str] = {}
    ignored = 0
    for p in predicted_actors:
        doc = str(p.get("doc") or p.get("doc_origin") or "")
        raw = p.get("entity") or p.get("name")
        if doc not in gold_docs or not raw:
            ignored += 1
            continue
        names = [normalise_name(raw), *(normalise_name(a) for a in p.get("aliases") or [])]
        canonical = next(
            (alias_index[(doc, n)] for n in names if (doc, n) in alias_index), names[0]
        )
        predicted.add((doc, canonical, p.get("country"), p.get("sector")))
        shown.setdefault((doc, canonical), str(raw))

    gold_full = {(doc, name, c, s) for (doc, name), (c, s) in gold.items()}
    actors = PRF(
        tp=len(gold_full & predicted), fp=len(predicted - gold_full),
        fn=len(gold_full - predicted),
    )
    gold_names = set(gold)
    pred_names = {(doc, name) for doc, name, _, _ in predicted}
    entities = PRF(
        tp=len(gold_names & pred_names), fp=len(pred_names - gold_names),
        fn=len(gold_names - pred_names),
    )
    errors: list[ErrorItem] = []
    for doc, name, country, sector in sorted(gold_full - predicted, key=str):
        others = sorted(
            f"{c}/{s}" for d, n, c, s in predicted if (d, n) == (doc, name)
        )
        errors.append(ErrorItem(
            "actor_miss", doc, gold_id=display[(doc, name)], text=display[(doc, name)],
            detail=f"gold {country}/{sector}; predicted "
            + (", ".join(others) if others else "no such entity"),
        ))
    for doc, name, country, sector in sorted(predicted - gold_full, key=str):
        in_gold = (doc, name) in gold
        errors.append(ErrorItem(
            "actor_false_alarm", doc, predicted_id=shown[(doc, name)],
            text=shown[(doc, name)],
            detail=f"predicted {country}/{sector}; "
            + ("gold {}/{}".format(*gold[(doc, name)]) if in_gold else "not a gold entity"),
        ))
    errors.sort(key=_error_key)
    return ActorScores(actors=actors, entities=entities, errors=errors, ignored=ignored)


# --------------------------------------------------------------------------------------------
# Documents

DOCUMENT_FIELDS: tuple[str, ...] = ("date", "title", "author", "source")


@dataclass(frozen=True, slots=True)
class DocumentMismatch:
    doc: str
    field: str
    gold: str | None
    predicted: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "field": self.field, "gold": self.gold, "predicted": self.predicted}


@dataclass(slots=True)
class DocumentScores:
    """Per-field accuracy of document metadata against ``seeds/documents.jsonl``."""

    accuracy: dict[str, float]
    correct: dict[str, int]
    docs: int
    missing: list[str] = field(default_factory=list)  # gold documents with no prediction
    mismatches: list[DocumentMismatch] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "accuracy": {k: round(v, 4) for k, v in self.accuracy.items()},
            "correct": dict(self.correct),
            "missing": list(self.missing),
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


def _doc_field(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if name == "date":
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return text[:10] or None
    text = " ".join(str(value).split())
    return text or None


def _same_field(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return gold.casefold() == predicted.casefold()


def score_documents(
    predicted_docs: Iterable[Mapping[str, Any]], gold_documents_path: Path
) -> DocumentScores:
    """Accuracy of date, title, author, source per gold document (rules in the module doc).

    Each prediction is ``{doc_origin, date, title, author, source}`` (``published`` is read
    when ``date`` is absent).
    """
    gold = []
    for number, record in _read_jsonl(gold_documents_path):
        _require(record, ("doc",), f"{gold_documents_path}:{number}")
        gold.append(record)
    first: dict[str, Mapping[str, Any]] = {}
    for p in predicted_docs:
        key = str(p.get("doc_origin") or p.get("doc") or "")
        first.setdefault(key, p)
    correct = dict.fromkeys(DOCUMENT_FIELDS, 0)
    missing: list[str] = []
    mismatches: list[DocumentMismatch] = []
    for g in gold:
        doc = str(g["doc"])
        found = first.get(doc)
        if found is None:
            missing.append(doc)
        for name in DOCUMENT_FIELDS:
            gold_value = _doc_field(g.get(name), name)
            raw = None
            if found is not None:
                raw = found.get(name) if name != "date" else found.get("date", found.get("published"))
            pred_value = _doc_field(raw, name)
            if found is not None and _same_field(gold_value, pred_value):
                correct[name] += 1
            else:
                mismatches.append(DocumentMismatch(doc, name, gold_value, pred_value))
    n = len(gold)
    return DocumentScores(
        accuracy={k: (v / n if n else 0.0) for k, v in correct.items()},
        correct=correct, docs=n, missing=missing, mismatches=mismatches,
    )


# --------------------------------------------------------------------------------------------
# PLOVER gold standard records

PLOVER_EVENT_MAP: dict[str, str] = {
    "DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
}
INTENT_TYPES: frozenset[str] = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
INTENT_STATUSES: frozenset[str] = frozenset({"planned", "proposed"})

PLOVER_SECTORS: frozenset[str] = frozenset({
    "GOV", "LEG", "JUD", "MIL", "COP", "SPY", "PTY", "OPP", "BUS", "CVL", "JRN", "MED", "EDU",
    "REL", "REF", "ELI", "REB", "UAF",
})
# CAMEO (and misspelt) sector codes -> PLOVER; codes absent here and from PLOVER_SECTORS
# (LAB, CRM, SOC, AGR, ENV, HRI, UNK, ***) are not scored.
SECTOR_ALIASES: dict[str, str] = {
    "CIV": "CVL", "INS": "REB", "SEP": "REB", "HLH": "MED", "MNC": "BUS",
    "MOS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "SHI": "REL",
    "SUN": "REL", "CTH": "REL", "ORT": "REL", "PRO": "REL", "JAN": "REL", "SIK": "REL",
}
# CAMEO country codes that are not ISO 3166 alpha-3 (as found in the PLOVER records).
COUNTRY_ALIASES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# This gold codes every intergovernmental body IGO; accord says UNO / EUR for the UN / EU.
PLOVER_PREDICTED_COUNTRY: dict[str, str] = {"UNO": "IGO", "EUR": "IGO"}


def _sector(code: str | None) -> str | None:
    if not code:
        return None
    head = code[:3].upper()
    head = SECTOR_ALIASES.get(head, head)
    return head if head in PLOVER_SECTORS else None


def split_actor_code(code: str, sector: str | None = None) -> tuple[str | None, str | None]:
    """A CAMEO-style actor code -> (country, PLOVER sector or None).

    ``split_actor_code("USAGOV") == ("USA", "GOV")``; ``("IRQ", "MILsrp") -> ("IRQ", "MIL")``;
    ``"IGOUNO" -> ("UNO", None)``; ``"JAP" -> ("JPN", None)``. An explicit ``sector`` wins
    over one read from the code.
    """
    code = (code or "").strip().upper()
    if len(code) < 3:
        return None, _sector(sector)
    country = COUNTRY_ALIASES.get(code[:3], code[:3])
    rest = [code[i:i + 3] for i in range(3, len(code), 3)]
    if country == "IGO" and rest and rest[0] in {"UNO", "EUR"}:
        country = rest[0]
        rest = rest[1:]
    found = _sector(sector)
    if found is None and sector is None:
        found = next((s for s in map(_sector, rest) if s), None)
    return country, found


def plover_type(event: Mapping[str, Any]) -> str:
    """The PLOVER type an export-format event is compared as (planned CONSULT -> AGREE...)."""
    kind = str(event.get("type") or "").upper()
    kind = PLOVER_EVENT_MAP.get(kind, kind)
    if kind in INTENT_TYPES and str(event.get("status") or "").lower() in INTENT_STATUSES:
        return "AGREE"
    return kind


@dataclass(frozen=True, slots=True)
class PloverActor:
    text: str
    code: str
    country: str | None
    sector: str | None  # PLOVER sector, or None when the record gives none that maps


@dataclass(frozen=True, slots=True)
class PloverSentence:
    """One PLOVER gold record: a sentence and its single coded event (type already mapped)."""

    id: str
    text: str
    event: str
    original_event: str
    mode: str | None
    source: tuple[PloverActor, ...]
    target: tuple[PloverActor, ...]
    context: tuple[str, ...]
    event_text: str = ""
    markup: str = ""

    @property
    def reciprocal(self) -> bool:
        """No target: a reciprocal (SRC/TAR) or undirected act."""
        return not self.target


def _plover_actors(value: Any, where: str) -> tuple[PloverActor, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{where}: actors must be a list of {{actorText, code}}")
    out = []
    for a in value:
        if not isinstance(a, Mapping) or "code" not in a:
            raise InputError(f"{where}: an actor lacks its code")
        sector = a.get("sector")
        country, sect = split_actor_code(str(a["code"]), str(sector) if sector else None)
        out.append(PloverActor(str(a.get("actorText") or ""), str(a["code"]), country, sect))
    return tuple(out)


def load_plover_gold(path: Path) -> list[PloverSentence]:
    """Read a PLOVER gold-standard JSON list (``plover_gsr/dev.json``) into sentences."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the PLOVER gold ({exc}); check the path") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(records, list):
        raise InputError(f"{path}: expected a JSON list of records")
    out = []
    for index, r in enumerate(records):
        where = f"{path}: record {index} ({r.get('id', '?') if isinstance(r, dict) else '?'})"
        if not isinstance(r, dict):
            raise InputError(f"{where}: not a JSON object")
        _require(r, ("id", "text", "event", "source"), where)
        original = str(r["event"]).upper()
        event = PLOVER_EVENT_MAP.get(original, original)
        if event not in EVENT_TYPES:
            raise InputError(f"{where}: unknown event type {original!r}")
        context = tuple(c.strip() for c in str(r.get("context") or "").split(",") if c.strip())
        markup = r.get("textInfo", {}).get("markup", "") if isinstance(r.get("textInfo"), dict) else ""
        out.append(PloverSentence(
            id=str(r["id"]), text=str(r["text"]), event=event, original_event=original,
            mode=str(r["mode"]) if r.get("mode") else None,
            source=_plover_actors(r["source"], where), target=_plover_actors(r.get("target"), where),
            context=context, event_text=str(r.get("eventText") or ""), markup=str(markup),
        ))
    return out


@dataclass(slots=True)
class PloverScores:
    """Scores against PLOVER gold sentences (rules in the module doc)."""

    events: PRF
    events_participants: PRF
    per_type: dict[str, PRF]
    confusion: dict[tuple[str, str], int]
    participants_accuracy: float
    actor_country_accuracy: float
    recipient_country_accuracy: float
    sector_accuracy: float
    errors: list[ErrorItem]
    sentences: int = 0
    matched: int = 0
    actor_country_n: int = 0  # matched sentences whose gold has a source
    recipient_country_n: int = 0  # matched sentences whose gold has a target
    sector_n: int = 0  # gold actors of matched sentences with a scorable sector
    ignored: int = 0  # predictions for sentence ids not in the gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "events": self.events.to_dict(),
            "events_participants": self.events_participants.to_dict(),
            "matched": self.matched,
            "participants_accuracy": round(self.participants_accuracy, 4),
            "actor_country_accuracy": round(self.actor_country_accuracy, 4),
            "actor_country_n": self.actor_country_n,
            "recipient_country_accuracy": round(self.recipient_country_accuracy, 4),
            "recipient_country_n": self.recipient_country_n,
            "sector_accuracy": round(self.sector_accuracy, 4),
            "sector_n": self.sector_n,
            "ignored": self.ignored,
            "per_type": {t: prf.to_dict() for t, prf in sorted(self.per_type.items())},
            "confusion": _confusion_dict(self.confusion),
            "errors": [e.to_dict() for e in self.errors],
        }


def _pred_actors(actors: Any) -> list[tuple[str | None, str | None]]:
    out = []
    for a in actors or []:
        get = a.get if isinstance(a, Mapping) else (lambda k, _a=a: getattr(_a, k, None))
        country = get("country")
        country = str(country).upper() if country else None
        country = PLOVER_PREDICTED_COUNTRY.get(country, country) if country else None
        sector = get("sector")
        out.append((country, str(sector).upper() if sector else None))
    return out


@dataclass(slots=True)
class _PloverGrade:
    participants: bool
    actor_ok: bool
    recipient_ok: bool
    sector_hits: int
    sector_n: int
    detail: str

    def key(self) -> tuple[bool, int, int]:
        return (self.participants, int(self.actor_ok) + int(self.recipient_ok), self.sector_hits)


def _grade_plover(gold: PloverSentence, pred: Mapping[str, Any]) -> _PloverGrade:
    actors, recipients = _pred_actors(pred.get("actor")), _pred_actors(pred.get("recipient"))
    p_act = {c for c, _ in actors if c}
    p_rec = {c for c, _ in recipients if c}
    g_src = {a.country for a in gold.source if a.country}
    g_tar = {a.country for a in gold.target if a.country}
    # a meeting has no direction both sides agree on (PLOVER codes the host as source, accord
    # the visitor as actor): also so for a planned CONSULT compared as an AGREE
    union = gold.reciprocal or gold.event == "CONSULT" or str(pred.get("type") or "").upper() == "CONSULT"
    if union:
        ok = (g_src | g_tar) == (p_act | p_rec)
        detail = f"countries gold {_fmt(g_src | g_tar)} vs predicted {_fmt(p_act | p_rec)}"
    else:
        ok = g_src == p_act and g_tar == p_rec
        detail = (
            f"gold source {_fmt(g_src)} -> target {_fmt(g_tar)}; "
            f"predicted actor {_fmt(p_act)} -> recipient {_fmt(p_rec)}"
        )
    hits = n = 0
    for side, gold_actors in (("source", gold.source), ("target", gold.target)):
        pool = actors + recipients if union else (actors if side == "source" else recipients)
        for a in gold_actors:
            if a.sector is None:
                continue
            n += 1
            if (a.country, a.sector) in pool:
                hits += 1
    return _PloverGrade(ok, g_src == p_act, g_tar == p_rec, hits, n, detail)


def score_plover(
    predictions: Mapping[str, Sequence[Mapping[str, Any]]], gold: list[PloverSentence]
) -> PloverScores:
    """Score predicted events per sentence id against PLOVER gold (rules in the module doc).

    ``predictions`` maps a gold sentence ``id`` to the export-format events accord found in
    that sentence's ``text`` (an id with no entry counts as no events).
    """
    gold_ids = {g.id for g in gold}
    ignored = sum(len(v) for k, v in predictions.items() if k not in gold_ids)
    events = PRF()
    strict = PRF()
    per_type: dict[str, PRF] = defaultdict(PRF)
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[ErrorItem] = []
    matched = participants_ok = 0
    actor_ok = actor_n = recipient_ok = recipient_n = sector_hits = sector_n = 0

    for g in gold:
        preds = list(predictions.get(g.id, []))
        by_type: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for p in preds:
            by_type[plover_type(p)].append(p)
        extra = sorted(t for t in by_type if t != g.event)
        if g.event in by_type:
            matched += 1
            events.tp += 1
            per_type[g.event].tp += 1
            confusion[(g.event, g.event)] += 1
            for t in extra:
                confusion[("-", t)] += 1
            grade = max((_grade_plover(g, p) for p in by_type[g.event]), key=_PloverGrade.key)
            if grade.participants:
                participants_ok += 1
                strict.tp += 1
            else:
                strict.fp += 1
                strict.fn += 1
                errors.append(ErrorItem(
                    "wrong_participants", g.id, g.id, None, g.event, g.event, g.text,
                    grade.detail,
                ))
            if g.source:
                actor_n += 1
                actor_ok += grade.actor_ok
            if g.target:
                recipient_n += 1
                recipient_ok += grade.recipient_ok
            sector_hits += grade.sector_hits
            sector_n += grade.sector_n
        else:
            events.fn += 1
            strict.fn += 1
            per_type[g.event].fn += 1
            for t in extra:
                confusion[(g.event, t)] += 1
            if not extra:
                confusion[(g.event, "-")] += 1
            errors.append(ErrorItem(
                "miss", g.id, g.id, None, g.event, None, g.text,
                f"gold {g.original_event}"
                + (f" ({g.event_text!r})" if g.event_text else "")
                + (f"; predicted {', '.join(extra)}" if extra else "; nothing predicted"),
            ))
        for t in extra:
            events.fp += 1
            strict.fp += 1
            per_type[t].fp += 1
            ids = ", ".join(str(p.get("id")) for p in by_type[t] if p.get("id"))
            errors.append(ErrorItem(
                "false_alarm", g.id, g.id, ids or None, g.event, t, g.text,
                f"predicted {t} where the gold codes {g.event}",
            ))

    def rate(ok: int, n: int) -> float:
        return ok / n if n else 0.0

    errors.sort(key=_error_key)
    return PloverScores(
        events=events,
        events_participants=strict,
        per_type=dict(per_type),
        confusion=dict(confusion),
        participants_accuracy=rate(participants_ok, matched),
        actor_country_accuracy=rate(actor_ok, actor_n),
        recipient_country_accuracy=rate(recipient_ok, recipient_n),
        sector_accuracy=rate(sector_hits, sector_n),
        errors=errors,
        sentences=len(gold),
        matched=matched,
        actor_country_n=actor_n,
        recipient_country_n=recipient_n,
        sector_n=sector_n,
        ignored=ignored,
    )
