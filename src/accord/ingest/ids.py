"""Content-hash ids: the same article ingested twice is one document."""

from __future__ import annotations

import hashlib


def document_id(text: str) -> str:
    """First 16 hex chars of the sha256 of ``text`` with whitespace collapsed and stripped.

    Whitespace differences (re-wrapped lines, CRLF, trailing blank lines) do not change the id.

    >>> document_id("Azerbaijan  and\\nUkraine ") == document_id("Azerbaijan and Ukraine")
    True
    """
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
