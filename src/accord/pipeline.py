"""Wires the stages: Document -> spaCy Doc -> actors -> dates -> events -> CodedDocument.

``Pipeline`` (from a ``PipelineConfig``: lexicon, gazetteer, second opinion, time limit) and
``code_text`` are the public face, exported by ``accord``; ``STAGES`` names and versions the
stages, and ``EXTRACTOR_VERSION`` is made from them; every coded document carries the
``Provenance`` of what coded it. ``run`` is the job behind ``accord run``.

The spaCy pipeline, gazetteer and lexicon are built once per process. With ``n_process > 1``
whole chunks of documents (parse *and* coding) run in worker processes, so the coder's own
cost is spread over the cores like spaCy's.

One bad document never takes others down: an exception while coding it becomes a ``Failure``
(a ``Problem`` plus the traceback) for that document alone, and a run of text too long to be
a sentence is left unparsed with a note (``guard_sentences``), and a document that takes
longer than ``PipelineOptions.doc_timeout`` to parse or code is given up (``time_limit``).
``run`` commits in batches, skips documents already stored from the same inputs by the same
extractor (``coding_key``), recodes after a lexicon change only the documents it can touch
(``accord.recoding``), and stops cleanly on request (``stop_on_signals``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import itertools
import multiprocessing as mp
import os
import re
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accord.actors.doc_index import TEXT_KEY, tokens_kept
from accord.actors.gazetteer import Gazetteer, default_gazetteer
from accord.actors.mentions import resolve_actors
from accord.coding import second_opinion
from accord.coding.coder import code_document
from accord.coding.lexicon import Lexicon
from accord.errors import AccordError, ConfigError, InputError, StoreBusyError
from accord.model import CodedDocument, Document, Problem, Provenance
from accord.nlp.loader import build_pipeline, get_pipeline, join_docs, parse_pieces
from accord.recoding import (
    Change,
    Snapshot,
    changes,
    code_snapshot,
    document_words,
    lexicon_snapshot,
    lexicon_source,
    load_lexicon,
)
from accord.timex import find_timexes


@dataclass(frozen=True, slots=True)
class Stage:
    """One named, versioned step of coding (``Pipeline.stages``). Raise a stage's version when
    a change to it is meant to change what it finds: the coder's version is made from them."""

    name: str
    version: str
    does: str


STAGES: tuple[Stage, ...] = (
    Stage("parse", "1", "spaCy core_web_md 3.8.0 with accord's tag and entity corrections: sentences, "
          "tokens, entities (accord.nlp)"),
    Stage("actors", "1", "every actor mention resolved against the gazetteer: country, sector, entity, "
          "role (accord.actors)"),
    Stage("dates", "1", "time expressions read against the document's date (accord.timex)"),
    Stage("events", "1", "triggers from the lexicon, the dependency rules and the second opinion: "
          "events with their participants, date, place and status (accord.coding)"),
)
# The coder's version, stored with every coded document: the release of the rules, then each
# stage's version. Part of the code fingerprint (``accord.recoding``), as is every file the
# stages read, so a document is coded again after any change, whether or not a version was raised.
EXTRACTOR_VERSION = "0.1.0+" + ".".join(f"{s.name}{s.version}" for s in STAGES)
# exercises the common paths of the parser and coder (actors, titles, places, dates, triggers)
_WARM_UP = ("BAKU, March 4 (Reuters) - Azerbaijan's foreign minister met his Ukrainian counterpart in Baku on "
            "Monday, and the two signed an agreement on trade.\n\nRussia accused Ukraine of shelling villages "
            "last week, the ministry said, and threatened sanctions by next year. President Emmanuel Macron "
            "said France would send aid to the region.\n")
_PARA_BREAK = re.compile(r"(?<=\n)(?=[^\n])")
_LEADING_BLANKS = re.compile(r"[^\S\n]+(?=\S)")

# A stretch of text with no full stop, question or exclamation mark and no line break: the
# longest sentences in news run to a few hundred words (~2,000 characters); 5,000 characters
# (about 800 words) is word salad, a table flattened into one line, or an attack. Parsing and
# coding it costs minutes and gigabytes (100,000 words: 261 s, 2.2 GB) for events from noise.
MAX_SENTENCE_CHARS = 5_000
_RUN = re.compile(r"[^.!?\n]+")  # linear, unlike a bounded repeat retried at every position
_NON_SPACE = re.compile(r"\S")


# Seconds one document may take to parse, and again to code, before it is given up (a Problem,
# the others are stored). A long news article takes well under a second to code; a minute is
# a runaway rule or a pathological input, not a slow document. 0 or None: no limit.
DOC_TIMEOUT = 60.0


@dataclass(slots=True)
class StageTimes:
    """Seconds spent in each stage of a run (``STAGE_NAMES``), summed over documents and, with
    several processes, over the workers: where the time goes beyond spaCy's parse
    (``accord bench``). Filled with ``time.perf_counter`` differences, a few per document."""

    seconds: dict[str, float] = field(default_factory=dict)
    # seconds of work done in another thread while the stages ran (the store's writes), so
    # not on the run's clock; ``seconds["writes"]`` is what the run waited for them
    beside: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def add_beside(self, stage: str, seconds: float) -> None:
        self.beside[stage] = self.beside.get(stage, 0.0) + seconds

    def merge(self, seconds: dict[str, float]) -> None:
        for stage, s in seconds.items():
            self.add(stage, s)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


