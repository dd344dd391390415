"""GDELT-like TSV and GraphML exports, read back with csv and xml.etree."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest

from accord.export.merged import GDELT_COLUMNS, actor_graph, gdelt_rows, graphml, write_gdelt, write_graphml
from accord.model import Actor, Document, Event, Span, singletons
from report import sample  # the hand-made AZE-UKR corpus in tests/report/__init__.py

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def _tsv() -> list[dict[str, str]]:
    merged, docs = sample()
    buf = io.StringIO(newline="")
    n = write_gdelt(merged, docs, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert n == len(rows)
    return rows


def test_gdelt_header_and_rows():
    merged, docs = sample()
    buf = io.StringIO(newline="")
    write_gdelt(merged, docs, buf)
    header = buf.getvalue().splitlines()[0].split("\t")
    assert tuple(header) == GDELT_COLUMNS and len(header) == 27 and header[-1] == "DatePrecision"
    rows = _tsv()
    ids = [r["GlobalEventID"] for r in rows]
    assert len(rows) == 9 and "ev-f-neg" not in ids  # negated events are not GDELT events
    assert ids[0] in {"ev-a-meet", "ev-a-plan", "ev-a-sign"} and ids[-1] == "ev-f-visit"  # by Day
    assert all(len(r) == 27 and None not in r for r in rows)


def test_gdelt_row_values():
    meet = {r["GlobalEventID"]: r for r in _tsv()}["ev-a-meet"]
    assert meet == {
        "GlobalEventID": "ev-a-meet", "Day": "20240115", "MonthYear": "202401", "Year": "2024",
        "Actor1Code": "AZEGOV", "Actor1Name": "Ilham Aliyev", "Actor1CountryCode": "AZE",
        "Actor2Code": "UKRGOV", "Actor2Name": "Volodymyr Zelensky", "Actor2CountryCode": "UKR",
        "IsRootEvent": "1", "EventCode": "04", "EventBaseCode": "04", "EventRootCode": "04", "QuadClass": "1",
        "GoldsteinScale": "2.5", "NumMentions": "1", "NumSources": "1", "NumArticles": "1", "AvgTone": "",
        "ActionGeo_FullName": "Kyiv", "ActionGeo_CountryCode": "UKR", "ActionGeo_Lat": "50.45",
        "ActionGeo_Long": "30.52", "DATEADDED": "20240115", "SOURCEURL": "https://example.org/a",
        "DatePrecision": "day",
    }


def test_gdelt_planned_reciprocal_and_unsourced_rows():
    rows = {r["GlobalEventID"]: r for r in _tsv()}
    plan = rows["ev-a-plan"]  # "will meet again in June": AGREE (CAMEO 03) on the day it was reported
    assert (plan["EventRootCode"], plan["EventCode"], plan["Day"], plan["GoldsteinScale"]) == (
        "03", "03", "20240115", "2.5")
    assert (plan["Actor1Code"], plan["Actor2Code"]) == ("AZE", "UKR")  # reciprocal: the other side
    accuse = rows["ev-c-accuse"]
    assert (accuse["QuadClass"], accuse["GoldsteinScale"], accuse["SOURCEURL"], accuse["NumSources"]) == (
        "3", "-3", "c.txt", "")
    aid = rows["ev-b-aid"]
    assert (aid["EventRootCode"], aid["QuadClass"], aid["Actor1Code"], aid["Actor2Code"]) == ("07", "2", "AZE", "UKR")


def test_gdelt_root_event_and_cameo_refinement():
    text = "Title line\nThe lead paragraph says little.\nLater, Azerbaijan signed a protocol with Ukraine."
    doc = Document(id="d" * 32, text=text, title="Title line", published=dt.date(2024, 4, 2), doc_origin="x.txt")
    start = text.index("Azerbaijan signed")
    later = Event(type="SUPPORT", doc_id=doc.id, mentions=[Span(start, start + 17, "Azerbaijan signed")],
                  trigger=Span(start + 11, start + 17, "signed"), actor=[Actor("Azerbaijan", "AZE")],
                  recipient=[Actor("Ukraine", "UKR")], cameo="057", id="late")
    lead = Event(type="SUPPORT", doc_id=doc.id, mentions=[Span(11, 14, "The")], trigger=Span(11, 14, "The"),
                 actor=[Actor("Azerbaijan", "AZE")], recipient=[Actor("Ukraine", "UKR")], cameo="99", id="lead")
    rows = {r["GlobalEventID"]: r for r in gdelt_rows(singletons([later, lead], {doc.id: doc}), {doc.id: doc})}
    assert rows["late"]["IsRootEvent"] == "0" and rows["lead"]["IsRootEvent"] == "1"
    assert (rows["late"]["EventCode"], rows["late"]["EventBaseCode"], rows["late"]["EventRootCode"]) == (
        "057", "057", "05")
    assert rows["lead"]["EventCode"] == "05"  # a code outside the type's CAMEO root is not trusted


def test_gdelt_cells_never_hold_tabs_or_newlines():
    doc = Document(id="e" * 32, text="x", published=dt.date(2024, 1, 1), doc_origin="y.txt")
    ev = Event(type="AID", doc_id=doc.id, mentions=[Span(0, 1, "x")], trigger=Span(0, 1, "x"),
               actor=[Actor("Bad\tname\nhere", "AZE", None, "Bad\tname")], recipient=[Actor("Ukraine", "UKR")], id="t")
    buf = io.StringIO(newline="")
    write_gdelt(singletons([ev], {doc.id: doc}), {doc.id: doc}, buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(line.count("\t") == 26 for line in lines)


def _read_graph(data: bytes):
    root = ET.fromstring(data)
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "undirected"

    def attrs(el):
        return {keys[d.get("key")]: d.text for d in el.findall("g:data", NS)}

    nodes = {n.get("id"): attrs(n) for n in graph.findall("g:node", NS)}
    edges = {frozenset((e.get("source"), e.get("target"))): attrs(e) for e in graph.findall("g:edge", NS)}
    return nodes, edges


def test_graphml_reads_back():
    merged, _ = sample()
    nodes, edges = _read_graph(graphml(actor_graph(merged)))
    assert set(nodes) == {"AZE:Ilham Aliyev", "UKR:Volodymyr Zelensky", "UKR:Dmytro Kuleba", "ARM:Nikol Pashinyan",
                          "AZE", "UKR"}
    assert nodes["AZE:Ilham Aliyev"] == {"label": "Ilham Aliyev", "kind": "entity", "country": "AZE",
                                         "sector": "GOV", "roles": "president", "events": "4"}
    assert nodes["UKR"]["kind"] == "country" and "sector" not in nodes["UKR"]
    leaders = edges[frozenset(("AZE:Ilham Aliyev", "UKR:Volodymyr Zelensky"))]
    assert (leaders["weight"], leaders["n_CONSULT"], leaders["n_SUPPORT"]) == ("3", "2", "1")
    assert set(leaders["event_ids"].split()) == {"ev-a-meet", "ev-a-sign", "ev-f-visit"}
    assert float(leaders["score_sum"]) == pytest.approx(2.5 + 5 + 4)
    countries = edges[frozenset(("AZE", "UKR"))]
    assert countries["weight"] == "4"
    assert (countries["n_AGREE"], countries["n_AID"], countries["n_SUPPORT"], countries["n_COOPERATE"]) == (
        "1", "1", "1", "1")
    assert all("THREATEN" not in k for e in edges.values() for k in e)  # the negated threat is no edge


def test_graphml_dyad_filter_and_file(tmp_path):
    merged, _ = sample()
    path = tmp_path / "out" / "network.graphml"
    graph = write_graphml(merged, path, ("aze", "ukr"))
    nodes, edges = _read_graph(path.read_bytes())
    assert "ARM:Nikol Pashinyan" not in nodes and len(nodes) == len(graph.nodes) == 5
    assert len(edges) == len(graph.edges) == 3
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_gdelt_says_the_precision_of_a_reduced_date():
    from accord.model import DateValue

    doc = Document(id="f" * 32, text="Azerbaijan will deliver equipment.", published=dt.date(2026, 1, 29),
                   doc_origin="z.txt")
    ev = Event(type="AID", doc_id=doc.id, mentions=[Span(0, 10, "Azerbaijan")], trigger=Span(0, 10, "Azerbaijan"),
               actor=[Actor("Azerbaijan", "AZE")], recipient=[Actor("Ukraine", "UKR")], id="y",
               date=DateValue("2026", "year"))
    row = gdelt_rows(singletons([ev], {doc.id: doc}), {doc.id: doc})[0]
    # Day stays a parseable YYYYMMDD (first day of the year); DatePrecision says it is "in 2026"
    assert (row["Day"], row["MonthYear"], row["Year"], row["DatePrecision"]) == ("20260101", "202601", "2026", "year")


def test_graph_does_not_depend_on_the_order_of_events():
    # built from batches in whatever order the store gives them, the file must be the same
    merged, _ = sample()
    assert graphml(actor_graph(list(reversed(merged)))) == graphml(actor_graph(merged))
    nodes, _ = _read_graph(graphml(actor_graph(merged)))
    assert all(n.get("roles", "") == ";".join(sorted(n.get("roles", "").split(";"))) for n in nodes.values())
