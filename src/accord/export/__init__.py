"""Exports: stored events as JSONL, CSV or Parquet (``events``); merged events as a GDELT-like
TSV and the actor network as GraphML (``merged``)."""