# The stages ``StageTimes`` names, in the order of a run: reading and skipping the input
# (``run``), spaCy's parse (with accord's corrections, paragraph by paragraph), then the
# coder's stages (``STAGES``), the words a later lexicon change looks for, and the store.
STAGE_NAMES: tuple[str, ...] = ("ingest", "parse", "actors", "dates", "events", "words", "writes", "registry")


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded document, the notes on it (a skipped over-long sentence...), and its words
    (``recoding.document_words``: what a later lexicon change must look for in it)."""

    coded: CodedDocument
    notes: list[Problem] = field(default_factory=list)
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be coded: what to tell the user, and the traceback (--debug)."""

    document: Document
    problem: Problem
    traceback: str = ""


def guard_sentences(document: Document) -> tuple[str, list[Problem]]:
    """The text to parse, with every run longer than ``MAX_SENTENCE_CHARS`` without a sentence
    end blanked (offsets unchanged), and a Problem naming each one."""
    text = document.nlp_text()
    if len(text) < MAX_SENTENCE_CHARS:
        return text, []
    runs = [m.span() for m in _RUN.finditer(text)
            if m.end() - m.start() >= MAX_SENTENCE_CHARS and not m.group().isspace()]
    if not runs:
        return text, []
    parts = []
    notes = []
    done = 0
    for a, b in runs:
        words = len(text[a:b].split())
        parts.append(text[done:a])
        parts.append(_NON_SPACE.sub(" ", text[a:b]))
        done = b
        notes.append(Problem(
            _where(document), document.origin_line,
            f"characters {a:,}-{b:,}: {words:,} words without a sentence end, longer than any "
            f"news sentence (limit {MAX_SENTENCE_CHARS:,} characters); left out of coding, the rest "
            "of the document was coded",
            action="partly coded"))
    parts.append(text[done:])
    return "".join(parts), notes


def _where(document: Document) -> str:
    return document.doc_origin or document.origin or document.id[:12]


def _failure(document: Document, exc: BaseException, stage: str) -> Failure:
    tb = "".join(traceback.format_exception(exc))
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    problem = Problem(
        _where(document), document.origin_line,
        f"{stage} failed ({what[:200]}); the document was not stored, the others were. "
        "This is a bug in accord: please report it with this document "
        "(rerun with --debug to see the traceback)",
        action="skipped")
    return Failure(document, problem, tb)


# While a time limit runs: (when it started, its seconds). A worker's watch thread ends the
# worker (exit code _HUNG_EXIT) when a limit is overrun by _HANG_GRACE: the timer can only
# interrupt Python code, and a document stuck in native code must not hold a worker forever.
_ARMED: list[tuple[float, float] | None] = [None]
_HANG_GRACE = 30.0
_HUNG_EXIT = 124


class DocumentTimeout(BaseException):
    """Raised in the coding process's main thread when a document runs past its time limit.

    A BaseException, so that no ``except Exception`` inside the parser or the coder swallows it:
    only ``Coder.code_each`` catches it, for the document that ran over."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the body once ``seconds`` have passed (SIGALRM).

    Only in the main thread of a process on a system with ``setitimer`` (POSIX); elsewhere, or
    with no limit, the body runs unbounded. The timer is disarmed and the previous handler back
    before the block is left; a DocumentTimeout can only come from inside it. Python checks
    for signals between bytecodes, so a single long call into native code ends first."""
    if (not seconds or seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum, frame) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _ARMED[0] = (time.monotonic(), seconds)
    try:
        yield
    finally:
        _ARMED[0] = None
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def _timed_out(document: Document, seconds: float, stage: str) -> Failure:
    problem = Problem(
        _where(document), document.origin_line,
        f"{stage} took longer than the limit of {seconds:g} s per document; the document was not "
        "stored, the others were. Split it into smaller documents, or raise the limit with "
        "--doc-timeout (0: none) if it is simply long",
        action="skipped")
    return Failure(document, problem)


# documents coded at a time in the run's own process: few, so each is committed soon after it
# is coded (workers take PipelineOptions.chunk_size, 64 from the CLI, to keep them busy)
IN_PROCESS_CHUNK = 16

# one coding worker's resident memory with headroom: measured flat at ~410 MB each over 6,000
# articles (docs/performance.md), so a machine with many cores and little memory gets fewer
WORKER_MB = 600


