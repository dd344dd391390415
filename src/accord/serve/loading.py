"""The merged view of a dyad (or of the whole store) from an open store: what the dyad
analytics and the brief are computed over.

The same view as ``accord dyad``/``accord report`` (``dedup.view.merged_view``): merged events
whose representative is of the dyad, each stored event that no merged event holds yet counted
alone, the documents they cite, and their context (the other events of those documents, which
the commitments ledger reads; the extractor versions; the store's latest publication date), so
that the API's analytics equal the CLI's.
"""

from __future__ import annotations

import dataclasses

from accord.dedup.view import MergedView, merged_view
from accord.store import Store


def load(store: Store, dyad: tuple[str, str] | None = None) -> MergedView:
    """``dedup.view.merged_view`` (what ``accord dyad`` reads); events that no merge has
    touched are reported as unmerged only next to merged events."""
    view = merged_view(store, dyad)
    merged_proper = len(view.merged) - view.unmerged
    return view if merged_proper else dataclasses.replace(view, unmerged=0)
