"""Plain text in the seed format: items split by ``---`` lines, metadata read from the top.

Each item's ``Document.text`` is its slice of the file exactly as written, so character offsets
in the first item are offsets in the file. Metadata found at the top of an item:

* `` date YYYY-MM-DD`` header at the very start (masked; the text goes on after it);
* a title: a short first line without final punctuation, followed by a blank line (not masked);
* a byline ``By NAME`` (masked);
* a dateline opening the body, ``BAKU, June 18 (Reuters) –`` (masked; see ``dateline``: the
  agency is the source, the date is used only when it has a year, the place is kept); a
  dateline line is never the title;
* a source named by the lead: ``…, Report informs.``, ``…, AP reported.``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from accord.ingest.dateline import apply_dateline, find_dateline
from accord.ingest.dates import parse_date, safe_date
from accord.ingest.ids import document_id
from accord.model import Document, Problem, Span

SEPARATOR = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
# a header line that is not ISO: " date 18/06/2025", "date: June 18, 2025"
_BAD_HEADER = re.compile(r"\A(?:[ \t]*\r?\n)*(?P<hdr>[ \t]?date[ \t]*:?[ \t]+(?P<date>(?=[^\n]*\d)[^\s][^\n]{0,38}?))"
                         r"[ \t]*(?=\r?\n|\Z)")
_HEADER = re.compile(r"\A(?:[ \t]*\r?\n)*(?P<hdr>[ \t]?date[ \t]*:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2}))(?=\s|\Z)")

_TITLE_MAX_WORDS = 25
_TITLE_MAX_CHARS = 200
_TITLE_ENDINGS = (".", "!", "?", ":", '"', "\u201d", "'", "\u2019", "\u00bb", "\u2026", ";", ",")

_BYLINE = re.compile(r"^(?:By|BY)[ \t]+(?P<rest>\S.*?)[ \t]*$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||/|\s[-\u2013\u2014]\s)\s*")
_NAME_PARTICLES = frozenset(
    "and de da das do dos du del della der den di van von al el bin ibn la le y".split()
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'\u2019.\-]*$")
_MAX_NAME_WORDS = 5

_WORD = r"[A-Z][\w.&'\u2019\-]*"
# "…, Report informs."  "…, AP reported."  "…, Trend reports, citing …"
_REPORTS = re.compile(
    rf"(?:^|[,;]|[\u2013\u2014])[ \t]*(?P<src>{_WORD}(?:[ ]{_WORD}){{0,3}})[ \t]+"
    r"(?:informs|reports|reported)(?=[ \t]*(?:[.;]|,[ \t]*citing\b|$))"
)
_NOT_SOURCES = frozenset("He She It They We I You This That There His Her Its Their".split())

NO_DATE_HELP = (
    "no publication date found, so relative dates in it (\"today\", \"on Monday\") cannot be "
    "resolved; give one with a ' date YYYY-MM-DD' line at the start of the item"
)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # first non-blank character (or end of line when blank)
    end: int  # end of content, before "\r\n" / "\n"

    def content(self, text: str) -> str:
        return text[self.start:self.end]

    def blank(self, text: str) -> bool:
        return not text[self.start:self.end].strip()


def split_items(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each item: the text between ``---`` lines, empty items dropped."""
    pos = 0
    for m in SEPARATOR.finditer(text):
        if text[pos:m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    if text[pos:].strip():
        yield pos, len(text)


def read_text(
    text: str,
    *,
    origin: str,
    doc_origin: str,
    max_chars: int,
    first_line: int = 1,
) -> Iterator[Document | Problem]:
    """Documents (and Problems) for every item of a seed-format text."""
    found = False
    for start, end in split_items(text):
        found = True
        line = first_line + text.count("\n", 0, start)
        size = end - start
        if size > max_chars:
            yield Problem(
                origin, line,
                f"document of {size:,} characters is over the {max_chars:,}-character limit "
                "(spaCy's max_length); split it (e.g. with '---' lines) or raise --max-chars",
            )
            continue
        doc = parse_item(text[start:end], origin=origin, doc_origin=doc_origin, line=line)
        if not doc.nlp_text().strip():
            yield Problem(origin, line, "item has a date header or byline but no article text; skipped")
            continue
        yield doc
        if doc.published is None:
            bad = next((w for w in doc.warnings if w.startswith("header date")), None)
            yield Problem(origin, line, _bad_header_help(bad) if bad else NO_DATE_HELP, action="kept without date")
    if not found:
        yield Problem(origin, None, "no text (only whitespace or '---' lines); skipped")


def _bad_header_help(warning: str) -> str:
    """'the date header 2025-13-45 is not a valid date (no month 13) ...' from parse_item's warning."""
    value = warning.removeprefix("header date ").removesuffix(" is not a valid date; ignored")
    why = ""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        year, month, day = (int(x) for x in m.groups())
        if not 1 <= month <= 12:
            why = f" (there is no month {month})"
        elif safe_date(year, month, 1) is not None and day >= 1:
            why = f" ({calendar.month_name[month]} {year} has no day {day})"
        elif day == 0:
            why = " (there is no day 0)"
    elif value:
        why = " (not in the form YYYY-MM-DD)"
    return (f"the date header {value!r} is not a valid date{why}, so relative dates in it (\"today\", "
            "\"on Monday\") cannot be resolved; write it as ' date YYYY-MM-DD', e.g. ' date 2025-06-18'")


def parse_item(text: str, *, origin: str = "", doc_origin: str = "", line: int | None = 1) -> Document:
    """One item -> Document with metadata from its top; ``text`` is kept unchanged."""
    masked: list[Span] = []
    warnings: list[str] = []
    published: dt.date | None = None
    date_source: str | None = None
    title = author = source = None
    byline_source = None

    body_start = 0
    if (m := _HEADER.match(text)) is None and (bad := _BAD_HEADER.match(text)) is not None:
        # " date 18/06/2025": a header all the same (masked, not a title), read when it is a full date
        masked.append(Span(bad.start("hdr"), bad.end("hdr"), bad["hdr"]))
        body_start = bad.end("hdr")
        published = parse_date(bad["date"])
        if published is None:
            warnings.append(f"header date {bad['date']} is not a valid date; ignored")
        else:
            date_source = "header"
    elif m is not None:
        masked.append(Span(m.start("hdr"), m.end("hdr"), m["hdr"]))
        body_start = m.end("hdr")
        year, month, day = (int(x) for x in m["date"].split("-"))
        published = safe_date(year, month, day)
        if published is None:
            warnings.append(f"header date {m['date']} is not a valid date; ignored")
        else:
            date_source = "header"

    lines = _lines(text, body_start)
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank(text)]
    top = 0  # index into nonblank of the first line not yet classified
    if nonblank and _byline(lines[nonblank[0]].content(text)) is None and _is_title(text, lines, nonblank[0]):
        title = lines[nonblank[0]].content(text).strip()
        top = 1
    if top < len(nonblank):
        ln = lines[nonblank[top]]
        if (byline := _byline(ln.content(text))) is not None:
            author, byline_source = byline
            masked.append(Span(ln.start, ln.end, ln.content(text)))
            top += 1

    dateline = None
    if top < len(nonblank):
        lead_start = lines[nonblank[top]].start
        lead_end = _paragraph_end(text, lines, nonblank[top])
        dateline = find_dateline(text, lead_start)
        source = dateline.agency if dateline is not None else None
        if source is None:
            source = _reports_source(text[lead_start:lead_end])
    if source is None:
        source = byline_source
    doc = apply_dateline(Document(
        id=document_id(text), text=text, title=title, published=published, date_source=date_source,
        author=author, source=source, origin=origin, origin_line=line, doc_origin=doc_origin,
        masked=tuple(masked), warnings=tuple(warnings),
    ), dateline)
    if doc.published is None:
        doc.warnings = (*doc.warnings, "no publication date")
    return doc