def auto_processes() -> int:
    """Workers for a run that names none: every core this process may run on, fewer when the
    memory available would not hold ``WORKER_MB`` per worker."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    available = _available_mb()
    if available is not None:
        cores = min(cores, int(available // WORKER_MB))
    return max(1, cores)


def _available_mb() -> float | None:
    """The memory the kernel says new work can use without swapping (Linux), in MB."""
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    batch_size: int = 64
    # worker processes; 1: code in this process; 0: ``auto_processes()``, but an input of one
    # chunk is coded in this process (workers would each load the model for it), and there (as
    # on one core) ``IN_PROCESS_CHUNK`` documents at a time
    n_process: int = 1
    lexicon: Path | None = None
    chunk_size: int = 64  # documents handed to a worker at a time
    doc_timeout: float | None = DOC_TIMEOUT  # seconds per document to parse, and to code
    gazetteer: Gazetteer | None = None  # a gazetteer of the user's (None: the packaged one); local processes only


class Coder:
    """Everything needed to code documents in this process: the spaCy pipeline, the gazetteer,
    the lexicon and the second opinion (``Pipeline`` is the public face of it).

    ``lexicon``: a file merged with the packaged triggers, or a ``Lexicon`` (None: the packaged
    one); ``gazetteer``: None for the packaged one, which shares the process's spaCy pipeline,
    or a ``Gazetteer``, which gets a spaCy pipeline of its own (the model loaded again);
    ``opinion``: the second opinion on or off (None: as ``ACCORD_SECOND_OPINION`` says)."""

    def __init__(self, lexicon: Path | Lexicon | None = None, gazetteer: Gazetteer | None = None,
                 opinion: bool | None = None) -> None:
        self._args = (lexicon, gazetteer, opinion)
        self._times: StageTimes | None = None  # where ``code_each`` adds the stages' seconds
        self._words: dict[int, str] = {}  # the strings of the word hashes ``join_docs`` read
        self._load(*self._args)

    def _load(self, lexicon: Path | Lexicon | None, gazetteer: Gazetteer | None, opinion: bool | None) -> None:
        """Load what ``__init__`` was given (again after a time limit: ``_recover``)."""
        self.nlp = get_pipeline() if gazetteer is None else build_pipeline(gazetteer)
        self.gaz: Gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.lexicon: Lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        self.opinion = second_opinion.load() if opinion is None else second_opinion.load(force=True) if opinion else None
        self.provenance = Provenance(EXTRACTOR_VERSION, lexicon_snapshot(self.lexicon).fingerprint,
                                     self.gaz.fingerprint())
        self._warm_up()

    def _warm_up(self) -> None:
        """Code a short made-up article, outside any time limit: otherwise the first document
        of a process pays for what the parser and coder build on first use (about 2 s), and a
        time limit could cut that building off midway.

        An error here is left for the real documents to meet: each becomes a Failure with its
        traceback, which is more use than a coder that cannot start."""
        document = Document(id="warm-up", text=_WARM_UP, published=dt.date(2024, 3, 4), doc_origin="warm-up")
        with contextlib.suppress(Exception):
            self._code(self.nlp(_WARM_UP), document)

    def code(self, documents: list[Document], batch_size: int = 64) -> list[CodedDocument]:
        """Code documents; raises AccordError for the first that cannot be coded (see
        ``code_each`` for the variant that isolates failures)."""
        out = []
        for result in self.code_each(documents, batch_size):
            if isinstance(result, Failure):
                raise AccordError(str(result.problem)) from None
            out.append(result.coded)
        return out

    def code_each(self, documents: list[Document], batch_size: int = 64, timeout: float | None = None,
                  times: StageTimes | None = None) -> list[Coded | Failure]:
        """Per document, a ``Coded`` (the coded document, notes such as a skipped over-long
        sentence, its words) or a Failure: an exception while parsing or coding one document,
        or a document running past ``timeout`` seconds (``time_limit``), touches no other.

        The batch's parse may take ``timeout`` seconds per document; past that, or on an
        error, the documents are parsed one at a time, each within ``timeout``.

        Parse paragraph by paragraph, then join: a headline or a line without a full stop
        must not run into the next paragraph's sentence (the parser does that when given the
        whole text, and ignores preset boundaries badly).

        ``times``, if given, gets the seconds spent parsing and in each coding stage added."""
        started = time.perf_counter()
        self._times = times  # read by ``_code``: ``code_parsed`` keeps its signature for the tests' hooks
        texts: list[str] = []
        notes: list[list[Problem]] = []
        for d in documents:
            if d.language != "en":  # stored with its language, not coded (see accord.ingest.language)
                texts.append("")
                notes.append([])
                continue
            text, found = guard_sentences(d)
            texts.append(text)
            notes.append(found)
        try:
            with time_limit(timeout * len(documents) if timeout else None):
                parsed = self._parse(texts, batch_size)
        except (Exception, DocumentTimeout) as exc:
            if isinstance(exc, DocumentTimeout):
                self._recover()
            parsed = []
            for d, text in zip(documents, texts, strict=True):
                try:
                    with time_limit(timeout):
                        parsed.append(self._parse([text], batch_size)[0])
                except DocumentTimeout:
                    parsed.append(_timed_out(d, timeout or 0, "parsing"))
                    self._recover()
                except Exception as exc:
                    parsed.append(_failure(d, exc, "parsing"))
        if times is not None:
            times.add("parse", time.perf_counter() - started)
        out: list[Coded | Failure] = []
        for d, doc, found in zip(documents, parsed, notes, strict=True):
            if isinstance(doc, Failure):
                out.append(doc)
                continue
            try:
                with time_limit(timeout):
                    coded = self.code_parsed(doc, d)
            except DocumentTimeout:
                out.append(_timed_out(d, timeout or 0, "coding"))
                self._recover()
                continue
            except Exception as exc:
                out.append(_failure(d, exc, "coding"))
                continue
            if times is None:
                out.append(Coded(coded, found, document_words(doc)))
            else:
                t = time.perf_counter()
                out.append(Coded(coded, found, document_words(doc)))
                times.add("words", time.perf_counter() - t)
        self._times = None
        return out

    def _recover(self) -> None:
        """After a time limit cut work off midway: what the parser and coder build lazily on
        first use (the gazetteer's fuzzy index...) may be half-built, so build them anew.
        Caches of completed work (``functools.cache``) never hold a half-made value."""
        from accord.actors import gazetteer
        from accord.nlp import loader as nlp

        nlp.get_pipeline.cache_clear()
        gazetteer.default_gazetteer.cache_clear()
        self._load(*self._args)

    def _parse(self, texts: list[str], batch_size: int) -> list:
        pieces: list[str] = []
        owners: list[int] = []
        for k, text in enumerate(texts):
            for part in parse_units(text):
                pieces.append(part)
                owners.append(k)
        parsed: list[list] = [[] for _ in texts]
        # pieces are paragraphs, several per document: batch more of them (measured: 4x is faster)
        for doc, k in zip(parse_pieces(self.nlp, pieces, batch_size * 4), owners, strict=True):
            parsed[k].append(doc)
        out = [docs[0] if len(docs) == 1 else (join_docs(docs, self._words) if docs else self.nlp("")) for docs in parsed]
        for doc, text in zip(out, texts, strict=True):
            # each piece's doc has the piece's text (``parse_pieces``) and the pieces join back to
            # the text (``parse_units``), so the doc's text is known without joining its tokens
            doc.user_data[TEXT_KEY] = text
        return out

    def code_parsed(self, doc, document: Document) -> CodedDocument:
        return self._code(doc, document, self._times)

    def _code(self, doc, document: Document, times: StageTimes | None = None) -> CodedDocument:
        t0 = time.perf_counter()
        with tokens_kept(doc):  # (the rules read each token's children several times)
            index = resolve_actors(doc, self.gaz, document.published.year if document.published else None)
            t1 = time.perf_counter()
            timexes = find_timexes(doc, document.published)
            t2 = time.perf_counter()
            events = code_document(doc, document, index, timexes, self.lexicon, self.gaz, self.opinion)
            coded = CodedDocument(document, events, index.actors(), self.provenance)
        if times is not None:
            times.add("actors", t1 - t0)
            times.add("dates", t2 - t1)
            times.add("events", time.perf_counter() - t2)
        return coded


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What a ``Pipeline`` codes with. Every field has the default that ``accord run`` uses.

    ``lexicon``: a trigger file (YAML, see ``data/README.md``) merged with the packaged one, or a
    ``Lexicon`` already built; ``gazetteer``: a ``Gazetteer`` (``Gazetteer.load(...)``,
    ``default_gazetteer().extend(path)``) or a folder of gazetteer tables to load; ``second_opinion``:
    the learned second opinion on or off (None: as ``ACCORD_SECOND_OPINION`` says, off by
    default); ``doc_timeout``: seconds a document may take to parse, and again to code (None:
    no limit)."""

    lexicon: Path | str | Lexicon | None = None
    gazetteer: Gazetteer | Path | str | None = None
    second_opinion: bool | None = None
    doc_timeout: float | None = DOC_TIMEOUT
    batch_size: int = 64


class Pipeline:
    """Codes documents: parse, actors, dates, events (``stages``), with the lexicon and the
    gazetteer of its ``PipelineConfig``. Building one loads the spaCy model and the tables
    (seconds): build it once and code many documents with it.

    >>> pipeline = Pipeline(PipelineConfig(second_opinion=False))
    >>> coded = pipeline.code_text("Russia accused Ukraine on Tuesday of shelling villages.", "2024-03-06")
    >>> [(e.type, e.actor[0].country, e.recipient[0].country, e.date.value) for e in coded.events]
    [('ACCUSE', 'RUS', 'UKR', '2024-03-05')]
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        lexicon = self.config.lexicon
        gazetteer = self.config.gazetteer
        if isinstance(gazetteer, (str, Path)):
            gazetteer = Gazetteer.load(Path(gazetteer))
        # the Coder does the work: its spaCy pipeline (``nlp``), gazetteer and lexicon
        self.coder = Coder(Path(lexicon) if isinstance(lexicon, str) else lexicon, gazetteer,
                           self.config.second_opinion)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return STAGES

    @property
    def provenance(self) -> Provenance:
        """The coder's version and the fingerprints of this pipeline's lexicon and gazetteer,
        as each document it codes records them (``CodedDocument.provenance``)."""
        return self.coder.provenance

    def code(self, documents: Iterable[Document]) -> list[CodedDocument]:
        """Code documents in order, in this process; raises AccordError naming the first that
        cannot be coded. (``run`` and ``code_stream`` code across processes and into a store.)"""
        out = []
        for chunk in _chunks(documents, self.config.batch_size):  # parsed a batch at a time: memory stays flat
            for result in self.coder.code_each(chunk, self.config.batch_size, self.config.doc_timeout):
                if isinstance(result, Failure):
                    raise AccordError(str(result.problem)) from None
                out.append(result.coded)
        return out

    def code_text(self, text: str, date: dt.date | str | None = None, *, doc_id: str | None = None) -> CodedDocument:
        """Code one article given as text; ``date`` (a date or ``"YYYY-MM-DD"``) is its
        publication date, which relative dates ("on Monday") are read against. The id is
        ``doc_id`` or, as ingest makes it, a hash of the text. Raises InputError for a date
        that is not one."""
        from accord.ingest import document_id

        try:
            published = dt.date.fromisoformat(date) if isinstance(date, str) else date
        except ValueError:
            raise InputError(f"date {date!r} is not a date; give it as YYYY-MM-DD") from None
        document = Document(id=doc_id or document_id(text), text=text, published=published,
                            origin="<text>", doc_origin=doc_id or "<text>")
        return self.code([document])[0]


@functools.cache
def default_pipeline() -> Pipeline:
    """The pipeline with the default config, built on first use and kept for the process."""
    return Pipeline()


def code_text(text: str, date: dt.date | str | None = None) -> CodedDocument:
    """Code one article with the default pipeline (built on first call, seconds): events,
    actors and where each came from. ``date``: its publication date (a date or "YYYY-MM-DD")."""
    return default_pipeline().code_text(text, date)


def prepare(lexicon: Path | None = None) -> None:
    """Load, once in this process, everything a ``Coder`` builds (the spaCy pipeline, the
    gazetteer, the lexicon, the second opinion) and run its warm-up: the benchmark does this
    before its timer, as it loads spaCy's model before timing ``nlp.pipe``, and workers forked
    afterwards find it all loaded."""
    Coder(lexicon)


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
_WATCH_SECONDS = 0.5


def _init_worker(lexicon: Path | None, parent: int, gazetteer: Gazetteer | None = None) -> None:
    # one thread per worker: the processes already use every core
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # Ctrl-C goes to the whole process group: the parent decides, workers carry on or are ended;
    # SIGTERM (how the parent ends them) must not run the stop handler inherited by fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), name="accord-watch-parent", daemon=True).start()
    _WORKER["coder"] = Coder(lexicon, gazetteer)


def _watch_parent(parent: int) -> None:
    """End this worker once its parent is gone (even after ``kill -9``, which no handler sees):
    an orphaned worker would otherwise wait on its queue forever, holding ~400 MB. End it too
    when a document overruns its time limit by ``_HANG_GRACE`` (stuck where the timer cannot
    reach): the parent then codes that chunk again one document at a time."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
        armed = _ARMED[0]
        if armed is not None and time.monotonic() - armed[0] > armed[1] + _HANG_GRACE:
            os._exit(_HUNG_EXIT)
    os._exit(1)


def _code_chunk(args: tuple[list[Document], int, float | None]) -> tuple[list[Coded | Failure], dict[str, float]]:
    """A chunk's results, and the seconds the worker spent in each stage on it."""
    documents, batch_size, timeout = args
    times = StageTimes()
    return _WORKER["coder"].code_each(documents, batch_size, timeout, times), times.seconds


class Interrupted(BaseException):
    """Raised in the main thread when a stop is requested while coding in this process.

    A BaseException, so the per-document isolation (``except Exception``) lets it through."""


class StopRequest:
    """Set by a signal handler (``stop_on_signals``) or by hand; the run loop checks it.

    While ``interruptible`` (coding in this process, nothing half-written), a request also
    raises ``Interrupted`` at once, so the current chunk is dropped instead of finished."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.interruptible = False

    @property
    def requested(self) -> bool:
        return self.reason is not None

    def request(self, reason: str = "stop requested") -> None:
        first = self.reason is None
        self.reason = self.reason or reason
        if first and self.interruptible:
            self.interruptible = False
            raise Interrupted(reason)


@contextmanager
def stop_on_signals(stop: StopRequest | None = None) -> Iterator[StopRequest]:
    """SIGINT and SIGTERM request a clean stop (commit what is done) instead of killing."""
    stop = stop or StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    names = {signal.SIGINT: "interrupted (SIGINT)", signal.SIGTERM: "terminated (SIGTERM)"}
    previous = {sig: signal.getsignal(sig) for sig in names}

    def handle(signum, frame) -> None:
        stop.request(names[signal.Signals(signum)])

    for sig in names:
        signal.signal(sig, handle)
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def code_documents(documents: Iterable[Document], options: PipelineOptions = PipelineOptions()) -> Iterator[CodedDocument]:
    """Code documents in order, in this process or across ``options.n_process`` workers.

    Raises AccordError at the first document that cannot be coded; ``code_stream`` isolates
    such failures instead."""
    for result in code_stream(documents, options):
        if isinstance(result, Failure):
            raise AccordError(str(result.problem))
        yield result.coded


def code_stream(documents: Iterable[Document], options: PipelineOptions = PipelineOptions(),
                stop: StopRequest | None = None, times: StageTimes | None = None
                ) -> Iterator[Coded | Failure]:
    """Per document in order: a ``Coded`` or a Failure. Ends early, dropping work in
    progress, once ``stop`` is requested. ``times``, if given, gets the seconds of each
    coding stage added (from every worker)."""
    stop = stop or StopRequest()
    if options.n_process < 1:  # auto
        chunks = _chunks(documents, options.chunk_size)
        head = list(itertools.islice(chunks, 2))
        workers = auto_processes() if len(head) > 1 else 1
        options = replace(options, n_process=workers,
                          chunk_size=options.chunk_size if workers > 1 else min(options.chunk_size, IN_PROCESS_CHUNK))
        documents = itertools.chain.from_iterable(itertools.chain(head, chunks))
    if options.n_process <= 1:
        coder: Coder | None = None  # built on the first chunk: a resumed run may have none to code
        for chunk in _chunks(documents, options.chunk_size):
            if stop.requested:
                return
            coder = coder or Coder(options.lexicon, options.gazetteer)
            stop.interruptible = True
            try:
                results = coder.code_each(chunk, options.batch_size, options.doc_timeout, times)
            finally:
                stop.interruptible = False
            yield from results
        return
    yield from _code_in_workers(documents, options, stop, times or StageTimes())


def _code_in_workers(documents: Iterable[Document], options: PipelineOptions, stop: StopRequest,
                     times: StageTimes) -> Iterator[Coded | Failure]:
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()

    def new_pool(workers: int = options.n_process) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(options.lexicon, os.getpid(), options.gazetteer))

    chunks = _chunks(documents, options.chunk_size)
    first = next(chunks, None)
    if first is None:  # nothing to code: start no workers
        return
    chunks = itertools.chain([first], chunks)
    pool = new_pool()
    # a few chunks in flight per worker, not the whole input: memory stays flat, a stop is quick
    window = 2 * options.n_process
    pending: deque = deque()
    try:
        while True:
            # pool is looked up at each call: a broken pool is replaced below
            fill_window(pending, chunks, window, stop,
                        lambda chunk: pool.submit(_code_chunk, (chunk, options.batch_size, options.doc_timeout)))  # noqa: B023
            if not pending or stop.requested:
                return
            chunk, future = pending.popleft()
            while True:
                try:
                    results, seconds = future.result(timeout=0.2)
                    times.merge(seconds)
                    break
                except FutureTimeout:
                    if stop.requested:
                        return
                except BrokenProcessPool:
                    # a worker died (killed, out of memory, a crash in native code): code the
                    # chunks it took with it one document at a time in a fresh pool, so only the
                    # document that kills a worker is lost (one worker: the rare, slow path)
                    lost = [chunk] + [c for c, _ in pending]
                    pending.clear()
                    results = []
                    _end_pool(pool)
                    pool = new_pool(1)
                    for d in (d for c in lost for d in c):
                        if stop.requested:
                            return
                        future = pool.submit(_code_chunk, ([d], options.batch_size, options.doc_timeout))
                        workers = list((getattr(pool, "_processes", None) or {}).values())
                        started = time.monotonic()
                        try:
                            done, seconds = future.result()
                            times.merge(seconds)
                            results.append(done[0])
                        except BrokenProcessPool as exc:
                            for w in workers:
                                w.join(timeout=5)
                            # the worker's own verdict (it ended itself as hung), or, when it was not
                            # yet reaped to tell, the clock: the one document ran past its limit
                            overran = bool(options.doc_timeout) and time.monotonic() - started > (options.doc_timeout or 0)
                            if any(w.exitcode == _HUNG_EXIT for w in workers) or (
                                    overran and any(w.exitcode is None for w in workers)):
                                results.append(_timed_out(d, options.doc_timeout or 0, "parsing or coding"))
                            else:
                                results.append(_failure(d, exc, "coding (the worker process died)"))
                            _end_pool(pool)
                            pool = new_pool(1)
                    _end_pool(pool)
                    pool = new_pool()
                    break
            yield from results
    finally:
        _end_pool(pool)


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """Drop queued work and end the workers now (a chunk in progress is not waited for)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)


