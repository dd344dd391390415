"""What the coding stages ask of a parsed doc many times, read from the doc once and kept in it
(``doc.user_data``). A parsed doc is not changed after the parse (no stage retokenizes or
re-tags it), so what is read once stays true.

- ``text_of``: spaCy joins ``doc.text`` from every token on each read; ``span_text`` cuts a
  span's text from it instead of joining the span's tokens (a token's ``idx`` is its offset in
  ``doc.text``, so the cut is the same string, 10x sooner).
- ``column``: several rules walk every token of a document (the trigger scan, title phrases,
  pronouns, untagged surnames, kin) and ask each for its part of speech first, which most
  tokens fail; spaCy builds a Token and looks the string up on every such read. A column reads
  one attribute for the whole doc (``Doc.to_array``), so a rule builds a Token only for the
  words that pass.
- ``sentence_of``: spaCy answers ``Token.sent`` by checking that the doc has sentence bounds at
  all (a scan of every token) and walking to the sentence's ends, about 4 µs per read; the
  bounds are read once and each call builds the span spaCy would.

``tests/actors/test_doc_index.py`` checks each against spaCy's own attribute. Only strings and
numbers are kept (no spans or tokens, which would point back at the doc), but for the children
Tokens kept while a doc is coded (``tokens_kept``) and dropped after. The module sits in
``actors``, the lowest layer that reads parsed docs, so that every stage above can use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LOWER, ORTH, POS, TAG
from spacy.tokens import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# where a parsed document keeps its text once read (``text_of``)
TEXT_KEY = "accord.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, kept in the doc after the first read: spaCy joins it from every token on
    each read, and the stages after the parse read it several times per document (a parsed
    doc is not changed after the parse)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from the doc's text read once (``text_of``): spaCy joins a span's text
    from its tokens on every read (a token's ``idx`` is its offset in ``doc.text``, so the
    cut is the same string)."""
    return text_of(span.doc)[span.start_char:span.end_char]


# the token attributes ``column`` reads, by the name of the string attribute they give
_COLUMNS = {"pos": POS, "tag": TAG, "dep": DEP, "ent_type": ENT_TYPE, "lower": LOWER, "text": ORTH}


def column(doc: Doc, name: str) -> list[str]:
    """One string attribute of every token of ``doc``, by token index: ``column(doc, "pos")[i]
    == doc[i].pos_`` (names: ``pos``, ``tag``, ``dep``, ``ent_type``, ``lower``, ``text``).
    Read on first use and kept in the doc."""
    key = f"accord.column.{name}"
    values = doc.user_data.get(key)
    if values is None:
        ids = doc.to_array(_COLUMNS[name]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        names = {h: strings[h] for h in set(ids)}  # (``pos`` holds symbol ids, which the store names too)
        values = doc.user_data[key] = list(map(names.__getitem__, ids))
    return values


# where a parsed doc keeps each token's children once read (``children_of``)
CHILDREN_KEY = "accord.children"
# where a doc keeps, while it is coded (``tokens_kept``), the children Tokens ``children_of`` built
CHILD_TOKENS_KEY = "accord.child_tokens"


def children_of(tok: Token) -> list[Token]:
    """``list(tok.children)``, in the same order (by position), from the doc's heads read once:
    spaCy walks the token's edges and builds its children through a generator on every read.
    While the doc is coded (``tokens_kept``) each token's children are built once and a new list
    of them is returned on each call (a token is asked about ~4 times, a Token costs ~0.1 µs)."""
    doc = tok.doc
    data = doc.user_data
    i = tok.i
    kept = data.get(CHILD_TOKENS_KEY)
    if kept is not None and (found := kept[i]) is not None:
        return list(found)
    children = data.get(CHILDREN_KEY)
    if children is None:
        children = data[CHILDREN_KEY] = _children(doc)
    order, bounds = children
    out = [doc[j] for j in order[bounds[i]:bounds[i + 1]]]
    if kept is not None:
        kept[i] = out
        return list(out)
    return out


@contextmanager
def tokens_kept(doc: Doc) -> Iterator[None]:
    """Within: ``children_of`` keeps the Tokens it builds in ``doc``. A Token points back at its
    doc, so they are dropped on the way out, not left in it (the doc would be freed only by
    the garbage collector); tokens are compared by doc and position, never by identity."""
    doc.user_data[CHILD_TOKENS_KEY] = [None] * len(doc)
    try:
        yield
    finally:
        doc.user_data.pop(CHILD_TOKENS_KEY, None)


def _children(doc: Doc) -> tuple[list[int], list[int]]:
    """Every token that has a head, sorted by its head (then by position), and where each
    head's children start in that order: token i's children are ``order[bounds[i]:bounds[i + 1]]``."""
    n = len(doc)
    offsets = doc.to_array(HEAD).view(np.int64) if n else np.zeros(0, dtype=np.int64)  # (the head's offset)
    dependents = np.flatnonzero(offsets)  # (a root is its own head)
    heads = dependents + offsets[dependents]
    order = dependents[np.argsort(heads, kind="stable")]
    bounds = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=bounds[1:])
    return order.tolist(), bounds.tolist()


# where a parsed doc keeps its sentence bounds once read: (start of each token's sentence, its end)
SENTENCES_KEY = "accord.sentences"


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token index, the start and the end of its sentence (as ``doc.sents`` has them)."""
    bounds = doc.user_data.get(SENTENCES_KEY)
    if bounds is None:
        starts: list[int] = []
        ends: list[int] = []
        for sent in doc.sents:  # raises spaCy's own error when the doc has no sentence bounds, as ``tok.sent`` does
            n = sent.end - sent.start
            starts += [sent.start] * n
            ends += [sent.end] * n
        bounds = doc.user_data[SENTENCES_KEY] = (starts, ends)
    return bounds


def sentence_of(tok: Token) -> Span:
    """``tok.sent``, from the doc's sentence bounds read once."""
    doc = tok.doc
    starts, ends = sentence_bounds(doc)
    i = tok.i
    return Span(doc, starts[i], ends[i])


def sentence_start(tok: Token) -> int:
    """``tok.sent.start`` without building the sentence."""
    return sentence_bounds(tok.doc)[0][tok.i]


def sentence_end(tok: Token) -> int:
    """``tok.sent.end`` without building the sentence."""
    return sentence_bounds(tok.doc)[1][tok.i]
