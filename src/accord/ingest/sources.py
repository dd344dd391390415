"""Where documents come from: paths, directories (with glob filters), stdin and URLs.

Every source goes to one reader, chosen by the forced format, else the extension, else the
content. Bad input never raises: it becomes a Problem and the batch goes on.
"""

from __future__ import annotations

import errno
import glob
import http.client
import io
import json
import os
import re
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import BinaryIO, TextIO

from accord.errors import InputError
from accord.ingest.decode import (
    BINARY_MESSAGE,
    LineDecoder,
    bom_encoding,
    bomless_utf16_32,
    decode_bytes,
    fallback_message,
    looks_binary,
    nul_note,
)
from accord.ingest.feeds import read_feed
from accord.ingest.html import read_html
from accord.ingest.language import detect_language, not_coded_message
from accord.ingest.language import supported as language_supported
from accord.ingest.options import IngestOptions, normalise_format
from accord.ingest.records import read_csv, read_json, read_jsonl
from accord.ingest.text import read_text
from accord.model import Document, Problem
from accord.version import __version__

USER_AGENT = f"accord/{__version__} (news event coder; python-urllib)"
STDIN_ORIGIN = "<stdin>"

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_STREAMED = frozenset(("jsonl", "csv", "tsv"))
_GLOB_CHARS = frozenset("*?[")


@dataclass(slots=True)
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def iter_documents(
    sources: Iterable[str | Path],
    options: IngestOptions = IngestOptions(),
    *,
    stdin: TextIO | None = None,
) -> Iterator[Document | Problem]:
    """Stream Documents (and Problems) from files, directories, ``-`` (stdin) and http(s) URLs.

    Never raises for bad input: each unreadable source, line or record yields a Problem and
    the rest is read. A single path or string is taken as one source, not iterated.
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        if isinstance(source, str) and source == "-":
            items = _read_stdin(stdin, options)
        elif isinstance(source, str) and source.lower().startswith(("http://", "https://")):
            items = read_url(source, options)
        else:
            items = _read_path(source, options)
        yield from with_language(items)


def with_language(items: Iterable[Document | Problem]) -> Iterator[Document | Problem]:
    """Each Document with its ``language`` detected; one not coded (not English) is followed
    by a Problem saying so, so that it is counted in the run's summary."""
    for item in items:
        if isinstance(item, Document):
            item.language = detect_language(item.nlp_text())  # before it is yielded: consumers code it
        yield item
        if isinstance(item, Document) and not language_supported(item.language):
            yield Problem(item.origin, item.origin_line, not_coded_message(item.language), action="not coded")


def read_all(
    sources: Iterable[str | Path],
    options: IngestOptions = IngestOptions(),
    *,
    stdin: TextIO | None = None,
) -> IngestResult:
    """Everything from ``iter_documents``, documents de-duplicated by id (first one kept)."""
    result = IngestResult()
    seen: dict[str, Document] = {}
    for item in iter_documents(sources, options, stdin=stdin):
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        first = seen.get(item.id)
        if first is not None:
            where = f"{first.origin}:{first.origin_line}" if first.origin_line is not None else first.origin
            result.problems.append(
                Problem(item.origin, item.origin_line, f"same text as {where} (id {item.id})", action="skipped duplicate")
            )
            continue
        seen[item.id] = item
        result.documents.append(item)
    return result


# --- paths -------------------------------------------------------------------------------