def fill_window(pending: deque, chunks: Iterator[list[Document]], window: int, stop: StopRequest,
                submit: Callable[[list[Document]], Any]) -> None:
    """Top up the chunks in flight to ``window`` (each with what ``submit`` returned for it):
    every worker busy, the input never all in memory, no new work once a stop is requested."""
    while len(pending) < window and not stop.requested:
        chunk = next(chunks, None)
        if chunk is None:
            break
        pending.append((chunk, submit(chunk)))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------- resumable runs


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """The extractor in two parts (``accord.recoding``): a change of ``code`` can touch any
    document, a change of ``lexicon`` only documents containing a changed key."""

    code: Snapshot
    lexicon: Snapshot
    lexicon_source: str | None = None  # ``recoding.lexicon_source``: the lexicon files' bytes


def fingerprints(lexicon: Path | None = None, known: Callable[[str], dict[str, str] | None] | None = None,
                 gazetteer: Gazetteer | None = None) -> Fingerprints:
    """The current extractor's fingerprints; ``lexicon`` is the extra lexicon (--lexicon).
    ``known(source)`` may give the lexicon's parts saved for the same files before (a store's
    ``snapshot``), which spares parsing it. A ``gazetteer`` of the user's is a part of the
    code (the packaged one is there already, as data files). Raises ConfigError for an extra
    lexicon that cannot be read or is invalid."""
    code = code_snapshot(EXTRACTOR_VERSION)
    if gazetteer is not None:
        code = Snapshot("code", {**code.parts, "gazetteer": gazetteer.fingerprint()})
    source = lexicon_source(lexicon, code.fingerprint)
    parts = known(source) if known is not None and source is not None else None
    return Fingerprints(code, Snapshot("lexicon", parts) if parts is not None else lexicon_snapshot(lexicon), source)


