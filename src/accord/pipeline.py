"""Wires the stages: Document -> spaCy Doc -> actors -> dates -> events -> CodedDocument.

The spaCy pipeline, gazetteer and lexicon are built once per process. With ``n_process > 1``
whole chunks of documents (parse *and* coding) run in worker processes, so the coder's own
cost is spread over the cores like spaCy's.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from accord.actors import resolve_actors
from accord.coding import second_opinion
from accord.coding.coder import code_document
from accord.coding.lexicon import Lexicon, default_lexicon
from accord.gazetteer import Gazetteer, default_gazetteer
from accord.model import CodedDocument, Document, Problem
from accord.nlp import get_pipeline, parse_pieces
from accord.timex import find_timexes
from spacy.tokens import Doc

EXTRACTOR_VERSION = "0.1.0"
_PARA_BREAK = re.compile(r"(?<=\n)(?=[^\n])")
_LEADING_BLANKS = re.compile(r"[^\S\n]+(?=\S)")


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    batch_size: int = 64
    n_process: int = 1
    lexicon: Path | None = None
    chunk_size: int = 64  # documents handed to a worker at a time


class Coder:
    """Everything needed to code documents in this process."""

    def __init__(self, lexicon: Path | None = None) -> None:
        self.nlp = get_pipeline()
        self.gaz: Gazetteer = default_gazetteer()
        self.lexicon: Lexicon = Lexicon.load(lexicon) if lexicon else default_lexicon()
        self.opinion = second_opinion.load()

    def code(self, documents: list[Document], batch_size: int = 64) -> list[CodedDocument]:
        """Parse paragraph by paragraph, then join: a headline or a line without a full stop
        must not run into the next paragraph's sentence (the parser does that when given the
        whole text, and ignores preset boundaries badly)."""
        pieces: list[str] = []
        owners: list[int] = []
        for k, d in enumerate(documents):
            if d.language != "en":  # stored with its language, not coded (see accord.ingest.language)
                continue
            for part in parse_units(d.nlp_text()):
                pieces.append(part)
                owners.append(k)
        parsed: list[list] = [[] for _ in documents]
        # pieces are paragraphs, several per document: batch more of them (measured: 4x is faster)
        for doc, k in zip(parse_pieces(self.nlp, pieces, batch_size * 4), owners, strict=True):
            parsed[k].append(doc)
        out = []
        for d, docs in zip(documents, parsed, strict=True):
            doc = docs[0] if len(docs) == 1 else (Doc.from_docs(docs, ensure_whitespace=False) if docs else self.nlp(""))
            out.append(self.code_parsed(doc, d))
        return out

    def code_parsed(self, doc, document: Document) -> CodedDocument:
        index = resolve_actors(doc, self.gaz, document.published.year if document.published else None)
        timexes = find_timexes(doc, document.published)
        events = code_document(doc, document, index, timexes, self.lexicon, self.gaz, self.opinion)
        return CodedDocument(document, events, index.actors())


def paragraphs(text: str) -> list[str]:
    """The text cut after each line break; the pieces concatenate back to the text exactly."""
    return [p for p in _PARA_BREAK.split(text) if p]


def parse_units(text: str) -> list[str]:
    """``paragraphs``, with the blanks that open a paragraph (a masked date header or dateline)
    cut off as a piece of their own: parsed with the words after them, they become a token
    that the parser hangs on the first word, and "     Georgian police" an actor's text.
    The pieces still concatenate back to the text exactly."""
    out: list[str] = []
    for part in paragraphs(text):
        m = _LEADING_BLANKS.match(part)
        if m is not None:
            out.append(m.group())
            part = part[m.end():]
        out.append(part)
    return out


_WORKER: dict[str, Coder] = {}


def _init_worker(lexicon: Path | None) -> None:
    # one thread per worker: the processes already use every core
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _WORKER["coder"] = Coder(lexicon)


def _code_chunk(args: tuple[list[Document], int]) -> list[CodedDocument]:
    documents, batch_size = args
    return _WORKER["coder"].code(documents, batch_size)


def code_documents(documents: Iterable[Document], options: PipelineOptions = PipelineOptions()) -> Iterator[CodedDocument]:
    """Code documents in order, in this process or across ``options.n_process`` workers."""
    if options.n_process <= 1:
        coder = Coder(options.lexicon)
        for chunk in _chunks(documents, options.chunk_size):
            yield from coder.code(chunk, options.batch_size)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ProcessPoolExecutor(options.n_process, mp_context=ctx, initializer=_init_worker,
                             initargs=(options.lexicon,)) as pool:
        work = ((chunk, options.batch_size) for chunk in _chunks(documents, options.chunk_size))
        for result in pool.map(_code_chunk, work):
            yield from result


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(slots=True)
class RunReport:
    documents: int = 0
    new_documents: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.action == "skipped"]


def run(sources: Iterable[str | Path], db: str | Path, *, ingest_options=None,
        options: PipelineOptions = PipelineOptions(),
        on_document: Callable[[CodedDocument], None] | None = None) -> RunReport:
    """Ingest, code and store: the whole job behind ``accord run``."""
    from accord.ingest import IngestOptions, iter_documents
    from accord.store import Store

    report = RunReport()
    seen: set[str] = set()

    def documents() -> Iterator[Document]:
        for item in iter_documents(sources, ingest_options or IngestOptions()):
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.id not in seen:
                seen.add(item.id)
                yield item

    with Store.open(db) as store:
        for coded in code_documents(documents(), options):
            result = store.write(coded, extractor_version=EXTRACTOR_VERSION)
            report.documents += 1
            report.new_documents += int(result.new_document)
            report.events += result.events
            if on_document is not None:
                on_document(coded)
    return report
