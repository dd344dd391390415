"""accord.evaluate.timex: the TimeML reader and scorer on a tiny hand-made file, plus the gold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.evaluate.timex import evaluate_timex, read_tml, values_agree

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "tempeval3" / "TBAQ-cleaned"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-06-18" temporalFunction="false" functionInDocument="CREATION_TIME">June 18, 2020</TIMEX3></DCT>
<TEXT>
The ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2020-06-15">Monday</TIMEX3> in Baku and agreed to meet again <TIMEX3 tid="t2" type="DATE" value="2020-W27">next week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3>. Trade grew in the <TIMEX3 tid="t4" type="DATE" value="2020-Q1">first quarter of 2020</TIMEX3>, faster than in 2019. At <TIMEX3 tid="t5" type="DATE" value="PRESENT_REF">this crucial moment</TIMEX3>, talks go on.
</TEXT>
</TimeML>
"""


@pytest.fixture(scope="module")
def nlp():
    from accord.nlp.loader import load_model

    return load_model()


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "tiny.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == dt.date(2020, 6, 18)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2020-06-15"),
        ("next week", "DATE", "2020-W27"),
        ("two days", "DURATION", "P2D"),
        ("first quarter of 2020", "DATE", "2020-Q1"),
        ("this crucial moment", "DATE", "PRESENT_REF"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "<" not in doc.text and doc.text.startswith("\nThe ministers met Monday")


@pytest.mark.slow
def test_scorer_counts(tmp_path: Path, nlp) -> None:
    (tmp_path / "tiny.tml").write_text(TML, encoding="utf-8")
    s = evaluate_timex(tmp_path, nlp=nlp)
    # gold DATEs: Monday, next week, first quarter of 2020, this crucial moment (the DURATION and
    # the DCT are not scored); predicted: Monday, next week, the first quarter of 2020, 2019
    # ("two days" is a duration, left out)
    assert (s.files, s.gold, s.predicted) == (1, 4, 4)
    assert s.strict_tp == 2  # Monday, next week
    assert s.relaxed_tp == 3  # + "the first quarter of 2020" overlaps "first quarter of 2020"
    assert s.value_matched == 2  # Monday, the quarter; next week is W26, the gold says W27
    assert (s.strict_p, s.strict_r) == (0.5, 0.5)
    assert (s.relaxed_p, s.relaxed_r, s.relaxed_f1) == (0.75, 0.75, 0.75)
    assert s.value_accuracy == round(2 / 3, 4)
    kinds = sorted(e["kind"] for e in s.errors)
    assert kinds == ["missed", "span", "spurious", "value"]
    assert s.to_dict(with_errors=False)["gold"] == 4


def test_scorer_rejects_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_timex(tmp_path)


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [
        ("1998-02-13", "1998-02-13", True),
        ("1998-02-13", "1998-02", True),  # finer than the gold, same month
        ("1998-02", "1998-02-13", False),  # coarser never counts
        ("1989-08", "1989-Q3", True),
        ("1989-Q3", "1989", True),
        ("1989-Q3", "1989-Q4", False),
        ("1995", "199", True),
        ("199", "199X", True),  # decade spelled two ways
        ("19", "19XX", True),
        ("1989", "1989-XX", True),
        ("1989-W43", "1989-WXX", True),
        ("2000-W07", "2000-W7", True),
        ("1998-01-08", "1998-01-08TNI", True),  # part of day ignored
        ("1998-01-05", "1998-W02", True),
        ("1998-07", "1998-SU", True),
        ("PRESENT_REF", "PRESENT_REF", True),
        ("1998-01-08", "PRESENT_REF", False),
        ("PAST_REF", "FUTURE_REF", False),
        ("", "1998", False),
    ],
)
def test_values_agree(pred: str, gold: str, ok: bool) -> None:
    assert values_agree(pred, gold) is ok


@pytest.mark.gold
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is absent")
@pytest.mark.slow
def test_on_real_gold(nlp) -> None:
    s = evaluate_timex(GOLD, limit=4, nlp=nlp)
    assert s.files == 4 and s.gold > 0
    assert s.relaxed_f1 >= 0.7 and s.value_accuracy >= 0.7