def extractor_fingerprint(lexicon: Path | None = None) -> str:
    """One hash of everything that codes a document: the code part and the lexicon part."""
    both = fingerprints(lexicon)
    return hashlib.sha256(f"{both.code.fingerprint}:{both.lexicon.fingerprint}".encode()).hexdigest()[:16]


def coding_key(document: Document, fingerprint: str) -> str:
    """What a document's coding depends on: the extractor (``run`` gives the code part; the
    lexicon is kept apart, see ``accord.recoding``) and every field the coder reads.
    Where it came from (path, line) does not count: moving the files recodes nothing."""
    inputs = (fingerprint, document.text, document.title, document.published, document.date_source,
              document.language, document.masked, document.dateline, document.author, document.source)
    return hashlib.sha256(repr(inputs).encode()).hexdigest()[:24]


# why a stored document is coded again (``RunReport.recoded``)
RECODE_FORCED = "forced"  # --recode
RECODE_CODE = "code"  # the code part changed (RunReport.code_changes names the parts)
RECODE_LEXICON = "lexicon"  # it contains a lexicon key that changed (RunReport.lexicon_changes)
RECODE_INPUTS = "inputs"  # its metadata changed (the same text: the same id)
RECODE_UNKNOWN = "no record"  # stored before accord recorded how documents were coded


