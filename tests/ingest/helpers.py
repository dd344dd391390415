"""Small helpers for ingest tests."""

from __future__ import annotations

from accord.model import Document, Problem


def split(items: list[Document | Problem]) -> tuple[list[Document], list[Problem]]:
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    return docs, problems


def collect(sources, options=None, **kwargs) -> tuple[list[Document], list[Problem]]:
    from accord.ingest import IngestOptions, iter_documents

    return split(list(iter_documents([str(s) if not isinstance(s, str) else s for s in sources],
                                     options or IngestOptions(), **kwargs)))
