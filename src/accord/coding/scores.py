"""PLOVER conflict-cooperation scores and the CAMEO crosswalk, read from ``data/plover_types.tsv``."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class TypeInfo:
    score: float
    cameo: str
    quad: int


@functools.cache
def _table() -> dict[tuple[str, str], TypeInfo]:
    text = (resources.files("accord") / "data" / "plover_types.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {(r["type"], r["mode"] or ""): TypeInfo(float(r["score"]), r["cameo"], int(r["quad"])) for r in rows}


def type_info(event_type: str, mode: str | None = None) -> TypeInfo | None:
    table = _table()
    return table.get((event_type, mode or "")) or table.get((event_type, ""))


def score_of(event_type: str, mode: str | None = None) -> tuple[float | None, str | None]:
    """(PLOVER score, CAMEO root code) of a type and mode."""
    info = type_info(event_type, mode)
    return (info.score, info.cameo) if info else (None, None)