@dataclass(slots=True)
class RunReport:
    documents: int = 0  # coded and stored in this run
    new_documents: int = 0
    events: int = 0
    already_coded: int = 0  # skipped: stored before from the same inputs by this extractor
    unaffected: int = 0  # skipped: the lexicon changed, but none of its changed keys is in them
    recoded: dict[str, int] = field(default_factory=dict)  # stored again, by reason (RECODE_*)
    code_changes: list[str] = field(default_factory=list)  # parts of the code that changed
    lexicon_changes: Change = field(default_factory=Change)  # lexicon keys that changed
    failed: int = 0  # could not be coded (each has a Problem)
    commits: int = 0
    problems: list[Problem] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)  # of the failures, for --debug
    stopped: str | None = None  # why the run ended early ("interrupted (SIGINT)"), else None

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.action == "skipped"]


# The writer holds the database file only while it commits: every COMMIT_DOCS documents or
# COMMIT_SECONDS, whichever comes first, so a crash loses at most a few seconds of work and
# readers (`accord events` ...) get the file between batches. A batch is written in a thread
# of its own while the next is coded (``run``): one batch at a time, so the next commit waits
# for the one before it, and a write error surfaces there or at the end of the run.
COMMIT_DOCS = 200
COMMIT_SECONDS = 2.0
STORE_FILES = ("*.duckdb", "*.duckdb.wal", "*.duckdb.tmp")  # never input to a directory run


def _name_thread(name: str) -> None:
    threading.current_thread().name = name


