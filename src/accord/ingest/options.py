"""Options shared by every reader: column names, glob filters, forced format, limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from accord.errors import ConfigError

FORMATS: tuple[str, ...] = ("text", "jsonl", "json", "csv", "tsv", "html", "feed")
_FORMAT_ALIASES = {
    "txt": "text", "seed": "text", "plain": "text",
    "ndjson": "jsonl", "jsonlines": "jsonl",
    "htm": "html",
    "rss": "feed", "atom": "feed", "xml": "feed",
}


def normalise_format(name: str | None) -> str | None:
    """``"NDJSON"`` -> ``"jsonl"``; None stays None; unknown names raise ConfigError."""
    if name is None:
        return None
    key = name.strip().lower()
    key = _FORMAT_ALIASES.get(key, key)
    if key not in FORMATS:
        raise ConfigError(
            f"unknown input format {name!r}; use one of: {', '.join(FORMATS)} (or leave it out to detect)"
        )
    return key


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Names of the columns (CSV) or keys (JSON/JSONL) holding each field.

    Each field accepts several names; the first one present in a record wins. Matching is
    exact first, then case-insensitive.
    """

    text: tuple[str, ...] = ("text", "body", "content", "article", "story")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published", "publish_date", "pub_date", "datetime", "timestamp")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "publisher", "outlet")
    author: tuple[str, ...] = ("author", "byline", "authors")
    id: tuple[str, ...] = ("id", "doc_id", "guid")

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """Overrides from ``"text=body,date=pubdate"``; ``"text=body|summary"`` gives several names.

        Fields not named keep their defaults. A bad spec raises ConfigError saying how to write one.
        """
        keys = [f.name for f in fields(cls)]
        example = "text=body,date=pubdate"
        overrides: dict[str, tuple[str, ...]] = {}
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            key, sep, value = part.partition("=")
            key = key.strip().lower()
            if not sep:
                raise ConfigError(
                    f"column mapping {part!r} has no '='; write FIELD=COLUMN, e.g. --columns {example}"
                )
            if key not in keys:
                raise ConfigError(
                    f"unknown field {key!r} in column mapping {spec!r}; fields are: {', '.join(keys)}"
                )
            names = tuple(n.strip() for n in value.split("|") if n.strip())
            if not names:
                raise ConfigError(
                    f"column mapping {part!r} names no column; write FIELD=COLUMN, e.g. --columns {example}"
                )
            if key in overrides:
                raise ConfigError(f"field {key!r} is mapped twice in {spec!r}; map each field once")
            overrides[key] = names
        if not overrides:
            raise ConfigError(f"empty column mapping {spec!r}; write e.g. --columns {example}")
        return replace(cls(), **overrides)

    def pick(self, field: str, available: Sequence[str]) -> str | None:
        """The first configured name for ``field`` found among ``available`` keys, or None."""
        names: tuple[str, ...] = getattr(self, field)
        present = set(available)
        for name in names:
            if name in present:
                return name
        lowered = {k.lower(): k for k in reversed(list(available)) if isinstance(k, str)}
        for name in names:
            hit = lowered.get(name.lower())
            if hit is not None:
                return hit
        return None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    include: tuple[str, ...] = ()  # glob patterns for files inside directories (e.g. "*.txt")
    exclude: tuple[str, ...] = ()
    columns: ColumnMap = ColumnMap()
    format: str | None = None  # force "text"|"jsonl"|"json"|"csv"|"tsv"|"html"|"feed"; None = detect
    max_chars: int = 1_000_000  # longer documents are skipped with a Problem (spaCy's max_length)
    timeout: float = 20.0  # URL fetches

    def __post_init__(self) -> None:
        normalise_format(self.format)  # raises ConfigError for unknown names
        if self.max_chars <= 0:
            raise ConfigError(f"max_chars must be positive, got {self.max_chars}")
        if self.timeout <= 0:
            raise ConfigError(f"timeout must be positive, got {self.timeout}")
        for name in ("include", "exclude"):
            if isinstance(getattr(self, name), str):
                raise ConfigError(f"{name} must be a tuple of glob patterns, not one string")

    @property
    def max_file_bytes(self) -> int:
        """Largest file read whole (text, HTML, JSON, feeds): 64 MiB, or more with a larger max_chars."""
        return max(64 * 2**20, 16 * self.max_chars)
