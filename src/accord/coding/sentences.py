"""The sentence of a mention, from the parse (``Event.sentence``): read once here, so that merging,
the analytics and the reports show evidence without splitting the text again."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from accord.actors.doc_index import text_of
from accord.model import Document, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CLOSING = frozenset("\"'”’»)]")


class Sentences:
    """The parse's sentences of one document, in ``Document.text`` offsets."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self._document = document
        bounds: list[tuple[int, int]] = []
        text = text_of(doc)
        for sent in doc.sents:
            words = text[sent.start_char:sent.end_char].strip()  # sent.text, without joining its tokens again
            if bounds and words and all(ch in _CLOSING for ch in words):
                # the parser leaves a closing quote at a paragraph's end as a sentence of its own
                # ('... state sovereignty." '): it ends the sentence before
                bounds[-1] = (bounds[-1][0], sent.end_char)
            else:
                bounds.append((sent.start_char, sent.end_char))
        self._starts = [b[0] for b in bounds]
        self._bounds = bounds

    def of(self, span: Span) -> Span:
        """The sentence in which ``span`` starts, without surrounding whitespace.

        Like the metadata it hides from the parser, a sentence never reaches back into a masked
        region (``Document.masked``: date header, byline, dateline), so metadata is never quoted
        as evidence. A span outside every sentence is its own sentence.
        """
        text = self._document.text
        k = bisect.bisect_right(self._starts, span.start) - 1
        if k < 0 or span.start >= self._bounds[k][1]:
            return span
        first, last = self._bounds[k]
        first = max([first] + [m.end for m in self._document.masked if first < m.end <= span.start])
        while first < span.start and text[first].isspace():
            first += 1
        while last > span.start and text[last - 1].isspace():
            last -= 1
        return Span(first, last, text[first:last])
