"""Scorer tests: small hand-made gold and predictions, counts checked exactly.

Tests that read the real gold under ``<root>/shared/gold`` skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from accord.errors import InputError
from accord.evaluate.scoring import (
    PRF,
    date_matches,
    load_plover_gold,
    normalise_name,
    plover_type,
    score_actors,
    score_documents,
    score_plover,
    score_seed_events,
    split_actor_code,
)
from accord.model import EVENT_TYPES

GOLD_ROOT = Path(__file__).resolve().parents[3] / "shared" / "gold"


# ---------------------------------------------------------------------------------------------
# helpers


def actor(country: str | None, sector: str | None = None, text: str = "x") -> dict[str, Any]:
    return {"text": text, "country": country, "sector": sector, "entity": None, "role": None}


def gold_event(
    gid: str, doc: str, type_: str, spans: list[tuple[int, int]], *,
    alt: tuple[str, ...] = (), optional: bool = False, actors: tuple[str, ...] = ("UKR",),
    recipients: tuple[str, ...] = ("AZE",), status: str = "occurred",
    date: dict[str, str] | None = None, mode: str | None = None,
) -> dict[str, Any]:
    return {
        "id": gid, "doc": doc, "type": type_, "alt_types": list(alt), "mode": mode,
        "status": status, "date": date, "location": None,
        "actor": [actor(c) for c in actors], "recipient": [actor(c) for c in recipients],
        "contexts": [], "optional": optional,
        "mentions": [{"start": s, "end": e, "text": f"gold {gid} {s}-{e}"} for s, e in spans],
    }


def pred_event(
    pid: str, doc: str, type_: str, spans: list[tuple[int, int]], *,
    actors: tuple[str | None, ...] = ("UKR",), recipients: tuple[str | None, ...] = ("AZE",),
    status: str = "occurred", date: dict[str, str] | None = None, mode: str | None = None,
) -> dict[str, Any]:
    return {
        "id": pid, "doc_id": f"hash-{doc}", "doc_origin": doc, "type": type_, "mode": mode,
        "status": status, "date": date, "location": None,
        "actor": [actor(c) for c in actors], "recipient": [actor(c) for c in recipients],
        "contexts": [],
        "mentions": [{"start": s, "end": e, "text": f"pred {pid} {s}-{e}"} for s, e in spans],
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def score(tmp_path: Path, gold: list[dict[str, Any]], preds: list[dict[str, Any]], **kw: Any):
    return score_seed_events(preds, write_jsonl(tmp_path / "events.jsonl", gold), **kw)


def kinds(scores: Any) -> list[tuple[str, str | None, str | None]]:
    return [(e.kind, e.gold_id, e.predicted_id) for e in scores.errors]


# ---------------------------------------------------------------------------------------------
# PRF and dates


def test_prf_derives_precision_recall_f1() -> None:
    prf = PRF(tp=2, fp=2, fn=0)
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(1.0)
    assert prf.f1 == pytest.approx(2 / 3)
    assert PRF().f1 == 0.0 and PRF().precision == 0.0
    assert prf.to_dict() == {"tp": 2, "fp": 2, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667}


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ({"value": "2026", "precision": "year"}, {"value": "2026-01-29", "precision": "day"}, True),
        ({"value": "2026-01-29", "precision": "day"}, {"value": "2026", "precision": "year"}, False),
        ({"value": "2026-01", "precision": "month"}, {"value": "2026-01-29", "precision": "day"}, True),
        ({"value": "2026-02", "precision": "month"}, {"value": "2026-01-29", "precision": "day"}, False),
        ({"value": "2020-Q2", "precision": "quarter"}, {"value": "2020-06-17", "precision": "day"}, True),
        ({"value": "2020-Q1", "precision": "quarter"}, {"value": "2020-06", "precision": "month"}, False),
        ({"value": "2025", "precision": "year"}, {"value": "2026-01-29", "precision": "day"}, False),
        (None, None, True),
        (None, {"value": "2026", "precision": "year"}, False),
        ({"value": "2026", "precision": "year"}, None, False),
    ],
)
def test_date_is_compared_at_gold_precision(gold: Any, predicted: Any, expected: bool) -> None:
    assert date_matches(gold, predicted) is expected


# ---------------------------------------------------------------------------------------------
# seed events: matching


def test_exact_and_alt_type_match_and_wrong_type(tmp_path: Path) -> None:
    gold = [
        gold_event("g1", "a.txt", "AGREE", [(0, 10)], alt=("SUPPORT",)),
        gold_event("g2", "a.txt", "AGREE", [(20, 30)]),
        gold_event("g3", "a.txt", "AID", [(40, 50)]),
    ]
    preds = [
        pred_event("p1", "a.txt", "SUPPORT", [(2, 5)]),  # alt type of g1
        pred_event("p2", "a.txt", "AGREE", [(25, 40)]),  # exact type of g2
        pred_event("p3", "a.txt", "CONSULT", [(40, 45)]),  # overlaps g3 with another type
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (2, 1, 1)
    assert s.duplicates == 0
    assert ("false_alarm", "g3", "p3") in kinds(s)
    assert ("miss", "g3", None) in kinds(s)


def test_overlap_is_half_open(tmp_path: Path) -> None:
    gold = [gold_event("g1", "a.txt", "AID", [(10, 20)])]
    touching = score(tmp_path, gold, [pred_event("p1", "a.txt", "AID", [(20, 30)])])
    assert (touching.events.tp, touching.events.fp, touching.events.fn) == (0, 1, 1)
    one_char = score(tmp_path, gold, [pred_event("p1", "a.txt", "AID", [(0, 5), (19, 30)])])
    assert (one_char.events.tp, one_char.events.fp, one_char.events.fn) == (1, 0, 0)


def test_wrong_document_does_not_match_and_unknown_documents_are_ignored(tmp_path: Path) -> None:
    gold = [
        gold_event("g1", "a.txt", "AID", [(0, 10)]),
        gold_event("g2", "b.txt", "AID", [(100, 110)]),
    ]
    preds = [
        pred_event("p1", "b.txt", "AID", [(0, 10)]),  # a.txt's spans, but in b.txt
        pred_event("p2", "c.txt", "AID", [(0, 10)]),  # a document without gold
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (0, 1, 2)
    assert s.ignored == 1
    assert s.docs == 2
    only_b = score(tmp_path, gold, preds, docs={"b.txt"})
    assert (only_b.events.tp, only_b.events.fp, only_b.events.fn) == (0, 1, 1)
    assert only_b.ignored == 1


def test_assignment_is_one_to_one_and_maximal(tmp_path: Path) -> None:
    # p1 overlaps g1 (more) and g2; p2 overlaps only g1. Greedy by overlap would give
    # p1-g1 and leave p2 and g2 unmatched; the assignment matches both.
    gold = [
        gold_event("g1", "a.txt", "AID", [(0, 20)]),
        gold_event("g2", "a.txt", "AID", [(20, 30)]),
    ]
    preds = [
        pred_event("p1", "a.txt", "AID", [(5, 22)]),
        pred_event("p2", "a.txt", "AID", [(0, 4)]),
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (2, 0, 0)
    assert s.duplicates == 0


def test_duplicates_are_reported_apart_from_false_alarms(tmp_path: Path) -> None:
    gold = [gold_event("g1", "a.txt", "AID", [(0, 20)])]
    preds = [
        pred_event("p1", "a.txt", "AID", [(0, 20)]),
        pred_event("p2", "a.txt", "AID", [(5, 10)]),
        pred_event("p3", "a.txt", "AID", [(15, 30)]),
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 0, 0)
    assert s.duplicates == 2
    assert ("duplicate", "g1", "p2") in kinds(s) and ("duplicate", "g1", "p3") in kinds(s)
    assert s.per_type["AID"].fp == 0
    assert s.events_participants.fp == 0


def test_assignment_prefers_exact_type_then_more_overlap(tmp_path: Path) -> None:
    gold = [
        gold_event("g1", "a.txt", "AGREE", [(0, 20)], alt=("SUPPORT",)),
        gold_event("g2", "a.txt", "SUPPORT", [(0, 20)]),
    ]
    s = score(tmp_path, gold, [pred_event("p1", "a.txt", "SUPPORT", [(0, 20)])])
    assert (s.events.tp, s.events.fn) == (1, 1)
    assert ("miss", "g1", None) in kinds(s)

    gold = [
        gold_event("g1", "a.txt", "AID", [(0, 10)]),
        gold_event("g2", "a.txt", "AID", [(10, 40)]),
    ]
    s = score(tmp_path, gold, [pred_event("p1", "a.txt", "AID", [(8, 30)])])
    assert (s.events.tp, s.events.fn) == (1, 1)
    assert ("miss", "g1", None) in kinds(s)


def test_optional_gold_is_never_a_miss_nor_a_false_alarm(tmp_path: Path) -> None:
    gold = [
        gold_event("g1", "a.txt", "ASSAULT", [(0, 10)], optional=True),
        gold_event("g2", "a.txt", "ASSAULT", [(50, 60)], optional=True),
        gold_event("g3", "a.txt", "SUPPORT", [(100, 120)]),
        gold_event("g4", "a.txt", "SUPPORT", [(100, 120)], optional=True),
    ]
    preds = [
        pred_event("p1", "a.txt", "ASSAULT", [(0, 10)]),  # finds optional g1
        pred_event("p2", "a.txt", "SUPPORT", [(100, 110)]),  # g3 (required) over g4
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 0, 0)
    assert s.optional_found == 1
    assert ("optional_found", "g1", "p1") in kinds(s)
    assert not any(k == "miss" for k, _, _ in kinds(s))
    assert s.matched == 1


# ---------------------------------------------------------------------------------------------
# seed events: participants, status, date, mode


def test_participants_consult_and_reciprocal_compare_the_union(tmp_path: Path) -> None:
    gold = [
        gold_event("c", "a.txt", "CONSULT", [(0, 10)], actors=("UKR",), recipients=("AZE",)),
        gold_event("r", "a.txt", "AGREE", [(20, 30)], actors=("UKR", "AZE"), recipients=()),
        gold_event("d", "a.txt", "SUPPORT", [(40, 50)], actors=("UKR",), recipients=("AZE",)),
        gold_event("e", "a.txt", "AID", [(60, 70)], actors=("UKR",), recipients=("AZE",)),
        gold_event("f", "a.txt", "ACCUSE", [(80, 90)], actors=("UKR",), recipients=("AZE",)),
    ]
    preds = [
        # visit orientation flipped: still right for CONSULT
        pred_event("pc", "a.txt", "CONSULT", [(0, 10)], actors=("AZE",), recipients=("UKR",)),
        # reciprocal gold, directed prediction, plus a null country: right
        pred_event("pr", "a.txt", "AGREE", [(20, 30)], actors=("UKR", None), recipients=("AZE",)),
        # directed gold, flipped prediction: wrong
        pred_event("pd", "a.txt", "SUPPORT", [(40, 50)], actors=("AZE",), recipients=("UKR",)),
        # directed gold, same direction: right
        pred_event("pe", "a.txt", "AID", [(60, 70)], actors=("UKR",), recipients=("AZE",)),
        # directed gold, a country missing: wrong
        pred_event("pf", "a.txt", "ACCUSE", [(80, 90)], actors=("UKR",), recipients=()),
    ]
    s = score(tmp_path, gold, preds)
    assert (s.events.tp, s.events.fp, s.events.fn) == (5, 0, 0)
    assert (s.events_participants.tp, s.events_participants.fp, s.events_participants.fn) == (3, 2, 2)
    wrong = sorted(e.gold_id for e in s.errors if e.kind == "wrong_participants")
    assert wrong == ["d", "f"]
    detail = next(e.detail for e in s.errors if e.gold_id == "d" and e.kind == "wrong_participants")
    assert "{UKR}" in detail and "{AZE}" in detail


def test_consult_with_wrong_union_is_wrong(tmp_path: Path) -> None:
    gold = [gold_event("c", "a.txt", "CONSULT", [(0, 10)], actors=("BLR", "BLR"), recipients=("AZE",))]
    s = score(tmp_path, gold, [pred_event("p", "a.txt", "CONSULT", [(0, 10)], actors=("BLR",), recipients=("RUS",))])
    assert (s.events_participants.tp, s.events_participants.fn) == (0, 1)


def test_status_date_and_mode_accuracy_over_matched(tmp_path: Path) -> None:
    year = {"value": "2026", "precision": "year"}
    day = {"value": "2026-01-29", "precision": "day"}
    gold = [
        gold_event("g1", "a.txt", "AID", [(0, 10)], date=year, status="planned"),
        gold_event("g2", "a.txt", "AID", [(20, 30)], date=day, mode="visit"),
        gold_event("g3", "a.txt", "AID", [(40, 50)], date=None),
        gold_event("g4", "a.txt", "AID", [(60, 70)], date=None),
    ]
    preds = [
        pred_event("p1", "a.txt", "AID", [(0, 10)], date=day, status="planned"),  # date right
        pred_event("p2", "a.txt", "AID", [(20, 30)], date=year, mode="phone"),  # date too coarse
        pred_event("p3", "a.txt", "AID", [(40, 50)], date=None, status="planned"),  # null = null
        pred_event("p4", "a.txt", "AID", [(60, 70)], date=day),  # gold has no date
        pred_event("p5", "a.txt", "AID", [(90, 99)], date=day),  # false alarm: not counted
    ]
    s = score(tmp_path, gold, preds)
    assert s.matched == 4
    assert s.date_accuracy == pytest.approx(2 / 4)
    assert s.status_accuracy == pytest.approx(3 / 4)
    assert s.mode_accuracy == pytest.approx(3 / 4)
    assert sorted(e.gold_id for e in s.errors if e.kind == "wrong_date") == ["g2", "g4"]
    assert [e.gold_id for e in s.errors if e.kind == "wrong_status"] == ["g3"]
    assert [e.gold_id for e in s.errors if e.kind == "wrong_mode"] == ["g2"]


def test_no_match_gives_zero_accuracies(tmp_path: Path) -> None:
    s = score(tmp_path, [gold_event("g1", "a.txt", "AID", [(0, 10)])], [])
    assert (s.matched, s.status_accuracy, s.date_accuracy) == (0, 0.0, 0.0)
    assert (s.events.fn, s.events_participants.fn) == (1, 1)


# ---------------------------------------------------------------------------------------------
# seed events: per type, confusion, errors


def test_per_type_and_confusion_counts(tmp_path: Path) -> None:
    gold = [
        gold_event("g1", "a.txt", "AGREE", [(0, 10)], alt=("SUPPORT",)),
        gold_event("g2", "a.txt", "ASSAULT", [(20, 30)]),
        gold_event("g3", "a.txt", "SANCTION", [(40, 50)]),
        gold_event("g4", "a.txt", "AGREE", [(60, 70)]),
    ]
    preds = [
        pred_event("p1", "a.txt", "SUPPORT", [(0, 10)]),  # tp via alt type
        pred_event("p2", "a.txt", "CONSULT", [(20, 30)]),  # wrong type on g2
        pred_event("p3", "a.txt", "PROTEST", [(80, 90)]),  # overlaps nothing
        pred_event("p4", "a.txt", "AGREE", [(60, 70)]),  # tp
    ]
    s = score(tmp_path, gold, preds)
    assert s.confusion == {
        ("AGREE", "SUPPORT"): 1,
        ("AGREE", "AGREE"): 1,
        ("ASSAULT", "CONSULT"): 1,
        ("-", "PROTEST"): 1,
        ("SANCTION", "-"): 1,
    }
    assert {t: (p.tp, p.fp, p.fn) for t, p in s.per_type.items()} == {
        "AGREE": (2, 0, 0),
        "ASSAULT": (0, 0, 1),
        "CONSULT": (0, 1, 0),
        "PROTEST": (0, 1, 0),
        "SANCTION": (0, 0, 1),
    }
    assert (s.events.tp, s.events.fp, s.events.fn) == (2, 2, 2)
    assert s.events.f1 == pytest.approx(0.5)


def test_errors_carry_the_evidence_text(tmp_path: Path) -> None:
    gold = [gold_event("g1", "a.txt", "AID", [(30, 40), (0, 10)])]
    s = score(tmp_path, gold, [pred_event("p1", "a.txt", "THREATEN", [(100, 110)])])
    miss = next(e for e in s.errors if e.kind == "miss")
    alarm = next(e for e in s.errors if e.kind == "false_alarm")
    assert miss.text == "gold g1 0-10" and miss.doc == "a.txt" and miss.gold_type == "AID"
    assert alarm.text == "pred p1 100-110" and alarm.predicted_type == "THREATEN"
    assert [e.kind for e in s.errors] == ["miss", "false_alarm"]  # sorted by position
    dumped = json.loads(json.dumps(s.to_dict()))
    assert dumped["events"]["fn"] == 1
    assert {"gold": "AID", "predicted": "-", "count": 1} in dumped["confusion"]


def test_bad_gold_lines_raise_input_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(gold_event("g1", "a.txt", "AID", [(0, 1)])) + "\n{oops\n")
    with pytest.raises(InputError, match=r"events\.jsonl:2"):
        score_seed_events([], path)
    with pytest.raises(InputError, match="cannot read"):
        score_seed_events([], tmp_path / "absent.jsonl")
    path.write_text(json.dumps({"id": "g1", "doc": "a.txt"}) + "\n")
    with pytest.raises(InputError, match="type"):
        score_seed_events([], path)


# ---------------------------------------------------------------------------------------------
# actors


GOLD_ACTORS = [
    {"doc": "a.txt", "kind": "person", "name": "Alibala Maharramzada", "country": "AZE",
     "sector": "LEG", "aliases": ["Alibala Maharramzade"]},
    {"doc": "a.txt", "kind": "person", "name": "Yuriy Husyev", "country": "UKR", "sector": "GOV",
     "aliases": ["Husyev"]},
    {"doc": "a.txt", "kind": "organization", "name": "United Nations", "country": "UNO",
     "sector": None, "aliases": ["UN"]},
    {"doc": "b.txt", "kind": "person", "name": "Ilham Aliyev", "country": "AZE", "sector": "GOV",
     "aliases": []},
]


def test_normalise_name() -> None:
    assert normalise_name("  Husyev\u2019s ") == "husyev"
    assert normalise_name("ALIBALA   Maharramzade") == "alibala maharramzade"
    assert normalise_name("the Parties'") == "the parties"
    assert normalise_name(None) == ""


def test_actors_alias_merging(tmp_path: Path) -> None:
    gold_path = write_jsonl(tmp_path / "actors.jsonl", GOLD_ACTORS)
    predicted = [
        {"doc": "a.txt", "entity": "alibala  MAHARRAMZADE", "country": "AZE", "sector": "LEG"},
        {"doc": "a.txt", "entity": "Maharramzada", "country": "AZE", "sector": "LEG",
         "aliases": ["Alibala Maharramzada"]},  # merges through its own alias
        {"doc": "a.txt", "name": "Husyev's", "country": "UKR", "sector": "LEG"},  # wrong sector
        {"doc": "a.txt", "entity": "UN", "country": "UNO", "sector": None},
        {"doc": "a.txt", "entity": "Andrii Sybiha", "country": "UKR", "sector": "GOV"},
        {"doc": "b.txt", "entity": "Maharramzade", "country": "AZE", "sector": "LEG"},  # alias of a.txt only
        {"doc": "z.txt", "entity": "Nobody", "country": "USA", "sector": "GOV"},  # no gold doc
        {"doc": "a.txt", "entity": None, "country": "AZE", "sector": None},  # no name
    ]
    s = score_actors(predicted, gold_path)
    assert (s.actors.tp, s.actors.fp, s.actors.fn) == (2, 3, 2)
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (3, 2, 1)
    assert s.ignored == 2
    miss = {e.text for e in s.errors if e.kind == "actor_miss"}
    assert miss == {"Yuriy Husyev", "Ilham Aliyev"}
    husyev = next(e for e in s.errors if e.kind == "actor_miss" and e.text == "Yuriy Husyev")
    assert "UKR/LEG" in husyev.detail
    assert json.loads(json.dumps(s.to_dict()))["actors"]["tp"] == 2


# ---------------------------------------------------------------------------------------------
# documents


def test_documents_field_accuracy(tmp_path: Path) -> None:
    gold_path = write_jsonl(tmp_path / "documents.jsonl", [
        {"doc": "a.txt", "date": "2026-01-29", "title": None, "author": None, "source": "Report"},
        {"doc": "b.txt", "date": None, "title": "Ukraine, Azerbaijan  sign", "author": None, "source": None},
        {"doc": "c.txt", "date": "2020-06-18", "title": None, "author": "Ayya Lmahamad", "source": None},
    ])
    predicted = [
        {"doc_origin": "a.txt", "date": dt.date(2026, 1, 29), "title": None, "author": None, "source": "report"},
        {"doc_origin": "b.txt", "date": "2020-01-01", "title": "ukraine, azerbaijan sign", "author": None, "source": None},
        {"doc_origin": "b.txt", "date": None, "title": "Second item", "author": None, "source": None},
    ]
    s = score_documents(predicted, gold_path)
    assert s.docs == 3
    assert s.correct == {"date": 1, "title": 2, "author": 2, "source": 2}
    assert s.accuracy["title"] == pytest.approx(2 / 3)
    assert s.missing == ["c.txt"]
    assert [(m.doc, m.field) for m in s.mismatches] == [
        ("b.txt", "date"), ("c.txt", "date"), ("c.txt", "title"), ("c.txt", "author"),
        ("c.txt", "source"),
    ]
    assert json.loads(json.dumps(s.to_dict()))["correct"]["date"] == 1


# ---------------------------------------------------------------------------------------------
# PLOVER


def plover_record(
    rid: str, event: str, source: list[tuple[str, str, str | None]],
    target: Any = None, text: str = "A sentence.", **extra: Any,
) -> dict[str, Any]:
    def actors(items: list[tuple[str, str, str | None]]) -> list[dict[str, str]]:
        out = []
        for t, code, sector in items:
            a = {"actorText": t, "code": code}
            if sector:
                a["sector"] = sector
            out.append(a)
        return out

    record: dict[str, Any] = {
        "id": rid, "date": "2000-01-01", "source": actors(source), "event": event,
        "eventText": "evt", "context": "diplomatic, military", "text": text,
        "textInfo": {"markup": text}, "language": "en", **extra,
    }
    if target is not None:
        record["target"] = actors(target) if isinstance(target, list) else target
    return record


def test_split_actor_code() -> None:
    assert split_actor_code("USAGOV") == ("USA", "GOV")
    assert split_actor_code("IRQMIL") == ("IRQ", "MIL")
    assert split_actor_code("USA") == ("USA", None)
    assert split_actor_code("UNO") == ("UNO", None)
    assert split_actor_code("IGOUNOKID") == ("UNO", None)
    assert split_actor_code("IGO", "MIL") == ("IGO", "MIL")
    assert split_actor_code("JAP", "GOV") == ("JPN", "GOV")
    assert split_actor_code("TUR", "REFKUR") == ("TUR", "REF")
    assert split_actor_code("BIH", "MILsrp") == ("BIH", "MIL")
    assert split_actor_code("IRQ", "CIV") == ("IRQ", "CVL")
    assert split_actor_code("EGY", "MOS") == ("EGY", "REL")
    assert split_actor_code("IRN", "LAB") == ("IRN", None)
    assert split_actor_code("BGD", "***") == ("BGD", None)
    assert split_actor_code("AFGINSTAL") == ("AFG", "REB")
    assert split_actor_code("NGAGOVMOS") == ("NGA", "GOV")


def test_load_plover_gold_maps_types_actors_and_targets(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps([
        plover_record("d", "DEMAND", [("Iraq", "IRQ", None)], [("the US", "USA", "GOV")], mode=""),
        plover_record("f", "FIGHT", [("army", "ISRMIL", None)], [("Gaza", "PSE", "CVL")], mode="firearms"),
        plover_record("x", "DISAPPROVE", [("Japan", "JAP", "GOV")], []),
        plover_record("i", "INVESTIGATE", [("UN", "IGO", "GOV")], ""),
        plover_record("a", "AGREE", [("US", "USA", None), ("Jordan", "JOR", None)], ""),
        plover_record("p", "PROTEST", [("Kurds", "TUR", "REFKUR")]),
    ]))
    gold = load_plover_gold(path)
    assert [g.event for g in gold] == ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE", "AGREE", "PROTEST"]
    assert gold[0].original_event == "DEMAND"
    assert gold[0].mode is None and gold[1].mode == "firearms"
    assert gold[1].source[0].country == "ISR" and gold[1].source[0].sector == "MIL"
    assert gold[2].source[0].country == "JPN" and gold[2].target == ()
    assert gold[3].reciprocal and gold[4].reciprocal and gold[5].reciprocal
    assert not gold[0].reciprocal
    assert gold[5].source[0].sector == "REF"
    assert gold[0].context == ("diplomatic", "military")
    path.write_text(json.dumps([plover_record("q", "NEGOTIATE", [("x", "USA", None)])]))
    with pytest.raises(InputError, match="NEGOTIATE"):
        load_plover_gold(path)


def test_plover_type_maps_intent_to_agree() -> None:
    assert plover_type({"type": "CONSULT", "status": "planned"}) == "AGREE"
    assert plover_type({"type": "AID", "status": "proposed"}) == "AGREE"
    assert plover_type({"type": "COOPERATE", "status": "planned"}) == "AGREE"
    assert plover_type({"type": "SUPPORT", "status": "occurred"}) == "SUPPORT"
    assert plover_type({"type": "ASSAULT", "status": "planned"}) == "ASSAULT"
    assert plover_type({"type": "fight"}) == "ASSAULT"


def test_score_plover_events_and_confusion(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps([
        plover_record("s1", "AGREE", [("US", "USA", None), ("Jordan", "JOR", None)], "", text="S1"),
        plover_record("s2", "AGREE", [("Libya", "LBY", None)], [("Britain", "GBR", None)], text="S2"),
        plover_record("s3", "DEMAND", [("Iraq", "IRQ", None)], [("UN", "IGO", "GOV")], text="S3"),
        plover_record("s4", "FIGHT", [("army", "ISR", "MIL")], [("Gaza", "PSE", "CVL")], text="S4"),
    ]))
    gold = load_plover_gold(path)
    preds = {
        "s1": [pred_event("a", "s1", "COOPERATE", [], actors=("USA", "JOR"), recipients=(), status="planned")],
        "s2": [
            pred_event("b", "s2", "SUPPORT", [], actors=("LBY",), recipients=("GBR",), status="proposed"),
            pred_event("c", "s2", "THREATEN", [], actors=("LBY",), recipients=("GBR",)),
        ],
        "s3": [pred_event("d", "s3", "CONSULT", [], actors=("IRQ",), recipients=("UNO",))],
        "zz": [pred_event("e", "zz", "AID", [])],
    }
    s = score_plover(preds, gold)
    assert (s.events.tp, s.events.fp, s.events.fn) == (2, 2, 2)
    assert s.ignored == 1
    assert s.confusion == {
        ("AGREE", "AGREE"): 2, ("-", "THREATEN"): 1, ("REQUEST", "CONSULT"): 1,
        ("ASSAULT", "-"): 1,
    }
    assert {t: (p.tp, p.fp, p.fn) for t, p in s.per_type.items()} == {
        "AGREE": (2, 0, 0), "THREATEN": (0, 1, 0), "REQUEST": (0, 0, 1), "CONSULT": (0, 1, 0),
        "ASSAULT": (0, 0, 1),
    }
    miss = next(e for e in s.errors if e.kind == "miss" and e.doc == "s3")
    assert miss.text == "S3" and "DEMAND" in miss.detail and "CONSULT" in miss.detail
    assert json.loads(json.dumps(s.to_dict()))["events"]["tp"] == 2


def test_score_plover_participants_countries_and_sectors(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps([
        # reciprocal: union compared
        plover_record("r", "AGREE", [("US", "USA", None), ("Jordan", "JOR", None)], "", text="R"),
        # CONSULT hosted: PLOVER source is the host; accord's actor is the visitor
        plover_record("c", "CONSULT", [("Yeltsin", "RUS", "GOV")], [("Hashimoto", "JAP", "GOV")], text="C"),
        # directed, UN coded IGO in this gold
        plover_record("d", "DEMAND", [("Iraq", "IRQ", "GOV")], [("UN", "IGO", "GOV")], text="D"),
        # directed, flipped by the prediction
        plover_record("f", "FIGHT", [("army", "ISR", "MIL")], [("Gaza", "PSE", "CVL")], text="F"),
    ]))
    gold = load_plover_gold(path)
    preds = {
        "r": [pred_event("r1", "r", "AGREE", [], actors=("USA",), recipients=("JOR",))],
        "c": [{**pred_event("c1", "c", "CONSULT", [], actors=("JPN",), recipients=("RUS",)),
               "actor": [actor("JPN", "GOV")], "recipient": [actor("RUS", "GOV")]}],
        "d": [
            {**pred_event("d1", "d", "REQUEST", [], actors=("IRQ",), recipients=("USA",))},
            {**pred_event("d2", "d", "REQUEST", [], actors=("IRQ",), recipients=("UNO",)),
             "actor": [actor("IRQ", "GOV")], "recipient": [actor("UNO", "GOV")]},
        ],
        "f": [{**pred_event("f1", "f", "ASSAULT", [], actors=("PSE",), recipients=("ISR",)),
               "actor": [actor("PSE", "CVL")], "recipient": [actor("ISR", "MIL")]}],
    }
    s = score_plover(preds, gold)
    assert s.matched == 4
    assert (s.events_participants.tp, s.events_participants.fp, s.events_participants.fn) == (3, 1, 1)
    assert s.participants_accuracy == pytest.approx(3 / 4)
    assert [e.doc for e in s.errors if e.kind == "wrong_participants"] == ["f"]
    # actor countries: r {USA} vs {USA,JOR} wrong, c {JPN} vs {RUS} wrong, d right, f wrong
    assert (s.actor_country_n, s.actor_country_accuracy) == (4, pytest.approx(1 / 4))
    # recipient countries over golds with a target: c wrong, d right (best prediction), f wrong
    assert (s.recipient_country_n, s.recipient_country_accuracy) == (3, pytest.approx(1 / 3))
    # sectors: c RUS/GOV, JPN/GOV right (union); d IRQ/GOV, IGO/GOV right; f both on the wrong side
    assert (s.sector_n, s.sector_accuracy) == (6, pytest.approx(4 / 6))


def test_score_plover_planned_consult_compared_as_agree_ignores_direction(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    # "Morocco is ready to host a meeting between Israel and the PLO": PLOVER codes the host as
    # source; accord codes the host as the recipient of a visit
    path.write_text(json.dumps([
        plover_record("h", "AGREE", [("King", "MAR", "GOV")], [("Israel", "ISR", None), ("PLO", "PSE", None)], text="H"),
        plover_record("a", "AGREE", [("Iraq", "IRQ", None)], [("Iran", "IRN", None)], text="A"),
    ]))
    preds = {
        "h": [pred_event("h1", "h", "CONSULT", [], actors=("ISR", "PSE"), recipients=("MAR",), status="planned")],
        "a": [pred_event("a1", "a", "AGREE", [], actors=("IRN",), recipients=("IRQ",))],
    }
    s = score_plover(preds, load_plover_gold(path))
    assert s.matched == 2
    # the planned meeting is compared as a set; a real AGREE keeps its direction
    assert [e.doc for e in s.errors if e.kind == "wrong_participants"] == ["a"]


# ---------------------------------------------------------------------------------------------
# real gold (skipped when ../shared/gold is absent)


def _gold(relative: str) -> Path:
    path = GOLD_ROOT / relative
    if not path.exists():
        pytest.skip(f"{path} absent")
    return path


@pytest.mark.gold
def test_real_seed_events_score_perfectly_against_themselves() -> None:
    path = _gold("seeds/events.jsonl")
    gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert gold and all(g["type"] in EVENT_TYPES for g in gold)
    required = sum(not g.get("optional") for g in gold)
    s = score_seed_events([{**g, "doc_origin": g["doc"]} for g in gold], path)
    assert (s.events.tp, s.events.fp, s.events.fn) == (required, 0, 0)
    assert s.events_participants.f1 == 1.0
    assert (s.status_accuracy, s.date_accuracy, s.mode_accuracy) == (1.0, 1.0, 1.0)
    assert s.optional_found == len(gold) - required and s.duplicates == 0
    empty = score_seed_events([], path)
    assert empty.events.fn == required


@pytest.mark.gold
def test_real_seed_actors_score_perfectly_against_themselves() -> None:
    path = _gold("seeds/actors.jsonl")
    gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    s = score_actors(gold, path)
    assert s.actors.tp == len({(a["doc"], a["name"]) for a in gold}) and s.actors.fp == 0
    assert s.actors.fn == 0


@pytest.mark.gold
def test_real_seed_documents_score_perfectly_against_themselves() -> None:
    path = _gold("seeds/documents.jsonl")
    gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    s = score_documents([{**g, "doc_origin": g["doc"]} for g in gold], path)
    assert s.docs == len(gold) and set(s.accuracy.values()) == {1.0}
    assert score_documents([], path).missing == [g["doc"] for g in gold]


@pytest.mark.gold
def test_real_plover_gold_parses_and_maps() -> None:
    gold = load_plover_gold(_gold("plover_gsr/dev.json"))
    assert len(gold) > 100 and len({g.id for g in gold}) == len(gold)
    assert all(g.event in EVENT_TYPES for g in gold)
    assert {g.original_event for g in gold} & {"DEMAND", "FIGHT", "DISAPPROVE", "INVESTIGATE"}
    actors = [a for g in gold for a in g.source + g.target]
    assert all(a.country and len(a.country) == 3 and a.country.isupper() for a in actors)
    assert all(a.sector is None or (a.sector.isupper() and len(a.sector) == 3) for a in actors)
    perfect = {
        g.id: [{
            "type": g.event, "status": "occurred",
            "actor": [actor(a.country, a.sector) for a in g.source],
            "recipient": [actor(a.country, a.sector) for a in g.target],
        }]
        for g in gold
    }
    s = score_plover(perfect, gold)
    assert (s.events.tp, s.events.fp, s.events.fn) == (len(gold), 0, 0)
    assert s.participants_accuracy == 1.0 and s.sector_accuracy == 1.0


def test_assignment_matches_brute_force_on_random_graphs() -> None:
    import itertools
    import random

    from accord.evaluate.scoring import _max_weight_matching

    rng = random.Random(7)
    for _ in range(200):
        n_left, n_right = rng.randint(1, 4), rng.randint(1, 4)
        edges = {
            (a, b): rng.randint(1, 9)
            for a in range(n_left) for b in range(n_right) if rng.random() < 0.6
        }
        best = 0
        for perm in itertools.permutations(range(max(n_left, n_right)), n_left):
            best = max(best, sum(edges.get((a, b), 0) for a, b in enumerate(perm)))
        got = _max_weight_matching(edges)
        assert len({a for a, _ in got}) == len(got) == len({b for _, b in got})
        assert all(pair in edges for pair in got)
        assert sum(edges[pair] for pair in got) == best
