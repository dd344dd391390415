"""The pipeline's matrix products run on numpy's BLAS, one thread during a parse, with the same
annotations as spaCy's blis."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from accord.nlp.loader import get_pipeline, load_model, parse_pieces
from accord.nlp.matmul import blas_threads, one_blas_thread, use_numpy_blas, uses_numpy_blas

# headlines, quotes, numbers, titles and long sentences: tags, arcs and entities all in play
TEXTS = [
    "Azerbaijan and Ukraine sign memorandum on energy cooperation",
    "President Ilham Aliyev received Ukraine's Foreign Minister Dmytro Kuleba in Baku on Tuesday, "
    "the presidential press service said.",
    "\"We will not accept any threats,\" Lukashenko told reporters in Minsk, adding that Belarus "
    "would expel two Lithuanian diplomats within 48 hours.",
    "The talks, which began in May 2023 in Geneva under UN auspices, stalled after Russia "
    "rejected a ceasefire proposal backed by the European Union and the United States.",
    "Protesters gathered outside the embassy; police detained 14 people, the ministry said.",
]


def _annotations(docs) -> list[list[tuple]]:
    return [[(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in doc]
            for doc in docs]


def test_the_pipeline_multiplies_with_numpy_and_spacy_as_shipped_with_blis():
    assert uses_numpy_blas(get_pipeline())
    assert not uses_numpy_blas(load_model())  # the benchmark's ceiling is left as shipped


def test_numpy_and_blis_give_the_same_annotations():
    blis = load_model()
    numpy_blas = load_model()
    use_numpy_blas(numpy_blas)
    assert uses_numpy_blas(numpy_blas)
    assert _annotations(parse_pieces(numpy_blas, TEXTS)) == _annotations(parse_pieces(blis, TEXTS))


def test_numpy_ops_multiply_as_blis_does():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((300, 96), dtype=np.float32)
    w = rng.standard_normal((288, 96), dtype=np.float32)
    with_blis = NumpyOps().gemm(x, w, trans2=True)
    with_numpy = NumpyOps(use_blis=False).gemm(x, w, trans2=True)
    assert with_numpy.dtype == np.float32 and with_numpy.shape == (300, 288)
    np.testing.assert_allclose(with_numpy, with_blis, rtol=1e-5, atol=1e-4)


def test_one_blas_thread_holds_the_blas_to_one_thread_and_gives_back_the_setting():
    before = blas_threads()
    if before is None:
        pytest.skip("numpy reports no BLAS library to limit")
    with one_blas_thread():
        assert blas_threads() == 1
    assert blas_threads() == before
