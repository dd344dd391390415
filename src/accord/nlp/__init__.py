"""The spaCy side: the pinned model loaded once per process, and accord's components around it
(tagger fixes, stand-ins for slow components, entity and attribute rules, memoised lemmas)."""

from accord.nlp.loader import get_pipeline, headline_variant, load_model, model_meta, parse_pieces

__all__ = ["get_pipeline", "headline_variant", "load_model", "model_meta", "parse_pieces"]
