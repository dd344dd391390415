"""Hostile requests and hostile documents: every parameter reaches SQL as data, every text of
a document is shown as text, no request reaches the file system, one error shape throughout."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import ATTR, SCRIPT

INJECTIONS = [
    "' OR '1'='1", "'; DROP TABLE events; --", '" OR 1=1 --', "AZE' UNION SELECT id FROM documents --",
    "%' --", "1); DELETE FROM events; --", "../../../../etc/passwd", SCRIPT, ATTR, "\x00", "AZE-UKR' --",
]


GOOD = {"a": "AZE", "b": "UKR", "fmt": "jsonl", "event_id": "x", "merged_id": "x", "ref": "x"}


def _get_operations(client) -> list[tuple[str, list[dict]]]:
    schema = client.get("/openapi.json").json()
    return [(path, op.get("parameters", [])) for path, ops in schema["paths"].items()
            for method, op in ops.items() if method == "get"]


def _path(path: str, name: str | None = None, value: str = "") -> str:
    for key, good in GOOD.items():
        path = path.replace("{" + key + "}", quote(value, safe="") if key == name else good)
    return path


def _shape(r) -> None:
    assert r.status_code < 500, (r.request.url, r.status_code, r.text[:300])
    if r.status_code >= 400:
        err = r.json()["error"]
        assert set(err) == {"code", "message", "hint"}, err


def test_injection_strings_in_every_parameter_are_data(client, seeds_db):
    before = client.get("/health").json()["counts"]
    operations = _get_operations(client)
    assert len(operations) >= 14
    sent = 0
    for path, params in operations:
        for value in INJECTIONS:
            for p in params:
                if p["in"] == "query":
                    r = client.get(_path(path), params={p["name"]: value})
                else:
                    r = client.get(_path(path, p["name"], value))
                _shape(r)
                sent += 1
    assert sent > 250
    assert client.get("/health").json()["counts"] == before  # nothing was dropped, deleted or added


def test_a_quote_in_a_filter_matches_literally(client):
    assert client.get("/events", params={"actor": "' OR '1'='1"}).json()["total"] == 0
    assert client.get("/events", params={"q": "' OR '1'='1"}).json()["total"] == 0
    assert client.get("/events", params={"doc": "' OR '1'='1"}).json()["total"] == 0


def test_hostile_text_is_escaped_in_the_brief(client):
    html = client.get("/dyads/AZE/UKR/brief.html").text
    assert SCRIPT not in html and "<script" not in html.lower()
    assert "&lt;script&gt;" in html  # the title or sentence is there, as text


def test_hostile_text_is_data_in_json(client):
    docs = client.get("/documents", params={"q": "onmouseover"}).json()["documents"]
    assert len(docs) == 1 and docs[0]["title"].startswith(SCRIPT)
    body = client.get(f"/documents/{docs[0]['id']}")
    assert body.headers["content-type"] == "application/json"
    assert body.headers["x-content-type-options"] == "nosniff"
    assert SCRIPT in body.json()["document"]["text"] and ATTR in body.json()["document"]["text"]


def test_the_dashboard_script_never_writes_markup_from_data():
    # every text of a document goes through textContent; the browser test checks it on screen
    static = Path(__file__).resolve().parents[2] / "src" / "accord" / "serve" / "static"
    for js in static.glob("*.js"):
        code = js.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (js.name, sink)


@pytest.mark.parametrize("path", [
    "/static/../../../etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/app.py",
    "/static//etc/passwd", "/static/vendor/../../app.py", "/static/LICENSE.uplot", "/static/vendor/LICENSE.uplot",
])
def test_no_request_reaches_the_file_system(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_security_headers_and_no_cors_by_default(client):
    r = client.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_cors_when_configured(seeds_db):
    from fastapi.testclient import TestClient

    from accord.serve import ServeConfig, create_app

    app = create_app(ServeConfig(db=seeds_db, cors_origins=("https://news.example",), hold=0))
    with TestClient(app) as c:
        r = c.get("/health", headers={"Origin": "https://news.example"})
        assert r.headers["access-control-allow-origin"] == "https://news.example"
        assert "access-control-allow-origin" not in c.get("/health", headers={"Origin": "https://evil.example"}).headers


def test_one_error_shape_for_every_failure(client, tmp_path):
    cases = {
        "/nowhere": (404, "not_found"),
        "/events?limit=abc": (422, "invalid_parameter"),
        "/events?limit=0": (400, "invalid_limit"),
        "/events?limit=501": (400, "invalid_limit"),
        "/events?type=CONSLUT": (400, "invalid_type"),
        "/events?sort=name": (400, "invalid_sort"),
        "/events?cursor=bm90LWEtY3Vyc29y": (400, "invalid_cursor"),
        "/events?since=yesterday": (400, "invalid_since"),
        "/export/xlsx": (404, "not_found"),
        "/export/gdelt?type=CONSULT": (400, "unsupported_filter"),
    }
    for url, (status, code) in cases.items():
        r = client.get(url)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), url
        assert r.json()["error"]["message"]
    r = client.get("/events", params={"type": "CONSLUT"})
    assert "CONSULT" in r.json()["error"]["hint"]
    r = client.delete("/events")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_a_missing_store_is_503_with_the_shape(tmp_path):
    from fastapi.testclient import TestClient

    from accord.serve import ServeConfig, create_app

    with TestClient(create_app(ServeConfig(db=tmp_path / "none.duckdb", hold=0))) as c:
        r = c.get("/events")
        assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"
        assert "accord run" in r.json()["error"]["message"]


def test_a_quote_in_a_place_filter_matches_literally(client):
    assert client.get("/places", params={"q": "' OR '1'='1"}).json()["total"] == 0
    assert client.get("/places", params={"actor": "' OR '1'='1"}).json()["total"] == 0


def test_map_tooltips_are_nodes_not_markup():
    # Leaflet parses a string tooltip or popup as HTML: the dashboard hands it DOM nodes only
    import re

    code = (Path(__file__).resolve().parents[2] / "src" / "accord" / "serve" / "static" / "app.js").read_text(
        encoding="utf-8")
    calls = re.findall(r"\.(?:bindTooltip|bindPopup|setContent|setTooltipContent)\(([^)]{0,12})", code)
    assert calls and all(arg.startswith(("el(", "tip")) for arg in calls), calls
