"""A country's partners side by side, on the hand-made AZE corpus."""

from __future__ import annotations

from accord.analytics.partners import partner_countries, partners

from . import sample


def test_partners_ranked_with_dyad_figures():
    merged, docs = sample()
    assert partner_countries(merged, "AZE") == ["ARM", "UKR"]
    found = partners(merged, "aze", documents=docs)
    assert [p.country for p in found] == ["UKR", "ARM"]  # busiest first
    ukr = found[0]
    assert (ukr.events, ukr.counted) == (9, 8)  # the negated threat listed, not counted
    assert ukr.first == "2024-01-15" and ukr.last == "2024-06-05"
    assert ukr.latest[0] == "ev-f-visit"
    assert ukr.topics[0][0] == "Energy"
    assert ukr.commitments == {"happened": 1}  # the June meeting promised in January
    assert ukr.net_index == sum(p.score_sum for p in ukr.report.periods)
    assert found[1].events == 1 and found[1].quads[1] == 1


def test_report_with_one_country_writes_overview_and_briefs(tmp_path):
    from typer.testing import CliRunner

    from . import sample_cli

    db, app = sample_cli(tmp_path)
    target = tmp_path / "out" / "AZE-partners.html"
    result = CliRunner().invoke(app, ["report", "AZE", "--db", str(db), "-o", str(target)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert 'href="AZE-UKR-brief.html"' in page and 'href="AZE-ARM-brief.html"' in page
    assert "Energy (3)" in page and "1 happened" in page
    assert (tmp_path / "out" / "AZE-UKR-brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = tmp_path / "AZE.md"
    result = CliRunner().invoke(app, ["report", "AZE", "--db", str(db), "-o", str(md), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "[AZE–UKR](AZE-UKR-brief.md)" in md.read_text(encoding="utf-8")
    assert (tmp_path / "AZE-UKR-brief.md").exists()
