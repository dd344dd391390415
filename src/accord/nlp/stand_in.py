"""A pipeline component that runs a faster, exact replacement of one of the model's components
(``attribute_rules``, ``lemmas``) under the component's own name and place.

A factory's config must be serialisable and the compiled replacement is not, so the registered
component starts empty and ``stand_in`` hands it the replacement after ``replace_pipe``.
Everything a caller reads from the component other than running it (``patterns``, ``lookups``,
``mode``...) is the model's original's."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc


class StandIn:
    def __init__(self) -> None:
        self.fast: Callable[[Doc], Doc] | None = None
        self.original: Any = None  # the model's component it stands in for

    def stand_in(self, fast: Callable[[Doc], Doc], original: Any) -> None:
        self.fast, self.original = fast, original

    def __call__(self, doc: Doc) -> Doc:
        return self.fast(doc) if self.fast is not None else doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """``nlp.pipe`` calls a component's ``pipe`` when it has one: without this method the
        lookup below would hand it the original's, and the stand-in would never run."""
        for doc in docs:
            yield self(doc)

    def __getattr__(self, name: str) -> Any:
        original = self.__dict__.get("original")
        if original is None:
            raise AttributeError(name)
        return getattr(original, name)
