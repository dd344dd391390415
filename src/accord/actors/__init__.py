"""Who: gazetteers (countries, bodies, titles, people), actor mentions resolved in a parsed
document, and the corpus-wide registry of canonical actors."""
