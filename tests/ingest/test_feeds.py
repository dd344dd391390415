"""RSS and Atom feeds through feedparser."""

from __future__ import annotations

import datetime as dt

from accord.ingest.feeds import read_feed

from .helpers import collect, split

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caucasus Wire</title><link>https://wire.test/</link>
<item><title>Baku and Kyiv sign deal</title><link>https://wire.test/1</link><guid>wire-1</guid>
<author>desk@wire.test (Jane Doe)</author>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Azerbaijan and Ukraine &lt;b&gt;signed&lt;/b&gt; a deal.&lt;/p&gt;&lt;p&gt;More talks follow.&lt;/p&gt;</description></item>
<item><title>No date here</title><link>https://wire.test/2</link><description>Leaders met in Tbilisi.</description></item>
<item><title>Headline only</title><link>https://wire.test/3</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Talks in Ankara</title><id>urn:e1</id><link href="https://desk.test/e1"/>
<updated>2024-01-02T08:00:00Z</updated><author><name>Ali Veli</name></author>
<content type="html">&lt;p&gt;Turkey and Azerbaijan held consultations in Ankara.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_entries_become_documents(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, problems = collect([path])
    assert [d.doc_origin for d in docs] == ["wire-1", "https://wire.test/2"]
    first = docs[0]
    assert first.text == "Azerbaijan and Ukraine signed a deal.\n\nMore talks follow."
    assert first.title == "Baku and Kyiv sign deal"
    assert first.published == dt.date(2024, 3, 5) and first.date_source == "feed"  # the date as written
    assert first.source == "Caucasus Wire" and first.url == "https://wire.test/1"
    assert "Jane Doe" in (first.author or "")
    assert docs[1].published is None
    assert [p.action for p in problems] == ["kept without date", "skipped"]
    assert "entry 3" in problems[1].message and "no content or summary" in problems[1].message


def test_atom_feed(tmp_path):
    path = tmp_path / "desk.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs, problems = collect([path])
    assert problems == []
    (doc,) = docs
    assert (doc.text, doc.author, doc.source, doc.published, doc.doc_origin) == (
        "Turkey and Azerbaijan held consultations in Ankara.", "Ali Veli", "Atom Desk", dt.date(2024, 1, 2), "urn:e1"
    )


def test_feed_sniffed_from_content_with_unknown_extension(tmp_path):
    path = tmp_path / "download.cgi"
    path.write_text(ATOM, encoding="utf-8")
    docs, _ = collect([path])
    assert [d.title for d in docs] == ["Talks in Ankara"]


def test_not_a_feed_is_one_problem(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><notes><note>hi</note></notes>", encoding="utf-8")
    docs, problems = collect([path])
    assert docs == [] and len(problems) == 1
    assert problems[0].origin == str(path) and ("feed" in problems[0].message)


def test_str_input_is_never_treated_as_a_url():
    docs, problems = split(list(read_feed("http://127.0.0.1:9/nothing", origin="x", name="x", max_chars=1000)))
    assert docs == [] and len(problems) == 1
