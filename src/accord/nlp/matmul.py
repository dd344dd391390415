"""The model's matrix products on numpy's BLAS, one thread at a time.

spaCy's CPU pipelines multiply matrices through thinc's ``NumpyOps``, which calls blis. Half of
the parse is those products: the maxout layers of the two tok2vec networks (the shared one and
the NER's own), then the static vectors and the parser's and NER's precomputed layers. numpy's
BLAS (OpenBLAS in the Linux and Windows wheels, Accelerate on macOS) does them in about half
blis's time on the machines measured: one product of the tok2vec's shape (10,000 x 288 by
288 x 288), 14.6 ms with blis and 7.8 ms with OpenBLAS on one core of an AVX-512 Xeon, and
the parse of `accord bench`'s 2,000 articles 27 s -> 21 s. The annotations are the same: the
products differ at most in the last bits of a float, too little to move any tag, arc or
entity (``tests/nlp/test_matmul.py`` parses with both; 1,000 bench articles, 271,000 tokens,
were compared token by token when this was written).

thinc supports this itself: ``NumpyOps(use_blis=False)`` hands ``gemm`` to numpy. The parser's
and NER's transition steps keep blis (they take a C pointer from ``ops.cblas()``, unchanged).

numpy's BLAS would otherwise start a thread per core for each large product. A run already
uses every core with its processes, so more threads only make them wait for each other; a
one-process run is one core, as asked. ``one_blas_thread`` holds the BLAS to one thread for
the span of a parse and gives back whatever was set before.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language


def use_numpy_blas(nlp: Language) -> None:
    """Point every layer of ``nlp``'s trained components at ``NumpyOps(use_blis=False)``."""
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


def uses_numpy_blas(nlp: Language) -> bool:
    """True when every layer of ``nlp``'s trained components multiplies through numpy's BLAS."""
    from thinc.api import Model, NumpyOps

    models = [getattr(component, "model", None) for _name, component in nlp.pipeline]
    layers = [layer for model in models if isinstance(model, Model) for layer in model.walk()]
    return bool(layers) and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


@functools.cache
def _controller() -> Any:
    # finding the loaded BLAS libraries walks the process's shared objects: once per process
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block; its earlier setting after."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


def blas_threads() -> int | None:
    """The most threads any loaded BLAS library will use now (None: no BLAS found)."""
    found = [info["num_threads"] for info in _controller().info() if info.get("user_api") == "blas"]
    return max(found) if found else None
