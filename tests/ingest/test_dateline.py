"""Wire datelines: recognised forms, look-alikes left alone, masking, metadata, every reader."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from accord.ingest.dateline import apply_dateline, find_dateline, known_agency
from accord.ingest.feeds import read_feed
from accord.ingest.html import read_html
from accord.ingest.options import ColumnMap
from accord.ingest.records import record_to_document
from accord.ingest.text import parse_item
from accord.model import CodedDocument, Dateline, Document, Span
from accord.pipeline import parse_units

from .helpers import collect, split

# (text, dateline as masked, place, agency, date as written)
FORMS = [
    ("TBILISI, Dec 2 (Reuters) - Georgian police detained several marchers.",
     "TBILISI, Dec 2 (Reuters) -", "TBILISI", "Reuters", "Dec 2"),
    ("BEIJING, Dec. 2 (Xinhua) -- Chinese officials welcomed the plan.",
     "BEIJING, Dec. 2 (Xinhua) --", "BEIJING", "Xinhua", "Dec. 2"),
    ("WASHINGTON (AP) \u2014 The Senate approved the measure late on Tuesday.",
     "WASHINGTON (AP) \u2014", "WASHINGTON", "AP", None),
    ("WASHINGTON (AP) _ Lawmakers left the capital for the recess.",
     "WASHINGTON (AP) _", "WASHINGTON", "AP", None),
    ("JERUSALEM (AP) -- Israeli ministers met overnight.",
     "JERUSALEM (AP) --", "JERUSALEM", "AP", None),
    ("BEIRUT, Lebanon (AP) \u2014 Lebanese lawmakers failed again to pick a head of state.",
     "BEIRUT, Lebanon (AP) \u2014", "BEIRUT, Lebanon", "AP", None),
    ("UNITED NATIONS (AP) \u2014 The council adopted a text on shipping.",
     "UNITED NATIONS (AP) \u2014", "UNITED NATIONS", "AP", None),
    ("SAN FRANCISCO - A federal judge blocked the rule.",
     "SAN FRANCISCO -", "SAN FRANCISCO", None, None),
    ("ISTANBUL -- Turkish prosecutors opened a case.",
     "ISTANBUL --", "ISTANBUL", None, None),
    ("MOSCOW \u2014 Russian diplomats summoned an envoy.",
     "MOSCOW \u2014", "MOSCOW", None, None),
    ("KYIV, Ukraine, March 3 (Reuters) - Ukrainian drones struck a depot.",
     "KYIV, Ukraine, March 3 (Reuters) -", "KYIV, Ukraine", "Reuters", "March 3"),
    ("Kyiv, Ukraine (AP) \u2014 Officials counted the damage.",
     "Kyiv, Ukraine (AP) \u2014", "Kyiv, Ukraine", "AP", None),
    ("NAIROBI, Kenya \u2014 Kenyan officers cleared a camp.",
     "NAIROBI, Kenya \u2014", "NAIROBI, Kenya", None, None),
    ("Nairobi, Kenya \u2014 Kenyan officers cleared a camp.",
     "Nairobi, Kenya \u2014", "Nairobi, Kenya", None, None),
    ("(Reuters) - Oil prices rose on Friday.", "(Reuters) -", None, "Reuters", None),
    ("(CNN) Italian police detained a captain.", "(CNN)", None, "CNN", None),
    ("ISLAMABAD: Pakistani officials met lenders.", "ISLAMABAD:", "ISLAMABAD", None, None),
    ("CANBERRA, Australia (AP)_ Australian ministers met.",
     "CANBERRA, Australia (AP)_", "CANBERRA, Australia", "AP", None),
    ("PARIS (AFP) - French unions called a strike.", "PARIS (AFP) -", "PARIS", "AFP", None),
    ("BERLIN (dpa) - The chancellor travelled to Warsaw.", "BERLIN (dpa) -", "BERLIN", "dpa", None),
    ("ANKARA (AA) - Turkish jets struck targets.", "ANKARA (AA) -", "ANKARA", "AA", None),
    ("ANKARA (Anadolu) \u2013 The ministry said talks would go on.",
     "ANKARA (Anadolu) \u2013", "ANKARA", "Anadolu", None),
    ("NEW DELHI, Dec 2 (UNI) Indian officials met their counterparts.",
     "NEW DELHI, Dec 2 (UNI)", "NEW DELHI", "UNI", "Dec 2"),
    ("Mumbai, Jan 9 (PTI) - Police held a suspect.", "Mumbai, Jan 9 (PTI) -", "Mumbai", "PTI", "Jan 9"),
    ("New Delhi, Jan 9 (IANS) The ministry issued a notice.",
     "New Delhi, Jan 9 (IANS)", "New Delhi", "IANS", "Jan 9"),
    ("MOSCOW, June 4 (Interfax) - The Kremlin declined to comment.",
     "MOSCOW, June 4 (Interfax) -", "MOSCOW", "Interfax", "June 4"),
    ("MOSCOW, June 4 (TASS) - The ministry said.", "MOSCOW, June 4 (TASS) -", "MOSCOW", "TASS", "June 4"),
    ("KUWAIT CITY, Feb 1 (KUNA) -- The emir received envoys.",
     "KUWAIT CITY, Feb 1 (KUNA) --", "KUWAIT CITY", "KUNA", "Feb 1"),
    ("ABU DHABI, 3rd March (WAM) - Leaders met.", None, None, None, None),  # "3rd": not a date form
    ("ABU DHABI (WAM) - Emirati leaders met.", "ABU DHABI (WAM) -", "ABU DHABI", "WAM", None),
    ("RIYADH (SPA) - Saudi ministers met.", "RIYADH (SPA) -", "RIYADH", "SPA", None),
    ('WASHINGTON (AP) " President Moore signed the bill.',
     'WASHINGTON (AP) "', "WASHINGTON", "AP", None),
    ('WASHINGTON (AP) \u201cWe will not wait,\u201d the governor said.',
     "WASHINGTON (AP)", "WASHINGTON", "AP", None),
    ("JEDDAH, Nov 8 (Wire) - Saudi Arabia hosted a meeting.",
     "JEDDAH, Nov 8 (Wire) -", "JEDDAH", "Wire", "Nov 8"),
    ("KYIV, Jan 14, 2024 (Reuters) \u2014 Talks went on.",
     "KYIV, Jan 14, 2024 (Reuters) \u2014", "KYIV", "Reuters", "Jan 14, 2024"),
    ("BAKU, 18 June 2020 - Talks were held.", "BAKU, 18 June 2020 -", "BAKU", None, "18 June 2020"),
    ("THE HAGUE, Netherlands (AP) \u2014 Judges ruled.",
     "THE HAGUE, Netherlands (AP) \u2014", "THE HAGUE, Netherlands", "AP", None),
    ("PORT-AU-PRINCE, Haiti (AP) \u2014 Gangs blocked a road.",
     "PORT-AU-PRINCE, Haiti (AP) \u2014", "PORT-AU-PRINCE, Haiti", "AP", None),
    ("ST. PETERSBURG, Russia \u2014 Officials gathered.",
     "ST. PETERSBURG, Russia \u2014", "ST. PETERSBURG, Russia", None, None),
    ("WASHINGTON\u2014The Senate voted.", "WASHINGTON\u2014", "WASHINGTON", None, None),
    ("Austin, Texas \u2014 State officials sued.", "Austin, Texas \u2014", "Austin, Texas", None, None),
    ("LONDON (Reuters/AP) \u2212 British ministers met.",
     "LONDON (Reuters/AP) \u2212", "LONDON", "Reuters/AP", None),
    ("S\u00c3O PAULO (Reuters) \u2015 Brazilian markets fell.",
     "S\u00c3O PAULO (Reuters) \u2015", "S\u00c3O PAULO", "Reuters", None),
]

NOT_DATELINES = [
    "Russia - Ukraine talks resumed in Istanbul on Monday.",
    "Britain, France and Germany said on Monday they would act.",
    "Georgian police arrested dozens of protesters.",
    "NATO - Russia council meets again.",
    "US - China trade talks resume.",
    "UKRAINE \u2014 RUSSIA TALKS RESUME",
    "MOSCOW \u2014 RUSSIA SAYS TALKS ARE OVER\n\nRussia said the talks were over.",
    "UKRAINE \u2014 Russian troops advanced.",  # a country alone is not a filing place
    "Russia, Ukraine \u2014 the talks resumed.",
    "Ukraine \u2014 Azerbaijan talks resume",
    "Kyiv \u2014 Ukrainian officials said.",  # mixed case, no country, no agency
    "President Aliyev (pictured) \u2014 who met Zelensky \u2014 said more.",
    "President Aliyev (Azerbaijan) \u2014 who met Zelensky \u2014 said more.",
    "Monday, Dec 2 - the talks resumed.",
    "On Monday (AP) \u2014 the talks resumed.",
    "BREAKING - Russian troops crossed the border.",
    "(Updated) - Ukrainian officials said.",
    "(Reuters) said the talks were over.",
    "Talks (AP) \u2014 nothing.",
    "EU-Russia talks - a summary",
    "Moscow - based analysts said the talks failed.",
    "MOSCOW-based analysts said the talks failed.",
    "WASHINGTON (AP)President Moore said.",
    "Nairobi, Kenya: Kenyan officers cleared a camp.",  # a colon only after capitals
    "NATO: the alliance met.",
    "KYIV (Reuters), a city of three million, was hit.",
    "",
    "   \n  ",
]


@pytest.mark.parametrize(("text", "masked", "place", "agency", "date"), FORMS)
def test_wire_forms_are_recognised(text, masked, place, agency, date):
    found = find_dateline(text)
    if masked is None:
        assert found is None
        return
    assert found is not None, text
    assert found.span == Span(0, len(masked), masked)
    assert text[found.span.start:found.span.end] == masked
    assert (found.place.text if found.place else None) == place
    if found.place is not None:
        assert text[found.place.start:found.place.end] == place
    assert found.agency == agency
    assert (found.date.text if found.date else None) == date
    if found.date is not None:
        assert text[found.date.start:found.date.end] == date


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_look_alikes_are_not_datelines(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_look_alikes_keep_every_word_through_a_reader(text):
    if not text.strip():
        return
    (doc,) = [d for d in record_to_document(
        {"text": text}, origin="r", name="r", line=1, columns=ColumnMap(), max_chars=10**6,
    ) if isinstance(d, Document)]
    assert doc.dateline is None and doc.masked == ()
    assert doc.nlp_text() == text


def test_dateline_found_after_leading_space_and_at_a_given_position():
    text = "Headline here\n\n  MOSCOW \u2014 Russian diplomats met."
    found = find_dateline(text, text.index("\n"))
    assert found is not None and found.span.text == "MOSCOW \u2014"
    assert found.span.start == text.index("MOSCOW")
    assert find_dateline(text) is None  # the headline is not one


def test_known_agencies():
    assert known_agency("Reuters") and known_agency("AP") and known_agency("dpa")
    assert known_agency("Reuters/AP") and known_agency("Anadolu Agency")
    assert not known_agency("Wire") and not known_agency("pictured") and not known_agency("")


# --- masking and metadata --------------------------------------------------------------------

def test_apply_dateline_masks_exactly_the_dateline_and_keeps_offsets():
    text = "MANILA, Jan 5 (Reuters) - China's coast guard fired water cannon at a Philippine vessel."
    doc = apply_dateline(Document(id="x", text=text), find_dateline(text))
    assert doc.text == text
    assert doc.masked == (Span(0, 25, "MANILA, Jan 5 (Reuters) -"),)
    nlp = doc.nlp_text()
    assert len(nlp) == len(text)
    assert nlp[:25].strip() == "" and nlp[25:] == text[25:]
    assert doc.source == "Reuters"
    assert doc.dateline is not None and doc.dateline.place == Span(0, 6, "MANILA")
    assert doc.published is None  # no year
    assert any("no year" in w for w in doc.warnings)


def test_apply_dateline_keeps_a_known_source_and_date():
    text = "KYIV, Jan 14, 2024 (Reuters) \u2014 Talks went on."
    base = Document(id="x", text=text, source="Kyiv Daily", published=dt.date(2024, 1, 15), date_source="column")
    doc = apply_dateline(base, find_dateline(text))
    assert doc.source == "Kyiv Daily"
    assert doc.published == dt.date(2024, 1, 15) and doc.date_source == "column"
    assert doc.dateline is not None and doc.dateline.agency == "Reuters"
    undated = apply_dateline(Document(id="x", text=text), find_dateline(text))
    assert undated.published == dt.date(2024, 1, 14) and undated.date_source == "dateline"
    assert apply_dateline(base, None) is base


def test_masked_spans_stay_sorted_with_a_header():
    text = " date 2024-05-01 TBILISI, Dec 2 (Reuters) - Georgian police detained marchers.\n"
    doc = parse_item(text)
    assert [s.text for s in doc.masked] == [" date 2024-05-01", "TBILISI, Dec 2 (Reuters) -"]
    assert doc.published == dt.date(2024, 5, 1) and doc.date_source == "header"
    assert doc.source == "Reuters"
    assert doc.nlp_text().lstrip().startswith("Georgian police")


# --- plain text: the lead, the title rule ----------------------------------------------------

def test_plain_text_dateline_is_masked_with_place_and_source():
    text = "BEIRUT, Lebanon (AP) \u2014 Lebanese lawmakers met again.\n\nMore text.\n"
    doc = parse_item(text)
    assert doc.text == text
    assert doc.masked == (Span(0, 22, "BEIRUT, Lebanon (AP) \u2014"),)
    assert doc.dateline is not None and doc.dateline.place == Span(0, 15, "BEIRUT, Lebanon")
    assert doc.source == "AP"
    assert doc.title is None


def test_dateline_after_title_and_byline_is_masked_and_title_kept():
    text = "Leaders meet in Baku\nBy Jane Doe\n\nBAKU (AP) \u2014 The leaders met.\n"
    doc = parse_item(text)
    assert doc.title == "Leaders meet in Baku"
    assert doc.author == "Jane Doe"
    start = text.index("BAKU (AP)")
    assert doc.masked[-1] == Span(start, start + len("BAKU (AP) \u2014"), "BAKU (AP) \u2014")
    assert doc.dateline is not None and doc.dateline.place == Span(start, start + 4, "BAKU")


@pytest.mark.parametrize("line", [
    "WASHINGTON (AP) \u2014",
    "WASHINGTON (AP)",
    "BEIRUT (AP) _",
    'BEIRUT (AP) "',
    "JERUSALEM (AP) --",
    "KYIV, Ukraine, March 3 (Reuters) -",
    "MOSCOW \u2014",
])
def test_a_dateline_line_is_never_the_title(line):
    text = f"{line}\n\nThe ministers met in the capital on Monday.\n"
    doc = parse_item(text)
    assert doc.title is None
    assert doc.dateline is not None and doc.dateline.span.text == line
    assert doc.masked == (Span(0, len(line), line),)
    assert doc.nlp_text()[len(line):] == text[len(line):]


def test_short_dateline_lead_without_full_stop_is_not_the_title():
    text = "MOSCOW \u2014 Talks resume in Istanbul\n\nRussian and Ukrainian envoys met.\n"
    doc = parse_item(text)
    assert doc.title is None
    assert doc.dateline is not None and doc.dateline.span.text == "MOSCOW \u2014"


def test_all_caps_headline_stays_the_title():
    text = "UKRAINE \u2014 RUSSIA TALKS RESUME\n\nEnvoys met in Istanbul.\n"
    doc = parse_item(text)
    assert doc.title == "UKRAINE \u2014 RUSSIA TALKS RESUME"
    assert doc.dateline is None and doc.masked == ()


def test_dateline_in_a_later_paragraph_is_not_read():
    text = "The envoys met on Monday.\n\nMOSCOW \u2014 Russian officials said more.\n"
    doc = parse_item(text)
    assert doc.dateline is None and doc.masked == ()


# --- the other readers -----------------------------------------------------------------------

def test_jsonl_and_csv_records_mask_a_dateline(tmp_path):
    text = "TBILISI, Dec 2 (Reuters) - Georgian police detained several marchers."
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "r1", "text": text, "date": "2024-12-02"}) + "\n"
        + json.dumps({"id": "r2", "text": text.replace("Dec 2", "Dec 2, 2024"), "source": "Desk"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(f'id,text\nc1,"{text}"\n', encoding="utf-8")
    docs, problems = collect([tmp_path / "a.jsonl", tmp_path / "b.csv"])
    by_id = {d.doc_origin: d for d in docs}
    r1 = by_id["r1"]
    assert r1.text == text
    assert r1.masked == (Span(0, 26, "TBILISI, Dec 2 (Reuters) -"),)
    assert r1.source == "Reuters" and r1.dateline.place.text == "TBILISI"
    assert r1.published == dt.date(2024, 12, 2) and r1.date_source == "column"
    r2 = by_id["r2"]
    assert r2.source == "Desk"  # the record's own source wins
    assert r2.published == dt.date(2024, 12, 2) and r2.date_source == "dateline"
    assert "no publication date" not in r2.warnings
    assert by_id["c1"].masked == r1.masked and by_id["c1"].source == "Reuters"
    assert [p.line for p in problems] == [2]  # only the CSV row has no date at all
    assert problems[0].origin.endswith("b.csv")


def test_json_record_with_leading_blank_lines(tmp_path):
    text = "\n  MOSCOW \u2014 Russian diplomats summoned an envoy."
    (doc,) = [d for d in record_to_document(
        {"text": text, "date": "2024-01-01"}, origin="r", name="r", line=1, columns=ColumnMap(), max_chars=10**6,
    ) if isinstance(d, Document)]
    start = text.index("MOSCOW")
    assert doc.masked == (Span(start, start + 8, "MOSCOW \u2014"),)
    assert doc.source is None


@pytest.mark.parametrize(("meta", "source"), [("", "Anadolu"), ('<meta property="og:site_name" content="Daily Planet">', "Daily Planet")])
def test_html_body_dateline_is_masked(meta, source):
    body = (
        "<p>ANKARA (Anadolu) \u2013 Turkish and Azerbaijani ministers signed an agreement on energy "
        "cooperation on Tuesday, officials said after the talks.</p>"
        "<p>The two sides agreed to meet again next year in Baku to review the projects.</p>"
    )
    markup = (
        f"<!DOCTYPE html><html><head><title>Deal</title>{meta}</head><body>"
        f"<article><h1>Turkey and Azerbaijan sign energy deal</h1>{body}</article></body></html>"
    )
    docs, _ = split(list(read_html(markup, origin="p.html", doc_origin="p.html", max_chars=10**6)))
    (doc,) = docs
    start = doc.text.index("ANKARA")
    assert doc.masked == (Span(start, start + len("ANKARA (Anadolu) \u2013"), "ANKARA (Anadolu) \u2013"),)
    assert doc.dateline.place.text == "ANKARA"
    assert doc.text.startswith("Turkey and Azerbaijan sign energy deal\n")  # the <h1>, repeated
    assert doc.title == "Turkey and Azerbaijan sign energy deal"  # from the page, not the dateline
    assert doc.source == source  # the page's site name wins over the agency
    assert "ANKARA" not in doc.nlp_text() and "Anadolu" not in doc.nlp_text()


def test_record_text_repeating_its_title_then_a_dateline():
    text = "Police detain marchers\nTBILISI (Reuters) - Georgian police detained several marchers."
    (doc,) = [d for d in record_to_document(
        {"title": "Police  detain marchers", "text": text, "date": "2024-01-01"},
        origin="r", name="r", line=1, columns=ColumnMap(), max_chars=10**6,
    ) if isinstance(d, Document)]
    start = text.index("TBILISI")
    assert doc.masked == (Span(start, start + len("TBILISI (Reuters) -"), "TBILISI (Reuters) -"),)
    # without the title to compare with, the second line is not read as a dateline
    (other,) = [d for d in record_to_document(
        {"text": text, "date": "2024-01-01"}, origin="r", name="r", line=1, columns=ColumnMap(), max_chars=10**6,
    ) if isinstance(d, Document)]
    assert other.masked == () and other.dateline is None


def test_feed_entry_dateline_is_masked_and_feed_title_stays_source():
    rss = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Desk</title><link>https://desk.test/</link>
<item><title>Police detain marchers</title><link>https://desk.test/1</link><guid>d-1</guid>
<description>TBILISI, Dec 2, 2023 (Reuters) - Georgian police detained several marchers.</description></item>
</channel></rss>
"""
    docs, problems = split(list(read_feed(rss, origin="f.rss", name="f.rss", max_chars=10**6)))
    (doc,) = docs
    assert doc.masked == (Span(0, 32, "TBILISI, Dec 2, 2023 (Reuters) -"),)
    assert doc.source == "World Desk"
    assert doc.dateline.agency == "Reuters"
    assert doc.published == dt.date(2023, 12, 2) and doc.date_source == "dateline"
    assert problems == []


