"""The read API over the seeds: filters, pages, one event, dyads, actors, documents, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest


def _all_events(client, **params) -> list[dict]:
    r = client.get("/events", params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    return r.json()["events"]


def test_health_counts_the_store(client):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["extractor_versions"]
    assert body["counts"]["documents"] == 6 and body["counts"]["events"] > 10
    assert body["write_api"] is False


def test_events_pages_follow_the_cursor_without_gaps_or_repeats(client):
    everything = [e["id"] for e in _all_events(client)]
    for sort in ("date", "-date", "score", "-score"):
        seen, cursor = [], None
        while True:
            params = {"limit": 4, "sort": sort} | ({"cursor": cursor} if cursor else {})
            page = client.get("/events", params=params).json()
            assert page["total"] == len(everything)
            seen += [e["id"] for e in page["events"]]
            cursor = page["next"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(everything) and len(set(seen)) == len(seen), sort
    scores = [e["intensity"] for e in _all_events(client, sort="-score") if e["intensity"] is not None]
    assert scores == sorted(scores, reverse=True)


def test_a_cursor_only_works_with_its_own_sort(client):
    cursor = client.get("/events", params={"limit": 2, "sort": "date"}).json()["next"]
    r = client.get("/events", params={"limit": 2, "sort": "-score", "cursor": cursor})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_cursor"


def test_filters_narrow_the_list(client):
    every = _all_events(client)
    aze_ukr = _all_events(client, dyad="AZE-UKR")
    assert 0 < len(aze_ukr) < len(every)
    for e in aze_ukr:
        countries = {a["country"] for a in e["actor"] + e["recipient"]}
        assert {"AZE", "UKR"} <= countries
    directed = _all_events(client, source="UKR", target="AZE")
    assert directed and all(any(a["country"] == "UKR" for a in e["actor"])
                            and any(a["country"] == "AZE" for a in e["recipient"]) for e in directed)
    consult = _all_events(client, type="consult")
    assert consult and {e["type"] for e in consult} == {"CONSULT"}
    two = _all_events(client, type=["CONSULT", "SUPPORT"])
    assert {e["type"] for e in two} == {"CONSULT", "SUPPORT"}
    planned = _all_events(client, status="planned")
    assert all(e["status"] == "planned" for e in planned)
    blr = _all_events(client, country="blr")
    assert blr and all(any(a["country"] == "BLR" for a in e["actor"] + e["recipient"]) for e in blr)
    aliyev = _all_events(client, actor="Ilham Aliyev")
    assert aliyev and all(any(a["entity"] == "Ilham Aliyev" for a in e["actor"] + e["recipient"]) for e in aliyev)
    text = _all_events(client, q="ZELENSKY")
    assert text and all("zelensky" in " ".join(m["text"] for m in e["mentions"]).lower()
                        or "zelensky" in e["trigger"]["text"].lower() for e in text)
    assert not _all_events(client, q="%")  # a LIKE wildcard is a character like any other
    since = _all_events(client, since="2025")
    assert since and len(since) < len(every)
    assert not _all_events(client, until="1999")
    for e in _all_events(client, since="2024-03", until="2024-03"):
        assert e["date"] is None or e["date"]["value"].startswith("2024")


def test_one_event_has_its_evidence_in_context(client):
    first = _all_events(client, dyad="AZE-UKR", type="CONSULT")[0]
    r = client.get(f"/events/{first['id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["event"]["id"] == first["id"] and body["document"]["id"] == first["doc_id"]
    for ev in body["evidence"]:
        sentence = ev["sentence"]
        assert ev["text"] in sentence["text"]
        assert sentence["start"] <= ev["start"] < ev["end"] <= sentence["end"]
    assert body["merged"] is None or first["id"] in [m["event_id"] for m in body["merged"]["members"]]
    assert client.get("/events/nope").status_code == 404


def test_merged_events_list_their_members_and_why(client):
    page = client.get("/merged", params={"dyad": "AZE-UKR", "limit": 50}).json()
    assert page["total"] == len(page["merged"]) > 0
    biggest = max(page["merged"], key=lambda m: len(m["members"]))
    one = client.get(f"/merged/{biggest['id']}").json()
    assert one["id"] == biggest["id"]
    assert all(m["why"] and m["sentence"] for m in one["members"])
    assert client.get("/merged/Mzzzzzzzzzz").status_code == 404


def test_dyads_and_one_dyads_analytics(client):
    dyads = client.get("/dyads").json()["dyads"]
    pair = next(d for d in dyads if d["pair"] == ["AZE", "UKR"])
    assert pair["names"] == ["Azerbaijan", "Ukraine"] and pair["reports"] > 5
    report = client.get("/dyads/aze/ukr", params={"period": "quarter"}).json()
    assert report["a"] == "AZE" and report["period"] == "quarter" and report["events"] > 0
    assert report["periods"] and all(p["period"][4:6] == "-Q" for p in report["periods"])
    directed = client.get("/dyads/AZE/UKR", params={"directed": "true"}).json()
    assert len(directed["directions"]) == 3
    r = client.get("/dyads/AZE/ukraine")
    assert r.status_code == 400 and "UKR" in r.json()["error"]["hint"]
    assert client.get("/dyads/AZE/UKR", params={"period": "week"}).status_code == 400


def test_the_brief_is_served_as_html_and_markdown(client):
    html = client.get("/dyads/AZE/UKR/brief.html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "AZE–UKR relationship brief" in html.text
    assert "script-src" not in html.headers["content-security-policy"]  # the brief runs no script
    md = client.get("/dyads/AZE/UKR/brief.md")
    assert md.status_code == 200 and md.text.startswith("# AZE–UKR relationship brief")


def test_actors_and_one_profile(client):
    page = client.get("/actors", params={"country": "AZE"}).json()
    assert page["actors"] and all(a["country"] == "AZE" for a in page["actors"])
    aliyev = client.get("/actors", params={"q": "aliyev"}).json()["actors"][0]
    by_id = client.get(f"/actors/{aliyev['id']}").json()
    by_name = client.get("/actors/Ilham Aliyev").json()
    assert by_id["id"] == by_name["id"] == aliyev["id"] and by_id["counterparts"]
    assert client.get("/actors/Nobody Anyone").status_code == 404


def test_documents_carry_the_spans_of_every_event(client):
    docs = client.get("/documents").json()
    assert docs["total"] == 6
    for d in docs["documents"]:
        body = client.get(f"/documents/{d['id']}").json()
        text = body["document"]["text"]
        assert "origin" not in body["document"]  # no server path leaves the server
        assert len(body["events"]) == d["events"]
        for e in body["events"]:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
    assert client.get("/documents/0000000000000000").status_code == 404


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt", "graphml"])
def test_exports_are_files(client, fmt):
    r = client.get(f"/export/{fmt}", params={"dyad": "AZE-UKR"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    n = len(_all_events(client, dyad="AZE-UKR"))
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in r.text.splitlines()] and len(r.text.splitlines()) == n
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(r.text)))) == n
    elif fmt == "parquet":
        assert r.content[:4] == b"PAR1"
    elif fmt == "gdelt":
        assert r.text.startswith("GlobalEventID\t")
    else:
        assert b"<graphml" in r.content


def test_countries_for_the_type_ahead(client):
    rows = client.get("/countries").json()["countries"]
    assert rows[0]["events"] >= rows[1]["events"] > 0
    assert {"code": "UKR", "name": "Ukraine"}.items() <= next(r for r in rows if r["code"] == "UKR").items()


def test_the_map_shapes_are_keyed_to_country_codes(client):
    shapes = client.get("/countries").json()["shapes"]
    # names differ between the map and accord ("United States of America", "Bosnia and Herz.");
    # codes do not
    assert shapes["840"] == "USA" and shapes["070"] == "BIH" and shapes["031"] == "AZE"
    assert shapes["Kosovo"] == "KOS"


def test_places_count_where_the_events_took_place(client):
    every = client.get("/events", params={"dyad": "AZE-UKR", "limit": 500}).json()
    places = client.get("/places", params={"dyad": "AZE-UKR"}).json()
    assert places["total"] == every["total"]
    expected: dict[str, int] = {}
    for e in every["events"]:
        if e["location"] and e["location"]["country"]:
            expected[e["location"]["country"]] = expected.get(e["location"]["country"], 0) + 1
    assert {c["code"]: c["events"] for c in places["countries"]} == expected
    assert all(c["name"] for c in places["countries"])
    with_point = sum(1 for e in every["events"] if e["location"] and "lat" in e["location"])
    assert sum(p["events"] for p in places["points"]) == with_point
    assert client.get("/places", params={"dyad": "AZE-UKR", "type": "CONSULT"}).json()["total"] < places["total"]


def test_an_export_streams_in_chunks_and_gives_the_store_back(client, seeds_db):
    from accord.serve import streaming

    whole = client.get("/export/jsonl").content
    with client.stream("GET", "/export/jsonl") as r:
        chunks = list(r.iter_raw())
    assert b"".join(chunks) == whole and whole.count(b"\n") == client.get("/health").json()["counts"]["events"]
    # a writer larger than a chunk arrives in several, and one that fails is not a silent short file
    line = "x" * 999 + "\n"
    many = list(streaming.piped(lambda out: [out.write(line) for _ in range(3 * streaming.CHUNK // 1000)]))
    assert len(many) >= 2 and b"".join(many) == line.encode() * (3 * streaming.CHUNK // 1000)

    def broken(out):
        out.write("partial\n")
        raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"):
        b"".join(streaming.piped(broken))
    released = []
    stream = streaming.piped(lambda out: [out.write(line) for _ in range(10**6)], lambda: released.append(True))
    next(stream)
    stream.close()  # the client went away: the writer stops and gives back what it held
    assert released == [True]


def test_gdelt_export_streams_the_same_rows_as_the_whole_load(client, seeds_db):
    # the API writes the merged events in batches; the rows must be those of the in-memory path
    from accord.dedup.view import load_merged
    from accord.export.merged import write_gdelt
    from accord.store import Store

    r = client.get("/export/gdelt", params={"dyad": "AZE-UKR"})
    with Store.open(seeds_db, read_only=True) as store:
        loaded = load_merged(store, ("AZE", "UKR"))
        out = io.StringIO(newline="")
        rows = write_gdelt(loaded.merged, loaded.documents, out)
    assert rows > 0
    assert r.text == out.getvalue()


def test_one_dyads_analytics_are_built_with_collection_paused(client, collection_seen):
    """A big pair's view, report and body are built with the collector paused (its passes would
    walk every record), and collection resumes once the answer is made."""
    import gc

    import accord.serve.routes_read as routes

    seen = collection_seen(routes, "dyad_report")
    # a key no other test asks for: the answer cache would otherwise answer without building
    r = client.get("/dyads/UKR/AZE", params={"period": "year", "directed": "true", "document_topics": "true"})
    assert r.status_code == 200 and r.json()["period"] == "year"
    assert seen == [False] and gc.isenabled()
