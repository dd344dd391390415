"""PLV scorer: a hand-made TSV and hand-made predictions, counts checked exactly.

The real ``../shared/gold/plv/train.tsv`` is only read by the CLI test, which skips without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accord.errors import InputError
from accord.evaluate.plv import (
    PlvPair,
    event_summary,
    load_plv_gold,
    matches_label,
    names_sides,
    score_plv,
    span_words,
)
from accord.evaluate.runs import plv_documents

HEADER = "pair\tlabel\tsource\ttarget\tsentence\tmarked_sentence"
S1 = 'Iran condemned a "U.S." court decision.'
S2 = "Germany and France agreed to hold talks."
S3 = "Israel released 20 Palestinian prisoners."


def write_tsv(path: Path, rows: list[tuple[str, ...]], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *("\t".join(r) for r in rows)]) + "\n", encoding="utf-8")
    return path


ROWS = [
    ("0", "ACCUSE", "Iran", 'a "U.S." court decision', S1, '<s>Iran</s> condemned <t>a "U.S." court decision</t>.'),
    ("1", "AGREE", "Germany", "France", S2, "<s>Germany</s> and <t>France</t> agreed to hold talks."),
    ("2", "CONSULT", "Germany", "France", S2, "<s>Germany</s> and <t>France</t> agreed to hold talks."),
    ("3", "YIELD", "Israel", "a recipient", S3, "<s>Israel</s> released 20 Palestinian prisoners."),
]


def actor(text: str, country: str | None = None, entity: str | None = None) -> dict[str, Any]:
    return {"text": text, "country": country, "sector": None, "entity": entity, "role": None}


def event(type_: str, actors: list, recipients: list = (), status: str = "occurred") -> dict[str, Any]:
    return {"type": type_, "status": status, "actor": list(actors), "recipient": list(recipients)}


def pair(label: str = "ACCUSE", source: str = "Iran", target: str = "the United States",
         marked: str | None = None) -> PlvPair:
    marked = marked if marked is not None else f"<s>{source}</s> x <t>{target}</t>"
    return PlvPair("9", label, source, target, "s", marked)


# --- reading -----------------------------------------------------------------------------------


def test_load_reads_rows_without_quoting_and_upper_cases_labels(tmp_path: Path) -> None:
    rows = [*ROWS[:1], ("7", "yield", "Israel", "a recipient", S3, ROWS[3][5])]
    pairs = load_plv_gold(write_tsv(tmp_path / "g.tsv", rows))
    assert [p.pair for p in pairs] == ["0", "7"]
    assert pairs[0].target == 'a "U.S." court decision' and pairs[0].sentence == S1
    assert pairs[1].label == "YIELD" and pairs[1].line == 3
    assert pairs[0].target_marked and not pairs[1].target_marked


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([ROWS[0]], "pair\tlabel\tsource\tsentence", "lacks target, marked_sentence"),
        ([("0", "ACCUSE", "Iran", "x", S1)], HEADER, ":2: 5 field(s)"),
        ([("0", "FIGHTS", "Iran", "x", S1, S1)], HEADER, "unknown label 'FIGHTS'"),
        ([("0", "ACCUSE", "Iran", "x", " ", S1)], HEADER, ":2: empty sentence"),
    ],
)
def test_bad_files_raise_input_error_naming_the_line(tmp_path: Path, rows, header, message) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_plv_gold(write_tsv(tmp_path / "g.tsv", rows, header))


def test_missing_file_says_to_check_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--gold"):
        load_plv_gold(tmp_path / "nope.tsv")


# --- words and matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the U.S. Supreme Court", {"us", "supreme", "court"}),
        ("U.N. officials", {"un", "officials"}),
        ("Mr Erdogan's critics", {"erdogan", "critics"}),
        ("the EU and its members", {"eu", "members"}),
        ("us of an", set()),
        ("Ministry of Foreign Affairs", {"ministry", "foreign", "affairs"}),
        (None, set()),
    ],
)
def test_span_words(text: str | None, words: set[str]) -> None:
    assert span_words(text) == words


def test_label_matching_maps_yield_and_intent_to_agree() -> None:
    assert matches_label("ACCUSE", event("ACCUSE", []))
    assert not matches_label("ACCUSE", event("REJECT", []))
    assert matches_label("YIELD", event("CONCEDE", [])) and matches_label("YIELD", event("RETREAT", []))
    assert not matches_label("YIELD", event("AGREE", []))
    assert matches_label("AGREE", event("CONSULT", [], status="planned"))
    assert matches_label("AGREE", event("AID", [], status="proposed"))
    assert not matches_label("AGREE", event("CONSULT", []))
    assert matches_label("CONSULT", event("CONSULT", [], status="planned"))


def test_directed_event_needs_source_on_actor_and_target_on_recipient() -> None:
    p = pair(target="the U.S.")
    right = event("ACCUSE", [actor("Iran", "IRN")], [actor("Washington", "USA", entity="United States")])
    assert not names_sides(p, right)  # "the U.S." is {"us"}: no word shared with the entity
    assert names_sides(p, event("ACCUSE", [actor("Iran's envoy")], [actor("U.S. envoys")]))
    assert not names_sides(p, event("ACCUSE", [actor("U.S. envoys")], [actor("Iran's envoy")]))
    assert not names_sides(p, event("ACCUSE", [actor("Iranian officials")], [actor("U.S. envoys")]))  # words, not stems
    assert not names_sides(p, event("ACCUSE", [actor("Iran")], [actor("Iraq")]))
    by_entity = event("ACCUSE", [actor("He", entity="Iran Foreign Ministry")], [actor("the U.S.")])
    assert names_sides(p, by_entity)


def test_reciprocal_and_consult_events_take_either_side() -> None:
    p = pair("CONSULT", "Germany", "France")
    assert names_sides(p, event("AGREE", [actor("France"), actor("Germany")]))
    assert names_sides(p, event("CONSULT", [actor("France")], [actor("Germany")]))
    assert not names_sides(p, event("AGREE", [actor("Germany"), actor("Spain")]))
    directed = event("SUPPORT", [actor("France")], [actor("Germany")])
    assert not names_sides(pair("SUPPORT", "Germany", "France"), directed)


def test_an_unmarked_target_is_checked_on_the_source_alone() -> None:
    p = pair("YIELD", "Israel", "a recipient", marked="<s>Israel</s> released prisoners.")
    assert names_sides(p, event("RETREAT", [actor("Israel")], [actor("Palestinian")]))
    assert not names_sides(p, event("RETREAT", [actor("Hamas")], [actor("Israel")]))


def test_event_summary_names_type_status_and_sides() -> None:
    e = event("ACCUSE", [actor("Iran", "IRN")], [actor("the court")], status="negated")
    assert event_summary(e) == "ACCUSE/negated: Iran (IRN) -> the court (?)"
    assert event_summary(event("AGREE", [])) == "AGREE/occurred: — -> —"


# --- scoring -----------------------------------------------------------------------------------


def test_score_counts_per_label_and_overall(tmp_path: Path) -> None:
    pairs = load_plv_gold(write_tsv(tmp_path / "g.tsv", ROWS))
    predictions = {
        S1: [event("ACCUSE", [actor("Iran", "IRN")], [actor("a U.S. court", "USA")])],
        S2: [event("CONSULT", [actor("Germany"), actor("France")], status="planned")],
        # S3 got nothing
    }
    s = score_plv(pairs, predictions)
    assert (s.overall.n, s.overall.type_hits, s.overall.no_events, s.overall.participant_hits) == (4, 3, 1, 3)
    assert s.overall.type_hit == pytest.approx(0.75) and s.overall.no_event == pytest.approx(0.25)
    assert s.sentences == 3 and s.events == 2 and s.target_unmarked == 1
    assert s.per_label["AGREE"].type_hits == 1 and s.per_label["CONSULT"].participant_hits == 1
    assert s.per_label["YIELD"].to_dict()["no_event"] == 1.0
    assert [(e.kind, e.pair, e.predicted) for e in s.errors] == [("type", "3", ())]
    d = s.to_dict()
    assert d["pairs"] == 4 and d["type_hit"] == 0.75 and set(d["per_label"]) == {"ACCUSE", "AGREE", "CONSULT", "YIELD"}


def test_type_misses_come_before_participant_misses_with_what_was_predicted(tmp_path: Path) -> None:
    pairs = load_plv_gold(write_tsv(tmp_path / "g.tsv", ROWS))
    predictions = {
        S1: [event("ACCUSE", [actor("Iraq", "IRQ")], [actor("Syria", "SYR")])],  # type right, sides wrong
        S2: [event("REJECT", [actor("Germany", "DEU")], [actor("France", "FRA")])],  # type wrong twice
    }
    s = score_plv(pairs, predictions)
    assert [(e.kind, e.pair) for e in s.errors] == [("type", "1"), ("type", "2"), ("type", "3"), ("participants", "0")]
    assert s.errors[0].predicted == ("REJECT/occurred: Germany (DEU) -> France (FRA)",)
    assert s.errors[-1].marked_sentence == ROWS[0][5]
    assert s.overall.participant_hits == 0 and s.overall.no_events == 1


def test_plv_documents_go_through_ingest_one_per_sentence_without_the_date_problem(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "g.tsv", ROWS)
    docs, problems, sentence_of = plv_documents(load_plv_gold(path), path)
    assert [d.doc_origin for d in docs] == ["plv-0", "plv-1", "plv-3"]
    assert problems == []
    assert sentence_of == {"plv-0": S1, "plv-1": S2, "plv-3": S3}
    assert docs[1].text == S2 and docs[1].published is None and docs[1].origin == str(path)
    assert len({d.id for d in docs}) == 3
