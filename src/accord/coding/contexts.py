"""PLOVER contexts from the words of an event's sentence (``data/contexts.yaml``)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING

from accord import yamlfile
from accord.actors.doc_index import span_text

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

# every diplomatic act is diplomatic even when the sentence names no diplomatic word
_TYPE_DEFAULTS = {"CONSULT": "diplomatic", "SUPPORT": "diplomatic", "AGREE": "diplomatic",
                  "ASSAULT": "military", "MOBILIZE": "military"}


@functools.cache
def _cues() -> tuple[dict[str, str], list[tuple[str, re.Pattern[str], str]]]:
    """The one-word cues (word -> context) and the phrases (the phrase, its pattern, context)."""
    data = yamlfile.safe_load((resources.files("accord") / "data" / "contexts.yaml").read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    phrases: list[tuple[str, re.Pattern[str], str]] = []
    for context, cues in data.items():
        for cue in cues:
            cue = str(cue).lower()
            if " " in cue or "'" in cue:
                phrases.append((cue, re.compile(r"\b" + re.escape(cue) + r"\b"), context))
            else:
                words.setdefault(cue, context)
    return words, phrases


def contexts_for(sent: SpacySpan, event_type: str, seen: dict[int, frozenset[str]] | None = None) -> list[str]:
    """The contexts of an event of ``event_type`` in ``sent``. ``seen``: the contexts of the
    document's sentences read so far, by sentence start (several events share a sentence)."""
    found = seen.get(sent.start) if seen is not None else None
    if found is None:
        found = sentence_contexts(sent)
        if seen is not None:
            seen[sent.start] = found
    default = _TYPE_DEFAULTS.get(event_type)
    return sorted(found | {default}) if default is not None else sorted(found)


def sentence_contexts(sent: SpacySpan) -> frozenset[str]:
    """The contexts the words and phrases of ``sent`` name."""
    words, phrases = _cues()
    found: set[str] = set()
    for tok in sent:
        for key in (tok.lower_, tok.lemma_.lower()):
            if key in words:
                found.add(words[key])
    low = span_text(sent).lower()
    for phrase, pattern, context in phrases:
        if phrase in low and pattern.search(low):  # (the pattern only adds word bounds to the phrase)
            found.add(context)
    return frozenset(found)