# --- storing the dateline --------------------------------------------------------------------

def test_dateline_round_trips_through_the_store(tmp_path):
    from accord.store import Store

    text = "KYIV, Ukraine, March 3 (Reuters) - Ukrainian drones struck a depot."
    doc = parse_item(text, doc_origin="k.txt")
    assert doc.dateline is not None
    plain = parse_item("Ukrainian drones struck a depot.\n", doc_origin="p.txt")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(CodedDocument(doc))
        store.write(CodedDocument(plain))
        back = {d.doc_origin: d for d in store.documents()}
    assert back["k.txt"].dateline == doc.dateline
    assert back["k.txt"].dateline.date == Span(15, 22, "March 3")
    assert back["k.txt"].masked == doc.masked
    assert back["p.txt"].dateline is None


def test_older_database_gains_the_dateline_column(tmp_path):
    from accord.store import MIGRATIONS, Store
    from accord.store.migrations import apply_migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    before = tuple(m for m in MIGRATIONS if m[0] < "0005")
    apply_migrations(con, before)
    con.execute(
        "INSERT INTO documents (id, text, ingested_at, updated_at) VALUES ('d1', 'Some text.', now(), now())"
    )
    con.close()
    with Store.open(path) as store:
        assert "0005_document_dateline" in [n for n, _ in store.migrations()]
        (old,) = store.documents()
    assert old.id == "d1" and old.dateline is None