def _read_path(source: str | Path, options: IngestOptions) -> Iterator[Document | Problem]:
    origin = str(source)
    path = Path(source)
    try:
        if path.is_dir():
            yield from _read_directory(path, options)
            return
        if path.is_file():
            yield from read_file(path, options, origin=origin)
            return
    except OSError as exc:
        yield Problem(origin, None, f"cannot read: {exc.strerror or exc}; check permissions")
        return
    if _GLOB_CHARS & set(origin):
        matches = sorted(glob.glob(origin, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if not files:
            yield Problem(origin, None, "pattern matches no files; check the path and quoting")
        for file in files:
            yield from read_file(file, options, origin=str(file))
        return
    if (link := link_problem(path)) is not None:
        yield Problem(origin, None, link)
    elif path.exists():
        yield Problem(origin, None, "not a regular file or directory; skipped")
    else:
        yield Problem(origin, None, "no such file or directory; check the path")


def link_problem(path: Path) -> str | None:
    """What is wrong with a symbolic link on the way to ``path`` that cannot be followed, or None."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            chain = _link_chain(path)
            return f"symbolic link loop ({chain}); fix or remove the link"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"broken symbolic link: it points to {os.readlink(path)!r}, which does not exist; fix or remove the link"
        return None
    return None


def _link_chain(path: Path, limit: int = 6) -> str:
    """'a -> b -> a' for a loop of links (the first few steps)."""
    steps = [str(path)]
    current = str(path)
    seen = {os.path.abspath(current)}
    for _ in range(limit):
        try:
            target = os.readlink(current)
        except OSError:
            break
        current = os.path.join(os.path.dirname(current), target)
        steps.append(target)
        if os.path.abspath(current) in seen:
            break
        seen.add(os.path.abspath(current))
    else:
        steps.append("...")
    return " -> ".join(steps)


def _selected(relative: PurePosixPath, options: IngestOptions) -> bool:
    def hit(pattern: str) -> bool:
        target = relative.as_posix() if "/" in pattern else relative.name
        return fnmatchcase(target, pattern)

    if options.include and not any(hit(p) for p in options.include):
        return False
    return not any(hit(p) for p in options.exclude)


def iter_directory(root: Path, options: IngestOptions) -> Iterator[Path]:
    """Files under ``root``: recursive, sorted, hidden files and folders skipped, globs applied."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = base / name
            relative = PurePosixPath(file.relative_to(root).as_posix())
            if _selected(relative, options) and (file.is_file() or link_problem(file) is not None):
                yield file


def _read_directory(root: Path, options: IngestOptions) -> Iterator[Document | Problem]:
    found = False
    for file in iter_directory(root, options):
        found = True
        yield from read_file(file, options, origin=str(file))
    if not found:
        filters = []
        if options.include:
            filters.append(f"include {', '.join(options.include)}")
        if options.exclude:
            filters.append(f"exclude {', '.join(options.exclude)}")
        how = f" matching {'; '.join(filters)}" if filters else ""
        yield Problem(str(root), None, f"directory has no files{how} (hidden files are skipped); nothing read")


def read_file(path: Path, options: IngestOptions, *, origin: str | None = None) -> Iterator[Document | Problem]:
    """One file, with its reader chosen by ``options.format``, its extension or its content."""
    origin = origin if origin is not None else str(path)
    if (link := link_problem(path)) is not None:
        yield Problem(origin, None, link)
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Problem(origin, None, "empty file; skipped")
            return
        fmt = normalise_format(options.format) or EXTENSIONS.get(path.suffix.lower())
        if fmt in _STREAMED:
            with path.open("rb") as fh:
                yield from _read_streamed(fh, fmt, origin=origin, name=path.name, options=options)
            return
        if size > options.max_file_bytes:
            yield Problem(
                origin, None,
                f"file is {size / 2**20:,.0f} MiB, over the {options.max_file_bytes / 2**20:,.0f} MiB "
                "read limit for whole-file formats; split it, use JSONL, or raise --max-chars",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(origin, None, f"cannot read: {exc.strerror or exc}; check the path and permissions")
        return
    yield from read_bytes(data, fmt, origin=origin, name=path.name, options=options)


def _read_streamed(
    fh: BinaryIO, fmt: str, *, origin: str, name: str, options: IngestOptions
) -> Iterator[Document | Problem]:
    head = fh.read(65536)
    fh.seek(0)
    if bom_encoding(head) in ("utf-16", "utf-32") or bomless_utf16_32(head) is not None:
        # Lines cannot be split on b"\n" in these encodings: decode whole.
        data = fh.read()
        yield from read_bytes(data, fmt, origin=origin, name=name, options=options)
        return
    if looks_binary(head):
        yield Problem(origin, None, BINARY_MESSAGE)
        return
    decoder = LineDecoder(head)
    lines = (decoder.decode(raw, i) for i, raw in enumerate(fh, start=1))
    columns, max_chars = options.columns, options.max_chars
    if fmt == "jsonl":
        yield from read_jsonl(lines, origin=origin, name=name, columns=columns, max_chars=max_chars, decoder=decoder)
    else:
        delimiter = "\t" if fmt == "tsv" else None
        yield from read_csv(
            lines, origin=origin, name=name, columns=columns, max_chars=max_chars, delimiter=delimiter, decoder=decoder
        )


def _decode(data: bytes, origin: str) -> Generator[Problem, None, str | None]:
    """Bytes to text by detection; yields the Problem for a guessed encoding or for bytes that
    are not text, and returns the text (None when there is none)."""
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        yield Problem(origin, None, str(exc))
        return None
    if decoded.guessed:
        yield Problem(origin, None, fallback_message(decoded.encoding), action=f"read as {decoded.encoding}")
    if decoded.note:
        yield Problem(origin, None, decoded.note, action=decoded.note_action)
    return decoded.text


def read_bytes(
    data: bytes,
    fmt: str | None,
    *,
    origin: str,
    name: str,
    options: IngestOptions,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Document | Problem]:
    """A whole source already in memory: decode it, pick a reader, read it."""
    if not data.strip():
        yield Problem(origin, None, ("empty file" if url is None else "empty response") + " (nothing but whitespace); skipped")
        return
    if fmt == "feed":
        if looks_binary(data):
            yield Problem(origin, None, BINARY_MESSAGE)
            return
        yield from read_feed(data, origin=origin, name=name, max_chars=options.max_chars)
        return
    text = None
    if charset is None and fmt in ("html", None):
        charset = declared_charset(data)
    if charset:
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text = yield from _decode(data, origin)
        if text is None:
            return
    if fmt is None:
        fmt = sniff_format(text)
        if fmt == "feed":
            yield from read_feed(data, origin=origin, name=name, max_chars=options.max_chars)
            return
    yield from read_string(text, fmt, origin=origin, name=name, options=options, url=url)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m[1].decode("ascii").lower() if m else None


def read_string(
    text: str,
    fmt: str,
    *,
    origin: str,
    name: str,
    options: IngestOptions,
    url: str | None = None,
) -> Iterator[Document | Problem]:
    """Decoded text in a known format."""
    if not text.strip():
        yield Problem(origin, None, "no text (only whitespace); skipped")
        return
    columns, max_chars = options.columns, options.max_chars
    doc_origin = url or name
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:  # decoded with a declared charset or handed over as text: NULs not yet removed
        yield Problem(origin, None, nul_note(text), action="NUL removed")
        text = text.replace("\x00", "")
    match fmt:
        case "text":
            yield from read_text(text, origin=origin, doc_origin=doc_origin, max_chars=max_chars)
        case "jsonl":
            yield from read_jsonl(io.StringIO(text), origin=origin, name=name, columns=columns, max_chars=max_chars)
        case "json":
            yield from read_json(text, origin=origin, name=name, columns=columns, max_chars=max_chars)
        case "csv" | "tsv":
            yield from read_csv(
                io.StringIO(text), origin=origin, name=name, columns=columns, max_chars=max_chars,
                delimiter="\t" if fmt == "tsv" else None,
            )
        case "html":
            yield from read_html(text, origin=origin, doc_origin=doc_origin, max_chars=max_chars, url=url)
        case "feed":
            yield from read_feed(text, origin=origin, name=name, max_chars=max_chars)
        case _:
            raise AssertionError(f"unhandled format {fmt!r}")


def sniff_format(text: str) -> str:
    """Guess a format from content: feeds, HTML, JSONL, JSON; anything else is text."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    lowered = head.lower()
    if head.startswith("<"):
        if "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered:
            return "feed"
        if any(tag in lowered for tag in ("<html", "<!doctype html", "<body", "<head", "<article", "<p>", "<div")):
            return "html"
        if lowered.startswith("<?xml"):
            return "feed"
        return "text"
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (json.JSONDecodeError, RecursionError):
            pass
        return "json" if _parses_as_json(text) else "text"
    if head.startswith("[") and _parses_as_json(text):
        return "json"
    return "text"


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


# --- stdin -------------------------------------------------------------------------------

def _read_stdin(stdin: TextIO | None, options: IngestOptions) -> Iterator[Document | Problem]:
    """``-``: seed-format text, or JSONL when the first non-blank character is ``{``."""
    try:
        if stdin is None:
            data = sys.stdin.buffer.read()
        else:
            text = stdin.read()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        yield Problem(STDIN_ORIGIN, None, f"cannot read standard input: {exc}")
        return
    if stdin is None:
        if not data.strip():
            text = ""
        else:
            decoded = yield from _decode(data, STDIN_ORIGIN)
            if decoded is None:
                return
            text = decoded
    if not text.strip():
        yield Problem(STDIN_ORIGIN, None, "standard input is empty; nothing to read")
        return
    fmt = normalise_format(options.format) or stdin_format(text)
    yield from read_string(text, fmt, origin=STDIN_ORIGIN, name=STDIN_ORIGIN, options=options)


def stdin_format(text: str) -> str:
    """JSONL when the first non-blank character is ``{`` (JSON if it is one multi-line object)."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return "text"
    first = head.split("\n", 1)[0]
    if not _parses_as_json(first) and _parses_as_json(text):
        return "json"
    return "jsonl"


# --- URLs --------------------------------------------------------------------------------

def _format_from_content_type(content_type: str) -> str | None:
    ctype = content_type.lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"):
        return "feed"
    if ctype in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if ctype in ("text/csv",):
        return "csv"
    if ctype in ("text/tab-separated-values",):
        return "tsv"
    return None  # text/plain, application/json, octet-stream...: decide from the content


def read_url(url: str, options: IngestOptions) -> Iterator[Document | Problem]:
    """Fetch an http(s) URL and read it: HTML pages, feeds, or any other supported format."""
    limit = options.max_file_bytes
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:  # http(s) only
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final_url = response.geturl() or url
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        yield Problem(url, None, f"HTTP {exc.code} {exc.reason} when fetching it; "
                                 "check the URL, or save the page and pass the file")
        return
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            yield Problem(url, None, f"no answer within {options.timeout:g} s; try again later or raise the timeout")
        else:
            yield Problem(url, None, f"cannot fetch it ({reason}); check the URL and the network")
        return
    except TimeoutError:
        yield Problem(url, None, f"no answer within {options.timeout:g} s; try again later or raise the timeout")
        return
    except (http.client.HTTPException, OSError, ValueError) as exc:
        yield Problem(url, None, f"cannot fetch it ({type(exc).__name__}: {exc}); check the URL and the network")
        return
    if len(data) > limit:
        yield Problem(url, None, f"response is over the {limit / 2**20:,.0f} MiB read limit; "
                                 "download and split it, or raise --max-chars")
        return
    name = PurePosixPath(urllib.parse.urlsplit(final_url).path).name or urllib.parse.urlsplit(final_url).netloc
    fmt = (
        normalise_format(options.format)
        or _format_from_content_type(content_type)
        or EXTENSIONS.get(PurePosixPath(name).suffix.lower())
    )
    if fmt == "feed":
        if looks_binary(data):
            yield Problem(url, None, BINARY_MESSAGE)
            return
        yield from read_feed(data, origin=url, name=name, max_chars=options.max_chars,
                             response_headers={"content-type": response.headers.get("Content-Type", "")})
        return
    yield from read_bytes(data, fmt, origin=url, name=name, options=options, url=final_url, charset=charset)
