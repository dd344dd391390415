"""POST /documents: off without a token; with one, codes and stores articles, per-article
isolation as in `accord run`, limits with clear errors."""

from __future__ import annotations

import shutil

import pytest

TOKEN = "s3cret-token"
ARTICLE = {"id": "wire-1", "date": "2024-05-02", "title": "Talks in Tbilisi",
           "text": "Georgian Prime Minister Irakli Kobakhidze met Armenian Prime Minister Nikol Pashinyan "
                   "in Tbilisi on Thursday to discuss border trade."}


@pytest.fixture()
def writable(seeds_db, tmp_path):
    from fastapi.testclient import TestClient

    from accord.serve import ServeConfig, create_app

    db = tmp_path / "copy.duckdb"
    shutil.copy(seeds_db, db)
    app = create_app(ServeConfig(db=db, token=TOKEN, hold=5, max_documents=3, max_body_bytes=20_000,
                                 max_chars=2_000))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_write_api_is_off_without_a_token(client):
    r = client.post("/documents", json=ARTICLE)
    assert r.status_code == 403 and r.json()["error"]["code"] == "write_disabled"
    assert "/documents" not in {p for p, ops in client.get("/openapi.json").json()["paths"].items() if "post" in ops}


def test_the_token_is_required(writable):
    assert writable.post("/documents", json=ARTICLE).status_code == 401
    r = writable.post("/documents", json=ARTICLE, headers=_auth("wrong"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_articles_are_coded_stored_and_returned(writable):
    before = writable.get("/health").json()["counts"]["documents"]  # the store stays open for reads...
    pairs = [d["pair"] for d in writable.get("/dyads").json()["dyads"]]  # ...and this answer is kept
    assert ["ARM", "GEO"] not in pairs
    r = writable.post("/documents", json=[ARTICLE, {"text": ""}, "not an article"], headers=_auth())
    assert r.status_code == 200, r.text  # ...and is let go for the write
    results = r.json()["documents"]
    assert [d["status"] for d in results] == ["coded", "skipped", "skipped"]
    assert results[1]["problems"] and results[2]["problems"]
    events = results[0]["events"]
    assert any(e["type"] == "CONSULT" for e in events)
    assert writable.get("/health").json()["counts"]["documents"] == before + 1
    assert ["ARM", "GEO"] in [d["pair"] for d in writable.get("/dyads").json()["dyads"]]  # not kept past a write
    stored = writable.get(f"/events/{events[0]['id']}")
    assert stored.status_code == 200 and stored.json()["document"]["doc_origin"] == "wire-1"


def test_limits_answer_with_the_error_shape(writable):
    cases = [
        (dict(json=[ARTICLE] * 4), 413, "too_many_documents"),
        (dict(content=b"x" * 30_000, headers={"Content-Type": "application/json"}), 413, "too_large"),
        (dict(content=b"{not json", headers={"Content-Type": "application/json"}), 400, "invalid_json"),
        (dict(json=[]), 400, "empty_batch"),
    ]
    for kwargs, status, code in cases:
        headers = {**kwargs.pop("headers", {}), **_auth()}
        r = writable.post("/documents", headers=headers, **kwargs)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code)
    long = {**ARTICLE, "text": "word " * 1000}
    r = writable.post("/documents", json=long, headers=_auth())
    assert r.status_code == 200 and r.json()["documents"][0]["status"] == "skipped"
    assert "characters" in r.json()["documents"][0]["problems"][0]
