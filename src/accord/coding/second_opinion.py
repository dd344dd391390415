"""A learned second opinion on words the trigger lexicon does not know.

``load()`` returns a callable ``opinion(token) -> Trigger | None`` for the coder, or None when no
model ships with this build (then only the rules code events).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from accord.coding.lexicon import Trigger


def load() -> Callable[[Token], Trigger | None] | None:
    return None
