"""Dyad analytics over stored events: periods, indices, what changed, commitments, coverage,
topics and a country's partners. Pure functions over records the store returns."""
