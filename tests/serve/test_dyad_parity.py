"""The API's dyad analytics and brief are the CLI's: one view of the store (``accord.views``,
with the documents' context the commitments ledger reads), one analytics call."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from accord.cli.main import app

# fields the API adds by design: the countries' names for the dashboard, and how many events
# no merge holds yet (the CLI says that on stderr)
API_ONLY = {"names", "unmerged"}


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("pair", "options", "params"), [
    (("AZE", "UKR"), [], {}),
    (("AZE", "UKR"), ["--directed", "--period", "quarter"], {"directed": "true", "period": "quarter"}),
    (("AZE", "BLR"), [], {}),
])
def test_the_api_dyad_equals_accord_dyad_json(client, seeds_db, pair, options, params):
    cli = json.loads(_cli("dyad", *pair, "--db", str(seeds_db), "--json", *options))
    api = client.get(f"/dyads/{pair[0]}/{pair[1]}", params={**params, "document_topics": "true"}).json()
    assert set(api) - set(cli) == API_ONLY and set(cli) <= set(api)
    assert {k: api[k] for k in cli} == cli
    assert cli["coverage"]["extractor_versions"]  # read from the store, as the CLI does
    assert cli["commitments"]["as_of"]


def test_the_documents_topics_only_on_request(client, seeds_db):
    """Each cited document's topics cost a search of every cited text: the API leaves them out
    unless asked; everything else is the same."""
    plain = client.get("/dyads/AZE/UKR").json()
    asked = client.get("/dyads/AZE/UKR", params={"document_topics": "true"}).json()
    assert plain["document_topics"] == {} and asked["document_topics"]
    assert {k: v for k, v in plain.items() if k != "document_topics"} == \
        {k: v for k, v in asked.items() if k != "document_topics"}


def test_the_api_brief_equals_accord_report(client, seeds_db, tmp_path):
    for fmt in ("html", "md"):
        out = tmp_path / f"brief.{fmt}"
        _cli("report", "AZE", "UKR", "--db", str(seeds_db), "--format", fmt, "-o", str(out))
        served = client.get(f"/dyads/AZE/UKR/brief.{fmt}").text
        assert served == out.read_text(encoding="utf-8")


def test_the_brief_with_all_keeps_every_row(seeds_db, monkeypatch):
    from fastapi.testclient import TestClient

    from accord.serve import ServeConfig, create_app

    monkeypatch.setattr("accord.report.common.LIST_ROWS", 2)  # the seeds are few: cut at two
    with TestClient(create_app(ServeConfig(db=seeds_db))) as c:  # its own answer cache
        cut = c.get("/dyads/AZE/UKR/brief.html").text
        whole = c.get("/dyads/AZE/UKR/brief.html", params={"all": "true"}).text
        md = c.get("/dyads/AZE/UKR/brief.md", params={"all": "true"}).text
    assert cut.count('<tr id="ev-') == 2 and "more are not shown" in cut
    assert whole.count('<tr id="ev-') > 2 and "more are not shown" not in whole
    assert md.startswith("# AZE–UKR relationship brief") and "more are not shown" not in md