# --- parsing: masked blanks are not part of any word ------------------------------------------

def test_parse_units_cut_leading_blanks_and_concatenate_back():
    text = "                          Georgian police detained marchers.\n\n   Second.\nThird"
    units = parse_units(text)
    assert "".join(units) == text
    assert units[0] == " " * 26
    assert units[1].startswith("Georgian")
    assert "   " in units and "Second.\n" in units


@pytest.mark.slow
def test_no_actor_comes_from_a_dateline_end_to_end(tmp_path):
    from accord.pipeline import code_documents

    lines = [
        "MANILA, Jan 5 (Reuters) - China's coast guard fired water cannon at a Philippine vessel.",
        "TBILISI, Dec 2 (Reuters) - Georgian police arrested dozens of protesters.",
        "WASHINGTON (AP) \u2014 The United States on Monday imposed sanctions on Iran.",
        "JEDDAH, Nov 8 (Wire) - Saudi Arabia and Iran agreed to restore diplomatic ties.",
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"w{i}", "text": t, "date": "2024-05-01"}) + "\n" for i, t in enumerate(lines)
    ), encoding="utf-8")
    docs, _ = collect([path])
    assert all(d.dateline is not None for d in docs)
    coded = list(code_documents(docs))
    events = 0
    for c in coded:
        dateline: Dateline = c.document.dateline
        actors = [a for e in c.events for a in e.actor + e.recipient] + list(c.actors)
        for actor in actors:
            assert actor.text == actor.text.strip(), actor
            assert actor.text not in ("MANILA", "TBILISI", "WASHINGTON", "JEDDAH"), actor
            if actor.span is not None:
                assert not actor.span.overlaps(dateline.span), (actor, dateline)
        events += len(c.events)
    assert events >= 3
    by_id = {c.document.doc_origin: c for c in coded}
    subjects = [a.text for e in by_id["w2"].events for a in e.actor]
    assert "The United States" in subjects or "United States" in subjects
    jeddah = [a.text for e in by_id["w3"].events for a in e.actor]
    assert "Saudi Arabia" in jeddah
