"""A dyad's view from an open store: what the API's dyad analytics and briefs are computed over.

The same view as ``accord dyad``/``accord report`` (``accord.views.dyad_view``): the facts of
the pair's merged events as ``accord merge`` keeps them (those missing or stale worked out from
their members), each stored event that no merged event holds yet counted alone, the documents
they cite, and their context (the other events of those documents that may be commitments, the
extractor versions, the store's latest publication date), so that the API's analytics equal the
CLI's.
"""

from __future__ import annotations

import dataclasses

from accord.store import Store
from accord.views import DyadView, dyad_view


def load(store: Store, dyad: tuple[str, str], *, texts: bool = False) -> DyadView:
    """``views.dyad_view`` (what ``accord dyad`` reads; ``texts``: every document's text, for
    their topics); events that no merge has touched are reported as unmerged only next to
    merged events."""
    view = dyad_view(store, dyad, texts=texts)
    merged_proper = len(view.facts) - view.unmerged
    return view if merged_proper else dataclasses.replace(view, unmerged=0)