@dataclass(slots=True)
class _Batch:
    """One commit of ``run``: what it writes, and, once written, its results or its error."""

    items: list[Coded]
    relabel: list[str]  # documents a lexicon change left as they were (``Store.relabel_lexicon``)
    keys: list[str]  # one coding key per item
    records: list  # one ``CodingRecord`` per item
    final: bool  # a busy store is an error (the last commit, or too much waiting), not a retry
    written: Future | None = None  # in the run's writer thread
    results: list = field(default_factory=list)
    error: BaseException | None = None
    seconds: float = 0.0

    @property
    def coded(self) -> list[CodedDocument]:
        return [c.coded for c in self.items]


@dataclass(slots=True)
class _Plan:
    """What the store says about documents coded before, against the current extractor."""

    states: dict  # document id -> StoredCoding
    touched: set[str]  # ids of documents a lexicon change reaches
    code_changes: list[str]
    lexicon_changes: Change


def _plan(store, now: Fingerprints, recode: bool) -> _Plan:
    """Record the current fingerprints' parts; find the documents a lexicon change touches."""
    store.save_snapshot("code", now.code.fingerprint, dict(now.code.parts))
    store.save_snapshot("lexicon", now.lexicon.fingerprint, dict(now.lexicon.parts))
    if now.lexicon_source is not None:
        store.save_snapshot("lexicon source", now.lexicon_source, dict(now.lexicon.parts))
    if recode:
        return _Plan({}, set(), [], Change())
    states = store.coding_states()
    touched: set[str] = set()
    keys: dict[str, set[str]] = {"added": set(), "removed": set(), "edited": set()}
    for fingerprint in store.lexicon_fingerprints():
        if fingerprint == now.lexicon.fingerprint:
            continue
        before = store.snapshot("lexicon", fingerprint)
        if before is None:  # parts not kept (cannot happen with this accord): all of them
            touched |= {i for i, s in states.items() if s.lexicon_fingerprint == fingerprint}
            continue
        change = changes(before, now.lexicon.parts)
        touched |= store.documents_with_words(fingerprint, change.keys)
        for name in keys:
            keys[name].update(getattr(change, name))
    code_changes: set[str] = set()
    for fingerprint in {s.code_fingerprint for s in states.values()
                        if s.code_fingerprint and s.code_fingerprint != now.code.fingerprint}:
        before = store.snapshot("code", fingerprint)
        if before is not None:
            code_changes.update(changes(before, now.code.parts).keys)
    return _Plan(states, touched, sorted(code_changes),
                 Change(*(tuple(sorted(keys[n])) for n in ("added", "removed", "edited"))))


