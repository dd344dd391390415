"""What a merged event's record shows of its members."""

from __future__ import annotations

from accord.dedup import evidence_sentence
from accord.model import Span


def test_evidence_sentence():
    text = "Title line\n\nFirst sentence here. The presidents met in Baku on Monday. Then more."
    start = text.index("met in Baku")
    assert evidence_sentence(text, Span(start, start + 11, "met in Baku")) == "The presidents met in Baku on Monday."
    assert evidence_sentence(text, Span(0, 5, "Title")) == "Title line"
