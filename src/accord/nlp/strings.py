"""The strings of a doc's hashes (``Doc.to_array`` of ORTH, LOWER...), looked up once each.

spaCy's string store is a hash table behind a Python call per lookup; a column of a doc repeats
most of its words, and most words of a text were seen in the texts before it, so the components
that read whole columns keep a memo from doc to doc and look each new hash up once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.strings import StringStore

MEMO_MAX = 500_000  # a memo, bounded: cleared when it grows past this many strings


def strings_of(hashes: list[int], memo: dict[int, str], strings: StringStore) -> list[str]:
    """``[strings[h] for h in hashes]``, through ``memo`` (the caller's, kept from call to call;
    filled in here with the hashes it lacked)."""
    try:
        return list(map(memo.__getitem__, hashes))
    except KeyError:  # words not seen before
        if len(memo) > MEMO_MAX:
            memo.clear()
        for h in set(hashes).difference(memo):
            memo[h] = strings[h]
        return list(map(memo.__getitem__, hashes))
