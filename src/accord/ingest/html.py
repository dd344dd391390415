"""HTML pages -> one Document with trafilatura: main text, title, author, date, url, site name.

A body that opens with a wire dateline has it masked and read as metadata (``accord.ingest.dateline``).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from accord.ingest.dateline import apply_dateline, find_body_dateline
from accord.ingest.dates import parse_date
from accord.ingest.ids import document_id
from accord.model import Document, Problem

NO_BODY_MESSAGE = (
    "no article text found; is this an index page? Pass the article pages themselves "
    "(or a feed), not a section or home page"
)
HTML_NO_DATE_HELP = (
    "the page has no publication date in its metadata, so relative dates in it (\"today\", "
    "\"on Monday\") cannot be resolved; save its text with a ' date YYYY-MM-DD' first line to give one"
)
_MIN_WORDS = 8
_MAX_TREE_DEPTH = 255  # libxml2's limit without its "huge tree" option


def read_html(
    markup: str,
    *,
    origin: str,
    doc_origin: str,
    max_chars: int,
    url: str | None = None,
    line: int | None = None,
) -> Iterator[Document | Problem]:
    """The article in an HTML page, or one Problem when there is none."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_images=False
        )
    except Exception as exc:  # any failure: a third-party parser failing on one page is bad input
        yield Problem(origin, line, f"HTML could not be parsed ({type(exc).__name__}: {exc}); skipped")
        return
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if len(text.split()) < _MIN_WORDS:
        # libxml2 gives up on elements nested deeper than 255 levels, and trafilatura then sees
        # an empty page: read such a page's text with a parser that keeps no tree
        stripper = _Stripper()
        stripper.feed(markup)
        stripper.close()
        stripper._break()
        if stripper.max_depth <= _MAX_TREE_DEPTH:
            yield Problem(origin, line, NO_BODY_MESSAGE)
            return
        text = "\n\n".join(stripper.paragraphs)
        deep = (f"the page nests its elements {stripper.max_depth:,} levels deep, more than the HTML parser "
                f"takes ({_MAX_TREE_DEPTH})")
        if len(text.split()) < _MIN_WORDS:
            yield Problem(origin, line, f"{deep}, and has no article text inside them (a broken or generated page?); skipped")
            return
        result = None
        yield Problem(origin, line, f"{deep}; its text was read without layout analysis, so menus or boilerplate "
                                    "may be in it", action="read as plain text")
    if len(text) > max_chars:
        yield Problem(
            origin, line,
            f"article of {len(text):,} characters is over the {max_chars:,}-character limit "
            "(spaCy's max_length); split it or raise --max-chars",
        )
        return
    published = parse_date(getattr(result, "date", None))
    doc = Document(
        id=document_id(text),
        text=text,
        title=_clean(getattr(result, "title", None)) if result is not None else _page_title(markup),
        published=published,
        date_source="html-meta" if published is not None else None,
        author=_clean(getattr(result, "author", None)),
        source=_clean(getattr(result, "sitename", None)),
        url=_clean(getattr(result, "url", None)) or url,
        origin=origin,
        origin_line=line,
        doc_origin=doc_origin,
    )
    doc = apply_dateline(doc, find_body_dateline(text, doc.title))
    if doc.published is None:
        doc.warnings = (*doc.warnings, "no publication date")
    yield doc
    if doc.published is None:
        yield Problem(origin, line, HTML_NO_DATE_HELP, action="kept without date")


_TITLE = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.IGNORECASE)


def _page_title(markup: str) -> str | None:
    m = _TITLE.search(markup[:65536])
    return _clean(html_lib.unescape(m[1])) if m else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer "
    "pre hr figure figcaption dd dt dl".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template"))
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr p li".split())  # p, li: often left open


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.depth = 0
        self.max_depth = 0

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def strip_html(markup: str) -> str:
    """Text of an HTML fragment (feed summaries): block elements become paragraphs ("\\n\\n")."""
    if "<" not in markup:
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", html_lib.unescape(markup))]
        return "\n\n".join(p for p in paragraphs if p)
    parser = _Stripper()
    parser.feed(markup)
    parser.close()
    parser._break()
    return "\n\n".join(parser.paragraphs)
