"""Ingestion: files, directories, stdin, URLs and feeds -> ``Document`` (or ``Problem``).

>>> from accord.ingest import read_all
>>> result = read_all(["examples/seeds"])            # doctest: +SKIP
>>> [d.doc_origin for d in result.documents]          # doctest: +SKIP

Readers live in private-by-convention modules (``text``, ``records``, ``html``, ``feeds``,
``sources``, ``decode``, ``ids``); this package's ``__all__`` is the supported API.
"""

from accord.ingest.ids import document_id
from accord.ingest.options import FORMATS, ColumnMap, IngestOptions
from accord.ingest.sources import IngestResult, iter_documents, read_all

__all__ = [
    "FORMATS",
    "ColumnMap",
    "IngestOptions",
    "IngestResult",
    "document_id",
    "iter_documents",
    "read_all",
]