def _lines(text: str, start: int) -> list[_Line]:
    out: list[_Line] = []
    pos = start
    n = len(text)
    while True:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        lstart = pos
        while lstart < content_end and text[lstart] in " \t":
            lstart += 1
        stop = content_end
        while stop > lstart and text[stop - 1] in " \t":
            stop -= 1
        out.append(_Line(lstart, stop))
        if nl < 0:
            return out
        pos = nl + 1


def _is_title(text: str, lines: list[_Line], index: int) -> bool:
    content = lines[index].content(text).strip()
    if not content or len(content) > _TITLE_MAX_CHARS or len(content.split()) > _TITLE_MAX_WORDS:
        return False
    if content.endswith(_TITLE_ENDINGS) or not any(ch.isalpha() for ch in content):
        return False
    if find_dateline(text, lines[index].start) is not None:
        return False  # "WASHINGTON (AP) —" on a line of its own is not a headline
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    return following.blank(text) or _byline(following.content(text)) is not None


def _byline(content: str) -> tuple[str, str | None] | None:
    """(author, outlet or None) when the line is ``By NAME`` (1-5 capitalised words)."""
    m = _BYLINE.match(content.strip())
    if m is None:
        return None
    parts = _BYLINE_SPLIT.split(m["rest"], maxsplit=1)
    name = _name(parts[0])
    if name is None:
        return None
    outlet = _name(parts[1]) if len(parts) > 1 else None
    if len(parts) > 1 and outlet is None:
        return None
    return name, outlet


def _name(words: str) -> str | None:
    tokens = words.split()
    capitalised = 0
    for token in tokens:
        if token in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or not token[0].isupper():
            return None
        capitalised += 1
    if not 1 <= capitalised <= _MAX_NAME_WORDS or tokens[-1] in _NAME_PARTICLES:
        return None
    return " ".join(tokens)


def _paragraph_end(text: str, lines: list[_Line], index: int) -> int:
    end = lines[index].end
    for ln in lines[index + 1:]:
        if ln.blank(text):
            break
        end = ln.end
    return end


def _reports_source(lead: str) -> str | None:
    for m in _REPORTS.finditer(lead):
        name = m["src"]
        if name.split()[0] not in _NOT_SOURCES:
            return name
    return None
