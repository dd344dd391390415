"""The doc's tables read once (``accord.actors.doc_index``) give what spaCy's own attributes give,
on every token, sentence and span of parsed bench articles (several paragraphs joined, as
``Coder`` parses them) and of edge cases."""

from __future__ import annotations

import pytest

from accord.actors.doc_index import _COLUMNS, children_of, column, sentence_end, sentence_of, sentence_start, span_text, text_of

_EDGES = ["", "Hello", " ", "\n\n", "  Two  spaces.\n\nA new line;  and tabs\there.",
          "“Quoted,” he said. Yes! No? 3.5 per cent.", "Headline without a stop\n\nThe body follows here.",
          "     Indented dateline\r\nNext line\u00a0x.\u2028y\n\n\n c"]


@pytest.fixture(scope="module")
def docs(coder):
    from accord.bench import synthetic_corpus
    from accord.pipeline import guard_sentences

    texts = [guard_sentences(d)[0] for d in synthetic_corpus(12)] + _EDGES
    return coder._parse(texts, 64)


def test_columns_equal_token_attributes(docs):
    for doc in docs:
        for name in _COLUMNS:
            assert column(doc, name) == [getattr(t, name if name == "text" else f"{name}_") for t in doc], name


def test_children_equal_spacy_children(docs):
    for doc in docs:
        for tok in doc:
            assert children_of(tok) == list(tok.children)
            assert [c.i for c in children_of(tok)] == [c.i for c in tok.children]


def test_sentences_equal_spacy_sentences(docs):
    for doc in docs:
        for tok in doc:
            sent = tok.sent
            assert sentence_of(tok) == sent
            assert (sentence_start(tok), sentence_end(tok)) == (sent.start, sent.end)


def test_span_text_equals_span_text(docs):
    for doc in docs:
        assert text_of(doc) == doc.text  # (set by ``Coder._parse`` from the text it parsed)
        spans = [doc[i:j] for i in range(len(doc) + 1) for j in range(i, min(len(doc), i + 5) + 1)]
        spans += list(doc.sents) + list(doc.ents) + [doc[:]]
        for span in spans:
            assert span_text(span) == span.text, (span.start, span.end)


def test_tables_are_read_once(docs):
    doc = docs[0]
    assert column(doc, "pos") is column(doc, "pos")
    assert text_of(doc) is text_of(doc)


def test_children_kept_while_coding_are_the_same_and_dropped_after(coder):
    """Within ``tokens_kept`` ``children_of`` answers from the Tokens it built (a new list each
    time, so a caller may change it); on the way out they leave the doc, even after an error."""
    import pytest

    from accord.actors.doc_index import CHILD_TOKENS_KEY, children_of, tokens_kept

    doc = coder.nlp("Russia's forces shelled the villages near Kharkiv, officials said on Monday.")
    plain = [[c.i for c in children_of(t)] for t in doc]
    with tokens_kept(doc):
        for _ in range(2):
            assert [[c.i for c in children_of(t)] for t in doc] == plain == [[c.i for c in t.children] for t in doc]
        first = children_of(doc[3])
        first.append(doc[0])
        assert [c.i for c in children_of(doc[3])] == plain[3]
    assert CHILD_TOKENS_KEY not in doc.user_data
    with pytest.raises(RuntimeError), tokens_kept(doc):
        children_of(doc[3])
        raise RuntimeError
    assert CHILD_TOKENS_KEY not in doc.user_data
