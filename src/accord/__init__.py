"""accord: evidence-linked political event data from international news.

The public API is what ``__all__`` names; everything else lives in modules that may change.

    >>> import accord
    >>> coded = accord.code_text("Russia accused Ukraine on Tuesday of shelling villages.", "2024-03-06")
    >>> [(e.type, e.actor[0].country, e.recipient[0].country, e.date.value) for e in coded.events]
    [('ACCUSE', 'RUS', 'UKR', '2024-03-05')]

``Pipeline(PipelineConfig(lexicon=..., gazetteer=...))`` codes with your own trigger lexicon or
gazetteer; each ``CodedDocument.provenance`` says which coded it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.errors import AccordError
from accord.model import (
    Actor,
    CodedDocument,
    DateValue,
    Document,
    Event,
    MergedEvent,
    Place,
    Problem,
    Provenance,
    Span,
)

if TYPE_CHECKING:
    from accord.actors.gazetteer import Gazetteer
    from accord.coding.lexicon import Lexicon
    from accord.pipeline import Pipeline, PipelineConfig, Stage, code_text

from accord.version import __version__

__all__ = [
    "AccordError",
    "Actor",
    "CodedDocument",
    "DateValue",
    "Document",
    "Event",
    "Gazetteer",
    "Lexicon",
    "MergedEvent",
    "Pipeline",
    "PipelineConfig",
    "Place",
    "Problem",
    "Provenance",
    "Span",
    "Stage",
    "__version__",
    "code_text",
]

# Imported on first use: the pipeline pulls in spaCy (a second or more), which `import accord`
# and `accord --help` must not pay for.
_LAZY = {
    "Gazetteer": "accord.actors.gazetteer",
    "Lexicon": "accord.coding.lexicon",
    "Pipeline": "accord.pipeline",
    "PipelineConfig": "accord.pipeline",
    "Stage": "accord.pipeline",
    "code_text": "accord.pipeline",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'accord' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
