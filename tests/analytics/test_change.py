"""Change analytics on hand-made event tables with known answers."""

from __future__ import annotations

import pytest

from accord.analytics.change import Item, change_report, figures, temperature

# Jan: two meetings (+4 each); Mar: one meeting (+4) and an accusation (-3); Apr: three aid
# deliveries (+7 each); Feb quiet
TABLE = [
    Item("m1", "2024-01", 4.0, 1), Item("m2", "2024-01", 4.0, 1),
    Item("m3", "2024-03", 4.0, 1), Item("acc", "2024-03", -3.0, 3),
    Item("aid1", "2024-04", 7.0, 2), Item("aid2", "2024-04", 7.0, 2), Item("aid3", "2024-04", 7.0, 2),
]
SPAN = ["2024-01", "2024-02", "2024-03", "2024-04"]


def test_figures_per_period():
    figs = {f.period: f for f in figures(TABLE)}
    assert (figs["2024-03"].events, figs["2024-03"].index, figs["2024-03"].mean) == (2, 1.0, 0.5)
    assert figs["2024-03"].quads == {1: 1, 2: 0, 3: 1, 4: 0}


def test_deltas_compare_successive_periods_with_events():
    rep = change_report(TABLE, SPAN)
    d = {x.period: x for x in rep.deltas}
    assert d["2024-01"].previous is None
    assert (d["2024-03"].previous, d["2024-03"].quiet) == ("2024-01", 1)  # February quiet, not compared
    assert (d["2024-03"].d_events, d["2024-03"].d_index, d["2024-03"].d_mean) == (0, -7.0, -3.5)
    assert d["2024-03"].d_quads == {1: -1, 2: 0, 3: 1, 4: 0}
    assert (d["2024-04"].d_events, d["2024-04"].d_index) == (1, 20.0)


def test_notable_changes_and_their_drivers():
    rep = change_report(TABLE, SPAN)
    # index sums 8, 1, 21: sd 8.29; the April rise (+20) is notable, the March drop (-7) is not
    assert [x.period for x in rep.notable] == ["2024-04"]
    assert rep.notable[0].drivers == ["aid1", "aid2", "aid3"]
    drop = change_report([Item("a", "2024-01", 9.0, 2), Item("b", "2024-01", 9.0, 2),
                          Item("c", "2024-02", 1.0, 1), Item("d", "2024-03", 1.0, 1)])
    # a drop with no negative event: driven by what the previous period had
    feb = next(x for x in drop.notable if x.period == "2024-02")
    assert (feb.drivers, feb.drivers_from) == (["a", "b"], "2024-01")
    acc = change_report([Item("a", "2024-01", 9.0, 2), Item("b", "2024-02", -9.0, 4),
                         Item("c", "2024-03", 9.0, 2)])
    feb = next(x for x in acc.notable if x.period == "2024-02")
    assert (feb.drivers, feb.drivers_from) == (["b"], "2024-02")


def test_too_few_periods_have_no_notable_change():
    assert change_report(TABLE[:4]).notable == []


def test_temperature_against_own_baseline():
    t = temperature(TABLE)
    # baseline m1, m2, m3, acc: mean 2.25, sd 3.03; April mean 7 -> (7 - 2.25) / 3.03 = +1.57
    assert t.latest == "2024-04" and t.baseline_events == 4
    assert t.label == "too little history"  # 4 earlier events < MIN_BASELINE
    more = TABLE + [Item("m0", "2023-12", 4.0, 1)]
    t = temperature(more)
    # baseline 4, 4, 4, 4, -3: mean 2.6, sd 2.8 -> (7 - 2.6) / 2.8 = 1.571
    assert t.value == pytest.approx(1.571, abs=1e-3) and t.label == "much warmer"
    assert t.volume_ratio == pytest.approx(3 / (5 / 3), abs=1e-3)
    cool = temperature(more[:-1] + [Item("x", "2024-05", 1.0, 1)] + [Item("m0", "2023-12", 4.0, 1)])
    assert cool.label == "cooler"  # 1.0 against a baseline near 4.4
