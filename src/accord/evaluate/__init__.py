"""Evaluation: scorers for every gold format (``scoring``, ``plv``, ``timex``) and what
``accord eval`` runs (``runs``)."""
