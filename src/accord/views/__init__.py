"""Materialised views over the store: what the readers (``accord dyad``, ``accord report``, the
API) would otherwise work out from every member of every merged event at each request.

* ``facts``: ``refresh_facts`` keeps the dyad report's facts of each merged event
  (``accord.analytics.dyad.EventFacts``) in the store after a merge;
* ``dyad``: ``dyad_view`` reads a pair's facts (working out again those missing or stale) with
  the events no merge holds yet and the context the commitments ledger needs, and
  ``dyad_report`` adds them up; ``events_of`` reads the few merged events a brief quotes.

The records are shortcuts only: a store whose facts are missing or stale gives the same report,
worked out from the members. This package sits above the store, merging and analytics.
"""

from accord.views.dyad import DyadView, dyad_report, dyad_view, events_of
from accord.views.facts import refresh_facts

__all__ = ["DyadView", "dyad_report", "dyad_view", "events_of", "refresh_facts"]
