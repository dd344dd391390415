"""Topics in the dyad report, the HTML and Markdown briefs and `accord dyad --json`."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from accord.analytics.dyad import dyad_analytics
from accord.report import render_html, render_markdown

from . import sample, sample_cli


def _report():
    merged, docs = sample()
    return dyad_analytics(merged, "AZE", "UKR", documents=docs), merged, docs


def test_events_and_relationship_get_topics_with_their_words():
    report, _, _ = _report()
    rows = report.rows_by_id()
    assert rows["ev-b-aid"].topics == {"energy": ["power transformers"]}
    # the mention stops at "memorandum": the topic is read from its whole sentence
    assert rows["ev-a-sign"].topics == {"energy": ["energy"]}
    assert "defence" in rows["ev-e-exercise"].topics
    assert rows["ev-a-meet"].topics == {}
    energy = next(t for t in report.topics if t.topic == "energy")
    assert energy.events == 3  # memorandum, transformers, the accusation over gas deals
    assert [(p.period, p.events) for p in energy.periods] == [("2024-01", 1), ("2024-02", 1), ("2024-03", 1)]
    assert energy.examples[0].words == ["energy"]
    assert "energy sector" in energy.examples[0].sentence
    # the negated THREATEN is not counted, so it brings no topic
    assert all("ev-f-neg" not in t.event_ids for t in report.topics)
    assert report.document_topics["a" * 8 + "0" * 24]["energy"] == ["energy"]


def test_briefs_have_a_topics_section():
    report, merged, docs = _report()
    md = render_markdown(report, merged, docs, generated=dt.date(2024, 7, 1))
    block = md.split("## Topics\n", 1)[1].split("\n## ", 1)[0]
    assert "| Energy | 3 |" in block
    assert "2024-01: 1 · 2024-02: 1 · 2024-03: 1" in block
    assert "**energy** sector" in block
    page = render_html(report, merged, docs, generated=dt.date(2024, 7, 1))
    assert '<section id="topics"><h2>Topics</h2>' in page
    assert "<mark>power transformers</mark>" in page or "<mark>energy</mark>" in page
    assert 'href="#topics"' in page
    assert "topics: energy" in page  # each event's row names its topics
    assert "AID · topics: energy" in md


def test_a_long_run_of_active_periods_is_counted_by_year():
    from accord.analytics.topics import TopicPeriod, TopicStat
    from accord.report.common import topic_periods

    months = [TopicPeriod(f"{2020 + i // 12}-{i % 12 + 1:02d}", 1) for i in range(14)]
    assert topic_periods(TopicStat("energy", "Energy", 14, 1, months, [], [], undated=2)) == \
        "2020: 12 · 2021: 2 · undated: 2"
    assert topic_periods(TopicStat("energy", "Energy", 2, 1, months[:2], [], [])) == "2020-01: 1 · 2020-02: 1"


def test_dyad_prints_and_exports_topics(tmp_path):
    db, app = sample_cli(tmp_path)
    runner = CliRunner()
    env = {"COLUMNS": "250"}
    result = runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db)], env=env)
    assert result.exit_code == 0, result.output
    assert "Topics" in result.output and "Energy" in result.output
    data = json.loads(runner.invoke(app, ["dyad", "AZE", "UKR", "--db", str(db), "--json"]).stdout)
    energy = next(t for t in data["topics"] if t["topic"] == "energy")
    assert energy["events"] == 3 and energy["label"] == "Energy"
    assert any(r["topics"].get("energy") == ["power transformers"] for r in data["rows"])


def test_without_document_topics_the_report_is_the_same_but_for_them():
    """``topics_of_documents=False`` (the text tables and the briefs) only leaves
    ``document_topics`` empty; every other figure, and the rendered briefs, stay the same."""
    merged, docs = sample()
    full = dyad_analytics(merged, "AZE", "UKR", documents=docs)
    lean = dyad_analytics(merged, "AZE", "UKR", documents=docs, topics_of_documents=False)
    assert full.document_topics and lean.document_topics == {}
    assert {**full.to_dict(), "document_topics": {}} == lean.to_dict()
    assert render_html(lean, merged, docs) == render_html(full, merged, docs)
    assert render_markdown(lean, merged, docs) == render_markdown(full, merged, docs)
