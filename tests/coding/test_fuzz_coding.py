"""Property-based fuzzing of the coding path: any text, dated anywhere in the calendar (or not
at all), is parsed and coded into events whose offsets lie in the text; nothing raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accord.ingest import document_id
from accord.model import Document
from fuzzing import count, dates, fuzz, inputs, news_text, r_date, r_news


@fuzz(1_500, ci_examples=25)
@given(inputs(lambda r: (r_news(r, 50), r_date(r), r.choice(["en", "en", "de"])),
              st.tuples(news_text(50), dates() | st.none(), st.sampled_from(["en", "en", "de"]))))
def test_code_any_text_any_date(coder, batch):
    for text, published, language in count("coding", batch):
        text = text if text.strip() else "x"
        doc = Document(id=document_id(text), text=text, published=published, doc_origin="f.txt", origin="f.txt",
                       language=language)
        coded = coder.code([doc])[0]
        if language != "en":
            assert coded.events == []
        for ev in coded.events:
            assert 0 <= ev.trigger.start <= ev.trigger.end <= len(text)
            for m in ev.mentions:
                assert 0 <= m.start <= m.end <= len(text)