def run(sources: Iterable[str | Path], db: str | Path, *, ingest_options=None,
        options: PipelineOptions = PipelineOptions(),
        on_document: Callable[[CodedDocument], None] | None = None,
        recode: bool = False, stop: StopRequest | None = None,
        commit_docs: int = COMMIT_DOCS, commit_seconds: float = COMMIT_SECONDS,
        stream: Callable[[Iterable[Document], PipelineOptions, StopRequest], Iterator[Coded | Failure]] | None = None,
        times: StageTimes | None = None) -> RunReport:
    """Ingest, code and store: the whole job behind ``accord run``.

    A document already stored from the same inputs by the same extractor is skipped unless
    ``recode``. After a change of the lexicon alone, a stored document is coded again only
    if it contains a changed key; the others keep their events (``accord.recoding``). Results
    are committed in batches, each in its own short transaction, with the database file
    closed in between. When ``stop`` is requested the work done is committed and the report
    says why the run stopped; rerunning the same sources resumes.

    ``stream`` codes the documents (default ``code_stream``: this machine's processes); an
    engine (``accord.engines``) gives another with the same signature, and everything else
    (skipping, writes, the report) stays the same.

    ``times``, if given, gets the seconds spent in each stage (``STAGE_NAMES``; an engine's
    stream reports no coding stages); its ``writes`` are the seconds the run waited for the
    store, and ``beside["writes"]`` the writer thread's own seconds.
    """
    from accord.ingest import IngestOptions, iter_documents
    from accord.store import CodingRecord, Store
    from accord.store.db import BATCH_MEMORY, BATCH_THREADS

    if stream is not None and options.gazetteer is not None:
        # an engine's workers build their own coders from the lexicon path alone
        raise ConfigError("a gazetteer of your own codes in this machine's processes only: leave out the engine")
    report = RunReport()
    stop = stop or StopRequest()
    seen: set[str] = set()
    ingest_options = ingest_options or IngestOptions()
    ingest_options = replace(ingest_options, exclude=tuple(ingest_options.exclude) + STORE_FILES)
    in_memory = str(db) == ":memory:"
    held = Store.open(db) if in_memory else None
    try:
        if held is not None:
            now = fingerprints(options.lexicon, lambda source: held.snapshot("lexicon source", source),
                               options.gazetteer)
            plan = _plan(held, now, recode)
        else:
            with Store.open(db) as store:  # creates the file and applies migrations
                now = fingerprints(options.lexicon, lambda source: store.snapshot("lexicon source", source),
                                   options.gazetteer)
                plan = _plan(store, now, recode)
    except BaseException:
        if held is not None:
            held.close()
        raise
    code_fp, lexicon_fp = now.code.fingerprint, now.lexicon.fingerprint
    report.code_changes, report.lexicon_changes = plan.code_changes, plan.lexicon_changes
    keys: dict[str, str] = {}
    reasons: dict[str, str] = {}  # document id -> why a stored document is coded again
    relabel: list[str] = []  # untouched by the lexicon change: they keep their events

    def documents() -> Iterator[Document]:
        started = time.perf_counter()
        for item in iter_documents(sources, ingest_options):
            if stop.requested:
                return
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.id not in seen:
                seen.add(item.id)
                key = coding_key(item, code_fp)
                before = plan.states.get(item.id)
                if recode:
                    reasons[item.id] = RECODE_FORCED
                elif before is None:
                    pass  # new to the store
                elif before.key != key or before.lexicon_fingerprint is None:
                    reasons[item.id] = (RECODE_UNKNOWN if before.code_fingerprint is None else
                                        RECODE_CODE if before.code_fingerprint != code_fp else RECODE_INPUTS)
                elif before.lexicon_fingerprint == lexicon_fp:
                    report.already_coded += 1
                    continue
                elif item.id in plan.touched:
                    reasons[item.id] = RECODE_LEXICON
                else:
                    relabel.append(item.id)
                    continue
                keys[item.id] = key
                if times is not None:
                    times.add("ingest", time.perf_counter() - started)
                yield item
                started = time.perf_counter()
        if times is not None:
            times.add("ingest", time.perf_counter() - started)

    pending: list[Coded] = []
    last_commit = time.monotonic()
    failed_commit = False
    # the batch being written: in a thread of its own for a store file (DuckDB lets go of the
    # GIL while a statement runs, so it costs the coding little), in line for an in-memory one
    writing: _Batch | None = None
    # one writer thread for the whole run, not one per batch: DuckDB's native memory (on this
    # thread: BATCH_THREADS) is then freed and reused in one glibc arena; spread over a new
    # thread's arena each batch, the writer's RSS grew with the run (``store.db.BATCH_THREADS``)
    writer: ThreadPoolExecutor | None = None

    def write(store, batch: _Batch) -> list:
        results = store.write_many(batch.coded, extractor_version=EXTRACTOR_VERSION, coding_keys=batch.keys,
                                   coding=batch.records)
        store.relabel_lexicon(batch.relabel, lexicon_fp)
        return results

    def write_batch(batch: _Batch) -> None:
        """Commit one batch: its results or its error end up on it (run in the writer thread)."""
        started = time.perf_counter()
        try:
            if held is not None:
                batch.results = write(held, batch)
            else:
                # a reader holding the file: keep coding and try again at the next batch,
                # unless this is the last chance or too much is waiting
                with Store.open(db, wait=600.0 if batch.final else 1.0, memory_limit=BATCH_MEMORY,
                                threads=BATCH_THREADS) as store:
                    batch.results = write(store, batch)
        except BaseException as exc:  # raised in the run's own thread by ``settle``
            batch.error = exc
        finally:
            batch.seconds = time.perf_counter() - started

    def settle() -> None:
        """Wait for the batch being written, then count it in the report; a batch the store was
        too busy to take goes back to the front of the queue; any other error is raised."""
        nonlocal writing, failed_commit
        batch = writing
        if batch is None:
            return
        started = time.perf_counter()
        if batch.written is not None:
            batch.written.result()  # write_batch keeps any error on the batch
        writing = None
        if times is not None:
            if batch.written is not None:
                times.add("writes", time.perf_counter() - started)  # what the run waited for the store
                times.add_beside("writes", batch.seconds)
            else:  # written in the run's own thread (the last batch, an in-memory store)
                times.add("writes", batch.seconds)
        if isinstance(batch.error, StoreBusyError) and not batch.final:
            pending[:0] = batch.items
            relabel[:0] = batch.relabel
            return
        if batch.error is not None:
            failed_commit = True  # after a failed commit, do not try (and wait) again
            raise batch.error
        report.commits += 1
        report.unaffected += len(batch.relabel)
        for r in batch.results:
            report.documents += 1
            report.new_documents += int(r.new_document)
            report.events += r.events
            if r.doc_id in reasons:
                why = reasons[r.doc_id]
                report.recoded[why] = report.recoded.get(why, 0) + 1

    def commit(final: bool) -> None:
        """Hand what is pending to the writer, once the batch before it is written; a final
        commit also waits for its own batch."""
        nonlocal writing, last_commit, writer
        settle()
        if not (pending or relabel) or failed_commit:
            return
        batch = _Batch(list(pending), list(relabel), [keys[c.coded.document.id] for c in pending],
                       [CodingRecord(code_fp, lexicon_fp, c.words) for c in pending],
                       final or len(pending) >= 10 * commit_docs)
        pending.clear()
        relabel.clear()
        last_commit = time.monotonic()
        writing = batch
        if held is None and not final:
            if writer is None:
                writer = ThreadPoolExecutor(1, initializer=_name_thread, initargs=("accord-writer",))
            batch.written = writer.submit(write_batch, batch)
        else:
            write_batch(batch)
        if final:
            settle()

    try:
        coding = (stream(documents(), options, stop) if stream is not None
                  else code_stream(documents(), options, stop, times))
        for result in coding:
            if isinstance(result, Failure):
                report.failed += 1
                report.problems.append(result.problem)
                if result.traceback:
                    report.tracebacks.append(f"{result.problem.origin}:\n{result.traceback}")
                keys.pop(result.document.id, None)
                continue
            report.problems.extend(result.notes)
            pending.append(result)
            if on_document is not None:
                on_document(result.coded)
            if (len(pending) >= commit_docs or len(relabel) >= 50 * commit_docs
                    or time.monotonic() - last_commit >= commit_seconds):
                commit(final=False)
            if stop.requested:
                break
    except Interrupted:
        pass  # the chunk being coded is dropped; everything coded before it is committed below
    finally:
        try:
            commit(final=True)
        finally:
            if writer is not None:
                writer.shutdown()
            if held is not None:
                held.close()
    report.stopped = stop.reason
    if report.commits and not in_memory:
        # the actor registry is derived from what was written: rebuilt once a run, not per batch
        from accord.actors.registry import refresh_registry

        started = time.perf_counter()
        with Store.open(db, wait=600.0) as store:
            refresh_registry(store)
        if times is not None:
            times.add("registry", time.perf_counter() - started)
    return report
