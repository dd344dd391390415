"""coding.sentences: the parse's sentence of a mention (``Event.sentence``), in document offsets."""

from __future__ import annotations

from types import SimpleNamespace

from accord.coding.sentences import Sentences
from accord.model import Document, Span


def _doc(text: str, cuts: list[int]) -> SimpleNamespace:
    """A stand-in for a parsed Doc with sentences ending at ``cuts``."""
    starts = [0, *cuts]
    ends = [*cuts, len(text)]
    return SimpleNamespace(text=text, user_data={},
                           sents=[SimpleNamespace(start_char=s, end_char=e, text=text[s:e])
                                  for s, e in zip(starts, ends, strict=True)])


def test_the_sentence_in_which_a_span_starts_without_whitespace():
    text = "Kyiv hosted talks.  Baku signed a deal.\n"
    sents = Sentences(_doc(text, [20]), Document(id="d", text=text))
    at = text.index("signed")
    assert sents.of(Span(at, at + 6, "signed")) == Span(20, 39, "Baku signed a deal.")
    assert sents.of(Span(0, 4, "Kyiv")).text == "Kyiv hosted talks."


def test_a_lone_closing_quote_ends_the_sentence_before():
    text = 'He said: "Ukraine thanks Azerbaijan."\n\nNext.'
    cut = text.index('"\n')
    sents = Sentences(_doc(text, [10, cut, cut + 3]), Document(id="d", text=text))
    at = text.index("thanks")
    assert sents.of(Span(at, at + 6, "thanks")).text == 'Ukraine thanks Azerbaijan."'


def test_a_sentence_never_reaches_back_into_metadata():
    text = "2024-05-01 Baku\nKyiv hosted talks."
    masked = (Span(0, 15, text[:15]),)
    sents = Sentences(_doc(text, []), Document(id="d", text=text, masked=masked))
    at = text.index("hosted")
    assert sents.of(Span(at, at + 6, "hosted")).text == "Kyiv hosted talks."
